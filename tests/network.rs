//! Actor network on hand-written graphs (tests/data/graph/): the corpus story as an
//! analyst would extract it, and a synthetic two-outlet story with other names.

use stancegraph::network::{export, path, Analysis, BuildOptions, EdgeKind, Filter};
use stancegraph::store::Store;

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

fn analyse_with(file: &str, filter: &Filter, opts: &BuildOptions) -> Analysis {
    Analysis::load(&load(file), filter, opts).expect("analysis")
}

fn analyse(file: &str) -> Analysis {
    analyse_with(file, &Filter::default(), &BuildOptions::default())
}

fn node(a: &Analysis, name: &str) -> usize {
    a.network
        .nodes
        .iter()
        .position(|n| n.name == name)
        .unwrap_or_else(|| panic!("no actor {name}"))
}

fn camp(a: &Analysis, name: &str) -> Option<usize> {
    a.camp_of(node(a, name))
}

fn has_edge(a: &Analysis, x: &str, y: &str, pred: impl Fn(EdgeKind, i8) -> bool) -> bool {
    let (i, j) = (node(a, x), node(a, y));
    a.network.edges_between(i, j).any(|e| pred(e.kind, e.sign))
}

const CORPUS: &str = "ibtimes-cloudflare.trig";
const LIBRARY: &str = "library-closure.trig";

#[test]
fn corpus_camps_match_the_analysts_reading() {
    let a = analyse(CORPUS);
    let cut_off = camp(&a, "Anonymous").expect("Anonymous is in a camp");
    let due_process = camp(&a, "CloudFlare").expect("CloudFlare is in a camp");
    assert_ne!(cut_off, due_process, "{}", a.to_text(20));
    assert_eq!(camp(&a, "GhostSec"), Some(cut_off));
    assert_eq!(camp(&a, "Matthew Prince"), Some(due_process));
    // The hosts that removed the sites side with the activists, intelligence agencies against.
    assert_eq!(camp(&a, "Web Hosting UK"), Some(cut_off));
    assert_eq!(camp(&a, "Frank Tighe"), Some(cut_off));
    assert_eq!(camp(&a, "intelligence agencies"), Some(due_process));
    // The camps oppose each other more than they agree.
    assert!(a.camps[cut_off].opposition > 0.0 && a.camps[due_process].opposition > 0.0);
}

#[test]
fn corpus_measures_rank_the_spokesman_and_find_conflict() {
    let a = analyse(CORPUS);
    let prince = node(&a, "Matthew Prince");
    assert_eq!(a.measures.by_pagerank()[0], prince, "{}", a.to_text(20));
    assert!(a.measures.by_degree()[..3].contains(&prince));
    let m = &a.measures.nodes[prince];
    assert!(m.weighted_degree >= m.degree as f64);
    // Anonymous criticises CloudFlare: a hostile act, and a stance against it.
    assert!(has_edge(&a, "Anonymous", "CloudFlare", |k, s| k
        == EdgeKind::Act
        && s < 0));
    assert!(has_edge(&a, "Anonymous", "CloudFlare", |k, s| k
        == EdgeKind::Position
        && s < 0));
    // Opposite sides on the takedown question: DNA conflict edge.
    let conflict = a
        .network
        .edges_between(node(&a, "Anonymous"), node(&a, "Matthew Prince"))
        .find(|e| e.kind == EdgeKind::Conflict)
        .expect("conflict edge");
    assert!(conflict.targets.iter().any(|t| t.contains("Taking down")));
    assert!(!conflict.evidence.is_empty());
    // Same side: congruence between the group and its faction.
    assert!(has_edge(&a, "Anonymous", "GhostSec", |k, s| k
        == EdgeKind::Congruence
        && s > 0));
    // Roles and structure.
    assert!(has_edge(&a, "Matthew Prince", "CloudFlare", |k, _| k
        == EdgeKind::Membership));
    assert!(has_edge(&a, "GhostSec", "Anonymous", |k, _| k
        == EdgeKind::SubOrganisation));
    // The publisher is not an actor of the network.
    assert!(a.network.find("IBTimes UK").is_none());
    assert_eq!(a.measures.components.len(), 1);
    let sum: f64 = a.measures.nodes.iter().map(|m| m.pagerank).sum();
    assert!((sum - 1.0).abs() < 1e-6);
}

