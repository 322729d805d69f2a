//! What the UI is sent: core values turned into plain JSON-ready views, with
//! dates written as people read them. Only the shell knows this shape.

use chrono::NaiveDate;
use redress::calendar::Calendar;
use redress::case::{
    Case, FieldKind, NextDue, Ombudsman, Outcome, RemedyKind, Stage, Status, Step, Triage, Urgency,
};
use redress::dates;
use redress::people::{Restriction, ReviewDecision};
use redress::policy::Policy;
use redress::records::{AuditEntry, PersonEntry};
use redress_app::{CaseRow, LikelyMatch, Officer, PersonSummary};
use redress_app::{IntakeMatch, PersonFile};
use serde::Serialize;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    my_part: Option<String>,
}

impl CaseRowView {
    /// With the user's part in the case, on their own caseload.
    pub fn with_part(mut self, part: Option<String>) -> CaseRowView {
        self.my_part = part;
        self
    }

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
            status_label: Status::label_of(&row.status).unwrap_or("Unknown"),
            status: row.status,
            my_part: None,
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
    email: String,
    phone: String,
    roles: Vec<&'static str>,
    retired: bool,
}

impl From<Officer> for OfficerView {
    fn from(officer: Officer) -> OfficerView {
        OfficerView {
            name: officer.name,
            job_title: officer.job_title,
            service_area: officer.service_area.map(|a| a.name),
            email: officer.email,
            phone: officer.phone,
            roles: officer.roles.iter().map(|r| r.slug()).collect(),
            retired: officer.retired_on.is_some(),
        }
    }
}

/// An officer the reviewer picker offers.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerChoice {
    name: String,
    job_title: String,
    service_area: Option<String>,
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
    eligible: Vec<ReviewerChoice>,
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
    /// What to say when a required field is left empty (the core's words).
    missing: String,
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
        <$t as redress::case::Vocabulary>::words()
            .into_iter()
            .map(|(slug, label)| $crate::views::TermView::new(slug, label))
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
                    missing: field.missing_message(),
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

/// One entry of the timeline: what happened, in words (the event's own
/// sentence), when in local time, and who did it.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    at: String,
    actor: String,
    summary: String,
}

fn opt_date(date: Option<NaiveDate>) -> Option<DateView> {
    date.map(DateView::from)
}

/// A remedy offered.
#[derive(Debug, Clone, Serialize)]
pub struct RemedyView {
    kind: &'static str,
    label: &'static str,
    detail: String,
    amount: Option<String>,
}

/// An extension agreed.
#[derive(Debug, Clone, Serialize)]
pub struct ExtensionView {
    agreed: DateView,
    days: u32,
    reason: String,
    good_reason: bool,
}

/// A stage's deadlines.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlinesView {
    acknowledge_by: DateView,
    respond_by: DateView,
    extension_limit: DateView,
}

/// One stage of the case.
#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    number: usize,
    opened: DateView,
    handler: Option<String>,
    acknowledged: Option<DateView>,
    responded: Option<DateView>,
    outcome: Option<TermView>,
    reasons: String,
    learning: String,
    improvements: String,
    remedies: Vec<RemedyView>,
    extensions: Vec<ExtensionView>,
    deadlines: DeadlinesView,
    working_days_left: Option<i64>,
}

/// How the case was triaged.
#[derive(Debug, Clone, Serialize)]
pub struct TriageView {
    slug: &'static str,
    label: &'static str,
    reason: Option<&'static str>,
    note: String,
}

/// Who complained.
#[derive(Debug, Clone, Serialize)]
pub struct ComplainantView {
    name: String,
    address: String,
    postcode: String,
    email: String,
    phone: String,
    preferred_contact: Option<&'static str>,
    language: Option<&'static str>,
    anonymous: bool,
    vulnerability: String,
    adjustments: String,
}

/// Who complained for them.
#[derive(Debug, Clone, Serialize)]
pub struct RepresentativeView {
    name: String,
    relationship: String,
    consent_on: Option<DateView>,
}

/// Open, withdrawn or closed.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    state: &'static str,
    label: String,
    on: Option<DateView>,
    reason: String,
}

