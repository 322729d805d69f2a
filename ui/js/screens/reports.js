// The Reports screen: complaint performance for a financial year, a quarter or other dates (headline tables, quarter-by-quarter tables by service area, SVG charts, the figures beyond the stages, learning), saved as PDF or CSV, and the year's Complaint Handling Code self-assessment.

import { call } from '../api.js';
import { statusRunner } from '../busy.js';
import { h, append, hiddenText, icon, caseHref, tableWrap, screenHeading } from '../dom.js';
import {
  selectField, textArea, dateField, buttonGroup, errorSummary, clearErrors, showErrors, showApiError, errorsOf, locateField,
  guard, markClean, isDirty, markAllClean, confirmDialog,
} from '../forms.js';

const DATES_HINT = 'For example 1/4/2026';

const PERIODS = [
  { value: 'year', label: 'Whole year' },
  { value: 'q1', label: 'Q1 (April to June)' },
  { value: 'q2', label: 'Q2 (July to September)' },
  { value: 'q3', label: 'Q3 (October to December)' },
  { value: 'q4', label: 'Q4 (January to March)' },
  { value: 'other', label: 'Other dates' },
];

/** Each quarter's months, as the quarter tables' headers show them. */
const QUARTER_MONTHS = ['Apr to Jun', 'Jul to Sep', 'Oct to Dec', 'Jan to Mar'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The stage measures as the core's tables list them, and how each is written: `[[key, kind]]`, asked of the shell when the screen opens. */
let MEASURES = [];

const OUTCOMES = [
  ['upheld', 'Upheld'],
  ['partly_upheld', 'Partly upheld'],
  ['not_upheld', 'Not upheld'],
];

// The last period shown, kept while the app runs so that coming back to Reports shows it again.
let lastChoice = null;

/* ---------- Dates and periods ---------- */

// The financial years and their quarters, as the core defines them (financial_years()).
let YEARS = new Map();
// The year today is in: the one a report on other dates outside the years on offer belongs to.
let currentYearShown = null;

/** "2026/27": the financial year starting in April of `year`. */
function yearLabel(year) {
  return YEARS.get(Number(year))?.label ?? String(year);
}

/** The financial year (its first year) that an ISO date falls in, if it is one on offer. */
function financialYearOf(iso) {
  const found = [...YEARS.values()].find((y) => y.from <= iso && iso <= y.to);
  return found ? found.year : null;
}

/** The whole financial year's dates. */
function yearDates(year) {
  const y = YEARS.get(Number(year));
  return y ? { from: y.from, to: y.to } : { from: '', to: '' };
}

/** Quarter `n` (1 to 4) of the financial year. */
function quarterDates(year, n) {
  const q = YEARS.get(Number(year))?.quarters?.[n - 1];
  return q ? { from: q.from, to: q.to } : { from: '', to: '' };
}

/** The dates a choice on the period form stands for: ISO for a year or quarter, the typed text for other dates. */
function choiceDates(choice) {
  if (choice.period === 'year') return yearDates(choice.year);
  const quarter = /^q([1-4])$/.exec(choice.period);
  if (quarter) return quarterDates(choice.year, Number(quarter[1]));
  return { from: String(choice.from ?? '').trim(), to: String(choice.to ?? '').trim() };
}

/** What a report's dates are: a whole financial year, one of its quarters, or other dates (in the year `from` is in). */
function periodShape(from, to) {
  const year = financialYearOf(from) ?? currentYearShown;
  const whole = yearDates(year);
  if (whole.from === from && whole.to === to) return { year, quarter: null, whole: true };
  for (let n = 1; n <= 4; n += 1) {
    const q = quarterDates(year, n);
    if (q.from === from && q.to === to) return { year, quarter: n, whole: false };
  }
  return { year, quarter: null, whole: false };
}

/** An ISO date as the screens show dates: "1 Apr 2026". */
function dateText(iso) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  if (!parts) return String(iso ?? '');
  return `${Number(parts[3])} ${MONTHS[Number(parts[2]) - 1].slice(0, 3)} ${parts[1]}`;
}

/** An ISO date as a date field takes it: "1/4/2026". */
function fieldDate(iso) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  return parts ? `${Number(parts[3])}/${Number(parts[2])}/${parts[1]}` : '';
}

/** "2026-04" → "April 2026". */
function monthText(month) {
  const parts = /^(\d{4})-(\d{2})$/.exec(String(month ?? ''));
  return parts ? `${MONTHS[Number(parts[2]) - 1]} ${parts[1]}` : String(month ?? '');
}

/* ---------- Numbers ---------- */

const count = (n) => Number(n ?? 0).toLocaleString('en-GB');

function plural(n, one, many) {
  return `${count(n)} ${Number(n) === 1 ? one : many}`;
}

/** A dash for a figure there is none of, with the reason for screen readers. */
function blank(why) {
  return h('span', { class: 'report-blank' }, h('span', { 'aria-hidden': 'true' }, '–'), hiddenText(why));
}

const isNumber = (v) => v !== null && v !== undefined && Number.isFinite(Number(v));

/** A figure as a table shows it: a count, a percentage ("85.3%", "–" when no responses) or a mean of days. */
function figure(value, kind) {
  if (kind === 'count') return count(value);
  if (!isNumber(value)) return blank(kind === 'pct' ? 'no responses' : 'none');
  return kind === 'pct' ? `${Number(value).toFixed(1)}%` : Number(value).toFixed(1);
}

