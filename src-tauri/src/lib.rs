//! The Redress desktop shell: a Tauri window over the Redress core.
//!
//! The shell owns the edges the core must not touch: the IPC JSON, the window,
//! and (later) files, the clock and notifications. Each command under
//! [`commands`] takes its arguments, calls the core and maps failures to the
//! one [`error::IpcError`] that crosses to the UI.

pub mod commands;
pub mod error;

use tauri::{Builder, Runtime};

/// Registers the commands and state on a builder; tests pass a mock builder.
pub fn app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::calculator::calculate_deadlines
    ])
}

/// Runs the desktop application until it is quit.
pub fn run() {
    let context = tauri::generate_context!();
    if let Err(err) = app(Builder::default()).run(context) {
        eprintln!("redress-desktop: cannot start: {err}");
        std::process::exit(1);
    }
}
