//! SPARQL 1.1 Protocol HTTP endpoint over the store (`stancegraph serve`).
//!
//! Routes: `GET /` (what this is), `GET /health`, `GET|POST /sparql` (queries; updates
//! only when [`ServeConfig::allow_update`]). Queries run on the blocking thread pool with
//! a cancellation token fired by a timer; results are serialised in the format chosen
//! by content negotiation (see [`negotiate`]). The default graph is the union of all
//! named graphs unless the request names a dataset.
//!
//! Limits: request bodies (and GET query strings) above `max_body_bytes` get 413; a
//! query running past `timeout` is cancelled and answered 503; a result with more
//! than `max_results` rows or triples is refused with 500 and a message (never
//! silently truncated).

pub mod error;
pub mod execute;
pub mod negotiate;
pub mod protocol;
pub mod union;

use crate::error::{Error, Result};
use crate::store::Store;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use error::ApiError;
use execute::{Payload, QueryLimits};
use oxigraph::sparql::CancellationToken;
use protocol::Operation;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Settings of the endpoint.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on (loopback by default).
    pub bind: SocketAddr,
    /// Accept SPARQL updates (the store must then be opened read-write).
    pub allow_update: bool,
    /// Time limit of one query.
    pub timeout: Duration,
    /// Largest accepted request body or GET query string, in bytes.
    pub max_body_bytes: usize,
    /// Most rows or triples one result may hold.
    pub max_results: usize,
    /// Queries evaluated at once; more wait (within their time limit) for a free slot.
    pub max_concurrent_queries: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            allow_update: false,
            timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            max_results: 100_000,
            max_concurrent_queries: default_concurrency(),
        }
    }
}

/// The default number of concurrent query evaluations: the available CPUs.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

#[derive(Clone)]
struct AppState {
    store: oxigraph::store::Store,
    config: Arc<ServeConfig>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// The axum router of the endpoint over `store` (which must be writable when
/// `config.allow_update` is set).
pub fn router(store: &Store, config: ServeConfig) -> Router {
    let slots = Arc::new(tokio::sync::Semaphore::new(
        config.max_concurrent_queries.max(1),
    ));
    let state = AppState {
        store: store.inner().clone(),
        config: Arc::new(config),
        slots,
    };
    Router::new()
        .route("/", get(index))
        .route("/health", get(health))
        .route("/sparql", get(sparql).post(sparql))
        .with_state(state)
}

/// Serves `store` on `listener` until `shutdown` completes, then stops accepting and
/// waits for in-flight requests (bounded by the query time limit; callers that want a
/// hard stop can exit from their `shutdown` future, as `stancegraph serve` does).
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: &Store,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let app = router(store, config);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Error::io("serving HTTP", e))
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

async fn health(State(st): State<AppState>) -> Response {
    let body = format!(
        "{{\"status\":\"ok\",\"updates\":{}}}\n",
        st.config.allow_update
    );
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn index(State(st): State<AppState>) -> Html<String> {
    let c = &st.config;
    let mode = if c.allow_update {
        "read-write: SPARQL updates are accepted"
    } else {
        "read-only: updates are refused with 403"
    };
    Html(format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stancegraph SPARQL endpoint</title></head>
<body>
<h1>stancegraph SPARQL endpoint</h1>
<p>This server exposes a stancegraph knowledge graph (who argues what in news coverage)
as a <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a> endpoint at
<code>/sparql</code>. The default graph is the union of all article graphs
(<code>https://w3id.org/stancegraph/id/graph/&lt;doc&gt;</code>) unless
<code>default-graph-uri</code> / <code>named-graph-uri</code> or FROM clauses say otherwise.</p>
<ul>
<li>Mode: {mode}.</li>
<li>Query time limit: {timeout} s; at most {max_results} rows or triples per result;
requests up to {max_body} bytes.</li>
<li>SELECT/ASK formats: {results}.</li>
<li>CONSTRUCT/DESCRIBE formats: {graphs}.</li>
<li>Health check: <a href="/health">/health</a>.</li>
</ul>
<form action="/sparql" method="get">
<textarea name="query" rows="8" cols="80">PREFIX sg: &lt;https://w3id.org/stancegraph/ns#&gt;
PREFIX schema: &lt;http://schema.org/&gt;
SELECT ?speaker ?text WHERE {{
  ?q a schema:Quotation ; schema:text ?text ; schema:spokenByCharacter/schema:name ?speaker .
}} LIMIT 20</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option><option>turtle</option><option>ntriples</option><option>jsonld</option></select>
<button type="submit">Run</button>
</form>
</body></html>
"#,
        timeout = c.timeout.as_secs_f64(),
        max_results = c.max_results,
        max_body = c.max_body_bytes,
        results = negotiate::results_media_types().join(", "),
        graphs = negotiate::graph_media_types().join(", "),
    ))
}

async fn sparql(
    State(st): State<AppState>,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw_query): RawQuery,
    body: Body,
) -> Response {
    match handle(st, method, headers, raw_query, body).await {
        Ok(resp) => resp,
        Err(e) => e.into_response(),
    }
}

