//! The bank holidays of each UK nation, worked out from the rules that set
//! them, plus the announced one-off changes since 2000.
//!
//! The rules: fixed-date holidays that fall at a weekend get a substitute day
//! on the next weekday not already a holiday; Easter comes from the Gregorian
//! computus; the May and August holidays are first or last Mondays. One-off
//! changes (jubilees, royal occasions, a moved May holiday) are a table,
//! because they are announced, not computed.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Nation;

/// One bank holiday: its date and the name it is published under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHoliday {
    /// The day that is not worked.
    pub date: NaiveDate,
    /// The published name, with "(substitute day)" where the day was moved.
    pub name: String,
}

/// A regular holiday that one year was moved to another date.
struct Moved {
    year: i32,
    /// The regular holiday that moved.
    holiday: &'static str,
    /// The name it was published under that year.
    name: &'static str,
    to: (u32, u32),
}

const EARLY_MAY: &str = "Early May bank holiday";
const SPRING: &str = "Spring bank holiday";

/// Regular holidays moved by proclamation since 2000, in every nation.
const MOVED: &[Moved] = &[
    Moved {
        year: 2002,
        holiday: SPRING,
        name: SPRING,
        to: (6, 4),
    },
    Moved {
        year: 2012,
        holiday: SPRING,
        name: SPRING,
        to: (6, 4),
    },
    Moved {
        year: 2020,
        holiday: EARLY_MAY,
        name: "Early May bank holiday (VE day)",
        to: (5, 8),
    },
    Moved {
        year: 2022,
        holiday: SPRING,
        name: SPRING,
        to: (6, 2),
    },
];

/// An extra, one-off bank holiday.
struct Extra {
    date: (i32, u32, u32),
    name: &'static str,
    nations: &'static [Nation],
}

const UK: &[Nation] = &Nation::ALL;

/// One-off bank holidays announced since 2000.
const EXTRA: &[Extra] = &[
    Extra {
        date: (2002, 6, 3),
        name: "Queen's Golden Jubilee",
        nations: UK,
    },
    Extra {
        date: (2011, 4, 29),
        name: "Royal wedding",
        nations: UK,
    },
    Extra {
        date: (2012, 6, 5),
        name: "Queen's Diamond Jubilee",
        nations: UK,
    },
    Extra {
        date: (2022, 6, 3),
        name: "Platinum Jubilee bank holiday",
        nations: UK,
    },
    Extra {
        date: (2022, 9, 19),
        name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
        nations: UK,
    },
    Extra {
        date: (2023, 5, 8),
        name: "Bank holiday for the coronation of King Charles III",
        nations: UK,
    },
    Extra {
        date: (2026, 6, 15),
        name: "Bank holiday for Scotland at the FIFA World Cup",
        nations: &[Nation::Scotland],
    },
];

/// The bank holidays of `nation` in `year`, in date order.
pub fn bank_holidays(nation: Nation, year: i32) -> Vec<BankHoliday> {
    let mut days = Vec::new();
    let new_year: &[(u32, u32, &str)] = match nation {
        Nation::Scotland => &[(1, 1, "New Year’s Day"), (1, 2, "2nd January")],
        _ => &[(1, 1, "New Year’s Day")],
    };
    add_with_substitutes(&mut days, year, new_year);
    if nation == Nation::NorthernIreland {
        add_with_substitutes(&mut days, year, &[(3, 17, "St Patrick’s Day")]);
    }
    let easter = computus::gregorian(year)
        .ok()
        .and_then(|e| NaiveDate::from_ymd_opt(e.year, e.month, e.day));
    if let Some(easter) = easter {
        push(&mut days, shift(easter, -2), "Good Friday");
        if nation != Nation::Scotland {
            push(&mut days, shift(easter, 1), "Easter Monday");
        }
    }
    add_regular(&mut days, year, EARLY_MAY, first_monday(year, 5));
    add_regular(&mut days, year, SPRING, last_monday(year, 5));
    if nation == Nation::NorthernIreland {
        add_with_substitutes(
            &mut days,
            year,
            &[(7, 12, "Battle of the Boyne (Orangemen’s Day)")],
        );
    }
    let summer = match nation {
        Nation::Scotland => first_monday(year, 8),
        _ => last_monday(year, 8),
    };
    add_regular(&mut days, year, "Summer bank holiday", summer);
    if nation == Nation::Scotland {
        add_with_substitutes(&mut days, year, &[(11, 30, "St Andrew’s Day")]);
    }
    add_with_substitutes(
        &mut days,
        year,
        &[(12, 25, "Christmas Day"), (12, 26, "Boxing Day")],
    );
    for extra in EXTRA {
        let (y, m, d) = extra.date;
        if y == year && extra.nations.contains(&nation) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                push(&mut days, date, extra.name);
            }
        }
    }
    days.sort_by_key(|holiday| holiday.date);
    days
}

