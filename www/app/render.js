// The annotated article: one <p class="para"> per paragraph block, so an edit
// re-renders only the paragraphs it touched. Inside a block, sentences are
// <span class="sent"> (check-worthy ones also class "claim"), and entities are
// <mark class="ent" data-label>; an entity cut by a sentence edge is drawn in
// pieces, the first of which (data-head) is the one that takes focus. The label
// after a highlight is CSS generated content (style.css, from data-label), not
// text: copying a paragraph copies its words only. User text only ever goes in
// as text nodes.
//
// The blank lines between paragraphs stay in the DOM (hidden span.sep), so the
// article's textContent is exactly the text, and DOM positions map to text
// offsets (offsetOf / pointAt).
//
// Long articles (renderAllAsync) are rendered in slices of a few tens of
// milliseconds with the browser free in between, so no task is long: the
// paragraphs are built off the page first (the article on screen stays as it
// was), then put in, in one go for up to ATOMIC_PARTS paragraphs, else in
// slices, top first.
import { blocks, firstEndingAfter, firstStartingAt, sentences, sentencesIn } from './text.js';
import { KIND_NAMES, claimantLabel } from './edits.js';
import { yieldToBrowser } from './yield.js';

const ORIGIN = { model: 'the model', rule: 'a rule', user: 'you', lexicon: 'your corrections (lexicon)' };

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) for (const k in attrs) node.setAttribute(k, attrs[k]);
  for (const c of children) node.append(c);
  return node;
}

// Templates for marks: the first piece of an entity (focusable) and the others.
const PIECE = h('mark', { class: 'ent' }, '');
const HEAD = h('mark', { class: 'ent', 'data-head': '', tabindex: '-1', role: 'button', 'aria-roledescription': 'highlight' }, '');

/** Up to this many paragraphs (and separators), a finished rendering is put in the page in one go. */
export const ATOMIC_PARTS = 3000;
/** A long article's paragraphs are grouped, this many parts to a group (content-visibility works per group). */
export const CHUNK_PARTS = 64;
/** A long article is put in the page a few groups at a time: inserting them takes about this many ms. */
const ATTACH_MS = 12;

export { yieldToBrowser };
/** Resolves after the next frame has been rendered. */
export function nextFrame() {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}

export function entityTitle(e, info) {
  const what = info ? `${e.label} (${info.description})` : e.label;
  const status = e.status === 'accepted' ? 'accepted' : 'suggested';
  return `${what}, confidence ${(100 * e.score).toFixed(0)}%, from ${ORIGIN[e.origin] ?? e.origin}, ${status}`;
}

export function claimTitle(doc, c) {
  const who = claimantLabel(doc, c);
  const a = c.attribution == null ? null : doc.attributions[c.attribution];
  return `Check-worthy claim (${KIND_NAMES[c.kind] ?? c.kind}), score ${(100 * c.score).toFixed(0)}%, ` +
    `from ${ORIGIN[c.origin] ?? c.origin}, ${c.status === 'accepted' ? 'accepted' : 'suggested'}` +
    (who ? `, claimant: ${who}` : ', no claimant found') + (a ? `, cue: “${a.cue.text}”` : '') +
    (c.facet === 'quote' ? ', quoted' : c.facet === 'attributed' ? ', attributed' : '');
}

export class ArticleView {
  /**
   * @param {HTMLElement} root the article element
   * @param {{ name: string, description: string }[]} labels
   */
  constructor(root, labels) {
    this.root = root;
    this.info = new Map(labels.map((l) => [l.name, l]));
    this.doc = null;
    /** [{ from, to, el, sep }] in text order, covering the text. */
    this.parts = [];
    this.sentenceCache = { text: null, list: [] };
    /** Start offset of the entity that holds the roving tab stop. */
    this.current = -1;
    this.claimsMode = false;
    /** Claims scored below this are not underlined (the claims panel's minimum score). */
    this.claimMin = 0;
  }

