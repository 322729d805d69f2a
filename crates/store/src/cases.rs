//! Recording a new case and applying steps to one, each a transaction with
//! its audit entry, under the rules the service gives; the hook that gave
//! an older database's stages their timescales.

use rusqlite::{params, Connection, Transaction};

use super::case_rows::check_actor;
use super::case_rows::{load_case, new_case_id, next_reference, save_case, save_new_case};
use super::columns::{date_text, read_date, read_opt_date};
use super::events::append;
use super::people::{link_person, PersonLink};
use super::reference_data::{find_named, officer_by_name};
use super::{Actor, Store, StoreError};
use redress::case::{Case, CaseCommand, CaseEvent, Named, NewCase, OfficerRef, RuleContext};
use redress::deadline::{stage_deadlines, StageDates};
use redress::policy::Policy;

/// The migration hook that gives the stages of an older database the
/// timescales and deadlines they lacked: those of the settings in force when
/// the database was upgraded, the best record there is.
pub(super) fn fix_stage_timescales(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let settings = super::settings::read_settings(tx)?;
    let calendar = settings.calendar();
    let rows: Vec<(String, i64, String, Option<String>, i64)> = tx
        .prepare(
            "SELECT s.case_id, s.number, s.opened_on, s.acknowledged_on,
                (SELECT COALESCE(SUM(days), 0) FROM extensions e WHERE e.case_id = s.case_id AND e.stage = s.number)
             FROM stages s WHERE s.acknowledge_days IS NULL",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    let fallback = *Policy::complaint_handling_code()
        .stages()
        .last()
        .ok_or_else(|| StoreError::Corrupt("the default policy has no stages".to_owned()))?;
    for (case_id, number, opened, acknowledged, extension_days) in rows {
        let timescales = usize::try_from(number)
            .ok()
            .and_then(|n| settings.policy.stage(n))
            .copied()
            .unwrap_or(fallback);
        let deadlines = stage_deadlines(
            &calendar,
            &timescales,
            &StageDates {
                opened: read_date(&opened)?,
                acknowledged: read_opt_date(acknowledged)?,
                extension_days: u32::try_from(extension_days).unwrap_or(0),
            },
        );
        super::execute_cached(tx,
            "UPDATE stages SET acknowledge_days = ?3, response_days = ?4, response_from = ?5,
                extension_limit_days = ?6, acknowledge_by = ?7, respond_by = ?8, original_respond_by = ?9,
                extension_limit = ?10
             WHERE case_id = ?1 AND number = ?2",
            params![
                case_id,
                number,
                timescales.acknowledge_days,
                timescales.response_days,
                timescales.response_from.slug(),
                timescales.extension_limit_days,
                date_text(deadlines.acknowledge_by),
                date_text(deadlines.respond_by),
                date_text(deadlines.original_respond_by),
                date_text(deadlines.extension_limit),
            ],
        )?;
    }
    Ok(())
}

/// Resolves an intake's names, links it to its person and builds the case,
/// inside a transaction.
pub(super) fn open_case(
    tx: &Transaction<'_>,
    mut intake: NewCase,
    actor: &Actor,
    prefix: &str,
    ctx: RuleContext<'_>,
) -> Result<(Case, CaseEvent, PersonLink), StoreError> {
    let (service_area, category, officer) = intake_references(tx, &intake)?;
    let (person, details) = link_person(tx, intake.person, &intake.complainant, actor)?;
    intake.complainant = details;
    use chrono::Datelike;
    let reference = next_reference(tx, prefix, intake.received_on.year())?;
    let (case, event) = Case::open(
        new_case_id(actor),
        reference,
        intake,
        person.id,
        service_area,
        category,
        officer,
        ctx,
    )?;
    Ok((case, event, person))
}

/// Applies steps to a loaded case, saving it and appending an event after
/// each; the first refusal stops it (the caller's transaction then rolls
/// everything back).
pub(super) fn apply_steps(
    tx: &Transaction<'_>,
    case: &mut Case,
    commands: Vec<CaseCommand>,
    actor: &Actor,
    ctx: RuleContext<'_>,
) -> Result<(), StoreError> {
    // Every step through the rules first, then the case saved once and
    // each step's event logged with the case as that step left it.
    let mut taken = Vec::with_capacity(commands.len());
    for command in commands {
        if let CaseCommand::Link { reference: other } = &command {
            load_case(tx, other)?;
        }
        let before = case.clone();
        let event = case.apply(command.clone(), ctx)?;
        taken.push((before, case.clone(), event, command));
    }
    if taken.is_empty() {
        return Ok(());
    }
    save_case(tx, case)?;
    for (before, after, event, command) in &taken {
        super::events::append_step(tx, actor, before, after, event, command, ctx)?;
    }
    Ok(())
}

/// Records a new case inside the caller's transaction: opened by the
/// rules, saved with its event, linked to its person and to the case it
/// repeats.
pub(super) fn open_and_save(
    tx: &Transaction<'_>,
    intake: NewCase,
    actor: &Actor,
    under: Under<'_>,
) -> Result<Recorded, StoreError> {
    check_actor(actor)?;
    let repeat_of = intake.repeat_of.clone();
    let ctx = under.rules;
    let (mut case, event, person) =
        open_case(tx, intake, actor, &under.settings.reference_prefix, ctx)?;
    save_new_case(tx, &case)?;
    append(tx, actor, None, &case, &event)?;
    if let Some(reference) = repeat_of {
        apply_steps(
            tx,
            &mut case,
            vec![CaseCommand::Link { reference }],
            actor,
            ctx,
        )?;
    }
    Ok(Recorded { case, person })
}

/// The service area, category and officer an intake names, each looked up
/// as recording it would: unknown or retired ones refused.
fn intake_references(
    conn: &Connection,
    intake: &NewCase,
) -> Result<(Named, Option<Named>, Option<OfficerRef>), StoreError> {
    if intake.service_area.trim().is_empty() {
        return Err(redress::case::RuleError::Required {
            field: "service_area",
            what: "the service area complained about",
        }
        .into());
    }
    let service_area = find_named(conn, "service_areas", &intake.service_area)?;
    let category = intake
        .category
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| find_named(conn, "categories", c))
        .transpose()?;
    let officer = match intake.officer.as_deref().filter(|o| !o.trim().is_empty()) {
        Some(name) => {
            let officer = officer_by_name(conn, name)?
                .ok_or_else(|| StoreError::UnknownOfficer(name.trim().to_owned()))?;
            if officer.retired_on.is_some() {
                return Err(StoreError::RetiredOfficer(officer.name));
            }
            Some(officer.as_ref())
        }
        None => None,
    };
    Ok((service_area, category, officer))
}

