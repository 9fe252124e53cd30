//! A query dataset whose default graph is the *set* union (RDF merge) of all graphs.
//!
//! oxigraph's `set_default_graph_as_union` evaluates the default graph as a multiset:
//! a triple stored in two article graphs (an actor's name, say) matches twice, so plain
//! SELECTs return duplicate rows and COUNTs are inflated. SPARQL defines the default
//! graph as an RDF graph, i.e. a set. [`UnionDataset`] exposes the store to the
//! evaluator with a virtual default graph that yields each (s, p, o) once; named graphs
//! are unchanged, so `GRAPH ?g { ... }` still sees every copy with its graph.

use oxigraph::model::{
    GraphNameRef, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults};
use oxigraph::store::{StorageError, Store};
use spareval::{InternalQuad, QueryableDataset};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// A default-graph pattern with at least one bound term.
type PatternKey = (Option<Term>, Option<Term>, Option<Term>);
/// A cached answer triple.
type TermTriple = (Term, Term, Term);

/// Deduplicated answers of bound default-graph patterns, kept for one query: a query
/// looks the same node up many times (a speaker's name for each of their quotes), and
/// each lookup reads every article graph's copy of the triple.
#[derive(Default)]
struct PatternCache {
    map: std::collections::HashMap<PatternKey, Rc<Vec<TermTriple>>>,
    triples: usize,
}

/// Patterns with more answers than this are not cached.
const CACHE_PATTERN_MAX: usize = 50_000;
/// Most triples the cache of one query holds.
const CACHE_TOTAL_MAX: usize = 1_000_000;

/// The store seen with a deduplicated union default graph (see the module docs).
/// Create one per query: it caches the answers of repeated lookups.
#[derive(Clone)]
pub struct UnionDataset {
    store: Store,
    cache: Rc<RefCell<PatternCache>>,
}

impl UnionDataset {
    /// Wraps a store (cheap: oxigraph stores are reference-counted handles).
    pub fn new(store: Store) -> Self {
        UnionDataset {
            store,
            cache: Rc::default(),
        }
    }
}

type QuadResult = Result<InternalQuad<Term>, StorageError>;
type Triple3 = (NamedOrBlankNode, oxigraph::model::NamedNode, Term);

fn triple_quad((s, p, o): Triple3) -> InternalQuad<Term> {
    InternalQuad {
        subject: s.into(),
        predicate: p.into(),
        object: o,
        graph_name: None,
    }
}

/// Drops repeated triples from a pattern scan over all graphs, where the copies held
/// by named graphs come out consecutively (see the call site).
struct AdjacentDedup {
    inner: oxigraph::store::QuadIter<'static>,
    last: Option<Triple3>,
    /// Triples of the store's own default graph (usually none), read first.
    in_default: HashSet<Triple3>,
}

impl Iterator for AdjacentDedup {
    type Item = QuadResult;

    fn next(&mut self) -> Option<QuadResult> {
        loop {
            let q = match self.inner.next()? {
                Ok(q) => q,
                Err(e) => return Some(Err(e)),
            };
            let is_default = q.graph_name.is_default_graph();
            if let Some((s, p, o)) = &self.last {
                if *s == q.subject && *p == q.predicate && *o == q.object {
                    continue;
                }
            }
            let key = (q.subject, q.predicate, q.object);
            if is_default {
                self.in_default.insert(key.clone());
            } else if self.in_default.contains(&key) {
                continue;
            }
            self.last = Some(key.clone());
            return Some(Ok(triple_quad(key)));
        }
    }
}

fn cached_quad((s, p, o): &(Term, Term, Term)) -> InternalQuad<Term> {
    InternalQuad {
        subject: s.clone(),
        predicate: p.clone(),
        object: o.clone(),
        graph_name: None,
    }
}

fn subject_ref(t: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match t {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        _ => None,
    }
}

fn predicate_ref(t: &Term) -> Option<NamedNodeRef<'_>> {
    match t {
        Term::NamedNode(n) => Some(n.as_ref()),
        _ => None,
    }
}

fn graph_ref(t: &Term) -> Option<GraphNameRef<'_>> {
    match t {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        _ => None,
    }
}

