//! The case file in the window: files added (sent as the request's raw
//! bytes, so a 50 MB scan is not turned into JSON), saved, opened (never a
//! program or script), removed with a reason; notes and contacts; a new
//! complaint from an email file, shown as the prefilled form first; and the
//! Ombudsman's bundle. Copies the officer asks for go in `Case files/REF/`
//! beside the database.

use std::path::PathBuf;
use std::sync::Mutex;

use redress::case_file::{Direction, NewDocument};
use serde::Serialize;
use serde_json::Value;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{document_view, CaseView, DocumentView};

/// The folder beside the database for copies of a case's documents.
pub const FOLDER: &str = "Case files";

/// The email read last, waiting for the officer to check its form.
#[derive(Debug, Default)]
pub struct PendingEmail(Mutex<Option<Vec<NewDocument>>>);

fn header(request: &Request<'_>, name: &str) -> String {
    let raw = request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned()
}

fn body(request: &Request<'_>) -> Result<Vec<u8>, IpcError> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes.clone()),
        InvokeBody::Json(_) => Err(IpcError::general(
            "bad_request",
            "The file's bytes were not sent as the request's body",
        )),
    }
}

fn case_folder(service: &redress_app::Service, reference: &str) -> Option<PathBuf> {
    let safe = redress::case_file::file_name_for_saving(reference);
    service
        .folder_beside_database(FOLDER)
        .map(|folder| folder.join(safe))
}

/// A copy saved, and where.
#[derive(Debug, Serialize)]
pub struct SavedView {
    path: String,
    opened: bool,
}

