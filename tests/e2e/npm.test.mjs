// End to end: the embeddable module as an npm package (README, "Embedding",
// "With npm and a bundler"). The tarball `./build.sh build` packs
// (target/npm/newsmark-VERSION.tgz) is installed offline into a fresh sample
// site in a temporary directory, an entry script that imports `newsmark` and
// `newsmark/annotator` is bundled by esbuild with the options the README gives,
// and the bundle, served under the strict CSP, annotates an article in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, openPage, STRICT_CSP, MODULE_DIR } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(MODULE_DIR, 'package.json'), 'utf8'));
const ESBUILD = join(ROOT, 'node_modules/.bin/esbuild');

// Written for this test (not from any corpus).
const ARTICLE = `<article id="story">
<h1>Merkel and Macron meet in Paris</h1>
<p>Angela Merkel met Emmanuel Macron in Paris on Monday, the <a href="#eu">European Commission</a> said.</p>
<p>Siemens shares rose 3% in Frankfurt.</p>
</article>`;

const ENTRY = `import { annotateElement, claimsShown, labels, version } from 'newsmark';
import 'newsmark/annotator';

const story = document.getElementById('story');
const before = story.textContent;
const result = await annotateElement(story, { editable: true });
const withClaims = await claimsShown(story);
const box = document.createElement('newsmark-annotator');
document.body.append(box);
await box.ready;
box.value = 'Ilham Aliyev spoke in Baku on Monday.';
const boxResult = await box.annotate();
document.documentElement.dataset.result = JSON.stringify({
  entities: result.entities.map((e) => [e.text, e.label]),
  boxEntities: boxResult.entities.map((e) => [e.text, e.label]),
  labels: labels().length,
  version: version(),
  textSame: story.textContent === before,
  claims: withClaims && withClaims.claims.map((c) => c.text),
  attributions: withClaims && withClaims.attributions.length,
});
`;

/** The tarball `./build.sh build` made, or (if it is missing) one packed here. */
function tarball(tmp) {
  const built = join(ROOT, 'target/npm', `${PACKAGE.name}-${PACKAGE.version}.tgz`);
  if (existsSync(built)) return built;
  execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: MODULE_DIR });
  return join(tmp, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
}

let env;
let dir;
let site;
/** What esbuild wrote into dist/. */
let bundled;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsmark-npm-'));
  site = join(dir, 'site');
  mkdirSync(join(site, 'src'), { recursive: true });
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'sample-newsroom-site', private: true, type: 'module' }));
  writeFileSync(join(site, 'src/main.js'), ENTRY);
  // No dependencies: installing the tarball needs no registry (--offline fails if it would).
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball(dir)], { cwd: site, stdio: 'pipe' });
  // The esbuild command of the README: the bundle, and the wasm copied to pkg/ beside it.
  execFileSync(ESBUILD, ['app=src/main.js', 'pkg/newsmark_bg=node_modules/newsmark/pkg/newsmark_bg.wasm',
    'pkg/newsmark-claims=node_modules/newsmark/pkg/newsmark-claims.bin',
    'pkg/newsmark_attribution_bg=node_modules/newsmark/pkg/newsmark_attribution_bg.wasm',
    '--bundle', '--format=esm', '--outdir=dist', '--loader:.wasm=copy', '--loader:.bin=copy', '--log-level=warning'], { cwd: site, stdio: 'pipe' });
  bundled = readdirSync(join(site, 'dist'), { recursive: true }).sort();
  writeFileSync(join(site, 'dist/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
  writeFileSync(join(site, 'dist/index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bundled</title><link rel="icon" href="favicon.svg">
<script type="module" src="app.js"></script></head><body>${ARTICLE}</body></html>`);
  env = await setup((path) => (path.endsWith('.html') ? { 'content-security-policy': STRICT_CSP } : {}), join(site, 'dist'));
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the npm package installs offline with its files, types and exports', () => {
  const installed = join(site, 'node_modules/newsmark');
  const meta = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(meta.type, 'module');
  assert.equal(meta.version, PACKAGE.version);
  // Every file the exports and types name is there.
  const named = [meta.types, ...Object.values(meta.exports).flatMap((x) => (typeof x === 'string' ? [x] : Object.values(x)))];
  for (const f of named) assert.ok(existsSync(join(installed, f)), `${f} is in the package`);
  assert.ok(existsSync(join(installed, 'pkg/newsmark_bg.wasm')));
  // The package version is the crate's.
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  assert.equal(meta.version, cargo);
  // The bundle is one script plus the two wasm modules and the claims pack: nothing else to serve.
  assert.deepEqual(bundled, ['app.js', 'pkg', 'pkg/newsmark-claims.bin', 'pkg/newsmark_attribution_bg.wasm', 'pkg/newsmark_bg.wasm']);
});

test('a page bundled by esbuild from the npm package annotates an article in Chromium', async () => {
  const p = await openPage(env.browser, env.url + 'index.html');
  await p.page.waitForSelector('html[data-result]', { timeout: 30000 });
  const out = JSON.parse(await p.page.$eval('html', (h) => h.dataset.result));
  const has = (list, text, label) => list.some(([t, l]) => t === text && l === label);
  assert.ok(has(out.entities, 'Angela Merkel', 'PER'), JSON.stringify(out.entities));
  assert.ok(has(out.entities, 'Emmanuel Macron', 'PER'), JSON.stringify(out.entities));
  assert.ok(has(out.entities, 'Paris', 'LOC'), JSON.stringify(out.entities));
  assert.ok(has(out.boxEntities, 'Baku', 'LOC'), JSON.stringify(out.boxEntities));
  assert.equal(out.labels, 9);
  assert.equal(out.version, PACKAGE.version);
  assert.ok(out.textSame, 'el.textContent does not change');
  // The highlights are in the page, with their labels.
  const marks = await p.page.$$eval('#story nm-mark', (ms) => ms.map((m) => [m.textContent, m.dataset.nmLabel]));
  assert.ok(marks.some(([t, l]) => t === 'Paris' && l === 'LOC'), JSON.stringify(marks));
  // The claims came second, from the claims pack.
  assert.ok(Array.isArray(out.claims) && out.attributions >= 1, JSON.stringify(out));
  // Only the bundle, its two wasm modules and the claims pack were requested; no errors, no CSP violations.
  const paths = [...new Set(p.requests.map((u) => new URL(u).pathname))].sort();
  assert.deepEqual(paths.filter((x) => x !== '/favicon.svg'),
    ['/app.js', '/index.html', '/pkg/newsmark-claims.bin', '/pkg/newsmark_attribution_bg.wasm', '/pkg/newsmark_bg.wasm']);
  assert.deepEqual(p.errors, []);
  assert.deepEqual(await p.violations(), []);
  await p.page.close();
});
