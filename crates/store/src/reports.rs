//! Reading what a report needs in one pass each over stages, cases,
//! referrals and actions: a year's report over 100,000 cases reads rows,
//! not whole cases.

use rusqlite::params;

use super::columns::{date_text, read_date, read_opt_date, read_term};
use super::{Store, StoreError};
use redress::reports::{ActionFact, CaseFact, Facts, Period, ReferralFact, StageFact, TriageKind};

impl Store {
    /// The facts for a report on `period` and the periods it is compared
    /// with (the one before and the same one last year): the stages of all
    /// three, with the learning only of the period's responses; the cases
    /// received in the period; every referral; the actions due by its end.
    pub fn report_facts(&self, period: Period, stage_count: usize) -> Result<Facts, StoreError> {
        let lo = period.previous().from.min(period.year_before().from);
        let (lo, hi) = (date_text(lo), date_text(period.to));
        let stages = self
            .conn
            .prepare_cached(
                "SELECT c.reference, sa.name, s.number, s.opened_on, s.acknowledged_on, s.responded_on,
                    s.outcome, s.acknowledge_by, s.respond_by,
                    COALESCE(s.original_respond_by, s.respond_by),
                    EXISTS (SELECT 1 FROM stages n WHERE n.case_id = s.case_id AND n.number = s.number + 1),
                    (SELECT p.outcome FROM stages p WHERE p.case_id = s.case_id AND p.number = s.number - 1),
                    CASE WHEN s.responded_on BETWEEN ?3 AND ?2 THEN s.learning ELSE '' END,
                    CASE WHEN s.responded_on BETWEEN ?3 AND ?2 THEN s.improvements ELSE '' END
                 FROM stages s JOIN cases c ON c.id = s.case_id
                    JOIN service_areas sa ON sa.id = c.service_area_id
                 WHERE s.opened_on <= ?2 AND (s.opened_on >= ?1 OR s.responded_on >= ?1)",
            )?
            .query_map(params![lo, hi, date_text(period.from)], |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ),
                    (
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, bool>(10)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, String>(12)?,
                        r.get::<_, String>(13)?,
                    ),
                ))
            })?
            .map(|row| {
                let (
                    (reference, service_area, number, opened, ack, responded, outcome),
                    (ack_by, respond_by, original, escalated, earlier, learning, improvements),
                ) = row?;
                let opened_on = read_date(&opened)?;
                let respond_by = read_opt_date(respond_by)?.unwrap_or(opened_on);
                Ok(StageFact {
                    reference,
                    service_area,
                    number: usize::try_from(number).unwrap_or(0),
                    opened_on,
                    acknowledged_on: read_opt_date(ack)?,
                    responded_on: read_opt_date(responded)?,
                    outcome: outcome.as_deref().map(read_term).transpose()?,
                    acknowledge_by: read_opt_date(ack_by)?.unwrap_or(opened_on),
                    respond_by,
                    original_respond_by: read_opt_date(original)?.unwrap_or(respond_by),
                    escalated,
                    earlier_outcome: earlier.as_deref().map(read_term).transpose()?,
                    learning,
                    improvements,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let cases = self
            .conn
            .prepare_cached(
                "SELECT c.received_on, sa.name, cat.name, c.channel, c.triage
                 FROM cases c JOIN service_areas sa ON sa.id = c.service_area_id
                    LEFT JOIN categories cat ON cat.id = c.category_id
                 WHERE c.received_on BETWEEN ?1 AND ?2",
            )?
            // Cases are counted for the period itself only.
            .query_map(params![date_text(period.from), hi], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .map(|row| {
                let (received, service_area, category, channel, triage) = row?;
                Ok(CaseFact {
                    received_on: read_date(&received)?,
                    service_area,
                    category,
                    channel: read_term(&channel)?,
                    triage: match triage.as_str() {
                        "service-request" => TriageKind::ServiceRequest,
                        "excluded" => TriageKind::Excluded,
                        _ => TriageKind::Complaint,
                    },
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let referrals = self
            .conn
            .prepare_cached(
                "SELECT sa.name, r.referred_on, r.decided_on, r.decision, r.complied_on
                 FROM referrals r JOIN cases c ON c.id = r.case_id
                    JOIN service_areas sa ON sa.id = c.service_area_id",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .map(|row| {
                let (service_area, referred, decided, decision, complied) = row?;
                Ok(ReferralFact {
                    service_area,
                    referred_on: read_date(&referred)?,
                    decided_on: read_opt_date(decided)?,
                    decision,
                    complied_on: read_opt_date(complied)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let actions = self
            .conn
            .prepare_cached(
                "SELECT sa.name, a.due_on, a.done_on
                 FROM actions a JOIN cases c ON c.id = a.case_id
                    JOIN service_areas sa ON sa.id = c.service_area_id
                 WHERE a.due_on <= ?1 AND (a.done_on IS NULL OR a.done_on >= ?2)",
            )?
            .query_map(params![hi, lo], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .map(|row| {
                let (service_area, due, done) = row?;
                Ok(ActionFact {
                    service_area,
                    due_on: read_date(&due)?,
                    done_on: read_opt_date(done)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let service_areas = self
            .conn
            .prepare_cached("SELECT name FROM service_areas ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(Facts {
            stages,
            cases,
            referrals,
            actions,
            service_areas,
            stage_count,
        })
    }

    /// The financial years (as the year each starts) in which cases were
    /// received, newest first.
    pub fn financial_years(&self) -> Result<Vec<i32>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT DISTINCT CAST(substr(received_on, 1, 4) AS INTEGER)
                    - (CASE WHEN substr(received_on, 6, 2) < '04' THEN 1 ELSE 0 END) AS year
                 FROM cases ORDER BY year DESC",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// The council's self-assessment responses for the financial year
    /// starting in `year`, by requirement code.
    pub fn self_assessment(&self, year: i32) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT code, response FROM self_assessment WHERE year = ?1 ORDER BY code",
            )?
            .query_map([year], |r| r.try_into())?
            .collect::<Result<_, _>>()?)
    }

    /// Saves the council's response to one requirement for a year.
    pub fn save_self_assessment(
        &mut self,
        year: i32,
        code: &str,
        response: &str,
        actor: &super::Actor,
    ) -> Result<(), StoreError> {
        if !redress::reports::is_requirement(code) {
            return Err(StoreError::UnknownRequirement(code.to_owned()));
        }
        self.transaction(actor, |tx| {
            tx.prepare_cached(
                "INSERT INTO self_assessment (year, code, response, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (year, code) DO UPDATE SET response = excluded.response,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )?
            .execute(params![
                year,
                code,
                response.trim(),
                actor
                    .now
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                actor.name
            ])?;
            Ok(())
        })
    }
}