/// An outstanding or done action.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    number: u32,
    description: String,
    owner: String,
    due: DateView,
    done: Option<DateView>,
}

/// The Ombudsman referral.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralView {
    ombudsman: &'static str,
    referred: DateView,
    their_reference: String,
    decision: String,
    remedy: String,
}

/// Everything the case screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    reference: String,
    summary: String,
    description: String,
    outcome_sought: String,
    received: DateView,
    channel: &'static str,
    triage: TriageView,
    complainant: ComplainantView,
    representative: Option<RepresentativeView>,
    service_area: String,
    category: Option<String>,
    officer: Option<String>,
    status: StatusView,
    stages: Vec<StageView>,
    actions: Vec<ActionView>,
    referral: Option<ReferralView>,
    next_due: Option<DueView>,
    step_forms: Vec<StepFormView>,
    reviewers: ReviewersView,
    timeline: Vec<TimelineView>,
    person_id: String,
    restriction: Option<RestrictionView>,
    letters: CaseLettersView,
    file: CaseFileView,
}

/// A document in a case file.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    id: String,
    name: String,
    bytes: u64,
    size: String,
    sha256: String,
    direction: &'static str,
    direction_label: &'static str,
    on: DateView,
    description: String,
    /// An issued letter (it stays; it is not removed).
    letter: bool,
    /// A program, script or macro file: saved, never opened.
    risky: bool,
    added_by: String,
}

/// A document for the UI.
pub fn document_view(d: &redress::case_file::Document) -> DocumentView {
    DocumentView {
        id: d.id.clone(),
        name: d.name.clone(),
        bytes: d.bytes,
        size: redress::words::size(d.bytes),
        sha256: d.sha256.clone(),
        direction: d.direction.slug(),
        direction_label: d.direction.label(),
        on: d.on.into(),
        description: d.description.clone(),
        letter: d.letter,
        risky: d.is_risky(),
        added_by: d.added_by.clone(),
    }
}

/// A case note for the UI.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    id: String,
    text: String,
    by: String,
    at: String,
}

/// A contact for the UI.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    id: String,
    on: DateView,
    method: &'static str,
    method_label: &'static str,
    summary: String,
    by: String,
}

/// The case file: documents, notes, contacts, and the contact methods a
/// form offers.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFileView {
    documents: Vec<DocumentView>,
    notes: Vec<NoteView>,
    contacts: Vec<ContactView>,
    methods: Vec<TermView>,
    limit_mb: u32,
}

impl StageView {
    fn new(stage: &Stage, calendar: &Calendar, today: NaiveDate) -> StageView {
        let d = stage.deadlines;
        let working_days_left = match (stage.acknowledged_on, stage.responded_on) {
            (None, None) => Some(calendar.working_days_between(today, d.acknowledge_by)),
            (Some(_), None) => Some(calendar.working_days_between(today, d.respond_by)),
            _ => None,
        };
        StageView {
            number: stage.number,
            opened: stage.opened_on.into(),
            handler: stage.handler.as_ref().map(|h| h.name.clone()),
            acknowledged: opt_date(stage.acknowledged_on),
            responded: opt_date(stage.responded_on),
            outcome: stage.outcome.map(|o| TermView::new(o.slug(), o.label())),
            reasons: stage.reasons.clone(),
            learning: stage.learning.clone(),
            improvements: stage.improvements.clone(),
            remedies: stage
                .remedies
                .iter()
                .map(|r| RemedyView {
                    kind: r.kind.slug(),
                    label: r.kind.label(),
                    detail: r.detail.clone(),
                    amount: r.amount_pence.map(redress::money::format_pence),
                })
                .collect(),
            extensions: stage
                .extensions
                .iter()
                .map(|e| ExtensionView {
                    agreed: e.agreed_on.into(),
                    days: e.days,
                    reason: e.reason.clone(),
                    good_reason: e.good_reason,
                })
                .collect(),
            deadlines: DeadlinesView {
                acknowledge_by: d.acknowledge_by.into(),
                respond_by: d.respond_by.into(),
                extension_limit: d.extension_limit.into(),
            },
            working_days_left,
        }
    }
}

