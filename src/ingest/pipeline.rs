//! The ingest pipeline: files -> documents -> extractions -> quads -> store.
//!
//! Three stages run at once, with bounded queues between them so memory does
//! not grow with the corpus: a reader (files to documents, unchanged articles
//! skipped by content hash), annotation on every core ([`workers`], results
//! taken in document order, so the store ends the same for any number of
//! threads), and a writer that loads articles in batches: one store
//! transaction resolves the batch's actors ([`crate::resolve::index`]),
//! removes the old graphs and sets the "derived graph stale" and "pending"
//! marks; the bulk loader then writes the article graphs atomically and the
//! pending marks are cleared (a run killed in between is repaired by the next
//! one, see [`write_batch`]). After the articles, the derived graph
//! `sgid:graph/corpus` (claim clusters) is refreshed and the mark cleared; a
//! run killed before that leaves the mark, and the next run repairs it.
//!
//! The end state is a function of the stored articles: any order or batching
//! of the same files gives the same quads.

pub mod nquads;
pub mod workers;

use crate::annotate::Annotator;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extraction::Extraction;
use crate::overrides::Overrides;
use crate::rdf::mapping::{self, MapOptions};
use crate::rdf::vocab::{rdfs, schema, sg};
use crate::resolve::{
    index, records_of, ActorKb, ActorRecord, ResolveConfig, ResolvedActor, ResolvedActors,
};
use crate::store::Store;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// Documents skipped because over the per-document budget (see `errors`).
    pub skipped: usize,
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
    /// Of which refreshing the derived graph (claim clusters).
    pub derive_seconds: f64,
    /// One line per failure or skipped document, naming the file (and line) and the reason.
    pub errors: Vec<String>,
    /// Other things worth telling (overrides that matched nothing, ...).
    pub warnings: Vec<String>,
}

impl Summary {
    /// The one-line summary printed at the end of `stancegraph ingest`.
    pub fn line(&self) -> String {
        let skipped = if self.skipped > 0 {
            format!(", {} skipped (over budget)", self.skipped)
        } else {
            String::new()
        };
        format!(
            "articles: {} new, {} updated, {} unchanged, {} failed{skipped}; actors: {}; claims: {}; triples: {}; {:.2} s ({:.2} s derived graph)",
            self.new, self.updated, self.unchanged, self.failed, self.actors, self.claims, self.triples, self.seconds, self.derive_seconds
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
    /// A document was skipped (over the budget).
    Skipped {
        /// The one-line reason, naming the file.
        message: &'a str,
    },
    /// A new phase of the run began ("annotating", "clustering claims", ...).
    Phase {
        /// What the run is doing now.
        name: &'a str,
    },
}

/// The per-document annotation budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Documents longer than this many characters are skipped unread.
    pub max_chars: Option<usize>,
    /// Documents whose annotation runs longer are given up.
    pub max_seconds: Option<f64>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_chars: Some(5_000_000),
            max_seconds: Some(120.0),
        }
    }
}

/// How an ingest runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Re-extract every article even when its content is unchanged.
    pub force: bool,
    /// Annotation threads (0: one per core).
    pub jobs: usize,
    /// Articles per store transaction.
    pub batch: usize,
    /// The per-document budget.
    pub budget: Budget,
    /// Leave the full article text out of the store.
    pub no_text: bool,
    /// Analyst overrides.
    pub overrides: Overrides,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            force: false,
            jobs: 0,
            batch: 64,
            budget: Budget::default(),
            no_text: false,
            overrides: Overrides::default(),
        }
    }
}

/// One article ready to be written.
pub(crate) enum Payload {
    /// A fresh extraction (with the document text, if kept).
    Extraction {
        ex: Box<Extraction>,
        text: Option<String>,
        map: MapOptions,
    },
    /// An article graph read from N-Quads, with provisional actor IRIs.
    Quads {
        doc: String,
        quads: Vec<Quad>,
        records: Vec<(ActorRecord, NamedNode)>,
    },
}

