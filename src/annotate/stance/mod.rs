//! Stance: each claim's position toward targets.
//!
//! Targets come from the user catalogue ([`crate::targets`]), from the
//! coverage itself (the propositions of reported claims, see [`discover`]) and
//! from actors (`actor:<id>`: evaluations of an actor inside a claim, and acts
//! such as "A criticised B").
//!
//! For each claim with a known speaker and each target it is about, the
//! stance is favour / against / neutral; claims not about a target give none.
//! Claims whose speaker is unknown give **no** stance: a stance needs a
//! holder, and the tool never guesses one (those claims still feed target
//! discovery and clustering).
//!
//! Matching (is the clause about the target, and which proposition does it
//! echo?) is done by a [`StanceBackend`]: [`RulesBackend`] (content-word
//! overlap plus keywords, always available) or [`EmbeddingBackend`] (cosine
//! similarity of MiniLM sentence embeddings, falling back to rules). Polarity
//! is then decided by rules on the clause: the matched proposition's side
//! (favour/against), its own negation, and the clause's negation, evaluative
//! words, counterfactual consequences ("it would mean ...", "if ... there
//! would be ...") and the reporting cue ("denied that ..."). An optional NLI
//! pair classifier can overrule that sign when it is confident.

pub mod actors;
pub mod backend;
pub mod clauses;
pub mod cluster;
pub mod discover;
pub mod label;
pub mod polarity;
pub mod statement;
pub mod text;
pub mod vectors;

pub use backend::{
    ClauseUnit, EmbeddingBackend, Match, PreparedTarget, RulesBackend, StanceBackend,
};
pub use cluster::{cluster_claims, ClaimCluster, ClaimText};

use crate::document::Document;
use crate::extraction::{Evidence, Extraction, Polarity, Span, Stance, TargetSource};
use crate::models::{Embedder, NliClassifier, PairClassifier};
use crate::targets::TargetCatalogue;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Tunable settings of the stance stage.
#[derive(Debug, Clone)]
pub struct StanceOptions {
    /// Minimum content-word overlap (set cosine) for a rules match.
    pub rules_threshold: f32,
    /// Minimum cosine similarity for an embedding match.
    pub embed_threshold: f32,
    /// Discover per-article targets from the claims (off by default: without
    /// a catalogue, arguments found across the whole coverage take their
    /// place, see [`crate::rdf::derived`]).
    pub discover: bool,
    /// Similarity above which two discovered targets are one (Jaccard in rules mode).
    pub merge_threshold_rules: f32,
    /// Cosine above which two discovered targets are one (model mode).
    pub merge_threshold_model: f32,
    /// Stances toward actors (evaluations in claims, acts).
    pub actor_stances: bool,
    /// NLI margin (entailment minus contradiction) needed to overrule the rules sign.
    pub nli_margin: f32,
}

impl Default for StanceOptions {
    fn default() -> Self {
        StanceOptions {
            rules_threshold: 0.4,
            embed_threshold: 0.6,
            discover: false,
            merge_threshold_rules: 0.45,
            merge_threshold_model: 0.75,
            actor_stances: true,
            nli_margin: 0.4,
        }
    }
}

/// The stance stage.
pub struct StanceAnalyser {
    catalogue: TargetCatalogue,
    embedder: Option<Arc<dyn Embedder>>,
    nli: Option<Arc<dyn PairClassifier>>,
    /// Settings.
    pub options: StanceOptions,
    embedding: Option<EmbeddingBackend>,
    rules: RulesBackend,
}

impl StanceAnalyser {
    /// Rules only, no target catalogue.
    pub fn rules_only() -> Self {
        Self::new(TargetCatalogue::empty(), None, None)
    }

    /// Rules only, with a target catalogue.
    pub fn with_catalogue(catalogue: TargetCatalogue) -> Self {
        Self::new(catalogue, None, None)
    }

    /// A catalogue plus optional sentence embedder and NLI pair classifier.
    pub fn new(
        catalogue: TargetCatalogue,
        embedder: Option<Arc<dyn Embedder>>,
        nli: Option<Arc<dyn PairClassifier>>,
    ) -> Self {
        let options = StanceOptions::default();
        let embedding = embedder
            .as_ref()
            .map(|e| EmbeddingBackend::new(e.clone(), options.embed_threshold));
        let rules = RulesBackend {
            threshold: options.rules_threshold,
        };
        StanceAnalyser {
            catalogue,
            embedder,
            nli,
            options,
            embedding,
            rules,
        }
    }

