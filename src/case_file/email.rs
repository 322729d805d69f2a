//! A complaint read from an email: an `.eml` file (RFC 5322 with MIME,
//! through `mail-parser`: character sets, quoted-printable, base64, HTML
//! turned into text) or an Outlook `.msg` (through `msg_parser`, its
//! sender's SMTP address properties read with `cfb`). Pure: bytes in, what
//! the email says out, or why it cannot be read.
//!
//! Read as mail programs read it: the day it was received is the UK date of
//! the moment in its `Date` (23:30 in New York is the next morning here), or
//! without one the newest `Received:` stamp a mail server put on it; a
//! multipart cut short is read up to where it stops; control characters are
//! taken out; an Exchange (X.500) sender is never taken for an email
//! address. What was done beyond plain reading is said in its
//! [`EmailWarning`]s. A complaint forwarded to the complaints inbox as an
//! attachment, with nothing written above it, is read from the message
//! inside.

use std::fmt;
use std::io::{Cursor, Read};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
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

/// Where an email's moment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatedBy {
    /// Its own `Date` (or, in a `.msg`, the time Outlook sent it).
    Date,
    /// The newest `Received:` stamp a mail server put on it.
    Received,
    /// Nothing in it says when: the officer must.
    Nothing,
}

/// Something the officer should know about how an email was read. The
/// email was still read; nothing was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailWarning {
    /// No `Date`: the day is the mail server's `Received` stamp.
    DatedByServer,
    /// No `Date` and no `Received` stamp.
    Undated,
    /// No subject: the summary is the text's first words.
    NoSubject,
    /// A multipart part that never reaches its closing boundary.
    CutShort(String),
    /// Invisible control characters taken out.
    ControlsRemoved,
    /// The sender is an Exchange address with no SMTP address beside it.
    NoSmtpAddress(String),
    /// A `winmail.dat` (TNEF) attachment kept as it came.
    Winmail(String),
    /// Its own date is outside the years Redress keeps.
    DateOutOfRange(NaiveDate),
}

impl fmt::Display for EmailWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmailWarning::DatedByServer => write!(f, "The email has no date of its own: the day received is the one the mail server stamped on it."),
            EmailWarning::Undated => write!(f, "The email has no date and no mail server's stamp: enter the day the council received it."),
            EmailWarning::NoSubject => write!(f, "The email has no subject: the summary is its first words; change it if it says too little."),
            EmailWarning::CutShort(boundary) => write!(f, "The email is cut short (its part {boundary:?} never ends): it was read up to where it stops; ask the sender for anything missing from its end."),
            EmailWarning::ControlsRemoved => write!(f, "Invisible control characters in the email were taken out of its text."),
            EmailWarning::NoSmtpAddress(exchange) => write!(f, "The sender's address is an internal Exchange one ({exchange}), not an email address: the complainant has no email address until you add it."),
            EmailWarning::DateOutOfRange(date) => write!(f, "The email is dated {}, outside the years Redress keeps (2000 to 2100): its sender's clock was probably wrong; enter the day the council received it.", crate::dates::short(*date)),
            EmailWarning::Winmail(name) => write!(f, "{name} is Outlook's winmail.dat packaging: Redress keeps it as it came but cannot take the files out of it; ask the sender to send them again as ordinary attachments."),
        }
    }
}

