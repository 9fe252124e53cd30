#!/usr/bin/env python3
"""Synthetic but varied news corpus for the scale benchmarks (never committed).

usage: gen_corpus.py N OUT_DIR [--jsonl] [--seed S] [--start K]

Writes N Markdown articles with front matter (title, outlet, date, author) under
OUT_DIR/NNN/ (1,000 per folder), or with --jsonl one OUT_DIR/articles.jsonl.
Actors (people with roles, organisations, groups), outlets, places, dates and
topics are drawn from invented name parts with a Zipf-like skew, so a few
actors recur across many articles and most are rare, as in real coverage.
Quotes vary: direct with "said", inverted, indirect with "that", "according to",
"told <outlet>", continued quotes, pronoun speakers. --start K numbers the
articles from K (to add articles to an existing corpus).
"""
import json
import os
import random
import sys

FIRST = ("Amara Bilal Carys Dario Elif Farid Greta Hollis Ines Jovan Kaori Lenka Mateo Nadia "
         "Oren Priya Quinn Rafael Saoirse Tomas Uma Viktor Wren Yusuf Zofia Anouk Bram Cleo "
         "Dmitri Esme Fenna Gideon Halima Ilse Joren Kenji Liora Marek Nia Osric Petra Rosa "
         "Soren Talia Ulric Vera Wilf Xenia Yara Zane").split()
LAST = ("Abernathy Balogun Castellano Dunmore Eriksen Fairweather Gallo Hartigan Iwasaki "
        "Jablonski Kovacs Lindqvist Maddox Novak Okonkwo Petrakis Quayle Rasmussen Szabo "
        "Thornbury Ulloa Varga Whitcombe Yilmaz Zoller Ashdown Brennan Cortes Delacroix "
        "Eberhardt Falkner Grisham Holloway Ingram Jessop Kincaid Larkspur Moreau Nakamura "
        "Oyelaran Pemberton Rourke Sandoval Tremaine Underhill Vasquez Wexford Yardley").split()
ORG_A = ("Northwind Bluewater Redcliff Ironbridge Silverline Greenmoor Highgate Larkfield "
         "Westbrook Eastvale Stonehaven Brightwater Oakridge Coldharbour Fernhill Marlow "
         "Ashcombe Kestrel Harrowgate Thistledown").split()
ORG_B = ("Energy Logistics Health Trust Council Capital Motors Water Foods Telecom Mining "
         "Pharmaceuticals Airways Housing Robotics Insurance Rail Media Labs Partners").split()
ORG_SUFFIX = ["", "", "", " Ltd", " plc", " Group", " Inc."]
GROUPS = ["residents' association", "tenants' union", "climate campaigners", "dock workers",
          "parents' group", "nurses' union", "small business federation", "cyclists' alliance"]
OUTLET_A = "Harbour Valley Northern Coastal Metro County Evening Morning Weekly Civic".split()
OUTLET_B = "Gazette Times Courier Herald Post Chronicle Observer Ledger Tribune Record".split()
PLACES = ("Port Allen|Ravensfield|Kelby|Marrowgate|Linton Cross|Eastwick|Dunmere|Halvorsen|"
          "Greyhaven|Brookmoor|Saltmarsh|Cinderford").split("|")
ROLES = ["chief executive", "spokesperson", "finance director", "chair", "mayor",
         "councillor", "union leader", "professor of economics", "head of policy",
         "chief medical officer", "general secretary", "founder"]
TOPICS = [
    ("the bridge toll", "the toll", ["would pay for long-overdue repairs", "punishes commuters who have no other route",
                                     "should be scrapped before the election", "is the fairest way to fund the crossing"]),
    ("the new housing plan", "the plan", ["will finally bring rents down", "ignores the families already on the waiting list",
                                          "was drawn up without asking residents", "must go further on social housing"]),
    ("the hospital merger", "the merger", ["puts patients at risk", "will cut waiting times within two years",
                                           "is being rushed through", "saves money that can go to front-line staff"]),
    ("the wind farm", "the project", ["will create hundreds of local jobs", "would spoil the coastline for ever",
                                      "is a vital step toward cleaner power", "has not been properly assessed"]),
    ("the tram extension", "the extension", ["is years behind schedule", "will transform the east of the city",
                                            "costs far more than anyone admitted", "should be paused for a review"]),
    ("the school closures", "the closures", ["are a betrayal of rural families", "reflect falling pupil numbers",
                                            "were decided behind closed doors", "will save the district from bankruptcy"]),
    ("the data centre", "the centre", ["will drain the reservoir in dry summers", "brings investment the town badly needs",
                                      "was approved without a water study", "is exactly the kind of business we want"]),
    ("the port privatisation", "the sale", ["hands a public asset to private investors", "is the only way to modernise the docks",
                                            "threatens hundreds of jobs", "was the right decision"]),
]
SAY = ["said", "says", "added", "argued", "warned", "insisted", "claimed", "noted", "told reporters"]
OPEN = ["Officials", "Critics", "Supporters", "Opponents", "Analysts", "Residents"]


def zipf(rng, n, s=1.1):
    # inverse-CDF approximation of a Zipf-like rank in [0, n)
    u = rng.random()
    return min(n - 1, int(n ** (u ** s)) - 1 if n > 1 else 0)


