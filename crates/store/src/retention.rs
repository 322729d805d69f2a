//! Retention: the closed cases past the council's retention period, and
//! anonymising them. Anonymising removes what identifies the complainant
//! (their details, unless another case still needs them, the case's free
//! text, its letters' contents and the free text of its events) and keeps
//! what the reports count: the dates, stages, outcomes, service area,
//! category and channel, and the council's own learning and improvements. Each anonymised event is recorded as a chained
//! redaction, so the audit trail still verifies.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};

use super::audit::{self, Log};
use super::case_rows::{load_case, save_case};
use super::columns::{date_text, read_date};
use super::{Actor, Store, StoreError};
use redress::case::{CaseEvent, Complainant, Status, Triage};
use redress::people::PersonId;

/// A closed case past its retention period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionDue {
    /// Its reference.
    pub reference: String,
    /// When it was closed (or withdrawn).
    pub closed_on: NaiveDate,
    /// The last day its personal data was to be kept.
    pub kept_until: NaiveDate,
    /// Its summary.
    pub summary: String,
    /// Its service area.
    pub service_area: String,
}

/// What an anonymised case's summary says.
pub const ANONYMISED: &str = "Anonymised after the retention period";

fn due_rows(
    conn: &Connection,
    today: NaiveDate,
    years: u32,
) -> Result<Vec<RetentionDue>, StoreError> {
    let rows: Vec<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT c.reference, c.status_on, c.summary, a.name FROM cases c
             JOIN service_areas a ON a.id = c.service_area_id
             WHERE c.status <> 'open' AND c.status_on IS NOT NULL AND c.anonymised_on IS NULL
             ORDER BY c.status_on, c.reference",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    let mut due = Vec::new();
    for (reference, closed_on, summary, service_area) in rows {
        let closed_on = read_date(&closed_on)?;
        let kept_until = closed_on
            .checked_add_months(chrono::Months::new(years.saturating_mul(12)))
            .unwrap_or(NaiveDate::MAX);
        if kept_until < today {
            due.push(RetentionDue {
                reference,
                closed_on,
                kept_until,
                summary,
                service_area,
            });
        }
    }
    Ok(due)
}

/// Lets the append-only triggers of one log be lifted for a redaction, in
/// the transaction, and puts them back.
fn with_log_open<T>(
    tx: &Transaction<'_>,
    table: &str,
    work: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    tx.execute_batch(&format!("DROP TRIGGER {table}_no_update;"))?;
    let result = work();
    tx.execute_batch(&format!(
        "CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
         BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    ))?;
    result
}

