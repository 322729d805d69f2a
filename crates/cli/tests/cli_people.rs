//! People through the real binary: a case linked to its person by email
//! (and only by email), an anonymous complainant never matched, merging
//! two records of one person, a spreadsheet's rows linked by email, officer
//! roles, and a restriction decided by a head of service, shown on every
//! case of the person and lifted on review.

mod common;

use common::Redress;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// Records a complaint about Housing and returns its `--json` output.
fn complaint(r: &Redress, extra: &[&str]) -> Value {
    let mut args = vec![
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--service-area",
        "Housing",
        "--summary",
        "Damp in the bedroom",
        "--json",
    ];
    args.extend_from_slice(extra);
    json(&r.ok(&args))
}

#[test]
fn the_same_email_in_other_capitals_is_the_same_person_and_the_same_name_is_not() {
    let r = Redress::new().with_officers();
    let first = complaint(
        &r,
        &["--name", "Siân Jones", "--email", "Sian.Jones@Example.org"],
    );
    assert_eq!(first["person"]["matched"], false);
    let id = first["person"]["id"].as_str().expect("id").to_owned();
    assert_eq!(first["person_id"], id.as_str());

    let second = complaint(
        &r,
        &[
            "--name",
            "Sian Jones",
            "--email",
            "sian.jones@example.ORG",
            "--adjustments",
            "Large print letters",
        ],
    );
    assert_eq!(second["person"]["matched"], true);
    assert_eq!(second["person"]["id"], id.as_str());

    let other = complaint(
        &r,
        &["--name", "Siân Jones", "--email", "another@example.org"],
    );
    assert_eq!(
        other["person"]["matched"], false,
        "a name alone never links"
    );
    assert_ne!(other["person"]["id"], id.as_str());

    let person = json(&r.ok(&["person", "show", &id, "--json"]));
    assert_eq!(
        person["cases"],
        serde_json::json!([first["reference"], second["reference"]])
    );
    assert_eq!(person["adjustments"], "Large print letters");
    assert_eq!(person["email"], "sian.jones@example.ORG");
    // Found by email too, in any capitals.
    let by_email = json(&r.ok(&["person", "show", "SIAN.JONES@example.org", "--json"]));
    assert_eq!(by_email["id"], id.as_str());
    // Adjustments given once follow the person to their earlier case.
    assert_eq!(
        r.case(first["reference"].as_str().expect("ref"))["complainant"]["adjustments"],
        "Large print letters"
    );
}

#[test]
fn an_anonymous_complainant_is_never_matched() {
    let r = Redress::new().with_officers();
    let named = complaint(&r, &["--name", "Ann Lee", "--email", "ann@example.org"]);
    let anonymous = complaint(&r, &["--anonymous", "--email", "ann@example.org"]);
    assert_eq!(anonymous["person"]["matched"], false);
    assert_ne!(anonymous["person"]["id"], named["person"]["id"]);
    let again = complaint(&r, &["--anonymous"]);
    assert_ne!(again["person"]["id"], anonymous["person"]["id"]);
    let id = named["person"]["id"].as_str().expect("id");
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--service-area",
        "Housing",
        "--summary",
        "x",
        "--anonymous",
        "--person",
        id,
    ]);
    assert!(err.contains("anonymous"), "{err}");
}

