//! The derived cross-article graph `sgid:graph/corpus`: arguments, issues,
//! statements and positions, found from the coverage with no set-up.
//!
//! # Contract (for the ingest pipeline)
//! - [`update`]`(store, embedder, changed_doc_ids)` after articles were
//!   added, replaced or removed. It diffs the claims in the article graphs
//!   against the index kept in the derived graph and re-clusters only the
//!   components those changes touch; `changed_doc_ids` forces the claims of
//!   those documents to count as changed (a hint: any other difference is
//!   found too, so a killed run is repaired by the next call).
//! - [`rebuild`]`(store, embedder)` clears the derived graph and computes it
//!   from scratch. **`update` after any history of ingests gives exactly the
//!   quads `rebuild` gives on the same articles**: every part below is a
//!   function of the set of stored claims (and the model), not of the order
//!   or batches they arrived in.
//! - [`recompute`] is `rebuild` returning the number of arguments (kept for
//!   callers of the earlier API).
//! - Each call writes a diff against what is there, in bounded chunks (see
//!   [`apply_diff`]); the pipeline's stale mark, set before and cleared after,
//!   makes the run after a failed or killed one rebuild the graph.
//!
//! # What is derived
//! 1. **Arguments** (`sgid:argument/{h}`, `a sg:Argument, sg:ClaimCluster,
//!    sg:Target, skos:Concept`): claims whose propositions (`sg:proposition`,
//!    written per article from [`crate::extraction::Statement`]) say the same
//!    thing, by [`crate::annotate::stance::cluster`] (content words without
//!    a model, MiniLM vectors with one). `{h}` hashes the smallest member
//!    claim IRI; the label is the most central member's proposition trimmed
//!    to a readable phrase ([`crate::annotate::stance::label`]). Clusters of
//!    one claim become arguments only when the claim has a speaker. Members
//!    link to it with `sg:inCluster`.
//! 2. **Statements** (`sgid:statement/{h}`, `a sg:Stance`): the speaker of
//!    each member claim toward its argument, `sg:Favour` = agrees,
//!    `sg:Against` = disagrees (the claim's `sg:assertion`). Claims with a
//!    in an article analysed against a target catalogue give none:
//!    `targets.toml` wins where present.
//! 3. **Issues** (`sgid:issue/{h}`, `a sg:Issue, sg:Target, skos:Concept`):
//!    arguments reported in one article that share a core content word, or
//!    in two articles together, grouped (two arguments or more). Arguments
//!    get a valence (`sg:valence`, the members' evaluative direction, else
//!    inferred from what their speakers argue elsewhere on the issue);
//!    arguments of one issue with opposite valence `sg:opposes` each other.
//!    Issue stances (`sgid:issue-stance/{h}`) hold each statement's position
//!    on the issue: agreement times the argument's valence.
//! 4. **Positions** (`sgid:position/{h}`, `a sg:Position`): each actor's net
//!    polarity toward each target over all stances (article graphs and
//!    derived), with `sg:stanceCount`: the agreeing- and conflicting-pairs
//!    queries join these rather than every pair of stances.
//!
//! # Kept per claim
//! `<claim> sg:inBlock "key"` (its component) and `sg:indexedProposition`
//! in the derived graph (what it was clustered by: the old state an update
//! diffs against), and, with a model, its vector in the side file of
//! [`crate::annotate::stance::vectors`].

use super::mapping::{corpus_graph_iri, iri};
use super::vocab::{rdfs, sg};
use crate::annotate::stance::cluster::{self, Blocking, Item, Params};
use crate::annotate::stance::vectors::VectorCache;
use crate::error::{Error, Result};
use crate::models::Embedder;
use crate::store::{term_value, Store};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::{BTreeMap, HashMap, HashSet};

mod layers;

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Claims with a proposition in the store.
    pub claims: usize,
    /// Claims whose components were re-clustered.
    pub reclustered: usize,
    /// Arguments in the derived graph.
    pub arguments: usize,
    /// Issues in the derived graph.
    pub issues: usize,
    /// Quads added and removed.
    pub added: usize,
    /// Quads removed.
    pub removed: usize,
}

/// One stored claim with a proposition.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClaimRec {
    pub iri: String,
    pub doc: String,
    pub article: String,
    pub proposition: String,
    pub assertion: i8,
    pub valence: i8,
    pub author: Option<String>,
    pub evidence: Vec<String>,
    pub covered: bool,
    /// The claim has a statement (`sg:assertion`); claims without one
    /// (content too short, or extractions made elsewhere) are clustered by
    /// their text but give no stance.
    pub stated: bool,
}

