//! `redress case ...`: recording complaints and taking them through the
//! procedure, one core call per command.

use std::io::Write;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use redress::case::{
    Case, CaseCommand, Channel, Complainant, ContactMethod, ExclusionReason, NewCase, Ombudsman,
    Outcome, Remedy, RemedyKind, Representative, Triage, Urgency,
};
use redress::dates;
use redress::store::{CaseQuery, StateFilter, Store};

use crate::context::GlobalArgs;
use crate::error::CliError;
use crate::show;
use redress::dates::parse_date;

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
        #[arg(long)]
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
}

/// A new case.
#[derive(Debug, Args)]
pub struct NewCaseArgs {
    /// When it was received.
    #[arg(long, value_name = "DATE")]
    received: String,
    /// How: online, email, letter, phone, in-person, representative.
    #[arg(long, default_value = "email")]
    channel: String,
    /// The complainant's name.
    #[arg(long, default_value = "")]
    name: String,
    /// Their address.
    #[arg(long, default_value = "")]
    address: String,
    /// Their postcode.
    #[arg(long, default_value = "")]
    postcode: String,
    /// Their email.
    #[arg(long, default_value = "")]
    email: String,
    /// Their phone.
    #[arg(long, default_value = "")]
    phone: String,
    /// How they prefer to be contacted: email, phone or letter.
    #[arg(long)]
    preferred_contact: Option<String>,
    /// They asked not to be named.
    #[arg(long)]
    anonymous: bool,
    /// Any vulnerability.
    #[arg(long, default_value = "")]
    vulnerability: String,
    /// Reasonable adjustments they need.
    #[arg(long, default_value = "")]
    adjustments: String,
    /// A representative's name.
    #[arg(long)]
    rep_name: Option<String>,
    /// Who the representative is to them.
    #[arg(long, default_value = "")]
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
    #[arg(long, default_value = "")]
    description: String,
    /// What they want to happen.
    #[arg(long, default_value = "")]
    outcome_sought: String,
    /// complaint, service-request or excluded.
    #[arg(long, default_value = "complaint")]
    triage: String,
    /// For an excluded matter: the reason (see `DOMAIN.md`).
    #[arg(long)]
    exclusion_reason: Option<String>,
    /// For an excluded matter: what the person was told.
    #[arg(long, default_value = "")]
    triage_note: String,
    /// The accountable officer.
    #[arg(long)]
    officer: Option<String>,
    /// Print the new case as JSON.
    #[arg(long)]
    json: bool,
}

