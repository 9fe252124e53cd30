//! # stancegraph
//!
//! Turns news coverage into a knowledge graph of *who argues what*.
//!
//! The library is one pipeline of stages, each with one contract:
//!
//! ```text
//! ingest  -> Document            (plain text, Markdown + front matter, HTML, JSON Lines)
//! annotate -> Extraction          (segment, mentions, coreference, attribution, relations, stance)
//! rdf     -> quads in a named graph per article
//! store   -> persistent oxigraph store
//! consumers (query, network, report, serve, export, push) read the graph through SPARQL
//! ```
//!
//! See `ARCHITECTURE.md` at the repository root for the module map.

pub mod annotate;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod extraction;
pub mod ingest;
pub mod models;
pub mod network;
pub mod overrides;
pub mod push;
pub mod query;
pub mod rdf;
pub mod report;
pub mod resolve;
pub mod serve;
pub mod store;
pub mod syntax;
pub mod targets;
pub mod validate;

pub use document::{Document, Meta};
pub use error::{Error, Result};
pub use extraction::Extraction;

/// Version of the tool, recorded in the provenance of every extraction run.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
