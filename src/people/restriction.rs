//! The unreasonable-behaviour procedure (policy §11) as rules: a restriction
//! is decided by a head of service, with its reason, the contact still
//! allowed, the date the person was told in writing and a review date; it is
//! reviewed, then kept (until a later review) or lifted. Pure: the store
//! finds the officers and keeps the result.

use chrono::NaiveDate;

use super::model::{Restriction, RestrictionReview, ReviewDecision};
use crate::case::{capitalised, FormErrors, Reader, Role, StepForm};

/// The fields of the restriction form, in order.
pub const RESTRICTION_FIELDS: [&str; 5] =
    ["decided_by", "reason", "contact", "told_on", "review_on"];

/// The fields of the review form, in order.
pub const REVIEW_FIELDS: [&str; 3] = ["on", "decision", "next"];

/// An officer as the procedure needs them: their name and roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decider {
    /// Their name.
    pub name: String,
    /// What they may do.
    pub roles: Vec<Role>,
}

/// A restriction as decided, before it is numbered and kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRestriction {
    /// The head of service who decided it.
    pub decided_by: String,
    /// Why.
    pub reason: String,
    /// What contact is still allowed.
    pub contact: String,
    /// When the person was told in writing.
    pub told_on: NaiveDate,
    /// When it will be reviewed.
    pub review_on: NaiveDate,
}

/// Why a restriction or review was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestrictionError {
    /// The person already has a restriction in force.
    #[error("restriction {0} is still in force: review it (keep or lift it) instead of recording another")]
    AlreadyActive(u32),
    /// No restriction has the number.
    #[error("this person has no restriction {number}: {}", known_numbers(.known))]
    NoSuch {
        /// The number asked for.
        number: u32,
        /// The numbers there are.
        known: Vec<u32>,
    },
    /// Reviewing a restriction that was lifted.
    #[error("restriction {number} was lifted on {}: there is nothing to review", crate::dates::long(*.on))]
    AlreadyLifted {
        /// Its number.
        number: u32,
        /// When it was lifted.
        on: NaiveDate,
    },
}

fn known_numbers(numbers: &[u32]) -> String {
    if numbers.is_empty() {
        "none has been recorded".to_owned()
    } else {
        let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
        format!("choose {}", list.join(", "))
    }
}

impl NewRestriction {
    /// Reads the restriction form (`RESTRICTION_FIELDS`), reporting every
    /// problem at once. `find` finds an officer by name; only a head of
    /// service may decide.
    pub fn from_form(
        form: &StepForm,
        find: &dyn Fn(&str) -> Option<Decider>,
        today: NaiveDate,
    ) -> Result<NewRestriction, FormErrors> {
        let mut read = Reader::new(form, today);
        let decided_by = match read.raw("decided_by") {
            "" => {
                read.missing(
                    "decided_by",
                    "Choose the head of service who decided the restriction",
                );
                String::new()
            }
            name => match find(name) {
                None => {
                    let message = format!(
                        "No officer is called '{name}': choose one from the list, or add them in Settings"
                    );
                    read.bad("decided_by".to_owned(), message);
                    String::new()
                }
                Some(officer) if !officer.roles.contains(&Role::HeadOfService) => {
                    let message = format!(
                        "{} is not a head of service: only an officer with the Head of Service role can decide a restriction (give them the role in Settings)",
                        officer.name
                    );
                    read.bad("decided_by".to_owned(), message);
                    officer.name
                }
                Some(officer) => officer.name,
            },
        };
        let reason = read.text("reason");
        if reason.is_empty() {
            read.missing(
                "reason",
                "Enter why contact is restricted, as the person was told",
            );
        }
        let contact = read.text("contact");
        if contact.is_empty() {
            read.missing(
                "contact",
                "Enter what contact is still allowed, for example one named officer by email",
            );
        }
        let told_on = read.date("told_on", "the date the person was told in writing");
        if told_on > today {
            read.bad(
                "told_on".to_owned(),
                "The date the person was told cannot be in the future".to_owned(),
            );
        }
        let review_on = read.date("review_on", "the date the restriction will be reviewed");
        if !read.raw("review_on").is_empty() && review_on <= today.max(told_on) {
            read.bad(
                "review_on".to_owned(),
                "The review date must be after today and after the person was told: a restriction is limited in time".to_owned(),
            );
        }
        read.finish(NewRestriction {
            decided_by,
            reason,
            contact,
            told_on,
            review_on,
        })
    }

