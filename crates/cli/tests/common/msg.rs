//! Outlook `.msg` files for the tests: an OLE compound file (version 3,
//! 512-byte sectors, as Outlook writes) of MAPI property streams, written
//! with the `cfb` crate.

use std::io::{Cursor, Write};

/// A `.msg` being written.
pub struct Msg(cfb::CompoundFile<Cursor<Vec<u8>>>);

impl Msg {
    /// An empty message.
    pub fn new() -> Msg {
        Msg(
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
                .expect("cfb"),
        )
    }

    /// A stream of raw bytes.
    pub fn bytes(&mut self, path: &str, bytes: &[u8]) -> &mut Msg {
        self.0
            .create_stream(path)
            .expect("stream")
            .write_all(bytes)
            .expect("write");
        self
    }

    /// A string property, as UTF-16LE.
    pub fn text(&mut self, path: &str, text: &str) -> &mut Msg {
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        self.bytes(path, &utf16)
    }

    /// A storage (a folder of streams).
    pub fn storage(&mut self, path: &str) -> &mut Msg {
        self.0.create_storage(path).expect("storage");
        self
    }

    /// The file's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.0.flush().expect("flush");
        self.0.into_inner().into_inner()
    }
}
