#!/usr/bin/env python3
"""Drives a stancegraph SPARQL endpoint with real clients (SPARQLWrapper, rdflib).

usage: sparql_client.py ENDPOINT read|update

Expects the store built from tests/data/serve/fixture.trig. Prints one "ok:" line per
check and "checked: N" at the end; exits 1 on the first failure.
"""
import csv
import io
import sys
import urllib.error
import urllib.parse

import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

PREFIXES = """PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
BASE <https://w3id.org/stancegraph/id/>
"""
SG = "https://w3id.org/stancegraph/ns#"
ID = "https://w3id.org/stancegraph/id/"
SCHEMA = "http://schema.org/"

# No DISTINCT: the default graph is the set union of the article graphs, so an actor
# described in both articles still matches once.
STANCES = PREFIXES + """SELECT ?name ?polarity ?target WHERE {
  ?s a sg:Stance ; sg:holder/schema:name ?name ; sg:polarity ?polarity ;
     sg:target/skos:prefLabel ?target } ORDER BY ?name ?target"""
EXPECTED_STANCES = {
    ("Björn Halvorsen", SG + "Against", "the Varn river dam"),
    ("Greenwater Trust", SG + "Neutral", "the Varn river dam"),
    ("Marisol Ortega", SG + "Favour", "the Varn river dam"),
    ("Marisol Ortega", SG + "Favour", "the harbour levy"),
    ("Tomás Åberg", SG + "Against", "the harbour levy"),
}
ACTOR_NAMES = PREFIXES + """CONSTRUCT { ?a schema:name ?n ; sg:actorKind ?k }
WHERE { ?a a sg:Actor ; schema:name ?n ; sg:actorKind ?k }"""
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
        "FILTER EXISTS { ?a ?x ?i } }")

checks = 0


def ok(what):
    global checks
    checks += 1
    print(f"ok: {what}", flush=True)


def fail(what):
    print(f"FAIL: {what}", flush=True)
    sys.exit(1)


def expect(cond, what):
    if not cond:
        fail(what)


def client(endpoint, fmt=None, method=None):
    s = SPARQLWrapper(endpoint)
    s.setOnlyConneg(True)
    if fmt is not None:
        s.setReturnFormat(fmt)
    if method is not None:
        s.setMethod(method)
    return s


def run(endpoint, query, fmt, method=None, accept=None):
    s = client(endpoint, fmt, method)
    if accept:
        s.addCustomHttpHeader("Accept", accept)
    s.setQuery(query)
    return s.query()


def http_error_code(endpoint, query, method=None, update=False):
    s = client(endpoint, JSON, method)
    s.setQuery(query)
    try:
        s.query()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except QueryBadFormed as e:
        return 400, str(e)
    except Exception as e:  # SPARQLWrapper wraps some codes in its own exceptions
        return getattr(e, "code", None), str(e)
    return 200, ""


def assert_alive(endpoint):
    res = run(endpoint, PREFIXES + 'ASK { <actor/tomas-aberg> schema:name "Tomás Åberg" }',
              JSON).convert()
    expect(res.get("boolean") is True, f"endpoint no longer answers: {res}")


