// End to end: never lose work (issue 5, point 5). The article, its
// annotations, edits and history autosave to IndexedDB with a visible "saved"
// indicator and survive a reload; several articles are listed and reopened;
// and nothing is sent anywhere (every request after load is recorded).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, highlights, clickHighlight, waitSaved, downloadFrom, LISBON_ARTICLE } from './app-helpers.mjs';

const ARTICLE = LISBON_ARTICLE;
const OTHER = 'Officials in Porto said the Douro bridge would reopen on Friday after repairs by Norte Engenharia.';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const historyItems = (page) => page.$$eval('#history li', (lis) => lis.map((li) => li.firstChild.textContent));

test('work autosaves with a visible indicator and survives a reload, history included', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  assert.equal(await page.textContent('#saved'), 'Nothing to save yet');
  await annotateText(page, ARTICLE);
  await waitSaved(page);
  assert.equal(await page.textContent('#saved'), 'Saved');

  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4'); // MISC
  // The indicator says so while a save is pending, then "Saved".
  assert.match(await page.textContent('#saved'), /Saving…|Saved/);
  await clickHighlight(page, 'Lisbon');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  await clickHighlight(page, 'Tomas Ferreira');
  await page.keyboard.press('a');
  await waitSaved(page);
  const edited = await highlights(page);
  const history = await historyItems(page);
  assert.equal(history.length, 3);

  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForSelector('#output mark');
  assert.equal(await page.inputValue('#text'), ARTICLE);
  assert.deepEqual(await highlights(page), edited);
  assert.deepEqual(await historyItems(page), history);
  assert.match(await page.textContent('#status'), /Reopened/);
  assert.equal(await page.textContent('#saved'), 'Saved');
  // Undo still works after the reload: the acceptance, then the deletion.
  await page.focus('#output');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  const hs = await highlights(page);
  assert.equal(hs.find((h) => h.text === 'Tomas Ferreira').status, 'suggested');
  assert.ok(hs.find((h) => h.text === 'Lisbon'));
  // …and the redo list is saved too.
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('#output mark');
  assert.equal(await page.$eval('#redo', (b) => b.disabled), false);
  await page.click('#redo');
  assert.equal((await highlights(page)).find((h) => h.text === 'Lisbon'), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('several articles are saved, listed and reopened; a draft survives a reload', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4');
  await waitSaved(page);
  const first = await highlights(page);
  await annotateText(page, OTHER);
  await waitSaved(page);
  await page.waitForFunction(() => document.querySelectorAll('#articles li').length === 2);
  const list = await page.$$eval('#articles li', (lis) => lis.map((li) => ({
    title: li.querySelector('.article-link').textContent, current: li.querySelector('.article-link').getAttribute('aria-current'),
  })));
  assert.match(list[0].title, /^Officials in Porto/);
  assert.equal(list[0].current, 'true');
  assert.match(list[1].title, /^LISBON, Sept 9/);

  // Reopen the first: its text, edits and history come back.
  await page.click('#articles li:nth-child(2) .article-link');
  await page.waitForFunction(() => document.getElementById('text').value.startsWith('LISBON'));
  assert.deepEqual(await highlights(page), first);
  assert.match(await page.$eval('#history li', (li) => li.textContent), /Relabelled “Sines” [A-Z]+ → MISC/);
  // The list marks it as the open one (the list is most recently changed first).
  await page.waitForFunction(() => [...document.querySelectorAll('#articles .article-link')]
    .some((b) => b.textContent.startsWith('LISBON') && b.getAttribute('aria-current') === 'true'));

  // Delete the other one.
  const other = await page.$$eval('#articles li', (lis) => lis.findIndex((li) => li.textContent.startsWith('Officials')));
  await page.click(`#articles li:nth-child(${other + 1}) button.secondary`);
  await page.waitForFunction(() => document.querySelectorAll('#articles li').length === 1);

  // Clear, type a draft, reload: the draft is still there (and the article is still listed).
  await page.click('#clear');
  assert.equal(await page.$$eval('#output mark', (m) => m.length), 0);
  await page.fill('#text', 'A draft about Coimbra, not yet annotated.');
  await page.waitForTimeout(700);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.equal(await page.inputValue('#text'), 'A draft about Coimbra, not yet annotated.');
  await page.waitForFunction(() => document.querySelectorAll('#articles li').length === 1);
  await page.close();
});

test('text pasted and annotated while the saved work is still being read is kept, and the saved article stays listed', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await waitSaved(page);
  await page.fill('#text', 'An old draft about Faro.');
  await page.waitForTimeout(700);
  // On the next load, the saved work (IndexedDB) answers late, as on a busy
  // machine: Annotate is enabled before it has been read.
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      const r = open.apply(this, args);
      let handler = null;
      r.addEventListener('success', () => setTimeout(() => handler?.call(r), 1500));
      Object.defineProperty(r, 'onsuccess', { get: () => handler, set: (h) => { handler = h; }, configurable: true });
      return r;
    };
  });
  await page.reload();
  await page.waitForSelector('#annotate:not([disabled])', { timeout: 20000 });
  await annotateText(page, OTHER);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  // The saved work has been read by now: it did not replace what was typed and annotated.
  assert.equal(await page.inputValue('#text'), OTHER);
  assert.ok((await highlights(page)).some((e) => e.text === 'Norte Engenharia'), 'the new article is shown');
  assert.ok(!(await highlights(page)).some((e) => e.text === 'Sines'), 'the saved article was not opened over it');
  await page.waitForFunction(() => [...document.querySelectorAll('#articles .article-link')].some((b) => b.textContent.startsWith('LISBON')));
  await page.close();
});