/// Recomputes the derived graph from scratch; returns the number of arguments.
pub fn recompute(store: &Store, embedder: Option<&dyn Embedder>) -> Result<usize> {
    Ok(rebuild(store, embedder)?.arguments)
}

/// Clears the derived graph and computes it from every claim in the store.
pub fn rebuild(store: &Store, embedder: Option<&dyn Embedder>) -> Result<Stats> {
    clear_corpus(store)?;
    update(store, embedder, &[])
}

/// Removes the derived graph in transactions of [`DIFF_CHUNK`] quads.
fn clear_corpus(store: &Store) -> Result<()> {
    clear_corpus_in(store, DIFF_CHUNK)
}

/// [`clear_corpus`] with transactions of at most `chunk` quads.
fn clear_corpus_in(store: &Store, chunk: usize) -> Result<()> {
    let g = corpus_graph_iri();
    loop {
        let part: Vec<Quad> = store
            .inner()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            .take(chunk.max(1))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::Store(e.to_string()))?;
        if part.is_empty() {
            break;
        }
        store.remove_in_chunks(&part, chunk, "the derived graph")?;
    }
    store.replace_graph(g.as_ref(), &[])
}

/// Brings the derived graph up to date after the articles `changed_doc_ids`
/// (document ids) were added, replaced or removed; see the module docs.
pub fn update(
    store: &Store,
    embedder: Option<&dyn Embedder>,
    changed_doc_ids: &[String],
) -> Result<Stats> {
    let method = embedder.map_or("rules".to_string(), |e| e.name().to_string());
    let claims = load_claims(store)?;
    let old = load_index(store)?;
    let full = old.method.as_deref() != Some(method.as_str());
    let mut items: Vec<Item> = claims
        .iter()
        .map(|c| Item::new(c.iri.clone(), c.proposition.clone()))
        .collect();
    if let Some(e) = embedder {
        let mut cache = VectorCache::open(store.path(), e.name())?;
        let texts: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
        for (it, v) in items.iter_mut().zip(cache.vectors(e, &texts)?) {
            it.vector = Some(v);
        }
        cache.save()?;
    }
    let params = Params::new(embedder.is_some());
    let blocking = Blocking::new(&items, params.model);
    let changed: HashSet<&str> = changed_doc_ids.iter().map(|s| s.as_str()).collect();
    let seeds = seeds(&claims, &items, &blocking, &old, &changed, full, &params);
    let comps = cluster::components_touching(&items, &blocking, &seeds, &params);
    // Cluster membership: old for untouched claims, new for the touched ones.
    let mut cluster_of: HashMap<String, String> = HashMap::new();
    let mut block_of: HashMap<String, String> = HashMap::new();
    let mut region: HashSet<u32> = HashSet::new();
    for comp in &comps {
        let key = hex(cluster::stable_hash(&items[comp[0] as usize].id));
        for &m in comp {
            region.insert(m);
            block_of.insert(items[m as usize].id.clone(), key.clone());
        }
        for c in cluster::split_component(&items, comp, &params) {
            let id = hex(cluster::stable_hash(&items[c[0] as usize].id));
            for &m in &c {
                cluster_of.insert(items[m as usize].id.clone(), id.clone());
            }
        }
    }
    for (i, it) in items.iter().enumerate() {
        if region.contains(&(i as u32)) {
            continue;
        }
        if let Some(b) = old.block.get(&it.id) {
            block_of.insert(it.id.clone(), b.clone());
        }
        if let Some(c) = old.cluster.get(&it.id) {
            cluster_of.insert(it.id.clone(), c.clone());
        }
    }
    let article_stances = load_article_stances(store)?;
    let built = layers::build(
        &claims,
        &items,
        &cluster_of,
        &block_of,
        &article_stances,
        &params,
        &method,
    );
    let (added, removed) = apply_diff(store, &built.quads)?;
    Ok(Stats {
        claims: claims.len(),
        reclustered: region.len(),
        arguments: built.arguments,
        issues: built.issues,
        added,
        removed,
    })
}

/// Lowercase hex of a hash, 16 digits.
pub(crate) fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// The old state kept in the derived graph.
#[derive(Debug, Default)]
struct OldIndex {
    method: Option<String>,
    block: HashMap<String, String>,
    proposition: HashMap<String, String>,
    cluster: HashMap<String, String>,
}

