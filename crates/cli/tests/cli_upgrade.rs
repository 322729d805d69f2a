//! An upgrade: a newer Redress over a database an older one made keeps a
//! checked copy of it first, then migrates it and carries on.

mod common;

/// A database as the first released schema left it, with one case.
fn first_schema(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(include_str!("../../store/migrations/0001_casework.sql"))
        .expect("first schema");
    conn.execute_batch(
        &[
            include_str!("../../store/tests/data/first_schema_case.sql"),
            "INSERT INTO stages (case_id, number, opened_on, handler_id, acknowledged_on, reasons, learning, improvements)
         VALUES ('0190b7a0-0000-7000-8000-000000000001', 1, '2026-11-02', 1, NULL, '', '', '');",
        ]
        .concat(),
    )
    .expect("old data");
}

fn redress(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::redress()
        .args(["--db", db.to_str().expect("path"), "--as", "Dai Roberts"])
        .args(args)
        .output()
        .expect("runs")
}

fn upgrade_backups(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.join("Backups"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with("-before-upgrade.db"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_older_database_is_backed_up_then_migrated_and_carries_on() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("council.db");
    first_schema(&db);
    let shown = redress(&db, &["-v", "case", "show", "CMP-2026-00001", "--json"]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let case: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("JSON");
    assert_eq!(case["complainant"]["name"], "Siân Jones");
    // -v says what was done, on standard error.
    let said = String::from_utf8_lossy(&shown.stderr);
    assert!(said.contains("backed up before the upgrade"), "{said}");
    let kept = upgrade_backups(dir.path());
    assert_eq!(kept.len(), 1, "one copy kept before migrating");
    let old = rusqlite::Connection::open(&kept[0]).expect("open the copy");
    let version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1, "the copy is the database as it was");
    drop(old);
    // Carries on: a step is taken, and the next start migrates nothing.
    let ack = redress(
        &db,
        &["case", "ack", "CMP-2026-00001", "--on", "2026-11-03"],
    );
    assert!(
        ack.status.success(),
        "{}",
        String::from_utf8_lossy(&ack.stderr)
    );
    assert_eq!(upgrade_backups(dir.path()).len(), 1);
    let check = redress(&db, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
