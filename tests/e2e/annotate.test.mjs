// End to end: paste an article into the page, annotate, check which words
// carry which labels, and that the page stays offline and the text intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, marks } from './helpers.mjs';
import { clickHighlight } from './app-helpers.mjs';

// Written for this test (not from any corpus).
const ARTICLE = `GENEVA, June 3 - The World Health Organization warned on Monday that cholera cases in Malawi had doubled, and its director-general Tedros Adhanom Ghebreyesus appealed for funds.

Speaking in Geneva, Tedros said the agency needed help from the European Union and the United States. Officials in Lilongwe said the outbreak had spread to Blantyre.

“We cannot wait,” said Maria Van Kerkhove, a WHO epidemiologist. Reporting by Anna Schmidt for the Daily Courier.`;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('pasted article gets its entities highlighted with the right labels', async () => {
  const { page, requests, errors } = await openApp(env.browser, env.url);
  await page.fill('#text', ARTICLE);
  await page.click('#annotate');
  await page.waitForSelector('#output mark');
  const found = await marks(page);
  const has = (text, label) => found.some((m) => m.text === text && m.label === label);
  for (const [text, label] of [
    ['World Health Organization', 'ORG'],
    ['Malawi', 'LOC'],
    ['Geneva', 'LOC'],
    ['European Union', 'ORG'],
    ['United States', 'LOC'],
    ['Blantyre', 'LOC'],
    ['Maria Van Kerkhove', 'PER'],
    ['Anna Schmidt', 'PER'],
  ]) {
    assert.ok(has(text, label), `expected ${text} as ${label}; got ${JSON.stringify(found)}`);
  }
  // Common words are never marked.
  for (const word of ['said', 'warned', 'cholera', 'the', 'We']) {
    assert.ok(!found.some((m) => m.text === word), `${word} should not be marked`);
  }
  // Each mark shows its label in letters (not colour alone; CSS generated content, not text) and carries a score.
  const labelled = await page.$$eval('#output mark', (ms) => ms.every((m) => Number(m.dataset.score) > 0
    && (m.dataset.part === 'first' || m.dataset.part === 'middle' || getComputedStyle(m, '::after').content.startsWith(`"${m.dataset.label}`))));
  assert.ok(labelled);
  // The article text survives exactly: the output's text is the input (labels are not text).
  const shown = await page.$eval('#output', (o) => o.textContent);
  assert.equal(shown, ARTICLE);
  // The legend counts what was found.
  const perCount = await page.$eval('#legend li[data-label="PER"] .count', (s) => Number(s.textContent));
  assert.equal(perCount, found.filter((m) => m.label === 'PER').length);
  // Nothing but this origin was contacted, and no errors were logged.
  const origin = new URL(env.url).origin;
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('check-worthy claims are underlined and listed with their claimants', async () => {
  const { page } = await openApp(env.browser, env.url);
  // Written for this test.
  const text = 'The country\'s defence ministry accused rebel units of shelling two villages near the border on Monday. ' +
    'Thank you all for coming tonight.';
  await page.fill('#text', text);
  await page.click('#annotate');
  await page.waitForSelector('#output .claim');
  const claims = await page.$$eval('#output .claim', (cs) => cs.map((c) => ({
    text: c.textContent, kind: c.dataset.kind, title: c.title, focusable: c.tabIndex === 0,
  })));
  const clash = claims.find((c) => c.text.startsWith('The country'));
  assert.ok(clash, JSON.stringify(claims));
  assert.match(clash.title, /claimant: The country's defence ministry/);
  assert.ok(clash.focusable);
  assert.ok(!claims.some((c) => c.text.startsWith('Thank you')), 'small talk is not a claim');
  // Entities stay highlighted inside the claim.
  assert.ok(await page.$eval('#output .claim', (c) => c.querySelector('mark[data-label="DATE"]') !== null));
  // The side panel lists it with its claimant, and clicking focuses it in the text.
  const item = await page.$eval('#claims li', (li) => li.textContent);
  assert.match(item, /claimant: The country's defence ministry/);
  assert.equal(await page.$eval('#claim-count', (s) => s.textContent), String(claims.length));
  await page.click('#claims li button');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('claim')), true);
  await page.close();
});

test('a pronoun claimant is shown with the name it refers to', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  // Written for this test.
  await page.fill('#text', 'Senator Maria Lopez spoke in Boston on Monday. She said unemployment had doubled since 2019.');
  await page.click('#annotate');
  await page.waitForSelector('#output .claim');
  const title = await page.$$eval('#output .claim', (cs) => cs.find((c) => c.textContent.startsWith('She')).title);
  assert.match(title, /claimant: She \(Maria Lopez\)/);
  const items = await page.$$eval('#claims li', (lis) => lis.map((li) => li.textContent));
  assert.ok(items.some((t) => /claimant: She \(Maria Lopez\)/.test(t)), JSON.stringify(items));
  // Deleting the highlight "Maria Lopez" drops the name from the claimant, in the panel and the title.
  await clickHighlight(page, 'Maria Lopez');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => [...document.querySelectorAll('#claims li')].some((li) => /claimant: She$/.test(li.textContent.trim())));
  const after = await page.$$eval('#output .claim', (cs) => cs.find((c) => c.textContent.startsWith('She')).title);
  assert.match(after, /claimant: She(,|$)/);
  assert.doesNotMatch(after, /Maria Lopez/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+Enter annotates, markup stays text, and empty input gets a message', async () => {
  const { page } = await openApp(env.browser, env.url);
  await page.fill('#text', '');
  await page.click('#annotate');
  assert.match(await page.textContent('#status'), /Paste or type/);
  const hostile = 'Paris <b>bold</b> &lt;i&gt; <img src=x onerror="window.__pwned=1"> in London.';
  await page.fill('#text', hostile);
  await page.press('#text', 'Control+Enter');
  await page.waitForSelector('#output mark');
  assert.equal(await page.$$eval('#output b, #output img, #output i', (n) => n.length), 0);
  const shown = await page.$eval('#output', (o) => o.textContent);
  assert.equal(shown, hostile);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('the public module reports UTF-16 offsets that slice the JS string', async () => {
  const { page } = await openApp(env.browser, env.url);
  const res = await page.evaluate(async () => {
    const m = await import('./newsmark/newsmark.js');
    await m.load(); // idempotent
    const text = '👨‍👩‍👧 Le café: Angela Merkel met Emmanuel Macron in Paris.';
    const out = m.annotate(text);
    return out.entities.map((e) => [text.slice(e.start, e.end), e.text, e.label]);
  });
  assert.ok(res.length >= 3, JSON.stringify(res));
  for (const [slice, text] of res) assert.equal(slice, text);
  assert.ok(res.some(([t, , l]) => t === 'Paris' && l === 'LOC'));
  const err = await page.evaluate(async () => {
    const m = await import('./newsmark/newsmark.js');
    try { m.annotate(42); return null; } catch (e) { return e.message; }
  });
  assert.match(err, /takes a string/);
  await page.close();
});

test('the module gives the same annotations for a text alone, after other texts, after releaseCaches(), and the same entities with { claims: false }', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  const runs = await page.evaluate(async (article) => {
    const m = await import('./newsmark/newsmark.js');
    await m.load();
    await m.loadClaims();
    const others = ['Ilham Aliyev met Nikol Pashinyan in Brussels on Sunday.', 'Shares of Nvidia rose 4% in New York, the company said.'];
    const key = (r) => JSON.stringify([r.entities, r.claims, r.attributions]);
    m.releaseCaches();
    const alone = key(m.annotate(article));
    for (const t of others) m.annotate(t);
    const after = key(m.annotate(article));
    m.releaseCaches();
    const released = key(m.annotate(article));
    const r = m.annotate(article);
    const only = m.annotate(article, { claims: false });
    return {
      alone, after, released, entities: r.entities.length, claims: r.claims.length, attributions: r.attributions.length,
      onlySame: JSON.stringify(only.entities) === JSON.stringify(r.entities), onlyNull: only.claims === null && only.attributions === null,
    };
  }, ARTICLE);
  assert.ok(runs.onlySame, 'annotate(text, { claims: false }) finds the same entities');
  assert.ok(runs.onlyNull, 'and no claims or attributions');
  assert.ok(runs.entities > 5 && runs.claims > 0 && runs.attributions > 0, JSON.stringify(runs));
  assert.equal(runs.after, runs.alone);
  assert.equal(runs.released, runs.alone);
  assert.deepEqual(errors, []);
});
