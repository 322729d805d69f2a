//! `redress sync`: the council's laptops sharing cases through a shared
//! folder. `init` makes the workspace and writes the join file, `join`
//! joins it, `now` syncs, `status` says how it stands (and lists the
//! conflicts), `resolve` records how a conflict was settled.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use redress_app::SyncReport;
use serde_json::json;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// `redress sync`.
#[derive(Debug, Subcommand)]
pub enum SyncArgs {
    /// Make the council's sync workspace in a shared folder (the first
    /// laptop) and write the join file the others open.
    Init {
        /// The shared folder (a network drive, a OneDrive or SharePoint
        /// folder, a USB stick), empty or new.
        #[arg(long, value_name = "PATH")]
        folder: PathBuf,
        /// Where to write the join file (not in the shared folder: it holds
        /// the council's key).
        #[arg(long = "join-file", value_name = "OUT")]
        join_file: PathBuf,
    },
    /// Join the council's workspace from a new database.
    Join {
        /// The shared folder, as this laptop reaches it.
        #[arg(long, value_name = "PATH")]
        folder: PathBuf,
        /// The join file the first laptop wrote.
        #[arg(long = "join-file", value_name = "FILE")]
        join_file: PathBuf,
    },
    /// Share this laptop's changes and take in the others'.
    Now,
    /// How sync stands: when it last ran, what is waiting, the other
    /// laptops and the conflicts.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record how a conflict was resolved (it goes to every laptop).
    Resolve {
        /// The conflict's id (from `sync status`).
        conflict: String,
        /// What was decided.
        #[arg(long, value_name = "TEXT")]
        resolution: String,
    },
}

/// Runs `redress sync`.
pub fn run(args: SyncArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    match args {
        SyncArgs::Init { folder, join_file } => {
            let report = service.sync_init(&folder, &join_file)?;
            writeln!(
                out,
                "Made the council's sync workspace in {} and wrote the join file {}.",
                folder.display(),
                join_file.display()
            )?;
            writeln!(
                out,
                "Give the join file to each colleague like a password (it holds the council's key); they run `redress sync join --folder PATH --join-file FILE`."
            )?;
            print_report(out, &report)?;
        }
        SyncArgs::Join { folder, join_file } => {
            let report = service.sync_join(&folder, &join_file)?;
            writeln!(
                out,
                "Joined the council's workspace in {}. Cases made on this laptop are numbered {}-….",
                folder.display(),
                service.settings().reference_prefix
            )?;
            print_report(out, &report)?;
        }
        SyncArgs::Now => {
            let report = service.sync_now()?;
            print_report(out, &report)?;
        }
        SyncArgs::Status { json } => status(&service, json, out)?,
        SyncArgs::Resolve {
            conflict,
            resolution,
        } => {
            service.sync_resolve(&conflict, &resolution)?;
            writeln!(out, "Recorded how the conflict was resolved; it goes to the other laptops at the next sync.")?;
        }
    }
    Ok(())
}

fn print_report(out: &mut impl Write, report: &SyncReport) -> Result<(), CliError> {
    use redress::words::count;
    writeln!(
        out,
        "Synced: shared {}, took in {} ({} updated).",
        count(report.sent as u64, "change", "changes"),
        count(report.received as u64, "change", "changes"),
        count(report.cases_changed as u64, "case", "cases")
    )?;
    for problem in &report.problems {
        writeln!(
            out,
            "Left for next time: {} from laptop {}: {}.",
            problem.file, problem.device, problem.why
        )?;
    }
    if report.copies > 0 {
        writeln!(
            out,
            "Set aside {} a sync client made of files already read.",
            count(report.copies as u64, "copy", "copies")
        )?;
    }
    Ok(())
}

fn status(
    service: &redress_app::Service,
    as_json: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let status = service.sync_status()?;
    let conflicts = service.sync_conflicts()?;
    let reachable = service.sync_reachable()?;
    if as_json {
        let value = json!({
            "set_up": status.setup.is_some(),
            "folder": status.setup.as_ref().map(|s| s.folder.display().to_string()),
            "workspace": status.setup.as_ref().map(|s| s.workspace.clone()),
            "reachable": reachable,
            "device": status.device,
            "prefix": status.prefix,
            "last_synced_at": status.last_synced_at,
            "last_problem": status.last_problem,
            "waiting": status.waiting,
            "open_conflicts": status.open_conflicts,
            "devices": status.devices.iter().map(|d| json!({
                "device": d.device,
                "name": d.name,
                "prefix": d.prefix,
                "batches_read": d.read_to,
            })).collect::<Vec<_>>(),
            "conflicts": conflicts.iter().map(|c| json!({
                "id": c.op,
                "reference": c.reference,
                "device": c.device,
                "actor": c.actor,
                "what": c.what,
                "why": c.why,
                "at": c.at,
                "resolved": c.resolved.as_ref().map(|(at, by, resolution)| json!({
                    "at": at, "by": by, "resolution": resolution,
                })),
            })).collect::<Vec<_>>(),
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        )?;
        return Ok(());
    }
    let Some(setup) = &status.setup else {
        writeln!(out, "This laptop is not set up to sync.")?;
        return Ok(());
    };
    use redress::words::count;
    writeln!(
        out,
        "Syncing through {} ({}).",
        setup.folder.display(),
        if reachable {
            "reachable"
        } else {
            "not reachable now"
        }
    )?;
    writeln!(
        out,
        "Last synced: {}. Waiting to be shared: {}.",
        status.last_synced_at.as_deref().unwrap_or("never"),
        count(status.waiting, "change", "changes")
    )?;
    if let Some(problem) = &status.last_problem {
        writeln!(out, "The last sync failed: {problem}")?;
    }
    for device in &status.devices {
        writeln!(
            out,
            "Laptop {} ({}-…): {} read.",
            device.name,
            device.prefix,
            count(device.read_to, "batch", "batches")
        )?;
    }
    writeln!(
        out,
        "{}.",
        count(status.open_conflicts, "open conflict", "open conflicts")
    )?;
    for c in conflicts.iter().filter(|c| c.resolved.is_none()) {
        writeln!(
            out,
            "  {} {}: {} ({} on {}) was refused: {}",
            c.op, c.reference, c.what, c.actor, c.device, c.why
        )?;
    }
    Ok(())
}
