//! The journeys of each role through the real window: an officer logs and
//! answers a complaint; a reviewer, refused as the stage 1 handler, picks an
//! independent officer, escalates and closes; search finds the case; a new
//! later closure day leaves an open stage's deadlines as they were; an empty database offers demo
//! data. Every screen is screenshotted and checked with axe-core.

use chrono::{NaiveDate, Utc};
use redress::case::Record;
use redress::case::{CaseCommand, Channel, Complainant, NewCase, Outcome, Triage};
use redress_store::{Actor, NewOfficer, Store, Under};

use crate::driver::App;

const TODAY: &str = "2026-11-24";

fn d(text: &str) -> NaiveDate {
    redress::dates::parse_date(text).expect("test date")
}

fn actor() -> Actor {
    Actor {
        name: "Set-up".to_owned(),
        now: Utc::now(),
        today: d(TODAY),
    }
}

/// Records a case as the service does, under the rules of the settings in
/// force (the store is told the rules; it never reads them itself).
fn record(store: &mut Store, intake: NewCase) -> redress_store::Recorded {
    let settings = store.settings().expect("settings");
    let calendar = settings.calendar();
    let under = Under::new(&settings, &calendar, d(TODAY), Record::Live);
    store.create_case(intake, &actor(), under).expect("case")
}

/// Takes steps on a case as the service does, as one transaction.
fn take(store: &mut Store, reference: &str, commands: Vec<CaseCommand>) -> redress::case::Case {
    let settings = store.settings().expect("settings");
    let calendar = settings.calendar();
    let under = Under::new(&settings, &calendar, d(TODAY), Record::Live);
    store
        .apply_all(reference, commands, &actor(), under.rules)
        .expect("steps taken")
}

/// A training database (one that takes `--today`), made or opened.
fn training_store(path: impl AsRef<std::path::Path>) -> Store {
    let mut store = Store::create(path.as_ref()).expect("open store");
    let mut settings = store.settings().expect("settings");
    if !settings.training {
        settings.training = true;
        store.save_settings(&settings, &actor()).expect("training");
    }
    store
}

/// A database with three officers and the bins complaint, answered at stage 1
/// by Alex Khan when `answered`.
fn prepared(dir: &std::path::Path, answered: bool) -> String {
    let path = dir.join("redress.db");
    let mut store = training_store(&path);
    for (name, area) in [
        ("Alex Khan", "Waste and Recycling"),
        ("Beth Morgan", "Waste and Recycling"),
        ("Sam Reviewer", "Corporate Complaints"),
    ] {
        store
            .add_officer(
                &NewOfficer {
                    name: name.to_owned(),
                    service_area: Some(area.to_owned()),
                    ..NewOfficer::default()
                },
                &actor(),
            )
            .expect("officer");
    }
    store
        .add_category("Missed collection", &actor())
        .expect("category");
    let case = record(
        &mut store,
        NewCase {
            received_on: d("2026-11-02"),
            channel: Channel::Email,
            complainant: Complainant {
                name: "Siân Jones".to_owned(),
                email: "sian@example.org".to_owned(),
                ..Complainant::default()
            },
            representative: None,
            service_area: "Waste and Recycling".to_owned(),
            category: Some("Missed collection".to_owned()),
            summary: "Bins missed on Heol y Llan".to_owned(),
            description: "Missed three weeks running.".to_owned(),
            outcome_sought: "Collect the bins".to_owned(),
            triage: Triage::Complaint,
            officer: Some("Alex Khan".to_owned()),
            person: None,
            repeat_of: None,
        },
    )
    .case;
    if answered {
        take(
            &mut store,
            &case.reference,
            vec![
                CaseCommand::Acknowledge {
                    on: d("2026-11-03"),
                },
                CaseCommand::Respond {
                    on: d("2026-11-16"),
                    outcome: Some(Outcome::NotUpheld),
                    reasons: "The crew logs show collections were made".to_owned(),
                    remedies: Vec::new(),
                    learning: String::new(),
                    improvements: String::new(),
                },
            ],
        );
    }
    path.to_str().expect("UTF-8 path").to_owned()
}

async fn look(app: &App, name: &str) {
    app.screenshot(name).await;
    app.check_accessibility(name).await;
}

async fn step(app: &App, kind: &str) {
    app.click(&format!("button[data-step='{kind}']")).await;
    app.wait_displayed(&format!("form[data-step-form='{kind}']"))
        .await;
}

async fn fill(app: &App, kind: &str, name: &str, value: &str) {
    app.type_into(
        &format!("form[data-step-form='{kind}'] [name='{name}']"),
        value,
    )
    .await;
}

