//! Briefing reports on hand-written graphs (tests/data/graph/), the browser check,
//! and the whole chain (`ingest` then `brief` / `network`) on the corpus.

use stancegraph::network::{Analysis, BuildOptions, Filter};
use stancegraph::report::{self, BriefOptions, Briefing};
use stancegraph::store::Store;
use std::path::Path;
use std::process::Command;

fn load(file: &str) -> Store {
    let store = Store::in_memory().expect("store");
    let path = format!("{}/tests/data/graph/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).expect("fixture");
    store
        .inner()
        .load_from_slice(oxigraph::io::RdfFormat::TriG, &data)
        .expect("valid TriG");
    store
}

fn brief_of(store: &Store, filter: &Filter) -> (Analysis, Briefing) {
    let a = Analysis::load(store, filter, &BuildOptions::default()).expect("analysis");
    let b = Briefing::build(
        &a,
        &BriefOptions {
            generated: Some("2026-01-02".into()),
            ..BriefOptions::default()
        },
    );
    (a, b)
}

fn profile<'a>(b: &'a Briefing, name: &str) -> &'a report::model::Profile {
    b.profiles
        .items
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no profile for {name}"))
}

fn row(b: &Briefing, prefix: &str) -> usize {
    b.matrix
        .actors
        .iter()
        .position(|a| a.starts_with(prefix))
        .unwrap_or_else(|| panic!("no matrix row {prefix}: {:?}", b.matrix.actors))
}

fn col(b: &Briefing, prefix: &str) -> usize {
    b.matrix
        .targets
        .iter()
        .position(|t| t.starts_with(prefix))
        .unwrap_or_else(|| panic!("no matrix column {prefix}: {:?}", b.matrix.targets))
}

const CORPUS: &str = "ibtimes-cloudflare.trig";
const LIBRARY: &str = "library-closure.trig";

#[test]
fn corpus_story_and_camps() {
    let (_, b) = brief_of(&load(CORPUS), &Filter::default());
    assert_eq!(b.story.len(), 3);
    assert!(
        b.story[0].contains("1 article from IBTimes UK"),
        "{}",
        b.story[0]
    );
    assert!(
        b.story[0].contains("the most quoted are Matthew Prince"),
        "{}",
        b.story[0]
    );
    assert!(
        b.story[1].contains("Taking down extremist websites"),
        "{}",
        b.story[1]
    );
    assert!(b.story[2].contains("2 camps"), "{}", b.story[2]);
    let camps = &b.camps.items;
    let with = |n: &str| camps.iter().position(|c| c.members.iter().any(|m| m == n));
    let activists = with("Anonymous").expect("camp with Anonymous");
    let firm = with("CloudFlare").expect("camp with CloudFlare");
    assert_ne!(activists, firm);
    assert_eq!(with("GhostSec"), Some(activists));
    assert_eq!(with("Matthew Prince"), Some(firm));
    assert_eq!(with("Web Hosting UK"), Some(activists));
    assert_eq!(with("intelligence agencies"), Some(firm));
    // Each camp is described by what it is for and against.
    assert!(camps[activists]
        .positions
        .iter()
        .any(|(side, t, _)| side == "for" && t.starts_with("Taking down")));
    assert!(camps[firm]
        .positions
        .iter()
        .any(|(side, t, _)| side == "against" && t.starts_with("Taking down")));
    assert!(camps[firm]
        .positions
        .iter()
        .any(|(side, t, _)| side == "for" && t.starts_with("Acting only on legal process")));
}

