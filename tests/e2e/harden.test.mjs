// End to end: the correction page under hostile, huge and failing conditions
// (issue 7). Hostile inputs pasted into the page and imported in every import
// format, as a label name, an article title and a file name; a 5 MB paste
// annotated in a worker with progress and Cancel while the page answers
// throughout (how long its longest task is, is measured by the bench:
// scripts/bench-ui.mjs, not asserted here); the size limit; a tab
// killed right after an edit; storage that is full or missing; and no request
// after load throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup } from './helpers.mjs';
import { annotateText, highlights, clickHighlight, waitSaved, downloadFrom, exportedJson, LISBON_ARTICLE } from './app-helpers.mjs';
import { longArticle } from '../../scripts/long-article.mjs';
import { newSession, wasm } from './node-wasm.mjs';

const annotator = newSession();
const INPUTS = JSON.parse(readFileSync(new URL('../hostile/inputs.json', import.meta.url), 'utf8')).map((x) => x.text);

const ARTICLE = LISBON_ARTICLE;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/**
 * A page of the app in `context`, ready; records dialogs, page errors and
 * every request made after the model is loaded.
 */
async function open(context) {
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  const requests = [];
  let loaded = false;
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (loaded) requests.push(r.url()); });
  await page.goto(env.url + 'index.html');
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  // The annotation worker is started while the page loads: let its files arrive too.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/worker.js')), null, { timeout: 10000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  loaded = true;
  return { page, dialogs, errors, requests };
}

/** Requests other than the page's own Blob URLs (downloads). */
const network = (requests) => requests.filter((u) => !u.startsWith('blob:'));

/** The article as shown: the text of #output (label badges are CSS generated content, not text). */
function shownText(page) {
  return page.evaluate(() => document.getElementById('output').textContent);
}

/** Elements that only markup parsed from the text could have made, anywhere in the page. */
const INJECTED = 'script:not([src]), body img, body svg:not([aria-hidden]), iframe, math, object, embed, body style, form, x, details, marquee, video, audio, base, meta[http-equiv="refresh"]';

/** Clicks Annotate and waits for the status to report the result. */
async function annotateAndWait(page) {
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.click('#annotate');
  await page.waitForFunction(() => /^(Found|Could not|Paste)/.test(document.getElementById('status').textContent), null, { timeout: 10000 });
  return page.textContent('#status');
}

/** Sets the file input to one file and waits for the files status to change. */
async function importFile(page, name, content) {
  await page.evaluate(() => { document.getElementById('files-status').textContent = ''; });
  await page.setInputFiles('#import-file', { name, mimeType: 'text/plain', buffer: Buffer.from(content) });
  await page.waitForFunction(() => document.getElementById('files-status').textContent !== '', null, { timeout: 10000 });
  return page.evaluate(() => {
    const el = document.getElementById('files-status');
    return { text: el.textContent, error: el.classList.contains('error'), children: el.children.length };
  });
}

test('hostile inputs: pasted, imported in every import format, as a label, a title and a file name; nothing runs, text stays exact', async () => {
  const context = await env.browser.newContext();
  const { page, dialogs, errors, requests } = await open(context);
  const importable = ['json', 'prodigy', 'brat', 'webanno'];
  let pasted = 0;
  let imports = 0;
  for (const [i, input] of INPUTS.entries()) {
    const what = `input ${i}: ${JSON.stringify(input).slice(0, 60)}`;
    await page.fill('#text', input);
    // What the user pasted, as the text box holds it (a textarea turns CRLF into LF).
    const text = await page.inputValue('#text');
    const status = await annotateAndWait(page);
    if (!text.trim()) {
      assert.match(status, /^Paste or type some text first/, what);
      continue;
    }
    assert.match(status, /^Found/, what);
    pasted++;
    assert.equal(await shownText(page), text, `shown text differs for ${what}`);
    assert.equal(await page.locator(INJECTED).count(), 0, `markup injected for ${what}`);

    // Import files made for this text by the core's own exporters: the
    // article's title and the file's name are the hostile string too.
    const doc = { ...annotator.annotateDocument(text), extra: { title: input } };
    const base = input.replace(/[/\\\0]/g, '_').slice(0, 120);
    for (const format of importable) {
      const ext = { json: 'newsmark.json', prodigy: 'jsonl', brat: 'ann', webanno: 'jsonld' }[format];
      await page.selectOption('#import-format', format);
      const r = await importFile(page, `${base}.${ext}`, wasm.exportDocument(doc, format));
      imports++;
      assert.equal(r.children, 0, `status holds elements after importing ${format} for ${what}`);
      assert.ok(r.text.includes(`${base}.${ext}`), `file name not shown as text: ${r.text.slice(0, 100)} (${what})`);
      assert.equal(await shownText(page), text, `text changed by the ${format} import of ${what}`);
    }
    // A brat file whose label is the hostile string: refused, the reason shown as text, the work kept.
    const before = await highlights(page);
    const label = text.replace(/\s+/g, '_').slice(0, 80) || 'x';
    const cp = [...text];
    const r = await importFile(page, `${base}.ann`, `T1\t${label} 0 1\t${cp[0]}\n`);
    imports++;
    assert.ok(r.error, `a hostile label was not refused (${what})`);
    assert.match(r.text, /Your current work is unchanged/);
    assert.equal(r.children, 0);
    assert.deepEqual(await highlights(page), before, `the work changed after a refused import (${what})`);
    assert.equal(await page.locator(INJECTED).count(), 0, `markup injected by an import of ${what}`);
  }
  await page.selectOption('#import-format', 'auto');
  // The saved articles list shows the hostile titles as text.
  assert.equal(await page.locator('#articles li *').evaluateAll((els) => els.filter((e) => /^(SCRIPT|IMG|SVG|IFRAME|MATH|OBJECT|EMBED|STYLE|FORM)$/i.test(e.tagName)).length), 0);

  console.log(`# hostile inputs: ${INPUTS.length}; pasted and annotated: ${pasted}; imports: ${imports}`);
  assert.ok(pasted >= 100, `only ${pasted} inputs were pasted`);
  assert.ok(imports >= 500, `only ${imports} imports`);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(network(requests), [], 'requests after load');
  await context.close();
});

