// End to end: Newsmark embedded in newsroom pages (README, "Embedding").
// annotateElement() on nested article markup, clear(), the strict CSP, host
// styles, requests, globals, the <newsmark-annotator> element and keyboard edits.
//
// The pages are written here, into a throwaway site with a copy of the module
// folder alone (www/newsmark/, what a CMS copies) at /static/newsmark/ (not at the
// root: the module must find its files itself). The demo page (www/embed.html) is
// served from www/ mounted at /demo/. Every .html page is served with the strict
// CSP header, except under /plain/ (a page with inline <style> and <script>
// elements to skip, which the CSP would block); under /tt/ (www/ again) the CSP
// also enforces Trusted Types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, makeSite, openPage, STRICT_CSP, WWW } from './helpers.mjs';

const MOUNT = '/static/newsmark/';
const MODULE_FILES = ['newsmark.js', 'newsmark-theme.js', 'newsmark-text.js', 'newsmark-async.js', 'newsmark-annotator.js', 'pkg/newsmark.js', 'pkg/newsmark_bg.wasm', 'pkg/newsmark-claims.bin', 'pkg/newsmark_attribution.js', 'pkg/newsmark_attribution_bg.wasm'];

// Written for these tests (not from any corpus). A name split across <b>, a link
// whose name wraps across source lines, &nbsp;, an emoji (two UTF-16 units) before a
// name in a figure caption, two paragraphs with no white space between them, and
// content to skip.
const ARTICLE = `<article id="story">
<header><p class="kicker">Diplomacy</p><h1>Leaders meet in Wellington</h1></header>
<p id="p1">Prime Minister Jacin<b id="bold">da Ardern</b> met officials from the <a id="link" href="/eu">European
    Commission</a> in Wellington on <i>Tuesday</i>.</p>
<p>She later flew to France to meet Emmanuel&nbsp;Macron, who said the talks had gone “very well”.SCRIPT</p>
<figure id="fig"><img alt="" src="pic.svg" width="8" height="8"><figcaption>📷 Olaf Scholz speaks in Berlin on March 3, 2024.</figcaption></figure>
<p>The talks ended in Paris</p><p>London responded on Monday.</p>
<aside class="ad" data-newsmark-ignore>Advertisement: fly to Tokyo with Qantas</aside>
<noscript>Sydney</noscript><template>Canberra</template><textarea>Auckland</textarea><p hidden>Melbourne</p>STYLE
</article>`;

const EXPECTED = {
  Wellington: 'LOC', Jacinda: 'PER', Ardern: 'PER', European: 'ORG', Commission: 'ORG', Tuesday: 'DATE',
  France: 'LOC', Emmanuel: 'PER', Macron: 'PER', Olaf: 'PER', Scholz: 'PER', Berlin: 'LOC',
  March: 'DATE', 2024: 'DATE', Paris: 'LOC', London: 'LOC', Monday: 'DATE',
};
const UNMARKED = ['Diplomacy', 'Leaders', 'meet', 'Minister', 'met', 'officials', 'from', 'the', 'She', 'flew',
  'said', 'talks', 'very', 'well', 'speaks', 'ended', 'responded',
  // skipped content
  'Advertisement', 'Tokyo', 'Qantas', 'Sydney', 'Canberra', 'Auckland', 'Melbourne', 'Kyiv', 'Oslo'];

