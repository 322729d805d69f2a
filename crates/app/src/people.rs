//! The service's side of people: a person's page (record, cases, history),
//! the people list, the likely matches shown at intake with their recent
//! cases, and the changes a person page makes (details, merge, restriction
//! and its review), each one transaction in the store.

use redress::case::StepForm;
use redress::people::{details_as_typed, PersonId, Restriction};
use redress_store::{
    CaseQuery, CaseRow, LikelyMatch, PersonEntry, PersonRecord, PersonSummary, StateFilter,
    StoreError,
};

use crate::{Service, ServiceError};

/// A person with everything their page shows.
#[derive(Debug, Clone)]
pub struct PersonFile {
    /// The person, their case references and restrictions.
    pub record: PersonRecord,
    /// Their cases as list rows, newest first.
    pub cases: Vec<CaseRow>,
    /// Their audit trail, oldest first.
    pub history: Vec<PersonEntry>,
}

impl PersonFile {
    /// The restriction in force, if any.
    pub fn active_restriction(&self) -> Option<&Restriction> {
        redress::people::active_restriction(&self.record.restrictions)
    }
}

/// A person the complainant being recorded may be, with their recent cases.
#[derive(Debug, Clone)]
pub struct IntakeMatch {
    /// The person and why they may be the same.
    pub likely: LikelyMatch,
    /// Their cases received within the repeat window, newest first.
    pub recent_cases: Vec<CaseRow>,
}

/// How many likely matches intake shows at most.
const MATCHES_SHOWN: usize = 5;

impl Service {
    /// The person with this id or email address, with their page.
    pub fn person(&self, key: &str) -> Result<PersonFile, StoreError> {
        let record = self.store.person(key)?;
        self.person_file(record)
    }

    fn person_file(&self, record: PersonRecord) -> Result<PersonFile, StoreError> {
        let cases = self.person_cases(record.person.id, None)?;
        let history = self.store.person_history(record.person.id)?;
        Ok(PersonFile {
            record,
            cases,
            history,
        })
    }

    /// A person's cases, newest first; only those received since `since`
    /// when given.
    fn person_cases(
        &self,
        person: PersonId,
        since: Option<chrono::NaiveDate>,
    ) -> Result<Vec<CaseRow>, StoreError> {
        self.search(&CaseQuery {
            person: Some(person),
            received_since: since,
            state: StateFilter::All,
            sort: redress_store::CaseSort::Received,
            descending: true,
            ..CaseQuery::default()
        })
    }

    /// People matching `search` (name, email or phone), by name.
    pub fn people(&self, search: &str, limit: u32) -> Result<Vec<PersonSummary>, StoreError> {
        self.store.people(search, limit)
    }

    /// The people the complainant on an intake form may be, likeliest
    /// first, each with their cases of the repeat window (a setting).
    pub fn intake_matches(&self, form: &StepForm) -> Result<Vec<IntakeMatch>, StoreError> {
        let details = details_as_typed(form, self.today());
        let since = self.settings.repeat_window_start(self.today());
        self.store
            .likely_matches(&details, MATCHES_SHOWN)?
            .into_iter()
            .map(|likely| {
                let recent_cases = self.person_cases(likely.person.id, Some(since))?;
                Ok(IntakeMatch {
                    likely,
                    recent_cases,
                })
            })
            .collect()
    }

    /// Changes a person's details from their page's form.
    pub fn update_person(
        &mut self,
        id: PersonId,
        form: &StepForm,
    ) -> Result<PersonFile, ServiceError> {
        let actor = self.actor();
        let record = self.store.update_person(id, form, &actor)?;
        Ok(self.person_file(record)?)
    }

    /// Merges `other` (an id or email) into `keep`.
    pub fn merge_people(&mut self, keep: &str, other: &str) -> Result<PersonFile, StoreError> {
        let actor = self.actor();
        let record = self.store.merge_people(keep, other, &actor)?;
        self.person_file(record)
    }

    /// Records a restriction from its form.
    pub fn restrict_person(
        &mut self,
        id: PersonId,
        form: &StepForm,
    ) -> Result<PersonFile, ServiceError> {
        let actor = self.actor();
        let record = self.store.restrict_person(id, form, &actor)?;
        Ok(self.person_file(record)?)
    }

    /// Records the review of restriction `number` from its form.
    pub fn review_restriction(
        &mut self,
        id: PersonId,
        number: u32,
        form: &StepForm,
    ) -> Result<PersonFile, ServiceError> {
        let actor = self.actor();
        let record = self.store.review_restriction(id, number, form, &actor)?;
        Ok(self.person_file(record)?)
    }
}