#[test]
fn corpus_matrix_and_profiles() {
    let (_, b) = brief_of(&load(CORPUS), &Filter::default());
    let take = col(&b, "Taking down");
    let prince = &b.matrix.cells[row(&b, "Matthew Prince (CloudFlare)")][take];
    assert_eq!((prince.favour, prince.against), (0, 3));
    assert!(prince.confidence > 0.7 && prince.confidence < 0.8);
    let tighe = &b.matrix.cells[row(&b, "Frank Tighe")][take];
    assert_eq!((tighe.favour, tighe.against), (2, 0));
    let brandt = row(&b, "Daniel Brandt");
    assert_eq!(b.matrix.cells[brandt][col(&b, "CloudFlare")].against, 1);
    assert_eq!(b.matrix.cells[brandt][col(&b, "DoS attacks")].against, 1);
    assert_eq!(b.matrix.cells[brandt][take].total(), 0);

    let p = profile(&b, "Matthew Prince");
    assert_eq!(p.roles, ["co-founder and CEO of CloudFlare"]);
    assert!(p.claims.iter().any(|c| c
        .text
        .contains("There is no society on Earth that tolerates mob rule")
        && c.citation == "IBTimes UK, \u{201c}ibtimes\u{201d}, 2015, \u{b6}5"));
    assert!(p
        .stances
        .iter()
        .any(|s| s == "against Taking down extremist websites (3)"));
    let whuk = profile(&b, "Web Hosting UK");
    assert!(whuk.acts.contains(&"removes Islamic State".to_string()));
    assert!(whuk.roles.iter().any(|r| r.contains("Hyperslice")));
    let brandt = profile(&b, "Daniel Brandt");
    assert!(brandt
        .stances
        .iter()
        .any(|s| s.starts_with("against CloudFlare")));
    assert!(brandt
        .stances
        .iter()
        .any(|s| s.starts_with("against DoS attacks")));
    assert!(b
        .critics
        .items
        .iter()
        .any(|c| c.starts_with("Daniel Brandt: against CloudFlare")));
    let cf = profile(&b, "CloudFlare");
    assert!(cf.members.iter().any(|m| m.starts_with("Matthew Prince")));
    assert!(cf
        .acted_on_by
        .iter()
        .any(|x| x == "Anonymous criticises it"));
    let intel = profile(&b, "intelligence agencies");
    assert!(intel
        .stances
        .iter()
        .any(|s| s.starts_with("against Taking down")));
}

#[test]
fn corpus_agreement_conflict_and_unattributed() {
    let (_, b) = brief_of(&load(CORPUS), &Filter::default());
    assert!(b.agreements.items.iter().any(|p| {
        let pair = [p.a.as_str(), p.b.as_str()];
        pair.contains(&"Anonymous")
            && pair.contains(&"GhostSec")
            && p.sentence.contains("against CloudFlare")
    }));
    let anon_cf = b
        .conflicts
        .items
        .iter()
        .find(|p| [p.a.as_str(), p.b.as_str()] == ["Anonymous", "CloudFlare"])
        .expect("Anonymous vs CloudFlare conflict");
    assert!(
        anon_cf.sentence.contains("Anonymous criticises CloudFlare"),
        "{}",
        anon_cf.sentence
    );
    assert!(anon_cf
        .evidence
        .iter()
        .any(|e| e.text.contains("less than ethical business practices")));
    assert!(b
        .conflicts
        .items
        .iter()
        .any(|p| p.sentence.contains("opposite sides on Taking down")));
    let texts: Vec<&str> = b
        .unattributed
        .items
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("blood money")));
    // One outlet: the comparison section says why it is empty.
    assert!(b.outlets.items.is_empty());
    assert!(b.outlets.empty_reason.contains("one outlet (IBTimes UK)"));
}

