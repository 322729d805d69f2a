//! Where the database lives: the machine-local per-user data folder
//! (`%LOCALAPPDATA%` on Windows, never the roaming profile that councils
//! redirect to network shares), the one-time move of an earlier Redress's
//! roaming database there, and the places a SQLite database must not be
//! kept (a network drive, a folder a sync client copies) with the reason.

use std::path::{Component, Path, PathBuf};

use chrono::Utc;
use redress_store::{copy_database, Contents};

use crate::backups::{self, BackupKind, BackupsError};

/// The file name of the default database.
const FILE: &str = "redress.db";

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "Redress", "redress")
}

/// The default database file: `redress.db` in the platform's machine-local
/// per-user data folder, if the platform has one. An earlier Redress's
/// database in the roaming profile is moved here the first time (see
/// [`move_database`]); if that move fails, the roaming one is used as
/// before and the reason logged.
pub fn default_db_path() -> Option<PathBuf> {
    let local = project()?.data_local_dir().join(FILE);
    if let Some(roaming) = roaming_db_path() {
        match move_database(&roaming, &local) {
            Ok(Some(moved)) => {
                tracing::info!(from = %roaming.display(), to = %local.display(), kept = %moved.kept.display(), backup = %moved.backup.display(), "moved the database out of the roaming profile");
            }
            Ok(None) => {}
            Err(err) => {
                tracing::warn!(from = %roaming.display(), to = %local.display(), error = %err, "could not move the database out of the roaming profile; using it where it is");
                return Some(roaming);
            }
        }
    }
    Some(local)
}

/// Where an earlier Redress kept the default database, when that is not
/// the machine-local folder (on Windows, the roaming profile).
fn roaming_db_path() -> Option<PathBuf> {
    let dirs = project()?;
    (dirs.data_dir() != dirs.data_local_dir()).then(|| dirs.data_dir().join(FILE))
}

/// The folder where the desktop app writes its log: machine-local, like
/// the database.
pub fn default_log_dir() -> Option<PathBuf> {
    project().map(|dirs| dirs.data_local_dir().join("logs"))
}

/// A database moved by [`move_database`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The checked copy made in the old folder's backups before anything moved.
    pub backup: PathBuf,
    /// The old file, renamed so that it is never taken for the database again.
    pub kept: PathBuf,
}

/// Moves the database at `from` to `to` (a path with no database yet),
/// with its documents: a checked backup of it first, in its own backups
/// folder; then a checked copy staged beside `to` and renamed into place
/// once its documents are there; then the old file (and its journal
/// files) renamed `NAME.moved-STAMP`, never deleted. Nothing happens when
/// there is nothing at `from` or already a database at `to`.
pub fn move_database(from: &Path, to: &Path) -> Result<Option<Moved>, BackupsError> {
    if !from.is_file() || to.exists() {
        return Ok(None);
    }
    let backup = backups::keep_copy(from, BackupKind::BeforeMove)?;
    let name = to
        .file_name()
        .map_or_else(|| FILE.into(), |n| n.to_string_lossy().into_owned());
    let staged = to.with_file_name(format!(".{name}.moving"));
    let _ = std::fs::remove_file(&staged);
    let copied = copy_database(from, &staged)
        .map_err(BackupsError::from)
        .and_then(|()| {
            redress_store::bring_documents(
                &staged,
                &Contents::beside(to),
                &[Contents::beside(from)],
            )?;
            std::fs::rename(&staged, to).map_err(|source| {
                BackupsError::File(crate::files::FileError::Io {
                    path: to.to_owned(),
                    source,
                })
            })
        });
    if let Err(err) = copied {
        let _ = std::fs::remove_file(&staged);
        return Err(err);
    }
    let kept = backups::set_aside(
        from,
        &format!("moved-{}", Utc::now().format("%Y%m%dT%H%M%SZ")),
    )?;
    Ok(Some(Moved { backup, kept }))
}

/// Why a folder is no place for a database: SQLite's write-ahead log
/// needs a local disk that no other program copies while it is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Hazard {
    /// A network share (a UNC path, a mapped network drive, an NFS or SMB
    /// mount): another computer's cache can tear a write in two.
    #[error("{} is on a network drive, where the database can be damaged when the connection drops or another computer writes to it. Keep the database on this computer (the default place), and share cases with colleagues through Settings > Sync, which is made for shared folders.", .0.display())]
    NetworkDrive(PathBuf),
    /// Inside a folder a sync client (OneDrive, Dropbox…) copies.
    #[error("{} is inside a {client} folder, which copies files while they are being written and can keep a half-written or conflicting copy of the database. Keep the database on this computer outside {client} (the default place), and share cases with colleagues through Settings > Sync, which is made for shared folders.", .path.display())]
    SyncedFolder {
        /// The database file.
        path: PathBuf,
        /// The sync client, as people call it.
        client: &'static str,
    },
}

