//! What happened to a case, as typed events: applying a step yields one, and
//! it records the facts and the deadlines in force at that moment. Events are
//! appended to the store's log, never changed; the audit trail, reminders,
//! letters, reports and sync read them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::Remedy;
use super::terms::{Ombudsman, Outcome, Triage};
use crate::dates;
use crate::money;
use crate::people::PersonId;

/// One thing that happened to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum CaseEvent {
    /// The case was recorded at intake.
    Opened {
        /// When it was received.
        received_on: NaiveDate,
        /// Complaint, service request or excluded.
        triage: Triage,
        /// The accountable officer, if allocated.
        officer: Option<String>,
        /// Stage 1's acknowledgement date, for a complaint.
        acknowledge_by: Option<NaiveDate>,
        /// Stage 1's response date, for a complaint.
        respond_by: Option<NaiveDate>,
    },
    /// The case came in from a spreadsheet (its history follows as events).
    Imported {
        /// The file it came from.
        source: String,
        /// The line of the file.
        line: usize,
        /// The row's cells that fill no field, by their column's header.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        extra: Vec<(String, String)>,
    },
    /// A stage was acknowledged.
    Acknowledged {
        /// The stage.
        stage: usize,
        /// When.
        on: NaiveDate,
        /// The date it was due by.
        acknowledge_by: NaiveDate,
        /// The response date that now applies.
        respond_by: NaiveDate,
    },
    /// An extension was agreed.
    Extended {
        /// The stage.
        stage: usize,
        /// When it was agreed.
        agreed_on: NaiveDate,
        /// Working days added.
        days: u32,
        /// Why.
        reason: String,
        /// Recorded as a good reason to pass the limit.
        good_reason: bool,
        /// The new response date.
        respond_by: NaiveDate,
    },
    /// A stage was answered.
    Responded {
        /// The stage.
        stage: usize,
        /// When.
        on: NaiveDate,
        /// The decision (history may lack one).
        outcome: Option<Outcome>,
        /// Remedies offered.
        remedies: Vec<Remedy>,
        /// The response date in force, with extensions.
        respond_by: NaiveDate,
        /// Answered by `respond_by`.
        within_timescale: bool,
        /// Answered by the original date, before any extension.
        within_original_timescale: bool,
    },
    /// The case went on to the next stage.
    Escalated {
        /// The new stage.
        stage: usize,
        /// When the request was received.
        requested_on: NaiveDate,
        /// The independent reviewer.
        reviewer: Option<String>,
        /// The new stage's acknowledgement date.
        acknowledge_by: NaiveDate,
        /// The new stage's response date.
        respond_by: NaiveDate,
    },
    /// The complainant went to the Ombudsman.
    Referred {
        /// Which.
        ombudsman: Ombudsman,
        /// When the council learned of it.
        on: NaiveDate,
        /// Their reference.
        their_reference: String,
    },
    /// The Ombudsman decided.
    OmbudsmanDecided {
        /// When.
        on: NaiveDate,
        /// What.
        decision: String,
        /// The remedy asked for.
        remedy: String,
        /// The date set for compliance, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comply_by: Option<NaiveDate>,
    },
    /// The council complied with the Ombudsman's remedy.
    OmbudsmanComplied {
        /// When.
        on: NaiveDate,
    },
    /// An outstanding action was added.
    ActionAdded {
        /// Its number.
        number: u32,
        /// What.
        description: String,
        /// Who owns it.
        owner: String,
        /// When it is due.
        due_on: NaiveDate,
    },
    /// An action was done.
    ActionCompleted {
        /// Its number.
        number: u32,
        /// When.
        on: NaiveDate,
        /// Whether by its due date.
        on_time: bool,
    },
    /// An officer was made accountable.
    Allocated {
        /// The officer's name.
        officer: String,
    },
    /// Another case was linked.
    Linked {
        /// Its reference.
        reference: String,
    },
    /// The complainant withdrew.
    Withdrawn {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// The council closed the case.
    Closed {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// The case was reopened.
    Reopened {
        /// When.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// The complainant's record was merged with another record of the same
    /// person; the case now belongs to the record kept.
    PersonMerged {
        /// The record merged away.
        from: PersonId,
        /// The record kept.
        into: PersonId,
    },
    /// A letter was issued and kept with the case.
    LetterIssued {
        /// The letter's id.
        letter: String,
        /// Its kind (slug).
        kind: String,
        /// Its title.
        title: String,
        /// The template version it came from (0: the default).
        template_version: u32,
        /// The SHA-256 of its PDF.
        sha256: String,
        /// What it lacked when it went out.
        missing: Vec<String>,
        /// Why it went out all the same.
        reason: String,
    },
    /// A document was added to the case file.
    DocumentAdded {
        /// Its id.
        document: String,
        /// Its name as given.
        name: String,
        /// Received (`in`) or sent (`out`).
        direction: crate::case_file::Direction,
        /// Its size.
        bytes: u64,
        /// The SHA-256 of its bytes.
        sha256: String,
    },
    /// A document was removed from the case file.
    DocumentRemoved {
        /// Its id.
        document: String,
        /// Its name.
        name: String,
        /// The SHA-256 of its bytes.
        sha256: String,
        /// Why.
        reason: String,
    },
    /// A case note was written.
    NoteAdded {
        /// Its id.
        note: String,
        /// What it says.
        text: String,
    },
    /// A contact with the complainant was logged.
    ContactRecorded {
        /// Its id.
        contact: String,
        /// The day.
        on: NaiveDate,
        /// How.
        method: crate::case_file::ContactMethod,
        /// What was said.
        summary: String,
    },
    /// An entry carried over from the audit trail of an older database.
    Recorded {
        /// The action's stable name then.
        action: String,
        /// The sentence recorded then.
        summary: String,
    },
}

impl CaseEvent {
    /// The same event without its free text (reasons, notes, decisions,
    /// remedies' details, the Ombudsman's reference): what retention keeps
    /// of an anonymised case. Dates, stages, outcomes and terms stay.
    pub fn without_free_text(&self) -> CaseEvent {
        let mut event = self.clone();
        match &mut event {
            CaseEvent::Opened { triage, .. } => match triage {
                Triage::Excluded { note, .. } | Triage::ServiceRequest { note } => note.clear(),
                Triage::Complaint => {}
            },
            CaseEvent::Extended { reason, .. }
            | CaseEvent::Withdrawn { reason, .. }
            | CaseEvent::Closed { reason, .. }
            | CaseEvent::Reopened { reason, .. }
            | CaseEvent::LetterIssued { reason, .. } => reason.clear(),
            CaseEvent::DocumentRemoved { name, reason, .. } => {
                *name = "(removed after the retention period)".to_owned();
                reason.clear();
            }
            CaseEvent::NoteAdded { text, .. } => text.clear(),
            CaseEvent::ContactRecorded { summary, .. } => summary.clear(),
            CaseEvent::Responded { remedies, .. } => {
                remedies.iter_mut().for_each(|r| r.detail.clear());
            }
            CaseEvent::Referred {
                their_reference, ..
            } => their_reference.clear(),
            CaseEvent::OmbudsmanDecided {
                decision, remedy, ..
            } => {
                decision.clear();
                remedy.clear();
            }
            CaseEvent::ActionAdded { description, .. } => description.clear(),
            CaseEvent::Imported { extra, .. } => extra.clear(),
            CaseEvent::Recorded { summary, .. } => {
                *summary = "Details removed after the retention period".to_owned();
            }
            CaseEvent::Acknowledged { .. }
            | CaseEvent::Escalated { .. }
            | CaseEvent::OmbudsmanComplied { .. }
            | CaseEvent::ActionCompleted { .. }
            | CaseEvent::Allocated { .. }
            | CaseEvent::Linked { .. }
            | CaseEvent::PersonMerged { .. } => {}
            CaseEvent::DocumentAdded { name, .. } => {
                *name = "(removed after the retention period)".to_owned();
            }
        }
        event
    }

    /// The stable name of the event, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::Opened { .. } => "opened",
            CaseEvent::Imported { .. } => "imported",
            CaseEvent::Acknowledged { .. } => "acknowledged",
            CaseEvent::Extended { .. } => "extended",
            CaseEvent::Responded { .. } => "responded",
            CaseEvent::Escalated { .. } => "escalated",
            CaseEvent::Referred { .. } => "referred",
            CaseEvent::OmbudsmanDecided { .. } => "ombudsman-decided",
            CaseEvent::OmbudsmanComplied { .. } => "ombudsman-complied",
            CaseEvent::ActionAdded { .. } => "action-added",
            CaseEvent::ActionCompleted { .. } => "action-completed",
            CaseEvent::Allocated { .. } => "allocated",
            CaseEvent::Linked { .. } => "linked",
            CaseEvent::Withdrawn { .. } => "withdrawn",
            CaseEvent::Closed { .. } => "closed",
            CaseEvent::Reopened { .. } => "reopened",
            CaseEvent::PersonMerged { .. } => "person-merged",
            CaseEvent::LetterIssued { .. } => "letter-issued",
            CaseEvent::DocumentAdded { .. } => "document-added",
            CaseEvent::DocumentRemoved { .. } => "document-removed",
            CaseEvent::NoteAdded { .. } => "note-added",
            CaseEvent::ContactRecorded { .. } => "contact-recorded",
            CaseEvent::Recorded { .. } => "recorded",
        }
    }

    /// What happened, in a sentence people read.
    pub fn describe(&self) -> String {
        match self {
            CaseEvent::Opened {
                received_on,
                triage,
                officer,
                respond_by,
                ..
            } => {
                let mut text = format!(
                    "{} received on {}",
                    triage.label(),
                    dates::short(*received_on)
                );
                if let Some(officer) = officer {
                    text.push_str(&format!(", allocated to {officer}"));
                }
                if let Some(by) = respond_by {
                    text.push_str(&format!("; stage 1 response due by {}", dates::short(*by)));
                }
                text
            }
            CaseEvent::Imported {
                source,
                line,
                extra,
            } => {
                let mut text = format!("Imported from {source}, line {line}");
                if !extra.is_empty() {
                    let kept: Vec<String> =
                        extra.iter().map(|(h, v)| format!("{h}: {v}")).collect();
                    text.push_str(&format!("; also in the sheet: {}", kept.join("; ")));
                }
                text
            }
            CaseEvent::Acknowledged {
                stage,
                on,
                acknowledge_by,
                respond_by,
            } => format!(
                "Stage {stage} acknowledged on {}{}; response due by {}",
                dates::short(*on),
                late(*on, *acknowledge_by),
                dates::short(*respond_by)
            ),
            CaseEvent::Extended {
                stage,
                days,
                reason,
                respond_by,
                ..
            } => format!(
                "Stage {stage} extended by {days} working {}: {reason}; response now due by {}",
                if *days == 1 { "day" } else { "days" },
                dates::short(*respond_by)
            ),
            CaseEvent::Responded {
                stage,
                on,
                outcome,
                remedies,
                respond_by,
                ..
            } => {
                let mut text = format!("Stage {stage} response sent on {}", dates::short(*on));
                if let Some(outcome) = outcome {
                    text.push_str(&format!(": {}", outcome.label().to_lowercase()));
                }
                text.push_str(&late(*on, *respond_by));
                for remedy in remedies {
                    text.push_str(&format!("; remedy: {}", remedy.kind.label().to_lowercase()));
                    if let Some(pence) = remedy.amount_pence {
                        text.push_str(&format!(", {}", money::format_pence(pence)));
                    }
                }
                text
            }
            CaseEvent::Escalated {
                stage,
                requested_on,
                reviewer,
                respond_by,
                ..
            } => {
                let mut text = format!(
                    "Escalated to stage {stage} on {}",
                    dates::short(*requested_on)
                );
                if let Some(reviewer) = reviewer {
                    text.push_str(&format!(", reviewed by {reviewer}"));
                }
                text.push_str(&format!("; response due by {}", dates::short(*respond_by)));
                text
            }
            CaseEvent::Referred {
                ombudsman,
                on,
                their_reference,
            } => {
                let mut text = format!(
                    "Referred to the {} on {}",
                    ombudsman.label(),
                    dates::short(*on)
                );
                if !their_reference.is_empty() {
                    text.push_str(&format!(" (their reference {their_reference})"));
                }
                text
            }
            CaseEvent::OmbudsmanDecided {
                on,
                decision,
                comply_by,
                ..
            } => {
                let mut text =
                    format!("The Ombudsman decided on {}: {decision}", dates::short(*on));
                if let Some(by) = comply_by {
                    text.push_str(&format!(" (to comply by {})", dates::short(*by)));
                }
                text
            }
            CaseEvent::OmbudsmanComplied { on } => format!(
                "Complied with the Ombudsman's remedy on {}",
                dates::short(*on)
            ),
            CaseEvent::ActionAdded {
                number,
                description,
                owner,
                due_on,
            } => format!(
                "Action {number} added: {description} ({owner}, due by {})",
                dates::short(*due_on)
            ),
            CaseEvent::ActionCompleted {
                number,
                on,
                on_time,
            } => format!(
                "Action {number} done on {}{}",
                dates::short(*on),
                if *on_time { "" } else { ", after its due date" }
            ),
            CaseEvent::Allocated { officer } => format!("Allocated to {officer}"),
            CaseEvent::Linked { reference } => format!("Linked to {reference}"),
            CaseEvent::Withdrawn { on, reason } => {
                format!("Withdrawn on {}: {reason}", dates::short(*on))
            }
            CaseEvent::Closed { on, reason } => {
                format!("Closed on {}: {reason}", dates::short(*on))
            }
            CaseEvent::Reopened { on, reason } => {
                format!("Reopened on {}: {reason}", dates::short(*on))
            }
            CaseEvent::PersonMerged { .. } => {
                "The complainant's record was merged with another record of the same person"
                    .to_owned()
            }
            CaseEvent::LetterIssued {
                title,
                missing,
                reason,
                ..
            } => {
                if missing.is_empty() {
                    format!("Letter issued: {title}")
                } else {
                    format!(
                        "Letter issued: {title}, without {} ({reason})",
                        missing.join("; ")
                    )
                }
            }
            CaseEvent::DocumentAdded {
                name,
                direction,
                bytes,
                ..
            } => format!(
                "Document {}: {name} ({})",
                direction.label(),
                crate::words::size(*bytes)
            ),
            CaseEvent::DocumentRemoved { name, reason, .. } => {
                if reason.is_empty() {
                    format!("Document removed: {name}")
                } else {
                    format!("Document removed: {name} ({reason})")
                }
            }
            CaseEvent::NoteAdded { text, .. } => {
                if text.is_empty() {
                    "Note (removed after the retention period)".to_owned()
                } else {
                    format!("Note: {text}")
                }
            }
            CaseEvent::ContactRecorded {
                on,
                method,
                summary,
                ..
            } => {
                if summary.is_empty() {
                    format!("{} on {}", method.label(), dates::short(*on))
                } else {
                    format!("{} on {}: {summary}", method.label(), dates::short(*on))
                }
            }
            CaseEvent::Recorded { summary, .. } => summary.clone(),
        }
    }
}