/// What the service decides a write under: the rules in force (its one
/// policy and calendar, today, a person or history) and the settings they
/// come from. The store reads no settings to decide; it is told.
#[derive(Debug, Clone, Copy)]
pub struct Under<'a> {
    /// The rules in force.
    pub rules: RuleContext<'a>,
    /// The installation's settings (the reference prefix, the document
    /// limit, the letterhead).
    pub settings: &'a redress::settings::Settings,
}

impl<'a> Under<'a> {
    /// The rules of `settings` (its policy) on `calendar` (the one the
    /// settings imply, which the caller keeps), today, for a person or for
    /// history.
    pub fn new(
        settings: &'a redress::settings::Settings,
        calendar: &'a redress::calendar::Calendar,
        today: chrono::NaiveDate,
        record: redress::case::Record,
    ) -> Under<'a> {
        Under {
            rules: RuleContext {
                policy: &settings.policy,
                calendar,
                today,
                record,
                country: settings.country(),
            },
            settings,
        }
    }
}

impl Store {
    /// Checks what an intake names (service area, category, officer) as
    /// recording it would, and writes nothing: a dry run's answer.
    pub fn check_intake(&self, intake: &NewCase) -> Result<(), StoreError> {
        intake_references(&self.conn, intake).map(drop)
    }

    /// Records a new case under the service's rules, linked to its person
    /// (and to the case it repeats, if any), and returns it with its new
    /// reference.
    pub fn create_case(
        &mut self,
        intake: NewCase,
        actor: &Actor,
        under: Under<'_>,
    ) -> Result<Recorded, StoreError> {
        self.transaction(actor, |tx| open_and_save(tx, intake, actor, under))
    }

    /// Applies one step (under the service's rules) to the case with this
    /// reference, as one transaction
    /// with its event; a refusal changes nothing.
    pub fn apply(
        &mut self,
        reference: &str,
        command: CaseCommand,
        actor: &Actor,
        ctx: RuleContext<'_>,
    ) -> Result<Case, StoreError> {
        self.apply_all(reference, vec![command], actor, ctx)
    }

    /// Applies several steps (a response and the actions it promises) as one
    /// transaction, an event each; if any is refused, none is kept.
    pub fn apply_all(
        &mut self,
        reference: &str,
        commands: Vec<CaseCommand>,
        actor: &Actor,
        ctx: RuleContext<'_>,
    ) -> Result<Case, StoreError> {
        check_actor(actor)?;
        self.transaction(actor, |tx| {
            let mut case = load_case(tx, reference)?;
            apply_steps(tx, &mut case, commands, actor, ctx)?;
            Ok(case)
        })
    }

    /// The case with this reference.
    pub fn case(&self, reference: &str) -> Result<Case, StoreError> {
        load_case(&self.conn, reference)
    }
}

/// A case just recorded and how it was linked to its person.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The case.
    pub case: Case,
    /// Its person, and whether they were already on record.
    pub person: PersonLink,
}

/// A case made elsewhere (the demo generator) with the events that made it.
#[derive(Debug, Clone)]
pub struct MadeCase {
    /// The case as it stands.
    pub case: Case,
    /// Its events, oldest first.
    pub events: Vec<CaseEvent>,
}

impl Store {
    /// Saves whole cases built elsewhere (the demo generator) with their
    /// events, giving each a new reference of this installation and linking
    /// each to its person by email, in one transaction.
    pub fn insert_cases(
        &mut self,
        cases: impl IntoIterator<Item = MadeCase>,
        actor: &Actor,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        check_actor(actor)?;
        self.transaction(actor, |tx| {
            let mut references = Vec::new();
            for MadeCase { mut case, events } in cases {
                use chrono::Datelike;
                case.reference = next_reference(tx, prefix, case.received_on.year())?;
                let (person, details) = link_person(tx, None, &case.complainant, actor)?;
                case.person = person.id;
                case.complainant = details;
                save_new_case(tx, &case)?;
                for event in &events {
                    append(tx, actor, None, &case, event)?;
                }
                references.push(case.reference);
            }
            Ok(references)
        })
    }

    /// How many cases the database holds.
    pub fn case_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
