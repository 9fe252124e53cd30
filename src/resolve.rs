//! Cross-article actor resolution.
//!
//! Actor IRIs (`sgid:actor/{slug}`) are global: the same person or
//! organisation named in two articles is one node. Each article graph keeps
//! one [`ActorRecord`] per local actor (`sg:ActorRecord`: the names, aliases,
//! kind and identifiers the article gives it), and the global actors are a
//! *function of those records*, whatever the order or batches the articles
//! came in:
//!
//! - every record gets matching keys: its normalised names (case, accents,
//!   punctuation and spacing folded: "DataWorks" / "Dataworks", "Acme!" /
//!   "Acme"), legal forms stripped for organisations, tagged by a kind class
//!   (person, place, or organisation-like: organisations, groups, outlets,
//!   campaigns and actors of unknown kind);
//! - records sharing a key within a class are one actor (connected components
//!   of the key graph, so the result does not depend on the order they are seen);
//! - an actor's name is the knowledge base's name, else the preferred of the
//!   names its articles give it ([`name_key`]: two words or more, then the
//!   fewest words and characters, then alphabetical); its IRI is the slug
//!   of that name (`-place` for places, `-organisation` when a person holds the
//!   plain slug); its kind the most specific one its records give.
//!
//! The optional user knowledge base ([`ActorKb`]) and the analyst overrides
//! (merges and kinds, [`crate::overrides`]) take precedence: they fix the
//! canonical name, kind and external identifiers (`schema:sameAs` /
//! `owl:sameAs` Wikidata IRIs) and link the aliases they list.
//!
//! The actors themselves (name, label, kind, classes, alternative labels,
//! identifiers, match keys) live in the derived graph `sgid:graph/actors`,
//! maintained incrementally by [`index`]: a batch of new articles touches only
//! the actors whose keys its records share.
//!
//! Guard rails: a person is never merged with a non-person, and single-word
//! aliases of people (bare surnames) are not used across articles, since
//! "Smith" in one story is rarely "Smith" in the next.

pub mod index;
pub mod kb;

pub use kb::{ActorKb, KbEntry};

use crate::extraction::{ActorKind, Extraction};
use crate::rdf::mapping::actor_iri;
use oxigraph::model::NamedNode;
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Key under which the publisher named only in the article metadata (no actor
/// of the extraction is flagged as publisher) gets its record.
pub const PUBLISHER_KEY: &str = "@publisher";

/// A local actor mapped to its global node.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedActor {
    /// Global IRI `sgid:actor/{slug}`.
    pub iri: NamedNode,
    /// True when the actor is this article's publisher.
    pub is_publisher: bool,
}

/// Local actor id (and [`PUBLISHER_KEY`]) to global actor.
pub type ResolvedActors = HashMap<String, ResolvedActor>;

/// One local actor of one article as the article names it: the input of
/// resolution, stored in the article graph as an `sg:ActorRecord`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorRecord {
    /// Local actor id in the extraction (or [`PUBLISHER_KEY`]).
    pub local: String,
    /// The name the article uses.
    pub name: String,
    /// Other names the article links to the actor.
    pub aliases: Vec<String>,
    /// Kind found by the annotation.
    pub kind: ActorKind,
    /// External identifiers as given (`wikidata:Q42`, full IRIs).
    pub same_as: Vec<String>,
    /// True when the actor is the article's publisher.
    pub is_publisher: bool,
}

impl ActorRecord {
    /// The record without its local id (two versions of an article are
    /// compared by content).
    fn content(&self) -> (&str, &[String], ActorKind, &[String]) {
        (&self.name, &self.aliases, self.kind, &self.same_as)
    }
}

/// The actor records of an extraction: one per actor, plus the metadata
/// publisher under [`PUBLISHER_KEY`] when no extracted actor is the publisher.
pub fn records_of(ex: &Extraction) -> Vec<ActorRecord> {
    let mut out: Vec<ActorRecord> = ex
        .actors
        .iter()
        .map(|a| ActorRecord {
            local: a.id.clone(),
            name: a.name.clone(),
            aliases: a.aliases.clone(),
            kind: a.kind,
            same_as: a.same_as.clone(),
            is_publisher: a.is_publisher,
        })
        .collect();
    if !ex.actors.iter().any(|a| a.is_publisher) {
        if let Some(outlet) = ex.meta.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            out.push(ActorRecord {
                local: PUBLISHER_KEY.to_string(),
                name: outlet.trim().to_string(),
                aliases: vec![],
                kind: ActorKind::Outlet,
                same_as: vec![],
                is_publisher: true,
            });
        }
    }
    out
}

