//! Setting a letter on A4 with printpdf: the letterhead, the recipient's
//! address where a window envelope shows it, the reference and date, the
//! body's headings, paragraphs and lists with bold runs, "Page 1 of 2" and a
//! continuation header on later pages. The text is measured with the
//! shipped font's own glyph widths and wrapped here; the font (DejaVu Sans,
//! its licence in `assets/fonts/`) is embedded as a subset. Identical input
//! gives identical bytes.

use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};
use sha2::{Digest, Sha256};

use super::data::Letterhead;
use super::markdown::{Block, Line, Span};

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const LEFT: f32 = 25.0;
const RIGHT: f32 = 20.0;
const BOTTOM: f32 = 25.0;
/// Where the body starts on the first page and on later ones (mm from top).
const FIRST_BODY_TOP: f32 = 100.0;
const LATER_BODY_TOP: f32 = 28.0;
/// The recipient's address, inside a DL window envelope's window.
const ADDRESS_TOP: f32 = 52.0;
const DETAILS_LEFT: f32 = 130.0;

const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 1.45;

/// The shipped fonts, parsed once and kept by whoever makes letters.
pub struct Press {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl std::fmt::Debug for Press {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Press")
    }
}

/// A letter ready to be set.
#[derive(Debug, Clone)]
pub struct PrintedLetter<'a> {
    /// The document title (metadata).
    pub title: String,
    /// The council.
    pub letterhead: &'a Letterhead,
    /// The recipient's name and address lines.
    pub address: Vec<String>,
    /// The case reference.
    pub reference: String,
    /// The date, as written.
    pub date: String,
    /// The date of issue (for the document's metadata).
    pub issued_on: chrono::NaiveDate,
    /// The body.
    pub blocks: Vec<Block>,
    /// Body text size in points (larger for large print).
    pub size: f32,
    /// The council's logo, a PNG, for the letterhead.
    pub logo: Option<&'a [u8]>,
    /// Whether its labels ("Our reference", "Page 1 of 2") are in Welsh.
    pub welsh: bool,
}

/// The labels a letter's page prints, in its language: "Our reference",
/// "Date", and the page number ("Page 1 of 2").
pub fn page_labels(welsh: bool) -> (&'static str, &'static str, fn(usize, usize) -> String) {
    if welsh {
        ("Ein cyfeirnod", "Dyddiad", |n, of| {
            format!("Tudalen {n} o {of}")
        })
    } else {
        ("Our reference", "Date", |n, of| format!("Page {n} of {of}"))
    }
}

/// A logo that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the logo cannot be read as a PNG image ({0}): save it as PNG and choose it again")]
pub struct BadLogo(pub String);

/// The logo's height on the letterhead, in mm.
const LOGO_HEIGHT: f32 = 18.0;

/// Reads a logo, as it will be placed: the image and its width in mm.
fn read_logo(png: &[u8]) -> Result<(printpdf::RawImage, f32), BadLogo> {
    if !png.starts_with(b"\x89PNG") {
        return Err(BadLogo("it is not a PNG file".to_owned()));
    }
    let image = printpdf::RawImage::decode_from_bytes(png, &mut Vec::new()).map_err(BadLogo)?;
    if image.width == 0 || image.height == 0 {
        return Err(BadLogo("it has no pixels".to_owned()));
    }
    let width = LOGO_HEIGHT * image.width as f32 / image.height as f32;
    Ok((image, width.min(60.0)))
}

/// Checks that a logo can be placed on the letterhead.
pub fn check_logo(png: &[u8]) -> Result<(), BadLogo> {
    read_logo(png).map(|_| ())
}

/// The normal and the large-print body sizes.
pub const NORMAL_SIZE: f32 = BODY_SIZE;
/// Large print: 16 point, as the RNIB recommends.
pub const LARGE_PRINT_SIZE: f32 = 16.0;

