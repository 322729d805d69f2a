//! Reading a spreadsheet of cases: decoding what Excel saved (UTF-8 with or
//! without a byte-order mark, or Windows-1252), then checking every cell and
//! reporting every problem with its line and column. Pure: no database here.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::mapping::{ColumnMatch, Mapping};
use super::sheet::{Cell, Format, Sheet, SheetError};
use super::{COLUMNS, REQUIRED_COLUMNS};
use crate::case::{Channel, ExclusionReason, Ombudsman, Outcome, Triage};
use crate::dates::parse_spreadsheet_date;
use crate::policy::Policy;

/// One bad cell (or row, or header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The line in the file, from 1 (the header is line 1).
    pub line: usize,
    /// The column's name, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A stage as the spreadsheet records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedStage {
    /// When it was opened (received, or escalation requested).
    pub opened_on: NaiveDate,
    /// The handler's or reviewer's name.
    pub handler: Option<String>,
    /// When acknowledged.
    pub acknowledged_on: Option<NaiveDate>,
    /// Working days of extension.
    pub extended_days: u32,
    /// Why it was extended.
    pub extension_reason: String,
    /// When answered.
    pub responded_on: Option<NaiveDate>,
    /// The decision.
    pub outcome: Option<Outcome>,
}

/// One row, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCase {
    /// The line it came from.
    pub line: usize,
    /// The case reference, as the spreadsheet has it.
    pub reference: String,
    /// When received.
    pub received_on: NaiveDate,
    /// The service complained about.
    pub service_area: String,
    /// How it was received.
    pub channel: Channel,
    /// Category.
    pub category: Option<String>,
    /// Complainant's name.
    pub complainant_name: String,
    /// Complainant's email.
    pub complainant_email: String,
    /// Complainant's phone.
    pub complainant_phone: String,
    /// Complainant's address.
    pub complainant_address: String,
    /// One-line summary.
    pub summary: String,
    /// The complaint's text.
    pub description: String,
    /// What they want.
    pub outcome_sought: String,
    /// The accountable officer's name.
    pub officer: Option<String>,
    /// Stage 1, and stage 2 when it was escalated.
    pub stages: Vec<ImportedStage>,
    /// The Ombudsman referral: which, when, their outcome.
    pub ombudsman: Option<(Ombudsman, NaiveDate, String)>,
    /// When the case was closed.
    pub closed_on: Option<NaiveDate>,
    /// Why it was closed (or withdrawn).
    pub closed_reason: String,
    /// When the complainant withdrew it.
    pub withdrawn_on: Option<NaiveDate>,
    /// The complainant's postcode.
    pub complainant_postcode: String,
    /// Complaint, service request or excluded (with its note).
    pub triage: Triage,
    /// The cells of columns that fill no field, by their header: kept with
    /// the case, not dropped.
    pub extra: Vec<(String, String)>,
    /// Every line of the sheet it was read from (several in a sheet with
    /// one row per stage).
    pub lines: Vec<usize>,
}

/// The cells of one row, by column name.
struct Row<'a> {
    line: usize,
    cells: HashMap<&'static str, &'a str>,
    /// Each field's header as the sheet writes it, for the problems.
    headers: &'a HashMap<&'static str, String>,
    problems: &'a mut Vec<ImportProblem>,
}

