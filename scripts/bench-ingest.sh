#!/usr/bin/env bash
# Ingest timing: release build, then a fresh ingest of corpus/ (or the given
# paths) and an unchanged re-ingest, each timed. Usage: scripts/bench-ingest.sh [PATH...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
source "$here/env.sh"
cargo build --release --quiet
bin="$(mktemp -d)/stancegraph"
cp "$CARGO_TARGET_DIR/release/stancegraph" "$bin"   # the shared target dir is rebuilt by others
store="$(mktemp -d)/bench.db"
paths=("$@"); [ ${#paths[@]} -eq 0 ] && paths=(corpus/)
echo "fresh ingest of ${paths[*]}:"
/usr/bin/time -f "  %e s wall, %M KB max RSS" "$bin" ingest "${paths[@]}" --store "$store"
echo "unchanged re-ingest:"
/usr/bin/time -f "  %e s wall, %M KB max RSS" "$bin" ingest "${paths[@]}" --store "$store"
rm -rf "$store"
