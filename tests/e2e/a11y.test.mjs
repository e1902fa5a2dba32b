// End to end: accessibility of the correction screen (issue 5, point 8). ARIA
// roles and names; WCAG AA contrast, with label text so colour is never the
// only cue; focus always visible; the help overlay; 200% zoom; reading order;
// and axe-core's WCAG 2.0/2.1 A and AA rules with no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openApp } from './helpers.mjs';
import { annotateText, focused } from './app-helpers.mjs';

// Written for these tests (not from any corpus).
const ARTICLE = `NAIROBI, Aug 3 - Wanjiru Kamau, the finance minister, said on Thursday that inflation had fallen to 4.1% in July.

Kamau told lawmakers in Nairobi that the Central Bank of Kenya would keep rates on hold, according to two officials.

“We expect growth of 5% next year,” Kamau said.`;

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core on the page as it is now, WCAG 2.0/2.1 A and AA rules only:
 * { violations: [{ id, nodes: ['selector: why'] }], passed: [rule ids] }.
 */
async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG);
  return {
    violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })),
    passed: r.passes.map((p) => p.id),
  };
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('roles and accessible names throughout; highlights say their label and status in text', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await page.click('#exports button'); // (a download; the page stays)
  const report = await page.evaluate(() => {
    const name = (el) => (el.getAttribute('aria-label') || (el.labels && [...el.labels].map((l) => l.textContent).join(' ')) || el.textContent || '').trim();
    const unnamed = [...document.querySelectorAll('button, input, select, textarea, [role="button"]')]
      .filter((el) => !name(el)).map((el) => el.outerHTML.slice(0, 80));
    const marks = [...document.querySelectorAll('#output mark[data-head]')].map((m) => ({
      role: m.getAttribute('role'), label: m.getAttribute('aria-label'), rd: m.getAttribute('aria-roledescription'), tab: m.getAttribute('tabindex'),
      shown: getComputedStyle(m, '::after').content, data: m.dataset.label, part: m.dataset.part ?? null, words: m.textContent,
    }));
    return {
      unnamed,
      marks,
      landmarks: ['header', 'main', 'footer', 'aside'].map((t) => !!document.querySelector(t)),
      output: [document.getElementById('output').getAttribute('aria-label'), document.getElementById('output').tabIndex],
      toolbar: document.querySelector('[role="toolbar"]').getAttribute('aria-label'),
      legend: document.getElementById('legend').getAttribute('aria-label'),
      claims: [...document.querySelectorAll('#output .claim')].map((c) => [c.getAttribute('role'), c.getAttribute('aria-roledescription'), c.title.length > 0]),
      liveRegions: ['status', 'edit-status', 'saved', 'files-status', 'learn-status'].map((id) => document.getElementById(id).getAttribute('aria-live')),
      lang: document.documentElement.lang,
    };
  });
  assert.deepEqual(report.unnamed, []);
  assert.ok(report.marks.length > 5);
  for (const m of report.marks) {
    assert.equal(m.role, 'button');
    assert.equal(m.rd, 'highlight');
    // The name starts with the words shown (WCAG 2.5.3), then the label and status.
    assert.ok(m.label.startsWith(m.words), m.label);
    assert.match(m.label, new RegExp(`, ${m.data}, .+, (suggested|accepted)$`));
    if (!m.part) assert.match(m.shown, new RegExp(`^"${m.data}`), 'the label is shown in letters, not by colour alone');
  }
  assert.equal(report.marks.filter((m) => m.tab === '0').length <= 1, true, 'one tab stop among the highlights (roving)');
  assert.deepEqual(report.landmarks, [true, true, true, true]);
  assert.deepEqual(report.output, ['Annotated article', 0]);
  assert.equal(report.toolbar, 'Editing');
  assert.ok(report.legend);
  assert.ok(report.claims.length > 0);
  for (const c of report.claims) assert.deepEqual(c, ['mark', 'check-worthy claim', true]);
  assert.deepEqual(report.liveRegions, ['polite', 'polite', 'polite', 'polite', 'polite']);
  assert.equal(report.lang, 'en');
  // The claims-mode toggle is a pressed/unpressed button.
  assert.equal(await page.$eval('#mode', (b) => b.getAttribute('aria-pressed')), 'false');
  await page.close();
});

test('text contrast meets WCAG AA everywhere (highlights, chips, muted text, tips)', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  // Show the tip, the offer and an accepted highlight as well.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('1');
  const failures = await page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(',').map((x) => Number(x.trim()));
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] === 1) break;
      }
      let bg = [255, 255, 255, 1];
      for (const c of layers.reverse()) bg = over(c, bg);
      return bg;
    };
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const out = [];
    const seen = new Set();
    for (const el of document.querySelectorAll('body *')) {
      if (!el.checkVisibility || !el.checkVisibility()) continue;
      if (el.closest('.visually-hidden, [disabled], .sep')) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
      if (!hasText) continue;
      const cs = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(cs.color), bg);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      const r = ratio(fg, bg);
      const need = large ? 3 : 4.5;
      const key = `${el.tagName}.${el.className}:${cs.color}/${bg.join()}`;
      if (r < need && !seen.has(key)) {
        seen.add(key);
        out.push(`${key} ${r.toFixed(2)} < ${need}: ${el.textContent.slice(0, 30)}`);
      }
    }
    return out;
  });
  assert.deepEqual(failures, []);
  await page.close();
});

