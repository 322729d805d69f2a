//! People in the database: one row per complainant, the cases that refer to
//! it, the restrictions on contact decided for them, and their own
//! append-only audit trail (`person_events`). Linking a new case to its
//! person, editing a person once for all their cases, merging two records
//! of one person and the likely matches offered at intake are each one
//! transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::case_rows::rowid_of;
use super::columns::{date_text, read_date, read_term};
use super::events::{next_hlc, uuid_v7_at};
use super::reference_data::officer_by_name;
use super::{Actor, Store, StoreError};
use redress::case::{CaseEvent, Complainant, FormErrors, StepForm};
use redress::people::{
    details_from_form, MatchKeys, MatchReason, NewRestriction, Person, PersonId, Restriction,
    RestrictionReview, Review,
};
use redress::records::PersonEntry;

/// How a new case was linked to its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonLink {
    /// The person.
    pub id: PersonId,
    /// Whether they were already on record (chosen, or the same email).
    pub matched: bool,
}

/// A person with their cases and restrictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    /// The person and their details.
    pub person: Person,
    /// The references of their cases, oldest first.
    pub cases: Vec<String>,
    /// Their restrictions, oldest first.
    pub restrictions: Vec<Restriction>,
}

/// A person as a list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSummary {
    /// The person and their details.
    pub person: Person,
    /// How many cases they have.
    pub case_count: u64,
    /// Whether a restriction is in force.
    pub restricted: bool,
}

/// A person the complainant on a new form may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyMatch {
    /// The person on record.
    pub person: Person,
    /// Why they may be the same, strongest first.
    pub reasons: Vec<MatchReason>,
    /// Whether a restriction is in force.
    pub restricted: bool,
}

const PERSON_COLUMNS: &str = "p.uid, p.name, p.address, p.postcode, p.email, p.phone,
    p.preferred_contact, p.anonymous, p.vulnerability, p.adjustments, p.language";
/// How many columns `PERSON_COLUMNS` has: the index of the next one.
const PERSON_COLUMN_COUNT: usize = 11;

fn person_from_row(r: &rusqlite::Row<'_>) -> Result<Person, StoreError> {
    let uid: String = r.get(0)?;
    let preferred: Option<String> = r.get(6)?;
    Ok(Person {
        id: uid
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("person id '{uid}'")))?,
        details: Complainant {
            name: r.get(1)?,
            address: r.get(2)?,
            postcode: r.get(3)?,
            email: r.get(4)?,
            phone: r.get(5)?,
            preferred_contact: preferred.as_deref().map(read_term).transpose()?,
            anonymous: r.get(7)?,
            vulnerability: r.get(8)?,
            adjustments: r.get(9)?,
            language: r
                .get::<_, Option<String>>(10)?
                .as_deref()
                .map(read_term)
                .transpose()?,
        },
    })
}

fn person_at(conn: &Connection, rowid: i64) -> Result<Person, StoreError> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([rowid])?;
    match rows.next()? {
        Some(row) => person_from_row(row),
        None => Err(StoreError::Corrupt(format!("missing person row {rowid}"))),
    }
}

/// Appends an entry to a person's audit trail.
fn append_person_event(
    tx: &Transaction<'_>,
    actor: &Actor,
    person: PersonId,
    kind: &str,
    summary: &str,
    body: serde_json::Value,
) -> Result<(), StoreError> {
    let hlc = next_hlc(tx, actor.now)?;
    tx.prepare_cached(
        "INSERT INTO person_events (id, person_id, device, hlc, at, actor, kind, summary, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        uuid_v7_at(actor.now).to_string(),
        person.to_string(),
        hlc.device,
        hlc.to_string(),
        actor
            .now
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor.name.trim(),
        kind,
        summary,
        body.to_string(),
    ])?;
    Ok(())
}

/// Adds a person with these details; returns their row id.
pub(super) fn insert_person(
    tx: &Transaction<'_>,
    id: PersonId,
    details: &Complainant,
) -> Result<i64, StoreError> {
    tx.prepare_cached(
        "INSERT INTO people (uid, name, address, postcode, email, phone, anonymous, vulnerability, adjustments)
         VALUES (?1, '', '', '', '', '', ?2, '', '')",
    )?
    .execute(params![id.to_string(), details.anonymous])?;
    let rowid = tx.last_insert_rowid();
    write_person_row(tx, rowid, details)?;
    Ok(rowid)
}

