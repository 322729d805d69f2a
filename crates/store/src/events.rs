//! The event log and the audit trail read from it: every step on a case
//! appends one typed event, append-only, with who took it, when (a hybrid
//! logical clock reading as well as the wall time), and each field's value
//! before and after.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;
use uuid::Uuid;

use super::{Actor, Store, StoreError};
use redress::case::{Case, CaseEvent};
use redress::hlc::Hlc;
use redress::records::{AuditEntry, Change};

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The leaves that differ between two JSON values.
fn diff(before: &Value, after: &Value, path: &str, out: &mut Vec<Change>) {
    let empty = serde_json::Map::new();
    match (before, after) {
        (Value::Object(_) | Value::Null, Value::Object(_)) | (Value::Object(_), Value::Null) => {
            let a = before.as_object().unwrap_or(&empty);
            let b = after.as_object().unwrap_or(&empty);
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                diff(
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    &child,
                    out,
                );
            }
        }
        (Value::Array(_) | Value::Null, Value::Array(_)) | (Value::Array(_), Value::Null) => {
            let none = Vec::new();
            let a = before.as_array().unwrap_or(&none);
            let b = after.as_array().unwrap_or(&none);
            for i in 0..a.len().max(b.len()) {
                let child = format!("{path}[{}]", i + 1);
                diff(
                    a.get(i).unwrap_or(&Value::Null),
                    b.get(i).unwrap_or(&Value::Null),
                    &child,
                    out,
                );
            }
        }
        _ if before == after => {}
        _ if is_blank(before) && is_blank(after) => {}
        _ => out.push(Change {
            field: path.to_owned(),
            before: before.clone(),
            after: after.clone(),
        }),
    }
}

/// A state of a case as the event log compares it.
pub(super) fn case_state(case: &Case) -> Result<Value, StoreError> {
    serde_json::to_value(case).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The fields that differ between two states of a case.
pub(super) fn state_changes(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    diff(before, after, "", &mut out);
    out
}

/// The changes between two states of a case (`None` before: a new case).
pub(super) fn changes(before: Option<&Case>, after: &Case) -> Result<Vec<Change>, StoreError> {
    let before = before.map(case_state).transpose()?.unwrap_or(Value::Null);
    Ok(state_changes(&before, &case_state(after)?))
}

/// A UUIDv7 for the moment given (never the system clock here).
pub(super) fn uuid_v7_at(at: DateTime<Utc>) -> Uuid {
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        millis / 1000,
        u32::try_from((millis % 1000) * 1_000_000).unwrap_or(0),
    );
    Uuid::new_v7(ts)
}

/// This installation's device id, made the first time it is needed.
pub(super) fn device_id(tx: &Connection, now: DateTime<Utc>) -> Result<String, StoreError> {
    let found: Option<String> = tx
        .prepare_cached("SELECT value FROM settings WHERE key = 'device_id'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = uuid_v7_at(now).to_string();
    super::execute_cached(
        tx,
        "INSERT INTO settings (key, value) VALUES ('device_id', ?1)",
        [&id],
    )?;
    Ok(id)
}

/// The next reading of this device's hybrid logical clock, after every
/// event of the case and person logs.
pub(super) fn next_hlc(tx: &Connection, now: DateTime<Utc>) -> Result<Hlc, StoreError> {
    next_hlc_after(
        tx,
        now,
        "SELECT MAX(hlc) FROM (SELECT MAX(hlc) AS hlc FROM events
            UNION ALL SELECT MAX(hlc) FROM person_events UNION ALL SELECT MAX(hlc) FROM sync_ops)",
    )
}

