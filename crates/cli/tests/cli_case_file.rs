//! The case file through the real binary: documents attached and saved
//! back byte for byte, kept once, refused with nothing recorded; notes and
//! contacts; complaints from emails (a corpus made here, and a real Outlook
//! `.msg` written with the `cfb` crate); the Ombudsman's bundle read back
//! with poppler; and backups, restore, the complete export, subject access
//! and retention carrying all of it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Redress;
use serde_json::Value;

fn setup() -> (Redress, String) {
    let r = Redress::new().with_officers();
    let reference = r.bins_complaint();
    (r, reference)
}

fn write(r: &Redress, name: &str, bytes: &[u8]) -> PathBuf {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

fn documents(r: &Redress, reference: &str) -> Vec<Value> {
    json(&r.ok(&["case", "documents", reference, "--json"]))["documents"]
        .as_array()
        .expect("list")
        .clone()
}

/// The files in the documents folder beside the database.
fn kept(r: &Redress) -> usize {
    let folder = r.dir.path().join("redress-documents");
    let Ok(groups) = std::fs::read_dir(folder) else {
        return 0;
    };
    groups
        .flatten()
        .map(|g| std::fs::read_dir(g.path()).map(|f| f.count()).unwrap_or(0))
        .sum()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn documents_round_trip_byte_for_byte_in_every_script_and_are_kept_once() {
    let (r, reference) = setup();
    let binary: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "Llythyr gan Siân (copi).pdf",
            b"%PDF-1.4 not really".to_vec(),
        ),
        ("Zdjęcie łazienki – Łódź.jpg", binary.clone()),
        ("صورة المطبخ.png", vec![0x89, b'P', b'N', b'G', 0, 0, 13]),
        ("照片 1.jpeg", binary.iter().rev().copied().collect()),
        ("empty.txt", Vec::new()),
    ];
    for (i, (name, bytes)) in cases.iter().enumerate() {
        let dir = r.dir.path().join(format!("in{i}"));
        std::fs::create_dir(&dir).expect("dir");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let added = json(&r.ok(&["case", "attach", &reference, s(&path), "--json"]));
        assert_eq!(added["name"], *name);
        assert_eq!(added["bytes"], bytes.len());
        assert_eq!(added["sha256"], sha256(bytes));
        let id = added["id"].as_str().expect("id").to_owned();
        let out = r.dir.path().join(format!("out{i}"));
        r.ok(&["case", "document", &reference, &id, "--out", s(&out)]);
        assert_eq!(&std::fs::read(&out).expect("read back"), bytes, "{name}");
        // Never over an existing file.
        let again = r.refused(&["case", "document", &reference, &id, "--out", s(&out)]);
        assert!(again.contains("already exists"), "{again}");
    }
    assert_eq!(kept(&r), 5);
    // The same bytes under another name: a second document, one file.
    let copy = write(&r, "same again.jpg", &binary);
    r.ok(&[
        "case",
        "attach",
        &reference,
        s(&copy),
        "--sent",
        "--description",
        "Sent back",
    ]);
    assert_eq!(kept(&r), 5, "the same bytes are kept once");
    let listed = documents(&r, &reference);
    assert_eq!(listed.len(), 6);
    let last = listed.last().expect("last");
    assert_eq!(last["direction"], "out");
    assert_eq!(last["description"], "Sent back");
    assert_eq!(last["on"], "2026-11-24");
    for key in [
        "id",
        "name",
        "bytes",
        "sha256",
        "direction",
        "on",
        "description",
    ] {
        assert!(last.get(key).is_some(), "{key}");
    }
    let history = r.ok(&["case", "history", &reference]);
    assert!(
        history.contains("Document received: Zdjęcie łazienki – Łódź.jpg"),
        "{history}"
    );
    assert!(
        history.contains("Document sent: same again.jpg"),
        "{history}"
    );
    // Search finds a document by its name.
    let found = r.ok(&["case", "search", "Zdjęcie"]);
    assert!(found.contains(&reference), "{found}");
}

