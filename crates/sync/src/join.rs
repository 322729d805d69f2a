//! The join file: what one laptop writes when it creates the council's
//! workspace, and another opens to join it. It holds the council's key, so
//! it is handed over like a password (never left in the shared folder).

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::seal::Key;

const FORMAT: &str = "redress-sync-join";

/// A join file's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinFile {
    /// The workspace's id.
    pub workspace: String,
    /// The council's name when it was made.
    pub council: String,
    /// The reference prefix of the laptop that made it (others take their
    /// own from it).
    pub prefix: String,
    /// The council's key.
    pub key: Key,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    format: String,
    version: u32,
    workspace: String,
    council: String,
    prefix: String,
    key: String,
}

/// Why a file is not a join file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    /// Not one at all.
    #[error(
        "it is not a Redress join file: use the file `redress sync init` (or Settings, Sync) wrote"
    )]
    NotJoinFile,
    /// Its key is not 32 bytes of base64.
    #[error("its key is damaged: ask for the join file again")]
    BadKey,
}

impl JoinFile {
    /// The file's text (JSON).
    pub fn to_text(&self) -> String {
        let wire = Wire {
            format: FORMAT.to_owned(),
            version: 1,
            workspace: self.workspace.clone(),
            council: self.council.clone(),
            prefix: self.prefix.clone(),
            key: base64::engine::general_purpose::STANDARD.encode(self.key.bytes()),
        };
        serde_json::to_string_pretty(&wire).unwrap_or_default() + "\n"
    }

    /// Reads a join file's text.
    pub fn read(text: &str) -> Result<JoinFile, JoinError> {
        let wire: Wire = serde_json::from_str(text).map_err(|_| JoinError::NotJoinFile)?;
        if wire.format != FORMAT || wire.workspace.is_empty() {
            return Err(JoinError::NotJoinFile);
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(wire.key.trim())
            .map_err(|_| JoinError::BadKey)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| JoinError::BadKey)?;
        Ok(JoinFile {
            workspace: wire.workspace,
            council: wire.council,
            prefix: wire.prefix,
            key: Key::from_bytes(key),
        })
    }
}

/// The reference prefix a joining laptop takes: the workspace's with the
/// first letter from B that no laptop in the folder uses (at most 8
/// characters), so references stay unique without asking anyone.
pub fn prefix_for_joining(base: &str, used: &[String]) -> String {
    let stem: String = base.chars().take(7).collect();
    ('B'..='Z')
        .map(|letter| format!("{stem}{letter}"))
        .chain((2..100).map(|n| format!("{}{n}", stem.chars().take(6).collect::<String>())))
        .find(|candidate| candidate != base && !used.contains(candidate))
        .unwrap_or_else(|| stem.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joining_laptop_takes_the_first_prefix_no_one_uses() {
        let used = vec!["CMP".to_owned(), "CMPB".to_owned()];
        assert_eq!(prefix_for_joining("CMP", &used), "CMPC");
        assert_eq!(prefix_for_joining("ABCDEFGH", &[]), "ABCDEFGB");
    }

    #[test]
    fn a_join_file_reads_back_and_a_stranger_file_is_refused() {
        let file = JoinFile {
            workspace: "0190".to_owned(),
            council: "Northshire".to_owned(),
            prefix: "NS".to_owned(),
            key: Key::generate(),
        };
        assert_eq!(JoinFile::read(&file.to_text()), Ok(file));
        assert_eq!(JoinFile::read("hello"), Err(JoinError::NotJoinFile));
    }
}