/// Replaces a person's details (and match keys) and re-indexes their cases,
/// which show them.
fn write_details(
    tx: &Transaction<'_>,
    rowid: i64,
    details: &Complainant,
) -> Result<(), StoreError> {
    write_person_row(tx, rowid, details)?;
    reindex_cases(tx, rowid)
}

/// Replaces a person's details and match keys.
fn write_person_row(
    tx: &Transaction<'_>,
    rowid: i64,
    details: &Complainant,
) -> Result<(), StoreError> {
    let keys = MatchKeys::of(details);
    tx.prepare_cached(
        "UPDATE people SET name = ?2, address = ?3, postcode = ?4, email = ?5, phone = ?6,
            preferred_contact = ?7, anonymous = ?8, vulnerability = ?9, adjustments = ?10,
            email_key = ?11, name_key = ?12, phone_key = ?13, postcode_key = ?14, language = ?15
         WHERE id = ?1",
    )?
    .execute(params![
        rowid,
        details.name,
        details.address,
        details.postcode,
        details.email,
        details.phone,
        details.preferred_contact.map(|m| m.slug()),
        details.anonymous,
        details.vulnerability,
        details.adjustments,
        keys.email,
        keys.name,
        keys.phone,
        keys.postcode,
        details.language.map(|l| l.slug()),
    ])?;
    Ok(())
}

fn case_references(conn: &Connection, rowid: i64) -> Result<Vec<String>, StoreError> {
    let references = conn
        .prepare_cached(
            "SELECT reference FROM cases WHERE person_id = ?1 ORDER BY received_on, reference",
        )?
        .query_map([rowid], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(references)
}

pub(super) fn reindex_cases(tx: &Transaction<'_>, rowid: i64) -> Result<(), StoreError> {
    for reference in case_references(tx, rowid)? {
        super::search::index_case(tx, &super::case_rows::load_case(tx, &reference)?)?;
    }
    Ok(())
}

/// Links a new case's complainant to their person, inside the case's
/// transaction: the person `asked` for; else the person with the same
/// email address (never for an anonymous complainant); else a new person.
/// A person on record takes the new form's non-blank details.
pub(super) fn link_person(
    tx: &Transaction<'_>,
    asked: Option<PersonId>,
    details: &Complainant,
    actor: &Actor,
) -> Result<(PersonLink, Complainant), StoreError> {
    let found = match asked {
        Some(id) => Some(rowid_of(tx, id)?),
        None => match MatchKeys::of(details).email {
            Some(email) => tx
                .prepare_cached(
                    "SELECT id FROM people WHERE email_key = ?1 AND merged_into IS NULL AND anonymous = 0
                     ORDER BY id LIMIT 1",
                )?
                .query_row([email], |r| r.get::<_, i64>(0))
                .optional()?,
            None => None,
        },
    };
    match found {
        Some(rowid) => {
            let person = person_at(tx, rowid)?;
            let updated = person.details.updated_by(details);
            if updated != person.details {
                write_details(tx, rowid, &updated)?;
                append_person_event(
                    tx,
                    actor,
                    person.id,
                    "updated",
                    "Details brought up to date from a new case",
                    json!({ "before": details_json(&person.details), "after": details_json(&updated) }),
                )?;
            }
            let link = PersonLink {
                id: person.id,
                matched: true,
            };
            Ok((link, updated))
        }
        None => {
            let id = PersonId(uuid_v7_at(actor.now));
            insert_person(tx, id, details)?;
            append_person_event(
                tx,
                actor,
                id,
                "created",
                "Record created at intake",
                details_json(details),
            )?;
            let link = PersonLink { id, matched: false };
            Ok((link, details.clone()))
        }
    }
}

fn details_json(details: &Complainant) -> serde_json::Value {
    serde_json::to_value(details).unwrap_or(serde_json::Value::Null)
}

/// A restrictions row: number, decided by, decided on, reason, contact,
/// told on, review on, reviews.
type RestrictionRow = (u32, String, String, String, String, String, String, String);

fn restrictions_of(conn: &Connection, rowid: i64) -> Result<Vec<Restriction>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, decided_by, decided_on, reason, contact, told_on, review_on, reviews
         FROM restrictions WHERE person_id = ?1 ORDER BY number",
    )?;
    let raw: Vec<RestrictionRow> = stmt
        .query_map([rowid], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    raw.into_iter()
        .map(
            |(number, decided_by, decided_on, reason, contact, told_on, review_on, reviews)| {
                Ok(Restriction {
                    number,
                    decided_by,
                    decided_on: read_date(&decided_on)?,
                    reason,
                    contact,
                    told_on: read_date(&told_on)?,
                    review_on: read_date(&review_on)?,
                    reviews: serde_json::from_str::<Vec<RestrictionReview>>(&reviews)
                        .map_err(|e| StoreError::Corrupt(format!("restriction reviews: {e}")))?,
                })
            },
        )
        .collect()
}

