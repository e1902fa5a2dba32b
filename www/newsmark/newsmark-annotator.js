// <newsmark-annotator>: the paste-box app in one tag.
//
//   <script type="module" src="/path/to/newsmark-annotator.js"></script>
//   <newsmark-annotator labels="PER ORG LOC" editable></newsmark-annotator>
//
// A textarea, an Annotate button (Ctrl+Enter), the highlighted output with each
// label shown after it (CSS generated content: the output's text is the text
// pasted), and a legend with counts. Everything lives in an open
// shadow root styled by constructable stylesheets: no request for CSS, nothing
// inline (works under `style-src 'self'`), and no CSS crosses the shadow boundary
// either way (the root resets inherited properties and sizes in em, not rem).
//
// Attributes: `labels` (space-separated labels to show; default all), `editable`
// (keyboard corrections on the highlights), `min-score` (0–1).
// Properties: `value` (the text), `result` (the last annotations), `strings`
// (UI text, merged over the defaults), `colors` ({ PER: '#cfe2ff', … }), `ready`
// (a promise that settles when the model is loaded).
// Methods: `annotate()` (a promise of the annotations, or null for empty text).
// Events (on the element, bubbling): `newsmark:annotated` and `newsmark:change`,
// with the same details as annotateElement()'s.
import { load, labels as labelInfos, annotateElement, claimsShown, clear, getAnnotations, DEFAULT_STRINGS } from './newsmark.js';
import { LABEL_COLORS, INK, FOCUS_COLOR } from './newsmark-theme.js';

/** The element's own UI text; annotateElement()'s strings (labels, tooltip, …) may be given too. */
export const UI_STRINGS = Object.freeze({
  textLabel: 'Article text',
  placeholder: 'Paste or type a news article here, then press Annotate (Ctrl+Enter).',
  annotate: 'Annotate',
  clear: 'Clear',
  loading: 'Loading the model…',
  ready: 'Ready. Paste an article and press Annotate.',
  empty: 'Paste or type some text first.',
  found: 'Found {entities} entities and {claims} check-worthy claims in {ms} ms.',
  findingClaims: 'Found {entities} entities in {ms} ms; finding claims…',
  cleared: 'Cleared.',
  loadError: 'Newsmark could not load: {message}',
  error: 'Could not annotate: {message}',
  output: 'Annotated article',
  outputEmpty: 'The annotated article appears here.',
  legend: 'Labels',
  count: '{count} found',
  keysHint: 'On a highlight: Tab moves to the next, 1 to 9 change the label (numbers as in the legend), A accepts, X rejects, Delete removes.',
});

const ALL = Object.keys(LABEL_COLORS);
const MUTED = '#4a4a4a';
const LINE = '#d8d4cc';
const ACCENT = '#0b5394';

