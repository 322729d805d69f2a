//! What a report is worked out from: one small record per stage, case,
//! Ombudsman referral and action, as the store reads them in one pass.
//! A stage carries the deadlines fixed on it when it opened (and moved by
//! agreed extensions), so whether it was on time is judged by the
//! timescales of its own day: a later policy change never rewrites a
//! published figure.

use chrono::NaiveDate;

use crate::case::{Channel, Outcome};

/// One stage of one complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageFact {
    /// The case's reference.
    pub reference: String,
    /// The service complained about, as the case carries it.
    pub service_area: String,
    /// 1, 2 or 3.
    pub number: usize,
    /// When it opened (the complaint or the escalation request received).
    pub opened_on: NaiveDate,
    /// When it was acknowledged.
    pub acknowledged_on: Option<NaiveDate>,
    /// When the response was sent.
    pub responded_on: Option<NaiveDate>,
    /// The decision.
    pub outcome: Option<Outcome>,
    /// The acknowledgement deadline.
    pub acknowledge_by: NaiveDate,
    /// The response deadline, with any agreed extension.
    pub respond_by: NaiveDate,
    /// The response deadline before any extension.
    pub original_respond_by: NaiveDate,
    /// Whether the case has since gone on to the next stage.
    pub escalated: bool,
    /// The previous stage's decision (for stage 2 and on).
    pub earlier_outcome: Option<Outcome>,
    /// What the council learned.
    pub learning: String,
    /// Service improvements made.
    pub improvements: String,
}

/// How a case was triaged, for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriageKind {
    /// A complaint in the procedure.
    Complaint,
    /// A request for service.
    ServiceRequest,
    /// A matter outside the procedure.
    Excluded,
}

/// One case, for the counts beyond the stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFact {
    /// When it was received.
    pub received_on: NaiveDate,
    /// The service complained about.
    pub service_area: String,
    /// Its category, if set.
    pub category: Option<String>,
    /// How it came in.
    pub channel: Channel,
    /// Complaint, service request or excluded.
    pub triage: TriageKind,
}

/// One Ombudsman referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFact {
    /// The service complained about.
    pub service_area: String,
    /// When the council learned of it.
    pub referred_on: NaiveDate,
    /// When the Ombudsman decided.
    pub decided_on: Option<NaiveDate>,
    /// What it decided, as recorded.
    pub decision: String,
    /// When the council complied.
    pub complied_on: Option<NaiveDate>,
}

/// One outstanding or completed action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFact {
    /// The service complained about.
    pub service_area: String,
    /// When it is due.
    pub due_on: NaiveDate,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
}

/// Everything a report reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The stages.
    pub stages: Vec<StageFact>,
    /// The cases.
    pub cases: Vec<CaseFact>,
    /// The Ombudsman referrals.
    pub referrals: Vec<ReferralFact>,
    /// The actions.
    pub actions: Vec<ActionFact>,
    /// Every service area the council has, so that one with nothing to
    /// report still shows (as zeros).
    pub service_areas: Vec<String>,
    /// How many stages the council's procedure has (reports show at least 2).
    pub stage_count: usize,
}
