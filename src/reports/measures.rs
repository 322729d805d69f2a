//! The KPI engine: for a period, the measures of each stage, overall and by
//! service area, and the figures beyond the stages (received by month,
//! category and channel; service requests and excluded matters; outcomes
//! overturned at stage 2; Ombudsman referrals; overdue actions; the
//! learning), with the previous period and the same period last year beside
//! them. Pure: facts, a calendar and a day in, figures out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::facts::{Facts, StageFact, TriageKind};
use super::period::Period;
use crate::calendar::Calendar;
use crate::case::Outcome;

/// The measures of one stage over a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageMeasures {
    /// Stages opened in the period.
    pub received: u32,
    /// Of those, acknowledged by the acknowledge-by date.
    pub acknowledged_on_time: u32,
    /// Stages responded to in the period.
    pub responded: u32,
    /// Of those, responded to by the respond-by date with any agreed
    /// extension.
    pub responded_within_timescale: u32,
    /// Of those, responded to within the original timescale.
    pub responded_within_original_timescale: u32,
    /// `responded_within_timescale` as a percentage of `responded`, to one
    /// decimal place; `None` when nothing was responded to.
    pub pct_responded_within_timescale: Option<f64>,
    /// Responses in the period upheld.
    pub upheld: u32,
    /// Responses in the period partly upheld.
    pub partly_upheld: u32,
    /// Responses in the period not upheld.
    pub not_upheld: u32,
    /// Stages opened in the period that have since gone to the next stage.
    pub escalated: u32,
    /// The mean working days from opening to acknowledgement, of the stages
    /// opened in the period and acknowledged.
    pub avg_working_days_to_acknowledge: Option<f64>,
    /// The mean working days from opening to response, of the responses in
    /// the period.
    pub avg_working_days_to_respond: Option<f64>,
}

/// One figure of a stage, by kind, for tables to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A number of stages.
    Count(u32),
    /// A percentage, if there was anything to count.
    Percent(Option<f64>),
    /// A mean number of working days, if there was anything to count.
    Days(Option<f64>),
}

impl Figure {
    /// How it is written: `count`, `pct` or `days`.
    pub fn kind(&self) -> &'static str {
        match self {
            Figure::Count(_) => "count",
            Figure::Percent(_) => "pct",
            Figure::Days(_) => "days",
        }
    }
}

impl StageMeasures {
    /// Every stage measure's key and how it is written, in the order
    /// tables list them (the CSV's, the PDF's and the screen's).
    pub fn layout() -> Vec<(&'static str, &'static str)> {
        StageMeasures::default()
            .figures()
            .iter()
            .map(|(key, figure)| (*key, figure.kind()))
            .collect()
    }

    /// Every measure with its key, in the order tables list them: the one
    /// list the CSV and the PDF read.
    pub fn figures(&self) -> [(&'static str, Figure); 12] {
        use Figure::{Count, Days, Percent};
        [
            ("received", Count(self.received)),
            ("acknowledged_on_time", Count(self.acknowledged_on_time)),
            ("responded", Count(self.responded)),
            (
                "responded_within_timescale",
                Count(self.responded_within_timescale),
            ),
            (
                "pct_responded_within_timescale",
                Percent(self.pct_responded_within_timescale),
            ),
            (
                "responded_within_original_timescale",
                Count(self.responded_within_original_timescale),
            ),
            ("upheld", Count(self.upheld)),
            ("partly_upheld", Count(self.partly_upheld)),
            ("not_upheld", Count(self.not_upheld)),
            ("escalated", Count(self.escalated)),
            (
                "avg_working_days_to_acknowledge",
                Days(self.avg_working_days_to_acknowledge),
            ),
            (
                "avg_working_days_to_respond",
                Days(self.avg_working_days_to_respond),
            ),
        ]
    }
}

/// The measures of each stage: serialised as `{"stage1": ..., "stage2": ...}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageSet(pub Vec<StageMeasures>);

impl StageSet {
    /// Stage `number`'s measures (1-based); zeros past the end.
    pub fn stage(&self, number: usize) -> StageMeasures {
        number
            .checked_sub(1)
            .and_then(|i| self.0.get(i))
            .cloned()
            .unwrap_or_default()
    }
}

impl Serialize for StageSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (i, measures) in self.0.iter().enumerate() {
            map.serialize_entry(&format!("stage{}", i + 1), measures)?;
        }
        map.end()
    }
}

