//! The shared folder: its layout, and reading it as sync clients leave it.
//!
//! ```text
//! <folder>/workspace.redress            the workspace's id, sealed
//! <folder>/devices/<device>/device.redress   that laptop's name and prefix
//! <folder>/devices/<device>/00000001.batch   its batches, numbered from 1
//! <folder>/blobs/<sha256>.blob              documents' bytes, once each
//! ```
//!
//! A laptop writes only in its own `devices/<device>/` (and adds blobs
//! that are not there yet), each file under a temporary name first and
//! then renamed, and never writes a file twice. Reading takes what sync
//! clients do into account: a copy they made ("00000003 (1).batch",
//! "00000003-LAPTOP.batch", "… (conflicted copy …)") is read only as a
//! stand-in for its batch; a file cut short or still being copied is left
//! for next time; a file sealed with another key is refused; temporary
//! files are ignored.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::seal::{Key, SealError};
use redress::sync::Op;

/// The shared folder, as one workspace's laptops use it.
#[derive(Debug, Clone)]
pub struct Folder {
    root: PathBuf,
    key: Key,
    workspace: String,
}

/// One laptop's batch of operations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The workspace.
    pub workspace: String,
    /// The laptop that wrote it.
    pub device: String,
    /// Its number, from 1.
    pub seq: u64,
    /// The operations.
    pub ops: Vec<Op>,
}

/// A laptop as it describes itself in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceManifest {
    /// Its id.
    pub device: String,
    /// Its name (who uses it).
    pub name: String,
    /// The prefix of the references it makes.
    pub prefix: String,
}

#[derive(Serialize, Deserialize)]
struct WorkspaceManifest {
    workspace: String,
    council: String,
}

/// Why the folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// Not there (a network drive not connected, a USB stick out).
    #[error(
        "the shared folder {0} cannot be reached: connect to it (or plug it in) and sync again"
    )]
    Unreachable(PathBuf),
    /// Already holds a workspace.
    #[error("{0} already holds a council's sync workspace: join it with its join file instead, or choose an empty folder")]
    Taken(PathBuf),
    /// Holds no workspace.
    #[error("{0} holds no Redress sync workspace: choose the folder the first laptop set up (the one with workspace.redress in it)")]
    NoWorkspace(PathBuf),
    /// Holds another workspace, or this key does not open it.
    #[error("{path} belongs to another workspace, or this join file is not for it ({why})")]
    OtherWorkspace {
        /// The folder.
        path: PathBuf,
        /// What did not match.
        why: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A batch already has that number (this laptop's own files were
    /// changed outside Redress).
    #[error("{0} already exists: Redress never writes a batch twice")]
    Exists(PathBuf),
}

/// A batch that could not be read this time, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchProblem {
    /// The laptop.
    pub device: String,
    /// The batch number.
    pub seq: u64,
    /// The file.
    pub file: String,
    /// Why.
    pub why: BatchTrouble,
}

/// What was wrong with a batch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchTrouble {
    /// Its seal refused it.
    #[error("{0}")]
    Seal(SealError),
    /// It opened but is not a batch of this workspace and laptop.
    #[error("it is not this laptop's batch of this workspace")]
    Misplaced,
    /// Later batches are there but not this one yet.
    #[error("it has not arrived yet (later ones have)")]
    Missing,
    /// It could not be read.
    #[error("it could not be read: {0}")]
    Unreadable(String),
}

/// What reading a laptop's batches found.
#[derive(Debug, Clone, Default)]
pub struct ReadBatches {
    /// The batches read, in order (possibly with gaps).
    pub batches: Vec<Batch>,
    /// The highest number up to which every batch was read.
    pub read_to: u64,
    /// Batches left for next time.
    pub problems: Vec<BatchProblem>,
    /// Copies a sync client made that were not needed.
    pub copies: usize,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The batch number a file's name gives, and whether it is the batch's own
/// name (not a sync client's copy).
fn batch_name(name: &str) -> Option<(u64, bool)> {
    let stem = name.strip_suffix(".batch")?;
    if stem.len() < 8 || !stem.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let seq = stem[..8].parse().ok()?;
    Some((seq, stem.len() == 8))
}

fn batch_file_name(seq: u64) -> String {
    format!("{seq:08}.batch")
}

impl Folder {
    /// The folder at `root`, for the workspace sealed with `key`.
    pub fn new(root: &Path, key: Key, workspace: &str) -> Folder {
        Folder {
            root: root.to_owned(),
            key,
            workspace: workspace.to_owned(),
        }
    }

