//! An installation's settings: the council, its calendar and procedure, the
//! case reference prefix and who is using this copy of Redress.

use chrono::NaiveDate;

use crate::calendar::{Calendar, Nation, UnknownNation};
use crate::policy::Policy;

mod keys;

pub use keys::{setting_key, SettingError, SettingKey, POLICY_KEY, SETTING_KEYS};

/// How one installation is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The council's name, as letters and reports print it.
    pub council_name: String,
    /// The council's postal address.
    pub council_address: String,
    /// The council's phone number, for letters.
    pub council_phone: String,
    /// The council's email address, for letters.
    pub council_email: String,
    /// The council's website, for letters.
    pub council_website: String,
    /// Whose bank holidays apply.
    pub nation: Nation,
    /// The nation the council is in, where it has said: which procedure,
    /// Ombudsman and figures apply. England and Wales share bank holidays,
    /// so a council there says which it is; see [`Settings::country`].
    pub country: Option<crate::case::Country>,
    /// Days the council is closed besides bank holidays.
    pub closures: Vec<NaiveDate>,
    /// The complaints procedure.
    pub policy: Policy,
    /// The prefix of case references made here, unique to this installation.
    pub reference_prefix: String,
    /// Who is using this installation, as the audit trail records them.
    pub user: String,
    /// How far back intake looks for a person's earlier cases, in months
    /// (policy §11: a complaint already dealt with in the last 6 months).
    pub repeat_window_months: u32,
    /// Whether every letter is written in Welsh and English (Welsh first),
    /// as councils in Wales may choose.
    pub bilingual_letters: bool,
    /// When reminders come: lead time and working hours.
    pub reminders: crate::reminders::ReminderPolicy,
    /// Whether this installation reminds of every case, or only of those
    /// allocated to its user (when the user is an officer).
    pub remind_of_all_cases: bool,
    /// A training database: one where "today" may be set to any date. A
    /// live database always takes today from the computer's clock.
    pub training: bool,
    /// How many years after closure a case's personal data is kept.
    pub retention_years: u32,
    /// The council's own words for the outcomes, if any.
    pub outcome_words: OutcomeWords,
    /// The largest file a case file takes, in megabytes.
    pub document_limit_mb: u32,
}

/// The council's own words for the outcomes, where it has them (Leicester
/// reports complaints as "justified" and "not justified"): its reports and
/// letters say them, while the data keeps Redress's one meaning. Empty:
/// Redress's words.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutcomeWords {
    /// For upheld.
    #[serde(default)]
    pub upheld: String,
    /// For partly upheld.
    #[serde(default)]
    pub partly_upheld: String,
    /// For not upheld.
    #[serde(default)]
    pub not_upheld: String,
}

impl OutcomeWords {
    /// The council's word for an outcome, if it has one.
    pub fn word(&self, outcome: crate::case::Outcome) -> Option<&str> {
        use crate::case::Outcome;
        let word = match outcome {
            Outcome::Upheld => &self.upheld,
            Outcome::PartlyUpheld => &self.partly_upheld,
            Outcome::NotUpheld => &self.not_upheld,
        };
        Some(word.trim()).filter(|w| !w.is_empty())
    }

    /// Whether the council uses Redress's words throughout.
    pub fn is_empty(&self) -> bool {
        [&self.upheld, &self.partly_upheld, &self.not_upheld]
            .iter()
            .all(|w| w.trim().is_empty())
    }
}

/// The retention period the Local Government Association's guidance
/// suggests for complaint records: six years after closure.
pub const DEFAULT_RETENTION_YEARS: u32 = 6;

/// A retention period that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keep closed cases for a whole number of years from 1 to 100 (not {0})")]
pub struct BadRetention(pub String);

/// A repeat window that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("look for repeat complaints over a whole number of months from 1 to 60 (not {0})")]
pub struct BadRepeatWindow(pub String);

/// The months a repeat complaint may be looked for over.
pub const REPEAT_WINDOW_MONTHS: std::ops::RangeInclusive<u32> = 1..=60;

/// A file size limit that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the largest file is a whole number of megabytes from 1 to 2048 (not {0})")]
pub struct BadDocumentLimit(pub String);

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            council_name: String::new(),
            council_address: String::new(),
            council_phone: String::new(),
            council_email: String::new(),
            council_website: String::new(),
            nation: Nation::EnglandAndWales,
            country: None,
            closures: Vec::new(),
            policy: Policy::complaint_handling_code(),
            reference_prefix: "CMP".to_owned(),
            user: String::new(),
            repeat_window_months: 6,
            bilingual_letters: false,
            reminders: crate::reminders::ReminderPolicy::default(),
            remind_of_all_cases: false,
            training: false,
            retention_years: DEFAULT_RETENTION_YEARS,
            outcome_words: OutcomeWords::default(),
            document_limit_mb: crate::case_file::DEFAULT_LIMIT_MB,
        }
    }
}

