//! Dates as people type and read them: `2026-11-24`, `24/11/2026` or
//! `24 Nov 2026` in, `24 Nov 2026` and `Tue 24 Nov 2026` out.

use chrono::{Datelike, NaiveDate};

use crate::calendar::SUPPORTED_YEARS;

/// A date that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDate {
    /// Not a date in any accepted form.
    #[error("'{0}' is not a date: use DD/MM/YYYY, for example 24/11/2026")]
    Unreadable(String),
    /// Month first, as US software writes dates: never guessed.
    #[error("'{0}' has a month above 12: dates are read day first (DD/MM/YYYY), and this looks month first; write it day first")]
    MonthFirst(String),
    /// A date outside the years the calendar covers (often a two-digit year).
    #[error(
        "'{0}' is outside the years 2000 to 2100: write the year in full, for example 24/11/2026"
    )]
    OutOfRange(String),
}

/// The forms a date may be typed in: ISO, the UK's numeric form, and the
/// forms this app writes dates in.
const FORMATS: [&str; 5] = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a %d %b %Y",
];

/// Reads `YYYY-MM-DD`, the UK's `DD/MM/YYYY`, or `24 Nov 2026` (with or
/// without the weekday, month short or in full).
pub fn parse_date(text: &str) -> Result<NaiveDate, BadDate> {
    let trimmed = text.trim();
    let date = FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(trimmed, format).ok())
        .filter(|_| trimmed.len() >= 6)
        .ok_or_else(|| BadDate::Unreadable(text.to_owned()))?;
    if SUPPORTED_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(BadDate::OutOfRange(text.to_owned()))
    }
}

/// What a spreadsheet holds in a date column, as text: every form of
/// [`parse_date`], and `d/m/yy`, `01-Apr-2021` and `1-Apr-21` (Excel's UK
/// display), ISO date-times (`2021-04-01T09:30:00`, the date as written;
/// with `Z` or an offset, the UK date of that moment), and Excel's serial
/// day numbers (`44287` is 1 April 2021). Day first always: `04/13/2021` is
/// refused as month first, never read as 13 April.
pub fn parse_spreadsheet_date(text: &str) -> Result<NaiveDate, BadDate> {
    let trimmed = text.trim();
    if let Ok(date) = parse_date(trimmed) {
        return Ok(date);
    }
    let in_range = |date: NaiveDate| {
        if SUPPORTED_YEARS.contains(&date.year()) {
            Ok(date)
        } else {
            Err(BadDate::OutOfRange(text.to_owned()))
        }
    };
    // An Excel serial: days since 30 Dec 1899 (the 1900 leap-year bug
    // included, as Excel counts).
    if let Ok(serial) = trimmed.parse::<u32>() {
        if (20_000..=80_000).contains(&serial) {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            return in_range(epoch + chrono::Duration::days(i64::from(serial)));
        }
    }
    if let Ok(moment) = chrono::DateTime::parse_from_rfc3339(trimmed) {
        return in_range(
            moment
                .with_timezone(&chrono_tz::Europe::London)
                .date_naive(),
        );
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(moment) = chrono::NaiveDateTime::parse_from_str(trimmed, format) {
            return in_range(moment.date());
        }
    }
    // Four-digit years here; `1-Apr-21` is read below, as a two-digit year.
    for format in [
        "%d-%b-%Y",
        "%d-%B-%Y",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
    ] {
        let parsed = NaiveDate::parse_from_str(trimmed, format).ok().or_else(|| {
            chrono::NaiveDateTime::parse_from_str(trimmed, format)
                .ok()
                .map(|m| m.date())
        });
        if let Some(date) = parsed.filter(|d| d.year() >= 1000) {
            return in_range(date);
        }
    }
    // Two-digit years: 00 to 69 are 2000 to 2069.
    let parts: Vec<&str> = trimmed.split(['/', '-', '.']).collect();
    if parts.len() == 3 {
        let day = parts[0].parse::<u32>().ok();
        let month = parts[1]
            .parse::<u32>()
            .ok()
            .or_else(|| month_named(parts[1]));
        let year = parts[2]
            .parse::<i32>()
            .ok()
            .map(|y| match (parts[2].len(), y) {
                (2, y) if y < 70 => 2000 + y,
                (2, y) => 1900 + y,
                (_, y) => y,
            });
        if let (Some(day), Some(month), Some(year)) = (day, month, year) {
            if month > 12 && day <= 12 {
                return Err(BadDate::MonthFirst(text.to_owned()));
            }
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return in_range(date);
            }
        }
    }
    Err(BadDate::Unreadable(text.to_owned()))
}

fn month_named(text: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `24 Nov 2026`.
pub fn short(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A moment as UK clocks showed it: `24 Nov 2026 14:05`.
pub fn moment(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %b %Y %H:%M")
        .to_string()
}

/// `Tue 24 Nov 2026`.
pub fn long(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// A date as a letter writes it: `18 November 2026`, or in Welsh
/// `18 Tachwedd 2026`.
pub fn in_words(date: NaiveDate, welsh: bool) -> String {
    use chrono::Datelike;
    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const WELSH: [&str; 12] = [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ];
    let months = if welsh { &WELSH } else { &ENGLISH };
    let month = months[date.month0() as usize];
    format!("{} {month} {}", date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_read() {
        let expected = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(parse_date("2026-11-24").ok(), expected);
        assert_eq!(parse_date(" 24/11/2026 ").ok(), expected);
        assert_eq!(parse_date("24 Nov 2026").ok(), expected);
        assert_eq!(parse_date("Tue 24 Nov 2026").ok(), expected);
        assert_eq!(parse_date("24 November 2026").ok(), expected);
        assert_eq!(
            parse_date("4 Dec 2026").ok(),
            NaiveDate::from_ymd_opt(2026, 12, 4)
        );
    }

    #[test]
    fn nonsense_is_refused_with_the_value() {
        for bad in [
            "2026-13-01",
            "31/02/2026",
            "tomorrow",
            "",
            "2026-1-",
            "24/11/26",
            "1999-12-31",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.to_string().contains(&format!("'{bad}'")));
        }
    }

    #[test]
    fn every_uk_spreadsheet_form_reads_and_month_first_is_refused() {
        let april = NaiveDate::from_ymd_opt(2021, 4, 1);
        for text in [
            "01/04/2021",
            "1/4/21",
            "01-Apr-2021",
            "1-Apr-21",
            "1 April 2021",
            "2021-04-01",
            "2021-04-01T09:30:00",
            "2021-04-01 09:30",
            "44287",
            "01/04/2021 09:30",
        ] {
            assert_eq!(parse_spreadsheet_date(text).ok(), april, "{text}");
        }
        // 23:30 in New York on 31 March is 1 April in the UK.
        assert_eq!(
            parse_spreadsheet_date("2021-03-31T23:30:00-04:00").ok(),
            april
        );
        // In British Summer Time, 23:30 UTC is already the next day.
        assert_eq!(
            parse_spreadsheet_date("2021-06-30T23:30:00Z").ok(),
            NaiveDate::from_ymd_opt(2021, 7, 1)
        );
        let err = parse_spreadsheet_date("04/13/2021").unwrap_err();
        assert!(matches!(err, BadDate::MonthFirst(_)), "{err}");
        assert!(parse_spreadsheet_date("31/02/2021").is_err());
        assert!(parse_spreadsheet_date("12").is_err());
    }

    #[test]
    fn formats_read_as_people_write_them() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(short(date), "31 Dec 2026");
        assert_eq!(long(date), "Thu 31 Dec 2026");
    }
}
