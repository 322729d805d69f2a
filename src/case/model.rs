//! The case record: a complaint (or a service request or excluded matter)
//! and everything that has happened to it.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::terms::{Channel, ContactMethod, Language, Ombudsman, Outcome, RemedyKind, Triage};
use crate::calendar::Calendar;
use crate::deadline::{stage_deadlines, StageDates, StageDeadlines};
use crate::people::PersonId;
use crate::policy::StagePolicy;

/// A case's permanent identity: a UUIDv7, so cases made on different laptops
/// can later be merged. People use the [`Case::reference`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseId(pub Uuid);

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A row of reference data (a service area, a category) as a case shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// Its id in the store.
    #[serde(skip)]
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// An officer as a case refers to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerRef {
    /// Its id in the store.
    #[serde(skip)]
    pub id: i64,
    /// Their name.
    pub name: String,
    /// The service area they work in, if recorded.
    #[serde(skip)]
    pub service_area_id: Option<i64>,
}

/// What a case list, timeline, reminder or bundle calls a complainant who
/// asked not to be named, or whose name is not held.
pub const ANONYMOUS: &str = "Anonymous";

/// The name people read for a complainant: [`ANONYMOUS`] when they asked
/// not to be named or no name is held, else their name. The one rule of
/// who is shown as anonymous.
pub fn shown_name(anonymous: bool, name: &str) -> &str {
    if anonymous || name.trim().is_empty() {
        ANONYMOUS
    } else {
        name
    }
}

impl Complainant {
    /// The name people read: see [`shown_name`].
    pub fn shown_name(&self) -> &str {
        shown_name(self.anonymous, &self.name)
    }
}

/// The person complaining.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complainant {
    /// Their name (empty when anonymous).
    pub name: String,
    /// Postal address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// How they prefer to be contacted.
    pub preferred_contact: Option<ContactMethod>,
    /// The language they want letters in (the council's default if none).
    pub language: Option<Language>,
    /// Whether they asked not to be named.
    pub anonymous: bool,
    /// Any vulnerability the council should know about.
    pub vulnerability: String,
    /// Reasonable adjustments they need.
    pub adjustments: String,
}

/// Someone complaining on the complainant's behalf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    /// Their name.
    pub name: String,
    /// Who they are to the complainant (MP, councillor, advocate, relative).
    pub relationship: String,
    /// When the complainant's consent was received, if it has been.
    pub consent_received_on: Option<NaiveDate>,
}

/// An agreed extension of a stage's response date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// When it was agreed with the complainant.
    pub agreed_on: NaiveDate,
    /// How many working days it adds.
    pub days: u32,
    /// Why, as explained to the complainant.
    pub reason: String,
    /// Whether the reason is recorded as a good reason to go beyond the limit.
    pub good_reason: bool,
}

/// A remedy offered in a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Remedy {
    /// What kind of remedy.
    pub kind: RemedyKind,
    /// What exactly, in words.
    pub detail: String,
    /// The amount, in pence, for a financial remedy.
    pub amount_pence: Option<u32>,
}

/// One stage of the procedure for this case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// 1, 2 or 3.
    pub number: usize,
    /// When the complaint (stage 1) or the escalation request was received.
    pub opened_on: NaiveDate,
    /// The investigating officer (stage 1) or independent reviewer.
    pub handler: Option<OfficerRef>,
    /// When it was acknowledged.
    pub acknowledged_on: Option<NaiveDate>,
    /// Extensions agreed, in order.
    pub extensions: Vec<Extension>,
    /// When the response was sent.
    pub responded_on: Option<NaiveDate>,
    /// The decision.
    pub outcome: Option<Outcome>,
    /// The reasons for the decision.
    pub reasons: String,
    /// Remedies offered.
    pub remedies: Vec<Remedy>,
    /// What the council learned.
    pub learning: String,
    /// Service improvements made as a result.
    pub improvements: String,
    /// The timescales this stage runs on: those of the policy in force when
    /// it opened, kept so that a later policy change never rewrites it.
    pub timescales: StagePolicy,
    /// Its deadlines as last worked out (when it opened, was acknowledged or
    /// extended), with the calendar of that day.
    pub deadlines: StageDeadlines,
}

impl Stage {
    /// A stage opened on a date, with its handler, on the given timescales;
    /// its deadlines are worked out on `calendar`.
    pub fn opened(
        number: usize,
        opened_on: NaiveDate,
        handler: Option<OfficerRef>,
        timescales: StagePolicy,
        calendar: &Calendar,
    ) -> Stage {
        Stage {
            deadlines: stage_deadlines(calendar, &timescales, &StageDates::opened(opened_on)),
            timescales,
            number,
            opened_on,
            handler,
            acknowledged_on: None,
            extensions: Vec::new(),
            responded_on: None,
            outcome: None,
            reasons: String::new(),
            remedies: Vec::new(),
            learning: String::new(),
            improvements: String::new(),
        }
    }

