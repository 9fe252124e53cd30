//! Assembly: turns the drafts of the discourse stages (token ranges, actor
//! indices) into the [`Extraction`] contract (char spans, local ids).

use super::actors::Actors;
use super::drafts::{ActDraft, ClaimDraft, OrgRelDraft, RawMention, RoleDraft};
use super::segment::Analysis;
use crate::document::Document;
use crate::extraction::{Act, Actor, Claim, Extraction, Mention, OrgRelation, Role, Span};
use std::collections::HashMap;

fn tspan(_doc: &Document, a: &Analysis, s: usize, e: usize) -> Span {
    let (cs, ce) = a.tok_span(s, e);
    Span::from_chars(&a.chars, cs, ce)
}

/// Fills `actors`, `mentions`, `claims`, `roles`, `org_relations` and `acts` of `ex`.
#[allow(clippy::too_many_arguments)]
pub fn fill(
    doc: &Document,
    a: &Analysis,
    raw: &[RawMention],
    actors: &Actors,
    claims: &[ClaimDraft],
    roles: &[RoleDraft],
    rels: &[OrgRelDraft],
    acts: &[ActDraft],
    ex: &mut Extraction,
) {
    // actors that are referred to by something
    let mut used: Vec<bool> = vec![false; actors.list.len()];
    for m in raw {
        if let Some(x) = m.actor {
            used[x] = true;
        }
    }
    for c in claims {
        for x in [c.speaker, c.addressee].into_iter().flatten() {
            used[x] = true;
        }
    }
    for r in roles {
        used[r.member] = true;
        used[r.organisation] = true;
    }
    for r in rels {
        used[r.child] = true;
        used[r.parent] = true;
    }
    for x in acts {
        used[x.agent] = true;
        used[x.patient] = true;
    }
    let mut aid: HashMap<usize, String> = HashMap::new();
    for (i, ab) in actors.list.iter().enumerate() {
        if used[i] {
            aid.insert(i, format!("a{}", aid.len() + 1));
            let _ = ab;
        }
    }
    let id = |i: usize| aid.get(&i).cloned().unwrap_or_default();
    // mentions in text order
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by_key(|&i| (raw[i].tok_start, raw[i].tok_end));
    let mut mention_ids: Vec<Vec<String>> = vec![vec![]; actors.list.len()];
    for (n, &i) in order.iter().enumerate() {
        let m = &raw[i];
        let mid = format!("m{}", n + 1);
        if let Some(x) = m.actor {
            mention_ids[x].push(mid.clone());
        }
        ex.mentions.push(Mention {
            id: mid,
            span: tspan(doc, a, m.tok_start, m.tok_end),
            kind: m.kind,
            actor_kind: m.actor_kind,
            actor: m.actor.map(id),
        });
    }
    for (i, ab) in actors.list.iter().enumerate() {
        if !used[i] {
            continue;
        }
        ex.actors.push(Actor {
            id: id(i),
            name: ab.name.clone(),
            kind: ab.kind,
            aliases: ab.aliases(),
            mentions: mention_ids[i].clone(),
            same_as: vec![],
            is_publisher: ab.is_publisher,
        });
    }
    for (n, c) in claims.iter().enumerate() {
        ex.claims.push(Claim {
            id: format!("c{}", n + 1),
            kind: c.kind,
            speaker: c.speaker.map(id),
            source: c.source.map(|(s, e)| tspan(doc, a, s, e)),
            cue: c.cue.map(|(s, e)| tspan(doc, a, s, e)),
            cue_lemma: c.cue_lemma.clone(),
            content: tspan(doc, a, c.content.0, c.content.1),
            fragments: c
                .fragments
                .iter()
                .filter_map(|&q| a.quotes.get(q))
                .map(|q| tspan(doc, a, q.open, q.last_tok() + 1))
                .collect(),
            addressee: c.addressee.map(id),
            paragraph: c.paragraph,
            resolution: c.resolution,
            confidence: c.confidence,
        });
    }
    for (n, r) in roles.iter().enumerate() {
        ex.roles.push(Role {
            id: format!("r{}", n + 1),
            member: id(r.member),
            organisation: id(r.organisation),
            label: r.label.clone(),
            evidence: tspan(doc, a, r.evidence.0, r.evidence.1),
            confidence: 0.8,
        });
    }
    for (n, r) in rels.iter().enumerate() {
        ex.org_relations.push(OrgRelation {
            id: format!("o{}", n + 1),
            kind: r.kind,
            child: id(r.child),
            parent: id(r.parent),
            evidence: tspan(doc, a, r.evidence.0, r.evidence.1),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for x in acts {
        if !seen.insert((x.kind, x.agent, x.patient, x.sentence)) {
            continue;
        }
        let s = &a.sentences[x.sentence];
        ex.acts.push(Act {
            id: format!("x{}", ex.acts.len() + 1),
            kind: x.kind,
            agent: id(x.agent),
            patient: id(x.patient),
            polarity: x.polarity,
            evidence: tspan(doc, a, s.tok_start, s.tok_end),
            claim: x.claim.map(|c| format!("c{}", c + 1)),
            confidence: x.confidence,
        });
    }
}