const page = (title, body, { css = [], scripts = [] } = {}) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="favicon.svg">
${css.map((c) => `<link rel="stylesheet" href="${c}">`).join('\n')}
${scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n')}
</head><body>${body}</body></html>`;

// Rules a CMS theme might have (and some it should not) that could clobber highlights.
const HOSTILE_CSS = `
html { font-size: 40px; }
body { font: 18px/1.6 Georgia, serif; color: #222; background: #fafafa; }
* { color: #777 !important; letter-spacing: 0.02em; }
mark { all: unset; }
span, em { background: black; }
:not(:defined) { display: none !important; }
[title] { border-bottom: 3px dotted red; cursor: help; }
[tabindex] { display: none !important; }
[role="button"] { background: black !important; color: black !important; }
*::after { content: ""; }
article ::after { text-transform: lowercase; }
a { color: #8a1c1c !important; }
b { font-weight: 900; }
figure { margin: 0; }
figcaption { font-size: 12px; }
.kicker { text-transform: uppercase; }
`;

// The same names the element's shadow DOM uses, with rules that would wreck it if they got in.
const CONFLICT_CSS = `
html { font-size: 40px; }
* { color: red !important; font-size: 30px; letter-spacing: 3px; font-family: serif; }
textarea, button { display: none !important; }
mark, nm-mark { all: unset; background: black; }
.root, .output, .legend, .status, .chip, .count, .actions, #output, #legend, #text, #annotate { display: none !important; outline: 5px solid lime; }
ul { list-style: square; padding: 3em; }
kbd { background: yellow; }
:not(:defined) { display: none !important; }
`;
const LOOKALIKES = `<div class="root"><textarea id="text">host textarea</textarea>
<button id="annotate" type="button">Host button</button>
<ul class="legend" id="legend"><li><span class="chip">host chip</span> <span class="count">3</span></li></ul>
<div class="output" id="output">host output <kbd>K</kbd></div><p class="status">host status</p></div>`;

const SITE = {
  'plain/article.html': page('Markup', ARTICLE
    .replace('SCRIPT', '<script type="application/ld+json">{"about": "Tokyo"}</script><script>/* Kyiv */</script>')
    .replace('STYLE', '<style>.oslo::before { content: "Oslo"; }</style>')
    .replace('<h1>', '<h1 data-note="OSLO">')),
  'plain/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
  'plain/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
  'news/article.html': page('Article', `<p><a id="before" href="#story">Skip to the story</a></p>${ARTICLE
    .replace('SCRIPT', '<script type="application/ld+json">{"about": "Tokyo"}</script>').replace('STYLE', '')}
<p id="after"><a href="#top">Back to top</a></p>`, { css: ['host.css'] }),
  'news/host.css': HOSTILE_CSS,
  'news/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
  'news/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
  'news/element.html': page('Element', `<h1>Paste box</h1>${LOOKALIKES}<newsmark-annotator id="nm" editable></newsmark-annotator>`, { css: ['element.css'] }),
  'news/element.css': CONFLICT_CSS,
};

let env;
let dir;
before(async () => {
  dir = makeSite(SITE, MOUNT.slice(1, -1));
  symlinkSync(WWW, join(dir, 'demo'), 'dir');
  symlinkSync(WWW, join(dir, 'tt'), 'dir');
  const csp = (path) => (path.startsWith('/tt/') ? `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'` : STRICT_CSP);
  env = await setup((path) => (path.endsWith('.html') && !path.startsWith('/plain/') ? { 'content-security-policy': csp(path) } : {}), dir);
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the module folder alone is what a site needs: the npm package\'s files, and nothing it loads is outside it', () => {
  const copy = join(dir, MOUNT.slice(1, -1));
  const files = readdirSync(copy, { recursive: true }).filter((f) => statSync(join(copy, f)).isFile()).sort();
  const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
  assert.deepEqual(files, [...pkg.files, 'package.json'].sort());
  for (const f of files.filter((x) => x.endsWith('.js'))) {
    const src = readFileSync(join(copy, f), 'utf8');
    const refs = [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
      ...src.matchAll(/new URL\(['"]([^'"]+)['"], import\.meta\.url\)/g)].map((m) => m[1]);
    for (const r of refs) {
      assert.match(r, /^\.{0,2}\/|^[\w-]+\.\w+$/, `${f}: ${r} is not a relative path`);
      const target = posix.normalize(posix.join(posix.dirname(f), r));
      assert.ok(files.includes(target), `${f} refers to ${r}, which is not in the folder`);
    }
  }
});

/** Opens a page; at the end, `done()` asserts no errors, no CSP violations, and only allowed requests. */
async function open(path) {
  const p = await openPage(env.browser, env.url + path);
  const origin = new URL(env.url).origin;
  p.done = async () => {
    assert.deepEqual(p.errors, [], 'console errors');
    assert.deepEqual(await p.violations(), [], 'CSP violations');
    for (const u of p.requests) {
      const url = new URL(u);
      assert.equal(url.origin, origin, `request to another origin: ${u}`);
      if (url.pathname.startsWith(MOUNT)) {
        assert.ok(MODULE_FILES.includes(url.pathname.slice(MOUNT.length)), `unexpected request for ${url.pathname}`);
      } else {
        assert.ok(/^\/(news|plain|demo|tt)\//.test(url.pathname), `unexpected request for ${url.pathname}`);
      }
    }
    await p.page.close();
  };
  return p;
}

/**
 * In the page: every word of el.textContent with the label over it (null if none,
 * 'MIXED' if several). Words also end where a block (p, h1, figcaption…) ends, as
 * the text of two paragraphs runs together in textContent.
 */
function wordLabels(el) {
  const text = el.textContent;
  const labelAt = new Array(text.length).fill(null);
  const blockAt = new Array(text.length).fill(null);
  let at = 0;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Text inside <template> is in neither el.textContent nor the walk.
    const mark = n.parentElement.closest('nm-mark');
    const gone = mark && ['deleted', 'rejected'].includes(mark.dataset.nmStatus);
    const label = mark && el.contains(mark) && !gone ? mark.dataset.nmLabel : null;
    const block = n.parentElement.closest('p, h1, figcaption, aside, header, noscript, textarea, script, style, article');
    for (let i = 0; i < n.data.length; i++) {
      labelAt[at + i] = label;
      blockAt[at + i] = block;
    }
    at += n.data.length;
  }
  if (at !== text.length) throw new Error(`text nodes cover ${at} units, textContent has ${text.length}`);
  const words = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    let from = m.index;
    const end = m.index + m[0].length;
    for (let i = from + 1; i <= end; i++) {
      if (i === end || blockAt[i] !== blockAt[from]) {
        const labels = new Set(labelAt.slice(from, i));
        words.push([text.slice(from, i), labels.size > 1 ? 'MIXED' : [...labels][0]]);
        from = i;
      }
    }
  }
  return words;
}

test('annotateElement() highlights nested markup in place, word by word', async () => {
  const p = await open('plain/article.html');
  const out = await p.page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    const text = el.textContent;
    const html = el.outerHTML;
    const hostNodes = [...el.querySelectorAll('*')];
    let event = null;
    el.addEventListener('newsmark:annotated', (ev) => { event = ev.detail; });
    const result = await m.annotateElement(el);
    // Each entity: its pieces, in document order.
    const pieces = result.entities.map((e, i) => [...el.querySelectorAll(`nm-mark[data-nm-id="${i}"]`)].map((x) => ({
      text: x.textContent, label: x.dataset.nmLabel, parent: x.parentElement.closest('nm-claim') ? x.parentElement.parentElement.localName : x.parentElement.localName,
    })));
    return {
      result, pieces, event,
      textSame: el.textContent === text,
      text,
      hostKept: hostNodes.every((n) => n.isConnected && el.contains(n)),
      bold: document.getElementById('bold').textContent,
      link: document.getElementById('link').getAttribute('href'),
      changed: el.outerHTML !== html,
      skippedUntouched: ['aside', 'noscript', 'textarea', 'script', 'style', 'p[hidden]'].every((s) =>
        [...el.querySelectorAll(s)].every((n) => n.querySelector('nm-mark, nm-claim') === null)),
      template: el.querySelector('template').content.textContent,
    };
  }, MOUNT);
  out.words = await p.page.$eval('#story', wordLabels);

  // Word by word: the names carry their labels, other words and skipped content none.
  const labelOf = new Map();
  for (const [word, label] of out.words) {
    if (labelOf.has(word) && labelOf.get(word) !== label && word in EXPECTED) {
      assert.fail(`${word} is labelled both ${labelOf.get(word)} and ${label}`);
    }
    labelOf.set(word, label);
  }
  for (const [word, label] of Object.entries(EXPECTED)) {
    assert.equal(labelOf.get(word), label, `${word}: expected ${label}; words: ${JSON.stringify(out.words)}`);
  }
  for (const word of UNMARKED) {
    if (labelOf.has(word)) assert.equal(labelOf.get(word), null, `${word} should not be marked`);
  }
  assert.ok(!out.words.some(([, l]) => l === 'MIXED'), 'no word is split between two labels');
  for (const word of ['Tokyo', 'Qantas', 'Sydney', 'Auckland', 'Melbourne', 'Kyiv', 'Oslo']) {
    assert.ok(labelOf.has(word), `${word} is in el.textContent`);
  }
  assert.ok(out.skippedUntouched, 'nothing is wrapped inside skipped elements');
  assert.equal(out.template, 'Canberra');

  // Offsets are UTF-16 units into el.textContent, and the pieces of each entity spell it.
  for (const [i, e] of out.result.entities.entries()) {
    assert.equal(out.text.slice(e.start, e.end), e.text, JSON.stringify(e));
    assert.equal(out.pieces[i].map((x) => x.text).join(''), e.text, `pieces of ${e.text}`);
    assert.ok(out.pieces[i].every((x) => x.label === e.label));
  }
  const find = (t) => out.result.entities.findIndex((e) => e.text === t);
  // A name half inside <b>: one entity, two highlights, the second one inside the <b>.
  const jacinda = find('Jacinda Ardern');
  assert.ok(jacinda >= 0, JSON.stringify(out.result.entities));
  assert.deepEqual(out.pieces[jacinda].map((x) => [x.text, x.parent]), [['Jacin', 'p'], ['da Ardern', 'b']]);
  assert.equal(out.bold, 'da Ardern');
  // A name in a link, wrapped across lines in the HTML source: one entity, inside the link.
  const ec = out.result.entities.find((e) => e.text.replace(/\s+/g, ' ') === 'European Commission');
  assert.equal(ec?.label, 'ORG');
  assert.equal(out.pieces[out.result.entities.indexOf(ec)][0].parent, 'a');
  assert.equal(out.link, '/eu');
  // &nbsp; is kept in the text and inside the highlight.
  assert.ok(out.result.entities.some((e) => e.text === 'Emmanuel\u00a0Macron' && e.label === 'PER'));
  // After an emoji (two UTF-16 units), in a figure caption.
  const scholz = out.result.entities.find((e) => e.text === 'Olaf Scholz');
  assert.equal(out.text.slice(scholz.start - 3, scholz.start), '📷 ');
  assert.equal(out.pieces[out.result.entities.indexOf(scholz)][0].parent, 'figcaption');
  // Paragraphs with nothing between them stay apart: two places, and no sentence spans both.
  assert.ok(out.result.entities.some((e) => e.text === 'Paris' && e.label === 'LOC'));
  assert.ok(out.result.entities.some((e) => e.text === 'London' && e.label === 'LOC'));
  assert.ok(!out.result.claims.some((c) => c.text.includes('Paris') && c.text.includes('London')));
  for (const c of out.result.claims) assert.equal(out.text.slice(c.start, c.end), c.text);

  // The host's markup and text are intact; the event carries the result.
  assert.ok(out.changed);
  assert.ok(out.textSame, 'el.textContent does not change');
  assert.ok(out.hostKept, 'every host element is still there, in the article');
  assert.deepEqual(out.event, out.result);
  await p.done();
});

