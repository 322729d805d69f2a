//! Reminders in the database: the open cases that have deadlines, and the
//! record of each reminder sent, so that none goes out twice.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use rusqlite::params;

use super::case_rows::load_case;
use super::columns::date_text;
use super::events::device_id;
use super::{Actor, Store, StoreError};
use redress::calendar::Calendar;
use redress::reminders::{due_reminders, Reminder, ReminderPolicy};

impl Store {
    /// The reminders due at `at` that have not been sent, for the cases of
    /// `officer` (every officer's when `None`).
    pub fn reminders_due(
        &self,
        at: NaiveDateTime,
        officer: Option<&str>,
        policy: &ReminderPolicy,
        calendar: &Calendar,
    ) -> Result<Vec<Reminder>, StoreError> {
        self.reminders_at(at, officer, policy, calendar, false)
    }

    /// The reminders due at `at`, sent or not (what the window lists), with
    /// whether each was sent.
    pub fn reminders_today(
        &self,
        at: NaiveDateTime,
        officer: Option<&str>,
        policy: &ReminderPolicy,
        calendar: &Calendar,
    ) -> Result<Vec<(Reminder, bool)>, StoreError> {
        let sent = self.sent_keys()?;
        Ok(self
            .reminders_at(at, officer, policy, calendar, true)?
            .into_iter()
            .map(|r| {
                let was_sent = sent.contains(&r.key);
                (r, was_sent)
            })
            .collect())
    }

    fn sent_keys(&self) -> Result<HashSet<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT key FROM reminders_sent")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    fn reminders_at(
        &self,
        at: NaiveDateTime,
        officer: Option<&str>,
        policy: &ReminderPolicy,
        calendar: &Calendar,
        include_sent: bool,
    ) -> Result<Vec<Reminder>, StoreError> {
        // Only cases whose nearest deadline is within the lead time can have
        // a reminder due: the stored next deadline is the earliest of them.
        let horizon = calendar.add_working_days(at.date(), policy.lead_days);
        let references: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT c.reference FROM cases c LEFT JOIN officers o ON o.id = c.officer_id
                 WHERE c.next_due_on IS NOT NULL AND c.next_due_on <= ?2
                   AND (?1 IS NULL OR o.name = ?1 COLLATE NOCASE)
                 ORDER BY c.next_due_on, c.reference",
            )?
            .query_map(params![officer.map(str::trim), date_text(horizon)], |r| {
                r.get(0)
            })?
            .collect::<Result<_, _>>()?;
        let cases = references
            .iter()
            .map(|reference| load_case(&self.conn, reference))
            .collect::<Result<Vec<_>, _>>()?;
        let sent = if include_sent {
            HashSet::new()
        } else {
            self.sent_keys()?
        };
        Ok(due_reminders(&cases, at, calendar, policy, &sent))
    }

    /// Records reminders as sent, in one transaction.
    pub fn record_reminders_sent(
        &mut self,
        reminders: &[Reminder],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.transaction(actor, |tx| {
            let device = device_id(tx, actor.now)?;
            for r in reminders {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO reminders_sent (key, reference, due, due_on, reminder, sent_at, device)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    r.key,
                    r.reference,
                    r.due.slug(),
                    date_text(r.due_on),
                    r.when.slug(),
                    actor.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    device,
                ])?;
            }
            Ok(())
        })
    }
}
