//! The complete export (`redress export all --json`): every row of every
//! table Redress keeps (cases with all their parts, people, reference data,
//! settings, letters with their PDFs, the case file's documents with their
//! bytes, the event logs and the sealed audit chain), versioned by format and schema, so that loading it into an empty
//! database gives back exactly the same data. The search index is derived
//! and rebuilt instead. Unlike the CSV, which has the spreadsheet's columns,
//! nothing is left out.

use base64::Engine;
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{json, Map, Value};

use super::{Store, StoreError};

/// The format's name, in the file.
pub const FORMAT: &str = "redress-export";
/// The format's version.
pub const VERSION: i64 = 1;

/// Why a complete export could not be loaded. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// Not a Redress complete export.
    #[error("this is not a Redress complete export ({0}): use a file made by `redress export all --json`")]
    NotAnExport(String),
    /// Made by another version of Redress.
    #[error("this export was made by another version of Redress (data version {found}; this one is {known}): load it with that version, or restore a database backup instead")]
    OtherVersion {
        /// Its schema version.
        found: i64,
        /// This build's.
        known: i64,
    },
    /// Only into an empty database.
    #[error("this database already has cases or history: a complete export goes only into a new database (make one with `redress init --db NEW.db`)")]
    NotEmpty,
    /// Its audit trail does not verify: it was edited.
    #[error("this export's audit trail does not verify ({0}), so it was not loaded: it was edited after it was made")]
    Unsealed(super::AuditProblem),
    /// The database refused.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The tables in the export: all but SQLite's own and the search index.
fn tables(conn: &rusqlite::Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search%'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

pub(super) fn to_json(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            json!({ "base64": base64::engine::general_purpose::STANDARD.encode(b) })
        }
    }
}

pub(super) fn from_json(value: &Value) -> Result<SqlValue, DumpError> {
    Ok(match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Object(o) => match o.get("base64").and_then(Value::as_str) {
            Some(text) => SqlValue::Blob(
                base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .map_err(|_| DumpError::NotAnExport("a file's bytes are not base64".into()))?,
            ),
            None => return Err(DumpError::NotAnExport("a value is an object".into())),
        },
        Value::Array(_) => return Err(DumpError::NotAnExport("a value is a list".into())),
    })
}

