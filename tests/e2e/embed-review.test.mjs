// The embed lets a fact-checker review a claim (issue 19): in editable mode, R on
// a highlight inside a claim opens a form (a modal dialog in its own shadow root,
// gone when it closes); reviewClaim() does the same from code. Both dispatch
// newsmark:change, and getAnnotations() gives each claim with its review. Under
// the strict CSP, with no error and no change to the article's text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, makeSite, openPage, STRICT_CSP } from './helpers.mjs';

const MOUNT = '/static/newsmark/';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story</title><link rel="icon" href="/favicon.svg"></head><body>
<article id="story"><p>Ursula Kessler, the head of Nordwind Energy, said on Friday that the company would close its plant in Antwerp by 2027.</p>
<p>Unemployment fell to 7.1% last year, the ministry said.</p></article>
<script type="module" src="/story.js"></script></body></html>`;
// The claims models are waited for first, so the element is annotated once, with its claims.
const SCRIPT = `import { annotateElement, loadClaims } from '${MOUNT}newsmark.js';
const el = document.getElementById('story');
el.seen = [];
el.addEventListener('newsmark:change', (ev) => el.seen.push(ev.detail));
loadClaims().then(() => annotateElement(el, { editable: true })).then((r) => { el.result = r; document.documentElement.dataset.ready = 'true'; });`;

let env;
before(async () => {
  const dir = makeSite({ 'story.html': PAGE, 'story.js': SCRIPT, 'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });
  env = await setup((path) => (path.endsWith('.html') ? { 'content-security-policy': STRICT_CSP } : {}), dir);
});
after(async () => { await env?.close(); });

test('editable embed: R on a highlight in a claim reviews it; reviewClaim() too; newsmark:change and getAnnotations() carry the review', async () => {
  const p = await openPage(env.browser, `${env.url}story.html`);
  const { page } = p;
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || window.__failed, null, { timeout: 20000 })
    .catch(() => assert.fail(`not annotated: ${p.errors.join('; ')}`));
  const text = await page.$eval('#story', (el) => el.textContent);
  const claims = await page.$eval('#story', (el) => el.result.claims.map((c) => c.text));
  assert.ok(claims.length >= 1, 'a claim');
  assert.match(claims[0], /^Ursula Kessler/);

  // The first highlight (Ursula Kessler) is in the first claim: R opens the form.
  await page.focus('#story nm-mark[tabindex="0"]');
  await page.keyboard.press('r');
  await page.waitForSelector('dialog[open]');
  assert.equal(await page.evaluate(() => document.body.lastElementChild.shadowRoot.activeElement.id), 'rating');
  // Without an address the form says what is missing and stays open.
  await page.keyboard.type('False');
  await page.fill('dialog #organization', 'Example Fact Check');
  await page.click('dialog button[type="submit"]');
  assert.match(await page.textContent('dialog p.error'), /required/);
  await page.fill('dialog #url', 'https://factcheck.example/kessler');
  await page.click('dialog button[type="submit"]');
  await page.waitForFunction(() => !document.body.lastElementChild.shadowRoot);
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'nm-mark', 'focus is back on the highlight');

  const state = await page.$eval('#story', (el) => ({
    seen: el.seen,
    claim: el.querySelector('nm-claim').dataset.nmReviewed,
    title: el.querySelector('nm-claim').title,
  }));
  assert.equal(state.seen.length, 1);
  assert.equal(state.seen[0].type, 'review');
  assert.equal(state.seen[0].index, 0);
  assert.equal(state.seen[0].previous, null);
  assert.deepEqual(
    { ...state.seen[0].claim.review, date: 'd' },
    { rating: 'False', url: 'https://factcheck.example/kessler', organization: 'Example Fact Check', date: 'd' },
  );
  assert.equal(state.claim, 'False');
  assert.match(state.title, /reviewed: False$/);

  // From code: bad reviews are refused; null removes it.
  const api = await page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    const el = document.getElementById('story');
    let refused = null;
    try { m.reviewClaim(el, 0, { rating: '', url: 'x', organization: '' }); } catch (e) { refused = e.message; }
    const last = el.result.claims.length - 1;
    const set = m.reviewClaim(el, last, { rating: 'Misleading', url: 'https://factcheck.example/m', organization: 'Org', rating_value: 2, best_rating: 5 });
    m.reviewClaim(el, 0, null);
    return { refused, set, claims: m.getAnnotations(el).claims.map((c) => c.review), events: el.seen.length };
  }, MOUNT);
  assert.match(api.refused, /rating, url/);
  assert.equal(api.set.review.rating_value, 2);
  assert.equal(api.claims[0], null);
  assert.equal(api.claims[api.claims.length - 1].rating, 'Misleading');
  assert.equal(api.events, 3);
  assert.equal(await page.$eval('#story', (el) => el.textContent), text, 'the article\'s text is unchanged');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(await p.violations(), []);
  await page.close();
});
