// A fact-checker reviews a claim in the page (issue 19): in claims mode, R
// opens the review form (rating, fact-check address, organisation, optional
// numeric scale, claimant, appearance). The review is one undoable edit, is
// autosaved and survives a reload, goes out and back in through Newsmark's
// JSON, and makes the claim a ClaimReview in the ClaimReview download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openApp } from './helpers.mjs';
import { annotateText, focused, exportedJson, downloadFrom, waitSaved, BRUSSELS_ARTICLE } from './app-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const panel = (page) => page.$$eval('#claims li', (lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
const RATING = 'Misleading </script><b>';

async function reviewFirstClaim(page) {
  await page.focus('#output');
  await page.keyboard.press('c');
  // The dateline "BRUSSELS, May 12 - " is a sentence unit of its own, not part of the claim.
  await page.keyboard.press('Tab');
  assert.doesNotMatch((await focused(page)).cls, /claim/);
  await page.keyboard.press('Tab');
  assert.match((await focused(page)).cls, /claim/);
  await page.keyboard.press('r');
  await page.waitForSelector('#review[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'review-rating');
  assert.match(await page.textContent('#review-claim'), /^Ursula Kessler, the head of Nordwind Energy, said/);
  // Required fields are checked: no address yet.
  await page.keyboard.type(RATING);
  await page.fill('#review-org', 'Example Fact Check');
  await page.click('#review-save');
  assert.equal(await page.$eval('#review', (d) => d.open), true, 'the form stays open');
  assert.match(await page.textContent('#review-error'), /address/i);
  await page.fill('#review-url', 'https://factcheck.example/kessler?a=1&b=2');
  await page.fill('#review-value', '2');
  await page.fill('#review-best', '5');
  await page.fill('#review-worst', '1');
  await page.fill('#review-appearance', 'https://news.example/nordwind');
  await page.focus('#review-url');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('review').open);
  assert.match((await focused(page)).cls, /claim/, 'focus is back on the claim');
}

test('R reviews a claim: saved with the work, undone and redone, exported as a ClaimReview, imported back', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, BRUSSELS_ARTICLE);
  await reviewFirstClaim(page);
  assert.match((await panel(page))[0], /reviewed: Misleading <\/script><b>/);
  let doc = await exportedJson(page);
  const review = doc.claims[0].review;
  assert.equal(review.rating, RATING);
  assert.equal(review.url, 'https://factcheck.example/kessler?a=1&b=2');
  assert.equal(review.organization, 'Example Fact Check');
  assert.deepEqual([review.rating_value, review.best_rating, review.worst_rating], [2, 5, 1]);
  assert.equal(review.appearance, 'https://news.example/nordwind');
  assert.match(review.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(doc.claims[0].status, 'accepted');
  assert.equal(doc.claims.filter((c) => c.review).length, 1);

  // The ClaimReview download: a ClaimReview for the reviewed claim, Claims for the others.
  const { content } = await downloadFrom(page, '#exports button[data-format="claimreview"]');
  assert.ok(!content.includes('<'), 'no < in the JSON-LD');
  const items = JSON.parse(content);
  assert.equal(items.length, doc.claims.length);
  assert.equal(items[0]['@type'], 'ClaimReview');
  assert.equal(items[0].claimReviewed, doc.claims[0].text);
  assert.equal(items[0].url, review.url);
  assert.deepEqual(items[0].reviewRating, { '@type': 'Rating', alternateName: RATING, ratingValue: 2, bestRating: 5, worstRating: 1 });
  assert.deepEqual(items[0].author, { '@type': 'Organization', name: 'Example Fact Check' });
  assert.deepEqual(items[0].itemReviewed.author, { '@type': 'Person', name: 'Ursula Kessler, the head of Nordwind Energy' });
  assert.equal(items[0].itemReviewed.appearance.url, 'https://news.example/nordwind');
  assert.ok(items.slice(1).every((x) => x['@type'] === 'Claim' && x['newsmark:reviewed'] === false));

  // Undo removes the review, redo puts it back.
  await page.keyboard.press('Control+z');
  assert.doesNotMatch((await panel(page))[0], /reviewed/);
  assert.equal((await exportedJson(page)).claims[0].review, undefined);
  await page.keyboard.press('Control+Shift+z');
  assert.match((await panel(page))[0], /reviewed: Misleading/);

  // Autosaved: a reload brings it back.
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForSelector('#output mark');
  assert.match((await panel(page))[0], /reviewed: Misleading/);
  doc = await exportedJson(page);
  assert.deepEqual(doc.claims[0].review, review);

  // Out and back in through Newsmark's JSON: remove the review, import the file, it is back.
  const file = JSON.stringify(doc);
  await page.click('#claims li .review-link');
  await page.waitForSelector('#review[open]');
  assert.equal(await page.inputValue('#review-rating'), RATING, 'the form shows the review');
  await page.click('#review-remove');
  assert.doesNotMatch((await panel(page))[0], /reviewed/);
  await page.selectOption('#import-format', 'json');
  await page.setInputFiles('#import-file', { name: 'reviewed.newsmark.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.waitForFunction(() => /reviewed: Misleading/.test(document.querySelector('#claims li')?.textContent ?? ''));
  assert.deepEqual((await exportedJson(page)).claims[0].review, review);
  assert.deepEqual(errors, []);
  await page.close();
});

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

test('the Review button of the claims list opens the same form (no axe-core WCAG A/AA violation); Esc cancels', async () => {
  // The page's CSP forbids inline scripts: axe is injected with CSP bypassed.
  const context = await env.browser.newContext({ bypassCSP: true });
  const { page, errors } = await openApp(context, env.url);
  await annotateText(page, BRUSSELS_ARTICLE);
  const { claims } = await exportedJson(page);
  await page.click('#claims li:nth-child(2) .review-link');
  await page.waitForSelector('#review[open]');
  assert.equal(await page.textContent('#review-claim'), claims[1].text);
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  assert.deepEqual(violations, []);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('review').open);
  assert.equal((await exportedJson(page)).claims.filter((c) => c.review).length, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
