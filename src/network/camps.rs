//! Camps: groups of actors that agree with each other and conflict with the rest.
//!
//! Deterministic greedy correlation clustering on the signed network: every
//! edge contributes `sign * weight` between its endpoints (congruence, friendly
//! acts, roles and sub-organisations are positive; conflict, hostile acts and
//! stances against an actor are negative; co-quotation is neutral). Starting
//! from singletons, the two clusters with the largest positive net tie are
//! merged until no positive tie is left; then single actors are moved to the
//! cluster they are most tied to while that improves the total. No randomness.

use super::build::{EdgeKind, Network};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One camp.
#[derive(Debug, Clone, Serialize)]
pub struct Camp {
    /// Node indices, sorted by name.
    pub members: Vec<usize>,
    /// Sum of positive ties inside the camp.
    pub cohesion: f64,
    /// Sum of negative ties to other camps (as a positive number).
    pub opposition: f64,
}

/// Signed weight of an edge for camp detection.
pub fn signed_weight(kind: EdgeKind, sign: i8, weight: f64) -> f64 {
    let factor = match kind {
        EdgeKind::CoQuotation => 0.0,
        // A person speaks for the organisation: tie them strongly.
        EdgeKind::Membership | EdgeKind::SubOrganisation => 3.0,
        _ => 1.0,
    };
    factor * sign as f64 * weight
}

/// Finds the camps (clusters of two or more actors) of `net`, largest first.
pub fn detect(net: &Network) -> Vec<Camp> {
    let n = net.nodes.len();
    // Net signed tie per unordered pair.
    let mut tie: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in &net.edges {
        if e.source == e.target {
            continue;
        }
        let w = signed_weight(e.kind, e.sign, e.weight);
        if w != 0.0 {
            *tie.entry((e.source.min(e.target), e.source.max(e.target)))
                .or_default() += w;
        }
    }
    let mut cluster: Vec<usize> = (0..n).collect();
    // Inter-cluster ties, keyed by (cluster, cluster) with the smaller id first.
    let mut between: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (&(a, b), &w) in &tie {
        *between.entry((a, b)).or_default() += w;
    }
    let mut members: BTreeMap<usize, BTreeSet<usize>> =
        (0..n).map(|i| (i, BTreeSet::from([i]))).collect();
    loop {
        let best = between
            .iter()
            .filter(|(_, &w)| w > 1e-12)
            .max_by(|(ka, wa), (kb, wb)| wa.total_cmp(wb).then(kb.cmp(ka)))
            .map(|(&k, _)| k);
        let Some((keep, gone)) = best else { break };
        // Merge `gone` into `keep`.
        let moved = members.remove(&gone).unwrap_or_default();
        for &m in &moved {
            cluster[m] = keep;
        }
        members.entry(keep).or_default().extend(moved);
        let old: Vec<((usize, usize), f64)> = between
            .iter()
            .filter(|((x, y), _)| *x == gone || *y == gone || *x == keep || *y == keep)
            .map(|(&k, &w)| (k, w))
            .collect();
        for (k, _) in &old {
            between.remove(k);
        }
        for ((x, y), w) in old {
            let other = if x == keep || x == gone { y } else { x };
            if other == keep || other == gone {
                continue;
            }
            *between
                .entry((keep.min(other), keep.max(other)))
                .or_default() += w;
        }
    }
    // Local refinement: move single actors to the cluster they are most tied to.
    let mut adj: Vec<Vec<(usize, f64)>> = vec![vec![]; n];
    for (&(a, b), &w) in &tie {
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    for _ in 0..10 {
        let mut moved = false;
        for v in 0..n {
            let mut score: BTreeMap<usize, f64> = BTreeMap::new();
            for &(u, w) in &adj[v] {
                *score.entry(cluster[u]).or_default() += w;
            }
            let own = score.get(&cluster[v]).copied().unwrap_or(0.0);
            let best = score
                .iter()
                .filter(|(&c, _)| c != cluster[v])
                .max_by(|(ca, wa), (cb, wb)| wa.total_cmp(wb).then(cb.cmp(ca)));
            if let Some((&c, &w)) = best {
                if w > own + 1e-9 && w > 0.0 {
                    if let Some(s) = members.get_mut(&cluster[v]) {
                        s.remove(&v);
                    }
                    members.entry(c).or_default().insert(v);
                    cluster[v] = c;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut camps: Vec<Camp> = members
        .into_values()
        .filter(|m| m.len() >= 2)
        .map(|m| {
            let mut v: Vec<usize> = m.into_iter().collect();
            v.sort_by(|&a, &b| {
                net.nodes[a]
                    .name
                    .to_lowercase()
                    .cmp(&net.nodes[b].name.to_lowercase())
            });
            Camp {
                members: v,
                cohesion: 0.0,
                opposition: 0.0,
            }
        })
        .collect();
    let mut camp_of = vec![usize::MAX; n];
    for (c, camp) in camps.iter().enumerate() {
        for &m in &camp.members {
            camp_of[m] = c;
        }
    }
    for (&(a, b), &w) in &tie {
        let (ca, cb) = (camp_of[a], camp_of[b]);
        if ca != usize::MAX && ca == cb && w > 0.0 {
            camps[ca].cohesion += w;
        } else if w < 0.0 {
            if ca != usize::MAX {
                camps[ca].opposition -= w;
            }
            if cb != usize::MAX && cb != ca {
                camps[cb].opposition -= w;
            }
        }
    }
    camps.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(b.cohesion.total_cmp(&a.cohesion))
            .then(a.members.cmp(&b.members))
    });
    camps
}
