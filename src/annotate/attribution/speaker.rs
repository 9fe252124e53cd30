//! From a source span to a speaker actor: names, partial names, pronouns and role
//! nouns inside it, relative pronouns to their antecedent, generic actor phrases.

use super::descriptions::{describes_person, role_holder};
use super::phrases::np_left;
use super::research::research_body;
use super::Ctx;
use crate::annotate::coref::nominal::nominal_actor_parts;
use crate::annotate::drafts::RawMention;
use crate::annotate::words::low;
use crate::extraction::{ActorKind, MentionKind, SpeakerResolution};

pub(super) fn addressee_actor(cx: &mut Ctx, s: usize, e: usize) -> Option<usize> {
    let a = cx.a;
    let text = a.tok_text(s, e).to_lowercase();
    if matches!(
        text.as_str(),
        "this publication"
            | "this newspaper"
            | "this paper"
            | "this website"
            | "this site"
            | "this magazine"
            | "this reporter"
            | "this outlet"
            | "the publication"
    ) {
        return cx.actors.publisher();
    }
    cx.mentions
        .inside(s, e)
        .into_iter()
        .map(|i| &cx.mentions[i])
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Name | MentionKind::Acronym | MentionKind::PartialName
            )
        })
        .find_map(|m| m.actor)
}

/// Resolves a source span to a speaker. A place that speaks ("Lowbridge said
/// it would publish the report") stands for the body named after it
/// ("Lowbridge District Council") when the article names one.
pub(super) fn resolve_source(
    cx: &mut Ctx,
    s: usize,
    e: usize,
    relative: Option<usize>,
    si: usize,
) -> (Option<usize>, SpeakerResolution) {
    let (x, how) = resolve_span(cx, s, e, relative, si);
    let place = match x {
        Some(x) => matches!(
            cx.actors.list[x].kind,
            ActorKind::Place | ActorKind::Unknown
        )
        .then_some(x),
        None if relative.is_none() => cx
            .mentions
            .inside(s, e)
            .into_iter()
            .map(|i| &cx.mentions[i])
            .filter(|m| m.kind == MentionKind::Name && !m.possessive)
            .filter(|m| m.tok_end == e && m.tok_start <= s + 1)
            .filter_map(|m| m.actor)
            .find(|&x| {
                matches!(
                    cx.actors.list[x].kind,
                    ActorKind::Place | ActorKind::Unknown
                )
            }),
        None => None,
    };
    match place.and_then(|p| cx.actors.body_of_place(p)) {
        Some(body) => (Some(body), SpeakerResolution::Coreference),
        None => (x, how),
    }
}