/// True when two record sets of one article differ only in local ids.
pub fn same_records(a: &[ActorRecord], b: &[ActorRecord]) -> bool {
    let mut x: Vec<_> = a.iter().map(ActorRecord::content).collect();
    let mut y: Vec<_> = b.iter().map(ActorRecord::content).collect();
    x.sort();
    y.sort();
    x == y
}

/// What resolution applies besides the records: the analyst's entries
/// (overrides, first) and the user knowledge base, in precedence order.
#[derive(Debug, Clone, Default)]
pub struct ResolveConfig {
    entries: Vec<(KbEntry, bool)>,
    fingerprint: String,
}

impl ResolveConfig {
    /// A configuration from the knowledge base `kb` and the analyst's
    /// `overrides` entries (merges and kinds), which take precedence.
    pub fn new(kb: &ActorKb, overrides: &[KbEntry]) -> Self {
        let mut entries: Vec<(KbEntry, bool)> =
            overrides.iter().map(|e| (e.clone(), true)).collect();
        entries.extend(kb.entries.iter().map(|e| (e.clone(), false)));
        let mut h = sha2::Sha256::new();
        for (e, o) in &entries {
            h.update(format!("{o}\u{1f}{e:?}\u{1e}").as_bytes());
        }
        let fingerprint = format!("{:x}", h.finalize());
        ResolveConfig {
            entries,
            fingerprint,
        }
    }

    /// A fingerprint of the entries: the actors graph records it, and a change
    /// re-resolves every actor.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The first entry matching `names` for an actor of `kind`.
    fn matching(&self, kind: ActorKind, names: &[String]) -> Option<usize> {
        let keys = keys_for(kind, names);
        self.entries.iter().position(|(e, _)| {
            let ek = e.kind.unwrap_or(ActorKind::Unknown);
            compatible(ek, kind) && entry_keys(e).any(|k| keys.contains(&k))
        })
    }
}

/// Keys of a knowledge-base entry: single words count even for people.
fn entry_keys(e: &KbEntry) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&e.name)
        .chain(e.aliases.iter())
        .map(|n| normalise(n))
        .filter(|k| !k.is_empty())
}

/// Kinds that may be merged with each other (a person or a place only with
/// its own kind or an unknown one).
fn compatible(a: ActorKind, b: ActorKind) -> bool {
    use ActorKind::*;
    if a == b || a == Unknown || b == Unknown {
        return true;
    }
    !(a == Person || b == Person || a == Place || b == Place)
}

/// The matching class of a kind: 'p' person, 'l' place, 'o' the rest
/// (organisation-like and unknown kinds).
pub fn class_of(kind: ActorKind) -> char {
    match kind {
        ActorKind::Person => 'p',
        ActorKind::Place => 'l',
        _ => 'o',
    }
}

/// Precedence when records of one actor disagree on the kind (higher wins).
fn kind_rank(kind: ActorKind) -> u8 {
    use ActorKind::*;
    match kind {
        Unknown => 0,
        Organisation => 1,
        Group => 2,
        Campaign => 3,
        Outlet => 4,
        Place => 5,
        Person => 6,
    }
}

/// What one actor (or a part of one, before merging) is made of: everything
/// but the IRI is a set union over its records, so merging is order-free.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Class-tagged matching keys ("o:acme").
    pub keys: BTreeSet<String>,
    /// Every name and alias.
    pub names: BTreeSet<String>,
    /// The preferred of the names the articles give as the actor's own
    /// (not aliases): see [`name_key`].
    pub primary: Option<String>,
    /// The most specific kind seen.
    pub kind: Option<ActorKind>,
    /// External identifier IRIs.
    pub same_as: BTreeSet<String>,
}

