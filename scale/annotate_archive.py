#!/usr/bin/env python3
"""Annotate a newsroom archive on Apache Spark with the newsmark CLI.

    spark-submit scale/annotate_archive.py --input archive.jsonl --output annotated/ \\
        --newsmark target/release/newsmark [--partitions N] [--executors N]

or, in local mode, `python scale/annotate_archive.py --master 'local[2]' ...` with
the project's venv (`./build.sh setup` makes it; README, "Annotating an archive").

Input: JSON lines {"id": ..., "text": "..."} (files, directories or globs; .gz and
.bz2 too) or Parquet with at least the columns `id` and `text` (string or binary).
Output: Parquet, one row per input row: `id` (the input's type; a JSON-lines id is
a string: a JSON string as it is, any other value as its JSON text), `error`
(null, or why the row was not annotated), and `entities`, `claims` and
`attributions`, nested columns with the fields of `newsmark annotate --jsonl`
(code-point offsets), null on an error row.

How it holds (docs/scale.md has the details):
- Each task pipes its partition through one `newsmark annotate --jsonl` process,
  numbering the lines it sends and matching each answer by that number. Rows the
  CLI would reject are answered by the job without reaching it: not UTF-8, not a
  JSON object, no `text`, a `text` that is not a string or holds a lone surrogate,
  or over --max-chars characters. If the CLI skips a row or dies, the rows it did
  not answer are run one by one in their own process (a row that still fails gets
  the CLI's reason as its error) and a fresh process takes the rest of the partition.
- The output is written by Spark's commit protocol into a staging directory beside
  --output, then renamed into place: a rerun replaces the previous run whole.
- NEWSMARK_SPARK_FAIL_ONCE=P (or --fail-once P) kills the first attempt of
  partition P half-way (its Python worker and its CLI, with SIGKILL); Spark retries
  the partition, and the output is the same. For tests.

The last line on stdout is a JSON summary of the run.
"""

import argparse
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import deque

SPAN = 'struct<start:bigint,end:bigint,text:string>'
# The CLI's record (src/export/mod.rs, AnnotationsOut), field for field, in its order.
ANNOTATIONS_DDL = (
    'entities array<struct<start:bigint,end:bigint,label:string,text:string,score:double>>, '
    'claims array<struct<start:bigint,end:bigint,text:string,checkworthy:boolean,'
    'score:double,kind:string,attribution:bigint,facet:string>>, '
    f'attributions array<struct<source:{SPAN},cue:{SPAN},content:{SPAN},'
    f'content_pieces:array<{SPAN}>,source_entity:bigint,source_refers_to:bigint>>'
)
DEFAULT_MAX_CHARS = 1_000_000
FAIL_ONCE_AFTER = 10  # rows yielded by the failing attempt before it dies
_ANSWER = re.compile(rb'\{"id":(\d+),')
_SURROGATE = re.compile('[\ud800-\udfff]')


# ------------------------------------------------------------------ rows in
def _no_constants(name):
    raise ValueError(f'{name} is not JSON')


def _pairs(pairs):
    keys = [k for k, _ in pairs]
    for k in ('id', 'text'):
        if keys.count(k) > 1:
            raise ValueError(f'duplicate field `{k}`')
    return dict(pairs)


def check_text(text, max_chars):
    """(text, None) if the CLI can annotate `text`, else (None, reason)."""
    if text is None:
        return None, 'missing text'
    if not isinstance(text, str):
        kind = {bool: 'boolean', int: 'number', float: 'number', list: 'array', dict: 'object'}
        return None, f'text is not a string (it is a JSON {kind.get(type(text), type(text).__name__)})'
    bad = _SURROGATE.search(text)
    if bad:
        return None, f'text is not valid Unicode (a lone surrogate at character {bad.start()})'
    if max_chars and len(text) > max_chars:
        return None, f'text too long: {len(text):,} characters, over the limit of {max_chars:,} (--max-chars)'
    return text, None