function fmt(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

// Sizes in em: rem would follow the host page's root font size.
const CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial; display: block; box-sizing: border-box;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 16px; line-height: 1.5;
  color: ${INK}; background: #fff; border: 1px solid ${LINE}; border-radius: 0.5em; padding: 1em;
  text-align: start; overflow-wrap: break-word;
}
*, *::before, *::after { box-sizing: border-box; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
textarea {
  display: block; width: 100%; min-height: 10em; margin: 0; padding: 0.75em; font: inherit; color: inherit;
  background: #fff; border: 1px solid ${LINE}; border-radius: 0.375em; resize: vertical;
}
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.5em 0; }
button {
  font: inherit; margin: 0; padding: 0.4em 0.9em; border-radius: 0.375em; border: 1px solid ${ACCENT};
  background: ${ACCENT}; color: #fff; cursor: pointer;
}
button.secondary { background: #fff; color: ${ACCENT}; }
button:disabled { opacity: 0.55; cursor: progress; }
kbd { font: inherit; font-size: 0.75em; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.25em; }
:focus-visible { outline: 3px solid ${FOCUS_COLOR}; outline-offset: 2px; }
.status { min-height: 1.5em; margin: 0.25em 0; color: ${MUTED}; }
.status.error { color: #a10000; font-weight: 600; }
.legend { list-style: none; margin: 0.5em 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35em 0.9em; font-size: 0.85em; color: ${MUTED}; }
.legend kbd { color: ${INK}; margin-right: 0.25em; }
.chip {
  display: inline-block; margin-right: 0.3em; padding: 0 0.3em; border: 1px solid rgba(0, 0, 0, 0.25); border-radius: 3px;
  font-size: 0.82em; font-weight: 700; letter-spacing: 0.03em; line-height: 1.5; color: ${INK}; background: #eee;
}
${ALL.map((l) => `.chip[data-label="${l}"] { background: ${LABEL_COLORS[l]}; }`).join('\n')}
.count { margin-left: 0.3em; font-variant-numeric: tabular-nums; font-weight: 600; color: ${INK}; }
.hint { margin: 0.25em 0 0.5em; font-size: 0.85em; color: ${MUTED}; }
.output {
  display: block; min-height: 6em; margin: 0; padding: 0.75em 1em; white-space: pre-wrap; overflow-wrap: anywhere;
  line-height: 2.1; background: #fff; border: 1px solid ${LINE}; border-radius: 0.375em;
}
.output:empty::before { content: attr(data-empty); color: ${MUTED}; }
`;

let sheet = null;
function componentSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

function h(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'className') node.className = v;
    else if (v === true) node.setAttribute(k, '');
    else if (v !== false && v != null) node.setAttribute(k, v);
  }
  node.append(...children); // strings become text nodes
  return node;
}

export class NewsmarkAnnotator extends HTMLElement {
  static observedAttributes = ['labels', 'editable', 'min-score'];

  #ui = null;
  #strings = { ...UI_STRINGS };
  #colors = {};
  #colorSheet = null;
  #result = null;
  #loaded = false;
  #ready = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [componentSheet()];
    const doc = this.ownerDocument;
    const s = this.#strings;
    const ui = {
      text: h(doc, 'textarea', { id: 'text', spellcheck: 'false', placeholder: s.placeholder }),
      annotate: h(doc, 'button', { id: 'annotate', type: 'button', disabled: true }),
      clear: h(doc, 'button', { id: 'clear', type: 'button', className: 'secondary' }),
      status: h(doc, 'p', { id: 'status', className: 'status', role: 'status', 'aria-live': 'polite' }),
      legend: h(doc, 'ul', { id: 'legend', className: 'legend' }),
      hint: h(doc, 'p', { id: 'hint', className: 'hint', hidden: true }),
      output: h(doc, 'div', { id: 'output', className: 'output', role: 'region', tabindex: '0' }),
      label: h(doc, 'label', { className: 'vh', for: 'text' }),
    };
    this.#ui = ui;
    root.append(h(doc, 'div', { className: 'root' },
      ui.label, ui.text, h(doc, 'div', { className: 'actions' }, ui.annotate, ui.clear),
      ui.status, ui.legend, ui.hint, ui.output));
    ui.annotate.addEventListener('click', () => { this.annotate(); });
    ui.clear.addEventListener('click', () => this.#clear());
    ui.text.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        if (this.#loaded) this.annotate();
      }
    });
    ui.output.addEventListener('newsmark:annotated', (ev) => ev.stopPropagation());
    ui.output.addEventListener('newsmark:change', (ev) => {
      ev.stopPropagation();
      this.#renderLegend();
      this.dispatchEvent(new CustomEvent('newsmark:change', { detail: ev.detail, bubbles: true }));
    });
    this.#renderText();
  }

  connectedCallback() {
    if (this.#ready) return;
    this.#status(this.#strings.loading);
    this.#ready = load().then(() => {
      this.#loaded = true;
      this.#ui.annotate.disabled = false;
      this.#renderLegend();
      this.#status(this.#strings.ready);
      this.setAttribute('ready', '');
    }, (err) => {
      this.#status(fmt(this.#strings.loadError, { message: err.message }), true);
      this.#ready = null; // a later connection retries
      throw err;
    });
    this.#ready.catch(() => {});
  }

  attributeChangedCallback() {
    if (!this.#loaded) return;
    if (this.#result) this.annotate();
    else this.#renderLegend();
  }

  /** A promise that settles when the model is loaded. */
  get ready() { return this.#ready ?? Promise.reject(new Error('not connected')); }

  get value() { return this.#ui.text.value; }
  set value(text) { this.#ui.text.value = String(text ?? ''); }

  /** The last annotations (offsets into `value`), or null. */
  get result() { return this.#result; }

  /** The current highlights with their edit status (see getAnnotations()), or null. */
  get annotations() { return getAnnotations(this.#ui.output); }

  get strings() { return { ...this.#strings }; }
  set strings(value) {
    this.#strings = { ...UI_STRINGS, ...value };
    this.#renderText();
    if (this.#loaded) this.#renderLegend();
  }

  get colors() { return { ...this.#colors }; }
  set colors(value) {
    const colors = {};
    for (const [label, v] of Object.entries(value ?? {})) {
      const name = label.toUpperCase();
      if (!ALL.includes(name)) throw new RangeError(`colors: unknown label ${label}`);
      if (!/^[#\w\s(),.%/+-]+$/.test(String(v)) || !CSS.supports('background-color', String(v))) {
        throw new TypeError(`colors.${label}: not a CSS colour`);
      }
      colors[name] = String(v).trim();
    }
    this.#colors = colors;
    const root = this.shadowRoot;
    if (!this.#colorSheet) {
      this.#colorSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#colorSheet];
    }
    this.#colorSheet.replaceSync(Object.entries(colors).map(([l, c]) => `.chip[data-label="${l}"] { background: ${c}; }`).join('\n'));
    if (this.#result) this.annotate();
  }

  #options() {
    const attr = this.getAttribute('labels');
    const labels = attr && attr.trim() ? attr.trim().split(/[\s,]+/).map((l) => l.toUpperCase()).filter((l) => ALL.includes(l)) : ALL;
    const ms = Number(this.getAttribute('min-score'));
    const s = this.#strings;
    const strings = {};
    for (const k of Object.keys(DEFAULT_STRINGS)) if (k in s) strings[k] = s[k];
    return {
      labels,
      editable: this.hasAttribute('editable'),
      minScore: ms >= 0 && ms <= 1 ? ms : 0,
      colors: this.#colors,
      strings,
    };
  }

  /** Annotates the text in the box. Resolves to the annotations (null for empty text). */
  async annotate() {
    const { text, output } = this.#ui;
    const value = text.value;
    if (!value.trim()) {
      this.#status(this.#strings.empty);
      text.focus();
      return null;
    }
    try {
      await this.ready;
      clear(output);
      output.replaceChildren(this.ownerDocument.createTextNode(value));
      const t0 = performance.now();
      const result = await annotateElement(output, this.#options());
      const ms = performance.now() - t0;
      this.#result = result;
      this.#renderLegend();
      const shown = ms < 1 ? '<1' : Math.round(ms);
      if (result.claims === null) {
        // The entities are shown; the claims models are still on their way.
        this.#status(fmt(this.#strings.findingClaims, { entities: result.entities.length, ms: shown }));
        const full = await claimsShown(output);
        if (!full || this.#result !== result) return full;
        this.#result = full;
        this.#status(fmt(this.#strings.found, { entities: full.entities.length, claims: full.claims.length, ms: shown }));
        this.dispatchEvent(new CustomEvent('newsmark:annotated', { detail: full, bubbles: true }));
        return full;
      }
      this.#status(fmt(this.#strings.found, {
        entities: result.entities.length, claims: result.claims.length, ms: shown,
      }));
      this.dispatchEvent(new CustomEvent('newsmark:annotated', { detail: result, bubbles: true }));
      return result;
    } catch (err) {
      this.#status(fmt(this.#strings.error, { message: err.message }), true);
      throw err;
    }
  }

  #clear() {
    const { text, output } = this.#ui;
    clear(output);
    output.replaceChildren();
    text.value = '';
    this.#result = null;
    this.#renderLegend();
    this.#status(this.#strings.cleared);
    text.focus();
  }

  #status(message, isError = false) {
    const { status } = this.#ui;
    status.textContent = message;
    status.classList.toggle('error', isError);
    status.setAttribute('role', isError ? 'alert' : 'status');
  }

  #renderText() {
    const s = this.#strings;
    const { text, annotate, clear: clearButton, legend, output, label, hint } = this.#ui;
    const doc = this.ownerDocument;
    label.textContent = s.textLabel;
    text.placeholder = s.placeholder;
    annotate.replaceChildren(`${s.annotate} `, h(doc, 'kbd', {}, 'Ctrl'), '+', h(doc, 'kbd', {}, 'Enter'));
    clearButton.textContent = s.clear;
    legend.setAttribute('aria-label', s.legend);
    output.setAttribute('aria-label', s.output);
    output.setAttribute('data-empty', s.outputEmpty);
    hint.textContent = s.keysHint;
  }

  #renderLegend() {
    const { legend, hint } = this.#ui;
    const doc = this.ownerDocument;
    const opts = this.#options();
    const current = getAnnotations(this.#ui.output);
    const counts = new Map();
    for (const e of current?.entities ?? []) {
      if (e.status !== 'deleted' && e.status !== 'rejected') counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    }
    const s = this.#strings;
    const names = { ...DEFAULT_STRINGS.labels, ...s.labels };
    const descriptions = { ...DEFAULT_STRINGS.descriptions, ...s.descriptions };
    // Key numbers follow labels() order, whichever labels are shown.
    const items = labelInfos().map(({ name, description }, i) => {
      if (!opts.labels.includes(name)) return null;
      const n = counts.get(name) ?? 0;
      return h(doc, 'li', { 'data-label': name, title: descriptions[name] ?? description },
        opts.editable ? h(doc, 'kbd', { title: `key ${i + 1}` }, String(i + 1)) : '',
        h(doc, 'span', { className: 'chip', 'data-label': name }, names[name] ?? name),
        descriptions[name] ?? description,
        h(doc, 'span', { className: 'count', 'aria-label': fmt(s.count, { count: n }) }, String(n)));
    }).filter(Boolean);
    legend.replaceChildren(...items);
    hint.hidden = !opts.editable;
  }
}

if (!customElements.get('newsmark-annotator')) customElements.define('newsmark-annotator', NewsmarkAnnotator);