impl Summary {
    /// The summary of one record under `cfg` (knowledge-base and override
    /// entries extend its names, kind and identifiers).
    pub fn of_record(rec: &ActorRecord, cfg: &ResolveConfig, fallback_key: &str) -> Summary {
        let mut names = vec![rec.name.clone()];
        names.extend(rec.aliases.iter().cloned());
        names.retain(|n| !n.trim().is_empty());
        let mut kind = rec.kind;
        let mut same_as: BTreeSet<String> = rec
            .same_as
            .iter()
            .filter_map(|s| same_as_iri(s))
            .map(|n| n.into_string())
            .collect();
        let mut extra_keys = vec![];
        if let Some(i) = cfg.matching(kind, &names) {
            let e = &cfg.entries[i].0;
            if let Some(k) = e.kind {
                kind = k;
            }
            names.push(e.name.clone());
            names.extend(e.aliases.iter().cloned());
            same_as.extend(e.wikidata_iri().map(|n| n.into_string()));
            extra_keys.extend(entry_keys(e));
        }
        let class = class_of(kind);
        let mut keys: BTreeSet<String> = keys_for(kind, &names)
            .into_iter()
            .chain(extra_keys)
            .map(|k| format!("{class}:{k}"))
            .collect();
        if keys.is_empty() {
            keys.insert(format!("x:{fallback_key}"));
        }
        let primary = Some(rec.name.trim().to_string()).filter(|n| !n.is_empty());
        Summary {
            keys,
            primary,
            names: names.into_iter().map(|n| n.trim().to_string()).collect(),
            kind: Some(kind),
            same_as,
        }
    }

    /// Adds `other` into `self`.
    pub fn absorb(&mut self, other: &Summary) {
        self.keys.extend(other.keys.iter().cloned());
        self.names.extend(other.names.iter().cloned());
        self.same_as.extend(other.same_as.iter().cloned());
        self.primary = match (self.primary.take(), other.primary.clone()) {
            (Some(a), Some(b)) => Some(if name_key(&b) < name_key(&a) { b } else { a }),
            (a, b) => a.or(b),
        };
        self.kind = match (self.kind, other.kind) {
            (Some(a), Some(b)) => Some(if kind_rank(b) > kind_rank(a) { b } else { a }),
            (a, b) => a.or(b),
        };
    }

    /// The class of this actor ('p', 'l', 'o').
    pub fn class(&self) -> char {
        class_of(self.kind.unwrap_or(ActorKind::Unknown))
    }
}

/// A global actor: the finished description written to the actors graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// What it is made of.
    pub summary: Summary,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names (sorted).
    pub alt_labels: Vec<String>,
    /// External identifier IRIs (sorted).
    pub same_as: Vec<NamedNode>,
    /// True when an analyst override shaped it (`sg:method "override"`).
    pub overridden: bool,
    /// The slug its IRI is built from.
    pub base: String,
}

impl Component {
    /// Finishes `summary` under `cfg`: canonical name, kind, labels.
    pub fn finish(summary: Summary, cfg: &ResolveConfig) -> Component {
        let class = summary.class();
        let entry = cfg.entries.iter().find(|(e, _)| {
            let ek = e.kind.unwrap_or(ActorKind::Unknown);
            (e.kind.is_none() || class_of(ek) == class)
                && entry_keys(e).any(|k| summary.keys.contains(&format!("{class}:{k}")))
        });
        let mut kind = summary.kind.unwrap_or(ActorKind::Unknown);
        let name = match entry {
            Some((e, _)) => {
                if let Some(k) = e.kind {
                    kind = k;
                }
                e.name.clone()
            }
            None => summary
                .primary
                .clone()
                .or_else(|| summary.names.iter().min_by_key(|n| name_key(n)).cloned())
                .unwrap_or_default(),
        };
        let alt_labels = summary
            .names
            .iter()
            .filter(|n| **n != name)
            .cloned()
            .collect();
        let same_as = summary
            .same_as
            .iter()
            .map(|s| NamedNode::new_unchecked(s.clone()))
            .collect();
        let mut base = crate::ingest::slug(&name);
        if base == "document" || name.trim().is_empty() {
            let first = summary.keys.iter().next().cloned().unwrap_or_default();
            let h = format!("{:x}", sha2::Sha256::digest(first.as_bytes()));
            base = format!("actor-{}", &h[..10]);
        }
        Component {
            overridden: entry.is_some_and(|(_, o)| *o),
            summary,
            name,
            kind,
            alt_labels,
            same_as,
            base,
        }
    }

    /// The IRI this actor gets; `person_holds(base)` tells whether a person
    /// holds the plain slug (then an organisation-like actor takes
    /// `{slug}-organisation`).
    pub fn iri(&self, person_holds: &dyn Fn(&str) -> bool) -> NamedNode {
        match self.summary.class() {
            'p' => actor_iri(&self.base),
            'l' => actor_iri(&format!("{}-place", self.base)),
            _ if person_holds(&self.base) => actor_iri(&format!("{}-organisation", self.base)),
            _ => actor_iri(&self.base),
        }
    }
}

