// Unit tests (Node, no browser) for the page's long-text machinery (issue 7):
// blank lines and sentences found without a regex pass over the whole text
// (www/app/text.js), texts cut into pieces and annotated piece by piece with the
// real wasm core (www/app/pieces.js), compact records for IndexedDB (www/app/pack.js)
// and the replay of logged edits on a saved record (www/app/state.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankRuns, blocks, isSpaceCode, sentences, sentencesIn } from '../../www/app/text.js';
import { cutPieces, annotateInPieces, PIECE_SIZE, appendPiece, emptyDocument } from '../../www/app/pieces.js';
import { packList, unpackList, packRecord, unpackRecord, packNow, transferables } from '../../www/app/pack.js';
import { ArticleState, replay, HISTORY_LIMIT } from '../../www/app/state.js';
import * as E from '../../www/app/edits.js';
import { longArticle } from '../../scripts/long-article.mjs';
import { newSession } from './node-wasm.mjs';

const session = newSession();

/** A small deterministic random generator. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const WS = [' ', '\n', '\t', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b'];
function randomText(r, n) {
  const parts = ['Anna', 'met', 'Bob.', 'In', 'Paris', '“Yes,”', 'he said!', '😀', 'U.S.', 'Mr.', 'x'];
  let t = '';
  while (t.length < n) t += r() < 0.45 ? WS[Math.floor(r() * WS.length)] : parts[Math.floor(r() * parts.length)];
  return t;
}

test('isSpaceCode is /\\s/ for every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
});

test('blankRuns finds what the blank-line regex matches; sentences per block are the sentences of the text', () => {
  const r = rng(11);
  const re = /[^\S\n]*\n[^\S\n]*(?:\n[^\S\n]*)+/g;
  for (let k = 0; k < 400; k++) {
    const text = randomText(r, 1 + Math.floor(r() * 300));
    const expected = [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
    assert.deepEqual(blankRuns(text), expected, JSON.stringify(text));
    const { blocks: bs } = blocks(text);
    const joined = bs.flatMap(([a, b]) => sentencesIn(text, a, b));
    assert.deepEqual(joined, sentences(text), JSON.stringify(text));
  }
  const article = longArticle(3000);
  const { blocks: bs } = blocks(article);
  assert.deepEqual(bs.flatMap(([a, b]) => sentencesIn(article, a, b)), sentences(article));
});

test('cutPieces: pieces cover the text in order, cut after blank lines, never inside a surrogate pair', () => {
  const article = longArticle(40000);
  const pieces = cutPieces(article, 8192);
  assert.ok(pieces.length > 10);
  assert.equal(pieces[0][0], 0);
  assert.equal(pieces.at(-1)[1], article.length);
  for (let i = 0; i < pieces.length; i++) {
    const [a, b] = pieces[i];
    assert.ok(b > a);
    if (i) assert.equal(a, pieces[i - 1][1]);
    if (i < pieces.length - 1) {
      assert.ok(b - a <= 8192 + 16 && b - a >= 4096, `${b - a}`);
      assert.match(article.slice(b - 2, b), /\n\n$/); // right after a blank line
    }
  }
  // No blank line, no line break, no space: a hard cut, but not between the halves of an emoji.
  const emoji = '😀'.repeat(5000);
  for (const [a, b] of cutPieces(emoji, 1001)) {
    assert.ok(!/[\ud800-\udbff]$/.test(emoji.slice(a, b)) && !/^[\udc00-\udfff]/.test(emoji.slice(a, b)));
  }
  assert.deepEqual(cutPieces('', 10), [[0, 0]]);
  assert.deepEqual(cutPieces('short', 10), [[0, 5]]);
});

// Written for these tests: a pronoun source that refers to a name before it.
const PRONOUN_PARAGRAPH = 'Maria Lopez spoke in Boston on Monday. She said unemployment had doubled since 2019.';

test('annotateInPieces: offsets into the whole text, attributions re-indexed; one piece is the whole annotation', () => {
  const text = `📈 ${longArticle(12000)}\n\n${PRONOUN_PARAGRAPH}`;
  const doc = { entities: [], claims: [], attributions: [] };
  const shift = (s, by) => (s ? { ...s, start: s.start + by, end: s.end + by } : s);
  let n = 0;
  for (const p of annotateInPieces((t) => session.annotateDocument(t), text, 8192)) {
    n++;
    // Each piece is what annotating its text alone gives, moved to its place in the whole text.
    const local = session.annotateDocument(text.slice(p.from, p.to));
    assert.deepEqual(p.entities, local.entities.map((e) => shift(e, p.from)));
    p.claims.forEach((c, i) => {
      const l = local.claims[i];
      assert.deepEqual({ ...c, attribution: null }, { ...shift(l, p.from), attribution: null });
      if (l.attribution == null) assert.equal(c.attribution, null);
      else {
        const a = local.attributions[l.attribution];
        assert.deepEqual(p.attributions[c.attribution - doc.attributions.length],
          {
            ...a, source: shift(a.source, p.from), cue: shift(a.cue, p.from), content: a.content.map((x) => shift(x, p.from)),
            ...(a.refers_to ? { refers_to: shift(a.refers_to, p.from) } : {}),
          });
      }
    });
    doc.entities.push(...p.entities);
    doc.claims.push(...p.claims);
    doc.attributions.push(...p.attributions);
  }
  assert.ok(n > 5);
  const sorted = (list) => list.every((x, i) => i === 0 || list[i - 1].start <= x.start);
  assert.ok(sorted(doc.entities) && sorted(doc.claims));
  for (const e of doc.entities) assert.equal(text.slice(e.start, e.end), e.text);
  for (let i = 1; i < doc.entities.length; i++) assert.ok(doc.entities[i - 1].end <= doc.entities[i].start);
  for (const c of doc.claims) {
    assert.equal(text.slice(c.start, c.end), c.text);
    if (c.attribution != null) assert.ok(doc.attributions[c.attribution]);
  }
  for (const a of doc.attributions) {
    for (const s of [a.source, a.cue, ...a.content, a.refers_to].filter(Boolean)) assert.equal(text.slice(s.start, s.end), s.text);
  }
  // Pronoun sources ("he said") come with the name they refer to.
  assert.ok(doc.attributions.some((a) => a.refers_to), 'some pronoun source is resolved');
  // A text that fits one piece: exactly what annotating it whole gives.
  const short = longArticle(2000);
  assert.ok(short.length < PIECE_SIZE);
  const [only, ...rest] = [...annotateInPieces((t) => session.annotateDocument(t), short)];
  assert.equal(rest.length, 0);
  const whole = session.annotateDocument(short);
  assert.deepEqual({ entities: only.entities, claims: only.claims, attributions: only.attributions },
    { entities: whole.entities, claims: whole.claims, attributions: whole.attributions });
});

test('packed entities (how the worker sends them): the page rebuilds exactly the core\'s objects', async () => {
  const text = `📈 Zoë Ångström 東京 ${longArticle(6000)}\r\n\u00a0e\u0301 👩🏽‍💻`;
  const doc = session.annotateDocument(text);
  assert.ok(doc.entities.length > 50);
  // Edited entities too: another origin and status, a score of 1.
  const list = doc.entities.map((e, i) => (i % 7 ? e : { ...e, origin: 'user', status: 'accepted', score: 1 }));
  const cols = packNow('entities', list, text);
  // Six typed arrays (start, end, score, label, origin, status), all transferable.
  assert.equal(transferables(cols).length, 6);
  assert.ok(transferables(cols).every((b) => b instanceof ArrayBuffer));
  assert.equal(new Set(cols.strings).size, cols.strings.length, 'each string once in the table');
  // The same format as the store's (packList).
  assert.deepEqual(cols, await packList('entities', list, text));
  const rebuilt = emptyDocument(text);
  appendPiece(rebuilt, { entities: cols, claims: [], attributions: [] });
  assert.deepEqual(rebuilt.entities, list);
  assert.deepEqual(rebuilt.entities.map((e) => Object.keys(e).join()), list.map((e) => Object.keys(e).join()));
  // More distinct strings than a byte can code: not packed (the worker then sends the objects).
  assert.equal(packNow('entities', list.slice(0, 100).map((e, i) => ({ ...e, label: `L${i}`, origin: `O${i}`, status: `S${i}` })), text), null);
});

test('pack: a record round-trips exactly (lists packed, odd items kept as they are), history included', async () => {
  const text = `${longArticle(3000)}\n\n${PRONOUN_PARAGRAPH}`;
  const doc = session.annotateDocument(text);
  const state = new ArticleState();
  state.open({ id: 'a-1', title: 'T', document: doc });
  // Some edits, so the history holds small and big ops.
  state.apply(E.relabel(state.doc, 3, 'MISC'));
  state.apply(E.remove(state.doc, 5));
  state.apply(E.applyToAll(state.doc, { type: 'relabel', text: state.doc.entities[10].text, label: 'ORG', start: state.doc.entities[10].start }));
  state.apply(E.replaceAll(state.doc, session.annotateDocument(text), 'Imported x'));
  state.undo();
  const record = state.snapshot();
  const packed = await packRecord(record);
  assert.equal(packed.document.entities.$packed, 'entities');
  assert.equal(packed.document.claims.$packed, 'claims');
  assert.equal(packed.document.attributions.$packed, 'attributions');
  assert.ok(record.document.attributions.some((a) => a.refers_to), 'refers_to is packed too');
  assert.ok(record.document.claims.some((c) => c.facet === 'attributed'), 'facets are packed too');
  assert.ok(packed.document.entities.start instanceof Int32Array);
  // What IndexedDB would store (a structured clone) comes back as the record.
  assert.deepEqual(await unpackRecord(structuredClone(packed)), record);
  // Records stored before packing read as they are.
  assert.deepEqual(await unpackRecord(structuredClone(record)), record);
  // An item with an extra field, a text that does not match, a label beyond the string table: stored as is.
  const ents = doc.entities.slice(0, 40);
  for (const odd of [{ ...ents[7], note: 'x' }, { ...ents[7], text: 'nope' }, { ...ents[7], start: -1 }]) {
    const list = ents.slice();
    list[7] = odd;
    assert.equal(await packList('entities', list, text), list);
  }
  const many = Array.from({ length: 300 }, (_, i) => ({ ...ents[i % 40], origin: `o${i}` }));
  assert.equal(await packList('entities', many, text), many); // more than 255 distinct strings
  assert.deepEqual(await unpackList(await packList('entities', ents, text), text), ents);
});

test('a changed or cleared claimant drops the name its pronoun referred to', () => {
  const doc = session.annotateDocument(PRONOUN_PARAGRAPH);
  const ci = doc.claims.findIndex((c) => c.text.startsWith('She'));
  assert.ok(ci >= 0, JSON.stringify(doc.claims));
  const ai = doc.claims[ci].attribution;
  assert.equal(doc.attributions[ai].refers_to.text, 'Maria Lopez');
  assert.equal(E.claimantLabel(doc, doc.claims[ci]), 'She (Maria Lopez)');
  const after = (edit) => edit.ops.find((o) => o.a === 'attributions').ins[0];
  const start = PRONOUN_PARAGRAPH.indexOf('Maria');
  const set = after(E.setRole(doc, ci, 'source', start, start + 'Maria Lopez'.length));
  assert.equal(set.source.text, 'Maria Lopez');
  assert.ok(!('refers_to' in set));
  const cleared = after(E.clearClaimant(doc, ci));
  assert.equal(cleared.source, null);
  assert.ok(!('refers_to' in cleared));
  // The document itself is not changed by making the edits.
  assert.equal(doc.attributions[ai].refers_to.text, 'Maria Lopez');
  // Deleting or relabelling the entity it points at hides the name.
  const ei = doc.entities.findIndex((e) => e.text === 'Maria Lopez');
  const without = { ...doc, entities: doc.entities.filter((_, i) => i !== ei) };
  assert.equal(E.claimantLabel(without, doc.claims[ci]), 'She');
  const relabelled = { ...doc, entities: doc.entities.map((e, i) => (i === ei ? { ...e, label: 'LOC' } : e)) };
  assert.equal(E.claimantLabel(relabelled, doc.claims[ci]), 'She');
});

test('replay: logged changes after the saved record are redone exactly; a gap or a misfit stops it', () => {
  const text = longArticle(1500);
  const state = new ArticleState();
  state.open({ id: 'a-2', title: 'T', document: session.annotateDocument(text) });
  const saved = structuredClone(state.snapshot());
  const log = [];
  state.addEventListener('change', (ev) => {
    const d = ev.detail;
    if (d.how === 'edit') log.push({ seq: d.seq, how: 'edit', entry: structuredClone(d.entry) });
    else if (d.how === 'undo' || d.how === 'redo') log.push({ seq: d.seq, how: d.how, n: d.entry.n });
  });
  state.apply(E.relabel(state.doc, 2, 'MISC'));
  state.apply(E.accept(state.doc, 4));
  state.apply(E.remove(state.doc, 6));
  state.undo();
  state.redo();
  state.undo();
  state.apply(E.add(state.doc, 0, 4, 'ORG'));
  const now = state.snapshot();
  const { record, applied } = replay(saved, log);
  assert.equal(applied, 7);
  assert.deepEqual(record.document, now.document);
  assert.deepEqual(record.history, now.history);
  assert.equal(record.seq, now.seq);
  // The saved record itself is not changed.
  assert.deepEqual(saved, structuredClone(saved));
  // Already saved: nothing to redo. A gap: only up to it.
  assert.equal(replay({ ...now }, log).applied, 0);
  assert.equal(replay(saved, [log[0], log[2]]).applied, 1);
  // A log for another version of the article: nothing applied, the record kept.
  const other = structuredClone(saved);
  other.document.entities.splice(2, 1);
  const r = replay(other, log);
  assert.equal(r.applied, 0);
  assert.equal(r.record, other);
  assert.ok(HISTORY_LIMIT >= 200);
});
