//! Content negotiation: picking a response format from an `Accept` header (with q-values)
//! or an explicit `format` parameter.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// A response format for SELECT / ASK results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultsFormat {
    /// The serialiser to use.
    pub format: QueryResultsFormat,
    /// The `Content-Type` to answer with.
    pub media_type: &'static str,
}

/// A response format for CONSTRUCT / DESCRIBE results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphFormat {
    /// The serialiser to use.
    pub format: RdfFormat,
    /// The `Content-Type` to answer with.
    pub media_type: &'static str,
}

/// Media types accepted for SELECT / ASK results, in server preference order:
/// (media type, format, short names usable in `?format=`).
const RESULTS: &[(&str, QueryResultsFormat, &[&str])] = &[
    (
        "application/sparql-results+json",
        QueryResultsFormat::Json,
        &["json", "srj"],
    ),
    ("application/json", QueryResultsFormat::Json, &[]),
    (
        "application/sparql-results+xml",
        QueryResultsFormat::Xml,
        &["xml", "srx"],
    ),
    ("application/xml", QueryResultsFormat::Xml, &[]),
    ("text/xml", QueryResultsFormat::Xml, &[]),
    ("text/csv", QueryResultsFormat::Csv, &["csv"]),
    (
        "text/tab-separated-values",
        QueryResultsFormat::Tsv,
        &["tsv"],
    ),
];

fn graph_formats() -> Vec<(&'static str, RdfFormat, &'static [&'static str])> {
    let jsonld = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    vec![
        ("text/turtle", RdfFormat::Turtle, &["turtle", "ttl"]),
        ("application/x-turtle", RdfFormat::Turtle, &[]),
        (
            "application/n-triples",
            RdfFormat::NTriples,
            &["ntriples", "n-triples", "nt"],
        ),
        ("text/plain", RdfFormat::NTriples, &[]),
        ("application/ld+json", jsonld, &["jsonld", "json-ld"]),
        ("application/json", jsonld, &[]),
        (
            "application/rdf+xml",
            RdfFormat::RdfXml,
            &["rdfxml", "rdf+xml", "rdf", "xml"],
        ),
        ("application/xml", RdfFormat::RdfXml, &[]),
        ("text/xml", RdfFormat::RdfXml, &[]),
        (
            "application/n-quads",
            RdfFormat::NQuads,
            &["nquads", "n-quads", "nq"],
        ),
        ("application/trig", RdfFormat::TriG, &["trig"]),
    ]
}

/// Media types offered for SELECT / ASK results (for 406 messages and the info page).
pub fn results_media_types() -> Vec<&'static str> {
    RESULTS.iter().map(|(m, _, _)| *m).collect()
}

/// Chooses the format of a whole-dataset dump (N-Quads or TriG), like [`graph_format`].
pub fn dataset_format(format_param: Option<&str>, accept: Option<&str>) -> Option<GraphFormat> {
    let table: Vec<_> = graph_formats()
        .into_iter()
        .filter(|(_, f, _)| matches!(f, RdfFormat::NQuads | RdfFormat::TriG))
        .collect();
    if let Some((media_type, format)) = format_param.and_then(|p| by_name(p, &table)) {
        return Some(GraphFormat { format, media_type });
    }
    let candidates: Vec<_> = table.iter().map(|(m, f, _)| (*m, *f)).collect();
    choose(accept, &candidates).map(|(media_type, format)| GraphFormat { format, media_type })
}

/// True when the client prefers an HTML page to any RDF or results format
/// (a browser opening `/sparql`).
pub fn wants_html(accept: Option<&str>) -> bool {
    let Some(a) = accept else { return false };
    let ranges = parse_accept(a);
    let html = quality(&ranges, "text/html").filter(|(_, spec)| *spec == 3);
    let rdf = quality(&ranges, "text/turtle").map_or(0.0, |(q, _)| q);
    html.is_some_and(|(q, _)| q > 0.0 && q >= rdf)
}

/// Media types offered for CONSTRUCT / DESCRIBE results (for 406 messages and the info page).
pub fn graph_media_types() -> Vec<&'static str> {
    graph_formats().iter().map(|(m, _, _)| *m).collect()
}

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct MediaRange {
    kind: String,
    subtype: String,
    q: f32,
}

/// Parses an `Accept` header into media ranges; unparsable entries are skipped.
fn parse_accept(header: &str) -> Vec<MediaRange> {
    let mut ranges = vec![];
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(mt) = parts.next().map(|s| s.trim().to_ascii_lowercase()) else {
            continue;
        };
        let Some((kind, subtype)) = mt.split_once('/') else {
            continue;
        };
        let mut q = 1.0f32;
        for p in parts {
            if let Some((k, v)) = p.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    q = v.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0);
                }
            }
        }
        ranges.push(MediaRange {
            kind: kind.trim().to_string(),
            subtype: subtype.trim().to_string(),
            q,
        });
    }
    ranges
}

/// The quality and specificity the client gives to `media_type`
/// (specificity 3 = exact, 2 = `type/*`, 1 = `*/*`); `None` if no range matches.
fn quality(ranges: &[MediaRange], media_type: &str) -> Option<(f32, u8)> {
    let (kind, subtype) = media_type.split_once('/')?;
    let mut best: Option<(f32, u8)> = None;
    for r in ranges {
        let spec = if r.kind == kind && r.subtype == subtype {
            3
        } else if r.kind == kind && r.subtype == "*" {
            2
        } else if r.kind == "*" && r.subtype == "*" {
            1
        } else {
            continue;
        };
        // The most specific matching range decides the quality.
        if best.is_none_or(|(_, s)| spec > s) {
            best = Some((r.q, spec));
        }
    }
    best
}

