//! The periods a report covers: any dates from and to, and the council's
//! financial years (1 April to 31 March) and quarters (Q1 April to June,
//! Q2 July to September, Q3 October to December, Q4 January to March).

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// A report's period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

/// A period that cannot be reported on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadPeriod {
    /// The end before the start.
    #[error("the period ends ({to}) before it starts ({from}): give the earlier date as --from")]
    Backwards {
        /// The start, as written.
        from: String,
        /// The end, as written.
        to: String,
    },
    /// A year out of range.
    #[error("{0} is not a financial year Redress can report on: give the year it starts, such as 2026 for 2026/27")]
    Year(i32),
}

impl Period {
    /// The period from `from` to `to`, both included.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, BadPeriod> {
        if to < from {
            return Err(BadPeriod::Backwards {
                from: crate::dates::short(from),
                to: crate::dates::short(to),
            });
        }
        Ok(Period { from, to })
    }

    /// The financial year starting in April of `year` (2026 is 2026/27).
    pub fn financial_year(year: i32) -> Result<Period, BadPeriod> {
        let from = NaiveDate::from_ymd_opt(year, 4, 1).filter(|_| (1990..=2200).contains(&year));
        let to = NaiveDate::from_ymd_opt(year + 1, 3, 31);
        match (from, to) {
            (Some(from), Some(to)) => Ok(Period { from, to }),
            _ => Err(BadPeriod::Year(year)),
        }
    }

    /// The four quarters of the financial year starting in April of `year`.
    pub fn quarters(year: i32) -> Result<[Period; 4], BadPeriod> {
        let year_period = Period::financial_year(year)?;
        let quarter = |n: u32| {
            let from = year_period.from + Months::new(3 * n);
            let to = (from + Months::new(3)).pred_opt().unwrap_or(from);
            Period { from, to }
        };
        Ok([quarter(0), quarter(1), quarter(2), quarter(3)])
    }

    /// The financial year a date falls in, as the year it starts.
    pub fn financial_year_of(date: NaiveDate) -> i32 {
        if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        }
    }

    /// Whether `date` is in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether an optional date is in the period.
    pub fn holds(&self, date: Option<NaiveDate>) -> bool {
        date.is_some_and(|d| self.contains(d))
    }

    /// The period just before, of the same length: the previous quarter for
    /// a quarter, the previous month for a month, the previous year for a
    /// financial year; otherwise the same number of days.
    pub fn previous(&self) -> Period {
        if let Some(months) = self.whole_months() {
            let from = self.from - Months::new(months);
            return Period {
                from,
                to: self.from.pred_opt().unwrap_or(from),
            };
        }
        let days = (self.to - self.from).num_days() + 1;
        let to = self.from.pred_opt().unwrap_or(self.from);
        Period {
            from: to - chrono::Duration::days(days - 1),
            to,
        }
    }

    /// The same period a year earlier.
    pub fn year_before(&self) -> Period {
        let back = |d: NaiveDate| d - Months::new(12);
        Period {
            from: back(self.from),
            to: back(self.to),
        }
    }

    /// The number of whole calendar months the period spans, when it runs
    /// from the first of a month to the last day of one.
    fn whole_months(&self) -> Option<u32> {
        let next = self.to.succ_opt()?;
        if self.from.day() != 1 || next.day() != 1 {
            return None;
        }
        let months =
            (next.year() - self.from.year()) * 12 + next.month() as i32 - self.from.month() as i32;
        u32::try_from(months).ok().filter(|m| *m > 0)
    }

    /// The period as people say it: "Q1 2026/27", "2026/27", "April 2026",
    /// or "1 Apr 2026 to 30 Apr 2026".
    pub fn label(&self) -> String {
        let year = Period::financial_year_of(self.from);
        let fy = format!("{year}/{:02}", (year + 1) % 100);
        if Period::financial_year(year).is_ok_and(|p| p == *self) {
            return fy;
        }
        if let Ok(quarters) = Period::quarters(year) {
            if let Some(n) = quarters.iter().position(|q| q == self) {
                return format!("Q{} {fy}", n + 1);
            }
        }
        if self.whole_months() == Some(1) {
            return self.from.format("%B %Y").to_string();
        }
        format!(
            "{} to {}",
            crate::dates::short(self.from),
            crate::dates::short(self.to)
        )
    }

    /// The financial quarters that overlap the period, in order.
    pub fn quarters_within(&self) -> Vec<Period> {
        let mut out = Vec::new();
        for year in Period::financial_year_of(self.from)..=Period::financial_year_of(self.to) {
            if let Ok(quarters) = Period::quarters(year) {
                out.extend(
                    quarters
                        .into_iter()
                        .filter(|q| q.from <= self.to && q.to >= self.from),
                );
            }
        }
        out
    }

    /// The calendar months that overlap the period, as `YYYY-MM`.
    pub fn months(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut month = self.from.with_day(1).unwrap_or(self.from);
        while month <= self.to {
            out.push(month.format("%Y-%m").to_string());
            month = month + Months::new(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).expect("date")
    }

    #[test]
    fn financial_quarters_run_april_to_march() {
        let q = Period::quarters(2026).expect("quarters");
        assert_eq!((q[0].from, q[0].to), (d("2026-04-01"), d("2026-06-30")));
        assert_eq!((q[1].from, q[1].to), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!((q[2].from, q[2].to), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!((q[3].from, q[3].to), (d("2027-01-01"), d("2027-03-31")));
        assert_eq!(q[2].label(), "Q3 2026/27");
        assert_eq!(
            Period::financial_year(2026).expect("year").label(),
            "2026/27"
        );
        assert_eq!(Period::financial_year_of(d("2027-03-31")), 2026);
        assert_eq!(Period::financial_year_of(d("2027-04-01")), 2027);
    }

    #[test]
    fn the_previous_period_is_the_one_before_of_the_same_kind() {
        let q1 = Period::quarters(2026).expect("quarters")[0];
        let previous = q1.previous();
        assert_eq!(
            (previous.from, previous.to),
            (d("2026-01-01"), d("2026-03-31"))
        );
        assert_eq!(previous.label(), "Q4 2025/26");
        let year = q1.year_before();
        assert_eq!((year.from, year.to), (d("2025-04-01"), d("2025-06-30")));
        let ten_days = Period::new(d("2026-11-11"), d("2026-11-20")).expect("period");
        let before = ten_days.previous();
        assert_eq!((before.from, before.to), (d("2026-11-01"), d("2026-11-10")));
        let feb = Period::new(d("2026-03-01"), d("2026-03-31")).expect("march");
        assert_eq!(feb.previous().to, d("2026-02-28"));
        assert!(Period::new(d("2026-11-20"), d("2026-11-11")).is_err());
    }
}
