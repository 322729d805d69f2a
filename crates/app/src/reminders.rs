//! The service's side of reminders: what is due at a moment for whose cases,
//! and sending it as one desktop notification (notify-rust, over D-Bus),
//! recorded only once it went out, so that nothing is sent twice and a
//! failed send is tried again next time. Both the CLI's `reminders send`
//! and the desktop's minute timer call this.

use chrono::NaiveDateTime;
use redress::reminders::Reminder;
use redress_store::StoreError;

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

/// What a click on a reminder notification asks to see: the case when the
/// notification names one, otherwise the list of today's reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The case with this reference.
    Case(String),
    /// Today's reminders.
    Reminders,
}

/// Called, on another thread, when the user clicks a reminder notification.
pub type OnOpen = Box<dyn FnOnce(Opened) + Send + 'static>;

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
            .reminders_due(at, officer, &self.settings.reminders, &self.calendar)
    }

    /// The reminders due at `at` for whose cases the settings say, sent or
    /// not, with whether each was sent.
    pub fn reminders_today(&self, at: NaiveDateTime) -> Result<Vec<(Reminder, bool)>, StoreError> {
        let officer = self.reminders_officer()?;
        self.store.reminders_today(
            at,
            officer.as_deref(),
            &self.settings.reminders,
            &self.calendar,
        )
    }

    /// Shows a test notification, to check the desktop will show reminders.
    pub fn send_test_notification(&self) -> Result<(), ReminderError> {
        let mut note = notify_rust::Notification::new();
        from_redress(&mut note)
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
    /// reminders sent (none when nothing was due). With `on_open`, the
    /// notification offers to open Redress, and a click (where the desktop
    /// supports actions) calls it with the case or the list.
    pub fn send_reminders(
        &mut self,
        at: NaiveDateTime,
        officer: Option<&str>,
        on_open: Option<OnOpen>,
    ) -> Result<Vec<Reminder>, ReminderError> {
        let due = self.reminders_due(at, officer)?;
        if due.is_empty() {
            return Ok(due);
        }
        let (summary, body) = notification(&due);
        let mut note = notify_rust::Notification::new();
        from_redress(&mut note).summary(&summary).body(&body);
        if on_open.is_some() {
            note.action("default", "Open Redress");
        }
        let shown = note
            .show()
            .map_err(|err| ReminderError::Notify(err.to_string()))?;
        let actor = self.actor();
        self.store.record_reminders_sent(&due, &actor)?;
        if let Some(open) = on_open {
            let target = match due.as_slice() {
                [one] => Opened::Case(one.reference.clone()),
                _ => Opened::Reminders,
            };
            wait_for_click(shown, target, open);
        }
        Ok(due)
    }
}

/// A notification from Redress: its name, and on Windows its
/// AppUserModelID, the one its Start-menu shortcut carries (Windows shows a
/// desktop app's toasts only under such an id).
fn from_redress(note: &mut notify_rust::Notification) -> &mut notify_rust::Notification {
    note.appname("Redress");
    #[cfg(windows)]
    note.app_id(crate::APP_ID);
    note
}

/// Waits, on a thread of its own, for the notification to be clicked or
/// closed. Freedesktop notifications report clicks as the `default` action.
#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_click(shown: notify_rust::NotificationHandle, target: Opened, open: OnOpen) {
    let spawned = std::thread::Builder::new()
        .name("reminder-click".to_owned())
        .spawn(move || {
            shown.wait_for_action(move |action| {
                if action == "default" {
                    open(target);
                }
            });
        });
    if let Err(err) = spawned {
        eprintln!("redress: cannot wait for the reminder to be clicked: {err}");
    }
}

/// Elsewhere a click brings the app forward without naming the case.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_click<T>(_shown: T, _target: Opened, _open: OnOpen) {}