impl Payload {
    fn doc(&self) -> String {
        match self {
            Payload::Extraction { ex, .. } => crate::ingest::slug(&ex.document),
            Payload::Quads { doc, .. } => doc.clone(),
        }
    }

    fn records(&self) -> Vec<ActorRecord> {
        match self {
            Payload::Extraction { ex, .. } => records_of(ex),
            Payload::Quads { records, .. } => records.iter().map(|(r, _)| r.clone()).collect(),
        }
    }
}

fn st(e: impl std::fmt::Display) -> Error {
    Error::Store(e.to_string())
}

fn stale_quad() -> Quad {
    Quad::new(
        mapping::iri("store"),
        sg::DERIVED_STALE,
        Literal::from(true),
        mapping::state_graph_iri(),
    )
}

/// True when the derived graph may be out of date (a run was interrupted).
pub fn derived_is_stale(store: &Store) -> Result<bool> {
    store.inner().contains(&stale_quad()).map_err(st)
}

fn clear_stale(store: &Store) -> Result<()> {
    store.inner().remove(&stale_quad()).map_err(st)?;
    Ok(())
}

fn pending_quad(doc: &str) -> Quad {
    Quad::new(
        mapping::iri("store"),
        sg::PENDING_ARTICLE,
        Literal::new_simple_literal(doc),
        mapping::state_graph_iri(),
    )
}

/// Articles of a batch whose load was interrupted (their pending mark is left).
fn pending_articles(store: &Store) -> Result<Vec<Quad>> {
    let g = mapping::state_graph_iri();
    store
        .inner()
        .quads_for_pattern(
            None,
            Some(sg::PENDING_ARTICLE),
            None,
            Some(g.as_ref().into()),
        )
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(st)
}

/// Repairs what an interrupted batch left: every actor is recomputed from the
/// stored records (an article whose graph did not arrive is simply not there,
/// and its file counts as new at the next ingest). Returns the warnings.
pub(crate) fn recover(store: &Store, cfg: &ResolveConfig) -> Result<Vec<String>> {
    let pending = pending_articles(store)?;
    if pending.is_empty() {
        return Ok(vec![]);
    }
    let mut tx = store.inner().start_transaction().map_err(st)?;
    tx.insert(&stale_quad());
    let res = index::rebuild_all(&mut tx, cfg)?;
    for q in &pending {
        tx.remove(q);
    }
    tx.commit().map_err(st)?;
    Ok(res.warnings)
}

/// Writes `items`: first ONE transaction with their actors resolved against
/// the actors graph, their old graphs removed, the derived graph marked stale
/// and each article marked pending; then the article graphs through the bulk
/// loader (atomic, and far faster than a transaction); then the pending marks
/// are cleared. A kill in between leaves the marks, and [`recover`] repairs
/// the actors at the next run. Returns the warnings of the resolution.
pub(crate) fn write_batch(
    store: &Store,
    cfg: &ResolveConfig,
    items: Vec<Payload>,
) -> Result<Vec<String>> {
    let mut tx = store.inner().start_transaction().map_err(st)?;
    tx.insert(&stale_quad());
    let batch: Vec<(String, Vec<ActorRecord>)> =
        items.iter().map(|p| (p.doc(), p.records())).collect();
    let res = index::update(&mut tx, cfg, &batch)?;
    let mut all: Vec<Quad> = vec![];
    for (p, (doc, recs)) in items.into_iter().zip(&batch) {
        let global = |local: &str| res.iris.get(&(doc.clone(), local.to_string())).cloned();
        let quads = match p {
            Payload::Extraction { ex, text, map } => {
                let actors: ResolvedActors = recs
                    .iter()
                    .filter_map(|r| {
                        let iri = global(&r.local)?;
                        Some((
                            r.local.clone(),
                            ResolvedActor {
                                iri,
                                is_publisher: r.is_publisher,
                            },
                        ))
                    })
                    .collect();
                mapping::extraction_quads_with(&ex, text.as_deref(), &actors, &map)
            }
            Payload::Quads { quads, records, .. } => {
                let map: HashMap<NamedNode, NamedNode> = records
                    .iter()
                    .filter_map(|(r, prov)| Some((prov.clone(), global(&r.local)?)))
                    .collect();
                nquads::rename(quads, &map)
            }
        };
        let graph = mapping::graph_iri(doc);
        tx.remove_named_graph(graph.as_ref())
            .map_err(|e| Error::Store(format!("removing graph {graph}: {e}")))?;
        if let Some(q) = quads
            .iter()
            .find(|q| q.graph_name.as_ref() != GraphNameRef::NamedNode(graph.as_ref()))
        {
            return Err(Error::Store(format!(
                "quad outside graph {graph}: {q}; nothing was written"
            )));
        }
        tx.insert(&pending_quad(doc));
        all.extend(quads);
    }
    tx.commit()
        .map_err(|e| Error::Store(format!("committing a batch of articles: {e}")))?;
    if !batch.is_empty() {
        store.bulk_load(all, "a batch of articles")?;
        let mut tx = store.inner().start_transaction().map_err(st)?;
        for (doc, _) in &batch {
            tx.remove(&pending_quad(doc));
        }
        tx.commit().map_err(st)?;
    }
    Ok(res.warnings)
}