/// Everything the case screen shows, for `today`.
pub fn case_view(
    file: redress_app::CaseFile,
    officers: Vec<Officer>,
    policy: &Policy,
    calendar: &Calendar,
    today: NaiveDate,
    limit_mb: u32,
) -> CaseView {
    let redress_app::CaseFile {
        case,
        timeline: history,
        restriction,
        letters,
        documents,
        notes,
        contacts,
    } = file;
    let case_file = CaseFileView {
        documents: documents.iter().map(document_view).collect(),
        notes: notes
            .iter()
            .map(|n| NoteView {
                id: n.id.clone(),
                text: n.text.clone(),
                by: n.written_by.clone(),
                at: dates::moment(n.written_at),
            })
            .collect(),
        contacts: contacts
            .iter()
            .map(|c| ContactView {
                id: c.id.clone(),
                on: c.on.into(),
                method: c.method.slug(),
                method_label: c.method.label(),
                summary: c.summary.clone(),
                by: c.recorded_by.clone(),
            })
            .collect(),
        methods: redress::case_file::ContactMethod::ALL
            .iter()
            .map(|m| TermView::new(m.slug(), m.label()))
            .collect(),
        limit_mb,
    };
    let (case, restriction, letters) = (&case, restriction.as_ref(), letters.as_slice());
    // Leavers are not offered for new work.
    let officers: Vec<Officer> = officers
        .into_iter()
        .filter(|o| o.retired_on.is_none())
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
                Ok(()) => reviewers.eligible.push(ReviewerChoice {
                    name: officer.name,
                    job_title: officer.job_title,
                    service_area: officer.service_area.map(|a| a.name),
                }),
                Err(reason) => reviewers.ineligible.push(IneligibleView {
                    name: officer.name,
                    reason: reason.to_string(),
                }),
            }
        }
    }
    let (reason, note) = match &case.triage {
        Triage::Excluded { reason, note } => (Some(reason.label()), note.clone()),
        Triage::ServiceRequest { note } => (None, note.clone()),
        Triage::Complaint => (None, String::new()),
    };
    let status = match &case.status {
        Status::Open => StatusView {
            state: case.status.slug(),
            label: "Open".to_owned(),
            on: None,
            reason: String::new(),
        },
        Status::Withdrawn { on, reason } | Status::Closed { on, reason } => StatusView {
            state: case.status.slug(),
            label: format!("{} on {}", case.status.label(), dates::short(*on)),
            on: Some((*on).into()),
            reason: reason.clone(),
        },
    };
    let c = &case.complainant;
    CaseView {
        file: case_file,
        letters: case_letters_view(case, policy, restriction, letters),
        person_id: case.person.to_string(),
        restriction: restriction.map(|r| RestrictionView::new(r, today)),
        reference: case.reference.clone(),
        summary: case.summary.clone(),
        description: case.description.clone(),
        outcome_sought: case.outcome_sought.clone(),
        received: case.received_on.into(),
        channel: case.channel.label(),
        triage: TriageView {
            slug: case.triage.slug(),
            label: case.triage.label(),
            reason,
            note,
        },
        complainant: ComplainantView {
            name: c.shown_name().to_owned(),
            address: c.address.clone(),
            postcode: c.postcode.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            preferred_contact: c.preferred_contact.map(|m| m.label()),
            language: c.language.map(|l| l.label()),
            anonymous: c.anonymous,
            vulnerability: c.vulnerability.clone(),
            adjustments: c.adjustments.clone(),
        },
        representative: case.representative.as_ref().map(|r| RepresentativeView {
            name: r.name.clone(),
            relationship: r.relationship.clone(),
            consent_on: opt_date(r.consent_received_on),
        }),
        service_area: case.service_area.name.clone(),
        category: case.category.as_ref().map(|g| g.name.clone()),
        officer: case.officer.as_ref().map(|o| o.name.clone()),
        status,
        stages: case
            .stages
            .iter()
            .map(|stage| StageView::new(stage, calendar, today))
            .collect(),
        actions: case
            .actions
            .iter()
            .map(|a| ActionView {
                number: a.number,
                description: a.description.clone(),
                owner: a.owner.clone(),
                due: a.due_on.into(),
                done: opt_date(a.done_on),
            })
            .collect(),
        referral: case.referral.as_ref().map(|r| ReferralView {
            ombudsman: r.ombudsman.label(),
            referred: r.referred_on.into(),
            their_reference: r.their_reference.clone(),
            decision: r.decision.clone(),
            remedy: r.remedy.clone(),
        }),
        next_due: case.next_due().map(|due| DueView::of(due, today, calendar)),
        step_forms,
        reviewers,
        timeline: history.into_iter().map(TimelineView::from).collect(),
    }
}

