// Crash safety for edits. Saving an article to IndexedDB is asynchronous (and
// waits a moment for more edits), so a tab killed right after an edit could
// lose it. So every edit, undo and redo is also logged here, synchronously,
// in localStorage, before the key press that made it has been handled: one
// key per article, holding the changes made since its last completed save.
// When an article is read back, the changes logged after the saved copy are
// redone on it (state.js, replay()); a completed save drops them from the log.
//
// An edit that changes many annotations at once (a re-annotation, an import,
// "apply to all" over hundreds of mentions) is too big to log here: it, and
// the changes after it until the next completed save, are then covered by
// that save only. Failures (no localStorage, quota) are silent: the log is a
// second line of defence, IndexedDB the first.

const PREFIX = 'newsmark-journal:';
/** Edits changing more annotations than this are not logged. */
export const MAX_ITEMS = 400;
/** A log longer than this (saving keeps failing) is dropped. */
const MAX_ENTRIES = 1000;

let cache = { id: null, items: [] };

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // access denied (storage disabled for the site)
  }
}

/** The logged changes of article `id`, oldest first. */
export function read(id) {
  if (cache.id === id) return cache.items;
  let items = [];
  try {
    const raw = storage()?.getItem(PREFIX + id);
    const v = raw ? JSON.parse(raw) : null;
    if (v && Array.isArray(v.items)) items = v.items;
  } catch { /* unreadable: nothing logged */ }
  cache = { id, items };
  return items;
}

function write(id, items) {
  cache = { id, items };
  const ls = storage();
  if (!ls) return;
  try {
    if (items.length) ls.setItem(PREFIX + id, JSON.stringify({ items }));
    else ls.removeItem(PREFIX + id);
  } catch {
    // Full: this log cannot grow; drop it rather than keep a gap in it.
    try { ls.removeItem(PREFIX + id); } catch { /* nothing to do */ }
    cache = { id, items: [] };
  }
}

/**
 * Logs one change of article `id`: `{ seq, how, entry }` for an edit (entry:
 * the history entry), `{ seq, how, n }` for an undo or redo (n: the entry's
 * number). Returns whether it was logged.
 */
export function log(id, change) {
  if (change.how === 'edit') {
    let size = 0;
    for (const op of change.entry.ops) size += op.del.length + op.ins.length;
    if (size > MAX_ITEMS) return false;
  }
  const items = read(id).slice();
  items.push({ ...change, time: Date.now() });
  if (items.length > MAX_ENTRIES) {
    write(id, []);
    return false;
  }
  write(id, items);
  return true;
}

/** Drops the changes up to `seq` (saved in IndexedDB now). */
export function saved(id, seq) {
  const items = read(id);
  if (!items.length) return;
  const rest = items.filter((it) => it.seq > seq);
  if (rest.length !== items.length) write(id, rest);
}

/** Forgets article `id`'s log (the article was deleted). */
export function forget(id) {
  write(id, []);
}

/** Forgets the logs of articles not in `ids` (never saved, or deleted in another tab). */
export function keepOnly(ids) {
  const ls = storage();
  if (!ls) return;
  const keep = new Set(ids);
  try {
    const stale = [];
    for (let i = 0; i < ls.length; i++) {
      const k = ls.key(i);
      if (k?.startsWith(PREFIX) && !keep.has(k.slice(PREFIX.length))) stale.push(k);
    }
    for (const k of stale) ls.removeItem(k);
  } catch { /* nothing to do */ }
  if (cache.id && !keep.has(cache.id)) cache = { id: null, items: [] };
}
