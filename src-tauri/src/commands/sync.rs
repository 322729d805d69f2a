//! Sync in the window: how it stands (the header's words, the other
//! laptops, the conflicts), syncing now, and from Settings setting up the
//! council's workspace or joining it.

use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Another laptop.
#[derive(Debug, Serialize)]
pub struct DeviceView {
    name: String,
    prefix: String,
    batches_read: u64,
}

/// A conflict, as the list shows it.
#[derive(Debug, Serialize)]
pub struct ConflictView {
    id: String,
    reference: String,
    device: String,
    actor: String,
    what: String,
    why: String,
    at: String,
    resolved: Option<String>,
}

/// How sync stands.
#[derive(Debug, Serialize)]
pub struct SyncStatusView {
    set_up: bool,
    reachable: bool,
    headline: String,
    folder: Option<String>,
    prefix: String,
    waiting: u64,
    open_conflicts: u64,
    last_problem: Option<String>,
    devices: Vec<DeviceView>,
    conflicts: Vec<ConflictView>,
}

/// What one sync did, in words.
#[derive(Debug, Serialize)]
pub struct SyncDone {
    message: String,
    status: SyncStatusView,
}

fn status_view(service: &redress_app::Service) -> Result<SyncStatusView, IpcError> {
    let status = service.sync_status()?;
    let reachable = service.sync_reachable()?;
    let conflicts = service
        .sync_conflicts()?
        .into_iter()
        .map(|c| ConflictView {
            id: c.op,
            reference: c.reference,
            device: c.device,
            actor: c.actor,
            what: c.what,
            why: c.why,
            at: c.at,
            resolved: c
                .resolved
                .map(|(_, by, resolution)| format!("{resolution} ({by})")),
        })
        .collect();
    Ok(SyncStatusView {
        headline: redress_app::sync::headline(&status, reachable, chrono::Utc::now()),
        set_up: status.setup.is_some(),
        reachable,
        folder: status
            .setup
            .as_ref()
            .map(|s| s.folder.display().to_string()),
        prefix: status.prefix,
        waiting: status.waiting,
        open_conflicts: status.open_conflicts,
        last_problem: status.last_problem,
        devices: status
            .devices
            .into_iter()
            .map(|d| DeviceView {
                name: d.name,
                prefix: d.prefix,
                batches_read: d.read_to,
            })
            .collect(),
        conflicts,
    })
}

fn done(
    service: &redress_app::Service,
    report: &redress_app::SyncReport,
) -> Result<SyncDone, IpcError> {
    use redress::words::count;
    let mut message = format!(
        "Synced: shared {}, took in {} ({} updated).",
        count(report.sent as u64, "change", "changes"),
        count(report.received as u64, "change", "changes"),
        count(report.cases_changed as u64, "case", "cases")
    );
    if !report.problems.is_empty() {
        message.push_str(&format!(
            " {} left for next time (still being copied, or not this council's).",
            count(report.problems.len() as u64, "file", "files")
        ));
    }
    Ok(SyncDone {
        message,
        status: status_view(service)?,
    })
}

/// How sync stands.
#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatusView, IpcError> {
    state.run(|service| status_view(service)).await
}

/// Syncs now.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Result<SyncDone, IpcError> {
    state
        .run(|service| {
            let report = service.sync_now()?;
            done(service, &report)
        })
        .await
}

/// Makes the council's workspace in `folder` and writes the join file.
#[tauri::command]
pub async fn sync_init(
    state: State<'_, AppState>,
    folder: String,
    join_file: String,
) -> Result<SyncDone, IpcError> {
    set_up(state, folder, join_file, redress_app::Service::sync_init).await
}

/// Joins the workspace in `folder` with the join file.
#[tauri::command]
pub async fn sync_join(
    state: State<'_, AppState>,
    folder: String,
    join_file: String,
) -> Result<SyncDone, IpcError> {
    set_up(state, folder, join_file, redress_app::Service::sync_join).await
}

/// Setting up and joining alike: the two paths checked, then `how`.
async fn set_up(
    state: State<'_, AppState>,
    folder: String,
    join_file: String,
    how: fn(
        &mut redress_app::Service,
        &std::path::Path,
        &std::path::Path,
    ) -> Result<redress_app::SyncReport, redress_app::sync::SyncError>,
) -> Result<SyncDone, IpcError> {
    state
        .run(move |service| {
            let (folder, join_file) = paths(&folder, &join_file)?;
            let report = how(service, &folder, &join_file)?;
            done(service, &report)
        })
        .await
}

/// Records how a conflict was resolved.
#[tauri::command]
pub async fn sync_resolve(
    state: State<'_, AppState>,
    id: String,
    resolution: String,
) -> Result<SyncStatusView, IpcError> {
    state
        .run(move |service| {
            service.sync_resolve(&id, &resolution)?;
            status_view(service)
        })
        .await
}

fn paths(
    folder: &str,
    join_file: &str,
) -> Result<(std::path::PathBuf, std::path::PathBuf), IpcError> {
    let folder = folder.trim();
    let join_file = join_file.trim();
    if folder.is_empty() {
        return Err(IpcError::field(
            "required",
            "folder",
            "Enter the shared folder's path",
        ));
    }
    if join_file.is_empty() {
        return Err(IpcError::field(
            "required",
            "join_file",
            "Enter the join file's path",
        ));
    }
    Ok((folder.into(), join_file.into()))
}
