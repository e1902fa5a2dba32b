// End to end: exports and imports (issue 5, point 7). A download button for
// every format of formats(), written by exportDocument() as a Blob download;
// imports of json, prodigy, brat and webanno through importDocument(); a
// malformed file, or one made for a different text, gets a message naming the
// problem and leaves the current work untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp } from './helpers.mjs';
import { annotateText, highlights, clickHighlight, downloadFrom, waitSaved } from './app-helpers.mjs';

// Written for these tests (not from any corpus). The emoji is two UTF-16 units
// and one code point: files use code points, the page UTF-16.
const ARTICLE = `📈 OSLO, Feb 2 - Ingrid Solberg, the chief executive of Fjordkraft Shipping, said on Wednesday that freight rates had risen 15% since January.

Solberg told reporters in Bergen that the company would order six ships from Hyundai.`;
const OTHER = 'Dockworkers in Rotterdam said on Monday they would strike, the union FNV told reporters.';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const upload = (page, name, content) => page.setInputFiles('#import-file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
const filesStatus = (page) => page.textContent('#files-status');
const snapshot = async (page) => ({
  marks: await highlights(page),
  history: await page.$$eval('#history li', (lis) => lis.map((li) => li.textContent)),
  text: await page.inputValue('#text'),
  claims: await page.$$eval('#output .claim', (cs) => cs.map((c) => c.dataset.start + c.dataset.kind)),
});

test('every format of formats() downloads through exportDocument, with the edits in it', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await clickHighlight(page, 'Fjordkraft Shipping');
  await page.keyboard.press('4'); // relabel to MISC, so the exports show the edit
  const formats = await page.evaluate(async () => (await import('./newsmark/pkg/newsmark.js')).formats());
  const names = formats.map((f) => f.name);
  assert.deepEqual(names, ['html', 'json', 'prodigy', 'spacy', 'brat', 'conll', 'webanno', 'claimreview']);
  assert.deepEqual(await page.$$eval('#exports button', (bs) => bs.map((b) => b.dataset.format)), names);
  const files = {};
  for (const f of formats) {
    const file = await downloadFrom(page, `#exports button[data-format="${f.name}"]`);
    assert.ok(file.name.endsWith(`.${f.extension}`), `${f.name}: ${file.name}`);
    assert.match(file.name, /^oslo-feb-2-ingrid-solberg/);
    assert.ok(file.url.startsWith('blob:'), file.url);
    assert.ok(file.content.length > 50, f.name);
    files[f.name] = file.content;
  }
  assert.match(await page.textContent('#files-status'), /Downloaded .*\.claimreview\.jsonld/);

  // Newsmark JSON: code-point offsets, the edit, the title.
  const doc = JSON.parse(files.json);
  assert.equal(doc.offsets, 'codepoint');
  const cps = [...doc.text];
  for (const e of doc.entities) assert.equal(cps.slice(e.start, e.end).join(''), e.text);
  const fj = doc.entities.find((e) => e.text === 'Fjordkraft Shipping');
  assert.deepEqual([fj.label, fj.origin, fj.status], ['MISC', 'user', 'accepted']);
  assert.match(doc.extra.title, /^📈 OSLO, Feb 2/);
  // The others carry the text and the corrected label in their own ways.
  assert.match(files.html, /<!doctype html>/i);
  assert.match(files.html, /Fjordkraft Shipping/);
  assert.doesNotMatch(files.html, /<script/i);
  const prodigy = JSON.parse(files.prodigy.trim().split('\n')[0]);
  assert.equal(prodigy.text, ARTICLE);
  assert.ok(prodigy.spans.some((s) => s.label === 'MISC' && [...prodigy.text].slice(s.start, s.end).join('') === 'Fjordkraft Shipping'));
  assert.match(files.brat, /^T\d+\tMISC \d+ \d+\tFjordkraft Shipping$/m);
  assert.match(files.conll, /Fjordkraft\s.*MISC/);
  assert.ok(JSON.parse(files.spacy));
  assert.ok(JSON.parse(files.webanno));
  assert.equal(JSON.parse(files.claimreview)[0]['@type'], 'Claim');
  assert.deepEqual(errors, []);
  await page.close();
});

