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
    assert!(out.contains("checked: 15"), "not every check ran:\n{out}");
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

fn get_with(server: &Server, path_and_query: &str, headers: &[(&str, &str)]) -> Resp {
    let mut req = agent().get(&format!("{}{path_and_query}", server.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    finish(req.call())
}

fn header_of(r: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[test]
fn service_description_graph_store_reads_and_quad_formats() {
    let (_dir, server) = fixture_server(&[]);
    // GET /sparql without a query: the SPARQL 1.1 Service Description.
    let r = get_with(&server, "/sparql", &[("Accept", "text/turtle")]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type.starts_with("text/turtle"));
    assert!(r.body.contains("sd:Service"), "{}", r.body);
    assert!(
        r.body.contains(&format!("<{}>", server.endpoint())),
        "{}",
        r.body
    );
    assert!(r.body.contains("sd:UnionDefaultGraph"), "{}", r.body);
    assert!(!r.body.contains("SPARQL11Update"), "{}", r.body);
    // A browser gets the query page instead.
    let r = get_with(&server, "/sparql", &[("Accept", "text/html,*/*;q=0.8")]);
    assert!(r.content_type.starts_with("text/html"));
    assert!(r.body.contains("/assets/yasgui.min.js"));

    // Graph Store Protocol reads.
    let r = get_with(
        &server,
        "/store?default",
        &[("Accept", "application/n-triples")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let lines: Vec<&str> = r.body.lines().collect();
    let unique: std::collections::HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), unique.len(), "the default graph is a set");
    assert!(r.body.contains("Tom\u{e1}s \u{c5}berg"));
    let dam = "https://w3id.org/stancegraph/id/graph/river-dam";
    let g = form_urlencoded::byte_serialize(dam.as_bytes()).collect::<String>();
    let r = get_with(
        &server,
        &format!("/store?graph={g}"),
        &[("Accept", "text/turtle")],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("schema:Quotation") || r.body.contains("Quotation"));
    let r = get_with(&server, "/store?graph=http%3A%2F%2Fnone%2Fg", &[]);
    assert_eq!(r.status, 404, "{}", r.body);
    let r = get_with(&server, "/store", &[("Accept", "application/n-quads")]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body.lines().count(), 250, "every quad of the fixture");
    assert!(r.body.contains(&format!("<{dam}> .")));
    let put = finish(
        agent()
            .put(&format!("{}/store?default", server.base))
            .send("x"),
    );
    assert_eq!(put.status, 405);

    // CONSTRUCT as N-Quads and TriG.
    let construct = format!(
        "{PREFIXES} CONSTRUCT {{ ?a schema:name ?n }} WHERE {{ ?a a sg:Actor ; schema:name ?n }}"
    );
    let r = get(&server, &construct, "application/n-quads");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.content_type, "application/n-quads");
    assert_eq!(r.body.lines().count(), 7, "{}", r.body);
    let r = get(&server, &construct, "application/trig");
    assert_eq!(r.content_type, "application/trig");
    assert!(r.body.contains("schema:name"), "{}", r.body);

    // The canned queries, for the page and for clients.
    let r = get_with(&server, "/queries", &[]);
    let list: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(stancegraph::query::CANNED.len())
    );
    let r = get_with(&server, "/queries/who-argues-wat", &[]);
    assert_eq!(r.status, 404);
    assert!(r.body.contains("who-argues-what"), "{}", r.body);
    let js = get_with(&server, "/assets/yasgui.min.js", &[]);
    assert_eq!(js.status, 200);
    assert!(js.body.len() > 500_000);
}

#[test]
fn predeclared_prefixes_deep_queries_and_service_are_handled() {
    let (_dir, server) = fixture_server(&[]);
    // The CLI's prefixes are predeclared: no PREFIX lines needed.
    let r = get(
        &server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Stance ; sg:polarity sg:Against }",
        "text/csv",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // Deep nesting is a 400, not a crash.
    let braces = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
    let r = post(&server, "application/sparql-query", &braces);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("nested too deeply"), "{}", r.body);
    let parens = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let r = post(&server, "application/sparql-query", &parens);
    assert_eq!(r.status, 400, "{}", r.body);
    assert_alive(&server);
    // SERVICE is off by default.
    let svc = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let r = get(&server, svc, "application/sparql-results+json");
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("SERVICE") && r.body.contains("disabled"),
        "{}",
        r.body
    );
    // Without CORS configured, OPTIONS is answered but grants no origin.
    let r = agent()
        .options(&server.endpoint())
        .header("Origin", "http://elsewhere.test")
        .header("Access-Control-Request-Method", "POST")
        .call()
        .expect("OPTIONS");
    assert!(r.status().as_u16() < 300, "{}", r.status());
    assert_eq!(header_of(&r, "access-control-allow-origin"), None);
}

