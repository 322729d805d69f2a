//! Moving cases in and out as spreadsheets: the CSV import councils use to
//! leave their spreadsheets behind, and the export that writes the same
//! columns back.

mod encoding;
mod export;
mod import;
mod mapping;
mod sheet;

pub use encoding::{decode, Encoding, StrayByte};
pub use export::{export_csv, export_json, neutralised, unneutralised};
pub(crate) use import::taken_references;
pub use import::{
    parse_cases, parse_sheet, sheet_problem, ImportProblem, ImportedCase, ImportedStage,
    ParsedSheet,
};
pub use mapping::{normalised, ColumnMatch, Mapping, MappingError, Reason};
pub use sheet::{Cell, Format, Sheet, SheetError};

/// The columns, in the order the export writes them: the spreadsheet columns
/// councils already keep, then what Redress adds so an export imports back
/// with its status and triage (remedies, actions and a third stage are not
/// spreadsheet columns, and stay in the database). The import reads them in
/// any order, by name, case-insensitively; only the first three are required.
pub const COLUMNS: [&str; 33] = [
    "reference",
    "received_on",
    "service_area",
    "channel",
    "category",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "summary",
    "description",
    "outcome_sought",
    "officer",
    "stage1_acknowledged_on",
    "stage1_extended_days",
    "stage1_extension_reason",
    "stage1_responded_on",
    "stage1_outcome",
    "stage2_requested_on",
    "stage2_reviewer",
    "stage2_acknowledged_on",
    "stage2_responded_on",
    "stage2_outcome",
    "ombudsman",
    "ombudsman_referred_on",
    "ombudsman_outcome",
    "closed_on",
    "closed_reason",
    "withdrawn_on",
    "complainant_postcode",
    "triage",
    "exclusion_reason",
    "triage_note",
];

/// How many of [`COLUMNS`] every file must have.
pub const REQUIRED_COLUMNS: usize = 3;
