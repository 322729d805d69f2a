//! Keeping the file safe: what is checked before a database is written to
//! (Redress's own, not newer, passing SQLite's quick check), copies made with
//! SQLite's online backup API and checked after writing, restoring one only
//! after it passes `integrity_check`, and files and folders made readable by
//! their owner only.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::private::{private_file, private_folder};
use super::{Contents, Store, StoreError, APPLICATION_ID};

/// Why a backup could not be made or restored. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup is not a sound Redress database.
    #[error(
        "the backup {path} cannot be used: {reason}; nothing was changed (choose another backup)"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// Writing the copy failed.
    #[error("cannot write the backup {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A document the backup holds is in neither the live documents folder
    /// nor the backup's.
    #[error("the backup {path} names a document ({name}) whose content is in neither {} nor the backup's documents folder: nothing was changed (choose another backup)", .live.display())]
    DocumentMissing {
        /// The backup.
        path: PathBuf,
        /// The document.
        name: String,
        /// The live documents folder.
        live: PathBuf,
    },
    /// The database refused.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<super::ContentError> for BackupError {
    fn from(err: super::ContentError) -> BackupError {
        BackupError::Store(StoreError::Content(err))
    }
}

impl From<rusqlite::Error> for BackupError {
    fn from(err: rusqlite::Error) -> BackupError {
        BackupError::Store(StoreError::Sqlite(err))
    }
}

/// What a full check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// `PRAGMA integrity_check`'s findings; empty when sound.
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_keys: usize,
    /// The audit chain's verdict.
    pub audit: super::AuditVerdict,
    /// Cases held.
    pub cases: u64,
    /// Documents whose bytes are missing or damaged, with why.
    pub documents: Vec<String>,
}

impl Health {
    /// Whether nothing is wrong.
    pub fn sound(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys == 0
            && self.audit.problem.is_none()
            && self.documents.is_empty()
    }
}

/// The newest schema this build knows.
fn known_version() -> i64 {
    super::migrations_count()
}

/// Refuses, before anything is written, a file that is not Redress's, is
/// newer than this build, or fails the quick check.
pub(super) fn check_opening(
    conn: &Connection,
    path: &Path,
    quick_check: bool,
) -> Result<(), StoreError> {
    check_identity(conn, path)?;
    if !quick_check {
        return Ok(());
    }
    let findings = opening_check(conn, path)?;
    if let Some(first) = findings.into_iter().next() {
        return Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: first,
        });
    }
    Ok(())
}

fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let application: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let foreign = (application != 0 && application != APPLICATION_ID)
        || (version == 0 && tables > 0)
        || (version > 0 && application == 0 && !has_table(conn, "cases")?);
    if foreign {
        return Err(StoreError::Foreign(path.to_owned()));
    }
    if version > known_version() {
        return Err(StoreError::Newer {
            path: path.to_owned(),
            version,
            known: known_version(),
        });
    }
    Ok(())
}

fn has_table(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// SQLite's quick check of the file at opening: every table and index, page
/// by page, and every page accounted for (free or used once), on a
/// connection of its own that knows no virtual table modules. With FTS5
/// loaded, a quick check also tokenises every case's text again to compare
/// it with the search index: two thirds of the check's work, for an index
/// derived from the cases and rebuilt from them. `redress check` and every
/// backup still run the full integrity check, the search index's included.
fn opening_check(conn: &Connection, path: &Path) -> Result<Vec<String>, StoreError> {
    if conn.path().map_or(true, str::is_empty) {
        // In memory: no file for a second connection to open.
        return run_check(conn, "quick_check");
    }
    let checking = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    checking.busy_timeout(std::time::Duration::from_secs(30))?;
    without_virtual_tables(&checking);
    run_check(&checking, "quick_check")
}

/// Unregisters every virtual table module of this connection, so that its
/// integrity checks pass over virtual tables (their storage tables are
/// ordinary ones, checked like any other).
#[allow(unsafe_code)]
fn without_virtual_tables(conn: &Connection) {
    // SAFETY: the handle is that of `conn`, open for the whole call and used
    // on this thread only; a null list is sqlite3_drop_modules' documented
    // "keep none". It only removes names from the connection's own table of
    // modules, none of which is in use on this new connection.
    unsafe {
        rusqlite::ffi::sqlite3_drop_modules(conn.handle(), std::ptr::null_mut());
    }
}

/// `quick_check` or `integrity_check`: each problem found (none: sound).
fn run_check(conn: &Connection, pragma: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows.into_iter().filter(|row| row != "ok").collect())
}

