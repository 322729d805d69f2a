//! What a case must meet next: the deadlines of its stages and actions, worked
//! out from its dates, the policy and the calendar, and how urgent they are.

use chrono::NaiveDate;

use super::model::{Case, Stage};
use crate::calendar::Calendar;

/// The slug of the Ombudsman compliance deadline.
const COMPLY_SLUG: &str = "comply-ombudsman";

/// The next thing a case must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Acknowledge the stage.
    Acknowledge(usize),
    /// Respond to the stage.
    Respond(usize),
    /// Complete the action with this number.
    Action(u32),
    /// Comply with the Ombudsman's remedy.
    ComplyWithOmbudsman,
}

impl Due {
    /// The stable identifier stored with the case, such as `respond-1`.
    pub fn slug(self) -> String {
        match self {
            Due::Acknowledge(stage) => format!("acknowledge-{stage}"),
            Due::Respond(stage) => format!("respond-{stage}"),
            Due::Action(number) => format!("action-{number}"),
            Due::ComplyWithOmbudsman => COMPLY_SLUG.to_owned(),
        }
    }

    /// Reads back what [`Due::slug`] wrote.
    pub fn from_slug(slug: &str) -> Option<Due> {
        if slug == COMPLY_SLUG {
            return Some(Due::ComplyWithOmbudsman);
        }
        let (what, n) = slug.rsplit_once('-')?;
        match what {
            "acknowledge" => n.parse().ok().map(Due::Acknowledge),
            "respond" => n.parse().ok().map(Due::Respond),
            "action" => n.parse().ok().map(Due::Action),
            _ => None,
        }
    }

    /// Words for people, such as `stage 1 response`.
    pub fn describe(self) -> String {
        match self {
            Due::Acknowledge(stage) => format!("stage {stage} acknowledgement"),
            Due::Respond(stage) => format!("stage {stage} response"),
            Due::Action(number) => format!("action {number}"),
            Due::ComplyWithOmbudsman => "compliance with the Ombudsman's decision".to_owned(),
        }
    }
}

/// A deadline and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextDue {
    /// The last day.
    pub on: NaiveDate,
    /// What must be done by then.
    pub what: Due,
}

/// How pressing a deadline is, today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// The date has passed.
    Overdue,
    /// Due today.
    DueToday,
    /// Due within the next two working days.
    DueSoon,
    /// Further off.
    OnTrack,
}

impl Urgency {
    /// Where `due` stands on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate, calendar: &Calendar) -> Urgency {
        if due < today {
            Urgency::Overdue
        } else if due == today {
            Urgency::DueToday
        } else if calendar.working_days_between(today, due) <= 2 {
            Urgency::DueSoon
        } else {
            Urgency::OnTrack
        }
    }

    /// The stable identifier.
    pub fn slug(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueToday => "due-today",
            Urgency::DueSoon => "due-soon",
            Urgency::OnTrack => "on-track",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Overdue => "Overdue",
            Urgency::DueToday => "Due today",
            Urgency::DueSoon => "Due within 2 working days",
            Urgency::OnTrack => "On track",
        }
    }
}

/// Where a case stands on an officer's caseload: the groups "My caseload"
/// shows, which between them hold every open case once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Horizon {
    /// Its deadline has passed.
    Overdue,
    /// Due today.
    DueToday,
    /// Due after today, by the end of this week.
    DueThisWeek,
    /// Due after this week.
    Later,
    /// Nothing is due: answered and waiting to be closed, or for an
    /// escalation request.
    WaitingToClose,
}

/// The next deadlines a caseload group holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HorizonDates {
    /// Cases with a next deadline on or after `from` and on or before `to`
    /// (either end open when `None`).
    Between {
        /// The first day, if bounded.
        from: Option<NaiveDate>,
        /// The last day, if bounded.
        to: Option<NaiveDate>,
    },
    /// Cases with nothing due.
    NothingDue,
}

impl HorizonDates {
    /// Whether a case whose next deadline is `due` is in the group.
    pub fn holds(self, due: Option<NaiveDate>) -> bool {
        match (self, due) {
            (HorizonDates::NothingDue, due) => due.is_none(),
            (HorizonDates::Between { .. }, None) => false,
            (HorizonDates::Between { from, to }, Some(due)) => {
                from.map_or(true, |f| due >= f) && to.map_or(true, |t| due <= t)
            }
        }
    }
}

impl Horizon {
    /// Every group, in the order the caseload shows them.
    pub const ALL: [Horizon; 5] = [
        Horizon::Overdue,
        Horizon::DueToday,
        Horizon::DueThisWeek,
        Horizon::Later,
        Horizon::WaitingToClose,
    ];

    /// The next deadlines this group holds, as of `today`: the one place
    /// the groups are drawn (the caseload's queries ask the store for
    /// these, and `of` places one case by them). The week ends on Sunday:
    /// Friday's deadlines are "this week" on Monday.
    pub fn dates(self, today: NaiveDate) -> HorizonDates {
        use chrono::Datelike;
        let days_to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
        let week_end = today + chrono::Duration::days(days_to_sunday);
        let yesterday = today.pred_opt().unwrap_or(today);
        let (from, to) = match self {
            Horizon::Overdue => (None, Some(yesterday)),
            Horizon::DueToday => (Some(today), Some(today)),
            Horizon::DueThisWeek => (today.succ_opt(), Some(week_end)),
            Horizon::Later => (week_end.succ_opt(), None),
            Horizon::WaitingToClose => return HorizonDates::NothingDue,
        };
        HorizonDates::Between { from, to }
    }

