// End to end: editing claims by keyboard in claims mode (issue 5, point 1):
// mark or unmark a sentence as check-worthy, set its kind, set or clear its
// claimant, and select the source, cue and content of an attribution.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, focused, exportedJson, selectText, BRUSSELS_ARTICLE } from './app-helpers.mjs';

const ARTICLE = BRUSSELS_ARTICLE;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const claimEls = (page) => page.$$eval('#output .claim', (cs) => cs.map((c) => ({
  start: Number(c.dataset.start), kind: c.dataset.kind, status: c.dataset.status, origin: c.dataset.origin, title: c.title,
})));
const panel = (page) => page.$$eval('#claims li', (lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
const selected = (page) => page.evaluate(() => document.getSelection().toString());

test('claims mode: Tab between sentences, W marks and unmarks, 1–6 set the kind, A accepts, X rejects', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const initial = await claimEls(page);
  // The first claim starts after the dateline "BRUSSELS, May 12 - ".
  assert.deepEqual(initial.map((c) => c.start), [19, 139, 270]);

  await page.focus('#output');
  await page.keyboard.press('c');
  assert.equal(await page.$eval('#mode', (b) => b.getAttribute('aria-pressed')), 'true');
  assert.equal(await page.$eval('#output', (o) => o.dataset.mode), 'claims');
  assert.equal(await page.$eval('#claim-legend', (l) => l.hidden), false);
  assert.match(await page.textContent('#claim-legend'), /1 quantity.*2 correlation or causation.*6 other/s);

  // Tab moves between sentences, claims or not: the dateline first, which is not a claim.
  await page.keyboard.press('Tab');
  let f = await focused(page);
  assert.equal(f.start, 0);
  assert.match(f.text, /^BRUSSELS, May 12 -/);
  assert.doesNotMatch(f.cls, /claim/);
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.equal(f.start, 19);
  assert.match(f.cls, /claim/);
  // 1 sets the kind "quantity" (and accepts the claim).
  await page.keyboard.press('1');
  let cs = await claimEls(page);
  assert.deepEqual([cs[0].kind, cs[0].status], ['quantity', 'accepted']);
  assert.match((await panel(page))[0], /quantity · \d+% · accepted/);
  assert.equal((await focused(page)).start, 19, 'focus stays on the sentence');

  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).start, 139);
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.match(f.text, /^The European Commission/);
  assert.doesNotMatch(f.cls, /claim/);
  // W marks it check-worthy (kind "other", by you), W again unmarks it, 5 marks it as personal experience.
  await page.keyboard.press('w');
  cs = await claimEls(page);
  assert.equal(cs.length, 4);
  const ec = cs.find((c) => c.start === f.start);
  assert.deepEqual([ec.kind, ec.status, ec.origin], ['other', 'accepted', 'user']);
  assert.equal(await page.textContent('#claim-count'), '4');
  assert.match((await focused(page)).cls, /claim/);
  await page.keyboard.press('W');
  assert.equal((await claimEls(page)).length, 3);
  assert.equal(await page.textContent('#claim-count'), '3');
  await page.keyboard.press('5');
  cs = await claimEls(page);
  assert.equal(cs.find((c) => c.start === f.start)?.kind, 'personal_experience');
  await page.keyboard.press('Control+z');
  assert.equal((await claimEls(page)).length, 3);

  // Back to the suggested claim at 139: A accepts it; X on the one at 270 rejects it.
  await page.focus('#output');
  for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
  assert.equal((await focused(page)).start, 139);
  await page.keyboard.press('a');
  assert.equal((await claimEls(page)).find((c) => c.start === 139).status, 'accepted');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).start, 270);
  await page.keyboard.press('x');
  assert.deepEqual((await claimEls(page)).map((c) => c.start), [19, 139]);
  assert.match(await page.$eval('#history li', (li) => li.textContent), /Rejected a claim/);
  await page.keyboard.press('Control+z');
  assert.deepEqual((await claimEls(page)).map((c) => c.start), [19, 139, 270]);

  // Esc (or C) leaves claims mode.
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#output', (o) => o.dataset.mode), 'entities');
  assert.equal(await page.$eval('#mode', (b) => b.getAttribute('aria-pressed')), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('claims mode: set and clear the claimant, and select the source, cue and content by keyboard', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  // The last claim has no claimant.
  assert.match((await panel(page))[2], /no claimant found/);
  await page.click('#mode');
  await page.focus('#output');
  for (let k = 0; k < 5; k++) await page.keyboard.press('Tab');
  assert.equal((await focused(page)).start, 270);

  // S without a selection says what to do.
  await page.keyboard.press('s');
  assert.match(await page.textContent('#edit-status'), /Select the words first/);
  // → selects words inside the sentence: "Later", ",", "Kessler"; S makes it the claimant.
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(page), 'Later');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(page), 'Kessler');
  assert.equal((await focused(page)).start, 270, 'the sentence keeps focus while words are selected');
  await page.keyboard.press('s');
  assert.match((await panel(page))[2], /claimant: Kessler/);
  assert.match((await claimEls(page))[2].title, /claimant: Kessler/);
  // The cue: "met" (Q). The content: "officials … Ghent" (→, then Alt+→ to widen; T).
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(page), 'met');
  await page.keyboard.press('q');
  assert.match((await claimEls(page))[2].title, /cue: “met”/);
  await page.keyboard.press('ArrowRight');
  for (let k = 0; k < 5; k++) await page.keyboard.press('Alt+ArrowRight');
  assert.equal(await selected(page), 'officials from Nordwind Energy in Ghent');
  await page.keyboard.press('t');
  // The focused claim's parts are painted (CSS Custom Highlight API).
  assert.deepEqual(await page.evaluate(() => ['nm-source', 'nm-cue', 'nm-content'].map((k) => CSS.highlights.has(k))), [true, true, true]);

  let doc = await exportedJson(page);
  let claim = doc.claims.find((c) => c.text.startsWith('Later'));
  let a = doc.attributions[claim.attribution];
  assert.equal(a.source.text, 'Kessler');
  assert.equal(a.cue.text, 'met');
  assert.deepEqual(a.content.map((c) => c.text), ['officials from Nordwind Energy in Ghent']);
  assert.deepEqual([a.origin, a.status], ['user', 'accepted']);

  // Delete clears the claimant (the attribution keeps its cue and content).
  await page.focus('#output .claim[data-start="270"]'); // back from the download button
  await page.keyboard.press('Delete');
  assert.match((await panel(page))[2], /no claimant found/);
  doc = await exportedJson(page);
  claim = doc.claims.find((c) => c.text.startsWith('Later'));
  assert.equal(doc.attributions[claim.attribution].source ?? null, null);
  assert.equal(doc.attributions[claim.attribution].cue.text, 'met');

  // Replace a claimant the model found with a mouse selection: "Ursula Kessler" for the first claim.
  // (The model's source span ends with the apposition's comma, as in PolNeAR; the panel shows it without.)
  const model = /claimant: Ursula Kessler, the head of Nordwind Energy$/;
  assert.match((await panel(page))[0], model);
  await selectText(page, 'Ursula Kessler');
  await page.keyboard.press('s');
  assert.match((await panel(page))[0], /claimant: Ursula Kessler$/);
  // Undo restores the model's claimant.
  await page.keyboard.press('Control+z');
  assert.match((await panel(page))[0], model);
  // A sentence that is not a claim cannot take a claimant until W marks it.
  await page.focus('#output');
  for (let k = 0; k < 4; k++) await page.keyboard.press('Tab');
  assert.match((await focused(page)).text, /^The European Commission/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('s');
  assert.match(await page.textContent('#edit-status'), /Mark the sentence check-worthy first/);
  assert.deepEqual(errors, []);
  await page.close();
});
