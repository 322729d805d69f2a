//! One case's operations, from every laptop, put in the order of their clock
//! readings and taken through the rules: the case as it was first shared,
//! then each step again with the day and rules it was taken under. Pure and
//! deterministic, so every laptop with the same operations gets the same
//! case, field for field; a step the rules refuse in that order (two
//! officers acknowledging the same complaint offline) is kept as a refusal
//! for people to resolve, never dropped in silence.

use crate::calendar::Calendar;
use crate::case::{Case, Record, RuleContext};
use crate::people::PersonId;
use crate::policy::Policy;

use super::op::StepRecord;

/// One operation on the case, as replay needs it.
#[derive(Debug, Clone)]
pub struct CaseOp<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its clock reading (text that sorts in the clock's order).
    pub hlc: &'a str,
    /// What it does.
    pub change: CaseChange<'a>,
}

/// What an operation does to the case.
#[derive(Debug, Clone)]
pub enum CaseChange<'a> {
    /// The case as first shared.
    Shared(&'a Case),
    /// A step of the procedure.
    Step(&'a StepRecord),
    /// The case moved to another complainant's record (a merge).
    Person(PersonId),
    /// Nothing the case record holds (a note, a document, a letter).
    Fact,
}

/// A step the rules refused in the agreed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The operation.
    pub op: String,
    /// The rules' words.
    pub why: String,
}

/// The case after every operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// The case.
    pub case: Case,
    /// The steps refused.
    pub refused: Vec<Refusal>,
}

/// Replays `ops` (any order; sorted here by clock reading, then id).
/// `rules` gives the policy and calendar a rules hash names. `None` when
/// the case's first sharing has not arrived yet.
pub fn replay<'a>(
    ops: &[CaseOp<'a>],
    rules: &dyn Fn(&str) -> Option<(&'a Policy, &'a Calendar)>,
) -> Option<Replayed> {
    let mut ordered: Vec<&CaseOp<'a>> = ops.iter().collect();
    ordered.sort_by(|a, b| a.hlc.cmp(b.hlc).then(a.id.cmp(b.id)));
    let start = ordered
        .iter()
        .position(|op| matches!(op.change, CaseChange::Shared(_)))?;
    let CaseChange::Shared(first) = ordered[start].change else {
        return None;
    };
    let mut case = first.clone();
    let mut refused = Vec::new();
    for op in &ordered[start + 1..] {
        match &op.change {
            CaseChange::Shared(_) | CaseChange::Fact => {}
            CaseChange::Person(person) => case.person = *person,
            CaseChange::Step(step) => {
                let Some((policy, calendar)) = rules(&step.rules) else {
                    refused.push(Refusal {
                        op: op.id.to_owned(),
                        why: "the rules it was taken under have not arrived".to_owned(),
                    });
                    continue;
                };
                let ctx = RuleContext {
                    country: None,
                    policy,
                    calendar,
                    today: step.today,
                    record: if step.history {
                        Record::History
                    } else {
                        Record::Live
                    },
                };
                let mut next = case.clone();
                match next.apply(step.command.clone(), ctx) {
                    Ok(_) => case = next,
                    Err(err) => refused.push(Refusal {
                        op: op.id.to_owned(),
                        why: err.to_string(),
                    }),
                }
            }
        }
    }
    Some(Replayed { case, refused })
}