/// Removes the article graphs of `ids` (old-scheme ids of files just stored
/// under their new id, see [`crate::ingest::ids::check_store`]) the way a
/// batch replaces articles, so the actors they held are re-resolved.
fn retire(store: &Store, cfg: &ResolveConfig, ids: &[String]) -> Result<Vec<String>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let items = ids
        .iter()
        .map(|id| Payload::Quads {
            doc: id.clone(),
            quads: vec![],
            records: vec![],
        })
        .collect();
    write_batch(store, cfg, items)
}

/// Refreshes the derived cross-article graph (arguments, issues, positions) after articles
/// changed, and clears the stale mark; the one place the pipeline calls it.
/// `changed`: the document ids written in this run; `rebuild`: recompute all
/// (the mark was found, or the run was forced). Returns the number of clusters.
pub fn refresh_derived(
    store: &Store,
    annotator: &Annotator,
    changed: &[String],
    rebuild: bool,
) -> Result<usize> {
    let embedder = annotator.stance.embedder();
    let stats = if rebuild {
        crate::rdf::derived::rebuild(store, embedder)?
    } else {
        crate::rdf::derived::update(store, embedder, changed)?
    };
    clear_stale(store)?;
    Ok(stats.arguments)
}

/// Loads articles into a store one by one (tests, callers that already hold
/// extractions); [`ingest_paths`] is the batched, parallel path.
pub struct Ingester<'a> {
    store: &'a Store,
    annotator: &'a Annotator,
    cfg: ResolveConfig,
    changed: Vec<String>,
    /// Re-extract articles even when their content hash is unchanged.
    pub force: bool,
}

impl<'a> Ingester<'a> {
    /// An ingester writing to `store`, annotating with `annotator`, using the
    /// actor knowledge base `kb`.
    pub fn new(store: &'a Store, annotator: &'a Annotator, kb: ActorKb) -> Result<Self> {
        let cfg = ResolveConfig::new(&kb, &[]);
        recover(store, &cfg)?;
        Ok(Ingester {
            store,
            annotator,
            cfg,
            changed: vec![],
            force: false,
        })
    }

