//! SPARQL 1.1 endpoint over the store (`stancegraph serve`).
//!
//! Routes: `GET /` (the query page: YASGUI with the canned queries), `GET /health`,
//! `GET|POST /sparql` (SPARQL 1.1 Protocol queries; updates only with
//! [`ServeConfig::allow_update`]; `GET` without a query answers the SPARQL 1.1
//! Service Description), `GET|HEAD /store` (Graph Store Protocol reads: `?default`,
//! `?graph=IRI`, or the whole dataset), `GET /queries` (the canned queries as JSON),
//! `/assets/*` (the page's scripts, embedded in the binary).
//!
//! Requests are decoded, parsed and negotiated here; evaluation happens in worker
//! processes ([`pool`], [`worker`]) that are killed when a query runs past the time
//! limit or outgrows the memory limit, so the limits hold whatever the query does.
//! Limits: bodies (and GET query strings) above `max_body_bytes` get 413; queries
//! nested deeper than [`crate::query::scan::MAX_NESTING`] get 400; a query past
//! `timeout` gets 503; a result above `max_results` rows or triples is refused with
//! 500 (never silently truncated). CORS is off unless origins are configured;
//! `SERVICE` is refused unless [`ServeConfig::services`] allows hosts.

pub mod describe;
pub mod error;
pub mod execute;
pub mod idle;
pub mod log;
pub mod negotiate;
pub mod page;
pub mod pool;
pub mod protocol;
pub mod union;
pub mod wire;
pub mod worker;

use crate::error::{Error, Result};
use crate::query::service::ServicePolicy;
use crate::query::{self, QueryForm};
use axum::body::Body;
use axum::extract::{Path as UrlPath, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use error::ApiError;
use log::{AccessLog, QueryNote};
use pool::{Pool, PoolConfig};
use protocol::Operation;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wire::{GraphTarget, Job};

/// Where the access log goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogTarget {
    /// No access log.
    Off,
    /// Standard error.
    Stderr,
    /// Appended to a file.
    File(PathBuf),
}

/// Settings of the endpoint.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store directory.
    pub store: PathBuf,
    /// Address to listen on (loopback by default).
    pub bind: SocketAddr,
    /// Accept SPARQL updates (one worker then opens the store read-write).
    pub allow_update: bool,
    /// Time limit of one query or update.
    pub timeout: Duration,
    /// Largest accepted request body or GET query string, in bytes.
    pub max_body_bytes: usize,
    /// Most rows or triples one result may hold.
    pub max_results: usize,
    /// Queries evaluated at once (worker processes); more wait (within their time
    /// limit) for a free worker.
    pub max_concurrent_queries: usize,
    /// A worker whose resident memory passes this many bytes during a job is killed.
    pub max_query_memory: Option<u64>,
    /// Origins allowed by CORS (`*` for any); empty: no CORS headers at all.
    pub cors_origins: Vec<String>,
    /// Which `SERVICE` endpoints queries may call (none by default).
    pub services: ServicePolicy,
    /// Connections without traffic for this long are closed.
    pub idle_timeout: Duration,
    /// The access log.
    pub access_log: LogTarget,
    /// Queries at least this slow are logged with their text.
    pub slow_query: Duration,
    /// The executable started as query worker (`stancegraph`; default: this program).
    pub worker_exe: Option<PathBuf>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            store: PathBuf::from("stancegraph.db"),
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            allow_update: false,
            timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            max_results: 100_000,
            max_concurrent_queries: default_concurrency(),
            max_query_memory: Some(1 << 30),
            cors_origins: vec![],
            services: ServicePolicy::default(),
            idle_timeout: Duration::from_secs(60),
            access_log: LogTarget::Stderr,
            slow_query: Duration::from_secs(1),
            worker_exe: None,
        }
    }
}

/// The default number of query workers: the available CPUs, at least 4 (so that a
/// few runaway queries cannot hold every worker).
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get())
        .max(4)
}

#[derive(Clone)]
struct AppState {
    config: Arc<ServeConfig>,
    pool: Arc<Pool>,
    log: Option<Arc<AccessLog>>,
}

/// A started endpoint: store lock taken, workers running; [`App::serve`] serves it.
pub struct App {
    state: AppState,
    _lock: Option<crate::store::StoreLock>,
}

