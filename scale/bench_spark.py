#!/usr/bin/env python3
"""The Spark job against the bare CLI on the same archive, for `./build.sh bench`
(scripts/bench.mjs writes the result into BENCHMARKS.md) and docs/scale.md.

    .cache/spark-venv/bin/python scale/bench_spark.py [--articles N] [--passes N]

An archive of invented news articles (scale/make_archive.py) is annotated by
- the bare CLI, one process (one core): `newsmark annotate --jsonl < archive`;
- the bare CLI, two processes on the two halves of the archive (two cores);
- the Spark job in local mode, local[2] (two cores), from the command line to the
  committed output (`total`, with the JVM's start) and for the write alone (`job`).
The three alternate, pass by pass; medians. CPU seconds too, which other work on
the machine does not skew: the CLI's from wait4; the job's over its whole run
(every process of its tree, polled from /proc) and over the write alone (the
CLI, the Python workers and the JVM, as the job reports them). Tokens are whitespace-separated words,
as in the rest of the bench. Also measured: the CLI's peak RSS (wait4's maxrss) on
100 articles and on the whole archive, and the peaks the job reports (the CLI while
it runs, the Python worker, and the JVM, which in local mode is driver and executor).
Prints one JSON object on stdout; progress on stderr.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import make_archive  # noqa: E402

CLI = os.path.join(ROOT, 'target', 'release', 'newsmark')


def log(msg):
    print(f'[bench_spark] {msg}', file=sys.stderr, flush=True)


TICK = os.sysconf('SC_CLK_TCK')


class TreeCpu:
    """CPU seconds (user + system) of a process and all its descendants, by
    polling /proc: the last reading of each process counts, so a process that
    lives under one polling interval is missed (the job's are long-lived). Robust
    to other work on the machine, unlike wall time."""

    def __init__(self, root, interval=0.1):
        self.root, self.interval, self.seen = root, interval, {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self):
        while not self.done.is_set():
            stats = {}
            for pid in os.listdir('/proc'):
                if pid.isdigit():
                    try:
                        with open(f'/proc/{pid}/stat') as f:
                            fields = f.read().rsplit(')', 1)[1].split()
                    except OSError:
                        continue
                    # fields[0] is field 3 (state): ppid 4, utime 14, stime 15, starttime 22
                    stats[int(pid)] = (int(fields[1]), int(fields[11]) + int(fields[12]), fields[19])
            tree, grew = {self.root}, True
            while grew:
                more = {p for p, (pp, _, _) in stats.items() if pp in tree} - tree
                tree |= more
                grew = bool(more)
            for p in tree:
                if p in stats:
                    self.seen[(p, stats[p][2])] = stats[p][1]
            self.done.wait(self.interval)

    def stop(self):
        self.done.set()
        self.thread.join()
        return sum(self.seen.values()) / TICK


def run_cli(inputs):
    """The CLI on each input file at once (one process each): wall seconds, CPU
    seconds and the highest peak RSS in MiB."""
    t0 = time.monotonic()
    procs = []
    for path in inputs:
        with open(path, 'rb') as f:
            procs.append(subprocess.Popen([CLI, 'annotate', '--jsonl'], stdin=f, stdout=subprocess.DEVNULL))
    rss = cpu = 0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise SystemExit(f'newsmark exited with {p.returncode}')
        rss = max(rss, usage.ru_maxrss / 1024)
        cpu += usage.ru_utime + usage.ru_stime
    return time.monotonic() - t0, cpu, rss


def run_spark(archive, out, partitions):
    t0 = time.monotonic()
    p = subprocess.Popen([sys.executable, os.path.join(HERE, 'annotate_archive.py'), '--master', 'local[2]',
                          '--input', archive, '--output', out, '--partitions', str(partitions)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cpu = TreeCpu(p.pid)
    stdout, stderr = p.communicate()
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.stderr.write(stderr.decode(errors='replace')[-4000:])
        raise SystemExit(f'the Spark job exited with {p.returncode}')
    summary = json.loads(stdout.decode().strip().splitlines()[-1])
    summary['wall'], summary['cpu'] = wall, cpu.stop()
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--articles', type=int, default=int(os.environ.get('BENCH_SPARK_ARTICLES', 4000)))
    ap.add_argument('--paragraphs', type=int, default=16, help='mean paragraphs per article')
    ap.add_argument('--passes', type=int, default=int(os.environ.get('BENCH_SPARK_PASSES', 3)))
    ap.add_argument('--partitions', type=int, default=4, help="the job's --partitions (default 4: 2 per core)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='newsmark-bench-spark-')
    try:
        archive = os.path.join(tmp, 'archive.jsonl')
        halves = [os.path.join(tmp, f'half{i}.jsonl') for i in range(2)]
        small = os.path.join(tmp, 'small.jsonl')
        tokens = chars = 0
        with open(archive, 'wb') as a, open(halves[0], 'wb') as h0, open(halves[1], 'wb') as h1, \
                open(small, 'wb') as s:
            for i, (id_, text) in enumerate(make_archive.articles(args.articles, 18, args.paragraphs)):
                line = json.dumps({'id': id_, 'text': text}, ensure_ascii=False).encode() + b'\n'
                tokens += len(text.split())
                chars += len(text)
                a.write(line)
                (h0 if i % 2 == 0 else h1).write(line)
                if i < 100:
                    s.write(line)
        size = os.path.getsize(archive)
        log(f'{args.articles:,} articles, {tokens:,} tokens, {size / 2**20:.1f} MiB; {args.passes} passes')
        _, _, rss_small = run_cli([small])  # also warms the caches up
        runs = {k: [] for k in ('cli1', 'cli2', 'spark_total', 'spark_job')}
        rss_large, summaries, load = 0, [], os.getloadavg()[0]
        for p in range(1, args.passes + 1):
            t1, c1, r1 = run_cli([archive])
            t2, c2, r2 = run_cli(halves)
            s = run_spark(archive, os.path.join(tmp, 'out'), args.partitions)
            shutil.rmtree(os.path.join(tmp, 'out'))
            log(f"pass {p}: CLI 1 process {t1:.1f} s ({c1:.1f} CPU-s), "
                f"2 processes {t2:.1f} s ({c2:.1f} CPU-s), Spark local[2] {s['wall']:.1f} s "
                f"({s['seconds_job']:.1f} s writing; {s['cpu']:.1f} CPU-s)")
            runs['cli1'].append((t1, c1))
            runs['cli2'].append((t2, c2))
            runs['spark_total'].append((s['wall'], s['cpu']))
            runs['spark_job'].append((s['seconds_job'], s['cli_cpu_s'] + s['worker_cpu_s'] + s['jvm_cpu_s']))
            rss_large = max(rss_large, r1, r2)
            load = max(load, os.getloadavg()[0])
            summaries.append(s)
        rate = {}
        for k, v in runs.items():
            secs = statistics.median(t for t, _ in v)
            cpus = [c for _, c in v if c is not None]
            rate[k] = {'seconds': secs, 'articles_per_s': args.articles / secs, 'tokens_per_s': tokens / secs,
                       'cpu_seconds': statistics.median(cpus) if cpus else None}
        last = summaries[-1]
        java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
        import pyspark
        print(json.dumps({
            'articles': args.articles, 'tokens': tokens, 'chars': chars, 'bytes': size, 'passes': args.passes,
            'rate': rate, 'partitions': last['partitions'],
            'ratio_job': rate['spark_job']['tokens_per_s'] / rate['cli2']['tokens_per_s'],
            'ratio_total': rate['spark_total']['tokens_per_s'] / rate['cli2']['tokens_per_s'],
            'ratio_cpu_job': rate['cli1']['cpu_seconds'] / rate['spark_job']['cpu_seconds'],
            'ratio_cpu_total': rate['cli1']['cpu_seconds'] / rate['spark_total']['cpu_seconds'],
            'cpu_split': {k: statistics.median(x[k] for x in summaries) for k in ('cli_cpu_s', 'worker_cpu_s', 'jvm_cpu_s')},
            'rss': {'cli_small': rss_small, 'cli_large': rss_large,
                    'cli_in_job': max(s['cli_peak_rss_mib'] for s in summaries),
                    'worker': max(s['worker_peak_rss_mib'] for s in summaries),
                    'jvm': max(s['jvm_peak_rss_mib'] or 0 for s in summaries)},
            'load': {'max': load, 'cores': os.cpu_count()},
            'versions': {'pyspark': pyspark.__version__, 'java': java, 'python': platform.python_version()},
        }))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
