//! The ingest pipeline: files -> documents -> extractions -> quads -> store.
//!
//! Each article is loaded in one store transaction that replaces its named
//! graph, so a failure leaves the store as it was. An article whose
//! `sg:contentHash` is already in the store is skipped (re-ingesting an
//! unchanged corpus changes nothing). After the articles, the derived graph
//! `sgid:graph/corpus` (claim clusters) is recomputed.

use crate::annotate::Annotator;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extraction::Extraction;
use crate::rdf::{derived, mapping};
use crate::resolve::{ActorKb, Resolver};
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What loading one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The article was not in the store.
    New,
    /// The article was in the store with another content hash; its graph was replaced.
    Updated,
    /// The article was in the store with the same content hash; nothing was written.
    Unchanged,
}

/// Counts reported at the end of an ingest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Articles loaded for the first time.
    pub new: usize,
    /// Articles whose graph was replaced.
    pub updated: usize,
    /// Articles skipped because unchanged.
    pub unchanged: usize,
    /// Files or records that failed (see `errors`).
    pub failed: usize,
    /// Actors in the store after the ingest.
    pub actors: usize,
    /// Claims in the store after the ingest.
    pub claims: usize,
    /// Quads in the store after the ingest.
    pub triples: usize,
    /// Claim clusters in the derived graph.
    pub clusters: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// One line per failure, naming the file (and line) and the reason.
    pub errors: Vec<String>,
}

impl Summary {
    /// The one-line summary printed at the end of `stancegraph ingest`.
    pub fn line(&self) -> String {
        format!(
            "articles: {} new, {} updated, {} unchanged, {} failed; actors: {}; claims: {}; triples: {}; {:.2} s",
            self.new, self.updated, self.unchanged, self.failed, self.actors, self.claims, self.triples, self.seconds
        )
    }
}

/// A progress event, for progress bars.
#[derive(Debug)]
pub enum Progress<'a> {
    /// About to process `total` files.
    Start {
        /// Number of files.
        total: usize,
    },
    /// One file done (all its records).
    File {
        /// The file.
        path: &'a Path,
    },
    /// A file or record failed.
    Failed {
        /// The one-line error.
        message: &'a str,
    },
}

/// Loads articles into a store, resolving actors across articles.
pub struct Ingester<'a> {
    store: &'a Store,
    annotator: &'a Annotator,
    resolver: Resolver,
    /// Re-extract articles even when their content hash is unchanged.
    pub force: bool,
}

impl<'a> Ingester<'a> {
    /// An ingester writing to `store`, annotating with `annotator`, using the
    /// actor knowledge base `kb`; learns the actors already in the store.
    pub fn new(store: &'a Store, annotator: &'a Annotator, kb: ActorKb) -> Result<Self> {
        let mut resolver = Resolver::new(kb);
        resolver.load_known(store)?;
        Ok(Ingester {
            store,
            annotator,
            resolver,
            force: false,
        })
    }

    /// Annotates and loads one document (skipped when unchanged).
    pub fn ingest_document(&mut self, doc: &Document) -> Result<Outcome> {
        // Refuses an id held by another file; finds old-scheme ids of this file.
        let stale = crate::ingest::ids::check_store(self.store, doc)?;
        let old = self.store.stored_hash(&doc.id)?;
        let hash = doc.content_hash();
        if !self.force && old.as_deref() == Some(hash.as_str()) {
            return Ok(Outcome::Unchanged);
        }
        let annotator = self.annotator;
        let ex = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| annotator.annotate(doc)))
            .map_err(|p| {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Error::input(&doc.source, format!("annotation failed: {msg}"))
            })?;
        let outcome = self.load(&ex, Some(&doc.text), old.is_some())?;
        crate::ingest::ids::retire(self.store, &stale)?;
        Ok(outcome)
    }

    /// Loads an already computed extraction (with the document text, if known).
    pub fn ingest_extraction(&mut self, ex: &Extraction, text: Option<&str>) -> Result<Outcome> {
        let old = self.store.stored_hash(&ex.document)?;
        if !self.force && old.as_deref() == Some(ex.content_hash.as_str()) {
            return Ok(Outcome::Unchanged);
        }
        self.load(ex, text, old.is_some())
    }

    fn load(&mut self, ex: &Extraction, text: Option<&str>, existed: bool) -> Result<Outcome> {
        let actors = self.resolver.resolve(ex);
        let quads = mapping::extraction_quads(ex, text, &actors);
        let graph = mapping::graph_iri(&crate::ingest::slug(&ex.document));
        self.store.replace_graph(graph.as_ref(), &quads)?;
        Ok(if existed {
            Outcome::Updated
        } else {
            Outcome::New
        })
    }

    /// Recomputes the derived graph; returns the number of claim clusters.
    pub fn finish(&self) -> Result<usize> {
        derived::recompute(self.store, self.annotator.stance.embedder())
    }
}

