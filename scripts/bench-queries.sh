#!/usr/bin/env bash
# Canned-query latency benchmark (not a test) on an existing store:
#   - CLI: `stancegraph query NAME --format csv`, RUNS times each (process start, store open,
#     parse, evaluation and CSV output included): p50 / p95 and the row count;
#   - HTTP (unless NO_HTTP=1): `stancegraph serve` on loopback, each canned query POSTed RUNS
#     times with `Accept: text/csv` by curl, one at a time: p50 / p95 of the request time.
#
#   scripts/bench-queries.sh STORE [RUNS] [BIN]
#   (RUNS default 5; BIN default target/release/stancegraph; PORT default 7979)
#   STANCEGRAPH_SET_UNION=1 in the environment measures the set-union evaluation for every
#   query (the path before the native-union evaluation of bag-insensitive queries).
# Make the store with e.g. `python3 scripts/bench/gen_corpus.py 1000 /work/scratch/c1000 &&
# stancegraph ingest /work/scratch/c1000 --store /work/scratch/s1000` (never committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
store="${1:?usage: bench-queries.sh STORE [RUNS] [BIN]}"
runs="${2:-5}"
bin="${3:-$here/../target/release/stancegraph}"
port="${PORT:-7979}"
limit="${QUERY_TIMEOUT:-120}"
stats() { # name rows times... -> one line
  python3 -c "
import sys
name, rows = sys.argv[1], sys.argv[2]
t = sorted(map(float, sys.argv[3:]))
p = lambda q: t[min(len(t) - 1, int(round(q * (len(t) - 1))))]
print(f'  {name:28s} p50 {p(0.5):9.0f} ms  p95 {p(0.95):9.0f} ms  rows {rows}')" "$@"
}
now() { date +%s.%N; }
ms() { python3 -c "import sys; print((float(sys.argv[2]) - float(sys.argv[1])) * 1000)" "$1" "$2"; }
queries=$("$bin" query --list | awk '{print $1}')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
echo "== $store: $("$bin" query --store "$store" --format csv --sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -1) quads"
echo "CLI ($runs runs each; wall time incl. process start and store open; ${limit} s limit):"
for q in $queries; do
  ts=()
  for _ in $(seq "$runs"); do
    s=$(now)
    if ! timeout "$limit" "$bin" query "$q" --store "$store" --format csv > "$tmp/out.csv" 2> "$tmp/err"; then
      echo "  $q: failed or over ${limit} s: $(tail -1 "$tmp/err")"; ts=(); break
    fi
    e=$(now); ts+=("$(ms "$s" "$e")")
  done
  [ ${#ts[@]} -gt 0 ] && stats "$q" "$(($(wc -l < "$tmp/out.csv") - 1))" "${ts[@]}"
done
[ -n "${NO_HTTP:-}" ] && exit 0
"$bin" serve --store "$store" --bind "127.0.0.1:$port" --access-log off --timeout-secs "$limit" \
  --max-results 100000000 --max-query-memory-mb 0 2> "$tmp/serve.log" &
server=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
echo "HTTP (POST /sparql, Accept: text/csv, $runs runs each after one warm-up; one client):"
qdir="$here/../queries"
for q in $queries; do
  curl -s -o /dev/null -H 'Accept: text/csv' --data-urlencode "query@$qdir/$q.rq" "http://127.0.0.1:$port/sparql" || true
  ts=()
  for _ in $(seq "$runs"); do
    code=$(curl -s -o "$tmp/out.csv" -w '%{http_code} %{time_total}' -H 'Accept: text/csv' \
      --data-urlencode "query@$qdir/$q.rq" "http://127.0.0.1:$port/sparql")
    if [ "${code%% *}" != 200 ]; then echo "  $q: HTTP ${code%% *}: $(head -c 200 "$tmp/out.csv")"; ts=(); break; fi
    ts+=("$(python3 -c "import sys; print(float(sys.argv[1]) * 1000)" "${code#* }")")
  done
  [ ${#ts[@]} -gt 0 ] && stats "$q" "$(($(wc -l < "$tmp/out.csv") - 1))" "${ts[@]}"
done
