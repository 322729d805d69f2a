//! Cases in the database: reading one whole, writing one whole (with its
//! derived deadline and search entry), and the two user-facing operations,
//! recording a new case and applying a step to one, each a transaction with
//! its audit entry.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use super::columns::{date_text, opt_date_text, read_date, read_opt_date, read_term};
use super::events::{append, uuid_v7_at};
use super::people::{link_person, PersonLink};
use super::reference_data::{find_named, officer_by_name};
use super::{Actor, Store, StoreError};
use redress::case::{
    Action, Case, CaseCommand, CaseEvent, CaseId, Complainant, Extension, Named, NewCase,
    OfficerRef, Referral, Remedy, Representative, RuleContext, Stage, Status, Triage,
};
use redress::deadline::{stage_deadlines, StageDates, StageDeadlines};
use redress::people::PersonId;
use redress::policy::{Policy, ResponseClock, StagePolicy};

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
        super::people::rowid_of(tx, case.person)?,
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

/// The migration hook that gives the stages of an older database the
/// timescales and deadlines they lacked: those of the settings in force when
/// the database was upgraded, the best record there is.
pub(super) fn fix_stage_timescales(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let settings = super::settings::read_settings(tx)?;
    let calendar = settings.calendar();
    let rows: Vec<(String, i64, String, Option<String>, i64)> = tx
        .prepare(
            "SELECT s.case_id, s.number, s.opened_on, s.acknowledged_on,
                (SELECT COALESCE(SUM(days), 0) FROM extensions e WHERE e.case_id = s.case_id AND e.stage = s.number)
             FROM stages s WHERE s.acknowledge_days IS NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    let fallback = *Policy::complaint_handling_code()
        .stages()
        .last()
        .ok_or_else(|| StoreError::Corrupt("the default policy has no stages".to_owned()))?;
    for (case_id, number, opened, acknowledged, extension_days) in rows {
        let timescales = usize::try_from(number)
            .ok()
            .and_then(|n| settings.policy.stage(n))
            .copied()
            .unwrap_or(fallback);
        let deadlines = stage_deadlines(
            &calendar,
            &timescales,
            &StageDates {
                opened: read_date(&opened)?,
                acknowledged: read_opt_date(acknowledged)?,
                extension_days: u32::try_from(extension_days).unwrap_or(0),
            },
        );
        super::execute_cached(tx,
            "UPDATE stages SET acknowledge_days = ?3, response_days = ?4, response_from = ?5,
                extension_limit_days = ?6, acknowledge_by = ?7, respond_by = ?8, original_respond_by = ?9,
                extension_limit = ?10
             WHERE case_id = ?1 AND number = ?2",
            params![
                case_id,
                number,
                timescales.acknowledge_days,
                timescales.response_days,
                timescales.response_from.slug(),
                timescales.extension_limit_days,
                date_text(deadlines.acknowledge_by),
                date_text(deadlines.respond_by),
                date_text(deadlines.original_respond_by),
                date_text(deadlines.extension_limit),
            ],
        )?;
    }
    Ok(())
}

/// Resolves an intake's names, links it to its person and builds the case,
/// inside a transaction.
pub(super) fn open_case(
    tx: &Transaction<'_>,
    mut intake: NewCase,
    actor: &Actor,
    prefix: &str,
    ctx: RuleContext<'_>,
) -> Result<(Case, CaseEvent, PersonLink), StoreError> {
    let (service_area, category, officer) = intake_references(tx, &intake)?;
    let (person, details) = link_person(tx, intake.person, &intake.complainant, actor)?;
    intake.complainant = details;
    use chrono::Datelike;
    let reference = next_reference(tx, prefix, intake.received_on.year())?;
    let (case, event) = Case::open(
        new_case_id(actor),
        reference,
        intake,
        person.id,
        service_area,
        category,
        officer,
        ctx,
    )?;
    Ok((case, event, person))
}

/// Applies steps to a loaded case, saving it and appending an event after
/// each; the first refusal stops it (the caller's transaction then rolls
/// everything back).
pub(super) fn apply_steps(
    tx: &Transaction<'_>,
    case: &mut Case,
    commands: Vec<CaseCommand>,
    actor: &Actor,
    ctx: RuleContext<'_>,
) -> Result<(), StoreError> {
    // Every step through the rules first, then the case saved once and
    // each step's event logged with the case as that step left it.
    let mut taken = Vec::with_capacity(commands.len());
    for command in commands {
        if let CaseCommand::Link { reference: other } = &command {
            load_case(tx, other)?;
        }
        let before = case.clone();
        let event = case.apply(command.clone(), ctx)?;
        taken.push((before, case.clone(), event, command));
    }
    if taken.is_empty() {
        return Ok(());
    }
    save_case(tx, case)?;
    for (before, after, event, command) in &taken {
        super::events::append_step(tx, actor, before, after, event, command, ctx)?;
    }
    Ok(())
}

/// Records a new case inside the caller's transaction: opened by the
/// rules, saved with its event, linked to its person and to the case it
/// repeats.
pub(super) fn open_and_save(
    tx: &Transaction<'_>,
    intake: NewCase,
    actor: &Actor,
    under: Under<'_>,
) -> Result<Recorded, StoreError> {
    check_actor(actor)?;
    let repeat_of = intake.repeat_of.clone();
    let ctx = under.rules;
    let (mut case, event, person) =
        open_case(tx, intake, actor, &under.settings.reference_prefix, ctx)?;
    save_new_case(tx, &case)?;
    append(tx, actor, None, &case, &event)?;
    if let Some(reference) = repeat_of {
        apply_steps(
            tx,
            &mut case,
            vec![CaseCommand::Link { reference }],
            actor,
            ctx,
        )?;
    }
    Ok(Recorded { case, person })
}

/// The service area, category and officer an intake names, each looked up
/// as recording it would: unknown or retired ones refused.
fn intake_references(
    conn: &Connection,
    intake: &NewCase,
) -> Result<(Named, Option<Named>, Option<OfficerRef>), StoreError> {
    if intake.service_area.trim().is_empty() {
        return Err(redress::case::RuleError::Required {
            field: "service_area",
            what: "the service area complained about",
        }
        .into());
    }
    let service_area = find_named(conn, "service_areas", &intake.service_area)?;
    let category = intake
        .category
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| find_named(conn, "categories", c))
        .transpose()?;
    let officer = match intake.officer.as_deref().filter(|o| !o.trim().is_empty()) {
        Some(name) => {
            let officer = officer_by_name(conn, name)?
                .ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))?;
            if officer.retired_on.is_some() {
                return Err(StoreError::RetiredOfficer(officer.name));
            }
            Some(officer.as_ref())
        }
        None => None,
    };
    Ok((service_area, category, officer))
}