/// One service area's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaFigures {
    /// The service area, as the cases carry it.
    pub name: String,
    /// Its stages' measures.
    #[serde(flatten)]
    pub stages: StageSet,
}

/// The stage measures for a period, overall and by service area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// The period as people say it ("Q1 2026/27").
    pub label: String,
    /// All service areas together.
    pub overall: StageSet,
    /// Each service area, by name.
    pub service_areas: Vec<AreaFigures>,
}

/// A count under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted.
    pub name: String,
    /// How many.
    pub count: u32,
}

/// Complaints received in a month, by stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Stages opened that month.
    #[serde(flatten)]
    pub received: BTreeMap<String, u32>,
}

/// Outcomes changed on review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overturned {
    /// Stage 2 responses in the period.
    pub stage2_responded: u32,
    /// Of those, upheld or partly upheld where stage 1 was not upheld.
    pub overturned: u32,
    /// `overturned` as a percentage of `stage2_responded`.
    pub pct: Option<f64>,
}

/// The Ombudsman's part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmbudsmanFigures {
    /// Referrals the council learned of in the period.
    pub referrals: u32,
    /// Decisions made in the period.
    pub decided: u32,
    /// Those decisions, by what was decided.
    pub decisions: Vec<Count>,
    /// Remedies complied with in the period.
    pub complied: u32,
}

/// A lesson recorded in a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Learning {
    /// The case.
    pub reference: String,
    /// Its service area.
    pub service_area: String,
    /// The stage whose response recorded it.
    pub stage: usize,
    /// What was learned.
    pub learning: String,
    /// Service improvements made.
    pub improvements: String,
}

/// The whole report for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The stage measures, overall and by service area.
    #[serde(flatten)]
    pub figures: Figures,
    /// The plain mean of the service areas' percentages responded to within
    /// timescale, of the areas that responded to any (what some councils
    /// publish as "Average"; not the overall rate).
    pub mean_of_service_area_pct: BTreeMap<String, Option<f64>>,
    /// Stages opened, by month.
    pub received_by_month: Vec<MonthCount>,
    /// Stage 1 complaints received, by category.
    pub received_by_category: Vec<Count>,
    /// Stage 1 complaints received, by how they came in.
    pub received_by_channel: Vec<Count>,
    /// Service requests recorded in the period (not complaints).
    pub service_requests: u32,
    /// Matters recorded in the period and excluded from the procedure.
    pub excluded: u32,
    /// Stage 2 decisions that overturned stage 1.
    pub overturned: Overturned,
    /// Ombudsman referrals and decisions.
    pub ombudsman: OmbudsmanFigures,
    /// The day overdue actions are counted at: the period's end, or today
    /// if that is earlier.
    pub actions_as_at: NaiveDate,
    /// Actions due before that day and not done by it.
    pub actions_overdue: u32,
    /// The learning and improvements recorded in the period's responses.
    pub learning: Vec<Learning>,
    /// The period before, of the same length.
    pub previous_period: Figures,
    /// The same period a year earlier.
    pub same_period_last_year: Figures,
    /// What each measure means.
    pub definitions: Vec<Definition>,
}

/// What a measure means, as printed beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Definition {
    /// The measure's key.
    pub key: &'static str,
    /// Its name on tables (the council's word, where it has one).
    pub label: std::borrow::Cow<'static, str>,
    /// What it counts.
    pub definition: std::borrow::Cow<'static, str>,
}

const fn def(key: &'static str, label: &'static str, definition: &'static str) -> Definition {
    Definition {
        key,
        label: std::borrow::Cow::Borrowed(label),
        definition: std::borrow::Cow::Borrowed(definition),
    }
}

