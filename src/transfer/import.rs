//! Reading a spreadsheet of cases: decoding what Excel saved (UTF-8 with or
//! without a byte-order mark, or Windows-1252), then checking every cell and
//! reporting every problem with its line and column. Pure: no database here.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::{COLUMNS, REQUIRED_COLUMNS};
use crate::case::{Channel, ExclusionReason, Ombudsman, Outcome, Triage};
use crate::dates::parse_date;
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
}

/// The cells of one row, by column name.
struct Row<'a> {
    line: usize,
    cells: HashMap<&'static str, &'a str>,
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
        self.problems.push(ImportProblem {
            line: self.line,
            column: Some(column.to_owned()),
            message,
        });
    }

    fn date(&mut self, column: &'static str, today: NaiveDate) -> Option<NaiveDate> {
        let text = self.optional(column)?;
        match parse_date(&text) {
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
                self.problem(column, err.to_string());
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

/// Reads and checks every row. Either every row is good, or every problem is
/// returned (and nothing should be written).
pub fn parse_cases(
    text: &str,
    policy: &Policy,
    today: NaiveDate,
) -> Result<Vec<ImportedCase>, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    // Not flexible: a row with more or fewer cells than the header is
    // reported, never silently cut or padded.
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            return Err(vec![ImportProblem {
                line: 1,
                column: None,
                message: format!("cannot read the header row: {err}"),
            }])
        }
    };
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let wanted = header.trim().to_ascii_lowercase().replace(' ', "_");
        match COLUMNS.iter().find(|c| **c == wanted) {
            Some(column) if positions.contains_key(column) => problems.push(ImportProblem {
                line: 1,
                column: Some(header.to_owned()),
                message: "this column appears twice".to_owned(),
            }),
            Some(column) => {
                positions.insert(column, index);
            }
            None if wanted.is_empty() => {}
            None => problems.push(ImportProblem {
                line: 1,
                column: Some(header.to_owned()),
                message: format!("unknown column: the columns are {}", COLUMNS.join(", ")),
            }),
        }
    }
    for required in &COLUMNS[..REQUIRED_COLUMNS] {
        if !positions.contains_key(required) {
            problems.push(ImportProblem {
                line: 1,
                column: Some((*required).to_owned()),
                message: "this required column is missing".to_owned(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut cases = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, spreadsheet_row);
                problems.push(ImportProblem {
                    line,
                    column: None,
                    message: format!("cannot read this row: {err}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, spreadsheet_row);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cells = positions
            .iter()
            .filter_map(|(column, index)| record.get(*index).map(|cell| (*column, cell)))
            .collect();
        let mut row = Row {
            line,
            cells,
            problems: &mut problems,
        };
        if let Some(case) = parse_row(&mut row, policy, today, &mut seen) {
            cases.push(case);
        }
    }
    if problems.is_empty() {
        Ok(cases)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// The row a spreadsheet shows for a record: the header is row 1, the first
/// case row 2, whatever line breaks the cells hold.
fn spreadsheet_row(position: &csv::Position) -> usize {
    usize::try_from(position.record()).map_or(0, |record| record + 1)
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
    row.order("closed_on", closed, "stage2_responded_on", s2_responded);
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
        summary: row.text("summary"),
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
    })
}

/// References among `cases` that `exists` says are already taken, as problems.
pub(crate) fn taken_references(
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
                .any(|m| m.starts_with("line 2, column received_on: '31/02/2026'")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 3, column reference:")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("line 4, column reference: 'C1' is also on line 2")),
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
        assert_eq!(
            problems[0].to_string(),
            "line 1, column service_area: this required column is missing"
        );
    }
}
