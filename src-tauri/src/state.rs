//! The shell's state: the one open [`Store`] and where "today" comes from.
//! Database work runs on a blocking thread, never on the UI thread.

use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate, Utc};
use redress::store::{Actor, Store};

use crate::error::IpcError;

/// What every command needs: the store, and who is acting when.
pub struct AppState {
    store: Arc<Mutex<Store>>,
    today: Option<NaiveDate>,
}

/// The moment a command runs.
pub struct Context {
    /// Who is acting, and today's date.
    pub actor: Actor,
}

impl AppState {
    /// State over an open store; `today` overrides the clock (for tests).
    pub fn new(store: Store, today: Option<NaiveDate>) -> AppState {
        AppState {
            store: Arc::new(Mutex::new(store)),
            today,
        }
    }

    /// Runs database work on a blocking thread with the store locked.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Context) -> Result<T, IpcError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let today = self.today;
        tauri::async_runtime::spawn_blocking(move || {
            let mut store = store
                .lock()
                .map_err(|_| IpcError::internal("the database lock was poisoned"))?;
            let login = std::env::var("USER").ok();
            let name = store
                .settings()?
                .acting_user(None, login.as_deref())
                .unwrap_or_else(|| "Redress user".to_owned());
            let context = Context {
                actor: Actor {
                    name,
                    now: Utc::now(),
                    today: today.unwrap_or_else(|| Local::now().date_naive()),
                },
            };
            work(&mut store, &context)
        })
        .await
        .map_err(|err| IpcError::internal(&err.to_string()))?
    }
}
