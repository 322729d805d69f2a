//! People: one record of each complainant across their cases. A case refers
//! to its person; the person holds the name, contact details, vulnerability
//! and adjustments every case of theirs shows, and any restriction on
//! contact decided under the unreasonable-behaviour procedure. Matching at
//! intake links by email without asking and offers weaker likenesses to an
//! officer; nobody is merged without a person choosing.

mod matching;
mod model;
mod restriction;

pub use matching::{email_key, name_key, phone_key, postcode_key, MatchKeys, MatchReason};
pub use model::{
    active_restriction, BadPersonId, Person, PersonId, Restriction, RestrictionReview,
    ReviewDecision,
};
pub use restriction::{
    Decider, NewRestriction, RestrictionError, Review, RESTRICTION_FIELDS, REVIEW_FIELDS,
};

use chrono::NaiveDate;

use crate::case::{
    capitalised, Complainant, ContactMethod, FormErrors, Language, Reader, StepForm,
};

/// The fields of a person's details, in order: the names the intake form,
/// the person page and the IPC use.
pub const DETAIL_FIELDS: [&str; 9] = [
    "name",
    "address",
    "postcode",
    "email",
    "phone",
    "preferred_contact",
    "language",
    "vulnerability",
    "adjustments",
];

/// Reads a person's details from a form's `DETAIL_FIELDS`, noting problems
/// on `read`. A named person needs a name.
pub(crate) fn read_details(read: &mut Reader<'_>, anonymous: bool) -> Complainant {
    let name = read.text("name");
    if name.is_empty() && !anonymous {
        read.missing(
            "name",
            "Enter the complainant's name (or mark them anonymous)",
        );
    }
    let email = read.text("email");
    if !email.is_empty() && !email.contains('@') {
        read.bad(
            "email".to_owned(),
            capitalised(&format!(
                "'{email}' is not an email address: enter one like name@example.org"
            )),
        );
    }
    Complainant {
        name,
        address: read.text("address"),
        postcode: read.text("postcode").to_uppercase(),
        email,
        phone: read.text("phone"),
        preferred_contact: read.term::<ContactMethod>("preferred_contact"),
        language: read.term::<Language>("language"),
        anonymous,
        vulnerability: read.text("vulnerability"),
        adjustments: read.text("adjustments"),
    }
}

/// Reads the person page's details form; the person stays anonymous or
/// named as they were.
pub fn details_from_form(
    form: &StepForm,
    anonymous: bool,
    today: NaiveDate,
) -> Result<Complainant, FormErrors> {
    let mut read = Reader::new(form, today);
    let details = read_details(&mut read, anonymous);
    read.finish(details)
}

/// The details on a form as typed so far, problems and all: what intake's
/// likely-match panel looks people up by while the officer types.
pub fn details_as_typed(form: &StepForm, today: NaiveDate) -> Complainant {
    let mut read = Reader::new(form, today);
    let anonymous = read.flag("anonymous");
    read_details(&mut read, anonymous)
}

impl Complainant {
    /// These details with every non-blank detail of `newer` laid over them:
    /// what a person's record becomes when a new case of theirs arrives
    /// (a blank on the new form never erases what was known).
    pub fn updated_by(&self, newer: &Complainant) -> Complainant {
        let pick = |old: &str, new: &str| {
            if new.trim().is_empty() {
                old.to_owned()
            } else {
                new.to_owned()
            }
        };
        Complainant {
            name: pick(&self.name, &newer.name),
            address: pick(&self.address, &newer.address),
            postcode: pick(&self.postcode, &newer.postcode),
            email: pick(&self.email, &newer.email),
            phone: pick(&self.phone, &newer.phone),
            preferred_contact: newer.preferred_contact.or(self.preferred_contact),
            language: newer.language.or(self.language),
            anonymous: self.anonymous,
            vulnerability: pick(&self.vulnerability, &newer.vulnerability),
            adjustments: pick(&self.adjustments, &newer.adjustments),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_case_adds_to_what_was_known_and_never_blanks_it() {
        let known = Complainant {
            name: "Ann Lee".to_owned(),
            address: "1 High St".to_owned(),
            adjustments: "Large print".to_owned(),
            ..Complainant::default()
        };
        let newer = Complainant {
            name: "Ann Lee".to_owned(),
            phone: "01623 463463".to_owned(),
            ..Complainant::default()
        };
        let merged = known.updated_by(&newer);
        assert_eq!(merged.adjustments, "Large print");
        assert_eq!(merged.address, "1 High St");
        assert_eq!(merged.phone, "01623 463463");
    }

    #[test]
    fn details_need_a_name_and_a_real_email() {
        let form = StepForm::default().with("email", "ann.example.org");
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let err = details_from_form(&form, false, today).expect_err("refused");
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "email"]);
        assert!(details_from_form(&StepForm::default(), true, today).is_ok());
    }
}
