//! Sync between laptops, through the store on real database files and real
//! folders: three laptops work "offline", each on its own copy of the
//! shared folder; a stand-in sync client copies files between the copies in
//! random orders, some of them cut short first; afterwards every laptop
//! holds the same cases field for field, with every event once, unique
//! references, and the same conflicts.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use redress::case::{CaseCommand, Channel, Complainant, NewCase, Outcome, Triage};
use redress_store::{Actor, NewOfficer, Store, SyncSetup};
use redress_sync::{Folder, Key};

fn d(text: &str) -> NaiveDate {
    redress::dates::parse_date(text).expect("test date")
}

/// One laptop: its database, its copy of the shared folder, its clock.
struct Laptop {
    store: Store,
    folder: PathBuf,
    name: String,
    /// Its wall clock (each laptop's is a little off).
    now: DateTime<Utc>,
}

impl Laptop {
    fn actor(&mut self, today: NaiveDate) -> Actor {
        self.now += Duration::milliseconds(7);
        Actor {
            name: self.name.clone(),
            now: self.now,
            today,
        }
    }

    fn sync(&mut self, today: NaiveDate) {
        let actor = self.actor(today);
        let name = self.name.clone();
        self.store.sync_now(&name, &actor).expect("sync");
    }
}

const WORKSPACE: &str = "01900000-0000-7000-8000-000000000001";

fn council(dir: &Path, key: &Key, laptops: usize, skew: &[i64]) -> Vec<Laptop> {
    let today = d("2026-11-02");
    let base = DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z")
        .expect("time")
        .to_utc();
    let mut out: Vec<Laptop> = Vec::new();
    for i in 0..laptops {
        let folder = dir.join(format!("shared-{i}"));
        let mut laptop = Laptop {
            store: Store::create(&dir.join(format!("laptop-{i}.db"))).expect("db"),
            folder: folder.clone(),
            name: format!("Officer {i}"),
            now: base + Duration::seconds(skew.get(i).copied().unwrap_or(0)),
        };
        let setup = SyncSetup {
            folder: folder.clone(),
            workspace: WORKSPACE.to_owned(),
            key: key.clone(),
            base_prefix: "CMP".to_owned(),
        };
        let actor = laptop.actor(today);
        if i == 0 {
            for name in ["Alex Khan", "Beth Morgan", "Sam Reviewer"] {
                laptop
                    .store
                    .add_officer(
                        &NewOfficer {
                            name: name.to_owned(),
                            service_area: Some("Waste".to_owned()),
                            ..NewOfficer::default()
                        },
                        &actor,
                    )
                    .expect("officer");
            }
            Folder::new(&folder, key.clone(), WORKSPACE)
                .create_workspace("Northshire")
                .expect("workspace");
            laptop
                .store
                .sync_configure(&setup, None, &actor)
                .expect("set up");
        } else {
            // The workspace file reaches this laptop's copy first.
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::copy(
                out[0].folder.join("workspace.redress"),
                folder.join("workspace.redress"),
            )
            .expect("copy");
            let prefix = ["CMP", "CMPB", "CMPC"][i];
            laptop
                .store
                .sync_configure(&setup, Some(prefix), &actor)
                .expect("join");
        }
        laptop.sync(today);
        out.push(laptop);
    }
    out
}

/// Every file under `root`, relative to it.
fn files(root: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                out.insert(relative.to_owned());
            }
        }
    }
    out
}

/// The stand-in sync client: copies the files `from` has and `to` lacks
/// (or has cut short), those `pick` chooses; `cut` copies some of them
/// short first, as a client part-way through would leave them.
fn copy_files(from: &Path, to: &Path, pick: &mut impl FnMut() -> u8) {
    for relative in files(from) {
        let source = from.join(&relative);
        let target = to.join(&relative);
        let bytes = std::fs::read(&source).expect("read");
        let there = std::fs::read(&target).ok();
        // Every file has one true content, its writer's; a copy is it or
        // a first part of it, so a longer file is never replaced by a
        // shorter one.
        if there
            .as_ref()
            .is_some_and(|there| there.len() >= bytes.len())
        {
            continue;
        }
        match pick() % 4 {
            0 => continue,
            1 => {
                std::fs::create_dir_all(target.parent().expect("parent")).expect("dir");
                std::fs::write(&target, &bytes[..bytes.len() / 2]).expect("cut short");
            }
            _ => {
                std::fs::create_dir_all(target.parent().expect("parent")).expect("dir");
                std::fs::write(&target, &bytes).expect("copy");
            }
        }
    }
}

