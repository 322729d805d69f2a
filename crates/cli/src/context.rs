//! The global options every casework command shares (`--db`, `--as`,
//! `--today`), turned into the one application [`Service`] the commands
//! call.

use std::path::PathBuf;

use clap::Args;
use redress::dates::parse_date;
use redress_app::{Clock, Service};

use crate::error::CliError;

/// Where the cases are and who is working on them.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The database file (default: the per-user data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Record changes as this person (default: the installation's user).
    #[arg(long = "as", global = true, value_name = "NAME")]
    actor: Option<String>,
    /// Treat this date as today (default: the computer's date).
    #[arg(long, global = true, value_name = "DATE")]
    today: Option<String>,
}

impl GlobalArgs {
    /// Opens the database as the application service.
    pub fn service(&self) -> Result<Service, CliError> {
        let clock = match &self.today {
            Some(text) => Clock::Today(parse_date(text)?),
            None => Clock::System,
        };
        Ok(Service::open(
            self.db.as_deref(),
            clock,
            self.actor.clone(),
        )?)
    }
}

/// A number option that is not a whole number.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a whole number: use digits only, such as 5")]
pub struct NotANumber(String);

/// Reads a whole-number option, with a message people understand (clap's
/// own says "invalid digit found in string").
pub fn whole_number<T: std::str::FromStr>(text: &str) -> Result<T, NotANumber> {
    text.trim().parse().map_err(|_| NotANumber(text.to_owned()))
}