#[test]
fn minimum_statement_filter_drops_derived_edges_of_quiet_actors() {
    let opts = |n| BuildOptions {
        min_statements: n,
        ..BuildOptions::default()
    };
    let all = analyse_with(CORPUS, &Filter::default(), &opts(1));
    assert!(has_edge(
        &all,
        "Web Hosting UK",
        "Matthew Prince",
        |k, _| k == EdgeKind::Conflict
    ));
    let two = analyse_with(CORPUS, &Filter::default(), &opts(2));
    // Web Hosting UK holds one stance: no congruence/conflict edge at 2.
    let whuk = node(&two, "Web Hosting UK");
    assert!(!two
        .network
        .edges
        .iter()
        .any(|e| (e.source == whuk || e.target == whuk)
            && matches!(e.kind, EdgeKind::Conflict | EdgeKind::Congruence)));
    assert!(has_edge(&two, "Frank Tighe", "Matthew Prince", |k, _| k
        == EdgeKind::Conflict));
    // Only the CEO has three or more stances: no derived edges at all.
    let three = analyse_with(CORPUS, &Filter::default(), &opts(3));
    assert_eq!(three.network.edges_of(EdgeKind::Conflict).count(), 0);
    assert_eq!(three.network.edges_of(EdgeKind::Congruence).count(), 0);
    // Other edges stay.
    assert!(three.network.edges_of(EdgeKind::Act).count() > 0);
}

#[test]
fn path_between_actors_carries_evidence() {
    let opts = BuildOptions {
        skip_co_quotation: true,
        ..BuildOptions::default()
    };
    let a = analyse_with(CORPUS, &Filter::default(), &opts);
    assert_eq!(a.network.edges_of(EdgeKind::CoQuotation).count(), 0);
    let from = node(&a, "CrimeFlare");
    let to = node(&a, "#OpISIS");
    let steps = path::shortest_path(&a.network, from, to).expect("connected");
    assert!(steps.len() >= 3, "CrimeFlare -> Brandt -> ... -> #OpISIS");
    assert_eq!(steps.first().map(|s| s.from), Some(from));
    assert_eq!(steps.last().map(|s| s.to), Some(to));
    for s in &steps {
        assert!(!s.edges.is_empty());
        assert!(s.edges.iter().all(|e| !e.evidence.is_empty()));
    }
    let text = a.path_text("crimeflare", "#OpISIS");
    assert!(text.contains("Daniel Brandt"), "{text}");
    assert!(a
        .path_text("Nobody Here", "CloudFlare")
        .contains("No actor"));
}

#[test]
fn target_filter_keeps_one_question() {
    let f = Filter {
        target: Some("takedown".into()),
        ..Filter::default()
    };
    let a = analyse_with(CORPUS, &f, &BuildOptions::default());
    assert!(a
        .data
        .stances
        .iter()
        .all(|s| s.target.ends_with("/takedown")));
    assert_eq!(a.data.targets.len(), 1);
    // Brandt took no position on takedowns: he drops out.
    assert!(a.network.find("Daniel Brandt").is_none());
    assert!(has_edge(&a, "Frank Tighe", "Matthew Prince", |k, _| k
        == EdgeKind::Conflict));
    assert_eq!(a.network.edges_of(EdgeKind::Position).count(), 0);
}

