//! The casework commands through the real binary on temporary databases:
//! a whole complaint's journey, every rule refusing (and changing nothing),
//! the audit trail, lists and search.

mod common;

use common::Redress;

#[test]
fn a_complaint_goes_through_both_stages_and_the_history_tells_it() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    assert_eq!(case, "CMP-2026-00001");
    let json = r.case(&case);
    assert_eq!(
        json["stages"][0]["deadlines"]["acknowledge_by"],
        "2026-11-09"
    );
    assert_eq!(json["stages"][0]["handler"]["name"], "Alex Khan");

    r.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    assert_eq!(
        r.case(&case)["stages"][0]["deadlines"]["respond_by"],
        "2026-11-17"
    );
    r.ok(&[
        "case",
        "extend",
        &case,
        "--days",
        "5",
        "--reason",
        "Waiting for crew logs",
        "--on",
        "2026-11-10",
    ]);
    assert_eq!(
        r.case(&case)["stages"][0]["deadlines"]["respond_by"],
        "2026-11-24"
    );
    r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "partly upheld",
        "--reasons",
        "Two of three collections were missed",
        "--remedy",
        "apology=We are sorry",
        "--remedy",
        "financial=Time and trouble",
        "--amount",
        "£25",
        "--on",
        "2026-11-20",
    ]);
    r.ok(&[
        "case",
        "action",
        "add",
        &case,
        "--what",
        "Add the street to the crew checklist",
        "--owner",
        "Alex Khan",
        "--due",
        "2026-12-04",
    ]);
    r.ok(&[
        "case",
        "escalate",
        &case,
        "--reviewer",
        "Sam Reviewer",
        "--on",
        "2026-11-23",
    ]);
    r.ok(&["case", "ack", &case, "--on", "2026-11-24"]);
    let json = r.case(&case);
    assert_eq!(json["stages"][1]["handler"]["name"], "Sam Reviewer");
    assert_eq!(json["stages"][1]["deadlines"]["respond_by"], "2026-12-22");
    assert_eq!(json["stages"][0]["remedies"][1]["amount_pence"], 2500);
    assert_eq!(json["next_due"]["what"], "action-1");

    r.ok(&["case", "action", "done", &case, "1", "--on", "2026-11-24"]);
    r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "upheld",
        "--reasons",
        "The crew log confirms all three",
        "--improvements",
        "Crew checklist updated",
        "--on",
        "2026-11-24",
    ]);
    r.ok(&[
        "case",
        "refer",
        &case,
        "--ombudsman",
        "lgsco",
        "--their-reference",
        "26 001 234",
        "--on",
        "2026-11-24",
    ]);
    r.ok(&[
        "case",
        "close",
        &case,
        "--reason",
        "Final response sent",
        "--on",
        "2026-11-24",
    ]);
    assert_eq!(r.case(&case)["status"]["state"], "closed");

    let history = r.ok(&["case", "history", &case]);
    let summaries: Vec<&str> = history
        .lines()
        .map(|l| l.split("  ").nth(2).expect("summary column"))
        .collect();
    assert_eq!(
        summaries,
        [
            "Complaint received on 2 Nov 2026, allocated to Alex Khan; stage 1 response due by 23 Nov 2026",
            "Stage 1 acknowledged on 3 Nov 2026; response due by 17 Nov 2026",
            "Stage 1 extended by 5 working days: Waiting for crew logs; response now due by 24 Nov 2026",
            "Stage 1 response sent on 20 Nov 2026: partly upheld; remedy: apology; remedy: financial remedy, £25.00",
            "Action 1 added: Add the street to the crew checklist (Alex Khan, due by 4 Dec 2026)",
            "Escalated to stage 2 on 23 Nov 2026, reviewed by Sam Reviewer; response due by 30 Dec 2026",
            "Stage 2 acknowledged on 24 Nov 2026; response due by 22 Dec 2026",
            "Action 1 done on 24 Nov 2026",
            "Stage 2 response sent on 24 Nov 2026: upheld",
            "Referred to the Local Government and Social Care Ombudsman on 24 Nov 2026 (their reference 26 001 234)",
            "Closed on 24 Nov 2026: Final response sent",
        ]
    );
    assert!(history.contains("Test Officer"), "{history}");
    // In words, in local time: no field paths, no ISO dates, no UTC.
    for internal in ["stages[", "status.state", "2026-11-", "UTC", " -> "] {
        assert!(!history.contains(internal), "'{internal}' in {history}");
    }
}

