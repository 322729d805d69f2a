//! Benchmark: a financial year's report over a 100,000-case database
//! (target: well under a second), from reading the facts to the figures,
//! and the committee PDF. Run with `cargo bench --features demo --bench
//! reports`; set `REDRESS_BENCH_CASES` for another size. It measures and
//! reports; it asserts nothing (these machines are shared and noisy).
//!
//! The database is `common::large_database`'s.

use std::time::{Duration, Instant};

use redress::letters::Press;
use redress::reports::{committee_pdf, figures, report, Period};

mod common;

fn main() {
    let common::Large {
        dir: _dir,
        store,
        cases,
        today,
    } = common::large_database();
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
