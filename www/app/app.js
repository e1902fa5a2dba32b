// The Newsmark page: paste an article, annotate it, correct it by keyboard.
//
//   state.js    the one owner of the document and its undo history
//   edits.js    every edit, as a pure function from the document to ops
//   render.js   the article, rendered per paragraph (an edit redraws only its paragraphs)
//   sidebar.js  legend, entity groups, filter, claims, history, saved articles
//   session.js  the wasm Session: annotates, and learns from the corrections
//   background.js, worker.js, pieces.js  long texts, annotated piece by piece in a worker
//   store.js    IndexedDB: articles, history, learned state (nothing leaves the machine)
//   pack.js     compact article records for the store
//   journal.js  every edit also logged synchronously (localStorage), for a tab killed mid-edit
//   files.js    exports and imports in every format of formats()
//
// All user text goes into the DOM as text nodes; nothing is parsed as HTML.
//
// Long texts: up to SYNC_MAX code units a text is annotated right here (a few
// ms; a worker round trip would only add to it). Longer ones go to a worker,
// piece by piece, with a progress bar and a Cancel button, and long articles
// are rendered in slices (render.js): no task on this thread takes long. Texts
// over MAX_TEXT are refused with a message.
import { load, labels as labelInfos, wasmModule } from '../newsmark/newsmark.js';
import { ArticleState, newId, titleOf, replay } from './state.js';
import * as E from './edits.js';
import { ArticleView, yieldToBrowser } from './render.js';
import { Sidebar, timeOf } from './sidebar.js';
import { LearningSession } from './session.js';
import { BackgroundAnnotator } from './background.js';
import { annotateInPieces, emptyDocument, appendPiece } from './pieces.js';
import * as store from './store.js';
import * as journal from './journal.js';
import { listFormats, exportAs, download, detectFormat, importAs, FORMAT_NAMES } from './files.js';
import { firstStartingAt } from './text.js';
import { moveEdge, snapToTokens, tokenEndAfter, tokenStartAt, tokenStartBefore } from './tokens.js';

const $ = (id) => document.getElementById(id);
const ui = {
  text: $('text'), annotate: $('annotate'), example: $('example'), clear: $('clear'), status: $('status'),
  output: $('output'), legend: $('legend'), claimLegend: $('claim-legend'), keys: $('keys'),
  claims: $('claims'), claimCount: $('claim-count'), entityCount: $('entity-count'),
  filter: $('filter'), groups: $('groups'), history: $('history'), articles: $('articles'),
  undo: $('undo'), redo: $('redo'), mode: $('mode'), helpOpen: $('help-open'), help: $('help'), helpClose: $('help-close'),
  saved: $('saved'), editStatus: $('edit-status'), offer: $('offer'), offerText: $('offer-text'),
  offerApply: $('offer-apply'), offerDismiss: $('offer-dismiss'), tip: $('tip'),
  exports: $('exports'), importFormat: $('import-format'), importFile: $('import-file'), filesStatus: $('files-status'),
  learned: $('learned'), learnedExport: $('learned-export'), learnedImport: $('learned-import'),
  learnedReset: $('learned-reset'), learnStatus: $('learn-status'),
  run: $('run'), runBar: $('run-bar'), runText: $('run-text'), cancel: $('cancel'), storage: $('storage-warning'),
};

/** Up to this many UTF-16 code units, a text is annotated on this thread (under ~30 ms). */
const SYNC_MAX = 32 * 1024;
/**
 * The longest text the page annotates, in UTF-16 code units (see README): 20
 * million, four times the 5 MB the worker is tested with; the annotations of
 * such a text take a few hundred MB of this tab's memory.
 */
const MAX_TEXT = 20_000_000;
/** Articles longer than this are rendered in slices (renderAllAsync). */
const LARGE_RENDER = 32 * 1024;

const EXAMPLE = `FRANKFURT, March 4 (Newsmark example, fictional) - Lufthansa said on Tuesday it would buy 20 Airbus A350 jets, as chief executive Carsten Spohr bet on a rebound in travel to Asia.

The order, announced at a news conference in Frankfurt, follows talks with Boeing that ended without a deal, according to two people familiar with the matter.

“We see strong demand on routes to Tokyo, Singapore and Mumbai,” Spohr told reporters. The German carrier's shares rose 3.5% in early trading.

The European Commission and Germany's finance ministry declined to comment.`;

const state = new ArticleState();
let labels = [];
let view = null;
let sidebar = null;
let session = null;
let claimsMode = false;
let offer = null;
let hidden = new Set();
/** Where the last keyboard selection ended: → continues from there once it is used. */
let caret = -1;

function setStatus(el, message, isError = false) {
  el.textContent = message;
  el.classList.toggle('error', isError);
  el.setAttribute('role', isError ? 'alert' : 'status');
}
const say = (message, isError = false) => setStatus(ui.editStatus, message, isError);

// ------------------------------------------------------------------ rendering

/** Set while a long run commits the article it has already rendered (see annotateLong). */
let prerendered = false;

state.addEventListener('change', (ev) => {
  const d = ev.detail;
  if (d.how === 'edit' || d.how === 'undo' || d.how === 'redo') {
    // Logged first, synchronously: a tab killed right after this key press still has the change.
    journal.log(state.id, d.how === 'edit' ? { seq: d.seq, how: 'edit', entry: d.entry } : { seq: d.seq, how: d.how, n: d.entry.n });
  }
  if (prerendered || d.full) {
    if (prerendered) view.adopt(state.doc); // a long run rendered it (and its entity groups) already
    else if (state.doc && state.doc.text.length > LARGE_RENDER) {
      renderInSlices(state.doc);
      sidebar.renderEntitiesAsync(state.doc).catch((err) => setStatus(ui.status, `Could not list the entities: ${err.message}`, true));
    } else {
      view.renderAll(state.doc);
      sidebar.renderEntities(state.doc);
    }
    sidebar.renderClaims(state.doc);
  } else {
    if (view.renderRanges(state.doc, d.ranges) < 0) {
      // An annotation now crosses a paragraph edge: the whole article again.
      if (state.doc.text.length > LARGE_RENDER) renderInSlices(state.doc);
      else view.renderAll(state.doc);
    }
    sidebar.renderEntities(state.doc, d.labels);
    if (d.claims) sidebar.renderClaims(state.doc);
  }
  sidebar.renderHistory(state);
  const has = !!state.doc;
  for (const b of ui.exports.querySelectorAll('button')) b.disabled = !has;
  if (d.how === 'edit' || d.how === 'undo' || d.how === 'redo') {
    if (d.how !== 'edit') hideOffer();
    saveSoon();
    if (d.full) lesson.all = true;
    else lesson.ranges.push(...d.ranges);
    session.schedule(nextLesson);
  } else if (d.how === 'open') {
    hideOffer();
    caret = -1;
    lesson.ranges = [];
    lesson.all = false;
    if (!d.restored) saveSoon();
  }
  if (claimsMode) showAttribution(document.activeElement);
});

