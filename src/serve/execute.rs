//! Evaluating queries and updates against the store, with cancellation, a result cap
//! and serialisation into the negotiated format.

use super::error::ApiError;
use super::negotiate::{graph_format, graph_media_types, results_format, results_media_types};
use super::protocol::{QueryRequest, UpdateRequest};
use super::wire::GraphTarget;
use crate::query::service::Guarded;
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

/// Maps the library's parse errors to 400.
fn syntax(e: crate::error::Error) -> ApiError {
    match e {
        crate::error::Error::Sparql(m) => ApiError::bad_request(m),
        other => ApiError::bad_request(other.to_string()),
    }
}

/// Evaluates a query and serialises its result as `media_type` (already negotiated
/// by the endpoint). The default graph is the set union of all graphs
/// ([`super::union::evaluate`]) unless the request (`default-graph-uri` / `named-graph-uri`)
/// or the query (FROM / FROM NAMED) says otherwise; protocol parameters override the
/// query's own dataset. `SERVICE` calls go through `services` (refused by default).
pub fn run_query(
    store: &Store,
    req: &QueryRequest,
    media_type: &str,
    token: CancellationToken,
    limits: &QueryLimits,
    services: &Guarded,
) -> Result<Payload, ApiError> {
    let parsed = crate::query::parse_query(&req.query).map_err(syntax)?;
    let bag_insensitive = crate::query::setsafe::bag_insensitive(&parsed);
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .with_default_service_handler(services.clone())
        .for_query(parsed);
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
    let results = super::union::evaluate(store, prepared, bag_insensitive)
        .map_err(|e| eval_error(e, limits))?;
    let format = Some(media_type);
    match results {
        QueryResults::Boolean(value) => {
            let f = results_format(format, None)
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
            let f = results_format(format, None).ok_or_else(|| {
                ApiError::not_acceptable("SELECT results", &results_media_types())
            })?;
            let vars = crate::query::column_order(&req.query, solutions.variables());
            let mut writer = QueryResultsSerializer::from_format(f.format)
                .serialize_solutions_to_writer(Vec::new(), vars.clone())
                .map_err(io_error)?;
            for (n, solution) in solutions.enumerate() {
                let solution = solution.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_results {
                    return Err(ApiError::result_too_large(limits.max_results));
                }
                if token.is_cancelled() {
                    return Err(ApiError::timeout(limits.timeout_secs));
                }
                let values: Vec<_> = vars
                    .iter()
                    .filter_map(|v| solution.get(v).map(|t| (v, t)))
                    .collect();
                writer.serialize(values).map_err(io_error)?;
            }
            Ok(Payload {
                body: writer.finish().map_err(io_error)?,
                media_type: f.media_type,
            })
        }
        QueryResults::Graph(triples) => {
            let f = graph_format(format, None).ok_or_else(|| {
                ApiError::not_acceptable("CONSTRUCT/DESCRIBE results", &graph_media_types())
            })?;
            let mut writer = serializer(f.format)?.for_writer(Vec::new());
            for (n, triple) in triples.enumerate() {
                let triple = triple.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_results {
                    return Err(ApiError::result_too_large(limits.max_results));
                }
                if token.is_cancelled() {
                    return Err(ApiError::timeout(limits.timeout_secs));
                }
                if f.format.supports_datasets() {
                    writer
                        .serialize_quad(&triple.in_graph(GraphName::DefaultGraph))
                        .map_err(io_error)?;
                } else {
                    writer.serialize_triple(&triple).map_err(io_error)?;
                }
            }
            Ok(Payload {
                body: writer.finish().map_err(io_error)?,
                media_type: f.media_type,
            })
        }
    }
}

/// An RDF serialiser for `format`, with the project prefixes where the format has them.
fn serializer(format: RdfFormat) -> Result<RdfSerializer, ApiError> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::RdfXml | RdfFormat::TriG
    ) {
        for (prefix, ns) in PREFIXES
            .iter()
            .filter(|(p, _)| *p != "rdf" || format == RdfFormat::RdfXml)
        {
            serializer = serializer
                .with_prefix(*prefix, *ns)
                .map_err(|e| ApiError::internal(format!("bad prefix {prefix}: {e}")))?;
        }
    }
    Ok(serializer)
}

/// Executes an update. `USING` / `USING NAMED` protocol parameters override the
/// update's own; without either, WHERE clauses see the union of all graphs (like queries),
/// while INSERT/DELETE templates without `GRAPH` write the store's default graph.
pub fn run_update(
    store: &Store,
    req: &UpdateRequest,
    token: CancellationToken,
) -> Result<(), ApiError> {
    let parsed = crate::query::parse_update(&req.update).map_err(syntax)?;
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .with_default_service_handler(crate::query::service::Refuse)
        .for_update(parsed);
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
    prepared.on_store(store).execute().map_err(|e| {
        let m = e.to_string();
        if m.contains("cancelled") {
            ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "update cancelled: it ran longer than the time limit (--timeout-secs); nothing was written",
            )
        } else {
            ApiError::internal(format!("update failed: {m}"))
        }
    })
}

/// Serialises a Graph Store Protocol read: the default graph (each triple once),
/// one named graph (404 when the store has no such graph), or the whole dataset
/// (N-Quads / TriG only).
pub fn dump_graph(
    store: &Store,
    target: &GraphTarget,
    media_type: &str,
) -> Result<Payload, ApiError> {
    let f = graph_format(Some(media_type), None)
        .ok_or_else(|| ApiError::not_acceptable("a graph", &graph_media_types()))?;
    let storage =
        |e: oxigraph::store::StorageError| ApiError::internal(format!("reading the store: {e}"));
    let mut writer = serializer(f.format)?.for_writer(Vec::new());
    let write_triple = |w: &mut oxigraph::io::WriterQuadSerializer<Vec<u8>>,
                        t: oxigraph::model::Triple| {
        if f.format.supports_datasets() {
            w.serialize_quad(&t.in_graph(GraphName::DefaultGraph))
        } else {
            w.serialize_triple(&t)
        }
    };
    match target {
        GraphTarget::Default => {
            let mut seen = std::collections::HashSet::new();
            for q in store.quads_for_pattern(None, None, None, None) {
                let t = oxigraph::model::Triple::from(q.map_err(storage)?);
                if seen.insert(t.clone()) {
                    write_triple(&mut writer, t).map_err(io_error)?;
                }
            }
        }
        GraphTarget::Named(iri) => {
            let g = NamedNode::new(iri.as_str())
                .map_err(|e| ApiError::bad_request(format!("invalid graph IRI {iri:?}: {e}")))?;
            if !store.contains_named_graph(g.as_ref()).map_err(storage)? {
                return Err(ApiError::new(
                    axum::http::StatusCode::NOT_FOUND,
                    format!("no graph <{iri}> in the store (GET /store lists the dataset)"),
                ));
            }
            for q in store.quads_for_pattern(None, None, None, Some(g.as_ref().into())) {
                write_triple(
                    &mut writer,
                    oxigraph::model::Triple::from(q.map_err(storage)?),
                )
                .map_err(io_error)?;
            }
        }
        GraphTarget::Dataset => {
            if !f.format.supports_datasets() {
                return Err(ApiError::not_acceptable(
                    "the whole dataset (ask for one graph with ?default or ?graph=IRI)",
                    &["application/n-quads", "application/trig"],
                ));
            }
            for q in store.iter() {
                writer
                    .serialize_quad(&q.map_err(storage)?)
                    .map_err(io_error)?;
            }
        }
    }
    Ok(Payload {
        body: writer.finish().map_err(io_error)?,
        media_type: f.media_type,
    })
}
