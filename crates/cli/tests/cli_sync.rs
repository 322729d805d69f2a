//! `redress sync` on real databases and a real shared folder: the first
//! laptop makes the workspace, a second joins with the join file, a stage 2
//! reviewer on the second answers a case escalated on the first; and the
//! files sync clients leave (a file cut short, a "(1)" copy, a file sealed
//! with another key, a file still being written) are each handled without
//! loss or double application.

mod common;

use std::path::{Path, PathBuf};

use common::Redress;

/// Two laptops: the first set up with officers and the bins complaint,
/// the second joined. Returns them, the shared folder and the reference.
fn two_laptops() -> (Redress, Redress, PathBuf, String) {
    let first = Redress::new().with_officers();
    let case = first.bins_complaint();
    let shared = first.dir.path().join("shared");
    let join = first.dir.path().join("council.join");
    let made = first.ok(&[
        "sync",
        "init",
        "--folder",
        shared.to_str().expect("path"),
        "--join-file",
        join.to_str().expect("path"),
    ]);
    assert!(made.contains("Made the council's sync workspace"), "{made}");
    let second = Redress::new();
    let joined = second.ok(&[
        "sync",
        "join",
        "--folder",
        shared.to_str().expect("path"),
        "--join-file",
        join.to_str().expect("path"),
    ]);
    assert!(joined.contains("numbered CMPB-"), "{joined}");
    (first, second, shared, case)
}

fn status(laptop: &Redress) -> serde_json::Value {
    serde_json::from_str(&laptop.ok(&["sync", "status", "--json"])).expect("status JSON")
}

fn device_dir(shared: &Path, laptop: &Redress) -> PathBuf {
    let device = status(laptop)["device"]
        .as_str()
        .expect("device")
        .to_owned();
    shared.join("devices").join(device)
}

#[test]
fn a_reviewer_on_another_laptop_answers_the_escalated_case_and_it_comes_back() {
    let (first, second, _, case) = two_laptops();
    assert_eq!(second.case(&case)["summary"], "Bins missed on Heol y Llan");
    first.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    first.ok(&[
        "case",
        "respond",
        &case,
        "--on",
        "2026-11-05",
        "--outcome",
        "not-upheld",
        "--reasons",
        "Collected on time",
    ]);
    first.ok(&[
        "case",
        "escalate",
        &case,
        "--reviewer",
        "Sam Reviewer",
        "--on",
        "2026-11-10",
    ]);
    // The case file goes with it: a note and a document, byte for byte.
    first.ok(&[
        "case",
        "note",
        &case,
        "--text",
        "Crew lead says the lane was blocked",
    ]);
    let scan = first.dir.path().join("crew log.pdf");
    std::fs::write(&scan, b"%PDF-1.4 crew log for Heol y Llan").expect("file");
    first.ok(&["case", "attach", &case, scan.to_str().expect("path")]);
    first.ok(&["sync", "now"]);
    second.ok(&["sync", "now"]);
    assert_eq!(
        second.case(&case)["stages"][1]["handler"]["name"],
        "Sam Reviewer"
    );
    assert!(second
        .ok(&["case", "history", &case])
        .contains("Crew lead says the lane was blocked"));
    let documents: serde_json::Value =
        serde_json::from_str(&second.ok(&["case", "documents", &case, "--json"])).expect("json");
    let id = documents["documents"][0]["id"]
        .as_str()
        .expect("a document")
        .to_owned();
    let copy = second.dir.path().join("copy.pdf");
    second.ok(&[
        "case",
        "document",
        &case,
        &id,
        "--out",
        copy.to_str().expect("path"),
    ]);
    assert_eq!(
        std::fs::read(&copy).expect("copy"),
        std::fs::read(&scan).expect("scan")
    );
    // What came in is sealed into this laptop's audit trail, and whole.
    assert!(second.ok(&["audit", "verify"]).contains("verifies"));
    second.ok(&["check"]);
    second.ok(&["case", "ack", &case, "--on", "2026-11-11"]);
    second.ok(&[
        "case",
        "respond",
        &case,
        "--on",
        "2026-11-20",
        "--outcome",
        "upheld",
        "--reasons",
        "The crew skipped the street",
    ]);
    // A case the reviewer's laptop records is numbered with its own prefix.
    let own = second.bins_complaint();
    assert!(own.starts_with("CMPB-2026-"), "{own}");
    second.ok(&["sync", "now"]);
    let took = first.ok(&["sync", "now"]);
    assert!(took.contains("took in"), "{took}");
    let back = first.case(&case);
    assert_eq!(back["stages"][1]["outcome"], "upheld");
    assert_eq!(first.case(&own)["reference"], own);
    assert_eq!(first.case(&case), second.case(&case), "field for field");
    assert_eq!(status(&first)["waiting"], 0);
}