    /// Replaces the settings.
    pub fn with_options(mut self, options: StanceOptions) -> Self {
        if let Some(e) = &self.embedder {
            self.embedding = Some(EmbeddingBackend::new(e.clone(), options.embed_threshold));
        }
        self.rules = RulesBackend {
            threshold: options.rules_threshold,
        };
        self.options = options;
        self
    }

    /// The target catalogue in use.
    pub fn catalogue(&self) -> &TargetCatalogue {
        &self.catalogue
    }

    /// The sentence embedder, if any (for claim clustering).
    pub fn embedder(&self) -> Option<&dyn Embedder> {
        self.embedder.as_deref()
    }

    /// Method name for provenance: "rules", or the models in use
    /// (e.g. "all-MiniLM-L6-v2", "all-MiniLM-L6-v2+nli:deberta").
    pub fn method(&self) -> String {
        let mut parts = vec![];
        if let Some(e) = &self.embedder {
            parts.push(e.name().to_string());
        }
        if let Some(n) = &self.nli {
            parts.push(format!("nli:{}", n.name()));
        }
        if parts.is_empty() {
            "rules".into()
        } else {
            parts.join("+")
        }
    }

    fn backend(&self) -> &dyn StanceBackend {
        match &self.embedding {
            Some(e) => e,
            None => &self.rules,
        }
    }

    /// Fills `targets` and `stances` of `ex`. Model failures fall back to the
    /// rules (with a warning on stderr); this never fails.
    pub fn analyse(&self, doc: &Document, ex: &mut Extraction) {
        let result = self.analyse_with(doc, ex, self.backend());
        let (targets, stances) = match result {
            Ok(r) => r,
            Err(e) => {
                eprintln!(
                    "warning: stance model failed on {} ({e}); using rules",
                    doc.id
                );
                self.analyse_with(doc, ex, &self.rules).unwrap_or_default()
            }
        };
        ex.targets = targets;
        ex.stances = stances;
        let clauses = clauses::claim_clauses(doc, ex);
        ex.statements = statement::statements(doc, ex, &clauses);
    }

    fn analyse_with(
        &self,
        doc: &Document,
        ex: &Extraction,
        backend: &dyn StanceBackend,
    ) -> crate::Result<(Vec<crate::extraction::Target>, Vec<Stance>)> {
        let clauses = clauses::claim_clauses(doc, ex);
        let mut targets: Vec<PreparedTarget> = self
            .catalogue
            .entries
            .iter()
            .map(|e| PreparedTarget::new(e.target.clone(), &e.keywords))
            .collect();
        let n_catalogue = targets.len();
        let mut matches = backend.matches(&clauses, &targets)?;
        anaphoric_matches(ex, &clauses, &mut matches);
        if self.options.discover {
            let merge = if backend.name() == "rules" {
                self.options.merge_threshold_rules
            } else {
                self.options.merge_threshold_model
            };
            let found = discover::discover(ex, &clauses, &targets, backend, merge)?;
            if !found.is_empty() {
                let new: Vec<PreparedTarget> = found
                    .into_iter()
                    .map(|(_, t)| PreparedTarget::new(t, &[]))
                    .collect();
                let more = backend.matches(&clauses, &new)?;
                for mut m in more {
                    m.target += n_catalogue;
                    matches.push(m);
                }
                targets.extend(new);
            }
        }
        let matches = keep_best_matches(matches);
        let mut stances = self.claim_stances(doc, ex, &clauses, &targets, &matches);
        let mut out_targets: Vec<crate::extraction::Target> = vec![];
        let used: BTreeSet<&str> = stances.iter().map(|s| s.target.as_str()).collect();
        for t in &targets {
            if t.target.source == TargetSource::Catalogue || used.contains(t.target.id.as_str()) {
                out_targets.push(t.target.clone());
            }
        }
        if self.options.actor_stances {
            let mut extra = self.actor_clause_stances(doc, ex, &clauses);
            extra.extend(actors::act_stances(doc, ex));
            let inherited = actors::inherited_stances(ex, &stances);
            stances.extend(extra);
            stances.extend(inherited);
            let have: BTreeSet<String> = out_targets.iter().map(|t| t.id.clone()).collect();
            let mut actor_ids: Vec<String> = stances
                .iter()
                .filter_map(|s| s.target.strip_prefix("actor:").map(|a| a.to_string()))
                .collect();
            actor_ids.sort();
            actor_ids.dedup();
            for a in actor_ids {
                if !have.contains(&actors::actor_target_id(&a)) {
                    out_targets.push(actors::actor_target(ex, &a));
                }
            }
        }
        // An outlet holds a position only where it editorialises.
        if !is_editorial(doc) {
            stances.retain(|s| {
                ex.actor(&s.holder).is_none_or(|a| {
                    a.kind != crate::extraction::ActorKind::Outlet && !a.is_publisher
                })
            });
        }
        // One stance per (holder, target, claim, act); keep the most confident.
        let mut best: BTreeMap<(String, String, Option<String>, Option<String>), Stance> =
            BTreeMap::new();
        let mut order = vec![];
        for s in stances {
            let key = (
                s.holder.clone(),
                s.target.clone(),
                s.claim.clone(),
                s.act.clone(),
            );
            match best.get(&key) {
                Some(old) if old.confidence >= s.confidence => {}
                _ => {
                    if !best.contains_key(&key) {
                        order.push(key.clone());
                    }
                    best.insert(key, s);
                }
            }
        }
        let stances: Vec<Stance> = order
            .into_iter()
            .filter_map(|k| best.remove(&k))
            .enumerate()
            .map(|(i, mut s)| {
                s.id = format!("s{}", i + 1);
                s
            })
            .collect();
        Ok((out_targets, stances))
    }

