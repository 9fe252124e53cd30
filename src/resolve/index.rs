//! The actors graph `sgid:graph/actors`, maintained incrementally in the
//! store: a batch of articles touches only the actors whose keys its records
//! share (looked up through `sg:matchKey`), so adding ten articles to a large
//! store costs what those ten articles name, not the corpus.
//!
//! Every global actor is a node of the actors graph (name, label, kind,
//! classes, alternative labels, identifiers, match keys). Because everything
//! but its IRI is a set union over its records ([`Summary`]), merging a new
//! record into an actor needs only the actor's node, never its other records.
//! Only when an article is replaced and loses a record are that record's
//! actors recomputed from their records (they may split). When an actor's IRI
//! changes (a longer name, a merge, a person taking the slug), the article
//! graphs that reference it are rewritten in place (`sg:resolvesTo` finds them).
//!
//! All of it happens inside the caller's transaction, with the articles of the
//! batch, so a killed run never leaves the actors graph out of step.

use super::{merge_parts, ActorRecord, Component, ResolveConfig, Summary};
use crate::error::{Error, Result};
use crate::extraction::ActorKind;
use crate::rdf::mapping::{actor_classes, actor_kind_str, actor_record_iri, actors_graph_iri};
use crate::rdf::vocab::{prov, rdfs, schema, sg, skos};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::Transaction;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

fn st(e: impl std::fmt::Display) -> Error {
    Error::Store(e.to_string())
}

/// What an update did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Global IRI of each new record, by (document id, local actor id).
    pub iris: HashMap<(String, String), NamedNode>,
    /// Actors of the actors graph written (new or changed).
    pub touched: usize,
    /// Article graphs rewritten because an actor IRI changed.
    pub renamed_graphs: usize,
    /// Anything the caller should report.
    pub warnings: Vec<String>,
}

/// Where one part of a recomputed actor came from.
enum Origin {
    /// Record `rec` of new document `doc` of the batch.
    New(usize, usize),
    /// A stored record in `graph`, now resolving to the IRI.
    Stored(NamedNode, NamedNode),
    /// An untouched actor of the actors graph, by IRI.
    Clean(NamedNode),
}

/// The state node of the actors graph (it carries the configuration fingerprint).
fn state_node() -> NamedNode {
    crate::rdf::mapping::iri("resolution")
}

/// The configuration fingerprint the actors graph was computed with.
pub fn stored_fingerprint(tx: &Transaction<'_>) -> Result<Option<String>> {
    let g = actors_graph_iri();
    let state = state_node();
    let found = tx
        .quads_for_pattern(
            Some(state.as_ref().into()),
            Some(sg::CONFIG_HASH),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        )
        .next();
    match found {
        Some(q) => Ok(Some(crate::store::term_value(&q.map_err(st)?.object))),
        None => Ok(None),
    }
}

fn set_fingerprint(tx: &mut Transaction<'_>, cfg: &ResolveConfig) -> Result<()> {
    let g = actors_graph_iri();
    let state = state_node();
    let old: Vec<Quad> = tx
        .quads_for_pattern(
            Some(state.as_ref().into()),
            Some(sg::CONFIG_HASH),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        )
        .collect::<std::result::Result<_, _>>()
        .map_err(st)?;
    for q in &old {
        tx.remove(q);
    }
    tx.insert(&Quad::new(
        state,
        sg::CONFIG_HASH,
        Literal::new_simple_literal(cfg.fingerprint()),
        g,
    ));
    Ok(())
}

