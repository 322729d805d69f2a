//! The measures on a small set of stages worked out by hand: the period's
//! boundaries, a late response, an extension, a stage still open, a stage
//! received in the period before, and a service area with nothing to report.

use chrono::NaiveDate;

use super::*;
use crate::calendar::{Calendar, Nation};
use crate::case::{Channel, Outcome};

fn d(text: &str) -> NaiveDate {
    crate::dates::parse_date(text).expect("date")
}

struct S {
    area: &'static str,
    number: usize,
    opened: &'static str,
    ack: Option<&'static str>,
    responded: Option<&'static str>,
    outcome: Option<Outcome>,
    ack_by: &'static str,
    respond_by: &'static str,
    original: &'static str,
    escalated: bool,
    earlier: Option<Outcome>,
}

fn stage(reference: &str, s: S) -> StageFact {
    StageFact {
        reference: reference.to_owned(),
        service_area: s.area.to_owned(),
        number: s.number,
        opened_on: d(s.opened),
        acknowledged_on: s.ack.map(d),
        responded_on: s.responded.map(d),
        outcome: s.outcome,
        acknowledge_by: d(s.ack_by),
        respond_by: d(s.respond_by),
        original_respond_by: d(s.original),
        escalated: s.escalated,
        earlier_outcome: s.earlier,
        learning: String::new(),
        improvements: String::new(),
    }
}

fn facts() -> Facts {
    let mut a = stage(
        "A",
        S {
            area: "Housing",
            number: 1,
            opened: "2026-04-01",
            ack: Some("2026-04-02"),
            responded: Some("2026-04-14"),
            outcome: Some(Outcome::Upheld),
            ack_by: "2026-04-09",
            respond_by: "2026-04-16",
            original: "2026-04-16",
            escalated: false,
            earlier: None,
        },
    );
    a.improvements = "Repairs now booked on the first call".to_owned();
    Facts {
        stages: vec![
            a,
            // Received in the quarter before, answered late in this one,
            // then escalated.
            stage(
                "B",
                S {
                    area: "Housing",
                    number: 1,
                    opened: "2026-03-30",
                    ack: Some("2026-03-31"),
                    responded: Some("2026-04-20"),
                    outcome: Some(Outcome::NotUpheld),
                    ack_by: "2026-04-07",
                    respond_by: "2026-04-15",
                    original: "2026-04-15",
                    escalated: true,
                    earlier: None,
                },
            ),
            // Its stage 2: extended, answered on the quarter's last day.
            stage(
                "B",
                S {
                    area: "Housing",
                    number: 2,
                    opened: "2026-04-22",
                    ack: Some("2026-04-23"),
                    responded: Some("2026-06-30"),
                    outcome: Some(Outcome::PartlyUpheld),
                    ack_by: "2026-04-29",
                    respond_by: "2026-06-30",
                    original: "2026-05-20",
                    escalated: false,
                    earlier: Some(Outcome::NotUpheld),
                },
            ),
            // Received on the last day, not yet acknowledged.
            stage(
                "D",
                S {
                    area: "Housing",
                    number: 1,
                    opened: "2026-06-30",
                    ack: None,
                    responded: None,
                    outcome: None,
                    ack_by: "2026-07-07",
                    respond_by: "2026-07-14",
                    original: "2026-07-14",
                    escalated: false,
                    earlier: None,
                },
            ),
            // The day after the quarter.
            stage(
                "E",
                S {
                    area: "Housing",
                    number: 1,
                    opened: "2026-07-01",
                    ack: Some("2026-07-01"),
                    responded: None,
                    outcome: None,
                    ack_by: "2026-07-08",
                    respond_by: "2026-07-15",
                    original: "2026-07-15",
                    escalated: false,
                    earlier: None,
                },
            ),
            // Acknowledged late, answered on its last day.
            stage(
                "F",
                S {
                    area: "Waste",
                    number: 1,
                    opened: "2026-05-01",
                    ack: Some("2026-05-12"),
                    responded: Some("2026-05-15"),
                    outcome: Some(Outcome::NotUpheld),
                    ack_by: "2026-05-08",
                    respond_by: "2026-05-15",
                    original: "2026-05-15",
                    escalated: false,
                    earlier: None,
                },
            ),
        ],
        cases: vec![
            CaseFact {
                received_on: d("2026-04-01"),
                service_area: "Housing".to_owned(),
                category: Some("Repairs".to_owned()),
                channel: Channel::Email,
                triage: TriageKind::Complaint,
            },
            CaseFact {
                received_on: d("2026-05-01"),
                service_area: "Waste".to_owned(),
                category: None,
                channel: Channel::Phone,
                triage: TriageKind::Complaint,
            },
            CaseFact {
                received_on: d("2026-06-30"),
                service_area: "Housing".to_owned(),
                category: Some("Repairs".to_owned()),
                channel: Channel::Email,
                triage: TriageKind::Complaint,
            },
            CaseFact {
                received_on: d("2026-05-05"),
                service_area: "Waste".to_owned(),
                category: None,
                channel: Channel::Phone,
                triage: TriageKind::ServiceRequest,
            },
            CaseFact {
                received_on: d("2026-03-05"),
                service_area: "Waste".to_owned(),
                category: None,
                channel: Channel::Phone,
                triage: TriageKind::Excluded,
            },
        ],
        referrals: vec![ReferralFact {
            service_area: "Housing".to_owned(),
            referred_on: d("2026-05-01"),
            decided_on: Some(d("2026-06-15")),
            decision: "Fault causing injustice".to_owned(),
            complied_on: None,
        }],
        actions: vec![
            ActionFact {
                service_area: "Housing".to_owned(),
                due_on: d("2026-06-01"),
                done_on: None,
            },
            ActionFact {
                service_area: "Housing".to_owned(),
                due_on: d("2026-06-10"),
                done_on: Some(d("2026-06-05")),
            },
            ActionFact {
                service_area: "Waste".to_owned(),
                due_on: d("2026-06-20"),
                done_on: Some(d("2026-07-02")),
            },
            ActionFact {
                service_area: "Waste".to_owned(),
                due_on: d("2026-07-05"),
                done_on: None,
            },
        ],
        service_areas: vec![
            "Housing".to_owned(),
            "Planning".to_owned(),
            "Waste".to_owned(),
        ],
        stage_count: 2,
    }
}