    /// Annotates and loads one document (skipped when unchanged).
    pub fn ingest_document(&mut self, doc: &Document) -> Result<Outcome> {
        // Refuses an id held by another file; finds old-scheme ids of this file.
        let stale = crate::ingest::ids::check_store(self.store, doc)?;
        let old = self.store.stored_hash(&doc.id)?;
        if !self.force && old.as_deref() == Some(doc.content_hash().as_str()) {
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
        let outcome = self.load(ex, Some(doc.text.clone()), old.is_some())?;
        retire(self.store, &self.cfg, &stale)?;
        self.changed.extend(stale);
        Ok(outcome)
    }

    /// Loads an already computed extraction (with the document text, if known).
    pub fn ingest_extraction(&mut self, ex: &Extraction, text: Option<&str>) -> Result<Outcome> {
        let old = self.store.stored_hash(&ex.document)?;
        if !self.force && old.as_deref() == Some(ex.content_hash.as_str()) {
            return Ok(Outcome::Unchanged);
        }
        self.load(ex.clone(), text.map(str::to_string), old.is_some())
    }

    fn load(&mut self, ex: Extraction, text: Option<String>, existed: bool) -> Result<Outcome> {
        self.changed.push(ex.document.clone());
        let p = Payload::Extraction {
            ex: Box::new(ex),
            text,
            map: MapOptions::default(),
        };
        write_batch(self.store, &self.cfg, vec![p])?;
        Ok(if existed {
            Outcome::Updated
        } else {
            Outcome::New
        })
    }

    /// Refreshes the derived graph; returns the number of claim clusters.
    pub fn finish(&self) -> Result<usize> {
        refresh_derived(self.store, self.annotator, &self.changed, true)
    }
}

/// Counts of actors and claims in `store` (index scans, no joins).
pub fn store_counts(store: &Store) -> Result<(usize, usize)> {
    let count = |p, o: oxigraph::model::NamedNodeRef<'_>, g: Option<NamedNode>| -> Result<usize> {
        let mut n = 0;
        let gr = g.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref()));
        for q in store
            .inner()
            .quads_for_pattern(None, Some(p), Some(o.into()), gr)
        {
            q.map_err(st)?;
            n += 1;
        }
        Ok(n)
    };
    let actors = count(rdfs::TYPE, sg::ACTOR, Some(mapping::actors_graph_iri()))?;
    let claims = count(rdfs::TYPE, schema::CLAIM, None)?;
    Ok((actors, claims))
}

/// Ingests `paths` (files or directories, recursive) into `store`.
///
/// Failures are collected in the summary (one line each) and never stop the
/// other files; the derived graph is refreshed at the end.
pub fn ingest_paths(
    store: &Store,
    annotator: &Annotator,
    kb: ActorKb,
    paths: &[PathBuf],
    force: bool,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let opts = Options {
        force,
        ..Options::default()
    };
    ingest_paths_with(store, annotator, kb, paths, &opts, progress)
}

/// What the reader hands on, in corpus order.
enum Item {
    Doc(Box<Document>, bool),
    Unchanged,
    Failed(String),
    Skipped(String),
    /// Old-scheme ids of a document just read, to remove once it is stored.
    Retire(Vec<String>),
    FileDone(PathBuf),
}

/// An item in the annotation window.
enum Pending {
    Doc(workers::Ticket, bool),
    Other(Item),
}

