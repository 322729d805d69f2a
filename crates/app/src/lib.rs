//! The Redress application service: the one type both front ends (the
//! `redress` CLI and the desktop shell) build and then only call. It owns the
//! open [`Store`], the installation's settings and the calendar they imply,
//! the clock and who is acting, and offers what the front ends need: record a
//! complaint, take a step, a case with its timeline, the caseload, search.
//!
//! This is the edge where the clock, the environment (the login name) and the
//! per-user data directory are read; the core below reads none of them. A
//! second connection for background work is a second `Service` on the same
//! WAL file.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, Utc};
use redress::calendar::Calendar;
use redress::case::{Case, FormErrors, NewCase, OfficerLookup, Record, Step, StepForm};
use redress::records::AuditEntry;
use redress::settings::Settings;
use redress_store::{PersonFormError, Recorded, Store, Under};

mod access;
pub mod backups;
pub mod case_file;
mod caseload;
mod demo;
pub mod files;
mod letters;
pub mod location;
mod people;
mod records;
mod reference_data;
mod reminders;
mod reports;
pub mod sync;
pub mod transfer;

pub use access::AccessExport;
pub use caseload::{Caseload, CaseloadGroup, GROUP_ROWS};
pub use location::{default_db_path, default_log_dir, Hazard};
pub use people::{IntakeMatch, PersonFile};
// What the service's questions and answers are made of, as the store keeps
// them; the store itself is reached only through `Service`.
pub use records::MAX_DEMO_CASES;
pub use redress_store::{
    sha256_hex, Actor, AuditVerdict, BackupError, BadRows, CaseQuery, CaseRow, CaseSort, Conflict,
    DumpError, Health, ImportFile, ImportPreview, ImportSummary, LetterDraft, LetterError,
    LetterRequest, LikelyMatch, NewOfficer, Officer, PersonLink, PersonSummary, RetentionDue,
    StateFilter, StoreError, SyncReport, SyncSetup, SyncStatus, TemplateVersion,
};
pub use reminders::{notification, OnOpen, Opened, ReminderError};
pub use reports::ReportError;

/// What a write is decided under: the service's one settings and
/// calendar, today, and whether a person or history is acting. The store
/// is told these; it reads no settings to decide.
pub(crate) fn under<'a>(
    settings: &'a Settings,
    calendar: &'a Calendar,
    today: NaiveDate,
    record: Record,
) -> Under<'a> {
    Under::new(settings, calendar, today, record)
}

/// The name recorded when nobody can be named: no `--as`, no installation
/// user and no login name.
pub const UNNAMED_USER: &str = "Redress user";

/// Where "today" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The computer's clock.
    System,
    /// A fixed date (training databases and tests); times still come from
    /// the computer's clock.
    Today(NaiveDate),
}

/// Why the service could not do what was asked. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The form had problems, every one listed.
    #[error("{0}")]
    Form(#[from] FormErrors),
    /// The store or the procedure refused, or the database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<PersonFormError> for ServiceError {
    fn from(err: PersonFormError) -> ServiceError {
        match err {
            PersonFormError::Form(errors) => ServiceError::Form(errors),
            PersonFormError::Store(err) => ServiceError::Store(err),
        }
    }
}

/// A case with everything its screen shows.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The case.
    pub case: Case,
    /// Its audit trail, oldest first.
    pub timeline: Vec<AuditEntry>,
    /// The complainant's restriction on contact in force, if any.
    pub restriction: Option<redress::people::Restriction>,
    /// The letters issued on it, oldest first.
    pub letters: Vec<redress_store::IssuedLetter>,
    /// Its documents, received and sent (letters among them), oldest first.
    pub documents: Vec<redress::case_file::Document>,
    /// Its case notes, oldest first.
    pub notes: Vec<redress::case_file::Note>,
    /// Its contact log, oldest first.
    pub contacts: Vec<redress::case_file::Contact>,
}

/// The application service. See the module documentation.
pub struct Service {
    store: Store,
    settings: Settings,
    calendar: Calendar,
    clock: Clock,
    asked: Option<String>,
    /// The database file, when opened from one.
    path: Option<PathBuf>,
    /// Why the database's folder is no place for it, when it is not.
    hazard: Option<Hazard>,
    /// The letter fonts, read the first time a letter is set.
    press: std::sync::OnceLock<std::sync::Arc<redress::letters::Press>>,
}

impl Service {
    /// Opens the existing database at `path` (the default one when `None`).
    /// `asked` is who the user said they are (`--as`), if anyone. A fixed
    /// "today" is refused unless the database is a training one.
    pub fn open(
        path: Option<&Path>,
        clock: Clock,
        asked: Option<String>,
    ) -> Result<Service, OpenError> {
        let path = database_path(path)?;
        // A newer Redress over an older database: a copy first, then the
        // migration.
        if redress_store::needs_upgrade(&path) {
            backups::before_upgrade(&path).map_err(OpenError::Upgrade)?;
        }
        let mut service = Service::over(Store::open(&path)?, clock, asked)?;
        tracing::info!(database = %path.display(), "opened");
        service.hazard = location::hazard(&path);
        if let Some(hazard) = &service.hazard {
            tracing::warn!("{hazard}");
        }
        service.path = Some(path);
        Ok(service)
    }

