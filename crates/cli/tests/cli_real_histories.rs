//! A council's real history coming in: rows whose case was closed before
//! the Ombudsman's referral or before the complainant asked for stage 2
//! (taken in date order), one row per stage of a complaint, and a large
//! sheet with bad rows imported with `--skip-bad`, its rejects file
//! corrected and imported in turn.

mod common;

use common::Redress;
use serde_json::Value;

fn write(r: &Redress, name: &str, bytes: &[u8]) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write file");
    path.to_str().expect("UTF-8 path").to_owned()
}

fn count(r: &Redress) -> usize {
    let list: Value = serde_json::from_str(&r.ok(&["case", "list", "--json"])).expect("JSON");
    list.as_array().map_or(0, Vec::len)
}

#[test]
fn closed_before_the_ombudsman_or_stage_2_is_recorded_as_it_happened() {
    let r = Redress::new();
    let sheet = "reference,received_on,service_area,stage1_acknowledged_on,stage1_responded_on,stage1_outcome,closed_on,ombudsman,ombudsman_referred_on,ombudsman_outcome,stage2_requested_on,stage2_responded_on,stage2_outcome\r\n\
        H/1,2021-09-01,Housing,2021-09-02,2021-09-30,not-upheld,2021-10-04,lgsco,2021-10-18,Not upheld,,,\r\n\
        H/2,2021-09-01,Housing,2021-09-02,2021-09-30,upheld,2021-10-01,,,,2021-10-20,2021-11-10,partly-upheld\r\n";
    let file = write(&r, "history.csv", sheet.as_bytes());
    let out = r.ok(&["import", "cases", &file]);
    assert!(out.contains("Imported 2 cases"), "{out}");

    let referred = r.case("H/1");
    assert_eq!(referred["status"]["state"], "closed", "{referred}");
    assert_eq!(referred["referral"]["referred_on"], "2021-10-18");
    let history = r.ok(&["case", "history", "H/1"]);
    let closed_at = history.find("losed").expect("closed in the history");
    let referred_at = history.find("eferred").expect("referral in the history");
    assert!(
        closed_at < referred_at,
        "closing comes before the referral:\n{history}"
    );

    // Closed after stage 1, then the complainant asked for stage 2: the
    // escalation reopened it on the day it was asked for.
    let escalated = r.case("H/2");
    assert_eq!(escalated["stages"].as_array().map(Vec::len), Some(2));
    assert_eq!(escalated["stages"][1]["outcome"], "partly-upheld");
    let history = r.ok(&["case", "history", "H/2"]);
    assert!(history.to_lowercase().contains("reopened"), "{history}");

    // What cannot have happened is still refused, naming the row.
    let impossible = "reference,received_on,service_area,stage1_responded_on\r\nH/3,2021-09-10,Housing,2021-09-01\r\n";
    let file = write(&r, "impossible.csv", impossible.as_bytes());
    let err = r.refused(&["import", "cases", &file]);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("stage1_responded_on"), "{err}");
}

#[test]
fn one_row_per_stage_is_one_case_with_its_stages() {
    let r = Redress::new();
    let sheet = "Ref,Stage,Date received,Department,Acknowledged,Responded,Outcome,Officer,Closed\r\n\
        P/7,Stage 1,2025-03-03,Planning,2025-03-04,2025-03-20,not upheld,Alex Khan,\r\n\
        P/7,Stage 2,2025-04-01,Planning,2025-04-02,2025-04-25,partly upheld,Helen Marsh,2025-04-28\r\n\
        P/8,1,2025-05-01,Planning,2025-05-02,,,Alex Khan,\r\n";
    let file = write(&r, "stages.csv", sheet.as_bytes());
    let out = r.ok(&["import", "cases", &file, "--json"]);
    let summary: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(summary["imported"], 2, "{summary}");
    let case = r.case("P/7");
    assert_eq!(case["stages"].as_array().map(Vec::len), Some(2), "{case}");
    assert_eq!(case["stages"][0]["outcome"], "not-upheld");
    assert_eq!(case["stages"][1]["opened_on"], "2025-04-01");
    assert_eq!(case["stages"][1]["outcome"], "partly-upheld");
    assert_eq!(case["stages"][1]["handler"]["name"], "Helen Marsh");
    assert_eq!(case["status"]["state"], "closed");
    assert_eq!(r.case("P/8")["stages"].as_array().map(Vec::len), Some(1));

    // A stage 2 row without its stage 1 row is refused, naming both.
    let sheet = "Ref,Stage,Date received,Department\r\nP/9,2,2025-04-01,Planning\r\nP/9,3,2025-05-01,Planning\r\n";
    let file = write(&r, "gap.csv", sheet.as_bytes());
    let err = r.refused(&["import", "cases", &file]);
    assert!(err.contains("line 2") && err.contains("line 3"), "{err}");
    assert!(err.contains("from stage 1"), "{err}");
}