/// The restriction in force on the person at `rowid`, if any.
pub(super) fn active_restriction_at(
    conn: &Connection,
    rowid: i64,
) -> Result<Option<Restriction>, StoreError> {
    Ok(restrictions_of(conn, rowid)?
        .into_iter()
        .find(Restriction::is_active))
}

fn write_restriction(
    tx: &Transaction<'_>,
    rowid: i64,
    restriction: &Restriction,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let reviews = serde_json::to_string(&restriction.reviews)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO restrictions (person_id, number, uid, decided_by, decided_on, reason, contact, told_on,
            review_on, reviews, lifted_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (person_id, number) DO UPDATE SET review_on = excluded.review_on, reviews = excluded.reviews,
            lifted_on = excluded.lifted_on",
    )?
    .execute(params![
        rowid,
        restriction.number,
        uuid_v7_at(now).to_string(),
        restriction.decided_by,
        date_text(restriction.decided_on),
        restriction.reason,
        restriction.contact,
        date_text(restriction.told_on),
        date_text(restriction.review_on),
        reviews,
        restriction.lifted_on().map(date_text),
    ])?;
    Ok(())
}

/// The person's row id, found by their id or email address.
fn find(conn: &Connection, key: &str) -> Result<i64, StoreError> {
    let key = key.trim();
    if let Ok(id) = key.parse::<PersonId>() {
        return rowid_of(conn, id);
    }
    if let Some(email) = key
        .contains('@')
        .then(|| redress::people::email_key(key))
        .flatten()
    {
        let found: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM people WHERE email_key = ?1 AND merged_into IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row([email], |r| r.get(0))
            .optional()?;
        return found.ok_or_else(|| StoreError::PersonNotFound(key.to_owned()));
    }
    Err(StoreError::PersonNotFound(key.to_owned()))
}

pub(super) fn record_at(conn: &Connection, rowid: i64) -> Result<PersonRecord, StoreError> {
    Ok(PersonRecord {
        person: person_at(conn, rowid)?,
        cases: case_references(conn, rowid)?,
        restrictions: restrictions_of(conn, rowid)?,
    })
}

