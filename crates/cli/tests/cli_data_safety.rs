//! Data safety through the real binary: each defect found by trying to break
//! the build (numbered as in the issue), backups and restore, the sealed
//! audit trail, retention and subject access.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Redress;

fn write(r: &Redress, name: &str, bytes: &[u8]) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.display().to_string()
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

/// Checks that `path` is readable by its owner only: `bits` is 0o600 for a
/// file, 0o700 for a folder. Not under Wine: the files Wine makes carry
/// Unix modes of its own (0644), with nothing of the access control list
/// Windows gives them, so there the rest of the test runs without this.
fn assert_owner_only(path: &Path, bits: u32) {
    if common::under_wine() {
        return;
    }
    assert_eq!(mode(path), bits, "{}", path.display());
}

/// The whole database as its complete export, for comparing.
fn everything(r: &Redress) -> serde_json::Value {
    serde_json::from_str(&r.ok(&["export", "all", "--json"])).expect("export JSON")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A small tmpfs, or a read-only view of one (root only: a root process
/// ignores file modes, so only a read-only mount is read-only to it).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .ok()?
            .success();
        ok.then(|| Mount(dir.to_owned()))
    }

    fn read_only(&self) {
        assert!(Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .expect("mount")
            .success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

// 1. Export never overwrites the database, nor an existing file unasked.
#[test]
fn export_refuses_the_database_and_existing_files() {
    let r = Redress::new().with_officers();
    r.bins_complaint();
    let db = r.db();
    let before = sha(&db);
    let err = r.refused(&["export", "cases", "-o", db.to_str().expect("path")]);
    assert!(
        err.contains("the Redress database or one of its own files"),
        "{err}"
    );
    let wal = format!("{}-wal", db.display());
    r.refused(&["export", "cases", "-o", &wal]);
    if common::under_wine() {
        // Windows' file names ignore case: these are the database's journal
        // and its backups folder there (Wine's file names ignore case as
        // Windows' do). On Linux they are other files, and may be written.
        r.ok(&["backup"]);
        for other_case in [
            format!("{}-WAL", db.display()).replace("redress.db", "REDRESS.DB"),
            r.dir
                .path()
                .join("backups")
                .join("x.csv")
                .display()
                .to_string(),
        ] {
            let err = r.refused(&["export", "cases", "-o", &other_case]);
            assert!(
                err.contains("the Redress database or one of its own files"),
                "{other_case}: {err}"
            );
        }
    }
    assert_eq!(sha(&db), before);
    assert_eq!(
        r.ok(&["case", "list", "--json"])
            .matches("reference")
            .count(),
        1
    );

    let file = write(&r, "cases.csv", b"keep me");
    let err = r.refused(&["export", "cases", "-o", &file]);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), b"keep me");
    r.ok(&["export", "cases", "-o", &file, "--force"]);
    assert!(std::fs::read_to_string(&file)
        .expect("read")
        .contains("Siân Jones"));
}

// 2. No cell can run as a formula in Excel, and real values come back.
#[test]
fn csv_cells_cannot_be_formulas_and_round_trip() {
    let r = Redress::new().with_officers();
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "=HYPERLINK(\"http://x\",\"y\")",
        "--phone",
        "+44 1632 960001",
        "--email",
        "a@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "@SUM(A1:A9) -2",
        "--description",
        "'=quoted already",
    ]);
    let csv = r.ok(&["export", "cases", "--csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("'+44 1632 960001"), "{csv}");
    assert!(csv.contains("'@SUM(A1:A9) -2"), "{csv}");
    assert!(csv.contains("''=quoted already"), "{csv}");
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
    let second = Redress::new();
    let file = write(&second, "back.csv", csv.as_bytes());
    second.ok(&["import", "cases", &file]);
    let case: serde_json::Value =
        serde_json::from_str(&second.ok(&["case", "list", "--json"])).expect("JSON");
    let reference = case[0]["reference"].as_str().expect("reference").to_owned();
    let back = second.case(&reference);
    assert_eq!(
        back["complainant"]["name"],
        "=HYPERLINK(\"http://x\",\"y\")"
    );
    assert_eq!(back["complainant"]["phone"], "+44 1632 960001");
    assert_eq!(back["summary"], "@SUM(A1:A9) -2");
    assert_eq!(back["description"], "'=quoted already");
}

// 3. Several processes writing at once: every write waits its turn.
#[test]
fn concurrent_writers_all_succeed_and_the_audit_chain_verifies() {
    let r = Redress::new().with_officers();
    let db = r.db().display().to_string();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..15 {
                    let output = common::redress()
                        .args(["--db", &db, "--today", "2026-11-24", "--as", "Test Officer"])
                        .args(["case", "new", "--received", "2026-11-02", "--name"])
                        .arg(format!("Writer {w} case {i}"))
                        .args(["--service-area", "Housing", "--summary", "Concurrent"])
                        .output()
                        .expect("run");
                    if !output.status.success() {
                        failures.push(format!(
                            "{}: {}",
                            output.status,
                            String::from_utf8_lossy(&output.stderr)
                        ));
                    }
                    if i % 5 == 0 {
                        let output = common::redress()
                            .args(["--db", &db, "--today", "2026-11-24", "--as", "Test Officer"])
                            .args(["category", "add"])
                            .arg(format!("Category {w}-{i}"))
                            .output()
                            .expect("run");
                        if !output.status.success() {
                            failures.push(String::from_utf8_lossy(&output.stderr).into_owned());
                        }
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("writer"))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&r.ok(&["case", "list", "--json"])).expect("JSON");
    assert_eq!(list.len(), 60);
    assert!(r.ok(&["audit", "verify"]).contains("verifies"));
    assert!(r.ok(&["check"]).contains("60 cases"));
}

// 4. The complete export loads back exactly; the CSV stays the spreadsheet.
#[test]
fn the_complete_export_round_trips_exactly() {
    let r = Redress::new();
    r.ok(&["demo", "--cases", "60", "--seed", "7"]);
    r.ok(&["settings", "set", "council-name", "Borsetshire Council"]);
    let first = everything(&r);
    let file = r.dir.path().join("all.json");
    r.ok(&[
        "export",
        "all",
        "--json",
        "-o",
        file.to_str().expect("path"),
    ]);
    assert_owner_only(&file, 0o600);

    let second = Redress::uninitialised();
    second.ok(&["init", "--training"]);
    let out = second.ok(&["import", "all", file.to_str().expect("path")]);
    assert!(out.contains("60 cases"), "{out}");
    assert_eq!(everything(&second), first);
    assert!(second.ok(&["audit", "verify"]).contains("verifies"));
    // The stage 2 extensions, remedies, actions and letters-to-be are all
    // in the tables the export carries.
    for table in [
        "cases",
        "stages",
        "extensions",
        "remedies",
        "actions",
        "events",
        "people",
        "settings",
        "audit_chain",
    ] {
        assert!(
            first["tables"][table]["rows"].as_array().is_some(),
            "{table}"
        );
    }
    // A second load is refused: only into a new database.
    let err = second.refused(&["import", "all", file.to_str().expect("path")]);
    assert!(err.contains("only into a new database"), "{err}");
    let bad = write(&second, "bad.json", br#"{"format": "something-else"}"#);
    assert!(second
        .refused(&["import", "all", &bad])
        .contains("not a Redress complete export"));
}

// 5. Settings changes are audited, and a forged or altered entry is found.
#[test]
fn the_audit_trail_is_sealed_and_tampering_is_named() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    r.ok(&["settings", "set", "council-name", "Borsetshire Council"]);
    r.ok(&[
        "service-area",
        "rename",
        "Planning",
        "Planning and Building Control",
    ]);
    let ok = r.ok(&["audit", "verify"]);
    assert!(ok.contains("verifies"), "{ok}");
    {
        let conn = rusqlite::Connection::open(r.db()).expect("open");
        let changes: Vec<(String, String, String)> = conn
            .prepare("SELECT subject, key, actor FROM admin_changes ORDER BY seq")
            .expect("sql")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert!(
            changes
                .iter()
                .any(|(s, k, a)| s == "settings" && k == "council_name" && a == "Test Officer"),
            "{changes:?}"
        );
        assert!(
            changes
                .iter()
                .any(|(s, k, _)| s == "service area" && k == "Planning and Building Control"),
            "{changes:?}"
        );
        // Forged: the trigger dropped, an event written around the app.
        conn.execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET summary = 'Nothing happened' WHERE seq = (SELECT MIN(seq) FROM events);",
        )
        .expect("tamper");
    }
    let err = r.refused(&["audit", "verify"]);
    assert!(
        err.contains("was altered") && err.contains("case event 1"),
        "{err}"
    );
    {
        let conn = rusqlite::Connection::open(r.db()).expect("open");
        conn.execute(
            "INSERT INTO events (id, case_id, device, hlc, at, actor, kind, summary, body, changes)
             SELECT id || 'x', case_id, device, hlc, at, 'Forger', kind, 'Forged', body, changes FROM events LIMIT 1",
            [],
        )
        .expect("forge");
    }
    // The first break is still named first; a check says the same; and a
    // later save by Redress does not seal what was written around it.
    assert!(r.refused(&["check"]).contains("audit trail is broken"));
    r.ok(&["service-area", "add", "Parks"]);
    let err = r.refused(&["audit", "verify"]);
    assert!(err.contains("was altered"), "{err}");
    let _ = case;
}