/// Counts of actors and claims in `store`.
pub fn store_counts(store: &Store) -> Result<(usize, usize)> {
    let q = format!(
        "{}SELECT (COUNT(DISTINCT ?a) AS ?actors) (COUNT(DISTINCT ?c) AS ?claims) WHERE {{
           {{ ?a a sg:Actor }} UNION {{ ?c a schema:Claim }} }}",
        crate::rdf::vocab::SPARQL_PREFIXES
    );
    let rows = store.select(&q)?;
    let r = rows.first();
    Ok((
        r.and_then(|r| r.i64("actors")).unwrap_or(0) as usize,
        r.and_then(|r| r.i64("claims")).unwrap_or(0) as usize,
    ))
}

/// Ingests `paths` (files or directories, recursive) into `store`.
///
/// Failures are collected in the summary (one line each) and never stop the
/// other files; the derived graph is recomputed at the end.
pub fn ingest_paths(
    store: &Store,
    annotator: &Annotator,
    kb: ActorKb,
    paths: &[PathBuf],
    force: bool,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let start = Instant::now();
    let mut ing = Ingester::new(store, annotator, kb)?;
    ing.force = force;
    let mut summary = Summary::default();
    let mut files = crate::ingest::discover(paths);
    files.dedup();
    progress(Progress::Start { total: files.len() });
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let fail = |summary: &mut Summary, e: Error, progress: &mut dyn FnMut(Progress<'_>)| {
        let msg = e.to_string().replace('\n', " ");
        progress(Progress::Failed { message: &msg });
        summary.failed += 1;
        summary.errors.push(msg);
    };
    for f in &files {
        match crate::ingest::load_records(f) {
            Err(e) => fail(&mut summary, e, progress),
            Ok(records) => {
                for r in records {
                    let r = r.and_then(|doc| match seen.get(&doc.id) {
                        Some(first) => Err(Error::input(
                            &doc.source,
                            format!(
                                "document id {:?} is already used by {first} in this run; rename the file or give the record an id",
                                doc.id
                            ),
                        )),
                        None => {
                            seen.insert(doc.id.clone(), doc.source.clone());
                            Ok(doc)
                        }
                    });
                    match r.and_then(|doc| ing.ingest_document(&doc)) {
                        Ok(Outcome::New) => summary.new += 1,
                        Ok(Outcome::Updated) => summary.updated += 1,
                        Ok(Outcome::Unchanged) => summary.unchanged += 1,
                        Err(e) => fail(&mut summary, e, progress),
                    }
                }
            }
        }
        progress(Progress::File { path: f });
    }
    // The derived graph only changes when some article did (or was never computed).
    let corpus_graph = mapping::corpus_graph_iri();
    if summary.new + summary.updated > 0 || force || store.graph_len(corpus_graph.as_ref())? == 0 {
        summary.clusters = ing.finish()?;
    } else {
        summary.clusters = store
            .select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sg:ClaimCluster }")?
            .first()
            .and_then(|r| r.i64("n"))
            .unwrap_or(0) as usize;
    }
    let (actors, claims) = store_counts(store)?;
    summary.actors = actors;
    summary.claims = claims;
    summary.triples = store.len()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
