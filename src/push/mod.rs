//! Push the store's named graphs to an external SPARQL 1.1 store with the
//! Graph Store HTTP Protocol.
//!
//! Every named graph (one per article, plus derived graphs such as `sgid:graph/corpus`)
//! is sent as N-Triples with `PUT <graph-store>?graph=<iri>`, which replaces the remote
//! graph: pushing twice leaves the same triples, never duplicates. HTTP Basic and
//! Digest authentication are answered when the store challenges. After the upload,
//! when a SPARQL query endpoint is given, the remote triple count of each graph is
//! read back (form-encoded POST) so the summary shows whether the copy is complete.
//!
//! Without an explicit Graph Store URL, [`default_graph_store`] picks the one the
//! server uses ([`servers`]). Connections and requests have time limits of
//! seconds; failures (refused connections, timeouts, rejected credentials,
//! missing rights, a URL that is no Graph Store) are explained in one line.

pub mod digest;
pub mod servers;

use crate::error::{Error, Result};
use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use std::time::Duration;

/// User name and password for the remote store.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
}

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct PushConfig {
    /// Graph Store Protocol service URL (e.g. Virtuoso `http://host:8890/sparql-graph-crud-auth`).
    pub graph_store: String,
    /// SPARQL query endpoint used to verify triple counts after the upload, if any.
    pub endpoint: Option<String>,
    /// Credentials, used when the store answers 401.
    pub credentials: Option<Credentials>,
    /// Time limit of each HTTP request, from connecting to the end of the answer.
    pub timeout: Duration,
    /// Time limit for opening a connection.
    pub connect_timeout: Duration,
}

/// The outcome for one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPush {
    /// The graph IRI.
    pub graph: String,
    /// Triples sent.
    pub triples: usize,
    /// HTTP status of the PUT.
    pub status: u16,
    /// Triples the remote store reports for the graph afterwards (when an endpoint was given).
    pub remote_triples: Option<usize>,
}

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct PushSummary {
    /// One entry per named graph, in IRI order.
    pub graphs: Vec<GraphPush>,
    /// Triples in the local default graph, which are not pushed.
    pub default_graph_triples: usize,
}

impl PushSummary {
    /// Total triples sent.
    pub fn triples(&self) -> usize {
        self.graphs.iter().map(|g| g.triples).sum()
    }

    /// Graphs whose remote count differs from what was sent.
    pub fn mismatches(&self) -> Vec<&GraphPush> {
        self.graphs
            .iter()
            .filter(|g| g.remote_triples.is_some_and(|r| r != g.triples))
            .collect()
    }
}

/// An HTTP client that answers Basic and Digest challenges.
struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    challenge: Option<digest::Challenge>,
    nc: u32,
    timeout: Duration,
    connect_timeout: Duration,
}

fn percent_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The request target (path and query) of an absolute URL, for Digest's `uri=`.
fn request_target(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn cnonce(nc: u32) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{:016x}",
        nanos ^ (u128::from(std::process::id()) << 64) ^ u128::from(nc)
    )
}

