//! The committee report and the annual report as PDFs, on the letters' PDF
//! layer (the same fonts, pages and document id): a title, the period, a
//! summary paragraph, tables (service areas down, quarters across, with the
//! change), bar charts in shades of grey with their values written on them,
//! and the definitions.

use super::assessment::Assessed;
use super::measures::{label, Definition, Figure, Figures, Report, StageMeasures};
use crate::letters::pdf::{pt_to_mm, Fill, Meta, Placed, Rule, Sheet, A4};
use crate::letters::{Press, Span};

const LEFT: f32 = 20.0;
const RIGHT: f32 = 20.0;
const TOP: f32 = 22.0;
const BOTTOM: f32 = 22.0;
const SIZE: f32 = 9.5;

/// Lays out a report page by page, top to bottom.
pub(crate) struct Writer<'a> {
    press: &'a Press,
    pages: Vec<Sheet>,
    y: f32,
    running_head: String,
}

fn span(text: &str, bold: bool) -> Span {
    Span {
        text: text.to_owned(),
        bold,
    }
}

/// `text` cut to fit `room` mm, with an ellipsis where it was cut.
fn fitted(press: &Press, text: &str, room: f32, size: f32, bold: bool) -> String {
    if press.width(text, bold, size) <= room {
        return text.to_owned();
    }
    let mut kept: String = text.to_owned();
    while !kept.is_empty() {
        kept.pop();
        let candidate = format!("{}…", kept.trim_end());
        if press.width(&candidate, bold, size) <= room {
            return candidate;
        }
    }
    "…".to_owned()
}

fn width() -> f32 {
    A4.0 - LEFT - RIGHT
}

impl<'a> Writer<'a> {
    pub(crate) fn new(press: &'a Press, running_head: String) -> Writer<'a> {
        Writer {
            press,
            pages: vec![Sheet::default()],
            y: TOP,
            running_head,
        }
    }

    fn page(&mut self) -> &mut Sheet {
        if self.pages.is_empty() {
            self.pages.push(Sheet::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page, unless this one is still empty.
    pub(crate) fn new_page(&mut self) {
        if !self.page().texts.is_empty() {
            self.pages.push(Sheet::default());
            self.y = TOP;
        }
    }

    /// How many pages so far.
    pub(crate) fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page unless `height` mm more fits on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > A4.1 - BOTTOM {
            self.pages.push(Sheet::default());
            self.y = TOP;
        }
    }

    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, grey: bool) {
        self.page().texts.push(Placed {
            x,
            y,
            size,
            runs: vec![span(text, bold)],
            grey,
        });
    }

    /// Wrapped text across the page's width.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, bold: bool, grey: bool) {
        let line_height = pt_to_mm(size * 1.4);
        let lines = self.press.wrap(&vec![span(text, bold)], width(), size);
        for line in lines {
            self.room(line_height);
            let y = self.y + line_height * 0.75;
            self.page().texts.push(Placed {
                x: LEFT,
                y,
                size,
                runs: line,
                grey,
            });
            self.y += line_height;
        }
        self.y += line_height * 0.4;
    }

    pub(crate) fn heading(&mut self, text: &str) {
        // A heading keeps some of what follows with it.
        self.room(30.0);
        self.y += 3.0;
        self.paragraph(text, 12.5, true, false);
    }

    pub(crate) fn title(&mut self, title: &str, lines: &[String]) {
        self.paragraph(title, 17.0, true, false);
        for line in lines {
            self.paragraph(line, 10.0, false, true);
        }
        self.y += 2.0;
    }

    /// A table: the first column left-aligned, the rest right-aligned
    /// numbers; `widths` in mm; the header row bold, a rule under it.
    pub(crate) fn table(
        &mut self,
        caption: &str,
        header: &[String],
        rows: &[Vec<String>],
        widths: &[f32],
    ) {
        let row_height = pt_to_mm(SIZE * 1.55);
        self.room(row_height * (rows.len().min(4) as f32 + 3.0));
        self.paragraph(caption, 10.0, true, false);
        let draw_header = |w: &mut Writer<'_>| {
            w.draw_row(header, widths, row_height, true);
            let y = w.y;
            w.page().rules.push(Rule {
                from: (LEFT, y),
                to: (LEFT + widths.iter().sum::<f32>(), y),
                thickness: 0.8,
            });
        };
        draw_header(self);
        for row in rows {
            if self.y + row_height > A4.1 - BOTTOM {
                self.room(row_height * 2.0);
                draw_header(self);
            }
            let bold = row.first().is_some_and(|c| c == super::tidy::ALL_AREAS);
            self.draw_row(row, widths, row_height, bold);
            let y = self.y;
            self.page().rules.push(Rule {
                from: (LEFT, y),
                to: (LEFT + widths.iter().sum::<f32>(), y),
                thickness: 0.25,
            });
        }
        self.y += 4.0;
    }

