// The article's keys (? lists them): highlights (Tab, 1–9, A, X, Delete,
// Shift/Alt+arrows to resize), words selected by ← → or the mouse (snapped to
// the core's token edges, tokens.js), claims mode (W, 1–6, S/Q/T, Delete), undo
// and redo anywhere, and the keys overlay.
import { $, ui, state, page, busy, say, BUSY } from './context.js';
import * as E from './edits.js';
import { openReview } from './review.js';
import { firstStartingAt } from './text.js';
import { moveEdge, snapToTokens, tokenEndAfter, tokenStartAt, tokenStartBefore } from './tokens.js';
import {
  apply, undo, redo, hasOffer, hideOffer, applyOffer, entityIndex, visible, focusEntity,
  focusAfterArticle, hideTip, toggleClaimsMode,
} from './editing.js';

/** Where the last keyboard selection ended: → continues from there once it is used. */
let caret = -1;
/** A new article: no keyboard selection to continue. */
export function resetCaret() {
  caret = -1;
}

function digitOf(ev) {
  if (/^[1-9]$/.test(ev.key)) return Number(ev.key);
  if (/^(Digit|Numpad)[1-9]$/.test(ev.code)) return Number(ev.code.slice(-1));
  return 0;
}

/** Selects the next / previous word (keyboard text selection). */
function selectWord(dir, head, sentEl) {
  const text = state.doc.text;
  const sel = page.view.selection();
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
  if (head && !page.claimsMode) ui.output.focus({ preventScroll: true });
  page.view.select(s, e);
  caret = e;
  const r = page.view.range(s, e);
  const el = r?.startContainer.parentElement;
  el?.scrollIntoView({ block: 'nearest' });
  hideTip();
  say(`Selected “${state.doc.text.slice(s, e)}”. ${page.claimsMode ? 'S claimant, Q cue, T content.' : 'A number labels it; Shift/Alt+arrows widen it.'}`);
}
function resizeSelection(edge, dir, snap) {
  const sel = page.view.selection();
  if (!sel) return false;
  const next = moveEdge(state.doc.text, sel[0], sel[1], edge, dir, snap);
  if (next) selectSpan(next[0], next[1], null);
  return true;
}

function labelSelection(label) {
  const sel = page.view.selection();
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
      const sel = page.view.selection();
      if (head && !sel && !page.claimsMode) {
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
    selectWord(arrow, head, page.claimsMode ? sentEl : null);
    return;
  }
  if (key === 'Escape') {
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed && page.view.selection()) {
      done();
      sel.removeAllRanges();
      say('Selection cleared.');
    } else if (page.claimsMode) {
      done();
      toggleClaimsMode(false);
    } else if (hasOffer()) {
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
    if (hasOffer()) {
      done();
      applyOffer();
    }
    return;
  }
  if (page.claimsMode) {
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
    const label = page.labels[digit - 1]?.name;
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
    const cur = page.view.current >= 0 ? entityIndex(page.view.current) : -1;
    i = cur >= 0 ? cur : 0;
  } else {
    focusOutBackwards();
    return;
  }
  while (i >= 0 && i < list.length && !visible(list[i])) i += dir;
  if (i >= 0 && i < list.length) {
    focusEntity(list[i].start);
    page.view.headAt(list[i].start)?.scrollIntoView({ block: 'nearest' });
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
    if (digitOf(ev) || /^[wWaAxXsSqQtTrR]$/.test(key) || key === 'Delete' || key === 'Backspace') {
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
    const sel = page.view.selection();
    if (ci < 0) say('Mark the sentence check-worthy first (W).');
    else if (!sel) say('Select the words first: ← → and Shift/Alt+arrows, or the mouse.');
    else {
      const snapped = snapToTokens(doc.text, sel[0], sel[1]);
      if (!snapped) return;
      document.getSelection().removeAllRanges();
      apply(E.setRole(doc, ci, role, snapped[0], snapped[1]));
    }
  } else if (key === 'r' || key === 'R') {
    done();
    if (ci < 0) say('Mark the sentence check-worthy first (W), then review it.');
    else openReview(ci, sentEl);
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

// ---------------------------------------------------------------- help

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