impl Client {
    fn new(
        credentials: Option<Credentials>,
        timeout: Duration,
        connect_timeout: Duration,
    ) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(connect_timeout))
            .timeout_resolve(Some(connect_timeout))
            .build()
            .into();
        Client {
            agent,
            credentials,
            challenge: None,
            nc: 0,
            timeout,
            connect_timeout,
        }
    }

    /// One line saying what went wrong with a request, and what to try.
    fn explain(&self, method: &str, url: &str, e: &ureq::Error) -> Error {
        let host = url
            .split_once("://")
            .map_or(url, |(_, r)| r.split('/').next().unwrap_or(r));
        let why = match e {
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => format!(
                "could not connect to {host} within {} s (--connect-timeout); is the server up and the address right?",
                self.connect_timeout.as_secs()
            ),
            ureq::Error::Timeout(_) => format!(
                "no complete answer within {} s (--timeout); is this the right URL? Some servers hang on requests they do not serve",
                self.timeout.as_secs()
            ),
            ureq::Error::HostNotFound => format!("host {host} not found"),
            ureq::Error::ConnectionFailed => {
                format!("cannot connect to {host} (is the server running?)")
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                format!("connection to {host} refused (is the server running, on this port?)")
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
                "no answer within {} s (--timeout)",
                self.timeout.as_secs()
            ),
            ureq::Error::BadUri(u) => format!("bad URL: {u}"),
            other => other.to_string(),
        };
        Error::Other(format!("{method} {url}: {why}"))
    }

    /// The error for a 401 that answering the challenge did not cure.
    fn unauthorised(&self, method: &str, url: &str, scheme: &str) -> Error {
        Error::Other(match &self.credentials {
            Some(c) => format!(
                "{method} {url}: authentication failed: the server refused user {:?} with this password (HTTP 401, {scheme}); check --user / --password",
                c.user
            ),
            None => format!(
                "{method} {url}: the server asks for a user name and password (HTTP 401, {scheme}); pass --user and --password (or set STANCEGRAPH_PUSH_PASSWORD)"
            ),
        })
    }

    fn authorization(&mut self, method: &str, url: &str) -> Option<String> {
        let creds = self.credentials.as_ref()?;
        let challenge = self.challenge.as_ref()?;
        self.nc += 1;
        Some(challenge.authorization(
            &creds.user,
            &creds.password,
            method,
            request_target(url),
            self.nc,
            &cnonce(self.nc),
        ))
    }

    /// Sends one request, answering one authentication challenge; returns status and body.
    /// A 401 that persists and a 403 are errors explaining what to do.
    fn send(
        &mut self,
        method: &str,
        url: &str,
        content_type: &str,
        accept: Option<&str>,
        body: &[u8],
    ) -> Result<(u16, String)> {
        let mut basic = false;
        let mut scheme = String::from("no scheme named");
        for attempt in 0..2 {
            let auth = if basic {
                self.credentials.as_ref().map(|c| {
                    format!(
                        "Basic {}",
                        base64(format!("{}:{}", c.user, c.password).as_bytes())
                    )
                })
            } else {
                self.authorization(method, url)
            };
            let mut req = match method {
                "PUT" => self.agent.put(url),
                _ => self.agent.post(url),
            }
            .header("Content-Type", content_type);
            if let Some(a) = accept {
                req = req.header("Accept", a);
            }
            if let Some(a) = &auth {
                req = req.header("Authorization", a);
            }
            let mut resp = req.send(body).map_err(|e| self.explain(method, url, &e))?;
            let status = resp.status().as_u16();
            if status == 401 {
                let headers: Vec<String> = resp
                    .headers()
                    .get_all("www-authenticate")
                    .iter()
                    .filter_map(|v| v.to_str().ok().map(str::to_string))
                    .collect();
                if let Some(h) = headers.first() {
                    scheme = format!(
                        "{} authentication",
                        h.split_whitespace().next().unwrap_or("unknown")
                    );
                }
                if attempt == 0 && self.credentials.is_some() {
                    if let Some(c) = headers.iter().find_map(|h| digest::Challenge::parse(h)) {
                        self.challenge = Some(c);
                        self.nc = 0;
                        continue;
                    }
                    if headers
                        .iter()
                        .any(|h| h.trim().to_ascii_lowercase().starts_with("basic"))
                    {
                        basic = true;
                        continue;
                    }
                    if !headers.is_empty() {
                        return Err(Error::Other(format!(
                            "{method} {url}: the server wants {scheme}, which push does not speak (Basic and Digest only)"
                        )));
                    }
                }
                return Err(self.unauthorised(method, url, &scheme));
            }
            if status == 403 {
                let who = self
                    .credentials
                    .as_ref()
                    .map(|c| format!("user {:?}", c.user))
                    .unwrap_or_else(|| "an anonymous client".into());
                return Err(Error::Other(format!(
                    "{method} {url}: forbidden (HTTP 403): {who} may not do this here (Virtuoso: grant the SPARQL_UPDATE role, or use /sparql-graph-crud-auth with an account that has it)"
                )));
            }
            let text = resp.body_mut().read_to_string().unwrap_or_default();
            return Ok((status, text));
        }
        Err(self.unauthorised(method, url, &scheme))
    }

    /// The `Server` header of the endpoint's answer to a plain GET.
    fn server_header(&mut self, url: &str) -> Result<Option<String>> {
        let resp = self
            .agent
            .get(url)
            .call()
            .map_err(|e| self.explain("GET", url, &e))?;
        Ok(resp
            .headers()
            .get("server")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string))
    }
}

