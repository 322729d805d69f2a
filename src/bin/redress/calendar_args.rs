//! The `--nation` and `--closure` options shared by every command that counts
//! working days, and their resolution into a [`Calendar`].

use chrono::{Datelike, NaiveDate};
use clap::Args;
use redress::calendar::{Calendar, Nation, SUPPORTED_YEARS};
use redress::dates::parse_date;

use crate::error::CliError;

/// Which working days count.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Whose bank holidays apply: england-and-wales, scotland or northern-ireland.
    #[arg(long, value_name = "NATION", default_value = "england-and-wales")]
    nation: String,
    /// A day the council is closed, besides bank holidays (repeatable).
    #[arg(long = "closure", value_name = "DATE")]
    closures: Vec<String>,
}

impl CalendarArgs {
    /// The calendar these options describe.
    pub fn resolve(&self) -> Result<Calendar, CliError> {
        let nation: Nation = self.nation.parse()?;
        let closures = self
            .closures
            .iter()
            .map(|text| date_arg("--closure", text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Calendar::with_closures(nation, closures))
    }
}

/// Reads a date argument and checks the calendar covers its year.
pub fn date_arg(flag: &'static str, text: &str) -> Result<NaiveDate, CliError> {
    let date = parse_date(text)?;
    if SUPPORTED_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(CliError::OutOfRange {
            flag,
            date: text.to_owned(),
        })
    }
}
