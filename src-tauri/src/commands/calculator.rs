//! The deadline calculator: a received date and a nation in, the stage
//! deadlines of the Complaint Handling Code out.

use redress::calendar::Calendar;
use redress::dates::{self, parse_date};
use redress::deadline::{project, Known};
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
    /// Whether the opening date is assumed: the day the stage before had
    /// to respond by.
    assumed: bool,
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

/// Every stage of the council's policy, as the core projects it: stage 1
/// from the received date; stage 2 from the escalation date when one is
/// given; a stage without one as if the complainant asked to escalate on
/// the day the stage before had to respond by.
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
    let (nation, country) = redress::settings::Settings::read_nation(&nation)
        .map_err(|e| IpcError::field("bad_nation", "nation", e.to_string()))?;
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
    let known = Known {
        opened: vec![Some(received), escalated],
        acknowledged: Vec::new(),
    };
    let stages = project(&calendar, policy, received, &known)
        .into_iter()
        .map(|stage| StageView {
            stage: stage.number,
            opened: stage.opened.into(),
            assumed: stage.assumed,
            acknowledge_by: stage.deadlines.acknowledge_by.into(),
            respond_by: stage.deadlines.respond_by.into(),
            extension_limit: stage.deadlines.extension_limit.into(),
        })
        .collect();
    Ok(CalculatorView {
        nation: country.map_or(nation.name(), |c| c.label()),
        policy: policy.name().to_owned(),
        stages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use redress::calendar::Nation;
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
    fn every_stage_of_a_three_stage_policy_is_the_cores_projection() {
        let two = Settings::default().policy;
        let stage = |n| *two.stage(n).expect("stage");
        let settings = Settings {
            policy: redress::policy::Policy::new(
                "Three stages",
                vec![stage(1), stage(2), stage(2)],
            )
            .expect("policy"),
            nation: Nation::Scotland,
            ..Settings::default()
        };
        let view = calculate(
            &settings,
            "24/12/2026".into(),
            "scotland".into(),
            Some("20/01/2027".into()),
        )
        .expect("view");
        let day = |text: &str| parse_date(text).expect("date");
        let known = Known {
            opened: vec![Some(day("2026-12-24")), Some(day("2027-01-20"))],
            acknowledged: Vec::new(),
        };
        let core = project(
            &Calendar::new(Nation::Scotland),
            &settings.policy,
            day("2026-12-24"),
            &known,
        );
        assert_eq!(view.stages.len(), 3);
        for (shown, stage) in view.stages.iter().zip(&core) {
            assert_eq!(shown.stage, stage.number);
            assert_eq!(shown.opened.iso, stage.opened.to_string());
            assert_eq!(shown.assumed, stage.assumed);
            assert_eq!(
                shown.acknowledge_by.iso,
                stage.deadlines.acknowledge_by.to_string()
            );
            assert_eq!(shown.respond_by.iso, stage.deadlines.respond_by.to_string());
            assert_eq!(
                shown.extension_limit.iso,
                stage.deadlines.extension_limit.to_string()
            );
        }
        assert!(view.stages[2].assumed && !view.stages[1].assumed);
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
