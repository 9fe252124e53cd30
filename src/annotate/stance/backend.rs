//! Matching claims to targets: the [`StanceBackend`] trait, the content-word
//! [`RulesBackend`] and the sentence-embedding [`EmbeddingBackend`].

use super::polarity::{self, ClauseSign};
use super::text::{self, Token};
use crate::error::Result;
use crate::extraction::Target;
use crate::models::{cosine, Embedder};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// One clause of one proposition of a target, ready for matching.
#[derive(Debug, Clone)]
pub struct PropUnit {
    /// +1 for a `favour` proposition (or the label), -1 for an `against` one.
    pub side: i8,
    /// The clause text.
    pub text: String,
    /// The whole proposition it comes from (for evidence).
    pub proposition: String,
    /// Content-word stems.
    pub stems: BTreeSet<String>,
    /// The clause's own polarity (negated propositions have -1).
    pub sign: i8,
    /// Weight of a match (labels count a little less than propositions).
    pub weight: f32,
    /// The proposition's predicate: the first content word after its first
    /// auxiliary or modal ("should *block*", "have been *removed*"). A rules
    /// match must share it, so that sharing topic words alone is not enough.
    pub head: Option<String>,
}

/// Auxiliaries and modals that introduce a predicate.
const AUX: &[&str] = &[
    "should", "would", "will", "must", "can", "could", "may", "might", "shall", "is", "are", "was",
    "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "to", "cannot",
];

/// The predicate stem of a proposition clause (see [`PropUnit::head`]).
pub fn predicate_head(toks: &[Token]) -> Option<String> {
    let first_aux = toks.iter().position(|t| AUX.contains(&t.lower.as_str()))?;
    toks[first_aux + 1..]
        .iter()
        .map(|t| t.lower.as_str())
        .find(|w| {
            !AUX.contains(w)
                && !text::is_stop(w)
                && !matches!(
                    *w,
                    "not" | "never" | "no" | "only" | "also" | "since" | "already"
                )
                && !w.ends_with("n't")
        })
        .map(text::stem)
}

/// A target with its propositions cut into matchable units.
#[derive(Debug, Clone)]
pub struct PreparedTarget {
    /// The target itself.
    pub target: Target,
    /// Proposition clauses.
    pub units: Vec<PropUnit>,
    /// Keyword stem sets: all stems of one keyword present = the topic is named.
    pub keywords: Vec<BTreeSet<String>>,
}

impl PreparedTarget {
    /// Prepares `target`: its label (as a favour proposition), favour and
    /// against propositions, and extra keywords.
    pub fn new(target: Target, keywords: &[String]) -> Self {
        let mut units = vec![];
        let mut add = |text: &str, side: i8, weight: f32| {
            for s in text::sentences(text) {
                let conditional = polarity::is_conditional(&text::tokens(&s.text));
                for (c, _) in text::clauses(&s.text) {
                    let toks = text::tokens(&c.text);
                    let stems = text::stems_of(&toks);
                    if stems.is_empty() {
                        continue;
                    }
                    units.push(PropUnit {
                        side,
                        text: c.text.clone(),
                        proposition: text.to_string(),
                        stems,
                        sign: polarity::clause_sign(&toks, conditional).sign,
                        weight,
                        head: predicate_head(&toks),
                    });
                }
            }
        };
        add(&target.label, 1, 0.8);
        for p in &target.favour {
            add(p, 1, 1.0);
        }
        for p in &target.against {
            add(p, -1, 1.0);
        }
        let keywords = keywords
            .iter()
            .map(|k| text::content_stems(k))
            .filter(|s| !s.is_empty())
            .collect();
        PreparedTarget {
            target,
            units,
            keywords,
        }
    }
}

/// One clause of a claim's content, with its polarity analysis.
#[derive(Debug, Clone)]
pub struct ClauseUnit {
    /// Index of the claim in `Extraction::claims`.
    pub claim: usize,
    /// Document char offset of the clause start.
    pub start: usize,
    /// Document char offset one past the clause end.
    pub end: usize,
    /// The clause text.
    pub text: String,
    /// Tokens (offsets relative to `start`).
    pub tokens: Vec<Token>,
    /// Content-word stems.
    pub stems: BTreeSet<String>,
    /// Polarity analysis.
    pub sign: ClauseSign,
    /// Introduced by a contrast marker ("but", "however", "on the other hand").
    pub contrast: bool,
}

