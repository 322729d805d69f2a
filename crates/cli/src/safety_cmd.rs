//! Keeping the data safe from the command line: `init` (the only command
//! that makes a database), `backup`, `restore`, `check`, `audit verify`,
//! `retention list|apply` and `sar` (subject access).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use redress::dates;
use redress_app::backups::BackupKind;
use redress_app::files::{save_private, Replace};

use crate::context::GlobalArgs;
use crate::error::CliError;

/// `redress init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// A training database: one where `--today` may set the date.
    #[arg(long)]
    training: bool,
}

/// `redress backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write the backup to this file (default: the Backups folder beside
    /// the database).
    #[arg(long, value_name = "FILE")]
    to: Option<PathBuf>,
}

/// `redress restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup: a file name in the Backups folder, or a path.
    file: PathBuf,
}

/// `redress audit`.
#[derive(Debug, Subcommand)]
pub enum AuditArgs {
    /// Check that no entry of the audit trail was altered, removed or added
    /// outside Redress.
    Verify,
}

/// `redress retention`.
#[derive(Debug, Subcommand)]
pub enum RetentionArgs {
    /// The closed cases past the retention period.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Anonymise cases past the retention period: these, or all of them.
    Apply {
        /// The cases' references.
        references: Vec<String>,
        /// Every case past the period.
        #[arg(long, conflicts_with = "references")]
        all: bool,
    },
}

