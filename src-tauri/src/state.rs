//! The shell's state: the one application [`Service`], behind a mutex, or,
//! when the database could not be opened safely (damaged, not Redress's,
//! newer, unreadable), why not: then every command but the recovery ones is
//! refused and nothing is written. Database work runs on a blocking thread,
//! never on the UI thread.

use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};

use redress_app::{Clock, Service};

use crate::error::IpcError;

/// A database that cannot be used, and why.
#[derive(Debug, Clone)]
pub struct Unusable {
    /// The file.
    pub path: PathBuf,
    /// Why, for the user.
    pub problem: String,
    /// Whether restoring a backup over it is the remedy (a damaged or
    /// missing file); not for a newer Redress's file or another program's,
    /// which must be left where they are.
    pub restorable: bool,
}

/// Where the database is and how "today" is read: what reopening needs.
#[derive(Debug, Clone)]
pub struct Opening {
    /// The database file asked for (`--db`), if any.
    pub db: Option<PathBuf>,
    /// The clock.
    pub clock: Clock,
}

/// What every command needs: the application service.
pub struct AppState {
    service: Arc<Mutex<Result<Service, Unusable>>>,
    /// How the database was opened.
    pub opening: Opening,
    /// The time of day reminders are reckoned at, when fixed (training and
    /// tests); the clock's otherwise.
    pub reminder_time: Option<chrono::NaiveTime>,
}

impl AppState {
    /// State over the application service, or the reason there is none.
    pub fn new(
        service: Result<Service, Unusable>,
        opening: Opening,
        reminder_time: Option<chrono::NaiveTime>,
    ) -> AppState {
        AppState {
            service: Arc::new(Mutex::new(service)),
            opening,
            reminder_time,
        }
    }

    /// State whose service `open` makes on a thread of its own, so that the
    /// window and its webview start while the database is opened and
    /// checked (SQLite's quick check reads every page: most of a second for
    /// ten years of cases). That thread holds the lock from before this
    /// returns until the database is open, so every command waits for it
    /// and none sees a half-opened state. The receiver hears whether the
    /// database could be used, once it is open.
    pub fn opening_in_background(
        open: impl FnOnce() -> Result<Service, Unusable> + Send + 'static,
        opening: Opening,
        reminder_time: Option<chrono::NaiveTime>,
    ) -> std::io::Result<(AppState, mpsc::Receiver<bool>)> {
        let state = AppState::new(
            Err(Unusable {
                path: opening.db.clone().unwrap_or_default(),
                problem: "The database is still being opened".to_owned(),
                restorable: false,
            }),
            opening,
            reminder_time,
        );
        let (opened_tx, opened_rx) = mpsc::channel();
        let (locked_tx, locked_rx) = mpsc::channel();
        let slot = Arc::clone(&state.service);
        std::thread::Builder::new()
            .name("opening".to_owned())
            .spawn(move || {
                let mut service = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                let _ = locked_tx.send(());
                *service = open();
                let usable = service.is_ok();
                drop(service);
                let _ = opened_tx.send(usable);
            })?;
        // The lock is the opener's before any command can ask for it.
        let _ = locked_rx.recv();
        Ok((state, opened_rx))
    }

    /// Runs work with the service on a blocking thread; refused with
    /// `database_unusable` while the database cannot be used.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Service) -> Result<T, IpcError> + Send + 'static,
    {
        self.run_either(move |state| match state {
            Ok(service) => work(service),
            Err(unusable) => Err(IpcError::general(
                "database_unusable",
                unusable.problem.clone(),
            )),
        })
        .await
    }

    /// Runs work with the service or the reason there is none (the
    /// recovery commands), on a blocking thread.
    pub async fn run_either<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Result<Service, Unusable>) -> Result<T, IpcError> + Send + 'static,
    {
        let service = Arc::clone(&self.service);
        tauri::async_runtime::spawn_blocking(move || {
            let mut service = service
                .lock()
                .map_err(|_| IpcError::internal("the database lock was poisoned"))?;
            let result = work(&mut service);
            // The code only: a message may quote what was typed.
            if let Err(err) = &result {
                tracing::info!(code = err.code, "refused");
            }
            result
        })
        .await
        .map_err(|err| IpcError::internal(&err.to_string()))?
    }
}