/// Why a person-page form could not be taken: its fields, or the store.
#[derive(Debug, thiserror::Error)]
pub enum PersonFormError {
    /// Problems with the form's fields, every one listed.
    #[error("{0}")]
    Form(#[from] FormErrors),
    /// The store or the procedure refused.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Store {
    /// The person with this id (or an old id merged into them) or email
    /// address, with their cases and restrictions.
    pub fn person(&self, key: &str) -> Result<PersonRecord, StoreError> {
        record_at(&self.conn, find(&self.conn, key)?)
    }

    /// The person's active restriction, if any (what a case shows).
    pub fn active_restriction(&self, id: PersonId) -> Result<Option<Restriction>, StoreError> {
        active_restriction_at(&self.conn, rowid_of(&self.conn, id)?)
    }

    /// People whose name (accents and case ignored), email or phone contain
    /// `search` (everyone when empty), by name, at most `limit`.
    pub fn people(&self, search: &str, limit: u32) -> Result<Vec<PersonSummary>, StoreError> {
        let text = search.trim();
        // A key the text has none of is NULL, which matches nothing.
        let name = redress::people::name_key(text);
        let phone = redress::people::phone_key(text);
        let email = redress::people::email_key(text);
        let sql = format!(
            "SELECT {PERSON_COLUMNS},
                (SELECT COUNT(*) FROM cases c WHERE c.person_id = p.id),
                EXISTS (SELECT 1 FROM restrictions r WHERE r.person_id = p.id AND r.lifted_on IS NULL)
             FROM people p
             WHERE p.merged_into IS NULL
               AND (?1 = '' OR instr(p.name_key, ?2) > 0 OR instr(p.email_key, ?3) > 0
                    OR instr(p.phone_key, ?4) > 0)
             ORDER BY p.name_key IS NULL, p.name_key, p.id
             LIMIT ?5"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![text, name, email, phone, limit])?;
        let mut people = Vec::new();
        while let Some(row) = rows.next()? {
            people.push(PersonSummary {
                person: person_from_row(row)?,
                case_count: u64::try_from(row.get::<_, i64>(PERSON_COLUMN_COUNT)?).unwrap_or(0),
                restricted: row.get(PERSON_COLUMN_COUNT + 1)?,
            });
        }
        Ok(people)
    }

    /// People already on record whom `details` (a complainant being typed
    /// in) may be, the likeliest first, at most `limit`; none for an
    /// anonymous complainant.
    pub fn likely_matches(
        &self,
        details: &Complainant,
        limit: usize,
    ) -> Result<Vec<LikelyMatch>, StoreError> {
        let keys = MatchKeys::of(details);
        if keys == MatchKeys::default() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, p.id FROM people p
             WHERE p.merged_into IS NULL AND p.anonymous = 0
               AND (p.email_key = ?1 OR p.phone_key = ?2 OR p.name_key = ?3)
             ORDER BY p.id DESC LIMIT 200"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![keys.email, keys.phone, keys.name])?;
        let mut matches = Vec::new();
        while let Some(row) = rows.next()? {
            let person = person_from_row(row)?;
            let rowid: i64 = row.get(PERSON_COLUMN_COUNT)?;
            let reasons = keys.reasons(&MatchKeys::of(&person.details));
            if reasons.is_empty() {
                continue;
            }
            let restricted = restrictions_of(&self.conn, rowid)?
                .iter()
                .any(Restriction::is_active);
            matches.push(LikelyMatch {
                person,
                reasons,
                restricted,
            });
        }
        matches.sort_by(|a, b| a.reasons.cmp(&b.reasons));
        matches.truncate(limit);
        Ok(matches)
    }

    /// A person's audit trail, oldest first.
    pub fn person_history(&self, id: PersonId) -> Result<Vec<PersonEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, kind, summary FROM person_events WHERE person_id = ?1 ORDER BY seq",
        )?;
        let raw: Vec<(String, String, String, String)> = stmt
            .query_map([id.to_string()], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(|(at, actor, kind, summary)| {
                Ok(PersonEntry {
                    at: super::columns::read_moment(&at)?,
                    actor,
                    kind,
                    summary,
                })
            })
            .collect()
    }

    /// Changes a person's details from the person page's form; every case of
    /// theirs shows the new details. One transaction, audited.
    pub fn update_person(
        &mut self,
        id: PersonId,
        form: &StepForm,
        actor: &Actor,
    ) -> Result<PersonRecord, PersonFormError> {
        super::case_rows::check_actor(actor)?;
        let rowid = rowid_of(&self.conn, id)?;
        let before = person_at(&self.conn, rowid)?;
        let details = details_from_form(form, before.details.anonymous, actor.today)?;
        Ok(self.transaction(actor, |tx| {
            if details != before.details {
                write_details(tx, rowid, &details)?;
                append_person_event(
                    tx,
                    actor,
                    before.id,
                    "updated",
                    "Details changed",
                    json!({ "before": details_json(&before.details), "after": details_json(&details) }),
                )?;
            }
            record_at(tx, rowid)
        })?)
    }

    /// Merges two records of one person: every case and restriction of
    /// `other` becomes `keep`'s, blanks in `keep`'s details are filled from
    /// `other`'s, and `other` is no longer listed or matched. One
    /// transaction, audited on both people and on every case moved.
    pub fn merge_people(
        &mut self,
        keep: &str,
        other: &str,
        actor: &Actor,
    ) -> Result<PersonRecord, StoreError> {
        super::case_rows::check_actor(actor)?;
        self.transaction(actor, |tx| {
            let keep_row = find(tx, keep)?;
            let other_row = find(tx, other)?;
            if keep_row == other_row {
                return Err(StoreError::MergeSelf(keep.trim().to_owned()));
            }
            let kept = person_at(tx, keep_row)?;
            let merged = person_at(tx, other_row)?;
            if kept.details.anonymous != merged.details.anonymous {
                return Err(StoreError::MergeAnonymous);
            }
            let moved = case_references(tx, other_row)?;
            let mut restrictions = restrictions_of(tx, keep_row)?;
            let theirs = restrictions_of(tx, other_row)?;
            if restrictions.iter().any(Restriction::is_active)
                && theirs.iter().any(Restriction::is_active)
            {
                return Err(StoreError::MergeTwoRestrictions);
            }
            super::execute_cached(
                tx,
                "DELETE FROM restrictions WHERE person_id = ?1",
                [other_row],
            )?;
            for mut restriction in theirs {
                restriction.number = restrictions.iter().map(|r| r.number).max().unwrap_or(0) + 1;
                write_restriction(tx, keep_row, &restriction, actor.now)?;
                restrictions.push(restriction);
            }
            super::execute_cached(
                tx,
                "UPDATE cases SET person_id = ?1 WHERE person_id = ?2",
                params![keep_row, other_row],
            )?;
            super::execute_cached(
                tx,
                "UPDATE people SET merged_into = ?1 WHERE id = ?2",
                params![keep_row, other_row],
            )?;
            let details = merged.details.updated_by(&kept.details);
            write_details(tx, keep_row, &details)?;
            let event = CaseEvent::PersonMerged {
                from: merged.id,
                into: kept.id,
            };
            for reference in &moved {
                let case = super::case_rows::load_case(tx, reference)?;
                super::events::append(tx, actor, None, &case, &event)?;
            }
            let body = json!({ "kept": kept.id, "merged": merged.id, "cases": moved });
            let summary = format!(
                "Merged with another record of the same person ({} moved)",
                redress::words::count(moved.len() as u64, "case", "cases")
            );
            append_person_event(tx, actor, kept.id, "merged", &summary, body.clone())?;
            append_person_event(
                tx,
                actor,
                merged.id,
                "merged",
                &format!("Merged into the record of {}", kept.display_name()),
                body,
            )?;
            record_at(tx, keep_row)
        })
    }

    /// Records a restriction decided by a head of service (the form's
    /// `RESTRICTION_FIELDS`). One transaction, audited.
    pub fn restrict_person(
        &mut self,
        id: PersonId,
        form: &StepForm,
        actor: &Actor,
    ) -> Result<PersonRecord, PersonFormError> {
        super::case_rows::check_actor(actor)?;
        let rowid = rowid_of(&self.conn, id)?;
        let find = |name: &str| {
            officer_by_name(&self.conn, name)
                .ok()
                .flatten()
                .map(|o| redress::people::Decider {
                    name: o.name,
                    roles: o.roles,
                })
        };
        let decided = NewRestriction::from_form(form, &find, actor.today)?;
        Ok(self.transaction(actor, |tx| {
            let person = person_at(tx, rowid)?;
            let existing = restrictions_of(tx, rowid)?;
            let restriction = decided.decide(&existing, actor.today)?;
            write_restriction(tx, rowid, &restriction, actor.now)?;
            let summary = format!(
                "Restriction {} decided by {}: {} (review by {})",
                restriction.number,
                restriction.decided_by,
                restriction.contact,
                redress::dates::long(restriction.review_on)
            );
            append_person_event(
                tx,
                actor,
                person.id,
                "restricted",
                &summary,
                serde_json::to_value(&restriction).unwrap_or_default(),
            )?;
            record_at(tx, rowid)
        })?)
    }

    /// Records a review of restriction `number`: kept until the next review,
    /// or lifted. One transaction, audited.
    pub fn review_restriction(
        &mut self,
        id: PersonId,
        number: u32,
        form: &StepForm,
        actor: &Actor,
    ) -> Result<PersonRecord, PersonFormError> {
        super::case_rows::check_actor(actor)?;
        let rowid = rowid_of(&self.conn, id)?;
        let review = Review::from_form(form, actor.today)?;
        Ok(self.transaction(actor, |tx| {
            let person = person_at(tx, rowid)?;
            let mut restrictions = restrictions_of(tx, rowid)?;
            review.apply(&mut restrictions, number, actor.name.trim())?;
            let Some(reviewed) = restrictions.iter().find(|r| r.number == number) else {
                return Err(StoreError::Corrupt(format!(
                    "restriction {number} vanished"
                )));
            };
            write_restriction(tx, rowid, reviewed, actor.now)?;
            let summary = match reviewed.lifted_on() {
                Some(on) => format!(
                    "Restriction {number} reviewed and lifted on {}",
                    redress::dates::long(on)
                ),
                None => format!(
                    "Restriction {number} reviewed and kept: next review {}",
                    redress::dates::long(reviewed.review_on)
                ),
            };
            append_person_event(
                tx,
                actor,
                person.id,
                "reviewed",
                &summary,
                serde_json::to_value(reviewed.reviews.last()).unwrap_or_default(),
            )?;
            record_at(tx, rowid)
        })?)
    }

    /// Active restrictions whose review date is on or before `by`, with
    /// their person: what reminders and the caseload show.
    pub fn restriction_reviews_due(
        &self,
        by: NaiveDate,
    ) -> Result<Vec<(Person, Restriction)>, StoreError> {
        let rows: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT person_id FROM restrictions WHERE lifted_on IS NULL AND review_on <= ?1
                 GROUP BY person_id ORDER BY MIN(review_on)",
            )?
            .query_map([date_text(by)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut due = Vec::new();
        for rowid in rows {
            let person = person_at(&self.conn, rowid)?;
            for restriction in restrictions_of(&self.conn, rowid)? {
                if restriction.is_active() && restriction.review_on <= by {
                    due.push((person.clone(), restriction));
                }
            }
        }
        Ok(due)
    }
}

/// The migration hook that turns each case's complainant into a person:
/// one person per email address (compared without case; the details of
/// their latest case), and one each for anonymous and email-less
/// complainants. Runs before the cases' copies are dropped (0004).
/// A case's complainant as the schema before 0003 kept it: id, received,
/// name, address, postcode, email, phone, preferred contact, anonymous,
/// vulnerability, adjustments.
type OldComplainantRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    bool,
    String,
    String,
);

pub(super) fn people_from_cases(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows: Vec<(String, String, Complainant)> = {
        let mut stmt = tx.prepare(
            "SELECT id, received_on, complainant_name, complainant_address, complainant_postcode,
                complainant_email, complainant_phone, preferred_contact, anonymous, vulnerability, adjustments
             FROM cases ORDER BY received_on, rowid",
        )?;
        let raw: Vec<OldComplainantRow> = stmt
            .query_map([], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(
                |(
                    id,
                    received,
                    name,
                    address,
                    postcode,
                    email,
                    phone,
                    preferred,
                    anonymous,
                    vulnerability,
                    adjustments,
                )| {
                    Ok((
                        id,
                        received,
                        Complainant {
                            name,
                            address,
                            postcode,
                            email,
                            phone,
                            preferred_contact: preferred.as_deref().map(read_term).transpose()?,
                            language: None,
                            anonymous,
                            vulnerability,
                            adjustments,
                        },
                    ))
                },
            )
            .collect::<Result<_, StoreError>>()?
    };
    let mut by_email: std::collections::HashMap<String, (i64, Complainant)> =
        std::collections::HashMap::new();
    for (case_id, received, details) in rows {
        let when = read_date(&received)?
            .and_hms_opt(12, 0, 0)
            .map_or(DateTime::<Utc>::UNIX_EPOCH, |t| t.and_utc());
        let email = MatchKeys::of(&details).email;
        let rowid = match email.as_ref().and_then(|e| by_email.get_mut(e)) {
            Some((rowid, known)) => {
                // Oldest first: the latest case's details win, blanks never do.
                *known = known.updated_by(&details);
                *rowid
            }
            None => {
                let rowid = insert_person(tx, PersonId(uuid_v7_at(when)), &details)?;
                if let Some(email) = email {
                    by_email.insert(email, (rowid, details.clone()));
                }
                rowid
            }
        };
        super::execute_cached(
            tx,
            "UPDATE cases SET person_id = ?1 WHERE id = ?2",
            params![rowid, case_id],
        )?;
    }
    for (rowid, details) in by_email.into_values() {
        write_person_row(tx, rowid, &details)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{migrations, Store};
    use rusqlite::Connection;

    /// A database as the schema before people (migration 0002) made it:
    /// three complainants, two of them one person by email.
    fn old_database() -> Connection {
        let mut conn = Connection::open_in_memory().expect("db");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        migrations().to_version(&mut conn, 2).expect("schema 2");
        conn.execute_batch(
            "INSERT INTO service_areas (id, name, uid) VALUES (1, 'Housing', '0192f0c4-0000-7000-8000-000000000001');
             INSERT INTO cases (id, reference, received_on, channel, complainant_name, complainant_address,
                complainant_postcode, complainant_email, complainant_phone, preferred_contact, anonymous,
                vulnerability, adjustments, service_area_id, summary, description, outcome_sought, triage,
                triage_note, status, status_reason)
             VALUES
             ('0192f0c4-0000-7000-8000-00000000000a', 'CMP-2026-00001', '2026-03-01', 'email', 'Siân Jones',
                '1 High St', 'LL55 1AA', 'Sian@Example.org', '', NULL, 0, '', 'Large print', 1, 'Damp', '', '',
                'complaint', '', 'open', ''),
             ('0192f0c4-0000-7000-8000-00000000000b', 'CMP-2026-00002', '2026-09-01', 'phone', 'Sian Jones',
                '', '', 'sian@example.org', '01234 567890', 'phone', 0, 'Recently bereaved', '', 1, 'Mould', '',
                '', 'complaint', '', 'open', ''),
             ('0192f0c4-0000-7000-8000-00000000000c', 'CMP-2026-00003', '2026-09-02', 'letter', '', '', '', '',
                '', NULL, 1, '', '', 1, 'Noise', '', '', 'complaint', '', 'open', '');
             INSERT INTO case_search (rowid, reference, names, summary, body)
                SELECT rowid, reference, complainant_name, summary, '' FROM cases;
             INSERT INTO events (id, case_id, device, hlc, at, actor, kind, summary, body, changes)
             VALUES ('0192f0c4-0000-7000-8000-0000000000e1', '0192f0c4-0000-7000-8000-00000000000a', 'dev',
                '0000000000001-0000-dev', '2026-03-01T10:00:00.000Z', 'jo', 'recorded', 'Recorded',
                '{\"event\":\"recorded\",\"action\":\"create\",\"summary\":\"Recorded\"}', '[]');",
        )
        .expect("old rows");
        conn
    }

    #[test]
    fn the_column_count_is_the_columns_listed() {
        assert_eq!(
            super::PERSON_COLUMNS.split(',').count(),
            super::PERSON_COLUMN_COUNT
        );
    }

    #[test]
    fn the_migration_makes_one_person_per_email_and_loses_nothing() {
        let mut conn = old_database();
        migrations().to_latest(&mut conn).expect("migrated");
        let people: i64 = conn
            .query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))
            .expect("count");
        assert_eq!(
            people, 2,
            "one per email, one for the anonymous complainant"
        );
        let unlinked: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM cases WHERE person_id IS NULL",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(unlinked, 0);
        let store = Store {
            conn,
            path: std::path::PathBuf::from(":memory:"),
        };
        let first = store.case("CMP-2026-00001").expect("case 1");
        let second = store.case("CMP-2026-00002").expect("case 2");
        let third = store.case("CMP-2026-00003").expect("case 3");
        assert_eq!(first.person, second.person);
        assert_ne!(first.person, third.person);
        // The latest case's details, blanks never erasing what was known.
        let d = &first.complainant;
        assert_eq!(d.name, "Sian Jones");
        assert_eq!(d.address, "1 High St");
        assert_eq!(d.phone, "01234 567890");
        assert_eq!(d.adjustments, "Large print");
        assert_eq!(d.vulnerability, "Recently bereaved");
        assert!(third.complainant.anonymous);
        assert_eq!(store.history("CMP-2026-00001").expect("history").len(), 1);
        let record = store.person("sian@example.org").expect("by email");
        assert_eq!(record.cases, vec!["CMP-2026-00001", "CMP-2026-00002"]);
        // Search still finds the case by the person's name.
        let calendar = redress::calendar::Calendar::new(redress::calendar::Nation::EnglandAndWales);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let found = store
            .search(
                &crate::CaseQuery {
                    text: Some("Siân".to_owned()),
                    state: crate::StateFilter::All,
                    ..Default::default()
                },
                today,
                &calendar,
            )
            .expect("search");
        assert_eq!(found.len(), 2);
    }
}
