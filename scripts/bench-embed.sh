#!/usr/bin/env bash
# Embedding throughput of the MiniLM sentence embedder (sentences/s), on the
# corpus sentences, pinned to a number of cores (default 2).
#
#   scripts/bench-embed.sh [--dev] [THREADS] [N_SENTENCES]
#
# Builds the bench_embed example in release mode (--dev: the dev profile,
# whose dependencies are optimised too) and prints one line of figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
cd "$here/.."
profile=(--release)
if [ "${1:-}" = "--dev" ]; then profile=(); shift; fi
threads="${1:-2}"
n="${2:-512}"
dir="${STANCEGRAPH_MODEL_DIR:-$("$here/install-model.sh")}"
cargo build --quiet "${profile[@]}" --example bench_embed
bin="$CARGO_TARGET_DIR/$([ ${#profile[@]} -gt 0 ] && echo release || echo debug)/examples/bench_embed"
cpus="0-$((threads - 1))"
if command -v taskset >/dev/null 2>&1; then
  RAYON_NUM_THREADS="$threads" taskset -c "$cpus" "$bin" "$dir" "$n"
else
  RAYON_NUM_THREADS="$threads" "$bin" "$dir" "$n"
fi
