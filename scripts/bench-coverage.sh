#!/usr/bin/env bash
# Coverage on our own gold articles (tests/data/gold/coverage/): claim recall and
# precision, speaker accuracy (direct; indirect + mixed), role and actor precision
# and recall, per article and overall; rules only, then with MiniLM when installed.
# Usage: scripts/bench-coverage.sh [--detail]
#   --detail also lists every missed claim, wrong speaker, extra claim, actor and role.
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancegraph/target}"
if [ "${1:-}" = "--detail" ]; then export COVERAGE_DETAIL=1; fi
model="${STANCEGRAPH_MODEL_DIR:-$HOME/.cache/stancegraph/models/all-MiniLM-L6-v2}"
if [ -f "$model/model.safetensors" ]; then export STANCEGRAPH_MODEL_DIR="$model"; fi
cargo test --release --test coverage coverage_on_gold_articles -- --nocapture
