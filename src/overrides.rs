//! Analyst corrections that stick: an overrides file beside the corpus
//! (`overrides.toml`, or `--overrides FILE`), applied at every ingest.
//!
//! ```toml
//! not_actors = ["Breaking News"]          # names that are not actors
//!
//! [[merge]]                               # these names are one actor
//! names = ["Northwind Traders", "NWT Group"]
//! name = "Northwind Traders"              # optional canonical name
//!
//! [[actor]]                               # the kind of an actor
//! name = "Port Allen"
//! kind = "place"
//!
//! [[speaker]]                             # who made a claim
//! document = "harbour-gazette-toll"       # document id
//! claim = "pay for repairs"               # claim id ("c2") or words of its content
//! speaker = "Maria Okafor"
//!
//! [[stance]]                              # the stance of a claim toward a target
//! document = "harbour-gazette-toll"
//! claim = "pay for repairs"
//! target = "bridge-toll"
//! polarity = "favour"                     # favour | against | neutral
//! ```
//!
//! Merges and kinds act on cross-article resolution (as knowledge-base entries
//! that take precedence); `not_actors`, speakers and stances act on each
//! article's extraction before it is mapped. Everything they set carries
//! `sg:method "override"`. The file's fingerprint is stored, so editing it
//! re-applies at the next ingest without `--force`.

use crate::error::{Error, Result};
use crate::extraction::{
    Actor, ActorKind, Evidence, Extraction, Polarity, SpeakerResolution, Stance, Target,
    TargetSource,
};
use crate::resolve::{normalise, KbEntry};
use sha2::Digest;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A group of names that are one actor.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// The names.
    pub names: Vec<String>,
    /// Canonical name (default: the first of `names`).
    #[serde(default)]
    pub name: Option<String>,
}

/// The kind of an actor.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindFix {
    /// A name of the actor.
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
}

/// The speaker of one claim.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerFix {
    /// Document id.
    pub document: String,
    /// Claim id, or words of its content.
    pub claim: String,
    /// The speaker's name.
    pub speaker: String,
}

/// The stance of one claim toward one target.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceFix {
    /// Document id.
    pub document: String,
    /// Claim id, or words of its content.
    pub claim: String,
    /// Target id.
    pub target: String,
    /// Polarity.
    pub polarity: Polarity,
}

/// The overrides file.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Names that are not actors.
    #[serde(default)]
    pub not_actors: Vec<String>,
    /// Names that are one actor.
    #[serde(default)]
    pub merge: Vec<Merge>,
    /// Actor kinds.
    #[serde(default)]
    pub actor: Vec<KindFix>,
    /// Claim speakers.
    #[serde(default)]
    pub speaker: Vec<SpeakerFix>,
    /// Claim stances.
    #[serde(default)]
    pub stance: Vec<StanceFix>,
}

/// The file name looked for beside the corpus.
pub const FILE_NAME: &str = "overrides.toml";

