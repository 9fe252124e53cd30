#!/usr/bin/env bash
# Scale benchmark (not a test): a synthetic corpus of N articles, then
#   - annotation alone (`stream --format json`, one thread) and ingest (one thread, and all cores):
#     articles/s, words/s per core, peak RSS;
#   - store size on disk; time to add 10 new articles to the existing store;
#   - each canned query through the CLI (5 runs: p50 / p95, process start and store open included);
#   - `network` and `brief` wall time.
#
#   scripts/bench-scale.sh N [WORKDIR] [BIN]      (WORKDIR default /work/scratch/scale; nothing is committed)
#   SKIP_ONE_THREAD=1 skips the one-thread ingest (long at 100k); QUERY_RUNS=5.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:?usage: bench-scale.sh N [WORKDIR] [BIN]}"
work="${2:-/work/scratch/scale}"
bin="${3:-$here/../target/release/stancegraph}"
runs="${QUERY_RUNS:-5}"
mkdir -p "$work"
tmpbin="$work/stancegraph-bench"; cp "$bin" "$tmpbin"; bin="$tmpbin"   # shared target dirs get rebuilt
corpus="$work/c$n"; jsonl="$work/j$n"; add="$work/add$n"
[ -d "$corpus" ] || python3 "$here/bench/gen_corpus.py" "$n" "$corpus"
[ -f "$jsonl/articles.jsonl" ] || python3 "$here/bench/gen_corpus.py" "$n" "$jsonl" --jsonl
[ -d "$add" ] || python3 "$here/bench/gen_corpus.py" 10 "$add" --start "$n" --world "$n"
words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$jsonl/articles.jsonl")
cores=$(nproc)
echo "== $n articles, $words words, $cores cores (shared with other jobs: figures are upper bounds)"
measure() { # label cmd...  -> prints wall s and peak RSS
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  read -r wall rss < "$work/time.txt"
  echo "$label: ${wall} s wall, peak RSS $((rss / 1024)) MB"
  LAST_WALL=$wall
}
rate() { python3 -c "import sys; n,w,t,c=map(float,sys.argv[1:]); print(f'  {n/t:.1f} articles/s, {w/t/c:.0f} words/s per core')" "$n" "$words" "$1" "$2"; }
measure "annotate alone (stream --format json, 1 thread)" sh -c "'$bin' stream --format json < '$jsonl/articles.jsonl'"
rate "$LAST_WALL" 1
if [ -z "${SKIP_ONE_THREAD:-}" ]; then
  rm -rf "$work/s1-$n"
  measure "ingest, 1 thread" "$bin" ingest "$corpus" --store "$work/s1-$n" -j 1
  rate "$LAST_WALL" 1
  rm -rf "$work/s1-$n"
fi
store="$work/s$n"; rm -rf "$store"
measure "ingest, $cores threads" "$bin" ingest "$corpus" --store "$store"
rate "$LAST_WALL" "$cores"
tail -1 "$work/stderr.txt"
echo "store size: $(du -sh "$store" | cut -f1)"
measure "add 10 articles" "$bin" ingest "$add" --store "$store"
tail -1 "$work/stderr.txt"
measure "re-ingest unchanged (10 added)" "$bin" ingest "$add" --store "$store"
echo "canned queries ($runs runs each, CLI wall time incl. process start and store open):"
for q in $("$bin" query --list | awk '{print $1}'); do
  ts=()
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N); timeout 120 "$bin" query "$q" --store "$store" --format csv > /dev/null 2>&1 || true; e=$(date +%s.%N)
    ts+=("$(python3 -c "print(($e-$s)*1000)")")
  done
  python3 -c "import sys,statistics; t=sorted(map(float,sys.argv[2:])); p=lambda q: t[min(len(t)-1,int(round(q*(len(t)-1))))]; print(f'  {sys.argv[1]:28s} p50 {p(0.5):8.0f} ms  p95 {p(0.95):8.0f} ms')" "$q" "${ts[@]}"
done
measure "network" "$bin" network --store "$store" --format json
measure "brief" "$bin" brief --store "$store" --out "$work/brief$n"