/// Runs a refused command and checks the case and its history are untouched.
fn refused_unchanged(r: &Redress, case: &str, args: &[&str], expected: &str) {
    let before = r.case(case);
    let history = r.ok(&["case", "history", case]);
    let err = r.refused(args);
    assert!(
        err.to_lowercase().contains(&expected.to_lowercase()),
        "{args:?}: expected '{expected}' in: {err}"
    );
    assert_eq!(r.case(case), before, "{args:?} changed the case");
    assert_eq!(
        r.ok(&["case", "history", case]),
        history,
        "{args:?} wrote to the audit trail"
    );
}

#[test]
fn every_rule_refuses_and_changes_nothing() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    let c = case.as_str();
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "respond",
            c,
            "--outcome",
            "upheld",
            "--reasons",
            "x",
            "--on",
            "2026-11-05",
        ],
        "not been acknowledged",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "ack", c, "--on", "2026-10-30"],
        "before the stage opened date",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "ack", c, "--on", "2026-11-25"],
        "in the future",
    );
    r.ok(&["case", "ack", c, "--on", "2026-11-03"]);
    refused_unchanged(
        &r,
        c,
        &["case", "ack", c, "--on", "2026-11-04"],
        "already acknowledged on 3 Nov 2026",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "escalate", c, "--reviewer", "Sam Reviewer"],
        "has not been answered yet",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "extend", c, "--days", "3", "--reason", "  "],
        "a reason for the extension is required",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "extend", c, "--days", "11", "--reason", "Complex"],
        "beyond the policy's limit of 10",
    );
    r.ok(&[
        "case",
        "extend",
        c,
        "--days",
        "11",
        "--reason",
        "Awaiting a specialist survey",
        "--good-reason",
        "--on",
        "2026-11-05",
    ]);
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "respond",
            c,
            "--reasons",
            "Because",
            "--on",
            "2026-11-20",
        ],
        "needs an outcome",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "respond",
            c,
            "--outcome",
            "upheld",
            "--on",
            "2026-11-20",
        ],
        "reasons for the decision is required",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "respond",
            c,
            "--outcome",
            "upheld",
            "--reasons",
            "x",
            "--on",
            "2026-11-02",
        ],
        "before the acknowledged date",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "respond",
            c,
            "--outcome",
            "upheld",
            "--reasons",
            "x",
            "--remedy",
            "financial",
        ],
        "financial remedy needs an amount",
    );
    r.ok(&[
        "case",
        "respond",
        c,
        "--outcome",
        "not upheld",
        "--reasons",
        "Collections were made",
        "--on",
        "2026-11-20",
    ]);
    refused_unchanged(
        &r,
        c,
        &["case", "extend", c, "--days", "1", "--reason", "Late"],
        "already answered",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "escalate",
            c,
            "--reviewer",
            "Alex Khan",
            "--on",
            "2026-11-23",
        ],
        "handled stage 1",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "escalate",
            c,
            "--reviewer",
            "Beth Morgan",
            "--on",
            "2026-11-23",
        ],
        "works in Waste and Recycling",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "escalate",
            c,
            "--reviewer",
            "Sam Reviewer",
            "--on",
            "2026-11-19",
        ],
        "before the previous response date",
    );
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "escalate",
            c,
            "--reviewer",
            "Nobody Known",
            "--on",
            "2026-11-23",
        ],
        "no officer is called 'Nobody Known'",
    );
    r.ok(&[
        "case",
        "escalate",
        c,
        "--reviewer",
        "Sam Reviewer",
        "--on",
        "2026-11-23",
    ]);
    r.ok(&["case", "ack", c, "--on", "2026-11-23"]);
    r.ok(&[
        "case",
        "respond",
        c,
        "--outcome",
        "not upheld",
        "--reasons",
        "Reviewed",
        "--on",
        "2026-11-24",
    ]);
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "escalate",
            c,
            "--reviewer",
            "Sam Reviewer",
            "--on",
            "2026-11-24",
        ],
        "has 2 stages",
    );
    refused_unchanged(&r, c, &["case", "action", "done", c, "7"], "no action 7");
    refused_unchanged(
        &r,
        c,
        &["case", "close", c, "--reason", ""],
        "reason for closing is required",
    );
    r.ok(&["case", "close", c, "--reason", "Final response sent"]);
    refused_unchanged(
        &r,
        c,
        &[
            "case",
            "action",
            "add",
            c,
            "--what",
            "x",
            "--owner",
            "y",
            "--due",
            "2026-12-01",
        ],
        "is closed: reopen it",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "reopen", c],
        "a reason for reopening is required",
    );
    r.ok(&[
        "case",
        "reopen",
        c,
        "--reason",
        "New evidence from the complainant",
    ]);
    refused_unchanged(
        &r,
        c,
        &["case", "reopen", c, "--reason", "Again"],
        "already open",
    );
    refused_unchanged(
        &r,
        c,
        &["case", "ack", "CMP-2026-09999"],
        "no case has the reference 'CMP-2026-09999'",
    );
}

