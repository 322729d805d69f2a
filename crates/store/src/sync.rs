//! Sync in the store: this laptop's set-up, what it shares (its own changes
//! since it last shared, as operations), and what it takes in from the
//! other laptops' batches: settings, reference data, templates and people
//! (the newest reading of each wins), and cases, each rebuilt from all of
//! its operations in clock order through the rules (`sync::replay`), with
//! the steps the rules refused listed as conflicts. One sync is one write
//! transaction: nothing a person does lands between sharing and taking in.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};

use super::events::{device_id, next_hlc};
use super::{Actor, Store, StoreError};
use redress::case::{Case, CaseCommand, CaseEvent, OfficerRef};
use redress::hlc::Hlc;
use redress::people::PersonId;
use redress::sync::{CaseChange, CaseOp, Op, OpBody, RulesBody, StepRecord, TableRow};
use redress_sync::{Batch, BatchProblem, DeviceManifest, Folder, Key};

/// The council's settings every laptop shares; the rest (the user, the
/// reference prefix, reminders' hours, training) belong to one laptop.
pub const SHARED_SETTINGS: [&str; 16] = [
    "council_name",
    "council_address",
    "council_phone",
    "council_email",
    "council_website",
    "nation",
    "country",
    "closures",
    "policy",
    "repeat_window_months",
    "bilingual_letters",
    "retention_years",
    "outcome_word_upheld",
    "outcome_word_partly_upheld",
    "outcome_word_not_upheld",
    "document_limit_mb",
];

/// The case file's tables, whose rows travel with their case's events.
const CASE_FILE_TABLES: [&str; 4] = ["letters", "documents", "case_notes", "case_contacts"];

/// At most this many operations in one batch file.
const BATCH_OPS: usize = 500;

/// This laptop's sync set-up.
#[derive(Debug, Clone)]
pub struct SyncSetup {
    /// The shared folder, as this laptop reaches it.
    pub folder: PathBuf,
    /// The workspace's id.
    pub workspace: String,
    /// The council's key.
    pub key: Key,
    /// The prefix of the laptop that made the workspace.
    pub base_prefix: String,
}

impl SyncSetup {
    /// The shared folder as this set-up uses it.
    pub fn folder(&self) -> Folder {
        Folder::new(&self.folder, self.key.clone(), &self.workspace)
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    /// Operations this laptop shared.
    pub sent: usize,
    /// Operations taken in from other laptops.
    pub received: usize,
    /// Cases rebuilt from what came in.
    pub cases_changed: usize,
    /// Batches left for next time, and why.
    pub problems: Vec<BatchProblem>,
    /// Copies sync clients made that were not needed.
    pub copies: usize,
}

/// Another laptop, as this one knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncDevice {
    /// Its id.
    pub device: String,
    /// Its name.
    pub name: String,
    /// Its reference prefix.
    pub prefix: String,
    /// How many of its batches have been read.
    pub read_to: u64,
}

/// Sync on this laptop.
#[derive(Debug, Clone)]
pub struct SyncStatus {
    /// The set-up, if sync is set up.
    pub setup: Option<SyncSetup>,
    /// This laptop's id.
    pub device: String,
    /// Its reference prefix.
    pub prefix: String,
    /// When it last synced without a problem (RFC 3339).
    pub last_synced_at: Option<String>,
    /// What went wrong the last time, if it did.
    pub last_problem: Option<String>,
    /// Changes made here not shared yet.
    pub waiting: u64,
    /// Conflicts nobody has resolved.
    pub open_conflicts: u64,
    /// The other laptops.
    pub devices: Vec<SyncDevice>,
}

/// A step the rules refused when the laptops' work was put in one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The refused operation.
    pub op: String,
    /// The case's reference.
    pub reference: String,
    /// The laptop it was taken on (its name).
    pub device: String,
    /// Who took it.
    pub actor: String,
    /// What they did.
    pub what: String,
    /// Why the rules refused it.
    pub why: String,
    /// When it was taken (RFC 3339).
    pub at: String,
    /// Who resolved it, when and how, once someone has.
    pub resolved: Option<(String, String, String)>,
}

fn corrupt(what: &str) -> impl FnOnce(serde_json::Error) -> StoreError + '_ {
    move |err| StoreError::Corrupt(format!("{what}: {err}"))
}

