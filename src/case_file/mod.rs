//! The case file: what a case holds besides its procedure. Documents
//! received and sent (their bytes kept by the store, by SHA-256), case notes
//! and the log of contacts with the complainant, the complaint read from an
//! email (`email`), and the whole file for the Ombudsman as one PDF
//! (`bundle`). Pure: names and limits are checked here, bytes are kept by
//! the store.

pub mod bundle;
pub mod email;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Which way a document went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Received from the complainant or gathered in the investigation.
    In,
    /// Sent by the council (every issued letter is one).
    Out,
}

impl Direction {
    /// The stable name, as stored and printed: `in` or `out`.
    pub fn slug(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }

    /// Reads a stored slug.
    pub fn from_slug(slug: &str) -> Option<Direction> {
        match slug {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }

    /// In words: "received" or "sent".
    pub fn label(self) -> &'static str {
        match self {
            Direction::In => "received",
            Direction::Out => "sent",
        }
    }
}

/// A document in a case's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its id (a UUIDv7; an issued letter's own id).
    pub id: String,
    /// Its name as the person gave it (never used as a path).
    pub name: String,
    /// Its size.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// Received or sent.
    pub direction: Direction,
    /// The day it was received or sent.
    pub on: NaiveDate,
    /// What it is, in the officer's words.
    pub description: String,
    /// Whether it is an issued letter (kept with the letters).
    pub letter: bool,
    /// Who added it, and when.
    pub added_by: String,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

impl Document {
    /// Whether it is a program, script or macro-enabled file: kept, saved
    /// when asked, never opened from Redress.
    pub fn is_risky(&self) -> bool {
        is_risky(&self.name)
    }

    /// Whether it is a PDF (by its name), so the bundle encloses it whole.
    pub fn is_pdf(&self) -> bool {
        extension(&self.name).as_deref() == Some("pdf")
    }
}

/// A case note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its id (UUIDv7).
    pub id: String,
    /// What the officer wrote.
    pub text: String,
    /// Who wrote it.
    pub written_by: String,
    /// When.
    pub written_at: DateTime<Utc>,
}

/// How the council was in contact with the complainant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactMethod {
    /// A telephone call.
    Phone,
    /// A meeting.
    Meeting,
    /// An email.
    Email,
    /// A letter.
    Letter,
    /// A site or home visit.
    Visit,
}

impl crate::case::Vocabulary for ContactMethod {
    const NAME: &'static str = "contact method";

    fn words() -> Vec<(&'static str, &'static str)> {
        ContactMethod::ALL
            .iter()
            .map(|m| (m.slug(), m.label()))
            .collect()
    }
}

impl ContactMethod {
    /// Every method, in the order forms offer them.
    pub const ALL: [ContactMethod; 5] = [
        ContactMethod::Phone,
        ContactMethod::Meeting,
        ContactMethod::Email,
        ContactMethod::Letter,
        ContactMethod::Visit,
    ];

    /// The stable name: `phone`, `meeting`, `email`, `letter` or `visit`.
    pub fn slug(self) -> &'static str {
        match self {
            ContactMethod::Phone => "phone",
            ContactMethod::Meeting => "meeting",
            ContactMethod::Email => "email",
            ContactMethod::Letter => "letter",
            ContactMethod::Visit => "visit",
        }
    }

    /// In words, as a timeline says it.
    pub fn label(self) -> &'static str {
        match self {
            ContactMethod::Phone => "Phone call",
            ContactMethod::Meeting => "Meeting",
            ContactMethod::Email => "Email",
            ContactMethod::Letter => "Letter",
            ContactMethod::Visit => "Visit",
        }
    }

    /// Reads a method as typed, in any capitals.
    pub fn read(text: &str) -> Result<ContactMethod, CaseFileError> {
        let wanted = text.trim().to_lowercase();
        if wanted.is_empty() {
            return Err(CaseFileError::NoMethod);
        }
        ContactMethod::ALL
            .into_iter()
            .find(|m| m.slug() == wanted || m.label().to_lowercase() == wanted)
            .ok_or_else(|| CaseFileError::UnknownMethod(text.trim().to_owned()))
    }
}

/// A contact with the complainant, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Its id (UUIDv7).
    pub id: String,
    /// The day of the contact.
    pub on: NaiveDate,
    /// Phone, meeting, email, letter or visit.
    pub method: ContactMethod,
    /// What was said.
    pub summary: String,
    /// Who logged it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// A document to add to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// Its name as given.
    pub name: String,
    /// Its bytes.
    pub content: Vec<u8>,
    /// Received or sent.
    pub direction: Direction,
    /// The day (default: today).
    pub on: Option<NaiveDate>,
    /// What it is.
    pub description: String,
    /// Text to find it by (an email's words), beyond its name.
    pub text: String,
}