/// What an email says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// `.eml` or `.msg`.
    pub format: EmailFormat,
    /// The moment in its `Date`, or its newest `Received` stamp, if any.
    pub sent_at: Option<DateTime<Utc>>,
    /// Where that moment came from.
    pub dated_by: DatedBy,
    /// The sender's name (may be empty).
    pub from_name: String,
    /// The sender's email address (empty when a `.msg` gives only an
    /// Exchange address).
    pub from_address: String,
    /// Its subject, as written (control characters taken out).
    pub subject: String,
    /// Its text (HTML turned into text where it had no plain text).
    pub text: String,
    /// Its attachments and inline pictures.
    pub attachments: Vec<Attachment>,
    /// Whether the complaint was read from a message forwarded inside it.
    pub forwarded: bool,
    /// What the officer should know about how it was read.
    pub warnings: Vec<EmailWarning>,
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
    /// An Outlook file that cannot be read.
    #[error(
        "the Outlook message cannot be read ({0}): save it again from Outlook, or save it as .eml"
    )]
    Outlook(String),
    /// No sender.
    #[error(
        "the message has no sender (no From address): record the complaint as a new case and attach the email to it"
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
        let mut email = if bytes.starts_with(&OLE_MAGIC) {
            read_msg(bytes)?
        } else {
            read_eml(bytes)?
        };
        email.tidy();
        Ok(email)
    }

    /// Control characters out, and the warnings for what was filled in.
    fn tidy(&mut self) {
        let mut removed = false;
        for (field, paragraphs) in [
            (&mut self.subject, false),
            (&mut self.from_name, false),
            (&mut self.text, true),
        ] {
            let (clean, any) = crate::text::without_controls(field, paragraphs);
            *field = clean.trim().to_owned();
            removed |= any;
        }
        for attachment in &mut self.attachments {
            attachment.name = crate::text::without_controls(&attachment.name, false)
                .0
                .trim()
                .to_owned();
        }
        let mut warnings = Vec::new();
        match self.dated_by {
            DatedBy::Date => {}
            DatedBy::Received => warnings.push(EmailWarning::DatedByServer),
            DatedBy::Nothing => warnings.push(EmailWarning::Undated),
        }
        warnings.extend(self.implausible_date().map(EmailWarning::DateOutOfRange));
        if self.subject.is_empty() {
            warnings.push(EmailWarning::NoSubject);
        }
        if removed {
            warnings.push(EmailWarning::ControlsRemoved);
        }
        warnings.extend(
            self.attachments
                .iter()
                .filter(|a| is_winmail(a))
                .map(|a| EmailWarning::Winmail(a.name.clone())),
        );
        warnings.append(&mut self.warnings);
        self.warnings = warnings;
    }

    /// The UK date it was received on, if it says (a date outside the years
    /// Redress keeps is no answer: see [`Email::implausible_date`]).
    pub fn received_on(&self) -> Option<NaiveDate> {
        self.own_date()
            .filter(|d| crate::calendar::SUPPORTED_YEARS.contains(&d.year()))
    }

    fn own_date(&self) -> Option<NaiveDate> {
        self.sent_at
            .map(|at| at.with_timezone(&London).date_naive())
    }

    /// Its own date, when that is outside the years Redress keeps (a mail
    /// program's clock set wrong, or an old message): the officer gives
    /// the day it was received instead.
    pub fn implausible_date(&self) -> Option<NaiveDate> {
        self.own_date()
            .filter(|d| !crate::calendar::SUPPORTED_YEARS.contains(&d.year()))
    }

    /// The subject without the "Re:" and "Fwd:" a mail program put before
    /// it, or without a subject the first words of its text (the officer
    /// can change it).
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
        if subject.is_empty() {
            crate::transfer::summary_or_first_line("", &self.text)
        } else {
            subject.to_owned()
        }
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

/// Whether an attachment is Outlook's TNEF packaging (`winmail.dat`).
fn is_winmail(attachment: &Attachment) -> bool {
    const TNEF_SIGNATURE: [u8; 4] = [0x78, 0x9F, 0x3E, 0x22];
    attachment.content.starts_with(&TNEF_SIGNATURE)
        || attachment.name.eq_ignore_ascii_case("winmail.dat")
}

fn read_eml(bytes: &[u8]) -> Result<Email, EmailError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(EmailError::NotAnEmail)?;
    if message.from().is_none() && message.date().is_none() && message.subject().is_none() {
        return Err(EmailError::NotAnEmail);
    }
    let cut_short = cut_short(&message, bytes);
    let mut outer = from_message(&message)?;
    outer.warnings.extend(cut_short.map(EmailWarning::CutShort));
    // Forwarded as an attachment with nothing written above it: the
    // complaint is the message inside.
    let inner = message.attachments().filter_map(|p| p.message()).next();
    if let Some(inner) = inner.filter(|_| outer.text.trim().is_empty()) {
        let mut email = from_message(inner)?;
        email.forwarded = true;
        email.attachments.extend(outer.attachments);
        email.warnings.extend(outer.warnings);
        return Ok(email);
    }
    Ok(outer)
}

