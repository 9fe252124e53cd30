//! Cross-article actor resolution.
//!
//! Actor IRIs (`sgid:actor/{slug}`) are global: the same person or
//! organisation named in two articles is one node. An article's actors are
//! matched against the actors already in the store (and those resolved earlier
//! in the same run) by normalised name keys: case, accents, punctuation and
//! spacing variants ("DataWorks" / "Dataworks", "Acme!" / "Acme") and the
//! aliases the article itself links (an acronym in parentheses after a name).
//! An optional user knowledge base ([`ActorKb`]) takes precedence: it fixes the
//! canonical name, kind and external identifiers (`schema:sameAs` /
//! `owl:sameAs` Wikidata IRIs).
//!
//! Guard rails: a person is never merged with a non-person, and single-word
//! aliases of people (bare surnames) are not used across articles, since
//! "Smith" in one story is rarely "Smith" in the next.

use crate::error::{Error, Result};
use crate::extraction::{ActorKind, Extraction};
use crate::rdf::mapping::actor_iri;
use crate::store::Store;
use oxigraph::model::NamedNode;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Key under which [`Resolver::resolve`] puts the publisher named only in the
/// article metadata (no actor of the extraction is flagged as publisher).
pub const PUBLISHER_KEY: &str = "@publisher";

/// A local actor mapped to its global node.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedActor {
    /// Global IRI `sgid:actor/{slug}`.
    pub iri: NamedNode,
    /// Canonical name (from the knowledge base, the store, or the article).
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names seen in this article (written as `skos:altLabel`).
    pub alt_labels: Vec<String>,
    /// External identifier IRIs (Wikidata entities).
    pub same_as: Vec<NamedNode>,
    /// True when the actor is this article's publisher.
    pub is_publisher: bool,
}

/// Local actor id (and [`PUBLISHER_KEY`]) to global actor.
pub type ResolvedActors = HashMap<String, ResolvedActor>;

/// One entry of the user's actor knowledge base.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct KbEntry {
    /// Canonical name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Kind ("person", "organisation", "group", "outlet", "place", "campaign").
    #[serde(default)]
    pub kind: Option<ActorKind>,
    /// Wikidata id (`Q42`, `wd:Q42` or the full entity IRI).
    #[serde(default)]
    pub wikidata: Option<String>,
}

impl KbEntry {
    /// The Wikidata entity IRI, if a valid id is given.
    pub fn wikidata_iri(&self) -> Option<NamedNode> {
        let w = self.wikidata.as_deref()?.trim();
        let id = w.rsplit(['/', ':']).next().unwrap_or(w);
        let valid =
            id.len() > 1 && id.starts_with('Q') && id[1..].chars().all(|c| c.is_ascii_digit());
        valid.then(|| NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{id}")))
    }
}

/// The user's actor knowledge base: canonical names, aliases, kinds, Wikidata ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorKb {
    /// Entries in file order.
    pub entries: Vec<KbEntry>,
}

#[derive(serde::Deserialize)]
struct KbFile {
    #[serde(default, alias = "actors")]
    actor: Vec<KbEntry>,
}