/// The folder names sync clients make, and the client's name for each
/// (compared without regard to capitals). OneDrive for Business names its
/// folder "OneDrive - Organisation".
const SYNCED: [(&str, &str); 8] = [
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("iclouddrive", "iCloud Drive"),
    ("box", "Box"),
    ("nextcloud", "Nextcloud"),
];

/// The file systems that are network shares, as Linux's mount table names them.
const NETWORK_FILE_SYSTEMS: [&str; 10] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ceph",
    "davfs",
];

/// Whether `path` (a database file, there or not) is somewhere a database
/// must not be, and why.
pub fn hazard(path: &Path) -> Option<Hazard> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    if let Some(client) = synced_client(&absolute) {
        return Some(Hazard::SyncedFolder {
            path: path.to_owned(),
            client,
        });
    }
    if is_unc(&absolute) || on_network_mount(&absolute) {
        return Some(Hazard::NetworkDrive(path.to_owned()));
    }
    None
}

/// The sync client whose folder holds `path`, if any.
fn synced_client(path: &Path) -> Option<&'static str> {
    path.components().find_map(|component| {
        let Component::Normal(name) = component else {
            return None;
        };
        let name = name.to_string_lossy().to_lowercase();
        SYNCED.iter().find_map(|(folder, client)| {
            let matches = name == *folder
                || (*folder == "onedrive" && name.starts_with("onedrive - "))
                || (*folder == "dropbox" && name.starts_with("dropbox ("));
            matches.then_some(*client)
        })
    })
}

/// A Windows network path: `\\server\share\…` (or `\\?\UNC\server\…`).
fn is_unc(path: &Path) -> bool {
    let text = path.to_string_lossy();
    if text.starts_with(r"\\?\UNC\") || text.starts_with(r"\\.\UNC\") {
        return true;
    }
    let verbatim = text.starts_with(r"\\?\") || text.starts_with(r"\\.\");
    !verbatim && (text.starts_with(r"\\") || text.starts_with("//"))
}

/// Whether the file system holding `path` is a network one.
#[cfg(target_os = "linux")]
fn on_network_mount(path: &Path) -> bool {
    std::fs::read_to_string("/proc/self/mountinfo")
        .map(|table| mount_is_network(&table, path))
        .unwrap_or(false)
}

/// Whether the drive holding `path` is a mapped network drive.
#[cfg(windows)]
fn on_network_mount(path: &Path) -> bool {
    use std::os::windows::ffi::OsStrExt;
    let Some(Component::Prefix(prefix)) = path.components().next() else {
        return false;
    };
    let (std::path::Prefix::Disk(letter) | std::path::Prefix::VerbatimDisk(letter)) = prefix.kind()
    else {
        return false;
    };
    let root: Vec<u16> = std::ffi::OsString::from(format!("{}:\\", char::from(letter)))
        .encode_wide()
        .chain(Some(0))
        .collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call;
    // GetDriveTypeW only reads it.
    #[allow(unsafe_code)]
    let kind = unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) };
    kind == windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOTE
}

#[cfg(not(any(target_os = "linux", windows)))]
fn on_network_mount(_path: &Path) -> bool {
    false
}