impl Row<'_> {
    fn text(&self, column: &'static str) -> String {
        self.cells
            .get(column)
            .map(|s| super::export::unneutralised(s.trim()).to_owned())
            .unwrap_or_default()
    }

    fn optional(&self, column: &'static str) -> Option<String> {
        Some(self.text(column)).filter(|s| !s.is_empty())
    }

    fn problem(&mut self, column: &str, message: String) {
        let column = self
            .headers
            .iter()
            .find(|(field, _)| **field == column)
            .map_or_else(|| column.to_owned(), |(_, header)| header.clone());
        self.problems.push(ImportProblem {
            line: self.line,
            column: Some(column),
            message,
        });
    }

    fn date(&mut self, column: &'static str, today: NaiveDate) -> Option<NaiveDate> {
        let text = self.optional(column)?;
        match parse_spreadsheet_date(&text) {
            Ok(date) if date > today => {
                self.problem(column, format!("{text} is in the future"));
                None
            }
            Ok(date) => Some(date),
            Err(err) => {
                self.problem(column, err.to_string());
                None
            }
        }
    }

    fn term<T: std::str::FromStr>(&mut self, column: &'static str) -> Option<T>
    where
        T::Err: fmt::Display,
    {
        let text = self.optional(column)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(err) => {
                // A council's own word: say how to map it.
                let hint = if TERM_FIELDS.contains(&column) {
                    format!(
                        "; if '{text}' is your council's word for one, say which in a mapping file: [values.{column}] \"{text}\" = \"...\""
                    )
                } else {
                    String::new()
                };
                self.problem(column, format!("{err}{hint}"));
                None
            }
        }
    }

    /// Checks `later` is not before `earlier` (both already read).
    fn order(
        &mut self,
        later_column: &str,
        later: Option<NaiveDate>,
        earlier_column: &str,
        earlier: Option<NaiveDate>,
    ) {
        if let (Some(later), Some(earlier)) = (later, earlier) {
            if later < earlier {
                self.problem(
                    later_column,
                    format!("{later} is before {earlier_column} ({earlier})"),
                );
            }
        }
    }
}

/// Reads and checks every row of CSV text with Redress's own columns (or
/// their synonyms). Either every row is good, or every problem is returned
/// (and nothing should be written).
pub fn parse_cases(
    text: &str,
    policy: &Policy,
    today: NaiveDate,
) -> Result<Vec<ImportedCase>, Vec<ImportProblem>> {
    let sheet =
        Sheet::read(text.as_bytes(), Format::Csv, None).map_err(|e| vec![sheet_problem(&e)])?;
    parse_sheet(&sheet, &Mapping::default(), policy, today).map(|parsed| parsed.cases)
}

/// A sheet that could not be read, as the one problem of the import.
pub fn sheet_problem(err: &SheetError) -> ImportProblem {
    match err {
        SheetError::BadCsv { line, message } => ImportProblem {
            line: *line,
            column: None,
            message: format!("cannot read this row: {message}"),
        },
        other => ImportProblem {
            line: 1,
            column: None,
            message: other.to_string(),
        },
    }
}

/// A value in one of the sheet's term columns (outcomes, triage, channel,
/// Ombudsman) that is not one of Redress's words, and what the mapping
/// turns it into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordToMap {
    /// The field (one of the term columns).
    pub field: &'static str,
    /// The council's word, as the sheet writes it.
    pub word: String,
    /// Redress's word the mapping gives it, if any.
    pub value: Option<String>,
}

/// The fields whose values are Redress's terms.
pub const TERM_FIELDS: [&str; 6] = [
    "stage1_outcome",
    "stage2_outcome",
    "channel",
    "triage",
    "exclusion_reason",
    "ombudsman",
];

/// Whether `word` is already Redress's own for `field`.
fn is_term(field: &str, word: &str) -> bool {
    match field {
        "stage1_outcome" | "stage2_outcome" => word.parse::<Outcome>().is_ok(),
        "channel" => word.parse::<Channel>().is_ok(),
        "exclusion_reason" => word.parse::<ExclusionReason>().is_ok(),
        "ombudsman" => word.parse::<Ombudsman>().is_ok(),
        "triage" => matches!(
            word.trim().to_ascii_lowercase().replace(' ', "-").as_str(),
            "complaint" | "service-request" | "excluded"
        ),
        _ => true,
    }
}

