//! What each letter must say before it goes (DOMAIN.md "What letters must
//! say"; policy §8.3, §8.7, §8.15, §11): an acknowledgement's response date
//! and who to contact, a response's decision and how to escalate, a final
//! response's Ombudsman route, and so on. A letter missing one is flagged,
//! and goes out only with a reason recorded.

use super::data::LetterData;

/// Something a letter must say, and whether it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// What it is, as the officer reads it.
    pub what: &'static str,
    /// Whether the letter says it.
    pub met: bool,
}

/// Whether the letter's text says `value` (and there is a value to say).
fn says(text: &str, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() {
        return false;
    }
    // Long text (reasons) is checked by its opening words.
    let probe: String = value.chars().take(60).collect();
    text.to_lowercase().contains(&probe.to_lowercase())
}

fn says_any(text: &str, values: &[&str]) -> bool {
    values.iter().any(|v| says(text, v))
}

/// The requirements of the letter made from template `template` with
/// `data`, checked against its text.
pub fn requirements(template: &str, data: &LetterData, text: &str) -> Vec<Requirement> {
    let welsh = data.language == "cy";
    let stage = data.stage.as_ref();
    let ombudsman = says(text, &data.ombudsman.name)
        && says_any(text, &[&data.ombudsman.phone, &data.ombudsman.website]);
    let officer = says(text, &data.officer.name);
    let contact = says_any(text, &[&data.officer.email, &data.officer.phone]);
    let outcome = stage.is_some_and(|s| says(text, &s.outcome));
    let reasons = stage.is_some_and(|s| says(text, &s.reasons));
    let mut out = Vec::new();
    let mut need = |what: &'static str, met: bool| out.push(Requirement { what, met });
    match template {
        "acknowledgement" => {
            need(
                "the date a response can be expected",
                stage.is_some_and(|s| says(text, &s.respond_by)),
            );
            need("who is investigating", officer);
            need("how to contact the officer", contact);
        }
        "extension" => {
            let extension = stage.and_then(|s| s.extension.as_ref());
            need(
                "the reason for the extension",
                extension.is_some_and(|e| says(text, &e.reason)),
            );
            need(
                "the new response date",
                extension.is_some_and(|e| says(text, &e.new_date)),
            );
            need("the Ombudsman's contact details", ombudsman);
        }
        "response" => {
            need("the decision", outcome);
            need("the reasons for it", reasons);
            // Welsh mutates "cam" after "i": "i gam 2".
            let escalates = stage.and_then(|s| s.next).is_some_and(|n| {
                if welsh {
                    says_any(text, &[&format!("cam {n}"), &format!("gam {n}")])
                } else {
                    says(text, &format!("stage {n}"))
                }
            });
            need("how to escalate", escalates);
        }
        "final-response" => {
            need("the decision", outcome);
            need("the reasons for it", reasons);
            need(
                "how to go to the Ombudsman, with contact details",
                ombudsman,
            );
        }
        "not-a-complaint" => {
            let why = data
                .exclusion
                .as_ref()
                .is_some_and(|e| says_any(text, &[&e.note, &e.reason]));
            need("why it is not handled as a complaint", why);
            need("the right to go to the Ombudsman", ombudsman);
        }
        "escalation-declined" => {
            need("why escalation was declined", says(text, &data.note));
            need("the right to go to the Ombudsman", ombudsman);
        }
        "action-completed" => need(
            "the action that was done",
            data.completed_action
                .as_ref()
                .is_some_and(|a| says(text, &a.description)),
        ),
        "restriction" => {
            let r = data.restriction.as_ref();
            need(
                "the contact still allowed",
                r.is_some_and(|r| says(text, &r.contact)),
            );
            need(
                "when it will be reviewed",
                r.is_some_and(|r| says(text, &r.review_on)),
            );
            need(
                "the right of appeal",
                says_any(text, &["appeal", "apêl", "apelio"]),
            );
        }
        _ => {}
    }
    out
}

/// The requirements a letter does not meet.
pub fn missing(requirements: &[Requirement]) -> Vec<&'static str> {
    requirements
        .iter()
        .filter(|r| !r.met)
        .map(|r| r.what)
        .collect()
}
