//! The procedure's rules, enforced: every change to a case goes through
//! [`Case::apply`] (or [`Case::open`] for a new one), which refuses what the
//! Complaint Handling Code and the council's policy do not allow. Pure: the
//! policy and "today" are passed in.

use chrono::NaiveDate;

use super::command::CaseCommand;
use super::event::CaseEvent;
use super::model::{
    Action, Case, CaseId, Complainant, Extension, Named, OfficerRef, Referral, Stage, Status,
};
use super::terms::{RemedyKind, Triage};
use crate::calendar::Calendar;
use crate::dates;
use crate::people::PersonId;
use crate::policy::Policy;

/// What the rules need to know besides the case.
#[derive(Debug, Clone, Copy)]
pub struct RuleContext<'a> {
    /// The council's procedure in force now (a stage keeps the timescales it
    /// opened with).
    pub policy: &'a Policy,
    /// The council's working-day calendar in force now.
    pub calendar: &'a Calendar,
    /// Today's date where the council is.
    pub today: NaiveDate,
    /// The nation the council is in, where known: whose Ombudsmen a case
    /// may be referred to.
    pub country: Option<super::terms::Country>,
    /// Whether a person is taking the step now, or history is being replayed.
    pub record: Record,
}

impl super::terms::Country {
    /// Refuses an Ombudsman that does not take complaints about this
    /// nation's councils, naming the ones it can be.
    pub fn check_ombudsman(self, ombudsman: super::terms::Ombudsman) -> Result<(), RuleError> {
        if self.ombudsmen().contains(&ombudsman) {
            return Ok(());
        }
        Err(RuleError::OmbudsmanElsewhere {
            ombudsman: ombudsman.label(),
            nation: self.label(),
            allowed: crate::words::either(self.ombudsmen().iter().map(|o| o.slug())),
        })
    }
}

/// Who is taking a step: a person now, or a record of the past being
/// replayed (an imported spreadsheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A person, now: every rule applies.
    Live,
    /// History from another system. It may lack what was never recorded
    /// there, and only that: the complainant's name, the summary, the acknowledgement
    /// before a response, the stage's handler, the decision and its reasons,
    /// and the reviewer of an escalation. Every other rule (dates in order, not in the future,
    /// reviewer independence when a reviewer is named, the policy's stages)
    /// still applies.
    History,
}

impl Record {
    fn may_skip(self) -> bool {
        self == Record::History
    }
}

/// Why a change to a case was refused. Each message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// A required piece of text is empty.
    #[error("{what} is required")]
    Required {
        /// The field at fault.
        field: &'static str,
        /// What is missing, in words.
        what: &'static str,
    },
    /// A date after today.
    #[error("the {what} date {date} is in the future: record it on or after the day it happens")]
    InFuture {
        /// The field at fault.
        field: &'static str,
        /// Which date.
        what: &'static str,
        /// Its value, for people.
        date: String,
    },
    /// A date before an earlier event of the case.
    #[error("the {what} date {date} is before the {earlier_what} date {earlier}: dates cannot run backwards")]
    Backwards {
        /// The field at fault.
        field: &'static str,
        /// Which date.
        what: &'static str,
        /// Its value, for people.
        date: String,
        /// The event it must not precede.
        earlier_what: &'static str,
        /// That event's date.
        earlier: String,
    },
    /// The case is closed or withdrawn.
    #[error("{reference} is {state}: reopen it, with a reason, before changing it")]
    NotOpen {
        /// The case.
        reference: String,
        /// `closed` or `withdrawn`.
        state: &'static str,
    },
    /// Reopening a case that is open.
    #[error("{0} is already open")]
    AlreadyOpen(String),
    /// Stage steps on a service request or excluded matter.
    #[error("{reference} was recorded as a {triage}, not a complaint, so it has no stages")]
    NotAComplaint {
        /// The case.
        reference: String,
        /// How it was triaged, in words.
        triage: &'static str,
    },
    /// A second acknowledgement.
    #[error("stage {stage} was already acknowledged on {on}")]
    AlreadyAcknowledged {
        /// The stage.
        stage: usize,
        /// When, for people.
        on: String,
    },
    /// A response before the acknowledgement.
    #[error("stage {0} has not been acknowledged: record the acknowledgement first")]
    NotAcknowledged(usize),
    /// A second response, or an extension after the response.
    #[error("stage {stage} was already answered on {on}")]
    AlreadyResponded {
        /// The stage.
        stage: usize,
        /// When, for people.
        on: String,
    },
    /// A response to a stage nobody is handling.
    #[error("nobody is handling stage {0}: allocate an officer first")]
    NoHandler(usize),
    /// A response with no decision.
    #[error("a response needs an outcome: upheld, partly upheld or not upheld")]
    OutcomeRequired,
    /// A financial remedy with no amount.
    #[error("a financial remedy needs an amount")]
    AmountRequired,
    /// An extension of zero days.
    #[error("an extension must add at least 1 working day")]
    ZeroDayExtension,
    /// Extensions adding up to more than any stage could need.
    #[error("stage {stage} would be extended by {total} working days in all; the most Redress allows is {max}", max = crate::policy::MAX_TIMESCALE_DAYS)]
    ExtensionTooLong {
        /// The stage.
        stage: usize,
        /// Total days with this extension.
        total: u64,
    },
    /// Extensions beyond the policy's limit without a recorded good reason.
    #[error("stage {stage} would be extended by {total} working days in all, beyond the policy's limit of {limit}: record it as a good reason if it is one")]
    ExtensionBeyondLimit {
        /// The stage.
        stage: usize,
        /// Total days with this extension.
        total: u32,
        /// The policy's limit.
        limit: u32,
    },
    /// Escalation before the current stage's response.
    #[error("stage {0} has not been answered yet: a complaint escalates only after the stage's response")]
    NotYetResponded(usize),
    /// Escalation past the last stage.
    #[error("the council's procedure has {stages}: stage {last} is the final response", stages = crate::words::count(*.0 as u64, "stage", "stages"), last = .0)]
    NoFurtherStage(usize),
    /// A reviewer who handled an earlier stage.
    #[error("{reviewer} handled stage {stage} of this complaint, so cannot review it independently: choose another officer")]
    ReviewerHandledEarlierStage {
        /// The reviewer's name.
        reviewer: String,
        /// The stage they handled.
        stage: usize,
    },
    /// A reviewer from the service complained about.
    #[error("{reviewer} works in {service_area}, the service complained about, so is not independent: choose an officer from another service")]
    ReviewerFromService {
        /// The reviewer's name.
        reviewer: String,
        /// The service area.
        service_area: String,
    },
    /// A referral before the council has answered.
    #[error("the council has not answered this complaint yet: the Ombudsman expects its own stages first, so record the referral after a response")]
    NotYetAnswered,
    /// An acknowledgement of a stage that has no acknowledgement step.
    #[error("stage {0} has no acknowledgement step in this procedure: respond to it")]
    NoAcknowledgementStep(usize),
    /// A second Ombudsman referral.
    #[error("this case was already referred to the {0}")]
    AlreadyReferred(String),
    /// A referral to an Ombudsman of another nation.
    #[error("the {ombudsman} does not take complaints about councils in {nation}: use {allowed}")]
    OmbudsmanElsewhere {
        /// The Ombudsman named.
        ombudsman: &'static str,
        /// The council's nation.
        nation: &'static str,
        /// The ones it can be (slugs).
        allowed: String,
    },
    /// An Ombudsman step with no referral.
    #[error("this case has not been referred to the Ombudsman")]
    NotReferred,
    /// Compliance before the decision.
    #[error("record the Ombudsman's decision before recording compliance with it")]
    NoOmbudsmanDecision,
    /// An action number the case does not have.
    #[error("this case has no action {0}")]
    NoSuchAction(u32),
    /// An action already done.
    #[error("action {number} was already done on {on}")]
    ActionAlreadyDone {
        /// The action.
        number: u32,
        /// When, for people.
        on: String,
    },
    /// Linking a case to itself or twice.
    #[error("{0} cannot be linked: it is this case or already linked")]
    BadLink(String),
}

