//! The reminder timer: a thread with its own connection to the database
//! that, once at start (what fell due while the app was closed comes as one
//! notification) and then every minute, sends the reminders due, whether the
//! window is open or closed to the tray. A failed send is logged and tried
//! again the next minute; it never stops the app. Clicking a notification
//! brings the window forward on the case it names, or on today's reminders.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{Local, NaiveDateTime, NaiveTime};
use redress_app::{Clock, OnOpen, Opened, Service};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

/// The event the window listens for to show what a click asked for.
pub const OPEN_EVENT: &str = "redress://open";

/// What the window is asked to show: a case, or the reminders when `None`.
#[derive(Debug, Clone, Serialize)]
struct Open {
    reference: Option<String>,
}

/// What a click does: the window comes forward and shows the case or list.
fn on_open<R: Runtime>(app: &AppHandle<R>) -> OnOpen {
    let app = app.clone();
    Box::new(move |opened: Opened| {
        crate::tray::show_main_window(&app);
        let reference = match opened {
            Opened::Case(reference) => Some(reference),
            Opened::Reminders => None,
        };
        if let Err(err) = app.emit(OPEN_EVENT, Open { reference }) {
            eprintln!("redress-desktop: reminders: cannot open the window: {err}");
        }
    })
}

/// How often the timer looks.
const EVERY: Duration = Duration::from_secs(60);

/// The moment now, on the service's calendar day (a training database's
/// `--today` keeps its day), at the real time of day unless one is fixed.
pub fn now(service: &Service, time: Option<NaiveTime>) -> NaiveDateTime {
    service
        .today()
        .and_time(time.unwrap_or_else(|| Local::now().time()))
}

/// One look: sends what is due for the installation's officer's cases (all
/// cases when the user is not an officer).
fn look<R: Runtime>(app: &AppHandle<R>, service: &mut Service, time: Option<NaiveTime>) {
    let officer = match service.reminders_officer() {
        Ok(officer) => officer,
        Err(err) => {
            eprintln!("redress-desktop: reminders: {err}");
            return;
        }
    };
    let at = now(service, time);
    if let Err(err) = service.send_reminders(at, officer.as_deref(), Some(on_open(app))) {
        eprintln!("redress-desktop: reminders: {err}");
    }
}

/// Starts the timer on its own connection to the database at `db`.
/// `time` fixes the time of day (training and tests).
pub fn start<R: Runtime>(
    app: &AppHandle<R>,
    db: Option<PathBuf>,
    clock: Clock,
    time: Option<NaiveTime>,
) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("reminders".to_owned())
        .spawn(move || {
            let mut service = match Service::reopen(db.as_deref(), clock) {
                Ok(service) => service,
                Err(err) => {
                    eprintln!("redress-desktop: reminders cannot open the database: {err}");
                    return;
                }
            };
            loop {
                look(&app, &mut service, time);
                std::thread::sleep(EVERY);
                // The window may have changed the settings (the user, the
                // calendar, the working hours).
                if let Err(err) = service.refresh_settings() {
                    eprintln!("redress-desktop: reminders: {err}");
                }
            }
        });
    if let Err(err) = spawned {
        eprintln!("redress-desktop: reminders cannot start: {err}");
    }
}