test('clear() restores the original DOM exactly, same nodes included', async () => {
  const p = await open('news/article.html');
  const out = await p.page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    const el = document.getElementById('story');
    // Markup a parser would never make: adjacent and empty text nodes, a comment.
    const extra = document.createElement('p');
    extra.append('Angela ', 'Merkel', '', ' visited ');
    const em = document.createElement('em');
    em.append('Kyiv', document.createComment(' note '), ' and Warsaw.');
    extra.append(em);
    el.append(extra);
    const shape = (n) => (n.nodeType === 1 ? [n.localName, [...n.childNodes].map(shape)] : [n.nodeType, n.data ?? '']);
    const nodes = [];
    const walk = (n) => { nodes.push([n, n.parentNode, n.nodeType === 3 ? n.data : null]); n.childNodes.forEach(walk); };
    walk(el);
    const html = el.outerHTML;
    const before = JSON.stringify(shape(el));
    const sheets = document.adoptedStyleSheets.length;
    // Calls made while the model is still loading: clear() cancels them; otherwise the last one wins.
    const notLoaded = !m.isLoaded();
    const cancelled = m.annotateElement(el);
    m.clear(el);
    const pending = { loaded: notLoaded, cancelled: await cancelled, untouched: el.outerHTML === html };
    await m.loadClaims(); // whole results at once from here (the claims-first order: claims-pack.test.mjs)
    const [loc, per] = await Promise.all([m.annotateElement(el, { labels: 'LOC' }), m.annotateElement(el, { labels: 'PER' })]);
    pending.results = [[...new Set(loc.entities.map((e) => e.label))], [...new Set(per.entities.map((e) => e.label))]];
    pending.shown = [...new Set([...el.querySelectorAll('nm-mark')].map((x) => x.dataset.nmLabel))];
    const first = await m.annotateElement(el, { editable: true, colors: { PER: '#ffcc00' } });
    const during = { marks: el.querySelectorAll('nm-mark').length, sheets: document.adoptedStyleSheets.length };
    // Edit, then annotate again (which clears first), then clear.
    el.querySelector('nm-mark[tabindex="0"]').focus();
    document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true }));
    await m.annotateElement(el, { labels: ['PER', 'LOC'] });
    const again = el.querySelectorAll('nm-mark').length;
    const cleared = m.clear(el);
    const clearedTwice = m.clear(el);
    return {
      first: first.entities.length, during, again, cleared, clearedTwice,
      same: el.outerHTML === html,
      shape: JSON.stringify(shape(el)) === before,
      identity: nodes.every(([n, parent, data]) => (n === el || n.parentNode === parent) && (data === null || n.data === data)),
      sheets: document.adoptedStyleSheets.length === sheets,
      merkel: first.entities.find((e) => e.text === 'Angela Merkel')?.label,
      annotations: m.getAnnotations(el),
      pending,
    };
  }, MOUNT);
  assert.deepEqual(out.pending, { loaded: true, cancelled: null, untouched: true, results: [['LOC'], ['PER']], shown: ['PER'] });
  assert.ok(out.first > 5 && out.during.marks > 5 && out.again > 0, JSON.stringify(out));
  assert.equal(out.merkel, 'PER', 'a name across two adjacent text nodes');
  assert.equal(out.during.sheets, 2, 'the highlight sheet and this call\'s colour sheet are adopted while annotated');
  assert.ok(out.cleared && !out.clearedTwice);
  assert.ok(out.same, 'outerHTML is unchanged');
  assert.ok(out.shape, 'the same nodes: adjacent, empty text nodes and the comment too');
  assert.ok(out.identity, 'every original node is the same object, in the same parent, with the same text');
  assert.ok(out.sheets, 'the adopted stylesheets are removed again');
  assert.equal(out.annotations, null);
  await p.done();
});

