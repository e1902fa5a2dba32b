// News prose, and short texts called one by one, in the browser (issue 17): what
// users run is one annotate() per article, mostly on political news. In the page
// that already holds every system (bench.html, `window.__sys`), each system
// annotates
//   - the PolNeAR dev articles, one call per article;
//   - the same articles joined into one long text, one call;
//   - the CoNLL-2003 dev documents, one call per document;
// Newsmark twice: its full pipeline, and its entity pass alone.
// warm-up, then `passes` passes with the systems alternating; the median per
// system and set. Newsmark's caches from call to call are released before each
// pass (within a pass, an article gains from the articles before it, as in use). Tokens are whitespace-separated words, as everywhere in the bench.
//
// bench.mjs calls timeNewsAndShortTexts(); alone, against the site the last
// bench built (.cache/bench/site):
//   node scripts/bench-news.mjs [passes]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { median, words } from './bench-peers.mjs';

/** The PolNeAR dev articles' texts (sorted by file name), or null without the data. */
export function polnearArticles(data) {
  const dir = join(data, 'attribution/polnear/dev/text');
  if (!existsSync(dir)) return null;
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

/**
 * Times every system of `systems` (ids in window.__sys) on each set in the page.
 * `sets`: [{ id, name, texts: string[] }] (several texts: one call each).
 * Returns { [setId]: { name, texts, tokens, systems: { [sysId]: { seconds, tps } } } }.
 */
export async function timeNewsAndShortTexts(page, systems, sets, passes, log = () => {}) {
  await page.evaluate((sets) => {
    window.__sets = Object.fromEntries(sets.map((s) => [s.id, s.texts]));
  }, sets);
  const once = (sys, set) => page.evaluate(({ sys, set }) => {
    const m = window.__sys[sys];
    const texts = window.__sets[set];
    // Newsmark keeps per-word caches between calls: each pass starts without
    // them, so no pass gains from having seen these texts in the pass before.
    m.releaseCaches?.();
    gc();
    let n = 0;
    const t0 = performance.now();
    for (const t of texts) n += m.annotate(t).entities.length;
    return { ms: performance.now() - t0, entities: n };
  }, { sys, set });
  const out = {};
  for (const set of sets) {
    const tokens = set.texts.reduce((n, t) => n + words(t), 0);
    const ms = Object.fromEntries(systems.map((s) => [s.id, []]));
    for (const s of systems) await once(s.id, set.id); // warm-up
    for (let p = 0; p < passes; p++) {
      // The order turns each pass, so no system always runs right after another.
      const order = systems.map((_, i) => systems[(i + p) % systems.length]);
      for (const s of order) ms[s.id].push((await once(s.id, set.id)).ms);
    }
    out[set.id] = {
      name: set.name, texts: set.texts.length, tokens,
      systems: Object.fromEntries(systems.map((s) => {
        const seconds = median(ms[s.id]) / 1000;
        return [s.id, { seconds, tps: tokens / seconds }];
      })),
    };
    log(`  ${set.name}: ${systems.map((s) => `${s.name} ${Math.round(out[set.id].systems[s.id].tps).toLocaleString('en-US')} tokens/s`).join(', ')}`);
  }
  return out;
}

/** Newsmark's entity pass alone (`annotate(text, { claims: false })`), timed as one more system. */
export const ENTITIES_ONLY = { id: 'newsmarkEntities', name: 'Newsmark, entities only' };

/** The systems of the news table: Newsmark, its entity pass alone, then the peers. */
export const newsSystems = (systems) => [systems[0], ENTITIES_ONLY, ...systems.slice(1)];

/** Adds ENTITIES_ONLY to window.__sys in a page where Newsmark is loaded as __sys.newsmark. */
export function addEntitiesOnly(page) {
  return page.evaluate((id) => {
    const m = window.__sys.newsmark;
    window.__sys[id] = { annotate: (t) => m.annotate(t, { claims: false }), releaseCaches: () => m.releaseCaches?.() };
  }, ENTITIES_ONLY.id);
}

/** The Markdown table of timeNewsAndShortTexts()'s result, Newsmark's column first. */
export function newsTable(res, systems) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const head = `| text | calls | tokens | ${systems.map((s) => `${s.name} tokens/s`).join(' | ')} | ${systems.slice(1).map((s) => `${s.name} vs Newsmark`).join(' | ')} |`;
  const rule = `|---|---:|---:|${systems.map(() => '---:').join('|')}|${systems.slice(1).map(() => '---:').join('|')}|`;
  const rows = Object.values(res).map((r) => {
    const nm = r.systems[systems[0].id].tps;
    return `| ${r.name} | ${r.texts} | ${fmt(r.tokens)} | ${systems.map((s) => fmt(r.systems[s.id].tps)).join(' | ')} | ${systems.slice(1).map((s) => `${(r.systems[s.id].tps / nm).toFixed(2)}×`).join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** The sets the bench times: news prose first, then CoNLL's short documents. */
export function newsSets(data, conllDocs) {
  const sets = [];
  const articles = polnearArticles(data);
  if (articles) {
    sets.push({ id: 'polnear', name: `PolNeAR dev, one call per article (${articles.length} articles)`, texts: articles });
    sets.push({ id: 'polnearLong', name: 'PolNeAR dev articles joined, one call', texts: [articles.join('\n\n')] });
  }
  sets.push({ id: 'conllDocs', name: `CoNLL-2003 dev, one call per document (${conllDocs.length} documents)`, texts: conllDocs });
  return sets;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { BROWSER_SYSTEMS, SITE, conllDocs } = await import('./bench-peers.mjs');
  const { startServer } = await import('./serve.mjs');
  const DATA = process.env.NEWSMARK_DATA || '../shared/data';
  const passes = Number(process.argv[2] || 5);
  const { server, url } = await startServer(SITE, 0, () => ({}));
  const { CHROMIUM_ARGS } = await import('../tests/e2e/helpers.mjs');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    await page.goto(url + 'bench.html');
    await page.evaluate(async (systems) => {
      window.__sys = {};
      for (const s of systems) { const m = await import(s.module); await m.load(); await m.loadClaims?.(); window.__sys[s.id] = m; }
    }, BROWSER_SYSTEMS);
    await addEntitiesOnly(page);
    const sets = newsSets(DATA, conllDocs(join(DATA, 'conll2003/dev.txt')).map((d) => d.text));
    const res = await timeNewsAndShortTexts(page, newsSystems(BROWSER_SYSTEMS), sets, passes, console.log);
    console.log(newsTable(res, newsSystems(BROWSER_SYSTEMS)));
  } finally {
    await browser.close();
    server.close();
  }
}