    /// The restriction this decision makes, numbered after `existing`;
    /// refused while another is still in force.
    pub fn decide(
        self,
        existing: &[Restriction],
        today: NaiveDate,
    ) -> Result<Restriction, RestrictionError> {
        if let Some(active) = existing.iter().find(|r| r.is_active()) {
            return Err(RestrictionError::AlreadyActive(active.number));
        }
        let number = existing.iter().map(|r| r.number).max().unwrap_or(0) + 1;
        Ok(Restriction {
            number,
            decided_by: self.decided_by,
            decided_on: today,
            reason: self.reason,
            contact: self.contact,
            told_on: self.told_on,
            review_on: self.review_on,
            reviews: Vec::new(),
        })
    }
}

/// A review, as read from its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// When it was reviewed.
    pub on: NaiveDate,
    /// Kept or lifted.
    pub decision: ReviewDecision,
    /// The next review date, when kept.
    pub next_review_on: Option<NaiveDate>,
}

impl Review {
    /// Reads the review form (`REVIEW_FIELDS`: `on` (today when empty),
    /// `decision` (`keep` or `lift`) and `next`, needed to keep it).
    pub fn from_form(form: &StepForm, today: NaiveDate) -> Result<Review, FormErrors> {
        let mut read = Reader::new(form, today);
        let on = read.on();
        if on > today {
            read.bad(
                "on".to_owned(),
                "The review date cannot be in the future".to_owned(),
            );
        }
        let decision = match read.raw("decision").to_lowercase().as_str() {
            "keep" | "kept" => Some(ReviewDecision::Kept),
            "lift" | "lifted" => Some(ReviewDecision::Lifted),
            "" => {
                read.missing("decision", "Choose whether to keep or lift the restriction");
                None
            }
            other => {
                let message = capitalised(&format!(
                    "unknown review decision '{other}': use keep or lift"
                ));
                read.bad("decision".to_owned(), message);
                None
            }
        };
        let next_review_on = match (decision, read.raw("next")) {
            (Some(ReviewDecision::Kept), "") => {
                read.missing(
                    "next",
                    "Enter the next review date: a restriction that is kept is reviewed again",
                );
                None
            }
            (Some(ReviewDecision::Kept), text) => {
                let text = text.to_owned();
                let next = read.read_date("next".to_owned(), &text);
                if next.is_some_and(|next| next <= on) {
                    read.bad(
                        "next".to_owned(),
                        "The next review date must be after this review".to_owned(),
                    );
                }
                next
            }
            (_, "") => None,
            (_, _) => {
                read.bad(
                    "next".to_owned(),
                    "A lifted restriction has no next review: leave the date empty".to_owned(),
                );
                None
            }
        };
        let decision = decision.unwrap_or(ReviewDecision::Kept);
        read.finish(Review {
            on,
            decision,
            next_review_on,
        })
    }