test('the demo page works under the strict CSP sent as a header, with no violations', async () => {
  const p = await open('demo/embed.html');
  const { page } = p;
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.equal(csp, STRICT_CSP);
  const found = await page.$$eval('#story nm-mark', (ms) => ms.map((x) => [x.textContent, x.dataset.nmLabel]));
  assert.ok(found.some(([t, l]) => t === 'Liesbeth\u00a0Jansen' && l === 'PER'), JSON.stringify(found));
  assert.ok(found.some(([t, l]) => t === 'Hendrik' && l === 'PER'), 'the half inside <b>');
  assert.equal(await page.$$eval('#story .ad-slot nm-mark', (ms) => ms.length), 0, 'the ad slot is skipped');
  // One newsmark:annotated, or two when the claims came after the names (the log is newest first).
  await page.waitForFunction(() => /\d+ claims/.test(document.querySelector('#nm-log li')?.textContent ?? ''), null, { timeout: 20000 });
  const logged = await page.$$eval('#nm-log li', (li) => li.map((x) => x.textContent));
  assert.ok(logged.length === 1 || (logged.length === 2 && /claims to come/.test(logged[1])), JSON.stringify(logged));
  // Options from the toolbar: only LOC.
  for (const l of ['PER', 'ORG', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY']) {
    await page.uncheck(`#nm-labels input[value="${l}"]`);
  }
  assert.deepEqual([...new Set(await page.$$eval('#story nm-mark', (ms) => ms.map((x) => x.dataset.nmLabel)))], ['LOC']);
  await page.click('#nm-clear');
  assert.equal(await page.$$eval('#story nm-mark, #story nm-claim', (ms) => ms.length), 0);
  // The custom element on the same page.
  await page.fill('#annotator textarea', 'Angela Merkel met Emmanuel Macron in Paris.');
  await page.press('#annotator textarea', 'Control+Enter');
  await page.waitForSelector('#annotator nm-mark');
  assert.ok((await page.$$eval('#annotator nm-mark', (ms) => ms.map((x) => x.textContent))).includes('Paris'));
  await p.done();
});

test('the demo page, annotated and editable with the paste box used, has no axe-core WCAG 2.1 A or AA violation', async () => {
  // The strict CSP would refuse the injected axe-core: this context bypasses it.
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.url}demo/embed.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  await page.check('#nm-editable');
  await page.fill('#annotator textarea', 'Angela Merkel met Emmanuel Macron in Paris.');
  await page.press('#annotator textarea', 'Control+Enter');
  await page.waitForSelector('#annotator nm-mark');
  await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  assert.deepEqual(r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })), []);
  // Editable highlights are named by their words first ("Hendrik Vos: PER, person, suggestion"): WCAG 2.5.3.
  assert.ok(r.passes.some((p) => p.id === 'label-content-name-mismatch'));
  await context.close();
});

