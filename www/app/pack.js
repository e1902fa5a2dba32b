// Compact article records for IndexedDB. A 5 MB article has some 180,000
// entities, 50,000 claims and 40,000 attributions; storing them as objects
// makes IndexedDB copy (structured-clone) each one inside put(), in one task
// of several hundred milliseconds on the main thread. Packed, the lists are a
// few typed arrays (copied at memory speed) and a short table of strings:
// every item's text is the article's text between its offsets, so it is not
// stored again. Packing and unpacking run in slices, yielding to the browser.
//
// A list is packed only when every item has exactly the expected fields (as
// the core and edits.js make them); anything else is stored as it is. Records
// written before packing existed are read as they are.
//
// Pure apart from the yields: no DOM, so it also runs under Node.

import { yieldToBrowser, slicer } from './yield.js';

/** Lists shorter than this are stored as they are. */
const MIN_PACKED = 32;

const isInt = (x) => typeof x === 'number' && (x | 0) === x && x >= 0;

function fieldCount(o) {
  let k = 0;
  for (const _ in o) k++; // eslint-disable-line no-unused-vars
  return k;
}

/** A span { start, end, text } whose text is text[start, end). */
function plainSpan(s, text) {
  return s !== null && typeof s === 'object' && isInt(s.start) && isInt(s.end) && s.start <= s.end
    && fieldCount(s) === 3 && s.text === text.slice(s.start, s.end);
}

