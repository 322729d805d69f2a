//! "My caseload": the open cases the installation's officer is involved in
//! (accountable, handling or reviewing the current stage, or owning an open
//! action), or the whole team's, in the groups an officer works through:
//! overdue, due today, due this week, later, and waiting to close.

use redress::case::Horizon;
use redress_store::{CaseQuery, CaseRow, CaseSort, StoreError};

use crate::Service;

/// The most rows a group lists (its count is always the whole number).
pub const GROUP_ROWS: usize = 200;

/// One group of the caseload.
#[derive(Debug, Clone)]
pub struct CaseloadGroup {
    /// Which group.
    pub horizon: Horizon,
    /// How many cases are in it.
    pub count: usize,
    /// Its first cases, soonest deadline first.
    pub rows: Vec<CaseRow>,
}

/// The caseload.
#[derive(Debug, Clone)]
pub struct Caseload {
    /// Whose: the officer's name, or `None` for the team's.
    pub officer: Option<String>,
    /// Every group, in order, empty ones included.
    pub groups: Vec<CaseloadGroup>,
    /// All the cases (the groups' counts add up to it).
    pub total: usize,
}

impl Service {
    /// The caseload: the user's own when `mine` and the user is an officer,
    /// otherwise the team's.
    pub fn caseload(&self, mine: bool) -> Result<Caseload, StoreError> {
        let officer = if mine {
            self.me()?.map(|o| o.name)
        } else {
            None
        };
        let today = self.today();
        let mut groups: Vec<CaseloadGroup> = Horizon::ALL
            .iter()
            .map(|&horizon| CaseloadGroup {
                horizon,
                count: 0,
                rows: Vec::new(),
            })
            .collect();
        match &officer {
            // One officer's open cases are few: read in one query, in order,
            // and placed in their groups.
            Some(_) => {
                let rows = self.search(&CaseQuery {
                    involving: officer.clone(),
                    sort: CaseSort::Due,
                    ..CaseQuery::default()
                })?;
                for row in rows {
                    let horizon = Horizon::of(row.next_due.map(|d| d.on), today);
                    if let Some(group) = groups.iter_mut().find(|g| g.horizon == horizon) {
                        group.count += 1;
                        if group.rows.len() < GROUP_ROWS {
                            group.rows.push(row);
                        }
                    }
                }
            }
            // Everyone's may be thousands: each group is counted and its
            // first rows read by their own query, in the caseload order's
            // index, never every open case.
            None => {
                for group in &mut groups {
                    let query = CaseQuery {
                        sort: CaseSort::Due,
                        horizon: Some(group.horizon),
                        ..CaseQuery::default()
                    };
                    group.count = usize::try_from(self.count(&query)?).unwrap_or(usize::MAX);
                    if group.count > 0 {
                        group.rows = self.search(&CaseQuery {
                            limit: Some(GROUP_ROWS as u32),
                            ..query
                        })?;
                    }
                }
            }
        }
        let total = groups.iter().map(|g| g.count).sum();
        Ok(Caseload {
            officer,
            groups,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clock;
    use chrono::NaiveDate;

    /// The groups read by their own queries hold exactly the open cases
    /// `Horizon::of` places in them, in the whole list's order, on any day
    /// of the week.
    #[test]
    fn each_group_is_the_open_cases_horizon_places_there() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("redress.db");
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        {
            let mut service = Service::create(
                Some(&path),
                Clock::Today(day(24)),
                Some("Demo".to_owned()),
                true,
            )
            .expect("create");
            let actor = service.actor();
            crate::demo::populate(service.store_mut(), 1500, 3, &actor).expect("demo");
        }
        // Sunday, Monday, a Tuesday among the deadlines, and a Friday.
        for today in [day(22), day(23), day(24), day(27)] {
            let service = Service::open(Some(&path), Clock::Today(today), None).expect("open");
            let all = service
                .search(&CaseQuery {
                    sort: CaseSort::Due,
                    ..CaseQuery::default()
                })
                .expect("open cases");
            let caseload = service.caseload(false).expect("caseload");
            assert_eq!(caseload.total, all.len());
            let mut seen = 0;
            for group in &caseload.groups {
                let expected: Vec<&CaseRow> = all
                    .iter()
                    .filter(|row| Horizon::of(row.next_due.map(|d| d.on), today) == group.horizon)
                    .collect();
                assert_eq!(
                    group.count,
                    expected.len(),
                    "{:?} on {today}",
                    group.horizon
                );
                let shown: Vec<&CaseRow> = group.rows.iter().collect();
                assert_eq!(
                    shown,
                    expected.into_iter().take(GROUP_ROWS).collect::<Vec<_>>(),
                    "{:?} on {today}",
                    group.horizon
                );
                seen += group.count;
            }
            assert!(
                caseload.groups.iter().filter(|g| g.count > 0).count() >= 3,
                "the demo's cases fall in several groups on {today}"
            );
            assert_eq!(seen, all.len());
        }
        // One officer's: exactly the open cases they are accountable for or
        // handle at the current stage (the demo gives no one an open action).
        let today = day(24);
        let service = Service::open(Some(&path), Clock::Today(today), None).expect("open");
        let all = service
            .search(&CaseQuery {
                sort: CaseSort::Due,
                ..CaseQuery::default()
            })
            .expect("open cases");
        let officer = all
            .iter()
            .find_map(|r| r.handler.clone().filter(|h| r.officer.as_ref() != Some(h)))
            .expect("a case handled by someone other than its officer");
        drop(service);
        let service =
            Service::open(Some(&path), Clock::Today(today), Some(officer.clone())).expect("open");
        let caseload = service.caseload(true).expect("caseload");
        assert_eq!(caseload.officer.as_deref(), Some(officer.as_str()));
        let theirs: Vec<&CaseRow> = all
            .iter()
            .filter(|r| {
                r.officer.as_deref() == Some(officer.as_str())
                    || r.handler.as_deref() == Some(officer.as_str())
            })
            .collect();
        assert!(!theirs.is_empty());
        assert_eq!(caseload.total, theirs.len());
        for group in &caseload.groups {
            let expected: Vec<&CaseRow> = theirs
                .iter()
                .copied()
                .filter(|row| Horizon::of(row.next_due.map(|d| d.on), today) == group.horizon)
                .take(GROUP_ROWS)
                .collect();
            assert_eq!(group.rows.iter().collect::<Vec<_>>(), expected);
        }
    }
}