    fn draw_row(&mut self, cells: &[String], widths: &[f32], height: f32, bold: bool) {
        let mut x = LEFT;
        let baseline = self.y + height * 0.72;
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 0 {
                // Long names are cut to the column, with an ellipsis.
                let text = fitted(self.press, cell, w - 2.0, SIZE, bold);
                self.text(x, baseline, &text, SIZE, bold, false);
            } else {
                let tw = self.press.width(cell, bold, SIZE);
                self.text(x + w - tw - 1.0, baseline, cell, SIZE, bold, false);
            }
            x += w;
        }
        self.y += height;
    }

    /// A horizontal bar chart: one bar per label, its value written beside
    /// it; `max` is the scale's end (100 for percentages).
    fn bars(&mut self, caption: &str, bars: &[(String, Option<f64>, f32)], max: f64, unit: &str) {
        let bar_height = 5.0;
        let gap = 2.2;
        let label_width = 55.0;
        let area = width() - label_width - 18.0;
        self.room((bar_height + gap) * bars.len().min(6) as f32 + 12.0);
        self.paragraph(caption, 10.0, true, false);
        for (name, value, shade) in bars {
            self.room(bar_height + gap);
            let top = self.y;
            let text = fitted(self.press, name, label_width - 2.0, 8.5, false);
            self.text(LEFT, top + bar_height * 0.8, &text, 8.5, false, false);
            let x = LEFT + label_width;
            let length = match value {
                Some(v) if max > 0.0 => (v / max).clamp(0.0, 1.0) as f32 * area,
                _ => 0.0,
            };
            if length > 0.0 {
                self.page().fills.push(Fill {
                    x,
                    y: top,
                    width: length,
                    height: bar_height,
                    shade: *shade,
                });
            }
            let written = value.map_or_else(
                || "none".to_owned(),
                |v| {
                    if unit == "%" {
                        format!("{v:.1}%")
                    } else {
                        format!("{v:.0}")
                    }
                },
            );
            self.text(
                x + length + 1.5,
                top + bar_height * 0.8,
                &written,
                8.5,
                false,
                false,
            );
            self.y += bar_height + gap;
        }
        // The scale's baseline.
        let y = self.y;
        self.page().rules.push(Rule {
            from: (
                LEFT + label_width,
                y - gap - bar_height * bars.len() as f32 - gap * (bars.len() as f32 - 1.0),
            ),
            to: (LEFT + label_width, y - gap),
            thickness: 0.5,
        });
        self.y += 4.0;
    }

    fn definitions(&mut self, definitions: &[Definition]) {
        self.heading("What these figures mean");
        for d in definitions {
            self.paragraph(&format!("{}: {}", d.label, d.definition), 8.5, false, false);
        }
    }

    /// The title, the council, the period and the summary.
    fn opening(
        &mut self,
        title: &str,
        council: &str,
        report: &Report,
        printed_on: chrono::NaiveDate,
    ) {
        self.title(
            title,
            &[
                council.to_owned(),
                format!(
                    "{} to {} · produced {}",
                    crate::dates::short(report.figures.from),
                    crate::dates::short(report.figures.to),
                    crate::dates::short(printed_on)
                ),
            ],
        );
        self.heading("Summary");
        self.paragraph(&summary(report), 10.0, false, false);
    }

    /// Numbers the pages and writes the PDF.
    pub(crate) fn finish(
        self,
        title: &str,
        council: &str,
        printed_on: chrono::NaiveDate,
    ) -> Vec<u8> {
        let count = self.pages.len();
        self.finish_of(title, council, printed_on, count)
    }

    /// Numbers the pages as the first of `count` (pages enclosed after
    /// them make up the rest) and writes the PDF.
    pub(crate) fn finish_of(
        mut self,
        title: &str,
        council: &str,
        printed_on: chrono::NaiveDate,
        count: usize,
    ) -> Vec<u8> {
        let head = self.running_head.clone();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let footer = format!("{head} · Page {} of {count}", i + 1);
            let w = self.press.width(&footer, false, 8.0);
            page.texts.push(Placed {
                x: (A4.0 - w) / 2.0,
                y: A4.1 - 10.0,
                size: 8.0,
                runs: vec![span(&footer, false)],
                grey: true,
            });
        }
        let meta = Meta {
            title,
            author: council,
            date: printed_on,
        };
        self.press.render(&meta, self.pages, None)
    }
}

