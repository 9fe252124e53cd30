//! Claim clustering across the whole coverage: claims that say the same thing
//! grouped together, each group labelled with a short representative phrase.
//!
//! Rules mode compares content-word sets (Jaccard, zero below two shared
//! words); model mode compares
//! sentence embeddings (cosine). Both then merge groups by average-link
//! agglomerative clustering until no pair of groups is similar enough.

use super::text;
use crate::error::Result;
use crate::models::{cosine, Embedder};
use serde::{Deserialize, Serialize};

/// A claim to cluster: an id (any string unique in the input) and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimText {
    /// Claim id (e.g. an IRI or `doc#c3`).
    pub id: String,
    /// The claim's content.
    pub text: String,
}

/// A group of claims that say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimCluster {
    /// `k1`, `k2`, ... by decreasing size.
    pub id: String,
    /// A short representative phrase (from the most central member).
    pub label: String,
    /// Member claim ids, in input order.
    pub members: Vec<String>,
}

/// Default thresholds: average Jaccard for rules, average cosine for a model.
pub const RULES_THRESHOLD: f32 = 0.3;
/// Default cosine threshold with a sentence-embedding model.
pub const MODEL_THRESHOLD: f32 = 0.6;

/// Clusters `claims`; `threshold` is the minimum average similarity for two
/// groups to merge (Jaccard without a model, cosine with one; `None` picks
/// [`RULES_THRESHOLD`] or [`MODEL_THRESHOLD`]). Every claim lands in exactly
/// one cluster (singletons included).
pub fn cluster_claims(
    claims: &[ClaimText],
    embedder: Option<&dyn Embedder>,
    threshold: Option<f32>,
) -> Result<Vec<ClaimCluster>> {
    let n = claims.len();
    if n == 0 {
        return Ok(vec![]);
    }
    let sim = similarity_matrix(claims, embedder)?;
    let threshold = threshold.unwrap_or(if embedder.is_some() {
        MODEL_THRESHOLD
    } else {
        RULES_THRESHOLD
    });
    let groups = average_link(&sim, threshold);
    let mut clusters: Vec<(Vec<usize>, String)> = groups
        .into_iter()
        .map(|g| {
            let central = *g
                .iter()
                .max_by(|&&a, &&b| {
                    let sa: f32 = g.iter().map(|&j| sim[a][j]).sum();
                    let sb: f32 = g.iter().map(|&j| sim[b][j]).sum();
                    sa.partial_cmp(&sb)
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(b.cmp(&a))
                })
                .unwrap_or(&g[0]);
            (g, text::short_phrase(&claims[central].text, 12))
        })
        .collect();
    clusters.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0[0].cmp(&b.0[0])));
    Ok(clusters
        .into_iter()
        .enumerate()
        .map(|(i, (g, label))| ClaimCluster {
            id: format!("k{}", i + 1),
            label,
            members: g.into_iter().map(|j| claims[j].id.clone()).collect(),
        })
        .collect())
}

fn similarity_matrix(
    claims: &[ClaimText],
    embedder: Option<&dyn Embedder>,
) -> Result<Vec<Vec<f32>>> {
    let n = claims.len();
    let mut sim = vec![vec![0f32; n]; n];
    match embedder {
        Some(e) => {
            let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
            let v = e.embed(&texts)?;
            if v.len() != n {
                return Err(crate::Error::Other(format!(
                    "embedder {} returned {} vectors for {n} texts",
                    e.name(),
                    v.len()
                )));
            }
            for i in 0..n {
                for j in i..n {
                    let s = cosine(&v[i], &v[j]);
                    sim[i][j] = s;
                    sim[j][i] = s;
                }
            }
        }
        None => {
            let s: Vec<_> = claims
                .iter()
                .map(|c| text::content_stems(&c.text))
                .collect();
            for i in 0..n {
                for j in i..n {
                    // One shared word is chance, not a restatement.
                    let shared = s[i].intersection(&s[j]).count();
                    let x = if i == j {
                        1.0
                    } else if shared < 2 {
                        0.0
                    } else {
                        text::jaccard(&s[i], &s[j])
                    };
                    sim[i][j] = x;
                    sim[j][i] = x;
                }
            }
        }
    }
    Ok(sim)
}

/// Average-link (UPGMA) agglomerative clustering of a similarity matrix:
/// repeatedly merges the two most similar groups while their average
/// similarity is at least `threshold`. Groups hold sorted indices.
pub fn average_link(sim: &[Vec<f32>], threshold: f32) -> Vec<Vec<usize>> {
    let n = sim.len();
    let mut groups: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    // Average similarity between live groups.
    let mut avg: Vec<Vec<f32>> = sim.to_vec();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in 0..n {
            if groups[i].is_none() {
                continue;
            }
            for j in i + 1..n {
                if groups[j].is_none() {
                    continue;
                }
                let s = avg[i][j];
                if s >= threshold && best.is_none_or(|(_, _, b)| s > b) {
                    best = Some((i, j, s));
                }
            }
        }
        let Some((i, j, _)) = best else { break };
        let gj = groups[j].take().unwrap_or_default();
        let (ni, nj) = (
            groups[i].as_ref().map_or(0, |g| g.len()) as f32,
            gj.len() as f32,
        );
        for k in 0..n {
            if k == i || groups[k].is_none() {
                continue;
            }
            let s = (ni * avg[i][k] + nj * avg[j][k]) / (ni + nj);
            avg[i][k] = s;
            avg[k][i] = s;
        }
        if let Some(g) = groups[i].as_mut() {
            g.extend(gj);
            g.sort_unstable();
        }
    }
    groups.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, t: &str) -> ClaimText {
        ClaimText {
            id: id.into(),
            text: t.into(),
        }
    }

    #[test]
    fn rules_clusters_group_restatements() {
        let claims = vec![
            c("1", "The council should scrap the new parking charges"),
            c("2", "Parking charges must be scrapped by the council"),
            c("3", "The river is flooding the lower town"),
            c(
                "4",
                "The council should not scrap parking charges, the mayor said",
            ),
            c("5", "Flooding of the river threatens the lower town"),
        ];
        let k = cluster_claims(&claims, None, None).unwrap();
        let find = |id: &str| {
            k.iter()
                .position(|cl| cl.members.iter().any(|m| m == id))
                .unwrap()
        };
        assert_eq!(find("1"), find("2"));
        assert_eq!(find("3"), find("5"));
        assert_ne!(find("1"), find("3"));
        assert_eq!(k.iter().map(|c| c.members.len()).sum::<usize>(), 5);
        assert!(k[0].label.contains("parking") || k[0].label.contains("Parking"));
    }

    #[test]
    fn average_link_respects_threshold() {
        let sim = vec![
            vec![1.0, 0.9, 0.1],
            vec![0.9, 1.0, 0.2],
            vec![0.1, 0.2, 1.0],
        ];
        assert_eq!(average_link(&sim, 0.5), vec![vec![0, 1], vec![2]]);
        assert_eq!(average_link(&sim, 0.95).len(), 3);
        assert_eq!(average_link(&sim, 0.0).len(), 1);
    }
}
