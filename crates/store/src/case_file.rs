//! The case file in the database: documents (their bytes in [`Contents`],
//! a row each here), case notes and the contact log. Each addition or
//! removal is one transaction with its event on the case's log and the
//! case's search entry rewritten, so search finds notes, contacts, document
//! names and the words of emails. Issued letters are listed as documents
//! sent; their PDFs stay with the letters.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};

use super::case_rows::load_case;
use super::cases::{open_and_save, Recorded, Under};
use super::columns::{date_text, read_date, read_moment};
use super::contents::Contents;
use super::events::{append, uuid_v7_at};
use super::search::index_case;
use super::{Actor, Store, StoreError};
use redress::case::{Case, CaseEvent, NewCase};
use redress::case_file::{
    check_size, checked_text, document_name, CaseFileError, Contact, ContactMethod, Direction,
    Document, NewDocument, Note,
};

fn now_text(actor: &Actor) -> String {
    actor
        .now
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The document rows of a case and its letters, oldest first.
pub(super) fn documents_of(conn: &Connection, case: &Case) -> Result<Vec<Document>, StoreError> {
    let mut found = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, bytes, sha256, direction, on_date, description, added_by, added_at
         FROM documents WHERE case_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([case.id.to_string()], |r| {
        <(
            String,
            String,
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
        )>::try_from(r)
    })?;
    for row in rows {
        let (id, name, bytes, sha256, direction, on, description, added_by, added_at) = row?;
        found.push(Document {
            id,
            name,
            bytes: u64::try_from(bytes).unwrap_or(0),
            sha256,
            direction: Direction::from_slug(&direction)
                .ok_or_else(|| StoreError::Corrupt(format!("direction '{direction}'")))?,
            on: read_date(&on)?,
            description,
            letter: false,
            added_by,
            added_at: read_moment(&added_at)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, data, length(pdf), sha256, issued_on, issued_by, issued_at
         FROM letters WHERE case_id = ?1",
    )?;
    let rows = stmt.query_map([case.id.to_string()], |r| {
        <(String, String, i64, String, String, String, String)>::try_from(r)
    })?;
    for row in rows {
        let (id, data, bytes, sha256, on, by, at) = row?;
        let title = serde_json::from_str::<serde_json::Value>(&data)
            .ok()
            .and_then(|d| d.get("title").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "Letter".to_owned());
        found.push(Document {
            id,
            name: format!("{title}.pdf"),
            bytes: u64::try_from(bytes).unwrap_or(0),
            sha256,
            direction: Direction::Out,
            on: read_date(&on)?,
            description: title,
            letter: true,
            added_by: by,
            added_at: read_moment(&at)?,
        });
    }
    // Stable: documents added together keep the order they were added in.
    found.sort_by_key(|d| (d.on, d.added_at));
    Ok(found)
}

/// Adds documents to a loaded case inside the caller's transaction: each
/// checked (name, size) before anything is kept, the bytes kept once in
/// `contents`, a row and an event each.
fn add_in(
    tx: &Transaction<'_>,
    contents: &Contents,
    case: &Case,
    documents: Vec<NewDocument>,
    limit_mb: u32,
    actor: &Actor,
) -> Result<Vec<Document>, StoreError> {
    let mut checked = Vec::with_capacity(documents.len());
    for document in documents {
        let name = document_name(&document.name)?;
        check_size(&name, document.content.len() as u64, limit_mb)?;
        let description = checked_text("the description", &document.description, false)?;
        let on = document.on.unwrap_or(actor.today);
        if on > actor.today {
            return Err(CaseFileError::InFuture(redress::dates::short(on)).into());
        }
        checked.push((name, description, on, document));
    }
    let mut added = Vec::with_capacity(checked.len());
    for (name, description, on, document) in checked {
        let sha256 = contents.put(&document.content)?;
        let id = uuid_v7_at(actor.now).to_string();
        let bytes = document.content.len() as u64;
        super::execute_cached(
            tx,
            "INSERT INTO documents (id, case_id, name, sha256, bytes, direction, on_date,
                description, words, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                case.id.to_string(),
                name,
                sha256,
                i64::try_from(bytes).unwrap_or(i64::MAX),
                document.direction.slug(),
                date_text(on),
                description,
                document.text,
                now_text(actor),
                actor.name.trim(),
            ],
        )?;
        let event = CaseEvent::DocumentAdded {
            document: id.clone(),
            name: name.clone(),
            direction: document.direction,
            bytes,
            sha256: sha256.clone(),
        };
        append(tx, actor, None, case, &event)?;
        added.push(Document {
            id,
            name,
            bytes,
            sha256,
            direction: document.direction,
            on,
            description,
            letter: false,
            added_by: actor.name.trim().to_owned(),
            added_at: actor.now,
        });
    }
    index_case(tx, case)?;
    Ok(added)
}

impl Store {
    /// Where this database keeps its documents' bytes.
    pub fn contents(&self) -> Result<Contents, StoreError> {
        if self.path.as_os_str() == ":memory:" {
            return Err(StoreError::NoDocumentFolder);
        }
        Ok(Contents::beside(&self.path))
    }

    /// Adds documents to a case as one transaction: all of them, or none
    /// (a refused name or a file over `limit` megabytes names the file and
    /// keeps nothing).
    pub fn add_documents(
        &mut self,
        reference: &str,
        documents: Vec<NewDocument>,
        actor: &Actor,
        limit: u32,
    ) -> Result<Vec<Document>, StoreError> {
        let contents = self.contents()?;
        self.transaction(actor, |tx| {
            let case = load_case(tx, reference)?;
            add_in(tx, &contents, &case, documents, limit, actor)
        })
    }

    /// Records a new case with its documents (an email and what came with
    /// it) as one transaction.
    pub fn create_case_with_documents(
        &mut self,
        intake: NewCase,
        documents: Vec<NewDocument>,
        actor: &Actor,
        under: Under<'_>,
    ) -> Result<(Recorded, Vec<Document>), StoreError> {
        let contents = self.contents()?;
        let limit = under.settings.document_limit_mb;
        self.transaction(actor, |tx| {
            let recorded = open_and_save(tx, intake, actor, under)?;
            let added = add_in(tx, &contents, &recorded.case, documents, limit, actor)?;
            Ok((recorded, added))
        })
    }

    /// A case's documents and letters, oldest first.
    pub fn documents(&self, reference: &str) -> Result<Vec<Document>, StoreError> {
        let case = load_case(&self.conn, reference)?;
        documents_of(&self.conn, &case)
    }

    /// One of a case's documents (or letters) with its bytes, checked
    /// against the SHA-256 kept when it was added.
    pub fn document(&self, reference: &str, id: &str) -> Result<(Document, Vec<u8>), StoreError> {
        let case = load_case(&self.conn, reference)?;
        let document = documents_of(&self.conn, &case)?
            .into_iter()
            .find(|d| d.id == id.trim())
            .ok_or_else(|| CaseFileError::NoDocument {
                reference: case.reference.clone(),
                id: id.trim().to_owned(),
            })?;
        let bytes = if document.letter {
            self.conn.query_row(
                "SELECT pdf FROM letters WHERE id = ?1",
                [&document.id],
                |r| r.get(0),
            )?
        } else {
            self.contents()?.get(&document.sha256, &document.name)?
        };
        Ok((document, bytes))
    }

    /// Removes a document from a case, with the reason on its history. Its
    /// bytes go too once no other document holds the same.
    pub fn remove_document(
        &mut self,
        reference: &str,
        id: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<Document, StoreError> {
        let contents = self.contents()?;
        let reason = checked_text("the reason", reason, false)?;
        if reason.is_empty() {
            return Err(CaseFileError::NoReason.into());
        }
        let removed = self.transaction(actor, |tx| {
            let case = load_case(tx, reference)?;
            let document = documents_of(tx, &case)?
                .into_iter()
                .find(|d| d.id == id.trim())
                .ok_or_else(|| CaseFileError::NoDocument {
                    reference: case.reference.clone(),
                    id: id.trim().to_owned(),
                })?;
            if document.letter {
                return Err(CaseFileError::LetterStays(document.name).into());
            }
            tx.execute("DELETE FROM documents WHERE id = ?1", [&document.id])?;
            let event = CaseEvent::DocumentRemoved {
                document: document.id.clone(),
                name: document.name.clone(),
                sha256: document.sha256.clone(),
                reason: reason.clone(),
            };
            append(tx, actor, None, &case, &event)?;
            index_case(tx, &case)?;
            Ok(document)
        })?;
        self.forget_unused(&contents, [removed.sha256.as_str()])?;
        Ok(removed)
    }

    /// Removes the bytes of these hashes if no document holds them now.
    pub(super) fn forget_unused<'a>(
        &self,
        contents: &Contents,
        hashes: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StoreError> {
        for sha256 in hashes {
            let used: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?1)",
                [sha256],
                |r| r.get(0),
            )?;
            if !used {
                contents.remove(sha256)?;
            }
        }
        Ok(())
    }

    /// Writes a case note.
    pub fn add_note(
        &mut self,
        reference: &str,
        text: &str,
        actor: &Actor,
    ) -> Result<Note, StoreError> {
        let text = checked_text("the note", text, true)?;
        self.transaction(actor, |tx| {
            let case = load_case(tx, reference)?;
            let id = uuid_v7_at(actor.now).to_string();
            super::execute_cached(
                tx,
                "INSERT INTO case_notes (id, case_id, text, written_at, written_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id,
                    case.id.to_string(),
                    text,
                    now_text(actor),
                    actor.name.trim()
                ],
            )?;
            let event = CaseEvent::NoteAdded {
                note: id.clone(),
                text: text.clone(),
            };
            append(tx, actor, None, &case, &event)?;
            index_case(tx, &case)?;
            Ok(Note {
                id,
                text: text.clone(),
                written_by: actor.name.trim().to_owned(),
                written_at: actor.now,
            })
        })
    }

    /// Logs a contact with the complainant.
    pub fn record_contact(
        &mut self,
        reference: &str,
        on: NaiveDate,
        method: ContactMethod,
        summary: &str,
        actor: &Actor,
    ) -> Result<Contact, StoreError> {
        let summary = checked_text("the summary", summary, true)?;
        if on > actor.today {
            return Err(CaseFileError::InFuture(redress::dates::short(on)).into());
        }
        self.transaction(actor, |tx| {
            let case = load_case(tx, reference)?;
            let id = uuid_v7_at(actor.now).to_string();
            super::execute_cached(
                tx,
                "INSERT INTO case_contacts (id, case_id, on_date, method, summary, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    case.id.to_string(),
                    date_text(on),
                    method.slug(),
                    summary,
                    now_text(actor),
                    actor.name.trim()
                ],
            )?;
            let event = CaseEvent::ContactRecorded {
                contact: id.clone(),
                on,
                method,
                summary: summary.clone(),
            };
            append(tx, actor, None, &case, &event)?;
            index_case(tx, &case)?;
            Ok(Contact {
                id,
                on,
                method,
                summary: summary.clone(),
                recorded_by: actor.name.trim().to_owned(),
                recorded_at: actor.now,
            })
        })
    }

    /// A case's notes, oldest first.
    pub fn notes(&self, reference: &str) -> Result<Vec<Note>, StoreError> {
        let case = load_case(&self.conn, reference)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, text, written_by, written_at FROM case_notes
             WHERE case_id = ?1 ORDER BY written_at, id",
        )?;
        let rows = stmt.query_map([case.id.to_string()], |r| {
            <(String, String, String, String)>::try_from(r)
        })?;
        rows.map(|row| {
            let (id, text, written_by, at) = row?;
            Ok(Note {
                id,
                text,
                written_by,
                written_at: read_moment(&at)?,
            })
        })
        .collect()
    }

    /// A case's contact log, oldest first.
    pub fn contacts(&self, reference: &str) -> Result<Vec<Contact>, StoreError> {
        let case = load_case(&self.conn, reference)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, on_date, method, summary, recorded_by, recorded_at FROM case_contacts
             WHERE case_id = ?1 ORDER BY on_date, recorded_at, id",
        )?;
        let rows = stmt.query_map([case.id.to_string()], |r| {
            <(String, String, String, String, String, String)>::try_from(r)
        })?;
        rows.map(|row| {
            let (id, on, method, summary, recorded_by, at) = row?;
            Ok(Contact {
                id,
                on: read_date(&on)?,
                method: ContactMethod::read(&method)
                    .map_err(|_| StoreError::Corrupt(format!("contact method '{method}'")))?,
                summary,
                recorded_by,
                recorded_at: read_moment(&at)?,
            })
        })
        .collect()
    }
}
