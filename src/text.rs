//! Text as people type it and as the terminal shows it: control characters
//! (escape sequences, bells, stray carriage returns) are refused in what is
//! typed, a line break only where a field holds paragraphs, and a list's
//! one-line cells have them made visible instead of obeyed.

use std::borrow::Cow;

/// Whether `c` is a control character that has no place in typed text
/// (tab and line breaks aside).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first character that a field may not hold, if any: a control
/// character, or a line break in a one-line field.
pub fn forbidden(text: &str, paragraphs: bool) -> Option<char> {
    text.chars()
        .find(|&c| is_stray_control(c) || (!paragraphs && matches!(c, '\n' | '\r')))
}

/// What a form says of a forbidden character.
pub fn forbidden_message(c: char) -> String {
    match c {
        '\n' | '\r' => "Keep this to one line: remove the line break".to_owned(),
        c => format!(
            "Remove the invisible control character (U+{:04X}) from this field: it may have come with text pasted from elsewhere",
            c as u32
        ),
    }
}

/// `text` made fit for a field without asking anyone: the control
/// characters it may not hold taken out, line breaks made spaces in a
/// one-line field. Says whether a control character was taken out (line
/// breaks and tabs are not counted). For text no one can edit at source,
/// such as an email's.
pub fn without_controls(text: &str, paragraphs: bool) -> (String, bool) {
    let mut removed = false;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' if !paragraphs => out.push(' '),
            c if is_stray_control(c) => removed = true,
            c => out.push(c),
        }
    }
    (out, removed)
}

fn escaped(c: char) -> String {
    format!("\\u{:04x}", c as u32)
}

/// Text safe to print on one line of a list: control characters shown,
/// line breaks and tabs as spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => " ".to_owned(),
                c if c.is_control() => escaped(c),
                c => c.to_string(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(one_line("a\nb\u{7}"), "a b\\u0007");
        assert!(matches!(one_line("Siân"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_fields_refuse_breaks_and_every_field_refuses_controls() {
        assert_eq!(forbidden("a\nb", false), Some('\n'));
        assert_eq!(forbidden("a\nb", true), None);
        assert_eq!(forbidden("a\u{1b}b", true), Some('\u{1b}'));
        assert_eq!(forbidden("a\u{85}b", true), Some('\u{85}'));
        assert_eq!(forbidden("Siân\tO'Brien", false), None);
    }
}
