//! What the UI is sent: core values turned into plain JSON-ready views, with
//! dates written as people read them. Only the shell knows this shape.

use chrono::NaiveDate;
use redress::calendar::Calendar;
use redress::case::{
    Case, FieldKind, NextDue, Ombudsman, Outcome, RemedyKind, Status, Step, Triage, Urgency,
};
use redress::dates;
use redress::policy::Policy;
use redress::store::{AuditEntry, CaseRow, Officer};
use serde::Serialize;
use serde_json::Value;

/// A date for the UI.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateView {
    iso: String,
    display: String,
    long: String,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> DateView {
        DateView {
            iso: date.to_string(),
            display: dates::short(date),
            long: dates::long(date),
        }
    }
}

/// A term of a vocabulary (or another choice: an officer by name).
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    slug: std::borrow::Cow<'static, str>,
    label: std::borrow::Cow<'static, str>,
}

impl TermView {
    /// From a slug and label.
    pub fn new(slug: &'static str, label: &'static str) -> TermView {
        TermView {
            slug: slug.into(),
            label: label.into(),
        }
    }
}

/// The next deadline of a case.
#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    date: DateView,
    what: String,
    urgency: &'static str,
    urgency_label: &'static str,
    working_days_left: i64,
    #[serde(skip)]
    level: Urgency,
}

impl DueView {
    /// The view of a deadline, seen from today.
    fn of(due: NextDue, today: NaiveDate, calendar: &Calendar) -> DueView {
        let level = Urgency::of(due.on, today, calendar);
        DueView {
            date: due.on.into(),
            what: due.what.describe(),
            urgency: level.slug(),
            urgency_label: level.label(),
            working_days_left: calendar.working_days_between(today, due.on),
            level,
        }
    }
}

/// A case in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRowView {
    reference: String,
    received: DateView,
    complainant: String,
    summary: String,
    service_area: String,
    officer: Option<String>,
    triage: String,
    stage: Option<usize>,
    status: String,
    status_label: &'static str,
    next_due: Option<DueView>,
}

impl CaseRowView {
    /// From a store row.
    pub fn new(row: CaseRow, today: NaiveDate, calendar: &Calendar) -> CaseRowView {
        CaseRowView {
            next_due: row.next_due.map(|due| DueView::of(due, today, calendar)),
            reference: row.reference,
            received: row.received_on.into(),
            complainant: row.complainant,
            summary: row.summary,
            service_area: row.service_area,
            officer: row.officer,
            triage: row.triage,
            stage: row.stage,
            status_label: match row.status.as_str() {
                "open" => "Open, nothing due",
                "closed" => "Closed",
                "withdrawn" => "Withdrawn",
                _ => "Unknown",
            },
            status: row.status,
        }
    }

    /// The urgency of its next deadline, if it has one.
    pub fn urgency(&self) -> Option<Urgency> {
        self.next_due.as_ref().map(|due| due.level)
    }
}

/// An officer.
#[derive(Debug, Clone, Serialize)]
pub struct OfficerView {
    name: String,
    job_title: String,
    service_area: Option<String>,
}

impl From<Officer> for OfficerView {
    fn from(officer: Officer) -> OfficerView {
        OfficerView {
            name: officer.name,
            job_title: officer.job_title,
            service_area: officer.service_area.map(|a| a.name),
        }
    }
}

/// An officer who may not review the next stage, and why.
#[derive(Debug, Clone, Serialize)]
pub struct IneligibleView {
    name: String,
    reason: String,
}

/// Who may review the next stage.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewersView {
    eligible: Vec<String>,
    ineligible: Vec<IneligibleView>,
}

/// One field of a step's form, as the UI draws it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    required: bool,
    default: Option<String>,
    width: Option<&'static str>,
    rows: Option<u32>,
    placeholder: Option<&'static str>,
    options: Option<Vec<TermView>>,
}

/// A step's form: its button, fields, confirmation and success message, all
/// from the core's step vocabulary.
#[derive(Debug, Clone, Serialize)]
pub struct StepFormView {
    kind: &'static str,
    label: String,
    submit: String,
    primary: bool,
    per_action: bool,
    done: &'static str,
    confirm: Option<ConfirmView>,
    fields: Vec<FieldView>,
}

/// The question before a step that is hard to undo.
#[derive(Debug, Clone, Serialize)]
pub struct ConfirmView {
    title: &'static str,
    text: &'static str,
    yes: &'static str,
}

