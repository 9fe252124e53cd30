//! The actor network: who is tied to whom, and how.
//!
//! Read from the graph through SPARQL ([`data`]), built into a typed, weighted
//! multigraph ([`build`]): roles and affiliations, sub-organisations, acts,
//! stances toward actors, co-quotation, and the Discourse-Network-Analyzer-style
//! derived edges: *congruence* (same side on a shared target) and *conflict*
//! (opposite sides), weighted by the number of statements behind them, with a
//! minimum-statement filter. On it: degree, weighted degree, PageRank,
//! betweenness, components ([`measures`]), camps ([`camps`]), the path between
//! two actors with its evidence ([`path`]), and exports ([`export`]).

pub mod build;
pub mod camps;
pub mod data;
pub mod export;
pub mod measures;
pub mod path;

pub use build::{BuildOptions, Edge, EdgeKind, Network, Node};
pub use camps::Camp;
pub use data::{Filter, GraphData};
pub use measures::Measures;

use crate::error::Result;
use crate::store::Store;
use measures::NodeMeasures;
use std::fmt::Write as _;

/// Colour of each edge kind in figures and DOT exports.
pub const EDGE_COLOURS: [(EdgeKind, &str); 7] = [
    (EdgeKind::Membership, "#1f77b4"),
    (EdgeKind::SubOrganisation, "#17becf"),
    (EdgeKind::Act, "#9467bd"),
    (EdgeKind::Position, "#e377c2"),
    (EdgeKind::CoQuotation, "#b0b0b0"),
    (EdgeKind::Congruence, "#2ca02c"),
    (EdgeKind::Conflict, "#d62728"),
];

/// The colour of an edge kind.
pub fn edge_colour(kind: EdgeKind) -> &'static str {
    EDGE_COLOURS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, c)| *c)
        .unwrap_or("#888888")
}

/// Checks a filter before anything is built: dates must be real calendar dates
/// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), and a target or outlet must match something
/// in the store; otherwise an error says what is wrong (with "did you mean").
pub fn check_filter(store: &Store, filter: &Filter) -> Result<()> {
    use crate::error::Error;
    use crate::query::suggest::did_you_mean;
    for (flag, v) in [("--from", &filter.from), ("--to", &filter.to)] {
        if let Some(v) = v {
            if !valid_date(v) {
                return Err(Error::Other(format!(
                    "{flag} {v}: not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-03-01)"
                )));
            }
        }
    }
    if let (Some(f), Some(t)) = (&filter.from, &filter.to) {
        if f > t {
            return Err(Error::Other(format!("--from {f} is after --to {t}")));
        }
    }
    let values = |q: &str| -> Result<Vec<String>> {
        Ok(store
            .select(&format!("{}{q}", crate::rdf::vocab::SPARQL_PREFIXES))?
            .iter()
            .filter_map(|r| r.str("v"))
            .collect())
    };
    if let Some(t) = &filter.target {
        let mut names = values(
            "SELECT DISTINCT ?v WHERE { ?s a sg:Stance ; sg:target ?t . { ?t skos:prefLabel ?v } UNION { ?t schema:name ?v } }",
        )?;
        let iris = values("SELECT DISTINCT ?v WHERE { ?s a sg:Stance ; sg:target ?v }")?;
        let lc = t.to_lowercase();
        let hit = names.iter().any(|n| n.to_lowercase().contains(&lc))
            || iris.iter().any(|i| {
                i == t
                    || i.rsplit(['/', '#'])
                        .next()
                        .unwrap_or(i)
                        .to_lowercase()
                        .contains(&lc)
            });
        if !hit {
            names.sort();
            return Err(Error::Other(format!(
                "--target {t}: no target of that name takes any stance in the store.{} Targets: {}",
                did_you_mean(t, names.iter().map(String::as_str)),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join("; ")
                }
            )));
        }
    }
    if let Some(o) = &filter.outlet {
        let names = values(
            "SELECT DISTINCT ?v WHERE { ?a a schema:NewsArticle ; schema:publisher/schema:name ?v }",
        )?;
        let lc = o.to_lowercase();
        if !names.iter().any(|n| n.to_lowercase().contains(&lc)) {
            return Err(Error::Other(format!(
                "--outlet {o}: no article from an outlet of that name.{}",
                did_you_mean(o, names.iter().map(String::as_str))
            )));
        }
    }
    Ok(())
}

/// True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
                return false;
            };
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

/// Data, network, measures and camps together.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// What was read from the graph.
    pub data: GraphData,
    /// The network.
    pub network: Network,
    /// Centralities and components.
    pub measures: Measures,
    /// Camps, largest first.
    pub camps: Vec<Camp>,
}

impl Analysis {
    /// Reads the graph with `filter` and analyses it.
    pub fn load(store: &Store, filter: &Filter, opts: &BuildOptions) -> Result<Analysis> {
        Ok(Analysis::from_data(GraphData::load(store, filter)?, opts))
    }

    /// Analyses already loaded data.
    pub fn from_data(data: GraphData, opts: &BuildOptions) -> Analysis {
        let network = Network::build(&data, opts);
        let measures = measures::compute(&network);
        let camps = camps::detect(&network);
        Analysis {
            data,
            network,
            measures,
            camps,
        }
    }

    /// The camp index of node `i`, if it is in one.
    pub fn camp_of(&self, i: usize) -> Option<usize> {
        self.camps.iter().position(|c| c.members.contains(&i))
    }