test('imports of brat, webanno, json and prodigy: same text replaces the annotations in one undoable step', async () => {
  const { page } = await openApp(env.browser, env.url);
  await annotateText(page, ARTICLE);
  await clickHighlight(page, 'Fjordkraft Shipping');
  await page.keyboard.press('4');
  await clickHighlight(page, 'Bergen');
  await page.keyboard.press('Delete');
  const edited = await highlights(page);
  const brat = (await downloadFrom(page, '#exports button[data-format="brat"]')).content;
  const webanno = (await downloadFrom(page, '#exports button[data-format="webanno"]')).content;
  const json = (await downloadFrom(page, '#exports button[data-format="json"]')).content;
  const prodigy = (await downloadFrom(page, '#exports button[data-format="prodigy"]')).content;
  const key = (hs) => hs.map((h) => `${h.start}:${h.end}:${h.label}`);

  for (const [name, content] of [['story.ann', brat], ['story.jsonld', webanno], ['story.newsmark.json', json], ['story.jsonl', prodigy]]) {
    // Back to the model's suggestions, then import: the edits come back.
    await page.focus('#output');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    assert.notDeepEqual(key(await highlights(page)), key(edited), name);
    const before = await page.$$eval('#history li:not(.undone)', (lis) => lis.length);
    await upload(page, name, content);
    await page.waitForFunction((n) => new RegExp(`Imported ${n.replace('.', '\\.')}`).test(document.getElementById('files-status').textContent), name);
    assert.deepEqual(key(await highlights(page)), key(edited), name);
    assert.match(await page.$eval('#history li', (li) => li.textContent), new RegExp(`Imported ${name.replace('.', '\\.')}`));
    assert.equal(await page.$$eval('#history li:not(.undone)', (lis) => lis.length), before + 1);
    // One step: undo puts back what was there.
    await page.keyboard.press('Control+z');
    assert.notDeepEqual(key(await highlights(page)), key(edited), `${name} undo`);
    await page.keyboard.press('Control+Shift+z');
    // Re-do the two edits for the next round.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
  }
  // Prodigy files carry entities only: the claims stay.
  assert.ok((await page.$$eval('#output .claim', (cs) => cs.length)) > 0);

  // A JSON or Prodigy file with another text opens as a new article.
  await annotateText(page, OTHER);
  const otherJson = (await downloadFrom(page, '#exports button[data-format="json"]')).content;
  await annotateText(page, ARTICLE);
  await waitSaved(page);
  await upload(page, 'rotterdam.newsmark.json', otherJson);
  await page.waitForFunction(() => /as a new article/.test(document.getElementById('files-status').textContent));
  assert.equal(await page.inputValue('#text'), OTHER);
  assert.ok((await highlights(page)).some((h) => h.text === 'Rotterdam'));
  await page.close();
});

test('a malformed file, or one made for another text, is refused with the reason; the work is untouched', async () => {
  const { page } = await openApp(env.browser, env.url);
  // With no article open, standoff files say what they need.
  await upload(page, 'early.ann', 'T1\tPER 0 5\tIngri\n');
  await page.waitForFunction(() => document.getElementById('files-status').textContent.includes('early.ann'));
  assert.match(await filesStatus(page), /Could not import early\.ann \(brat standoff\): brat files hold no article text: open the article first/);

  await annotateText(page, OTHER);
  const otherBrat = (await downloadFrom(page, '#exports button[data-format="brat"]')).content;
  const otherWebanno = (await downloadFrom(page, '#exports button[data-format="webanno"]')).content;
  await annotateText(page, ARTICLE);
  await clickHighlight(page, 'Bergen');
  await page.keyboard.press('1');
  const before = await snapshot(page);

  const cases = [
    ['rotterdam.ann', otherBrat, /Could not import rotterdam\.ann \(brat standoff\): .*(the file was made for a different text|do not fit the text)/],
    ['rotterdam.jsonld', otherWebanno, /Could not import rotterdam\.jsonld \(W3C Web Annotation\): .*(different text|do not fit the text|does not match)/],
    ['broken.newsmark.json', '{"newsmark": 1, "text": 5', /Could not import broken\.newsmark\.json \(Newsmark JSON\): not a Newsmark document/],
    ['future.newsmark.json', '{"newsmark": 99, "text": "x"}', /schema 99 is newer than this version reads/],
    ['offsets.ann', 'T1\tPER 5000 5010\tnobody\n', /offsets 5000\.\.5010 do not fit the text/],
    ['garbled.ann', 'T1\tPER five six\tIngrid\n', /brat file, line 1: bad offsets/],
    ['lines.jsonl', '{"text": "Hi", "spans": [{"start": 0}]}', /Prodigy file, line 1, span 0: needs numeric "start" and "end"/],
    ['notes.txt', 'Just some prose, not annotations.', /Could not tell the format of notes\.txt/],
  ];
  for (const [name, content, message] of cases) {
    await upload(page, name, content);
    await page.waitForFunction((n) => document.getElementById('files-status').textContent.includes(n), name);
    const status = await filesStatus(page);
    assert.match(status, message, status);
    assert.match(status, /Your current work is unchanged\./);
    assert.equal(await page.$eval('#files-status', (s) => s.getAttribute('role')), 'alert');
    assert.deepEqual(await snapshot(page), before, name);
  }
  // Choosing the format by hand works the same (here: Prodigy for a brat file).
  await page.selectOption('#import-format', 'prodigy');
  await upload(page, 'wrong.ann', otherBrat);
  await page.waitForFunction(() => document.getElementById('files-status').textContent.includes('wrong.ann'));
  assert.match(await filesStatus(page), /Could not import wrong\.ann \(Prodigy JSONL\): Prodigy file, line 1/);
  assert.deepEqual(await snapshot(page), before);
  await page.close();
});

test('imported text is only ever text: markup in a file does not become elements', async () => {
  const { page, errors } = await openApp(env.browser, env.url);
  const text = 'Paris <img src=x onerror="window.__pwned=1"> and <b>London</b> met Anna Weber.';
  const file = JSON.stringify({ newsmark: 1, text, entities: [{ start: 0, end: 5, label: 'LOC' }], extra: { title: '<i>Title</i><img src=y onerror="window.__pwned=2">' } });
  await upload(page, 'hostile.newsmark.json', file);
  await page.waitForSelector('#output mark');
  assert.equal(await page.$$eval('#output img, #output b, #articles img, #articles i', (n) => n.length), 0);
  await page.waitForFunction(() => document.querySelector('#articles .article-link')?.textContent.includes('<i>Title</i>'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const shown = await page.$eval('#output', (o) => o.textContent);
  assert.equal(shown, text);
  assert.deepEqual(errors, []);
  await page.close();
});
