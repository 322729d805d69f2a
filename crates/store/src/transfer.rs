//! Importing a spreadsheet of cases (all or nothing) and reading every case
//! for export.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction};

use super::case_rows::{new_case_id, save_new_case};
use super::events::{append_changes, case_state, state_changes};
use super::people::link_person;
use super::reference_data::{find_or_add_named, insert_officer, lookup_named, officer_by_name};
use super::{Actor, Store, StoreError};
use crate::NewOfficer;
use redress::case::{
    Case, CaseCommand, CaseEvent, Complainant, Named, NewCase, OfficerRef, Record, RuleContext,
};
use redress::people::PersonId;
use redress::transfer::{
    self, parse_sheet, parse_sheet_rows, rejects_csv, Format, ImportProblem, ImportedCase, Mapping,
    ParsedSheet, Rejection, Sheet, SheetError,
};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Cases read from the file.
    pub cases: usize,
    /// Whether they were written (false for a dry run).
    pub written: bool,
    /// Reference data the file named that was not there, and was added.
    pub created: Created,
    /// The encoding the file was read in, and any odd bytes.
    pub encoding: redress::transfer::Encoding,
    /// Each column of the sheet and the field it filled (or none: kept
    /// with each case as the sheet's other cells).
    pub columns: Vec<redress::transfer::ColumnMatch>,
    /// The rows refused and left out, when the good rows were imported
    /// without them (none otherwise).
    pub rejected: Vec<Rejection>,
    /// The refused rows as the rejects file (CSV for Excel, each row as it
    /// was with a `Problem` column), when the good rows were imported
    /// without them.
    pub rejects: Option<Vec<u8>>,
}

/// What an import does with rows that are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRows {
    /// Any problem refuses the whole file.
    RefuseAll,
    /// The good rows are imported and the others handed back.
    Skip,
}

/// What importing a file would do, before anything is written.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    /// The workbook's sheets (none for a CSV).
    pub sheets: Vec<String>,
    /// Each column and the field it fills.
    pub columns: Vec<redress::transfer::ColumnMatch>,
    /// The council's words still to map, or mapped.
    pub words: Vec<redress::transfer::WordToMap>,
    /// The first rows as they would be recorded (none when there are
    /// problems).
    pub cases: Vec<ImportedCase>,
    /// How many rows the sheet has.
    pub rows: usize,
    /// Every problem, from the cells and from the procedure's rules.
    pub problems: Vec<ImportProblem>,
    /// How the file was decoded.
    pub encoding: redress::transfer::Encoding,
    /// The mapping in force, every header stated.
    pub mapping: Mapping,
}

/// How many rows a preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// A spreadsheet to import: its bytes, its file name (which says its
/// format, and is recorded as the source), the sheet, and the mapping.
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    /// The file's bytes.
    pub bytes: &'a [u8],
    /// Its name, such as `complaints 2025.xlsx`.
    pub name: &'a str,
    /// The sheet (the first when none).
    pub sheet: Option<&'a str>,
    /// How its columns and words become Redress's.
    pub mapping: &'a Mapping,
}

/// Reference data an import added, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Created {
    /// New service areas.
    pub service_areas: Vec<String>,
    /// New categories.
    pub categories: Vec<String>,
    /// New officers.
    pub officers: Vec<String>,
}

impl Created {
    fn note(list: &mut Vec<String>, name: &str, added: bool) {
        if added && !list.iter().any(|n| n == name) {
            list.push(name.to_owned());
        }
    }
}

/// The reference data an import's rows name: found in the store, or added
/// and noted in `created`. A dry run adds nothing: a name it would add gets
/// a stand-in id (negative, so it can never be a stored one) and is noted
/// all the same, so the rules see the same officers and areas either way.
struct Names<'t, 'c> {
    tx: &'t Transaction<'c>,
    write: bool,
    now: chrono::DateTime<chrono::Utc>,
    stand_ins: HashMap<(&'static str, String), i64>,
    created: Created,
}

impl<'t, 'c> Names<'t, 'c> {
    fn new(tx: &'t Transaction<'c>, write: bool, now: chrono::DateTime<chrono::Utc>) -> Self {
        Names {
            tx,
            write,
            now,
            stand_ins: HashMap::new(),
            created: Created::default(),
        }
    }

