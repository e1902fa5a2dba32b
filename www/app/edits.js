// Edits to a Newsmark document, as pure functions: each takes the document
// (UTF-16 offsets, entities and claims sorted by start, entities never
// overlapping) and returns an edit `{ label, ops, focus }` or null when there is
// nothing to do. Nothing here changes the document: state.js applies the ops
// and keeps them for undo.
//
// An op is `{ a, i, del, ins }`: in the array `a` ('entities', 'claims' or
// 'attributions'), at index i, the items `del` are replaced by `ins`. Items are
// never changed in place, so an op's inverse is the same op with del and ins
// swapped, and ops can be kept (and saved) as the undo history.
import { blocks, firstStartingAt, firstEndingAfter, sentences } from './text.js';
import { occurrences } from './tokens.js';
import { claimantText } from '../newsmark/newsmark.js';

export const KINDS = ['quantity', 'correlation_causation', 'laws_rules', 'prediction', 'personal_experience', 'other'];
export const KIND_NAMES = {
  quantity: 'quantity',
  correlation_causation: 'correlation or causation',
  laws_rules: 'laws or rules',
  prediction: 'prediction',
  personal_experience: 'personal experience',
  other: 'other',
};

const quote = (s) => `“${s.length > 40 ? `${s.slice(0, 39)}…` : s}”`;

function entity(doc, start, end, label, extra = {}) {
  return { start, end, label, text: doc.text.slice(start, end), score: 1, origin: 'user', status: 'accepted', ...extra };
}
function span(doc, start, end) {
  return { start, end, text: doc.text.slice(start, end) };
}

/** Ops that replace items of `a` by index: `changes` is [[index, newItem | null]] (null deletes). */
function replaceOps(doc, a, changes) {
  const arr = doc[a];
  // Descending, so each op's index is still right when the ops run in order.
  return [...changes].sort((x, y) => y[0] - x[0]).map(([i, item]) => ({
    a, i, del: [arr[i]], ins: item ? [item] : [],
  }));
}

/** Indexes of the entities overlapping [start, end). */
export function overlapping(doc, start, end) {
  const out = [];
  for (let i = firstEndingAfter(doc.entities, start); i < doc.entities.length && doc.entities[i].start < end; i++) {
    out.push(i);
  }
  return out;
}

// ------------------------------------------------------------------ entities

export function relabel(doc, i, label) {
  const e = doc.entities[i];
  if (!e || e.label === label) return null;
  return {
    label: `Relabelled ${quote(e.text)} ${e.label} → ${label}`,
    ops: replaceOps(doc, 'entities', [[i, { ...e, label, score: 1, origin: 'user', status: 'accepted' }]]),
    focus: e.start,
    offer: { type: 'relabel', text: e.text, label, from: e.label, start: e.start },
  };
}

export function accept(doc, i) {
  const e = doc.entities[i];
  if (!e || e.status === 'accepted') return null;
  return {
    label: `Accepted ${quote(e.text)} as ${e.label}`,
    ops: replaceOps(doc, 'entities', [[i, { ...e, status: 'accepted' }]]),
    focus: e.start,
  };
}

/** Removes a highlight; `how`: 'reject' (a wrong suggestion) or 'delete'. */
export function remove(doc, i, how = 'delete') {
  const e = doc.entities[i];
  if (!e) return null;
  return {
    label: `${how === 'reject' ? 'Rejected' : 'Deleted'} ${quote(e.text)} (${e.label})`,
    ops: replaceOps(doc, 'entities', [[i, null]]),
    focusAfter: e.start,
    offer: { type: 'delete', text: e.text, label: e.label, start: e.start },
  };
}

/** Moves the edges of entity i to [start, end); null if that would overlap a neighbour. */
export function resize(doc, i, start, end) {
  const e = doc.entities[i];
  if (!e || start >= end || start < 0 || end > doc.text.length) return null;
  if (start === e.start && end === e.end) return null;
  const prev = doc.entities[i - 1];
  const next = doc.entities[i + 1];
  if ((prev && prev.end > start) || (next && next.start < end)) return { blocked: 'it would overlap the next highlight' };
  const text = doc.text.slice(start, end);
  return {
    label: `Resized ${quote(e.text)} → ${quote(text)}`,
    ops: replaceOps(doc, 'entities', [[i, { ...e, start, end, text, score: 1, origin: 'user', status: 'accepted' }]]),
    focus: start,
  };
}

