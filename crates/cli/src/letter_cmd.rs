//! `redress letter` and `redress template`: making a case's letters as PDF
//! files from the council's templates, and keeping those templates as
//! files a complaints officer can edit.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use redress::case::Language;
use redress::letters::TEMPLATE_NAMES;
use redress_app::LetterRequest;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// A letter for a case.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// The case reference.
    reference: String,
    /// Which letter: stage1-acknowledgement, stage1-extension,
    /// stage1-response, stage2-..., not-a-complaint, escalation-declined,
    /// action-completed, restriction.
    #[arg(long)]
    kind: String,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// Words to add to the letter (why escalation was declined).
    #[arg(long, default_value = "", hide_default_value = true)]
    note: String,
    /// Why the letter goes out although it lacks something it must say.
    #[arg(long, default_value = "", hide_default_value = true)]
    reason: String,
    /// Use this file's Markdown as the letter's wording instead of the
    /// filled-in template (the template is unchanged).
    #[arg(long, value_name = "FILE.md")]
    wording: Option<PathBuf>,
    /// For an acknowledgement: also record the stage as acknowledged today.
    #[arg(long)]
    acknowledge: bool,
    /// Only write the PDF; do not keep it with the case.
    #[arg(long)]
    draft: bool,
}

/// Templates.
#[derive(Debug, Subcommand)]
pub enum TemplateArgs {
    /// List the templates and the version of each in use.
    List,
    /// Print a template's Markdown.
    Show {
        /// Its name.
        name: String,
        /// The template's language.
        #[arg(long, default_value = "en", value_parser = crate::words::of::<redress::case::Language>())]
        language: String,
    },
    /// Write a template to a file, to edit it.
    Export {
        /// Its name.
        name: String,
        /// The file to write.
        #[arg(long, value_name = "FILE.md")]
        out: PathBuf,
        /// The template's language.
        #[arg(long, default_value = "en", value_parser = crate::words::of::<redress::case::Language>())]
        language: String,
    },
    /// Save a file as the template's new version, once it is checked.
    Import {
        /// Its name.
        name: String,
        /// The file to read.
        file: PathBuf,
        /// The template's language.
        #[arg(long, default_value = "en", value_parser = crate::words::of::<redress::case::Language>())]
        language: String,
    },
}

fn read_file(path: &Path) -> Result<String, CliError> {
    crate::context::read_text(path, "template or wording file")
}

/// Writes a document the user asked for (a letter, a report, a template)
/// to `path` whole or not at all, readable by the owner only, replacing a
/// file of that name but never the database or its own files.
pub(crate) fn write_whole(path: &Path, bytes: &[u8], db: Option<&Path>) -> Result<(), CliError> {
    Ok(redress_app::files::save_private(
        path,
        bytes,
        redress_app::files::Replace::Allowed,
        db,
    )?)
}

/// Runs `letter`.
pub fn letter(args: LetterArgs, global: &GlobalArgs, out: &mut impl Write) -> Result<(), CliError> {
    let mut service = global.service()?;
    let request = LetterRequest {
        note: args.note,
        wording: args.wording.as_deref().map(read_file).transpose()?,
        reason: args.reason,
        acknowledge: args.acknowledge,
    };
    // Everything is checked before anything is kept or written.
    let (draft, pdf) = service.letter_draft(&args.reference, &args.kind, &request)?;
    let missing = draft.composed.missing();
    if !missing.is_empty() && request.reason.trim().is_empty() {
        return Err(redress_app::LetterError::Incomplete(
            missing.iter().map(|m| (*m).to_owned()).collect(),
        )
        .into());
    }
    let dir = args
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(CliError::File {
            path: args.out.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        });
    }
    let title = draft.composed.data.title.clone();
    if args.draft {
        write_whole(&args.out, &pdf, service.database_path())?;
        writeln!(
            out,
            "Wrote a draft {title} for {} to {} (not kept with the case)",
            args.reference,
            args.out.display()
        )?;
        return Ok(());
    }
    let (issued, pdf) = service.issue_letter(&args.reference, &args.kind, &request)?;
    write_whole(&args.out, &pdf, service.database_path())?;
    writeln!(
        out,
        "Issued {title} for {} (template version {}), kept with the case; wrote {}",
        issued.reference,
        issued.template_version,
        args.out.display()
    )?;
    if !issued.missing.is_empty() {
        writeln!(
            out,
            "It went out without {} because: {}",
            issued.missing.join("; "),
            issued.reason
        )?;
    }
    writeln!(out, "SHA-256 {}", issued.sha256)?;
    Ok(())
}

fn language(text: &str) -> Result<Language, CliError> {
    Ok(text.parse::<Language>()?)
}

/// Runs a `template` command.
pub fn template(
    command: TemplateArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    match command {
        TemplateArgs::List => {
            for name in TEMPLATE_NAMES {
                for lang in Language::ALL {
                    let t = service.template(name, *lang)?;
                    let version = if t.version == 0 {
                        "the default".to_owned()
                    } else {
                        format!("version {}", t.version)
                    };
                    writeln!(out, "{name:<22} {:<8} {version}", lang.label())?;
                }
            }
        }
        TemplateArgs::Show { name, language: l } => {
            write!(out, "{}", service.template(&name, language(&l)?)?.body)?;
        }
        TemplateArgs::Export {
            name,
            out: file,
            language: l,
        } => {
            let t = service.template(&name, language(&l)?)?;
            write_whole(&file, t.body.as_bytes(), service.database_path())?;
            writeln!(
                out,
                "Wrote the {name} template ({}) to {}",
                t.language.label(),
                file.display()
            )?;
        }
        TemplateArgs::Import {
            name,
            file,
            language: l,
        } => {
            let body = read_file(&file)?;
            let saved = service.save_template(&name, language(&l)?, &body)?;
            writeln!(
                out,
                "Saved the {name} template ({}) as version {}: letters from now on use it",
                saved.language.label(),
                saved.version
            )?;
        }
    }
    Ok(())
}