fn number(value: u32) -> String {
    value.to_string()
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}%"))
}

fn days(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

fn change(now: f64, before: f64, unit: &str) -> String {
    let delta = now - before;
    let text = if unit == "%" {
        format!("{:+.1}", delta)
    } else {
        format!("{:+.0}", delta)
    };
    if text
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0')
        .trim_start_matches('.')
        .trim_start_matches('0')
        .is_empty()
    {
        "0".to_owned()
    } else {
        text
    }
}

fn opt_change(now: Option<f64>, before: Option<f64>) -> String {
    match (now, before) {
        (Some(a), Some(b)) => change(a, b, "%"),
        _ => "–".to_owned(),
    }
}

/// The rows of a stage's measures: this period, the one before, the change,
/// and last year.
fn stage_rows(
    definitions: &[Definition],
    now: &StageMeasures,
    before: &StageMeasures,
    year: &StageMeasures,
) -> Vec<Vec<String>> {
    let show = |figure: Figure| match figure {
        Figure::Count(n) => number(n),
        Figure::Percent(p) => pct(p),
        Figure::Days(d) => days(d),
    };
    now.figures()
        .into_iter()
        .zip(before.figures())
        .zip(year.figures())
        .map(|(((key, now), (_, before)), (_, year))| {
            let delta = match (now, before) {
                (Figure::Count(a), Figure::Count(b)) => change(f64::from(a), f64::from(b), ""),
                (Figure::Percent(a), Figure::Percent(b)) | (Figure::Days(a), Figure::Days(b)) => {
                    opt_change(a, b)
                }
                _ => "–".to_owned(),
            };
            vec![
                label(definitions, key).to_owned(),
                show(now),
                show(before),
                delta,
                show(year),
            ]
        })
        .collect()
}

/// The sentence that opens the report.
pub fn summary(report: &Report) -> String {
    let f = &report.figures;
    let s1 = f.overall.stage(1);
    let s2 = f.overall.stage(2);
    let before = report.previous_period.overall.stage(1);
    let trend = match s1.received.cmp(&before.received) {
        std::cmp::Ordering::Greater => format!("up {} on", s1.received - before.received),
        std::cmp::Ordering::Less => format!("down {} on", before.received - s1.received),
        std::cmp::Ordering::Equal => "the same as".to_owned(),
    };
    // The outcomes in the council's words where it has them.
    let word = |key: &str| label(&report.definitions, key).to_lowercase();
    let within = |m: &StageMeasures| {
        m.pct_responded_within_timescale.map_or_else(
            || "none was due".to_owned(),
            |p| format!("{p:.1}% within timescale"),
        )
    };
    format!(
        "In {} the council received {} stage 1 complaints ({} {}) and {} stage 2 requests. It sent {} stage 1 responses ({}) and {} stage 2 responses ({}). Of the stage 1 responses, {} were {}, {} {} and {} {}. {} service requests and {} excluded matters were recorded apart from complaints.",
        f.label,
        s1.received,
        trend,
        report.previous_period.label,
        s2.received,
        s1.responded,
        within(&s1),
        s2.responded,
        within(&s2),
        s1.upheld,
        word("upheld"),
        s1.partly_upheld,
        word("partly_upheld"),
        s1.not_upheld,
        word("not_upheld"),
        report.service_requests,
        report.excluded,
    )
}

fn stage_numbers(report: &Report) -> std::ops::RangeInclusive<usize> {
    1..=report.figures.overall.0.len()
}

/// A period's label, with its dates when the label is not already them.
fn span_of(f: &Figures) -> String {
    let dates = format!(
        "{} to {}",
        crate::dates::short(f.from),
        crate::dates::short(f.to)
    );
    if f.label == dates {
        dates
    } else {
        format!("{} ({dates})", f.label)
    }
}

fn overall_tables(w: &mut Writer<'_>, report: &Report) {
    let header = vec![
        "Measure".to_owned(),
        "This period".to_owned(),
        "Previous".to_owned(),
        "+/-".to_owned(),
        "Last year".to_owned(),
    ];
    w.paragraph(
        &format!(
            "This period: {}. Previous: {}. Last year: {}.",
            span_of(&report.figures),
            span_of(&report.previous_period),
            span_of(&report.same_period_last_year)
        ),
        8.5,
        false,
        true,
    );
    for n in stage_numbers(report) {
        let rows = stage_rows(
            &report.definitions,
            &report.figures.overall.stage(n),
            &report.previous_period.overall.stage(n),
            &report.same_period_last_year.overall.stage(n),
        );
        w.table(
            &format!("Stage {n}: all service areas"),
            &header,
            &rows,
            &[76.0, 24.0, 24.0, 16.0, 30.0],
        );
        if let Some(Some(mean)) = report.mean_of_service_area_pct.get(&format!("stage{n}")) {
            w.paragraph(
                &format!(
                    "Average of the service areas' percentages (not the overall rate): {mean:.1}%. The overall rate above counts every response once."
                ),
                8.5,
                false,
                true,
            );
        }
    }
}

fn area_table(w: &mut Writer<'_>, report: &Report, n: usize) {
    let header: Vec<String> = [
        "Service area",
        "Received",
        "Responded",
        "Within",
        "%",
        // Redress's short words: the council's longer ones do not fit these
        // columns (the tables above and the definitions give them).
        "Upheld",
        "Partly",
        "Not",
        "Escalated",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let row = |name: &str, m: &StageMeasures| {
        vec![
            name.to_owned(),
            number(m.received),
            number(m.responded),
            number(m.responded_within_timescale),
            pct(m.pct_responded_within_timescale),
            number(m.upheld),
            number(m.partly_upheld),
            number(m.not_upheld),
            number(m.escalated),
        ]
    };
    let mut rows: Vec<Vec<String>> = report
        .figures
        .service_areas
        .iter()
        .map(|a| row(&a.name, &a.stages.stage(n)))
        .collect();
    rows.push(row(
        super::tidy::ALL_AREAS,
        &report.figures.overall.stage(n),
    ));
    w.table(
        &format!("Stage {n} by service area, {}", report.figures.label),
        &header,
        &rows,
        &[40.0, 17.0, 20.0, 15.0, 16.0, 15.0, 15.0, 14.0, 18.0],
    );
}

/// Service areas down, quarters across, and the change on the quarter
/// before the last.
fn quarter_table(
    w: &mut Writer<'_>,
    caption: &str,
    quarters: &[Figures],
    value: fn(&StageMeasures) -> Option<f64>,
    percent: bool,
) {
    let Some(last) = quarters.last() else { return };
    let before = quarters.len().checked_sub(2).and_then(|i| quarters.get(i));
    let mut header = vec!["Service area".to_owned()];
    header.extend(
        quarters
            .iter()
            .map(|q| q.label.split(' ').next().unwrap_or("").to_owned()),
    );
    let last_name = last.label.split(' ').next().unwrap_or("");
    let before_name = before.map_or("", |b| b.label.split(' ').next().unwrap_or(""));
    header.push(format!("{before_name} – {last_name} +/-"));
    let show = |v: Option<f64>| {
        if percent {
            v.map_or_else(|| "–".to_owned(), |p| format!("{p:.0}%"))
        } else {
            v.map_or_else(|| "0".to_owned(), |n| format!("{n:.0}"))
        }
    };
    let mut names: Vec<String> = last.service_areas.iter().map(|a| a.name.clone()).collect();
    names.push(super::tidy::ALL_AREAS.to_owned());
    let find = |q: &Figures, name: &str| -> StageMeasures {
        if name == super::tidy::ALL_AREAS {
            return q.overall.stage(1);
        }
        q.service_areas
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.stages.stage(1))
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = names
        .iter()
        .map(|name| {
            let mut row = vec![name.clone()];
            row.extend(quarters.iter().map(|q| show(value(&find(q, name)))));
            let delta = match (
                value(&find(last, name)),
                before.map(|b| value(&find(b, name))),
            ) {
                (Some(a), Some(Some(b))) => change(a, b, if percent { "%" } else { "" }),
                (Some(a), Some(None)) if !percent => change(a, 0.0, ""),
                _ => "–".to_owned(),
            };
            row.push(delta);
            row
        })
        .collect();
    let mut widths = vec![60.0];
    widths.extend(quarters.iter().map(|_| 18.0));
    widths.push(28.0);
    w.table(caption, &header, &rows, &widths);
}

fn charts(w: &mut Writer<'_>, report: &Report, quarters: &[Figures]) {
    let mut bars = Vec::new();
    for q in quarters {
        for n in [1, 2] {
            bars.push((
                format!("{} stage {n}", q.label),
                q.overall.stage(n).pct_responded_within_timescale,
                if n == 1 { 0.25 } else { 0.6 },
            ));
        }
    }
    w.bars(
        "Responses within timescale, by quarter (dark: stage 1, light: stage 2)",
        &bars,
        100.0,
        "%",
    );
    let received: Vec<(String, Option<f64>, f32)> = report
        .figures
        .service_areas
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                Some(f64::from(a.stages.stage(1).received)),
                0.35,
            )
        })
        .collect();
    let most = received.iter().filter_map(|b| b.1).fold(0.0, f64::max);
    w.bars(
        &format!(
            "Stage 1 complaints received by service area, {}",
            report.figures.label
        ),
        &received,
        most.max(1.0),
        "",
    );
    let mut outcomes = Vec::new();
    for n in [1, 2] {
        let m = report.figures.overall.stage(n);
        for (key, value, shade) in [
            ("upheld", m.upheld, 0.15),
            ("partly_upheld", m.partly_upheld, 0.45),
            ("not_upheld", m.not_upheld, 0.75),
        ] {
            let name = label(&report.definitions, key).to_lowercase();
            outcomes.push((format!("Stage {n} {name}"), Some(f64::from(value)), shade));
        }
    }
    let most = outcomes.iter().filter_map(|b| b.1).fold(0.0, f64::max);
    w.bars(
        &format!("Outcomes of responses, {}", report.figures.label),
        &outcomes,
        most.max(1.0),
        "",
    );
}

