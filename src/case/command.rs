//! What a user can do to a case, as data: the intake of a new case and each
//! step of the procedure. Names (officers, service areas) are already resolved
//! to records by the store; the rules check everything else.

use chrono::NaiveDate;

use super::model::{Complainant, OfficerRef, Remedy, Representative};
use super::terms::{Channel, Ombudsman, Outcome, Triage};
use crate::people::PersonId;

/// A complaint as first recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    /// When it was received.
    pub received_on: NaiveDate,
    /// How it was received.
    pub channel: Channel,
    /// Who complained.
    pub complainant: Complainant,
    /// Who complained for them, if anyone.
    pub representative: Option<Representative>,
    /// The service complained about (created if new).
    pub service_area: String,
    /// The category within it (created if new), if any.
    pub category: Option<String>,
    /// One line saying what it is about.
    pub summary: String,
    /// The complaint in the person's words.
    pub description: String,
    /// What the person wants to happen.
    pub outcome_sought: String,
    /// Complaint, service request or excluded.
    pub triage: Triage,
    /// The accountable officer's name, if allocated.
    pub officer: Option<String>,
    /// The person chosen as the complainant; when `None`, the store links
    /// the case to the person with the same email, or a new person.
    pub person: Option<PersonId>,
    /// The reference of an earlier case this repeats (linked to it).
    pub repeat_of: Option<String>,
}

/// One step in a case's life. Serialised (an officer by name) for sync,
/// which replays a step on another laptop through the same rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum CaseCommand {
    /// Acknowledge the current stage.
    Acknowledge {
        /// When the acknowledgement was sent.
        on: NaiveDate,
    },
    /// Agree an extension of the current stage's response date.
    Extend {
        /// When it was agreed with the complainant.
        agreed_on: NaiveDate,
        /// Working days added.
        days: u32,
        /// Why.
        reason: String,
        /// Whether the reason is recorded as a good reason to pass the limit.
        good_reason: bool,
    },
    /// Record the current stage's response.
    Respond {
        /// When the response was sent.
        on: NaiveDate,
        /// The decision.
        outcome: Option<Outcome>,
        /// The reasons for it.
        reasons: String,
        /// Remedies offered.
        remedies: Vec<Remedy>,
        /// What was learned.
        learning: String,
        /// Service improvements made.
        improvements: String,
    },
    /// Open the next stage at the complainant's request.
    Escalate {
        /// When the escalation request was received.
        requested_on: NaiveDate,
        /// The independent reviewer (history may lack one).
        reviewer: Option<OfficerRef>,
    },
    /// Record that the complainant went to the Ombudsman.
    Refer {
        /// Which Ombudsman.
        ombudsman: Ombudsman,
        /// When the council learned of it.
        referred_on: NaiveDate,
        /// The Ombudsman's reference.
        their_reference: String,
    },
    /// Record the Ombudsman's decision.
    OmbudsmanDecision {
        /// When they decided.
        decided_on: NaiveDate,
        /// What they decided.
        decision: String,
        /// The remedy they asked for, if any.
        remedy: String,
        /// The date they set for compliance, if any.
        comply_by: Option<NaiveDate>,
    },
    /// Record that the council complied with the Ombudsman's remedy.
    OmbudsmanComplied {
        /// When.
        complied_on: NaiveDate,
    },
    /// Add an outstanding action.
    AddAction {
        /// What will be done.
        description: String,
        /// Who owns it.
        owner: String,
        /// When it is due.
        due_on: NaiveDate,
    },
    /// Mark an action done.
    CompleteAction {
        /// Its number within the case.
        number: u32,
        /// When it was done.
        done_on: NaiveDate,
    },
    /// Make an officer accountable for the case (and stage 1, if unanswered).
    Allocate {
        /// The officer.
        officer: OfficerRef,
    },
    /// Link another case to this one.
    Link {
        /// The other case's reference.
        reference: String,
    },
    /// The complainant withdrew the complaint.
    Withdraw {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// Close the case.
    Close {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// Reopen a closed or withdrawn case.
    Reopen {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}
