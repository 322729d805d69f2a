//! Email as councils' inboxes really hold it, through `intake email
//! --dry-run --json`: no subject, no `Date` (the newest `Received` stamp),
//! `--received`, a multipart cut short, control characters, a date from
//! before 2000, an Exchange `.msg` whose sender is an X.500 address beside
//! its SMTP address property (and one with none), and a `winmail.dat`.

mod common;

use common::Redress;
use serde_json::Value;

fn write(r: &Redress, name: &str, bytes: &[u8]) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write file");
    path.to_str().expect("UTF-8 path").to_owned()
}

fn ready() -> Redress {
    let r = Redress::new();
    r.ok(&["service-area", "add", "Waste and Recycling"]);
    r
}

fn dry_run(r: &Redress, file: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "intake",
        "email",
        file,
        "--service-area",
        "Waste and Recycling",
        "--dry-run",
        "--json",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&r.ok(&args)).expect("JSON")
}

fn warned(got: &Value, words: &str) -> bool {
    got["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().any(|w| w.as_str().unwrap_or("").contains(words)))
}

#[test]
fn a_mail_without_subject_takes_its_first_words() {
    let r = ready();
    let mail = "From: Ann Lee <ann@example.org>\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\n\r\nNobody collected the recycling on Park Road this week.\r\nPlease send someone.\r\n";
    let got = dry_run(&r, &write(&r, "no subject.eml", mail.as_bytes()), &[]);
    assert_eq!(
        got["summary"],
        "Nobody collected the recycling on Park Road this week."
    );
    assert_eq!(got["complainant"]["email"], "ann@example.org");
    assert_eq!(got["received_on"], "2026-11-24");
    assert!(warned(&got, "no subject"), "{got}");
}

#[test]
fn a_mail_without_date_is_dated_by_its_newest_received_stamp() {
    let r = ready();
    // The council's server stamped it at 00:20 on 3 Nov in +0100, which is
    // 23:20 on 2 Nov in London (GMT); the relay's stamp is older.
    let mail = "Received: from relay.example.net by mx.council.gov.uk; Tue, 3 Nov 2026 00:20:00 +0100\r\nReceived: from laptop by relay.example.net; Mon, 2 Nov 2026 22:59:00 +0000\r\nFrom: bob@example.org\r\nSubject: Missed bin\r\n\r\nMissed again.\r\n";
    let got = dry_run(&r, &write(&r, "no date.eml", mail.as_bytes()), &[]);
    assert_eq!(got["received_on"], "2026-11-02", "{got}");
    assert_eq!(got["dated_by"], "received");
    assert!(warned(&got, "mail server"), "{got}");
    // The officer's day overrides it.
    let got = dry_run(
        &r,
        &write(&r, "no date 2.eml", mail.as_bytes()),
        &["--received", "04/11/2026"],
    );
    assert_eq!(got["received_on"], "2026-11-04");

    // Neither a Date nor a stamp: refused, naming the file and the way out.
    let bare = "From: bob@example.org\r\nSubject: Missed bin\r\n\r\nMissed again.\r\n";
    let file = write(&r, "undated.eml", bare.as_bytes());
    let err = r.refused(&[
        "intake",
        "email",
        &file,
        "--service-area",
        "Waste and Recycling",
        "--dry-run",
    ]);
    assert!(err.contains("undated.eml"), "{err}");
    assert!(err.contains("--received"), "{err}");
    let got = dry_run(&r, &file, &["--received", "20 Nov 2026"]);
    assert_eq!(got["received_on"], "2026-11-20");

    // A date from before 2000 is reported as the email's own date.
    let old = "From: bob@example.org\r\nSubject: Old\r\nDate: Fri, 2 Jan 1998 10:00:00 +0000\r\n\r\nText\r\n";
    let file = write(&r, "old.eml", old.as_bytes());
    let err = r.refused(&[
        "intake",
        "email",
        &file,
        "--service-area",
        "Waste and Recycling",
        "--dry-run",
    ]);
    assert!(
        err.contains("old.eml") && err.contains("dated 2 Jan 1998"),
        "{err}"
    );
    let got = dry_run(&r, &file, &["--received", "2026-11-23"]);
    assert_eq!(got["received_on"], "2026-11-23");
}

#[test]
fn a_cut_short_mail_with_control_characters_is_read_up_to_where_it_stops() {
    let r = ready();
    let mail = "From: Cai <cai@example.org>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nSubject: Fly\u{7}tipping\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"cut\"\r\n\r\n--cut\r\nContent-Type: text/plain\r\n\r\nRubbish dumped\u{1b} by the school.\r\n--cut\r\nContent-Type: text/csv; name=\"log.csv\"\r\nContent-Disposition: attachment; filename=\"log.csv\"\r\n\r\nday,bags\r\nmon,4\r\n--cut\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"photo.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRg";
    let got = dry_run(&r, &write(&r, "cut.eml", mail.as_bytes()), &[]);
    assert_eq!(got["summary"], "Flytipping");
    assert_eq!(got["description"], "Rubbish dumped by the school.");
    assert!(warned(&got, "cut short"), "{got}");
    assert!(warned(&got, "control characters"), "{got}");
    let names: Vec<&str> = got["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert!(names.contains(&"log.csv"), "{names:?}");
    // Recorded for real, the warning stays with the email on the case.
    let out = r.ok(&[
        "intake",
        "email",
        &write(&r, "cut 2.eml", mail.as_bytes()),
        "--service-area",
        "Waste and Recycling",
    ]);
    assert!(out.contains("cut short"), "{out}");
    let reference = out.split_whitespace().nth(2).expect("reference").to_owned();
    let documents = r.ok(&["case", "documents", &reference, "--json"]);
    assert!(documents.contains("cut short"), "{documents}");
}

#[test]
fn a_winmail_dat_is_kept_and_the_officer_told() {
    let r = ready();
    let tnef = [
        0x78u8, 0x9F, 0x3E, 0x22, 0x01, 0x00, 0x01, 0x06, 0x90, 0x08, 0x00,
    ];
    let encoded: String = {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        tnef.chunks(3)
            .flat_map(|c| {
                let n = (u32::from(c[0]) << 16)
                    | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*c.get(2).unwrap_or(&0));
                (0..4).map(move |i| {
                    if i > c.len() {
                        '='
                    } else {
                        A[((n >> (18 - 6 * i)) & 63) as usize] as char
                    }
                })
            })
            .collect()
    };
    let mail = format!("From: Dee <dee@example.org>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nSubject: Noise\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--b--\r\n");
    let got = dry_run(&r, &write(&r, "tnef.eml", mail.as_bytes()), &[]);
    assert!(warned(&got, "winmail.dat"), "{got}");
    assert!(
        got["documents"].as_array().is_some_and(|d| d
            .iter()
            .any(|d| d["name"] == "winmail.dat" && d["bytes"] == tnef.len())),
        "{got}"
    );
}

/// An Outlook message sent inside Exchange: its sender address property is
/// an X.500 name; `smtp`, when given, is its PR_SENDER_SMTP_ADDRESS.
fn exchange_msg(smtp: Option<&str>) -> Vec<u8> {
    let mut file = common::msg::Msg::new();
    file.text("/__substg1.0_001A001F", "IPM.Note");
    file.text("/__substg1.0_0037001F", "Parking permit refused");
    file.text("/__substg1.0_0C1A001F", "Eira Morgan");
    file.text("/__substg1.0_0C1E001F", "EX");
    file.text(
        "/__substg1.0_0C1F001F",
        "/o=hostedservice2/ou=first administrative group/cn=recipients/cn=eira.morgan",
    );
    if let Some(smtp) = smtp {
        file.text("/__substg1.0_5D01001F", smtp);
    }
    file.text(
        "/__substg1.0_1000001F",
        "My permit was refused without reason.",
    );
    file.text(
        "/__substg1.0_007D001F",
        "Date: Mon, 23 Nov 2026 16:45:00 +0000\r\n",
    );
    file.bytes("/__properties_version1.0", &[0u8; 32]);
    file.storage("/__nameid_version1.0");
    file.bytes("/__nameid_version1.0/__substg1.0_00020102", &[]);
    file.bytes("/__nameid_version1.0/__substg1.0_00030102", &[]);
    file.bytes("/__nameid_version1.0/__substg1.0_00040102", &[]);
    file.finish()
}

#[test]
fn an_exchange_sender_is_its_smtp_address_never_its_x500_name() {
    let r = ready();
    let file = write(
        &r,
        "exchange.msg",
        &exchange_msg(Some("eira.morgan@example.org")),
    );
    let got = dry_run(&r, &file, &[]);
    assert_eq!(
        got["complainant"]["email"], "eira.morgan@example.org",
        "{got}"
    );
    assert_eq!(got["complainant"]["name"], "Eira Morgan");
    assert_eq!(got["received_on"], "2026-11-23");

    // With no SMTP address anywhere: no email, and the officer is told.
    let file = write(&r, "internal.msg", &exchange_msg(None));
    let got = dry_run(&r, &file, &[]);
    assert_eq!(got["complainant"]["email"], "", "{got}");
    assert!(!got.to_string().contains("\"email\":\"/o="), "{got}");
    assert!(warned(&got, "Exchange"), "{got}");
    assert_eq!(got["complainant"]["name"], "Eira Morgan");
}