fn q1() -> Report {
    let period = Period::quarters(2026).expect("quarters")[0];
    report(
        &facts(),
        period,
        &Calendar::new(Nation::EnglandAndWales),
        d("2026-12-01"),
    )
}

#[test]
fn stage_1_measures_over_the_quarter() {
    let r = q1();
    let s1 = r.figures.overall.stage(1);
    assert_eq!(s1.received, 3, "A, D (the last day) and F; not B or E");
    assert_eq!(s1.acknowledged_on_time, 1, "A; F was late, D not yet");
    assert_eq!(s1.responded, 3, "A, B (received before) and F");
    assert_eq!(s1.responded_within_timescale, 2, "A and F; B was late");
    assert_eq!(s1.responded_within_original_timescale, 2);
    assert_eq!(s1.pct_responded_within_timescale, Some(66.7));
    assert_eq!((s1.upheld, s1.partly_upheld, s1.not_upheld), (1, 0, 2));
    assert_eq!(s1.escalated, 0, "B escalated, but was received before");
    // A: 1 working day; F: Fri 1 May to Tue 12 May over the May bank holiday, 6.
    assert_eq!(s1.avg_working_days_to_acknowledge, Some(3.5));
    // A 7 (over Easter), B 13, F 9: 29 / 3.
    assert_eq!(s1.avg_working_days_to_respond, Some(9.7));
}

#[test]
fn stage_2_counts_an_extension_and_the_last_day() {
    let s2 = q1().figures.overall.stage(2);
    assert_eq!(s2.received, 1);
    assert_eq!(s2.acknowledged_on_time, 1);
    assert_eq!(s2.responded, 1);
    assert_eq!(s2.responded_within_timescale, 1, "by the extended date");
    assert_eq!(
        s2.responded_within_original_timescale, 0,
        "not by the original date"
    );
    assert_eq!(s2.pct_responded_within_timescale, Some(100.0));
    assert_eq!(s2.partly_upheld, 1);
    assert_eq!(s2.avg_working_days_to_respond, Some(47.0));
}

