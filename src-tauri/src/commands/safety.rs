//! Data safety in the window: whether the database can be used (and, when
//! not, restoring a backup over it), the backups (list, back up now,
//! restore) and retention (the period, the cases past it, anonymising).

use redress_app::backups::{self, BackupFile, BackupKind};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::DateView;

/// One backup, as the window lists it.
#[derive(Debug, Serialize)]
pub struct BackupView {
    file: String,
    made_at: String,
    made_at_iso: String,
    kind: &'static str,
    size: String,
}

impl From<&BackupFile> for BackupView {
    fn from(b: &BackupFile) -> BackupView {
        BackupView {
            file: b.file.clone(),
            made_at: redress::dates::moment(b.made_at),
            made_at_iso: b.made_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            kind: b.kind.slug(),
            size: redress::words::size(b.size),
        }
    }
}

fn views(list: &[BackupFile]) -> Vec<BackupView> {
    list.iter().map(BackupView::from).collect()
}

/// Whether the database can be used; if not, why, and the backups.
#[derive(Debug, Serialize)]
pub struct DatabaseStatus {
    ok: bool,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    /// Why the database's folder is no place for it (a network drive, a
    /// synced folder), when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backups: Option<Vec<BackupView>>,
}

/// The backups that may be restored over a database that cannot be
/// opened: none when restoring is not the remedy (a newer Redress's file,
/// another program's).
fn restorable_backups(unusable: &crate::state::Unusable) -> Vec<BackupFile> {
    if unusable.restorable {
        backups::of_database(&unusable.path).unwrap_or_default()
    } else {
        Vec::new()
    }
}

/// Whether the database can be used.
#[tauri::command]
pub async fn database_status(state: State<'_, AppState>) -> Result<DatabaseStatus, IpcError> {
    state
        .run_either(|opened| {
            Ok(match opened {
                Ok(service) => DatabaseStatus {
                    ok: true,
                    path: service
                        .database_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    problem: None,
                    warning: service.location_warning().map(ToString::to_string),
                    backups: None,
                },
                Err(unusable) => DatabaseStatus {
                    ok: false,
                    path: unusable.path.display().to_string(),
                    problem: Some(unusable.problem.clone()),
                    warning: redress_app::location::hazard(&unusable.path).map(|h| h.to_string()),
                    backups: Some(views(&restorable_backups(unusable))),
                },
            })
        })
        .await
}

/// The backups, and whether the newest is too old.
#[derive(Debug, Serialize)]
pub struct BackupsView {
    folder: String,
    last: Option<BackupView>,
    stale: bool,
    backups: Vec<BackupView>,
}

fn backups_of(service: &redress_app::Service) -> Result<BackupsView, IpcError> {
    let list = service.backups()?;
    Ok(BackupsView {
        folder: service
            .backups_folder()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        last: list.first().map(BackupView::from),
        stale: backups::is_stale(&list, chrono::Utc::now()),
        backups: views(&list),
    })
}

/// The backups, newest first.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Result<BackupsView, IpcError> {
    state.run(|service| backups_of(service)).await
}

/// Makes a backup now, checked.
#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupView, IpcError> {
    state
        .run(|service| Ok(BackupView::from(&service.back_up(BackupKind::Manual)?)))
        .await
}

/// What a restore did.
#[derive(Debug, Serialize)]
pub struct RestoredView {
    restored: BackupView,
    safety: Option<BackupView>,
}

/// Restores a backup from the folder: checked first, the current data
/// backed up, then replaced. Over a database that cannot be used, the
/// unusable file is kept aside and the app opens the restored data.
#[tauri::command]
pub async fn restore_backup<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: String,
) -> Result<RestoredView, IpcError> {
    let opening = state.opening.clone();
    let reminder_time = state.reminder_time;
    let (view, recovered) = state
        .run_either(move |opened| match opened {
            Ok(service) => {
                let backup = service.backup_named(&file)?;
                let kept = service.restore(&backup.path)?;
                let safety = service.backups()?.into_iter().find(|b| b.path == kept);
                Ok((
                    RestoredView {
                        restored: BackupView::from(&backup),
                        safety: safety.as_ref().map(BackupView::from),
                    },
                    false,
                ))
            }
            Err(unusable) => {
                let backup = restorable_backups(unusable)
                    .into_iter()
                    .find(|b| b.file == file)
                    .ok_or_else(|| backups::BackupsError::UnknownBackup(file.clone()))?;
                backups::restore_over_unusable(&unusable.path, &backup.path)?;
                let service = redress_app::Service::open(Some(&unusable.path), opening.clock, None)
                    .map_err(|err| IpcError::general("database_unusable", err.to_string()))?;
                *opened = Ok(service);
                Ok((
                    RestoredView {
                        restored: BackupView::from(&backup),
                        safety: None,
                    },
                    true,
                ))
            }
        })
        .await?;
    if recovered {
        crate::start_background(&app, &state.opening, reminder_time);
    }
    Ok(view)
}

/// A closed case past the retention period.
#[derive(Debug, Serialize)]
pub struct RetentionCase {
    reference: String,
    closed_on: DateView,
    summary: String,
    service_area: String,
}

/// The retention period and the cases past it.
#[derive(Debug, Serialize)]
pub struct RetentionView {
    years: u32,
    cases: Vec<RetentionCase>,
}

fn retention_of(service: &redress_app::Service) -> Result<RetentionView, IpcError> {
    Ok(RetentionView {
        years: service.settings().retention_years,
        cases: service
            .retention_due(service.today())?
            .into_iter()
            .map(|d| RetentionCase {
                reference: d.reference,
                closed_on: d.closed_on.into(),
                summary: d.summary,
                service_area: d.service_area,
            })
            .collect(),
    })
}

/// The retention period and the closed cases past it.
#[tauri::command]
pub async fn retention(state: State<'_, AppState>) -> Result<RetentionView, IpcError> {
    state.run(|service| retention_of(service)).await
}

/// Sets the retention period, in years after closure.
#[tauri::command]
pub async fn set_retention(
    state: State<'_, AppState>,
    years: u32,
) -> Result<RetentionView, IpcError> {
    state
        .run(move |service| {
            let mut settings = service.settings().clone();
            settings.retention_years = years;
            service.save_settings(settings)?;
            retention_of(service)
        })
        .await
}

/// What anonymising did.
#[derive(Debug, Serialize)]
pub struct AnonymisedView {
    anonymised: usize,
    retention: RetentionView,
}

/// Anonymises cases past the retention period, in one transaction.
#[tauri::command]
pub async fn anonymise_cases(
    state: State<'_, AppState>,
    references: Vec<String>,
) -> Result<AnonymisedView, IpcError> {
    state
        .run(move |service| {
            if references.is_empty() {
                return Err(IpcError::field(
                    "nothing_chosen",
                    "references",
                    "Choose the cases to anonymise",
                ));
            }
            let anonymised = service.anonymise(&references)?;
            Ok(AnonymisedView {
                anonymised,
                retention: retention_of(service)?,
            })
        })
        .await
}
