//! Actor network on hand-written graphs (tests/data/graph/) and, when ingest works, the corpus.

use stancegraph::network::{path, Analysis, BuildOptions, EdgeKind, Filter};
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

fn analyse(file: &str, filter: &Filter) -> Analysis {
    Analysis::load(&load(file), filter, &BuildOptions::default()).expect("analysis")
}

#[test]
fn corpus_fixture_prints() {
    let a = analyse("ibtimes-cloudflare.trig", &Filter::default());
    println!("{}", a.to_text(15));
    println!("{}", a.path_text("Daniel Brandt", "intelligence agencies"));
    let _ = (path::shortest_path, EdgeKind::Act);
}
