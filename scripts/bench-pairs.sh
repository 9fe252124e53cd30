#!/usr/bin/env bash
# Agreement / conflict pair queries on synthetic multi-outlet coverage (no catalogue):
# generates N articles, ingests them, and prints p50 of 5 runs of each canned pair query
# and of the argument queries. Usage: scripts/bench-pairs.sh [N ...]   (default: 200 1000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${STANCEGRAPH_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/stancegraph/target}/release/stancegraph}"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(200 1000)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  python3 - "$work/c$n" "$n" <<'PY'
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2]); os.makedirs(out, exist_ok=True)
r = random.Random(n)
first = "Ada Bram Cleo Dara Emil Faye Gus Hana Ivo Jana Kai Lena Milo Nora Otto Pia Rafe Sami Tova Uri".split()
last = "Arden Birch Colt Dunmore Ellery Frost Garrow Hale Iver Joss Kell Lyle Marsh Nash Orme Pell".split()
people = [f"{a} {b}" for a in first for b in last]
outlets = ["Valley Courier", "North Star", "Daily Ledger", "Harbour Post", "City Wire", "Moor FM"]
issues = [
  ("the bypass", ["the council should build the bypass", "the bypass will cut traffic in the town", "the bypass would ruin the water meadows", "the bypass would cost far too much"]),
  ("the clinic", ["the clinic should stay open", "closing the clinic would hurt elderly patients", "the clinic is losing money", "the clinic cannot find enough doctors"]),
  ("the stadium", ["the club should get its new stadium", "the stadium will bring jobs to the area", "the stadium would bring traffic chaos", "the stadium deal is a waste of public money"]),
]
neg = {"should": "should not", "will": "will not", "would": "would not", "is": "is not", "cannot": "can"}
for i in range(n):
    issue, props = issues[i % len(issues)]
    paras = [f"The debate over {issue} went on this week."]
    for _ in range(r.randint(3, 6)):
        who = r.choice(people); p = r.choice(props)
        if r.random() < 0.2:
            for k, v in neg.items():
                if f" {k} " in p: p = p.replace(f" {k} ", f" {v} ", 1); break
        paras.append(f"{who} said {p}." if r.random() < 0.5 else f"\"{p[0].upper()}{p[1:]},\" {who} said.")
    with open(f"{out}/a{i:05}.md", "w") as f:
        f.write(f"---\ntitle: On {issue} {i}\noutlet: {r.choice(outlets)}\ndate: 2024-01-{1 + i % 28:02}\n---\n" + "\n\n".join(paras) + "\n")
PY
  start=$(date +%s.%N)
  "$bin" ingest "$work/c$n" --store "$work/db$n" >/dev/null
  echo "n=$n: ingest $(echo "$(date +%s.%N) - $start" | bc) s"
  for q in agreeing-pairs conflicting-pairs argument-map opposing-arguments stance-by-target; do
    ts=()
    for k in 1 2 3 4 5; do
      s=$(date +%s.%N); "$bin" query "$q" --store "$work/db$n" --format csv >/dev/null; e=$(date +%s.%N)
      ts+=("$(echo "$e - $s" | bc)")
    done
    p50=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n 3p)
    rows=$("$bin" query "$q" --store "$work/db$n" --format csv | tail -n +2 | wc -l)
    echo "  $q: p50 ${p50} s ($rows rows, whole CLI process incl. store open)"
  done
done