test('under Trusted Types enforcement too: no HTML is ever parsed from strings', async () => {
  const p = await open('tt/embed.html');
  const { page } = p;
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  await page.check('#nm-editable');
  await page.fill('#annotator textarea', 'Angela <b>Merkel</b> met <img src=x onerror=alert(1)> Emmanuel Macron in Paris.');
  await page.press('#annotator textarea', 'Control+Enter');
  await page.waitForSelector('#annotator nm-mark');
  const out = await page.evaluate(() => {
    const o = document.getElementById('annotator').shadowRoot.getElementById('output');
    return { text: o.textContent, tags: [...o.querySelectorAll('*')].map((e) => e.localName) };
  });
  assert.equal(out.text, 'Angela <b>Merkel</b> met <img src=x onerror=alert(1)> Emmanuel Macron in Paris.', 'user text stays text');
  assert.ok(out.tags.every((t) => t === 'nm-mark' || t === 'nm-claim'), JSON.stringify(out.tags));
  assert.ok(await page.$$eval('#story nm-mark', (ms) => ms.length) > 10);
  await p.done();
});

/** In the page: computed styles of every host element (and body/html), keyed by a path. */
function hostStyles() {
  const LAYOUT = /^(width|height|inline-size|block-size|perspective-origin|transform-origin|d|cx|cy|r|rx|ry|x|y)$/;
  const out = {};
  const els = [...document.querySelectorAll('*')].filter((e) => !e.localName.startsWith('nm-') && e.localName !== 'newsmark-annotator');
  els.forEach((e, i) => {
    const s = getComputedStyle(e);
    const props = {};
    for (const name of s) if (!LAYOUT.test(name)) props[name] = s.getPropertyValue(name);
    out[`${i}:${e.localName}#${e.id}.${e.className}`] = props;
  });
  return out;
}

function diffStyles(a, b) {
  const diffs = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!a[key] || !b[key]) { diffs.push(`${key} missing`); continue; }
    for (const prop of Object.keys(a[key])) if (a[key][prop] !== b[key][prop]) diffs.push(`${key} ${prop}: ${a[key][prop]} -> ${b[key][prop]}`);
  }
  return diffs;
}

test('host styles are unaffected, and hostile host CSS cannot make highlights unreadable', async () => {
  const p = await open('news/article.html');
  const { page } = p;
  const styles = () => page.evaluate(hostStyles);
  const before = await styles();
  const marks = await page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    await m.annotateElement(el, { editable: true });
    const lum = (rgb) => {
      const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return [...el.querySelectorAll('nm-mark')].map((x) => {
      const s = getComputedStyle(x);
      const after = getComputedStyle(x, '::after');
      const [l1, l2] = [lum(s.color), lum(s.backgroundColor)].sort((a, b) => b - a);
      return {
        text: x.textContent, label: x.dataset.nmLabel, display: s.display, visibility: s.visibility,
        color: s.color, background: s.backgroundColor, contrast: (l1 + 0.05) / (l2 + 0.05),
        tag: x.dataset.nmTag ? after.content : null, tagTransform: after.textTransform, tagDisplay: after.display,
        tabbable: x.hasAttribute('tabindex'),
      };
    });
  }, MOUNT);
  const during = await styles();
  assert.deepEqual(diffStyles(before, during), [], 'no host element changes its computed style');
  const colours = { PER: 'rgb(207, 226, 255)', ORG: 'rgb(255, 224, 178)', LOC: 'rgb(200, 240, 208)', DATE: 'rgb(255, 243, 168)' };
  assert.ok(marks.length > 10);
  for (const m of marks) {
    assert.equal(m.display, 'inline', `${m.text} is shown (host: :not(:defined), [tabindex] { display: none })`);
    assert.equal(m.visibility, 'visible');
    assert.equal(m.color, 'rgb(26, 26, 26)', `${m.text}: dark text despite * { color: #777 !important }`);
    if (colours[m.label]) assert.equal(m.background, colours[m.label], `${m.text} (${m.label})`);
    assert.ok(m.contrast >= 7, `${m.text}: contrast ${m.contrast.toFixed(1)}`);
    if (m.tag) {
      assert.equal(m.tag, `"${m.label}"`, 'the label is shown as text after the highlight');
      assert.equal(m.tagTransform, 'none');
      assert.equal(m.tagDisplay, 'inline-block');
    }
  }
  assert.ok(marks.some((m) => m.tabbable));
  await page.evaluate((mount) => import(`${mount}newsmark.js`).then((m) => m.clear(document.getElementById('story'))), MOUNT);
  assert.deepEqual(diffStyles(before, await styles()), []);
  await p.done();
});

test('labels are not text: after annotateElement() the element\'s textContent, and what a copy gets, are as before', async () => {
  const p = await open('news/article.html');
  const out = await p.page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    /** What copying the whole element gets (the selection's text). */
    const copy = (node) => {
      const sel = getSelection();
      sel.selectAllChildren(node);
      const t = sel.toString();
      sel.removeAllRanges();
      return t;
    };
    const before = { text: el.textContent, copied: copy(el) };
    await m.annotateElement(el, { editable: true });
    const tags = [...el.querySelectorAll('nm-mark[data-nm-tag]')].map((x) => getComputedStyle(x, '::after').content);
    const after = { text: el.textContent, copied: copy(el) };
    m.clear(el);
    // The paste box: its output's text is the text pasted.
    await import(`${mount}newsmark-annotator.js`);
    const box = document.createElement('newsmark-annotator');
    document.body.append(box);
    await box.ready;
    box.value = 'Angela Merkel met Emmanuel Macron in Paris.\n\nLondon responded on Monday.';
    await box.annotate();
    const output = box.shadowRoot.getElementById('output');
    const boxOut = { text: output.textContent, tags: output.querySelectorAll('nm-mark[data-nm-tag]').length };
    box.remove();
    return { before, after, tags, boxOut };
  }, MOUNT);
  assert.ok(out.tags.length >= 10, JSON.stringify(out.tags));
  assert.ok(out.tags.every((t) => /^"[A-Z]+/.test(t)), `each label is shown after its highlight: ${JSON.stringify(out.tags)}`);
  assert.equal(out.after.text, out.before.text, 'el.textContent is the same');
  assert.equal(out.after.copied, out.before.copied, 'a copy gets the same words, and no label');
  assert.equal(out.boxOut.text, 'Angela Merkel met Emmanuel Macron in Paris.\n\nLondon responded on Monday.');
  assert.ok(out.boxOut.tags >= 4);
  await p.done();
});

