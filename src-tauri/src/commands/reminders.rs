//! Reminders in the window: what is due now (sent or not) for the panel and
//! the header's count; and from Settings, a test notification and whether
//! Redress starts at login (so reminders come without opening it).

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

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

/// Whether Redress starts, in the tray, when the user logs in.
#[derive(Debug, Serialize)]
pub struct AutostartView {
    enabled: bool,
}

fn autostart_error(err: tauri_plugin_autostart::Error) -> IpcError {
    IpcError::general(
        "autostart_failed",
        format!("the login setting could not be read or changed: {err}"),
    )
}

/// Whether Redress starts at login.
#[tauri::command]
pub async fn get_autostart<R: Runtime>(app: AppHandle<R>) -> Result<AutostartView, IpcError> {
    let enabled = app.autolaunch().is_enabled().map_err(autostart_error)?;
    Ok(AutostartView { enabled })
}

/// Turns starting at login on or off (the desktop's own autostart entry).
#[tauri::command]
pub async fn set_autostart<R: Runtime>(
    app: AppHandle<R>,
    enabled: bool,
) -> Result<AutostartView, IpcError> {
    let launch = app.autolaunch();
    if enabled {
        launch.enable()
    } else {
        launch.disable()
    }
    .map_err(autostart_error)?;
    let enabled = launch.is_enabled().map_err(autostart_error)?;
    Ok(AutostartView { enabled })
}