fn resolve_span(
    cx: &mut Ctx,
    s: usize,
    e: usize,
    relative: Option<usize>,
    si: usize,
) -> (Option<usize>, SpeakerResolution) {
    let a = cx.a;
    if let Some(r) = relative {
        // antecedent: nearest actor mention before the relative pronoun in the sentence,
        // skipping possessives and places
        let ss = a.sentences[si].tok_start;
        if low(a, r) == "which" {
            let prev_end = if r > ss && a.tokens[r - 1].is(",") {
                r - 1
            } else {
                r
            };
            let direct = cx
                .mentions
                .ending_at(prev_end)
                .iter()
                .map(|&i| &cx.mentions[i])
                .filter(|m| !m.possessive && m.actor.is_some())
                .find_map(|m| m.actor);
            return match direct {
                Some(x) => (Some(x), SpeakerResolution::Coreference),
                None => (None, SpeakerResolution::Unknown),
            };
        }
        let best = cx
            .mentions
            .inside(ss, r)
            .into_iter()
            .map(|i| &cx.mentions[i])
            .filter(|m| !m.possessive && m.actor.is_some() && m.kind != MentionKind::Pronoun)
            .filter(|m| {
                m.actor
                    .is_some_and(|x| cx.actors.list[x].kind != ActorKind::Place)
            })
            .max_by_key(|m| m.tok_end)
            .and_then(|m| m.actor);
        if best.is_some() {
            return (best, SpeakerResolution::Coreference);
        }
        // a generic noun phrase right before: "officials who said"
        if let Some(np) = np_left(
            a,
            ss,
            r.saturating_sub(if r > ss && a.tokens[r - 1].is(",") {
                1
            } else {
                0
            }),
        ) {
            if let Some(x) = nominal_actor(cx, np.0, np.1) {
                return (Some(x), SpeakerResolution::Coreference);
            }
        }
        return (None, SpeakerResolution::Unknown);
    }
    // "the team said", "a study published in X": the body that led the work
    if let Some(x) = research_body(cx, s, e, si) {
        return (Some(x), SpeakerResolution::Coreference);
    }
    // "the general manager said": the holder of that role in the article
    if let Some(x) = role_holder(cx, cx.roles, s, e) {
        return (Some(x), SpeakerResolution::Coreference);
    }
    let describes = describes_person(cx, s, e);
    let inside: Vec<RawMention> = cx
        .mentions
        .inside(s, e)
        .into_iter()
        .map(|i| cx.mentions[i].clone())
        .collect();
    let pick =
        |pred: &dyn Fn(&RawMention) -> bool| inside.iter().find(|m| pred(m) && m.actor.is_some());
    let actors = &cx.actors;
    // "members of X" first
    if let Some(m) = inside
        .iter()
        .find(|m| m.kind == MentionKind::Nominal && m.actor.is_some() && m.tok_start == s)
    {
        return (m.actor, SpeakerResolution::Explicit);
    }
    let person_name = pick(&|m| {
        m.kind == MentionKind::Name
            && m.actor
                .is_some_and(|x| actors.list[x].kind == ActorKind::Person)
    });
    let any_name = pick(&|m| {
        !describes
            && matches!(
                m.kind,
                MentionKind::Name | MentionKind::Acronym | MentionKind::Hashtag
            )
            && !m.possessive
            && m.actor
                .is_some_and(|x| actors.list[x].kind != ActorKind::Place)
    });
    let any_name_poss = pick(&|m| {
        !describes
            && matches!(m.kind, MentionKind::Name | MentionKind::Acronym)
            && m.actor
                .is_some_and(|x| actors.list[x].kind != ActorKind::Place)
    });
    let partial = pick(&|m| m.kind == MentionKind::PartialName);
    let pron = pick(&|m| matches!(m.kind, MentionKind::Pronoun | MentionKind::RoleNoun));
    if let Some(m) = person_name.or(any_name) {
        if let Some(x) = m.actor {
            let ab = &mut cx.actors.list[x];
            if ab.kind == ActorKind::Unknown
                && ab.name.split_whitespace().count() > 1
                && m.tok_start == s
            {
                ab.kind = ActorKind::Person;
            }
        }
        return (m.actor, SpeakerResolution::Explicit);
    }
    if let Some(m) = partial {
        return (m.actor, SpeakerResolution::Coreference);
    }
    // a role noun phrase that owns an organisation: "a spokeswoman for X" -> X
    if let Some(m) = any_name_poss {
        return (m.actor, SpeakerResolution::Explicit);
    }
    if let Some(m) = pron {
        return (
            m.actor,
            if m.actor.is_some() {
                SpeakerResolution::Coreference
            } else {
                SpeakerResolution::Unknown
            },
        );
    }
    if inside.iter().any(|m| m.kind == MentionKind::Pronoun) {
        return (None, SpeakerResolution::Unknown);
    }
    match nominal_actor(cx, s, e) {
        Some(x) => (Some(x), SpeakerResolution::Explicit),
        None => (None, SpeakerResolution::Unknown),
    }
}

/// A generic actor noun phrase ("intelligence agencies", "a campaign") as an actor.
pub(super) fn nominal_actor(cx_mentions_actors: &mut Ctx, s: usize, e: usize) -> Option<usize> {
    nominal_actor_parts(
        cx_mentions_actors.a,
        cx_mentions_actors.mentions,
        cx_mentions_actors.actors,
        s,
        e,
    )
}
