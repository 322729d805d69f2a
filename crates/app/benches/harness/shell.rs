//! The floor: the same SQL in the `sqlite3` shell on the same file, timed
//! as whole processes with and without the statements so that starting the
//! shell and reading the schema are taken away.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whether the `sqlite3` shell is installed.
pub fn available() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(db: &Path, script: &str) -> Duration {
    use std::io::Write;
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sqlite3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    let status = child.wait().expect("sqlite3");
    assert!(status.success(), "sqlite3 refused the script");
    started.elapsed()
}

/// How long one run of `statements` takes in the shell: the median of
/// three processes each running them `repeats` times, less a process that
/// only reads the schema, divided by `repeats`.
pub fn per_run(db: &Path, statements: &[String], repeats: usize) -> Duration {
    let setup = ".output /dev/null\nSELECT count(*) FROM sqlite_schema;\n";
    let mut script = setup.to_owned();
    for _ in 0..repeats {
        for statement in statements {
            let statement = statement.trim();
            if statement.starts_with('.') {
                // A shell command, such as `.mode csv`.
                script.push_str(statement);
                script.push('\n');
            } else {
                script.push_str(statement.trim_end_matches(';'));
                script.push_str(";\n");
            }
        }
    }
    let median = |script: &str| {
        let mut times: Vec<Duration> = (0..3).map(|_| run(db, script)).collect();
        times.sort();
        times[1]
    };
    let empty = median(setup);
    let full = median(&script);
    full.saturating_sub(empty) / repeats.max(1) as u32
}

/// How long the shell takes to run `script` once, start to finish (for
/// work measured whole, such as an import).
pub fn whole(db: &Path, script: &str) -> Duration {
    run(db, script)
}
