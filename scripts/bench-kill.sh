#!/usr/bin/env bash
# kill -9 during ingest at random moments (a benchmark/script; tests/scale.rs has a smaller version).
#   scripts/bench-kill.sh [N_ARTICLES=200] [ROUNDS=30] [BIN]
# Each round starts `ingest --force --batch 8` on the same store and kills it after a random
# 0.1-6 s; then the store must reopen and every article graph in it must have exactly the
# reference's quads (no half-written article). After the rounds, one more ingest must converge
# to the reference quad count (and the same quads). Prints one line per round and a verdict.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-200}"; rounds="${2:-30}"; bin="${3:-$here/../target/release/stancegraph}"
work="$(mktemp -d /tmp/sg-kill.XXXXXX)"
cp "$bin" "$work/sg"; bin="$work/sg"
python3 "$here/bench/gen_corpus.py" "$n" "$work/corpus" --seed 5
per_graph() { "$bin" query --store "$1" --format csv --sparql \
  'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "/graph/bench-")) } GROUP BY ?g ORDER BY ?g' | tail -n +2 | sort; }
"$bin" ingest "$work/corpus" --store "$work/ref" 2>/dev/null
per_graph "$work/ref" > "$work/ref.txt"
"$bin" export --store "$work/ref" --format nquads | sort > "$work/ref.nq"
echo "reference: $(wc -l < "$work/ref.nq") quads, $(wc -l < "$work/ref.txt") article graphs"
bad=0
for r in $(seq "$rounds"); do
  "$bin" ingest "$work/corpus" --store "$work/s" --force --batch 8 2>/dev/null & pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.1, 6), 2))')"
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if ! per_graph "$work/s" > "$work/now.txt" 2>"$work/err.txt"; then
    echo "round $r: store does not reopen: $(cat "$work/err.txt")"; bad=$((bad+1)); continue
  fi
  half=$(comm -23 "$work/now.txt" "$work/ref.txt" | wc -l)
  echo "round $r: $(wc -l < "$work/now.txt") articles stored, $half half-written"
  [ "$half" = 0 ] || bad=$((bad+1))
done
"$bin" ingest "$work/corpus" --store "$work/s" 2>&1 | tail -1
"$bin" export --store "$work/s" --format nquads | sort > "$work/final.nq"
if cmp -s "$work/ref.nq" "$work/final.nq"; then
  echo "converged: $(wc -l < "$work/final.nq") quads, identical to the reference; $bad bad rounds"
else
  echo "DIVERGED: $(wc -l < "$work/final.nq") quads vs $(wc -l < "$work/ref.nq"); $bad bad rounds"; bad=$((bad+1))
fi
rm -rf "$work"
[ "$bad" = 0 ]
