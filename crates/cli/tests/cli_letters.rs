//! Letters through the real binary, read back with poppler (`pdftotext`,
//! `pdfinfo`, `pdffonts`): every kind from the defaults on a case that has
//! been through the whole procedure, with names in every script councils
//! meet, the case's own dates and the right Ombudsman; letters that do not
//! fit refused with no file written; a long response on two pages; the
//! council's edited template used, checked and versioned; Welsh letters;
//! the restriction letter's right of appeal.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Redress;

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|err| panic!("{tool} runs (poppler-utils): {err}"));
    assert!(
        output.status.success(),
        "{tool} failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn text(pdf: &Path) -> String {
    // Without -layout, words in reading order; lines joined for matching.
    poppler("pdftotext", &[], pdf).replace('\n', " ")
}

struct Letters {
    r: Redress,
}

impl Letters {
    /// A council in Wales with a Housing officer and a reviewer, and the
    /// complaint of a person whose name needs Welsh, Irish, Polish and
    /// Romanian letters.
    fn new() -> Letters {
        let r = Redress::new();
        for (key, value) in [
            ("council-name", "Cyngor Sir Ynys Môn"),
            ("council-address", "Council Offices, Llangefni, LL77 7TW"),
            ("council-phone", "01248 750057"),
            ("council-email", "complaints@example.gov.uk"),
        ] {
            r.ok(&["settings", "set", key, value]);
        }
        r.ok(&[
            "officer",
            "add",
            "Dafydd Ŵyn",
            "--service-area",
            "Housing",
            "--job-title",
            "Housing Officer",
            "--email",
            "dafydd@example.gov.uk",
        ]);
        r.ok(&[
            "officer",
            "add",
            "Ștefan Țurcanu",
            "--service-area",
            "Corporate Complaints",
            "--job-title",
            "Complaints Reviewer",
            "--phone",
            "01248 752000",
        ]);
        r.ok(&["service-area", "add", "Waste"]);
        Letters { r }
    }

    fn pdf(&self, name: &str) -> PathBuf {
        self.r.dir.path().join(name)
    }

    /// Makes a letter; returns its file.
    fn letter(&self, reference: &str, kind: &str, extra: &[&str]) -> PathBuf {
        let out = self.pdf(&format!("{kind}.pdf"));
        let mut args = vec![
            "letter",
            reference,
            "--kind",
            kind,
            "--out",
            out.to_str().expect("path"),
        ];
        args.extend_from_slice(extra);
        self.r.ok(&args);
        out
    }

    fn complaint(&self, name: &str, area: &str, officer: &str) -> String {
        let out = self.r.ok(&[
            "case",
            "new",
            "--received",
            "2026-10-01",
            "--name",
            name,
            "--address",
            "4 Heol y Llan, Llanelli",
            "--postcode",
            "SA15 3AA",
            "--email",
            "sian@example.org",
            "--service-area",
            area,
            "--summary",
            "Damp and mould in the back bedroom",
            "--outcome-sought",
            "fix the damp",
            "--officer",
            officer,
        ]);
        out.split_whitespace()
            .find(|w| w.contains("-2026-"))
            .expect("reference")
            .to_owned()
    }
}

const NAME: &str = "Siân Ní Bhriain-Łukasiewicz";

