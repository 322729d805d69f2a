//! What the logs and the letter book hold, as read back: an entry of a
//! case's audit trail with the fields it changed, a letter as issued, an
//! entry of a person's trail. Plain records the store fills and the case
//! bundle, subject access and the front ends read.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

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

/// A letter as issued and kept with its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLetter {
    /// Its UUIDv7.
    pub id: String,
    /// The case's reference.
    pub reference: String,
    /// Which letter (its slug).
    pub kind: String,
    /// Its title.
    pub title: String,
    /// The template and version it came from.
    pub template: String,
    /// The template's version (0: the default).
    pub template_version: u32,
    /// The date it went out.
    pub issued_on: NaiveDate,
    /// When it was recorded.
    pub issued_at: DateTime<Utc>,
    /// Who issued it.
    pub issued_by: String,
    /// Whether its wording was adjusted for this letter.
    pub edited: bool,
    /// What it lacked when issued.
    pub missing: Vec<String>,
    /// Why it went out all the same.
    pub reason: String,
    /// The SHA-256 of its PDF, in hex.
    pub sha256: String,
}

/// One entry of a person's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// `created`, `updated`, `merged`, `restricted`, `reviewed`.
    pub kind: String,
    /// What happened, in a sentence.
    pub summary: String,
}
