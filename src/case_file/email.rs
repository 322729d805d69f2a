//! A complaint read from an email: an `.eml` file (RFC 5322 with MIME,
//! through `mail-parser`: character sets, quoted-printable, base64, HTML
//! turned into text) or an Outlook `.msg` (through `msg_parser`). Pure:
//! bytes in, what the email says out, or why it cannot be read.
//!
//! The day it was received is the UK date of the moment in its `Date`
//! (23:30 in New York is the next morning here). A complaint forwarded to
//! the complaints inbox as an attachment, with nothing written above it, is
//! read from the message inside.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;
use mail_parser::{MessageParser, MimeHeaders};

/// Which kind of file the email came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailFormat {
    /// An RFC 5322 message (`.eml`).
    Eml,
    /// An Outlook message (`.msg`).
    Msg,
}

/// A file that came with an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its name as the sender gave it.
    pub name: String,
    /// Its bytes.
    pub content: Vec<u8>,
    /// Whether it was shown in the message's text (an inline picture).
    pub inline: bool,
}

/// What an email says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// `.eml` or `.msg`.
    pub format: EmailFormat,
    /// The moment in its `Date`.
    pub sent_at: DateTime<Utc>,
    /// The sender's name (may be empty).
    pub from_name: String,
    /// The sender's address.
    pub from_address: String,
    /// Its subject, as written.
    pub subject: String,
    /// Its text (HTML turned into text where it had no plain text).
    pub text: String,
    /// Its attachments and inline pictures.
    pub attachments: Vec<Attachment>,
    /// Whether the complaint was read from a message forwarded inside it.
    pub forwarded: bool,
}

/// Why an email could not be read. Nothing is recorded from it.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum EmailError {
    /// An empty file.
    #[error("the file is empty")]
    Empty,
    /// Not an email at all.
    #[error("it is not an email: save the message from the mail program as .eml (or .msg from Outlook) and try again")]
    NotAnEmail,
    /// A MIME part that never ends.
    #[error("the message is cut short (its part {0:?} never ends): save the whole message again")]
    Truncated(String),
    /// An Outlook file that cannot be read.
    #[error(
        "the Outlook message cannot be read ({0}): save it again from Outlook, or save it as .eml"
    )]
    Outlook(String),
    /// No `Date`.
    #[error("the message has no date, so the day it was received is unknown: record it with `redress case new` instead")]
    NoDate,
    /// No sender.
    #[error(
        "the message has no sender (no From address): record it with `redress case new` instead"
    )]
    NoSender,
}

/// The OLE compound file signature an Outlook `.msg` starts with.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Email {
    /// Reads an email from a file's bytes, `.msg` or `.eml` by its content.
    pub fn read(bytes: &[u8]) -> Result<Email, EmailError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(EmailError::Empty);
        }
        if bytes.starts_with(&OLE_MAGIC) {
            read_msg(bytes)
        } else {
            read_eml(bytes)
        }
    }

    /// The UK date it was received on.
    pub fn received_on(&self) -> NaiveDate {
        self.sent_at.with_timezone(&London).date_naive()
    }

    /// The subject without the "Re:" and "Fwd:" a mail program put before it.
    pub fn summary(&self) -> String {
        let mut subject = self.subject.trim();
        loop {
            let lower = subject.to_lowercase();
            let Some(rest) = ["re:", "fw:", "fwd:", "aw:", "tr:"]
                .iter()
                .find(|p| lower.starts_with(*p))
                .map(|p| &subject[p.len()..])
            else {
                break;
            };
            subject = rest.trim_start();
        }
        subject.to_owned()
    }

    /// A case reference of this installation (`PREFIX-YYYY-NNNNN`) named in
    /// the subject, if any: the email may belong to that case.
    pub fn reference_in_subject(&self, prefix: &str) -> Option<String> {
        let upper = self.subject.to_uppercase();
        let wanted = format!("{}-", prefix.to_uppercase());
        let mut from = 0;
        while let Some(at) = upper[from..].find(&wanted) {
            let start = from + at;
            let rest = &upper[start + wanted.len()..];
            let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after_year = &rest[year.len()..];
            if year.len() == 4 && after_year.starts_with('-') {
                let number: String = after_year[1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if number.len() == 5 {
                    return Some(format!("{}-{year}-{number}", prefix.to_uppercase()));
                }
            }
            from = start + wanted.len();
        }
        None
    }

    /// The name a message is kept under in the case file.
    pub fn file_name(&self) -> String {
        let subject: String = self
            .summary()
            .chars()
            .filter(|c| !c.is_control())
            .take(80)
            .collect();
        let stem = if subject.trim().is_empty() {
            "Email".to_owned()
        } else {
            format!("Email - {}", subject.trim())
        };
        match self.format {
            EmailFormat::Eml => format!("{stem}.eml"),
            EmailFormat::Msg => format!("{stem}.msg"),
        }
    }
}

