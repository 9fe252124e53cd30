//! Loading article graphs made elsewhere (`stancegraph stream --format
//! nquads`, run as a mapper on a cluster) and running the cross-article
//! steps over them: actor resolution replaces the provisional actor IRIs the
//! mapper chose on its own by the global ones, then the derived graph is
//! refreshed. Derived graphs in the input (actors, corpus, state) are ignored:
//! they are recomputed here.

use super::{write_batch, Payload, Progress, Summary};
use crate::annotate::Annotator;
use crate::error::{Error, Result};
use crate::rdf::vocab::{rdfs, sg, ID_NS};
use crate::resolve::{ActorKb, ActorRecord, ResolveConfig};
use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::time::Instant;

/// Replaces actor IRIs in `quads` by `map` (old -> new), subjects and objects.
pub fn rename(quads: Vec<Quad>, map: &HashMap<NamedNode, NamedNode>) -> Vec<Quad> {
    if map.iter().all(|(a, b)| a == b) {
        return quads;
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(quads.len());
    for mut q in quads {
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            if let Some(m) = map.get(n) {
                q.subject = m.clone().into();
            }
        }
        if let Term::NamedNode(n) = &q.object {
            if let Some(m) = map.get(n) {
                q.object = m.clone().into();
            }
        }
        if seen.insert(q.clone()) {
            out.push(q);
        }
    }
    out
}

/// The actor records of one article graph, with the IRI each resolves to.
/// Local ids are the records' last IRI segment.
pub fn records_from_quads(quads: &[Quad]) -> Vec<(ActorRecord, NamedNode)> {
    let mut recs: HashMap<&NamedOrBlankNode, (ActorRecord, Option<NamedNode>)> = HashMap::new();
    let typed: HashSet<&NamedOrBlankNode> = quads
        .iter()
        .filter(|q| q.predicate.as_ref() == rdfs::TYPE && q.object == Term::from(sg::ACTOR_RECORD))
        .map(|q| &q.subject)
        .collect();
    for q in quads.iter().filter(|q| typed.contains(&q.subject)) {
        let e = recs.entry(&q.subject).or_insert_with(|| {
            let local = match &q.subject {
                NamedOrBlankNode::NamedNode(n) => {
                    n.as_str().rsplit('/').next().unwrap_or("").to_string()
                }
                other => other.to_string(),
            };
            (
                ActorRecord {
                    local,
                    name: String::new(),
                    aliases: vec![],
                    kind: crate::extraction::ActorKind::Unknown,
                    same_as: vec![],
                    is_publisher: false,
                },
                None,
            )
        });
        let p = q.predicate.as_ref();
        let v = crate::store::term_value(&q.object);
        if p == sg::RESOLVES_TO {
            if let Term::NamedNode(n) = &q.object {
                e.1 = Some(n.clone());
            }
        } else if p == sg::RECORD_NAME {
            e.0.name = v;
        } else if p == sg::RECORD_ALIAS {
            e.0.aliases.push(v);
        } else if p == sg::RECORD_KIND {
            e.0.kind = serde_json::from_value(serde_json::Value::String(v))
                .unwrap_or(crate::extraction::ActorKind::Unknown);
        } else if p == sg::RECORD_SAME_AS {
            e.0.same_as.push(v);
        }
    }
    let mut out: Vec<(ActorRecord, NamedNode)> = recs
        .into_values()
        .filter_map(|(mut r, iri)| {
            r.aliases.sort();
            r.same_as.sort();
            Some((r, iri?))
        })
        .collect();
    out.sort_by(|a, b| a.0.local.cmp(&b.0.local));
    out
}

/// The document id of an article graph IRI (`sgid:graph/{doc}`), None for
/// the derived graphs and foreign graphs.
fn article_doc(g: &GraphName) -> Option<String> {
    let GraphName::NamedNode(n) = g else {
        return None;
    };
    let doc = n.as_str().strip_prefix(ID_NS)?.strip_prefix("graph/")?;
    (!matches!(doc, "actors" | "corpus" | "state") && !doc.is_empty()).then(|| doc.to_string())
}

