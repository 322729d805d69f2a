//! A council's complaints procedure as data: how many stages it has and the
//! timescales of each, read from a TOML or JSON file or taken from the
//! Complaint Handling Code.

use std::fmt;

use serde::{Deserialize, Serialize};

/// When a stage's response clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseClock {
    /// From the day the complaint (or escalation request) was received.
    Receipt,
    /// From the acknowledgement: the actual one when it has been sent,
    /// otherwise the date it was due.
    Acknowledgement,
}

impl crate::case::Vocabulary for ResponseClock {
    const NAME: &'static str = "response clock";

    fn words() -> Vec<(&'static str, &'static str)> {
        vec![
            (ResponseClock::Receipt.slug(), "From receipt"),
            (
                ResponseClock::Acknowledgement.slug(),
                "From the acknowledgement",
            ),
        ]
    }
}

impl ResponseClock {
    /// The stable identifier used in policy files.
    pub fn slug(self) -> &'static str {
        match self {
            ResponseClock::Receipt => "receipt",
            ResponseClock::Acknowledgement => "acknowledgement",
        }
    }
}

/// The timescales of one stage, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StagePolicy {
    /// Working days from receipt to the acknowledgement; 0 for a stage with
    /// no acknowledgement step (the SPSO's and NIPSO's frontline stage,
    /// decided within days), whose response is counted from receipt.
    pub acknowledge_days: u32,
    /// Working days allowed for the response, counted from `response_from`.
    pub response_days: u32,
    /// Where the response clock starts.
    pub response_from: ResponseClock,
    /// How many working days past the response date an extension may run
    /// without a recorded good reason.
    pub extension_limit_days: u32,
}

impl StagePolicy {
    /// Whether the stage has an acknowledgement step.
    pub fn acknowledges(&self) -> bool {
        self.acknowledge_days > 0
    }
}

/// A council's procedure: one to three stages, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    name: String,
    stages: Vec<StagePolicy>,
}

/// Why a policy could not be read or accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The file is not valid TOML or JSON at all.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser found wrong.
        message: String,
    },
    /// A field is missing, unknown or of the wrong type.
    #[error("{field}: {message}")]
    Field {
        /// Where the field is, such as `stage 2 response_days`.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Fewer than one or more than three stages.
    #[error("stage: the policy has {0} stages; a procedure has 1, 2 or 3")]
    StageCount(usize),
    /// A timescale too long to be meant.
    #[error("stage {stage} {field}: at most {max} working days", max = MAX_TIMESCALE_DAYS)]
    TooManyDays {
        /// 1-based stage number.
        stage: usize,
        /// The field that is too large.
        field: &'static str,
    },
    /// A stage with no acknowledgement whose response is counted from it.
    #[error("stage {stage} response_from: a stage with no acknowledgement (acknowledge_days = 0) counts its response from receipt")]
    NoAcknowledgement {
        /// 1-based stage number.
        stage: usize,
    },
    /// A timescale of zero days where one is needed.
    #[error("stage {stage} {field}: must be at least 1 working day")]
    ZeroDays {
        /// 1-based stage number.
        stage: usize,
        /// The field that is zero.
        field: &'static str,
    },
}

/// The longest timescale (or extension limit) a policy may set.
pub const MAX_TIMESCALE_DAYS: u32 = 250;

/// The most stages a procedure may have.
pub const MAX_STAGES: usize = 3;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    name: Option<String>,
    stage: Vec<StagePolicy>,
}

impl Policy {
    /// The Complaint Handling Code's timescales: stage 1 acknowledged in 5
    /// working days and answered in 10 from the acknowledgement (extension up
    /// to 10); stage 2 acknowledged in 5 and answered in 20 (extension up to 20).
    pub fn complaint_handling_code() -> Policy {
        Policy {
            name: "Complaint Handling Code".to_owned(),
            stages: vec![
                StagePolicy {
                    acknowledge_days: 5,
                    response_days: 10,
                    response_from: ResponseClock::Acknowledgement,
                    extension_limit_days: 10,
                },
                StagePolicy {
                    acknowledge_days: 5,
                    response_days: 20,
                    response_from: ResponseClock::Acknowledgement,
                    extension_limit_days: 20,
                },
            ],
        }
    }

    /// The procedures Redress ships, each by the name a command line gives
    /// it (`complaint-handling-code`, `psow-model`, `spso-model`,
    /// `nipso-model`), with the nation whose councils follow it, as each
    /// Ombudsman publishes it.
    pub fn shipped() -> Vec<(&'static str, crate::case::Country, Policy)> {
        use crate::case::Country;
        let stage =
            |acknowledge_days, response_days, response_from, extension_limit_days| StagePolicy {
                acknowledge_days,
                response_days,
                response_from,
                extension_limit_days,
            };
        let model = |name: &str, stages| Policy {
            name: name.to_owned(),
            stages,
        };
        vec![
            (
                "complaint-handling-code",
                Country::England,
                Policy::complaint_handling_code(),
            ),
            (
                "psow-model",
                Country::Wales,
                model(
                    "PSOW model concerns and complaints policy",
                    vec![
                        stage(0, 10, ResponseClock::Receipt, 10),
                        stage(5, 20, ResponseClock::Receipt, 20),
                    ],
                ),
            ),
            (
                "spso-model",
                Country::Scotland,
                model(
                    "SPSO model complaints handling procedure",
                    vec![
                        stage(0, 5, ResponseClock::Receipt, 5),
                        stage(3, 20, ResponseClock::Receipt, 20),
                    ],
                ),
            ),
            (
                "nipso-model",
                Country::NorthernIreland,
                model(
                    "NIPSO model complaints handling procedure",
                    vec![
                        stage(0, 5, ResponseClock::Receipt, 5),
                        stage(3, 20, ResponseClock::Receipt, 20),
                    ],
                ),
            ),
        ]
    }

