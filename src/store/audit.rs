//! The audit trail: every change to a case, append-only, with who made it,
//! when, and each field's value before and after.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde_json::Value;

use super::{Actor, Store, StoreError};
use crate::case::Case;

/// One field that changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// Where in the case, such as `stages[1].acknowledged_on` (1-based).
    pub field: String,
    /// The value before (null when there was none).
    pub before: Value,
    /// The value after (null when removed).
    pub after: Value,
}

impl Change {
    /// The value before, as people read it.
    pub fn before_text(&self) -> String {
        value_text(&self.before)
    }

    /// The value after, as people read it.
    pub fn after_text(&self) -> String {
        value_text(&self.after)
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One change to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// The stable action name, such as `acknowledge`.
    pub action: String,
    /// A sentence saying what was done.
    pub summary: String,
    /// The fields that changed.
    pub changes: Vec<Change>,
}

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

/// The changes between two states of a case (`None` before: a new case).
pub(super) fn changes(before: Option<&Case>, after: &Case) -> Result<Vec<Change>, StoreError> {
    let to_json =
        |case: &Case| serde_json::to_value(case).map_err(|e| StoreError::Corrupt(e.to_string()));
    let before = before.map(to_json).transpose()?.unwrap_or(Value::Null);
    let mut out = Vec::new();
    diff(&before, &to_json(after)?, "", &mut out);
    Ok(out)
}

/// Appends an audit entry for a change to a case.
pub(super) fn record(
    tx: &Transaction<'_>,
    actor: &Actor,
    before: Option<&Case>,
    after: &Case,
    action: &str,
    summary: &str,
) -> Result<(), StoreError> {
    let changes = changes(before, after)?;
    let changes =
        serde_json::to_string(&changes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO audit (case_id, at, actor, action, summary, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            after.id.to_string(),
            actor.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            actor.name.trim(),
            action,
            summary,
            changes
        ],
    )?;
    Ok(())
}

impl Store {
    /// The audit trail of a case, oldest first.
    pub fn history(&self, reference: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let case = self.case(reference)?;
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, action, summary, changes FROM audit WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([case.id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(at, actor, action, summary, changes)| {
                Ok(AuditEntry {
                    at: DateTime::parse_from_rfc3339(&at)
                        .map_err(|_| StoreError::Corrupt(format!("audit time '{at}'")))?
                        .with_timezone(&Utc),
                    actor,
                    action,
                    summary,
                    changes: serde_json::from_str(&changes)
                        .map_err(|_| StoreError::Corrupt("audit changes".to_owned()))?,
                })
            })
            .collect()
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
