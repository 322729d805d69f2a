//! `redress officer|service-area|category|settings`: the reference data and
//! settings a council keeps up to date.

use std::io::Write;

use clap::Subcommand;
use redress::case::Role;
use redress::dates;
use redress::settings::Settings;
use redress_app::NewOfficer;

use crate::context::GlobalArgs;
use crate::error::CliError;

/// Officers.
#[derive(Debug, Subcommand)]
pub enum OfficerArgs {
    /// Add an officer.
    Add {
        /// Their name.
        name: String,
        /// Job title.
        #[arg(long, default_value = "", hide_default_value = true)]
        job_title: String,
        /// The service area they work in.
        #[arg(long)]
        service_area: Option<String>,
        /// Email.
        #[arg(long, default_value = "", hide_default_value = true)]
        email: String,
        /// Phone.
        #[arg(long, default_value = "", hide_default_value = true)]
        phone: String,
        /// A role (repeatable).
        #[arg(long = "role", value_name = "ROLE", value_parser = crate::words::of::<redress::case::Role>())]
        roles: Vec<String>,
    },
    /// Change an officer's details; options not given stay as they are.
    Edit {
        /// Their current name.
        name: String,
        /// A new name.
        #[arg(long)]
        rename: Option<String>,
        /// Job title.
        #[arg(long)]
        job_title: Option<String>,
        /// The service area they work in.
        #[arg(long)]
        service_area: Option<String>,
        /// Email.
        #[arg(long)]
        email: Option<String>,
        /// Phone.
        #[arg(long)]
        phone: Option<String>,
        /// The officer's roles, replacing those they have (repeatable).
        #[arg(long = "role", value_name = "ROLE", value_parser = crate::words::of::<redress::case::Role>())]
        roles: Vec<String>,
    },
    /// Retire an officer who has left: kept on their old cases and in the
    /// history, not given new cases, allocations or reviews.
    Retire {
        /// Their name.
        name: String,
        /// Bring a retired officer back instead.
        #[arg(long)]
        undo: bool,
    },
    /// List officers.
    List,
}

/// Service areas or categories.
#[derive(Debug, Subcommand)]
pub enum NamedArgs {
    /// Add one.
    Add {
        /// Its name.
        name: String,
    },
    /// Rename one.
    Rename {
        /// Its current name.
        from: String,
        /// Its new name.
        to: String,
    },
    /// List them.
    List,
}

/// Service areas: named like categories, and each with its Ombudsman.
#[derive(Debug, Subcommand)]
pub enum ServiceAreaArgs {
    /// Adding, renaming and listing, as for categories.
    #[command(flatten)]
    Named(NamedArgs),
    /// Say which Ombudsman a service area's complaints go to; by default
    /// the Housing Ombudsman for a service whose name mentions housing,
    /// else the LGSCO.
    Ombudsman {
        /// The service area.
        name: String,
        /// Which Ombudsman.
        #[arg(value_parser = crate::words::of::<redress::case::Ombudsman>())]
        ombudsman: String,
    },
}

/// Runs a `service-area` command.
pub fn service_area(
    command: ServiceAreaArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    match command {
        ServiceAreaArgs::Named(command) => named(command, false, global, out),
        ServiceAreaArgs::Ombudsman { name, ombudsman } => {
            let mut service = global.service()?;
            let ombudsman = ombudsman.parse::<redress::case::Ombudsman>()?;
            service.set_service_area_ombudsman(&name, ombudsman)?;
            writeln!(
                out,
                "Complaints about {} go to the {}",
                name.trim(),
                ombudsman.label()
            )?;
            Ok(())
        }
    }
}

