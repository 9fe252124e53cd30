//! The shortest path between two actors, with the evidence on each step.

use super::build::{Edge, Network};
use serde::Serialize;
use std::collections::VecDeque;

/// One step of a path: from one actor to the next, with every edge between them.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Node index the step starts from.
    pub from: usize,
    /// Node index the step goes to.
    pub to: usize,
    /// The typed edges linking them (with their evidence).
    pub edges: Vec<Edge>,
}

/// Shortest path (fewest steps; ties broken by node order) from `a` to `b`,
/// or `None` when they are not connected. A path from a node to itself is empty.
pub fn shortest_path(net: &Network, a: usize, b: usize) -> Option<Vec<Step>> {
    let n = net.nodes.len();
    if a >= n || b >= n {
        return None;
    }
    let mut adj: Vec<Vec<usize>> = vec![vec![]; n];
    for e in &net.edges {
        if e.source != e.target {
            adj[e.source].push(e.target);
            adj[e.target].push(e.source);
        }
    }
    for v in &mut adj {
        v.sort_unstable();
        v.dedup();
    }
    let mut prev = vec![usize::MAX; n];
    let mut seen = vec![false; n];
    let mut queue = VecDeque::from([a]);
    seen[a] = true;
    while let Some(v) = queue.pop_front() {
        if v == b {
            break;
        }
        for &u in &adj[v] {
            if !seen[u] {
                seen[u] = true;
                prev[u] = v;
                queue.push_back(u);
            }
        }
    }
    if !seen[b] {
        return None;
    }
    let mut nodes = vec![b];
    let mut cur = b;
    while cur != a {
        cur = prev[cur];
        nodes.push(cur);
    }
    nodes.reverse();
    Some(
        nodes
            .windows(2)
            .map(|w| Step {
                from: w[0],
                to: w[1],
                edges: net.edges_between(w[0], w[1]).cloned().collect(),
            })
            .collect(),
    )
}
