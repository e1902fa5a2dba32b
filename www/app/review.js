// A fact-checker's review of a claim: the dialog that R opens in claims mode
// (or the Review button of the claims list). Saving is one undoable edit
// (edits.setReview), autosaved with the rest; the ClaimReview download writes
// a ClaimReview for each reviewed claim.
import { $, state, say } from './context.js';
import * as E from './edits.js';
import { apply } from './editing.js';

const dialog = $('review');
const form = $('review-form');
const field = (name) => form.querySelector(`[name="${name}"]`);
const TEXT = ['rating', 'url', 'organization', 'claimant', 'appearance'];
const NUMBERS = ['rating_value', 'best_rating', 'worst_rating'];
let claimStart = null;
let returnTo = null;

/** The organisation of the last review in the article, to fill in the next. */
function lastOrganization(doc) {
  for (let i = doc.claims.length - 1; i >= 0; i--) if (doc.claims[i].review?.organization) return doc.claims[i].review.organization;
  return '';
}

/** Opens the review form for claim ci; focus goes back to `from` when it closes. */
export function openReview(ci, from = document.activeElement) {
  const doc = state.doc;
  const c = doc?.claims[ci];
  if (!c) return;
  claimStart = c.start;
  returnTo = from;
  const r = c.review ?? {};
  $('review-claim').textContent = c.text;
  for (const k of TEXT) field(k).value = r[k] ?? '';
  if (!r.organization) field('organization').value = lastOrganization(doc);
  for (const k of NUMBERS) field(k).value = r[k] ?? '';
  field('claimant_type').value = r.claimant_type ?? '';
  $('review-remove').hidden = !c.review;
  $('review-error').textContent = '';
  dialog.showModal();
  field('rating').focus();
}

/** The review the form holds, or an error message. */
function read() {
  const review = {};
  for (const k of TEXT) {
    const v = field(k).value.trim();
    if (v) review[k] = v;
  }
  for (const k of ['rating', 'url', 'organization']) {
    if (!review[k]) return `${field(k).labels[0].firstChild.textContent.trim()} is required.`;
  }
  for (const k of ['url', 'appearance']) {
    if (review[k] && !/^https?:\/\/\S+$/i.test(review[k])) return 'Addresses start with https:// (or http://).';
  }
  for (const k of NUMBERS) {
    const v = field(k).value.trim();
    if (v === '') continue;
    const n = Number(v);
    if (!Number.isInteger(n)) return 'Numeric ratings are whole numbers.';
    review[k] = n;
  }
  if (field('claimant_type').value) review.claimant_type = field('claimant_type').value;
  review.date = new Date().toISOString().slice(0, 10);
  return review;
}

function current() {
  const ci = state.doc ? E.claimAt(state.doc, claimStart) : -1;
  return ci >= 0 && state.doc.claims[ci].start === claimStart ? ci : -1;
}

function save() {
  const review = read();
  if (typeof review === 'string') {
    $('review-error').textContent = review;
    return;
  }
  const ci = current();
  const old = ci >= 0 ? state.doc.claims[ci].review : null;
  // Keep the first review's date when only other fields change.
  if (old?.date) review.date = old.date;
  dialog.close();
  if (ci < 0) say('The claim is gone (undone?): the review was not saved.', true);
  else apply(E.setReview(state.doc, ci, review));
}
$('review-save').addEventListener('click', save);
// Enter in a text field saves, as in a form.
form.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && ev.target instanceof HTMLInputElement) {
    ev.preventDefault();
    save();
  }
});
$('review-remove').addEventListener('click', () => {
  const ci = current();
  dialog.close();
  if (ci >= 0) apply(E.setReview(state.doc, ci, null));
});
$('review-cancel').addEventListener('click', () => dialog.close());
dialog.addEventListener('close', () => {
  if (returnTo && document.contains(returnTo)) returnTo.focus({ preventScroll: true });
  returnTo = null;
});