def read_checks(endpoint):
    # SELECT in the four results formats, all giving the same five stances.
    res = run(endpoint, STANCES, JSON).convert()
    rows = {(b["name"]["value"], b["polarity"]["value"], b["target"]["value"])
            for b in res["results"]["bindings"]}
    expect(rows == EXPECTED_STANCES, f"JSON stances: {rows}")
    ok("SELECT application/sparql-results+json via SPARQLWrapper")

    doc = run(endpoint, STANCES, XML).convert()  # xml.dom.minidom document
    rows = set()
    for r in doc.getElementsByTagName("result"):
        vals = {}
        for b in r.getElementsByTagName("binding"):
            node = [c for c in b.childNodes if c.nodeType == c.ELEMENT_NODE][0]
            vals[b.getAttribute("name")] = "".join(t.data for t in node.childNodes)
        rows.add((vals["name"], vals["polarity"], vals["target"]))
    expect(rows == EXPECTED_STANCES, f"XML stances: {rows}")
    ok("SELECT application/sparql-results+xml via SPARQLWrapper")

    data = run(endpoint, STANCES, CSV).convert()
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    rows = {tuple(r) for r in list(csv.reader(io.StringIO(text)))[1:]}
    expect(rows == EXPECTED_STANCES, f"CSV stances: {rows}")
    ok("SELECT text/csv via SPARQLWrapper")

    data = run(endpoint, STANCES, TSV).convert()
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    lines = text.strip("\n").split("\n")
    expect(lines[0] == "?name\t?polarity\t?target", f"TSV header: {lines[0]!r}")
    rows = set()
    for line in lines[1:]:
        name, pol, target = line.split("\t")
        rows.add((name.strip('"'), pol.strip("<>"), target.strip('"')))
    expect(rows == EXPECTED_STANCES, f"TSV stances: {rows}")
    ok("SELECT text/tab-separated-values via SPARQLWrapper")

    # ASK (true and false).
    yes = run(endpoint, PREFIXES + "ASK { ?q schema:spokenByCharacter <actor/tomas-aberg> ; "
              "sg:quoteKind sg:Indirect }", JSON).convert()
    no = run(endpoint, PREFIXES + "ASK { ?q schema:spokenByCharacter <actor/tomas-aberg> ; "
             "sg:quoteKind sg:Direct }", XML).convert()
    no_val = no.getElementsByTagName("boolean")[0].firstChild.data
    expect(yes["boolean"] is True and no_val == "false", f"ASK: {yes} / {no_val}")
    ok("ASK in JSON and XML")

    # CONSTRUCT in Turtle, N-Triples and JSON-LD, parsed by rdflib: the same graph.
    turtle = run(endpoint, ACTOR_NAMES, TURTLE).convert()
    g_ttl = rdflib.Graph().parse(data=turtle, format="turtle")
    expect(len(g_ttl) == 14, f"Turtle CONSTRUCT has {len(g_ttl)} triples, expected 14")
    expect((rdflib.URIRef(ID + "actor/tomas-aberg"), rdflib.URIRef(SCHEMA + "name"),
            rdflib.Literal("Tomás Åberg")) in g_ttl, "Tomás Åberg missing from Turtle")
    ok("CONSTRUCT text/turtle parsed by rdflib")

    nt = run(endpoint, ACTOR_NAMES, N3, accept="application/n-triples").convert()
    g_nt = rdflib.Graph().parse(data=nt, format="nt")
    expect(rdflib.compare.isomorphic(g_ttl, g_nt), "N-Triples graph differs from Turtle")
    ok("CONSTRUCT application/n-triples parsed by rdflib")

    # SPARQLWrapper 1.8 refuses returnFormat=JSONLD unless the old rdflib-jsonld package is
    # installed, so ask for JSON-LD by Accept header and parse it with rdflib's own parser.
    ld = run(endpoint, ACTOR_NAMES, N3, accept="application/ld+json").response.read()
    g_ld = rdflib.Graph().parse(data=ld, format="json-ld")
    expect(rdflib.compare.isomorphic(g_ttl, g_ld), f"JSON-LD graph differs: {len(g_ld)} triples")
    ok("CONSTRUCT application/ld+json parsed by rdflib")

    # Dataset: default-graph-uri restricts to one article.
    s = client(endpoint, JSON)
    s.addDefaultGraph(ID + "graph/river-dam")
    s.setQuery(PREFIXES + "SELECT ?name WHERE { ?a a sg:Actor ; schema:name ?name }")
    names = [b["name"]["value"] for b in s.query().convert()["results"]["bindings"]]
    expect(len(names) == 3 and set(names) == {"Björn Halvorsen", "Greenwater Trust", "Marisol Ortega"}, f"dataset: {names}")
    ok("default-graph-uri honoured")

    # rdflib's own SPARQL store client (JSON results), POST form.
    store = SPARQLStore(endpoint, returnFormat="json", method="POST_FORM")
    res = store.query(PREFIXES + "SELECT ?text WHERE { ?q a schema:Quotation ; schema:text ?text ; "
                      "schema:spokenByCharacter/schema:name 'Marisol Ortega' }")
    texts = sorted(str(r[0]) for r in res)
    expect(len(texts) == 2 and texts[1].startswith("the dam would protect"), f"rdflib: {texts}")
    ok("rdflib SPARQLStore SELECT (POST form, JSON)")

    # Errors: malformed -> 400 with the parser message; update -> 403; too big -> 413;
    # too slow -> 503; the endpoint keeps answering after each.
    code, msg = http_error_code(endpoint, "SELECT ?x WHERE { ?x ?y }")
    expect(code == 400 and "syntax" in msg.lower(), f"malformed: {code} {msg}")
    assert_alive(endpoint)
    ok("malformed query -> 400 with parser message")

    s = client(endpoint, JSON, POST)
    s.setQuery(PREFIXES + 'INSERT DATA { GRAPH <graph/x> { <a> <b> "c" } }')
    try:
        s.query()
        fail("update accepted by a read-only endpoint")
    except urllib.error.HTTPError as e:
        expect(e.code == 403, f"update on read-only gave {e.code}")
    assert_alive(endpoint)
    ok("update on read-only -> 403")

    code, msg = http_error_code(endpoint, "#" * 5000 + "\nASK {}", method=POST)
    expect(code == 413, f"oversized body gave {code} {msg}")
    code, msg = http_error_code(endpoint, SLOW)
    expect(code == 503, f"slow query gave {code} {msg}")
    assert_alive(endpoint)
    ok("413 on oversized body, 503 on timeout, still serving")

    # Graph Store Protocol reads with rdflib, checked against SPARQL answers.
    base = endpoint.rsplit("/sparql", 1)[0]
    g = rdflib.Graph().parse(base + "/store?default", format="turtle")
    s = client(endpoint, CSV)
    s.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    n = int(s.query().convert().decode().splitlines()[1])
    expect(len(g) == n, f"GSP default graph has {len(g)} triples, SPARQL counts {n}")
    ok("rdflib reads /store?default (as many triples as SPARQL counts)")
    ds = rdflib.Dataset()
    ds.parse(base + "/store", format="nquads")
    graphs = {c.identifier for c in ds.contexts() if len(c) > 0}
    dam = rdflib.URIRef("https://w3id.org/stancegraph/id/graph/river-dam")
    expect(dam in graphs, f"no river-dam graph among {sorted(graphs)[:5]}")
    one = rdflib.Graph().parse(base + "/store?graph=" + urllib.parse.quote(str(dam), safe=""), format="turtle")
    expect(len(one) == len(ds.graph(dam)), "GSP ?graph= and the dataset dump disagree")
    ok("rdflib reads /store (N-Quads) and /store?graph=IRI")


