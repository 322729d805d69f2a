//! The Redress desktop shell: a Tauri window over the Redress core.
//!
//! The shell owns the edges the core must not touch: the IPC JSON, the
//! window and tray, the clock and the database's location. Each command under
//! [`commands`] takes its arguments, calls the core and maps failures to the
//! one [`error::IpcError`] that crosses to the UI.

pub mod backups;
pub mod commands;
pub mod error;
pub mod logs;
pub mod reminders;
pub mod state;
pub mod sync;
pub mod tray;
pub mod views;

use std::path::PathBuf;

use clap::Parser;
use tauri::{Builder, Manager, Runtime};

/// Command-line options of the desktop app.
#[derive(Debug, Parser)]
#[command(name = "redress-desktop", about = "Complaint handling for UK councils")]
pub struct Options {
    /// The database file (default: redress.db in the per-user data directory).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Treat this date as today (for training and tests).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// The D-Bus session bus to send notifications on (for tests; default:
    /// the desktop's own).
    #[arg(long, value_name = "ADDRESS")]
    pub notification_bus: Option<String>,
    /// Treat this as the time of day for reminders (for training and tests).
    #[arg(long, value_name = "HH:MM")]
    pub reminder_time: Option<String>,
    /// Start in the tray without showing the window (as when started at
    /// login, for reminders).
    #[arg(long)]
    pub hidden: bool,
}

macro_rules! command_list {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// The name of every command the UI may call, as it invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Registers the commands on a builder.
        pub fn app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$(commands::$module::$name),*])
        }
    };
}

include!("command_list.rs");

fn fail(message: &str) -> ! {
    eprintln!("redress-desktop: {message}");
    tracing::error!("{message}");
    // A Windows program has no console to read: say it in a box.
    #[cfg(windows)]
    {
        let message = if message.to_lowercase().contains("webview2") {
            format!(
                "{message}\n\nRedress needs the Microsoft Edge WebView2 Runtime, which comes with Windows 11 and current Windows 10. Ask your IT team to install the WebView2 Evergreen Runtime, then open Redress again."
            )
        } else {
            message.to_owned()
        };
        rfd::MessageDialog::new()
            .set_title("Redress cannot start")
            .set_description(message)
            .set_level(rfd::MessageLevel::Error)
            .show();
    }
    std::process::exit(1);
}

/// Opens the database, making it on the first run; a database that cannot
/// be used safely (damaged, another program's, newer, unreadable) is not
/// written to, and the reason is kept for the window's recovery screen.
fn open_database(opening: &state::Opening) -> Result<redress_app::Service, state::Unusable> {
    let Some(path) = opening.db.clone().or_else(redress_app::default_db_path) else {
        fail("cannot find a data directory for the database: pass --db PATH");
    };
    if redress_app::backups::missing_but_known(&path) {
        // It was here (it has backups, or a damaged copy kept beside it):
        // an empty database made in its place would hide that.
        return Err(state::Unusable {
            problem: format!(
                "The database file {} is missing, but it has backups: restore the newest to carry on (nothing was made in its place)",
                path.display()
            ),
            path,
            restorable: true,
        });
    }
    let opened = if path.exists() {
        redress_app::Service::open(Some(&path), opening.clock, None)
    } else {
        redress_app::Service::create(Some(&path), opening.clock, None, false)
    };
    opened.map_err(|err| {
        use redress_app::StoreError;
        let restorable = matches!(
            &err,
            redress_app::OpenError::Store(
                StoreError::Damaged { .. } | StoreError::NotADatabase(_) | StoreError::Corrupt(_)
            )
        );
        match err {
            redress_app::OpenError::Store(StoreError::TodayOnLive) => {
                fail(&format!("--today: {err}"))
            }
            err => state::Unusable {
                path,
                problem: err.to_string(),
                restorable,
            },
        }
    })
}

/// Starts the reminder timer and the automatic backups, each on its own
/// connection to the database.
pub fn start_background<R: Runtime>(
    app: &tauri::AppHandle<R>,
    opening: &state::Opening,
    reminder_time: Option<chrono::NaiveTime>,
) {
    reminders::start(app, opening.db.clone(), opening.clock, reminder_time);
    backups::start(app, opening.db.clone(), opening.clock);
    sync::start(app);
}

