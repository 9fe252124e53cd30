//! Centrality measures and connected components of the actor network.

use super::build::Network;
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// The measures of one actor.
#[derive(Debug, Clone, Serialize)]
pub struct NodeMeasures {
    /// Node index in [`Network::nodes`].
    pub node: usize,
    /// Actor name.
    pub name: String,
    /// Number of distinct neighbours.
    pub degree: usize,
    /// Sum of the weights of the actor's edges.
    pub weighted_degree: f64,
    /// PageRank on the weighted, undirected simple graph.
    pub pagerank: f64,
    /// Normalised betweenness centrality.
    pub betweenness: f64,
    /// Index of the connected component (components sorted by size, largest first).
    pub component: usize,
}

/// All measures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Measures {
    /// Per node, in node order.
    pub nodes: Vec<NodeMeasures>,
    /// Connected components as node index lists, largest first.
    pub components: Vec<Vec<usize>>,
}

impl Measures {
    /// Node indices sorted by degree (then weighted degree, then name), highest first.
    pub fn by_degree(&self) -> Vec<usize> {
        let mut v: Vec<&NodeMeasures> = self.nodes.iter().collect();
        v.sort_by(|a, b| {
            b.degree
                .cmp(&a.degree)
                .then(b.weighted_degree.total_cmp(&a.weighted_degree))
                .then(a.name.cmp(&b.name))
        });
        v.into_iter().map(|m| m.node).collect()
    }

    /// Node indices sorted by PageRank, highest first.
    pub fn by_pagerank(&self) -> Vec<usize> {
        let mut v: Vec<&NodeMeasures> = self.nodes.iter().collect();
        v.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then(a.name.cmp(&b.name)));
        v.into_iter().map(|m| m.node).collect()
    }

    /// Node indices sorted by betweenness, highest first.
    pub fn by_betweenness(&self) -> Vec<usize> {
        let mut v: Vec<&NodeMeasures> = self.nodes.iter().collect();
        v.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then(a.name.cmp(&b.name))
        });
        v.into_iter().map(|m| m.node).collect()
    }
}

/// PageRank by power iteration over the weighted undirected edge list: O(iterations * edges).
/// Dangling nodes spread their rank uniformly. Returns one score per node, summing to 1.
pub fn pagerank(
    n: usize,
    edges: &[(usize, usize, f64)],
    damping: f64,
    iterations: usize,
) -> Vec<f64> {
    if n == 0 {
        return vec![];
    }
    let mut out_w = vec![0.0f64; n];
    for &(a, b, w) in edges {
        if a < n && b < n && w > 0.0 {
            out_w[a] += w;
            out_w[b] += w;
        }
    }
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    let mut next = vec![0.0f64; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&i| out_w[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        next.iter_mut().for_each(|x| *x = base);
        for &(a, b, w) in edges {
            if a < n && b < n && w > 0.0 {
                next[b] += damping * rank[a] * w / out_w[a];
                next[a] += damping * rank[b] * w / out_w[b];
            }
        }
        let delta: f64 = rank.iter().zip(&next).map(|(x, y)| (x - y).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if delta < 1e-10 {
            break;
        }
    }
    rank
}

/// Computes degree, weighted degree, PageRank, betweenness and components.
pub fn compute(net: &Network) -> Measures {
    let g = net.simple_graph();
    let n = net.nodes.len();
    let mut degree = vec![0usize; n];
    let mut wdeg = vec![0.0f64; n];
    let mut edge_list = Vec::with_capacity(g.edge_count());
    for e in g.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        degree[a] += 1;
        degree[b] += 1;
        wdeg[a] += *e.weight();
        wdeg[b] += *e.weight();
        edge_list.push((a, b, *e.weight()));
    }
    let pr = pagerank(n, &edge_list, 0.85, 100);
    let bc = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 200);
    let mut comps: Vec<Vec<usize>> = rustworkx_core::connectivity::connected_components(&g)
        .into_iter()
        .map(|set| {
            let mut v: Vec<usize> = set.into_iter().map(|x| x.index()).collect();
            v.sort_unstable();
            v
        })
        .collect();
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut comp_of = vec![0usize; n];
    for (c, members) in comps.iter().enumerate() {
        for &m in members {
            comp_of[m] = c;
        }
    }
    let nodes = (0..n)
        .map(|i| NodeMeasures {
            node: i,
            name: net.nodes[i].name.clone(),
            degree: degree[i],
            weighted_degree: wdeg[i],
            pagerank: pr.get(i).copied().unwrap_or(0.0),
            betweenness: bc.get(i).copied().flatten().unwrap_or(0.0),
            component: comp_of[i],
        })
        .collect();
    Measures {
        nodes,
        components: comps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagerank_of_a_star_favours_the_hub() {
        let edges = [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)];
        let pr = pagerank(4, &edges, 0.85, 100);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[0] > pr[1] && (pr[1] - pr[2]).abs() < 1e-12);
    }

    #[test]
    fn pagerank_handles_isolated_nodes_and_empty_graphs() {
        assert!(pagerank(0, &[], 0.85, 10).is_empty());
        let pr = pagerank(3, &[(0, 1, 2.0)], 0.85, 100);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[2] < pr[0]);
    }
}
