//! The sync timer: once at start and then every minute, while this laptop
//! is set up to sync and the shared folder can be reached, it shares what
//! was done here and takes in the other laptops' work, through the
//! window's own connection (so the window's settings follow what came in).
//! The window hears `redress://synced` after each sync and redraws its
//! header. A failure (the folder gone) is recorded for the header and
//! tried again the next minute; it never stops the app.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// The event the window hears after a sync.
pub const SYNCED: &str = "redress://synced";

/// How often the timer syncs.
const EVERY: Duration = Duration::from_secs(60);

/// One sync, if this laptop is set up and the folder is reachable.
fn once<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let synced = tauri::async_runtime::block_on(state.run(|service| {
        if service.sync_setup()?.is_none() {
            return Ok(false);
        }
        match service.sync_now() {
            Ok(_) => Ok(true),
            Err(err) => {
                tracing::warn!(error = %err, "sync failed");
                Ok(true)
            }
        }
    }));
    if matches!(synced, Ok(true)) {
        let _ = app.emit(SYNCED, ());
    }
}

/// Starts the timer.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("sync".to_owned())
        .spawn(move || loop {
            once(&app);
            std::thread::sleep(EVERY);
        });
    if let Err(err) = spawned {
        eprintln!("redress-desktop: sync cannot start: {err}");
    }
}
