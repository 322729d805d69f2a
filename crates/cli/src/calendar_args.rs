//! The `--nation` and `--closure` options shared by every command that counts
//! working days, and their resolution into a [`Calendar`].

use clap::Args;
use redress::calendar::Calendar;
use redress::dates::parse_date;

use crate::error::CliError;

/// Which working days count.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Whose bank holidays apply: a nation's (england-and-wales, their
    /// shared ones, as before).
    #[arg(long, value_name = "NATION", default_value = "england-and-wales", value_parser = crate::words::of::<redress::case::Country>())]
    nation: String,
    /// A day the council is closed, besides bank holidays (repeatable).
    #[arg(long = "closure", value_name = "DATE")]
    closures: Vec<String>,
}

impl CalendarArgs {
    /// The calendar these options describe.
    pub fn resolve(&self) -> Result<Calendar, CliError> {
        let (nation, _) = redress::settings::Settings::read_nation(&self.nation)?;
        let closures = self
            .closures
            .iter()
            .map(|text| parse_date(text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Calendar::with_closures(nation, closures))
    }
}
