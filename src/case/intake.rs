//! The intake form: its fields, and reading a filled-in form (as the CLI's
//! options or the window's New complaint form give it) into a [`NewCase`],
//! every problem reported at once.

use chrono::NaiveDate;

use super::command::NewCase;
use super::model::Representative;
use super::steps::{capitalised, FormError, FormErrors, Reader, StepForm};
use super::terms::{Channel, ExclusionReason, Triage, Vocabulary};
use crate::people::{read_details, PersonId};

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
