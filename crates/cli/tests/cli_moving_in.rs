//! Moving in: a council's own spreadsheet imported as it is. The tests make
//! the files: an Excel `.xlsx` with real date cells (rust_xlsxwriter), a
//! LibreOffice `.ods` (its XML in a zip), and CSVs with the council's own
//! headers, words and every UK date form.

mod common;

use std::io::Write;

use common::Redress;

fn write(r: &Redress, name: &str, bytes: &[u8]) -> String {
    let path = r.dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.display().to_string()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// An `.xlsx` the way a council keeps one: its own headers, real date
/// cells, a second sheet.
fn council_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd-mmm-yy");
    let sheet = book.add_worksheet();
    sheet.set_name("Complaints 2021-22").expect("name");
    for (col, header) in [
        "Ref",
        "Date received",
        "Department",
        "Complainant",
        "Details",
        "Stage 1 result",
        "Date responded",
        "Our notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    let rows = [
        (
            "LCC/001",
            (2021, 4, 1),
            "Housing",
            "Siân Jones",
            "Damp in the bedroom\nSince January",
            "Justified",
            (2021, 4, 20),
            "Rang twice",
        ),
        (
            "LCC/002",
            (2021, 4, 6),
            "Waste",
            "Łukasz Nowak",
            "Bins missed three weeks",
            "Not justified",
            (2021, 4, 28),
            "",
        ),
    ];
    for (i, (reference, received, dept, name, details, result, responded, notes)) in
        rows.iter().enumerate()
    {
        let row = (i + 1) as u32;
        sheet.write_string(row, 0, *reference).expect("cell");
        let (y, m, d) = *received;
        sheet
            .write_datetime_with_format(
                row,
                1,
                ExcelDateTime::from_ymd(y, m, d).expect("date"),
                &date,
            )
            .expect("date cell");
        sheet.write_string(row, 2, *dept).expect("cell");
        sheet.write_string(row, 3, *name).expect("cell");
        sheet.write_string(row, 4, *details).expect("cell");
        sheet.write_string(row, 5, *result).expect("cell");
        let (y, m, d) = *responded;
        sheet
            .write_datetime_with_format(
                row,
                6,
                ExcelDateTime::from_ymd(y, m, d).expect("date"),
                &date,
            )
            .expect("date cell");
        if !notes.is_empty() {
            sheet.write_string(row, 7, *notes).expect("cell");
        }
    }
    let other = book.add_worksheet();
    other.set_name("Summary").expect("name");
    other.write_string(0, 0, "Total").expect("cell");
    book.save_to_buffer().expect("xlsx")
}

/// A LibreOffice `.ods`: the parts of an OpenDocument spreadsheet, zipped.
fn council_ods() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Log">
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Case ref</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Date logged</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Directorate</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Customer name</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Subject</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>ODS-1</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2021-05-04"><text:p>04/05/2021</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Planning</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Aoife Ní Bhriain</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Late decision</text:p></table:table-cell>
</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut bytes = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bytes);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).expect("mimetype");
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .expect("write");
        let deflated = zip::write::SimpleFileOptions::default();
        zip.start_file("META-INF/manifest.xml", deflated)
            .expect("manifest");
        zip.write_all(manifest.as_bytes()).expect("write");
        zip.start_file("content.xml", deflated).expect("content");
        // LibreOffice writes no space between elements (and calamine reads
        // what LibreOffice writes).
        zip.write_all(content.replace(">\n<", "><").as_bytes())
            .expect("write");
        zip.finish().expect("zip");
    }
    bytes.into_inner()
}

const MAPPING: &str = r#"
[columns]
"Stage 1 result" = "stage1_outcome"

[values.stage1_outcome]
"Justified" = "upheld"
"Partially justified" = "partly upheld"
"Not justified" = "not upheld"
"#;

#[test]
fn an_xlsx_as_the_council_keeps_it_imports_with_its_dates_words_and_notes() {
    let r = Redress::new().with_officers();
    r.ok(&["service-area", "add", "Waste"]);
    let file = write(&r, "complaints.xlsx", &council_xlsx());
    let mapping = write(&r, "mapping.toml", MAPPING.as_bytes());
    // Without the mapping, "Justified" is not an outcome: named by row and column.
    let err = r.refused(&["import", "cases", &file, "--dry-run"]);
    assert!(
        err.contains("line 2, column Stage 1 result")
            || err.contains("line 2, column Date responded"),
        "{err}"
    );
    assert!(
        err.contains("[values.stage1_outcome] \"Justified\""),
        "{err}"
    );

    let dry = json(&r.ok(&[
        "import",
        "cases",
        &file,
        "--mapping",
        &mapping,
        "--dry-run",
        "--json",
    ]));
    assert_eq!(dry["rows"], 2);
    assert_eq!(dry["imported"], 0);
    assert_eq!(dry["mapping"]["Ref"], "reference");
    assert_eq!(dry["mapping"]["Date received"], "received_on");
    assert_eq!(dry["mapping"]["Department"], "service_area");
    assert_eq!(dry["mapping"]["Complainant"], "complainant_name");
    assert_eq!(dry["mapping"]["Details"], "description");
    assert_eq!(dry["mapping"]["Stage 1 result"], "stage1_outcome");
    assert_eq!(dry["mapping"]["Date responded"], "stage1_responded_on");
    assert_eq!(dry["unmapped"], serde_json::json!(["Our notes"]));
    assert!(r.ok(&["case", "list", "--json"]).trim() == "[]");

    let done = json(&r.ok(&["import", "cases", &file, "--mapping", &mapping, "--json"]));
    assert_eq!(done["imported"], 2);
    let first = r.case("LCC/001");
    assert_eq!(first["received_on"], "2021-04-01");
    assert_eq!(first["complainant"]["name"], "Siân Jones");
    assert_eq!(first["stages"][0]["outcome"], "upheld");
    assert_eq!(first["stages"][0]["responded_on"], "2021-04-20");
    // No summary column: the description's first line.
    assert_eq!(first["summary"], "Damp in the bedroom");
    assert_eq!(r.case("LCC/002")["stages"][0]["outcome"], "not-upheld");
    // The column that fills no field is kept with the case.
    let history = r.ok(&["case", "history", "LCC/001"]);
    assert!(history.contains("Our notes: Rang twice"), "{history}");
}