#[test]
fn outlet_and_date_filters_select_articles() {
    let all = analyse(LIBRARY);
    assert_eq!(all.data.articles.len(), 3);
    let gazette = analyse_with(
        LIBRARY,
        &Filter {
            outlet: Some("gazette".into()),
            ..Filter::default()
        },
        &BuildOptions::default(),
    );
    assert_eq!(gazette.data.articles.len(), 1);
    assert!(gazette.network.find("Helen Okafor").is_none());
    assert!(gazette.network.find("Tomas Lindqvist").is_some());
    let march = analyse_with(
        LIBRARY,
        &Filter {
            from: Some("2024-03-05".into()),
            to: Some("2024-03-31".into()),
            ..Filter::default()
        },
        &BuildOptions::default(),
    );
    let ids: Vec<&str> = march.data.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["courier-2"]);
    assert!(march.network.find("Dana Reyes").is_none());
    let none = analyse_with(
        LIBRARY,
        &Filter {
            from: Some("2030".into()),
            ..Filter::default()
        },
        &BuildOptions::default(),
    );
    assert!(none.network.nodes.is_empty() && none.camps.is_empty());
}

#[test]
fn library_story_has_two_camps() {
    let a = analyse(LIBRARY);
    let mayor = camp(&a, "Helen Okafor").expect("mayor in a camp");
    let friends = camp(&a, "Dana Reyes").expect("campaigner in a camp");
    assert_ne!(mayor, friends, "{}", a.to_text(20));
    assert_eq!(camp(&a, "Brookfield City Council"), Some(mayor));
    assert_eq!(camp(&a, "Friends of Riverside Library"), Some(friends));
    assert_eq!(camp(&a, "Tomas Lindqvist"), Some(friends));
    assert!(has_edge(&a, "Helen Okafor", "Dana Reyes", |k, _| k
        == EdgeKind::Conflict));
    assert!(has_edge(
        &a,
        "Library Workers Union",
        "Friends of Riverside Library",
        |k, s| k == EdgeKind::Act && s > 0
    ));
    // Co-quotation across articles is counted per article.
    let co = a
        .network
        .edges_between(node(&a, "Helen Okafor"), node(&a, "Dana Reyes"))
        .find(|e| e.kind == EdgeKind::CoQuotation)
        .expect("co-quoted");
    assert_eq!(co.weight, 1.0);
}

#[test]
fn exports_are_well_formed_and_escaped() {
    let a = analyse(LIBRARY);
    let json: serde_json::Value =
        serde_json::from_str(&export::to_json(&a.network, &a.measures, &a.camps)).expect("JSON");
    assert_eq!(
        json["nodes"].as_array().map(|v| v.len()),
        Some(a.network.nodes.len())
    );
    assert_eq!(
        json["edges"].as_array().map(|v| v.len()),
        Some(a.network.edges.len())
    );
    assert!(json["nodes"][0]["pagerank"].is_number());
    let gml = export::to_graphml(&a.network, &a.measures, &a.camps);
    assert_eq!(gml.matches("<node ").count(), a.network.nodes.len());
    assert_eq!(gml.matches("<edge ").count(), a.network.edges.len());
    assert!(gml.contains("Smith &amp; &lt;Partners&gt; Consulting"));
    assert!(!gml.contains("<Partners>"));
    let gexf = export::to_gexf(&a.network, &a.measures, &a.camps);
    assert!(gexf.starts_with("<?xml") && gexf.trim_end().ends_with("</gexf>"));
    assert_eq!(gexf.matches("<edge ").count(), a.network.edges.len());
    assert!(gexf.contains("value=\"conflict\""));
    let dot = export::to_dot(&a.network, &a.measures, &a.camps);
    assert!(dot.starts_with("digraph") && dot.contains("label=\"Smith & <Partners> Consulting\""));
    if let Some(py) = ["/usr/bin/python3", "python3"].iter().find(|p| {
        std::process::Command::new(p)
            .arg("-c")
            .arg("import xml.dom.minidom")
            .status()
            .is_ok_and(|s| s.success())
    }) {
        for doc in [&gml, &gexf] {
            let dir = tempfile::tempdir().expect("tmp");
            let f = dir.path().join("g.xml");
            std::fs::write(&f, doc).expect("write");
            let ok = std::process::Command::new(py)
                .arg("-c")
                .arg("import sys, xml.dom.minidom as m; m.parse(sys.argv[1])")
                .arg(&f)
                .status()
                .expect("python");
            assert!(ok.success(), "XML does not parse");
        }
    } else {
        eprintln!("SKIP XML parse check: no python3 with xml.dom");
    }
}

