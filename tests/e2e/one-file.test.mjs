// End to end: the one-file build, www/newsmark/newsmark.min.js (README, "One file";
// `./build.sh build` makes it with scripts/one-file.mjs). A newsroom page with no
// bundler imports that one file from a copy of the module folder, under the strict
// CSP, and gets everything the modules give: entities, the claims pack with
// attributions (the second wasm module), the helper worker for a long text and the
// <newsmark-annotator> element. It loads one script where the modules load six.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setup, makeSite, openPage, STRICT_CSP, MODULE_DIR } from './helpers.mjs';

const MOUNT = '/static/newsmark/';

// Written for this test (not from any corpus).
const ARTICLE = `<article id="story">
<h1>Merkel and Macron meet in Paris</h1>
<p>Angela Merkel met Emmanuel Macron in Paris on Monday, the European Commission said.</p>
<p>The ministry said inflation fell to 2.1% in May, its lowest level since 2021.</p>
</article>`;

// The page's script: what an embedder writes, importing the one file alone.
const SCRIPT = `import * as nm from '${MOUNT}newsmark.min.js';

const story = document.getElementById('story');
const before = story.textContent;
const result = await nm.annotateElement(story);
const afterEntities = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
const withClaims = await nm.claimsShown(story);
// A long text: its attributions are found in the helper worker (newsmark-helper.js).
const paragraph = 'The ministry said inflation fell to 2.1% in May, its lowest level since 2021. ';
const long = paragraph.repeat(Math.ceil(nm.PARALLEL_CHARS / paragraph.length) + 1);
await nm.annotateAsync(long); // starts the helper
for (let i = 0; i < 200 && !nm.helperReady(); i++) await new Promise((r) => setTimeout(r, 25));
const calls = nm.helperCalls();
const asyncResult = await nm.annotateAsync(long);
const syncResult = nm.annotate(long);
const box = document.createElement('newsmark-annotator');
document.body.append(box);
await box.ready;
box.value = 'Ilham Aliyev spoke in Baku on Monday.';
const boxResult = await box.annotate();
document.documentElement.dataset.result = JSON.stringify({
  entities: result.entities.map((e) => [e.text, e.label]),
  textSame: story.textContent === before,
  afterEntities,
  attributions: withClaims && withClaims.attributions.map((a) => [a.source && a.source.text, a.cue.text]),
  claims: withClaims && withClaims.claims.length,
  helperUsed: nm.helperCalls() > calls,
  asyncAttributions: asyncResult.attributions.length,
  sameAsSync: JSON.stringify(asyncResult.attributions) === JSON.stringify(syncResult.attributions),
  sentences: Math.ceil(nm.PARALLEL_CHARS / paragraph.length) + 1,
  boxEntities: boxResult.entities.map((e) => [e.text, e.label]),
  marks: story.querySelectorAll('nm-mark').length,
});
`;

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>One file</title>
<link rel="icon" href="favicon.svg">
<script type="module" src="one.js"></script>
</head><body>${ARTICLE}</body></html>`;

let env;
let dir;
before(async () => {
  dir = makeSite({ 'news/index.html': page, 'news/one.js': SCRIPT, 'news/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>' }, MOUNT.slice(1, -1));
  env = await setup((path) => (path.endsWith('.html') ? { 'content-security-policy': STRICT_CSP } : {}), dir);
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the one-file build is in the module folder and the npm package, with its types', () => {
  assert.ok(existsSync(join(MODULE_DIR, 'newsmark.min.js')), 'run ./build.sh build first');
  const meta = JSON.parse(readFileSync(join(MODULE_DIR, 'package.json'), 'utf8'));
  assert.ok(meta.files.includes('newsmark.min.js') && meta.files.includes('newsmark.min.d.ts'));
  assert.deepEqual(meta.exports['./min'], { types: './newsmark.min.d.ts', default: './newsmark.min.js' });
  const src = readFileSync(join(MODULE_DIR, 'newsmark.min.js'), 'utf8');
  // The bindings are inside; the second module's bindings are fetched by their own URL.
  assert.ok(!/from\s*["']/.test(src), 'no static import left in the one file');
  assert.match(src, /import\("\.\/pkg\/newsmark_attribution\.js"\)/);
  // Every URL it resolves against itself names a file of the folder (the bindings' own
  // fallback URL rewritten from pkg/ to the folder's root).
  const urls = [...src.matchAll(/new URL\("([^"]+)",import\.meta\.url\)/g)].map((m) => m[1]);
  assert.ok(urls.includes('./pkg/newsmark_bg.wasm') && urls.includes('./newsmark-helper.js'), urls.join(' '));
  for (const u of urls) assert.ok(existsSync(join(MODULE_DIR, u)), `${u} is not in the folder`);
});

test('a page that imports the one file alone gets entities, claims, attributions, the helper and the element', async () => {
  const p = await openPage(env.browser, `${env.url}news/index.html`);
  await p.page.waitForSelector('html[data-result]', { timeout: 60000 });
  const out = JSON.parse(await p.page.evaluate(() => document.documentElement.dataset.result));
  const has = (list, text, label) => list.some(([t, l]) => t === text && l === label);
  for (const [t, l] of [['Angela Merkel', 'PER'], ['Emmanuel Macron', 'PER'], ['Paris', 'LOC'], ['European Commission', 'ORG']]) {
    assert.ok(has(out.entities, t, l), `${t} ${l}: ${JSON.stringify(out.entities)}`);
  }
  assert.ok(out.textSame, 'the article text is unchanged');
  assert.ok(out.marks >= 4, `${out.marks} marks`);
  // Before the claims: the one script and the first wasm, none of the separate modules.
  const js = out.afterEntities.filter((x) => x.startsWith(MOUNT) && x.endsWith('.js')).map((x) => x.slice(MOUNT.length));
  assert.deepEqual(js, ['newsmark.min.js']);
  assert.ok(out.afterEntities.includes(`${MOUNT}pkg/newsmark_bg.wasm`));
  // The claims pack and the second module: "the European Commission said" and "The ministry said".
  assert.ok(out.attributions.some(([s, c]) => s === 'the European Commission' && c === 'said'), JSON.stringify(out.attributions));
  assert.ok(out.attributions.some(([s, c]) => s === 'The ministry' && c === 'said'), JSON.stringify(out.attributions));
  assert.ok(out.claims >= 1);
  // A long text went through the helper worker, with the attributions annotate() finds.
  assert.ok(out.helperUsed, 'the helper worker answered');
  assert.ok(out.sameAsSync, 'annotateAsync() and annotate() agree');
  assert.ok(out.asyncAttributions > out.sentences / 2, `${out.asyncAttributions} attributions in ${out.sentences} sentences`);
  // The element from the same file.
  assert.ok(has(out.boxEntities, 'Ilham Aliyev', 'PER') && has(out.boxEntities, 'Baku', 'LOC'), JSON.stringify(out.boxEntities));
  // Every request: this origin, the page's own files and the folder's; none of the separate modules.
  const paths = p.requests.map((u) => new URL(u)).map((u) => {
    assert.equal(u.origin, new URL(env.url).origin);
    return u.pathname;
  });
  const fromFolder = [...new Set(paths.filter((x) => x.startsWith(MOUNT)).map((x) => x.slice(MOUNT.length)))].sort();
  assert.deepEqual(fromFolder, ['newsmark-helper.js', 'newsmark.min.js', 'pkg/newsmark-claims.bin', 'pkg/newsmark_attribution.js', 'pkg/newsmark_attribution_bg.wasm', 'pkg/newsmark_bg.wasm']);
  assert.deepEqual(p.errors, []);
  assert.deepEqual(await p.violations(), []);
  await p.page.close();
});