// 6. `--today` is for training databases only.
#[test]
fn a_live_database_refuses_a_date_for_today() {
    let r = Redress::uninitialised();
    let db = r.db();
    let init = common::redress()
        .args(["--db", db.to_str().expect("path"), "init"])
        .output()
        .expect("init");
    assert!(init.status.success());
    assert!(String::from_utf8_lossy(&init.stdout).contains("live database"));
    let err = r.refused(&["case", "list"]);
    assert!(err.contains("training database"), "{err}");
}

// 7. The database, backups and exports are readable by the owner only.
#[test]
fn files_are_made_readable_by_the_owner_only() {
    let r = Redress::uninitialised();
    let db = r.dir.path().join("new folder").join("redress.db");
    let out = common::redress()
        .args(["--db", db.to_str().expect("path"), "init", "--training"])
        .output()
        .expect("init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_owner_only(&db, 0o600);
    assert_owner_only(db.parent().expect("folder"), 0o700);
    let run = |args: &[&str]| {
        let out = common::on(&db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["service-area", "add", "Housing"]);
    assert_owner_only(&db, 0o600);
    run(&["backup"]);
    let backups = db.parent().expect("folder").join("Backups");
    assert_owner_only(&backups, 0o700);
    for entry in std::fs::read_dir(&backups).expect("backups") {
        assert_owner_only(&entry.expect("entry").path(), 0o600);
    }
    let export = r.dir.path().join("cases.csv");
    run(&["export", "cases", "-o", export.to_str().expect("path")]);
    assert_owner_only(&export, 0o600);
}

// 8. An anonymous complainant's name is neither searchable nor exported.
#[test]
fn an_anonymous_complainants_name_is_kept_out_of_search_and_exports() {
    let r = Redress::new().with_officers();
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--anonymous",
        "--name",
        "Gwen Secret",
        "--email",
        "gwen@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "Damp in flat",
    ]);
    let reference = out
        .split_whitespace()
        .find(|w| w.contains("-2026-"))
        .expect("ref")
        .trim_end_matches('.')
        .to_owned();
    let found = r.ok(&["case", "search", "Secret"]);
    assert!(found.contains("No cases match"), "{found}");
    assert!(!r
        .ok(&["case", "search", "gwen@example.org"])
        .contains(&reference));
    assert!(r.ok(&["case", "search", "Damp"]).contains(&reference));
    let csv = r.ok(&["export", "cases", "--csv"]);
    assert!(!csv.contains("Gwen") && !csv.contains("gwen@"), "{csv}");
    let json = r.ok(&["export", "cases", "--json"]);
    assert!(!json.contains("Gwen"), "{json}");
}

