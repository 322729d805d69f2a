//! `redress report`: the complaint performance report for a period (or a
//! financial year with `--annual`), as JSON, as a tidy CSV for Excel, or as
//! the committee PDF.

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgGroup, Args};
use redress::dates::parse_date;
use redress::reports::Period;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// The report's period and form.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("output").required(true).args(["json", "csv", "pdf"])))]
pub struct ReportArgs {
    /// The first day of the period.
    #[arg(
        long,
        value_name = "DATE",
        required_unless_present = "annual",
        conflicts_with = "annual"
    )]
    from: Option<String>,
    /// The last day of the period.
    #[arg(
        long,
        value_name = "DATE",
        required_unless_present = "annual",
        conflicts_with = "annual"
    )]
    to: Option<String>,
    /// The annual report of the financial year starting in April of YYYY
    /// (2026 is 2026/27), with the Code self-assessment.
    #[arg(long, value_name = "YYYY", value_parser = crate::context::whole_number::<i32>)]
    annual: Option<i32>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Write the figures as a CSV table (one row per figure) to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write the committee report as a PDF to FILE.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
}

fn period(args: &ReportArgs) -> Result<Period, CliError> {
    if let Some(year) = args.annual {
        return Ok(Period::financial_year(year)?);
    }
    let from = parse_date(args.from.as_deref().unwrap_or_default())?;
    let to = parse_date(args.to.as_deref().unwrap_or_default())?;
    Ok(Period::new(from, to)?)
}

/// Runs `report`.
pub fn run(args: ReportArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let period = period(&args)?;
    let service = global.service()?;
    let report = service.report(period)?;
    if args.json {
        let text = serde_json::to_string_pretty(&report).map_err(CliError::Json)?;
        writeln!(out, "{text}")?;
    }
    if let Some(path) = &args.csv {
        let mut bytes = Vec::new();
        redress::reports::write_csv(&report, &mut bytes)?;
        crate::letter_cmd::write_whole(path, &bytes, service.database_path())?;
        writeln!(
            out,
            "Wrote the {} figures to {}.",
            report.figures.label,
            path.display()
        )?;
    }
    if let Some(path) = &args.pdf {
        let bytes = match args.annual {
            Some(year) => service.annual_report_pdf(year)?,
            None => service.report_pdf(period)?,
        };
        crate::letter_cmd::write_whole(path, &bytes, service.database_path())?;
        writeln!(
            out,
            "Wrote the {} report to {}.",
            report.figures.label,
            path.display()
        )?;
    }
    Ok(())
}