#[test]
fn service_requests_and_excluded_matters_have_no_stages() {
    let r = Redress::new().with_officers();
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Tom Evans",
        "--service-area",
        "Waste and Recycling",
        "--summary",
        "Please replace my broken bin",
        "--triage",
        "service-request",
    ]);
    assert!(
        out.contains("Recorded service request CMP-2026-00001"),
        "{out}"
    );
    let err = r.refused(&["case", "ack", "CMP-2026-00001"]);
    assert!(
        err.contains("recorded as a service request, not a complaint"),
        "{err}"
    );
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Tom Evans",
        "--service-area",
        "Planning",
        "--summary",
        "Disagree with planning decision",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "statutory-appeal",
    ]);
    assert!(
        err.contains("a note saying why the matter is excluded is required"),
        "{err}"
    );
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Tom Evans",
        "--service-area",
        "Planning",
        "--summary",
        "Disagree with planning decision",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "statutory-appeal",
        "--triage-note",
        "Told to appeal to the Planning Inspectorate",
    ]);
    assert_eq!(
        r.case("CMP-2026-00002")["triage"]["reason"],
        "statutory-appeal"
    );
}

#[test]
fn intake_refusals_name_the_problem() {
    let r = Redress::new().with_officers();
    let base = [
        "case",
        "new",
        "--service-area",
        "Housing",
        "--summary",
        "Leak",
    ];
    let err = r.refused(&[&base[..], &["--received", "2026-11-25", "--name", "A"]].concat());
    assert!(
        err.contains("received date 25 Nov 2026 is in the future"),
        "{err}"
    );
    let err = r.refused(&[&base[..], &["--received", "2026-11-20"]].concat());
    assert!(
        err.contains("complainant's name (or mark them anonymous)"),
        "{err}"
    );
    let err = r.refused(
        &[
            &base[..],
            &[
                "--received",
                "2026-11-20",
                "--name",
                "A",
                "--channel",
                "pigeon",
            ],
        ]
        .concat(),
    );
    assert!(err.contains("--channel: Unknown channel 'pigeon'"), "{err}");
    let err = r.refused(
        &[
            &base[..],
            &[
                "--received",
                "2026-11-20",
                "--name",
                "A",
                "--officer",
                "Ghost",
            ],
        ]
        .concat(),
    );
    assert!(err.contains("no officer is called 'Ghost'"), "{err}");
    r.ok(&[&base[..], &["--received", "2026-11-20", "--anonymous"]].concat());
    assert_eq!(
        r.ok(&["case", "list", "--json"])
            .matches("Anonymous")
            .count(),
        1
    );
}