test('the module adds no globals and requests nothing but its own files, wherever it is served', async () => {
  const p = await open('news/article.html');
  const out = await p.page.evaluate(async (mount) => {
    const names = () => new Set([...Object.getOwnPropertyNames(window), ...Object.keys(window)]);
    const before = names();
    const attrs = (e) => [...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
    const docBefore = [attrs(document.documentElement), attrs(document.body), document.head.innerHTML, document.body.children.length];
    const m = await import(`${mount}newsmark.js`);
    await m.load();
    await m.loadClaims();
    const el = document.getElementById('story');
    await m.annotateElement(el, { editable: true });
    await import(`${mount}newsmark-annotator.js`);
    const box = document.createElement('newsmark-annotator');
    document.body.append(box);
    await box.ready;
    box.value = 'Ilham Aliyev spoke in Baku.';
    await box.annotate();
    const marks = box.shadowRoot.querySelectorAll('nm-mark').length;
    box.remove();
    m.clear(el);
    const added = [...names()].filter((n) => !before.has(n));
    const docAfter = [attrs(document.documentElement), attrs(document.body), document.head.innerHTML, document.body.children.length];
    return { added, docSame: JSON.stringify(docBefore) === JSON.stringify(docAfter), marks };
  }, MOUNT);
  assert.deepEqual(out.added, [], 'no new properties on window');
  assert.ok(out.docSame, 'nothing added to <html>, <head> or <body>');
  assert.ok(out.marks >= 2);
  const paths = p.requests.map((u) => new URL(u).pathname);
  for (const f of ['newsmark.js', 'newsmark-theme.js', 'newsmark-text.js', 'pkg/newsmark.js', 'pkg/newsmark_bg.wasm', 'newsmark-annotator.js']) {
    assert.ok(paths.includes(MOUNT + f), `${f} was loaded from ${MOUNT}: ${paths}`);
  }
  assert.ok(!paths.some((x) => x.endsWith('.css') && x.startsWith(MOUNT)), 'no stylesheet request: constructed stylesheets');
  await p.done(); // same origin only, and nothing outside the page's own files and the module's
});

test('<newsmark-annotator> works in a page with conflicting CSS, and its styles stay inside', async () => {
  const p = await open('news/element.html');
  const { page } = p;
  const styles = () => page.evaluate(hostStyles);
  const before = await styles();
  const sheetsBefore = await page.evaluate(() => document.adoptedStyleSheets.length);
  await page.evaluate(async (mount) => {
    await import(`${mount}newsmark-annotator.js`);
    const box = document.getElementById('nm');
    box.addEventListener('newsmark:annotated', (ev) => { box.dataset.events = `${ev.detail.entities.length}`; });
    await box.ready;
  }, MOUNT);
  await page.waitForSelector('#nm[ready]');
  const text = 'Angela Merkel met Emmanuel Macron in Paris on Monday.\n\nShares of Siemens rose 3%.';
  await page.fill('#nm textarea', text);
  await page.press('#nm textarea', 'Control+Enter');
  await page.waitForSelector('#nm nm-mark');
  const inside = await page.evaluate(() => {
    const root = document.getElementById('nm').shadowRoot;
    const cs = (sel, pseudo) => getComputedStyle(root.querySelector(sel), pseudo);
    const marks = [...root.querySelectorAll('nm-mark')];
    return {
      textarea: [cs('textarea').display, cs('textarea').fontSize, cs('textarea').color, cs('textarea').letterSpacing],
      button: [cs('#annotate').display, cs('#annotate').fontSize],
      root: [cs('.root').display, cs('.root').fontFamily, cs('.root').color, cs('.root').paddingTop],
      output: root.getElementById('output').textContent,
      marks: marks.map((m) => [m.textContent, m.dataset.nmLabel, getComputedStyle(m).backgroundColor, getComputedStyle(m).color,
        m.dataset.nmTag ? getComputedStyle(m, '::after').content : null]),
      legend: [...root.querySelectorAll('#legend li')].map((li) => [li.dataset.label, li.querySelector('kbd')?.textContent, li.querySelector('.count').textContent]),
      status: root.getElementById('status').textContent,
      events: document.getElementById('nm').dataset.events,
    };
  });
  assert.deepEqual(inside.textarea, ['block', '16px', 'rgb(26, 26, 26)', 'normal'], 'host CSS does not reach the textarea');
  assert.deepEqual(inside.button, ['block', '16px'], 'shown (a flex item), despite the host\'s button { display: none !important }');
  assert.equal(inside.root[0], 'block');
  assert.match(inside.root[1], /system-ui/);
  assert.equal(inside.root[2], 'rgb(26, 26, 26)');
  assert.equal(inside.root[3], '16px', 'em, not the host\'s 40px rem');
  assert.equal(inside.output, text, 'the output is the text, unchanged');
  const has = (t, l) => inside.marks.some(([mt, ml]) => mt === t && ml === l);
  assert.ok(has('Angela Merkel', 'PER') && has('Emmanuel Macron', 'PER') && has('Paris', 'LOC'), JSON.stringify(inside.marks));
  for (const [t, , bg, color, tag] of inside.marks) {
    assert.notEqual(bg, 'rgb(0, 0, 0)', t);
    assert.equal(color, 'rgb(26, 26, 26)', t);
    if (tag) assert.match(tag, /^"[A-Z]+"$/, 'label visible as text');
  }
  // Legend: labels() order, key numbers 1-9 (editable), counts.
  assert.deepEqual(inside.legend.map(([l, k]) => [l, k]), [['PER', '1'], ['ORG', '2'], ['LOC', '3'], ['MISC', '4'], ['DATE', '5'],
    ['TIME', '6'], ['MONEY', '7'], ['PERCENT', '8'], ['QUANTITY', '9']]);
  assert.equal(inside.legend[0][2], String(inside.marks.filter(([, l]) => l === 'PER').length));
  assert.match(inside.status, /^Found \d+ entities/);
  assert.equal(inside.events, String(inside.marks.length));
  // Nothing leaked out: the look-alike host elements are styled exactly as before.
  assert.deepEqual(diffStyles(before, await styles()), [], 'host elements keep their computed styles');
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), sheetsBefore);
  // Keys work inside the shadow root too, and the change event reaches the page.
  await page.evaluate(() => {
    const box = document.getElementById('nm');
    box.addEventListener('newsmark:change', (ev) => { box.dataset.change = `${ev.detail.type} ${ev.detail.entity.text} ${ev.detail.entity.label}`; });
    box.shadowRoot.querySelector('nm-mark[tabindex="0"]').focus();
  });
  await page.keyboard.press('2');
  assert.equal(await page.getAttribute('#nm', 'data-change'), 'relabel Angela Merkel ORG');
  assert.equal(await page.evaluate(() => document.getElementById('nm').shadowRoot.querySelector('#legend li[data-label="ORG"] .count').textContent),
    String(inside.marks.filter(([, l]) => l === 'ORG').length + 1), 'the legend counts the edit');
  await p.done();
});

