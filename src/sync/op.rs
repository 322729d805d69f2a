//! What travels between laptops: operations, each with its own id (so none
//! is applied twice), the clock reading that puts it in order, and the
//! device that made it. Rows of the store's tables travel as JSON objects
//! of their columns (a blob as base64), as the complete export writes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::case::{Case, CaseCommand, CaseId};

/// One operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// Its id: a case event's own id, else a UUIDv7.
    pub id: String,
    /// Its hybrid logical clock reading (as `Hlc`'s text).
    pub hlc: String,
    /// The device that made it.
    pub device: String,
    /// What it does.
    #[serde(flatten)]
    pub body: OpBody,
}

/// A row of one of the store's tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// The table.
    pub table: String,
    /// Its columns.
    pub row: Map<String, Value>,
}

/// What an operation does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum OpBody {
    /// A case as the laptop that recorded it first shared it, with its
    /// events and case file so far (officers and areas by name).
    CaseShared {
        /// The case.
        case: Box<Case>,
        /// Its events and case file rows.
        rows: Vec<TableRow>,
    },
    /// A later change to a shared case: its event (the first row), the
    /// step to take again if it was one, and any case file rows it added.
    CaseStep {
        /// The case.
        case_id: CaseId,
        /// The step, when the change was one of the procedure's.
        step: Option<StepRecord>,
        /// The complainant's record the case moved to (a merge).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<String>,
        /// The event, then any case file rows.
        rows: Vec<TableRow>,
    },
    /// The rules a step was taken under, once per hash.
    Rules {
        /// Its hash (the key steps name).
        hash: String,
        /// The rules.
        rules: RulesBody,
    },
    /// A complainant's record as it stands: the newest reading wins.
    Person {
        /// The person's UUID.
        uid: String,
        /// The `people` row (`merged_into` as the other person's UUID).
        row: Map<String, Value>,
        /// Their restrictions, whole.
        restrictions: Vec<Map<String, Value>>,
        /// Their log's entries so far.
        events: Vec<Map<String, Value>>,
    },
    /// An officer, service area or category by name: the newest wins.
    Reference {
        /// `officers`, `service_areas` or `categories`.
        table: String,
        /// Its name.
        name: String,
        /// Its details (an officer's service area by name).
        row: Map<String, Value>,
    },
    /// One of the council's shared settings: the newest wins.
    Setting {
        /// The key.
        key: String,
        /// Its value (`None`: removed).
        value: Option<String>,
    },
    /// A template version or the letterhead logo.
    Row {
        /// The row.
        row: TableRow,
    },
    /// Someone resolved a conflict.
    Resolved {
        /// The conflict's operation.
        conflict: String,
        /// Who.
        by: String,
        /// When (RFC 3339).
        at: String,
        /// What they decided.
        resolution: String,
    },
}

impl OpBody {
    /// The kind, as `sync_ops` keeps it.
    pub fn kind(&self) -> &'static str {
        match self {
            OpBody::CaseShared { .. } => "case-shared",
            OpBody::CaseStep { .. } => "case-step",
            OpBody::Rules { .. } => "rules",
            OpBody::Person { .. } => "person",
            OpBody::Reference { .. } => "reference",
            OpBody::Setting { .. } => "setting",
            OpBody::Row { .. } => "row",
            OpBody::Resolved { .. } => "resolved",
        }
    }

    /// What it is about: the key whose newest operation wins, or the case
    /// whose operations are taken together.
    pub fn subject(&self) -> String {
        match self {
            OpBody::CaseShared { case, .. } => case.id.to_string(),
            OpBody::CaseStep { case_id, .. } => case_id.to_string(),
            OpBody::Rules { hash, .. } => hash.clone(),
            OpBody::Person { uid, .. } => uid.clone(),
            OpBody::Reference { table, name, .. } => format!("{table}:{name}"),
            OpBody::Setting { key, .. } => key.clone(),
            OpBody::Row { row } => format!("{}:{}", row.table, row_key(row)),
            OpBody::Resolved { conflict, .. } => conflict.clone(),
        }
    }
}

/// A template's or logo's key within its table.
fn row_key(row: &TableRow) -> String {
    ["name", "language", "version", "id"]
        .iter()
        .filter_map(|column| row.row.get(*column))
        .map(|value| match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(":")
}

/// A step as it was taken, to be taken again elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The step.
    pub command: CaseCommand,
    /// The day it was taken on, where the council is.
    pub today: NaiveDate,
    /// Taken as imported history rather than by a person.
    #[serde(default)]
    pub history: bool,
    /// The hash of the rules in force ([`RulesBody::hash`]).
    pub rules: String,
}

/// The rules a step was taken under: the council's calendar and procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesBody {
    /// Whose bank holidays.
    pub nation: String,
    /// The council's closure days.
    pub closures: Vec<NaiveDate>,
    /// The procedure, as TOML.
    pub policy: String,
}

impl RulesBody {
    /// The rules of a policy and calendar.
    pub fn of(policy: &crate::policy::Policy, calendar: &crate::calendar::Calendar) -> RulesBody {
        RulesBody {
            nation: calendar.nation().slug().to_owned(),
            closures: calendar.closures().collect(),
            policy: policy.to_toml(),
        }
    }

    /// Its hash: the SHA-256 of its JSON, as hex (so the same rules are
    /// kept once).
    pub fn hash(&self) -> String {
        use sha2::Digest;
        let json = serde_json::to_string(self).unwrap_or_default();
        hex::encode(sha2::Sha256::digest(json.as_bytes()))
    }

    /// The policy and calendar again (`None` if this build cannot read them).
    pub fn rules(&self) -> Option<(crate::policy::Policy, crate::calendar::Calendar)> {
        let nation = self.nation.parse().ok()?;
        let policy = crate::policy::Policy::from_toml(&self.policy).ok()?;
        Some((
            policy,
            crate::calendar::Calendar::with_closures(nation, self.closures.iter().copied()),
        ))
    }
}