def parse_jsonl(line, max_chars):
    """A raw JSON line (bytes) -> (id, text, error), or None for a blank line
    (not a row: the CLI skips blank lines too)."""
    line = bytes(line)
    if not line.strip():
        return None
    bad_byte = None
    try:
        s = line.decode('utf-8')
    except UnicodeDecodeError as e:
        s, bad_byte = line.decode('utf-8', 'replace'), e.start
    try:
        obj = json.loads(s, parse_constant=_no_constants, object_pairs_hook=_pairs)
        if not isinstance(obj, dict):
            raise ValueError(f'got a JSON {type(obj).__name__}')
    except (ValueError, RecursionError) as e:
        return None, None, f'not a JSON object {{"id": ..., "text": "..."}}: {e}'
    id_ = obj.get('id')
    if id_ is not None and not isinstance(id_, str):
        id_ = json.dumps(id_, ensure_ascii=False, separators=(',', ':'))
    if bad_byte is not None:
        return id_, None, f'not UTF-8 text (invalid byte at {bad_byte} of the line)'
    return (id_, *check_text(obj.get('text'), max_chars))


def parse_columns(row, max_chars):
    """A Parquet row (id, text as bytes) -> (id, text, error)."""
    id_, raw = row[0], row[1]
    if raw is None:
        return id_, None, 'missing text'
    try:
        text = bytes(raw).decode('utf-8')
    except UnicodeDecodeError as e:
        return id_, None, f'not UTF-8 text (invalid byte at {e.start})'
    return (id_, *check_text(text, max_chars))


# ------------------------------------------------------------------ the CLI, piped
def _reason(returncode, stderr):
    """Why a CLI process failed, in one line."""
    lines = [ln.strip() for ln in stderr.decode('utf-8', 'replace').splitlines() if ln.strip()]
    how = (f'killed by {signal.Signals(-returncode).name}' if returncode < 0
           else f'exit code {returncode}')
    return f'{how}: {lines[-1][:300]}' if lines else how


