//! The service's side of reminders: what is due at a moment for whose cases,
//! and sending it as one desktop notification (notify-rust, over D-Bus),
//! recorded only once it went out, so that nothing is sent twice and a
//! failed send is tried again next time. Both the CLI's `reminders send`
//! and the desktop's minute timer call this.

use chrono::NaiveDateTime;
use redress::reminders::Reminder;
use redress::store::StoreError;

use crate::Service;

/// Why reminders could not be sent. Nothing was recorded as sent.
#[derive(Debug, thiserror::Error)]
pub enum ReminderError {
    /// The desktop's notification service did not take it.
    #[error("the reminders could not be shown: the desktop's notification service is not there ({0}); nothing was recorded as sent, so they will go out next time")]
    Notify(String),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The notification for reminders: one, or one for several.
pub fn notification(reminders: &[Reminder]) -> (String, String) {
    match reminders {
        [one] => (one.headline(), "Open Redress to deal with it.".to_owned()),
        many => (
            format!("{} complaints need attention", many.len()),
            many.iter()
                .map(Reminder::headline)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

impl Service {
    /// The reminders due at `at` for `officer`'s cases (everyone's when
    /// `None`), not yet sent.
    pub fn reminders_due(
        &self,
        at: NaiveDateTime,
        officer: Option<&str>,
    ) -> Result<Vec<Reminder>, StoreError> {
        self.store
            .reminders_due(at, officer, &self.settings.reminders)
    }

    /// The reminders due at `at` for whose cases the settings say, sent or
    /// not, with whether each was sent.
    pub fn reminders_today(&self, at: NaiveDateTime) -> Result<Vec<(Reminder, bool)>, StoreError> {
        let officer = self.reminders_officer()?;
        self.store
            .reminders_today(at, officer.as_deref(), &self.settings.reminders)
    }

    /// Shows a test notification, to check the desktop will show reminders.
    pub fn send_test_notification(&self) -> Result<(), ReminderError> {
        notify_rust::Notification::new()
            .appname("Redress")
            .summary("Redress reminders work")
            .body("Reminders of deadlines will appear like this, in working hours.")
            .show()
            .map(|_| ())
            .map_err(|err| ReminderError::Notify(err.to_string()))
    }

    /// Whose reminders this installation sends: its officer's cases, unless
    /// the settings say all cases or the user is not an officer.
    pub fn reminders_officer(&self) -> Result<Option<String>, StoreError> {
        if self.settings.remind_of_all_cases {
            return Ok(None);
        }
        Ok(self.me()?.map(|o| o.name))
    }

    /// Sends what is due at `at` as one notification and records it; the
    /// reminders sent (none when nothing was due).
    pub fn send_reminders(
        &mut self,
        at: NaiveDateTime,
        officer: Option<&str>,
    ) -> Result<Vec<Reminder>, ReminderError> {
        let due = self.reminders_due(at, officer)?;
        if due.is_empty() {
            return Ok(due);
        }
        let (summary, body) = notification(&due);
        notify_rust::Notification::new()
            .appname("Redress")
            .summary(&summary)
            .body(&body)
            .show()
            .map_err(|err| ReminderError::Notify(err.to_string()))?;
        let actor = self.actor();
        self.store.record_reminders_sent(&due, &actor)?;
        Ok(due)
    }
}