#[test]
fn service_areas_each_and_one_with_nothing_to_report() {
    let r = q1();
    let names: Vec<&str> = r
        .figures
        .service_areas
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Housing", "Planning", "Waste"]);
    let housing = r.figures.service_areas[0].stages.stage(1);
    assert_eq!((housing.received, housing.responded), (2, 2));
    assert_eq!(housing.pct_responded_within_timescale, Some(50.0));
    let planning = r.figures.service_areas[1].stages.stage(1);
    assert_eq!(planning, StageMeasures::default());
    assert_eq!(planning.pct_responded_within_timescale, None);
    let waste = r.figures.service_areas[2].stages.stage(1);
    assert_eq!(waste.pct_responded_within_timescale, Some(100.0));
    // The mean of the areas that answered any: (50 + 100) / 2, not 66.7.
    assert_eq!(r.mean_of_service_area_pct["stage1"], Some(75.0));
}

#[test]
fn the_figures_beyond_the_stages() {
    let r = q1();
    assert_eq!(r.service_requests, 1);
    assert_eq!(r.excluded, 0, "the excluded matter was in March");
    assert_eq!(
        r.received_by_category,
        vec![
            Count {
                name: "Repairs".to_owned(),
                count: 2
            },
            Count {
                name: "No category".to_owned(),
                count: 1
            },
        ]
    );
    assert_eq!(r.received_by_channel[0].name, "Email");
    assert_eq!(r.received_by_month.len(), 3);
    assert_eq!(r.received_by_month[0].month, "2026-04");
    assert_eq!(r.received_by_month[0].received["stage1"], 1);
    assert_eq!(r.received_by_month[0].received["stage2"], 1);
    assert_eq!(r.received_by_month[2].received["stage1"], 1);
    assert_eq!(
        (
            r.overturned.stage2_responded,
            r.overturned.overturned,
            r.overturned.pct
        ),
        (1, 1, Some(100.0))
    );
    assert_eq!((r.ombudsman.referrals, r.ombudsman.decided), (1, 1));
    assert_eq!(r.actions_as_at, d("2026-06-30"));
    assert_eq!(
        r.actions_overdue, 2,
        "due 1 Jun not done; due 20 Jun done in July"
    );
    assert_eq!(r.learning.len(), 1);
    assert_eq!(r.learning[0].reference, "A");
}

#[test]
fn the_previous_quarter_and_last_year_are_beside_it() {
    let r = q1();
    assert_eq!(r.previous_period.label, "Q4 2025/26");
    let before = r.previous_period.overall.stage(1);
    assert_eq!(
        (before.received, before.escalated, before.responded),
        (1, 1, 0)
    );
    assert_eq!(r.same_period_last_year.from, d("2025-04-01"));
    assert_eq!(r.same_period_last_year.overall.stage(1).received, 0);
}

#[test]
fn the_json_has_the_shape_later_tools_rely_on() {
    let json = serde_json::to_value(q1()).expect("JSON");
    assert_eq!(json["from"], "2026-04-01");
    assert_eq!(json["to"], "2026-06-30");
    assert_eq!(json["overall"]["stage1"]["received"], 3);
    assert_eq!(
        json["overall"]["stage1"]["pct_responded_within_timescale"],
        66.7
    );
    assert_eq!(json["overall"]["stage2"]["responded_within_timescale"], 1);
    assert_eq!(json["service_areas"][1]["name"], "Planning");
    assert!(json["service_areas"][1]["stage1"]["pct_responded_within_timescale"].is_null());
    assert_eq!(json["service_areas"][0]["stage2"]["partly_upheld"], 1);
}

#[test]
fn the_tidy_table_has_a_row_per_figure() {
    let r = q1();
    let mut out = Vec::new();
    write_csv(&r, &mut out).expect("CSV");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.starts_with("\u{feff}period,service_area,stage,measure,value\n"));
    assert!(text.contains(
        "2026-04-01 to 2026-06-30,All service areas,stage1,pct_responded_within_timescale,66.7\n"
    ));
    assert!(
        text.contains("2026-04-01 to 2026-06-30,Planning,stage1,pct_responded_within_timescale,\n")
    );
    assert!(text.contains("2026-01-01 to 2026-03-31,Housing,stage1,received,1\n"));
}

#[test]
fn percentages_round_to_one_place() {
    assert_eq!(percent(2, 3), Some(66.7));
    assert_eq!(percent(1, 8), Some(12.5));
    assert_eq!(percent(0, 0), None);
    assert_eq!(percent(1, 16), Some(6.3));
}
