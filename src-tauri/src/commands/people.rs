//! People: the people list, a person's page and the changes made there
//! (details, merge, restriction and its review), and the likely matches the
//! New complaint form shows as the officer types.

use redress::people::PersonId;
use redress_app::Service;
use serde::Serialize;
use serde_json::Value;
use tauri::State;

use super::cases::form;
use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{person_view, MatchView, PersonRowView, PersonView};

fn view(service: &Service, file: redress_app::PersonFile) -> Result<PersonView, IpcError> {
    Ok(person_view(
        file,
        service.officers()?,
        service.calendar(),
        service.today(),
    ))
}

fn person_id(id: &str) -> Result<PersonId, IpcError> {
    id.parse::<PersonId>()
        .map_err(|err| IpcError::general("person_not_found", err.to_string()))
}

/// The people list.
#[derive(Debug, Serialize)]
pub struct PeopleList {
    people: Vec<PersonRowView>,
    /// Whether more people match than are listed.
    more: bool,
}

/// The most people the People screen lists at once (a search finds others).
const PEOPLE_SHOWN: usize = 200;

/// People whose name, email or phone contain `search`, by name.
#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    search: Option<String>,
) -> Result<PeopleList, IpcError> {
    state
        .run(move |service| {
            // One more than is shown, to know whether there are more.
            let mut people =
                service.people(search.as_deref().unwrap_or(""), PEOPLE_SHOWN as u32 + 1)?;
            let more = people.len() > PEOPLE_SHOWN;
            people.truncate(PEOPLE_SHOWN);
            Ok(PeopleList {
                people: people.into_iter().map(PersonRowView::from).collect(),
                more,
            })
        })
        .await
}

/// A person's page.
#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: String) -> Result<PersonView, IpcError> {
    state
        .run(move |service| {
            let file = service.person(&id)?;
            view(service, file)
        })
        .await
}

/// Changes a person's details, for all their cases.
#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: serde_json::Map<String, Value>,
) -> Result<PersonView, IpcError> {
    let id = person_id(&id)?;
    let details = form(input);
    state
        .run(move |service| {
            let file = service.update_person(id, &details)?;
            view(service, file)
        })
        .await
}

/// Merges `other` into `keep`.
#[tauri::command]
pub async fn merge_people(
    state: State<'_, AppState>,
    keep: String,
    other: String,
) -> Result<PersonView, IpcError> {
    state
        .run(move |service| {
            let file = service.merge_people(&keep, &other)?;
            view(service, file)
        })
        .await
}

/// Records a restriction decided by a head of service.
#[tauri::command]
pub async fn restrict_person(
    state: State<'_, AppState>,
    id: String,
    input: serde_json::Map<String, Value>,
) -> Result<PersonView, IpcError> {
    let id = person_id(&id)?;
    let decision = form(input);
    state
        .run(move |service| {
            let file = service.restrict_person(id, &decision)?;
            view(service, file)
        })
        .await
}

/// Records the review of a restriction: kept or lifted.
#[tauri::command]
pub async fn review_restriction(
    state: State<'_, AppState>,
    id: String,
    number: u32,
    input: serde_json::Map<String, Value>,
) -> Result<PersonView, IpcError> {
    let id = person_id(&id)?;
    let review = form(input);
    state
        .run(move |service| {
            let file = service.review_restriction(id, number, &review)?;
            view(service, file)
        })
        .await
}

/// The likely-match panel of the New complaint form.
#[derive(Debug, Serialize)]
pub struct Matches {
    window_months: u32,
    matches: Vec<MatchView>,
}

/// The people the complainant being typed in may be.
#[tauri::command]
pub async fn match_people(
    state: State<'_, AppState>,
    input: serde_json::Map<String, Value>,
) -> Result<Matches, IpcError> {
    let typed = form(input);
    state
        .run(move |service| {
            let (today, calendar) = (service.today(), service.calendar());
            let matches = service
                .intake_matches(&typed)?
                .into_iter()
                .map(|found| MatchView::new(found, today, calendar))
                .collect();
            Ok(Matches {
                window_months: service.settings().repeat_window_months,
                matches,
            })
        })
        .await
}
