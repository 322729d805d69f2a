//! Moving cases in and out from the window: the spreadsheet import (with a
//! dry run, and every problem listed by line and column) and the export to
//! a CSV that opens in Excel.

use std::collections::BTreeMap;

use redress::transfer::{ImportProblem, Mapping, Reason, COLUMNS};
use redress_app::transfer::ImportError;
use redress_app::{ImportFile, StoreError};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{terms, DateView, TermView};

/// One problem in an imported file.
#[derive(Debug, Serialize)]
pub struct ProblemView {
    line: usize,
    column: Option<String>,
    message: String,
}

impl From<ImportProblem> for ProblemView {
    fn from(p: ImportProblem) -> ProblemView {
        ProblemView {
            line: p.line,
            column: p.column,
            message: p.message,
        }
    }
}

/// What an import did, or would do, or why it could not.
#[derive(Debug, Serialize)]
pub struct ImportView {
    /// Cases read from the file.
    cases: usize,
    /// Whether they were written (false for a dry run or a refusal).
    written: bool,
    /// Reference data the file named that was added.
    new_service_areas: Vec<String>,
    new_categories: Vec<String>,
    new_officers: Vec<String>,
    /// Every problem found; when there are any, nothing was written.
    problems: Vec<ProblemView>,
    /// How the file was read, when it was not plain UTF-8 (null then).
    encoding: Option<String>,
    /// With `skip_bad`: the rows refused and left out (the good ones were
    /// imported without them), each by line with what is wrong.
    rejected: Vec<ProblemView>,
    /// Where the refused rows were saved, when any were.
    rejects_path: Option<String>,
}

/// A mapping as the window sends and is sent it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct MappingView {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

impl From<MappingView> for Mapping {
    fn from(view: MappingView) -> Mapping {
        Mapping {
            columns: view.columns,
            values: view.values,
        }
    }
}

impl From<Mapping> for MappingView {
    fn from(mapping: Mapping) -> MappingView {
        MappingView {
            columns: mapping.columns,
            values: mapping.values,
        }
    }
}

/// The mapping sent, else the one saved for next time, else none (the
/// guess alone).
fn mapping_in_force(
    service: &redress_app::Service,
    sent: Option<MappingView>,
) -> Result<Mapping, IpcError> {
    match sent {
        Some(view) => Ok(view.into()),
        None => Ok(service.import_mapping()?.unwrap_or_default()),
    }
}