/// Settings.
#[derive(Debug, Subcommand)]
pub enum SettingsArgs {
    /// Show the settings.
    Show,
    /// Set the council's logo for letters, a PNG file (`--remove` to take it
    /// off).
    Logo {
        /// The PNG file.
        file: Option<std::path::PathBuf>,
        /// Take the logo off the letterhead.
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Change one setting.
    Set {
        /// Which setting.
        #[arg(value_parser = crate::words::setting_keys())]
        key: String,
        /// Its new value.
        value: String,
    },
}

/// Runs an `officer` command.
pub fn officer(
    command: OfficerArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    match command {
        OfficerArgs::Add {
            name,
            job_title,
            service_area,
            email,
            phone,
            roles,
        } => {
            let officer = service.add_officer(&NewOfficer {
                name,
                job_title,
                service_area,
                email,
                phone,
                roles: read_roles(&roles)?,
            })?;
            writeln!(
                out,
                "Added officer {}{}",
                officer.name,
                roles_note(&officer.roles)
            )?;
        }
        OfficerArgs::Edit {
            name,
            rename,
            job_title,
            service_area,
            email,
            phone,
            roles,
        } => {
            let current = service.officer(&name)?;
            let officer = service.update_officer(
                &name,
                &NewOfficer {
                    name: rename.unwrap_or(current.name),
                    job_title: job_title.unwrap_or(current.job_title),
                    service_area: service_area.or(current.service_area.map(|a| a.name)),
                    email: email.unwrap_or(current.email),
                    phone: phone.unwrap_or(current.phone),
                    roles: if roles.is_empty() {
                        current.roles
                    } else {
                        read_roles(&roles)?
                    },
                },
            )?;
            writeln!(
                out,
                "Updated officer {}{}",
                officer.name,
                roles_note(&officer.roles)
            )?;
        }
        OfficerArgs::Retire { name, undo } => {
            let officer = service.retire_officer(&name, !undo)?;
            match officer.retired_on {
                Some(on) => writeln!(
                    out,
                    "{} is retired from {}: kept on their cases, not given new ones.",
                    officer.name,
                    redress::dates::short(on)
                )?,
                None => writeln!(out, "{} is back and can be given cases.", officer.name)?,
            }
        }
        OfficerArgs::List => {
            for officer in service.officers()? {
                let area = officer.service_area.map(|a| a.name).unwrap_or_default();
                let mut roles: Vec<&str> = officer.roles.iter().map(|r| r.label()).collect();
                if officer.retired_on.is_some() {
                    roles.insert(0, "Retired");
                }
                writeln!(
                    out,
                    "{:<28} {:<28} {:<24} {}",
                    officer.name,
                    officer.job_title,
                    area,
                    roles.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

fn read_roles(slugs: &[String]) -> Result<Vec<Role>, CliError> {
    Ok(slugs
        .iter()
        .map(|slug| slug.parse::<Role>())
        .collect::<Result<_, _>>()?)
}

fn roles_note(roles: &[Role]) -> String {
    if roles.is_empty() {
        String::new()
    } else {
        let labels: Vec<&str> = roles.iter().map(|r| r.label()).collect();
        format!(" ({})", labels.join(", ").to_lowercase())
    }
}

/// Runs a `service-area` or `category` command.
pub fn named(
    command: NamedArgs,
    categories: bool,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    match command {
        NamedArgs::Add { name } => {
            let added = if categories {
                service.add_category(&name)?
            } else {
                service.add_service_area(&name)?
            };
            writeln!(out, "Added {}", added.name)?;
        }
        NamedArgs::Rename { from, to } => {
            let renamed = service.rename(categories, &from, &to)?;
            writeln!(out, "Renamed {from} to {}", renamed.name)?;
        }
        NamedArgs::List => {
            let rows = if categories {
                service.categories()?
            } else {
                service.service_areas()?
            };
            for row in rows {
                writeln!(out, "{}", row.name)?;
            }
        }
    }
    Ok(())
}

/// Runs a `settings` command.
pub fn settings(
    command: SettingsArgs,
    global: &GlobalArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut service = global.service()?;
    let mut settings = service.settings().clone();
    match command {
        SettingsArgs::Show => show(&settings, out),
        SettingsArgs::Logo { file, remove } => {
            let png = match (&file, remove) {
                (Some(path), _) => Some(redress_app::files::read_bounded(
                    path,
                    redress_app::files::limits::IMAGE,
                    "logo",
                )?),
                (None, true) => None,
                (None, false) => return Err(CliError::Missing("give the PNG file, or --remove")),
            };
            service.set_logo(png.as_deref())?;
            writeln!(
                out,
                "{}",
                if png.is_some() {
                    "The logo is on the letterhead of letters from now on"
                } else {
                    "The letterhead has no logo now"
                }
            )?;
            Ok(())
        }
        SettingsArgs::Set { key, value } => {
            apply(&mut settings, &key, &value)?;
            service.save_settings(settings)?;
            show(service.settings(), out)
        }
    }
}

fn apply(settings: &mut Settings, key: &str, value: &str) -> Result<(), CliError> {
    if key == redress::settings::POLICY_KEY {
        settings.policy = crate::deadlines::load_policy(Some(value))?;
        return Ok(());
    }
    Ok(settings.set_key(key, value)?)
}

fn show(settings: &Settings, out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "council-name      {}", settings.council_name)?;
    writeln!(out, "council-address   {}", settings.council_address)?;
    writeln!(out, "council-phone     {}", settings.council_phone)?;
    writeln!(out, "council-email     {}", settings.council_email)?;
    writeln!(out, "council-website   {}", settings.council_website)?;
    writeln!(
        out,
        "repeat-window-months {}",
        settings.repeat_window_months
    )?;
    let nation = settings
        .country()
        .map_or(settings.nation.slug(), |country| country.slug());
    writeln!(out, "nation            {nation}")?;
    let closures: Vec<String> = settings.closures.iter().map(|d| dates::short(*d)).collect();
    writeln!(out, "closures          {}", closures.join(", "))?;
    writeln!(out, "reference-prefix  {}", settings.reference_prefix)?;
    writeln!(out, "user              {}", settings.user)?;
    writeln!(out, "retention-years   {}", settings.retention_years)?;
    writeln!(out, "document-limit-mb {}", settings.document_limit_mb)?;
    let words = &settings.outcome_words;
    if !words.is_empty() {
        writeln!(
            out,
            "outcome-words     upheld={};partly-upheld={};not-upheld={}",
            words.upheld, words.partly_upheld, words.not_upheld
        )?;
    }
    writeln!(
        out,
        "training          {}",
        if settings.training { "yes" } else { "no" }
    )?;
    writeln!(out, "policy            {}", settings.policy)?;
    for (i, stage) in settings.policy.stages().iter().enumerate() {
        writeln!(
            out,
            "  stage {}: acknowledge in {}, respond in {} from {}, extend up to {} working days",
            i + 1,
            stage.acknowledge_days,
            stage.response_days,
            stage.response_from.slug(),
            stage.extension_limit_days
        )?;
    }
    Ok(())
}
