//! Subject access: everything the council holds about one person, for a
//! request under UK GDPR Article 15. The store gathers it
//! (`Store::subject_access`); this module writes it as JSON (every field)
//! and as a readable PDF, with the letters sent to them as they were sent.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::case::Case;
use crate::case_file::{file_name_for_saving, Contact, Document, Note};
use crate::letters::Press;
use crate::people::{Person, Restriction};
use crate::records::{AuditEntry, IssuedLetter, PersonEntry};
use crate::reports::pdf::Writer;

/// One person's record, as a subject access request returns it.
#[derive(Debug, Clone)]
pub struct PersonHeld {
    /// Their details.
    pub person: Person,
    /// Their restrictions, oldest first.
    pub restrictions: Vec<Restriction>,
    /// The history of their record.
    pub history: Vec<PersonEntry>,
}

/// One of their cases, with its history and letters.
#[derive(Debug, Clone)]
pub struct CaseHeld {
    /// The case.
    pub case: Case,
    /// Its audit trail.
    pub history: Vec<AuditEntry>,
    /// Its letters, each with its PDF.
    pub letters: Vec<(IssuedLetter, Vec<u8>)>,
    /// The other documents in its file, each with its bytes.
    pub documents: Vec<(Document, Vec<u8>)>,
    /// Its case notes.
    pub notes: Vec<Note>,
    /// Its contact log.
    pub contacts: Vec<Contact>,
}

/// Everything held about the person a request names.
#[derive(Debug, Clone)]
pub struct SubjectAccess {
    /// What was asked for: a name, an email address or a case reference.
    pub query: String,
    /// The person's records (more than one when the same person has more
    /// than one record, or several people share the name asked for).
    pub people: Vec<PersonHeld>,
    /// Their cases.
    pub cases: Vec<CaseHeld>,
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One line of a history: when, who, what.
fn history_line(w: &mut Writer<'_>, at: DateTime<Utc>, actor: &str, summary: &str) {
    w.paragraph(
        &format!("{} · {actor} · {summary}", crate::dates::moment(at)),
        9.0,
        false,
        true,
    );
}

impl SubjectAccess {
    /// The file name of a letter's PDF in the export: its case, kind and
    /// whole id (unique), with nothing a file name cannot hold.
    pub fn letter_file(letter: &IssuedLetter) -> String {
        let safe: String = letter
            .reference
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("{safe}-{}-{}.pdf", letter.kind, letter.id)
    }

    /// The file name of a document in the export: its case, the start of
    /// its id (unique) and its name made safe for any folder.
    pub fn document_file(reference: &str, document: &Document) -> String {
        let short: String = document.id.chars().rev().take(8).collect::<String>();
        let short: String = short.chars().rev().collect();
        format!(
            "{reference}-{short}-{}",
            file_name_for_saving(&document.name)
        )
    }