#[test]
fn cors_grants_only_the_configured_origins() {
    let (_dir, server) = fixture_server(&["--cors-origin", "http://localhost:3000"]);
    let r = agent()
        .options(&server.endpoint())
        .header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .call()
        .expect("preflight");
    assert!(r.status().as_u16() < 300);
    assert_eq!(
        header_of(&r, "access-control-allow-origin").as_deref(),
        Some("http://localhost:3000")
    );
    let r = agent()
        .get(&server.endpoint())
        .query("query", "ASK {}")
        .header("Origin", "http://localhost:3000")
        .call()
        .expect("GET");
    assert_eq!(
        header_of(&r, "access-control-allow-origin").as_deref(),
        Some("http://localhost:3000")
    );
    let r = agent()
        .get(&server.endpoint())
        .query("query", "ASK {}")
        .header("Origin", "http://evil.test")
        .call()
        .expect("GET");
    assert_eq!(header_of(&r, "access-control-allow-origin"), None);
}

#[test]
fn runaway_queries_are_stopped_by_time_and_memory_and_others_go_on() {
    let (_dir, server) = fixture_server(&[
        "--timeout-secs",
        "1",
        "--max-concurrent-queries",
        "4",
        "--max-query-memory-mb",
        "300",
    ]);
    // A cross product without index lookups in its inner loop: only killing the
    // worker stops it. Two at once, and a normal query alongside.
    let cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let endpoint = server.endpoint();
    let hostile: Vec<_> = (0..2)
        .map(|_| {
            let e = endpoint.clone();
            std::thread::spawn(move || {
                let t = std::time::Instant::now();
                let r = finish(agent().get(&e).query("query", cross).call());
                (r.status, t.elapsed())
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let t = std::time::Instant::now();
    assert_alive(&server);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "normal query waited {:?}",
        t.elapsed()
    );
    for h in hostile {
        let (status, took) = h.join().unwrap();
        assert_eq!(status, 503);
        assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    }
    // Memory: a sort of a large cross product outgrows 300 MiB long before any time limit.
    let (_dir2, server2) =
        fixture_server(&["--timeout-secs", "60", "--max-query-memory-mb", "300"]);
    let t = std::time::Instant::now();
    let r = get(
        &server2,
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
        "application/sparql-results+json",
    );
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("memory limit"), "{}", r.body);
    assert!(t.elapsed() < Duration::from_secs(50));
    assert_alive(&server2);
}

#[test]
fn access_log_records_requests_and_slow_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build_fixture_store(&store);
    let log = dir.path().join("access.log");
    let server = Server::start(
        &store,
        &[
            "--access-log",
            log.to_str().unwrap(),
            "--slow-query-ms",
            "0",
        ],
    );
    assert_alive(&server);
    let _ = get(&server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/csv");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains(" GET /sparql 200 "), "{text}");
    assert!(text.contains("SLOW"), "{text}");
    assert!(
        text.contains("SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
        "{text}"
    );
}

#[test]
fn a_served_store_refuses_writers_with_a_clear_message() {
    let (dir, server) = fixture_server(&[]);
    assert_alive(&server);
    let err = stancegraph::store::Store::open(&dir.path().join("store"))
        .err()
        .expect("opening a served store for writing must fail");
    let msg = err.to_string();
    assert!(msg.contains("served by `stancegraph serve`"), "{msg}");
    assert_alive(&server);
}

#[test]
fn service_goes_only_to_named_hosts() {
    let (_dir, a) = fixture_server(&[]);
    let host = a.base.trim_start_matches("http://").to_string();
    let (_dir2, b) = fixture_server(&["--allow-service", &host]);
    let q = format!(
        "{PREFIXES} SELECT ?n WHERE {{ SERVICE <{}> {{ ?a a sg:Actor ; schema:name ?n }} }}",
        a.endpoint()
    );
    let r = get(&b, &q, "text/csv");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Marisol Ortega"), "{}", r.body);
    // `public` alone never reaches loopback.
    let (_dir3, c) = fixture_server(&["--allow-service", "public"]);
    let r = get(&c, &q, "text/csv");
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("loopback"), "{}", r.body);
}

/// Runs headless Chromium on `url` and returns the DOM after scripts ran (and writes
/// a screenshot), or `None` with a SKIP message when Chromium is not installed.
fn chromium_dom(url: &str, shot: &std::path::Path) -> Option<String> {
    let chrome = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(chrome) = chrome else {
        eprintln!("SKIP: chromium not installed (apt-get install chromium)");
        return None;
    };
    let run = |extra: &[&str]| {
        let profile = tempfile::tempdir().unwrap();
        std::process::Command::new(chrome)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--virtual-time-budget=15000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(url)
            .output()
            .expect("run chromium")
    };
    let shot_arg = format!("--screenshot={}", shot.display());
    let _ = run(&[&shot_arg]);
    let out = run(&["--dump-dom"]);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_query_page_runs_a_canned_query_in_a_browser() {
    let (dir, server) = fixture_server(&[]);
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("query-page.png");
    let Some(dom) = chromium_dom(&format!("{}/?canned=stance-by-target", server.base), &shot)
    else {
        return;
    };
    drop(dir);
    assert!(
        dom.contains("data-state=\"done\""),
        "the query did not finish:\n{}",
        &dom[..dom.len().min(3000)]
    );
    assert!(dom.contains("dataTable"), "no results table");
    assert!(dom.contains("<td"), "the table has no cells");
    assert!(
        dom.contains("Marisol Ortega") || dom.contains("Tom\u{e1}s \u{c5}berg"),
        "no result values in the table"
    );
    assert!(
        dom.contains("data-canned=\"who-argues-what\""),
        "canned query buttons missing"
    );
    assert!(shot.exists(), "no screenshot");
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn a_page_on_another_origin_queries_through_cors() {
    // Server `page` serves the page; server `data` answers the queries.
    let (_d1, page) = fixture_server(&[]);
    let origin = page.base.clone();
    let (_d2, data) = fixture_server(&["--cors-origin", &origin]);
    let (_d3, closed) = fixture_server(&[]);
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross-origin.png");
    let url = |ep: &str| {
        format!(
            "{}/?canned=most-quoted&endpoint={}",
            page.base,
            form_urlencoded::byte_serialize(ep.as_bytes()).collect::<String>()
        )
    };
    let Some(dom) = chromium_dom(&url(&data.endpoint()), &shot) else {
        return;
    };
    assert!(
        dom.contains("data-state=\"done\""),
        "cross-origin query failed"
    );
    assert!(dom.contains("<td"), "no table cells");
    let dom = chromium_dom(&url(&closed.endpoint()), &shot).unwrap_or_default();
    assert!(
        !dom.contains("data-state=\"done\""),
        "a server without CORS must not be readable"
    );
}
