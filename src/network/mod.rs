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