    /// The stand-in id of a name a dry run would add.
    fn stand_in(&mut self, table: &'static str, name: &str) -> i64 {
        let next = -1 - self.stand_ins.len() as i64;
        *self
            .stand_ins
            .entry((table, name.to_owned()))
            .or_insert(next)
    }

    /// A service area or category by name.
    fn named(&mut self, table: &'static str, name: &str) -> Result<Named, StoreError> {
        let (named, added) = if self.write {
            find_or_add_named(self.tx, table, name, self.now)?
        } else {
            super::check_line("name", name)?;
            match lookup_named(self.tx, table, name)? {
                Some(found) => (found, false),
                None => {
                    let name = name.trim();
                    let id = self.stand_in(table, name);
                    (
                        Named {
                            id,
                            name: name.to_owned(),
                        },
                        true,
                    )
                }
            }
        };
        let list = if table == "service_areas" {
            &mut self.created.service_areas
        } else {
            &mut self.created.categories
        };
        Created::note(list, &named.name, added);
        Ok(named)
    }

    /// An officer by name.
    fn officer(&mut self, name: &str) -> Result<OfficerRef, StoreError> {
        if let Some(officer) = officer_by_name(self.tx, name)? {
            return Ok(officer.as_ref());
        }
        let officer = if self.write {
            insert_officer(
                self.tx,
                &NewOfficer {
                    name: name.to_owned(),
                    ..NewOfficer::default()
                },
                self.now,
            )?
            .as_ref()
        } else {
            super::check_line("name", name)?;
            OfficerRef {
                id: self.stand_in("officers", name.trim()),
                name: name.trim().to_owned(),
                service_area_id: None,
            }
        };
        Created::note(&mut self.created.officers, &officer.name, true);
        Ok(officer)
    }
}

/// A summary made from a description: its first line, shortened.
fn first_line(description: &str) -> String {
    let line = description.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 80 {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(77).collect();
        format!("{}...", cut.trim_end())
    }
}

fn reason_or(given: &str, default: &str) -> String {
    if given.trim().is_empty() {
        default.to_owned()
    } else {
        given.trim().to_owned()
    }
}

/// The day a history step happened on.
fn step_date(command: &CaseCommand) -> Option<chrono::NaiveDate> {
    match command {
        CaseCommand::Escalate { requested_on, .. } => Some(*requested_on),
        CaseCommand::Acknowledge { on }
        | CaseCommand::Respond { on, .. }
        | CaseCommand::Close { on, .. }
        | CaseCommand::Withdraw { on, .. }
        | CaseCommand::Reopen { on, .. } => Some(*on),
        CaseCommand::Extend { agreed_on, .. } => Some(*agreed_on),
        CaseCommand::Refer { referred_on, .. } => Some(*referred_on),
        CaseCommand::OmbudsmanDecision { decided_on, .. } => Some(*decided_on),
        CaseCommand::OmbudsmanComplied { complied_on } => Some(*complied_on),
        _ => None,
    }
}

/// A row's steps in the order they happened: by date, steps of one day in
/// the procedure's order. A case closed and then taken to its next stage
/// was reopened on the day the escalation was asked for, as an officer
/// would have done; what the Ombudsman does after closing needs no
/// reopening. Whatever else is out of order is left for the rules to
/// refuse.
fn in_date_order(mut steps: Vec<(CaseCommand, &'static str)>) -> Vec<(CaseCommand, &'static str)> {
    steps.sort_by_key(|(command, _)| step_date(command));
    let mut ordered = Vec::with_capacity(steps.len() + 1);
    let mut closed = false;
    for (command, column) in steps {
        match &command {
            CaseCommand::Close { .. } | CaseCommand::Withdraw { .. } => closed = true,
            CaseCommand::Escalate { requested_on, .. } if closed => {
                ordered.push((
                    CaseCommand::Reopen {
                        on: *requested_on,
                        reason: "The complainant asked for the next stage after the case was closed (imported history)".to_owned(),
                    },
                    column,
                ));
                closed = false;
            }
            _ => {}
        }
        ordered.push((command, column));
    }
    ordered
}

/// The steps a person would have taken to make this row's history, in the
/// order they happened, each with the column a refusal is reported
/// against.
fn history_steps(
    names: &mut Names<'_, '_>,
    row: &ImportedCase,
    policy: &redress::policy::Policy,
) -> Result<Vec<(CaseCommand, &'static str)>, StoreError> {
    const COLUMNS: [[&str; 4]; 2] = [
        [
            "stage1_acknowledged_on",
            "stage1_extended_days",
            "stage1_responded_on",
            "received_on",
        ],
        [
            "stage2_acknowledged_on",
            "stage2_acknowledged_on",
            "stage2_responded_on",
            "stage2_requested_on",
        ],
    ];
    let mut steps = Vec::new();
    for (index, stage) in row.stages.iter().enumerate() {
        let [ack_column, extend_column, respond_column, opened_column] = COLUMNS[index.min(1)];
        if index > 0 {
            let reviewer = stage
                .handler
                .as_deref()
                .map(|name| names.officer(name))
                .transpose()?;
            let column = if reviewer.is_some() {
                "stage2_reviewer"
            } else {
                opened_column
            };
            steps.push((
                CaseCommand::Escalate {
                    requested_on: stage.opened_on,
                    reviewer,
                },
                column,
            ));
        }
        if let Some(on) = stage.acknowledged_on {
            steps.push((CaseCommand::Acknowledge { on }, ack_column));
        }
        if stage.extended_days > 0 {
            let limit = policy
                .stage(index + 1)
                .map_or(0, |s| s.extension_limit_days);
            steps.push((
                CaseCommand::Extend {
                    agreed_on: stage.acknowledged_on.unwrap_or(stage.opened_on),
                    days: stage.extended_days,
                    reason: stage.extension_reason.clone(),
                    good_reason: stage.extended_days > limit,
                },
                extend_column,
            ));
        }
        if let Some(on) = stage.responded_on {
            steps.push((
                CaseCommand::Respond {
                    on,
                    outcome: stage.outcome,
                    reasons: String::new(),
                    remedies: Vec::new(),
                    learning: String::new(),
                    improvements: String::new(),
                },
                respond_column,
            ));
        }
    }
    if let Some((ombudsman, referred_on, decision)) = &row.ombudsman {
        steps.push((
            CaseCommand::Refer {
                ombudsman: *ombudsman,
                referred_on: *referred_on,
                their_reference: String::new(),
            },
            "ombudsman_referred_on",
        ));
        if !decision.trim().is_empty() {
            steps.push((
                CaseCommand::OmbudsmanDecision {
                    decided_on: *referred_on,
                    decision: decision.clone(),
                    remedy: String::new(),
                    comply_by: None,
                },
                "ombudsman_outcome",
            ));
        }
    }
    if let Some(on) = row.closed_on {
        steps.push((
            CaseCommand::Close {
                on,
                reason: reason_or(&row.closed_reason, "Closed before import"),
            },
            "closed_on",
        ));
    } else if let Some(on) = row.withdrawn_on {
        steps.push((
            CaseCommand::Withdraw {
                on,
                reason: reason_or(&row.closed_reason, "Withdrawn before import"),
            },
            "withdrawn_on",
        ));
    }
    Ok(in_date_order(steps))
}

/// Records one imported row through the rules: its intake, then its history
/// step by step with its own dates. A refusal is a problem on the row's line.
/// A dry run takes the same steps and writes none of them.
fn import_row(
    names: &mut Names<'_, '_>,
    row: &ImportedCase,
    source: &str,
    actor: &Actor,
    ctx: RuleContext<'_>,
) -> Result<Result<(), ImportProblem>, StoreError> {
    let problem = |column: &str, message: String| ImportProblem {
        line: row.line,
        column: Some(column.to_owned()),
        message,
    };
    let service_area = names.named("service_areas", &row.service_area)?;
    let category = row
        .category
        .as_deref()
        .map(|name| names.named("categories", name))
        .transpose()?;
    let officer = row
        .officer
        .as_deref()
        .map(|name| names.officer(name))
        .transpose()?;
    let intake = NewCase {
        received_on: row.received_on,
        channel: row.channel,
        complainant: Complainant {
            name: row.complainant_name.clone(),
            address: row.complainant_address.clone(),
            email: row.complainant_email.clone(),
            phone: row.complainant_phone.clone(),
            postcode: row.complainant_postcode.clone(),
            ..Complainant::default()
        },
        representative: None,
        service_area: service_area.name.clone(),
        category: category.as_ref().map(|c| c.name.clone()),
        summary: if row.summary.trim().is_empty() {
            first_line(&row.description)
        } else {
            row.summary.clone()
        },
        description: row.description.clone(),
        outcome_sought: row.outcome_sought.clone(),
        triage: row.triage.clone(),
        officer: officer.as_ref().map(|o| o.name.clone()),
        person: None,
        repeat_of: None,
    };
    // Rows with the same email are one person, as at intake. A dry run
    // links no one: the person's record changes no rule.
    let (person, intake) = if names.write {
        let (person, details) = link_person(names.tx, None, &intake.complainant, actor)?;
        (
            person.id,
            NewCase {
                complainant: details,
                ..intake
            },
        )
    } else {
        (PersonId(uuid::Uuid::nil()), intake)
    };
    let (mut case, opened) = match Case::open(
        new_case_id(actor),
        row.reference.clone(),
        intake,
        person,
        service_area,
        category,
        officer,
        ctx,
    ) {
        Ok(made) => made,
        Err(err) => {
            let column = match err.field() {
                Some("summary") => "summary",
                Some("name") => "complainant_name",
                Some("triage_note") => "triage_note",
                _ => "received_on",
            };
            return Ok(Err(problem(column, err.to_string())));
        }
    };
    // The row's history through the rules in memory; a dry run stops
    // there. Writing, the case is saved once, with every step's event
    // logged with the fields it changed, each state compared once.
    let steps = history_steps(names, row, ctx.policy)?;
    let mut taken = Vec::with_capacity(steps.len());
    let mut state = if names.write {
        Some(case_state(&case)?)
    } else {
        None
    };
    for (command, column) in steps {
        match case.apply(command, ctx) {
            Ok(event) => {
                let changes = match state.as_mut() {
                    Some(before) => {
                        let after = case_state(&case)?;
                        let changes = state_changes(before, &after);
                        *before = after;
                        changes
                    }
                    None => Vec::new(),
                };
                taken.push((event, changes));
            }
            Err(err) => return Ok(Err(problem(column, err.to_string()))),
        }
    }
    if !names.write {
        return Ok(Ok(()));
    }
    let tx = names.tx;
    save_new_case(tx, &case)?;
    let imported = CaseEvent::Imported {
        source: source.to_owned(),
        line: row.line,
        extra: row.extra.clone(),
    };
    // A new case's fields are the case itself: no copy in the log.
    append_changes(tx, actor, case.id, &imported, &[])?;
    append_changes(tx, actor, case.id, &opened, &[])?;
    for (event, changes) in &taken {
        append_changes(tx, actor, case.id, event, changes)?;
    }
    Ok(Ok(()))
}

impl Store {
    /// Imports the cases of a council's spreadsheet (CSV, `.xlsx`, `.xls`
    /// or `.ods`), its columns and words mapped by `file.mapping` and the
    /// guess. Every row is checked first, then replayed through the
    /// procedure's rules as the steps a person would have taken, with the
    /// row's own dates; if any cell or step is refused, every problem is
    /// returned and nothing is written. Service areas, categories and
    /// officers the file names that are not there are added, and the
    /// summary says which. With `dry_run`, everything is checked and
    /// nothing kept.
    pub fn import_sheet(
        &mut self,
        file: &ImportFile<'_>,
        actor: &Actor,
        history: RuleContext<'_>,
        dry_run: bool,
    ) -> Result<ImportSummary, StoreError> {
        self.import_sheet_with(
            file,
            actor,
            history,
            dry_run,
            BadRows::RefuseAll,
            |_| Ok(()),
        )
    }

    /// Imports a spreadsheet as [`Store::import_sheet`] does, or with
    /// [`BadRows::Skip`] imports every complaint whose rows pass, in one
    /// transaction, and hands back the others (their problems, and the
    /// rejects file in the summary); a complaint of several rows is
    /// imported or handed back whole. A problem of the sheet itself (a
    /// missing column) still refuses it all. `before_commit` is given the
    /// summary before anything is committed (to save the rejects file
    /// first); its refusal writes nothing.
    pub fn import_sheet_with<E: From<StoreError>>(
        &mut self,
        file: &ImportFile<'_>,
        actor: &Actor,
        history: RuleContext<'_>,
        dry_run: bool,
        bad_rows: BadRows,
        before_commit: impl FnOnce(&ImportSummary) -> Result<(), E>,
    ) -> Result<ImportSummary, E> {
        let skip = bad_rows == BadRows::Skip;
        let source = file.name;
        if actor.name.trim().is_empty() {
            return Err(StoreError::NoActor.into());
        }
        let sheet =
            Sheet::read(file.bytes, Format::of(file.name), file.sheet).map_err(
                |err| match err {
                    SheetError::BadCsv { .. } => {
                        StoreError::ImportRejected(vec![transfer::sheet_problem(&err)])
                    }
                    other => StoreError::Sheet(other),
                },
            )?;
        let encoding = sheet.encoding.clone();
        let parsed = if skip {
            parse_sheet_rows(&sheet, file.mapping, history.policy, history.today)
        } else {
            parse_sheet(&sheet, file.mapping, history.policy, history.today)
        }
        .map_err(StoreError::ImportRejected)?;
        let ParsedSheet {
            mut cases,
            columns,
            problems: mut refused,
        } = parsed;
        let ctx = RuleContext {
            record: Record::History,
            ..history
        };
        let path = self.path.clone();
        // A dry run only reads: it takes no write lock.
        let behavior = if dry_run {
            rusqlite::TransactionBehavior::Deferred
        } else {
            rusqlite::TransactionBehavior::Immediate
        };
        let tx = self
            .conn
            .transaction_with_behavior(behavior)
            .map_err(|err| StoreError::from(err).at(&path))?;
        let mark = super::audit::mark(&tx)?;
        let taken = transfer::taken_references(&cases, |reference| {
            tx.prepare_cached("SELECT 1 FROM cases WHERE reference = ?1")
                .and_then(|mut stmt| stmt.query_row([reference], |_| Ok(())))
                .optional()
                .ok()
                .flatten()
                .is_some()
        });
        if !taken.is_empty() && !skip {
            return Err(StoreError::ImportRejected(taken).into());
        }
        // Skipping bad rows: every case through the rules once without
        // writing, to find the ones refused; the rest are then written.
        let mut case_problems = taken;
        if skip {
            let mut names = Names::new(&tx, false, actor.now);
            for row in &cases {
                if case_problems.iter().any(|p| p.line == row.line) {
                    continue;
                }
                if let Err(problem) = import_row(&mut names, row, source, actor, ctx)? {
                    case_problems.push(problem);
                }
            }
            let mut left_out = Vec::new();
            cases.retain(|case| {
                let keep = !case_problems.iter().any(|p| p.line == case.line);
                if !keep {
                    left_out.push(case.clone());
                }
                keep
            });
            for case in &left_out {
                for line in case.lines.iter().filter(|l| **l != case.line) {
                    refused.push(ImportProblem {
                        line: *line,
                        column: None,
                        message: format!(
                            "'{}' was refused (line {}): correct that row and import its rows together",
                            case.reference, case.line
                        ),
                    });
                }
            }
        }
        let mut names = Names::new(&tx, !dry_run, actor.now);
        let mut problems = Vec::new();
        for row in &cases {
            if let Err(problem) = import_row(&mut names, row, source, actor, ctx)? {
                problems.push(problem);
            }
        }
        let created = names.created;
        if !problems.is_empty() {
            return Err(StoreError::ImportRejected(problems).into());
        }
        refused.extend(case_problems);
        refused.sort_by_key(|p| p.line);
        let rejected: Vec<Rejection> = refused
            .iter()
            .map(|p| Rejection {
                line: p.line,
                problem: match &p.column {
                    Some(column) => format!("{column}: {}", p.message),
                    None => p.message.clone(),
                },
            })
            .collect();
        let summary = ImportSummary {
            cases: cases.len(),
            written: !dry_run,
            created,
            encoding,
            columns,
            rejects: skip.then(|| rejects_csv(&sheet, &rejected)),
            rejected,
        };
        before_commit(&summary)?;
        if !dry_run {
            super::audit::seal(&tx, actor, mark)?;
            tx.commit().map_err(|err| StoreError::from(err).at(&path))?;
        }
        Ok(summary)
    }

    /// What importing `file` would do: its sheets, columns, the council's
    /// words, the first rows as recorded and every problem (the cells'
    /// and, when they are good, the rules'). Writes nothing.
    pub fn preview_import(
        &mut self,
        file: &ImportFile<'_>,
        actor: &Actor,
        history: RuleContext<'_>,
    ) -> Result<ImportPreview, StoreError> {
        let format = Format::of(file.name);
        let sheets = Sheet::names(file.bytes, format)?;
        let sheet = Sheet::read(file.bytes, format, file.sheet)?;
        let words = transfer::words_to_map(&sheet, file.mapping);
        let mapping = file.mapping.stated_for(&sheet.headers);
        let (columns, cases, problems) =
            match parse_sheet(&sheet, file.mapping, history.policy, history.today) {
                Ok(parsed) => match self.import_sheet(file, actor, history, true) {
                    Ok(_) => (parsed.columns, parsed.cases, Vec::new()),
                    Err(StoreError::ImportRejected(problems)) => {
                        (parsed.columns, Vec::new(), problems)
                    }
                    Err(other) => return Err(other),
                },
                Err(problems) => (
                    file.mapping.match_columns(&sheet.headers),
                    Vec::new(),
                    problems,
                ),
            };
        Ok(ImportPreview {
            sheets,
            columns,
            words,
            cases: cases.into_iter().take(PREVIEW_ROWS).collect(),
            rows: sheet
                .rows
                .iter()
                .filter(|(_, cells)| cells.iter().any(|c| !c.text().trim().is_empty()))
                .count(),
            problems,
            encoding: sheet.encoding,
            mapping,
        })
    }

    /// The mapping saved for the next import, if any.
    pub fn import_mapping(&self) -> Result<Option<Mapping>, StoreError> {
        let saved: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'import_mapping'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        saved
            .map(|text| Mapping::from_toml(&text).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    /// Keeps a mapping for the next import (audited, as every setting),
    /// laid over the one kept before: a column or word it does not name
    /// stays as it was, so the layouts of different spreadsheets are kept.
    pub fn save_import_mapping(
        &mut self,
        mapping: &Mapping,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut kept = self.import_mapping()?.unwrap_or_default();
        kept.columns.extend(mapping.columns.clone());
        for (field, words) in &mapping.values {
            kept.values
                .entry(field.clone())
                .or_default()
                .extend(words.clone());
        }
        let text = kept.to_toml();
        // Only a mapping that reads back is kept.
        Mapping::from_toml(&text).map_err(StoreError::Mapping)?;
        self.transaction(actor, |tx| {
            super::execute_cached(
                tx,
                "INSERT INTO settings (key, value) VALUES ('import_mapping', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [text],
            )?;
            Ok(())
        })
    }

    /// Every case, oldest first, for export (all in memory: for a few;
    /// [`Store::each_case`] streams them).
    pub fn all_cases(&self) -> Result<Vec<Case>, StoreError> {
        let mut cases = Vec::new();
        self.each_case(|case| {
            cases.push(case.clone());
            Ok::<(), StoreError>(())
        })?;
        Ok(cases)
    }

    /// Hands every case to `each`, oldest first (by date received, then
    /// reference), one at a time, in one read transaction so the cases are
    /// those of one moment. Returns how many there were.
    pub fn each_case<E: From<StoreError>>(
        &self,
        each: impl FnMut(&Case) -> Result<(), E>,
    ) -> Result<usize, E> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        let read = super::case_rows::each_case(&tx, each)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(read)
    }
}

/// The problems of a rejected import, one per line, for printing.
pub fn describe_problems(problems: &[ImportProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
