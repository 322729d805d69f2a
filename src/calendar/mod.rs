//! The working-day calendar: which days count towards a Complaint Handling
//! Code deadline, and the arithmetic on them.
//!
//! A working day is Monday to Friday, except the bank holidays of the
//! council's [`Nation`] and the council's own closure days. The day something
//! is received is day 0, so the first working day after a Saturday is the
//! following Monday. Nothing here reads the clock: every date is passed in.

mod holidays;

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub use holidays::{bank_holidays, BankHoliday};

/// The most working days any count may span (about eight years): larger
/// numbers are typing mistakes, and would walk past the calendar's years.
pub const MAX_WORKING_DAYS: u32 = 2000;

/// The first and last years whose bank holidays the calendar is checked for.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The three bank-holiday regimes of the United Kingdom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nation {
    /// England and Wales share one set of bank holidays.
    EnglandAndWales,
    /// Scotland: 2 January, St Andrew's Day, summer holiday in early August.
    Scotland,
    /// Northern Ireland: St Patrick's Day and the Battle of the Boyne.
    NorthernIreland,
}

impl Nation {
    /// Every nation, in the order people list them.
    pub const ALL: [Nation; 3] = [
        Nation::EnglandAndWales,
        Nation::Scotland,
        Nation::NorthernIreland,
    ];

    /// The stable identifier used in files, on the command line and over IPC.
    pub fn slug(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "england-and-wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }

    /// The name people read.
    pub fn name(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "England and Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

impl fmt::Display for Nation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl crate::case::Vocabulary for Nation {
    const NAME: &'static str = "nation";

    fn words() -> Vec<(&'static str, &'static str)> {
        Nation::ALL.iter().map(|n| (n.slug(), n.name())).collect()
    }
}

/// A nation name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown nation '{0}': use england, wales, scotland or northern-ireland (england-and-wales: their shared bank holidays)")]
pub struct UnknownNation(pub String);

impl FromStr for Nation {
    type Err = UnknownNation;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match key.as_str() {
            "englandandwales" | "englandwales" | "england" | "wales" | "ew" => {
                Ok(Nation::EnglandAndWales)
            }
            "scotland" | "sc" => Ok(Nation::Scotland),
            "northernireland" | "ni" => Ok(Nation::NorthernIreland),
            _ => Err(UnknownNation(s.to_owned())),
        }
    }
}

/// The days a council works: weekdays, less its nation's bank holidays and its
/// own closure days.
#[derive(Debug, Clone)]
pub struct Calendar {
    nation: Nation,
    closures: BTreeSet<NaiveDate>,
    /// Bank holidays of the supported years, looked up on every step of the
    /// arithmetic; years outside are worked out on demand.
    holidays: HashSet<NaiveDate>,
    /// The weekdays of the supported years that are not working days (bank
    /// holidays and closures), in order: counting working days over a span
    /// counts its weekdays and takes these away.
    weekdays_off: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with the nation's bank holidays and no closure days.
    pub fn new(nation: Nation) -> Calendar {
        Calendar::with_closures(nation, [])
    }

    /// A calendar with the nation's bank holidays and the council's closure days.
    pub fn with_closures(
        nation: Nation,
        closures: impl IntoIterator<Item = NaiveDate>,
    ) -> Calendar {
        let holidays: HashSet<NaiveDate> = SUPPORTED_YEARS
            .flat_map(|year| bank_holidays(nation, year))
            .map(|holiday| holiday.date)
            .collect();
        let closures: BTreeSet<NaiveDate> = closures.into_iter().collect();
        let weekdays_off = holidays
            .iter()
            .chain(closures.iter())
            .copied()
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        Calendar {
            nation,
            closures,
            holidays,
            weekdays_off,
        }
    }

    /// The nation whose bank holidays apply.
    pub fn nation(&self) -> Nation {
        self.nation
    }

    /// The council's own closure days.
    pub fn closures(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.closures.iter().copied()
    }

    /// Whether the date is a bank holiday of this calendar's nation.
    pub fn is_bank_holiday(&self, date: NaiveDate) -> bool {
        if SUPPORTED_YEARS.contains(&date.year()) {
            self.holidays.contains(&date)
        } else {
            bank_holidays(self.nation, date.year())
                .iter()
                .any(|holiday| holiday.date == date)
        }
    }

    /// Whether the council works on this date.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.closures.contains(&date)
            && !self.is_bank_holiday(date)
    }

    /// The `n`th working day after `date`, where `date` itself is day 0.
    ///
    /// With `n == 0` the date itself is returned, working day or not.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut remaining = n;
        while remaining > 0 {
            day = next_day(day);
            if self.is_working_day(day) {
                remaining -= 1;
            }
        }
        day
    }

    /// The number of working days after `from` up to and including `to`;
    /// negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        if SUPPORTED_YEARS.contains(&from.year()) && SUPPORTED_YEARS.contains(&to.year()) {
            // Weekdays in (from, to], less the days off among them: reports
            // count this for every stage of every case.
            let days = (to - from).num_days();
            let mut weekdays = days / 7 * 5;
            let mut day = from + chrono::Duration::days(days / 7 * 7);
            while day < to {
                day = next_day(day);
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    weekdays += 1;
                }
            }
            let off = self
                .weekdays_off
                .range((
                    std::ops::Bound::Excluded(from),
                    std::ops::Bound::Included(to),
                ))
                .count() as i64;
            return weekdays - off;
        }
        from.iter_days()
            .skip(1)
            .take_while(|day| *day <= to)
            .filter(|day| self.is_working_day(*day))
            .count() as i64
    }
}

fn next_day(date: NaiveDate) -> NaiveDate {
    // The calendar's dates are far from the end of chrono's range (year 262143).
    date.checked_add_days(Days::new(1)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn saturday_receipt_counts_monday_as_day_one() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        assert_eq!(cal.add_working_days(d(2026, 11, 21), 1), d(2026, 11, 23));
    }

    #[test]
    fn zero_days_is_the_date_itself() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        assert_eq!(cal.add_working_days(d(2026, 12, 25), 0), d(2026, 12, 25));
    }

    #[test]
    fn christmas_and_closures_are_skipped() {
        let cal = Calendar::with_closures(
            Nation::EnglandAndWales,
            [d(2026, 12, 29), d(2026, 12, 30), d(2026, 12, 31)],
        );
        // Thu 24 Dec 2026: Fri 25 and Mon 28 (Boxing Day substitute) are bank
        // holidays, 29-31 are closures, Fri 1 Jan is New Year's Day.
        assert_eq!(cal.add_working_days(d(2026, 12, 24), 1), d(2027, 1, 4));
        assert_eq!(cal.working_days_between(d(2026, 12, 24), d(2027, 1, 4)), 1);
    }

    #[test]
    fn counting_backwards_is_negative() {
        let cal = Calendar::new(Nation::Scotland);
        assert_eq!(
            cal.working_days_between(d(2026, 11, 30), d(2026, 11, 23)),
            -4
        );
    }

    #[test]
    fn nations_parse_from_slugs_and_names() {
        for nation in Nation::ALL {
            assert_eq!(nation.slug().parse::<Nation>(), Ok(nation));
            assert_eq!(nation.name().parse::<Nation>(), Ok(nation));
        }
        let err = "Atlantis".parse::<Nation>().unwrap_err();
        assert!(err.to_string().contains("'Atlantis'"));
    }
}
