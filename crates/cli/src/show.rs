//! Printing cases, their deadlines and their audit trail for people (text)
//! and for other tools (JSON).

use std::io::Write;

use chrono::NaiveDate;
use redress::case::{Case, Status, Triage, Urgency};
use redress::dates;
use redress::people::Restriction;
use redress::settings::Settings;
use redress_app::{PersonLink, Service};
use serde_json::{json, Value};

use crate::error::CliError;

fn opt_date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_owned(), dates::long)
}

/// A case for people.
pub fn case_text(
    service: &Service,
    case: &Case,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let settings = service.settings();
    writeln!(
        out,
        "{}  {}",
        case.reference,
        redress::text::one_line(&case.summary)
    )?;
    let state = match &case.status {
        Status::Open => "open".to_owned(),
        Status::Withdrawn { on, reason } | Status::Closed { on, reason } => {
            format!("{} {} ({reason})", case.status.slug(), dates::short(*on))
        }
    };
    writeln!(
        out,
        "{} · received {} by {} · {} · {}",
        case.triage.label(),
        dates::long(case.received_on),
        case.channel.label().to_lowercase(),
        case.service_area.name,
        state
    )?;
    if let Some(category) = &case.category {
        writeln!(out, "Category: {}", category.name)?;
    }
    if let Triage::Excluded { reason, note } = &case.triage {
        writeln!(out, "Excluded: {} ({note})", reason.label())?;
    }
    let c = &case.complainant;
    let who = c.shown_name();
    let contact: Vec<&str> = [c.email.as_str(), c.phone.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    write!(out, "Complainant: {who}")?;
    if !contact.is_empty() {
        write!(out, " ({})", contact.join(", "))?;
    }
    if let Some(method) = c.preferred_contact {
        write!(out, ", prefers {}", method.label().to_lowercase())?;
    }
    writeln!(out)?;
    if !c.vulnerability.is_empty() || !c.adjustments.is_empty() {
        writeln!(
            out,
            "Vulnerability: {}  Adjustments: {}",
            c.vulnerability, c.adjustments
        )?;
    }
    if let Some(r) = service.active_restriction(case.person)? {
        writeln!(
            out,
            "CONTACT RESTRICTED: {} (review by {}; see `redress person show {}`)",
            r.contact,
            dates::long(r.review_on),
            case.person
        )?;
    }
    if let Some(rep) = &case.representative {
        writeln!(
            out,
            "Representative: {} ({}), consent {}",
            rep.name,
            rep.relationship,
            rep.consent_received_on
                .map_or_else(|| "not yet received".to_owned(), dates::short)
        )?;
    }
    writeln!(
        out,
        "Officer: {}",
        case.officer
            .as_ref()
            .map_or("not allocated", |o| o.name.as_str())
    )?;
    if !case.linked.is_empty() {
        writeln!(out, "Linked: {}", case.linked.join(", "))?;
    }
    for stage in &case.stages {
        writeln!(out)?;
        writeln!(
            out,
            "Stage {}  opened {}, {} {}",
            stage.number,
            dates::long(stage.opened_on),
            if stage.number == 1 {
                "handled by"
            } else {
                "reviewed by"
            },
            stage
                .handler
                .as_ref()
                .map_or("nobody yet", |h| h.name.as_str())
        )?;
        {
            let d = stage.deadlines;
            writeln!(
                out,
                "  Acknowledged     {:<18} due by {}",
                opt_date(stage.acknowledged_on),
                dates::long(d.acknowledge_by)
            )?;
            writeln!(
                out,
                "  Responded        {:<18} due by {}",
                opt_date(stage.responded_on),
                dates::long(d.respond_by)
            )?;
            if !stage.extensions.is_empty() {
                writeln!(
                    out,
                    "  Extended         {} working days (limit {})",
                    stage.extension_days(),
                    dates::long(d.extension_limit)
                )?;
                for e in &stage.extensions {
                    let good = if e.good_reason { ", good reason" } else { "" };
                    writeln!(
                        out,
                        "    {} +{} days: {}{good}",
                        dates::short(e.agreed_on),
                        e.days,
                        e.reason
                    )?;
                }
            }
        }
        if let Some(outcome) = stage.outcome {
            writeln!(
                out,
                "  Outcome          {}: {}",
                outcome.label(),
                stage.reasons
            )?;
        }
        for remedy in &stage.remedies {
            let amount = remedy
                .amount_pence
                .map(|p| format!(" £{}.{:02}", p / 100, p % 100))
                .unwrap_or_default();
            writeln!(
                out,
                "  Remedy           {}{amount} {}",
                remedy.kind.label(),
                remedy.detail
            )?;
        }
        if !stage.learning.is_empty() {
            writeln!(out, "  Learning         {}", stage.learning)?;
        }
        if !stage.improvements.is_empty() {
            writeln!(out, "  Improvements     {}", stage.improvements)?;
        }
    }
    if !case.actions.is_empty() {
        writeln!(out)?;
        writeln!(out, "Actions")?;
        for a in &case.actions {
            let state = a.done_on.map_or_else(
                || format!("due {}", dates::short(a.due_on)),
                |d| format!("done {}", dates::short(d)),
            );
            writeln!(
                out,
                "  {}. {} ({}, {state})",
                a.number, a.description, a.owner
            )?;
        }
    }
    if let Some(r) = &case.referral {
        writeln!(out)?;
        writeln!(
            out,
            "Referred to the {} on {} (their reference {})",
            r.ombudsman.label(),
            dates::short(r.referred_on),
            r.their_reference
        )?;
        if let Some(decided) = r.decided_on {
            writeln!(
                out,
                "  Decision {}: {} {}",
                dates::short(decided),
                r.decision,
                r.remedy
            )?;
        }
        if let Some(complied) = r.complied_on {
            writeln!(out, "  Complied {}", dates::short(complied))?;
        }
    }
    writeln!(out)?;
    next_step(settings, case, today, out)
}

/// The line saying what the case needs next.
pub fn next_step(
    settings: &Settings,
    case: &Case,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let calendar = settings.calendar();
    match case.next_due() {
        Some(due) => {
            let left = calendar.working_days_between(today, due.on);
            let when = match Urgency::of(due.on, today, &calendar) {
                Urgency::Overdue => format!(
                    "OVERDUE by {}",
                    redress::words::count(left.unsigned_abs(), "working day", "working days")
                ),
                Urgency::DueToday => "due TODAY".to_owned(),
                _ => format!(
                    "{} left",
                    redress::words::count(left.unsigned_abs(), "working day", "working days")
                ),
            };
            writeln!(
                out,
                "Next: {} by {} ({when})",
                due.what.describe(),
                dates::long(due.on)
            )?;
        }
        None => writeln!(out, "Next: nothing due")?,
    }
    Ok(())
}

/// A restriction as JSON: its fields (ISO dates), whether it is in force
/// and when it was lifted.
pub fn restriction_json(restriction: &Restriction) -> Value {
    let mut value = serde_json::to_value(restriction).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("active".to_owned(), json!(restriction.is_active()));
        object.insert(
            "lifted_on".to_owned(),
            json!(restriction.lifted_on().map(|d| d.to_string())),
        );
    }
    value
}

