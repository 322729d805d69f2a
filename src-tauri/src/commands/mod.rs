//! The commands the UI may invoke, one module per area of the app. Each is a
//! few lines: take arguments, call the core, map failures to `IpcError`.

pub mod app;
pub mod calculator;
pub mod case_file;
pub mod cases;
pub mod letters;
pub mod people;
pub mod reminders;
pub mod reports;
pub mod safety;
pub mod settings;
pub mod sync;
pub mod transfer;

/// Saves a document the user asked for in one of the app's folders beside
/// the database (`what` names the kind, "letter" or "report", in messages).
pub(crate) fn save_document(
    folder: Option<std::path::PathBuf>,
    what: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<std::path::PathBuf, crate::error::IpcError> {
    save_document_with(folder, what, file_name, |out| {
        out.write_all(bytes)
            .map_err(|e| crate::error::IpcError::internal(&e.to_string()))
    })
}

/// Saves what `write` writes in the folder under `file_name` (replacing a
/// file of that name), streamed: see `save_document`.
pub(crate) fn save_document_with(
    folder: Option<std::path::PathBuf>,
    what: &str,
    file_name: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), crate::error::IpcError>,
) -> Result<std::path::PathBuf, crate::error::IpcError> {
    use crate::error::IpcError;
    let folder = folder.ok_or_else(|| {
        IpcError::general(
            "no_folder",
            format!("Redress has no folder to save {what}s in"),
        )
    })?;
    redress_app::files::private_folder(&folder)?;
    // Whatever the caller built the name from (a reference, a period, a
    // document's own name), one Windows can hold: no `:` or `/`, no device
    // names (CON, NUL, COM1...).
    let path = folder.join(redress::case_file::file_name_for_saving(file_name));
    redress_app::files::save_private_with(
        &path,
        redress_app::files::Replace::Allowed,
        None,
        write,
    )?;
    Ok(path)
}
