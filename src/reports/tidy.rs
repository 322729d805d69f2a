//! The report as one tidy table, a row per figure: period, service area,
//! stage, measure, value. Written as CSV with a byte-order mark, so that
//! Excel opens it as UTF-8 (names with accents, "£").

use std::io::Write;

use super::measures::{Figure, Figures, Report, StageMeasures};

/// The table's header.
pub const HEADER: [&str; 5] = ["period", "service_area", "stage", "measure", "value"];

/// What every service area together is called in the table.
pub const ALL_AREAS: &str = "All service areas";

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.1}")).unwrap_or_default()
}

fn stage_rows(period: &str, area: &str, stage: usize, m: &StageMeasures) -> Vec<[String; 5]> {
    m.figures()
        .into_iter()
        .map(|(measure, figure)| {
            let value = match figure {
                Figure::Count(n) => n.to_string(),
                Figure::Percent(v) | Figure::Days(v) => number(v),
            };
            [
                period.to_owned(),
                area.to_owned(),
                format!("stage{stage}"),
                measure.to_owned(),
                value,
            ]
        })
        .collect()
}

fn figure_rows(figures: &Figures) -> Vec<[String; 5]> {
    let period = format!("{} to {}", figures.from, figures.to);
    let mut rows = Vec::new();
    for (i, m) in figures.overall.0.iter().enumerate() {
        rows.extend(stage_rows(&period, ALL_AREAS, i + 1, m));
    }
    for area in &figures.service_areas {
        for (i, m) in area.stages.0.iter().enumerate() {
            rows.extend(stage_rows(&period, &area.name, i + 1, m));
        }
    }
    rows
}

/// Every row of the report: the period's figures, then the figures beyond
/// the stages, then the previous period's and last year's for comparison.
pub fn rows(report: &Report) -> Vec<[String; 5]> {
    let f = &report.figures;
    let period = format!("{} to {}", f.from, f.to);
    let mut rows = figure_rows(f);
    let whole = |stage: &str, measure: String, value: String| {
        [
            period.clone(),
            ALL_AREAS.to_owned(),
            stage.to_owned(),
            measure,
            value,
        ]
    };
    for (stage, pct) in &report.mean_of_service_area_pct {
        rows.push(whole(
            stage,
            "mean_of_service_area_pct".to_owned(),
            number(*pct),
        ));
    }
    for month in &report.received_by_month {
        for (stage, count) in &month.received {
            rows.push(whole(
                stage,
                format!("received_in_month:{}", month.month),
                count.to_string(),
            ));
        }
    }
    for c in &report.received_by_category {
        rows.push(whole(
            "stage1",
            format!("received_by_category:{}", c.name),
            c.count.to_string(),
        ));
    }
    for c in &report.received_by_channel {
        rows.push(whole(
            "stage1",
            format!("received_by_channel:{}", c.name),
            c.count.to_string(),
        ));
    }
    rows.push(whole(
        "",
        "service_requests".to_owned(),
        report.service_requests.to_string(),
    ));
    rows.push(whole(
        "",
        "excluded".to_owned(),
        report.excluded.to_string(),
    ));
    rows.push(whole(
        "stage2",
        "overturned".to_owned(),
        report.overturned.overturned.to_string(),
    ));
    rows.push(whole(
        "stage2",
        "pct_overturned".to_owned(),
        number(report.overturned.pct),
    ));
    rows.push(whole(
        "",
        "ombudsman_referrals".to_owned(),
        report.ombudsman.referrals.to_string(),
    ));
    rows.push(whole(
        "",
        "ombudsman_decisions".to_owned(),
        report.ombudsman.decided.to_string(),
    ));
    rows.push(whole(
        "",
        "actions_overdue".to_owned(),
        report.actions_overdue.to_string(),
    ));
    rows.push(whole(
        "",
        "learning_recorded".to_owned(),
        report.learning.len().to_string(),
    ));
    rows.extend(figure_rows(&report.previous_period));
    rows.extend(figure_rows(&report.same_period_last_year));
    rows
}

/// Writes the table as CSV for Excel.
pub fn write_csv(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for row in rows(report) {
        writer.write_record(&row)?;
    }
    writer.flush()
}
