//! Backups of the database in the `Backups` folder beside it: made at start
//! and daily while the app runs (kept 7 daily and 4 weekly), on request, and
//! before every restore; each checked after writing. Restoring checks the
//! backup before anything is replaced, and backs up the current data first.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use redress_store::{check_backup, BackupError, Contents};

use crate::files::FileError;
use crate::Service;

/// The folder beside the database that holds its backups.
pub use crate::files::BACKUPS_FOLDER as FOLDER;

/// How many daily and weekly automatic backups are kept.
const DAILY: usize = 7;
const WEEKLY: usize = 4;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// At start or daily while running.
    Automatic,
    /// "Back up now", or `redress backup`.
    Manual,
    /// Just before a restore replaced the data.
    BeforeRestore,
    /// Just before a newer Redress migrated the database to its schema.
    BeforeUpgrade,
    /// Just before the database moved out of Windows' roaming profile.
    BeforeMove,
}

impl BackupKind {
    const ALL: [BackupKind; 5] = [
        BackupKind::Automatic,
        BackupKind::Manual,
        BackupKind::BeforeRestore,
        BackupKind::BeforeUpgrade,
        BackupKind::BeforeMove,
    ];

    /// The stable name, in file names and the IPC.
    pub fn slug(self) -> &'static str {
        match self {
            BackupKind::Automatic => "automatic",
            BackupKind::Manual => "manual",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::BeforeUpgrade => "before-upgrade",
            BackupKind::BeforeMove => "before-move",
        }
    }

    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            BackupKind::Automatic => "automatic",
            BackupKind::Manual => "made by hand",
            BackupKind::BeforeRestore => "made before a restore",
            BackupKind::BeforeUpgrade => "made before an upgrade",
            BackupKind::BeforeMove => "made before the database moved",
        }
    }
}

/// One backup file in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// Its file name.
    pub file: String,
    /// Its path.
    pub path: PathBuf,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Why.
    pub kind: BackupKind,
    /// Its size in bytes.
    pub size: u64,
}

/// Why backing up or restoring failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupsError {
    /// The database is in memory, so there is no folder beside it.
    #[error("this database has no folder for backups")]
    NoFolder,
    /// Making or checking the copy failed.
    #[error("{0}")]
    Backup(#[from] BackupError),
    /// Not a backup in the folder.
    #[error("there is no backup called '{0}' in the backups folder")]
    UnknownBackup(String),
    /// A file could not be written or read.
    #[error("{0}")]
    File(#[from] FileError),
    /// The folder could not be read.
    #[error("cannot read the backups folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The database refused.
    #[error("{0}")]
    Store(#[from] redress_store::StoreError),
}

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// The name a database's backups start with: its own file name's stem
/// (`redress` for `redress.db`), so the backups of two databases in one
/// folder are never taken for each other's.
pub fn stem_of(db: &Path) -> String {
    db.file_stem().map_or_else(
        || "redress".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn file_name(stem: &str, made_at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("{stem}-{}-{}.db", made_at.format(STAMP), kind.slug())
}

fn parse_name(stem: &str, name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (stamp, kind) = rest.split_once('-')?;
    let kind = BackupKind::ALL.into_iter().find(|k| k.slug() == kind)?;
    let made = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((made.and_utc(), kind))
}

/// The backups of the database named `stem` in `folder`, newest first
/// (none if there is no folder).
pub fn list_in(folder: &Path, stem: &str) -> Result<Vec<BackupFile>, BackupsError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(BackupsError::Folder {
                path: folder.to_owned(),
                source,
            })
        }
    };
    let mut backups: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let (made_at, kind) = parse_name(stem, &file)?;
            let size = entry.metadata().ok()?.len();
            Some(BackupFile {
                path: entry.path(),
                file,
                made_at,
                kind,
                size,
            })
        })
        .collect();
    backups.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.file.cmp(&a.file)));
    Ok(backups)
}

