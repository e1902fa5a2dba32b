// Long texts, annotated a piece at a time: the text is cut at paragraph breaks
// into pieces of about PIECE_SIZE UTF-16 code units, each piece is annotated
// on its own, and the offsets of what is found are shifted back into the whole
// text (UTF-16 code units, as everywhere in the page). Used by worker.js (off
// the main thread, one progress message per piece) and by the page when no
// worker can be started. Pure: no DOM, so it also runs under Node.
import { isSpaceCode } from './text.js';
import { unpackInto } from './pack.js';

/**
 * About this many UTF-16 code units per piece: some 20 ms to annotate, and a
 * message the page reads in a few milliseconds.
 */
export const PIECE_SIZE = 32 * 1024;

/**
 * Where to cut `text` into pieces of about `size` code units: [from, to) pairs
 * covering the text in order. A cut goes after a blank line (a run of white
 * space holding two line breaks) in the second half of the window; failing
 * that after a line break, then after a space; only a text with no white
 * space at all is cut anywhere (never inside a surrogate pair).
 */
export function cutPieces(text, size = PIECE_SIZE) {
  const n = text.length;
  const out = [];
  let from = 0;
  while (n - from > size) {
    const limit = from + size;
    const floor = from + (size >> 1);
    let cut = blankLineBefore(text, limit, floor);
    if (cut < 0) {
      const nl = text.lastIndexOf('\n', limit - 1);
      if (nl >= floor) cut = nl + 1;
    }
    if (cut < 0) {
      for (let i = limit - 1; i >= floor; i--) {
        if (isSpaceCode(text.charCodeAt(i))) {
          cut = i + 1;
          break;
        }
      }
    }
    if (cut < 0) {
      cut = limit;
      const c = text.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--; // not between the halves of a surrogate pair
    }
    out.push([from, cut]);
    from = cut;
  }
  if (from < n || out.length === 0) out.push([from, n]);
  return out;
}

/** The end of a blank-line run that has a line break in [floor, limit), or -1. */
function blankLineBefore(text, limit, floor) {
  let i = text.lastIndexOf('\n', limit - 1);
  while (i >= floor) {
    let a = i;
    let breaks = 1;
    for (let c; a > 0 && isSpaceCode(c = text.charCodeAt(a - 1)); a--) if (c === 10) breaks++;
    let b = i + 1;
    for (let c; b < text.length && isSpaceCode(c = text.charCodeAt(b)); b++) if (c === 10) breaks++;
    if (breaks >= 2) return b;
    i = a > 0 ? text.lastIndexOf('\n', a - 1) : -1;
  }
  return -1;
}

const shift = (s, by) => (s ? { ...s, start: s.start + by, end: s.end + by } : s);

/**
 * Moves a piece's annotations (a Newsmark document of text[from, to), UTF-16
 * offsets) into the whole text: offsets + from, claims' attribution indexes +
 * attributionBase (the attributions of the pieces before). Returns
 * { entities, claims, attributions }.
 */
export function shiftPiece(piece, from, attributionBase) {
  return {
    entities: piece.entities.map((e) => shift(e, from)),
    claims: piece.claims.map((c) => ({ ...shift(c, from), attribution: c.attribution == null ? null : c.attribution + attributionBase })),
    attributions: piece.attributions.map((a) => ({
      ...a,
      source: shift(a.source, from),
      cue: shift(a.cue, from),
      content: a.content.map((c) => shift(c, from)),
      ...(a.refers_to ? { refers_to: shift(a.refers_to, from) } : {}),
    })),
  };
}

/** An empty Newsmark document of `text` (UTF-16 offsets), for appendPiece(). */
export function emptyDocument(text) {
  return { newsmark: 1, offsets: 'utf16', text, entities: [], claims: [], attributions: [] };
}

/**
 * Appends a piece of annotateInPieces() to `doc` (pieces come in text order);
 * its entities may be a list or packed (pack.js packNow(), as the worker sends
 * them). A loop, not push(...spread): the lists can be long.
 */
export function appendPiece(doc, piece) {
  if (Array.isArray(piece.entities)) for (const e of piece.entities) doc.entities.push(e);
  else unpackInto(doc.entities, piece.entities, doc.text);
  for (const c of piece.claims) doc.claims.push(c);
  for (const a of piece.attributions) doc.attributions.push(a);
}

/**
 * Annotates `text` piece by piece with `annotatePiece(pieceText)` (a
 * Session's annotateDocument). Yields, per piece, { from, to, total,
 * entities, claims, attributions } with offsets into the whole text; the
 * concatenation of the pieces' lists is the document's.
 */
export function* annotateInPieces(annotatePiece, text, size = PIECE_SIZE) {
  let attributions = 0;
  for (const [from, to] of cutPieces(text, size)) {
    const doc = annotatePiece(text.slice(from, to));
    const shifted = shiftPiece(doc, from, attributions);
    attributions += shifted.attributions.length;
    yield { from, to, total: text.length, newsmark: doc.newsmark, ...shifted };
  }
}