    /// The stages in words: "stage 1 answered in 5 working days from
    /// receipt; stage 2 acknowledged in 3 and answered in 20 working days
    /// from receipt".
    pub fn summary(&self) -> String {
        self.stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let from = match s.response_from {
                    ResponseClock::Receipt => "receipt",
                    ResponseClock::Acknowledgement => "the acknowledgement",
                };
                if s.acknowledges() {
                    format!(
                        "stage {} acknowledged in {} and answered in {} working days from {from}",
                        i + 1,
                        s.acknowledge_days,
                        s.response_days
                    )
                } else {
                    format!(
                        "stage {} answered in {} working days from {from}",
                        i + 1,
                        s.response_days
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A shipped procedure by its name, in any capitals.
    pub fn named(name: &str) -> Option<Policy> {
        let wanted = name.trim().to_lowercase();
        Policy::shipped()
            .into_iter()
            .find(|(slug, _, _)| *slug == wanted)
            .map(|(_, _, policy)| policy)
    }

    /// A policy from its stages, checked.
    pub fn new(name: impl Into<String>, stages: Vec<StagePolicy>) -> Result<Policy, PolicyError> {
        if stages.is_empty() || stages.len() > MAX_STAGES {
            return Err(PolicyError::StageCount(stages.len()));
        }
        for (i, stage) in stages.iter().enumerate() {
            for (field, days) in [
                ("acknowledge_days", stage.acknowledge_days),
                ("response_days", stage.response_days),
                ("extension_limit_days", stage.extension_limit_days),
            ] {
                if days == 0 && field == "response_days" {
                    return Err(PolicyError::ZeroDays {
                        stage: i + 1,
                        field,
                    });
                }
                if days > MAX_TIMESCALE_DAYS {
                    return Err(PolicyError::TooManyDays {
                        stage: i + 1,
                        field,
                    });
                }
            }
        }
        if let Some(i) = stages
            .iter()
            .position(|s| !s.acknowledges() && s.response_from == ResponseClock::Acknowledgement)
        {
            return Err(PolicyError::NoAcknowledgement { stage: i + 1 });
        }
        Ok(Policy {
            name: name.into(),
            stages,
        })
    }

    /// Reads a policy from TOML text (`[[stage]]` tables, in order).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let deserializer = toml::Deserializer::new(text);
        let file: PolicyFile = serde_path_to_error::deserialize(deserializer).map_err(|err| {
            let path = describe_path(err.path());
            let inner = err.into_inner();
            match inner.span() {
                Some(span) if path.is_empty() => {
                    let (line, column) = line_and_column(text, span.start);
                    PolicyError::Syntax {
                        line,
                        column,
                        message: inner.message().to_owned(),
                    }
                }
                _ => PolicyError::Field {
                    field: if path.is_empty() {
                        "policy".to_owned()
                    } else {
                        path
                    },
                    message: inner.message().to_owned(),
                },
            }
        })?;
        Policy::from_file(file)
    }

    /// Reads a policy from JSON text (`{"stage": [...]}`).
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let file: PolicyFile =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
                let path = describe_path(err.path());
                let inner = err.into_inner();
                if inner.is_syntax() || inner.is_eof() || path.is_empty() {
                    PolicyError::Syntax {
                        line: inner.line(),
                        column: inner.column(),
                        message: json_message(&inner),
                    }
                } else {
                    PolicyError::Field {
                        field: path,
                        message: json_message(&inner),
                    }
                }
            })?;
        Policy::from_file(file)
    }

    fn from_file(file: PolicyFile) -> Result<Policy, PolicyError> {
        Policy::new(
            file.name.unwrap_or_else(|| "Council policy".to_owned()),
            file.stage,
        )
    }

    /// The policy as TOML text that [`Policy::from_toml`] reads back.
    pub fn to_toml(&self) -> String {
        let mut text = format!("name = {:?}\n", self.name);
        for stage in &self.stages {
            text.push_str(&format!(
                "\n[[stage]]\nacknowledge_days = {}\nresponse_days = {}\nresponse_from = \"{}\"\nextension_limit_days = {}\n",
                stage.acknowledge_days,
                stage.response_days,
                stage.response_from.slug(),
                stage.extension_limit_days
            ));
        }
        text
    }

    /// The policy's name, as shown to users.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stages, stage 1 first.
    pub fn stages(&self) -> &[StagePolicy] {
        &self.stages
    }

    /// The timescales of stage `number` (1-based), if the procedure has it.
    pub fn stage(&self, number: usize) -> Option<&StagePolicy> {
        number.checked_sub(1).and_then(|i| self.stages.get(i))
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} stages)", self.name, self.stages.len())
    }
}

