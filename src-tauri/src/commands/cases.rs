//! Cases: the caseload, search, recording a complaint, one case and the steps
//! taken on it.

use chrono::NaiveDate;
use redress::case::{
    CaseCommand, Channel, Complainant, ContactMethod, ExclusionReason, NewCase, Ombudsman, Outcome,
    Remedy, RemedyKind, Representative, Triage, Urgency,
};
use redress::dates::parse_date;
use redress::store::{CaseQuery, CaseSort, StateFilter, Store};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use crate::error::IpcError;
use crate::state::{AppState, Context};
use crate::views::{case_view, CaseRowView};

/// Reads a date field; empty is `None`.
fn opt_date(field: &'static str, text: &str) -> Result<Option<NaiveDate>, IpcError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .map_err(|e| IpcError::field("bad_date", field, e.to_string()))
}

/// Reads a date field that must be filled in.
fn date(field: &'static str, label: &str, text: &str) -> Result<NaiveDate, IpcError> {
    opt_date(field, text)?
        .ok_or_else(|| IpcError::field("required", field, format!("Enter {label}")))
}

/// Reads a term of a vocabulary.
fn term<T: std::str::FromStr<Err = redress::case::UnknownTerm>>(
    field: &'static str,
    text: &str,
) -> Result<T, IpcError> {
    text.parse::<T>()
        .map_err(|e| IpcError::field("unknown_term", field, e.to_string()))
}

/// The caseload screen.
#[derive(Debug, Serialize)]
pub struct Caseload {
    counts: Counts,
    cases: Vec<CaseRowView>,
}

/// How many open cases stand where.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    overdue: usize,
    due_today: usize,
    due_soon: usize,
    on_track: usize,
    open: usize,
}

