import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '/work/main/tests/e2e/helpers.mjs';
import { startServer } from '/work/main/scripts/serve.mjs';
const { server, url } = await startServer('/work/main/.cache/bench/site', 0, () => ({}));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const T = (await import('node:fs')).readFileSync('/tmp/article1k.txt','utf8'); const agg = {};
for (let run = 0; run < 5; run++) {
  const ctx = await browser.newContext();
  await ctx.addInitScript((t) => { window.__T = t; }, T); const p = await ctx.newPage();
  
  
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await p.goto(url + 'bench.html', { waitUntil: 'commit' });
  await cdp.send('Profiler.start');
  await p.evaluate(async () => {
    const glue = await import('./newsmark/pkg/newsmark.js');
    const module = await WebAssembly.compileStreaming(fetch('./newsmark/pkg/newsmark_bg.wasm'));
    await glue.default({ module_or_path: module });
    const t = performance.now();
    glue.checkModel(); const t2 = performance.now(); glue.annotateEntities(window.__T); window.__a = performance.now() - t2;
    window.__t = performance.now() - t;
  });
  const { profile } = await cdp.send('Profiler.stop');
  console.log('check ms', await p.evaluate(() => [window.__t, window.__a]));
  const self = {};
  const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || '(anon ' + n.callFrame.url.slice(-20) + ')'; self[k] = (self[k] || 0) + (dt[i] || 0) / 1000; });
  for (const [k, v] of Object.entries(self)) agg[k] = (agg[k] || 0) + v / 5;
  await ctx.close();
}
Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(1), k));
await browser.close(); server.close();