/// The boundary of a multipart part that never reaches its closing
/// boundary (the file was cut short), if any: it is read up to where it
/// stops, as mail programs show it.
fn cut_short(message: &mail_parser::Message<'_>, bytes: &[u8]) -> Option<String> {
    message.parts.iter().find_map(|part| {
        let boundary = part
            .content_type()
            .filter(|t| t.ctype().eq_ignore_ascii_case("multipart"))
            .and_then(|t| t.attribute("boundary"))?;
        let closing = format!("--{boundary}--");
        (!contains(bytes, closing.as_bytes())).then(|| boundary.to_owned())
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The moment in a message's `Date`, or else its newest `Received` stamp.
fn moment_of(message: &mail_parser::Message<'_>) -> (Option<DateTime<Utc>>, DatedBy) {
    let at = |d: &mail_parser::DateTime| DateTime::from_timestamp(d.to_timestamp(), 0);
    if let Some(sent) = message.date().and_then(at) {
        return (Some(sent), DatedBy::Date);
    }
    match message
        .received_all()
        .filter_map(|r| r.date.as_ref().and_then(at))
        .max()
    {
        Some(stamped) => (Some(stamped), DatedBy::Received),
        None => (None, DatedBy::Nothing),
    }
}

fn from_message(message: &mail_parser::Message<'_>) -> Result<Email, EmailError> {
    let (sent_at, dated_by) = moment_of(message);
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
        dated_by,
        from_name: from.name().unwrap_or_default().trim().to_owned(),
        from_address,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        text,
        attachments,
        forwarded: false,
        warnings: Vec::new(),
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
    .find_map(parse_moment);
    let (sent_at, dated_by) = match sent_at {
        Some(at) => (Some(at), DatedBy::Date),
        None => match transport_headers(&outlook.headers.raw) {
            Some(headers) => moment_of(&headers),
            None => (None, DatedBy::Nothing),
        },
    };
    let mut warnings = Vec::new();
    let from_address = match msg_sender(bytes, &outlook) {
        Sender::Smtp(address) => address,
        Sender::Exchange(exchange) => {
            warnings.push(EmailWarning::NoSmtpAddress(exchange));
            String::new()
        }
        Sender::Nobody => return Err(EmailError::NoSender),
    };
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
        dated_by,
        from_name: outlook.sender.name.trim().to_owned(),
        from_address,
        subject: outlook.subject.trim().to_owned(),
        text: tidy_text(&text),
        attachments,
        forwarded: false,
        warnings,
    })
}

/// Who an Outlook message is from, as an email address can be.
enum Sender {
    /// An SMTP address.
    Smtp(String),
    /// Only an Exchange (X.500) address.
    Exchange(String),
    /// No address at all.
    Nobody,
}

/// Whether an address is one a reply can go to (not an Exchange X.500
/// distinguished name such as `/o=org/ou=group/cn=recipients/cn=jones`).
fn is_smtp(address: &str) -> bool {
    let address = address.trim();
    address.contains('@') && !address.starts_with('/') && !address.contains(char::is_whitespace)
}

/// The `.msg` properties that may hold the sender's SMTP address, most
/// trusted first: PR_SENDER_SMTP_ADDRESS (0x5D01), then
/// PR_SENT_REPRESENTING_SMTP_ADDRESS (0x5D02), then PR_SENDER_EMAIL_ADDRESS
/// (0x0C1F) and PR_SENT_REPRESENTING_EMAIL_ADDRESS (0x0065), which hold an
/// SMTP address only when the sender was outside Exchange.
const SENDER_PROPERTIES: [&str; 4] = ["5D01", "5D02", "0C1F", "0065"];

/// The sender's SMTP address from the message's own properties, else the
/// `From` of its transport headers; an Exchange address is only reported.
fn msg_sender(bytes: &[u8], outlook: &msg_parser::Outlook) -> Sender {
    let properties: Vec<String> = SENDER_PROPERTIES
        .iter()
        .filter_map(|id| msg_string_property(bytes, id))
        .collect();
    let from_headers = transport_headers(&outlook.headers.raw).and_then(|h| {
        h.from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_owned)
    });
    let candidates = properties
        .iter()
        .cloned()
        .chain(from_headers)
        .chain(std::iter::once(outlook.sender.email.clone()));
    let mut exchange = None;
    for candidate in candidates {
        let candidate = candidate.trim().to_owned();
        if is_smtp(&candidate) {
            return Sender::Smtp(candidate);
        }
        if exchange.is_none() && candidate.starts_with('/') {
            exchange = Some(candidate);
        }
    }
    match exchange {
        Some(exchange) => Sender::Exchange(exchange),
        None => Sender::Nobody,
    }
}

