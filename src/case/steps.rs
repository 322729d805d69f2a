//! The step vocabulary: every step a user can take on a case, defined once
//! with its form's fields, its words and how a filled-in form becomes the
//! commands the rules apply; and what can be done to a case now (the same
//! rules as [`Case::apply`], asked in advance so the front ends offer only
//! what will work), which of it comes next, and who may review it.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;

use super::command::CaseCommand;
use super::model::{Case, OfficerRef, Remedy};
use super::rules::RuleError;
use super::terms::{Ombudsman, Outcome, RemedyKind, Triage};
use crate::dates::parse_date;
use crate::policy::Policy;

/// A kind of step a user can take on a case. Each is defined here once: its
/// slug, its words, its form's fields, and how a filled-in form becomes the
/// commands the rules apply. The CLI, the desktop shell and the UI all ask
/// this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Acknowledge the current stage.
    Acknowledge,
    /// Agree an extension.
    Extend,
    /// Record the response.
    Respond,
    /// Escalate to the next stage.
    Escalate,
    /// Record an Ombudsman referral.
    Refer,
    /// Record the Ombudsman's decision.
    OmbudsmanDecision,
    /// Record compliance with the Ombudsman's remedy.
    OmbudsmanComplied,
    /// Add an outstanding action.
    ActionAdd,
    /// Mark an action done.
    ActionDone,
    /// Record withdrawal.
    Withdraw,
    /// Close the case.
    Close,
    /// Reopen it.
    Reopen,
    /// Make an officer accountable.
    Allocate,
    /// Link another case.
    Link,
}

/// What kind of value a field holds, and so how it is typed and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A date, as people type it; empty means today when `default_today`.
    Date,
    /// One line of text.
    Text,
    /// Paragraphs.
    LongText,
    /// A whole number of working days.
    WholeNumber,
    /// Yes or no.
    Flag,
    /// An officer, by name (free text, offered from the list).
    Officer,
    /// An officer chosen from the list.
    OfficerChoice,
    /// The independent reviewer of the next stage.
    Reviewer,
    /// One of the outcomes.
    Outcome,
    /// One of the Ombudsmen.
    Ombudsman,
    /// Remedies offered: rows of `kind`, `detail`, `amount`.
    Remedies,
    /// Actions promised: rows of `description`, `owner`, `due_on`.
    Actions,
    /// The number of one of the case's actions.
    ActionNumber,
    /// Another case's reference.
    Reference,
}

/// One field of a step's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its name, as forms, the IPC and errors call it.
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// A hint under the label, if any.
    pub hint: Option<&'static str>,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether it must be filled in.
    pub required: bool,
}

impl Field {
    /// What to say when it is left empty, in GOV.UK's words, from its
    /// label: "Enter the reason for the extension", "Choose the outcome",
    /// "Enter the number of extra working days".
    pub fn missing_message(&self) -> String {
        let label = self
            .label
            .trim()
            .strip_suffix("(optional)")
            .unwrap_or(self.label)
            .trim();
        let phrase = phrase_of(label);
        match self.kind {
            FieldKind::Reviewer => format!(
                "Choose {}",
                phrase
                    .strip_prefix("the ")
                    .map_or(phrase.clone(), |p| format!("a {p}"))
            ),
            FieldKind::OfficerChoice | FieldKind::Outcome | FieldKind::Ombudsman => {
                format!("Choose {phrase}")
            }
            FieldKind::Remedies => format!("Choose at least one of {phrase}"),
            FieldKind::Actions => format!("Enter at least one of {phrase}"),
            FieldKind::WholeNumber => {
                let bare = phrase.strip_prefix("the ").unwrap_or(&phrase);
                if bare.to_lowercase().starts_with("number") {
                    format!("Enter {phrase}")
                } else {
                    format!("Enter the number of {bare}")
                }
            }
            FieldKind::Date
                if !phrase
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("date")) =>
            {
                format!("Enter the date for ‘{label}’")
            }
            _ => format!("Enter {phrase}"),
        }
    }
}

/// A label as words in a sentence: "Reason for the extension" → "the
/// reason for the extension"; "What will be done" reads on as it is.
fn phrase_of(label: &str) -> String {
    const KEEPS_CAPITAL: [&str; 3] = ["Ombudsman", "Ombudsman's", "Ombudsman’s"];
    const READS_ON: [&str; 14] = [
        "the", "a", "an", "what", "who", "whom", "why", "how", "when", "where", "which", "whether",
        "their", "your",
    ];
    let Some(first) = label.split_whitespace().next() else {
        return "this".to_owned();
    };
    let acronym = label.chars().take(2).all(|c| c.is_ascii_uppercase());
    let text = if KEEPS_CAPITAL.contains(&first) || acronym {
        label.to_owned()
    } else {
        let mut chars = label.chars();
        chars.next().map_or(String::new(), |c| {
            c.to_lowercase().chain(chars).collect::<String>()
        })
    };
    let first = first.to_lowercase();
    if READS_ON.contains(&first.as_str()) {
        text
    } else {
        format!("the {text}")
    }
}

