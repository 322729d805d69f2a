//! The benchmark harness: Redress's core operations on demo councils of
//! 1,000, 10,000 and 100,000 cases, each beside its floor in the same run
//! (the same SQL in the `sqlite3` shell on the same file; a set-based
//! `sqlite3` import; a Word mail merge turned into a PDF by LibreOffice)
//! and its target from BRIEF.md, printed as Markdown tables for
//! BENCHMARKS.md.
//!
//! Run with `scripts/bench` (or `cargo bench -p redress-app --bench
//! harness`). `REDRESS_BENCH_SIZES` picks the sizes (default
//! `1000,10000,100000`), `REDRESS_BENCH_RUNS` the runs of each quick
//! measure (default 25), `REDRESS_BENCH_IMPORT_ROWS` the rows imported
//! (default 10,000). Sync is measured on copies (`sync_work`). Data sets are made once and kept (see `data`). It
//! measures and asserts nothing: these machines are shared and noisy.

mod data;
mod measure;
mod office;
mod shell;
mod sync_work;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use measure::{time, Timing};
use redress::case::{Horizon, HorizonDates};
use redress::reports::Period;
use redress::transfer::Mapping;
use redress_app::{CaseQuery, CaseSort, ImportFile, LetterRequest, StateFilter};
use redress_app::{Clock, Service};

