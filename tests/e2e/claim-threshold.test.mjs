// End to end: the claims panel's minimum score and order (issue 15). Each
// claim keeps its calibrated score; the slider hides the claims under it
// (from the list and the underlines, as the entities' minimum confidence
// does in the embed demo) and the box lists them by score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, BRUSSELS_ARTICLE } from './app-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const listed = (page) => page.$$eval('#claims li button.claim-link', (bs) => bs.map((b) => Number(b.dataset.start)));
const underlined = (page) => page.$$eval('#output .claim', (cs) => cs.map((c) => ({
  start: Number(c.dataset.start), score: Number(c.dataset.score), hidden: c.classList.contains('below-min'),
  line: getComputedStyle(c).textDecorationLine,
})));
const setMin = (page, v) => page.$eval('#claim-min', (el, x) => {
  el.value = String(x);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}, v);

test('claims can be listed by score and hidden under a minimum score', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, BRUSSELS_ARTICLE);
  const claims = await underlined(page);
  assert.equal(claims.length, 3);
  assert.ok(claims.every((c) => c.score > 0 && c.score <= 1 && !c.hidden && c.line === 'underline'));
  const inOrder = claims.map((c) => c.start);
  assert.deepEqual(await listed(page), inOrder);

  // By score: highest first.
  await page.check('#claim-sort');
  const byScore = [...claims].sort((a, b) => b.score - a.score || a.start - b.start).map((c) => c.start);
  assert.notDeepEqual(byScore, inOrder, 'the test article has claims out of score order');
  assert.deepEqual(await listed(page), byScore);

  // A minimum between the lowest and the highest score.
  const s = claims.map((c) => c.score).sort((a, b) => a - b);
  const min = Math.round(50 * (s[0] + s[2])) / 100;
  await setMin(page, min);
  assert.equal(await page.textContent('#claim-min-value'), `${Math.round(100 * min)}%`);
  const kept = claims.filter((c) => c.score >= min);
  assert.ok(kept.length > 0 && kept.length < claims.length);
  assert.equal(await page.textContent('#claim-count'), `${kept.length} of ${claims.length}`);
  assert.deepEqual(await listed(page), byScore.filter((st) => kept.some((c) => c.start === st)));
  const after = await underlined(page);
  for (const c of after) {
    assert.equal(c.hidden, c.score < min, `claim at ${c.start}`);
    assert.equal(c.line, c.score < min ? 'none' : 'underline', `claim at ${c.start}`);
  }

  // Back to document order, then to every claim (the slider works by keyboard too).
  await page.uncheck('#claim-sort');
  assert.deepEqual(await listed(page), inOrder.filter((st) => kept.some((c) => c.start === st)));
  await setMin(page, 0.01);
  await page.focus('#claim-min');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('#claim-min-value'), '0%');
  assert.equal(await page.textContent('#claim-count'), '3');
  assert.deepEqual(await listed(page), inOrder);
  assert.ok((await underlined(page)).every((c) => !c.hidden));
  assert.deepEqual(errors, []);
  await page.close();
});