/// The order of preference among an actor's own names (smallest first): a
/// name of two words or more before a single word ("Maria Okafor" before
/// "Okafor"), then the fewest words ("Maria Okafor" before "Mayor Maria
/// Okafor"), then the fewest characters, then alphabetical. A total order, so
/// the choice does not depend on the order names are seen.
pub fn name_key(n: &str) -> (bool, usize, usize, &str) {
    let w = word_count(n);
    (w < 2, w, n.chars().count(), n)
}

/// Groups `parts` (summaries) into connected components of shared keys.
/// Returns, for each component, the indices of its parts (ascending) and the
/// merged summary; components are ordered by their first part.
pub fn merge_parts(parts: &[Summary]) -> Vec<(Vec<usize>, Summary)> {
    let mut parent: Vec<usize> = (0..parts.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, s) in parts.iter().enumerate() {
        for k in &s.keys {
            match owner.get(k.as_str()) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    owner.insert(k, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..parts.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups
        .into_values()
        .map(|members| {
            let mut s = Summary::default();
            for &m in &members {
                s.absorb(&parts[m]);
            }
            (members, s)
        })
        .collect()
}

/// Resolves the records of one article on its own (no store): the
/// provisional IRIs of the streaming mode, replaced by the global ones when
/// the article graphs are merged (`ingest --nquads`).
pub fn resolve_isolated(records: &[ActorRecord], cfg: &ResolveConfig) -> ResolvedActors {
    let parts: Vec<Summary> = records
        .iter()
        .map(|r| Summary::of_record(r, cfg, &r.local))
        .collect();
    let comps: Vec<(Vec<usize>, Component)> = merge_parts(&parts)
        .into_iter()
        .map(|(m, s)| (m, Component::finish(s, cfg)))
        .collect();
    let person_bases: BTreeSet<&str> = comps
        .iter()
        .filter(|(_, c)| c.summary.class() == 'p')
        .map(|(_, c)| c.base.as_str())
        .collect();
    let mut out = ResolvedActors::new();
    for (members, c) in &comps {
        let iri = c.iri(&|b| person_bases.contains(b));
        for &m in members {
            out.insert(
                records[m].local.clone(),
                ResolvedActor {
                    iri: iri.clone(),
                    is_publisher: records[m].is_publisher,
                },
            );
        }
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A name normalised for matching: accents removed, lowercase, letters and
/// digits only, a leading "the" and trailing "!" dropped.
pub fn normalise(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    let lower = lower.trim();
    let lower = lower.strip_prefix("the ").unwrap_or(lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Matching keys of an actor with `names`: every normalised name, except
/// single-word names of people (bare surnames / first names).
fn keys_for(kind: ActorKind, names: &[String]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let multiword_exists = names.iter().any(|n| word_count(n) > 1);
    for n in names {
        if kind == ActorKind::Person && word_count(n) < 2 && multiword_exists {
            continue;
        }
        let k = normalise(n);
        if !k.is_empty() {
            keys.insert(k);
        }
        if kind != ActorKind::Person {
            let stripped = normalise(strip_org_suffix(n));
            if stripped.chars().count() >= 3 {
                keys.insert(stripped);
            }
        }
    }
    keys
}

/// `name` without a trailing legal-form word ("Ltd", "Inc.", "plc", "GmbH", ...).
pub fn strip_org_suffix(name: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        "ltd",
        "ltd.",
        "limited",
        "inc",
        "inc.",
        "incorporated",
        "plc",
        "llc",
        "llp",
        "corp",
        "corp.",
        "corporation",
        "gmbh",
        "ag",
        "sa",
        "s.a.",
        "nv",
        "bv",
        "co",
        "co.",
    ];
    let t = name.trim().trim_end_matches(',');
    if let Some((head, last)) = t.rsplit_once(char::is_whitespace) {
        if SUFFIXES.contains(&last.to_lowercase().as_str()) {
            return head.trim_end().trim_end_matches(',');
        }
    }
    t
}

/// An external identifier as an IRI: `wikidata:Q42`, `wd:Q42`, `Q42` or a full IRI.
pub fn same_as_iri(s: &str) -> Option<NamedNode> {
    let s = s.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return NamedNode::new(s).ok();
    }
    KbEntry {
        name: String::new(),
        aliases: vec![],
        kind: None,
        wikidata: Some(s.to_string()),
    }
    .wikidata_iri()
}