/// `redress sar`.
#[derive(Debug, Args)]
pub struct SarArgs {
    /// The person: a name, an email address or one of their case references.
    query: String,
    /// The folder to write the export into (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `init`.
pub fn init(args: InitArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let existed = global.db_path().is_some_and(|p| p.exists());
    let service = global.create_service(args.training)?;
    let path = service
        .database_path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if existed {
        writeln!(
            out,
            "The database {path} already exists ({}); nothing was changed.",
            redress::words::count(service.case_count()?, "case", "cases")
        )?;
    } else {
        let kind = if service.settings().training {
            "training"
        } else {
            "live"
        };
        writeln!(out, "Made a new {kind} database: {path}.")?;
    }
    Ok(())
}

/// Runs `backup`.
pub fn backup(args: BackupArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let service = global.service()?;
    match args.to {
        Some(path) => {
            service.back_up_to(&path)?;
            writeln!(out, "Backed up to {} and checked it.", path.display())?;
        }
        None => {
            let made = service.back_up(BackupKind::Manual)?;
            writeln!(out, "Backed up to {} and checked it.", made.path.display())?;
        }
    }
    Ok(())
}

/// Runs `restore`.
pub fn restore(
    args: RestoreArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    // A bare name is one of the Backups folder's.
    let path = if args.file.components().count() == 1 && !args.file.exists() {
        service.backup_named(&args.file.display().to_string())?.path
    } else {
        args.file
    };
    let kept = service.restore(&path)?;
    writeln!(
        out,
        "Restored {}: {} now. What was there before is kept in {}.",
        path.display(),
        redress::words::count(service.case_count()?, "case", "cases"),
        kept.display()
    )?;
    Ok(())
}

/// Runs `check`.
pub fn check(global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let service = global.service()?;
    let health = service.check()?;
    if let Some(first) = health.integrity.first() {
        return Err(CliError::Unsound(format!(
            "the database is damaged: {first} ({} found); restore the latest backup with `redress restore`",
            redress::words::count(health.integrity.len() as u64, "problem", "problems")
        )));
    }
    if health.foreign_keys > 0 {
        return Err(CliError::Unsound(format!(
            "{} to something missing: restore the latest backup with `redress restore`",
            redress::words::count(health.foreign_keys as u64, "row refers", "rows refer")
        )));
    }
    if let Some(problem) = &health.audit.problem {
        return Err(CliError::Unsound(format!(
            "the audit trail is broken: {problem}"
        )));
    }
    if let Some(first) = health.documents.first() {
        return Err(CliError::Unsound(format!(
            "{} in the case files: {first}",
            redress::words::count(
                health.documents.len() as u64,
                "document is",
                "documents are"
            )
        )));
    }
    writeln!(
        out,
        "The database is sound: {}, the integrity check passed, and the audit trail of {} verifies.",
        redress::words::count(health.cases, "case", "cases"),
        redress::words::count(health.audit.entries, "entry", "entries")
    )?;
    Ok(())
}

/// Runs `audit`.
pub fn audit(
    command: AuditArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let AuditArgs::Verify = command;
    let verdict = global.service()?.verify_audit()?;
    match verdict.problem {
        Some(problem) => Err(CliError::Unsound(format!(
            "the audit trail does not verify: {problem}"
        ))),
        None => {
            writeln!(
                out,
                "The audit trail verifies: {}, each as it was written.",
                redress::words::count(verdict.entries, "entry", "entries")
            )?;
            Ok(())
        }
    }
}

/// Runs `retention`.
pub fn retention(
    command: RetentionArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    let today = service.today();
    let years = service.settings().retention_years;
    let due = service.retention_due(today)?;
    match command {
        RetentionArgs::List { json } => {
            if json {
                let rows: Vec<_> = due
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "reference": d.reference,
                            "closed_on": d.closed_on.to_string(),
                            "kept_until": d.kept_until.to_string(),
                            "service_area": d.service_area,
                            "summary": d.summary,
                        })
                    })
                    .collect();
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "years": years, "cases": rows })
                )?;
                return Ok(());
            }
            if due.is_empty() {
                writeln!(
                    out,
                    "No closed case is past the retention period ({} after closure).",
                    redress::words::count(u64::from(years), "year", "years")
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "{:<16} {:<13} {:<22} SUMMARY",
                "REFERENCE", "CLOSED", "SERVICE AREA"
            )?;
            for d in &due {
                writeln!(
                    out,
                    "{:<16} {:<13} {:<22} {}",
                    d.reference,
                    dates::short(d.closed_on),
                    d.service_area,
                    redress::text::one_line(&d.summary)
                )?;
            }
            writeln!(
                out,
                "{} past the retention period ({} after closure): `redress retention apply --all` anonymises them.",
                redress::words::count(due.len() as u64, "case is", "cases are"),
                redress::words::count(u64::from(years), "year", "years")
            )?;
        }
        RetentionArgs::Apply { references, all } => {
            if all && due.is_empty() {
                writeln!(
                    out,
                    "No closed case is past the retention period: nothing to anonymise."
                )?;
                return Ok(());
            }
            let references = if all {
                due.iter().map(|d| d.reference.clone()).collect()
            } else if references.is_empty() {
                return Err(CliError::Missing("give the cases' references, or --all"));
            } else {
                references
            };
            let done = service.anonymise(&references)?;
            writeln!(
                out,
                "Anonymised {}: the personal data is gone, the dates and outcomes stay in the reports.",
                redress::words::count(done as u64, "case", "cases")
            )?;
        }
    }
    Ok(())
}

/// Runs `sar`.
pub fn sar(args: SarArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let service = global.service()?;
    let export = service.subject_access(&args.query)?;
    let db = service.database_path();
    redress_app::files::private_folder(&args.out.join("letters"))?;
    if export.documents > 0 {
        redress_app::files::private_folder(&args.out.join("documents"))?;
    }
    for (name, bytes) in &export.files {
        save_private(&args.out.join(name), bytes, Replace::Never, db)?;
    }
    writeln!(
        out,
        "Wrote everything held about {} to {}: {}, {}, {} and {} (subject-access.pdf and .json).",
        args.query,
        args.out.display(),
        redress::words::count(export.people as u64, "person record", "person records"),
        redress::words::count(export.cases as u64, "case", "cases"),
        redress::words::count(export.letters as u64, "letter", "letters"),
        redress::words::count(export.documents as u64, "other document", "other documents")
    )?;
    Ok(())
}
