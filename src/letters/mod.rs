//! Letters: every letter of the procedure, from the council's templates, set
//! as a PDF. A letter is made in four steps, each in its own module: the
//! case and its surroundings become the template's fields (`data`), the
//! template fills in to Markdown (`template`), the Markdown is read into
//! blocks (`markdown`) and checked for what the Code says it must contain
//! (`check`), and the blocks are set on A4 (`pdf`). `kind` says which
//! letters there are and when each fits. The core makes bytes; writing the
//! file is the front end's job.

mod check;
mod data;
mod kind;
mod markdown;
mod pdf;
mod template;

pub use check::{missing, requirements, Requirement};
pub use data::{LetterData, LetterFacts, Letterhead, Signatory};
pub use kind::{LetterDoesNotFit, LetterKind, UnknownLetterKind};
pub use markdown::{blocks, plain_text, Block, Span};
pub use pdf::{FontUnreadable, Press, PrintedLetter, LARGE_PRINT_SIZE, NORMAL_SIZE};
pub use template::{check_template, default_template, render, TemplateError, TEMPLATE_NAMES};

use crate::case::Case;

/// A letter filled in and checked, ready to be printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    /// The fields it was made from.
    pub data: LetterData,
    /// Its wording, as Markdown.
    pub wording: String,
    /// Its wording, read into blocks.
    pub blocks: Vec<Block>,
    /// What it must say, and whether it does.
    pub requirements: Vec<Requirement>,
}

impl Composed {
    /// Fills `template` (the body of the template named `name`) for the case.
    pub fn fill(
        case: &Case,
        facts: &LetterFacts<'_>,
        name: &str,
        template: &str,
    ) -> Result<Composed, TemplateError> {
        let data = LetterData::gather(case, facts);
        let wording = render(template, &data)?;
        Ok(Composed::worded(data, name, wording))
    }

    /// A letter with wording the officer has adjusted (or just filled in).
    pub fn worded(data: LetterData, name: &str, wording: String) -> Composed {
        let blocks = blocks(&wording);
        let requirements = requirements(name, &data, &plain_text(&blocks));
        Composed {
            data,
            wording,
            blocks,
            requirements,
        }
    }

    /// What it must say and does not.
    pub fn missing(&self) -> Vec<&'static str> {
        missing(&self.requirements)
    }

    /// Sets it as a PDF: large print when the person asked for it.
    pub fn print(&self, press: &Press, issued_on: chrono::NaiveDate) -> Vec<u8> {
        let mut address = Vec::new();
        if !self.data.recipient.name.is_empty() {
            address.push(self.data.recipient.name.clone());
        }
        address.extend(self.data.recipient.address.iter().cloned());
        press.print(&PrintedLetter {
            title: format!("{}: {}", self.data.title, self.data.reference),
            letterhead: &self.data.council,
            address,
            reference: self.data.reference.clone(),
            date: self.data.date.clone(),
            issued_on,
            blocks: self.blocks.clone(),
            size: if self.data.large_print {
                LARGE_PRINT_SIZE
            } else {
                NORMAL_SIZE
            },
        })
    }
}