/// [`ingest_paths`] with every option.
pub fn ingest_paths_with(
    store: &Store,
    annotator: &Annotator,
    kb: ActorKb,
    paths: &[PathBuf],
    opts: &Options,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let start = Instant::now();
    let cfg = ResolveConfig::new(&kb, &opts.overrides.kb_entries());
    let recovered = recover(store, &cfg)?;
    let stale_before = derived_is_stale(store)?;
    let mut files = crate::ingest::discover(paths);
    files.dedup();
    progress(Progress::Start { total: files.len() });
    progress(Progress::Phase { name: "annotating" });
    let mut w = Writer {
        store,
        cfg: &cfg,
        opts,
        batch: vec![],
        changed: vec![],
        retire: vec![],
        summary: Summary {
            warnings: recovered,
            ..Summary::default()
        },
    };
    let threads = workers::threads_or_cores(opts.jobs);
    let window = threads * 4 + opts.batch.max(1);
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Item>(window);
        let files = &files;
        s.spawn(move || read_corpus(store, files, opts, tx));
        let budget = opts.budget.max_seconds.map(Duration::from_secs_f64);
        let pool = workers::Pool::new(s, annotator, threads, budget);
        let mut pending: VecDeque<Pending> = VecDeque::new();
        for item in rx {
            pending.push_back(match item {
                Item::Doc(doc, existed) => Pending::Doc(pool.submit(*doc), existed),
                other => Pending::Other(other),
            });
            while pending.len() >= window {
                if let Some(p) = pending.pop_front() {
                    w.settle(p, &pool, progress)?;
                }
            }
        }
        while let Some(p) = pending.pop_front() {
            w.settle(p, &pool, progress)?;
        }
        w.flush()
    })?;
    if !w.retire.is_empty() {
        let retired = std::mem::take(&mut w.retire);
        w.summary.warnings.extend(retire(store, &cfg, &retired)?);
        w.changed.extend(retired);
    }
    let config_changed = stored_fingerprint(store)?.as_deref() != Some(cfg.fingerprint());
    if config_changed {
        progress(Progress::Phase {
            name: "resolving actors",
        });
        w.summary.warnings.extend(write_batch(store, &cfg, vec![])?);
    }
    let mut summary = w.summary;
    let wrote = !w.changed.is_empty() || config_changed;
    if wrote || stale_before || opts.force {
        progress(Progress::Phase {
            name: "clustering claims",
        });
        let t = Instant::now();
        summary.clusters =
            refresh_derived(store, annotator, &w.changed, stale_before || opts.force)?;
        summary.derive_seconds = t.elapsed().as_secs_f64();
    } else {
        summary.clusters = count_clusters(store)?;
    }
    progress(Progress::Phase { name: "counting" });
    let (actors, claims) = store_counts(store)?;
    summary.actors = actors;
    summary.claims = claims;
    summary.triples = store.len()?;
    // Leave no write-ahead log for read-only opens to replay ([`Store::flush`]).
    store.flush()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

fn count_clusters(store: &Store) -> Result<usize> {
    let mut n = 0;
    for q in store.inner().quads_for_pattern(
        None,
        Some(rdfs::TYPE),
        Some(sg::CLAIM_CLUSTER.into()),
        None,
    ) {
        q.map_err(st)?;
        n += 1;
    }
    Ok(n)
}

/// The resolution fingerprint stored in the actors graph, if any.
pub fn stored_fingerprint(store: &Store) -> Result<Option<String>> {
    let tx = store.inner().start_transaction().map_err(st)?;
    index::stored_fingerprint(&tx)
}

/// The reader stage: files to documents, in corpus order.
fn read_corpus(
    store: &Store,
    files: &[PathBuf],
    opts: &Options,
    tx: std::sync::mpsc::SyncSender<Item>,
) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for f in files {
        let items: Vec<Item> = match crate::ingest::load_records(f) {
            Err(e) => vec![Item::Failed(e.to_string())],
            Ok(records) => records
                .into_iter()
                .map(|r| match r {
                    Err(e) => (Item::Failed(e.to_string()), vec![]),
                    Ok(doc) => classify(store, doc, opts, &mut seen),
                })
                .flat_map(|(item, retire)| {
                    std::iter::once(item)
                        .chain((!retire.is_empty()).then_some(Item::Retire(retire)))
                })
                .collect(),
        };
        for it in items.into_iter().chain([Item::FileDone(f.clone())]) {
            if tx.send(it).is_err() {
                return;
            }
        }
    }
}

/// What to do with one document: annotate it, skip it, or refuse it; with
/// the ids of the earlier scheme under which the same file is stored (to
/// retire after the run's articles are written).
fn classify(
    store: &Store,
    doc: Document,
    opts: &Options,
    seen: &mut HashMap<String, String>,
) -> (Item, Vec<String>) {
    // Refuses an id held by another file; finds old-scheme ids of this file.
    let retire = match crate::ingest::ids::check_store(store, &doc) {
        Ok(r) => r,
        Err(e) => return (Item::Failed(e.to_string()), vec![]),
    };
    (classify_doc(store, doc, opts, seen), retire)
}