/// Evaluates `prepared` with the default graph as the set union of all graphs.
///
/// When `bag_insensitive` (see [`crate::query::setsafe::bag_insensitive`] on the
/// query `prepared` was made from) and the query names no dataset of its own, the
/// answer over oxigraph's native (bag) union default graph is the same, and that
/// evaluation runs on encoded terms, several times faster; otherwise the query runs
/// over [`UnionDataset`]. `STANCEGRAPH_SET_UNION=1` sends every query to
/// [`UnionDataset`] (to compare answers and times).
pub fn evaluate(
    store: &Store,
    mut prepared: PreparedSparqlQuery,
    bag_insensitive: bool,
) -> Result<QueryResults<'static>, QueryEvaluationError> {
    static FORCE_SET: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let force_set = *FORCE_SET
        .get_or_init(|| std::env::var_os("STANCEGRAPH_SET_UNION").is_some_and(|v| v == "1"));
    if bag_insensitive && !force_set && prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
        prepared.on_store(store).execute()
    } else {
        prepared
            .on_queryable_dataset(UnionDataset::new(store.clone()))
            .execute()
    }
}

impl<'a> QueryableDataset<'a> for UnionDataset {
    type InternalTerm = Term;
    type Error = StorageError;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        graph_name: Option<Option<&Term>>,
    ) -> impl Iterator<Item = QuadResult> + use<'a> {
        let empty = || -> Box<dyn Iterator<Item = QuadResult>> { Box::new(std::iter::empty()) };
        // A bound position that cannot hold such a term (a literal subject...) matches nothing.
        let s = match subject.map(subject_ref) {
            Some(None) => return empty(),
            s => s.flatten(),
        };
        let p = match predicate.map(predicate_ref) {
            Some(None) => return empty(),
            p => p.flatten(),
        };
        let o: Option<TermRef<'_>> = object.map(Term::as_ref);
        let g = match graph_name {
            // The default graph: every graph, each triple once.
            Some(None) => {
                let iter = self.store.quads_for_pattern(s, p, o, None);
                return if s.is_none() && p.is_none() && o.is_none() {
                    // A full scan walks graph by graph: remember every triple.
                    let mut seen = HashSet::new();
                    Box::new(iter.filter_map(move |q| match q {
                        Ok(q) => {
                            let key = (q.subject, q.predicate, q.object);
                            if seen.contains(&key) {
                                None
                            } else {
                                seen.insert(key.clone());
                                Some(Ok(triple_quad(key)))
                            }
                        }
                        Err(e) => Some(Err(e)),
                    }))
                } else {
                    let key: PatternKey = (subject.cloned(), predicate.cloned(), object.cloned());
                    if let Some(hit) = self.cache.borrow().map.get(&key) {
                        let hit = Rc::clone(hit);
                        return Box::new((0..hit.len()).map(move |i| Ok(cached_quad(&hit[i]))));
                    }
                    // With a bound term oxigraph reads the store's default graph first,
                    // then an index ordered (s, p, o, graph) / (p, o, s, graph) / (o, s, p,
                    // graph): copies of a triple in several named graphs are adjacent.
                    let dedup = AdjacentDedup {
                        inner: iter,
                        last: None,
                        in_default: HashSet::new(),
                    };
                    let mut found = vec![];
                    for q in dedup {
                        match q {
                            Ok(q) => found.push((q.subject, q.predicate, q.object)),
                            Err(e) => return Box::new(std::iter::once(Err(e))),
                        }
                        if found.len() > CACHE_PATTERN_MAX {
                            break;
                        }
                    }
                    if found.len() > CACHE_PATTERN_MAX {
                        // Too many to keep: answer without the cache, lazily.
                        return Box::new(AdjacentDedup {
                            inner: self.store.quads_for_pattern(s, p, o, None),
                            last: None,
                            in_default: HashSet::new(),
                        });
                    }
                    let found = Rc::new(found);
                    let mut cache = self.cache.borrow_mut();
                    if cache.triples + found.len() <= CACHE_TOTAL_MAX {
                        cache.triples += found.len();
                        cache.map.insert(key, Rc::clone(&found));
                    }
                    Box::new((0..found.len()).map(move |i| Ok(cached_quad(&found[i]))))
                };
            }
            Some(Some(g)) => match graph_ref(g) {
                Some(g) => Some(g),
                None => return empty(),
            },
            None => None,
        };
        Box::new(self.store.quads_for_pattern(s, p, o, g).map(|q| {
            q.map(|q| InternalQuad {
                subject: q.subject.into(),
                predicate: q.predicate.into(),
                object: q.object,
                graph_name: match q.graph_name {
                    oxigraph::model::GraphName::NamedNode(n) => Some(n.into()),
                    oxigraph::model::GraphName::BlankNode(b) => Some(b.into()),
                    oxigraph::model::GraphName::DefaultGraph => None,
                },
            })
        }))
    }

    fn internal_named_graphs(&self) -> impl Iterator<Item = Result<Term, StorageError>> + use<'a> {
        self.store.named_graphs().map(|g| {
            g.map(|g| match g {
                NamedOrBlankNode::NamedNode(n) => n.into(),
                NamedOrBlankNode::BlankNode(b) => b.into(),
            })
        })
    }

    fn contains_internal_graph_name(&self, graph_name: &Term) -> Result<bool, StorageError> {
        match subject_ref(graph_name) {
            Some(g) => self.store.contains_named_graph(g),
            None => Ok(false),
        }
    }

    fn internalize_term(&self, term: Term) -> Result<Term, StorageError> {
        Ok(term)
    }

    fn externalize_term(&self, term: Term) -> Result<Term, StorageError> {
        Ok(term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};

    fn store() -> Store {
        let store = Store::new().unwrap();
        store
            .load_from_slice(
                RdfFormat::NQuads,
                "<http://x/a> <http://x/name> \"Ana\" <http://x/g1> .\n\
                 <http://x/a> <http://x/name> \"Ana\" <http://x/g2> .\n\
                 <http://x/b> <http://x/name> \"Bo\" <http://x/g2> .\n",
            )
            .unwrap();
        store
    }

    fn rows(store: &Store, query: &str) -> usize {
        let prepared = SparqlEvaluator::new().parse_query(query).unwrap();
        match prepared
            .on_queryable_dataset(UnionDataset::new(store.clone()))
            .execute()
            .unwrap()
        {
            QueryResults::Solutions(s) => s.collect::<Result<Vec<_>, _>>().unwrap().len(),
            _ => panic!("expected solutions"),
        }
    }

    #[test]
    fn default_graph_is_a_set_and_named_graphs_keep_every_copy() {
        let s = store();
        assert_eq!(rows(&s, "SELECT * WHERE { ?s <http://x/name> ?n }"), 2);
        assert_eq!(
            rows(&s, "SELECT * WHERE { GRAPH ?g { ?s <http://x/name> ?n } }"),
            3
        );
        assert_eq!(
            rows(&s, "SELECT * WHERE { GRAPH <http://x/g1> { ?s ?p ?n } }"),
            1
        );
        assert_eq!(rows(&s, "SELECT ?g WHERE { GRAPH ?g { } }"), 2);
        assert_eq!(rows(&s, "SELECT * WHERE { \"Ana\" ?p ?o }"), 0);
        assert_eq!(rows(&s, "SELECT * WHERE { <http://x/a> ?p ?o }"), 1);
        assert_eq!(rows(&s, "SELECT * WHERE { ?s ?p \"Ana\" }"), 1);
        assert_eq!(rows(&s, "SELECT * WHERE { ?s ?p ?o }"), 2);
        // The same triple in the store's default graph and in named graphs: still once.
        s.load_from_slice(
            RdfFormat::NQuads,
            "<http://x/a> <http://x/name> \"Ana\" .\n<http://x/c> <http://x/name> \"Cy\" <http://x/g1> .\n",
        )
        .unwrap();
        assert_eq!(rows(&s, "SELECT * WHERE { ?s <http://x/name> ?n }"), 3);
        assert_eq!(rows(&s, "SELECT * WHERE { ?s ?p ?o }"), 3);
        // The multiset behaviour this module exists to avoid:
        let mut prepared = SparqlEvaluator::new()
            .parse_query("SELECT * WHERE { ?s <http://x/name> ?n }")
            .unwrap();
        prepared.dataset_mut().set_default_graph_as_union();
        let QueryResults::Solutions(sol) = prepared.on_store(&s).execute().unwrap() else {
            panic!()
        };
        // Ana (three copies), Bo, Cy.
        assert_eq!(sol.count(), 5);
    }
}
