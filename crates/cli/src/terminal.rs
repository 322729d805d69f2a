//! What the CLI prints for people goes through [`Printable`], so text from
//! the database can never drive the terminal: control characters (escape
//! sequences, bells, carriage returns) are shown as `\u001b` instead of
//! obeyed; that is also how JSON writes them, so JSON passes through as
//! valid JSON.

use std::io::{self, Write};

/// A writer that makes control characters visible (line breaks and tabs
/// kept). Works on bytes: C0 controls and DEL are single bytes in UTF-8,
/// C1 controls are 0xC2 followed by 0x80 to 0x9F.
pub struct Printable<W: Write> {
    inner: W,
    /// A 0xC2 held back until the next byte says what it starts.
    pending_c2: bool,
}

impl<W: Write> Printable<W> {
    /// Wraps a writer.
    pub fn new(inner: W) -> Printable<W> {
        Printable {
            inner,
            pending_c2: false,
        }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &byte in buf {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9F).contains(&byte) {
                    out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
                    continue;
                }
                out.push(0xC2);
            }
            match byte {
                b'\n' | b'\t' => out.push(byte),
                0x00..=0x1F | 0x7F => out.extend_from_slice(format!("\\u{byte:04x}").as_bytes()),
                0xC2 => self.pending_c2 = true,
                _ => out.push(byte),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending_c2 {
            self.pending_c2 = false;
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_and_text_is_kept() {
        let mut out = Printable::new(Vec::new());
        write!(out, "Siân\u{1b}[2J\r\n\u{9b}31m £5\tok").expect("write");
        out.flush().expect("flush");
        let text = String::from_utf8(out.inner).expect("UTF-8");
        assert_eq!(text, "Siân\\u001b[2J\\u000d\n\\u009b31m £5\tok");
    }
}
