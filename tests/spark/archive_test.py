#!/usr/bin/env python3
"""The Spark job (scale/annotate_archive.py) in Spark's local mode, run by
`./build.sh test` with the venv that `./build.sh setup` makes:

    .cache/spark-venv/bin/python tests/spark/archive_test.py

On a few hundred invented articles (scale/make_archive.py) plus rows the CLI
rejects, it checks (issue 18):
- one output row per input row, keyed by id; a rejected row has an `error` and no
  annotations, and the job goes on;
- the first attempt of one partition is killed half-way (NEWSMARK_SPARK_FAIL_ONCE)
  and Spark's retry gives the same rows, none lost and none doubled;
- every annotated row equals `newsmark annotate --jsonl` run here on the same text,
  field for field;
- a rerun into the same output replaces it whole with the same rows, and leaves
  no staging directory behind;
- Parquet input gives the same rows, and a CLI that dies on one row costs that
  row alone (an error with the reason), not its partition.
Prints 'N passed, N failed' last; exits 1 on a failure or when pyspark is missing.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scale'))
import make_archive  # noqa: E402

try:
    import pyspark  # noqa: F401
except ImportError:
    print('tests/spark/archive_test.py: pyspark is missing: run ./build.sh setup '
          '(it installs pyspark into .cache/spark-venv), then run this with .cache/spark-venv/bin/python',
          file=sys.stderr)
    print('0 passed, 1 failed')
    sys.exit(1)

CLI = os.path.join(ROOT, 'target', 'release', 'newsmark')
JOB = os.path.join(ROOT, 'scale', 'annotate_archive.py')
CRASHING_CLI = os.path.join(ROOT, 'tests', 'spark', 'crashing_newsmark.py')
FIELDS = ('entities', 'claims', 'attributions')
RESULTS = []


def check(name, ok, detail=''):
    RESULTS.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} - {name}{'' if ok else f': {detail}'}", flush=True)
    return ok


def id_of(line):
    """The id the job gives a raw JSON line: None if the line is no JSON object."""
    try:
        obj = json.loads(line.decode('utf-8', 'replace'))
    except ValueError:
        return None
    return key(obj.get('id')) if isinstance(obj, dict) else None


def key(id_):
    return id_ if isinstance(id_, str) or id_ is None else json.dumps(id_)


def make_input(work):
    """The archive as raw JSON lines, the valid lines, the error each rejected row
    must give (a prefix) by id, and the longest text allowed."""
    rows = [{'id': i, 'text': t} for i, t in make_archive.articles(300, seed=18)]
    max_chars = max(len(r['text']) for r in rows) + 1
    long_text = make_archive.article(random.Random(1), 400)
    assert len(long_text) > max_chars
    rows += make_archive.ODD_ROWS
    rows.append({'id': 'crash-me', 'text': 'NEWSMARK-TEST-CRASH. Ingrid Solberg said in Oslo on Monday '
                 'that exports had risen 4%.'})
    valid = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
    lines = list(valid) + [json.dumps({'id': 'too-long', 'text': long_text}).encode()]
    errors = {'too-long': 'text too long', None: 'not a JSON object'}
    for raw, prefix in make_archive.BAD_ROWS:
        lines.append(raw)
        errors[id_of(raw)] = prefix
    random.Random(5).shuffle(lines)  # rejected rows among the others, in every partition
    path = os.path.join(work, 'archive.jsonl')
    with open(path, 'wb') as f:
        f.write(b'\n'.join(lines) + b'\n\n')  # a blank line at the end: not a row
    return path, lines, valid, errors, max_chars


def cli_answers(valid):
    """`newsmark annotate --jsonl` here, on the valid rows: {id: record}."""
    out = subprocess.run([CLI, 'annotate', '--jsonl'], input=b'\n'.join(valid) + b'\n',
                         capture_output=True, check=True).stdout
    answers = {}
    for line in out.splitlines():
        rec = json.loads(line)
        # The CLI leaves out a claim's facet when it has none; a Parquet column holds null.
        for claim in rec['claims']:
            claim.setdefault('facet', None)
        answers[key(rec.pop('id'))] = rec
    assert len(answers) == len(valid), (len(answers), len(valid))
    return answers


def run_job(args, env=None):
    r = subprocess.run([sys.executable, JOB, '--master', 'local[2]', *args], capture_output=True,
                       env={**os.environ, **(env or {})})
    stdout, stderr = r.stdout.decode(errors='replace'), r.stderr.decode(errors='replace')
    if r.returncode != 0:
        print(stderr[-6000:], file=sys.stderr)
    summary = json.loads(stdout.strip().splitlines()[-1]) if r.returncode == 0 else None
    return r.returncode, summary, stderr


def read_output(spark, path):
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(path).collect()]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def compare(name, rows, answers, errors, expect_ids):
    """One row per input row; errors as expected; the rest equal to the CLI's."""
    ids = sorted(map(str, (r['id'] for r in rows)))
    check(f'{name}: one output row per input row, keyed by id', ids == sorted(map(str, expect_ids)),
          f'{len(ids)} rows for {len(expect_ids)} input rows')
    wrong = []
    for r in rows:
        if r['id'] in errors:
            want = errors[r['id']]
            if not (r['error'] or '').startswith(want) or any(r[f] is not None for f in FIELDS):
                wrong.append(f"{r['id']}: error {r['error']!r}, expected {want!r}")
        elif r['error'] is not None or r['id'] not in answers:
            wrong.append(f"{r['id']}: error {r['error']!r}")
        elif {f: r[f] for f in FIELDS} != answers[r['id']]:
            wrong.append(f"{r['id']}: annotations differ from the CLI's")
    check(f'{name}: rejected rows carry their reason; every other row equals the CLI field for field',
          not wrong, '; '.join(wrong[:5]))