/// Adds a regular holiday, or the date it was moved to that year.
fn add_regular(days: &mut Vec<BankHoliday>, year: i32, name: &str, usual: Option<NaiveDate>) {
    let moved = MOVED
        .iter()
        .find(|m| m.year == year && m.holiday == name)
        .and_then(|m| NaiveDate::from_ymd_opt(year, m.to.0, m.to.1).map(|date| (date, m.name)));
    match (moved, usual) {
        (Some((date, name)), _) => push(days, date, name),
        (None, Some(date)) => push(days, date, name),
        (None, None) => {}
    }
}

/// Adds a run of fixed-date holidays; each that falls at a weekend moves to
/// the next weekday that is not already one of the run's holidays.
fn add_with_substitutes(days: &mut Vec<BankHoliday>, year: i32, run: &[(u32, u32, &str)]) {
    let dates: Vec<(NaiveDate, &str)> = run
        .iter()
        .filter_map(|(m, d, name)| NaiveDate::from_ymd_opt(year, *m, *d).map(|date| (date, *name)))
        .collect();
    let mut taken: Vec<NaiveDate> = dates
        .iter()
        .map(|(date, _)| *date)
        .filter(|date| !is_weekend(*date))
        .collect();
    for (date, name) in dates {
        if !is_weekend(date) {
            push(days, date, name);
            continue;
        }
        let mut substitute = shift(date, 1);
        while is_weekend(substitute) || taken.contains(&substitute) {
            substitute = shift(substitute, 1);
        }
        taken.push(substitute);
        days.push(BankHoliday {
            date: substitute,
            name: format!("{name} (substitute day)"),
        });
    }
}

fn push(days: &mut Vec<BankHoliday>, date: NaiveDate, name: &str) {
    days.push(BankHoliday {
        date,
        name: name.to_owned(),
    });
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(nation: Nation, year: i32) -> Vec<String> {
        bank_holidays(nation, year)
            .into_iter()
            .map(|h| h.date.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn scotland_new_year_on_a_saturday_moves_both_days() {
        // 1 Jan 2022 was a Saturday, 2 Jan a Sunday.
        assert_eq!(&dates(Nation::Scotland, 2022)[..2], ["01-03", "01-04"]);
    }

    #[test]
    fn christmas_on_a_sunday_puts_the_substitute_on_tuesday() {
        let days = bank_holidays(Nation::EnglandAndWales, 2022);
        let last: Vec<_> = days.iter().rev().take(2).collect();
        assert_eq!(
            last[0].date,
            NaiveDate::from_ymd_opt(2022, 12, 27).expect("date")
        );
        assert_eq!(last[0].name, "Christmas Day (substitute day)");
        assert_eq!(last[1].name, "Boxing Day");
    }

    #[test]
    fn every_year_has_at_least_eight_holidays() {
        for year in super::super::SUPPORTED_YEARS {
            for nation in Nation::ALL {
                assert!(bank_holidays(nation, year).len() >= 8, "{nation} {year}");
            }
        }
    }
}