/// Pythons with networkx: Debian's (2.8) and the test venv's (current), when present.
fn networkx_pythons() -> Vec<String> {
    let venv = std::env::var("STANCEGRAPH_NX_VENV").unwrap_or_else(|_| {
        format!(
            "{}/.cache/stancegraph/nxvenv",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let mut found = vec![];
    for py in ["/usr/bin/python3".to_string(), format!("{venv}/bin/python")] {
        let version = std::process::Command::new(&py)
            .args(["-c", "import networkx; print(networkx.__version__)"])
            .output();
        match version {
            Ok(o) if o.status.success() => {
                let v = String::from_utf8_lossy(&o.stdout).trim().to_string();
                if !found.iter().any(|(_, w): &(String, String)| *w == v) {
                    found.push((py, v));
                }
            }
            _ => eprintln!("SKIP: {py} has no networkx (scripts/setup.sh --test installs it)"),
        }
    }
    found.into_iter().map(|(p, _)| p).collect()
}

#[test]
fn networkx_reads_graphml_and_gexf_with_the_json_counts() {
    for fixture in ["ibtimes-cloudflare.trig", LIBRARY] {
        let a = analyse(fixture);
        let json: serde_json::Value =
            serde_json::from_str(&export::to_json(&a.network, &a.measures, &a.camps)).unwrap();
        let nodes = json["nodes"].as_array().unwrap().len();
        let edges = json["edges"].as_array().unwrap().len();
        // Camps are numbered from 1 everywhere (the briefing says "camp 1").
        let numbers: Vec<u64> = json["camps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["number"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, (1..=a.camps.len() as u64).collect::<Vec<_>>());
        let dir = tempfile::tempdir().unwrap();
        let gml = dir.path().join("g.graphml");
        let gexf = dir.path().join("g.gexf");
        std::fs::write(&gml, export::to_graphml(&a.network, &a.measures, &a.camps)).unwrap();
        std::fs::write(&gexf, export::to_gexf(&a.network, &a.measures, &a.camps)).unwrap();
        let script = format!(
            "{}/tests/support/networkx_check.py",
            env!("CARGO_MANIFEST_DIR")
        );
        for py in networkx_pythons() {
            let out = std::process::Command::new(&py)
                .arg(&script)
                .arg(&gml)
                .arg(&gexf)
                .arg(nodes.to_string())
                .arg(edges.to_string())
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            println!(
                "{py} {fixture}:\n{text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.status.success(),
                "networkx check failed for {fixture}:\n{text}"
            );
        }
    }
}

#[test]
fn spreadsheet_csvs_have_every_stance_and_quotation() {
    let a = analyse(LIBRARY);
    let matrix = export::stance_matrix_csv(&a);
    let mut r = csv::Reader::from_reader(matrix.as_bytes());
    let head = r.headers().unwrap().clone();
    assert_eq!(&head[0], "actor");
    assert_eq!(head.len(), 4 + a.data.targets.len());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let holders: std::collections::BTreeSet<&str> =
        a.data.stances.iter().map(|s| s.holder.as_str()).collect();
    assert_eq!(rows.len(), holders.len());
    let claims = export::claims_csv(&a);
    let mut r = csv::Reader::from_reader(claims.as_bytes());
    assert_eq!(&r.headers().unwrap()[11], "text");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    for q in &a.data.quotes {
        assert!(
            rows.iter().any(|row| row[11] == q.text),
            "missing {:?}",
            q.text
        );
    }
    let stanced = rows.iter().filter(|row| !row[13].is_empty()).count();
    assert!(stanced > 0 && stanced <= a.data.stances.len());
}
