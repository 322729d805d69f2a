//! The sealed audit trail: every entry of the case events, the person events
//! and the admin changes (settings and reference data, captured by triggers),
//! and every redaction retention made, is linked into `audit_chain` in the
//! transaction that wrote it. Each link holds a digest of the entry's content
//! and the hash of the link before, so [`Store::verify_audit`] finds the first
//! entry altered, removed or added outside Redress.

use std::sync::OnceLock;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Actor, Store, StoreError};

/// One of the logs the chain seals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Log {
    CaseEvents,
    PersonEvents,
    AdminChanges,
    Redactions,
}

impl Log {
    const ALL: [Log; 4] = [
        Log::CaseEvents,
        Log::PersonEvents,
        Log::AdminChanges,
        Log::Redactions,
    ];

    fn table(self) -> &'static str {
        match self {
            Log::CaseEvents => "events",
            Log::PersonEvents => "person_events",
            Log::AdminChanges => "admin_changes",
            Log::Redactions => "redactions",
        }
    }

    fn from_table(table: &str) -> Option<Log> {
        Log::ALL.into_iter().find(|log| log.table() == table)
    }

    /// The columns whose content the digest covers, in order.
    fn columns(self) -> &'static str {
        match self {
            Log::CaseEvents => "id, case_id, device, hlc, at, actor, kind, summary, body, changes",
            Log::PersonEvents => "id, person_id, device, hlc, at, actor, kind, summary, body",
            Log::AdminChanges => "at, actor, subject, key, action, before, after",
            Log::Redactions => "at, actor, log, entry, reason, digest",
        }
    }

    /// The statement that reads one entry's digested columns as text (made
    /// once: every entry sealed asks for it).
    fn entry_sql(self) -> &'static str {
        static SQL: OnceLock<[String; 4]> = OnceLock::new();
        let all = SQL.get_or_init(|| {
            Log::ALL.map(|log| {
                format!(
                    "SELECT {} FROM {} WHERE seq = ?1",
                    log.columns()
                        .split(',')
                        .map(|c| format!("CAST({} AS TEXT)", c.trim()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    log.table()
                )
            })
        });
        &all[self as usize]
    }

    /// Words for a person reading `redress audit verify`.
    fn words(self) -> &'static str {
        match self {
            Log::CaseEvents => "case event",
            Log::PersonEvents => "person event",
            Log::AdminChanges => "settings change",
            Log::Redactions => "redaction",
        }
    }
}

