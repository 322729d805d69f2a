//! Writing cases as the spreadsheet columns of [`COLUMNS`], as CSV or as JSON
//! objects with the same keys, so an export imports back unchanged.

use std::io::Write;

use chrono::NaiveDate;

use super::COLUMNS;
use crate::case::{Case, Status, Triage};

fn date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as the CSV writes it, so that Excel cannot run it as a formula
/// (OWASP's "CSV injection"): a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading apostrophe, which spreadsheets
/// show as text; so does one already starting with an apostrophe and one
/// of those, so the import (`unneutralised`) gives back exactly what was
/// exported.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let risky = match chars.next() {
        Some(c) if FORMULA_START.contains(&c) => true,
        Some('\'') => cell.trim_start_matches('\'').starts_with(FORMULA_START),
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as the import reads it: the apostrophe `neutralised` added is
/// taken off again.
pub fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// One case as the export's cells, in [`COLUMNS`] order. An anonymous
/// complainant's details are left out.
fn cells(case: &Case) -> [String; 33] {
    let who = if case.complainant.anonymous {
        crate::case::Complainant::default()
    } else {
        case.complainant.clone()
    };
    let stage1 = case.stages.first();
    let stage2 = case.stages.get(1);
    let referral = case.referral.as_ref();
    let (closed_on, withdrawn_on, status_reason) = match &case.status {
        Status::Closed { on, reason } => (Some(*on), None, reason.clone()),
        Status::Withdrawn { on, reason } => (None, Some(*on), reason.clone()),
        Status::Open => (None, None, String::new()),
    };
    let (exclusion_reason, triage_note) = match &case.triage {
        Triage::Excluded { reason, note } => (reason.slug().to_owned(), note.clone()),
        Triage::ServiceRequest { note } => (String::new(), note.clone()),
        Triage::Complaint => (String::new(), String::new()),
    };
    let reasons: Vec<&str> = stage1
        .map(|s| s.extensions.iter().map(|e| e.reason.as_str()).collect())
        .unwrap_or_default();
    [
        case.reference.clone(),
        date(Some(case.received_on)),
        case.service_area.name.clone(),
        case.channel.slug().to_owned(),
        case.category
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        who.name.clone(),
        who.email.clone(),
        who.phone.clone(),
        who.address.clone(),
        case.summary.clone(),
        case.description.clone(),
        case.outcome_sought.clone(),
        case.officer
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        date(stage1.and_then(|s| s.acknowledged_on)),
        stage1
            .map(|s| s.extension_days())
            .filter(|d| *d > 0)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        reasons.join("; "),
        date(stage1.and_then(|s| s.responded_on)),
        stage1
            .and_then(|s| s.outcome)
            .map(|o| o.label().to_lowercase())
            .unwrap_or_default(),
        date(stage2.map(|s| s.opened_on)),
        stage2
            .and_then(|s| s.handler.as_ref())
            .map(|h| h.name.clone())
            .unwrap_or_default(),
        date(stage2.and_then(|s| s.acknowledged_on)),
        date(stage2.and_then(|s| s.responded_on)),
        stage2
            .and_then(|s| s.outcome)
            .map(|o| o.label().to_lowercase())
            .unwrap_or_default(),
        referral
            .map(|r| r.ombudsman.slug().to_owned())
            .unwrap_or_default(),
        date(referral.map(|r| r.referred_on)),
        referral.map(|r| r.decision.clone()).unwrap_or_default(),
        date(closed_on),
        status_reason,
        date(withdrawn_on),
        who.postcode.clone(),
        case.triage.slug().to_owned(),
        exclusion_reason,
        triage_note,
    ]
}

/// The cases' CSV, written a case at a time (so an export of every case
/// holds one in memory), after a UTF-8 byte-order mark so that Excel reads
/// accents and "£" rightly (the import skips it).
pub struct CasesCsv<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CasesCsv<W> {
    /// Starts the file: the byte-order mark and the header row.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(COLUMNS)?;
        Ok(CasesCsv { writer })
    }

    /// Writes one case's row.
    pub fn write(&mut self, case: &Case) -> std::io::Result<()> {
        for cell in cells(case) {
            self.writer.write_field(neutralised(&cell).as_bytes())?;
        }
        Ok(self.writer.write_record(None::<&[u8]>)?)
    }

    /// Ends the file.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// The cases as a JSON array of objects keyed by column name.
pub fn export_json<'a>(cases: impl IntoIterator<Item = &'a Case>) -> serde_json::Value {
    let rows = cases
        .into_iter()
        .map(|case| {
            let object = COLUMNS
                .iter()
                .zip(cells(case))
                .map(|(column, value)| ((*column).to_owned(), serde_json::Value::String(value)))
                .collect();
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::Value::Array(rows)
}
