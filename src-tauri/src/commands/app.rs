//! The app as a whole: who and where it is, reference data for forms, and
//! demo data for an empty database.

use redress::case::{
    Channel, ContactMethod, ExclusionReason, Language, Ombudsman, Outcome, RemedyKind, Role,
};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{terms, DateView, OfficerView, TermView};
use redress_app::Service;

/// What About in Settings shows: the app's identity, where its files are,
/// and the licences it ships.
#[derive(Debug, Serialize)]
pub struct AboutView {
    name: String,
    version: String,
    identifier: String,
    publisher: Option<String>,
    copyright: Option<String>,
    licence: Option<String>,
    database: Option<String>,
    backups_folder: Option<String>,
    log_folder: Option<String>,
    /// The third-party licences file shipped beside the app, if present
    /// (packages carry it; a build from source does not).
    licences_file: Option<String>,
}

/// The third-party licences shipped with a package: beside the executable
/// on Windows, in the package's documentation folder on Linux.
fn licences_file() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    [
        dir.join("THIRD-PARTY-LICENSES.html"),
        dir.join("../share/doc/redress/THIRD-PARTY-LICENSES.html"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// The app's identity and folders.
#[tauri::command]
pub async fn about<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AboutView, IpcError> {
    // The identity as tauri.conf.json says it (the running config keeps
    // only some of its bundle fields).
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap_or_default();
    let field = |name: &str| conf["bundle"][name].as_str().map(str::to_owned);
    let info = app.package_info();
    let identifier = app.config().identifier.clone();
    let (database, backups_folder) = state
        .run_either(|state| {
            Ok(match state {
                Ok(service) => (
                    service.database_path().map(|p| p.display().to_string()),
                    service.backups_folder().map(|p| p.display().to_string()),
                ),
                Err(unusable) => (Some(unusable.path.display().to_string()), None),
            })
        })
        .await?;
    Ok(AboutView {
        name: info.name.clone(),
        version: info.version.to_string(),
        identifier,
        publisher: field("publisher"),
        copyright: field("copyright"),
        licence: field("license"),
        database,
        backups_folder,
        log_folder: redress_app::default_log_dir().map(|p| p.display().to_string()),
        licences_file: licences_file().map(|p| p.display().to_string()),
    })
}

/// Opens the log folder, or the licences file, in the computer's own
/// program (`what`: `logs` or `licences`).
#[tauri::command]
pub async fn open_about_file(what: String) -> Result<String, IpcError> {
    let path = match what.as_str() {
        "logs" => redress_app::default_log_dir(),
        "licences" => licences_file(),
        _ => None,
    }
    .ok_or_else(|| IpcError::general("no_file", "There is no such file or folder here"))?;
    if what == "logs" {
        redress_app::files::private_folder(&path)?;
    }
    open::that_detached(&path).map_err(|e| {
        IpcError::general(
            "cannot_open",
            format!(
                "{} is there, but nothing would open it: {e}",
                path.display()
            ),
        )
    })?;
    Ok(path.display().to_string())
}

/// The header's facts.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    council_name: String,
    user: String,
    today: DateView,
    case_count: u64,
    nation: &'static str,
    /// A council in England or Wales that has not said which: asked, never
    /// guessed.
    nation_unsaid: bool,
}

fn app_info_of(service: &Service) -> Result<AppInfo, IpcError> {
    let settings = service.settings();
    Ok(AppInfo {
        council_name: settings.council_name.clone(),
        user: service.actor().name,
        today: service.today().into(),
        case_count: service.case_count()?,
        nation_unsaid: settings.country().is_none(),
        // The council's nation where it has said, else its bank holidays'.
        nation: settings
            .country()
            .map_or(settings.nation.name(), |country| country.label()),
    })
}

/// The header's facts.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.run(|service| app_info_of(service)).await
}

/// Fills an empty database with made-up cases.
#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>, cases: usize) -> Result<AppInfo, IpcError> {
    state
        .run(move |service| {
            service.populate_demo(cases.min(100_000), 1)?;
            app_info_of(service)
        })
        .await
}

/// A service area and the Ombudsman its complaints go to.
#[derive(Debug, Serialize)]
pub struct ServiceAreaOmbudsman {
    name: String,
    ombudsman: &'static str,
}

/// The choices forms offer.
#[derive(Debug, Serialize)]
pub struct ReferenceData {
    service_areas: Vec<String>,
    service_area_ombudsmen: Vec<ServiceAreaOmbudsman>,
    categories: Vec<String>,
    officers: Vec<OfficerView>,
    channels: Vec<TermView>,
    contact_methods: Vec<TermView>,
    exclusion_reasons: Vec<TermView>,
    outcomes: Vec<TermView>,
    remedy_kinds: Vec<TermView>,
    ombudsmen: Vec<TermView>,
    nations: Vec<TermView>,
    roles: Vec<TermView>,
    languages: Vec<TermView>,
    /// Where a stage's response time may be counted from.
    response_clocks: Vec<TermView>,
    /// A case's states.
    statuses: Vec<TermView>,
    /// The intake form's fields, as the core reads them.
    intake_fields: Vec<&'static str>,
    /// The letter fields most templates use, each with what it gives.
    template_fields: Vec<TermView>,
}

pub(crate) fn reference_data_of(service: &redress_app::Service) -> Result<ReferenceData, IpcError> {
    Ok(ReferenceData {
        service_areas: service
            .service_areas()?
            .into_iter()
            .map(|a| a.name)
            .collect(),
        service_area_ombudsmen: service
            .service_area_ombudsmen()?
            .into_iter()
            .map(|(name, ombudsman)| ServiceAreaOmbudsman {
                name,
                ombudsman: ombudsman.slug(),
            })
            .collect(),
        categories: service.categories()?.into_iter().map(|c| c.name).collect(),
        officers: service
            .officers()?
            .into_iter()
            .map(OfficerView::from)
            .collect(),
        channels: terms!(Channel),
        contact_methods: terms!(ContactMethod),
        exclusion_reasons: terms!(ExclusionReason),
        outcomes: terms!(Outcome),
        remedy_kinds: terms!(RemedyKind),
        // The council's nation's Ombudsmen, where it has said which it is.
        ombudsmen: match service.settings().country() {
            Some(country) => country
                .ombudsmen()
                .iter()
                .map(|o| TermView::new(o.slug(), o.label()))
                .collect(),
            None => terms!(Ombudsman),
        },
        nations: terms!(redress::case::Country),
        roles: terms!(Role),
        languages: terms!(Language),
        response_clocks: terms!(redress::policy::ResponseClock),
        statuses: terms!(redress::case::Status),
        intake_fields: redress::case::INTAKE_FIELDS.to_vec(),
        template_fields: redress::letters::COMMON_FIELDS
            .iter()
            .map(|(name, meaning)| TermView::new(name, meaning))
            .collect(),
    })
}

/// The choices forms offer.
#[tauri::command]
pub async fn reference_data(state: State<'_, AppState>) -> Result<ReferenceData, IpcError> {
    state.run(|service| reference_data_of(service)).await
}
