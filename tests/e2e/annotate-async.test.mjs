// annotateAsync(): a long text has its attributions found in a helper worker
// (the second module) while the page's thread finds its entities and claims, and the joined
// result is exactly what annotate() returns. Short texts, and pages whose
// policy forbids workers, are annotated on the page's thread, with the same result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, makeSite, openPage, STRICT_CSP } from './helpers.mjs';

// Written for this test (not from any corpus): reported speech, names and numbers.
const PARAGRAPHS = [
  'BRUSSELS, May 12 - Ursula Kessler, the head of Nordwind Energy, said on Friday that the company would close its plant in Antwerp by 2027.',
  'Kessler told reporters in Brussels that electricity prices had risen 40% since 2021. The European Commission declined to comment.',
  '“We will not wait for the regulator,” said Pieter Janssens, a union leader in Ghent, adding that 1,200 jobs were at risk.',
  'According to the Belgian statistics office, unemployment in Flanders rose to 4.1% in April, the highest rate since 2016.',
  'The ministry accused the company of hiding its losses, and officials said an inquiry would open next month.',
];

/** A news text of at least `chars` UTF-16 code units: the paragraphs again and again, numbered so no two are alike. */
function longText(chars) {
  const out = [];
  for (let i = 0; out.join('\n\n').length < chars; i++) out.push(PARAGRAPHS[i % PARAGRAPHS.length].replace('2027', String(2027 + i)));
  return out.join('\n\n');
}

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>async</title></head><body><script type="module" src="run.js"></script></body></html>';
// The page loads the module and its claims pack, then says so.
const RUN = `import * as m from './static/newsmark/newsmark.js';
window.__m = m;
await m.load();
await m.loadClaims();
document.documentElement.dataset.ready = 'true';`;

let env;
let strict; // the same site under a policy that forbids workers
before(async () => {
  const site = makeSite({ 'index.html': PAGE, 'run.js': RUN });
  env = await setup(undefined, site);
  strict = await setup((path) => (path.endsWith('.html') ? { 'content-security-policy': `${STRICT_CSP}; worker-src 'none'` } : {}), site);
});
after(async () => {
  await env?.close();
  await strict?.close();
});

async function ready(on) {
  const p = await openPage(on.browser, on.url + 'index.html');
  await p.page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  return p;
}

test('a long text: the helper worker finds the attributions, and the result is what annotate() gives', async () => {
  const p = await ready(env);
  const text = longText(45000);
  const first = await p.page.evaluate(async (text) => {
    const m = window.__m;
    const before = m.helperReady();
    const r = await m.annotateAsync(text); // starts the worker; annotated here
    return { before, long: text.length >= m.PARALLEL_CHARS, served: m.helperCalls(), json: JSON.stringify(r) };
  }, text);
  assert.ok(first.long, 'the text is long enough for the helper');
  assert.equal(first.before, false, 'no helper before a long call');
  assert.equal(first.served, 0, 'the first call ran before the helper was ready');
  await p.page.waitForFunction(() => window.__m.helperReady(), null, { timeout: 60000 });
  const out = await p.page.evaluate(async (text) => {
    const m = window.__m;
    const joined = await m.annotateAsync(text);
    return { served: m.helperCalls(), joined: JSON.stringify(joined), plain: JSON.stringify(m.annotate(text)), result: joined };
  }, text);
  assert.equal(out.served, 1, 'the second call was joined from the helper');
  assert.ok(p.page.workers().some((w) => w.url().endsWith('/newsmark-helper.js')), 'the helper is a worker of the page');
  assert.equal(out.joined, out.plain, 'the joined halves are exactly annotate()');
  assert.equal(first.json, out.plain);
  const r = out.result;
  // The halves were both there: entities, claims, attributions, and the links between them.
  assert.ok(r.entities.some((e) => e.text === 'Ursula Kessler' && e.label === 'PER'));
  assert.ok(r.attributions.length >= 20, `attributions: ${r.attributions.length}`);
  assert.ok(r.claims.length >= 20, `claims: ${r.claims.length}`);
  const linked = r.attributions.filter((a) => a.source_entity != null);
  assert.ok(linked.length >= 10, 'sources are linked to the entities found on the other thread');
  for (const a of linked) assert.ok(r.entities[a.source_entity].start >= a.source.start - 40);
  assert.ok(r.claims.some((c) => c.attribution != null), 'claims are linked to their attributions');
  for (const x of [...r.entities, ...r.claims, ...r.attributions.map((a) => a.content)]) assert.equal(text.slice(x.start, x.end), x.text);

  // Two long texts at once, each joined with its own half; then the worker stopped and started again.
  const two = await p.page.evaluate(async ([a, b]) => {
    const m = window.__m;
    const [ra, rb] = await Promise.all([m.annotateAsync(a), m.annotateAsync(b)]);
    const same = JSON.stringify(ra) === JSON.stringify(m.annotate(a)) && JSON.stringify(rb) === JSON.stringify(m.annotate(b));
    const served = m.helperCalls();
    m.stopHelper();
    return { same, served, after: m.helperReady() };
  }, [text, longText(38000).replace(/Kessler/g, 'Vermeulen')]);
  assert.equal(two.same, true, 'concurrent calls get their own results');
  assert.equal(two.served, 3);
  assert.equal(two.after, false, 'stopHelper() stops it');
  await p.page.evaluate((t) => window.__m.annotateAsync(t), text); // starts it again
  await p.page.waitForFunction(() => window.__m.helperReady(), null, { timeout: 60000 });
  const again = await p.page.evaluate(async (t) => {
    const r = await window.__m.annotateAsync(t);
    return { served: window.__m.helperCalls(), same: JSON.stringify(r) === JSON.stringify(window.__m.annotate(t)) };
  }, text);
  assert.deepEqual(again, { served: 4, same: true });
  assert.deepEqual(p.errors, []);
  await p.page.close();
});