// 9. Control characters are refused in what is typed and shown, not
// obeyed, in what is printed.
#[test]
fn control_characters_are_refused_on_entry_and_escaped_on_output() {
    let r = Redress::new().with_officers();
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "Eve",
        "--service-area",
        "Housing",
        "--summary",
        "Bins\u{1b}[2J missed",
    ]);
    assert!(
        err.contains("--summary") && err.contains("control character"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'));
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "Eve",
        "--service-area",
        "Housing",
        "--summary",
        "Two\nlines",
    ]);
    assert!(err.contains("one line"), "{err}");
    // A paragraph field keeps its line breaks.
    let case = r.bins_complaint();
    // Data from before this check, written straight into the file.
    {
        let conn = rusqlite::Connection::open(r.db()).expect("open");
        conn.execute(
            "UPDATE cases SET summary = 'Evil' || char(27) || '[2J' || char(10) || 'next' WHERE reference = ?1",
            [&case],
        )
        .expect("tamper");
    }
    for args in [vec!["case", "show", &case], vec!["case", "list"]] {
        let out = r.ok(&args);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("\\u001b[2J"), "{out}");
    }
    let list = r.ok(&["case", "list"]);
    let row = list.lines().find(|l| l.starts_with(&case)).expect("row");
    assert!(row.contains("next"), "one line: {list}");
}

