//! The case file from the command line: `case attach`, `case documents`,
//! `case document`, `case remove-document`, `case note`, `case contact`,
//! `case bundle`, and `intake email` (a new complaint, or an addition to
//! a case, from an `.eml` or `.msg` file).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use redress::case_file::email::DatedBy;
use redress::case_file::Direction;
use redress_app::case_file::CaseFileActionError;
use redress_app::files::{save_private, FileError, Replace};
use redress_app::Service;
use serde_json::json;

use crate::context::GlobalArgs;
use crate::error::CliError;
use crate::show;

/// `case attach`.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The case reference.
    reference: String,
    /// The file to add.
    file: PathBuf,
    /// What it is.
    #[arg(long, default_value = "", hide_default_value = true)]
    description: String,
    /// The council sent it (default: it was received).
    #[arg(long)]
    sent: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `case document`.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The case reference.
    reference: String,
    /// The document's id (from `case documents`).
    id: String,
    /// Where to save the copy (never over an existing file).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// `case remove-document`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The case reference.
    reference: String,
    /// The document's id.
    id: String,
    /// Why it is removed (kept on the case's history).
    #[arg(long, default_value = "", hide_default_value = true)]
    reason: String,
}

/// `case note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The case reference.
    reference: String,
    /// What the note says.
    #[arg(long)]
    text: String,
}

/// `case contact`.
#[derive(Debug, Args)]
pub struct ContactArgs {
    /// The case reference.
    reference: String,
    /// When (default: today).
    #[arg(
        long,
        value_name = "DATE",
        default_value = "",
        hide_default_value = true
    )]
    on: String,
    /// How the contact was made.
    #[arg(long, value_parser = crate::words::of::<redress::case_file::ContactMethod>())]
    method: String,
    /// What was said.
    #[arg(long)]
    summary: String,
}

/// `case bundle`.
#[derive(Debug, Args)]
pub struct BundleArgs {
    /// The case reference.
    reference: String,
    /// The PDF to write (never over an existing file).
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// Also save the documents that are not PDFs (photographs,
    /// spreadsheets, emails) in a folder beside it, `FILE-documents`.
    #[arg(long)]
    with_files: bool,
}

/// `intake`.
#[derive(Debug, Subcommand)]
pub enum IntakeArgs {
    /// Record a complaint from an email saved as .eml (or Outlook's .msg):
    /// received on the UK date it was sent, from its sender, about its
    /// subject, with the message and its attachments as documents.
    Email(EmailArgs),
}

/// `intake email`.
#[derive(Debug, Args)]
pub struct EmailArgs {
    /// The .eml or .msg file.
    file: PathBuf,
    /// The service area the complaint is about.
    #[arg(long)]
    service_area: String,
    /// The officer accountable for it.
    #[arg(long, default_value = "", hide_default_value = true)]
    officer: String,
    /// The day the council received it, when the email does not say (no
    /// Date and no mail server's stamp) or says wrongly.
    #[arg(
        long,
        value_name = "DATE",
        default_value = "",
        hide_default_value = true
    )]
    received: String,
    /// Add the email to this existing case instead of recording a new one
    /// (a reference in the subject is suggested).
    #[arg(long, value_name = "REF")]
    add_to: Option<String>,
    /// Say what would be recorded, and record nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `case attach`.
pub fn attach(
    service: &mut Service,
    args: AttachArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let file = service.read_for_case_file(&args.file)?;
    let direction = if args.sent {
        Direction::Out
    } else {
        Direction::In
    };
    let added = service.attach(&args.reference, vec![file], &args.description, direction)?;
    for document in &added {
        if args.json {
            writeln!(
                out,
                "{}",
                json!({
                    "id": document.id,
                    "name": document.name,
                    "bytes": document.bytes,
                    "sha256": document.sha256,
                })
            )?;
        } else {
            writeln!(out, "{}", document.id)?;
        }
    }
    Ok(())
}

/// Runs `case documents`.
pub fn documents(
    service: &Service,
    reference: &str,
    json: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let documents = service.documents(reference)?;
    if json {
        let list: Vec<_> = documents.iter().map(show::document_json).collect();
        writeln!(out, "{}", json!({ "documents": list }))?;
        return Ok(());
    }
    for d in &documents {
        writeln!(
            out,
            "{}  {:<8} {:<12} {:>9}  {}{}",
            d.id,
            d.direction.label(),
            redress::dates::short(d.on),
            redress::words::size(d.bytes),
            redress::text::one_line(&d.name),
            if d.is_risky() {
                "  (program or script: save only)"
            } else {
                ""
            }
        )?;
    }
    writeln!(
        out,
        "{}",
        redress::words::count(documents.len() as u64, "document", "documents")
    )?;
    Ok(())
}

/// Runs `case document`.
pub fn document(
    service: &Service,
    args: DocumentArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let document = service
        .save_document(&args.reference, &args.id, &args.out)
        .map_err(|err| match err {
            CaseFileActionError::File(FileError::Exists(path)) => CliError::Exists(path),
            other => other.into(),
        })?;
    writeln!(
        out,
        "Saved {} ({}) as {}",
        redress::text::one_line(&document.name),
        redress::words::size(document.bytes),
        args.out.display()
    )?;
    Ok(())
}

/// Runs `case remove-document`.
pub fn remove(
    service: &mut Service,
    args: RemoveArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let removed = service.remove_document(&args.reference, &args.id, &args.reason)?;
    writeln!(
        out,
        "Removed {} from {}",
        redress::text::one_line(&removed.name),
        args.reference
    )?;
    Ok(())
}

