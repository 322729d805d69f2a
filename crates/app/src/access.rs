//! A subject access request, ready to save: everything held about a person
//! as a readable PDF and as JSON, and each letter sent to them as its PDF.

use redress::access::SubjectAccess;
use redress_store::LetterError;

use crate::Service;

/// The files of a subject access export, by the name each is saved as.
#[derive(Debug, Clone)]
pub struct AccessExport {
    /// How many person records were found.
    pub people: usize,
    /// How many cases.
    pub cases: usize,
    /// How many letters.
    pub letters: usize,
    /// How many other documents.
    pub documents: usize,
    /// The files: `subject-access.pdf`, `subject-access.json` and
    /// `letters/<reference>-<kind>-<id>.pdf` and
    /// `documents/<reference>-<id>-<name>`.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Service {
    /// Everything held about the person `query` names (a name, an email
    /// address or a case reference), as files.
    pub fn subject_access(&self, query: &str) -> Result<AccessExport, LetterError> {
        let access = self.store.subject_access(query)?;
        let council = self.settings.council_name.clone();
        let today = self.today();
        let json = serde_json::to_vec_pretty(&access.to_json(&council, today))
            .map_err(|e| LetterError::Store(redress_store::StoreError::Corrupt(e.to_string())))?;
        let mut files = vec![
            (
                "subject-access.pdf".to_owned(),
                access.pdf(&*self.press()?, &council, today),
            ),
            ("subject-access.json".to_owned(), json),
        ];
        let mut letters = 0;
        for held in &access.cases {
            for (letter, pdf) in &held.letters {
                files.push((
                    format!("letters/{}", SubjectAccess::letter_file(letter)),
                    pdf.clone(),
                ));
                letters += 1;
            }
        }
        let mut documents = 0;
        for held in &access.cases {
            for (document, bytes) in &held.documents {
                files.push((
                    format!(
                        "documents/{}",
                        SubjectAccess::document_file(&held.case.reference, document)
                    ),
                    bytes.clone(),
                ));
                documents += 1;
            }
        }
        Ok(AccessExport {
            people: access.people.len(),
            cases: access.cases.len(),
            letters,
            documents,
            files,
        })
    }
}
