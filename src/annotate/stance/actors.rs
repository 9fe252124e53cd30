//! Stances toward actors: evaluations of an actor inside a claim ("X is
//! arrogant and unresponsive"), acts between actors ("A criticised B"), and
//! positions taken over from acts aimed at someone's position ("A criticised
//! B's position": A takes the opposite side of B on B's targets).

use super::backend::ClauseUnit;
use crate::document::Document;
use crate::extraction::{
    ActKind, ActorKind, Evidence, Extraction, MentionKind, Polarity, Span, Stance, Target,
    TargetSource,
};
use std::collections::BTreeSet;

/// The target id for an actor.
pub fn actor_target_id(actor: &str) -> String {
    format!("actor:{actor}")
}

/// The target for actor `id` of `ex`.
pub fn actor_target(ex: &Extraction, id: &str) -> Target {
    Target {
        id: actor_target_id(id),
        label: ex
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string()),
        description: None,
        favour: vec![],
        against: vec![],
        source: TargetSource::Actor,
    }
}

/// Organisations `holder` speaks for (through roles), plus the holder itself.
pub fn own_side(ex: &Extraction, holder: &str) -> BTreeSet<String> {
    let mut s: BTreeSet<String> = ex
        .roles
        .iter()
        .filter(|r| r.member == holder)
        .map(|r| r.organisation.clone())
        .collect();
    s.insert(holder.to_string());
    s
}

fn is_word_boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// True when an actor can be the target of an evaluation inside a claim:
/// places ("no society on Earth") and actors of unknown kind are settings or
/// things more often than parties to the debate, so they are left out.
fn is_evaluable(ex: &Extraction, actor: &str) -> bool {
    ex.actor(actor)
        .is_some_and(|a| !matches!(a.kind, ActorKind::Place | ActorKind::Unknown))
}

