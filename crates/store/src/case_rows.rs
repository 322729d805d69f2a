//! A case's rows: reading one whole (its stages, extensions, remedies,
//! actions, referral and links) and writing one whole, with its derived
//! next deadline and its search entry; allocating ids and references.
//! What every other part of the store that touches a case builds on.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use super::columns::{date_text, opt_date_text, read_date, read_opt_date, read_term};
use super::events::uuid_v7_at;
use super::{Actor, StoreError};
use redress::case::{
    Action, Case, CaseId, Complainant, Extension, Named, OfficerRef, Referral, Remedy,
    Representative, Stage, Status, Triage,
};
use redress::deadline::StageDeadlines;
use redress::people::PersonId;
use redress::policy::{ResponseClock, StagePolicy};

/// A new UUIDv7 from the actor's clock reading (never the system clock here).
pub(super) fn new_case_id(actor: &Actor) -> CaseId {
    CaseId(uuid_v7_at(actor.now))
}

/// The next free reference `<PREFIX>-<YEAR>-<NNNNN>` for this installation.
pub(super) fn next_reference(
    tx: &Transaction<'_>,
    prefix: &str,
    year: i32,
) -> Result<String, StoreError> {
    let mut last: i64 = tx
        .prepare_cached("SELECT last FROM reference_counters WHERE prefix = ?1 AND year = ?2")?
        .query_row(params![prefix, year], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    loop {
        last += 1;
        let candidate = format!("{prefix}-{year}-{last:05}");
        let taken: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE reference = ?1)")?
            .query_row([&candidate], |r| r.get(0))?;
        if !taken {
            super::execute_cached(
                tx,
                "INSERT INTO reference_counters (prefix, year, last) VALUES (?1, ?2, ?3)
                 ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last",
                params![prefix, year, last],
            )?;
            return Ok(candidate);
        }
    }
}

fn officer_ref(conn: &Connection, id: Option<i64>) -> Result<Option<OfficerRef>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let officer = conn
        .prepare_cached("SELECT id, name, service_area_id FROM officers WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(OfficerRef {
                id: r.get(0)?,
                name: r.get(1)?,
                service_area_id: r.get(2)?,
            })
        })
        .optional()?;
    Ok(officer)
}

const CASE_COLUMNS: &str = "c.id, c.reference, c.received_on, c.channel, p.name, p.address,
    p.postcode, p.email, p.phone, p.preferred_contact, p.anonymous,
    p.vulnerability, p.adjustments, c.representative_name, c.representative_relationship,
    c.representative_consent_on, c.service_area_id, a.name, c.category_id, g.name, c.summary, c.description,
    c.outcome_sought, c.triage, c.exclusion_reason, c.triage_note, c.officer_id, c.status, c.status_on,
    c.status_reason, p.uid, p.language";

/// The raw row of `cases`, before its children are read.
struct CaseRow {
    case: Case,
    officer_id: Option<i64>,
}

fn case_from_row(r: &Row<'_>) -> Result<CaseRow, StoreError> {
    let id: String = r.get(0)?;
    let id = Uuid::parse_str(&id).map_err(|_| StoreError::Corrupt(format!("case id '{id}'")))?;
    let preferred: Option<String> = r.get(9)?;
    let rep_name: Option<String> = r.get(13)?;
    let category_id: Option<i64> = r.get(18)?;
    let category_name: Option<String> = r.get(19)?;
    let triage: String = r.get(23)?;
    let exclusion: Option<String> = r.get(24)?;
    let triage = match (triage.as_str(), exclusion) {
        ("complaint", _) => Triage::Complaint,
        ("service-request", _) => Triage::ServiceRequest { note: r.get(25)? },
        ("excluded", Some(reason)) => Triage::Excluded {
            reason: read_term(&reason)?,
            note: r.get(25)?,
        },
        (other, _) => return Err(StoreError::Corrupt(format!("triage '{other}'"))),
    };
    let status: String = r.get(27)?;
    let status_on = read_opt_date(r.get(28)?)?;
    let status_reason: String = r.get(29)?;
    let status = match (status.as_str(), status_on) {
        ("open", _) => Status::Open,
        ("withdrawn", Some(on)) => Status::Withdrawn {
            on,
            reason: status_reason,
        },
        ("closed", Some(on)) => Status::Closed {
            on,
            reason: status_reason,
        },
        (other, _) => return Err(StoreError::Corrupt(format!("status '{other}'"))),
    };
    let received: String = r.get(2)?;
    let channel: String = r.get(3)?;
    let person: String = r.get(30)?;
    let person = person
        .parse::<PersonId>()
        .map_err(|_| StoreError::Corrupt(format!("person id '{person}'")))?;
    Ok(CaseRow {
        case: Case {
            id: CaseId(id),
            reference: r.get(1)?,
            received_on: read_date(&received)?,
            channel: read_term(&channel)?,
            person,
            complainant: Complainant {
                name: r.get(4)?,
                address: r.get(5)?,
                postcode: r.get(6)?,
                email: r.get(7)?,
                phone: r.get(8)?,
                preferred_contact: preferred.as_deref().map(read_term).transpose()?,
                language: r
                    .get::<_, Option<String>>(31)?
                    .as_deref()
                    .map(read_term)
                    .transpose()?,
                anonymous: r.get(10)?,
                vulnerability: r.get(11)?,
                adjustments: r.get(12)?,
            },
            representative: match rep_name {
                Some(name) => Some(Representative {
                    name,
                    relationship: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                    consent_received_on: read_opt_date(r.get(15)?)?,
                }),
                None => None,
            },
            service_area: Named {
                id: r.get(16)?,
                name: r.get(17)?,
            },
            category: category_id
                .zip(category_name)
                .map(|(id, name)| Named { id, name }),
            summary: r.get(20)?,
            description: r.get(21)?,
            outcome_sought: r.get(22)?,
            triage,
            officer: None,
            linked: Vec::new(),
            stages: Vec::new(),
            actions: Vec::new(),
            referral: None,
            status,
        },
        officer_id: r.get(26)?,
    })
}

