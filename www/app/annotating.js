// Annotating: the Annotate button (Ctrl+Enter), the example, Clear, and the
// long run. Up to SYNC_MAX code units a text is annotated right here (a few ms;
// a worker round trip would only add to it). Longer ones go to a worker, piece
// by piece, with a progress bar and a Cancel button, and long articles are
// rendered in slices (render.js): no task on this thread takes long. Texts over
// MAX_TEXT are refused with a message.
import { ui, state, page, busy, setStatus, size, BUSY, SYNC_MAX, MAX_TEXT, LARGE_RENDER } from './context.js';
import { claimsLoaded, findAttributions } from '../newsmark/newsmark.js';
import { newId } from './state.js';
import * as E from './edits.js';
import { yieldToBrowser } from './render.js';
import { annotateInPieces, emptyDocument, appendPiece } from './pieces.js';
import * as store from './store.js';
import { apply } from './editing.js';
import { resetLesson } from './learning.js';
import { setText, closeArticle } from './saving.js';

const EXAMPLE = `FRANKFURT, March 4 (Newsmark example, fictional) - Lufthansa said on Tuesday it would buy 20 Airbus A350 jets, as chief executive Carsten Spohr bet on a rebound in travel to Asia.

The order, announced at a news conference in Frankfurt, follows talks with Boeing that ended without a deal, according to two people familiar with the matter.

“We see strong demand on routes to Tokyo, Singapore and Mumbai,” Spohr told reporters. The German carrier's shares rose 3.5% in early trading.

The European Commission and Germany's finance ministry declined to comment.`;

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
    const fresh = page.session.annotate(text); // learns from pending corrections first
    const ms = performance.now() - t0;
    const pending = !claimsLoaded();
    page.claimsPending = pending ? text : null;
    commit(plan(text, fresh));
    store.setMeta('draft', text).catch(() => {});
    if (pending) awaitClaims(text, ms);
    else found(ms);
  } catch (err) {
    setStatus(ui.status, `Could not annotate: ${err.message}`, true);
  }
}

/**
 * The entities of `text` are shown, found in `ms`, before the claims models
 * arrived: the claims panel says it is finding them, and when the models come
 * the article's claims and attributions are added (one edit; the entities and
 * what was done to them stay), if the same text is still open.
 */
function awaitClaims(text, ms) {
  const n = state.doc.entities.length;
  setStatus(ui.status, `Found ${n.toLocaleString('en')} ${n === 1 ? 'entity' : 'entities'} in ${ms < 1 ? '<1' : Math.round(ms)} ms; finding claims…`);
  page.sidebar.renderClaims(state.doc);
  page.claims.then(() => {
    if (page.claimsPending !== text || !state.doc || state.doc.text !== text) return;
    page.claimsPending = null;
    const fresh = page.session.annotate(text);
    const edit = E.claimsFound(state.doc, fresh);
    if (edit) apply(edit, { focus: false, force: true });
    page.sidebar.renderClaims(state.doc);
    found(ms);
  }, (err) => {
    page.claimsPending = null;
    page.sidebar.renderClaims(state.doc);
    setStatus(ui.status, `${err.message}. The entities are shown; claims and attributions are not.`, true);
  });
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
    page.session.cancel(); // a re-annotation is not a correction: nothing to learn from it
    resetLesson();
  } else state.open(p.record);
}
function found(ms, extra = '') {
  const n = state.doc.entities.length;
  const c = state.doc.claims.length;
  setStatus(ui.status, `Found ${n.toLocaleString('en')} ${n === 1 ? 'entity' : 'entities'} and ${c.toLocaleString('en')} check-worthy ${c === 1 ? 'claim' : 'claims'} in ${ms < 1 ? '<1' : Math.round(ms)} ms${extra}.`);
}

