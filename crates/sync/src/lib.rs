//! Sync's shared folder: the files laptops leave for each other, sealed
//! with the council's key, and the join file that carries the key to a new
//! laptop. What travels (`redress::sync::Op`) and how a case is replayed
//! are the core's; this crate only reads and writes the folder.
//!
//! - [`seal`]: a batch's bytes, encrypted and authenticated (XChaCha20-Poly1305).
//! - [`folder`]: the shared folder's layout, and reading it as sync clients
//!   leave it (copies, half-copied files, other keys).
//! - [`join`]: the join file that carries the council's key to a new laptop.

pub mod folder;
pub mod join;
pub mod seal;

pub use folder::{
    Batch, BatchProblem, BatchTrouble, DeviceManifest, Folder, FolderError, ReadBatches,
};
pub use join::{prefix_for_joining, JoinError, JoinFile};
pub use seal::{Key, SealError};