    /// Where it is.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn reachable(&self) -> Result<(), FolderError> {
        if self.root.is_dir() {
            Ok(())
        } else {
            Err(FolderError::Unreachable(self.root.clone()))
        }
    }

    fn workspace_file(&self) -> PathBuf {
        self.root.join("workspace.redress")
    }

    fn device_dir(&self, device: &str) -> PathBuf {
        self.root.join("devices").join(device)
    }

    /// Writes `bytes` to `path` whole: a temporary file beside it, flushed,
    /// then renamed. An existing file is never replaced.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), FolderError> {
        if path.exists() {
            return Err(FolderError::Exists(path.to_owned()));
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(io(dir))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut file = fs::File::create(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&temp, path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written.map_err(io(path))
    }

    fn read_sealed<T: for<'de> Deserialize<'de>>(&self, path: &Path) -> Result<T, BatchTrouble> {
        let bytes = fs::read(path).map_err(|e| BatchTrouble::Unreadable(e.to_string()))?;
        let plain = self.key.open(&bytes).map_err(BatchTrouble::Seal)?;
        serde_json::from_slice(&plain).map_err(|_| BatchTrouble::Misplaced)
    }

    /// Makes the workspace in an empty (or new) folder.
    pub fn create_workspace(&self, council: &str) -> Result<(), FolderError> {
        fs::create_dir_all(&self.root).map_err(io(&self.root))?;
        if self.workspace_file().exists() {
            return Err(FolderError::Taken(self.root.clone()));
        }
        let manifest = WorkspaceManifest {
            workspace: self.workspace.clone(),
            council: council.to_owned(),
        };
        let json = serde_json::to_vec(&manifest).unwrap_or_default();
        self.write_new(&self.workspace_file(), &self.key.seal(&json))
    }

    /// Checks the folder is reachable and holds this workspace.
    pub fn check_workspace(&self) -> Result<(), FolderError> {
        self.reachable()?;
        let path = self.workspace_file();
        if !path.exists() {
            return Err(FolderError::NoWorkspace(self.root.clone()));
        }
        let manifest: WorkspaceManifest =
            self.read_sealed(&path)
                .map_err(|why| FolderError::OtherWorkspace {
                    path: self.root.clone(),
                    why: why.to_string(),
                })?;
        if manifest.workspace != self.workspace {
            return Err(FolderError::OtherWorkspace {
                path: self.root.clone(),
                why: "its workspace id differs".to_owned(),
            });
        }
        Ok(())
    }

    /// Writes this laptop's description (once).
    pub fn write_device(&self, manifest: &DeviceManifest) -> Result<(), FolderError> {
        let path = self.device_dir(&manifest.device).join("device.redress");
        if path.exists() {
            return Ok(());
        }
        let json = serde_json::to_vec(manifest).unwrap_or_default();
        self.write_new(&path, &self.key.seal(&json))
    }

    /// The laptops in the folder that can be read.
    pub fn devices(&self) -> Result<Vec<DeviceManifest>, FolderError> {
        self.reachable()?;
        let dir = self.root.join("devices");
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut devices = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path().join("device.redress");
            if let Ok(manifest) = self.read_sealed::<DeviceManifest>(&path) {
                if entry.file_name().to_string_lossy() == manifest.device {
                    devices.push(manifest);
                }
            }
        }
        devices.sort_by(|a, b| a.device.cmp(&b.device));
        Ok(devices)
    }

    /// Writes one of this laptop's batches.
    pub fn write_batch(&self, batch: &Batch) -> Result<(), FolderError> {
        self.reachable()?;
        let path = self
            .device_dir(&batch.device)
            .join(batch_file_name(batch.seq));
        let json = serde_json::to_vec(batch).unwrap_or_default();
        self.write_new(&path, &self.key.seal(&json))
    }

