// The helper worker of newsmark.js: for a long text passed to annotateAsync(),
// it finds the attributions with the second module (newsmark_attribution.wasm,
// its findAttributions()) while the page's thread finds the entities and
// claims; the page joins the two halves (wasm Pending.finish) into what
// annotate() returns.
//
// Messages in:  { type: 'init', module, claims }  (the page's compiled second module and the claims pack)
//               { type: 'reported', id, text }
//               { type: 'release' }               (free the per-word caches)
// Messages out: { type: 'ready' }, { type: 'reported', id, words },
//               { type: 'error', id, message }    (id null: the worker could not start)
import init, { findAttributions, loadAttribution, releaseCaches } from './pkg/newsmark_attribution.js';

let started = null;

self.addEventListener('message', async ({ data: m }) => {
  try {
    if (m.type === 'init') {
      started = init({ module_or_path: m.module }).then(() => loadAttribution(m.claims));
      await started;
      self.postMessage({ type: 'ready' });
    } else if (m.type === 'reported') {
      await started;
      const words = findAttributions(m.text); // a Uint32Array, transferred
      self.postMessage({ type: 'reported', id: m.id, words }, [words.buffer]);
    } else if (m.type === 'release' && started) {
      await started;
      releaseCaches();
    }
  } catch (err) {
    const id = m.type === 'reported' ? m.id : null;
    self.postMessage({ type: 'error', id, message: err && err.message ? err.message : String(err) });
  }
});