/// A council-sized history with bad rows of the kinds real logs hold.
fn large_sheet(rows: usize) -> (String, usize) {
    let mut text =
        String::from("Reference,Date received,Service,Summary,Stage 1 responded,Outcome\r\n");
    let mut bad = 0;
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let received = format!("{day:02}/{month:02}/2024");
        let responded = format!("{:02}/{month:02}/2024", (day + 1).min(28));
        let (reference, received, responded) = match i % 97 {
            // A date with a note written into it.
            13 => {
                bad += 1;
                (
                    format!("R{i}"),
                    format!("{received} (amended at review)"),
                    responded,
                )
            }
            // A second row for the same reference.
            41 if i > 41 => {
                bad += 1;
                (format!("R{}", i - 1), received, responded)
            }
            // Answered before it was received.
            70 => {
                bad += 1;
                (
                    format!("R{i}"),
                    format!("{:02}/{month:02}/2024", (day + 1).min(28)),
                    format!("{:02}/{month:02}/2024", day.max(2) - 1),
                )
            }
            _ => (format!("R{i}"), received, responded),
        };
        text.push_str(&format!(
            "{reference},{received},Housing,\"Repairs, row {i}\",{responded},upheld\r\n"
        ));
    }
    (text, bad)
}

#[test]
fn a_large_sheet_imports_its_good_rows_and_hands_back_the_rest() {
    let r = Redress::new();
    let (sheet, bad) = large_sheet(2_000);
    assert!(bad > 40, "the sheet has bad rows: {bad}");
    let file = write(&r, "register.csv", sheet.as_bytes());

    // Without --skip-bad: all or nothing, as before.
    r.refused(&["import", "cases", &file]);
    assert_eq!(count(&r), 0);

    let rejects = r.dir.path().join("refused.csv");
    let rejects_s = rejects.to_str().expect("UTF-8");
    let out = r.ok(&[
        "import",
        "cases",
        &file,
        "--skip-bad",
        "--rejects",
        rejects_s,
        "--json",
    ]);
    let summary: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(summary["rejected"], bad, "{summary}");
    assert_eq!(summary["imported"], 2_000 - bad, "{summary}");
    assert_eq!(count(&r), 2_000 - bad);

    // The rejects file opens in Excel: a byte-order mark, CRLF, the rows as
    // they were with a Problem column.
    let bytes = std::fs::read(&rejects).expect("rejects file");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), bad + 1, "{text}");
    assert_eq!(
        lines[0],
        "Reference,Date received,Service,Summary,Stage 1 responded,Outcome,Problem"
    );
    assert!(
        lines.iter().any(|l| l.contains("(amended at review)")),
        "the row is as it was: {text}"
    );
    assert!(lines.iter().any(|l| l.contains("\"Repairs, row")), "{text}");
    assert!(lines.iter().any(|l| l.contains("also on line")), "{text}");
    // A second run never writes over the rejects file.
    let err = r.refused(&[
        "import",
        "cases",
        &file,
        "--skip-bad",
        "--rejects",
        rejects_s,
    ]);
    assert!(
        err.contains("already exists") || err.contains("exists"),
        "{err}"
    );

    // The officer corrects the rows in the rejects file and imports it.
    let mut corrected = String::new();
    for (n, line) in text.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut cells: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .expect("a record")
            .expect("CSV")
            .iter()
            .map(str::to_owned)
            .collect();
        if n > 0 {
            cells[0] = format!("FIX{n}");
            cells[1] = "02/01/2024".to_owned();
            cells[4] = "05/01/2024".to_owned();
        }
        let mut record = csv::Writer::from_writer(Vec::new());
        record.write_record(&cells).expect("write");
        corrected.push_str(
            String::from_utf8(record.into_inner().expect("csv"))
                .expect("UTF-8")
                .trim_end(),
        );
        corrected.push_str("\r\n");
    }
    let fixed = write(&r, "refused corrected.csv", corrected.as_bytes());
    let again = r.dir.path().join("refused again.csv");
    let out = r.ok(&[
        "import",
        "cases",
        &fixed,
        "--skip-bad",
        "--rejects",
        again.to_str().expect("UTF-8"),
        "--json",
    ]);
    let summary: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(summary["rejected"], 0, "{summary}");
    assert_eq!(summary["imported"], bad, "{summary}");
    assert!(!again.exists(), "no rejects, no file");
    assert_eq!(count(&r), 2_000);
    // The Problem column was not kept with the cases.
    let case = r.case("FIX1");
    assert!(!case.to_string().contains("amended at review"), "{case}");
}
