// UI benchmark for the correction screen (www/index.html), in headless Chromium:
//
//   CHROMIUM=/usr/bin/chromium node scripts/bench-ui.mjs [--words 20000] [--runs 7] [--edits 25]
//
// Prints one JSON object:
//  - annotate.short, annotate.long: a 2,000-word article (annotated on the
//    page's thread) and a --words one (over 32,768 characters: annotated in a
//    Web Worker piece by piece, then rendered in slices), from the Annotate click
//    until the status says the article is shown, then to the end of layout
//    (`render`) and to the next painted frame (`paint`); `wasm` is the
//    annotation time the page reports, `longest` the longest main-thread task
//    meanwhile (PerformanceObserver 'longtask'; 0 if none over 50 ms).
//  - edit: one keyboard edit on a highlight in the middle of that article
//    (relabel, accept, resize, delete, undo), from the keydown to the end of
//    layout: the state change, the re-render of the one touched paragraph, the
//    sidebar and the history. Budget: 16 ms.
// Times are medians (and min/max, p95) over repeated runs, in milliseconds.
// Nothing is asserted: ./build.sh bench turns these numbers into BENCHMARKS.md.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { startServer } from './serve.mjs';
import { longArticle } from './long-article.mjs';
import { fileURLToPath } from 'node:url';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const WORDS = arg('words', 20000);
const RUNS = arg('runs', 7);
const EDITS = arg('edits', 25);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, median: r(q(0.5)), min: r(s[0]), p95: r(q(0.95)), max: r(s[s.length - 1]) };
};

const www = fileURLToPath(new URL('../www/', import.meta.url));
const { server, url } = await startServer(www, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}index.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });

  // Two articles: a short one (annotated on the page's thread) and WORDS words (over the
  // page's 32,768-character threshold: annotated in the worker, rendered in slices). For each,
  // warm up once, then time RUNS annotations: click → the status says "Found" (the article is
  // shown) → laid out → painted; and the longest main-thread task meanwhile (longtask observer).
  const annotateRuns = async (text) => {
    const runs = [];
    for (let k = 0; k <= RUNS; k++) {
      const r = await page.evaluate(async (t) => {
        const box = document.getElementById('text');
        box.value = t;
        const out = document.getElementById('output');
        const status = document.getElementById('status');
        status.textContent = '';
        const long = [];
        const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
        po.observe({ type: 'longtask' });
        const t0 = performance.now();
        document.getElementById('annotate').click();
        await new Promise((ok) => {
          const check = () => (/^Found/.test(status.textContent) ? ok() : setTimeout(check, 2));
          check();
        });
        void out.offsetHeight; // style and layout
        const t1 = performance.now();
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))); // after that frame's paint
        const t2 = performance.now();
        for (const e of po.takeRecords()) long.push(e.duration);
        po.disconnect();
        const wasm = Number((status.textContent.match(/in (<?\d+) ms/) ?? [])[1]?.replace('<', '') ?? NaN);
        return { render: t1 - t0, paint: t2 - t0, wasm, longest: Math.max(0, ...long) };
      }, k % 2 ? text : `${text} `); // alternate texts: each run is a new article, rendered in full
      if (k > 0) runs.push(r);
      await page.waitForTimeout(500); // let the autosave of the previous article finish
    }
    return {
      words: text.split(/\s+/).filter(Boolean).length,
      chars: text.length,
      render: stats(runs.map((r) => r.render)),
      paint: stats(runs.map((r) => r.paint)),
      wasm: stats(runs.map((r) => r.wasm).filter(Number.isFinite)),
      longest: stats(runs.map((r) => r.longest)),
    };
  };
  const short = await annotateRuns(longArticle(2000, 3));
  const text = longArticle(WORDS);
  const long = await annotateRuns(text);
  const article = await page.evaluate(() => {
    const o = document.getElementById('output');
    const t = document.getElementById('text').value;
    return {
      words: t.split(/\s+/).filter(Boolean).length,
      chars: t.length,
      paragraphs: o.querySelectorAll('.para').length,
      entities: o.querySelectorAll('mark[data-head]').length,
      claims: o.querySelectorAll('.claim').length,
      domNodes: o.getElementsByTagName('*').length,
    };
  });

  // Edits: on a highlight in the middle, by synthetic keydown events (the page's own handlers).
  const edits = await page.evaluate(async (n) => {
    const out = document.getElementById('output');
    const marks = out.querySelectorAll('mark[data-head]');
    marks[Math.floor(marks.length / 2)].focus();
    const key = (k, opts = {}) => {
      const target = document.activeElement;
      const code = /^[0-9]$/.test(k) ? `Digit${k}` : k.length === 1 ? `Key${k.toUpperCase()}` : k;
      const t0 = performance.now();
      target.dispatchEvent(new KeyboardEvent('keydown', { key: k, code, bubbles: true, cancelable: true, ...opts }));
      void out.offsetHeight;
      return performance.now() - t0;
    };
    const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    const res = { relabel: [], accept: [], resize: [], delete: [], undo: [] };
    for (let i = 0; i < n; i++) {
      res.relabel.push(key(i % 2 ? '2' : '4'));
      await frame();
      res.resize.push(key('ArrowRight', { altKey: true }));
      await frame();
      res.undo.push(key('z', { ctrlKey: true })); // undo the resize
      await frame();
      res.delete.push(key('Delete'));
      await frame();
      key('z', { ctrlKey: true }); // bring it back (undo timed above)
      await frame();
      // Move to the next highlight, then accept it.
      key('Tab');
      await frame();
      res.accept.push(key('a'));
      await frame();
    }
    return res;
  }, EDITS);
  const all = Object.values(edits).flat();

  const result = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    article,
    annotate: { short, long },
    edit: {
      budget_ms: 16,
      all: stats(all),
      ...Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, stats(v)])),
    },
    errors,
  };
  console.log(JSON.stringify(result, null, 2));
  await context.close();
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}