/** Adds a highlight over [start, end), replacing the ones it overlaps. */
export function add(doc, start, end, label) {
  if (start >= end) return null;
  const over = overlapping(doc, start, end);
  const ins = [entity(doc, start, end, label)];
  let ops;
  if (over.length) {
    const at = over[0];
    ops = [{ a: 'entities', i: at, del: doc.entities.slice(at, at + over.length), ins }];
  } else {
    ops = [{ a: 'entities', i: firstStartingAt(doc.entities, start), del: [], ins }];
  }
  const text = doc.text.slice(start, end);
  return {
    label: `Added ${quote(text)} as ${label}${over.length ? ` (replacing ${over.length})` : ''}`,
    ops,
    focus: start,
    offer: { type: 'relabel', text, label, start },
  };
}

/**
 * The same change for every other mention of `offer.text`: relabel the other
 * highlights with that text (and mark its unmarked occurrences, on token edges
 * and not overlapping any highlight), or delete them. Null if there are none.
 */
export function applyToAll(doc, offer) {
  const { type, text, label, start } = offer;
  const changes = [];
  const others = [];
  doc.entities.forEach((e, i) => {
    if (e.text !== text || e.start === start) return;
    if (type === 'delete') changes.push([i, null]);
    else if (e.label !== label) changes.push([i, { ...e, label, score: 1, origin: 'user', status: 'accepted' }]);
    others.push(e);
  });
  let ops = replaceOps(doc, 'entities', changes);
  let added = 0;
  if (type === 'relabel') {
    // Unmarked occurrences: inserted after the replacements, from the end, so indexes stay right.
    const fresh = occurrences(doc.text, text).filter(([s, e]) => s !== start && overlapping(doc, s, e).length === 0);
    added = fresh.length;
    const inserts = fresh.map(([s, e]) => ({ a: 'entities', i: firstStartingAt(doc.entities, s), del: [], ins: [entity(doc, s, e, label)] }));
    inserts.sort((x, y) => y.i - x.i || y.ins[0].start - x.ins[0].start);
    // Replacements keep the array's length, so the insertion indexes computed before them still hold.
    ops = ops.concat(inserts);
  }
  const n = changes.length + added;
  if (n === 0) return null;
  return {
    label: type === 'delete'
      ? `Deleted ${n} other mention${n === 1 ? '' : 's'} of ${quote(text)}`
      : `Labelled ${n} other mention${n === 1 ? '' : 's'} of ${quote(text)} as ${label}`,
    ops,
    count: n,
  };
}

/** What applyToAll would change, for the offer's wording: { relabel, add, remove }. */
export function allMentionsCount(doc, offer) {
  const { type, text, label, start } = offer;
  let relabelN = 0;
  let removeN = 0;
  for (const e of doc.entities) {
    if (e.text !== text || e.start === start) continue;
    if (type === 'delete') removeN++;
    else if (e.label !== label) relabelN++;
  }
  let addN = 0;
  if (type === 'relabel') {
    addN = occurrences(doc.text, text).filter(([s, e]) => s !== start && overlapping(doc, s, e).length === 0).length;
  }
  return { relabel: relabelN, add: addN, remove: removeN };
}

/** Replaces every annotation by those of `next` (same text): an import or a re-annotation. */
export function replaceAll(doc, next, label) {
  const ops = [];
  for (const a of ['attributions', 'claims', 'entities']) {
    if (doc[a].length || next[a].length) ops.push({ a, i: 0, del: doc[a].slice(), ins: next[a].slice() });
  }
  // Claims point into attributions: replace attributions last on undo, first on redo.
  // (Ops run in order; a claim's index is only read once all three are in place.)
  return ops.length ? { label, ops } : null;
}

/**
 * The claims and attributions of a fresh annotation of the same text, for an
 * article annotated before the claims models arrived: only those two lists
 * change, so every edit made to the entities meanwhile stays.
 */
export function claimsFound(doc, fresh) {
  const ops = [];
  for (const a of ['attributions', 'claims']) {
    if (doc[a].length || fresh[a].length) ops.push({ a, i: 0, del: doc[a].slice(), ins: fresh[a].slice() });
  }
  return ops.length ? { label: 'Claims found', ops } : null;
}

/**
 * Merges a fresh annotation of the same text into the current one: what a
 * person accepted or made stays; suggestions are replaced by the new ones
 * that do not overlap it.
 */
