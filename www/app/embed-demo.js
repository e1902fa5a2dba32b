// The embedding demo (www/embed.html): a CMS article annotated in place with
// annotateElement(), driven by the newsroom's own toolbar, plus the one-tag
// <newsmark-annotator> further down. No inline script or style anywhere: this
// page runs under `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
// The one-file build (README, "One file"): the API and the <newsmark-annotator>
// element in one script, as a CMS page without a bundler would load it.
import { load, labels, annotateElement, claimsShown, clear } from '../newsmark/newsmark.min.js';

const $ = (id) => document.getElementById(id);
const story = $('story');
const ui = {
  annotate: $('nm-annotate'),
  clear: $('nm-clear'),
  editable: $('nm-editable'),
  claims: $('nm-claims'),
  min: $('nm-min'),
  minValue: $('nm-min-value'),
  labels: $('nm-labels'),
  status: $('nm-status'),
  log: $('nm-log'),
};

function status(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', isError);
}

function log(...parts) {
  const li = document.createElement('li');
  for (const p of parts) {
    if (typeof p === 'string') li.append(p);
    else {
      const code = document.createElement('code');
      code.textContent = p.code;
      li.append(code);
    }
  }
  ui.log.prepend(li);
}

function options() {
  const shown = [...ui.labels.querySelectorAll('input:checked')].map((i) => i.value);
  return {
    labels: shown,
    editable: ui.editable.checked,
    claims: ui.claims.checked,
    minScore: Number(ui.min.value),
  };
}

async function highlight() {
  try {
    const t0 = performance.now();
    const result = await annotateElement(story, options());
    const ms = Math.round(performance.now() - t0);
    const keys = ui.editable.checked ? ' Tab to a highlight, then 1–9 relabel, A accept, X reject, Delete remove.' : '';
    ui.clear.disabled = false;
    if (result.claims === null) {
      // The names are shown; the claims follow when their models arrive.
      status(`Highlighted ${result.entities.length} names in ${ms} ms; finding claims…${keys}`);
      const full = await claimsShown(story);
      if (full) status(`Highlighted ${full.entities.length} names and ${full.claims.length} check-worthy claims in ${ms} ms.${keys}`);
      return full ?? result;
    }
    status(`Highlighted ${result.entities.length} names and ${result.claims.length} check-worthy claims in ${ms} ms.${keys}`);
    return result;
  } catch (err) {
    status(`Could not annotate: ${err.message}`, true);
    return null;
  }
}

story.addEventListener('newsmark:annotated', (ev) => {
  const { entities, claims } = ev.detail;
  log({ code: 'newsmark:annotated' }, ` ${entities.length} entities, ${claims === null ? 'claims to come' : `${claims.length} claims`}`);
});
story.addEventListener('newsmark:change', (ev) => {
  const { type, entity, previous } = ev.detail;
  const what = type === 'relabel' ? `${previous.label} → ${entity.label}` : type;
  log({ code: 'newsmark:change' }, ` “${entity.text}” ${what}`);
});
$('annotator').addEventListener('newsmark:change', (ev) => {
  log({ code: 'newsmark:change' }, ` (pasted text) “${ev.detail.entity.text}” ${ev.detail.type}`);
});

ui.annotate.addEventListener('click', highlight);
ui.clear.addEventListener('click', () => {
  clear(story);
  ui.clear.disabled = true;
  status('Highlights removed; the article is exactly as the CMS served it.');
});
for (const input of [ui.editable, ui.claims]) input.addEventListener('change', highlight);
ui.min.addEventListener('input', () => { ui.minValue.textContent = `${Math.round(100 * Number(ui.min.value))}%`; });
ui.min.addEventListener('change', highlight);

try {
  await load();
  // One checkbox per label, numbered like the correction keys (labels() order).
  labels().forEach(({ name, description }, i) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = name;
    input.checked = true;
    input.addEventListener('change', highlight);
    const key = document.createElement('kbd');
    key.textContent = String(i + 1);
    label.title = description;
    label.append(input, ' ', key, name);
    ui.labels.append(label);
  });
  ui.annotate.disabled = false;
  await highlight();
  document.documentElement.dataset.ready = 'true';
} catch (err) {
  status(err.message, true);
}
