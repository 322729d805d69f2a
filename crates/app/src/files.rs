//! Files the front ends write and read for the user: saved whole or not at
//! all (a temporary file renamed into place), readable by the owner only,
//! never over the database, its journal files or its backups, never over an
//! existing file unless asked; and read with a limit, so a wrong path (a
//! device, a huge file) gets a clear message instead of exhausting memory.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file was not written or read. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The path is the database, one of its journal files or a backup.
    #[error("{0} is the Redress database or one of its own files: it was not touched; choose another file name")]
    WouldOverwriteDatabase(PathBuf),
    /// The file exists and replacing it was not asked for.
    #[error("{0} already exists, so it was left as it was: choose another name, or pass --force to replace it")]
    Exists(PathBuf),
    /// The file is bigger than Redress reads.
    #[error(
        "{path} is larger than {limit}, more than a {what} can be: check it is the right file"
    )]
    TooBig {
        /// The file.
        path: PathBuf,
        /// The limit, in words.
        limit: String,
        /// What it was read as.
        what: &'static str,
    },
    /// Not a regular file (a folder, a device).
    #[error("{0} is not a file: give the path of a file")]
    NotAFile(PathBuf),
    /// The operating system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Refuse an existing file.
    Never,
    /// Replace it (`--force`, or a document Redress itself names).
    Allowed,
}

/// The size limits of what the front ends read.
pub mod limits {
    /// A policy, template, wording or settings file.
    pub const TEXT: u64 = 1024 * 1024;
    /// A spreadsheet or backup file to import.
    pub const IMPORT: u64 = 512 * 1024 * 1024;
    /// A logo image.
    pub const IMAGE: u64 = 5 * 1024 * 1024;
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FileError + '_ {
    move |source| FileError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The path as the file system names it (its folder resolved), for
/// comparing two paths that may be written differently.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => path.to_owned(),
    }
}

/// A path as the file system compares names: Windows' and macOS's ignore
/// case (`REDRESS.DB-wal` is the journal of `redress.db` there), Linux's
/// do not.
fn as_compared(path: &Path) -> PathBuf {
    if cfg!(any(windows, target_os = "macos")) {
        PathBuf::from(path.as_os_str().to_string_lossy().to_lowercase())
    } else {
        path.to_owned()
    }
}

/// The folder beside the database that holds its backups: never written
/// over by what the user saves.
pub const BACKUPS_FOLDER: &str = "Backups";

/// Whether `path` is the database at `db`, a journal beside it, or in the
/// backups folder beside it (whatever the case of its name, on a system
/// whose file names ignore case).
pub fn is_database_file(path: &Path, db: &Path) -> bool {
    let path = as_compared(&resolved(path));
    let db = as_compared(&resolved(db));
    let db_text = db.as_os_str().to_string_lossy().into_owned();
    let path_text = path.as_os_str().to_string_lossy().into_owned();
    if path == db
        || ["-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| path_text == format!("{db_text}{suffix}"))
    {
        return true;
    }
    db.parent()
        .map(|folder| path.starts_with(as_compared(&folder.join(BACKUPS_FOLDER))))
        .unwrap_or(false)
}

/// Writes `bytes` to `path` whole or not at all, readable by the owner only.
pub fn save_private(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    database: Option<&Path>,
) -> Result<(), FileError> {
    save_private_with(path, replace, database, |out| {
        out.write_all(bytes).map_err(io(path))
    })
}

/// Writes what `write` writes to `path`, whole or not at all, readable by
/// the owner only: it goes to a temporary file beside it, renamed into
/// place only when `write` and the disk have both finished, so a file too
/// big to hold in memory (every case, exported) is streamed.
pub fn save_private_with<E: From<FileError>>(
    path: &Path,
    replace: Replace,
    database: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    if database.is_some_and(|db| is_database_file(path, db)) {
        return Err(FileError::WouldOverwriteDatabase(path.to_owned()).into());
    }
    if path.is_dir() {
        return Err(FileError::NotAFile(path.to_owned()).into());
    }
    if replace == Replace::Never && path.exists() {
        return Err(FileError::Exists(path.to_owned()).into());
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".redress-")
        .tempfile_in(folder)
        .map_err(io(path))?;
    // tempfile makes the file 0600 on Unix: readable by the owner only.
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush().map_err(io(path))?;
    }
    temp.as_file().sync_all().map_err(io(path))?;
    let persisted = match replace {
        Replace::Allowed => temp.persist(path).map(drop).map_err(|e| io(path)(e.error)),
        // Not over a file made meanwhile.
        Replace::Never => {
            temp.persist_noclobber(path)
                .map(drop)
                .map_err(|e| match e.error.kind() {
                    std::io::ErrorKind::AlreadyExists => FileError::Exists(path.to_owned()),
                    _ => io(path)(e.error),
                })
        }
    };
    Ok(persisted?)
}