/// Reads a Linux mount table (`/proc/self/mountinfo`): whether the mount
/// holding `path` (the longest mount point it is under) is a network file
/// system.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn mount_is_network(table: &str, path: &Path) -> bool {
    let mut best: Option<(usize, &str)> = None;
    for line in table.lines() {
        // id parent major:minor root mount-point options [optional…] - type source super
        let fields: Vec<&str> = line.split(' ').collect();
        let Some(point) = fields.get(4) else { continue };
        let Some(dash) = fields.iter().position(|f| *f == "-") else {
            continue;
        };
        let Some(kind) = fields.get(dash + 1) else {
            continue;
        };
        let point = point.replace("\\040", " ");
        let longer = match best {
            Some((len, _)) => point.len() >= len,
            None => true,
        };
        if path.starts_with(&point) && longer {
            best = Some((point.len(), kind));
        }
    }
    best.is_some_and(|(_, kind)| NETWORK_FILE_SYSTEMS.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synced_folders_are_named_by_their_client() {
        let cases = [
            ("/home/sam/OneDrive/redress.db", Some("OneDrive")),
            (
                "/home/sam/OneDrive - Ceredigion County Council/Complaints/redress.db",
                Some("OneDrive"),
            ),
            ("/home/sam/Dropbox (Council)/redress.db", Some("Dropbox")),
            ("/home/sam/dropbox/redress.db", Some("Dropbox")),
            ("/home/sam/Google Drive/redress.db", Some("Google Drive")),
            ("/home/sam/Documents/redress.db", None),
            ("/home/sam/OneDriveNotes/redress.db", None),
            ("/home/sam/Boxes/redress.db", None),
        ];
        for (path, client) in cases {
            assert_eq!(synced_client(Path::new(path)), client, "{path}");
        }
    }

    #[test]
    fn unc_paths_are_network_paths_and_verbatim_local_ones_are_not() {
        assert!(is_unc(Path::new(r"\\fileserver\complaints\redress.db")));
        assert!(is_unc(Path::new(
            r"\\?\UNC\fileserver\complaints\redress.db"
        )));
        assert!(is_unc(Path::new("//fileserver/complaints/redress.db")));
        assert!(!is_unc(Path::new(r"\\?\C:\Users\sam\redress.db")));
        assert!(!is_unc(Path::new(r"C:\Users\sam\redress.db")));
        assert!(!is_unc(Path::new("/home/sam/redress.db")));
    }

    #[test]
    fn the_longest_mount_point_decides_whether_a_path_is_on_the_network() {
        let table = "\
22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
40 22 0:35 / /mnt/shared rw,relatime shared:20 - cifs //fileserver/complaints rw,vers=3.1.1
41 40 0:36 / /mnt/shared/local rw,relatime shared:21 - ext4 /dev/vdb1 rw
42 22 0:37 / /home/sam/Network\\040Drive rw,relatime - nfs4 server:/export rw
";
        assert!(mount_is_network(table, Path::new("/mnt/shared/redress.db")));
        assert!(!mount_is_network(
            table,
            Path::new("/mnt/shared/local/redress.db")
        ));
        assert!(!mount_is_network(table, Path::new("/home/sam/redress.db")));
        assert!(mount_is_network(
            table,
            Path::new("/home/sam/Network Drive/redress.db")
        ));
        assert!(!mount_is_network(
            table,
            Path::new("/mnt/sharedness/redress.db")
        ));
    }

    #[test]
    fn hazards_give_the_reason_and_point_to_sync() {
        let hazard = hazard(Path::new("/home/sam/OneDrive - Council/redress.db"))
            .expect("a OneDrive folder is a hazard");
        let text = hazard.to_string();
        assert!(text.contains("inside a OneDrive folder"), "{text}");
        assert!(text.contains("Settings > Sync"), "{text}");
        assert_eq!(super::hazard(Path::new("/tmp/x/redress.db")), None);
    }

    #[test]
    fn a_roaming_database_moves_once_with_its_documents_and_is_kept_aside() {
        use crate::{Clock, Service};
        use redress::case::StepForm;
        use redress::case_file::Direction;

        let dir = tempfile::tempdir().expect("temp dir");
        let roaming = dir.path().join("Roaming/Redress/redress/data/redress.db");
        let local = dir.path().join("Local/Redress/redress/data/redress.db");
        std::fs::create_dir_all(local.parent().expect("folder")).expect("local folder");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let reference = {
            let mut service =
                Service::create(Some(&roaming), Clock::Today(today), Some("T".into()), true)
                    .expect("made");
            let actor = service.actor();
            service
                .store_mut()
                .add_officer(
                    &redress_store::NewOfficer {
                        name: "Alex Khan".to_owned(),
                        service_area: Some("Housing".to_owned()),
                        ..redress_store::NewOfficer::default()
                    },
                    &actor,
                )
                .expect("officer");
            let case = service
                .record(
                    &StepForm::default()
                        .with("received_on", "02/11/2026")
                        .with("name", "Siân Jones")
                        .with("summary", "Leak")
                        .with("service_area", "Housing")
                        .with("officer", "Alex Khan"),
                )
                .expect("recorded")
                .case;
            service
                .attach(
                    &case.reference,
                    vec![("photo.txt".to_owned(), b"the damp wall".to_vec())],
                    "",
                    Direction::In,
                )
                .expect("attached");
            case.reference
        };

        let moved = move_database(&roaming, &local)
            .expect("moved")
            .expect("there was a database to move");
        assert!(!roaming.exists(), "the old file is set aside");
        assert!(moved.kept.is_file(), "and kept: {}", moved.kept.display());
        assert!(
            moved.backup.is_file() && moved.backup.starts_with(backups::folder_beside(&roaming)),
            "a checked backup first, in the old backups folder"
        );
        let service = Service::open(Some(&local), Clock::Today(today), None).expect("opens");
        let file = service.case_file(&reference).expect("the case came");
        let document = &file.documents[0];
        let saved = dir.path().join("saved.txt");
        service
            .save_document(&reference, &document.id.to_string(), &saved)
            .expect("its document's bytes came too");
        assert_eq!(std::fs::read(&saved).expect("saved"), b"the damp wall");

        assert_eq!(
            move_database(&roaming, &local).expect("nothing to do"),
            None,
            "a second start moves nothing"
        );
    }
}
