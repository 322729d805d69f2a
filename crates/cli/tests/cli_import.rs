//! `redress import cases` and `redress export cases`: all-or-nothing imports
//! that name every bad cell, Excel's encodings, and exports that import back
//! without loss.

mod common;

use common::Redress;

const SPREADSHEET: &str = include_str!("data/import-spreadsheet.csv");

fn write(r: &Redress, name: &str, bytes: &[u8]) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write file");
    path.to_str().expect("UTF-8 path").to_owned()
}

fn count(r: &Redress) -> usize {
    let list: serde_json::Value =
        serde_json::from_str(&r.ok(&["case", "list", "--json"])).expect("JSON");
    list.as_array().map_or(0, Vec::len)
}

#[test]
fn a_spreadsheet_imports_with_its_stages_and_people() {
    let r = Redress::new();
    let file = write(&r, "cases.csv", SPREADSHEET.as_bytes());
    let out = r.ok(&["import", "cases", &file]);
    assert!(out.contains("Imported 4 cases"), "{out}");
    let first = r.case("C/2025/001");
    assert_eq!(first["complainant"]["name"], "Mrs Siân Llewellyn");
    assert_eq!(
        first["description"],
        "Engineer visited twice, boiler still broken. \"Nobody calls back.\""
    );
    assert_eq!(first["channel"], "phone");
    assert_eq!(first["stages"][0]["outcome"], "partly-upheld");
    assert_eq!(first["stages"][0]["extensions"][0]["days"], 5);
    assert_eq!(first["stages"][1]["handler"]["name"], "Helen Marsh");
    assert_eq!(first["referral"]["ombudsman"], "housing");
    assert_eq!(first["status"]["state"], "closed");
    let open = r.case("C/2025/003");
    assert_eq!(open["next_due"]["what"], "respond-1");
    assert_eq!(open["next_due"]["on"], "2026-11-06");
    assert_eq!(open["next_due"]["urgency"], "overdue");
    // Unknown officers and service areas were created.
    let officers = r.ok(&["officer", "list"]);
    for name in ["Dai Roberts", "Helen Marsh", "Alex Khan", "Priya Patel"] {
        assert!(officers.contains(name), "{name} in {officers}");
    }
    let history = r.ok(&["case", "history", "C/2025/002"]);
    assert!(
        history.contains("Imported from cases.csv, line 3"),
        "{history}"
    );
    // The import says what it added to the council's lists.
    assert!(out.contains("new service area"), "{out}");
    assert!(out.contains("Helen Marsh"), "{out}");
}

#[test]
fn an_imported_row_goes_through_the_rules() {
    let r = Redress::new();
    // The stage 2 reviewer is the stage 1 officer: the rules refuse it, and
    // the refusal names the spreadsheet's line and column.
    let file = write(
        &r,
        "cases.csv",
        "reference,received_on,service_area,officer,stage1_acknowledged_on,stage1_responded_on,stage1_outcome,stage2_requested_on,stage2_reviewer\n\
         C1,2026-10-01,Housing,Dai Roberts,2026-10-02,2026-10-10,upheld,2026-10-12,Dai Roberts\n"
            .as_bytes(),
    );
    let err = r.refused(&["import", "cases", &file]);
    assert!(
        err.contains("line 2, column stage2_reviewer: Dai Roberts handled stage 1"),
        "{err}"
    );
    assert_eq!(count(&r), 0, "nothing was imported");
}

#[test]
fn an_export_imports_back_without_loss() {
    let first = Redress::new();
    first.ok(&[
        "import",
        "cases",
        &write(&first, "cases.csv", SPREADSHEET.as_bytes()),
    ]);
    let exported = first.ok(&["export", "cases", "--csv"]);
    let second = Redress::new();
    second.ok(&[
        "import",
        "cases",
        &write(&second, "export.csv", exported.as_bytes()),
    ]);
    assert_eq!(second.ok(&["export", "cases", "--csv"]), exported);
    for reference in ["C/2025/001", "C/2025/002", "C/2025/003", "C/2025/004"] {
        let mut a = first.case(reference);
        let mut b = second.case(reference);
        // Ids are made afresh in each database.
        for case in [&mut a, &mut b] {
            let object = case.as_object_mut().expect("object");
            object.remove("id");
            object.remove("person_id");
        }
        assert_eq!(a, b, "{reference}");
    }
    // Every cell of the original spreadsheet is in the export, dates in ISO form.
    assert!(exported.contains("C/2025/001,2025-04-03,Housing,phone,Repairs,Mrs Siân Llewellyn,sian@example.org,01234 567890,\"4 Heol y Llan, Llanelli\""), "{exported}");
    assert!(exported.contains("2025-05-06,Helen Marsh,2025-05-08,2025-06-04,upheld,housing,2025-07-01,Maladministration found,2025-09-30"), "{exported}");
    let json: serde_json::Value =
        serde_json::from_str(&first.ok(&["export", "cases", "--json"])).expect("JSON");
    assert_eq!(json[1]["stage1_outcome"], "not upheld");
    assert_eq!(json[1]["closed_on"], "2025-05-30");
}