#[test]
fn every_kind_renders_from_the_defaults_and_says_what_the_code_requires() {
    let l = Letters::new();
    let r = &l.r;
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");

    let ack = l.letter(&case, "stage1-acknowledgement", &["--acknowledge"]);
    let t = text(&ack);
    for expected in [
        NAME,
        "4 Heol y Llan",
        "SA15 3AA",
        &case,
        "Dafydd Ŵyn",
        "dafydd@example.gov.uk",
        "Cyngor Sir Ynys Môn",
        // Received 1 Oct, acknowledged today (the letter recorded it):
        // respond by 10 working days after 24 Nov.
        "8 December 2026",
    ] {
        assert!(
            t.contains(expected),
            "acknowledgement lacks '{expected}': {t}"
        );
    }
    assert_eq!(
        r.case(&case)["stages"][0]["acknowledged_on"],
        "2026-11-24",
        "issuing the acknowledgement with --acknowledge recorded it"
    );
    let info = poppler("pdfinfo", &[], &ack);
    assert!(info.contains("A4"), "{info}");
    assert!(info.contains("Stage 1 acknowledgement"), "{info}");
    assert!(
        info.contains("Author:          Cyngor Sir Ynys Môn"),
        "{info}"
    );
    let fonts = poppler("pdffonts", &[], &ack);
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes yes "), "embedded as a subset: {fonts}");
    }
    assert!(std::fs::metadata(&ack).expect("file").len() < 100_000);

    r.ok(&[
        "case",
        "extend",
        &case,
        "--days",
        "5",
        "--reason",
        "We are waiting for a damp survey",
        "--on",
        "2026-11-24",
    ]);
    let t = text(&l.letter(&case, "stage1-extension", &[]));
    assert!(t.contains("We are waiting for a damp survey"), "{t}");
    assert!(t.contains("15 December 2026"), "{t}");
    assert!(
        t.contains("Housing Ombudsman Service"),
        "a housing complaint goes to the Housing Ombudsman: {t}"
    );

    r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "partly-upheld",
        "--reasons",
        "The survey found a leaking gutter above the bedroom.",
        "--remedy",
        "apology=We are sorry for the delay",
        "--on",
        "2026-11-24",
    ]);
    r.ok(&[
        "case",
        "action",
        "add",
        &case,
        "--what",
        "Replace the gutter",
        "--owner",
        "Repairs",
        "--due",
        "2026-12-04",
    ]);
    let t = text(&l.letter(&case, "stage1-response", &[]));
    for expected in [
        "partly upheld",
        "leaking gutter",
        "We are sorry for the delay",
        "Replace the gutter",
        "4 December 2026",
        "stage 2",
    ] {
        assert!(
            t.contains(expected),
            "stage 1 response lacks '{expected}': {t}"
        );
    }

    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "stage2-response",
        "--out",
        l.pdf("early.pdf").to_str().expect("path"),
    ]);
    assert!(err.contains("has not been escalated to stage 2"), "{err}");
    assert!(!l.pdf("early.pdf").exists(), "no file for a refused letter");

    r.ok(&[
        "case",
        "escalate",
        &case,
        "--reviewer",
        "Ștefan Țurcanu",
        "--on",
        "2026-11-24",
    ]);
    let t = text(&l.letter(&case, "stage2-acknowledgement", &[]));
    assert!(
        t.contains("Ștefan Țurcanu") && t.contains("01248 752000"),
        "{t}"
    );
    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "stage2-response",
        "--out",
        l.pdf("early.pdf").to_str().expect("path"),
    ]);
    assert!(
        err.contains("stage 2") && err.contains("not been answered"),
        "{err}"
    );
    assert!(!l.pdf("early.pdf").exists());

    r.ok(&["case", "ack", &case, "--on", "2026-11-24"]);
    r.ok(&[
        "case",
        "extend",
        &case,
        "--days",
        "3",
        "--reason",
        "The contractor's report is late",
        "--on",
        "2026-11-24",
    ]);
    assert!(
        text(&l.letter(&case, "stage2-extension", &[])).contains("The contractor's report is late")
    );
    r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "upheld",
        "--reasons",
        "The repair should have been made in October.",
        "--improvements",
        "Gutters are now checked at every damp report.",
        "--on",
        "2026-11-24",
    ]);
    let t = text(&l.letter(&case, "stage2-response", &[]));
    for expected in [
        "final response",
        "upheld",
        "Gutters are now checked",
        "Housing Ombudsman Service",
        "0300 111 3000",
    ] {
        assert!(
            t.contains(expected),
            "final response lacks '{expected}': {t}"
        );
    }
    r.ok(&["case", "action", "done", &case, "1", "--on", "2026-11-24"]);
    assert!(text(&l.letter(&case, "action-completed", &[])).contains("replace the gutter"));
    let declined = l.letter(
        &case,
        "escalation-declined",
        &["--note", "Stage 2 is the last stage of our procedure."],
    );
    assert!(text(&declined).contains("last stage of our procedure"));
    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "escalation-declined",
        "--out",
        l.pdf("nowhy.pdf").to_str().expect("path"),
    ]);
    assert!(err.contains("why escalation was declined"), "{err}");
    assert!(!l.pdf("nowhy.pdf").exists());

    // Every letter is on the case's timeline.
    let history = r.ok(&["case", "history", &case]);
    for title in [
        "Stage 1 acknowledgement",
        "Stage 1 response",
        "Final response (stage 2)",
        "Escalation declined",
    ] {
        assert!(
            history.contains(&format!("Letter issued: {title}")),
            "{history}"
        );
    }

    // An excluded matter about waste: the LGSCO.
    let excluded = r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        "Zoë Brontë",
        "--service-area",
        "Waste",
        "--summary",
        "Council tax band",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "statutory-appeal",
        "--triage-note",
        "You can appeal to the Valuation Tribunal.",
    ]);
    let excluded = excluded
        .split_whitespace()
        .find(|w| w.contains("-2026-"))
        .expect("ref")
        .to_owned();
    let t = text(&l.letter(&excluded, "not-a-complaint", &[]));
    assert!(
        t.contains("Valuation Tribunal")
            && t.contains("Local Government and Social Care Ombudsman"),
        "{t}"
    );
    assert!(t.contains("Zoë Brontë"), "{t}");
    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "not-a-complaint",
        "--out",
        l.pdf("x.pdf").to_str().expect("path"),
    ]);
    assert!(err.contains("handled as a complaint"), "{err}");
}