    /// The group of a case whose next deadline is `due` (none: waiting).
    pub fn of(due: Option<NaiveDate>, today: NaiveDate) -> Horizon {
        Horizon::ALL
            .into_iter()
            .find(|h| h.dates(today).holds(due))
            .unwrap_or(Horizon::Later)
    }

    /// The stable identifier.
    pub fn slug(self) -> &'static str {
        match self {
            Horizon::Overdue => "overdue",
            Horizon::DueToday => "due-today",
            Horizon::DueThisWeek => "due-this-week",
            Horizon::Later => "later",
            Horizon::WaitingToClose => "waiting-to-close",
        }
    }

    /// Its heading.
    pub fn label(self) -> &'static str {
        match self {
            Horizon::Overdue => "Overdue",
            Horizon::DueToday => "Due today",
            Horizon::DueThisWeek => "Due this week",
            Horizon::Later => "Later",
            Horizon::WaitingToClose => "Waiting to close",
        }
    }

    /// What the group means, and what to do with it.
    pub fn hint(self) -> &'static str {
        match self {
            Horizon::Overdue => "The deadline has passed: deal with these first.",
            Horizon::DueToday => "Due by the end of today.",
            Horizon::DueThisWeek => "Due after today and by the end of this week.",
            Horizon::Later => "Due after this week.",
            Horizon::WaitingToClose => "Answered, with nothing due: close the case once the person has had the response, or wait for their escalation request.",
        }
    }
}

impl Case {
    /// Every deadline a case must still meet: an open case's current
    /// stage's acknowledgement or response (none once answered) and each
    /// outstanding action's due date; and, open or closed, the date the
    /// Ombudsman set for complying with its decision until compliance is
    /// recorded (a council often closes its own case before the Ombudsman
    /// decides).
    pub fn deadlines(&self) -> Vec<NextDue> {
        let comply = self
            .referral
            .as_ref()
            .filter(|referral| referral.complied_on.is_none())
            .and_then(|referral| referral.comply_by)
            .map(|on| NextDue {
                on,
                what: Due::ComplyWithOmbudsman,
            });
        if !self.is_open() {
            return comply.into_iter().collect();
        }
        let stage_due = self.current_stage().and_then(|stage: &Stage| {
            match (stage.acknowledged_on, stage.responded_on) {
                // Answered (imported history may lack the acknowledgement).
                (_, Some(_)) => None,
                (None, None) if stage.timescales.acknowledges() => Some(NextDue {
                    on: stage.deadlines.acknowledge_by,
                    what: Due::Acknowledge(stage.number),
                }),
                (_, None) => Some(NextDue {
                    on: stage.deadlines.respond_by,
                    what: Due::Respond(stage.number),
                }),
            }
        });
        stage_due
            .into_iter()
            .chain(
                self.actions
                    .iter()
                    .filter(|action| action.done_on.is_none())
                    .map(|action| NextDue {
                        on: action.due_on,
                        what: Due::Action(action.number),
                    }),
            )
            .chain(comply)
            .collect()
    }

    /// The earliest thing this case still has to do, if any. Stage
    /// deadlines are those fixed on the stage (by the timescales it opened
    /// with); a policy change never moves them.
    pub fn next_due(&self) -> Option<NextDue> {
        self.deadlines().into_iter().min_by_key(|due| due.on)
    }
}

#[cfg(test)]
mod tests {
    use super::Due;

    #[test]
    fn the_caseload_groups_hold_every_case_once_and_the_week_ends_on_sunday() {
        use super::Horizon;
        let d = |text: &str| crate::dates::parse_date(text).expect("date");
        let wednesday = d("2026-11-25");
        assert_eq!(Horizon::of(None, wednesday), Horizon::WaitingToClose);
        assert_eq!(
            Horizon::of(Some(d("2026-11-24")), wednesday),
            Horizon::Overdue
        );
        assert_eq!(Horizon::of(Some(wednesday), wednesday), Horizon::DueToday);
        assert_eq!(
            Horizon::of(Some(d("2026-11-27")), wednesday),
            Horizon::DueThisWeek
        );
        assert_eq!(
            Horizon::of(Some(d("2026-11-29")), wednesday),
            Horizon::DueThisWeek
        );
        assert_eq!(
            Horizon::of(Some(d("2026-11-30")), wednesday),
            Horizon::Later
        );
        let sunday = d("2026-11-29");
        assert_eq!(Horizon::of(Some(d("2026-11-30")), sunday), Horizon::Later);
    }

    #[test]
    fn slugs_read_back() {
        for due in [
            Due::Acknowledge(1),
            Due::Respond(3),
            Due::Action(12),
            Due::ComplyWithOmbudsman,
        ] {
            assert_eq!(Due::from_slug(&due.slug()), Some(due));
        }
        assert_eq!(Due::from_slug("respond-x"), None);
        assert_eq!(Due::from_slug("nonsense"), None);
    }
}
