//! A killed process never loses a committed case: a child process records
//! cases in a loop, saying each reference once its transaction committed,
//! and is killed with SIGKILL at a random moment, over and over. After each
//! kill the database must pass `integrity_check` and hold every case the
//! child said it saved; at the end the audit chain must verify.
//!
//! The child is this same test binary, run with the ignored test
//! `child_records_cases_until_killed` and the database in an environment
//! variable.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use redress::case::{Channel, Complainant, NewCase, Triage};
use redress_store::{Actor, Store};

const DB_VAR: &str = "REDRESS_DURABILITY_DB";
const KILLS: usize = 200;

fn actor() -> Actor {
    Actor {
        name: "Crash Test".to_owned(),
        now: Utc::now(),
        today: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
    }
}

fn intake(n: u64) -> NewCase {
    NewCase {
        received_on: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
        channel: Channel::Phone,
        complainant: Complainant {
            name: format!("Caller {n}"),
            email: format!("caller{n}@example.org"),
            ..Complainant::default()
        },
        representative: None,
        service_area: "Housing".to_owned(),
        category: None,
        summary: format!("Crash test case {n}"),
        description: "x".repeat(500),
        outcome_sought: String::new(),
        triage: Triage::Complaint,
        officer: None,
        person: None,
        repeat_of: None,
    }
}

/// The child: records cases until it is killed, printing each reference
/// after its commit.
#[test]
#[ignore = "run by killed_writers_never_lose_a_committed_case as its child"]
fn child_records_cases_until_killed() {
    let Ok(path) = std::env::var(DB_VAR) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).expect("open");
    let mut n = 0u64;
    loop {
        n += 1;
        let recorded = common::record(&mut store, intake(n), &actor()).expect("record");
        println!("saved {}", recorded.case.reference);
    }
}

/// A small random number generator, so the test needs no dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn killed_writers_never_lose_a_committed_case() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("redress.db");
    {
        let mut store = Store::create(&path).expect("create");
        store.add_service_area("Housing", &actor()).expect("area");
    }
    let me = std::env::current_exe().expect("test binary");
    let mut saved: Vec<String> = Vec::new();
    let mut random = Lcg(u64::from(std::process::id()));
    for round in 0..KILLS {
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "child_records_cases_until_killed",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DB_VAR, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("saved ").map(str::to_owned))
                .collect::<Vec<_>>()
        });
        // Anywhere from opening the file to mid-transaction.
        std::thread::sleep(Duration::from_millis(5 + random.below(60)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        saved.extend(reader.join().expect("reader"));

        // Every tenth round, and the last, look at the whole file.
        if round % 10 == 9 || round == KILLS - 1 {
            let store = Store::open(&path).expect("opens after a kill");
            let health = store.check().expect("check");
            assert!(
                health.integrity.is_empty(),
                "round {round}: {:?}",
                health.integrity
            );
            for reference in &saved {
                store
                    .case(reference)
                    .unwrap_or_else(|err| panic!("round {round}: {reference} was lost: {err}"));
            }
        }
    }
    let store = Store::open(&path).expect("open");
    let health = store.check().expect("check");
    assert!(health.sound(), "{health:?}");
    assert!(
        saved.len() > KILLS / 2,
        "the child saved only {} cases",
        saved.len()
    );
    assert!(health.cases >= saved.len() as u64);
}
