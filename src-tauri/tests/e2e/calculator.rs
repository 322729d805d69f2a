//! The deadline calculator: the walking skeleton from the UI through the
//! shell to the core's calendar and back.

use crate::driver::App;

#[tokio::test(flavor = "multi_thread")]
async fn calculator_shows_the_code_deadlines_for_a_received_date() {
    let app = App::start_fresh("2026-11-24").await;
    app.navigate("#/calculator", "calculator").await;
    assert!(app.client.title().await.expect("title").contains("Redress"));
    app.screenshot("calculator-empty").await;

    // A bad date is refused in place, with the error summary.
    app.type_into("#received", "31/02/2026").await;
    app.click("#calculate").await;
    app.wait_for_text(
        "#received-error",
        "Error: '31/02/2026' is not a date: use DD/MM/YYYY, for example 24/11/2026",
    )
    .await;
    let summary = app.find("#error-summary").await;
    assert!(summary.is_displayed().await.expect("displayed"));
    app.screenshot("calculator-error").await;

    // Thu 17 Dec 2026 in England and Wales: Christmas and Boxing Day
    // (substitute Mon 28 Dec) and New Year's Day fall inside stage 1.
    app.type_into("#received", "17/12/2026").await;
    app.click("#calculate").await;
    app.wait_for_text(
        "[data-stage='1'] [data-field='acknowledge_by']",
        "Thu 24 Dec 2026",
    )
    .await;
    app.wait_for_text(
        "[data-stage='1'] [data-field='respond_by']",
        "Tue 12 Jan 2027",
    )
    .await;
    app.wait_for_text(
        "[data-stage='2'] [data-field='acknowledge_by']",
        "Tue 19 Jan 2027",
    )
    .await;
    assert!(!app
        .find("#error-summary")
        .await
        .is_displayed()
        .await
        .expect("displayed"));
    app.screenshot("calculator-england").await;

    // Scotland's extra 2 January substitute (Mon 4 Jan 2027) moves the response.
    app.find("#nation")
        .await
        .select_by_value("scotland")
        .await
        .expect("choose Scotland");
    app.click("#calculate").await;
    app.wait_for_text(
        "[data-stage='1'] [data-field='respond_by']",
        "Wed 13 Jan 2027",
    )
    .await;
    app.screenshot("calculator-scotland").await;
    app.finish().await;
}
