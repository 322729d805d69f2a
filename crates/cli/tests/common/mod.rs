//! Shared helpers for the CLI integration tests: a temporary database and a
//! way to run the real `redress` binary against it.
//!
//! The binary is the one Cargo built, or, when `REDRESS_TEST_EXE` names
//! another (the Windows `redress.exe`, from `scripts/test-windows`), that
//! one, started through `REDRESS_TEST_RUNNER` when that is set (Wine's
//! `wine64`). Every test starts the binary through [`redress`].

#![allow(dead_code)]

pub mod bus;
pub mod msg;

use std::path::PathBuf;
use std::process::{Command, Output};

/// The command that starts the real `redress` binary under test: Cargo's
/// build for this machine, or the one `REDRESS_TEST_EXE` names, through
/// `REDRESS_TEST_RUNNER` when that is set (`scripts/test-windows` sets both:
/// the Windows `redress.exe` and Wine's `wine64`).
pub fn redress() -> Command {
    match (
        std::env::var_os("REDRESS_TEST_EXE"),
        std::env::var_os("REDRESS_TEST_RUNNER"),
    ) {
        (Some(exe), Some(runner)) => {
            let mut command = Command::new(runner);
            command.arg(exe);
            command
        }
        (Some(exe), None) => Command::new(exe),
        (None, _) => Command::new(env!("CARGO_BIN_EXE_redress")),
    }
}

/// Whether Wine ended the Windows build at start: status 1 with nothing
/// written, which Redress itself never does.
fn wine_lost_the_start(output: &Output) -> bool {
    under_wine()
        && output.status.code() == Some(1)
        && output.stdout.is_empty()
        && output.stderr.is_empty()
}

/// Whether the binary under test is the Windows build run under Wine.
pub fn under_wine() -> bool {
    std::env::var_os("REDRESS_TEST_RUNNER").is_some()
}

/// True, after saying why on standard error, when the binary under test is
/// the Windows build under Wine and `reason` says the test cannot apply
/// there; the test then returns without checking anything.
pub fn skipped_under_wine(reason: &str) -> bool {
    let skip = under_wine();
    if skip {
        eprintln!("skipped under Wine: {reason}");
    }
    skip
}

/// A path `redress` printed, as the tests' own file calls name it. The
/// Windows build prints the folders and files it adds to a path with `\`
/// (`/tmp/x\Backups\redress-….db`, as Windows does), and a path it made
/// absolute itself with Wine's drive `Z:`, the Linux root.
pub fn printed_path(text: &str) -> PathBuf {
    if !under_wine() {
        return PathBuf::from(text);
    }
    let text = text
        .strip_prefix("Z:")
        .or_else(|| text.strip_prefix("z:"))
        .unwrap_or(text);
    PathBuf::from(text.replace('\\', "/"))
}

/// Runs the real binary on the database at `db` (a training database:
/// `--today` is 24 Nov 2026), as "T".
pub fn on(db: &std::path::Path, args: &[&str]) -> Output {
    redress()
        .args([
            "--db",
            db.to_str().expect("UTF-8 path"),
            "--today",
            "2026-11-24",
            "--as",
            "T",
        ])
        .args(args)
        .output()
        .expect("redress runs")
}

/// A temporary database the tests drive through the CLI.
pub struct Redress {
    pub dir: tempfile::TempDir,
    pub today: String,
}

impl Redress {
    /// A new training database (one that takes `--today`), made with
    /// `redress init --training`.
    pub fn new() -> Redress {
        let redress = Redress::uninitialised();
        redress.ok(&["init", "--training"]);
        redress
    }

    /// A folder with no database in it yet.
    pub fn uninitialised() -> Redress {
        Redress {
            dir: tempfile::tempdir().expect("temp dir"),
            today: "2026-11-24".to_owned(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("redress.db")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    /// Runs the binary with extra environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let db = self.db();
        let run = || {
            redress()
                .envs(env.iter().copied())
                .args([
                    "--db",
                    db.to_str().expect("UTF-8 path"),
                    "--today",
                    &self.today,
                    "--as",
                    "Test Officer",
                ])
                .args(args)
                .output()
                .expect("redress runs")
        };
        let mut output = run();
        // Wine 8 now and then ends a Windows program at start with status 1
        // and not a byte written; Redress itself never exits so (a refusal
        // is 2, with its reason). Such a start is tried again, twice at most.
        for _ in 0..2 {
            if !wine_lost_the_start(&output) {
                break;
            }
            eprintln!("Wine ended redress {args:?} with status 1 and no output: trying again");
            output = run();
        }
        output
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "redress {args:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must be refused with status 2; returns stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "redress {args:?} should be refused; stdout: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stderr).expect("UTF-8 error")
    }

    /// The case as JSON.
    pub fn case(&self, reference: &str) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["case", "show", reference, "--json"])).expect("case JSON")
    }

    /// Sets up the officers most tests use.
    pub fn with_officers(self) -> Redress {
        self.ok(&[
            "officer",
            "add",
            "Alex Khan",
            "--service-area",
            "Waste and Recycling",
            "--job-title",
            "Waste Officer",
        ]);
        self.ok(&[
            "officer",
            "add",
            "Beth Morgan",
            "--service-area",
            "Waste and Recycling",
        ]);
        self.ok(&[
            "officer",
            "add",
            "Sam Reviewer",
            "--service-area",
            "Corporate Complaints",
        ]);
        for area in ["Housing", "Planning"] {
            self.ok(&["service-area", "add", area]);
        }
        self.ok(&["category", "add", "Missed collection"]);
        self
    }

    /// A case at its final stage, answered: ready for the Ombudsman.
    pub fn answered_at_the_last_stage(&self) -> String {
        let case = self.bins_complaint();
        self.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
        self.ok(&[
            "case",
            "respond",
            &case,
            "--outcome",
            "not-upheld",
            "--reasons",
            "Collected every week",
            "--on",
            "2026-11-10",
        ]);
        self.ok(&[
            "case",
            "escalate",
            &case,
            "--reviewer",
            "Sam Reviewer",
            "--on",
            "2026-11-11",
        ]);
        self.ok(&["case", "ack", &case, "--on", "2026-11-12"]);
        self.ok(&[
            "case",
            "respond",
            &case,
            "--outcome",
            "not-upheld",
            "--reasons",
            "Reviewed: collected every week",
            "--on",
            "2026-11-20",
        ]);
        case
    }

    /// Records the standard bins complaint, received 2 Nov 2026, and returns
    /// its reference.
    pub fn bins_complaint(&self) -> String {
        let out = self.ok(&[
            "case",
            "new",
            "--received",
            "2026-11-02",
            "--channel",
            "email",
            "--name",
            "Siân Jones",
            "--email",
            "sian@example.org",
            "--service-area",
            "Waste and Recycling",
            "--category",
            "Missed collection",
            "--summary",
            "Bins missed on Heol y Llan",
            "--description",
            "Missed three weeks running.",
            "--outcome-sought",
            "Collect the bins",
            "--officer",
            "Alex Khan",
        ]);
        out.split_whitespace()
            .find(|word| word.contains("-2026-"))
            .expect("a reference in the output")
            .to_owned()
    }

    /// The bins complaint, acknowledged on 3 Nov and answered (not upheld)
    /// on 5 Nov 2026; returns its reference.
    pub fn answered_bins_complaint(&self) -> String {
        let case = self.bins_complaint();
        self.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
        self.ok(&[
            "case",
            "respond",
            &case,
            "--outcome",
            "not-upheld",
            "--reasons",
            "Collected on time",
            "--on",
            "2026-11-05",
        ]);
        case
    }
}
