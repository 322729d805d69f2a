//! Letters: a preview of any letter that fits a case, issuing it (kept with
//! the case and saved as a PDF in the letters folder), opening an issued
//! letter in the computer's PDF viewer (to read or print), and the template
//! editor's reading, previewing and saving.

use std::path::PathBuf;

use redress::case::Language;
use redress::letters::TEMPLATE_NAMES;
use redress_app::LetterRequest;
use redress_app::Service;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::views::{issued_letter_view, letter_preview_view, IssuedLetterView, LetterPreviewView};

/// What the letter form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LetterInput {
    kind: String,
    note: String,
    /// The officer's wording; `null` or empty for the template's.
    wording: Option<String>,
    reason: String,
    acknowledge: bool,
}

impl LetterInput {
    fn request(self) -> (String, LetterRequest) {
        (
            self.kind,
            LetterRequest {
                note: self.note,
                wording: self.wording.filter(|w| !w.trim().is_empty()),
                reason: self.reason,
                acknowledge: self.acknowledge,
            },
        )
    }
}

/// A letter as it would go out now; nothing is kept.
#[tauri::command]
pub async fn letter_preview(
    state: State<'_, AppState>,
    reference: String,
    input: LetterInput,
) -> Result<LetterPreviewView, IpcError> {
    let (kind, request) = input.request();
    state
        .run(move |service| {
            let (draft, _pdf) = service.letter_draft(&reference, &kind, &request)?;
            Ok(letter_preview_view(
                &draft.composed,
                draft.template.version,
                draft.edited,
            ))
        })
        .await
}

/// An issued letter and where its PDF was saved.
#[derive(Debug, Serialize)]
pub struct Issued {
    letter: IssuedLetterView,
    path: String,
}

fn save_pdf(service: &Service, file_name: &str, pdf: &[u8]) -> Result<PathBuf, IpcError> {
    super::save_document(service.letters_folder(), "letter", file_name, pdf)
}

/// Issues a letter: kept with the case and saved in the letters folder.
#[tauri::command]
pub async fn issue_letter(
    state: State<'_, AppState>,
    reference: String,
    input: LetterInput,
) -> Result<Issued, IpcError> {
    let (kind, request) = input.request();
    state
        .run(move |service| {
            let (issued, pdf) = service.issue_letter(&reference, &kind, &request)?;
            let letter = issued_letter_view(&issued);
            let path = save_pdf(service, &letter.file_name, &pdf)?;
            Ok(Issued {
                letter,
                path: path.display().to_string(),
            })
        })
        .await
}

/// Opens an issued letter in the computer's PDF viewer, saving it in the
/// letters folder first if it is not there.
#[tauri::command]
pub async fn open_letter(state: State<'_, AppState>, id: String) -> Result<Issued, IpcError> {
    state
        .run(move |service| {
            let (issued, pdf) = service.letter_pdf(&id)?;
            let letter = issued_letter_view(&issued);
            let path = save_pdf(service, &letter.file_name, &pdf)?;
            open::that_detached(&path).map_err(|e| {
                IpcError::general(
                    "cannot_open",
                    format!(
                        "The letter is saved as {}, but no PDF viewer would open it: {e}",
                        path.display()
                    ),
                )
            })?;
            Ok(Issued {
                letter,
                path: path.display().to_string(),
            })
        })
        .await
}

/// A template for the editor.
#[derive(Debug, Serialize)]
pub struct TemplateView {
    name: String,
    language: &'static str,
    version: u32,
    body: String,
    names: Vec<&'static str>,
}

impl From<redress_app::TemplateVersion> for TemplateView {
    fn from(t: redress_app::TemplateVersion) -> TemplateView {
        TemplateView {
            name: t.name,
            language: t.language.slug(),
            version: t.version,
            body: t.body,
            names: TEMPLATE_NAMES.to_vec(),
        }
    }
}

fn language(slug: &str) -> Result<Language, IpcError> {
    slug.parse::<Language>()
        .map_err(|e| IpcError::field("unknown_language", "language", e.to_string()))
}

/// The template in use.
#[tauri::command]
pub async fn get_template(
    state: State<'_, AppState>,
    name: String,
    language: String,
) -> Result<TemplateView, IpcError> {
    let lang = self::language(&language)?;
    state
        .run(move |service| Ok(service.template(&name, lang)?.into()))
        .await
}

/// A template's preview on the sample letter, or what is wrong with it.
#[derive(Debug, Serialize)]
pub struct TemplatePreview {
    preview: Option<LetterPreviewView>,
    error: Option<TemplateProblem>,
}

/// What is wrong with a template.
#[derive(Debug, Serialize)]
pub struct TemplateProblem {
    line: Option<usize>,
    field: Option<String>,
    message: String,
}

/// Fills the template being edited in on the sample letter.
#[tauri::command]
pub async fn preview_template(
    state: State<'_, AppState>,
    name: String,
    language: String,
    body: String,
) -> Result<TemplatePreview, IpcError> {
    let lang = self::language(&language)?;
    state
        .run(move |service| {
            let template = service.template(&name, lang)?;
            Ok(
                match service.preview_template(&template.name, lang, &body) {
                    Ok(composed) => TemplatePreview {
                        preview: Some(letter_preview_view(&composed, template.version, false)),
                        error: None,
                    },
                    Err(err) => TemplatePreview {
                        preview: None,
                        error: Some(TemplateProblem {
                            message: err.to_string(),
                            line: err.line,
                            field: err.field,
                        }),
                    },
                },
            )
        })
        .await
}

/// Saves the template being edited as its new version.
#[tauri::command]
pub async fn save_template(
    state: State<'_, AppState>,
    name: String,
    language: String,
    body: String,
) -> Result<TemplateView, IpcError> {
    let lang = self::language(&language)?;
    state
        .run(move |service| Ok(service.save_template(&name, lang, &body)?.into()))
        .await
}
