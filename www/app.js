// The Newsmark page: paste an article, annotate it, correct it by keyboard.
//
//   state.js    the one owner of the document and its undo history
//   edits.js    every edit, as a pure function from the document to ops
//   render.js   the article, rendered per paragraph (an edit redraws only its paragraphs)
//   sidebar.js  legend, entity groups, filter, claims, history, saved articles
//   session.js  the wasm Session: annotates, and learns from the corrections
//   store.js    IndexedDB: articles, history, learned state (nothing leaves the machine)
//   files.js    exports and imports in every format of formats()
//
// All user text goes into the DOM as text nodes; nothing is parsed as HTML.
import { load, labels as labelInfos } from './newsmark.js';
import { ArticleState, newId, titleOf } from './state.js';
import * as E from './edits.js';
import { ArticleView } from './render.js';
import { Sidebar, timeOf } from './sidebar.js';
import { LearningSession } from './session.js';
import * as store from './store.js';
import { listFormats, exportAs, download, detectFormat, importAs, FORMAT_NAMES } from './files.js';
import { moveEdge, snapToTokens, tokenEndAfter, tokenStartAt, tokenStartBefore, firstStartingAt } from './text.js';

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
};

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

state.addEventListener('change', (ev) => {
  const d = ev.detail;
  if (d.full) {
    view.renderAll(state.doc);
    sidebar.renderEntities(state.doc);
    sidebar.renderClaims(state.doc);
  } else {
    view.renderRanges(state.doc, d.ranges);
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
  const record = state.record();
  saving = saving.then(async () => {
    try {
      await store.putArticle(record);
      await store.setMeta('current', record.id);
      if (state.revision === rev && state.id === record.id) {
        const t = timeOf(Date.now());
        setSaved('saved', 'Saved');
        ui.saved.title = `Saved in this browser at ${t}`;
      }
      refreshArticles();
    } catch (err) {
      if (state.id === record.id) setSaved('error', `Not saved: ${err.message}`);
      else setStatus(ui.status, `Could not save “${record.title}”: ${err.message}`, true);
    }
  });
  return saving;
}

async function refreshArticles() {
  try {
    sidebar.renderArticles(await store.listArticles(), state.id);
  } catch (err) {
    setStatus(ui.status, `Saved articles are unavailable: ${err.message}`, true);
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

function annotateNow() {
  const text = ui.text.value;
  if (!text.trim()) {
    setStatus(ui.status, 'Paste or type some text first.');
    ui.text.focus();
    return;
  }
  try {
    const t0 = performance.now();
    const fresh = session.annotate(text); // learns from pending corrections first
    const ms = performance.now() - t0;
    if (state.doc && state.doc.text === text && state.edited) {
      apply(E.reannotate(state.doc, fresh), { focus: false });
      session.cancel(); // a re-annotation is not a correction: nothing to learn from it
      lesson.ranges = [];
      lesson.all = false;
    } else {
      state.open({ id: state.doc && state.doc.text === text ? state.id : newId(), document: fresh });
    }
    store.setMeta('draft', text).catch(() => {});
    const n = state.doc.entities.length;
    const c = state.doc.claims.length;
    setStatus(ui.status, `Found ${n} ${n === 1 ? 'entity' : 'entities'} and ${c} check-worthy ${c === 1 ? 'claim' : 'claims'} in ${ms < 1 ? '<1' : Math.round(ms)} ms.`);
  } catch (err) {
    setStatus(ui.status, `Could not annotate: ${err.message}`, true);
  }
}

ui.annotate.addEventListener('click', annotateNow);
ui.text.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    if (!ui.annotate.disabled) annotateNow();
  }
});
ui.example.addEventListener('click', () => {
  setText(EXAMPLE);
  ui.text.focus();
  if (!ui.annotate.disabled) annotateNow();
});
ui.clear.addEventListener('click', () => {
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
function apply(edit, { focus = true } = {}) {
  if (!edit) return null;
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
  const entry = state.undo();
  say(entry ? `Undone: ${entry.label}` : 'Nothing to undo.');
  if (entry && moveFocus) focusChange(entry);
}
function redo(moveFocus) {
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
  const el = view.sentenceEl(start);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

async function openArticle(id) {
  if (id === state.id) {
    ui.output.focus();
    return;
  }
  session.flush();
  if (state.doc) await saveNow();
  try {
    const record = await store.getArticle(id);
    if (!record) throw new Error('it is no longer saved');
    state.open(record, { restored: true });
    setText(record.document.text);
    await store.setMeta('current', id);
    setSaved('saved', 'Saved');
    refreshArticles();
    setStatus(ui.status, `Opened “${record.title}”.`);
  } catch (err) {
    setStatus(ui.status, `Could not open the article: ${err.message}`, true);
  }
}

async function removeArticle(id) {
  try {
    await store.deleteArticle(id);
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

ui.importFile.addEventListener('change', async () => {
  const file = ui.importFile.files?.[0];
  if (!file) return;
  ui.importFile.value = '';
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
    doc = importAs(content, format, state.doc?.text);
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
  if (report && (report.lexicon_entries || report.features_updated)) {
    setStatus(ui.learnStatus, `Learned from your edits: ${report.lexicon_entries} lexicon ${report.lexicon_entries === 1 ? 'entry' : 'entries'}, ${report.sentences_updated} ${report.sentences_updated === 1 ? 'sentence' : 'sentences'}.`);
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
  try {
    const learnedError = await session.restore();
    if (learnedError) setStatus(ui.learnStatus, learnedError, true);
    const id = await store.getMeta('current');
    const record = id ? await store.getArticle(id) : null;
    // The text box shows the draft if there is one (text typed but not annotated), else the article.
    const draft = await store.getMeta('draft');
    if (record) {
      state.open(record, { restored: true });
      setSaved('saved', 'Saved');
      restored = record;
    }
    ui.text.value = typeof draft === 'string' ? draft : record ? record.document.text : '';
    await refreshArticles();
  } catch (err) {
    setSaved('error', `Saving is unavailable: ${err.message}`);
  }
  document.documentElement.dataset.ready = 'true';
  setStatus(ui.status, restored ? `Reopened “${restored.title}” as you left it.` : 'Ready. Paste an article and press Annotate.');
} catch (err) {
  setStatus(ui.status, err.message, true);
}