    /// Stances of claims toward proposition targets.
    fn claim_stances(
        &self,
        doc: &Document,
        ex: &Extraction,
        clauses: &[ClauseUnit],
        targets: &[PreparedTarget],
        matches: &[Match],
    ) -> Vec<Stance> {
        // Group matches by (claim, target), in clause order.
        let mut groups: BTreeMap<(usize, usize), Vec<&Match>> = BTreeMap::new();
        for m in matches {
            groups
                .entry((clauses[m.clause].claim, m.target))
                .or_default()
                .push(m);
        }
        let mut out = vec![];
        for ((ci, ti), ms) in groups {
            let claim = &ex.claims[ci];
            let Some(holder) = claim.speaker.clone() else {
                continue;
            };
            let target = &targets[ti];
            let cue_pol = polarity::cue_polarity(claim.cue_lemma.as_deref());
            let cue = cue_pol.unwrap_or(1);
            let mut sum = 0f32;
            let mut abs = 0f32;
            let mut max_score = 0f32;
            let mut evidence = vec![];
            let mut method = "rules".to_string();
            if let (Some(cue_span), true) = (&claim.cue, cue_pol.is_some()) {
                evidence.push(Evidence {
                    kind: "cue".into(),
                    text: cue_span.text.clone(),
                    span: Some(cue_span.clone()),
                });
            }
            for m in ms {
                let c = &clauses[m.clause];
                let contribution = match m.unit {
                    Some(ui) => {
                        let u = &target.units[ui];
                        let clause_sign = sign_toward(c, u.head.as_deref());
                        let mut sign = (u.side * u.sign * clause_sign * cue) as f32;
                        if let Some(nli) = &self.nli {
                            if let Ok(scores) = nli.classify(&c.text, &u.text) {
                                let d = NliClassifier::prob(&scores, "entail")
                                    - NliClassifier::prob(&scores, "contra");
                                if d.abs() >= self.options.nli_margin {
                                    sign = u.side as f32 * d.signum();
                                    evidence.push(Evidence {
                                        kind: "nli".into(),
                                        text: format!("{d:+.2} vs \"{}\"", u.text),
                                        span: None,
                                    });
                                    method = format!("nli:{}", nli.name());
                                }
                            }
                        }
                        evidence.push(Evidence {
                            kind: if m.similarity.is_some() {
                                "similarity".into()
                            } else {
                                "match".into()
                            },
                            text: match m.similarity {
                                Some(s) => format!(
                                    "{s:.2} to \"{}\" ({})",
                                    u.proposition,
                                    side_name(u.side)
                                ),
                                None => format!("\"{}\" ({})", u.proposition, side_name(u.side)),
                            },
                            span: Some(Span::of(doc, c.start, c.end)),
                        });
                        sign * m.score
                    }
                    None => {
                        evidence.push(Evidence {
                            kind: "match".into(),
                            text: if m.method == ANAPHORA {
                                format!(
                                    "refers back to the article's main target \"{}\"",
                                    target.target.label
                                )
                            } else {
                                format!("keyword of \"{}\"", target.target.label)
                            },
                            span: Some(Span::of(doc, c.start, c.end)),
                        });
                        // Only a keyword matched: a negation says nothing about
                        // the position ("has not received a request"), while
                        // evaluations, counterfactuals and the cue do.
                        let has_eval =
                            !c.sign.evaluations.is_empty() || c.sign.counterfactual.is_some();
                        if has_eval || cue_pol.is_some() {
                            (c.sign.sign_where(|_| false) * cue) as f32 * m.score
                        } else {
                            0.0
                        }
                    }
                };
                if m.method != "rules" && m.method != ANAPHORA && !method.starts_with("nli") {
                    method = m.method.clone();
                }
                clause_evidence(doc, c, &mut evidence);
                sum += contribution;
                abs += contribution.abs();
                max_score = max_score.max(m.score);
            }
            let polarity = if abs <= 0.0 || sum.abs() < 0.2 * abs {
                Polarity::Neutral
            } else if sum > 0.0 {
                Polarity::Favour
            } else {
                Polarity::Against
            };
            let agreement = if abs > 0.0 { sum.abs() / abs } else { 0.5 };
            let attribution = if claim.confidence > 0.0 {
                claim.confidence
            } else {
                0.8
            };
            let confidence = ((0.45 + 0.5 * max_score) * (0.5 + 0.5 * agreement) * attribution)
                .clamp(0.05, 0.99);
            dedup_evidence(&mut evidence);
            out.push(Stance {
                id: String::new(),
                holder,
                target: target.target.id.clone(),
                polarity,
                confidence,
                claim: Some(claim.id.clone()),
                act: None,
                method,
                evidence,
            });
        }
        out
    }

