//! `SERVICE` (SPARQL 1.1 Federated Query) policy.
//!
//! By default nothing ever leaves the process: [`Refuse`] answers every `SERVICE`
//! call with an error. `stancegraph serve --allow-service ...` installs [`Guarded`],
//! which sends the call over HTTP only to hosts the [`ServicePolicy`] admits: public
//! addresses when `public` is allowed, and loopback or private-range hosts only when
//! named explicitly. Every address the host name resolves to is checked before the
//! request; the request has a time limit and follows no redirects.

use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{DefaultServiceHandler, QuerySolutionIter};
use spargebra::algebra::GraphPattern;
use std::net::{IpAddr, ToSocketAddrs};
use std::time::Duration;

/// Why a `SERVICE` call was not made or failed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ServiceError(pub String);

/// Refuses every `SERVICE` call.
#[derive(Debug, Clone, Copy, Default)]
pub struct Refuse;

/// The message of a refused `SERVICE` call.
pub const DISABLED: &str =
    "SERVICE (federated query) is disabled: this endpoint makes no outgoing \
requests unless started with `stancegraph serve --allow-service public` (public hosts) or \
`--allow-service HOST[:PORT]` (a named host, loopback and private addresses included)";

impl DefaultServiceHandler for Refuse {
    type Error = ServiceError;

    fn handle(
        &self,
        _service_name: &NamedNode,
        _pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        Err(ServiceError(DISABLED.into()))
    }
}

/// Which `SERVICE` endpoints may be called.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServicePolicy {
    /// Any host whose addresses are all public.
    pub public: bool,
    /// Hosts (`name` or `name:port`, lower case) allowed whatever their addresses.
    pub named: Vec<String>,
}

impl ServicePolicy {
    /// Parses `--allow-service` values: `public` or `HOST[:PORT]`.
    pub fn from_args(values: &[String]) -> ServicePolicy {
        let mut p = ServicePolicy::default();
        for v in values {
            let v = v.trim().to_ascii_lowercase();
            if v == "public" {
                p.public = true;
            } else if !v.is_empty() {
                p.named.push(v);
            }
        }
        p
    }

    /// True when no `SERVICE` call may be made at all.
    pub fn is_disabled(&self) -> bool {
        !self.public && self.named.is_empty()
    }

    /// `Ok(())` when `iri` may be called, else why not.
    pub fn check(&self, iri: &str) -> Result<(), String> {
        let url = ureq::http::Uri::try_from(iri)
            .map_err(|e| format!("SERVICE <{iri}>: not a URL ({e})"))?;
        if !matches!(url.scheme_str(), Some("http" | "https")) {
            return Err(format!(
                "SERVICE <{iri}>: only http and https endpoints can be called"
            ));
        }
        let host = url
            .host()
            .unwrap_or("")
            .trim_matches(['[', ']'])
            .to_ascii_lowercase();
        let port = url
            .port_u16()
            .unwrap_or(if url.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        if self
            .named
            .iter()
            .any(|n| *n == host || *n == format!("{host}:{port}"))
        {
            return Ok(());
        }
        if !self.public {
            return Err(format!(
                "SERVICE <{iri}>: host {host} is not among the --allow-service hosts"
            ));
        }
        let addrs: Vec<IpAddr> = (host.as_str(), port)
            .to_socket_addrs()
            .map_err(|e| format!("SERVICE <{iri}>: cannot resolve {host}: {e}"))?
            .map(|a| a.ip())
            .collect();
        if addrs.is_empty() {
            return Err(format!("SERVICE <{iri}>: {host} has no address"));
        }
        if let Some(a) = addrs.iter().find(|a| !is_public(a)) {
            return Err(format!(
                "SERVICE <{iri}>: {host} resolves to {a}, a loopback, private or reserved \
                 address; name the host with --allow-service {host}:{port} to allow it"
            ));
        }
        Ok(())
    }
}

/// True for globally routable unicast addresses.
pub fn is_public(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space
                || (o[0] == 198 && (18..20).contains(&o[1])) // benchmarking
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(&IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link local
                || s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        }
    }
}

/// Calls allowed `SERVICE` endpoints over HTTP (see the module docs).
#[derive(Debug, Clone)]
pub struct Guarded {
    /// Who may be called.
    pub policy: ServicePolicy,
    /// Time limit of one call.
    pub timeout: Duration,
}

impl DefaultServiceHandler for Guarded {
    type Error = ServiceError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let iri = service_name.as_str();
        if self.policy.is_disabled() {
            return Err(ServiceError(DISABLED.into()));
        }
        self.policy.check(iri).map_err(ServiceError)?;
        let query = format!("SELECT * WHERE {{ {pattern} }}");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .max_redirects(0)
            .build()
            .into();
        let mut resp = agent
            .post(iri)
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query.as_str())])
            .map_err(|e| ServiceError(format!("SERVICE <{iri}> failed: {e}")))?;
        let body = resp
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .map_err(|e| ServiceError(format!("SERVICE <{iri}>: reading the answer: {e}")))?;
        match QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(std::io::Cursor::new(body))
            .map_err(|e| ServiceError(format!("SERVICE <{iri}>: bad results: {e}")))?
        {
            ReaderQueryResultsParserOutput::Solutions(s) => Ok(QuerySolutionIter::from(s)),
            ReaderQueryResultsParserOutput::Boolean(_) => Err(ServiceError(format!(
                "SERVICE <{iri}> answered a boolean to a SELECT"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_private_hosts_need_naming() {
        let p = ServicePolicy::from_args(&["public".into()]);
        assert!(p
            .check("http://127.0.0.1:8890/sparql")
            .unwrap_err()
            .contains("loopback"));
        assert!(p.check("http://10.1.2.3/sparql").is_err());
        assert!(p.check("http://[::1]:80/sparql").is_err());
        assert!(p.check("ftp://example.org/").is_err());
        let named = ServicePolicy::from_args(&["127.0.0.1:8890".into()]);
        assert!(named.check("http://127.0.0.1:8890/sparql").is_ok());
        assert!(named.check("http://127.0.0.1:8891/sparql").is_err());
        assert!(ServicePolicy::default().is_disabled());
        assert!(is_public(&"93.184.216.34".parse().unwrap()));
        assert!(!is_public(&"100.64.0.1".parse().unwrap()));
        assert!(!is_public(&"::ffff:192.168.1.1".parse().unwrap()));
    }
}