impl RuleError {
    /// The field of the intake or step at fault, when one field is: the names
    /// the forms use (`on`, `reason`, `reviewer`, `received_on`, ...).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            RuleError::Required { field, .. }
            | RuleError::InFuture { field, .. }
            | RuleError::Backwards { field, .. } => Some(field),
            RuleError::OutcomeRequired => Some("outcome"),
            RuleError::AmountRequired => Some("amount"),
            RuleError::ZeroDayExtension
            | RuleError::ExtensionBeyondLimit { .. }
            | RuleError::ExtensionTooLong { .. } => Some("days"),
            RuleError::ReviewerHandledEarlierStage { .. }
            | RuleError::ReviewerFromService { .. } => Some("reviewer"),
            RuleError::NoSuchAction(_) | RuleError::ActionAlreadyDone { .. } => Some("number"),
            _ => None,
        }
    }

    /// A stable code for the kind of refusal.
    pub fn code(&self) -> &'static str {
        match self {
            RuleError::Required { .. } => "required",
            RuleError::InFuture { .. } => "date_in_future",
            RuleError::Backwards { .. } => "dates_backwards",
            RuleError::NotOpen { .. } => "case_not_open",
            RuleError::AlreadyOpen(_) => "case_open",
            RuleError::NotAComplaint { .. } => "not_a_complaint",
            RuleError::AlreadyAcknowledged { .. } => "already_acknowledged",
            RuleError::NotAcknowledged(_) => "not_acknowledged",
            RuleError::NoHandler(_) => "no_handler",
            RuleError::AlreadyResponded { .. } => "already_responded",
            RuleError::OutcomeRequired => "outcome_required",
            RuleError::AmountRequired => "amount_required",
            RuleError::ZeroDayExtension => "zero_day_extension",
            RuleError::ExtensionTooLong { .. } => "extension_too_long",
            RuleError::ExtensionBeyondLimit { .. } => "extension_beyond_limit",
            RuleError::NotYetResponded(_) => "not_yet_responded",
            RuleError::NoFurtherStage(_) => "no_further_stage",
            RuleError::ReviewerHandledEarlierStage { .. } => "reviewer_handled_stage",
            RuleError::ReviewerFromService { .. } => "reviewer_from_service",
            RuleError::AlreadyReferred(_) => "already_referred",
            RuleError::NoAcknowledgementStep(_) => "no_acknowledgement_step",
            RuleError::OmbudsmanElsewhere { .. } => "ombudsman_elsewhere",
            RuleError::NotYetAnswered => "not_yet_answered",
            RuleError::NotReferred => "not_referred",
            RuleError::NoOmbudsmanDecision => "no_ombudsman_decision",
            RuleError::NoSuchAction(_) => "no_such_action",
            RuleError::ActionAlreadyDone { .. } => "action_already_done",
            RuleError::BadLink(_) => "bad_link",
        }
    }
}

