//! Dates as people type and read them: `2026-11-24` or `24/11/2026` in,
//! `24 Nov 2026` and `Tue 24 Nov 2026` out.

use chrono::NaiveDate;

/// A date that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date: use YYYY-MM-DD or DD/MM/YYYY, for example 2026-11-24")]
pub struct BadDate(pub String);

/// Reads `YYYY-MM-DD` or the UK's `DD/MM/YYYY`.
pub fn parse_date(text: &str) -> Result<NaiveDate, BadDate> {
    let trimmed = text.trim();
    NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(trimmed, "%d/%m/%Y"))
        .ok()
        .filter(|_| trimmed.len() >= 8)
        .ok_or_else(|| BadDate(text.to_owned()))
}

/// `24 Nov 2026`.
pub fn short(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// `Tue 24 Nov 2026`.
pub fn long(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_read() {
        let expected = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(parse_date("2026-11-24").ok(), expected);
        assert_eq!(parse_date(" 24/11/2026 ").ok(), expected);
    }

    #[test]
    fn nonsense_is_refused_with_the_value() {
        for bad in ["2026-13-01", "31/02/2026", "tomorrow", "", "2026-1-"] {
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