async fn submit(app: &App, kind: &str) {
    app.click(&format!(
        "form[data-step-form='{kind}'] button[type='submit']"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_officer_logs_acknowledges_extends_and_answers_a_complaint() {
    let app = App::start_fresh(TODAY).await;
    // A new installation opens on its setup, which can be left for later.
    app.find("#setup-form").await;
    app.click("#setup-skip").await;
    app.find("#empty-state").await;
    look(&app, "caseload-empty").await;

    // Settings: who is using the app, and the officers.
    app.navigate("#/settings", "settings").await;
    app.type_into("#user", "Alex Khan").await;
    app.click("#save-settings").await;
    app.wait_for_text_containing("#settings-saved", "Settings saved")
        .await;
    for (name, area) in [
        ("Alex Khan", "Waste and Recycling"),
        ("Sam Reviewer", "Corporate Complaints"),
    ] {
        app.type_into("#officer_name", name).await;
        app.type_into("#officer_service_area", area).await;
        app.click("#add-officer").await;
        app.wait_for_text_containing("table[aria-labelledby='officers-heading']", name)
            .await;
    }
    look(&app, "settings").await;

    // New complaint: a missing summary is caught in place, then recorded.
    app.navigate("#/new", "new").await;
    // An empty form reports every problem at once, each linked to its field.
    app.click("#create-case").await;
    app.wait_displayed("#error-summary").await;
    app.wait_displayed("#summary-error").await;
    app.wait_displayed("#service_area-error").await;
    let links = app
        .client
        .execute(
            "return document.querySelectorAll('#error-summary a[href]').length;",
            vec![],
        )
        .await
        .expect("count");
    assert!(links.as_u64().unwrap_or(0) >= 2, "{links}");
    app.type_into("#received_on", "02/11/2026").await;
    app.type_into("#name", "Siân Jones").await;
    app.type_into("#email", "sian@example.org").await;
    app.type_into("#service_area", "Waste and Recycling").await;
    app.choose("#officer", "Alex Khan").await;
    app.click("#create-case").await;
    app.wait_displayed("#error-summary").await;
    app.wait_for_text_containing("#summary-error", "Enter a one-line summary")
        .await;
    look(&app, "new-complaint-error").await;
    app.type_into("#summary", "Bins missed on Heol y Llan")
        .await;
    app.type_into("#description", "Missed three weeks running.")
        .await;
    app.click("#create-case").await;
    app.wait_for_text_containing("[data-screen='case'] h1", "CMP-2026-00001")
        .await;
    assert_eq!(
        app.attr("[data-deadline='acknowledge_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-11-09")
    );
    look(&app, "case-new").await;

    // Acknowledge on 3 Nov: the response is due 17 Nov.
    step(&app, "acknowledge").await;
    fill(&app, "acknowledge", "on", "03/11/2026").await;
    submit(&app, "acknowledge").await;
    app.wait_displayed("#step-done").await;
    assert_eq!(
        app.attr("[data-deadline='respond_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-11-17")
    );
    assert!(app
        .client
        .find(fantoccini::Locator::Css("button[data-step='acknowledge']"))
        .await
        .is_err());

    // An extension beyond the limit is refused in place; five days is agreed.
    step(&app, "extend").await;
    fill(&app, "extend", "on", "10/11/2026").await;
    fill(&app, "extend", "days", "12").await;
    fill(&app, "extend", "reason", "Waiting for the crew logs").await;
    submit(&app, "extend").await;
    app.wait_for_text_containing(
        "form[data-step-form='extend'] .error-summary",
        "beyond the policy's limit of 10",
    )
    .await;
    look(&app, "case-extension-refused").await;
    fill(&app, "extend", "days", "5").await;
    submit(&app, "extend").await;
    app.wait_displayed("#step-done").await;
    assert_eq!(
        app.attr("[data-deadline='respond_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-11-24")
    );

    // Partly upheld, with an apology and an action.
    step(&app, "respond").await;
    fill(&app, "respond", "on", "20/11/2026").await;
    app.click("form[data-step-form='respond'] [name='outcome'][value='partly-upheld']")
        .await;
    fill(
        &app,
        "respond",
        "reasons",
        "Two of the three collections were missed",
    )
    .await;
    app.click("form[data-step-form='respond'] [name='remedy'][value='apology']")
        .await;
    fill(
        &app,
        "respond",
        "remedy-detail-apology",
        "We are sorry for the missed collections",
    )
    .await;
    fill(
        &app,
        "respond",
        "action-description",
        "Add the street to the crew checklist",
    )
    .await;
    fill(&app, "respond", "action-owner", "Alex Khan").await;
    fill(&app, "respond", "action-due", "04/12/2026").await;
    look(&app, "case-respond-form").await;
    submit(&app, "respond").await;
    app.wait_displayed("#step-done").await;
    app.wait_for_text_containing("#stages", "Partly upheld")
        .await;
    app.wait_for_text_containing(
        "table[aria-labelledby='actions-heading']",
        "Add the street to the crew checklist",
    )
    .await;
    app.wait_for_text_containing(
        "#timeline",
        "Stage 1 response sent on 20 Nov 2026: partly upheld",
    )
    .await;
    app.wait_for_text_containing("#timeline", "Alex Khan").await;
    look(&app, "case-answered").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reviewer_must_be_independent_then_escalates_and_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), true);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    look(&app, "caseload").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;

    step(&app, "escalate").await;
    let options = app
        .text("form[data-step-form='escalate'] [name='reviewer']")
        .await;
    assert!(options.contains("Sam Reviewer"), "{options}");
    assert!(
        !options.contains("Alex Khan"),
        "the stage 1 handler is not offered: {options}"
    );
    assert!(
        !options.contains("Beth Morgan"),
        "an officer of the service is not offered: {options}"
    );
    app.wait_for_text_containing("#ineligible-reviewers", "Alex Khan handled stage 1")
        .await;
    app.wait_for_text_containing(
        "#ineligible-reviewers",
        "Beth Morgan works in Waste and Recycling",
    )
    .await;
    look(&app, "case-escalate").await;
    // No reviewer chosen: the form says so before asking to confirm.
    submit(&app, "escalate").await;
    app.wait_displayed("#step-reviewer-error").await;
    let asked = app
        .client
        .execute(
            "const d = document.querySelector('#confirm-dialog');
             return Boolean(d && (d.open || d.offsetParent !== null));",
            vec![],
        )
        .await
        .expect("dialog");
    assert_eq!(
        asked,
        serde_json::json!(false),
        "the escalation is not confirmed before the form is complete"
    );
    fill(&app, "escalate", "on", "23/11/2026").await;
    app.choose(
        "form[data-step-form='escalate'] [name='reviewer']",
        "Sam Reviewer",
    )
    .await;
    submit(&app, "escalate").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_displayed("#step-done").await;
    app.wait_for_text_containing("#deadlines", "Stage 2").await;

    step(&app, "acknowledge").await;
    fill(&app, "acknowledge", "on", "24/11/2026").await;
    submit(&app, "acknowledge").await;
    app.wait_displayed("#step-done").await;
    assert_eq!(
        app.attr("[data-deadline='respond_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-12-22")
    );

    step(&app, "respond").await;
    fill(&app, "respond", "on", "24/11/2026").await;
    app.click("form[data-step-form='respond'] [name='outcome'][value='not-upheld']")
        .await;
    fill(
        &app,
        "respond",
        "reasons",
        "The review found the stage 1 answer sound",
    )
    .await;
    submit(&app, "respond").await;
    app.wait_displayed("#step-done").await;

    // The complainant goes to the Ombudsman.
    step(&app, "refer").await;
    app.choose("form[data-step-form='refer'] [name='ombudsman']", "lgsco")
        .await;
    fill(&app, "refer", "their_reference", "26 001 234").await;
    submit(&app, "refer").await;
    app.wait_displayed("#step-done").await;
    app.wait_for_text_containing(
        "#timeline",
        "Referred to the Local Government and Social Care Ombudsman",
    )
    .await;

    step(&app, "close").await;
    fill(&app, "close", "reason", "Final response sent").await;
    submit(&app, "close").await;
    app.wait_displayed("#confirm-dialog").await;
    look(&app, "case-close-confirm").await;
    app.click("#confirm-yes").await;
    app.wait_for_text_containing("#case-status", "Closed").await;
    look(&app, "case-closed").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_a_case_and_a_later_closure_day_leaves_its_deadlines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;

    app.navigate("#/cases", "cases").await;
    app.type_into("#search-text", "heol").await;
    app.click("#search-button").await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.wait_for_text_containing("#results-count", "1").await;
    look(&app, "cases-search").await;

    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;
    assert_eq!(
        app.attr("[data-deadline='acknowledge_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-11-09")
    );

    // Another officer takes the case over.
    step(&app, "allocate").await;
    app.choose(
        "form[data-step-form='allocate'] [name='officer']",
        "Beth Morgan",
    )
    .await;
    submit(&app, "allocate").await;
    app.wait_displayed("#step-done").await;
    app.wait_for_text_containing("#timeline", "Allocated to Beth Morgan")
        .await;

    app.navigate("#/settings", "settings").await;
    app.type_into("#closures", "05/11/2026").await;
    app.click("#save-settings").await;
    app.wait_for_text_containing("#settings-saved", "Settings saved")
        .await;

    app.navigate("#/cases", "cases").await;
    app.type_into("#search-text", "Siân").await;
    app.click("#search-button").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;
    assert_eq!(
        app.attr("[data-deadline='acknowledge_by']", "data-iso")
            .await
            .as_deref(),
        Some("2026-11-09"),
        "a stage keeps the deadlines it opened with: a later closure day applies to new stages"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_database_offers_demo_data() {
    let app = App::start_fresh(TODAY).await;
    app.click("#load-demo").await;
    app.find("tr[data-reference]").await;
    let overdue = app.text("[data-count='overdue']").await;
    assert!(overdue.chars().any(|c| c.is_ascii_digit()), "{overdue}");
    look(&app, "caseload-demo").await;
    app.navigate("#/cases", "cases").await;
    app.click("#search-button").await;
    app.find("tr[data-reference]").await;
    app.click("#page-next").await;
    app.wait_for_text_containing("#page-text", "Page 2").await;
    look(&app, "cases-demo").await;
    // At a laptop's 1366 and a small 1024 px, the Officer column is on the
    // screen, not cut off or scrolled away, on the Cases list and the caseload.
    for (width, height) in [(1366, 768), (1024, 768)] {
        app.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        for (hash, screen) in [("#/cases", "cases"), ("#/caseload", "caseload")] {
            if screen == "cases" {
                app.navigate(hash, screen).await;
                app.click("#search-button").await;
            } else {
                app.navigate(hash, screen).await;
            }
            app.find(&format!("[data-screen='{screen}'] tr[data-reference]"))
                .await;
            let fit = app
                .client
                .execute(
                    "const table = document.querySelector(`[data-screen='${arguments[0]}'] table`);
                     const officer = [...table.querySelectorAll('thead th')]
                       .find((th) => th.textContent.trim().startsWith('Officer'));
                     const right = officer.getBoundingClientRect().right;
                     const wrap = table.parentElement;
                     return [right <= document.documentElement.clientWidth,
                             wrap.scrollWidth - wrap.clientWidth];",
                    vec![serde_json::Value::String(screen.to_owned())],
                )
                .await
                .expect("measure");
            app.screenshot(&format!("{screen}-{width}")).await;
            assert!(
                fit[0] == serde_json::json!(true) && fit[1].as_i64().unwrap_or(1) <= 1,
                "the Officer column of {screen} is cut off at {width} px: {fit}"
            );
        }
    }
    app.navigate("#/calculator", "calculator").await;
    look(&app, "calculator").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unsaved_changes_are_guarded_and_screens_fit_at_200_percent_zoom() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), true);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;

    // Leaving a half-filled form asks first; "Stay" keeps what was typed.
    app.navigate("#/new", "new").await;
    app.type_into("#summary", "Half-written complaint").await;
    app.click("nav a[href='#/cases']").await;
    app.wait_displayed("#confirm-dialog").await;
    look(&app, "new-complaint-unsaved-guard").await;
    app.click("#confirm-no").await;
    let kept = app
        .find("#summary")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(kept.as_deref(), Some("Half-written complaint"));
    app.click("nav a[href='#/cases']").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.find("[data-screen='cases'] h1").await;

    // 1280x800 at 200% zoom is a 640x400 viewport: nothing may scroll sideways.
    app.client
        .set_window_size(640, 400)
        .await
        .expect("resize the window");
    for (hash, screen) in [
        ("#/caseload", "caseload"),
        ("#/case/CMP-2026-00001", "case"),
        ("#/settings", "settings"),
    ] {
        app.client
            .execute(&format!("location.hash = '{hash}'; return true;"), vec![])
            .await
            .expect("navigate");
        app.find(&format!("[data-screen='{screen}'] h1")).await;
        let overflow = app
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .expect("measure");
        assert!(
            overflow.as_i64().unwrap_or(1) <= 0,
            "the {screen} screen scrolls sideways by {overflow}px at 200% zoom"
        );
        app.screenshot(&format!("zoom-200-{screen}")).await;
    }
    app.finish().await;
}

/// The prepared database with a head of service, Hana Head.
fn with_head_of_service(dir: &std::path::Path) -> String {
    let db = prepared(dir, true);
    let mut store = training_store(std::path::Path::new(&db));
    store
        .add_officer(
            &NewOfficer {
                name: "Hana Head".to_owned(),
                service_area: Some("Waste and Recycling".to_owned()),
                roles: vec![redress::case::Role::HeadOfService],
                ..NewOfficer::default()
            },
            &actor(),
        )
        .expect("head of service");
    db
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeat_complaint_is_seen_at_intake_and_a_head_of_service_restricts_contact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = with_head_of_service(dir.path());
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;

    // Intake: the same email in other capitals brings up her earlier case.
    app.navigate("#/new", "new").await;
    app.type_into("#name", "Sian Jones").await;
    app.type_into("#email", "SIAN@example.org").await;
    app.wait_for_text_containing("#person-matches", "Same email address")
        .await;
    app.wait_for_text_containing("#person-matches", "CMP-2026-00001")
        .await;
    look(&app, "new-case-match").await;
    app.click("#person-matches button[data-action='repeat'][data-repeat-of='CMP-2026-00001']")
        .await;
    app.find("#person-linked").await;
    app.type_into("#service_area", "Waste and Recycling").await;
    app.type_into("#summary", "Bins missed again").await;
    app.click("#create-case").await;
    app.wait_for_text_containing("[data-screen='case'] h1", "CMP-2026-00002")
        .await;
    app.wait_for_text_containing("[data-screen='case']", "CMP-2026-00001")
        .await;

    // Her record has both cases; a head of service restricts contact.
    app.click("#person-link").await;
    app.find("[data-screen='person'] h1").await;
    app.wait_for_text_containing("[data-screen='person']", "CMP-2026-00002")
        .await;
    app.click("#restriction-details-summary").await;
    app.wait_displayed("#restriction-form").await;
    app.choose("#restriction_decided_by", "Hana Head").await;
    app.type_into("#restriction_reason", "Forty calls a week to staff")
        .await;
    app.type_into("#restriction_contact", "Email to the complaints team only")
        .await;
    app.type_into("#restriction_told_on", "20/11/2026").await;
    app.type_into("#restriction_review_on", "20/05/2027").await;
    app.click("#record-restriction").await;
    app.wait_for_text_containing("#person-restriction", "Email to the complaints team only")
        .await;
    look(&app, "person-restricted").await;

    // The people list finds her, accents or not, marked as restricted.
    app.navigate("#/people", "people").await;
    app.type_into("#people-search", "sian jones").await;
    app.wait_for_text_containing("[data-screen='people']", "Contact restricted")
        .await;
    look(&app, "people").await;

    // Every case of hers says so.
    app.navigate("#/cases", "cases").await;
    app.navigate("#/caseload", "caseload").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.wait_for_text_containing("#restriction-banner", "Email to the complaints team only")
        .await;
    look(&app, "case-restricted").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_officer_previews_and_issues_a_letter_and_sees_it_on_the_timeline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), true);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;

    app.choose("#letter-kind", "stage1-response").await;
    app.click("#preview-letter").await;
    app.wait_for_text_containing("#letter-page", "not upheld")
        .await;
    app.wait_for_text_containing("#letter-page", "Siân Jones")
        .await;
    app.wait_for_text_containing("#letter-panel", "how to escalate")
        .await;
    app.scroll_to("#letter-page").await;
    look(&app, "case-letter-preview").await;

    app.click("#issue-letter").await;
    app.wait_for_text_containing("#step-done", "Letter issued")
        .await;
    app.wait_for_text_containing("#letters", "Stage 1 response")
        .await;
    app.wait_for_text_containing("[data-screen='case']", "Letter issued: Stage 1 response")
        .await;
    look(&app, "case-letter-issued").await;
    let saved = std::fs::read_dir(dir.path().join("Letters"))
        .expect("the letters folder")
        .count();
    assert_eq!(saved, 1, "the issued letter is saved as a PDF");

    // The council's template editor previews on a sample letter and names
    // the line of a misspelt field.
    app.navigate("#/settings", "settings").await;
    app.wait_for_text_containing("#template-page", "Siân Ellis")
        .await;
    app.scroll_to("#templates").await;
    look(&app, "settings-template-editor").await;
    app.type_into("#template-body", "{{ officer.nmae }}").await;
    app.wait_for_text_containing("#template-problem", "officer.nmae")
        .await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_sends_a_due_reminder_to_the_desktop_as_it_starts_and_a_click_opens_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    // A private session bus with the test notification server on it.
    let bus = crate::bus::Bus::start(dir.path(), true, true);
    let address = bus.address.clone();
    let record = dir.path().join("notifications.jsonl");
    let app = App::start(&[
        "--db",
        &db,
        "--today",
        TODAY,
        "--reminder-time",
        "09:00",
        "--notification-bus",
        &address,
    ])
    .await;
    let started = std::time::Instant::now();
    let sent = loop {
        let text = std::fs::read_to_string(&record).unwrap_or_default();
        if text.contains("CMP-2026-00001") || started.elapsed() > std::time::Duration::from_secs(30)
        {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    // Once the window is up, the test server clicks the notification, as a
    // user would: the window shows the case it names.
    app.find("[data-screen='caseload']").await;
    std::fs::write(dir.path().join("notifications.jsonl.click"), "").expect("click");
    app.wait_for_text_containing("[data-screen='case'] h1", "CMP-2026-00001")
        .await;
    app.navigate("#/reminders", "reminders").await;
    app.wait_for_text_containing("[data-screen='reminders']", "CMP-2026-00001")
        .await;
    look(&app, "reminders").await;
    // Starting at login writes the desktop's autostart entry, in the tray on
    // this database, and unticking removes it.
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#autostart").await;
    app.click("label[for='autostart']").await;
    app.wait_for_text_containing("#autostart-status", "will start")
        .await;
    let entry = app.home().join(".config/autostart/Redress.desktop");
    let written = std::fs::read_to_string(&entry).expect("the autostart entry");
    assert!(
        written.contains("--hidden") && written.contains(&db),
        "{written}"
    );
    look(&app, "settings-reminders").await;
    app.click("label[for='autostart']").await;
    app.wait_for_text_containing("#autostart-status", "will not start")
        .await;
    assert!(!entry.exists(), "unticked, the entry is gone");
    app.finish().await;
    drop(bus);
    assert!(
        sent.contains("Stage 1 acknowledgement overdue") && sent.contains("CMP-2026-00001"),
        "the reminder reached the desktop: {sent}"
    );
    assert!(
        sent.contains(r#""actions": ["default", "Open Redress"]"#),
        "the notification offers to open Redress: {sent}"
    );
    let store = training_store(std::path::Path::new(&db));
    let at = d(TODAY).and_hms_opt(9, 0, 0).expect("moment");
    let again = store
        .reminders_due(
            at,
            None,
            &redress::reminders::ReminderPolicy::default(),
            &store.settings().expect("settings").calendar(),
        )
        .expect("due");
    assert!(again.is_empty(), "it is recorded as sent: {again:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_complaints_manager_reads_the_years_report_saves_the_pdf_and_assesses_against_the_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), true);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.navigate("#/reports", "reports").await;
    app.find("#report-form").await;
    app.choose("#report-period", "year").await;
    app.click("#show-report").await;
    // One complaint received and answered, on time, in 2026/27.
    app.wait_for_text(
        "#report-overall-stage1 tr[data-measure='received'] td[data-column='current']",
        "1",
    )
    .await;
    app.wait_for_text(
        "#report-overall-stage1 tr[data-measure='responded'] td[data-column='current']",
        "1",
    )
    .await;
    app.find("#chart-timescale svg").await;
    look(&app, "reports").await;
    app.scroll_to("#report-overall-stage1").await;
    app.screenshot("reports-summary").await;
    app.scroll_to("#chart-timescale").await;
    app.screenshot("reports-charts").await;
    app.scroll_to("#quarters-stage1-received").await;
    app.screenshot("reports-quarters").await;
    app.scroll_to("#save-report-pdf").await;
    app.click("#save-report-pdf").await;
    app.wait_for_text_containing("#report-save-status", ".pdf")
        .await;
    let folder = dir.path().join("Reports");
    let saved: Vec<_> = std::fs::read_dir(&folder)
        .expect("the Reports folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let text = std::process::Command::new("pdftotext")
        .arg(&saved[0])
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("2026/27"), "{text}");
    // The self-assessment: the council's own words on what the data cannot show.
    app.scroll_to("#self-assessment").await;
    let item = "form.assessment-item[data-code='accessibility']";
    app.type_into(
        &format!("{item} textarea"),
        "The policy is on the website and in every library.",
    )
    .await;
    app.click(&format!("{item} button[type='submit']")).await;
    app.wait_for_text_containing(&format!("{item} [role='status']"), "Saved")
        .await;
    look(&app, "reports-self-assessment").await;
    app.finish().await;
    let store = training_store(std::path::Path::new(&db));
    assert!(store
        .self_assessment(2026)
        .expect("saved")
        .iter()
        .any(|(code, text)| code == "accessibility" && text.contains("every library")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reviewer_finds_the_case_they_review_on_their_own_caseload_and_a_leaver_is_retired() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), true);
    {
        let mut store = training_store(std::path::Path::new(&db));
        let reviewer = store.officer("Sam Reviewer").expect("reviewer").as_ref();
        take(
            &mut store,
            "CMP-2026-00001",
            vec![CaseCommand::Escalate {
                requested_on: d("2026-11-20"),
                reviewer: Some(reviewer),
            }],
        );
        let mut settings = store.settings().expect("settings");
        settings.user = "Sam Reviewer".to_owned();
        store
            .save_settings(&settings, &actor())
            .expect("the user is the reviewer");
    }
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("section[data-screen='caseload'][data-scope='mine']")
        .await;
    // Stage 2 acknowledgement is due on Friday 27 Nov: this week.
    app.wait_for_text(
        "section#caseload-due-this-week tr[data-reference='CMP-2026-00001'] td.case-part",
        "Stage 2 reviewer",
    )
    .await;
    let counts = app.text("#caseload-total").await;
    assert!(counts.contains("1 case"), "{counts}");
    app.click("a[data-group='due-this-week']").await;
    look(&app, "caseload-reviewer").await;
    // Settings: the leaver is retired, and is no longer offered for review.
    app.navigate("#/settings", "settings").await;
    app.scroll_to("button[data-retire-officer='Beth Morgan']")
        .await;
    app.click("button[data-retire-officer='Beth Morgan']").await;
    app.wait_for_text_containing("tr[data-officer='Beth Morgan']", "Retired")
        .await;
    look(&app, "settings-officer-retired").await;
    app.finish().await;
    let store = training_store(std::path::Path::new(&db));
    assert!(store
        .officer("Beth Morgan")
        .expect("kept")
        .retired_on
        .is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_installation_is_set_up_in_one_form() {
    let app = App::start_fresh(TODAY).await;
    app.find("#setup-form").await;
    // Nothing filled in: both things needed are asked for at once.
    app.click("#setup-save").await;
    app.wait_displayed("#setup-error-summary").await;
    let links = app
        .client
        .execute(
            "return document.querySelectorAll('#setup-error-summary a[href]').length;",
            vec![],
        )
        .await
        .expect("count");
    assert_eq!(links, serde_json::json!(2));
    app.type_into("#setup-council_name", "Caerwen County Council")
        .await;
    app.type_into(
        "#setup-council_address",
        "County Hall\u{E007}Caerwen CW1 1AA",
    )
    .await;
    app.type_into("#setup-reference_prefix", "CCC").await;
    app.type_into("#setup-user", "Alex Khan").await;
    app.type_into("#setup-job_title", "Complaints Officer")
        .await;
    app.type_into("#setup-service_area", "Waste and Recycling")
        .await;
    app.type_into("#setup-service_areas", "Housing\u{E007}Planning")
        .await;
    look(&app, "setup").await;
    app.click("#setup-save").await;
    app.find("[data-screen='caseload']").await;
    app.wait_for_text_containing("main", "Caerwen County Council")
        .await;
    look(&app, "setup-done").await;
    let store = training_store(app.fresh_db());
    let settings = store.settings().expect("settings");
    assert_eq!(settings.council_name, "Caerwen County Council");
    assert_eq!(settings.user, "Alex Khan");
    assert_eq!(settings.reference_prefix, "CCC");
    assert_eq!(
        store.officer("Alex Khan").expect("an officer").job_title,
        "Complaints Officer"
    );
    let areas: Vec<String> = store
        .service_areas()
        .expect("areas")
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(areas, ["Housing", "Planning", "Waste and Recycling"]);
    drop(store);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_spreadsheet_is_checked_then_imported_and_every_case_exported_from_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let sheet = dir.path().join("cases.csv");
    std::fs::write(
        &sheet,
        include_str!("../../../crates/cli/tests/data/import-spreadsheet.csv"),
    )
    .expect("spreadsheet");
    let broken = dir.path().join("broken.csv");
    std::fs::write(
        &broken,
        "Reference,Received_On,Service_Area,Complainant_Name,Summary\nX/1,31/02/2026,Housing,A Person,Leak\n",
    )
    .expect("broken spreadsheet");
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#import-export-heading").await;
    // A file with a bad date: every problem listed, nothing written.
    app.find("#import-file")
        .await
        .send_keys(broken.to_str().expect("path"))
        .await
        .expect("choose the file");
    app.click("#import-check").await;
    app.wait_for_text_containing("#import-problems", "is not a date")
        .await;
    // The good file: checked, then imported.
    app.find("#import-file")
        .await
        .send_keys(sheet.to_str().expect("path"))
        .await
        .expect("choose the file");
    app.click("#import-check").await;
    app.wait_for_text_containing("#import-status", "nothing was written")
        .await;
    app.click("#import-run").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_for_text_containing("#import-status", "Imported 4 cases")
        .await;
    look(&app, "settings-import").await;
    app.click("#export-cases").await;
    app.wait_for_text_containing("#export-status", "Exported 5 cases")
        .await;
    app.finish().await;
    let store = training_store(std::path::Path::new(&db));
    assert_eq!(store.all_cases().expect("cases").len(), 5);
    let exported: Vec<_> = std::fs::read_dir(dir.path().join("Exports"))
        .expect("the Exports folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(exported.len(), 1);
}

/// Waits (a while) for a file in `folder` whose name ends with `suffix`.
async fn wait_for_file(folder: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(folder) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().ends_with(suffix) {
                    return entry.path();
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no *{suffix} appeared in {}", folder.display());
}

#[tokio::test(flavor = "multi_thread")]
async fn yesterdays_data_is_restored_from_settings_in_a_few_clicks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    // The app backs up as it starts.
    let backups = dir.path().join("Backups");
    let automatic = wait_for_file(&backups, "-automatic.db").await;
    // Then a mistake: a service area nobody wanted.
    training_store(&db)
        .add_service_area("Added by mistake", &actor())
        .expect("mistake");
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#backups").await;
    app.click("#back-up-now").await;
    app.wait_for_text_containing("#backups-done", "Backed up at")
        .await;
    look(&app, "settings-backups").await;
    let file = automatic
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    app.click(&format!("button[data-restore='{file}']")).await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.find("[data-screen='caseload']").await;
    app.wait_for_text_containing("main", "Restored the backup")
        .await;
    look(&app, "restored").await;
    let store = training_store(&db);
    let areas: Vec<String> = store
        .service_areas()
        .expect("areas")
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(!areas.contains(&"Added by mistake".to_owned()), "{areas:?}");
    assert!(store.case("CMP-2026-00001").is_ok());
    assert!(store.verify_audit().expect("verify").problem.is_none());
    drop(store);
    wait_for_file(&backups, "-before-restore.db").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_opens_on_the_recovery_screen_and_the_newest_backup_is_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let backups = dir.path().join("Backups");
    {
        let store = training_store(&db);
        store
            .backup_to(
                &backups.join("redress-20261123T170000Z-automatic.db"),
                &redress_store::Contents::beside(&backups.join("redress.db")),
            )
            .expect("an older backup");
        store
            .backup_to(
                &backups.join("redress-20261124T090000Z-automatic.db"),
                &redress_store::Contents::beside(&backups.join("redress.db")),
            )
            .expect("the newest backup");
    }
    // Damage the file (closing the last connection put the whole of it in
    // the one file): pages of it overwritten.
    let mut bytes = std::fs::read(&db).expect("read");
    for b in bytes.iter_mut().skip(4096).take(4096 * 6) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("damage");
    let damaged = std::fs::read(&db).expect("read");
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("[data-screen='recovery']").await;
    app.wait_for_text_containing("#recovery-problem", "damaged")
        .await;
    look(&app, "recovery").await;
    // Nothing else opens while the data cannot be used.
    app.client
        .execute("location.hash = '#/cases'", vec![])
        .await
        .expect("go to the cases");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.find("[data-screen='recovery']").await;
    assert_eq!(std::fs::read(&db).expect("read"), damaged, "written to");
    app.click("button[data-restore='redress-20261124T090000Z-automatic.db']")
        .await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    look(&app, "recovered").await;
    // The damaged file is kept beside, not deleted.
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".unusable-"));
    assert!(kept, "the damaged file was not kept");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_past_the_retention_period_is_anonymised_from_settings_and_still_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let old = {
        let mut store = training_store(&db);
        let case = record(
            &mut store,
            NewCase {
                received_on: d("2019-01-10"),
                channel: Channel::Letter,
                complainant: Complainant {
                    name: "Morwenna Old".to_owned(),
                    email: "morwenna@example.org".to_owned(),
                    ..Complainant::default()
                },
                representative: None,
                service_area: "Waste and Recycling".to_owned(),
                category: None,
                summary: "Bin lorry damaged Morwenna's wall".to_owned(),
                description: "The lorry reversed into the wall.".to_owned(),
                outcome_sought: "Repair".to_owned(),
                triage: Triage::Complaint,
                officer: Some("Alex Khan".to_owned()),
                person: None,
                repeat_of: None,
            },
        )
        .case;
        take(
            &mut store,
            &case.reference,
            vec![
                CaseCommand::Acknowledge {
                    on: d("2019-01-11"),
                },
                CaseCommand::Respond {
                    on: d("2019-01-25"),
                    outcome: Some(Outcome::Upheld),
                    reasons: "The crew admitted it".to_owned(),
                    remedies: Vec::new(),
                    learning: String::new(),
                    improvements: String::new(),
                },
                CaseCommand::Close {
                    on: d("2019-02-01"),
                    reason: "Wall repaired".to_owned(),
                },
            ],
        );
        case.reference
    };
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#retention").await;
    app.wait_for_text_containing("#retention", &old).await;
    app.click(&format!("input[data-anonymise='{old}']")).await;
    look(&app, "settings-retention").await;
    app.click("#anonymise").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_for_text_containing("#anonymise-done", "Anonymised 1 case")
        .await;
    app.wait_for_text_containing("#retention", "No closed cases are past")
        .await;
    let store = training_store(&db);
    let case = store.case(&old).expect("still there");
    assert_eq!(case.complainant.name, "");
    assert_eq!(case.description, "");
    assert_eq!(case.stages[0].outcome, Some(Outcome::Upheld));
    assert!(store.verify_audit().expect("verify").problem.is_none());
    drop(store);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_database_that_had_backups_is_not_made_anew_but_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    training_store(&db)
        .backup_to(
            &dir.path()
                .join("Backups")
                .join("redress-20261124T090000Z-automatic.db"),
            &redress_store::Contents::beside(&dir.path().join("Backups").join("redress.db")),
        )
        .expect("a backup");
    std::fs::remove_file(&db).expect("the database is lost");
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("[data-screen='recovery']").await;
    app.wait_for_text_containing("#recovery-problem", "is missing")
        .await;
    assert!(
        !std::path::Path::new(&db).exists(),
        "an empty database was made"
    );
    app.click("button[data-restore='redress-20261124T090000Z-automatic.db']")
        .await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_kept_in_a_synced_folder_is_warned_of_above_every_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let synced = dir.path().join("Dropbox (Borsetshire)");
    std::fs::create_dir_all(&synced).expect("folder");
    let db = prepared(&synced, false);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.wait_displayed("#location-banner").await;
    app.wait_for_text_containing("#location-banner-text", "inside a Dropbox folder")
        .await;
    app.wait_for_text_containing("#location-banner-text", "Settings > Sync")
        .await;
    look(&app, "location-warning").await;
    app.navigate("#/cases", "cases").await;
    app.wait_displayed("#location-banner").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_councils_own_spreadsheet_is_mapped_in_the_window_and_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    training_store(&db)
        .add_service_area("Housing", &actor())
        .expect("area");
    let sheet = dir.path().join("complaints 2021.csv");
    std::fs::write(
        &sheet,
        "Ref,Date received,Department,Complainant,Stage 1 result,Date responded,Our notes\n\
         W/1,01/04/2021,Housing,Siân Jones,Justified,20/04/2021,Rang twice\n\
         W/2,1-Apr-21,Housing,Ann Other,Not justified,2021-04-28,\n",
    )
    .expect("spreadsheet");
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.navigate("#/settings", "settings").await;
    // The council's own words for the outcomes, for its reports.
    app.scroll_to("#outcome-words").await;
    app.type_into("#outcome-word-upheld", "Justified").await;
    app.type_into("#outcome-word-not-upheld", "Not justified")
        .await;
    look(&app, "settings-outcome-words").await;
    app.click("#save-settings").await;
    app.wait_for_text_containing("#settings-saved", "Settings saved")
        .await;
    assert_eq!(
        training_store(&db)
            .settings()
            .expect("settings")
            .outcome_words
            .not_upheld,
        "Not justified"
    );
    app.scroll_to("#import-export-heading").await;
    app.find("#import-file")
        .await
        .send_keys(sheet.to_str().expect("path"))
        .await
        .expect("choose the file");
    app.wait_for_text_containing("#import-columns", "Date received")
        .await;
    app.wait_for_text_containing("#import-words", "Justified")
        .await;
    app.choose("select[data-word='stage1_outcome|Justified']", "upheld")
        .await;
    app.choose(
        "select[data-word='stage1_outcome|Not justified']",
        "not-upheld",
    )
    .await;
    app.wait_for_text_containing("#import-status", "nothing was written")
        .await;
    app.scroll_to("#import-columns").await;
    look(&app, "settings-import-mapping").await;
    app.click("#import-save-mapping").await;
    app.wait_for_text_containing("#import-mapping-status", "saved")
        .await;
    app.click("#import-run").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_for_text_containing("#import-status", "Imported 2 cases")
        .await;
    let store = training_store(&db);
    let case = store.case("W/1").expect("imported");
    assert_eq!(case.stages[0].outcome, Some(Outcome::Upheld));
    assert_eq!(case.received_on, d("2021-04-01"));
    assert_eq!(
        store.case("W/2").expect("imported").stages[0].outcome,
        Some(Outcome::NotUpheld)
    );
    let saved = store.import_mapping().expect("mapping").expect("saved");
    assert_eq!(saved.value("stage1_outcome", "Justified"), Some("upheld"));
    drop(store);
    app.finish().await;
}

/// An email dropped on the New complaint screen fills the form; saved, the
/// case holds the email and its attachment; a note and a phone call go on
/// the file; the Ombudsman's case file is made as one PDF.
#[tokio::test(flavor = "multi_thread")]
async fn a_complaint_dropped_in_as_an_email_is_run_to_the_ombudsmans_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared(dir.path(), false);
    let app = App::start(&["--db", &db, "--today", TODAY]).await;
    app.find("tr[data-reference='CMP-2026-00001']").await;
    app.navigate("#/new", "new").await;
    let email = "From: Mair Evans <mair@example.org>\r\nTo: complaints@council.gov.uk\r\nSubject: Fwd: Streetlight out on Heol y Llan\r\nDate: Mon, 23 Nov 2026 23:40:00 -0500\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe light outside number 4 has been out for a month.\r\n--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"light.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRg==\r\n--b--\r\n";
    // The officer drags the message from their mail program onto the drop
    // zone: the same drop event, with the file in it.
    app.client
        .execute(
            "const file = new File([arguments[0]], 'Streetlight.eml', {type: 'message/rfc822'});
             const data = new DataTransfer();
             data.items.add(file);
             const zone = document.querySelector('#email-drop');
             for (const type of ['dragenter', 'dragover', 'drop']) {
               zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
             }",
            vec![serde_json::Value::String(email.to_owned())],
        )
        .await
        .expect("drop the email");
    app.wait_for_text_containing("#email-summary", "mair@example.org")
        .await;
    app.wait_for_text_containing("#email-summary", "light.jpg")
        .await;
    let name = app
        .client
        .execute("return document.querySelector('#name').value;", vec![])
        .await
        .expect("name");
    assert_eq!(name, "Mair Evans");
    app.scroll_to("#email-intake").await;
    look(&app, "new-complaint-email-read").await;
    app.type_into("#service_area", "Waste and Recycling").await;
    app.choose("#officer", "Alex Khan").await;
    look(&app, "new-complaint-from-email").await;
    app.click("#create-case").await;
    app.wait_for_text_containing("[data-screen='case'] h1", "CMP-2026-00002")
        .await;
    let store = training_store(&db);
    let case = store.case("CMP-2026-00002").expect("recorded");
    // 23:40 in New York on the 23rd is the 24th here.
    assert_eq!(case.received_on, d("2026-11-24"));
    assert_eq!(case.summary, "Streetlight out on Heol y Llan");
    let documents = store.documents("CMP-2026-00002").expect("documents");
    let names: Vec<&str> = documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Streetlight.eml", "light.jpg"]);
    app.scroll_to("#case-file").await;
    app.wait_for_text_containing("#case-file", "light.jpg")
        .await;
    look(&app, "case-file").await;

    app.type_into("#note-text", "Asked highways for the fault log")
        .await;
    app.click("#note-submit").await;
    app.wait_for_text_containing("#case-file", "Asked highways for the fault log")
        .await;
    app.choose("#contact-method", "phone").await;
    app.type_into(
        "#contact-summary",
        "Mrs Evans says the lamp flickers at night",
    )
    .await;
    app.click("#contact-submit").await;
    app.wait_for_text_containing("#case-file", "flickers at night")
        .await;
    let case = training_store(&db);
    assert_eq!(case.notes("CMP-2026-00002").expect("notes").len(), 1);
    assert_eq!(case.contacts("CMP-2026-00002").expect("contacts").len(), 1);
    app.scroll_to("#case-file").await;
    look(&app, "case-file-notes").await;

    // A document attached by mistake is removed, saying why.
    let photo = documents[1].id.clone();
    app.click(&format!("[data-document-id='{photo}'] .document-remove"))
        .await;
    app.wait_displayed("#remove-reason").await;
    app.type_into("#remove-reason", "Sent by the complainant in error")
        .await;
    look(&app, "case-file-remove").await;
    app.click("#remove-submit").await;
    app.wait_for_text_containing("[data-screen='case']", "Document removed: light.jpg")
        .await;
    assert_eq!(
        training_store(&db)
            .documents("CMP-2026-00002")
            .expect("documents")
            .len(),
        1
    );
    app.click("#make-bundle").await;
    app.wait_for_text_containing("[data-screen='case']", "Saved as")
        .await;
    let folder = dir.path().join("Case files").join("CMP-2026-00002");
    let bundle = wait_for_file(&folder, ".pdf").await;
    let text = std::process::Command::new("pdftotext")
        .args([bundle.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Complaint file CMP-2026-00002"), "{text}");
    assert!(
        text.contains("Streetlight.eml") && text.contains("Asked highways"),
        "{text}"
    );
    // Settings: the file size limit, and About with the version and folders.
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#document_limit_mb").await;
    app.scroll_to("#about").await;
    app.wait_for_text_containing(
        "#about-facts",
        &format!("Redress {}", env!("CARGO_PKG_VERSION")),
    )
    .await;
    app.wait_for_text_containing("#about-facts", "redress.db")
        .await;
    look(&app, "settings-about").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_escalated_on_one_laptop_appears_on_the_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = prepared(dir.path(), true);
    let other = dir.path().join("reviewer");
    std::fs::create_dir_all(&other).expect("folder");
    // The reviewer's laptop has never been started: the app makes its file.
    let second = other.join("redress.db").to_str().expect("path").to_owned();
    let shared = dir.path().join("shared");
    let shared = shared.to_str().expect("path");
    let join_file = dir.path().join("Northshire.redress-join");
    let join_file = join_file.to_str().expect("path");

    // The investigating officer's laptop sets sync up in Settings.
    let app = App::start(&["--db", &first, "--today", TODAY]).await;
    app.navigate("#/settings", "settings").await;
    app.scroll_to("#sync-init-form").await;
    look(&app, "settings-sync-not-set-up").await;
    app.type_into("#sync-init-folder", shared).await;
    app.type_into("#sync-init-join-file", join_file).await;
    app.click("#sync-init-button").await;
    app.wait_for_text_containing("#sync-message", "Synced")
        .await;
    app.wait_for_text_containing("#sync-prefix", "CMP-").await;
    assert!(
        std::path::Path::new(join_file).is_file(),
        "no join file was saved"
    );

    // Then escalates the case and syncs.
    app.navigate("#/cases", "cases").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;
    step(&app, "escalate").await;
    fill(&app, "escalate", "on", "23/11/2026").await;
    app.choose(
        "form[data-step-form='escalate'] [name='reviewer']",
        "Sam Reviewer",
    )
    .await;
    submit(&app, "escalate").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_displayed("#step-done").await;
    app.navigate("#/settings", "settings").await;
    app.click("#sync-now-button").await;
    app.wait_for_text_containing("#sync-message", "Synced")
        .await;
    app.wait_for_text_containing("#sync-status", "Up to date")
        .await;
    for shown in ["#sync-status", "section#sync"] {
        let text = app.text(shown).await;
        assert!(!text.contains("null"), "{shown} shows a stray null: {text}");
    }
    look(&app, "settings-sync").await;
    app.finish().await;

    // The reviewer's laptop joins in Settings, takes everything in and
    // shows stage 2, its own references apart from the first laptop's.
    let app = App::start(&["--db", &second, "--today", TODAY]).await;
    app.navigate("#/settings", "settings").await;
    app.type_into("#sync-join-folder", shared).await;
    app.type_into("#sync-join-file", join_file).await;
    app.click("#sync-join-button").await;
    app.wait_for_text_containing("#sync-message", "Synced")
        .await;
    app.wait_for_text_containing("#sync-prefix", "CMPB-").await;
    app.wait_for_text_containing("#sync-devices", "CMP-").await;
    app.navigate("#/cases", "cases").await;
    app.click("a[href='#/case/CMP-2026-00001']").await;
    app.find("[data-screen='case'] h1").await;
    app.wait_for_text_containing("#deadlines", "Stage 2").await;
    app.wait_for_text_containing("#timeline", "Sam Reviewer")
        .await;
    look(&app, "case-synced").await;
    app.finish().await;
}
