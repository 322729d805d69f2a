//! What a letter is made from: the case, the council's letterhead, the
//! officer who signs, the right Ombudsman and the date of issue, gathered
//! into the fields a template fills in. Dates are written as people read
//! them (`18 November 2026`) and every deadline is the case's own, never
//! typed. The same data is kept with an issued letter, so it can be made
//! again byte for byte.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kind::LetterKind;
use crate::case::{Case, Language, Ombudsman, Stage, Triage};
use crate::dates::in_words;
use crate::people::Restriction;

/// The council as its letters show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// The council's name.
    pub name: String,
    /// Its postal address, a line each.
    pub address: String,
    /// Its phone number.
    pub phone: String,
    /// Its email address.
    pub email: String,
    /// Its website.
    pub website: String,
    /// Its own words for the outcomes, which English letters use.
    #[serde(
        default,
        skip_serializing_if = "crate::settings::OutcomeWords::is_empty"
    )]
    pub outcome_words: crate::settings::OutcomeWords,
}

impl Letterhead {
    /// The lines of the council's address and contact details, as the
    /// letterhead prints them (an address split at its commas and lines).
    pub fn contact_lines(&self) -> Vec<String> {
        self.address
            .split(['\n', ','])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .chain(
                [&self.phone, &self.email, &self.website]
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .cloned(),
            )
            .collect()
    }
}

/// The officer who signs a letter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub job_title: String,
    /// How to email them.
    pub email: String,
    /// How to phone them.
    pub phone: String,
}

/// Everything a letter needs that is not in the case.
#[derive(Debug, Clone)]
pub struct LetterFacts<'a> {
    /// Which letter.
    pub kind: LetterKind,
    /// How many stages the council's procedure has.
    pub stages: usize,
    /// The council.
    pub letterhead: &'a Letterhead,
    /// Who signs.
    pub signatory: Option<Signatory>,
    /// The Ombudsman of the case's service area.
    pub ombudsman: Ombudsman,
    /// The person's restriction in force, for the restriction letter.
    pub restriction: Option<&'a Restriction>,
    /// The date the letter goes out.
    pub issued_on: NaiveDate,
    /// The language it is written in.
    pub language: Language,
    /// Words the officer adds for this letter (why escalation was declined).
    pub note: &'a str,
}

/// The person a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// Their name ("" for an anonymous complainant).
    pub name: String,
    /// "Dear Ann Lee", or "Dear Sir or Madam" when there is no name.
    pub salutation: String,
    /// Their address as lines, postcode last.
    pub address: Vec<String>,
    /// Whether they represent the complainant.
    pub representative: bool,
}

/// A remedy as a letter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemedyData {
    /// What kind ("Apology").
    pub kind: String,
    /// What exactly.
    pub detail: String,
    /// The amount, such as `£75.00`, for a financial remedy.
    pub amount: String,
}

/// An outstanding action as a letter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionData {
    /// What will be done.
    pub description: String,
    /// Who does it.
    pub owner: String,
    /// When it is due.
    pub due_on: String,
    /// When it was done ("" while outstanding).
    pub done_on: String,
}

/// An extension as a letter explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionData {
    /// Working days added.
    pub days: u32,
    /// Why.
    pub reason: String,
    /// The new response date.
    pub new_date: String,
}

/// The stage a letter is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageData {
    /// 1, 2 or 3.
    pub number: usize,
    /// Whether it is the council's last stage (its response is final).
    pub is_final: bool,
    /// The stage a person can escalate to, if any.
    pub next: Option<usize>,
    /// When it opened (the complaint or escalation received).
    pub opened_on: String,
    /// When it was acknowledged ("" until then).
    pub acknowledged_on: String,
    /// The response date in force.
    pub respond_by: String,
    /// When it was answered ("" until then).
    pub responded_on: String,
    /// The decision in words ("partly upheld"; "" until answered).
    pub outcome: String,
    /// The reasons for it.
    pub reasons: String,
    /// What was learned.
    pub learning: String,
    /// Service improvements made.
    pub improvements: String,
    /// Remedies offered.
    pub remedies: Vec<RemedyData>,
    /// The latest extension, if any.
    pub extension: Option<ExtensionData>,
}

/// Why a matter is not handled as a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionData {
    /// "service request" or "excluded".
    pub kind: String,
    /// The policy's reason, for an excluded matter ("" otherwise).
    pub reason: String,
    /// What the officer wrote the person will be told.
    pub note: String,
}

