#![allow(dead_code)]

//! The benchmarks' large database: 10,000 demo cases made through the
//! rules (which takes a while), then copied, rows and all, under new ids
//! and references until it holds the number asked for
//! (`REDRESS_BENCH_CASES`, default 100,000).

use std::time::Instant;

use chrono::{NaiveDate, Utc};
use redress::store::{Actor, Store};

/// Copies every case with its stages, actions and referral `copies - 1`
/// times, under new ids and references.
fn copy_cases(path: &std::path::Path, copies: usize) {
    let conn = rusqlite::Connection::open(path).expect("database");
    let columns = |table: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .expect("columns");
        stmt.query_map([], |r| r.get(0))
            .expect("columns")
            .collect::<Result<_, _>>()
            .expect("columns")
    };
    conn.execute_batch("BEGIN").expect("begin");
    for copy in 1..copies {
        for (table, keys) in [
            ("cases", &["id", "reference"][..]),
            ("stages", &["case_id"][..]),
            ("actions", &["case_id"][..]),
            ("referrals", &["case_id"][..]),
        ] {
            let names = columns(table);
            let select: Vec<String> = names
                .iter()
                .map(|c| {
                    if keys.contains(&c.as_str()) {
                        format!("{c} || '-{copy}'")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            let sql = format!(
                "INSERT INTO {table} ({}) SELECT {} FROM {table} WHERE {} NOT LIKE '%-%-%-%-%-%'",
                names.join(", "),
                select.join(", "),
                keys[0]
            );
            conn.execute(&sql, []).expect("copy");
        }
    }
    conn.execute_batch("COMMIT").expect("commit");
}

/// The database, its folder (kept while it is used) and today's date.
pub struct Large {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub cases: usize,
    pub today: NaiveDate,
}

impl Large {
    /// The path of the database file.
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("bench.db")
    }
}

/// Makes the large database.
pub fn large_database() -> Large {
    let cases: usize = std::env::var("REDRESS_BENCH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("bench.db")).expect("store");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let actor = Actor {
        name: "Bench".to_owned(),
        now: Utc::now(),
        today,
    };
    let started = Instant::now();
    let made = cases.min(10_000);
    redress::demo::populate(&mut store, made, 7, &actor).expect("demo data");
    drop(store);
    let copies = cases.div_ceil(made);
    copy_cases(&dir.path().join("bench.db"), copies);
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    println!(
        "made {made} cases and copied them to {} in {:.1} s",
        made * copies,
        started.elapsed().as_secs_f64()
    );
    Large {
        dir,
        store,
        cases,
        today,
    }
}