/// Makes a folder for the user's files, readable by the owner only.
pub fn private_folder(path: &Path) -> Result<(), FileError> {
    redress_store::private_folder(path).map_err(io(path))
}

/// Whether asking about `path` failed because it names a device (`NUL`,
/// `CON`, `COM1`) rather than a file or folder: Windows answers a question
/// about a device's file information with "incorrect function" (1), "the
/// handle is invalid" (6) or "the parameter is incorrect" (87).
fn names_a_device(err: &std::io::Error) -> bool {
    cfg!(windows) && matches!(err.raw_os_error(), Some(1 | 6 | 87))
}

/// Reads a whole file of at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, FileError> {
    // Asked before opening: Windows refuses to open a folder as a file
    // ("Access is denied"), which would not say what is wrong.
    let not_a_file = || FileError::NotAFile(path.to_owned());
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_a_file()),
        Err(err) if names_a_device(&err) => return Err(not_a_file()),
        _ => {}
    }
    let failed = |err: std::io::Error| {
        if names_a_device(&err) {
            not_a_file()
        } else {
            io(path)(err)
        }
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    let too_big = || FileError::TooBig {
        path: path.to_owned(),
        limit: redress::words::size(limit),
        what,
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io(path))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_files_are_never_written_over() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("i.db");
        std::fs::write(&db, b"cases").expect("db");
        for name in ["i.db", "i.db-wal", "i.db-shm", "Backups/x.db"] {
            let err = save_private(&dir.path().join(name), b"x", Replace::Allowed, Some(&db))
                .expect_err(name);
            assert!(
                matches!(err, FileError::WouldOverwriteDatabase(_)),
                "{name}"
            );
        }
        // Written differently, still the database.
        let roundabout = dir.path().join(".").join("i.db");
        assert!(save_private(&roundabout, b"x", Replace::Allowed, Some(&db)).is_err());
        // In other capitals, the same files where names ignore case.
        #[cfg(any(windows, target_os = "macos"))]
        for name in ["I.DB", "I.db-WAL", "backups/x.db"] {
            let err = save_private(&dir.path().join(name), b"x", Replace::Allowed, Some(&db))
                .expect_err(name);
            assert!(
                matches!(err, FileError::WouldOverwriteDatabase(_)),
                "{name}"
            );
        }
        assert_eq!(std::fs::read(&db).expect("db"), b"cases");
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing_is_asked_for() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.csv");
        std::fs::write(&path, b"old").expect("old");
        assert!(matches!(
            save_private(&path, b"new", Replace::Never, None),
            Err(FileError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        save_private(&path, b"new", Replace::Allowed, None).expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn reading_stops_at_the_limit_and_refuses_devices() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'a'; 2048]).expect("big");
        assert!(matches!(
            read_bounded(&path, 1024, "policy"),
            Err(FileError::TooBig { .. })
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 1024, "policy"),
            Err(FileError::NotAFile(_))
        ));
        #[cfg(windows)]
        assert!(matches!(
            read_bounded(Path::new("NUL"), 1024, "policy"),
            Err(FileError::NotAFile(_))
        ));
        assert!(matches!(
            read_bounded(dir.path(), 1024, "policy"),
            Err(FileError::NotAFile(_))
        ));
    }
}
