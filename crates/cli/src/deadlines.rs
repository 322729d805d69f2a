//! `redress deadlines`: the dates each stage must meet, as a table people read
//! or as JSON for other tools.

use std::io::Write;

use chrono::NaiveDate;
use clap::Args;
use redress::calendar::Calendar;
use redress::dates;
use redress::deadline::{stage_deadlines, StageDates, StageDeadlines};
use redress::policy::Policy;
use serde_json::json;

use crate::calendar_args::CalendarArgs;
use crate::error::CliError;
use redress::dates::parse_date;

/// The deadlines of stage 1, and of stage 2 when the complaint was escalated.
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
    #[command(flatten)]
    calendar: CalendarArgs,
    /// A policy file (TOML or JSON) instead of the Complaint Handling Code.
    #[arg(long, value_name = "FILE")]
    policy: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

struct StageResult {
    number: usize,
    opened_label: &'static str,
    opened: NaiveDate,
    deadlines: StageDeadlines,
}

/// Runs `redress deadlines`.
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
    let mut stages = vec![stage(
        &calendar,
        &policy,
        1,
        "received",
        received,
        acknowledged,
    )?];
    if let Some(escalated) = escalated {
        let acknowledged = later_date(
            "--stage2-acknowledged",
            args.stage2_acknowledged.as_deref(),
            "--escalated",
            escalated,
        )?;
        stages.push(stage(
            &calendar,
            &policy,
            2,
            "escalation requested",
            escalated,
            acknowledged,
        )?);
    }
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
            stage.opened_label,
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

fn stage(
    calendar: &Calendar,
    policy: &Policy,
    number: usize,
    opened_label: &'static str,
    opened: NaiveDate,
    acknowledged: Option<NaiveDate>,
) -> Result<StageResult, CliError> {
    let timescales = policy.stage(number).ok_or_else(|| CliError::NoSuchStage {
        policy: policy.name().to_owned(),
        stage: number,
    })?;
    let dates = StageDates {
        acknowledged,
        ..StageDates::opened(opened)
    };
    Ok(StageResult {
        number,
        opened_label,
        opened,
        deadlines: stage_deadlines(calendar, timescales, &dates),
    })
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
