// The Newsmark page: paste an article, annotate it, see the entities inline.
// All user text goes into the DOM as text nodes; nothing is parsed as HTML.
import { load, annotate, labels } from './newsmark.js';

const $ = (id) => document.getElementById(id);
const ui = {
  text: $('text'),
  annotate: $('annotate'),
  example: $('example'),
  clear: $('clear'),
  status: $('status'),
  output: $('output'),
  legend: $('legend'),
};

/** The one owner of the page's document state. */
const state = {
  /** The annotated text (immutable once annotated). */
  text: '',
  /** The last result of annotate(), offsets in UTF-16 units into `text`. */
  result: null,
  labels: [],
};

const EXAMPLE = `FRANKFURT, March 4 (Newsmark example, fictional) - Lufthansa said on Tuesday it would buy 20 Airbus A350 jets, as chief executive Carsten Spohr bet on a rebound in travel to Asia.

The order, announced at a news conference in Frankfurt, follows talks with Boeing that ended without a deal, according to two people familiar with the matter.

“We see strong demand on routes to Tokyo, Singapore and Mumbai,” Spohr told reporters. The German carrier's shares rose 3.5% in early trading.

The European Commission and Germany's finance ministry declined to comment.`;

function setStatus(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', isError);
  ui.status.setAttribute('role', isError ? 'alert' : 'status');
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c); // strings become text nodes
  return node;
}

function renderLegend() {
  const counts = new Map();
  for (const e of state.result?.entities ?? []) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const items = state.labels.map(({ name, description }) =>
    el('li', { dataset: { label: name }, title: description },
      el('span', { className: 'chip', dataset: { label: name } }, name),
      ` ${description}`,
      el('span', { className: 'count', 'aria-label': `${counts.get(name) ?? 0} found` }, String(counts.get(name) ?? 0))));
  ui.legend.replaceChildren(...items);
}

function renderOutput() {
  const { text, result } = state;
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const e of result?.entities ?? []) {
    if (e.start < at) continue; // entities never overlap; guard anyway
    if (e.start > at) frag.append(text.slice(at, e.start));
    const info = state.labels.find((l) => l.name === e.label);
    const mark = el('mark', {
      dataset: { label: e.label, score: e.score.toFixed(3) },
      title: `${e.label} (${info ? info.description : ''}), confidence ${(100 * e.score).toFixed(0)}%`,
    }, text.slice(e.start, e.end), el('span', { className: 'ent-label' }, e.label));
    frag.append(mark);
    at = e.end;
  }
  frag.append(text.slice(at));
  ui.output.replaceChildren(frag);
}

function run() {
  const text = ui.text.value;
  if (!text.trim()) {
    setStatus('Paste or type some text first.');
    ui.text.focus();
    return;
  }
  try {
    const t0 = performance.now();
    const result = annotate(text);
    const ms = performance.now() - t0;
    state.text = text;
    state.result = result;
    renderOutput();
    renderLegend();
    const n = result.entities.length;
    setStatus(`Found ${n} ${n === 1 ? 'entity' : 'entities'} in ${ms < 1 ? '<1' : Math.round(ms)} ms.`);
  } catch (err) {
    setStatus(`Could not annotate: ${err.message}`, true);
  }
}

ui.annotate.addEventListener('click', run);
ui.text.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    if (!ui.annotate.disabled) run();
  }
});
ui.example.addEventListener('click', () => {
  ui.text.value = EXAMPLE;
  ui.text.focus();
  if (!ui.annotate.disabled) run();
});
ui.clear.addEventListener('click', () => {
  ui.text.value = '';
  state.text = '';
  state.result = null;
  renderOutput();
  renderLegend();
  setStatus('Cleared.');
  ui.text.focus();
});

try {
  await load();
  state.labels = labels();
  renderLegend();
  ui.annotate.disabled = false;
  document.documentElement.dataset.ready = 'true';
  setStatus('Ready. Paste an article and press Annotate.');
} catch (err) {
  setStatus(err.message, true);
}
