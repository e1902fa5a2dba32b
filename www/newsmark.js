// Newsmark: the public ES module for pages and embedders.
//
//   import { load, annotate } from './newsmark.js';
//   await load();
//   const { entities } = annotate('Ilham Aliyev spoke in Baku.');
//   // entities: [{ start, end, label, text, score }], offsets in UTF-16 code units
//
// Everything runs in the page: the model is inside the wasm file, and the only
// requests are for this module's own files, resolved relative to this module.
import init, * as wasm from './pkg/newsmark.js';

let ready = null;
let loaded = false;

/**
 * Fetches and instantiates the wasm module (streaming compilation). Idempotent:
 * later calls return the same promise. Rejects with an Error if the module or
 * its embedded model cannot be loaded; a later call retries.
 * @returns {Promise<void>}
 */
export function load() {
  if (!ready) {
    ready = init({ module_or_path: new URL('./pkg/newsmark_bg.wasm', import.meta.url) })
      .then(() => {
        wasm.checkModel();
        loaded = true;
      })
      .catch((err) => {
        ready = null;
        throw new Error(`Newsmark could not load: ${err && err.message ? err.message : err}`);
      });
  }
  return ready;
}

/** True once `load()` has finished. */
export function isLoaded() {
  return loaded;
}

/**
 * Annotates `text`. Call `await load()` first.
 * @param {string} text
 * @returns {import('./pkg/newsmark.js').AnnotateResult}
 */
export function annotate(text) {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  if (typeof text !== 'string') throw new TypeError(`annotate() takes a string, not ${typeof text}`);
  return wasm.annotate(text);
}

/**
 * The labels Newsmark produces, with short descriptions.
 * @returns {import('./pkg/newsmark.js').LabelInfo[]}
 */
export function labels() {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  return wasm.labels();
}

/** The library version. */
export function version() {
  if (!loaded) throw new Error('Newsmark is not loaded yet: call `await load()` first');
  return wasm.version();
}
