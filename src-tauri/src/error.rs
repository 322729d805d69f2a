//! The one error type that crosses IPC: `{"code": ..., "message": ...}`, plus
//! `field` when one form field is at fault. `code` is stable for the UI to
//! branch on; `message` is for people. Unexpected failures become a generic
//! message and a log line.

use redress::case::FormErrors;
use redress_app::StoreError;
use serde::Serialize;

/// A failure reported to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// A stable, machine-readable code such as `bad_date`.
    pub code: &'static str,
    /// A sentence the user can act on.
    pub message: String,
    /// The form field the problem is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every problem of a form at once, each with its field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One field's problem in a form with several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The field's name.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl From<redress_app::ServiceError> for IpcError {
    fn from(err: redress_app::ServiceError) -> IpcError {
        match err {
            redress_app::ServiceError::Form(form) => form.into(),
            redress_app::ServiceError::Store(store) => store.into(),
        }
    }
}

impl From<FormErrors> for IpcError {
    fn from(errors: FormErrors) -> IpcError {
        let errors: Vec<FieldProblem> = errors
            .0
            .into_iter()
            .map(|e| FieldProblem {
                field: e.field,
                message: sentence(e.message),
            })
            .collect();
        IpcError {
            code: "invalid",
            message: match errors.len() {
                1 => errors[0].message.clone(),
                n => format!("There are {n} problems with the form: see each field"),
            },
            field: errors.first().map(|e| e.field.clone()),
            errors,
        }
    }
}

impl IpcError {
    /// An error about one form field.
    pub fn field(code: &'static str, field: &'static str, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: sentence(message.into()),
            field: Some(field.to_owned()),
            errors: Vec::new(),
        }
    }

    /// An error about no field in particular.
    pub fn general(code: &'static str, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: sentence(message.into()),
            field: None,
            errors: Vec::new(),
        }
    }

    /// Something that should not happen: logged, and reported plainly.
    pub fn internal(detail: &str) -> IpcError {
        eprintln!("redress-desktop: internal error: {detail}");
        IpcError::general(
            "internal",
            "Something went wrong inside Redress and nothing was changed. Please try again; if it keeps happening, tell your IT contact.",
        )
    }
}

