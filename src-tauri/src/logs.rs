//! The desktop app's log: a file a day in the per-user data folder's
//! `logs/`, the last 14 kept. It records what the app did (started, opened
//! a database, made a backup, sent reminders, refused a command and its
//! error code), never the content of cases, so it can be sent to IT.

use tracing_appender::rolling::{Builder, Rotation};

/// How many daily files are kept.
const DAYS_KEPT: usize = 14;

/// Starts writing the log; keep the guard for as long as the app runs. If
/// the folder cannot be written, the app runs without a log.
pub fn start() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = redress_app::default_log_dir()?;
    redress_app::files::private_folder(&dir).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("redress")
        .filename_suffix("log")
        .max_log_files(DAYS_KEPT)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    Some(guard)
}
