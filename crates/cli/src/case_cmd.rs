//! `redress case ...`: recording complaints and taking them through the
//! procedure, one core call per command.

use std::io::Write;

use std::collections::BTreeMap;

use clap::{Args, Subcommand};

use redress::case::{Case, Entry, Step, StepForm, Urgency};
use redress::dates;
use redress_app::Service;
use redress_app::{CaseQuery, StateFilter};

use crate::context::GlobalArgs;
use crate::error::CliError;
use crate::show;

/// Casework commands.
#[derive(Debug, Subcommand)]
pub enum CaseCommandArgs {
    /// Record a new complaint, service request or excluded matter.
    New(Box<NewCaseArgs>),
    /// Acknowledge the current stage.
    Ack {
        /// The case reference.
        reference: String,
        /// When it was acknowledged (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Agree an extension of the current stage's response date.
    Extend {
        /// The case reference.
        reference: String,
        /// Working days to add.
        #[arg(long, value_parser = crate::context::whole_number::<u32>)]
        days: u32,
        /// Why, as explained to the complainant.
        #[arg(long)]
        reason: String,
        /// Record the reason as a good reason to pass the policy's limit.
        #[arg(long)]
        good_reason: bool,
        /// When it was agreed (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Record the current stage's response.
    Respond(RespondArgs),
    /// Escalate to the next stage, with an independent reviewer.
    Escalate {
        /// The case reference.
        reference: String,
        /// The reviewing officer's name.
        #[arg(long)]
        reviewer: String,
        /// When the escalation request was received (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Record a referral to the Ombudsman, or its decision and compliance.
    Refer(ReferArgs),
    /// Outstanding actions.
    #[command(subcommand)]
    Action(ActionArgs),
    /// Allocate an accountable officer.
    Allocate {
        /// The case reference.
        reference: String,
        /// The officer's name.
        #[arg(long)]
        officer: String,
    },
    /// Link another case to this one.
    Link {
        /// The case reference.
        reference: String,
        /// The other case's reference.
        other: String,
    },
    /// Record that the complainant withdrew.
    Withdraw(StatusArgs),
    /// Close the case.
    Close(StatusArgs),
    /// Reopen a closed or withdrawn case.
    Reopen(StatusArgs),
    /// Show a case, its deadlines and next step.
    Show {
        /// The case reference.
        reference: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List cases, soonest deadline first.
    List(ListArgs),
    /// Find cases by words in their reference, names, summary, text or notes.
    Search {
        /// The words to find.
        text: String,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show a case's audit trail.
    History {
        /// The case reference.
        reference: String,
    },
    /// Add a file to a case's file, as received (or sent).
    Attach(crate::file_cmd::AttachArgs),
    /// List a case's documents (letters among them), oldest first.
    Documents {
        /// The case reference.
        reference: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Save a copy of one of a case's documents.
    Document(crate::file_cmd::DocumentArgs),
    /// Remove a document from a case's file, saying why.
    #[command(name = "remove-document")]
    RemoveDocument(crate::file_cmd::RemoveArgs),
    /// Add a case note.
    Note(crate::file_cmd::NoteArgs),
    /// Record a contact with the complainant: a call, meeting, email,
    /// letter or visit.
    Contact(crate::file_cmd::ContactArgs),
    /// Write the case file for the Ombudsman as one PDF.
    Bundle(crate::file_cmd::BundleArgs),
}

/// A new case.
#[derive(Debug, Args)]
pub struct NewCaseArgs {
    /// When it was received.
    #[arg(long, value_name = "DATE")]
    received: String,
    /// How it reached the council.
    #[arg(long, default_value = "email", value_parser = crate::words::of::<redress::case::Channel>())]
    channel: String,
    /// The complainant's name.
    #[arg(long, default_value = "", hide_default_value = true)]
    name: String,
    /// Their address.
    #[arg(long, default_value = "", hide_default_value = true)]
    address: String,
    /// Their postcode.
    #[arg(long, default_value = "", hide_default_value = true)]
    postcode: String,
    /// Their email.
    #[arg(long, default_value = "", hide_default_value = true)]
    email: String,
    /// Their phone.
    #[arg(long, default_value = "", hide_default_value = true)]
    phone: String,
    /// How they prefer to be contacted.
    #[arg(long, value_parser = crate::words::of::<redress::case::ContactMethod>())]
    preferred_contact: Option<String>,
    /// The language they want letters in.
    #[arg(long, value_parser = crate::words::of::<redress::case::Language>())]
    language: Option<String>,
    /// They asked not to be named.
    #[arg(long)]
    anonymous: bool,
    /// Any vulnerability.
    #[arg(long, default_value = "", hide_default_value = true)]
    vulnerability: String,
    /// Reasonable adjustments they need.
    #[arg(long, default_value = "", hide_default_value = true)]
    adjustments: String,
    /// A representative's name.
    #[arg(long)]
    rep_name: Option<String>,
    /// Who the representative is to them.
    #[arg(long, default_value = "", hide_default_value = true)]
    rep_relationship: String,
    /// When consent for the representative was received.
    #[arg(long, value_name = "DATE")]
    rep_consent: Option<String>,
    /// The service complained about.
    #[arg(long)]
    service_area: String,
    /// The category within the service.
    #[arg(long)]
    category: Option<String>,
    /// One line saying what it is about.
    #[arg(long)]
    summary: String,
    /// The complaint in the person's words.
    #[arg(long, default_value = "", hide_default_value = true)]
    description: String,
    /// What they want to happen.
    #[arg(long, default_value = "", hide_default_value = true)]
    outcome_sought: String,
    /// Whether it is a complaint.
    #[arg(long, default_value = "complaint", value_parser = crate::words::of::<redress::case::Triage>())]
    triage: String,
    /// For an excluded matter, the reason.
    #[arg(long, value_parser = crate::words::of::<redress::case::ExclusionReason>())]
    exclusion_reason: Option<String>,
    /// For an excluded matter: what the person was told.
    #[arg(long, default_value = "", hide_default_value = true)]
    triage_note: String,
    /// The accountable officer.
    #[arg(long)]
    officer: Option<String>,
    /// The person complaining, by id (default: the person with the same
    /// email, else a new person).
    #[arg(long, value_name = "ID")]
    person: Option<String>,
    /// An earlier case this repeats: the new case is linked to it.
    #[arg(long, value_name = "REF")]
    repeat_of: Option<String>,
    /// Print the new case as JSON.
    #[arg(long)]
    json: bool,
}

/// A stage response.
#[derive(Debug, Args)]
pub struct RespondArgs {
    /// The case reference.
    reference: String,
    /// The decision.
    #[arg(long, value_parser = crate::words::of::<redress::case::Outcome>())]
    outcome: Option<String>,
    /// The reasons for the decision.
    #[arg(long, default_value = "", hide_default_value = true)]
    reasons: String,
    /// A remedy, as KIND or KIND=DETAIL (repeatable).
    #[arg(long = "remedy", value_name = "KIND[=DETAIL]", value_parser = crate::words::of::<redress::case::RemedyKind>())]
    remedies: Vec<String>,
    /// The amount of a financial remedy, in pounds (such as 50 or £75.50).
    #[arg(long)]
    amount: Option<String>,
    /// What was learned.
    #[arg(long, default_value = "", hide_default_value = true)]
    learning: String,
    /// Service improvements made.
    #[arg(long, default_value = "", hide_default_value = true)]
    improvements: String,
    /// When the response was sent (default: today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

/// An Ombudsman step.
#[derive(Debug, Args)]
pub struct ReferArgs {
    /// The case reference.
    reference: String,
    /// Which Ombudsman (for a new referral).
    #[arg(long, value_parser = crate::words::of::<redress::case::Ombudsman>())]
    ombudsman: Option<String>,
    /// The Ombudsman's reference.
    #[arg(long, default_value = "", hide_default_value = true)]
    their_reference: String,
    /// Record the Ombudsman's decision instead.
    #[arg(long)]
    decision: Option<String>,
    /// The remedy the Ombudsman asked for, with --decision.
    #[arg(long, default_value = "", hide_default_value = true)]
    remedy: String,
    /// The date the Ombudsman set for the council to comply, with --decision:
    /// a deadline with reminders until --complied is recorded.
    #[arg(
        long,
        value_name = "DATE",
        default_value = "",
        hide_default_value = true
    )]
    comply_by: String,
    /// Record that the council complied with the remedy.
    #[arg(long)]
    complied: bool,
    /// When (default: today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

/// Outstanding actions.
#[derive(Debug, Subcommand)]
pub enum ActionArgs {
    /// Add an action.
    Add {
        /// The case reference.
        reference: String,
        /// What will be done.
        #[arg(long)]
        what: String,
        /// Who owns it.
        #[arg(long)]
        owner: String,
        /// When it is due.
        #[arg(long, value_name = "DATE")]
        due: String,
    },
    /// Mark an action done.
    Done {
        /// The case reference.
        reference: String,
        /// The action's number.
        #[arg(value_parser = crate::context::whole_number::<u32>)]
        number: u32,
        /// When it was done (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

/// Withdraw, close or reopen.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The case reference.
    reference: String,
    /// Why.
    #[arg(long, default_value = "", hide_default_value = true)]
    reason: String,
    /// When (default: today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

/// Filters for lists.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only open cases.
    #[arg(long)]
    open: bool,
    /// Only closed cases.
    #[arg(long, conflicts_with = "open")]
    closed: bool,
    /// Only cases whose next deadline has passed.
    #[arg(long)]
    overdue: bool,
    /// Only cases due within N working days.
    #[arg(long, value_name = "N", value_parser = crate::context::bounded::<{ redress::calendar::MAX_WORKING_DAYS as u64 }>)]
    due_within: Option<u64>,
    /// Only cases at this stage.
    #[arg(long, value_parser = crate::context::whole_number::<usize>)]
    stage: Option<usize>,
    /// Only this service area.
    #[arg(long)]
    service_area: Option<String>,
    /// Only the cases this officer is accountable for, or handles or
    /// reviews at their current stage.
    #[arg(long)]
    officer: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs a `case` command.
pub fn run(
    command: CaseCommandArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    let today = service.today();
    // Every step is read by the core's step vocabulary, as the desktop's are.
    let step = |service: &mut Service,
                reference: &str,
                kind: Step,
                form: StepForm|
     -> Result<(Case, Option<Step>), CliError> {
        Ok((service.take_step(reference, kind, &form)?, Some(kind)))
    };
    let status_step = |service: &mut Service, kind: Step, args: StatusArgs| {
        step(
            service,
            &args.reference,
            kind,
            StepForm::default()
                .with("on", args.on.unwrap_or_default())
                .with("reason", args.reason),
        )
    };
    let (case, done) = match command {
        CaseCommandArgs::New(args) => {
            let json = args.json;
            let recorded = service.record(&intake_form(*args))?;
            let case = recorded.case;
            if json {
                return show::case_json(&service, &case, today, Some(&recorded.person), out);
            }
            writeln!(
                out,
                "Recorded {} {}",
                case.triage.label().to_lowercase(),
                case.reference
            )?;
            (case, None)
        }
        CaseCommandArgs::Ack { reference, on } => step(
            &mut service,
            &reference,
            Step::Acknowledge,
            StepForm::default().with("on", on.unwrap_or_default()),
        )?,
        CaseCommandArgs::Extend {
            reference,
            days,
            reason,
            good_reason,
            on,
        } => step(
            &mut service,
            &reference,
            Step::Extend,
            StepForm::default()
                .with("on", on.unwrap_or_default())
                .with("days", days.to_string())
                .with("reason", reason)
                .with_entry("good_reason", Entry::Flag(good_reason)),
        )?,
        CaseCommandArgs::Respond(args) => {
            if args.amount.is_some() && !args.remedies.iter().any(|r| r.starts_with("financial")) {
                return Err(CliError::Missing("--amount goes with --remedy financial"));
            }
            let remedies = args
                .remedies
                .iter()
                .map(|text| {
                    let (kind, detail) = text.split_once('=').unwrap_or((text, ""));
                    BTreeMap::from([
                        ("kind".to_owned(), kind.to_owned()),
                        ("detail".to_owned(), detail.to_owned()),
                        ("amount".to_owned(), args.amount.clone().unwrap_or_default()),
                    ])
                })
                .collect();
            step(
                &mut service,
                &args.reference,
                Step::Respond,
                StepForm::default()
                    .with("on", args.on.unwrap_or_default())
                    .with("outcome", args.outcome.unwrap_or_default())
                    .with("reasons", args.reasons)
                    .with_entry("remedies", Entry::Rows(remedies))
                    .with("learning", args.learning)
                    .with("improvements", args.improvements),
            )?
        }
        CaseCommandArgs::Escalate {
            reference,
            reviewer,
            on,
        } => step(
            &mut service,
            &reference,
            Step::Escalate,
            StepForm::default()
                .with("on", on.unwrap_or_default())
                .with("reviewer", reviewer),
        )?,
        CaseCommandArgs::Refer(args) => {
            let form = StepForm::default().with("on", args.on.unwrap_or_default());
            let (kind, form) = if args.complied {
                (Step::OmbudsmanComplied, form)
            } else if let Some(decision) = args.decision {
                (
                    Step::OmbudsmanDecision,
                    form.with("decision", decision)
                        .with("remedy", args.remedy)
                        .with("comply_by", args.comply_by),
                )
            } else {
                (
                    Step::Refer,
                    form.with("ombudsman", args.ombudsman.unwrap_or_default())
                        .with("their_reference", args.their_reference),
                )
            };
            step(&mut service, &args.reference, kind, form)?
        }
        CaseCommandArgs::Action(ActionArgs::Add {
            reference,
            what,
            owner,
            due,
        }) => step(
            &mut service,
            &reference,
            Step::ActionAdd,
            StepForm::default()
                .with("description", what)
                .with("owner", owner)
                .with("due_on", due),
        )?,
        CaseCommandArgs::Action(ActionArgs::Done {
            reference,
            number,
            on,
        }) => step(
            &mut service,
            &reference,
            Step::ActionDone,
            StepForm::default()
                .with("number", number.to_string())
                .with("on", on.unwrap_or_default()),
        )?,
        CaseCommandArgs::Allocate { reference, officer } => step(
            &mut service,
            &reference,
            Step::Allocate,
            StepForm::default().with("officer", officer),
        )?,
        CaseCommandArgs::Link { reference, other } => step(
            &mut service,
            &reference,
            Step::Link,
            StepForm::default().with("reference", other),
        )?,
        CaseCommandArgs::Withdraw(args) => status_step(&mut service, Step::Withdraw, args)?,
        CaseCommandArgs::Close(args) => status_step(&mut service, Step::Close, args)?,
        CaseCommandArgs::Reopen(args) => status_step(&mut service, Step::Reopen, args)?,
        CaseCommandArgs::Show { reference, json } => {
            let case = service.case(&reference)?;
            if json {
                return show::case_json(&service, &case, today, None, out);
            }
            return show::case_text(&service, &case, today, out);
        }
        CaseCommandArgs::List(args) => return list(&service, None, &args, out),
        CaseCommandArgs::Search { text, list: args } => {
            return list(&service, Some(text), &args, out)
        }
        CaseCommandArgs::History { reference } => return show::history(&service, &reference, out),
        CaseCommandArgs::Attach(args) => return crate::file_cmd::attach(&mut service, args, out),
        CaseCommandArgs::Documents { reference, json } => {
            return crate::file_cmd::documents(&service, &reference, json, out)
        }
        CaseCommandArgs::Document(args) => return crate::file_cmd::document(&service, args, out),
        CaseCommandArgs::RemoveDocument(args) => {
            return crate::file_cmd::remove(&mut service, args, out)
        }
        CaseCommandArgs::Note(args) => return crate::file_cmd::note(&mut service, args, out),
        CaseCommandArgs::Contact(args) => return crate::file_cmd::contact(&mut service, args, out),
        CaseCommandArgs::Bundle(args) => return crate::file_cmd::bundle(&service, args, out),
    };
    // Say what was done, then what comes next.
    if let Some(step) = done {
        writeln!(out, "{}: {}.", step.done(), case.reference)?;
    }
    show::next_step(service.settings(), &case, today, out)
}

/// The intake form as the options filled it in; the core reads it.
fn intake_form(args: NewCaseArgs) -> StepForm {
    StepForm::default()
        .with("received_on", args.received)
        .with("channel", args.channel)
        .with("name", args.name)
        .with("address", args.address)
        .with("postcode", args.postcode)
        .with("email", args.email)
        .with("phone", args.phone)
        .with(
            "preferred_contact",
            args.preferred_contact.unwrap_or_default(),
        )
        .with("language", args.language.unwrap_or_default())
        .with_entry("anonymous", Entry::Flag(args.anonymous))
        .with("vulnerability", args.vulnerability)
        .with("adjustments", args.adjustments)
        .with("rep_name", args.rep_name.unwrap_or_default())
        .with("rep_relationship", args.rep_relationship)
        .with("rep_consent_on", args.rep_consent.unwrap_or_default())
        .with("service_area", args.service_area)
        .with("category", args.category.unwrap_or_default())
        .with("summary", args.summary)
        .with("description", args.description)
        .with("outcome_sought", args.outcome_sought)
        .with("triage", args.triage)
        .with(
            "exclusion_reason",
            args.exclusion_reason.unwrap_or_default(),
        )
        .with("triage_note", args.triage_note)
        .with("officer", args.officer.unwrap_or_default())
        .with("person", args.person.unwrap_or_default())
        .with("repeat_of", args.repeat_of.unwrap_or_default())
}

fn list(
    service: &Service,
    text: Option<String>,
    args: &ListArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let today = service.today();
    let calendar = service.calendar();
    let query = CaseQuery {
        text,
        stage: args.stage,
        state: if args.open {
            StateFilter::Open
        } else if args.closed {
            StateFilter::Closed
        } else {
            StateFilter::All
        },
        service_area: args.service_area.clone(),
        officer: args.officer.clone(),
        overdue: args.overdue,
        due_within: args.due_within.and_then(|d| u32::try_from(d).ok()),
        ..CaseQuery::default()
    };
    let rows = service.search(&query)?;
    if args.json {
        let values: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| {
                serde_json::json!({
                    "reference": row.reference,
                    "received_on": row.received_on.to_string(),
                    "complainant": row.complainant,
                    "summary": row.summary,
                    "service_area": row.service_area,
                    "officer": row.officer,
                    "triage": row.triage,
                    "stage": row.stage,
                    "status": row.status,
                    "next_due_on": row.next_due.map(|d| d.on.to_string()),
                    "next_due": row.next_due.map(|d| d.what.slug()),
                    "urgency": row.next_due.map(|d| Urgency::of(d.on, today, calendar).slug()),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(values))?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "No cases match.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<16} {:<13} {:<26} {:<22} SUMMARY",
        "REFERENCE", "RECEIVED", "NEXT DEADLINE", "COMPLAINANT"
    )?;
    for row in &rows {
        let due = match row.next_due.map(|d| d.on) {
            Some(on) => format!(
                "{} {}",
                dates::short(on),
                marker(Urgency::of(on, today, calendar))
            ),
            None => row.status.clone(),
        };
        writeln!(
            out,
            "{:<16} {:<13} {:<26} {:<22} {}",
            row.reference,
            dates::short(row.received_on),
            due,
            truncate(&redress::text::one_line(&row.complainant), 22),
            redress::text::one_line(&row.summary)
        )?;
    }
    writeln!(
        out,
        "{}",
        redress::words::count(rows.len() as u64, "case", "cases")
    )?;
    Ok(())
}

fn marker(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "OVERDUE",
        Urgency::DueToday => "TODAY",
        Urgency::DueSoon => "soon",
        Urgency::OnTrack => "",
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}