#[test]
fn files_sync_clients_leave_are_handled_without_loss_or_double_application() {
    let (first, second, shared, case) = two_laptops();
    first.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    first.ok(&["sync", "now"]);
    let dir = device_dir(&shared, &first);
    let batch = dir.join("00000002.batch");
    let whole = std::fs::read(&batch).expect("batch");

    // Cut short, as a client still copying it leaves it: left for later.
    std::fs::write(&batch, &whole[..whole.len() / 2]).expect("cut");
    // A file being written under its temporary name: not read.
    std::fs::write(dir.join(".00000003.batch.77.tmp"), b"half").expect("temp");
    let out = second.ok(&["sync", "now"]);
    assert!(out.contains("Left for next time: 00000002.batch"), "{out}");
    assert!(out.contains("incomplete"), "{out}");
    assert!(second.case(&case)["stages"][0]["acknowledged_on"].is_null());

    // The whole file arrives, and a "(1)" copy beside it: read once.
    std::fs::write(&batch, &whole).expect("whole");
    std::fs::write(dir.join("00000002 (1).batch"), &whole).expect("copy");
    let out = second.ok(&["sync", "now"]);
    assert!(out.contains("Set aside 1 copy"), "{out}");
    assert_eq!(
        second.case(&case)["stages"][0]["acknowledged_on"],
        "2026-11-03"
    );
    let history = second.ok(&["case", "history", &case]);
    assert_eq!(
        history.matches("Stage 1 acknowledged").count(),
        1,
        "{history}"
    );

    // A batch sealed with another key (someone else's workspace, or a
    // forgery) is refused, and nothing of it is taken in.
    let other = redress_sync::Key::generate();
    std::fs::write(dir.join("00000003.batch"), other.seal(b"{\"ops\": []}")).expect("forged");
    let out = second.ok(&["sync", "now"]);
    assert!(out.contains("sealed with another key"), "{out}");
    let again = second.ok(&["sync", "now"]);
    assert_eq!(
        second.case(&case)["stages"][0]["acknowledged_on"],
        "2026-11-03"
    );
    assert!(again.contains("took in 0 changes"), "{again}");
}

#[test]
fn setting_up_and_joining_refuse_what_would_go_wrong() {
    let (first, second, shared, _) = two_laptops();
    let join = first.dir.path().join("council.join");
    let path = |p: &Path| p.to_str().expect("path").to_owned();
    // Twice on one laptop.
    let again = first.refused(&[
        "sync",
        "init",
        "--folder",
        &path(&shared),
        "--join-file",
        &path(&first.dir.path().join("x.join")),
    ]);
    assert!(again.contains("already set up"), "{again}");
    // The key never goes in the shared folder.
    let fresh = Redress::new();
    let inside = fresh.refused(&[
        "sync",
        "init",
        "--folder",
        &path(&fresh.dir.path().join("s")),
        "--join-file",
        &path(&fresh.dir.path().join("s").join("k.join")),
    ]);
    assert!(
        inside.contains("must not go in the shared folder"),
        "{inside}"
    );
    // A database with cases does not join.
    let busy = Redress::new().with_officers();
    busy.bins_complaint();
    let refused = busy.refused(&[
        "sync",
        "join",
        "--folder",
        &path(&shared),
        "--join-file",
        &path(&join),
    ]);
    assert!(refused.contains("already has 1 case"), "{refused}");
    // Not a join file.
    let stranger = fresh.dir.path().join("notes.txt");
    std::fs::write(&stranger, "hello").expect("file");
    let bad = fresh.refused(&[
        "sync",
        "join",
        "--folder",
        &path(&shared),
        "--join-file",
        &path(&stranger),
    ]);
    assert!(bad.contains("not a Redress join file"), "{bad}");
    // A folder that is not the workspace's.
    let empty = fresh.dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let wrong = fresh.refused(&[
        "sync",
        "join",
        "--folder",
        &path(&empty),
        "--join-file",
        &path(&join),
    ]);
    assert!(wrong.contains("holds no Redress sync workspace"), "{wrong}");
    // The folder gone (a USB stick out): said, and nothing lost.
    second.bins_complaint();
    std::fs::rename(&shared, first.dir.path().join("unplugged")).expect("unplug");
    let gone = second.refused(&["sync", "now"]);
    assert!(gone.contains("cannot be reached"), "{gone}");
    let waiting = status(&second);
    assert_eq!(waiting["reachable"], false);
    assert!(
        waiting["waiting"].as_u64().expect("waiting") > 0,
        "{waiting}"
    );
}

#[test]
fn a_conflict_is_listed_on_both_laptops_and_its_resolution_travels() {
    let (first, second, _, case) = two_laptops();
    // Offline, both officers acknowledge the complaint; the second laptop's
    // clock reading comes later, so its acknowledgement is the one refused.
    first.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    second.ok(&["case", "ack", &case, "--on", "2026-11-04"]);
    first.ok(&["sync", "now"]);
    second.ok(&["sync", "now"]);
    first.ok(&["sync", "now"]);
    for laptop in [&first, &second] {
        let status = status(laptop);
        assert_eq!(status["open_conflicts"], 1, "{status}");
        let conflict = &status["conflicts"][0];
        assert_eq!(conflict["reference"], case.as_str());
        assert!(
            conflict["why"]
                .as_str()
                .expect("why")
                .contains("already acknowledged on 3 Nov 2026"),
            "{conflict}"
        );
        assert_eq!(
            laptop.case(&case)["stages"][0]["acknowledged_on"],
            "2026-11-03"
        );
    }
    assert!(first.ok(&["sync", "status"]).contains("1 open conflict"));
    let id = status(&first)["conflicts"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let blank = first.refused(&["sync", "resolve", &id, "--resolution", " "]);
    assert!(blank.contains("what was decided"), "{blank}");
    let unknown = first.refused(&["sync", "resolve", "no-such", "--resolution", "x"]);
    assert!(unknown.contains("no open conflict"), "{unknown}");
    first.ok(&[
        "sync",
        "resolve",
        &id,
        "--resolution",
        "Acknowledged on the 3rd; the letter of the 4th was a copy",
    ]);
    assert_eq!(
        status(&first)["waiting"],
        1,
        "the resolution waits to be shared"
    );
    first.ok(&["sync", "now"]);
    second.ok(&["sync", "now"]);
    for laptop in [&first, &second] {
        let status = status(laptop);
        assert_eq!(status["open_conflicts"], 0, "{status}");
        assert_eq!(
            status["conflicts"][0]["resolved"]["resolution"],
            "Acknowledged on the 3rd; the letter of the 4th was a copy"
        );
    }
}