/// Runs import work on the file the window sent, with the mapping in
/// force.
fn with_file<T>(
    service: &mut redress_app::Service,
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<MappingView>,
    work: impl FnOnce(&mut redress_app::Service, &ImportFile<'_>) -> Result<T, IpcError>,
) -> Result<T, IpcError> {
    let mapping = mapping_in_force(service, mapping)?;
    let file = ImportFile {
        bytes,
        name,
        sheet,
        mapping: &mapping,
    };
    work(service, &file)
}

/// Imports cases from a spreadsheet's bytes (CSV, `.xlsx`, `.xls`, `.ods`),
/// its sheet and mapping as the window has them, all or nothing; with
/// `dry_run`, checks them and writes nothing. With `skip_bad`, imports the
/// complaints whose rows pass and saves the refused rows at `rejects_path`
/// (blank: a file named after the spreadsheet in the Exports folder beside
/// the database). Its arguments are named as the contract names them.
#[allow(clippy::too_many_arguments)]
#[tauri::command(rename_all = "snake_case")]
pub async fn import_cases(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    dry_run: bool,
    sheet: Option<String>,
    mapping: Option<MappingView>,
    skip_bad: Option<bool>,
    rejects_path: Option<String>,
) -> Result<ImportView, IpcError> {
    state
        .run(move |service| {
            let mapping = mapping_in_force(service, mapping)?;
            let file = ImportFile {
                bytes: &bytes,
                name: &file_name,
                sheet: sheet.as_deref(),
                mapping: &mapping,
            };
            let rejects_path = match (skip_bad.unwrap_or(false), rejects_path) {
                (false, _) => None,
                (true, Some(path)) if !path.trim().is_empty() => {
                    Some(std::path::PathBuf::from(path.trim()))
                }
                (true, _) => Some(service.default_rejects_path(&file_name)?.ok_or_else(|| {
                    IpcError::field(
                        "no_folder",
                        "rejects_path",
                        "Say where to save the refused rows",
                    )
                })?),
            };
            match service.import_cases(&file, dry_run, rejects_path.as_deref()) {
                Ok(summary) => Ok(ImportView {
                    cases: summary.cases,
                    written: summary.written,
                    new_service_areas: summary.created.service_areas,
                    new_categories: summary.created.categories,
                    new_officers: summary.created.officers,
                    problems: Vec::new(),
                    encoding: (summary.encoding != redress::transfer::Encoding::Utf8)
                        .then(|| summary.encoding.to_string()),
                    rejects_path: (summary.written && !summary.rejected.is_empty())
                        .then(|| rejects_path.map(|p| p.display().to_string()))
                        .flatten(),
                    rejected: summary
                        .rejected
                        .into_iter()
                        .map(|r| ProblemView {
                            line: r.line,
                            column: None,
                            message: r.problem,
                        })
                        .collect(),
                }),
                Err(ImportError::Store(StoreError::ImportRejected(problems))) => Ok(ImportView {
                    cases: 0,
                    written: false,
                    new_service_areas: Vec::new(),
                    new_categories: Vec::new(),
                    new_officers: Vec::new(),
                    problems: problems.into_iter().map(ProblemView::from).collect(),
                    encoding: None,
                    rejected: Vec::new(),
                    rejects_path: None,
                }),
                Err(ImportError::Store(other)) => Err(other.into()),
                Err(ImportError::Rejects(file)) => Err(IpcError::field(
                    "rejects_not_saved",
                    "rejects_path",
                    format!(
                        "{}; nothing was imported",
                        crate::error::sentence(file.to_string())
                    ),
                )),
            }
        })
        .await
}

/// A column and the field it fills.
#[derive(Debug, Serialize)]
pub struct ColumnView {
    header: String,
    field: Option<&'static str>,
    reason: Option<&'static str>,
}

/// A field the window offers for a column.
#[derive(Debug, Serialize)]
pub struct FieldView {
    name: &'static str,
    label: &'static str,
}

/// A council word and what it becomes.
#[derive(Debug, Serialize)]
pub struct WordView {
    field: &'static str,
    label: &'static str,
    word: String,
    value: Option<String>,
    choices: Vec<TermView>,
}

/// A row as it would be recorded.
#[derive(Debug, Serialize)]
pub struct PreviewRowView {
    line: usize,
    reference: String,
    received_on: DateView,
    service_area: String,
    complainant: String,
    summary: String,
    outcome: Option<&'static str>,
    closed_on: Option<DateView>,
}

/// What importing a file would do.
#[derive(Debug, Serialize)]
pub struct PreviewView {
    sheets: Vec<String>,
    sheet: Option<String>,
    columns: Vec<ColumnView>,
    fields: Vec<FieldView>,
    words: Vec<WordView>,
    rows: Vec<PreviewRowView>,
    row_count: usize,
    problems: Vec<ProblemView>,
    encoding: Option<String>,
    mapping: MappingView,
}

/// The choices for a term field's words.
fn choices(field: &str) -> Vec<TermView> {
    use redress::case::{Channel, ExclusionReason, Ombudsman, Outcome};
    match field {
        "stage1_outcome" | "stage2_outcome" => terms!(Outcome),
        "channel" => terms!(Channel),
        "exclusion_reason" => terms!(ExclusionReason),
        "ombudsman" => terms!(Ombudsman),
        "triage" => vec![
            TermView::new("complaint", "Complaint"),
            TermView::new("service-request", "Service request"),
            TermView::new("excluded", "Excluded"),
        ],
        _ => Vec::new(),
    }
}

/// What importing a file would do, before anything is written: its
/// sheets, each column and its field, the council's words, the first rows
/// as recorded and every problem.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    sheet: Option<String>,
    mapping: Option<MappingView>,
) -> Result<PreviewView, IpcError> {
    state
        .run(move |service| {
            let preview = with_file(
                service,
                &file_name,
                &bytes,
                sheet.as_deref(),
                mapping,
                |service, file| Ok(service.preview_import(file)?),
            )?;
            Ok(PreviewView {
                sheet: sheet.clone().or_else(|| preview.sheets.first().cloned()),
                sheets: preview.sheets,
                columns: preview
                    .columns
                    .into_iter()
                    .map(|c| ColumnView {
                        header: c.header,
                        field: c.field,
                        reason: c.reason.map(|r| match r {
                            Reason::Mapping => "mapping",
                            Reason::Name => "name",
                            Reason::Synonym => "synonym",
                        }),
                    })
                    .collect(),
                fields: COLUMNS
                    .iter()
                    .map(|name| FieldView {
                        name,
                        label: redress::transfer::label(name),
                    })
                    .collect(),
                words: preview
                    .words
                    .into_iter()
                    .map(|w| WordView {
                        label: redress::transfer::label(w.field),
                        choices: choices(w.field),
                        field: w.field,
                        word: w.word,
                        value: w.value,
                    })
                    .collect(),
                rows: preview
                    .cases
                    .into_iter()
                    .map(|c| PreviewRowView {
                        line: c.line,
                        outcome: c.stages.first().and_then(|s| s.outcome).map(|o| o.label()),
                        closed_on: c.closed_on.map(DateView::from),
                        received_on: c.received_on.into(),
                        reference: c.reference,
                        service_area: c.service_area,
                        complainant: c.complainant_name,
                        summary: c.summary,
                    })
                    .collect(),
                row_count: preview.rows,
                problems: preview
                    .problems
                    .into_iter()
                    .map(ProblemView::from)
                    .collect(),
                encoding: (preview.encoding != redress::transfer::Encoding::Utf8)
                    .then(|| preview.encoding.to_string()),
                mapping: preview.mapping.into(),
            })
        })
        .await
}

