//! The derived cross-article graph `sgid:graph/corpus`: claim clusters.
//!
//! After each ingest every claim in the store is grouped with the claims that
//! make the same argument ([`crate::annotate::stance::cluster_claims`]: content
//! words without a model, sentence embeddings with one), and the graph is
//! rewritten in one transaction. Only groups of two or more claims are
//! written, as `sgid:cluster/{n}` nodes (`a sg:ClaimCluster ; rdfs:label`) and
//! `<claim> sg:inCluster <cluster>` links.

use super::mapping::{corpus_graph_iri, iri};
use super::vocab::{rdfs, sg, SPARQL_PREFIXES};
use crate::annotate::stance::{cluster_claims, ClaimText};
use crate::error::Result;
use crate::models::Embedder;
use crate::store::Store;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// The quads of the derived graph for `claims` (claim IRI, text).
pub fn cluster_quads(
    claims: &[(NamedNode, String)],
    embedder: Option<&dyn Embedder>,
) -> Result<Vec<Quad>> {
    let input: Vec<ClaimText> = claims
        .iter()
        .map(|(c, t)| ClaimText {
            id: c.as_str().to_string(),
            text: t.clone(),
        })
        .collect();
    let g = GraphName::NamedNode(corpus_graph_iri());
    let mut quads = vec![];
    let clusters = cluster_claims(&input, embedder, None)?;
    for (n, cluster) in clusters.iter().filter(|c| c.members.len() >= 2).enumerate() {
        let c = iri(&format!("cluster/{}", n + 1));
        quads.push(Quad::new(
            c.clone(),
            rdfs::TYPE,
            sg::CLAIM_CLUSTER,
            g.clone(),
        ));
        quads.push(Quad::new(
            c.clone(),
            rdfs::LABEL,
            Literal::new_simple_literal(&cluster.label),
            g.clone(),
        ));
        for m in &cluster.members {
            quads.push(Quad::new(
                NamedNode::new_unchecked(m.clone()),
                sg::IN_CLUSTER,
                c.clone(),
                g.clone(),
            ));
        }
    }
    Ok(quads)
}

/// Recomputes `sgid:graph/corpus` from every claim in `store`, in one transaction
/// (`embedder`: the sentence model, if loaded). Returns the number of clusters written.
pub fn recompute(store: &Store, embedder: Option<&dyn Embedder>) -> Result<usize> {
    let q = format!(
        "{SPARQL_PREFIXES}SELECT ?c (SAMPLE(?t) AS ?text) WHERE {{ ?c a schema:Claim ; schema:text ?t }} GROUP BY ?c ORDER BY ?c"
    );
    let mut claims = vec![];
    for row in store.select(&q)? {
        if let (Some(Term::NamedNode(c)), Some(t)) = (row.get("c").cloned(), row.str("text")) {
            claims.push((c, t));
        }
    }
    let quads = cluster_quads(&claims, embedder)?;
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
    fn only_groups_of_two_or_more_are_written() {
        let c = |n: &str| {
            NamedNode::new(format!("https://w3id.org/stancegraph/id/article/{n}")).unwrap()
        };
        let claims = vec![
            (
                c("a/claim/c1"),
                "The new tax on sugary drinks will hurt small shop owners".to_string(),
            ),
            (
                c("b/claim/c1"),
                "Parliament should reject the bridge toll".to_string(),
            ),
            (
                c("c/claim/c2"),
                "A sugary drinks tax would hurt small shop owners".to_string(),
            ),
        ];
        let quads = cluster_quads(&claims, None).unwrap();
        let members: Vec<String> = quads
            .iter()
            .filter(|q| q.predicate.as_ref() == sg::IN_CLUSTER)
            .map(|q| q.subject.to_string())
            .collect();
        assert_eq!(members.len(), 2, "{quads:?}");
        assert!(!members.iter().any(|m| m.contains("b/claim")));
    }
}
