//! Finding cases: full-text search (SQLite FTS5) over references, names,
//! summaries, complaint text and notes, with filters, sorted by the next
//! deadline.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, Transaction};

use super::columns::{date_text, read_date, read_opt_date};
use super::{Store, StoreError};
use redress::calendar::Calendar;
use redress::case::{Case, Complainant, Due, Horizon, HorizonDates, NextDue, Triage};
use redress::people::PersonId;

/// Which cases by their status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Open cases only.
    #[default]
    Open,
    /// Closed cases only.
    Closed,
    /// Withdrawn cases only.
    Withdrawn,
    /// Every case.
    All,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CaseSort {
    /// Soonest next deadline first (cases with none last).
    #[default]
    Due,
    /// By date received, oldest first.
    Received,
    /// By reference.
    Reference,
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseQuery {
    /// Words to find (each must appear; a word matches as a prefix).
    pub text: Option<String>,
    /// Only cases whose current stage is this one.
    pub stage: Option<usize>,
    /// Open, closed, withdrawn or all.
    pub state: StateFilter,
    /// Only this service area (by name).
    pub service_area: Option<String>,
    /// Only cases this officer (by name) is accountable for or handles at
    /// their current stage (a stage 2 reviewer finds the cases they review).
    pub officer: Option<String>,
    /// Only cases this officer (by name) is involved in: as above, or as
    /// the owner of an open action ("my caseload").
    pub involving: Option<String>,
    /// Only cases whose next deadline has passed.
    pub overdue: bool,
    /// Only cases due within this many working days (overdue included).
    pub due_within: Option<u32>,
    /// Only this person's cases.
    pub person: Option<PersonId>,
    /// Only cases received on or after this date.
    pub received_since: Option<NaiveDate>,
    /// Only the cases in this caseload group (as of `today`).
    pub horizon: Option<Horizon>,
    /// The order.
    pub sort: CaseSort,
    /// Reverse the order.
    pub descending: bool,
    /// At most this many rows (all when `None`).
    pub limit: Option<u32>,
    /// Skip this many rows first.
    pub offset: u32,
}

/// One case in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The human reference.
    pub reference: String,
    /// When it was received.
    pub received_on: NaiveDate,
    /// The complainant's name ("Anonymous" when they asked).
    pub complainant: String,
    /// One-line summary.
    pub summary: String,
    /// The service complained about.
    pub service_area: String,
    /// The accountable officer, if allocated.
    pub officer: Option<String>,
    /// Who handles the current stage (its investigating officer or
    /// reviewer), if anyone.
    pub handler: Option<String>,
    /// Complaint, service request or excluded.
    pub triage: String,
    /// The current stage, for complaints.
    pub stage: Option<usize>,
    /// `open`, `closed` or `withdrawn`.
    pub status: String,
    /// The next deadline and what is due then, for open cases with one.
    pub next_due: Option<NextDue>,
}

/// An officer's part in a case on their caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The accountable officer, or the handler of stage 1.
    InvestigatingOfficer,
    /// The reviewer of this stage (2 or later).
    Reviewer(usize),
    /// The owner of an open action.
    ActionOwner,
}

impl Part {
    /// Words for people.
    pub fn label(self) -> String {
        match self {
            Part::InvestigatingOfficer => "Investigating officer".to_owned(),
            Part::Reviewer(stage) => format!("Stage {stage} reviewer"),
            Part::ActionOwner => "Action owner".to_owned(),
        }
    }
}

impl CaseRow {
    /// The part `officer` (by name) has in this case, as "my caseload"
    /// found it: reviewing the current stage first, then accountable or
    /// handling it, else owning an action.
    pub fn part_of(&self, officer: &str) -> Part {
        let same = |name: &Option<String>| {
            name.as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(officer.trim()))
        };
        match self.stage {
            Some(stage) if stage > 1 && same(&self.handler) => Part::Reviewer(stage),
            _ if same(&self.officer) || same(&self.handler) => Part::InvestigatingOfficer,
            _ => Part::ActionOwner,
        }
    }
}

