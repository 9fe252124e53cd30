//! Decoding SPARQL 1.1 Protocol requests (GET, form POST, direct POST) into operations.

use super::error::ApiError;

/// A SPARQL query with its protocol parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryRequest {
    /// The query text.
    pub query: String,
    /// `default-graph-uri` parameters (override any FROM in the query).
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` parameters (override any FROM NAMED in the query).
    pub named_graphs: Vec<String>,
    /// Explicit `format` parameter (short name or media type), if any.
    pub format: Option<String>,
}

/// A SPARQL update with its protocol parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateRequest {
    /// The update text.
    pub update: String,
    /// `using-graph-uri` parameters.
    pub using_graphs: Vec<String>,
    /// `using-named-graph-uri` parameters.
    pub using_named_graphs: Vec<String>,
}

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// A query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    Query(QueryRequest),
    /// An update.
    Update(UpdateRequest),
}

/// All parameters of a request, from the URL query string and a form body.
#[derive(Debug, Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    using_graphs: Vec<String>,
    using_named_graphs: Vec<String>,
    format: Option<String>,
}

impl Params {
    fn add_urlencoded(&mut self, encoded: &[u8]) {
        for (k, v) in form_urlencoded::parse(encoded) {
            let v = v.into_owned();
            match k.as_ref() {
                "query" => self.query.push(v),
                "update" => self.update.push(v),
                "default-graph-uri" => self.default_graphs.push(v),
                "named-graph-uri" => self.named_graphs.push(v),
                "using-graph-uri" => self.using_graphs.push(v),
                "using-named-graph-uri" => self.using_named_graphs.push(v),
                "format" => self.format = Some(v),
                _ => {} // unknown parameters (output=, results=, timeout=...) are ignored
            }
        }
    }

    fn into_operation(self, update_allowed_here: bool) -> Result<Operation, ApiError> {
        match (self.query.len(), self.update.len()) {
            (1, 0) => {
                if !self.using_graphs.is_empty() || !self.using_named_graphs.is_empty() {
                    return Err(ApiError::bad_request(
                        "using-graph-uri / using-named-graph-uri apply to updates, not queries",
                    ));
                }
                let query = self.query.into_iter().next().unwrap_or_default();
                Ok(Operation::Query(QueryRequest {
                    query,
                    default_graphs: self.default_graphs,
                    named_graphs: self.named_graphs,
                    format: self.format,
                }))
            }
            (0, 1) => {
                if !update_allowed_here {
                    return Err(ApiError::bad_request(
                        "updates must be sent with POST (form `update=` or application/sparql-update)",
                    ));
                }
                if !self.default_graphs.is_empty() || !self.named_graphs.is_empty() {
                    return Err(ApiError::bad_request(
                        "default-graph-uri / named-graph-uri apply to queries; use using-graph-uri \
                         / using-named-graph-uri with updates",
                    ));
                }
                let update = self.update.into_iter().next().unwrap_or_default();
                Ok(Operation::Update(UpdateRequest {
                    update,
                    using_graphs: self.using_graphs,
                    using_named_graphs: self.using_named_graphs,
                }))
            }
            (0, 0) => Err(ApiError::bad_request(
                "missing `query` (or, with POST, `update`) parameter",
            )),
            (q, u) if q > 1 || u > 1 => Err(ApiError::bad_request(
                "exactly one `query` or `update` parameter is allowed",
            )),
            _ => Err(ApiError::bad_request(
                "a request carries either `query` or `update`, not both",
            )),
        }
    }
}

/// True for a `GET /sparql` that carries neither `query` nor `update`: the client
/// asks what the service is (SPARQL 1.1 Service Description).
pub fn is_description_request(raw_query: Option<&str>) -> bool {
    !form_urlencoded::parse(raw_query.unwrap_or("").as_bytes())
        .any(|(k, _)| k == "query" || k == "update")
}

/// The explicit `format=` parameter of a URL query string, if any.
pub fn format_param(raw_query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(raw_query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.into_owned())
}

/// Decodes the graph of a Graph Store Protocol request: `default` (no value),
/// `graph=IRI`, or neither (the whole dataset). Both, or two `graph`s, are 400.
pub fn parse_graph_target(raw_query: Option<&str>) -> Result<super::wire::GraphTarget, ApiError> {
    use super::wire::GraphTarget;
    let mut target = None;
    for (k, v) in form_urlencoded::parse(raw_query.unwrap_or("").as_bytes()) {
        let t = match k.as_ref() {
            "default" => GraphTarget::Default,
            "graph" => GraphTarget::Named(v.into_owned()),
            _ => continue,
        };
        if target.replace(t).is_some() {
            return Err(ApiError::bad_request(
                "give one of `default` or `graph=IRI`, once",
            ));
        }
    }
    Ok(target.unwrap_or(GraphTarget::Dataset))
}

/// Decodes a GET request from its raw URL query string.
pub fn parse_get(raw_query: Option<&str>) -> Result<Operation, ApiError> {
    let mut p = Params::default();
    p.add_urlencoded(raw_query.unwrap_or("").as_bytes());
    p.into_operation(false)
}

/// Decodes a POST request: form-urlencoded (`query=` / `update=`), or a direct
/// `application/sparql-query` / `application/sparql-update` body with protocol
/// parameters in the URL.
pub fn parse_post(
    raw_query: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Operation, ApiError> {
    let mut p = Params::default();
    p.add_urlencoded(raw_query.unwrap_or("").as_bytes());
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = || {
        std::str::from_utf8(body)
            .map(str::to_string)
            .map_err(|_| ApiError::bad_request("request body is not valid UTF-8"))
    };
    match mime.as_str() {
        "application/x-www-form-urlencoded" => p.add_urlencoded(body),
        "application/sparql-query" => {
            if !p.query.is_empty() || !p.update.is_empty() {
                return Err(ApiError::bad_request(
                    "with application/sparql-query the query is the body, not a URL parameter",
                ));
            }
            p.query.push(text()?);
        }
        "application/sparql-update" => {
            if !p.query.is_empty() || !p.update.is_empty() {
                return Err(ApiError::bad_request(
                    "with application/sparql-update the update is the body, not a URL parameter",
                ));
            }
            p.update.push(text()?);
        }
        "" => {
            return Err(ApiError::unsupported_media_type("(none)"));
        }
        other => return Err(ApiError::unsupported_media_type(other)),
    }
    p.into_operation(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_decodes_query_and_dataset() {
        let op = parse_get(Some(
            "query=SELECT%20*%20WHERE%7B%3Fs%20%3Fp%20%3Fo%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http%3A%2F%2Fb&named-graph-uri=http%3A%2F%2Fc&output=json",
        ))
        .unwrap();
        let Operation::Query(q) = op else {
            panic!("expected a query")
        };
        assert_eq!(q.query, "SELECT * WHERE{?s ?p ?o}");
        assert_eq!(q.default_graphs, vec!["http://a"]);
        assert_eq!(q.named_graphs, vec!["http://b", "http://c"]);
    }

    #[test]
    fn get_rejects_updates_and_missing_query() {
        assert_eq!(
            parse_get(Some("update=CLEAR%20ALL")).unwrap_err().status,
            400
        );
        assert_eq!(parse_get(None).unwrap_err().status, 400);
        assert_eq!(parse_get(Some("query=a&query=b")).unwrap_err().status, 400);
    }

    #[test]
    fn post_forms_and_direct_bodies() {
        let op = parse_post(
            None,
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
            b"update=INSERT+DATA+%7B%7D&using-graph-uri=http%3A%2F%2Fg",
        )
        .unwrap();
        assert_eq!(
            op,
            Operation::Update(UpdateRequest {
                update: "INSERT DATA {}".into(),
                using_graphs: vec!["http://g".into()],
                using_named_graphs: vec![],
            })
        );
        let op = parse_post(
            Some("default-graph-uri=http%3A%2F%2Fd"),
            Some("application/sparql-query"),
            "ASK { ?s ?p \"é\" }".as_bytes(),
        )
        .unwrap();
        let Operation::Query(q) = op else {
            panic!("expected a query")
        };
        assert_eq!(q.query, "ASK { ?s ?p \"é\" }");
        assert_eq!(q.default_graphs, vec!["http://d"]);
        assert!(matches!(
            parse_post(None, Some("application/sparql-update"), b"CLEAR ALL").unwrap(),
            Operation::Update(_)
        ));
    }

    #[test]
    fn post_errors() {
        assert_eq!(
            parse_post(None, Some("text/plain"), b"x")
                .unwrap_err()
                .status,
            415
        );
        assert_eq!(
            parse_post(None, Some("application/sparql-query"), &[0xff, 0xfe])
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            parse_post(
                None,
                Some("application/x-www-form-urlencoded"),
                b"query=ASK%7B%7D&update=CLEAR%20ALL"
            )
            .unwrap_err()
            .status,
            400
        );
    }
}