/// One line of a table.
struct Line {
    measure: &'static str,
    redress: String,
    target: &'static str,
    floor: String,
    ratio: String,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn ratio(ours: Duration, floor: Duration) -> String {
    if floor.is_zero() {
        "-".to_owned()
    } else {
        format!("{:.1}×", ours.as_secs_f64() / floor.as_secs_f64())
    }
}

/// A line measured in process, against the same SQL in the shell.
fn against_sql(
    measure: &'static str,
    target: &'static str,
    ours: Timing,
    db: &Path,
    sql: &[String],
    shell: bool,
) -> Line {
    let (floor, r) = if shell {
        // Quick statements many times over, to see past starting the shell;
        // slow ones twice.
        let repeats = if ours.median > Duration::from_millis(50) {
            2
        } else {
            20
        };
        let floor = shell::per_run(db, sql, repeats);
        (ms(floor), ratio(ours.median, floor))
    } else {
        ("-".to_owned(), "-".to_owned())
    };
    Line {
        measure,
        redress: format!("{} (p90 {})", ms(ours.median), ms(ours.p90)),
        target,
        floor,
        ratio: r,
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The list's columns, as `Store::search` reads them.
const LIST: &str =
    "SELECT c.reference, c.received_on, p.name, p.anonymous, c.summary, a.name, o.name,
    c.triage, c.current_stage, c.status, c.next_due_on, c.next_due_what,
    (SELECT h.name FROM stages cs JOIN officers h ON h.id = cs.handler_id
     WHERE cs.case_id = c.id AND cs.number = c.current_stage)";
const FROM: &str = " FROM cases c WHERE 1 = 1";
const JOINED: &str = " FROM cases c JOIN service_areas a ON a.id = c.service_area_id
    JOIN people p ON p.id = c.person_id LEFT JOIN officers o ON o.id = c.officer_id";

/// A page as the store reads it: the page's row ids chosen from `cases`
/// alone, then only those rows read in full.
fn list_sql(from: &str, filter: &str, order: &str, limit: u32) -> String {
    format!(
        "{LIST}{JOINED} WHERE c.rowid IN (SELECT c.rowid{from}{filter}{order} LIMIT {limit} OFFSET 0){order}"
    )
}

/// One officer's caseload, as the store composes it: their open cases in
/// one statement, in order.
fn my_caseload_sql(name: &str) -> Vec<String> {
    let filter = format!(
        " AND c.status = 'open' AND ((c.officer_id IN (SELECT id FROM officers WHERE name = '{name}' COLLATE NOCASE)
          OR EXISTS (SELECT 1 FROM stages cs WHERE cs.case_id = c.id AND cs.number = c.current_stage
          AND cs.handler_id IN (SELECT id FROM officers WHERE name = '{name}' COLLATE NOCASE)))
          OR c.id IN (SELECT ac.case_id FROM actions ac WHERE ac.done_on IS NULL
          AND ac.owner = '{name}' COLLATE NOCASE))"
    );
    vec![format!(
        "{LIST}{JOINED} WHERE c.rowid IN (SELECT c.rowid{FROM}{filter}){ORDER}"
    )]
}

/// The list order.
const ORDER: &str =
    " ORDER BY c.next_due_on IS NULL, c.next_due_on ASC, c.received_on DESC, c.reference";

/// Everyone's caseload's ten statements (a count and a first page per
/// group), as the store composes them.
fn caseload_sql(today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    for horizon in Horizon::ALL {
        let mut filter = " AND c.status = 'open'".to_owned();

        match horizon.dates(today) {
            HorizonDates::NothingDue => filter.push_str(" AND (c.next_due_on IS NULL) = 1"),
            HorizonDates::Between { from, to } => {
                filter.push_str(" AND (c.next_due_on IS NULL) = 0");
                if let Some(from) = from {
                    filter.push_str(&format!(" AND c.next_due_on >= '{}'", date(from)));
                }
                if let Some(to) = to {
                    filter.push_str(&format!(" AND c.next_due_on <= '{}'", date(to)));
                }
            }
        }
        out.push(format!("SELECT COUNT(*){FROM}{filter}"));
        out.push(list_sql(
            FROM,
            &filter,
            " ORDER BY c.next_due_on ASC, c.received_on DESC, c.reference",
            200,
        ));
    }
    out
}

/// A first page of 25 and the count, as the Cases screen asks.
fn page_sql(from: &str, filter: &str) -> Vec<String> {
    vec![
        format!("SELECT COUNT(*){from}{filter}"),
        list_sql(from, filter, ORDER, 25),
    ]
}

/// The report's reads (`Store::report_facts`), its dates written in.
fn report_sql(period: Period) -> Vec<String> {
    let (lo, hi) = (date(period.from), date(period.to));
    vec![
        format!(
            "SELECT c.reference, sa.name, s.number, s.opened_on, s.acknowledged_on, s.responded_on,
                s.outcome, s.acknowledge_by, s.respond_by, COALESCE(s.original_respond_by, s.respond_by),
                EXISTS (SELECT 1 FROM stages n WHERE n.case_id = s.case_id AND n.number = s.number + 1),
                (SELECT p.outcome FROM stages p WHERE p.case_id = s.case_id AND p.number = s.number - 1),
                CASE WHEN s.responded_on BETWEEN '{lo}' AND '{hi}' THEN s.learning ELSE '' END,
                CASE WHEN s.responded_on BETWEEN '{lo}' AND '{hi}' THEN s.improvements ELSE '' END
             FROM stages s JOIN cases c ON c.id = s.case_id JOIN service_areas sa ON sa.id = c.service_area_id
             WHERE s.opened_on <= '{hi}' AND (s.opened_on >= '{lo}' OR s.responded_on >= '{lo}')"
        ),
        format!(
            "SELECT c.received_on, sa.name, cat.name, c.channel, c.triage FROM cases c
             JOIN service_areas sa ON sa.id = c.service_area_id LEFT JOIN categories cat ON cat.id = c.category_id
             WHERE c.received_on BETWEEN '{lo}' AND '{hi}'"
        ),
        "SELECT sa.name, r.referred_on, r.decided_on, r.decision, r.complied_on FROM referrals r
         JOIN cases c ON c.id = r.case_id JOIN service_areas sa ON sa.id = c.service_area_id"
            .to_owned(),
        format!(
            "SELECT sa.name, a.due_on, a.done_on FROM actions a JOIN cases c ON c.id = a.case_id
             JOIN service_areas sa ON sa.id = c.service_area_id
             WHERE a.due_on <= '{hi}' AND (a.done_on IS NULL OR a.done_on >= '{lo}')"
        ),
    ]
}

/// The People screen's list (`Store::people`), `{filter}` for a search.
const PEOPLE_SQL: &str = "SELECT p.*, (SELECT COUNT(*) FROM cases c WHERE c.person_id = p.id),
    EXISTS (SELECT 1 FROM restrictions r WHERE r.person_id = p.id AND r.lifted_on IS NULL)
    FROM people p WHERE p.merged_into IS NULL {filter}
    ORDER BY p.name_key IS NULL, p.name_key, p.id LIMIT 200";

/// Every case as the export's CSV has it, in one statement.
const EXPORT_SQL: &str = "SELECT c.reference, c.received_on, c.channel, a.name, g.name, p.name, p.email,
    p.phone, p.address, c.summary, c.description, c.outcome_sought, o.name, s1.acknowledged_on,
    s1.responded_on, s1.outcome, s2.opened_on, h2.name, s2.acknowledged_on, s2.responded_on,
    s2.outcome, r.ombudsman, r.referred_on, r.decision, c.status_on, c.status_reason, p.postcode,
    c.triage, c.exclusion_reason, c.triage_note
    FROM cases c JOIN service_areas a ON a.id = c.service_area_id JOIN people p ON p.id = c.person_id
    LEFT JOIN categories g ON g.id = c.category_id LEFT JOIN officers o ON o.id = c.officer_id
    LEFT JOIN stages s1 ON s1.case_id = c.id AND s1.number = 1
    LEFT JOIN stages s2 ON s2.case_id = c.id AND s2.number = 2
    LEFT JOIN officers h2 ON h2.id = s2.handler_id LEFT JOIN referrals r ON r.case_id = c.id
    ORDER BY c.received_on, c.reference";

/// `rows` cases of a council's CSV, in Redress's own column names.
fn import_csv(rows: usize) -> String {
    let areas = ["Housing", "Waste", "Planning", "Highways", "Council Tax"];
    let outcomes = ["upheld", "not upheld", "partly upheld"];
    let mut csv = "reference,received_on,service_area,complainant_name,description,stage1_outcome,stage1_responded_on\n".to_owned();
    for i in 1..=rows {
        csv.push_str(&format!(
            "B/{i:05},2021-{:02}-{:02},{},Person {i},The bins were missed again this week,{},2022-{:02}-{:02}\n",
            1 + i % 12,
            1 + i % 27,
            areas[i % 5],
            outcomes[i % 3],
            1 + i % 12,
            1 + i % 27,
        ));
    }
    csv
}

/// The same rows imported set-based in the shell: read into a table, then
/// inserted as people, cases, first stages, search entries and one event
/// each, in one transaction.
fn shell_import_script(csv: &Path) -> String {
    format!(
        ".import --csv {} staging
BEGIN;
INSERT OR IGNORE INTO service_areas (name, uid) SELECT DISTINCT service_area, lower(hex(randomblob(16))) FROM staging;
INSERT INTO people (uid, name, address, postcode, email, phone, anonymous, vulnerability, adjustments, name_key)
  SELECT reference, complainant_name, '', '', '', '', 0, '', '', lower(complainant_name) FROM staging;
INSERT INTO cases (id, reference, received_on, channel, service_area_id, summary, description, outcome_sought,
    triage, triage_note, status, status_reason, current_stage, person_id)
  SELECT lower(hex(randomblob(16))), s.reference, s.received_on, 'email',
    (SELECT id FROM service_areas WHERE name = s.service_area), substr(s.description, 1, 80), s.description, '',
    'complaint', '', 'closed', '', 1, (SELECT id FROM people WHERE uid = s.reference)
  FROM staging s;
INSERT INTO stages (case_id, number, opened_on, responded_on, outcome, reasons, learning, improvements)
  SELECT c.id, 1, c.received_on, s.stage1_responded_on, s.stage1_outcome, '', '', ''
  FROM staging s JOIN cases c ON c.reference = s.reference;
INSERT INTO case_search (rowid, reference, names, summary, body)
  SELECT c.rowid, c.reference, s.complainant_name, c.summary, c.description FROM cases c JOIN staging s ON s.reference = c.reference;
INSERT INTO events (id, case_id, device, hlc, at, actor, kind, summary, body, changes)
  SELECT lower(hex(randomblob(16))), c.id, 'bench', printf('%016d-%06d-bench', 1, c.rowid), '2026-11-24T09:00:00Z',
    'Bench', 'imported', 'Imported', '{{}}', '[]' FROM cases c;
COMMIT;
",
        csv.display()
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("REDRESS_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".to_owned())
        .split(',')
        .filter_map(|n| n.trim().replace('_', "").parse().ok())
        .collect();
    let runs: usize = std::env::var("REDRESS_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25);
    let with_shell = shell::available();
    let with_office = office::available();
    if !with_shell {
        eprintln!("sqlite3 is not installed: no floors (apt install sqlite3)");
    }
    if !with_office {
        eprintln!(
            "LibreOffice is not installed: no letter floor (apt install libreoffice-writer-nogui)"
        );
    }
    println!("# Redress benchmarks\n");
    println!(
        "{} runs of each quick measure (median, and the 90th percentile); floors in the same run.\n",
        runs
    );
    for cases in sizes {
        bench_size(cases, runs, with_shell, with_office);
    }
}

fn bench_size(cases: usize, runs: usize, with_shell: bool, with_office: bool) {
    let set = data::data_set(cases);
    let today = data::today();
    let scratch = tempfile::tempdir().expect("scratch folder");
    let mut lines: Vec<Line> = Vec::new();
    if let Some(seconds) = set.made_in {
        lines.push(Line {
            measure: "demo data made through the rules",
            redress: format!("{seconds:.1} s ({:.0} cases/s)", cases as f64 / seconds),
            target: "",
            floor: "-".to_owned(),
            ratio: "-".to_owned(),
        });
    }
    let db = &set.path;
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    lines.push(Line {
        measure: "database on disk, per case",
        redress: format!(
            "{:.0} bytes ({} MiB in all)",
            size as f64 / cases as f64,
            size / (1024 * 1024)
        ),
        target: "< 2 KB",
        floor: "-".to_owned(),
        ratio: "-".to_owned(),
    });

    // Opening: the quick check, the migrations' check, the settings.
    let officer = {
        let service = Service::open(Some(db), Clock::Today(today), None).expect("open");
        service
            .officers()
            .expect("officers")
            .into_iter()
            .find(|o| o.job_title.ends_with("Officer"))
            .map(|o| o.name)
            .expect("an investigating officer")
    };
    let open = time(runs.min(7), || {
        Service::open(Some(db), Clock::Today(today), Some(officer.clone())).expect("open")
    });
    lines.push(against_sql(
        "open the database (with its quick check)",
        "",
        open,
        db,
        &["PRAGMA quick_check".to_owned()],
        with_shell,
    ));

    let service =
        Service::open(Some(db), Clock::Today(today), Some(officer.clone())).expect("open");
    let mine = time(runs, || service.caseload(true).expect("caseload"));
    lines.push(against_sql(
        "caseload of one officer (their open cases, grouped)",
        "< 5 ms",
        mine,
        db,
        &my_caseload_sql(&officer),
        with_shell,
    ));
    let everyone = time(runs, || service.caseload(false).expect("caseload"));
    lines.push(against_sql(
        "caseload of everyone (5 groups: counts, first 200 of each)",
        "< 5 ms",
        everyone,
        db,
        &caseload_sql(today),
        with_shell,
    ));

    let page = |query: CaseQuery| {
        let rows = service.search(&query).expect("search");
        let count = service.count(&query).expect("count");
        (rows.len(), count)
    };
    let search = CaseQuery {
        text: Some("boiler".to_owned()),
        state: StateFilter::All,
        sort: CaseSort::Due,
        limit: Some(25),
        ..CaseQuery::default()
    };
    let searched = time(runs, || page(search.clone()));
    lines.push(against_sql(
        "full-text search \"boiler\", first page of 25 and the count",
        "< 20 ms",
        searched,
        db,
        &page_sql(
            FROM,
            " AND c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH '\"boiler\"*')",
        ),
        with_shell,
    ));
    let filtered = CaseQuery {
        service_area: Some("Housing".to_owned()),
        state: StateFilter::Open,
        overdue: true,
        limit: Some(25),
        ..CaseQuery::default()
    };
    let listed = time(runs, || page(filtered.clone()));
    lines.push(against_sql(
        "filtered list (Housing, open, overdue), first page and count",
        "",
        listed,
        db,
        &page_sql(
            " FROM cases c JOIN service_areas a ON a.id = c.service_area_id WHERE 1 = 1",
            &format!(
                " AND c.status = 'open' AND a.name = 'Housing' COLLATE NOCASE AND c.next_due_on < '{}'",
                date(today)
            ),
        ),
        with_shell,
    ));

    let people = time(runs, || service.people("", 200).expect("people"));
    lines.push(against_sql(
        "People screen: the first 200 by name",
        "",
        people,
        db,
        &[PEOPLE_SQL.replace("{filter}", "")],
        with_shell,
    ));
    let found = time(runs, || service.people("smith", 200).expect("people"));
    lines.push(against_sql(
        "People screen: \"smith\" found in names, emails and phones",
        "",
        found,
        db,
        &[PEOPLE_SQL.replace(
            "{filter}",
            "AND (instr(p.name_key, 'smith') > 0 OR instr(p.email_key, 'smith') > 0)",
        )],
        with_shell,
    ));

    let reference = service
        .search(&CaseQuery {
            state: StateFilter::All,
            stage: Some(2),
            limit: Some(1),
            ..CaseQuery::default()
        })
        .expect("a case")
        .first()
        .map(|r| r.reference.clone())
        .expect("an escalated case");
    let shown = time(runs, || {
        let case = service.case(&reference).expect("case");
        let history = service.history(&reference).expect("history");
        (case, history)
    });
    lines.push(against_sql(
        "one case with its timeline",
        "",
        shown,
        db,
        &[
            format!("SELECT * FROM cases c JOIN people p ON p.id = c.person_id WHERE c.reference = '{reference}'"),
            format!("SELECT * FROM stages WHERE case_id = (SELECT id FROM cases WHERE reference = '{reference}')"),
            format!("SELECT * FROM actions WHERE case_id = (SELECT id FROM cases WHERE reference = '{reference}')"),
            format!("SELECT * FROM events WHERE case_id = (SELECT id FROM cases WHERE reference = '{reference}') ORDER BY seq"),
        ],
        with_shell,
    ));

    let year = Period::financial_year(2025).expect("year");
    let report = time(runs.min(11), || service.report(year).expect("report"));
    lines.push(against_sql(
        "a year's KPI report (2025/26)",
        "< 100 ms, ≤ 3× SQL",
        report,
        db,
        &report_sql(year),
        with_shell,
    ));
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    let all_time = Period::new(first, today).expect("period");
    let report_all = time(runs.min(7), || service.report(all_time).expect("report"));
    lines.push(against_sql(
        "the all-time report",
        "",
        report_all,
        db,
        &report_sql(all_time),
        with_shell,
    ));
    let committee = time(runs.min(7), || {
        service.report_pdf(year).expect("committee PDF")
    });
    lines.push(against_sql(
        "the committee PDF (2025/26)",
        "",
        committee,
        db,
        &[],
        false,
    ));

    // A letter: composed from the case and set as a PDF.
    let letters: Vec<String> = service
        .search(&CaseQuery {
            state: StateFilter::All,
            stage: Some(1),
            limit: Some(50),
            ..CaseQuery::default()
        })
        .expect("cases")
        .into_iter()
        .map(|r| r.reference)
        .collect();
    let mut next = letters.iter().cycle();
    let letter = time(runs * 2, || {
        let reference = next.next().expect("a case");
        service
            .letter_draft(
                reference,
                "stage1-acknowledgement",
                &LetterRequest::default(),
            )
            .expect("letter")
    });
    let (draft, _) = service
        .letter_draft(
            &letters[0],
            "stage1-acknowledgement",
            &LetterRequest::default(),
        )
        .expect("letter");
    let (floor, r) = if with_office {
        let paragraphs: Vec<String> = draft.composed.blocks.iter().map(|b| b.text()).collect();
        let floor = office::convert(scratch.path(), &office::docx(&paragraphs), 3);
        (
            format!("{} (LibreOffice)", ms(floor)),
            ratio(floor, letter.median).replace('×', "× faster"),
        )
    } else {
        ("-".to_owned(), "-".to_owned())
    };
    lines.push(Line {
        measure: "one PDF letter (stage 1 acknowledgement)",
        redress: format!("{} (p90 {})", ms(letter.median), ms(letter.p90)),
        target: "< 25 ms, ≥ 50× faster",
        floor,
        ratio: r,
    });

    let at = today.and_hms_opt(8, 0, 0).expect("time");
    let due = time(runs, || service.reminders_due(at, None).expect("reminders"));
    lines.push(against_sql(
        "reminders due at 08:00 (everyone's)",
        "",
        due,
        db,
        &[format!(
            "SELECT c.reference FROM cases c LEFT JOIN officers o ON o.id = c.officer_id
             WHERE c.next_due_on IS NOT NULL AND c.next_due_on <= '{}' ORDER BY c.next_due_on, c.reference",
            date(today + chrono::Duration::days(7))
        )],
        with_shell,
    ));

    // Export of every case, streamed; its memory is the rise at its peak.
    let (exported, rise) = measure::peak_rise_mib(|| {
        time(3, || {
            let mut csv = redress::transfer::CasesCsv::new(std::io::sink()).expect("csv");
            service
                .each_case(|case| {
                    csv.write(case)
                        .map_err(|e| redress_app::StoreError::Corrupt(e.to_string()))
                })
                .expect("export")
        })
    });
    let mut line = against_sql(
        "export every case as CSV",
        "≤ 1.5× sqlite3, < 50 MiB",
        exported,
        db,
        &[".mode csv".to_owned(), EXPORT_SQL.to_owned()],
        with_shell,
    );
    line.redress = format!("{} (memory +{rise:.0} MiB)", ms(exported.median));
    lines.push(line);

    let mut n = 0;
    let backup = time(3, || {
        n += 1;
        service
            .back_up_to(&scratch.path().join(format!("backup-{n}.db")))
            .expect("backup")
    });
    lines.push(against_sql(
        "a checked backup",
        "",
        backup,
        db,
        &[format!(
            ".backup {}",
            scratch.path().join("shell-backup.db").display()
        )],
        with_shell,
    ));
    let checked = time(1, || service.check().expect("check"));
    lines.push(against_sql(
        "full check (`redress check`: integrity, keys, audit chain)",
        "",
        checked,
        db,
        &[
            "PRAGMA integrity_check".to_owned(),
            "PRAGMA foreign_key_check".to_owned(),
        ],
        with_shell,
    ));
    let verified = time(3, || service.verify_audit().expect("audit"));
    lines.push(against_sql(
        "verify the audit chain",
        "",
        verified,
        db,
        &[],
        false,
    ));
    drop(service);
    lines.extend(sync_work::lines(
        db,
        scratch.path(),
        today,
        cases,
        runs.min(5),
    ));

    // Import of 10,000 rows into an empty database, and its dry run.
    let rows: usize = std::env::var("REDRESS_BENCH_IMPORT_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let csv = import_csv(rows);
    let csv_path = scratch.path().join("rows.csv");
    std::fs::write(&csv_path, &csv).expect("csv");
    let empty = scratch.path().join("empty.db");
    drop(
        Service::create(
            Some(&empty),
            Clock::Today(today),
            Some("Bench".to_owned()),
            true,
        )
        .expect("empty"),
    );
    let mapping = Mapping::default();
    let import = |dry_run: bool| {
        let target = scratch.path().join("import.db");
        std::fs::copy(&empty, &target).expect("copy");
        let mut service =
            Service::open(Some(&target), Clock::Today(today), Some("Bench".to_owned()))
                .expect("open");
        let file = ImportFile {
            bytes: csv.as_bytes(),
            name: "rows.csv",
            sheet: None,
            mapping: &mapping,
        };
        let started = Instant::now();
        service.import_cases(&file, dry_run, None).expect("import");
        started.elapsed()
    };
    let dry = Timing::of((0..3).map(|_| import(true)).collect());
    let real = Timing::of((0..3).map(|_| import(false)).collect());
    let (floor, r) = if with_shell {
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let target = scratch.path().join("shell-import.db");
                std::fs::copy(&empty, &target).expect("copy");
                shell::whole(&target, &shell_import_script(&csv_path))
            })
            .collect();
        times.sort();
        (
            format!("{} (set-based)", ms(times[1])),
            ratio(real.median, times[1]),
        )
    } else {
        ("-".to_owned(), "-".to_owned())
    };
    lines.push(Line {
        measure: "import 10,000 CSV rows into an empty database (REDRESS_BENCH_IMPORT_ROWS)",
        redress: ms(real.median),
        target: "< 1 s, ≤ 2× sqlite3",
        floor,
        ratio: r,
    });
    lines.push(Line {
        measure: "its dry run (everything checked, nothing written)",
        redress: ms(dry.median),
        target: "",
        floor: "-".to_owned(),
        ratio: "-".to_owned(),
    });

    println!("## {cases} cases\n");
    println!("| Measure | Redress | Target | Floor | Ratio |");
    println!("|---|---|---|---|---|");
    for line in &lines {
        println!(
            "| {} | {} | {} | {} | {} |",
            line.measure, line.redress, line.target, line.floor, line.ratio
        );
    }
    println!();
    if with_shell {
        if let Ok(out) = std::process::Command::new("sqlite3")
            .arg(db)
            .arg("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
            .output()
        {
            let parts: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split_once('|'))
                .map(|(name, bytes)| {
                    let bytes: f64 = bytes.trim().parse().unwrap_or(0.0);
                    format!("{name} {:.0} B", bytes / cases as f64)
                })
                .collect();
            println!(
                "Largest tables and indexes, per case: {}.\n",
                parts.join(", ")
            );
        }
    }
}
