//! The letters the procedure needs, and when each fits a case: a stage's
//! acknowledgement, extension and response (the last stage's response is
//! the final response), the not-a-complaint letter, escalation declined,
//! action completed, and the letter telling a person of a restriction.

use std::fmt;

use crate::case::{Case, Triage};
use crate::people::Restriction;

/// One kind of letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LetterKind {
    /// A stage's acknowledgement.
    Acknowledgement(usize),
    /// An extension of a stage's response date.
    Extension(usize),
    /// A stage's response (the final response at the last stage).
    Response(usize),
    /// A service request or excluded matter: why it is not a complaint.
    NotAComplaint,
    /// A request to escalate that the council declined.
    EscalationDeclined,
    /// An outstanding action that has been done.
    ActionCompleted,
    /// A restriction on contact under the unreasonable-behaviour procedure.
    Restriction,
}

/// A kind that is not one of the letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no letter of kind '{given}': use one of {}", .known.join(", "))]
pub struct UnknownLetterKind {
    /// What was asked for.
    pub given: String,
    /// The kinds there are under the council's policy.
    pub known: Vec<String>,
}

/// Why a letter does not fit the case yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LetterDoesNotFit(pub String);

impl LetterKind {
    /// Every kind under a policy of `stages` stages, in the procedure's order.
    pub fn all(stages: usize) -> Vec<LetterKind> {
        let mut kinds = Vec::new();
        for n in 1..=stages {
            kinds.extend([
                LetterKind::Acknowledgement(n),
                LetterKind::Extension(n),
                LetterKind::Response(n),
            ]);
        }
        kinds.extend([
            LetterKind::NotAComplaint,
            LetterKind::EscalationDeclined,
            LetterKind::ActionCompleted,
            LetterKind::Restriction,
        ]);
        kinds
    }

    /// The stable name, as the CLI and templates use it:
    /// `stage1-acknowledgement`, `not-a-complaint` and so on.
    pub fn slug(self) -> String {
        match self {
            LetterKind::Acknowledgement(n) => format!("stage{n}-acknowledgement"),
            LetterKind::Extension(n) => format!("stage{n}-extension"),
            LetterKind::Response(n) => format!("stage{n}-response"),
            LetterKind::NotAComplaint => "not-a-complaint".to_owned(),
            LetterKind::EscalationDeclined => "escalation-declined".to_owned(),
            LetterKind::ActionCompleted => "action-completed".to_owned(),
            LetterKind::Restriction => "restriction".to_owned(),
        }
    }

    /// Reads a kind, knowing the policy has `stages` stages.
    pub fn parse(text: &str, stages: usize) -> Result<LetterKind, UnknownLetterKind> {
        let wanted = text.trim().to_lowercase();
        LetterKind::all(stages)
            .into_iter()
            .find(|kind| kind.slug() == wanted)
            .ok_or_else(|| UnknownLetterKind {
                given: text.trim().to_owned(),
                known: LetterKind::all(stages)
                    .into_iter()
                    .map(LetterKind::slug)
                    .collect(),
            })
    }

    /// Whether issuing it acknowledges the case: an acknowledgement letter
    /// of the case's current stage, not yet acknowledged.
    pub fn acknowledges(self, case: &Case) -> bool {
        match self {
            LetterKind::Acknowledgement(n) => case.current_stage().is_some_and(|s| {
                s.number == n && s.timescales.acknowledges() && s.acknowledged_on.is_none()
            }),
            _ => false,
        }
    }

    /// The stage it belongs to, if any.
    pub fn stage(self) -> Option<usize> {
        match self {
            LetterKind::Acknowledgement(n) | LetterKind::Extension(n) | LetterKind::Response(n) => {
                Some(n)
            }
            _ => None,
        }
    }

