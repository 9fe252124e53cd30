//! SHACL validation of the store against `ontology/shapes.ttl`.
//!
//! The union of all graphs is dumped as N-Triples, loaded into the `shacl`
//! crate's in-memory graph and validated with its native engine. The shapes
//! shipped with stancegraph are embedded in the binary; another shapes file
//! can be given.

use crate::error::{Error, Result};
use crate::store::Store;
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_impl::{OxigraphInMemory, ReaderMode};
use shacl::validator::processor::{DataValidation, ShaclProcessor};
use shacl::validator::store::{Graph, ShaclDataManager, Store as _};
use shacl::validator::{ShaclConfig, ShaclValidationMode};

/// The shapes of the graph model (ontology/shapes.ttl), embedded.
pub const SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// The ontology (ontology/stancegraph.ttl), embedded.
pub const ONTOLOGY: &str = include_str!("../ontology/stancegraph.ttl");

/// One violation, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The node that failed.
    pub focus: String,
    /// The property path, if the constraint is on a property.
    pub path: Option<String>,
    /// The constraint component (e.g. `sh:MinCountConstraintComponent`).
    pub component: String,
    /// The offending value, if any.
    pub value: Option<String>,
    /// The severity (`sh:Violation`, ...).
    pub severity: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.focus, self.component)?;
        if let Some(p) = &self.path {
            write!(f, " path {p}")?;
        }
        if let Some(v) = &self.value {
            write!(f, " value {v}")?;
        }
        Ok(())
    }
}

/// The outcome of a validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// True when the data conforms to every shape.
    pub conforms: bool,
    /// The violations found.
    pub violations: Vec<Violation>,
    /// Number of triples validated.
    pub triples: usize,
}

/// Validates N-Triples `data` against Turtle `shapes`.
pub fn validate_ntriples(data: &[u8], shapes: &str) -> Result<Report> {
    let shacl_err =
        |what: &str, e: &dyn std::fmt::Display| Error::Other(format!("SHACL {what}: {e}"));
    let schema = ShaclDataManager::load(&mut shapes.as_bytes(), "shapes", &RDFFormat::Turtle, None)
        .map_err(|e| shacl_err("shapes", &e))?;
    let mut reader = data;
    let graph = OxigraphInMemory::from_reader(
        &mut reader,
        "data",
        &RDFFormat::NTriples,
        None,
        &ReaderMode::default(),
    )
    .map_err(|e| shacl_err("data", &e))?;
    let graph = Graph::try_from(graph).map_err(|e| shacl_err("data", &e))?;
    let mut validator: DataValidation = graph.store().clone().into();
    let report = validator
        .validate(
            &schema,
            &ShaclValidationMode::Native,
            &ShaclConfig::default(),
        )
        .map_err(|e| shacl_err("validation", &e))?;
    let violations = report
        .results()
        .iter()
        .map(|r| Violation {
            focus: r.focus_node().to_string(),
            path: r.path().map(|p| p.to_string()),
            component: r.constraint_component().to_string(),
            value: r.value().map(|v| v.to_string()),
            severity: format!("{:?}", r.severity()),
        })
        .collect();
    let triples = data
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    Ok(Report {
        conforms: report.conforms(),
        violations,
        triples,
    })
}

/// Validates the union graph of `store` against `shapes` (Turtle; default [`SHAPES`]).
pub fn validate_store(store: &Store, shapes: Option<&str>) -> Result<Report> {
    let mut data = vec![];
    store.dump(oxigraph::io::RdfFormat::NTriples, None, &mut data)?;
    validate_ntriples(&data, shapes.unwrap_or(SHAPES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_without_a_name_or_kind_is_rejected() {
        let nt = b"<https://w3id.org/stancegraph/id/actor/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/stancegraph/ns#Actor> .\n<https://w3id.org/stancegraph/id/actor/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Agent> .\n";
        let r = validate_ntriples(nt, SHAPES).unwrap();
        assert!(!r.conforms);
        let text: Vec<String> = r.violations.iter().map(|v| v.to_string()).collect();
        assert!(
            text.iter()
                .any(|t| t.contains("schema.org/name") || t.contains("name")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.contains("actorKind")), "{text:?}");
    }

    #[test]
    fn the_ontology_and_shapes_parse() {
        let r = validate_ntriples(b"", SHAPES).unwrap();
        assert!(r.conforms);
        ShaclDataManager::load(
            &mut ONTOLOGY.as_bytes(),
            "ontology",
            &RDFFormat::Turtle,
            None,
        )
        .unwrap();
    }
}
