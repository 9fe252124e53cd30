#!/usr/bin/env bash
# Extraction on Apache Spark (local mode), cross-article steps over the merged
# output, and a bulk load of the result into Virtuoso.
#
# usage: scripts/spark/run.sh ARTICLES.jsonl WORKDIR [BIN]
#   1. pyspark: every partition of ARTICLES.jsonl piped through `stancegraph stream --format nquads`
#   2. the part files merged into WORKDIR/merged.nq
#   3. `stancegraph ingest --nquads` (actor resolution across articles, claim clusters) -> WORKDIR/store
#   4. the store exported as N-Quads and bulk-loaded into a throw-away Virtuoso
#      (its own database and free loopback ports, stopped at the end) with ld_dir + rdf_loader_run
#   5. the quad counts of the local store and of Virtuoso compared (exit 1 when they differ)
# Needs java (Debian default-jre), pyspark (pip) and virtuoso-opensource: scripts/setup.sh --test.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
input="$(realpath "${1:?usage: run.sh ARTICLES.jsonl WORKDIR [BIN]}")"
work="$(mkdir -p "${2:?usage: run.sh ARTICLES.jsonl WORKDIR [BIN]}" && realpath "$2")"
bin="$(realpath "${3:-$here/../../target/release/stancegraph}")"
py="${PYTHON:-python3}"
command -v java >/dev/null || { echo "spark: java not found (apt-get install default-jre)" >&2; exit 3; }
"$py" -c 'import pyspark' 2>/dev/null || { echo "spark: pyspark not importable by $py (pip install pyspark)" >&2; exit 3; }
rm -rf "$work/graphs" "$work/store" "$work/merged.nq" "$work/export.nq" "$work/vdb"

echo "spark: extracting with pyspark (local mode)" >&2
"$py" "$here/extract.py" --binary "$bin" --input "$input" --output "$work/graphs" --partitions "${SPARK_PARTITIONS:-4}"
cat "$work"/graphs/part-* > "$work/merged.nq"
if grep -q '^# error:' "$work/merged.nq"; then
  echo "spark: records that failed:" >&2; grep '^# error:' "$work/merged.nq" >&2
fi

echo "spark: cross-article steps (stancegraph ingest --nquads)" >&2
"$bin" ingest --nquads "$work/merged.nq" --store "$work/store"
"$bin" export --store "$work/store" --format nquads --out "$work/export.nq"
local_n=$(grep -c . "$work/export.nq")

command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null \
  || { echo "spark: virtuoso-opensource not installed; skipping the bulk load" >&2; exit 4; }
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sqlp=$(free_port); httpp=$(free_port)
mkdir -p "$work/vdb"
awk -v sql="$sqlp" -v http="$httpp" -v db="$work/vdb" -v dirs="$work" '
  /^\[/ { sec=$0 }
  /^ServerPort/ && sec=="[Parameters]" { print "ServerPort = " sql; next }
  /^ServerPort/ && sec=="[HTTPServer]" { print "ServerPort = " http; next }
  /^DirsAllowed/ { print "DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, " dirs; next }
  { gsub("/var/lib/virtuoso-opensource-7/db", db); print }' /etc/virtuoso-opensource-7/virtuoso.ini > "$work/vdb/virtuoso.ini"
(cd "$work/vdb" && exec virtuoso-t -c "$work/vdb/virtuoso.ini" +foreground > "$work/vdb/console.log" 2>&1) &
vpid=$!
trap 'kill $vpid 2>/dev/null || true; wait $vpid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do isql-vt "$sqlp" dba dba exec="status();" >/dev/null 2>&1 && break; sleep 0.5; done
echo "spark: bulk loading into Virtuoso (ld_dir + rdf_loader_run)" >&2
isql-vt "$sqlp" dba dba exec="ld_dir('$work', 'export.nq', 'https://w3id.org/stancegraph/id/graph/default'); rdf_loader_run(); checkpoint;" >/dev/null
errs=$(isql-vt "$sqlp" dba dba exec="SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;" | grep -E '^[0-9]+' | head -1)
virt_n=$(isql-vt "$sqlp" dba dba exec="SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/stancegraph/id/graph/')) };" | grep -E '^[0-9]+' | head -1)
graphs=$(isql-vt "$sqlp" dba dba exec="SPARQL SELECT COUNT(DISTINCT ?g) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/stancegraph/id/graph/')) };" | grep -E '^[0-9]+' | head -1)
echo "spark: local store $local_n quads; Virtuoso $virt_n quads in $graphs graphs; load errors ${errs:-?}"
[ "${errs:-1}" = 0 ] && [ "$local_n" = "$virt_n" ]
