// The one owner of the page's document state: the open article (a Newsmark
// document with UTF-16 offsets), its identity and its edit history. Everything
// that changes the document goes through apply(), undo() or redo() here, and
// every change is announced with a `change` event saying what it touched, so
// the view re-renders only that, the store saves and the session learns.
//
// An edit is `{ label, ops }` (see edits.js); the history keeps the ops, so
// undo runs them backwards with their items swapped.
//
// `seq` counts the changes made to an article (edits, undos, redos) over its
// whole life; it is saved with the article. A change is announced with its
// seq, so the journal (journal.js) can log it and replay() can redo, on the
// last saved record, the changes made after it.

import { firstEndingAfter } from './text.js';

export const HISTORY_LIMIT = 200;

/** Inverse of a list of ops: reversed, each with del and ins swapped. */
function inverse(ops) {
  return ops.slice().reverse().map(({ a, i, del, ins }) => ({ a, i, del: ins, ins: del }));
}

function run(doc, ops) {
  for (const { a, i, del, ins } of ops) {
    const arr = doc[a];
    // Check the op fits (a stale history must never corrupt the document).
    for (let k = 0; k < del.length; k++) {
      const x = arr[i + k];
      if (!x || x.start !== del[k].start || x.end !== del[k].end) throw new Error(`history does not fit the document (${a} ${i})`);
    }
    if (ins.length === 0 && del.length === 1) arr.splice(i, 1);
    else if (ins.length + del.length > 5000) doc[a] = arr.slice(0, i).concat(ins, arr.slice(i + del.length));
    else arr.splice(i, del.length, ...ins);
  }
}

/**
 * The names that pronoun claimants refer to (refers_to), sorted by start and
 * end (they are entity spans, so both orders agree), with their attribution.
 */
function namedBy(attributions) {
  const refs = [];
  attributions.forEach((at, ai) => {
    if (at.refers_to) refs.push({ start: at.refers_to.start, end: at.refers_to.end, ai });
  });
  return refs.sort((x, y) => x.start - y.start || x.end - y.end);
}

function spansOf(a, item) {
  if (a !== 'attributions') return [[item.start, item.end]];
  const out = item.content.map((c) => [c.start, c.end]);
  out.push([item.cue.start, item.cue.end]);
  if (item.source) out.push([item.source.start, item.source.end]);
  return out;
}

/** A short title for an article: its first line, trimmed. */
export function titleOf(text) {
  const line = text.trim().split('\n', 1)[0].trim();
  return line.length > 70 ? `${line.slice(0, 69)}…` : line || 'Untitled article';
}