/// That the mapping was kept.
#[derive(Debug, Serialize)]
pub struct SavedView {
    saved: bool,
}

/// Keeps a mapping for the next import.
#[tauri::command]
pub async fn save_import_mapping(
    state: State<'_, AppState>,
    mapping: MappingView,
) -> Result<SavedView, IpcError> {
    state
        .run(move |service| {
            service.save_import_mapping(&mapping.into())?;
            Ok(SavedView { saved: true })
        })
        .await
}

/// Where the export was saved.
#[derive(Debug, Serialize)]
pub struct ExportView {
    path: String,
    cases: usize,
    opened: bool,
}

/// Exports every case as a CSV in the Exports folder beside the database,
/// and opens it (in Excel, where it is installed).
#[tauri::command]
pub async fn export_cases(state: State<'_, AppState>) -> Result<ExportView, IpcError> {
    state
        .run(|service| {
            let folder = service.folder_beside_database("Exports");
            let name = format!("Redress cases {}.csv", service.today());
            let mut cases = 0;
            let path = super::save_document_with(folder, "export", &name, |out| {
                let failed = |e: std::io::Error| IpcError::internal(&e.to_string());
                let mut csv = redress::transfer::CasesCsv::new(out).map_err(failed)?;
                cases = service.each_case(|case| csv.write(case).map_err(failed))?;
                csv.finish().map_err(failed)
            })?;
            let opened = open::that_detached(&path).is_ok();
            Ok(ExportView {
                path: path.display().to_string(),
                cases,
                opened,
            })
        })
        .await
}