/// Open cases, soonest deadline first, with counts by urgency.
#[tauri::command]
pub async fn caseload(
    state: State<'_, AppState>,
    officer: Option<String>,
) -> Result<Caseload, IpcError> {
    state
        .run(move |store, ctx| {
            let settings = store.settings()?;
            let calendar = settings.calendar();
            let query = CaseQuery {
                officer,
                ..CaseQuery::default()
            };
            let today = ctx.actor.today;
            let rows: Vec<CaseRowView> = store
                .search(&query, today, &calendar)?
                .into_iter()
                .map(|row| CaseRowView::new(row, today, &calendar))
                .collect();
            let mut counts = Counts {
                open: rows.len(),
                ..Counts::default()
            };
            for row in &rows {
                match row.urgency() {
                    Some(Urgency::Overdue) => counts.overdue += 1,
                    Some(Urgency::DueToday) => counts.due_today += 1,
                    Some(Urgency::DueSoon) => counts.due_soon += 1,
                    Some(Urgency::OnTrack) => counts.on_track += 1,
                    // Nothing due (answered, awaiting escalation or closure).
                    None => {}
                }
            }
            Ok(Caseload {
                counts,
                cases: rows.into_iter().take(500).collect(),
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
        due_within: None,
        sort: match query.sort.as_deref() {
            Some("received") => CaseSort::Received,
            Some("reference") => CaseSort::Reference,
            _ => CaseSort::Due,
        },
        descending: query.descending,
        limit: Some(page_size),
        offset: (page - 1).saturating_mul(page_size),
    };
    state
        .run(move |store, ctx| {
            let calendar = store.settings()?.calendar();
            let today = ctx.actor.today;
            let total = store.count_cases(&filter, today, &calendar)?;
            let cases = store
                .search(&filter, today, &calendar)?
                .into_iter()
                .map(|row| CaseRowView::new(row, today, &calendar))
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

/// The intake form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewCaseInput {
    received_on: String,
    channel: String,
    name: String,
    address: String,
    postcode: String,
    email: String,
    phone: String,
    preferred_contact: String,
    anonymous: bool,
    vulnerability: String,
    adjustments: String,
    rep_name: String,
    rep_relationship: String,
    rep_consent_on: String,
    service_area: String,
    category: String,
    summary: String,
    description: String,
    outcome_sought: String,
    triage: String,
    exclusion_reason: String,
    triage_note: String,
    officer: String,
}

fn non_empty(text: String) -> Option<String> {
    Some(text).filter(|t| !t.trim().is_empty())
}

fn intake(input: NewCaseInput) -> Result<NewCase, IpcError> {
    let triage = match input.triage.as_str() {
        "" | "complaint" => Triage::Complaint,
        "service-request" => Triage::ServiceRequest {
            note: input.triage_note,
        },
        "excluded" => {
            if input.exclusion_reason.trim().is_empty() {
                return Err(IpcError::field(
                    "required",
                    "exclusion_reason",
                    "Choose why the matter is excluded",
                ));
            }
            Triage::Excluded {
                reason: term::<ExclusionReason>("exclusion_reason", &input.exclusion_reason)?,
                note: input.triage_note,
            }
        }
        other => {
            return Err(IpcError::field(
                "unknown_term",
                "triage",
                format!("unknown triage '{other}'"),
            ));
        }
    };
    let representative = match non_empty(input.rep_name) {
        Some(name) => Some(Representative {
            name,
            relationship: input.rep_relationship,
            consent_received_on: opt_date("rep_consent_on", &input.rep_consent_on)?,
        }),
        None if !input.rep_relationship.trim().is_empty()
            || !input.rep_consent_on.trim().is_empty() =>
        {
            return Err(IpcError::field(
                "required",
                "rep_name",
                "Enter the representative's name",
            ));
        }
        None => None,
    };
    Ok(NewCase {
        received_on: date(
            "received_on",
            "the date the complaint was received",
            &input.received_on,
        )?,
        channel: term::<Channel>(
            "channel",
            if input.channel.is_empty() {
                "email"
            } else {
                &input.channel
            },
        )?,
        complainant: Complainant {
            name: input.name,
            address: input.address,
            postcode: input.postcode,
            email: input.email,
            phone: input.phone,
            preferred_contact: non_empty(input.preferred_contact)
                .map(|m| term::<ContactMethod>("preferred_contact", &m))
                .transpose()?,
            anonymous: input.anonymous,
            vulnerability: input.vulnerability,
            adjustments: input.adjustments,
        },
        representative,
        service_area: input.service_area,
        category: non_empty(input.category),
        summary: input.summary,
        description: input.description,
        outcome_sought: input.outcome_sought,
        triage,
        officer: non_empty(input.officer),
    })
}

fn view(store: &Store, ctx: &Context, reference: &str) -> Result<Value, IpcError> {
    let settings = store.settings()?;
    let case = store.case(reference)?;
    let history = store.history(reference)?;
    Ok(case_view(
        &case,
        history,
        store.officers()?,
        &settings.policy,
        &settings.calendar(),
        ctx.actor.today,
    ))
}

/// Records a new case.
#[tauri::command]
pub async fn create_case(
    state: State<'_, AppState>,
    input: NewCaseInput,
) -> Result<Value, IpcError> {
    let intake = intake(input)?;
    state
        .run(move |store, ctx| {
            let case = store
                .create_case(intake, &ctx.actor)
                .map_err(|err| match err {
                    redress::store::StoreError::UnknownOfficer(name) => IpcError::field(
                        "unknown_officer",
                        "officer",
                        format!("no officer is called '{name}'"),
                    ),
                    other => other.into(),
                })?;
            view(store, ctx, &case.reference)
        })
        .await
}

/// One case, with everything its screen shows.
#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, reference: String) -> Result<Value, IpcError> {
    state
        .run(move |store, ctx| view(store, ctx, &reference))
        .await
}

/// A remedy in a response.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemedyInput {
    kind: String,
    detail: String,
    amount: Option<Value>,
}

/// An action promised in a response.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionInput {
    description: String,
    owner: String,
    due_on: String,
}

/// A step on a case, as the forms send it. The fields are the forms' fields,
/// described in `ui/COMMANDS.md`.
#[allow(missing_docs)]
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StepInput {
    /// Acknowledge.
    Acknowledge {
        #[serde(default)]
        on: String,
    },
    /// Extend.
    Extend {
        #[serde(default)]
        on: String,
        #[serde(default)]
        days: Option<Value>,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        good_reason: bool,
    },
    /// Respond.
    Respond {
        #[serde(default)]
        on: String,
        #[serde(default)]
        outcome: Option<String>,
        #[serde(default)]
        reasons: String,
        #[serde(default)]
        remedies: Vec<RemedyInput>,
        #[serde(default)]
        learning: String,
        #[serde(default)]
        improvements: String,
        #[serde(default)]
        actions: Vec<ActionInput>,
    },
    /// Escalate.
    Escalate {
        #[serde(default)]
        on: String,
        #[serde(default)]
        reviewer: String,
    },
    /// Refer to the Ombudsman.
    Refer {
        #[serde(default)]
        on: String,
        #[serde(default)]
        ombudsman: String,
        #[serde(default)]
        their_reference: String,
    },
    /// The Ombudsman's decision.
    OmbudsmanDecision {
        #[serde(default)]
        on: String,
        #[serde(default)]
        decision: String,
        #[serde(default)]
        remedy: String,
    },
    /// Compliance with the Ombudsman's remedy.
    OmbudsmanComplied {
        #[serde(default)]
        on: String,
    },
    /// Add an action.
    ActionAdd {
        #[serde(default)]
        description: String,
        #[serde(default)]
        owner: String,
        #[serde(default)]
        due_on: String,
    },
    /// Mark an action done.
    ActionDone {
        number: u32,
        #[serde(default)]
        on: String,
    },
    /// Withdraw.
    Withdraw {
        #[serde(default)]
        on: String,
        #[serde(default)]
        reason: String,
    },
    /// Close.
    Close {
        #[serde(default)]
        on: String,
        #[serde(default)]
        reason: String,
    },
    /// Allocate an officer.
    Allocate {
        #[serde(default)]
        officer: String,
    },
    /// Reopen.
    Reopen {
        #[serde(default)]
        on: String,
        #[serde(default)]
        reason: String,
    },
}

fn whole_number(field: &'static str, value: Option<&Value>) -> Result<u32, IpcError> {
    let bad = || {
        IpcError::field(
            "bad_number",
            field,
            "Enter a whole number of working days, such as 5",
        )
    };
    match value {
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(bad),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn pence(value: Option<&Value>) -> Result<Option<u32>, IpcError> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    redress::money::parse_pounds(&text)
        .map(Some)
        .map_err(|e| IpcError::field("bad_amount", "amount", e.to_string()))
}

/// The core commands a step stands for; reviewer names are resolved here.
fn commands(
    store: &Store,
    step: StepInput,
    today: NaiveDate,
) -> Result<Vec<CaseCommand>, IpcError> {
    let on =
        |text: &str| -> Result<NaiveDate, IpcError> { Ok(opt_date("on", text)?.unwrap_or(today)) };
    Ok(match step {
        StepInput::Acknowledge { on: d } => vec![CaseCommand::Acknowledge { on: on(&d)? }],
        StepInput::Extend {
            on: d,
            days,
            reason,
            good_reason,
        } => vec![CaseCommand::Extend {
            agreed_on: on(&d)?,
            days: whole_number("days", days.as_ref())?,
            reason,
            good_reason,
        }],
        StepInput::Respond {
            on: d,
            outcome,
            reasons,
            remedies,
            learning,
            improvements,
            actions,
        } => {
            let outcome = match outcome.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(term::<Outcome>("outcome", text)?),
            };
            let remedies = remedies
                .into_iter()
                .map(|r| {
                    let kind = term::<RemedyKind>("remedies", &r.kind)?;
                    Ok(Remedy {
                        kind,
                        detail: r.detail,
                        amount_pence: if kind == RemedyKind::Financial {
                            pence(r.amount.as_ref())?
                        } else {
                            None
                        },
                    })
                })
                .collect::<Result<Vec<_>, IpcError>>()?;
            let mut commands = vec![CaseCommand::Respond {
                on: on(&d)?,
                outcome,
                reasons,
                remedies,
                learning,
                improvements,
            }];
            for action in actions.into_iter().filter(|a| {
                !(a.description.trim().is_empty()
                    && a.owner.trim().is_empty()
                    && a.due_on.trim().is_empty())
            }) {
                commands.push(CaseCommand::AddAction {
                    description: action.description,
                    owner: action.owner,
                    due_on: date("due_on", "when the action is due", &action.due_on)?,
                });
            }
            commands
        }
        StepInput::Escalate { on: d, reviewer } => {
            if reviewer.trim().is_empty() {
                return Err(IpcError::field(
                    "required",
                    "reviewer",
                    "Choose the officer who will review stage 2",
                ));
            }
            let reviewer = store
                .officer(&reviewer)
                .map_err(|e| IpcError::field("unknown_officer", "reviewer", e.to_string()))?
                .as_ref();
            vec![CaseCommand::Escalate {
                requested_on: on(&d)?,
                reviewer,
            }]
        }
        StepInput::Refer {
            on: d,
            ombudsman,
            their_reference,
        } => vec![CaseCommand::Refer {
            ombudsman: if ombudsman.trim().is_empty() {
                return Err(IpcError::field(
                    "required",
                    "ombudsman",
                    "Choose the Ombudsman the complainant went to",
                ));
            } else {
                term::<Ombudsman>("ombudsman", &ombudsman)?
            },
            referred_on: on(&d)?,
            their_reference,
        }],
        StepInput::OmbudsmanDecision {
            on: d,
            decision,
            remedy,
        } => {
            vec![CaseCommand::OmbudsmanDecision {
                decided_on: on(&d)?,
                decision,
                remedy,
            }]
        }
        StepInput::OmbudsmanComplied { on: d } => vec![CaseCommand::OmbudsmanComplied {
            complied_on: on(&d)?,
        }],
        StepInput::ActionAdd {
            description,
            owner,
            due_on,
        } => vec![CaseCommand::AddAction {
            description,
            owner,
            due_on: date("due_on", "when the action is due", &due_on)?,
        }],
        StepInput::ActionDone { number, on: d } => vec![CaseCommand::CompleteAction {
            number,
            done_on: on(&d)?,
        }],
        StepInput::Withdraw { on: d, reason } => vec![CaseCommand::Withdraw {
            on: on(&d)?,
            reason,
        }],
        StepInput::Close { on: d, reason } => vec![CaseCommand::Close {
            on: on(&d)?,
            reason,
        }],
        StepInput::Allocate { officer } => {
            if officer.trim().is_empty() {
                return Err(IpcError::field(
                    "required",
                    "officer",
                    "Choose the officer to allocate",
                ));
            }
            let officer = store
                .officer(&officer)
                .map_err(|e| IpcError::field("unknown_officer", "officer", e.to_string()))?
                .as_ref();
            vec![CaseCommand::Allocate { officer }]
        }
        StepInput::Reopen { on: d, reason } => vec![CaseCommand::Reopen {
            on: on(&d)?,
            reason,
        }],
    })
}

/// Takes one step on a case (a response with its actions counts as one).
#[tauri::command]
pub async fn case_step(
    state: State<'_, AppState>,
    reference: String,
    step: StepInput,
) -> Result<Value, IpcError> {
    state
        .run(move |store, ctx| {
            let commands = commands(store, step, ctx.actor.today)?;
            store.apply_all(&reference, commands, &ctx.actor)?;
            view(store, ctx, &reference)
        })
        .await
}
