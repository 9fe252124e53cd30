//! `stancegraph serve` end to end: the real binary on a loopback port over a store built
//! from tests/data/serve/fixture.trig, driven over HTTP (ureq) and by real SPARQL
//! clients (Python SPARQLWrapper and rdflib, skipped with a message when missing).

mod support;

use std::time::Duration;
use support::{build_fixture_store, python_with, run_python, Server};

const PREFIXES: &str = "PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
BASE <https://w3id.org/stancegraph/id/>
";

/// A query that does millions of index lookups on the fixture (runs for minutes uncancelled).
const SLOW: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER EXISTS { ?a ?x ?i } }";

struct Resp {
    status: u16,
    content_type: String,
    body: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn finish(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Resp {
    let mut r = r.expect("HTTP request");
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    Resp {
        status: r.status().as_u16(),
        content_type,
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn get(server: &Server, query: &str, accept: &str) -> Resp {
    finish(
        agent()
            .get(&server.endpoint())
            .query("query", query)
            .header("Accept", accept)
            .call(),
    )
}

fn post(server: &Server, content_type: &str, body: &str) -> Resp {
    finish(
        agent()
            .post(&server.endpoint())
            .header("Content-Type", content_type)
            .header("Accept", "application/sparql-results+json")
            .send(body),
    )
}

fn form(key: &str, value: &str) -> String {
    format!(
        "{key}={}",
        form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
    )
}

/// The endpoint still answers a trivial ASK correctly.
fn assert_alive(server: &Server) {
    let r = get(
        server,
        &format!("{PREFIXES} ASK {{ <actor/tomas-aberg> schema:name \"Tomás Åberg\" }}"),
        "application/sparql-results+json",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("true"), "{}", r.body);
}

fn stance_query() -> String {
    format!(
        "{PREFIXES} SELECT ?name ?polarity ?target WHERE {{ ?s a sg:Stance ; sg:holder/schema:name ?name ;
         sg:polarity ?polarity ; sg:target/skos:prefLabel ?target }} ORDER BY ?name ?target"
    )
}

fn fixture_server(extra: &[&str]) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    assert_eq!(build_fixture_store(&store), 250);
    let server = Server::start(&store, extra);
    (dir, server)
}

#[test]
fn select_results_are_negotiated_across_formats() {
    let (_dir, server) = fixture_server(&[]);
    let q = stance_query();

    let r = get(&server, &q, "application/sparql-results+json");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.content_type, "application/sparql-results+json");
    let json: serde_json::Value = serde_json::from_str(&r.body).expect("JSON results");
    let rows: Vec<(String, String)> = json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            (
                b["name"]["value"].as_str().unwrap_or("").to_string(),
                b["polarity"]["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // Five stances across both article graphs. The default graph is their *set* union:
    // Marisol Ortega's name is stored in both graphs but joins once per stance.
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.contains(&(
        "Tomás Åberg".into(),
        "https://w3id.org/stancegraph/ns#Against".into()
    )));
    assert!(rows.contains(&(
        "Björn Halvorsen".into(),
        "https://w3id.org/stancegraph/ns#Against".into()
    )));
    assert_eq!(
        rows.iter().filter(|(n, _)| n == "Marisol Ortega").count(),
        2
    );

    let r = get(&server, &q, "application/sparql-results+xml");
    assert_eq!(r.content_type, "application/sparql-results+xml");
    assert_eq!(r.body.matches("<result>").count(), 5, "{}", r.body);

    // q-values: TSV preferred over CSV.
    let r = get(
        &server,
        &q,
        "text/csv;q=0.4, text/tab-separated-values;q=0.9",
    );
    assert!(r.content_type.starts_with("text/tab-separated-values"));
    assert!(
        r.body.starts_with("?name\t?polarity\t?target\n"),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains("\"Tomás Åberg\"\t<https://w3id.org/stancegraph/ns#Against>"));

    let r = get(&server, &q, "text/csv");
    assert!(r.content_type.starts_with("text/csv"));
    assert_eq!(r.body.lines().count(), 6, "{}", r.body);
    assert!(r
        .body
        .contains("Björn Halvorsen,https://w3id.org/stancegraph/ns#Against,the Varn river dam"));

    // Nothing acceptable: 406 naming what is offered.
    let r = get(&server, &q, "image/png");
    assert_eq!(r.status, 406);
    assert!(
        r.body.contains("application/sparql-results+json"),
        "{}",
        r.body
    );

    // ASK, and a CONSTRUCT in three syntaxes.
    let r = get(
        &server,
        &format!("{PREFIXES} ASK {{ ?q schema:spokenByCharacter <actor/tomas-aberg> ; sg:quoteKind sg:Direct }}"),
        "application/sparql-results+json",
    );
    assert!(r.body.contains("false"), "{}", r.body);
    let construct = format!(
        "{PREFIXES} CONSTRUCT {{ ?a schema:name ?n }} WHERE {{ ?a a sg:Actor ; schema:name ?n }}"
    );
    let r = get(&server, &construct, "application/n-triples");
    assert_eq!(r.content_type, "application/n-triples");
    // Seven distinct actors; the one present in both articles is not duplicated.
    assert_eq!(
        r.body.lines().filter(|l| !l.trim().is_empty()).count(),
        7,
        "{}",
        r.body
    );
    let r = get(&server, &construct, "text/turtle");
    assert!(r.content_type.starts_with("text/turtle"));
    assert!(r.body.contains("\"Björn Halvorsen\""), "{}", r.body);
    let r = get(&server, &construct, "application/ld+json");
    assert_eq!(r.content_type, "application/ld+json");
    let ld: serde_json::Value = serde_json::from_str(&r.body).expect("JSON-LD");
    assert!(r.body.contains("Marisol Ortega"), "{ld}");
    let r = get(&server, &construct, "text/csv");
    assert_eq!(r.status, 406);
}

#[test]
fn errors_and_limits_leave_the_server_serving() {
    let (_dir, server) = fixture_server(&[
        "--timeout-secs",
        "0.5",
        "--max-body-bytes",
        "4096",
        "--max-results",
        "100",
    ]);

    let r = get(
        &server,
        "SELECT ?x WHERE { ?x ?y }",
        "application/sparql-results+json",
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("SPARQL syntax error"), "{}", r.body);
    assert!(
        r.body.len() > "SPARQL syntax error: \n".len(),
        "no parser message: {}",
        r.body
    );
    assert_alive(&server);

    let update = format!("{PREFIXES} INSERT DATA {{ GRAPH <graph/x> {{ <a> <b> \"c\" }} }}");
    let r = post(
        &server,
        "application/x-www-form-urlencoded",
        &form("update", &update),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("read-only"), "{}", r.body);
    let r = post(&server, "application/sparql-update", &update);
    assert_eq!(r.status, 403);
    assert_alive(&server);

    let big = format!("{} ASK {{}}", "#".repeat(5000));
    let r = post(&server, "application/sparql-query", &big);
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.body.contains("4096"), "{}", r.body);
    let r = get(&server, &big, "application/sparql-results+json");
    assert_eq!(r.status, 413);
    assert_alive(&server);