/// A reference prefix that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' cannot be a reference prefix: use 2 to 8 capital letters or digits, such as CMP or NK2"
)]
pub struct BadPrefix(pub String);

impl Settings {
    /// The working-day calendar these settings describe.
    pub fn calendar(&self) -> Calendar {
        Calendar::with_closures(self.nation, self.closures.iter().copied())
    }

    /// Who the audit trail records: the first name given of the one asked
    /// for now (`--as`), this installation's user, and the computer's login.
    pub fn acting_user(&self, asked: Option<&str>, login: Option<&str>) -> Option<String> {
        [asked, Some(self.user.as_str()), login]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|name| !name.is_empty())
            .map(str::to_owned)
    }

    /// The first day of the repeat-complaint window ending `today`.
    pub fn repeat_window_start(&self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_months(chrono::Months::new(self.repeat_window_months))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The council as its letters show it.
    pub fn letterhead(&self) -> crate::letters::Letterhead {
        crate::letters::Letterhead {
            name: self.council_name.clone(),
            address: self.council_address.clone(),
            phone: self.council_phone.clone(),
            email: self.council_email.clone(),
            website: self.council_website.clone(),
            outcome_words: self.outcome_words.clone(),
        }
    }

    /// Checks a file size limit: 1 MB to the most a council may set.
    pub fn check_document_limit(mb: u32) -> Result<(), BadDocumentLimit> {
        if (1..=crate::case_file::MAX_LIMIT_MB).contains(&mb) {
            Ok(())
        } else {
            Err(BadDocumentLimit(mb.to_string()))
        }
    }

    /// The nation the council is in: as it said, else what its bank
    /// holidays tell for certain (Scotland, Northern Ireland); `None` for
    /// a council in England or Wales that has not said which, which is
    /// asked, never guessed.
    pub fn country(&self) -> Option<crate::case::Country> {
        self.country
            .filter(|c| c.calendar() == self.nation)
            .or_else(|| crate::case::Country::of_calendar(self.nation))
    }

    /// Reads a nation as typed: one of the four (England, Wales, Scotland,
    /// Northern Ireland), which sets the bank holidays too, or a calendar's
    /// name (`england-and-wales`), which sets the bank holidays alone.
    pub fn read_nation(
        text: &str,
    ) -> Result<(Nation, Option<crate::case::Country>), UnknownNation> {
        match text.parse::<crate::case::Country>() {
            Ok(country) => Ok((country.calendar(), Some(country))),
            Err(_) => Ok((text.parse::<Nation>()?, None)),
        }
    }

    /// Sets the nation as [`Settings::read_nation`] reads it; a calendar's
    /// name keeps the council's nation only while it agrees.
    pub fn set_nation(&mut self, text: &str) -> Result<(), UnknownNation> {
        let (nation, country) = Settings::read_nation(text)?;
        self.nation = nation;
        self.country = country.or(self.country.filter(|c| c.calendar() == nation));
        Ok(())
    }

    /// Checks a repeat window: 1 to 60 months.
    pub fn check_repeat_window(months: u32) -> Result<(), BadRepeatWindow> {
        if REPEAT_WINDOW_MONTHS.contains(&months) {
            Ok(())
        } else {
            Err(BadRepeatWindow(months.to_string()))
        }
    }

    /// Checks a retention period: 1 to 100 years.
    pub fn check_retention(years: u32) -> Result<(), BadRetention> {
        if (1..=100).contains(&years) {
            Ok(())
        } else {
            Err(BadRetention(years.to_string()))
        }
    }

    /// The last day a case closed on `closed_on` keeps its personal data.
    pub fn retained_until(&self, closed_on: NaiveDate) -> NaiveDate {
        closed_on
            .checked_add_months(chrono::Months::new(self.retention_years * 12))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Checks a reference prefix: 2 to 8 capital letters or digits.
    pub fn check_prefix(prefix: &str) -> Result<(), BadPrefix> {
        let ok = (2..=8).contains(&prefix.len())
            && prefix
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(())
        } else {
            Err(BadPrefix(prefix.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;

    #[test]
    fn the_acting_user_is_the_first_name_given() {
        let mut settings = Settings::default();
        assert_eq!(
            settings.acting_user(None, Some("jo")),
            Some("jo".to_owned())
        );
        settings.user = "Jo Bloggs".to_owned();
        assert_eq!(
            settings.acting_user(Some("  "), Some("jo")),
            Some("Jo Bloggs".to_owned())
        );
        assert_eq!(
            settings.acting_user(Some("Sam"), Some("jo")),
            Some("Sam".to_owned())
        );
        assert_eq!(Settings::default().acting_user(None, None), None);
    }
}