/// A piece of text placed on a page: `x` from the left edge and `y` (its
/// baseline) from the top, in mm.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    pub(crate) runs: Vec<Span>,
    pub(crate) grey: bool,
}

/// A straight line from one point to another (mm from the top left).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) from: (f32, f32),
    pub(crate) to: (f32, f32),
    pub(crate) thickness: f32,
}

/// A filled rectangle: its top left corner, size (mm) and shade of grey
/// (0 black, 1 white), so that charts read in greyscale.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fill {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) shade: f32,
}

/// One A4 page's content.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub(crate) texts: Vec<Placed>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) fills: Vec<Fill>,
}

/// A document's metadata.
#[derive(Debug, Clone)]
pub(crate) struct Meta<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
    pub(crate) date: chrono::NaiveDate,
}

/// The A4 page's size and margins, in mm, for other documents' layouts.
pub(crate) const A4: (f32, f32) = (PAGE_WIDTH, PAGE_HEIGHT);

fn mm(v: f32) -> Pt {
    Mm(v).into_pt()
}

pub(crate) fn pt_to_mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// Why the shipped fonts could not be read (a broken build).
#[derive(Debug, thiserror::Error)]
#[error("the letter font shipped with Redress cannot be read")]
pub struct FontUnreadable;

impl Press {
    /// Parses the shipped fonts.
    pub fn new() -> Result<Press, FontUnreadable> {
        let parse = |bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(FontUnreadable);
        Ok(Press {
            regular: parse(REGULAR_TTF)?,
            bold: parse(BOLD_TTF)?,
        })
    }

    fn font(&self, bold: bool) -> &ParsedFont {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// The width of text in millimetres at `size` points.
    pub(crate) fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let font = self.font(bold);
        let units = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let advance: u32 = text
            .chars()
            .map(|c| {
                let gid = font
                    .lookup_glyph_index(u32::from(c))
                    .or_else(|| font.lookup_glyph_index(u32::from('?')))
                    .unwrap_or(0);
                u32::from(font.get_horizontal_advance(gid))
            })
            .sum();
        pt_to_mm(advance as f32 / units * size)
    }

    /// Wraps a line of runs to `width` mm: lines of runs, spaces kept.
    pub(crate) fn wrap(&self, line: &Line, width: f32, size: f32) -> Vec<Line> {
        // Words with the spaces that follow them, each with its boldness.
        let mut words: Vec<Span> = Vec::new();
        for span in line {
            let mut rest = span.text.as_str();
            while !rest.is_empty() {
                let end = rest
                    .find(' ')
                    .map(|i| rest[i..].find(|c| c != ' ').map_or(rest.len(), |j| i + j))
                    .unwrap_or(rest.len());
                words.push(Span {
                    text: rest[..end].to_owned(),
                    bold: span.bold,
                });
                rest = &rest[end..];
            }
        }
        let mut lines: Vec<Line> = vec![Vec::new()];
        let mut used = 0.0;
        for word in words {
            let w = self.width(word.text.trim_end(), word.bold, size);
            let full = self.width(&word.text, word.bold, size);
            let current_empty = lines.last().map_or(true, Vec::is_empty);
            if used + w > width && !current_empty {
                lines.push(Vec::new());
                used = 0.0;
            }
            if let Some(current) = lines.last_mut() {
                match current.last_mut() {
                    Some(last) if last.bold == word.bold => last.text.push_str(&word.text),
                    _ => current.push(word),
                }
            }
            used += full;
        }
        lines
    }

