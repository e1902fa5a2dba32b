// Newsmark: the public ES module for pages and embedders.
//
//   import { load, annotate } from './newsmark.js';
//   await load();
//   const { entities } = annotate('Ilham Aliyev spoke in Baku.');
//   // entities: [{ start, end, label, text, score }], offsets in UTF-16 code units
//
//   import { annotateElement, clear } from './newsmark.js';
//   await annotateElement(document.querySelector('article'), { editable: true });
//   clear(document.querySelector('article'));   // the original DOM, exactly
//
// Everything runs in the page: the model is inside the wasm file, and the only
// requests are for this module's own files, resolved relative to this module.
// The module defines no globals; it touches the DOM only when annotateElement()
// is called, so load() and annotate() also work in workers.
import init, * as wasm from './pkg/newsmark.js';
import { LABEL_COLORS, markSheet, colorRules } from './newsmark-theme.js';
import { extract, mapStart, mapEnd, piecesOf, rewrap } from './newsmark-text.js';
import { releaseHelperCaches } from './newsmark-async.js';

export { PARALLEL_CHARS, annotateAsync, helperReady, helperCalls, stopHelper } from './newsmark-async.js';

let ready = null;
/** The compiled wasm module, once loaded (a page can hand it to a worker: no second download or compile). */
let compiled = null;

const WASM_URL = new URL('./pkg/newsmark_bg.wasm', import.meta.url);
/** The second file: the check-worthiness and attribution models (the wasm holds only the entity model). */
const CLAIMS_URL = new URL('./pkg/newsmark-claims.bin', import.meta.url);
/** The second module: attribution finding (its code stays out of the first wasm). */
const ATTRIBUTION_URL = new URL('./pkg/newsmark_attribution_bg.wasm', import.meta.url);