/// Reads a whole case by its reference.
pub(super) fn load_case(conn: &Connection, reference: &str) -> Result<Case, StoreError> {
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases c JOIN service_areas a ON a.id = c.service_area_id
         JOIN people p ON p.id = c.person_id LEFT JOIN categories g ON g.id = c.category_id
         WHERE c.reference = ?1 COLLATE NOCASE ORDER BY c.reference = ?1 DESC LIMIT 1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([reference.trim()])?;
    let Some(row) = rows.next()? else {
        return Err(StoreError::CaseNotFound(reference.trim().to_owned()));
    };
    whole_case(conn, row)
}

/// A case from its row of `CASE_COLUMNS`, with its officer and children.
fn whole_case(conn: &Connection, row: &Row<'_>) -> Result<Case, StoreError> {
    let officers = Officers::ByKey(conn);
    let CaseRow {
        mut case,
        officer_id,
    } = case_from_row(row)?;
    case.officer = officers.get(officer_id)?;
    let mut cases = [case];
    load_children(conn, &mut cases, &officers)?;
    let [case] = cases;
    Ok(case)
}

/// How many cases [`each_case`] reads the children of at once.
const BLOCK: usize = 256;

/// Reads every case, oldest first (by date received, then reference), from
/// one cursor, a block at a time (each kind of child read for the whole
/// block in one statement, the officers once), handing each to `each`:
/// memory stays that of one block however many cases there are. Returns
/// how many were read.
pub(super) fn each_case<E: From<StoreError>>(
    conn: &Connection,
    mut each: impl FnMut(&Case) -> Result<(), E>,
) -> Result<usize, E> {
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases c JOIN service_areas a ON a.id = c.service_area_id
         JOIN people p ON p.id = c.person_id LEFT JOIN categories g ON g.id = c.category_id
         ORDER BY c.received_on, c.reference"
    );
    let officers = Officers::read(conn)?;
    let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    let mut block = Vec::with_capacity(BLOCK);
    let mut read = 0;
    let mut hand_on = |block: &mut Vec<Case>| -> Result<(), E> {
        load_children(conn, block, &officers)?;
        for case in block.drain(..) {
            each(&case)?;
            read += 1;
        }
        Ok(())
    };
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let CaseRow {
            mut case,
            officer_id,
        } = case_from_row(row)?;
        case.officer = officers.get(officer_id)?;
        block.push(case);
        if block.len() == BLOCK {
            hand_on(&mut block)?;
        }
    }
    hand_on(&mut block)?;
    Ok(read)
}

/// Where the officers a case names are found: by key, for one case; from
/// the whole table read once, for every case.
enum Officers<'c> {
    ByKey(&'c Connection),
    Read(HashMap<i64, OfficerRef>),
}