fn beyond(w: &mut Writer<'_>, report: &Report) {
    w.heading("Beyond the stages");
    let counts = |items: &[super::measures::Count]| -> Vec<Vec<String>> {
        items
            .iter()
            .map(|c| vec![c.name.clone(), c.count.to_string()])
            .collect()
    };
    let months: Vec<Vec<String>> = report
        .received_by_month
        .iter()
        .map(|m| {
            let month = chrono::NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
                .map_or_else(|_| m.month.clone(), |d| d.format("%B %Y").to_string());
            let mut row = vec![month];
            row.extend(m.received.values().map(|v| v.to_string()));
            row
        })
        .collect();
    let mut header = vec!["Month".to_owned()];
    header.extend(stage_numbers(report).map(|n| format!("Stage {n}")));
    let mut widths = vec![40.0];
    widths.extend(stage_numbers(report).map(|_| 22.0));
    w.table("Received by month", &header, &months, &widths);
    w.table(
        "Stage 1 received by category",
        &["Category".to_owned(), "Received".to_owned()],
        &counts(&report.received_by_category),
        &[80.0, 25.0],
    );
    w.table(
        "Stage 1 received by channel",
        &["Channel".to_owned(), "Received".to_owned()],
        &counts(&report.received_by_channel),
        &[80.0, 25.0],
    );
    w.paragraph(
        &format!(
            "Service requests recorded: {}. Matters excluded from the procedure: {}. Stage 2 responses that upheld a complaint not upheld at stage 1: {} of {} ({}). Ombudsman: {} referrals, {} decisions, {} remedies complied with. Actions overdue at {}: {}.",
            report.service_requests,
            report.excluded,
            report.overturned.overturned,
            report.overturned.stage2_responded,
            pct(report.overturned.pct),
            report.ombudsman.referrals,
            report.ombudsman.decided,
            report.ombudsman.complied,
            crate::dates::short(report.actions_as_at),
            report.actions_overdue,
        ),
        SIZE,
        false,
        false,
    );
    if !report.ombudsman.decisions.is_empty() {
        w.table(
            "Ombudsman decisions",
            &["Decision".to_owned(), "Number".to_owned()],
            &counts(&report.ombudsman.decisions),
            &[120.0, 25.0],
        );
    }
    w.heading("Learning and service improvements");
    if report.learning.is_empty() {
        w.paragraph(
            "No learning or service improvements were recorded in responses in this period.",
            SIZE,
            false,
            true,
        );
    }
    for l in &report.learning {
        let mut text = format!("{} ({}, stage {}): ", l.reference, l.service_area, l.stage);
        if !l.learning.is_empty() {
            text.push_str(&format!("learned: {}. ", l.learning.trim_end_matches('.')));
        }
        if !l.improvements.is_empty() {
            text.push_str(&format!(
                "Improvement: {}.",
                l.improvements.trim_end_matches('.')
            ));
        }
        w.paragraph(text.trim_end(), SIZE, false, false);
    }
}

