//! Sync: the laptops of one council share their work through a folder they
//! already share (a network drive, a OneDrive or SharePoint folder, a USB
//! stick), with no server. Each laptop is a device with its own id and
//! reference prefix; it writes only its own files there, append-only
//! batches of operations sealed with the council's key, and reads the
//! others'. Operations are put in one order by their hybrid logical clock
//! readings and a case's steps are taken again in that order through the
//! same pure rules as a person's step ([`replay`]), so laptops that have
//! seen the same operations hold the same cases; a step the rules refuse
//! in that order is a conflict, listed on every laptop.
//!
//! Here, pure:
//! - [`op`]: what travels.
//! - [`replay`]: a case's operations in clock order through the rules.
//!
//! The shared folder itself (its files, sealed with the council's key, and
//! the join file) is the `redress-sync` crate's: the core touches no files.

pub mod op;
pub mod replay;

pub use op::{Op, OpBody, RulesBody, StepRecord, TableRow};
pub use replay::{replay, CaseChange, CaseOp, Refusal, Replayed};
