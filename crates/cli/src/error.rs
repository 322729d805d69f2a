//! The one error type of the CLI: every failure, printed on one line.

use redress::calendar::UnknownNation;
use redress::case::{FormErrors, UnknownTerm};
use redress::dates::BadDate;
use redress::policy::PolicyError;
use redress_app::StoreError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A date argument could not be read.
    #[error("{0}")]
    Date(#[from] BadDate),
    /// A count of working days too large to be meant.
    #[error("{0} working days is more than Redress counts: at most {max}", max = redress::calendar::MAX_WORKING_DAYS)]
    TooManyDays(u32),
    /// A nation that is not one of the three.
    #[error("{0}")]
    Nation(#[from] UnknownNation),
    /// The policy file was read but is not a valid policy.
    #[error("policy file {path}: {source}")]
    Policy {
        /// The file as given.
        path: String,
        /// What is wrong in it.
        source: PolicyError,
    },
    /// Dates given in an impossible order.
    #[error("{later_flag} {later} is before {earlier_flag} {earlier}")]
    Backwards {
        /// The argument that should be the later date.
        later_flag: &'static str,
        /// Its value.
        later: String,
        /// The argument it must not precede.
        earlier_flag: &'static str,
        /// Its value.
        earlier: String,
    },
    /// A stage the policy does not have.
    #[error("the policy '{policy}' has no stage {stage}")]
    NoSuchStage {
        /// The policy's name.
        policy: String,
        /// The stage asked for.
        stage: usize,
    },
    /// The store refused or failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A word outside a vocabulary.
    #[error("{0}")]
    Term(#[from] UnknownTerm),
    /// The database could not be opened.
    #[error("{0}")]
    Open(#[from] redress_app::OpenError),
    /// An amount of money that could not be read.
    #[error("--amount {0}")]
    Amount(#[from] redress::money::BadAmount),
    /// An option needed in this case was not given.
    #[error("{0}")]
    Missing(&'static str),
    /// A step's or intake's options with problems; nothing was changed.
    #[error("{}", form_lines(.0))]
    Form(#[from] FormErrors),
    /// A setting that cannot be set so.
    #[error(transparent)]
    Setting(#[from] redress::settings::SettingError),
    /// A case that could not be written as JSON.
    #[error("cannot write the case as JSON: {0}")]
    Json(serde_json::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Text that is not a person's id.
    #[error("{0}")]
    PersonId(#[from] redress::people::BadPersonId),
    /// A letter could not be made or issued.
    #[error("{0}")]
    Letter(#[from] redress_app::LetterError),
    /// A moment that could not be read.
    #[error("'{0}' is not a moment: use YYYY-MM-DDTHH:MM, for example 2026-12-24T09:00")]
    BadMoment(String),
    /// Reminders could not be sent.
    #[error("{0}")]
    Reminders(#[from] redress_app::ReminderError),
    /// A report could not be made.
    #[error("{0}")]
    Report(#[from] redress_app::ReportError),
    /// A report's period that cannot be.
    #[error("{0}")]
    Period(#[from] redress::reports::BadPeriod),
    /// A file refused: too big, not a file, would overwrite the database.
    #[error("{0}")]
    Files(#[from] redress_app::files::FileError),
    /// A backup could not be made or restored.
    #[error("{0}")]
    Backup(#[from] redress_app::backups::BackupsError),
    /// A complete export could not be loaded.
    #[error("{0}")]
    Dump(#[from] redress_app::DumpError),
    /// Sync could not be set up or run.
    #[error("{0}")]
    Sync(#[from] redress_app::sync::SyncError),
    /// A mapping file that cannot be used.
    #[error("mapping file {path}: {source}")]
    Mapping {
        /// The file.
        path: String,
        /// What is wrong in it.
        source: redress::transfer::MappingError,
    },
    /// A file that is not text.
    #[error("{0} is not text (UTF-8): check it is the right file")]
    NotText(String),
    /// The check found a problem.
    #[error("{0}")]
    Unsound(String),
    /// A file that is never written over.
    #[error("{0} already exists, so it was left as it was: choose another name")]
    Exists(std::path::PathBuf),
    /// A case-file action refused.
    #[error("{0}")]
    CaseFile(redress_app::case_file::CaseFileActionError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl From<redress_app::ServiceError> for CliError {
    fn from(err: redress_app::ServiceError) -> CliError {
        match err {
            redress_app::ServiceError::Form(form) => CliError::Form(form),
            redress_app::ServiceError::Store(store) => CliError::Store(store),
        }
    }
}

impl From<redress_app::transfer::ImportError> for CliError {
    fn from(err: redress_app::transfer::ImportError) -> CliError {
        match err {
            redress_app::transfer::ImportError::Store(store) => CliError::Store(store),
            redress_app::transfer::ImportError::Rejects(file) => CliError::Files(file),
        }
    }
}

impl From<redress_app::case_file::CaseFileActionError> for CliError {
    fn from(err: redress_app::case_file::CaseFileActionError) -> CliError {
        use redress_app::case_file::CaseFileActionError;
        match err {
            CaseFileActionError::Service(service) => service.into(),
            CaseFileActionError::File(file) => CliError::Files(file),
            CaseFileActionError::Date(date) => CliError::Date(date),
            other => CliError::CaseFile(other),
        }
    }
}

/// Each problem with the option it is about, as the user typed it
/// (`--received`, not the form's `received_on`).
fn form_lines(errors: &FormErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| {
            let option = match e.field.as_str() {
                "received_on" => "received".to_owned(),
                "rep_consent_on" => "rep-consent".to_owned(),
                "description" => "what".to_owned(),
                "due_on" => "due".to_owned(),
                "told_on" => "told".to_owned(),
                "review_on" => "review".to_owned(),
                "decision" => "keep or --lift".to_owned(),
                other => other.replace('_', "-"),
            };
            format!("--{option}: {}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
