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
    /// Say on standard error what is being done (the database opened,
    /// backups kept), for finding out why something went wrong.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

impl GlobalArgs {
    fn clock(&self) -> Result<Clock, CliError> {
        Ok(match &self.today {
            Some(text) => Clock::Today(parse_date(text)?),
            None => Clock::System,
        })
    }

    /// Opens the existing database as the application service; a missing
    /// one is refused, never made.
    pub fn service(&self) -> Result<Service, CliError> {
        let service = Service::open(self.db.as_deref(), self.clock()?, self.actor.clone())?;
        warn_of_location(&service);
        Ok(service)
    }

    /// Opens the database, making it first if there is none (`init`).
    pub fn create_service(&self, training: bool) -> Result<Service, CliError> {
        let service = Service::create(
            self.db.as_deref(),
            self.clock()?,
            self.actor.clone(),
            training,
        )?;
        warn_of_location(&service);
        Ok(service)
    }

    /// The database file asked for, or the default one.
    pub fn db_path(&self) -> Option<PathBuf> {
        self.db.clone().or_else(redress_app::default_db_path)
    }
}

/// Says on standard error, each time, why the database's folder is no
/// place for it (a network drive, a synced folder).
fn warn_of_location(service: &Service) {
    if let Some(hazard) = service.location_warning() {
        eprintln!("Warning: {hazard}");
    }
}

/// A count option with an upper bound, read with a message people understand.
pub fn bounded<const MAX: u64>(text: &str) -> Result<u64, String> {
    let n: u64 = whole_number(text).map_err(|e| e.to_string())?;
    if n > MAX {
        return Err(format!(
            "{n} is more than Redress takes here: at most {MAX}"
        ));
    }
    Ok(n)
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

/// Reads a text file the user names (a policy, a template), at most
/// [`redress_app::files::limits::TEXT`] bytes.
pub fn read_text(path: &std::path::Path, what: &'static str) -> Result<String, CliError> {
    let bytes = redress_app::files::read_bounded(path, redress_app::files::limits::TEXT, what)?;
    String::from_utf8(bytes).map_err(|_| CliError::NotText(path.display().to_string()))
}