/// Adds one file to a case. The body is the file's bytes; the headers
/// `redress-reference`, `redress-name`, `redress-direction` (`in` or
/// `out`) and `redress-description` say the rest (percent-encoded).
#[tauri::command]
pub async fn attach_document(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<DocumentView, IpcError> {
    let bytes = body(&request)?;
    let reference = header(&request, "redress-reference");
    let name = header(&request, "redress-name");
    let description = header(&request, "redress-description");
    let direction = match header(&request, "redress-direction").as_str() {
        "out" => Direction::Out,
        _ => Direction::In,
    };
    state
        .run(move |service| {
            let added = service.attach(&reference, vec![(name, bytes)], &description, direction)?;
            added
                .into_iter()
                .next()
                .map(|d| document_view(&d))
                .ok_or_else(|| IpcError::internal("no document was added"))
        })
        .await
}

/// Saves a copy of a document in the case's folder; with `open`, opens it
/// in the computer's own program too, unless it is a program or script.
#[tauri::command]
pub async fn save_case_document(
    state: State<'_, AppState>,
    reference: String,
    id: String,
    open: bool,
) -> Result<SavedView, IpcError> {
    state
        .run(move |service| {
            let (document, bytes) = service.document(&reference, &id)?;
            let name = redress::case_file::file_name_for_saving(&document.name);
            let path = super::save_document(case_folder(service, &reference), "document", &name, &bytes)?;
            if !open {
                return Ok(SavedView {
                    path: path.display().to_string(),
                    opened: false,
                });
            }
            if document.is_risky() {
                return Err(IpcError::general(
                    "risky_document",
                    format!(
                        "{} is a program, script or macro file, so Redress does not open it. A copy is saved as {}: have it checked before anyone opens it",
                        document.name,
                        path.display()
                    ),
                ));
            }
            open::that_detached(&path).map_err(|e| {
                IpcError::general(
                    "cannot_open",
                    format!(
                        "The document is saved as {}, but no program would open it: {e}",
                        path.display()
                    ),
                )
            })?;
            Ok(SavedView {
                path: path.display().to_string(),
                opened: true,
            })
        })
        .await
}

/// Removes a document from a case, with the reason.
#[tauri::command]
pub async fn remove_case_document(
    state: State<'_, AppState>,
    reference: String,
    id: String,
    reason: String,
) -> Result<CaseView, IpcError> {
    state
        .run(move |service| {
            service.remove_document(&reference, &id, &reason)?;
            super::cases::view(service, &reference)
        })
        .await
}

/// Writes a case note.
#[tauri::command]
pub async fn add_case_note(
    state: State<'_, AppState>,
    reference: String,
    text: String,
) -> Result<CaseView, IpcError> {
    state
        .run(move |service| {
            service.add_note(&reference, &text)?;
            super::cases::view(service, &reference)
        })
        .await
}

/// Logs a contact with the complainant.
#[tauri::command]
pub async fn record_case_contact(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    method: String,
    summary: String,
) -> Result<CaseView, IpcError> {
    state
        .run(move |service| {
            service.record_contact(&reference, &on, &method, &summary)?;
            super::cases::view(service, &reference)
        })
        .await
}

/// A document an email brings, as the form lists it.
#[derive(Debug, Serialize)]
pub struct EmailDocumentView {
    name: String,
    size: String,
    risky: bool,
}

/// An email read into the New complaint form.
#[derive(Debug, Serialize)]
pub struct EmailView {
    /// The intake form's fields, filled from the email.
    form: serde_json::Map<String, Value>,
    from: String,
    subject: String,
    /// When it was sent, as UK clocks showed it.
    sent: String,
    documents: Vec<EmailDocumentView>,
    /// A case the subject names, to add the email to instead.
    names_case: Option<String>,
    /// Whether the complaint was read from a message forwarded inside it.
    forwarded: bool,
    /// What the officer should know about how it was read (no date, cut
    /// short, an Exchange sender without an email address, …).
    warnings: Vec<String>,
}

/// Reads an email file (`.eml` or `.msg`; the body is its bytes, the
/// header `redress-name` its name) into the New complaint form. Nothing is
/// recorded until `record_email_complaint` or `add_email_to_case`.
#[tauri::command]
pub async fn read_email(
    state: State<'_, AppState>,
    pending: State<'_, PendingEmail>,
    request: Request<'_>,
) -> Result<EmailView, IpcError> {
    let bytes = body(&request)?;
    let name = header(&request, "redress-name");
    let intake = state
        .run(move |service| Ok(service.read_email(&name, &bytes, "", "", "")?))
        .await?;
    let form = intake
        .form
        .0
        .iter()
        .filter_map(|(k, v)| match v {
            redress::case::Entry::Text(t) if !t.is_empty() => {
                Some((k.clone(), Value::String(t.clone())))
            }
            _ => None,
        })
        .collect();
    let view = EmailView {
        form,
        from: match (
            intake.email.from_name.is_empty(),
            intake.email.from_address.is_empty(),
        ) {
            (true, _) => intake.email.from_address.clone(),
            (false, true) => intake.email.from_name.clone(),
            (false, false) => {
                format!("{} <{}>", intake.email.from_name, intake.email.from_address)
            }
        },
        subject: intake.email.subject.clone(),
        sent: intake
            .email
            .sent_at
            .map(redress::dates::moment)
            .unwrap_or_default(),
        documents: intake
            .documents
            .iter()
            .map(|d| EmailDocumentView {
                name: d.name.clone(),
                size: redress::words::size(d.content.len() as u64),
                risky: redress::case_file::is_risky(&d.name),
            })
            .collect(),
        names_case: intake.names_case.clone(),
        forwarded: intake.email.forwarded,
        warnings: intake.warnings(),
    };
    keep_pending(&pending, intake.documents);
    Ok(view)
}

fn take_pending(pending: &PendingEmail) -> Result<Vec<NewDocument>, IpcError> {
    pending
        .0
        .lock()
        .ok()
        .and_then(|mut slot| slot.take())
        .ok_or_else(|| {
            IpcError::general(
                "no_email",
                "Choose the email again: the one read before is no longer held",
            )
        })
}

fn keep_pending(pending: &PendingEmail, documents: Vec<NewDocument>) {
    if let Ok(mut slot) = pending.0.lock() {
        *slot = Some(documents);
    }
}

/// Runs work with the documents of the email read last; if it is refused,
/// the email is still held for another try.
async fn with_pending<F>(
    state: &AppState,
    pending: &PendingEmail,
    work: F,
) -> Result<CaseView, IpcError>
where
    F: FnOnce(&mut redress_app::Service, Vec<NewDocument>) -> Result<CaseView, IpcError>
        + Send
        + 'static,
{
    let documents = take_pending(pending)?;
    let kept = documents.clone();
    let result = state.run(move |service| work(service, documents)).await;
    if result.is_err() {
        keep_pending(pending, kept);
    }
    result
}

/// Records the complaint from the email read last, with the form as the
/// officer checked it; the email and its attachments become documents
/// received. A refusal keeps the email for another try.
#[tauri::command]
pub async fn record_email_complaint(
    state: State<'_, AppState>,
    pending: State<'_, PendingEmail>,
    input: serde_json::Map<String, Value>,
) -> Result<CaseView, IpcError> {
    let form = super::cases::form(input);
    with_pending(&state, &pending, move |service, documents| {
        let (recorded, _) = service.record_from_email(&form, documents)?;
        super::cases::view(service, &recorded.case.reference)
    })
    .await
}

/// Adds the email read last, and its attachments, to an existing case.
#[tauri::command]
pub async fn add_email_to_case(
    state: State<'_, AppState>,
    pending: State<'_, PendingEmail>,
    reference: String,
) -> Result<CaseView, IpcError> {
    with_pending(&state, &pending, move |service, documents| {
        service.add_email_to_case(&reference, documents)?;
        super::cases::view(service, &reference)
    })
    .await
}

/// Makes the case file for the Ombudsman as one PDF, saves it in the case's
/// folder and opens it.
#[tauri::command]
pub async fn make_case_bundle(
    state: State<'_, AppState>,
    reference: String,
) -> Result<SavedView, IpcError> {
    state
        .run(move |service| {
            let pdf = service.bundle(&reference)?;
            let name = format!(
                "{} complaint file {}.pdf",
                redress::case_file::file_name_for_saving(&reference),
                service.today()
            );
            let path =
                super::save_document(case_folder(service, &reference), "case file", &name, &pdf)?;
            let opened = open::that_detached(&path).is_ok();
            Ok(SavedView {
                path: path.display().to_string(),
                opened,
            })
        })
        .await
}
