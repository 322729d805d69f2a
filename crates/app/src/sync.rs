//! Sync for the front ends: setting up the council's workspace on the first
//! laptop (and writing the join file), joining it from another, syncing,
//! and what the header and Settings show. The core does the work
//! (`redress::sync`, `Store::sync_now`); this adds the clock, the join
//! file on disk and this laptop's name.

use std::path::Path;

use redress_store::{StoreError, SyncReport, SyncSetup, SyncStatus};
use redress_sync::{prefix_for_joining, Folder, FolderError, JoinError, JoinFile, Key};

use crate::files::{self, FileError, Replace};
use crate::Service;

/// Why sync could not be set up or run. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The database refused, or the folder could not be used.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The shared folder could not be used.
    #[error("{0}")]
    Folder(#[from] FolderError),
    /// The join file could not be written or read.
    #[error("{0}")]
    File(#[from] FileError),
    /// The join file is not one.
    #[error("{path}: {source}")]
    Join {
        /// The file.
        path: String,
        /// Why.
        source: JoinError,
    },
    /// The join file would sit in the shared folder, beside the batches
    /// its key opens.
    #[error("the join file holds the council's key, so it must not go in the shared folder: write it somewhere else (such as your Documents) and hand it over like a password")]
    JoinFileInFolder,
}

impl Service {
    /// This laptop's name in the shared folder: its user.
    fn device_name(&self) -> String {
        self.actor().name
    }

    /// Makes the council's workspace in `folder` (empty or new), writes the
    /// join file to `join_file` and shares everything this laptop holds.
    pub fn sync_init(&mut self, folder: &Path, join_file: &Path) -> Result<SyncReport, SyncError> {
        if self.store().sync_setup()?.is_some() {
            return Err(StoreError::SyncSetUp.into());
        }
        if inside(join_file, folder) {
            return Err(SyncError::JoinFileInFolder);
        }
        if join_file.exists() {
            return Err(FileError::Exists(join_file.to_owned()).into());
        }
        let actor = self.actor();
        let setup = SyncSetup {
            folder: folder.to_owned(),
            workspace: uuid::Uuid::now_v7().to_string(),
            key: Key::generate(),
            base_prefix: self.settings().reference_prefix.clone(),
        };
        setup
            .folder()
            .create_workspace(&self.settings().council_name)?;
        let join = JoinFile {
            workspace: setup.workspace.clone(),
            council: self.settings().council_name.clone(),
            prefix: setup.base_prefix.clone(),
            key: setup.key.clone(),
        };
        files::save_private(
            join_file,
            join.to_text().as_bytes(),
            Replace::Never,
            self.database_path(),
        )?;
        self.store_mut().sync_configure(&setup, None, &actor)?;
        Ok(self.sync_now()?)
    }

    /// Joins the workspace in `folder` with the join file the first laptop
    /// wrote, taking this laptop's own reference prefix, and takes in
    /// everything shared so far. Only a database with no cases joins.
    pub fn sync_join(&mut self, folder: &Path, join_file: &Path) -> Result<SyncReport, SyncError> {
        if self.store().sync_setup()?.is_some() {
            return Err(StoreError::SyncSetUp.into());
        }
        let text = files::read_bounded(join_file, 64 * 1024, "join file")?;
        let join =
            JoinFile::read(&String::from_utf8_lossy(&text)).map_err(|source| SyncError::Join {
                path: join_file.display().to_string(),
                source,
            })?;
        let cases = self.store().case_count()?;
        if cases > 0 {
            return Err(StoreError::SyncJoinNotEmpty(cases).into());
        }
        let shared = Folder::new(folder, join.key.clone(), &join.workspace);
        shared.check_workspace()?;
        let used: Vec<String> = shared.devices()?.into_iter().map(|d| d.prefix).collect();
        let prefix = prefix_for_joining(&join.prefix, &used);
        let setup = SyncSetup {
            folder: folder.to_owned(),
            workspace: join.workspace,
            key: join.key,
            base_prefix: join.prefix,
        };
        let actor = self.actor();
        self.store_mut()
            .sync_configure(&setup, Some(&prefix), &actor)?;
        self.refresh_settings()?;
        Ok(self.sync_now()?)
    }

    /// Shares this laptop's changes and takes in the other laptops'.
    pub fn sync_now(&mut self) -> Result<SyncReport, StoreError> {
        let actor = self.actor();
        let name = self.device_name();
        let report = self.store_mut().sync_now(&name, &actor);
        // Settings may have come in.
        self.refresh_settings()?;
        if let Ok(report) = &report {
            tracing::info!(
                sent = report.sent,
                received = report.received,
                cases = report.cases_changed,
                left = report.problems.len(),
                "synced"
            );
        }
        report
    }

    /// Sync on this laptop.
    pub fn sync_status(&self) -> Result<SyncStatus, StoreError> {
        self.store().sync_status()
    }

    /// Whether the shared folder can be reached now (a drive connected).
    pub fn sync_reachable(&self) -> Result<bool, StoreError> {
        Ok(self
            .store()
            .sync_setup()?
            .is_some_and(|setup| setup.folder().check_workspace().is_ok()))
    }
}

/// Whether `file` would be inside `folder`.
fn inside(file: &Path, folder: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let file = absolute(file);
    let folder = absolute(folder);
    file.parent()
        .and_then(|p| p.canonicalize().ok().or(Some(p.to_owned())))
        .zip(folder.canonicalize().ok().or(Some(folder.clone())))
        .is_some_and(|(parent, folder)| parent.starts_with(folder))
}

/// How sync stands, in a few words for the header: "Up to date, 2 min ago",
/// "Offline: 3 changes waiting", "Not synced yet". `now` is the moment to
/// count from.
pub fn headline(
    status: &SyncStatus,
    reachable: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    use redress::words::count;
    if status.setup.is_none() {
        return "Sync not set up".to_owned();
    }
    let ago = status
        .last_synced_at
        .as_deref()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| ago(now.signed_duration_since(at)));
    if !reachable {
        return if status.waiting > 0 {
            format!(
                "Offline: {} waiting",
                count(status.waiting, "change", "changes")
            )
        } else {
            match ago {
                Some(ago) => format!("Offline: last synced {ago}"),
                None => "Offline: not synced yet".to_owned(),
            }
        };
    }
    if status.last_problem.is_some() {
        return "Not synced: see Settings, Sync".to_owned();
    }
    match ago {
        None => "Not synced yet".to_owned(),
        Some(ago) if status.waiting > 0 => {
            format!(
                "{} waiting, last synced {ago}",
                count(status.waiting, "change", "changes")
            )
        }
        Some(ago) => format!("Up to date, {ago}"),
    }
}