// 10. Encodings: a stray Windows-1252 byte, and UTF-16.
#[test]
fn a_stray_byte_and_utf16_files_are_read_rightly_and_said_so() {
    let r = Redress::new().with_officers();
    let mut bytes = "reference,received_on,service_area,complainant_name,summary\nX/1,2026-11-02,Housing,Siân Jones,Roof\nX/2,2026-11-03,Housing,Ann O"
        .as_bytes()
        .to_vec();
    bytes.push(0x92);
    bytes.extend_from_slice(b"Brien,Door\n");
    let file = write(&r, "mixed.csv", &bytes);
    let out = r.ok(&["import", "cases", &file]);
    assert!(
        out.contains("line 3, column 29") && out.contains("0x92"),
        "{out}"
    );
    assert_eq!(r.case("X/1")["complainant"]["name"], "Siân Jones");
    assert_eq!(r.case("X/2")["complainant"]["name"], "Ann O\u{2019}Brien");

    let u = Redress::new().with_officers();
    let text = "reference,received_on,service_area,complainant_name,summary\nU/1,2026-11-02,Housing,Siân Jones,Roof\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let out = u.ok(&["import", "cases", &write(&u, "unicode.txt", &utf16)]);
    assert!(out.contains("UTF-16"), "{out}");
    assert_eq!(u.case("U/1")["complainant"]["name"], "Siân Jones");
}

// 11. Every count, size and file read has a limit.
#[test]
fn counts_sizes_and_files_are_bounded() {
    let r = Redress::new();
    let err = r.refused(&["case", "list", "--due-within", "70000000"]);
    assert!(err.contains("at most 2000"), "{err}");
    // A device, as each system names one, and a folder. (Under Wine,
    // `NUL` is Wine's own device, answered as Windows answers.)
    let device = if common::under_wine() {
        "NUL"
    } else {
        "/dev/zero"
    };
    let folder = r.dir.path().to_str().expect("path");
    for not_a_file in [device, folder] {
        let err = r.refused(&[
            "deadlines",
            "--received",
            "2026-11-02",
            "--policy",
            not_a_file,
        ]);
        assert!(err.contains("is not a file"), "{not_a_file}: {err}");
    }
    let big = write(&r, "big.toml", &vec![b'#'; 2 * 1024 * 1024]);
    assert!(r
        .refused(&["deadlines", "--received", "2026-11-02", "--policy", &big])
        .contains("larger than"));
    let err = r.refused(&["demo", "--cases", "18446744073709551615"]);
    assert!(err.contains("at most 200000"), "{err}");
}

// 12. A mistyped path makes nothing; another program's file is refused.
#[test]
fn no_database_is_made_unasked_and_a_foreign_one_is_refused() {
    let r = Redress::uninitialised();
    let typo = r.dir.path().join("Documnets").join("redres.db");
    let out = common::redress()
        .args(["--db", typo.to_str().expect("path"), "case", "list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no Redress database"));
    assert!(
        !typo.parent().expect("folder").exists(),
        "the folder was made"
    );

    let foreign = r.dir.path().join("firefox.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("open");
        conn.execute_batch("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x');")
            .expect("foreign");
    }
    let before = sha(&foreign);
    let out = common::redress()
        .args(["--db", foreign.to_str().expect("path"), "case", "list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another program's SQLite database"));
    assert_eq!(sha(&foreign), before);
}

