// The panels around the article: the legend (labels, keys, counts), entities
// grouped by label, the label filter, the claims list, the edit history and
// the saved articles. Each render function redraws only its own panel (and
// renderGroups only the labels an edit touched).
import { KINDS, KIND_NAMES, claimantLabel } from './edits.js';
import { yieldToBrowser, slicer } from './yield.js';

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) for (const k in attrs) node.setAttribute(k, attrs[k]);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** How an attribution reports a claim (the core's facet), as the list says it. */
const FACETS = { quote: ' · quoted', attributed: ' · attributed' };

const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A long article's panels list this many names per label, and this many claims; a line says how many more. */
export const GROUP_MAX = 300;
export const CLAIMS_MAX = 1000;
const more = (n, what) => h('li', { class: 'more' }, `…and ${n.toLocaleString('en')} more ${what}.`);

const HM = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'short' });
export function timeOf(ms) {
  const d = new Date(ms);
  const hm = HM.format(d);
  return d.toDateString() === new Date().toDateString() ? hm : `${DAY.format(d)} ${hm}`;
}

export class Sidebar {
  /**
   * @param {Record<string, HTMLElement>} ui
   * @param {{ name: string, description: string }[]} labels in labels() order (key 1 = the first)
   * @param {{ jump(label: string, text: string): void, focusClaim(start: number): void, review(start: number, from: Element): void,
   *           open(id: string): void, remove(id: string): void, filter(hidden: Set<string>): void,
   *           claimView(view: { min: number, byScore: boolean }): void }} on
   */
  constructor(ui, labels, on) {
    this.ui = ui;
    this.labels = labels;
    this.on = on;
    this.groupEls = new Map();
    /** Counts the entity renders, so that a slower, older one never draws over a newer one. */
    this.entityRun = 0;
    /** True while a renderEntitiesAsync has not drawn (the panel may show another article). */
    this.entityPending = false;
    this.hidden = new Set();
    /** The claims list's view (not the document's state): the lowest score shown, and the order. */
    this.claimView = { min: 0, byScore: false };
    this.buildStatic();
  }