/// Runs `case note`.
pub fn note(service: &mut Service, args: NoteArgs, out: &mut impl Write) -> Result<(), CliError> {
    let note = service.add_note(&args.reference, &args.text)?;
    writeln!(out, "Note added to {} ({})", args.reference, note.id)?;
    Ok(())
}

/// Runs `case contact`.
pub fn contact(
    service: &mut Service,
    args: ContactArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let contact = service.record_contact(&args.reference, &args.on, &args.method, &args.summary)?;
    writeln!(
        out,
        "{} on {} recorded on {}",
        contact.method.label(),
        redress::dates::short(contact.on),
        args.reference
    )?;
    Ok(())
}

/// Runs `case bundle`.
pub fn bundle(service: &Service, args: BundleArgs, out: &mut impl Write) -> Result<(), CliError> {
    let pdf = service.bundle(&args.reference)?;
    let db = service.database_path();
    if args.out.exists() {
        return Err(CliError::Exists(args.out.clone()));
    }
    let mut saved = 0;
    if args.with_files {
        let stem = args
            .out
            .file_stem()
            .map_or_else(|| "case-file".into(), |s| s.to_string_lossy().into_owned());
        let folder = args.out.with_file_name(format!("{stem}-documents"));
        redress_app::files::private_folder(&folder)?;
        for d in service
            .documents(&args.reference)?
            .iter()
            .filter(|d| !d.is_pdf())
        {
            let (_, bytes) = service.document(&args.reference, &d.id)?;
            let name = redress::access::SubjectAccess::document_file(&args.reference, d);
            save_private(&folder.join(name), &bytes, Replace::Never, db)?;
            saved += 1;
        }
    }
    save_private(&args.out, &pdf, Replace::Never, db)?;
    write!(
        out,
        "Wrote the case file for {} to {}",
        args.reference,
        args.out.display()
    )?;
    if args.with_files {
        write!(
            out,
            ", and {} beside it",
            redress::words::count(saved as u64, "other document", "other documents")
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// Runs `intake`.
pub fn intake(
    command: IntakeArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let IntakeArgs::Email(args) = command;
    let mut service = global.service()?;
    let bytes = redress_app::files::read_bounded(
        &args.file,
        u64::from(service.settings().document_limit_mb) * 1024 * 1024 * 2,
        "email",
    )?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let intake = service.read_email(
        &name,
        &bytes,
        &args.service_area,
        &args.officer,
        &args.received,
    )?;
    if args.add_to.is_none() {
        intake.check_dated()?;
    }
    let warnings = intake.warnings();
    let documents_json: Vec<_> = intake
        .documents
        .iter()
        .map(|d| {
            json!({
                "name": d.name,
                "bytes": d.content.len(),
                "sha256": redress_app::sha256_hex(&d.content),
            })
        })
        .collect();
    let email = &intake.email;
    let mut value = json!({
        "reference": null,
        "dry_run": args.dry_run,
        "received_on": intake.received_on.map(|d| d.to_string()),
        "sent_at": email.sent_at.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        "dated_by": match email.dated_by {
            DatedBy::Date => "date",
            DatedBy::Received => "received",
            DatedBy::Nothing => "nothing",
        },
        "warnings": warnings,
        "channel": "email",
        "complainant": { "name": email.from_name, "email": email.from_address },
        "summary": intake.form.text("summary"),
        "description": intake.form.text("description"),
        "service_area": args.service_area.trim(),
        "officer": args.officer.trim(),
        "forwarded": email.forwarded,
        "names_case": intake.names_case,
        "documents": documents_json,
    });
    if let Some(reference) = &args.add_to {
        value["added_to"] = json!(reference);
        if !args.dry_run {
            service.case(reference)?;
            service.add_email_to_case(reference, intake.documents.clone())?;
        }
        value["reference"] = json!(service.case(reference)?.reference);
    } else if args.dry_run {
        service.check_email_intake(&intake)?;
    } else {
        let (recorded, _) = service.record_from_email(&intake.form, intake.documents.clone())?;
        value["reference"] = json!(recorded.case.reference);
        value["person"] = json!({ "id": recorded.person.id, "matched": recorded.person.matched });
    }
    if args.json {
        writeln!(out, "{value}")?;
        return Ok(());
    }
    let who = match (email.from_name.is_empty(), email.from_address.is_empty()) {
        (true, _) => email.from_address.clone(),
        (false, true) => format!("{} (no email address)", email.from_name),
        (false, false) => format!("{} <{}>", email.from_name, email.from_address),
    };
    let received = intake
        .received_on
        .map_or_else(|| "on a day not given".to_owned(), redress::dates::short);
    let documents = redress::words::count(intake.documents.len() as u64, "document", "documents");
    match (&args.add_to, args.dry_run) {
        (Some(reference), true) => writeln!(out, "Would add the email from {who} to {reference}, with {documents}")?,
        (Some(reference), false) => writeln!(out, "Added the email from {who} to {reference}, with {documents}")?,
        (None, true) => writeln!(
            out,
            "Would record a complaint from {who}, received {received}: {} ({documents}). Nothing was recorded.",
            intake.form.text("summary")
        )?,
        (None, false) => writeln!(
            out,
            "Recorded complaint {} from {who}, received {received}, with {documents}",
            value["reference"].as_str().unwrap_or_default(),
        )?,
    }
    for warning in &warnings {
        writeln!(out, "Note: {warning}")?;
    }
    if let (Some(named), None) = (&intake.names_case, &args.add_to) {
        writeln!(
            out,
            "The subject names {named}: to add the email to that case instead, use --add-to {named}"
        )?;
    }
    Ok(())
}
