//! The SPARQL 1.1 Service Description answered on `GET /sparql` without a query.

use super::negotiate::GraphFormat;
use super::ServeConfig;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{BlankNode, Graph, NamedNode, Triple};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn n(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// The description of the endpoint at `endpoint` (its absolute URL), serialised as `format`.
pub fn service_description(
    config: &ServeConfig,
    endpoint: &str,
    format: GraphFormat,
) -> std::io::Result<Vec<u8>> {
    let mut g = Graph::new();
    let service = BlankNode::default();
    let sd = |l: &str| n(format!("{SD}{l}"));
    let mut add = |s: oxigraph::model::NamedOrBlankNode, p: NamedNode, o: oxigraph::model::Term| {
        g.insert(&Triple::new(s, p, o));
    };
    let s: oxigraph::model::NamedOrBlankNode = service.clone().into();
    add(s.clone(), n(RDF_TYPE.into()), sd("Service").into());
    if let Ok(e) = NamedNode::new(endpoint) {
        add(s.clone(), sd("endpoint"), e.into());
    }
    add(
        s.clone(),
        sd("supportedLanguage"),
        sd("SPARQL11Query").into(),
    );
    if config.allow_update {
        add(
            s.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Update").into(),
        );
    }
    add(s.clone(), sd("feature"), sd("UnionDefaultGraph").into());
    if !config.services.is_disabled() {
        add(s.clone(), sd("feature"), sd("BasicFederatedQuery").into());
    }
    add(
        s.clone(),
        sd("defaultEntailmentRegime"),
        n("http://www.w3.org/ns/entailment/Simple".into()).into(),
    );
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "RDF_XML",
        "JSON-LD",
    ] {
        add(
            s.clone(),
            sd("resultFormat"),
            n(format!("{FORMATS}{f}")).into(),
        );
    }
    let dataset = BlankNode::default();
    let default_graph = BlankNode::default();
    add(s.clone(), sd("defaultDataset"), dataset.clone().into());
    add(
        dataset.clone().into(),
        n(RDF_TYPE.into()),
        sd("Dataset").into(),
    );
    add(
        dataset.clone().into(),
        sd("defaultGraph"),
        default_graph.clone().into(),
    );
    add(default_graph.into(), n(RDF_TYPE.into()), sd("Graph").into());
    let mut ser = RdfSerializer::from_format(format.format);
    if matches!(
        format.format,
        oxigraph::io::RdfFormat::Turtle | oxigraph::io::RdfFormat::TriG
    ) {
        ser = ser.with_prefix("sd", SD).map_err(std::io::Error::other)?;
        ser = ser
            .with_prefix("formats", FORMATS)
            .map_err(std::io::Error::other)?;
    }
    let mut w = ser.for_writer(Vec::new());
    for t in g.iter() {
        if format.format.supports_datasets() {
            w.serialize_quad(t.in_graph(oxigraph::model::GraphNameRef::DefaultGraph))?;
        } else {
            w.serialize_triple(t)?;
        }
    }
    w.finish()
}