test('nothing is sent anywhere: every request after load is recorded', async () => {
  const { page } = await openApp(env.browser, env.url);
  const after = [];
  page.on('request', (r) => after.push({ url: r.url(), method: r.method() }));
  const beacons = await page.evaluate(() => typeof navigator.sendBeacon);
  assert.equal(beacons, 'function');

  // Annotate, edit, learn, save, export (every format), import, re-annotate.
  await annotateText(page, ARTICLE);
  await clickHighlight(page, 'Sines');
  await page.keyboard.press('4');
  await page.keyboard.press('y');
  await page.click('#example');
  await waitSaved(page);
  await page.waitForFunction(() => /in your lexicon/.test(document.getElementById('learned').textContent), null, { timeout: 5000 });
  const formats = await page.$$eval('#exports button', (bs) => bs.map((b) => b.dataset.format));
  assert.equal(formats.length, 8);
  const files = [];
  for (const f of formats) files.push(await downloadFrom(page, `#exports button[data-format="${f}"]`));
  await page.setInputFiles('#import-file', { name: 'a.ann', mimeType: 'text/plain', buffer: Buffer.from(files[formats.indexOf('brat')].content) });
  await page.waitForFunction(() => /Imported a\.ann/.test(document.getElementById('files-status').textContent));
  await downloadFrom(page, '#learned-export');
  await page.click('#annotate');
  await page.waitForTimeout(1500); // let any deferred work (learning, saving) run

  const origin = new URL(env.url).origin;
  // Downloads are Blob URLs made in the page (same origin); nothing else is requested.
  for (const f of files) assert.ok(f.url.startsWith(`blob:${origin}/`), f.url);
  const network = after.filter((r) => !r.url.startsWith('blob:'));
  assert.deepEqual(network, [], JSON.stringify(network));
  assert.ok(after.every((r) => r.method === 'GET'));

  // A reload fetches only the page's own files, from its own origin.
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.ok(after.length > 0);
  assert.deepEqual(after.filter((r) => new URL(r.url).origin !== origin && !r.url.startsWith(`blob:${origin}/`)), []);
  assert.ok(after.every((r) => r.method === 'GET'));
  await page.close();
});
