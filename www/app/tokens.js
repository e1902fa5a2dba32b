// Token edges for the correction screen: where a mouse selection snaps to,
// which word ← → select, how far Shift/Alt+arrows move a highlight's edge, and
// which mentions "all mentions" finds. They are the core's own tokens, from the
// wasm API (tokenEdges): "Germany's" is "Germany" "'s", and "U.S." and "6,500"
// are one token each, as the model sees them. A document's text never changes,
// so its edges are computed once and then searched by bisection. Offsets are
// UTF-16 code units, as in the DOM and the document.
//
// The wasm module must be loaded first (newsmark.js load(), or initSync in Node).
import { tokenEdges } from '../newsmark/pkg/newsmark.js';

let cache = { text: null, edges: new Uint32Array(0) };

/** The tokens of `text` as [start0, end0, start1, end1, …] (computed once per text). */
export function edgesOf(text) {
  if (cache.text !== text) cache = { text, edges: tokenEdges(text) };
  return cache.edges;
}

/** Index of the first token whose end is after `i` (the token count if none). */
function firstEndingAfter(edges, i) {
  let lo = 0;
  let hi = edges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[2 * mid + 1] <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last token starting before `i` (-1 if none). */
function lastStartingBefore(edges, i) {
  let lo = 0;
  let hi = edges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[2 * mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Whether offset `i` is strictly inside a token (not on an edge, not between tokens). */
export function insideToken(text, i) {
  const edges = edgesOf(text);
  const k = firstEndingAfter(edges, i);
  return 2 * k < edges.length && edges[2 * k] < i;
}

/** End of the token containing `i` or, between tokens, of the next one; text.length at the end. */
export function tokenEndAfter(text, i) {
  const edges = edgesOf(text);
  const k = firstEndingAfter(edges, i);
  return 2 * k < edges.length ? edges[2 * k + 1] : text.length;
}

/** Start of the token containing `i - 1` or, between tokens, of the one before; 0 at the start. */
export function tokenStartBefore(text, i) {
  const edges = edgesOf(text);
  const k = lastStartingBefore(edges, i);
  return k >= 0 ? edges[2 * k] : 0;
}

/** `i` if it is in a token or at its start, else the start of the next token (text.length if none). */
export function tokenStartAt(text, i) {
  const edges = edgesOf(text);
  const k = firstEndingAfter(edges, i);
  if (2 * k >= edges.length) return text.length;
  return Math.max(i, edges[2 * k]);
}

/** `i` if it is in a token or at its end, else the end of the token before (0 if none). */
export function tokenEndAt(text, i) {
  const edges = edgesOf(text);
  const k = lastStartingBefore(edges, i);
  if (k < 0) return 0;
  return Math.min(i, edges[2 * k + 1]);
}

/**
 * Expands [start, end) outwards to token edges and trims what lies between
 * tokens (spaces), so a mouse selection of "ohr Sp" in "Spohr Spohr" becomes the
 * two whole words. Returns null if no token was touched.
 */
export function snapToTokens(text, start, end) {
  const s = tokenStartAt(text, start);
  const e = tokenEndAt(text, end);
  if (s >= e) return null;
  return [insideToken(text, s) ? tokenStartBefore(text, s) : s, insideToken(text, e) ? tokenEndAfter(text, e) : e];
}

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
/** One code point forward / back (never splits a surrogate pair). */
export function nextChar(text, i) { return i >= text.length ? text.length : i + cpLen(text, i); }
export function prevChar(text, i) { return i <= 0 ? 0 : i - cpLenBefore(text, i); }

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

/** Every occurrence of `needle` in `text` that starts and ends on token edges (inside no token). */
export function occurrences(text, needle) {
  const out = [];
  if (!needle) return out;
  let i = text.indexOf(needle);
  while (i >= 0) {
    const e = i + needle.length;
    if (!insideToken(text, i) && !insideToken(text, e)) out.push([i, e]);
    i = text.indexOf(needle, i + 1);
  }
  return out;
}
