//! The derived cross-article graph `sgid:graph/corpus`: claim clusters.
//!
//! After each ingest every claim in the store is grouped with the claims that
//! make the same argument, and the graph is rewritten in one transaction.
//! Grouping here is a content-word Jaccard similarity with single-link
//! merging ([`jaccard_clusters`]); only groups of two or more claims are
//! written, as `sgid:cluster/{n}` nodes (`a sg:ClaimCluster ; rdfs:label`) and
//! `<claim> sg:inCluster <cluster>` links.

use super::mapping::{corpus_graph_iri, iri};
use super::vocab::{rdfs, sg, SPARQL_PREFIXES};
use crate::error::Result;
use crate::store::Store;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// Minimum content-word Jaccard similarity for two claims to be linked.
pub const JACCARD_THRESHOLD: f64 = 0.5;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "his", "its", "they", "them", "their", "there", "this",
    "that", "with", "from", "been", "were", "will", "would", "could", "should", "which", "what",
    "who", "whom", "into", "than", "then", "also", "very", "just", "about", "over", "such", "some",
    "more", "most", "other", "being", "because", "while", "whilst", "does", "did", "doing", "said",
    "says", "say", "she", "him", "these", "those", "when", "where", "how", "why", "may", "might",
    "must", "shall", "its", "it's", "we're", "we", "us", "our", "ours", "i", "me", "my", "is",
    "it", "to", "of", "in", "on", "at", "by", "as", "an", "a", "be", "or", "if", "so", "no", "do",
];

/// The content words of `text`: lowercase alphanumeric tokens of 3+ chars, no stopwords.
pub fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// Jaccard similarity of two word sets (0 when both are empty).
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Groups `texts` (index-aligned) by single-link content-word Jaccard at
/// `threshold`; returns groups of indices with two or more members, each
/// sorted, ordered by their first member.
pub fn jaccard_clusters(texts: &[String], threshold: f64) -> Vec<Vec<usize>> {
    let words: Vec<BTreeSet<String>> = texts.iter().map(|t| content_words(t)).collect();
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // Only pairs sharing a content word can reach the threshold: compare those.
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, w) in words.iter().enumerate() {
        if w.len() >= 2 {
            for x in w {
                by_word.entry(x.as_str()).or_default().push(i);
            }
        }
    }
    for i in 0..texts.len() {
        if words[i].len() < 2 {
            continue;
        }
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for x in &words[i] {
            if let Some(ids) = by_word.get(x.as_str()) {
                candidates.extend(ids.iter().copied().filter(|&j| j > i));
            }
        }
        for j in candidates {
            if jaccard(&words[i], &words[j]) >= threshold {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[b.max(a)] = a.min(b);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..texts.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

/// The quads of the derived graph for `claims` (claim IRI, text), sorted by IRI.
pub fn cluster_quads(claims: &[(NamedNode, String)]) -> Vec<Quad> {
    let texts: Vec<String> = claims.iter().map(|(_, t)| t.clone()).collect();
    let g = GraphName::NamedNode(corpus_graph_iri());
    let mut quads = vec![];
    for (n, group) in jaccard_clusters(&texts, JACCARD_THRESHOLD)
        .iter()
        .enumerate()
    {
        let c = iri(&format!("cluster/{}", n + 1));
        quads.push(Quad::new(
            c.clone(),
            rdfs::TYPE,
            sg::CLAIM_CLUSTER,
            g.clone(),
        ));
        let label: String = texts[group[0]].chars().take(120).collect();
        quads.push(Quad::new(
            c.clone(),
            rdfs::LABEL,
            Literal::new_simple_literal(label),
            g.clone(),
        ));
        for &i in group {
            quads.push(Quad::new(
                claims[i].0.clone(),
                sg::IN_CLUSTER,
                c.clone(),
                g.clone(),
            ));
        }
    }
    quads
}

/// Recomputes `sgid:graph/corpus` from every claim in `store`, in one transaction.
/// Returns the number of clusters written.
pub fn recompute(store: &Store) -> Result<usize> {
    let q = format!(
        "{SPARQL_PREFIXES}SELECT ?c (SAMPLE(?t) AS ?text) WHERE {{ ?c a schema:Claim ; schema:text ?t }} GROUP BY ?c ORDER BY ?c"
    );
    let mut claims = vec![];
    for row in store.select(&q)? {
        if let (Some(Term::NamedNode(c)), Some(t)) = (row.get("c").cloned(), row.str("text")) {
            claims.push((c, t));
        }
    }
    let quads = cluster_quads(&claims);
    let clusters = quads
        .iter()
        .filter(|q| q.predicate.as_ref() == rdfs::TYPE)
        .count();
    store.replace_graph(corpus_graph_iri().as_ref(), &quads)?;
    Ok(clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_paraphrases_not_unrelated_claims() {
        let texts = vec![
            "The new tax on sugary drinks will hurt small shop owners".to_string(),
            "Parliament should reject the bridge toll".to_string(),
            "A sugary drinks tax would hurt small shop owners".to_string(),
        ];
        assert_eq!(
            jaccard_clusters(&texts, JACCARD_THRESHOLD),
            vec![vec![0, 2]]
        );
    }
}