/// The default largest file, in megabytes (a setting).
pub const DEFAULT_LIMIT_MB: u32 = 50;
/// The largest limit a council may set, in megabytes.
pub const MAX_LIMIT_MB: u32 = 2048;
/// The longest document name kept.
pub const MAX_NAME: usize = 255;
/// The longest note, contact summary or description.
pub const MAX_TEXT: usize = 20_000;

/// Why something could not be added to or read from a case file. Nothing
/// was changed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CaseFileError {
    /// Over the size limit.
    #[error("{name} is {size}, over the limit of {limit} MB for one file: make it smaller (a PDF rather than photographs of pages), or ask whoever looks after Redress to raise the limit in Settings")]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size in words.
        size: String,
        /// The limit in MB.
        limit: u32,
    },
    /// No name.
    #[error("a document needs a name")]
    NoName,
    /// A name that cannot be kept.
    #[error("the document's name {0:?} cannot be kept: {1}")]
    BadName(String, &'static str),
    /// A text field empty.
    #[error("{0} is empty: write what it says")]
    Empty(&'static str),
    /// A text too long.
    #[error("{0} is longer than {MAX_TEXT} characters: keep a longer text as a document")]
    TooLong(&'static str),
    /// Control characters.
    #[error("{0}")]
    BadText(String),
    /// No contact method given.
    #[error("choose how you were in touch: phone, meeting, email, letter or visit")]
    NoMethod,
    /// Not a contact method.
    #[error("{0:?} is not a way of contact: use phone, meeting, email, letter or visit")]
    UnknownMethod(String),
    /// A contact dated after today.
    #[error("the contact's date {0} is after today: a contact is logged once it has happened")]
    InFuture(String),
    /// No such document on the case.
    #[error(
        "case {reference} has no document {id}: `redress case documents {reference}` lists them"
    )]
    NoDocument {
        /// The case.
        reference: String,
        /// The id asked for.
        id: String,
    },
    /// A letter is not removed from the file.
    #[error("{0} is an issued letter: letters stay with the case (a letter sent in error is answered by another)")]
    LetterStays(String),
    /// Removal needs a reason.
    #[error("say why the document is removed: the reason is kept on the case's history")]
    NoReason,
}

/// The lower-case extension of a name, if it has one.
pub fn extension(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = base.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_lowercase())
}

/// Extensions of programs, scripts, shortcuts and macro-enabled Office
/// files: such a file is kept and can be saved, but Redress never opens it.
const RISKY: &[&str] = &[
    "exe",
    "com",
    "scr",
    "pif",
    "msi",
    "msp",
    "msix",
    "appx",
    "dll",
    "cpl",
    "sys",
    "drv",
    "ocx",
    "bat",
    "cmd",
    "ps1",
    "psm1",
    "psd1",
    "vbs",
    "vbe",
    "js",
    "jse",
    "mjs",
    "wsf",
    "wsh",
    "wsc",
    "hta",
    "jar",
    "py",
    "pyw",
    "pl",
    "rb",
    "sh",
    "bash",
    "zsh",
    "csh",
    "ksh",
    "php",
    "lnk",
    "url",
    "scf",
    "inf",
    "reg",
    "gadget",
    "application",
    "chm",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "appimage",
    "deb",
    "rpm",
    "run",
    "bin",
    "apk",
    "dmg",
    "pkg",
    "desktop",
    "docm",
    "dotm",
    "xlsm",
    "xltm",
    "xlsb",
    "xlam",
    "xla",
    "pptm",
    "potm",
    "ppam",
    "ppsm",
    "sldm",
    "accde",
    "mde",
    "svg",
    "html",
    "htm",
    "xhtml",
    "mht",
    "mhtml",
    "xml",
    "xsl",
];

/// Whether a file of this name is a program, script or macro-enabled file.
pub fn is_risky(name: &str) -> bool {
    extension(name).is_some_and(|ext| RISKY.contains(&ext.as_str()))
}

/// A document's name checked as given: trimmed, one line, at most
/// [`MAX_NAME`] characters; any folder part a mail program or browser left
/// on it is taken off. Letters of every script and spaces are kept.
pub fn document_name(raw: &str) -> Result<String, CaseFileError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw).trim();
    if base.is_empty() || base.chars().all(|c| c == '.') {
        return Err(if raw.trim().is_empty() {
            CaseFileError::NoName
        } else {
            CaseFileError::BadName(raw.to_owned(), "it is a folder, not a file name")
        });
    }
    if base.chars().any(char::is_control) {
        return Err(CaseFileError::BadName(
            raw.to_owned(),
            "it has a control character in it",
        ));
    }
    if base.chars().count() > MAX_NAME {
        return Err(CaseFileError::BadName(
            raw.to_owned(),
            "it is longer than 255 characters",
        ));
    }
    Ok(base.to_owned())
}