/// The automatic backups rotation removes: all but the newest of each of
/// the last 7 days that have one and of each of the last 4 weeks. Backups
/// made by hand or before a restore are never removed.
pub fn to_remove(backups: &[BackupFile]) -> Vec<&BackupFile> {
    let mut automatic: Vec<&BackupFile> = backups
        .iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    automatic.sort_by_key(|b| std::cmp::Reverse(b.made_at));
    let mut keep = BTreeSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for backup in &automatic {
        let day = backup.made_at.date_naive();
        if !days.contains(&day) && days.len() < DAILY {
            days.push(day);
            keep.insert(backup.file.clone());
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < WEEKLY {
            weeks.push(week);
            keep.insert(backup.file.clone());
        }
    }
    automatic
        .into_iter()
        .filter(|b| !keep.contains(&b.file))
        .collect()
}

/// Whether the newest backup is more than a day old (or there is none). A
/// backup dated in the future (a clock that was wrong) does not count.
pub fn is_stale(backups: &[BackupFile], now: DateTime<Utc>) -> bool {
    backups
        .iter()
        .filter(|b| b.made_at <= now + Duration::minutes(5))
        .map(|b| b.made_at)
        .max()
        .map_or(true, |newest| now - newest > Duration::days(1))
}

/// The backups folder beside a database file.
pub fn folder_beside(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FOLDER)
}

/// Where the backups in `folder` of the database named `stem` keep their
/// documents: one folder for all of them, each file copied once.
pub fn documents_of_backups(folder: &Path, stem: &str) -> Contents {
    Contents::beside(&folder.join(format!("{stem}.db")))
}

/// Where a backup's documents may be: beside the backup file itself (one
/// made with `backup --to`), or in its folder's shared documents folder.
fn documents_for(backup: &Path, db: Option<&Path>) -> Vec<Contents> {
    let mut sources = vec![Contents::beside(backup)];
    if let Some(db) = db {
        sources.push(documents_of_backups(&folder_beside(db), &stem_of(db)));
    }
    if let Some(folder) = backup.parent() {
        if let Some(db) = db {
            sources.push(documents_of_backups(folder, &stem_of(db)));
        }
    }
    sources
}

/// Removes from the shared documents folder of `folder`'s backups the
/// files no remaining backup names.
fn prune_documents(folder: &Path, stem: &str) -> Result<(), BackupsError> {
    let documents = documents_of_backups(folder, stem);
    let mut wanted = BTreeSet::new();
    for backup in list_in(folder, stem)? {
        // A backup that cannot be read keeps every document.
        match redress_store::documents_in_backup(&backup.path) {
            Ok(hashes) => wanted.extend(hashes.into_iter().map(|(h, _)| h)),
            Err(_) => return Ok(()),
        }
    }
    for sha256 in documents.all().map_err(redress_store::StoreError::from)? {
        if !wanted.contains(&sha256) {
            documents
                .remove(&sha256)
                .map_err(redress_store::StoreError::from)?;
        }
    }
    Ok(())
}

/// Keeps a checked copy of a database an upgrade is about to migrate, in
/// its backups folder (never removed by rotation); its documents stay
/// where they are, since an upgrade does not touch them.
pub fn before_upgrade(db: &Path) -> Result<PathBuf, BackupsError> {
    let path = keep_copy(db, BackupKind::BeforeUpgrade)?;
    tracing::info!(backup = %path.display(), "backed up before the upgrade");
    Ok(path)
}

/// Keeps a checked copy of the database at `db` in its backups folder,
/// named for `kind`, before something is done to it.
pub fn keep_copy(db: &Path, kind: BackupKind) -> Result<PathBuf, BackupsError> {
    let folder = folder_beside(db);
    let path = folder.join(file_name(&stem_of(db), Utc::now(), kind));
    redress_store::copy_database(db, &path)?;
    Ok(path)
}

/// The backups of the database at `db`, newest first.
pub fn of_database(db: &Path) -> Result<Vec<BackupFile>, BackupsError> {
    list_in(&folder_beside(db), &stem_of(db))
}

impl Service {
    /// The backups folder beside the database.
    pub fn backups_folder(&self) -> Option<PathBuf> {
        self.folder_beside_database(FOLDER)
    }

