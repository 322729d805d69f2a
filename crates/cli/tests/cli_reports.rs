//! `redress report`: the figures councils publish, checked on imported
//! cases whose answers are known, through the exact JSON shape; the seed
//! report's table 1 (stage 1 complaints by service area by quarter, with
//! the change on the quarter before) rebuilt from them; the CSV for Excel
//! and the committee and annual PDFs read back with poppler.

mod common;

use chrono::{Days, NaiveDate};
use common::Redress;
use serde_json::Value;

/// Stage 1 complaints received in each quarter of 2025/26, by service area
/// (the shape of the seed report's table 1).
const RECEIVED: [(&str, [u32; 4]); 3] = [
    ("Planning and Regeneration", [4, 4, 5, 5]),
    ("Housing", [6, 7, 5, 3]),
    ("Health & Communities", [1, 0, 3, 4]),
];

/// The first day of each quarter of 2025/26.
const QUARTERS: [&str; 4] = ["2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01"];

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Case `i` of an area in a quarter: received on day 2 + i of the quarter,
/// acknowledged the day after, answered a week later when `i` is even
/// (on time) and 30 days later when odd (late), all within the quarter.
fn spreadsheet() -> String {
    let mut csv = String::from(
        "Reference,Received_On,Service_Area,Channel,Complainant_Name,Summary,Officer,Stage1_Acknowledged_On,Stage1_Responded_On,Stage1_Outcome,Closed_On\n",
    );
    let mut n = 0;
    for (area, counts) in RECEIVED {
        for (q, count) in counts.iter().enumerate() {
            for i in 0..*count {
                n += 1;
                let received = d(QUARTERS[q]) + Days::new(1 + u64::from(i));
                let ack = received + Days::new(1);
                let responded = received + Days::new(if i % 2 == 0 { 7 } else { 30 });
                let outcome = ["Upheld", "Partly upheld", "Not upheld"][(i % 3) as usize];
                csv.push_str(&format!(
                    "R/{n:03},{received},{area},Email,Person {n},Complaint {n},Alex Khan,{ack},{responded},{outcome},{responded}\n"
                ));
            }
        }
    }
    csv
}

fn imported() -> Redress {
    let r = Redress::new().with_officers();
    let path = r.dir.path().join("cases.csv");
    std::fs::write(&path, spreadsheet()).expect("write");
    r.ok(&["import", "cases", path.to_str().expect("path")]);
    r
}

fn report(r: &Redress, from: &str, to: &str) -> Value {
    serde_json::from_str(&r.ok(&["report", "--from", from, "--to", to, "--json"])).expect("JSON")
}

fn quarter_end(q: usize) -> String {
    let next = ["2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"][q];
    (d(next) - Days::new(1)).to_string()
}

