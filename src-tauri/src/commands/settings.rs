//! Settings and reference data: the council, its calendar and procedure, the
//! reference prefix, the user, and officers, service areas and categories.

use redress::case::Role;
use redress::dates::parse_date;
use redress::policy::{Policy, PolicyError, ResponseClock, StagePolicy};
use redress::settings::Settings;
use redress_app::NewOfficer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use super::app::{reference_data_of, ReferenceData};
use crate::error::IpcError;
use crate::state::AppState;
use crate::views::DateView;

/// One stage's timescales, as the form shows them.
#[derive(Debug, Serialize)]
pub struct StageView {
    acknowledge_days: u32,
    response_days: u32,
    response_from: &'static str,
    extension_limit_days: u32,
}

/// The settings screen.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    council_name: String,
    council_address: String,
    council_phone: String,
    council_email: String,
    council_website: String,
    nation: &'static str,
    closures: Vec<DateView>,
    reference_prefix: String,
    user: String,
    repeat_window_months: u32,
    bilingual_letters: bool,
    reminder_lead_days: u32,
    working_hours_start: String,
    working_hours_end: String,
    remind_of_all_cases: bool,
    outcome_words: redress::settings::OutcomeWords,
    document_limit_mb: u32,
    policy: PolicyView,
}

/// The procedure.
#[derive(Debug, Serialize)]
pub struct PolicyView {
    name: String,
    stages: Vec<StageView>,
    max_stages: usize,
}

fn settings_view(settings: Settings) -> SettingsView {
    // The council's nation where it has said, else the calendar's name.
    let nation = settings
        .country()
        .map_or(settings.nation.slug(), |country| country.slug());
    SettingsView {
        council_name: settings.council_name,
        council_address: settings.council_address,
        council_phone: settings.council_phone,
        council_email: settings.council_email,
        council_website: settings.council_website,
        nation,
        closures: settings.closures.into_iter().map(DateView::from).collect(),
        reference_prefix: settings.reference_prefix,
        user: settings.user,
        repeat_window_months: settings.repeat_window_months,
        bilingual_letters: settings.bilingual_letters,
        reminder_lead_days: settings.reminders.lead_days,
        working_hours_start: settings.reminders.start.format("%H:%M").to_string(),
        working_hours_end: settings.reminders.end.format("%H:%M").to_string(),
        remind_of_all_cases: settings.remind_of_all_cases,
        outcome_words: settings.outcome_words,
        document_limit_mb: settings.document_limit_mb,
        policy: PolicyView {
            max_stages: redress::policy::MAX_STAGES,
            name: settings.policy.name().to_owned(),
            stages: settings
                .policy
                .stages()
                .iter()
                .map(|s| StageView {
                    acknowledge_days: s.acknowledge_days,
                    response_days: s.response_days,
                    response_from: s.response_from.slug(),
                    extension_limit_days: s.extension_limit_days,
                })
                .collect(),
        },
    }
}

/// The settings.
#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView, IpcError> {
    state
        .run(|service| Ok(settings_view(service.settings().clone())))
        .await
}

/// One stage from the form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StageInput {
    acknowledge_days: Value,
    response_days: Value,
    response_from: String,
    extension_limit_days: Value,
}

/// The procedure from the form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PolicyInput {
    name: String,
    stages: Vec<StageInput>,
}

/// The settings form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    council_name: String,
    council_address: String,
    council_phone: Option<String>,
    council_email: Option<String>,
    council_website: Option<String>,
    nation: String,
    closures: Vec<String>,
    reference_prefix: String,
    user: String,
    repeat_window_months: Option<Value>,
    bilingual_letters: Option<bool>,
    reminder_lead_days: Option<Value>,
    working_hours_start: Option<String>,
    working_hours_end: Option<String>,
    remind_of_all_cases: Option<bool>,
    /// The council's own words for the outcomes (left out: kept).
    #[serde(default)]
    outcome_words: Option<redress::settings::OutcomeWords>,
    /// The largest file a case file takes, in MB (left out: kept).
    document_limit_mb: Option<Value>,
    policy: PolicyInput,
}

const STAGE_FIELDS: [[&str; 4]; 3] = [
    [
        "stage1_acknowledge_days",
        "stage1_response_days",
        "stage1_response_from",
        "stage1_extension_limit_days",
    ],
    [
        "stage2_acknowledge_days",
        "stage2_response_days",
        "stage2_response_from",
        "stage2_extension_limit_days",
    ],
    [
        "stage3_acknowledge_days",
        "stage3_response_days",
        "stage3_response_from",
        "stage3_extension_limit_days",
    ],
];