    let r = get(&server, SLOW, "application/sparql-results+json");
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("time limit"), "{}", r.body);
    assert_alive(&server);

    // 250 quads > 100: refused with a message, not truncated.
    let r = get(
        &server,
        "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
        "text/csv",
    );
    assert_eq!(r.status, 500);
    assert!(r.body.contains("result too large"), "{}", r.body);
    assert_alive(&server);

    let r = post(&server, "text/plain", "ASK {}");
    assert_eq!(r.status, 415);
    let r = post(
        &server,
        "application/sparql-query",
        &format!("{PREFIXES} ASK {{ ?s sg:polarity sg:Neutral }}"),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.contains("true"));

    let index = finish(agent().get(&server.base).call());
    assert_eq!(index.status, 200);
    assert!(index.content_type.starts_with("text/html"));
    assert!(index.body.contains("SPARQL"));
    assert!(index.body.contains("read-only"));
}

#[test]
fn dataset_parameters_override_the_union_default() {
    let (_dir, server) = fixture_server(&[]);
    let count_actors = format!("{PREFIXES} SELECT (COUNT(*) AS ?n) WHERE {{ ?a a sg:Actor }}");
    let count = |extra: &[(&str, &str)], query: &str| -> String {
        let mut req = agent()
            .get(&server.endpoint())
            .query("query", query)
            .header("Accept", "text/csv");
        for (k, v) in extra {
            req = req.query(*k, *v);
        }
        let r = finish(req.call());
        assert_eq!(r.status, 200, "{}", r.body);
        r.body.lines().nth(1).unwrap_or("").trim().to_string()
    };
    assert_eq!(count(&[], &count_actors), "7");
    let dam = "https://w3id.org/stancegraph/id/graph/river-dam";
    assert_eq!(count(&[("default-graph-uri", dam)], &count_actors), "3");
    // FROM in the query is honoured when the request names no dataset.
    let from = count_actors.replace("WHERE", &format!("FROM <{dam}> WHERE"));
    assert_eq!(count(&[], &from), "3");
    // named-graph-uri restricts GRAPH ?g.
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    assert_eq!(count(&[], graphs), "3");
    assert_eq!(count(&[("named-graph-uri", dam)], graphs), "1");
    let r = get(&server, graphs, "text/csv");
    assert_eq!(r.status, 200);
    let bad = finish(
        agent()
            .get(&server.endpoint())
            .query("query", graphs)
            .query("default-graph-uri", "not an iri")
            .call(),
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn updates_are_applied_with_allow_update() {
    let (_dir, server) = fixture_server(&["--allow-update"]);
    let insert = format!(
        "{PREFIXES} INSERT DATA {{ GRAPH <graph/extra> {{ <actor/nestor-quiroga> a sg:Actor ; schema:name \"Néstor Quiroga\" }} }}"
    );
    let r = post(&server, "application/sparql-update", &insert);
    assert_eq!(r.status, 204, "{}", r.body);
    let ask = format!("{PREFIXES} ASK {{ <actor/nestor-quiroga> schema:name \"Néstor Quiroga\" }}");
    assert!(get(&server, &ask, "application/sparql-results+json")
        .body
        .contains("true"));
    let delete = format!("{PREFIXES} DELETE WHERE {{ GRAPH <graph/extra> {{ ?s ?p ?o }} }}");
    let r = post(
        &server,
        "application/x-www-form-urlencoded",
        &form("update", &delete),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    assert!(get(&server, &ask, "application/sparql-results+json")
        .body
        .contains("false"));
    let r = post(&server, "application/sparql-update", "INSERT DATA { oops }");
    assert_eq!(r.status, 400);
    assert_alive(&server);
}

#[test]
fn python_sparql_clients_read_only_endpoint() {
    let Some(python) = python_with(&["SPARQLWrapper", "rdflib"]) else {
        return;
    };
    let (_dir, server) = fixture_server(&["--timeout-secs", "0.5", "--max-body-bytes", "4096"]);
    let (ok, out) = run_python(&python, "sparql_client.py", &[&server.endpoint(), "read"]);
    println!("{out}");
    assert!(ok, "python client checks failed:\n{out}");
    assert!(out.contains("checked: 13"), "not every check ran:\n{out}");
}

#[test]
fn python_sparql_clients_update_endpoint() {
    let Some(python) = python_with(&["SPARQLWrapper", "rdflib"]) else {
        return;
    };
    let (_dir, server) = fixture_server(&["--allow-update"]);
    let (ok, out) = run_python(&python, "sparql_client.py", &[&server.endpoint(), "update"]);
    println!("{out}");
    assert!(ok, "python client checks failed:\n{out}");
    assert!(out.contains("checked: 4"), "not every check ran:\n{out}");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let (_dir, mut server) = fixture_server(&[]);
    assert_alive(&server);
    let status = server
        .interrupt(Duration::from_secs(15))
        .expect("server still running 15 s after SIGINT");
    assert!(status.success(), "exit status {status:?}");
}
