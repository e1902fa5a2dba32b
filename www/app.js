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
  claims: $('claims'),
  claimCount: $('claim-count'),
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

const KIND_NAMES = {
  quantity: 'quantity',
  correlation_causation: 'correlation or causation',
  laws_rules: 'laws or rules',
  prediction: 'prediction',
  personal_experience: 'personal experience',
  other: 'other',
};

/** Who made a claim: the source of its attribution, or null. */
function claimant(claim) {
  const a = claim.attribution == null ? null : state.result.attributions[claim.attribution];
  return a && a.source ? a.source.text : null;
}

function claimTitle(claim) {
  const who = claimant(claim);
  return `Check-worthy claim (${KIND_NAMES[claim.kind] ?? claim.kind}), score ${(100 * claim.score).toFixed(0)}%` +
    (who ? `, claimant: ${who}` : ', no claimant found');
}

/** Appends text[from, to) to `parent`, with the entities inside it highlighted. */
function appendWithEntities(parent, from, to) {
  const { text, result } = state;
  let at = from;
  for (const e of result.entities) {
    if (e.end <= from || e.start >= to) continue;
    const start = Math.max(e.start, from);
    const end = Math.min(e.end, to);
    if (start < at) continue; // entities never overlap; guard anyway
    if (start > at) parent.append(text.slice(at, start));
    const info = state.labels.find((l) => l.name === e.label);
    parent.append(el('mark', {
      dataset: { label: e.label, score: e.score.toFixed(3) },
      title: `${e.label} (${info ? info.description : ''}), confidence ${(100 * e.score).toFixed(0)}%`,
    }, text.slice(start, end), el('span', { className: 'ent-label' }, e.label)));
    at = end;
  }
  if (at < to) parent.append(text.slice(at, to));
}

function renderOutput() {
  const { text, result } = state;
  const frag = document.createDocumentFragment();
  if (!result) {
    ui.output.replaceChildren();
    renderClaims();
    return;
  }
  let at = 0;
  result.claims.forEach((claim, i) => {
    if (claim.start < at) return;
    appendWithEntities(frag, at, claim.start);
    const span = el('span', {
      className: 'claim',
      id: `claim-${i}`,
      tabindex: '0',
      role: 'mark',
      dataset: { kind: claim.kind, score: claim.score.toFixed(3) },
      title: claimTitle(claim),
      'aria-label': claimTitle(claim),
    });
    appendWithEntities(span, claim.start, claim.end);
    frag.append(span);
    at = claim.end;
  });
  appendWithEntities(frag, at, text.length);
  ui.output.replaceChildren(frag);
  renderClaims();
}

/** The side panel: claims in order, each with its kind and claimant. */
function renderClaims() {
  const claims = state.result?.claims ?? [];
  ui.claimCount.textContent = String(claims.length);
  const items = claims.map((claim, i) => {
    const who = claimant(claim);
    const button = el('button', { type: 'button', className: 'claim-link', 'aria-describedby': `claim-meta-${i}` },
      claim.text.length > 160 ? `${claim.text.slice(0, 157)}…` : claim.text);
    button.addEventListener('click', () => {
      const target = document.getElementById(`claim-${i}`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    });
    return el('li', { dataset: { kind: claim.kind } },
      button,
      el('div', { className: 'claim-meta', id: `claim-meta-${i}` },
        el('span', { className: 'kind' }, KIND_NAMES[claim.kind] ?? claim.kind),
        ` · ${(100 * claim.score).toFixed(0)}% · `,
        el('span', { className: 'claimant' }, who ? `claimant: ${who}` : 'no claimant found')));
  });
  ui.claims.replaceChildren(...items);
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
    const c = result.claims.length;
    setStatus(`Found ${n} ${n === 1 ? 'entity' : 'entities'} and ${c} check-worthy ${c === 1 ? 'claim' : 'claims'} in ${ms < 1 ? '<1' : Math.round(ms)} ms.`);
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
