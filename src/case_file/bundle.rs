//! The case file for the Ombudsman as one PDF: a cover (council,
//! reference, complainant, dates), the timeline in words, the notes and
//! contacts, an index of every document (name, date, direction, size,
//! SHA-256, and the page it starts on when enclosed), then every letter and
//! PDF document in full, each page of the whole numbered "Page N of M".
//! Other files are listed in the index, to be saved beside it.
//!
//! The front part is set on the reports' PDF layer; the enclosed PDFs are
//! joined after it with `lopdf`, each of their pages stamped with the
//! bundle's page number in a corner it leaves clear.

use chrono::NaiveDate;
use lopdf::{dictionary, Object, ObjectId, Stream};

use super::{Contact, Document, Note};
use crate::case::Case;
use crate::dates;
use crate::letters::Press;
use crate::records::AuditEntry;
use crate::reports::pdf::Writer;

/// What goes into a bundle.
#[derive(Debug, Clone, Copy)]
pub struct Bundle<'a> {
    /// The council's name.
    pub council: &'a str,
    /// The case.
    pub case: &'a Case,
    /// Its timeline, oldest first.
    pub timeline: &'a [AuditEntry],
    /// Its notes.
    pub notes: &'a [Note],
    /// Its contacts.
    pub contacts: &'a [Contact],
    /// Every document (letters among them), oldest first.
    pub documents: &'a [Document],
    /// The bytes of the PDF documents to enclose, by document id.
    pub enclosed: &'a [(String, Vec<u8>)],
    /// The day it is made.
    pub made_on: NaiveDate,
}

/// A PDF to enclose, read.
struct Enclosure {
    id: String,
    pdf: lopdf::Document,
    pages: usize,
}