class Newsmark:
    """`newsmark annotate --jsonl` over a stream of (id, text, error) rows,
    yielding (id, error, record) in input order, one per row."""

    def __init__(self, cli):
        self.cli = cli
        self.proc = None
        self.processes = 0
        self.alone = 0
        self.cli_checked = False
        self.peak_rss_mib = 0.0

    def _popen(self):
        try:
            return subprocess.Popen([self.cli, 'annotate', '--jsonl'], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            raise RuntimeError(f'cannot run the newsmark CLI at {self.cli}: {e}') from e

    def run(self, rows):
        rows = iter(rows)
        while True:
            exhausted = yield from self._stream(rows)
            if exhausted:
                return

    def _stream(self, rows):
        """One CLI process for as many rows as it takes; returns whether the rows
        ran out (False: the process died and a new one must take the rest)."""
        pending = deque()  # (seq, id, text, error) in input order
        state = {'exhausted': False, 'error': None}
        first = next(rows, None)
        if first is None:
            return True
        proc = self.proc = self._popen()
        self.processes += 1
        stderr_tail = deque(maxlen=20)

        def feed():
            try:
                seq = 0
                # (chain, not a generator: closing it must not close `rows`)
                for row in itertools.chain((first,), rows):
                    id_, text, error = row
                    if error is not None:
                        pending.append((None, id_, None, error))
                        continue
                    seq += 1
                    pending.append((seq, id_, text, None))
                    proc.stdin.write(b'{"id":%d,"text":%s}\n' % (
                        seq, json.dumps(text, ensure_ascii=False).encode('utf-8')))
                state['exhausted'] = True
            except OSError:
                pass  # the CLI died: the rows it did not answer are run alone
            except BaseException as e:  # the input itself failed: fail the task
                state['error'] = e
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        def drain():
            for ln in proc.stderr:
                stderr_tail.append(ln)

        threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
        for t in threads:
            t.start()
        try:
            for line in proc.stdout:
                m = _ANSWER.match(line)
                if not m:
                    raise RuntimeError(f'unexpected output from newsmark: {line[:200]!r}')
                answered = int(m.group(1))
                if answered % 128 == 1:
                    self._sample_rss(proc.pid)
                while True:
                    if not pending:
                        raise RuntimeError(f'newsmark answered line {answered}, which it was not sent')
                    seq, id_, text, error = pending.popleft()
                    if error is not None:
                        yield id_, error, None
                    elif seq == answered:
                        yield id_, None, line.rstrip(b'\n').decode('utf-8')
                        break
                    else:  # the CLI skipped this row (it said why on stderr): run it alone
                        yield self._alone(id_, text)
            proc.wait()
            for t in threads:
                t.join()
        finally:  # on an error, or when the task stops early: no CLI left behind
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            self.proc = None
        if state['error'] is not None:
            raise state['error']
        # Error rows after the last answer, and rows never answered (the CLI died).
        while pending:
            seq, id_, text, error = pending.popleft()
            yield (id_, error, None) if error is not None else self._alone(id_, text)
        if not state['exhausted'] and proc.returncode == 0:
            raise RuntimeError('newsmark stopped reading its input without an error: '
                               + b''.join(stderr_tail).decode('utf-8', 'replace')[-500:])
        return state['exhausted']

    def _run_one(self, text):
        line = b'{"id":0,"text":%s}\n' % json.dumps(text, ensure_ascii=False).encode('utf-8')
        try:
            return subprocess.run([self.cli, 'annotate', '--jsonl'], input=line, capture_output=True)
        except OSError as e:
            raise RuntimeError(f'cannot run the newsmark CLI at {self.cli}: {e}') from e

    def _alone(self, id_, text):
        """One row in its own CLI process: its answer, or its error."""
        self.alone += 1
        r = self._run_one(text)
        out = r.stdout.strip().split(b'\n')
        if r.returncode == 0 and len(out) == 1 and _ANSWER.match(out[0]):
            return id_, None, out[0].decode('utf-8')
        self._check_cli()
        return id_, f'newsmark failed on this text: {_reason(r.returncode, r.stderr)}', None

    def _check_cli(self):
        """A CLI that fails on a trivial text is broken (wrong binary, no model):
        fail the task rather than write an error on every row."""
        if self.cli_checked:
            return
        r = self._run_one('Test.')
        if r.returncode != 0 or not _ANSWER.match(r.stdout):
            raise RuntimeError(f'the newsmark CLI at {self.cli} fails on a trivial text: '
                               f'{_reason(r.returncode, r.stderr)}')
        self.cli_checked = True

    def _sample_rss(self, pid):
        """The CLI's peak RSS so far (VmHWM; read while it runs, since the
        rusage of a child counts the forked Python it was before its exec)."""
        try:
            with open(f'/proc/{pid}/status') as f:
                kib = next(int(ln.split()[1]) for ln in f if ln.startswith('VmHWM:'))
            self.peak_rss_mib = max(self.peak_rss_mib, kib / 1024)
        except (OSError, StopIteration, ValueError):
            pass

    def kill(self):
        if self.proc is not None:
            self.proc.kill()


def annotate_partition(cfg, stats, rows):
    """The task: rows of the input in, (id, error, record JSON) out, one per row."""
    from pyspark import SparkFiles, TaskContext
    cli = cfg['cli_path'] or SparkFiles.get(cfg['cli_file'])
    if not os.access(cli, os.X_OK):
        os.chmod(cli, 0o755)
    parse = parse_jsonl if cfg['format'] == 'jsonl' else parse_columns
    taken = [0]

    def records():
        for row in rows:
            r = parse(row[0] if cfg['format'] == 'jsonl' else row, cfg['max_chars'])
            if r is not None:
                taken[0] += 1
                yield r
    ctx = TaskContext.get()
    fail = (cfg['fail_once'] is not None and ctx is not None
            and ctx.partitionId() == cfg['fail_once'] and ctx.attemptNumber() == 0)
    import resource
    newsmark = Newsmark(cli)
    n = errors = 0
    self0, children0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)

    def die():
        print(f'annotate_archive: failing partition {ctx.partitionId()} attempt 0 on purpose '
              f'after {n} rows (NEWSMARK_SPARK_FAIL_ONCE)', file=sys.stderr, flush=True)
        newsmark.kill()
        os.kill(os.getpid(), signal.SIGKILL)

    for id_, error, record in newsmark.run(records()):
        yield id_, error, record
        n += 1
        errors += error is not None
        if fail and n >= FAIL_ONCE_AFTER:
            die()
    if fail:
        die()
    if n != taken[0]:  # never seen; a task that fails is retried, a lost row is not
        raise RuntimeError(f'{taken[0]} rows in, {n} rows out: failing the task rather than losing rows')
    self1, children1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = lambda a, b: b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime  # noqa: E731
    stats.add({'rows': n, 'errors': errors, 'cli_processes': newsmark.processes,
               'rows_run_alone': newsmark.alone, 'cli_cpu_s': cpu(children0, children1),
               'worker_cpu_s': cpu(self0, self1), 'cli_peak_rss_mib': newsmark.peak_rss_mib,
               'worker_peak_rss_mib': self1.ru_maxrss / 1024})


