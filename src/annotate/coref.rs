//! Coreference by rules: mentions to actors.
//!
//! Full names open actors; case variants, surnames / short forms, acronyms
//! (by parenthesised alias or initials) join the matching actor; pronouns and
//! role nouns go to the most recent compatible actor; "members of X" goes to X.
//! The canonical name is the longest proper name seen.

use super::mentions::{is_acronym, RawMention};
use super::segment::Analysis;
use crate::extraction::{ActorKind, MentionKind};
use std::collections::HashSet;

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
}

impl ActorBuild {
    fn new(name: &str, kind: ActorKind, strong: bool) -> Self {
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

fn initials(name: &str) -> String {
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

/// The actor set of one article.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// Actors in order of first mention.
    pub list: Vec<ActorBuild>,
    /// The publisher's name (`meta.outlet`).
    pub outlet: Option<String>,
}

impl Actors {
    /// Finds an actor by name key.
    pub fn by_key(&self, k: &str) -> Option<usize> {
        self.list.iter().position(|a| a.keys.contains(k))
    }

    /// Finds or creates an actor for a name, returns its index.
    pub fn get_or_create(&mut self, name: &str, kind: ActorKind, strong: bool) -> usize {
        let k = key(name);
        if let Some(i) = self.by_key(&k) {
            return i;
        }
        self.list.push(ActorBuild::new(name, kind, strong));
        self.list.len() - 1
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

    /// Most recent actor (by latest mention before token `before`) satisfying `pred`.
    pub fn most_recent(&self, before: usize, pred: impl Fn(&ActorBuild) -> bool) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, a)| a.last_tok > 0 && a.last_tok <= before && pred(a))
            .max_by_key(|(_, a)| a.last_tok)
            .map(|(i, _)| i)
    }
}

fn is_personish(a: &ActorBuild) -> bool {
    a.kind == ActorKind::Person
}

fn is_orgish(a: &ActorBuild) -> bool {
    matches!(a.kind, ActorKind::Organisation)
        || (a.kind == ActorKind::Unknown && a.name.split_whitespace().count() == 1)
}