/// The Ombudsman a letter names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanData {
    /// Its name.
    pub name: String,
    /// Its postal address.
    pub address: String,
    /// Its phone number.
    pub phone: String,
    /// Its website.
    pub website: String,
    /// How long the complainant has to go to it (letters from before
    /// there was one have none).
    #[serde(default)]
    pub time_limit: String,
}

impl OmbudsmanData {
    /// An Ombudsman's details as a letter in English or Welsh gives them.
    pub fn of(ombudsman: Ombudsman, welsh: bool) -> OmbudsmanData {
        let c = ombudsman.contact();
        OmbudsmanData {
            name: (if welsh { c.name_cy } else { c.name }).to_owned(),
            address: c.address.to_owned(),
            phone: c.phone.to_owned(),
            website: c.website.to_owned(),
            time_limit: (if welsh { c.time_limit_cy } else { c.time_limit }).to_owned(),
        }
    }
}

/// A restriction as the letter telling the person states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictionData {
    /// Who decided it.
    pub decided_by: String,
    /// When.
    pub decided_on: String,
    /// Why.
    pub reason: String,
    /// The contact still allowed.
    pub contact: String,
    /// When it will be reviewed.
    pub review_on: String,
}

/// The fields a letter template fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterData {
    /// The kind, as its slug.
    pub kind: String,
    /// Its title ("Stage 1 acknowledgement").
    pub title: String,
    /// `en` or `cy`.
    pub language: String,
    /// The council.
    pub council: Letterhead,
    /// The case reference.
    pub reference: String,
    /// The date the letter goes out.
    pub date: String,
    /// Who it goes to.
    pub recipient: Recipient,
    /// The complainant's name ("" when anonymous).
    pub complainant: String,
    /// When the complaint was received.
    pub received_on: String,
    /// What it is about, in a line.
    pub summary: String,
    /// What the person wants to happen.
    pub outcome_sought: String,
    /// The stage the letter is about (for stage letters, else the current).
    pub stage: Option<StageData>,
    /// Who signs.
    pub officer: Signatory,
    /// Actions promised, in order.
    pub actions: Vec<ActionData>,
    /// The action done, for the action-completed letter.
    pub completed_action: Option<ActionData>,
    /// Why it is not a complaint, if it is not.
    pub exclusion: Option<ExclusionData>,
    /// The Ombudsman of the service complained about.
    pub ombudsman: OmbudsmanData,
    /// The person's reasonable adjustments.
    pub adjustments: String,
    /// Whether they asked for large print.
    pub large_print: bool,
    /// The restriction, for the restriction letter.
    pub restriction: Option<RestrictionData>,
    /// Words the officer added for this letter.
    pub note: String,
}

fn words(date: Option<NaiveDate>, welsh: bool) -> String {
    date.map(|d| in_words(d, welsh)).unwrap_or_default()
}

/// A decision as a letter says it: in Welsh, or in the council's own
/// English words where it has them.
fn outcome_words(
    outcome: crate::case::Outcome,
    welsh: bool,
    council: &crate::settings::OutcomeWords,
) -> String {
    use crate::case::Outcome;
    if let Some(word) = council.word(outcome).filter(|_| !welsh) {
        return word.to_lowercase();
    }
    match (outcome, welsh) {
        (Outcome::Upheld, true) => "wedi'i chadarnhau".to_owned(),
        (Outcome::PartlyUpheld, true) => "wedi'i chadarnhau'n rhannol".to_owned(),
        (Outcome::NotUpheld, true) => "heb ei chadarnhau".to_owned(),
        (other, false) => other.label().to_lowercase(),
    }
}

fn stage_data(
    stage: &Stage,
    stages: usize,
    welsh: bool,
    council: &crate::settings::OutcomeWords,
) -> StageData {
    StageData {
        number: stage.number,
        is_final: stage.number >= stages,
        next: (stage.number < stages).then_some(stage.number + 1),
        opened_on: in_words(stage.opened_on, welsh),
        acknowledged_on: words(stage.acknowledged_on, welsh),
        respond_by: in_words(stage.deadlines.respond_by, welsh),
        responded_on: words(stage.responded_on, welsh),
        outcome: stage
            .outcome
            .map(|o| outcome_words(o, welsh, council))
            .unwrap_or_default(),
        reasons: stage.reasons.clone(),
        learning: stage.learning.clone(),
        improvements: stage.improvements.clone(),
        remedies: stage
            .remedies
            .iter()
            .map(|r| RemedyData {
                kind: r.kind.label().to_owned(),
                detail: r.detail.clone(),
                amount: r
                    .amount_pence
                    .map(crate::money::format_pence)
                    .unwrap_or_default(),
            })
            .collect(),
        extension: stage.extensions.last().map(|e| ExtensionData {
            days: e.days,
            reason: e.reason.clone(),
            new_date: in_words(stage.deadlines.respond_by, welsh),
        }),
    }
}

