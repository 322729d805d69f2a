//! Timing and memory: the median of repeated runs after a warm-up, and the
//! peak resident memory of one piece of work.

use std::time::{Duration, Instant};

/// How long something took, over several runs.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// The middle run.
    pub median: Duration,
    /// The slowest run but one in ten.
    pub p90: Duration,
}

impl Timing {
    /// From the runs' durations (at least one).
    pub fn of(mut times: Vec<Duration>) -> Timing {
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        Timing {
            median: at(0.5),
            p90: at(0.9),
        }
    }
}

/// Runs `work` once to warm up, then `runs` times.
pub fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Timing {
    std::hint::black_box(work());
    Timing::of(
        (0..runs.max(1))
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(work());
                started.elapsed()
            })
            .collect(),
    )
}

/// The process's resident memory, and its peak since the last reset, in KiB
/// (Linux's `/proc/self/status`).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// How much the resident memory rose at its peak while `work` ran, in MiB:
/// the peak is reset first (`/proc/self/clear_refs`), so earlier work does
/// not count.
pub fn peak_rise_mib<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (before, _) = memory();
    let out = work();
    let (_, peak) = memory();
    (out, peak.saturating_sub(before) as f64 / 1024.0)
}