/// Every term of a vocabulary, as views.
macro_rules! terms {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|t| $crate::views::TermView::new(t.slug(), t.label()))
            .collect::<Vec<_>>()
    };
}
pub(crate) use terms;

impl StepFormView {
    fn new(step: Step, case: &Case, primary: bool, officers: &[Officer]) -> StepFormView {
        let fields = step
            .fields()
            .iter()
            .map(|field| {
                let mut view = FieldView {
                    name: field.name,
                    label: field.label,
                    hint: field.hint,
                    kind: "text",
                    required: field.required,
                    default: None,
                    width: None,
                    rows: None,
                    placeholder: None,
                    options: None,
                };
                match field.kind {
                    FieldKind::Date => {
                        view.kind = "date";
                        if field.name == "on" {
                            view.default = Some("today".to_owned());
                        }
                    }
                    FieldKind::Text => {}
                    FieldKind::Reference => view.width = Some("medium"),
                    FieldKind::LongText => {
                        view.kind = "textarea";
                        view.rows = Some(if field.name == "reasons" { 5 } else { 3 });
                    }
                    FieldKind::WholeNumber => view.kind = "number",
                    FieldKind::Flag => view.kind = "checkbox",
                    FieldKind::Officer => {
                        view.kind = "officer";
                        view.width = Some("medium");
                    }
                    FieldKind::OfficerChoice => {
                        view.kind = "select";
                        view.placeholder = Some("Choose an officer");
                        view.default = case.officer.as_ref().map(|o| o.name.clone());
                        view.options = Some(
                            officers
                                .iter()
                                .map(|o| TermView {
                                    slug: o.name.clone().into(),
                                    label: match &o.service_area {
                                        Some(area) => format!("{} ({})", o.name, area.name).into(),
                                        None => o.name.clone().into(),
                                    },
                                })
                                .collect(),
                        );
                    }
                    FieldKind::Reviewer => view.kind = "reviewer",
                    FieldKind::Outcome => {
                        view.kind = "radios";
                        view.options = Some(terms!(Outcome));
                    }
                    FieldKind::Ombudsman => {
                        view.kind = "select";
                        view.placeholder = Some("Choose the Ombudsman");
                        view.options = Some(terms!(Ombudsman));
                    }
                    FieldKind::Remedies => {
                        view.kind = "remedies";
                        view.options = Some(terms!(RemedyKind));
                    }
                    FieldKind::Actions => view.kind = "actions",
                    FieldKind::ActionNumber => view.kind = "action-number",
                }
                view
            })
            .collect();
        let label = step.label(case);
        StepFormView {
            kind: step.slug(),
            submit: label.clone(),
            label,
            primary,
            per_action: step == Step::ActionDone,
            done: step.done(),
            confirm: step
                .confirmation()
                .map(|(title, text, yes)| ConfirmView { title, text, yes }),
            fields,
        }
    }
}

/// One entry of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    at: String,
    actor: String,
    summary: String,
    changes: Vec<ChangeView>,
}

/// One changed field.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    field: String,
    before: String,
    after: String,
}

fn opt_date(date: Option<NaiveDate>) -> Option<DateView> {
    date.map(DateView::from)
}