/// Calls `f` on every quad of the derived graph, streaming (the graph holds
/// millions of quads at 10k articles: never all in memory at once).
fn for_corpus_quads(store: &Store, mut f: impl FnMut(Quad)) -> Result<()> {
    let g = corpus_graph_iri();
    for q in
        store
            .inner()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
    {
        f(q.map_err(|e| Error::Store(e.to_string()))?);
    }
    Ok(())
}

/// A 128-bit fingerprint of a quad: sets of fingerprints stand in for sets of
/// quads (a 16-byte key instead of four heap strings), within one process; a
/// collision (odds about 2^-85 at ten million quads) would keep one stale
/// quad or skip one new one.
fn fingerprint(q: &Quad) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut h = [0u64; 2];
    for (seed, out) in h.iter_mut().enumerate() {
        let mut s = std::collections::hash_map::DefaultHasher::new();
        seed.hash(&mut s);
        q.hash(&mut s);
        *out = s.finish();
    }
    (u128::from(h[0]) << 64) | u128::from(h[1])
}

fn load_index(store: &Store) -> Result<OldIndex> {
    let mut old = OldIndex::default();
    let g = corpus_graph_iri();
    let argument_prefix = iri("argument/").as_str().to_string();
    for_corpus_quads(store, |q| {
        let s = q.subject.to_string();
        let s = s.trim_start_matches('<').trim_end_matches('>').to_string();
        let p = q.predicate.as_ref();
        if p == sg::IN_BLOCK {
            old.block.insert(s, term_value(&q.object));
        } else if p == sg::INDEXED_PROPOSITION {
            old.proposition.insert(s, term_value(&q.object));
        } else if p == sg::IN_CLUSTER {
            let c = term_value(&q.object);
            if let Some(h) = c.strip_prefix(&argument_prefix) {
                old.cluster.insert(s, h.to_string());
            }
        } else if p == sg::METHOD && s == g.as_str() {
            old.method = Some(term_value(&q.object));
        }
    })?;
    Ok(old)
}

