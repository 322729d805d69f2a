//! Importing a council's spreadsheet for the front ends: all or nothing,
//! or the good rows imported and the refused ones saved as a rejects file
//! where the officer says, before the import is committed (so a rejects
//! file that cannot be saved leaves nothing imported).

use std::path::{Path, PathBuf};

use redress::case::Record;
use redress_store::{BadRows, ImportFile, ImportSummary, StoreError};

use crate::files::{save_private, FileError, Replace};
use crate::Service;

/// Why an import did not happen. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The sheet, its rows or the database refused.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The rejects file could not be saved.
    #[error("{0}; nothing was imported")]
    Rejects(#[from] FileError),
}

impl Service {
    /// Where the window offers to save an import's refused rows: the
    /// Exports folder beside the database (made if need be), named after
    /// the spreadsheet, never a name already taken there.
    pub fn default_rejects_path(&self, file_name: &str) -> Result<Option<PathBuf>, FileError> {
        let Some(folder) = self.folder_beside_database("Exports") else {
            return Ok(None);
        };
        crate::files::private_folder(&folder)?;
        let stem = Path::new(file_name)
            .file_stem()
            .map_or_else(|| "Import".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = (1..)
            .map(|n| match n {
                1 => folder.join(format!("{stem} - refused rows.csv")),
                n => folder.join(format!("{stem} - refused rows ({n}).csv")),
            })
            .find(|p| !p.exists());
        Ok(path)
    }

    /// Imports `file`: with `rejects`, every complaint whose rows pass, in
    /// one transaction, the refused rows saved (as they were, with a
    /// `Problem` column) at that path first, never over a file already
    /// there; without, all or nothing. A dry run writes neither.
    pub fn import_cases(
        &mut self,
        file: &ImportFile<'_>,
        dry_run: bool,
        rejects: Option<&Path>,
    ) -> Result<ImportSummary, ImportError> {
        let actor = self.actor();
        let database = self.database_path().map(Path::to_path_buf);
        let bad_rows = if rejects.is_some() {
            BadRows::Skip
        } else {
            BadRows::RefuseAll
        };
        let today = self.today();
        let history = crate::under(&self.settings, &self.calendar, today, Record::History);
        self.store
            .import_sheet_with(
                file,
                &actor,
                history.rules,
                dry_run,
                bad_rows,
                |summary| match (rejects, &summary.rejects) {
                    (Some(to), Some(csv)) if !dry_run && !summary.rejected.is_empty() => {
                        save_private(to, csv, Replace::Never, database.as_deref())
                            .map_err(ImportError::from)
                    }
                    _ => Ok(()),
                },
            )
    }
}
