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
pub(crate) mod pdf;
mod template;

pub use check::{missing, requirements, Requirement};
pub use data::{LetterData, LetterFacts, Letterhead, Signatory, COMMON_FIELDS};
pub use kind::{LetterDoesNotFit, LetterKind, UnknownLetterKind};
pub use markdown::{blocks, plain_text, Block, Span};
pub use pdf::{
    check_logo, page_labels, BadLogo, FontUnreadable, Press, PrintedLetter, LARGE_PRINT_SIZE,
    NORMAL_SIZE,
};
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

    /// Sets it as a PDF (with the council's logo, a PNG, if it has one):
    /// large print when the person asked for it.
    pub fn print(
        &self,
        press: &Press,
        issued_on: chrono::NaiveDate,
        logo: Option<&[u8]>,
    ) -> Vec<u8> {
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
            logo,
            welsh: self.data.language == "cy",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Language;

    #[test]
    fn the_same_letter_is_the_same_bytes_even_in_one_process() {
        let press = Press::new().expect("fonts");
        let data = LetterData::sample(&Letterhead::default(), Language::English);
        let wording = render(
            default_template("response", Language::English).expect("template"),
            &data,
        )
        .expect("fills in");
        let letter = Composed::worded(data, "response", wording);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).expect("date");
        let first = letter.print(&press, day, None);
        let second = letter.print(&press, day, None);
        assert_eq!(first, second);
        assert!(letter.missing().is_empty(), "{:?}", letter.missing());
    }

    #[test]
    fn every_default_template_fills_in_on_the_sample_in_both_languages() {
        for language in [Language::English, Language::Welsh] {
            let data = LetterData::sample(&Letterhead::default(), language);
            for name in TEMPLATE_NAMES {
                let body = default_template(name, language).expect("shipped");
                check_template(body, &data).unwrap_or_else(|e| panic!("{name} ({language}): {e}"));
                let letter =
                    Composed::worded(data.clone(), name, render(body, &data).expect("fills"));
                assert!(
                    letter.missing().is_empty(),
                    "{name} ({language}) lacks {:?}",
                    letter.missing()
                );
            }
        }
    }
}
