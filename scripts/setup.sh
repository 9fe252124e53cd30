#!/usr/bin/env bash
# Installs what stancegraph needs on a fresh Debian machine; idempotent and quiet when all is there.
#   scripts/setup.sh          build dependencies + the MiniLM model
#   scripts/setup.sh --test   also the test services (python clients, Virtuoso, Chromium)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"

need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)   # bindgen, for oxigraph's RocksDB
command -v g++ >/dev/null 2>&1 || need+=(g++)
if [ "${1:-}" = "--test" ]; then
  for p in python3-rdflib python3-sparqlwrapper python3-networkx python3-venv graphviz virtuoso-opensource chromium default-jre-headless python3-pip; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  # Current networkx beside Debian's 2.8: the network exports are read by both (tests/network.rs).
  venv="${STANCEGRAPH_NX_VENV:-$HOME/.cache/stancegraph/nxvenv}"
  if ! "$venv/bin/python" -c 'import networkx' 2>/dev/null; then
    echo "setup: installing current networkx into $venv" >&2
    /usr/bin/python3 -m venv "$venv" && "$venv/bin/pip" install -q networkx
  fi
  # pyspark (PyPI) for the Spark example test (tests/scale.rs, scripts/spark/run.sh).
  python3 -c 'import pyspark' 2>/dev/null || {
    echo "setup: installing pyspark" >&2
    python3 -m pip install -q pyspark 2>/dev/null || python3 -m pip install -q --break-system-packages pyspark
  }
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo (Rust toolchain) is required" >&2; exit 1; }
if [ -x "$here/install-model.sh" ]; then
  "$here/install-model.sh" >/dev/null
fi