    /// This database's backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>, BackupsError> {
        of_database(self.path.as_deref().ok_or(BackupsError::NoFolder)?)
    }

    fn stem(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| "redress".to_owned(), stem_of)
    }

    /// Makes a backup now into the backups folder, checked; an automatic
    /// one then lets rotation remove what is no longer kept.
    pub fn back_up(&self, kind: BackupKind) -> Result<BackupFile, BackupsError> {
        let folder = self.backups_folder().ok_or(BackupsError::NoFolder)?;
        let mut made_at = Utc::now();
        let stem = self.stem();
        let mut path = folder.join(file_name(&stem, made_at, kind));
        // Two in the same second: the next second's name.
        while path.exists() {
            made_at += Duration::seconds(1);
            path = folder.join(file_name(&stem, made_at, kind));
        }
        self.store
            .backup_to(&path, &documents_of_backups(&folder, &stem))?;
        if kind == BackupKind::Automatic {
            let backups = list_in(&folder, &stem)?;
            for old in to_remove(&backups) {
                let _ = std::fs::remove_file(&old.path);
            }
            prune_documents(&folder, &stem)?;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(BackupFile {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path,
            made_at,
            kind,
            size,
        })
    }

    /// Makes a checked backup at a path of the user's choosing; never over
    /// an existing file or the database's own files.
    pub fn back_up_to(&self, path: &Path) -> Result<(), BackupsError> {
        if let Some(db) = &self.path {
            if crate::files::is_database_file(path, db) {
                return Err(FileError::WouldOverwriteDatabase(path.to_owned()).into());
            }
        }
        if path.exists() {
            return Err(FileError::Exists(path.to_owned()).into());
        }
        Ok(self.store.backup_to(path, &Contents::beside(path))?)
    }

    /// Whether an automatic backup is due: none in the last day.
    pub fn automatic_backup_due(&self, now: DateTime<Utc>) -> bool {
        let automatic: Vec<BackupFile> = self
            .backups()
            .unwrap_or_default()
            .into_iter()
            .filter(|b| b.kind == BackupKind::Automatic)
            .collect();
        is_stale(&automatic, now)
    }

    /// Restores a backup (a file in the backups folder, or any path): it is
    /// checked first, then the current data is backed up, then replaced.
    /// Returns where what was there before is kept: a backup, or, when the
    /// current data is itself damaged (so no checked backup can be made of
    /// it), a plain copy of the file beside it.
    pub fn restore(&mut self, backup: &Path) -> Result<PathBuf, BackupsError> {
        check_backup(backup)?;
        let kept = match self.back_up(BackupKind::BeforeRestore) {
            Ok(safety) => safety.path,
            Err(BackupsError::Backup(BackupError::Damaged { .. })) => {
                let db = self.path.clone().ok_or(BackupsError::NoFolder)?;
                keep_aside(&db, true)?
            }
            Err(err) => return Err(err),
        };
        let actor = self.actor();
        let sources = documents_for(backup, self.path.as_deref());
        self.store.restore_from(backup, &sources, &actor)?;
        self.refresh_settings()?;
        Ok(kept)
    }

    /// A file in the backups folder, by name.
    pub fn backup_named(&self, file: &str) -> Result<BackupFile, BackupsError> {
        self.backups()?
            .into_iter()
            .find(|b| b.file == file)
            .ok_or_else(|| BackupsError::UnknownBackup(file.to_owned()))
    }
}

/// A plain copy (or, with `copy` false, the file itself moved) of the
/// database and its journal files, beside it as `NAME.unusable-STAMP`.
fn keep_aside(db: &Path, copy: bool) -> Result<PathBuf, BackupsError> {
    let label = format!("unusable-{}", Utc::now().format(STAMP));
    if copy {
        beside_as(db, &label, |from, to| std::fs::copy(from, to).map(drop))
    } else {
        set_aside(db, &label)
    }
}

/// Renames the database at `db` and its journal files to `NAME.LABEL`
/// (and `NAME.LABEL-wal`, `-shm`), so that it is kept but never opened as
/// the database again.
pub fn set_aside(db: &Path, label: &str) -> Result<PathBuf, BackupsError> {
    beside_as(db, label, |from, to| std::fs::rename(from, to))
}

fn beside_as(
    db: &Path,
    label: &str,
    put: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<PathBuf, BackupsError> {
    let kept = PathBuf::from(format!("{}.{label}", db.display()));
    let io = |source| {
        BackupsError::File(FileError::Io {
            path: db.to_owned(),
            source,
        })
    };
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if !from.exists() {
            continue;
        }
        let to = PathBuf::from(format!("{}{suffix}", kept.display()));
        put(&from, &to).map_err(io)?;
    }
    Ok(kept)
}