    /// The highest batch number of `device`'s files in the folder (0: none).
    pub fn last_batch(&self, device: &str) -> Result<u64, FolderError> {
        self.reachable()?;
        let Ok(entries) = fs::read_dir(self.device_dir(device)) else {
            return Ok(0);
        };
        Ok(entries
            .flatten()
            .filter_map(|e| batch_name(&e.file_name().to_string_lossy()))
            .filter(|(_, own)| *own)
            .map(|(seq, _)| seq)
            .max()
            .unwrap_or(0))
    }

    /// The batches of `device` after number `after`.
    pub fn read_batches(&self, device: &str, after: u64) -> Result<ReadBatches, FolderError> {
        self.reachable()?;
        let dir = self.device_dir(device);
        let mut files: BTreeMap<u64, Vec<(bool, String)>> = BTreeMap::new();
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue; // being written
                }
                if let Some((seq, own)) = batch_name(&name) {
                    if seq > after {
                        files.entry(seq).or_default().push((own, name));
                    }
                }
            }
        }
        let mut read = ReadBatches {
            read_to: after,
            ..ReadBatches::default()
        };
        let mut contiguous = true;
        let mut expected = after + 1;
        for (seq, mut names) in files {
            // The batch's own name first, then copies by name.
            names.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            while contiguous && expected < seq {
                read.problems.push(BatchProblem {
                    device: device.to_owned(),
                    seq: expected,
                    file: batch_file_name(expected),
                    why: BatchTrouble::Missing,
                });
                contiguous = false;
                expected += 1;
            }
            let mut found = None;
            let mut trouble = None;
            for (_, name) in &names {
                match self.read_sealed::<Batch>(&dir.join(name)) {
                    Ok(batch)
                        if batch.seq == seq
                            && batch.device == device
                            && batch.workspace == self.workspace =>
                    {
                        if found.is_none() {
                            found = Some(batch);
                        }
                    }
                    Ok(_) => trouble = trouble.or(Some((name.clone(), BatchTrouble::Misplaced))),
                    Err(why) => trouble = trouble.or(Some((name.clone(), why))),
                }
            }
            read.copies += names.len().saturating_sub(1);
            match found {
                Some(batch) => {
                    if contiguous {
                        read.read_to = seq;
                    }
                    read.batches.push(batch);
                }
                None => {
                    contiguous = false;
                    if let Some((file, why)) = trouble {
                        read.problems.push(BatchProblem {
                            device: device.to_owned(),
                            seq,
                            file,
                            why,
                        });
                    }
                }
            }
            expected = seq + 1;
        }
        Ok(read)
    }

    fn blob_path(&self, sha256: &str) -> PathBuf {
        self.root.join("blobs").join(format!("{sha256}.blob"))
    }

    /// Adds a document's bytes, unless they are there already.
    pub fn write_blob(&self, sha256: &str, bytes: &[u8]) -> Result<(), FolderError> {
        let path = self.blob_path(sha256);
        if path.exists() {
            return Ok(());
        }
        match self.write_new(&path, &self.key.seal(bytes)) {
            Err(FolderError::Exists(_)) => Ok(()),
            other => other,
        }
    }

    /// A document's bytes, if they are there whole and are what the hash
    /// says.
    pub fn read_blob(&self, sha256: &str) -> Option<Vec<u8>> {
        let sealed = fs::read(self.blob_path(sha256)).ok()?;
        let bytes = self.key.open(&sealed).ok()?;
        let digest = hex::encode(Sha256::digest(&bytes));
        (digest == sha256).then_some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_names_and_the_copies_sync_clients_make() {
        assert_eq!(batch_name("00000003.batch"), Some((3, true)));
        assert_eq!(batch_name("00000003 (1).batch"), Some((3, false)));
        assert_eq!(batch_name("00000003-LAPTOP-7.batch"), Some((3, false)));
        assert_eq!(
            batch_name("00000003 (Sam's conflicted copy 2026-12-01).batch"),
            Some((3, false))
        );
        assert_eq!(batch_name("device.redress"), None);
        assert_eq!(batch_name("3.batch"), None);
    }
}