    /// A second connection to the database this process opened with
    /// [`Service::open`] (for background work), without checking the whole
    /// file again.
    pub fn reopen(path: Option<&Path>, clock: Clock) -> Result<Service, OpenError> {
        let path = database_path(path)?;
        let mut service = Service::over(Store::reopen(&path)?, clock, None)?;
        service.path = Some(path);
        Ok(service)
    }

    /// Opens the database at `path`, making it first if there is none (the
    /// desktop's first run, `redress init`). A new database made with
    /// `training` (or with a fixed "today") is a training database.
    pub fn create(
        path: Option<&Path>,
        clock: Clock,
        asked: Option<String>,
        training: bool,
    ) -> Result<Service, OpenError> {
        let path = database_path(path)?;
        let new = !path.exists();
        let hazard = location::hazard(&path);
        if let (true, Some(hazard)) = (new, &hazard) {
            return Err(OpenError::Hazard(hazard.clone()));
        }
        let mut store = Store::create(&path)?;
        if new && (training || matches!(clock, Clock::Today(_))) {
            let mut settings = store.settings()?;
            settings.training = true;
            let actor = Actor {
                name: asked.clone().unwrap_or_else(|| UNNAMED_USER.to_owned()),
                now: Utc::now(),
                today: Local::now().date_naive(),
            };
            store.save_settings(&settings, &actor)?;
        }
        let mut service = Service::over(store, clock, asked)?;
        service.hazard = hazard;
        service.path = Some(path);
        Ok(service)
    }

    /// A service over a store already open.
    pub fn over(store: Store, clock: Clock, asked: Option<String>) -> Result<Service, StoreError> {
        let settings = store.settings()?;
        if matches!(clock, Clock::Today(_)) && !settings.training {
            return Err(StoreError::TodayOnLive);
        }
        Ok(Service {
            calendar: settings.calendar(),
            settings,
            store,
            clock,
            asked,
            path: None,
            hazard: None,
            press: std::sync::OnceLock::new(),
        })
    }

    /// The database file, when opened from one.
    pub fn database_path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Why the database's folder is no place for a database (a network
    /// drive, a synced folder), when it is not: to be shown to the user
    /// each time it is opened. A new database is never made there.
    pub fn location_warning(&self) -> Option<&Hazard> {
        self.hazard.as_ref()
    }

    /// Today's date where the council is.
    pub fn today(&self) -> NaiveDate {
        match self.clock {
            Clock::System => Local::now().date_naive(),
            Clock::Today(today) => today,
        }
    }

    /// Who is acting and when: `--as`, else the installation's user, else the
    /// computer's login name, else "Redress user" (until first-run setup
    /// names the user). The one rule for both front ends.
    pub fn actor(&self) -> Actor {
        let login = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok();
        let name = self
            .settings
            .acting_user(self.asked.as_deref(), login.as_deref())
            .unwrap_or_else(|| UNNAMED_USER.to_owned());
        Actor {
            name,
            now: Utc::now(),
            today: self.today(),
        }
    }