fn read_eml(bytes: &[u8]) -> Result<Email, EmailError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(EmailError::NotAnEmail)?;
    if message.from().is_none() && message.date().is_none() && message.subject().is_none() {
        return Err(EmailError::NotAnEmail);
    }
    check_complete(&message, bytes)?;
    let outer = from_message(&message)?;
    // Forwarded as an attachment with nothing written above it: the
    // complaint is the message inside.
    let inner = message.attachments().filter_map(|p| p.message()).next();
    if let Some(inner) = inner.filter(|_| outer.text.trim().is_empty()) {
        let mut email = from_message(inner)?;
        email.forwarded = true;
        email.attachments.extend(outer.attachments);
        return Ok(email);
    }
    Ok(outer)
}

/// Refuses a message whose multipart parts never reach their closing
/// boundary: the file was cut short.
fn check_complete(message: &mail_parser::Message<'_>, bytes: &[u8]) -> Result<(), EmailError> {
    for part in &message.parts {
        let Some(boundary) = part
            .content_type()
            .filter(|t| t.ctype().eq_ignore_ascii_case("multipart"))
            .and_then(|t| t.attribute("boundary"))
        else {
            continue;
        };
        let closing = format!("--{boundary}--");
        if !contains(bytes, closing.as_bytes()) {
            return Err(EmailError::Truncated(boundary.to_owned()));
        }
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn from_message(message: &mail_parser::Message<'_>) -> Result<Email, EmailError> {
    let sent_at = message
        .date()
        .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0))
        .ok_or(EmailError::NoDate)?;
    let from = message
        .from()
        .and_then(|a| a.first())
        .ok_or(EmailError::NoSender)?;
    let from_address = from.address().unwrap_or_default().trim().to_owned();
    if from_address.is_empty() {
        return Err(EmailError::NoSender);
    }
    let text = message
        .body_text(0)
        .map(|t| tidy_text(&t))
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .filter(|part| !part.is_multipart())
        .enumerate()
        .map(|(i, part)| {
            let inline = part.content_id().is_some()
                && !part
                    .content_disposition()
                    .is_some_and(|d| d.is_attachment());
            let name = part
                .attachment_name()
                .map(str::to_owned)
                .unwrap_or_else(|| unnamed(part, i));
            Attachment {
                name,
                content: part.contents().to_vec(),
                inline,
            }
        })
        .collect();
    Ok(Email {
        format: EmailFormat::Eml,
        sent_at,
        from_name: from.name().unwrap_or_default().trim().to_owned(),
        from_address,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        text,
        attachments,
        forwarded: false,
    })
}