fn intake(name: &str, received: NaiveDate) -> NewCase {
    NewCase {
        received_on: received,
        channel: Channel::Email,
        complainant: Complainant {
            name: name.to_owned(),
            email: format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
            ..Complainant::default()
        },
        representative: None,
        service_area: "Waste".to_owned(),
        category: None,
        summary: format!("Bins missed for {name}"),
        description: "Three weeks running".to_owned(),
        outcome_sought: "Collect them".to_owned(),
        triage: Triage::Complaint,
        officer: Some("Alex Khan".to_owned()),
        person: None,
        repeat_of: None,
    }
}

/// The case references a laptop holds.
fn references(laptop: &Laptop) -> Vec<String> {
    let conn = rusqlite::Connection::open(laptop.store.path()).expect("read");
    let mut stmt = conn
        .prepare("SELECT reference FROM cases ORDER BY reference")
        .expect("sql");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn column_set(laptop: &Laptop, sql: &str) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(laptop.store.path()).expect("read");
    let mut stmt = conn.prepare(sql).expect("sql");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// A step a laptop might take on a case.
fn step(kind: u8, today: NaiveDate, laptop: &Laptop) -> Option<CaseCommand> {
    // An officer this laptop has not heard of yet cannot be chosen.
    let officer = |name: &str| laptop.store.officer(name).ok().map(|o| o.as_ref());
    Some(match kind % 7 {
        0 | 1 => CaseCommand::Acknowledge { on: today },
        2 => CaseCommand::Extend {
            agreed_on: today,
            days: 5,
            reason: "Waiting for the crew's records".to_owned(),
            good_reason: false,
        },
        3 => CaseCommand::Respond {
            on: today,
            outcome: Some(Outcome::Upheld),
            reasons: "The bins were missed".to_owned(),
            remedies: Vec::new(),
            learning: String::new(),
            improvements: String::new(),
        },
        4 => CaseCommand::Escalate {
            requested_on: today,
            reviewer: Some(officer("Sam Reviewer")?),
        },
        5 => CaseCommand::Allocate {
            officer: officer("Beth Morgan")?,
        },
        _ => CaseCommand::Close {
            on: today,
            reason: "Resolved".to_owned(),
        },
    })
}

#[derive(Debug, Clone)]
enum Move {
    /// A laptop records a new complaint.
    Record(usize),
    /// A laptop takes a step on the n-th case it holds.
    Step(usize, usize, u8),
    /// The sync client copies some files from one laptop's folder to another's.
    Copy(usize, usize),
    /// A laptop syncs.
    Sync(usize),
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let one = prop_oneof![
        2 => (0..3usize).prop_map(Move::Record),
        5 => (0..3usize, 0..8usize, any::<u8>()).prop_map(|(l, c, k)| Move::Step(l, c, k)),
        3 => (0..3usize, 0..3usize).prop_map(|(a, b)| Move::Copy(a, b)),
        3 => (0..3usize).prop_map(Move::Sync),
    ];
    prop::collection::vec(one, 10..40)
}

fn run(moves: &[Move], seed: u64, skew: &[i64]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = Key::generate();
    let mut laptops = council(dir.path(), &key, 3, skew);
    let mut state = seed;
    let mut pick = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u8
    };
    let mut made: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, mv) in moves.iter().enumerate() {
        let today = d("2026-11-02") + Duration::days(i as i64 / 4);
        match mv {
            Move::Record(l) => {
                let n = made.entry(*l).or_default();
                *n += 1;
                let laptop = &mut laptops[*l];
                let actor = laptop.actor(today);
                // Refused while this laptop has not yet heard of the
                // council's service areas: then nothing happened.
                let _ = common::record(
                    &mut laptop.store,
                    intake(&format!("Person {l} {n}"), today),
                    &actor,
                );
            }
            Move::Step(l, c, kind) => {
                let laptop = &mut laptops[*l];
                let held = references(laptop);
                if held.is_empty() {
                    continue;
                }
                let reference = held[c % held.len()].clone();
                let Some(command) = step(*kind, today, laptop) else {
                    continue;
                };
                let actor = laptop.actor(today);
                // The rules may refuse it here and now: then nothing happened.
                let _ = common::take(&mut laptop.store, &reference, vec![command], &actor);
            }
            Move::Copy(a, b) if a != b => {
                let (from, to) = (laptops[*a].folder.clone(), laptops[*b].folder.clone());
                copy_files(&from, &to, &mut pick);
            }
            Move::Copy(..) => {}
            Move::Sync(l) => laptops[*l].sync(today),
        }
    }
    // Monday: every laptop syncs, the client copies everything whole, and
    // they sync again until nothing more comes.
    let monday = d("2026-12-07");
    for _ in 0..2 {
        for laptop in laptops.iter_mut() {
            laptop.sync(monday);
        }
        for a in 0..3 {
            for b in 0..3 {
                if a != b {
                    let (from, to) = (laptops[a].folder.clone(), laptops[b].folder.clone());
                    copy_files(&from, &to, &mut || 2);
                }
            }
        }
        for laptop in laptops.iter_mut() {
            laptop.sync(monday);
        }
    }

    let first = &laptops[0];
    let expected_refs = references(first);
    let events = column_set(first, "SELECT id FROM events");
    let conflicts = column_set(first, "SELECT op FROM sync_conflicts");
    let total: usize = laptops
        .iter()
        .map(|l| column_set(l, "SELECT id FROM events WHERE device = (SELECT value FROM settings WHERE key = 'device_id')").len())
        .sum();
    assert_eq!(
        events.len(),
        total,
        "every event made on any laptop is on the first, once"
    );
    for laptop in &laptops {
        assert_eq!(
            references(laptop),
            expected_refs,
            "the same cases everywhere"
        );
        let unique: BTreeSet<&String> = expected_refs.iter().collect();
        assert_eq!(unique.len(), expected_refs.len(), "references are unique");
        assert_eq!(
            column_set(laptop, "SELECT id FROM events"),
            events,
            "the same events, none lost"
        );
        let count: i64 = rusqlite::Connection::open(laptop.store.path())
            .expect("read")
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
            .expect("count");
        assert_eq!(count as usize, events.len(), "no event applied twice");
        assert_eq!(
            column_set(laptop, "SELECT op FROM sync_conflicts"),
            conflicts,
            "the same conflicts on every laptop"
        );
        for reference in &expected_refs {
            let ours =
                serde_json::to_value(first.store.case(reference).expect("case")).expect("json");
            let theirs =
                serde_json::to_value(laptop.store.case(reference).expect("case")).expect("json");
            assert_eq!(ours, theirs, "{reference} is the same field for field");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn laptops_that_saw_the_same_work_hold_the_same_cases(
        moves in moves(),
        seed in any::<u64>(),
        skew in prop::collection::vec(-5_000i64..5_000, 3),
    ) {
        run(&moves, seed, &skew);
    }
}

#[test]
fn two_officers_acknowledging_the_same_complaint_offline_make_one_conflict_on_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = Key::generate();
    // The second laptop's clock is a minute ahead: its acknowledgement comes
    // second in the agreed order.
    let mut laptops = council(dir.path(), &key, 2, &[0, 60]);
    let today = d("2026-11-02");
    let actor = laptops[0].actor(today);
    let reference = common::record(&mut laptops[0].store, intake("Siân Jones", today), &actor)
        .expect("case")
        .case
        .reference;
    laptops[0].sync(today);
    let (a, b) = (laptops[0].folder.clone(), laptops[1].folder.clone());
    copy_files(&a, &b, &mut || 2);
    laptops[1].sync(today);
    for (i, on) in [(0, "2026-11-03"), (1, "2026-11-04")] {
        let actor = laptops[i].actor(d(on));
        common::take(
            &mut laptops[i].store,
            &reference,
            vec![CaseCommand::Acknowledge { on: d(on) }],
            &actor,
        )
        .expect("acknowledged offline");
    }
    for laptop in laptops.iter_mut() {
        laptop.sync(d("2026-11-05"));
    }
    copy_files(&a, &b, &mut || 2);
    copy_files(&b, &a, &mut || 2);
    for laptop in laptops.iter_mut() {
        laptop.sync(d("2026-11-05"));
    }
    for laptop in &laptops {
        let conflicts = laptop.store.sync_conflicts().expect("conflicts");
        assert_eq!(conflicts.len(), 1, "one conflict on each laptop");
        assert_eq!(conflicts[0].reference, reference);
        assert!(
            conflicts[0].why.contains("already acknowledged"),
            "{}",
            conflicts[0].why
        );
        let case = laptop.store.case(&reference).expect("case");
        assert_eq!(
            case.stages[0].acknowledged_on,
            Some(d("2026-11-03")),
            "the earlier one stands"
        );
        let history = laptop.store.history(&reference).expect("history");
        assert_eq!(
            history
                .iter()
                .filter(|e| e.action == "acknowledged")
                .count(),
            2,
            "both acknowledgements are kept in the history"
        );
    }
}