/** Compiles the wasm at `url` as it downloads; without the application/wasm type, from the whole file. */
async function compile(url) {
  const response = fetch(url);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (err) {
    const r = await response;
    if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
    if ((r.headers.get('content-type') || '').startsWith('application/wasm')) throw err;
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}
let loaded = false;

/**
 * Fetches and instantiates the wasm module (streaming compilation). Idempotent:
 * later calls return the same promise. Rejects with an Error if the module or
 * its embedded model cannot be loaded; a later call retries.
 * @returns {Promise<void>}
 */
export function load() {
  if (!ready) {
    ready = compile(WASM_URL)
      .then((module) => init({ module_or_path: module }).then(() => module))
      .then((module) => {
        wasm.checkModel();
        compiled = module;
        loaded = true;
        // The claims models come next, while the first entities are shown:
        // after the caller's first annotate(), whose time their download and
        // compile would otherwise share on a small machine (cold start A/B,
        // docs/performance.md).
        setTimeout(() => loadClaims().catch(() => {}), 0);
      })
      .catch((err) => {
        ready = null;
        throw new Error(`Newsmark could not load: ${err && err.message ? err.message : err}`);
      });
  }
  return ready;
}

let claimsReady = null;
/** The claims pack's bytes, once fetched (a page can hand them to a worker). */
let claimsBytes = null;
/** The second module's exports (`pkg/newsmark_attribution.js`), once it and the claims pack are loaded. */
let attribution = null;
/** The second module compiled, once loaded (a page can hand it to a worker). */
let attributionCompiled = null;

/** Imports and instantiates the second module: its glue and its compiled wasm. */
async function loadAttributionModule() {
  const [glue, module] = await Promise.all([import('./pkg/newsmark_attribution.js'), compile(ATTRIBUTION_URL)]);
  await glue.default({ module_or_path: module });
  return { glue, module };
}

/**
 * Fetches the claims pack (`pkg/newsmark-claims.bin`: the check-worthiness and
 * attribution models) and the second module that finds attributions
 * (`pkg/newsmark_attribution_bg.wasm` and its glue), and loads them: about
 * 600 KB gzipped in all. `load()` starts this by itself once the entity model
 * is ready (one task later: after an `annotate()` right after `await load()`),
 * so the first entities never wait for it; until it resolves,
 * `annotate()` returns `claims` and `attributions` as null. Idempotent: later
 * calls return the same promise; a failed load is retried by the next call.
 * @returns {Promise<void>}
 */
export function loadClaims() {
  if (!claimsReady) {
    const pack = () => fetch(CLAIMS_URL).then((r) => {
      if (!r.ok) throw new Error(`${CLAIMS_URL.pathname}: HTTP ${r.status}`);
      return r.arrayBuffer();
    });
    claimsReady = load()
      .then(() => Promise.all([pack(), loadAttributionModule()]))
      .then(([buf, second]) => {
        const bytes = new Uint8Array(buf);
        second.glue.loadAttribution(bytes);
        wasm.loadClaims(bytes);
        claimsBytes = bytes;
        attributionCompiled = second.module;
        attribution = second.glue;
      })
      .catch((err) => {
        claimsReady = null;
        throw new Error(`Newsmark could not load its claims models: ${err && err.message ? err.message : err}`);
      });
  }
  return claimsReady;
}

/** True once the claims models are loaded (see `loadClaims()`). */
export function claimsLoaded() {
  return loaded && attribution !== null && wasm.claimsLoaded();
}

/** The claims pack's bytes once `loadClaims()` has finished, else null: post a copy to a worker that runs Newsmark too. */
export function claimsPack() {
  return claimsBytes;
}

/** The second module (attribution finding) compiled, once `loadClaims()` has finished, else null: post it to a worker with the claims pack. */
export function attributionModule() {
  return attributionCompiled;
}

/**
 * The attributions of `text` as the numbers that the wasm's `annotate(text,
 * attributions)` and `Session.annotateDocument(text, attributions)` take with
 * the same text (found by the second module), or undefined before
 * `loadClaims()` has finished.
 * @param {string} text
 * @returns {Uint32Array | undefined}
 */
export function findAttributions(text) {
  return attribution ? attribution.findAttributions(text) : undefined;
}

/**
 * A claimant's name as shown: its source span's text without the comma that
 * closes an apposition ("Ursula Kessler, the head of Nordwind Energy,"), which
 * PolNeAR, and so the model, count in the span; for a pronoun, with the name
 * it refers to ("She (Maria Lopez)").
 * @param {{ text: string }} source
 * @param {{ text: string } | null | undefined} [refersTo] the mention a pronoun source refers to
 * @returns {string}
 */
export function claimantText(source, refersTo) {
  const who = source.text.replace(/[\s,;:]+$/u, '');
  return refersTo ? `${who} (${refersTo.text})` : who;
}

/** The compiled `WebAssembly.Module` once `load()` has finished, else null: post it to a worker that runs Newsmark too. */
export function wasmModule() {
  return compiled;
}

/** True once `load()` has finished. */
export function isLoaded() {
  return loaded;
}

/**
 * Annotates `text`. Call `await load()` first. The entities are there at once;
 * `claims` and `attributions` are null until the claims models are loaded:
 * `await loadClaims()` first to have them in the same call. With
 * `{ claims: false }`, only the entities are looked for (about half the work
 * on news prose), and `claims` and `attributions` are null.
 * @param {string} text
 * @param {{ claims?: boolean }} [options]
 * @returns {import('./pkg/newsmark.js').AnnotateResult}
 */
export function annotate(text, options = {}) {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  if (typeof text !== 'string') throw new TypeError(`annotate() takes a string, not ${typeof text}`);
  const entitiesOnly = options != null && options.claims === false;
  const result = entitiesOnly ? wasm.annotateEntities(text) : wasm.annotate(text, findAttributions(text));
  if (entitiesOnly || !claimsLoaded()) {
    result.claims = null;
    result.attributions = null;
  }
  return result;
}

/**
 * Frees the memory Newsmark keeps between calls. Each model remembers what it
 * worked out for each word (up to 20,000 word types per model, a few MB), so
 * that later articles, which share most of their words, annotate faster.
 * Results never depend on it; after this call the next article is as slow as
 * the first. A no-op before `load()`. The helper worker of annotateAsync()
 * empties its caches too; stopHelper() frees the whole worker.
 */
export function releaseCaches() {
  if (loaded) wasm.releaseCaches();
  if (attribution) attribution.releaseCaches();
  releaseHelperCaches();
}

/**
 * The labels Newsmark produces, with short descriptions.
 * @returns {import('./pkg/newsmark.js').LabelInfo[]}
 */
export function labels() {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  return wasm.labels();
}

/**
 * The core tokenizer's tokens of `text` as [start0, end0, start1, end1, …], in
 * UTF-16 code units: the edges the model sees ("Germany's" is "Germany" "'s";
 * "U.S." and "6,500" are one token each). Call `await load()` first.
 * @param {string} text
 * @returns {Uint32Array}
 */
export function tokenEdges(text) {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  if (typeof text !== 'string') throw new TypeError(`tokenEdges() takes a string, not ${typeof text}`);
  return wasm.tokenEdges(text);
}

/** The library version. */
export function version() {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  return wasm.version();
}

// ------------------------------------------------------------------ in place
//
// annotateElement() reads an article element's text, annotates it, and wraps the
// mentions in place in <nm-mark> elements (claims in <nm-claim>), one wrapper per
// text node a mention touches, so the host's markup (links, emphasis, figures,
// a name half inside <b>) stays as it was. clear() puts the original text nodes
// back, so the element's outerHTML is exactly what it was before. How the text
// the model reads is built from the element, and mapped back, is in
// newsmark-text.js.

const ALL_LABELS = Object.freeze(Object.keys(LABEL_COLORS)); // labels() order

/** Default UI strings; every one can be replaced through `options.strings`. */
export const DEFAULT_STRINGS = Object.freeze({
  /** Label name shown after a highlight, per label (default: the label itself, e.g. "PER"). */
  labels: Object.freeze({}),
  /** Label description for tooltips, per label (default: from labels()). */
  descriptions: Object.freeze({}),
  /** Tooltip of a highlight. Placeholders: {text} {label} {name} {description} {score} {status}. */
  tooltip: '{name} ({description}), confidence {score}%',
  /** Tooltip of a check-worthy claim. Placeholders: {kind} {score}. */
  claim: 'Check-worthy claim ({kind}), score {score}%',
  /** Added to a claim's tooltip when it has a claimant. Placeholder: {claimant}. */
  claimant: 'claimant: {claimant}',
  kinds: Object.freeze({
    quantity: 'quantity', correlation_causation: 'correlation or causation', laws_rules: 'laws or rules',
    prediction: 'prediction', personal_experience: 'personal experience', other: 'other',
  }),
  status: Object.freeze({ suggested: 'suggestion', accepted: 'accepted', rejected: 'rejected', deleted: 'removed' }),
  /** Appended to the label shown after an accepted highlight. */
  acceptedTag: ' ✓',
  /** Editable mode: the accessible name of a focused highlight. */
  entity: '{text}: {name}, {description}, {status}',
  /** Editable mode: what screen readers call a highlight. */
  roleDescription: 'highlight',
  /** Editable mode: added to the tooltip of each highlight. */
  keys: 'Tab: next; 1 to 9: change the label; A: accept; X: reject; Delete: remove.',
  /** Editable mode, the review form (R on a highlight in a claim, or reviewClaim()). */
  reviewTitle: 'Review this claim',
  reviewRating: 'Rating (a short verdict, e.g. False, Misleading)',
  reviewUrl: 'Fact-check address',
  reviewOrganization: 'Your organisation',
  reviewSave: 'Save review',
  reviewCancel: 'Cancel',
  reviewMissing: 'Rating, address (https://…) and organisation are required.',
  /** Added to a reviewed claim's tooltip. Placeholder: {rating}. */
  reviewed: 'reviewed: {rating}',
});

/** Per element: the live annotation (see Instance below). Module-private; no globals. */
const instances = new WeakMap();
/** Per element: bumped by clear(), so an annotateElement() still waiting for load() gives up. */
const generations = new WeakMap();
/** Per document or shadow root: how many annotated elements use the highlight sheet. */
const sheetUsers = new WeakMap();
let instanceCount = 0;

function fmt(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

function isElement(el) {
  return el != null && typeof el === 'object' && el.nodeType === 1 && typeof el.getRootNode === 'function';
}

function safeColor(win, label, value) {
  const v = String(value).trim();
  // Only plain colour syntax: the value goes into a stylesheet rule.
  if (!/^[#\w\s(),.%/+-]+$/.test(v) || !win.CSS.supports('background-color', v)) {
    throw new TypeError(`options.colors.${label}: not a CSS colour: ${JSON.stringify(String(value))}`);
  }
  return v;
}

function normalizeOptions(el, options) {
  if (options == null) options = {};
  if (typeof options !== 'object') throw new TypeError('annotateElement(el, options): options must be an object');
  const win = el.ownerDocument.defaultView || globalThis;
  let shown = ALL_LABELS;
  if (options.labels != null) {
    const list = typeof options.labels === 'string' ? options.labels.split(/[\s,]+/).filter(Boolean) : [...options.labels];
    shown = list.map((l) => String(l).toUpperCase());
    const bad = shown.filter((l) => !ALL_LABELS.includes(l));
    if (bad.length) throw new RangeError(`options.labels: unknown label ${bad.join(', ')} (known: ${ALL_LABELS.join(' ')})`);
  }
  const colors = {};
  for (const [label, value] of Object.entries(options.colors ?? {})) {
    const name = label.toUpperCase();
    if (!ALL_LABELS.includes(name)) throw new RangeError(`options.colors: unknown label ${label}`);
    colors[name] = safeColor(win, name, value);
  }
  const minScore = options.minScore == null ? 0 : Number(options.minScore);
  if (!(minScore >= 0 && minScore <= 1)) throw new RangeError('options.minScore must be a number from 0 to 1');
  const s = options.strings ?? {};
  const strings = {
    ...DEFAULT_STRINGS, ...s,
    labels: { ...DEFAULT_STRINGS.labels, ...s.labels },
    descriptions: { ...DEFAULT_STRINGS.descriptions, ...s.descriptions },
    kinds: { ...DEFAULT_STRINGS.kinds, ...s.kinds },
    status: { ...DEFAULT_STRINGS.status, ...s.status },
  };
  return {
    labels: new Set(shown),
    colors,
    editable: Boolean(options.editable),
    minScore,
    claims: options.claims !== false,
    showLabels: options.showLabels !== false,
    strings,
  };
}

function defineWrappers(win) {
  // Defined (empty) custom elements, so host rules like `:not(:defined) { display: none }` miss them.
  if (!win || !win.customElements) return;
  for (const name of ['nm-mark', 'nm-claim']) {
    if (!win.customElements.get(name)) win.customElements.define(name, class extends win.HTMLElement {});
  }
}

function styleRoot(el) {
  const root = el.getRootNode();
  return root && 'adoptedStyleSheets' in root ? root : el.ownerDocument;
}

function adopt(root, sheets) {
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets.filter((s) => !root.adoptedStyleSheets.includes(s))];
}

function unadopt(root, sheets) {
  root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => !sheets.includes(s));
}

function snapshot(ent) {
  return { start: ent.start, end: ent.end, label: ent.label, text: ent.text, score: ent.score, status: ent.status };
}

/** One annotated element. */
class Instance {
  constructor(el, opts, infos) {
    this.el = el;
    this.opts = opts;
    this.id = String(++instanceCount);
    this.order = infos.map((l) => l.name);
    this.descriptions = Object.fromEntries(infos.map((l) => [l.name, l.description]));
    this.records = []; // { node, data, tops } per text node we replaced
    this.entities = []; // { index, start, end, label, text, score, status, pieces, head }
    this.byHead = new Map(); // first piece -> entity
    this.byIndex = new Map(); // index in the result -> entity
    this.current = null; // the entity whose first piece is in the tab order
    this.claims = []; // the result's claims, each with its review (null until reviewed)
    this.claimEls = new Map(); // claim index -> its <nm-claim> wrappers
    this.edited = false; // an edit was made (then arriving claims do not re-annotate)
    this.claimsReady = null; // resolves to the annotations with claims once they are shown
    this.sheets = [];
    this.root = null;
    this.listeners = [];
  }

  name(label) { return this.opts.strings.labels[label] ?? label; }
  description(label) { return this.opts.strings.descriptions[label] ?? this.descriptions[label] ?? ''; }

  /** Sets every attribute that depends on an entity's label and status. */
  paint(ent) {
    const { strings, showLabels, editable } = this.opts;
    const vars = {
      text: ent.text, label: ent.label, name: this.name(ent.label), description: this.description(ent.label),
      score: (100 * ent.score).toFixed(0), status: strings.status[ent.status] ?? ent.status,
    };
    const gone = ent.status === 'deleted' || ent.status === 'rejected';
    const title = fmt(strings.tooltip, vars) + (editable && !gone ? `\n${strings.keys}` : '');
    const n = ent.pieces.length;
    ent.pieces.forEach((m, i) => {
      m.setAttribute('data-nm-label', ent.label);
      m.setAttribute('data-nm-status', ent.status);
      m.setAttribute('data-nm-part', n === 1 ? 'only' : i === 0 ? 'first' : i === n - 1 ? 'last' : 'middle');
      if (gone) m.removeAttribute('title');
      else m.setAttribute('title', title);
    });
    const last = ent.pieces[n - 1];
    if (showLabels && !gone) {
      last.setAttribute('data-nm-tag', this.name(ent.label) + (ent.status === 'accepted' ? strings.acceptedTag : ''));
    } else last.removeAttribute('data-nm-tag');
    if (editable) {
      const head = ent.head;
      if (gone) {
        for (const a of ['tabindex', 'role', 'aria-roledescription', 'aria-label']) head.removeAttribute(a);
      } else {
        head.setAttribute('tabindex', ent === this.current ? '0' : '-1');
        head.setAttribute('role', 'button');
        head.setAttribute('aria-roledescription', strings.roleDescription);
        head.setAttribute('aria-label', fmt(strings.entity, vars));
      }
    }
  }

  live() { return this.entities.filter((e) => e.status !== 'deleted' && e.status !== 'rejected'); }

  setCurrent(ent) {
    const old = this.current;
    this.current = ent;
    if (old && old !== ent && old.head.hasAttribute('tabindex')) old.head.setAttribute('tabindex', '-1');
    if (ent) ent.head.setAttribute('tabindex', '0');
  }

  focus(ent) {
    this.setCurrent(ent);
    ent.head.focus();
  }

  neighbour(ent, step) {
    const live = this.live();
    const i = live.indexOf(ent);
    return i < 0 ? null : live[i + step] ?? null;
  }

  emit(type, ent, previous, key) {
    this.edited = true;
    const detail = { type, index: ent.index, entity: snapshot(ent), previous, key };
    this.el.dispatchEvent(new CustomEvent('newsmark:change', { detail, bubbles: true }));
  }

  onKeydown(ev) {
    const ent = this.byHead.get(ev.target);
    if (!ent || ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const key = ev.key;
    if (key === 'Tab') {
      const next = this.neighbour(ent, ev.shiftKey ? -1 : 1);
      if (next) { // otherwise Tab leaves the highlights as usual
        ev.preventDefault();
        this.focus(next);
      }
      return;
    }
    if ((key === 'r' || key === 'R') && this.opts.claims) {
      const ci = this.claims.findIndex((c) => c.start <= ent.start && ent.end <= c.end);
      if (ci >= 0) {
        ev.preventDefault();
        openReviewForm(this, ci, ent.head);
      }
      return;
    }
    const digit = /^[1-9]$/.test(key) ? Number(key) : /^(Digit|Numpad)[1-9]$/.test(ev.code) ? Number(ev.code.slice(-1)) : 0;
    const previous = { label: ent.label, status: ent.status };
    if (digit) {
      const label = this.order[digit - 1];
      ev.preventDefault();
      if (!label || label === ent.label) return;
      ent.label = label;
      ent.status = 'accepted';
      this.paint(ent);
      this.emit('relabel', ent, previous, key);
    } else if (key === 'a' || key === 'A') {
      ev.preventDefault();
      if (ent.status === 'accepted') return;
      ent.status = 'accepted';
      this.paint(ent);
      this.emit('accept', ent, previous, key);
    } else if (key === 'x' || key === 'X' || key === 'Delete' || key === 'Backspace') {
      ev.preventDefault();
      const next = this.neighbour(ent, 1) ?? this.neighbour(ent, -1);
      ent.status = key === 'x' || key === 'X' ? 'rejected' : 'deleted';
      if (this.current === ent) this.current = null;
      this.paint(ent);
      for (const m of ent.pieces) m.removeAttribute('data-nm-focus');
      if (next) this.focus(next);
      else ent.head.blur();
      this.emit(ent.status === 'rejected' ? 'reject' : 'delete', ent, previous, key);
    }
  }

  onFocus(ev, on) {
    const ent = this.byHead.get(ev.target);
    if (!ent) return;
    if (on) this.setCurrent(ent);
    for (const m of ent.pieces) {
      if (on) m.setAttribute('data-nm-focus', '');
      else m.removeAttribute('data-nm-focus');
    }
  }

  onClick(ev) {
    const m = ev.target && ev.target.closest ? ev.target.closest(`nm-mark[data-nm-inst="${this.id}"]`) : null;
    const ent = m && this.byIndex.get(Number(m.getAttribute('data-nm-id')));
    if (ent && ent.status !== 'deleted' && ent.status !== 'rejected') this.focus(ent);
  }

  listen() {
    const add = (type, fn) => {
      this.el.addEventListener(type, fn);
      this.listeners.push([type, fn]);
    };
    add('keydown', (ev) => this.onKeydown(ev));
    add('focusin', (ev) => this.onFocus(ev, true));
    add('focusout', (ev) => this.onFocus(ev, false));
    add('click', (ev) => this.onClick(ev));
  }

  /** Undoes everything: listeners, wrappers, stylesheets. */
  restore() {
    for (const [type, fn] of this.listeners) this.el.removeEventListener(type, fn);
    this.listeners = [];
    for (let i = this.records.length - 1; i >= 0; i--) {
      const { node, data, tops } = this.records[i];
      const first = tops[0];
      const parent = first.parentNode;
      if (!parent) continue; // the host removed this part of the DOM meanwhile
      node.data = data;
      parent.insertBefore(node, first);
      for (const top of tops) if (top !== node && top.parentNode) top.remove();
    }
    this.records = [];
    if (this.root) {
      const users = (sheetUsers.get(this.root) ?? 1) - 1;
      sheetUsers.set(this.root, users);
      unadopt(this.root, users > 0 ? this.sheets.slice(1) : this.sheets);
    }
  }
}

/** Undoes el's annotation, if any (without cancelling pending annotateElement() calls). */
function release(el) {
  const inst = instances.get(el);
  if (!inst) return false;
  instances.delete(el);
  inst.restore();
  return true;
}

function annotateNow(el, opts) {
  release(el);
  // Two annotations must not nest: each one's clear() relies on its own wrappers.
  for (let a = el.parentNode; a; a = a.parentNode) {
    if (instances.has(a)) throw new Error('annotateElement(el): an ancestor of el is annotated; clear() it first');
  }
  if (el.querySelector('nm-mark[data-nm-inst], nm-claim[data-nm-inst]')) {
    throw new Error('annotateElement(el): el contains annotated elements; clear() them first');
  }
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  defineWrappers(win);
  const infos = wasm.labels();
  const inst = new Instance(el, opts, infos);
  const full = el.textContent;
  const ex = extract(el);
  // { claims: false }: the entity pass alone (about half the work on news prose).
  const entitiesOnly = !opts.claims;
  const raw = entitiesOnly ? wasm.annotateEntities(ex.text) : wasm.annotate(ex.text, findAttributions(ex.text));

  const span = (x) => {
    const start = mapStart(ex, x.start);
    const end = Math.max(start, mapEnd(ex, x.end));
    return { start, end, text: full.slice(start, end) };
  };
  // Entities: those shown, renumbered; attributions point into the new list.
  const keep = new Map();
  const entities = [];
  raw.entities.forEach((e, i) => {
    if (!opts.labels.has(e.label) || e.score < opts.minScore) return;
    keep.set(i, entities.length);
    entities.push({ ...span(e), label: e.label, score: e.score, _a: [e.start, e.end] });
  });
  const claims = entitiesOnly ? [] : raw.claims.map((c) => ({ ...c, ...span(c), _a: [c.start, c.end] }));
  const attributions = (entitiesOnly ? [] : raw.attributions).map((at) => ({
    ...at,
    source: at.source ? span(at.source) : null,
    cue: span(at.cue),
    content: span(at.content),
    content_pieces: at.content_pieces.map(span),
    source_entity: at.source_entity == null ? null : keep.get(at.source_entity) ?? null,
    source_refers_to: at.source_refers_to == null ? null : keep.get(at.source_refers_to) ?? null,
    // The name a pronoun source refers to, shown even when its label is hidden.
    _refers: at.source_refers_to == null ? null : span(raw.entities[at.source_refers_to]),
  }));

  // Which pieces of which text nodes to wrap.
  const bySeg = new Map();
  const add = (seg, range) => {
    if (!bySeg.has(seg)) bySeg.set(seg, []);
    bySeg.get(seg).push(range);
  };
  inst.entities = entities.map((e, index) => ({
    index, start: e.start, end: e.end, label: e.label, text: e.text, score: e.score,
    status: 'suggested', pieces: [], head: null,
  }));
  entities.forEach((e, index) => {
    const ent = inst.entities[index];
    for (const p of piecesOf(ex, e._a[0], e._a[1])) {
      add(p.seg, {
        from: p.from, to: p.to, kind: 'ent',
        make: () => {
          const m = doc.createElement('nm-mark');
          m.setAttribute('data-nm-inst', inst.id);
          m.setAttribute('data-nm-id', String(index));
          ent.pieces.push(m);
          return m;
        },
      });
    }
  });
  if (opts.claims) {
    const s = opts.strings;
    claims.forEach((c, i) => {
      const at = c.attribution == null ? null : attributions[c.attribution];
      const who = at && at.source ? claimantText(at.source, at._refers) : null;
      const title = fmt(s.claim, { kind: s.kinds[c.kind] ?? c.kind, score: (100 * c.score).toFixed(0) })
        + (who ? `, ${fmt(s.claimant, { claimant: who })}` : '');
      for (const p of piecesOf(ex, c._a[0], c._a[1])) {
        add(p.seg, {
          from: p.from, to: p.to, kind: 'claim',
          make: () => {
            const w = doc.createElement('nm-claim');
            w.setAttribute('data-nm-inst', inst.id);
            w.setAttribute('data-nm-claim', String(i));
            w.setAttribute('data-nm-kind', c.kind);
            w.setAttribute('title', title);
            if (!inst.claimEls.has(i)) inst.claimEls.set(i, []);
            inst.claimEls.get(i).push(w);
            return w;
          },
        });
      }
    });
  }
  // Stylesheets first, so the highlights never show unstyled.
  inst.root = styleRoot(el);
  inst.sheets = [markSheet(win)];
  const rules = colorRules(inst.id, opts.colors);
  if (rules.length) {
    const own = new win.CSSStyleSheet();
    own.replaceSync(rules.join('\n'));
    inst.sheets.push(own);
  }
  adopt(inst.root, inst.sheets);
  sheetUsers.set(inst.root, (sheetUsers.get(inst.root) ?? 0) + 1);

  for (const [seg, ranges] of [...bySeg].sort((x, y) => x[0] - y[0])) {
    const { node } = ex.segs[seg];
    const data = node.data;
    const parent = node.parentNode;
    const next = node.nextSibling;
    const tops = rewrap(node, ranges);
    const frag = doc.createDocumentFragment();
    frag.append(...tops);
    parent.insertBefore(frag, next);
    inst.records.push({ node, data, tops });
  }
  instances.set(el, inst);
  inst.entities = inst.entities.filter((ent) => ent.pieces.length > 0);
  inst.entities.forEach((ent) => {
    ent.head = ent.pieces[0];
    inst.byHead.set(ent.head, ent);
    inst.byIndex.set(ent.index, ent);
  });
  if (opts.editable) {
    inst.current = inst.entities[0] ?? null;
    inst.listen();
  }
  inst.entities.forEach((ent) => inst.paint(ent));

  const strip = ({ _a, ...x }) => x;
  const pending = opts.claims && !claimsLoaded();
  inst.claims = pending ? [] : claims.map((c) => ({ ...strip(c), review: null }));
  const result = {
    entities: entities.map(strip),
    claims: pending || entitiesOnly ? null : claims.map(strip),
    attributions: pending || entitiesOnly ? null : attributions.map(({ _refers, ...x }) => x),
  };
  el.dispatchEvent(new CustomEvent('newsmark:annotated', { detail: result, bubbles: true }));
  if (pending) {
    // The entities are shown; the claims follow when their models arrive: the
    // element is annotated again with them, unless it was cleared, annotated
    // anew or edited meanwhile.
    inst.claimsReady = loadClaims().then(() => {
      if (instances.get(el) !== inst || inst.edited) return null;
      const full = annotateNow(el, opts);
      el.dispatchEvent(new CustomEvent('newsmark:claims', { detail: full, bubbles: true }));
      return full;
    });
    inst.claimsReady.catch(() => {});
  } else {
    inst.claimsReady = Promise.resolve(result);
  }
  return result;
}

/**
 * The annotations of `el` with its claims, once they are shown: annotateElement()
 * shows the entities at once and the claims when the claims models have arrived
 * (then `newsmark:claims` is dispatched on `el`). Resolves to null if `el` was
 * cleared, annotated anew or edited before the claims came, or is not annotated;
 * rejects if the claims models cannot be loaded.
 * @param {Element} el
 * @returns {Promise<import('./pkg/newsmark.js').AnnotateResult | null>}
 */
export function claimsShown(el) {
  const inst = instances.get(el);
  return inst ? inst.claimsReady : Promise.resolve(null);
}

/**
 * Annotates the text of an existing element in place: mentions are wrapped in
 * <nm-mark> elements (claims in <nm-claim>) inside the host's own markup, which
 * is otherwise left as it is; el.textContent does not change. Calling it again
 * re-annotates (after clear()). Loads the model first if needed.
 *
 * Options: `labels` (labels to show, default all), `colors` ({ PER: '#cfe2ff', … }),
 * `editable` (keyboard corrections, default false), `minScore` (0–1, default 0),
 * `claims` (underline check-worthy claims, default true; false: look for
 * entities only, about half the work, and the result's `claims` and
 * `attributions` are null), `showLabels` (the label
 * name after each highlight, default true), `strings` (UI text, see DEFAULT_STRINGS).
 *
 * Dispatches `newsmark:annotated` on `el` (detail: the annotations) and, in
 * editable mode, `newsmark:change` for each edit.
 *
 * Claims come second: the entities are shown at once, and if the claims
 * models are still loading (see `loadClaims()`), the result's `claims` and
 * `attributions` are null and the element is annotated again with its claims
 * as soon as they arrive, dispatching `newsmark:annotated` again and then
 * `newsmark:claims` (detail: the annotations with claims). Wait for them with
 * `await claimsShown(el)`, or `await loadClaims()` before annotateElement().
 *
 * @param {Element} el
 * @param {object} [options]
 * @returns {Promise<import('./pkg/newsmark.js').AnnotateResult | null>} the annotations shown, offsets in
 *   UTF-16 code units into el.textContent (`text === el.textContent.slice(start, end)`); null if
 *   clear(el) was called before the model finished loading. When the model is already loaded, the
 *   element is annotated before this returns.
 */
export function annotateElement(el, options = {}) {
  let opts;
  try {
    if (!isElement(el)) throw new TypeError('annotateElement(el): el must be an Element');
    opts = normalizeOptions(el, options);
  } catch (err) {
    return Promise.reject(err);
  }
  const gen = generations.get(el) ?? 0;
  const run = () => ((generations.get(el) ?? 0) === gen ? annotateNow(el, opts) : null);
  if (loaded) {
    try {
      return Promise.resolve(run());
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return load().then(run);
}

/**
 * Removes everything annotateElement() added to `el` and puts the original text
 * nodes back: el.outerHTML is exactly what it was, and the host's nodes are the
 * same objects. Also cancels annotateElement() calls on `el` still waiting for
 * the model (they resolve to null). Returns true if there was something to clear.
 * @param {Element} el
 * @returns {boolean}
 */
export function clear(el) {
  if (!isElement(el)) throw new TypeError('clear(el): el must be an Element');
  generations.set(el, (generations.get(el) ?? 0) + 1);
  return release(el);
}

/**
 * The current state of an annotated element, edits included: entities carry a
 * `status` ('suggested', 'accepted', 'rejected' or 'deleted'). Null if `el` is
 * not annotated.
 * @param {Element} el
 */
export function getAnnotations(el) {
  const inst = instances.get(el);
  return inst ? { entities: inst.entities.map(snapshot), claims: inst.claims.map((c) => ({ ...c })) } : null;
}

/**
 * Sets a fact-checker's review of claim `index` of an annotated element (an
 * index into the result's `claims`), or removes it (`review` null). A review
 * is `{ rating, url, organization }` (required: the verdict, the fact-check's
 * address, the reviewing organisation) and optionally `rating_value`,
 * `best_rating`, `worst_rating`, `date`, `claimant`, `claimant_type`,
 * `appearance`: the `review` of a claim in Newsmark's JSON, which exports it as
 * a schema.org ClaimReview. Dispatches `newsmark:change` (type 'review') and
 * returns the claim as it now is. In editable mode, R on a highlight inside a
 * claim opens a form for it.
 * @param {Element} el
 * @param {number} index
 * @param {object | null} review
 */
export function reviewClaim(el, index, review) {
  const inst = instances.get(el);
  if (!inst) throw new Error('reviewClaim(el): el is not annotated');
  const claim = inst.claims[index];
  if (!claim) throw new RangeError(`reviewClaim(el, index): no claim ${index}`);
  let clean = null;
  if (review != null) {
    const text = (k) => (typeof review[k] === 'string' ? review[k].trim() : '');
    if (!text('rating') || !/^https?:\/\/\S+$/i.test(text('url')) || !text('organization')) {
      throw new TypeError('reviewClaim(el, index, review): review needs rating, url (http or https) and organization strings');
    }
    clean = { rating: text('rating'), url: text('url'), organization: text('organization') };
    for (const k of ['rating_value', 'best_rating', 'worst_rating']) {
      if (review[k] != null && review[k] !== '') {
        const n = Number(review[k]);
        if (!Number.isInteger(n)) throw new TypeError(`reviewClaim: ${k} must be a whole number`);
        clean[k] = n;
      }
    }
    for (const k of ['date', 'claimant', 'claimant_type', 'appearance']) if (text(k)) clean[k] = text(k);
  }
  const previous = claim.review;
  claim.review = clean;
  const s = inst.opts.strings;
  for (const w of inst.claimEls.get(index) ?? []) {
    const base = w.getAttribute('title').split('\n')[0];
    if (clean) {
      w.setAttribute('data-nm-reviewed', clean.rating);
      w.setAttribute('title', `${base}\n${fmt(s.reviewed, { rating: clean.rating })}`);
    } else {
      w.removeAttribute('data-nm-reviewed');
      w.setAttribute('title', base);
    }
  }
  const detail = { type: 'review', index, claim: { ...claim }, previous, key: null };
  el.dispatchEvent(new CustomEvent('newsmark:change', { detail, bubbles: true }));
  return { ...claim };
}

const REVIEW_CSS = `:host { all: initial; }
dialog { font: 16px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff; border: 1px solid #888; border-radius: 8px; padding: 1em; max-width: min(32em, calc(100vw - 2em)); }
dialog::backdrop { background: rgba(0, 0, 0, 0.45); }
h2 { font-size: 1.15em; margin: 0 0 0.5em; }
blockquote { margin: 0 0 0.75em; padding-left: 0.75em; border-left: 3px solid #b45309; max-height: 6em; overflow: auto; }
label { display: block; margin: 0.5em 0 0.15em; }
input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.2em 0.35em; }
p.error { color: #b00020; font-weight: 600; min-height: 1em; }
button { font: inherit; margin-right: 0.5em; padding: 0.25em 0.75em; }`;

/** The review form of the embed: a modal dialog in its own shadow root, removed when it closes. */
function openReviewForm(inst, ci, returnTo) {
  const doc = inst.el.ownerDocument;
  const win = doc.defaultView;
  const s = inst.opts.strings;
  const claim = inst.claims[ci];
  const host = doc.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(REVIEW_CSS);
  root.adoptedStyleSheets = [sheet];
  const el = (tag, attrs = {}, ...kids) => {
    const n = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    n.append(...kids);
    return n;
  };
  const field = (id, label, type, value) => [
    el('label', { for: id }, label),
    el('input', { id, type, value: value ?? '', autocomplete: 'off' }),
  ];
  const r = claim.review ?? {};
  const error = el('p', { class: 'error', role: 'alert' });
  const save = el('button', { type: 'submit' }, s.reviewSave);
  const cancel = el('button', { type: 'button' }, s.reviewCancel);
  const form = el('form', { method: 'dialog', novalidate: '' },
    el('h2', { id: 'title' }, s.reviewTitle), el('blockquote', {}, claim.text),
    ...field('rating', s.reviewRating, 'text', r.rating),
    ...field('url', s.reviewUrl, 'url', r.url),
    ...field('organization', s.reviewOrganization, 'text', r.organization),
    error, el('p', {}, save, cancel));
  const dialog = el('dialog', { 'aria-labelledby': 'title' }, form);
  root.append(dialog);
  doc.body.append(host);
  const value = (id) => root.getElementById(id).value;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    try {
      reviewClaim(inst.el, ci, { ...r, rating: value('rating'), url: value('url'), organization: value('organization'),
        date: r.date ?? new Date().toISOString().slice(0, 10) });
      dialog.close();
    } catch {
      error.textContent = s.reviewMissing;
    }
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    host.remove();
    if (returnTo && returnTo.isConnected) returnTo.focus();
  });
  dialog.showModal();
  root.getElementById('rating').focus();
}