  sentences() {
    const doc = this.doc;
    if (this.sentenceCache.text !== doc.text) this.sentenceCache = { text: doc.text, list: sentences(doc.text).map(([start, end]) => ({ start, end })) };
    return this.sentenceCache.list;
  }

  /** Renders the whole article. */
  renderAll(doc) {
    this.doc = doc;
    this.parts = [];
    if (!doc) {
      this.root.replaceChildren();
      return;
    }
    const { blocks: bs, seps } = blocks(doc.text, doc.entities, doc.claims);
    const frag = document.createDocumentFragment();
    let si = 0;
    for (const [from, to] of bs) {
      while (si < seps.length && seps[si][0] < from) this.addSep(frag, seps[si++]);
      const el = this.renderBlock(from, to);
      this.parts.push({ from, to, el, sep: false });
      frag.append(el);
    }
    while (si < seps.length) this.addSep(frag, seps[si++]);
    this.root.replaceChildren(frag);
  }

  /**
   * Renders the whole article without long tasks: slices of about `sliceMs`
   * of work with the browser free in between. `onProgress({ phase, done,
   * total })` after each slice (phase 'build': done/total in text offsets;
   * 'attach': in parts). Resolves true when the article is in the page, false
   * when `signal` aborted it (the element may then hold an unfinished
   * rendering: render again). Paragraphs are grouped in <div class="chunk">
   * elements of CHUNK_PARTS parts, and content-visibility applies to the
   * groups: some hundreds of elements for the browser to watch, not 15,000.
   */
  async renderAllAsync(doc, { signal = null, onProgress = null, sliceMs = 30 } = {}) {
    this.doc = doc;
    this.parts = [];
    const total = doc.text.length;
    const { blocks: bs, seps } = blocks(doc.text, doc.entities, doc.claims);
    // Sentences are found block by block (the same list as sentences(doc.text)).
    const list = [];
    this.sentenceCache = { text: doc.text, list };
    const built = [];
    const aborted = () => signal?.aborted || this.doc !== doc;
    let t0 = performance.now();
    let si = 0;
    const sep = ([from, to]) => {
      const el = h('span', { class: 'sep', 'aria-hidden': 'true', 'data-from': String(from) }, doc.text.slice(from, to));
      built.push({ from, to, el, sep: true });
    };
    for (const [from, to] of bs) {
      while (si < seps.length && seps[si][0] < from) sep(seps[si++]);
      for (const [s, e] of sentencesIn(doc.text, from, to)) list.push({ start: s, end: e });
      built.push({ from, to, el: this.renderBlock(from, to), sep: false });
      if (performance.now() - t0 > sliceMs) {
        onProgress?.({ phase: 'build', done: to, total });
        await yieldToBrowser();
        if (aborted()) return false;
        t0 = performance.now();
      }
    }
    while (si < seps.length) sep(seps[si++]);
    onProgress?.({ phase: 'build', done: total, total });
    await yieldToBrowser();
    if (aborted()) return false;
    t0 = performance.now();
    // The groups.
    const chunks = [];
    for (let i = 0; i < built.length; i += CHUNK_PARTS) {
      const chunk = h('div', { class: 'chunk' });
      for (const p of built.slice(i, i + CHUNK_PARTS)) chunk.append(p.el);
      chunks.push(chunk);
      if (performance.now() - t0 > sliceMs) {
        await yieldToBrowser();
        if (aborted()) return false;
        t0 = performance.now();
      }
    }
    // Out with the old rendering (a long one a frame at a time), in with the new:
    // in one go up to ATOMIC_PARTS parts, else a few groups a frame (each frame
    // then styles and lays out only what it added).
    while (this.root.childNodes.length > 64) {
      const r = document.createRange();
      r.setStart(this.root, Math.max(0, this.root.childNodes.length - 64 * (this.root.firstElementChild?.classList.contains('chunk') ? 1 : CHUNK_PARTS)));
      r.setEnd(this.root, this.root.childNodes.length);
      r.deleteContents();
      await nextFrame();
      if (aborted()) return false;
    }
    this.parts = built;
    let step = built.length <= ATOMIC_PARTS ? chunks.length : 2;
    for (let i = 0; i < chunks.length || i === 0;) {
      const a0 = performance.now();
      const frag = document.createDocumentFragment();
      frag.append(...chunks.slice(i, i + step));
      if (i === 0) this.root.replaceChildren(frag);
      else this.root.append(frag);
      const appendMs = performance.now() - a0;
      i += step;
      if (i >= chunks.length) break;
      onProgress?.({ phase: 'attach', done: Math.min(built.length, i * CHUNK_PARTS), total: built.length });
      const f0 = performance.now();
      await nextFrame();
      if (aborted()) return false;
      // Adapt: inserting the groups, then the frame's own style and layout work
      // (in the wait), each well under a long task; at most 16 groups a frame.
      const frameMs = performance.now() - f0;
      if (appendMs > ATTACH_MS || frameMs > 2 * ATTACH_MS + 16) step = Math.max(1, step >> 1);
      else if (appendMs < ATTACH_MS / 2 && frameMs < ATTACH_MS + 16) step = Math.min(16, step * 2);
    }
    onProgress?.({ phase: 'attach', done: built.length, total: built.length });
    return true;
  }