impl Bundle<'_> {
    fn running_head(&self) -> String {
        format!("{} · Complaint file", self.case.reference)
    }

    /// The bundle as PDF bytes.
    pub fn pdf(&self, press: &Press) -> Vec<u8> {
        let enclosures: Vec<Enclosure> = self
            .enclosed
            .iter()
            .filter_map(|(id, bytes)| {
                let pdf = lopdf::Document::load_mem(bytes).ok()?;
                let pages = pdf.get_pages().len();
                (pages > 0).then(|| Enclosure {
                    id: id.clone(),
                    pdf,
                    pages,
                })
            })
            .collect();
        let enclosed_pages: usize = enclosures.iter().map(|e| e.pages).sum();
        // The index names the page each enclosure starts on, which depends
        // on how long the front part is: set it until that settles.
        let mut front_pages = 1;
        let mut front = Vec::new();
        for _ in 0..4 {
            let (bytes, pages) = self.front(press, &enclosures, front_pages, enclosed_pages);
            front = bytes;
            if pages == front_pages {
                break;
            }
            front_pages = pages;
        }
        if enclosures.is_empty() {
            return front;
        }
        join(&front, enclosures, front_pages, &self.running_head()).unwrap_or(front)
    }

    /// The front part; and how many pages it took.
    fn front(
        &self,
        press: &Press,
        enclosures: &[Enclosure],
        front_pages: usize,
        enclosed_pages: usize,
    ) -> (Vec<u8>, usize) {
        let case = self.case;
        let mut w = Writer::new(press, self.running_head());
        let complainant = case.complainant.shown_name().to_owned();
        w.title(
            &format!("Complaint file {}", case.reference),
            &[
                self.council.to_owned(),
                format!("Prepared {} for the Ombudsman", dates::short(self.made_on)),
            ],
        );
        let mut facts = vec![
            ("Complainant", complainant),
            ("Received", dates::short(case.received_on)),
            ("Service", case.service_area.name.clone()),
            ("Complaint", case.summary.clone()),
            ("Status", case.status.slug().replace('-', " ")),
        ];
        for stage in &case.stages {
            let mut line = format!("opened {}", dates::short(stage.opened_on));
            if let Some(on) = stage.acknowledged_on {
                line.push_str(&format!(", acknowledged {}", dates::short(on)));
            }
            if let Some(on) = stage.responded_on {
                line.push_str(&format!(", answered {}", dates::short(on)));
            }
            if let Some(outcome) = stage.outcome {
                line.push_str(&format!(": {}", outcome.label()));
            }
            facts.push(("Stage", format!("{} {line}", stage.number)));
        }
        if let Some(referral) = &case.referral {
            facts.push((
                "Ombudsman",
                format!(
                    "{}, referred {}{}",
                    referral.ombudsman.label(),
                    dates::short(referral.referred_on),
                    if referral.their_reference.is_empty() {
                        String::new()
                    } else {
                        format!(" (their reference {})", referral.their_reference)
                    }
                ),
            ));
        }
        for (label, value) in facts {
            if !value.trim().is_empty() {
                w.paragraph(&format!("{label}: {value}"), 10.0, false, false);
            }
        }
        w.heading("What this file holds");
        for line in [
            format!(
                "1. The timeline: {}",
                crate::words::count(self.timeline.len() as u64, "entry", "entries")
            ),
            format!(
                "2. Notes and contacts: {} and {}",
                crate::words::count(self.notes.len() as u64, "note", "notes"),
                crate::words::count(self.contacts.len() as u64, "contact", "contacts")
            ),
            format!(
                "3. Index of documents: {}, of which {} enclosed in full ({})",
                crate::words::count(self.documents.len() as u64, "document", "documents"),
                enclosures.len(),
                crate::words::count(enclosed_pages as u64, "page", "pages")
            ),
        ] {
            w.paragraph(&line, 10.0, false, false);
        }
        if !case.description.trim().is_empty() {
            w.heading("The complaint as made");
            w.paragraph(&case.description, 10.0, false, false);
        }
        w.new_page();
        w.heading("1. Timeline");
        for entry in self.timeline {
            w.paragraph(
                &format!(
                    "{} · {} · {}",
                    dates::moment(entry.at),
                    entry.actor,
                    entry.summary
                ),
                9.0,
                false,
                false,
            );
        }
        w.heading("2. Notes and contacts");
        if self.notes.is_empty() && self.contacts.is_empty() {
            w.paragraph("No notes or contacts were recorded.", 10.0, false, true);
        }
        let mut log: Vec<(chrono::DateTime<chrono::Utc>, String)> = self
            .notes
            .iter()
            .map(|n| {
                (
                    n.written_at,
                    format!(
                        "Note, {} by {}: {}",
                        dates::moment(n.written_at),
                        n.written_by,
                        n.text
                    ),
                )
            })
            .chain(self.contacts.iter().map(|c| {
                (
                    c.recorded_at,
                    format!(
                        "{} on {} (logged by {}): {}",
                        c.method.label(),
                        dates::short(c.on),
                        c.recorded_by,
                        c.summary
                    ),
                )
            }))
            .collect();
        log.sort_by_key(|entry| entry.0);
        for (_, line) in log {
            w.paragraph(&line, 10.0, false, false);
        }
        w.heading("3. Index of documents");
        if self.documents.is_empty() {
            w.paragraph("The case file holds no documents.", 10.0, false, true);
        }
        let mut next_page = front_pages + 1;
        let mut starts = std::collections::BTreeMap::new();
        for enclosure in enclosures {
            starts.insert(enclosure.id.as_str(), next_page);
            next_page += enclosure.pages;
        }
        for (i, document) in self.documents.iter().enumerate() {
            let whereabouts = match starts.get(document.id.as_str()) {
                Some(page) => format!("enclosed from page {page}"),
                None if document.is_pdf() => {
                    "not enclosed: the PDF could not be read; save it from the case file".to_owned()
                }
                None => "not enclosed: save it from the case file".to_owned(),
            };
            w.paragraph(
                &format!(
                    "{}. {} · {} {} · {} · {}",
                    i + 1,
                    document.name,
                    document.direction.label(),
                    dates::short(document.on),
                    crate::words::size(document.bytes),
                    whereabouts
                ),
                10.0,
                false,
                false,
            );
            w.paragraph(&format!("SHA-256 {}", document.sha256), 7.5, false, true);
        }
        let pages = w.pages();
        let total = pages.max(front_pages) + enclosures.iter().map(|e| e.pages).sum::<usize>();
        let title = format!("Complaint file {}", case.reference);
        (
            w.finish_of(&title, self.council, self.made_on, total),
            pages,
        )
    }
}