/// The records stored in article graph `graph`, each with the IRI it resolves to.
pub fn stored_records(
    tx: &Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<Vec<(NamedNode, ActorRecord, NamedNode)>> {
    let gr = GraphNameRef::NamedNode(graph);
    let mut out = vec![];
    for q in tx.quads_for_pattern(
        None,
        Some(rdfs::TYPE),
        Some(sg::ACTOR_RECORD.into()),
        Some(gr),
    ) {
        let q = q.map_err(st)?;
        let NamedOrBlankNode::NamedNode(rec) = q.subject else {
            continue;
        };
        if let Some((r, iri)) = read_record(tx, rec.as_ref(), graph)? {
            out.push((rec, r, iri));
        }
    }
    Ok(out)
}

fn read_record(
    tx: &Transaction<'_>,
    rec: NamedNodeRef<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<Option<(ActorRecord, NamedNode)>> {
    let mut r = ActorRecord {
        local: rec.as_str().to_string(),
        name: String::new(),
        aliases: vec![],
        kind: ActorKind::Unknown,
        same_as: vec![],
        is_publisher: false,
    };
    let mut iri = None;
    for q in tx.quads_for_pattern(
        Some(rec.into()),
        None,
        None,
        Some(GraphNameRef::NamedNode(graph)),
    ) {
        let q = q.map_err(st)?;
        let p = q.predicate.as_ref();
        let v = crate::store::term_value(&q.object);
        if p == sg::RESOLVES_TO {
            if let Term::NamedNode(n) = q.object {
                iri = Some(n);
            }
        } else if p == sg::RECORD_NAME {
            r.name = v;
        } else if p == sg::RECORD_ALIAS {
            r.aliases.push(v);
        } else if p == sg::RECORD_KIND {
            r.kind =
                serde_json::from_value(serde_json::Value::String(v)).unwrap_or(ActorKind::Unknown);
        } else if p == sg::RECORD_SAME_AS {
            r.same_as.push(v);
        }
    }
    r.aliases.sort();
    r.same_as.sort();
    Ok(iri.map(|i| (r, i)))
}

/// The summary of actor `iri` as the actors graph holds it (None if absent).
fn read_summary(tx: &Transaction<'_>, iri: NamedNodeRef<'_>) -> Result<Option<Summary>> {
    let g = actors_graph_iri();
    let mut s = Summary::default();
    let mut any = false;
    for q in tx.quads_for_pattern(
        Some(iri.into()),
        None,
        None,
        Some(GraphNameRef::NamedNode(g.as_ref())),
    ) {
        let q = q.map_err(st)?;
        any = true;
        let p = q.predicate.as_ref();
        let v = crate::store::term_value(&q.object);
        if p == sg::MATCH_KEY {
            s.keys.insert(v);
        } else if p == schema::NAME {
            s.primary = Some(v.clone());
            s.names.insert(v);
        } else if p == skos::ALT_LABEL {
            s.names.insert(v);
        } else if p == sg::ACTOR_KIND {
            s.kind = serde_json::from_value(serde_json::Value::String(v)).ok();
        } else if p == schema::SAME_AS {
            s.same_as.insert(v);
        }
    }
    Ok(any.then_some(s))
}

/// The kind of the actor node `iri` in the actors graph, if there is one.
fn stored_kind(tx: &Transaction<'_>, iri: &str) -> Result<Option<ActorKind>> {
    let Ok(n) = NamedNode::new(iri) else {
        return Ok(None);
    };
    let g = actors_graph_iri();
    let found = tx
        .quads_for_pattern(
            Some(n.as_ref().into()),
            Some(sg::ACTOR_KIND),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        )
        .next();
    Ok(match found {
        Some(q) => serde_json::from_value(serde_json::Value::String(crate::store::term_value(
            &q.map_err(st)?.object,
        )))
        .ok(),
        None => None,
    })
}

fn lookup_key(tx: &Transaction<'_>, key: &str, out: &mut BTreeSet<NamedNode>) -> Result<()> {
    let g = actors_graph_iri();
    let lit = Literal::new_simple_literal(key);
    for q in tx.quads_for_pattern(
        None,
        Some(sg::MATCH_KEY),
        Some(lit.as_ref().into()),
        Some(GraphNameRef::NamedNode(g.as_ref())),
    ) {
        if let NamedOrBlankNode::NamedNode(n) = q.map_err(st)?.subject {
            out.insert(n);
        }
    }
    Ok(())
}

/// The quads of actor `c` at `iri` in the actors graph.
pub fn actor_quads(c: &Component, iri: &NamedNode) -> Vec<Quad> {
    let g = GraphName::NamedNode(actors_graph_iri());
    let mut q = vec![];
    let mut add = |p: NamedNodeRef<'_>, o: Term| q.push(Quad::new(iri.clone(), p, o, g.clone()));
    add(rdfs::TYPE, sg::ACTOR.into());
    add(rdfs::TYPE, prov::AGENT.into());
    for cl in actor_classes(c.kind) {
        add(rdfs::TYPE, cl.into());
    }
    let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
    add(schema::NAME, lit(&c.name));
    add(rdfs::LABEL, lit(&c.name));
    add(sg::ACTOR_KIND, lit(actor_kind_str(c.kind)));
    for a in &c.alt_labels {
        add(skos::ALT_LABEL, lit(a));
    }
    for s in &c.same_as {
        add(schema::SAME_AS, s.clone().into());
        add(rdfs::OWL_SAME_AS, s.clone().into());
    }
    for k in &c.summary.keys {
        add(sg::MATCH_KEY, lit(k));
    }
    if c.overridden {
        add(sg::METHOD, lit("override"));
    }
    q
}

/// Resolves the records of a batch of articles against the actors graph and
/// updates it, inside `tx`. `batch` holds (document id, records) of the
/// articles about to be (re)written; their old graphs must still be in the
/// store (they are read here) and are replaced by the caller afterwards.
pub fn update(
    tx: &mut Transaction<'_>,
    cfg: &ResolveConfig,
    batch: &[(String, Vec<ActorRecord>)],
) -> Result<Outcome> {
    let mut out = Outcome::default();
    if stored_fingerprint(tx)?.as_deref() != Some(cfg.fingerprint()) {
        let skip: HashSet<NamedNode> = batch
            .iter()
            .map(|(d, _)| crate::rdf::mapping::graph_iri(d))
            .collect();
        rebuild(tx, cfg, &skip, &mut out)?;
        set_fingerprint(tx, cfg)?;
    }
    let batch_graphs: HashSet<NamedNode> = batch
        .iter()
        .map(|(d, _)| crate::rdf::mapping::graph_iri(d))
        .collect();
    // Actors that lose a record are recomputed from their records.
    let mut dirty: BTreeSet<NamedNode> = BTreeSet::new();
    for (doc, recs) in batch {
        let old = stored_records(tx, crate::rdf::mapping::graph_iri(doc).as_ref())?;
        let old_recs: Vec<ActorRecord> = old.iter().map(|(_, r, _)| r.clone()).collect();
        if !old.is_empty() && !super::same_records(&old_recs, recs) {
            dirty.extend(old.into_iter().map(|(_, _, i)| i));
        }
    }
    let mut parts: Vec<Summary> = vec![];
    let mut origins: Vec<Origin> = vec![];
    let mut wanted: BTreeSet<NamedNode> = dirty.clone();
    for (d, (doc, recs)) in batch.iter().enumerate() {
        for (r, rec) in recs.iter().enumerate() {
            let fallback = actor_record_iri(doc, &rec.local);
            let s = Summary::of_record(rec, cfg, fallback.as_str());
            for k in &s.keys {
                lookup_key(tx, k, &mut wanted)?;
            }
            parts.push(s);
            origins.push(Origin::New(d, r));
        }
    }
    let mut included: BTreeSet<NamedNode> = BTreeSet::new();
    let (merged, iris) = loop {
        for iri in std::mem::take(&mut wanted) {
            if !included.insert(iri.clone()) {
                continue;
            }
            include(
                tx,
                cfg,
                &iri,
                dirty.contains(&iri),
                &batch_graphs,
                &mut parts,
                &mut origins,
            )?;
        }
        let merged: Vec<(Vec<usize>, Component)> = merge_parts(&parts)
            .into_iter()
            .map(|(m, s)| (m, Component::finish(s, cfg)))
            .collect();
        let iris = assign_iris(tx, &merged, &included)?;
        pulls(tx, &merged, &iris, &included, &mut wanted)?;
        if wanted.is_empty() {
            break (merged, iris);
        }
    };
    // Rewrite the touched actors.
    let g = actors_graph_iri();
    for iri in &included {
        let old: Vec<Quad> = tx
            .quads_for_pattern(
                Some(iri.as_ref().into()),
                None,
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            )
            .collect::<std::result::Result<_, _>>()
            .map_err(st)?;
        for q in &old {
            tx.remove(q);
        }
    }
    let mut renames: BTreeMap<NamedNode, BTreeMap<NamedNode, NamedNode>> = BTreeMap::new();
    for ((members, c), iri) in merged.iter().zip(&iris) {
        tx.extend(&actor_quads(c, iri));
        out.touched += 1;
        for &m in members {
            match &origins[m] {
                Origin::New(d, r) => {
                    let (doc, recs) = &batch[*d];
                    out.iris
                        .insert((doc.clone(), recs[*r].local.clone()), iri.clone());
                }
                Origin::Stored(graph, old) if old != iri => {
                    let map = renames.entry(graph.clone()).or_default();
                    if let Some(prev) = map.get(old).filter(|p| *p != iri) {
                        out.warnings.push(format!(
                            "{graph}: actor {old} splits into {prev} and {iri}; re-ingest the article to separate them"
                        ));
                    } else {
                        map.insert(old.clone(), iri.clone());
                    }
                }
                Origin::Clean(old) if old != iri => {
                    for graph in referencing_graphs(tx, old, &batch_graphs)? {
                        renames
                            .entry(graph)
                            .or_default()
                            .insert(old.clone(), iri.clone());
                    }
                }
                _ => {}
            }
        }
    }
    out.renamed_graphs = renames.len();
    for (graph, map) in renames {
        rename_in_graph(tx, graph.as_ref(), &map)?;
    }
    Ok(out)
}

/// Adds the parts of actor `iri` (its stored node, or, when `dirty`, its
/// records outside the batch) to `parts`.
#[allow(clippy::too_many_arguments)]
fn include(
    tx: &Transaction<'_>,
    cfg: &ResolveConfig,
    iri: &NamedNode,
    dirty: bool,
    batch_graphs: &HashSet<NamedNode>,
    parts: &mut Vec<Summary>,
    origins: &mut Vec<Origin>,
) -> Result<()> {
    if !dirty {
        if let Some(s) = read_summary(tx, iri.as_ref())? {
            parts.push(s);
            origins.push(Origin::Clean(iri.clone()));
        }
        return Ok(());
    }
    for (graph, rec) in records_resolving_to(tx, iri, batch_graphs)? {
        if let Some((r, _)) = read_record(tx, rec.as_ref(), graph.as_ref())? {
            parts.push(Summary::of_record(&r, cfg, rec.as_str()));
            origins.push(Origin::Stored(graph, iri.clone()));
        }
    }
    Ok(())
}

/// (graph, record) of every stored record resolving to `iri`, outside `skip`.
fn records_resolving_to(
    tx: &Transaction<'_>,
    iri: &NamedNode,
    skip: &HashSet<NamedNode>,
) -> Result<Vec<(NamedNode, NamedNode)>> {
    let mut out = vec![];
    for q in tx.quads_for_pattern(None, Some(sg::RESOLVES_TO), Some(iri.as_ref().into()), None) {
        let q = q.map_err(st)?;
        if let (NamedOrBlankNode::NamedNode(rec), GraphName::NamedNode(g)) =
            (q.subject, q.graph_name)
        {
            if !skip.contains(&g) {
                out.push((g, rec));
            }
        }
    }
    Ok(out)
}

fn referencing_graphs(
    tx: &Transaction<'_>,
    iri: &NamedNode,
    skip: &HashSet<NamedNode>,
) -> Result<BTreeSet<NamedNode>> {
    Ok(records_resolving_to(tx, iri, skip)?
        .into_iter()
        .map(|(g, _)| g)
        .collect())
}

/// The IRI of each merged actor: a person holds its plain slug; an
/// organisation-like actor yields it to a person (here or in the store).
fn assign_iris(
    tx: &Transaction<'_>,
    merged: &[(Vec<usize>, Component)],
    included: &BTreeSet<NamedNode>,
) -> Result<Vec<NamedNode>> {
    let here: BTreeSet<&str> = merged
        .iter()
        .filter(|(_, c)| c.summary.class() == 'p')
        .map(|(_, c)| c.base.as_str())
        .collect();
    let mut outside: HashMap<String, bool> = HashMap::new();
    for (_, c) in merged.iter().filter(|(_, c)| c.summary.class() == 'o') {
        if here.contains(c.base.as_str()) {
            continue;
        }
        let plain = crate::rdf::mapping::actor_iri(&c.base);
        let person = !included.contains(&plain)
            && stored_kind(tx, plain.as_str())? == Some(ActorKind::Person);
        outside.insert(c.base.clone(), person);
    }
    Ok(merged
        .iter()
        .map(|(_, c)| c.iri(&|b| here.contains(b) || outside.get(b).copied().unwrap_or(false)))
        .collect())
}

/// Actors outside the update that its IRI choices may move: an
/// organisation-like actor at a slug a person now takes, or at
/// `{slug}-organisation` when the person holding `{slug}` moved.
fn pulls(
    tx: &Transaction<'_>,
    merged: &[(Vec<usize>, Component)],
    iris: &[NamedNode],
    included: &BTreeSet<NamedNode>,
    wanted: &mut BTreeSet<NamedNode>,
) -> Result<()> {
    let mut candidates: Vec<String> = vec![];
    for ((_, c), iri) in merged.iter().zip(iris) {
        if c.summary.class() == 'p' {
            candidates.push(iri.as_str().to_string());
            candidates.push(format!("{}-organisation", iri.as_str()));
        }
    }
    for old in included {
        candidates.push(format!("{}-organisation", old.as_str()));
    }
    for cand in candidates {
        let Ok(n) = NamedNode::new(&cand) else {
            continue;
        };
        if included.contains(&n) {
            continue;
        }
        if let Some(k) = stored_kind(tx, n.as_str())? {
            if super::class_of(k) == 'o' {
                wanted.insert(n);
            }
        }
    }
    Ok(())
}

/// Replaces the actor IRIs `map` (old -> new) in every quad of `graph`.
fn rename_in_graph(
    tx: &mut Transaction<'_>,
    graph: NamedNodeRef<'_>,
    map: &BTreeMap<NamedNode, NamedNode>,
) -> Result<()> {
    let gr = GraphNameRef::NamedNode(graph);
    let mut hit: HashSet<Quad> = HashSet::new();
    for old in map.keys() {
        for q in tx.quads_for_pattern(Some(old.as_ref().into()), None, None, Some(gr)) {
            hit.insert(q.map_err(st)?);
        }
        for q in tx.quads_for_pattern(None, None, Some(old.as_ref().into()), Some(gr)) {
            hit.insert(q.map_err(st)?);
        }
    }
    let mapped = |t: &NamedNode| map.get(t).cloned().unwrap_or_else(|| t.clone());
    for q in hit {
        tx.remove(&q);
        let s = match &q.subject {
            NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::NamedNode(mapped(n)),
            other => other.clone(),
        };
        let o = match &q.object {
            Term::NamedNode(n) => Term::NamedNode(mapped(n)),
            other => other.clone(),
        };
        tx.insert(&Quad::new(s, q.predicate.clone(), o, q.graph_name.clone()));
    }
    Ok(())
}

/// Recomputes every actor from every stored record (after an interrupted batch).
pub fn rebuild_all(tx: &mut Transaction<'_>, cfg: &ResolveConfig) -> Result<Outcome> {
    let mut out = Outcome::default();
    rebuild(tx, cfg, &HashSet::new(), &mut out)?;
    set_fingerprint(tx, cfg)?;
    Ok(out)
}

/// Recomputes every actor from every stored record (outside `skip`): after
/// the knowledge base or the overrides changed.
fn rebuild(
    tx: &mut Transaction<'_>,
    cfg: &ResolveConfig,
    skip: &HashSet<NamedNode>,
    out: &mut Outcome,
) -> Result<()> {
    let mut parts = vec![];
    let mut origins: Vec<(NamedNode, NamedNode)> = vec![];
    let recs: Vec<(NamedNode, NamedNode)> = tx
        .quads_for_pattern(None, Some(rdfs::TYPE), Some(sg::ACTOR_RECORD.into()), None)
        .filter_map(|q| match q {
            Ok(q) => match (q.subject, q.graph_name) {
                (NamedOrBlankNode::NamedNode(r), GraphName::NamedNode(g)) => Some(Ok((g, r))),
                _ => None,
            },
            Err(e) => Some(Err(st(e))),
        })
        .collect::<Result<_>>()?;
    for (g, rec) in recs {
        if skip.contains(&g) {
            continue;
        }
        if let Some((r, old)) = read_record(tx, rec.as_ref(), g.as_ref())? {
            parts.push(Summary::of_record(&r, cfg, rec.as_str()));
            origins.push((g, old));
        }
    }
    let merged: Vec<(Vec<usize>, Component)> = merge_parts(&parts)
        .into_iter()
        .map(|(m, s)| (m, Component::finish(s, cfg)))
        .collect();
    let persons: BTreeSet<&str> = merged
        .iter()
        .filter(|(_, c)| c.summary.class() == 'p')
        .map(|(_, c)| c.base.as_str())
        .collect();
    let g = actors_graph_iri();
    tx.remove_named_graph(g.as_ref()).map_err(st)?;
    let mut renames: BTreeMap<NamedNode, BTreeMap<NamedNode, NamedNode>> = BTreeMap::new();
    for (members, c) in &merged {
        let iri = c.iri(&|b| persons.contains(b));
        tx.extend(&actor_quads(c, &iri));
        out.touched += 1;
        for &m in members {
            let (graph, old) = &origins[m];
            if *old != iri {
                renames
                    .entry(graph.clone())
                    .or_default()
                    .entry(old.clone())
                    .or_insert_with(|| iri.clone());
            }
        }
    }
    out.renamed_graphs += renames.len();
    for (graph, map) in renames {
        rename_in_graph(tx, graph.as_ref(), &map)?;
    }
    Ok(())
}