/// ", 2 working days late"-style words are for reports; a timeline says only
/// whether a date was missed.
fn late(on: NaiveDate, due_by: NaiveDate) -> String {
    if on > due_by {
        format!(" (after the due date, {})", dates::short(due_by))
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::RemedyKind;

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    #[test]
    fn events_read_back_from_their_stored_form() {
        let event = CaseEvent::Responded {
            stage: 1,
            on: d("2026-11-16"),
            outcome: Some(Outcome::PartlyUpheld),
            remedies: vec![Remedy {
                kind: RemedyKind::Financial,
                detail: "Time and trouble".to_owned(),
                amount_pence: Some(2500),
            }],
            respond_by: d("2026-11-17"),
            within_timescale: true,
            within_original_timescale: true,
        };
        let json = serde_json::to_string(&event).expect("json");
        assert!(json.contains("\"event\":\"responded\""), "{json}");
        let back: CaseEvent = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, event);
    }

    #[test]
    fn a_response_is_described_in_words() {
        let event = CaseEvent::Responded {
            stage: 1,
            on: d("2026-11-18"),
            outcome: Some(Outcome::PartlyUpheld),
            remedies: vec![Remedy {
                kind: RemedyKind::Financial,
                detail: String::new(),
                amount_pence: Some(2500),
            }],
            respond_by: d("2026-11-17"),
            within_timescale: false,
            within_original_timescale: false,
        };
        assert_eq!(
            event.describe(),
            "Stage 1 response sent on 18 Nov 2026: partly upheld (after the due date, 17 Nov 2026); remedy: financial remedy, £25.00"
        );
    }
}
