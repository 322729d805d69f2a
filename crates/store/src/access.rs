//! Gathering a subject access request: the person a name, an email address
//! or a case reference names (with every record merged into theirs), their
//! restrictions and history, and each of their cases with its history and
//! letters. Nothing of anyone else's.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use redress::access::{CaseHeld, PersonHeld, SubjectAccess};
use redress::people::PersonId;

impl Store {
    /// Everything held about the person `query` names: a case reference
    /// (that case's complainant), an email address, a person's id, or a
    /// name (everyone of that name, accents and capitals aside).
    pub fn subject_access(&self, query: &str) -> Result<SubjectAccess, StoreError> {
        let query = query.trim();
        let mut rows: Vec<i64> = Vec::new();
        let by_reference: Option<i64> = self
            .conn
            .query_row(
                "SELECT person_id FROM cases WHERE reference = ?1 COLLATE NOCASE",
                [query],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(row) = by_reference {
            rows.push(row);
        } else if query.contains('@') {
            if let Some(key) = redress::people::email_key(query) {
                rows = self
                    .conn
                    .prepare("SELECT id FROM people WHERE email_key = ?1 ORDER BY id")?
                    .query_map([key], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
            }
        } else if let Ok(id) = query.parse::<PersonId>() {
            rows.push(super::case_rows::rowid_of(&self.conn, id)?);
        } else if let Some(key) = redress::people::name_key(query) {
            // A name may be two people's: then the request must say which.
            let found: Vec<(i64, String, String)> = self
                .conn
                .prepare(
                    "SELECT p.id, p.uid, COALESCE((SELECT MIN(c.reference) FROM cases c WHERE c.person_id = p.id), '')
                     FROM people p WHERE p.name_key = ?1 AND p.merged_into IS NULL ORDER BY p.id",
                )?
                .query_map([key], |r| r.try_into())?
                .collect::<Result<_, _>>()?;
            if found.len() > 1 {
                return Err(StoreError::AmbiguousPerson {
                    query: query.to_owned(),
                    matches: found
                        .into_iter()
                        .map(|(_, uid, reference)| {
                            if reference.is_empty() {
                                uid
                            } else {
                                format!("{reference} (person {uid})")
                            }
                        })
                        .collect(),
                });
            }
            rows = found.into_iter().map(|(id, _, _)| id).collect();
        }
        // A record merged into theirs is theirs too, and so is the one they
        // were merged into.
        let mut i = 0;
        while i < rows.len() {
            let related: Vec<i64> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM people WHERE merged_into = ?1
                     UNION SELECT merged_into FROM people WHERE id = ?1 AND merged_into IS NOT NULL",
                )?
                .query_map([rows[i]], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for row in related {
                if !rows.contains(&row) {
                    rows.push(row);
                }
            }
            i += 1;
        }
        if rows.is_empty() {
            return Err(StoreError::PersonNotFound(query.to_owned()));
        }
        let mut people = Vec::new();
        let mut cases = Vec::new();
        for row in rows {
            let record = super::people::record_at(&self.conn, row)?;
            let history = self.person_history(record.person.id)?;
            for reference in &record.cases {
                let letters = self
                    .letters(reference)?
                    .into_iter()
                    .map(|letter| {
                        let pdf: Vec<u8> = self.conn.query_row(
                            "SELECT pdf FROM letters WHERE id = ?1",
                            [&letter.id],
                            |r| r.get(0),
                        )?;
                        Ok((letter, pdf))
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                let documents = self
                    .documents(reference)?
                    .into_iter()
                    .filter(|d| !d.letter)
                    .map(|d| {
                        let (document, bytes) = self.document(reference, &d.id)?;
                        Ok((document, bytes))
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                cases.push(CaseHeld {
                    case: self.case(reference)?,
                    history: self.history(reference)?,
                    letters,
                    documents,
                    notes: self.notes(reference)?,
                    contacts: self.contacts(reference)?,
                });
            }
            people.push(PersonHeld {
                person: record.person,
                restrictions: record.restrictions,
                history,
            });
        }
        Ok(SubjectAccess {
            query: query.to_owned(),
            people,
            cases,
        })
    }
}
