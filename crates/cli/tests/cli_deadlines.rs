//! The `redress workdays` and `redress deadlines` contract, through the real
//! binary.

mod common;

use std::process::Output;

fn redress(args: &[&str]) -> Output {
    common::redress()
        .args(args)
        .output()
        .expect("the redress binary runs")
}

fn stdout(args: &[&str]) -> String {
    let output = redress(args);
    assert!(
        output.status.success(),
        "redress {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn refused(args: &[&str]) -> String {
    let output = redress(args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "redress {args:?} should exit 2"
    );
    assert!(output.stdout.is_empty(), "nothing on stdout when refused");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 error");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one-line error: {stderr}"
    );
    stderr
}

#[test]
fn workdays_add_prints_an_iso_date() {
    assert_eq!(
        stdout(&["workdays", "add", "2026-11-21", "1"]),
        "2026-11-23\n"
    );
    assert_eq!(
        stdout(&[
            "workdays",
            "add",
            "2026-12-24",
            "3",
            "--closure",
            "2026-12-29",
            "--closure",
            "2026-12-30"
        ]),
        "2027-01-05\n"
    );
    assert_eq!(
        stdout(&["workdays", "add", "2026-06-12", "1", "--nation", "scotland"]),
        "2026-06-16\n"
    );
    assert_eq!(
        stdout(&[
            "workdays",
            "add",
            "2026-07-10",
            "1",
            "--nation",
            "northern-ireland"
        ]),
        "2026-07-14\n"
    );
}

#[test]
fn workdays_count_counts_after_from_up_to_to() {
    assert_eq!(
        stdout(&["workdays", "count", "2026-12-24", "2027-01-05"]),
        "5\n"
    );
    assert_eq!(
        stdout(&[
            "workdays",
            "count",
            "2026-12-24",
            "2027-01-05",
            "--nation",
            "scotland"
        ]),
        "4\n"
    );
    assert_eq!(
        stdout(&["workdays", "count", "2026-11-23", "2026-11-23"]),
        "0\n"
    );
}

#[test]
fn deadlines_json_has_the_contracted_shape() {
    let out = stdout(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--escalated",
        "2026-12-01",
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "stage1": {"acknowledge_by": "2026-11-09", "respond_by": "2026-11-23", "extension_limit": "2026-12-07"},
            "stage2": {"acknowledge_by": "2026-12-08", "respond_by": "2027-01-08", "extension_limit": "2027-02-05"}
        })
    );
    let out = stdout(&["deadlines", "--received", "2026-11-02", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(value.get("stage2").is_none());
}

#[test]
fn deadlines_count_from_the_actual_acknowledgement() {
    let out = stdout(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--acknowledged",
        "2026-11-03",
        "--escalated",
        "2026-12-01",
        "--stage2-acknowledged",
        "2026-12-02",
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(value["stage1"]["respond_by"], "2026-11-17");
    assert_eq!(value["stage2"]["respond_by"], "2027-01-04");
}

#[test]
fn deadlines_table_reads_as_people_write_dates() {
    let out = stdout(&["deadlines", "--received", "2026-12-17"]);
    assert!(out.contains("Stage 1 (received Thu 17 Dec 2026)"), "{out}");
    assert!(out.contains("Acknowledge by    Thu 24 Dec 2026"), "{out}");
    assert!(out.contains("England and Wales"), "{out}");
}

#[test]
fn a_policy_file_changes_the_timescales() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mansfield-2022.toml");
    std::fs::write(
        &path,
        "name = \"Mansfield 2022\"\n\
         [[stage]]\nacknowledge_days = 5\nresponse_days = 10\nresponse_from = \"receipt\"\nextension_limit_days = 10\n\
         [[stage]]\nacknowledge_days = 2\nresponse_days = 15\nresponse_from = \"acknowledgement\"\nextension_limit_days = 15\n",
    )
    .expect("write policy");
    let path = path.to_str().expect("UTF-8 path");
    let out = stdout(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--escalated",
        "2026-12-01",
        "--policy",
        path,
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(value["stage1"]["respond_by"], "2026-11-16");
    assert_eq!(value["stage2"]["acknowledge_by"], "2026-12-03");
    assert_eq!(value["stage2"]["respond_by"], "2026-12-24");

    std::fs::write(
        dir.path().join("bad.json"),
        r#"{"stage": [{"acknowledge_days": 5, "response_days": "ten"}]}"#,
    )
    .expect("write policy");
    let bad = dir.path().join("bad.json");
    let err = refused(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--policy",
        bad.to_str().expect("path"),
    ]);
    assert!(err.contains("stage 1 response_days"), "{err}");
}

#[test]
fn bad_values_are_named_in_one_line() {
    assert!(refused(&["workdays", "add", "2026-02-30", "1"]).contains("'2026-02-30'"));
    assert!(refused(&[
        "workdays",
        "add",
        "2026-02-03",
        "1",
        "--nation",
        "wales-and-england"
    ])
    .contains("'wales-and-england'"));
    assert!(refused(&["workdays", "count", "2026-02-03", "1999-01-01"]).contains("1999-01-01"));
    assert!(
        refused(&["deadlines", "--received", "2026-11-02", "--closure", "soon"]).contains("'soon'")
    );
    assert!(refused(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--acknowledged",
        "2026-11-01"
    ])
    .contains("--acknowledged 2026-11-01"));
    assert!(refused(&[
        "deadlines",
        "--received",
        "2026-11-02",
        "--policy",
        "/nonexistent/policy.toml"
    ])
    .contains("/nonexistent/policy.toml"));
}

