//! The installation's settings one key at a time, as a command line sets
//! them: each key's name, what it takes (with an example), and reading a
//! typed value into [`Settings`]. The one list of keys: the CLI's help,
//! its `settings set` and its refusal of an unknown key all come from it.

use chrono::NaiveTime;

use super::{BadDocumentLimit, BadRepeatWindow, BadRetention, OutcomeWords, Settings};
use crate::calendar::UnknownNation;
use crate::case::{Outcome, UnknownTerm};
use crate::dates::BadDate;

/// One setting as a command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingKey {
    /// Its name, such as `council-name`.
    pub name: &'static str,
    /// What it takes, in words, with an example where one helps.
    pub takes: &'static str,
    /// A value it accepts, for trying it.
    pub example: &'static str,
}

/// The policy key: a file the front end reads (the core reads no files).
pub const POLICY_KEY: &str = "policy";

/// Every key, in the order `settings show` lists them.
pub const SETTING_KEYS: &[SettingKey] = &[
    key("council-name", "the council's name", "Exampleshire Council"),
    key("council-address", "its postal address", "Town Hall, High Street, EX1 1AA"),
    key("council-phone", "its phone number", "01234 567890"),
    key("council-email", "its complaints email", "complaints@example.gov.uk"),
    key("council-website", "its website", "https://example.gov.uk"),
    key("nation", "the nation the council is in, which sets its bank holidays, Ombudsman and procedure: england, wales, scotland or northern-ireland", "wales"),
    key("closures", "the days the council is closed besides bank holidays, comma-separated dates", "2026-12-29, 2026-12-30"),
    key(POLICY_KEY, "the complaints policy, a TOML or JSON file", "policy.toml"),
    key("reference-prefix", "the start of every case reference: 2 to 8 capital letters or digits", "EXC"),
    key("user", "the name recorded as the acting user", "A. Officer"),
    key("repeat-window-months", "how far back a repeat complaint is looked for: a whole number of months from 1 to 60, such as 6", "6"),
    key("bilingual-letters", "whether letters go out in Welsh and English: yes or no", "no"),
    key("reminder-lead-days", "how many working days before a deadline reminders start: a whole number of working days, such as 2", "2"),
    key("working-hours", "when reminders may be shown: HH:MM-HH:MM, such as 08:30-17:30", "08:30-17:30"),
    key("remind-of", "whose cases reminders are for: mine (the user's cases) or all", "all"),
    key("retention-years", "how long closed cases keep personal data: a whole number of years from 1 to 100", "6"),
    key("document-limit-mb", "the largest file a case file takes: a whole number of megabytes from 1 to 2048", "25"),
    key("outcome-words", "the council's own words for outcomes: OUTCOME=WORD;..., such as upheld=Justified;not-upheld=Not justified", "upheld=Justified;not-upheld=Not justified"),
];

const fn key(name: &'static str, takes: &'static str, example: &'static str) -> SettingKey {
    SettingKey {
        name,
        takes,
        example,
    }
}

