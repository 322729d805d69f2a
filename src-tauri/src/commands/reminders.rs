//! Reminders in the window: what is due now (sent or not) for the panel and
//! the header's count, and a test notification from Settings.

use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::DateView;

/// One reminder as the panel lists it.
#[derive(Debug, Serialize)]
pub struct ReminderView {
    reference: String,
    due: String,
    due_on: DateView,
    when: &'static str,
    headline: String,
    officer: Option<String>,
    sent: bool,
}

/// The reminders panel.
#[derive(Debug, Serialize)]
pub struct RemindersToday {
    whose: &'static str,
    reminders: Vec<ReminderView>,
}

/// The reminders due now, sent or not.
#[tauri::command]
pub async fn reminders_today(state: State<'_, AppState>) -> Result<RemindersToday, IpcError> {
    let time = state.reminder_time;
    state
        .run(move |service| {
            let at = crate::reminders::now(service, time);
            let whose = if service.reminders_officer()?.is_some() {
                "mine"
            } else {
                "all"
            };
            let reminders = service
                .reminders_today(at)?
                .into_iter()
                .map(|(r, sent)| ReminderView {
                    headline: r.headline(),
                    reference: r.reference,
                    due: r.due.slug(),
                    due_on: r.due_on.into(),
                    when: r.when.slug(),
                    officer: r.officer,
                    sent,
                })
                .collect();
            Ok(RemindersToday { whose, reminders })
        })
        .await
}

/// Whether the test notification went out.
#[derive(Debug, Serialize)]
pub struct TestSent {
    sent: bool,
}

/// Shows a test notification.
#[tauri::command]
pub async fn send_test_notification(state: State<'_, AppState>) -> Result<TestSent, IpcError> {
    state
        .run(|service| {
            service
                .send_test_notification()
                .map_err(|err| IpcError::general("notify_failed", err.to_string()))?;
            Ok(TestSent { sent: true })
        })
        .await
}