/// The council's own words in the sheet's term columns, each once, in the
/// order met, with what `mapping` makes of them.
pub fn words_to_map(sheet: &Sheet, mapping: &Mapping) -> Vec<WordToMap> {
    let columns = mapping.match_columns(&sheet.headers);
    let mut words: Vec<WordToMap> = Vec::new();
    for (index, column) in columns.iter().enumerate() {
        let Some(field) = column.field.filter(|f| TERM_FIELDS.contains(f)) else {
            continue;
        };
        for (_, cells) in &sheet.rows {
            let word = cells.get(index).map(Cell::text).unwrap_or_default();
            let word = word.trim();
            if word.is_empty()
                || words.iter().any(|w| {
                    w.field == field
                        && super::mapping::normalised(&w.word) == super::mapping::normalised(word)
                })
            {
                continue;
            }
            let value = mapping.value(field, word).map(str::to_owned);
            if value.is_some() || !is_term(field, word) {
                words.push(WordToMap {
                    field,
                    word: word.to_owned(),
                    value,
                });
            }
        }
    }
    words
}

/// A sheet read: its cases, and how its columns were matched.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSheet {
    /// Every good row (or rows of one complaint), checked.
    pub cases: Vec<ImportedCase>,
    /// Each column and the field it filled (or none).
    pub columns: Vec<ColumnMatch>,
    /// The problems of the rows left out of `cases`, by line.
    pub problems: Vec<ImportProblem>,
}

/// Reads and checks every row of a sheet, its columns matched by
/// `mapping` (the guess where it says nothing) and its words translated:
/// either every row is good, or every problem is returned.
pub fn parse_sheet(
    sheet: &Sheet,
    mapping: &Mapping,
    policy: &Policy,
    today: NaiveDate,
) -> Result<ParsedSheet, Vec<ImportProblem>> {
    let parsed = parse_sheet_rows(sheet, mapping, policy, today)?;
    if parsed.problems.is_empty() {
        Ok(parsed)
    } else {
        Err(parsed.problems)
    }
}

