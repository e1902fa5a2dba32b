// Unit tests (Node, no browser) for www/app/tokens.js, www/app/text.js and
// www/app/edits.js: the core's token edges for selecting and resizing (through the
// real wasm), sentences for claims mode, paragraph blocks for rendering,
// whole-word mentions, and edits with their undo ops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync } from '../../www/newsmark/pkg/newsmark.js';
import { sentences, blocks } from '../../www/app/text.js';
import {
  edgesOf, tokenEndAfter, tokenStartBefore, tokenStartAt, tokenEndAt, moveEdge, snapToTokens, occurrences,
} from '../../www/app/tokens.js';
import * as E from '../../www/app/edits.js';

initSync({ module: readFileSync(new URL('../../www/newsmark/pkg/newsmark_bg.wasm', import.meta.url)) });

const T = 'Mr. Smith met J. K. Rowling in the U.S. on Monday. “We agreed,” she said! Then: Germany\'s 3.5% rise.';
/** The tokens of `text` as strings. */
const tokens = (text) => {
  const edges = edgesOf(text);
  const out = [];
  for (let k = 0; k < edges.length; k += 2) out.push(text.slice(edges[k], edges[k + 1]));
  return out;
};

test('token edges are the core tokenizer\'s, in UTF-16 units', () => {
  assert.deepEqual(tokens("Germany's U.S. unit hired 6,500 people."), ['Germany', "'s", 'U.S.', 'unit', 'hired', '6,500', 'people', '.']);
  // An emoji is two UTF-16 units; é is one.
  const em = '😀 Café in Zürich.';
  assert.deepEqual(tokens(em), ['😀', 'Café', 'in', 'Zürich', '.']);
  assert.deepEqual([...edgesOf('')], []);
  assert.equal(tokenEndAfter(T, 0), 3); // "Mr." is one token
  assert.equal(tokenEndAfter(T, 3), 9); // " Smith" -> after "Smith"
  assert.equal(tokenStartBefore(T, 9), 4);
  assert.equal(tokenStartBefore(T, 4), 0); // back over the space to "Mr."
  assert.equal(tokenStartAt(T, 3), 4);
  assert.equal(tokenStartAt(T, 6), 6, 'inside a token: stays');
  assert.equal(tokenEndAt(T, 4), 3);
  const g = T.indexOf('Germany');
  assert.equal(T.slice(g, tokenEndAfter(T, g)), 'Germany');
  assert.equal(T.slice(g + 7, tokenEndAfter(T, g + 7)), "'s");
  const u = T.indexOf('U.S.');
  assert.equal(T.slice(u, tokenEndAfter(T, u)), 'U.S.');
  const p = T.indexOf('3.5%');
  assert.equal(T.slice(tokenStartBefore(T, p + 2), tokenEndAfter(T, p + 2)), '3.5');
});

test('moveEdge: by token (snap) or by character, never empty, never splitting a surrogate pair', () => {
  const text = 'The Nordwind Energy in Ghent said';
  const s = text.indexOf('Nordwind');
  const e = text.indexOf(' said');
  assert.deepEqual(moveEdge(text, s, e, 'end', -1).map((i) => text.slice(s, i))[1], 'Nordwind Energy in');
  const [s2, e2] = moveEdge(text, s, e, 'start', 1);
  assert.equal(text.slice(s2, e2), 'Energy in Ghent');
  assert.equal(text.slice(...moveEdge(text, s2, e2, 'start', -1)), 'Nordwind Energy in Ghent');
  assert.equal(text.slice(...moveEdge(text, s, e, 'end', 1)), 'Nordwind Energy in Ghent said');
  assert.equal(text.slice(...moveEdge(text, s, e, 'end', -1, false)), 'Nordwind Energy in Ghen');
  assert.equal(text.slice(...moveEdge(text, s, e, 'start', 1, false)), 'ordwind Energy in Ghent');
  // A one-token span cannot lose its only token.
  assert.equal(moveEdge(text, s, s + 8, 'start', 1), null);
  assert.equal(moveEdge(text, s, s + 8, 'end', -1), null);
  // Emoji: two UTF-16 units, one step.
  const em = 'A 😀B';
  assert.deepEqual(moveEdge(em, 4, 5, 'start', -1, false), [2, 5]);
});

test('snapToTokens widens a partial selection to whole words and trims spaces', () => {
  const text = 'Carsten Spohr bet on Asia.';
  assert.deepEqual(snapToTokens(text, 9, 11), [8, 13]);
  assert.deepEqual(snapToTokens(text, 7, 16), [8, 17]); // " Spohr be" -> "Spohr bet"
  assert.equal(snapToTokens(text, 7, 8), null);
  // The core's tokens: a selection inside "Germany's" takes "Germany" and "'s" whole, "U.S." stays one.
  const g = "Germany's U.S. unit";
  assert.deepEqual(snapToTokens(g, 3, 8), [0, 9]);
  assert.deepEqual(snapToTokens(g, 3, 6), [0, 7]);
  assert.deepEqual(snapToTokens(g, 11, 12), [10, 14]);
  // Shift/Alt+arrows move by the core's tokens.
  assert.equal(g.slice(...moveEdge(g, 0, 7, 'end', 1)), "Germany's");
  assert.equal(g.slice(...moveEdge(g, 0, 9, 'end', -1)), 'Germany');
  assert.equal(g.slice(...moveEdge(g, 0, 9, 'end', 1)), "Germany's U.S.");
});

