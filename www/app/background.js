// The page's side of worker.js: starts the worker, hands it a text to
// annotate, gathers the pieces it posts back (each one small, so no message
// is long to receive) and cancels a run by telling it to stop (it stops
// within one piece; the page ignores whatever it still sends for that run).
//
// The worker is started while the page loads, so its files (worker.js and
// the modules it imports) are fetched then; it is given the page's compiled
// wasm module (set `module` before start()), so it neither downloads nor
// compiles the wasm again. Without one it fetches the wasm itself.
//
// What was learned: the page's Session (session.js) is the one source of
// truth. annotate() takes `learned` = { version, json() }; the worker is sent
// the JSON only when its copy is older than `version`.

import { emptyDocument, appendPiece } from './pieces.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

export class BackgroundAnnotator {
  constructor() {
    this.worker = null;
    this.module = null;
    this.ready = null;
    this.job = null;
    this.nextId = 1;
    this.sentVersion = -1;
    /** () => the claims pack's bytes, or null while they are not loaded (set by the page). */
    this.claimsPack = null;
    this.attributionModule = null;
    this.sentClaims = false;
    /** Why no worker could run (then the page annotates long texts itself), or null. */
    this.failure = null;
  }

  /** Starts a worker; resolves when it can annotate, rejects if it cannot start. */
  start() {
    let worker;
    try {
      worker = new Worker(WORKER_URL, { type: 'module', name: 'newsmark-annotator' });
    } catch (err) {
      this.failure = err;
      this.ready = Promise.reject(err);
      this.ready.catch(() => {});
      return this.ready;
    }
    this.worker = worker;
    this.sentVersion = -1;
    this.sentClaims = false;
    let hooks;
    this.ready = new Promise((ok, fail) => { hooks = { ok, fail }; });
    this.ready.catch(() => {});
    worker.addEventListener('message', (ev) => {
      const m = ev.data;
      if (m.type === 'ready') {
        this.module ??= m.module ?? null;
        this.failure = null;
        hooks.ok();
      } else if (m.type === 'error' && m.id == null) {
        this.fail(worker, new Error(m.message), hooks);
      } else this.onJobMessage(m);
    });
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      this.fail(worker, new Error(ev.message || 'the annotation worker could not start'), hooks);
    });
    worker.addEventListener('messageerror', () => this.fail(worker, new Error('a message from the annotation worker could not be read'), hooks));
    worker.postMessage({ type: 'init', module: this.module });
    return this.ready;
  }

  fail(worker, err, hooks) {
    if (worker !== this.worker) return;
    this.failure = err;
    hooks.fail(err);
    const job = this.job;
    this.job = null;
    job?.reject(err);
  }

  /** True while a text is being annotated. */
  get busy() { return !!this.job; }

  /**
   * Annotates `text` in the worker. `learned`: { version, json() } (the page's
   * learned state). `onProgress(done, total)` after each piece (UTF-16 offsets).
   * Resolves to a Newsmark document (UTF-16 offsets); rejects with an
   * AbortError when `signal` aborts (the worker then drops the run).
   */
  async annotate(text, learned, { onProgress = null, signal = null } = {}) {
    await this.ready;
    const aborted = () => new DOMException('Cancelled', 'AbortError');
    if (signal?.aborted) throw aborted();
    if (this.job) throw new Error('the worker is already annotating');
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      signal?.addEventListener('abort', () => { if (this.job?.id === id) this.cancel(); }, { once: true });
      const doc = emptyDocument(text);
      this.job = {
        id,
        reject,
        piece(m) {
          appendPiece(doc, m);
          onProgress?.(m.to, m.total);
        },
        done(m) {
          doc.newsmark = m.newsmark;
          resolve(doc);
        },
      };
      const msg = { type: 'annotate', id, text };
      // The claims models and the compiled module that finds attributions,
      // once: the worker then finds claims and attributions too.
      const pack = this.claimsPack?.();
      const attribution = this.attributionModule?.();
      if (pack && attribution && !this.sentClaims) {
        msg.claims = pack.slice();
        msg.attribution = attribution;
        this.sentClaims = true;
      }
      if (learned && learned.version !== this.sentVersion) {
        msg.learned = { version: learned.version, json: learned.json() };
        this.sentVersion = learned.version;
      }
      this.worker.postMessage(msg);
    });
  }

  onJobMessage(m) {
    const job = this.job;
    if (!job || m.id !== job.id) return;
    if (m.type === 'piece') job.piece(m);
    else if (m.type === 'done') {
      this.job = null;
      job.done(m);
    } else if (m.type === 'error') {
      this.job = null;
      // The claims may not have been set up in the worker: the next run sends
      // them again (the worker ignores them if they were).
      this.sentClaims = false;
      job.reject(new Error(m.message));
    }
  }

  /**
   * Stops the run: the worker is told to drop it (it does within one piece,
   * and its later messages for the run are ignored). The same worker serves
   * the next run, so a Cancel makes no request.
   */
  cancel() {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.worker.postMessage({ type: 'cancel', id: job.id });
    job.reject(new DOMException('Cancelled', 'AbortError'));
  }
}
