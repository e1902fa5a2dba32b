// Pure text helpers for the correction screen: token edges, sentences and
// paragraph blocks, all in UTF-16 offsets (as the DOM and the document use).
// No DOM here, so these also run under Node (tests/e2e/text.test.mjs).
//
// Token edges are computed here, from the text alone (the wasm API does not
// expose the core's tokenizer): a token is a run of letters, digits and marks,
// or a single other non-space character (punctuation, symbol), so "Germany's"
// is "Germany" "'" "s" and "U.S." is "U" "." "S" ".".

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;

/** Length in UTF-16 units of the code point at `i` (1 or 2). */
function cpLen(text, i) {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}
/** Length of the code point ending at `i` (before i). */
function cpLenBefore(text, i) {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? 2 : 1;
}
function charAt(text, i) { return text.slice(i, i + cpLen(text, i)); }
function charBefore(text, i) { return text.slice(i - cpLenBefore(text, i), i); }

export const isWordChar = (ch) => WORD.test(ch);
export const isSpace = (ch) => SPACE.test(ch);

/** One code point forward / back (never splits a surrogate pair). */
export function nextChar(text, i) { return i >= text.length ? text.length : i + cpLen(text, i); }
export function prevChar(text, i) { return i <= 0 ? 0 : i - cpLenBefore(text, i); }

/** End of the token starting at or after `i` (skipping spaces); text.length at the end. */
export function tokenEndAfter(text, i) {
  const n = text.length;
  while (i < n && isSpace(charAt(text, i))) i = nextChar(text, i);
  if (i >= n) return n;
  if (isWordChar(charAt(text, i))) {
    while (i < n && isWordChar(charAt(text, i))) i = nextChar(text, i);
    return i;
  }
  return nextChar(text, i);
}

/** Start of the token ending at or before `i` (skipping spaces); 0 at the start. */
export function tokenStartBefore(text, i) {
  while (i > 0 && isSpace(charBefore(text, i))) i = prevChar(text, i);
  if (i <= 0) return 0;
  if (isWordChar(charBefore(text, i))) {
    while (i > 0 && isWordChar(charBefore(text, i))) i = prevChar(text, i);
    return i;
  }
  return prevChar(text, i);
}

/** Start of the first token at or after `i`. */
export function tokenStartAt(text, i) {
  while (i < text.length && isSpace(charAt(text, i))) i = nextChar(text, i);
  return i;
}

/** End of the last token at or before `i`. */
export function tokenEndAt(text, i) {
  while (i > 0 && isSpace(charBefore(text, i))) i = prevChar(text, i);
  return i;
}

/** The token around offset `i` as [start, end]: the one containing i, else the next one. */
export function tokenAt(text, i) {
  const start0 = tokenStartAt(text, i);
  if (start0 >= text.length) {
    const s = tokenStartBefore(text, text.length);
    return [s, tokenEndAfter(text, s)];
  }
  // Inside a word: back up to its start.
  let s = start0;
  if (s === i && isWordChar(charAt(text, s))) {
    while (s > 0 && isWordChar(charBefore(text, s))) s = prevChar(text, s);
  }
  return [s, tokenEndAfter(text, s)];
}

/**
 * Expands [start, end) outwards to token edges and trims spaces, so a mouse
 * selection of "ohr Sp" in "Spohr Spohr" becomes the two whole words. Returns
 * null if only spaces were selected.
 */
export function snapToTokens(text, start, end) {
  let s = start;
  let e = end;
  while (s < e && isSpace(charAt(text, s))) s = nextChar(text, s);
  while (e > s && isSpace(charBefore(text, e))) e = prevChar(text, e);
  if (s >= e) return null;
  while (s > 0 && isWordChar(charAt(text, s)) && isWordChar(charBefore(text, s))) s = prevChar(text, s);
  while (e < text.length && isWordChar(charBefore(text, e)) && isWordChar(charAt(text, e))) e = nextChar(text, e);
  return [s, e];
}

/**
 * Moves one edge of a span [start, end). `edge`: 'start' or 'end'; `dir`: -1 or 1;
 * `snap`: to token edges (else by one character). Returns the new [start, end],
 * or null when the span would become empty.
 */
export function moveEdge(text, start, end, edge, dir, snap = true) {
  let s = start;
  let e = end;
  if (edge === 'start') {
    if (dir < 0) s = snap ? tokenStartBefore(text, s) : prevChar(text, s);
    else s = snap ? tokenStartAt(text, tokenEndAfter(text, s)) : nextChar(text, s);
  } else if (dir > 0) {
    e = snap ? tokenEndAfter(text, e) : nextChar(text, e);
  } else {
    e = snap ? tokenEndAt(text, tokenStartBefore(text, e)) : prevChar(text, e);
  }
  if (s >= e) return null;
  return [s, e];
}

// ------------------------------------------------------------------ sentences

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
  let start = tokenStartAt(text, 0);
  const push = (end) => {
    const e = tokenEndAt(text, end);
    if (e > start) out.push([start, e]);
  };
  const re = /\n|[.!?…]+["'”’»)\]]*(?=\s)/gu;
  let m;
  while ((m = re.exec(text))) {
    const at = m.index;
    if (at < start) continue;
    if (m[0] === '\n') {
      push(at);
      start = tokenStartAt(text, at + 1);
      continue;
    }
    const stopEnd = at + m[0].length;
    // What follows: space(s) then a capital, digit or opening quote.
    const next = tokenStartAt(text, stopEnd);
    if (next >= n) continue;
    const between = text.slice(stopEnd, next);
    if (!between.includes('\n')) {
      const ch = charAt(text, next);
      if (!/[\p{Lu}\p{N}"'“‘«(\[]/u.test(ch)) continue;
      if (m[0][0] === '.' && m[0].length === 1) {
        const w = text.slice(tokenStartBefore(text, at), at);
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

/** Every occurrence of `needle` in `text` that starts and ends on token edges. */
export function occurrences(text, needle) {
  const out = [];
  if (!needle) return out;
  let i = text.indexOf(needle);
  while (i >= 0) {
    const e = i + needle.length;
    const okStart = i === 0 || !(isWordChar(charBefore(text, i)) && isWordChar(charAt(text, i)));
    const okEnd = e >= text.length || !(isWordChar(charBefore(text, e)) && isWordChar(charAt(text, e)));
    if (okStart && okEnd) out.push([i, e]);
    i = text.indexOf(needle, i + 1);
  }
  return out;
}