/** The change from `before` to `now`: "+3", "−2", "0"; percentages in points. */
function change(now, before, kind, { points = false } = {}) {
  if (!isNumber(now) || !isNumber(before)) return blank('no comparison');
  const exact = kind === 'count';
  const diff = exact ? Number(now) - Number(before) : Math.round((Number(now) - Number(before)) * 10) / 10;
  const size = exact ? Math.abs(diff).toLocaleString('en-GB') : Math.abs(diff).toFixed(1);
  const text = diff > 0 ? `+${size}` : diff < 0 ? `−${size}` : (exact ? '0' : '0.0');
  if (kind !== 'pct') return text;
  return points ? `${text} points` : [text, hiddenText(' percentage points')];
}

/* ---------- Small builders used only here ---------- */

/** The stages a StageSet has, as numbers: [1, 2] (stage3 too when the policy has one). */
function stagesOf(stageSet) {
  const numbers = Object.keys(stageSet ?? {})
    .map((key) => /^stage(\d+)$/.exec(key))
    .filter(Boolean)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  return numbers.length ? numbers : [1, 2];
}

const stageOf = (set, n) => set?.[`stage${n}`] ?? {};

function summaryRow(label, value, attrs = {}) {
  return h('div', { class: 'summary-list__row', dataset: attrs.dataset },
    h('dt', { class: 'summary-list__key' }, label),
    h('dd', { class: 'summary-list__value', id: attrs.id }, value));
}

/** A heading that the page's contents links can move focus to. */
function sectionHeading(id, ...content) {
  return h('h2', { id, tabindex: '-1', class: 'report-section__title' }, ...content);
}

/** An in-page link that moves focus to a heading, leaving the route in the address as it is. */
function jumpLink(targetId, text) {
  return h('a', {
    href: `#${targetId}`, class: 'link',
    onClick: (event) => {
      event.preventDefault();
      const target = document.getElementById(targetId);
      if (!target) return;
      target.focus({ preventScroll: true });
      target.scrollIntoView?.({ block: 'start' });
    },
  }, text);
}

/** A plain table: a caption, column headers, and rows whose first cell is the row header. */
function simpleTable({ id, caption, columns, rows, numeric = [] }) {
  const isNumeric = (index) => numeric.includes(index);
  return h('table', { class: 'table table--report', id },
    h('caption', { class: 'table__caption' }, caption),
    h('thead', {}, h('tr', {}, columns.map((label, index) => h('th', { scope: 'col', class: isNumeric(index) ? 'num' : null }, label)))),
    h('tbody', {}, rows.map((cells) => h('tr', {},
      cells.map((cell, index) => (index === 0
        ? h('th', { scope: 'row' }, cell)
        : h('td', { class: isNumeric(index) ? 'num' : null }, cell)))))));
}

/* ---------- Charts (inline SVG, readable in greyscale) ---------- */

const SVG_NS = 'http://www.w3.org/2000/svg';
const INK = '#0b0c0c';
const GRID = '#b1b4b6';
const CHAR_WIDTH = 7.8; // a 13px character, roughly, for laying out labels

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(key, String(value));
  }
  return append(el, children);
}

/** The fills that tell the series apart without colour: solid black, black hatching, light grey. */
function seriesFill(chartId, index) {
  return [INK, `url(#${chartId}-hatch)`, GRID][index % 3];
}

