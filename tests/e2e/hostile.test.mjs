// Hostile inputs (tests/hostile/inputs.json) in the browser: annotated in
// place in a host page, and in the HTML file Newsmark exports, opened in
// Chromium. Nothing runs (no dialog, window.__pwned never set) and the text
// comes out exactly as it went in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, makeSite } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

const INPUTS = JSON.parse(readFileSync(new URL('../hostile/inputs.json', import.meta.url), 'utf8')).map((x) => x.text);

let env;
let site;
before(async () => {
  site = makeSite({ 'host.html': '<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body><main id="host"></main></body></html>' });
  env = await setup(undefined, site);
});
after(async () => { await env?.close(); });

test('embedded: hostile article text is annotated in place and stays text', async () => {
  const page = await env.browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(env.url + 'host.html');
  const results = await page.evaluate(async (inputs) => {
    const m = await import('/static/newsmark/newsmark.js');
    await m.load();
    const host = document.getElementById('host');
    const out = [];
    for (const text of inputs) {
      const el = document.createElement('article');
      const p = document.createElement('p');
      p.textContent = text; // the CMS renders it as text
      el.append(p);
      host.replaceChildren(el);
      const before = el.outerHTML;
      await m.annotateElement(el);
      const same = el.textContent === text;
      const injected = el.querySelectorAll('script, img, svg, iframe, math, a, object, embed, style, x, form').length;
      m.clear(el);
      out.push({ same, injected, restored: el.outerHTML === before });
    }
    return { out, pwned: window.__pwned ?? null };
  }, INPUTS);
  assert.equal(results.pwned, null);
  assert.deepEqual(dialogs, []);
  results.out.forEach((r, i) => {
    assert.ok(r.same, `text changed for input ${i}: ${JSON.stringify(INPUTS[i]).slice(0, 80)}`);
    assert.equal(r.injected, 0, `markup injected for input ${i}`);
    assert.ok(r.restored, `clear() did not restore input ${i}`);
  });
  await page.close();
});

test('downloaded HTML: hostile text opens as text, with no script run', async () => {
  // Export each input as HTML through the page's own wasm exporter.
  const page = await env.browser.newPage();
  await page.goto(env.url + 'host.html');
  const files = await page.evaluate(async (inputs) => {
    const m = await import('/static/newsmark/newsmark.js');
    await m.load();
    await m.loadClaims();
    const w = await import('/static/newsmark/pkg/newsmark.js');
    const session = new w.Session();
    return inputs.map((text) => w.exportDocument(session.annotateDocument(text, m.findAttributions(text)), 'html'));
  }, INPUTS);
  await page.close();
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-exports-'));
  files.forEach((html, i) => writeFileSync(join(dir, `${i}.html`), html));
  const { server, url } = await startServer(dir, 0);
  try {
    const viewer = await env.browser.newPage();
    const dialogs = [];
    const violations = [];
    viewer.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    viewer.on('console', (msg) => { if (/Content Security Policy/.test(msg.text())) violations.push(msg.text()); });
    for (let i = 0; i < INPUTS.length; i++) {
      await viewer.goto(`${url}${i}.html`);
      const shown = await viewer.evaluate(() => {
        const a = document.querySelector('.annotated');
        return {
          text: a.textContent,
          scripts: document.scripts.length,
          foreign: document.querySelectorAll('article img, article svg, article iframe, article a, article object, article embed, article form').length,
          pwned: window.__pwned ?? null,
        };
      });
      // HTML cannot carry control characters as text: the export shows them
      // by their Unicode control pictures (NUL as U+2400). A parser reads CR LF
      // (and a lone CR) as one line feed.
      const expected = INPUTS[i].replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)));
      assert.equal(shown.text, expected, `export ${i} does not show its text exactly`);
      assert.equal(shown.scripts, 0);
      assert.equal(shown.foreign, 0);
      assert.equal(shown.pwned, null);
    }
    assert.deepEqual(dialogs, []);
    await viewer.close();
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});