export function reannotate(doc, fresh) {
  const kept = doc.entities.filter((e) => e.status === 'accepted');
  const entities = kept.slice();
  for (const e of fresh.entities) {
    const clash = kept.some((k) => k.start < e.end && e.start < k.end);
    if (!clash) entities.push(e);
  }
  entities.sort((x, y) => x.start - y.start);
  // Claims: accepted ones stay with their attributions; new suggestions elsewhere.
  const attributions = [];
  const claims = [];
  const carry = (claim, from) => {
    let attribution = null;
    if (claim.attribution != null && from.attributions[claim.attribution]) {
      attribution = attributions.length;
      attributions.push(from.attributions[claim.attribution]);
    }
    claims.push({ ...claim, attribution });
  };
  const keptClaims = doc.claims.filter((c) => c.status === 'accepted');
  for (const c of keptClaims) carry(c, doc);
  for (const c of fresh.claims) {
    if (!keptClaims.some((k) => k.start < c.end && c.start < k.end)) carry(c, fresh);
  }
  claims.sort((x, y) => x.start - y.start);
  // Attributions of non-claim sentences (kept for exports), from the fresh run.
  const linked = new Set(fresh.claims.map((c) => c.attribution).filter((a) => a != null));
  fresh.attributions.forEach((a, i) => { if (!linked.has(i)) attributions.push(a); });
  return replaceAll(doc, { entities, claims, attributions }, 'Re-annotated (your accepted edits kept)');
}

// ------------------------------------------------------------------ claims

/** The sentence around offset `pos`: a claim's span if it is in one, else a JavaScript sentence. */
export function sentenceAt(doc, pos, cache) {
  const ci = claimAt(doc, pos);
  if (ci >= 0) return [doc.claims[ci].start, doc.claims[ci].end];
  const list = cache ?? sentences(doc.text);
  for (const [s, e] of list) if (s <= pos && pos < e) return [s, e];
  return null;
}

/** Index of the claim containing offset pos, or -1. */
export function claimAt(doc, pos) {
  const i = firstEndingAfter(doc.claims, pos);
  const c = doc.claims[i];
  return c && c.start <= pos ? i : -1;
}

/** Marks [start, end) as a check-worthy claim (by a person). */
export function markClaim(doc, start, end, kind = 'other') {
  const clash = doc.claims.findIndex((c) => c.start < end && start < c.end);
  if (clash >= 0) return null;
  const claim = { start, end, text: doc.text.slice(start, end), score: 1, kind, attribution: null, origin: 'user', status: 'accepted' };
  return {
    label: `Marked a sentence check-worthy (${KIND_NAMES[kind]})`,
    ops: [{ a: 'claims', i: firstStartingAt(doc.claims, start), del: [], ins: [claim] }],
    focus: start,
  };
}

/** Unmarks claim ci (not check-worthy). Its attribution stays: someone still said it. */
export function unmarkClaim(doc, ci, how = 'Unmarked') {
  const c = doc.claims[ci];
  if (!c) return null;
  return {
    label: `${how} a claim: ${quote(c.text)}`,
    ops: [{ a: 'claims', i: ci, del: [c], ins: [] }],
    focus: c.start,
  };
}

export function acceptClaim(doc, ci) {
  const c = doc.claims[ci];
  if (!c || c.status === 'accepted') return null;
  return {
    label: `Accepted a claim: ${quote(c.text)}`,
    ops: [{ a: 'claims', i: ci, del: [c], ins: [{ ...c, status: 'accepted' }] }],
    focus: c.start,
  };
}

export function setKind(doc, ci, kind) {
  const c = doc.claims[ci];
  if (!c || (c.kind === kind && c.status === 'accepted')) return null;
  return {
    label: `Claim kind → ${KIND_NAMES[kind]}: ${quote(c.text)}`,
    ops: [{ a: 'claims', i: ci, del: [c], ins: [{ ...c, kind, status: 'accepted' }] }],
    focus: c.start,
  };
}

/**
 * Sets the fact-checker's review of claim ci (`review`: { rating, url,
 * organization, and optionally rating_value, best_rating, worst_rating, date,
 * claimant, claimant_type, appearance }), or removes it (null). A reviewed
 * claim is accepted: it exports as a ClaimReview.
 */
export function setReview(doc, ci, review) {
  const c = doc.claims[ci];
  if (!c || (!review && !c.review)) return null;
  const { review: _old, ...rest } = c;
  const next = review ? { ...rest, review, status: 'accepted' } : rest;
  return {
    label: review ? `Reviewed a claim as “${review.rating}”: ${quote(c.text)}` : `Removed the review of ${quote(c.text)}`,
    ops: [{ a: 'claims', i: ci, del: [c], ins: [next] }],
    focus: c.start,
  };
}

const CUE = /\b(?:said|says|say|told|tells|according to|stated|states|added|adds|announced|announces|claimed|claims|argued|argues|insisted|warned|wrote|writes|reported|reports|noted|explained|believes|believed|thinks|thought)\b/i;

/**
 * Sets one part of claim ci's attribution to [start, end): `role` is 'source'
 * (the claimant), 'cue' or 'content'. A claim without an attribution gets one:
 * its content is the claim, its cue the first reporting verb in the sentence
 * ("said", "told", "according to"…) or, failing that, the source itself until
 * a cue is marked.
 */
