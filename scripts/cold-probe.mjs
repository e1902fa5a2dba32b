// Cold-start probe (development aid, not part of the bench): loads
// .cache/bench/site/cold-<system>.html in a fresh context RUNS times, alternating
// systems, and prints the median of each timing. Usage:
//   node scripts/cold-probe.mjs [RUNS] [system...]
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { startServer } from './serve.mjs';

const RUNS = Number(process.argv[2] || 11);
const systems = process.argv.slice(3).length ? process.argv.slice(3) : ['newsmark', 'wink'];
const text = readFileSync(process.env.PROBE_TEXT || '/tmp/article1k.txt', 'utf8');
const { server, url } = await startServer('.cache/bench/site', 0, () => ({}));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const got = Object.fromEntries(systems.map((s) => [s, []]));
for (let i = 0; i < RUNS; i++) {
  for (const s of systems) {
    const ctx = await browser.newContext();
    await ctx.addInitScript((t) => { window.__BENCH_TEXT = t; }, text);
    const p = await ctx.newPage();
    await p.goto(`${url}cold-${s}.html`);
    await p.waitForFunction(() => window.__BENCH_DONE, null, { timeout: 120000 });
    got[s].push(await p.evaluate(() => window.__BENCH_DONE));
    await ctx.close();
  }
}
const med = (xs) => { const a = xs.filter((x) => x != null).sort((x, y) => x - y); return a.length ? a[a.length >> 1] : null; };
for (const s of systems) {
  const r = got[s];
  const row = {};
  for (const k of Object.keys(r[0])) if (typeof r[0][k] === 'number') row[k] = Math.round(med(r.map((x) => x[k])));
  console.log(s, JSON.stringify(row));
}
await browser.close();
server.close();