def main():
    if not os.access(CLI, os.X_OK):
        print(f'{CLI} is missing: build it first (cargo build --release)', file=sys.stderr)
        print('0 passed, 1 failed')
        return 1
    from pyspark.sql import SparkSession
    work = tempfile.mkdtemp(prefix='newsmark-spark-test-')
    print(f'(working in {work}; removed if every check passes)', flush=True)
    path, lines, valid, errors, max_chars = make_input(work)
    answers = cli_answers(valid)
    input_ids = [id_of(ln) for ln in lines]
    spark = (SparkSession.builder.master('local[1]').appName('archive_test')
             .config('spark.ui.enabled', 'false').getOrCreate())
    spark.sparkContext.setLogLevel('ERROR')
    out = os.path.join(work, 'annotated')
    job = ['--input', path, '--output', out, '--partitions', '3', '--max-chars', str(max_chars)]

    # 1. JSON lines, three partitions, the first attempt of partition 1 killed half-way.
    rc, summary, stderr = run_job(job, {'NEWSMARK_SPARK_FAIL_ONCE': '1'})
    check('run 1 (one task killed on purpose) succeeds', rc == 0, f'exit code {rc}')
    if rc != 0:
        return 1
    check('run 1: the first attempt of partition 1 died and was retried',
          'failing partition 1 attempt 0 on purpose' in stderr and 'Lost task' in stderr,
          'no sign of the injected failure in the log')
    check('run 1: the summary counts every row once', summary['rows'] == len(lines)
          and summary['errors'] == sum(i in errors for i in input_ids), json.dumps(summary))
    first = read_output(spark, out)
    compare('run 1', first, answers, errors, input_ids)

    # 2. The same run again, into the same output: replaced whole, same rows.
    before = set(os.listdir(out))
    rc, summary, _ = run_job(job)
    check('run 2 (a rerun) succeeds', rc == 0, f'exit code {rc}')
    second = read_output(spark, out)
    check('run 2: the same rows as run 1 (idempotent)', second == first,
          f'{len(second)} rows against {len(first)}')
    check('run 2: the output was replaced, not added to',
          not (before & {f for f in os.listdir(out) if f.startswith('part-')}), 'old part files remain')
    check('run 2: no staging or old directory left beside the output',
          sorted(os.listdir(work)) == ['annotated', 'archive.jsonl'], str(sorted(os.listdir(work))))

    # 3. Parquet input (text as bytes, so one can be bad UTF-8) through a CLI that
    # dies on the row 'crash-me': that row alone gets an error.
    pq_rows = []
    for ln in lines:
        try:
            obj = json.loads(ln)
        except ValueError:
            if b'bad-utf8' in ln:
                pq_rows.append(('bad-utf8', ln.split(b'"text": "')[1].rsplit(b'"', 1)[0]))
            continue
        if isinstance(obj, dict) and (obj.get('text') is None or isinstance(obj['text'], str)) \
                and '\ud800' not in (obj.get('text') or ''):
            text = obj.get('text')
            pq_rows.append((key(obj['id']), None if text is None else text.encode()))
    # One partition that starts with the row the CLI dies on: more rows are in the
    # pipe than the dead CLI read, and more come after them.
    pq_rows.sort(key=lambda r: r[0] != 'crash-me')
    pq = os.path.join(work, 'archive.parquet')
    spark.createDataFrame(pq_rows, 'id string, text binary').coalesce(1).write.parquet(pq)
    out3 = os.path.join(work, 'annotated-parquet')
    rc, summary, stderr = run_job(['--input', pq, '--output', out3, '--max-chars', str(max_chars),
                                   '--partitions', '0', '--newsmark', CRASHING_CLI], {'NEWSMARK_REAL_CLI': CLI})
    check('run 3 (Parquet, a CLI that dies on one row) succeeds', rc == 0, f'exit code {rc}')
    if rc != 0:
        return 1
    third = read_output(spark, out3)
    crash = [r for r in third if r['id'] == 'crash-me']
    check("run 3: the row the CLI dies on gets the CLI's reason",
          len(crash) == 1 and crash[0]['error'].startswith('newsmark failed on this text: killed by SIGABRT')
          and 'panicked' in crash[0]['error'], str(crash[0]['error'] if crash else None))
    check('run 3: the rows the dead CLI had been sent were run alone, and a new CLI took the rest',
          summary['partitions'] == 1 and summary['cli_processes'] == 2 and summary['rows_run_alone'] > 1,
          json.dumps(summary))
    by_id = {r['id']: r for r in first}
    same = [r['id'] for r in third if r['id'] not in ('crash-me', 'bad-utf8') and r != by_id.get(r['id'])]
    check('run 3: every other row equals run 1 (Parquet in, JSON lines in: the same rows)',
          len(third) == len(pq_rows) and not same, f'{len(third)} rows for {len(pq_rows)}; differ: {same[:5]}')
    bad = [r for r in third if r['id'] == 'bad-utf8']
    check('run 3: bad UTF-8 in a binary text column is reported with its offset',
          len(bad) == 1 and bad[0]['error'] == 'not UTF-8 text (invalid byte at 3)', str(bad))
    spark.stop()
    shutil.rmtree(work)
    return 0


if __name__ == '__main__':
    code = main()
    failed = RESULTS.count(False) + (1 if code and all(RESULTS) else 0)
    print(f'{RESULTS.count(True)} passed, {failed} failed')
    sys.exit(1 if failed else 0)
