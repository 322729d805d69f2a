//! The store through its public API on temporary database files: each user
//! action is one transaction, and committed data survives reopening.

use chrono::{NaiveDate, Utc};
use redress::case::{CaseCommand, Channel, Complainant, NewCase, Outcome, Triage};
use redress::store::{Actor, NewOfficer, Store, StoreError};

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
    store
        .create_case(
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
            },
            &actor(),
        )
        .expect("case")
        .reference
}

#[test]
fn a_response_and_its_actions_are_one_transaction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("redress.db")).expect("open");
    let case = bins(&mut store);
    store
        .apply(
            &case,
            CaseCommand::Acknowledge {
                on: d("2026-11-03"),
            },
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
    let err = store
        .apply_all(&case, vec![respond, bad_action], &actor())
        .unwrap_err();
    assert!(matches!(err, StoreError::Rule(_)), "{err}");
    assert_eq!(store.case(&case).expect("case"), before);
    assert_eq!(store.history(&case).expect("history").len(), history);
}

#[test]
fn committed_cases_survive_reopening_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("redress.db");
    let case = {
        let mut store = Store::open(&path).expect("open");
        let case = bins(&mut store);
        store
            .apply(
                &case,
                CaseCommand::Acknowledge {
                    on: d("2026-11-03"),
                },
                &actor(),
            )
            .expect("ack");
        case
    };
    let store = Store::open(&path).expect("reopen");
    let reopened = store.case(&case).expect("case");
    assert_eq!(reopened.stages[0].acknowledged_on, Some(d("2026-11-03")));
    assert_eq!(store.history(&case).expect("history").len(), 2);
}

#[test]
fn a_file_that_is_not_a_database_gets_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("redress.db");
    std::fs::write(&path, b"this is a spreadsheet, not a database").expect("write");
    let err = Store::open(&path).err().expect("refused");
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
