//! The bytes of the case file's documents, outside the database: one file
//! each, named by its SHA-256 (`ab/abcdef…`), written whole (a temporary
//! file made durable, then renamed) and readable by the owner only. The
//! same bytes attached twice are kept once; a file is never changed once
//! written, so backups copy only what they lack, and reading checks the
//! hash, so a damaged file is named rather than handed out.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use rusqlite::{Connection, OptionalExtension};

use super::private::{private_file, private_folder};
use super::StoreError;

/// The SHA-256 of some bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Why a document's bytes could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// Not where it should be.
    #[error("the content of {name} is missing from {}: restore the latest backup, which keeps documents too", .dir.display())]
    Missing {
        /// The document's name.
        name: String,
        /// The folder.
        dir: PathBuf,
    },
    /// There, but not the bytes that were kept.
    #[error("the content of {name} ({}) has been damaged on disk: restore the latest backup, which keeps documents too", .path.display())]
    Damaged {
        /// The document's name.
        name: String,
        /// The file.
        path: PathBuf,
    },
    /// The folder could not be written or read.
    #[error("cannot use the documents folder {}: {source}", .dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A folder of document contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    dir: PathBuf,
}

impl Contents {
    /// The documents folder of a database file: `<name>-documents` beside it.
    pub fn beside(database: &Path) -> Contents {
        let stem = database
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "redress".to_owned());
        Contents {
            dir: database.with_file_name(format!("{stem}-documents")),
        }
    }

    /// A documents folder at this path.
    pub fn at(dir: PathBuf) -> Contents {
        Contents { dir }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2.min(sha256.len())]).join(sha256)
    }

    fn folder_error(&self, source: std::io::Error) -> ContentError {
        ContentError::Folder {
            dir: self.dir.clone(),
            source,
        }
    }

    /// Whether the bytes with this hash are here.
    pub fn has(&self, sha256: &str) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Keeps bytes (once: if they are here already, nothing is written) and
    /// gives their hash.
    pub fn put(&self, bytes: &[u8]) -> Result<String, ContentError> {
        let sha256 = sha256_hex(bytes);
        self.put_as(&sha256, bytes)?;
        Ok(sha256)
    }

    fn put_as(&self, sha256: &str, bytes: &[u8]) -> Result<(), ContentError> {
        let path = self.path_of(sha256);
        if path.is_file() {
            return Ok(());
        }
        let folder = path.parent().unwrap_or(&self.dir);
        private_folder(folder).map_err(|e| self.folder_error(e))?;
        let temp = folder.join(format!(".{sha256}.{}.part", std::process::id()));
        let written = private_file(&temp).and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
        let placed = written.and_then(|()| std::fs::rename(&temp, &path));
        if let Err(err) = placed {
            let _ = std::fs::remove_file(&temp);
            return Err(self.folder_error(err));
        }
        Ok(())
    }

    /// The bytes with this hash, checked against it.
    pub fn get(&self, sha256: &str, name: &str) -> Result<Vec<u8>, ContentError> {
        let path = self.path_of(sha256);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(ContentError::Missing {
                    name: name.to_owned(),
                    dir: self.dir.clone(),
                })
            }
            Err(err) => return Err(self.folder_error(err)),
        };
        if sha256_hex(&bytes) != sha256 {
            return Err(ContentError::Damaged {
                name: name.to_owned(),
                path,
            });
        }
        Ok(bytes)
    }

    /// Copies the bytes with this hash from another folder, checked, unless
    /// they are here already. Whether anything was copied.
    pub fn copy_from(
        &self,
        other: &Contents,
        sha256: &str,
        name: &str,
    ) -> Result<bool, ContentError> {
        if self.has(sha256) {
            return Ok(false);
        }
        let bytes = other.get(sha256, name)?;
        self.put_as(sha256, &bytes)?;
        Ok(true)
    }

    /// Removes the bytes with this hash, if here.
    pub fn remove(&self, sha256: &str) -> Result<(), ContentError> {
        match std::fs::remove_file(self.path_of(sha256)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(self.folder_error(err)),
            _ => Ok(()),
        }
    }

    /// Every hash kept here.
    pub fn all(&self) -> Result<Vec<String>, ContentError> {
        let mut found = Vec::new();
        let top = match std::fs::read_dir(&self.dir) {
            Ok(top) => top,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(found),
            Err(err) => return Err(self.folder_error(err)),
        };
        for group in top.flatten().filter(|e| e.path().is_dir()) {
            let inner = std::fs::read_dir(group.path()).map_err(|e| self.folder_error(e))?;
            for file in inner.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
                    found.push(name);
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

/// Every document's hash and name in a database (its own or a backup's).
pub(super) fn hashes_in(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if has_table.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT sha256, min(name) FROM documents GROUP BY sha256 ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| r.try_into())?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_kept_once_and_checked_when_read() {
        let dir = tempfile::tempdir().expect("dir");
        let contents = Contents::beside(&dir.path().join("redress.db"));
        assert!(contents.dir().ends_with("redress-documents"));
        let sha = contents.put(b"hello").expect("put");
        assert_eq!(contents.put(b"hello").expect("again"), sha);
        assert_eq!(contents.all().expect("all"), vec![sha.clone()]);
        assert_eq!(contents.get(&sha, "a.txt").expect("get"), b"hello");
        let empty = contents.put(b"").expect("empty");
        assert_eq!(contents.get(&empty, "e").expect("get"), b"");
        std::fs::write(contents.path_of(&sha), b"HELLO").expect("damage");
        assert!(matches!(
            contents.get(&sha, "a.txt"),
            Err(ContentError::Damaged { .. })
        ));
        contents.remove(&sha).expect("remove");
        assert!(matches!(
            contents.get(&sha, "a.txt"),
            Err(ContentError::Missing { .. })
        ));
    }
}
