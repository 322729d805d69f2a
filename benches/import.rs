//! Benchmark: importing 10,000 rows of a council's `.xlsx` (its own
//! headers, real date cells, its words mapped) into an empty database,
//! read, checked and replayed through the rules. Run with `cargo bench
//! --features demo --bench import`; set `REDRESS_BENCH_ROWS` for another
//! size. It measures and asserts nothing.

use std::time::Instant;

use chrono::{NaiveDate, Utc};
use redress::store::{Actor, ImportFile, Store};
use redress::transfer::Mapping;

fn workbook(rows: u32) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd-mmm-yy");
    let sheet = book.add_worksheet();
    for (col, header) in [
        "Ref",
        "Date received",
        "Department",
        "Complainant",
        "Details",
        "Stage 1 result",
        "Date responded",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    let areas = ["Housing", "Waste", "Planning", "Highways", "Council Tax"];
    let words = ["Justified", "Not justified", "Partially justified"];
    for i in 1..=rows {
        let received =
            ExcelDateTime::from_ymd(2021, 1 + (i % 12) as u8, 1 + (i % 27) as u8).expect("date");
        let answered =
            ExcelDateTime::from_ymd(2022, 1 + (i % 12) as u8, 1 + (i % 27) as u8).expect("date");
        sheet.write_string(i, 0, format!("B/{i:05}")).expect("cell");
        sheet
            .write_datetime_with_format(i, 1, &received, &date)
            .expect("cell");
        sheet
            .write_string(i, 2, areas[(i % 5) as usize])
            .expect("cell");
        sheet
            .write_string(i, 3, format!("Person {i}"))
            .expect("cell");
        sheet
            .write_string(i, 4, "The bins were missed again this week")
            .expect("cell");
        sheet
            .write_string(i, 5, words[(i % 3) as usize])
            .expect("cell");
        sheet
            .write_datetime_with_format(i, 6, &answered, &date)
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

fn main() {
    let rows: u32 = std::env::var("REDRESS_BENCH_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let bytes = workbook(rows);
    let mapping = Mapping::from_toml(
        "[values.stage1_outcome]\n\"Justified\" = \"upheld\"\n\"Partially justified\" = \"partly upheld\"\n\"Not justified\" = \"not upheld\"\n",
    )
    .expect("mapping");
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::create(&dir.path().join("bench.db")).expect("store");
    let actor = Actor {
        name: "Bench".to_owned(),
        now: Utc::now(),
        today: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
    };
    let file = ImportFile {
        bytes: &bytes,
        name: "complaints.xlsx",
        sheet: None,
        mapping: &mapping,
    };
    let started = Instant::now();
    let sheet = redress::transfer::Sheet::read(&bytes, redress::transfer::Format::Xlsx, None)
        .expect("sheet");
    println!(
        "read {} rows of .xlsx ({} KB): {:.0} ms",
        sheet.rows.len(),
        bytes.len() / 1024,
        started.elapsed().as_secs_f64() * 1e3
    );
    let started = Instant::now();
    let dry = store.import_sheet(&file, &actor, true).expect("dry run");
    println!(
        "dry run of {} cases: {:.2} s",
        dry.cases,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let done = store.import_sheet(&file, &actor, false).expect("import");
    println!(
        "import of {} cases: {:.2} s",
        done.cases,
        started.elapsed().as_secs_f64()
    );
}
