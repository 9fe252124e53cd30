//! Load generator for `stancegraph serve` (run through scripts/bench-serve.sh).
//!
//! ```text
//! serve_load load --store DIR --trig FILE [--copies N]   build a store from a TriG file
//! serve_load load --store DIR --nquads FILE --copies N    N renamed copies of an export
//! serve_load run --url URL [--clients 8] [--requests 4000] [--canned] [--hostile 2]
//! ```
//! `--canned` sends the shipped canned queries (`queries/*.rq`, except the pair
//! queries, which belong to the stance work) instead of the built-in mix;
//! `--hostile N` adds N clients that keep sending cross products and 5,000-deep
//! queries while the others run: their answers (503 / 400) are counted apart, and
//! the run fails if any normal request fails.
//! `run` sends a mix of canned-style SELECT/ASK queries from N concurrent clients
//! (keep-alive connections, JSON results), then reports throughput, latency
//! percentiles and the error count (any non-200 answer or transport failure).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PREFIXES: &str = "PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
";

/// (name, query) pairs: the kinds of questions the canned queries and reports ask.
const QUERIES: &[(&str, &str)] = &[
    (
        "stances-by-holder",
        "SELECT ?holder ?polarity (COUNT(*) AS ?n) WHERE { ?s a sg:Stance ; sg:holder ?h ; sg:polarity ?polarity . ?h schema:name ?holder } GROUP BY ?holder ?polarity ORDER BY DESC(?n)",
    ),
    (
        "quotes-by-speaker",
        "SELECT ?speaker ?kind ?text WHERE { ?q a schema:Quotation ; schema:text ?text ; sg:quoteKind ?kind ; schema:spokenByCharacter/schema:name ?speaker } ORDER BY ?speaker LIMIT 100",
    ),
    (
        "actors-by-kind",
        "SELECT ?kind (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a sg:Actor ; sg:actorKind ?kind } GROUP BY ?kind",
    ),
    (
        "memberships",
        "SELECT ?person ?role ?org WHERE { ?m a org:Membership ; org:member/schema:name ?person ; org:organization/schema:name ?org ; sg:roleLabel ?role }",
    ),
    (
        "conflicts",
        "SELECT DISTINCT ?a ?b ?t WHERE { ?s1 sg:holder ?a ; sg:target ?t ; sg:polarity sg:Favour . ?s2 sg:holder ?b ; sg:target ?t ; sg:polarity sg:Against } LIMIT 100",
    ),
    (
        "quotes-per-article",
        "SELECT ?g (COUNT(?q) AS ?n) WHERE { GRAPH ?g { ?q a schema:Quotation } } GROUP BY ?g",
    ),
    (
        "unattributed",
        "SELECT ?q ?text WHERE { ?q a schema:Quotation ; schema:text ?text FILTER NOT EXISTS { ?q schema:spokenByCharacter ?a } } LIMIT 50",
    ),
    ("ask-stance", "ASK { ?s a sg:Stance ; sg:polarity sg:Against }"),
];

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Loads `copies` copies of an N-Quads export (`stancegraph export --format nquads`),
/// renaming every article-scoped IRI per copy (actors and targets stay shared, as
/// they are when the same people appear in many articles) and spreading the
/// publication dates over two years. Synthetic stores are for benchmarks only.
fn load_nquads(store: &std::path::Path, file: &str, copies: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    const G: &str = "<https://w3id.org/stancegraph/id/graph/";
    let mut docs: Vec<String> = text
        .match_indices(G)
        .filter_map(|(i, _)| text[i + G.len()..].split('>').next().map(str::to_string))
        .filter(|d| d != "corpus")
        .collect();
    docs.sort();
    docs.dedup();
    let s = stancegraph::store::Store::open(store).map_err(|e| e.to_string())?;
    let started = Instant::now();
    for i in 0..copies.max(1) {
        let mut copy = text.clone();
        for d in &docs {
            for prefix in ["article/", "graph/", "run/"] {
                copy = copy.replace(&format!("/id/{prefix}{d}"), &format!("/id/{prefix}{d}-{i}"));
            }
        }
        let day = i % 730;
        let date = format!(
            "\"{}-{:02}-{:02}\"",
            2023 + day / 365,
            1 + (day % 365) / 31 % 12,
            1 + day % 28
        );
        let copy: String = copy
            .lines()
            .map(|l| {
                if l.contains("schema.org/datePublished>") {
                    let head = l.split("> \"").next().unwrap_or(l);
                    let graph = l.rsplit(' ').nth(1).unwrap_or("");
                    format!("{head}> {date} {graph} .\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        s.inner()
            .load_from_slice(oxigraph::io::RdfFormat::NQuads, copy.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    s.inner().flush().map_err(|e| e.to_string())?;
    println!(
        "loaded {} quads ({} copies) into {} in {:.1} s",
        s.len().map_err(|e| e.to_string())?,
        copies,
        store.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn load(args: &[String]) -> Result<(), String> {
    let store = PathBuf::from(arg(args, "--store").ok_or("--store DIR required")?);
    if let Some(nq) = arg(args, "--nquads") {
        let copies: usize = arg(args, "--copies")
            .map_or(Ok(1), |v| v.parse())
            .map_err(|e| format!("--copies: {e}"))?;
        return load_nquads(&store, &nq, copies);
    }
    let trig = PathBuf::from(arg(args, "--trig").ok_or("--trig FILE required")?);
    let copies: usize = arg(args, "--copies")
        .map_or(Ok(1), |v| v.parse())
        .map_err(|e| format!("--copies: {e}"))?;
    let s = stancegraph::store::Store::open(&store).map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&trig).map_err(|e| format!("{}: {e}", trig.display()))?;
    // Copy i renames every article-scoped IRI (article/, graph/, run/ with the document id)
    // so each copy is a separate article graph; actors and targets stay shared, as they
    // are when the same people appear in many articles.
    let docs: Vec<String> = text
        .match_indices("<graph/")
        .filter_map(|(i, _)| text[i + 7..].split('>').next().map(str::to_string))
        .filter(|d| d != "corpus")
        .collect();
    for i in 0..copies.max(1) {
        let mut copy = text.clone();
        if i > 0 {
            for d in &docs {
                for prefix in ["article/", "graph/", "run/"] {
                    copy = copy.replace(&format!("<{prefix}{d}"), &format!("<{prefix}{d}-{i}"));
                }
            }
        }
        s.inner()
            .load_from_slice(oxigraph::io::RdfFormat::TriG, copy.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    s.inner().flush().map_err(|e| e.to_string())?;
    println!(
        "loaded {} quads into {}",
        s.len().map_err(|e| e.to_string())?,
        store.display()
    );
    Ok(())
}

struct Sample {
    query: usize,
    latency: Duration,
    ok: bool,
}

fn run(args: &[String]) -> Result<(), String> {
    let url = arg(args, "--url").ok_or("--url URL required")?;
    let clients: usize = arg(args, "--clients")
        .map_or(Ok(8), |v| v.parse())
        .map_err(|e| format!("--clients: {e}"))?;
    let total: usize = arg(args, "--requests")
        .map_or(Ok(4000), |v| v.parse())
        .map_err(|e| format!("--requests: {e}"))?;
    let clients = clients.max(1);
    let hostile: usize = arg(args, "--hostile")
        .map_or(Ok(0), |v| v.parse())
        .map_err(|e| format!("--hostile: {e}"))?;
    let (names, texts): (Vec<String>, Vec<String>) = if args.iter().any(|a| a == "--canned") {
        stancegraph::query::CANNED
            .iter()
            .filter(|c| !c.name.ends_with("-pairs"))
            .map(|c| (c.name.to_string(), c.sparql.to_string()))
            .unzip()
    } else {
        QUERIES
            .iter()
            .map(|(n, q)| (n.to_string(), format!("{PREFIXES}{q}")))
            .unzip()
    };
    let names: Arc<Vec<String>> = Arc::new(names);
    let queries: Arc<Vec<String>> = Arc::new(texts);

    // Warm-up: each query once, and fail early if the endpoint is not answering.
    let warm: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for (i, q) in queries.iter().enumerate() {
        let mut r = warm
            .get(&url)
            .query("query", q)
            .header("Accept", "application/sparql-results+json")
            .call()
            .map_err(|e| format!("warm-up request failed: {e}"))?;
        let body = r.body_mut().read_to_string().unwrap_or_default();
        if r.status() != 200 {
            return Err(format!("warm-up {} got {}: {body}", names[i], r.status()));
        }
    }

    let size = {
        let q =
            "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?g_n) WHERE { GRAPH ?g { ?s ?p ?o } }";
        let mut r = warm
            .get(&url)
            .query("query", q)
            .header("Accept", "text/csv")
            .call()
            .map_err(|e| format!("size query failed: {e}"))?;
        let body = r.body_mut().read_to_string().unwrap_or_default();
        body.lines()
            .nth(1)
            .unwrap_or("?,?")
            .replace(',', " quads in ")
            + " graphs"
    };

    let started = Instant::now();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let hostile_handles: Vec<_> = (0..hostile)
        .map(|h| {
            let url = url.clone();
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(120)))
                    .build()
                    .into();
                let cross =
                    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
                let deep = format!("ASK {}{}", "{".repeat(5000), "}".repeat(5000));
                let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
                let mut i = h;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let q = if i % 2 == 0 { cross } else { deep.as_str() };
                    let status = agent
                        .post(&url)
                        .header("Content-Type", "application/sparql-query")
                        .send(q)
                        .map(|mut r| {
                            let _ = r.body_mut().read_to_vec();
                            r.status().as_u16()
                        })
                        .unwrap_or(0);
                    *statuses.entry(status).or_default() += 1;
                    i += 1;
                }
                statuses
            })
        })
        .collect();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let queries = Arc::clone(&queries);
            let url = url.clone();
            let n = total / clients + usize::from(c < total % clients);
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .into();
                let mut samples = Vec::with_capacity(n);
                for i in 0..n {
                    let qi = (c + i) % queries.len();
                    let t = Instant::now();
                    // Alternate GET and form POST, as real clients do.
                    let result = if i % 2 == 0 {
                        agent
                            .get(&url)
                            .query("query", &queries[qi])
                            .header("Accept", "application/sparql-results+json")
                            .call()
                    } else {
                        agent
                            .post(&url)
                            .header("Accept", "application/sparql-results+json")
                            .send_form([("query", queries[qi].as_str())])
                    };
                    let ok = match result {
                        Ok(mut r) => {
                            let status = r.status();
                            r.body_mut().read_to_vec().is_ok() && status == 200
                        }
                        Err(_) => false,
                    };
                    samples.push(Sample {
                        query: qi,
                        latency: t.elapsed(),
                        ok,
                    });
                }
                samples
            })
        })
        .collect();
    let mut samples = vec![];
    for h in handles {
        samples.extend(h.join().map_err(|_| "client thread panicked")?);
    }
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut hostile_statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for h in hostile_handles {
        for (k, v) in h.join().map_err(|_| "hostile thread panicked")? {
            *hostile_statuses.entry(k).or_default() += v;
        }
    }
    let errors = samples.iter().filter(|s| !s.ok).count();
    let mut all: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    all.sort();
    println!("endpoint     {url}");
    println!("store        {size}");
    println!("clients      {clients}");
    println!("requests     {}", samples.len());
    println!("wall         {:.2} s", wall.as_secs_f64());
    println!(
        "throughput   {:.0} req/s",
        samples.len() as f64 / wall.as_secs_f64()
    );
    println!("latency p50  {}", ms(percentile(&all, 0.50)));
    println!("latency p90  {}", ms(percentile(&all, 0.90)));
    println!("latency p99  {}", ms(percentile(&all, 0.99)));
    println!(
        "latency max  {}",
        ms(all.last().copied().unwrap_or_default())
    );
    println!("errors       {errors}");
    if hostile > 0 {
        println!("hostile      {hostile} clients (cross products, 5,000-deep queries): statuses {hostile_statuses:?}");
    }
    let mut per: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for s in &samples {
        per.entry(names[s.query].as_str())
            .or_default()
            .push(s.latency);
    }
    for (name, mut v) in per {
        v.sort();
        println!(
            "  {name:<26} n={:<5} p50 {:>10}  p95 {:>10}  p99 {:>10}",
            v.len(),
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.95)),
            ms(percentile(&v, 0.99))
        );
    }
    if errors > 0 {
        return Err(format!("{errors} requests failed"));
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; ignore it.
    let args: Vec<String> = args.into_iter().filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("load") => load(&args),
        Some("run") => run(&args),
        _ => Err("usage: serve_load load --store DIR --trig FILE | run --url URL [--clients N] [--requests N]".into()),
    };
    if let Err(e) = result {
        eprintln!("serve_load: {e}");
        std::process::exit(1);
    }
}