#[test]
fn table_1_of_the_seed_report_rebuilt_from_imported_cases() {
    let r = imported();
    let quarters: Vec<Value> = (0..4)
        .map(|q| report(&r, QUARTERS[q], &quarter_end(q)))
        .collect();
    for (area, counts) in RECEIVED {
        let received: Vec<u64> = quarters
            .iter()
            .map(|json| {
                let row = json["service_areas"]
                    .as_array()
                    .expect("areas")
                    .iter()
                    .find(|a| a["name"] == area)
                    .unwrap_or_else(|| panic!("{area} is listed"));
                row["stage1"]["received"].as_u64().expect("count")
            })
            .collect();
        let expected: Vec<u64> = counts.iter().map(|c| u64::from(*c)).collect();
        assert_eq!(received, expected, "{area}");
    }
    // The Q3 - Q4 change of the seed's table: Housing 5 then 3.
    let housing = |q: usize| {
        quarters[q]["service_areas"]
            .as_array()
            .expect("areas")
            .iter()
            .find(|a| a["name"] == "Housing")
            .expect("Housing")["stage1"]["received"]
            .as_i64()
            .expect("count")
    };
    assert_eq!(housing(3) - housing(2), -2);
    // Health & Communities had nothing in Q2: listed, with nothing to say.
    let q2 = &quarters[1];
    let health = q2["service_areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["name"] == "Health & Communities")
        .expect("listed with nothing to report");
    assert_eq!(health["stage1"]["received"], 0);
    assert!(health["stage1"]["pct_responded_within_timescale"].is_null());
}

#[test]
fn the_measures_over_a_quarter_and_a_year_are_the_ones_worked_out_by_hand() {
    let r = imported();
    let q1 = report(&r, "2025-04-01", "2025-06-30");
    assert_eq!(q1["from"], "2025-04-01");
    assert_eq!(q1["to"], "2025-06-30");
    let s1 = &q1["overall"]["stage1"];
    // 4 + 6 + 1 received; the even-numbered answered on time: 2 + 3 + 1.
    assert_eq!(s1["received"], 11);
    assert_eq!(s1["acknowledged_on_time"], 11);
    assert_eq!(s1["responded"], 11);
    assert_eq!(s1["responded_within_timescale"], 6);
    assert_eq!(s1["pct_responded_within_timescale"], 54.5);
    // Outcomes cycle upheld, partly, not: Planning 2/1/1, Housing 2/2/2, Health 1/0/0.
    assert_eq!(
        (&s1["upheld"], &s1["partly_upheld"], &s1["not_upheld"]),
        (&Value::from(5), &Value::from(3), &Value::from(3))
    );
    assert_eq!(s1["escalated"], 0);
    let planning = &q1["service_areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["name"] == "Planning and Regeneration")
        .expect("Planning")["stage1"];
    assert_eq!(planning["pct_responded_within_timescale"], 50.0);
    assert_eq!(q1["overall"]["stage2"]["received"], 0);
    assert!(q1["overall"]["stage2"]["pct_responded_within_timescale"].is_null());
    // The mean of the areas' percentages (50, 50, 100) is not the overall 54.5.
    assert_eq!(q1["mean_of_service_area_pct"]["stage1"], 66.7);

    let year = report(&r, "2025-04-01", "2026-03-31");
    assert_eq!(year["overall"]["stage1"]["received"], 47);
    assert_eq!(year["label"], "2025/26");
    assert_eq!(year["previous_period"]["label"], "2024/25");
}

#[test]
fn the_csv_opens_in_excel_and_the_pdfs_read_back() {
    let r = imported();
    let csv = r.dir.path().join("q1.csv");
    let out = r.ok(&[
        "report",
        "--from",
        "1/4/2025",
        "--to",
        "30/6/2025",
        "--csv",
        csv.to_str().expect("path"),
    ]);
    assert!(out.contains("Q1 2025/26"), "{out}");
    let text = std::fs::read_to_string(&csv).expect("CSV");
    assert!(text.starts_with("\u{feff}period,service_area,stage,measure,value"));
    assert!(text.contains("2025-04-01 to 2025-06-30,All service areas,stage1,received,11"));
    assert!(text
        .contains("2025-04-01 to 2025-06-30,Housing,stage1,pct_responded_within_timescale,50.0"));

    let pdf = r.dir.path().join("q1.pdf");
    r.ok(&[
        "report",
        "--from",
        "2025-04-01",
        "--to",
        "2025-06-30",
        "--pdf",
        pdf.to_str().expect("path"),
    ]);
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Complaints performance report: Q1 2025/26"),
        "{text}"
    );
    assert!(text.contains("received 11 stage 1 complaints"), "{text}");
    assert!(text.contains("54.5%"), "{text}");
    assert!(text.contains("What these figures mean"), "{text}");

    let annual = r.dir.path().join("annual.pdf");
    r.ok(&[
        "report",
        "--annual",
        "2025",
        "--pdf",
        annual.to_str().expect("path"),
    ]);
    let text = pdftotext(&annual);
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        words
            .join(" ")
            .contains("Annual complaints performance and service improvement report 2025/26"),
        "{text}"
    );
    assert!(
        text.contains("Self-assessment against the Complaint Handling Code"),
        "{text}"
    );
    assert!(
        text.contains(
            "% of stage 1 complaints acknowledged within 5 working days: 100.0% (47 of 47)"
        ),
        "{text}"
    );
    assert!(text.contains("To be completed by the council."), "{text}");
}

#[test]
fn a_bad_period_is_refused_clearly() {
    let r = imported();
    let err = r.refused(&[
        "report",
        "--from",
        "2025-06-30",
        "--to",
        "2025-04-01",
        "--json",
    ]);
    assert!(
        err.contains("ends") && err.contains("before it starts"),
        "{err}"
    );
    let err = r.refused(&[
        "report",
        "--from",
        "someday",
        "--to",
        "2025-04-01",
        "--json",
    ]);
    assert!(err.contains("someday"), "{err}");
    let out = r.run(&["report", "--from", "2025-04-01", "--to", "2025-06-30"]);
    assert!(!out.status.success(), "an output is required");
    let err = r.refused(&["report", "--annual", "99999", "--json"]);
    assert!(err.contains("financial year"), "{err}");
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
