//! `redress person ...`: one record of each complainant across their cases,
//! merging two records of one person, and restrictions under the
//! unreasonable-behaviour procedure (decided, told, reviewed).

use std::io::Write;

use clap::{Args, Subcommand};
use redress::case::StepForm;
use redress::dates;
use redress::people::PersonId;
use redress_app::PersonFile;
use serde_json::{json, Value};

use crate::context::GlobalArgs;
use crate::error::CliError;
use crate::show;

/// People.
#[derive(Debug, Subcommand)]
pub enum PersonArgs {
    /// Show a person, their cases and restrictions.
    Show {
        /// Their id, or their email address.
        person: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List people, by name.
    List {
        /// Only those whose name (accents and capitals ignored), email or
        /// phone contains this.
        #[arg(long, default_value = "", hide_default_value = true)]
        search: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a person's details, for all their cases; options not given
    /// stay as they are.
    Edit(Box<EditArgs>),
    /// Merge two records of one person: every case of the second becomes
    /// the first's.
    Merge {
        /// The record to keep (id or email).
        keep: String,
        /// The record to merge into it (id or email).
        other: String,
    },
    /// Record a restriction on contact, decided by a head of service.
    Restrict(RestrictArgs),
    /// Review a restriction: keep it until a later review, or lift it.
    Review(ReviewArgs),
}

/// A person's details to change.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Their id, or their email address.
    person: String,
    /// Their name.
    #[arg(long)]
    name: Option<String>,
    /// Their address.
    #[arg(long)]
    address: Option<String>,
    /// Their postcode.
    #[arg(long)]
    postcode: Option<String>,
    /// Their email.
    #[arg(long)]
    email: Option<String>,
    /// Their phone.
    #[arg(long)]
    phone: Option<String>,
    /// How they prefer to be contacted.
    #[arg(long, value_parser = crate::words::of::<redress::case::ContactMethod>())]
    preferred_contact: Option<String>,
    /// The language they want letters in.
    #[arg(long, value_parser = crate::words::of::<redress::case::Language>())]
    language: Option<String>,
    /// Any vulnerability.
    #[arg(long)]
    vulnerability: Option<String>,
    /// Reasonable adjustments they need.
    #[arg(long)]
    adjustments: Option<String>,
}

/// A restriction.
#[derive(Debug, Args)]
pub struct RestrictArgs {
    /// Their id, or their email address.
    person: String,
    /// The head of service who decided it.
    #[arg(long, value_name = "OFFICER")]
    decided_by: String,
    /// Why, as the person was told.
    #[arg(long)]
    reason: String,
    /// What contact is still allowed.
    #[arg(long)]
    contact: String,
    /// When the person was told in writing.
    #[arg(long, value_name = "DATE")]
    told: String,
    /// When it will be reviewed.
    #[arg(long, value_name = "DATE")]
    review: String,
}

/// A review of a restriction.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Their id, or their email address.
    person: String,
    /// The restriction's number.
    #[arg(long, value_name = "N", value_parser = crate::context::whole_number::<u32>)]
    restriction: u32,
    /// When it was reviewed (default: today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Lift the restriction.
    #[arg(long, conflicts_with_all = ["keep", "next"])]
    lift: bool,
    /// Keep it, until the next review.
    #[arg(long, requires = "next")]
    keep: bool,
    /// The next review date, with --keep.
    #[arg(long, value_name = "DATE")]
    next: Option<String>,
}