/// The committee report on a period. `quarters` are the quarters charted
/// (those of the period, or the year up to it).
pub fn committee_pdf(
    press: &Press,
    council: &str,
    report: &Report,
    quarters: &[Figures],
    printed_on: chrono::NaiveDate,
) -> Vec<u8> {
    let title = format!("Complaints performance report: {}", report.figures.label);
    let mut w = Writer::new(press, format!("{council} · {title}"));
    w.opening(&title, council, report, printed_on);
    overall_tables(&mut w, report);
    for n in stage_numbers(report) {
        area_table(&mut w, report, n);
    }
    w.heading("Charts");
    charts(&mut w, report, quarters);
    beyond(&mut w, report);
    w.definitions(&report.definitions);
    w.finish(&title, council, printed_on)
}

/// The annual complaints performance and service improvement report, with
/// the quarters side by side and the Code self-assessment. `quarters` is
/// the quarter before Q1, then Q1 to Q4.
pub fn annual_pdf(
    press: &Press,
    council: &str,
    report: &Report,
    quarters: &[Figures],
    assessment: &[Assessed],
    printed_on: chrono::NaiveDate,
) -> Vec<u8> {
    let title = format!(
        "Annual complaints performance and service improvement report {}",
        report.figures.label
    );
    let mut w = Writer::new(
        press,
        format!(
            "{council} · Annual complaints report {}",
            report.figures.label
        ),
    );
    w.opening(&title, council, report, printed_on);
    // The quarters that have begun: a report part way through the year
    // compares its latest quarter with the one before.
    let started: Vec<Figures> = quarters
        .get(1..)
        .unwrap_or(quarters)
        .iter()
        .filter(|q| q.from <= printed_on)
        .cloned()
        .collect();
    let year = started.as_slice();
    w.heading("The year by quarter");
    quarter_table(
        &mut w,
        "Table 1: stage 1 complaints received by service area",
        year,
        |m| Some(f64::from(m.received)),
        false,
    );
    quarter_table(
        &mut w,
        "Table 2: % of stage 1 complaints responded to within timescale",
        year,
        |m| m.pct_responded_within_timescale,
        true,
    );
    overall_tables(&mut w, report);
    for n in stage_numbers(report) {
        area_table(&mut w, report, n);
    }
    w.heading("Charts");
    charts(&mut w, report, year);
    beyond(&mut w, report);
    w.heading("Self-assessment against the Complaint Handling Code");
    let rows: Vec<Vec<String>> = assessment
        .iter()
        .map(|a| {
            let said = match (&a.evidence, a.response.trim()) {
                (Some(e), "") => e.clone(),
                (Some(e), r) => format!("{e}. {r}"),
                (None, "") => "To be completed by the council.".to_owned(),
                (None, r) => r.to_owned(),
            };
            vec![a.requirement.to_owned(), said]
        })
        .collect();
    for row in rows {
        w.paragraph(&row[0], SIZE, true, false);
        w.paragraph(&row[1], SIZE, false, false);
    }
    w.definitions(&report.definitions);
    w.finish(&title, council, printed_on)
}
