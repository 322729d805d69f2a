//! The benchmarks' data sets: demo councils of a given number of cases,
//! each made once through the rules (as a council's years of casework
//! would be) and kept between runs in the build folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use redress_app::{Clock, Service};

/// The day the data sets are made on and measured at.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// The seed of every data set.
const SEED: u64 = 7;

/// The data sets' version: raise it when the app's demo generator or a migration
/// not yet shipped changes, so data sets kept from before are made again.
const VERSION: u32 = 5;

/// Where data sets are kept: `REDRESS_BENCH_DATA`, else `redress-bench`
/// in the build folder.
fn folder() -> PathBuf {
    if let Some(dir) = std::env::var_os("REDRESS_BENCH_DATA") {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("redress-bench")
}

/// A data set and what making it cost (none when it was kept from before).
pub struct DataSet {
    /// The database file (the benchmarks read a copy when they write).
    pub path: PathBuf,
    /// Seconds to make it, when it was made in this run.
    pub made_in: Option<f64>,
}

/// The data set of `cases` cases, made if it is not kept yet.
pub fn data_set(cases: usize) -> DataSet {
    let folder = folder();
    std::fs::create_dir_all(&folder).expect("data folder");
    let path = folder.join(format!("demo-{cases}-seed{SEED}-v{VERSION}.db"));
    if path.is_file() {
        return DataSet {
            path,
            made_in: None,
        };
    }
    let making = folder.join(format!("making-{cases}.db"));
    for stale in [making.clone(), making.with_extension("db-wal")] {
        let _ = std::fs::remove_file(stale);
    }
    let started = Instant::now();
    {
        let mut service = Service::create(
            Some(&making),
            Clock::Today(today()),
            Some("Bench".to_owned()),
            true,
        )
        .expect("new database");
        service.populate_demo(cases, SEED).expect("demo cases");
        // Closing the last connection folds the write-ahead log in.
    }
    let made_in = started.elapsed().as_secs_f64();
    std::fs::rename(&making, &path).expect("keep data set");
    DataSet {
        path,
        made_in: Some(made_in),
    }
}