impl App {
    /// Checks the store, takes the readers' lock on it (so `ingest` refuses to write
    /// it while it is served, with a message saying why), and starts the workers.
    pub fn start(config: ServeConfig) -> Result<App> {
        let lock = if config.allow_update {
            None // the read-write worker takes the writer's lock itself
        } else {
            Some(crate::store::StoreLock::for_reading(&config.store)?)
        };
        let exe = match &config.worker_exe {
            Some(e) => e.clone(),
            None => std::env::current_exe().map_err(|e| Error::io("finding this executable", e))?,
        };
        let mut args = vec![
            "serve".to_string(),
            "--worker".into(),
            "--store".into(),
            config.store.display().to_string(),
        ];
        if config.allow_update {
            args.push("--allow-update".into());
        }
        if config.services.public {
            args.extend(["--allow-service".into(), "public".into()]);
        }
        for h in &config.services.named {
            args.extend(["--allow-service".into(), h.clone()]);
        }
        let size = if config.allow_update {
            1
        } else {
            config.max_concurrent_queries.max(1)
        };
        let pool = Pool::start(PoolConfig {
            exe,
            args,
            size,
            memory_limit: config.max_query_memory,
        })
        .map_err(Error::Store)?;
        let log = match &config.access_log {
            LogTarget::Off => None,
            LogTarget::Stderr => Some(Arc::new(AccessLog::new(
                Box::new(std::io::stderr()),
                config.slow_query,
            ))),
            LogTarget::File(p) => {
                let f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .map_err(|e| Error::io(format!("opening the access log {}", p.display()), e))?;
                Some(Arc::new(AccessLog::new(Box::new(f), config.slow_query)))
            }
        };
        Ok(App {
            state: AppState {
                config: Arc::new(config),
                pool: Arc::new(pool),
                log,
            },
            _lock: lock,
        })
    }

    /// Number of query workers.
    pub fn workers(&self) -> usize {
        self.state.pool.size()
    }

    /// The axum router of the endpoint.
    pub fn router(&self) -> Router {
        router(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then stops accepting and
    /// waits for in-flight requests (bounded by the time limit: workers are killed
    /// past it); the workers are stopped at the end.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        let c = &self.state.config;
        // A response is in flight at most for the time limit plus the kill grace.
        let idle = c.idle_timeout.max(c.timeout + Duration::from_secs(5));
        let listener = idle::IdleListener::new(listener, idle);
        let app = self
            .router()
            .into_make_service_with_connect_info::<idle::ClientAddr>();
        let r = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::io("serving HTTP", e));
        self.state.pool.shutdown();
        r
    }
}

fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST, Method::HEAD, Method::OPTIONS])
            .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
            .expose_headers([header::CONTENT_TYPE, header::CONTENT_LENGTH])
            .max_age(Duration::from_secs(3600)),
    )
}

fn router(state: AppState) -> Router {
    let mut r = Router::new()
        .route("/", get(index))
        .route("/health", get(health))
        .route("/sparql", get(sparql).post(sparql).options(options))
        .route(
            "/store",
            get(graph_store)
                .put(graph_store_write)
                .post(graph_store_write)
                .delete(graph_store_write)
                .options(options),
        )
        .route("/queries", get(canned_list))
        .route("/queries/{name}", get(canned_one))
        .route("/assets/{file}", get(asset))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access_log,
        ))
        .with_state(state.clone());
    if let Some(cors) = cors_layer(&state.config.cors_origins) {
        r = r.layer(cors);
    }
    r
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

async fn access_log(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let Some(log) = st.log.clone() else {
        return next.run(req).await;
    };
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let client = req
        .extensions()
        .get::<axum::extract::ConnectInfo<idle::ClientAddr>>()
        .map_or("-".to_string(), |c| c.0 .0.to_string());
    let resp = next.run(req).await;
    let bytes = axum::body::HttpBody::size_hint(resp.body()).exact();
    log.request(
        &client,
        &method,
        &path,
        resp.status().as_u16(),
        bytes,
        started.elapsed(),
        resp.extensions().get::<QueryNote>(),
    );
    resp
}

async fn health(State(st): State<AppState>) -> Response {
    let body = format!(
        "{{\"status\":\"ok\",\"updates\":{},\"workers\":{}}}\n",
        st.config.allow_update,
        st.pool.size()
    );
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn index(State(st): State<AppState>) -> Html<String> {
    Html(page::index(&st.config))
}

async fn options() -> Response {
    (
        StatusCode::NO_CONTENT,
        [(header::ALLOW, "GET, HEAD, POST, OPTIONS")],
    )
        .into_response()
}

async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    let (body, ty): (Body, &str) = match file.as_str() {
        "yasgui.min.js" => (
            Body::from(page::YASGUI_JS),
            "text/javascript; charset=utf-8",
        ),
        "yasgui.min.css" => (Body::from(page::YASGUI_CSS), "text/css; charset=utf-8"),
        "page.js" => (Body::from(page::PAGE_JS), "text/javascript; charset=utf-8"),
        _ => return ApiError::new(StatusCode::NOT_FOUND, "no such asset").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, ty),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn canned_list() -> Response {
    let list: Vec<serde_json::Value> = query::CANNED
        .iter()
        .map(|c| serde_json::json!({"name": c.name, "purpose": c.purpose(), "sparql": c.sparql}))
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::Value::Array(list).to_string(),
    )
        .into_response()
}