def _stats_param():
    from pyspark.accumulators import AccumulatorParam

    class Stats(AccumulatorParam):
        def zero(self, value):
            return {}

        def addInPlace(self, a, b):
            for k, v in b.items():
                a[k] = max(a.get(k, 0), v) if k.endswith('_mib') else a.get(k, 0) + v
            return a
    return Stats()


# ------------------------------------------------------------------ the job
def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--input', required=True, nargs='+', help='JSON-lines or Parquet files, directories or globs')
    ap.add_argument('--output', required=True, help='output directory (replaced whole by each run)')
    ap.add_argument('--input-format', choices=['auto', 'jsonl', 'parquet'], default='auto',
                    help='auto: parquet if the first input ends in .parquet or is a directory of them')
    ap.add_argument('--newsmark', help='the CLI binary to ship with the job (SparkFiles), a path on '
                    'the driver or a URL (hdfs://, s3a://, ...); default target/release/newsmark')
    ap.add_argument('--newsmark-on-executors', metavar='PATH',
                    help="the CLI's path on the executors' image instead of shipping it")
    ap.add_argument('--partitions', type=int, default=None,
                    help="hash-repartition the input into N partitions (0: keep the input's splits; "
                    "default: keep them unless fewer than 2 per core, as for one gzipped file)")
    ap.add_argument('--executors', type=int, default=0, help='spark.executor.instances (0: the cluster default)')
    ap.add_argument('--master', help="Spark master, e.g. 'local[2]' (default: spark-submit's, or local[*])")
    ap.add_argument('--max-chars', type=int, default=DEFAULT_MAX_CHARS,
                    help=f'longest text annotated, in characters (default {DEFAULT_MAX_CHARS:,}; 0: no limit)')
    ap.add_argument('--if-exists', choices=['replace', 'fail'], default='replace',
                    help='what to do when --output exists (default: replace it, atomically)')
    ap.add_argument('--fail-once', type=int, metavar='P',
                    default=int(os.environ['NEWSMARK_SPARK_FAIL_ONCE'])
                    if os.environ.get('NEWSMARK_SPARK_FAIL_ONCE') else None,
                    help='kill the first attempt of partition P (tests; env NEWSMARK_SPARK_FAIL_ONCE)')
    return ap.parse_args(argv)


def local_master(master):
    """local[N] -> local[N,4]: in local mode Spark retries a failed task only when
    the master says so; 4 attempts, as spark.task.maxFailures on a cluster."""
    m = re.fullmatch(r'local\[(\d+|\*)\]', master or '')
    return f'local[{m.group(1)},4]' if m else master


def session(args):
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName('newsmark annotate_archive')
    if args.master:
        builder = builder.master(local_master(args.master))
    if args.master and args.master.startswith('local'):
        os.environ.setdefault('PYSPARK_PYTHON', sys.executable)
    if args.executors:
        builder = builder.config('spark.executor.instances', str(args.executors))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel('WARN')
    return spark


def read_input(spark, args):
    from pyspark.sql import functions as F
    fmt = args.input_format
    if fmt == 'auto':
        first = args.input[0].rstrip('/')
        is_dir = os.path.isdir(first)
        fmt = 'parquet' if first.endswith('.parquet') or (
            is_dir and any(f.endswith('.parquet') for f in os.listdir(first))) else 'jsonl'
    if fmt == 'jsonl':
        df = spark.read.text(args.input).select(F.col('value').cast('binary').alias('line'))
        id_type = 'string'
    else:
        df = spark.read.parquet(*args.input)
        missing = {'id', 'text'} - set(df.columns)
        if missing:
            raise SystemExit(f'annotate_archive: the input has no column {", ".join(sorted(missing))}')
        if df.schema['text'].dataType.typeName() not in ('string', 'binary'):
            raise SystemExit('annotate_archive: the column text must be string or binary')
        id_type = df.schema['id'].dataType.simpleString()
        df = df.select('id', F.col('text').cast('binary').alias('text'))
    partitions = args.partitions
    if partitions is None:
        cores = spark.sparkContext.defaultParallelism
        partitions = 2 * cores if df.rdd.getNumPartitions() < 2 * cores else 0
    if partitions:
        df = df.repartition(partitions, *df.columns)
    return fmt, df, id_type


