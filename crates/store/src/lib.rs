//! The store: one SQLite file holding every case, its audit trail and the
//! installation's settings. Each user action is one transaction; the schema
//! grows only by numbered, append-only migrations.

mod access;
mod audit;
mod backup;
mod case_file;
mod case_rows;
mod cases;
mod columns;
mod contents;
mod dump;
mod events;
mod letters;
mod people;
mod private;
mod reference_data;
mod reminders;
mod reports;
mod retention;
mod search;
mod settings;
mod sync;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};

pub use audit::{AuditProblem, AuditVerdict};
pub use backup::{
    bring_documents, check_backup, copy_database, documents_in_backup, needs_upgrade, BackupError,
    Health,
};
pub use cases::{MadeCase, Recorded, Under};
pub use contents::{sha256_hex, ContentError, Contents};
pub use dump::DumpError;
pub use events::StoredEvent;
pub use letters::{LetterDraft, LetterError, LetterRequest, TemplateVersion};
pub use people::{LikelyMatch, PersonFormError, PersonLink, PersonRecord, PersonSummary};
pub use private::{private_file, private_folder};
pub use redress::records::{AuditEntry, Change, IssuedLetter, PersonEntry};
pub use reference_data::{NewOfficer, Officer};
pub use retention::{RetentionDue, ANONYMISED};
pub use search::{CaseQuery, CaseRow, CaseSort, Part, StateFilter};
pub use sync::{Conflict, SyncDevice, SyncReport, SyncSetup, SyncStatus, SHARED_SETTINGS};
pub use transfer::{
    describe_problems, BadRows, Created, ImportFile, ImportPreview, ImportSummary, PREVIEW_ROWS,
};

use redress::case::RuleError;
use redress::people::RestrictionError;
use redress::policy::PolicyError;
use redress::settings::BadPrefix;

/// Who is acting and when: passed in, never read from the clock here.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user's name, as the audit trail records it.
    pub name: String,
    /// The moment of the action, in UTC.
    pub now: DateTime<Utc>,
    /// Today's date where the council is.
    pub today: NaiveDate,
}