/// The SHA-256 of an entry's content, as hex.
fn digest_of(values: &[Option<String>]) -> String {
    let mut hasher = Sha256::new();
    for value in values {
        match value {
            Some(text) => {
                hasher.update([1u8]);
                hasher.update((text.len() as u64).to_be_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update([0u8]),
        }
    }
    hex::encode(hasher.finalize())
}

fn link_hash(prev: &str, log: Log, entry: i64, digest: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [prev, log.table(), &entry.to_string(), digest] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The digest of one entry as it is stored now, or `None` if it is gone.
pub(super) fn entry_digest(
    conn: &Connection,
    log: Log,
    entry: i64,
) -> Result<Option<String>, StoreError> {
    let count = log.columns().split(',').count();
    Ok(conn
        .prepare_cached(log.entry_sql())?
        .query_row([entry], |row| {
            (0..count)
                .map(|i| row.get::<_, Option<String>>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .optional()?
        .map(|values| digest_of(&values)))
}

/// Where each log ended when a transaction began: what it writes after
/// that is its own, and only that is signed and sealed. An entry written
/// around Redress (straight into the file) is never sealed by a later
/// save, so `verify_audit` goes on naming it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark([i64; 4]);

/// Notes where each log ends, at the start of a write transaction.
pub(super) fn mark(tx: &Connection) -> Result<Mark, StoreError> {
    let mut ends = [0; 4];
    for (end, log) in ends.iter_mut().zip(Log::ALL) {
        *end = tx
            .prepare_cached(&format!(
                "SELECT COALESCE(MAX(seq), 0) FROM {}",
                log.table()
            ))?
            .query_row([], |r| r.get(0))?;
    }
    Ok(Mark(ends))
}

/// Signs the admin changes this transaction made with who and when, then
/// seals every entry it wrote into the chain. Called by every write
/// transaction, just before it commits.
pub(super) fn seal(tx: &Transaction<'_>, actor: &Actor, mark: Mark) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE admin_changes SET actor = ?1, at = ?2 WHERE actor IS NULL AND seq > ?3",
    )?
    .execute(params![
        actor.name.trim(),
        actor
            .now
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        mark.0[2]
    ])?;
    link_after(tx, mark)
}

/// Seals every entry of every log (the migration that made the chain:
/// what was there before it is taken as it stands).
pub(super) fn link_pending(tx: &Connection) -> Result<(), StoreError> {
    link_after(tx, Mark([0; 4]))
}

/// Seals the entries after `mark` not in the chain yet, in order.
fn link_after(tx: &Connection, mark: Mark) -> Result<(), StoreError> {
    let mut prev: String = tx
        .prepare_cached("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    for (log, after) in Log::ALL.into_iter().zip(mark.0) {
        let entries: Vec<i64> = tx
            .prepare_cached(&format!(
                "SELECT seq FROM {} WHERE seq > ?1
                 AND seq NOT IN (SELECT entry FROM audit_chain WHERE log = ?2) ORDER BY seq",
                log.table()
            ))?
            .query_map(params![after, log.table()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for entry in entries {
            let digest = entry_digest(tx, log, entry)?
                .ok_or_else(|| StoreError::Corrupt(format!("{} {entry} vanished", log.words())))?;
            let hash = link_hash(&prev, log, entry, &digest);
            tx.prepare_cached(
                "INSERT INTO audit_chain (log, entry, digest, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![log.table(), entry, digest, prev, hash])?;
            prev = hash;
        }
    }
    Ok(())
}

/// Records that retention replaced an entry's content: the entry's new
/// digest, chained like any other entry.
pub(super) fn record_redaction(
    tx: &Transaction<'_>,
    actor: &Actor,
    log: Log,
    entry: i64,
    reason: &str,
) -> Result<(), StoreError> {
    let digest = entry_digest(tx, log, entry)?
        .ok_or_else(|| StoreError::Corrupt(format!("{} {entry} vanished", log.words())))?;
    tx.prepare_cached(
        "INSERT INTO redactions (at, actor, log, entry, reason, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        actor
            .now
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor.name.trim(),
        log.table(),
        entry,
        reason,
        digest
    ])?;
    Ok(())
}

/// What `verify_audit` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerdict {
    /// Links in the chain.
    pub entries: u64,
    /// The first thing wrong, if anything is.
    pub problem: Option<AuditProblem>,
}

/// The first break in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AuditProblem {
    /// An entry's content is not what was sealed.
    #[error("audit entry {link} ({what} {entry}) was altered after it was written")]
    Altered {
        /// The link's number in the chain.
        link: i64,
        /// Which log.
        what: &'static str,
        /// The entry's number in its log.
        entry: i64,
    },
    /// A sealed entry is gone.
    #[error("audit entry {link} ({what} {entry}) is missing: it was deleted")]
    Missing {
        /// The link's number in the chain.
        link: i64,
        /// Which log.
        what: &'static str,
        /// The entry's number in its log.
        entry: i64,
    },
    /// The chain itself was broken: a link removed or rewritten.
    #[error("audit entry {link} does not follow the entry before it: the audit trail was cut or rewritten there")]
    Broken {
        /// The link's number in the chain.
        link: i64,
    },
    /// An entry that was never sealed: written outside Redress.
    #[error("{what} {entry} is not in the sealed audit trail: it was added outside Redress")]
    Unsealed {
        /// Which log.
        what: &'static str,
        /// The entry's number in its log.
        entry: i64,
    },
}

impl Store {
    /// Checks the whole audit trail: every link follows the one before,
    /// every sealed entry is still as it was written (or as a recorded
    /// redaction left it), and no entry is outside the chain.
    pub fn verify_audit(&self) -> Result<AuditVerdict, StoreError> {
        verify(&self.conn)
    }
}

pub(super) fn verify(conn: &Connection) -> Result<AuditVerdict, StoreError> {
    let mut redacted = std::collections::HashMap::new();
    // Only a redaction that is itself sealed may change what an entry holds.
    for row in conn
        .prepare(
            "SELECT log, entry, digest FROM redactions
             WHERE seq IN (SELECT entry FROM audit_chain WHERE log = 'redactions') ORDER BY seq",
        )?
        .query_map([], |r| <(String, i64, String)>::try_from(r))?
    {
        let (log, entry, digest) = row?;
        redacted.insert((log, entry), digest);
    }
    let mut stmt =
        conn.prepare("SELECT seq, log, entry, digest, prev, hash FROM audit_chain ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = String::new();
    let mut entries = 0u64;
    let mut last_seq = 0i64;
    while let Some(row) = rows.next()? {
        let (seq, table, entry, digest, link_prev, hash): (
            i64,
            String,
            i64,
            String,
            String,
            String,
        ) = (
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
        );
        entries += 1;
        let Some(log) = Log::from_table(&table) else {
            return Ok(AuditVerdict {
                entries,
                problem: Some(AuditProblem::Broken { link: seq }),
            });
        };
        let gap = seq != last_seq + 1;
        last_seq = seq;
        if gap || link_prev != prev || link_hash(&prev, log, entry, &digest) != hash {
            return Ok(AuditVerdict {
                entries,
                problem: Some(AuditProblem::Broken { link: seq }),
            });
        }
        prev = hash;
        let expected = redacted.get(&(table, entry)).unwrap_or(&digest);
        match entry_digest(conn, log, entry)? {
            None => {
                return Ok(AuditVerdict {
                    entries,
                    problem: Some(AuditProblem::Missing {
                        link: seq,
                        what: log.words(),
                        entry,
                    }),
                })
            }
            Some(now) if &now != expected => {
                return Ok(AuditVerdict {
                    entries,
                    problem: Some(AuditProblem::Altered {
                        link: seq,
                        what: log.words(),
                        entry,
                    }),
                })
            }
            Some(_) => {}
        }
    }
    // The chain's own last link removed leaves no gap: the sealed count
    // per log catches it, as does any entry written around the app.
    for log in Log::ALL {
        let unsealed: Option<i64> = conn
            .query_row(
                &format!(
                    "SELECT seq FROM {} WHERE seq NOT IN (SELECT entry FROM audit_chain WHERE log = ?1) ORDER BY seq LIMIT 1",
                    log.table()
                ),
                [log.table()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(entry) = unsealed {
            return Ok(AuditVerdict {
                entries,
                problem: Some(AuditProblem::Unsealed {
                    what: log.words(),
                    entry,
                }),
            });
        }
    }
    Ok(AuditVerdict {
        entries,
        problem: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_tells_none_from_empty_and_where_fields_part() {
        assert_ne!(digest_of(&[None]), digest_of(&[Some(String::new())]));
        assert_ne!(
            digest_of(&[Some("ab".into()), Some("c".into())]),
            digest_of(&[Some("a".into()), Some("bc".into())])
        );
    }
}
