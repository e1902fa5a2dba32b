import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { startServer } from './serve.mjs';
const text = readFileSync('/tmp/article1k.txt', 'utf8');
const { server, url } = await startServer('.cache/bench/site', 0, () => ({}));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
for (let i = 0; i < 3; i++) {
  const ctx = await browser.newContext();
  await ctx.addInitScript((t) => { window.__BENCH_TEXT = t; }, text);
  const p = await ctx.newPage();
  await p.goto(`${url}${process.argv[2] || 'cold-phases.html'}`);
  await p.waitForFunction(() => window.__BENCH_DONE, null, { timeout: 120000 });
  const r = await p.evaluate(() => ({ done: window.__BENCH_DONE, nav: performance.getEntriesByType('navigation').map((e) => ({ rs: Math.round(e.requestStart), re: Math.round(e.responseEnd), dcl: Math.round(e.domContentLoadedEventStart) })), res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').slice(-1)[0], Math.round(e.startTime), Math.round(e.requestStart), Math.round(e.responseStart), Math.round(e.responseEnd)]) }));
  console.log(JSON.stringify(r));
  await ctx.close();
}
await browser.close(); server.close();