/// "just now", "2 min ago", "3 hours ago", "2 days ago".
fn ago(elapsed: chrono::TimeDelta) -> String {
    let minutes = elapsed.num_minutes().max(0);
    match minutes {
        0 => "just now".to_owned(),
        1..=59 => format!("{minutes} min ago"),
        60..=2879 => format!(
            "{} ago",
            redress::words::count((minutes / 60) as u64, "hour", "hours")
        ),
        _ => format!(
            "{} ago",
            redress::words::count((minutes / 1440) as u64, "day", "days")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(waiting: u64, last: Option<&str>) -> SyncStatus {
        SyncStatus {
            setup: Some(SyncSetup {
                folder: "/shared".into(),
                workspace: "w".to_owned(),
                key: Key::generate(),
                base_prefix: "CMP".to_owned(),
            }),
            device: "d".to_owned(),
            prefix: "CMP".to_owned(),
            last_synced_at: last.map(str::to_owned),
            last_problem: None,
            waiting,
            open_conflicts: 0,
            devices: Vec::new(),
        }
    }

    #[test]
    fn the_header_says_how_sync_stands_in_a_few_words() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-02T10:02:30Z")
            .map(|t| t.to_utc())
            .expect("time");
        let last = Some("2026-12-02T10:00:00Z");
        assert_eq!(
            headline(&status(0, last), true, now),
            "Up to date, 2 min ago"
        );
        assert_eq!(
            headline(&status(3, last), false, now),
            "Offline: 3 changes waiting"
        );
        assert_eq!(
            headline(&status(0, last), false, now),
            "Offline: last synced 2 min ago"
        );
        assert_eq!(headline(&status(1, None), true, now), "Not synced yet");
        let mut none = status(0, None);
        none.setup = None;
        assert_eq!(headline(&none, true, now), "Sync not set up");
    }
}
