//! A letter's filled-in wording, read as Markdown (pulldown-cmark) into the
//! few blocks letters use: headings, paragraphs, bulleted and numbered
//! lists, with bold runs. A line break inside a paragraph is kept, as
//! people writing letters expect (a signature block is lines).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// A run of text, bold or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Whether it is bold.
    pub bold: bool,
}

/// A line of runs.
pub type Line = Vec<Span>;

/// One block of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The letter's title (`#`).
    Title(Line),
    /// A section heading (`##` and below).
    Heading(Line),
    /// A paragraph of one or more lines.
    Paragraph(Vec<Line>),
    /// A list item, with its marker (`•` or `3.`).
    Item {
        /// The bullet or number.
        marker: String,
        /// Its lines.
        lines: Vec<Line>,
    },
}

impl Block {
    /// Its text, lines joined by newlines: what completeness checks read.
    pub fn text(&self) -> String {
        let line_text = |line: &Line| line.iter().map(|s| s.text.as_str()).collect::<String>();
        match self {
            Block::Title(line) | Block::Heading(line) => line_text(line),
            Block::Paragraph(lines) | Block::Item { lines, .. } => {
                lines.iter().map(line_text).collect::<Vec<_>>().join("\n")
            }
        }
    }
}

/// The plain text of blocks, a block a paragraph.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Reads Markdown into blocks.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines: Vec<Line> = vec![Vec::new()];
    let mut bold = 0usize;
    // Numbers of the open lists (None for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut item_marker: Option<String> = None;
    let push_text = |lines: &mut Vec<Line>, text: &str, bold: bool| {
        if let Some(line) = lines.last_mut() {
            match line.last_mut() {
                Some(last) if last.bold == bold => last.text.push_str(text),
                _ => line.push(Span {
                    text: text.to_owned(),
                    bold,
                }),
            }
        }
    };
    let take = |lines: &mut Vec<Line>| -> Vec<Line> {
        let mut taken: Vec<Line> = std::mem::replace(lines, vec![Vec::new()])
            .into_iter()
            .collect();
        while taken.last().is_some_and(Vec::is_empty) {
            taken.pop();
        }
        taken
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let line = take(&mut lines).into_iter().flatten().collect();
                out.push(match heading.take() {
                    Some(HeadingLevel::H1) => Block::Title(line),
                    _ => Block::Heading(line),
                });
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                item_marker = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "•".to_owned(),
                });
            }
            Event::End(TagEnd::Item) => {
                let taken = take(&mut lines);
                out.push(Block::Item {
                    marker: item_marker.take().unwrap_or_else(|| "•".to_owned()),
                    lines: taken,
                });
            }
            // A paragraph inside a list item stays with the item.
            Event::End(TagEnd::Paragraph) if item_marker.is_none() => {
                let taken = take(&mut lines);
                if !taken.is_empty() {
                    out.push(Block::Paragraph(taken));
                }
            }
            Event::Text(text) | Event::Code(text) => push_text(&mut lines, &text, bold > 0),
            Event::SoftBreak | Event::HardBreak => lines.push(Vec::new()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Span {
        Span {
            text: text.to_owned(),
            bold: false,
        }
    }

    #[test]
    fn headings_paragraphs_lists_and_bold_are_read() {
        let read = blocks(
            "# Your complaint\n\nDear Ann,\n\nWe will reply by **18 November 2026**.\n\n## Next\n\n- one\n- two\n\n1. first\n2. second\n\nYours,\nJo Bloggs\n",
        );
        assert_eq!(read[0], Block::Title(vec![plain("Your complaint")]));
        assert_eq!(
            read[2],
            Block::Paragraph(vec![vec![
                plain("We will reply by "),
                Span {
                    text: "18 November 2026".to_owned(),
                    bold: true
                },
                plain("."),
            ]])
        );
        assert_eq!(read[3], Block::Heading(vec![plain("Next")]));
        assert!(matches!(&read[4], Block::Item { marker, .. } if marker == "•"));
        assert!(matches!(&read[7], Block::Item { marker, .. } if marker == "2."));
        assert_eq!(
            read[8],
            Block::Paragraph(vec![vec![plain("Yours,")], vec![plain("Jo Bloggs")]])
        );
        assert!(plain_text(&read).contains("18 November 2026"));
    }
}