/// Reads and checks every row of a sheet, keeping the good rows and the
/// problems of the others apart; only a problem of the sheet itself (a
/// missing or doubled column) is returned as an error. In a sheet with a
/// `stage` column, rows with the same reference are one complaint's
/// stages, read as one case; a complaint with a bad row is left out whole.
pub fn parse_sheet_rows(
    sheet: &Sheet,
    mapping: &Mapping,
    policy: &Policy,
    today: NaiveDate,
) -> Result<ParsedSheet, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let columns = mapping.match_columns(&sheet.headers);
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    let mut headers: HashMap<&'static str, String> = HashMap::new();
    for (index, m) in columns.iter().enumerate() {
        if let Some(field) = m.field {
            positions.insert(field, index);
            headers.insert(field, m.header.trim().to_owned());
        } else if let Some(first) = columns.iter().find(|o| {
            o.field.is_some_and(|f| {
                super::mapping::normalised(f) == super::mapping::normalised(&m.header)
            })
        }) {
            problems.push(ImportProblem {
                line: 1,
                column: Some(m.header.clone()),
                message: format!("this column appears twice (also as '{}')", first.header),
            });
        }
    }
    for required in &COLUMNS[..REQUIRED_COLUMNS] {
        if !positions.contains_key(required) {
            problems.push(ImportProblem {
                line: 1,
                column: Some((*required).to_owned()),
                message: format!(
                    "no column is {required}: name the sheet's column for it in a mapping file ([columns] \"Its header\" = \"{required}\")"
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let unmapped: Vec<(usize, &str)> = columns
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.field.is_none()
                && !m.header.trim().is_empty()
                && m.header.trim() != super::PROBLEM_COLUMN
        })
        .map(|(i, m)| (i, m.header.trim()))
        .collect();
    // One row per stage only where a reference comes back: a `stage`
    // column in a sheet of one row per complaint says only where it got to.
    let by_stage = positions.get("stage").is_some_and(|index| {
        let reference = positions["reference"];
        let mut seen = HashSet::new();
        sheet.rows.iter().any(|(_, cells)| {
            let text = cells.get(reference).map(Cell::text).unwrap_or_default();
            let text = text.trim();
            !text.is_empty() && !seen.insert(text.to_owned())
        }) && *index < columns.len()
    });
    let mut staged: Vec<(ImportedCase, u32)> = Vec::new();
    let mut references: Vec<(usize, String)> = Vec::new();
    // The council's words for each field, looked up by their normal form.
    let words: HashMap<&'static str, HashMap<String, &str>> = positions
        .keys()
        .map(|field| (*field, mapping.words_for(field)))
        .collect();
    let mut cases = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &sheet.rows {
        let line = *line;
        if cells.iter().all(|cell| cell.text().trim().is_empty()) {
            continue;
        }
        if cells.len() > columns.len()
            && cells[columns.len()..]
                .iter()
                .any(|c| !c.text().trim().is_empty())
        {
            problems.push(ImportProblem {
                line,
                column: None,
                message: format!(
                    "this row has {} cells but the header has {}",
                    cells.len(),
                    columns.len()
                ),
            });
            continue;
        }
        // Each mapped cell as text, in the council's words translated.
        let texts: HashMap<&'static str, String> = positions
            .iter()
            .map(|(field, index)| {
                let text = cells.get(*index).map(Cell::text).unwrap_or_default();
                let text = words
                    .get(field)
                    .and_then(|w| w.get(&super::mapping::normalised(&text)))
                    .map_or(text, |v| (*v).to_owned());
                (*field, text)
            })
            .collect();
        let extra: Vec<(String, String)> = unmapped
            .iter()
            .filter_map(|(index, header)| {
                let text = cells.get(*index).map(Cell::text).unwrap_or_default();
                (!text.trim().is_empty()).then(|| ((*header).to_owned(), text.trim().to_owned()))
            })
            .collect();
        let mut row = Row {
            line,
            cells: texts.iter().map(|(f, t)| (*f, t.as_str())).collect(),
            headers: &headers,
            problems: &mut problems,
        };
        references.push((line, row.text("reference")));
        if by_stage {
            let Some(stage) = stage_number(&mut row) else {
                continue;
            };
            let key = format!("{}\u{0}{stage}", row.text("reference"));
            if let Some(first) = seen.get(&key) {
                let message = format!(
                    "'{}' has another row for stage {stage} (line {first})",
                    row.text("reference")
                );
                row.problem("stage", message);
                continue;
            }
            seen.insert(key, line);
            // Each row of a complaint is read as if it were the complaint;
            // its stage's dates are in the stage 1 columns.
            if let Some(mut case) = parse_row(&mut row, policy, today, &mut HashMap::new()) {
                case.extra = extra;
                staged.push((case, stage));
            }
        } else if let Some(mut case) = parse_row(&mut row, policy, today, &mut seen) {
            case.extra = extra;
            cases.push(case);
        }
    }
    if by_stage {
        cases = join_stages(staged, &mut problems);
    }
    // A complaint with one bad row is left out whole.
    let bad: HashSet<&str> = problems
        .iter()
        .filter_map(|p| {
            references
                .iter()
                .find(|(line, _)| *line == p.line)
                .map(|(_, r)| r.as_str())
        })
        .filter(|r| !r.is_empty())
        .collect();
    if by_stage {
        let mut more = Vec::new();
        cases.retain(|case| {
            if !bad.contains(case.reference.as_str()) {
                return true;
            }
            for line in &case.lines {
                if !problems.iter().any(|p| p.line == *line) {
                    more.push(ImportProblem {
                        line: *line,
                        column: None,
                        message: format!(
                            "another row of '{}' has a problem: correct that row and import its rows together",
                            case.reference
                        ),
                    });
                }
            }
            false
        });
        problems.extend(more);
    }
    problems.sort_by_key(|p| p.line);
    Ok(ParsedSheet {
        cases,
        columns,
        problems,
    })
}

/// The stage a row of a one-row-per-stage sheet is: `1`, `Stage 2`,
/// `two`, `Stage one`, `final review` are read; anything else is a problem.
fn stage_number(row: &mut Row<'_>) -> Option<u32> {
    let text = row.text("stage");
    let lower = text.to_lowercase();
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    let number = if !digits.is_empty() {
        digits.parse().ok()
    } else {
        [
            ("one", 1),
            ("first", 1),
            ("two", 2),
            ("second", 2),
            ("review", 2),
            ("three", 3),
            ("third", 3),
        ]
        .iter()
        .find(|(word, _)| {
            lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == *word)
        })
        .map(|(_, n)| *n)
    };
    match number.filter(|n| (1..=3).contains(n)) {
        Some(n) => Some(n),
        None => {
            let message = if text.is_empty() {
                "say which stage this row is: 1, 2 or 3".to_owned()
            } else {
                format!("'{text}' is not a stage: write 1, 2 or 3")
            };
            row.problem("stage", message);
            None
        }
    }
}

/// The rows of each complaint of a one-row-per-stage sheet as one case:
/// stage 1's row gives the intake, each later row its stage (opened on
/// the day that row says it was received, its officer the reviewer); the
/// closing, withdrawal and Ombudsman columns are read from whichever row
/// gives them.
fn join_stages(
    staged: Vec<(ImportedCase, u32)>,
    problems: &mut Vec<ImportProblem>,
) -> Vec<ImportedCase> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<(ImportedCase, u32)>> = HashMap::new();
    for (case, stage) in staged {
        if !groups.contains_key(&case.reference) {
            order.push(case.reference.clone());
        }
        groups
            .entry(case.reference.clone())
            .or_default()
            .push((case, stage));
    }
    let mut cases = Vec::new();
    for reference in order {
        let Some(mut rows) = groups.remove(&reference) else {
            continue;
        };
        rows.sort_by_key(|(_, stage)| *stage);
        if rows.len() == 1 {
            // A complaint on one row: its columns say everything.
            cases.extend(rows.into_iter().map(|(case, _)| case));
            continue;
        }
        let numbers: Vec<u32> = rows.iter().map(|(_, s)| *s).collect();
        if numbers.iter().enumerate().any(|(i, n)| *n != i as u32 + 1) {
            for (case, stage) in &rows {
                problems.push(ImportProblem {
                    line: case.line,
                    column: Some("stage".to_owned()),
                    message: format!(
                        "'{reference}' has rows for stages {} (this one is stage {stage}): a complaint needs a row for each stage from stage 1",
                        numbers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
            continue;
        }
        let mut rows = rows.into_iter().map(|(case, _)| case);
        let Some(mut joined) = rows.next() else {
            continue;
        };
        for row in rows {
            if let Some(stage) = row.stages.first() {
                joined.stages.push(ImportedStage {
                    opened_on: row.received_on,
                    handler: row.officer.clone(),
                    ..stage.clone()
                });
            }
            joined.stages.extend(row.stages.into_iter().skip(1));
            if row.closed_on.is_some() {
                joined.closed_on = row.closed_on;
                joined.closed_reason = row.closed_reason.clone();
            }
            if row.withdrawn_on.is_some() {
                joined.withdrawn_on = row.withdrawn_on;
                joined.closed_reason = row.closed_reason.clone();
            }
            if row.ombudsman.is_some() {
                joined.ombudsman = row.ombudsman;
            }
            joined.extra.extend(row.extra);
            joined.lines.extend(row.lines);
        }
        cases.push(joined);
    }
    cases
}

/// A refused row, for the rejects file: its line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The line in the sheet.
    pub line: usize,
    /// What is wrong, in words (each problem of the row).
    pub problem: String,
}

/// The refused rows as they were in the sheet, each with a last `Problem`
/// column, as CSV that Excel opens as it should (UTF-8 with a byte-order
/// mark, CRLF line ends, formula-like cells neutralised as the export
/// does). The corrected file imports as it is: the import does not read
/// the `Problem` column.
pub fn rejects_csv(sheet: &Sheet, rejections: &[Rejection]) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        let width = sheet.headers.len();
        let headers = sheet
            .headers
            .iter()
            .filter(|h| h.trim() != super::PROBLEM_COLUMN)
            .map(String::as_str)
            .chain([super::PROBLEM_COLUMN]);
        // Writing to memory cannot fail.
        let _ = writer.write_record(headers);
        let problem_at = sheet
            .headers
            .iter()
            .position(|h| h.trim() == super::PROBLEM_COLUMN);
        for (line, cells) in &sheet.rows {
            let problems: Vec<&str> = rejections
                .iter()
                .filter(|r| r.line == *line)
                .map(|r| r.problem.as_str())
                .collect();
            if problems.is_empty() {
                continue;
            }
            let mut record: Vec<String> = (0..width.max(cells.len()))
                .filter(|i| Some(*i) != problem_at)
                .map(|i| {
                    let text = cells.get(i).map(Cell::text).unwrap_or_default();
                    super::export::neutralised(&text).into_owned()
                })
                .collect();
            record.push(problems.join("; "));
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    bytes
}

fn parse_row(
    row: &mut Row<'_>,
    policy: &Policy,
    today: NaiveDate,
    seen: &mut HashMap<String, usize>,
) -> Option<ImportedCase> {
    let before = row.problems.len();
    let reference = row.text("reference");
    if reference.is_empty() {
        row.problem("reference", "every case needs a reference".to_owned());
    } else if let Some(first) = seen.get(&reference) {
        row.problem(
            "reference",
            format!("'{reference}' is also on line {first}"),
        );
    } else {
        seen.insert(reference.clone(), row.line);
    }
    let received = row.date("received_on", today);
    if row.optional("received_on").is_none() {
        row.problem(
            "received_on",
            "every case needs the date it was received".to_owned(),
        );
    }
    let service_area = row.text("service_area");
    if service_area.is_empty() {
        row.problem(
            "service_area",
            "every case needs the service complained about".to_owned(),
        );
    }
    let channel = if row.optional("channel").is_some() {
        row.term::<Channel>("channel")
    } else {
        Some(Channel::Email)
    };

    let s1_ack = row.date("stage1_acknowledged_on", today);
    let s1_days = match row.optional("stage1_extended_days") {
        None => 0,
        Some(text) => text.parse::<u32>().unwrap_or_else(|_| {
            row.problem(
                "stage1_extended_days",
                format!("'{text}' is not a whole number of working days"),
            );
            0
        }),
    };
    let s1_reason = row.text("stage1_extension_reason");
    if s1_days > 0 && s1_reason.is_empty() {
        row.problem(
            "stage1_extension_reason",
            "an extension needs a reason".to_owned(),
        );
    }
    let s1_responded = row.date("stage1_responded_on", today);
    let s1_outcome = row.term::<Outcome>("stage1_outcome");
    if s1_outcome.is_some() && s1_responded.is_none() {
        row.problem(
            "stage1_responded_on",
            "an outcome is given but not the date of the response".to_owned(),
        );
    }
    row.order("stage1_acknowledged_on", s1_ack, "received_on", received);
    row.order("stage1_responded_on", s1_responded, "received_on", received);
    row.order(
        "stage1_responded_on",
        s1_responded,
        "stage1_acknowledged_on",
        s1_ack,
    );

    let s2_requested = row.date("stage2_requested_on", today);
    let s2_ack = row.date("stage2_acknowledged_on", today);
    let s2_responded = row.date("stage2_responded_on", today);
    let s2_outcome = row.term::<Outcome>("stage2_outcome");
    let s2_reviewer = row.optional("stage2_reviewer");
    let stage2_given =
        s2_ack.is_some() || s2_responded.is_some() || s2_outcome.is_some() || s2_reviewer.is_some();
    if s2_requested.is_none() && stage2_given && row.optional("stage2_requested_on").is_none() {
        row.problem(
            "stage2_requested_on",
            "stage 2 details are given but not the date escalation was requested".to_owned(),
        );
    }
    if s2_requested.is_some() {
        if row.optional("stage1_responded_on").is_none() {
            row.problem("stage2_requested_on", "a complaint escalates only after the stage 1 response: stage1_responded_on is empty".to_owned());
        }
        if policy.stage(2).is_none() {
            row.problem(
                "stage2_requested_on",
                "the council's procedure has only one stage".to_owned(),
            );
        }
    }
    if s2_outcome.is_some() && s2_responded.is_none() {
        row.problem(
            "stage2_responded_on",
            "an outcome is given but not the date of the response".to_owned(),
        );
    }
    row.order(
        "stage2_requested_on",
        s2_requested,
        "stage1_responded_on",
        s1_responded,
    );
    row.order(
        "stage2_acknowledged_on",
        s2_ack,
        "stage2_requested_on",
        s2_requested,
    );
    row.order(
        "stage2_responded_on",
        s2_responded,
        "stage2_requested_on",
        s2_requested,
    );
    row.order(
        "stage2_responded_on",
        s2_responded,
        "stage2_acknowledged_on",
        s2_ack,
    );

    let ombudsman = row.term::<Ombudsman>("ombudsman");
    let referred = row.date("ombudsman_referred_on", today);
    let ombudsman_outcome = row.text("ombudsman_outcome");
    if (referred.is_some() || !ombudsman_outcome.is_empty()) && row.optional("ombudsman").is_none()
    {
        row.problem(
            "ombudsman",
            "say which Ombudsman: lgsco or housing".to_owned(),
        );
    }
    if ombudsman.is_some() && row.optional("ombudsman_referred_on").is_none() {
        row.problem(
            "ombudsman_referred_on",
            "a referral needs the date it was made".to_owned(),
        );
    }
    row.order("ombudsman_referred_on", referred, "received_on", received);
    let closed = row.date("closed_on", today);
    row.order("closed_on", closed, "received_on", received);
    row.order("closed_on", closed, "stage1_responded_on", s1_responded);
    // Closed after stage 1 and escalated later: the escalation reopened it.
    if !matches!((closed, s2_requested), (Some(c), Some(r)) if c < r) {
        row.order("closed_on", closed, "stage2_responded_on", s2_responded);
    }
    let withdrawn = row.date("withdrawn_on", today);
    row.order("withdrawn_on", withdrawn, "received_on", received);
    if closed.is_some() && withdrawn.is_some() {
        row.problem(
            "withdrawn_on",
            "a case is either closed or withdrawn, not both".to_owned(),
        );
    }
    let note = row.text("triage_note");
    let triage = match row
        .text("triage")
        .to_ascii_lowercase()
        .replace(' ', "-")
        .as_str()
    {
        "" | "complaint" => Some(Triage::Complaint),
        "service-request" => Some(Triage::ServiceRequest { note }),
        "excluded" => {
            if row.optional("exclusion_reason").is_none() {
                row.problem(
                    "exclusion_reason",
                    "an excluded matter needs the reason it is excluded".to_owned(),
                );
                None
            } else if note.is_empty() {
                row.problem(
                    "triage_note",
                    "an excluded matter needs a note saying why".to_owned(),
                );
                None
            } else {
                row.term::<ExclusionReason>("exclusion_reason")
                    .map(|reason| Triage::Excluded { reason, note })
            }
        }
        other => {
            row.problem(
                "triage",
                format!("unknown triage '{other}': use complaint, service-request or excluded"),
            );
            None
        }
    };
    let has_stages =
        s1_ack.is_some() || s1_responded.is_some() || s1_days > 0 || s2_requested.is_some();
    if has_stages && !matches!(triage, Some(Triage::Complaint) | None) {
        row.problem(
            "triage",
            "only a complaint has stages, but stage dates are given".to_owned(),
        );
    }

    if row.problems.len() > before {
        return None;
    }
    let received = received?;
    let officer = row.optional("officer");
    let triage = triage?;
    let mut stages = vec![ImportedStage {
        opened_on: received,
        handler: officer.clone(),
        acknowledged_on: s1_ack,
        extended_days: s1_days,
        extension_reason: s1_reason,
        responded_on: s1_responded,
        outcome: s1_outcome,
    }];
    if triage != Triage::Complaint {
        stages.clear();
    }
    if let Some(requested) = s2_requested {
        stages.push(ImportedStage {
            opened_on: requested,
            handler: s2_reviewer,
            acknowledged_on: s2_ack,
            extended_days: 0,
            extension_reason: String::new(),
            responded_on: s2_responded,
            outcome: s2_outcome,
        });
    }
    Some(ImportedCase {
        line: row.line,
        reference,
        received_on: received,
        service_area,
        channel: channel?,
        category: row.optional("category"),
        complainant_name: row.text("complainant_name"),
        complainant_email: row.text("complainant_email"),
        complainant_phone: row.text("complainant_phone"),
        complainant_address: row.text("complainant_address"),
        summary: summary_or_first_line(&row.text("summary"), &row.text("description")),
        description: row.text("description"),
        outcome_sought: row.text("outcome_sought"),
        officer,
        stages,
        ombudsman: ombudsman
            .zip(referred)
            .map(|(o, r)| (o, r, ombudsman_outcome)),
        closed_on: closed,
        closed_reason: row.text("closed_reason"),
        withdrawn_on: withdrawn,
        complainant_postcode: row.text("complainant_postcode"),
        triage,
        extra: Vec::new(),
        lines: vec![row.line],
    })
}

/// The summary, or without one the description's first line, shortened to
/// a line's length at a word.
pub fn summary_or_first_line(summary: &str, description: &str) -> String {
    const LONGEST: usize = 80;
    if !summary.trim().is_empty() {
        return summary.trim().to_owned();
    }
    let first = description
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.chars().count() <= LONGEST {
        return first.to_owned();
    }
    let cut: String = first.chars().take(LONGEST - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|i| *i > LONGEST / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

/// References among `cases` that `exists` says are already taken, as problems.
pub fn taken_references(
    cases: &[ImportedCase],
    exists: impl Fn(&str) -> bool,
) -> Vec<ImportProblem> {
    let mut reported = HashSet::new();
    cases
        .iter()
        .filter(|case| exists(&case.reference) && reported.insert(case.reference.clone()))
        .map(|case| ImportProblem {
            line: case.line,
            column: Some("reference".to_owned()),
            message: format!("'{}' is already in the database", case.reference),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }

    /// Problems name each column as the sheet heads it.
    #[test]
    fn every_bad_cell_is_named() {
        let text = "Reference,Received_On,Service_Area,stage1_outcome\n\
                    C1,31/02/2026,Housing,upheld\n\
                    ,2026-01-05,Housing,\n\
                    C1,2026-01-05,Housing,sort of\n";
        let problems = parse_cases(text, &Policy::complaint_handling_code(), today()).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 2, column Received_On: '31/02/2026'")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 3, column Reference:")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 4, column Reference: 'C1' is also on line 2")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 4, column stage1_outcome: unknown outcome 'sort of'")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_missing_required_column_is_reported() {
        let problems = parse_cases(
            "reference,received_on\nC1,2026-01-05\n",
            &Policy::complaint_handling_code(),
            today(),
        )
        .unwrap_err();
        assert!(
            problems[0]
                .to_string()
                .starts_with("line 1, column service_area: no column is service_area"),
            "{}",
            problems[0]
        );
    }
}
