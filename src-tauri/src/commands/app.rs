//! The app as a whole: who and where it is, reference data for forms, and
//! demo data for an empty database.

use redress::calendar::Nation;
use redress::case::{Channel, ContactMethod, ExclusionReason, Ombudsman, Outcome, RemedyKind};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{DateView, OfficerView, TermView};

/// The header's facts.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    council_name: String,
    user: String,
    today: DateView,
    case_count: u64,
    nation: &'static str,
}

fn app_info_of(
    store: &redress::store::Store,
    ctx: &crate::state::Context,
) -> Result<AppInfo, IpcError> {
    let settings = store.settings()?;
    Ok(AppInfo {
        council_name: settings.council_name,
        user: ctx.actor.name.clone(),
        today: ctx.actor.today.into(),
        case_count: store.case_count()?,
        nation: settings.nation.name(),
    })
}

/// The header's facts.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.run(|store, ctx| app_info_of(store, ctx)).await
}

/// Fills an empty database with made-up cases.
#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>, cases: usize) -> Result<AppInfo, IpcError> {
    state
        .run(move |store, ctx| {
            redress::demo::populate(store, cases.min(100_000), 1, &ctx.actor)?;
            app_info_of(store, ctx)
        })
        .await
}

/// The choices forms offer.
#[derive(Debug, Serialize)]
pub struct ReferenceData {
    service_areas: Vec<String>,
    categories: Vec<String>,
    officers: Vec<OfficerView>,
    channels: Vec<TermView>,
    contact_methods: Vec<TermView>,
    exclusion_reasons: Vec<TermView>,
    outcomes: Vec<TermView>,
    remedy_kinds: Vec<TermView>,
    ombudsmen: Vec<TermView>,
    nations: Vec<TermView>,
}

macro_rules! terms {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|t| TermView::new(t.slug(), t.label()))
            .collect()
    };
}

pub(crate) fn reference_data_of(store: &redress::store::Store) -> Result<ReferenceData, IpcError> {
    Ok(ReferenceData {
        service_areas: store.service_areas()?.into_iter().map(|a| a.name).collect(),
        categories: store.categories()?.into_iter().map(|c| c.name).collect(),
        officers: store
            .officers()?
            .into_iter()
            .map(OfficerView::from)
            .collect(),
        channels: terms!(Channel),
        contact_methods: terms!(ContactMethod),
        exclusion_reasons: terms!(ExclusionReason),
        outcomes: terms!(Outcome),
        remedy_kinds: terms!(RemedyKind),
        ombudsmen: terms!(Ombudsman),
        nations: Nation::ALL
            .iter()
            .map(|n| TermView::new(n.slug(), n.name()))
            .collect(),
    })
}

/// The choices forms offer.
#[tauri::command]
pub async fn reference_data(state: State<'_, AppState>) -> Result<ReferenceData, IpcError> {
    state.run(|store, _| reference_data_of(store)).await
}
