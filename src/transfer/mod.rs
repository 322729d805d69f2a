//! Moving cases in and out as spreadsheets: the CSV import councils use to
//! leave their spreadsheets behind, and the export that writes the same
//! columns back.

mod encoding;
mod export;
mod import;
mod mapping;
mod sheet;

pub use encoding::{decode, Encoding, StrayByte};
pub use export::{export_json, neutralised, unneutralised, CasesCsv};
pub use import::taken_references;
pub use import::{
    parse_cases, parse_sheet, parse_sheet_rows, rejects_csv, sheet_problem, summary_or_first_line,
    words_to_map, ImportProblem, ImportedCase, ImportedStage, ParsedSheet, Rejection, WordToMap,
    TERM_FIELDS,
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

/// Columns the import reads that the export does not write: `stage`, in a
/// sheet with one row per stage of a complaint (the same reference on
/// each), says which stage the row is.
pub const IMPORT_ONLY_COLUMNS: [&str; 1] = ["stage"];

/// The column a rejects file adds to the refused rows, saying what is
/// wrong with each; an import of the corrected file does not read it.
pub const PROBLEM_COLUMN: &str = "Problem";

/// What each of [`COLUMNS`] is, in words, for the window's mapping.
pub fn label(field: &str) -> &'static str {
    match field {
        "reference" => "Reference",
        "received_on" => "Date received",
        "service_area" => "Service area",
        "channel" => "How it was received",
        "category" => "Category",
        "complainant_name" => "Complainant's name",
        "complainant_email" => "Complainant's email",
        "complainant_phone" => "Complainant's phone",
        "complainant_address" => "Complainant's address",
        "summary" => "Summary",
        "description" => "Description",
        "outcome_sought" => "Outcome sought",
        "officer" => "Accountable officer",
        "stage1_acknowledged_on" => "Stage 1 acknowledged",
        "stage1_extended_days" => "Stage 1 extension (working days)",
        "stage1_extension_reason" => "Stage 1 extension reason",
        "stage1_responded_on" => "Stage 1 responded",
        "stage1_outcome" => "Stage 1 outcome",
        "stage2_requested_on" => "Stage 2 requested",
        "stage2_reviewer" => "Stage 2 reviewer",
        "stage2_acknowledged_on" => "Stage 2 acknowledged",
        "stage2_responded_on" => "Stage 2 responded",
        "stage2_outcome" => "Stage 2 outcome",
        "ombudsman" => "Ombudsman",
        "ombudsman_referred_on" => "Referred to the Ombudsman",
        "ombudsman_outcome" => "Ombudsman's decision",
        "closed_on" => "Date closed",
        "closed_reason" => "Reason closed",
        "withdrawn_on" => "Date withdrawn",
        "complainant_postcode" => "Complainant's postcode",
        "triage" => "Complaint or not",
        "exclusion_reason" => "Reason excluded",
        "triage_note" => "Triage note",
        "stage" => "Stage (one row per stage)",
        _ => "",
    }
}

/// How many of [`COLUMNS`] every file must have.
pub const REQUIRED_COLUMNS: usize = 3;
