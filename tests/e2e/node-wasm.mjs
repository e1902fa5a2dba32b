// Both wasm modules in Node, as the page has them once the claims pack is
// loaded: the first (entities, claims, the Session) and the second, which
// finds attributions (newsmark_attribution.wasm). For the tests that call the
// wasm directly, without a page.
import { readFileSync } from 'node:fs';
import * as wasm from '../../www/newsmark/pkg/newsmark.js';
import * as attribution from '../../www/newsmark/pkg/newsmark_attribution.js';

const pkg = (f) => readFileSync(new URL(`../../www/newsmark/pkg/${f}`, import.meta.url));

wasm.initSync({ module: pkg('newsmark_bg.wasm') });
attribution.initSync({ module: pkg('newsmark_attribution_bg.wasm') });
const pack = pkg('newsmark-claims.bin');
wasm.loadClaims(pack);
attribution.loadAttribution(pack);

export { wasm, attribution };

/** A wasm Session whose annotateDocument(text) finds attributions too, as the page's does. */
export function newSession() {
  const session = new wasm.Session();
  const plain = session.annotateDocument.bind(session);
  session.annotateDocument = (text) => plain(text, attribution.findAttributions(text));
  return session;
}
