#!/usr/bin/env bash
# Attribution speed and scores on a PolNeAR split (default: dev), release build.
# Usage: scripts/bench-attribution.sh [SPLIT_DIR]
#   SPLIT_DIR defaults to $STANCEGRAPH_POLNEAR/dev or /work/polnear/data/dev.
# Prints the eval table and articles/s, words/s (annotation + scoring time).
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancegraph/target}"
dir="${1:-${STANCEGRAPH_POLNEAR:-/work/polnear/data}/dev}"
if [ ! -d "$dir" ]; then
  echo "no PolNeAR split at $dir; pass a split directory (text/ + attributions/)" >&2
  exit 2
fi
# the target dir is shared between worktrees, whose builds overwrite each other's
# release/stancegraph: force this tree's binary to be relinked before measuring
touch src/main.rs
bin=$(cargo build --release --message-format=json 2>/dev/null | grep -o '"executable":"[^"]*stancegraph"' | tail -1 | cut -d'"' -f4)
[ -n "$bin" ] || { echo "release build failed" >&2; exit 1; }
cp "$bin" /tmp/stancegraph-bench.$$ && bin=/tmp/stancegraph-bench.$$
trap 'rm -f /tmp/stancegraph-bench.$$' EXIT
"$bin" eval --gold "$dir"
json=$("$bin" eval --gold "$dir" --json)
# best of 3 runs for speed
best=""
for _ in 1 2 3; do
  s=$("$bin" eval --gold "$dir" --json | /usr/bin/env python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
  if [ -z "$best" ] || /usr/bin/env python3 -c "import sys; sys.exit(0 if $s < $best else 1)"; then best=$s; fi
done
echo "$json" | /usr/bin/env python3 -c "
import json,sys
d=json.load(sys.stdin); s=float('$best')
print(f\"speed: {d['documents']/s:.1f} articles/s, {d['words']/s:,.0f} words/s ({d['documents']} articles, {d['words']} words, best of 3: {s:.3f}s)\")"
