//! Letter templates: Markdown with fields (`{{ stage.respond_by }}`), filled
//! by minijinja. Redress ships a default set in English and Welsh; a council
//! edits its own, each edit a new version. A template error names the line
//! and the field.

use std::collections::BTreeSet;

use minijinja::{Environment, UndefinedBehavior};

use super::data::LetterData;
use crate::case::Language;

/// The templates there are, one per kind of letter (a stage's letters
/// share theirs).
pub const TEMPLATE_NAMES: [&str; 8] = [
    "acknowledgement",
    "extension",
    "response",
    "final-response",
    "not-a-complaint",
    "escalation-declined",
    "action-completed",
    "restriction",
];

/// The template Redress ships for `name` in `language`.
pub fn default_template(name: &str, language: Language) -> Option<&'static str> {
    let english = match name {
        "acknowledgement" => include_str!("templates/en/acknowledgement.md"),
        "extension" => include_str!("templates/en/extension.md"),
        "response" => include_str!("templates/en/response.md"),
        "final-response" => include_str!("templates/en/final-response.md"),
        "not-a-complaint" => include_str!("templates/en/not-a-complaint.md"),
        "escalation-declined" => include_str!("templates/en/escalation-declined.md"),
        "action-completed" => include_str!("templates/en/action-completed.md"),
        "restriction" => include_str!("templates/en/restriction.md"),
        _ => return None,
    };
    let welsh = match name {
        "acknowledgement" => include_str!("templates/cy/acknowledgement.md"),
        "extension" => include_str!("templates/cy/extension.md"),
        "response" => include_str!("templates/cy/response.md"),
        "final-response" => include_str!("templates/cy/final-response.md"),
        "not-a-complaint" => include_str!("templates/cy/not-a-complaint.md"),
        "escalation-declined" => include_str!("templates/cy/escalation-declined.md"),
        "action-completed" => include_str!("templates/cy/action-completed.md"),
        "restriction" => include_str!("templates/cy/restriction.md"),
        _ => return None,
    };
    Some(match language {
        Language::English => english,
        Language::Welsh => welsh,
    })
}

/// What is wrong with a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{message}", .line.map(|l| format!("line {l}: ")).unwrap_or_default(), .field.as_ref().map(|f| format!("'{f}': ")).unwrap_or_default())]
pub struct TemplateError {
    /// The line of the template, from 1.
    pub line: Option<usize>,
    /// The field at fault, if one is.
    pub field: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_keep_trailing_newline(true);
    env.add_filter("lcfirst", lcfirst);
    env
}

/// `{{ summary | lcfirst }}`: text to continue a sentence with: its first
/// letter in lower case, unless its first two letters are capitals (an
/// abbreviation such as CCTV).
fn lcfirst(text: String) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text,
    }
}

/// The dotted names of every field `data` has (`stage.respond_by`,
/// `officer.email`, ...), for telling a misspelt field from a real one.
fn known_fields(data: &LetterData) -> BTreeSet<String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
        if !prefix.is_empty() {
            out.insert(prefix.to_owned());
        }
        if let serde_json::Value::Object(map) = value {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                walk(&path, child, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    if let Ok(value) = serde_json::to_value(data) {
        walk("", &value, &mut out);
    }
    out
}

/// The line of `source` where `needle` first appears, from 1.
fn line_of(source: &str, needle: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| line.contains(needle))
        .map(|i| i + 1)
}

/// Checks a template against a letter's fields: every field it names must
/// exist (nested structures like `stage` may be absent from some letters,
/// but their fields are known from `sample`), and it must fill in.
pub fn check_template(body: &str, sample: &LetterData) -> Result<(), TemplateError> {
    let env = environment();
    let template = env.template_from_str(body).map_err(from_minijinja)?;
    let known = known_fields(sample);
    let fields: BTreeSet<String> = template.undeclared_variables(true).into_iter().collect();
    for field in fields {
        // Loop variables and minijinja's own names are not fields.
        if known.contains(&field) || field == "loop" {
            continue;
        }
        let root = field.split('.').next().unwrap_or(&field);
        let parent_known = known.contains(root);
        let is_nested_option = matches!(
            root,
            "stage" | "exclusion" | "restriction" | "completed_action"
        ) && !parent_known;
        if is_nested_option {
            continue;
        }
        let suggestions: Vec<&String> = known
            .iter()
            .filter(|k| k.starts_with(&format!("{root}.")) || !k.contains('.'))
            .take(12)
            .collect();
        return Err(TemplateError {
            line: line_of(body, &field),
            field: Some(field.clone()),
            message: format!(
                "no such field: the fields here include {}",
                suggestions
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    render(body, sample).map(|_| ())
}

/// Fills a template with a letter's fields: the letter's Markdown.
pub fn render(body: &str, data: &LetterData) -> Result<String, TemplateError> {
    let env = environment();
    let template = env.template_from_str(body).map_err(from_minijinja)?;
    template.render(data).map_err(from_minijinja)
}

fn from_minijinja(err: minijinja::Error) -> TemplateError {
    let message = match err.kind() {
        minijinja::ErrorKind::UndefinedError => {
            "a field used here has no value in this letter".to_owned()
        }
        minijinja::ErrorKind::SyntaxError => format!(
            "the template's {{{{ }}}} or {{% %}} parts are not written right: {}",
            err.detail().unwrap_or("syntax error")
        ),
        _ => err.detail().map_or_else(|| err.to_string(), str::to_owned),
    };
    TemplateError {
        line: err.line(),
        field: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::lcfirst;

    #[test]
    fn a_summary_continues_a_sentence_but_an_abbreviation_keeps_its_capitals() {
        assert_eq!(
            lcfirst("Damp in the bedroom".to_owned()),
            "damp in the bedroom"
        );
        assert_eq!(lcfirst("CCTV at the depot".to_owned()), "CCTV at the depot");
        assert_eq!(lcfirst(String::new()), "");
    }
}