#[test]
fn bad_files_are_refused_and_nothing_is_recorded() {
    let (r, reference) = setup();
    let before = r.ok(&["case", "history", &reference]);
    r.ok(&["settings", "set", "document-limit-mb", "1"]);
    let big = write(&r, "scan of every page.pdf", &vec![7u8; 1024 * 1024 + 1]);
    let err = r.refused(&["case", "attach", &reference, s(&big)]);
    assert!(err.contains("scan of every page.pdf is 1.0 MB"), "{err}");
    assert!(err.contains("limit of 1 MB"), "{err}");
    let err = r.refused(&["case", "attach", &reference, s(r.dir.path())]);
    assert!(err.contains("is not a file"), "{err}");
    let missing = r.dir.path().join("nowhere.pdf");
    let err = r.refused(&["case", "attach", &reference, s(&missing)]);
    assert!(err.contains("nowhere.pdf"), "{err}");
    let ok = write(&r, "fine.txt", b"fine");
    let err = r.refused(&["case", "attach", "CMP-2026-99999", s(&ok)]);
    assert!(err.contains("CMP-2026-99999"), "{err}");
    assert_eq!(documents(&r, &reference).len(), 0);
    assert_eq!(kept(&r), 0, "nothing kept for a refused file");
    assert_eq!(r.ok(&["case", "history", &reference]), before);
    // A program is kept, and listed as one to save, never open.
    let program = write(&r, "invoice.exe", b"MZ\x90\x00");
    r.ok(&["case", "attach", &reference, s(&program)]);
    let listed = r.ok(&["case", "documents", &reference]);
    assert!(listed.contains("program or script: save only"), "{listed}");
}

#[test]
fn notes_and_contacts_are_on_the_case_and_its_history() {
    let (r, reference) = setup();
    r.ok(&[
        "case",
        "note",
        &reference,
        "--text",
        "Crew say the lane was blocked",
    ]);
    r.ok(&[
        "case",
        "contact",
        &reference,
        "--on",
        "23/11/2026",
        "--method",
        "Phone",
        "--summary",
        "Mrs Jones confirmed the dates",
    ]);
    let case = r.case(&reference);
    assert_eq!(case["notes"][0]["text"], "Crew say the lane was blocked");
    assert_eq!(case["notes"][0]["by"], "Test Officer");
    assert_eq!(case["contacts"][0]["on"], "2026-11-23");
    assert_eq!(case["contacts"][0]["method"], "phone");
    assert_eq!(
        case["contacts"][0]["summary"],
        "Mrs Jones confirmed the dates"
    );
    let history = r.ok(&["case", "history", &reference]);
    assert!(
        history.contains("Note: Crew say the lane was blocked"),
        "{history}"
    );
    assert!(
        history.contains("Phone call on 23 Nov 2026: Mrs Jones confirmed the dates"),
        "{history}"
    );
    assert!(r.ok(&["case", "search", "blocked"]).contains(&reference));
    assert!(r.ok(&["case", "search", "confirmed"]).contains(&reference));
    let err = r.refused(&[
        "case",
        "contact",
        &reference,
        "--method",
        "fax",
        "--summary",
        "x",
    ]);
    assert!(err.contains("not a way of contact"), "{err}");
    let err = r.refused(&[
        "case",
        "contact",
        &reference,
        "--on",
        "2026-12-25",
        "--method",
        "visit",
        "--summary",
        "x",
    ]);
    assert!(err.contains("after today"), "{err}");
    let err = r.refused(&["case", "note", &reference, "--text", "  "]);
    assert!(err.contains("the note is empty"), "{err}");
    assert_eq!(
        r.case(&reference)["contacts"].as_array().map(Vec::len),
        Some(1)
    );
}

/// An email as a mail program saves it.
fn eml(headers: &str, body: &str) -> Vec<u8> {
    format!("{headers}\r\nMIME-Version: 1.0\r\n{body}").into_bytes()
}

fn intake(r: &Redress, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "intake",
        "email",
        s(file),
        "--service-area",
        "Waste and Recycling",
        "--officer",
        "Alex Khan",
        "--json",
    ];
    args.extend_from_slice(extra);
    json(&r.ok(&args))
}

