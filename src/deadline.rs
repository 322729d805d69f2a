//! The deadlines of one stage, derived from its dates, the council's policy
//! for that stage and its calendar; and every stage of a policy projected
//! from what is known of a complaint (the one projection both deadline
//! calculators show). Deadlines are never typed in by hand.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::policy::{Policy, ResponseClock, StagePolicy};

/// The dates a stage has so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDates {
    /// When the complaint, or the request to escalate it, was received.
    pub opened: NaiveDate,
    /// When it was acknowledged, if it has been.
    pub acknowledged: Option<NaiveDate>,
    /// Working days of extension agreed with the complainant so far.
    pub extension_days: u32,
}

impl StageDates {
    /// A stage received on `opened`, not yet acknowledged or extended.
    pub fn opened(opened: NaiveDate) -> StageDates {
        StageDates {
            opened,
            acknowledged: None,
            extension_days: 0,
        }
    }
}

/// What a stage must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StageDeadlines {
    /// The last day to acknowledge.
    pub acknowledge_by: NaiveDate,
    /// The last day to respond, with any agreed extension.
    pub respond_by: NaiveDate,
    /// The response date before any extension.
    pub original_respond_by: NaiveDate,
    /// The latest date an extension may reach without a recorded good reason.
    pub extension_limit: NaiveDate,
}

/// Works out a stage's deadlines.
///
/// The response is counted from receipt, or from the acknowledgement when the
/// policy says so: the actual acknowledgement if there has been one, otherwise
/// the date it was due.
pub fn stage_deadlines(
    calendar: &Calendar,
    policy: &StagePolicy,
    dates: &StageDates,
) -> StageDeadlines {
    let acknowledge_by = calendar.add_working_days(dates.opened, policy.acknowledge_days);
    let clock_start = match policy.response_from {
        ResponseClock::Receipt => dates.opened,
        ResponseClock::Acknowledgement => dates.acknowledged.unwrap_or(acknowledge_by),
    };
    let original_respond_by = calendar.add_working_days(clock_start, policy.response_days);
    StageDeadlines {
        acknowledge_by,
        respond_by: calendar.add_working_days(original_respond_by, dates.extension_days),
        original_respond_by,
        extension_limit: calendar
            .add_working_days(original_respond_by, policy.extension_limit_days),
    }
}

/// What is known of a complaint when projecting its deadlines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// When each stage was opened, stage 1 first: the complaint received,
    /// then each escalation asked for. A stage not given (and every one
    /// after it) is assumed to open on the day the stage before had to
    /// respond by.
    pub opened: Vec<Option<NaiveDate>>,
    /// When each stage was acknowledged, stage 1 first, where it was.
    pub acknowledged: Vec<Option<NaiveDate>>,
}

/// One stage of a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectedStage {
    /// Its number, from 1.
    pub number: usize,
    /// When it opened.
    pub opened: NaiveDate,
    /// Whether that date is assumed (the stage before's response date)
    /// rather than given.
    pub assumed: bool,
    /// What it must meet.
    pub deadlines: StageDeadlines,
}