impl From<AuditEntry> for TimelineView {
    fn from(entry: AuditEntry) -> TimelineView {
        TimelineView {
            at: redress::dates::moment(entry.at),
            actor: entry.actor,
            summary: entry.summary,
        }
    }
}

/// One review of a restriction.
#[derive(Debug, Clone, Serialize)]
pub struct RestrictionReviewView {
    on: DateView,
    decision: &'static str,
    label: String,
    next_review_on: Option<DateView>,
    by: String,
}

/// A restriction on contact (the unreasonable-behaviour procedure).
#[derive(Debug, Clone, Serialize)]
pub struct RestrictionView {
    number: u32,
    decided_by: String,
    decided_on: DateView,
    reason: String,
    contact: String,
    told_on: DateView,
    review_on: DateView,
    active: bool,
    review_due: bool,
    lifted_on: Option<DateView>,
    reviews: Vec<RestrictionReviewView>,
}

impl RestrictionView {
    /// The view of a restriction, seen from today.
    pub fn new(r: &Restriction, today: NaiveDate) -> RestrictionView {
        RestrictionView {
            number: r.number,
            decided_by: r.decided_by.clone(),
            decided_on: r.decided_on.into(),
            reason: r.reason.clone(),
            contact: r.contact.clone(),
            told_on: r.told_on.into(),
            review_on: r.review_on.into(),
            active: r.is_active(),
            review_due: r.review_due(today),
            lifted_on: opt_date(r.lifted_on()),
            reviews: r
                .reviews
                .iter()
                .map(|review| RestrictionReviewView {
                    on: review.on.into(),
                    decision: review.decision.slug(),
                    label: match (review.decision, review.next_review_on) {
                        (ReviewDecision::Kept, Some(next)) => {
                            format!("Kept, next review {}", dates::short(next))
                        }
                        (ReviewDecision::Kept, None) => "Kept".to_owned(),
                        (ReviewDecision::Lifted, _) => "Lifted".to_owned(),
                    },
                    next_review_on: opt_date(review.next_review_on),
                    by: review.by.clone(),
                })
                .collect(),
        }
    }
}

/// One entry of a person's audit trail.
#[derive(Debug, Clone, Serialize)]
pub struct PersonEntryView {
    at: String,
    actor: String,
    summary: String,
}

impl From<PersonEntry> for PersonEntryView {
    fn from(entry: PersonEntry) -> PersonEntryView {
        PersonEntryView {
            at: redress::dates::moment(entry.at),
            actor: entry.actor,
            summary: entry.summary,
        }
    }
}

/// A person's page.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    id: String,
    name: String,
    address: String,
    postcode: String,
    email: String,
    phone: String,
    preferred_contact: &'static str,
    language: &'static str,
    anonymous: bool,
    vulnerability: String,
    adjustments: String,
    cases: Vec<CaseRowView>,
    restrictions: Vec<RestrictionView>,
    restriction: Option<RestrictionView>,
    heads_of_service: Vec<String>,
    timeline: Vec<PersonEntryView>,
}