/// Restores a backup over a database that cannot be opened (damaged, or
/// missing): the backup is checked, then copied whole beside the database;
/// only then is the unusable file (and its journal files) moved aside,
/// kept, never deleted, and the copy put in its place.
pub fn restore_over_unusable(db: &Path, backup: &Path) -> Result<PathBuf, BackupsError> {
    check_backup(backup)?;
    redress_store::bring_documents(
        backup,
        &Contents::beside(db),
        &documents_for(backup, Some(db)),
    )?;
    let name = db
        .file_name()
        .map_or_else(|| "redress.db".into(), |n| n.to_string_lossy().into_owned());
    let staged = db.with_file_name(format!(".{name}.restoring"));
    let bytes = crate::files::read_bounded(backup, u64::MAX / 2, "backup")?;
    crate::files::save_private(&staged, &bytes, crate::files::Replace::Allowed, None)?;
    let kept = keep_aside(db, false);
    let kept = match kept {
        Ok(kept) => kept,
        Err(err) => {
            let _ = std::fs::remove_file(&staged);
            return Err(err);
        }
    };
    std::fs::rename(&staged, db).map_err(|source| {
        BackupsError::File(FileError::Io {
            path: db.to_owned(),
            source,
        })
    })?;
    Ok(kept)
}

/// Why a database file that is not there should not simply be made anew:
/// it has backups, or an unusable copy kept beside it, so it existed.
pub fn missing_but_known(db: &Path) -> bool {
    if db.exists() {
        return false;
    }
    let unusable = format!(
        "{}.unusable-",
        db.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let kept = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .read_dir()
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&unusable))
        })
        .unwrap_or(false);
    kept || of_database(db).map(|b| !b.is_empty()).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(at: &str, kind: BackupKind) -> BackupFile {
        let made_at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M")
            .expect("time")
            .and_utc();
        BackupFile {
            file: file_name("redress", made_at, kind),
            path: PathBuf::new(),
            made_at,
            kind,
            size: 0,
        }
    }

    #[test]
    fn names_read_back() {
        let b = backup("2026-12-02 09:14", BackupKind::BeforeRestore);
        assert_eq!(b.file, "redress-20261202T091400Z-before-restore.db");
        assert_eq!(
            parse_name("redress", &b.file),
            Some((b.made_at, BackupKind::BeforeRestore))
        );
        assert_eq!(parse_name("redress", "redress.db"), None);
        // Another database's backups in the same folder are not this one's.
        assert_eq!(parse_name("training", &b.file), None);
    }

    #[test]
    fn rotation_keeps_seven_days_and_four_weeks_and_everything_made_by_hand() {
        // Two a day for 60 days, and one made by hand long ago.
        let mut all = vec![backup("2026-01-01 12:00", BackupKind::Manual)];
        let start = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date");
        for day in 0..60 {
            let date = start + Duration::days(day);
            for hour in ["09:00", "17:00"] {
                all.push(backup(&format!("{date} {hour}"), BackupKind::Automatic));
            }
        }
        let removed: BTreeSet<String> = to_remove(&all)
            .into_iter()
            .map(|b| b.file.clone())
            .collect();
        let kept: Vec<&BackupFile> = all.iter().filter(|b| !removed.contains(&b.file)).collect();
        assert!(kept.iter().any(|b| b.kind == BackupKind::Manual));
        let automatic: Vec<_> = kept
            .iter()
            .filter(|b| b.kind == BackupKind::Automatic)
            .collect();
        // The last 7 days' evening backups, and the newest of the 4 weeks
        // (this week's is one of the 7 days).
        assert!(
            automatic.len() >= 7 && automatic.len() <= 7 + WEEKLY,
            "{}",
            automatic.len()
        );
        assert!(automatic
            .iter()
            .all(|b| b.made_at.format("%H:%M").to_string() == "17:00"));
        let newest = all.iter().map(|b| b.made_at).max().expect("newest");
        assert!(automatic.iter().any(|b| b.made_at == newest));
    }

    #[test]
    fn stale_after_a_day_or_with_none() {
        let b = backup("2026-12-01 09:00", BackupKind::Automatic);
        let now = |at: &str| {
            NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M")
                .expect("time")
                .and_utc()
        };
        assert!(is_stale(&[], now("2026-12-01 09:00")));
        assert!(!is_stale(std::slice::from_ref(&b), now("2026-12-02 08:59")));
        assert!(is_stale(std::slice::from_ref(&b), now("2026-12-02 09:01")));
        // A backup dated next year (a wrong clock) does not stop backups.
        let future = backup("2027-12-01 09:00", BackupKind::Automatic);
        assert!(is_stale(&[future, b], now("2026-12-02 09:01")));
    }
}