impl LetterData {
    /// Gathers a letter's fields from the case and the facts around it.
    pub fn gather(case: &Case, facts: &LetterFacts<'_>) -> LetterData {
        let welsh = facts.language == Language::Welsh;
        let c = &case.complainant;
        let recipient = match &case.representative {
            Some(rep) => Recipient {
                salutation: format!("Dear {}", rep.name),
                name: rep.name.clone(),
                address: Vec::new(),
                representative: true,
            },
            None => {
                let name = if c.anonymous {
                    String::new()
                } else {
                    c.name.clone()
                };
                let mut address: Vec<String> = c
                    .address
                    .split(['\n', ','])
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
                if !c.postcode.trim().is_empty() {
                    address.push(c.postcode.trim().to_owned());
                }
                Recipient {
                    salutation: if name.is_empty() {
                        if welsh {
                            "Annwyl Syr neu Fadam"
                        } else {
                            "Dear Sir or Madam"
                        }
                        .to_owned()
                    } else if welsh {
                        format!("Annwyl {name}")
                    } else {
                        format!("Dear {name}")
                    },
                    name,
                    address,
                    representative: false,
                }
            }
        };
        let stage = match facts.kind.stage() {
            Some(n) => case.stages.iter().find(|s| s.number == n),
            None => case.current_stage(),
        };
        let action = |a: &crate::case::Action| ActionData {
            description: a.description.clone(),
            owner: a.owner.clone(),
            due_on: in_words(a.due_on, welsh),
            done_on: words(a.done_on, welsh),
        };
        LetterData {
            kind: facts.kind.slug(),
            title: facts.kind.label(facts.stages),
            language: facts.language.slug().to_owned(),
            council: facts.letterhead.clone(),
            reference: case.reference.clone(),
            date: in_words(facts.issued_on, welsh),
            recipient,
            complainant: if c.anonymous {
                String::new()
            } else {
                c.name.clone()
            },
            received_on: in_words(case.received_on, welsh),
            summary: case.summary.clone(),
            outcome_sought: case.outcome_sought.clone(),
            stage: stage
                .map(|s| stage_data(s, facts.stages, welsh, &facts.letterhead.outcome_words)),
            officer: facts.signatory.clone().unwrap_or_default(),
            actions: case.actions.iter().map(action).collect(),
            completed_action: case
                .actions
                .iter()
                .filter(|a| a.done_on.is_some())
                .max_by_key(|a| (a.done_on, a.number))
                .map(action),
            exclusion: match &case.triage {
                Triage::Complaint => None,
                Triage::ServiceRequest { note } => Some(ExclusionData {
                    kind: "service request".to_owned(),
                    reason: String::new(),
                    note: note.clone(),
                }),
                Triage::Excluded { reason, note } => Some(ExclusionData {
                    kind: "excluded".to_owned(),
                    reason: reason.label().to_owned(),
                    note: note.clone(),
                }),
            },
            ombudsman: OmbudsmanData::of(facts.ombudsman, welsh),
            adjustments: c.adjustments.clone(),
            large_print: c.adjustments.to_lowercase().contains("large print")
                || c.adjustments.to_lowercase().contains("print bras"),
            restriction: facts.restriction.map(|r| RestrictionData {
                decided_by: r.decided_by.clone(),
                decided_on: in_words(r.decided_on, welsh),
                reason: r.reason.clone(),
                contact: r.contact.clone(),
                review_on: in_words(r.review_on, welsh),
            }),
            note: facts.note.trim().to_owned(),
        }
    }

    /// The officer's name for a kind of letter on this case: the stage's
    /// handler for a stage letter, else the accountable officer.
    pub fn signatory_name(case: &Case, kind: LetterKind) -> Option<&str> {
        kind.stage()
            .and_then(|n| case.stages.iter().find(|s| s.number == n))
            .and_then(|s| s.handler.as_ref())
            .or(case.officer.as_ref())
            .map(|o| o.name.as_str())
    }
}