/// The stored next deadline and what it is for, read back.
fn next_due(on: Option<NaiveDate>, what: Option<String>) -> Result<Option<NextDue>, StoreError> {
    match (on, what) {
        (Some(on), Some(what)) => Due::from_slug(&what)
            .map(|what| Some(NextDue { on, what }))
            .ok_or(StoreError::Corrupt(format!("due '{what}'"))),
        _ => Ok(None),
    }
}

/// An FTS5 query that finds every word as a prefix, with the user's text
/// quoted so no character of it is FTS syntax.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Replaces a case's search entry.
pub(super) fn index_case(tx: &Transaction<'_>, case: &Case) -> Result<(), StoreError> {
    let rowid: i64 = tx
        .prepare_cached("SELECT rowid FROM cases WHERE id = ?1")?
        .query_row([case.id.to_string()], |r| r.get(0))?;
    super::execute_cached(tx, "DELETE FROM case_search WHERE rowid = ?1", [rowid])?;
    // An anonymous complainant's details, held only where the law needs
    // them, are shown on the case and never found by search.
    let who = if case.complainant.anonymous {
        Complainant::default()
    } else {
        case.complainant.clone()
    };
    let mut names = vec![who.name.clone()];
    names.extend(case.representative.iter().map(|r| r.name.clone()));
    names.extend(case.officer.iter().map(|o| o.name.clone()));
    names.extend(
        case.stages
            .iter()
            .filter_map(|s| s.handler.as_ref().map(|h| h.name.clone())),
    );
    let mut body = vec![
        who.postcode.clone(),
        who.address.clone(),
        who.email.clone(),
        case.description.clone(),
        case.outcome_sought.clone(),
    ];
    if let Triage::Excluded { note, .. } | Triage::ServiceRequest { note } = &case.triage {
        body.push(note.clone());
    }
    for stage in &case.stages {
        body.extend([
            stage.reasons.clone(),
            stage.learning.clone(),
            stage.improvements.clone(),
        ]);
        body.extend(stage.extensions.iter().map(|e| e.reason.clone()));
        body.extend(stage.remedies.iter().map(|r| r.detail.clone()));
    }
    body.extend(case.actions.iter().map(|a| a.description.clone()));
    if let Some(referral) = &case.referral {
        body.extend([
            referral.their_reference.clone(),
            referral.decision.clone(),
            referral.remedy.clone(),
        ]);
    }
    body.extend(searchable_words(tx, case)?);
    super::execute_cached(tx,
        "INSERT INTO case_search (rowid, reference, names, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rowid, case.reference, names.join(" "), case.summary, body.join("\n")],
    )?;
    Ok(())
}

