//! The store through its public API on temporary database files: each user
//! action is one transaction, and committed data survives reopening.

mod common;

use chrono::{NaiveDate, Utc};
use redress::case::{CaseCommand, Channel, Complainant, NewCase, Outcome, Triage};
use redress_store::{Actor, NewOfficer, Store, StoreError};

fn d(text: &str) -> NaiveDate {
    redress::dates::parse_date(text).expect("test date")
}

fn actor() -> Actor {
    Actor {
        name: "Test Officer".to_owned(),
        now: Utc::now(),
        today: d("2026-11-24"),
    }
}

fn bins(store: &mut Store) -> String {
    store
        .add_officer(
            &NewOfficer {
                name: "Alex Khan".to_owned(),
                service_area: Some("Waste and Recycling".to_owned()),
                ..NewOfficer::default()
            },
            &actor(),
        )
        .expect("officer");
    common::record(
        store,
        NewCase {
            received_on: d("2026-11-02"),
            channel: Channel::Email,
            complainant: Complainant {
                name: "Siân Jones".to_owned(),
                ..Complainant::default()
            },
            representative: None,
            service_area: "Waste and Recycling".to_owned(),
            category: None,
            summary: "Bins missed".to_owned(),
            description: String::new(),
            outcome_sought: String::new(),
            triage: Triage::Complaint,
            officer: Some("Alex Khan".to_owned()),
            person: None,
            repeat_of: None,
        },
        &actor(),
    )
    .expect("case")
    .case
    .reference
}

#[test]
fn a_response_and_its_actions_are_one_transaction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("redress.db")).expect("open");
    let case = bins(&mut store);
    common::take(
        &mut store,
        &case,
        vec![CaseCommand::Acknowledge {
            on: d("2026-11-03"),
        }],
        &actor(),
    )
    .expect("ack");
    let before = store.case(&case).expect("case");
    let history = store.history(&case).expect("history").len();
    let respond = CaseCommand::Respond {
        on: d("2026-11-10"),
        outcome: Some(Outcome::Upheld),
        reasons: "Missed".to_owned(),
        remedies: Vec::new(),
        learning: String::new(),
        improvements: String::new(),
    };
    // The second step is refused (its due date is before the complaint), so
    // the response that came first is not kept either.
    let bad_action = CaseCommand::AddAction {
        description: "Fix the round".to_owned(),
        owner: "Alex Khan".to_owned(),
        due_on: d("2026-10-01"),
    };
    let err = common::take(&mut store, &case, vec![respond, bad_action], &actor()).unwrap_err();
    assert!(matches!(err, StoreError::Rule(_)), "{err}");
    assert_eq!(store.case(&case).expect("case"), before);
    assert_eq!(store.history(&case).expect("history").len(), history);
}

#[test]
fn committed_cases_survive_reopening_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("redress.db");
    let case = {
        let mut store = Store::create(&path).expect("open");
        let case = bins(&mut store);
        common::take(
            &mut store,
            &case,
            vec![CaseCommand::Acknowledge {
                on: d("2026-11-03"),
            }],
            &actor(),
        )
        .expect("ack");
        case
    };
    let store = Store::create(&path).expect("reopen");
    let reopened = store.case(&case).expect("case");
    assert_eq!(reopened.stages[0].acknowledged_on, Some(d("2026-11-03")));
    assert_eq!(store.history(&case).expect("history").len(), 2);
}

#[test]
fn a_file_that_is_not_a_database_gets_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("redress.db");
    std::fs::write(&path, b"this is a spreadsheet, not a database").expect("write");
    let err = Store::create(&path).err().expect("refused");
    let message = err.to_string();
    assert!(matches!(err, StoreError::NotADatabase(_)), "{message}");
    assert!(
        message.contains("is not a Redress database, or it is damaged"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"this is a spreadsheet, not a database",
        "left untouched"
    );
}

#[test]
fn a_database_of_the_first_schema_is_carried_forward_with_its_audit_trail() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(include_str!("../migrations/0001_casework.sql"))
            .expect("first schema");
        conn.execute_batch(
            &[
                include_str!("data/first_schema_case.sql"),
                "INSERT INTO stages (case_id, number, opened_on, handler_id, acknowledged_on, reasons, learning, improvements)
             VALUES ('0190b7a0-0000-7000-8000-000000000001', 1, '2026-11-02', 1, '2026-11-03', '', '', '');
             INSERT INTO audit (case_id, at, actor, action, summary, changes) VALUES
               ('0190b7a0-0000-7000-8000-000000000001', '2026-11-02T09:00:00.000Z', 'Dai', 'create',
                'Recorded complaint CMP-2026-00001', '[]'),
               ('0190b7a0-0000-7000-8000-000000000001', '2026-11-03T09:00:00.000Z', 'Dai', 'acknowledge',
                'Acknowledged stage 1',
                '[{\"field\":\"stages[1].acknowledged_on\",\"before\":null,\"after\":\"2026-11-03\"}]');",
            ]
            .concat(),
        )
        .expect("old data");
    }
    let store = Store::create(&path).expect("migrates");
    let history = store.history("CMP-2026-00001").expect("history");
    let summaries: Vec<&str> = history.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["Recorded complaint CMP-2026-00001", "Acknowledged stage 1"]
    );
    assert_eq!(history[1].actor, "Dai");
    assert_eq!(history[1].changes[0].field, "stages[1].acknowledged_on");
    // The stage got the timescales in force at the upgrade, and its deadlines.
    let case = store.case("CMP-2026-00001").expect("case");
    assert_eq!(case.stages[0].timescales.response_days, 10);
    assert_eq!(case.stages[0].deadlines.respond_by, d("2026-11-17"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    let missing_uids: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM officers WHERE uid IS NULL)
                  + (SELECT COUNT(*) FROM service_areas WHERE uid IS NULL)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(missing_uids, 0);
    let ordered: Vec<String> = conn
        .prepare("SELECT hlc FROM events ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(
        ordered[0] < ordered[1],
        "clock readings in order: {ordered:?}"
    );
}

#[test]
fn an_unknown_service_area_is_refused_at_intake_and_never_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("redress.db")).expect("open");
    bins(&mut store);
    let intake = NewCase {
        received_on: d("2026-11-02"),
        channel: Channel::Email,
        complainant: Complainant {
            name: "Tomasz Wójcik".to_owned(),
            ..Complainant::default()
        },
        representative: None,
        service_area: "Wast and Recyling".to_owned(),
        category: None,
        summary: "Bins".to_owned(),
        description: String::new(),
        outcome_sought: String::new(),
        triage: Triage::Complaint,
        officer: None,
        person: None,
        repeat_of: None,
    };
    let err = common::record(&mut store, intake, &actor()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no service area called 'Wast and Recyling': choose one of Waste and Recycling, or add it in Settings first"
    );
    assert_eq!(store.service_areas().expect("areas").len(), 1);
}
