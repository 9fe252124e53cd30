#!/usr/bin/env python3
"""Writes a synthetic news article of about SIZE_MB megabytes to OUT for the
annotation scaling benchmark (scripts/bench-annotate-scale.sh).

Usage: gen-scale-article.py SIZE_MB OUT [--shape news|tiny|tiny-quote|oneline]

Shapes: `news` paragraphs of reported speech (direct, indirect, inverted,
"according to", roles, pronouns); `tiny` one short sentence per paragraph;
`tiny-quote` the same with a quotation in each; `oneline` the news text with
no line breaks (one paragraph). Names and places are invented; a fixed seed
makes the output reproducible."""
import random
import sys

FIRST = ["Ann", "Tom", "Jane", "Omar", "Lena", "Raj", "Mira", "Paul", "Ines", "Karl", "Sofia", "Ben"]
LAST = ["Berg", "Reed", "Roe", "Okafor", "Lindqvist", "Haddad", "Marsh", "Quill", "Tarrant", "Vance"]
ORGS = ["Acme Holdings", "the Marine Trust", "Northgate Council", "Unify", "Brightwater Ltd",
        "the Harbour Authority", "Kestrel Energy", "the Valley Hospital Trust"]
ROLES = ["chief executive", "spokeswoman", "director of programmes", "general secretary",
         "finance director", "chair"]
CLAIMS = ["the plan would cut costs by a third", "the deal was signed too quickly",
          "nobody had been consulted about the closures", "the figures were misleading",
          "the new rules would protect small firms", "the vote should be delayed until spring"]
QUOTES = ["We will not accept a deal that leaves our members worse off.",
          "This is the most important decision the board will take this decade.",
          "Frankly, the numbers do not add up and everyone knows it.",
          "We have listened, and we will keep listening."]


def person(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def news_paragraph(r):
    p, o, role = person(r), r.choice(ORGS), r.choice(ROLES)
    c, q = r.choice(CLAIMS), r.choice(QUOTES)
    forms = [
        f"{p}, {role} of {o}, said that {c}.",
        f"\u201c{q}\u201d said {p}, {role} at {o}.",
        f"According to {o}, {c}. {p.split()[1]} added that talks would continue.",
        f"{o} has criticised the proposal. \u201c{q}\u201d {p} told reporters.",
        f"The {role} of {o}, {p}, believes {c}, and she warned that {r.choice(CLAIMS)}.",
        f"In a statement, {o} said: \u201c{q}\u201d",
    ]
    return " ".join(r.choice(forms) for _ in range(r.randint(1, 3)))


def main():
    size = float(sys.argv[1]) * 1_000_000
    out = sys.argv[2]
    shape = sys.argv[sys.argv.index("--shape") + 1] if "--shape" in sys.argv else "news"
    r = random.Random(1234)
    parts, n = [], 0
    while n < size:
        if shape == "tiny":
            t = f"{person(r)} agreed."
        elif shape == "tiny-quote":
            t = f"\u201c{r.choice(QUOTES)}\u201d {person(r)} said."
        else:
            t = news_paragraph(r)
        parts.append(t)
        n += len(t.encode()) + 2
    sep = " " if shape == "oneline" else "\n\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(sep.join(parts) + "\n")


if __name__ == "__main__":
    main()
