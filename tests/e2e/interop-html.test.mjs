// The annotated HTML download, checked by the software that reads it: the Nu
// Html Checker (npm vnu-jar, on Java) must find no error, axe-core no
// violation, and Chromium must show the article's text exactly: the labels
// are CSS generated content, not text, so selecting and copying a paragraph
// copies the article. The files are written by the CLI (`annotate --format
// html`), which shares the exporter with the page's download button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'target/release/newsmark');
const VNU = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const ARTICLES = JSON.parse(readFileSync(new URL('../interop/articles.json', import.meta.url), 'utf8'));

let dir;
let server;
let url;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsmark-html-'));
  const inputs = ARTICLES.map((a, i) => {
    const path = join(dir, `article-${i}.txt`);
    writeFileSync(path, a.text);
    return path;
  });
  const run = spawnSync(CLI, ['annotate', '--format', 'html', '--out-dir', dir, ...inputs], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  ({ server, url } = await startServer(dir, 0));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (server) await new Promise((ok) => server.close(ok));
});

const file = (i) => join(dir, `article-${i}.html`);

test('the Nu Html Checker finds no error in any download, and no warning but about the text itself', () => {
  const run = spawnSync('java', ['-jar', VNU, '--format', 'json', ...ARTICLES.map((_, i) => file(i))], { encoding: 'utf8' });
  assert.notEqual(run.error?.code, 'ENOENT', 'java is missing (./build.sh setup installs it)');
  const report = JSON.parse(run.stderr || run.stdout);
  // The one warning allowed is about the article's own text, which is kept
  // exactly: a decomposed "é" (e + U+0301) is not in Normalization Form C.
  const found = report.messages
    .filter((m) => !(m.type === 'info' && /Unicode Normalization Form C/.test(m.message) && m.url?.endsWith('article-1.html')))
    .map((m) => `${m.url?.split('/').pop()}: ${m.type}/${m.subType ?? ''} ${m.message}`);
  assert.deepEqual(found, [], found.join('\n'));
  assert.equal(run.status, 0);
});

test('carriage returns are written as characters, never as &#13;', () => {
  const html = readFileSync(file(1), 'utf8');
  assert.ok(!html.includes('&#13;') && !html.includes('&#xD;'));
  assert.ok(html.split('\r\n').length - 1 === 4, 'the CRLF of the article is in the file');
});

test('the text of each download is the article, and the labels are not text', async () => {
  const page = await browser.newPage();
  for (const [i, a] of ARTICLES.entries()) {
    await page.goto(`${url}article-${i}.html`);
    const shown = await page.evaluate(() => {
      const article = document.querySelector('.annotated');
      const marks = [...article.querySelectorAll('mark')];
      return {
        text: article.textContent,
        // What the browser copies when the reader selects the whole article.
        selected: (() => {
          const range = document.createRange();
          range.selectNodeContents(article);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return getSelection().toString();
        })(),
        marks: marks.length,
        children: marks.filter((m) => m.children.length > 0).length,
        badge: marks.length ? getComputedStyle(marks[0], '::after').content : null,
        label: marks.length ? marks[0].dataset.label : null,
        scripts: document.scripts.length,
      };
    });
    // An HTML parser reads CR LF (and a lone CR) as one line feed.
    const expected = a.text.replace(/\r\n?/g, '\n');
    assert.equal(shown.text, expected, `${a.name}: the article's text content`);
    assert.ok(shown.marks > 0, `${a.name}: no highlight`);
    assert.equal(shown.children, 0, `${a.name}: a highlight holds an element (a label as text?)`);
    assert.equal(shown.badge, `"${shown.label}"`, `${a.name}: the label is shown by CSS`);
    assert.equal(shown.selected.replace(/\s+/g, ' ').trim(), expected.replace(/\s+/g, ' ').trim(), `${a.name}: the copied text`);
    assert.equal(shown.scripts, 0);
  }
  await page.close();
});

test('axe-core finds no violation in any download', async () => {
  // The download's CSP forbids every script, so axe is injected with CSP bypassed.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const [i, a] of ARTICLES.entries()) {
    await page.goto(`${url}article-${i}.html`);
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.length} node(s): ${v.help}`);
    });
    assert.deepEqual(violations, [], `${a.name}: ${violations.join('; ')}`);
  }
  await context.close();
});