/// The data version (schema) of a Redress database file, read without
/// changing it: older than this build's when an upgrade will migrate it.
pub fn schema_version(path: &Path) -> Result<i64, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| StoreError::NotADatabase(path.to_owned()))?;
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Whether opening this file will migrate it to a newer schema.
pub fn needs_upgrade(path: &Path) -> bool {
    schema_version(path).is_ok_and(|v| v > 0 && v < known_version())
}

/// A checked copy of a database file that is not open, through SQLite's
/// backup API (so its journal's committed pages come too): what is kept
/// before an upgrade migrates it.
pub fn copy_database(source: &Path, dest: &Path) -> Result<(), BackupError> {
    let from = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let write = |source| BackupError::Write {
        path: dest.to_owned(),
        source,
    };
    if let Some(folder) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        private_folder(folder).map_err(write)?;
    }
    private_file(dest).map_err(write)?;
    {
        let mut copy = Connection::open(dest)?;
        rusqlite::backup::Backup::new(&from, &mut copy)?.run_to_completion(
            1024,
            std::time::Duration::ZERO,
            None,
        )?;
        copy.pragma_update(None, "journal_mode", "DELETE")?;
    }
    check_backup(dest)
}

/// The documents (hash and name) a backup's data names.
pub fn documents_in_backup(path: &Path) -> Result<Vec<(String, String)>, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    super::contents::hashes_in(&conn)
}

/// Puts in `live` the bytes of every document the backup at `backup`
/// names that `live` lacks, from the first of `sources` that has them;
/// if one is nowhere, nothing is copied.
pub fn bring_documents(
    backup: &Path,
    live: &Contents,
    sources: &[Contents],
) -> Result<(), BackupError> {
    let hashes = documents_in_backup(backup)?;
    let missing = hashes
        .iter()
        .find(|(sha256, _)| !live.has(sha256) && !sources.iter().any(|d| d.has(sha256)));
    if let Some((_, name)) = missing {
        return Err(BackupError::DocumentMissing {
            path: backup.to_owned(),
            name: name.clone(),
            live: live.dir().to_owned(),
        });
    }
    for (sha256, name) in &hashes {
        if live.has(sha256) {
            continue;
        }
        if let Some(from) = sources.iter().find(|d| d.has(sha256)) {
            live.copy_from(from, sha256, name)?;
        }
    }
    Ok(())
}