/// The claims whose components must be re-clustered: claims new or changed
/// since the index, claims of `changed` documents, claims that were in a
/// component with a claim that is gone or changed, and claims holding a key
/// whose commonness crossed [`Params::max_posting`]. All of them when `full`.
fn seeds(
    claims: &[ClaimRec],
    items: &[Item],
    blocking: &Blocking,
    old: &OldIndex,
    changed: &HashSet<&str>,
    full: bool,
    p: &Params,
) -> Vec<u32> {
    if full {
        return (0..items.len() as u32).collect();
    }
    let now: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let mut dirty_blocks: HashSet<&str> = HashSet::new();
    for (iri, prop) in &old.proposition {
        let gone = match now.get(iri.as_str()) {
            None => true,
            Some(&i) => items[i].text != *prop || changed.contains(claims[i].doc.as_str()),
        };
        if gone {
            if let Some(b) = old.block.get(iri) {
                dirty_blocks.insert(b.as_str());
            }
        }
    }
    let mut out = vec![];
    for (i, it) in items.iter().enumerate() {
        let fresh = old.proposition.get(&it.id) != Some(&it.text)
            || changed.contains(claims[i].doc.as_str())
            || old
                .block
                .get(&it.id)
                .is_some_and(|b| dirty_blocks.contains(b.as_str()));
        if fresh {
            out.push(i as u32);
        }
    }
    // Keys whose posting crossed the cap link or unlink claims far apart.
    let old_items: Vec<Item> = old
        .proposition
        .iter()
        .map(|(iri, t)| Item::new(iri.clone(), t.clone()))
        .collect();
    let old_blocking = Blocking::new(&old_items, p.model);
    let mut crossed: HashSet<u64> = HashSet::new();
    for it in items.iter().chain(old_items.iter()) {
        for k in cluster::keys(&it.stems, p.model) {
            let (a, b) = (old_blocking.posting_len(k), blocking.posting_len(k));
            if (a > p.max_posting) != (b > p.max_posting) {
                crossed.insert(k);
            }
        }
    }
    if !crossed.is_empty() {
        for (i, it) in items.iter().enumerate() {
            if cluster::keys(&it.stems, p.model)
                .iter()
                .any(|k| crossed.contains(k))
            {
                out.push(i as u32);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn one<'a>(row: &'a crate::store::Row, var: &str) -> Option<&'a Term> {
    row.get(var)
}

/// Every claim, sorted by IRI, with its proposition (or, without one, its
/// text) and what the layers need.
fn load_claims(store: &Store) -> Result<Vec<ClaimRec>> {
    let rows = store.select(
        "SELECT ?c ?prop ?as ?val ?au ?art ?doc WHERE {
           ?c a schema:Claim ; schema:appearance ?art .
           ?art sg:documentId ?doc .
           { ?c sg:proposition ?prop } UNION
           { ?c schema:text ?prop FILTER NOT EXISTS { ?c sg:proposition ?any } }
           OPTIONAL { ?c sg:assertion ?as }
           OPTIONAL { ?c sg:valence ?val }
           OPTIONAL { ?c schema:author ?au } }",
    )?;
    let mut by: BTreeMap<String, ClaimRec> = BTreeMap::new();
    for r in rows {
        let (Some(Term::NamedNode(c)), Some(prop)) = (one(&r, "c"), r.str("prop")) else {
            continue;
        };
        let rec = by
            .entry(c.as_str().to_string())
            .or_insert_with(|| ClaimRec {
                iri: c.as_str().to_string(),
                ..Default::default()
            });
        // Keep the smallest value of each field so duplicates cannot reorder.
        let smaller = |cur: &String, new: &str| cur.is_empty() || new < cur.as_str();
        if smaller(&rec.proposition, &prop) {
            rec.proposition = prop;
        }
        if let Some(a) = r.str("art") {
            if smaller(&rec.article, &a) {
                rec.article = a;
                rec.doc = r.str("doc").unwrap_or_default();
            }
        }
        rec.stated |= r.get("as").is_some();
        rec.assertion = match r.str("as").as_deref().and_then(|s| s.rsplit('#').next()) {
            Some("Favour") => 1,
            Some("Against") => -1,
            _ => 0,
        };
        rec.valence = r.i64("val").unwrap_or(0).signum() as i8;
        if let Some(a) = r.str("au") {
            if rec.author.as_ref().is_none_or(|cur| a < *cur) {
                rec.author = Some(a);
            }
        }
    }
    for r in
        store.select("SELECT ?c ?e WHERE { ?c sg:proposition ?p ; sg:assertionEvidence ?e }")?
    {
        if let (Some(c), Some(e)) = (r.str("c"), r.str("e")) {
            if let Some(rec) = by.get_mut(&c) {
                rec.evidence.push(e);
            }
        }
    }
    for r in store.select(
        "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?t sg:targetSource \"catalogue\" . ?c sg:proposition ?p } }",
    )? {
        if let Some(c) = r.str("c") {
            if let Some(rec) = by.get_mut(&c) {
                rec.covered = true;
            }
        }
    }
    let mut out: Vec<ClaimRec> = by.into_values().collect();
    for c in &mut out {
        c.evidence.sort();
        c.evidence.dedup();
    }
    Ok(out)
}

/// (holder, target, polarity) of every stance in the article graphs.
fn load_article_stances(store: &Store) -> Result<Vec<(String, String, i8)>> {
    let g = corpus_graph_iri();
    let q = format!(
        "SELECT ?h ?t ?p WHERE {{ GRAPH ?g {{ ?s a sg:Stance ; sg:holder ?h ; sg:target ?t ; sg:polarity ?p }} FILTER(?g != <{}>) }}",
        g.as_str()
    );
    let mut out = vec![];
    for r in store.select(&q)? {
        let (Some(h), Some(t), Some(p)) = (r.str("h"), r.str("t"), r.str("p")) else {
            continue;
        };
        let p = match p.rsplit('#').next() {
            Some("Favour") => 1,
            Some("Against") => -1,
            _ => 0,
        };
        out.push((h, t, p));
    }
    Ok(out)
}

/// Most quads one transaction of [`apply_diff`] writes: a transaction holds
/// its writes in memory (RocksDB's indexed write batch, about a kilobyte per
/// quad over oxigraph's indexes), so one transaction for a whole derived graph
/// of millions of quads took gigabytes.
const DIFF_CHUNK: usize = 20_000;

/// Writes the difference between the stored derived graph and `quads`:
/// removals, then additions through the bulk loader, in chunks of
/// [`DIFF_CHUNK`] quads. A run that stops in between leaves the pipeline's
/// stale mark set, and the next run rebuilds the graph. Returns (added,
/// removed).
fn apply_diff(store: &Store, quads: &[Quad]) -> Result<(usize, usize)> {
    apply_diff_in(store, quads, DIFF_CHUNK)
}

/// [`apply_diff`] with transactions of at most `chunk` quads.
fn apply_diff_in(store: &Store, quads: &[Quad], chunk: usize) -> Result<(usize, usize)> {
    let want: HashSet<u128> = quads.iter().map(fingerprint).collect();
    let mut have: HashSet<u128> = HashSet::new();
    let mut gone: Vec<Quad> = vec![];
    for_corpus_quads(store, |q| {
        let f = fingerprint(&q);
        if want.contains(&f) {
            have.insert(f);
        } else {
            gone.push(q);
        }
    })?;
    drop(want);
    let removed = gone.len();
    store.remove_in_chunks(&gone, chunk, "the derived graph")?;
    drop(gone);
    let new: Vec<&Quad> = quads
        .iter()
        .filter(|q| !have.contains(&fingerprint(q)))
        .collect();
    drop(have);
    if !new.is_empty() {
        store.bulk_load(new.iter().map(|q| (*q).clone()), "the derived graph")?;
    }
    Ok((new.len(), removed))
}

/// Collects derived-graph quads without duplicates.
pub(crate) struct Out {
    g: GraphName,
    pub quads: Vec<Quad>,
    seen: HashSet<u128>,
}

impl Out {
    pub fn new() -> Out {
        Out {
            g: GraphName::NamedNode(corpus_graph_iri()),
            quads: vec![],
            seen: HashSet::new(),
        }
    }
    pub fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        let q = Quad::new(s.clone(), p, o, self.g.clone());
        if self.seen.insert(fingerprint(&q)) {
            self.quads.push(q);
        }
    }
    pub fn lit(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }
    pub fn int(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: i64) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(v.to_string(), xsd::INTEGER),
        );
    }
    pub fn node(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: &str) {
        self.add(s, p, NamedNode::new_unchecked(o));
    }
    pub fn types(&mut self, s: &NamedNode, classes: &[NamedNodeRef<'_>]) {
        for c in classes {
            self.add(s, rdfs::TYPE, *c);
        }
    }
}

