//! `redress import cases`, `redress export cases` and `redress demo`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use redress::transfer::{export_csv, export_json};
use redress_app::files::{save_private, Replace};

use crate::context::GlobalArgs;
use crate::error::CliError;

/// What to import.
#[derive(Debug, Subcommand)]
pub enum ImportArgs {
    /// Cases from a spreadsheet saved as CSV (all or nothing).
    Cases {
        /// The CSV file.
        file: PathBuf,
        /// Check every row and report problems, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Everything, from a complete export (`redress export all --json`),
    /// into a new database.
    All {
        /// The export file.
        file: PathBuf,
    },
}

/// What to export.
#[derive(Debug, Subcommand)]
pub enum ExportArgs {
    /// Every case, with the import's columns.
    Cases {
        /// Write CSV (the default).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Write JSON.
        #[arg(long)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Everything held: every field of every case, people, reference data,
    /// settings, letters, the event logs and the audit chain (versioned
    /// JSON that `redress import all` loads back exactly).
    All {
        /// Write JSON (the only format).
        #[arg(long, required = true)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Demo data.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many cases to make.
    #[arg(long, default_value_t = 500, value_parser = crate::context::bounded::<{ redress::demo::MAX_CASES as u64 }>)]
    cases: u64,
    /// The seed: the same seed gives the same cases.
    #[arg(long, default_value_t = 1, value_parser = crate::context::whole_number::<u64>)]
    seed: u64,
}

/// Runs `import`.
pub fn import(
    command: ImportArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let (file, dry_run) = match command {
        ImportArgs::Cases { file, dry_run } => (file, dry_run),
        ImportArgs::All { file } => return import_all(&file, global, out),
    };
    let bytes =
        redress_app::files::read_bounded(&file, redress_app::files::limits::IMPORT, "spreadsheet")?;
    let mut service = global.service()?;
    let actor = service.actor();
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let summary = service
        .store_mut()
        .import_cases(&bytes, &source, &actor, dry_run)?;
    if summary.encoding != redress::transfer::Encoding::Utf8 {
        writeln!(out, "{}.", summary.encoding)?;
    }
    if summary.written {
        writeln!(
            out,
            "Imported {} from {}",
            redress::words::count(summary.cases as u64, "case", "cases"),
            file.display()
        )?;
        let created = &summary.created;
        for (what, names) in [
            (("service area", "service areas"), &created.service_areas),
            (("category", "categories"), &created.categories),
            (("officer", "officers"), &created.officers),
        ] {
            if !names.is_empty() {
                writeln!(
                    out,
                    "Added {}: {}",
                    redress::words::count(
                        names.len() as u64,
                        &format!("new {}", what.0),
                        &format!("new {}", what.1)
                    ),
                    names.join(", ")
                )?;
            }
        }
    } else {
        writeln!(
            out,
            "Checked {} in {}: no problems found; nothing was written (dry run)",
            redress::words::count(summary.cases as u64, "case", "cases"),
            file.display()
        )?;
    }
    Ok(())
}

fn import_all(
    file: &std::path::Path,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let bytes = redress_app::files::read_bounded(
        file,
        redress_app::files::limits::IMPORT,
        "complete export",
    )?;
    let export: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|err| redress::store::DumpError::NotAnExport(format!("it is not JSON: {err}")))?;
    let mut service = global.service()?;
    let cases = service.store_mut().import_all(&export)?;
    service.refresh_settings()?;
    writeln!(
        out,
        "Loaded {} and everything with them from {}.",
        redress::words::count(cases as u64, "case", "cases"),
        file.display()
    )?;
    Ok(())
}

/// Runs `export`.
pub fn export(
    command: ExportArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let service = global.service()?;
    let mut bytes = Vec::new();
    let (what, output, force) = match command {
        ExportArgs::Cases {
            csv: _,
            json,
            output,
            force,
        } => {
            let cases = service.store().all_cases()?;
            if json {
                writeln!(bytes, "{}", export_json(&cases))?;
            } else {
                export_csv(&cases, &mut bytes).map_err(|e| CliError::Output(e.into()))?;
            }
            (
                redress::words::count(cases.len() as u64, "case", "cases"),
                output,
                force,
            )
        }
        ExportArgs::All {
            json: _,
            output,
            force,
        } => {
            let all = service.store().export_all()?;
            serde_json::to_writer(&mut bytes, &all).map_err(CliError::Json)?;
            bytes.push(b'\n');
            (
                format!(
                    "everything ({})",
                    redress::words::count(service.store().case_count()?, "case", "cases")
                ),
                output,
                force,
            )
        }
    };
    match output {
        Some(path) => {
            let replace = if force {
                Replace::Allowed
            } else {
                Replace::Never
            };
            save_private(&path, &bytes, replace, service.database_path())?;
            writeln!(out, "Exported {what} to {}.", path.display())?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// Runs `demo`.
pub fn demo(args: DemoArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    let actor = service.actor();
    let references = redress::demo::populate(
        service.store_mut(),
        usize::try_from(args.cases).unwrap_or(usize::MAX),
        args.seed,
        &actor,
    )?;
    writeln!(
        out,
        "Made {} with seed {}",
        redress::words::count(references.len() as u64, "demo case", "demo cases"),
        args.seed
    )?;
    Ok(())
}
