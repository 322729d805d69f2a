//! Reminders through the real binary: `reminders due` at the edges of
//! working hours, and `reminders send` to a real D-Bus: a private bus
//! (`dbus-daemon` with no services to start) and a test server owning
//! `org.freedesktop.Notifications` that records each `Notify` call. A sent
//! reminder is not sent again; with nobody serving notifications the send
//! fails clearly and nothing is recorded.

mod common;

use std::path::Path;

use common::bus::Bus;
use common::Redress;
use serde_json::Value;

fn sent(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("notifications.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn due(r: &Redress, at: &str) -> Value {
    serde_json::from_str(&r.ok(&["reminders", "due", "--at", at, "--json"])).expect("JSON")
}

#[test]
fn reminders_are_due_in_working_hours_before_on_and_after_the_day() {
    let r = Redress::new().with_officers();
    let case = r.bins_complaint(); // received Mon 2 Nov: acknowledge by Mon 9 Nov
    assert_eq!(
        due(&r, "2026-11-04T09:00")["reminders"],
        serde_json::json!([])
    );
    let before = due(&r, "2026-11-05T08:30");
    assert_eq!(before["at"], "2026-11-05T08:30");
    assert_eq!(
        before["reminders"],
        serde_json::json!([{
            "reference": case, "due": "acknowledge-1", "due_on": "2026-11-09", "when": "before",
            "officer": "Alex Khan", "summary": "Bins missed on Heol y Llan"
        }])
    );
    assert_eq!(
        due(&r, "2026-11-05T08:29")["reminders"],
        serde_json::json!([]),
        "before working hours"
    );
    assert_eq!(
        due(&r, "2026-11-05T17:30")["reminders"],
        serde_json::json!([]),
        "after working hours"
    );
    assert_eq!(
        due(&r, "2026-11-07T10:00")["reminders"],
        serde_json::json!([]),
        "a Saturday"
    );
    assert_eq!(due(&r, "2026-11-09T10:00")["reminders"][0]["when"], "due");
    assert_eq!(
        due(&r, "2026-11-10T10:00")["reminders"][0]["when"],
        "overdue"
    );
    // Another officer's cases are left out when one is named.
    let mine = serde_json::from_str::<Value>(&r.ok(&[
        "reminders",
        "due",
        "--at",
        "2026-11-10T10:00",
        "--officer",
        "Beth Morgan",
        "--json",
    ]))
    .expect("JSON");
    assert_eq!(mine["reminders"], serde_json::json!([]));
    // Acknowledged: the response is what is due, 10 working days on.
    r.ok(&["case", "ack", &case, "--on", "2026-11-03"]);
    let next = due(&r, "2026-11-13T10:00");
    assert_eq!(next["reminders"][0]["due"], "respond-1");
    assert_eq!(next["reminders"][0]["due_on"], "2026-11-17");
    let err = r.refused(&["reminders", "due", "--at", "tomorrow"]);
    assert!(err.contains("YYYY-MM-DDTHH:MM"), "{err}");
}

#[test]
fn a_reminder_goes_out_once_to_the_notification_service_and_a_failed_send_records_nothing() {
    if common::skipped_under_wine(
        "the notification service here is the Linux desktop's, on D-Bus; Windows shows \
         reminders as toast notifications, which Wine does not have (the Windows build \
         says the service is not there: class not registered, 0x80040154)",
    ) {
        return;
    }
    let r = Redress::new().with_officers();
    let case = r.bins_complaint();
    let dir = tempfile::tempdir().expect("bus dir");
    {
        let bus = Bus::start(dir.path(), true, false);
        let env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())];
        let out = r.run_with(&["reminders", "send", "--at", "2026-11-09T09:00"], &env);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let calls = sent(dir.path());
        assert_eq!(calls.len(), 1, "{calls:?}");
        assert_eq!(calls[0]["app_name"], "Redress");
        let summary = calls[0]["summary"].as_str().expect("summary");
        assert!(
            summary.contains("Stage 1 acknowledgement due today") && summary.contains(&case),
            "{summary}"
        );
        // Sent once: the same moment again sends nothing.
        let again = r.run_with(&["reminders", "send", "--at", "2026-11-09T11:00"], &env);
        assert!(again.status.success());
        assert_eq!(sent(dir.path()).len(), 1);
        assert_eq!(
            due(&r, "2026-11-09T11:00")["reminders"],
            serde_json::json!([])
        );
    }
    // Overdue the next day; nobody serves notifications now.
    let dir2 = tempfile::tempdir().expect("bus dir");
    let bus = Bus::start(dir2.path(), false, false);
    let out = r.run_with(
        &["reminders", "send", "--at", "2026-11-10T09:00"],
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notification service is not there") && err.contains("nothing was recorded"),
        "{err}"
    );
    assert_eq!(
        due(&r, "2026-11-10T09:00")["reminders"][0]["when"],
        "overdue",
        "still due"
    );
}

#[test]
fn the_lead_time_and_working_hours_are_the_councils() {
    let r = Redress::new().with_officers();
    r.bins_complaint(); // acknowledge by Mon 9 Nov
    r.ok(&["settings", "set", "working-hours", "09:30-16:00"]);
    assert_eq!(
        due(&r, "2026-11-09T09:00")["reminders"],
        serde_json::json!([])
    );
    assert_eq!(due(&r, "2026-11-09T09:30")["reminders"][0]["when"], "due");
    assert_eq!(
        due(&r, "2026-11-09T16:00")["reminders"],
        serde_json::json!([])
    );
    r.ok(&["settings", "set", "reminder-lead-days", "0"]);
    assert_eq!(
        due(&r, "2026-11-06T10:00")["reminders"],
        serde_json::json!([]),
        "no reminder ahead"
    );
    let err = r.refused(&["settings", "set", "working-hours", "17:00-09:00"]);
    assert!(err.contains("end after they start"), "{err}");
    let err = r.refused(&["settings", "set", "working-hours", "nine to five"]);
    assert!(err.contains("HH:MM-HH:MM"), "{err}");
}

#[test]
fn the_date_set_by_the_ombudsman_is_reminded_on_a_closed_case_until_compliance() {
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    r.ok(&[
        "case",
        "close",
        &case,
        "--reason",
        "Answered",
        "--on",
        "2026-11-05",
    ]);
    r.ok(&[
        "case",
        "refer",
        &case,
        "--ombudsman",
        "lgsco",
        "--on",
        "2026-11-09",
    ]);
    let err = r.refused(&[
        "case",
        "refer",
        &case,
        "--decision",
        "Fault",
        "--comply-by",
        "2026-11-01",
        "--remedy",
        "Apologise",
        "--on",
        "2026-11-10",
    ]);
    assert!(err.contains("date to comply"), "{err}");
    r.ok(&[
        "case",
        "refer",
        &case,
        "--decision",
        "Fault causing injustice",
        "--remedy",
        "Apologise and pay £100",
        "--comply-by",
        "2026-11-20",
        "--on",
        "2026-11-10",
    ]);
    assert_eq!(r.case(&case)["status"]["state"], "closed");
    let due_then = due(&r, "2026-11-20T09:00");
    assert_eq!(
        due_then["reminders"],
        serde_json::json!([{
            "reference": case, "due": "comply-ombudsman", "due_on": "2026-11-20", "when": "due",
            "officer": "Alex Khan", "summary": "Bins missed on Heol y Llan"
        }])
    );
    r.ok(&["case", "refer", &case, "--complied", "--on", "2026-11-19"]);
    assert_eq!(
        due(&r, "2026-11-20T09:00")["reminders"],
        serde_json::json!([])
    );
}
