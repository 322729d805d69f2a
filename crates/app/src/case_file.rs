//! The case file for the front ends: attaching files from disk (name from
//! the path, size checked against the council's limit before reading),
//! saving a document's copy, notes and contacts from what was typed, a new
//! complaint (or an addition to a case) from an email file, and the
//! Ombudsman's bundle.

use std::path::Path;

use redress::case::{NewCase, Record, StepForm};
use redress::case_file::email::{Email, EmailError};
use redress::case_file::{
    check_size, CaseFileError, Contact, ContactMethod, Direction, Document, NewDocument, Note,
};
use redress_store::{Recorded, StoreError};

use crate::files::{read_bounded, save_private, FileError, Replace};
use crate::{Service, ServiceError};

/// Why a case-file action could not be done. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum CaseFileActionError {
    /// The file could not be read or written.
    #[error("{0}")]
    File(#[from] FileError),
    /// The email could not be read.
    #[error("{name} cannot be read as an email: {source}")]
    Email {
        /// The file's name.
        name: String,
        /// Why.
        source: EmailError,
    },
    /// The case file refused.
    #[error("{0}")]
    CaseFile(#[from] CaseFileError),
    /// The form or the store refused.
    #[error("{0}")]
    Service(#[from] ServiceError),
    /// A date that is not one.
    #[error("{0}")]
    Date(#[from] redress::dates::BadDate),
    /// An email that does not say when it was received, and no day given.
    #[error("{name} does not say when the council received it ({why}): give the day it was received (--received DATE, or Date received in the window)")]
    Undated {
        /// The file's name.
        name: String,
        /// What it says of its date.
        why: String,
    },
}

impl From<StoreError> for CaseFileActionError {
    fn from(err: StoreError) -> CaseFileActionError {
        CaseFileActionError::Service(ServiceError::Store(err))
    }
}

/// A complaint read from an email, before or after it is recorded.
#[derive(Debug, Clone)]
pub struct EmailIntake {
    /// What the email says.
    pub email: Email,
    /// The intake form filled from it, as the New complaint screen shows it.
    pub form: StepForm,
    /// The documents it gives the case: the message, then its attachments.
    pub documents: Vec<NewDocument>,
    /// A case of this installation that the subject names, if it exists.
    pub names_case: Option<String>,
    /// The day it was received: the one the officer gave, else the email's
    /// own; none when neither says.
    pub received_on: Option<chrono::NaiveDate>,
    /// The file's name, as the officer's messages name it.
    pub file_name: String,
}

impl EmailIntake {
    /// What the officer should know about how the email was read, in
    /// words (what the officer gave overrides what it lacked).
    pub fn warnings(&self) -> Vec<String> {
        use redress::case_file::email::EmailWarning;
        self.email
            .warnings
            .iter()
            .filter(|w| {
                self.received_on.is_none()
                    || !matches!(w, EmailWarning::Undated | EmailWarning::DateOutOfRange(_))
            })
            .map(ToString::to_string)
            .collect()
    }

    /// Refuses an email that does not say when it was received when the
    /// officer has not said either, naming the file and what to do.
    pub fn check_dated(&self) -> Result<(), CaseFileActionError> {
        if self.received_on.is_some() {
            return Ok(());
        }
        let why = match self.email.implausible_date() {
            Some(date) => format!(
                "it is dated {}, outside the years Redress keeps",
                redress::dates::short(date)
            ),
            None => "it has no date and no mail server's Received stamp".to_owned(),
        };
        Err(CaseFileActionError::Undated {
            name: self.file_name.clone(),
            why,
        })
    }
}

/// The name a file is kept under: its own name, as the person gave it.
fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Service {
    fn limit_mb(&self) -> u32 {
        self.settings.document_limit_mb
    }

    /// Reads a file for the case file: refused before reading if it is over
    /// the council's limit, not a file, or unreadable.
    pub fn read_for_case_file(
        &self,
        path: &Path,
    ) -> Result<(String, Vec<u8>), CaseFileActionError> {
        let name = name_of(path);
        if path.is_dir() {
            return Err(FileError::NotAFile(path.to_owned()).into());
        }
        if let Ok(meta) = std::fs::metadata(path) {
            check_size(&name, meta.len(), self.limit_mb())?;
        }
        let limit = u64::from(self.limit_mb()) * 1024 * 1024;
        let bytes = read_bounded(path, limit, "document")?;
        Ok((name, bytes))
    }

    /// Adds files to a case, received or sent: all of them or none.
    pub fn attach(
        &mut self,
        reference: &str,
        files: Vec<(String, Vec<u8>)>,
        description: &str,
        direction: Direction,
    ) -> Result<Vec<Document>, CaseFileActionError> {
        let documents = files
            .into_iter()
            .map(|(name, content)| NewDocument {
                name,
                content,
                direction,
                on: None,
                description: description.to_owned(),
                text: String::new(),
            })
            .collect();
        let actor = self.actor();
        let limit = self.settings.document_limit_mb;
        Ok(self
            .store
            .add_documents(reference, documents, &actor, limit)?)
    }

    /// Saves a copy of a case's document at `path` (never over a file).
    pub fn save_document(
        &self,
        reference: &str,
        id: &str,
        path: &Path,
    ) -> Result<Document, CaseFileActionError> {
        let (document, bytes) = self.store.document(reference, id)?;
        save_private(path, &bytes, Replace::Never, self.database_path())?;
        Ok(document)
    }

    /// Removes a document from a case, saying why.
    pub fn remove_document(
        &mut self,
        reference: &str,
        id: &str,
        reason: &str,
    ) -> Result<Document, CaseFileActionError> {
        let actor = self.actor();
        Ok(self.store.remove_document(reference, id, reason, &actor)?)
    }

    /// Writes a case note.
    pub fn add_note(&mut self, reference: &str, text: &str) -> Result<Note, CaseFileActionError> {
        let actor = self.actor();
        Ok(self.store.add_note(reference, text, &actor)?)
    }

    /// Logs a contact as typed: the day (any UK form; today if blank), the
    /// method and what was said.
    pub fn record_contact(
        &mut self,
        reference: &str,
        on: &str,
        method: &str,
        summary: &str,
    ) -> Result<Contact, CaseFileActionError> {
        let on = if on.trim().is_empty() {
            self.today()
        } else {
            redress::dates::parse_date(on)?
        };
        let method = ContactMethod::read(method)?;
        let actor = self.actor();
        Ok(self
            .store
            .record_contact(reference, on, method, summary, &actor)?)
    }

    /// Reads an email file into the New complaint form, with the
    /// documents it brings. `service_area` and `officer` fill those fields;
    /// `received`, as the officer typed it, gives or overrides the day it
    /// was received (blank: the email's own date, or its mail server's
    /// stamp). An email that says neither is read with that day blank and
    /// a warning; [`EmailIntake::check_dated`] refuses it.
    pub fn read_email(
        &self,
        file_name: &str,
        bytes: &[u8],
        service_area: &str,
        officer: &str,
        received: &str,
    ) -> Result<EmailIntake, CaseFileActionError> {
        let email = Email::read(bytes).map_err(|source| CaseFileActionError::Email {
            name: file_name.to_owned(),
            source,
        })?;
        let received_on = if received.trim().is_empty() {
            email.received_on()
        } else {
            Some(redress::dates::parse_date(received)?)
        };
        let who = if email.from_name.is_empty() {
            email.from_address.clone()
        } else {
            email.from_name.clone()
        };
        let summary = match email.summary() {
            s if s.is_empty() => format!("Email from {who}"),
            s => s,
        };
        let form = StepForm::default()
            .with(
                "received_on",
                received_on.map(|d| d.to_string()).unwrap_or_default(),
            )
            .with("channel", "email")
            // Without a name, the address stands for one until the officer
            // knows better.
            .with("name", who.clone())
            .with("email", email.from_address.clone())
            .with(
                "preferred_contact",
                if email.from_address.is_empty() {
                    ""
                } else {
                    "email"
                },
            )
            .with("summary", summary)
            .with("description", email.text.clone())
            .with("service_area", service_area)
            .with("officer", officer);
        let message_name = if file_name.trim().is_empty() {
            email.file_name()
        } else {
            file_name.to_owned()
        };
        let mut intake = EmailIntake {
            email,
            form,
            documents: Vec::new(),
            names_case: None,
            received_on,
            file_name: message_name.clone(),
        };
        // What the officer was told is kept with the email on the case.
        let mut description = format!("The email from {who}");
        for warning in intake.warnings() {
            description.push(' ');
            description.push_str(&warning);
        }
        let email = &intake.email;
        let mut documents = vec![NewDocument {
            name: message_name,
            content: bytes.to_vec(),
            direction: Direction::In,
            on: received_on,
            description,
            text: format!("{}\n{}", email.subject, email.text),
        }];
        documents.extend(email.attachments.iter().map(|a| NewDocument {
            name: a.name.clone(),
            content: a.content.clone(),
            direction: Direction::In,
            on: received_on,
            description: if a.inline {
                "A picture in the email".to_owned()
            } else {
                "Attached to the email".to_owned()
            },
            text: String::new(),
        }));
        for document in &documents {
            check_size(
                &document.name,
                document.content.len() as u64,
                self.limit_mb(),
            )?;
        }
        intake.names_case = email
            .reference_in_subject(&self.settings.reference_prefix)
            .filter(|r| self.store.case(r).is_ok());
        intake.documents = documents;
        Ok(intake)
    }

    /// Checks an email's complaint as recording it would, and records
    /// nothing: the form's fields, the service area and the officer.
    pub fn check_email_intake(&self, intake: &EmailIntake) -> Result<NewCase, CaseFileActionError> {
        let case = NewCase::from_form(&intake.form, self.today()).map_err(ServiceError::from)?;
        self.store.check_intake(&case)?;
        Ok(case)
    }

    /// Records the complaint an email makes, with the email and its
    /// attachments as documents received, as one transaction. `form` is the
    /// intake form as the officer checked it (the email's, or as edited).
    pub fn record_from_email(
        &mut self,
        form: &StepForm,
        documents: Vec<NewDocument>,
    ) -> Result<(Recorded, Vec<Document>), CaseFileActionError> {
        let today = self.today();
        let intake = NewCase::from_form(form, today).map_err(ServiceError::from)?;
        let actor = self.actor();
        let under = crate::under(&self.settings, &self.calendar, today, Record::Live);
        Ok(self
            .store
            .create_case_with_documents(intake, documents, &actor, under)?)
    }

    /// Adds an email and its attachments to an existing case.
    pub fn add_email_to_case(
        &mut self,
        reference: &str,
        documents: Vec<NewDocument>,
    ) -> Result<Vec<Document>, CaseFileActionError> {
        let actor = self.actor();
        let limit = self.settings.document_limit_mb;
        Ok(self
            .store
            .add_documents(reference, documents, &actor, limit)?)
    }

    /// The case file for the Ombudsman as one PDF.
    pub fn bundle(&self, reference: &str) -> Result<Vec<u8>, CaseFileActionError> {
        let file = self.case_file(reference)?;
        let mut enclosed = Vec::new();
        for document in file.documents.iter().filter(|d| d.is_pdf()) {
            let (_, bytes) = self.store.document(reference, &document.id)?;
            enclosed.push((document.id.clone(), bytes));
        }
        let press = self
            .press()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let bundle = redress::case_file::bundle::Bundle {
            council: &self.settings.council_name,
            case: &file.case,
            timeline: &file.timeline,
            notes: &file.notes,
            contacts: &file.contacts,
            documents: &file.documents,
            enclosed: &enclosed,
            made_on: self.today(),
        };
        Ok(bundle.pdf(&press))
    }
}