/// Every measure's name and meaning: the one list the JSON, CSV, PDF and
/// the screen use.
pub const DEFINITIONS: &[Definition] = &[
    def("received", "Received", "Stages opened in the period: complaints received (stage 1) or escalation requests received (stage 2 and on)."),
    def("acknowledged_on_time", "Acknowledged on time", "Of the stages received in the period, those acknowledged by their acknowledge-by date."),
    def("responded", "Responded", "Stages whose response was sent in the period, whenever they were received."),
    def("responded_within_timescale", "Within timescale", "Of the responses in the period, those sent by the respond-by date, including any extension agreed with the complainant. Each stage is judged by the timescales in force when it opened."),
    def("responded_within_original_timescale", "Within original timescale", "Of the responses in the period, those sent by the respond-by date before any extension."),
    def("pct_responded_within_timescale", "% within timescale", "Responses within timescale as a percentage of responses in the period, to one decimal place; blank when there were none. This is the overall rate, not an average of the service areas' percentages."),
    def("upheld", "Upheld", "Responses in the period that upheld the complaint."),
    def("partly_upheld", "Partly upheld", "Responses in the period that upheld part of the complaint."),
    def("not_upheld", "Not upheld", "Responses in the period that did not uphold the complaint."),
    def("escalated", "Escalated", "Of the stages received in the period, those that have since gone on to the next stage."),
    def("avg_working_days_to_acknowledge", "Average working days to acknowledge", "The mean number of working days from receipt to acknowledgement, of the stages received in the period and acknowledged."),
    def("avg_working_days_to_respond", "Average working days to respond", "The mean number of working days from receipt to response, of the responses in the period."),
    def("mean_of_service_area_pct", "Average of service areas", "The plain mean of the service areas' % within timescale, of the areas that responded to any complaints; shown because some councils publish it as \"Average\". It is not the overall rate."),
    def("overturned", "Overturned at stage 2", "Stage 2 responses in the period that upheld or partly upheld a complaint not upheld at stage 1, as a percentage of stage 2 responses in the period."),
    def("actions_overdue", "Actions overdue", "Actions promised in responses that were due before the period's end (or today, if earlier) and not done by then."),
];

/// The label of a measure key among `definitions` (the report's own: in
/// the council's words where it has them).
pub fn label<'a>(definitions: &'a [Definition], key: &str) -> &'a str {
    definitions
        .iter()
        .find(|d| d.key == key)
        .map_or("", |d| d.label.as_ref())
}

impl Report {
    /// The report in the council's own words for the outcomes: the
    /// measures' labels say them, and their definitions say which of
    /// Redress's outcomes each is. The figures are the same.
    pub fn in_council_words(mut self, words: &crate::settings::OutcomeWords) -> Report {
        use crate::case::Outcome;
        for (key, outcome) in [
            ("upheld", Outcome::Upheld),
            ("partly_upheld", Outcome::PartlyUpheld),
            ("not_upheld", Outcome::NotUpheld),
        ] {
            if let (Some(word), Some(d)) = (
                words.word(outcome),
                self.definitions.iter_mut().find(|d| d.key == key),
            ) {
                d.definition = format!(
                    "{} (recorded as {}.)",
                    d.definition.trim_end_matches('.'),
                    outcome.label().to_lowercase()
                )
                .into();
                d.label = word.to_owned().into();
            }
        }
        self
    }
}

/// A percentage to one decimal place, `None` of nothing.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

fn mean(total: i64, count: u32) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    (count > 0).then(|| (total as f64 * 10.0 / f64::from(count)).round() / 10.0)
}