#[test]
fn lists_filter_and_search_finds_words_in_every_field() {
    let r = Redress::new().with_officers();
    let first = r.bins_complaint();
    r.ok(&["case", "ack", &first, "--on", "2026-11-03"]);
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-23",
        "--name",
        "Łukasz Nowak",
        "--service-area",
        "Housing",
        "--summary",
        "Damp in the bathroom",
        "--description",
        "Black mould behind the bath",
        "--officer",
        "Beth Morgan",
    ]);
    // The first is overdue (response due 17 Nov); the second is due 30 Nov.
    let overdue: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--overdue", "--json"])).expect("JSON");
    assert_eq!(overdue.as_array().map(Vec::len), Some(1));
    assert_eq!(overdue[0]["reference"], first.as_str());
    assert_eq!(overdue[0]["urgency"], "overdue");
    let all: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--open", "--json"])).expect("JSON");
    let order: Vec<&str> = all
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["reference"].as_str().expect("ref"))
        .collect();
    assert_eq!(
        order,
        [first.as_str(), "CMP-2026-00002"],
        "soonest deadline first"
    );
    for words in [
        "mould",
        "nowak",
        "łukasz",
        "damp bath",
        "CMP-2026-00002",
        "Beth",
        "ŁUKASZ",
    ] {
        let found: serde_json::Value =
            serde_json::from_str(&r.ok(&["case", "search", words, "--json"])).expect("JSON");
        assert_eq!(found.as_array().map(Vec::len), Some(1), "search '{words}'");
        assert_eq!(found[0]["reference"], "CMP-2026-00002", "search '{words}'");
    }
    // Accents are optional when searching: "sian" finds Siân.
    let found: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "search", "sian", "--json"])).expect("JSON");
    assert_eq!(found[0]["reference"], first.as_str());
    let none = r.ok(&["case", "search", "\"unbalanced OR ("]);
    assert!(none.contains("No cases match."), "{none}");
    let by_area: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--service-area", "housing", "--json"]))
            .expect("JSON");
    assert_eq!(by_area.as_array().map(Vec::len), Some(1));
    let soon: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--due-within", "4", "--json"]))
            .expect("JSON");
    assert_eq!(soon.as_array().map(Vec::len), Some(2));
    let soon: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--due-within", "3", "--json"]))
            .expect("JSON");
    assert_eq!(soon.as_array().map(Vec::len), Some(1));
}

#[test]
fn settings_apply_to_new_stages_and_the_reference_prefix() {
    let r = Redress::new().with_officers();
    r.ok(&["settings", "set", "reference-prefix", "NK"]);
    let case = r.bins_complaint();
    assert_eq!(case, "NK-2026-00001");
    assert_eq!(r.case(&case)["next_due"]["on"], "2026-11-09");
    // Closures and a new policy apply to stages opened after the change: a
    // stage keeps the deadlines it opened with, so last quarter's figures
    // never move.
    r.ok(&["settings", "set", "closures", "2026-11-05, 2026-11-06"]);
    assert_eq!(r.case(&case)["next_due"]["on"], "2026-11-09");
    let later = r.bins_complaint();
    assert_eq!(r.case(&later)["next_due"]["on"], "2026-11-11");
    assert_eq!(
        r.case(&later)["stages"][0]["timescales"]["acknowledge_days"],
        5
    );
    let err = r.refused(&["settings", "set", "reference-prefix", "no good"]);
    assert!(
        err.contains("'no good' cannot be a reference prefix"),
        "{err}"
    );
    let err = r.refused(&["settings", "set", "nation", "mars"]);
    assert!(err.contains("unknown nation 'mars'"), "{err}");
}