#[test]
fn a_case_can_be_given_to_a_chosen_person_and_repeat_an_earlier_case() {
    let r = Redress::new().with_officers();
    let first = complaint(&r, &["--name", "Tomasz Wójcik", "--phone", "01623 463463"]);
    let id = first["person"]["id"].as_str().expect("id");
    let reference = first["reference"].as_str().expect("ref");
    let repeat = complaint(
        &r,
        &[
            "--name",
            "T Wojcik",
            "--person",
            id,
            "--repeat-of",
            reference,
        ],
    );
    assert_eq!(
        repeat["person"],
        serde_json::json!({"id": id, "matched": true})
    );
    assert_eq!(repeat["linked"], serde_json::json!([reference]));
    // The newer name is the person's now, on both cases.
    assert_eq!(r.case(reference)["complainant"]["name"], "T Wojcik");

    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--service-area",
        "Housing",
        "--summary",
        "x",
        "--name",
        "A",
        "--person",
        "not-an-id",
    ]);
    assert!(err.contains("not a person's id"), "{err}");
    let missing = "0192f0c4-1b2a-7c3d-8e4f-5a6b7c8d9e0f";
    let err = r.refused(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--service-area",
        "Housing",
        "--summary",
        "x",
        "--name",
        "A",
        "--person",
        missing,
    ]);
    assert!(err.contains("no person"), "{err}");
    assert_eq!(
        json(&r.ok(&["person", "list", "--json"]))["people"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn merging_moves_every_case_and_is_audited() {
    let r = Redress::new().with_officers();
    let a = complaint(
        &r,
        &["--name", "Aoife Ní Bhriain", "--email", "aoife@example.org"],
    );
    let b = complaint(
        &r,
        &[
            "--name",
            "Aoife Ni Bhriain",
            "--email",
            "aoife.nb@example.org",
        ],
    );
    let c = complaint(
        &r,
        &[
            "--name",
            "Aoife Ni Bhriain",
            "--email",
            "aoife.nb@example.org",
        ],
    );
    let keep = a["person"]["id"].as_str().expect("id");
    let other = b["person"]["id"].as_str().expect("id");
    assert_eq!(c["person"]["id"], other);

    let listed = json(&r.ok(&["person", "list", "--search", "ni bhriain", "--json"]));
    assert_eq!(
        listed["people"].as_array().map(Vec::len),
        Some(2),
        "accents ignored"
    );

    r.ok(&["person", "merge", keep, other]);
    let person = json(&r.ok(&["person", "show", keep, "--json"]));
    assert_eq!(person["cases"].as_array().map(Vec::len), Some(3));
    for case in [&a, &b, &c] {
        let reference = case["reference"].as_str().expect("ref");
        assert_eq!(r.case(reference)["person_id"], keep);
    }
    let listed = json(&r.ok(&["person", "list", "--json"]));
    let ids: Vec<&str> = listed["people"]
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, vec![keep], "the merged record is no longer listed");
    // The old id still finds the person it was merged into.
    assert_eq!(
        json(&r.ok(&["person", "show", other, "--json"]))["id"],
        keep
    );
    // Each moved case says so in its history, and the person's trail too.
    let history = r.ok(&["case", "history", b["reference"].as_str().expect("ref")]);
    assert!(history.contains("record was merged"), "{history}");
    assert!(history.contains("Test Officer"), "{history}");
    let err = r.refused(&["person", "merge", keep, keep]);
    assert!(err.contains("same person twice"), "{err}");
}

#[test]
fn a_spreadsheet_links_its_rows_by_email() {
    let r = Redress::new();
    let path = r.dir.path().join("cases.csv");
    std::fs::write(
        &path,
        "reference,received_on,service_area,complainant_name,complainant_email,summary\r\n\
         W1,01/10/2026,Housing,Zoë Brontë,zoe@example.org,Rent\r\n\
         W2,02/10/2026,Housing,Zoe Bronte,ZOE@example.org,Repairs\r\n\
         W3,03/10/2026,Housing,Zoë Brontë,other@example.org,Noise\r\n",
    )
    .expect("write");
    r.ok(&["import", "cases", path.to_str().expect("path")]);
    assert_eq!(r.case("W1")["person_id"], r.case("W2")["person_id"]);
    assert_ne!(r.case("W1")["person_id"], r.case("W3")["person_id"]);
}

#[test]
fn officers_have_roles() {
    let r = Redress::new();
    r.ok(&[
        "officer",
        "add",
        "Hana Head",
        "--role",
        "head-of-service",
        "--role",
        "complaints-manager",
    ]);
    let list = r.ok(&["officer", "list"]);
    assert!(
        list.contains("Head of service, Complaints manager"),
        "{list}"
    );
    r.ok(&["officer", "edit", "Hana Head", "--role", "stage2-reviewer"]);
    let list = r.ok(&["officer", "list"]);
    assert!(
        list.contains("Stage 2 reviewer") && !list.contains("Head of service"),
        "{list}"
    );
    let err = r.refused(&["officer", "add", "Ivan", "--role", "boss"]);
    assert!(
        err.contains("unknown role 'boss'") && err.contains("head-of-service"),
        "{err}"
    );
}

#[test]
fn a_restriction_is_decided_by_a_head_of_service_shown_on_every_case_and_lifted_on_review() {
    let r = Redress::new().with_officers();
    r.ok(&["officer", "add", "Hana Head", "--role", "head-of-service"]);
    let a = complaint(&r, &["--name", "Ann Lee", "--email", "ann@example.org"]);
    let b = complaint(&r, &["--name", "Ann Lee", "--email", "ann@example.org"]);
    let id = a["person"]["id"].as_str().expect("id");
    let restrict = |by: &str| {
        vec![
            "person".to_owned(),
            "restrict".to_owned(),
            id.to_owned(),
            "--decided-by".to_owned(),
            by.to_owned(),
            "--reason".to_owned(),
            "Forty calls a week to staff".to_owned(),
            "--contact".to_owned(),
            "Email to the complaints team only".to_owned(),
            "--told".to_owned(),
            "2026-11-20".to_owned(),
            "--review".to_owned(),
            "2027-05-20".to_owned(),
        ]
    };
    let args = restrict("Alex Khan");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = r.refused(&args);
    assert!(err.contains("not a head of service"), "{err}");
    assert_eq!(
        json(&r.ok(&["person", "show", id, "--json"]))["restrictions"],
        serde_json::json!([])
    );
    assert!(r
        .case(a["reference"].as_str().expect("ref"))
        .get("restriction")
        .is_none());

    let args = restrict("Hana Head");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    r.ok(&args);
    for case in [&a, &b] {
        let shown = r.case(case["reference"].as_str().expect("ref"));
        assert_eq!(
            shown["restriction"]["contact"],
            "Email to the complaints team only"
        );
        assert_eq!(shown["restriction"]["decided_by"], "Hana Head");
        assert_eq!(shown["restriction"]["told_on"], "2026-11-20");
        assert_eq!(shown["restriction"]["review_on"], "2027-05-20");
        assert_eq!(shown["restriction"]["active"], true);
    }
    let text = r.ok(&["case", "show", a["reference"].as_str().expect("ref")]);
    assert!(text.contains("CONTACT RESTRICTED"), "{text}");
    let err = r.refused(&args);
    assert!(err.contains("still in force"), "{err}");

    r.ok(&[
        "person",
        "review",
        id,
        "--restriction",
        "1",
        "--on",
        "2026-11-24",
        "--keep",
        "--next",
        "2027-02-24",
    ]);
    let person = json(&r.ok(&["person", "show", id, "--json"]));
    assert_eq!(person["restrictions"][0]["review_on"], "2027-02-24");
    assert_eq!(person["restrictions"][0]["reviews"][0]["decision"], "kept");

    let err = r.refused(&["person", "review", id, "--restriction", "2", "--lift"]);
    assert!(err.contains("no restriction 2"), "{err}");
    r.ok(&[
        "person",
        "review",
        id,
        "--restriction",
        "1",
        "--on",
        "2026-11-24",
        "--lift",
    ]);
    let person = json(&r.ok(&["person", "show", id, "--json"]));
    assert_eq!(person["restrictions"][0]["active"], false);
    assert_eq!(person["restrictions"][0]["lifted_on"], "2026-11-24");
    assert!(r
        .case(b["reference"].as_str().expect("ref"))
        .get("restriction")
        .is_none());
    let err = r.refused(&["person", "review", id, "--restriction", "1", "--lift"]);
    assert!(err.contains("was lifted"), "{err}");
    let err = r.refused(&["person", "review", id, "--restriction", "1"]);
    assert!(err.contains("--lift"), "{err}");
}
