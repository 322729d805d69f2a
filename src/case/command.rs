//! What a user can do to a case, as data: the intake of a new case and each
//! step of the procedure. Names (officers, service areas) are already resolved
//! to records by the store; the rules check everything else.

use chrono::NaiveDate;

use super::model::{Complainant, OfficerRef, Remedy, Representative};
use super::steps::{capitalised, Entry, FormError, FormErrors, StepForm};
use super::terms::{Channel, ContactMethod, ExclusionReason, Ombudsman, Outcome, Triage};
use crate::dates::parse_date;

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
}

/// One step in a case's life.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The intake form's fields, in order: the names the CLI, the desktop's New
/// complaint form and the IPC use.
pub const INTAKE_FIELDS: [&str; 23] = [
    "received_on",
    "channel",
    "name",
    "address",
    "postcode",
    "email",
    "phone",
    "preferred_contact",
    "anonymous",
    "vulnerability",
    "adjustments",
    "rep_name",
    "rep_relationship",
    "rep_consent_on",
    "service_area",
    "category",
    "summary",
    "description",
    "outcome_sought",
    "triage",
    "exclusion_reason",
    "triage_note",
    "officer",
];

impl Triage {
    /// Reads a triage decision from its parts as typed: `complaint`,
    /// `service-request` or `excluded` (with a reason), and the note.
    pub fn read(kind: &str, exclusion_reason: &str, note: &str) -> Result<Triage, FormError> {
        let note = note.trim().to_owned();
        match kind.trim().to_lowercase().replace([' ', '_'], "-").as_str() {
            "" | "complaint" => Ok(Triage::Complaint),
            "service-request" => Ok(Triage::ServiceRequest { note }),
            "excluded" => match exclusion_reason.trim() {
                "" => Err(FormError {
                    field: "exclusion_reason".to_owned(),
                    message: "Choose why the matter is excluded".to_owned(),
                }),
                reason => match reason.parse::<ExclusionReason>() {
                    Ok(reason) => Ok(Triage::Excluded { reason, note }),
                    Err(err) => Err(FormError {
                        field: "exclusion_reason".to_owned(),
                        message: capitalised(&err.to_string()),
                    }),
                },
            },
            other => Err(FormError {
                field: "triage".to_owned(),
                message: format!(
                    "Unknown triage '{other}': use complaint, service-request or excluded"
                ),
            }),
        }
    }
}

/// Reads an optional typed value with `parse`, noting a problem against
/// `field` when it cannot be read.
fn parsed<T, E: std::fmt::Display>(
    field: &str,
    typed: Option<String>,
    parse: impl FnOnce(&str) -> Result<T, E>,
    bad: &mut impl FnMut(&str, String),
) -> Option<T> {
    let typed = typed?;
    parse(&typed)
        .map_err(|err| bad(field, capitalised(&err.to_string())))
        .ok()
}

impl NewCase {
    /// Reads the intake form, reporting every problem at once.
    pub fn from_form(form: &StepForm) -> Result<NewCase, FormErrors> {
        let text = |name: &str| match form.0.get(name) {
            Some(Entry::Text(text)) => text.trim().to_owned(),
            _ => String::new(),
        };
        let optional = |name: &str| Some(text(name)).filter(|t| !t.is_empty());
        let mut errors = Vec::new();
        let mut bad = |field: &str, message: String| {
            errors.push(FormError {
                field: field.to_owned(),
                message,
            })
        };
        let received_on = match optional("received_on") {
            None => {
                bad(
                    "received_on",
                    "Enter the date the complaint was received".to_owned(),
                );
                None
            }
            typed => parsed("received_on", typed, parse_date, &mut bad),
        };
        let channel = match optional("channel") {
            None => Some(Channel::Email),
            typed => parsed("channel", typed, str::parse::<Channel>, &mut bad),
        };
        let preferred_contact = parsed(
            "preferred_contact",
            optional("preferred_contact"),
            str::parse::<ContactMethod>,
            &mut bad,
        );
        let consent = parsed(
            "rep_consent_on",
            optional("rep_consent_on"),
            parse_date,
            &mut bad,
        );
        let representative = match optional("rep_name") {
            Some(name) => Some(Representative {
                name,
                relationship: text("rep_relationship"),
                consent_received_on: consent,
            }),
            None if optional("rep_relationship").is_some() || consent.is_some() => {
                bad("rep_name", "Enter the representative's name".to_owned());
                None
            }
            None => None,
        };
        let triage = Triage::read(
            &text("triage"),
            &text("exclusion_reason"),
            &text("triage_note"),
        )
        .map_err(|err| bad(&err.field, err.message))
        .ok();
        if text("service_area").is_empty() {
            bad(
                "service_area",
                "Choose the service area complained about".to_owned(),
            );
        }
        let anonymous = matches!(form.0.get("anonymous"), Some(Entry::Flag(true)))
            || matches!(form.0.get("anonymous"), Some(Entry::Text(t)) if t == "true");
        if text("summary").is_empty() {
            bad("summary", "Enter a one-line summary".to_owned());
        }
        if text("name").is_empty() && !anonymous {
            bad(
                "name",
                "Enter the complainant's name (or mark them anonymous)".to_owned(),
            );
        }
        match (received_on, channel, triage) {
            (Some(received_on), Some(channel), Some(triage)) if errors.is_empty() => Ok(NewCase {
                received_on,
                channel,
                complainant: Complainant {
                    name: text("name"),
                    address: text("address"),
                    postcode: text("postcode"),
                    email: text("email"),
                    phone: text("phone"),
                    preferred_contact,
                    anonymous,
                    vulnerability: text("vulnerability"),
                    adjustments: text("adjustments"),
                },
                representative,
                service_area: text("service_area"),
                category: optional("category"),
                summary: text("summary"),
                description: text("description"),
                outcome_sought: text("outcome_sought"),
                triage,
                officer: optional("officer"),
            }),
            _ => Err(FormErrors(errors)),
        }
    }
}