impl Officers<'_> {
    fn read(conn: &Connection) -> Result<Officers<'static>, StoreError> {
        let officers = conn
            .prepare_cached("SELECT id, name, service_area_id FROM officers")?
            .query_map([], |r| {
                Ok(OfficerRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    service_area_id: r.get(2)?,
                })
            })?
            .map(|officer| officer.map(|o| (o.id, o)))
            .collect::<Result<_, _>>()?;
        Ok(Officers::Read(officers))
    }

    fn get(&self, id: Option<i64>) -> Result<Option<OfficerRef>, StoreError> {
        match self {
            Officers::ByKey(conn) => officer_ref(conn, id),
            Officers::Read(officers) => Ok(id.and_then(|id| officers.get(&id).cloned())),
        }
    }
}

/// The children of these cases (stages, extensions, remedies, actions,
/// referral and links), each kind read for all of them in one statement.
fn load_children(
    conn: &Connection,
    cases: &mut [Case],
    officers: &Officers<'_>,
) -> Result<(), StoreError> {
    if cases.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = cases.iter().map(|c| c.id.to_string()).collect();
    let place: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let ids_json = serde_json::to_string(&ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // Which case a child row (its first column) belongs to.
    let owner = |r: &Row<'_>| -> Result<usize, StoreError> {
        let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        place
            .get(id)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("child row of case '{id}'")))
    };
    each_child(
        conn,
            "SELECT case_id, number, opened_on, handler_id, acknowledged_on, responded_on, outcome, reasons,
                learning, improvements, acknowledge_days, response_days, response_from, extension_limit_days,
                acknowledge_by, respond_by, original_respond_by, extension_limit
             FROM stages WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, number",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            let number: i64 = r.get(1)?;
            let opened: String = r.get(2)?;
            let outcome: Option<String> = r.get(6)?;
            let response_from: String = r.get(12)?;
            let date = |index: usize| -> Result<chrono::NaiveDate, StoreError> {
                read_date(&r.get::<_, String>(index)?)
            };
            case.stages.push(Stage {
                number: usize::try_from(number)
                    .map_err(|_| StoreError::Corrupt(format!("stage {number}")))?,
                opened_on: read_date(&opened)?,
                handler: officers.get(r.get(3)?)?,
                acknowledged_on: read_opt_date(r.get(4)?)?,
                extensions: Vec::new(),
                responded_on: read_opt_date(r.get(5)?)?,
                outcome: outcome.as_deref().map(read_term).transpose()?,
                reasons: r.get(7)?,
                remedies: Vec::new(),
                learning: r.get(8)?,
                improvements: r.get(9)?,
                timescales: StagePolicy {
                    acknowledge_days: r.get(10)?,
                    response_days: r.get(11)?,
                    response_from: match response_from.as_str() {
                        "receipt" => ResponseClock::Receipt,
                        "acknowledgement" => ResponseClock::Acknowledgement,
                        other => return Err(StoreError::Corrupt(format!("response clock '{other}'"))),
                    },
                    extension_limit_days: r.get(13)?,
                },
                deadlines: StageDeadlines {
                    acknowledge_by: date(14)?,
                    respond_by: date(15)?,
                    original_respond_by: date(16)?,
                    extension_limit: date(17)?,
                },
            });
            Ok(())
        },
    )?;
    each_child(
        conn,
        "SELECT case_id, stage, agreed_on, days, reason, good_reason FROM extensions
             WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, stage, position",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            let stage: i64 = r.get(1)?;
            let agreed: String = r.get(2)?;
            let extension = Extension {
                agreed_on: read_date(&agreed)?,
                days: r.get(3)?,
                reason: r.get(4)?,
                good_reason: r.get(5)?,
            };
            stage_mut(case, stage)?.extensions.push(extension);
            Ok(())
        },
    )?;
    each_child(
        conn,
        "SELECT case_id, stage, kind, detail, amount_pence FROM remedies
             WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, stage, position",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            let stage: i64 = r.get(1)?;
            let kind: String = r.get(2)?;
            let remedy = Remedy {
                kind: read_term(&kind)?,
                detail: r.get(3)?,
                amount_pence: r.get(4)?,
            };
            stage_mut(case, stage)?.remedies.push(remedy);
            Ok(())
        },
    )?;
    each_child(
        conn,
        "SELECT case_id, number, description, owner, due_on, done_on FROM actions
             WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, number",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            let due: String = r.get(4)?;
            case.actions.push(Action {
                number: r.get(1)?,
                description: r.get(2)?,
                owner: r.get(3)?,
                due_on: read_date(&due)?,
                done_on: read_opt_date(r.get(5)?)?,
            });
            Ok(())
        },
    )?;
    each_child(
        conn,
            "SELECT case_id, ombudsman, referred_on, their_reference, decision, decided_on, remedy, complied_on,
                comply_by
             FROM referrals WHERE case_id IN (SELECT value FROM json_each(?1))",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            let ombudsman: String = r.get(1)?;
            let referred: String = r.get(2)?;
            case.referral = Some(Referral {
                ombudsman: read_term(&ombudsman)?,
                referred_on: read_date(&referred)?,
                their_reference: r.get(3)?,
                decision: r.get(4)?,
                decided_on: read_opt_date(r.get(5)?)?,
                remedy: r.get(6)?,
                complied_on: read_opt_date(r.get(7)?)?,
                comply_by: read_opt_date(r.get(8)?)?,
            });
            Ok(())
        },
    )?;
    each_child(
        conn,
        "SELECT case_id, reference FROM case_links
             WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, position",
        &ids_json,
        |r| {
            let case = &mut cases[owner(r)?];
            case.linked.push(r.get(1)?);
            Ok(())
        },
    )?;
    Ok(())
}