def update_checks(endpoint):
    s = client(endpoint, JSON, POST)
    s.setQuery(PREFIXES + 'INSERT DATA { GRAPH <graph/extra> { <actor/nestor-quiroga> a sg:Actor ; '
               'schema:name "Néstor Quiroga" ; sg:actorKind "person" } }')
    s.query()
    ok("INSERT DATA via SPARQLWrapper POST")

    res = run(endpoint, PREFIXES + "SELECT ?k WHERE { ?a schema:name 'Néstor Quiroga' ; sg:actorKind ?k }",
              JSON).convert()
    kinds = [b["k"]["value"] for b in res["results"]["bindings"]]
    expect(kinds == ["person"], f"inserted actor not found: {kinds}")
    ok("inserted triples visible in the union default graph")

    s = client(endpoint, JSON, POST)
    s.setQuery(PREFIXES + "DELETE WHERE { GRAPH <graph/extra> { ?s ?p ?o } }")
    s.query()
    res = run(endpoint, PREFIXES + "ASK { ?a schema:name 'Néstor Quiroga' }", JSON).convert()
    expect(res["boolean"] is False, "DELETE WHERE left the triples")
    ok("DELETE WHERE via SPARQLWrapper POST")

    code, msg = http_error_code(endpoint, "INSERT DATA { oops }", method=POST)
    expect(code == 400, f"malformed update gave {code} {msg}")
    assert_alive(endpoint)
    ok("malformed update -> 400")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("read", "update"):
        print(__doc__)
        sys.exit(2)
    endpoint, mode = sys.argv[1], sys.argv[2]
    if mode == "read":
        read_checks(endpoint)
    else:
        update_checks(endpoint)
    print(f"checked: {checks}")


if __name__ == "__main__":
    main()