/// The Graph Store URL for `endpoint` when none is given: read from the URL
/// when it tells the server apart, else from the server's `Server` header
/// (one GET, with the configured time limits); an error with the usual URLs
/// when neither tells.
pub fn default_graph_store(
    endpoint: &str,
    credentials: bool,
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<(String, servers::Server)> {
    let found = match servers::identify(endpoint, None) {
        Some(s) => Some(s),
        None => {
            let mut client = Client::new(None, timeout, connect_timeout);
            let header = client.server_header(endpoint)?;
            servers::identify(endpoint, header.as_deref())
        }
    };
    found
        .and_then(|s| servers::graph_store_url(s, endpoint, credentials).map(|u| (u, s)))
        .ok_or_else(|| {
            Error::Other(format!(
                "cannot tell where the Graph Store of {endpoint} is; {}",
                servers::hint()
            ))
        })
}

fn snippet(s: &str) -> String {
    let s = s.trim();
    let cut: String = s.chars().take(300).collect();
    if cut.len() < s.len() {
        format!("{cut}...")
    } else {
        cut
    }
}

/// Serialises one named graph of `store` as N-Triples; returns the body and triple count.
pub fn graph_ntriples(store: &Store, graph: GraphNameRef<'_>) -> Result<(Vec<u8>, usize)> {
    let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut n = 0;
    for quad in store
        .inner()
        .quads_for_pattern(None, None, None, Some(graph))
    {
        let quad = quad.map_err(|e| Error::Store(e.to_string()))?;
        writer
            .serialize_triple(quad.as_ref())
            .map_err(|e| Error::io("serialising N-Triples", e))?;
        n += 1;
    }
    let body = writer
        .finish()
        .map_err(|e| Error::io("serialising N-Triples", e))?;
    Ok((body, n))
}

/// Counts the triples of `graph` at the SPARQL endpoint `endpoint` (form POST, JSON results).
fn remote_count(client: &mut Client, endpoint: &str, graph: &str) -> Result<usize> {
    let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let body = format!("query={}", percent_encode(&query));
    let (status, text) = client.send(
        "POST",
        endpoint,
        "application/x-www-form-urlencoded",
        Some("application/sparql-results+json"),
        body.as_bytes(),
    )?;
    if !(200..300).contains(&status) {
        return Err(Error::Other(format!(
            "counting triples at {endpoint}: HTTP {status}: {}",
            snippet(&text)
        )));
    }
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::Other(format!(
            "{endpoint} returned invalid SPARQL JSON results: {e}"
        ))
    })?;
    json.pointer("/results/bindings/0/n/value")
        .and_then(|v| v.as_str())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Error::Other(format!("{endpoint} returned no count for {graph}")))
}

/// Pushes every named graph of `store` (IRI-named; blank-node graphs are skipped) to
/// the Graph Store at `config.graph_store` with PUT, then verifies counts at
/// `config.endpoint` when given. `progress` is called after each graph.
pub fn push_store(
    store: &Store,
    config: &PushConfig,
    mut progress: impl FnMut(&GraphPush),
) -> Result<PushSummary> {
    let mut client = Client::new(
        config.credentials.clone(),
        config.timeout,
        config.connect_timeout,
    );
    let mut graphs = vec![];
    for g in store.inner().named_graphs() {
        match g.map_err(|e| Error::Store(e.to_string()))? {
            NamedOrBlankNode::NamedNode(n) => graphs.push(n),
            _ => continue,
        }
    }
    graphs.sort();
    let (_, default_graph_triples) = graph_ntriples(store, GraphNameRef::DefaultGraph)?;
    let sep = if config.graph_store.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut summary = PushSummary {
        graphs: vec![],
        default_graph_triples,
    };
    for graph in graphs {
        let (body, triples) = graph_ntriples(store, graph.as_ref().into())?;
        let url = format!(
            "{}{sep}graph={}",
            config.graph_store,
            percent_encode(graph.as_str())
        );
        let (status, text) = client.send("PUT", &url, "application/n-triples", None, &body)?;
        if matches!(status, 404 | 405 | 501) {
            return Err(Error::Other(format!(
                "PUT {url}: HTTP {status}: no Graph Store at {}; {}",
                config.graph_store,
                servers::hint()
            )));
        }
        if !(200..300).contains(&status) {
            return Err(Error::Other(format!(
                "PUT {url}: HTTP {status}: {}",
                snippet(&text)
            )));
        }
        let remote_triples = match &config.endpoint {
            Some(endpoint) => Some(remote_count(&mut client, endpoint, graph.as_str())?),
            None => None,
        };
        let done = GraphPush {
            graph: graph.as_str().to_string(),
            triples,
            status,
            remote_triples,
        };
        progress(&done);
        summary.graphs.push(done);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn request_target_keeps_path_and_query() {
        assert_eq!(
            request_target("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=x%2Fy"),
            "/sparql-graph-crud-auth?graph=x%2Fy"
        );
        assert_eq!(request_target("http://host"), "/");
    }

    #[test]
    fn graphs_serialise_per_graph() {
        let store = Store::in_memory().unwrap();
        store
            .inner()
            .load_from_slice(
                RdfFormat::NQuads,
                "<http://a/s> <http://a/p> \"é\" <http://a/g1> .\n<http://a/s> <http://a/p> <http://a/o> <http://a/g2> .\n<http://a/s> <http://a/q> \"x\" <http://a/g2> .\n",
            )
            .unwrap();
        let g2 = oxigraph::model::NamedNode::new("http://a/g2").unwrap();
        let (body, n) = graph_ntriples(&store, g2.as_ref().into()).unwrap();
        assert_eq!(n, 2);
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains("<http://a/q> \"x\""));
        assert!(!text.contains('é'));
    }
}
