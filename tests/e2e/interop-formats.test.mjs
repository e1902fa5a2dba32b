// The downloads other than HTML, each read by the software it is made for:
// spaCy (spacy convert, then DocBin and spacy.blank("en")), conllu and
// seqeval, the MUST checks of the W3C Web Annotation test suite (jsonschema),
// and extruct for ClaimReview in a page. Python consumers run from the
// project's venv (.cache/venv, made by ./build.sh setup) through
// tests/interop/consumers.py. The texts: the four articles of
// tests/interop/articles.json and the hostile inputs of tests/hostile; the
// files are written by the CLI, which shares its exporters with the page.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'target/release/newsmark');
const PYTHON = join(ROOT, '.cache/venv/bin/python');
const CONSUMERS = join(ROOT, 'tests/interop/consumers.py');
const ARTICLES = JSON.parse(readFileSync(join(ROOT, 'tests/interop/articles.json'), 'utf8'));
const HOSTILE = JSON.parse(readFileSync(join(ROOT, 'tests/hostile/inputs.json'), 'utf8'));

let dir;
let names;

function cli(args) {
  const run = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, `newsmark ${args.slice(0, 4).join(' ')} …: ${run.stderr}`);
  return run;
}

function consumer(format, where = dir) {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: run ./build.sh setup (it installs spaCy, conllu, seqeval, jsonschema and extruct there)`);
  const run = spawnSync(PYTHON, [CONSUMERS, format, where], { encoding: 'utf8', maxBuffer: 1 << 26 });
  let report;
  try {
    report = JSON.parse(run.stdout.trim().split('\n').pop());
  } catch {
    assert.fail(`consumers.py ${format} printed no report: ${run.stderr.slice(-3000)}`);
  }
  assert.deepEqual(report.failures, [], `${format}: ${report.failed} failure(s):\n${report.failures.join('\n')}`);
  assert.equal(report.checked, names.length, `${format}: checked ${report.checked} of ${names.length} documents`);
  assert.equal(run.status, 0, run.stderr.slice(-3000));
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsmark-formats-'));
  const texts = [
    ...ARTICLES.map((a, i) => [`article-${i}`, a.text]),
    ...HOSTILE.map((h, i) => [`hostile-${String(i).padStart(3, '0')}`, h.text]),
  ];
  names = texts.map(([n]) => n);
  for (const [name, text] of texts) writeFileSync(join(dir, `${name}.txt`), text);
  const inputs = names.map((n) => join(dir, `${n}.txt`));
  for (const format of ['json', 'conll', 'webanno']) cli(['annotate', '--format', format, '--out-dir', dir, ...inputs]);
  cli(['annotate', '--format', 'spacy', '--out-dir', join(dir, 'spacy'), ...inputs]);
});

test('spaCy: spacy convert reads every download; Doc.text is the article and Doc.ents the entities', () => {
  consumer('spacy');
});

test('CoNLL: conllu and seqeval (strict IOB2) read every download; the entities are the JSON export\'s', () => {
  const first = readFileSync(join(dir, 'article-1.conll'), 'utf8').split('\n')[0];
  assert.equal(first, '-DOCSTART-\tO', 'the -DOCSTART- line is tab-separated like the tokens');
  consumer('conll');
});

test('W3C Web Annotation: every download passes the MUST checks; ids are urn:uuid IRIs; parts and attributions are linked', () => {
  const doc = JSON.parse(readFileSync(join(dir, 'article-0.jsonld'), 'utf8'));
  assert.match(doc.id, /^urn:uuid:[0-9a-f-]{36}$/);
  assert.ok(doc.first.items.some((a) => a.motivation === 'linking'), 'the wire story has attributions');
  consumer('webanno');
});

test('W3C Web Annotation: export -> import -> export is byte-identical, attributions in their order', () => {
  const again = join(dir, 'w3c-again');
  cli(['convert', '--to', 'webanno', '--out-dir', again, ...names.map((n) => join(dir, `${n}.jsonld`))]);
  for (const name of names) {
    const before = readFileSync(join(dir, `${name}.jsonld`), 'utf8');
    const after = readFileSync(join(again, `${name}.jsonld`), 'utf8');
    assert.ok(before === after, `${name}: the file changed on a round trip`);
  }
  // The same text annotated again gives the same ids.
  const twice = join(dir, 'w3c-twice');
  cli(['annotate', '--format', 'webanno', '--out-dir', twice, join(dir, 'article-0.txt')]);
  assert.equal(readFileSync(join(twice, 'article-0.jsonld'), 'utf8'), readFileSync(join(dir, 'article-0.jsonld'), 'utf8'));
});

test('ClaimReview: extruct reads it out of a page; reviewed claims are ClaimReviews with Google\'s required properties, the others Claims', () => {
  // A fact-checker reviews every other claim, with text that tries to end the script block.
  const reviewed = join(dir, 'reviewed');
  mkdirSync(reviewed);
  let reviews = 0;
  let plain = 0;
  let hostile = 0;
  for (const name of names) {
    const doc = JSON.parse(readFileSync(join(dir, `${name}.newsmark.json`), 'utf8'));
    doc.claims.forEach((c, i) => {
      if (i % 2 === 1) { plain++; return; }
      reviews++;
      if (i % 4 === 2) hostile++;
      c.review = i % 4 === 0
        ? { rating: 'False', rating_value: 1, best_rating: 5, worst_rating: 1, url: `https://factcheck.example/${name}/${i}?a=1&b=2`, organization: 'Example Fact Check', date: '2024-05-01', appearance: 'https://news.example/story' }
        : { rating: 'Misleading </script><script>alert(1)</script>', url: 'https://factcheck.example/x#<b>', organization: 'Fact & <Check>', claimant: 'Officials </script>', claimant_type: 'Organization' };
    });
    writeFileSync(join(reviewed, `${name}.newsmark.json`), JSON.stringify(doc));
    writeFileSync(join(reviewed, `${name}.txt`), readFileSync(join(dir, `${name}.txt`)));
  }
  // The four articles hold few check-worthy claims (news furniture and opinion are not
  // claims): enough for both kinds of review and for claims left unreviewed.
  assert.ok(reviews >= 3 && hostile >= 1 && plain >= 1, `${reviews} reviewed claims (${hostile} hostile), ${plain} not reviewed`);
  cli(['convert', '--to', 'claimreview', '--out-dir', reviewed, ...names.map((n) => join(reviewed, `${n}.newsmark.json`))]);
  assert.equal(readdirSync(reviewed).filter((f) => f.endsWith('.claimreview.jsonld')).length, names.length);
  const wire = JSON.parse(readFileSync(join(reviewed, 'article-0.claimreview.jsonld'), 'utf8'));
  assert.equal(wire[0]['@type'], 'ClaimReview');
  assert.ok(wire.every((x) => !x.itemReviewed?.author || ['Person', 'Organization'].includes(x.itemReviewed.author['@type'])));
  consumer('claimreview', reviewed);
});
