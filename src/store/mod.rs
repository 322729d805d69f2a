//! The store: one SQLite file holding every case, its audit trail and the
//! installation's settings. Each user action is one transaction; the schema
//! grows only by numbered, append-only migrations.

mod cases;
mod columns;
mod events;
mod letters;
mod people;
mod reference_data;
mod reminders;
mod reports;
mod search;
mod settings;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};

pub use cases::{MadeCase, Recorded};
pub use events::{AuditEntry, Change, StoredEvent};
pub use letters::{IssuedLetter, LetterDraft, LetterError, LetterRequest, TemplateVersion};
pub use people::{
    LikelyMatch, PersonEntry, PersonFormError, PersonLink, PersonRecord, PersonSummary,
};
pub use reference_data::{NewOfficer, Officer};
pub use search::{CaseQuery, CaseRow, CaseSort, Part, StateFilter};
pub use transfer::{describe_problems, Created, ImportSummary};

use crate::case::RuleError;
use crate::people::RestrictionError;
use crate::policy::PolicyError;
use crate::settings::BadPrefix;

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
    /// The schema could not be brought up to date.
    #[error("cannot update the database schema: {0}")]
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
    #[error("{} at stage {stage}: finish or close them before the procedure loses that stage", crate::words::count(*cases as u64, "open case is", "open cases are"))]
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
    Reminders(#[from] crate::reminders::BadReminderPolicy),
    /// A bad reference prefix.
    #[error("{0}")]
    Prefix(#[from] BadPrefix),
    /// An import file with problems; nothing was written.
    #[error("{} in the file, so nothing was imported:\n{}", crate::words::count(.0.len() as u64, "problem", "problems"), describe_problems(.0))]
    ImportRejected(Vec<crate::transfer::ImportProblem>),
    /// Demo data asked for in a database that has cases.
    #[error("this database already has cases: demo data goes only into an empty database")]
    NotEmpty,
    /// No person has the id or email address.
    #[error("no person has the id or email address '{0}'")]
    PersonNotFound(String),
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
    /// No user name to record in the audit trail.
    #[error("no user name: say who you are (set the installation's user, or pass --as NAME)")]
    NoActor,
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
}

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_casework.sql")),
        M::up_with_hook(
            include_str!("../../migrations/0002_events.sql"),
            |tx: &Transaction<'_>| {
                events::carry_over_audit(tx)
                    .and_then(|()| cases::fix_stage_timescales(tx))
                    .and_then(|()| reference_data::give_uids(tx))
                    .map_err(|err| rusqlite_migration::HookError::Hook(err.to_string()))
            },
        ),
        M::up_with_hook(
            include_str!("../../migrations/0003_people.sql"),
            |tx: &Transaction<'_>| {
                people::people_from_cases(tx)
                    .map_err(|err| rusqlite_migration::HookError::Hook(err.to_string()))
            },
        ),
        M::up(include_str!(
            "../../migrations/0004_case_complainant_moved.sql"
        )),
        M::up(include_str!("../../migrations/0005_letters.sql")),
        M::up(include_str!("../../migrations/0006_reminders.sql")),
        M::up(include_str!(
            "../../migrations/0007_ombudsman_comply_by.sql"
        )),
        M::up(include_str!("../../migrations/0008_self_assessment.sql")),
        M::up(include_str!(
            "../../migrations/0009_officers_retired_references.sql"
        )),
    ])
}

impl Store {
    /// Opens (creating if need be) the database file and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            // A missing folder gets a clear error from SQLite below if this fails.
            let _ = std::fs::create_dir_all(parent);
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Store::prepare(conn).map_err(|err| match err {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::NotADatabase =>
            {
                StoreError::NotADatabase(path.to_owned())
            }
            other => other,
        })
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations().to_latest(&mut conn)?;
        Ok(Store { conn })
    }

    /// Runs `work` as one transaction: all of it is committed, or none. It
    /// begins IMMEDIATE, so that a writer waits its turn on the busy timeout
    /// instead of failing when another connection (the reminder timer, a
    /// second window, the CLI) wrote in between.
    fn transaction<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let result = work(&tx)?;
        tx.commit()?;
        Ok(result)
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
        let store = Store::open(&dir.path().join("redress.db")).expect("open");
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
