//! The working-day calendar against the published bank holidays, and the
//! properties its arithmetic must keep.

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use redress::calendar::{bank_holidays, Calendar, Nation};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[test]
fn bank_holidays_match_the_published_lists_2020_to_2027() {
    let published = include_str!("data/bank-holidays-published.txt");
    let mut checked = 0;
    for line in published
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut fields = line.split_whitespace();
        let nation: Nation = fields
            .next()
            .expect("nation")
            .parse()
            .expect("known nation");
        let year: i32 = fields.next().expect("year").parse().expect("year");
        let expected: Vec<String> = fields.map(|f| format!("{year}-{f}")).collect();
        let computed: Vec<String> = bank_holidays(nation, year)
            .iter()
            .map(|h| h.date.to_string())
            .collect();
        assert_eq!(computed, expected, "{nation} {year}");
        checked += 1;
    }
    assert_eq!(checked, 24, "three nations, eight years");
}

#[test]
fn extra_holidays_are_in_the_calendar_and_not_working_days() {
    let cases = [
        (Nation::EnglandAndWales, d(2011, 4, 29)),
        (Nation::Scotland, d(2012, 6, 5)),
        (Nation::NorthernIreland, d(2002, 6, 3)),
        (Nation::Scotland, d(2026, 6, 15)),
    ];
    for (nation, date) in cases {
        assert!(
            !Calendar::new(nation).is_working_day(date),
            "{nation} {date}"
        );
    }
    assert!(Calendar::new(Nation::EnglandAndWales).is_working_day(d(2026, 6, 15)));
}

#[test]
fn working_days_across_christmas_2026_in_each_nation() {
    // Received Wed 23 Dec 2026; 5 working days. Fri 25 Dec, Mon 28 Dec and
    // Fri 1 Jan are holidays everywhere; 2 Jan 2027 is a Saturday, so
    // Scotland also has Mon 4 Jan as its substitute.
    let received = d(2026, 12, 23);
    assert_eq!(
        Calendar::new(Nation::EnglandAndWales).add_working_days(received, 5),
        d(2027, 1, 4)
    );
    assert_eq!(
        Calendar::new(Nation::NorthernIreland).add_working_days(received, 5),
        d(2027, 1, 4)
    );
    assert_eq!(
        Calendar::new(Nation::Scotland).add_working_days(received, 5),
        d(2027, 1, 5)
    );
}

#[test]
fn easter_2027_in_march() {
    // Good Friday 26 Mar, Easter Monday 29 Mar 2027 (not a holiday in Scotland).
    let received = d(2027, 3, 25);
    assert_eq!(
        Calendar::new(Nation::EnglandAndWales).add_working_days(received, 1),
        d(2027, 3, 30)
    );
    assert_eq!(
        Calendar::new(Nation::Scotland).add_working_days(received, 1),
        d(2027, 3, 29)
    );
}

#[test]
fn closure_days_are_not_working_days() {
    let cal = Calendar::with_closures(
        Nation::EnglandAndWales,
        [d(2026, 12, 29), d(2026, 12, 30), d(2026, 12, 31)],
    );
    assert_eq!(cal.add_working_days(d(2026, 12, 24), 2), d(2027, 1, 5));
    assert_eq!(cal.working_days_between(d(2026, 12, 24), d(2027, 1, 5)), 2);
    assert!(!cal.is_working_day(d(2026, 12, 30)));
}

fn any_nation() -> impl Strategy<Value = Nation> {
    prop_oneof![
        Just(Nation::EnglandAndWales),
        Just(Nation::Scotland),
        Just(Nation::NorthernIreland)
    ]
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // Every day of 2019-2030.
    (0i64..(12 * 366)).prop_map(|offset| d(2019, 1, 1) + chrono::Duration::days(offset))
}

fn any_closures() -> impl Strategy<Value = Vec<NaiveDate>> {
    proptest::collection::vec(any_date(), 0..8)
}

proptest! {
    #[test]
    fn counting_working_days_agrees_with_counting_day_by_day(nation in any_nation(), closures in any_closures(), date in any_date(), span in 0i64..800) {
        let cal = Calendar::with_closures(nation, closures);
        let to = date + chrono::Duration::days(span);
        let by_day = date
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| cal.is_working_day(*d))
            .count() as i64;
        prop_assert_eq!(cal.working_days_between(date, to), by_day);
        prop_assert_eq!(cal.working_days_between(to, date), -by_day);
    }

    #[test]
    fn a_positive_result_is_a_working_day(nation in any_nation(), closures in any_closures(), date in any_date(), n in 1u32..60) {
        let cal = Calendar::with_closures(nation, closures);
        let result = cal.add_working_days(date, n);
        prop_assert!(cal.is_working_day(result));
        prop_assert!(!matches!(result.weekday(), Weekday::Sat | Weekday::Sun));
        prop_assert!(result > date);
    }

    #[test]
    fn adding_m_then_n_is_adding_m_plus_n(nation in any_nation(), closures in any_closures(), date in any_date(), m in 0u32..40, n in 0u32..40) {
        let cal = Calendar::with_closures(nation, closures);
        let stepwise = cal.add_working_days(cal.add_working_days(date, m), n);
        prop_assert_eq!(stepwise, cal.add_working_days(date, m + n));
    }

    #[test]
    fn counting_inverts_adding(nation in any_nation(), closures in any_closures(), date in any_date(), n in 0u32..80) {
        let cal = Calendar::with_closures(nation, closures);
        let result = cal.add_working_days(date, n);
        prop_assert_eq!(cal.working_days_between(date, result), i64::from(n));
    }

    #[test]
    fn counting_is_antisymmetric_and_additive(nation in any_nation(), a in any_date(), b in any_date(), c in any_date()) {
        let cal = Calendar::new(nation);
        prop_assert_eq!(cal.working_days_between(a, b), -cal.working_days_between(b, a));
        prop_assert_eq!(
            cal.working_days_between(a, b) + cal.working_days_between(b, c),
            cal.working_days_between(a, c)
        );
    }

    #[test]
    fn at_most_five_working_days_in_any_seven(nation in any_nation(), date in any_date()) {
        let cal = Calendar::new(nation);
        let week = cal.working_days_between(date, date + chrono::Duration::days(7));
        prop_assert!((0..=5).contains(&week));
    }
}