#[test]
fn corpus_files_are_written_and_self_contained() {
    let (_, b) = brief_of(&load(CORPUS), &Filter::default());
    let dir = tempfile::tempdir().expect("tmp");
    let w = report::write(&b, dir.path()).expect("write");
    let html = std::fs::read_to_string(&w.html).expect("html");
    let md = std::fs::read_to_string(&w.markdown).expect("md");
    for needle in [
        "<table class=\"matrix\" id=\"stance-matrix\">",
        "class=\"network-figure\"",
        "1 article(s) from IBTimes UK",
        "<strong>Extraction method:</strong> rules.",
        "<strong>Generated:</strong> 2026-01-02",
        "Claims with no named speaker",
    ] {
        assert!(html.contains(needle), "HTML lacks {needle}");
    }
    assert!(!html.contains("<script"));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(http")
    );
    // Quotes are escaped: the apostrophes and quotation marks of the scrape stay text.
    // Verbatim quotations keep their own marks; reported speech gets typographic quotes.
    assert!(html.contains("<blockquote>&quot;Individuals have decided"));
    assert!(html.contains(
        "<blockquote><strong>Matthew Prince</strong>: \u{201c}his company would not be blocking"
    ));
    assert!(!html.contains("\u{201c}&quot;"));
    assert!(md.contains("## Stance matrix"));
    assert!(md.contains("| Matthew Prince (CloudFlare) | 2 | 3 against (0.75) | 3 for (0.85) |"));
    assert!(md.contains("![Actor network](network.svg)"));
    let svg = std::fs::read_to_string(w.svg.expect("svg")).expect("svg");
    assert!(svg.contains("<svg") && svg.contains("Matthew Prince") && svg.contains("conflict"));
}

#[test]
fn outlets_are_compared_and_text_is_escaped() {
    let (_, b) = brief_of(&load(LIBRARY), &Filter::default());
    if let Ok(dir) = std::env::var("STANCEGRAPH_KEEP_BRIEF") {
        report::write(&b, Path::new(&dir)).expect("write kept briefing");
    }
    assert_eq!(b.corpus.articles, 3);
    assert_eq!(b.corpus.outlets, ["Northern Courier", "Valley Gazette"]);
    assert_eq!(b.corpus.methods, ["rules", "rules+all-MiniLM-L6-v2"]);
    assert_eq!(
        b.corpus.dates,
        Some(("2024-03-02".into(), "2024-04-01".into()))
    );
    let rows = &b.outlets.items;
    assert_eq!(rows.len(), 2);
    let courier = rows
        .iter()
        .find(|r| r.outlet == "Northern Courier")
        .expect("courier");
    assert_eq!(courier.articles, 2);
    assert_eq!(courier.top[0].0, "Helen Okafor");
    assert_eq!(courier.top[0].1, 3);
    assert!(courier.only_here.contains(&"Helen Okafor".to_string()));
    let gazette = rows
        .iter()
        .find(|r| r.outlet == "Valley Gazette")
        .expect("gazette");
    assert!(gazette.only_here.contains(&"Tomas Lindqvist".to_string()));
    assert!(
        !gazette.only_here.contains(&"Dana Reyes".to_string()),
        "quoted by both outlets"
    );
    assert_eq!(b.unattributed.items.len(), 2);
    assert!(b.unattributed.items.iter().any(|c| c
        .citation
        .starts_with("Valley Gazette, \u{201c}Union joins fight")));

    let dir = tempfile::tempdir().expect("tmp");
    let w = report::write(&b, dir.path()).expect("write");
    let html = std::fs::read_to_string(&w.html).expect("html");
    assert!(html.contains("Smith &amp; &lt;Partners&gt; Consulting"));
    assert!(!html.contains("<Partners>"));
    assert!(html.contains("<table class=\"outlets\">"));
    let md = std::fs::read_to_string(&w.markdown).expect("md");
    assert!(md.contains("Smith & \\<Partners\\> Consulting"));
    let svg = std::fs::read_to_string(w.svg.expect("svg")).expect("svg");
    assert!(!svg.contains("<Partners>"));
}

#[test]
fn filters_narrow_the_briefing() {
    let store = load(LIBRARY);
    let (_, b) = brief_of(
        &store,
        &Filter {
            outlet: Some("Courier".into()),
            ..Filter::default()
        },
    );
    assert_eq!(b.corpus.articles, 2);
    assert!(b.outlets.empty_reason.contains("Northern Courier"));
    assert!(!b
        .matrix
        .actors
        .iter()
        .any(|a| a.starts_with("Tomas Lindqvist")));
    let (_, b) = brief_of(
        &store,
        &Filter {
            target: Some("budget".into()),
            ..Filter::default()
        },
    );
    assert_eq!(b.matrix.targets, ["Cuts to the library budget"]);
    let okafor = &b.matrix.cells[row(&b, "Helen Okafor")][0];
    let lindqvist = &b.matrix.cells[row(&b, "Tomas Lindqvist")][0];
    assert_eq!((okafor.favour, lindqvist.against), (1, 1));
}