// 13. Clear errors: a newer database, and a read-only folder.
#[test]
fn a_newer_or_unwritable_database_gets_a_clear_message() {
    let r = Redress::new();
    {
        let conn = rusqlite::Connection::open(r.db()).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("newer");
    }
    let err = r.refused(&["case", "list"]);
    assert!(
        err.contains("made by a newer version of Redress (data version 99"),
        "{err}"
    );
    assert!(err.len() < 400, "{err}");

    // A read-only place: a read-only mount when root (who ignores modes).
    let w = Redress::new().with_officers();
    w.bins_complaint();
    w.ok(&["check"]);
    let folder = w.dir.path().join("ro");
    let db = folder.join("redress.db");
    let _mount = if is_root() {
        let Some(mount) = Mount::tmpfs(&folder, "8m") else {
            panic!("root could not mount a tmpfs for the read-only test")
        };
        std::fs::copy(w.db(), &db).expect("copy");
        mount.read_only();
        Some(mount)
    } else {
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::copy(w.db(), &db).expect("copy");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("ro");
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).expect("ro");
        None
    };
    let out = common::redress()
        .args([
            "--db",
            db.to_str().expect("path"),
            "--today",
            "2026-11-24",
            "--as",
            "T",
        ])
        .args(["service-area", "add", "Parks"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("read-only") && err.contains(db.to_str().expect("path")),
        "{err}"
    );
}

#[test]
fn a_full_disk_gives_a_clear_message_and_keeps_every_case_saved_before_it() {
    if !is_root() {
        eprintln!("a full disk needs a tmpfs, which only root can mount here");
        return;
    }
    let r = Redress::uninitialised();
    let folder = r.dir.path().join("small");
    let Some(_mount) = Mount::tmpfs(&folder, "2m") else {
        panic!("root could not mount a tmpfs")
    };
    let db = folder.join("redress.db");
    let run = |args: &[&str]| common::on(&db, args);
    assert!(run(&["init", "--training"]).status.success());
    assert!(run(&["service-area", "add", "Housing"]).status.success());
    // Within Windows' limit of 32,767 characters for a whole command line
    // (longer, Windows starts no program at all).
    let long = "y".repeat(30_000);
    let mut saved = 0;
    let mut error = String::new();
    for i in 0..200 {
        let out = run(&[
            "case",
            "new",
            "--received",
            "2026-11-02",
            "--name",
            &format!("P{i}"),
            "--service-area",
            "Housing",
            "--summary",
            "Full",
            "--description",
            &long,
        ]);
        if !out.status.success() {
            error = String::from_utf8_lossy(&out.stderr).into_owned();
            break;
        }
        saved += 1;
    }
    assert!(!error.is_empty(), "the disk never filled");
    assert!(
        error.contains("is full") && error.contains("nothing was saved"),
        "{error}"
    );
    // Room again: copy the database out and check it holds every case.
    let copy = r.dir.path().join("copy.db");
    std::fs::copy(&db, &copy).expect("copy db");
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", copy.display())).expect("copy journal");
        }
    }
    let out = common::redress()
        .args([
            "--db",
            copy.to_str().expect("path"),
            "--today",
            "2026-11-24",
        ])
        .args(["check"])
        .output()
        .expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(&format!("{saved} cases")), "{text}");
}

// Backups: made and checked; restore gives back exactly what was; a
// damaged backup is refused and changes nothing.
#[test]
fn backup_then_restore_gives_back_exactly_the_same_data() {
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    let made = r.ok(&["backup"]);
    assert!(made.contains("checked"), "{made}");
    let backup = made
        .split_whitespace()
        .find(|w| w.contains("Backups"))
        .expect("path")
        .to_owned();
    let backup_file = common::printed_path(&backup);
    let before = everything(&r);
    // Yesterday's data, then today's mistakes.
    r.ok(&[
        "case",
        "close",
        &case,
        "--reason",
        "Oops",
        "--on",
        "2026-11-24",
    ]);
    r.ok(&["service-area", "add", "Mistake"]);
    let out = r.ok(&["restore", &backup]);
    assert!(out.contains("What was there before is kept"), "{out}");
    let after = everything(&r);
    // The same data, plus the note that it was restored.
    for table in [
        "cases",
        "stages",
        "events",
        "people",
        "officers",
        "service_areas",
    ] {
        assert_eq!(after["tables"][table], before["tables"][table], "{table}");
    }
    assert!(r.ok(&["audit", "verify"]).contains("verifies"));
    // The state before the restore was itself backed up.
    let backups: Vec<_> = std::fs::read_dir(r.dir.path().join("Backups"))
        .expect("dir")
        .collect();
    assert!(backups.len() >= 2);

    // A damaged backup is refused and nothing changes.
    let damaged = r.dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&backup_file).expect("read");
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5A;
    }
    std::fs::write(&damaged, bytes).expect("write");
    let now = everything(&r);
    let err = r.refused(&["restore", damaged.to_str().expect("path")]);
    assert!(err.contains("cannot be used"), "{err}");
    assert_eq!(everything(&r), now);
    let not_db = write(&r, "notes.txt", b"hello");
    assert!(r.refused(&["restore", &not_db]).contains("cannot be used"));
}

