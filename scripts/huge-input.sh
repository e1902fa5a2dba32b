#!/usr/bin/env bash
# Annotates a generated text file of N megabytes (default 1024) with the CLI
# and prints the time and peak memory: the "largest input" figure in
# docs/reliability.md.   Usage: scripts/huge-input.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-1024}
FILE=$(mktemp --suffix=.txt)
OUT=$(mktemp --suffix=.json)
trap 'rm -f "$FILE" "$OUT"' EXIT
python3 - "$FILE" "$MB" <<'PY'
import sys
para = ("BAKU, Sept 28 - Azerbaijan's defence ministry accused Armenian forces on Monday of shelling two villages "
        "near the town of Tartar, killing 12 people. \"We will respond,\" President Ilham Aliyev said, according to "
        "the state news agency.\n\n")
target = int(sys.argv[2]) << 20
with open(sys.argv[1], "w") as f:
    n = 0
    while n < target:
        f.write(para * 1000)
        n += len(para) * 1000
PY
cargo build --release -q
echo "input: $(stat -c %s "$FILE") bytes"
/usr/bin/time -v target/release/newsmark annotate "$FILE" > "$OUT" 2> >(grep -E "Maximum resident|Elapsed" >&2)
echo "output: $(stat -c %s "$OUT") bytes"
