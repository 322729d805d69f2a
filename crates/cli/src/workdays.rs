//! `redress workdays add|count`: working-day arithmetic, one date or number out.

use std::io::Write;

use clap::Subcommand;

use crate::calendar_args::CalendarArgs;
use crate::error::CliError;
use redress::dates::parse_date;

/// Working-day arithmetic.
#[derive(Debug, Subcommand)]
pub enum WorkdaysCommand {
    /// Print the Nth working day after DATE (DATE itself is day 0).
    Add {
        /// The starting date, YYYY-MM-DD or DD/MM/YYYY.
        date: String,
        /// How many working days to add.
        #[arg(value_parser = crate::context::whole_number::<u32>)]
        n: u32,
        #[command(flatten)]
        calendar: CalendarArgs,
    },
    /// Print the number of working days after FROM up to and including TO.
    Count {
        /// The first date (not counted).
        from: String,
        /// The last date (counted if it is a working day).
        to: String,
        #[command(flatten)]
        calendar: CalendarArgs,
    },
}

/// Runs a `workdays` command.
pub fn run(command: WorkdaysCommand, out: &mut impl Write) -> Result<(), CliError> {
    match command {
        WorkdaysCommand::Add { date, n, calendar } => {
            let date = parse_date(&date)?;
            if n > redress::calendar::MAX_WORKING_DAYS {
                return Err(CliError::TooManyDays(n));
            }
            let result = calendar.resolve()?.add_working_days(date, n);
            writeln!(out, "{}", result.format("%Y-%m-%d"))?;
        }
        WorkdaysCommand::Count { from, to, calendar } => {
            let from = parse_date(&from)?;
            let to = parse_date(&to)?;
            writeln!(
                out,
                "{}",
                calendar.resolve()?.working_days_between(from, to)
            )?;
        }
    }
    Ok(())
}
