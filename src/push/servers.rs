//! Which Graph Store URL goes with a SPARQL endpoint, per server.
//!
//! Stores put the SPARQL 1.1 Graph Store HTTP Protocol at different paths:
//!
//! | server | query endpoint | graph store |
//! |---|---|---|
//! | Virtuoso | `http://host:8890/sparql` | `/sparql-graph-crud-auth` (with credentials) or `/sparql-graph-crud` |
//! | Apache Jena Fuseki | `http://host:3030/DATASET/sparql` (or `/query`) | `/DATASET/data` |
//! | GraphDB / RDF4J | `http://host:7200/repositories/REPO` | `/repositories/REPO/rdf-graphs/service` |
//! | Oxigraph server | `http://host:7878/query` | `/store` |
//!
//! [`guess`] decides from the endpoint URL and, when the URL alone does not
//! tell, the `Server` header of the endpoint's answer to a plain GET.

/// A server kind with a known Graph Store location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// OpenLink Virtuoso.
    Virtuoso,
    /// Apache Jena Fuseki.
    Fuseki,
    /// Ontotext GraphDB or another RDF4J server.
    Rdf4j,
    /// The Oxigraph server.
    Oxigraph,
}

impl Server {
    /// The server's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Server::Virtuoso => "Virtuoso",
            Server::Fuseki => "Fuseki",
            Server::Rdf4j => "GraphDB / RDF4J",
            Server::Oxigraph => "Oxigraph",
        }
    }
}

/// A URL split into `scheme://authority` and its path (query and fragment dropped).
fn split_url(url: &str) -> Option<(&str, &str)> {
    let scheme_end = url.find("://")? + 3;
    let rest = &url[scheme_end..];
    let path_start = rest.find('/').map_or(url.len(), |i| scheme_end + i);
    let base = &url[..path_start];
    let path = url[path_start..].split(['?', '#']).next().unwrap_or("");
    Some((base, path))
}

fn port_of(base: &str) -> Option<u16> {
    let authority = base.split_once("://")?.1;
    let host_port = authority.rsplit('@').next()?;
    if host_port.ends_with(']') {
        return None;
    }
    host_port.rsplit_once(':')?.1.parse().ok()
}

/// The server kind the endpoint URL and the `Server` header (if any) point to.
pub fn identify(endpoint: &str, server_header: Option<&str>) -> Option<Server> {
    let (base, path) = split_url(endpoint)?;
    let header = server_header.unwrap_or("").to_ascii_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if header.contains("virtuoso") {
        return Some(Server::Virtuoso);
    }
    if header.contains("fuseki") || header.contains("jena") {
        return Some(Server::Fuseki);
    }
    if header.contains("oxigraph") {
        return Some(Server::Oxigraph);
    }
    match segments.as_slice() {
        ["repositories", _] | [_, "repositories", _] => return Some(Server::Rdf4j),
        ["sparql"] if port_of(base) == Some(8890) => return Some(Server::Virtuoso),
        [_, "sparql" | "query"] if port_of(base) == Some(3030) => return Some(Server::Fuseki),
        ["query"] => return Some(Server::Oxigraph),
        _ => {}
    }
    None
}

/// The Graph Store URL of `server` for `endpoint`.
pub fn graph_store_url(server: Server, endpoint: &str, credentials: bool) -> Option<String> {
    let (base, path) = split_url(endpoint)?;
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    Some(match server {
        Server::Virtuoso if credentials => format!("{base}/sparql-graph-crud-auth"),
        Server::Virtuoso => format!("{base}/sparql-graph-crud"),
        Server::Fuseki => {
            // /DATASET/sparql, /DATASET/query or /DATASET
            let ds = segments.first()?;
            format!("{base}/{ds}/data")
        }
        Server::Rdf4j => {
            let at = segments.iter().position(|s| *s == "repositories")?;
            let repo = segments.get(at + 1)?;
            let prefix = segments[..at].join("/");
            let prefix = if prefix.is_empty() {
                String::new()
            } else {
                format!("/{prefix}")
            };
            format!("{base}{prefix}/repositories/{repo}/rdf-graphs/service")
        }
        Server::Oxigraph => format!("{base}/store"),
    })
}

/// The one-line hint listing where each server keeps its Graph Store.
pub fn hint() -> &'static str {
    "pass --graph-store URL (Virtuoso: http://HOST:8890/sparql-graph-crud-auth, \
     Fuseki: http://HOST:3030/DATASET/data, GraphDB: http://HOST:7200/repositories/REPO/rdf-graphs/service, \
     Oxigraph: http://HOST:7878/store)"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_store_urls_per_server() {
        let g = |e: &str, h: Option<&str>, c: bool| {
            identify(e, h).and_then(|s| graph_store_url(s, e, c))
        };
        assert_eq!(
            g("http://127.0.0.1:8890/sparql", None, true).as_deref(),
            Some("http://127.0.0.1:8890/sparql-graph-crud-auth")
        );
        assert_eq!(
            g(
                "http://db.example:9999/sparql",
                Some("Virtuoso/07.20.3240 (Linux)"),
                false
            )
            .as_deref(),
            Some("http://db.example:9999/sparql-graph-crud")
        );
        assert_eq!(
            g("http://h:3030/news/sparql", None, false).as_deref(),
            Some("http://h:3030/news/data")
        );
        assert_eq!(
            g(
                "https://h/ds/query?x=1",
                Some("Apache Jena Fuseki (5.1.0)"),
                false
            )
            .as_deref(),
            Some("https://h/ds/data")
        );
        assert_eq!(
            g("http://h:7200/repositories/news", None, false).as_deref(),
            Some("http://h:7200/repositories/news/rdf-graphs/service")
        );
        assert_eq!(
            g("http://h/rdf4j-server/repositories/r1", None, false).as_deref(),
            Some("http://h/rdf4j-server/repositories/r1/rdf-graphs/service")
        );
        assert_eq!(
            g("http://localhost:7878/query", None, false).as_deref(),
            Some("http://localhost:7878/store")
        );
        assert_eq!(g("http://h:7878/sparql", None, false), None);
        assert_eq!(g("not a url", None, false), None);
    }
}