    /// Every field, as JSON (letters by their file name and SHA-256).
    pub fn to_json(&self, council: &str, produced_on: NaiveDate) -> Value {
        json!({
            "format": "redress-subject-access",
            "version": 1,
            "council": council,
            "produced_on": produced_on.to_string(),
            "query": self.query,
            "people": self.people.iter().map(|p| json!({
                "person": p.person,
                "restrictions": p.restrictions,
                "history": p.history.iter().map(|e| json!({
                    "at": time(e.at), "by": e.actor, "kind": e.kind, "summary": e.summary
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "cases": self.cases.iter().map(|c| json!({
                "case": c.case,
                "history": c.history.iter().map(|e| json!({
                    "at": time(e.at), "by": e.actor, "action": e.action, "summary": e.summary,
                    "changes": e.changes.iter().map(|ch| json!({
                        "field": ch.field, "before": ch.before_text(), "after": ch.after_text()
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "letters": c.letters.iter().map(|(l, _)| json!({
                    "title": l.title, "kind": l.kind, "issued_on": l.issued_on.to_string(),
                    "issued_by": l.issued_by, "sha256": l.sha256, "file": SubjectAccess::letter_file(l),
                })).collect::<Vec<_>>(),
                "documents": c.documents.iter().map(|(d, _)| json!({
                    "name": d.name, "direction": d.direction.slug(), "on": d.on.to_string(),
                    "bytes": d.bytes, "sha256": d.sha256, "description": d.description,
                    "file": SubjectAccess::document_file(&c.case.reference, d),
                })).collect::<Vec<_>>(),
                "notes": c.notes.iter().map(|n| json!({
                    "at": time(n.written_at), "by": n.written_by, "text": n.text,
                })).collect::<Vec<_>>(),
                "contacts": c.contacts.iter().map(|k| json!({
                    "on": k.on.to_string(), "method": k.method.slug(), "summary": k.summary,
                    "by": k.recorded_by,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }

    /// A readable PDF of the same.
    pub fn pdf(&self, press: &Press, council: &str, produced_on: NaiveDate) -> Vec<u8> {
        let head = format!("Information held: {}", self.query);
        let mut w = Writer::new(press, head.clone());
        w.title(
            "Information we hold about you",
            &[
                council.to_owned(),
                format!(
                    "In answer to a subject access request · produced {}",
                    crate::dates::short(produced_on)
                ),
            ],
        );
        w.paragraph(
            &format!(
                "This is everything the complaints record holds that is about {}: {} and {}. \
                 The letters we sent, and the documents in each complaint's file, are enclosed as they are held.",
                self.query,
                crate::words::count(self.people.len() as u64, "record of you", "records of you"),
                crate::words::count(self.cases.len() as u64, "complaint", "complaints"),
            ),
            10.0,
            false,
            false,
        );
        for held in &self.people {
            let d = &held.person.details;
            w.heading(&format!("Your details ({})", held.person.display_name()));
            for (label, value) in [
                ("Name", d.name.as_str()),
                ("Address", d.address.as_str()),
                ("Postcode", d.postcode.as_str()),
                ("Email", d.email.as_str()),
                ("Phone", d.phone.as_str()),
                ("Support needs", d.vulnerability.as_str()),
                ("Adjustments", d.adjustments.as_str()),
            ] {
                if !value.trim().is_empty() {
                    w.paragraph(&format!("{label}: {value}"), 10.0, false, false);
                }
            }
            for r in &held.restrictions {
                w.paragraph(
                    &format!(
                        "Restriction on contact decided {} by {}: {} (contact: {}; review by {})",
                        crate::dates::short(r.decided_on),
                        r.decided_by,
                        r.reason,
                        r.contact,
                        crate::dates::short(r.review_on)
                    ),
                    10.0,
                    false,
                    false,
                );
            }
            for e in &held.history {
                history_line(&mut w, e.at, &e.actor, &e.summary);
            }
        }
        for held in &self.cases {
            let c = &held.case;
            w.heading(&if c.summary.trim().is_empty() {
                format!("Complaint {}", c.reference)
            } else {
                format!("Complaint {}: {}", c.reference, c.summary)
            });
            for (label, value) in [
                ("Received", crate::dates::short(c.received_on)),
                ("Service", c.service_area.name.clone()),
                ("What happened", c.description.clone()),
                ("What was wanted", c.outcome_sought.clone()),
                ("Status", c.status.slug().to_owned()),
            ] {
                if !value.trim().is_empty() {
                    w.paragraph(&format!("{label}: {value}"), 10.0, false, false);
                }
            }
            for stage in &c.stages {
                let mut line = format!(
                    "Stage {} opened {}",
                    stage.number,
                    crate::dates::short(stage.opened_on)
                );
                if let Some(on) = stage.responded_on {
                    line.push_str(&format!(", answered {}", crate::dates::short(on)));
                }
                if let Some(outcome) = stage.outcome {
                    line.push_str(&format!(": {}", outcome.label()));
                }
                w.paragraph(&line, 10.0, false, false);
                if !stage.reasons.trim().is_empty() {
                    w.paragraph(&stage.reasons, 10.0, false, false);
                }
            }
            w.paragraph("History", 10.0, true, false);
            for e in &held.history {
                history_line(&mut w, e.at, &e.actor, &e.summary);
            }
            for (letter, _) in &held.letters {
                w.paragraph(
                    &format!(
                        "Letter: {}, sent {} (enclosed as {})",
                        letter.title,
                        crate::dates::short(letter.issued_on),
                        SubjectAccess::letter_file(letter)
                    ),
                    10.0,
                    false,
                    false,
                );
            }
            for note in &held.notes {
                w.paragraph(
                    &format!(
                        "Note, {} by {}: {}",
                        crate::dates::short(note.written_at.date_naive()),
                        note.written_by,
                        note.text
                    ),
                    10.0,
                    false,
                    false,
                );
            }
            for contact in &held.contacts {
                w.paragraph(
                    &format!(
                        "{} on {}: {}",
                        contact.method.label(),
                        crate::dates::short(contact.on),
                        contact.summary
                    ),
                    10.0,
                    false,
                    false,
                );
            }
            for (document, _) in &held.documents {
                w.paragraph(
                    &format!(
                        "Document {} {}: {} (enclosed as {})",
                        document.direction.label(),
                        crate::dates::short(document.on),
                        document.name,
                        SubjectAccess::document_file(&c.reference, document)
                    ),
                    10.0,
                    false,
                    false,
                );
            }
        }
        w.finish("Information we hold about you", council, produced_on)
    }
}