#[test]
fn files_saved_by_excel_import_correctly() {
    let bom = Redress::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SPREADSHEET.as_bytes());
    bom.ok(&["import", "cases", &write(&bom, "bom.csv", &bytes)]);
    assert_eq!(bom.case("C/2025/001")["reference"], "C/2025/001");

    let ansi = Redress::new();
    let text = "reference,received_on,service_area,complainant_name,summary\r\nW1,01/10/2026,Housing,Zoë Brontë,Rent of £450 wrong\r\n";
    let (encoded, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!lossy);
    ansi.ok(&["import", "cases", &write(&ansi, "ansi.csv", &encoded)]);
    let case = ansi.case("W1");
    assert_eq!(case["complainant"]["name"], "Zoë Brontë");
    assert_eq!(case["summary"], "Rent of £450 wrong");
}

#[test]
fn a_malformed_import_names_every_bad_cell_and_changes_nothing() {
    let r = Redress::new();
    r.ok(&[
        "import",
        "cases",
        &write(&r, "good.csv", SPREADSHEET.as_bytes()),
    ]);
    let before = r.ok(&["export", "cases", "--csv"]);
    let bad = "reference,received_on,service_area,stage1_responded_on,stage1_outcome\n\
               N1,2026-02-30,Housing,,\n\
               N2,2026-03-02,Housing,2026-03-10,maybe\n\
               ,2026-03-02,Housing,,\n\
               N2,2026-03-03,Housing,,\n\
               N5,2026-03-03,,2026-03-01,upheld\n\
               C/2025/002,2026-03-04,Housing,,\n\
               N7,2026-03-03,Housing,,\n";
    let err = r.refused(&["import", "cases", &write(&r, "bad.csv", bad.as_bytes())]);
    for expected in [
        "line 2, column received_on: '2026-02-30' is not a date",
        "line 3, column stage1_outcome: unknown outcome 'maybe'",
        "line 4, column reference: every case needs a reference",
        "line 5, column reference: 'N2' is also on line 3",
        "line 6, column service_area: every case needs the service complained about",
        "line 6, column stage1_responded_on: 2026-03-01 is before received_on (2026-03-03)",
        "nothing was imported",
    ] {
        assert!(err.contains(expected), "expected '{expected}' in:\n{err}");
    }
    assert_eq!(
        r.ok(&["export", "cases", "--csv"]),
        before,
        "nothing changed"
    );
    assert_eq!(count(&r), 4);

    // A reference already in the database is caught too, after the cells.
    let clash = "reference,received_on,service_area\nN9,2026-03-02,Housing\nC/2025/002,2026-03-04,Housing\n";
    let err = r.refused(&["import", "cases", &write(&r, "clash.csv", clash.as_bytes())]);
    assert!(
        err.contains("line 3, column reference: 'C/2025/002' is already in the database"),
        "{err}"
    );
    assert_eq!(count(&r), 4);

    let err = r.refused(&[
        "import",
        "cases",
        &write(&r, "nohead.csv", b"ref,date\nX,2026-01-01\n"),
    ]);
    // `ref` is a reference (a name councils use); nothing says which
    // column is the service area.
    assert!(!err.contains("column reference"), "{err}");
    assert!(
        err.contains("line 1, column service_area: no column is service_area"),
        "{err}"
    );
    let err = r.refused(&["import", "cases", "/nonexistent/cases.csv"]);
    assert!(err.contains("/nonexistent/cases.csv"), "{err}");
}

#[test]
fn a_dry_run_checks_and_writes_nothing() {
    let r = Redress::new();
    let out = r.ok(&[
        "import",
        "cases",
        &write(&r, "cases.csv", SPREADSHEET.as_bytes()),
        "--dry-run",
    ]);
    assert!(out.contains("Checked 4 cases"), "{out}");
    assert!(out.contains("nothing was written"), "{out}");
    assert_eq!(count(&r), 0);
    assert_eq!(
        r.ok(&["officer", "list"]),
        "",
        "no officers were created either"
    );
}