/// Runs the desktop application until it is quit from the tray.
pub fn run() {
    let options = Options::parse();
    // Kept alive while the app runs: it writes the log as it goes.
    let _log = logs::start();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting");
    if let Some(bus) = &options.notification_bus {
        // Before any thread starts: notify-rust reads the bus from here.
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    let clock = match options.today.as_deref() {
        Some(text) => redress_app::Clock::Today(
            redress::dates::parse_date(text).unwrap_or_else(|err| fail(&format!("--today: {err}"))),
        ),
        None => redress_app::Clock::System,
    };
    let opening = state::Opening {
        db: options.db.clone(),
        clock,
    };
    let reminder_time = options.reminder_time.as_deref().map(|text| {
        chrono::NaiveTime::parse_from_str(text, "%H:%M").unwrap_or_else(|_| {
            fail(&format!(
                "--reminder-time '{text}': use HH:MM, such as 09:00"
            ))
        })
    });
    let hidden = options.hidden;
    // Opened and checked while the window starts; commands wait for it.
    let (app_state, opened) = {
        let asked = opening.clone();
        state::AppState::opening_in_background(
            move || open_database(&asked),
            opening.clone(),
            reminder_time,
        )
        .unwrap_or_else(|err| fail(&format!("cannot open the database: {err}")))
    };
    // Started at login: in the tray, on the same database.
    let mut login_args = vec!["--hidden".to_owned()];
    if let Some(db) = &options.db {
        login_args.push("--db".to_owned());
        login_args.push(db.display().to_string());
    }
    let autostart = tauri_plugin_autostart::Builder::new()
        .app_name("Redress")
        .args(login_args)
        .build();
    let context = tauri::generate_context!();
    // One running instance: opening Redress again brings its window
    // forward. A training database (`--today`) is a sandbox of its own and
    // may run beside it.
    let builder = if options.today.is_none() {
        Builder::default().plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tracing::info!("a second start brought the window forward");
            tray::show_main_window(app);
        }))
    } else {
        Builder::default()
    };
    let result = app(builder)
        .manage(app_state)
        .manage(commands::case_file::PendingEmail::default())
        .plugin(autostart)
        .setup(move |app| {
            tray::install(app.handle())?;
            if hidden {
                if let Some(window) = app.get_webview_window("main") {
                    window.hide()?;
                }
            }
            // Once the database is open. One that cannot be used is left
            // alone: the window offers to restore a backup, and these start
            // after it.
            let handle = app.handle().clone();
            let opening = opening.clone();
            let waiting = std::thread::Builder::new()
                .name("background".to_owned())
                .spawn(move || {
                    if opened.recv().unwrap_or(false) {
                        start_background(&handle, &opening, reminder_time);
                    }
                });
            if let Err(err) = waiting {
                tracing::error!("cannot start the background work: {err}");
            }
            Ok(())
        })
        .on_window_event(tray::keep_running_when_closed)
        .run(context);
    if let Err(err) = result {
        fail(&format!("cannot start: {err}"));
    }
}

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    #[test]
    fn the_capability_grants_exactly_the_listed_commands_and_event_listening() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("JSON");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.starts_with("core:event:"))
            .map(str::to_owned)
            .collect();
        let mut listed: Vec<String> = COMMANDS
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        granted.sort();
        listed.sort();
        assert_eq!(granted, listed);
    }

    #[test]
    fn the_notifications_use_the_identifier_the_installer_gives_the_shortcut() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("JSON");
        assert_eq!(conf["identifier"], redress_app::APP_ID);
    }

    #[test]
    fn the_ipc_contract_documents_every_command() {
        let contract = include_str!("../../ui/COMMANDS.md");
        for name in COMMANDS {
            assert!(
                contract.contains(&format!("`{name}(")),
                "ui/COMMANDS.md does not document `{name}`"
            );
        }
    }
}
