//! `redress reminders due|send`: what reminders are due at a moment (nothing
//! sent or recorded), and sending them as a desktop notification, recorded
//! so that none goes out twice; for machines where a scheduled task is
//! preferred to the app's own timer.

use std::io::Write;

use chrono::NaiveDateTime;
use clap::Subcommand;
use serde_json::json;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// Reminders.
#[derive(Debug, Subcommand)]
pub enum RemindersArgs {
    /// List what would be sent at a moment, sending and recording nothing.
    Due {
        /// The moment, as YYYY-MM-DDTHH:MM (default: now).
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        at: Option<String>,
        /// Only this officer's cases.
        #[arg(long)]
        officer: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Send what is due at a moment (default: now) and record it.
    Send {
        /// The moment, as YYYY-MM-DDTHH:MM (default: now).
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        at: Option<String>,
        /// Only this officer's cases (default: as the settings say, the
        /// user's cases or all).
        #[arg(long)]
        officer: Option<String>,
    },
}

fn moment(text: Option<&str>) -> Result<NaiveDateTime, CliError> {
    match text {
        None => Ok(chrono::Local::now().naive_local()),
        Some(text) => NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
            .map_err(|_| CliError::BadMoment(text.trim().to_owned())),
    }
}

fn nothing_due(at: NaiveDateTime, out: &mut impl Write) -> Result<(), CliError> {
    writeln!(
        out,
        "No reminders are due at {}.",
        at.format("%d %b %Y %H:%M")
    )?;
    Ok(())
}

/// Runs a `reminders` command.
pub fn run(
    command: RemindersArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    match command {
        RemindersArgs::Due { at, officer, json } => {
            let at = moment(at.as_deref())?;
            let due = service.reminders_due(at, officer.as_deref())?;
            if json {
                let reminders: Vec<_> = due
                    .iter()
                    .map(|r| {
                        json!({
                            "reference": r.reference,
                            "due": r.due.slug(),
                            "due_on": r.due_on.to_string(),
                            "when": r.when.slug(),
                            "officer": r.officer,
                            "summary": r.summary,
                        })
                    })
                    .collect();
                writeln!(
                    out,
                    "{}",
                    json!({ "at": at.format("%Y-%m-%dT%H:%M").to_string(), "reminders": reminders })
                )?;
            } else if due.is_empty() {
                nothing_due(at, out)?;
            } else {
                for r in &due {
                    writeln!(out, "{}", r.headline())?;
                }
            }
        }
        RemindersArgs::Send { at, officer } => {
            let at = moment(at.as_deref())?;
            let officer = match officer {
                Some(officer) => Some(officer),
                None => service.reminders_officer()?,
            };
            let sent = service.send_reminders(at, officer.as_deref(), None)?;
            if sent.is_empty() {
                nothing_due(at, out)?;
            } else {
                let (summary, _) = redress_app::notification(&sent);
                writeln!(
                    out,
                    "Sent {}: {summary}",
                    redress::words::count(sent.len() as u64, "reminder", "reminders")
                )?;
            }
        }
    }
    Ok(())
}
