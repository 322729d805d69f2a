//! A council in each of the four nations: the nation it says it is in
//! sets its bank holidays and its Ombudsman; a final response read back
//! with `pdftotext` names that Ombudsman, its details and time limit, and
//! never another; a referral to another nation's Ombudsman is refused,
//! naming the ones it can be.

mod common;

use std::process::Command;

use common::Redress;

/// Every Ombudsman's name, as a letter in English prints it.
const OMBUDSMEN: [&str; 5] = [
    "Local Government and Social Care Ombudsman",
    "Housing Ombudsman Service",
    "Public Services Ombudsman for Wales",
    "Scottish Public Services Ombudsman",
    "Northern Ireland Public Services Ombudsman",
];

/// The words of a PDF, lines joined.
fn text(pdf: &std::path::Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(output.status.success(), "pdftotext read {}", pdf.display());
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A council in `nation` with the usual officers, a complaint answered
/// at its last stage, and the final response's words.
fn final_response_in(nation: &str) -> (Redress, String, String) {
    let r = Redress::new().with_officers();
    r.ok(&["settings", "set", "nation", nation]);
    let case = r.answered_at_the_last_stage();
    let pdf = r.db().with_file_name(format!("final-{nation}.pdf"));
    r.ok(&[
        "letter",
        &case,
        "--kind",
        "stage2-response",
        "--out",
        pdf.to_str().expect("UTF-8 path"),
    ]);
    let words = text(&pdf);
    (r, case, words)
}

#[test]
fn each_nation_sends_complainants_to_its_own_ombudsman() {
    for (nation, ombudsman, slug, phone, limit, other) in [
        (
            "wales",
            "Public Services Ombudsman for Wales",
            "psow",
            "0300 790 0203",
            "within 12 months",
            "lgsco",
        ),
        (
            "scotland",
            "Scottish Public Services Ombudsman",
            "spso",
            "0800 377 7330",
            "within 12 months",
            "psow",
        ),
        (
            "northern-ireland",
            "Northern Ireland Public Services Ombudsman",
            "nipso",
            "0800 34 34 24",
            "within 6 months of the end of our complaints procedure",
            "spso",
        ),
        (
            "england",
            "Local Government and Social Care Ombudsman",
            "lgsco",
            "0300 061 0614",
            "within 12 months",
            "nipso",
        ),
    ] {
        let (r, case, words) = final_response_in(nation);
        assert!(words.contains(ombudsman), "{nation}: {words}");
        assert!(words.contains(phone), "{nation}: {words}");
        assert!(words.contains(limit), "{nation}: {words}");
        for name in OMBUDSMEN.iter().filter(|name| **name != ombudsman) {
            assert!(!words.contains(name), "{nation} names {name}: {words}");
        }
        // Another nation's Ombudsman is refused, naming the council's own.
        let refused = r.refused(&["case", "refer", &case, "--ombudsman", other]);
        assert!(
            refused.contains("does not take complaints about councils in")
                && refused.contains(slug),
            "{nation}: {refused}"
        );
        r.ok(&[
            "case",
            "refer",
            &case,
            "--ombudsman",
            slug,
            "--their-reference",
            "26 001",
        ]);
        assert_eq!(r.case(&case)["referral"]["ombudsman"], slug, "{nation}");
    }
}

/// A complaint received on `date`, as JSON.
fn received_on(r: &Redress, date: &str) -> serde_json::Value {
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        date,
        "--name",
        "Morag Campbell",
        "--service-area",
        "Planning",
        "--summary",
        "No reply about the extension",
        "--json",
    ]);
    serde_json::from_str(&out).expect("case JSON")
}