/// The core's messages read as clauses (`stage 1 was already ...`); on
/// screen they stand alone, so they start with a capital.
pub(crate) fn sentence(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

impl From<StoreError> for IpcError {
    fn from(err: StoreError) -> IpcError {
        let message = sentence(err.to_string());
        match err {
            StoreError::Rule(rule) => IpcError {
                code: rule.code(),
                message,
                field: rule.field().map(str::to_owned),
                errors: Vec::new(),
            },
            StoreError::UnknownReference { what, .. } => IpcError::field(
                "unknown_reference",
                if what == "category" {
                    "category"
                } else {
                    "service_area"
                },
                message,
            ),
            StoreError::CaseNotFound(_) => IpcError::general("case_not_found", message),
            StoreError::UnknownOfficer(_) => IpcError::general("unknown_officer", message),
            StoreError::RetiredOfficer(_) => IpcError::field("retired_officer", "officer", message),
            StoreError::UnknownName(_) => IpcError::general("unknown_name", message),
            StoreError::DuplicateName(_) => IpcError::field("duplicate_name", "name", message),
            StoreError::StageInUse { .. } => IpcError::general("stage_in_use", message),
            StoreError::DuplicateOfficer(_) => {
                IpcError::field("duplicate_officer", "name", message)
            }
            StoreError::Reminders(_) => IpcError::field("bad_reminders", "reminders", message),
            StoreError::Prefix(_) => IpcError::field("bad_prefix", "reference_prefix", message),
            StoreError::Policy(_) => IpcError::general("bad_policy", message),
            StoreError::NotEmpty => IpcError::general("not_empty", message),
            StoreError::NoActor => IpcError::field("no_user", "user", message),
            StoreError::ImportRejected(_) => IpcError::general("import_rejected", message),
            StoreError::Sheet(redress::transfer::SheetError::UnknownSheet { .. }) => {
                IpcError::field("unknown_sheet", "sheet", message)
            }
            StoreError::Sheet(_) => IpcError::field("bad_sheet", "file", message),
            StoreError::Mapping(_) => IpcError::field("bad_mapping", "mapping", message),
            StoreError::NotADatabase(_) => IpcError::general("not_a_database", message),
            StoreError::PersonNotFound(_) => IpcError::general("person_not_found", message),
            StoreError::AmbiguousPerson { .. } => IpcError::general("ambiguous_person", message),
            StoreError::MergeSelf(_)
            | StoreError::MergeAnonymous
            | StoreError::MergeTwoRestrictions => IpcError::general("merge_refused", message),
            StoreError::Restriction(_) => IpcError::general("restriction_refused", message),
            StoreError::UnknownRequirement(_) => {
                IpcError::field("unknown_requirement", "code", message)
            }
            StoreError::NoDatabase(_)
            | StoreError::Foreign(_)
            | StoreError::Newer { .. }
            | StoreError::Damaged { .. } => IpcError::general("database_unusable", message),
            StoreError::ReadOnly(_) => IpcError::general("read_only", message),
            StoreError::DiskFull(_) => IpcError::general("disk_full", message),
            StoreError::Busy(_) => IpcError::general("busy", message),
            StoreError::TodayOnLive => IpcError::general("today_on_live", message),
            StoreError::Retention(_) => IpcError::field("bad_retention", "years", message),
            StoreError::RepeatWindow(_) => {
                IpcError::field("bad_months", "repeat_window_months", message)
            }
            StoreError::DocumentLimit(_) => {
                IpcError::field("bad_limit", "document_limit_mb", message)
            }
            StoreError::CaseFile(err) => case_file_error(&err, message),
            StoreError::Content(_) => IpcError::general("document_content", message),
            StoreError::NoDocumentFolder => IpcError::internal(&message),
            StoreError::BadText { field, .. } => IpcError::field("bad_text", field, message),
            StoreError::NotPastRetention(_) => {
                IpcError::field("not_past_retention", "references", message)
            }
            StoreError::TooManyDemoCases(_) => IpcError::field("too_many", "cases", message),
            StoreError::SyncNotSetUp => IpcError::general("sync_not_set_up", message),
            StoreError::SyncSetUp => IpcError::general("sync_set_up", message),
            StoreError::SyncJoinNotEmpty(_) => IpcError::general("sync_not_empty", message),
            StoreError::NoConflict(_) => IpcError::general("no_conflict", message),
            StoreError::SyncFolder(_) => IpcError::field("sync_folder", "folder", message),
            StoreError::Open { .. }
            | StoreError::Migration(_)
            | StoreError::Sqlite(_)
            | StoreError::Corrupt(_) => IpcError::internal(&message),
        }
    }
}

impl From<redress_app::LetterError> for IpcError {
    fn from(err: redress_app::LetterError) -> IpcError {
        use redress_app::LetterError;
        let message = sentence(err.to_string());
        match err {
            LetterError::Store(store) => store.into(),
            LetterError::Kind(_) => IpcError::field("unknown_letter_kind", "kind", message),
            LetterError::DoesNotFit(_) => IpcError::general("letter_does_not_fit", message),
            LetterError::Template { .. } | LetterError::UnknownTemplate(_) => {
                IpcError::field("template_error", "body", message)
            }
            LetterError::Incomplete(_) => IpcError::field("letter_incomplete", "reason", message),
            LetterError::NotFound(_) => IpcError::general("letter_not_found", message),
            LetterError::Logo(_) => IpcError::field("bad_logo", "logo", message),
        }
    }
}

impl From<redress_app::ReportError> for IpcError {
    fn from(err: redress_app::ReportError) -> IpcError {
        use redress_app::ReportError;
        let message = sentence(err.to_string());
        match err {
            ReportError::Store(store) => store.into(),
            ReportError::Letter(letter) => letter.into(),
            ReportError::Period(redress::reports::BadPeriod::Backwards { .. }) => {
                IpcError::field("bad_period", "to", message)
            }
            ReportError::Period(redress::reports::BadPeriod::Year(_)) => {
                IpcError::field("bad_period", "year", message)
            }
        }
    }
}

impl From<redress_app::backups::BackupsError> for IpcError {
    fn from(err: redress_app::backups::BackupsError) -> IpcError {
        use redress_app::backups::BackupsError;
        let message = sentence(err.to_string());
        match err {
            BackupsError::Store(store)
            | BackupsError::Backup(redress_app::BackupError::Store(store)) => store.into(),
            BackupsError::Backup(
                redress_app::BackupError::Damaged { .. }
                | redress_app::BackupError::DocumentMissing { .. },
            ) => IpcError::general("backup_damaged", message),
            BackupsError::UnknownBackup(_) => IpcError::field("unknown_backup", "file", message),
            BackupsError::File(file) => file.into(),
            BackupsError::NoFolder
            | BackupsError::Folder { .. }
            | BackupsError::Backup(redress_app::BackupError::Write { .. }) => {
                IpcError::general("cannot_back_up", message)
            }
        }
    }
}

/// A case-file refusal, on the field it concerns.
fn case_file_error(err: &redress::case_file::CaseFileError, message: String) -> IpcError {
    use redress::case_file::CaseFileError;
    match err {
        CaseFileError::TooLarge { .. } | CaseFileError::NoName | CaseFileError::BadName(..) => {
            IpcError::field("bad_document", "file", message)
        }
        CaseFileError::Empty(what) | CaseFileError::TooLong(what) => IpcError::field(
            "bad_text",
            match *what {
                "the note" => "text",
                "the reason" => "reason",
                "the description" => "description",
                _ => "summary",
            },
            message,
        ),
        CaseFileError::BadText(_) => IpcError::general("bad_text", message),
        CaseFileError::UnknownMethod(_) | CaseFileError::NoMethod => {
            IpcError::field("bad_method", "method", message)
        }
        CaseFileError::InFuture(_) => IpcError::field("in_future", "on", message),
        CaseFileError::NoReason => IpcError::field("no_reason", "reason", message),
        CaseFileError::NoDocument { .. } => IpcError::general("document_not_found", message),
        CaseFileError::LetterStays(_) => IpcError::general("letter_stays", message),
    }
}

impl From<redress_app::case_file::CaseFileActionError> for IpcError {
    fn from(err: redress_app::case_file::CaseFileActionError) -> IpcError {
        use redress_app::case_file::CaseFileActionError;
        let message = sentence(err.to_string());
        match err {
            CaseFileActionError::File(file) => file.into(),
            CaseFileActionError::Email { .. } => IpcError::field("bad_email", "file", message),
            CaseFileActionError::CaseFile(err) => case_file_error(&err, message),
            CaseFileActionError::Service(err) => err.into(),
            CaseFileActionError::Date(_) => IpcError::field("bad_date", "on", message),
            CaseFileActionError::Undated { .. } => {
                IpcError::field("undated_email", "received_on", message)
            }
        }
    }
}

impl From<redress_app::sync::SyncError> for IpcError {
    fn from(err: redress_app::sync::SyncError) -> IpcError {
        use redress_app::sync::SyncError;
        match err {
            SyncError::Store(err) => err.into(),
            SyncError::File(err) => err.into(),
            err @ SyncError::JoinFileInFolder => IpcError::field(
                "join_file_in_folder",
                "join_file",
                sentence(err.to_string()),
            ),
            err @ SyncError::Join { .. } => {
                IpcError::field("not_a_join_file", "join_file", sentence(err.to_string()))
            }
            err @ SyncError::Folder(_) => {
                IpcError::field("sync_folder", "folder", sentence(err.to_string()))
            }
        }
    }
}

impl From<redress_app::files::FileError> for IpcError {
    fn from(err: redress_app::files::FileError) -> IpcError {
        IpcError::general("cannot_save", sentence(err.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use redress::case::RuleError;

    #[test]
    fn the_wire_shape_is_pinned() {
        let err = IpcError::field("bad_date", "received", "'x' is not a date");
        assert_eq!(
            serde_json::to_value(&err).expect("serialises"),
            serde_json::json!({"code": "bad_date", "message": "'x' is not a date", "field": "received"})
        );
        let err = IpcError::general("case_not_found", "no case has the reference 'X'");
        assert_eq!(
            serde_json::to_string(&err).expect("serialises"),
            r#"{"code":"case_not_found","message":"No case has the reference 'X'"}"#
        );
    }

    #[test]
    fn rule_refusals_keep_their_code_and_field() {
        let err: IpcError = StoreError::Rule(RuleError::ReviewerFromService {
            reviewer: "Beth".to_owned(),
            service_area: "Housing".to_owned(),
        })
        .into();
        assert_eq!(
            serde_json::to_value(&err).expect("serialises"),
            serde_json::json!({
                "code": "reviewer_from_service",
                "message": "Beth works in Housing, the service complained about, so is not independent: choose an officer from another service",
                "field": "reviewer"
            })
        );
    }

    #[test]
    fn database_failures_are_not_shown_raw() {
        let err: IpcError = StoreError::Corrupt("term 'x'".to_owned()).into();
        assert_eq!(err.code, "internal");
        assert!(!err.message.contains("term"));
    }
}