/// A string property of a `.msg`'s top level (`__substg1.0_<id>001F`,
/// UTF-16, or `…001E`, 8-bit), if it is there and not blank.
fn msg_string_property(bytes: &[u8], id: &str) -> Option<String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut read = |kind: &str| {
        let mut stream = file.open_stream(format!("/__substg1.0_{id}{kind}")).ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).ok()?;
        Some(raw)
    };
    let text = if let Some(raw) = read("001F") {
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        let raw = read("001E")?;
        encoding_rs::WINDOWS_1252.decode(&raw).0.into_owned()
    };
    let text = text.trim_end_matches('\0').trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// An Outlook message's transport headers (the headers it came with over
/// the internet), read as a message's headers.
fn transport_headers(raw: &str) -> Option<mail_parser::Message<'static>> {
    if raw.trim().is_empty() {
        return None;
    }
    let text = format!("{}\r\n\r\n", raw.trim_end());
    MessageParser::default()
        .parse(text.as_bytes())
        .map(mail_parser::Message::into_owned)
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
        assert_eq!(email.received_on().unwrap().to_string(), "2026-12-02");
    }

    #[test]
    fn the_clocks_change_is_respected() {
        // 29 March 2026: BST begins at 01:00 UTC. 23:30 UTC on the 28th is
        // still the 28th here; 23:30 UTC on the 29th is 00:30 on the 30th.
        let before = Email::read(&eml("Sat, 28 Mar 2026 23:30:00 +0000", "x")).unwrap();
        assert_eq!(before.received_on().unwrap().to_string(), "2026-03-28");
        let after = Email::read(&eml("Sun, 29 Mar 2026 23:30:00 +0000", "x")).unwrap();
        assert_eq!(after.received_on().unwrap().to_string(), "2026-03-30");
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
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend([0u8; 40]);
        assert!(matches!(Email::read(&ole), Err(EmailError::Outlook(_))));
    }

    #[test]
    fn a_mail_without_date_takes_the_newest_server_stamp_or_says_it_has_none() {
        let stamped = b"Received: from relay.example.net by mx.council.gov.uk; Tue, 3 Nov 2026 23:10:00 +0000\r\nReceived: from pc by relay.example.net; Tue, 3 Nov 2026 22:59:00 +0000\r\nFrom: a@b.org\r\nSubject: x\r\n\r\nbody\r\n";
        let email = Email::read(stamped).unwrap();
        assert_eq!(email.dated_by, DatedBy::Received);
        assert_eq!(email.received_on().unwrap().to_string(), "2026-11-03");
        assert!(email.warnings.contains(&EmailWarning::DatedByServer));
        let bare = b"From: a@b.org\r\nSubject: x\r\n\r\nbody\r\n";
        let email = Email::read(bare).unwrap();
        assert_eq!(email.received_on(), None);
        assert!(email.warnings.contains(&EmailWarning::Undated));
    }

    #[test]
    fn no_subject_control_characters_and_a_cut_short_part_are_read_with_warnings() {
        let mail = b"From: a@b.org\r\nDate: Tue, 3 Nov 2026 10:00:00 +0000\r\nSubject: \x07\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nThe bins\x1b were not collected on Tuesday.\r\n--XX\r\nContent-Type: text/plain; name=\"a.txt\"\r\nContent-Disposition: attachment; filename=\"a.txt\"\r\n\r\nfirst half";
        let email = Email::read(mail).unwrap();
        assert_eq!(email.summary(), "The bins were not collected on Tuesday.");
        assert!(email.warnings.contains(&EmailWarning::NoSubject));
        assert!(email.warnings.contains(&EmailWarning::ControlsRemoved));
        assert!(email
            .warnings
            .contains(&EmailWarning::CutShort("XX".to_owned())));
        assert!(crate::text::forbidden(&email.text, true).is_none());
    }
}
