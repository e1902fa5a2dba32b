// annotateAsync(): a long text on two threads. Its entities and claims are
// found on the calling thread (the wasm's Pending) while a helper worker
// (newsmark-helper.js) finds its attributions with the second module
// (findAttributions); Pending.finish joins the halves into exactly what
// annotate() returns. Re-exported by newsmark.js, which is the module to import.
import * as wasm from './pkg/newsmark.js';
import { annotate, attributionModule, claimsLoaded, claimsPack, isLoaded } from './newsmark.js';

/**
 * Texts at least this long (UTF-16 code units, about 5,000 words) are worth a
 * second thread in annotateAsync(): below it, handing the text over costs more
 * than the thread saves (the native CLI splits at 5,000 tokens too).
 */
export const PARALLEL_CHARS = 30000;

/**
 * The helper worker that finds long texts' attributions while this thread
 * finds their entities and claims: started by the first
 * long annotateAsync() call, once the claims pack is loaded. Null before, and
 * again for good if it could not start (a page whose policy forbids workers).
 */
let helper = null;
let helperFailed = false;
/** How many annotateAsync() calls had their attributions from the helper. */
let helperServed = 0;

function startHelper() {
  const compiled = attributionModule();
  const claimsBytes = claimsPack();
  if (helper || helperFailed || typeof Worker === 'undefined' || !compiled || !claimsBytes) return helper;
  let worker;
  try {
    worker = new Worker(new URL('./newsmark-helper.js', import.meta.url), { type: 'module' });
  } catch {
    helperFailed = true;
    return null;
  }
  const h = { worker, ready: false, calls: new Map(), next: 1 };
  const fail = (message) => {
    helperFailed = true;
    retire(h, message);
  };
  worker.addEventListener('message', ({ data: m }) => {
    if (m.type === 'ready') {
      h.ready = true;
      return;
    }
    if (m.id == null) {
      fail(m.message || 'the helper worker stopped');
      return;
    }
    const call = h.calls.get(m.id);
    if (!call) return;
    h.calls.delete(m.id);
    if (m.type === 'reported') call.resolve(m.words);
    else call.reject(new Error(m.message));
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(`the helper worker failed: ${e.message || 'it could not start'}`);
  });
  worker.addEventListener('messageerror', () => fail('a message from the helper worker could not be read'));
  worker.postMessage({ type: 'init', module: compiled, claims: claimsBytes });
  helper = h;
  return h;
}

/**
 * Annotates `text` like annotate(), with the same result, but as a promise:
 * a long text (PARALLEL_CHARS or more) has its entities and claims found on
 * this thread while its attributions are found in a helper worker (1.6 times
 * as fast on the bench's two cores). These are annotated here, as annotate()
 * does: a short text; a call before the claims pack is loaded or with
 * `{ claims: false }`; the calls made until the worker is ready (the first
 * long call starts it); and every call once the worker has failed or cannot
 * start (a Content-Security-Policy that forbids it, the module served from
 * another origin, a bundle without newsmark-helper.js).
 * @param {string} text
 * @param {{ claims?: boolean }} [options]
 * @returns {Promise<import('./pkg/newsmark.js').AnnotateResult>}
 */
export async function annotateAsync(text, options = {}) {
  const entitiesOnly = options != null && options.claims === false;
  if (!isLoaded() || typeof text !== 'string' || entitiesOnly || text.length < PARALLEL_CHARS || !claimsLoaded()) {
    return annotate(text, options);
  }
  const h = startHelper();
  if (!h || !h.ready) return annotate(text, options);
  const id = h.next++;
  const reported = new Promise((resolve, reject) => h.calls.set(id, { resolve, reject }));
  reported.catch(() => {}); // awaited below, unless the entity half throws first
  h.worker.postMessage({ type: 'reported', id, text });
  const pending = new wasm.Pending(text);
  let words;
  try {
    words = await reported;
  } catch {
    pending.free();
    return annotate(text, options);
  }
  let result;
  try {
    result = pending.finish(words);
  } catch {
    return annotate(text, options);
  }
  helperServed++;
  return result;
}

/** True once the helper worker of annotateAsync() is ready to serve long texts (the first long call starts it). */
export function helperReady() {
  return helper != null && helper.ready;
}

/** How many annotateAsync() calls have had their attributions found in the helper worker. */
export function helperCalls() {
  return helperServed;
}

/**
 * Stops the helper worker of annotateAsync() and frees its memory (its
 * instance of the attribution model, and what a long text made it grow to). The next
 * long call starts it again.
 */
export function stopHelper() {
  if (helper) retire(helper, 'the helper worker was stopped');
}

/** Ends helper `h`: its worker is terminated and its calls waiting for it fail with `message`. */
function retire(h, message) {
  if (helper === h) helper = null;
  h.worker.terminate();
  for (const call of h.calls.values()) call.reject(new Error(message));
  h.calls.clear();
}

/** Tells the helper worker, if there is one, to empty its per-word caches (see releaseCaches()). */
export function releaseHelperCaches() {
  if (helper) helper.worker.postMessage({ type: 'release' });
}