const fn field(name: &'static str, label: &'static str, kind: FieldKind, required: bool) -> Field {
    Field {
        name,
        label,
        hint: None,
        kind,
        required,
    }
}

const fn hinted(mut field: Field, hint: &'static str) -> Field {
    field.hint = Some(hint);
    field
}

const REASON_HINT: &str = "Say why in a sentence or two; it is kept on the case";

const ACKNOWLEDGE: &[Field] = &[field(
    "on",
    "Date the acknowledgement was sent",
    FieldKind::Date,
    true,
)];
const EXTEND: &[Field] = &[
    field("on", "Date the extension was agreed", FieldKind::Date, true),
    field("days", "Extra working days", FieldKind::WholeNumber, true),
    hinted(
        field(
            "reason",
            "Reason for the extension",
            FieldKind::LongText,
            true,
        ),
        "The complainant will be told this reason and the new date",
    ),
    field(
        "good_reason",
        "This is a good reason to go beyond the policy's limit",
        FieldKind::Flag,
        false,
    ),
];
const RESPOND: &[Field] = &[
    field("on", "Date the response was sent", FieldKind::Date, true),
    field("outcome", "Outcome", FieldKind::Outcome, true),
    hinted(
        field("reasons", "Reasons for the decision", FieldKind::LongText, true),
        "Refer to the policy, law and good practice that apply",
    ),
    hinted(
        field("remedies", "Remedies offered", FieldKind::Remedies, false),
        "Tick each remedy offered and say what it is",
    ),
    field(
        "learning",
        "What the council has learned (optional)",
        FieldKind::LongText,
        false,
    ),
    field(
        "improvements",
        "Service improvements made (optional)",
        FieldKind::LongText,
        false,
    ),
    hinted(
        field("actions", "Outstanding actions", FieldKind::Actions, false),
        "Anything still to be done after the response, who will do it and by when. Leave blank if there is nothing.",
    ),
];
const ESCALATE: &[Field] = &[
    field(
        "on",
        "Date the escalation request was received",
        FieldKind::Date,
        true,
    ),
    hinted(
        field("reviewer", "Reviewer", FieldKind::Reviewer, true),
        "Independent of the service complained about, and not the stage 1 handler",
    ),
];
const REFER: &[Field] = &[
    field(
        "on",
        "Date the council learned of the referral",
        FieldKind::Date,
        true,
    ),
    field("ombudsman", "Ombudsman", FieldKind::Ombudsman, true),
    field(
        "their_reference",
        "The Ombudsman's reference (optional)",
        FieldKind::Text,
        false,
    ),
];
const OMBUDSMAN_DECISION: &[Field] = &[
    field("on", "Date of the decision", FieldKind::Date, true),
    field("decision", "The decision", FieldKind::LongText, true),
    field(
        "remedy",
        "What the Ombudsman asked the council to do (optional)",
        FieldKind::LongText,
        false,
    ),
    field(
        "comply_by",
        "Date set for the council to comply (optional)",
        FieldKind::Date,
        false,
    ),
];
const OMBUDSMAN_COMPLIED: &[Field] = &[field(
    "on",
    "Date the council complied",
    FieldKind::Date,
    true,
)];
const ACTION_ADD: &[Field] = &[
    field("description", "What will be done", FieldKind::Text, true),
    hinted(
        field("owner", "Who will do it", FieldKind::Officer, true),
        "Choose an officer or type a name",
    ),
    field("due_on", "Due by", FieldKind::Date, true),
];
const ACTION_DONE: &[Field] = &[
    field("number", "Action", FieldKind::ActionNumber, true),
    field("on", "Date it was done", FieldKind::Date, true),
];
const WITHDRAW: &[Field] = &[
    field("on", "Date the complainant withdrew", FieldKind::Date, true),
    hinted(
        field("reason", "Why they withdrew", FieldKind::LongText, true),
        REASON_HINT,
    ),
];
const CLOSE: &[Field] = &[
    field("on", "Date closed", FieldKind::Date, true),
    hinted(
        field(
            "reason",
            "Why the case is closed",
            FieldKind::LongText,
            true,
        ),
        REASON_HINT,
    ),
];
const REOPEN: &[Field] = &[
    field("on", "Date reopened", FieldKind::Date, true),
    hinted(
        field(
            "reason",
            "Why the case is reopened",
            FieldKind::LongText,
            true,
        ),
        REASON_HINT,
    ),
];
const ALLOCATE: &[Field] = &[field(
    "officer",
    "Accountable officer",
    FieldKind::OfficerChoice,
    true,
)];
const LINK: &[Field] = &[field(
    "reference",
    "The other case's reference",
    FieldKind::Reference,
    true,
)];

