//! Reminders, as a pure schedule: given a case's deadlines, the council's
//! calendar, its working hours and lead time, and a moment, what reminder is
//! due. Each deadline has a reminder a lead time before (2 working days by
//! default), one on the day, and one each working day while it is overdue;
//! each becomes due at the start of working hours. Outside working hours
//! nothing is due. A deadline shows at most once at a moment, as the latest
//! of its reminders that has become due, unless that one was sent already
//! (its key is in `sent`): a sent reminder is never sent again, and an
//! extension, which moves the date, starts the deadline's reminders afresh.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::calendar::Calendar;
use crate::case::{Case, Due};

/// When reminders come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderPolicy {
    /// Working days before a deadline that its first reminder comes.
    pub lead_days: u32,
    /// The start of working hours.
    pub start: NaiveTime,
    /// The end of working hours.
    pub end: NaiveTime,
}

impl Default for ReminderPolicy {
    fn default() -> ReminderPolicy {
        ReminderPolicy {
            lead_days: 2,
            start: NaiveTime::from_hms_opt(8, 30, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(17, 30, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// Reminder settings that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadReminderPolicy {
    /// Working hours that end before they start.
    #[error("working hours must end after they start (they are {start} to {end})")]
    Hours {
        /// The start given.
        start: NaiveTime,
        /// The end given.
        end: NaiveTime,
    },
    /// A lead time too long to be meant.
    #[error("a reminder {0} working days ahead is too far: use 0 to 20")]
    Lead(u32),
}

impl ReminderPolicy {
    /// Checks the settings: hours in order, a lead time of 0 to 20 days.
    pub fn check(&self) -> Result<(), BadReminderPolicy> {
        if self.end <= self.start {
            return Err(BadReminderPolicy::Hours {
                start: self.start,
                end: self.end,
            });
        }
        if self.lead_days > 20 {
            return Err(BadReminderPolicy::Lead(self.lead_days));
        }
        Ok(())
    }
}

/// Which of a deadline's reminders it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    /// Before the deadline.
    Before,
    /// On the day.
    Due,
    /// After it passed.
    Overdue,
}

impl When {
    /// `before`, `due` or `overdue`.
    pub fn slug(self) -> &'static str {
        match self {
            When::Before => "before",
            When::Due => "due",
            When::Overdue => "overdue",
        }
    }
}

/// A reminder that is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The case's reference.
    pub reference: String,
    /// What is due.
    pub due: Due,
    /// When.
    pub due_on: NaiveDate,
    /// Which reminder.
    pub when: When,
    /// The accountable officer, if allocated.
    pub officer: Option<String>,
    /// The case's one-line summary.
    pub summary: String,
    /// The complainant's name as lists show it.
    pub complainant: String,
    /// What identifies this reminder once sent: the case, the deadline and
    /// its date, which reminder, and for an overdue one, the day.
    pub key: String,
}

impl Reminder {
    /// The reminder in a line, as a notification says it: "Stage 1 response
    /// due today: CMP-2026-00041, Bins missed, Ava Patel".
    pub fn headline(&self) -> String {
        let what = capital(&self.due.describe());
        let when = match self.when {
            When::Before => format!("due {}", crate::dates::long(self.due_on)),
            When::Due => "due today".to_owned(),
            When::Overdue => format!("overdue since {}", crate::dates::long(self.due_on)),
        };
        let mut parts = vec![self.reference.clone(), self.summary.clone()];
        if !self.complainant.is_empty() {
            parts.push(self.complainant.clone());
        }
        format!("{what} {when}: {}", parts.join(", "))
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether `at` is inside working hours on a working day.
pub fn in_working_hours(at: NaiveDateTime, calendar: &Calendar, policy: &ReminderPolicy) -> bool {
    calendar.is_working_day(at.date()) && at.time() >= policy.start && at.time() < policy.end
}

/// The working day `days` working days before `date`.
fn working_days_before(date: NaiveDate, days: u32, calendar: &Calendar) -> NaiveDate {
    let mut day = date;
    let mut left = days;
    while left > 0 {
        match day.pred_opt() {
            Some(previous) => day = previous,
            None => break,
        }
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// The reminder of one deadline that is due at `at`, if any, and whether it
/// was already sent is not considered here.
fn latest(
    due_on: NaiveDate,
    at: NaiveDateTime,
    calendar: &Calendar,
    policy: &ReminderPolicy,
) -> Option<(When, NaiveDate)> {
    let today = at.date();
    if today > due_on {
        Some((When::Overdue, today))
    } else if today == due_on {
        Some((When::Due, today))
    } else if today >= working_days_before(due_on, policy.lead_days, calendar) {
        Some((When::Before, today))
    } else {
        None
    }
}

/// The reminders due at `at` for `cases`, leaving out those whose key is in
/// `sent`; none outside working hours.
pub fn due_reminders(
    cases: &[Case],
    at: NaiveDateTime,
    calendar: &Calendar,
    policy: &ReminderPolicy,
    sent: &HashSet<String>,
) -> Vec<Reminder> {
    if !in_working_hours(at, calendar, policy) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for case in cases {
        for deadline in case.deadlines() {
            let Some((when, day)) = latest(deadline.on, at, calendar, policy) else {
                continue;
            };
            let mut key = format!(
                "{}:{}:{}:{}",
                case.reference,
                deadline.what.slug(),
                deadline.on,
                when.slug()
            );
            if when == When::Overdue {
                key.push_str(&format!(":{day}"));
            }
            if sent.contains(&key) {
                continue;
            }
            out.push(Reminder {
                reference: case.reference.clone(),
                due: deadline.what,
                due_on: deadline.on,
                when,
                officer: case.officer.as_ref().map(|o| o.name.clone()),
                summary: case.summary.clone(),
                complainant: case.complainant.shown_name().to_owned(),
                key,
            });
        }
    }
    out.sort_by(|a, b| (a.due_on, &a.reference).cmp(&(b.due_on, &b.reference)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Nation;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").expect("moment")
    }

    fn day(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).expect("date")
    }

    fn cal() -> Calendar {
        Calendar::new(Nation::EnglandAndWales)
    }

    #[test]
    fn working_hours_have_edges_and_weekends_and_bank_holidays_have_none() {
        let p = ReminderPolicy::default();
        let c = cal();
        assert!(!in_working_hours(at("2026-11-24", "08:29"), &c, &p));
        assert!(in_working_hours(at("2026-11-24", "08:30"), &c, &p));
        assert!(in_working_hours(at("2026-11-24", "17:29"), &c, &p));
        assert!(!in_working_hours(at("2026-11-24", "17:30"), &c, &p));
        assert!(
            !in_working_hours(at("2026-11-28", "10:00"), &c, &p),
            "a Saturday"
        );
        assert!(
            !in_working_hours(at("2026-12-25", "10:00"), &c, &p),
            "Christmas Day"
        );
        let scotland = Calendar::new(Nation::Scotland);
        assert!(
            in_working_hours(at("2026-08-31", "10:00"), &scotland, &p),
            "not a bank holiday in Scotland"
        );
        assert!(
            !in_working_hours(at("2026-08-31", "10:00"), &c, &p),
            "the summer bank holiday in England"
        );
    }

    #[test]
    fn the_lead_time_counts_working_days_back_over_a_weekend() {
        let c = cal();
        // Due Tuesday 1 Dec: two working days before is Friday 27 Nov.
        assert_eq!(
            working_days_before(day("2026-12-01"), 2, &c),
            day("2026-11-27")
        );
        let p = ReminderPolicy::default();
        assert_eq!(
            latest(day("2026-12-01"), at("2026-11-26", "09:00"), &c, &p),
            None
        );
        assert_eq!(
            latest(day("2026-12-01"), at("2026-11-27", "09:00"), &c, &p),
            Some((When::Before, day("2026-11-27")))
        );
        assert_eq!(
            latest(day("2026-12-01"), at("2026-12-01", "09:00"), &c, &p).map(|l| l.0),
            Some(When::Due)
        );
        assert_eq!(
            latest(day("2026-12-01"), at("2026-12-03", "09:00"), &c, &p),
            Some((When::Overdue, day("2026-12-03")))
        );
    }
}
