#!/usr/bin/env bash
# The one command that runs the tests: installs what is missing, then runs the whole suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/setup.sh" --test
source "$here/env.sh"
if [ -x "$here/ci-services.sh" ]; then "$here/ci-services.sh"; fi
# --release: the tests share the main job's compiled dependencies (RocksDB, candle compile once).
# The fuzz target (tests/fuzz.rs) runs for a bounded time: 120 s in CI unless set.
export STANCEGRAPH_FUZZ_SECS="${STANCEGRAPH_FUZZ_SECS:-120}"
cargo test --release --locked --no-fail-fast "$@"