/// Checks a copy: it opens read-only, is Redress's, not newer, and passes
/// the full integrity check.
pub fn check_backup(path: &Path) -> Result<(), BackupError> {
    let damaged = |reason: String| BackupError::Damaged {
        path: path.to_owned(),
        reason,
    };
    if !path.is_file() {
        return Err(damaged("there is no such file".to_owned()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|err| damaged(err.to_string()))?;
    match check_identity(&conn, path) {
        Ok(()) => {}
        Err(StoreError::Newer { version, .. }) => {
            return Err(damaged(format!(
                "a newer version of Redress made it (data version {version})"
            )))
        }
        Err(StoreError::Foreign(_)) => {
            return Err(damaged("it is not a Redress database".to_owned()))
        }
        Err(err) => return Err(damaged(sqlite_words(&err))),
    }
    let findings =
        run_check(&conn, "integrity_check").map_err(|err| damaged(sqlite_words(&err)))?;
    if let Some(first) = findings.into_iter().next() {
        return Err(damaged(format!("it is damaged ({first})")));
    }
    if !has_table(&conn, "cases").map_err(|err| damaged(sqlite_words(&err)))? {
        return Err(damaged("it holds no cases table".to_owned()));
    }
    Ok(())
}

fn sqlite_words(err: &StoreError) -> String {
    match err {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) => match failure.code {
            rusqlite::ErrorCode::NotADatabase => "it is not a database".to_owned(),
            rusqlite::ErrorCode::DatabaseCorrupt => "it is damaged".to_owned(),
            _ => err.to_string(),
        },
        other => other.to_string(),
    }
}

impl Store {
    /// Copies the whole database to `dest` with SQLite's online backup API
    /// (other connections may go on writing), checks the copy, and only then
    /// puts it in place, readable by the owner only. An existing `dest` is
    /// replaced only once the new copy is sound.
    pub fn backup_to(&self, dest: &Path, documents: &Contents) -> Result<(), BackupError> {
        let folder = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let write = |source| BackupError::Write {
            path: dest.to_owned(),
            source,
        };
        if !folder.exists() {
            private_folder(folder).map_err(write)?;
        }
        let name = dest
            .file_name()
            .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
        let partial = folder.join(format!(".{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        let made = (|| {
            private_file(&partial).map_err(write)?;
            {
                let mut copy = Connection::open(&partial)?;
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
                backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
                drop(backup);
                // One self-contained file, not a WAL beside it.
                copy.pragma_update(None, "journal_mode", "DELETE")?;
            }
            check_backup(&partial)?;
            // The copy's documents, from its own moment, are in place
            // before the copy is: a backup that exists has them all.
            let hashes = documents_in_backup(&partial)?;
            if !hashes.is_empty() {
                let live = self.contents()?;
                for (sha256, name) in &hashes {
                    documents.copy_from(&live, sha256, name)?;
                }
            }
            // Flushed through a handle that may write: Windows refuses
            // `FlushFileBuffers` on one opened only to read.
            std::fs::OpenOptions::new()
                .write(true)
                .open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(write)?;
            std::fs::rename(&partial, dest).map_err(write)
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        made
    }

    /// Replaces this database's data with the backup at `source`, after the
    /// backup passes [`check_backup`]. The copy goes through SQLite's backup
    /// API into the open file, so other connections see the restored data
    /// at their next read; the schema is then brought up to date (a backup
    /// may be older) and the audit trail notes the restore.
    pub fn restore_from(
        &mut self,
        source: &Path,
        documents: &[Contents],
        actor: &super::Actor,
    ) -> Result<(), BackupError> {
        check_backup(source)?;
        if documents_in_backup(source).is_ok_and(|h| !h.is_empty()) {
            bring_documents(source, &self.contents()?, documents)?;
        }
        {
            let from = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            backup
                .run_to_completion(1024, std::time::Duration::ZERO, None)
                .map_err(|err| StoreError::from(err).at(&self.path))?;
        }
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::from)?;
        super::migrations()
            .to_latest(&mut self.conn)
            .map_err(StoreError::from)?;
        let from = source.file_name().map_or_else(
            || source.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.transaction(actor, |tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('restored_from', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [from],
            )?;
            Ok(())
        })?;
        Ok(())
    }

    /// The full check `redress check` runs: `integrity_check`, the foreign
    /// keys, and the audit chain.
    pub fn check(&self) -> Result<Health, StoreError> {
        let integrity = run_check(&self.conn, "integrity_check")?;
        let foreign_keys = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count();
        let cases: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?;
        let mut documents = Vec::new();
        let hashes = super::contents::hashes_in(&self.conn)?;
        if !hashes.is_empty() {
            let live = self.contents()?;
            for (sha256, name) in hashes {
                if let Err(err) = live.get(&sha256, &name) {
                    documents.push(err.to_string());
                }
            }
        }
        Ok(Health {
            integrity,
            foreign_keys,
            audit: self.verify_audit()?,
            cases: u64::try_from(cases).unwrap_or(0),
            documents,
        })
    }
}