#[test]
fn a_complaint_comes_straight_from_an_email_with_its_dates_right() {
    let r = Redress::new().with_officers();
    // Quoted-printable UTF-8, with a base64 attachment; sent at 23:30 in
    // New York, which is the next morning here.
    let photo: Vec<u8> = (0..=255u8).collect();
    let encoded = base64(&photo);
    let mail = eml(
        "From: =?utf-8?q?Si=C3=A2n_Jones?= <Sian@Example.org>\r\nTo: complaints@council.gov.uk\r\nSubject: Re: Bins not collected\r\nDate: Mon, 23 Nov 2026 23:30:00 -0500",
        &format!("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nMy bins on Heol y Llan were not collected =E2=80=93 again.=0D=0A\r\n--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"bin photo.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--b1--\r\n"),
    );
    let file = write(&r, "complaint.eml", &mail);
    let dry = intake(&r, &file, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["reference"], Value::Null);
    assert_eq!(dry["received_on"], "2026-11-24");
    assert_eq!(
        r.ok(&["case", "list"]).trim(),
        "No cases match.",
        "a dry run records nothing"
    );
    let made = intake(&r, &file, &[]);
    let reference = made["reference"].as_str().expect("reference").to_owned();
    let case = r.case(&reference);
    assert_eq!(case["received_on"], "2026-11-24");
    assert_eq!(case["channel"], "email");
    assert_eq!(case["complainant"]["name"], "Siân Jones");
    assert_eq!(case["complainant"]["email"], "Sian@Example.org");
    assert_eq!(case["summary"], "Bins not collected");
    assert_eq!(
        case["description"],
        "My bins on Heol y Llan were not collected – again."
    );
    let docs = documents(&r, &reference);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["name"], "complaint.eml");
    assert_eq!(docs[0]["sha256"], sha256(&mail));
    assert_eq!(docs[1]["name"], "bin photo.jpg");
    assert_eq!(docs[1]["sha256"], sha256(&photo));
    // The email's words are found by search.
    assert!(r.ok(&["case", "search", "Heol"]).contains(&reference));

    // A reply naming the case is offered to it, and added with --add-to.
    let reply = eml(
        &format!("From: Siân Jones <sian@example.org>\r\nSubject: RE: {reference} still waiting\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000"),
        "Content-Type: text/plain; charset=utf-8\r\n\r\nStill not collected.\r\n",
    );
    let reply_file = write(&r, "reply.eml", &reply);
    let offered = intake(&r, &reply_file, &["--dry-run"]);
    assert_eq!(offered["names_case"], reference.as_str());
    let added = intake(&r, &reply_file, &["--add-to", &reference]);
    assert_eq!(added["reference"], reference.as_str());
    assert_eq!(documents(&r, &reference).len(), 3);
    assert_eq!(r.ok(&["case", "list"]).lines().last(), Some("1 case"));
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_email_corpus_reads_every_form_councils_receive() {
    let r = Redress::new().with_officers();
    // Windows-1252, quoted-printable: a pound sign and a dash.
    let cp1252 = eml(
        "From: Piotr Kowalski <piotr@example.pl>\r\nSubject: Parking fine\r\nDate: Sun, 29 Mar 2026 00:30:00 +0000",
        "Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nI was fined =A335 =96 unfairly.\r\n",
    );
    let f = write(&r, "cp1252.eml", &cp1252);
    let got = intake(&r, &f, &["--dry-run"]);
    assert_eq!(got["description"], "I was fined £35 – unfairly.");
    // 00:30 UTC on the day the clocks go forward is 00:30 GMT: still the 29th.
    assert_eq!(got["received_on"], "2026-03-29");
    // 23:30 UTC on 29 March is 00:30 BST on the 30th.
    let late = eml(
        "From: a@example.org\r\nSubject: Late\r\nDate: Sun, 29 Mar 2026 23:30:00 +0000",
        "Content-Type: text/plain\r\n\r\nLate one.\r\n",
    );
    let f = write(&r, "late.eml", &late);
    assert_eq!(intake(&r, &f, &["--dry-run"])["received_on"], "2026-03-30");
    // HTML only, base64-encoded: its text, without the markup.
    let html = base64(
        "<html><body><p>The <b>road</b> is flooded.</p><p>Please help.</p></body></html>"
            .as_bytes(),
    );
    let only_html = eml(
        "From: Owain <owain@example.org>\r\nSubject: Flooding\r\nDate: Tue, 24 Nov 2026 09:00:00 +0000",
        &format!("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{html}\r\n"),
    );
    let f = write(&r, "html.eml", &only_html);
    let got = intake(&r, &f, &["--dry-run"]);
    let text = got["description"].as_str().expect("text");
    assert!(
        text.contains("The road is flooded.") && text.contains("Please help."),
        "{text}"
    );
    assert!(!text.contains('<'), "{text}");
    // Forwarded to the inbox as an attachment with nothing above it: the
    // complaint is the resident's, received when they sent it.
    let inner = "From: Mair Evans <mair@example.org>\r\nSubject: Broken streetlight\r\nDate: Mon, 23 Nov 2026 17:00:00 +0000\r\nContent-Type: text/plain\r\n\r\nThe light outside number 4 is out.\r\n";
    let forwarded = eml(
        "From: Front Desk <desk@council.gov.uk>\r\nSubject: Fwd: Broken streetlight\r\nDate: Tue, 24 Nov 2026 09:00:00 +0000",
        &format!("Content-Type: multipart/mixed; boundary=\"f\"\r\n\r\n--f\r\nContent-Type: text/plain\r\n\r\n\r\n--f\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--f--\r\n"),
    );
    let f = write(&r, "fwd.eml", &forwarded);
    let got = intake(&r, &f, &[]);
    assert_eq!(got["forwarded"], true);
    assert_eq!(got["complainant"]["email"], "mair@example.org");
    assert_eq!(got["received_on"], "2026-11-23");
    assert_eq!(got["summary"], "Broken streetlight");
    let reference = got["reference"].as_str().expect("reference");
    let names: Vec<String> = documents(&r, reference)
        .iter()
        .map(|d| d["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names[0], "fwd.eml");
    assert!(
        names.iter().any(|n| n.ends_with(".eml") && n != "fwd.eml"),
        "{names:?}"
    );

    // A message cut short is read up to where it stops, as mail programs
    // show it, and the officer is told.
    let cut = &forwarded[..forwarded.len() - 40];
    let f = write(&r, "cut.eml", cut);
    let got = intake(&r, &f, &["--dry-run"]);
    assert_eq!(got["received_on"], "2026-11-23");
    assert!(
        got["warnings"].as_array().is_some_and(|w| w
            .iter()
            .any(|w| w.as_str().unwrap_or("").contains("cut short"))),
        "{got}"
    );
    // Not an email at all; an unknown service area.
    let f = write(&r, "notes.txt", b"just some notes\nabout bins");
    let err = r.refused(&[
        "intake",
        "email",
        s(&f),
        "--service-area",
        "Waste and Recycling",
    ]);
    assert!(err.contains("not an email"), "{err}");
    let f = write(&r, "late2.eml", &late);
    let err = r.refused(&[
        "intake",
        "email",
        s(&f),
        "--service-area",
        "Moon",
        "--dry-run",
    ]);
    assert!(err.contains("no service area called 'Moon'"), "{err}");
}

/// A real Outlook message: an OLE compound file with the MAPI property
/// streams Outlook writes (subject, sender, body, transport headers and
/// one attachment), written with the `cfb` crate.
fn outlook_msg() -> Vec<u8> {
    let mut file = common::msg::Msg::new();
    file.text("/__substg1.0_001A001F", "IPM.Note");
    file.text("/__substg1.0_0037001F", "Noise from the depot");
    file.text("/__substg1.0_0C1A001F", "Gwen Hughes");
    file.text("/__substg1.0_5D01001F", "gwen@example.org");
    file.text(
        "/__substg1.0_1000001F",
        "Lorries idle outside from 5am.\r\nPlease stop it.",
    );
    file.text(
        "/__substg1.0_007D001F",
        "Date: Tue, 24 Nov 2026 00:15:00 +0000\r\nFrom: Gwen Hughes <gwen@example.org>\r\n",
    );
    // Root property stream: a 32-byte header, no fixed properties needed.
    file.bytes("/__properties_version1.0", &[0u8; 32]);
    file.storage("/__nameid_version1.0");
    file.bytes("/__nameid_version1.0/__substg1.0_00020102", &[]);
    file.bytes("/__nameid_version1.0/__substg1.0_00030102", &[]);
    file.bytes("/__nameid_version1.0/__substg1.0_00040102", &[]);
    file.storage("/__attach_version1.0_#00000000");
    file.text(
        "/__attach_version1.0_#00000000/__substg1.0_3707001F",
        "noise log.csv",
    );
    file.bytes(
        "/__attach_version1.0_#00000000/__substg1.0_37010102",
        b"time,db\n05:00,78\n",
    );
    let mut props = vec![0u8; 8];
    // AttachMethod (0x3705, PT_LONG) = 1: by value.
    props.extend([
        0x03, 0x00, 0x05, 0x37, 0x06, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    ]);
    file.bytes(
        "/__attach_version1.0_#00000000/__properties_version1.0",
        &props,
    );
    file.finish()
}

#[test]
fn an_outlook_msg_becomes_a_complaint() {
    let r = Redress::new().with_officers();
    let msg = outlook_msg();
    let f = write(&r, "Noise.msg", &msg);
    let got = intake(&r, &f, &[]);
    assert_eq!(got["complainant"]["name"], "Gwen Hughes");
    assert_eq!(got["complainant"]["email"], "gwen@example.org");
    assert_eq!(got["summary"], "Noise from the depot");
    assert_eq!(got["received_on"], "2026-11-24");
    assert!(got["description"]
        .as_str()
        .unwrap_or_default()
        .contains("Lorries idle"));
    let reference = got["reference"].as_str().expect("reference");
    let docs = documents(&r, reference);
    assert_eq!(docs[0]["name"], "Noise.msg");
    assert_eq!(docs[0]["sha256"], sha256(&msg));
    assert_eq!(docs[1]["name"], "noise log.csv");
    // Cut short, it is refused.
    let f = write(&r, "cut.msg", &msg[..msg.len() / 3]);
    let err = r.refused(&[
        "intake",
        "email",
        s(&f),
        "--service-area",
        "Waste and Recycling",
    ]);
    assert!(err.contains("cut.msg cannot be read as an email"), "{err}");
}

/// A PDF as another program makes one: two pages of text, Helvetica, with
/// its cross-reference table.
fn two_page_pdf() -> Vec<u8> {
    let page_text = |n: u32| format!("BT /F1 14 Tf 72 720 Td (Contractor report page {n}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", page_text(1).len(), page_text(1)),
        "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", page_text(2).len(), page_text(2)),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", s(path), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(path: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(s(path))
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().expect("number"))
        })
        .expect("a page count")
}

