//! The deadlines of one stage, derived from its dates, the council's policy
//! for that stage and its calendar. Deadlines are never typed in by hand.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::policy::{ResponseClock, StagePolicy};

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
