//! The actor registry of one article: actors under construction with their
//! names, lookup keys and recency.

use super::lexicon::Gender;
use super::mentions::is_acronym;
use crate::extraction::ActorKind;
use std::collections::{HashMap, HashSet};

/// An actor under construction.
#[derive(Debug, Clone)]
pub struct ActorBuild {
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: ActorKind,
    /// True when the type is backed by explicit context.
    pub strong: bool,
    /// Lowercase lookup keys (names, aliases).
    pub keys: HashSet<String>,
    /// Names seen (for aliases).
    pub names: Vec<String>,
    /// Indices of its mentions.
    pub mentions: Vec<usize>,
    /// Publisher of the article.
    pub is_publisher: bool,
    /// Token index of its latest mention.
    pub last_tok: usize,
    /// Gender, for people, when a given name or an honorific tells it.
    pub gender: Option<Gender>,
}

impl ActorBuild {
    /// A new actor with one name.
    pub fn new(name: &str, kind: ActorKind, strong: bool) -> Self {
        let mut keys = HashSet::new();
        keys.insert(key(name));
        ActorBuild {
            name: name.to_string(),
            kind,
            strong,
            keys,
            names: vec![name.to_string()],
            mentions: vec![],
            is_publisher: false,
            last_tok: 0,
            gender: None,
        }
    }

    /// Aliases: names other than the canonical one, deduplicated case-insensitively.
    pub fn aliases(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for n in &self.names {
            if n != &self.name && !out.contains(n) {
                out.push(n.clone());
            }
        }
        out
    }
}

/// Lookup key of a name: lowercase, straight apostrophes, no leading "the", no trailing "'s".
pub fn key(name: &str) -> String {
    let mut k = super::lexicon::norm(name.trim());
    if let Some(r) = k.strip_prefix("the ") {
        k = r.to_string();
    }
    if let Some(r) = k.strip_suffix("'s") {
        k = r.trim_end().to_string();
    }
    let mut words: Vec<&str> = k.split_whitespace().collect();
    // "Acme Ltd" = "Acme"
    if words.len() > 1
        && matches!(
            words[words.len() - 1].trim_end_matches('.'),
            "ltd" | "inc" | "plc" | "llc" | "corp" | "co" | "gmbh" | "ag" | "sa" | "limited"
        )
    {
        words.pop();
    }
    words.join(" ")
}

/// Initials of a name ("Northvale Water Ltd" -> "NWL"); acronyms inside are kept whole.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "the" | "and" | "for" | "&"
            )
        })
        .map(|w| {
            if is_acronym(w) {
                w.to_string()
            } else {
                w.chars()
                    .next()
                    .map(|c| c.to_uppercase().to_string())
                    .unwrap_or_default()
            }
        })
        .collect()
}

/// How many of the latest actor mentions a recency search looks back over
/// ("he", "the company"): antecedents lie within a few paragraphs, and the
/// bound keeps coreference linear in the article length.
pub const RECENCY_WINDOW: usize = 400;

/// The actor set of one article, with lookup indexes: by name key, by the
/// words of multi-word names, by initials, and the order of recent mentions.
/// Actors are added with [`Actors::push`] (or [`Actors::get_or_create`]) and
/// keys with [`Actors::add_key`], so that the indexes stay current.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// Actors in order of first mention (read and change fields in place; add
    /// through [`Actors::push`]).
    pub list: Vec<ActorBuild>,
    /// The publisher's name (`meta.outlet`).
    pub outlet: Option<String>,
    index: HashMap<String, usize>,
    by_word: HashMap<String, Vec<usize>>,
    by_initials: HashMap<String, Vec<usize>>,
    recent: Vec<usize>,
}

impl Actors {
    /// An empty set for an article published by `outlet`.
    pub fn new(outlet: Option<&str>) -> Self {
        Actors {
            outlet: outlet.map(str::to_string),
            ..Default::default()
        }
    }

    /// Finds an actor by name key (the first one that has it).
    pub fn by_key(&self, k: &str) -> Option<usize> {
        self.index.get(k).copied()
    }

    /// A new actor named `name`; returns its index.
    pub fn create(&mut self, name: &str, kind: ActorKind, strong: bool) -> usize {
        self.push(ActorBuild::new(name, kind, strong))
    }

    /// Adds an actor (indexing its keys and name words); returns its index.
    pub fn push(&mut self, ab: ActorBuild) -> usize {
        let i = self.list.len();
        for k in &ab.keys {
            self.index.entry(k.clone()).or_insert(i);
        }
        if ab.name.split_whitespace().count() > 1 {
            let mut words: Vec<String> = ab.name.split_whitespace().map(key).collect();
            words.sort();
            words.dedup();
            for w in words {
                self.by_word.entry(w).or_default().push(i);
            }
            self.by_initials
                .entry(initials(&ab.name).to_lowercase())
                .or_default()
                .push(i);
        }
        self.list.push(ab);
        i
    }