impl Overrides {
    /// Loads an overrides file; errors name the file and the problem.
    pub fn load(path: &Path) -> Result<Overrides> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: format!("cannot read: {e}"),
        })?;
        toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: match e.span() {
                Some(s) => format!(
                    "line {}: {}",
                    text[..s.start.min(text.len())].lines().count().max(1),
                    e.message()
                ),
                None => e.message().to_string(),
            },
        })
    }

    /// `overrides.toml` in one of the corpus directories (or beside a corpus file).
    pub fn find_beside(corpus: &[PathBuf]) -> Option<PathBuf> {
        corpus.iter().find_map(|p| {
            let dir = if p.is_dir() { p.as_path() } else { p.parent()? };
            let f = dir.join(FILE_NAME);
            f.is_file().then_some(f)
        })
    }

    /// The resolution entries (merges, kinds), in precedence order.
    pub fn kb_entries(&self) -> Vec<KbEntry> {
        let mut out = vec![];
        for m in &self.merge {
            let Some(first) = m.name.clone().or_else(|| m.names.first().cloned()) else {
                continue;
            };
            let kind = self
                .actor
                .iter()
                .find(|k| m.names.iter().chain([&first]).any(|n| same(n, &k.name)))
                .map(|k| k.kind);
            out.push(KbEntry {
                name: first,
                aliases: m.names.clone(),
                kind,
                wikidata: None,
            });
        }
        for k in &self.actor {
            out.push(KbEntry {
                name: k.name.clone(),
                aliases: vec![],
                kind: Some(k.kind),
                wikidata: None,
            });
        }
        out
    }

    /// A fingerprint of what applies to the extraction of document `doc`
    /// (empty when nothing does): stored on the article, so a change re-annotates it.
    pub fn fingerprint_for(&self, doc: &str) -> Option<String> {
        let speakers: Vec<&SpeakerFix> =
            self.speaker.iter().filter(|s| s.document == doc).collect();
        let stances: Vec<&StanceFix> = self.stance.iter().filter(|s| s.document == doc).collect();
        if self.not_actors.is_empty() && speakers.is_empty() && stances.is_empty() {
            return None;
        }
        let text = format!("{:?}\u{1e}{speakers:?}\u{1e}{stances:?}", self.not_actors);
        Some(format!("{:x}", sha2::Sha256::digest(text.as_bytes())))
    }

    /// Applies `not_actors`, speakers and stances to `ex`; returns the ids of
    /// the claims whose speaker was set and the problems (an override naming a
    /// claim the article does not have), one line each.
    pub fn apply(&self, ex: &mut Extraction) -> (HashSet<String>, Vec<String>) {
        let mut set = HashSet::new();
        let mut problems = vec![];
        self.drop_not_actors(ex);
        let doc = ex.document.clone();
        for s in self.speaker.iter().filter(|s| s.document == doc) {
            match find_claim(ex, &s.claim) {
                Some(ci) => {
                    let id = actor_named(ex, &s.speaker);
                    let claim = &mut ex.claims[ci];
                    claim.speaker = Some(id.clone());
                    claim.resolution = SpeakerResolution::Explicit;
                    claim.confidence = 1.0;
                    let cid = claim.id.clone();
                    for st in ex
                        .stances
                        .iter_mut()
                        .filter(|st| st.claim.as_deref() == Some(&cid))
                    {
                        st.holder = id.clone();
                        st.method = "override".into();
                    }
                    set.insert(cid);
                }
                None => problems.push(missing(ex, "speaker", &s.claim)),
            }
        }
        for s in self.stance.iter().filter(|s| s.document == doc) {
            match find_claim(ex, &s.claim) {
                Some(ci) => set_stance(ex, ci, s),
                None => problems.push(missing(ex, "stance", &s.claim)),
            }
        }
        (set, problems)
    }

    fn drop_not_actors(&self, ex: &mut Extraction) {
        if self.not_actors.is_empty() {
            return;
        }
        let dropped: HashSet<String> = ex
            .actors
            .iter()
            .filter(|a| {
                self.not_actors
                    .iter()
                    .any(|n| same(n, &a.name) || a.aliases.iter().any(|al| same(n, al)))
            })
            .map(|a| a.id.clone())
            .collect();
        if dropped.is_empty() {
            return;
        }
        let gone = |id: &Option<String>| id.as_ref().is_some_and(|i| dropped.contains(i));
        ex.actors.retain(|a| !dropped.contains(&a.id));
        for m in &mut ex.mentions {
            if gone(&m.actor) {
                m.actor = None;
            }
        }
        for c in &mut ex.claims {
            if gone(&c.speaker) {
                c.speaker = None;
                c.resolution = SpeakerResolution::Unknown;
            }
            if gone(&c.addressee) {
                c.addressee = None;
            }
        }
        ex.roles
            .retain(|r| !dropped.contains(&r.member) && !dropped.contains(&r.organisation));
        ex.org_relations
            .retain(|r| !dropped.contains(&r.child) && !dropped.contains(&r.parent));
        ex.acts
            .retain(|a| !dropped.contains(&a.agent) && !dropped.contains(&a.patient));
        let actor_target = |t: &str| {
            t.strip_prefix("actor:")
                .is_some_and(|l| dropped.contains(l))
        };
        ex.stances
            .retain(|s| !dropped.contains(&s.holder) && !actor_target(&s.target));
    }
}

fn same(a: &str, b: &str) -> bool {
    let (x, y) = (normalise(a), normalise(b));
    !x.is_empty() && x == y
}

fn missing(ex: &Extraction, what: &str, claim: &str) -> String {
    format!(
        "{}: {what} override: no claim {claim:?} in document {:?}",
        ex.source, ex.document
    )
}

/// The claim with id `key`, else the first whose content contains `key`
/// (case-insensitive).
fn find_claim(ex: &Extraction, key: &str) -> Option<usize> {
    if let Some(i) = ex.claims.iter().position(|c| c.id == key) {
        return Some(i);
    }
    let k = key.to_lowercase();
    ex.claims
        .iter()
        .position(|c| !k.trim().is_empty() && c.content.text.to_lowercase().contains(k.trim()))
}

/// The local id of the actor named `name`, added when the article has none.
fn actor_named(ex: &mut Extraction, name: &str) -> String {
    if let Some(a) = ex
        .actors
        .iter()
        .find(|a| same(&a.name, name) || a.aliases.iter().any(|al| same(al, name)))
    {
        return a.id.clone();
    }
    let id = format!("override-{}", ex.actors.len() + 1);
    let kind = if name.split_whitespace().count() >= 2 {
        ActorKind::Person
    } else {
        ActorKind::Unknown
    };
    ex.actors.push(Actor {
        id: id.clone(),
        name: name.trim().to_string(),
        kind,
        aliases: vec![],
        mentions: vec![],
        same_as: vec![],
        is_publisher: false,
    });
    id
}

fn set_stance(ex: &mut Extraction, ci: usize, s: &StanceFix) {
    let cid = ex.claims[ci].id.clone();
    if !ex.targets.iter().any(|t| t.id == s.target) {
        ex.targets.push(Target {
            id: s.target.clone(),
            label: s.target.clone(),
            description: None,
            favour: vec![],
            against: vec![],
            source: TargetSource::Catalogue,
        });
    }
    let evidence = Evidence {
        kind: "override".into(),
        text: format!("analyst override: {:?}", s.polarity).to_lowercase(),
        span: None,
    };
    if let Some(st) = ex
        .stances
        .iter_mut()
        .find(|st| st.claim.as_deref() == Some(&cid) && st.target == s.target)
    {
        st.polarity = s.polarity;
        st.confidence = 1.0;
        st.method = "override".into();
        st.evidence.push(evidence);
        return;
    }
    let Some(holder) = ex.claims[ci].speaker.clone() else {
        return;
    };
    let id = format!("override-s{}", ex.stances.len() + 1);
    ex.stances.push(Stance {
        id,
        holder,
        target: s.target.clone(),
        polarity: s.polarity,
        confidence: 1.0,
        claim: Some(cid),
        act: None,
        method: "override".into(),
        evidence: vec![evidence],
    });
}