class World:
    def __init__(self, n_articles, rng):
        self.rng = rng
        n_people = 400 + n_articles // 2
        n_orgs = 100 + n_articles // 20
        self.people = []
        seen = set()
        while len(self.people) < n_people:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if len(seen) > len(FIRST) * len(LAST) * 0.8:
                name = f"{rng.choice(FIRST)} {rng.choice(FIRST)[0]}. {rng.choice(LAST)}"
            if name in seen:
                continue
            seen.add(name)
            self.people.append(name)
        self.orgs = []
        oseen = set()
        while len(self.orgs) < n_orgs:
            name = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}"
            if len(oseen) > len(ORG_A) * len(ORG_B) * 0.8:
                name = f"{rng.choice(PLACES)} {rng.choice(ORG_A)} {rng.choice(ORG_B)}"
            if name in oseen:
                continue
            oseen.add(name)
            self.orgs.append(name + rng.choice(ORG_SUFFIX))
        self.outlets = [f"The {a} {b}" for a in OUTLET_A for b in OUTLET_B]
        rng.shuffle(self.outlets)
        self.affil = {p: (rng.choice(ROLES), self.orgs[zipf(rng, len(self.orgs))]) for p in self.people}

    def person(self):
        return self.people[zipf(self.rng, len(self.people))]


def sentence(rng, topic):
    return rng.choice(topic[2])


def quote_paragraphs(w, rng, topic, outlet):
    out = []
    speakers = [w.person() for _ in range(rng.randint(4, 9))]
    for i, sp in enumerate(speakers):
        role, org = w.affil[sp]
        surname = sp.split()[-1]
        content = f"{topic[1].capitalize()} {sentence(rng, topic)}"
        form = rng.randrange(8)
        if form == 0:
            out.append(f'"{content}," {rng.choice(SAY)} {sp}, {role} of {org}.')
        elif form == 1:
            out.append(f'{sp}, the {role} at {org}, {rng.choice(["said", "argued", "warned"])} that {topic[1]} {sentence(rng, topic)}.')
        elif form == 2:
            out.append(f'According to {org}, {topic[1]} {sentence(rng, topic)}.')
        elif form == 3:
            out.append(f'{sp} told {outlet} that {topic[1]} {sentence(rng, topic)}. "We will keep making that case," {rng.choice(["she", "he"])} added.')
        elif form == 4:
            out.append(f'"{content}," said {sp}. "Nobody who has looked at the figures can say otherwise."')
        elif form == 5:
            out.append(f'Speaking at a meeting in {rng.choice(PLACES)}, {sp} said {topic[1]} {sentence(rng, topic)}.')
        elif form == 6:
            out.append(f'{rng.choice(OPEN)} say {topic[1]} {sentence(rng, topic)}, but {surname} rejected that view.')
        else:
            grp = rng.choice(GROUPS)
            out.append(f'The {grp} in {rng.choice(PLACES)} said in a statement that {topic[1]} {sentence(rng, topic)}. {sp}, its {rng.choice(ROLES)}, criticised {w.person()} for ignoring them.')
        if rng.random() < 0.6:
            out.append(f'{rng.choice(OPEN)} expect a decision on {topic[0]} by {rng.choice(["spring", "the summer", "the end of the year"])}. '
                       f'The council has held {rng.randint(2, 9)} public meetings so far.')
    return out


def article(w, rng, k):
    topic = TOPICS[zipf(rng, len(TOPICS), 0.8)]
    outlet = w.outlets[zipf(rng, len(w.outlets))]
    place = rng.choice(PLACES)
    year = rng.choice([2023, 2024, 2025])
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = f"{place} divided over {topic[0]}"
    paras = [f"{place} is arguing again about {topic[0]}, {rng.randint(2, 14)} months after it was first proposed."]
    paras += quote_paragraphs(w, rng, topic, outlet)
    paras.insert(1, f"The proposal, first put forward by {w.orgs[zipf(rng, len(w.orgs))]}, has been debated at "
                    f"{rng.randint(3, 20)} council sessions and drawn more than {rng.randint(2, 90) * 100} written responses "
                    f"from residents, businesses and campaign groups across {place} and {rng.choice(PLACES)}.")
    paras.append(f"A final vote on {topic[0]} is expected later this year. The {rng.choice(OUTLET_B).lower()} "
                 f"asked {w.orgs[zipf(rng, len(w.orgs))]} for comment but had not received a reply by the time of publication.")
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {"id": f"bench-{k:06d}", "title": title, "outlet": outlet, "date": date,
            "author": author, "text": "\n\n".join(paras)}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    n, out = int(args[0]), args[1]
    jsonl = "--jsonl" in args
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    start = int(args[args.index("--start") + 1]) if "--start" in args else 0
    world_size = int(args[args.index("--world") + 1]) if "--world" in args else max(n, start + n)
    w = World(world_size, random.Random(seed))
    rng = random.Random(seed * 1000003 + start)
    os.makedirs(out, exist_ok=True)
    words = 0
    f = open(os.path.join(out, "articles.jsonl"), "w") if jsonl else None
    for k in range(start, start + n):
        a = article(w, rng, k)
        words += len(a["text"].split())
        if f:
            f.write(json.dumps(a) + "\n")
        else:
            d = os.path.join(out, f"{k // 1000:03d}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, a["id"] + ".md"), "w") as g:
                g.write(f"---\ntitle: {a['title']}\noutlet: {a['outlet']}\ndate: {a['date']}\nauthor: {a['author']}\n---\n\n{a['text']}\n")
    if f:
        f.close()
    print(f"{n} articles, {words} words -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
