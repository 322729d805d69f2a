//! Benchmark: how long one PDF letter takes to make (target: well under
//! 25 ms), from composing it out of a case in a 2,000-case demo database to
//! the PDF's bytes. Run with `cargo bench --bench letters`; it measures and
//! reports, it asserts nothing (these machines are shared and noisy).

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use redress::letters::Press;
use redress::store::{Actor, CaseQuery, LetterRequest, StateFilter, Store};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("bench.db")).expect("store");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let actor = Actor {
        name: "Bench".to_owned(),
        now: Utc::now(),
        today,
    };
    redress::demo::populate(&mut store, 2_000, 7, &actor).expect("demo data");
    let settings = store.settings().expect("settings");
    let calendar = settings.calendar();
    let rows = store
        .search(
            &CaseQuery {
                state: StateFilter::All,
                stage: Some(1),
                limit: Some(200),
                ..CaseQuery::default()
            },
            today,
            &calendar,
        )
        .expect("cases");
    let press = Press::new().expect("fonts");
    let mut times: Vec<Duration> = Vec::new();
    let mut bytes = 0;
    for row in rows.iter().cycle().take(400) {
        let started = Instant::now();
        let draft = store
            .compose_letter(
                &row.reference,
                "stage1-acknowledgement",
                &LetterRequest::default(),
                today,
            )
            .expect("letter");
        let pdf = draft.composed.print(&press, today, None);
        times.push(started.elapsed());
        bytes = pdf.len();
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "letter (compose + PDF), {} runs: median {:.2} ms, p95 {:.2} ms, max {:.2} ms; {} KB each",
        times.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
        bytes / 1024
    );
}