/// Picks the best candidate for `accept`: highest q, then the most specific range,
/// then server preference.
/// `None` when every candidate has q = 0 or matches no range.
fn choose<T: Copy>(
    accept: Option<&str>,
    candidates: &[(&'static str, T)],
) -> Option<(&'static str, T)> {
    let accept = match accept.map(str::trim) {
        None | Some("") => return candidates.first().copied(),
        Some(a) => a,
    };
    let ranges = parse_accept(accept);
    if ranges.is_empty() {
        return candidates.first().copied();
    }
    type Key = (f32, u8, usize);
    let mut best: Option<(Key, (&'static str, T))> = None;
    for (pos, &(mt, f)) in candidates.iter().enumerate() {
        let Some((q, spec)) = quality(&ranges, mt) else {
            continue;
        };
        if q <= 0.0 {
            continue;
        }
        // Earlier server preference wins ties: only replace on a strictly better key.
        let key = (q, spec, usize::MAX - pos);
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, (mt, f)));
        }
    }
    best.map(|(_, c)| c)
}

fn by_name<T: Copy>(name: &str, table: &[(&'static str, T, &[&str])]) -> Option<(&'static str, T)> {
    let name = name.trim().to_ascii_lowercase();
    table
        .iter()
        .find(|(mt, _, names)| *mt == name || names.contains(&name.as_str()))
        .map(|(mt, f, _)| (*mt, *f))
}

/// Chooses the serialisation of SELECT / ASK results. An explicit `format` parameter
/// (short name or media type) wins when it names a results format; otherwise `accept`
/// is negotiated. `None` means nothing acceptable (406).
pub fn results_format(format_param: Option<&str>, accept: Option<&str>) -> Option<ResultsFormat> {
    if let Some((media_type, format)) = format_param.and_then(|p| by_name(p, RESULTS)) {
        return Some(ResultsFormat { format, media_type });
    }
    let candidates: Vec<_> = RESULTS.iter().map(|(m, f, _)| (*m, *f)).collect();
    choose(accept, &candidates).map(|(media_type, format)| ResultsFormat { format, media_type })
}

/// Chooses the serialisation of CONSTRUCT / DESCRIBE results, like [`results_format`].
pub fn graph_format(format_param: Option<&str>, accept: Option<&str>) -> Option<GraphFormat> {
    let table = graph_formats();
    if let Some((media_type, format)) = format_param.and_then(|p| by_name(p, &table)) {
        return Some(GraphFormat { format, media_type });
    }
    let candidates: Vec<_> = table.iter().map(|(m, f, _)| (*m, *f)).collect();
    choose(accept, &candidates).map(|(media_type, format)| GraphFormat { format, media_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(accept: &str) -> Option<&'static str> {
        results_format(None, Some(accept)).map(|f| f.media_type)
    }

    fn graph(accept: &str) -> Option<&'static str> {
        graph_format(None, Some(accept)).map(|f| f.media_type)
    }

    #[test]
    fn q_values_pick_the_preferred_type() {
        assert_eq!(
            res("application/sparql-results+xml;q=0.5, text/csv;q=0.9"),
            Some("text/csv")
        );
        assert_eq!(
            res("text/csv;q=0.2, application/sparql-results+xml"),
            Some("application/sparql-results+xml")
        );
        assert_eq!(
            res("text/tab-separated-values"),
            Some("text/tab-separated-values")
        );
    }

    #[test]
    fn wildcards_and_missing_header_use_server_preference() {
        assert_eq!(res("*/*"), Some("application/sparql-results+json"));
        assert_eq!(graph("*/*"), Some("text/turtle"));
        assert_eq!(
            results_format(None, None).map(|f| f.media_type),
            Some("application/sparql-results+json")
        );
        assert_eq!(graph("application/*"), Some("application/x-turtle"));
    }

    #[test]
    fn a_specific_range_beats_a_wildcard_with_equal_q() {
        assert_eq!(
            graph("*/*, application/n-triples"),
            Some("application/n-triples")
        );
        // q=0 on the exact type excludes it even though */* would allow it.
        assert_eq!(
            graph("text/turtle;q=0, */*;q=0.1"),
            Some("application/x-turtle")
        );
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(res("image/png"), None);
        assert_eq!(graph("text/csv"), None);
        assert_eq!(res("text/csv;q=0"), None);
    }

    #[test]
    fn format_parameter_overrides_accept_when_it_fits_the_query_form() {
        let f = results_format(Some("csv"), Some("application/sparql-results+json")).unwrap();
        assert_eq!(f.format, QueryResultsFormat::Csv);
        let g = graph_format(Some("application/ld+json"), Some("text/turtle")).unwrap();
        assert_eq!(g.media_type, "application/ld+json");
        // "n3" is not offered: the Accept header decides.
        let g = graph_format(Some("n3"), Some("application/n-triples")).unwrap();
        assert_eq!(g.format, RdfFormat::NTriples);
    }

    #[test]
    fn quads_and_browsers() {
        assert_eq!(graph("application/n-quads"), Some("application/n-quads"));
        assert_eq!(graph("application/trig"), Some("application/trig"));
        assert_eq!(
            dataset_format(None, Some("*/*")).map(|f| f.media_type),
            Some("application/n-quads")
        );
        assert!(wants_html(Some(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!wants_html(Some("text/turtle, */*;q=0.1")));
        assert!(!wants_html(None));
    }

    #[test]
    fn jsonld_and_json_results() {
        assert_eq!(
            graph("application/ld+json,application/x-json+ld"),
            Some("application/ld+json")
        );
        assert_eq!(res("application/json"), Some("application/json"));
    }
}
