//! The service's side of letters: a draft of any letter that fits a case
//! (its wording, what it lacks, its PDF), issuing it (kept with the case),
//! an issued letter's PDF again, and the templates. The fonts are read once,
//! the first time a letter is set.

use std::sync::Arc;

use redress::case::{Language, Record};
use redress::letters::{Composed, LetterKind, Press};
use redress_store::{IssuedLetter, LetterDraft, LetterError, LetterRequest, TemplateVersion};

use crate::Service;

impl Service {
    pub(crate) fn press(&self) -> Result<Arc<Press>, LetterError> {
        if let Some(press) = self.press.get() {
            return Ok(Arc::clone(press));
        }
        let press = Press::new().map_err(|err| {
            LetterError::Store(redress_store::StoreError::Corrupt(err.to_string()))
        })?;
        Ok(Arc::clone(self.press.get_or_init(|| Arc::new(press))))
    }

    /// Sets a composed letter as a PDF, dated today.
    pub fn print_letter(&self, composed: &Composed) -> Result<Vec<u8>, LetterError> {
        let press = self.press()?;
        let logo = self.store.logo()?;
        Ok(composed.print(&press, self.today(), logo.as_deref()))
    }

    /// A kind of letter as typed, read against the council's policy (how
    /// many stages it has).
    pub fn letter_kind(&self, kind: &str) -> Result<LetterKind, LetterError> {
        Ok(LetterKind::parse(
            kind,
            self.settings.policy.stages().len(),
        )?)
    }

    /// A letter for a case as it would go out today, with its PDF; nothing
    /// is kept.
    pub fn letter_draft(
        &self,
        reference: &str,
        kind: &str,
        request: &LetterRequest,
    ) -> Result<(LetterDraft, Vec<u8>), LetterError> {
        let kind = self.letter_kind(kind)?;
        let under = crate::under(&self.settings, &self.calendar, self.today(), Record::Live);
        let draft = self.store.compose_letter(reference, kind, request, under)?;
        let pdf = self.print_letter(&draft.composed)?;
        Ok((draft, pdf))
    }

    /// Issues a letter: kept with the case, on its timeline.
    pub fn issue_letter(
        &mut self,
        reference: &str,
        kind: &str,
        request: &LetterRequest,
    ) -> Result<(IssuedLetter, Vec<u8>), LetterError> {
        let kind = self.letter_kind(kind)?;
        let press = self.press()?;
        let today = self.today();
        let actor = self.actor();
        let logo = self.store.logo()?;
        let under = crate::under(&self.settings, &self.calendar, today, Record::Live);
        self.store
            .issue_letter(reference, kind, request, &actor, under, |composed| {
                composed.print(&press, today, logo.as_deref())
            })
    }

    /// The folder letters are saved in for the officer to open, print or
    /// send: `Letters` beside the database file.
    pub fn letters_folder(&self) -> Option<std::path::PathBuf> {
        self.folder_beside_database("Letters")
    }

    /// A folder of this name beside the database file, where the app saves
    /// what the user asks for (letters, reports, exports).
    pub fn folder_beside_database(&self, name: &str) -> Option<std::path::PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|dir| dir.join(name))
    }

    /// The template in use for `name` in `language`.
    pub fn template(&self, name: &str, language: Language) -> Result<TemplateVersion, LetterError> {
        self.store.template(name, language)
    }

    /// Saves a new version of a template.
    pub fn save_template(
        &mut self,
        name: &str,
        language: Language,
        body: &str,
    ) -> Result<TemplateVersion, LetterError> {
        redress::letters::check_template(
            body,
            &redress::letters::LetterData::sample(&self.settings.letterhead(), language),
        )
        .map_err(|source| LetterError::Template {
            name: name.to_owned(),
            source,
        })?;
        let actor = self.actor();
        self.store.save_template(name, language, body, &actor)
    }
}

impl Service {
    /// A template's wording filled in on the sample letter, after the same
    /// checks saving makes: what the template editor previews.
    pub fn preview_template(
        &self,
        name: &str,
        language: Language,
        body: &str,
    ) -> Result<Composed, redress::letters::TemplateError> {
        let sample = redress::letters::LetterData::sample(&self.settings.letterhead(), language);
        redress::letters::check_template(body, &sample)?;
        let wording = redress::letters::render(body, &sample)?;
        Ok(Composed::worded(sample, name, wording))
    }
}