/// The measures of one stage number over `period`, from its stages.
fn stage_measures<'a>(
    stages: impl Iterator<Item = &'a StageFact>,
    period: &Period,
    calendar: &Calendar,
) -> StageMeasures {
    let mut m = StageMeasures::default();
    let (mut ack_days, mut ack_count, mut respond_days) = (0i64, 0u32, 0i64);
    for stage in stages {
        if period.contains(stage.opened_on) {
            m.received += 1;
            if let Some(ack) = stage.acknowledged_on {
                if ack <= stage.acknowledge_by {
                    m.acknowledged_on_time += 1;
                }
                ack_days += calendar.working_days_between(stage.opened_on, ack).max(0);
                ack_count += 1;
            }
            if stage.escalated {
                m.escalated += 1;
            }
        }
        if let Some(on) = stage.responded_on.filter(|on| period.contains(*on)) {
            m.responded += 1;
            if on <= stage.respond_by {
                m.responded_within_timescale += 1;
            }
            if on <= stage.original_respond_by {
                m.responded_within_original_timescale += 1;
            }
            match stage.outcome {
                Some(Outcome::Upheld) => m.upheld += 1,
                Some(Outcome::PartlyUpheld) => m.partly_upheld += 1,
                Some(Outcome::NotUpheld) => m.not_upheld += 1,
                None => {}
            }
            respond_days += calendar.working_days_between(stage.opened_on, on).max(0);
        }
    }
    m.pct_responded_within_timescale = percent(m.responded_within_timescale, m.responded);
    m.avg_working_days_to_acknowledge = mean(ack_days, ack_count);
    m.avg_working_days_to_respond = mean(respond_days, m.responded);
    m
}

fn stage_set(
    stages: &[&StageFact],
    count: usize,
    period: &Period,
    calendar: &Calendar,
) -> StageSet {
    StageSet(
        (1..=count)
            .map(|n| {
                stage_measures(
                    stages.iter().copied().filter(|s| s.number == n),
                    period,
                    calendar,
                )
            })
            .collect(),
    )
}

/// The service areas a report lists: every one the council has, and any
/// other a case carries, by name.
fn area_names(facts: &Facts) -> Vec<String> {
    let mut names: Vec<String> = facts.service_areas.clone();
    for stage in &facts.stages {
        if !names.iter().any(|n| n == &stage.service_area) {
            names.push(stage.service_area.clone());
        }
    }
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup();
    names
}

/// The stage measures for `period`, overall and by service area.
pub fn figures(facts: &Facts, period: Period, calendar: &Calendar) -> Figures {
    let count = facts.stage_count.max(2);
    // Only stages opened or answered in the period count towards anything.
    let relevant: Vec<&StageFact> = facts
        .stages
        .iter()
        .filter(|s| period.contains(s.opened_on) || period.holds(s.responded_on))
        .collect();
    let mut by_area: BTreeMap<&str, Vec<&StageFact>> = BTreeMap::new();
    for stage in &relevant {
        by_area.entry(&stage.service_area).or_default().push(stage);
    }
    let service_areas = area_names(facts)
        .into_iter()
        .map(|name| {
            let stages = by_area.get(name.as_str()).map_or(&[][..], Vec::as_slice);
            AreaFigures {
                stages: stage_set(stages, count, &period, calendar),
                name,
            }
        })
        .collect();
    Figures {
        from: period.from,
        to: period.to,
        label: period.label(),
        overall: stage_set(&relevant, count, &period, calendar),
        service_areas,
    }
}

