//! Claim clustering across the whole coverage, near-linear and independent
//! of the order the claims arrived in.
//!
//! **Graph.** Two claims are linked when their similarity reaches the
//! threshold: content-word Jaccard without a model (zero below two shared
//! content words), cosine of sentence embeddings with one. Candidate pairs
//! come from blocking, not from comparing all pairs: every pair of content
//! stems of a claim is a key, and only claims sharing a key (two content
//! words) are compared. Keys shared by more than [`Params::max_posting`]
//! claims are too common to block on and are skipped. Whether two claims are
//! linked therefore depends on the two claims and on how common their shared
//! keys are in the whole set, never on arrival order.
//!
//! **Clusters.** Each connected component of that graph is split by
//! average-link (UPGMA) clustering cut at the same threshold, computed with
//! the nearest-neighbour chain (quadratic in the component, not in the
//! corpus). Global average-link clustering never merges groups with no linked
//! pair, so per-component clustering gives the global result. Members are
//! ordered by id and ties go to the lower id, so the clusters are a function
//! of the set of claims. Components larger than [`Params::max_component`]
//! are kept whole.
//!
//! **Incremental.** [`components_touching`] finds only the components that
//! contain given seed claims (new, changed or neighbours of removed ones), so
//! an update re-clusters those and leaves the rest of the corpus alone
//! ([`crate::rdf::derived::update`]).

use super::text;
use crate::error::Result;
use crate::models::{cosine, Embedder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, VecDeque};

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
    /// A readable label (see [`super::label`]) from the most central member.
    pub label: String,
    /// Member claim ids, in input order.
    pub members: Vec<String>,
}

/// Default Jaccard threshold without a model.
pub const RULES_THRESHOLD: f32 = 0.3;
/// Default cosine threshold with a sentence-embedding model.
pub const MODEL_THRESHOLD: f32 = 0.6;

/// One claim as the clustering sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Unique id (claims are ordered by it).
    pub id: String,
    /// The text compared (a proposition or the claim's content).
    pub text: String,
    /// Content-word stems of `text`, sorted, without duplicates.
    pub stems: Vec<String>,
    /// Sentence embedding of `text` (model mode), L2-normalised.
    pub vector: Option<Vec<f32>>,
}

impl Item {
    /// An item for `text`, stems computed, no vector.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Item {
        let text = text.into();
        let stems: Vec<String> = text::content_stems(&text).into_iter().collect();
        Item {
            id: id.into(),
            text,
            stems,
            vector: None,
        }
    }
}

/// Clustering settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Minimum similarity of a link and of an average-link merge.
    pub threshold: f32,
    /// Blocking keys shared by more claims than this are skipped.
    pub max_posting: usize,
    /// Components larger than this are not split by average-link.
    pub max_component: usize,
    /// Compare vectors (cosine) rather than stems (Jaccard).
    pub model: bool,
}

impl Params {
    /// Defaults for rules (`model` false) or a sentence model.
    pub fn new(model: bool) -> Params {
        Params {
            threshold: if model {
                MODEL_THRESHOLD
            } else {
                RULES_THRESHOLD
            },
            max_posting: 1_000,
            max_component: 3_000,
            model,
        }
    }
}

/// A stable 64-bit hash (FNV-1a): the same on every run and platform.
pub fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The blocking keys of a stem list: one per pair of stems, and with a
/// model (`model`) one per stem too, so that paraphrases sharing one content
/// word ("DoS attacks are illegal" / "denial-of-service attacks are against
/// the law") are compared by their vectors.
pub fn keys(stems: &[String], model: bool) -> Vec<u64> {
    let mut out = Vec::with_capacity(stems.len() * stems.len().saturating_sub(1) / 2);
    if model {
        out.extend(stems.iter().map(|s| stable_hash(s)));
    }
    for i in 0..stems.len() {
        for j in i + 1..stems.len() {
            out.push(stable_hash(&format!("{}\u{1f}{}", stems[i], stems[j])));
        }
    }
    out
}