/// Resolves mentions to actors, filling `RawMention::actor`.
pub fn resolve(a: &Analysis, mentions: &mut [RawMention], outlet: Option<&str>) -> Actors {
    let mut actors = Actors {
        list: vec![],
        outlet: outlet.map(|s| s.to_string()),
    };
    let order: Vec<usize> = (0..mentions.len()).collect();
    // pass 1: names, acronyms, hashtags
    for &mi in &order {
        let m = mentions[mi].clone();
        let text = a.tok_text(m.tok_start, m.tok_end);
        let actor = match m.kind {
            MentionKind::Name | MentionKind::Acronym | MentionKind::Hashtag => {
                if let Some(al) = m
                    .alias_of
                    .and_then(|j| mentions.get(j))
                    .and_then(|x| x.actor)
                {
                    Some(al)
                } else {
                    let k = key(&text);
                    if let Some(i) = actors.by_key(&k) {
                        Some(i)
                    } else if m.kind != MentionKind::Hashtag && !text.contains(' ') {
                        // surname / short form of a recent multi-word name, or initials of one
                        let by_last = actors.most_recent(usize::MAX, |x| {
                            x.name.split_whitespace().count() > 1
                                && x.kind != ActorKind::Place
                                && x.name.split_whitespace().any(|w| key(w) == k)
                                && (matches!(x.kind, ActorKind::Person | ActorKind::Unknown)
                                    && x.name.split_whitespace().last().map(key) == Some(k.clone())
                                    || !matches!(x.kind, ActorKind::Person | ActorKind::Unknown)
                                        && x.name.split_whitespace().next().map(key)
                                            == Some(k.clone()))
                        });
                        let by_init = if is_acronym(&text) {
                            actors.most_recent(usize::MAX, |x| {
                                x.name.split_whitespace().count() > 1
                                    && initials(&x.name).to_lowercase() == k
                            })
                        } else {
                            None
                        };
                        if let Some(i) = by_last.or(by_init) {
                            mentions[mi].kind = if by_last.is_some() {
                                MentionKind::PartialName
                            } else {
                                MentionKind::Acronym
                            };
                            Some(i)
                        } else {
                            None
                        }
                    } else {
                        None
                    }
                }
            }
            _ => continue,
        };
        let i = match actor {
            Some(i) => i,
            None => {
                actors
                    .list
                    .push(ActorBuild::new(&text, m.actor_kind, m.strong_kind));
                actors.list.len() - 1
            }
        };
        let ab = &mut actors.list[i];
        ab.keys.insert(key(&text));
        if !ab.names.iter().any(|n| n == &text) {
            ab.names.push(text.clone());
        }
        if m.strong_kind && (!ab.strong || kind_rank(m.actor_kind) > kind_rank(ab.kind)) {
            ab.kind = m.actor_kind;
            ab.strong = true;
        } else if !ab.strong && ab.kind == ActorKind::Unknown {
            ab.kind = m.actor_kind;
        }
        if mentions[mi].kind == MentionKind::PartialName && ab.kind == ActorKind::Unknown {
            ab.kind = ActorKind::Person;
        }
        ab.last_tok = ab.last_tok.max(m.tok_start + 1);
        mentions[mi].actor = Some(i);
    }
    for ab in actors.list.iter_mut() {
        ab.last_tok = 0;
    }
    // canonical names: longest proper name (Name mentions only)
    for (i, ab) in actors.list.iter_mut().enumerate() {
        let mut best = ab.name.clone();
        for (mi, m) in mentions.iter().enumerate() {
            let _ = mi;
            if m.actor == Some(i) && m.kind == MentionKind::Name {
                let t = a.tok_text(m.tok_start, m.tok_end);
                if t.chars().count() > best.chars().count() {
                    best = t;
                }
            }
        }
        ab.name = best;
        let canon = key(&ab.name);
        for m in mentions.iter_mut() {
            if m.actor == Some(i)
                && m.kind == MentionKind::Name
                && m.tok_end == m.tok_start + 1
                && canon.contains(' ')
            {
                let k = key(&a.tok_text(m.tok_start, m.tok_end));
                if k != canon && canon.split_whitespace().any(|w| w == k) {
                    m.kind = MentionKind::PartialName;
                }
            }
        }
        if actors
            .outlet
            .as_deref()
            .is_some_and(|o| ab.keys.contains(&key(o)))
        {
            ab.is_publisher = true;
            ab.kind = ActorKind::Outlet;
        }
    }
    // pass 2 in text order: pronouns, role nouns, nominals; track recency
    for mi in 0..mentions.len() {
        let m = mentions[mi].clone();
        let pos = m.tok_start;
        let actor = match m.kind {
            MentionKind::Name
            | MentionKind::Acronym
            | MentionKind::Hashtag
            | MentionKind::PartialName => m.actor,
            MentionKind::Nominal => m
                .group_of
                .and_then(|j| mentions.get(j))
                .and_then(|x| x.actor),
            MentionKind::Pronoun => {
                let w = a.tokens[pos].lower.as_str();
                let in_quote = a.tok_depth[pos] > 0;
                match w {
                    "he" | "him" | "his" | "she" | "her" | "hers" if !in_quote => {
                        actors.most_recent(pos, is_personish)
                    }
                    "it" | "its" if !in_quote => actors.most_recent(pos, |x| {
                        is_orgish(x) || matches!(x.kind, ActorKind::Group | ActorKind::Campaign)
                    }),
                    "they" | "them" | "their" if !in_quote => actors.most_recent(pos, |x| {
                        matches!(
                            x.kind,
                            ActorKind::Group | ActorKind::Organisation | ActorKind::Outlet
                        )
                    }),
                    _ => None,
                }
            }
            MentionKind::RoleNoun => match m.actor_kind {
                ActorKind::Outlet => actors.publisher(),
                ActorKind::Organisation => actors.most_recent(pos, is_orgish),
                ActorKind::Group => actors.most_recent(pos, |x| x.kind == ActorKind::Group),
                ActorKind::Campaign => actors.most_recent(pos, |x| x.kind == ActorKind::Campaign),
                _ => actors.most_recent(pos, is_personish),
            },
        };
        mentions[mi].actor = actor;
        if let Some(i) = actor {
            let ab = &mut actors.list[i];
            ab.mentions.push(mi);
            ab.last_tok = ab.last_tok.max(pos + 1);
        }
    }
    actors
}

fn kind_rank(k: ActorKind) -> u8 {
    match k {
        ActorKind::Outlet => 6,
        ActorKind::Person => 5,
        ActorKind::Group => 4,
        ActorKind::Campaign => 3,
        ActorKind::Place => 2,
        ActorKind::Organisation => 1,
        ActorKind::Unknown => 0,
    }
}

/// First-person pronouns inside direct quotations: "I/me/my" are the speaker,
/// "we/us/our" the speaker's organisation (from a role) or the speaker.
pub fn resolve_quote_pronouns(
    a: &Analysis,
    mentions: &mut [RawMention],
    claims: &[super::attribution::ClaimDraft],
    roles: &[super::relations::RoleDraft],
) {
    for c in claims {
        let Some(sp) = c.speaker else { continue };
        if c.kind == crate::extraction::ClaimKind::Indirect {
            continue;
        }
        let org = roles
            .iter()
            .find(|r| r.member == sp)
            .map(|r| r.organisation);
        for m in mentions.iter_mut() {
            if m.kind != MentionKind::Pronoun
                || m.tok_start < c.content.0
                || m.tok_end > c.content.1
                || a.tok_depth[m.tok_start] == 0
            {
                continue;
            }
            match a.tokens[m.tok_start].lower.as_str() {
                "i" | "me" | "my" => m.actor = Some(sp),
                "we" | "us" | "our" => m.actor = Some(org.unwrap_or(sp)),
                _ => {}
            }
        }
    }
}