/// The front part, then each enclosure's pages, stamped with their page
/// number in the whole.
fn join(
    front: &[u8],
    enclosures: Vec<Enclosure>,
    front_pages: usize,
    head: &str,
) -> Result<Vec<u8>, lopdf::Error> {
    let mut whole = lopdf::Document::load_mem(front)?;
    let total = front_pages + enclosures.iter().map(|e| e.pages).sum::<usize>();
    let root_pages = pages_root(&whole)?;
    let font = whole.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut number = front_pages;
    let mut kids = Vec::new();
    for mut enclosure in enclosures {
        enclosure.pdf.renumber_objects_with(whole.max_id + 1);
        let pages: Vec<ObjectId> = enclosure.pdf.get_pages().into_values().collect();
        let mut prepared = Vec::with_capacity(pages.len());
        for page in &pages {
            number += 1;
            let label = format!("{head} · Page {number} of {total}");
            prepared.push((*page, stamped(&mut enclosure.pdf, *page, &label)?));
        }
        whole.max_id = enclosure.pdf.max_id.max(whole.max_id);
        whole.objects.extend(enclosure.pdf.objects);
        for (page, (resources, contents, media_box)) in prepared {
            let dict = whole.get_dictionary_mut(page)?;
            dict.set("Parent", Object::Reference(root_pages));
            dict.set("Resources", resources);
            dict.set("Contents", contents);
            dict.set("MediaBox", media_box);
            kids.push(Object::Reference(page));
        }
    }
    // The stamps' font, in each stamped page's own resources.
    for kid in &kids {
        if let Object::Reference(page) = kid {
            let dict = whole.get_dictionary_mut(*page)?;
            if let Ok(Object::Dictionary(resources)) = dict.get_mut(b"Resources") {
                let mut fonts = match resources.get(b"Font") {
                    Ok(Object::Dictionary(fonts)) => fonts.clone(),
                    _ => lopdf::Dictionary::new(),
                };
                fonts.set("RdxPage", Object::Reference(font));
                resources.set("Font", fonts);
            }
        }
    }
    let root = whole.get_dictionary_mut(root_pages)?;
    let mut all = match root.get(b"Kids") {
        Ok(Object::Array(kids)) => kids.clone(),
        _ => Vec::new(),
    };
    all.extend(kids);
    root.set("Count", Object::Integer(all.len() as i64));
    root.set("Kids", all);
    whole.prune_objects();
    let mut out = Vec::new();
    whole.save_to(&mut out)?;
    Ok(out)
}

fn pages_root(doc: &lopdf::Document) -> Result<ObjectId, lopdf::Error> {
    doc.catalog()?.get(b"Pages")?.as_reference()
}

/// An attribute of a page, from the page or the nearest parent that has it.
fn inherited(doc: &lopdf::Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut at = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(at).ok()?;
        if let Ok(value) = dict.get(key) {
            return match value {
                Object::Reference(id) => doc.get_object(*id).ok().cloned(),
                other => Some(other.clone()),
            };
        }
        at = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// A page's resources and media box made its own (they may have come from
/// parents it is leaving), and its contents wrapped so that a stamp drawn
/// after them is where it is meant to be.
fn stamped(
    doc: &mut lopdf::Document,
    page: ObjectId,
    label: &str,
) -> Result<(Object, Object, Object), lopdf::Error> {
    let resources = match inherited(doc, page, b"Resources") {
        Some(Object::Dictionary(d)) => d,
        _ => lopdf::Dictionary::new(),
    };
    let resources = resolve_fonts(doc, resources);
    let media_box = inherited(doc, page, b"MediaBox")
        .unwrap_or_else(|| Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
    let (x0, y0, x1) = match &media_box {
        Object::Array(v) if v.len() == 4 => (number(&v[0]), number(&v[1]), number(&v[2])),
        _ => (0.0, 0.0, 595.0),
    };
    let mut contents = match doc.get_dictionary(page)?.get(b"Contents") {
        Ok(Object::Array(parts)) => parts.clone(),
        Ok(Object::Reference(id)) => vec![Object::Reference(*id)],
        _ => Vec::new(),
    };
    let open = doc.add_object(Stream::new(lopdf::Dictionary::new(), b"q\n".to_vec()));
    // Helvetica's widths average about half the size.
    let size = 8.0;
    let width = label.chars().count() as f32 * size * 0.5;
    let x = (x0 + x1 - width) / 2.0;
    let y = y0 + 12.0;
    let text = winansi(label);
    let mut stamp = format!(
        "Q\nq 1 1 1 rg {:.1} {:.1} {:.1} {:.1} re f Q\nq 0.35 g BT /RdxPage {size} Tf {x:.1} {y:.1} Td (",
        x - 4.0,
        y - 3.0,
        width + 8.0,
        size + 4.0
    )
    .into_bytes();
    stamp.extend(text);
    stamp.extend(b") Tj ET Q\n");
    let close = doc.add_object(Stream::new(lopdf::Dictionary::new(), stamp));
    contents.insert(0, Object::Reference(open));
    contents.push(Object::Reference(close));
    Ok((
        Object::Dictionary(resources),
        Object::Array(contents),
        media_box,
    ))
}

/// Resources with their font dictionary inline, so adding the stamp's
/// font changes no object another page shares.
fn resolve_fonts(doc: &lopdf::Document, mut resources: lopdf::Dictionary) -> lopdf::Dictionary {
    if let Ok(Object::Reference(id)) = resources.get(b"Font") {
        if let Ok(Object::Dictionary(fonts)) = doc.get_object(*id) {
            let fonts = fonts.clone();
            resources.set("Font", fonts);
        }
    }
    resources
}

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// The label as a PDF string in WinAnsi: what it cannot hold becomes `?`,
/// and the string's own delimiters are escaped.
fn winansi(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                out.push(c as u8);
            }
            '·' => out.push(0xB7),
            c if c.is_ascii() && !c.is_control() => out.push(c as u8),
            _ => out.push(b'?'),
        }
    }
    out
}