/// Why a setting could not be set. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum SettingError {
    /// No such key.
    #[error("unknown setting '{given}': use {}", crate::words::either(SETTING_KEYS.iter().map(|k| k.name)))]
    Unknown {
        /// The key given.
        given: String,
    },
    /// The value is not what the key takes.
    #[error("{} is {}", .0.name, .0.takes)]
    Bad(SettingKey),
    /// A key whose value is a file, which the front end reads.
    #[error("{} is {}, which is read where the command is given", .0.name, .0.takes)]
    File(SettingKey),
    /// The logo is a file set its own way.
    #[error("the logo is set with `redress settings logo FILE.png`")]
    Logo,
    /// Not a nation.
    #[error(transparent)]
    Nation(#[from] UnknownNation),
    /// A closure day that is not a date.
    #[error(transparent)]
    Date(#[from] BadDate),
    /// An outcome that is not one.
    #[error(transparent)]
    Outcome(#[from] UnknownTerm),
    /// A repeat window out of bounds.
    #[error(transparent)]
    RepeatWindow(#[from] BadRepeatWindow),
    /// A retention period out of bounds.
    #[error(transparent)]
    Retention(#[from] BadRetention),
    /// A document limit out of bounds.
    #[error(transparent)]
    DocumentLimit(#[from] BadDocumentLimit),
}

/// Finds a key by its name.
pub fn setting_key(name: &str) -> Result<SettingKey, SettingError> {
    if name == "logo" {
        return Err(SettingError::Logo);
    }
    SETTING_KEYS
        .iter()
        .copied()
        .find(|k| k.name == name)
        .ok_or_else(|| SettingError::Unknown {
            given: name.to_owned(),
        })
}

fn whole(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

impl Settings {
    /// Sets one key from the value as typed. The policy key names a file,
    /// which the front end reads and sets as [`Settings::policy`].
    pub fn set_key(&mut self, name: &str, value: &str) -> Result<(), SettingError> {
        let key = setting_key(name)?;
        let bad = || SettingError::Bad(key);
        match key.name {
            "council-name" => self.council_name = value.to_owned(),
            "council-address" => self.council_address = value.to_owned(),
            "council-phone" => self.council_phone = value.to_owned(),
            "council-email" => self.council_email = value.to_owned(),
            "council-website" => self.council_website = value.to_owned(),
            "nation" => self.set_nation(value)?,
            "closures" => {
                self.closures = value
                    .split(',')
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(crate::dates::parse_date)
                    .collect::<Result<_, _>>()?
            }
            POLICY_KEY => return Err(SettingError::File(key)),
            "reference-prefix" => self.reference_prefix = value.trim().to_owned(),
            "user" => self.user = value.to_owned(),
            "repeat-window-months" => {
                let months = whole(value).ok_or_else(bad)?;
                Settings::check_repeat_window(months)?;
                self.repeat_window_months = months;
            }
            "bilingual-letters" => {
                self.bilingual_letters = match value.trim().to_lowercase().as_str() {
                    "yes" | "true" | "on" => true,
                    "no" | "false" | "off" => false,
                    _ => return Err(bad()),
                }
            }
            "reminder-lead-days" => self.reminders.lead_days = whole(value).ok_or_else(bad)?,
            "working-hours" => {
                let (start, end) = value
                    .split_once('-')
                    .and_then(|(a, b)| {
                        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
                        time(a).zip(time(b))
                    })
                    .ok_or_else(bad)?;
                self.reminders.start = start;
                self.reminders.end = end;
            }
            "remind-of" => {
                self.remind_of_all_cases = match value.trim() {
                    "all" => true,
                    "mine" => false,
                    _ => return Err(bad()),
                }
            }
            "retention-years" => {
                self.retention_years = whole(value).ok_or_else(|| BadRetention(value.to_owned()))?
            }
            "document-limit-mb" => {
                self.document_limit_mb =
                    whole(value).ok_or_else(|| BadDocumentLimit(value.to_owned()))?
            }
            "outcome-words" => {
                let mut words = OutcomeWords::default();
                for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    let (outcome, word) = part.split_once('=').ok_or_else(bad)?;
                    let slot = match outcome.parse::<Outcome>()? {
                        Outcome::Upheld => &mut words.upheld,
                        Outcome::PartlyUpheld => &mut words.partly_upheld,
                        Outcome::NotUpheld => &mut words.not_upheld,
                    };
                    *slot = word.trim().to_owned();
                }
                self.outcome_words = words;
            }
            // Every key of SETTING_KEYS is matched above.
            _ => return Err(bad()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_takes_its_own_example() {
        for key in SETTING_KEYS {
            if key.name == POLICY_KEY {
                continue;
            }
            let mut settings = Settings::default();
            settings
                .set_key(key.name, key.example)
                .unwrap_or_else(|err| panic!("{}: {err}", key.name));
        }
    }

    #[test]
    fn a_bad_value_says_what_the_key_takes() {
        let mut settings = Settings::default();
        let err = settings.set_key("remind-of", "some").expect_err("refused");
        assert_eq!(
            err.to_string(),
            "remind-of is whose cases reminders are for: mine (the user's cases) or all"
        );
        let err = settings
            .set_key("repeat-window-months", "61")
            .expect_err("refused");
        assert!(err.to_string().contains("1 to 60"), "{err}");
        assert!(matches!(
            settings.set_key("colour", "red"),
            Err(SettingError::Unknown { .. })
        ));
    }
}
