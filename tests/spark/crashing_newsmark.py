#!/usr/bin/env python3
"""A stand-in for `newsmark annotate --jsonl` that dies on one row, for the Spark
job's test (tests/spark/archive_test.py): it passes the lines it reads to the real
CLI (NEWSMARK_REAL_CLI) and writes its answers, until a line holds
NEWSMARK-TEST-CRASH; then it aborts (SIGABRT, as the CLI's panic=abort would),
having answered only the lines before it."""
import os
import subprocess
import sys

MARK = b'NEWSMARK-TEST-CRASH'


def answer(lines):
    if lines:
        out = subprocess.run([os.environ['NEWSMARK_REAL_CLI'], *sys.argv[1:]], input=b''.join(lines),
                             stdout=subprocess.PIPE, check=False)
        sys.stdout.buffer.write(out.stdout)
        sys.stdout.buffer.flush()


batch = []
for line in sys.stdin.buffer:
    if MARK in line:
        answer(batch)
        sys.stderr.write("thread 'main' panicked at src/annotate.rs: a crash on purpose\n")
        sys.stderr.flush()
        os.abort()
    batch.append(line)
answer(batch)