    /// Records this review on the restriction numbered `number` among
    /// `restrictions`, as `by`.
    pub fn apply(
        self,
        restrictions: &mut [Restriction],
        number: u32,
        by: &str,
    ) -> Result<(), RestrictionError> {
        let known: Vec<u32> = restrictions.iter().map(|r| r.number).collect();
        let restriction = restrictions
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(RestrictionError::NoSuch { number, known })?;
        if let Some(on) = restriction.lifted_on() {
            return Err(RestrictionError::AlreadyLifted { number, on });
        }
        if let Some(next) = self.next_review_on {
            restriction.review_on = next;
        }
        restriction.reviews.push(RestrictionReview {
            on: self.on,
            decision: self.decision,
            next_review_on: self.next_review_on,
            by: by.to_owned(),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Entry;

    fn day(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).expect("date")
    }

    fn officers(name: &str) -> Option<Decider> {
        match name {
            "Hana Head" => Some(Decider {
                name: name.to_owned(),
                roles: vec![Role::HeadOfService],
            }),
            "Ivan Officer" => Some(Decider {
                name: name.to_owned(),
                roles: vec![Role::InvestigatingOfficer],
            }),
            _ => None,
        }
    }

    fn form(decided_by: &str) -> StepForm {
        StepForm::default()
            .with("decided_by", decided_by)
            .with("reason", "Forty calls a week to staff")
            .with("contact", "Email to the complaints team only")
            .with("told_on", "2026-11-20")
            .with("review_on", "2027-05-20")
    }

    #[test]
    fn only_a_head_of_service_decides() {
        let today = day("2026-11-24");
        let err = NewRestriction::from_form(&form("Ivan Officer"), &officers, today)
            .expect_err("refused");
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].field, "decided_by");
        assert!(err.0[0].message.contains("not a head of service"));
        let ok = NewRestriction::from_form(&form("Hana Head"), &officers, today).expect("ok");
        assert_eq!(ok.decided_by, "Hana Head");
    }

    #[test]
    fn every_missing_field_is_reported_at_once() {
        let err = NewRestriction::from_form(&StepForm::default(), &officers, day("2026-11-24"))
            .expect_err("refused");
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, RESTRICTION_FIELDS.to_vec());
    }

    #[test]
    fn a_review_date_in_the_past_is_refused() {
        let f = form("Hana Head").with("review_on", "2026-11-01");
        let err = NewRestriction::from_form(&f, &officers, day("2026-11-24")).expect_err("refused");
        assert_eq!(err.0[0].field, "review_on");
    }

    #[test]
    fn kept_then_lifted_and_never_reviewed_again() {
        let today = day("2026-11-24");
        let first = NewRestriction::from_form(&form("Hana Head"), &officers, today)
            .expect("ok")
            .decide(&[], today)
            .expect("decided");
        let mut all = vec![first];
        assert!(all[0].is_active());
        let again = NewRestriction::from_form(&form("Hana Head"), &officers, today)
            .expect("ok")
            .decide(&all, today);
        assert_eq!(again, Err(RestrictionError::AlreadyActive(1)));

        let keep = StepForm::default()
            .with("on", "2026-11-24")
            .with("decision", "keep")
            .with("next", "2027-02-24");
        Review::from_form(&keep, today)
            .expect("read")
            .apply(&mut all, 1, "Hana Head")
            .expect("kept");
        assert_eq!(all[0].review_on, day("2027-02-24"));
        assert!(all[0].is_active());

        let lift = StepForm::default().with("decision", "lift");
        Review::from_form(&lift, today)
            .expect("read")
            .apply(&mut all, 1, "Hana Head")
            .expect("lifted");
        assert_eq!(all[0].lifted_on(), Some(today));
        assert!(!all[0].is_active());
        let err = Review::from_form(&lift, today)
            .expect("read")
            .apply(&mut all, 1, "Hana Head");
        assert!(matches!(
            err,
            Err(RestrictionError::AlreadyLifted { number: 1, .. })
        ));
        let missing =
            Review::from_form(&lift, today)
                .expect("read")
                .apply(&mut all, 7, "Hana Head");
        assert!(matches!(
            missing,
            Err(RestrictionError::NoSuch { number: 7, .. })
        ));
    }

    #[test]
    fn keeping_needs_a_later_next_review() {
        let f = StepForm::default()
            .with("on", "2026-11-24")
            .with("decision", "keep")
            .with_entry("next", Entry::Text(String::new()));
        let err = Review::from_form(&f, day("2026-11-24")).expect_err("refused");
        assert_eq!(err.0[0].field, "next");
        let f = f.with("next", "2026-11-20");
        let err = Review::from_form(&f, day("2026-11-24")).expect_err("refused");
        assert_eq!(err.0[0].field, "next");
    }
}
