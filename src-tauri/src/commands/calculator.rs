//! The deadline calculator: a received date and a nation in, the stage
//! deadlines of the Complaint Handling Code out.

use redress::calendar::{Calendar, Nation};
use redress::dates::{self, parse_date};
use redress::deadline::{stage_deadlines, StageDates, StageDeadlines};
use serde::Serialize;

use crate::error::IpcError;

/// A date as the UI shows it, with the ISO form for machines and tests.
#[derive(Debug, Serialize)]
pub struct DateView {
    iso: String,
    display: String,
}

impl From<chrono::NaiveDate> for DateView {
    fn from(date: chrono::NaiveDate) -> DateView {
        DateView {
            iso: date.to_string(),
            display: dates::long(date),
        }
    }
}

/// One stage's deadlines.
#[derive(Debug, Serialize)]
pub struct StageView {
    stage: usize,
    opened: DateView,
    acknowledge_by: DateView,
    respond_by: DateView,
    extension_limit: DateView,
}

/// What the calculator shows.
#[derive(Debug, Serialize)]
pub struct CalculatorView {
    nation: &'static str,
    policy: String,
    stages: Vec<StageView>,
}

/// Works out stage 1 from the received date and, when an escalation date is
/// given, stage 2 from it; without one, stage 2 as if the complainant asked to
/// escalate on the day the stage 1 response is due.
///
/// The council's own policy and closure days apply, with the bank holidays of
/// the nation chosen.
#[tauri::command]
pub async fn calculate_deadlines(
    state: tauri::State<'_, crate::state::AppState>,
    received: String,
    nation: String,
    escalated: Option<String>,
) -> Result<CalculatorView, IpcError> {
    let settings = state.run(|service| Ok(service.settings().clone())).await?;
    calculate(&settings, received, nation, escalated)
}

/// The calculator's working, given the council's settings.
pub fn calculate(
    settings: &redress::settings::Settings,
    received: String,
    nation: String,
    escalated: Option<String>,
) -> Result<CalculatorView, IpcError> {
    let received = parse_date(&received)
        .map_err(|e| IpcError::field("bad_date", "received", e.to_string()))?;
    let nation: Nation = nation
        .parse()
        .map_err(|e: redress::calendar::UnknownNation| {
            IpcError::field("bad_nation", "nation", e.to_string())
        })?;
    let escalated = match escalated
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => {
            let date = parse_date(text)
                .map_err(|e| IpcError::field("bad_date", "escalated", e.to_string()))?;
            if date < received {
                return Err(IpcError::field(
                    "dates_backwards",
                    "escalated",
                    format!("The escalation request ({}) cannot be before the complaint was received ({}).", dates::short(date), dates::short(received)),
                ));
            }
            Some(date)
        }
    };
    let calendar = Calendar::with_closures(nation, settings.closures.iter().copied());
    let policy = &settings.policy;
    let mut stages = Vec::new();
    let mut opened = received;
    for (index, timescales) in policy.stages().iter().enumerate() {
        let deadlines: StageDeadlines =
            stage_deadlines(&calendar, timescales, &StageDates::opened(opened));
        stages.push(StageView {
            stage: index + 1,
            opened: opened.into(),
            acknowledge_by: deadlines.acknowledge_by.into(),
            respond_by: deadlines.respond_by.into(),
            extension_limit: deadlines.extension_limit.into(),
        });
        opened = match (index, escalated) {
            (0, Some(date)) => date,
            _ => deadlines.respond_by,
        };
    }
    Ok(CalculatorView {
        nation: nation.name(),
        policy: policy.name().to_owned(),
        stages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use redress::settings::Settings;

    #[test]
    fn stage_two_follows_stage_one() {
        let view = calculate(
            &Settings::default(),
            "02/11/2026".into(),
            "england-and-wales".into(),
            None,
        )
        .expect("view");
        assert_eq!(view.stages.len(), 2);
        assert_eq!(view.stages[0].respond_by.iso, "2026-11-23");
        assert_eq!(view.stages[1].opened.iso, "2026-11-23");
    }

    #[test]
    fn a_bad_date_names_the_field() {
        let err = calculate(
            &Settings::default(),
            "32/11/2026".into(),
            "scotland".into(),
            None,
        )
        .unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            ("bad_date", Some("received"))
        );
    }
}
