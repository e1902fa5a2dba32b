// Local storage in IndexedDB: saved articles (document, history) and small
// settings (the open article, the learned state, the draft). Nothing here
// leaves the machine.
//
// Stores: `articles` (full records, key `id`), `summaries` (id, title, dates,
// counts: what the list of saved articles shows, without reading every
// document) and `meta` (key → value).

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

/** Saves an article record and its summary in one transaction. */
export async function putArticle(record) {
  const db = await openDb();
  const tx = db.transaction(['articles', 'summaries'], 'readwrite');
  const doc = record.document;
  tx.objectStore('articles').put(record);
  tx.objectStore('summaries').put({
    id: record.id,
    title: record.title,
    created: record.created,
    updated: record.updated,
    words: (doc.text.match(/\S+/g) ?? []).length,
    entities: doc.entities.length,
    claims: doc.claims.length,
    edits: record.history?.undo?.length ?? 0,
  });
  await done(tx);
}

export async function getArticle(id) {
  const db = await openDb();
  return req(db.transaction('articles').objectStore('articles').get(id));
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
  if (value === undefined) tx.objectStore('meta').delete(key);
  else tx.objectStore('meta').put(value, key);
  await done(tx);
}
