//! Briefing reports on hand-written graphs (tests/data/graph/) and, when ingest works, the corpus.

use stancegraph::network::{Analysis, BuildOptions, Filter};
use stancegraph::report::{self, BriefOptions, Briefing};
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

#[test]
fn corpus_fixture_briefing_dump() {
    let a = Analysis::load(
        &load("ibtimes-cloudflare.trig"),
        &Filter::default(),
        &BuildOptions::default(),
    )
    .unwrap();
    let b = Briefing::build(&a, &BriefOptions::default());
    let dir = std::path::Path::new("/tmp/brief-fixture");
    report::write(&b, dir).unwrap();
}
