//! Evaluating queries and updates against the store, with cancellation, a result cap
//! and serialisation into the negotiated format.

use super::error::ApiError;
use super::negotiate::{graph_format, graph_media_types, results_format, results_media_types};
use super::protocol::{QueryRequest, UpdateRequest};
use super::union::UnionDataset;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// A serialised response body and its media type.
#[derive(Debug)]
pub struct Payload {
    /// The response body.
    pub body: Vec<u8>,
    /// Its `Content-Type` (without parameters).
    pub media_type: &'static str,
}

/// Limits applied to one query evaluation.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    /// Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in a result.
    pub max_results: usize,
    /// The time limit in seconds (for the message only; the token enforces it).
    pub timeout_secs: f64,
}

use crate::rdf::vocab::PREFIXES;

fn iris(list: &[String], param: &str) -> Result<Vec<NamedNode>, ApiError> {
    list.iter()
        .map(|s| {
            NamedNode::new(s.as_str())
                .map_err(|e| ApiError::bad_request(format!("invalid IRI in {param} {s:?}: {e}")))
        })
        .collect()
}

fn eval_error(e: QueryEvaluationError, limits: &QueryLimits) -> ApiError {
    match e {
        QueryEvaluationError::Cancelled => ApiError::timeout(limits.timeout_secs),
        other => ApiError::internal(format!("query evaluation failed: {other}")),
    }
}

fn io_error(e: std::io::Error) -> ApiError {
    ApiError::internal(format!("cannot serialise the result: {e}"))
}

/// Evaluates a query and serialises its result in the format negotiated from
/// `req.format` and `accept`. The default graph is the set union of all graphs
/// ([`UnionDataset`]) unless
/// the request (`default-graph-uri` / `named-graph-uri`) or the query (FROM / FROM NAMED)
/// says otherwise; protocol parameters override the query's own dataset.
pub fn run_query(
    store: &Store,
    req: &QueryRequest,
    accept: Option<&str>,
    token: CancellationToken,
    limits: &QueryLimits,
) -> Result<Payload, ApiError> {
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(&req.query)
        .map_err(|e| ApiError::bad_request(format!("SPARQL syntax error: {e}")))?;
    let default_graphs = iris(&req.default_graphs, "default-graph-uri")?;
    let named_graphs = iris(&req.named_graphs, "named-graph-uri")?;
    let dataset = prepared.dataset_mut();
    if !default_graphs.is_empty() || !named_graphs.is_empty() {
        dataset.set_default_graph(default_graphs.into_iter().map(GraphName::from).collect());
        dataset.set_available_named_graphs(
            named_graphs
                .into_iter()
                .map(NamedOrBlankNode::from)
                .collect(),
        );
    }
    // Without a requested dataset the store's default graph is read through
    // UnionDataset, where it is the set union of all graphs.
    let results = if std::env::var_os("SG_MULTISET").is_some() {
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared.on_store(store).execute()
    } else {
        prepared
            .on_queryable_dataset(UnionDataset::new(store.clone()))
            .execute()
    }
    .map_err(|e| eval_error(e, limits))?;
    let format = req.format.as_deref();
    match results {
        QueryResults::Boolean(value) => {
            let f = results_format(format, accept)
                .ok_or_else(|| ApiError::not_acceptable("an ASK result", &results_media_types()))?;
            let body = QueryResultsSerializer::from_format(f.format)
                .serialize_boolean_to_writer(Vec::new(), value)
                .map_err(io_error)?;
            Ok(Payload {
                body,
                media_type: f.media_type,
            })
        }
        QueryResults::Solutions(solutions) => {
            let f = results_format(format, accept).ok_or_else(|| {
                ApiError::not_acceptable("SELECT results", &results_media_types())
            })?;
            let mut writer = QueryResultsSerializer::from_format(f.format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(io_error)?;
            for (n, solution) in solutions.enumerate() {
                let solution = solution.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_results {
                    return Err(ApiError::result_too_large(limits.max_results));
                }
                if token.is_cancelled() {
                    return Err(ApiError::timeout(limits.timeout_secs));
                }
                writer.serialize(&solution).map_err(io_error)?;
            }
            Ok(Payload {
                body: writer.finish().map_err(io_error)?,
                media_type: f.media_type,
            })
        }
        QueryResults::Graph(triples) => {
            let f = graph_format(format, accept).ok_or_else(|| {
                ApiError::not_acceptable("CONSTRUCT/DESCRIBE results", &graph_media_types())
            })?;
            let mut serializer = RdfSerializer::from_format(f.format);
            if matches!(f.format, RdfFormat::Turtle | RdfFormat::RdfXml) {
                for (prefix, ns) in PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *ns)
                        .map_err(|e| ApiError::internal(format!("bad prefix {prefix}: {e}")))?;
                }
            }
            let mut writer = serializer.for_writer(Vec::new());
            for (n, triple) in triples.enumerate() {
                let triple = triple.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_results {
                    return Err(ApiError::result_too_large(limits.max_results));
                }
                if token.is_cancelled() {
                    return Err(ApiError::timeout(limits.timeout_secs));
                }
                writer.serialize_triple(&triple).map_err(io_error)?;
            }
            Ok(Payload {
                body: writer.finish().map_err(io_error)?,
                media_type: f.media_type,
            })
        }
    }
}

/// Executes an update. `USING` / `USING NAMED` protocol parameters override the
/// update's own; without either, WHERE clauses see the union of all graphs (like queries),
/// while INSERT/DELETE templates without `GRAPH` write the store's default graph.
pub fn run_update(store: &Store, req: &UpdateRequest) -> Result<(), ApiError> {
    let mut prepared = SparqlEvaluator::new()
        .parse_update(&req.update)
        .map_err(|e| ApiError::bad_request(format!("SPARQL syntax error: {e}")))?;
    let using = iris(&req.using_graphs, "using-graph-uri")?;
    let using_named = iris(&req.using_named_graphs, "using-named-graph-uri")?;
    for dataset in prepared.using_datasets_mut() {
        if !using.is_empty() || !using_named.is_empty() {
            dataset.set_default_graph(using.iter().cloned().map(GraphName::from).collect());
            dataset.set_available_named_graphs(
                using_named
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::from)
                    .collect(),
            );
        } else if dataset.is_default_dataset() {
            dataset.set_default_graph_as_union();
        }
    }
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| ApiError::internal(format!("update failed: {e}")))
}
