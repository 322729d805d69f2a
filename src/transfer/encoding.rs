//! Which encoding a saved spreadsheet is in. Excel on UK Windows saves "CSV"
//! as Windows-1252, "CSV UTF-8" with a byte-order mark, and "Unicode text" as
//! UTF-16; a file edited in two programs can be UTF-8 with a stray
//! Windows-1252 byte. Each is recognised, and the import says which encoding
//! it assumed and where any odd byte was.

use std::fmt;

/// One byte that was not UTF-8 in an otherwise UTF-8 file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrayByte {
    /// The line, from 1.
    pub line: usize,
    /// The character position in the line, from 1.
    pub column: usize,
    /// The byte.
    pub byte: u8,
    /// What it was read as (Windows-1252).
    pub read_as: char,
}

/// The encoding a file was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-8 but for a few bytes, each read as Windows-1252.
    Utf8WithStrayBytes(Vec<StrayByte>),
    /// Windows-1252 throughout (Excel's "CSV" on UK Windows).
    Windows1252,
    /// UTF-16, little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Encoding::Utf8 => write!(f, "Read as UTF-8"),
            Encoding::Windows1252 => write!(
                f,
                "Read as Windows-1252 (Excel's \"CSV\" on Windows): it is not UTF-8"
            ),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                write!(f, "Read as UTF-16 (Excel's \"Unicode text\")")
            }
            Encoding::Utf8WithStrayBytes(stray) => {
                write!(
                    f,
                    "Read as UTF-8, but {} not UTF-8 and read as Windows-1252:",
                    crate::words::count(stray.len() as u64, "byte was", "bytes were")
                )?;
                for (i, b) in stray.iter().take(5).enumerate() {
                    let sep = if i == 0 { " " } else { "; " };
                    write!(
                        f,
                        "{sep}line {}, column {} (byte 0x{:02X}, read as '{}')",
                        b.line, b.column, b.byte, b.read_as
                    )?;
                }
                if stray.len() > 5 {
                    write!(f, "; and {} more", stray.len() - 5)?;
                }
                write!(f, ". Check those characters")
            }
        }
    }
}

fn windows_1252(byte: u8) -> char {
    let bytes = [byte];
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&bytes)
        .0
        .chars()
        .next()
        .unwrap_or('\u{FFFD}')
}

/// Whether bytes without a byte-order mark look like UTF-16: text of
/// Latin letters has a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd * 10 >= pairs * 8 && even == 0 {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 8 && odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes a saved spreadsheet, saying how.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, true), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, false), Encoding::Utf16Be);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return match utf16_without_bom(bytes) {
            Some(Encoding::Utf16Le) => (utf16(bytes, true), Encoding::Utf16Le),
            Some(_) => (utf16(bytes, false), Encoding::Utf16Be),
            None => (text.to_owned(), Encoding::Utf8),
        };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let le = encoding == Encoding::Utf16Le;
        return (utf16(bytes, le), encoding);
    }
    // Walk the valid UTF-8 runs; note each byte between them, counting
    // lines and columns as the text grows.
    let mut text = String::with_capacity(bytes.len());
    let mut stray = Vec::new();
    let mut multibyte = false;
    let (mut line, mut column) = (1usize, 1usize);
    let advance = |piece: &str, line: &mut usize, column: &mut usize| {
        for c in piece.chars() {
            if c == '\n' {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
        }
    };
    let mut rest = bytes;
    while !rest.is_empty() {
        let (valid, after) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, &[][..]),
            Err(err) => {
                let (valid, after) = rest.split_at(err.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), after)
            }
        };
        multibyte |= !valid.is_ascii();
        text.push_str(valid);
        advance(valid, &mut line, &mut column);
        if after.is_empty() {
            break;
        }
        let bad = std::str::from_utf8(after)
            .err()
            .and_then(|e| e.error_len())
            .unwrap_or(after.len())
            .clamp(1, after.len());
        for &byte in &after[..bad] {
            let read_as = windows_1252(byte);
            stray.push(StrayByte {
                line,
                column,
                byte,
                read_as,
            });
            text.push(read_as);
            column += 1;
        }
        rest = &after[bad..];
    }
    if multibyte {
        (text, Encoding::Utf8WithStrayBytes(stray))
    } else {
        (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Windows1252,
        )
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let encoding = if little_endian {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_stray_byte_in_utf8_is_read_alone_and_located() {
        let mut bytes = "reference,name\nCMP-1,Siân\nCMP-2,O".as_bytes().to_vec();
        bytes.push(0x92); // Windows-1252's curly apostrophe
        bytes.extend_from_slice(b"Brien\n");
        let (text, encoding) = decode(&bytes);
        assert!(text.contains("Siân"), "{text}");
        assert!(text.contains("O\u{2019}Brien"), "{text}");
        let Encoding::Utf8WithStrayBytes(stray) = &encoding else {
            panic!("{encoding:?}")
        };
        assert_eq!(
            (stray[0].line, stray[0].column, stray[0].byte),
            (3, 8, 0x92)
        );
        assert!(encoding.to_string().contains("line 3, column 8"));
    }

    #[test]
    fn windows_1252_and_utf16_are_recognised() {
        assert_eq!(decode(b"\xA350 caf\xE9").1, Encoding::Windows1252);
        assert_eq!(decode(b"\xA350 caf\xE9").0, "£50 café");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "reference,name\nCMP-1,Siân"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(
            decode(&utf16),
            ("reference,name\nCMP-1,Siân".to_owned(), Encoding::Utf16Le)
        );
        let bare: Vec<u8> = "reference"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&bare).0, "reference");
    }
}