fn anonymise_one(
    tx: &Transaction<'_>,
    reference: &str,
    actor: &Actor,
    years: u32,
) -> Result<Vec<String>, StoreError> {
    let mut case = load_case(tx, reference)?;
    let old_person: i64 = tx.query_row(
        "SELECT person_id FROM cases WHERE id = ?1",
        [case.id.to_string()],
        |r| r.get(0),
    )?;
    // A person of its own, with no details: the case no longer says who.
    let placeholder = PersonId(super::events::uuid_v7_at(actor.now));
    let blank = Complainant {
        anonymous: true,
        ..Complainant::default()
    };
    super::people::insert_person(tx, placeholder, &blank)?;
    case.person = placeholder;
    case.complainant = blank.clone();
    case.representative = None;
    case.summary = ANONYMISED.to_owned();
    case.description.clear();
    case.outcome_sought.clear();
    match &mut case.triage {
        Triage::Excluded { note, .. } | Triage::ServiceRequest { note } => note.clear(),
        Triage::Complaint => {}
    }
    match &mut case.status {
        Status::Withdrawn { reason, .. } | Status::Closed { reason, .. } => reason.clear(),
        Status::Open => {}
    }
    for stage in &mut case.stages {
        // The council's learning and improvements stay: the reports list them.
        stage.reasons.clear();
        stage.extensions.iter_mut().for_each(|e| e.reason.clear());
        stage.remedies.iter_mut().for_each(|r| r.detail.clear());
    }
    for action in &mut case.actions {
        action.description.clear();
    }
    if let Some(referral) = &mut case.referral {
        referral.their_reference.clear();
        referral.decision.clear();
        referral.remedy.clear();
    }
    // The case file goes with the personal data: documents (their bytes
    // once no other case holds them), notes and contacts. Their events
    // keep that something was added, and when, not what.
    let hashes: Vec<String> = tx
        .prepare("SELECT DISTINCT sha256 FROM documents WHERE case_id = ?1")?
        .query_map([case.id.to_string()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in ["documents", "case_notes", "case_contacts"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE case_id = ?1"),
            [case.id.to_string()],
        )?;
    }
    save_case(tx, &case)?;
    tx.execute(
        "UPDATE cases SET anonymised_on = ?2 WHERE id = ?1",
        params![case.id.to_string(), date_text(actor.today)],
    )?;
    super::search::index_case(tx, &case)?;
    // Its letters went to the complainant and name them: gone. The
    // `letter-issued` events keep which letter went out, when, and the
    // SHA-256 of what was sent.
    tx.execute(
        "DELETE FROM letters WHERE case_id = ?1",
        [case.id.to_string()],
    )?;
    // The case's events keep what happened and when, not the words.
    let events: Vec<(i64, String)> = tx
        .prepare("SELECT seq, body FROM events WHERE case_id = ?1 ORDER BY seq")?
        .query_map([case.id.to_string()], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    with_log_open(tx, "events", || {
        for (seq, body) in &events {
            let event: CaseEvent =
                serde_json::from_str(body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let kept = event.without_free_text();
            let body =
                serde_json::to_string(&kept).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            tx.execute(
                "UPDATE events SET body = ?2, summary = ?3, changes = '[]' WHERE seq = ?1",
                params![seq, body, kept.describe()],
            )?;
            audit::record_redaction(tx, actor, Log::CaseEvents, *seq, "retention")?;
        }
        Ok(())
    })?;
    // The person's own record, with every record merged into it, when no
    // other case still needs them.
    let mut records = vec![old_person];
    let mut i = 0;
    while i < records.len() {
        let merged: Vec<i64> = tx
            .prepare_cached("SELECT id FROM people WHERE merged_into = ?1")?
            .query_map([records[i]], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        records.extend(merged);
        i += 1;
    }
    let mut others = 0i64;
    for record in &records {
        others += tx.query_row(
            "SELECT COUNT(*) FROM cases WHERE person_id = ?1",
            [record],
            |r| r.get::<_, i64>(0),
        )?;
    }
    if others == 0 {
        for record in &records {
            erase_person(tx, actor, *record)?;
        }
    }
    let event = CaseEvent::Recorded {
        action: "anonymised".to_owned(),
        summary: format!(
            "Anonymised: personal data removed, {} after closure",
            redress::words::count(u64::from(years), "year", "years")
        ),
    };
    super::events::append(tx, actor, None, &case, &event)?;
    Ok(hashes)
}

/// Removes a person's details, their restrictions' words and the words of
/// their record's history (each change a chained redaction).
fn erase_person(tx: &Transaction<'_>, actor: &Actor, record: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE people SET name = '', address = '', postcode = '', email = '', phone = '',
            preferred_contact = NULL, language = NULL, vulnerability = '', adjustments = '',
            anonymous = 1, email_key = NULL, name_key = NULL, phone_key = NULL, postcode_key = NULL
         WHERE id = ?1",
        [record],
    )?;
    tx.execute(
        "UPDATE restrictions SET reason = '', contact = '' WHERE person_id = ?1",
        [record],
    )?;
    let uid: String = tx.query_row("SELECT uid FROM people WHERE id = ?1", [record], |r| {
        r.get(0)
    })?;
    let entries: Vec<i64> = tx
        .prepare("SELECT seq FROM person_events WHERE person_id = ?1")?
        .query_map([uid], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    with_log_open(tx, "person_events", || {
        for seq in entries {
            tx.execute(
                "UPDATE person_events SET body = '{}', summary = 'Details removed after the retention period'
                 WHERE seq = ?1",
                [seq],
            )?;
            audit::record_redaction(tx, actor, Log::PersonEvents, seq, "retention")?;
        }
        Ok(())
    })
}

impl Store {
    /// The closed cases past the retention period on `today`, oldest
    /// closure first, not yet anonymised.
    pub fn retention_due(
        &self,
        today: NaiveDate,
        years: u32,
    ) -> Result<Vec<RetentionDue>, StoreError> {
        due_rows(&self.conn, today, years)
    }

    /// Anonymises these cases, all in one transaction; a case not past
    /// its retention period is refused, and then nothing changes.
    pub fn anonymise(
        &mut self,
        references: &[String],
        years: u32,
        actor: &Actor,
    ) -> Result<usize, StoreError> {
        super::case_rows::check_actor(actor)?;
        // What is removed is overwritten in the file, not just let go.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let done = self.transaction(actor, |tx| {
            let due = due_rows(tx, actor.today, years)?;
            let mut hashes = Vec::new();
            for reference in references {
                let case = load_case(tx, reference)?;
                if !due.iter().any(|d| d.reference == case.reference) {
                    return Err(StoreError::NotPastRetention(case.reference));
                }
                hashes.extend(anonymise_one(tx, &case.reference, actor, years)?);
            }
            // The search index keeps old words in its segments until merged.
            tx.execute(
                "INSERT INTO case_search (case_search) VALUES ('optimize')",
                [],
            )?;
            Ok((references.len(), hashes))
        });
        self.conn.pragma_update(None, "secure_delete", "OFF")?;
        let (done, hashes) = done?;
        if !hashes.is_empty() {
            let contents = self.contents()?;
            self.forget_unused(&contents, hashes.iter().map(String::as_str))?;
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use redress::case::{CaseEvent, ExclusionReason, Triage};

    #[test]
    fn an_event_keeps_its_terms_and_dates_and_loses_its_words() {
        let opened: CaseEvent = serde_json::from_value(serde_json::json!({
            "event": "opened", "received_on": "2026-01-05",
            "triage": {"kind": "excluded", "reason": "legal-proceedings", "note": "Told Mrs Jones to see her solicitor"},
            "officer": "Alex Khan", "acknowledge_by": null, "respond_by": null
        }))
        .expect("event");
        let kept = opened.without_free_text();
        let CaseEvent::Opened {
            triage: Triage::Excluded { reason, note },
            ..
        } = &kept
        else {
            panic!("{kept:?}")
        };
        assert_eq!(*reason, ExclusionReason::LegalProceedings);
        assert_eq!(note, "");
        // It still reads back as an event.
        let text = serde_json::to_string(&kept).expect("JSON");
        assert_eq!(
            serde_json::from_str::<CaseEvent>(&text).expect("back"),
            kept
        );
    }
}