/// The view of a person's page; `officers` give the heads of service who
/// may decide a restriction.
pub fn person_view(
    file: PersonFile,
    officers: Vec<Officer>,
    calendar: &Calendar,
    today: NaiveDate,
) -> PersonView {
    let restriction = file
        .active_restriction()
        .map(|r| RestrictionView::new(r, today));
    let PersonFile {
        record,
        cases,
        history,
    } = file;
    let d = record.person.details;
    PersonView {
        id: record.person.id.to_string(),
        name: d.name,
        address: d.address,
        postcode: d.postcode,
        email: d.email,
        phone: d.phone,
        preferred_contact: d.preferred_contact.map_or("", |m| m.slug()),
        language: d.language.map_or("", |l| l.slug()),
        anonymous: d.anonymous,
        vulnerability: d.vulnerability,
        adjustments: d.adjustments,
        cases: cases
            .into_iter()
            .map(|row| CaseRowView::new(row, today, calendar))
            .collect(),
        restrictions: record
            .restrictions
            .iter()
            .rev()
            .map(|r| RestrictionView::new(r, today))
            .collect(),
        restriction,
        heads_of_service: officers
            .into_iter()
            .filter(|o| o.retired_on.is_none())
            .filter(|o| o.roles.contains(&redress::case::Role::HeadOfService))
            .map(|o| o.name)
            .collect(),
        timeline: history.into_iter().map(PersonEntryView::from).collect(),
    }
}

/// A person in the people list.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRowView {
    id: String,
    name: String,
    email: String,
    phone: String,
    postcode: String,
    anonymous: bool,
    case_count: u64,
    restricted: bool,
}

impl From<PersonSummary> for PersonRowView {
    fn from(summary: PersonSummary) -> PersonRowView {
        PersonRowView {
            id: summary.person.id.to_string(),
            name: summary.person.display_name().to_owned(),
            email: summary.person.details.email,
            phone: summary.person.details.phone,
            postcode: summary.person.details.postcode,
            anonymous: summary.person.details.anonymous,
            case_count: summary.case_count,
            restricted: summary.restricted,
        }
    }
}

/// A person the complainant on the New complaint form may be.
#[derive(Debug, Clone, Serialize)]
pub struct MatchView {
    id: String,
    name: String,
    email: String,
    phone: String,
    postcode: String,
    reasons: Vec<&'static str>,
    exact: bool,
    adjustments: String,
    vulnerability: String,
    restricted: bool,
    recent_cases: Vec<CaseRowView>,
}

impl MatchView {
    /// The view of a likely match with its recent cases.
    pub fn new(found: IntakeMatch, today: NaiveDate, calendar: &Calendar) -> MatchView {
        let IntakeMatch {
            likely:
                LikelyMatch {
                    person,
                    reasons,
                    restricted,
                },
            recent_cases,
        } = found;
        MatchView {
            id: person.id.to_string(),
            exact: reasons.contains(&redress::people::MatchReason::SameEmail),
            reasons: reasons.iter().map(|r| r.label()).collect(),
            name: person.details.name,
            email: person.details.email,
            phone: person.details.phone,
            postcode: person.details.postcode,
            adjustments: person.details.adjustments,
            vulnerability: person.details.vulnerability,
            restricted,
            recent_cases: recent_cases
                .into_iter()
                .map(|row| CaseRowView::new(row, today, calendar))
                .collect(),
        }
    }
}

/// A run of a letter's text.
#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    text: String,
    bold: bool,
}

/// A block of a letter: `title`, `heading`, `paragraph` or `item`.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    #[serde(rename = "type")]
    kind: &'static str,
    marker: Option<String>,
    lines: Vec<Vec<SpanView>>,
}

/// A letter's page as the PDF sets it, for the preview.
#[derive(Debug, Clone, Serialize)]
pub struct LetterPageView {
    council: String,
    council_lines: Vec<String>,
    address: Vec<String>,
    reference: String,
    date: String,
    reference_label: &'static str,
    date_label: &'static str,
    large_print: bool,
    blocks: Vec<BlockView>,
}

/// Something a letter must say, and whether it does.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementView {
    what: &'static str,
    met: bool,
}

/// A letter before it is issued.
#[derive(Debug, Clone, Serialize)]
pub struct LetterPreviewView {
    kind: String,
    title: String,
    wording: String,
    template_version: u32,
    edited: bool,
    requirements: Vec<RequirementView>,
    missing: Vec<&'static str>,
    page: LetterPageView,
}

fn span_lines(lines: &[Vec<redress::letters::Span>]) -> Vec<Vec<SpanView>> {
    lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|s| SpanView {
                    text: s.text.clone(),
                    bold: s.bold,
                })
                .collect()
        })
        .collect()
}