test('editable mode: Tab moves between highlights, keys relabel, accept, reject and delete, with newsmark:change', async () => {
  const p = await open('news/article.html');
  const { page } = p;
  const info = await page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    const seen = [];
    Object.defineProperty(el, 'seen', { value: seen });
    el.addEventListener('newsmark:change', (ev) => seen.push(ev.detail));
    const result = await m.annotateElement(el, { editable: true });
    return { entities: result.entities.map((e) => e.text), labels: m.labels().map((l) => l.name) };
  }, MOUNT);
  assert.deepEqual(info.labels, ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY']);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a.localName === 'nm-mark'
      ? { id: Number(a.dataset.nmId), label: a.dataset.nmLabel, text: [...a.closest('article').querySelectorAll(`nm-mark[data-nm-id="${a.dataset.nmId}"]`)].map((x) => x.textContent).join('') }
      : { tag: a.localName, id: a.id };
  });
  const seen = () => page.evaluate(() => document.getElementById('story').seen);
  const piecesOf = (id) => page.$$eval(`#story nm-mark[data-nm-id="${id}"]`, (ms) => ms.map((x) => [x.dataset.nmLabel, x.dataset.nmStatus, x.dataset.nmTag ?? null]));

  // From the link before the article, Tab enters the highlights at the first one.
  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), { id: 0, label: 'LOC', text: info.entities[0] });
  // Tab: next highlight (not the link in between); Shift+Tab: back.
  await page.keyboard.press('Tab');
  assert.equal((await focused()).text, 'Jacinda Ardern');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).text.replace(/\s+/g, ' '), 'European Commission');
  await page.keyboard.press('Shift+Tab');
  const jacinda = await focused();
  assert.equal(jacinda.text, 'Jacinda Ardern');
  // 2 = labels()[1] = ORG, on both pieces of the name split across <b>.
  await page.keyboard.press('2');
  assert.deepEqual(await piecesOf(jacinda.id), [['ORG', 'accepted', null], ['ORG', 'accepted', 'ORG ✓']]);
  await page.keyboard.press('9');
  assert.equal((await piecesOf(jacinda.id))[0][0], 'QUANTITY');
  await page.keyboard.press('1');
  assert.equal((await piecesOf(jacinda.id))[0][0], 'PER');
  let events = await seen();
  assert.deepEqual(events.map((e) => [e.type, e.previous.label, e.entity.label, e.key]),
    [['relabel', 'PER', 'ORG', '2'], ['relabel', 'ORG', 'QUANTITY', '9'], ['relabel', 'QUANTITY', 'PER', '1']]);
  assert.equal(events[0].entity.text, 'Jacinda Ardern');
  assert.equal(events[0].entity.status, 'accepted');
  assert.equal(events[0].index, jacinda.id);
  // a: accept the suggestion (on the next one).
  await page.keyboard.press('Tab');
  const ec = await focused();
  await page.keyboard.press('a');
  assert.deepEqual((await piecesOf(ec.id))[0].slice(0, 2), ['ORG', 'accepted']);
  // x: reject it; the highlight goes, focus moves on to the next.
  await page.keyboard.press('Tab');
  const wellington = await focused();
  assert.equal(wellington.text, 'Wellington');
  await page.keyboard.press('x');
  assert.deepEqual((await piecesOf(wellington.id))[0].slice(0, 2), ['LOC', 'rejected']);
  const bg = await page.$eval(`#story nm-mark[data-nm-id="${wellington.id}"]`, (x) => [getComputedStyle(x).backgroundColor, x.hasAttribute('tabindex')]);
  assert.deepEqual(bg, ['rgba(0, 0, 0, 0)', false]);
  const tuesday = await focused();
  assert.equal(tuesday.text, 'Tuesday');
  // Delete and Backspace remove.
  await page.keyboard.press('Delete');
  assert.equal((await piecesOf(tuesday.id))[0][1], 'deleted');
  const next = await focused();
  await page.keyboard.press('Backspace');
  assert.equal((await piecesOf(next.id))[0][1], 'deleted');
  events = await seen();
  assert.deepEqual(events.slice(3).map((e) => [e.type, e.entity.text.replace(/\s+/g, ' '), e.entity.status]), [
    ['accept', 'European Commission', 'accepted'], ['reject', 'Wellington', 'rejected'],
    ['delete', 'Tuesday', 'deleted'], ['delete', next.text, 'deleted'],
  ]);
  // The state, edits included.
  const state = await page.evaluate((mount) => import(`${mount}newsmark.js`).then((m) => m.getAnnotations(document.getElementById('story'))), MOUNT);
  assert.equal(state.entities.filter((e) => e.status === 'deleted').length, 2);
  assert.equal(state.entities[jacinda.id].label, 'PER');
  // Tab from the last highlight leaves them (no keyboard trap).
  await page.evaluate(() => { const ms = [...document.querySelectorAll('#story nm-mark[tabindex]')]; ms[ms.length - 1].focus(); });
  await page.keyboard.press('Tab');
  const out = await focused();
  assert.ok(out.tag && out.tag !== 'nm-mark', JSON.stringify(out));
  // Read-only: no tab stops, and keys do nothing.
  const ro = await page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    await m.annotateElement(el);
    const first = el.querySelector('nm-mark');
    first.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true }));
    return { tabbable: el.querySelectorAll('nm-mark[tabindex]').length, label: first.dataset.nmLabel, events: el.seen.length };
  }, MOUNT);
  assert.deepEqual(ro, { tabbable: 0, label: 'LOC', events: 7 });
  await p.done();
});