/// What the service decides a write under: the rules in force (its one
/// policy and calendar, today, a person or history) and the settings they
/// come from. The store reads no settings to decide; it is told.
#[derive(Debug, Clone, Copy)]
pub struct Under<'a> {
    /// The rules in force.
    pub rules: RuleContext<'a>,
    /// The installation's settings (the reference prefix, the document
    /// limit, the letterhead).
    pub settings: &'a redress::settings::Settings,
}

impl<'a> Under<'a> {
    /// The rules of `settings` (its policy) on `calendar` (the one the
    /// settings imply, which the caller keeps), today, for a person or for
    /// history.
    pub fn new(
        settings: &'a redress::settings::Settings,
        calendar: &'a redress::calendar::Calendar,
        today: chrono::NaiveDate,
        record: redress::case::Record,
    ) -> Under<'a> {
        Under {
            rules: RuleContext {
                policy: &settings.policy,
                calendar,
                today,
                record,
            },
            settings,
        }
    }
}

impl Store {
    /// Checks what an intake names (service area, category, officer) as
    /// recording it would, and writes nothing: a dry run's answer.
    pub fn check_intake(&self, intake: &NewCase) -> Result<(), StoreError> {
        intake_references(&self.conn, intake).map(drop)
    }

    /// Records a new case under the service's rules, linked to its person
    /// (and to the case it repeats, if any), and returns it with its new
    /// reference.
    pub fn create_case(
        &mut self,
        intake: NewCase,
        actor: &Actor,
        under: Under<'_>,
    ) -> Result<Recorded, StoreError> {
        self.transaction(actor, |tx| open_and_save(tx, intake, actor, under))
    }

    /// Applies one step (under the service's rules) to the case with this
    /// reference, as one transaction
    /// with its event; a refusal changes nothing.
    pub fn apply(
        &mut self,
        reference: &str,
        command: CaseCommand,
        actor: &Actor,
        ctx: RuleContext<'_>,
    ) -> Result<Case, StoreError> {
        self.apply_all(reference, vec![command], actor, ctx)
    }

    /// Applies several steps (a response and the actions it promises) as one
    /// transaction, an event each; if any is refused, none is kept.
    pub fn apply_all(
        &mut self,
        reference: &str,
        commands: Vec<CaseCommand>,
        actor: &Actor,
        ctx: RuleContext<'_>,
    ) -> Result<Case, StoreError> {
        check_actor(actor)?;
        self.transaction(actor, |tx| {
            let mut case = load_case(tx, reference)?;
            apply_steps(tx, &mut case, commands, actor, ctx)?;
            Ok(case)
        })
    }

    /// The case with this reference.
    pub fn case(&self, reference: &str) -> Result<Case, StoreError> {
        load_case(&self.conn, reference)
    }
}

pub(super) fn check_actor(actor: &Actor) -> Result<(), StoreError> {
    if actor.name.trim().is_empty() {
        Err(StoreError::NoActor)
    } else {
        Ok(())
    }
}

/// A case just recorded and how it was linked to its person.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The case.
    pub case: Case,
    /// Its person, and whether they were already on record.
    pub person: PersonLink,
}

/// A case made elsewhere (the demo generator) with the events that made it.
#[derive(Debug, Clone)]
pub struct MadeCase {
    /// The case as it stands.
    pub case: Case,
    /// Its events, oldest first.
    pub events: Vec<CaseEvent>,
}

impl Store {
    /// Saves whole cases built elsewhere (the demo generator) with their
    /// events, giving each a new reference of this installation and linking
    /// each to its person by email, in one transaction.
    pub fn insert_cases(
        &mut self,
        cases: impl IntoIterator<Item = MadeCase>,
        actor: &Actor,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        check_actor(actor)?;
        self.transaction(actor, |tx| {
            let mut references = Vec::new();
            for MadeCase { mut case, events } in cases {
                use chrono::Datelike;
                case.reference = next_reference(tx, prefix, case.received_on.year())?;
                let (person, details) = link_person(tx, None, &case.complainant, actor)?;
                case.person = person.id;
                case.complainant = details;
                save_new_case(tx, &case)?;
                for event in &events {
                    append(tx, actor, None, &case, event)?;
                }
                references.push(case.reference);
            }
            Ok(references)
        })
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
