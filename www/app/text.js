// Pure text helpers for the correction screen: sentences and paragraph
// blocks, in UTF-16 offsets (as the DOM and the document use). No DOM and no
// wasm here, so these also run under Node (tests/e2e/text.test.mjs). Token
// edges are the core's own: tokens.js.

/** Offset of the first character at or after `i` that is not white space. */
function skipSpace(text, i) {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}
/** Offset just after the last character before `i` that is not white space. */
function trimSpace(text, i) {
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i;
}

// ------------------------------------------------------------------ sentences

/** The letters and digits right before the end of a string (a cut-off long word is never an abbreviation). */
const WORD_BEFORE = /[\p{L}\p{N}\p{M}_]*$/u;
const ABBREVIATIONS = new Set(('mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj adm jr sr inc co corp ltd ' +
  'no vs etc jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est mt ft').split(' '));

/**
 * Sentences of `text` as [start, end] pairs (trimmed), found in JavaScript:
 * a sentence ends at . ! ? or … (with closing quotes or brackets) before a space
 * and a capital, digit or opening quote, unless the word before the stop is an
 * abbreviation or an initial; a line break always ends one. The core's own
 * sentences come back with its claims; these are for sentences that are not
 * claims (to mark them check-worthy).
 */
export function sentences(text) {
  const out = [];
  const n = text.length;
  let start = skipSpace(text, 0);
  const push = (end) => {
    const e = trimSpace(text, end);
    if (e > start) out.push([start, e]);
  };
  const re = /\n|[.!?…]+["'”’»)\]]*(?=\s)/gu;
  let m;
  while ((m = re.exec(text))) {
    const at = m.index;
    if (at < start) continue;
    if (m[0] === '\n') {
      push(at);
      start = skipSpace(text, at + 1);
      continue;
    }
    const stopEnd = at + m[0].length;
    // What follows: space(s) then a capital, digit or opening quote.
    const next = skipSpace(text, stopEnd);
    if (next >= n) continue;
    const between = text.slice(stopEnd, next);
    if (!between.includes('\n')) {
      const ch = String.fromCodePoint(text.codePointAt(next));
      if (!/[\p{Lu}\p{N}"'“‘«(\[]/u.test(ch)) continue;
      if (m[0][0] === '.' && m[0].length === 1) {
        const w = WORD_BEFORE.exec(text.slice(Math.max(0, at - 16), at))[0];
        if (w.length === 1 && /\p{Lu}/u.test(w)) continue; // an initial: "J. Smith", "U.S. Army"
        if (ABBREVIATIONS.has(w.toLowerCase())) continue;
      }
    }
    push(stopEnd);
    start = next;
  }
  push(n);
  return out;
}

// ------------------------------------------------------------------ blocks

/** Whether the UTF-16 code unit `c` is white space, exactly as /\s/ in JavaScript. */
export function isSpaceCode(c) {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The blank lines of `text`: maximal runs of white space holding two or more
 * line breaks, as [from, to] pairs in text order. (What the regular expression
 * /[^\S\n]*\n[^\S\n]*(?:\n[^\S\n]*)+/g matches, found from the line breaks
 * alone, so a 5 MB article takes milliseconds, not a regex test at every offset.)
 */
export function blankRuns(text) {
  const out = [];
  const n = text.length;
  let i = text.indexOf('\n');
  while (i >= 0) {
    let a = i;
    while (a > 0 && isSpaceCode(text.charCodeAt(a - 1))) a--;
    let b = i + 1;
    let breaks = 1;
    for (let c; b < n && isSpaceCode(c = text.charCodeAt(b)); b++) if (c === 10) breaks++;
    if (breaks >= 2) out.push([a, b]);
    i = b < n ? text.indexOf('\n', b) : -1;
  }
  return out;
}

/**
 * Paragraph blocks: the text split at blank lines (runs of white space with two
 * or more line breaks), never inside any of the spans in `spanLists` (lists of
 * { start, end } sorted by start, each list non-overlapping).
 * Returns { blocks: [[from, to]], seps: [[from, to]] }: blocks and the
 * separators between them (and at the ends), covering the text exactly.
 */
export function blocks(text, ...spanLists) {
  const cuts = blankRuns(text);
  // A separator inside an annotation does not cut.
  const seps = cuts.filter(([a, b]) => !spanLists.some((list) => overlaps(list, a, b)));
  const out = [];
  const sepsOut = [];
  let at = 0;
  for (const [a, b] of seps) {
    if (a > at) out.push([at, a]);
    sepsOut.push([a, b]);
    at = b;
  }
  if (at < text.length || out.length === 0) out.push([at, text.length]);
  return { blocks: out, seps: sepsOut };
}

/**
 * The sentences of text[from, to) (a paragraph block), as sentences() finds
 * them, with offsets into the whole text. Blocks are cut at blank lines, and a
 * line break always ends a sentence, so the sentences of the blocks, in order,
 * are the sentences of the whole text (tests/e2e/text.test.mjs checks it).
 */
export function sentencesIn(text, from, to) {
  return sentences(text.slice(from, to)).map(([s, e]) => [s + from, e + from]);
}

/** Whether a span of a sorted, non-overlapping { start, end } list overlaps [a, b). */
function overlaps(list, a, b) {
  const i = firstStartingAt(list, b) - 1; // the last span starting before b
  return i >= 0 && list[i].end > a;
}

/** Index of the first item with item.end > pos in a list sorted by start and non-overlapping. */
export function firstEndingAfter(list, pos) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item with item.start >= pos in a list sorted by start. */
export function firstStartingAt(list, pos) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
