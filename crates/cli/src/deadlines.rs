//! `redress deadlines`: the dates each stage must meet, as a table people read
//! or as JSON for other tools.

use std::io::Write;

use chrono::NaiveDate;
use clap::Args;
use redress::dates;
use redress::deadline::{project, Known, ProjectedStage};
use redress::policy::Policy;
use serde_json::json;

use crate::calendar_args::CalendarArgs;
use crate::error::CliError;
use redress::dates::parse_date;

/// The deadlines of stage 1, and of each later stage the complaint was
/// escalated to.
#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// When the complaint was received.
    #[arg(long, value_name = "DATE")]
    received: String,
    /// When stage 1 was acknowledged, if it has been.
    #[arg(long, value_name = "DATE")]
    acknowledged: Option<String>,
    /// When the request to escalate to stage 2 was received.
    #[arg(long, value_name = "DATE")]
    escalated: Option<String>,
    /// When stage 2 was acknowledged, if it has been.
    #[arg(
        long = "stage2-acknowledged",
        value_name = "DATE",
        requires = "escalated"
    )]
    stage2_acknowledged: Option<String>,
    /// When the request to escalate to stage 3 was received (a policy with
    /// three stages).
    #[arg(long = "stage3-escalated", value_name = "DATE", requires = "escalated")]
    stage3_escalated: Option<String>,
    /// When stage 3 was acknowledged, if it has been.
    #[arg(
        long = "stage3-acknowledged",
        value_name = "DATE",
        requires = "stage3_escalated"
    )]
    stage3_acknowledged: Option<String>,
    #[command(flatten)]
    calendar: CalendarArgs,
    /// A policy file (TOML or JSON) instead of the Complaint Handling Code.
    #[arg(long, value_name = "FILE")]
    policy: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `redress deadlines`: the core's projection, showing stage 1 and
/// each stage whose escalation was given.
pub fn run(args: DeadlinesArgs, out: &mut impl Write) -> Result<(), CliError> {
    let calendar = args.calendar.resolve()?;
    let policy = load_policy(args.policy.as_deref())?;
    let received = parse_date(&args.received)?;
    let acknowledged = later_date(
        "--acknowledged",
        args.acknowledged.as_deref(),
        "--received",
        received,
    )?;
    let escalated = later_date(
        "--escalated",
        args.escalated.as_deref(),
        "--received",
        received,
    )?;
    let mut known = Known {
        opened: vec![Some(received)],
        acknowledged: vec![acknowledged],
    };
    if let Some(escalated) = escalated {
        known.acknowledged.push(later_date(
            "--stage2-acknowledged",
            args.stage2_acknowledged.as_deref(),
            "--escalated",
            escalated,
        )?);
        known.opened.push(Some(escalated));
        if let Some(third) = later_date(
            "--stage3-escalated",
            args.stage3_escalated.as_deref(),
            "--escalated",
            escalated,
        )? {
            known.acknowledged.push(later_date(
                "--stage3-acknowledged",
                args.stage3_acknowledged.as_deref(),
                "--stage3-escalated",
                third,
            )?);
            known.opened.push(Some(third));
        }
    }
    if known.opened.len() > policy.stages().len() {
        return Err(CliError::NoSuchStage {
            policy: policy.name().to_owned(),
            stage: policy.stages().len() + 1,
        });
    }
    let stages: Vec<ProjectedStage> = project(&calendar, &policy, received, &known)
        .into_iter()
        .take(known.opened.len())
        .collect();
    if args.json {
        let mut object = serde_json::Map::new();
        for stage in &stages {
            let d = &stage.deadlines;
            object.insert(
                format!("stage{}", stage.number),
                json!({
                    "acknowledge_by": d.acknowledge_by.to_string(),
                    "respond_by": d.respond_by.to_string(),
                    "extension_limit": d.extension_limit.to_string(),
                }),
            );
        }
        writeln!(out, "{}", serde_json::Value::Object(object))?;
        return Ok(());
    }
    for stage in &stages {
        let d = &stage.deadlines;
        writeln!(
            out,
            "Stage {} ({} {})",
            stage.number,
            if stage.number == 1 {
                "received"
            } else {
                "escalation requested"
            },
            dates::long(stage.opened)
        )?;
        writeln!(out, "  Acknowledge by    {}", dates::long(d.acknowledge_by))?;
        writeln!(out, "  Respond by        {}", dates::long(d.respond_by))?;
        writeln!(
            out,
            "  Extension limit   {}",
            dates::long(d.extension_limit)
        )?;
        writeln!(out)?;
    }
    let closures = calendar.closures().count();
    write!(out, "Working days in {}", calendar.nation())?;
    if closures > 0 {
        write!(
            out,
            ", less {closures} closure day{}",
            if closures == 1 { "" } else { "s" }
        )?;
    }
    writeln!(out, "; policy: {}.", policy.name())?;
    Ok(())
}

/// Reads an optional date that must not precede `earlier`.
fn later_date(
    flag: &'static str,
    text: Option<&str>,
    earlier_flag: &'static str,
    earlier: NaiveDate,
) -> Result<Option<NaiveDate>, CliError> {
    let Some(text) = text else { return Ok(None) };
    let date = parse_date(text)?;
    if date < earlier {
        return Err(CliError::Backwards {
            later_flag: flag,
            later: text.to_owned(),
            earlier_flag,
            earlier: earlier.to_string(),
        });
    }
    Ok(Some(date))
}

/// The policy in a TOML or JSON file (by its extension), or the Code's.
pub fn load_policy(path: Option<&str>) -> Result<Policy, CliError> {
    let Some(path) = path else {
        return Ok(Policy::complaint_handling_code());
    };
    // A shipped procedure's name, unless a file of that name is there.
    if let Some(shipped) = Policy::named(path).filter(|_| !std::path::Path::new(path).is_file()) {
        return Ok(shipped);
    }
    let text = crate::context::read_text(std::path::Path::new(path), "policy file")?;
    let parsed = if path.to_ascii_lowercase().ends_with(".json") {
        Policy::from_json(&text)
    } else {
        Policy::from_toml(&text)
    };
    parsed.map_err(|source| CliError::Policy {
        path: path.to_owned(),
        source,
    })
}