fn counts(mut map: BTreeMap<String, u32>) -> Vec<Count> {
    let mut out: Vec<Count> = std::mem::take(&mut map)
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The whole report for `period`, with `today` bounding the overdue actions.
pub fn report(facts: &Facts, period: Period, calendar: &Calendar, today: NaiveDate) -> Report {
    let figures_now = figures(facts, period, calendar);
    let count = figures_now.overall.0.len();
    let mean_of_service_area_pct = (1..=count)
        .map(|n| {
            let pcts: Vec<f64> = figures_now
                .service_areas
                .iter()
                .filter_map(|a| a.stages.stage(n).pct_responded_within_timescale)
                .collect();
            #[allow(clippy::cast_precision_loss)]
            let mean = (!pcts.is_empty())
                .then(|| (pcts.iter().sum::<f64>() * 10.0 / pcts.len() as f64).round() / 10.0);
            (format!("stage{n}"), mean)
        })
        .collect();
    let mut months: BTreeMap<String, BTreeMap<String, u32>> = period
        .months()
        .into_iter()
        .map(|m| {
            let stages = (1..=count).map(|n| (format!("stage{n}"), 0)).collect();
            (m, stages)
        })
        .collect();
    for stage in facts.stages.iter().filter(|s| period.contains(s.opened_on)) {
        let month = stage.opened_on.format("%Y-%m").to_string();
        if let Some(slot) = months
            .get_mut(&month)
            .and_then(|m| m.get_mut(&format!("stage{}", stage.number)))
        {
            *slot += 1;
        }
    }
    let (mut categories, mut channels) = (BTreeMap::new(), BTreeMap::new());
    let (mut service_requests, mut excluded) = (0, 0);
    for case in facts
        .cases
        .iter()
        .filter(|c| period.contains(c.received_on))
    {
        match case.triage {
            TriageKind::Complaint => {
                let category = case
                    .category
                    .clone()
                    .unwrap_or_else(|| "No category".to_owned());
                *categories.entry(category).or_insert(0) += 1;
                *channels.entry(case.channel.label().to_owned()).or_insert(0) += 1;
            }
            TriageKind::ServiceRequest => service_requests += 1,
            TriageKind::Excluded => excluded += 1,
        }
    }
    let stage2: Vec<&StageFact> = facts
        .stages
        .iter()
        .filter(|s| s.number == 2 && period.holds(s.responded_on))
        .collect();
    let overturned_count = stage2
        .iter()
        .filter(|s| {
            matches!(s.outcome, Some(Outcome::Upheld | Outcome::PartlyUpheld))
                && s.earlier_outcome == Some(Outcome::NotUpheld)
        })
        .count() as u32;
    let stage2_responded = stage2.len() as u32;
    let mut decisions = BTreeMap::new();
    let mut decided = 0;
    for referral in facts
        .referrals
        .iter()
        .filter(|r| period.holds(r.decided_on))
    {
        decided += 1;
        *decisions.entry(referral.decision.clone()).or_insert(0) += 1;
    }
    let actions_as_at = period.to.min(today);
    let actions_overdue = facts
        .actions
        .iter()
        .filter(|a| a.due_on < actions_as_at && a.done_on.is_none_or_after(actions_as_at))
        .count() as u32;
    let mut learning: Vec<Learning> = facts
        .stages
        .iter()
        .filter(|s| period.holds(s.responded_on))
        .filter(|s| !s.learning.trim().is_empty() || !s.improvements.trim().is_empty())
        .map(|s| Learning {
            reference: s.reference.clone(),
            service_area: s.service_area.clone(),
            stage: s.number,
            learning: s.learning.trim().to_owned(),
            improvements: s.improvements.trim().to_owned(),
        })
        .collect();
    learning.sort_by(|a, b| {
        (a.service_area.as_str(), a.reference.as_str(), a.stage).cmp(&(
            b.service_area.as_str(),
            b.reference.as_str(),
            b.stage,
        ))
    });
    Report {
        previous_period: figures(facts, period.previous(), calendar),
        same_period_last_year: figures(facts, period.year_before(), calendar),
        figures: figures_now,
        mean_of_service_area_pct,
        received_by_month: months
            .into_iter()
            .map(|(month, received)| MonthCount { month, received })
            .collect(),
        received_by_category: counts(categories),
        received_by_channel: counts(channels),
        service_requests,
        excluded,
        overturned: Overturned {
            stage2_responded,
            overturned: overturned_count,
            pct: percent(overturned_count, stage2_responded),
        },
        ombudsman: OmbudsmanFigures {
            referrals: facts
                .referrals
                .iter()
                .filter(|r| period.contains(r.referred_on))
                .count() as u32,
            decided,
            decisions: counts(decisions),
            complied: facts
                .referrals
                .iter()
                .filter(|r| period.holds(r.complied_on))
                .count() as u32,
        },
        actions_as_at,
        actions_overdue,
        learning,
        definitions: DEFINITIONS.to_vec(),
    }
}

/// Whether an optional completion date leaves a thing outstanding on a day.
trait Outstanding {
    fn is_none_or_after(&self, day: NaiveDate) -> bool;
}

impl Outstanding for Option<NaiveDate> {
    fn is_none_or_after(&self, day: NaiveDate) -> bool {
        match self {
            None => true,
            Some(done) => *done > day,
        }
    }
}