impl ActorKb {
    /// Loads a knowledge base from TOML (`[[actor]]` tables with `name`,
    /// `aliases`, `kind`, `wikidata`) or CSV (header `name,aliases,kind,wikidata`,
    /// aliases separated by `;`), chosen by extension.
    pub fn load(path: &Path) -> Result<ActorKb> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: format!("cannot read: {e}"),
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext == "csv" {
            Self::from_csv(path, &text)
        } else {
            let f: KbFile = toml::from_str(&text).map_err(|e| Error::Config {
                path: path.to_path_buf(),
                reason: e.message().to_string(),
            })?;
            Ok(ActorKb { entries: f.actor })
        }
    }

    fn from_csv(path: &Path, text: &str) -> Result<ActorKb> {
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let cfg = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        let headers = rd.headers().map_err(|e| cfg(e.to_string()))?.clone();
        let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
        let name_col = col("name").ok_or_else(|| cfg("CSV has no `name` column".into()))?;
        let (alias_col, kind_col, wd_col) = (col("aliases"), col("kind"), col("wikidata"));
        let mut entries = vec![];
        for (i, rec) in rd.records().enumerate() {
            let rec = rec.map_err(|e| cfg(format!("line {}: {e}", i + 2)))?;
            let get = |c: Option<usize>| {
                c.and_then(|c| rec.get(c))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            let Some(name) = get(Some(name_col)) else {
                continue;
            };
            let kind = match get(kind_col) {
                Some(k) => Some(
                    serde_json::from_value::<ActorKind>(serde_json::Value::String(
                        k.to_ascii_lowercase(),
                    ))
                    .map_err(|_| cfg(format!("line {}: unknown kind {k:?}", i + 2)))?,
                ),
                None => None,
            };
            entries.push(KbEntry {
                name: name.to_string(),
                aliases: get(alias_col)
                    .map(|a| {
                        a.split(';')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                kind,
                wikidata: get(wd_col).map(str::to_string),
            });
        }
        Ok(ActorKb { entries })
    }
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

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Kinds that may be merged with each other.
fn compatible(a: ActorKind, b: ActorKind) -> bool {
    use ActorKind::*;
    if a == b || a == Unknown || b == Unknown {
        return true;
    }
    let person = |k| k == Person;
    let place = |k| k == Place;
    !(person(a) || person(b) || place(a) || place(b))
}

/// An actor known to the resolver (from the store or earlier in the run).
#[derive(Debug, Clone)]
struct Known {
    iri: NamedNode,
    name: String,
    kind: ActorKind,
    keys: BTreeSet<String>,
    same_as: Vec<NamedNode>,
}

/// Maps each article's actors to global actor nodes.
#[derive(Debug, Default)]
pub struct Resolver {
    kb: ActorKb,
    known: Vec<Known>,
}

impl Resolver {
    /// A resolver with the user knowledge base `kb` and no known actors.
    pub fn new(kb: ActorKb) -> Self {
        Resolver { kb, known: vec![] }
    }

    /// Learns the actors already in `store` (names, alternative labels, kinds).
    pub fn load_known(&mut self, store: &Store) -> Result<()> {
        let q = format!(
            "{}SELECT ?a ?name ?kind (GROUP_CONCAT(DISTINCT ?alt; separator=\"\\u001f\") AS ?alts) WHERE {{
               ?a a sg:Actor ; schema:name ?name .
               OPTIONAL {{ ?a sg:actorKind ?kind }}
               OPTIONAL {{ ?a skos:altLabel ?alt }}
             }} GROUP BY ?a ?name ?kind ORDER BY ?a",
            crate::rdf::vocab::SPARQL_PREFIXES
        );
        for row in store.select(&q)? {
            let (Some(oxigraph::model::Term::NamedNode(iri)), Some(name)) =
                (row.get("a").cloned(), row.str("name"))
            else {
                continue;
            };
            let kind = row
                .str("kind")
                .and_then(|k| serde_json::from_value(serde_json::Value::String(k)).ok())
                .unwrap_or(ActorKind::Unknown);
            let mut names = vec![name.clone()];
            if let Some(alts) = row.str("alts") {
                names.extend(
                    alts.split('\u{1f}')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
            let keys = keys_for(kind, &names);
            if let Some(k) = self.known.iter_mut().find(|k| k.iri == iri) {
                k.keys.extend(keys);
                continue;
            }
            self.known.push(Known {
                iri,
                name,
                kind,
                keys,
                same_as: vec![],
            });
        }
        Ok(())
    }

    fn kb_match(&self, kind: ActorKind, names: &[String]) -> Option<&KbEntry> {
        let keys = keys_for(kind, names);
        self.kb.entries.iter().find(|e| {
            let ek = e.kind.unwrap_or(ActorKind::Unknown);
            if !compatible(ek, kind) {
                return false;
            }
            let mut all = vec![e.name.clone()];
            all.extend(e.aliases.iter().cloned());
            // KB aliases are authoritative: single words count even for people.
            let kb_keys: BTreeSet<String> = all
                .iter()
                .map(|n| normalise(n))
                .filter(|k| !k.is_empty())
                .collect();
            !kb_keys.is_disjoint(&keys)
        })
    }

    /// Resolves one actor given all its names; registers it as known.
    fn resolve_one(
        &mut self,
        name: &str,
        kind: ActorKind,
        aliases: &[String],
        same_as: &[String],
    ) -> ResolvedActor {
        let mut names = vec![name.to_string()];
        names.extend(aliases.iter().cloned());
        let mut kind = kind;
        let mut canonical = name.to_string();
        let mut extra_ids: Vec<NamedNode> = same_as.iter().filter_map(|s| same_as_iri(s)).collect();
        if let Some(e) = self.kb_match(kind, &names).cloned() {
            canonical = e.name.clone();
            if let Some(k) = e.kind {
                kind = k;
            }
            names.extend(e.aliases.iter().cloned());
            names.push(e.name.clone());
            extra_ids.extend(e.wikidata_iri());
        }
        let keys = keys_for(kind, &names);
        let found = self
            .known
            .iter()
            .position(|k| compatible(k.kind, kind) && !k.keys.is_disjoint(&keys))
            .or_else(|| {
                self.known.iter().position(|k| {
                    k.keys.contains(&normalise(&canonical)) && compatible(k.kind, kind)
                })
            });
        let idx = match found {
            Some(i) => {
                let k = &mut self.known[i];
                k.keys.extend(keys);
                if k.kind == ActorKind::Unknown {
                    k.kind = kind;
                }
                // A KB name overrides the stored canonical name for new writes.
                if canonical != name {
                    k.name = canonical.clone();
                }
                i
            }
            None => {
                let iri = self.fresh_iri(&canonical, kind);
                self.known.push(Known {
                    iri,
                    name: canonical.clone(),
                    kind,
                    keys,
                    same_as: vec![],
                });
                self.known.len() - 1
            }
        };
        let k = &mut self.known[idx];
        for id in extra_ids {
            if !k.same_as.contains(&id) {
                k.same_as.push(id);
            }
        }
        let mut alt: Vec<String> = vec![];
        for n in &names {
            if n != &k.name && !n.trim().is_empty() && !alt.contains(n) {
                alt.push(n.clone());
            }
        }
        ResolvedActor {
            iri: k.iri.clone(),
            name: k.name.clone(),
            kind: if kind == ActorKind::Unknown {
                k.kind
            } else {
                kind
            },
            alt_labels: alt,
            same_as: k.same_as.clone(),
            is_publisher: false,
        }
    }

    fn fresh_iri(&self, name: &str, kind: ActorKind) -> NamedNode {
        let base = crate::ingest::slug(name);
        let taken = |iri: &NamedNode| self.known.iter().any(|k| &k.iri == iri);
        let first = actor_iri(&base);
        if !taken(&first) {
            return first;
        }
        let with_kind = actor_iri(&format!(
            "{base}-{}",
            crate::rdf::mapping::actor_kind_str(kind)
        ));
        if !taken(&with_kind) {
            return with_kind;
        }
        (2..)
            .map(|n| actor_iri(&format!("{base}-{n}")))
            .find(|i| !taken(i))
            .unwrap_or(first)
    }

    /// Maps every actor of `ex` to a global actor (and the metadata publisher,
    /// under [`PUBLISHER_KEY`], when no extracted actor is the publisher).
    pub fn resolve(&mut self, ex: &Extraction) -> ResolvedActors {
        let mut out = ResolvedActors::new();
        for a in &ex.actors {
            let mut r = self.resolve_one(&a.name, a.kind, &a.aliases, &a.same_as);
            r.is_publisher = a.is_publisher;
            out.insert(a.id.clone(), r);
        }
        if !ex.actors.iter().any(|a| a.is_publisher) {
            if let Some(outlet) = ex.meta.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
                let mut r = self.resolve_one(outlet.trim(), ActorKind::Outlet, &[], &[]);
                r.is_publisher = true;
                out.insert(PUBLISHER_KEY.to_string(), r);
            }
        }
        out
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_case_accents_and_punctuation() {
        assert_eq!(normalise("DataWorks"), normalise("Dataworks"));
        assert_eq!(normalise("Acme!"), "acme");
        assert_eq!(normalise("Société Générale"), "societegenerale");
        assert_eq!(normalise("The Guardian"), "guardian");
        assert_eq!(strip_org_suffix("Acme Widgets Ltd"), "Acme Widgets");
        assert_eq!(strip_org_suffix("Acme"), "Acme");
    }

    #[test]
    fn legal_form_variants_merge_for_organisations_only() {
        let mut r = Resolver::new(ActorKb::default());
        let a = r.resolve_one("Northwind Traders Ltd", ActorKind::Organisation, &[], &[]);
        let b = r.resolve_one("NorthWind Traders", ActorKind::Unknown, &[], &[]);
        assert_eq!(a.iri, b.iri);
    }

    #[test]
    fn people_are_not_merged_on_surnames_or_with_organisations() {
        let mut r = Resolver::new(ActorKb::default());
        let a = r.resolve_one("Maria Lopez", ActorKind::Person, &["Lopez".into()], &[]);
        let b = r.resolve_one("Daniel Lopez", ActorKind::Person, &["Lopez".into()], &[]);
        assert_ne!(a.iri, b.iri);
        let c = r.resolve_one("Maria Lopez", ActorKind::Organisation, &[], &[]);
        assert_ne!(a.iri, c.iri);
        let d = r.resolve_one("maria lópez", ActorKind::Person, &[], &[]);
        assert_eq!(a.iri, d.iri);
    }

    #[test]
    fn acronym_alias_links_articles() {
        let mut r = Resolver::new(ActorKb::default());
        let a = r.resolve_one(
            "World Health Organization",
            ActorKind::Organisation,
            &["WHO".into()],
            &[],
        );
        let b = r.resolve_one("WHO", ActorKind::Organisation, &[], &[]);
        assert_eq!(a.iri, b.iri);
        assert_eq!(b.name, "World Health Organization");
        assert!(b.alt_labels.contains(&"WHO".to_string()));
    }

    #[test]
    fn kb_fixes_name_and_adds_wikidata() {
        let kb = ActorKb {
            entries: vec![KbEntry {
                name: "Acme Corporation".into(),
                aliases: vec!["Acme".into(), "ACME Corp".into()],
                kind: Some(ActorKind::Organisation),
                wikidata: Some("Q123".into()),
            }],
        };
        let mut r = Resolver::new(kb);
        let a = r.resolve_one("ACME Corp", ActorKind::Unknown, &[], &[]);
        assert_eq!(a.name, "Acme Corporation");
        assert_eq!(a.kind, ActorKind::Organisation);
        assert_eq!(
            a.iri.as_str(),
            "https://w3id.org/stancegraph/id/actor/acme-corporation"
        );
        assert_eq!(a.same_as[0].as_str(), "http://www.wikidata.org/entity/Q123");
        let b = r.resolve_one("Acme", ActorKind::Organisation, &[], &[]);
        assert_eq!(a.iri, b.iri);
    }
}
