// Saving and restoring: the open article autosaves in IndexedDB (store.js) a
// moment after each change, every change is also logged at once (journal.js) for
// a tab killed mid-edit, the text box keeps a draft, and saved articles open
// and go from the sidebar. When the browser will not store anything, a warning
// says so and the work stays in the page.
import { ui, state, page, busy, setStatus, BUSY } from './context.js';
import { replay } from './state.js';
import { timeOf } from './sidebar.js';
import * as store from './store.js';
import * as journal from './journal.js';

let saveTimer = 0;
let saving = Promise.resolve();
export function setSaved(stateName, message) {
  ui.saved.dataset.state = stateName;
  ui.saved.textContent = message;
}
export function saveSoon(delay = 250) {
  if (!state.doc) return;
  setSaved('pending', 'Saving…');
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, delay);
}
export function saveNow() {
  clearTimeout(saveTimer);
  if (!state.doc) return saving;
  const rev = state.revision;
  // The article as it is now (copied lists: a long one is packed in slices while editing goes on).
  const record = state.snapshot();
  saving = saving.then(async () => {
    try {
      await store.putArticle(record);
      journal.saved(record.id, record.seq);
      await store.setMeta('current', record.id);
      storageWorks();
      if (state.revision === rev && state.id === record.id) {
        const t = timeOf(Date.now());
        setSaved('saved', 'Saved');
        ui.saved.title = `Saved in this browser at ${t}`;
      }
      refreshArticles();
    } catch (err) {
      storageFailed(err);
      if (state.id === record.id) setSaved('error', `Not saved: ${storageReason(err)}`);
      else setStatus(ui.status, `Could not save “${record.title}”: ${storageReason(err)}`, true);
    }
  });
  return saving;
}

// When the browser will not store anything (IndexedDB missing or refused, as in
// some private modes; or the site's storage full), the work stays in this page
// and a warning says so, and how to keep it: the export buttons work as ever.
export function storageReason(err) {
  if (err?.name === 'QuotaExceededError') return 'the browser’s storage for this site is full';
  if (err?.name === 'SecurityError' || err?.name === 'InvalidStateError' || !globalThis.indexedDB) return `this browser does not let the page store anything (private mode?): ${err.message}`;
  return err?.message ?? String(err);
}
export function storageFailed(err) {
  const link = document.createElement('a');
  link.href = '#files-heading';
  link.textContent = 'Export and import';
  const strong = document.createElement('strong');
  strong.textContent = 'Your work is not being saved in this browser';
  ui.storage.replaceChildren(strong, ` (${storageReason(err)}). It stays in this page until you close or reload it: `
    + 'download it with the buttons under ', link, ' (Newsmark JSON keeps everything, your edits included).');
  ui.storage.hidden = false;
}
function storageWorks() {
  if (!ui.storage.hidden) {
    ui.storage.hidden = true;
    ui.storage.replaceChildren();
  }
}

/** Redraws the list of saved articles; returns the list (null if it cannot be read). */
export async function refreshArticles() {
  try {
    const list = await store.listArticles();
    page.sidebar.renderArticles(list, state.id);
    return list;
  } catch (err) {
    setStatus(ui.status, `Saved articles are unavailable: ${storageReason(err)}`, true);
    return null;
  }
}

// The text box is saved as a draft while typing, so text not yet annotated survives a reload too.
let draftTimer = 0;
ui.text.addEventListener('input', () => {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => store.setMeta('draft', ui.text.value).catch(() => {}), 400);
});
/** Sets the text box (and its saved draft). */
export function setText(value) {
  clearTimeout(draftTimer);
  ui.text.value = value;
  store.setMeta('draft', value || undefined).catch(() => {});
}
/**
 * Closes the open article (saved first, if a save is pending) and empties the
 * text box and its draft; the saved articles stay.
 */
export function closeArticle() {
  if (state.doc && ui.saved.dataset.state === 'pending') saveNow(); // takes the record now, writes it in the background
  page.session.flush();
  clearTimeout(draftTimer);
  ui.text.value = '';
  state.close();
  setSaved('idle', 'Nothing to save yet');
  saving = saving
    .then(() => Promise.all([store.setMeta('current', undefined), store.setMeta('draft', undefined)]))
    .catch(() => {})
    .then(refreshArticles);
}
window.addEventListener('pagehide', () => {
  if (ui.saved.dataset.state === 'pending') saveNow();
  page.session?.flush();
});

/**
 * A saved article, with the changes logged after its last completed save
 * (a tab killed mid-edit) redone on it: { record, recovered } or null.
 */
export async function readArticle(id) {
  const saved = await store.getArticle(id);
  if (!saved) return null;
  const { record, applied } = replay(saved, journal.read(id));
  return { record, recovered: applied };
}
export const recoveredNote = (n) => (n ? ` ${n} ${n === 1 ? 'change' : 'changes'} made just before the page closed ${n === 1 ? 'was' : 'were'} recovered.` : '');

export async function openArticle(id) {
  if (busy()) {
    setStatus(ui.status, BUSY);
    return;
  }
  if (id === state.id) {
    ui.output.focus();
    return;
  }
  page.session.flush();
  if (state.doc) await saveNow();
  try {
    const found = await readArticle(id);
    if (!found) throw new Error('it is no longer saved');
    const { record, recovered } = found;
    state.open(record, { restored: true });
    setText(record.document.text);
    setSaved('saved', 'Saved');
    if (recovered) saveSoon(0);
    await store.setMeta('current', id);
    refreshArticles();
    setStatus(ui.status, `Opened “${record.title}”.${recoveredNote(recovered)}`);
  } catch (err) {
    setStatus(ui.status, `Could not open the article: ${err.message}`, true);
  }
}

export async function removeArticle(id) {
  if (busy() && id === state.id) {
    setStatus(ui.status, BUSY);
    return;
  }
  try {
    await store.deleteArticle(id);
    journal.forget(id);
    if (id === state.id) {
      page.session.cancel();
      state.close();
      setText('');
      await store.setMeta('current', undefined);
      setSaved('idle', 'Nothing to save yet');
    }
    refreshArticles();
    setStatus(ui.status, 'Deleted the saved article.');
  } catch (err) {
    setStatus(ui.status, `Could not delete: ${err.message}`, true);
  }
}


/**
 * At start-up: what was learned, the article open when the page was left (with
 * the changes logged after its last save), the text box's draft and the list of
 * saved articles. Returns { restored, recovered }: the reopened record (or null)
 * and how many logged changes were redone on it.
 */
export async function restore() {
  let restored = null;
  let recovered = 0;
  try {
    const learnedError = await page.session.restore();
    if (learnedError) setStatus(ui.learnStatus, learnedError, true);
    const id = await store.getMeta('current');
    const found = id ? await readArticle(id) : null;
    // The text box shows the draft if there is one (text typed but not annotated), else the article.
    const draft = await store.getMeta('draft');
    // Annotate is enabled before the saved work is read: what the user typed or
    // annotated meanwhile stays, and the article left open stays in the list.
    if (found && !state.doc) {
      state.open(found.record, { restored: true });
      setSaved('saved', 'Saved');
      restored = found.record;
      recovered = found.recovered;
      if (recovered) saveSoon(0); // the recovered changes are only in the journal so far
    }
    if (!ui.text.value) ui.text.value = typeof draft === 'string' ? draft : restored ? restored.document.text : '';
    const list = await refreshArticles();
    if (list) journal.keepOnly(list.map((a) => a.id));
  } catch (err) {
    storageFailed(err);
    setSaved('error', `Saving is unavailable: ${storageReason(err)}`);
  }
  return { restored, recovered };
}
