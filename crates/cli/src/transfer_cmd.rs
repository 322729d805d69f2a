//! `redress import cases`, `redress export cases` and `redress demo`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use redress::transfer::Mapping;
use redress::transfer::{export_json, CasesCsv};
use redress_app::files::{save_private, save_private_with, Replace};
use redress_app::ImportFile;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// What to import.
#[derive(Debug, Subcommand)]
pub enum ImportArgs {
    /// Cases from a council's spreadsheet: CSV, .xlsx, .xls or .ods, its
    /// columns matched by name and by the names councils use (all or
    /// nothing, or with --skip-bad the good rows, the others handed back).
    Cases {
        /// The spreadsheet.
        file: PathBuf,
        /// The sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// A mapping file (TOML): `[columns]` "Header" = "field", and
        /// `[values.FIELD]` "Council word" = "Redress word".
        #[arg(long, value_name = "MAPPING.toml")]
        mapping: Option<PathBuf>,
        /// Check every row and report problems, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import every complaint whose rows pass, and save the refused rows
        /// (as they were, with a Problem column) in the --rejects file.
        #[arg(long, requires = "rejects")]
        skip_bad: bool,
        /// With --skip-bad: the CSV file for the refused rows, to correct
        /// and import again (never over an existing file).
        #[arg(long, value_name = "OUT.csv", requires = "skip_bad")]
        rejects: Option<PathBuf>,
        /// Print what was (or would be) imported as JSON.
        #[arg(long)]
        json: bool,
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
    #[arg(long, default_value_t = 500, value_parser = crate::context::bounded::<{ redress_app::MAX_DEMO_CASES as u64 }>)]
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
    let (file, sheet, mapping, dry_run, rejects, json) = match command {
        ImportArgs::Cases {
            file,
            sheet,
            mapping,
            dry_run,
            skip_bad: _,
            rejects,
            json,
        } => (file, sheet, mapping, dry_run, rejects, json),
        ImportArgs::All { file } => return import_all(&file, global, out),
    };
    let mapping = match &mapping {
        Some(path) => Mapping::from_toml(&crate::context::read_text(path, "mapping file")?)
            .map_err(|source| CliError::Mapping {
                path: path.display().to_string(),
                source,
            })?,
        None => Mapping::default(),
    };
    let bytes =
        redress_app::files::read_bounded(&file, redress_app::files::limits::IMPORT, "spreadsheet")?;
    let mut service = global.service()?;
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let summary = service.import_cases(
        &ImportFile {
            bytes: &bytes,
            name: &source,
            sheet: sheet.as_deref(),
            mapping: &mapping,
        },
        dry_run,
        rejects.as_deref(),
    )?;
    if json {
        // Exactly the contract's keys; how the file was decoded goes to
        // standard error when it was not plain UTF-8.
        if summary.encoding != redress::transfer::Encoding::Utf8 {
            eprintln!("redress: {}.", summary.encoding);
        }
        let mapped: serde_json::Map<String, serde_json::Value> = summary
            .columns
            .iter()
            .filter_map(|c| {
                c.field
                    .map(|f| (c.header.clone(), serde_json::Value::from(f)))
            })
            .collect();
        let unmapped: Vec<&str> = summary
            .columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.trim().is_empty())
            .map(|c| c.header.as_str())
            .collect();
        let created = &summary.created;
        let mut value = serde_json::json!({
            "rows": summary.cases,
            "imported": if summary.written { summary.cases } else { 0 },
            "mapping": mapped,
            "unmapped": unmapped,
            "created": {
                "service_areas": created.service_areas,
                "categories": created.categories,
                "officers": created.officers,
            },
        });
        if rejects.is_some() {
            value["rejected"] = serde_json::json!(summary.rejected.len());
        }
        writeln!(out, "{value}")?;
        return Ok(());
    }
    for column in &summary.columns {
        match (column.field, column.reason) {
            (Some(field), Some(reason)) if reason != redress::transfer::Reason::Name => {
                writeln!(
                    out,
                    "Column '{}' read as {field} ({}).",
                    column.header,
                    reason.words()
                )?;
            }
            (None, _) if !column.header.trim().is_empty() => writeln!(
                out,
                "Column '{}' fills no field: its cells are kept with each case's history.",
                column.header
            )?,
            _ => {}
        }
    }
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
    } else if summary.rejected.is_empty() {
        writeln!(
            out,
            "Checked {} in {}: no problems found; nothing was written (dry run)",
            redress::words::count(summary.cases as u64, "case", "cases"),
            file.display()
        )?;
    } else {
        writeln!(
            out,
            "Checked {}: {} would be imported; nothing was written (dry run)",
            file.display(),
            redress::words::count(summary.cases as u64, "case", "cases"),
        )?;
    }
    if let Some(path) = &rejects {
        let rows = redress::words::count(summary.rejected.len() as u64, "row", "rows");
        match (summary.rejected.is_empty(), summary.written) {
            (true, _) => writeln!(out, "No rows were refused, so no rejects file was written.")?,
            (false, true) => writeln!(
                out,
                "Refused {rows}, not imported: saved as they were, each with its problem, in {}. Correct them there and import that file.",
                path.display()
            )?,
            (false, false) => writeln!(out, "Would refuse {rows}:")?,
        }
        if !summary.written {
            for rejection in &summary.rejected {
                writeln!(out, "  line {}: {}", rejection.line, rejection.problem)?;
            }
        }
    }
    let verb = if summary.written {
        "Added"
    } else {
        "Would add"
    };
    let created = &summary.created;
    for (what, names) in [
        (("service area", "service areas"), &created.service_areas),
        (("category", "categories"), &created.categories),
        (("officer", "officers"), &created.officers),
    ] {
        if !names.is_empty() {
            writeln!(
                out,
                "{verb} {}: {}",
                redress::words::count(
                    names.len() as u64,
                    &format!("new {}", what.0),
                    &format!("new {}", what.1)
                ),
                names.join(", ")
            )?;
        }
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
        .map_err(|err| redress_app::DumpError::NotAnExport(format!("it is not JSON: {err}")))?;
    let mut service = global.service()?;
    let cases = service.import_all(&export)?;
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
    let replace = |force: bool| {
        if force {
            Replace::Allowed
        } else {
            Replace::Never
        }
    };
    match command {
        // Every case, streamed a case at a time to the file or the output.
        ExportArgs::Cases {
            csv: _,
            json: false,
            output,
            force,
        } => {
            let mut count = 0;
            let mut write = |sink: &mut dyn Write| -> Result<(), CliError> {
                let mut csv = CasesCsv::new(sink)?;
                count = service.each_case(|case| csv.write(case).map_err(CliError::Output))?;
                Ok(csv.finish()?)
            };
            match output {
                Some(path) => {
                    save_private_with(&path, replace(force), service.database_path(), write)?;
                    writeln!(
                        out,
                        "Exported {} to {}.",
                        redress::words::count(count as u64, "case", "cases"),
                        path.display()
                    )?;
                }
                None => write(out)?,
            }
        }
        ExportArgs::Cases {
            csv: _,
            json: true,
            output,
            force,
        } => {
            let cases = service.all_cases()?;
            let mut bytes = Vec::new();
            writeln!(bytes, "{}", export_json(&cases))?;
            let what = redress::words::count(cases.len() as u64, "case", "cases");
            save_or_print(&bytes, output, replace(force), &service, &what, out)?;
        }
        ExportArgs::All {
            json: _,
            output,
            force,
        } => {
            let all = service.export_all()?;
            let mut bytes = Vec::new();
            serde_json::to_writer(&mut bytes, &all).map_err(CliError::Json)?;
            bytes.push(b'\n');
            let what = format!(
                "everything ({})",
                redress::words::count(service.case_count()?, "case", "cases")
            );
            save_or_print(&bytes, output, replace(force), &service, &what, out)?;
        }
    }
    Ok(())
}

/// Saves an export to the file asked for, or prints it.
fn save_or_print(
    bytes: &[u8],
    output: Option<std::path::PathBuf>,
    replace: Replace,
    service: &redress_app::Service,
    what: &str,
    out: &mut impl Write,
) -> Result<(), CliError> {
    match output {
        Some(path) => {
            save_private(&path, bytes, replace, service.database_path())?;
            writeln!(out, "Exported {what} to {}.", path.display())?;
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}

/// Runs `demo`.
pub fn demo(args: DemoArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    let references =
        service.populate_demo(usize::try_from(args.cases).unwrap_or(usize::MAX), args.seed)?;
    writeln!(
        out,
        "Made {} with seed {}",
        redress::words::count(references.len() as u64, "demo case", "demo cases"),
        args.seed
    )?;
    Ok(())
}
