// End to end: the sidebar (issue 5, point 6). Entities grouped by label with
// counts (a click jumps to the mentions), the claims list with claimants, a
// filter by label, and each highlight explaining itself on hover or focus
// (label, score, and where it came from: model, rule, user or lexicon).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, highlights, focused, clickHighlight, selectText, BRUSSELS_ARTICLE } from './app-helpers.mjs';

const ARTICLE = BRUSSELS_ARTICLE;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const groups = (page) => page.$$eval('#groups .group:not([hidden])', (gs) => gs.map((g) => ({
  label: g.dataset.label,
  count: g.querySelector('h3 .count').textContent,
  items: [...g.querySelectorAll('li')].map((li) => [li.querySelector('button').textContent, li.querySelector('.count').textContent]),
})));

test('entities grouped by label with counts; a click jumps to each mention in turn', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const hs = await highlights(page);
  const gs = await groups(page);
  for (const g of gs) {
    const n = hs.filter((h) => h.label === g.label).length;
    assert.equal(g.count, `(${n})`, g.label);
    assert.equal(g.items.reduce((s, [, c]) => s + Number(c.slice(1)), 0), n);
  }
  const per = gs.find((g) => g.label === 'PER');
  // The model's output on this article: since the entity model learned from
  // GUM too (issue 16), it reads the unknown company "Nordwind Energy" as a
  // person, both times (before: an ORG, then "Nordwind Energy in Ghent" as one
  // ORG). A model error, pinned here so that a change of model shows up.
  assert.deepEqual(per.items, [['Kessler', '×2'], ['Nordwind Energy', '×2'], ['Ursula Kessler', '×1']]);
  assert.equal(await page.textContent('#entity-count'), String(hs.length));
  // Labels with nothing found are not listed.
  assert.ok(!gs.some((g) => g.label === 'TIME'));

  // Jump: each click focuses the next mention.
  const kessler = '#groups .group[data-label="PER"] li:first-child button';
  await page.click(kessler);
  assert.deepEqual([(await focused(page)).text, (await focused(page)).start], ['Kessler', 139]);
  await page.click(kessler);
  assert.equal((await focused(page)).start, 277);
  await page.click(kessler);
  assert.equal((await focused(page)).start, 139);
  // The focused mention can be corrected right away; the groups follow.
  await page.keyboard.press('2');
  const after1 = await groups(page);
  assert.deepEqual(after1.find((g) => g.label === 'PER').items, [['Nordwind Energy', '×2'], ['Kessler', '×1'], ['Ursula Kessler', '×1']]);
  assert.ok(after1.find((g) => g.label === 'ORG').items.some(([t]) => t === 'Kessler'));
  assert.equal(await page.$eval('#legend li[data-label="ORG"] .count', (c) => c.textContent), after1.find((g) => g.label === 'ORG').count.slice(1, -1));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the claims list shows claimants; a filter hides labels (and Tab skips them)', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const items = await page.$$eval('#claims li', (lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ')));
  assert.equal(items.length, 3);
  assert.match(items[0], /· attributed · claimant: Ursula Kessler, the head of Nordwind Energy$/);
  assert.match(items[1], /claimant: Kessler/);
  assert.match(items[2], /no claimant found/);
  await page.click('#claims li:nth-child(2) button');
  assert.equal((await focused(page)).start, 139);

  // Filter: hide PER.
  await page.uncheck('#show-PER');
  const style = await page.$eval('#output mark[data-label="PER"]', (m) => ({
    bg: getComputedStyle(m).backgroundColor, label: getComputedStyle(m, '::after').content,
  }));
  assert.deepEqual(style, { bg: 'rgba(0, 0, 0, 0)', label: 'none' });
  assert.notEqual(await page.$eval('#output mark[data-label="LOC"]', (m) => getComputedStyle(m).backgroundColor), 'rgba(0, 0, 0, 0)');
  // Tab skips hidden labels: BRUSSELS, May 12, (not Ursula Kessler nor
  // "Nordwind Energy", read as a person: see above) Friday.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Friday');
  await page.check('#show-PER');
  assert.notEqual(await page.$eval('#output mark[data-label="PER"]', (m) => getComputedStyle(m).backgroundColor), 'rgba(0, 0, 0, 0)');
  await page.close();
});

test('each highlight explains itself on hover (title) and focus (a tip): label, score, origin', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  // Hover: the title says it.
  const title = await page.$eval('#output mark[data-start="19"]', (m) => m.title);
  assert.match(title, /^PER \(person\), confidence \d+%, from the model, suggested$/);
  await page.hover('#output mark[data-start="19"]');
  // Focus: the tip shows next to the highlight, with the keys.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  let tip = await page.$eval('#tip', (t) => ({ hidden: t.hidden, text: t.textContent }));
  assert.equal(tip.hidden, false);
  assert.match(tip.text, /DATE \(date or period\), confidence 96%, from a rule, suggested/);
  assert.match(tip.text, /1–9 relabel/);
  const near = await page.evaluate(() => {
    const t = document.getElementById('tip').getBoundingClientRect();
    const m = document.activeElement.getBoundingClientRect();
    return t.top >= m.bottom && t.top - m.bottom < 20;
  });
  assert.ok(near, 'the tip is just below the highlight');
  await page.keyboard.press('Tab');
  assert.match(await page.textContent('#tip'), /PER \(person\), confidence 100%, from the model/);
  // By you.
  await page.keyboard.press('2');
  assert.match(await page.textContent('#tip'), /ORG \(organisation\), confidence 100%, from you, accepted/);
  // Claims explain themselves on focus too.
  await page.focus('#output .claim');
  assert.match(await page.textContent('#tip'), /Check-worthy claim \(prediction\), score \d+%, from the model, suggested, claimant: Ursula Kessler, the head of Nordwind Energy, cue: “said”/);
  // From the lexicon: a word labelled by hand is suggested from your corrections in the next article.
  await annotateText(page, 'The bridge in Tarvik closed. Engineers said the bridge was unsafe.');
  await selectText(page, 'bridge');
  await page.keyboard.press('4');
  await annotateText(page, 'A new bridge opened in Oslo.');
  const bridge = (await highlights(page)).find((h) => h.text === 'bridge');
  assert.deepEqual([bridge.label, bridge.origin], ['MISC', 'lexicon']);
  await clickHighlight(page, 'bridge');
  assert.match(await page.textContent('#tip'), /MISC .*from your corrections \(lexicon\), suggested/);
  // The tip hides when focus leaves the article.
  await page.focus('#text');
  assert.equal(await page.$eval('#tip', (t) => t.hidden), true);
  await page.close();
});
