// Editing: every edit goes through apply() (the edit from edits.js, into the
// one ArticleState), with undo and redo, the "all mentions" offer, where focus
// goes, the tip next to the focused highlight, claims mode, and the sidebar's
// jumps and filter. The keys that make the edits are in keys.js.
import { ui, state, page, busy, say, BUSY } from './context.js';
import * as E from './edits.js';
import { firstStartingAt } from './text.js';

/** Applies an edit from edits.js, then moves focus and offers "all mentions". */
export function apply(edit, { focus = true, force = false } = {}) {
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
    if (page.claimsMode && edit.focus != null) focusSentenceAt(edit.focus);
    else if (edit.focus != null) focusEntity(edit.focus);
    else if (edit.focusAfter != null) focusNear(edit.focusAfter);
  }
  return entry;
}

export function undo(moveFocus) {
  if (busy()) return say(BUSY);
  const entry = state.undo();
  say(entry ? `Undone: ${entry.label}` : 'Nothing to undo.');
  if (entry && moveFocus) focusChange(entry);
}
export function redo(moveFocus) {
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
  if (page.claimsMode) focusSentenceAt(pos);
  else focusNear(pos);
}
ui.undo.addEventListener('click', () => undo(false));
ui.redo.addEventListener('click', () => redo(false));

// "All mentions": after a relabel or a deletion.
/** The offer shown, or null. */
let offer = null;
export const hasOffer = () => offer !== null;
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
export function hideOffer() {
  offer = null;
  ui.offer.hidden = true;
  ui.offerText.textContent = '';
}
export function applyOffer() {
  if (!offer || !state.doc) return;
  const o = offer;
  hideOffer();
  apply(E.applyToAll(state.doc, o), { focus: false });
}
ui.offerApply.addEventListener('click', applyOffer);
ui.offerDismiss.addEventListener('click', hideOffer);

// ---------------------------------------------------------------- focus

export function entityIndex(start) {
  const list = state.doc.entities;
  const i = firstStartingAt(list, start);
  return list[i] && list[i].start === start ? i : -1;
}
export const visible = (e) => !page.hidden.has(e.label);

export function focusEntity(start) {
  const head = page.view.headAt(start);
  if (!head) return false;
  page.view.setCurrent(start);
  head.focus();
  return true;
}
/** Focuses the first highlight at or after pos, else the last before it, else the article. */
export function focusNear(pos) {
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
export function focusSentenceAt(pos) {
  const el = [...ui.output.querySelectorAll('.sent')].find((s) => Number(s.dataset.start) <= pos && pos < Number(s.dataset.end))
    ?? [...ui.output.querySelectorAll('.sent')].find((s) => Number(s.dataset.start) >= pos);
  if (el) el.focus();
  else ui.output.focus();
}
/** The next focusable element after the article (Tab from the last highlight). */
export function focusAfterArticle() {
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
    : page.claimsMode ? 'Keys: W check-worthy · 1–6 kind · S claimant · Q cue · T content · Del clear claimant' : 'Press C for claims mode';
  ui.tip.replaceChildren(text, document.createElement('br'), keys);
  ui.tip.hidden = false;
  const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
  const width = Math.min(ui.tip.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
  ui.tip.style.left = `${left + window.scrollX}px`;
  ui.tip.style.top = `${r.bottom + window.scrollY + 6}px`;
}
export function hideTip() { ui.tip.hidden = true; }
window.addEventListener('resize', () => {
  const a = document.activeElement;
  if (!ui.tip.hidden && a && ui.output.contains(a) && a !== ui.output) showTip(a);
});

ui.output.addEventListener('focusin', (ev) => {
  const t = ev.target;
  if (t.matches('mark[data-head]')) {
    page.view.setCurrent(Number(t.dataset.start));
    showTip(t);
  } else if (t.matches('.sent')) {
    showTip(t);
  } else hideTip();
  if (page.claimsMode) showAttribution(t);
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
export function showAttribution(el) {
  if (!globalThis.CSS?.highlights || typeof Highlight === 'undefined') return;
  for (const k of ['nm-source', 'nm-cue', 'nm-content']) CSS.highlights.delete(k);
  if (!page.claimsMode || !state.doc || !el || !ui.output.contains(el)) return;
  const sent = el.closest?.('.claim');
  if (!sent) return;
  const ci = E.claimAt(state.doc, Number(sent.dataset.start));
  const c = state.doc.claims[ci];
  const a = c && c.attribution != null ? state.doc.attributions[c.attribution] : null;
  if (!a) return;
  const paint = (name, spans) => {
    const ranges = spans.filter(Boolean).map((s) => page.view.range(s.start, s.end)).filter(Boolean);
    if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
  };
  paint('nm-content', a.content);
  paint('nm-cue', [a.cue]);
  paint('nm-source', [a.source]);
}

export function toggleClaimsMode(on = !page.claimsMode) {
  page.claimsMode = on;
  page.view.setClaimsMode(on);
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

// ---------------------------------------------------------------- sidebar actions

const jumpAt = new Map();
export function jump(label, text) {
  if (busy()) return say(BUSY);
  const list = state.doc.entities.filter((e) => e.label === label && e.text === text);
  if (!list.length) return;
  const key = `${label}\u0000${text}`;
  const k = ((jumpAt.get(key) ?? -1) + 1) % list.length;
  jumpAt.set(key, k);
  if (page.claimsMode) toggleClaimsMode(false);
  focusEntity(list[k].start);
  page.view.headAt(list[k].start)?.scrollIntoView({ block: 'center' });
  say(`${text} (${label}): mention ${k + 1} of ${list.length}.`);
}

export function focusClaim(start) {
  if (busy()) return say(BUSY);
  const el = page.view.sentenceEl(start);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

export function setFilter(set) {
  page.hidden = new Set(set);
  if (page.hidden.size) ui.output.dataset.hide = [...page.hidden].join(' ');
  else delete ui.output.dataset.hide;
}