#[test]
fn empty_graph_explains_every_empty_section() {
    let (_, b) = brief_of(&Store::in_memory().expect("store"), &Filter::default());
    assert_eq!(b.corpus.articles, 0);
    assert!(b.figure.is_none());
    for reason in [
        &b.camps.empty_reason,
        &b.targets.empty_reason,
        &b.matrix_empty_reason,
        &b.profiles.empty_reason,
        &b.agreements.empty_reason,
        &b.conflicts.empty_reason,
        &b.unattributed.empty_reason,
        &b.outlets.empty_reason,
        &b.figure_empty_reason,
    ] {
        assert!(!reason.is_empty());
    }
    let html = report::html::render(&b);
    assert!(html.contains("class=\"empty\""));
    assert!(html.contains(&b.matrix_empty_reason));
}

fn chromium() -> bool {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|c| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {c}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn briefing_renders_in_headless_chromium() {
    if !chromium() {
        eprintln!("SKIP briefing_renders_in_headless_chromium: chromium is not installed");
        return;
    }
    let (_, b) = brief_of(&load(LIBRARY), &Filter::default());
    let dir = tempfile::tempdir().expect("tmp");
    let w = report::write(&b, dir.path()).expect("write");
    let shot = dir.path().join("shot.png");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/browser-check.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(&w.html)
        .arg(&shot)
        .output()
        .expect("run browser-check.sh");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    assert!(log.contains("ok   stance matrix table rendered"), "{log}");
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "{log}"
    );
}

