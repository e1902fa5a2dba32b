// What the page's modules (www/app/) share: its elements, the one ArticleState
// that owns the document (state.js: every change goes through it), the parts
// made at start-up, the long run under way, and the status lines.
import { ArticleState } from './state.js';

export const $ = (id) => document.getElementById(id);
export const ui = {
  text: $('text'), annotate: $('annotate'), example: $('example'), clear: $('clear'), status: $('status'),
  output: $('output'), legend: $('legend'), claimLegend: $('claim-legend'), keys: $('keys'),
  claims: $('claims'), claimCount: $('claim-count'), entityCount: $('entity-count'),
  claimMin: $('claim-min'), claimMinValue: $('claim-min-value'), claimSort: $('claim-sort'),
  filter: $('filter'), groups: $('groups'), history: $('history'), articles: $('articles'),
  undo: $('undo'), redo: $('redo'), mode: $('mode'), helpOpen: $('help-open'), help: $('help'), helpClose: $('help-close'),
  saved: $('saved'), editStatus: $('edit-status'), offer: $('offer'), offerText: $('offer-text'),
  offerApply: $('offer-apply'), offerDismiss: $('offer-dismiss'), tip: $('tip'),
  exports: $('exports'), importFormat: $('import-format'), importFile: $('import-file'), filesStatus: $('files-status'),
  learned: $('learned'), learnedExport: $('learned-export'), learnedImport: $('learned-import'),
  learnedReset: $('learned-reset'), learnStatus: $('learn-status'),
  run: $('run'), runBar: $('run-bar'), runText: $('run-text'), cancel: $('cancel'), storage: $('storage-warning'),
};

/** Up to this many UTF-16 code units, a text is annotated on this thread (under ~30 ms). */
export const SYNC_MAX = 32 * 1024;
/**
 * The longest text the page annotates, in UTF-16 code units (see README): 20
 * million, four times the 5 MB the worker is tested with; the annotations of
 * such a text take a few hundred MB of this tab's memory.
 */
export const MAX_TEXT = 20_000_000;
/** Articles longer than this are rendered in slices (renderAllAsync). */
export const LARGE_RENDER = 32 * 1024;

export const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} million characters` : `${n.toLocaleString('en')} characters`);
export const BUSY = 'Wait until the long article is shown, or press Cancel (Esc).';

/** The open article and its undo history: the one owner of the document. */
export const state = new ArticleState();

/** The rest of the page's state, set at start-up (app.js) and as it goes. */
export const page = {
  /** labels() of the wasm API, in key order (1 PER, 2 ORG…). */
  labels: [],
  /** @type {import('./render.js').ArticleView | null} the annotated article */
  view: null,
  /** @type {import('./sidebar.js').Sidebar | null} */
  sidebar: null,
  /** @type {import('./session.js').LearningSession | null} annotates, and learns from the corrections */
  session: null,
  /** @type {import('./background.js').BackgroundAnnotator | null} the worker for long texts */
  background: null,
  /** The claims models: a promise that settles when they are loaded (newsmark.js loadClaims()). */
  claims: null,
  /** The text of an article annotated before the claims models arrived (its claims are added when they do), or null. */
  claimsPending: null,
  /** In claims mode, keys edit sentences and claims rather than highlights. */
  claimsMode: false,
  /** Labels hidden by the filter. */
  hidden: new Set(),
  /**
   * The long run under way, or null: `{ controller }` while a long text is
   * annotated in the worker and its article rendered (controller.abort() cancels
   * it), `{ controller: null }` while an article already open is rendered in
   * slices. Edits wait meanwhile (the article on screen may not be the one in
   * `state` until the run commits). See annotating.js.
   */
  run: null,
  /** Set while a long run commits the article it has already rendered (see annotateLong). */
  prerendered: false,
};

export const busy = () => page.run !== null;

export function setStatus(el, message, isError = false) {
  el.textContent = message;
  el.classList.toggle('error', isError);
  el.setAttribute('role', isError ? 'alert' : 'status');
}
/** The status line under the article's toolbar: what an edit did. */
export const say = (message, isError = false) => setStatus(ui.editStatus, message, isError);
