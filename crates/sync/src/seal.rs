//! Sealing a file for the shared folder with the council's key: encrypted and
//! authenticated with XChaCha20-Poly1305, so nothing readable sits in a
//! cloud drive and a file from anyone without the key is refused. The
//! header, in the clear, says it is Redress's, which key sealed it (a short
//! id, not the key) and how long it is, so a file cut short by a sync
//! client still copying it, one sealed with another council's key and one
//! damaged are each told apart.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"RDRSSYNC";
const VERSION: u8 = 1;
const HEADER: usize = 8 + 1 + 8 + 8 + 24;

/// The council's key: 32 random bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({})", self.id_hex())
    }
}

/// Why a sealed file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not a file Redress sealed.
    #[error("it is not a Redress sync file")]
    NotSealed,
    /// Sealed by a newer Redress.
    #[error("it was written by a newer version of Redress (format {0})")]
    NewerFormat(u8),
    /// Shorter (or longer) than its header says: still being copied, or cut short.
    #[error(
        "it is incomplete ({found} of {expected} bytes): a sync client may still be copying it"
    )]
    Incomplete {
        /// Bytes there.
        found: usize,
        /// Bytes it should have.
        expected: usize,
    },
    /// Sealed with a key that is not this council's.
    #[error("it was sealed with another key, not this council's")]
    OtherKey,
    /// The right key and length, but the content does not authenticate.
    #[error("it is damaged: its content does not match its seal")]
    Damaged,
}

impl Key {
    /// A new random key.
    pub fn generate() -> Key {
        Key(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    /// Its bytes.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A short id naming the key without revealing it.
    fn id(&self) -> [u8; 8] {
        let digest = Sha256::new()
            .chain_update(b"redress sync key id")
            .chain_update(self.0)
            .finalize();
        let mut id = [0; 8];
        id.copy_from_slice(&digest[..8]);
        id
    }

    /// The id as hex, for messages and logs.
    pub fn id_hex(&self) -> String {
        hex::encode(self.id())
    }

    /// Seals `plain`: header, nonce and ciphertext.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // The tag is 16 bytes.
        let length = (plain.len() + 16) as u64;
        let mut out = Vec::with_capacity(HEADER + plain.len() + 16);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&self.id());
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&nonce);
        let sealed = cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: &out,
                },
            )
            .unwrap_or_default();
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens what [`Key::seal`] made, saying exactly why when it cannot.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < 9 || &sealed[..8] != MAGIC {
            return Err(SealError::NotSealed);
        }
        if sealed[8] != VERSION {
            return Err(SealError::NewerFormat(sealed[8]));
        }
        if sealed.len() < HEADER {
            return Err(SealError::Incomplete {
                found: sealed.len(),
                expected: HEADER,
            });
        }
        let mut length = [0; 8];
        length.copy_from_slice(&sealed[17..25]);
        let expected = usize::try_from(u64::from_be_bytes(length))
            .unwrap_or(usize::MAX)
            .saturating_add(HEADER);
        if sealed.len() != expected {
            return Err(SealError::Incomplete {
                found: sealed.len(),
                expected,
            });
        }
        if sealed[9..17] != self.id() {
            return Err(SealError::OtherKey);
        }
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let nonce = XNonce::from_slice(&sealed[25..HEADER]);
        cipher
            .decrypt(
                nonce,
                Payload {
                    msg: &sealed[HEADER..],
                    aad: &sealed[..HEADER],
                },
            )
            .map_err(|_| SealError::Damaged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_with_its_key_and_says_why_not_otherwise() {
        let key = Key::generate();
        let sealed = key.seal(b"three cases");
        assert_eq!(key.open(&sealed).as_deref(), Ok(&b"three cases"[..]));
        assert!(
            !sealed.windows(5).any(|w| w == b"cases"),
            "nothing readable"
        );

        assert_eq!(Key::generate().open(&sealed), Err(SealError::OtherKey));
        assert!(matches!(
            key.open(&sealed[..sealed.len() - 3]),
            Err(SealError::Incomplete { .. })
        ));
        let mut damaged = sealed.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert_eq!(key.open(&damaged), Err(SealError::Damaged));
        assert_eq!(key.open(b"{\"json\": 1}"), Err(SealError::NotSealed));
    }
}