    /// The officer who is acting: the one named as the acting user (`--as`,
    /// else the installation's user), if the council has such an officer.
    /// "My cases" are this officer's.
    pub fn me(&self) -> Result<Option<Officer>, StoreError> {
        let name = self.actor().name;
        if name.trim().is_empty() {
            return Ok(None);
        }
        match self.store.officer(&name) {
            Ok(officer) => Ok(Some(officer)),
            Err(StoreError::UnknownOfficer(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The installation's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The working-day calendar of the settings.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The store, for reading.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for writes that need no more than the acting user (reference
    /// data, imports, demo data); pair with [`Service::actor`].
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Saves new settings and keeps them (and their calendar) for what follows.
    pub fn save_settings(&mut self, settings: Settings) -> Result<(), StoreError> {
        let actor = self.actor();
        self.store.save_settings(&settings, &actor)?;
        self.refresh_settings()
    }

    /// Reads the settings again (another connection, such as the window's,
    /// may have changed them).
    pub fn refresh_settings(&mut self) -> Result<(), StoreError> {
        self.settings = self.store.settings()?;
        self.calendar = self.settings.calendar();
        Ok(())
    }

    /// Records a new case from the intake form, linked to its person.
    pub fn record(&mut self, form: &StepForm) -> Result<Recorded, ServiceError> {
        let today = self.today();
        let intake = NewCase::from_form(form, today)?;
        let actor = self.actor();
        let under = under(&self.settings, &self.calendar, today, Record::Live);
        Ok(self.store.create_case(intake, &actor, under)?)
    }

    /// Takes a step on a case from its filled-in form, as one transaction.
    pub fn take_step(
        &mut self,
        reference: &str,
        step: Step,
        form: &StepForm,
    ) -> Result<Case, ServiceError> {
        let store = &self.store;
        let commands = step.build(
            form,
            &|name| match store.officer(name) {
                Ok(officer) if officer.retired_on.is_some() => OfficerLookup::Retired,
                Ok(officer) => OfficerLookup::Found(officer.as_ref()),
                Err(_) => OfficerLookup::Unknown,
            },
            self.today(),
        )?;
        let actor = self.actor();
        let rules = under(&self.settings, &self.calendar, self.today(), Record::Live).rules;
        Ok(self.store.apply_all(reference, commands, &actor, rules)?)
    }

    /// A case with its timeline.
    pub fn case_file(&self, reference: &str) -> Result<CaseFile, StoreError> {
        let case = self.store.case(reference)?;
        Ok(CaseFile {
            timeline: self.store.history(reference)?,
            restriction: self.store.active_restriction(case.person)?,
            letters: self.store.letters(reference)?,
            documents: self.store.documents(reference)?,
            notes: self.store.notes(reference)?,
            contacts: self.store.contacts(reference)?,
            case,
        })
    }

    /// Cases matching a query, one page, soonest deadline first (or as the
    /// query sorts them).
    pub fn search(&self, query: &CaseQuery) -> Result<Vec<CaseRow>, StoreError> {
        self.store.search(query, self.today(), &self.calendar)
    }

    /// How many cases match a query in all.
    pub fn count(&self, query: &CaseQuery) -> Result<u64, StoreError> {
        self.store.count_cases(query, self.today(), &self.calendar)
    }
}

fn database_path(path: Option<&Path>) -> Result<PathBuf, OpenError> {
    match path {
        Some(path) => Ok(path.to_owned()),
        None => default_db_path().ok_or(OpenError::NoDataDir),
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// No per-user data directory, and no path given.
    #[error("cannot find a data directory for the database: pass --db PATH")]
    NoDataDir,
    /// The store refused the file.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A new database was asked for where a database must not be kept.
    #[error("cannot make a database there: {0}")]
    Hazard(Hazard),
    /// The copy kept before an upgrade could not be made: nothing was
    /// migrated.
    #[error("this version of Redress would upgrade the database, but could not first keep a copy of it ({0}): nothing was changed")]
    Upgrade(backups::BackupsError),
}

/// The app's identifier (`identifier` in `src-tauri/tauri.conf.json`, which
/// a test holds this to): its D-Bus name, and on Windows the
/// AppUserModelID its shortcut and notifications share.
pub const APP_ID: &str = "org.redress.desktop";

#[cfg(test)]
mod tests {
    use super::*;
    use redress_store::NewOfficer;

    fn service(dir: &Path) -> Service {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        Service::create(
            Some(&dir.join("redress.db")),
            Clock::Today(today),
            Some("Alex Khan".to_owned()),
            true,
        )
        .expect("open")
    }

    #[test]
    fn a_complaint_is_recorded_and_a_step_taken_from_forms() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut service = service(dir.path());
        let actor = service.actor();
        service
            .store_mut()
            .add_officer(
                &NewOfficer {
                    name: "Alex Khan".to_owned(),
                    service_area: Some("Housing".to_owned()),
                    ..NewOfficer::default()
                },
                &actor,
            )
            .expect("officer");
        let case = service
            .record(
                &StepForm::default()
                    .with("received_on", "02/11/2026")
                    .with("name", "Siân Jones")
                    .with("service_area", "Housing")
                    .with("summary", "Leak")
                    .with("officer", "Alex Khan"),
            )
            .expect("recorded")
            .case;
        service
            .take_step(&case.reference, Step::Acknowledge, &StepForm::default())
            .expect("acknowledged today");
        let file = service.case_file(&case.reference).expect("case file");
        assert_eq!(
            file.case.stages[0].acknowledged_on,
            Some(service.today()),
            "an empty date is today"
        );
        assert_eq!(file.timeline.len(), 2);
        assert_eq!(file.timeline[1].actor, "Alex Khan");
        assert_eq!(
            service.me().expect("me").map(|o| o.name),
            Some("Alex Khan".to_owned()),
            "the acting user is the officer of that name"
        );
        let err = service
            .take_step(
                &case.reference,
                Step::Extend,
                &StepForm::default().with("days", "lots"),
            )
            .unwrap_err();
        assert!(matches!(err, ServiceError::Form(_)), "{err}");
    }

    #[test]
    fn saved_settings_are_used_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut service = service(dir.path());
        let mut settings = service.settings().clone();
        settings.reference_prefix = "NK".to_owned();
        settings.user = "Jo Bloggs".to_owned();
        service.save_settings(settings).expect("saved");
        assert_eq!(service.settings().reference_prefix, "NK");
        // `--as` still comes first; nobody of that name is an officer yet.
        assert_eq!(service.actor().name, "Alex Khan");
        assert!(service.me().expect("me").is_none());
    }
}