/// A stage response.
#[derive(Debug, Args)]
pub struct RespondArgs {
    /// The case reference.
    reference: String,
    /// upheld, partly-upheld or not-upheld.
    #[arg(long)]
    outcome: Option<String>,
    /// The reasons for the decision.
    #[arg(long, default_value = "")]
    reasons: String,
    /// A remedy, as KIND or KIND=DETAIL (repeatable): apology, acknowledgement,
    /// explanation, action-on-delay, reconsideration, amend-record, financial,
    /// policy-change.
    #[arg(long = "remedy", value_name = "KIND[=DETAIL]")]
    remedies: Vec<String>,
    /// The amount of a financial remedy, in pounds (such as 50 or £75.50).
    #[arg(long)]
    amount: Option<String>,
    /// What was learned.
    #[arg(long, default_value = "")]
    learning: String,
    /// Service improvements made.
    #[arg(long, default_value = "")]
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
    /// lgsco or housing (for a new referral).
    #[arg(long)]
    ombudsman: Option<String>,
    /// The Ombudsman's reference.
    #[arg(long, default_value = "")]
    their_reference: String,
    /// Record the Ombudsman's decision instead.
    #[arg(long)]
    decision: Option<String>,
    /// The remedy the Ombudsman asked for, with --decision.
    #[arg(long, default_value = "")]
    remedy: String,
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
    #[arg(long, default_value = "")]
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
    #[arg(long, value_name = "N")]
    due_within: Option<u32>,
    /// Only cases at this stage.
    #[arg(long)]
    stage: Option<usize>,
    /// Only this service area.
    #[arg(long)]
    service_area: Option<String>,
    /// Only this officer's cases.
    #[arg(long)]
    officer: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn on_or_today(on: Option<&str>, today: NaiveDate) -> Result<NaiveDate, CliError> {
    Ok(on.map_or(Ok(today), parse_date)?)
}

/// Runs a `case` command.
pub fn run(
    command: CaseCommandArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut store = global.store()?;
    let today = global.today()?;
    let step =
        |store: &mut Store, reference: &str, command: CaseCommand| -> Result<Case, CliError> {
            let actor = global.actor(store)?;
            Ok(store.apply(reference, command, &actor)?)
        };
    let case = match command {
        CaseCommandArgs::New(args) => {
            let actor = global.actor(&store)?;
            let json = args.json;
            let case = store.create_case(new_case(*args, today)?, &actor)?;
            if json {
                return show::case_json(&store, &case, today, out);
            }
            writeln!(
                out,
                "Recorded {} {}",
                case.triage.label().to_lowercase(),
                case.reference
            )?;
            case
        }
        CaseCommandArgs::Ack { reference, on } => step(
            &mut store,
            &reference,
            CaseCommand::Acknowledge {
                on: on_or_today(on.as_deref(), today)?,
            },
        )?,
        CaseCommandArgs::Extend {
            reference,
            days,
            reason,
            good_reason,
            on,
        } => step(
            &mut store,
            &reference,
            CaseCommand::Extend {
                agreed_on: on_or_today(on.as_deref(), today)?,
                days,
                reason,
                good_reason,
            },
        )?,
        CaseCommandArgs::Respond(args) => {
            let outcome = args
                .outcome
                .as_deref()
                .map(str::parse::<Outcome>)
                .transpose()?;
            let amount = args
                .amount
                .as_deref()
                .map(redress::money::parse_pounds)
                .transpose()
                .map_err(CliError::Amount)?;
            if amount.is_some() && !args.remedies.iter().any(|r| r.starts_with("financial")) {
                return Err(CliError::Missing("--amount goes with --remedy financial"));
            }
            let mut remedies = Vec::new();
            for text in &args.remedies {
                let (kind, detail) = text.split_once('=').unwrap_or((text, ""));
                let kind: RemedyKind = kind.parse()?;
                remedies.push(Remedy {
                    kind,
                    detail: detail.trim().to_owned(),
                    amount_pence: if kind == RemedyKind::Financial {
                        amount
                    } else {
                        None
                    },
                });
            }
            step(
                &mut store,
                &args.reference,
                CaseCommand::Respond {
                    on: on_or_today(args.on.as_deref(), today)?,
                    outcome,
                    reasons: args.reasons,
                    remedies,
                    learning: args.learning,
                    improvements: args.improvements,
                },
            )?
        }
        CaseCommandArgs::Escalate {
            reference,
            reviewer,
            on,
        } => {
            let reviewer = store.officer(&reviewer)?.as_ref();
            step(
                &mut store,
                &reference,
                CaseCommand::Escalate {
                    requested_on: on_or_today(on.as_deref(), today)?,
                    reviewer,
                },
            )?
        }
        CaseCommandArgs::Refer(args) => {
            let on = on_or_today(args.on.as_deref(), today)?;
            let command = if args.complied {
                CaseCommand::OmbudsmanComplied { complied_on: on }
            } else if let Some(decision) = args.decision {
                CaseCommand::OmbudsmanDecision {
                    decided_on: on,
                    decision,
                    remedy: args.remedy,
                }
            } else {
                let ombudsman: Ombudsman = args
                    .ombudsman
                    .as_deref()
                    .ok_or(CliError::Missing(
                        "say which Ombudsman: --ombudsman lgsco or --ombudsman housing",
                    ))?
                    .parse()?;
                CaseCommand::Refer {
                    ombudsman,
                    referred_on: on,
                    their_reference: args.their_reference,
                }
            };
            step(&mut store, &args.reference, command)?
        }
        CaseCommandArgs::Action(ActionArgs::Add {
            reference,
            what,
            owner,
            due,
        }) => step(
            &mut store,
            &reference,
            CaseCommand::AddAction {
                description: what,
                owner,
                due_on: parse_date(&due)?,
            },
        )?,
        CaseCommandArgs::Action(ActionArgs::Done {
            reference,
            number,
            on,
        }) => step(
            &mut store,
            &reference,
            CaseCommand::CompleteAction {
                number,
                done_on: on_or_today(on.as_deref(), today)?,
            },
        )?,
        CaseCommandArgs::Allocate { reference, officer } => {
            let officer = store.officer(&officer)?.as_ref();
            step(&mut store, &reference, CaseCommand::Allocate { officer })?
        }
        CaseCommandArgs::Link { reference, other } => step(
            &mut store,
            &reference,
            CaseCommand::Link { reference: other },
        )?,
        CaseCommandArgs::Withdraw(args) => step(
            &mut store,
            &args.reference,
            CaseCommand::Withdraw {
                on: on_or_today(args.on.as_deref(), today)?,
                reason: args.reason,
            },
        )?,
        CaseCommandArgs::Close(args) => step(
            &mut store,
            &args.reference,
            CaseCommand::Close {
                on: on_or_today(args.on.as_deref(), today)?,
                reason: args.reason,
            },
        )?,
        CaseCommandArgs::Reopen(args) => step(
            &mut store,
            &args.reference,
            CaseCommand::Reopen {
                on: on_or_today(args.on.as_deref(), today)?,
                reason: args.reason,
            },
        )?,
        CaseCommandArgs::Show { reference, json } => {
            let case = store.case(&reference)?;
            if json {
                return show::case_json(&store, &case, today, out);
            }
            return show::case_text(&store, &case, today, out);
        }
        CaseCommandArgs::List(args) => return list(&store, None, &args, today, out),
        CaseCommandArgs::Search { text, list: args } => {
            return list(&store, Some(text), &args, today, out)
        }
        CaseCommandArgs::History { reference } => return show::history(&store, &reference, out),
    };
    show::next_step(&store.settings()?, &case, today, out)
}

fn new_case(args: NewCaseArgs, today: NaiveDate) -> Result<NewCase, CliError> {
    let _ = today;
    let triage = match args.triage.trim().to_ascii_lowercase().as_str() {
        "complaint" => Triage::Complaint,
        "service-request" | "service request" => Triage::ServiceRequest {
            note: args.triage_note,
        },
        "excluded" => Triage::Excluded {
            reason: args
                .exclusion_reason
                .as_deref()
                .ok_or(CliError::Missing(
                    "an excluded matter needs --exclusion-reason",
                ))?
                .parse::<ExclusionReason>()?,
            note: args.triage_note,
        },
        other => return Err(CliError::UnknownTriage(other.to_owned())),
    };
    let representative = match args.rep_name {
        Some(name) => Some(Representative {
            name,
            relationship: args.rep_relationship,
            consent_received_on: args.rep_consent.as_deref().map(parse_date).transpose()?,
        }),
        None => None,
    };
    Ok(NewCase {
        received_on: parse_date(&args.received)?,
        channel: args.channel.parse::<Channel>()?,
        complainant: Complainant {
            name: args.name,
            address: args.address,
            postcode: args.postcode,
            email: args.email,
            phone: args.phone,
            preferred_contact: args
                .preferred_contact
                .as_deref()
                .map(str::parse::<ContactMethod>)
                .transpose()?,
            anonymous: args.anonymous,
            vulnerability: args.vulnerability,
            adjustments: args.adjustments,
        },
        representative,
        service_area: args.service_area,
        category: args.category,
        summary: args.summary,
        description: args.description,
        outcome_sought: args.outcome_sought,
        triage,
        officer: args.officer,
    })
}

fn list(
    store: &Store,
    text: Option<String>,
    args: &ListArgs,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let settings = store.settings()?;
    let calendar = settings.calendar();
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
        due_within: args.due_within,
        limit: None,
        sort: Default::default(),
        descending: false,
        offset: 0,
    };
    let rows = store.search(&query, today, &calendar)?;
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
                    "urgency": row.next_due.map(|d| Urgency::of(d.on, today, &calendar).slug()),
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
                marker(Urgency::of(on, today, &calendar))
            ),
            None => row.status.clone(),
        };
        writeln!(
            out,
            "{:<16} {:<13} {:<26} {:<22} {}",
            row.reference,
            dates::short(row.received_on),
            due,
            truncate(&row.complainant, 22),
            row.summary
        )?;
    }
    writeln!(out, "{} case(s)", rows.len())?;
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