// What the session learns from: the paragraphs edited since it last learned
// (the whole article after an import).
const lesson = { ranges: [], all: false };
function nextLesson() {
  const doc = state.doc;
  const sub = !doc ? null : lesson.all ? doc : E.excerpt(doc, lesson.ranges);
  lesson.ranges = [];
  lesson.all = false;
  return sub;
}

// ------------------------------------------------------------------ saving

let saveTimer = 0;
let saving = Promise.resolve();
function setSaved(stateName, message) {
  ui.saved.dataset.state = stateName;
  ui.saved.textContent = message;
}
function saveSoon(delay = 250) {
  if (!state.doc) return;
  setSaved('pending', 'Saving…');
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, delay);
}
function saveNow() {
  clearTimeout(saveTimer);
  if (!state.doc) return saving;
  const rev = state.revision;
  // The article as it is now (copied lists: a long one is packed in slices while editing goes on).
  const record = state.snapshot();
  saving = saving.then(async () => {
    try {
      await store.putArticle(record);
      journal.saved(record.id, record.seq);
      await store.setMeta('current', record.id);
      storageWorks();
      if (state.revision === rev && state.id === record.id) {
        const t = timeOf(Date.now());
        setSaved('saved', 'Saved');
        ui.saved.title = `Saved in this browser at ${t}`;
      }
      refreshArticles();
    } catch (err) {
      storageFailed(err);
      if (state.id === record.id) setSaved('error', `Not saved: ${storageReason(err)}`);
      else setStatus(ui.status, `Could not save “${record.title}”: ${storageReason(err)}`, true);
    }
  });
  return saving;
}

// When the browser will not store anything (IndexedDB missing or refused, as in
// some private modes; or the site's storage full), the work stays in this page
// and a warning says so, and how to keep it: the export buttons work as ever.
function storageReason(err) {
  if (err?.name === 'QuotaExceededError') return 'the browser’s storage for this site is full';
  if (err?.name === 'SecurityError' || err?.name === 'InvalidStateError' || !globalThis.indexedDB) return `this browser does not let the page store anything (private mode?): ${err.message}`;
  return err?.message ?? String(err);
}
function storageFailed(err) {
  const link = document.createElement('a');
  link.href = '#files-heading';
  link.textContent = 'Export and import';
  const strong = document.createElement('strong');
  strong.textContent = 'Your work is not being saved in this browser';
  ui.storage.replaceChildren(strong, ` (${storageReason(err)}). It stays in this page until you close or reload it: `
    + 'download it with the buttons under ', link, ' (Newsmark JSON keeps everything, your edits included).');
  ui.storage.hidden = false;
}
function storageWorks() {
  if (!ui.storage.hidden) {
    ui.storage.hidden = true;
    ui.storage.replaceChildren();
  }
}

/** Redraws the list of saved articles; returns the list (null if it cannot be read). */
async function refreshArticles() {
  try {
    const list = await store.listArticles();
    sidebar.renderArticles(list, state.id);
    return list;
  } catch (err) {
    setStatus(ui.status, `Saved articles are unavailable: ${storageReason(err)}`, true);
    return null;
  }
}

// The text box is saved as a draft while typing, so text not yet annotated survives a reload too.
let draftTimer = 0;
ui.text.addEventListener('input', () => {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => store.setMeta('draft', ui.text.value).catch(() => {}), 400);
});
/** Sets the text box (and its saved draft). */
function setText(value) {
  clearTimeout(draftTimer);
  ui.text.value = value;
  store.setMeta('draft', value || undefined).catch(() => {});
}
window.addEventListener('pagehide', () => {
  if (ui.saved.dataset.state === 'pending') saveNow();
  session?.flush();
});

// ------------------------------------------------------------------ annotating

/**
 * The long run under way, or null: `{ controller }` while a long text is
 * annotated in the worker and its article rendered (controller.abort() cancels
 * it), `{ controller: null }` while an article already open is rendered in
 * slices. Edits wait meanwhile (the article on screen may not be the one in
 * `state` until the run commits).
 */
let run = null;
const busy = () => run !== null;
/** @type {BackgroundAnnotator | null} */
let background = null;