/// The label of a target node (`skos:prefLabel`) for a readable-labels check.
pub fn labels(store: &Store) -> Result<Vec<(String, String)>> {
    let mut out = vec![];
    for r in store.select("SELECT DISTINCT ?t ?l WHERE { ?t a sg:Target ; skos:prefLabel ?l }")? {
        if let (Some(t), Some(l)) = (r.str("t"), r.str("l")) {
            out.push((t, l));
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quad(s: usize, o: usize) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(format!("http://example.org/s{s}")),
            NamedNode::new_unchecked("http://example.org/p"),
            Literal::new_simple_literal(o.to_string()),
            GraphName::NamedNode(corpus_graph_iri()),
        )
    }

    fn stored(store: &Store) -> HashSet<Quad> {
        let mut out = HashSet::new();
        for_corpus_quads(store, |q| {
            out.insert(q);
        })
        .unwrap();
        out
    }

    #[test]
    fn chunked_diff_ends_in_the_wanted_graph() {
        let store = Store::in_memory().unwrap();
        let first: Vec<Quad> = (0..50).map(|i| quad(i, i)).collect();
        assert_eq!(apply_diff_in(&store, &first, 7).unwrap(), (50, 0));
        assert_eq!(stored(&store), first.iter().cloned().collect());
        // Keep 20..50, change 40..50, add 50..70.
        let second: Vec<Quad> = (20..70)
            .map(|i| quad(i, if (40..50).contains(&i) { i + 1000 } else { i }))
            .collect();
        assert_eq!(apply_diff_in(&store, &second, 7).unwrap(), (30, 30));
        assert_eq!(stored(&store), second.iter().cloned().collect());
        // Same graph again: nothing written.
        assert_eq!(apply_diff_in(&store, &second, 7).unwrap(), (0, 0));
    }

    #[test]
    fn chunked_clear_empties_only_the_derived_graph() {
        let store = Store::in_memory().unwrap();
        let quads: Vec<Quad> = (0..45).map(|i| quad(i, i)).collect();
        apply_diff_in(&store, &quads, 10).unwrap();
        let other = Quad::new(
            NamedNode::new_unchecked("http://example.org/a"),
            NamedNode::new_unchecked("http://example.org/p"),
            Literal::new_simple_literal("kept"),
            GraphName::NamedNode(NamedNode::new_unchecked("http://example.org/g")),
        );
        store.inner().insert(&other).unwrap();
        clear_corpus_in(&store, 4).unwrap();
        assert!(stored(&store).is_empty());
        assert!(store.inner().contains(&other).unwrap());
    }
}
