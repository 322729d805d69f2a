//! What the store keeps, read and kept through the service: a case and
//! its history, its documents and letters, the whole database as an
//! export, the checks of its health and its audit chain, retention, and
//! sync's conflicts. Writes are recorded as the acting user.

use chrono::NaiveDate;
use redress::case::{Case, Record};
use redress::case_file::{Contact, Document, Note};
use redress::people::{PersonId, Restriction};
use redress::records::{AuditEntry, IssuedLetter};
use redress::transfer::Mapping;
use redress_store::{
    AuditVerdict, Conflict, DumpError, Health, ImportFile, ImportPreview, LetterError,
    RetentionDue, StoreError, SyncSetup,
};
use serde_json::Value;

use crate::Service;

impl Service {
    /// A case by its reference.
    pub fn case(&self, reference: &str) -> Result<Case, StoreError> {
        self.store().case(reference)
    }

    /// A case's audit trail, oldest first.
    pub fn history(&self, reference: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.store().history(reference)
    }

    /// How many cases there are.
    pub fn case_count(&self) -> Result<u64, StoreError> {
        self.store().case_count()
    }

    /// The restriction in force on a person, if any.
    pub fn active_restriction(&self, person: PersonId) -> Result<Option<Restriction>, StoreError> {
        self.store().active_restriction(person)
    }

    /// A case's documents.
    pub fn documents(&self, reference: &str) -> Result<Vec<Document>, StoreError> {
        self.store().documents(reference)
    }

    /// One of a case's documents with its bytes (checked against its hash).
    pub fn document(&self, reference: &str, id: &str) -> Result<(Document, Vec<u8>), StoreError> {
        self.store().document(reference, id)
    }

    /// A case's notes, oldest first.
    pub fn notes(&self, reference: &str) -> Result<Vec<Note>, StoreError> {
        self.store().notes(reference)
    }

    /// A case's contacts with the complainant, oldest first.
    pub fn contacts(&self, reference: &str) -> Result<Vec<Contact>, StoreError> {
        self.store().contacts(reference)
    }

    /// An issued letter with its PDF.
    pub fn letter_pdf(&self, id: &str) -> Result<(IssuedLetter, Vec<u8>), LetterError> {
        self.store().letter_pdf(id)
    }

    /// Every case, a case at a time, in reference order.
    pub fn each_case<E: From<StoreError>>(
        &self,
        each: impl FnMut(&Case) -> Result<(), E>,
    ) -> Result<usize, E> {
        self.store().each_case(each)
    }

    /// Every case at once (the JSON export).
    pub fn all_cases(&self) -> Result<Vec<Case>, StoreError> {
        self.store().all_cases()
    }

    /// The complete export: every row of every table.
    pub fn export_all(&self) -> Result<Value, StoreError> {
        self.store().export_all()
    }

    /// Loads a complete export into this (new, empty) database.
    pub fn import_all(&mut self, export: &Value) -> Result<usize, DumpError> {
        self.store_mut().import_all(export)
    }

    /// The column mapping saved by the last import, if any.
    pub fn import_mapping(&self) -> Result<Option<Mapping>, StoreError> {
        self.store().import_mapping()
    }

    /// Saves the column mapping for the next import.
    pub fn save_import_mapping(&mut self, mapping: &Mapping) -> Result<(), StoreError> {
        let actor = self.actor();
        self.store_mut().save_import_mapping(mapping, &actor)
    }

    /// What importing `file` would find: its sheets, columns and first rows.
    pub fn preview_import(&mut self, file: &ImportFile<'_>) -> Result<ImportPreview, StoreError> {
        let actor = self.actor();
        let history = crate::under(
            &self.settings,
            &self.calendar,
            self.today(),
            Record::History,
        );
        self.store.preview_import(file, &actor, history.rules)
    }

    /// The financial years that have cases, newest first.
    pub fn financial_years(&self) -> Result<Vec<i32>, StoreError> {
        self.store().financial_years()
    }

    /// The database's health: integrity, foreign keys and the audit chain.
    pub fn check(&self) -> Result<Health, StoreError> {
        self.store().check()
    }

    /// Walks the audit chain and names the first entry altered, missing or
    /// forged.
    pub fn verify_audit(&self) -> Result<AuditVerdict, StoreError> {
        self.store().verify_audit()
    }

    /// The closed cases past the retention period on `today`.
    pub fn retention_due(&self, today: NaiveDate) -> Result<Vec<RetentionDue>, StoreError> {
        self.store()
            .retention_due(today, self.settings.retention_years)
    }

    /// Anonymises these closed cases; how many were.
    pub fn anonymise(&mut self, references: &[String]) -> Result<usize, StoreError> {
        let actor = self.actor();
        let years = self.settings.retention_years;
        self.store_mut().anonymise(references, years, &actor)
    }

    /// This laptop's sync set-up, if it has joined a shared folder.
    pub fn sync_setup(&self) -> Result<Option<SyncSetup>, StoreError> {
        self.store().sync_setup()
    }

    /// Sync's conflicts waiting for a person.
    pub fn sync_conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        self.store().sync_conflicts()
    }

    /// Resolves a sync conflict (`op`) as `resolution` says.
    pub fn sync_resolve(&mut self, op: &str, resolution: &str) -> Result<(), StoreError> {
        let actor = self.actor();
        self.store_mut().sync_resolve(op, resolution, &actor)
    }

    /// Adds `count` made-up cases (training and trying the app); their
    /// references.
    pub fn populate_demo(&mut self, count: usize, seed: u64) -> Result<Vec<String>, StoreError> {
        let actor = self.actor();
        crate::demo::populate(self.store_mut(), count, seed, &actor)
    }
}

/// The most made-up cases one request may add.
pub const MAX_DEMO_CASES: usize = crate::demo::MAX_CASES;