fn days(field: &'static str, value: &Value) -> Result<u32, IpcError> {
    let parsed = match value {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    parsed
        .ok_or_else(|| IpcError::field("bad_number", field, "Enter a whole number of working days"))
}

fn policy(input: PolicyInput) -> Result<Policy, IpcError> {
    let mut stages = Vec::new();
    for (index, stage) in input.stages.iter().enumerate() {
        let Some(fields) = STAGE_FIELDS.get(index) else {
            return Err(IpcError::general(
                "bad_policy",
                "A procedure has at most 3 stages",
            ));
        };
        stages.push(StagePolicy {
            acknowledge_days: days(fields[0], &stage.acknowledge_days)?,
            response_days: days(fields[1], &stage.response_days)?,
            response_from: match stage.response_from.as_str() {
                "receipt" => ResponseClock::Receipt,
                "acknowledgement" => ResponseClock::Acknowledgement,
                _ => {
                    return Err(IpcError::field(
                        "bad_choice",
                        fields[2],
                        "Choose when the response clock starts",
                    ))
                }
            },
            extension_limit_days: days(fields[3], &stage.extension_limit_days)?,
        });
    }
    let name = if input.name.trim().is_empty() {
        "Council policy".to_owned()
    } else {
        input.name
    };
    Policy::new(name, stages).map_err(|err| match &err {
        PolicyError::ZeroDays { stage, field } | PolicyError::TooManyDays { stage, field } => {
            let column = match *field {
                "acknowledge_days" => 0,
                "response_days" => 1,
                _ => 3,
            };
            let name = STAGE_FIELDS
                .get(stage.saturating_sub(1))
                .map_or("policy", |f| f[column]);
            IpcError::field("bad_policy", name, err.to_string())
        }
        _ => IpcError::general("bad_policy", err.to_string()),
    })
}

/// Saves the settings; stages opened from now on follow them.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    input: SettingsInput,
) -> Result<SettingsView, IpcError> {
    let (nation, country) = Settings::read_nation(&input.nation)
        .map_err(|e| IpcError::field("bad_nation", "nation", e.to_string()))?;
    let closures = input
        .closures
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(|d| {
            parse_date(d)
                .map_err(|e| IpcError::field("bad_date", "closures", format!("Closure days: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (phone, email, website) = (
        input.council_phone.clone(),
        input.council_email.clone(),
        input.council_website.clone(),
    );
    let bilingual = input.bilingual_letters;
    let repeat_window = input
        .repeat_window_months
        .as_ref()
        .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
        .map(|v| {
            match v {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(t) => t.trim().parse().ok(),
                _ => None,
            }
            .filter(|months| redress::settings::REPEAT_WINDOW_MONTHS.contains(months))
            .ok_or_else(|| {
                IpcError::field(
                    "bad_months",
                    "repeat_window_months",
                    "Enter a whole number of months from 1 to 60, such as 6",
                )
            })
        })
        .transpose()?;
    let settings = Settings {
        council_name: input.council_name,
        council_address: input.council_address,
        council_phone: String::new(),
        council_email: String::new(),
        council_website: String::new(),
        nation,
        country,
        closures,
        policy: policy(input.policy)?,
        reference_prefix: input.reference_prefix.trim().to_owned(),
        user: input.user,
        repeat_window_months: 6,
        bilingual_letters: false,
        reminders: Default::default(),
        remind_of_all_cases: false,
        training: false,
        retention_years: redress::settings::DEFAULT_RETENTION_YEARS,
        outcome_words: Default::default(),
        document_limit_mb: redress::case_file::DEFAULT_LIMIT_MB,
    };
    let time = |field: &'static str, text: &Option<String>| {
        text.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| {
                chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| {
                    IpcError::field("bad_time", field, "Enter a time as HH:MM, such as 08:30")
                })
            })
            .transpose()
    };
    let hours = (
        time("working_hours_start", &input.working_hours_start)?,
        time("working_hours_end", &input.working_hours_end)?,
    );
    let lead = input
        .reminder_lead_days
        .as_ref()
        .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
        .map(|v| days("reminder_lead_days", v))
        .transpose()?;
    let all_cases = input.remind_of_all_cases;
    let outcome_words = input.outcome_words;
    let limit = input
        .document_limit_mb
        .as_ref()
        .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
        .map(|v| {
            let parsed = match v {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            parsed.ok_or_else(|| {
                IpcError::field(
                    "bad_limit",
                    "document_limit_mb",
                    "Enter the largest file as a whole number of megabytes, such as 50",
                )
            })
        })
        .transpose()?;
    state
        .run(move |service| {
            // What the form leaves out stays as it was.
            let current = service.settings();
            let settings = Settings {
                repeat_window_months: repeat_window.unwrap_or(current.repeat_window_months),
                bilingual_letters: bilingual.unwrap_or(current.bilingual_letters),
                council_phone: phone.unwrap_or_else(|| current.council_phone.clone()),
                council_email: email.unwrap_or_else(|| current.council_email.clone()),
                council_website: website.unwrap_or_else(|| current.council_website.clone()),
                reminders: redress::reminders::ReminderPolicy {
                    lead_days: lead.unwrap_or(current.reminders.lead_days),
                    start: hours.0.unwrap_or(current.reminders.start),
                    end: hours.1.unwrap_or(current.reminders.end),
                },
                remind_of_all_cases: all_cases.unwrap_or(current.remind_of_all_cases),
                training: current.training,
                // The nation the council said, while its bank holidays agree.
                country: settings
                    .country
                    .or(current.country.filter(|c| c.calendar() == settings.nation)),
                retention_years: current.retention_years,
                outcome_words: outcome_words.unwrap_or_else(|| current.outcome_words.clone()),
                document_limit_mb: limit.unwrap_or(current.document_limit_mb),
                ..settings
            };
            service.save_settings(settings)?;
            Ok(settings_view(service.settings().clone()))
        })
        .await
}

/// An officer from the form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OfficerInput {
    name: String,
    job_title: String,
    service_area: String,
    email: String,
    phone: String,
    roles: Vec<String>,
}

impl OfficerInput {
    /// The officer to save; an unknown role is refused by name.
    fn officer(self) -> Result<NewOfficer, IpcError> {
        let roles = self
            .roles
            .iter()
            .map(|slug| slug.parse::<Role>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| IpcError::field("unknown_role", "roles", e.to_string()))?;
        Ok(NewOfficer {
            name: self.name,
            job_title: self.job_title,
            service_area: Some(self.service_area).filter(|a| !a.trim().is_empty()),
            email: self.email,
            phone: self.phone,
            roles,
        })
    }
}

/// Adds an officer.
#[tauri::command]
pub async fn add_officer(
    state: State<'_, AppState>,
    input: OfficerInput,
) -> Result<ReferenceData, IpcError> {
    let officer = input.officer()?;
    state
        .run(move |service| {
            service.add_officer(&officer)?;
            reference_data_of(service)
        })
        .await
}

/// Changes an officer's details and roles.
#[tauri::command]
pub async fn update_officer(
    state: State<'_, AppState>,
    name: String,
    input: OfficerInput,
) -> Result<ReferenceData, IpcError> {
    let officer = input.officer()?;
    state
        .run(move |service| {
            service.update_officer(&name, &officer)?;
            reference_data_of(service)
        })
        .await
}

/// Retires an officer who has left, or brings them back.
#[tauri::command]
pub async fn retire_officer(
    state: State<'_, AppState>,
    name: String,
    retired: bool,
) -> Result<ReferenceData, IpcError> {
    state
        .run(move |service| {
            service.retire_officer(&name, retired)?;
            reference_data_of(service)
        })
        .await
}

/// Adds a service area.
#[tauri::command]
pub async fn add_service_area(
    state: State<'_, AppState>,
    name: String,
) -> Result<ReferenceData, IpcError> {
    state
        .run(move |service| {
            service.add_service_area(&name)?;
            reference_data_of(service)
        })
        .await
}

/// Adds a category.
#[tauri::command]
pub async fn add_category(
    state: State<'_, AppState>,
    name: String,
) -> Result<ReferenceData, IpcError> {
    state
        .run(move |service| {
            service.add_category(&name)?;
            reference_data_of(service)
        })
        .await
}

/// Says which Ombudsman a service area's complaints go to.
#[tauri::command]
pub async fn set_service_area_ombudsman(
    state: State<'_, AppState>,
    name: String,
    ombudsman: String,
) -> Result<ReferenceData, IpcError> {
    let ombudsman = ombudsman
        .parse::<redress::case::Ombudsman>()
        .map_err(|e| IpcError::field("unknown_ombudsman", "ombudsman", e.to_string()))?;
    state
        .run(move |service| {
            service.set_service_area_ombudsman(&name, ombudsman)?;
            reference_data_of(service)
        })
        .await
}

/// Whether the letterhead has a logo.
#[derive(Debug, Serialize)]
pub struct LogoView {
    has_logo: bool,
}

fn logo_view(service: &redress_app::Service) -> Result<LogoView, IpcError> {
    Ok(LogoView {
        has_logo: service.logo()?.is_some(),
    })
}

/// Sets the council's logo for letters (a PNG's bytes), or removes it
/// (`null`).
#[tauri::command]
pub async fn set_logo(
    state: State<'_, AppState>,
    png: Option<Vec<u8>>,
) -> Result<LogoView, IpcError> {
    state
        .run(move |service| {
            service.set_logo(png.as_deref())?;
            logo_view(service)
        })
        .await
}

/// Whether the letterhead has a logo.
#[tauri::command]
pub async fn get_logo(state: State<'_, AppState>) -> Result<LogoView, IpcError> {
    state.run(|service| logo_view(service)).await
}