fn content_hash(quads: &[Quad]) -> Option<String> {
    quads
        .iter()
        .find(|q| q.predicate.as_ref() == sg::CONTENT_HASH)
        .map(|q| crate::store::term_value(&q.object))
}

/// Loads the article graphs of an N-Quads stream into `store` (unchanged
/// articles skipped by content hash), resolving actors across articles, then
/// refreshes the derived graph. A graph's quads are expected together (as
/// `stream` writes them); a graph seen again later adds to what came before.
#[allow(clippy::too_many_arguments)]
pub fn ingest_nquads(
    store: &Store,
    annotator: &Annotator,
    kb: ActorKb,
    overrides: &crate::overrides::Overrides,
    input: impl BufRead,
    label: &str,
    batch_size: usize,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let start = Instant::now();
    let cfg = ResolveConfig::new(&kb, &overrides.kb_entries());
    let recovered = super::recover(store, &cfg)?;
    let stale_before = super::derived_is_stale(store)?;
    let mut summary = Summary {
        warnings: recovered,
        ..Summary::default()
    };
    let mut changed: Vec<String> = vec![];
    let mut batch: Vec<Payload> = vec![];
    let mut done: HashSet<String> = HashSet::new();
    let mut current: Option<(String, Vec<Quad>)> = None;
    progress(Progress::Phase {
        name: "loading article graphs",
    });
    let mut finish_graph = |doc: String,
                            mut quads: Vec<Quad>,
                            batch: &mut Vec<Payload>,
                            summary: &mut Summary|
     -> Result<()> {
        let old = store.stored_hash(&doc)?;
        if done.contains(&doc) {
            // Seen before in this stream: add to what came before.
            let pending = batch.iter_mut().find_map(|p| match p {
                Payload::Quads {
                    doc: d,
                    quads,
                    records,
                } if *d == doc => Some((quads, records)),
                _ => None,
            });
            if let Some((q0, records)) = pending {
                q0.extend(quads);
                *records = records_from_quads(q0);
                return Ok(());
            }
            let g = crate::rdf::mapping::graph_iri(&doc);
            for q in store
                .inner()
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
            {
                quads.push(q.map_err(|e| Error::Store(e.to_string()))?);
            }
        } else if old.is_some() && old == content_hash(&quads) {
            summary.unchanged += 1;
            done.insert(doc);
            return Ok(());
        } else if old.is_some() {
            summary.updated += 1;
        } else {
            summary.new += 1;
        }
        done.insert(doc.clone());
        changed.push(doc.clone());
        let records = records_from_quads(&quads);
        batch.push(Payload::Quads {
            doc,
            quads,
            records,
        });
        Ok(())
    };
    let parser = RdfParser::from_format(RdfFormat::NQuads).for_reader(input);
    for q in parser {
        let q = q.map_err(|e| Error::input(label, format!("invalid N-Quads: {e}")))?;
        let Some(doc) = article_doc(&q.graph_name) else {
            continue;
        };
        match &mut current {
            Some((d, quads)) if *d == doc => quads.push(q),
            _ => {
                if let Some((d, quads)) = current.take() {
                    finish_graph(d, quads, &mut batch, &mut summary)?;
                    if batch.len() >= batch_size.max(1) {
                        summary.warnings.extend(write_batch(
                            store,
                            &cfg,
                            std::mem::take(&mut batch),
                        )?);
                    }
                }
                current = Some((doc, vec![q]));
            }
        }
    }
    if let Some((d, quads)) = current.take() {
        finish_graph(d, quads, &mut batch, &mut summary)?;
    }
    summary.warnings.extend(write_batch(store, &cfg, batch)?);
    progress(Progress::Phase {
        name: "clustering claims",
    });
    let t = Instant::now();
    summary.clusters = super::refresh_derived(store, annotator, &changed, stale_before)?;
    summary.derive_seconds = t.elapsed().as_secs_f64();
    let (actors, claims) = super::store_counts(store)?;
    summary.actors = actors;
    summary.claims = claims;
    summary.triples = store.len()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
