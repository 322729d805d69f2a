//! Automatic backups while the app runs: one at start, then one whenever a
//! day has passed since the last, on a thread with its own connection (the
//! online backup API lets the window go on writing meanwhile); the window
//! hears `redress://backed-up` after each, and looks at its banner again.

use std::path::PathBuf;
use std::time::Duration;

use redress_app::backups::BackupKind;
use redress_app::{Clock, Service};
use tauri::{AppHandle, Emitter, Runtime};

/// The event the window hears when an automatic backup was made.
pub const BACKED_UP: &str = "redress://backed-up";

/// How often the thread looks whether a backup is due.
const EVERY: Duration = Duration::from_secs(15 * 60);

/// Starts the backup thread on the database at `db`; the window is told
/// of each backup made.
pub fn start<R: Runtime>(app: &AppHandle<R>, db: Option<PathBuf>, clock: Clock) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("backups".to_owned())
        .spawn(move || {
            let service = match Service::reopen(db.as_deref(), clock) {
                Ok(service) => service,
                Err(err) => {
                    eprintln!("redress-desktop: backups cannot open the database: {err}");
                    return;
                }
            };
            let mut first = true;
            loop {
                if first || service.automatic_backup_due(chrono::Utc::now()) {
                    match service.back_up(BackupKind::Automatic) {
                        Ok(_) => {
                            let _ = app.emit(BACKED_UP, ());
                        }
                        Err(err) => eprintln!("redress-desktop: automatic backup failed: {err}"),
                    }
                }
                first = false;
                std::thread::sleep(EVERY);
            }
        });
    if let Err(err) = spawned {
        eprintln!("redress-desktop: backups cannot start: {err}");
    }
}
