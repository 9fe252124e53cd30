#!/usr/bin/env bash
# Load test of `stancegraph serve`: builds, makes a store (ingests corpus/, or loads the
# test fixture if ingest is unavailable), starts the server on loopback and runs
# benches/serve_load.rs: N concurrent keep-alive clients sending a mix of canned-style
# SELECT/ASK queries. Prints throughput, latency percentiles and the error count
# (must be 0; the script fails otherwise).
#
#   scripts/bench-serve.sh [--clients 8] [--requests 4000] [--profile release|dev] [--copies 20]
#                          [--canned] [--hostile 2] [--timeout-secs 10]
#
# --copies N: a synthetic store of N renamed copies of the ingested corpus (or of the
# fixture when ingest is unavailable); actors are shared across copies, as for people
# who appear in many articles. Synthetic stores live in a temp dir and are deleted.
# --canned: send the canned queries (queries/*.rq) instead of the built-in mix.
# --hostile N: N more clients send cross products and 5,000-deep queries meanwhile;
# the run still fails if any normal request fails.
#
# --profile dev skips the (long, first-time) release build: dependencies are built at
# opt-level 3 in dev too, so figures are close; the report says which profile ran.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
source "$here/env.sh"

clients=8 requests=4000 profile=release copies=20 hostile=0 canned="" timeout=10
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    --hostile) hostile="$2"; shift 2 ;;
    --canned) canned="--canned"; shift ;;
    --timeout-secs) timeout="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$profile" in
  release) outdir=release ;;
  dev) outdir=debug ;;
  *) echo "--profile must be release or dev" >&2; exit 2 ;;
esac

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "bench-serve: building ($profile)" >&2
# The target dir may be shared with other checkouts, which overwrite target/*/stancegraph:
# copy both executables right after building them.
cargo build --profile "$profile" --bin stancegraph
cp "$CARGO_TARGET_DIR/$outdir/stancegraph" "$tmp/stancegraph"
gen="$(cargo bench --profile "$profile" --bench serve_load --no-run 2>&1 | tee /dev/stderr | grep -o '(/[^)]*serve_load-[^)]*)' | tr -d '()' | tail -n 1)"
[ -x "$gen" ] || { echo "bench-serve: cannot find the serve_load executable" >&2; exit 1; }
cp "$gen" "$tmp/serve_load"
bin="$tmp/stancegraph"
load_gen() { "$tmp/serve_load" "$@"; }

store="$tmp/store"
if "$bin" ingest --store "$tmp/corpus-store" corpus/ >"$tmp/ingest.log" 2>&1; then
  "$bin" export --store "$tmp/corpus-store" --format nquads --out "$tmp/corpus.nq"
  load_gen load --store "$store" --nquads "$tmp/corpus.nq" --copies "$copies" >&2
  dataset="corpus/ (ingested) x $copies copies"
else
  echo "bench-serve: ingest unavailable ($(tail -n 1 "$tmp/ingest.log")); loading tests/data/serve/fixture.trig" >&2
  rm -rf "$store"
  load_gen load --store "$store" --trig tests/data/serve/fixture.trig --copies "$copies" >&2
  dataset="tests/data/serve/fixture.trig x $copies"
fi

"$bin" serve --store "$store" --bind 127.0.0.1:0 --timeout-secs "$timeout" --access-log off >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[^ ]*/sparql' "$tmp/serve.out" 2>/dev/null || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "bench-serve: server did not start:" >&2; cat "$tmp/serve.err" >&2; exit 1; }

echo "== stancegraph serve load test: profile $profile, store from $dataset, $(nproc) CPUs, $(date -u +%FT%TZ)"
load_gen run --url "$url" --clients "$clients" --requests "$requests" $canned --hostile "$hostile"
if [ "$hostile" = 0 ] && grep -q "serve: 5" "$tmp/serve.err"; then
  echo "bench-serve: the server logged errors:" >&2; cat "$tmp/serve.err" >&2; exit 1
fi
