//! A complaint case: who complained, about what, how it was triaged, and the
//! record of each stage of the procedure, with the rules that govern every
//! change to it.

mod command;
mod due;
mod event;
mod intake;
mod model;
mod rules;
mod steps;
mod terms;

pub use command::{CaseCommand, NewCase};
pub use due::{Due, Horizon, HorizonDates, NextDue, Urgency};
pub use event::CaseEvent;
pub use intake::INTAKE_FIELDS;
pub use model::{
    shown_name, Action, Case, CaseId, Complainant, Extension, Named, OfficerRef, Referral, Remedy,
    Representative, Stage, Status, ANONYMOUS,
};
pub use rules::{Record, RuleContext, RuleError};
pub(crate) use steps::{capitalised, Reader};
pub use steps::{Entry, Field, FieldKind, FormError, FormErrors, OfficerLookup, Step, StepForm};
pub use terms::{
    Channel, ContactMethod, Country, ExclusionReason, Language, Ombudsman, OmbudsmanContact,
    Outcome, RemedyKind, Role, Triage, UnknownTerm, Vocabulary,
};