/// A clause found to be about a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index into the clause list.
    pub clause: usize,
    /// Index into the target list.
    pub target: usize,
    /// The matched proposition unit; `None` when only a keyword matched.
    pub unit: Option<usize>,
    /// Match strength 0..1.
    pub score: f32,
    /// Cosine similarity, when a model decided.
    pub similarity: Option<f32>,
    /// Which backend matched ("rules", or the model name).
    pub method: String,
}

/// Finds which clauses are about which targets.
pub trait StanceBackend: Send + Sync {
    /// Method name recorded on stances.
    fn name(&self) -> &str;
    /// All (clause, target) matches, at most one per pair.
    fn matches(&self, clauses: &[ClauseUnit], targets: &[PreparedTarget]) -> Result<Vec<Match>>;
    /// Similarity of two short texts, 0..1 (used to merge discovered targets).
    fn similarity(&self, a: &[&str], b: &[&str]) -> Result<Vec<Vec<f32>>>;
}

/// Content-word overlap of two stem sets: |A∩B| / sqrt(|A||B|).
pub fn set_cosine(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (usize, f32) {
    let inter = a.intersection(b).count();
    if a.is_empty() || b.is_empty() {
        return (0, 0.0);
    }
    (inter, inter as f32 / ((a.len() * b.len()) as f32).sqrt())
}

/// Rules: a clause is about a target when it shares enough content words with
/// one of its propositions, or names one of its keywords.
#[derive(Debug, Clone)]
pub struct RulesBackend {
    /// Minimum overlap score (set cosine) for a proposition match.
    pub threshold: f32,
}

impl Default for RulesBackend {
    fn default() -> Self {
        RulesBackend { threshold: 0.4 }
    }
}

impl RulesBackend {
    /// The best proposition unit of `t` for clause stems `c`, with its score.
    pub fn best_unit(&self, c: &BTreeSet<String>, t: &PreparedTarget) -> Option<(usize, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for (ui, u) in t.units.iter().enumerate() {
            let (inter, cos) = set_cosine(c, &u.stems);
            let need = 2.min(u.stems.len());
            if inter < need || u.head.as_ref().is_some_and(|h| !c.contains(h)) {
                continue;
            }
            let score = cos * u.weight;
            if score >= self.threshold && best.is_none_or(|(_, s)| score > s) {
                best = Some((ui, score));
            }
        }
        best
    }

    fn keyword_hit(c: &BTreeSet<String>, t: &PreparedTarget) -> bool {
        t.keywords.iter().any(|k| k.iter().all(|s| c.contains(s)))
    }
}

impl StanceBackend for RulesBackend {
    fn name(&self) -> &str {
        "rules"
    }

    fn matches(&self, clauses: &[ClauseUnit], targets: &[PreparedTarget]) -> Result<Vec<Match>> {
        let mut out = vec![];
        for (ci, c) in clauses.iter().enumerate() {
            for (ti, t) in targets.iter().enumerate() {
                let unit = self.best_unit(&c.stems, t);
                let kw = Self::keyword_hit(&c.stems, t);
                let (unit, score) = match (unit, kw) {
                    (Some((u, s)), true) => (Some(u), (s + 0.05).min(1.0)),
                    (Some((u, s)), false) => (Some(u), s),
                    (None, true) => (None, 0.5),
                    (None, false) => continue,
                };
                out.push(Match {
                    clause: ci,
                    target: ti,
                    unit,
                    score,
                    similarity: None,
                    method: "rules".into(),
                });
            }
        }
        Ok(out)
    }

    fn similarity(&self, a: &[&str], b: &[&str]) -> Result<Vec<Vec<f32>>> {
        let sa: Vec<_> = a.iter().map(|t| text::content_stems(t)).collect();
        let sb: Vec<_> = b.iter().map(|t| text::content_stems(t)).collect();
        Ok(sa
            .iter()
            .map(|x| sb.iter().map(|y| text::jaccard(x, y)).collect())
            .collect())
    }
}

/// Sentence embeddings: a clause is about a target when its cosine similarity
/// to one of the target's propositions passes a threshold; rules matches are
/// kept where the model finds none (keywords, exact restatements).
pub struct EmbeddingBackend {
    embedder: Arc<dyn Embedder>,
    rules: RulesBackend,
    /// Minimum cosine similarity for a match.
    pub threshold: f32,
    cache: Mutex<HashMap<String, Vec<f32>>>,
}

impl EmbeddingBackend {
    /// A backend over `embedder` with cosine threshold `threshold`.
    pub fn new(embedder: Arc<dyn Embedder>, threshold: f32) -> Self {
        EmbeddingBackend {
            embedder,
            rules: RulesBackend::default(),
            threshold,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Embeds texts, reusing vectors already computed.
    pub fn embed_cached(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let missing: Vec<&str> = {
            let cache = self
                .cache
                .lock()
                .map_err(|_| crate::Error::Other("embedding cache poisoned".into()))?;
            let mut m: Vec<&str> = texts
                .iter()
                .copied()
                .filter(|t| !cache.contains_key(*t))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        if !missing.is_empty() {
            let vecs = self.embedder.embed(&missing)?;
            let mut cache = self
                .cache
                .lock()
                .map_err(|_| crate::Error::Other("embedding cache poisoned".into()))?;
            if cache.len() > 50_000 {
                cache.clear();
            }
            for (t, v) in missing.iter().zip(vecs) {
                cache.insert(t.to_string(), v);
            }
        }
        let cache = self
            .cache
            .lock()
            .map_err(|_| crate::Error::Other("embedding cache poisoned".into()))?;
        Ok(texts
            .iter()
            .map(|t| cache.get(*t).cloned().unwrap_or_default())
            .collect())
    }
}

impl StanceBackend for EmbeddingBackend {
    fn name(&self) -> &str {
        self.embedder.name()
    }

    fn matches(&self, clauses: &[ClauseUnit], targets: &[PreparedTarget]) -> Result<Vec<Match>> {
        let ctexts: Vec<&str> = clauses.iter().map(|c| c.text.as_str()).collect();
        let cvecs = self.embed_cached(&ctexts)?;
        let utexts: Vec<&str> = targets
            .iter()
            .flat_map(|t| t.units.iter().map(|u| u.text.as_str()))
            .collect();
        let uvecs = self.embed_cached(&utexts)?;
        let rules: HashMap<(usize, usize), Match> = self
            .rules
            .matches(clauses, targets)?
            .into_iter()
            .map(|m| ((m.clause, m.target), m))
            .collect();
        let mut out = vec![];
        for (ci, cv) in cvecs.iter().enumerate() {
            let mut base = 0;
            for (ti, t) in targets.iter().enumerate() {
                let mut best: Option<(usize, f32)> = None;
                for ui in 0..t.units.len() {
                    let Some(uv) = uvecs.get(base + ui) else {
                        continue;
                    };
                    let sim = cosine(cv, uv) * t.units[ui].weight.max(0.9);
                    if best.is_none_or(|(_, s)| sim > s) {
                        best = Some((ui, sim));
                    }
                }
                base += t.units.len();
                let rule = rules.get(&(ci, ti));
                match best {
                    Some((ui, sim)) if sim >= self.threshold => out.push(Match {
                        clause: ci,
                        target: ti,
                        unit: Some(ui),
                        score: sim.clamp(0.0, 1.0),
                        similarity: Some(sim),
                        method: self.embedder.name().to_string(),
                    }),
                    _ => {
                        if let Some(m) = rule {
                            out.push(m.clone());
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn similarity(&self, a: &[&str], b: &[&str]) -> Result<Vec<Vec<f32>>> {
        let va = self.embed_cached(a)?;
        let vb = self.embed_cached(b)?;
        Ok(va
            .iter()
            .map(|x| vb.iter().map(|y| cosine(x, y)).collect())
            .collect())
    }
}