#[test]
fn the_audit_trail_cannot_be_rewritten() {
    let r = Redress::new().with_officers();
    r.bins_complaint();
    let conn = rusqlite::Connection::open(r.db()).expect("open");
    let err = conn
        .execute("UPDATE events SET actor = 'Someone else'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM events", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn demo_data_is_deterministic_for_a_seed() {
    let a = Redress::new();
    let b = Redress::new();
    a.ok(&["demo", "--cases", "120", "--seed", "42"]);
    b.ok(&["demo", "--cases", "120", "--seed", "42"]);
    let export = |r: &Redress| r.ok(&["export", "cases", "--csv"]);
    assert_eq!(export(&a), export(&b));
    assert_eq!(export(&a).lines().count(), 121);
    let err = a.refused(&["demo", "--cases", "5"]);
    assert!(err.contains("already has cases"), "{err}");
}

#[test]
fn reference_data_is_editable_and_cases_follow() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    r.ok(&[
        "officer",
        "edit",
        "Alex Khan",
        "--rename",
        "Alex Khan-Price",
        "--job-title",
        "Senior Waste Officer",
    ]);
    assert_eq!(r.case(&case)["officer"]["name"], "Alex Khan-Price");
    assert!(r.ok(&["officer", "list"]).contains("Senior Waste Officer"));
    r.ok(&[
        "service-area",
        "rename",
        "Waste and Recycling",
        "Waste Services",
    ]);
    assert_eq!(r.case(&case)["service_area"]["name"], "Waste Services");
    let err = r.refused(&[
        "officer",
        "edit",
        "Alex Khan-Price",
        "--rename",
        "Beth Morgan",
    ]);
    assert!(
        err.contains("an officer called 'Beth Morgan' already exists"),
        "{err}"
    );
    let err = r.refused(&["category", "rename", "Nothing", "Else"]);
    assert!(err.contains("nothing is called 'Nothing'"), "{err}");
}

#[test]
fn review_findings_stay_fixed() {
    let r = Redress::new().with_officers();
    // A two-digit year is not silently the year 26.
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "24/11/26",
        "--name",
        "A",
        "--service-area",
        "Housing",
        "--summary",
        "Leak",
    ]);
    assert!(err.contains("write the year in full"), "{err}");
    // Huge day counts are refused, not walked.
    let err = r.refused(&["workdays", "add", "2026-11-24", "4000000000"]);
    assert!(err.contains("more than Redress counts"), "{err}");
    // An unallocated complaint cannot be answered until someone handles it.
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "A",
        "--service-area",
        "Housing",
        "--summary",
        "Leak",
    ]);
    r.ok(&["case", "ack", "CMP-2026-00001", "--on", "2026-11-03"]);
    let err = r.refused(&[
        "case",
        "respond",
        "CMP-2026-00001",
        "--outcome",
        "upheld",
        "--reasons",
        "x",
        "--on",
        "2026-11-10",
    ]);
    assert!(
        err.contains("nobody is handling stage 1: allocate an officer first"),
        "{err}"
    );
    r.ok(&[
        "case",
        "allocate",
        "CMP-2026-00001",
        "--officer",
        "Beth Morgan",
    ]);
    r.ok(&[
        "case",
        "respond",
        "CMP-2026-00001",
        "--outcome",
        "upheld",
        "--reasons",
        "x",
        "--on",
        "2026-11-10",
    ]);
    // Closing cannot be dated before what already happened.
    r.ok(&[
        "case",
        "escalate",
        "CMP-2026-00001",
        "--reviewer",
        "Sam Reviewer",
        "--on",
        "2026-11-20",
    ]);
    let err = r.refused(&[
        "case",
        "close",
        "CMP-2026-00001",
        "--reason",
        "Done",
        "--on",
        "2026-11-15",
    ]);
    assert!(
        err.contains("before the last recorded event date 20 Nov 2026"),
        "{err}"
    );
    let err = r.refused(&[
        "case",
        "extend",
        "CMP-2026-00001",
        "--days",
        "300",
        "--reason",
        "Long",
        "--good-reason",
    ]);
    assert!(err.contains("the most Redress allows is 250"), "{err}");
    // A stage that open cases are at cannot be taken out of the procedure.
    let dir = tempfile::tempdir().expect("temp dir");
    let one_stage = dir.path().join("one-stage.toml");
    std::fs::write(&one_stage, "[[stage]]\nacknowledge_days = 5\nresponse_days = 10\nresponse_from = \"acknowledgement\"\nextension_limit_days = 10\n").expect("write");
    let err = r.refused(&[
        "settings",
        "set",
        "policy",
        one_stage.to_str().expect("path"),
    ]);
    assert!(err.contains("1 open case is at stage 2"), "{err}");
    // An amount needs a financial remedy to go with it.
    let err = r.refused(&[
        "case",
        "respond",
        "CMP-2026-00001",
        "--outcome",
        "upheld",
        "--reasons",
        "x",
        "--amount",
        "50",
    ]);
    assert!(
        err.contains("--amount goes with --remedy financial"),
        "{err}"
    );
}
