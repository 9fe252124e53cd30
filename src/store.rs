//! The persistent graph store (oxigraph on RocksDB).
//!
//! One named graph per article; queries see the default graph as the union of
//! all named graphs. Loading an article is one transaction: it either fully
//! replaces the article's graph or leaves the store untouched.

use crate::error::{Error, Result};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A stancegraph store.
pub struct Store {
    inner: oxigraph::store::Store,
    path: Option<PathBuf>,
    /// The writer's lock ([`StoreLock`]), held while the store is open read-write.
    _lock: Option<std::fs::File>,
}

/// Name of the advisory lock file inside a store directory.
const LOCK_FILE: &str = "stancegraph.lock";

/// The lock a long-lived reader (`stancegraph serve`) holds on a store: shared with
/// other readers, exclusive of writers. RocksDB lets a read-only handle open a store
/// that another process writes, with undefined results; with this lock, `ingest`
/// refuses to write a served store (and a server refuses a store being written),
/// each with a message saying which process holds it.
pub struct StoreLock(#[allow(dead_code)] std::fs::File);

fn lock_file(path: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.join(LOCK_FILE))
        .map_err(|e| {
            Error::Store(format!(
                "cannot open the lock file in {}: {e}",
                path.display()
            ))
        })
}

impl StoreLock {
    /// Takes the shared readers' lock on the store at `path`.
    pub fn for_reading(path: &Path) -> Result<StoreLock> {
        if !path.exists() {
            return Err(Error::Store(format!(
                "no store at {} (run `stancegraph ingest` first)",
                path.display()
            )));
        }
        let f = lock_file(path)?;
        match f.try_lock_shared() {
            Ok(()) => Ok(StoreLock(f)),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Store(format!(
                "store {} is being written by another process (an `ingest`, or `serve \
                 --allow-update`); wait for it to finish, then start the server",
                path.display()
            ))),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::Store(format!(
                "cannot lock store {}: {e}",
                path.display()
            ))),
        }
    }
}

