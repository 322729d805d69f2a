//! Reports in the window: the report on a period (the same JSON as `redress
//! report --json`), the quarters of a financial year side by side, saving
//! the CSV, the committee PDF and the annual PDF to the Reports folder and
//! opening them, and the Code self-assessment.

use chrono::NaiveDate;
use redress::reports::{Assessed, Figures, Period, Report};
use redress_app::Service;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

fn date(field: &'static str, text: &str) -> Result<NaiveDate, IpcError> {
    redress::dates::parse_date(text)
        .map_err(|err| IpcError::field("bad_date", field, err.to_string()))
}

fn period(from: &str, to: &str) -> Result<Period, IpcError> {
    let period = Period::new(date("from", from)?, date("to", to)?)
        .map_err(|err| IpcError::field("bad_period", "to", err.to_string()))?;
    Ok(period)
}

/// The report on a period.
#[tauri::command]
pub async fn report(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Report, IpcError> {
    let period = period(&from, &to)?;
    state.run(move |service| Ok(service.report(period)?)).await
}

/// A stage measure as the report's tables list it.
#[derive(Debug, Serialize)]
pub struct MeasureView {
    key: &'static str,
    kind: &'static str,
}

/// The stage measures in the order the core's tables list them, each with
/// how it is written (`count`, `pct`, `days`).
#[tauri::command]
pub fn report_measures() -> Vec<MeasureView> {
    redress::reports::StageMeasures::layout()
        .into_iter()
        .map(|(key, kind)| MeasureView { key, kind })
        .collect()
}

/// A financial year's quarters.
#[derive(Debug, Serialize)]
pub struct QuartersView {
    year: i32,
    label: String,
    quarters: Vec<Figures>,
}

/// The quarter before Q1, then Q1 to Q4 of the financial year.
#[tauri::command]
pub async fn report_quarters(
    state: State<'_, AppState>,
    year: i32,
) -> Result<QuartersView, IpcError> {
    state
        .run(move |service| {
            let quarters = service.quarters(year)?;
            let label = Period::financial_year(year)
                .map(|p| p.label())
                .unwrap_or_default();
            Ok(QuartersView {
                year,
                label,
                quarters,
            })
        })
        .await
}

/// A period as the period picker offers it: its name and dates.
#[derive(Debug, Serialize)]
pub struct PeriodView {
    label: String,
    from: NaiveDate,
    to: NaiveDate,
}

impl From<Period> for PeriodView {
    fn from(p: Period) -> PeriodView {
        PeriodView {
            label: p.label(),
            from: p.from,
            to: p.to,
        }
    }
}

/// A financial year with its quarters, as the core defines them.
#[derive(Debug, Serialize)]
pub struct YearView {
    year: i32,
    label: String,
    from: NaiveDate,
    to: NaiveDate,
    quarters: Vec<PeriodView>,
}

/// The financial years to choose from.
#[derive(Debug, Serialize)]
pub struct YearsView {
    current: i32,
    years: Vec<YearView>,
}

/// Every financial year from the first with cases to the one today is in,
/// newest first, each with its dates and quarters: the window never works
/// out the council's year itself.
#[tauri::command]
pub async fn financial_years(state: State<'_, AppState>) -> Result<YearsView, IpcError> {
    state
        .run(|service| {
            let current = Period::financial_year_of(service.today());
            let first = service
                .financial_years()?
                .into_iter()
                .min()
                .unwrap_or(current)
                .min(current);
            let years = (first..=current)
                .rev()
                .filter_map(|year| {
                    let whole = Period::financial_year(year).ok()?;
                    let quarters = Period::quarters(year).ok()?;
                    Some(YearView {
                        year,
                        label: whole.label(),
                        from: whole.from,
                        to: whole.to,
                        quarters: quarters.into_iter().map(PeriodView::from).collect(),
                    })
                })
                .collect();
            Ok(YearsView { current, years })
        })
        .await
}

/// A saved report.
#[derive(Debug, Serialize)]
pub struct Saved {
    path: String,
    opened: bool,
}

fn save(service: &Service, file_name: &str, bytes: &[u8]) -> Result<Saved, IpcError> {
    let path = super::save_document(service.reports_folder(), "report", file_name, bytes)?;
    // Saved is what matters; a computer with no viewer still has the file.
    let opened = open::that_detached(&path).is_ok();
    Ok(Saved {
        path: path.display().to_string(),
        opened,
    })
}

fn file_stem(period: &Period) -> String {
    format!("Complaints report {} to {}", period.from, period.to)
}

/// Saves the report on a period as a PDF or a CSV, and opens it.
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    from: String,
    to: String,
    format: String,
) -> Result<Saved, IpcError> {
    let period = period(&from, &to)?;
    state
        .run(move |service| match format.as_str() {
            "pdf" => {
                let bytes = service.report_pdf(period)?;
                save(service, &format!("{}.pdf", file_stem(&period)), &bytes)
            }
            "csv" => {
                let report = service.report(period)?;
                let mut bytes = Vec::new();
                redress::reports::write_csv(&report, &mut bytes)
                    .map_err(|e| IpcError::internal(&e.to_string()))?;
                save(service, &format!("{}.csv", file_stem(&period)), &bytes)
            }
            other => Err(IpcError::field(
                "bad_format",
                "format",
                format!("'{other}' is not a report format: use pdf or csv"),
            )),
        })
        .await
}

/// Saves the annual report of a financial year as a PDF, and opens it.
#[tauri::command]
pub async fn save_annual_report(state: State<'_, AppState>, year: i32) -> Result<Saved, IpcError> {
    state
        .run(move |service| {
            let bytes = service.annual_report_pdf(year)?;
            let label = Period::financial_year(year)
                .map(|p| p.label().replace('/', "-"))
                .unwrap_or_default();
            save(
                service,
                &format!("Annual complaints report {label}.pdf"),
                &bytes,
            )
        })
        .await
}

/// The self-assessment of a year.
#[derive(Debug, Serialize)]
pub struct AssessmentView {
    year: i32,
    label: String,
    items: Vec<Assessed>,
}

fn assessment_view(year: i32, items: Vec<Assessed>) -> AssessmentView {
    AssessmentView {
        year,
        label: Period::financial_year(year)
            .map(|p| p.label())
            .unwrap_or_default(),
        items,
    }
}

/// The Code self-assessment of a financial year.
#[tauri::command]
pub async fn get_self_assessment(
    state: State<'_, AppState>,
    year: i32,
) -> Result<AssessmentView, IpcError> {
    state
        .run(move |service| Ok(assessment_view(year, service.self_assessment(year)?)))
        .await
}

/// Saves the council's response to one requirement.
#[tauri::command]
pub async fn save_self_assessment(
    state: State<'_, AppState>,
    year: i32,
    code: String,
    response: String,
) -> Result<AssessmentView, IpcError> {
    state
        .run(move |service| {
            let items = service.save_self_assessment(year, &code, &response)?;
            Ok(assessment_view(year, items))
        })
        .await
}
