//! Benchmark: a financial year's report over a 100,000-case database
//! (target: well under a second), from reading the facts to the figures,
//! and the committee PDF. Run with `cargo bench --features demo --bench
//! reports`; set `REDRESS_BENCH_CASES` for another size. It measures and
//! reports; it asserts nothing (these machines are shared and noisy).
//!
//! Making 100,000 cases through the rules takes many minutes, so 10,000 are
//! made that way and then copied, rows and all, under new ids and
//! references until the database holds the number asked for.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use redress::letters::Press;
use redress::reports::{committee_pdf, figures, report, Period};
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

fn main() {
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
    let store = Store::create(&dir.path().join("bench.db")).expect("store");
    println!(
        "made {made} cases and copied them to {} in {:.1} s",
        made * copies,
        started.elapsed().as_secs_f64()
    );
    let calendar = store.settings().expect("settings").calendar();
    let year = Period::financial_year(2026).expect("year");
    let mut times: Vec<Duration> = Vec::new();
    let mut received = 0;
    for _ in 0..10 {
        let started = Instant::now();
        let r = store.report(year, today).expect("report");
        times.push(started.elapsed());
        received = r.figures.overall.stage(1).received;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "year's report over {cases} cases ({received} stage 1 received), 10 runs: median {:.0} ms, max {:.0} ms",
        ms(times[5]),
        ms(times[9])
    );
    let started = Instant::now();
    let facts = store.report_facts(year).expect("facts");
    println!("reading the facts: {:.0} ms", ms(started.elapsed()));
    let started = Instant::now();
    let _ = store.settings().expect("settings");
    println!("reading the settings: {:.0} ms", ms(started.elapsed()));
    let started = Instant::now();
    let r = report(&facts, year, &calendar, today);
    println!(
        "of which the figures alone: {:.0} ms ({} stages read)",
        ms(started.elapsed()),
        facts.stages.len()
    );
    let press = Press::new().expect("fonts");
    let quarters: Vec<_> = Period::quarters(2026)
        .expect("quarters")
        .into_iter()
        .map(|q| figures(&facts, q, &calendar))
        .collect();
    let started = Instant::now();
    let pdf = committee_pdf(&press, "Bench Council", &r, &quarters, today);
    println!(
        "committee PDF: {:.0} ms, {} KB",
        ms(started.elapsed()),
        pdf.len() / 1024
    );
}
