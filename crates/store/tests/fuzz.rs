//! The two readers of files from outside, fuzzed: the spreadsheet import
//! (decoding, CSV, every cell) and the complete export's loader. Whatever
//! the bytes, they answer with problems or a result, never a panic, and a
//! refused load leaves the database as it was. The number of cases per
//! property is bounded so the suite's time stays fixed.

mod common;

use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use redress::case::{CaseCommand, Channel, Complainant, NewCase, Outcome, Triage};
use redress::policy::Policy;
use redress::transfer::{decode, parse_cases};
use redress_store::{Actor, Store};
use serde_json::Value;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn actor() -> Actor {
    Actor {
        name: "Fuzz".to_owned(),
        now: Utc::now(),
        today: today(),
    }
}

const HEADER: &str = "reference,received_on,service_area,channel,complainant_name,summary,stage1_acknowledged_on,stage1_responded_on,stage1_outcome,stage2_opened_on,closed_on,triage";

/// Cells that are nearly right: dates, terms and text of every kind.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
        Just("upheld".to_owned()),
        Just("excluded".to_owned()),
        Just("Housing".to_owned()),
        ".{0,12}",
        "[=+@'\"-].{0,6}",
    ]
}

fn row() -> impl Strategy<Value = String> {
    proptest::collection::vec(cell(), 0..14).prop_map(|cells| {
        cells
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",")
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A real complete export of a small database, to mutate: cases with
/// their stages, a response, a person and settings.
fn real_export() -> Value {
    let mut store = Store::open_in_memory().expect("store");
    store
        .add_officer(
            &redress_store::NewOfficer {
                name: "Alex Khan".to_owned(),
                service_area: Some("Housing".to_owned()),
                ..Default::default()
            },
            &actor(),
        )
        .expect("officer");
    for n in 0..4 {
        let recorded = common::record(
            &mut store,
            NewCase {
                received_on: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
                channel: Channel::Email,
                complainant: Complainant {
                    name: format!("Person {n}"),
                    email: format!("p{n}@example.org"),
                    ..Complainant::default()
                },
                representative: None,
                service_area: "Housing".to_owned(),
                category: None,
                summary: format!("Case {n}"),
                description: "Damp".to_owned(),
                outcome_sought: String::new(),
                triage: Triage::Complaint,
                officer: Some("Alex Khan".to_owned()),
                person: None,
                repeat_of: None,
            },
            &actor(),
        )
        .expect("case");
        common::take(
            &mut store,
            &recorded.case.reference,
            vec![CaseCommand::Acknowledge {
                on: NaiveDate::from_ymd_opt(2026, 11, 3).expect("date"),
            }],
            &actor(),
        )
        .expect("acknowledge");
        common::take(
            &mut store,
            &recorded.case.reference,
            vec![CaseCommand::Respond {
                on: NaiveDate::from_ymd_opt(2026, 11, 10).expect("date"),
                outcome: Some(Outcome::Upheld),
                reasons: "Found".to_owned(),
                remedies: Vec::new(),
                learning: String::new(),
                improvements: String::new(),
            }],
            &actor(),
        )
        .expect("respond");
    }
    store.export_all().expect("export")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_and_parse_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (text, _) = decode(&bytes);
        let _ = parse_cases(&text, &Policy::complaint_handling_code(), today());
    }

    #[test]
    fn nearly_right_spreadsheets_parse_without_panicking(rows in proptest::collection::vec(row(), 0..8)) {
        let text = format!("{HEADER}\n{}", rows.join("\n"));
        let _ = parse_cases(&text, &Policy::complaint_handling_code(), today());
    }

    #[test]
    fn any_json_is_loaded_or_refused_without_panicking(value in json_value()) {
        let mut store = Store::open_in_memory().expect("store");
        let before = store.export_all().expect("export");
        if store.import_all(&value).is_err() {
            prop_assert_eq!(store.export_all().expect("export"), before);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_export_is_loaded_or_refused_without_panicking(
        table in 0usize..30,
        row in 0usize..20,
        cell in 0usize..20,
        value in json_value(),
    ) {
        let mut export = real_export();
        if let Some(tables) = export["tables"].as_object_mut() {
            let names: Vec<String> = tables.keys().cloned().collect();
            let name = &names[table % names.len()];
            if let Some(rows) = tables[name]["rows"].as_array_mut() {
                if !rows.is_empty() {
                    let len = rows.len();
                    if let Some(cells) = rows[row % len].as_array_mut() {
                        if !cells.is_empty() {
                            let n = cells.len();
                            cells[cell % n] = value;
                        }
                    }
                }
            }
        }
        let mut store = Store::open_in_memory().expect("store");
        let before = store.export_all().expect("export");
        if store.import_all(&export).is_err() {
            prop_assert_eq!(store.export_all().expect("export"), before);
        }
    }
}