#[test]
fn a_sheet_is_chosen_by_name_and_an_unknown_one_is_listed() {
    let r = Redress::new().with_officers();
    let file = write(&r, "complaints.xlsx", &council_xlsx());
    let err = r.refused(&["import", "cases", &file, "--sheet", "2020"]);
    assert!(
        err.contains("no sheet called '2020'") && err.contains("Complaints 2021-22, Summary"),
        "{err}"
    );
    let err = r.refused(&["import", "cases", &file, "--sheet", "Summary"]);
    assert!(err.contains("no column is reference"), "{err}");
}

#[test]
fn an_ods_from_libreoffice_imports_with_its_date_cells() {
    let r = Redress::new().with_officers();
    let file = write(&r, "log.ods", &council_ods());
    let done = json(&r.ok(&["import", "cases", &file, "--json"]));
    assert_eq!(done["imported"], 1, "{done}");
    assert_eq!(done["mapping"]["Case ref"], "reference");
    assert_eq!(done["mapping"]["Date logged"], "received_on");
    assert_eq!(done["mapping"]["Directorate"], "service_area");
    assert_eq!(done["mapping"]["Customer name"], "complainant_name");
    assert_eq!(done["mapping"]["Subject"], "summary");
    let case = r.case("ODS-1");
    assert_eq!(case["received_on"], "2021-05-04");
    assert_eq!(case["complainant"]["name"], "Aoife Ní Bhriain");
}

#[test]
fn every_uk_date_form_reads_and_month_first_is_refused_by_row_and_column() {
    let r = Redress::new().with_officers();
    let rows = [
        ("D1", "1/4/21"),
        ("D2", "01-Apr-2021"),
        ("D3", "1-Apr-21"),
        ("D4", "1 April 2021"),
        ("D5", "2021-04-01"),
        ("D6", "2021-04-01T09:30:00"),
        ("D7", "44287"),
        ("D8", "01/04/2021"),
    ];
    let mut csv = String::from("Reference,Date received,Service\n");
    for (reference, date) in rows {
        csv.push_str(&format!("{reference},{date},Housing\n"));
    }
    let file = write(&r, "dates.csv", csv.as_bytes());
    r.ok(&["import", "cases", &file]);
    for (reference, _) in rows {
        assert_eq!(
            r.case(reference)["received_on"],
            "2021-04-01",
            "{reference}"
        );
    }
    let trap = write(
        &r,
        "us.csv",
        b"Reference,Date received,Service\nU1,04/13/2021,Housing\n",
    );
    let err = r.refused(&["import", "cases", &trap]);
    assert!(
        err.contains("line 2, column Date received") && err.contains("month first"),
        "{err}"
    );
    assert!(r.refused(&["case", "show", "U1"]).contains("no case"));
}

#[test]
fn a_mapping_naming_an_unknown_field_is_refused_with_the_fields() {
    let r = Redress::new().with_officers();
    let file = write(&r, "c.csv", b"Ref,When,Service\nM1,2021-04-01,Housing\n");
    let bad = write(&r, "bad.toml", b"[columns]\n\"When\" = \"date_received\"\n");
    let err = r.refused(&["import", "cases", &file, "--mapping", &bad]);
    assert!(
        err.contains("'date_received', which is not a field") && err.contains("received_on"),
        "{err}"
    );
    let good = write(&r, "good.toml", b"[columns]\n\"When\" = \"received_on\"\n");
    let done = json(&r.ok(&["import", "cases", &file, "--mapping", &good, "--json"]));
    assert_eq!(done["mapping"]["When"], "received_on");
    assert_eq!(r.case("M1")["received_on"], "2021-04-01");
}

#[test]
fn the_councils_words_for_outcomes_are_used_in_reports_and_letters_and_the_data_keeps_one_meaning()
{
    let r = Redress::new().with_officers();
    let case = r.answered_bins_complaint();
    r.ok(&[
        "settings",
        "set",
        "outcome-words",
        "upheld=Justified;partly-upheld=Partially justified;not-upheld=Not justified",
    ]);
    let report = json(&r.ok(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ]));
    let labels: Vec<String> = report["definitions"]
        .as_array()
        .expect("definitions")
        .iter()
        .map(|d| d["label"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(labels.contains(&"Not justified".to_owned()), "{labels:?}");
    // The figure keeps its key and its count.
    assert_eq!(report["overall"]["stage1"]["not_upheld"], 1);
    let pdf = r.dir.path().join("report.pdf");
    r.ok(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--pdf",
        pdf.to_str().expect("p"),
    ]);
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Not justified"), "{text}");
    let letter = r.dir.path().join("response.pdf");
    r.ok(&[
        "letter",
        &case,
        "--kind",
        "stage1-response",
        "--out",
        letter.to_str().expect("p"),
    ]);
    let text = std::process::Command::new("pdftotext")
        .arg(&letter)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("not justified"), "{text}");
    assert_eq!(r.case(&case)["stages"][0]["outcome"], "not-upheld");
}