const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} million characters` : `${n.toLocaleString('en')} characters`);
const BUSY = 'Wait until the long article is shown, or press Cancel (Esc).';

function annotateNow() {
  if (busy()) {
    setStatus(ui.status, BUSY);
    return;
  }
  const text = ui.text.value;
  if (!text.trim()) {
    setStatus(ui.status, 'Paste or type some text first.');
    ui.text.focus();
    return;
  }
  if (text.length > MAX_TEXT) {
    setStatus(ui.status, `This text is too long to annotate in the page: ${size(text.length)}, and the limit is ${size(MAX_TEXT)}. `
      + 'Split it into parts, or use the command-line tool, which reads files of any size. Nothing was changed.', true);
    return;
  }
  if (text.length > SYNC_MAX) {
    annotateLong(text);
    return;
  }
  try {
    const t0 = performance.now();
    const fresh = session.annotate(text); // learns from pending corrections first
    const ms = performance.now() - t0;
    commit(plan(text, fresh));
    store.setMeta('draft', text).catch(() => {});
    found(ms);
  } catch (err) {
    setStatus(ui.status, `Could not annotate: ${err.message}`, true);
  }
}

/**
 * What annotating `text` (found: `fresh`) does: the same text, edited, keeps
 * what was accepted and refreshes the suggestions (`edit`, one undoable step);
 * otherwise the text opens as an article (`record`; a new one if the text differs).
 */
function plan(text, fresh) {
  if (state.doc && state.doc.text === text && state.edited) return { edit: E.reannotate(state.doc, fresh) };
  return { record: { id: state.doc && state.doc.text === text ? state.id : newId(), document: fresh } };
}
/** The document a plan leads to (E.reannotate's ops replace whole lists). */
function planned(p) {
  if (p.record) return p.record.document;
  if (!p.edit) return null;
  const next = { ...state.doc };
  for (const op of p.edit.ops) next[op.a] = op.ins;
  return next;
}
function commit(p) {
  if (p.edit !== undefined) {
    apply(p.edit, { focus: false, force: true });
    session.cancel(); // a re-annotation is not a correction: nothing to learn from it
    lesson.ranges = [];
    lesson.all = false;
  } else state.open(p.record);
}
function found(ms, extra = '') {
  const n = state.doc.entities.length;
  const c = state.doc.claims.length;
  setStatus(ui.status, `Found ${n.toLocaleString('en')} ${n === 1 ? 'entity' : 'entities'} and ${c.toLocaleString('en')} check-worthy ${c === 1 ? 'claim' : 'claims'} in ${ms < 1 ? '<1' : Math.round(ms)} ms${extra}.`);
}

// The progress bar and Cancel button of a long run.
function beginRun(r, text) {
  run = r;
  ui.run.hidden = false;
  ui.cancel.hidden = !r.controller;
  ui.runBar.value = 0;
  ui.runText.textContent = text;
  document.documentElement.dataset.busy = 'true';
  ui.output.setAttribute('aria-busy', 'true');
}
function progress(r, text, fraction) {
  if (run !== r) return;
  ui.runBar.value = Math.round(100 * Math.min(1, fraction));
  ui.runText.textContent = text;
}
function endRun(r) {
  if (run !== r) return;
  run = null;
  const hadFocus = document.activeElement === ui.cancel;
  ui.run.hidden = true;
  delete document.documentElement.dataset.busy;
  ui.output.removeAttribute('aria-busy');
  if (hadFocus) ui.annotate.focus(); // not the text box: focusing one that holds megabytes is a long task
}
function cancelRun() {
  run?.controller?.abort();
}
ui.cancel.addEventListener('click', cancelRun);
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && run?.controller && !ui.help.open) {
    ev.preventDefault();
    ev.stopPropagation();
    cancelRun();
  }
}, true);

/** Renders an article already open (a long one: restored, reopened, a big undo) in slices; edits wait meanwhile. */
function renderInSlices(doc) {
  const r = { controller: null };
  beginRun(r, 'Showing the article…');
  view.renderAllAsync(doc, { onProgress: (p) => progress(r, `Showing the article: ${Math.round(100 * fraction(p))}%`, fraction(p)) })
    .catch((err) => setStatus(ui.status, `Could not show the article: ${err.message}`, true))
    .finally(() => endRun(r));
}
/** Rendering progress as one fraction: building the paragraphs is most of the work. */
const fraction = (p) => (p.phase === 'build' ? 0.8 * (p.done / Math.max(1, p.total)) : 0.8 + 0.2 * (p.done / Math.max(1, p.total)));

/**
 * Annotates a long text off this thread, in pieces (progress after each),
 * renders the article in slices, and only then opens it: until that moment,
 * Cancel leaves everything as it was (the worker drops the run).
 */
async function annotateLong(text) {
  const r = { controller: new AbortController(), quiet: false };
  beginRun(r, `Annotating: 0% of ${size(text.length)}`);
  setStatus(ui.status, `Annotating a long article (${size(text.length)})… Press Cancel (Esc) to stop.`);
  const t0 = performance.now();
  performance.mark('newsmark:annotate-start');
  try {
    const fresh = await annotateElsewhere(text, r.controller.signal, (done, total) => {
      progress(r, `Annotating: ${Math.floor((100 * done) / total)}% of ${size(total)}`, done / total);
    });
    const ms = performance.now() - t0;
    performance.mark('newsmark:annotated');
    const p = plan(text, fresh);
    const next = planned(p);
    const t1 = performance.now();
    if (next) {
      const shown = await view.renderAllAsync(next, {
        signal: r.controller.signal,
        onProgress: (q) => progress(r, `Showing the article: ${Math.round(100 * fraction(q))}%`, fraction(q)),
      });
      if (!shown) throw new DOMException('Cancelled', 'AbortError');
      if (!await sidebar.renderEntitiesAsync(next, { signal: r.controller.signal })) throw new DOMException('Cancelled', 'AbortError');
      await yieldToBrowser(); // the last slice and the commit in separate tasks
      if (r.controller.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    }
    prerendered = true;
    try {
      commit(p);
    } finally {
      prerendered = false;
    }
    endRun(r);
    performance.mark('newsmark:shown');
    setTimeout(() => store.setMeta('draft', text).catch(() => {}), 0);
    found(ms, `, shown in ${Math.round(performance.now() - t1)} ms`);
  } catch (err) {
    endRun(r);
    // The page was left as it was; the article on screen may be half of the new one: show the open one again.
    if (view.doc !== state.doc) {
      if (state.doc && state.doc.text.length > LARGE_RENDER) renderInSlices(state.doc);
      else view.renderAll(state.doc);
      sidebar.renderEntities(state.doc);
    }
    if (r.quiet) return;
    if (err.name === 'AbortError') setStatus(ui.status, 'Cancelled. The article and your edits are as they were.');
    else setStatus(ui.status, `Could not annotate: ${err.message}`, true);
  }
}

/** A long text's annotations, from the worker (or, if it cannot run, from this thread in small pieces). */
async function annotateElsewhere(text, signal, onProgress) {
  const learned = session.learnedState(); // learns from pending corrections first
  if (background && !background.failure) {
    try {
      return await background.annotate(text, learned, { signal, onProgress });
    } catch (err) {
      if (err.name === 'AbortError' || !background.failure) throw err;
    }
  }
  const doc = emptyDocument(text);
  for (const piece of annotateInPieces((t) => session.session.annotateDocument(t), text, 8192)) {
    appendPiece(doc, piece);
    onProgress(piece.to, piece.total);
    await yieldToBrowser();
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  }
  return doc;
}

ui.annotate.addEventListener('click', annotateNow);
ui.text.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    if (!ui.annotate.disabled) annotateNow();
  }
});
ui.example.addEventListener('click', () => {
  if (busy()) {
    setStatus(ui.status, BUSY);
    return;
  }
  setText(EXAMPLE);
  ui.text.focus();
  if (!ui.annotate.disabled) annotateNow();
});
ui.clear.addEventListener('click', () => {
  if (run?.controller) {
    run.quiet = true;
    cancelRun();
  }
  if (state.doc && ui.saved.dataset.state === 'pending') saveNow(); // takes the record now, writes it in the background
  session.flush();
  clearTimeout(draftTimer);
  ui.text.value = '';
  state.close();
  setSaved('idle', 'Nothing to save yet');
  setStatus(ui.status, 'Cleared. Your articles stay under Saved articles.');
  ui.text.focus();
  saving = saving
    .then(() => Promise.all([store.setMeta('current', undefined), store.setMeta('draft', undefined)]))
    .catch(() => {})
    .then(refreshArticles);
});

// ------------------------------------------------------------------ edits

/** Applies an edit from edits.js, then moves focus and offers "all mentions". */
function apply(edit, { focus = true, force = false } = {}) {
  if (!edit) return null;
  if (busy() && !force) {
    say(BUSY);
    return null;
  }
  if (edit.blocked) {
    say(`Not done: ${edit.blocked}.`, true);
    return null;
  }
  const entry = state.apply(edit);
  if (!entry) return null;
  say(entry.label);
  // Every write first, then focus (one style and layout pass for the whole edit).
  if (edit.offer) showOffer(edit.offer);
  else if (!edit.count) hideOffer();
  if (focus) {
    if (claimsMode && edit.focus != null) focusSentenceAt(edit.focus);
    else if (edit.focus != null) focusEntity(edit.focus);
    else if (edit.focusAfter != null) focusNear(edit.focusAfter);
  }
  return entry;
}

function undo(moveFocus) {
  if (busy()) return say(BUSY);
  const entry = state.undo();
  say(entry ? `Undone: ${entry.label}` : 'Nothing to undo.');
  if (entry && moveFocus) focusChange(entry);
}
function redo(moveFocus) {
  if (busy()) return say(BUSY);
  const entry = state.redo();
  say(entry ? `Redone: ${entry.label}` : 'Nothing to redo.');
  if (entry && moveFocus) focusChange(entry);
}
function focusChange(entry) {
  const op = entry.ops[0];
  const item = op.ins[0] ?? op.del[0];
  const pos = item?.start ?? item?.cue?.start;
  if (pos == null) return;
  if (claimsMode) focusSentenceAt(pos);
  else focusNear(pos);
}
ui.undo.addEventListener('click', () => undo(false));
ui.redo.addEventListener('click', () => redo(false));

// "All mentions": after a relabel or a deletion.
function showOffer(o) {
  const n = E.allMentionsCount(state.doc, o);
  const total = n.relabel + n.add + n.remove;
  if (!total) {
    hideOffer();
    return;
  }
  offer = o;
  const q = `“${o.text}”`;
  let text;
  if (o.type === 'delete') {
    text = `${q} is highlighted ${n.remove} more time${n.remove === 1 ? '' : 's'}. Delete ${n.remove === 1 ? 'it' : 'them all'}?`;
  } else {
    const parts = [];
    if (n.relabel) parts.push(`${n.relabel} other highlight${n.relabel === 1 ? '' : 's'} with another label`);
    if (n.add) parts.push(`${n.add} unmarked mention${n.add === 1 ? '' : 's'}`);
    text = `${q} has ${parts.join(' and ')}. Label ${total === 1 ? 'it' : 'them all'} ${o.label}?`;
  }
  ui.offerText.textContent = text;
  ui.offer.hidden = false;
}
function hideOffer() {
  offer = null;
  ui.offer.hidden = true;
  ui.offerText.textContent = '';
}
function applyOffer() {
  if (!offer || !state.doc) return;
  const o = offer;
  hideOffer();
  apply(E.applyToAll(state.doc, o), { focus: false });
}
ui.offerApply.addEventListener('click', applyOffer);
ui.offerDismiss.addEventListener('click', hideOffer);

// ------------------------------------------------------------------ focus

function entityIndex(start) {
  const list = state.doc.entities;
  const i = firstStartingAt(list, start);
  return list[i] && list[i].start === start ? i : -1;
}
const visible = (e) => !hidden.has(e.label);

function focusEntity(start) {
  const head = view.headAt(start);
  if (!head) return false;
  view.setCurrent(start);
  head.focus();
  return true;
}
/** Focuses the first highlight at or after pos, else the last before it, else the article. */
function focusNear(pos) {
  const list = state.doc?.entities ?? [];
  let i = firstStartingAt(list, pos);
  while (i < list.length && !visible(list[i])) i++;
  if (i >= list.length) {
    i = firstStartingAt(list, pos) - 1;
    while (i >= 0 && !visible(list[i])) i--;
  }
  if (i >= 0 && i < list.length && focusEntity(list[i].start)) return;
  ui.output.focus();
}
function focusSentenceAt(pos) {
  const el = [...ui.output.querySelectorAll('.sent')].find((s) => Number(s.dataset.start) <= pos && pos < Number(s.dataset.end))
    ?? [...ui.output.querySelectorAll('.sent')].find((s) => Number(s.dataset.start) >= pos);
  if (el) el.focus();
  else ui.output.focus();
}
/** The next focusable element after the article (Tab from the last highlight). */
function focusAfterArticle() {
  const all = document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])');
  for (const el of all) {
    if (ui.output.contains(el)) continue;
    if (!(ui.output.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.closest('[hidden], dialog:not([open])') || el.getClientRects().length === 0) continue;
    el.focus();
    return;
  }
}

// The explanation of the focused highlight or claim, next to it.
function showTip(el) {
  const text = el.getAttribute('title');
  if (!text) return hideTip();
  const keys = el.matches('mark')
    ? 'Keys: 1–9 relabel · A accept · X reject · Del delete · Shift/Alt+←→ resize'
    : claimsMode ? 'Keys: W check-worthy · 1–6 kind · S claimant · Q cue · T content · Del clear claimant' : 'Press C for claims mode';
  ui.tip.replaceChildren(text, document.createElement('br'), keys);
  ui.tip.hidden = false;
  const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
  const width = Math.min(ui.tip.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
  ui.tip.style.left = `${left + window.scrollX}px`;
  ui.tip.style.top = `${r.bottom + window.scrollY + 6}px`;
}
function hideTip() { ui.tip.hidden = true; }
window.addEventListener('resize', () => {
  const a = document.activeElement;
  if (!ui.tip.hidden && a && ui.output.contains(a) && a !== ui.output) showTip(a);
});

ui.output.addEventListener('focusin', (ev) => {
  const t = ev.target;
  if (t.matches('mark[data-head]')) {
    view.setCurrent(Number(t.dataset.start));
    showTip(t);
  } else if (t.matches('.sent')) {
    showTip(t);
  } else hideTip();
  if (claimsMode) showAttribution(t);
});
ui.output.addEventListener('focusout', (ev) => {
  if (!ui.output.contains(ev.relatedTarget)) {
    hideTip();
  }
});
ui.output.addEventListener('mousedown', (ev) => {
  // A click on a highlight selects it (focus), and clears a text selection.
  const head = ev.target.closest('mark.ent');
  if (head && !ev.shiftKey) document.getSelection()?.removeAllRanges();
});
ui.output.addEventListener('click', (ev) => {
  const m = ev.target.closest('mark.ent');
  if (!m || !document.getSelection()?.isCollapsed) return;
  focusEntity(Number(m.dataset.start));
});

// Claims mode: the focused claim's source, cue and content, painted with the CSS Custom Highlight API.
function showAttribution(el) {
  if (!globalThis.CSS?.highlights || typeof Highlight === 'undefined') return;
  for (const k of ['nm-source', 'nm-cue', 'nm-content']) CSS.highlights.delete(k);
  if (!claimsMode || !state.doc || !el || !ui.output.contains(el)) return;
  const sent = el.closest?.('.claim');
  if (!sent) return;
  const ci = E.claimAt(state.doc, Number(sent.dataset.start));
  const c = state.doc.claims[ci];
  const a = c && c.attribution != null ? state.doc.attributions[c.attribution] : null;
  if (!a) return;
  const paint = (name, spans) => {
    const ranges = spans.filter(Boolean).map((s) => view.range(s.start, s.end)).filter(Boolean);
    if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
  };
  paint('nm-content', a.content);
  paint('nm-cue', [a.cue]);
  paint('nm-source', [a.source]);
}

// ------------------------------------------------------------------ keyboard

function digitOf(ev) {
  if (/^[1-9]$/.test(ev.key)) return Number(ev.key);
  if (/^(Digit|Numpad)[1-9]$/.test(ev.code)) return Number(ev.code.slice(-1));
  return 0;
}

/** Selects the next / previous word (keyboard text selection). */
function selectWord(dir, head, sentEl) {
  const text = state.doc.text;
  const sel = view.selection();
  let pos;
  const inSentence = sentEl && caret >= Number(sentEl.dataset.start) && caret <= Number(sentEl.dataset.end);
  if (sel) pos = dir > 0 ? sel[1] : sel[0];
  else if (caret >= 0 && caret <= text.length && !head && (inSentence || (!sentEl && document.activeElement === ui.output))) pos = caret;
  else if (head) {
    const i = entityIndex(Number(head.dataset.start));
    pos = dir > 0 ? state.doc.entities[i].end : state.doc.entities[i].start;
  } else if (sentEl) {
    pos = dir > 0 ? Number(sentEl.dataset.start) : Number(sentEl.dataset.end);
    if (dir > 0) {
      const s = tokenStartAt(text, pos);
      return selectSpan(s, tokenEndAfter(text, s), head);
    }
  } else pos = dir > 0 ? 0 : text.length;
  let s;
  if (dir > 0) {
    s = tokenStartAt(text, pos);
    if (s >= text.length) return;
  } else {
    if (pos <= 0) return;
    s = tokenStartBefore(text, pos);
  }
  selectSpan(s, tokenEndAfter(text, s), head);
}
function selectSpan(s, e, head) {
  if (e <= s) return;
  if (head && !claimsMode) ui.output.focus({ preventScroll: true });
  view.select(s, e);
  caret = e;
  const r = view.range(s, e);
  const el = r?.startContainer.parentElement;
  el?.scrollIntoView({ block: 'nearest' });
  hideTip();
  say(`Selected “${state.doc.text.slice(s, e)}”. ${claimsMode ? 'S claimant, Q cue, T content.' : 'A number labels it; Shift/Alt+arrows widen it.'}`);
}
function resizeSelection(edge, dir, snap) {
  const sel = view.selection();
  if (!sel) return false;
  const next = moveEdge(state.doc.text, sel[0], sel[1], edge, dir, snap);
  if (next) selectSpan(next[0], next[1], null);
  return true;
}

function labelSelection(label) {
  const sel = view.selection();
  if (!sel) return false;
  const snapped = snapToTokens(state.doc.text, sel[0], sel[1]);
  if (!snapped) return true;
  const [s, e] = snapped;
  if (/\n[^\S\n]*\n/.test(state.doc.text.slice(s, e))) {
    say('Not done: a highlight cannot span paragraphs.', true);
    return true;
  }
  document.getSelection().removeAllRanges();
  apply(E.add(state.doc, s, e, label));
  return true;
}

function toggleClaimsMode(on = !claimsMode) {
  claimsMode = on;
  view.setClaimsMode(on);
  ui.mode.setAttribute('aria-pressed', String(on));
  ui.claimLegend.hidden = !on;
  ui.output.setAttribute('aria-label', on ? 'Annotated article, claims mode' : 'Annotated article');
  if (!on) showAttribution(null);
  const active = document.activeElement;
  if (ui.output.contains(active) && active !== ui.output) {
    const pos = Number(active.dataset.start ?? active.closest('[data-start]')?.dataset.start ?? 0);
    if (on) focusSentenceAt(pos);
    else focusNear(pos);
  }
  say(on
    ? 'Claims mode: Tab between sentences. W check-worthy, 1–6 kind, S/Q/T claimant/cue/content from selected words. C or Esc leaves.'
    : 'Back to highlights.');
}
ui.mode.addEventListener('click', () => toggleClaimsMode());

function onArticleKey(ev) {
  if (!state.doc || ev.defaultPrevented) return;
  if (busy()) {
    // Tab still moves focus; edits wait for the article being shown.
    if (ev.key !== 'Tab' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key.length === 1 || ev.key === 'Delete' || ev.key === 'Backspace')) {
      ev.preventDefault();
      say(BUSY);
    }
    return;
  }
  const key = ev.key;
  const ctrl = ev.ctrlKey || ev.metaKey;
  const arrow = key === 'ArrowLeft' || key === 'ArrowRight' ? (key === 'ArrowLeft' ? -1 : 1) : 0;
  if (ctrl && !arrow) return; // Ctrl+Z and friends: the document handler
  const head = ev.target.closest?.('mark[data-head]') ?? null;
  const sentEl = ev.target.closest?.('.sent') ?? null;
  const done = () => ev.preventDefault();

  if (arrow) {
    if (ev.shiftKey && ev.altKey) return;
    if (ev.shiftKey || ev.altKey) {
      done();
      const edge = ev.shiftKey ? 'start' : 'end';
      const snap = !ctrl;
      const sel = view.selection();
      if (head && !sel && !claimsMode) {
        const i = entityIndex(Number(head.dataset.start));
        const e = state.doc.entities[i];
        const next = moveEdge(state.doc.text, e.start, e.end, edge, arrow, snap);
        if (!next) say('Not done: the highlight cannot be empty.', true);
        else if (/\n[^\S\n]*\n/.test(state.doc.text.slice(next[0], next[1]))) say('Not done: a highlight cannot span paragraphs.', true);
        else apply(E.resize(state.doc, i, next[0], next[1]));
      } else if (!resizeSelection(edge, arrow, snap)) {
        say('Select a highlight or some words first.');
      }
      return;
    }
    if (ctrl) return;
    done();
    selectWord(arrow, head, claimsMode ? sentEl : null);
    return;
  }
  if (key === 'Escape') {
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed && view.selection()) {
      done();
      sel.removeAllRanges();
      say('Selection cleared.');
    } else if (claimsMode) {
      done();
      toggleClaimsMode(false);
    } else if (offer) {
      done();
      hideOffer();
    }
    return;
  }
  if (ev.altKey) return;
  if (key === 'c' || key === 'C') {
    done();
    toggleClaimsMode();
    return;
  }
  if (key === 'y' || key === 'Y') {
    if (offer) {
      done();
      applyOffer();
    }
    return;
  }
  if (claimsMode) {
    claimsKey(ev, sentEl, done);
    return;
  }

  if (key === 'Tab') {
    done();
    tabEntity(ev.shiftKey ? -1 : 1, head, sentEl);
    return;
  }
  const digit = digitOf(ev);
  if (digit) {
    done();
    const label = labels[digit - 1]?.name;
    if (!label) return;
    if (labelSelection(label)) return;
    if (head) {
      const i = entityIndex(Number(head.dataset.start));
      const e = state.doc.entities[i];
      // Its own label's key accepts a suggestion (as A does).
      if (e.label === label) {
        if (e.status === 'accepted') say(`“${e.text}” is already ${label}.`);
        else apply(E.accept(state.doc, i));
      } else apply(E.relabel(state.doc, i, label));
    } else say('Select a highlight (Tab or click) or some words (← →, or the mouse) first.');
    return;
  }
  if (!head) return;
  const i = entityIndex(Number(head.dataset.start));
  if (key === 'a' || key === 'A') {
    done();
    const e = state.doc.entities[i];
    if (e.status === 'accepted') say(`“${e.text}” is already accepted.`);
    else apply(E.accept(state.doc, i));
  } else if (key === 'x' || key === 'X') {
    done();
    apply(E.remove(state.doc, i, 'reject'));
  } else if (key === 'Delete' || key === 'Backspace') {
    done();
    apply(E.remove(state.doc, i, 'delete'));
  }
}

function tabEntity(dir, head, sentEl) {
  const list = state.doc.entities;
  let i;
  if (head) i = entityIndex(Number(head.dataset.start)) + dir;
  else if (sentEl) i = firstStartingAt(list, Number(sentEl.dataset.start)) - (dir < 0 ? 1 : 0);
  else if (dir > 0) {
    const cur = view.current >= 0 ? entityIndex(view.current) : -1;
    i = cur >= 0 ? cur : 0;
  } else {
    focusOutBackwards();
    return;
  }
  while (i >= 0 && i < list.length && !visible(list[i])) i += dir;
  if (i >= 0 && i < list.length) {
    focusEntity(list[i].start);
    view.headAt(list[i].start)?.scrollIntoView({ block: 'nearest' });
  } else if (dir > 0) focusAfterArticle();
  else ui.output.focus();
}
function focusOutBackwards() {
  // Shift+Tab from the article itself: the previous focusable element.
  const all = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])')]
    .filter((el) => !ui.output.contains(el) && (ui.output.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)
      && !el.closest('[hidden], dialog:not([open])') && el.getClientRects().length > 0);
  all[all.length - 1]?.focus();
}

function claimsKey(ev, sentEl, done) {
  const key = ev.key;
  const doc = state.doc;
  if (key === 'Tab') {
    done();
    const sents = [...ui.output.querySelectorAll('.sent')];
    let i = sentEl ? sents.indexOf(sentEl) + (ev.shiftKey ? -1 : 1) : ev.shiftKey ? -1 : 0;
    if (!sentEl && ev.shiftKey) {
      focusOutBackwards();
      return;
    }
    if (i >= 0 && i < sents.length) {
      sents[i].focus();
      sents[i].scrollIntoView({ block: 'nearest' });
    } else if (i >= sents.length) focusAfterArticle();
    else ui.output.focus();
    return;
  }
  if (!sentEl) {
    if (digitOf(ev) || /^[wWaAxXsSqQtT]$/.test(key) || key === 'Delete' || key === 'Backspace') {
      done();
      say('Move to a sentence first (Tab).');
    }
    return;
  }
  const start = Number(sentEl.dataset.start);
  const end = Number(sentEl.dataset.end);
  const ci = sentEl.classList.contains('claim') ? E.claimAt(doc, start) : -1;
  const digit = digitOf(ev);
  if (digit) {
    done();
    const kind = E.KINDS[digit - 1];
    if (!kind) return;
    apply(ci >= 0 ? E.setKind(doc, ci, kind) : E.markClaim(doc, start, end, kind));
  } else if (key === 'w' || key === 'W') {
    done();
    apply(ci >= 0 ? E.unmarkClaim(doc, ci) : E.markClaim(doc, start, end));
  } else if (key === 'a' || key === 'A') {
    done();
    if (ci < 0) say('This sentence is not marked check-worthy (W marks it).');
    else if (doc.claims[ci].status === 'accepted') say('This claim is already accepted.');
    else apply(E.acceptClaim(doc, ci));
  } else if (key === 'x' || key === 'X') {
    done();
    if (ci >= 0) apply(E.unmarkClaim(doc, ci, 'Rejected'));
  } else if (/^[sSqQtT]$/.test(key)) {
    done();
    const role = { s: 'source', q: 'cue', t: 'content' }[key.toLowerCase()];
    const sel = view.selection();
    if (ci < 0) say('Mark the sentence check-worthy first (W).');
    else if (!sel) say('Select the words first: ← → and Shift/Alt+arrows, or the mouse.');
    else {
      const snapped = snapToTokens(doc.text, sel[0], sel[1]);
      if (!snapped) return;
      document.getSelection().removeAllRanges();
      apply(E.setRole(doc, ci, role, snapped[0], snapped[1]));
    }
  } else if (key === 'Delete' || key === 'Backspace') {
    done();
    if (ci < 0) return;
    const ed = E.clearClaimant(doc, ci);
    if (!ed) say('This claim has no claimant.');
    else apply(ed);
  }
}

ui.output.addEventListener('keydown', onArticleKey);

document.addEventListener('keydown', (ev) => {
  if (ev.defaultPrevented || ui.help.open) return;
  const t = ev.target;
  const typing = t instanceof Element && !!t.closest('textarea, input, select');
  const ctrl = ev.ctrlKey || ev.metaKey;
  const k = ev.key.toLowerCase();
  if (ctrl && !ev.altKey && (k === 'z' || k === 'y')) {
    if (typing && t.matches('textarea, input[type="text"]')) return; // the text box's own undo
    if (!state.doc) return;
    ev.preventDefault();
    const inArticle = ui.output.contains(t);
    if (k === 'y' || ev.shiftKey) redo(inArticle);
    else undo(inArticle);
    return;
  }
  if (ev.key === '?' && !typing && !ctrl && !ev.altKey) {
    ev.preventDefault();
    openHelp();
  }
});

// ------------------------------------------------------------------ help

let helpReturn = null;
function openHelp() {
  helpReturn = document.activeElement;
  ui.help.showModal();
  $('help-title').focus(); // the top of the list, not the Close button at its end
  ui.help.scrollTop = 0;
}
ui.helpOpen.addEventListener('click', openHelp);
ui.helpClose.addEventListener('click', () => ui.help.close());
ui.help.addEventListener('close', () => {
  // (The close event comes a moment later: do not take focus back from where it has gone since.)
  const a = document.activeElement;
  if (helpReturn && document.contains(helpReturn) && (!a || a === document.body || ui.help.contains(a))) helpReturn.focus();
  helpReturn = null;
});

// ------------------------------------------------------------------ sidebar actions

const jumpAt = new Map();
function jump(label, text) {
  if (busy()) return say(BUSY);
  const list = state.doc.entities.filter((e) => e.label === label && e.text === text);
  if (!list.length) return;
  const key = `${label}\u0000${text}`;
  const k = ((jumpAt.get(key) ?? -1) + 1) % list.length;
  jumpAt.set(key, k);
  if (claimsMode) toggleClaimsMode(false);
  focusEntity(list[k].start);
  view.headAt(list[k].start)?.scrollIntoView({ block: 'center' });
  say(`${text} (${label}): mention ${k + 1} of ${list.length}.`);
}

function focusClaim(start) {
  if (busy()) return say(BUSY);
  const el = view.sentenceEl(start);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

/**
 * A saved article, with the changes logged after its last completed save
 * (a tab killed mid-edit) redone on it: { record, recovered } or null.
 */
async function readArticle(id) {
  const saved = await store.getArticle(id);
  if (!saved) return null;
  const { record, applied } = replay(saved, journal.read(id));
  return { record, recovered: applied };
}
const recoveredNote = (n) => (n ? ` ${n} ${n === 1 ? 'change' : 'changes'} made just before the page closed ${n === 1 ? 'was' : 'were'} recovered.` : '');

async function openArticle(id) {
  if (busy()) {
    setStatus(ui.status, BUSY);
    return;
  }
  if (id === state.id) {
    ui.output.focus();
    return;
  }
  session.flush();
  if (state.doc) await saveNow();
  try {
    const found = await readArticle(id);
    if (!found) throw new Error('it is no longer saved');
    const { record, recovered } = found;
    state.open(record, { restored: true });
    setText(record.document.text);
    setSaved('saved', 'Saved');
    if (recovered) saveSoon(0);
    await store.setMeta('current', id);
    refreshArticles();
    setStatus(ui.status, `Opened “${record.title}”.${recoveredNote(recovered)}`);
  } catch (err) {
    setStatus(ui.status, `Could not open the article: ${err.message}`, true);
  }
}

async function removeArticle(id) {
  if (busy() && id === state.id) {
    setStatus(ui.status, BUSY);
    return;
  }
  try {
    await store.deleteArticle(id);
    journal.forget(id);
    if (id === state.id) {
      session.cancel();
      state.close();
      setText('');
      await store.setMeta('current', undefined);
      setSaved('idle', 'Nothing to save yet');
    }
    refreshArticles();
    setStatus(ui.status, 'Deleted the saved article.');
  } catch (err) {
    setStatus(ui.status, `Could not delete: ${err.message}`, true);
  }
}

function setFilter(set) {
  hidden = new Set(set);
  if (hidden.size) ui.output.dataset.hide = [...hidden].join(' ');
  else delete ui.output.dataset.hide;
}

// ------------------------------------------------------------------ files

function buildFiles() {
  const formats = listFormats();
  ui.exports.replaceChildren(...formats.map((f) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary small';
    b.dataset.format = f.name;
    b.disabled = true;
    b.append(FORMAT_NAMES[f.name] ?? f.name, ' ');
    const ext = document.createElement('span');
    ext.className = 'ext';
    ext.textContent = `.${f.extension}`;
    b.append(ext);
    b.setAttribute('aria-label', `Download as ${FORMAT_NAMES[f.name] ?? f.name} (.${f.extension})`);
    b.addEventListener('click', () => exportFile(f.name));
    return b;
  }));
  for (const f of formats.filter((x) => x.importable)) {
    const o = document.createElement('option');
    o.value = f.name;
    o.textContent = `${FORMAT_NAMES[f.name] ?? f.name} (.${f.extension})`;
    ui.importFormat.append(o);
  }
}

function exportFile(format) {
  if (!state.doc) return;
  try {
    const { content, filename, mediaType } = exportAs(state.doc, format, state.title);
    download(content, filename, mediaType);
    setStatus(ui.filesStatus, `Downloaded ${filename}.`);
  } catch (err) {
    setStatus(ui.filesStatus, `Could not export as ${format}: ${err.message}`, true);
  }
}

// brat files name their annotation types freely; the core reads the labels it
// knows and Newsmark's own roles, and skips other types. The page refuses a
// file with any other type instead, naming it: a label it does not know is a
// mistake to point out, not to drop silently.
const BRAT_ROLES = new Set(['Claim', 'Source', 'Cue', 'Content', 'Attribution']);
const labelNames = new Map();
/** Whether the core reads `name` as a label (names, aliases such as PERSON or GPE, any case). */
function isLabelName(name) {
  if (!labelNames.has(name)) {
    let ok = true;
    try {
      importAs(JSON.stringify({ text: 'x', spans: [{ start: 0, end: 1, label: name }] }), 'prodigy');
    } catch {
      ok = false;
    }
    labelNames.set(name, ok);
  }
  return labelNames.get(name);
}
/** The first text-bound annotation of a brat file whose type is neither a label nor a role: an error message, or null. */
function unknownBratType(content) {
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tab = line.indexOf('\t');
    if (line[0] !== 'T' || tab < 0) continue;
    const spec = line.slice(tab + 1).split('\t', 1)[0];
    // The type is what comes before the offsets ("PER 0 5", "Claim 0 5;7 9").
    const m = /^(.*?) +\d+ +\d+(?:;\d+ +\d+)*\s*$/.exec(spec);
    const type = m ? m[1] : spec.split(' ', 1)[0];
    if (!BRAT_ROLES.has(type) && !isLabelName(type)) {
      return `brat file, line ${i + 1}: unknown label “${type}” (known: ${labels.map((l) => l.name).join(', ')})`;
    }
  }
  return null;
}

ui.importFile.addEventListener('change', async () => {
  const file = ui.importFile.files?.[0];
  if (!file) return;
  ui.importFile.value = '';
  if (busy()) {
    setStatus(ui.filesStatus, `Did not import ${file.name}: ${BUSY} Your current work is unchanged.`, true);
    return;
  }
  if (file.size > 4 * MAX_TEXT) {
    setStatus(ui.filesStatus, `Could not import ${file.name}: the file is too large for the page (${(file.size / 1048576).toFixed(1)} MB). Your current work is unchanged.`, true);
    return;
  }
  let content;
  try {
    content = await file.text();
  } catch (err) {
    setStatus(ui.filesStatus, `Could not read ${file.name}: ${err.message}. Your current work is unchanged.`, true);
    return;
  }
  const format = ui.importFormat.value === 'auto' ? detectFormat(file.name, content) : ui.importFormat.value;
  if (!format) {
    setStatus(ui.filesStatus, `Could not tell the format of ${file.name}: choose it in the list and import again. Your current work is unchanged.`, true);
    return;
  }
  let doc;
  try {
    const bad = format === 'brat' ? unknownBratType(content) : null;
    if (bad) throw new Error(bad);
    doc = importAs(content, format, state.doc?.text);
    if (doc.text.length > MAX_TEXT) throw new Error(`its text is too long for the page (${size(doc.text.length)}; the limit is ${size(MAX_TEXT)})`);
  } catch (err) {
    setStatus(ui.filesStatus, `Could not import ${file.name} (${FORMAT_NAMES[format] ?? format}): ${err.message}. Your current work is unchanged.`, true);
    return;
  }
  const title = typeof doc.extra?.title === 'string' ? doc.extra.title : null;
  const clean = { newsmark: doc.newsmark, offsets: 'utf16', text: doc.text, entities: doc.entities, claims: doc.claims, attributions: doc.attributions };
  session.flush();
  if (state.doc && clean.text === state.doc.text) {
    if (format === 'prodigy') { // entities only: keep the claims
      clean.claims = state.doc.claims;
      clean.attributions = state.doc.attributions;
    }
    const entry = apply(E.replaceAll(state.doc, clean, `Imported ${file.name}`), { focus: false });
    setStatus(ui.filesStatus, entry
      ? `Imported ${file.name}: ${clean.entities.length} entities, ${clean.claims.length} claims (Ctrl+Z undoes it).`
      : `${file.name} has the same annotations as the article.`);
  } else {
    if (state.doc) await saveNow();
    state.open({ id: newId(), title: title ?? titleOf(clean.text), document: clean });
    setText(clean.text);
    setStatus(ui.filesStatus, `Opened ${file.name} as a new article (its text differs from the current one).`);
  }
});

// Learned state.
function showLearned({ report, size }) {
  const what = size.lexicon || size.weights
    ? `${size.lexicon} ${size.lexicon === 1 ? 'string' : 'strings'} in your lexicon, ${size.weights} model ${size.weights === 1 ? 'weight' : 'weights'} adjusted.`
    : 'Nothing learned yet.';
  ui.learned.textContent = what;
  if (report && (report.lexicon_entries || report.lexicon_removed || report.features_updated)) {
    const removed = report.lexicon_removed
      ? `; ${report.lexicon_removed} lexicon ${report.lexicon_removed === 1 ? 'entry' : 'entries'} unlearned (an undone correction)`
      : '';
    setStatus(ui.learnStatus, `Learned from your edits: ${report.lexicon_entries} lexicon ${report.lexicon_entries === 1 ? 'entry' : 'entries'}, ${report.sentences_updated} ${report.sentences_updated === 1 ? 'sentence' : 'sentences'}${removed}.`);
  }
}

ui.learnedExport.addEventListener('click', () => {
  try {
    download(session.exportLearned(), 'newsmark-learned.json', 'application/json');
    setStatus(ui.learnStatus, 'Downloaded newsmark-learned.json.');
  } catch (err) {
    setStatus(ui.learnStatus, `Could not export: ${err.message}`, true);
  }
});
ui.learnedImport.addEventListener('change', async () => {
  const file = ui.learnedImport.files?.[0];
  if (!file) return;
  ui.learnedImport.value = '';
  try {
    session.importLearned(await file.text());
    setStatus(ui.learnStatus, `Imported ${file.name}. Annotate again to use it.`);
  } catch (err) {
    setStatus(ui.learnStatus, `Could not import ${file.name}: ${err.message}. What was learned before is kept.`, true);
  }
});
let resetArmed = 0;
ui.learnedReset.addEventListener('click', () => {
  if (!resetArmed) {
    ui.learnedReset.textContent = 'Confirm: forget everything learned';
    setStatus(ui.learnStatus, 'Press again to forget what Newsmark learned from your corrections.');
    resetArmed = setTimeout(() => {
      resetArmed = 0;
      ui.learnedReset.textContent = 'Reset learned';
    }, 6000);
    return;
  }
  clearTimeout(resetArmed);
  resetArmed = 0;
  ui.learnedReset.textContent = 'Reset learned';
  session.reset();
  setStatus(ui.learnStatus, 'Forgot what was learned: back to the trained model.');
});

// ------------------------------------------------------------------ start

try {
  await load();
  // The worker for long texts starts now, so that its files are fetched with the page's: annotating,
  // even a long text, then requests nothing. It gets the compiled wasm: no second download or compile.
  background = new BackgroundAnnotator();
  background.module = wasmModule();
  const workerReady = background.start();
  labels = labelInfos();
  view = new ArticleView(ui.output, labels);
  sidebar = new Sidebar(ui, labels, { jump, focusClaim, open: openArticle, remove: removeArticle, filter: setFilter });
  session = new LearningSession();
  session.addEventListener('learned', (ev) => showLearned(ev.detail));
  session.addEventListener('error', (ev) => setStatus(ui.learnStatus, ev.detail, true));
  buildFiles();
  sidebar.renderEntities(null);
  sidebar.renderClaims(null);
  sidebar.renderHistory(state);
  ui.annotate.disabled = false;
  let restored = null;
  let recovered = 0;
  try {
    const learnedError = await session.restore();
    if (learnedError) setStatus(ui.learnStatus, learnedError, true);
    const id = await store.getMeta('current');
    const found = id ? await readArticle(id) : null;
    // The text box shows the draft if there is one (text typed but not annotated), else the article.
    const draft = await store.getMeta('draft');
    if (found) {
      state.open(found.record, { restored: true });
      setSaved('saved', 'Saved');
      restored = found.record;
      recovered = found.recovered;
      if (recovered) saveSoon(0); // the recovered changes are only in the journal so far
    }
    ui.text.value = typeof draft === 'string' ? draft : restored ? restored.document.text : '';
    const list = await refreshArticles();
    if (list) journal.keepOnly(list.map((a) => a.id));
  } catch (err) {
    storageFailed(err);
    setSaved('error', `Saving is unavailable: ${storageReason(err)}`);
  }
  // Ready once the worker is (or has failed: long texts are then annotated here, in small pieces).
  await Promise.race([workerReady.catch(() => {}), new Promise((ok) => setTimeout(ok, 15000))]);
  document.documentElement.dataset.ready = 'true';
  setStatus(ui.status, restored ? `Reopened “${restored.title}” as you left it.${recoveredNote(recovered)}` : 'Ready. Paste an article and press Annotate.');
} catch (err) {
  setStatus(ui.status, err.message, true);
}