impl Step {
    /// Every step, in the order a user meets them.
    pub const ALL: [Step; 14] = [
        Step::Acknowledge,
        Step::Extend,
        Step::Respond,
        Step::Escalate,
        Step::Refer,
        Step::OmbudsmanDecision,
        Step::OmbudsmanComplied,
        Step::ActionAdd,
        Step::ActionDone,
        Step::Allocate,
        Step::Link,
        Step::Withdraw,
        Step::Close,
        Step::Reopen,
    ];

    /// The stable identifier, as forms and the IPC send it.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Acknowledge => "acknowledge",
            Step::Extend => "extend",
            Step::Respond => "respond",
            Step::Escalate => "escalate",
            Step::Refer => "refer",
            Step::OmbudsmanDecision => "ombudsman-decision",
            Step::OmbudsmanComplied => "ombudsman-complied",
            Step::ActionAdd => "action-add",
            Step::ActionDone => "action-done",
            Step::Withdraw => "withdraw",
            Step::Close => "close",
            Step::Reopen => "reopen",
            Step::Allocate => "allocate",
            Step::Link => "link",
        }
    }

    /// The step with this slug.
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.slug() == slug)
    }

    /// The fields of its form, in order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Step::Acknowledge => ACKNOWLEDGE,
            Step::Extend => EXTEND,
            Step::Respond => RESPOND,
            Step::Escalate => ESCALATE,
            Step::Refer => REFER,
            Step::OmbudsmanDecision => OMBUDSMAN_DECISION,
            Step::OmbudsmanComplied => OMBUDSMAN_COMPLIED,
            Step::ActionAdd => ACTION_ADD,
            Step::ActionDone => ACTION_DONE,
            Step::Withdraw => WITHDRAW,
            Step::Close => CLOSE,
            Step::Reopen => REOPEN,
            Step::Allocate => ALLOCATE,
            Step::Link => LINK,
        }
    }

    /// Its name on a button, for this case (the stage it applies to).
    pub fn label(self, case: &Case) -> String {
        let stage = case.current_stage().map_or(1, |s| s.number);
        match self {
            Step::Acknowledge => format!("Acknowledge stage {stage}"),
            Step::Extend => format!("Extend stage {stage}"),
            Step::Respond => format!("Record the stage {stage} response"),
            Step::Escalate => format!("Escalate to stage {}", stage + 1),
            Step::Refer => "Record an Ombudsman referral".to_owned(),
            Step::OmbudsmanDecision => "Record the Ombudsman's decision".to_owned(),
            Step::OmbudsmanComplied => "Record compliance with the Ombudsman".to_owned(),
            Step::ActionAdd => "Add an action".to_owned(),
            Step::ActionDone => "Mark done".to_owned(),
            Step::Withdraw => "Record withdrawal".to_owned(),
            Step::Close => "Close the case".to_owned(),
            Step::Reopen => "Reopen the case".to_owned(),
            Step::Allocate => "Allocate an officer".to_owned(),
            Step::Link => "Link another case".to_owned(),
        }
    }

    /// What the banner says once it is done.
    pub fn done(self) -> &'static str {
        match self {
            Step::Acknowledge => "Acknowledgement recorded",
            Step::Extend => "Extension recorded",
            Step::Respond => "Response recorded",
            Step::Escalate => "Escalation recorded",
            Step::Refer => "Referral recorded",
            Step::OmbudsmanDecision => "The Ombudsman's decision recorded",
            Step::OmbudsmanComplied => "Compliance recorded",
            Step::ActionAdd => "Action added",
            Step::ActionDone => "Action marked done",
            Step::Withdraw => "Withdrawal recorded",
            Step::Close => "Case closed",
            Step::Reopen => "Case reopened",
            Step::Allocate => "Officer allocated",
            Step::Link => "Cases linked",
        }
    }

    /// The question asked before a step that is hard to undo: a title, the
    /// text (where `{name}` stands for a field's value) and the button.
    pub fn confirmation(self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            Step::Escalate => Some((
                "Open the next stage?",
                "The next stage will be opened with {reviewer} as the reviewer. Check the date and the reviewer before you go on.",
                "Escalate",
            )),
            Step::Withdraw => Some((
                "Record the withdrawal?",
                "The case will stop: nothing more is due on it until it is reopened.",
                "Record withdrawal",
            )),
            Step::Close => Some((
                "Close the case?",
                "Nothing more will be due on it until it is reopened, with a reason.",
                "Close case",
            )),
            _ => None,
        }
    }

    /// Turns a filled-in form into the commands the rules apply, reading
    /// every field and reporting every problem at once. `officer` finds an
    /// officer by name; empty dates mean `today`.
    pub fn build(
        self,
        form: &StepForm,
        officer: &dyn Fn(&str) -> OfficerLookup,
        today: NaiveDate,
    ) -> Result<Vec<CaseCommand>, FormErrors> {
        let mut read = Reader::new(form, today);
        let commands = match self {
            Step::Acknowledge => vec![CaseCommand::Acknowledge { on: read.on() }],
            Step::Extend => vec![CaseCommand::Extend {
                agreed_on: read.on(),
                days: read.whole_number("days"),
                reason: read.text("reason"),
                good_reason: read.flag("good_reason"),
            }],
            Step::Respond => {
                let mut commands = vec![CaseCommand::Respond {
                    on: read.on(),
                    outcome: read.term::<Outcome>("outcome"),
                    reasons: read.text("reasons"),
                    remedies: read.remedies(),
                    learning: read.text("learning"),
                    improvements: read.text("improvements"),
                }];
                commands.extend(read.actions());
                commands
            }
            Step::Escalate => vec![CaseCommand::Escalate {
                requested_on: read.on(),
                reviewer: read.officer("reviewer", officer),
            }],
            Step::Refer => {
                let referred_on = read.on();
                match read.term::<Ombudsman>("ombudsman") {
                    Some(ombudsman) => vec![CaseCommand::Refer {
                        ombudsman,
                        referred_on,
                        their_reference: read.text("their_reference"),
                    }],
                    None => {
                        read.missing("ombudsman", "Choose the Ombudsman the complainant went to");
                        Vec::new()
                    }
                }
            }
            Step::OmbudsmanDecision => vec![CaseCommand::OmbudsmanDecision {
                decided_on: read.on(),
                decision: read.text("decision"),
                remedy: read.text("remedy"),
                comply_by: read.optional_date("comply_by"),
            }],
            Step::OmbudsmanComplied => vec![CaseCommand::OmbudsmanComplied {
                complied_on: read.on(),
            }],
            Step::ActionAdd => vec![CaseCommand::AddAction {
                description: read.text("description"),
                owner: read.text("owner"),
                due_on: read.date("due_on", "when the action is due"),
            }],
            Step::ActionDone => vec![CaseCommand::CompleteAction {
                number: read.whole_number("number"),
                done_on: read.on(),
            }],
            Step::Withdraw => vec![CaseCommand::Withdraw {
                on: read.on(),
                reason: read.text("reason"),
            }],
            Step::Close => vec![CaseCommand::Close {
                on: read.on(),
                reason: read.text("reason"),
            }],
            Step::Reopen => vec![CaseCommand::Reopen {
                on: read.on(),
                reason: read.text("reason"),
            }],
            Step::Allocate => match read.officer("officer", officer) {
                Some(officer) => vec![CaseCommand::Allocate { officer }],
                None => {
                    read.missing("officer", "Choose the officer to allocate");
                    Vec::new()
                }
            },
            Step::Link => vec![CaseCommand::Link {
                reference: read.text("reference").to_uppercase(),
            }],
        };
        read.finish(commands)
    }
}