class Strings {
  constructor() { this.list = []; this.index = new Map(); }
  code(s) {
    if (typeof s !== 'string') return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      if (this.list.length >= 255) return -1;
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const KINDS = {
  entities: {
    make: (n) => ({ start: new Int32Array(n), end: new Int32Array(n), score: new Float64Array(n), label: new Uint8Array(n), origin: new Uint8Array(n), status: new Uint8Array(n) }),
    put(cols, i, e, text, str) {
      if (e === null || typeof e !== 'object' || fieldCount(e) !== 7 || !isInt(e.start) || !isInt(e.end) || typeof e.score !== 'number') return false;
      if (e.text !== text.slice(e.start, e.end)) return false;
      const label = str.code(e.label);
      const origin = str.code(e.origin);
      const status = str.code(e.status);
      if (label < 0 || origin < 0 || status < 0) return false;
      cols.start[i] = e.start;
      cols.end[i] = e.end;
      cols.score[i] = e.score;
      cols.label[i] = label;
      cols.origin[i] = origin;
      cols.status[i] = status;
      return true;
    },
    get(cols, i, text, s) {
      const start = cols.start[i];
      const end = cols.end[i];
      return { start, end, label: s[cols.label[i]], text: text.slice(start, end), score: cols.score[i], origin: s[cols.origin[i]], status: s[cols.status[i]] };
    },
  },
  claims: {
    // facet: how an attribution reports the claim ("quote", "attributed"; -1: none).
    make: (n) => ({ start: new Int32Array(n), end: new Int32Array(n), score: new Float64Array(n), attribution: new Int32Array(n), kind: new Uint8Array(n), origin: new Uint8Array(n), status: new Uint8Array(n), facet: new Int16Array(n) }),
    put(cols, i, c, text, str) {
      if (c === null || typeof c !== 'object') return false;
      const faceted = 'facet' in c;
      if (fieldCount(c) !== (faceted ? 9 : 8) || !isInt(c.start) || !isInt(c.end) || typeof c.score !== 'number') return false;
      if (c.text !== text.slice(c.start, c.end)) return false;
      if (c.attribution !== null && !isInt(c.attribution)) return false;
      const kind = str.code(c.kind);
      const origin = str.code(c.origin);
      const status = str.code(c.status);
      const facet = faceted ? str.code(c.facet) : -1;
      if (kind < 0 || origin < 0 || status < 0 || (faceted && facet < 0)) return false;
      cols.start[i] = c.start;
      cols.end[i] = c.end;
      cols.score[i] = c.score;
      cols.attribution[i] = c.attribution === null ? -1 : c.attribution;
      cols.kind[i] = kind;
      cols.origin[i] = origin;
      cols.status[i] = status;
      cols.facet[i] = facet;
      return true;
    },
    get(cols, i, text, s) {
      const start = cols.start[i];
      const end = cols.end[i];
      const a = cols.attribution[i];
      const c = { start, end, text: text.slice(start, end), score: cols.score[i], kind: s[cols.kind[i]], attribution: a < 0 ? null : a, origin: s[cols.origin[i]], status: s[cols.status[i]] };
      // Records packed before facets existed have no such column.
      const f = cols.facet ? cols.facet[i] : -1;
      if (f >= 0) c.facet = s[f];
      return c;
    },
  },
  attributions: {
    // source (-1: none), cue, content pieces (flat, `pieces` of them each), origin, status,
    // and the name a pronoun source refers to (refers_to, -1: none).
    make: (n) => ({ sourceStart: new Int32Array(n), sourceEnd: new Int32Array(n), cueStart: new Int32Array(n), cueEnd: new Int32Array(n), pieces: new Int32Array(n), contentStart: [], contentEnd: [], origin: new Uint8Array(n), status: new Uint8Array(n), refersStart: new Int32Array(n), refersEnd: new Int32Array(n) }),
    put(cols, i, a, text, str) {
      if (a === null || typeof a !== 'object' || !Array.isArray(a.content)) return false;
      const refers = 'refers_to' in a;
      if (fieldCount(a) !== (refers ? 6 : 5) || (refers && !plainSpan(a.refers_to, text))) return false;
      if (a.source !== null && !plainSpan(a.source, text)) return false;
      if (!plainSpan(a.cue, text) || !a.content.every((c) => plainSpan(c, text))) return false;
      const origin = str.code(a.origin);
      const status = str.code(a.status);
      if (origin < 0 || status < 0) return false;
      cols.sourceStart[i] = a.source ? a.source.start : -1;
      cols.sourceEnd[i] = a.source ? a.source.end : -1;
      cols.cueStart[i] = a.cue.start;
      cols.cueEnd[i] = a.cue.end;
      cols.pieces[i] = a.content.length;
      for (const c of a.content) {
        cols.contentStart.push(c.start);
        cols.contentEnd.push(c.end);
      }
      cols.origin[i] = origin;
      cols.status[i] = status;
      cols.refersStart[i] = refers ? a.refers_to.start : -1;
      cols.refersEnd[i] = refers ? a.refers_to.end : -1;
      return true;
    },
    get(cols, i, text, s, at) {
      const span = (start, end) => ({ start, end, text: text.slice(start, end) });
      const content = [];
      for (let k = 0; k < cols.pieces[i]; k++, at.k++) content.push(span(cols.contentStart[at.k], cols.contentEnd[at.k]));
      const ss = cols.sourceStart[i];
      const a = { source: ss < 0 ? null : span(ss, cols.sourceEnd[i]), cue: span(cols.cueStart[i], cols.cueEnd[i]), content, origin: s[cols.origin[i]], status: s[cols.status[i]] };
      // Records packed before refers_to existed have no such columns.
      const rs = cols.refersStart ? cols.refersStart[i] : -1;
      if (rs >= 0) a.refers_to = span(rs, cols.refersEnd[i]);
      return a;
    },
  },
};

/** Packs list[from, to) into `p` (see packer); false if an item does not fit. */
function packRange(p, list, text, from, to) {
  for (let i = from; i < to; i++) if (!p.kind.put(p.cols, i, list[i], text, p.str)) return false;
  return true;
}
function packer(kind, n) {
  const k = KINDS[kind];
  return { kind: k, name: kind, n, cols: k.make(n), str: new Strings() };
}
function packed(p) {
  const { cols } = p;
  if (cols.contentStart) {
    cols.contentStart = Int32Array.from(cols.contentStart);
    cols.contentEnd = Int32Array.from(cols.contentEnd);
  }
  return { $packed: p.name, n: p.n, strings: p.str.list, ...cols };
}
/** Unpacks packed[from, to) onto `out` (`at`: the position in the content pieces). */
function unpackRange(packed, text, out, from, to, at) {
  const k = KINDS[packed.$packed];
  for (let i = from; i < to; i++) out.push(k.get(packed, i, text, packed.strings, at));
}

/** Packs a list of `kind` ('entities', 'claims' or 'attributions') of an article with `text`; the list itself if it cannot. */
export async function packList(kind, list, text) {
  if (!KINDS[kind] || !Array.isArray(list) || list.length < MIN_PACKED) return list;
  const p = packer(kind, list.length);
  const clock = slicer();
  for (let i = 0; i < p.n; i += 512) {
    if (!packRange(p, list, text, i, Math.min(p.n, i + 512))) return list;
    if (clock.due()) {
      await yieldToBrowser();
      clock.restart();
    }
  }
  return packed(p);
}

/** The list packList() packed (or the list as it was stored). */
export async function unpackList(packed, text) {
  if (!packed || Array.isArray(packed) || !packed.$packed) return packed;
  const out = [];
  const at = { k: 0 };
  const clock = slicer();
  for (let i = 0; i < packed.n; i += 512) {
    unpackRange(packed, text, out, i, Math.min(packed.n, i + 512), at);
    if (clock.due()) {
      await yieldToBrowser();
      clock.restart();
    }
  }
  return out;
}

/**
 * packList() at once, for a list of any length (a worker's piece): the packed
 * list, or null if it cannot be packed. Its typed arrays can be transferred
 * (transferables()), so a worker's piece reaches the page without a
 * structured-clone object per item.
 */
export function packNow(kind, list, text) {
  if (!KINDS[kind] || !Array.isArray(list)) return null;
  const p = packer(kind, list.length);
  return packRange(p, list, text, 0, p.n) ? packed(p) : null;
}

/** The buffers of a packed list, to transfer with postMessage. */
export function transferables(packed) {
  return Object.values(packed).filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer);
}

/** unpackList() at once, onto `out`. */
export function unpackInto(out, packed, text) {
  unpackRange(packed, text, out, 0, packed.n, { k: 0 });
}

async function mapOps(entries, text, f) {
  const out = [];
  for (const e of entries ?? []) {
    const ops = [];
    for (const op of e.ops) ops.push({ ...op, del: await f(op.a, op.del, text), ins: await f(op.a, op.ins, text) });
    out.push({ ...e, ops });
  }
  return out;
}

/**
 * A record ({ id, title, …, document, history }) as stored: its document's
 * lists, and those of its history's ops, packed. The record's lists are only
 * read (pass a snapshot if they may change meanwhile).
 */
export async function packRecord(record) {
  const doc = record.document;
  const text = doc.text;
  const document = { ...doc };
  for (const a of ['entities', 'claims', 'attributions']) document[a] = await packList(a, doc[a], text);
  const pack = (a, list) => packList(a, list, text);
  const history = record.history
    ? { undo: await mapOps(record.history.undo, text, pack), redo: await mapOps(record.history.redo, text, pack) }
    : record.history;
  return { ...record, packed: 1, document, history };
}

/** The record packRecord() stored (or a record stored as it was). */
export async function unpackRecord(stored) {
  if (!stored || !stored.packed) return stored;
  const doc = stored.document;
  const text = doc.text;
  const document = { ...doc };
  for (const a of ['entities', 'claims', 'attributions']) document[a] = await unpackList(doc[a], text);
  const unpack = (a, list) => unpackList(list, text);
  const history = stored.history
    ? { undo: await mapOps(stored.history.undo, text, unpack), redo: await mapOps(stored.history.redo, text, unpack) }
    : stored.history;
  const { packed, ...rest } = stored; // eslint-disable-line no-unused-vars
  return { ...rest, document, history };
}
