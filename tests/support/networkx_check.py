"""Reads stancegraph's GraphML and GEXF exports with networkx and checks them.

usage: networkx_check.py GRAPHML GEXF NODES EDGES
Prints one line per check and 'networkx X.Y: ok' at the end; exits 1 on a failure.
"""
import sys

import networkx as nx

graphml, gexf, nodes, edges = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
failed = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + (f" ({detail})" if detail and not cond else ""))
    if not cond:
        failed.append(name)


NODE_ATTRS = {"label", "iri", "kind", "quotes", "statements", "degree", "weighted_degree",
              "pagerank", "betweenness", "component", "camp"}
EDGE_ATTRS = {"kind", "weight", "sign", "label", "directed", "targets", "evidence_count",
              "evidence"}

for fmt, path, read in [("graphml", graphml, nx.read_graphml), ("gexf", gexf, nx.read_gexf)]:
    g = read(path)
    check(f"{fmt}: node count", g.number_of_nodes() == nodes, f"{g.number_of_nodes()} != {nodes}")
    check(f"{fmt}: edge count", g.number_of_edges() == edges, f"{g.number_of_edges()} != {edges}")
    check(f"{fmt}: directed", g.is_directed())
    if g.number_of_nodes():
        n, data = next(iter(g.nodes(data=True)))
        keys = set(data)
        if fmt == "gexf":
            keys.add("label")  # networkx keeps GEXF labels as the 'label' attribute or the id
        missing = NODE_ATTRS - keys
        check(f"{fmt}: node attributes", not missing, f"missing {sorted(missing)}")
        camps = {d.get("camp") for _, d in g.nodes(data=True)}
        check(f"{fmt}: camps numbered from 1 (0 = none)",
              all(isinstance(c, int) and c >= 0 for c in camps), f"{camps}")
    if g.number_of_edges():
        # networkx 2.8 drops empty GraphML values: check the attributes over all edges.
        seen = set()
        for _, _, d in g.edges(data=True):
            seen |= set(d)
        missing = EDGE_ATTRS - seen
        check(f"{fmt}: edge attributes", not missing, f"missing {sorted(missing)}")
        ev = [d for _, _, d in g.edges(data=True) if d.get("evidence_count", 0) > 0]
        check(f"{fmt}: edge evidence text", all(d.get("evidence") for d in ev))

print(f"networkx {nx.__version__}: {'FAILED ' + ', '.join(failed) if failed else 'ok'}")
sys.exit(1 if failed else 0)
