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

/// `24 Nov 2026`.
pub fn short(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
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
    fn formats_read_as_people_write_them() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(short(date), "31 Dec 2026");
        assert_eq!(long(date), "Thu 31 Dec 2026");
    }
}
