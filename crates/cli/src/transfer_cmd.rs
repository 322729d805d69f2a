//! `redress import cases`, `redress export cases` and `redress demo`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use redress::transfer::{export_csv, export_json};

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
    },
}

/// Demo data.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many cases to make.
    #[arg(long, default_value_t = 500, value_parser = crate::context::whole_number::<usize>)]
    cases: usize,
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
    let ImportArgs::Cases { file, dry_run } = command;
    let bytes = std::fs::read(&file).map_err(|source| CliError::File {
        path: file.display().to_string(),
        source,
    })?;
    let mut service = global.service()?;
    let actor = service.actor();
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let summary = service
        .store_mut()
        .import_cases(&bytes, &source, &actor, dry_run)?;
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

/// Runs `export`.
pub fn export(
    command: ExportArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let ExportArgs::Cases {
        csv: _,
        json,
        output,
    } = command;
    let cases = global.service()?.store().all_cases()?;
    let mut bytes = Vec::new();
    if json {
        writeln!(bytes, "{}", export_json(&cases))?;
    } else {
        export_csv(&cases, &mut bytes).map_err(|e| CliError::Output(e.into()))?;
    }
    match output {
        Some(path) => {
            crate::letter_cmd::write_whole(&path, &bytes)?;
            writeln!(
                out,
                "Exported {} to {}.",
                redress::words::count(cases.len() as u64, "case", "cases"),
                path.display()
            )?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// Runs `demo`.
pub fn demo(args: DemoArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    let actor = service.actor();
    let references = redress::demo::populate(service.store_mut(), args.cases, args.seed, &actor)?;
    writeln!(
        out,
        "Made {} with seed {}",
        redress::words::count(references.len() as u64, "demo case", "demo cases"),
        args.seed
    )?;
    Ok(())
}