/// Takes the exclusive writer's lock on an existing store directory.
fn lock_for_writing(path: &Path) -> Result<Option<std::fs::File>> {
    if !path.is_dir() {
        return Ok(None);
    }
    let f = lock_file(path)?;
    match f.try_lock() {
        Ok(()) => Ok(Some(f)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Store(format!(
            "store {} is in use: it is served by `stancegraph serve` (or written by another \
             process); stop the server, write, then start it again (a read-only server does \
             not see later changes)",
            path.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Store(format!(
            "cannot lock store {}: {e}",
            path.display()
        ))),
    }
}

impl Drop for Store {
    /// Flushes a writable on-disk store ([`Store::flush`]); errors are ignored (the
    /// log is still there and replayed on the next open).
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// One solution of a SELECT query, by variable name.
#[derive(Debug, Clone, Default)]
pub struct Row(pub HashMap<String, Term>);

impl Row {
    /// The bound term of `var`, if any.
    pub fn get(&self, var: &str) -> Option<&Term> {
        self.0.get(var)
    }

    /// The lexical value of `var`: a literal's value, an IRI's string, a blank node's id.
    pub fn str(&self, var: &str) -> Option<String> {
        self.get(var).map(term_value)
    }

    /// `var` parsed as a number, if it is one.
    pub fn f64(&self, var: &str) -> Option<f64> {
        self.str(var).and_then(|s| s.parse().ok())
    }

    /// `var` parsed as an integer, if it is one.
    pub fn i64(&self, var: &str) -> Option<i64> {
        self.str(var).and_then(|s| s.parse().ok())
    }
}

/// The lexical value of a term (literal value, IRI string, blank node id).
pub fn term_value(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => b.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        _ => t.to_string(),
    }
}

impl Store {
    /// Opens (creating if needed) the persistent store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let lock = lock_for_writing(path)?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| {
            let m = e.to_string();
            if m.contains("LOCK") || m.contains("lock") {
                Error::Store(format!(
                    "cannot open store {}: another process has it open for writing (an \
                     `ingest`, or `serve --allow-update`): {m}",
                    path.display()
                ))
            } else {
                Error::Store(format!("cannot open store {}: {m}", path.display()))
            }
        })?;
        let lock = match lock {
            Some(l) => Some(l),
            None => lock_for_writing(path)?,
        };
        Ok(Store {
            inner,
            path: Some(path.to_path_buf()),
            _lock: lock,
        })
    }

    /// Opens an existing store read-only (several readers may share it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Store(format!(
                "no store at {} (run `stancegraph ingest` first)",
                path.display()
            )));
        }
        let inner = oxigraph::store::Store::open_read_only(path)
            .map_err(|e| Error::Store(format!("cannot open store {}: {e}", path.display())))?;
        Ok(Store {
            inner,
            path: Some(path.to_path_buf()),
            _lock: None,
        })
    }

    /// A fresh in-memory store (tests, `extract`).
    pub fn in_memory() -> Result<Store> {
        let inner = oxigraph::store::Store::new().map_err(|e| Error::Store(e.to_string()))?;
        Ok(Store {
            inner,
            path: None,
            _lock: None,
        })
    }

    /// Writes RocksDB's memtables out to table files, so that the write-ahead log
    /// they came from can be dropped. A read-only open replays the whole log into
    /// memory, every time: after a 1,000-article ingest that was a 160 MB log and
    /// ~10 s before every `query`, `network`, `brief` or server worker. Called
    /// when a writable on-disk store is dropped; a no-op for other stores.
    pub fn flush(&self) -> Result<()> {
        if self.path.is_none() || self._lock.is_none() {
            return Ok(());
        }
        self.inner.flush().map_err(|e| Error::Store(e.to_string()))
    }

    /// The on-disk location, if persistent.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying oxigraph store.
    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize> {
        self.inner.len().map_err(|e| Error::Store(e.to_string()))
    }

    /// True when the store holds no quads.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Parses `sparql` (the prefixes of [`crate::rdf::vocab::SPARQL_PREFIXES`]
    /// predeclared). Evaluate it with [`Store::execute`], which reads the
    /// default graph as the set union of all graphs.
    pub fn prepare(&self, sparql: &str) -> Result<oxigraph::sparql::PreparedSparqlQuery> {
        let mut evaluator = SparqlEvaluator::new();
        for (p, ns) in crate::rdf::vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(*p, *ns)
                .map_err(|e| Error::Sparql(e.to_string()))?;
        }
        evaluator
            .parse_query(sparql)
            .map_err(|e| Error::Sparql(e.to_string()))
    }

    /// Evaluates a prepared query. Unless the query names its own dataset
    /// (FROM / FROM NAMED), the default graph is the *set* union of all graphs
    /// (each triple once, however many article graphs hold it), as in the
    /// SPARQL endpoint; `GRAPH ?g { ... }` still sees every named graph.
    pub fn execute(
        &self,
        prepared: oxigraph::sparql::PreparedSparqlQuery,
    ) -> Result<QueryResults<'static>> {
        self.execute_with(prepared, false)
    }

    /// [`Store::execute`] for a query known to be bag-insensitive
    /// ([`crate::query::setsafe::bag_insensitive`]) or not: such a query runs
    /// on oxigraph's native union graph, with the same answer, faster.
    pub fn execute_with(
        &self,
        prepared: oxigraph::sparql::PreparedSparqlQuery,
        bag_insensitive: bool,
    ) -> Result<QueryResults<'static>> {
        crate::serve::union::evaluate(&self.inner, prepared, bag_insensitive)
            .map_err(|e| Error::Sparql(e.to_string()))
    }

    /// Runs any query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union graph.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let parsed = crate::query::parse_query(sparql)?;
        let bag_insensitive = crate::query::setsafe::bag_insensitive(&parsed);
        self.execute_with(SparqlEvaluator::new().for_query(parsed), bag_insensitive)
    }

    /// Runs a SELECT query and collects its rows.
    pub fn select(&self, sparql: &str) -> Result<Vec<Row>> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => {
                let mut rows = vec![];
                for s in solutions {
                    let s = s.map_err(|e| Error::Sparql(e.to_string()))?;
                    let mut row = HashMap::new();
                    for (v, t) in s.iter() {
                        row.insert(v.as_str().to_string(), t.clone());
                    }
                    rows.push(Row(row));
                }
                Ok(rows)
            }
            _ => Err(Error::Sparql("expected a SELECT query".into())),
        }
    }

    /// Replaces the named graph `graph` by `quads` in ONE transaction: the old
    /// graph is removed and the new quads inserted, or, on any error, nothing changes.
    pub fn replace_graph(&self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Result<()> {
        let mut tx = self
            .inner
            .start_transaction()
            .map_err(|e| Error::Store(e.to_string()))?;
        tx.remove_named_graph(graph)
            .map_err(|e| Error::Store(format!("removing graph {graph}: {e}")))?;
        for q in quads {
            if q.graph_name.as_ref() != GraphNameRef::NamedNode(graph) {
                return Err(Error::Store(format!(
                    "quad outside graph {graph}: {q}; nothing was written"
                )));
            }
        }
        tx.extend(quads.iter());
        tx.commit()
            .map_err(|e| Error::Store(format!("committing graph {graph}: {e}")))
    }

    /// Loads `quads` through oxigraph's bulk loader (2 threads, 512 MB), far
    /// faster than a transaction for many quads; `what` names them in errors.
    /// Not atomic: callers mark their work pending first.
    pub fn bulk_load(&self, quads: impl IntoIterator<Item = Quad>, what: &str) -> Result<()> {
        let mut loader = self
            .inner
            .bulk_loader()
            .with_num_threads(2)
            .with_max_memory_size_in_megabytes(512);
        loader
            .load_quads(quads)
            .and_then(|_| loader.commit())
            .map_err(|e| Error::Store(format!("loading {what}: {e}")))
    }

    /// Removes `quads` in transactions of at most `chunk` quads each (a
    /// transaction holds its writes in memory); `what` names them in errors.
    pub fn remove_in_chunks(&self, quads: &[Quad], chunk: usize, what: &str) -> Result<()> {
        for part in quads.chunks(chunk.max(1)) {
            let mut tx = self
                .inner
                .start_transaction()
                .map_err(|e| Error::Store(e.to_string()))?;
            for q in part {
                tx.remove(q);
            }
            tx.commit()
                .map_err(|e| Error::Store(format!("removing {what}: {e}")))?;
        }
        Ok(())
    }

    /// Number of quads in the named graph `graph`.
    pub fn graph_len(&self, graph: NamedNodeRef<'_>) -> Result<usize> {
        let mut n = 0;
        for q in
            self.inner
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        {
            q.map_err(|e| Error::Store(e.to_string()))?;
            n += 1;
        }
        Ok(n)
    }

    /// The `sg:contentHash` stored for document `doc`, if the article is loaded.
    pub fn stored_hash(&self, doc: &str) -> Result<Option<String>> {
        self.article_literal(doc, crate::rdf::vocab::sg::CONTENT_HASH)
    }

    /// The `sg:overridesHash` stored for document `doc` (None when no override applied).
    pub fn stored_overrides_hash(&self, doc: &str) -> Result<Option<String>> {
        self.article_literal(doc, crate::rdf::vocab::sg::OVERRIDES_HASH)
    }

    fn article_literal(&self, doc: &str, p: NamedNodeRef<'_>) -> Result<Option<String>> {
        use crate::rdf::mapping;
        let graph = mapping::graph_iri(doc);
        let article = mapping::article_iri(doc);
        let mut it = self.inner.quads_for_pattern(
            Some(article.as_ref().into()),
            Some(p),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        );
        match it.next() {
            Some(q) => Ok(Some(term_value(
                &q.map_err(|e| Error::Store(e.to_string()))?.object,
            ))),
            None => Ok(None),
        }
    }

    /// The document ids of every article in the store, sorted.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let q = format!(
            "{}SELECT DISTINCT ?id WHERE {{ ?a a schema:NewsArticle ; sg:documentId ?id }} ORDER BY ?id",
            crate::rdf::vocab::SPARQL_PREFIXES
        );
        Ok(self
            .select(&q)?
            .iter()
            .filter_map(|r| r.str("id"))
            .collect())
    }

    /// Writes the store (or only `graph`) in `format` to `out`. Triple formats
    /// (Turtle, N-Triples) get the union of the graphs, without duplicates.
    pub fn dump(
        &self,
        format: oxigraph::io::RdfFormat,
        graph: Option<NamedNodeRef<'_>>,
        out: &mut dyn std::io::Write,
    ) -> Result<()> {
        use oxigraph::io::RdfSerializer;
        let mut ser = RdfSerializer::from_format(format);
        // every namespace but rdf:, which Turtle writes as "a"
        for &(p, ns) in crate::rdf::vocab::PREFIXES
            .iter()
            .filter(|(p, _)| *p != "rdf")
        {
            ser = ser
                .with_prefix(p, ns)
                .map_err(|e| Error::Other(format!("bad prefix {p}: {e}")))?;
        }
        let mut w = ser.for_writer(out);
        let io = |e: std::io::Error| Error::io("writing RDF", e);
        let pattern = graph.map(GraphNameRef::NamedNode);
        let mut quads = vec![];
        for q in self.inner.quads_for_pattern(None, None, None, pattern) {
            quads.push(q.map_err(|e| Error::Store(e.to_string()))?);
        }
        if format.supports_datasets() {
            quads.sort_by(|a, b| {
                (a.graph_name.to_string(), a.subject.to_string())
                    .cmp(&(b.graph_name.to_string(), b.subject.to_string()))
            });
            for q in &quads {
                w.serialize_quad(q).map_err(io)?;
            }
        } else {
            let mut triples: Vec<oxigraph::model::Triple> = quads
                .into_iter()
                .map(oxigraph::model::Triple::from)
                .collect();
            triples.sort_by_cached_key(|t| t.to_string());
            triples.dedup();
            for t in &triples {
                w.serialize_triple(t).map_err(io)?;
            }
        }
        w.finish().map_err(io)?;
        Ok(())
    }
}