async fn canned_one(UrlPath(name): UrlPath<String>) -> Response {
    match query::canned(&name) {
        Some(c) => (
            [(
                header::CONTENT_TYPE,
                "application/sparql-query; charset=utf-8",
            )],
            c.sparql,
        )
            .into_response(),
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no canned query {name:?}.{} (GET /queries lists them)",
                query::suggest::did_you_mean(&name, query::CANNED.iter().map(|c| c.name))
            ),
        )
        .into_response(),
    }
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn with_note(mut resp: Response, kind: &'static str, text: String) -> Response {
    resp.extensions_mut().insert(QueryNote { kind, text });
    resp
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
        Err((e, note)) => match note {
            Some((kind, text)) => with_note(e.into_response(), kind, text),
            None => e.into_response(),
        },
    }
}

type Failure = (ApiError, Option<(&'static str, String)>);

/// Parses a query in a blocking thread (parsing recurses; the nesting limit keeps
/// it shallow) and checks its `SERVICE` clauses against the policy.
async fn parse_checked(text: String, services: ServicePolicy) -> Result<QueryForm, ApiError> {
    tokio::task::spawn_blocking(move || {
        let scan = query::scan::check_nesting(&text).map_err(ApiError::bad_request)?;
        let parsed = query::parser()
            .parse_query(&text)
            .map_err(|e| ApiError::bad_request(query::syntax_message(&e.to_string())))?;
        if scan.services > 0 {
            if services.is_disabled() {
                return Err(ApiError::bad_request(query::service::DISABLED));
            }
            for t in query::scan::service_targets(&parsed.to_string()) {
                match t {
                    Ok(iri) => services.check(&iri).map_err(ApiError::bad_request)?,
                    Err(var) => {
                        return Err(ApiError::bad_request(format!(
                            "SERVICE {var}: an endpoint given by a variable cannot be checked \
                             against --allow-service; name the endpoint IRI"
                        )))
                    }
                }
            }
        }
        Ok(query::form(&parsed))
    })
    .await
    .map_err(|e| ApiError::internal(format!("parsing failed: {e}")))?
}

fn reply_response(reply: wire::Reply, body: Vec<u8>) -> Result<Response, ApiError> {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if !status.is_success() {
        return Err(ApiError::new(
            status,
            String::from_utf8_lossy(&body).into_owned(),
        ));
    }
    if status == StatusCode::NO_CONTENT {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let ct = if reply.media_type.starts_with("text/") {
        format!("{}; charset=utf-8", reply.media_type)
    } else {
        reply.media_type.clone()
    };
    let mut resp = (status, body).into_response();
    if let Ok(v) = HeaderValue::from_str(&ct) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept, Origin"));
    Ok(resp)
}

fn endpoint_url(headers: &HeaderMap, bind: SocketAddr) -> String {
    let host = header_str(headers, header::HOST).unwrap_or_else(|| bind.to_string());
    format!("http://{host}/sparql")
}

async fn handle(
    st: AppState,
    method: Method,
    headers: HeaderMap,
    raw_query: Option<String>,
    body: Body,
) -> Result<Response, Failure> {
    let limit = st.config.max_body_bytes;
    if raw_query.as_ref().is_some_and(|q| q.len() > limit) {
        return Err((ApiError::too_large(limit), None));
    }
    let accept = header_str(&headers, header::ACCEPT);
    let op = if method == Method::POST {
        let declared =
            header_str(&headers, header::CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err((ApiError::too_large(limit), None));
        }
        let bytes = axum::body::to_bytes(body, limit)
            .await
            .map_err(|_| (ApiError::too_large(limit), None))?;
        protocol::parse_post(
            raw_query.as_deref(),
            header_str(&headers, header::CONTENT_TYPE).as_deref(),
            &bytes,
        )
        .map_err(|e| (e, None))?
    } else if protocol::is_description_request(raw_query.as_deref()) {
        return describe_or_page(&st, &headers, accept.as_deref()).map_err(|e| (e, None));
    } else {
        protocol::parse_get(raw_query.as_deref()).map_err(|e| (e, None))?
    };
    let timeout = st.config.timeout;
    match op {
        Operation::Query(req) => {
            let note = |kind: &'static str| Some((kind, req.query.clone()));
            let form = parse_checked(req.query.clone(), st.config.services.clone())
                .await
                .map_err(|e| (e, note("query")))?;
            let (kind, media_type) = match form {
                QueryForm::Select | QueryForm::Ask => {
                    let kind = if form == QueryForm::Ask {
                        "ask"
                    } else {
                        "select"
                    };
                    let f = negotiate::results_format(req.format.as_deref(), accept.as_deref())
                        .ok_or_else(|| {
                            (
                                ApiError::not_acceptable(
                                    "SELECT / ASK results",
                                    &negotiate::results_media_types(),
                                ),
                                note(kind),
                            )
                        })?;
                    (kind, f.media_type)
                }
                QueryForm::Graph => {
                    let f = negotiate::graph_format(req.format.as_deref(), accept.as_deref())
                        .ok_or_else(|| {
                            (
                                ApiError::not_acceptable(
                                    "CONSTRUCT / DESCRIBE results",
                                    &negotiate::graph_media_types(),
                                ),
                                note("graph"),
                            )
                        })?;
                    ("graph", f.media_type)
                }
            };
            let job = Job::Query {
                query: req.query.clone(),
                default_graphs: req.default_graphs.clone(),
                named_graphs: req.named_graphs.clone(),
                media_type: media_type.to_string(),
                max_results: st.config.max_results,
                timeout_ms: timeout.as_millis() as u64,
            };
            let (reply, body) = st
                .pool
                .run(job, timeout)
                .await
                .map_err(|e| (e, note(kind)))?;
            let resp = reply_response(reply, body).map_err(|e| (e, note(kind)))?;
            Ok(with_note(resp, kind, req.query))
        }
        Operation::Update(req) => {
            let note = Some(("update", req.update.clone()));
            if !st.config.allow_update {
                return Err((
                    ApiError::forbidden(
                        "this endpoint is read-only; restart `stancegraph serve` with \
                         --allow-update to accept SPARQL updates",
                    ),
                    note,
                ));
            }
            let text = req.update.clone();
            tokio::task::spawn_blocking(move || query::parse_update(&text))
                .await
                .map_err(|e| (ApiError::internal(e.to_string()), note.clone()))?
                .map_err(|e| {
                    let m = match e {
                        Error::Sparql(m) => m,
                        other => other.to_string(),
                    };
                    (ApiError::bad_request(m), note.clone())
                })?;
            let job = Job::Update {
                update: req.update.clone(),
                using_graphs: req.using_graphs,
                using_named_graphs: req.using_named_graphs,
                timeout_ms: timeout.as_millis() as u64,
            };
            let (reply, body) = st
                .pool
                .run(job, timeout)
                .await
                .map_err(|e| (e, note.clone()))?;
            let resp = reply_response(reply, body).map_err(|e| (e, note))?;
            Ok(with_note(resp, "update", req.update))
        }
    }
}

/// `GET /sparql` without a query: the Service Description, or the query page for a
/// browser.
fn describe_or_page(
    st: &AppState,
    headers: &HeaderMap,
    accept: Option<&str>,
) -> Result<Response, ApiError> {
    if negotiate::wants_html(accept) {
        return Ok(Html(page::index(&st.config)).into_response());
    }
    let f = negotiate::graph_format(None, accept).ok_or_else(|| {
        ApiError::not_acceptable("the service description", &negotiate::graph_media_types())
    })?;
    let body = describe::service_description(&st.config, &endpoint_url(headers, st.config.bind), f)
        .map_err(|e| ApiError::internal(format!("service description: {e}")))?;
    let mut resp = (StatusCode::OK, body).into_response();
    let ct = if f.media_type.starts_with("text/") {
        format!("{}; charset=utf-8", f.media_type)
    } else {
        f.media_type.to_string()
    };
    if let Ok(v) = HeaderValue::from_str(&ct) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(with_note(resp, "describe", String::new()))
}

/// Graph Store Protocol reads: `?default`, `?graph=IRI`, or (no parameter) the
/// whole dataset as N-Quads / TriG.
async fn graph_store(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw_query): RawQuery,
) -> Response {
    let accept = header_str(&headers, header::ACCEPT);
    let target = match protocol::parse_graph_target(raw_query.as_deref()) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let format_param = protocol::format_param(raw_query.as_deref());
    let f = if target == GraphTarget::Dataset {
        negotiate::dataset_format(format_param.as_deref(), accept.as_deref())
    } else {
        negotiate::graph_format(format_param.as_deref(), accept.as_deref())
    };
    let Some(f) = f else {
        return ApiError::not_acceptable("a graph", &negotiate::graph_media_types())
            .into_response();
    };
    let note = format!("{target:?}");
    let job = Job::Graph {
        target,
        media_type: f.media_type.to_string(),
    };
    let resp = match st.pool.run(job, st.config.timeout).await {
        Ok((reply, body)) => reply_response(reply, body).unwrap_or_else(|e| e.into_response()),
        Err(e) => e.into_response(),
    };
    with_note(resp, "gsp", note)
}

async fn graph_store_write() -> Response {
    let mut resp = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this Graph Store is read-only (GET / HEAD); change the store with `stancegraph ingest`, \
         or with SPARQL updates under `serve --allow-update`",
    )
    .into_response();
    resp.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    resp
}