export function setRole(doc, ci, role, start, end) {
  const c = doc.claims[ci];
  if (!c || start >= end) return null;
  const piece = span(doc, start, end);
  const ops = [];
  let a;
  let ai = c.attribution;
  if (ai == null) {
    const m = CUE.exec(c.text);
    const cue = m ? span(doc, c.start + m.index, c.start + m.index + m[0].length) : piece;
    a = { source: null, cue, content: [span(doc, c.start, c.end)], origin: 'user', status: 'accepted' };
    ai = doc.attributions.length;
  } else {
    a = { ...doc.attributions[ai], origin: 'user', status: 'accepted' };
  }
  if (role === 'source') {
    a.source = piece;
    // The name a pronoun source referred to no longer applies.
    delete a.refers_to;
  }
  else if (role === 'cue') a.cue = piece;
  else a.content = [piece];
  if (c.attribution == null) {
    ops.push({ a: 'attributions', i: ai, del: [], ins: [a] });
    ops.push({ a: 'claims', i: ci, del: [c], ins: [{ ...c, attribution: ai, status: 'accepted' }] });
  } else {
    ops.push({ a: 'attributions', i: ai, del: [doc.attributions[ai]], ins: [a] });
    if (c.status !== 'accepted') ops.push({ a: 'claims', i: ci, del: [c], ins: [{ ...c, status: 'accepted' }] });
  }
  const what = role === 'source' ? 'claimant' : role;
  return { label: `Set the ${what} of a claim: ${quote(piece.text)}`, ops, focus: c.start };
}

/** Clears claim ci's claimant: its attribution keeps its cue and content, with no source. */
export function clearClaimant(doc, ci) {
  const c = doc.claims[ci];
  if (!c || c.attribution == null) return null;
  const a = doc.attributions[c.attribution];
  if (!a || !a.source) return null;
  const { refers_to: _gone, ...kept } = a;
  return {
    label: `Cleared the claimant ${quote(a.source.text)}`,
    ops: [
      { a: 'attributions', i: c.attribution, del: [a], ins: [{ ...kept, source: null, origin: 'user', status: 'accepted' }] },
      ...(c.status === 'accepted' ? [] : [{ a: 'claims', i: ci, del: [c], ins: [{ ...c, status: 'accepted' }] }]),
    ],
    focus: c.start,
  };
}

/** Who made claim c: its attribution's source, or null. */
export function claimantOf(doc, c) {
  const a = c.attribution == null ? null : doc.attributions[c.attribution];
  return a && a.source ? a.source : null;
}

/** The claimant's name as shown (newsmark.js, shared with the embed). */
export { claimantText };

/**
 * Claim c's claimant as shown ("She (Maria Lopez)" for a pronoun), or null.
 * The name a pronoun refers to is shown only while a person or organisation
 * is still marked there: deleting or relabelling that entity drops it, as the
 * downloads (which recompute it from the entities) do.
 */
export function claimantLabel(doc, c) {
  const a = c.attribution == null ? null : doc.attributions[c.attribution];
  if (!a || !a.source) return null;
  const r = a.refers_to;
  const e = r ? doc.entities[firstStartingAt(doc.entities, r.start)] : null;
  const named = e && e.start === r.start && e.end === r.end && (e.label === 'PER' || e.label === 'ORG');
  return claimantText(a.source, named ? r : null);
}

// ------------------------------------------------------------------ learning

/**
 * What to learn from after edits in `ranges`: the paragraphs they touched, as a
 * document of their own (joined by blank lines, which end sentences), entities
 * only. Learning looks at one sentence at a time, so this teaches the same as
 * the whole article, in a time that does not grow with the article. Null if no
 * paragraph was touched.
 */
export function excerpt(doc, ranges) {
  const { blocks: bs } = blocks(doc.text, doc.entities, doc.claims);
  const chosen = bs.filter(([a, b]) => ranges.some(([s, e]) => s <= b && e >= a));
  if (!chosen.length) return null;
  let text = '';
  const entities = [];
  for (const [a, b] of chosen) {
    if (text) text += '\n\n';
    const shift = text.length - a;
    text += doc.text.slice(a, b);
    for (let i = firstEndingAfter(doc.entities, a); i < doc.entities.length && doc.entities[i].start < b; i++) {
      const e = doc.entities[i];
      if (e.start >= a && e.end <= b) entities.push({ ...e, start: e.start + shift, end: e.end + shift });
    }
  }
  return { newsmark: doc.newsmark, offsets: 'utf16', text, entities, claims: [], attributions: [] };
}
