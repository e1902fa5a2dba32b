// The app page's start-up list (www/index.html): it preloads the wasm and
// exactly the modules app/app.js imports, directly or not, so that a module added
// or dropped is not forgotten there (a missing one would be fetched late, an
// extra one for nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const WWW = new URL('../../www/', import.meta.url);
const read = (path) => readFileSync(new URL(path, WWW), 'utf8');

/** Every module reachable from `entry` by static imports, as paths relative to www/. */
function graph(entry) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const m of read(path).matchAll(/^\s*import\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      visit(posix.normalize(posix.join(posix.dirname(path), m[1])));
    }
  };
  visit(entry);
  seen.delete(entry);
  return seen;
}

test('index.html preloads the wasm and exactly the modules app.js imports', () => {
  const html = read('index.html');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  const imported = graph('app/app.js');
  assert.ok(imported.size >= 10, [...imported].join(' '));
  assert.deepEqual([...preloaded].sort(), [...imported].sort());
  assert.match(html, /<link rel="preload" href="newsmark\/pkg\/newsmark_bg\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
  // The wasm URL newsmark.js fetches is the one preloaded.
  assert.match(read('newsmark/newsmark.js'), /new URL\('\.\/pkg\/newsmark_bg\.wasm', import\.meta\.url\)/);
});