/// A name for an attachment that came without one, from its type.
fn unnamed(part: &mail_parser::MessagePart<'_>, index: usize) -> String {
    if let Some(inner) = part.message() {
        let subject = inner.subject().unwrap_or("Forwarded message").trim();
        return format!(
            "{}.eml",
            if subject.is_empty() {
                "Forwarded message"
            } else {
                subject
            }
        );
    }
    let ext = part
        .content_type()
        .and_then(|t| t.subtype())
        .map(|s| match s.to_ascii_lowercase().as_str() {
            "jpeg" | "pjpeg" => "jpg".to_owned(),
            "plain" => "txt".to_owned(),
            other => other.chars().filter(char::is_ascii_alphanumeric).collect(),
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "bin".to_owned());
    format!("Attachment {}.{ext}", index + 1)
}

/// Line endings made plain, runs of blank lines cut to one, ends trimmed.
fn tidy_text(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

fn read_msg(bytes: &[u8]) -> Result<Email, EmailError> {
    let outlook =
        msg_parser::Outlook::from_slice(bytes).map_err(|e| EmailError::Outlook(e.to_string()))?;
    let sent_at = [
        outlook.headers.date.as_str(),
        outlook.client_submit_time.as_str(),
        outlook.message_delivery_time.as_str(),
    ]
    .into_iter()
    .find_map(parse_moment)
    .ok_or(EmailError::NoDate)?;
    let from_address = outlook.sender.email.trim().to_owned();
    if from_address.is_empty() || !from_address.contains('@') {
        return Err(EmailError::NoSender);
    }
    let text = if outlook.body.trim().is_empty() {
        mail_parser::decoders::html::html_to_text(&outlook.html)
    } else {
        outlook.body.clone()
    };
    let attachments = outlook
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = [&a.long_file_name, &a.file_name, &a.display_name]
                .into_iter()
                .map(|n| n.trim())
                .find(|n| !n.is_empty())
                .map(str::to_owned)
                .unwrap_or_else(|| format!("Attachment {}{}", i + 1, a.extension));
            let name = if a.is_embedded_message() && !name.contains('.') {
                format!("{name}.msg")
            } else {
                name
            };
            Attachment {
                name,
                content: a.payload_bytes.clone(),
                inline: !a.content_id.is_empty(),
            }
        })
        .collect();
    Ok(Email {
        format: EmailFormat::Msg,
        sent_at,
        from_name: outlook.sender.name.trim().to_owned(),
        from_address,
        subject: outlook.subject.trim().to_owned(),
        text: tidy_text(&text),
        attachments,
        forwarded: false,
    })
}

/// An RFC 2822 date (transport headers) or an ISO 8601 moment (Outlook's
/// own properties).
fn parse_moment(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    DateTime::parse_from_rfc2822(text)
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .map(|d| d.with_timezone(&Utc))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eml(date: &str, body: &str) -> Vec<u8> {
        format!(
            "From: Siân Jones <sian@example.org>\r\nTo: complaints@council.gov.uk\r\nSubject: Re: Bins not collected\r\nDate: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn a_plain_email_gives_its_sender_subject_text_and_uk_date() {
        let email = Email::read(&eml(
            "Tue, 1 Dec 2026 23:30:00 -0500",
            "My bins were not collected.",
        ))
        .unwrap();
        assert_eq!(email.from_name, "Siân Jones");
        assert_eq!(email.from_address, "sian@example.org");
        assert_eq!(email.summary(), "Bins not collected");
        assert_eq!(email.text, "My bins were not collected.");
        // 23:30 in New York is 04:30 the next day in London.
        assert_eq!(email.received_on().to_string(), "2026-12-02");
    }

    #[test]
    fn the_clocks_change_is_respected() {
        // 29 March 2026: BST begins at 01:00 UTC. 23:30 UTC on the 28th is
        // still the 28th here; 23:30 UTC on the 29th is 00:30 on the 30th.
        let before = Email::read(&eml("Sat, 28 Mar 2026 23:30:00 +0000", "x")).unwrap();
        assert_eq!(before.received_on().to_string(), "2026-03-28");
        let after = Email::read(&eml("Sun, 29 Mar 2026 23:30:00 +0000", "x")).unwrap();
        assert_eq!(after.received_on().to_string(), "2026-03-30");
    }

    #[test]
    fn references_in_the_subject_are_found() {
        let mut email = Email::read(&eml("Tue, 1 Dec 2026 10:00:00 +0000", "x")).unwrap();
        email.subject = "RE: your ref cmp-2026-00041 (reply)".to_owned();
        assert_eq!(
            email.reference_in_subject("CMP").as_deref(),
            Some("CMP-2026-00041")
        );
        email.subject = "CMP-26-41 and CMP-2026-123".to_owned();
        assert_eq!(email.reference_in_subject("CMP"), None);
    }

    #[test]
    fn what_is_not_an_email_is_refused() {
        assert_eq!(Email::read(b"  \n").unwrap_err(), EmailError::Empty);
        assert_eq!(
            Email::read(b"just some words\nand more").unwrap_err(),
            EmailError::NotAnEmail
        );
        let no_date = b"From: a@b.org\r\nSubject: x\r\n\r\nbody\r\n";
        assert_eq!(Email::read(no_date).unwrap_err(), EmailError::NoDate);
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend([0u8; 40]);
        assert!(matches!(Email::read(&ole), Err(EmailError::Outlook(_))));
    }
}
