//! `redress officer|service-area|category|settings`: the reference data and
//! settings a council keeps up to date.

use std::io::Write;

use clap::Subcommand;
use redress::calendar::Nation;
use redress::case::Role;
use redress::dates;
use redress::settings::Settings;
use redress_app::NewOfficer;

use crate::context::GlobalArgs;
use crate::error::CliError;
use redress::dates::parse_date;

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
        /// A role (repeatable): investigating-officer, stage2-reviewer,
        /// head-of-service, complaints-manager.
        #[arg(long = "role", value_name = "ROLE")]
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
        /// The officer's roles, replacing those they have (repeatable):
        /// investigating-officer, stage2-reviewer, head-of-service,
        /// complaints-manager.
        #[arg(long = "role", value_name = "ROLE")]
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
    /// Say which Ombudsman a service area's complaints go to (lgsco or
    /// housing); by default the Housing Ombudsman for a service whose name
    /// mentions housing, else the LGSCO.
    Ombudsman {
        /// The service area.
        name: String,
        /// lgsco or housing.
        ombudsman: String,
    },
    /// List them.
    List,
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
    /// Change one: council-name, council-address, council-phone,
    /// council-email, council-website, nation, closures (dates,
    /// comma-separated), policy (a TOML or JSON file), reference-prefix,
    /// user, repeat-window-months, bilingual-letters (yes or no),
    /// reminder-lead-days, working-hours (08:30-17:30), remind-of (mine or all),
    /// retention-years (how long closed cases keep personal data),
    /// outcome-words (the council's own, such as upheld=Justified;not-upheld=Not justified).
    Set {
        /// Which setting.
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
        NamedArgs::Ombudsman { name, ombudsman } => {
            if categories {
                return Err(CliError::Missing(
                    "an Ombudsman belongs to a service area, not a category",
                ));
            }
            let ombudsman = ombudsman.parse::<redress::case::Ombudsman>()?;
            service.set_service_area_ombudsman(&name, ombudsman)?;
            writeln!(
                out,
                "Complaints about {} go to the {}",
                name.trim(),
                ombudsman.label()
            )?;
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
    match key {
        "council-name" => settings.council_name = value.to_owned(),
        "council-address" => settings.council_address = value.to_owned(),
        "council-phone" => settings.council_phone = value.to_owned(),
        "council-email" => settings.council_email = value.to_owned(),
        "council-website" => settings.council_website = value.to_owned(),
        "logo" => {
            return Err(CliError::Missing(
                "the logo is set with `redress settings logo FILE.png`",
            ))
        }
        "reminder-lead-days" => {
            settings.reminders.lead_days = value.trim().parse().map_err(|_| {
                CliError::Missing("reminder-lead-days is a whole number of working days, such as 2")
            })?
        }
        "working-hours" => {
            let (start, end) = value
                .split_once('-')
                .and_then(|(a, b)| {
                    let time = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
                    time(a).zip(time(b))
                })
                .ok_or(CliError::Missing(
                    "working-hours is HH:MM-HH:MM, such as 08:30-17:30",
                ))?;
            settings.reminders.start = start;
            settings.reminders.end = end;
        }
        "remind-of" => {
            settings.remind_of_all_cases = match value.trim() {
                "all" => true,
                "mine" => false,
                _ => {
                    return Err(CliError::Missing(
                        "remind-of is mine (the user's cases) or all",
                    ))
                }
            }
        }
        "bilingual-letters" => {
            settings.bilingual_letters = match value.trim().to_lowercase().as_str() {
                "yes" | "true" | "on" => true,
                "no" | "false" | "off" => false,
                _ => return Err(CliError::Missing("bilingual-letters is yes or no")),
            }
        }
        "repeat-window-months" => {
            settings.repeat_window_months = value.trim().parse().map_err(|_| {
                CliError::Missing("repeat-window-months is a whole number of months, such as 6")
            })?
        }
        "nation" => settings.nation = value.parse::<Nation>()?,
        "closures" => {
            settings.closures = value
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(parse_date)
                .collect::<Result<_, _>>()?
        }
        "policy" => settings.policy = crate::deadlines::load_policy(Some(value))?,
        "reference-prefix" => settings.reference_prefix = value.trim().to_owned(),
        "user" => settings.user = value.to_owned(),
        "outcome-words" => {
            let mut words = redress::settings::OutcomeWords::default();
            for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let (outcome, word) = part.split_once('=').ok_or(CliError::Missing(
                    "outcome-words is OUTCOME=WORD;..., such as upheld=Justified;not-upheld=Not justified",
                ))?;
                let slot = match outcome.parse::<redress::case::Outcome>()? {
                    redress::case::Outcome::Upheld => &mut words.upheld,
                    redress::case::Outcome::PartlyUpheld => &mut words.partly_upheld,
                    redress::case::Outcome::NotUpheld => &mut words.not_upheld,
                };
                *slot = word.trim().to_owned();
            }
            settings.outcome_words = words;
        }
        "document-limit-mb" => {
            settings.document_limit_mb = crate::context::whole_number(value).map_err(|_| {
                CliError::Store(redress::settings::BadDocumentLimit(value.to_owned()).into())
            })?
        }
        "retention-years" => {
            settings.retention_years = crate::context::whole_number(value).map_err(|_| {
                CliError::Store(redress::settings::BadRetention(value.to_owned()).into())
            })?
        }
        other => return Err(CliError::UnknownSetting(other.to_owned())),
    }
    Ok(())
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
    writeln!(out, "nation            {}", settings.nation.slug())?;
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