/// A case as JSON: the record (with its `person_id`), each stage's
/// deadlines, the next deadline, the person's restriction in force and,
/// for a case just recorded, how it was linked to its person.
pub fn case_json(
    service: &Service,
    case: &Case,
    today: NaiveDate,
    link: Option<&PersonLink>,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let settings = service.settings();
    let calendar = settings.calendar();
    // Each stage carries its own timescales and deadlines.
    let mut value = serde_json::to_value(case).map_err(CliError::Json)?;
    if let Some(object) = value.as_object_mut() {
        let next = case.next_due();
        object.insert(
            "next_due".to_owned(),
            next.map_or(Value::Null, |due| {
                json!({
                    "on": due.on.to_string(),
                    "what": due.what.slug(),
                    "urgency": Urgency::of(due.on, today, &calendar).slug(),
                })
            }),
        );
        if let Some(restriction) = service.active_restriction(case.person)? {
            object.insert("restriction".to_owned(), restriction_json(&restriction));
        }
        let notes: Vec<Value> = service
            .notes(&case.reference)?
            .iter()
            .map(note_json)
            .collect();
        object.insert("notes".to_owned(), Value::Array(notes));
        let contacts: Vec<Value> = service
            .contacts(&case.reference)?
            .iter()
            .map(contact_json)
            .collect();
        object.insert("contacts".to_owned(), Value::Array(contacts));
        if let Some(link) = link {
            object.insert(
                "person".to_owned(),
                json!({ "id": link.id, "matched": link.matched }),
            );
        }
    }
    writeln!(out, "{value}")?;
    Ok(())
}

/// A case note as JSON.
pub fn note_json(note: &redress::case_file::Note) -> Value {
    json!({
        "id": note.id,
        "text": note.text,
        "by": note.written_by,
        "at": note.written_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

/// A contact as JSON.
pub fn contact_json(contact: &redress::case_file::Contact) -> Value {
    json!({
        "id": contact.id,
        "on": contact.on.to_string(),
        "method": contact.method.slug(),
        "summary": contact.summary,
        "by": contact.recorded_by,
    })
}

/// A document as JSON, as `case documents --json` lists it.
pub fn document_json(document: &redress::case_file::Document) -> Value {
    json!({
        "id": document.id,
        "name": document.name,
        "bytes": document.bytes,
        "sha256": document.sha256,
        "direction": document.direction.slug(),
        "on": document.on.to_string(),
        "description": document.description,
    })
}

/// A case's history, oldest first: when (local time), who, and what
/// happened in words.
pub fn history(service: &Service, reference: &str, out: &mut impl Write) -> Result<(), CliError> {
    for entry in service.history(reference)? {
        writeln!(
            out,
            "{}  {}  {}",
            redress::dates::moment(entry.at),
            redress::text::one_line(&entry.actor),
            redress::text::one_line(&entry.summary)
        )?;
    }
    Ok(())
}