/// Runs `sql` (its first column a case id, `?1` the block's ids as JSON)
/// and hands each row to `row`.
fn each_child(
    conn: &Connection,
    sql: &str,
    ids_json: &str,
    mut row: impl FnMut(&Row<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([ids_json])?;
    while let Some(r) = rows.next()? {
        row(r)?;
    }
    Ok(())
}

fn stage_mut(case: &mut Case, number: i64) -> Result<&mut Stage, StoreError> {
    case.stages
        .iter_mut()
        .find(|s| i64::try_from(s.number).ok() == Some(number))
        .ok_or_else(|| StoreError::Corrupt(format!("row for missing stage {number}")))
}

/// Writes a whole case: its row with the derived deadline, its children and
/// its search entry, replacing what was there.
pub(super) fn save_case(tx: &Transaction<'_>, case: &Case) -> Result<(), StoreError> {
    write_case(tx, case, false)
}

/// Writes a case just made (intake, import, demo data): as [`save_case`],
/// without first removing children it cannot have yet.
pub(super) fn save_new_case(tx: &Transaction<'_>, case: &Case) -> Result<(), StoreError> {
    write_case(tx, case, true)
}

fn write_case(tx: &Transaction<'_>, case: &Case, new: bool) -> Result<(), StoreError> {
    let id = case.id.to_string();
    let next_due = case.next_due();
    let (exclusion, note) = match &case.triage {
        Triage::Excluded { reason, note } => (Some(reason.slug()), note.as_str()),
        Triage::ServiceRequest { note } => (None, note.as_str()),
        Triage::Complaint => (None, ""),
    };
    let (status_on, status_reason) = match &case.status {
        Status::Open => (None, ""),
        Status::Withdrawn { on, reason } | Status::Closed { on, reason } => {
            (Some(*on), reason.as_str())
        }
    };
    let rep = case.representative.as_ref();
    tx.prepare_cached(
        "INSERT INTO cases (id, reference, received_on, channel, person_id, representative_name,
            representative_relationship, representative_consent_on, service_area_id, category_id, summary,
            description, outcome_sought, triage, exclusion_reason, triage_note, officer_id, status, status_on,
            status_reason, current_stage, next_due_on, next_due_what)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
            ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)
         ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, received_on = excluded.received_on,
            channel = excluded.channel, person_id = excluded.person_id,
            representative_name = excluded.representative_name,
            representative_relationship = excluded.representative_relationship,
            representative_consent_on = excluded.representative_consent_on,
            service_area_id = excluded.service_area_id, category_id = excluded.category_id,
            summary = excluded.summary, description = excluded.description, outcome_sought = excluded.outcome_sought,
            triage = excluded.triage, exclusion_reason = excluded.exclusion_reason, triage_note = excluded.triage_note,
            officer_id = excluded.officer_id, status = excluded.status, status_on = excluded.status_on,
            status_reason = excluded.status_reason, current_stage = excluded.current_stage,
            next_due_on = excluded.next_due_on, next_due_what = excluded.next_due_what",
    )?
    .execute(params![
        id,
        case.reference,
        date_text(case.received_on),
        case.channel.slug(),
        rowid_of(tx, case.person)?,
        rep.map(|r| r.name.as_str()),
        rep.map(|r| r.relationship.as_str()),
        opt_date_text(rep.and_then(|r| r.consent_received_on)),
        case.service_area.id,
        case.category.as_ref().map(|g| g.id),
        case.summary,
        case.description,
        case.outcome_sought,
        case.triage.slug(),
        exclusion,
        note,
        case.officer.as_ref().map(|o| o.id),
        case.status.slug(),
        opt_date_text(status_on),
        status_reason,
        case.current_stage().map(|s| s.number as i64),
        opt_date_text(next_due.map(|d| d.on)),
        next_due.map(|d| d.what.slug()),
    ])?;
    // A case already saved loses the children it had; they are written again.
    if !new {
        for table in [
            "extensions",
            "remedies",
            "stages",
            "actions",
            "referrals",
            "case_links",
        ] {
            super::execute_cached(
                tx,
                &format!("DELETE FROM {table} WHERE case_id = ?1"),
                [&id],
            )?;
        }
    }
    for stage in &case.stages {
        tx.prepare_cached(
            "INSERT INTO stages (case_id, number, opened_on, handler_id, acknowledged_on, responded_on, outcome,
                reasons, learning, improvements, acknowledge_days, response_days, response_from,
                extension_limit_days, acknowledge_by, respond_by, original_respond_by, extension_limit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?
        .execute(params![
                id,
                stage.number as i64,
                date_text(stage.opened_on),
                stage.handler.as_ref().map(|h| h.id),
                opt_date_text(stage.acknowledged_on),
                opt_date_text(stage.responded_on),
                stage.outcome.map(|o| o.slug()),
                stage.reasons,
                stage.learning,
                stage.improvements,
                stage.timescales.acknowledge_days,
                stage.timescales.response_days,
                stage.timescales.response_from.slug(),
                stage.timescales.extension_limit_days,
                date_text(stage.deadlines.acknowledge_by),
                date_text(stage.deadlines.respond_by),
                date_text(stage.deadlines.original_respond_by),
                date_text(stage.deadlines.extension_limit),
            ])?;
        for (position, e) in stage.extensions.iter().enumerate() {
            super::execute_cached(tx,
                "INSERT INTO extensions (case_id, stage, position, agreed_on, days, reason, good_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, stage.number as i64, position as i64, date_text(e.agreed_on), e.days, e.reason, e.good_reason],
            )?;
        }
        for (position, r) in stage.remedies.iter().enumerate() {
            super::execute_cached(
                tx,
                "INSERT INTO remedies (case_id, stage, position, kind, detail, amount_pence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    stage.number as i64,
                    position as i64,
                    r.kind.slug(),
                    r.detail,
                    r.amount_pence
                ],
            )?;
        }
    }
    for a in &case.actions {
        super::execute_cached(tx,
            "INSERT INTO actions (case_id, number, description, owner, due_on, done_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, a.number, a.description, a.owner, date_text(a.due_on), opt_date_text(a.done_on)],
        )?;
    }
    if let Some(r) = &case.referral {
        super::execute_cached(tx,
            "INSERT INTO referrals (case_id, ombudsman, referred_on, their_reference, decision, decided_on, remedy,
                complied_on, comply_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                r.ombudsman.slug(),
                date_text(r.referred_on),
                r.their_reference,
                r.decision,
                opt_date_text(r.decided_on),
                r.remedy,
                opt_date_text(r.complied_on),
                opt_date_text(r.comply_by)
            ],
        )?;
    }
    for (position, reference) in case.linked.iter().enumerate() {
        super::execute_cached(
            tx,
            "INSERT INTO case_links (case_id, position, reference) VALUES (?1, ?2, ?3)",
            params![id, position as i64, reference],
        )?;
    }
    super::search::index_case(tx, case)
}

/// Refuses a write with nobody named as acting.
pub(super) fn check_actor(actor: &Actor) -> Result<(), StoreError> {
    if actor.name.trim().is_empty() {
        Err(StoreError::NoActor)
    } else {
        Ok(())
    }
}

/// The row id of the person with this id, following merges to the record
/// kept, so that an old id still finds the person.
pub(super) fn rowid_of(conn: &Connection, id: PersonId) -> Result<i64, StoreError> {
    let mut row: Option<(i64, Option<i64>)> = conn
        .prepare_cached("SELECT id, merged_into FROM people WHERE uid = ?1")?
        .query_row([id.to_string()], |r| r.try_into())
        .optional()?;
    // A chain of merges is short; the bound only guards a damaged file.
    for _ in 0..64 {
        match row {
            None => return Err(StoreError::PersonNotFound(id.to_string())),
            Some((rowid, None)) => return Ok(rowid),
            Some((_, Some(next))) => {
                row = conn
                    .prepare_cached("SELECT id, merged_into FROM people WHERE id = ?1")?
                    .query_row([next], |r| r.try_into())
                    .optional()?;
            }
        }
    }
    Err(StoreError::Corrupt(format!(
        "a loop of merges from person {id}"
    )))
}