#[test]
fn the_bundle_holds_the_whole_file_with_its_pages_numbered() {
    let (r, reference) = setup();
    // An acknowledgement letter, issued and kept with the case.
    let letter = r.dir.path().join("ack.pdf");
    r.ok(&[
        "letter",
        &reference,
        "--kind",
        "stage1-acknowledgement",
        "--out",
        s(&letter),
        "--acknowledge",
        "--reason",
        "Phone number to follow",
    ]);
    let letter_pages = pages(&letter);
    // A PDF received, of two pages, and a photo.
    let other = write(&r, "other.pdf", &two_page_pdf());
    let other_pages = pages(&other);
    let received = r.dir.path().join("Contractor report.pdf");
    std::fs::copy(&other, &received).expect("copy");
    r.ok(&[
        "case",
        "attach",
        &reference,
        s(&received),
        "--description",
        "From the contractor",
    ]);
    let photo = write(&r, "bin.jpg", b"\xff\xd8\xff not a real jpeg");
    r.ok(&["case", "attach", &reference, s(&photo)]);
    r.ok(&[
        "case",
        "note",
        &reference,
        "--text",
        "Asked the crew for their log",
    ]);
    r.ok(&[
        "case",
        "contact",
        &reference,
        "--method",
        "visit",
        "--summary",
        "Saw the bins",
    ]);

    let bundle = r.dir.path().join("bundle.pdf");
    r.ok(&[
        "case",
        "bundle",
        &reference,
        "--out",
        s(&bundle),
        "--with-files",
    ]);
    let total = pages(&bundle);
    let text = pdftotext(&bundle);
    assert!(
        text.contains(&format!("Complaint file {reference}")),
        "{text}"
    );
    assert!(text.contains("Siân Jones"));
    assert!(text.contains("Asked the crew for their log"));
    assert!(text.contains("Visit on 24 Nov 2026"));
    for d in documents(&r, &reference) {
        let name = d["name"].as_str().expect("name");
        assert!(text.contains(name), "the index names {name}");
        assert!(
            text.contains(d["sha256"].as_str().expect("sha")),
            "{name}'s hash"
        );
    }
    assert!(text.contains("bin.jpg") && text.contains("not enclosed"));
    assert!(
        text.contains("Contractor report page 2"),
        "the received PDF in full"
    );
    // The letter in full: its own words are in the bundle.
    let letter_text = pdftotext(&letter);
    let line = letter_text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("We received your complaint"))
        .unwrap_or("Dear Siân Jones");
    assert!(text.contains(line), "the letter is enclosed: {line}");
    // Every page numbered out of the whole, enclosures included.
    let front = total - letter_pages - other_pages;
    assert!(front >= 2, "a cover and the index");
    for page in 1..=total {
        assert!(
            text.contains(&format!("Page {page} of {total}")),
            "page {page} of {total} is numbered"
        );
    }
    assert!(
        text.contains(&format!("enclosed from page {}", front + 1)),
        "{text}"
    );
    // The other files saved beside it.
    let beside = r.dir.path().join("bundle-documents");
    let names: Vec<String> = std::fs::read_dir(&beside)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("bin.jpg")), "{names:?}");
    let err = r.refused(&["case", "bundle", &reference, "--out", s(&bundle)]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn backups_restore_export_access_and_retention_carry_the_case_file() {
    let (r, reference) = setup();
    let bytes = b"the contractor's log\n".to_vec();
    let file = write(&r, "log.txt", &bytes);
    let id = json(&r.ok(&["case", "attach", &reference, s(&file), "--json"]))["id"]
        .as_str()
        .expect("id")
        .to_owned();
    r.ok(&["case", "note", &reference, "--text", "Spoke to the depot"]);
    r.ok(&["backup"]);
    let backed = r.dir.path().join("Backups/redress-documents");
    assert!(backed.is_dir(), "the backups keep the documents once");
    // The live documents lost: the check names it, a restore brings it back.
    std::fs::remove_dir_all(r.dir.path().join("redress-documents")).expect("lose them");
    let out = r.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("log.txt")
            || String::from_utf8_lossy(&out.stderr).contains("log.txt")
    );
    let backups: Vec<_> = std::fs::read_dir(r.dir.path().join("Backups"))
        .expect("backups")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    r.ok(&["restore", s(&backups[0])]);
    let back = r.dir.path().join("back.txt");
    r.ok(&["case", "document", &reference, &id, "--out", s(&back)]);
    assert_eq!(std::fs::read(&back).expect("read"), bytes);

    // The complete export carries the bytes into a new database.
    let export = r.dir.path().join("all.json");
    r.ok(&["export", "all", "--json", "-o", s(&export)]);
    let other = Redress::uninitialised();
    common::on(&other.db(), &["init", "--training"]);
    let loaded = common::on(&other.db(), &["import", "all", s(&export)]);
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    let out = other.dir.path().join("x.txt");
    let saved = common::on(
        &other.db(),
        &["case", "document", &reference, &id, "--out", s(&out)],
    );
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    assert_eq!(std::fs::read(&out).expect("read"), bytes);

    // Subject access: the document itself, the note.
    let sar = r.dir.path().join("sar");
    r.ok(&["sar", "Siân Jones", "--out", s(&sar)]);
    let files: Vec<String> = std::fs::read_dir(sar.join("documents"))
        .expect("documents folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("log.txt")), "{files:?}");
    let held = std::fs::read_to_string(sar.join("subject-access.json")).expect("json");
    assert!(held.contains("Spoke to the depot"));

    // Retention: past the period, the documents, notes and bytes go.
    r.ok(&[
        "case",
        "close",
        &reference,
        "--reason",
        "Resolved",
        "--on",
        "2026-11-24",
    ]);
    let later = |args: &[&str]| {
        let mut all = vec!["--today", "2033-01-05"];
        all.extend_from_slice(args);
        common::redress()
            .args(["--db", s(&r.db()), "--as", "Test Officer"])
            .args(&all)
            .output()
            .expect("runs")
    };
    let done = later(&["retention", "apply", &reference]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(documents(&r, &reference).len(), 0);
    assert_eq!(
        r.case(&reference)["notes"].as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(
        kept(&r),
        0,
        "the bytes are gone with the case's personal data"
    );
    let history = r.ok(&["case", "history", &reference]);
    assert!(
        !history.contains("log.txt") && !history.contains("Spoke to the depot"),
        "{history}"
    );
}
