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
        &[$(Canned { name: $name, sparql: include_str!(concat!("../queries/", $name, ".rq")) }),*]
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

/// Parses `sparql` (our prefixes predeclared), binds `params`, runs it over
/// the union graph of `store`.
pub fn run(
    store: &Store,
    sparql: &str,
    params: &[(Variable, Term)],
) -> Result<QueryResults<'static>> {
    let mut prepared = store.prepare(sparql).map_err(|e| match e {
        Error::Sparql(m) => Error::Sparql(syntax_message(&m)),
        other => other,
    })?;
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    store.execute(prepared)
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
            other => return Err(Error::Other(format!("unknown format {other:?}"))),
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

/// Writes query results to `out` in `format`; returns the number of rows
/// (solutions, triples, or 1 for ASK).
pub fn write_results(
    results: QueryResults<'_>,
    format: Format,
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
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = vec![];
            for s in solutions {
                rows.push(s.map_err(sparql)?);
            }
            match format {
                Format::Table | Format::Turtle | Format::NTriples => {
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| {
                            vars.iter()
                                .map(|v| r.get(v).map(short).unwrap_or_default())
                                .collect()
                        })
                        .collect();
                    write_table(out, &vars, &cells).map_err(io)?;
                }
                _ => {
                    let mut w = QueryResultsSerializer::from_format(results_format(format))
                        .serialize_solutions_to_writer(&mut *out, vars.clone())
                        .map_err(io)?;
                    for r in &rows {
                        w.serialize(r).map_err(io)?;
                    }
                    w.finish().map_err(io)?;
                }
            }
            Ok(rows.len())
        }
        QueryResults::Graph(triples) => {
            let rdf = match format {
                Format::NTriples => oxigraph::io::RdfFormat::NTriples,
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
                w.serialize_triple(&t.map_err(sparql)?).map_err(io)?;
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

fn write_table(
    out: &mut dyn Write,
    vars: &[Variable],
    cells: &[Vec<String>],
) -> std::io::Result<()> {
    const MAX: usize = 80;
    let clip = |s: &str| -> String {
        let s = s.replace(['\n', '\r', '\t'], " ");
        if s.chars().count() > MAX {
            format!("{}…", s.chars().take(MAX - 1).collect::<String>())
        } else {
            s
        }
    };
    let heads: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
    let body: Vec<Vec<String>> = cells
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count()).collect();
    for r in &body {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "{c}{}",
                    " ".repeat(widths[i].saturating_sub(c.chars().count()))
                )
            })
            .collect();
        writeln!(out, "{}", parts.join(" | ").trim_end())
    };
    line(out, &heads)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for r in &body {
        line(out, r)?;
    }
    writeln!(
        out,
        "({} row{})",
        body.len(),
        if body.len() == 1 { "" } else { "s" }
    )
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
