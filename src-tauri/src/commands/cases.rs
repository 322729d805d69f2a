//! Cases: the caseload, search, recording a complaint, one case and the steps
//! taken on it.

use redress::case::{Entry, Step, StepForm};
use redress_app::{CaseQuery, CaseSort, StateFilter};
use redress_app::{Service, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{case_view, CaseRowView, CaseView};

/// A form as the UI sends it (`{name: value}`), read into the core's
/// [`StepForm`]: text as typed, ticks as flags, rows as rows. The core reads
/// every field; the shell checks nothing.
pub(crate) fn form(fields: serde_json::Map<String, Value>) -> StepForm {
    let text = |value: &Value| match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    StepForm(
        fields
            .into_iter()
            .map(|(name, value)| {
                let entry = match &value {
                    Value::Bool(flag) => Entry::Flag(*flag),
                    Value::Array(rows) => Entry::Rows(
                        rows.iter()
                            .filter_map(Value::as_object)
                            .map(|row| row.iter().map(|(k, v)| (k.clone(), text(v))).collect())
                            .collect(),
                    ),
                    other => Entry::Text(text(other)),
                };
                (name, entry)
            })
            .collect(),
    )
}

/// One group of the caseload screen.
#[derive(Debug, Serialize)]
pub struct GroupView {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    count: usize,
    cases: Vec<CaseRowView>,
}

/// The caseload screen.
#[derive(Debug, Serialize)]
pub struct CaseloadView {
    scope: &'static str,
    officer: Option<String>,
    total: usize,
    groups: Vec<GroupView>,
}

/// The caseload, mine (the default) or the team's, in its five groups.
#[tauri::command]
pub async fn caseload(
    state: State<'_, AppState>,
    scope: Option<String>,
) -> Result<CaseloadView, IpcError> {
    state
        .run(move |service| {
            let mine = scope.as_deref() != Some("team");
            let caseload = service.caseload(mine)?;
            // The desktop benchmark (`scripts/bench-desktop`) times a cold
            // start to this line.
            tracing::info!(cases = caseload.total, "caseload read");
            let (today, calendar) = (service.today(), service.calendar());
            let officer = caseload.officer.clone();
            let groups = caseload
                .groups
                .into_iter()
                .map(|group| GroupView {
                    key: group.horizon.slug(),
                    label: group.horizon.label(),
                    hint: group.horizon.hint(),
                    count: group.count,
                    cases: group
                        .rows
                        .into_iter()
                        .map(|row| {
                            let part = officer.as_deref().map(|name| row.part_of(name).label());
                            CaseRowView::new(row, today, calendar).with_part(part)
                        })
                        .collect(),
                })
                .collect();
            Ok(CaseloadView {
                scope: if officer.is_some() { "mine" } else { "team" },
                officer,
                total: caseload.total,
                groups,
            })
        })
        .await
}

/// A search from the cases screen.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchInput {
    text: Option<String>,
    stage: Option<Value>,
    state: Option<String>,
    service_area: Option<String>,
    officer: Option<String>,
    overdue: bool,
    sort: Option<String>,
    descending: bool,
    page: Option<u32>,
    page_size: Option<u32>,
}

/// One page of results.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    total: u64,
    page: u32,
    page_size: u32,
    cases: Vec<CaseRowView>,
}

/// Full-text search with filters, one page at a time.
#[tauri::command]
pub async fn search_cases(
    state: State<'_, AppState>,
    query: SearchInput,
) -> Result<SearchResults, IpcError> {
    let stage = match &query.stage {
        Some(Value::Number(n)) => n.as_u64().map(|n| n as usize),
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().parse().ok(),
        _ => None,
    };
    let page_size = query.page_size.unwrap_or(50).clamp(1, 500);
    let page = query.page.unwrap_or(1).max(1);
    let filter = CaseQuery {
        text: query.text.filter(|t| !t.trim().is_empty()),
        stage,
        state: match query.state.as_deref() {
            Some("closed") => StateFilter::Closed,
            Some("withdrawn") => StateFilter::Withdrawn,
            Some("all") => StateFilter::All,
            _ => StateFilter::Open,
        },
        service_area: query.service_area,
        officer: query.officer,
        overdue: query.overdue,
        sort: match query.sort.as_deref() {
            Some("received") => CaseSort::Received,
            Some("reference") => CaseSort::Reference,
            _ => CaseSort::Due,
        },
        descending: query.descending,
        limit: Some(page_size),
        offset: (page - 1).saturating_mul(page_size),
        ..CaseQuery::default()
    };
    state
        .run(move |service| {
            let (today, calendar) = (service.today(), service.calendar());
            let total = service.count(&filter)?;
            let cases = service
                .search(&filter)?
                .into_iter()
                .map(|row| CaseRowView::new(row, today, calendar))
                .collect();
            Ok(SearchResults {
                total,
                page,
                page_size,
                cases,
            })
        })
        .await
}

pub(crate) fn view(service: &Service, reference: &str) -> Result<CaseView, IpcError> {
    Ok(case_view(
        service.case_file(reference)?,
        service.officers()?,
        &service.settings().policy,
        service.calendar(),
        service.today(),
        service.settings().document_limit_mb,
    ))
}

/// Records a new case.
#[tauri::command]
pub async fn create_case(
    state: State<'_, AppState>,
    input: serde_json::Map<String, Value>,
) -> Result<CaseView, IpcError> {
    let intake = form(input);
    state
        .run(move |service| {
            let recorded = service.record(&intake).map_err(|err| match err {
                ServiceError::Store(redress_app::StoreError::UnknownOfficer(name)) => {
                    IpcError::field(
                        "unknown_officer",
                        "officer",
                        format!("no officer is called '{name}'"),
                    )
                }
                ServiceError::Store(err @ redress_app::StoreError::PersonNotFound(_)) => {
                    IpcError::field("person_not_found", "person", err.to_string())
                }
                ServiceError::Store(err @ redress_app::StoreError::CaseNotFound(_)) => {
                    IpcError::field("case_not_found", "repeat_of", err.to_string())
                }
                other => other.into(),
            })?;
            view(service, &recorded.case.reference)
        })
        .await
}

/// One case, with everything its screen shows.
#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, reference: String) -> Result<CaseView, IpcError> {
    state.run(move |service| view(service, &reference)).await
}

/// Takes one step on a case (a response with its actions counts as one).
#[tauri::command]
pub async fn case_step(
    state: State<'_, AppState>,
    reference: String,
    mut step: serde_json::Map<String, Value>,
) -> Result<CaseView, IpcError> {
    let kind = match step.remove("kind") {
        Some(Value::String(kind)) => Step::from_slug(&kind),
        _ => None,
    }
    .ok_or_else(|| IpcError::general("unknown_step", "Redress does not know that step"))?;
    let step = form(step);
    state
        .run(move |service| {
            service.take_step(&reference, kind, &step)?;
            view(service, &reference)
        })
        .await
}