// A database with bytes overwritten is detected, and not written.
#[test]
fn a_damaged_database_is_detected_and_not_written() {
    let r = Redress::new();
    r.ok(&["demo", "--cases", "80"]);
    let db = r.db();
    // Checkpoint everything into the main file, then damage pages of it.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("checkpoint");
    }
    let mut bytes = std::fs::read(&db).expect("read");
    let len = bytes.len();
    let mut seed = 12345u64;
    for page in [3usize, 7, 11] {
        for i in 0..4096 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if let Some(b) = bytes.get_mut(page * 4096 + i) {
                *b = (seed >> 33) as u8;
            }
        }
    }
    assert_eq!(bytes.len(), len);
    std::fs::write(&db, &bytes).expect("damage");
    let before = sha(&db);
    for args in [
        vec!["case", "list"],
        vec!["service-area", "add", "Parks"],
        vec!["check"],
    ] {
        let err = r.refused(&args);
        assert!(
            err.contains("damaged") || err.contains("not a Redress database"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(sha(&db), before, "a damaged database was written to");
}

// The opening check reads every page but leaves the search index's own
// check (FTS5 tokenising every case again) to `redress check`: a search
// index out of step with its text still opens, and the full check finds it.
#[test]
fn a_search_index_out_of_step_opens_and_the_full_check_finds_it() {
    let r = Redress::new();
    r.ok(&["demo", "--cases", "20"]);
    {
        let conn = rusqlite::Connection::open(r.db()).expect("open");
        // The stored text changed behind the index's back.
        conn.execute(
            "UPDATE case_search_content SET c3 = 'nothing indexed says this' WHERE id = (SELECT MIN(id) FROM case_search_content)",
            [],
        )
        .expect("change the text");
    }
    assert!(r.ok(&["case", "list"]).contains("CMP-"));
    let err = r.refused(&["check"]);
    assert!(
        err.contains("the database is damaged") && err.contains("case_search"),
        "{err}"
    );
}

// Retention: anonymised cases keep counting; the trail still verifies.
#[test]
fn retention_anonymises_and_the_figures_still_count_the_cases() {
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    r.ok(&[
        "case",
        "close",
        &case,
        "--reason",
        "Answered",
        "--on",
        "2026-11-06",
    ]);
    r.ok(&[
        "letter",
        &case,
        "--kind",
        "stage1-response",
        "--out",
        r.dir.path().join("l.pdf").to_str().expect("p"),
    ]);
    assert!(r.ok(&["retention", "list"]).contains("No closed case"));
    let report_args = [
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ];
    let before: serde_json::Value = serde_json::from_str(&r.ok(&report_args)).expect("JSON");

    let later = Redress {
        dir: r.dir,
        today: "2033-01-10".to_owned(),
    };
    let listed = later.ok(&["retention", "list"]);
    assert!(listed.contains(&case), "{listed}");
    let refused = later.refused(&["retention", "apply", "CMP-2099-00001"]);
    assert!(refused.contains("no case"), "{refused}");
    let out = later.ok(&["retention", "apply", "--all"]);
    assert!(out.contains("Anonymised 1 case"), "{out}");
    let shown = later.case(&case);
    assert_eq!(shown["complainant"]["name"], "");
    assert_eq!(shown["complainant"]["email"], "");
    assert_eq!(shown["description"], "");
    assert_eq!(shown["stages"][0]["outcome"], "not-upheld");
    let all = later.ok(&["export", "all", "--json"]);
    assert!(
        !all.contains("Siân")
            && !all.contains("sian@example.org")
            && !all.contains("Missed three weeks"),
        "personal data left"
    );
    assert!(later.ok(&["audit", "verify"]).contains("verifies"));
    let after: serde_json::Value = serde_json::from_str(&later.ok(&report_args)).expect("JSON");
    assert_eq!(after["overall"], before["overall"]);
    assert!(later.ok(&["retention", "list"]).contains("No closed case"));
}

// Subject access: all and only what belongs to the person.
#[test]
fn subject_access_holds_all_and_only_the_persons_data() {
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    r.ok(&[
        "letter",
        &case,
        "--kind",
        "stage1-response",
        "--out",
        r.dir.path().join("l.pdf").to_str().expect("p"),
    ]);
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-03",
        "--name",
        "Other Person",
        "--email",
        "other@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "Somebody else's",
    ]);
    let out_dir = r.dir.path().join("sar");
    let out = r.ok(&[
        "sar",
        "sian@example.org",
        "--out",
        out_dir.to_str().expect("path"),
    ]);
    assert!(out.contains("1 case") && out.contains("1 letter"), "{out}");
    let json = std::fs::read_to_string(out_dir.join("subject-access.json")).expect("json");
    assert!(
        json.contains("Siân Jones") && json.contains(&case),
        "{json}"
    );
    assert!(
        !json.contains("Other Person") && !json.contains("Somebody else"),
        "{json}"
    );
    let pdf = out_dir.join("subject-access.pdf");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Information we hold about you") && text.contains("Siân Jones"),
        "{text}"
    );
    assert!(!text.contains("Other Person"));
    let letters: Vec<_> = std::fs::read_dir(out_dir.join("letters"))
        .expect("letters")
        .collect();
    assert_eq!(letters.len(), 1);
    // By reference and by name too.
    let by_ref = r.dir.path().join("sar2");
    assert!(r
        .ok(&["sar", &case, "--out", by_ref.to_str().expect("p")])
        .contains("1 case"));
    assert!(r
        .refused(&[
            "sar",
            "nobody@example.org",
            "--out",
            by_ref.to_str().expect("p")
        ])
        .contains("no person"));
    // Two people of one name: the request must say which.
    r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-04",
        "--name",
        "Siân Jones",
        "--email",
        "another.sian@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "Another Siân",
    ]);
    let err = r.refused(&[
        "sar",
        "Siân Jones",
        "--out",
        r.dir.path().join("sar3").to_str().expect("p"),
    ]);
    assert!(
        err.contains("2 people are called") && err.contains(&case),
        "{err}"
    );
}