/// One value typed into a form: text, a tick, or rows (remedies, actions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Text as typed (dates and numbers too: the core reads them).
    Text(String),
    /// A tick box.
    Flag(bool),
    /// Repeated rows of named cells.
    Rows(Vec<BTreeMap<String, String>>),
}

/// A filled-in form: each field's entry, by name. Missing fields are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepForm(pub BTreeMap<String, Entry>);

impl StepForm {
    /// Sets a text field (builder style, for the CLI).
    pub fn with(mut self, name: &str, text: impl Into<String>) -> StepForm {
        self.0.insert(name.to_owned(), Entry::Text(text.into()));
        self
    }

    /// A text field's value ("" when missing or not text).
    pub fn text(&self, name: &str) -> String {
        match self.0.get(name) {
            Some(Entry::Text(text)) => text.clone(),
            _ => String::new(),
        }
    }

    /// Sets a field to any entry.
    pub fn with_entry(mut self, name: &str, entry: Entry) -> StepForm {
        self.0.insert(name.to_owned(), entry);
        self
    }
}

/// A problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field's name (`actions[2].due_on` for a cell of a row, from 1).
    pub field: String,
    /// What is wrong and what to do, in a sentence.
    pub message: String,
}

/// Every problem found in a form; nothing was done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "))]
pub struct FormErrors(pub Vec<FormError>);