    /// Working days of extension agreed so far.
    pub fn extension_days(&self) -> u32 {
        self.extensions.iter().map(|e| e.days).sum()
    }

    /// Works the deadlines out again after an acknowledgement or extension.
    /// The acknowledgement date stays as it was fixed when the stage opened.
    pub fn rework_deadlines(&mut self, calendar: &Calendar) {
        let dates = StageDates {
            opened: self.opened_on,
            acknowledged: self.acknowledged_on,
            extension_days: self.extension_days(),
        };
        let reworked = stage_deadlines(calendar, &self.timescales, &dates);
        self.deadlines = StageDeadlines {
            acknowledge_by: self.deadlines.acknowledge_by,
            ..reworked
        };
    }

    /// Whether the stage was answered by its response date, with any agreed
    /// extension (`None` while unanswered).
    pub fn responded_in_time(&self) -> Option<bool> {
        self.responded_on.map(|on| on <= self.deadlines.respond_by)
    }
}

/// Something the council promised to do, tracked until done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Its number within the case, from 1.
    pub number: u32,
    /// What will be done.
    pub description: String,
    /// Who is responsible.
    pub owner: String,
    /// When it is due.
    pub due_on: NaiveDate,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
}

/// A referral to the Ombudsman and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Which Ombudsman.
    pub ombudsman: Ombudsman,
    /// When the council learned of the referral.
    pub referred_on: NaiveDate,
    /// The Ombudsman's reference.
    pub their_reference: String,
    /// Their decision, once made.
    pub decision: String,
    /// When they decided.
    pub decided_on: Option<NaiveDate>,
    /// The remedy they asked for.
    pub remedy: String,
    /// When the council complied with it.
    pub complied_on: Option<NaiveDate>,
    /// The date the Ombudsman set for compliance, if it set one.
    pub comply_by: Option<NaiveDate>,
}

/// Whether the case is still being worked on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Status {
    /// Being worked on.
    Open,
    /// The complainant withdrew it.
    Withdrawn {
        /// When.
        on: NaiveDate,
        /// Why, as they said.
        reason: String,
    },
    /// Closed by the council.
    Closed {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

impl Status {
    /// `open`, `withdrawn` or `closed`.
    pub fn slug(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Withdrawn { .. } => "withdrawn",
            Status::Closed { .. } => "closed",
        }
    }

    /// The label people read: `Open`, `Withdrawn` or `Closed`.
    pub fn label(&self) -> &'static str {
        Status::label_of(self.slug()).unwrap_or_default()
    }

    /// The label of a status's slug, as a list row holds it.
    pub fn label_of(slug: &str) -> Option<&'static str> {
        <Status as crate::case::Vocabulary>::words()
            .into_iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, label)| label)
    }
}

impl crate::case::Vocabulary for Status {
    const NAME: &'static str = "status";

    fn words() -> Vec<(&'static str, &'static str)> {
        vec![
            ("open", "Open"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
        ]
    }
}

/// A case: the complaint and its whole history in the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Permanent identity.
    pub id: CaseId,
    /// The human reference, such as `CMP-2026-00042`.
    pub reference: String,
    /// When it was received.
    pub received_on: NaiveDate,
    /// How it was received.
    pub channel: Channel,
    /// The person who complained: their record, shared by all their cases.
    #[serde(rename = "person_id")]
    pub person: PersonId,
    /// Who complained: their person's details as they stand.
    pub complainant: Complainant,
    /// Who complained for them, if anyone.
    pub representative: Option<Representative>,
    /// The service complained about.
    pub service_area: Named,
    /// Its category within the service, if set.
    pub category: Option<Named>,
    /// One line saying what it is about.
    pub summary: String,
    /// The complaint in the person's words.
    pub description: String,
    /// What the person wants to happen.
    pub outcome_sought: String,
    /// Complaint, service request or excluded.
    pub triage: Triage,
    /// The officer accountable for the case.
    pub officer: Option<OfficerRef>,
    /// References of linked cases.
    pub linked: Vec<String>,
    /// Stages opened so far, stage 1 first.
    pub stages: Vec<Stage>,
    /// Actions promised in responses.
    pub actions: Vec<Action>,
    /// The Ombudsman referral, if any.
    pub referral: Option<Referral>,
    /// Open, withdrawn or closed.
    pub status: Status,
}

impl Case {
    /// The stage being worked on now (the last one opened).
    pub fn current_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// Whether the case is open.
    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }
}
