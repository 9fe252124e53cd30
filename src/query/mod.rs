//! SPARQL over the store: canned questions, safe parameters, result formats.
//!
//! Canned queries live in `queries/*.rq` (so users can read and adapt them)
//! and are embedded in the binary. The first line of each file is a comment
//! stating its purpose. Parameters (`--param name=value`) are bound with
//! oxigraph's variable substitution on the prepared query, never by pasting
//! strings into the query text.

use crate::error::{Error, Result};
use crate::store::Store;
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, Variable};
use std::io::Write;

pub mod scan;
pub mod service;
pub mod setsafe;
pub mod suggest;
pub mod table;

/// A canned query shipped with stancegraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Canned {
    /// Name (the file stem in `queries/`).
    pub name: &'static str,
    /// The SPARQL text.
    pub sparql: &'static str,
}

impl Canned {
    /// The one-line purpose: the first comment line of the file.
    pub fn purpose(&self) -> String {
        self.sparql
            .lines()
            .next()
            .map(|l| l.trim_start_matches('#').trim().to_string())
            .unwrap_or_default()
    }
}

macro_rules! canned {
    ($($name:literal),* $(,)?) => {
        &[$(Canned { name: $name, sparql: include_str!(concat!("../../queries/", $name, ".rq")) }),*]
    };
}

/// Every canned query, by name.
pub const CANNED: &[Canned] = canned![
    "who-argues-what",
    "actor-claims",
    "stance-by-target",
    "agreeing-pairs",
    "conflicting-pairs",
    "who-criticises-whom",
    "speaker-roles",
    "same-claim-across-outlets",
    "unattributed-claims",
    "most-quoted",
    "sources-per-outlet",
    "org-structure",
    "argument-map",
    "opposing-arguments",
];

/// The canned query called `name`.
pub fn canned(name: &str) -> Option<&'static Canned> {
    let name = name.trim_end_matches(".rq");
    CANNED.iter().find(|c| c.name == name)
}

use crate::rdf::vocab::PREFIXES;

/// Parses `name=value` into a variable and an RDF term: `<...>` and prefixed
/// names of stancegraph's namespaces become IRIs, anything else a plain literal.
pub fn parse_param(s: &str) -> Result<(Variable, Term)> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| Error::Sparql(format!("parameter {s:?} is not of the form name=value")))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    let var = Variable::new(name)
        .map_err(|e| Error::Sparql(format!("bad parameter name {name:?}: {e}")))?;
    Ok((var, param_term(value)?))
}

/// The RDF term for a parameter value (see [`parse_param`]).
pub fn param_term(value: &str) -> Result<Term> {
    if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(inner)
            .map(Term::from)
            .map_err(|e| Error::Sparql(format!("bad IRI {value}: {e}")));
    }
    if let Some((p, local)) = value.split_once(':') {
        if let Some((_, ns)) = PREFIXES.iter().find(|(q, _)| *q == p) {
            let ok = !local.is_empty() && !local.contains(char::is_whitespace);
            if ok {
                return NamedNode::new(format!("{ns}{local}"))
                    .map(Term::from)
                    .map_err(|e| Error::Sparql(format!("bad IRI {value}: {e}")));
            }
        }
    }
    Ok(Literal::new_simple_literal(value).into())
}

/// Rewrites a SPARQL parse error as "syntax error at line L, column C: ...".
pub fn syntax_message(raw: &str) -> String {
    static AT: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r"error at (\d+):(\d+): (.*)").expect("regex")
    });
    match AT.captures(raw) {
        Some(c) => format!(
            "SPARQL syntax error at line {}, column {}: {}",
            &c[1], &c[2], &c[3]
        ),
        None => raw.to_string(),
    }
}

/// A SPARQL parser with stancegraph's prefixes ([`PREFIXES`]) predeclared: the one
/// parser of the CLI and the endpoint, so both accept the same prefixed names.
pub fn parser() -> spargebra::SparqlParser {
    let mut p = spargebra::SparqlParser::new();
    for (prefix, ns) in PREFIXES {
        p = p
            .with_prefix(*prefix, *ns)
            .expect("the vocabulary's namespaces are valid IRIs");
    }
    p
}

/// Parses a query: the nesting limit of [`scan::check_nesting`] first (a query
/// nested thousands of levels deep is an error, never a stack overflow), then the
/// SPARQL grammar with our prefixes. An update given where a query is expected gets
/// a hint that updates go through `stancegraph serve --allow-update`.
pub fn parse_query(text: &str) -> Result<spargebra::Query> {
    scan::check_nesting(text).map_err(Error::Sparql)?;
    parser().parse_query(text).map_err(|e| {
        if looks_like_update(text) {
            Error::Sparql(
                "this is a SPARQL update (INSERT / DELETE / LOAD / CLEAR ...), and `stancegraph \
                 query` only reads; run `stancegraph serve --allow-update` and POST it to /sparql \
                 (form field `update=`), or re-run `stancegraph ingest`"
                    .into(),
            )
        } else {
            Error::Sparql(syntax_message(&e.to_string()))
        }
    })
}