/// Runs a `person` command.
pub fn run(command: PersonArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    let today = service.today();
    let file = match command {
        PersonArgs::Show { person, json } => {
            let file = service.person(&person)?;
            if json {
                writeln!(out, "{}", person_json(&file))?;
                return Ok(());
            }
            file
        }
        PersonArgs::List { search, json } => {
            let people = service.people(&search, 1000)?;
            if json {
                // Each as `person show` prints them.
                let people = people
                    .iter()
                    .map(|p| Ok(person_json(&service.person(&p.person.id.to_string())?)))
                    .collect::<Result<Vec<Value>, CliError>>()?;
                writeln!(out, "{}", json!({ "people": people }))?;
                return Ok(());
            }
            if people.is_empty() {
                writeln!(out, "Nobody matches.")?;
                return Ok(());
            }
            writeln!(out, "{:<36}  {:<24} {:<30} CASES", "ID", "NAME", "EMAIL")?;
            for p in &people {
                writeln!(
                    out,
                    "{:<36}  {:<24} {:<30} {}{}",
                    p.person.id,
                    p.person.display_name(),
                    p.person.details.email,
                    p.case_count,
                    if p.restricted {
                        "  contact restricted"
                    } else {
                        ""
                    }
                )?;
            }
            writeln!(out, "{} people", people.len())?;
            return Ok(());
        }
        PersonArgs::Edit(args) => {
            let current = service.person(&args.person)?;
            let d = &current.record.person.details;
            let pick =
                |given: &Option<String>, now: &str| given.clone().unwrap_or_else(|| now.to_owned());
            let form = StepForm::default()
                .with("name", pick(&args.name, &d.name))
                .with("address", pick(&args.address, &d.address))
                .with("postcode", pick(&args.postcode, &d.postcode))
                .with("email", pick(&args.email, &d.email))
                .with("phone", pick(&args.phone, &d.phone))
                .with(
                    "preferred_contact",
                    pick(
                        &args.preferred_contact,
                        d.preferred_contact.map_or("", |m| m.slug()),
                    ),
                )
                .with(
                    "language",
                    pick(&args.language, d.language.map_or("", |l| l.slug())),
                )
                .with("vulnerability", pick(&args.vulnerability, &d.vulnerability))
                .with("adjustments", pick(&args.adjustments, &d.adjustments));
            let id = current.record.person.id;
            let file = service.update_person(id, &form)?;
            writeln!(
                out,
                "Updated {} (all {})",
                file.record.person.display_name(),
                redress::words::count(file.record.cases.len() as u64, "case", "cases")
            )?;
            file
        }
        PersonArgs::Merge { keep, other } => {
            let file = service.merge_people(&keep, &other)?;
            writeln!(
                out,
                "Merged {other} into {}: {} now",
                file.record.person.display_name(),
                redress::words::count(file.record.cases.len() as u64, "case", "cases")
            )?;
            file
        }
        PersonArgs::Restrict(args) => {
            let id = person_id(&service, &args.person)?;
            let form = StepForm::default()
                .with("decided_by", args.decided_by)
                .with("reason", args.reason)
                .with("contact", args.contact)
                .with("told_on", args.told)
                .with("review_on", args.review);
            let file = service.restrict_person(id, &form)?;
            if let Some(r) = file.active_restriction() {
                writeln!(
                    out,
                    "Recorded restriction {} on {}: review by {}",
                    r.number,
                    file.record.person.display_name(),
                    dates::long(r.review_on)
                )?;
            }
            file
        }
        PersonArgs::Review(args) => {
            if !args.lift && !args.keep {
                return Err(CliError::Missing("say --lift, or --keep with --next DATE"));
            }
            let id = person_id(&service, &args.person)?;
            let form = StepForm::default()
                .with("on", args.on.unwrap_or_default())
                .with("decision", if args.lift { "lift" } else { "keep" })
                .with("next", args.next.unwrap_or_default());
            let file = service.review_restriction(id, args.restriction, &form)?;
            match file.active_restriction() {
                Some(r) => writeln!(
                    out,
                    "Kept restriction {}: next review {}",
                    r.number,
                    dates::long(r.review_on)
                )?,
                None => writeln!(out, "Lifted restriction {}", args.restriction)?,
            }
            file
        }
    };
    person_text(&file, today, out)
}

fn person_id(service: &redress_app::Service, key: &str) -> Result<PersonId, CliError> {
    Ok(service.person(key)?.record.person.id)
}

/// A person as JSON: `{id, name, email, phone, address, adjustments,
/// vulnerability, cases, restrictions, ...}`.
fn person_json(file: &PersonFile) -> Value {
    let person = &file.record.person;
    let d = &person.details;
    json!({
        "id": person.id,
        "name": d.name,
        "email": d.email,
        "phone": d.phone,
        "address": d.address,
        "postcode": d.postcode,
        "preferred_contact": d.preferred_contact.map(|m| m.slug()),
        "language": d.language.map(|l| l.slug()),
        "anonymous": d.anonymous,
        "adjustments": d.adjustments,
        "vulnerability": d.vulnerability,
        "cases": file.record.cases,
        "restrictions": file.record.restrictions.iter().map(show::restriction_json).collect::<Vec<_>>(),
    })
}

fn person_text(
    file: &PersonFile,
    today: chrono::NaiveDate,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let person = &file.record.person;
    let d = &person.details;
    writeln!(out, "{}  ({})", person.display_name(), person.id)?;
    for (label, value) in [
        ("Email", d.email.as_str()),
        ("Phone", d.phone.as_str()),
        ("Address", d.address.as_str()),
        ("Postcode", d.postcode.as_str()),
        ("Vulnerability", d.vulnerability.as_str()),
        ("Adjustments", d.adjustments.as_str()),
    ] {
        if !value.is_empty() {
            writeln!(out, "{label}: {}", value.replace('\n', ", "))?;
        }
    }
    if let Some(r) = file.active_restriction() {
        writeln!(
            out,
            "CONTACT RESTRICTED (restriction {}): {}{}",
            r.number,
            r.contact,
            if r.review_due(today) {
                format!(" - review due since {}", dates::long(r.review_on))
            } else {
                format!(" - review by {}", dates::long(r.review_on))
            }
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Cases ({}):", file.cases.len())?;
    for row in &file.cases {
        writeln!(
            out,
            "  {:<16} {:<13} {:<22} {}",
            row.reference,
            dates::short(row.received_on),
            row.service_area,
            redress::text::one_line(&row.summary)
        )?;
    }
    for r in file.record.restrictions.iter().rev() {
        writeln!(out)?;
        writeln!(
            out,
            "Restriction {}: decided by {} on {}, told {}; {}",
            r.number,
            r.decided_by,
            dates::long(r.decided_on),
            dates::long(r.told_on),
            match r.lifted_on() {
                Some(on) => format!("lifted {}", dates::long(on)),
                None => format!("in force, review by {}", dates::long(r.review_on)),
            }
        )?;
        writeln!(out, "  Reason: {}", r.reason)?;
        writeln!(out, "  Contact allowed: {}", r.contact)?;
    }
    Ok(())
}
