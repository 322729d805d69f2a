//! What can be done to a case now, and who may review it: the same rules as
//! [`Case::apply`], asked in advance so the UI can offer only what will work.

use super::model::{Case, OfficerRef};
use super::rules::RuleError;
use crate::policy::Policy;

/// A kind of step a user can take on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Acknowledge the current stage.
    Acknowledge,
    /// Agree an extension.
    Extend,
    /// Record the response.
    Respond,
    /// Escalate to the next stage.
    Escalate,
    /// Record an Ombudsman referral.
    Refer,
    /// Record the Ombudsman's decision.
    OmbudsmanDecision,
    /// Record compliance with the Ombudsman's remedy.
    OmbudsmanComplied,
    /// Add an outstanding action.
    ActionAdd,
    /// Mark an action done.
    ActionDone,
    /// Record withdrawal.
    Withdraw,
    /// Close the case.
    Close,
    /// Reopen it.
    Reopen,
    /// Make an officer accountable.
    Allocate,
}

impl Step {
    /// The stable identifier, as `CaseCommand::action` names it.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Acknowledge => "acknowledge",
            Step::Extend => "extend",
            Step::Respond => "respond",
            Step::Escalate => "escalate",
            Step::Refer => "refer",
            Step::OmbudsmanDecision => "ombudsman-decision",
            Step::OmbudsmanComplied => "ombudsman-complied",
            Step::ActionAdd => "action-add",
            Step::ActionDone => "action-done",
            Step::Withdraw => "withdraw",
            Step::Close => "close",
            Step::Reopen => "reopen",
            Step::Allocate => "allocate",
        }
    }
}

impl Case {
    /// The steps the rules allow now, in the order a user would take them.
    pub fn available_steps(&self, policy: &Policy) -> Vec<Step> {
        if !self.is_open() {
            return vec![Step::Reopen];
        }
        let mut steps = Vec::new();
        if let Some(stage) = self.current_stage() {
            if stage.acknowledged_on.is_none() {
                steps.push(Step::Acknowledge);
            }
            if stage.responded_on.is_none() {
                steps.push(Step::Extend);
                if stage.acknowledged_on.is_some() && stage.handler.is_some() {
                    steps.push(Step::Respond);
                }
            } else if policy.stage(stage.number + 1).is_some() {
                steps.push(Step::Escalate);
            }
        }
        match &self.referral {
            None => steps.push(Step::Refer),
            Some(r) if r.decided_on.is_none() => steps.push(Step::OmbudsmanDecision),
            Some(r) if r.complied_on.is_none() => steps.push(Step::OmbudsmanComplied),
            Some(_) => {}
        }
        steps.push(Step::ActionAdd);
        if self.actions.iter().any(|a| a.done_on.is_none()) {
            steps.push(Step::ActionDone);
        }
        steps.extend([Step::Allocate, Step::Withdraw, Step::Close]);
        steps
    }

    /// Whether this officer may review the next stage: not a handler of an
    /// earlier stage, not from the service complained about.
    pub fn check_reviewer(&self, reviewer: &OfficerRef) -> Result<(), RuleError> {
        if let Some(earlier) = self
            .stages
            .iter()
            .find(|s| s.handler.as_ref().is_some_and(|h| h.id == reviewer.id))
        {
            return Err(RuleError::ReviewerHandledEarlierStage {
                reviewer: reviewer.name.clone(),
                stage: earlier.number,
            });
        }
        if reviewer.service_area_id == Some(self.service_area.id) {
            return Err(RuleError::ReviewerFromService {
                reviewer: reviewer.name.clone(),
                service_area: self.service_area.name.clone(),
            });
        }
        Ok(())
    }
}
