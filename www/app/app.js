// The Newsmark page: paste an article, annotate it, correct it by keyboard.
//
//   context.js     what the page's modules share: elements, the state, the parts made at start-up
//   state.js       the one owner of the document and its undo history
//   edits.js       every edit, as a pure function from the document to ops
//   annotating.js  Annotate, the example, Clear, and long texts (progress, Cancel)
//   editing.js     edits applied, undo/redo, "all mentions", focus, tips, claims mode
//   keys.js        the article's keys, word selection, the keys overlay
//   tokens.js      the core's token edges, for selections and resizing
//   render.js      the article, rendered per paragraph (an edit redraws only its paragraphs)
//   sidebar.js     legend, entity groups, filter, claims, history, saved articles
//   session.js     the wasm Session: annotates, and learns from the corrections (learning.js: its panel)
//   background.js, worker.js, pieces.js  long texts, annotated piece by piece in a worker
//   saving.js      autosave, restore, the draft, saved articles (store.js: IndexedDB; pack.js:
//                  compact records; journal.js: every edit logged synchronously, for a tab killed mid-edit)
//   files.js       exports and imports in every format of formats() (files-panel.js: the panel)
//
// All user text goes into the DOM as text nodes; nothing is parsed as HTML.
//
// This module wires them: it starts the page, and redraws what a change of the
// document touches.
import { load, loadClaims, claimsPack, attributionModule, labels as labelInfos, wasmModule } from '../newsmark/newsmark.js';
import { ui, state, page, setStatus, LARGE_RENDER } from './context.js';
import { ArticleView } from './render.js';
import { Sidebar } from './sidebar.js';
import { LearningSession } from './session.js';
import { BackgroundAnnotator } from './background.js';
import * as journal from './journal.js';
import { renderInSlices } from './annotating.js';
import { hideOffer, showAttribution, jump, focusClaim, setFilter } from './editing.js';
import { resetCaret } from './keys.js';
import { openReview } from './review.js';
import { claimAt } from './edits.js';
import { lesson, nextLesson, resetLesson, showLearned } from './learning.js';
import { saveSoon, restore, openArticle, removeArticle, recoveredNote } from './saving.js';
import { buildFiles } from './files-panel.js';

// ------------------------------------------------------------------ rendering

state.addEventListener('change', (ev) => {
  const d = ev.detail;
  if (d.how === 'edit' || d.how === 'undo' || d.how === 'redo') {
    // Logged first, synchronously: a tab killed right after this key press still has the change.
    journal.log(state.id, d.how === 'edit' ? { seq: d.seq, how: 'edit', entry: d.entry } : { seq: d.seq, how: d.how, n: d.entry.n });
  }
  if (page.prerendered || d.full) {
    if (page.prerendered) page.view.adopt(state.doc); // a long run rendered it (and its entity groups) already
    else if (state.doc && state.doc.text.length > LARGE_RENDER) {
      renderInSlices(state.doc);
      page.sidebar.renderEntitiesAsync(state.doc).catch((err) => setStatus(ui.status, `Could not list the entities: ${err.message}`, true));
    } else {
      page.view.renderAll(state.doc);
      page.sidebar.renderEntities(state.doc);
    }
    page.sidebar.renderClaims(state.doc);
  } else {
    if (page.view.renderRanges(state.doc, d.ranges) < 0) {
      // An annotation now crosses a paragraph edge: the whole article again.
      if (state.doc.text.length > LARGE_RENDER) renderInSlices(state.doc);
      else page.view.renderAll(state.doc);
    }
    page.sidebar.renderEntities(state.doc, d.labels);
    if (d.claims) page.sidebar.renderClaims(state.doc);
  }
  page.sidebar.renderHistory(state);
  const has = !!state.doc;
  for (const b of ui.exports.querySelectorAll('button')) b.disabled = !has;
  if (d.how === 'edit' || d.how === 'undo' || d.how === 'redo') {
    if (d.how !== 'edit') hideOffer();
    saveSoon();
    if (d.full) lesson.all = true;
    else lesson.ranges.push(...d.ranges);
    page.session.schedule(nextLesson);
  } else if (d.how === 'open') {
    hideOffer();
    resetCaret();
    resetLesson();
    if (!d.restored) saveSoon();
  }
  if (page.claimsMode) showAttribution(document.activeElement);
});

// ------------------------------------------------------------------ start

try {
  await load();
  // The worker for long texts starts now, so that its files are fetched with the page's: annotating,
  // even a long text, then requests nothing. It gets the compiled wasm: no second download or compile.
  page.background = new BackgroundAnnotator();
  page.background.module = wasmModule();
  page.background.claimsPack = claimsPack;
  page.background.attributionModule = attributionModule;
  const workerReady = page.background.start();
  // The claims models (the second file) arrive while the page gets ready; an
  // article annotated before them shows its entities first.
  page.claims = loadClaims();
  page.claims.catch(() => {});
  page.labels = labelInfos();
  page.view = new ArticleView(ui.output, page.labels);
  // The claims panel's minimum score and order: a view of the document, which state.js keeps.
  const claimView = ({ min }) => {
    page.view.setClaimMin(min);
    page.sidebar.renderClaims(state.doc);
  };
  page.sidebar = new Sidebar(ui, page.labels, {
    jump, focusClaim, open: openArticle, remove: removeArticle, filter: setFilter, claimView,
    review: (start, from) => openReview(claimAt(state.doc, start), from),
  });
  page.sidebar.claimsPending = () => page.claimsPending;
  page.session = new LearningSession();
  page.session.addEventListener('learned', (ev) => showLearned(ev.detail));
  page.session.addEventListener('error', (ev) => setStatus(ui.learnStatus, ev.detail, true));
  buildFiles();
  page.sidebar.renderEntities(null);
  page.sidebar.renderClaims(null);
  page.sidebar.renderHistory(state);
  ui.annotate.disabled = false;
  const { restored, recovered } = await restore();
  // Ready once the worker is (or has failed: long texts are then annotated here, in small pieces).
  await Promise.race([workerReady.catch(() => {}), new Promise((ok) => setTimeout(ok, 15000))]);
  const claimsOk = await page.claims.then(() => true, (err) => {
    setStatus(ui.status, `${err.message}. Entities are found; claims and attributions are not.`, true);
    return false;
  });
  document.documentElement.dataset.ready = 'true';
  // (Unless an article was annotated while the claims models were on their way: its status stands.)
  const annotatedMeanwhile = state.doc && !restored;
  if (claimsOk && !annotatedMeanwhile) setStatus(ui.status, restored ? `Reopened “${restored.title}” as you left it.${recoveredNote(recovered)}` : 'Ready. Paste an article and press Annotate.');
} catch (err) {
  setStatus(ui.status, err.message, true);
}