impl Store {
    /// Cases matching the query, soonest deadline first (cases with none
    /// last, newest first). `today` and the calendar decide what is overdue.
    pub fn search(
        &self,
        query: &CaseQuery,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Vec<CaseRow>, StoreError> {
        // The page's cases are chosen first from `cases` alone (joined only
        // where a filter needs it), then only they are read in full: a word
        // in 10,000 cases sorts 10,000 row ids, not 10,000 whole rows.
        let (mut sql, mut args) = filtered("SELECT c.rowid", query, today, calendar);
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = match query.sort {
            // Within one caseload group "nothing due last" is settled, and
            // saying it again would stop SQLite reading the index in order.
            CaseSort::Due if query.horizon.is_some() => format!(
                " ORDER BY c.next_due_on {direction}, c.received_on DESC, c.reference"
            ),
            CaseSort::Due => format!(
                " ORDER BY c.next_due_on IS NULL, c.next_due_on {direction}, c.received_on DESC, c.reference"
            ),
            CaseSort::Received => format!(" ORDER BY c.received_on {direction}, c.reference {direction}"),
            CaseSort::Reference => format!(" ORDER BY c.reference {direction}"),
        };
        sql.push_str(&order);
        if let Some(limit) = query.limit {
            args.push(SqlValue::Integer(i64::from(limit)));
            args.push(SqlValue::Integer(i64::from(query.offset)));
            sql.push_str(&format!(
                " LIMIT ?{} OFFSET ?{}",
                args.len() - 1,
                args.len()
            ));
        }
        let sql = format!(
            "SELECT c.reference, c.received_on, p.name, p.anonymous, c.summary, a.name, o.name,
                    c.triage, c.current_stage, c.status, c.next_due_on, c.next_due_what,
                    (SELECT h.name FROM stages cs JOIN officers h ON h.id = cs.handler_id
                     WHERE cs.case_id = c.id AND cs.number = c.current_stage)
             FROM cases c JOIN service_areas a ON a.id = c.service_area_id
                JOIN people p ON p.id = c.person_id LEFT JOIN officers o ON o.id = c.officer_id
             WHERE c.rowid IN ({sql}){order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, Option<String>>(12)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        raw.into_iter()
            .map(
                |(
                    reference,
                    received,
                    name,
                    anonymous,
                    summary,
                    area,
                    officer,
                    triage,
                    stage,
                    status,
                    due,
                    what,
                    handler,
                )| {
                    Ok(CaseRow {
                        reference,
                        received_on: read_date(&received)?,
                        complainant: redress::case::shown_name(anonymous, &name).to_owned(),
                        summary,
                        service_area: area,
                        officer,
                        handler,
                        triage,
                        stage: stage.and_then(|s| usize::try_from(s).ok()),
                        status,
                        next_due: next_due(read_opt_date(due)?, what)?,
                    })
                },
            )
            .collect()
    }
}

impl Store {
    /// How many cases match the query (ignoring its limit and offset).
    pub fn count_cases(
        &self,
        query: &CaseQuery,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<u64, StoreError> {
        let (sql, args) = filtered("SELECT COUNT(*)", query, today, calendar);
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

/// `select` over cases with the query's filters, and the filters' arguments.
fn filtered(
    select: &str,
    query: &CaseQuery,
    today: NaiveDate,
    calendar: &Calendar,
) -> (String, Vec<SqlValue>) {
    // Only the joins a filter reads: counting the open cases need not
    // visit every one's person, service area and officer.
    let mut sql = format!("{select} FROM cases c");
    if query
        .service_area
        .as_deref()
        .is_some_and(|a| !a.trim().is_empty())
    {
        sql.push_str(" JOIN service_areas a ON a.id = c.service_area_id");
    }
    if query.person.is_some() {
        sql.push_str(" JOIN people p ON p.id = c.person_id");
    }
    sql.push_str(" WHERE 1 = 1");
    let mut args: Vec<SqlValue> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, value: SqlValue| {
        args.push(value);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(text) = query.text.as_deref().and_then(fts_query) {
        arg(
            &mut sql,
            " AND c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)",
            SqlValue::Text(text),
        );
    }
    match query.state {
        StateFilter::Open => sql.push_str(" AND c.status = 'open'"),
        StateFilter::Closed => sql.push_str(" AND c.status = 'closed'"),
        StateFilter::Withdrawn => sql.push_str(" AND c.status = 'withdrawn'"),
        StateFilter::All => {}
    }
    if let Some(stage) = query.stage {
        arg(
            &mut sql,
            " AND c.current_stage = ?",
            SqlValue::Integer(stage as i64),
        );
    }
    if let Some(area) = query
        .service_area
        .as_deref()
        .filter(|a| !a.trim().is_empty())
    {
        arg(
            &mut sql,
            " AND a.name = ? COLLATE NOCASE",
            SqlValue::Text(area.trim().to_owned()),
        );
    }
    // The accountable officer, or the current stage's handler. The
    // officer's ids and open actions are each read once as a list; the
    // handler is the current stage's, found by its key.
    const HANDLES: &str =
        "(c.officer_id IN (SELECT id FROM officers WHERE name = ?1 COLLATE NOCASE)
        OR EXISTS (SELECT 1 FROM stages cs WHERE cs.case_id = c.id AND cs.number = c.current_stage
            AND cs.handler_id IN (SELECT id FROM officers WHERE name = ?1 COLLATE NOCASE)))";
    if let Some(officer) = query.officer.as_deref().filter(|o| !o.trim().is_empty()) {
        arg(
            &mut sql,
            &format!(" AND {}", HANDLES.replace("?1", "?")),
            SqlValue::Text(officer.trim().to_owned()),
        );
    }
    if let Some(officer) = query.involving.as_deref().filter(|o| !o.trim().is_empty()) {
        arg(
            &mut sql,
            &format!(
                " AND ({HANDLES} OR c.id IN (SELECT ac.case_id FROM actions ac
                    WHERE ac.done_on IS NULL AND ac.owner = ?1 COLLATE NOCASE))"
            )
            .replace("?1", "?"),
            SqlValue::Text(officer.trim().to_owned()),
        );
    }
    if let Some(person) = query.person {
        arg(
            &mut sql,
            " AND p.uid = ?",
            SqlValue::Text(person.to_string()),
        );
    }
    if let Some(since) = query.received_since {
        arg(
            &mut sql,
            " AND c.received_on >= ?",
            SqlValue::Text(date_text(since)),
        );
    }
    match query.horizon.map(|h| h.dates(today)) {
        // Stated as the caseload order's index has it, so a group's first
        // page is read from the index in order.
        Some(HorizonDates::NothingDue) => sql.push_str(" AND (c.next_due_on IS NULL) = 1"),
        Some(HorizonDates::Between { from, to }) => {
            sql.push_str(" AND (c.next_due_on IS NULL) = 0");
            if let Some(from) = from {
                arg(
                    &mut sql,
                    " AND c.next_due_on >= ?",
                    SqlValue::Text(date_text(from)),
                );
            }
            if let Some(to) = to {
                arg(
                    &mut sql,
                    " AND c.next_due_on <= ?",
                    SqlValue::Text(date_text(to)),
                );
            }
        }
        None => {}
    }
    if query.overdue {
        arg(
            &mut sql,
            " AND c.next_due_on < ?",
            SqlValue::Text(date_text(today)),
        );
    }
    if let Some(days) = query.due_within {
        // Further than Redress counts means every case with a deadline.
        let days = days.min(redress::calendar::MAX_WORKING_DAYS);
        let limit = calendar.add_working_days(today, days);
        arg(
            &mut sql,
            " AND c.next_due_on <= ?",
            SqlValue::Text(date_text(limit)),
        );
    }
    (sql, args)
}

/// The words search finds a case by in its file: notes, contacts,
/// document names and descriptions, and the text of emails.
pub(super) fn searchable_words(tx: &Connection, case: &Case) -> Result<Vec<String>, StoreError> {
    // One statement: every step a case takes rewrites its search entry.
    let mut stmt = tx.prepare_cached(
        "SELECT text FROM case_notes WHERE case_id = ?1
         UNION ALL SELECT summary FROM case_contacts WHERE case_id = ?1
         UNION ALL SELECT name || ' ' || description || ' ' || words FROM documents WHERE case_id = ?1",
    )?;
    let rows = stmt.query_map([case.id.to_string()], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_is_quoted_for_fts() {
        assert_eq!(
            fts_query("bins  Smith"),
            Some("\"bins\"* \"Smith\"*".to_owned())
        );
        assert_eq!(
            fts_query("say \"hi\" OR"),
            Some("\"say\"* \"\"\"hi\"\"\"* \"OR\"*".to_owned())
        );
        assert_eq!(fts_query("   "), None);
    }
}
