// The one owner of the page's document state: the open article (a Newsmark
// document with UTF-16 offsets), its identity and its edit history. Everything
// that changes the document goes through apply(), undo() or redo() here, and
// every change is announced with a `change` event saying what it touched, so
// the view re-renders only that, the store saves and the session learns.
//
// An edit is `{ label, ops }` (see edits.js); the history keeps the ops, so
// undo runs them backwards with their items swapped.

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
    /** @type {import('./pkg/newsmark.js').NewsmarkDocument | null} */
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
    this.serial = Math.max(0, ...this.undoStack.map((e) => e.n ?? 0), ...this.redoStack.map((e) => e.n ?? 0));
    this.revision++;
    this.emit({ how: 'open', restored, full: true, ranges: [], labels: null, claims: true });
  }

  close() {
    this.doc = null;
    this.id = null;
    this.title = '';
    this.undoStack = [];
    this.redoStack = [];
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
    const ranges = [];
    const labels = new Set();
    let claims = false;
    let size = 0;
    for (const { a, i, del, ins } of ops) {
      size += del.length + ins.length;
      if (size > 400) break;
      for (const item of del.concat(ins)) {
        ranges.push(...spansOf(a, item));
        if (a === 'entities') labels.add(item.label);
      }
      if (a !== 'entities') claims = true;
      if (a === 'attributions') {
        // Claims show their claimant: re-render those linked to this attribution.
        for (const c of this.doc.claims) if (c.attribution === i) ranges.push([c.start, c.end]);
      }
    }
    const full = size > 400;
    this.emit({ how, entry, full, ranges, labels: full ? null : labels, claims: claims || full });
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
      document: this.doc,
      history: { undo: this.undoStack, redo: this.redoStack },
    };
  }
}