  buildStatic() {
    const { ui, labels } = this;
    // Legend: key, chip, description, count.
    ui.legend.replaceChildren(...labels.map(({ name, description }, i) => h('li', { 'data-label': name, title: `${description}: press ${i + 1}` },
      h('kbd', { 'aria-label': `key ${i + 1}` }, String(i + 1)), ' ',
      h('span', { class: 'chip', 'data-label': name }, name),
      ` ${description}`,
      h('span', { class: 'count', 'aria-label': '0 found' }, '0'))));
    // One listener for the claims list (it can hold a thousand items).
    ui.claims.addEventListener('click', (ev) => {
      const b = ev.target.closest('button.claim-link, button.review-link');
      if (b?.classList.contains('review-link')) this.on.review(Number(b.dataset.start), b);
      else if (b) this.on.focusClaim(Number(b.dataset.start));
    });
    // The claims' threshold and order, as the entities' minimum confidence in the embed demo:
    // the value shows while the slider moves; the list and the underlines follow on change.
    ui.claimMin.addEventListener('input', () => { ui.claimMinValue.textContent = `${Math.round(100 * Number(ui.claimMin.value))}%`; });
    ui.claimMin.addEventListener('change', () => {
      this.claimView.min = Number(ui.claimMin.value);
      this.on.claimView(this.claimView);
    });
    ui.claimSort.addEventListener('change', () => {
      this.claimView.byScore = ui.claimSort.checked;
      this.on.claimView(this.claimView);
    });
    ui.claimLegend.replaceChildren(
      ...KINDS.map((k, i) => h('li', { 'data-kind': k }, h('kbd', null, String(i + 1)), ` ${KIND_NAMES[k]}`)),
      h('li', null, h('kbd', null, 'W'), ' check-worthy on/off'),
      h('li', { 'data-role': 'source' }, h('kbd', null, 'S'), ' claimant (double underline)'),
      h('li', { 'data-role': 'cue' }, h('kbd', null, 'Q'), ' cue (wavy underline)'),
      h('li', { 'data-role': 'content' }, h('kbd', null, 'T'), ' content'),
      h('li', null, h('kbd', null, 'Del'), ' clear claimant'));
    // Filter: one checkbox per label.
    ui.filter.replaceChildren(...labels.map(({ name, description }) => {
      const box = h('input', { type: 'checkbox', id: `show-${name}`, 'data-label': name });
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) this.hidden.delete(name);
        else this.hidden.add(name);
        this.on.filter(this.hidden);
      });
      return h('div', { class: 'filter-item' }, box, h('label', { for: `show-${name}` },
        h('span', { class: 'chip', 'data-label': name }, name), h('span', { class: 'visually-hidden' }, ` ${description}`)));
    }));
    // Entity groups, one per label, filled by renderGroups.
    ui.groups.replaceChildren(...labels.map(({ name, description }) => {
      const count = h('span', { class: 'count' }, '0');
      const list = h('ul', { class: 'mentions', 'aria-label': `${description} (${name})` });
      const section = h('section', { class: 'group', 'data-label': name, hidden: '' },
        h('h3', null, h('span', { class: 'chip', 'data-label': name }, name), ` ${description} `, count), list);
      this.groupEls.set(name, { section, count, list });
      return section;
    }));
  }

  /** Legend counts and the entity groups; `touched`: the labels to redraw (null: all). */
  renderEntities(doc, touched = null) {
    this.entityRun++; // an unfinished renderEntitiesAsync stops…
    if (this.entityPending) touched = null; // …so every label is redrawn here
    this.entityPending = false;
    const tally = this.tally(touched);
    tally.add(doc ? doc.entities : [], 0, doc ? doc.entities.length : 0);
    this.drawEntities(tally);
  }

  /**
   * renderEntities for a long article, counting in slices of about `sliceMs`
   * with the browser free in between. Resolves true when drawn, false when
   * `signal` aborted or a later render began (then it draws nothing).
   */
  async renderEntitiesAsync(doc, { signal = null, sliceMs = 20 } = {}) {
    const run = ++this.entityRun;
    this.entityPending = true;
    const stopped = () => signal?.aborted || run !== this.entityRun;
    const tally = this.tally(null);
    const list = doc.entities;
    const clock = slicer(sliceMs);
    for (let i = 0; i < list.length;) {
      const to = Math.min(list.length, i + 4096);
      tally.add(list, i, to);
      i = to;
      if (clock.due()) {
        await yieldToBrowser();
        if (stopped()) return false;
      }
    }
    if (stopped()) return false;
    this.entityPending = false;
    this.drawEntities(tally);
    return true;
  }

  /** Counts per label, and per name for the `touched` labels (null: all): add() list[from, to). */
  tally(touched) {
    const totals = new Map();
    const names = new Map(); // label -> Map(text -> count), for the touched labels
    for (const l of this.labels) if (!touched || touched.has(l.name)) names.set(l.name, new Map());
    return {
      totals,
      names,
      add(list, from, to) {
        for (let i = from; i < to; i++) {
          const e = list[i];
          totals.set(e.label, (totals.get(e.label) ?? 0) + 1);
          const m = names.get(e.label);
          if (m) m.set(e.text, (m.get(e.text) ?? 0) + 1);
        }
      },
    };
  }

  drawEntities({ totals, names }) {
    let all = 0;
    for (const li of this.ui.legend.children) {
      const n = totals.get(li.dataset.label) ?? 0;
      all += n;
      const c = li.querySelector('.count');
      c.textContent = String(n);
      c.setAttribute('aria-label', `${n} found`);
    }
    this.ui.entityCount.textContent = String(all);
    for (const [label, m] of names) {
      const g = this.groupEls.get(label);
      const n = totals.get(label) ?? 0;
      g.count.textContent = `(${n})`;
      g.section.hidden = n === 0;
      const sorted = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const items = sorted.slice(0, GROUP_MAX).map(([text, k]) => {
        const button = h('button', { type: 'button', class: 'mention-link', title: `Go to the mentions of ${text}` }, clip(text, 60));
        button.addEventListener('click', () => this.on.jump(label, text));
        return h('li', null, button, ' ', h('span', { class: 'count', 'aria-label': `${k} mention${k === 1 ? '' : 's'}` }, `×${k}`));
      });
      if (sorted.length > GROUP_MAX) items.push(more(sorted.length - GROUP_MAX, 'names, fewer mentions each'));
      g.list.replaceChildren(...items);
    }
  }

  renderClaims(doc) {
    const claims = doc ? doc.claims : [];
    if (doc && this.claimsPending?.() === doc.text) {
      // The article's entities are shown; its claims come with the claims models.
      this.ui.claimCount.textContent = '…';
      this.ui.claims.replaceChildren(h('li', { class: 'claims-pending', role: 'status' }, 'Finding claims…'));
      return;
    }
    const { min, byScore } = this.claimView;
    // Each claim keeps its index in the document (data-start finds it in the article).
    let shown = claims.filter((c) => c.score >= min);
    if (byScore) shown = [...shown].sort((a, b) => b.score - a.score || a.start - b.start);
    this.ui.claimCount.textContent = shown.length === claims.length ? String(claims.length) : `${shown.length} of ${claims.length}`;
    // Cloned from a template: a long article can have a thousand claims.
    const tpl = h('li', null,
      h('button', { type: 'button', class: 'claim-link' }, ''),
      h('div', { class: 'claim-meta' }, h('span', { class: 'kind' }, ''), '', h('span', { class: 'claimant' }, ''),
        h('span', { class: 'verdict' }, ''),
        h('button', { type: 'button', class: 'secondary small review-link' })));
    const items = shown.slice(0, CLAIMS_MAX).map((claim, i) => {
      const who = claimantLabel(doc, claim);
      const id = `claim-meta-${i}`;
      const li = tpl.cloneNode(true);
      li.setAttribute('data-kind', claim.kind);
      li.setAttribute('data-status', claim.status);
      const [button, meta] = li.children;
      button.setAttribute('aria-describedby', id);
      button.setAttribute('data-start', String(claim.start));
      button.firstChild.data = clip(claim.text, 160);
      meta.id = id;
      meta.firstChild.textContent = KIND_NAMES[claim.kind] ?? claim.kind;
      meta.childNodes[1].data = ` · ${(100 * claim.score).toFixed(0)}% · ${claim.status === 'accepted' ? 'accepted' : 'suggested'}${FACETS[claim.facet] ?? ''} · `;
      const [, , claimant, verdict, review] = meta.childNodes;
      claimant.textContent = who ? `claimant: ${who}` : 'no claimant found';
      verdict.textContent = claim.review ? ` · reviewed: ${claim.review.rating}` : '';
      review.setAttribute('data-start', String(claim.start));
      review.setAttribute('aria-label', `${claim.review ? 'Edit the review' : 'Review'}: ${clip(claim.text, 60)}`);
      // The button's words are CSS generated content (like the labels): the
      // list item's text stays the claim and its details.
      review.setAttribute('data-text', claim.review ? 'Edit review' : 'Review');
      return li;
    });
    if (shown.length > CLAIMS_MAX) items.push(more(shown.length - CLAIMS_MAX, 'claims (press C in the article to go through them all)'));
    this.ui.claims.replaceChildren(...items);
  }

  /** The recent edits: undone ones (redo-able) first, greyed, then the undo history, newest first. */
  renderHistory(state) {
    const items = [];
    const redo = state.redoStack.slice(-5);
    for (const e of redo) {
      items.push(h('li', { class: 'undone' }, h('span', { class: 'visually-hidden' }, 'Undone: '), e.label, ' ', h('time', null, timeOf(e.time))));
    }
    const undo = state.undoStack.slice(-15).reverse();
    for (const e of undo) items.push(h('li', null, e.label, ' ', h('time', null, timeOf(e.time))));
    if (!items.length) items.push(h('li', { class: 'empty' }, 'No edits yet.'));
    this.ui.history.replaceChildren(...items);
    this.ui.undo.disabled = state.undoStack.length === 0;
    this.ui.redo.disabled = state.redoStack.length === 0;
    const last = state.undoStack[state.undoStack.length - 1];
    const next = state.redoStack[state.redoStack.length - 1];
    this.ui.undo.title = last ? `Undo: ${last.label}` : 'Nothing to undo';
    this.ui.redo.title = next ? `Redo: ${next.label}` : 'Nothing to redo';
  }

  renderArticles(list, currentId) {
    if (!list.length) {
      this.ui.articles.replaceChildren(h('li', { class: 'empty' }, 'None yet: annotated articles are saved here automatically.'));
      return;
    }
    this.ui.articles.replaceChildren(...list.map((a) => {
      const open = h('button', { type: 'button', class: 'article-link' }, clip(a.title, 80));
      if (a.id === currentId) open.setAttribute('aria-current', 'true');
      open.addEventListener('click', () => this.on.open(a.id));
      const del = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Delete saved article: ${clip(a.title, 80)}` }, 'Delete');
      del.addEventListener('click', () => this.on.remove(a.id));
      return h('li', { 'data-id': a.id },
        open,
        h('span', { class: 'article-meta' }, `${a.words} words · ${a.entities} entities · ${a.edits} edits · ${timeOf(a.updated)}`),
        del);
    }));
  }
}