function chartDefs(chartId) {
  return svg('defs', {},
    svg('pattern', { id: `${chartId}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, fill: '#fff' }),
      svg('rect', { width: 2.5, height: 6, fill: INK })));
}

/** Round numbers for an axis from 0 to at least `max`: [0, step, ..., top]. */
function axisTicks(max) {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

function chartSvg({ id, width, height, summary }, ...children) {
  return svg('svg', {
    class: 'chart__svg', id: `${id}-svg`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, focusable: 'false',
  }, svg('title', {}, summary), chartDefs(id), ...children);
}

function legend(chartId, names, y) {
  let x = 52;
  return names.map((name, index) => {
    const item = svg('g', {},
      svg('rect', { x, y: y - 11, width: 14, height: 14, fill: seriesFill(chartId, index), stroke: INK, 'stroke-width': 1 }),
      svg('text', { x: x + 20, y, class: 'chart__legend' }, name));
    x += 20 + name.length * CHAR_WIDTH + 24;
    return item;
  });
}

/**
 * Vertical bars in groups (one bar per series in each group) on a 0-to-max axis, each bar labelled
 * with its value. `series` is [{name, values}] with a value (or null) per group.
 */
function groupedBars({ id, groups, series, max, unit = '', summary, format }) {
  const width = 560;
  const height = 300;
  const left = 52;
  const right = width - 8;
  const top = 40;
  const bottom = height - 44;
  const plotHeight = bottom - top;
  const ticks = max === 100 ? [0, 25, 50, 75, 100] : axisTicks(max);
  const topValue = ticks[ticks.length - 1] || 1;
  const y = (v) => bottom - (Number(v) / topValue) * plotHeight;
  const groupWidth = (right - left) / Math.max(groups.length, 1);
  const inner = groupWidth * 0.84;
  const barWidth = inner / Math.max(series.length, 1);

  const axis = ticks.map((t) => svg('g', {},
    svg('line', { x1: left, x2: right, y1: y(t), y2: y(t), stroke: t === 0 ? INK : GRID, 'stroke-width': t === 0 ? 1.5 : 1 }),
    svg('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'chart__tick' }, `${count(t)}${unit}`)));

  const bars = groups.flatMap((group, gi) => series.map((s, si) => {
    const value = s.values[gi];
    const x = left + gi * groupWidth + (groupWidth - inner) / 2 + si * barWidth;
    const has = isNumber(value);
    const barTop = has ? y(Math.max(0, Number(value))) : bottom;
    return svg('g', {},
      has && Number(value) > 0
        ? svg('rect', { x: x + 1, y: barTop, width: Math.max(barWidth - 3, 1), height: bottom - barTop, fill: seriesFill(id, si), stroke: INK, 'stroke-width': 1 })
        : null,
      svg('text', { x: x + barWidth / 2, y: barTop - 5, 'text-anchor': 'middle', class: 'chart__value' }, has ? format(value) : '–'));
  }));

  const labels = groups.map((group, gi) => {
    const x = left + gi * groupWidth + groupWidth / 2;
    return svg('g', {},
      svg('text', { x, y: bottom + 18, 'text-anchor': 'middle', class: 'chart__label' }, group.label),
      group.sub ? svg('text', { x, y: bottom + 34, 'text-anchor': 'middle', class: 'chart__tick' }, group.sub) : null);
  });

  return chartSvg({ id, width, height, summary }, legend(id, series.map((s) => s.name), 18), axis, bars, labels);
}

/** Horizontal bars, one a row, each labelled with its name on the left and its value at its end. */
function horizontalBars({ id, rows, summary }) {
  const width = 760;
  const rowHeight = 28;
  const top = 6;
  const longest = Math.max(...rows.map((row) => row.label.length), 4);
  const labelWidth = Math.min(280, Math.max(90, longest * CHAR_WIDTH + 12));
  const fits = Math.floor((labelWidth - 12) / CHAR_WIDTH);
  const valueSpace = 56;
  const barMax = width - labelWidth - valueSpace;
  const max = Math.max(...rows.map((row) => Number(row.value) || 0), 1);
  const height = top + rows.length * rowHeight + 8;

  const drawn = rows.map((row, index) => {
    const y = top + index * rowHeight;
    const length = (Number(row.value) || 0) / max * barMax;
    const label = row.label.length > fits ? `${row.label.slice(0, Math.max(fits - 1, 1)).trimEnd()}…` : row.label;
    return svg('g', {},
      svg('text', { x: labelWidth - 10, y: y + 18, 'text-anchor': 'end', class: 'chart__label' },
        label, label !== row.label ? svg('title', {}, row.label) : null),
      length > 0 ? svg('rect', { x: labelWidth, y: y + 5, width: length, height: 18, fill: '#505a5f', stroke: INK, 'stroke-width': 1 }) : null,
      svg('text', { x: labelWidth + length + 6, y: y + 18, class: 'chart__value' }, count(row.value)));
  });
  return chartSvg({ id, width, height, summary },
    drawn,
    svg('line', { x1: labelWidth, x2: labelWidth, y1: top, y2: height - 6, stroke: INK, 'stroke-width': 1.5 }));
}

/** A chart in a figure: its title, the SVG and the same figures as a table in a disclosure. */
function chartFigure({ id, title, chart, table, wide = false }) {
  return h('figure', { class: ['chart', wide && 'chart--wide'], id },
    h('figcaption', { class: 'chart__caption' }, title),
    chart,
    h('details', { class: 'details chart__data' },
      h('summary', { class: 'details__summary' }, 'Show the figures as a table', hiddenText(`: ${title}`)),
      table));
}

/* ---------- The screen ---------- */

export async function render(context) {
  const [info, years, measures] = await Promise.all([
    context.appInfo().catch(() => null),
    call('financial_years').catch(() => null),
    call('report_measures').catch(() => []),
  ]);
  MEASURES = measures.map((m) => [m.key, m.kind]);
  const todayIso = info?.today?.iso ?? null;
  YEARS = new Map((years?.years ?? []).map((y) => [Number(y.year), y]));
  const currentYear = Number(years?.current ?? (todayIso ? financialYearOf(todayIso) : null));
  currentYearShown = currentYear;
  const yearList = [...YEARS.keys()].sort((a, b) => b - a);
  const start = lastChoice ?? { year: currentYear, period: 'year', from: '', to: '' };

  /* ----- The period form ----- */

  const summary = errorSummary({ id: 'report-error-summary' });
  const yearGroup = selectField({
    id: 'report-year', name: 'year', label: 'Financial year', field: 'year',
    items: yearList.map((year) => ({ value: String(year), label: yearLabel(year) })), value: String(start.year),
  });
  const periodGroup = selectField({ id: 'report-period', name: 'period', label: 'Period', field: 'period', items: PERIODS, value: start.period });
  const fromGroup = dateField({ id: 'report-from', name: 'from', label: 'From', hint: DATES_HINT, value: start.from, field: 'from' });
  const toGroup = dateField({ id: 'report-to', name: 'to', label: 'To', hint: DATES_HINT, value: start.to, field: 'to' });
  const dates = h('div', { class: 'report-form__dates', id: 'report-dates', hidden: start.period !== 'other' }, fromGroup, toGroup);
  const submit = h('button', { type: 'submit', class: 'button', id: 'show-report' }, 'Show report');
  const formStatus = h('p', { class: 'report-form__status', id: 'report-status', role: 'status' });
  const form = h('form', { id: 'report-form', class: 'report-form', novalidate: true, 'aria-label': 'Choose the period to report on' },
    summary,
    h('div', { class: 'report-form__fields' }, yearGroup, periodGroup, dates, h('div', { class: 'report-form__submit' }, submit)),
    formStatus);
  const yearSelect = yearGroup.querySelector('select');
  const periodSelect = periodGroup.querySelector('select');
  const fromInput = fromGroup.querySelector('input');
  const toInput = toGroup.querySelector('input');
  yearSelect.classList.add('select--year');
  periodSelect.setAttribute('aria-controls', 'report-dates');

  // Choosing "Other dates" shows From and To, filled in with the dates last chosen so they only need changing.
  let lastFixed = start.period === 'other' ? 'year' : start.period;
  periodSelect.addEventListener('change', () => {
    const other = periodSelect.value === 'other';
    dates.hidden = !other;
    if (!other) {
      lastFixed = periodSelect.value;
      return;
    }
    if (!fromInput.value.trim() && !toInput.value.trim()) {
      const fixed = choiceDates({ year: Number(yearSelect.value), period: lastFixed });
      fromInput.value = fieldDate(fixed.from);
      toInput.value = fieldDate(fixed.to);
    }
  });

  const readChoice = () => ({
    year: Number(yearSelect.value), period: periodSelect.value, from: fromInput.value, to: toInput.value,
  });

  // A problem with a date that is not on show (a year or quarter was chosen) goes in the summary only.
  const locate = (field) => {
    const control = locateField(form, field);
    return control && !control.closest('[hidden]') ? control : null;
  };

  /* ----- The report ----- */

  const results = h('div', { id: 'report-results', class: 'report-results' });

  /** Asks the core for everything the screen shows for `choice`. Only the report itself must succeed. */
  async function load(choice) {
    const report = await call('report', choiceDates(choice));
    const shape = periodShape(report.from, report.to);
    const [quarters, assessment] = await Promise.all([
      call('report_quarters', { year: shape.year }).catch((error) => ({ failed: error })),
      shape.whole ? call('get_self_assessment', { year: shape.year }).catch((error) => ({ failed: error })) : null,
    ]);
    return { report, shape, quarters, assessment };
  }

  function draw(data) {
    results.replaceChildren(...reportContent({ ...data, todayIso }));
  }

  let firstError = null;
  try {
    draw(await load(start));
    lastChoice = start;
  } catch (error) {
    firstError = error;
  }

  let ticket = 0;
  let loading = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (loading) return;
    // Showing another period replaces the self-assessment: ask first if an answer there is not saved.
    if (isDirty(results)) {
      if (!(await confirmDialog({
        title: 'Show another period without saving?',
        text: 'You have changed an answer in the self-assessment but not saved it. If you show another period now, your changes will be lost.',
        yes: 'Show without saving',
        no: 'Stay',
      }))) return;
      markAllClean(results);
    }
    const choice = readChoice();
    const mine = ++ticket;
    loading = true;
    clearErrors(form, summary);
    submit.setAttribute('aria-disabled', 'true');
    results.setAttribute('aria-busy', 'true');
    formStatus.textContent = 'Making the report…';
    try {
      const data = await load(choice);
      if (mine !== ticket) return;
      draw(data);
      lastChoice = choice;
      formStatus.textContent = `Showing the report for ${data.report.label} (${dateText(data.report.from)} to ${dateText(data.report.to)}).`;
    } catch (error) {
      if (mine !== ticket) return;
      formStatus.textContent = '';
      showApiError({ form, summary, error, locate });
    } finally {
      if (mine === ticket) {
        loading = false;
        submit.removeAttribute('aria-disabled');
        results.removeAttribute('aria-busy');
      }
    }
  });

  const element = h('section', { class: 'screen', dataset: { screen: 'reports' } },
    screenHeading('Reports'),
    h('p', { class: 'lead' }, 'How complaints were handled in a period: the figures for committee and for the annual report, by stage and by service area. Choose a year or a quarter, then save the report as a PDF or for Excel.'),
    form,
    results);
  return {
    title: 'Reports',
    element,
    afterShow: firstError
      ? () => showErrors({ summary, errors: errorsOf(firstError), locate })
      : null,
  };
}

/** Everything below the period form, for one report. */
function reportContent({ report, shape, quarters, assessment, todayIso }) {
  const definitions = report.definitions ?? [];
  const labelOf = (key) => definitions.find((d) => d.key === key)?.label ?? key;
  const meaningOf = (key) => definitions.find((d) => d.key === key)?.definition ?? '';
  const stages = stagesOf(report.overall);
  const ongoing = todayIso && report.to > todayIso && report.from <= todayIso;

  const sections = [
    ['report-summary-heading', 'Summary'],
    ['report-charts-heading', 'Charts'],
    ['report-quarters-heading', 'By quarter'],
    ['report-other-heading', 'Other figures'],
    ['report-learning-heading', 'Learning'],
    shape.whole ? ['self-assessment-heading', 'Self-assessment'] : null,
  ].filter(Boolean);

  return [
    h('div', { class: 'report-top' },
      h('h2', { id: 'report-heading', class: 'report-heading', tabindex: '-1', dataset: { from: report.from, to: report.to } },
        h('span', { class: 'caption' }, 'Report for '),
        report.label),
      h('p', { class: 'report-dates', id: 'report-period-dates' },
        `${dateText(report.from)} to ${dateText(report.to)}. Compared with the period before (${report.previous_period?.label ?? ''}) and the same period last year (${report.same_period_last_year?.label ?? ''}).`),
      ongoing
        ? h('p', { class: 'warning-text', id: 'report-ongoing' },
          h('span', { class: 'warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h('strong', { class: 'warning-text__text' }, hiddenText('Warning: '), `This period is not over yet: the figures are up to today, ${dateText(todayIso)}.`))
        : null,
      saveButtons(report, shape),
      definitionsDetails(definitions),
      h('nav', { class: 'report-contents', 'aria-label': 'On this page' },
        h('span', { class: 'report-contents__title', 'aria-hidden': 'true' }, 'On this page:'),
        h('ul', { class: 'report-contents__list' }, sections.map(([id, text]) => h('li', {}, jumpLink(id, text)))))),
    summarySection(report, stages, labelOf, meaningOf),
    chartsSection(report, stages, quarters),
    quartersSection(report, shape, stages, quarters, todayIso),
    otherSection(report, stages, labelOf),
    learningSection(report),
    shape.whole ? selfAssessmentSection(assessment, shape.year) : null,
  ];
}

/* ----- Saving ----- */

function saveButtons(report, shape) {
  const status = h('p', { id: 'report-save-status', class: 'test-status report-save-status', role: 'status' });
  const pdf = h('button', { type: 'button', class: 'button button--secondary', id: 'save-report-pdf' }, 'Save as PDF');
  const csv = h('button', { type: 'button', class: 'button button--secondary', id: 'save-report-csv' }, 'Save for Excel (CSV)');
  const annual = shape.whole
    ? h('button', { type: 'button', class: 'button button--secondary', id: 'save-annual-report' }, 'Save the annual report (PDF)')
    : null;

  // The three buttons wait together while one saves.
  const run = statusRunner(status);
  function saver(button, what, opens, command, args) {
    button.addEventListener('click', () => run([pdf, csv, annual], async () => {
      const result = await call(command, args);
      status.replaceChildren(icon('✓'), ` Saved ${what}: `, h('span', { class: 'report-save-status__path', id: 'report-saved-path' }, result?.path ?? ''), `. ${opens}`);
    }, `Saving ${what}…`));
  }
  saver(pdf, 'the report as a PDF', 'It opens in the computer’s PDF viewer.', 'save_report', { from: report.from, to: report.to, format: 'pdf' });
  saver(csv, 'the figures for Excel', 'It opens in Excel or the computer’s spreadsheet program.', 'save_report', { from: report.from, to: report.to, format: 'csv' });
  if (annual) saver(annual, `the annual report for ${yearLabel(shape.year)}`, 'It opens in the computer’s PDF viewer.', 'save_annual_report', { year: shape.year });

  return h('div', { class: 'report-save' },
    buttonGroup(pdf, csv, annual),
    h('p', { class: 'hint report-save__hint' }, 'Files are saved in the Reports folder beside the database.'),
    status);
}

function definitionsDetails(definitions) {
  return h('details', { class: 'details disclosure report-definitions', id: 'report-definitions' },
    h('summary', { class: 'details__summary', id: 'report-definitions-summary' }, 'What these figures mean'),
    h('div', { class: 'disclosure__content' },
      definitions.length
        ? h('dl', { class: 'summary-list summary-list--compact report-definitions__list' },
          definitions.map((d) => summaryRow(d.label, d.definition, { dataset: { definition: d.key } })))
        : h('p', {}, 'The definitions are not available.')));
}

/* ----- Summary: the headline boxes and the overall table of each stage ----- */

function summarySection(report, stages, labelOf, meaningOf) {
  const headlines = h('ul', { class: 'report-headlines', id: 'report-headlines', 'aria-label': 'Headline figures' },
    stages.map((n) => {
      const m = stageOf(report.overall, n);
      const mean = report.mean_of_service_area_pct?.[`stage${n}`];
      return h('li', { class: 'headline', dataset: { stage: n } },
        h('h3', { class: 'headline__title' }, `Stage ${n}`),
        h('p', { class: 'headline__number', id: `headline-stage${n}-pct` }, figure(m.pct_responded_within_timescale, 'pct')),
        h('p', { class: 'headline__text' },
          `of responses within timescale (the overall rate): ${count(m.responded_within_timescale)} of ${plural(m.responded, 'response', 'responses')}. ${count(m.received)} received.`),
        h('p', { class: 'headline__mean', id: `headline-stage${n}-mean` },
          h('strong', {}, `${labelOf('mean_of_service_area_pct')}: `), figure(mean, 'pct'),
          h('span', { class: 'line muted' }, 'Not the overall rate.')));
    }));

  const note = meaningOf('mean_of_service_area_pct');
  const prev = report.previous_period ?? {};
  const last = report.same_period_last_year ?? {};

  const tables = stages.map((n) => {
    const now = stageOf(report.overall, n);
    const before = stageOf(prev.overall, n);
    const lastYear = stageOf(last.overall, n);
    const head = (title, label) => h('th', { scope: 'col', class: 'num' }, title, h('span', { class: 'table__sub' }, label ?? ''));
    const table = h('table', { class: 'table table--report table--compact', id: `report-overall-stage${n}` },
      h('caption', { class: 'table__caption' }, `Stage ${n}: all service areas`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Measure'),
        head('This period', report.label),
        head('Previous period', prev.label),
        h('th', { scope: 'col', class: 'num' }, 'Change +/−', h('span', { class: 'table__sub' }, 'on previous period')),
        head('Same period last year', last.label))),
      h('tbody', {}, MEASURES.map(([key, kind]) => h('tr', { dataset: { measure: key } },
        h('th', { scope: 'row', class: 'report-measure' }, labelOf(key)),
        h('td', { class: 'num', dataset: { column: 'current' } }, figure(now[key], kind)),
        h('td', { class: 'num', dataset: { column: 'previous' } }, figure(before[key], kind)),
        h('td', { class: 'num', dataset: { column: 'change' } }, change(now[key], before[key], kind, { points: true })),
        h('td', { class: 'num', dataset: { column: 'last-year' } }, figure(lastYear[key], kind))))));
    return tableWrap(table, `Stage ${n}: all service areas`);
  });

  return h('section', { class: 'report-section', 'aria-labelledby': 'report-summary-heading' },
    sectionHeading('report-summary-heading', 'Summary'),
    headlines,
    note ? h('p', { class: 'hint', id: 'report-mean-note' }, h('strong', {}, `${labelOf('mean_of_service_area_pct')}: `), note) : null,
    h('div', { class: 'report-overall' }, tables));
}

/* ----- Charts ----- */

function chartsSection(report, stages, quarters) {
  const figures = [];
  const pctFormat = (v) => `${Number(v).toFixed(1)}%`;
  const chartStages = stages.filter((n) => n <= 2);

  // (a) % within timescale by quarter.
  if (!quarters?.failed && Array.isArray(quarters?.quarters) && quarters.quarters.length >= 5) {
    const qs = quarters.quarters.slice(1, 5);
    const series = chartStages.map((n) => ({
      name: `Stage ${n}`, values: qs.map((q) => stageOf(q.overall, n).pct_responded_within_timescale ?? null),
    }));
    const title = `% of responses within timescale by quarter, ${quarters.label ?? yearLabel(quarters.year)}`;
    const said = series.map((s) => `${s.name}: ${s.values.map((v, i) => `Q${i + 1} ${isNumber(v) ? pctFormat(v) : 'no responses'}`).join(', ')}`).join('. ');
    figures.push(chartFigure({
      id: 'chart-timescale',
      title,
      chart: groupedBars({
        id: 'chart-timescale', max: 100, unit: '%', format: pctFormat,
        groups: qs.map((q, i) => ({ label: `Q${i + 1}`, sub: QUARTER_MONTHS[i] })), series,
        summary: `Bar chart: ${title}. ${said}.`,
      }),
      table: simpleTable({
        caption: title, columns: ['Quarter', ...series.map((s) => s.name)], numeric: series.map((_, i) => i + 1),
        rows: qs.map((q, i) => [`Q${i + 1}`, ...series.map((s) => figure(s.values[i], 'pct'))]),
      }),
    }));
  }

  // (c) Outcomes of the responses in the period.
  const outcomeSeries = chartStages.map((n) => ({ name: `Stage ${n}`, values: OUTCOMES.map(([key]) => Number(stageOf(report.overall, n)[key] ?? 0)) }));
  const outcomeMax = Math.max(...outcomeSeries.flatMap((s) => s.values), 0);
  const outcomesTitle = `Outcomes of responses, ${report.label}`;
  figures.push(chartFigure({
    id: 'chart-outcomes',
    title: outcomesTitle,
    chart: groupedBars({
      id: 'chart-outcomes', max: outcomeMax, format: count,
      groups: OUTCOMES.map(([, label]) => ({ label })), series: outcomeSeries,
      summary: `Bar chart: ${outcomesTitle}. ${outcomeSeries.map((s) => `${s.name}: ${OUTCOMES.map(([, label], i) => `${count(s.values[i])} ${label.toLowerCase()}`).join(', ')}`).join('. ')}.`,
    }),
    table: simpleTable({
      caption: outcomesTitle, columns: ['Outcome', ...outcomeSeries.map((s) => s.name)], numeric: outcomeSeries.map((_, i) => i + 1),
      rows: OUTCOMES.map(([, label], i) => [label, ...outcomeSeries.map((s) => count(s.values[i]))]),
    }),
  }));

  // (b) Stage 1 received by service area.
  const areas = (report.service_areas ?? [])
    .map((area) => ({ label: String(area.name ?? ''), value: Number(stageOf(area, 1).received ?? 0) }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'en-GB'));
  const areasTitle = `Stage 1 complaints received by service area, ${report.label}`;
  figures.push(areas.length
    ? chartFigure({
      id: 'chart-areas',
      title: areasTitle,
      wide: true,
      chart: horizontalBars({
        id: 'chart-areas', rows: areas,
        summary: `Bar chart: ${areasTitle}. ${areas.map((a) => `${a.label} ${count(a.value)}`).join(', ')}.`,
      }),
      table: simpleTable({
        caption: areasTitle, columns: ['Service area', 'Stage 1 received'], numeric: [1],
        rows: areas.map((a) => [a.label, count(a.value)]),
      }),
    })
    : h('figure', { class: 'chart chart--wide', id: 'chart-areas' },
      h('figcaption', { class: 'chart__caption' }, areasTitle),
      h('p', {}, 'No service areas had complaints in this period.')));

  return h('section', { class: 'report-section', 'aria-labelledby': 'report-charts-heading' },
    sectionHeading('report-charts-heading', 'Charts'),
    h('p', { class: 'hint' }, 'Stage 1 bars are solid black; stage 2 bars are hatched. Each bar is labelled with its figure.'),
    h('div', { class: 'report-charts' }, figures));
}

/* ----- Quarter by quarter, by service area ----- */

function quartersSection(report, shape, stages, quarters, todayIso) {
  const heading = sectionHeading('report-quarters-heading', 'By quarter', ' ',
    h('span', { class: 'heading-count' }, yearLabel(quarters?.year ?? shape.year)));
  if (quarters?.failed || !Array.isArray(quarters?.quarters) || quarters.quarters.length < 5) {
    return h('section', { class: 'report-section', 'aria-labelledby': 'report-quarters-heading' },
      heading,
      h('p', { class: 'test-status test-status--error', id: 'report-quarters-problem' },
        icon('✗'), ' ', hiddenText('Error: '), quarters?.failed?.message ?? 'Redress could not work out the quarters of this year.'));
  }
  const all = quarters.quarters;
  const qs = all.slice(1, 5);

  // The change column: the chosen quarter against the one before; otherwise the latest quarter begun.
  let latest = shape.quarter;
  if (!latest) {
    const limit = todayIso && todayIso < report.to ? todayIso : report.to;
    latest = 1;
    qs.forEach((q, i) => { if (q.from <= limit) latest = i + 1; });
  }
  const compareLabel = latest > 1 ? `Q${latest - 1}` : (all[0].label ?? 'the quarter before');
  const changeHead = () => h('th', { scope: 'col', class: 'num' },
    h('span', { 'aria-hidden': 'true' }, `${compareLabel} – Q${latest} +/−`),
    hiddenText(`Change from ${compareLabel} to Q${latest}`));
  const chosen = (i) => shape.quarter === i + 1 && 'is-chosen';
  const quarterSub = (q, i) => {
    if (todayIso && q.from <= todayIso && todayIso <= q.to) return 'to date';
    if (todayIso && q.from > todayIso) return 'not begun';
    return QUARTER_MONTHS[i];
  };
  const quarterHead = (q, i) => h('th', { scope: 'col', class: ['num', chosen(i)], dataset: { quarter: i + 1 } },
    `Q${i + 1}`,
    h('span', { class: 'table__sub' }, quarterSub(q, i)),
    chosen(i) ? hiddenText(' (the period chosen)') : null);

  const names = [];
  for (const q of all.slice(latest === 1 ? 0 : 1)) {
    for (const area of q.service_areas ?? []) if (!names.includes(area.name)) names.push(area.name);
  }
  names.sort((a, b) => String(a).localeCompare(String(b), 'en-GB'));
  const areaIn = (q, name) => (q.service_areas ?? []).find((area) => area.name === name) ?? {};

  function table({ id, caption, n, key, kind }) {
    const valueOf = (set) => stageOf(set, n)[key];
    const row = (label, sets, attrs) => h('tr', attrs,
      h('th', { scope: 'row', class: 'report-area' }, label),
      sets.slice(1).map((set, i) => h('td', { class: ['num', chosen(i)], dataset: { quarter: i + 1 } }, figure(valueOf(set), kind))),
      h('td', { class: 'num', dataset: { column: 'change' } }, change(valueOf(sets[latest]), valueOf(sets[latest - 1]), kind)));
    return tableWrap(h('table', { class: 'table table--report table--compact', id },
      h('caption', { class: 'table__caption' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service area'), qs.map(quarterHead), changeHead())),
      h('tbody', {}, names.map((name) => row(name, all.map((q) => areaIn(q, name)), { dataset: { area: name } }))),
      h('tfoot', {}, row('All service areas', all.map((q) => q.overall), { class: 'report-total', dataset: { area: 'all' } }))), caption);
  }

  const tables = stages.flatMap((n) => [
    table({
      id: `quarters-stage${n}-received`, n, key: 'received', kind: 'count',
      caption: n === 1 ? 'Stage 1 complaints received by service area' : `Stage ${n} complaints received by service area`,
    }),
    table({
      id: `quarters-stage${n}-pct`, n, key: 'pct_responded_within_timescale', kind: 'pct',
      caption: `% of stage ${n} responses within timescale`,
    }),
  ]);

  return h('section', { class: 'report-section', 'aria-labelledby': 'report-quarters-heading' },
    heading,
    h('p', { class: 'hint' },
      `Each quarter of ${yearLabel(quarters.year ?? shape.year)}. The +/− column is the change from ${compareLabel} to Q${latest}; for percentages it is in percentage points. A dash means there were no responses.`),
    names.length ? null : h('p', {}, 'No service area had complaints in these quarters.'),
    h('div', { class: 'report-quarters' }, tables));
}

/* ----- Beyond the stages ----- */

function otherSection(report, stages, labelOf) {
  const overturned = report.overturned ?? {};
  const ombudsman = report.ombudsman ?? {};
  const overturnedText = Number(overturned.stage2_responded ?? 0) > 0
    ? `${count(overturned.overturned)} of ${plural(overturned.stage2_responded, 'stage 2 response', 'stage 2 responses')} (${figure(overturned.pct, 'pct')})`
    : [count(overturned.overturned), ' ', h('span', { class: 'muted' }, '(no stage 2 responses in this period)')];

  const counts = h('section', { class: 'report-card', 'aria-labelledby': 'report-counts-heading' },
    h('h3', { id: 'report-counts-heading' }, 'Other matters'),
    h('dl', { class: 'summary-list summary-list--compact', id: 'report-other-figures' },
      summaryRow('Service requests (not complaints)', count(report.service_requests), { id: 'report-service-requests' }),
      summaryRow('Excluded from the procedure', count(report.excluded), { id: 'report-excluded' }),
      summaryRow(labelOf('overturned'), overturnedText, { id: 'report-overturned' }),
      summaryRow(`${labelOf('actions_overdue')} at ${dateText(report.actions_as_at)}`, count(report.actions_overdue), { id: 'report-actions-overdue' })));

  const decisions = ombudsman.decisions ?? [];
  const ombudsmanCard = h('section', { class: 'report-card', 'aria-labelledby': 'report-ombudsman-heading' },
    h('h3', { id: 'report-ombudsman-heading' }, 'Ombudsman'),
    h('dl', { class: 'summary-list summary-list--compact', id: 'report-ombudsman' },
      summaryRow('Referrals', count(ombudsman.referrals), { id: 'report-ombudsman-referrals' }),
      summaryRow('Decisions made', count(ombudsman.decided), { id: 'report-ombudsman-decided' }),
      summaryRow('Remedies complied with', count(ombudsman.complied), { id: 'report-ombudsman-complied' })),
    decisions.length
      ? tableWrap(simpleTable({
        id: 'report-ombudsman-decisions', caption: 'Ombudsman decisions by decision', columns: ['Decision', 'Number'], numeric: [1],
        rows: decisions.map((d) => [d.name, count(d.count)]),
      }), 'Ombudsman decisions by decision')
      : h('p', { class: 'muted' }, 'No Ombudsman decisions in this period.'));

  const months = report.received_by_month ?? [];
  const monthStages = stages.filter((n) => months.some((m) => m[`stage${n}`] !== undefined));
  const monthColumns = monthStages.length ? monthStages : [1];
  const byMonth = h('section', { class: 'report-card' },
    tableWrap(simpleTable({
      id: 'report-by-month', caption: 'Received by month', columns: ['Month', ...monthColumns.map((n) => `Stage ${n}`)],
      numeric: monthColumns.map((_, i) => i + 1),
      rows: months.map((m) => [monthText(m.month), ...monthColumns.map((n) => count(m[`stage${n}`]))]),
    }), 'Received by month'));

  const countTable = (id, caption, first, list, none) => h('section', { class: 'report-card' },
    list.length
      ? tableWrap(simpleTable({ id, caption, columns: [first, 'Stage 1 received'], numeric: [1], rows: list.map((c) => [c.name, count(c.count)]) }), caption)
      : [h('h3', {}, caption), h('p', { class: 'muted', id }, none)]);

  return h('section', { class: 'report-section', 'aria-labelledby': 'report-other-heading' },
    sectionHeading('report-other-heading', 'Other figures'),
    h('div', { class: 'report-grid' },
      counts,
      ombudsmanCard,
      byMonth,
      countTable('report-by-category', 'Stage 1 complaints by category', 'Category', report.received_by_category ?? [], 'No stage 1 complaints in this period.'),
      countTable('report-by-channel', 'Stage 1 complaints by how they came in', 'How it came in', report.received_by_channel ?? [], 'No stage 1 complaints in this period.')));
}

/* ----- Learning ----- */

function learningSection(report) {
  const learning = report.learning ?? [];
  const muted = (text) => h('span', { class: 'muted' }, text);
  const content = learning.length
    ? tableWrap(h('table', { class: 'table table--report', id: 'report-learning' },
      h('caption', { class: 'visually-hidden' }, `Learning from complaints, ${report.label}`),
      h('thead', {}, h('tr', {}, ['Case', 'Service area', 'Stage', 'What was learned', 'Improvements made'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, learning.map((item) => h('tr', { dataset: { reference: item.reference } },
        h('th', { scope: 'row' }, h('a', { href: caseHref(item.reference), class: 'link' }, item.reference)),
        h('td', {}, item.service_area || muted('Not given')),
        h('td', { class: 'nowrap-date' }, `Stage ${item.stage}`),
        h('td', { class: 'pre-line report-text' }, item.learning || muted('None recorded')),
        h('td', { class: 'pre-line report-text' }, item.improvements || muted('None recorded')))))), 'Learning table')
    : h('p', { id: 'report-learning-none', class: 'no-results' }, 'No learning was recorded in responses in this period.');
  return h('section', { class: 'report-section', 'aria-labelledby': 'report-learning-heading' },
    sectionHeading('report-learning-heading', 'Learning from complaints', ' ',
      h('span', { class: 'heading-count' }, `(${count(learning.length)})`)),
    h('p', { class: 'hint' }, 'What was learned and what was improved, as recorded in the responses sent in the period.'),
    content);
}

/* ----- The Complaint Handling Code self-assessment (whole years only) ----- */

function selfAssessmentSection(assessment, year) {
  const heading = sectionHeading('self-assessment-heading', 'Complaint Handling Code self-assessment', ' ',
    h('span', { class: 'heading-count' }, assessment?.label ?? yearLabel(year)));
  if (!assessment || assessment.failed) {
    return h('section', { class: 'report-section', id: 'self-assessment', 'aria-labelledby': 'self-assessment-heading' },
      heading,
      h('p', { class: 'test-status test-status--error', id: 'self-assessment-problem' },
        icon('✗'), ' ', hiddenText('Error: '), assessment?.failed?.message ?? 'Redress could not load the self-assessment.'));
  }
  const items = assessment.items ?? [];
  return h('section', { class: 'report-section', id: 'self-assessment', 'aria-labelledby': 'self-assessment-heading' },
    heading,
    h('p', { class: 'hint' }, `Each requirement of the Code, with what the figures for ${assessment.label ?? yearLabel(year)} show. Say how the council meets each one, and save each as you go. The annual report includes what you save here.`),
    items.length
      ? h('div', { class: 'assessment-list' }, items.map((item, index) => assessmentItem(item, index, assessment.year ?? year)))
      : h('p', {}, 'There are no requirements to assess.'));
}

function assessmentItem(item, index, year) {
  const id = `assessment-${index}`;
  const summary = errorSummary({ id: `${id}-error-summary`, level: 'h4' });
  const status = h('p', { class: 'saved-status', role: 'status', id: `${id}-status` });
  const save = h('button', { type: 'submit', class: 'button button--secondary', id: `save-${id}` }, 'Save', hiddenText(`: how the council meets ${item.code}`));
  const evidence = item.evidence
    ? h('p', { class: 'assessment-item__evidence', id: `${id}-evidence` }, h('strong', {}, 'From the figures: '), item.evidence)
    : h('p', { class: 'assessment-item__evidence assessment-item__evidence--none', id: `${id}-evidence` },
      icon('!'), ' ', h('strong', {}, 'The data cannot show this: say how the council meets it'));
  const responseGroup = textArea({
    id: `${id}-response`, name: 'response', field: 'response', rows: 3, value: item.response ?? '',
    label: ['How the council meets this', hiddenText(` (${item.code})`)],
  });
  const area = responseGroup.querySelector('textarea');
  area.setAttribute('aria-describedby', `${id}-heading ${id}-evidence`);

  const form = h('form', { class: 'assessment-item', id, novalidate: true, dataset: { code: item.code } },
    h('h3', { class: 'assessment-item__title', id: `${id}-heading` },
      h('span', { class: 'assessment-item__code' }, item.code), ' ', item.requirement),
    evidence,
    summary,
    responseGroup,
    buttonGroup(save, status));
  guard(form);
  form.addEventListener('input', () => { status.textContent = ''; });

  let saving = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving) return;
    saving = true;
    save.setAttribute('aria-disabled', 'true');
    clearErrors(form, summary);
    status.textContent = 'Saving…';
    const response = area.value;
    try {
      const result = await call('save_self_assessment', { year, code: item.code, response });
      const saved = (result?.items ?? []).find((entry) => entry.code === item.code);
      // Words typed while it saved stay, unsaved.
      if (area.value === response) {
        if (saved) area.value = saved.response ?? '';
        markClean(form);
        status.replaceChildren(icon('✓'), ' Saved');
      } else {
        status.textContent = '';
      }
    } catch (error) {
      status.textContent = '';
      showApiError({ form, summary, error, idPrefix: `${id}-` });
    } finally {
      saving = false;
      save.removeAttribute('aria-disabled');
    }
  });
  return form;
}
