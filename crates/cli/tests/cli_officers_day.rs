//! The officer's day from the command line: a reviewer finds the cases they
//! review; a leaver is retired (kept on their cases, refused for new ones);
//! references are found whatever their capitals; a step says what it did;
//! counts are in words and a number option that is not one is explained.

mod common;

use common::Redress;

#[test]
fn a_reviewer_finds_the_cases_they_review() {
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    let out = r.ok(&[
        "case",
        "escalate",
        &case,
        "--reviewer",
        "Sam Reviewer",
        "--on",
        "2026-11-09",
    ]);
    assert!(
        out.contains(&format!("Escalation recorded: {case}.")),
        "{out}"
    );
    let list: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--officer", "Sam Reviewer", "--json"]))
            .expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["reference"], case.as_str());
}

#[test]
fn a_leaver_keeps_their_cases_and_is_refused_new_ones() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint(); // allocated to Alex Khan
    let out = r.ok(&["officer", "retire", "Alex Khan"]);
    assert!(out.contains("Alex Khan is retired"), "{out}");
    assert_eq!(
        r.case(&case)["officer"]["name"],
        "Alex Khan",
        "kept on the old case"
    );
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--service-area",
        "Waste and Recycling",
        "--name",
        "Ann Other",
        "--summary",
        "Late bin",
        "--officer",
        "Alex Khan",
    ]);
    assert!(err.contains("Alex Khan has retired"), "{err}");
    let err = r.refused(&["case", "allocate", &case, "--officer", "Alex Khan"]);
    assert!(err.contains("has retired"), "{err}");
    assert!(r.ok(&["officer", "list"]).contains("Retired"));
    let out = r.ok(&["officer", "retire", "Alex Khan", "--undo"]);
    assert!(out.contains("is back"), "{out}");
    r.ok(&["case", "allocate", &case, "--officer", "Alex Khan"]);
}

#[test]
fn the_command_line_speaks_plainly() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    let lower = case.to_lowercase();
    assert_eq!(r.case(&lower)["reference"], case.as_str(), "any capitals");
    let out = r.ok(&["case", "close", &lower, "--reason", "Resolved by phone"]);
    assert!(out.contains(&format!("Case closed: {case}.")), "{out}");
    let out = r.ok(&["case", "list"]);
    assert!(out.contains("1 case") && !out.contains("(s)"), "{out}");
    let err = r.refused(&["case", "list", "--due-within", "ten"]);
    assert!(err.contains("'ten' is not a whole number"), "{err}");
    assert!(!err.contains("invalid digit"), "{err}");
    let help = r.ok(&["case", "new", "--help"]);
    assert!(!help.contains("[default: ]"), "{help}");
    assert!(!help.contains("DOMAIN.md"), "{help}");
    let file = r.dir.path().join("cases.csv");
    let out = r.ok(&["export", "cases", "-o", file.to_str().expect("path")]);
    assert!(out.contains("Exported 1 case to"), "{out}");
}

#[test]
fn with_no_login_name_the_one_fallback_user_is_recorded() {
    if common::skipped_under_wine(
        "Wine gives every Windows program a USERNAME (the Linux account's), as Windows \
         does from the logon, so no program there runs without a login name",
    ) {
        return;
    }
    let r = Redress::new();
    let db = r.db();
    let out = common::redress()
        .env_remove("USER")
        .env_remove("USERNAME")
        .args(["--db", db.to_str().expect("path"), "--today", &r.today])
        .args(["demo", "--cases", "3"])
        .output()
        .expect("redress runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--json"])).expect("JSON");
    let reference = list[0]["reference"]
        .as_str()
        .expect("a demo case")
        .to_owned();
    let history = r.ok(&["case", "history", &reference]);
    assert!(history.contains("Redress user"), "{history}");
}
