// Helpers for the correction-screen tests (www/index.html): annotate a text,
// read the highlights and the focus, download exports.
import { readFileSync } from 'node:fs';

/** A short article for the persistence and hardening tests (written for them, not from any corpus). */
export const LISBON_ARTICLE = `LISBON, Sept 9 - Tomas Ferreira, the chief executive of Atlantico Ports, said on Monday that container traffic through Sines had fallen 12% this year.

Ferreira told investors in Lisbon that the company would invest 300 million euros.`;

/** A short article for the correction, claims and sidebar tests (written for them, not from any corpus). */
export const BRUSSELS_ARTICLE = `BRUSSELS, May 12 - Ursula Kessler, the head of Nordwind Energy, said on Friday that the company would close its plant in Antwerp by 2027.

Kessler told reporters in Brussels that electricity prices had risen 40% since 2021. The European Commission declined to comment.

Later, Kessler met officials from Nordwind Energy in Ghent, where the company employs 1,200 people.`;

/** Types `text` into the article box and annotates it; waits for the article to render. */
export async function annotateText(page, text) {
  await page.fill('#text', text);
  await page.click('#annotate');
  await page.waitForFunction(() => document.querySelector('#output .para') !== null);
}

/**
 * The highlights as the page shows them, one per entity (pieces joined):
 * [{ text, label, status, origin, start, end, score }], in text order.
 */
export function highlights(page) {
  return page.$$eval('#output mark.ent', (ms) => {
    const out = new Map();
    for (const m of ms) {
      const start = Number(m.dataset.start);
      const piece = m.firstChild.textContent;
      if (out.has(start)) out.get(start).text += piece;
      else {
        out.set(start, {
          text: piece, label: m.dataset.label, status: m.dataset.status, origin: m.dataset.origin,
          start, end: Number(m.dataset.end), score: Number(m.dataset.score),
        });
      }
    }
    return [...out.values()];
  });
}

/** The focused element, described: { tag, text, label, start, cls }. */
export function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      cls: a.className,
      text: a.matches('mark') ? a.firstChild.textContent : a.textContent.slice(0, 80),
      label: a.dataset.label ?? null,
      start: a.dataset.start != null ? Number(a.dataset.start) : null,
    };
  });
}

/** Focuses the highlight whose text is `text` (the n-th one) by clicking it. */
export async function clickHighlight(page, text, n = 0) {
  const handle = await page.evaluateHandle(({ text, n }) => {
    const heads = [...document.querySelectorAll('#output mark[data-head]')].filter((m) => m.getAttribute('aria-label').startsWith(`${text}, `));
    return heads[n] ?? null;
  }, { text, n });
  const el = handle.asElement();
  if (!el) throw new Error(`no highlight ${text}`);
  await el.click();
}

/** Clicks a download button and returns { name, content } of the file. */
export async function downloadFrom(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), content: readFileSync(path, 'utf8'), url: dl.url() };
}

/** The open article as Newsmark JSON (through the page's own export button). */
export async function exportedJson(page) {
  const { content } = await downloadFrom(page, '#exports button[data-format="json"]');
  return JSON.parse(content);
}

/** Waits until the saved indicator says the article is saved. */
export async function waitSaved(page) {
  await page.waitForFunction(() => document.getElementById('saved').dataset.state === 'saved', null, { timeout: 5000 });
}

/**
 * Selects the n-th occurrence of `needle` in the article as a mouse drag would:
 * the focusable element where the drag starts gets focus, then the DOM selection.
 */
export function selectText(page, needle, n = 0) {
  return page.evaluate(({ needle, n }) => {
    const root = document.getElementById('output');
    const nodes = [];
    let flat = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      nodes.push([t, flat.length]);
      flat += t.data;
    }
    let i = -1;
    for (let k = 0; k <= n; k++) {
      i = flat.indexOf(needle, i + 1);
      if (i < 0) return false;
    }
    const at = (pos, end) => {
      for (let k = nodes.length - 1; k >= 0; k--) {
        const [t, from] = nodes[k];
        if (end ? from < pos : from <= pos) return [t, pos - from];
      }
      return [nodes[0][0], 0];
    };
    const r = document.createRange();
    const start = at(i, false);
    start[0].parentElement.closest('[tabindex]').focus();
    r.setStart(...start);
    r.setEnd(...at(i + needle.length, true));
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    return true;
  }, { needle, n });
}
