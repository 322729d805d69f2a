//! A person: one record of a complainant across all their cases, with the
//! restrictions on contact decided under the unreasonable-behaviour
//! procedure.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case::Complainant;

/// A person's permanent identity: a UUIDv7, so that people recorded on
/// different laptops can later be brought together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub Uuid);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Text that is not a person's id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a person's id (it looks like 0192f0c4-1b2a-7c3d-8e4f-5a6b7c8d9e0f)")]
pub struct BadPersonId(pub String);

impl FromStr for PersonId {
    type Err = BadPersonId;

    fn from_str(text: &str) -> Result<PersonId, BadPersonId> {
        Uuid::parse_str(text.trim())
            .map(PersonId)
            .map_err(|_| BadPersonId(text.trim().to_owned()))
    }
}

/// A person and their details, which every case of theirs shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Permanent identity.
    pub id: PersonId,
    /// Name, contact details, needs and adjustments.
    pub details: Complainant,
}

impl Person {
    /// The name people read: "Anonymous" for an anonymous complainant.
    pub fn display_name(&self) -> &str {
        self.details.shown_name()
    }
}

/// What a review of a restriction decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewDecision {
    /// The restriction stays, until the next review.
    Kept,
    /// The restriction ends.
    Lifted,
}

impl ReviewDecision {
    /// `kept` or `lifted`.
    pub fn slug(self) -> &'static str {
        match self {
            ReviewDecision::Kept => "kept",
            ReviewDecision::Lifted => "lifted",
        }
    }
}

/// One review of a restriction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictionReview {
    /// When it was reviewed.
    pub on: NaiveDate,
    /// Kept or lifted.
    pub decision: ReviewDecision,
    /// When it is next reviewed, if kept.
    pub next_review_on: Option<NaiveDate>,
    /// Who recorded the review.
    pub by: String,
}

/// A restriction on how the council deals with a person, decided by a head
/// of service, told to the person in writing and reviewed (policy §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restriction {
    /// Its number among the person's restrictions, from 1.
    pub number: u32,
    /// The head of service who decided it.
    pub decided_by: String,
    /// When it was recorded.
    pub decided_on: NaiveDate,
    /// Why, as the person was told.
    pub reason: String,
    /// What contact is still allowed.
    pub contact: String,
    /// When the person was told in writing.
    pub told_on: NaiveDate,
    /// When it is (next) reviewed.
    pub review_on: NaiveDate,
    /// The reviews so far, oldest first.
    pub reviews: Vec<RestrictionReview>,
}

impl Restriction {
    /// When it was lifted, if it has been.
    pub fn lifted_on(&self) -> Option<NaiveDate> {
        self.reviews
            .iter()
            .find(|r| r.decision == ReviewDecision::Lifted)
            .map(|r| r.on)
    }

    /// Whether it is still in force.
    pub fn is_active(&self) -> bool {
        self.lifted_on().is_none()
    }

    /// Whether it is in force and its review date has come.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.is_active() && self.review_on <= today
    }
}

/// The active restriction among a person's, if any.
pub fn active_restriction(restrictions: &[Restriction]) -> Option<&Restriction> {
    restrictions.iter().find(|r| r.is_active())
}
