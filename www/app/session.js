// The wasm Session: an annotator that learns from the corrections made in this
// page (a user lexicon plus online updates of the entity model). This module
// decides when to learn (shortly after edits stop, and before anything is
// annotated), and keeps the learned state in IndexedDB so it survives reloads.
//
// This Session is the one source of truth for what was learned. Long texts are
// annotated in a worker (background.js) with its own Session: it gets a copy
// of the learned state (exportLearned → importLearned) tagged with `version`,
// which goes up on every change here, and only when its copy is older. The
// worker never learns, so the copy can only lag, never diverge.
import { Session } from '../newsmark/pkg/newsmark.js';
import { findAttributions } from '../newsmark/newsmark.js';
import { getMeta, setMeta } from './store.js';

export const LEARN_DELAY_MS = 1000;

export class LearningSession extends EventTarget {
  /** Call after `await load()` from newsmark.js (it instantiates the wasm module). */
  constructor() {
    super();
    this.session = new Session();
    this.timer = 0;
    this.pending = null; // () => document to learn from
    this.saving = Promise.resolve();
    /** Goes up whenever the learned state changes (the worker's copy is compared with it). */
    this.version = 0;
    this.json = null; // exportLearned() of the current version, once asked for
  }

  /** The learned state for the worker: { version, json() }, after learning from pending corrections. */
  learnedState() {
    this.flush();
    return { version: this.version, json: () => (this.json ??= this.session.exportLearned()) };
  }

  changed() {
    this.version++;
    this.json = null;
  }

  /** Restores the learned state saved by an earlier visit. Returns an error message, or null. */
  async restore() {
    let json;
    try {
      json = await getMeta('learned');
    } catch (err) {
      return `Could not read the saved learned state: ${err.message}`;
    }
    if (!json) return null;
    try {
      this.session.importLearned(json);
      this.changed();
      this.announce(null);
      return null;
    } catch (err) {
      return `The saved learned state could not be used (${err.message}); starting from the trained model.`;
    }
  }

  /** A Newsmark document for `text`, with what has been learned so far. */
  annotate(text) {
    this.flush();
    return this.session.annotateDocument(text, findAttributions(text));
  }

  /** Learns from `getDoc()` once edits have stopped for a moment. */
  schedule(getDoc) {
    this.pending = getDoc;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), LEARN_DELAY_MS);
  }

  /** Learns now from a scheduled document, if any. Returns the report or null. */
  flush() {
    clearTimeout(this.timer);
    const get = this.pending;
    this.pending = null;
    if (!get) return null;
    const doc = get();
    if (!doc) return null;
    return this.learn(doc);
  }

  /** Forgets a scheduled lesson (the document it was for is gone). */
  cancel() {
    clearTimeout(this.timer);
    this.pending = null;
  }

  learn(doc) {
    let report;
    try {
      report = this.session.learn({
        newsmark: doc.newsmark, offsets: doc.offsets, text: doc.text,
        entities: doc.entities, claims: doc.claims, attributions: doc.attributions,
      });
    } catch (err) {
      this.dispatchEvent(new CustomEvent('error', { detail: `Could not learn from this article: ${err.message}` }));
      return null;
    }
    this.changed();
    this.persist();
    this.announce(report);
    return report;
  }

  size() {
    return this.session.learnedSize();
  }

  exportLearned() {
    this.flush();
    return this.session.exportLearned();
  }

  /** Replaces the learned state with a file's; throws (state untouched) if it cannot be read. */
  importLearned(json) {
    this.flush();
    this.session.importLearned(json);
    this.changed();
    this.persist();
    this.announce(null);
  }

  reset() {
    this.cancel();
    this.session.resetLearned();
    this.changed();
    this.persist();
    this.announce(null);
  }

  persist() {
    const json = this.session.exportLearned();
    this.json = json;
    this.saving = this.saving.then(() => setMeta('learned', json)).catch((err) => {
      this.dispatchEvent(new CustomEvent('error', { detail: `Could not save the learned state: ${err.message}` }));
    });
  }

  announce(report) {
    this.dispatchEvent(new CustomEvent('learned', { detail: { report, size: this.size() } }));
  }
}