// Anonymising an excluded case that had a letter leaves it readable.
#[test]
fn an_anonymised_excluded_case_with_a_letter_still_reads() {
    let r = Redress::new().with_officers();
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        "2018-03-01",
        "--name",
        "Dai Legal",
        "--email",
        "dai@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "Eviction",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "legal-proceedings",
        "--triage-note",
        "Told Dai to see his solicitor",
    ]);
    let case = out
        .split_whitespace()
        .find(|w| w.contains("-2018-"))
        .expect("ref")
        .trim_end_matches('.')
        .to_owned();
    r.ok(&[
        "letter",
        &case,
        "--kind",
        "not-a-complaint",
        "--out",
        r.dir.path().join("n.pdf").to_str().expect("p"),
    ]);
    r.ok(&[
        "case",
        "close",
        &case,
        "--reason",
        "Excluded",
        "--on",
        "2018-03-02",
    ]);
    r.ok(&["retention", "apply", &case]);
    let history = r.ok(&["case", "history", &case]);
    assert!(history.contains("Anonymised"), "{history}");
    assert!(!history.contains("solicitor"), "{history}");
    let shown = r.case(&case);
    assert_eq!(shown["triage"]["reason"], "legal-proceedings");
    let all = r.ok(&["export", "all", "--json"]);
    assert!(
        !all.contains("Dai") && !all.contains("solicitor"),
        "personal data left"
    );
    assert!(r.ok(&["audit", "verify"]).contains("verifies"));
}

