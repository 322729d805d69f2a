// Small helpers that build elements safely (text always goes in as textContent), plus the shared case-row, person and tag builders.

const PROPERTIES = new Set(['value', 'disabled', 'hidden', 'open', 'multiple']);

/** Appends children: strings and numbers as text nodes, nodes as they are, arrays flattened, null/false skipped. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === true) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces parent's children, leaving out what append leaves out. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

/**
 * Builds an element. attrs: `class` (string or array), `dataset` (object), `on<Event>` (listener),
 * DOM properties (value, checked, disabled, selected, hidden), anything else as an attribute.
 * null, undefined and false values are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
    } else if (key === 'dataset') {
      for (const [name, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) el.dataset[name] = String(data);
      }
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'selected') {
      el.defaultSelected = Boolean(value);
      el.selected = Boolean(value);
    } else if (key === 'checked') {
      el.defaultChecked = Boolean(value);
      el.checked = Boolean(value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  return append(el, children);
}

/** Text hidden visually but read by screen readers. */
export function hiddenText(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

/** A decorative symbol that screen readers skip. */
export function icon(symbol) {
  return h('span', { class: 'icon', 'aria-hidden': 'true' }, symbol);
}

/** A DateView as the core wrote it: the short display form. */
export function shortDate(date) {
  return date ? date.display : '';
}

/** A DateView as the core wrote it: the long form with the weekday. */
export function longDate(date) {
  return date ? (date.long ?? date.display) : '';
}

/** The label of a {slug, label} item, or the value itself when it is not a known slug. */
export function labelFor(items, value) {
  if (value === null || value === undefined || value === '') return '';
  const found = (items ?? []).find((item) => item.slug === value || item.label === value);
  return found ? found.label : String(value);
}

/** A label from a value that may be a plain string or an object with a label. */
export function textOf(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return String(value.label ?? value.name ?? value.state ?? value.slug ?? '');
  return String(value);
}

export const URGENCY_ICONS = {
  overdue: '⚠',
  'due-today': '●',
  'due-soon': '◐',
  'on-track': '✓',
};

/** An urgency tag: colour, a symbol and the core's words, e.g. "⚠ Overdue". */
export function urgencyTag(urgency, label) {
  return h('strong', { class: ['tag', `tag--${urgency}`], dataset: { urgency } },
    icon(URGENCY_ICONS[urgency] ?? '•'), ' ', label);
}

/** "1 working day" / "3 working days". */
export function workingDays(count) {
  const n = Math.abs(Number(count));
  return `${n} working ${n === 1 ? 'day' : 'days'}`;
}

/** "N working days left" or "Overdue by N working days", from a next_due. */
export function daysLeftText(due) {
  if (!due || due.working_days_left === null || due.working_days_left === undefined) return '';
  if (due.urgency === 'overdue' || due.working_days_left < 0) return `Overdue by ${workingDays(due.working_days_left)}`;
  if (Number(due.working_days_left) === 0) return '';
  return `${workingDays(due.working_days_left)} left`;
}

/** The href of a case's screen. */
export function caseHref(reference) {
  return `#/case/${encodeURIComponent(reference)}`;
}

/** The href of a person's record. */
export function personHref(id) {
  return `#/person/${encodeURIComponent(String(id))}`;
}

/**
 * A person's name as the screens show it: "Name (anonymous)" for a named anonymous complainant,
 * `anonymous` ("Anonymous") when there is no name and they are anonymous, else `none`.
 */
export function personName(person, { anonymous = 'Anonymous', none = 'Name not given' } = {}) {
  const name = String(person?.name ?? '').trim();
  if (person?.anonymous) return name && name !== 'Anonymous' ? `${name} (anonymous)` : anonymous;
  return name || none;
}

/** The tag that marks a person whose contact is restricted: a symbol and words, not colour alone. */
export function restrictedTag() {
  return h('strong', { class: ['tag', 'tag--restricted'], dataset: { restricted: 'true' } }, icon('⚑'), ' Contact restricted');
}

// What is due, such as "stage 1 response", is kept on one line; a long one (the Ombudsman's
// compliance) may wrap between words, but never inside "stage 1" or "action 2".
const LONG_WHAT = 28;

function dueWhat(what) {
  const text = String(what ?? '').replace(/\b(stage|action) (\d+)/gi, '$1\u00a0$2');
  return h('span', { class: ['due__what', text.length > LONG_WHAT && 'due__what--long'] }, text);
}

/** "Investigating officer", or several parts joined, from a CaseRow's my_part. */
function partText(part) {
  if (Array.isArray(part)) return part.map(textOf).filter(Boolean).join(', ');
  return textOf(part);
}

/**
 * The column headings of the case tables that caseRow fills, in order: the caseload's, or with
 * `withReceived` the Cases screen's; `withPart` adds "Your part" (the caseload's own cases).
 */
export function caseColumns({ withReceived = false, withPart = false } = {}) {
  return ['Reference', withReceived && 'Received', 'Next deadline', 'Complainant', 'Summary', 'Service area', 'Officer', withPart && 'Your part']
    .filter(Boolean);
}

/** The class of a case table's column heading, from its label: "Next deadline" → "col-next-deadline". */
export function caseColumnClass(label) {
  return `col-${String(label).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/**
 * One table row for a CaseRow, as the caseload and the search results show it. The next deadline
 * cell holds the date, what is due and how urgent it is, one under the other, so that the table
 * fits a laptop's width without cutting off its last columns.
 */
export function caseRow(row, { withReceived = false, withPart = false } = {}) {
  const due = row.next_due;
  const dueCell = due
    ? h('td', { class: 'due', dataset: { urgency: due.urgency } },
      h('span', { class: 'due__date nowrap-date' }, longDate(due.date)),
      hiddenText(', '),
      dueWhat(due.what),
      hiddenText(', '),
      h('span', { class: 'due__state' }, urgencyTag(due.urgency, due.urgency_label)))
    : h('td', { class: 'due' },
      h('span', { class: 'due__date muted' }, 'Nothing due'),
      hiddenText(', '),
      h('span', { class: 'due__status' }, row.status_label ?? textOf(row.status)));
  return h('tr', { dataset: { reference: row.reference } },
    h('th', { scope: 'row' }, h('a', { href: caseHref(row.reference), class: 'link' }, row.reference)),
    withReceived && h('td', { class: 'nowrap-date' }, shortDate(row.received)),
    dueCell,
    h('td', { class: 'case-complainant' }, row.complainant || h('span', { class: 'muted' }, 'Not given')),
    h('td', { class: 'case-summary' }, row.summary ?? ''),
    h('td', { class: 'case-service-area' }, row.service_area ?? ''),
    h('td', { class: 'case-officer' }, row.officer || h('span', { class: 'muted' }, 'Not allocated')),
    withPart && h('td', { class: 'case-part' }, partText(row.my_part) || h('span', { class: 'muted' }, 'None')));
}

/** A horizontally scrollable, keyboard-focusable wrapper for a wide table, named by `label`. */
export function tableWrap(table, label) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/** A section's h1 with the id and focus target every screen uses. */
export function screenHeading(...content) {
  return h('h1', { id: 'screen-heading', tabindex: '-1' }, ...content);
}