#[test]
fn the_nation_sets_the_bank_holidays_and_england_and_wales_is_still_understood() {
    let r = Redress::new().with_officers();
    r.ok(&["settings", "set", "nation", "scotland"]);
    let shown = r.ok(&["settings", "show"]);
    assert!(shown.contains("nation            scotland"), "{shown}");
    // Scotland's summer bank holiday is the first Monday of August
    // (England's the last): a complaint received the Friday before is
    // acknowledged a working day later in Scotland.
    let scottish = received_on(&r, "2026-07-31");
    let r2 = Redress::new().with_officers();
    r2.ok(&["settings", "set", "nation", "england"]);
    let english = received_on(&r2, "2026-07-31");
    assert_eq!(
        scottish["stages"][0]["deadlines"]["acknowledge_by"],
        "2026-08-10"
    );
    assert_eq!(
        english["stages"][0]["deadlines"]["acknowledge_by"],
        "2026-08-07"
    );
    // The calendar's own name still sets the holidays alone.
    r2.ok(&["settings", "set", "nation", "england-and-wales"]);
    let refused = r2.refused(&["settings", "set", "nation", "atlantis"]);
    assert!(refused.contains("atlantis"), "{refused}");
}

#[test]
fn a_scottish_council_runs_the_spso_procedure_with_no_frontline_acknowledgement() {
    let listed = Redress::new().ok(&["policy", "list"]);
    for name in [
        "complaint-handling-code",
        "psow-model",
        "spso-model",
        "nipso-model",
    ] {
        assert!(listed.contains(name), "{listed}");
    }
    let r = Redress::new().with_officers();
    r.ok(&["settings", "set", "nation", "scotland"]);
    r.ok(&["settings", "set", "policy", "spso-model"]);
    let json = received_on(&r, "2026-11-24");
    let case = json["reference"].as_str().expect("reference").to_owned();
    // Frontline: decided in 5 working days; St Andrew's Day (Mon 30 Nov)
    // is a Scottish bank holiday.
    assert_eq!(json["stages"][0]["deadlines"]["respond_by"], "2026-12-02");
    // There is no acknowledgement to record or to send.
    let refused = r.refused(&["case", "ack", &case]);
    assert!(refused.contains("no acknowledgement step"), "{refused}");
    let pdf = r.db().with_file_name("ack.pdf");
    let refused = r.refused(&[
        "letter",
        &case,
        "--kind",
        "stage1-acknowledgement",
        "--out",
        pdf.to_str().expect("UTF-8 path"),
    ]);
    assert!(refused.contains("no acknowledgement step"), "{refused}");
    r.ok(&["case", "allocate", &case, "--officer", "Beth Morgan"]);
    r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "not-upheld",
        "--reasons",
        "The plans were sent on time",
    ]);
    // Investigation: acknowledged within 3 working days.
    r.ok(&["case", "escalate", &case, "--reviewer", "Sam Reviewer"]);
    let json = r.case(&case);
    assert_eq!(
        json["stages"][1]["deadlines"]["acknowledge_by"],
        "2026-11-27"
    );
    // The same dates from `deadlines` with the shipped name.
    let out = r.ok(&[
        "deadlines",
        "--received",
        "2026-11-24",
        "--policy",
        "spso-model",
        "--nation",
        "scotland",
        "--json",
    ]);
    let shown: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(shown["stage1"]["respond_by"], "2026-12-02");
}

#[test]
fn a_service_area_goes_only_to_an_ombudsman_of_the_councils_nation() {
    let r = Redress::new().with_officers();
    r.ok(&["settings", "set", "nation", "wales"]);
    let refused = r.refused(&["service-area", "ombudsman", "Housing", "housing"]);
    assert!(refused.contains("psow"), "{refused}");
    let said = r.ok(&["service-area", "ombudsman", "Housing", "psow"]);
    assert!(
        said.contains("Public Services Ombudsman for Wales"),
        "{said}"
    );
    // In England a landlord service may go to the Housing Ombudsman.
    let english = Redress::new().with_officers();
    english.ok(&["settings", "set", "nation", "england"]);
    english.ok(&["service-area", "ombudsman", "Housing", "housing"]);
}
