//! The global options every casework command shares (`--db`, `--as`,
//! `--today`), resolved into an open [`Store`] and an [`Actor`]. This is the
//! edge where the clock, the environment and the home directory are read.

use std::path::PathBuf;

use chrono::{Local, NaiveDate, Utc};
use clap::Args;
use redress::store::{Actor, Store};

use crate::error::CliError;
use redress::dates::parse_date;

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

/// The default database file: `redress.db` in the platform's data directory.
pub fn default_db_path() -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("org", "Redress", "redress")
        .map(|dirs| dirs.data_dir().join("redress.db"))
        .ok_or(CliError::NoDataDir)
}

impl GlobalArgs {
    /// Opens the database.
    pub fn store(&self) -> Result<Store, CliError> {
        let path = match &self.db {
            Some(path) => path.clone(),
            None => default_db_path()?,
        };
        Ok(Store::open(&path)?)
    }

    /// Today, from `--today` or the clock.
    pub fn today(&self) -> Result<NaiveDate, CliError> {
        match &self.today {
            Some(text) => Ok(parse_date(text)?),
            None => Ok(Local::now().date_naive()),
        }
    }

    /// Who is acting: `--as`, else the installation's user, else the login name.
    pub fn actor(&self, store: &Store) -> Result<Actor, CliError> {
        let login = std::env::var("USER").ok();
        let name = store
            .settings()?
            .acting_user(self.actor.as_deref(), login.as_deref())
            .unwrap_or_default();
        Ok(Actor {
            name,
            now: Utc::now(),
            today: self.today()?,
        })
    }
}