/// Actors named in a clause: resolved mentions inside it (first-person
/// pronouns excepted), or, when the extraction has no mentions, actor names
/// and aliases found as whole words. Returns (actor id, char span).
pub fn actors_in_clause(ex: &Extraction, c: &ClauseUnit) -> Vec<(String, usize, usize)> {
    let mut out = vec![];
    if !ex.mentions.is_empty() {
        for m in &ex.mentions {
            let Some(a) = &m.actor else { continue };
            if m.span.start < c.start || m.span.end > c.end || !is_evaluable(ex, a) {
                continue;
            }
            if m.kind == MentionKind::Pronoun {
                let l = m.span.text.to_lowercase();
                if matches!(l.as_str(), "i" | "me" | "my" | "we" | "us" | "our" | "ours") {
                    continue;
                }
            }
            out.push((a.clone(), m.span.start, m.span.end));
        }
        return out;
    }
    for a in ex.actors.iter().filter(|a| is_evaluable(ex, &a.id)) {
        for name in std::iter::once(&a.name).chain(a.aliases.iter()) {
            if name.chars().count() < 2 {
                continue;
            }
            let text: Vec<char> = c.text.chars().collect();
            let pat: Vec<char> = name.chars().collect();
            let mut i = 0;
            while i + pat.len() <= text.len() {
                if text[i..i + pat.len()] == pat[..]
                    && is_word_boundary(if i == 0 { None } else { Some(text[i - 1]) })
                    && is_word_boundary(text.get(i + pat.len()).copied())
                {
                    out.push((a.id.clone(), c.start + i, c.start + i + pat.len()));
                    i += pat.len();
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

/// Stances derived from acts: the agent toward `actor:<patient>`.
pub fn act_stances(doc: &Document, ex: &Extraction) -> Vec<Stance> {
    let _ = doc;
    ex.acts
        .iter()
        .filter(|a| a.agent != a.patient)
        .map(|a| Stance {
            id: String::new(),
            holder: a.agent.clone(),
            target: actor_target_id(&a.patient),
            polarity: if a.polarity < 0 {
                Polarity::Against
            } else {
                Polarity::Favour
            },
            confidence: (a.confidence * 0.9).clamp(0.05, 0.99),
            claim: a.claim.clone(),
            act: Some(a.id.clone()),
            method: "rules".into(),
            evidence: vec![Evidence {
                kind: "act".into(),
                text: format!("{:?}", a.kind).to_lowercase(),
                span: Some(a.evidence.clone()),
            }],
        })
        .collect()
}

/// Words showing an act is aimed at a position rather than at the actor.
const POSITION_WORDS: &[&str] = &[
    "position", "stance", "decision", "refusal", "policy", "approach", "argument", "view", "stand",
    "response", "claim", "line",
];

/// Positions taken over through acts aimed at a position: when A criticises
/// or dismisses B's position (or supports / defends it), A takes the opposite
/// (or the same) side on every non-actor target that B, or a member of B
/// (through roles), holds a stance on.
pub fn inherited_stances(ex: &Extraction, stances: &[Stance]) -> Vec<Stance> {
    let mut out = vec![];
    for act in &ex.acts {
        let flip: i8 = match act.kind {
            ActKind::Criticises | ActKind::Dismisses | ActKind::Accuses => -1,
            ActKind::Supports | ActKind::Defends | ActKind::Praises => 1,
            _ => continue,
        };
        // A negated act ("did not criticise") says nothing about the position.
        if act.polarity != act.kind.polarity() {
            continue;
        }
        let ev = act.evidence.text.to_lowercase();
        if !POSITION_WORDS.iter().any(|w| ev.contains(w)) {
            continue;
        }
        let mut sources: BTreeSet<String> = ex
            .roles
            .iter()
            .filter(|r| r.organisation == act.patient)
            .map(|r| r.member.clone())
            .collect();
        sources.insert(act.patient.clone());
        // The patient side's net position per target (signed confidences summed).
        let mut net: std::collections::BTreeMap<&str, (f32, f32, &str, &str)> = Default::default();
        for s in stances {
            if !sources.contains(&s.holder)
                || s.target.starts_with("actor:")
                || s.holder == act.agent
            {
                continue;
            }
            let v = match s.polarity {
                Polarity::Favour => s.confidence,
                Polarity::Against => -s.confidence,
                Polarity::Neutral => 0.0,
            };
            let e = net.entry(s.target.as_str()).or_insert((
                0.0,
                0.0,
                s.method.as_str(),
                s.holder.as_str(),
            ));
            e.0 += v;
            if s.confidence > e.1 {
                e.1 = s.confidence;
                e.2 = s.method.as_str();
                e.3 = s.holder.as_str();
            }
        }
        for (target, (sum, conf, method, holder)) in net {
            if sum == 0.0 {
                continue;
            }
            let theirs = if sum > 0.0 {
                Polarity::Favour
            } else {
                Polarity::Against
            };
            let polarity = match (theirs, flip) {
                (p, 1) => p,
                (Polarity::Favour, _) => Polarity::Against,
                _ => Polarity::Favour,
            };
            out.push(Stance {
                id: String::new(),
                holder: act.agent.clone(),
                target: target.to_string(),
                polarity,
                confidence: (conf * act.confidence.max(0.3) * 0.7).clamp(0.05, 0.95),
                claim: act.claim.clone(),
                act: Some(act.id.clone()),
                method: method.to_string(),
                evidence: vec![
                    Evidence {
                        kind: "act".into(),
                        text: format!(
                            "{:?} the position of {}",
                            act.kind,
                            ex.actor(&act.patient)
                                .map(|a| a.name.as_str())
                                .unwrap_or(&act.patient)
                        )
                        .to_lowercase(),
                        span: Some(act.evidence.clone()),
                    },
                    Evidence {
                        kind: "inherited".into(),
                        text: format!("{holder} is {theirs:?} {target}").to_lowercase(),
                        span: None,
                    },
                ],
            });
        }
    }
    out
}

/// Verbs of being between a name and its evaluation ("X is arrogant").
const LINKS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "seems",
    "seemed",
    "looks",
    "remains",
    "has",
    "have",
    "had",
    "become",
    "became",
    "so",
    "very",
    "too",
    "utterly",
    "completely",
    "deeply",
    "totally",
    "being",
    "not",
];

/// The (negation-adjusted) polarity of the clause's evaluation of the actor
/// mentioned at clause char offsets `[s, e)`: an evaluative word at most
/// three words before the mention ("criticised X", "arrogant X", "accused
/// X of"), or right after it across a verb of being ("X is arrogant", "X
/// has been reckless"). `None` when no evaluation is about the actor.
pub fn evaluation_of(c: &ClauseUnit, s: usize, e: usize) -> Option<i8> {
    let first = c.tokens.iter().position(|t| t.end > s)?;
    let last = c.tokens.iter().rposition(|t| t.start < e)?;
    let mut best: Option<(usize, i8)> = None;
    for &(i, p) in &c.sign.evaluations {
        let d = if i < first && first - i <= 3 {
            first - i
        } else if i > last {
            let between = &c.tokens[last + 1..i];
            let linked = between.len() <= 3
                && between
                    .iter()
                    .all(|t| LINKS.contains(&t.lower.as_str()) || t.lower.ends_with("ly"));
            // "X ... for their less than ethical practices": a possessive
            // just before the evaluation refers back to the actor.
            let possessive = between.len() <= 8
                && between
                    .iter()
                    .rev()
                    .take(3)
                    .any(|t| matches!(t.lower.as_str(), "their" | "its" | "his" | "her"));
            if linked || possessive {
                i - last
            } else {
                continue;
            }
        } else {
            continue;
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, p));
        }
    }
    best.map(|(_, p)| p)
}

/// Evidence for an actor evaluation in a clause.
pub fn evaluation_evidence(doc: &Document, c: &ClauseUnit) -> Vec<Evidence> {
    c.sign
        .evaluations
        .iter()
        .filter_map(|(i, p)| {
            let t = c.tokens.get(*i)?;
            Some(Evidence {
                kind: "cue".into(),
                text: format!(
                    "{} ({})",
                    t.lower,
                    if *p < 0 { "negative" } else { "positive" }
                ),
                span: Some(Span::of(doc, c.start + t.start, c.start + t.end)),
            })
        })
        .collect()
}