/// [`classify`] once the id is known to be free.
fn classify_doc(
    store: &Store,
    doc: Document,
    opts: &Options,
    seen: &mut HashMap<String, String>,
) -> Item {
    if let Some(first) = seen.get(&doc.id) {
        return Item::Failed(
            Error::input(
                &doc.source,
                format!(
                    "document id {:?} is already used by {first} in this run; rename the file or give the record an id",
                    doc.id
                ),
            )
            .to_string(),
        );
    }
    seen.insert(doc.id.clone(), doc.source.clone());
    if let Some(max) = opts.budget.max_chars {
        let n = doc.text.chars().count();
        if n > max {
            return Item::Skipped(
                Error::input(
                    &doc.source,
                    format!(
                        "{n} characters, over the {max}-character budget per document; skipped"
                    ),
                )
                .to_string(),
            );
        }
    }
    let old = match store.stored_hash(&doc.id) {
        Ok(h) => h,
        Err(e) => return Item::Failed(e.to_string()),
    };
    let fp = opts.overrides.fingerprint_for(&doc.id);
    let unchanged = !opts.force
        && old.as_deref() == Some(doc.content_hash().as_str())
        && store
            .stored_overrides_hash(&doc.id)
            .map(|h| h == fp)
            .unwrap_or(false);
    if unchanged {
        Item::Unchanged
    } else {
        Item::Doc(Box::new(doc), old.is_some())
    }
}

/// The writer stage: settles the window in order and writes batches.
struct Writer<'a> {
    store: &'a Store,
    cfg: &'a ResolveConfig,
    opts: &'a Options,
    batch: Vec<Payload>,
    changed: Vec<String>,
    /// Old-scheme article ids to remove after the last batch is written.
    retire: Vec<String>,
    summary: Summary,
}

impl Writer<'_> {
    fn settle(
        &mut self,
        p: Pending,
        pool: &workers::Pool<'_, '_>,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<()> {
        match p {
            Pending::Other(Item::FileDone(path)) => progress(Progress::File { path: &path }),
            Pending::Other(Item::Unchanged) => self.summary.unchanged += 1,
            Pending::Other(Item::Failed(m)) => self.fail(m, progress),
            Pending::Other(Item::Skipped(m)) => self.skip(m, progress),
            Pending::Other(Item::Retire(ids)) => self.retire.extend(ids),
            Pending::Other(Item::Doc(..)) => {}
            Pending::Doc(ticket, existed) => match pool.wait(&ticket) {
                Ok(ex) => self.add(ex, &ticket.doc, existed)?,
                Err(reason) if reason.contains("budget") => self.skip(
                    Error::input(&ticket.doc.source, reason).to_string(),
                    progress,
                ),
                Err(reason) => self.fail(
                    Error::input(&ticket.doc.source, reason).to_string(),
                    progress,
                ),
            },
        }
        Ok(())
    }

    fn fail(&mut self, m: String, progress: &mut dyn FnMut(Progress<'_>)) {
        let m = m.replace('\n', " ");
        progress(Progress::Failed { message: &m });
        self.summary.failed += 1;
        self.summary.errors.push(m);
    }

    fn skip(&mut self, m: String, progress: &mut dyn FnMut(Progress<'_>)) {
        let m = m.replace('\n', " ");
        progress(Progress::Skipped { message: &m });
        self.summary.skipped += 1;
        self.summary.errors.push(m);
    }

    fn add(&mut self, mut ex: Extraction, doc: &Document, existed: bool) -> Result<()> {
        let (claims, problems) = self.opts.overrides.apply(&mut ex);
        self.summary.warnings.extend(problems);
        let map = MapOptions {
            no_text: self.opts.no_text,
            overridden_claims: claims,
            overrides_hash: self.opts.overrides.fingerprint_for(&doc.id),
        };
        if existed {
            self.summary.updated += 1;
        } else {
            self.summary.new += 1;
        }
        self.changed.push(doc.id.clone());
        self.batch.push(Payload::Extraction {
            ex: Box::new(ex),
            text: (!self.opts.no_text).then(|| doc.text.clone()),
            map,
        });
        if self.batch.len() >= self.opts.batch.max(1) {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let items = std::mem::take(&mut self.batch);
        let warnings = write_batch(self.store, self.cfg, items)?;
        self.summary.warnings.extend(warnings);
        Ok(())
    }
}
