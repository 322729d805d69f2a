//! Sync at scale: a laptop sharing every case for the first time, the
//! minute's sync when nothing is new, the header's status, and a second
//! laptop joining and taking every case in. On copies, so the data set
//! stays as it was made.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use redress_app::{Clock, Service};

use crate::measure::time;
use crate::{ms, Line};

/// Every file below `folder`, in bytes.
fn folder_bytes(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| match entry.metadata() {
                    Ok(meta) if meta.is_dir() => folder_bytes(&entry.path()),
                    Ok(meta) => meta.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn line(measure: &'static str, redress: String) -> Line {
    Line {
        measure,
        redress,
        target: "",
        floor: "-".to_owned(),
        ratio: "-".to_owned(),
    }
}

/// The sync lines of one data set.
pub fn lines(db: &Path, scratch: &Path, today: NaiveDate, cases: usize, runs: usize) -> Vec<Line> {
    let first = scratch.join("sync-first.db");
    std::fs::copy(db, &first).expect("copy");
    let before = std::fs::metadata(&first).map(|m| m.len()).unwrap_or(0);
    let shared = scratch.join("shared");
    let join_file = scratch.join("council.redress-join");
    let mut service =
        Service::open(Some(&first), Clock::Today(today), Some("First".to_owned())).expect("open");
    let started = Instant::now();
    let shared_once = service.sync_init(&shared, &join_file).expect("sync init");
    let first_share = started.elapsed();
    let after = std::fs::metadata(&first).map(|m| m.len()).unwrap_or(0);
    let per_case = |bytes: u64| bytes as f64 / cases as f64;
    let idle = time(runs, || service.sync_now().expect("sync now"));
    let status = time(runs, || service.sync_status().expect("status"));
    drop(service);

    let second = scratch.join("sync-second.db");
    let mut joining = Service::create(
        Some(&second),
        Clock::Today(today),
        Some("Second".to_owned()),
        false,
    )
    .expect("second laptop");
    let started = Instant::now();
    let joined = joining.sync_join(&shared, &join_file).expect("sync join");
    let join = started.elapsed();
    let second_size = std::fs::metadata(&second).map(|m| m.len()).unwrap_or(0);

    vec![
        line(
            "sync: the first share of every case (workspace made, all sealed into batches)",
            format!(
                "{:.1} s ({} changes; folder {:.0} bytes a case; database +{:.0} bytes a case)",
                first_share.as_secs_f64(),
                shared_once.sent,
                per_case(folder_bytes(&shared)),
                per_case(after.saturating_sub(before)),
            ),
        ),
        line(
            "sync with nothing new (every minute while the app runs)",
            format!("{} (p90 {})", ms(idle.median), ms(idle.p90)),
        ),
        line(
            "sync status (the header, every minute)",
            format!("{} (p90 {})", ms(status.median), ms(status.p90)),
        ),
        line(
            "a second laptop joins and takes every case in",
            format!(
                "{:.1} s ({} cases; its database {:.0} bytes a case)",
                join.as_secs_f64(),
                joined.cases_changed,
                per_case(second_size),
            ),
        ),
    ]
}
