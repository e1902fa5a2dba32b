// The page's annotator for long texts, off the main thread (a module worker,
// started by background.js). It runs its own wasm Session, annotates a text
// piece by piece (pieces.js) and posts each piece's annotations as soon as it
// has them, so the page shows progress and stays responsive. Between pieces it
// yields, so that a 'cancel' message stops a run within one piece (a few ms):
// the worker stays, so a Cancel costs no new worker and no request.
//
// What the Session has learned lives in the page (session.js, saved in
// IndexedDB): this worker only ever receives a copy, with a version number,
// before a run that needs it, and never learns anything itself.
//
// Messages in:  { type: 'init', module? }  (module: the compiled wasm, if the page has it)
//               { type: 'annotate', id, text, learned?: { version, json }, claims?: Uint8Array,
//                 attribution?: WebAssembly.Module }
//               (claims: the claims pack, and attribution: the compiled second module that
//               finds attributions, sent once when the page has them)
//               { type: 'cancel', id }
// Messages out: { type: 'ready', module }, { type: 'piece', id, from, to, total, entities, claims, attributions }
//               (entities packed by pack.js packNow(), transferred),
//               { type: 'done', id, newsmark }, { type: 'error', id, message }
import init, { Session, loadClaims } from '../newsmark/pkg/newsmark.js';
// The second module's bindings (a few KB), fetched with the worker at the page's start, so that
// annotating a long text requests nothing; its wasm comes compiled from the page with the claims.
import { initSync as initAttribution, findAttributions, loadAttribution } from '../newsmark/pkg/newsmark_attribution.js';
import { annotateInPieces } from './pieces.js';
import { packNow, transferables } from './pack.js';
import { yieldToBrowser } from './yield.js';

const WASM_URL = new URL('../newsmark/pkg/newsmark_bg.wasm', import.meta.url);

let session = null;
/** Whether the second module is set up (once the page has sent it with the claims pack). */
let attributing = false;
let learnedVersion = -1;
let starting = null;
/** Ids of runs the page has cancelled (each one removed when its run stops). */
const cancelled = new Set();

/** Instantiates the wasm (compiling it only if the page did not send it) and the Session. */
function start(module) {
  starting ??= (async () => {
    // The page has just downloaded the wasm file: take it from the HTTP cache, not the network.
    const compiled = module ?? await WebAssembly.compileStreaming(fetch(WASM_URL, { cache: 'force-cache' }))
      .catch(async () => WebAssembly.compile(await (await fetch(WASM_URL, { cache: 'force-cache' })).arrayBuffer()));
    await init({ module_or_path: compiled });
    session = new Session();
    return compiled;
  })();
  return starting;
}

self.addEventListener('message', async ({ data: m }) => {
  try {
    if (m.type === 'init') {
      const module = await start(m.module);
      self.postMessage({ type: 'ready', module });
      return;
    }
    if (m.type === 'cancel') {
      cancelled.add(m.id);
      return;
    }
    if (m.type !== 'annotate') return;
    await start();
    if (m.claims && m.attribution && !attributing) {
      // Synchronous, so no later message can run before the models are in.
      initAttribution({ module: m.attribution });
      loadAttribution(m.claims);
      loadClaims(m.claims);
      attributing = true;
    }
    if (m.learned && m.learned.version !== learnedVersion) {
      session.importLearned(m.learned.json);
      learnedVersion = m.learned.version;
    }
    let newsmark = 1;
    for (const piece of annotateInPieces((t) => session.annotateDocument(t, attributing ? findAttributions(t) : undefined), m.text)) {
      newsmark = piece.newsmark;
      // The entities packed (typed arrays, transferred): the page then gets no object per entity to clone.
      const entities = packNow('entities', piece.entities, m.text);
      if (entities) self.postMessage({ type: 'piece', id: m.id, ...piece, entities }, transferables(entities));
      else self.postMessage({ type: 'piece', id: m.id, ...piece });
      await yieldToBrowser(); // a 'cancel' message is read here
      if (cancelled.delete(m.id)) return;
    }
    cancelled.delete(m.id);
    self.postMessage({ type: 'done', id: m.id, newsmark });
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id ?? null, message: err && err.message ? err.message : String(err) });
  }
});
