// The second file (issue 14): the claims and attribution models come in
// `pkg/newsmark-claims.bin`, after the entities. These tests hold that file
// back and check the order of what a reader sees: the entities first, with
// "finding claims…", then the claims and their claimants, with every edit made
// meanwhile kept. And a hard-wrapped wire story pasted into the page keeps its
// attributions whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, makeSite } from './helpers.mjs';
import { annotateText, highlights, clickHighlight, exportedJson, BRUSSELS_ARTICLE } from './app-helpers.mjs';

let env; // the app page (www/)
let embed; // a host site with the module folder copied in
before(async () => {
  env = await setup();
  const site = makeSite({ 'host.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title></head><body><main><article id="story"><p>Ursula Kessler, the head of Nordwind Energy, said on Friday that electricity prices had risen 40% since 2021.</p><p>Kessler met officials in Ghent.</p></article></main></body></html>' });
  embed = await setup(undefined, site);
});
after(async () => {
  await env?.close();
  await embed?.close();
});

/**
 * A page (of `on`) whose requests for the second file, the claims pack and the
 * second module (attribution finding, its glue and wasm), wait until
 * `release()` is called.
 */
async function heldPage(path, on = env) {
  const page = await on.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const held = new Promise((ok) => { release = ok; });
  let asked = 0;
  const hold = async (route) => {
    asked++;
    await held;
    await route.continue();
  };
  await page.route('**/newsmark-claims.bin', hold);
  await page.route('**/newsmark_attribution*', hold);
  await page.goto(on.url + path);
  return { page, errors, release, asked: () => asked };
}

test('the page shows entities first, says it is finding claims, then adds them and keeps the edits made meanwhile', async () => {
  const { page, errors, release, asked } = await heldPage('index.html');
  // Annotate is enabled as soon as the entity model is loaded: the claims pack is not needed.
  await page.waitForSelector('#annotate:not([disabled])', { timeout: 20000 });
  await annotateText(page, BRUSSELS_ARTICLE);
  assert.ok(asked() >= 3, 'the claims pack and the second module were asked for');
  const entities = await highlights(page);
  assert.ok(entities.some((e) => e.text === 'Ursula Kessler' && e.label === 'PER'), JSON.stringify(entities));
  assert.equal(await page.locator('#output .claim').count(), 0);
  assert.match(await page.textContent('#claims'), /Finding claims…/);
  assert.match(await page.textContent('#status'), /finding claims…/);
  // An edit while the claims are on their way: delete the highlight of Antwerp.
  await clickHighlight(page, 'Antwerp');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => ![...document.querySelectorAll('#output mark[data-head]')].some((m) => m.textContent.startsWith('Antwerp')));

  release();
  await page.waitForFunction(() => document.querySelectorAll('#output .claim').length >= 2, null, { timeout: 20000 });
  const panel = await page.$$eval('#claims li', (lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.ok(panel.some((p) => /claimant: Ursula Kessler/.test(p)), JSON.stringify(panel));
  assert.doesNotMatch(await page.textContent('#claims'), /Finding claims/);
  assert.match(await page.textContent('#status'), /check-worthy claims/);
  // The deletion made before the claims came is still there.
  const after = await highlights(page);
  assert.ok(!after.some((e) => e.text === 'Antwerp'), JSON.stringify(after));
  assert.equal(after.length, entities.length - 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the embed marks entities first; claimsShown() and newsmark:claims bring the claims', async () => {
  const { page, errors, release } = await heldPage('host.html', embed);
  const first = await page.evaluate(async () => {
    const m = await import('/static/newsmark/newsmark.js');
    const el = document.getElementById('story');
    window.__before = el.textContent;
    window.__events = [];
    el.addEventListener('newsmark:claims', (ev) => window.__events.push(ev.detail.claims.length));
    const r = await m.annotateElement(el);
    window.__shown = m.claimsShown(el).then((full) => { window.__full = full; });
    return {
      entities: r.entities.map((e) => e.text),
      claims: r.claims,
      attributions: r.attributions,
      marks: el.querySelectorAll('nm-mark').length,
      claimEls: el.querySelectorAll('nm-claim').length,
    };
  });
  assert.ok(first.entities.includes('Ursula Kessler'), JSON.stringify(first));
  assert.equal(first.claims, null);
  assert.equal(first.attributions, null);
  assert.ok(first.marks > 0);
  assert.equal(first.claimEls, 0);

  release();
  await page.waitForFunction(() => window.__full !== undefined, null, { timeout: 20000 });
  const then = await page.evaluate(() => {
    const el = document.getElementById('story');
    return {
      claims: window.__full.claims.map((c) => c.text),
      claimants: window.__full.attributions.map((a) => a.source && a.source.text),
      claimEls: el.querySelectorAll('nm-claim').length,
      events: window.__events,
      same: el.textContent === window.__before,
    };
  });
  assert.ok(then.claims.length >= 1, JSON.stringify(then));
  assert.ok(then.claimants.some((s) => s && s.startsWith('Ursula Kessler')), JSON.stringify(then));
  assert.ok(then.claimEls >= 1);
  assert.deepEqual(then.events, [then.claims.length]);
  assert.ok(then.same, 'the element\'s text is unchanged');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The wire story of tests/hard_wraps.rs, hard-wrapped at 64 columns as wire copy comes. */
const WIRE = [
  'Armenia, Azerbaijan trade blame over border shooting',
  '',
  'YEREVAN/BAKU, Sept 12 (Reuters) - Azerbaijan\'s defence ministry on',
  'Monday accused Armenian forces of shooting at the positions of its',
  'troops near the village of Sotk, and said it had taken "adequate',
  'retaliatory measures".',
  '',
  'The defense ministry in Yerevan said in a statement that',
  'Azerbaijani forces had opened fire first, adding there had been no',
  'casualties among its soldiers.',
  '',
  'U.S. Secretary of State Antony Blinken called on both parties to',
  '"refrain from the use of force" and to return to talks in',
  'Washington, according to a State Department readout of his calls',
  'with the two leaders.',
].join('\n');

test('a hard-wrapped wire story pasted into the page keeps its attributions whole', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.url + 'index.html');
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  await annotateText(page, WIRE);
  const doc = await exportedJson(page);
  // The file's offsets are code points; the story is ASCII, so they index the string.
  const flat = (s) => (s ? doc.text.slice(s.start, s.end).replace(/\s+/g, ' ') : null);
  const hull = (pieces) => ({ start: pieces[0].start, end: pieces[pieces.length - 1].end });
  const found = doc.attributions.map((a) => [flat(a.source), flat(a.cue), flat(hull(a.content))]);
  const has = (source, cue, start, end) => found.some(([s, c, t]) => s === source && c === cue && t.startsWith(start) && t.endsWith(end));
  assert.ok(has('Azerbaijan\'s defence ministry', 'accused', 'Armenian forces', 'village of Sotk'), JSON.stringify(found));
  assert.ok(has('The defense ministry in Yerevan', 'said in a statement', 'that Azerbaijani forces', 'opened fire first'), JSON.stringify(found));
  assert.ok(has('The defense ministry in Yerevan', 'adding', 'there had been', 'among its soldiers'), JSON.stringify(found));
  assert.ok(has('U.S. Secretary of State Antony Blinken', 'called on', 'both parties to', 'talks in Washington'), JSON.stringify(found));
  await page.close();
});
