// Local storage in IndexedDB: saved articles (document, history) and small
// settings (the open article, the learned state, the draft). Nothing here
// leaves the machine.
//
// Stores: `articles` (full records, key `id`), `summaries` (id, title, dates,
// counts: what the list of saved articles shows, without reading every
// document) and `meta` (key → value).
//
// Articles are stored packed (pack.js): the annotation lists as typed arrays,
// so that saving a 5 MB article does not hold the page for the half second
// IndexedDB would take to copy 250,000 objects. Errors keep their DOMException
// name (QuotaExceededError when the browser's storage for the site is full).
import { packRecord, unpackRecord } from './pack.js';
import { isSpaceCode } from './text.js';
import { yieldToBrowser } from './yield.js';

const DB_NAME = 'newsmark';
const DB_VERSION = 1;

let dbPromise = null;

function req(r) {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

function done(tx) {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onabort = () => fail(tx.error ?? new Error('transaction aborted'));
    tx.onerror = () => fail(tx.error);
  });
}

export function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((ok, fail) => {
      if (!globalThis.indexedDB) {
        fail(new Error('this browser has no IndexedDB (private mode?)'));
        return;
      }
      const r = indexedDB.open(DB_NAME, DB_VERSION);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('articles')) db.createObjectStore('articles', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('summaries')) db.createObjectStore('summaries', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
      r.onblocked = () => fail(new Error('the saved data is open in another tab with an older version of this page'));
    }).catch((err) => {
      dbPromise = null;
      throw err;
    });
  }
  return dbPromise;
}

const wordCache = { text: null, words: 0 };
/** Number of words (runs of non-space) in `text`, counted in slices; remembered for the last text. */
export async function wordCount(text) {
  if (wordCache.text === text) return wordCache.words;
  let words = 0;
  let inWord = false;
  for (let from = 0; from < text.length; from += 1 << 20) {
    if (from) await yieldToBrowser();
    const to = Math.min(text.length, from + (1 << 20));
    for (let i = from; i < to; i++) {
      const space = isSpaceCode(text.charCodeAt(i));
      if (!space && !inWord) words++;
      inWord = !space;
    }
  }
  wordCache.text = text;
  wordCache.words = words;
  return words;
}

/**
 * Saves an article record and its summary in one transaction. The record is
 * packed first, in slices: pass a snapshot (ArticleState.snapshot()) if the
 * article may be edited meanwhile.
 */
export async function putArticle(record) {
  const doc = record.document;
  const summary = {
    id: record.id,
    title: record.title,
    created: record.created,
    updated: record.updated,
    words: await wordCount(doc.text),
    entities: doc.entities.length,
    claims: doc.claims.length,
    edits: record.history?.undo?.length ?? 0,
  };
  const packed = await packRecord(record);
  await yieldToBrowser(); // IndexedDB copies the record inside put(): a task of its own
  const db = await openDb();
  const tx = db.transaction(['articles', 'summaries'], 'readwrite');
  const finished = done(tx);
  try {
    tx.objectStore('articles').put(packed);
    tx.objectStore('summaries').put(summary);
  } catch (err) {
    try { tx.abort(); } catch { /* already finished */ }
    finished.catch(() => {});
    throw err;
  }
  await finished;
}

/** The article record with this id (unpacked), or undefined. */
export async function getArticle(id) {
  const db = await openDb();
  return unpackRecord(await req(db.transaction('articles').objectStore('articles').get(id)));
}

export async function deleteArticle(id) {
  const db = await openDb();
  const tx = db.transaction(['articles', 'summaries'], 'readwrite');
  tx.objectStore('articles').delete(id);
  tx.objectStore('summaries').delete(id);
  await done(tx);
}

/** Summaries of every saved article, most recently changed first. */
export async function listArticles() {
  const db = await openDb();
  const all = await req(db.transaction('summaries').objectStore('summaries').getAll());
  return all.sort((a, b) => b.updated - a.updated);
}

export async function getMeta(key) {
  const db = await openDb();
  return req(db.transaction('meta').objectStore('meta').get(key));
}

export async function setMeta(key, value) {
  const db = await openDb();
  const tx = db.transaction('meta', 'readwrite');
  const finished = done(tx);
  try {
    if (value === undefined) tx.objectStore('meta').delete(key);
    else tx.objectStore('meta').put(value, key);
  } catch (err) {
    try { tx.abort(); } catch { /* already finished */ }
    finished.catch(() => {});
    throw err;
  }
  await finished;
}