/// Why a store operation failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened.
    #[error("cannot open the database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The file is not a SQLite database (or is damaged beyond opening).
    #[error("{0} is not a Redress database, or it is damaged: nothing was changed; open the right file, or restore it from a backup")]
    NotADatabase(PathBuf),
    /// No database where one was expected, and none was to be made.
    #[error("there is no Redress database at {0}: check the path (to start a new one, run `redress init --db PATH`)")]
    NoDatabase(PathBuf),
    /// Another program's SQLite file.
    #[error("{0} is another program's SQLite database, not Redress's: nothing was changed; choose the Redress database file")]
    Foreign(PathBuf),
    /// A database a newer Redress made.
    #[error("{path} was made by a newer version of Redress (data version {version}; this version reads up to {known}): nothing was changed; update Redress to open it")]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        version: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// The integrity check failed.
    #[error("{path} is damaged ({detail}): nothing was written to it; restore its latest backup")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite found first.
        detail: String,
    },
    /// The file or its folder cannot be written.
    #[error("cannot save to {0}: the file or its folder is read-only, so nothing was saved; ask for write access to it, or copy the database somewhere you can write")]
    ReadOnly(PathBuf),
    /// The disk is full.
    #[error("the disk holding {0} is full, so nothing was saved: free some space and try again (what you typed is kept)")]
    DiskFull(PathBuf),
    /// Another program holds the database for too long.
    #[error("the database {0} is busy (another Redress window or command is writing) and stayed busy: nothing was saved; try again in a moment")]
    Busy(PathBuf),
    /// `--today` on a live database.
    #[error("a date for today can only be set on a training database, and this one is live: nothing was changed (make a training database with `redress init --training`)")]
    TodayOnLive,
    /// The schema could not be brought up to date.
    #[error("cannot update the database's schema: {}", migration_words(.0))]
    Migration(#[from] rusqlite_migration::Error),
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Stored data the core cannot read.
    #[error("the database holds a value the app cannot read ({0}): run an integrity check")]
    Corrupt(String),
    /// No case has the reference.
    #[error("no case has the reference '{0}'")]
    CaseNotFound(String),
    /// An officer name no one has.
    #[error("no officer is called '{0}': add them first")]
    UnknownOfficer(String),
    /// A service area or category no one has.
    #[error("nothing is called '{0}'")]
    UnknownName(String),
    /// A service area or category not in the council's list.
    #[error("there is no {what} called '{name}': {}", known_list(what, .known))]
    UnknownReference {
        /// `service area` or `category`.
        what: &'static str,
        /// The name given.
        name: String,
        /// The names there are.
        known: Vec<String>,
    },
    /// Removing a stage that open cases are at.
    #[error("{} at stage {stage}: finish or close them before the procedure loses that stage", redress::words::count(*cases as u64, "open case is", "open cases are"))]
    StageInUse {
        /// The stage being removed.
        stage: usize,
        /// How many open cases are at it.
        cases: i64,
    },
    /// A service area or category name already in use.
    #[error("'{0}' already exists: choose another name")]
    DuplicateName(String),
    /// An officer name already in use.
    #[error("an officer called '{0}' already exists")]
    DuplicateOfficer(String),
    /// The procedure refused the change.
    #[error("{0}")]
    Rule(#[from] RuleError),
    /// The stored or given policy is not valid.
    #[error("policy: {0}")]
    Policy(#[from] PolicyError),
    /// Reminder settings that cannot work.
    #[error("{0}")]
    Reminders(#[from] redress::reminders::BadReminderPolicy),
    /// A retention period that cannot be used.
    #[error("{0}")]
    Retention(#[from] redress::settings::BadRetention),
    /// A repeat window out of bounds.
    #[error("{0}")]
    RepeatWindow(#[from] redress::settings::BadRepeatWindow),
    /// A file size limit that cannot be used.
    #[error("{0}")]
    DocumentLimit(#[from] redress::settings::BadDocumentLimit),
    /// Something the case file refused.
    #[error("{0}")]
    CaseFile(#[from] redress::case_file::CaseFileError),
    /// A document's bytes could not be kept or read.
    #[error("{0}")]
    Content(#[from] contents::ContentError),
    /// Documents need a database file to sit beside.
    #[error("documents are kept beside a database file, and this database is in memory")]
    NoDocumentFolder,
    /// A bad reference prefix.
    #[error("{0}")]
    Prefix(#[from] BadPrefix),
    /// An import file with problems; nothing was written.
    #[error("{} in the file, so nothing was imported:\n{}", redress::words::count(.0.len() as u64, "problem", "problems"), describe_problems(.0))]
    ImportRejected(Vec<redress::transfer::ImportProblem>),
    /// More demo cases than are made at once.
    #[error("at most {0} demo cases can be made")]
    TooManyDemoCases(usize),
    /// A mapping that cannot be used.
    #[error("{0}")]
    Mapping(#[from] redress::transfer::MappingError),
    /// A spreadsheet that cannot be read, or no such sheet in it.
    #[error("{0}")]
    Sheet(#[from] redress::transfer::SheetError),
    /// Demo data asked for in a database that has cases.
    #[error("this database already has cases: demo data goes only into an empty database")]
    NotEmpty,
    /// No person has the id or email address.
    #[error("no person has the id or email address '{0}'")]
    PersonNotFound(String),
    /// Sync asked for on a laptop not set up to sync.
    #[error("this laptop is not set up to sync: set it up with `redress sync init` (the first laptop) or `redress sync join` (the others), or in Settings, Sync")]
    SyncNotSetUp,
    /// Sync set up twice.
    #[error("this laptop is already set up to sync: it can be in one workspace only")]
    SyncSetUp,
    /// Joining from a database that already has cases.
    #[error("this database already has {} of its own: join from a new database (`redress init --db NEW.db`), then import these cases into it if they belong to the council", redress::words::count(*.0, "case", "cases"))]
    SyncJoinNotEmpty(u64),
    /// No open conflict with the id.
    #[error("no open conflict has the id '{0}': list them with `redress sync status --json`")]
    NoConflict(String),
    /// The shared folder could not be used.
    #[error("{0}")]
    SyncFolder(#[from] redress_sync::FolderError),
    /// A name that more than one person has.
    #[error("{} people are called '{query}': say which with one of their case references or person ids: {}", .matches.len(), .matches.join("; "))]
    AmbiguousPerson {
        /// The name asked for.
        query: String,
        /// Each person: a case reference and their id.
        matches: Vec<String>,
    },
    /// Merging a person with themselves.
    #[error("'{0}' is the same person twice: choose two different records to merge")]
    MergeSelf(String),
    /// Merging an anonymous complainant with a named person.
    #[error("an anonymous complainant's record cannot be merged with a named person's")]
    MergeAnonymous,
    /// Both records have a restriction in force.
    #[error(
        "both records have a restriction in force: lift one of them (review it) before merging"
    )]
    MergeTwoRestrictions,
    /// The unreasonable-behaviour procedure refused.
    #[error("{0}")]
    Restriction(#[from] RestrictionError),
    /// An officer who has retired, chosen for new work.
    #[error("{0} has retired, so cannot be given new cases: choose another officer (or bring them back in Settings)")]
    RetiredOfficer(String),
    /// A self-assessment code that is not one of the Code's requirements.
    #[error("'{0}' is not one of the Code requirements in the self-assessment")]
    UnknownRequirement(String),
    /// Text with a control character, or a line break in a one-line field.
    #[error("{field}: {message}")]
    BadText {
        /// The field.
        field: &'static str,
        /// What to do.
        message: String,
    },
    /// Anonymising a case still within its retention period.
    #[error(
        "{0} is not past the retention period yet, so it was not anonymised (nothing was changed)"
    )]
    NotPastRetention(String),
    /// No user name to record in the audit trail.
    #[error("no user name: say who you are (set the installation's user, or pass --as NAME)")]
    NoActor,
}

/// How many prepared statements a connection keeps: more than the distinct
/// statements of the busiest path (an import replays every kind of step).
const STATEMENT_CACHE: usize = 256;

/// SQLite's page cache, in KiB as its `cache_size` takes them (negative).
const PAGE_CACHE_KIB: i64 = -32 * 1024;

/// Runs one statement through the connection's statement cache: the write
/// path runs the same few statements for every case, and preparing them
/// anew each time was most of an import's work.
fn execute_cached(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// Refuses a control character or line break in a one-line field.
fn check_line(field: &'static str, text: &str) -> Result<(), StoreError> {
    match redress::text::forbidden(text, false) {
        Some(c) => Err(StoreError::BadText {
            field,
            message: redress::text::forbidden_message(c),
        }),
        None => Ok(()),
    }
}

/// A migration failure in words, without the SQL it was running.
fn migration_words(err: &rusqlite_migration::Error) -> String {
    match err {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other.to_string(),
    }
}

/// How many migrations this build has: the newest schema version it knows.
fn migrations_count() -> i64 {
    migrations_list().len() as i64
}

fn migrations() -> Migrations<'static> {
    Migrations::new(migrations_list())
}

fn known_list(what: &str, known: &[String]) -> String {
    if known.is_empty() {
        format!(
            "none has been added yet; add it in Settings (or with `redress {}`) first",
            what.replace(' ', "-") + " add"
        )
    } else {
        format!(
            "choose one of {}, or add it in Settings first",
            known.join(", ")
        )
    }
}

/// The one handle on the database file.
pub struct Store {
    conn: Connection,
    /// The file, for messages (none in memory).
    path: PathBuf,
}

/// `PRAGMA application_id` of a Redress database: "RDRS".
const APPLICATION_ID: i64 = 0x5244_5253;

fn migrations_list() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../migrations/0001_casework.sql")),
        M::up_with_hook(
            include_str!("../migrations/0002_events.sql"),
            |tx: &Transaction<'_>| {
                events::carry_over_audit(tx)
                    .and_then(|()| cases::fix_stage_timescales(tx))
                    .and_then(|()| reference_data::give_uids(tx))
                    .map_err(|err| rusqlite_migration::HookError::Hook(err.to_string()))
            },
        ),
        M::up_with_hook(
            include_str!("../migrations/0003_people.sql"),
            |tx: &Transaction<'_>| {
                people::people_from_cases(tx)
                    .map_err(|err| rusqlite_migration::HookError::Hook(err.to_string()))
            },
        ),
        M::up(include_str!(
            "../migrations/0004_case_complainant_moved.sql"
        )),
        M::up(include_str!("../migrations/0005_letters.sql")),
        M::up(include_str!("../migrations/0006_reminders.sql")),
        M::up(include_str!("../migrations/0007_ombudsman_comply_by.sql")),
        M::up(include_str!("../migrations/0008_self_assessment.sql")),
        M::up(include_str!(
            "../migrations/0009_officers_retired_references.sql"
        )),
        M::up_with_hook(
            include_str!("../migrations/0010_data_safety.sql"),
            |tx: &Transaction<'_>| {
                audit::link_pending(tx)
                    .map_err(|err| rusqlite_migration::HookError::Hook(err.to_string()))
            },
        ),
        M::up(include_str!("../migrations/0011_person_events_hlc.sql")),
        M::up(include_str!("../migrations/0012_case_file.sql")),
        M::up(include_str!("../migrations/0013_caseload_order.sql")),
        M::up(include_str!("../migrations/0014_sync.sql")),
        M::up(include_str!("../migrations/0015_sync_indexes.sql")),
    ]
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens an existing Redress database and brings its schema up to date.
    /// A missing file is refused (nothing is created), as is another
    /// program's SQLite file, a database a newer Redress made, or one that
    /// fails SQLite's quick check: none of them is written to.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase(path.to_owned()));
        }
        Store::open_file(path)
    }

    /// Opens the Redress database at `path`, making it (and its folder,
    /// readable by the owner only) when there is none. Only the desktop's
    /// first run, `redress init` and tests make databases.
    pub fn create(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                if !parent.exists() {
                    private::private_folder(parent)
                        .map_err(|_| StoreError::ReadOnly(parent.to_owned()))?;
                }
            }
            private::private_file(path).map_err(|err| match err.kind() {
                std::io::ErrorKind::NotFound => StoreError::NoDatabase(path.to_owned()),
                _ => StoreError::ReadOnly(path.to_owned()),
            })?;
        }
        Store::open_file(path)
    }

    /// A second connection to a database this process has just opened
    /// with [`Store::open`] (the desktop's reminder and backup threads): it
    /// is still refused if it is not Redress's or is newer, but the quick
    /// check, a read of the whole file, is not paid again.
    pub fn reopen(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase(path.to_owned()));
        }
        Store::connect(path, false)
    }

    fn open_file(path: &Path) -> Result<Store, StoreError> {
        Store::connect(path, true)
    }

    fn connect(path: &Path, quick_check: bool) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Store::prepare(conn, path, quick_check).map_err(|err| err.at(path))
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?, Path::new(":memory:"), true)
    }

    fn prepare(mut conn: Connection, path: &Path, quick_check: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // Every statement the write path runs stays prepared: rusqlite's
        // default of 16 is fewer than one step uses, and a miss costs a parse.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        backup::check_opening(&conn, path, quick_check)?;
        // After the quick check (which reads every page through the cache):
        // room for the pages one action or one search touches, so a
        // 10,000-row import or a common word does not read the same pages
        // from the file again and again. Only pages read take memory.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations().to_latest(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    /// Runs `work` as one transaction: all of it is committed, or none. It
    /// begins IMMEDIATE, so that a writer waits its turn on the busy timeout
    /// instead of failing when another connection (the reminder timer, a
    /// second window, the CLI) wrote in between.
    /// Before it commits, the settings changes it made are signed with the
    /// actor and every new entry is sealed into the audit chain.
    fn transaction<T>(
        &mut self,
        actor: &Actor,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let run = || {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mark = audit::mark(&tx)?;
            let result = work(&tx)?;
            audit::seal(&tx, actor, mark)?;
            tx.commit()?;
            Ok(result)
        };
        run().map_err(|err: StoreError| err.at(&path))
    }
}