test('without newsmark-helper.js (a bundle that left it out), long texts are annotated on the page thread', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/newsmark-helper.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto(env.url + 'index.html');
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  const text = longText(32000);
  const out = await page.evaluate(async (text) => {
    const m = window.__m;
    const first = await m.annotateAsync(text);
    await new Promise((ok) => setTimeout(ok, 1000)); // time for the worker's failure to arrive
    const second = await m.annotateAsync(text);
    const plain = JSON.stringify(m.annotate(text));
    return { same: JSON.stringify(first) === plain && JSON.stringify(second) === plain, ready: m.helperReady(), served: m.helperCalls(), attributions: second.attributions.length };
  }, text);
  assert.deepEqual({ same: out.same, ready: out.ready, served: out.served }, { same: true, ready: false, served: 0 });
  assert.ok(out.attributions >= 10);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a short text is annotated on the page thread and starts no worker', async () => {
  const p = await ready(env);
  const out = await p.page.evaluate(async () => {
    const m = window.__m;
    const text = 'Ursula Kessler, the head of Nordwind Energy, said on Friday that prices had risen 40% since 2021.';
    const a = await m.annotateAsync(text);
    return { same: JSON.stringify(a) === JSON.stringify(m.annotate(text)), ready: m.helperReady(), attributions: a.attributions.length };
  });
  assert.equal(out.same, true);
  assert.equal(out.ready, false);
  assert.ok(out.attributions >= 1);
  assert.equal(p.page.workers().length, 0);
  // Bad input is refused as annotate() refuses it.
  const err = await p.page.evaluate(() => window.__m.annotateAsync(42).then(() => 'resolved', (e) => e.message));
  assert.match(err, /takes a string/);
  await p.page.close();
});

test('where the page forbids workers, long texts are annotated on the page thread, with the same result', async () => {
  const p = await ready(strict);
  const text = longText(35000);
  const out = await p.page.evaluate(async (text) => {
    const m = window.__m;
    const first = await m.annotateAsync(text);
    await new Promise((ok) => setTimeout(ok, 500));
    const second = await m.annotateAsync(text);
    const plain = JSON.stringify(m.annotate(text));
    return { ready: m.helperReady(), served: m.helperCalls(), same: JSON.stringify(first) === plain && JSON.stringify(second) === plain, attributions: second.attributions.length };
  }, text);
  assert.equal(out.ready, false, 'no helper under worker-src none');
  assert.equal(out.served, 0);
  assert.equal(out.same, true);
  assert.ok(out.attributions >= 10);
  assert.ok((await p.violations()).some((v) => v.directive.startsWith('worker-src')), 'the policy did refuse the worker');
  await p.page.close();
});
