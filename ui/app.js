// Redress UI entry point: the deadline calculator. The core does the working;
// this module only collects the form, calls the shell and shows the answer.

const invoke = window.__TAURI__?.core?.invoke;

const fields = {
  received: document.getElementById('received'),
  escalated: document.getElementById('escalated'),
  nation: document.getElementById('nation'),
};

function clearErrors() {
  document.getElementById('error-summary').hidden = true;
  document.getElementById('error-summary-list').replaceChildren();
  for (const name of Object.keys(fields)) {
    document.getElementById(`${name}-group`).classList.remove('form-group--error');
    const message = document.getElementById(`${name}-error`);
    message.hidden = true;
    message.textContent = '';
    fields[name].classList.remove('input--error');
    fields[name].setAttribute('aria-describedby', fields[name].getAttribute('aria-describedby')?.replace(` ${name}-error`, '') ?? '');
  }
}

function showError(field, text) {
  const summary = document.getElementById('error-summary');
  const item = document.createElement('li');
  if (field && fields[field]) {
    const link = document.createElement('a');
    link.href = `#${field}`;
    link.textContent = text;
    link.addEventListener('click', (event) => { event.preventDefault(); fields[field].focus(); });
    item.append(link);
    document.getElementById(`${field}-group`).classList.add('form-group--error');
    const message = document.getElementById(`${field}-error`);
    message.textContent = `Error: ${text}`;
    message.hidden = false;
    fields[field].classList.add('input--error');
    fields[field].setAttribute('aria-describedby', `${fields[field].getAttribute('aria-describedby') ?? ''} ${field}-error`.trim());
  } else {
    item.textContent = text;
  }
  document.getElementById('error-summary-list').append(item);
  summary.hidden = false;
  summary.focus();
}

function stageCard(stage) {
  const card = document.createElement('article');
  card.className = 'stage';
  card.dataset.stage = String(stage.stage);
  const heading = document.createElement('h3');
  heading.textContent = `Stage ${stage.stage}`;
  const opened = document.createElement('p');
  opened.className = 'stage__opened';
  opened.textContent = stage.stage === 1
    ? `Received ${stage.opened.display}`
    : `Escalation requested ${stage.opened.display}`;
  const list = document.createElement('dl');
  for (const [key, label] of [['acknowledge_by', 'Acknowledge by'], ['respond_by', 'Respond by'], ['extension_limit', 'Extension limit']]) {
    const term = document.createElement('dt');
    term.textContent = label;
    const value = document.createElement('dd');
    value.textContent = stage[key].display;
    value.dataset.field = key;
    value.dataset.iso = stage[key].iso;
    list.append(term, value);
  }
  card.append(heading, opened, list);
  return card;
}

async function calculate(event) {
  event.preventDefault();
  clearErrors();
  if (!fields.received.value.trim()) {
    showError('received', 'Enter the date the complaint was received');
    return;
  }
  try {
    const view = await invoke('calculate_deadlines', {
      received: fields.received.value,
      nation: fields.nation.value,
      escalated: fields.escalated.value || null,
    });
    document.getElementById('results-basis').textContent =
      `Working days in ${view.nation}, under the ${view.policy}.`;
    document.getElementById('stages').replaceChildren(...view.stages.map(stageCard));
    const results = document.getElementById('results');
    results.hidden = false;
    document.getElementById('results-heading').focus();
  } catch (error) {
    showError(error?.field ?? null, error?.message ?? String(error));
  }
}

document.getElementById('calculator').addEventListener('submit', calculate);
