//! Importing a spreadsheet of cases (all or nothing) and reading every case
//! for export.

use rusqlite::OptionalExtension;

use super::audit::record;
use super::cases::{load_case, new_case_id, save_case};
use super::reference_data::{insert_officer, named_id, officer_by_name};
use super::{Actor, Store, StoreError};
use crate::case::{Case, Complainant, Extension, OfficerRef, Referral, Stage, Status};
use crate::store::NewOfficer;
use crate::transfer::{self, parse_cases, ImportProblem};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Cases read from the file.
    pub cases: usize,
    /// Whether they were written (false for a dry run).
    pub written: bool,
}

fn officer_or_new(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<OfficerRef, StoreError> {
    match officer_by_name(tx, name)? {
        Some(officer) => Ok(officer.as_ref()),
        None => Ok(insert_officer(
            tx,
            &NewOfficer {
                name: name.to_owned(),
                ..NewOfficer::default()
            },
        )?
        .as_ref()),
    }
}

fn reason_or(given: &str, default: &str) -> String {
    if given.trim().is_empty() {
        default.to_owned()
    } else {
        given.trim().to_owned()
    }
}

impl Store {
    /// Imports the cases of a spreadsheet saved as CSV. Every row is checked
    /// first; if any cell is bad, every problem is returned and nothing is
    /// written. Unknown service areas, categories and officers are created.
    /// With `dry_run`, everything is checked and nothing kept.
    pub fn import_cases(
        &mut self,
        bytes: &[u8],
        actor: &Actor,
        dry_run: bool,
    ) -> Result<ImportSummary, StoreError> {
        let settings = self.settings()?;
        if actor.name.trim().is_empty() {
            return Err(StoreError::NoActor);
        }
        let text = transfer::decode(bytes);
        let cases = parse_cases(&text, &settings.policy, actor.today)
            .map_err(StoreError::ImportRejected)?;
        let calendar = settings.calendar();
        let tx = self.conn.transaction()?;
        let taken = transfer::taken_references(&cases, |reference| {
            tx.query_row(
                "SELECT 1 FROM cases WHERE reference = ?1",
                [reference],
                |_| Ok(()),
            )
            .optional()
            .ok()
            .flatten()
            .is_some()
        });
        if !taken.is_empty() {
            return Err(StoreError::ImportRejected(taken));
        }
        for row in &cases {
            let service_area = named_id(&tx, "service_areas", &row.service_area)?;
            let category = row
                .category
                .as_deref()
                .map(|c| named_id(&tx, "categories", c))
                .transpose()?;
            let officer = row
                .officer
                .as_deref()
                .map(|o| officer_or_new(&tx, o))
                .transpose()?;
            let mut stages = Vec::new();
            for (index, imported) in row.stages.iter().enumerate() {
                let handler = imported
                    .handler
                    .as_deref()
                    .map(|h| officer_or_new(&tx, h))
                    .transpose()?;
                let mut stage = Stage::opened(index + 1, imported.opened_on, handler);
                stage.acknowledged_on = imported.acknowledged_on;
                stage.responded_on = imported.responded_on;
                stage.outcome = imported.outcome;
                if imported.extended_days > 0 {
                    let limit = settings
                        .policy
                        .stage(index + 1)
                        .map_or(0, |s| s.extension_limit_days);
                    stage.extensions.push(Extension {
                        agreed_on: imported.acknowledged_on.unwrap_or(imported.opened_on),
                        days: imported.extended_days,
                        reason: imported.extension_reason.clone(),
                        good_reason: imported.extended_days > limit,
                    });
                }
                stages.push(stage);
            }
            let case = Case {
                id: new_case_id(actor),
                reference: row.reference.clone(),
                received_on: row.received_on,
                channel: row.channel,
                complainant: Complainant {
                    name: row.complainant_name.clone(),
                    address: row.complainant_address.clone(),
                    email: row.complainant_email.clone(),
                    phone: row.complainant_phone.clone(),
                    postcode: row.complainant_postcode.clone(),
                    ..Complainant::default()
                },
                representative: None,
                service_area,
                category,
                summary: row.summary.clone(),
                description: row.description.clone(),
                outcome_sought: row.outcome_sought.clone(),
                triage: row.triage.clone(),
                officer,
                linked: Vec::new(),
                stages,
                actions: Vec::new(),
                referral: row
                    .ombudsman
                    .as_ref()
                    .map(|(ombudsman, referred_on, outcome)| Referral {
                        ombudsman: *ombudsman,
                        referred_on: *referred_on,
                        their_reference: String::new(),
                        decision: outcome.clone(),
                        decided_on: None,
                        remedy: String::new(),
                        complied_on: None,
                    }),
                status: match (row.closed_on, row.withdrawn_on) {
                    (Some(on), _) => Status::Closed {
                        on,
                        reason: reason_or(&row.closed_reason, "Closed before import"),
                    },
                    (None, Some(on)) => Status::Withdrawn {
                        on,
                        reason: reason_or(&row.closed_reason, "Withdrawn before import"),
                    },
                    (None, None) => Status::Open,
                },
            };
            save_case(&tx, &case, &calendar, &settings.policy)?;
            record(
                &tx,
                actor,
                None,
                &case,
                "import",
                &format!("Imported {} from line {}", case.reference, row.line),
            )?;
        }
        if !dry_run {
            tx.commit()?;
        }
        Ok(ImportSummary {
            cases: cases.len(),
            written: !dry_run,
        })
    }

    /// Every case, oldest reference first, for export.
    pub fn all_cases(&self) -> Result<Vec<Case>, StoreError> {
        let references: Vec<String> = self
            .conn
            .prepare("SELECT reference FROM cases ORDER BY received_on, reference")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        references
            .iter()
            .map(|r| load_case(&self.conn, r))
            .collect()
    }
}

/// The problems of a rejected import, one per line, for printing.
pub fn describe_problems(problems: &[ImportProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
