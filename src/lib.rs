//! Redress: complaint handling for UK councils.
//!
//! The core library. It keeps no global state, reads no clock, environment or
//! home directory: "today", the council's calendar and every path are passed
//! in by the caller (the `redress` CLI or the desktop shell).

pub mod access;
pub mod calendar;
pub mod case;
pub mod case_file;
pub mod dates;
pub mod deadline;
pub mod hlc;
pub mod letters;
pub mod money;
pub mod people;
pub mod policy;
pub mod records;
pub mod reminders;
pub mod reports;
pub mod settings;
pub mod sync;
pub mod text;
pub mod transfer;
pub mod words;
