//! What a user can do to a case, as data: the intake of a new case and each
//! step of the procedure. Names (officers, service areas) are already resolved
//! to records by the store; the rules check everything else.

use chrono::NaiveDate;

use super::model::{Complainant, OfficerRef, Remedy, Representative};
use super::steps::{capitalised, FormError, FormErrors, Reader, StepForm};
use super::terms::{Channel, ExclusionReason, Ombudsman, Outcome, Triage, Vocabulary};
use crate::people::{read_details, PersonId};

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

/// The intake form's fields, in order: the names the CLI, the desktop's New
/// complaint form and the IPC use.
pub const INTAKE_FIELDS: [&str; 26] = [
    "received_on",
    "channel",
    "name",
    "address",
    "postcode",
    "email",
    "phone",
    "preferred_contact",
    "language",
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
    "person",
    "repeat_of",
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
                    "Unknown triage '{other}': use {}",
                    crate::words::either(Triage::words().iter().map(|(slug, _)| *slug))
                ),
            }),
        }
    }
}

impl NewCase {
    /// Reads the intake form (`INTAKE_FIELDS`), reporting every problem at
    /// once.
    pub fn from_form(form: &StepForm, today: NaiveDate) -> Result<NewCase, FormErrors> {
        let mut read = Reader::new(form, today);
        let received_on = read.date("received_on", "the date the complaint was received");
        let channel = read.term::<Channel>("channel").unwrap_or(Channel::Email);
        let anonymous = read.flag("anonymous");
        let complainant = read_details(&mut read, anonymous);
        let consent = match read.raw("rep_consent_on") {
            "" => None,
            text => {
                let text = text.to_owned();
                read.read_date("rep_consent_on".to_owned(), &text)
            }
        };
        let representative = match read.text("rep_name") {
            name if !name.is_empty() => Some(Representative {
                name,
                relationship: read.text("rep_relationship"),
                consent_received_on: consent,
            }),
            _ if !read.raw("rep_relationship").is_empty() || consent.is_some() => {
                read.missing("rep_name", "Enter the representative's name");
                None
            }
            _ => None,
        };
        let triage = Triage::read(
            read.raw("triage"),
            read.raw("exclusion_reason"),
            read.raw("triage_note"),
        )
        .map_err(|err| read.bad(err.field, err.message))
        .ok();
        let service_area = read.text("service_area");
        if service_area.is_empty() {
            read.missing("service_area", "Choose the service area complained about");
        }
        let summary = read.text("summary");
        if summary.is_empty() {
            read.missing("summary", "Enter a one-line summary");
        }
        let person = match read.raw("person") {
            "" => None,
            text => match text.parse::<PersonId>() {
                Ok(id) => Some(id),
                Err(err) => {
                    read.bad("person".to_owned(), capitalised(&err.to_string()));
                    None
                }
            },
        };
        if person.is_some() && anonymous {
            read.missing(
                "person",
                "An anonymous complaint is not added to anyone's record: untick anonymous, or do not choose a person",
            );
        }
        let optional =
            |read: &Reader<'_>, name: &str| Some(read.text(name)).filter(|t| !t.is_empty());
        let intake = NewCase {
            received_on,
            channel,
            complainant,
            representative,
            service_area,
            category: optional(&read, "category"),
            summary,
            description: read.text("description"),
            outcome_sought: read.text("outcome_sought"),
            triage: triage.unwrap_or(Triage::Complaint),
            officer: optional(&read, "officer"),
            person,
            repeat_of: optional(&read, "repeat_of").map(|r| r.to_uppercase()),
        };
        read.finish(intake)
    }
}