/// The preview of a composed letter.
pub fn letter_preview_view(
    composed: &redress::letters::Composed,
    template_version: u32,
    edited: bool,
) -> LetterPreviewView {
    use redress::letters::Block;
    let data = &composed.data;
    let mut address = Vec::new();
    if !data.recipient.name.is_empty() {
        address.push(data.recipient.name.clone());
    }
    address.extend(data.recipient.address.iter().cloned());
    let council_lines = data.council.contact_lines();
    LetterPreviewView {
        kind: data.kind.clone(),
        title: data.title.clone(),
        wording: composed.wording.clone(),
        template_version,
        edited,
        requirements: composed
            .requirements
            .iter()
            .map(|r| RequirementView {
                what: r.what,
                met: r.met,
            })
            .collect(),
        missing: composed.missing(),
        page: LetterPageView {
            council: data.council.name.clone(),
            council_lines,
            address,
            reference: data.reference.clone(),
            date: data.date.clone(),
            reference_label: redress::letters::page_labels(data.language == "cy").0,
            date_label: redress::letters::page_labels(data.language == "cy").1,
            large_print: data.large_print,
            blocks: composed
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Title(line) => BlockView {
                        kind: "title",
                        marker: None,
                        lines: span_lines(std::slice::from_ref(line)),
                    },
                    Block::Heading(line) => BlockView {
                        kind: "heading",
                        marker: None,
                        lines: span_lines(std::slice::from_ref(line)),
                    },
                    Block::Paragraph(lines) => BlockView {
                        kind: "paragraph",
                        marker: None,
                        lines: span_lines(lines),
                    },
                    Block::Item { marker, lines } => BlockView {
                        kind: "item",
                        marker: Some(marker.clone()),
                        lines: span_lines(lines),
                    },
                })
                .collect(),
        },
    }
}

/// A letter issued and kept with its case.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedLetterView {
    id: String,
    kind: String,
    title: String,
    issued_on: DateView,
    issued_by: String,
    template_version: u32,
    edited: bool,
    missing: Vec<String>,
    reason: String,
    sha256: String,
    /// The name its PDF is saved under.
    pub file_name: String,
}

/// The view of an issued letter.
pub fn issued_letter_view(letter: &redress::records::IssuedLetter) -> IssuedLetterView {
    IssuedLetterView {
        id: letter.id.clone(),
        kind: letter.kind.clone(),
        title: letter.title.clone(),
        issued_on: letter.issued_on.into(),
        issued_by: letter.issued_by.clone(),
        template_version: letter.template_version,
        edited: letter.edited,
        missing: letter.missing.clone(),
        reason: letter.reason.clone(),
        file_name: format!(
            "{}-{}-{}-{}.pdf",
            letter.reference.replace(['/', '\\'], "-"),
            letter.kind,
            letter.issued_on,
            &letter.id[letter.id.len().saturating_sub(4)..]
        ),
        sha256: letter.sha256.clone(),
    }
}

/// A letter the case's state allows now.
#[derive(Debug, Clone, Serialize)]
pub struct LetterChoiceView {
    kind: String,
    title: String,
    acknowledges: bool,
}

/// The case's letters: those that fit now and those issued.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CaseLettersView {
    available: Vec<LetterChoiceView>,
    issued: Vec<IssuedLetterView>,
}

/// The letters that fit a case now, in the procedure's order, and those
/// issued.
pub fn case_letters_view(
    case: &Case,
    policy: &Policy,
    restriction: Option<&Restriction>,
    issued: &[redress::records::IssuedLetter],
) -> CaseLettersView {
    use redress::letters::LetterKind;
    let stages = policy.stages().len();
    CaseLettersView {
        available: LetterKind::all(stages)
            .into_iter()
            .filter(|kind| kind.fits(case, restriction).is_ok())
            .map(|kind| LetterChoiceView {
                kind: kind.slug(),
                title: kind.label(stages),
                acknowledges: matches!(kind, LetterKind::Acknowledgement(n)
                    if case.current_stage().is_some_and(|s| s.number == n && s.acknowledged_on.is_none())),
            })
            .collect(),
        issued: issued.iter().map(issued_letter_view).collect(),
    }
}