fn state(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn set_state(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    super::execute_cached(
        conn,
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn mark(conn: &Connection, key: &str) -> Result<i64, StoreError> {
    Ok(state(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn read_setup(conn: &Connection) -> Result<Option<SyncSetup>, StoreError> {
    let (Some(folder), Some(workspace), Some(key)) = (
        state(conn, "folder")?,
        state(conn, "workspace")?,
        state(conn, "key")?,
    ) else {
        return Ok(None);
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| StoreError::Corrupt("the sync key".to_owned()))?;
    Ok(Some(SyncSetup {
        folder: PathBuf::from(folder),
        workspace,
        key: Key::from_bytes(bytes),
        base_prefix: state(conn, "base_prefix")?.unwrap_or_default(),
    }))
}

// ---- rows as JSON --------------------------------------------------------

fn known_columns(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The rows of `table` that `filter` (SQL after WHERE, `?1` bound) picks,
/// each a JSON object of its columns but those in `skip`.
fn rows_where(
    conn: &Connection,
    table: &str,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
    skip: &[&str],
) -> Result<Vec<Map<String, Value>>, StoreError> {
    let columns = known_columns(conn, table)?;
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE {filter}"))?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut map = Map::new();
        for (i, column) in columns.iter().enumerate() {
            if !skip.contains(&column.as_str()) {
                map.insert(column.clone(), super::dump::to_json(row.get_ref(i)?));
            }
        }
        out.push(map);
    }
    Ok(out)
}

/// Writes a row given as JSON into `table` (`verb`: `INSERT OR IGNORE`, or
/// `INSERT OR REPLACE`); only the table's own columns are taken.
fn write_row(
    tx: &Connection,
    verb: &str,
    table: &str,
    row: &Map<String, Value>,
    extra: &[(&str, rusqlite::types::Value)],
) -> Result<usize, StoreError> {
    let known = known_columns(tx, table)?;
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (name, value) in row {
        if known.contains(name) && !extra.iter().any(|(n, _)| n == name) {
            names.push(name.clone());
            values.push(
                super::dump::from_json(value)
                    .map_err(|_| StoreError::Corrupt(format!("a synced {table} row")))?,
            );
        }
    }
    for (name, value) in extra {
        names.push((*name).to_owned());
        values.push(value.clone());
    }
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "{verb} INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    Ok(tx
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?)
}

fn text_of(row: &Map<String, Value>, column: &str) -> String {
    row.get(column)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

// ---- sharing ----------------------------------------------------------------

/// Fresh clock readings for the operations made now.
struct Readings {
    last: Hlc,
}

impl Readings {
    fn next(&mut self) -> String {
        let next = Hlc::next(Some(&self.last), self.last.millis, &self.last.device);
        self.last = next.clone();
        next.to_string()
    }
}

struct Outgoing<'a> {
    tx: &'a Transaction<'a>,
    me: String,
    readings: Readings,
    ops: Vec<Op>,
    people: BTreeSet<String>,
    rules: BTreeSet<String>,
    blobs: BTreeSet<String>,
}

impl Outgoing<'_> {
    fn push(&mut self, id: String, hlc: String, body: OpBody) {
        self.ops.push(Op {
            id,
            hlc,
            device: self.me.clone(),
            body,
        });
    }

    fn fresh(&mut self, body: OpBody) {
        let hlc = self.readings.next();
        let id = op_id(&hlc);
        self.push(id, hlc, body);
    }

    fn setting(&mut self, key: &str) -> Result<(), StoreError> {
        if !SHARED_SETTINGS.contains(&key) {
            return Ok(());
        }
        let value: Option<String> = self
            .tx
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        self.fresh(OpBody::Setting {
            key: key.to_owned(),
            value,
        });
        Ok(())
    }

    fn reference(&mut self, table: &str, name: &str) -> Result<(), StoreError> {
        let Some(mut row) = rows_where(self.tx, table, "name = ?1", &name, &["id", "uid"])?
            .into_iter()
            .next()
        else {
            return Ok(());
        };
        if table == "officers" {
            let area: Option<String> = match row.remove("service_area_id") {
                Some(Value::Number(id)) => self
                    .tx
                    .prepare_cached("SELECT name FROM service_areas WHERE id = ?1")?
                    .query_row([id.as_i64()], |r| r.get(0))
                    .optional()?,
                _ => None,
            };
            row.insert(
                "service_area".to_owned(),
                area.map_or(Value::Null, Value::String),
            );
        }
        self.fresh(OpBody::Reference {
            table: table.to_owned(),
            name: name.to_owned(),
            row,
        });
        Ok(())
    }

    fn person(&mut self, uid: &str) -> Result<(), StoreError> {
        let Some(mut row) = rows_where(self.tx, "people", "uid = ?1", &uid, &["id"])?
            .into_iter()
            .next()
        else {
            return Ok(());
        };
        if let Some(Value::Number(into)) = row.get("merged_into").cloned() {
            let into: Option<String> = self
                .tx
                .prepare_cached("SELECT uid FROM people WHERE id = ?1")?
                .query_row([into.as_i64()], |r| r.get(0))
                .optional()?;
            row.insert(
                "merged_into".to_owned(),
                into.map_or(Value::Null, Value::String),
            );
        }
        let rowid: i64 = self
            .tx
            .prepare_cached("SELECT id FROM people WHERE uid = ?1")?
            .query_row([uid], |r| r.get(0))?;
        let restrictions = rows_where(
            self.tx,
            "restrictions",
            "person_id = ?1",
            &rowid,
            &["person_id"],
        )?;
        let events = rows_where(self.tx, "person_events", "person_id = ?1", &uid, &["seq"])?;
        self.fresh(OpBody::Person {
            uid: uid.to_owned(),
            row,
            restrictions,
            events,
        });
        Ok(())
    }

    /// The case file row an event added, if any.
    fn file_row(&mut self, event: &CaseEvent) -> Result<Option<TableRow>, StoreError> {
        let (table, id) = match event {
            CaseEvent::LetterIssued { letter, .. } => ("letters", letter),
            CaseEvent::DocumentAdded { document, .. } => ("documents", document),
            CaseEvent::NoteAdded { note, .. } => ("case_notes", note),
            CaseEvent::ContactRecorded { contact, .. } => ("case_contacts", contact),
            _ => return Ok(None),
        };
        let row = rows_where(self.tx, table, "id = ?1", id, &[])?
            .into_iter()
            .next();
        if table == "documents" {
            if let Some(row) = &row {
                self.blobs.insert(text_of(row, "sha256"));
            }
        }
        Ok(row.map(|row| TableRow {
            table: table.to_owned(),
            row,
        }))
    }

    fn shared_case(&mut self, case: Case) -> Result<(), StoreError> {
        let id = case.id.to_string();
        let mut rows = Vec::new();
        let mut hlc = String::new();
        for row in rows_where(
            self.tx,
            "events",
            "case_id = ?1 ORDER BY seq",
            &id,
            &["seq", "step"],
        )? {
            hlc = hlc.max(text_of(&row, "hlc"));
            rows.push(TableRow {
                table: "events".to_owned(),
                row,
            });
        }
        for table in CASE_FILE_TABLES {
            for row in rows_where(self.tx, table, "case_id = ?1", &id, &[])? {
                if table == "documents" {
                    self.blobs.insert(text_of(&row, "sha256"));
                }
                rows.push(TableRow {
                    table: table.to_owned(),
                    row,
                });
            }
        }
        if hlc.is_empty() {
            hlc = self.readings.next();
        }
        self.people.insert(case.person.to_string());
        self.push(
            id,
            hlc,
            OpBody::CaseShared {
                case: Box::new(case),
                rows,
            },
        );
        Ok(())
    }

    fn case_step(
        &mut self,
        case_id: redress::case::CaseId,
        row: Map<String, Value>,
        step: Option<String>,
    ) -> Result<(), StoreError> {
        let event: CaseEvent =
            serde_json::from_str(&text_of(&row, "body")).map_err(corrupt("an event"))?;
        let step: Option<StepRecord> = step
            .map(|s| serde_json::from_str(&s).map_err(corrupt("a step")))
            .transpose()?;
        if let Some(step) = &step {
            self.rules.insert(step.rules.clone());
        }
        let person = match &event {
            CaseEvent::PersonMerged { into, .. } => {
                self.people.insert(into.to_string());
                Some(into.to_string())
            }
            _ => None,
        };
        let mut rows = vec![];
        let file = self.file_row(&event)?;
        let id = text_of(&row, "id");
        let hlc = text_of(&row, "hlc");
        rows.push(TableRow {
            table: "events".to_owned(),
            row,
        });
        rows.extend(file);
        self.push(
            id,
            hlc,
            OpBody::CaseStep {
                case_id,
                step,
                person,
                rows,
            },
        );
        Ok(())
    }
}

/// A UUIDv7 for an operation made at this clock reading.
fn op_id(hlc: &str) -> String {
    let millis = Hlc::parse(hlc).map(|h| h.millis).unwrap_or(0);
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(millis).unwrap_or_default();
    super::events::uuid_v7_at(at).to_string()
}

fn already_shared(tx: &Connection, kind: &str, subject: &str) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM sync_ops WHERE kind = ?1 AND subject = ?2 LIMIT 1")?
        .query_row([kind, subject], |_| Ok(()))
        .optional()?
        .is_some())
}

/// This laptop's changes since it last shared, as operations.
fn outgoing(tx: &Transaction<'_>, actor: &Actor) -> Result<Vec<Op>, StoreError> {
    let me = device_id(tx, actor.now)?;
    let first = state(tx, "shared_once")?.is_none();
    let mut out = Outgoing {
        tx,
        me: me.clone(),
        readings: Readings {
            last: next_hlc(tx, actor.now)?,
        },
        ops: Vec::new(),
        people: BTreeSet::new(),
        rules: BTreeSet::new(),
        blobs: BTreeSet::new(),
    };
    let admin_mark = mark(tx, "admin_seq")?;
    let mut settings = BTreeSet::new();
    let mut references = BTreeSet::new();
    let mut templates = false;
    if first {
        settings.extend(SHARED_SETTINGS.iter().map(|k| (*k).to_owned()));
        for table in ["service_areas", "categories", "officers"] {
            let names: Vec<String> = tx
                .prepare(&format!("SELECT name FROM {table} ORDER BY id"))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            references.extend(names.into_iter().map(|n| (table, n)));
        }
        templates = true;
        let people: Vec<String> = tx
            .prepare("SELECT uid FROM people ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.people.extend(people);
    } else {
        let changes: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT subject, key FROM admin_changes WHERE seq > ?1 AND from_sync IS NULL ORDER BY seq",
            )?
            .query_map([admin_mark], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        for (subject, key) in changes {
            match subject.as_str() {
                "settings" => {
                    settings.insert(key);
                }
                "officer" => {
                    references.insert(("officers", key));
                }
                "service area" => {
                    references.insert(("service_areas", key));
                }
                "category" => {
                    references.insert(("categories", key));
                }
                "letter template" | "letterhead logo" => templates = true,
                _ => {}
            }
        }
        let people: Vec<String> = tx
            .prepare_cached(
                "SELECT DISTINCT person_id FROM person_events WHERE seq > ?1 AND device = ?2",
            )?
            .query_map(params![mark(tx, "person_seq")?, me], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.people.extend(people);
    }
    for key in &settings {
        out.setting(key)?;
    }
    // Areas before the officers who work in them.
    for (table, name) in &references {
        out.reference(table, name)?;
    }
    if templates {
        for row in rows_where(tx, "letter_templates", "1 = ?1", &1, &[])? {
            let row = TableRow {
                table: "letter_templates".to_owned(),
                row,
            };
            let subject = OpBody::Row { row: row.clone() }.subject();
            if !already_shared(tx, "row", &subject)? {
                out.fresh(OpBody::Row { row });
            }
        }
        for row in rows_where(tx, "letterhead_logo", "1 = ?1", &1, &[])? {
            out.fresh(OpBody::Row {
                row: TableRow {
                    table: "letterhead_logo".to_owned(),
                    row,
                },
            });
        }
    }

    // Cases: one never shared goes whole; a shared one, event by event.
    let events_mark = mark(tx, "events_seq")?;
    let rows: Vec<(String, Option<String>, i64)> = tx
        .prepare_cached(
            "SELECT case_id, step, seq FROM events WHERE seq > ?1 AND (device = ?2 OR ?3) ORDER BY seq",
        )?
        .query_map(params![events_mark, me, first], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    let mut whole = BTreeSet::new();
    for (case_id, step, seq) in rows {
        if whole.contains(&case_id) {
            continue;
        }
        let id: redress::case::CaseId = redress::case::CaseId(
            case_id
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("case id '{case_id}'")))?,
        );
        if !already_shared(tx, "case-shared", &case_id)? {
            let reference: Option<String> = tx
                .prepare_cached("SELECT reference FROM cases WHERE id = ?1")?
                .query_row([&case_id], |r| r.get(0))
                .optional()?;
            if let Some(reference) = reference {
                let case = super::case_rows::load_case(tx, &reference)?;
                out.shared_case(case)?;
            }
            whole.insert(case_id);
            continue;
        }
        let row = rows_where(tx, "events", "seq = ?1", &seq, &["seq", "step"])?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("an event".to_owned()))?;
        out.case_step(id, row, step)?;
    }
    for uid in std::mem::take(&mut out.people) {
        out.person(&uid)?;
    }
    for hash in std::mem::take(&mut out.rules) {
        if already_shared(tx, "rules", &hash)? {
            continue;
        }
        let body: Option<String> = tx
            .prepare_cached("SELECT body FROM rule_contexts WHERE hash = ?1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?;
        if let Some(body) = body {
            let rules: RulesBody = serde_json::from_str(&body).map_err(corrupt("rules"))?;
            out.fresh(OpBody::Rules { hash, rules });
        }
    }
    let blobs = std::mem::take(&mut out.blobs);
    let mut ops = out.ops;
    // Blobs are named in the ops that need them; the caller writes them.
    if !blobs.is_empty() {
        ops.push(Op {
            id: String::new(),
            hlc: String::new(),
            device: me,
            body: OpBody::Setting {
                key: BLOBS.to_owned(),
                value: Some(blobs.into_iter().collect::<Vec<_>>().join(" ")),
            },
        });
    }
    Ok(ops)
}

/// The pseudo-operation `outgoing` ends with to name the blobs to copy.
const BLOBS: &str = "\u{0}blobs";

fn log_ends(tx: &Connection) -> Result<[(&'static str, i64); 3], StoreError> {
    let end = |sql: &str| -> Result<i64, StoreError> {
        Ok(tx.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
    };
    Ok([
        (
            "events_seq",
            end("SELECT COALESCE(MAX(seq), 0) FROM events")?,
        ),
        (
            "person_seq",
            end("SELECT COALESCE(MAX(seq), 0) FROM person_events")?,
        ),
        (
            "admin_seq",
            end("SELECT COALESCE(MAX(seq), 0) FROM admin_changes")?,
        ),
    ])
}

/// Shares this laptop's changes: the batches written to the folder and
/// the operations kept as shared. Returns how many operations went.
fn share(
    tx: &Transaction<'_>,
    folder: &Folder,
    workspace: &str,
    actor: &Actor,
) -> Result<usize, StoreError> {
    let mut ops = outgoing(tx, actor)?;
    let me = device_id(tx, actor.now)?;
    let blobs: Vec<String> = match ops.last() {
        Some(Op {
            body: OpBody::Setting { key, value },
            ..
        }) if key == BLOBS => {
            let list = value.clone().unwrap_or_default();
            ops.pop();
            list.split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        }
        _ => Vec::new(),
    };
    if !blobs.is_empty() {
        let contents = super::contents::Contents::beside(&tx_path(tx)?);
        for sha256 in &blobs {
            let bytes = contents.get(sha256, sha256)?;
            folder.write_blob(sha256, &bytes)?;
        }
    }
    // Resolutions recorded since the last batch go with this one.
    let pending: Vec<String> = tx
        .prepare_cached(
            "SELECT body FROM sync_ops WHERE device = ?1 AND batch IS NULL ORDER BY hlc",
        )?
        .query_map([&me], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for body in pending {
        ops.push(serde_json::from_str(&body).map_err(corrupt("an operation"))?);
    }
    let mut seq = u64::try_from(mark(tx, "batch")?).unwrap_or(0);
    seq = seq.max(folder.last_batch(&me)?);
    let sent = ops.len();
    for chunk in ops.chunks(BATCH_OPS) {
        seq += 1;
        for op in chunk {
            record_op(tx, op, Some(seq))?;
            super::execute_cached(
                tx,
                "UPDATE sync_ops SET batch = ?2 WHERE id = ?1 AND batch IS NULL",
                params![op.id, seq as i64],
            )?;
        }
        folder.write_batch(&Batch {
            workspace: workspace.to_owned(),
            device: me.clone(),
            seq,
            ops: chunk.to_vec(),
        })?;
    }
    set_state(tx, "batch", &seq.to_string())?;
    set_state(tx, "shared_once", "yes")?;
    for (key, end) in log_ends(tx)? {
        set_state(tx, key, &end.to_string())?;
    }
    Ok(sent)
}

fn tx_path(tx: &Connection) -> Result<PathBuf, StoreError> {
    tx.path()
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .ok_or(StoreError::NoDocumentFolder)
}

/// Keeps an operation as shared or received; false if it was there.
fn record_op(tx: &Connection, op: &Op, batch: Option<u64>) -> Result<bool, StoreError> {
    let body = serde_json::to_string(op).map_err(corrupt("an operation"))?;
    let added = super::execute_cached(
        tx,
        "INSERT OR IGNORE INTO sync_ops (id, hlc, device, kind, subject, body, batch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            op.id,
            op.hlc,
            op.device,
            op.body.kind(),
            op.body.subject(),
            body,
            batch.map(|b| b as i64)
        ],
    )?;
    Ok(added > 0)
}

// ---- taking in --------------------------------------------------------------

/// Whether `op` is the newest of its kind about its subject.
fn is_newest(tx: &Connection, op: &Op) -> Result<bool, StoreError> {
    let newest: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM sync_ops WHERE kind = ?1 AND subject = ?2 ORDER BY hlc DESC, id DESC LIMIT 1",
        )?
        .query_row(params![op.body.kind(), op.body.subject()], |r| r.get(0))
        .optional()?;
    Ok(newest.as_deref() == Some(op.id.as_str()))
}

fn named_id(
    tx: &Transaction<'_>,
    table: &str,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, StoreError> {
    Ok(
        super::reference_data::find_or_add_named(tx, table, name, now)?
            .0
            .id,
    )
}

fn officer_id(
    tx: &Transaction<'_>,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OfficerRef, StoreError> {
    if let Some(officer) = super::reference_data::officer_by_name(tx, name)? {
        return Ok(officer.as_ref());
    }
    let officer = super::reference_data::insert_officer(
        tx,
        &super::NewOfficer {
            name: name.to_owned(),
            ..super::NewOfficer::default()
        },
        now,
    )?;
    Ok(officer.as_ref())
}

fn apply_setting(tx: &Transaction<'_>, key: &str, value: Option<&str>) -> Result<(), StoreError> {
    if !SHARED_SETTINGS.contains(&key) {
        return Ok(());
    }
    match value {
        Some(value) => super::execute_cached(
            tx,
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?,
        None => super::execute_cached(tx, "DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}

fn apply_reference(
    tx: &Transaction<'_>,
    table: &str,
    name: &str,
    row: &Map<String, Value>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    match table {
        "service_areas" | "categories" => {
            let id = named_id(tx, table, name, now)?;
            if table == "service_areas" {
                super::execute_cached(
                    tx,
                    "UPDATE service_areas SET ombudsman = ?2 WHERE id = ?1",
                    params![id, row.get("ombudsman").and_then(Value::as_str)],
                )?;
            }
        }
        "officers" => {
            let officer = officer_id(tx, name, now)?;
            let area = row
                .get("service_area")
                .and_then(Value::as_str)
                .map(|a| named_id(tx, "service_areas", a, now))
                .transpose()?;
            super::execute_cached(
                tx,
                "UPDATE officers SET job_title = ?2, email = ?3, phone = ?4, roles = ?5,
                    retired_on = ?6, service_area_id = ?7 WHERE id = ?1",
                params![
                    officer.id,
                    text_of(row, "job_title"),
                    text_of(row, "email"),
                    text_of(row, "phone"),
                    text_of(row, "roles"),
                    row.get("retired_on").and_then(Value::as_str),
                    area
                ],
            )?;
        }
        _ => {}
    }
    Ok(())
}

fn apply_person(
    tx: &Transaction<'_>,
    uid: &str,
    row: &Map<String, Value>,
    restrictions: &[Map<String, Value>],
    events: &[Map<String, Value>],
) -> Result<(), StoreError> {
    let merged_into = match row.get("merged_into").and_then(Value::as_str) {
        Some(into) => tx
            .prepare_cached("SELECT id FROM people WHERE uid = ?1")?
            .query_row([into], |r| r.get::<_, i64>(0))
            .optional()?,
        None => None,
    };
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM people WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?;
    let mut row = row.clone();
    row.remove("merged_into");
    row.remove("id");
    let rowid = match existing {
        Some(rowid) => {
            let extra = [
                ("id", rusqlite::types::Value::Integer(rowid)),
                (
                    "merged_into",
                    merged_into.map_or(
                        rusqlite::types::Value::Null,
                        rusqlite::types::Value::Integer,
                    ),
                ),
            ];
            // REPLACE would delete the row its cases refer to: update instead.
            let known = known_columns(tx, "people")?;
            for (name, value) in &row {
                if known.contains(name) && name != "uid" {
                    let value = super::dump::from_json(value)
                        .map_err(|_| StoreError::Corrupt("a synced person".to_owned()))?;
                    tx.prepare_cached(&format!("UPDATE people SET {name} = ?2 WHERE id = ?1"))?
                        .execute(params![rowid, value])?;
                }
            }
            tx.prepare_cached("UPDATE people SET merged_into = ?2 WHERE id = ?1")?
                .execute(params![rowid, extra[1].1])?;
            rowid
        }
        None => {
            write_row(
                tx,
                "INSERT",
                "people",
                &row,
                &[(
                    "merged_into",
                    merged_into.map_or(
                        rusqlite::types::Value::Null,
                        rusqlite::types::Value::Integer,
                    ),
                )],
            )?;
            tx.last_insert_rowid()
        }
    };
    super::execute_cached(tx, "DELETE FROM restrictions WHERE person_id = ?1", [rowid])?;
    for restriction in restrictions {
        write_row(
            tx,
            "INSERT",
            "restrictions",
            restriction,
            &[("person_id", rusqlite::types::Value::Integer(rowid))],
        )?;
    }
    for event in events {
        write_row(tx, "INSERT OR IGNORE", "person_events", event, &[])?;
    }
    super::people::reindex_cases(tx, rowid)?;
    Ok(())
}

/// A case's officers, areas and category named as this laptop's records
/// (any it lacks are added).
fn resolve_case(
    tx: &Transaction<'_>,
    case: &mut Case,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    case.service_area.id = named_id(tx, "service_areas", &case.service_area.name, now)?;
    if let Some(category) = &mut case.category {
        category.id = named_id(tx, "categories", &category.name, now)?;
    }
    if let Some(officer) = &mut case.officer {
        *officer = officer_id(tx, &officer.name, now)?;
    }
    for stage in &mut case.stages {
        if let Some(handler) = &mut stage.handler {
            *handler = officer_id(tx, &handler.name, now)?;
        }
    }
    Ok(())
}

fn resolve_command(
    tx: &Transaction<'_>,
    command: &mut CaseCommand,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    match command {
        CaseCommand::Allocate { officer } => *officer = officer_id(tx, &officer.name, now)?,
        CaseCommand::Escalate {
            reviewer: Some(reviewer),
            ..
        } => *reviewer = officer_id(tx, &reviewer.name, now)?,
        _ => {}
    }
    Ok(())
}

/// Makes sure the case's complainant has a record here (their own
/// operation normally comes first).
fn ensure_person(tx: &Transaction<'_>, case: &Case) -> Result<(), StoreError> {
    match super::case_rows::rowid_of(tx, case.person) {
        Ok(_) => Ok(()),
        Err(StoreError::PersonNotFound(_)) => {
            let c = &case.complainant;
            super::execute_cached(
                tx,
                "INSERT INTO people (uid, name, address, postcode, email, phone, anonymous, vulnerability, adjustments)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    case.person.to_string(),
                    c.name,
                    c.address,
                    c.postcode,
                    c.email,
                    c.phone,
                    c.anonymous,
                    c.vulnerability,
                    c.adjustments
                ],
            )?;
            Ok(())
        }
        Err(other) => Err(other),
    }
}

/// Rebuilds one case from all of its operations; says whether it was
/// rebuilt (not when its first sharing has not arrived).
fn rebuild_case(
    tx: &Transaction<'_>,
    case_id: &str,
    rules: &mut HashMap<String, Option<(redress::policy::Policy, redress::calendar::Calendar)>>,
    contents: Option<&super::contents::Contents>,
    folder: &Folder,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, StoreError> {
    let bodies: Vec<String> = tx
        .prepare_cached(
            "SELECT body FROM sync_ops WHERE kind IN ('case-shared', 'case-step') AND subject = ?1",
        )?
        .query_map([case_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut ops: Vec<Op> = bodies
        .iter()
        .map(|b| serde_json::from_str(b).map_err(corrupt("an operation")))
        .collect::<Result<_, _>>()?;
    for op in &mut ops {
        match &mut op.body {
            OpBody::CaseShared { case, .. } => resolve_case(tx, case, now)?,
            OpBody::CaseStep {
                step: Some(step), ..
            } => {
                resolve_command(tx, &mut step.command, now)?;
                if !rules.contains_key(&step.rules) {
                    let body: Option<String> = tx
                        .prepare_cached(
                            "SELECT body FROM sync_ops WHERE kind = 'rules' AND subject = ?1 LIMIT 1",
                        )?
                        .query_row([&step.rules], |r| r.get(0))
                        .optional()?;
                    let found = body
                        .and_then(|b| serde_json::from_str::<Op>(&b).ok())
                        .and_then(|op| match op.body {
                            OpBody::Rules { rules, .. } => rules.rules(),
                            _ => None,
                        });
                    rules.insert(step.rules.clone(), found);
                }
            }
            _ => {}
        }
    }
    let changes: Vec<CaseOp<'_>> = ops
        .iter()
        .map(|op| CaseOp {
            id: &op.id,
            hlc: &op.hlc,
            change: match &op.body {
                OpBody::CaseShared { case, .. } => CaseChange::Shared(case),
                OpBody::CaseStep {
                    step: Some(step), ..
                } => CaseChange::Step(step),
                OpBody::CaseStep {
                    person: Some(person),
                    ..
                } => person
                    .parse()
                    .map(|u| CaseChange::Person(PersonId(u)))
                    .unwrap_or(CaseChange::Fact),
                _ => CaseChange::Fact,
            },
        })
        .collect();
    let rules_ref = &*rules;
    let Some(replayed) = redress::sync::replay(&changes, &|hash: &str| {
        rules_ref
            .get(hash)
            .and_then(Option::as_ref)
            .map(|(policy, calendar)| (policy, calendar))
    }) else {
        return Ok(false);
    };
    // The case file's rows and the events first, so the search entry the
    // save writes finds them.
    for op in &ops {
        let (OpBody::CaseShared { rows, .. } | OpBody::CaseStep { rows, .. }) = &op.body else {
            continue;
        };
        for row in rows {
            if row.table != "events" && !CASE_FILE_TABLES.contains(&row.table.as_str()) {
                continue;
            }
            if row.table == "documents" {
                let sha256 = text_of(&row.row, "sha256");
                if let Some(contents) = contents {
                    if !contents.has(&sha256) {
                        if let Some(bytes) = folder.read_blob(&sha256) {
                            contents.put(&bytes)?;
                        }
                    }
                }
            }
            if row.table != "events" || !event_known(tx, &text_of(&row.row, "id"))? {
                write_row(tx, "INSERT OR IGNORE", &row.table, &row.row, &[])?;
            }
        }
    }
    // A document removed on any laptop goes here too (its bytes stay
    // until nothing names them, as on the laptop that removed it).
    for op in &ops {
        let OpBody::CaseStep { rows, .. } = &op.body else {
            continue;
        };
        let Some(event) = rows.first().filter(|r| r.table == "events") else {
            continue;
        };
        if text_of(&event.row, "kind") == "document-removed" {
            if let Ok(CaseEvent::DocumentRemoved { document, .. }) =
                serde_json::from_str(&text_of(&event.row, "body"))
            {
                super::execute_cached(tx, "DELETE FROM documents WHERE id = ?1", [&document])?;
            }
        }
    }
    ensure_person(tx, &replayed.case)?;
    super::case_rows::save_case(tx, &replayed.case)?;
    // Conflicts: the refusals of this order, kept once resolved.
    let refused: BTreeMap<&str, &str> = replayed
        .refused
        .iter()
        .map(|r| (r.op.as_str(), r.why.as_str()))
        .collect();
    let open: Vec<String> = tx
        .prepare_cached("SELECT op FROM sync_conflicts WHERE case_id = ?1 AND resolved_at IS NULL")?
        .query_map([case_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for op in open {
        if !refused.contains_key(op.as_str()) {
            super::execute_cached(tx, "DELETE FROM sync_conflicts WHERE op = ?1", [&op])?;
        }
    }
    for (op_id, why) in refused {
        let Some(op) = ops.iter().find(|o| o.id == op_id) else {
            continue;
        };
        let OpBody::CaseStep { rows, .. } = &op.body else {
            continue;
        };
        let event = rows.first().map(|r| &r.row);
        super::execute_cached(
            tx,
            "INSERT OR IGNORE INTO sync_conflicts (op, case_id, reference, hlc, device, actor, what, why)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                op.id,
                case_id,
                replayed.case.reference,
                op.hlc,
                op.device,
                event.map(|e| text_of(e, "actor")).unwrap_or_default(),
                event.map(|e| text_of(e, "summary")).unwrap_or_default(),
                why
            ],
        )?;
    }
    Ok(true)
}

fn event_known(tx: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM events WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The document hashes a batch needs that are neither here nor in the folder.
fn missing_blobs(
    batch: &Batch,
    contents: Option<&super::contents::Contents>,
    folder: &Folder,
) -> bool {
    batch.ops.iter().any(|op| {
        let (OpBody::CaseShared { rows, .. } | OpBody::CaseStep { rows, .. }) = &op.body else {
            return false;
        };
        rows.iter().filter(|r| r.table == "documents").any(|r| {
            let sha256 = text_of(&r.row, "sha256");
            !contents.is_some_and(|c| c.has(&sha256)) && folder.read_blob(&sha256).is_none()
        })
    })
}

/// Reads the other laptops' new batches and applies what they hold.
fn take_in(
    tx: &Transaction<'_>,
    folder: &Folder,
    actor: &Actor,
    report: &mut SyncReport,
) -> Result<(), StoreError> {
    let me = device_id(tx, actor.now)?;
    let contents = tx_path(tx)
        .ok()
        .map(|p| super::contents::Contents::beside(&p));
    let admin_mark = log_ends(tx)?[2].1;
    let mut fresh = Vec::new();
    for device in folder.devices()? {
        if device.device == me {
            continue;
        }
        super::execute_cached(
            tx,
            "INSERT INTO sync_devices (device, name, prefix) VALUES (?1, ?2, ?3)
             ON CONFLICT (device) DO UPDATE SET name = excluded.name, prefix = excluded.prefix",
            params![device.device, device.name, device.prefix],
        )?;
        let read_to: i64 = tx
            .prepare_cached("SELECT read_to FROM sync_devices WHERE device = ?1")?
            .query_row([&device.device], |r| r.get(0))?;
        let read = folder.read_batches(&device.device, u64::try_from(read_to).unwrap_or(0))?;
        report.copies += read.copies;
        report.problems.extend(read.problems);
        let mut upto = read.read_to;
        for batch in read.batches {
            if missing_blobs(&batch, contents.as_ref(), folder) {
                upto = upto.min(batch.seq.saturating_sub(1));
                report.problems.push(BatchProblem {
                    device: device.device.clone(),
                    seq: batch.seq,
                    file: format!("{:08}.batch", batch.seq),
                    why: redress_sync::BatchTrouble::Missing,
                });
                continue;
            }
            for op in batch.ops {
                if op.device == batch.device && record_op(tx, &op, None)? {
                    fresh.push(op);
                }
            }
        }
        super::execute_cached(
            tx,
            "UPDATE sync_devices SET read_to = MAX(read_to, ?2), seen_at = ?3 WHERE device = ?1",
            params![
                device.device,
                upto as i64,
                actor.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
        )?;
    }
    report.received = fresh.len();
    fresh.sort_by(|a, b| a.hlc.cmp(&b.hlc).then(a.id.cmp(&b.id)));
    let mut cases = BTreeSet::new();
    // Reference data and people before the cases that name them.
    for op in &fresh {
        if !matches!(
            op.body,
            OpBody::CaseShared { .. }
                | OpBody::CaseStep { .. }
                | OpBody::Resolved { .. }
                | OpBody::Rules { .. }
        ) && !is_newest(tx, op)?
        {
            continue;
        }
        match &op.body {
            OpBody::Setting { key, value } => apply_setting(tx, key, value.as_deref())?,
            OpBody::Reference { table, name, row } => {
                apply_reference(tx, table, name, row, actor.now)?
            }
            OpBody::Row { row } => match row.table.as_str() {
                "letter_templates" => {
                    write_row(tx, "INSERT OR IGNORE", "letter_templates", &row.row, &[])?;
                }
                "letterhead_logo" => {
                    write_row(tx, "INSERT OR REPLACE", "letterhead_logo", &row.row, &[])?;
                }
                _ => {}
            },
            OpBody::Person {
                uid,
                row,
                restrictions,
                events,
            } => apply_person(tx, uid, row, restrictions, events)?,
            OpBody::CaseShared { case, .. } => {
                cases.insert(case.id.to_string());
            }
            OpBody::CaseStep { case_id, .. } => {
                cases.insert(case_id.to_string());
            }
            OpBody::Rules { .. } | OpBody::Resolved { .. } => {}
        }
    }
    let mut rules = HashMap::new();
    for case_id in &cases {
        if rebuild_case(
            tx,
            case_id,
            &mut rules,
            contents.as_ref(),
            folder,
            actor.now,
        )? {
            report.cases_changed += 1;
        }
    }
    for op in &fresh {
        if let OpBody::Resolved {
            conflict,
            by,
            at,
            resolution,
        } = &op.body
        {
            super::execute_cached(
                tx,
                "UPDATE sync_conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4
                 WHERE op = ?1 AND resolved_at IS NULL",
                params![conflict, at, by, resolution],
            )?;
        }
    }
    // What sync itself changed came from elsewhere: not shared back.
    super::execute_cached(
        tx,
        "UPDATE admin_changes SET from_sync = 1 WHERE seq > ?1 AND actor IS NULL",
        [admin_mark],
    )?;
    Ok(())
}

impl Store {
    /// This laptop's sync set-up, if it has one.
    pub fn sync_setup(&self) -> Result<Option<SyncSetup>, StoreError> {
        read_setup(&self.conn)
    }

    /// Sets this laptop up to sync (and, when joining, takes its own
    /// reference prefix), as one transaction. Nothing is shared yet.
    pub fn sync_configure(
        &mut self,
        setup: &SyncSetup,
        prefix: Option<&str>,
        actor: &Actor,
    ) -> Result<String, StoreError> {
        if read_setup(&self.conn)?.is_some() {
            return Err(StoreError::SyncSetUp);
        }
        if let Some(prefix) = prefix {
            redress::settings::Settings::check_prefix(prefix)?;
        }
        self.transaction(actor, |tx| {
            set_state(tx, "folder", &setup.folder.to_string_lossy())?;
            set_state(tx, "workspace", &setup.workspace)?;
            set_state(
                tx,
                "key",
                &base64::engine::general_purpose::STANDARD.encode(setup.key.bytes()),
            )?;
            set_state(tx, "base_prefix", &setup.base_prefix)?;
            if let Some(prefix) = prefix {
                super::execute_cached(
                    tx,
                    "INSERT INTO settings (key, value) VALUES ('reference_prefix', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [prefix],
                )?;
                // A joining laptop holds nothing of the council's yet: its
                // defaults are not shared over the workspace's settings.
                set_state(tx, "shared_once", "yes")?;
                for (key, end) in log_ends(tx)? {
                    set_state(tx, key, &end.to_string())?;
                }
            }
            device_id(tx, actor.now)
        })
    }

    /// Points this laptop at the shared folder where it is now (a drive
    /// letter or mount point that changed).
    pub fn sync_move_folder(&mut self, folder: &std::path::Path) -> Result<(), StoreError> {
        set_state(&self.conn, "folder", &folder.to_string_lossy())
    }

    /// Shares this laptop's changes and takes in the others', as one
    /// transaction. The folder must hold this workspace.
    pub fn sync_now(&mut self, device_name: &str, actor: &Actor) -> Result<SyncReport, StoreError> {
        let setup = read_setup(&self.conn)?.ok_or(StoreError::SyncNotSetUp)?;
        let folder = setup.folder();
        let attempt = (|| {
            folder.check_workspace()?;
            let prefix = self.settings()?.reference_prefix;
            self.transaction(actor, |tx| {
                let me = device_id(tx, actor.now)?;
                folder.write_device(&DeviceManifest {
                    device: me,
                    name: device_name.to_owned(),
                    prefix,
                })?;
                let mut report = SyncReport {
                    sent: share(tx, &folder, &setup.workspace, actor)?,
                    ..SyncReport::default()
                };
                take_in(tx, &folder, actor, &mut report)?;
                // What came in is in the logs now: not this laptop's to share.
                for (key, end) in log_ends(tx)? {
                    set_state(tx, key, &end.to_string())?;
                }
                Ok(report)
            })
        })();
        let at = actor.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        match &attempt {
            Ok(_) => {
                set_state(&self.conn, "last_synced_at", &at)?;
                self.conn
                    .execute("DELETE FROM sync_state WHERE key = 'last_problem'", [])?;
            }
            Err(err) => set_state(&self.conn, "last_problem", &err.to_string())?,
        }
        attempt
    }

    /// Sync on this laptop: set up or not, when it last synced, what is
    /// waiting to be shared, the conflicts and the other laptops.
    pub fn sync_status(&self) -> Result<SyncStatus, StoreError> {
        let conn = &self.conn;
        let setup = read_setup(conn)?;
        let device: Option<String> = conn
            .prepare_cached("SELECT value FROM settings WHERE key = 'device_id'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        let device = device.unwrap_or_default();
        let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<u64, StoreError> {
            let n: i64 = conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let waiting = if setup.is_none() {
            0
        } else if state(conn, "shared_once")?.is_none() {
            count("SELECT COUNT(*) FROM cases", &[])?.max(1)
        } else {
            count(
                "SELECT COUNT(*) FROM events WHERE seq > ?1 AND device = ?2",
                &[&mark(conn, "events_seq")?, &device],
            )? + count(
                "SELECT COUNT(*) FROM person_events WHERE seq > ?1 AND device = ?2",
                &[&mark(conn, "person_seq")?, &device],
            )? + count(
                "SELECT COUNT(*) FROM admin_changes WHERE seq > ?1 AND from_sync IS NULL
                 AND (subject != 'settings' OR key IN (SELECT value FROM json_each(?2)))",
                &[
                    &mark(conn, "admin_seq")?,
                    &serde_json::to_string(&SHARED_SETTINGS).unwrap_or_default(),
                ],
            )? + count(
                "SELECT COUNT(*) FROM sync_ops WHERE device = ?1 AND batch IS NULL",
                &[&device],
            )?
        };
        let devices = conn
            .prepare_cached(
                "SELECT device, name, prefix, read_to FROM sync_devices ORDER BY name, device",
            )?
            .query_map([], |r| {
                Ok(SyncDevice {
                    device: r.get(0)?,
                    name: r.get(1)?,
                    prefix: r.get(2)?,
                    read_to: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(SyncStatus {
            setup,
            device,
            prefix: self.settings()?.reference_prefix,
            last_synced_at: state(conn, "last_synced_at")?,
            last_problem: state(conn, "last_problem")?,
            waiting,
            open_conflicts: count(
                "SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL",
                &[],
            )?,
            devices,
        })
    }

    /// The conflicts, open ones first, newest first.
    pub fn sync_conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        let me: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = 'device_id'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT c.op, c.reference, c.device, d.name, c.actor, c.what, c.why, c.hlc,
                    c.resolved_at, c.resolved_by, c.resolution
                 FROM sync_conflicts c LEFT JOIN sync_devices d ON d.device = c.device
                 ORDER BY c.resolved_at IS NOT NULL, c.hlc DESC",
            )?
            .query_map([], |r| {
                let device: String = r.get(2)?;
                let name: Option<String> = r.get(3)?;
                let hlc: String = r.get(7)?;
                let resolved_at: Option<String> = r.get(8)?;
                Ok(Conflict {
                    op: r.get(0)?,
                    reference: r.get(1)?,
                    device: if Some(&device) == me.as_ref() {
                        "this laptop".to_owned()
                    } else {
                        name.unwrap_or(device)
                    },
                    actor: r.get(4)?,
                    what: r.get(5)?,
                    why: r.get(6)?,
                    at: Hlc::parse(&hlc)
                        .ok()
                        .and_then(|h| {
                            chrono::DateTime::<chrono::Utc>::from_timestamp_millis(h.millis)
                        })
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                        .unwrap_or_default(),
                    resolved: resolved_at.map(|at| {
                        (
                            at,
                            r.get::<_, Option<String>>(9)
                                .ok()
                                .flatten()
                                .unwrap_or_default(),
                            r.get::<_, Option<String>>(10)
                                .ok()
                                .flatten()
                                .unwrap_or_default(),
                        )
                    }),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Records how a conflict was resolved (it travels to every laptop
    /// with the next sync).
    pub fn sync_resolve(
        &mut self,
        op: &str,
        resolution: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        super::check_line("resolution", resolution)?;
        if resolution.trim().is_empty() {
            return Err(redress::case::RuleError::Required {
                field: "resolution",
                what: "what was decided",
            }
            .into());
        }
        self.transaction(actor, |tx| {
            let at = actor.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let changed = super::execute_cached(
                tx,
                "UPDATE sync_conflicts SET resolved_at = ?2, resolved_by = ?3, resolution = ?4
                 WHERE op = ?1 AND resolved_at IS NULL",
                params![op, at, actor.name.trim(), resolution.trim()],
            )?;
            if changed == 0 {
                return Err(StoreError::NoConflict(op.to_owned()));
            }
            let me = device_id(tx, actor.now)?;
            let hlc = next_hlc(tx, actor.now)?.to_string();
            record_op(
                tx,
                &Op {
                    id: op_id(&hlc),
                    hlc,
                    device: me,
                    body: OpBody::Resolved {
                        conflict: op.to_owned(),
                        by: actor.name.trim().to_owned(),
                        at,
                        resolution: resolution.trim().to_owned(),
                    },
                },
                None,
            )?;
            Ok(())
        })
    }
}