  /** The document object the page now holds, with the same content as the one rendered (after renderAllAsync). */
  adopt(doc) {
    this.doc = doc;
  }

  addSep(frag, [from, to]) {
    const el = h('span', { class: 'sep', 'aria-hidden': 'true', 'data-from': String(from) }, this.doc.text.slice(from, to));
    this.parts.push({ from, to, el, sep: true });
    frag.append(el);
  }

  /**
   * Re-renders the paragraphs that the [start, end] ranges touch. Returns the
   * number of paragraphs rendered, or -1 (nothing done) when an annotation now
   * crosses a paragraph edge: the whole article must be rendered again.
   */
  renderRanges(doc, ranges) {
    this.doc = doc;
    const touched = new Set();
    for (const [s, e] of ranges) {
      let i = this.partAt(s);
      for (; i < this.parts.length && this.parts[i].from <= e; i++) if (!this.parts[i].sep) touched.add(i);
    }
    for (const i of touched) {
      const p = this.parts[i];
      if (this.crosses(p.from, p.to)) return -1;
    }
    for (const i of touched) {
      // The paragraph element stays (and with it its content-visibility state and
      // remembered size); only its content is rebuilt.
      const p = this.parts[i];
      p.el.replaceChildren(...this.renderBlock(p.from, p.to).childNodes);
    }
    return touched.size;
  }

  /** Whether an entity or claim overlaps [from, to) and reaches outside it. */
  crosses(from, to) {
    for (const list of [this.doc.entities, this.doc.claims]) {
      const i = firstEndingAfter(list, from);
      if (list[i] && list[i].start < from && list[i].end > from) return true;
      const j = firstStartingAt(list, to) - 1;
      if (list[j] && list[j].end > to && list[j].start < to) return true;
    }
    return false;
  }