test('options: labels, minimum score, colours per label, UI strings; bad options reject', async () => {
  const p = await open('news/article.html');
  const out = await p.page.evaluate(async (mount) => {
    const m = await import(`${mount}newsmark.js`);
    await m.loadClaims(); // whole results at once (the claims-first order is tested in claims-pack.test.mjs)
    const el = document.getElementById('story');
    const html = el.outerHTML;
    const errors = [];
    for (const bad of [{ labels: ['PERSON'] }, { colors: { LOC: 'red; } body { display: none' } }, { minScore: 2 }]) {
      await m.annotateElement(el, bad).then(() => errors.push('resolved'), (e) => errors.push(e.name));
    }
    const untouched = el.outerHTML === html;
    // Annotations do not nest.
    await m.annotateElement(el);
    for (const inner of [el.querySelector('p'), document.body]) {
      await m.annotateElement(inner).then(() => errors.push('resolved'), (e) => errors.push(e.message.includes('clear()') ? 'nested' : e.message));
    }
    m.clear(el);
    const r = await m.annotateElement(el, {
      labels: ['LOC'], minScore: 0.99, colors: { LOC: 'rgb(255, 0, 0)' }, claims: false,
      strings: { labels: { LOC: 'Lieu' }, tooltip: '{name} : {description}, {score} %', descriptions: { LOC: 'endroit' } },
    });
    const marks = [...el.querySelectorAll('nm-mark')].map((x) => ({
      label: x.dataset.nmLabel, bg: getComputedStyle(x).backgroundColor, title: x.title,
      tag: x.dataset.nmTag ? getComputedStyle(x, '::after').content : null,
    }));
    // A second element keeps the default colours.
    const other = document.createElement('p');
    other.textContent = 'Officials in Lisbon said so.';
    document.body.append(other);
    await m.annotateElement(other, { showLabels: false });
    const otherMark = other.querySelector('nm-mark');
    const otherStyle = otherMark && [getComputedStyle(otherMark).backgroundColor, otherMark.hasAttribute('data-nm-tag')];
    m.clear(other);
    other.remove();
    // { claims: false } looked for entities only: no claims or attributions in the result.
    const entitiesOnly = [r.claims, r.attributions];
    return { errors, untouched, scores: r.entities.map((e) => [e.label, e.score]), marks, claims: el.querySelectorAll('nm-claim').length, otherStyle, entitiesOnly };
  }, MOUNT);
  assert.deepEqual(out.errors, ['RangeError', 'TypeError', 'RangeError', 'nested', 'nested']);
  assert.ok(out.untouched);
  assert.ok(out.scores.length >= 3, JSON.stringify(out.scores));
  assert.ok(out.scores.every(([l, s]) => l === 'LOC' && s >= 0.99));
  assert.equal(out.claims, 0);
  assert.deepEqual(out.entitiesOnly, [null, null]);
  for (const mk of out.marks) {
    assert.equal(mk.label, 'LOC');
    assert.equal(mk.bg, 'rgb(255, 0, 0)');
    assert.match(mk.title, /^Lieu : endroit, \d+ %$/);
    if (mk.tag) assert.equal(mk.tag, '"Lieu"');
  }
  assert.deepEqual(out.otherStyle, ['rgb(200, 240, 208)', false]);
  await p.done();
});