async fn handle(
    st: AppState,
    method: Method,
    headers: HeaderMap,
    raw_query: Option<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let limit = st.config.max_body_bytes;
    if raw_query.as_ref().is_some_and(|q| q.len() > limit) {
        return Err(ApiError::too_large(limit));
    }
    let header_str = |name: header::HeaderName| -> Option<String> {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let op = if method == Method::POST {
        let declared =
            header_str(header::CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(ApiError::too_large(limit));
        }
        let bytes = axum::body::to_bytes(body, limit)
            .await
            .map_err(|_| ApiError::too_large(limit))?;
        protocol::parse_post(
            raw_query.as_deref(),
            header_str(header::CONTENT_TYPE).as_deref(),
            &bytes,
        )?
    } else {
        protocol::parse_get(raw_query.as_deref())?
    };
    match op {
        Operation::Query(req) => {
            let accept = header_str(header::ACCEPT);
            let token = CancellationToken::new();
            let timer = {
                let token = token.clone();
                let timeout = st.config.timeout;
                tokio::spawn(async move {
                    tokio::time::sleep(timeout).await;
                    token.cancel();
                })
            };
            let limits = QueryLimits {
                max_results: st.config.max_results,
                timeout_secs: st.config.timeout.as_secs_f64(),
            };
            let started = tokio::time::Instant::now();
            // Bounded parallelism: a query waits for a free slot, within its time limit,
            // instead of piling up threads that slow every query down.
            let permit = match tokio::time::timeout(
                st.config.timeout,
                Arc::clone(&st.slots).acquire_owned(),
            )
            .await
            {
                Ok(Ok(permit)) => permit,
                _ => {
                    timer.abort();
                    return Err(ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!(
                            "server busy: all {} query slots stayed taken for the time limit \
                             of {} s; retry later",
                            st.config.max_concurrent_queries, limits.timeout_secs
                        ),
                    ));
                }
            };
            let store = st.store.clone();
            let task = tokio::task::spawn_blocking(move || {
                let _permit = permit; // held until evaluation ends, even after a backstop answer
                execute::run_query(&store, &req, accept.as_deref(), token, &limits)
            });
            // Backstop: if evaluation does not notice the token in time, answer anyway.
            let grace =
                (st.config.timeout + Duration::from_secs(2)).saturating_sub(started.elapsed());
            let outcome = tokio::time::timeout(grace, task).await;
            timer.abort();
            let payload = match outcome {
                Err(_) => return Err(ApiError::timeout(limits.timeout_secs)),
                Ok(Err(join)) => {
                    return Err(ApiError::internal(format!("query task failed: {join}")))
                }
                Ok(Ok(result)) => result?,
            };
            Ok(payload_response(payload))
        }
        Operation::Update(req) => {
            if !st.config.allow_update {
                return Err(ApiError::forbidden(
                    "this endpoint is read-only; restart `stancegraph serve` with --allow-update \
                     to accept SPARQL updates",
                ));
            }
            let store = st.store.clone();
            tokio::task::spawn_blocking(move || execute::run_update(&store, &req))
                .await
                .map_err(|join| ApiError::internal(format!("update task failed: {join}")))??;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}

fn payload_response(p: Payload) -> Response {
    let content_type = if p.media_type.starts_with("text/") {
        format!("{}; charset=utf-8", p.media_type)
    } else {
        p.media_type.to_string()
    };
    let mut resp = (StatusCode::OK, p.body).into_response();
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::VARY, HeaderValue::from_static("Accept"));
    resp
}