  /** Index of the part containing offset pos (the last part starting at or before it). */
  partAt(pos) {
    let lo = 0;
    let hi = this.parts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.parts[mid].from <= pos) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  renderBlock(from, to) {
    const doc = this.doc;
    const p = h('p', { class: 'para', 'data-from': String(from), 'data-to': String(to) });
    // Sentence units: the claims, and the JavaScript sentences in the gaps between them.
    const units = [];
    const claims = doc.claims;
    let ci = firstEndingAfter(claims, from);
    const sents = this.sentences();
    let si = firstEndingAfter(sents, from);
    let at = from;
    const gap = (a, b) => {
      for (; si < sents.length && sents[si].start < b; si++) {
        const s = Math.max(sents[si].start, a);
        const e = Math.min(sents[si].end, b);
        if (e > s && doc.text.slice(s, e).trim()) units.push({ start: s, end: e, claim: -1 });
        if (sents[si].end > b) break;
      }
    };
    for (; ci < claims.length && claims[ci].start < to; ci++) {
      const c = claims[ci];
      gap(at, c.start);
      units.push({ start: Math.max(c.start, from), end: Math.min(c.end, to), claim: ci });
      at = c.end;
    }
    gap(at, to);
    let pos = from;
    for (const u of units) {
      if (u.start < pos) continue;
      this.appendText(p, pos, u.start);
      const attrs = { class: u.claim >= 0 ? 'sent claim' : 'sent', 'data-start': String(u.start), 'data-end': String(u.end) };
      if (u.claim >= 0) {
        const c = claims[u.claim];
        attrs.tabindex = '0';
        attrs.role = 'mark';
        attrs['data-kind'] = c.kind;
        attrs['data-score'] = c.score.toFixed(3);
        if (c.score < this.claimMin) attrs.class += ' below-min';
        attrs['data-status'] = c.status;
        attrs['data-origin'] = c.origin;
        attrs.title = claimTitle(doc, c);
        attrs['aria-roledescription'] = 'check-worthy claim';
      } else if (this.claimsMode) {
        attrs.tabindex = '-1';
      }
      const span = h('span', attrs);
      this.appendText(span, u.start, u.end);
      p.append(span);
      pos = u.end;
    }
    this.appendText(p, pos, to);
    return p;
  }

  /** Appends text[from, to) to parent, with its entities (pieces clipped to the range). */
  appendText(parent, from, to) {
    if (to <= from) return;
    const { text, entities } = this.doc;
    let at = from;
    for (let i = firstEndingAfter(entities, from); i < entities.length && entities[i].start < to; i++) {
      const e = entities[i];
      const start = Math.max(e.start, from);
      const end = Math.min(e.end, to);
      if (start < at) continue;
      if (start > at) parent.append(text.slice(at, start));
      parent.append(this.mark(e, start, end));
      at = end;
    }
    if (at < to) parent.append(text.slice(at, to));
  }

  mark(e, start, end) {
    // Cloned from templates: fewer DOM calls for the thousands of marks of a long article.
    const head = start === e.start;
    const m = (head ? HEAD : PIECE).cloneNode(true);
    m.firstChild.data = this.doc.text.slice(start, end);
    m.setAttribute('data-label', e.label);
    m.setAttribute('data-score', e.score.toFixed(3));
    m.setAttribute('data-status', e.status);
    m.setAttribute('data-origin', e.origin);
    m.setAttribute('data-start', String(e.start));
    m.setAttribute('data-end', String(e.end));
    m.setAttribute('title', entityTitle(e, this.info.get(e.label)));
    if (head) {
      if (e.start === this.current) m.setAttribute('tabindex', '0');
      // The words shown first (WCAG 2.5.3: what a speech user says), then what the badge and the border say.
      const info = this.info.get(e.label);
      m.setAttribute('aria-label', `${e.text}, ${e.label}, ${info ? info.description : e.label}, ${e.status === 'accepted' ? 'accepted' : 'suggested'}`);
    }
    if (start !== e.start || end !== e.end) m.setAttribute('data-part', head ? 'first' : end === e.end ? 'last' : 'middle');
    return m;
  }

  // ---------------------------------------------------------------- lookup

  /** The focusable piece of the entity starting at `start`, if rendered. */
  headAt(start) {
    const p = this.parts[this.partAt(start)];
    return p ? p.el.querySelector(`mark[data-head][data-start="${start}"]`) : null;
  }