    /// Sets the letter and returns the PDF's bytes.
    pub fn print(&self, letter: &PrintedLetter<'_>) -> Vec<u8> {
        let mut pages = self.lay_out(letter);
        let count = pages.len();
        for (index, page) in pages.iter_mut().enumerate() {
            let footer = page_labels(letter.welsh).2(index + 1, count);
            let footer_width = self.width(&footer, false, 8.5);
            page.texts.push(Placed {
                x: (PAGE_WIDTH - footer_width) / 2.0,
                y: PAGE_HEIGHT - 12.0,
                size: 8.5,
                runs: vec![Span {
                    text: footer,
                    bold: false,
                }],
                grey: true,
            });
            if index == 0 {
                // A rule under the letterhead.
                page.rules.push(Rule {
                    from: (LEFT, 40.0),
                    to: (PAGE_WIDTH - RIGHT, 40.0),
                    thickness: 0.6,
                });
            }
        }
        let meta = Meta {
            title: &letter.title,
            author: &letter.letterhead.name,
            date: letter.issued_on,
        };
        self.render(&meta, pages, letter.logo)
    }

    /// Writes pages as a PDF: the fonts embedded as subsets, the logo (if
    /// any, and readable) at the top left of the first page, and a document
    /// id made from the content.
    pub(crate) fn render(
        &self,
        meta: &Meta<'_>,
        pages: Vec<Sheet>,
        logo: Option<&[u8]>,
    ) -> Vec<u8> {
        let regular = FontId("RDRSSA".to_owned());
        let bold = FontId("RDRSSB".to_owned());
        let mut doc = PdfDocument::new(meta.title);
        doc.metadata.info.author = meta.author.to_owned();
        doc.metadata.info.creator = "Redress".to_owned();
        if let Some(midnight) = meta.date.and_hms_opt(0, 0, 0) {
            if let Ok(date) =
                printpdf::OffsetDateTime::from_unix_timestamp(midnight.and_utc().timestamp())
            {
                doc.metadata.info.creation_date = date;
                doc.metadata.info.modification_date = date;
                doc.metadata.info.metadata_date = date;
            }
        }
        doc.resources.fonts.map.insert(
            regular.clone(),
            printpdf::PdfFont::new(self.regular.clone()),
        );
        doc.resources
            .fonts
            .map
            .insert(bold.clone(), printpdf::PdfFont::new(self.bold.clone()));
        let grey = Color::Rgb(Rgb {
            r: 0.33,
            g: 0.33,
            b: 0.33,
            icc_profile: None,
        });
        let black = Color::Rgb(Rgb {
            r: 0.04,
            g: 0.05,
            b: 0.05,
            icc_profile: None,
        });
        // A logo that cannot be read was refused when it was chosen; here it
        // is left off rather than failing the document.
        let logo = logo
            .and_then(|png| read_logo(png).ok())
            .map(|(image, width)| {
                let id = printpdf::XObjectId("Logo".to_owned());
                let scale = mm(LOGO_HEIGHT).0 / (image.height as f32 * 72.0 / 300.0);
                let scale_x = mm(width).0 / (image.width as f32 * 72.0 / 300.0);
                doc.resources
                    .xobjects
                    .map
                    .insert(id.clone(), printpdf::XObject::Image(image));
                Op::UseXobject {
                    id,
                    transform: printpdf::XObjectTransform {
                        translate_x: Some(mm(LEFT)),
                        translate_y: Some(mm(PAGE_HEIGHT - 12.0 - LOGO_HEIGHT)),
                        scale_x: Some(scale_x),
                        scale_y: Some(scale),
                        dpi: Some(300.0),
                        ..Default::default()
                    },
                }
            });
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: mm(x),
                y: mm(PAGE_HEIGHT - y),
            },
            bezier: false,
        };
        let pdf_pages = pages
            .into_iter()
            .enumerate()
            .map(|(index, page)| {
                let mut ops = Vec::new();
                if let (0, Some(logo)) = (index, &logo) {
                    ops.push(logo.clone());
                }
                for fill in &page.fills {
                    let shade = fill.shade.clamp(0.0, 1.0);
                    ops.push(Op::SetFillColor {
                        col: Color::Rgb(Rgb {
                            r: shade,
                            g: shade,
                            b: shade,
                            icc_profile: None,
                        }),
                    });
                    ops.push(Op::DrawPolygon {
                        polygon: printpdf::Polygon {
                            rings: vec![printpdf::PolygonRing {
                                points: vec![
                                    point((fill.x, fill.y)),
                                    point((fill.x + fill.width, fill.y)),
                                    point((fill.x + fill.width, fill.y + fill.height)),
                                    point((fill.x, fill.y + fill.height)),
                                ],
                            }],
                            mode: printpdf::PaintMode::Fill,
                            winding_order: printpdf::WindingOrder::NonZero,
                        },
                    });
                }
                for rule in &page.rules {
                    ops.push(Op::SetOutlineColor { col: grey.clone() });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(rule.thickness),
                    });
                    ops.push(Op::DrawLine {
                        line: PdfLine {
                            points: vec![point(rule.from), point(rule.to)],
                            is_closed: false,
                        },
                    });
                }
                for text in page.texts {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor {
                        col: if text.grey {
                            grey.clone()
                        } else {
                            black.clone()
                        },
                    });
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: mm(text.x),
                            y: mm(PAGE_HEIGHT - text.y),
                        },
                    });
                    for run in text.runs {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(if run.bold {
                                bold.clone()
                            } else {
                                regular.clone()
                            }),
                            size: Pt(text.size),
                        });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(run.text)],
                        });
                    }
                    ops.push(Op::EndTextSection);
                }
                PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
            })
            .collect();
        let bytes = doc
            .with_pages(pdf_pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new());
        fixed_document_id(bytes)
    }

    fn lay_out(&self, letter: &PrintedLetter<'_>) -> Vec<Sheet> {
        let mut pages = vec![Sheet::default()];
        let plain = |text: &str| {
            vec![Span {
                text: text.to_owned(),
                bold: false,
            }]
        };
        let first = &mut pages[0];
        // The letterhead: the logo and the council's name, its contact
        // details on the right.
        let logo_width = letter
            .logo
            .and_then(|png| read_logo(png).ok())
            .map_or(0.0, |(_, width)| width + 5.0);
        first.texts.push(Placed {
            x: LEFT + logo_width,
            y: 24.0,
            size: 17.0,
            runs: vec![Span {
                text: letter.letterhead.name.clone(),
                bold: true,
            }],
            grey: false,
        });
        let contact = letter.letterhead.contact_lines();
        for (i, line) in contact.iter().enumerate() {
            let w = self.width(line, false, 8.5);
            first.texts.push(Placed {
                x: PAGE_WIDTH - RIGHT - w,
                y: 15.0 + i as f32 * 4.0,
                size: 8.5,
                runs: plain(line),
                grey: true,
            });
        }
        // The recipient, in the envelope's window.
        for (i, line) in letter.address.iter().take(8).enumerate() {
            first.texts.push(Placed {
                x: LEFT,
                y: ADDRESS_TOP + i as f32 * 5.0,
                size: 10.5,
                runs: plain(line),
                grey: false,
            });
        }
        for (i, (label, value)) in [
            (page_labels(letter.welsh).0, letter.reference.as_str()),
            (page_labels(letter.welsh).1, letter.date.as_str()),
        ]
        .into_iter()
        .enumerate()
        {
            first.texts.push(Placed {
                x: DETAILS_LEFT,
                y: ADDRESS_TOP + i as f32 * 10.0,
                size: 8.5,
                runs: plain(label),
                grey: true,
            });
            first.texts.push(Placed {
                x: DETAILS_LEFT,
                y: ADDRESS_TOP + 4.5 + i as f32 * 10.0,
                size: 10.5,
                runs: vec![Span {
                    text: value.to_owned(),
                    bold: true,
                }],
                grey: false,
            });
        }

        let size = letter.size;
        let line_height = pt_to_mm(size * BODY_LEADING);
        let width = PAGE_WIDTH - LEFT - RIGHT;
        let indent = pt_to_mm(size) * 1.6;
        let bottom = PAGE_HEIGHT - BOTTOM;
        let mut y = FIRST_BODY_TOP;
        let new_page = |pages: &mut Vec<Sheet>| {
            let mut page = Sheet::default();
            page.texts.push(Placed {
                x: LEFT,
                y: 15.0,
                size: 8.5,
                runs: plain(&format!(
                    "{} · {} · {}",
                    letter.letterhead.name, letter.reference, letter.date
                )),
                grey: true,
            });
            pages.push(page);
            LATER_BODY_TOP
        };
        for (index, block) in letter.blocks.iter().enumerate() {
            let (lines, x, block_size, space_before, space_after, marker): (
                Vec<Line>,
                f32,
                f32,
                f32,
                f32,
                Option<&str>,
            ) = match block {
                Block::Title(line) => (
                    self.wrap(&bold(line), width, size * 1.3),
                    LEFT,
                    size * 1.3,
                    0.0,
                    line_height * 0.6,
                    None,
                ),
                Block::Heading(line) => (
                    self.wrap(&bold(line), width, size * 1.08),
                    LEFT,
                    size * 1.08,
                    line_height * 0.5,
                    line_height * 0.2,
                    None,
                ),
                Block::Paragraph(lines) => (
                    lines
                        .iter()
                        .flat_map(|l| self.wrap(l, width, size))
                        .collect(),
                    LEFT,
                    size,
                    0.0,
                    line_height * 0.55,
                    None,
                ),
                Block::Item { marker, lines } => (
                    lines
                        .iter()
                        .flat_map(|l| self.wrap(l, width - indent, size))
                        .collect(),
                    LEFT + indent,
                    size,
                    0.0,
                    line_height * 0.25,
                    Some(marker.as_str()),
                ),
            };
            let height = pt_to_mm(block_size * BODY_LEADING);
            // A heading keeps its first two lines of text with it.
            let needed = match block {
                Block::Heading(_) | Block::Title(_) => {
                    height * lines.len() as f32 + line_height * 2.0
                }
                _ => height.min(height * lines.len() as f32),
            };
            y += space_before;
            if y + needed > bottom && index > 0 {
                y = new_page(&mut pages);
            }
            if let Some(marker) = marker {
                if let Some(page) = pages.last_mut() {
                    page.texts.push(Placed {
                        x: LEFT + indent * 0.25,
                        y: y + height * 0.75,
                        size: block_size,
                        runs: plain(marker),
                        grey: false,
                    });
                }
            }
            for line in lines {
                if y + height > bottom {
                    y = new_page(&mut pages);
                }
                if let Some(page) = pages.last_mut() {
                    page.texts.push(Placed {
                        x,
                        y: y + height * 0.75,
                        size: block_size,
                        runs: line,
                        grey: false,
                    });
                }
                y += height;
            }
            y += space_after;
        }
        pages
    }
}

fn bold(line: &Line) -> Line {
    line.iter()
        .map(|s| Span {
            text: s.text.clone(),
            bold: true,
        })
        .collect()
}

/// printpdf writes a random document id in the trailer; replace it with one
/// made from the document itself, so the same letter gives the same bytes.
fn fixed_document_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(at) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    // Two literal strings follow: (...)(...).
    let mut ranges = Vec::new();
    let mut i = at;
    while ranges.len() < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|&b| b == b')') else {
                return bytes;
            };
            ranges.push(start..start + len);
            i = start + len;
        }
        i += 1;
    }
    for range in &ranges {
        for b in &mut bytes[range.clone()] {
            *b = b'0';
        }
    }
    let digest = Sha256::digest(&bytes);
    let hex = hex::encode(digest).into_bytes();
    for range in ranges {
        for (slot, value) in bytes[range].iter_mut().zip(hex.iter().cycle()) {
            *slot = *value;
        }
    }
    bytes
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}