    /// Adds a lookup key to actor `i`.
    pub fn add_key(&mut self, i: usize, k: String) {
        self.index.entry(k.clone()).or_insert(i);
        self.list[i].keys.insert(k);
    }

    /// Removes the actors from index `n` on (the ones added last).
    pub fn truncate(&mut self, n: usize) {
        if self.list.len() <= n {
            return;
        }
        self.list.truncate(n);
        self.index.retain(|_, i| *i < n);
        for v in self
            .by_word
            .values_mut()
            .chain(self.by_initials.values_mut())
        {
            v.retain(|&i| i < n);
        }
        self.recent.retain(|&i| i < n);
        // a key of a removed actor may belong to an earlier one too
        for (i, ab) in self.list.iter().enumerate() {
            for k in &ab.keys {
                self.index.entry(k.clone()).or_insert(i);
            }
        }
    }

    /// Records a mention of actor `i` at token `tok` (its latest mention).
    pub fn touch(&mut self, i: usize, tok: usize) {
        let ab = &mut self.list[i];
        ab.last_tok = ab.last_tok.max(tok + 1);
        self.recent.push(i);
    }

    /// Forgets every actor's latest mention (before a second pass in text order).
    pub fn reset_recency(&mut self) {
        for ab in self.list.iter_mut() {
            ab.last_tok = 0;
        }
        self.recent.clear();
    }

    /// Multi-word actors (by their first name) with a word whose key is `k`.
    pub fn with_word(&self, k: &str) -> &[usize] {
        self.by_word.get(k).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Multi-word actors whose initials (lowercase) are `k`.
    pub fn with_initials(&self, k: &str) -> &[usize] {
        self.by_initials.get(k).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Finds or creates an actor for a name, returns its index.
    pub fn get_or_create(&mut self, name: &str, kind: ActorKind, strong: bool) -> usize {
        let k = key(name);
        if let Some(i) = self.by_key(&k) {
            return i;
        }
        self.create(name, kind, strong)
    }

    /// The publisher actor, created from `meta.outlet` when known.
    pub fn publisher(&mut self) -> Option<usize> {
        let name = self.outlet.clone()?;
        let i = self.get_or_create(&name, ActorKind::Outlet, true);
        self.list[i].is_publisher = true;
        self.list[i].kind = ActorKind::Outlet;
        self.list[i].strong = true;
        Some(i)
    }

    /// The governing body a place name stands for when the place acts
    /// ("Carrowdale said it would consult"): the one organisation whose name
    /// opens with the place's name and ends in a body word ("Carrowdale County
    /// Council", "Lowbridge District Council").
    pub fn body_of_place(&self, place: usize) -> Option<usize> {
        let pk = key(&self.list[place].name);
        let mut found = self.list.iter().enumerate().filter(|(i, ab)| {
            let k = key(&ab.name);
            *i != place
                && ab.kind == ActorKind::Organisation
                && k.len() > pk.len()
                && k.starts_with(&pk)
                && k[pk.len()..].starts_with(' ')
                && k.rsplit(' ').next().is_some_and(|w| {
                    matches!(
                        w,
                        "council" | "government" | "authority" | "administration" | "assembly"
                    )
                })
        });
        let first = found.next().map(|(i, _)| i);
        found.next().is_none().then_some(first).flatten()
    }

    /// The actor among `cands` with the latest mention (ties: the later index).
    pub fn latest_of(&self, cands: impl IntoIterator<Item = usize>) -> Option<usize> {
        cands
            .into_iter()
            .filter(|&i| self.list[i].last_tok > 0)
            .max_by_key(|&i| (self.list[i].last_tok, i))
    }

    /// Among the actors mentioned before token `before` that satisfy `pred`, the
    /// one with the most mentions so far (ties: the most recent).
    pub fn most_mentioned(
        &self,
        before: usize,
        pred: impl Fn(&ActorBuild) -> bool,
    ) -> Option<usize> {
        let from = self.recent.len().saturating_sub(RECENCY_WINDOW);
        self.recent[from..]
            .iter()
            .copied()
            .filter(|&i| {
                let a = &self.list[i];
                a.last_tok != 0 && a.last_tok <= before && pred(a)
            })
            .max_by_key(|&i| (self.list[i].mentions.len(), self.list[i].last_tok, i))
    }

    /// Most recent actor (by latest mention at or before token `before`)
    /// satisfying `pred`, among the actors of the last [`RECENCY_WINDOW`] mentions.
    pub fn most_recent(&self, before: usize, pred: impl Fn(&ActorBuild) -> bool) -> Option<usize> {
        let from = self.recent.len().saturating_sub(RECENCY_WINDOW);
        let mut best: Option<usize> = None;
        for &i in &self.recent[from..] {
            let a = &self.list[i];
            if a.last_tok == 0 || a.last_tok > before || !pred(a) {
                continue;
            }
            if best.is_none_or(|b| (a.last_tok, i) > (self.list[b].last_tok, b)) {
                best = Some(i);
            }
        }
        best
    }
}
