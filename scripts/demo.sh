#!/usr/bin/env bash
# The main job: build, ingest corpus/ into ./stancegraph.db, write the briefing to ./report/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/setup.sh"
source "$here/env.sh"
cargo build --release --locked
bin="$CARGO_TARGET_DIR/release/stancegraph"
"$bin" ingest corpus/ --store stancegraph.db
"$bin" brief --store stancegraph.db --out report