impl LetterData {
    /// A made-up letter with every field filled in: what a template is
    /// checked against when it is saved, and what the template editor
    /// previews.
    pub fn sample(letterhead: &Letterhead, language: Language) -> LetterData {
        let welsh = language == Language::Welsh;
        let day = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .map(|date| in_words(date, welsh))
                .unwrap_or_default()
        };
        let action = ActionData {
            description: "Repair the bin store door".to_owned(),
            owner: "Waste Services".to_owned(),
            due_on: day(2026, 12, 11),
            done_on: day(2026, 12, 9),
        };
        LetterData {
            kind: "stage1-response".to_owned(),
            title: "Stage 1 response".to_owned(),
            language: language.slug().to_owned(),
            council: letterhead.clone(),
            reference: "CMP-2026-00042".to_owned(),
            date: day(2026, 11, 18),
            recipient: Recipient {
                name: "Siân Ellis".to_owned(),
                salutation: if welsh { "Annwyl Siân Ellis" } else { "Dear Siân Ellis" }.to_owned(),
                address: vec![
                    "4 Heol y Llan".to_owned(),
                    "Llanelli".to_owned(),
                    "SA15 3AA".to_owned(),
                ],
                representative: false,
            },
            complainant: "Siân Ellis".to_owned(),
            received_on: day(2026, 11, 2),
            summary: "Bins missed three weeks running".to_owned(),
            outcome_sought: "collect the bins and stop it happening again".to_owned(),
            stage: Some(StageData {
                number: 1,
                is_final: false,
                next: Some(2),
                opened_on: day(2026, 11, 2),
                acknowledged_on: day(2026, 11, 3),
                respond_by: day(2026, 11, 17),
                responded_on: day(2026, 11, 16),
                outcome: outcome_words(
                    crate::case::Outcome::PartlyUpheld,
                    welsh,
                    &letterhead.outcome_words,
                ),
                reasons: "The crew missed your street on 2 and 9 November; they collected on 16 November.".to_owned(),
                learning: "Crews now confirm each street on the round sheet.".to_owned(),
                improvements: "Round sheets are checked daily by a supervisor.".to_owned(),
                remedies: vec![RemedyData {
                    kind: "Apology".to_owned(),
                    detail: "We are sorry for the missed collections.".to_owned(),
                    amount: String::new(),
                }],
                extension: Some(ExtensionData {
                    days: 5,
                    reason: "We are waiting for the crew's records.".to_owned(),
                    new_date: day(2026, 11, 24),
                }),
            }),
            officer: Signatory {
                name: "Alex Khan".to_owned(),
                job_title: "Waste Services Officer".to_owned(),
                email: "alex.khan@example.gov.uk".to_owned(),
                phone: "01623 463463".to_owned(),
            },
            actions: vec![action.clone()],
            completed_action: Some(action),
            exclusion: Some(ExclusionData {
                kind: "excluded".to_owned(),
                reason: "A statutory right of appeal applies".to_owned(),
                note: "You can appeal to the Valuation Tribunal.".to_owned(),
            }),
            ombudsman: OmbudsmanData::of(Ombudsman::Lgsco, welsh),
            adjustments: "Large print letters".to_owned(),
            large_print: false,
            restriction: Some(RestrictionData {
                decided_by: "Hana Head".to_owned(),
                decided_on: day(2026, 11, 20),
                reason: "Forty calls a week to staff.".to_owned(),
                contact: "Email to the complaints team only.".to_owned(),
                review_on: day(2027, 5, 20),
            }),
            note: "Your complaint has been through every stage of our procedure.".to_owned(),
        }
    }
}

/// The fields most templates use, each with what it gives: what the
/// template editor lists beside the wording. Every one is a field of
/// [`LetterData`] (a test holds them to the sample letter).
pub const COMMON_FIELDS: &[(&str, &str)] = &[
    (
        "recipient.salutation",
        "the greeting, such as “Dear Siân Ellis”",
    ),
    ("reference", "the case reference"),
    ("date", "the date the letter goes out"),
    ("summary", "what the complaint is about, in a line"),
    ("stage.respond_by", "the date the stage’s response is due"),
    ("stage.outcome", "the stage’s decision, such as “upheld”"),
    ("stage.reasons", "the reasons for the decision"),
    ("officer.name", "the officer who signs"),
    ("officer.email", "their email address"),
    (
        "ombudsman.name",
        "the Ombudsman for the service complained about",
    ),
    ("ombudsman.phone", "the Ombudsman’s phone number"),
    ("council.name", "the council’s name"),
];
