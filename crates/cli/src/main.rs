//! `redress`: the command-line tool over the Redress core.
//!
//! Parse, then resolve: clap reads raw strings, each command turns them into
//! validated core values, and every failure becomes one [`CliError`] printed on
//! one line with exit status 2.

mod calendar_args;
mod case_cmd;
mod context;
mod deadlines;
mod error;
mod file_cmd;
mod letter_cmd;
mod person_cmd;
mod policy_cmd;
mod reminders_cmd;
mod report_cmd;
mod safety_cmd;
mod setup_cmd;
mod show;
mod sync_cmd;
mod terminal;
mod transfer_cmd;
mod words;
mod workdays;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;

/// Complaint handling for UK councils.
#[derive(Debug, Parser)]
#[command(name = "redress", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: context::GlobalArgs,
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
    /// The complaints procedures Redress ships, by name.
    #[command(subcommand)]
    Policy(policy_cmd::PolicyArgs),
    /// Record complaints and take them through the procedure.
    #[command(subcommand)]
    Case(case_cmd::CaseCommandArgs),
    /// Make a case's letter as a PDF, from the council's template.
    Letter(Box<letter_cmd::LetterArgs>),
    /// Reminders of deadlines: what is due, and sending it.
    #[command(subcommand)]
    Reminders(reminders_cmd::RemindersArgs),
    /// The council's letter templates.
    #[command(subcommand)]
    Template(letter_cmd::TemplateArgs),
    /// One record of each complainant across their cases; restrictions.
    #[command(subcommand)]
    Person(person_cmd::PersonArgs),
    /// The officers who handle and review complaints.
    #[command(subcommand)]
    Officer(setup_cmd::OfficerArgs),
    /// The council's service areas.
    #[command(subcommand, name = "service-area")]
    ServiceArea(setup_cmd::ServiceAreaArgs),
    /// Complaint categories.
    #[command(subcommand)]
    Category(setup_cmd::NamedArgs),
    /// This installation's settings.
    #[command(subcommand)]
    Settings(setup_cmd::SettingsArgs),
    /// Import cases from a spreadsheet.
    #[command(subcommand)]
    Import(transfer_cmd::ImportArgs),
    /// Export every case.
    #[command(subcommand)]
    Export(transfer_cmd::ExportArgs),
    /// Fill an empty database with made-up cases to try the app.
    Demo(transfer_cmd::DemoArgs),
    /// The complaint performance report for a period, as JSON, CSV or PDF.
    Report(report_cmd::ReportArgs),
    /// Make a new, empty database (the only command that makes one).
    Init(safety_cmd::InitArgs),
    /// Back up the database, checked, to the Backups folder or a file.
    Backup(safety_cmd::BackupArgs),
    /// Replace the data with a backup's, after checking it and backing up
    /// what is there now.
    Restore(safety_cmd::RestoreArgs),
    /// Check the whole database: integrity, references and the audit trail.
    Check,
    /// The sealed audit trail.
    #[command(subcommand)]
    Audit(safety_cmd::AuditArgs),
    /// Closed cases past the retention period, and anonymising them.
    #[command(subcommand)]
    Retention(safety_cmd::RetentionArgs),
    /// Everything held about one person (subject access), as PDF and JSON.
    Sar(safety_cmd::SarArgs),
    /// Take complaints in: from an email file.
    #[command(subcommand)]
    Intake(file_cmd::IntakeArgs),
    /// Share cases with the council's other laptops through a shared folder.
    #[command(subcommand)]
    Sync(sync_cmd::SyncArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.global.verbose {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_target(false)
            .with_max_level(tracing::Level::DEBUG)
            .init();
    }
    let mut raw = std::io::stdout().lock();
    // Text for people goes through `Printable`; files written to standard
    // output (PDF, CSV, JSON exports) go as they are.
    let mut out = terminal::Printable::new(std::io::stdout().lock());
    let global = &cli.global;
    let result = match cli.command {
        Command::Workdays(command) => workdays::run(command, &mut out),
        Command::Deadlines(args) => deadlines::run(args, &mut out),
        Command::Policy(command) => policy_cmd::run(command, &mut out),
        Command::Case(command) => case_cmd::run(command, global, &mut out),
        Command::Letter(args) => letter_cmd::letter(*args, global, &mut out),
        Command::Reminders(command) => reminders_cmd::run(command, global, &mut out),
        Command::Template(command) => letter_cmd::template(command, global, &mut out),
        Command::Person(command) => person_cmd::run(command, global, &mut out),
        Command::Officer(command) => setup_cmd::officer(command, global, &mut out),
        Command::ServiceArea(command) => setup_cmd::service_area(command, global, &mut out),
        Command::Category(command) => setup_cmd::named(command, true, global, &mut out),
        Command::Settings(command) => setup_cmd::settings(command, global, &mut out),
        Command::Import(command) => transfer_cmd::import(command, global, &mut out),
        Command::Export(command) => transfer_cmd::export(command, global, &mut raw),
        Command::Demo(args) => transfer_cmd::demo(args, global, &mut out),
        Command::Report(args) => report_cmd::run(args, global, &mut out),
        Command::Init(args) => safety_cmd::init(args, global, &mut out),
        Command::Backup(args) => safety_cmd::backup(args, global, &mut out),
        Command::Restore(args) => safety_cmd::restore(args, global, &mut out),
        Command::Check => safety_cmd::check(global, &mut out),
        Command::Sync(command) => sync_cmd::run(command, global, &mut out),
        Command::Audit(command) => safety_cmd::audit(command, global, &mut out),
        Command::Retention(command) => safety_cmd::retention(command, global, &mut out),
        Command::Sar(args) => safety_cmd::sar(args, global, &mut out),
        Command::Intake(command) => file_cmd::intake(command, global, &mut out),
    };
    let flushed = out.flush().and_then(|()| raw.flush());
    match result.and_then(|()| flushed.map_err(CliError::Output)) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader such as `head` stopped listening: not a failure.
        Err(CliError::Output(err)) if err.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(err) => {
            let mut message = Vec::new();
            let _ = write!(terminal::Printable::new(&mut message), "{err}");
            eprintln!("redress: {}", String::from_utf8_lossy(&message));
            ExitCode::from(2)
        }
    }
}
