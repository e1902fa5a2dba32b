// Newsmark's look, shared by the in-place highlighter (newsmark.js), the
// <newsmark-annotator> element and (when it wants them) the app page: label
// colours and the stylesheet for the <nm-mark>/<nm-claim> highlight wrappers.
//
// Nothing here touches the DOM at import time, so newsmark.js stays importable
// in workers and in Node; the stylesheet is built on first use.

/**
 * Default highlight backgrounds, one per label, in labels() order. All are light,
 * with #1a1a1a text above 7:1 contrast (the same palette as the page, www/app/style.css).
 */
export const LABEL_COLORS = Object.freeze({
  PER: '#cfe2ff',
  ORG: '#ffe0b2',
  LOC: '#c8f0d0',
  MISC: '#ead7f7',
  DATE: '#fff3a8',
  TIME: '#fde2e4',
  MONEY: '#d4f1f4',
  PERCENT: '#e2e8f0',
  QUANTITY: '#f5e6cc',
});

/** Text colour on every highlight. */
export const INK = '#1a1a1a';
/** Claim underline and focus ring colours. */
export const CLAIM_COLOR = '#b45309';
export const FOCUS_COLOR = '#c2410c';

/**
 * The highlight stylesheet. Host pages may style anything, so every rule is on
 * our own custom elements with `!important`: `all: unset` first (host rules such
 * as `* { color: … }` or `:not(:defined) { display: none }` cannot reach in),
 * then what a highlight needs. Typography is inherited from the host's text, so a
 * highlighted name looks like the words around it apart from its background.
 */
export function markCss() {
  const label = Object.entries(LABEL_COLORS)
    .map(([name, bg]) => `nm-mark[data-nm-label="${name}"] { background-color: ${bg} !important; }`)
    .join('\n');
  return `
nm-mark[data-nm-label] {
  all: unset !important;
  display: inline !important;
  color: ${INK} !important;
  background-color: ${LABEL_COLORS.PERCENT} !important;
  padding: 0.08em 0 !important;
  box-decoration-break: clone !important;
  -webkit-box-decoration-break: clone !important;
}
nm-mark[data-nm-part="first"] { padding-left: 0.2em !important; border-radius: 0.25em 0 0 0.25em !important; }
nm-mark[data-nm-part="last"] { padding-right: 0.2em !important; border-radius: 0 0.25em 0.25em 0 !important; }
nm-mark[data-nm-part="only"] { padding-left: 0.2em !important; padding-right: 0.2em !important; border-radius: 0.25em !important; }
${label}
nm-mark[data-nm-tag]::after {
  all: unset !important;
  content: attr(data-nm-tag) !important;
  display: inline-block !important;
  margin-left: 0.3em !important;
  padding: 0 0.3em !important;
  border-radius: 3px !important;
  font: 700 0.68em/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif !important;
  letter-spacing: 0.03em !important;
  text-transform: none !important;
  color: ${INK} !important;
  background-color: rgba(255, 255, 255, 0.8) !important;
  vertical-align: 0.1em !important;
  white-space: nowrap !important;
  user-select: none !important;
  -webkit-user-select: none !important;
}
nm-mark[data-nm-status="accepted"] { box-shadow: inset 0 -0.14em 0 ${INK} !important; }
nm-mark[data-nm-status="deleted"], nm-mark[data-nm-status="rejected"] {
  background: none !important; padding: 0 !important; border-radius: 0 !important; color: inherit !important;
}
nm-mark[data-nm-status="deleted"]::after, nm-mark[data-nm-status="rejected"]::after { content: none !important; display: none !important; }
nm-mark[tabindex] { cursor: pointer !important; }
nm-mark[data-nm-focus] { outline: 2px solid ${FOCUS_COLOR} !important; outline-offset: 1px !important; }
nm-claim[data-nm-kind] {
  all: unset !important;
  display: inline !important;
  text-decoration: underline ${CLAIM_COLOR} 2px !important;
  text-underline-offset: 0.35em !important;
  text-decoration-skip-ink: none !important;
}
@media (forced-colors: active) {
  nm-mark[data-nm-label] { border: 1px solid CanvasText !important; }
}
`;
}

/**
 * Rules giving one annotateElement() call its own colours: they match only that
 * call's marks (data-nm-inst) and outrank the defaults; removed and rejected
 * highlights are left alone. `colors` must be validated already.
 * @param {string} inst
 * @param {Record<string, string>} colors
 * @returns {string[]}
 */
export function colorRules(inst, colors) {
  return Object.entries(colors).map(([name, bg]) =>
    `nm-mark[data-nm-inst="${inst}"][data-nm-label="${name}"]:not([data-nm-status="deleted"], [data-nm-status="rejected"]) { background-color: ${bg} !important; }`);
}

const sheets = new WeakMap();
/**
 * The highlight stylesheet as one shared constructable stylesheet per window
 * (built on first use; a constructed sheet can only be adopted by the document
 * it was made for and the shadow roots in it).
 * @param {Window} [win]
 * @returns {CSSStyleSheet}
 */
export function markSheet(win = globalThis) {
  let sheet = sheets.get(win);
  if (!sheet) {
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(markCss());
    sheets.set(win, sheet);
  }
  return sheet;
}