/// A name safe to save a copy under in any folder on Windows, macOS or
/// Linux: the characters those forbid become `_`, and reserved Windows
/// names get a `_` in front. The name shown stays as given.
pub fn file_name_for_saving(name: &str) -> String {
    let mut safe: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    safe = safe.trim_end_matches(['.', ' ']).trim_start().to_owned();
    // Windows takes a device's name before any extension, and before any
    // spaces ending it: `con.txt`, `CON .pdf` and `com¹` are all devices.
    let stem = safe
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_uppercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            let mut digits = n.chars();
            matches!(digits.next(), Some('0'..='9' | '¹' | '²' | '³')) && digits.next().is_none()
        })
    };
    let reserved = matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || numbered("COM")
        || numbered("LPT");
    if reserved {
        safe.insert(0, '_');
    }
    if safe.is_empty() {
        "document".to_owned()
    } else {
        safe
    }
}

/// Checks a free text (a note, a contact's summary, a description):
/// trimmed, within [`MAX_TEXT`], no control characters but line breaks.
pub fn checked_text(
    what: &'static str,
    text: &str,
    required: bool,
) -> Result<String, CaseFileError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(CaseFileError::Empty(what));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(CaseFileError::TooLong(what));
    }
    if let Some(c) = crate::text::forbidden(text, true) {
        return Err(CaseFileError::BadText(format!(
            "{what}: {}",
            crate::text::forbidden_message(c)
        )));
    }
    Ok(text.to_owned())
}

/// Checks a file's size against the limit (in MB).
pub fn check_size(name: &str, bytes: u64, limit_mb: u32) -> Result<(), CaseFileError> {
    if bytes > u64::from(limit_mb) * 1024 * 1024 {
        return Err(CaseFileError::TooLarge {
            name: name.to_owned(),
            size: crate::words::size(bytes),
            limit: limit_mb,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_every_script_but_lose_folders() {
        for name in [
            "Llythyr gan Siân Jones.pdf",
            "Zdjęcie łazienki – Łódź.jpg",
            "صورة.png",
            "照片 1.jpeg",
            "Photo of the damp (1).JPG",
        ] {
            assert_eq!(document_name(name).unwrap(), name);
        }
        assert_eq!(
            document_name("C:\\Users\\me\\Desktop\\letter.docx").unwrap(),
            "letter.docx"
        );
        assert_eq!(document_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(document_name("  ").unwrap_err(), CaseFileError::NoName);
        assert!(matches!(
            document_name("a/.."),
            Err(CaseFileError::BadName(..))
        ));
        assert!(matches!(
            document_name("bad\u{7}.txt"),
            Err(CaseFileError::BadName(..))
        ));
    }

    #[test]
    fn programs_scripts_and_macros_are_risky() {
        for name in [
            "setup.EXE",
            "run.bat",
            "x.ps1",
            "Budget.xlsm",
            "a.js",
            "page.html",
        ] {
            assert!(is_risky(name), "{name}");
        }
        for name in ["letter.pdf", "photo.jpg", "notes.docx", "README", ".exe"] {
            assert!(!is_risky(name), "{name}");
        }
    }

    #[test]
    fn saving_names_are_safe_everywhere() {
        assert_eq!(file_name_for_saving("a:b?c*.pdf"), "a_b_c_.pdf");
        assert_eq!(file_name_for_saving("CON.txt"), "_CON.txt");
        assert_eq!(file_name_for_saving("com1"), "_com1");
        assert_eq!(file_name_for_saving("CON .pdf"), "_CON .pdf");
        assert_eq!(file_name_for_saving("lpt0.txt"), "_lpt0.txt");
        assert_eq!(file_name_for_saving("COM¹.txt"), "_COM¹.txt");
        assert_eq!(file_name_for_saving("conout$"), "_conout$");
        assert_eq!(file_name_for_saving("COM10.txt"), "COM10.txt");
        assert_eq!(file_name_for_saving("Console.txt"), "Console.txt");
        assert_eq!(file_name_for_saving("trailing. "), "trailing");
        assert_eq!(file_name_for_saving("Siân.pdf"), "Siân.pdf");
    }

    #[test]
    fn the_size_limit_names_the_file() {
        assert!(check_size("a.pdf", 50 * 1024 * 1024, 50).is_ok());
        let err = check_size("a.pdf", 50 * 1024 * 1024 + 1, 50).unwrap_err();
        assert!(err.to_string().starts_with("a.pdf is 50"), "{err}");
        assert!(err.to_string().contains("limit of 50 MB"));
    }

    #[test]
    fn contact_methods_read_in_any_capitals() {
        assert_eq!(
            ContactMethod::read(" Phone ").unwrap(),
            ContactMethod::Phone
        );
        assert_eq!(
            ContactMethod::read("phone call").unwrap(),
            ContactMethod::Phone
        );
        assert!(ContactMethod::read("fax").is_err());
        assert_eq!(
            ContactMethod::read(" ").unwrap_err(),
            CaseFileError::NoMethod
        );
    }
}
