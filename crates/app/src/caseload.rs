//! "My caseload": the open cases the installation's officer is involved in
//! (accountable, handling or reviewing the current stage, or owning an open
//! action), or the whole team's, in the groups an officer works through:
//! overdue, due today, due this week, later, and waiting to close.

use redress::case::Horizon;
use redress::store::{CaseQuery, CaseRow, CaseSort, StoreError};

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
        let rows = self.search(&CaseQuery {
            involving: officer.clone(),
            sort: CaseSort::Due,
            ..CaseQuery::default()
        })?;
        let today = self.today();
        let mut groups: Vec<CaseloadGroup> = Horizon::ALL
            .iter()
            .map(|&horizon| CaseloadGroup {
                horizon,
                count: 0,
                rows: Vec::new(),
            })
            .collect();
        let total = rows.len();
        for row in rows {
            let horizon = Horizon::of(row.next_due.map(|d| d.on), today);
            if let Some(group) = groups.iter_mut().find(|g| g.horizon == horizon) {
                group.count += 1;
                if group.rows.len() < GROUP_ROWS {
                    group.rows.push(row);
                }
            }
        }
        Ok(Caseload {
            officer,
            groups,
            total,
        })
    }
}