impl StoreError {
    /// Says which file when SQLite's own words would not: a read-only file
    /// or folder, a full disk, a lock held too long, a damaged file.
    pub(crate) fn at(self, path: &Path) -> StoreError {
        use rusqlite::ErrorCode;
        let code = match &self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
            | StoreError::Open {
                source: rusqlite::Error::SqliteFailure(failure, _),
                ..
            }
            | StoreError::Migration(rusqlite_migration::Error::RusqliteError {
                err: rusqlite::Error::SqliteFailure(failure, _),
                ..
            }) => failure.code,
            _ => return self,
        };
        match code {
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                StoreError::ReadOnly(path.to_owned())
            }
            ErrorCode::DiskFull => StoreError::DiskFull(path.to_owned()),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                StoreError::Busy(path.to_owned())
            }
            ErrorCode::NotADatabase => StoreError::NotADatabase(path.to_owned()),
            ErrorCode::DatabaseCorrupt => StoreError::Damaged {
                path: path.to_owned(),
                detail: "SQLite found it malformed".to_owned(),
            },
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn foreign_keys_and_wal_are_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::create(&dir.path().join("redress.db")).expect("open");
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .expect("pragma");
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("pragma");
        assert_eq!((fk, mode.as_str()), (1, "wal"));
    }
}
