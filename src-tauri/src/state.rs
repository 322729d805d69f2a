//! The shell's state: the one application [`Service`], behind a mutex.
//! Database work runs on a blocking thread, never on the UI thread.

use std::sync::{Arc, Mutex};

use redress_app::Service;

use crate::error::IpcError;

/// What every command needs: the application service.
pub struct AppState {
    service: Arc<Mutex<Service>>,
    /// The time of day reminders are reckoned at, when fixed (training and
    /// tests); the clock's otherwise.
    pub reminder_time: Option<chrono::NaiveTime>,
}

impl AppState {
    /// State over the application service.
    pub fn new(service: Service, reminder_time: Option<chrono::NaiveTime>) -> AppState {
        AppState {
            service: Arc::new(Mutex::new(service)),
            reminder_time,
        }
    }

    /// Runs work with the service on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Service) -> Result<T, IpcError> + Send + 'static,
    {
        let service = Arc::clone(&self.service);
        tauri::async_runtime::spawn_blocking(move || {
            let mut service = service
                .lock()
                .map_err(|_| IpcError::internal("the database lock was poisoned"))?;
            work(&mut service)
        })
        .await
        .map_err(|err| IpcError::internal(&err.to_string()))?
    }
}