/// Reads a form's fields, noting every problem; shared by the forms of the
/// crate (steps, people).
pub(crate) struct Reader<'a> {
    form: &'a StepForm,
    errors: Vec<FormError>,
    today: NaiveDate,
}

/// What looking an officer up by name found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficerLookup {
    /// The officer.
    Found(OfficerRef),
    /// Nobody of that name.
    Unknown,
    /// An officer who has retired: not given new work.
    Retired,
}

/// Fields outside the steps' own lists that hold paragraphs.
const PARAGRAPH_FIELDS: [&str; 12] = [
    "address",
    "vulnerability",
    "adjustments",
    "description",
    "outcome_sought",
    "triage_note",
    "detail",
    "reason",
    "contact",
    "note",
    "wording",
    "decision",
];

/// Whether a field may hold line breaks: a step's paragraphs, or one of
/// the intake's and person's long fields.
fn holds_paragraphs(name: &str) -> bool {
    PARAGRAPH_FIELDS.contains(&name)
        || Step::ALL.iter().any(|step| {
            step.fields()
                .iter()
                .any(|f| f.name == name && f.kind == FieldKind::LongText)
        })
}

impl<'a> Reader<'a> {
    /// A reader of `form`, with empty step dates meaning `today`.
    pub(crate) fn new(form: &'a StepForm, today: NaiveDate) -> Reader<'a> {
        Reader {
            form,
            errors: Vec::new(),
            today,
        }
    }

    /// The value read, or every problem noted. Every text typed is checked
    /// for control characters, and one-line fields for line breaks.
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T, FormErrors> {
        for (name, entry) in &self.form.0 {
            let cells: Vec<(String, &str)> = match entry {
                Entry::Text(text) => vec![(name.clone(), text.as_str())],
                Entry::Flag(_) => Vec::new(),
                Entry::Rows(rows) => rows
                    .iter()
                    .enumerate()
                    .flat_map(|(i, row)| {
                        row.iter()
                            .map(move |(cell, text)| (format!("{name}.{i}.{cell}"), text.as_str()))
                    })
                    .collect(),
            };
            for (field, text) in cells {
                let leaf = field.rsplit('.').next().unwrap_or(&field);
                if let Some(c) = crate::text::forbidden(text, holds_paragraphs(leaf)) {
                    self.errors.push(FormError {
                        field,
                        message: crate::text::forbidden_message(c),
                    });
                }
            }
        }
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(FormErrors(self.errors))
        }
    }

    pub(crate) fn raw(&self, name: &str) -> &str {
        match self.form.0.get(name) {
            Some(Entry::Text(text)) => text.trim(),
            _ => "",
        }
    }

    pub(crate) fn missing(&mut self, field: &str, message: &str) {
        self.errors.push(FormError {
            field: field.to_owned(),
            message: message.to_owned(),
        });
    }

    pub(crate) fn bad(&mut self, field: String, message: String) {
        self.errors.push(FormError { field, message });
    }

    pub(crate) fn text(&self, name: &str) -> String {
        self.raw(name).to_owned()
    }

    pub(crate) fn flag(&self, name: &str) -> bool {
        match self.form.0.get(name) {
            Some(Entry::Flag(flag)) => *flag,
            Some(Entry::Text(text)) => matches!(text.trim(), "true" | "yes" | "on"),
            _ => false,
        }
    }

    /// The step's own date: today when left empty.
    pub(crate) fn on(&mut self) -> NaiveDate {
        match self.raw("on") {
            "" => self.today,
            text => {
                let text = text.to_owned();
                self.read_date("on".to_owned(), &text).unwrap_or(self.today)
            }
        }
    }

    pub(crate) fn read_date(&mut self, field: String, text: &str) -> Option<NaiveDate> {
        match parse_date(text) {
            Ok(date) => Some(date),
            Err(err) => {
                self.bad(field, capitalised(&err.to_string()));
                None
            }
        }
    }

    /// A date that may be left empty.
    pub(crate) fn optional_date(&mut self, name: &str) -> Option<NaiveDate> {
        match self.raw(name) {
            "" => None,
            text => {
                let text = text.to_owned();
                self.read_date(name.to_owned(), &text)
            }
        }
    }

    pub(crate) fn date(&mut self, name: &str, what: &str) -> NaiveDate {
        match self.raw(name) {
            "" => {
                self.bad(name.to_owned(), format!("Enter {what}"));
                self.today
            }
            text => {
                let text = text.to_owned();
                self.read_date(name.to_owned(), &text).unwrap_or(self.today)
            }
        }
    }