    /// Stances toward actors evaluated inside claims.
    fn actor_clause_stances(
        &self,
        doc: &Document,
        ex: &Extraction,
        clauses: &[ClauseUnit],
    ) -> Vec<Stance> {
        let mut per: BTreeMap<(usize, String), (f32, Vec<Evidence>)> = BTreeMap::new();
        for c in clauses {
            let claim = &ex.claims[c.claim];
            let Some(holder) = &claim.speaker else {
                continue;
            };
            if c.sign.evaluations.is_empty() {
                continue;
            }
            let own = actors::own_side(ex, holder);
            let cue = polarity::cue_sign(claim.cue_lemma.as_deref());
            for (actor, s, e) in actors::actors_in_clause(ex, c) {
                if own.contains(&actor) {
                    continue;
                }
                // Only the speaker's own evaluation of this actor counts:
                // an evaluative word next to the mention ("criticised X",
                // "X is arrogant"), not one elsewhere in the clause.
                let Some(pol) = actors::evaluation_of(c, s - c.start, e - c.start) else {
                    continue;
                };
                let entry = per.entry((c.claim, actor)).or_insert((0.0, vec![]));
                entry.0 += (pol * cue) as f32;
                entry.1.push(Evidence {
                    kind: "match".into(),
                    text: doc.slice(s, e),
                    span: Some(Span::of(doc, s, e)),
                });
                entry.1.extend(actors::evaluation_evidence(doc, c));
                clause_evidence(doc, c, &mut entry.1);
            }
        }
        per.into_iter()
            .filter(|(_, (sum, _))| *sum != 0.0)
            .map(|((ci, actor), (sum, mut evidence))| {
                let claim = &ex.claims[ci];
                dedup_evidence(&mut evidence);
                let attribution = if claim.confidence > 0.0 {
                    claim.confidence
                } else {
                    0.8
                };
                Stance {
                    id: String::new(),
                    holder: claim.speaker.clone().unwrap_or_default(),
                    target: actors::actor_target_id(&actor),
                    polarity: if sum > 0.0 {
                        Polarity::Favour
                    } else {
                        Polarity::Against
                    },
                    confidence: (0.6 * attribution).clamp(0.05, 0.99),
                    claim: Some(claim.id.clone()),
                    act: None,
                    method: "rules".into(),
                    evidence,
                }
            })
            .collect()
    }
}

/// Metadata keys and values that mark an article as opinion (editorial,
/// leader, comment), where the outlet itself takes positions.
fn is_editorial(doc: &Document) -> bool {
    ["genre", "section", "type", "category", "kind"]
        .iter()
        .filter_map(|k| doc.meta.extra.get(*k))
        .filter_map(|v| v.as_str())
        .any(|v| {
            let v = v.to_lowercase();
            ["editorial", "opinion", "leader", "comment"]
                .iter()
                .any(|w| v.contains(w))
        })
}

/// Method tag of matches made by [`anaphoric_matches`].
const ANAPHORA: &str = "rules-anaphora";

/// Head nouns of short definite noun phrases that refer back to the thing
/// under debate ("opposes the development", "backed the scheme").
const GENERIC_HEADS: &[&str] = &[
    "plan",
    "scheme",
    "proposal",
    "project",
    "development",
    "policy",
    "measure",
    "bill",
    "idea",
    "move",
    "decision",
    "reform",
    "initiative",
    "programme",
    "program",
    "strategy",
    "legislation",
    "deal",
    "change",
    "changes",
    "plans",
    "proposals",
    "measures",
    "rules",
    "scheme's",
];

