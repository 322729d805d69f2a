//! Moving cases in and out from the window: the spreadsheet import (with a
//! dry run, and every problem listed by line and column) and the export to
//! a CSV that opens in Excel.

use redress::store::StoreError;
use redress::transfer::ImportProblem;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

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
}

/// Imports cases from a spreadsheet's bytes (CSV, as Excel saves it), all
/// or nothing; with `dry_run`, checks them and writes nothing. Its
/// arguments are named as the contract names them (`file_name`, `dry_run`).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_cases(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    dry_run: bool,
) -> Result<ImportView, IpcError> {
    state
        .run(move |service| {
            let actor = service.actor();
            match service
                .store_mut()
                .import_cases(&bytes, &file_name, &actor, dry_run)
            {
                Ok(summary) => Ok(ImportView {
                    cases: summary.cases,
                    written: summary.written,
                    new_service_areas: summary.created.service_areas,
                    new_categories: summary.created.categories,
                    new_officers: summary.created.officers,
                    problems: Vec::new(),
                    encoding: (summary.encoding != redress::transfer::Encoding::Utf8)
                        .then(|| summary.encoding.to_string()),
                }),
                Err(StoreError::ImportRejected(problems)) => Ok(ImportView {
                    cases: 0,
                    written: false,
                    new_service_areas: Vec::new(),
                    new_categories: Vec::new(),
                    new_officers: Vec::new(),
                    problems: problems.into_iter().map(ProblemView::from).collect(),
                    encoding: None,
                }),
                Err(other) => Err(other.into()),
            }
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
            let cases = service.store().all_cases()?;
            let mut bytes = Vec::new();
            redress::transfer::export_csv(&cases, &mut bytes)
                .map_err(|e| IpcError::internal(&e.to_string()))?;
            let folder = service.folder_beside_database("Exports");
            let name = format!("Redress cases {}.csv", service.today());
            let path = super::save_document(folder, "export", &name, &bytes)?;
            let opened = open::that_detached(&path).is_ok();
            Ok(ExportView {
                path: path.display().to_string(),
                cases: cases.len(),
                opened,
            })
        })
        .await
}