    /// Names of a camp's members.
    pub fn camp_names(&self, c: usize) -> Vec<&str> {
        self.camps
            .get(c)
            .map(|camp| {
                camp.members
                    .iter()
                    .map(|&m| self.network.nodes[m].name.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A plain-text summary: rankings, camps, components, edge counts.
    pub fn to_text(&self, top: usize) -> String {
        let mut s = String::new();
        let net = &self.network;
        let _ = writeln!(
            s,
            "Actor network: {} actors, {} edges ({} articles)",
            net.nodes.len(),
            net.edges.len(),
            self.data.articles.len()
        );
        for kind in EdgeKind::ALL {
            let n = net.edges_of(kind).count();
            if n > 0 {
                let _ = writeln!(s, "  {:<17} {n}", kind.name());
            }
        }
        let _ = writeln!(s, "\nTop actors by degree:");
        let _ = writeln!(
            s,
            "  {:<4} {:<32} {:>6} {:>9} {:>8} {:>11}",
            "rank", "actor", "degree", "w.degree", "pagerank", "betweenness"
        );
        for (r, i) in self.measures.by_degree().into_iter().take(top).enumerate() {
            let m = &self.measures.nodes[i];
            let _ = writeln!(
                s,
                "  {:<4} {:<32} {:>6} {:>9.1} {:>8.4} {:>11.4}",
                r + 1,
                truncate(&m.name, 32),
                m.degree,
                m.weighted_degree,
                m.pagerank,
                m.betweenness
            );
        }
        for (title, order, value) in [
            (
                "Top actors by PageRank",
                self.measures.by_pagerank(),
                (|m: &NodeMeasures| m.pagerank) as fn(&NodeMeasures) -> f64,
            ),
            (
                "Top brokers by betweenness",
                self.measures.by_betweenness(),
                |m: &NodeMeasures| m.betweenness,
            ),
        ] {
            let _ = writeln!(s, "\n{title}:");
            for (r, i) in order.into_iter().take(top).enumerate() {
                let m = &self.measures.nodes[i];
                let _ = writeln!(
                    s,
                    "  {:<4} {:<32} {:.4}",
                    r + 1,
                    truncate(&m.name, 32),
                    value(m)
                );
            }
        }
        let _ = writeln!(
            s,
            "\nCamps (signed clustering of congruence, conflict, acts and roles):"
        );
        if self.camps.is_empty() {
            let _ = writeln!(s, "  none: no two actors are tied positively");
        }
        for (c, camp) in self.camps.iter().enumerate() {
            let _ = writeln!(
                s,
                "  camp {}: {} (cohesion {:.0}, opposition {:.0})",
                c + 1,
                self.camp_names(c).join(", "),
                camp.cohesion,
                camp.opposition
            );
        }
        let _ = writeln!(s, "\nConflict edges (strongest first):");
        let mut conflicts: Vec<&Edge> = net
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Conflict || (e.kind == EdgeKind::Act && e.sign < 0))
            .collect();
        conflicts.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        if conflicts.is_empty() {
            let _ = writeln!(s, "  none");
        }
        for e in conflicts.into_iter().take(top) {
            let _ = writeln!(
                s,
                "  {} -- {} [{}: {}] weight {}",
                net.nodes[e.source].name,
                net.nodes[e.target].name,
                e.kind.name(),
                e.label,
                e.weight
            );
        }
        let _ = writeln!(
            s,
            "\nConnected components: {} (largest has {} actors)",
            self.measures.components.len(),
            self.measures.components.first().map_or(0, |c| c.len())
        );
        s
    }

    /// Text for the path from `a` to `b` (names or IRIs), with the evidence on each edge.
    pub fn path_text(&self, a: &str, b: &str) -> String {
        let net = &self.network;
        let (Some(ia), Some(ib)) = (net.find(a), net.find(b)) else {
            let missing = if net.find(a).is_none() { a } else { b };
            return format!("No actor named \u{201c}{missing}\u{201d} in the network.\n");
        };
        let Some(steps) = path::shortest_path(net, ia, ib) else {
            return format!(
                "{} and {} are not connected.\n",
                net.nodes[ia].name, net.nodes[ib].name
            );
        };
        let mut s = format!(
            "Path from {} to {} ({} step(s)):\n",
            net.nodes[ia].name,
            net.nodes[ib].name,
            steps.len()
        );
        for st in steps {
            let _ = writeln!(
                s,
                "  {} -> {}",
                net.nodes[st.from].name, net.nodes[st.to].name
            );
            for e in &st.edges {
                let _ = writeln!(
                    s,
                    "    [{}] {} (weight {})",
                    e.kind.name(),
                    e.label,
                    e.weight
                );
                for ev in &e.evidence {
                    let _ = writeln!(s, "      - {} ({})", ev.text, ev.citation);
                }
            }
        }
        s
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('\u{2026}');
        t
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_checked_against_the_calendar() {
        for ok in ["2024", "2024-02", "2024-02-29", "2023-12-31"] {
            assert!(super::valid_date(ok), "{ok}");
        }
        for bad in [
            "2024-13-01",
            "2023-02-29",
            "2024-00",
            "24-01-01",
            "2024/01/01",
            "yesterday",
        ] {
            assert!(!super::valid_date(bad), "{bad}");
        }
    }
}
