// The text of an element as the model reads it, and the way back from that
// text's offsets to the element's text nodes (used by annotateElement() in
// newsmark.js). No wasm, no state: plain functions of the DOM.
//
// The text the model sees is built from the element's text nodes in document
// order, with three adjustments that keep every offset mappable to el.textContent:
//  - skipped: text inside <script>, <style>, <template>, <noscript>, <textarea>,
//    <select>, <button>, <iframe>, <object>, <video>, <audio>, <canvas>, <svg>,
//    <math>, elements marked data-newsmark-ignore, hidden or aria-hidden="true",
//    and (in a rendered page) elements with display: none;
//  - block boundaries: a block-level element (by its computed display when the
//    element is in a rendered document, by its tag name otherwise) is separated
//    from what comes before and after it by a blank line, which always ends a
//    sentence; <br> is a line break. So <p>…Paris</p><p>London…</p> is two
//    sentences, never the name "ParisLondon";
//  - collapsed whitespace: where the CSS collapses white space (not in <pre> or
//    pre-wrap text), line breaks and tabs in the HTML source are read as spaces,
//    so a name wrapped across lines in the source stays one name.
// Separators are not in el.textContent; offsets in the result skip them.

const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'select', 'button',
  'iframe', 'object', 'video', 'audio', 'canvas', 'svg', 'math']);
const BLOCK_TAGS = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd',
  'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul']);
const PRE_TAGS = 'pre, textarea, listing, xmp, plaintext';

/**
 * The text the model reads, and how it maps to el.textContent.
 * @returns {{ text: string, segs: {node: Text, a: number, t: number, len: number}[], length: number }}
 */
export function extract(root) {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  const rendered = Boolean(win && root.isConnected);
  const styles = new Map();
  const style = (e) => {
    if (!rendered) return null;
    let s = styles.get(e);
    if (!s) styles.set(e, (s = win.getComputedStyle(e)));
    return s;
  };
  const chunks = [];
  const segs = [];
  let a = 0; // length of the text so far
  let t = 0; // offset into root.textContent
  let tail = '';
  const emit = (s) => {
    chunks.push(s);
    a += s.length;
    tail = (tail + s).slice(-2);
  };
  const newlines = (n) => {
    if (a === 0) return;
    const have = tail.endsWith('\n\n') ? 2 : tail.endsWith('\n') ? 1 : 0;
    if (have < n) emit('\n'.repeat(n - have));
  };
  const skipped = (e) => {
    if (SKIP_TAGS.has(e.localName) || e.hasAttribute('data-newsmark-ignore') || e.hasAttribute('hidden')
      || e.getAttribute('aria-hidden') === 'true') return true;
    const s = style(e);
    return Boolean(s && s.display === 'none');
  };
  const block = (e) => {
    const s = style(e);
    if (s && s.display) return !/^(inline|contents|ruby|none)/.test(s.display);
    return BLOCK_TAGS.has(e.localName);
  };
  const keepsBreaks = (parent) => {
    const s = parent && parent.nodeType === 1 ? style(parent) : null;
    if (s) {
      const c = s.whiteSpaceCollapse;
      return c ? c !== 'collapse' && c !== 'preserve-spaces' : /^(pre|break-spaces)/.test(s.whiteSpace);
    }
    return Boolean(parent && parent.nodeType === 1 && parent.closest(PRE_TAGS));
  };
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const data = c.data;
        if (!data.length) continue;
        segs.push({ node: c, a, t, len: data.length });
        emit(keepsBreaks(c.parentNode) ? data : data.replace(/[\n\r\t\f]/g, ' '));
        t += data.length;
      } else if (c.nodeType === 1) {
        if (c.localName === 'br') {
          if (a > 0) emit('\n');
          continue;
        }
        const isBlock = block(c);
        if (isBlock) newlines(2);
        if (skipped(c)) t += c.textContent.length;
        else walk(c);
        if (isBlock) newlines(2);
      }
    }
  };
  walk(root);
  return { text: chunks.join(''), segs, length: t };
}

/** Index of the last segment starting at or before analysis offset `p` (-1 if none). */
export function segAt(segs, p) {
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].a <= p) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

export function mapStart(ex, p) {
  const i = segAt(ex.segs, p);
  if (i >= 0 && p < ex.segs[i].a + ex.segs[i].len) return ex.segs[i].t + (p - ex.segs[i].a);
  return i + 1 < ex.segs.length ? ex.segs[i + 1].t : ex.length; // in a separator: the next text
}

export function mapEnd(ex, p) {
  const i = segAt(ex.segs, p - 1);
  if (i < 0) return 0;
  const s = ex.segs[i];
  return s.t + Math.min(p - s.a, s.len);
}

/** The pieces of analysis range [s, e): [{ seg, from, to }] with offsets local to each text node. */
export function piecesOf(ex, s, e) {
  const out = [];
  for (let i = Math.max(0, segAt(ex.segs, s)); i < ex.segs.length; i++) {
    const g = ex.segs[i];
    if (g.a >= e) break;
    const from = Math.max(s, g.a) - g.a;
    const to = Math.min(e, g.a + g.len) - g.a;
    if (to > from) out.push({ seg: i, from, to });
  }
  return out;
}

/** Wraps the pieces of one text node. `ranges`: [{ from, to, kind: 'ent'|'claim', make() }]. */
export function rewrap(node, ranges) {
  const doc = node.ownerDocument;
  const data = node.data;
  const cuts = [...new Set([0, data.length, ...ranges.flatMap((r) => [r.from, r.to])])].sort((x, y) => x - y);
  const tops = [];
  let reused = false;
  let claimEl = null;
  let claimRange = null;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i];
    const to = cuts[i + 1];
    const piece = data.slice(from, to);
    let part;
    if (!reused) { // the original node carries the first piece, so it keeps its identity
      reused = true;
      node.data = piece;
      part = node;
    } else part = doc.createTextNode(piece);
    const ent = ranges.find((r) => r.kind === 'ent' && r.from <= from && r.to >= to);
    if (ent) {
      const m = ent.make();
      m.append(part);
      part = m;
    }
    const claim = ranges.find((r) => r.kind === 'claim' && r.from <= from && r.to >= to);
    if (claim) {
      if (claim !== claimRange) {
        claimRange = claim;
        claimEl = claim.make();
        tops.push(claimEl);
      }
      claimEl.append(part);
    } else {
      claimRange = null;
      tops.push(part);
    }
  }
  return tops;
}
