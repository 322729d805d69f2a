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
//! - [`op`]: what travels.
//! - [`seal`]: a batch's bytes, encrypted and authenticated (XChaCha20-Poly1305).
//! - [`folder`]: the shared folder's layout, and reading it as sync clients
//!   leave it (copies, half-copied files, other keys).
//! - [`replay`]: a case's operations in clock order through the rules.
//! - [`join`]: the join file that carries the council's key to a new laptop.

pub mod folder;
pub mod join;
pub mod op;
pub mod replay;
pub mod seal;

pub use folder::{
    Batch, BatchProblem, BatchTrouble, DeviceManifest, Folder, FolderError, ReadBatches,
};
pub use join::{prefix_for_joining, JoinError, JoinFile};
pub use op::{Op, OpBody, RulesBody, StepRecord, TableRow};
pub use replay::{replay, CaseChange, CaseOp, Refusal, Replayed};
pub use seal::{Key, SealError};