test('a 5 MB paste: annotated in a worker with a progress bar, the page answering throughout, and Cancel', async () => {
  const context = await env.browser.newContext();
  const { page, errors, requests } = await open(context);
  assert.equal(page.workers().length, 1, 'the annotation worker starts with the page');

  // A small article first: a Cancel later must leave it as it is.
  await annotateText(page, ARTICLE);
  const small = await highlights(page);

  let text = longArticle(900000, 11);
  text = text.slice(0, text.lastIndexOf('\n\n', 5 * 1024 * 1024));
  assert.ok(text.length > 5_000_000);
  await page.evaluate((t) => {
    const box = document.getElementById('text');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForTimeout(1500); // the draft autosave of the paste, before measuring

  // Every task on the main thread over 50 ms, from here to the end of the run.
  await page.evaluate(() => {
    const long = [];
    Object.defineProperty(document, 'newsmarkTestLongTasks', { value: long });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask' });
  });

  // Start, watch the progress bar move, then Cancel.
  await page.click('#annotate');
  await page.waitForFunction(() => !document.getElementById('run').hidden && document.getElementById('run-bar').value > 0, null, { timeout: 20000 });
  assert.match(await page.textContent('#run-text'), /Annotating: \d+% of 5\.\d million characters/);
  assert.equal(await page.isVisible('#cancel'), true);
  await page.click('#cancel');
  await page.waitForFunction(() => /^Cancelled/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
  assert.equal(await page.isHidden('#run'), true);
  assert.deepEqual(await highlights(page), small, 'Cancel changed the open article');
  assert.equal(await shownText(page), ARTICLE);

  // Again, to the end: the progress bar goes up, and the article is shown.
  // Until the long tasks are read, the test only looks with getElementById:
  // Playwright's selector engine walks the whole DOM (for shadow roots), which
  // on this article is itself a task of 100-300 ms on the page's thread.
  const seen = new Set();
  await page.click('#annotate');
  const t0 = Date.now();
  let status = '';
  while (Date.now() - t0 < 180000) {
    const s = await page.evaluate(() => ({ hidden: document.getElementById('run').hidden, value: document.getElementById('run-bar').value, status: document.getElementById('status').textContent }));
    if (!s.hidden) seen.add(s.value);
    status = s.status;
    if (/^Found/.test(status)) break;
    await page.waitForTimeout(100);
  }
  const m = /^Found ([\d,]+) entities and ([\d,]+) check-worthy claims/.exec(status);
  assert.ok(m, status);
  const found = Number(m[1].replace(/,/g, ''));
  assert.ok(found > 100000, status);
  assert.ok(seen.size >= 3, `the progress bar showed ${[...seen].join(', ')}`);
  await waitSaved(page); // the save packs the article in slices: measured too
  await page.waitForTimeout(500);
  const long = await page.evaluate(() => document.newsmarkTestLongTasks.slice());
  const worst = Math.max(0, ...long.map((t) => t.duration));

  // The article shown is the whole text, and its highlights are where the text says.
  assert.equal(await page.locator('#output mark[data-head]').count(), found);
  const w = await page.evaluate(() => {
    const marks = [...document.querySelectorAll('#output mark[data-head]')];
    return marks.filter((_, i) => i % 997 === 0).map((el) => {
      let t = '';
      const start = el.dataset.start;
      for (const piece of document.querySelectorAll(`#output mark.ent[data-start="${start}"]`)) t += piece.firstChild.textContent;
      return { start: +start, end: +el.dataset.end, text: t };
    });
  });
  for (const h of w) assert.equal(h.text, text.slice(h.start, h.end));
  assert.equal((await shownText(page)).length, text.length);

  // Logged, not asserted: a wall-clock bound fails on a busy machine. What is
  // asserted is the order: the page answered the polls above while the run
  // went on (the progress bar was read at three values or more).
  console.log(`# 5 MB paste: ${text.length} characters, ${found} entities; main-thread tasks over 50 ms: ${long.length}, longest ${worst} ms`);

  // An edit on the long article still works: relabel its first highlight.
  await clickHighlight(page, w[0].text);
  await page.keyboard.press('4'); // MISC
  await page.waitForFunction((s) => document.querySelector(`#output mark[data-head][data-start="${s}"]`).dataset.label === 'MISC', w[0].start, { timeout: 5000 });

  assert.deepEqual(errors, []);
  assert.deepEqual(network(requests), [], 'requests after load (the worker included)');
  await context.close();
});

test('over the size limit: a clear message, and nothing changed', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await open(context);
  await annotateText(page, ARTICLE);
  const before = await highlights(page);
  await page.evaluate(() => {
    const box = document.getElementById('text');
    box.value = 'word '.repeat(4.3e6); // 21.5 million characters
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('#annotate');
  const status = await page.textContent('#status');
  assert.match(status, /too long to annotate in the page: 21\.5 million characters, and the limit is 20\.0 million characters/);
  assert.match(status, /Nothing was changed/);
  assert.equal(await page.getAttribute('#status', 'role'), 'alert');
  assert.deepEqual(await highlights(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tab killed right after an edit: reopened, the edit is there', async () => {
  const context = await env.browser.newContext();
  const { page } = await open(context);
  await annotateText(page, ARTICLE);
  await waitSaved(page);
  const before = await highlights(page);
  const cdp = await context.newCDPSession(page);
  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4'); // MISC
  await clickHighlight(page, 'Lisbon', 0);
  await page.keyboard.press('Delete');
  // Kill the renderer at once (the autosave waits 250 ms for more edits): no pagehide, no pending save runs.
  const crashed = new Promise((ok) => page.once('crash', ok));
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const lisbon = before.findIndex((h) => h.text === 'Lisbon');
  const edited = before.filter((_, i) => i !== lisbon).map((h) => (h.text === 'Sines' ? { ...h, label: 'MISC', status: 'accepted', origin: 'user', score: 1 } : h));

  const again = await open(context);
  await again.page.waitForFunction(() => document.querySelector('#output mark[data-head]') !== null, null, { timeout: 10000 });
  assert.deepEqual(await highlights(again.page), edited);
  const sines = (await highlights(again.page)).find((h) => h.text === 'Sines');
  assert.equal(sines.label, 'MISC');
  // The two edits are in the history too.
  assert.equal(await again.page.locator('#history li').count(), 2);
  await context.close();
});

test('storage full: a warning, the work stays in the page and downloads with the edits', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await open(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(env.url).origin, quotaSize: 1 });
  await annotateText(page, ARTICLE);
  await page.waitForSelector('#storage-warning:not([hidden])', { timeout: 10000 });
  const warning = await page.textContent('#storage-warning');
  assert.match(warning, /Your work is not being saved in this browser \(the browser’s storage for this site is full\)/);
  assert.match(await page.textContent('#saved'), /^Not saved/);
  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4');
  const json = await exportedJson(page);
  assert.equal(json.text, ARTICLE);
  assert.equal(json.entities.find((e) => e.text === 'Sines').label, 'MISC');
  // Room again: the next save works and the warning goes.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(env.url).origin });
  await clickHighlight(page, 'Lisbon', 0);
  await page.keyboard.press('Delete');
  await waitSaved(page);
  assert.equal(await page.isHidden('#storage-warning'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage unavailable (no IndexedDB, as in some private modes): the page works and says so', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(globalThis, 'indexedDB', { get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); }, configurable: true });
  });
  const { page, errors } = await open(context);
  await annotateText(page, ARTICLE);
  await page.waitForSelector('#storage-warning:not([hidden])', { timeout: 10000 });
  assert.match(await page.textContent('#storage-warning'), /not being saved in this browser/);
  assert.ok((await highlights(page)).length >= 5);
  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4');
  const { content } = await downloadFrom(page, '#exports button[data-format="json"]');
  assert.equal(JSON.parse(content).entities.find((e) => e.text === 'Sines').label, 'MISC');
  assert.deepEqual(errors, []);
  await context.close();
});