def commit(spark, df, output, if_exists):
    """Writes `df` into a staging directory beside `output` (Spark's commit
    protocol: only the committed attempt of each task lands there), then renames
    it to `output`. A failed run leaves `output` as it was."""
    jvm = spark.sparkContext._jvm
    Path = jvm.org.apache.hadoop.fs.Path
    out = Path(output)
    fs = out.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    out = fs.makeQualified(out)
    if fs.exists(out) and if_exists == 'fail':
        raise SystemExit(f'annotate_archive: {output} exists (--if-exists fail)')
    run = uuid.uuid4().hex[:12]
    staging = Path(out.getParent(), f'.{out.getName()}.staging-{run}')
    try:
        df.write.mode('errorifexists').parquet(staging.toString())
    except BaseException:
        fs.delete(staging, True)
        raise
    if fs.exists(out):
        old = Path(out.getParent(), f'.{out.getName()}.old-{run}')
        if not fs.rename(out, old):
            raise RuntimeError(f'cannot move the previous {output} aside')
        if not fs.rename(staging, out):
            fs.rename(old, out)
            raise RuntimeError(f'cannot rename {staging.toString()} to {output}')
        fs.delete(old, True)
    elif not fs.rename(staging, out):
        raise RuntimeError(f'cannot rename {staging.toString()} to {output}')
    return out.toString()


def jvm_usage(spark):
    """The driver JVM's CPU seconds so far and peak RSS in MiB (VmHWM), from /proc;
    in local mode the executor's too. (None, None) where there is no /proc."""
    try:
        pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        with open(f'/proc/{pid}/status') as f:
            rss = next(int(ln.split()[1]) / 1024 for ln in f if ln.startswith('VmHWM:'))
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK'), rss
    except (OSError, StopIteration, ValueError, IndexError):
        return None, None


def main(argv=None):
    args = parse_args(argv)
    here = os.path.dirname(os.path.abspath(__file__))
    cli = args.newsmark or os.path.join(here, '..', 'target', 'release', 'newsmark')
    url = re.match(r'[a-zA-Z][a-zA-Z0-9+.-]+:/', cli) is not None  # hdfs://, s3a://, dbfs:/: Spark fetches it
    if not args.newsmark_on_executors and not url and not os.access(cli, os.X_OK):
        raise SystemExit(f'annotate_archive: no newsmark CLI at {cli}: build it (cargo build --release) '
                         'or give --newsmark PATH or --newsmark-on-executors PATH')
    t0 = time.monotonic()
    spark = session(args)
    sc = spark.sparkContext
    from pyspark.sql import functions as F
    if not args.newsmark_on_executors:
        sc.addFile(cli if url else os.path.abspath(cli))
    fmt, df, id_type = read_input(spark, args)
    stats = sc.accumulator({}, _stats_param())
    cfg = {'format': fmt, 'max_chars': args.max_chars, 'fail_once': args.fail_once,
           'cli_path': args.newsmark_on_executors, 'cli_file': os.path.basename(cli)}
    rdd = df.rdd.mapPartitions(lambda rows: annotate_partition(cfg, stats, rows))
    rows = spark.createDataFrame(rdd, f'id {id_type}, error string, record string', verifySchema=False)
    out = rows.select('id', 'error', F.from_json('record', ANNOTATIONS_DDL, {'mode': 'FAILFAST'}).alias('a')) \
        .select('id', 'error', 'a.entities', 'a.claims', 'a.attributions')
    local = sc.master.startswith('local')
    jvm_cpu0, _ = jvm_usage(spark) if local else (None, None)
    t1 = time.monotonic()
    where = commit(spark, out, args.output, args.if_exists)
    t2 = time.monotonic()
    jvm_cpu1, jvm_rss = jvm_usage(spark) if local else (None, None)
    summary = {'output': where, 'format': fmt, 'partitions': df.rdd.getNumPartitions(),
               'master': sc.master, 'seconds_job': round(t2 - t1, 3), 'seconds_total': round(t2 - t0, 3),
               **{k: round(v, 2) if isinstance(v, float) else v for k, v in sorted(stats.value.items())},
               # local mode: the JVM is driver and executor; its CPU over the write, and its peak
               'jvm_cpu_s': None if jvm_cpu0 is None else round(jvm_cpu1 - jvm_cpu0, 2),
               'jvm_peak_rss_mib': jvm_rss}
    spark.stop()
    print(json.dumps(summary), flush=True)


if __name__ == '__main__':
    main()