/// True when the first keyword after the prologue starts an update.
pub fn looks_like_update(text: &str) -> bool {
    static UPDATE: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(
            r"(?i)^\s*((PREFIX\s+[^\s<]*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
        )
        .expect("regex")
    });
    UPDATE.is_match(text)
}

/// Parses an update with the same nesting limit and prefixes as [`parse_query`].
pub fn parse_update(text: &str) -> Result<spargebra::Update> {
    scan::check_nesting(text).map_err(Error::Sparql)?;
    parser()
        .parse_update(text)
        .map_err(|e| Error::Sparql(syntax_message(&e.to_string())))
}

/// The kind of result a query gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// SELECT: a table of solutions.
    Select,
    /// ASK: true or false.
    Ask,
    /// CONSTRUCT or DESCRIBE: RDF triples.
    Graph,
}

/// The result kind of a parsed query.
pub fn form(query: &spargebra::Query) -> QueryForm {
    match query {
        spargebra::Query::Select { .. } => QueryForm::Select,
        spargebra::Query::Ask { .. } => QueryForm::Ask,
        _ => QueryForm::Graph,
    }
}

/// Parses `sparql` ([`parse_query`]), binds `params`, runs it over the union graph.
pub fn run(
    store: &Store,
    sparql: &str,
    params: &[(Variable, Term)],
) -> Result<QueryResults<'static>> {
    run_parsed(store, parse_query(sparql)?, params)
}

/// Binds `params` in a parsed query and runs it over the union graph of `store`.
/// `SERVICE` clauses are refused (the CLI never makes network requests).
pub fn run_parsed(
    store: &Store,
    query: spargebra::Query,
    params: &[(Variable, Term)],
) -> Result<QueryResults<'static>> {
    let bag_insensitive = setsafe::bag_insensitive(&query);
    let mut prepared = oxigraph::sparql::SparqlEvaluator::new()
        .with_default_service_handler(service::Refuse)
        .for_query(query);
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    store.execute_with(prepared, bag_insensitive)
}

/// The columns of a SELECT in the order the user expects: for `SELECT *`, the order
/// in which the variables first appear in the query text (the evaluator's own order
/// follows its algebra); otherwise the projection order unchanged.
pub fn column_order(text: &str, vars: &[Variable]) -> Vec<Variable> {
    let s = scan::scan(text);
    if !s.select_star {
        return vars.to_vec();
    }
    let pos = |v: &Variable| {
        s.variables
            .iter()
            .position(|n| n == v.as_str())
            .unwrap_or(usize::MAX)
    };
    let mut out = vars.to_vec();
    out.sort_by_key(pos);
    out
}

/// Output formats of `stancegraph query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text table (IRIs shortened with prefixes).
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 results JSON.
    Json,
    /// Turtle (CONSTRUCT / DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT / DESCRIBE).
    NTriples,
    /// N-Quads (CONSTRUCT / DESCRIBE; triples in the default graph).
    NQuads,
    /// TriG (CONSTRUCT / DESCRIBE; triples in the default graph).
    TriG,
}

impl Format {
    /// The names accepted for a result kind, for messages.
    pub fn names_for(form: QueryForm) -> &'static str {
        match form {
            QueryForm::Graph => "turtle, ntriples, nquads, trig",
            QueryForm::Select | QueryForm::Ask => "table, csv, tsv, json",
        }
    }

    /// `Err` naming the valid formats when `self` cannot write results of `form`
    /// (CSV of a CONSTRUCT, Turtle of a SELECT).
    pub fn check(self, form: QueryForm) -> Result<()> {
        let graph = matches!(
            self,
            Format::Turtle | Format::NTriples | Format::NQuads | Format::TriG
        );
        if graph == (form == QueryForm::Graph) {
            return Ok(());
        }
        let what = match form {
            QueryForm::Graph => "a CONSTRUCT / DESCRIBE query gives RDF triples",
            QueryForm::Select => "a SELECT query gives a table",
            QueryForm::Ask => "an ASK query gives true or false",
        };
        Err(Error::Other(format!(
            "--format {} does not fit: {what}; use --format {}",
            self.name(),
            Self::names_for(form).replace(", ", " | ")
        )))
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Turtle => "turtle",
            Format::NTriples => "ntriples",
            Format::NQuads => "nquads",
            Format::TriG => "trig",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "json" => Format::Json,
            "turtle" | "ttl" => Format::Turtle,
            "ntriples" | "nt" | "n-triples" => Format::NTriples,
            "nquads" | "nq" | "n-quads" => Format::NQuads,
            "trig" => Format::TriG,
            other => {
                return Err(Error::Other(format!(
                    "unknown format {other:?}: use table, csv, tsv or json (SELECT / ASK), \
                     turtle, ntriples, nquads or trig (CONSTRUCT / DESCRIBE)"
                )))
            }
        })
    }
}