export function newId() {
  return `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export class ArticleState extends EventTarget {
  constructor() {
    super();
    /** @type {import('../newsmark/pkg/newsmark.js').NewsmarkDocument | null} */
    this.doc = null;
    this.id = null;
    this.title = '';
    this.created = 0;
    this.updated = 0;
    this.undoStack = [];
    this.redoStack = [];
    /** Bumped on every change (saves compare it). */
    this.revision = 0;
    this.serial = 0;
    /** Changes made to this article since it was created (saved with it). */
    this.seq = 0;
  }

  /**
   * Opens an article: `{ id, title, created, updated, document, history }`.
   * `restored`: it comes from the store (no need to save it again).
   */
  open(record, { restored = false } = {}) {
    this.doc = record.document;
    this.doc.entities ??= [];
    this.doc.claims ??= [];
    this.doc.attributions ??= [];
    this.id = record.id ?? newId();
    this.title = record.title || titleOf(this.doc.text);
    this.created = record.created ?? Date.now();
    this.updated = record.updated ?? this.created;
    this.undoStack = record.history?.undo ?? [];
    this.redoStack = record.history?.redo ?? [];
    this.serial = this.undoStack.concat(this.redoStack).reduce((m, e) => Math.max(m, e.n ?? 0), 0);
    this.seq = record.seq ?? 0;
    this.revision++;
    this.emit({ how: 'open', restored, full: true, ranges: [], labels: null, claims: true });
  }

  close() {
    this.doc = null;
    this.id = null;
    this.title = '';
    this.undoStack = [];
    this.redoStack = [];
    this.seq = 0;
    this.revision++;
    this.emit({ how: 'close', full: true, ranges: [], labels: null, claims: true });
  }

  /** True when the article has edits (an undo history). */
  get edited() { return this.undoStack.length > 0 || this.redoStack.length > 0; }

  /** Applies an edit from edits.js; returns the history entry, or null if there was nothing to do. */
  apply(edit) {
    if (!this.doc || !edit || !edit.ops || edit.ops.length === 0) return null;
    run(this.doc, edit.ops);
    const entry = { n: ++this.serial, label: edit.label, time: Date.now(), ops: edit.ops };
    this.undoStack.push(entry);
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.splice(0, this.undoStack.length - HISTORY_LIMIT);
    this.redoStack = [];
    this.changed('edit', entry, edit.ops);
    return entry;
  }

  undo() {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const ops = inverse(entry.ops);
    run(this.doc, ops);
    this.redoStack.push(entry);
    this.changed('undo', entry, ops);
    return entry;
  }

  redo() {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    run(this.doc, entry.ops);
    this.undoStack.push(entry);
    this.changed('redo', entry, entry.ops);
    return entry;
  }

  changed(how, entry, ops) {
    this.updated = Date.now();
    this.revision++;
    this.seq++;
    const ranges = [];
    const labels = new Set();
    let claims = false;
    let size = 0;
    let refs = null;
    for (const { a, i, del, ins } of ops) {
      size += del.length + ins.length;
      if (size > 400) break;
      for (const item of del.concat(ins)) {
        ranges.push(...spansOf(a, item));
        if (a === 'entities') labels.add(item.label);
      }
      if (a !== 'entities') claims = true;
      if (a === 'entities') {
        // A claimant shown as "She (Maria Lopez)" depends on the entity it names.
        refs ??= namedBy(this.doc.attributions);
        for (const item of del.concat(ins)) {
          for (let k = firstEndingAfter(refs, item.start); k < refs.length && refs[k].start < item.end; k++) {
            claims = true;
            const ai = refs[k].ai;
            for (const c of this.doc.claims) if (c.attribution === ai) ranges.push([c.start, c.end]);
          }
        }
      }
      if (a === 'attributions') {
        // Claims show their claimant: re-render those linked to this attribution.
        for (const c of this.doc.claims) if (c.attribution === i) ranges.push([c.start, c.end]);
      }
    }
    const full = size > 400;
    this.emit({ how, entry, seq: this.seq, full, ranges, labels: full ? null : labels, claims: claims || full });
  }

  emit(detail) {
    this.dispatchEvent(new CustomEvent('change', { detail }));
  }

  /** What the store saves. */
  record() {
    return {
      id: this.id,
      title: this.title,
      created: this.created,
      updated: this.updated,
      seq: this.seq,
      document: this.doc,
      history: { undo: this.undoStack, redo: this.redoStack },
    };
  }

  /**
   * The record as it is now, safe to read later while editing goes on: the
   * lists are copied (their items are never changed in place, see edits.js).
   */
  snapshot() {
    const r = this.record();
    const d = this.doc;
    return {
      ...r,
      document: { ...d, entities: d.entities.slice(), claims: d.claims.slice(), attributions: d.attributions.slice() },
      history: { undo: this.undoStack.slice(), redo: this.redoStack.slice() },
    };
  }
}

/**
 * Redoes on a saved record the changes logged after it (journal items
 * `{ seq, how: 'edit' | 'undo' | 'redo', entry }`, in order), as apply(),
 * undo() and redo() made them. Only an unbroken run from record.seq + 1 is
 * used. Returns { record, applied }: a new record (the one given is not
 * changed), or the one given with applied 0 when nothing fits.
 */
export function replay(record, items) {
  const doc = record.document;
  const next = {
    ...record,
    document: { ...doc, entities: (doc.entities ?? []).slice(), claims: (doc.claims ?? []).slice(), attributions: (doc.attributions ?? []).slice() },
    history: { undo: (record.history?.undo ?? []).slice(), redo: (record.history?.redo ?? []).slice() },
  };
  let seq = record.seq ?? 0;
  let applied = 0;
  try {
    for (const it of items) {
      if (it.seq <= seq) continue;
      if (it.seq !== seq + 1) break;
      const h = next.history;
      if (it.how === 'edit') {
        run(next.document, it.entry.ops);
        h.undo.push(it.entry);
        if (h.undo.length > HISTORY_LIMIT) h.undo.splice(0, h.undo.length - HISTORY_LIMIT);
        h.redo = [];
      } else if (it.how === 'undo') {
        const e = h.undo.pop();
        if (!e || e.n !== it.n) break;
        run(next.document, inverse(e.ops));
        h.redo.push(e);
      } else if (it.how === 'redo') {
        const e = h.redo.pop();
        if (!e || e.n !== it.n) break;
        run(next.document, e.ops);
        h.undo.push(e);
      } else break;
      seq = it.seq;
      next.updated = it.time ?? next.updated;
      applied++;
    }
  } catch {
    return { record, applied: 0 }; // the journal does not fit this record: keep what was saved
  }
  if (!applied) return { record, applied: 0 };
  next.seq = seq;
  return { record: next, applied };
}
