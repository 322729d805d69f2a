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

/// Reads a stored date.
pub fn read_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date '{text}'")))
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