/// A council's three-stage procedure, as a policy file.
const THREE_STAGES: &str = "name = \"Three stages\"\n\
     [[stage]]\nacknowledge_days = 3\nresponse_days = 10\nresponse_from = \"acknowledgement\"\nextension_limit_days = 10\n\
     [[stage]]\nacknowledge_days = 5\nresponse_days = 20\nresponse_from = \"acknowledgement\"\nextension_limit_days = 10\n\
     [[stage]]\nacknowledge_days = 5\nresponse_days = 20\nresponse_from = \"receipt\"\nextension_limit_days = 0\n";

#[test]
fn deadlines_give_every_stage_of_a_three_stage_policy_as_the_desktop_does() {
    use redress::deadline::{project, Known};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("three.toml");
    std::fs::write(&path, THREE_STAGES).expect("write policy");
    let policy = redress::policy::Policy::from_toml(THREE_STAGES).expect("policy");
    let calendar = redress::calendar::Calendar::new(redress::calendar::Nation::Scotland);
    let day = |text: &str| redress::dates::parse_date(text).expect("date");
    // What the desktop's calculator shows for a complaint received on
    // Christmas Eve and escalated in January: every stage, stage 3 as if
    // asked for on the day stage 2 had to respond by (the core's projection,
    // which the calculator only lays out; its own test holds that).
    let known = Known {
        opened: vec![Some(day("2026-12-24")), Some(day("2027-01-20"))],
        acknowledged: Vec::new(),
    };
    let desktop = project(&calendar, &policy, day("2026-12-24"), &known);
    assert_eq!(desktop.len(), 3);
    assert!(desktop[2].assumed);
    let stage3_opened = desktop[2].opened.to_string();
    let out = stdout(&[
        "deadlines",
        "--received",
        "2026-12-24",
        "--escalated",
        "2027-01-20",
        "--stage3-escalated",
        &stage3_opened,
        "--nation",
        "scotland",
        "--policy",
        path.to_str().expect("UTF-8 path"),
        "--json",
    ]);
    let cli: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    for stage in &desktop {
        let shown = &cli[format!("stage{}", stage.number)];
        assert_eq!(
            (
                shown["acknowledge_by"].as_str(),
                shown["respond_by"].as_str(),
                shown["extension_limit"].as_str()
            ),
            (
                Some(stage.deadlines.acknowledge_by.to_string().as_str()),
                Some(stage.deadlines.respond_by.to_string().as_str()),
                Some(stage.deadlines.extension_limit.to_string().as_str())
            ),
            "stage {}: {out}",
            stage.number
        );
    }
    // Scotland's Christmas is in it: three working days after Thu 24 Dec
    // (Fri 25 and Mon 28, Boxing Day's substitute, are holidays) end on
    // Thu 31 Dec.
    assert_eq!(cli["stage1"]["acknowledge_by"], "2026-12-31");
    // A third stage a policy does not have is refused.
    let err = refused(&[
        "deadlines",
        "--received",
        "2026-12-24",
        "--escalated",
        "2027-01-20",
        "--stage3-escalated",
        "2027-03-01",
    ]);
    assert!(err.contains("stage 3"), "{err}");
}