test('focus is always visible while tabbing through the whole page', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await page.focus('#text');
  const invisible = [];
  const seen = [];
  for (let k = 0; k < 70; k++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      const cs = getComputedStyle(a);
      const shown = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
      const r = a.getBoundingClientRect();
      return { what: `${a.tagName.toLowerCase()}#${a.id}.${a.className}`, shown, visible: r.width > 0 && r.height > 0, focusVisible: a.matches(':focus-visible') };
    });
    if (!f) continue;
    seen.push(f.what);
    if (!f.shown || !f.visible || !f.focusVisible) invisible.push(f);
  }
  assert.deepEqual(invisible, []);
  // The walk went through the highlights, the toolbar and the sidebar.
  assert.ok(seen.some((w) => w.startsWith('mark')));
  assert.ok(seen.some((w) => w.startsWith('button#undo') || w.startsWith('button#mode')));
  assert.ok(seen.some((w) => w.includes('mention-link')));
  await page.close();
});

test('? opens the keys overlay (a modal dialog); Esc closes it and focus returns', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await page.focus('#output');
  await page.keyboard.press('Tab');
  const where = await focused(page);
  await page.keyboard.press('?');
  const dialog = await page.evaluate(() => {
    const d = document.getElementById('help');
    return { open: d.open, modal: d.matches(':modal'), label: document.getElementById(d.getAttribute('aria-labelledby')).textContent, inside: d.contains(document.activeElement), text: d.textContent };
  });
  assert.deepEqual([dialog.open, dialog.modal, dialog.label, dialog.inside], [true, true, 'Keys', true]);
  for (const k of ['relabel', 'accept a suggestion', 'reject a suggestion', 'move its start', 'move its end', 'undo', 'redo', 'claimant', 'cue', 'content', 'check-worthy']) {
    assert.ok(dialog.text.includes(k), k);
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#help', (d) => d.open), false);
  assert.deepEqual(await focused(page), where);
  // The Keys button opens it too; ? in the text box is just a character.
  await page.click('#help-open');
  assert.equal(await page.$eval('#help', (d) => d.open), true);
  await page.click('#help-close');
  await page.focus('#text');
  await page.keyboard.press('End');
  await page.keyboard.type('?');
  assert.equal(await page.$eval('#help', (d) => d.open), false);
  assert.ok((await page.inputValue('#text')).endsWith('?'));
  await page.close();
});

test('at 200% zoom the page reflows to one column, with no horizontal scrolling, and still works', async () => {
  const context = await env.browser.newContext({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${env.url}index.html`);
  await page.waitForSelector('html[data-ready="true"]');
  await annotateText(page, ARTICLE);
  const layout = await page.evaluate(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect();
    const main = document.querySelector('main').getBoundingClientRect();
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      stacked: box('text').bottom <= box('output').top && box('output').bottom <= document.querySelector('.sidebar').getBoundingClientRect().top,
      widths: [box('output').width, main.width],
      clipped: [...document.querySelectorAll('button, .legend li, #output mark')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      }).map((el) => el.outerHTML.slice(0, 60)),
    };
  });
  assert.ok(layout.overflow <= 0, `horizontal overflow ${layout.overflow}px`);
  assert.ok(layout.stacked, 'one column: input, article, sidebar');
  assert.ok(layout.widths[0] > 0.8 * layout.widths[1]);
  assert.deepEqual(layout.clipped, []);
  // Keyboard editing works the same.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('2');
  assert.equal((await focused(page)).label, 'ORG');
  await context.close();
});

test('reading order: the accessibility tree reads the article in text order, labels after names', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  const tree = await page.locator('#output').ariaSnapshot();
  // Names in the order of the text, each followed by its label (as part of the button's name).
  const order = ['NAIROBI', 'Wanjiru Kamau', 'Thursday', '4.1%', 'Kamau', 'Nairobi', 'Central Bank of Kenya', 'Kamau'];
  let at = 0;
  for (const w of order) {
    const i = tree.indexOf(w, at);
    assert.ok(i >= at, `${w} after position ${at} in:\n${tree}`);
    at = i + w.length;
  }
  assert.match(tree, /button "Wanjiru Kamau, PER, person, suggested"/);
  // The sections come in reading order: article box, annotated article, then the sidebar.
  const order2 = await page.evaluate(() => ['input-heading', 'output-heading', 'entities-heading', 'claims-heading', 'history-heading']
    .map((id) => document.getElementById(id)).every((el, i, all) => i === 0 || (all[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
  assert.ok(order2);
  await page.close();
});

test('axe-core: no WCAG 2.1 A or AA violation on the empty page, an annotated article, and with the keys overlay open', async () => {
  // The page's CSP (script-src 'self') would refuse the injected axe-core: this context bypasses it.
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.url}index.html`);
  await page.waitForSelector('html[data-ready="true"]');
  const empty = await runAxe(page);
  assert.deepEqual(empty.violations, [], 'empty page');

  await annotateText(page, ARTICLE);
  // An accepted highlight and one made by hand too, and the tip of the focused one.
  await page.focus('#output');
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await page.keyboard.press('Tab');
  await page.keyboard.press('2');
  const annotated = await runAxe(page);
  assert.deepEqual(annotated.violations, [], 'annotated article');
  // The highlights' names were checked against their visible words (WCAG 2.5.3), and so were the download buttons'.
  assert.ok(annotated.passed.includes('label-content-name-mismatch'), annotated.passed.join(' '));

  await page.keyboard.press('?');
  assert.equal(await page.$eval('#help', (d) => d.open), true);
  const help = await runAxe(page);
  assert.deepEqual(help.violations, [], 'keys overlay open');
  await context.close();
});