#[test]
fn a_dry_run_finds_what_the_import_would_add_and_refuse_without_writing() {
    // What it would add to the council's lists, named as the import names them.
    let dry = Redress::new();
    let file = write(&dry, "cases.csv", SPREADSHEET.as_bytes());
    let checked = dry.ok(&["import", "cases", &file, "--dry-run"]);
    let real = Redress::new();
    let file = write(&real, "cases.csv", SPREADSHEET.as_bytes());
    let imported = real.ok(&["import", "cases", &file]);
    let added = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains("new "))
            .map(|l| l.replace("Would add", "Added"))
            .collect()
    };
    assert!(!added(&imported).is_empty(), "{imported}");
    assert_eq!(added(&checked), added(&imported), "{checked}\n{imported}");
    // A step the rules refuse (a new officer reviewing their own stage 1
    // response) is found by the dry run with the same words, and nothing is
    // written by either.
    let refused = "reference,received_on,service_area,officer,stage1_acknowledged_on,stage1_responded_on,stage1_outcome,stage2_requested_on,stage2_reviewer\n\
         C1,2026-10-01,Housing,Dai Roberts,2026-10-02,2026-10-10,upheld,2026-10-12,Dai Roberts\n\
         C2,2026-10-01,Housing,Ann Lee,2026-10-02,2026-10-10,upheld,2026-10-12,Dai Roberts\n";
    let dry = Redress::new();
    let file = write(&dry, "cases.csv", refused.as_bytes());
    let checked = dry.refused(&["import", "cases", &file, "--dry-run"]);
    let real = Redress::new();
    let file = write(&real, "cases.csv", refused.as_bytes());
    let imported = real.refused(&["import", "cases", &file]);
    assert!(
        checked.contains("line 2, column stage2_reviewer: Dai Roberts handled stage 1"),
        "{checked}"
    );
    assert_eq!(checked, imported);
    assert_eq!(count(&dry) + count(&real), 0);
}

#[test]
fn cases_recorded_in_redress_export_and_import_back_with_their_status_and_triage() {
    let first = Redress::new().with_officers();
    first.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Tom Evans",
        "--postcode",
        "NG18 1AB",
        "--service-area",
        "Waste and Recycling",
        "--summary",
        "Replace my broken bin",
        "--triage",
        "service-request",
        "--triage-note",
        "Passed to the crew",
    ]);
    first.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Ann Lee",
        "--service-area",
        "Planning",
        "--summary",
        "Disagree with the decision",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "statutory-appeal",
        "--triage-note",
        "Appeal to the Planning Inspectorate",
    ]);
    let withdrawn = first.bins_complaint();
    first.ok(&[
        "case",
        "withdraw",
        &withdrawn,
        "--reason",
        "Bins collected since",
        "--on",
        "2026-11-23",
    ]);
    let exported = first.ok(&["export", "cases", "--csv"]);

    let second = Redress::new();
    second.ok(&[
        "import",
        "cases",
        &write(&second, "export.csv", exported.as_bytes()),
    ]);
    assert_eq!(second.ok(&["export", "cases", "--csv"]), exported);
    let request = second.case("CMP-2026-00001");
    assert_eq!(
        request["triage"],
        serde_json::json!({"kind": "service-request", "note": "Passed to the crew"})
    );
    assert_eq!(request["complainant"]["postcode"], "NG18 1AB");
    assert!(
        request["stages"].as_array().is_some_and(Vec::is_empty),
        "a service request has no stages"
    );
    assert_eq!(
        second.case("CMP-2026-00002")["triage"]["reason"],
        "statutory-appeal"
    );
    let case = second.case(&withdrawn);
    assert_eq!(
        case["status"],
        serde_json::json!({"state": "withdrawn", "on": "2026-11-23", "reason": "Bins collected since"})
    );
}

#[test]
fn problems_name_the_row_excel_shows_and_outcomes_export_as_words() {
    let r = Redress::new();
    // The second case's description holds a line break; the bad date is on
    // spreadsheet row 4 however many lines the file has.
    let file = write(
        &r,
        "rows.csv",
        b"reference,received_on,service_area,description\r\nC1,2026-01-05,Housing,One\r\nC2,2026-01-05,Housing,\"Two\nlines\"\r\nC3,31/02/2026,Housing,Three\r\n",
    );
    let err = r.refused(&["import", "cases", &file]);
    assert!(err.contains("line 4, column received_on"), "{err}");
    r.ok(&[
        "import",
        "cases",
        &write(&r, "cases.csv", SPREADSHEET.as_bytes()),
    ]);
    let csv = r.ok(&["export", "cases", "--csv"]);
    assert!(csv.contains(",partly upheld,"), "{csv}");
    assert!(!csv.contains("partly-upheld"), "{csv}");
}
