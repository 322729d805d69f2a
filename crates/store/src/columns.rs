//! Converting between core values and SQLite columns: dates as ISO text,
//! vocabulary terms as their slugs.

use std::str::FromStr;

use chrono::NaiveDate;

use super::StoreError;

/// A date column's text.
pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// An optional date column's text.
pub fn opt_date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(date_text)
}

/// Reads a stored RFC 3339 moment, in UTC.
pub fn read_moment(text: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&chrono::Utc))
        .map_err(|_| StoreError::Corrupt(format!("time '{text}'")))
}

/// Reads a stored date. Dates are stored as `YYYY-MM-DD` only, so they are
/// read by position: reports read hundreds of thousands of them.
pub fn read_date(text: &str) -> Result<NaiveDate, StoreError> {
    let corrupt = || StoreError::Corrupt(format!("date '{text}'"));
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(corrupt());
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(i32::try_from(y).map_err(|_| corrupt())?, m, d)
                .ok_or_else(corrupt)
        }
        _ => Err(corrupt()),
    }
}

/// Reads an optional stored date.
pub fn read_opt_date(text: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    text.as_deref().map(read_date).transpose()
}

/// Reads a stored vocabulary term.
pub fn read_term<T: FromStr>(text: &str) -> Result<T, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("term '{text}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_read_back_and_damage_is_named() {
        let date = NaiveDate::from_ymd_opt(2026, 2, 28).expect("date");
        assert_eq!(read_date(&date_text(date)).ok(), Some(date));
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28xx",
            "2026/02/28",
            "",
            "abcd-ef-gh",
        ] {
            assert!(read_date(bad).is_err(), "{bad}");
        }
    }
}
