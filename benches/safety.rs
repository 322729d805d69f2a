//! Benchmark: what keeping the data safe costs at 100,000 cases: opening
//! the file (with its quick check, which every start and every CLI command
//! pays), the full check of `redress check`, verifying the audit chain, a
//! checked backup, and a year's complete export. Run with `cargo bench
//! --features demo --bench safety`; it measures and asserts nothing.

use std::time::{Duration, Instant};

use redress::store::Store;

mod common;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let large = common::large_database();
    let path = large.path();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database: {} cases, {} MB",
        large.cases,
        size / (1024 * 1024)
    );
    drop(large.store);
    let mut opens: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let store = Store::open(&path).expect("open");
            let took = started.elapsed();
            drop(store);
            took
        })
        .collect();
    opens.sort();
    println!(
        "open with the quick check, 5 runs: median {:.0} ms",
        ms(opens[2])
    );
    let store = Store::open(&path).expect("open");
    let started = Instant::now();
    let health = store.check().expect("check");
    println!(
        "full check (integrity, foreign keys, audit chain of {} entries): {:.0} ms",
        health.audit.entries,
        ms(started.elapsed())
    );
    let started = Instant::now();
    store.verify_audit().expect("verify");
    println!("audit chain alone: {:.0} ms", ms(started.elapsed()));
    let backup = large.dir.path().join("backup.db");
    let started = Instant::now();
    store
        .backup_to(&backup, &redress::store::Contents::beside(&backup))
        .expect("backup");
    println!("checked backup: {:.0} ms", ms(started.elapsed()));
    let started = Instant::now();
    let export = store.export_all().expect("export");
    let bytes = serde_json::to_vec(&export).expect("JSON").len();
    println!(
        "complete export: {:.0} ms, {} MB of JSON",
        ms(started.elapsed()),
        bytes / (1024 * 1024)
    );
}
