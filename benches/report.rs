//! Benchmark: network build and briefing generation on a large synthetic graph.
//!
//! `cargo bench --bench report` (or `-- 2000` for another number of articles).
//! Generates N articles (default 10,000) in memory following the graph model of
//! `stancegraph::rdf` (articles, outlets, actors, quotations, claims, stances,
//! acts, memberships), loads them into an in-memory store, and times each stage:
//! SPARQL load, network build, measures, camps, briefing model, Markdown + HTML.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use stancegraph::network::{camps, measures, BuildOptions, Filter, GraphData, Network};
use stancegraph::report::{html, markdown, BriefOptions, Briefing};
use stancegraph::store::Store;
use std::time::Instant;

const ID: &str = "https://w3id.org/stancegraph/id/";
const SG: &str = "https://w3id.org/stancegraph/ns#";
const SCHEMA: &str = "http://schema.org/";
const ORG: &str = "http://www.w3.org/ns/org#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const SKOS_PREF: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";

fn iri(s: String) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// A tiny deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generate(articles: usize) -> Vec<Quad> {
    let actors = (articles / 20).clamp(50, 2000);
    let targets = 25;
    let outlets = 12;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut quads = Vec::with_capacity(articles * 80);
    let t = |s: &str| iri(s.to_string());
    let p = |ns: &str, l: &str| iri(format!("{ns}{l}"));
    for doc in 0..articles {
        let g = GraphName::NamedNode(iri(format!("{ID}graph/a{doc}")));
        let mut add = |s: &NamedNode, pr: NamedNode, o: Term| {
            quads.push(Quad::new(s.clone(), pr, o, g.clone()));
        };
        let art = iri(format!("{ID}article/a{doc}"));
        let run = iri(format!("{ID}run/a{doc}/000000000000"));
        let outlet = iri(format!("{ID}actor/outlet-{}", doc % outlets));
        add(&art, t(RDF_TYPE), p(SCHEMA, "NewsArticle").into());
        add(
            &art,
            p(SG, "documentId"),
            Literal::new_simple_literal(format!("a{doc}")).into(),
        );
        add(
            &art,
            p(SCHEMA, "headline"),
            Literal::new_simple_literal(format!("Story number {doc}")).into(),
        );
        add(&art, p(SCHEMA, "publisher"), outlet.clone().into());
        add(
            &art,
            p(SCHEMA, "datePublished"),
            Literal::new_simple_literal(format!("2024-{:02}-{:02}", 1 + doc % 12, 1 + doc % 28))
                .into(),
        );
        add(&art, p(PROV, "wasGeneratedBy"), run.clone().into());
        add(&run, t(RDF_TYPE), p(SG, "ExtractionRun").into());
        add(
            &run,
            p(SG, "method"),
            Literal::new_simple_literal("rules").into(),
        );
        add(&outlet, t(RDF_TYPE), p(SG, "Actor").into());
        add(
            &outlet,
            p(SCHEMA, "name"),
            Literal::new_simple_literal(format!("Outlet {}", doc % outlets)).into(),
        );
        add(
            &outlet,
            p(SG, "actorKind"),
            Literal::new_simple_literal("outlet").into(),
        );
        let cast: Vec<usize> = (0..4).map(|_| rng.below(actors)).collect();
        for &a in &cast {
            let actor = iri(format!("{ID}actor/actor-{a}"));
            add(&actor, t(RDF_TYPE), p(SG, "Actor").into());
            add(
                &actor,
                p(SCHEMA, "name"),
                Literal::new_simple_literal(format!("Actor {a}")).into(),
            );
            add(
                &actor,
                p(SG, "actorKind"),
                Literal::new_simple_literal(if a % 3 == 0 { "organisation" } else { "person" })
                    .into(),
            );
        }
        for (k, &a) in cast.iter().take(3).enumerate() {
            let actor = iri(format!("{ID}actor/actor-{a}"));
            let q = iri(format!("{ID}article/a{doc}/quote/c{k}"));
            let c = iri(format!("{ID}article/a{doc}/claim/c{k}"));
            add(&q, t(RDF_TYPE), p(SCHEMA, "Quotation").into());
            add(
                &q,
                p(SCHEMA, "text"),
                Literal::new_simple_literal(format!("Claim {k} of story {doc} by actor {a}"))
                    .into(),
            );
            add(&q, p(SCHEMA, "isPartOf"), art.clone().into());
            if k < 2 || doc % 5 != 0 {
                add(&q, p(SCHEMA, "spokenByCharacter"), actor.clone().into());
            }
            add(
                &q,
                p(SG, "quoteKind"),
                p(SG, if k == 0 { "Direct" } else { "Indirect" }).into(),
            );
            add(
                &q,
                p(SG, "paragraphIndex"),
                Literal::from(k as i64 + 1).into(),
            );
            add(&q, p(SG, "confidence"), Literal::from(0.8).into());
            add(&q, p(SG, "conveys"), c.clone().into());
            add(&c, t(RDF_TYPE), p(SCHEMA, "Claim").into());
            // Actors lean to a side by parity, so camps exist.
            let target = (a * 7 + k) % targets;
            let tiri = iri(format!("{ID}target/t{target}"));
            add(&tiri, t(RDF_TYPE), p(SG, "Target").into());
            add(
                &tiri,
                t(SKOS_PREF),
                Literal::new_simple_literal(format!("Question {target}")).into(),
            );
            let s = iri(format!("{ID}article/a{doc}/stance/s{k}"));
            let favour = (a + target) % 2 == 0 || rng.below(10) == 0;
            add(&s, t(RDF_TYPE), p(SG, "Stance").into());
            add(&s, p(SG, "holder"), actor.clone().into());
            add(&s, p(SG, "target"), tiri.into());
            add(
                &s,
                p(SG, "polarity"),
                p(SG, if favour { "Favour" } else { "Against" }).into(),
            );
            add(&s, p(SG, "confidence"), Literal::from(0.7).into());
            add(&s, p(SG, "expressedIn"), c.into());
        }
        let (x, y) = (cast[0], cast[1]);
        if x != y {
            let act = iri(format!("{ID}article/a{doc}/act/x1"));
            add(&act, t(RDF_TYPE), p(SG, "Interaction").into());
            add(
                &act,
                p(SG, "agent"),
                iri(format!("{ID}actor/actor-{x}")).into(),
            );
            add(
                &act,
                p(SG, "patient"),
                iri(format!("{ID}actor/actor-{y}")).into(),
            );
            let hostile = (x + y) % 2 == 1;
            add(
                &act,
                p(SG, "actType"),
                p(SG, if hostile { "Criticises" } else { "Supports" }).into(),
            );
            add(
                &act,
                p(SG, "actPolarity"),
                Literal::from(if hostile { -1i64 } else { 1 }).into(),
            );
        }
        if !cast[2].is_multiple_of(3) {
            let org = (cast[2] / 3) * 3;
            let m = iri(format!("{ID}article/a{doc}/role/r1"));
            add(&m, t(RDF_TYPE), p(ORG, "Membership").into());
            add(
                &m,
                p(ORG, "member"),
                iri(format!("{ID}actor/actor-{}", cast[2])).into(),
            );
            add(
                &m,
                p(ORG, "organization"),
                iri(format!("{ID}actor/actor-{org}")).into(),
            );
            add(
                &m,
                p(SG, "roleLabel"),
                Literal::new_simple_literal("spokesperson").into(),
            );
        }
    }
    quads
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t0 = Instant::now();
    let out = f();
    println!(
        "{label:<34} {:>9.1} ms",
        t0.elapsed().as_secs_f64() * 1000.0
    );
    out
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    println!("stancegraph report benchmark: {n} synthetic articles");
    let quads = time("generate quads", || generate(n));
    println!("{:<34} {:>9}", "quads", quads.len());
    let store = Store::in_memory().expect("store");
    time("load into in-memory store", || {
        store.inner().extend(quads).expect("load");
    });
    let total = Instant::now();
    let data = time("read graph via SPARQL", || {
        GraphData::load(&store, &Filter::default()).expect("load")
    });
    let net = time("build network", || {
        Network::build(&data, &BuildOptions::default())
    });
    println!(
        "{:<34} {:>9} actors, {} edges",
        "network",
        net.nodes.len(),
        net.edges.len()
    );
    let m = time("measures (degree, PageRank, betweenness)", || {
        measures::compute(&net)
    });
    let c = time("camps", || camps::detect(&net));
    println!("{:<34} {:>9}", "camps found", c.len());
    let analysis = stancegraph::network::Analysis {
        data,
        network: net,
        measures: m,
        camps: c,
    };
    let b = time("briefing model + SVG figure", || {
        Briefing::build(&analysis, &BriefOptions::default())
    });
    let (md, page) = time("render Markdown + HTML", || {
        (markdown::render(&b, Some("network.svg")), html::render(&b))
    });
    println!(
        "{:<34} {:>9} bytes md, {} bytes html",
        "output",
        md.len(),
        page.len()
    );
    println!(
        "{:<34} {:>9.1} ms",
        "TOTAL (SPARQL read to HTML)",
        total.elapsed().as_secs_f64() * 1000.0
    );
}