    /// The template it is written from: a stage's letters share one
    /// template per step (`acknowledgement`, `extension`, `response`,
    /// `final-response`), the others one each.
    pub fn template(self, stages: usize) -> &'static str {
        match self {
            LetterKind::Acknowledgement(_) => "acknowledgement",
            LetterKind::Extension(_) => "extension",
            LetterKind::Response(n) if n >= stages => "final-response",
            LetterKind::Response(_) => "response",
            LetterKind::NotAComplaint => "not-a-complaint",
            LetterKind::EscalationDeclined => "escalation-declined",
            LetterKind::ActionCompleted => "action-completed",
            LetterKind::Restriction => "restriction",
        }
    }

    /// The title people read, such as "Stage 1 acknowledgement".
    pub fn label(self, stages: usize) -> String {
        match self {
            LetterKind::Acknowledgement(n) => format!("Stage {n} acknowledgement"),
            LetterKind::Extension(n) => format!("Stage {n} extension"),
            LetterKind::Response(n) if n >= stages => format!("Final response (stage {n})"),
            LetterKind::Response(n) => format!("Stage {n} response"),
            LetterKind::NotAComplaint => "Not a complaint".to_owned(),
            LetterKind::EscalationDeclined => "Escalation declined".to_owned(),
            LetterKind::ActionCompleted => "Action completed".to_owned(),
            LetterKind::Restriction => "Restriction on contact".to_owned(),
        }
    }

    /// Whether the letter fits the case as it stands; if not, why, in a
    /// sentence the officer can act on.
    pub fn fits(
        self,
        case: &Case,
        restriction: Option<&Restriction>,
    ) -> Result<(), LetterDoesNotFit> {
        let refuse = |why: String| Err(LetterDoesNotFit(why));
        let stage = |n: usize| case.stages.iter().find(|s| s.number == n);
        match self {
            LetterKind::Acknowledgement(n) | LetterKind::Extension(n) | LetterKind::Response(n) => {
                let Some(found) = stage(n) else {
                    return refuse(if n == 1 {
                        format!(
                            "{} is a {}, not a complaint: it has no stage 1 (a not-a-complaint letter fits it)",
                            case.reference,
                            case.triage.label().to_lowercase()
                        )
                    } else {
                        format!(
                            "{} has not been escalated to stage {n}: a stage {n} letter fits once it is",
                            case.reference
                        )
                    });
                };
                match self {
                    LetterKind::Acknowledgement(_) if !found.timescales.acknowledges() => {
                        refuse(format!(
                            "stage {n} of {} has no acknowledgement step in this procedure: its response is the first letter",
                            case.reference
                        ))
                    }
                    LetterKind::Extension(_) if found.extensions.is_empty() => refuse(format!(
                        "stage {n} of {} has no extension: record the extension first",
                        case.reference
                    )),
                    LetterKind::Response(_) if found.responded_on.is_none() => refuse(format!(
                        "stage {n} of {} has not been answered yet: record its response first",
                        case.reference
                    )),
                    _ => Ok(()),
                }
            }
            LetterKind::NotAComplaint => match case.triage {
                Triage::Complaint => refuse(format!(
                    "{} is being handled as a complaint: a not-a-complaint letter is for a service request or an excluded matter",
                    case.reference
                )),
                _ => Ok(()),
            },
            LetterKind::EscalationDeclined => match case.current_stage() {
                Some(s) if s.responded_on.is_some() => Ok(()),
                Some(s) => refuse(format!(
                    "stage {} of {} has not been answered yet: escalation can be declined only after a response",
                    s.number, case.reference
                )),
                None => refuse(format!(
                    "{} is not a complaint: there is nothing to escalate",
                    case.reference
                )),
            },
            LetterKind::ActionCompleted => {
                if case.actions.iter().any(|a| a.done_on.is_some()) {
                    Ok(())
                } else {
                    refuse(format!(
                        "no action of {} has been done yet: mark one done first",
                        case.reference
                    ))
                }
            }
            LetterKind::Restriction => match restriction {
                Some(_) => Ok(()),
                None => refuse(format!(
                    "the complainant of {} has no restriction in force: record it on their person page first",
                    case.reference
                )),
            },
        }
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_from_their_slugs_and_unknown_ones_list_the_rest() {
        assert_eq!(
            LetterKind::parse("Stage2-Response", 2),
            Ok(LetterKind::Response(2))
        );
        let err = LetterKind::parse("stage3-response", 2).expect_err("two stages");
        assert!(err.known.contains(&"stage2-response".to_owned()));
        assert!(!err.known.contains(&"stage3-response".to_owned()));
        assert!(err.to_string().contains("not-a-complaint"));
        assert_eq!(
            LetterKind::parse("stage3-response", 3),
            Ok(LetterKind::Response(3))
        );
    }

    #[test]
    fn the_last_stage_answers_with_the_final_response() {
        assert_eq!(LetterKind::Response(2).template(2), "final-response");
        assert_eq!(LetterKind::Response(2).template(3), "response");
        assert_eq!(LetterKind::Response(1).label(2), "Stage 1 response");
        assert_eq!(LetterKind::Response(2).label(2), "Final response (stage 2)");
    }
}
