//! The council's reference data through the service: officers, service
//! areas (with their Ombudsman) and categories, and the letterhead's logo,
//! each change recorded as the acting user.

use redress::case::{Named, Ombudsman};
use redress_store::{LetterError, NewOfficer, Officer, StoreError};

use crate::Service;

impl Service {
    /// Every officer, retired ones too.
    pub fn officers(&self) -> Result<Vec<Officer>, StoreError> {
        self.store().officers()
    }

    /// One officer by name.
    pub fn officer(&self, name: &str) -> Result<Officer, StoreError> {
        self.store().officer(name)
    }

    /// Adds an officer.
    pub fn add_officer(&mut self, officer: &NewOfficer) -> Result<Officer, StoreError> {
        let actor = self.actor();
        self.store_mut().add_officer(officer, &actor)
    }

    /// Changes an officer's details (and name).
    pub fn update_officer(
        &mut self,
        name: &str,
        changed: &NewOfficer,
    ) -> Result<Officer, StoreError> {
        let actor = self.actor();
        self.store_mut().update_officer(name, changed, &actor)
    }

    /// Retires an officer (or brings one back).
    pub fn retire_officer(&mut self, name: &str, retired: bool) -> Result<Officer, StoreError> {
        let actor = self.actor();
        self.store_mut().retire_officer(name, retired, &actor)
    }

    /// The service areas.
    pub fn service_areas(&self) -> Result<Vec<Named>, StoreError> {
        self.store().service_areas()
    }

    /// The categories.
    pub fn categories(&self) -> Result<Vec<Named>, StoreError> {
        self.store().categories()
    }

    /// Each service area whose complaints go to an Ombudsman other than the
    /// nation's, with that Ombudsman.
    pub fn service_area_ombudsmen(&self) -> Result<Vec<(String, Ombudsman)>, StoreError> {
        self.store()
            .service_area_ombudsmen(self.settings().country())
    }

    /// Adds a service area.
    pub fn add_service_area(&mut self, name: &str) -> Result<Named, StoreError> {
        let actor = self.actor();
        self.store_mut().add_service_area(name, &actor)
    }

    /// Adds a category.
    pub fn add_category(&mut self, name: &str) -> Result<Named, StoreError> {
        let actor = self.actor();
        self.store_mut().add_category(name, &actor)
    }

    /// Renames a category (`categories`) or a service area.
    pub fn rename(&mut self, categories: bool, from: &str, to: &str) -> Result<Named, StoreError> {
        let actor = self.actor();
        self.store_mut().rename(categories, from, to, &actor)
    }

    /// Sends a service area's complaints to `ombudsman`: one of the
    /// council's nation's, where it has said which nation it is.
    pub fn set_service_area_ombudsman(
        &mut self,
        service_area: &str,
        ombudsman: Ombudsman,
    ) -> Result<(), StoreError> {
        if let Some(country) = self.settings().country() {
            country.check_ombudsman(ombudsman)?;
        }
        let actor = self.actor();
        self.store_mut()
            .set_service_area_ombudsman(service_area, ombudsman, &actor)
    }

    /// The letterhead's logo (PNG), if there is one.
    pub fn logo(&self) -> Result<Option<Vec<u8>>, StoreError> {
        self.store().logo()
    }

    /// Sets (or, with `None`, removes) the letterhead's logo.
    pub fn set_logo(&mut self, png: Option<&[u8]>) -> Result<(), LetterError> {
        let actor = self.actor();
        self.store_mut().set_logo(png, &actor)
    }
}