#[test]
fn browser_check_catches_a_broken_page() {
    if !chromium() {
        eprintln!("SKIP browser_check_catches_a_broken_page: chromium is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let page = dir.path().join("briefing.html");
    std::fs::write(
        &page,
        "<html><body><p>no matrix</p><script>undefinedCall();</script></body></html>",
    )
    .expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/browser-check.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(&page)
        .output()
        .expect("run");
    let log = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!out.status.success(), "{log}");
    assert!(log.contains("FAIL stance matrix table rendered"), "{log}");
    assert!(log.contains("FAIL no console errors"), "{log}");
}

/// A persistent store holding a fixture, as `ingest` would leave it.
fn persistent_store(dir: &Path, file: &str) {
    let store = Store::open(dir).expect("open store");
    let path = format!("{}/tests/data/graph/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).expect("fixture");
    store
        .inner()
        .load_from_slice(oxigraph::io::RdfFormat::TriG, &data)
        .expect("valid TriG");
}

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stancegraph"))
        .args(args)
        .output()
        .expect("run stancegraph");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn cli_network_and_brief_on_a_store() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("db");
    persistent_store(&db, LIBRARY);
    let db = db.to_str().expect("utf-8 path");
    let (ok, out, err) = cli(&["network", "--store", db]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Top actors by degree:") && out.contains("Helen Okafor"),
        "{out}"
    );
    assert!(out.contains("camp 1:") && out.contains("camp 2:"), "{out}");
    let (ok, out, err) = cli(&[
        "network",
        "--store",
        db,
        "--path",
        "Tomas Lindqvist",
        "Smith & <Partners> Consulting",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("Path from Tomas Lindqvist to Smith & <Partners> Consulting"),
        "{out}"
    );
    let gexf = tmp.path().join("net.gexf");
    let (ok, _, err) = cli(&[
        "network",
        "--store",
        db,
        "--format",
        "gexf",
        "--out",
        gexf.to_str().expect("path"),
    ]);
    assert!(ok, "{err}");
    assert!(std::fs::read_to_string(&gexf)
        .expect("gexf")
        .contains("<gexf"));
    let (ok, out, _) = cli(&[
        "network", "--store", db, "--format", "json", "--outlet", "Gazette",
    ]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["nodes"]
        .as_array()
        .is_some_and(|n| n.iter().all(|x| x["name"] != "Helen Okafor")));

    let outdir = tmp.path().join("report");
    let (ok, out, err) = cli(&[
        "brief",
        "--store",
        db,
        "--out",
        outdir.to_str().expect("path"),
        "--target",
        "closing",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("briefing.md") && out.contains("briefing.html"),
        "{out}"
    );
    let md = std::fs::read_to_string(outdir.join("briefing.md")).expect("md");
    assert!(
        md.contains("**Filter:** targets matching “closing”"),
        "{md}"
    );
    assert!(!md.contains("Cuts to the library budget"));
    let (ok, _, err) = cli(&[
        "brief",
        "--store",
        tmp.path().join("missing").to_str().expect("path"),
    ]);
    assert!(!ok && err.contains("no store"), "{err}");
}

/// The whole chain on the corpus, once `ingest` works: the briefing names the camps.
#[test]
fn ingest_then_brief_on_the_corpus() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("db");
    let db = db.to_str().expect("path");
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let (ok, _, err) = cli(&["ingest", corpus, "--store", db]);
    assert!(ok, "ingest failed: {err}");
    let store = Store::open_read_only(Path::new(db)).expect("store");
    let (a, b) = brief_of(&store, &Filter::default());
    let names: Vec<&str> = a.network.nodes.iter().map(|n| n.name.as_str()).collect();
    let find = |n: &str| names.iter().position(|x| x.contains(n));
    // Speakers the attribution must find, and the firm at the centre.
    for who in ["Prince", "Brandt", "Tighe", "CloudFlare"] {
        assert!(find(who).is_some(), "{who} missing from {names:?}");
    }
    let top: Vec<&str> = a
        .measures
        .by_degree()
        .iter()
        .take(5)
        .map(|&i| a.network.nodes[i].name.as_str())
        .collect();
    assert!(
        top.iter()
            .any(|n| n.contains("Prince") || n.contains("CloudFlare")),
        "{top:?}"
    );
    assert!(
        b.story.len() == 3 && b.story[0].contains("IBTimes UK"),
        "{:?}",
        b.story
    );
    assert!(b
        .profiles
        .items
        .iter()
        .any(|p| p.name.contains("Prince")
            && p.claims.iter().any(|c| c.citation.contains("IBTimes UK"))));
    // What an analyst reads in the story, as far as the extraction finds it.
    let idx = |n: &str| {
        a.network
            .find(n)
            .unwrap_or_else(|| panic!("{n} missing from {names:?}"))
    };
    let camp = |n: &str| a.camp_of(idx(n));
    assert!(camp("Anonymous").is_some(), "{}", a.to_text(20));
    assert_eq!(camp("GhostSec"), camp("Anonymous"), "{}", a.to_text(20));
    assert_ne!(
        camp("intelligence agencies"),
        camp("Anonymous"),
        "{}",
        a.to_text(20)
    );
    // The firm and its CEO ("due process", "we are plumbers") against the activists
    // ("cut them off"), with the host that removed the sites on the activists' side.
    assert_eq!(
        camp("Matthew Prince"),
        camp("CloudFlare"),
        "{}",
        a.to_text(20)
    );
    assert!(camp("CloudFlare").is_some(), "{}", a.to_text(20));
    assert_ne!(camp("CloudFlare"), camp("Anonymous"), "{}", a.to_text(20));
    assert_eq!(camp("Frank Tighe"), camp("Anonymous"), "{}", a.to_text(20));
    let hostile = a
        .network
        .edges_between(idx("Anonymous"), idx("CloudFlare"))
        .any(|e| e.sign < 0);
    assert!(hostile, "no hostile tie between Anonymous and CloudFlare");
    let brandt = b
        .profiles
        .items
        .iter()
        .find(|p| p.name.contains("Brandt"))
        .expect("Brandt profile");
    assert!(
        brandt
            .stances
            .iter()
            .any(|s| s.starts_with("against CloudFlare")),
        "{:?}",
        brandt.stances
    );
    assert!(
        brandt.roles.iter().any(|r| r.contains("CrimeFlare")),
        "{:?}",
        brandt.roles
    );
    let prince = b
        .profiles
        .items
        .iter()
        .find(|p| p.name.contains("Prince"))
        .expect("Prince profile");
    assert!(
        prince.roles.iter().any(|r| r.contains("CloudFlare")),
        "{:?}",
        prince.roles
    );
    let (ok, out, err) = cli(&[
        "brief",
        "--store",
        db,
        "--out",
        tmp.path().join("r").to_str().expect("path"),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("briefing.html"));
}

/// Every quotation of the corpus, cited as the briefing cites it, is found by an
/// editor who follows the citation: the outlet, headline and date are the article's,
/// and the quoted words are in the paragraph numbered as a reader counts them
/// (headline, headings, captions and alt text not counted).
#[test]
fn briefing_citations_lead_to_the_quoted_words() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("db");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = Command::new(env!("CARGO_BIN_EXE_stancegraph"))
        .arg("ingest")
        .arg("--store")
        .arg(&store_path)
        .arg(&corpus)
        .output()
        .expect("ingest");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open_read_only(&store_path).unwrap();
    let (a, b) = brief_of(&store, &Filter::default());
    let d = &a.data;
    // Article text and body paragraphs (reader numbering) from the graph.
    let rows = store
        .select(&format!(
            "{}SELECT ?art ?text ?i ?s ?e ?f WHERE {{ GRAPH ?g {{
               ?art a schema:NewsArticle . ?ctx nif:isString ?text .
               ?p nif:referenceContext ?ctx ; sg:paragraphIndex ?i ; nif:beginIndex ?s ; nif:endIndex ?e .
               OPTIONAL {{ ?p sg:furniture ?f }} }} }} ORDER BY ?art ?i",
            stancegraph::rdf::vocab::SPARQL_PREFIXES
        ))
        .unwrap();
    let mut body: std::collections::HashMap<String, (String, Vec<(usize, usize)>)> =
        Default::default();
    for r in &rows {
        let e = body
            .entry(r.str("art").unwrap())
            .or_insert_with(|| (r.str("text").unwrap(), vec![]));
        if r.get("f").is_none() {
            e.1.push((r.i64("s").unwrap() as usize, r.i64("e").unwrap() as usize));
        }
    }
    assert!(!d.quotes.is_empty());
    let mut checked = 0;
    for q in &d.quotes {
        let cite = d.cite(q);
        let art = d.article(&q.article).expect("cited article");
        if let Some(o) = &art.outlet {
            assert!(cite.starts_with(&format!("{o}, ")), "{cite}");
        }
        assert!(
            cite.contains(&format!("\u{201c}{}\u{201d}", art.title())),
            "{cite}"
        );
        if let Some(date) = &art.date {
            assert!(cite.contains(date.get(..10).unwrap_or(date)), "{cite}");
        }
        let n: usize = cite
            .rsplit('\u{b6}')
            .next()
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no paragraph number in {cite}"));
        let (text, paras) = &body[&q.article];
        let (s, e) = paras[n - 1];
        let para: String = text.chars().skip(s).take(e - s).collect();
        // The quotation's words (quote marks aside) are in that paragraph.
        let words: String = q
            .text
            .trim_matches(|c: char| c.is_whitespace() || "\"'\u{201c}\u{201d},.".contains(c))
            .chars()
            .take(60)
            .collect();
        assert!(
            para.contains(&words),
            "{cite}: {words:?} is not in paragraph {n}: {para:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, d.quotes.len());
    // The briefing's own claims carry the same citations, and acts are never quoted.
    for p in &b.profiles.items {
        for c in &p.claims {
            assert!(d
                .quotes
                .iter()
                .any(|q| q.text == c.text && d.cite(q) == c.citation));
        }
    }
    let md = report::markdown::render(&b, None);
    assert!(md.contains("## Contents"));
    let named = d.quotes.iter().filter(|q| q.speaker.is_some()).count();
    assert!(
        md.contains(&format!("{named} of the {} quotations", d.quotes.len()))
            || md.contains(&format!("all {named} quotations")),
        "the story's count must match the header's"
    );
}