/// A term shortened with our prefixes (for tables).
pub fn short(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            for (p, ns) in PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(ns) {
                    return format!("{p}:{local}");
                }
            }
            format!("<{}>", n.as_str())
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

/// How [`write_results_with`] lays results out.
#[derive(Debug, Clone, Default)]
pub struct Layout<'a> {
    /// The query text, for the column order of `SELECT *` ([`column_order`]).
    pub query_text: &'a str,
    /// Terminal width for tables: cells wrap to fit it. `None`: no wrapping or clipping.
    pub width: Option<usize>,
}

/// Writes query results to `out` in `format`; returns the number of rows
/// (solutions, triples, or 1 for ASK). Tables are neither wrapped nor clipped.
pub fn write_results(
    results: QueryResults<'_>,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize> {
    write_results_with(results, format, &Layout::default(), out)
}

/// [`write_results`] with a [`Layout`]: `SELECT *` columns in query order and
/// tables wrapped to a terminal width.
pub fn write_results_with(
    results: QueryResults<'_>,
    format: Format,
    layout: &Layout<'_>,
    out: &mut dyn Write,
) -> Result<usize> {
    let io = |e: std::io::Error| Error::io("writing query results", e);
    let sparql = |e: oxigraph::sparql::QueryEvaluationError| Error::Sparql(e.to_string());
    match results {
        QueryResults::Boolean(b) => {
            match format {
                Format::Json | Format::Csv | Format::Tsv => {
                    let f = results_format(format);
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                }
                _ => writeln!(out, "{b}").map_err(io)?,
            }
            Ok(1)
        }
        QueryResults::Solutions(solutions) => {
            let vars = column_order(layout.query_text, solutions.variables());
            let mut rows = vec![];
            for s in solutions {
                rows.push(s.map_err(sparql)?);
            }
            if format == Format::Table {
                let heads: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vars.iter()
                            .map(|v| r.get(v).map(short).unwrap_or_default())
                            .collect()
                    })
                    .collect();
                table::write(out, &heads, &cells, layout.width).map_err(io)?;
            } else {
                let mut w = QueryResultsSerializer::from_format(results_format(format))
                    .serialize_solutions_to_writer(&mut *out, vars.clone())
                    .map_err(io)?;
                for r in &rows {
                    let values: Vec<(&Variable, &Term)> = vars
                        .iter()
                        .filter_map(|v| r.get(v).map(|t| (v, t)))
                        .collect();
                    w.serialize(values).map_err(io)?;
                }
                w.finish().map_err(io)?;
            }
            Ok(rows.len())
        }
        QueryResults::Graph(triples) => {
            let rdf = match format {
                Format::NTriples => oxigraph::io::RdfFormat::NTriples,
                Format::NQuads => oxigraph::io::RdfFormat::NQuads,
                Format::TriG => oxigraph::io::RdfFormat::TriG,
                _ => oxigraph::io::RdfFormat::Turtle,
            };
            let mut ser = oxigraph::io::RdfSerializer::from_format(rdf);
            for (p, ns) in PREFIXES {
                ser = ser
                    .with_prefix(*p, *ns)
                    .map_err(|e| Error::Other(e.to_string()))?;
            }
            let mut w = ser.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(sparql)?;
                if rdf.supports_datasets() {
                    w.serialize_quad(&t.in_graph(oxigraph::model::GraphName::DefaultGraph))
                        .map_err(io)?;
                } else {
                    w.serialize_triple(&t).map_err(io)?;
                }
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
    }
}

fn results_format(f: Format) -> QueryResultsFormat {
    match f {
        Format::Csv => QueryResultsFormat::Csv,
        Format::Tsv => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_become_terms_not_text() {
        let (v, t) = parse_param("actorName=Jane \"x\" } DROP ALL").unwrap();
        assert_eq!(v.as_str(), "actorName");
        assert_eq!(
            t,
            Term::from(Literal::new_simple_literal("Jane \"x\" } DROP ALL"))
        );
        let (_, t) = parse_param("actor=sgid:actor/jane-doe").unwrap();
        assert_eq!(
            t.to_string(),
            "<https://w3id.org/stancegraph/id/actor/jane-doe>"
        );
        let (_, t) = parse_param("actor=<http://example.org/x>").unwrap();
        assert_eq!(t.to_string(), "<http://example.org/x>");
        let (_, t) = parse_param("x=foo:bar").unwrap();
        assert!(matches!(t, Term::Literal(_)));
        assert!(parse_param("novalue").is_err());
    }

    #[test]
    fn every_canned_query_parses_and_has_a_purpose() {
        let store = Store::in_memory().unwrap();
        for c in CANNED {
            assert!(!c.purpose().is_empty(), "{} has no purpose line", c.name);
            assert!(
                c.sparql.starts_with('#'),
                "{} must start with a comment",
                c.name
            );
            let prepared = store.prepare(c.sparql);
            assert!(prepared.is_ok(), "{}: {:?}", c.name, prepared.err());
        }
    }
}