/// Key -> items holding it (indices into the item slice, ascending).
#[derive(Debug, Default, Clone)]
pub struct Blocking {
    postings: HashMap<u64, Vec<u32>>,
    model: bool,
}

impl Blocking {
    /// Indexes every item (`model`: with single-stem keys, see [`keys`]).
    pub fn new(items: &[Item], model: bool) -> Blocking {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            for k in keys(&it.stems, model) {
                postings.entry(k).or_default().push(i as u32);
            }
        }
        Blocking { postings, model }
    }

    /// Number of items holding key `k`.
    pub fn posting_len(&self, k: u64) -> usize {
        self.postings.get(&k).map_or(0, |v| v.len())
    }

    /// Items sharing a usable key with item `i` (not `i` itself), ascending.
    pub fn candidates(&self, items: &[Item], i: usize, max_posting: usize) -> Vec<u32> {
        let mut out: Vec<u32> = vec![];
        for k in keys(&items[i].stems, self.model) {
            if let Some(p) = self.postings.get(&k) {
                if p.len() <= max_posting {
                    out.extend(p.iter().copied().filter(|&j| j as usize != i));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Similarity of two items: cosine of their vectors (model), or Jaccard of
/// their stems, zero when they share fewer than two.
pub fn similarity(a: &Item, b: &Item, model: bool) -> f32 {
    if model {
        if let (Some(x), Some(y)) = (&a.vector, &b.vector) {
            return cosine(x, y);
        }
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.stems.len() && j < b.stems.len() {
        match a.stems[i].cmp(&b.stems[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if inter < 2 {
        return 0.0;
    }
    let union = a.stems.len() + b.stems.len() - inter;
    inter as f32 / union as f32
}

/// The linked neighbours of item `i` (similarity at least the threshold).
pub fn neighbours(items: &[Item], blocking: &Blocking, i: usize, p: &Params) -> Vec<u32> {
    blocking
        .candidates(items, i, p.max_posting)
        .into_iter()
        .filter(|&j| similarity(&items[i], &items[j as usize], p.model) >= p.threshold)
        .collect()
}

/// The connected components containing the `seeds`, each sorted ascending
/// (items must be sorted by id), in order of their first member.
pub fn components_touching(
    items: &[Item],
    blocking: &Blocking,
    seeds: &[u32],
    p: &Params,
) -> Vec<Vec<u32>> {
    let mut seen = vec![false; items.len()];
    let mut out = vec![];
    let mut seeds: Vec<u32> = seeds.to_vec();
    seeds.sort_unstable();
    seeds.dedup();
    for s in seeds {
        if seen[s as usize] {
            continue;
        }
        seen[s as usize] = true;
        let mut comp = vec![s];
        let mut queue = VecDeque::from([s]);
        while let Some(x) = queue.pop_front() {
            for y in neighbours(items, blocking, x as usize, p) {
                if !seen[y as usize] {
                    seen[y as usize] = true;
                    comp.push(y);
                    queue.push_back(y);
                }
            }
        }
        comp.sort_unstable();
        out.push(comp);
    }
    out.sort_by_key(|c| c[0]);
    out
}

/// Splits one component (ascending item indices) into average-link clusters
/// cut at the threshold; each cluster ascending, clusters by first member.
pub fn split_component(items: &[Item], comp: &[u32], p: &Params) -> Vec<Vec<u32>> {
    let m = comp.len();
    if m <= 1 || m > p.max_component {
        return vec![comp.to_vec()];
    }
    let mut sim = vec![0f32; m * m];
    for a in 0..m {
        for b in a + 1..m {
            let s = similarity(&items[comp[a] as usize], &items[comp[b] as usize], p.model);
            sim[a * m + b] = s;
            sim[b * m + a] = s;
        }
    }
    let groups = average_link_chain(&mut sim, m, p.threshold);
    let mut out: Vec<Vec<u32>> = groups
        .into_iter()
        .map(|g| g.into_iter().map(|k| comp[k]).collect())
        .collect();
    out.sort_by_key(|c: &Vec<u32>| c[0]);
    out
}

/// Average-link clustering of an `m` x `m` similarity matrix (row-major,
/// overwritten) cut at `threshold`, by the nearest-neighbour chain: O(m²).
/// Ties go to the chain's previous element, then to the lower index.
pub fn average_link_chain(sim: &mut [f32], m: usize, threshold: f32) -> Vec<Vec<usize>> {
    let mut active: Vec<bool> = vec![true; m];
    let mut size: Vec<f32> = vec![1.0; m];
    let mut members: Vec<Vec<usize>> = (0..m).map(|i| vec![i]).collect();
    let mut done: Vec<Vec<usize>> = vec![];
    let mut chain: Vec<usize> = vec![];
    let mut remaining = m;
    while remaining > 0 {
        if chain.is_empty() {
            let Some(first) = (0..m).find(|&i| active[i]) else {
                break;
            };
            chain.push(first);
        }
        let a = *chain.last().unwrap_or(&0);
        let prev = if chain.len() >= 2 {
            Some(chain[chain.len() - 2])
        } else {
            None
        };
        let mut best: Option<(usize, f32)> = None;
        for x in 0..m {
            if x == a || !active[x] {
                continue;
            }
            let s = sim[a * m + x];
            let better = match best {
                None => true,
                Some((bx, bs)) => s > bs || (s == bs && Some(x) == prev && Some(bx) != prev),
            };
            if better {
                best = Some((x, s));
            }
        }
        match best {
            Some((b, s)) if s >= threshold => {
                if Some(b) == prev {
                    chain.pop();
                    chain.pop();
                    let (keep, gone) = (a.min(b), a.max(b));
                    let (na, nb) = (size[keep], size[gone]);
                    for k in 0..m {
                        if !active[k] || k == keep || k == gone {
                            continue;
                        }
                        let v = (na * sim[keep * m + k] + nb * sim[gone * m + k]) / (na + nb);
                        sim[keep * m + k] = v;
                        sim[k * m + keep] = v;
                    }
                    size[keep] += size[gone];
                    active[gone] = false;
                    let moved = std::mem::take(&mut members[gone]);
                    members[keep].extend(moved);
                    remaining -= 1;
                } else {
                    chain.push(b);
                }
            }
            _ => {
                // Nothing on the chain can merge at or above the threshold any more.
                for c in chain.drain(..) {
                    if active[c] {
                        active[c] = false;
                        remaining -= 1;
                        let mut g = std::mem::take(&mut members[c]);
                        g.sort_unstable();
                        done.push(g);
                    }
                }
            }
        }
    }
    done.sort_by_key(|g| g[0]);
    done
}

/// The member of `cluster` most similar to the others (ties: lowest index).
pub fn central(items: &[Item], cluster: &[u32], model: bool) -> u32 {
    let mut best = (cluster[0], f32::MIN);
    for &a in cluster {
        let s: f32 = cluster
            .iter()
            .filter(|&&b| b != a)
            .map(|&b| similarity(&items[a as usize], &items[b as usize], model))
            .sum();
        if s > best.1 {
            best = (a, s);
        }
    }
    best.0
}

/// Clusters every item (sorted by id first): components, then average-link.
/// Returns clusters of indices into the sorted order, with that order.
pub fn cluster_items(items: &mut [Item], p: &Params) -> Vec<Vec<u32>> {
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let blocking = Blocking::new(items, p.model);
    let seeds: Vec<u32> = (0..items.len() as u32).collect();
    let mut out = vec![];
    for comp in components_touching(items, &blocking, &seeds, p) {
        out.extend(split_component(items, &comp, p));
    }
    out
}

/// Embeds `texts` one at a time (so a text's vector never depends on what it
/// was batched with: the clusters stay a function of the set of claims).
pub fn embed_each(embedder: &dyn Embedder, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
    let mut out = Vec::with_capacity(texts.len());
    for t in texts {
        let v = embedder.embed(&[t])?;
        out.push(v.into_iter().next().ok_or_else(|| {
            crate::Error::Other(format!("embedder {} returned no vector", embedder.name()))
        })?);
    }
    Ok(out)
}

/// Clusters `claims`; `threshold` is the minimum similarity (Jaccard without
/// a model, cosine with one; `None` picks [`RULES_THRESHOLD`] or
/// [`MODEL_THRESHOLD`]). Every claim lands in exactly one cluster
/// (singletons included); clusters by decreasing size.
pub fn cluster_claims(
    claims: &[ClaimText],
    embedder: Option<&dyn Embedder>,
    threshold: Option<f32>,
) -> Result<Vec<ClaimCluster>> {
    let mut items: Vec<Item> = claims
        .iter()
        .map(|c| Item::new(c.id.clone(), c.text.clone()))
        .collect();
    if let Some(e) = embedder {
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        for (it, v) in items.iter_mut().zip(embed_each(e, &texts)?) {
            it.vector = Some(v);
        }
    }
    let mut p = Params::new(embedder.is_some());
    if let Some(t) = threshold {
        p.threshold = t;
    }
    let groups = cluster_items(&mut items, &p);
    let order: HashMap<&str, usize> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut clusters: Vec<(Vec<usize>, String)> = groups
        .iter()
        .map(|g| {
            let c = central(&items, g, p.model) as usize;
            let label = super::label::clean_label(&items[c].text)
                .or_else(|| super::label::key_phrase(&[items[c].text.as_str()]))
                .unwrap_or_else(|| text::short_phrase(&items[c].text, 8));
            let mut m: Vec<usize> = g
                .iter()
                .map(|&k| order[items[k as usize].id.as_str()])
                .collect();
            m.sort_unstable();
            (m, label)
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

/// The distinct stems shared by two sorted stem lists.
pub fn shared_stems<'a>(a: &'a [String], b: &[String]) -> BTreeSet<&'a str> {
    a.iter()
        .filter(|s| b.binary_search(s).is_ok())
        .map(|s| s.as_str())
        .collect()
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
        let run = |t: f32| {
            let mut sim = vec![1.0, 0.9, 0.1, 0.9, 1.0, 0.2, 0.1, 0.2, 1.0];
            average_link_chain(&mut sim, 3, t)
        };
        assert_eq!(run(0.5), vec![vec![0, 1], vec![2]]);
        assert_eq!(run(0.95).len(), 3);
        assert_eq!(run(0.0).len(), 1);
    }

    #[test]
    fn clusters_do_not_depend_on_input_order() {
        let texts = [
            "the toll on the bridge should be scrapped",
            "scrap the bridge toll now",
            "the bridge toll must be scrapped at once",
            "the ferry timetable is being cut",
            "ferry timetable cuts hurt island families",
            "the island ferry timetable cuts are a disgrace",
            "a new school opens in the valley",
        ];
        let claims: Vec<ClaimText> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| c(&format!("c{i}"), t))
            .collect();
        let norm = |k: Vec<ClaimCluster>| {
            let mut v: Vec<Vec<String>> = k
                .into_iter()
                .map(|c| {
                    let mut m = c.members;
                    m.sort();
                    m
                })
                .collect();
            v.sort();
            v
        };
        let a = norm(cluster_claims(&claims, None, None).unwrap());
        let mut rev = claims.clone();
        rev.reverse();
        let b = norm(cluster_claims(&rev, None, None).unwrap());
        assert_eq!(a, b);
        assert!(a.iter().any(|g| g.len() >= 2));
    }
}