/// Everything the case screen shows.
pub fn case_view(
    case: &Case,
    history: Vec<AuditEntry>,
    officers: Vec<Officer>,
    policy: &Policy,
    calendar: &Calendar,
    today: NaiveDate,
) -> Value {
    let stages: Vec<Value> = case
        .stages
        .iter()
        .map(|stage| {
            let d = stage.deadlines;
            let working_days_left = match (stage.acknowledged_on, stage.responded_on) {
                (None, None) => Some(calendar.working_days_between(today, d.acknowledge_by)),
                (Some(_), None) => Some(calendar.working_days_between(today, d.respond_by)),
                _ => None,
            };
            serde_json::json!({
                "number": stage.number,
                "opened": DateView::from(stage.opened_on),
                "handler": stage.handler.as_ref().map(|h| h.name.clone()),
                "acknowledged": opt_date(stage.acknowledged_on),
                "responded": opt_date(stage.responded_on),
                "outcome": stage.outcome.map(|o| TermView::new(o.slug(), o.label())),
                "reasons": stage.reasons,
                "learning": stage.learning,
                "improvements": stage.improvements,
                "remedies": stage.remedies.iter().map(|r| serde_json::json!({
                    "kind": r.kind.slug(),
                    "label": r.kind.label(),
                    "detail": r.detail,
                    "amount": r.amount_pence.map(redress::money::format_pence),
                })).collect::<Vec<_>>(),
                "extensions": stage.extensions.iter().map(|e| serde_json::json!({
                    "agreed": DateView::from(e.agreed_on),
                    "days": e.days,
                    "reason": e.reason,
                    "good_reason": e.good_reason,
                })).collect::<Vec<_>>(),
                "deadlines": serde_json::json!({
                    "acknowledge_by": DateView::from(d.acknowledge_by),
                    "respond_by": DateView::from(d.respond_by),
                    "extension_limit": DateView::from(d.extension_limit),
                }),
                "working_days_left": working_days_left,
            })
        })
        .collect();
    let steps = case.available_steps(policy);
    let next = case.next_step(policy);
    // The next step first, as the one primary button; the rest in the
    // procedure's order.
    let step_forms: Vec<StepFormView> = next
        .into_iter()
        .chain(steps.iter().copied().filter(|s| Some(*s) != next))
        .map(|step| StepFormView::new(step, case, next == Some(step), &officers))
        .collect();
    let mut reviewers = ReviewersView::default();
    if steps.contains(&Step::Escalate) {
        for officer in officers {
            match case.check_reviewer(&officer.as_ref()) {
                Ok(()) => reviewers.eligible.push(officer.name),
                Err(reason) => reviewers.ineligible.push(IneligibleView {
                    name: officer.name,
                    reason: reason.to_string(),
                }),
            }
        }
    }
    let (triage_reason, triage_note) = match &case.triage {
        Triage::Excluded { reason, note } => (Some(reason.label()), note.clone()),
        Triage::ServiceRequest { note } => (None, note.clone()),
        Triage::Complaint => (None, String::new()),
    };
    let (status_on, status_reason, status_label) = match &case.status {
        Status::Open => (None, String::new(), "Open".to_owned()),
        Status::Withdrawn { on, reason } => (
            Some(*on),
            reason.clone(),
            format!("Withdrawn on {}", dates::short(*on)),
        ),
        Status::Closed { on, reason } => (
            Some(*on),
            reason.clone(),
            format!("Closed on {}", dates::short(*on)),
        ),
    };
    let c = &case.complainant;
    serde_json::json!({
        "reference": case.reference,
        "summary": case.summary,
        "description": case.description,
        "outcome_sought": case.outcome_sought,
        "received": DateView::from(case.received_on),
        "channel": case.channel.label(),
        "triage": {"slug": case.triage.slug(), "label": case.triage.label(), "reason": triage_reason, "note": triage_note},
        "complainant": {
            "name": if c.anonymous { "Anonymous".to_owned() } else { c.name.clone() },
            "address": c.address, "postcode": c.postcode, "email": c.email, "phone": c.phone,
            "preferred_contact": c.preferred_contact.map(|m| m.label()),
            "anonymous": c.anonymous, "vulnerability": c.vulnerability, "adjustments": c.adjustments,
        },
        "representative": case.representative.as_ref().map(|r| serde_json::json!({
            "name": r.name, "relationship": r.relationship, "consent_on": opt_date(r.consent_received_on),
        })),
        "service_area": case.service_area.name,
        "category": case.category.as_ref().map(|g| g.name.clone()),
        "officer": case.officer.as_ref().map(|o| o.name.clone()),
        "status": {"state": case.status.slug(), "label": status_label, "on": opt_date(status_on), "reason": status_reason},
        "stages": stages,
        "actions": case.actions.iter().map(|a| serde_json::json!({
            "number": a.number, "description": a.description, "owner": a.owner,
            "due": DateView::from(a.due_on), "done": opt_date(a.done_on),
        })).collect::<Vec<_>>(),
        "referral": case.referral.as_ref().map(|r| serde_json::json!({
            "ombudsman": r.ombudsman.label(), "referred": DateView::from(r.referred_on),
            "their_reference": r.their_reference, "decision": r.decision, "remedy": r.remedy,
        })),
        "next_due": case.next_due().map(|due| DueView::of(due, today, calendar)),
        "step_forms": step_forms,
        "reviewers": reviewers,
        "timeline": history.into_iter().map(|entry| TimelineView {
            at: entry.at.with_timezone(&chrono::Local).format("%-d %b %Y %H:%M").to_string(),
            actor: entry.actor,
            summary: entry.summary,
            changes: if entry.action == "opened" || entry.action == "imported" { Vec::new() } else {
                entry.changes.iter().map(|c| ChangeView {
                    field: c.field.clone(), before: c.before_text(), after: c.after_text(),
                }).collect()
            },
        }).collect::<Vec<_>>(),
    })
}