/// Every stage of `policy`, from a complaint `received` on that day: each
/// stage's deadlines from the day it opened and its acknowledgement, if
/// given; a later stage whose opening is not given opens on the day the
/// stage before had to respond by.
pub fn project(
    calendar: &Calendar,
    policy: &Policy,
    received: NaiveDate,
    known: &Known,
) -> Vec<ProjectedStage> {
    let mut stages: Vec<ProjectedStage> = Vec::with_capacity(policy.stages().len());
    for (index, timescales) in policy.stages().iter().enumerate() {
        let given = match index {
            0 => Some(received),
            _ => known.opened.get(index).copied().flatten(),
        };
        let (opened, assumed) = match (given, stages.last()) {
            (Some(date), _) => (date, false),
            (None, Some(previous)) => (previous.deadlines.respond_by, true),
            (None, None) => (received, false),
        };
        let dates = StageDates {
            acknowledged: known.acknowledged.get(index).copied().flatten(),
            ..StageDates::opened(opened)
        };
        stages.push(ProjectedStage {
            number: index + 1,
            opened,
            assumed,
            deadlines: stage_deadlines(calendar, timescales, &dates),
        });
    }
    stages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Nation;
    use crate::policy::Policy;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn code_stage(n: usize) -> StagePolicy {
        *Policy::complaint_handling_code()
            .stage(n)
            .expect("stage exists")
    }

    #[test]
    fn a_projection_opens_each_later_stage_when_the_one_before_must_respond() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        let three = Policy::new(
            "Three stages",
            vec![code_stage(1), code_stage(2), code_stage(2)],
        )
        .expect("policy");
        let stages = project(&cal, &three, d(2026, 11, 2), &Known::default());
        let opened: Vec<_> = stages
            .iter()
            .map(|s| (s.number, s.opened, s.assumed))
            .collect();
        assert_eq!(
            opened,
            vec![
                (1, d(2026, 11, 2), false),
                (2, d(2026, 11, 23), true),
                (3, stages[1].deadlines.respond_by, true),
            ]
        );
        // A given escalation and acknowledgement are used as given.
        let known = Known {
            opened: vec![None, Some(d(2026, 11, 25)), None],
            acknowledged: vec![Some(d(2026, 11, 3)), Some(d(2026, 11, 26))],
        };
        let stages = project(&cal, &three, d(2026, 11, 2), &known);
        assert_eq!(stages[0].deadlines.respond_by, d(2026, 11, 17));
        assert_eq!(
            (stages[1].opened, stages[1].assumed),
            (d(2026, 11, 25), false)
        );
        let dates = StageDates {
            acknowledged: Some(d(2026, 11, 26)),
            ..StageDates::opened(d(2026, 11, 25))
        };
        assert_eq!(
            stages[1].deadlines,
            stage_deadlines(&cal, &code_stage(2), &dates)
        );
        assert_eq!(stages[2].opened, stages[1].deadlines.respond_by);
    }

    #[test]
    fn stage_one_from_the_due_acknowledgement() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        // Mon 2 Nov 2026: ack by Mon 9 Nov, respond 10 working days later.
        let deadlines = stage_deadlines(&cal, &code_stage(1), &StageDates::opened(d(2026, 11, 2)));
        assert_eq!(deadlines.acknowledge_by, d(2026, 11, 9));
        assert_eq!(deadlines.respond_by, d(2026, 11, 23));
        assert_eq!(deadlines.extension_limit, d(2026, 12, 7));
    }

    #[test]
    fn an_early_acknowledgement_starts_the_clock_early() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        let dates = StageDates {
            acknowledged: Some(d(2026, 11, 3)),
            ..StageDates::opened(d(2026, 11, 2))
        };
        let deadlines = stage_deadlines(&cal, &code_stage(1), &dates);
        assert_eq!(deadlines.acknowledge_by, d(2026, 11, 9));
        assert_eq!(deadlines.respond_by, d(2026, 11, 17));
    }

    #[test]
    fn an_extension_moves_the_response_not_the_limit() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        let dates = StageDates {
            extension_days: 5,
            ..StageDates::opened(d(2026, 11, 2))
        };
        let deadlines = stage_deadlines(&cal, &code_stage(1), &dates);
        assert_eq!(deadlines.original_respond_by, d(2026, 11, 23));
        assert_eq!(deadlines.respond_by, d(2026, 11, 30));
        assert_eq!(deadlines.extension_limit, d(2026, 12, 7));
    }

    #[test]
    fn counted_from_receipt() {
        let cal = Calendar::new(Nation::EnglandAndWales);
        let stage = StagePolicy {
            response_from: ResponseClock::Receipt,
            ..code_stage(1)
        };
        let deadlines = stage_deadlines(&cal, &stage, &StageDates::opened(d(2026, 11, 2)));
        assert_eq!(deadlines.respond_by, d(2026, 11, 16));
    }
}
