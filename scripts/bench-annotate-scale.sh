#!/usr/bin/env bash
# Annotation scaling: time and peak RSS for one document of 1, 5, 10, 20 MB
# (synthetic news text with invented names, scripts/gen-scale-article.py), each in
# a fresh process, for the discourse stages alone and for the whole annotate stage.
# Usage: scripts/bench-annotate-scale.sh [SIZES_MB...] [--shape news|tiny|tiny-quote|oneline]
#        [--stage discourse|annotate|both] [--timeout S]
# Prints one line per run and the seconds per MB, which stay flat when the time is linear.
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancegraph/target}"
sizes=(); shape=news; stage=both; limit=600
while [ $# -gt 0 ]; do
  case "$1" in
    --shape) shape="$2"; shift 2 ;;
    --stage) stage="$2"; shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1 5 10 20)
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cargo bench --bench annotate_scale --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*annotate_scale[^"]*"' | tail -1 | cut -d'"' -f4)
[ -n "$bin" ] || { echo "building the annotate_scale bench failed" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
stages=(discourse annotate); [ "$stage" = both ] || stages=("$stage")
printf '%-10s %-10s %6s %10s %10s %12s %10s\n' shape stage MB words seconds peak_RSS_MiB s_per_MB
for mb in "${sizes[@]}"; do
  f="$tmp/doc-$mb.txt"
  python3 "$here/gen-scale-article.py" "$mb" "$f" --shape "$shape"
  for st in "${stages[@]}"; do
    flag=""; [ "$st" = discourse ] && flag="--discourse"
    if out=$(timeout "$limit" "$bin" "$f" $flag); then
      python3 - "$out" "$shape" "$st" "$mb" <<'PY'
import json, sys
d = json.loads(sys.argv[1]); mb = float(sys.argv[4])
print(f"{sys.argv[2]:<10} {sys.argv[3]:<10} {mb:6g} {d['words']:10d} {d['seconds']:10.2f} {d['peak_rss_kib']/1024:12.0f} {d['seconds']/mb:10.3f}")
PY
    else
      printf '%-10s %-10s %6s %10s %10s\n' "$shape" "$st" "$mb" "-" "timeout ${limit}s"
    fi
  done
done