/// The next reading after the latest that `latest` (SQL) finds; migrations
/// that run before a log exists name only the logs there are.
fn next_hlc_after(tx: &Connection, now: DateTime<Utc>, latest: &str) -> Result<Hlc, StoreError> {
    let device = device_id(tx, now)?;
    let last: Option<String> = tx
        .prepare_cached(latest)?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten();
    let last = last
        .map(|text| Hlc::parse(&text).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()?;
    Ok(Hlc::next(last.as_ref(), now.timestamp_millis(), &device))
}

/// Appends the event a change made (with the fields it changed) to the log.
pub(super) fn append(
    tx: &Transaction<'_>,
    actor: &Actor,
    before: Option<&Case>,
    after: &Case,
    event: &CaseEvent,
) -> Result<(), StoreError> {
    append_event(tx, actor, before, after, event, None)
}

/// Appends the event of a step of the procedure, with the step itself, the
/// day and the rules it was taken under, so that another laptop can take
/// it again (sync).
pub(super) fn append_step(
    tx: &Transaction<'_>,
    actor: &Actor,
    before: &Case,
    after: &Case,
    event: &CaseEvent,
    command: &redress::case::CaseCommand,
    ctx: redress::case::RuleContext<'_>,
) -> Result<(), StoreError> {
    let rules = redress::sync::RulesBody::of(ctx.policy, ctx.calendar);
    let hash = rules.hash();
    let body = serde_json::to_string(&rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    super::execute_cached(
        tx,
        "INSERT OR IGNORE INTO rule_contexts (hash, body) VALUES (?1, ?2)",
        params![hash, body],
    )?;
    let step = redress::sync::StepRecord {
        command: command.clone(),
        today: ctx.today,
        history: ctx.record == redress::case::Record::History,
        rules: hash,
    };
    let step = serde_json::to_string(&step).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    append_event(tx, actor, Some(before), after, event, Some(&step))
}

fn append_event(
    tx: &Transaction<'_>,
    actor: &Actor,
    before: Option<&Case>,
    after: &Case,
    event: &CaseEvent,
    step: Option<&str>,
) -> Result<(), StoreError> {
    let changes = match before {
        // A new case's fields are the case itself: no copy in the log.
        None => Vec::new(),
        Some(before) => changes(Some(before), after)?,
    };
    insert_event(tx, actor, after.id, event, &changes, step)
}

/// Appends an event whose changed fields the caller has worked out (the
/// import, which compares each state of a case once).
pub(super) fn append_changes(
    tx: &Transaction<'_>,
    actor: &Actor,
    case: redress::case::CaseId,
    event: &CaseEvent,
    changes: &[Change],
) -> Result<(), StoreError> {
    insert_event(tx, actor, case, event, changes, None)
}

fn insert_event(
    tx: &Transaction<'_>,
    actor: &Actor,
    case: redress::case::CaseId,
    event: &CaseEvent,
    changes: &[Change],
    step: Option<&str>,
) -> Result<(), StoreError> {
    let changes = serde_json::to_string(changes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let body = serde_json::to_string(event).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let hlc = next_hlc(tx, actor.now)?;
    tx.prepare_cached(
        "INSERT INTO events (id, case_id, device, hlc, at, actor, kind, summary, body, changes, step)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        uuid_v7_at(actor.now).to_string(),
        case.to_string(),
        hlc.device,
        hlc.to_string(),
        actor
            .now
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor.name.trim(),
        event.kind(),
        event.describe(),
        body,
        changes,
        step
    ])?;
    Ok(())
}

/// The migration hook that carries the old audit table into the event log,
/// one `recorded` event per entry, in order, then drops the table.
pub(super) fn carry_over_audit(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows: Vec<(String, String, String, String, String, String)> = tx
        .prepare("SELECT case_id, at, actor, action, summary, changes FROM audit ORDER BY id")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (case_id, at, actor, action, summary, changes) in rows {
        let when = DateTime::parse_from_rfc3339(&at)
            .map_err(|_| StoreError::Corrupt(format!("audit time '{at}'")))?
            .with_timezone(&Utc);
        // Migration 0002 runs before the person log exists.
        let hlc = next_hlc_after(tx, when, "SELECT MAX(hlc) FROM events")?;
        let event = CaseEvent::Recorded { action, summary };
        let body = serde_json::to_string(&event).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        super::execute_cached(
            tx,
            "INSERT INTO events (id, case_id, device, hlc, at, actor, kind, summary, body, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                uuid_v7_at(when).to_string(),
                case_id,
                hlc.device,
                hlc.to_string(),
                at,
                actor,
                event.kind(),
                event.describe(),
                body,
                changes
            ],
        )?;
    }
    tx.execute_batch("DROP TABLE audit;")?;
    Ok(())
}

/// One event of a case's log, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Its UUIDv7.
    pub id: String,
    /// Its hybrid logical clock reading.
    pub hlc: String,
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// What happened.
    pub event: CaseEvent,
    /// The fields that changed.
    pub changes: Vec<Change>,
}

impl Store {
    /// A case's events, oldest first.
    pub fn events(&self, reference: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let case = self.case(reference)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, hlc, at, actor, body, changes FROM events WHERE case_id = ?1 ORDER BY hlc, seq",
        )?;
        let rows = stmt
            .query_map([case.id.to_string()], |r| {
                <(String, String, String, String, String, String)>::try_from(r)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, hlc, at, actor, body, changes)| {
                Ok(StoredEvent {
                    id,
                    hlc,
                    at: super::columns::read_moment(&at)?,
                    actor,
                    event: serde_json::from_str(&body)
                        .map_err(|_| StoreError::Corrupt("event body".to_owned()))?,
                    changes: serde_json::from_str(&changes)
                        .map_err(|_| StoreError::Corrupt("event changes".to_owned()))?,
                })
            })
            .collect()
    }

    /// The audit trail of a case, oldest first: who did what when, read from
    /// its events.
    pub fn history(&self, reference: &str) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .events(reference)?
            .into_iter()
            .map(|stored| AuditEntry {
                at: stored.at,
                actor: stored.actor,
                action: stored.event.kind().to_owned(),
                summary: stored.event.describe(),
                changes: stored.changes,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_reports_changed_leaves_with_one_based_indexes() {
        let before =
            json!({"stages": [{"acknowledged_on": null, "reasons": ""}], "summary": "Bins"});
        let after = json!({"stages": [{"acknowledged_on": "2026-11-03", "reasons": ""}], "summary": "Bins"});
        let mut out = Vec::new();
        diff(&before, &after, "", &mut out);
        assert_eq!(
            out,
            vec![Change {
                field: "stages[1].acknowledged_on".to_owned(),
                before: Value::Null,
                after: json!("2026-11-03"),
            }]
        );
    }

    #[test]
    fn a_new_stage_lists_its_filled_fields() {
        let before = json!({"stages": [{"number": 1}]});
        let after = json!({"stages": [{"number": 1}, {"number": 2, "reasons": ""}]});
        let mut out = Vec::new();
        diff(&before, &after, "", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].field, "stages[2].number");
    }
}