  /** The sentence element starting at `start`. */
  sentenceEl(start) {
    const p = this.parts[this.partAt(start)];
    return p ? p.el.querySelector(`.sent[data-start="${start}"]`) : null;
  }

  /** Moves the roving tab stop to the entity starting at `start` (-1: none). */
  setCurrent(start) {
    if (start === this.current) return;
    const old = this.current >= 0 ? this.headAt(this.current) : null;
    if (old) old.setAttribute('tabindex', '-1');
    this.current = start;
    const head = start >= 0 ? this.headAt(start) : null;
    if (head) head.setAttribute('tabindex', '0');
  }

  /** Underlines only the claims scored at least `min` (the others stay claims, shown plain). */
  setClaimMin(min) {
    this.claimMin = min;
    for (const s of this.root.querySelectorAll('.sent.claim')) {
      s.classList.toggle('below-min', Number(s.dataset.score) < min);
    }
  }

  setClaimsMode(on) {
    this.claimsMode = on;
    this.root.dataset.mode = on ? 'claims' : 'entities';
    for (const s of this.root.querySelectorAll('.sent:not(.claim)')) {
      if (on) s.setAttribute('tabindex', '-1');
      else s.removeAttribute('tabindex');
    }
  }

  // ---------------------------------------------------------------- offsets

  /** Text nodes of a part. */
  *textNodes(el) {
    if (el.nodeType === 3) { yield el; return; }
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) yield n;
  }

  /** Text offset of a DOM position inside the article, or -1 if it is not in it. */
  offsetOf(node, offset) {
    if (!this.root.contains(node)) return -1;
    // Between parts (in the article element, or in a group of a long article's parts).
    while (node === this.root || node.classList?.contains('chunk')) {
      if (offset < node.childNodes.length) {
        node = node.childNodes[offset];
        offset = 0;
        continue;
      }
      // After the last part in it: the end of that part.
      let last = node.lastElementChild;
      while (last?.classList.contains('chunk')) last = last.lastElementChild;
      const part = last ? this.parts.find((p) => p.el === last) : null;
      return part ? part.to : node === this.root && this.doc ? this.doc.text.length : 0;
    }
    const el = node.nodeType === 1 ? node : node.parentElement;
    const partEl = el.closest('.para, .sep');
    if (!partEl) return -1;
    let pos = Number(partEl.dataset.from);
    if (node.nodeType === 3) {
      for (const t of this.textNodes(partEl)) {
        if (t === node) return pos + offset;
        pos += t.data.length;
      }
      return pos;
    }
    const r = document.createRange();
    r.setStart(node, offset);
    for (const t of this.textNodes(partEl)) {
      if (r.comparePoint(t, 0) >= 0) return pos; // the position is at or before this node
      pos += t.data.length;
    }
    return pos;
  }

  /** The DOM position of text offset `pos`; `after`: at the end of a node rather than the start of the next. */
  pointAt(pos, after = false) {
    const part = this.parts[this.partAt(pos)];
    if (!part) return null;
    let at = part.from;
    let last = null;
    for (const t of this.textNodes(part.el)) {
      const end = at + t.data.length;
      if (pos < end || (after && pos === end)) return { node: t, offset: pos - at };
      at = end;
      last = t;
    }
    return last ? { node: last, offset: last.data.length } : { node: part.el, offset: 0 };
  }

  /** A DOM Range for [start, end). */
  range(start, end) {
    const a = this.pointAt(start);
    const b = this.pointAt(end, true);
    if (!a || !b) return null;
    const r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  /** The text offsets of the page's selection, if it is a non-empty one inside the article. */
  selection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    const s = this.offsetOf(r.startContainer, r.startOffset);
    const e = this.offsetOf(r.endContainer, r.endOffset);
    if (s < 0 || e < 0 || e <= s) return null;
    return [s, e];
  }

  /** Selects text[start, end) in the page. */
  select(start, end) {
    const r = this.range(start, end);
    if (!r) return;
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  }
}