/// `stage 2 response_days` for the path `stage[1].response_days`: stages are
/// counted from 1, as people count them.
fn describe_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let parts: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some((index + 1).to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    parts.join(" ")
}

fn json_message(err: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is reported apart.
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_procedure_is_a_valid_policy_for_its_nation() {
        let shipped = Policy::shipped();
        assert_eq!(shipped.len(), 4);
        for (name, _, policy) in &shipped {
            let checked = Policy::new(policy.name(), policy.stages().to_vec())
                .unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!(&checked, policy);
            assert_eq!(Policy::named(&name.to_uppercase()).as_ref(), Some(policy));
        }
        // Scotland's frontline stage has no acknowledgement; its
        // investigation is acknowledged in 3 working days, decided in 20.
        let spso = Policy::named("spso-model").expect("shipped");
        assert!(!spso.stages()[0].acknowledges());
        assert_eq!(
            (
                spso.stages()[1].acknowledge_days,
                spso.stages()[1].response_days
            ),
            (3, 20)
        );
        // A stage with no acknowledgement cannot count from one.
        let err = Policy::new(
            "Bad",
            vec![StagePolicy {
                acknowledge_days: 0,
                response_days: 5,
                response_from: ResponseClock::Acknowledgement,
                extension_limit_days: 5,
            }],
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("stage 1 response_from:"),
            "{err}"
        );
    }

    const MANSFIELD_2022: &str = r#"
name = "Mansfield 2022"

[[stage]]
acknowledge_days = 5
response_days = 10
response_from = "receipt"
extension_limit_days = 10

[[stage]]
acknowledge_days = 2
response_days = 15
response_from = "acknowledgement"
extension_limit_days = 15
"#;

    #[test]
    fn the_code_has_two_stages() {
        let code = Policy::complaint_handling_code();
        assert_eq!(code.stages().len(), 2);
        assert_eq!(code.stage(2).map(|s| s.response_days), Some(20));
        assert_eq!(code.stage(3), None);
        assert_eq!(code.stage(0), None);
    }

    #[test]
    fn mansfield_2022_reads_from_toml() {
        let policy = Policy::from_toml(MANSFIELD_2022).expect("valid policy");
        assert_eq!(policy.name(), "Mansfield 2022");
        assert_eq!(
            policy.stage(1).map(|s| s.response_from),
            Some(ResponseClock::Receipt)
        );
        assert_eq!(policy.stage(2).map(|s| s.acknowledge_days), Some(2));
    }

    #[test]
    fn toml_round_trips() {
        let policy = Policy::from_toml(MANSFIELD_2022).expect("valid policy");
        assert_eq!(Policy::from_toml(&policy.to_toml()), Ok(policy));
    }

    #[test]
    fn json_reads_too() {
        let policy = Policy::from_json(
            r#"{"stage": [{"acknowledge_days": 5, "response_days": 10,
                 "response_from": "acknowledgement", "extension_limit_days": 10}]}"#,
        )
        .expect("valid policy");
        assert_eq!(policy.stages().len(), 1);
    }

    #[test]
    fn a_bad_value_names_the_field() {
        let text = MANSFIELD_2022.replace("response_days = 15", "response_days = \"fifteen\"");
        let err = Policy::from_toml(&text).unwrap_err();
        assert!(
            err.to_string().starts_with("stage 2 response_days:"),
            "{err}"
        );
        let text = MANSFIELD_2022.replace("\"receipt\"", "\"receit\"");
        let err = Policy::from_toml(&text).unwrap_err();
        assert!(
            err.to_string().starts_with("stage 1 response_from:"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let text = MANSFIELD_2022.replace("extension_limit_days = 15\n", "");
        let err = Policy::from_toml(&text).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("stage 2") && message.contains("extension_limit_days"),
            "{message}"
        );
    }

    #[test]
    fn json_errors_name_the_field() {
        let err = Policy::from_json(r#"{"stage": [{"acknowledge_days": -1}]}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("stage 1 acknowledge_days:"),
            "{err}"
        );
        let err = Policy::from_json("{\"stage\": [").unwrap_err();
        assert!(matches!(err, PolicyError::Syntax { line: 1, .. }), "{err}");
    }

    #[test]
    fn four_stages_are_refused() {
        let stage = Policy::complaint_handling_code().stages()[0];
        let err = Policy::new("x", vec![stage; 4]).unwrap_err();
        assert_eq!(err, PolicyError::StageCount(4));
        let zero = StagePolicy {
            response_days: 0,
            ..stage
        };
        assert_eq!(
            Policy::new("x", vec![stage, zero]).unwrap_err().to_string(),
            "stage 2 response_days: must be at least 1 working day"
        );
    }
}