test('sentences: stops, abbreviations and initials, quotes, line breaks', () => {
  const got = sentences(T).map(([s, e]) => T.slice(s, e));
  assert.deepEqual(got, [
    'Mr. Smith met J. K. Rowling in the U.S. on Monday.',
    '“We agreed,” she said!',
    'Then: Germany\'s 3.5% rise.',
  ]);
  const lines = 'HEADLINE HERE\nBody text. More text.\n\nNew para';
  assert.deepEqual(sentences(lines).map(([s, e]) => lines.slice(s, e)), ['HEADLINE HERE', 'Body text.', 'More text.', 'New para']);
});

test('blocks split at blank lines, never inside an annotation', () => {
  const text = 'One.\n\nTwo.\n \n\nThree.';
  const { blocks: bs, seps } = blocks(text);
  assert.deepEqual(bs.map(([a, b]) => text.slice(a, b)), ['One.', 'Two.', 'Three.']);
  assert.deepEqual(seps.map(([a, b]) => text.slice(a, b)), ['\n\n', '\n \n\n']);
  // A claim over the first blank line keeps One and Two together.
  const { blocks: b2 } = blocks(text, [{ start: 0, end: 10 }]);
  assert.deepEqual(b2.map(([a, b]) => text.slice(a, b)), ['One.\n\nTwo.', 'Three.']);
  // Covering: blocks and separators tile the text.
  const all = [...bs, ...seps].sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [a, b] of all) {
    assert.equal(a, at);
    at = b;
  }
  assert.equal(at, text.length);
});

test('occurrences are whole tokens', () => {
  assert.deepEqual(occurrences('bridge bridges the bridge', 'bridge'), [[0, 6], [19, 25]]);
  // "Germany" is a token of "Germany's"; "U.S" is not one of "U.S.".
  assert.deepEqual(occurrences("Germany's and Germany", 'Germany'), [[0, 7], [14, 21]]);
  assert.deepEqual(occurrences('the U.S. said', 'U.S'), []);
});

const doc = () => ({
  newsmark: 1, offsets: 'utf16', text: 'Halvorsen met Halvorsen and Halvorsen in Oslo.',
  entities: [
    { start: 0, end: 9, label: 'PER', text: 'Halvorsen', score: 0.8, origin: 'model', status: 'suggested' },
    { start: 14, end: 23, label: 'LOC', text: 'Halvorsen', score: 0.8, origin: 'model', status: 'suggested' },
    { start: 41, end: 45, label: 'LOC', text: 'Oslo', score: 0.9, origin: 'model', status: 'suggested' },
  ],
  claims: [],
  attributions: [],
});
function run(d, ops) {
  for (const { a, i, del, ins } of ops) d[a].splice(i, del.length, ...ins);
  return d;
}
const undoOps = (ops) => ops.slice().reverse().map(({ a, i, del, ins }) => ({ a, i, del: ins, ins: del }));

test('edits: all mentions relabels highlights and marks unmarked ones, and undoes exactly', () => {
  const d = doc();
  const before = structuredClone(d);
  const rel = E.relabel(d, 0, 'ORG');
  run(d, rel.ops);
  const all = E.applyToAll(d, rel.offer);
  assert.equal(all.count, 2);
  run(d, all.ops);
  assert.deepEqual(d.entities.map((e) => `${e.start}:${e.label}`), ['0:ORG', '14:ORG', '28:ORG', '41:LOC']);
  run(d, undoOps(all.ops));
  run(d, undoOps(rel.ops));
  assert.deepEqual(d, before);
  // Adding over existing highlights replaces them.
  const add = E.add(d, 0, 23, 'MISC');
  run(d, add.ops);
  assert.deepEqual(d.entities.map((e) => e.text), ['Halvorsen met Halvorsen', 'Oslo']);
  // Resizing into a neighbour is refused.
  assert.ok(E.resize(d, 0, 0, 42).blocked);
});

test('edits: claimant, cue and content', () => {
  const d = { ...doc(), text: 'Later, Kessler met officials in Ghent.', entities: [] };
  run(d, E.markClaim(d, 0, d.text.length, 'other').ops);
  run(d, E.setRole(d, 0, 'source', 7, 14).ops);
  assert.equal(d.attributions[d.claims[0].attribution].source.text, 'Kessler');
  assert.equal(d.attributions[0].cue.text, 'Kessler', 'no reporting verb: the cue is the source until one is marked');
  run(d, E.setRole(d, 0, 'cue', 15, 18).ops);
  assert.equal(d.attributions[0].cue.text, 'met');
  run(d, E.clearClaimant(d, 0).ops);
  assert.equal(d.attributions[0].source, null);
  assert.equal(E.clearClaimant(d, 0), null);
});

test('learning excerpt: only the touched paragraphs, entities shifted, nothing crossing', () => {
  const text = 'Anna met Bo.\n\nCarl saw Dana in Oslo.\n\nEva left.';
  const ent = (s, label) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, text: s, score: 1, origin: 'model', status: 'suggested' });
  const d = { newsmark: 1, offsets: 'utf16', text, entities: [ent('Anna', 'PER'), ent('Carl', 'PER'), ent('Oslo', 'LOC'), ent('Eva', 'PER')], claims: [], attributions: [] };
  const x = E.excerpt(d, [[text.indexOf('Oslo'), text.indexOf('Oslo') + 4]]);
  assert.equal(x.text, 'Carl saw Dana in Oslo.');
  assert.deepEqual(x.entities.map((e) => [x.text.slice(e.start, e.end), e.label]), [['Carl', 'PER'], ['Oslo', 'LOC']]);
  const y = E.excerpt(d, [[0, 4], [text.indexOf('Eva'), text.indexOf('Eva') + 3]]);
  assert.equal(y.text, 'Anna met Bo.\n\nEva left.');
  assert.deepEqual(y.entities.map((e) => y.text.slice(e.start, e.end)), ['Anna', 'Eva']);
  assert.equal(E.excerpt(d, []), null);
});