// The progress bar and Cancel button of a long run.
function beginRun(r, text) {
  page.run = r;
  ui.run.hidden = false;
  ui.cancel.hidden = !r.controller;
  ui.runBar.value = 0;
  ui.runText.textContent = text;
  document.documentElement.dataset.busy = 'true';
  ui.output.setAttribute('aria-busy', 'true');
}
function progress(r, text, fraction) {
  if (page.run !== r) return;
  ui.runBar.value = Math.round(100 * Math.min(1, fraction));
  ui.runText.textContent = text;
}
function endRun(r) {
  if (page.run !== r) return;
  page.run = null;
  const hadFocus = document.activeElement === ui.cancel;
  ui.run.hidden = true;
  delete document.documentElement.dataset.busy;
  ui.output.removeAttribute('aria-busy');
  if (hadFocus) ui.annotate.focus(); // not the text box: focusing one that holds megabytes is a long task
}
function cancelRun() {
  page.run?.controller?.abort();
}
ui.cancel.addEventListener('click', cancelRun);
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && page.run?.controller && !ui.help.open) {
    ev.preventDefault();
    ev.stopPropagation();
    cancelRun();
  }
}, true);

/** Renders an article already open (a long one: restored, reopened, a big undo) in slices; edits wait meanwhile. */
export function renderInSlices(doc) {
  const r = { controller: null };
  beginRun(r, 'Showing the article…');
  page.view.renderAllAsync(doc, { onProgress: (p) => progress(r, `Showing the article: ${Math.round(100 * fraction(p))}%`, fraction(p)) })
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
  page.claimsPending = null;
  try {
    // A long run is seconds: it starts once the claims models are here (or have failed).
    await page.claims.catch(() => {});
    const fresh = await annotateElsewhere(text, r.controller.signal, (done, total) => {
      progress(r, `Annotating: ${Math.floor((100 * done) / total)}% of ${size(total)}`, done / total);
    });
    const ms = performance.now() - t0;
    performance.mark('newsmark:annotated');
    const p = plan(text, fresh);
    const next = planned(p);
    const t1 = performance.now();
    if (next) {
      const shown = await page.view.renderAllAsync(next, {
        signal: r.controller.signal,
        onProgress: (q) => progress(r, `Showing the article: ${Math.round(100 * fraction(q))}%`, fraction(q)),
      });
      if (!shown) throw new DOMException('Cancelled', 'AbortError');
      if (!await page.sidebar.renderEntitiesAsync(next, { signal: r.controller.signal })) throw new DOMException('Cancelled', 'AbortError');
      await yieldToBrowser(); // the last slice and the commit in separate tasks
      if (r.controller.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    }
    page.prerendered = true;
    try {
      commit(p);
    } finally {
      page.prerendered = false;
    }
    endRun(r);
    performance.mark('newsmark:shown');
    setTimeout(() => store.setMeta('draft', text).catch(() => {}), 0);
    found(ms, `, shown in ${Math.round(performance.now() - t1)} ms`);
  } catch (err) {
    endRun(r);
    // The page was left as it was; the article on screen may be half of the new one: show the open one again.
    if (page.view.doc !== state.doc) {
      if (state.doc && state.doc.text.length > LARGE_RENDER) renderInSlices(state.doc);
      else page.view.renderAll(state.doc);
      page.sidebar.renderEntities(state.doc);
    }
    if (r.quiet) return;
    if (err.name === 'AbortError') setStatus(ui.status, 'Cancelled. The article and your edits are as they were.');
    else setStatus(ui.status, `Could not annotate: ${err.message}`, true);
  }
}

/** A long text's annotations, from the worker (or, if it cannot run, from this thread in small pieces). */
async function annotateElsewhere(text, signal, onProgress) {
  const learned = page.session.learnedState(); // learns from pending corrections first
  if (page.background && !page.background.failure) {
    try {
      return await page.background.annotate(text, learned, { signal, onProgress });
    } catch (err) {
      if (err.name === 'AbortError' || !page.background.failure) throw err;
    }
  }
  const doc = emptyDocument(text);
  for (const piece of annotateInPieces((t) => page.session.session.annotateDocument(t, findAttributions(t)), text, 8192)) {
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
  if (page.run?.controller) {
    page.run.quiet = true;
    cancelRun();
  }
  closeArticle();
  setStatus(ui.status, 'Cleared. Your articles stay under Saved articles.');
  ui.text.focus();
});

