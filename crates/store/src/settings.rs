//! Reading and writing the installation's [`Settings`] as key/value rows.

use rusqlite::{params, Connection, OptionalExtension};

use super::columns::{date_text, read_date};
use super::{Store, StoreError};
use redress::calendar::Nation;
use redress::policy::Policy;
use redress::settings::Settings;

/// Reads the settings rows, with defaults for what was never set.
pub(super) fn read_settings(conn: &Connection) -> Result<Settings, StoreError> {
    let get = |key: &str| -> Result<Option<String>, StoreError> {
        Ok(conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    };
    let mut settings = Settings::default();
    if let Some(v) = get("council_name")? {
        settings.council_name = v;
    }
    if let Some(v) = get("council_address")? {
        settings.council_address = v;
    }
    if let Some(v) = get("council_phone")? {
        settings.council_phone = v;
    }
    if let Some(v) = get("council_email")? {
        settings.council_email = v;
    }
    if let Some(v) = get("council_website")? {
        settings.council_website = v;
    }
    if let Some(v) = get("country")?.filter(|v| !v.is_empty()) {
        settings.country = Some(
            v.parse()
                .map_err(|_| StoreError::Corrupt(format!("country '{v}'")))?,
        );
    }
    if let Some(v) = get("nation")? {
        settings.nation = v
            .parse::<Nation>()
            .map_err(|_| StoreError::Corrupt(format!("nation '{v}'")))?;
    }
    if let Some(v) = get("closures")? {
        settings.closures = v
            .split_whitespace()
            .map(read_date)
            .collect::<Result<Vec<_>, _>>()?;
    }
    if let Some(v) = get("policy")? {
        settings.policy = Policy::from_toml(&v)?;
    }
    if let Some(v) = get("reference_prefix")? {
        settings.reference_prefix = v;
    }
    if let Some(v) = get("user")? {
        settings.user = v;
    }
    if let Some(v) = get("reminder_lead_days")? {
        settings.reminders.lead_days = v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("reminder lead days '{v}'")))?;
    }
    for (key, slot) in [
        ("working_hours_start", &mut settings.reminders.start),
        ("working_hours_end", &mut settings.reminders.end),
    ] {
        if let Some(v) = get(key)? {
            *slot = chrono::NaiveTime::parse_from_str(&v, "%H:%M")
                .map_err(|_| StoreError::Corrupt(format!("{key} '{v}'")))?;
        }
    }
    if let Some(v) = get("remind_of_all_cases")? {
        settings.remind_of_all_cases = v == "yes";
    }
    if let Some(v) = get("bilingual_letters")? {
        settings.bilingual_letters = v == "yes";
    }
    if let Some(v) = get("repeat_window_months")? {
        settings.repeat_window_months = v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("repeat window '{v}'")))?;
    }
    for (key, slot) in [
        ("outcome_word_upheld", &mut settings.outcome_words.upheld),
        (
            "outcome_word_partly_upheld",
            &mut settings.outcome_words.partly_upheld,
        ),
        (
            "outcome_word_not_upheld",
            &mut settings.outcome_words.not_upheld,
        ),
    ] {
        if let Some(v) = get(key)? {
            *slot = v;
        }
    }
    if let Some(v) = get("training")? {
        settings.training = v == "yes";
    }
    if let Some(v) = get("document_limit_mb")? {
        settings.document_limit_mb = v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("document limit '{v}'")))?;
    }
    if let Some(v) = get("retention_years")? {
        settings.retention_years = v
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("retention years '{v}'")))?;
    }
    Ok(settings)
}

impl Store {
    /// The installation's settings, with defaults for what was never set.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        read_settings(&self.conn)
    }

    /// Saves the settings. Stages already open keep the timescales and
    /// deadlines they have; the new ones apply to stages opened from now on.
    pub fn save_settings(
        &mut self,
        settings: &Settings,
        actor: &super::Actor,
    ) -> Result<(), StoreError> {
        Settings::check_prefix(&settings.reference_prefix)?;
        settings.reminders.check()?;
        Settings::check_retention(settings.retention_years)?;
        Settings::check_repeat_window(settings.repeat_window_months)?;
        Settings::check_document_limit(settings.document_limit_mb)?;
        for (field, text) in [
            ("council_name", &settings.council_name),
            ("council_phone", &settings.council_phone),
            ("council_email", &settings.council_email),
            ("council_website", &settings.council_website),
            ("user", &settings.user),
            ("outcome_words", &settings.outcome_words.upheld),
            ("outcome_words", &settings.outcome_words.partly_upheld),
            ("outcome_words", &settings.outcome_words.not_upheld),
        ] {
            super::check_line(field, text)?;
        }
        if let Some(c) = redress::text::forbidden(&settings.council_address, true) {
            return Err(StoreError::BadText {
                field: "council_address",
                message: redress::text::forbidden_message(c),
            });
        }
        let mut closures: Vec<_> = settings.closures.clone();
        closures.sort();
        closures.dedup();
        let rows = [
            ("council_name", settings.council_name.trim().to_owned()),
            (
                "council_address",
                settings.council_address.trim().to_owned(),
            ),
            ("council_phone", settings.council_phone.trim().to_owned()),
            ("council_email", settings.council_email.trim().to_owned()),
            (
                "council_website",
                settings.council_website.trim().to_owned(),
            ),
            ("nation", settings.nation.slug().to_owned()),
            (
                "country",
                settings
                    .country
                    .map_or(String::new(), |c| c.slug().to_owned()),
            ),
            (
                "closures",
                closures
                    .into_iter()
                    .map(date_text)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            ("policy", settings.policy.to_toml()),
            ("reference_prefix", settings.reference_prefix.clone()),
            ("user", settings.user.trim().to_owned()),
            (
                "reminder_lead_days",
                settings.reminders.lead_days.to_string(),
            ),
            (
                "working_hours_start",
                settings.reminders.start.format("%H:%M").to_string(),
            ),
            (
                "working_hours_end",
                settings.reminders.end.format("%H:%M").to_string(),
            ),
            (
                "remind_of_all_cases",
                if settings.remind_of_all_cases {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
            ),
            (
                "bilingual_letters",
                if settings.bilingual_letters {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
            ),
            (
                "repeat_window_months",
                settings.repeat_window_months.to_string(),
            ),
            (
                "training",
                if settings.training { "yes" } else { "no" }.to_owned(),
            ),
            ("retention_years", settings.retention_years.to_string()),
            ("document_limit_mb", settings.document_limit_mb.to_string()),
            (
                "outcome_word_upheld",
                settings.outcome_words.upheld.trim().to_owned(),
            ),
            (
                "outcome_word_partly_upheld",
                settings.outcome_words.partly_upheld.trim().to_owned(),
            ),
            (
                "outcome_word_not_upheld",
                settings.outcome_words.not_upheld.trim().to_owned(),
            ),
        ];
        let policy = settings.policy.clone();
        self.transaction(actor, |tx| {
            let (stage, cases): (Option<i64>, i64) = tx.query_row(
                "SELECT MIN(current_stage), COUNT(*) FROM cases WHERE status = 'open' AND current_stage > ?1",
                [policy.stages().len() as i64],
                |r| r.try_into(),
            )?;
            if let Some(stage) = stage {
                return Err(StoreError::StageInUse {
                    stage: usize::try_from(stage).unwrap_or(0),
                    cases,
                });
            }
            for (key, value) in &rows {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
            }
            Ok(())
        })
    }
}
