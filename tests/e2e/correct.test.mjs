// End to end: the correction screen (issue 5), points 1–3. Every edit by
// keyboard (and by mouse where the point says so): select, relabel, accept,
// reject, delete, resize (token edges, or characters with Ctrl), add a span;
// undo/redo with a visible history; "all mentions" in one undoable step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, highlights, focused, clickHighlight, selectText, BRUSSELS_ARTICLE } from './app-helpers.mjs';

const ARTICLE = BRUSSELS_ARTICLE;

const HALVORSEN = 'Shares of Halvorsen rose after Halvorsen said profits doubled. Analysts at Halvorsen expect more.';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const find = (hs, text) => hs.find((h) => h.text === text);

test('keyboard: Tab between highlights, number keys relabel, A accepts, X rejects, Delete deletes', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const before = await highlights(page);
  assert.equal(find(before, 'Antwerp')?.label, 'LOC', JSON.stringify(before));

  // Tab into the article, then Tab / Shift+Tab between highlights.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'BRUSSELS');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'May 12');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Ursula Kessler');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).text, 'May 12');

  // A accepts the suggestion: status changes, shown as text (✓ is CSS content, the aria-label says so).
  assert.equal(find(await highlights(page), 'May 12').status, 'suggested');
  await page.keyboard.press('a');
  const may = find(await highlights(page), 'May 12');
  assert.equal(may.status, 'accepted');
  assert.equal(may.origin, 'rule');
  assert.match(await page.$eval('#output mark[data-start="10"]', (m) => m.getAttribute('aria-label')), /accepted/);
  assert.equal((await focused(page)).text, 'May 12', 'focus stays on the edited highlight');
  // A highlight's own label key accepts it too (1 = PER for "Ursula Kessler").
  await page.keyboard.press('Tab');
  await page.keyboard.press('1');
  const ursula = find(await highlights(page), 'Ursula Kessler');
  assert.deepEqual([ursula.label, ursula.status, ursula.origin], ['PER', 'accepted', 'model']);

  // Click selects a highlight; a number key relabels it (labels() order: 1 PER, 2 ORG, 3 LOC…).
  const labels = await page.$$eval('#legend li', (lis) => lis.map((li) => [li.querySelector('kbd').textContent, li.dataset.label]));
  assert.deepEqual(labels.slice(0, 4), [['1', 'PER'], ['2', 'ORG'], ['3', 'LOC'], ['4', 'MISC']]);
  await clickHighlight(page, 'Antwerp');
  assert.equal((await focused(page)).text, 'Antwerp');
  await page.keyboard.press('2');
  const antwerp = find(await highlights(page), 'Antwerp');
  assert.deepEqual([antwerp.label, antwerp.status, antwerp.origin], ['ORG', 'accepted', 'user']);
  assert.match(await page.$eval('#output mark[data-start="121"]', (m) => getComputedStyle(m, '::after').content), /^"✎ ORG ✓"/);
  assert.equal((await focused(page)).label, 'ORG');

  // X rejects "2027" (a suggestion), focus moves to the next highlight.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, '2027');
  await page.keyboard.press('x');
  assert.equal(find(await highlights(page), '2027'), undefined);
  assert.equal((await focused(page)).text, 'Kessler');

  // Delete and Backspace remove highlights.
  await clickHighlight(page, '2021');
  await page.keyboard.press('Delete');
  assert.equal(find(await highlights(page), '2021'), undefined);
  await clickHighlight(page, '40%');
  await page.keyboard.press('Backspace');
  assert.equal(find(await highlights(page), '40%'), undefined);
  assert.match(await page.textContent('#edit-status'), /Deleted “40%”/);

  // The text is intact whatever the edits.
  const shown = await page.$eval('#output', (o) => o.textContent);
  assert.equal(shown, ARTICLE);
  assert.deepEqual(errors, []);
  await page.close();
});