// Two databases in one folder keep their backups apart.
#[test]
fn two_databases_in_one_folder_keep_their_own_backups() {
    let r = Redress::new();
    let other = r.dir.path().join("training.db");
    let run = |db: &Path, args: &[&str]| {
        let out = common::on(db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&other, &["init", "--training"]);
    run(&other, &["service-area", "add", "Training area"]);
    let made = run(&other, &["backup"]);
    assert!(made.contains("training-"), "{made}");
    let name = made
        .split_whitespace()
        .find(|w| w.contains("Backups"))
        .expect("path");
    let file = common::printed_path(name.trim_end_matches('.'))
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    // The live database does not know the training one's backup by name.
    let err = r.refused(&["restore", &file]);
    assert!(err.contains("no backup called"), "{err}");
}

// A complete export whose history was edited is not loaded.
#[test]
fn an_edited_complete_export_is_refused() {
    let r = Redress::new().with_officers();
    r.bins_complaint();
    let mut all = everything(&r);
    let rows = all["tables"]["events"]["rows"]
        .as_array_mut()
        .expect("rows");
    let summary = rows[0]
        .as_array_mut()
        .expect("cells")
        .iter_mut()
        .find(|c| {
            c.as_str().is_some_and(|t| {
                t.contains("Recorded") || t.contains("Opened") || t.contains("received")
            })
        })
        .expect("a summary");
    *summary = serde_json::Value::String("Nothing happened".to_owned());
    let file = write(&r, "edited.json", all.to_string().as_bytes());
    let second = Redress::new();
    let err = second.refused(&["import", "all", &file]);
    assert!(err.contains("does not verify"), "{err}");
}

// Windows for real: a database is never made inside a folder a sync client
// copies (or on a network drive); one already there still opens, with the
// reason and the way to share cases safely said each time.
#[test]
fn a_database_in_a_synced_folder_is_never_made_and_an_existing_one_is_warned_of() {
    let r = Redress::new();
    let synced = r.dir.path().join("OneDrive - Borsetshire Council");
    let db = synced.join("redress.db");
    let out = common::on(&db, &["init", "--training"]);
    assert_eq!(out.status.code(), Some(2), "refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("inside a OneDrive folder"), "{err}");
    assert!(err.contains("Settings > Sync"), "{err}");
    assert!(!db.exists(), "nothing was made");

    std::fs::create_dir_all(&synced).expect("folder");
    std::fs::copy(r.db(), &db).expect("a database copied there by hand");
    let out = common::on(&db, &["case", "list"]);
    assert!(out.status.success(), "it still opens");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("Warning: ") && err.contains("inside a OneDrive folder"),
        "{err}"
    );
    let plain = r.run(&["case", "list"]);
    assert!(plain.stderr.is_empty(), "no warning elsewhere");
}

// Windows for real: a database deeper than Windows' old 260-character path
// limit (MAX_PATH) is made, written, backed up, restored and exported. Under
// Wine this shows Rust's and SQLite's calls take such paths; Wine does not
// enforce the limit as a Windows without long-path support does, so there
// it cannot show that Windows itself allows them.
#[test]
fn a_database_deeper_than_260_characters_is_made_backed_up_and_exported() {
    let r = Redress::uninitialised();
    let mut folder = r.dir.path().to_owned();
    for i in 0..8 {
        folder.push(format!("Complaints from the county's residents {i}"));
    }
    let db = folder.join("redress.db");
    assert!(db.as_os_str().len() > 300, "{}", db.display());
    let run = |args: &[&str]| {
        let out = common::on(&db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["init", "--training"]);
    run(&["service-area", "add", "Housing"]);
    let made = run(&["backup"]);
    let backup = std::fs::read_dir(folder.join("Backups"))
        .expect("the backups folder")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with("-manual.db"))
        .unwrap_or_else(|| panic!("no backup made: {made}"));
    run(&["service-area", "add", "Parks"]);
    run(&["restore", &backup]);
    assert!(!run(&["service-area", "list"]).contains("Parks"));
    let export = folder.join("every case.csv");
    run(&["export", "cases", "-o", export.to_str().expect("path")]);
    assert!(export.is_file());
    assert!(run(&["check"]).contains("the integrity check passed"));
}
