#!/usr/bin/env bash
# Opens a briefing.html in headless Chromium, takes a screenshot, and checks that
# the stance matrix and the SVG network figure rendered and that no console error occurred.
#   scripts/browser-check.sh report/briefing.html [screenshot.png]
# Exit codes: 0 ok, 1 check failed, 2 usage error, 3 no chromium (skip).
set -euo pipefail
html="${1:-}"
[ -n "$html" ] && [ -f "$html" ] || { echo "usage: $0 BRIEFING.html [SCREENSHOT.png]" >&2; exit 2; }
shot="${2:-$(dirname "$html")/briefing.png}"
chrome=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chrome="$c"; break; fi
done
[ -n "$chrome" ] || { echo "browser-check: SKIP: chromium not installed (apt-get install -y chromium)" >&2; exit 3; }
abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
case "$shot" in /*) ;; *) shot="$(pwd)/$shot" ;; esac
profile="$(mktemp -d)"
work="$(mktemp -d)"
trap 'rm -rf "$profile" "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --enable-logging=stderr --v=0)
# 1. The DOM after rendering.
timeout 120 "$chrome" "${flags[@]}" --dump-dom "file://$abs" >"$work/dom.html" 2>"$work/dom.log" || true
# 2. A screenshot.
rm -rf "$profile"; profile="$(mktemp -d)"
flags[8]="--user-data-dir=$profile"
timeout 120 "$chrome" "${flags[@]}" --screenshot="$shot" --window-size=1400,3000 "file://$abs" >"$work/shot.out" 2>"$work/shot.log" || true
fail=0
check() { # name, command...
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
check "DOM dumped" test -s "$work/dom.html"
check "stance matrix table rendered" grep -q '<table class="matrix" id="stance-matrix"' "$work/dom.html"
check "matrix has data cells" grep -q '<td class="cell"' "$work/dom.html"
check "SVG network figure rendered" grep -q '<svg[^>]*class="network-figure"' "$work/dom.html"
check "figure has nodes" grep -q '<circle' "$work/dom.html"
check "no console errors" bash -c "! grep -E 'Uncaught|ERROR:CONSOLE|CONSOLE\\(' '$work/dom.log' '$work/shot.log' | grep -v 'Trust Tokens' | grep -q ."
check "no external fetches in the page" bash -c "! grep -Eiq 'src=\"https?:|<link[^>]*href=\"https?:' '$abs'"
check "screenshot written" test -s "$shot"
if [ "$fail" -ne 0 ]; then
  echo "--- chromium log (tail) ---" >&2
  tail -n 20 "$work/dom.log" "$work/shot.log" >&2 || true
  exit 1
fi
echo "browser-check: $html OK (screenshot: $shot)"
