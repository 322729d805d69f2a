//! `redress`: the command-line tool over the Redress core.
//!
//! Parse, then resolve: clap reads raw strings, each command turns them into
//! validated core values, and every failure becomes one [`CliError`] printed on
//! one line with exit status 2.

mod calendar_args;
mod deadlines;
mod error;
mod workdays;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;

/// Complaint handling for UK councils.
#[derive(Debug, Parser)]
#[command(name = "redress", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Working-day arithmetic on a council's calendar.
    #[command(subcommand)]
    Workdays(workdays::WorkdaysCommand),
    /// The acknowledgement, response and extension dates of each stage.
    Deadlines(deadlines::DeadlinesArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Workdays(command) => workdays::run(command, &mut out),
        Command::Deadlines(args) => deadlines::run(args, &mut out),
    };
    match result.and_then(|()| out.flush().map_err(CliError::Output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("redress: {err}");
            ExitCode::from(2)
        }
    }
}