test('resize with Shift/Alt+arrows snaps to tokens, Ctrl moves by a character; new spans by keyboard and mouse', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  // Three words as one ORG highlight to shrink: the model finds the last
  // "Nordwind Energy" and "Ghent" apart, so delete "Ghent", widen the second
  // "Nordwind Energy" over "in Ghent" with Alt+→ and label it ORG (2).
  await clickHighlight(page, 'Ghent');
  await page.keyboard.press('Delete');
  await clickHighlight(page, 'Nordwind Energy', 1);
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  assert.equal((await focused(page)).text, 'Nordwind Energy in Ghent');
  await page.keyboard.press('2');
  await clickHighlight(page, 'Nordwind Energy in Ghent');
  // Alt+← moves the end a token left: "…in Ghent" → "…in" → "Nordwind Energy".
  await page.keyboard.press('Alt+ArrowLeft');
  assert.ok(find(await highlights(page), 'Nordwind Energy in'));
  await page.keyboard.press('Alt+ArrowLeft');
  let h = (await highlights(page)).find((x) => x.text === 'Nordwind Energy' && x.start > 300);
  assert.ok(h, JSON.stringify(await highlights(page)));
  assert.equal(h.label, 'ORG');
  assert.equal((await focused(page)).text, 'Nordwind Energy', 'focus follows the resized highlight');
  // Shift+→ moves the start right a token, Shift+← back.
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal((await focused(page)).text, 'Energy');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal((await focused(page)).text, 'Nordwind Energy');
  // With Ctrl: one character.
  await page.keyboard.press('Control+Alt+ArrowLeft');
  assert.equal((await focused(page)).text, 'Nordwind Energ');
  await page.keyboard.press('Control+Alt+ArrowRight');
  assert.equal((await focused(page)).text, 'Nordwind Energy');
  await page.keyboard.press('Control+Shift+ArrowRight');
  assert.equal((await focused(page)).text, 'ordwind Energy');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  assert.equal((await focused(page)).text, 'Nordwind Energy');
  // Alt+← does not navigate the page back, and a highlight never becomes empty.
  assert.ok(page.url().endsWith('index.html'));
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal((await focused(page)).text, 'Energy');
  assert.match(await page.textContent('#edit-status'), /cannot be empty/);
  await page.keyboard.press('Shift+ArrowLeft');

  // Keyboard selection: → selects the next word after the highlight ("in"), again ("Ghent"); 3 labels it LOC.
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.getSelection().toString()), 'in');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.getSelection().toString()), 'Ghent');
  await page.keyboard.press('3');
  h = find(await highlights(page), 'Ghent');
  assert.deepEqual([h.label, h.origin, h.status], ['LOC', 'user', 'accepted']);
  assert.equal((await focused(page)).text, 'Ghent');

  // Widen a keyboard selection with Alt+→ (end) before labelling: "electricity prices".
  await clickHighlight(page, 'Brussels');
  await page.keyboard.press('ArrowRight'); // "that"
  await page.keyboard.press('ArrowRight'); // "electricity"
  await page.keyboard.press('Alt+ArrowRight'); // "electricity prices"
  assert.equal(await page.evaluate(() => document.getSelection().toString()), 'electricity prices');
  await page.keyboard.press('4');
  assert.equal(find(await highlights(page), 'electricity prices')?.label, 'MISC');

  // A real mouse drag over part of a word snaps out to the whole word ("lan" in "plant" → "plant").
  const box = await page.evaluate(() => {
    const root = document.getElementById('output');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.data.indexOf('plant');
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i + 1);
      r.setEnd(t, i + 4);
      const b = r.getBoundingClientRect();
      return { x0: b.left + 1, x1: b.right - 1, y: b.top + b.height / 2 };
    }
    return null;
  });
  await page.mouse.move(box.x0, box.y);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y, { steps: 5 });
  await page.mouse.up();
  assert.match(await page.evaluate(() => document.getSelection().toString()), /^l?an?t?$/);
  await page.keyboard.press('9');
  assert.equal(find(await highlights(page), 'plant')?.label, 'QUANTITY');

  // A selection over a highlight replaces it.
  await selectText(page, 'Ursula Kessler, the head');
  await page.keyboard.press('1');
  const hs = await highlights(page);
  assert.ok(find(hs, 'Ursula Kessler, the head'));
  assert.equal(find(hs, 'Ursula Kessler'), undefined);
  // Escape clears a selection.
  await page.focus('#output');
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.evaluate(() => document.getSelection().toString()), '');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.getSelection().toString()), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('undo and redo every edit (Ctrl+Z, Ctrl+Shift+Z), with a visible history', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const initial = await highlights(page);
  assert.equal(await page.$eval('#undo', (b) => b.disabled), true);
  assert.match(await page.textContent('#history'), /No edits yet/);

  await clickHighlight(page, 'Antwerp');
  await page.keyboard.press('1'); // relabel
  await page.keyboard.press('Alt+ArrowRight'); // resize: "Antwerp by"
  await clickHighlight(page, 'Brussels');
  await page.keyboard.press('Delete'); // delete
  await page.focus('#output');
  await page.keyboard.press('ArrowRight'); // select "BRUSSELS"… the first word
  await page.keyboard.press('ArrowRight'); // ","
  await page.keyboard.press('ArrowRight'); // "May"
  await page.keyboard.press('ArrowRight'); // "12"
  await page.keyboard.press('ArrowRight'); // "-"
  await page.keyboard.press('ArrowRight'); // "Ursula"
  await page.keyboard.press('1'); // add "Ursula" (replaces "Ursula Kessler")
  const edited = await highlights(page);
  assert.notDeepEqual(edited, initial);

  // The history lists the edits, newest first.
  const items = await page.$$eval('#history li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 4);
  assert.match(items[0], /Added “Ursula” as PER/);
  assert.match(items[1], /Deleted “Brussels”/);
  assert.match(items[2], /Resized “Antwerp” → “Antwerp by”/);
  assert.match(items[3], /Relabelled “Antwerp” LOC → PER/);

  // Undo all four, one at a time, with Ctrl+Z in the article.
  for (let k = 0; k < 4; k++) await page.keyboard.press('Control+z');
  assert.deepEqual(await highlights(page), initial);
  assert.equal(await page.$eval('#undo', (b) => b.disabled), true);
  assert.equal(await page.$$eval('#history li.undone', (lis) => lis.length), 4);
  // Redo two with Ctrl+Shift+Z, one more with the Redo button, then Ctrl+Y.
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+Z');
  let hs = await highlights(page);
  assert.equal(find(hs, 'Antwerp by')?.label, 'PER');
  assert.ok(find(hs, 'Brussels'));
  await page.click('#redo');
  assert.equal(find(await highlights(page), 'Brussels'), undefined);
  await page.focus('#output');
  await page.keyboard.press('Control+y');
  assert.deepEqual(await highlights(page), edited);
  // Undo button, then a new edit clears the redo list.
  await page.click('#undo');
  assert.equal(await page.$eval('#redo', (b) => b.disabled), false);
  await clickHighlight(page, 'Kessler');
  await page.keyboard.press('a');
  assert.equal(await page.$eval('#redo', (b) => b.disabled), true);
  assert.match(await page.$eval('#history li', (li) => li.textContent), /Accepted “Kessler”/);
  // Ctrl+Z in the text box is the text box's own undo, not the article's.
  await page.focus('#text');
  await page.keyboard.press('Control+z');
  assert.equal(find(await highlights(page), 'Kessler')?.status, 'accepted');
  await page.close();
});