impl Store {
    /// Every row of every table, as JSON.
    /// One read transaction: one moment's data, whatever other windows or
    /// commands write meanwhile.
    pub fn export_all(&self) -> Result<Value, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let schema: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut out = Map::new();
        for table in tables(&tx)? {
            let columns = columns(&tx, &table)?;
            let mut stmt = tx
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
                .or_else(|_| tx.prepare(&format!("SELECT * FROM \"{table}\"")))?;
            let mut rows = stmt.query([])?;
            let mut list = Vec::new();
            while let Some(row) = rows.next()? {
                let cells = (0..columns.len())
                    .map(|i| row.get_ref(i).map(to_json))
                    .collect::<Result<Vec<_>, _>>()?;
                list.push(Value::Array(cells));
            }
            out.insert(table, json!({ "columns": columns, "rows": list }));
        }
        // The documents' bytes, once each, by their SHA-256.
        let mut contents = Map::new();
        let hashes = super::contents::hashes_in(&tx)?;
        if !hashes.is_empty() {
            let folder = self.contents()?;
            for (sha256, name) in hashes {
                let bytes = folder.get(&sha256, &name)?;
                contents.insert(
                    sha256,
                    Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
                );
            }
        }
        drop(tx);
        Ok(json!({
            "format": FORMAT,
            "version": VERSION,
            "schema": schema,
            "tables": out,
            "contents": contents,
        }))
    }

    /// Loads a complete export into this database, which must be new (no
    /// cases, no history): all of it in one transaction, or nothing.
    /// Returns the number of cases loaded.
    pub fn import_all(&mut self, export: &Value) -> Result<usize, DumpError> {
        if export.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(DumpError::NotAnExport(
                "it has no \"format\": \"redress-export\"".into(),
            ));
        }
        if export.get("version").and_then(Value::as_i64) != Some(VERSION) {
            return Err(DumpError::NotAnExport("its format version is not 1".into()));
        }
        let known = super::migrations_count();
        let found = export.get("schema").and_then(Value::as_i64).unwrap_or(0);
        if found != known {
            return Err(DumpError::OtherVersion { found, known });
        }
        let Some(given) = export.get("tables").and_then(Value::as_object) else {
            return Err(DumpError::NotAnExport("it has no tables".into()));
        };
        let ours = tables(&self.conn)?;
        if let Some(missing) = ours.iter().find(|t| !given.contains_key(t.as_str())) {
            return Err(DumpError::NotAnExport(format!("it has no {missing} table")));
        }
        let path = self.path.clone();
        let folder = self.contents();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from(e).at(&path))?;
        // Checked inside the transaction, so nothing written meanwhile is
        // lost: only a new database (its settings aside) is loaded into.
        let held: i64 = tx
            .query_row(
                "SELECT (SELECT COUNT(*) FROM cases) + (SELECT COUNT(*) FROM events)
                    + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM person_events)
                    + (SELECT COUNT(*) FROM officers) + (SELECT COUNT(*) FROM service_areas)
                    + (SELECT COUNT(*) FROM categories) + (SELECT COUNT(*) FROM letter_templates)",
                [],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        if held > 0 {
            return Err(DumpError::NotEmpty);
        }
        tx.execute_batch("PRAGMA defer_foreign_keys = ON;")
            .map_err(StoreError::from)?;
        // The triggers would note each row as a new change, and refuse the
        // logs' rows: lifted while the rows go in, then put back.
        let triggers: Vec<(String, String)> = tx
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            .and_then(|mut s| s.query_map([], |r| r.try_into())?.collect::<Result<_, _>>())
            .map_err(StoreError::from)?;
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))
                .map_err(StoreError::from)?;
        }
        let mut cases = 0;
        for table in &ours {
            tx.execute(&format!("DELETE FROM \"{table}\""), [])
                .map_err(StoreError::from)?;
            let Some(data) = given.get(table) else {
                return Err(DumpError::NotAnExport(format!("it has no {table} table")));
            };
            let names: Vec<String> = data
                .get("columns")
                .and_then(Value::as_array)
                .map(|c| {
                    c.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if names != columns(&tx, table)? {
                return Err(DumpError::NotAnExport(format!(
                    "the columns of {table} are not this version's"
                )));
            }
            let sql = format!(
                "INSERT INTO \"{table}\" ({}) VALUES ({})",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                (1..=names.len())
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut stmt = tx.prepare(&sql).map_err(StoreError::from)?;
            for row in data
                .get("rows")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let cells = row
                    .as_array()
                    .filter(|c| c.len() == names.len())
                    .ok_or_else(|| {
                        DumpError::NotAnExport(format!(
                            "a row of {table} has the wrong number of cells"
                        ))
                    })?;
                let values = cells.iter().map(from_json).collect::<Result<Vec<_>, _>>()?;
                stmt.execute(rusqlite::params_from_iter(values))
                    .map_err(StoreError::from)?;
                if table == "cases" {
                    cases += 1;
                }
            }
        }
        for (_, sql) in &triggers {
            tx.execute_batch(&format!("{sql};"))
                .map_err(StoreError::from)?;
        }
        let references: Vec<String> = tx
            .prepare("SELECT reference FROM cases")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>())
            .map_err(StoreError::from)?;
        tx.execute("DELETE FROM case_search", [])
            .map_err(StoreError::from)?;
        for reference in references {
            super::search::index_case(&tx, &super::case_rows::load_case(&tx, &reference)?)?;
        }
        // What was loaded must be a whole, sealed history.
        if let Some(problem) = super::audit::verify(&tx)?.problem {
            return Err(DumpError::Unsealed(problem));
        }
        // Every document's bytes, checked against its hash, kept beside
        // this database before the rows that name them are committed.
        let hashes = super::contents::hashes_in(&tx)?;
        if !hashes.is_empty() {
            let folder = folder?;
            let given = export.get("contents").and_then(Value::as_object);
            for (sha256, name) in hashes {
                let bytes = given
                    .and_then(|c| c.get(&sha256))
                    .and_then(Value::as_str)
                    .and_then(|t| base64::engine::general_purpose::STANDARD.decode(t).ok())
                    .filter(|b| super::contents::sha256_hex(b) == sha256)
                    .ok_or_else(|| {
                        DumpError::NotAnExport(format!(
                            "the content of the document {name} is missing or altered"
                        ))
                    })?;
                folder.put(&bytes).map_err(StoreError::from)?;
            }
        }
        tx.commit().map_err(|e| StoreError::from(e).at(&path))?;
        Ok(cases)
    }
}