#[test]
fn an_unknown_kind_is_refused_with_the_list_and_no_file() {
    let l = Letters::new();
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let out = l.pdf("x.pdf");
    let err = l.r.refused(&[
        "letter",
        &case,
        "--kind",
        "thank-you",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(
        err.contains("'thank-you'")
            && err.contains("stage1-acknowledgement")
            && err.contains("restriction"),
        "{err}"
    );
    assert!(
        !err.contains("stage3"),
        "a two-stage policy has no stage 3 letters: {err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_long_response_flows_onto_a_second_page_with_its_page_numbers() {
    let l = Letters::new();
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let reasons =
        "We looked at every repair record for your home since 2019 and spoke to each contractor. "
            .repeat(30);
    l.r.ok(&["case", "ack", &case, "--on", "2026-10-02"]);
    l.r.ok(&[
        "case",
        "respond",
        &case,
        "--outcome",
        "upheld",
        "--reasons",
        &reasons,
        "--on",
        "2026-10-10",
    ]);
    let pdf = l.letter(&case, "stage1-response", &[]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Pages:           2"), "{info}");
    let t = text(&pdf);
    assert!(
        t.contains("Page 1 of 2") && t.contains("Page 2 of 2"),
        "{t}"
    );
    // The continuation header names the case on the second page.
    let second = poppler("pdftotext", &["-f", "2", "-l", "2"], &pdf);
    assert!(second.contains(&case), "{second}");
}

#[test]
fn the_same_letter_twice_is_the_same_bytes() {
    let l = Letters::new();
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let a = l.pdf("a.pdf");
    let b = l.pdf("b.pdf");
    for out in [&a, &b] {
        l.r.ok(&[
            "letter",
            &case,
            "--kind",
            "stage1-acknowledgement",
            "--draft",
            "--out",
            out.to_str().expect("path"),
        ]);
    }
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    // A draft is not kept with the case.
    assert!(!l
        .r
        .ok(&["case", "history", &case])
        .contains("Letter issued"));
}

#[test]
fn the_councils_template_is_checked_versioned_and_used() {
    let l = Letters::new();
    let r = &l.r;
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let file = l.pdf("ack.md");
    r.ok(&[
        "template",
        "export",
        "acknowledgement",
        "--out",
        file.to_str().expect("path"),
    ]);
    let body = std::fs::read_to_string(&file).expect("template");
    assert!(body.contains("{{ stage.respond_by }}"));

    // A misspelt field is refused, naming the line and the field.
    let bad = body.replace("{{ stage.respond_by }}", "{{ stage.respond_date }}");
    std::fs::write(&file, &bad).expect("write");
    let err = r.refused(&[
        "template",
        "import",
        "acknowledgement",
        file.to_str().expect("path"),
    ]);
    let line = bad
        .lines()
        .position(|l| l.contains("respond_date"))
        .expect("line")
        + 1;
    assert!(
        err.contains(&format!("line {line}")) && err.contains("stage.respond_date"),
        "{err}"
    );

    // A template that drops the response date saves, but its letters are
    // flagged and go out only with a reason.
    let undated = body.replace(
        " We will send you our response by **{{ stage.respond_by }}**.",
        "",
    );
    assert_ne!(undated, body);
    std::fs::write(&file, format!("{undated}\nWith our new wording.\n")).expect("write");
    let saved = r.ok(&[
        "template",
        "import",
        "acknowledgement",
        file.to_str().expect("path"),
    ]);
    assert!(saved.contains("version 1"), "{saved}");
    let out = l.pdf("flagged.pdf");
    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "stage1-acknowledgement",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(err.contains("the date a response can be expected"), "{err}");
    assert!(!out.exists());
    let issued = r.ok(&[
        "letter",
        &case,
        "--kind",
        "stage1-acknowledgement",
        "--out",
        out.to_str().expect("path"),
        "--reason",
        "Date agreed by phone",
    ]);
    assert!(issued.contains("template version 1"), "{issued}");
    assert!(text(&out).contains("With our new wording."));
    let history = r.ok(&["case", "history", &case]);
    assert!(
        history.contains("without the date a response can be expected (Date agreed by phone)"),
        "{history}"
    );
    assert!(r.ok(&["template", "list"]).contains("version 1"));
}

#[test]
fn a_welsh_speaker_gets_welsh_letters() {
    let l = Letters::new();
    let r = &l.r;
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-02",
        "--name",
        "Gwenllïan Ŷr",
        "--language",
        "cy",
        "--service-area",
        "Housing",
        "--summary",
        "Tamprwydd yn yr ystafell wely",
        "--officer",
        "Dafydd Ŵyn",
    ]);
    let case = out
        .split_whitespace()
        .find(|w| w.contains("-2026-"))
        .expect("ref")
        .to_owned();
    let t = text(&l.letter(&case, "stage1-acknowledgement", &[]));
    for expected in ["Annwyl Gwenllïan Ŷr", "Tachwedd", "Yn gywir", "Dafydd Ŵyn"] {
        assert!(t.contains(expected), "Welsh letter lacks '{expected}': {t}");
    }
}

#[test]
fn the_restriction_letter_names_the_right_of_appeal() {
    let l = Letters::new();
    let r = &l.r;
    r.ok(&[
        "officer",
        "add",
        "Hana Head",
        "--role",
        "head-of-service",
        "--job-title",
        "Head of Housing",
    ]);
    let case = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let out = l.pdf("restriction.pdf");
    let err = r.refused(&[
        "letter",
        &case,
        "--kind",
        "restriction",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(err.contains("no restriction in force"), "{err}");
    let person = r.case(&case)["person_id"]
        .as_str()
        .expect("person")
        .to_owned();
    r.ok(&[
        "person",
        "restrict",
        &person,
        "--decided-by",
        "Hana Head",
        "--reason",
        "Forty calls a week to staff",
        "--contact",
        "Email to the complaints team only",
        "--told",
        "2026-11-24",
        "--review",
        "2027-05-20",
    ]);
    let t = text(&l.letter(&case, "restriction", &[]));
    for expected in [
        "right to appeal",
        "Email to the complaints team only",
        "20 May 2027",
        "Hana Head",
        "Forty calls a week",
    ] {
        assert!(
            t.contains(expected),
            "restriction letter lacks '{expected}': {t}"
        );
    }
}

#[test]
fn a_bilingual_council_writes_welsh_then_english_with_its_logo() {
    let l = Letters::new();
    let r = &l.r;
    r.ok(&["settings", "set", "bilingual-letters", "yes"]);
    let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../icons/icon.png");
    r.ok(&["settings", "logo", logo.to_str().expect("path")]);
    let not_png = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let err = r.refused(&["settings", "logo", not_png.to_str().expect("path")]);
    assert!(err.contains("not a PNG"), "{err}");
    let case = l.complaint(NAME, "Waste", "Dafydd Ŵyn");
    let pdf = l.letter(&case, "stage1-acknowledgement", &[]);
    let t = text(&pdf);
    let welsh = t.find("Yn gywir").expect("Welsh");
    let english = t.find("Yours sincerely").expect("English");
    assert!(welsh < english, "Welsh first: {t}");
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert!(
        images.lines().count() > 2,
        "the logo is on the letterhead: {images}"
    );
}

#[test]
fn a_service_area_can_be_given_another_ombudsman() {
    let l = Letters::new();
    let r = &l.r;
    let case = l.complaint(NAME, "Waste", "Dafydd Ŵyn");
    r.ok(&["case", "ack", &case, "--on", "2026-10-02"]);
    r.ok(&[
        "case",
        "extend",
        &case,
        "--days",
        "2",
        "--reason",
        "Waiting for the crew",
        "--on",
        "2026-10-05",
    ]);
    assert!(text(&l.letter(&case, "stage1-extension", &[]))
        .contains("Local Government and Social Care Ombudsman"));
    r.ok(&["service-area", "ombudsman", "Waste", "housing"]);
    assert!(text(&l.letter(&case, "stage1-extension", &[])).contains("Housing Ombudsman Service"));
    let err = r.refused(&["service-area", "ombudsman", "Nowhere", "housing"]);
    assert!(err.contains("Nowhere"), "{err}");
}

#[test]
fn a_complaint_already_considered_is_excluded_linked_and_told_its_ombudsman_route() {
    let l = Letters::new();
    let r = &l.r;
    let first = l.complaint(NAME, "Housing", "Dafydd Ŵyn");
    let out = r.ok(&[
        "case",
        "new",
        "--received",
        "2026-11-20",
        "--name",
        NAME,
        "--email",
        "sian@example.org",
        "--service-area",
        "Housing",
        "--summary",
        "Damp again",
        "--triage",
        "excluded",
        "--exclusion-reason",
        "already-decided",
        "--triage-note",
        "We answered this complaint in our letter of 16 November.",
        "--repeat-of",
        &first,
        "--officer",
        "Dafydd Ŵyn",
    ]);
    let repeat = out
        .split_whitespace()
        .find(|w| w.contains("-2026-"))
        .expect("ref")
        .to_owned();
    assert_eq!(r.case(&repeat)["linked"], serde_json::json!([first]));
    assert_eq!(r.case(&repeat)["person_id"], r.case(&first)["person_id"]);
    let t = text(&l.letter(&repeat, "not-a-complaint", &[]));
    for expected in [
        "already decided by this procedure or the Ombudsman",
        "letter of 16 November",
        "Housing Ombudsman Service",
    ] {
        assert!(t.contains(expected), "lacks '{expected}': {t}");
    }
}