fn required(field: &'static str, what: &'static str, text: &str) -> Result<(), RuleError> {
    if text.trim().is_empty() {
        Err(RuleError::Required { field, what })
    } else {
        Ok(())
    }
}

fn not_future(
    field: &'static str,
    what: &'static str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(), RuleError> {
    if date > today {
        Err(RuleError::InFuture {
            field,
            what,
            date: dates::short(date),
        })
    } else {
        Ok(())
    }
}

fn not_before(
    field: &'static str,
    what: &'static str,
    date: NaiveDate,
    earlier_what: &'static str,
    earlier: NaiveDate,
) -> Result<(), RuleError> {
    if date < earlier {
        Err(RuleError::Backwards {
            field,
            what,
            date: dates::short(date),
            earlier_what,
            earlier: dates::short(earlier),
        })
    } else {
        Ok(())
    }
}

/// A step's date (its field is `on`): on or after an earlier one and not in
/// the future.
fn past_date(
    what: &'static str,
    date: NaiveDate,
    earlier_what: &'static str,
    earlier: NaiveDate,
    today: NaiveDate,
) -> Result<(), RuleError> {
    not_before("on", what, date, earlier_what, earlier)?;
    not_future("on", what, date, today)
}

impl Case {
    /// A new case from its intake, with its references resolved. A complaint
    /// opens stage 1 on the day it was received, handled by the officer, on
    /// the policy's stage 1 timescales of today.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        id: CaseId,
        reference: String,
        intake: super::NewCase,
        person: PersonId,
        service_area: Named,
        category: Option<Named>,
        officer: Option<OfficerRef>,
        ctx: RuleContext<'_>,
    ) -> Result<(Case, CaseEvent), RuleError> {
        let today = ctx.today;
        not_future("received_on", "received", intake.received_on, today)?;
        if !ctx.record.may_skip() {
            required("summary", "a one-line summary", &intake.summary)?;
        }
        if let Triage::Excluded { note, .. } = &intake.triage {
            required(
                "triage_note",
                "a note saying why the matter is excluded",
                note,
            )?;
        }
        let complainant = Complainant {
            name: intake.complainant.name.trim().to_owned(),
            ..intake.complainant
        };
        if !complainant.anonymous && !ctx.record.may_skip() {
            required(
                "name",
                "the complainant's name (or mark them anonymous)",
                &complainant.name,
            )?;
        }
        if let Some(rep) = &intake.representative {
            required("rep_name", "the representative's name", &rep.name)?;
            if let Some(consent) = rep.consent_received_on {
                not_future("rep_consent_on", "consent received", consent, today)?;
            }
        }
        let stages = match intake.triage {
            Triage::Complaint => {
                let timescales = *ctx.policy.stage(1).ok_or(RuleError::NoFurtherStage(0))?;
                vec![Stage::opened(
                    1,
                    intake.received_on,
                    officer.clone(),
                    timescales,
                    ctx.calendar,
                )]
            }
            _ => Vec::new(),
        };
        let event = CaseEvent::Opened {
            received_on: intake.received_on,
            triage: intake.triage.clone(),
            officer: officer.as_ref().map(|o| o.name.clone()),
            acknowledge_by: stages.first().map(|s| s.deadlines.acknowledge_by),
            respond_by: stages.first().map(|s| s.deadlines.respond_by),
        };
        let case = Case {
            id,
            reference,
            received_on: intake.received_on,
            channel: intake.channel,
            person,
            complainant,
            representative: intake.representative,
            service_area,
            category,
            summary: intake.summary.trim().to_owned(),
            description: intake.description,
            outcome_sought: intake.outcome_sought,
            triage: intake.triage,
            officer,
            linked: Vec::new(),
            stages,
            actions: Vec::new(),
            referral: None,
            status: Status::Open,
        };
        Ok((case, event))
    }

    /// Applies one step, or refuses it and leaves the case as it was.
    /// Returns the event that records what happened.
    pub fn apply(
        &mut self,
        command: CaseCommand,
        ctx: RuleContext<'_>,
    ) -> Result<CaseEvent, RuleError> {
        let mut next = self.clone();
        let event = next.apply_to_copy(command, ctx)?;
        *self = next;
        Ok(event)
    }

    fn apply_to_copy(
        &mut self,
        command: CaseCommand,
        ctx: RuleContext<'_>,
    ) -> Result<CaseEvent, RuleError> {
        let today = ctx.today;
        let history = ctx.record.may_skip();
        // A closed case can be reopened, and can still record what the
        // Ombudsman does: people go to the Ombudsman once the council has
        // given its final response and closed its case.
        let after_closing = matches!(
            command,
            CaseCommand::Reopen { .. }
                | CaseCommand::Refer { .. }
                | CaseCommand::OmbudsmanDecision { .. }
                | CaseCommand::OmbudsmanComplied { .. }
        );
        if !after_closing && !self.is_open() {
            return Err(RuleError::NotOpen {
                reference: self.reference.clone(),
                state: self.status.slug(),
            });
        }
        let received = self.received_on;
        match command {
            CaseCommand::Reopen { on, reason } => {
                let closed_on = match &self.status {
                    Status::Open => return Err(RuleError::AlreadyOpen(self.reference.clone())),
                    Status::Withdrawn { on, .. } | Status::Closed { on, .. } => *on,
                };
                required("reason", "a reason for reopening", &reason)?;
                past_date("reopened", on, "closed", closed_on, today)?;
                self.status = Status::Open;
                Ok(CaseEvent::Reopened {
                    on,
                    reason: reason.trim().to_owned(),
                })
            }
            CaseCommand::Acknowledge { on } => {
                let stage = self.current_stage_mut()?;
                if !stage.timescales.acknowledges() {
                    return Err(RuleError::NoAcknowledgementStep(stage.number));
                }
                if let Some(done) = stage.acknowledged_on {
                    return Err(RuleError::AlreadyAcknowledged {
                        stage: stage.number,
                        on: dates::short(done),
                    });
                }
                past_date("acknowledged", on, "stage opened", stage.opened_on, today)?;
                stage.acknowledged_on = Some(on);
                stage.rework_deadlines(ctx.calendar);
                Ok(CaseEvent::Acknowledged {
                    stage: stage.number,
                    on,
                    acknowledge_by: stage.deadlines.acknowledge_by,
                    respond_by: stage.deadlines.respond_by,
                })
            }
            CaseCommand::Extend {
                agreed_on,
                days,
                reason,
                good_reason,
            } => {
                let stage = self.current_stage_mut()?;
                let limit = stage.timescales.extension_limit_days;
                if let Some(on) = stage.responded_on {
                    return Err(RuleError::AlreadyResponded {
                        stage: stage.number,
                        on: dates::short(on),
                    });
                }
                required("reason", "a reason for the extension", &reason)?;
                if days == 0 {
                    return Err(RuleError::ZeroDayExtension);
                }
                past_date(
                    "extension agreed",
                    agreed_on,
                    "stage opened",
                    stage.opened_on,
                    today,
                )?;
                let total = u64::from(stage.extension_days()) + u64::from(days);
                if total > u64::from(crate::policy::MAX_TIMESCALE_DAYS) {
                    return Err(RuleError::ExtensionTooLong {
                        stage: stage.number,
                        total,
                    });
                }
                let total = u32::try_from(total).unwrap_or(u32::MAX);
                if total > limit && !good_reason {
                    return Err(RuleError::ExtensionBeyondLimit {
                        stage: stage.number,
                        total,
                        limit,
                    });
                }
                let reason = reason.trim().to_owned();
                stage.extensions.push(Extension {
                    agreed_on,
                    days,
                    reason: reason.clone(),
                    good_reason,
                });
                stage.rework_deadlines(ctx.calendar);
                Ok(CaseEvent::Extended {
                    stage: stage.number,
                    agreed_on,
                    days,
                    reason,
                    good_reason,
                    respond_by: stage.deadlines.respond_by,
                })
            }
            CaseCommand::Respond {
                on,
                outcome,
                reasons,
                remedies,
                learning,
                improvements,
            } => {
                let stage = self.current_stage_mut()?;
                if let Some(done) = stage.responded_on {
                    return Err(RuleError::AlreadyResponded {
                        stage: stage.number,
                        on: dates::short(done),
                    });
                }
                if stage.handler.is_none() && !history {
                    return Err(RuleError::NoHandler(stage.number));
                }
                let acknowledges = stage.timescales.acknowledges();
                let after = match (stage.acknowledged_on, history || !acknowledges) {
                    (Some(acknowledged), _) => ("acknowledged", acknowledged),
                    (None, true) => ("stage opened", stage.opened_on),
                    (None, false) => return Err(RuleError::NotAcknowledged(stage.number)),
                };
                if outcome.is_none() && !history {
                    return Err(RuleError::OutcomeRequired);
                }
                if !history {
                    required("reasons", "the reasons for the decision", &reasons)?;
                }
                if remedies
                    .iter()
                    .any(|r| r.kind == RemedyKind::Financial && r.amount_pence.unwrap_or(0) == 0)
                {
                    return Err(RuleError::AmountRequired);
                }
                past_date("response", on, after.0, after.1, today)?;
                stage.responded_on = Some(on);
                stage.outcome = outcome;
                stage.reasons = reasons.trim().to_owned();
                stage.remedies = remedies.clone();
                stage.learning = learning.trim().to_owned();
                stage.improvements = improvements.trim().to_owned();
                Ok(CaseEvent::Responded {
                    stage: stage.number,
                    on,
                    outcome,
                    remedies,
                    respond_by: stage.deadlines.respond_by,
                    within_timescale: on <= stage.deadlines.respond_by,
                    within_original_timescale: on <= stage.deadlines.original_respond_by,
                })
            }
            CaseCommand::Escalate {
                requested_on,
                reviewer,
            } => {
                let stage = self.current_stage_mut()?;
                let responded = stage
                    .responded_on
                    .ok_or(RuleError::NotYetResponded(stage.number))?;
                let next_number = stage.number + 1;
                let timescales = *ctx
                    .policy
                    .stage(next_number)
                    .ok_or(RuleError::NoFurtherStage(ctx.policy.stages().len()))?;
                past_date(
                    "escalation request",
                    requested_on,
                    "previous response",
                    responded,
                    today,
                )?;
                match &reviewer {
                    Some(reviewer) => self.check_reviewer(reviewer)?,
                    None if history => {}
                    None => {
                        return Err(RuleError::Required {
                            field: "reviewer",
                            what: "the officer who will review the next stage",
                        })
                    }
                }
                let name = reviewer.as_ref().map(|r| r.name.clone());
                let stage = Stage::opened(
                    next_number,
                    requested_on,
                    reviewer,
                    timescales,
                    ctx.calendar,
                );
                let event = CaseEvent::Escalated {
                    stage: next_number,
                    requested_on,
                    reviewer: name,
                    acknowledge_by: stage.deadlines.acknowledge_by,
                    respond_by: stage.deadlines.respond_by,
                };
                self.stages.push(stage);
                Ok(event)
            }
            CaseCommand::Refer {
                ombudsman,
                referred_on,
                their_reference,
            } => {
                if let Some(existing) = &self.referral {
                    return Err(RuleError::AlreadyReferred(
                        existing.ombudsman.label().to_owned(),
                    ));
                }
                if let Some(country) = ctx.country {
                    country.check_ombudsman(ombudsman)?;
                }
                let answered = self.stages.iter().any(|s| s.responded_on.is_some())
                    || matches!(self.triage, Triage::Excluded { .. });
                if !answered && !history {
                    return Err(RuleError::NotYetAnswered);
                }
                past_date("referral", referred_on, "received", received, today)?;
                let their_reference = their_reference.trim().to_owned();
                self.referral = Some(Referral {
                    ombudsman,
                    referred_on,
                    their_reference: their_reference.clone(),
                    decision: String::new(),
                    decided_on: None,
                    remedy: String::new(),
                    complied_on: None,
                    comply_by: None,
                });
                Ok(CaseEvent::Referred {
                    ombudsman,
                    on: referred_on,
                    their_reference,
                })
            }
            CaseCommand::OmbudsmanDecision {
                decided_on,
                decision,
                remedy,
                comply_by,
            } => {
                let referral = self.referral.as_mut().ok_or(RuleError::NotReferred)?;
                required("decision", "the Ombudsman's decision", &decision)?;
                past_date(
                    "Ombudsman decision",
                    decided_on,
                    "referral",
                    referral.referred_on,
                    today,
                )?;
                if let Some(by) = comply_by {
                    required(
                        "remedy",
                        "what the Ombudsman asked the council to do",
                        &remedy,
                    )?;
                    not_before(
                        "comply_by",
                        "date to comply",
                        by,
                        "Ombudsman decision",
                        decided_on,
                    )?;
                }
                referral.decided_on = Some(decided_on);
                referral.decision = decision.trim().to_owned();
                referral.remedy = remedy.trim().to_owned();
                referral.comply_by = comply_by;
                Ok(CaseEvent::OmbudsmanDecided {
                    on: decided_on,
                    decision: referral.decision.clone(),
                    remedy: referral.remedy.clone(),
                    comply_by,
                })
            }
            CaseCommand::OmbudsmanComplied { complied_on } => {
                let referral = self.referral.as_mut().ok_or(RuleError::NotReferred)?;
                let decided = referral.decided_on.ok_or(RuleError::NoOmbudsmanDecision)?;
                past_date(
                    "compliance",
                    complied_on,
                    "Ombudsman decision",
                    decided,
                    today,
                )?;
                referral.complied_on = Some(complied_on);
                Ok(CaseEvent::OmbudsmanComplied { on: complied_on })
            }
            CaseCommand::AddAction {
                description,
                owner,
                due_on,
            } => {
                required("description", "what the action is", &description)?;
                required("owner", "the action's owner", &owner)?;
                not_before("due_on", "action due", due_on, "received", received)?;
                let number = self.actions.iter().map(|a| a.number).max().unwrap_or(0) + 1;
                let action = Action {
                    number,
                    description: description.trim().to_owned(),
                    owner: owner.trim().to_owned(),
                    due_on,
                    done_on: None,
                };
                let event = CaseEvent::ActionAdded {
                    number,
                    description: action.description.clone(),
                    owner: action.owner.clone(),
                    due_on,
                };
                self.actions.push(action);
                Ok(event)
            }
            CaseCommand::CompleteAction { number, done_on } => {
                let action = self
                    .actions
                    .iter_mut()
                    .find(|a| a.number == number)
                    .ok_or(RuleError::NoSuchAction(number))?;
                if let Some(on) = action.done_on {
                    return Err(RuleError::ActionAlreadyDone {
                        number,
                        on: dates::short(on),
                    });
                }
                past_date("action done", done_on, "received", received, today)?;
                action.done_on = Some(done_on);
                Ok(CaseEvent::ActionCompleted {
                    number,
                    on: done_on,
                    on_time: done_on <= action.due_on,
                })
            }
            CaseCommand::Allocate { officer } => {
                let name = officer.name.clone();
                if let Some(stage) = self.stages.last_mut() {
                    if stage.number == 1 && stage.responded_on.is_none() {
                        stage.handler = Some(officer.clone());
                    }
                }
                self.officer = Some(officer);
                Ok(CaseEvent::Allocated { officer: name })
            }
            CaseCommand::Link { reference } => {
                let reference = reference.trim().to_owned();
                if reference == self.reference || self.linked.contains(&reference) {
                    return Err(RuleError::BadLink(reference));
                }
                self.linked.push(reference.clone());
                Ok(CaseEvent::Linked { reference })
            }
            CaseCommand::Withdraw { on, reason } => {
                required("reason", "the reason for withdrawal", &reason)?;
                past_date(
                    "withdrawn",
                    on,
                    "last recorded event",
                    self.latest_event(),
                    today,
                )?;
                let reason = reason.trim().to_owned();
                self.status = Status::Withdrawn {
                    on,
                    reason: reason.clone(),
                };
                Ok(CaseEvent::Withdrawn { on, reason })
            }
            CaseCommand::Close { on, reason } => {
                required("reason", "the reason for closing", &reason)?;
                past_date(
                    "closed",
                    on,
                    "last recorded event",
                    self.latest_event(),
                    today,
                )?;
                let reason = reason.trim().to_owned();
                self.status = Status::Closed {
                    on,
                    reason: reason.clone(),
                };
                Ok(CaseEvent::Closed { on, reason })
            }
        }
    }

    /// The date of the latest thing recorded on the case: closing or
    /// withdrawing cannot be dated before it.
    pub fn latest_event(&self) -> NaiveDate {
        let stage_dates = self.stages.iter().flat_map(|s| {
            [Some(s.opened_on), s.acknowledged_on, s.responded_on]
                .into_iter()
                .flatten()
                .chain(s.extensions.iter().map(|e| e.agreed_on))
        });
        let action_dates = self.actions.iter().filter_map(|a| a.done_on);
        let referral_dates = self.referral.iter().flat_map(|r| {
            [Some(r.referred_on), r.decided_on, r.complied_on]
                .into_iter()
                .flatten()
        });
        stage_dates
            .chain(action_dates)
            .chain(referral_dates)
            .fold(self.received_on, NaiveDate::max)
    }

    fn current_stage_mut(&mut self) -> Result<&mut Stage, RuleError> {
        let reference = self.reference.clone();
        let triage = match self.triage {
            Triage::ServiceRequest { .. } => "service request",
            _ => "excluded matter",
        };
        self.stages
            .last_mut()
            .ok_or(RuleError::NotAComplaint { reference, triage })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{NewCase, Outcome, Remedy};
    use crate::policy::Policy;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn officer(id: i64, area: i64) -> OfficerRef {
        OfficerRef {
            id,
            name: format!("Officer {id}"),
            service_area_id: Some(area),
        }
    }

    fn complaint() -> Case {
        let intake = NewCase {
            received_on: d(11, 2),
            channel: crate::case::Channel::Email,
            complainant: Complainant {
                name: "Jane".to_owned(),
                ..Complainant::default()
            },
            representative: None,
            service_area: "Waste".to_owned(),
            category: None,
            summary: "Bins".to_owned(),
            description: String::new(),
            outcome_sought: String::new(),
            triage: Triage::Complaint,
            officer: None,
            person: None,
            repeat_of: None,
        };
        let area = Named {
            id: 7,
            name: "Waste".to_owned(),
        };
        let policy = Policy::complaint_handling_code();
        let calendar = Calendar::new(crate::calendar::Nation::EnglandAndWales);
        Case::open(
            CaseId(uuid::Uuid::nil()),
            "CMP-2026-00001".to_owned(),
            intake,
            PersonId(uuid::Uuid::nil()),
            area,
            None,
            Some(officer(1, 7)),
            RuleContext {
                country: None,
                policy: &policy,
                calendar: &calendar,
                today: d(11, 24),
                record: Record::Live,
            },
        )
        .expect("valid intake")
        .0
    }

    fn apply_with(
        case: &mut Case,
        command: CaseCommand,
        policy: &Policy,
        record: Record,
    ) -> Result<CaseEvent, RuleError> {
        let calendar = Calendar::new(crate::calendar::Nation::EnglandAndWales);
        case.apply(
            command,
            RuleContext {
                country: None,
                policy,
                calendar: &calendar,
                today: d(11, 24),
                record,
            },
        )
    }

    fn apply(case: &mut Case, command: CaseCommand) -> Result<CaseEvent, RuleError> {
        apply_with(
            case,
            command,
            &Policy::complaint_handling_code(),
            Record::Live,
        )
    }

    fn respond(on: NaiveDate) -> CaseCommand {
        CaseCommand::Respond {
            on,
            outcome: Some(Outcome::NotUpheld),
            reasons: "Checked the logs".to_owned(),
            remedies: Vec::new(),
            learning: String::new(),
            improvements: String::new(),
        }
    }

    fn answered() -> Case {
        let mut case = complaint();
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 3) }).expect("ack");
        apply(&mut case, respond(d(11, 10))).expect("respond");
        case
    }

    #[test]
    fn a_stage_is_acknowledged_once() {
        let mut case = complaint();
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 3) }).expect("first");
        let before = case.clone();
        let err = apply(&mut case, CaseCommand::Acknowledge { on: d(11, 4) }).unwrap_err();
        assert!(matches!(
            err,
            RuleError::AlreadyAcknowledged { stage: 1, .. }
        ));
        assert_eq!(case, before, "a refusal changes nothing");
    }

    #[test]
    fn a_response_needs_an_outcome_and_reasons() {
        let mut case = complaint();
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 3) }).expect("ack");
        let no_outcome = CaseCommand::Respond {
            on: d(11, 10),
            outcome: None,
            reasons: "x".to_owned(),
            remedies: Vec::new(),
            learning: String::new(),
            improvements: String::new(),
        };
        assert_eq!(
            apply(&mut case, no_outcome),
            Err(RuleError::OutcomeRequired)
        );
        let no_reasons = CaseCommand::Respond {
            on: d(11, 10),
            outcome: Some(Outcome::Upheld),
            reasons: " ".to_owned(),
            remedies: vec![Remedy {
                kind: crate::case::RemedyKind::Apology,
                detail: String::new(),
                amount_pence: None,
            }],
            learning: String::new(),
            improvements: String::new(),
        };
        assert_eq!(
            apply(&mut case, no_reasons),
            Err(RuleError::Required {
                field: "reasons",
                what: "the reasons for the decision"
            })
        );
    }

    #[test]
    fn an_extension_needs_a_reason_and_past_the_limit_a_good_one() {
        let mut case = complaint();
        let extend = |days, reason: &str, good_reason| CaseCommand::Extend {
            agreed_on: d(11, 5),
            days,
            reason: reason.to_owned(),
            good_reason,
        };
        assert_eq!(
            apply(&mut case, extend(3, "", false)),
            Err(RuleError::Required {
                field: "reason",
                what: "a reason for the extension"
            })
        );
        apply(&mut case, extend(6, "Survey", false)).expect("within the limit");
        assert_eq!(
            apply(&mut case, extend(5, "More survey", false)),
            Err(RuleError::ExtensionBeyondLimit {
                stage: 1,
                total: 11,
                limit: 10
            })
        );
        apply(&mut case, extend(5, "Specialist report", true)).expect("a recorded good reason");
        assert_eq!(case.stages[0].extension_days(), 11);
    }

    #[test]
    fn escalation_only_after_the_response_and_within_the_policy() {
        let mut case = complaint();
        assert_eq!(
            apply(
                &mut case,
                CaseCommand::Escalate {
                    requested_on: d(11, 20),
                    reviewer: Some(officer(2, 9))
                }
            ),
            Err(RuleError::NotYetResponded(1))
        );
        let mut case = answered();
        apply(
            &mut case,
            CaseCommand::Escalate {
                requested_on: d(11, 12),
                reviewer: Some(officer(2, 9)),
            },
        )
        .expect("escalate");
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 13) }).expect("ack 2");
        apply(&mut case, respond(d(11, 20))).expect("respond 2");
        assert_eq!(
            apply(
                &mut case,
                CaseCommand::Escalate {
                    requested_on: d(11, 23),
                    reviewer: Some(officer(3, 9))
                }
            ),
            Err(RuleError::NoFurtherStage(2))
        );
    }

    #[test]
    fn the_reviewer_is_independent() {
        let mut case = answered();
        let err = apply(
            &mut case,
            CaseCommand::Escalate {
                requested_on: d(11, 12),
                reviewer: Some(officer(1, 9)),
            },
        )
        .unwrap_err();
        assert!(matches!(
            err,
            RuleError::ReviewerHandledEarlierStage { stage: 1, .. }
        ));
        let err = apply(
            &mut case,
            CaseCommand::Escalate {
                requested_on: d(11, 12),
                reviewer: Some(officer(2, 7)),
            },
        )
        .unwrap_err();
        assert!(matches!(err, RuleError::ReviewerFromService { .. }));
        assert_eq!(case.stages.len(), 1);
    }

    #[test]
    fn dates_neither_run_backwards_nor_lie_ahead() {
        let mut case = complaint();
        assert!(matches!(
            apply(&mut case, CaseCommand::Acknowledge { on: d(11, 1) }),
            Err(RuleError::Backwards { .. })
        ));
        assert!(matches!(
            apply(&mut case, CaseCommand::Acknowledge { on: d(11, 25) }),
            Err(RuleError::InFuture { .. })
        ));
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 4) }).expect("ack");
        assert!(matches!(
            apply(&mut case, respond(d(11, 3))),
            Err(RuleError::Backwards { .. })
        ));
    }

    #[test]
    fn a_closed_case_changes_only_by_reopening_with_a_reason() {
        let mut case = answered();
        apply(
            &mut case,
            CaseCommand::Close {
                on: d(11, 20),
                reason: "Done".to_owned(),
            },
        )
        .expect("close");
        assert!(matches!(
            apply(
                &mut case,
                CaseCommand::Link {
                    reference: "CMP-2026-00009".to_owned()
                }
            ),
            Err(RuleError::NotOpen {
                state: "closed",
                ..
            })
        ));
        assert_eq!(
            apply(
                &mut case,
                CaseCommand::Reopen {
                    on: d(11, 21),
                    reason: String::new()
                }
            ),
            Err(RuleError::Required {
                field: "reason",
                what: "a reason for reopening"
            })
        );
        apply(
            &mut case,
            CaseCommand::Reopen {
                on: d(11, 21),
                reason: "New evidence".to_owned(),
            },
        )
        .expect("reopen");
        assert!(case.is_open());
    }

    #[test]
    fn the_ombudsman_comes_after_closing_and_its_compliance_date_is_a_deadline() {
        use crate::case::{Due, NextDue, Step};
        let mut case = answered();
        apply(
            &mut case,
            CaseCommand::Close {
                on: d(11, 12),
                reason: "Answered".to_owned(),
            },
        )
        .expect("close");
        assert_eq!(case.deadlines(), Vec::new());
        let policy = Policy::complaint_handling_code();
        assert_eq!(
            case.available_steps(&policy),
            vec![Step::Reopen, Step::Refer]
        );
        apply(
            &mut case,
            CaseCommand::Refer {
                ombudsman: crate::case::Ombudsman::Lgsco,
                referred_on: d(11, 16),
                their_reference: "25 001 234".to_owned(),
            },
        )
        .expect("a closed case records the referral");
        assert_eq!(case.next_step(&policy), Some(Step::OmbudsmanDecision));
        let decision = |comply_by, remedy: &str| CaseCommand::OmbudsmanDecision {
            decided_on: d(11, 20),
            decision: "Fault causing injustice".to_owned(),
            remedy: remedy.to_owned(),
            comply_by,
        };
        let before = case.clone();
        assert_eq!(
            apply(&mut case, decision(Some(d(12, 18)), " ")),
            Err(RuleError::Required {
                field: "remedy",
                what: "what the Ombudsman asked the council to do"
            })
        );
        assert!(matches!(
            apply(&mut case, decision(Some(d(11, 19)), "Apologise")),
            Err(RuleError::Backwards {
                field: "comply_by",
                ..
            })
        ));
        assert_eq!(case, before, "refusals change nothing");
        apply(
            &mut case,
            decision(Some(d(12, 18)), "Apologise and pay £100"),
        )
        .expect("decision");
        let comply = NextDue {
            on: d(12, 18),
            what: Due::ComplyWithOmbudsman,
        };
        assert_eq!(case.deadlines(), vec![comply]);
        assert_eq!(case.next_due(), Some(comply));
        apply(
            &mut case,
            CaseCommand::OmbudsmanComplied {
                complied_on: d(11, 24),
            },
        )
        .expect("complied");
        assert_eq!(case.deadlines(), Vec::new(), "compliance ends the deadline");
        assert_eq!(case.available_steps(&policy), vec![Step::Reopen]);
    }

    #[test]
    fn a_stage_keeps_the_timescales_it_opened_with() {
        // Stage 1 opened on the Code's timescales: acknowledge in 5 working
        // days, respond within 10 of the acknowledgement.
        let mut case = complaint();
        let code = case.stages[0].deadlines;
        assert_eq!(code.acknowledge_by, d(11, 9));
        // The council then adopts Mansfield 2022's (respond within 10 of
        // receipt; stage 2 acknowledged in 2 and answered in 15).
        let mansfield = Policy::from_toml(
            "name = \"Mansfield 2022\"\n\
             [[stage]]\nacknowledge_days = 5\nresponse_days = 10\nresponse_from = \"receipt\"\nextension_limit_days = 10\n\
             [[stage]]\nacknowledge_days = 2\nresponse_days = 15\nresponse_from = \"acknowledgement\"\nextension_limit_days = 15\n",
        )
        .expect("policy");
        let event = apply_with(
            &mut case,
            CaseCommand::Acknowledge { on: d(11, 6) },
            &mansfield,
            Record::Live,
        )
        .expect("ack");
        // Still counted from the acknowledgement, as when the stage opened.
        assert_eq!(
            event,
            CaseEvent::Acknowledged {
                stage: 1,
                on: d(11, 6),
                acknowledge_by: d(11, 9),
                respond_by: d(11, 20),
            }
        );
        apply_with(&mut case, respond(d(11, 12)), &mansfield, Record::Live).expect("respond");
        // The new stage opens on the new policy's timescales.
        let event = apply_with(
            &mut case,
            CaseCommand::Escalate {
                requested_on: d(11, 13),
                reviewer: Some(officer(2, 9)),
            },
            &mansfield,
            Record::Live,
        )
        .expect("escalate");
        assert_eq!(case.stages[1].timescales.acknowledge_days, 2);
        assert!(matches!(
            event,
            CaseEvent::Escalated { acknowledge_by, .. } if acknowledge_by == d(11, 17)
        ));
    }

    #[test]
    fn a_response_records_whether_it_was_on_time() {
        let mut case = complaint();
        apply(&mut case, CaseCommand::Acknowledge { on: d(11, 3) }).expect("ack");
        let respond_by = case.stages[0].deadlines.respond_by;
        assert_eq!(respond_by, d(11, 17));
        let event = apply(&mut case, respond(d(11, 18))).expect("respond");
        assert!(matches!(
            event,
            CaseEvent::Responded {
                within_timescale: false,
                within_original_timescale: false,
                ..
            }
        ));
        assert_eq!(case.stages[0].responded_in_time(), Some(false));
    }

    #[test]
    fn history_may_skip_only_what_was_never_recorded() {
        let mut live = complaint();
        live.stages[0].handler = None;
        let mut history = live.clone();
        let code = Policy::complaint_handling_code();
        let bare = CaseCommand::Respond {
            on: d(11, 10),
            outcome: None,
            reasons: String::new(),
            remedies: Vec::new(),
            learning: String::new(),
            improvements: String::new(),
        };
        assert!(apply_with(&mut live, bare.clone(), &code, Record::Live).is_err());
        apply_with(&mut history, bare, &code, Record::History).expect("history may lack these");
        // Dates still run forwards and the reviewer is still independent.
        let err = apply_with(
            &mut history.clone(),
            CaseCommand::Escalate {
                requested_on: d(11, 9),
                reviewer: None,
            },
            &code,
            Record::History,
        )
        .unwrap_err();
        assert!(matches!(err, RuleError::Backwards { .. }));
        history.service_area.id = 9;
        let err = apply_with(
            &mut history,
            CaseCommand::Escalate {
                requested_on: d(11, 12),
                reviewer: Some(officer(4, 9)),
            },
            &code,
            Record::History,
        )
        .unwrap_err();
        assert!(matches!(err, RuleError::ReviewerFromService { .. }));
    }
}