test('all mentions: a relabel or deletion offered for every other mention, in one undoable step', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, HALVORSEN);
  let hs = await highlights(page);
  assert.equal(hs.filter((h) => h.text === 'Halvorsen').length, 3, JSON.stringify(hs));
  assert.ok(hs.some((h) => h.label !== 'ORG'));

  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('2'); // ORG
  assert.equal(await page.$eval('#offer', (o) => o.hidden), false);
  const offer = await page.textContent('#offer-text');
  assert.match(offer, /“Halvorsen” has \d other highlights? with another label/);
  assert.match(offer, /ORG/);
  await page.keyboard.press('y');
  hs = await highlights(page);
  assert.deepEqual(hs.filter((h) => h.text === 'Halvorsen').map((h) => h.label), ['ORG', 'ORG', 'ORG']);
  assert.equal(await page.$eval('#offer', (o) => o.hidden), true);
  assert.match(await page.$eval('#history li', (li) => li.textContent), /other mentions? of “Halvorsen” as ORG/);
  // One step: a single undo brings back the other labels, the first stays ORG.
  await page.keyboard.press('Control+z');
  hs = await highlights(page);
  assert.equal(hs[0].label, 'ORG');
  assert.ok(hs.slice(1).some((h) => h.label !== 'ORG'));

  // Deletion: offered, applied with the button.
  await page.keyboard.press('Control+Shift+z');
  await clickHighlight(page, 'Halvorsen', 1);
  await page.keyboard.press('Delete');
  assert.match(await page.textContent('#offer-text'), /“Halvorsen” is highlighted 2 more times. Delete them all\?/);
  await page.click('#offer-apply');
  assert.equal((await highlights(page)).filter((h) => h.text === 'Halvorsen').length, 0);
  await page.click('#undo');
  assert.equal((await highlights(page)).filter((h) => h.text === 'Halvorsen').length, 2);

  // A new span offers its unmarked mentions (whole words only: "bridges" is not "bridge").
  await annotateText(page, 'The bridge in Tarvik closed. Engineers said the bridge and two other bridges were unsafe.');
  await selectText(page, 'bridge');
  await page.keyboard.press('4');
  assert.match(await page.textContent('#offer-text'), /“bridge” has 1 unmarked mention\. Label it MISC\?/);
  await page.keyboard.press('Y');
  hs = await highlights(page);
  assert.deepEqual(hs.filter((h) => h.text.startsWith('bridge')).map((h) => [h.text, h.label]), [['bridge', 'MISC'], ['bridge', 'MISC']]);
  // Dismiss hides an offer and Y then does nothing.
  await clickHighlight(page, 'bridge', 1);
  await page.keyboard.press('1');
  assert.equal(await page.$eval('#offer', (o) => o.hidden), false);
  await page.click('#offer-dismiss');
  await clickHighlight(page, 'bridge', 1);
  await page.keyboard.press('y');
  hs = await highlights(page);
  assert.deepEqual(hs.filter((h) => h.text === 'bridge').map((h) => h.label), ['MISC', 'PER']);
  await page.close();
});
