// End to end: learning from corrections (issue 5, point 4). A name's label
// corrected in one article is what a new article naming it gets; re-annotating
// the article reflects it too; the learned state exports to a file, imports
// (a bad file leaves it untouched), resets, and survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, highlights, clickHighlight, downloadFrom } from './app-helpers.mjs';

// Written for these tests (not from any corpus).
const FIRST = 'Shares of Halvorsen rose after Halvorsen said profits doubled. Analysts at Halvorsen expect more.';
const NEXT = 'Halvorsen announced 300 new jobs in Bergen on Tuesday.';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const learnStatus = async (page, name) => {
  await page.waitForFunction((n) => document.getElementById('learn-status').textContent.includes(n), name);
  return page.textContent('#learn-status');
};
const labelOf = async (page, text) => (await highlights(page)).find((h) => h.text === text)?.label ?? null;

test('a corrected label is learned: a new article naming it gets the corrected label', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  // What the trained model says in the new article, before any correction.
  await annotateText(page, NEXT);
  const baseline = await labelOf(page, 'Halvorsen');
  assert.ok(baseline, JSON.stringify(await highlights(page)));
  const corrected = baseline === 'PER' ? 'LOC' : 'PER';
  const key = corrected === 'PER' ? '1' : '3';
  assert.equal(await page.textContent('#learned'), 'Nothing learned yet.');

  // Correct the first mention in another article.
  await annotateText(page, FIRST);
  await clickHighlight(page, 'Halvorsen', 0);
  await page.keyboard.press(key);
  assert.equal((await highlights(page))[0].label, corrected);
  // Learning runs shortly after the edits stop.
  await page.waitForFunction(() => /[1-9]\d* strings? in your lexicon/.test(document.getElementById('learned').textContent), null, { timeout: 5000 });

  // Re-annotating this article keeps the edit and spreads what was learned to the suggestions.
  await page.click('#annotate');
  const again = await highlights(page);
  assert.deepEqual(again.filter((h) => h.text === 'Halvorsen').map((h) => h.label), [corrected, corrected, corrected]);
  assert.match(await page.$eval('#history li', (li) => li.textContent), /Re-annotated/);

  // A new article that names it gets the corrected label.
  await annotateText(page, NEXT);
  assert.equal(await labelOf(page, 'Halvorsen'), corrected);
  // …and the rest of that article is as before.
  assert.equal(await labelOf(page, 'Bergen'), 'LOC');

  // Export the learned state to a file.
  const file = await downloadFrom(page, '#learned-export');
  assert.equal(file.name, 'newsmark-learned.json');
  const learned = JSON.parse(file.content);
  assert.ok(learned.lexicon.some((e) => e.text === 'Halvorsen' && e.label === corrected), file.content.slice(0, 300));

  // It survives a reload.
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  assert.match(await page.textContent('#learned'), /[1-9]\d* strings? in your lexicon/);
  await annotateText(page, `${NEXT} `);
  assert.equal(await labelOf(page, 'Halvorsen'), corrected);

  // Reset (two presses: the first asks to confirm): back to the trained model.
  await page.click('#learned-reset');
  assert.match(await page.textContent('#learn-status'), /Press again/);
  assert.match(await page.textContent('#learned'), /in your lexicon/, 'one press does not reset');
  await page.click('#learned-reset');
  assert.equal(await page.textContent('#learned'), 'Nothing learned yet.');
  await annotateText(page, `${NEXT}  `);
  assert.equal(await labelOf(page, 'Halvorsen'), baseline);

  // A malformed file is refused with a message naming the problem; the state is untouched.
  await page.setInputFiles('#learned-import', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"newsmark_learned": 1, "lexicon": [') });
  assert.match(await learnStatus(page, 'broken.json'), /Could not import broken\.json: not a Newsmark learned-state file.*What was learned before is kept/);
  assert.equal(await page.$eval('#learn-status', (s) => s.getAttribute('role')), 'alert');
  assert.equal(await page.textContent('#learned'), 'Nothing learned yet.');

  // Importing the exported file brings the correction back.
  await page.setInputFiles('#learned-import', { name: 'newsmark-learned.json', mimeType: 'application/json', buffer: Buffer.from(file.content) });
  assert.match(await learnStatus(page, 'newsmark-learned.json'), /Imported newsmark-learned\.json/);
  assert.match(await page.textContent('#learned'), /in your lexicon/);
  await annotateText(page, `${NEXT}   `);
  assert.equal(await labelOf(page, 'Halvorsen'), corrected);
  // A bad file now leaves that imported state in place.
  await page.setInputFiles('#learned-import', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2, 3]') });
  assert.match(await learnStatus(page, 'other.json'), /Could not import other\.json/);
  await annotateText(page, `${NEXT}    `);
  assert.equal(await labelOf(page, 'Halvorsen'), corrected);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an undone correction is unlearned: a new article no longer gets the undone label', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, NEXT);
  const baseline = await labelOf(page, 'Halvorsen');
  assert.ok(baseline);
  const corrected = baseline === 'PER' ? 'LOC' : 'PER';
  const key = corrected === 'PER' ? '1' : '3';

  await annotateText(page, FIRST);
  const original = (await highlights(page))[0];
  assert.equal(original.text, 'Halvorsen');
  await clickHighlight(page, 'Halvorsen', 0);
  await page.keyboard.press(key);
  await page.waitForFunction(() => /[1-9]\d* strings? in your lexicon/.test(document.getElementById('learned').textContent), null, { timeout: 5000 });
  const learnedFile = async () => JSON.parse((await downloadFrom(page, '#learned-export')).content);
  assert.ok((await learnedFile()).lexicon.some((e) => e.text === 'Halvorsen' && e.label === corrected), 'learned before the undo');

  // Undo the correction.
  await page.focus('#output');
  await page.keyboard.press('Control+z');
  assert.equal((await highlights(page))[0].label, original.label);
  assert.match(await learnStatus(page, 'unlearned'), /1 lexicon entry unlearned \(an undone correction\)/);

  await annotateText(page, `${NEXT}  `);
  // Not necessarily the baseline: the model's weights have now also learned the
  // restored paragraph, where the suggestion the undo brought back counts as right.
  assert.notEqual(await labelOf(page, 'Halvorsen'), corrected, 'the undone correction still applies');
  const file = await learnedFile();
  assert.ok(!file.lexicon.some((e) => e.text === 'Halvorsen'), JSON.stringify(file.lexicon));
  assert.deepEqual(errors, []);
  await page.close();
});