/// Claims whose whole content is a short definite noun phrase with a generic
/// head ("the scheme"), reported with a cue that takes a side ("backed",
/// "opposes"), refer to the article's main target: the catalogue target most
/// claims of the article match. Adds such matches (keyword strength).
fn anaphoric_matches(ex: &Extraction, clauses: &[ClauseUnit], matches: &mut Vec<Match>) {
    let mut per_target: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut matched_claims = BTreeSet::new();
    for m in matches.iter() {
        per_target
            .entry(m.target)
            .or_default()
            .insert(clauses[m.clause].claim);
        matched_claims.insert(clauses[m.clause].claim);
    }
    let Some((&main, _)) = per_target
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
    else {
        return;
    };
    let mut done = BTreeSet::new();
    for (ci, c) in clauses.iter().enumerate() {
        if matched_claims.contains(&c.claim) || !done.insert(c.claim) {
            continue;
        }
        let claim = &ex.claims[c.claim];
        if polarity::cue_polarity(claim.cue_lemma.as_deref()).is_none() {
            continue;
        }
        let words: Vec<&str> = c.tokens.iter().map(|t| t.lower.as_str()).collect();
        let determiner = matches!(
            words.first(),
            Some(
                &("the"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our")
            )
        );
        let head = words.last().is_some_and(|w| GENERIC_HEADS.contains(w));
        if determiner && head && words.len() <= 4 {
            matches.push(Match {
                clause: ci,
                target: main,
                unit: None,
                score: 0.5,
                similarity: None,
                method: ANAPHORA.into(),
            });
        }
    }
}

/// A clause that matches several targets is kept only for those it matches
/// nearly as well as its best one (at least 70% of the best score).
fn keep_best_matches(matches: Vec<Match>) -> Vec<Match> {
    let mut best: BTreeMap<usize, f32> = BTreeMap::new();
    for m in &matches {
        let b = best.entry(m.clause).or_insert(0.0);
        *b = b.max(m.score);
    }
    matches
        .into_iter()
        .filter(|m| m.score >= 0.7 * best.get(&m.clause).copied().unwrap_or(0.0))
        .collect()
}

/// Verbs of perceiving or receiving: negating them denies a fact ("has not
/// received a request"), not the position a proposition states.
const FACT_VERBS: &[&str] = &[
    "receiv", "get", "got", "see", "seen", "saw", "hear", "heard", "find", "found", "know", "knew",
    "notic", "meet", "met", "recall", "remember", "spot", "detect",
];

/// The clause's sign toward a proposition whose predicate stem is `head`:
/// 0 (no position) when a negation denies a fact verb that is not the
/// predicate ("claims to have not *received* a request to block the sites"
/// neither asserts nor denies blocking), else the clause sign.
fn sign_toward(c: &ClauseUnit, head: Option<&str>) -> i8 {
    let denies_fact = c.sign.free_negations.iter().any(|(_, v)| {
        v.and_then(|i| c.tokens.get(i)).is_some_and(|t| {
            head != Some(text::stem(&t.lower).as_str())
                && FACT_VERBS.iter().any(|f| t.lower.starts_with(f))
        })
    });
    if denies_fact {
        0
    } else {
        c.sign.sign
    }
}

fn side_name(side: i8) -> &'static str {
    if side > 0 {
        "favour"
    } else {
        "against"
    }
}

/// Negation, modal, contrast and counterfactual evidence of a clause.
fn clause_evidence(doc: &Document, c: &ClauseUnit, out: &mut Vec<Evidence>) {
    let tok_ev = |kind: &str, i: usize| {
        c.tokens.get(i).map(|t| Evidence {
            kind: kind.to_string(),
            text: doc.slice(c.start + t.start, c.start + t.end),
            span: Some(Span::of(doc, c.start + t.start, c.start + t.end)),
        })
    };
    for &i in &c.sign.negations {
        out.extend(tok_ev("negation", i));
    }
    if let Some(i) = c.sign.modal {
        out.extend(tok_ev("modal", i));
    }
    if let Some(i) = c.sign.counterfactual {
        out.extend(tok_ev("counterfactual", i));
    }
    if c.contrast {
        out.push(Evidence {
            kind: "contrast".into(),
            text: text::short_phrase(&c.text, 6),
            span: Some(Span::of(doc, c.start, c.end)),
        });
    }
}

fn dedup_evidence(ev: &mut Vec<Evidence>) {
    let mut seen = BTreeSet::new();
    ev.retain(|e| {
        seen.insert((
            e.kind.clone(),
            e.text.clone(),
            e.span.as_ref().map(|s| (s.start, s.end)),
        ))
    });
}
