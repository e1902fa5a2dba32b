// `./build.sh bench`: measures Newsmark's speed, size and accuracy and writes
// BENCHMARKS.md. Run from the repository root after `./build.sh build`.
//
// Texts: the CoNLL-2003 dev documents as raw text (tokens joined by spaces,
// one sentence per line), and one long article (>= 100k tokens) made by
// concatenating them. Tokens are counted as whitespace-separated words, the
// same way for every system.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setup } from '../tests/e2e/helpers.mjs';

const DATA = process.env.NEWSMARK_DATA || '../shared/data';
const CLI = 'target/release/newsmark';
const PASSES = Number(process.env.BENCH_PASSES || 7);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const words = (t) => t.split(/\s+/).filter(Boolean).length;

function conllDocs(path) {
  const docs = [];
  let doc = [], sent = [];
  const flushSent = () => { if (sent.length) { doc.push(sent.join(' ')); sent = []; } };
  const flushDoc = () => { flushSent(); if (doc.length) { docs.push(doc.join('\n')); doc = []; } };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) { flushSent(); continue; }
    const w = t.split(/\s+/)[0];
    if (w === '-DOCSTART-') { flushDoc(); continue; }
    sent.push(w);
  }
  flushDoc();
  return docs;
}

function machine() {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${process.platform} ${execFileSync('uname', ['-r']).toString().trim()}`;
}

function evalF1(file) {
  const out = execFileSync(CLI, ['eval', file]).toString();
  const rows = {};
  for (const m of out.matchAll(/^\s*(\w+): precision:\s+([\d.]+)%; recall:\s+([\d.]+)%; FB1:\s+([\d.]+)/gm)) {
    rows[m[1]] = { p: +m[2], r: +m[3], f1: +m[4] };
  }
  return rows;
}

const devPath = join(DATA, 'conll2003/dev.txt');
if (!existsSync(devPath)) {
  console.error(`bench: ${devPath} not found; set NEWSMARK_DATA to the data directory`);
  process.exit(1);
}
const docs = conllDocs(devPath);
let long = '';
while (words(long) < 100000) long += docs.join('\n\n') + '\n\n';
const longTokens = words(long);
const devTokens = docs.reduce((n, d) => n + words(d), 0);
const article1k = (() => { let t = ''; for (const d of docs) { if (words(t) >= 1000) break; t += d + '\n\n'; } return t.split(/(\s+)/).slice(0, 1999).join(''); })();
const tmp = mkdtempSync(join(tmpdir(), 'newsmark-bench-'));
writeFileSync(join(tmp, 'long.txt'), long);
writeFileSync(join(tmp, 'dev.jsonl'), docs.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n');

const results = { date: new Date().toISOString().slice(0, 10), machine: machine() };

// ---- native: in-process annotate() on the long article
console.error(`native: ${fmt(longTokens)}-token article, ${PASSES} passes`);
const nat = JSON.parse(execFileSync(CLI, ['bench', join(tmp, 'long.txt'), '--passes', String(PASSES)]).toString());
results.native = { tokens: nat.tokens, seconds: median(nat.seconds), tps: nat.tokens / median(nat.seconds) };

// ---- native: the whole CLI over the dev documents as JSON lines (start-up, JSON in and out)
const cliRuns = [];
for (let i = 0; i <= PASSES; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(CLI, ['annotate', '--jsonl'], { input: readFileSync(join(tmp, 'dev.jsonl')), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
  if (i > 0) cliRuns.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
results.cli = { tokens: devTokens, seconds: median(cliRuns), tps: devTokens / median(cliRuns) };

// ---- browser
console.error('browser: headless Chromium');
const env = await setup();
try {
  const page = await env.browser.newPage();
  await page.goto(env.url + 'index.html');
  await page.waitForSelector('html[data-ready="true"]');
  const b = await page.evaluate(async ({ text, passes }) => {
    const m = await import('./newsmark.js');
    await m.load();
    m.annotate(text); // warm-up
    const times = [];
    for (let i = 0; i < passes; i++) {
      const t0 = performance.now();
      m.annotate(text);
      times.push(performance.now() - t0);
    }
    const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
    return { times, heap };
  }, { text: long, passes: PASSES });
  results.browser = { tokens: longTokens, seconds: median(b.times) / 1000, tps: longTokens / (median(b.times) / 1000) };
  await page.close();

  // Cold start: a fresh context (empty cache), navigation start to first annotation of a 1,000-word article.
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await env.browser.newContext();
    const p = await ctx.newPage();
    await p.goto(env.url + 'index.html', { waitUntil: 'commit' });
    const ms = await p.evaluate(async (text) => {
      const m = await import('./newsmark.js');
      await m.load();
      m.annotate(text);
      return performance.now();
    }, article1k);
    colds.push(ms);
    await ctx.close();
  }
  results.cold = { words: words(article1k), ms: median(colds) };
} finally {
  await env.close();
}

// ---- sizes: everything the page downloads
const files = ['index.html', 'style.css', 'app.js', 'newsmark.js', 'favicon.svg', 'pkg/newsmark.js', 'pkg/newsmark_bg.wasm'];
let raw = 0, gz = 0;
for (const f of files) { const b = readFileSync(join('www', f)); raw += b.length; gz += gzipSync(b, { level: 9 }).length; }
const wasm = readFileSync('www/pkg/newsmark_bg.wasm');
results.size = { wasmRaw: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, pageRaw: raw, pageGzip: gz, model: statSync('models/ner.nmk').size };

// ---- accuracy
results.f1 = { dev: evalF1(devPath) };
const wiki = join(DATA, 'wikigold/dev.txt');
if (existsSync(wiki)) results.f1.wikigold = evalF1(wiki);

// ---- report
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const f1row = (name, r) => r ? `| ${name} | ${r.overall.f1.toFixed(2)} | ${['PER', 'ORG', 'LOC', 'MISC'].map((l) => r[l]?.f1.toFixed(2) ?? '–').join(' | ')} |` : '';
const md = `# Benchmarks

Written by \`./build.sh bench\` (scripts/bench.mjs). Do not edit by hand: rerun it.

- **Date:** ${results.date}
- **Machine:** ${results.machine}
- **Browser:** headless Debian Chromium (playwright-core), one page, \`annotate()\` from \`www/newsmark.js\`
- **Texts:** CoNLL-2003 dev as raw text (${docs.length} documents, ${fmt(devTokens)} tokens, one sentence per line);
  the long article is those documents concatenated to ${fmt(longTokens)} tokens. Tokens = whitespace-separated words.
- **Method:** one warm-up pass, then the median of ${PASSES} passes.

## Speed

| what | tokens | median time | tokens/s |
|---|---:|---:|---:|
| native, in-process \`annotate()\` on the long article | ${fmt(results.native.tokens)} | ${(results.native.seconds * 1000).toFixed(1)} ms | **${fmt(results.native.tps)}** |
| native CLI, \`newsmark annotate --jsonl\` over the dev documents (process start, JSON in and out) | ${fmt(results.cli.tokens)} | ${(results.cli.seconds * 1000).toFixed(1)} ms | ${fmt(results.cli.tps)} |
| headless Chromium, \`annotate()\` on the long article | ${fmt(results.browser.tokens)} | ${(results.browser.seconds * 1000).toFixed(1)} ms | **${fmt(results.browser.tps)}** |

Cold start in Chromium (fresh context, from navigation start to the first annotation of a ${results.cold.words}-word article, median of 5): **${results.cold.ms.toFixed(0)} ms**.

## Size

| file | raw | gzip -9 |
|---|---:|---:|
| \`www/pkg/newsmark_bg.wasm\` (model inside) | ${kb(results.size.wasmRaw)} | ${kb(results.size.wasmGzip)} |
| everything the page downloads (${files.length} files) | ${kb(results.size.pageRaw)} | **${kb(results.size.pageGzip)}** |
| \`models/ner.nmk\` (entity model file) | ${kb(results.size.model)} | |

## Accuracy (entity-level F1, \`newsmark eval\`)

| set | overall | PER | ORG | LOC | MISC |
|---|---:|---:|---:|---:|---:|
${f1row('CoNLL-2003 dev', results.f1.dev)}
${f1row('wikigold dev sample (out of domain)', results.f1.wikigold)}
`;
writeFileSync('BENCHMARKS.md', md);
console.log(md);