    fn whole_number(&mut self, name: &str) -> u32 {
        match self.raw(name).parse() {
            Ok(number) => number,
            Err(_) => {
                self.bad(
                    name.to_owned(),
                    "Enter a whole number, such as 5".to_owned(),
                );
                0
            }
        }
    }

    pub(crate) fn term<T: FromStr<Err = super::UnknownTerm>>(&mut self, name: &str) -> Option<T> {
        match self.raw(name) {
            "" => None,
            text => match text.parse() {
                Ok(term) => Some(term),
                Err(err) => {
                    self.bad(name.to_owned(), capitalised(&err.to_string()));
                    None
                }
            },
        }
    }

    fn officer(&mut self, name: &str, find: &dyn Fn(&str) -> OfficerLookup) -> Option<OfficerRef> {
        let text = self.raw(name).to_owned();
        if text.is_empty() {
            return None;
        }
        match find(&text) {
            OfficerLookup::Found(officer) => Some(officer),
            OfficerLookup::Unknown => {
                self.bad(
                    name.to_owned(),
                    format!("No officer is called '{text}': choose one from the list, or add them in Settings"),
                );
                None
            }
            OfficerLookup::Retired => {
                self.bad(
                    name.to_owned(),
                    format!(
                        "{text} has retired, so cannot be given new work: choose another officer"
                    ),
                );
                None
            }
        }
    }

    fn rows(&self, name: &str) -> Vec<BTreeMap<String, String>> {
        match self.form.0.get(name) {
            Some(Entry::Rows(rows)) => rows.clone(),
            _ => Vec::new(),
        }
    }

    fn remedies(&mut self) -> Vec<Remedy> {
        let mut remedies = Vec::new();
        for (index, row) in self.rows("remedies").into_iter().enumerate() {
            let cell = |key: &str| row.get(key).map_or("", |v| v.trim()).to_owned();
            let kind = match cell("kind").parse::<RemedyKind>() {
                Ok(kind) => kind,
                Err(err) => {
                    self.bad(
                        format!("remedies[{}].kind", index + 1),
                        capitalised(&err.to_string()),
                    );
                    continue;
                }
            };
            let amount = cell("amount");
            let amount_pence = if kind == RemedyKind::Financial && !amount.is_empty() {
                match crate::money::parse_pounds(&amount) {
                    Ok(pence) => Some(pence),
                    Err(err) => {
                        self.bad("amount".to_owned(), capitalised(&err.to_string()));
                        None
                    }
                }
            } else {
                None
            };
            remedies.push(Remedy {
                kind,
                detail: cell("detail"),
                amount_pence,
            });
        }
        remedies
    }

    /// The actions promised; wholly blank rows are not actions.
    fn actions(&mut self) -> Vec<CaseCommand> {
        let mut commands = Vec::new();
        for (index, row) in self.rows("actions").into_iter().enumerate() {
            let cell = |key: &str| row.get(key).map_or("", |v| v.trim()).to_owned();
            let (description, owner, due) = (cell("description"), cell("owner"), cell("due_on"));
            if description.is_empty() && owner.is_empty() && due.is_empty() {
                continue;
            }
            let field = format!("actions[{}].due_on", index + 1);
            let due_on = if due.is_empty() {
                self.bad(field, "Enter when the action is due".to_owned());
                None
            } else {
                self.read_date(field, &due)
            };
            if let Some(due_on) = due_on {
                commands.push(CaseCommand::AddAction {
                    description,
                    owner,
                    due_on,
                });
            }
        }
        commands
    }
}

pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Case {
    /// The steps the rules allow now, in the order a user would take them.
    pub fn available_steps(&self, policy: &Policy) -> Vec<Step> {
        let mut steps = Vec::new();
        if !self.is_open() {
            steps.push(Step::Reopen);
            steps.extend(self.ombudsman_step());
            return steps;
        }
        if let Some(stage) = self.current_stage() {
            let acknowledges = stage.timescales.acknowledges();
            if acknowledges && stage.acknowledged_on.is_none() {
                steps.push(Step::Acknowledge);
            }
            if stage.responded_on.is_none() {
                steps.push(Step::Extend);
                if (stage.acknowledged_on.is_some() || !acknowledges) && stage.handler.is_some() {
                    steps.push(Step::Respond);
                }
            } else if policy.stage(stage.number + 1).is_some() {
                steps.push(Step::Escalate);
            }
        }
        steps.extend(self.ombudsman_step());
        steps.push(Step::ActionAdd);
        if self.actions.iter().any(|a| a.done_on.is_none()) {
            steps.push(Step::ActionDone);
        }
        steps.extend([Step::Allocate, Step::Link, Step::Withdraw, Step::Close]);
        steps
    }

    /// The Ombudsman step that applies, if any. The Ombudsman expects the
    /// council's own stages first: a referral is offered once the council
    /// has answered, or has told the person a matter is outside the
    /// procedure.
    fn ombudsman_step(&self) -> Option<Step> {
        let answered = self.stages.iter().any(|s| s.responded_on.is_some())
            || matches!(self.triage, Triage::Excluded { .. });
        match &self.referral {
            None if answered => Some(Step::Refer),
            None => None,
            Some(r) if r.decided_on.is_none() => Some(Step::OmbudsmanDecision),
            Some(r) if r.complied_on.is_none() => Some(Step::OmbudsmanComplied),
            Some(_) => None,
        }
    }

    /// The step that comes next in the procedure, which the front ends show
    /// first: acknowledge, then respond (or allocate someone who can), then
    /// escalate or close; reopen for a closed case.
    pub fn next_step(&self, policy: &Policy) -> Option<Step> {
        let available = self.available_steps(policy);
        let preferred = [
            Step::OmbudsmanDecision,
            Step::OmbudsmanComplied,
            Step::Reopen,
            Step::Acknowledge,
            Step::Respond,
            Step::ActionDone,
        ];
        if let Some(step) = preferred.into_iter().find(|s| available.contains(s)) {
            return Some(step);
        }
        match self.current_stage() {
            Some(stage) if stage.responded_on.is_none() => Some(Step::Allocate),
            _ => Some(Step::Close).filter(|s| available.contains(s)),
        }
    }

    /// Whether this officer may review the next stage: not a handler of an
    /// earlier stage, not from the service complained about.
    pub fn check_reviewer(&self, reviewer: &OfficerRef) -> Result<(), RuleError> {
        if let Some(earlier) = self
            .stages
            .iter()
            .find(|s| s.handler.as_ref().is_some_and(|h| h.id == reviewer.id))
        {
            return Err(RuleError::ReviewerHandledEarlierStage {
                reviewer: reviewer.name.clone(),
                stage: earlier.number,
            });
        }
        if reviewer.service_area_id == Some(self.service_area.id) {
            return Err(RuleError::ReviewerFromService {
                reviewer: reviewer.name.clone(),
                service_area: self.service_area.name.clone(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_required_field_is_named_in_govuk_words() {
        let message = |name: &str, step: Step| {
            step.fields()
                .iter()
                .find(|f| f.name == name)
                .map(Field::missing_message)
                .unwrap_or_default()
        };
        assert_eq!(
            message("on", Step::Extend),
            "Enter the date the extension was agreed"
        );
        assert_eq!(
            message("days", Step::Extend),
            "Enter the number of extra working days"
        );
        assert_eq!(message("outcome", Step::Respond), "Choose the outcome");
        assert_eq!(message("reviewer", Step::Escalate), "Choose a reviewer");
        assert_eq!(message("ombudsman", Step::Refer), "Choose the Ombudsman");
        assert_eq!(
            message("reasons", Step::Respond),
            "Enter the reasons for the decision"
        );
        assert_eq!(
            message("due_on", Step::ActionAdd),
            "Enter the date for ‘Due by’"
        );
        assert_eq!(
            message("description", Step::ActionAdd),
            "Enter what will be done"
        );
        for step in Step::ALL {
            for field in step.fields() {
                let message = field.missing_message();
                assert!(
                    message.starts_with("Enter ") || message.starts_with("Choose "),
                    "{}: {message}",
                    field.name
                );
            }
        }
    }
    use crate::calendar::{Calendar, Nation};
    use crate::case::Named;
    use crate::case::{CaseId, Complainant, NewCase, Record, RuleContext};
    use crate::people::PersonId;

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    fn officer(id: i64, area: i64) -> OfficerRef {
        OfficerRef {
            id,
            name: format!("Officer {id}"),
            service_area_id: Some(area),
        }
    }

    fn find(name: &str) -> OfficerLookup {
        (1..=3)
            .map(|id| officer(id, 8 + id))
            .find(|o| o.name == name)
            .map_or(OfficerLookup::Unknown, OfficerLookup::Found)
    }

    /// A filled-in, sensible form for each step.
    fn sample(step: Step) -> StepForm {
        let form = StepForm::default().with("on", "2026-11-24");
        match step {
            Step::Extend => form
                .with("days", "5")
                .with("reason", "Waiting for the contractor"),
            Step::Respond => form
                .with("outcome", "not-upheld")
                .with("reasons", "The logs show the bins were collected"),
            Step::Escalate => form.with("reviewer", "Officer 3"),
            Step::Refer => form.with("ombudsman", "lgsco"),
            Step::OmbudsmanDecision => form.with("decision", "No fault"),
            Step::ActionAdd => form
                .with("description", "Train the crew")
                .with("owner", "Officer 1")
                .with("due_on", "2026-12-01"),
            Step::ActionDone => form.with("number", "1"),
            Step::Withdraw | Step::Close | Step::Reopen => form.with("reason", "As agreed"),
            Step::Allocate => StepForm::default().with("officer", "Officer 2"),
            Step::Link => StepForm::default().with("reference", "CMP-2026-00099"),
            Step::Acknowledge | Step::OmbudsmanComplied => form,
        }
    }

    fn states() -> Vec<Case> {
        let policy = Policy::complaint_handling_code();
        let calendar = Calendar::new(Nation::EnglandAndWales);
        let ctx = RuleContext {
            country: None,
            policy: &policy,
            calendar: &calendar,
            today: d("2026-11-24"),
            record: Record::Live,
        };
        let intake = |triage: Triage| NewCase {
            received_on: d("2026-10-01"),
            channel: crate::case::Channel::Email,
            complainant: Complainant {
                name: "Jane".to_owned(),
                ..Complainant::default()
            },
            representative: None,
            service_area: "Waste".to_owned(),
            category: None,
            summary: "Bins".to_owned(),
            description: String::new(),
            outcome_sought: String::new(),
            triage,
            officer: None,
            person: None,
            repeat_of: None,
        };
        let open = |triage: Triage, officer: Option<OfficerRef>| {
            Case::open(
                CaseId(uuid::Uuid::nil()),
                "CMP-2026-00001".to_owned(),
                intake(triage),
                PersonId(uuid::Uuid::nil()),
                Named {
                    id: 9,
                    name: "Waste".to_owned(),
                },
                None,
                officer,
                ctx,
            )
            .expect("intake")
            .0
        };
        let mut cases = vec![
            open(Triage::Complaint, None),
            open(Triage::Complaint, Some(officer(1, 9))),
            open(
                Triage::ServiceRequest {
                    note: "Passed on".to_owned(),
                },
                None,
            ),
        ];
        let steps: [&[(Step, StepForm)]; 5] = [
            &[(
                Step::Acknowledge,
                sample(Step::Acknowledge).with("on", "2026-10-02"),
            )],
            &[(
                Step::Respond,
                sample(Step::Respond).with("on", "2026-10-10"),
            )],
            &[(Step::ActionAdd, sample(Step::ActionAdd))],
            &[(
                Step::Escalate,
                sample(Step::Escalate).with("on", "2026-10-20"),
            )],
            &[(Step::Close, sample(Step::Close))],
        ];
        let mut case = cases[1].clone();
        for taken in steps {
            for (step, form) in taken {
                for command in step.build(form, &find, ctx.today).expect("form") {
                    case.apply(command, ctx).expect("step");
                }
            }
            cases.push(case.clone());
        }
        cases
    }

    #[test]
    fn the_steps_offered_are_exactly_those_the_rules_accept() {
        let policy = Policy::complaint_handling_code();
        let calendar = Calendar::new(Nation::EnglandAndWales);
        let ctx = RuleContext {
            country: None,
            policy: &policy,
            calendar: &calendar,
            today: d("2026-11-24"),
            record: Record::Live,
        };
        for case in states() {
            let offered = case.available_steps(&policy);
            for step in Step::ALL {
                let commands = step.build(&sample(step), &find, ctx.today).expect("form");
                let mut copy = case.clone();
                let accepted = commands
                    .into_iter()
                    .all(|command| copy.apply(command, ctx).is_ok());
                assert_eq!(
                    offered.contains(&step),
                    accepted,
                    "{} on a case at {:?} / {}",
                    step.slug(),
                    case.current_stage()
                        .map(|s| (s.number, s.acknowledged_on, s.responded_on)),
                    case.status.slug()
                );
            }
            if let Some(next) = case.next_step(&policy) {
                assert!(offered.contains(&next), "{} is offered", next.slug());
            }
        }
    }

    #[test]
    fn a_form_reports_every_problem_at_once() {
        let form = StepForm::default()
            .with("on", "31/02/2026")
            .with("days", "five");
        let err = Step::Extend
            .build(&form, &find, d("2026-11-24"))
            .unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["on", "days"]);
        let err = Step::Respond
            .build(
                &StepForm::default().with_entry(
                    "actions",
                    Entry::Rows(vec![
                        BTreeMap::new(),
                        BTreeMap::from([("description".to_owned(), "Train".to_owned())]),
                    ]),
                ),
                &find,
                d("2026-11-24"),
            )
            .unwrap_err();
        assert_eq!(
            err.0[0].field, "actions[2].due_on",
            "blank rows are skipped"
        );
    }

    #[test]
    fn every_slug_reads_back() {
        for step in Step::ALL {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
    }
}
