//! Export the store (or one article's graph) as Turtle, N-Quads, TriG or JSON-LD.
//!
//! Turtle holds triples only: the union of the selected graphs, without
//! duplicates. N-Quads, TriG and JSON-LD keep the named graphs (JSON-LD as a
//! `@graph` per named graph, written by oxigraph's serializer).

use crate::error::{Error, Result};
use crate::rdf::mapping;
use crate::store::Store;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::io::Write;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Turtle (triples, graphs merged).
    Turtle,
    /// N-Triples (triples, graphs merged).
    NTriples,
    /// N-Quads (one named graph per article).
    NQuads,
    /// TriG (one named graph per article).
    TriG,
    /// JSON-LD (named graphs as `@graph` objects).
    JsonLd,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => ExportFormat::Turtle,
            "ntriples" | "nt" => ExportFormat::NTriples,
            "nquads" | "nq" => ExportFormat::NQuads,
            "trig" => ExportFormat::TriG,
            "jsonld" | "json-ld" => ExportFormat::JsonLd,
            other => {
                return Err(Error::Other(format!(
                    "unknown export format {other:?} (turtle, ntriples, nquads, trig, jsonld)"
                )))
            }
        })
    }
}

impl ExportFormat {
    /// The oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Writes the whole store, or only article `article`'s graph, to `out`.
pub fn export(
    store: &Store,
    format: ExportFormat,
    article: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    match article {
        None => store.dump(format.rdf_format(), None, out),
        Some(id) => {
            let id = crate::ingest::slug(id);
            let g = mapping::graph_iri(&id);
            if store.graph_len(g.as_ref())? == 0 {
                return Err(Error::Other(format!(
                    "no article {id:?} in the store (see `stancegraph query --sparql 'SELECT ?id {{ ?a sg:documentId ?id }}'`)"
                )));
            }
            store.dump(format.rdf_format(), Some(g.as_ref()), out)
        }
    }
}
