//! Coreference by rules: mentions to actors.
//!
//! Full names open actors; case variants, surnames / short forms, acronyms
//! (by parenthesised alias or initials) join the matching actor; pronouns and
//! role nouns go to the most recent compatible actor; "members of X" goes to X.
//! The canonical name is the longest proper name seen.

pub mod nominal;

use crate::annotate::actors::{key, ActorBuild, Actors};
use crate::annotate::drafts::{ClaimDraft, MentionSet, RawMention, RoleDraft};
use crate::annotate::lexicon;
use crate::annotate::mentions::is_acronym;
use crate::annotate::segment::Analysis;
use crate::extraction::{ActorKind, MentionKind};
use std::collections::HashMap;

fn is_personish(a: &ActorBuild) -> bool {
    a.kind == ActorKind::Person
}

fn is_orgish(a: &ActorBuild) -> bool {
    matches!(a.kind, ActorKind::Organisation)
        || (a.kind == ActorKind::Unknown && a.name.split_whitespace().count() == 1)
}

/// Resolves mentions to actors, filling `RawMention::actor`.
pub fn resolve(a: &Analysis, mentions: &mut [RawMention], outlet: Option<&str>) -> Actors {
    let mut actors = Actors::new(outlet);
    link_names(a, mentions, &mut actors);
    actors.reset_recency();
    canonical_names(a, mentions, &mut actors);
    link_references(a, mentions, &mut actors);
    actors
}

/// Pass 1: names, acronyms and hashtags open actors or join the one they name
/// (same key, a surname or short form of a multi-word name, initials).
fn link_names(a: &Analysis, mentions: &mut [RawMention], actors: &mut Actors) {
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
                        let by_last = actors.latest_of(
                            actors
                                .with_word(&k)
                                .iter()
                                .copied()
                                .filter(|&xi| short_form_of(&actors.list[xi], &k)),
                        );
                        let by_init = if is_acronym(&text) {
                            actors.latest_of(actors.with_initials(&k).iter().copied())
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
                    } else if m.kind == MentionKind::Name {
                        // "Halden Institute" for the Halden Institute for Climate Studies
                        let first = k.split(' ').next().unwrap_or_default().to_string();
                        actors.latest_of(actors.with_word(&first).iter().copied().filter(|&xi| {
                            let x = &actors.list[xi];
                            x.kind == ActorKind::Organisation && {
                                let xk = key(&x.name);
                                xk.starts_with(&format!("{k} of "))
                                    || xk.starts_with(&format!("{k} for "))
                            }
                        }))
                    } else {
                        None
                    }
                }
            }
            _ => continue,
        };
        let i = match actor {
            Some(i) => i,
            None => actors.create(&text, m.actor_kind, m.strong_kind),
        };
        actors.add_key(i, key(&text));
        let ab = &mut actors.list[i];
        if !ab.names.iter().any(|n| n == &text) {
            ab.names.push(text.clone());
        }
        if m.strong_kind && (!ab.strong || kind_rank(m.actor_kind) > kind_rank(ab.kind)) {
            ab.kind = m.actor_kind;
            ab.strong = true;
        } else if !ab.strong && ab.kind == ActorKind::Unknown {
            ab.kind = m.actor_kind;
        }
        // a surname alone ("Reed") marks a person; a first word ("Tarnline") does not
        if mentions[mi].kind == MentionKind::PartialName
            && ab.kind == ActorKind::Unknown
            && ab.name.split_whitespace().last().map(key) == Some(key(&text))
        {
            ab.kind = ActorKind::Person;
        }
        if actors.list[i].gender.is_none()
            && matches!(actors.list[i].kind, ActorKind::Person | ActorKind::Unknown)
        {
            actors.list[i].gender = mention_gender(a, &m);
        }
        actors.touch(i, m.tok_start);
        mentions[mi].actor = Some(i);
    }
}

/// An actor not yet typed whose name reads as a body, not a person: several
/// words, no gender, not opening with a given name ("Tarnline Buses").
fn untyped_body(x: &ActorBuild) -> bool {
    x.kind == ActorKind::Unknown
        && x.gender.is_none()
        && x.name.contains(' ')
        && !opens_with_given_name(&x.name)
}

/// Whether a name's first word is a known given name ("Ann Lee", not "Tarnline Buses").
fn opens_with_given_name(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(|w| lexicon::is_given_name(&w.to_lowercase()))
}

/// Whether the one-word name key `k` is a short form of the multi-word actor
/// `x`: a person's surname ("Reed"), an organisation's first word
/// ("Tarnline" for Tarnline Buses), or a type word of an organisation's name
/// ("Council" for Lowbridge District Council, "Festival" for the Kestrel
/// Festival of Song).
fn short_form_of(x: &ActorBuild, k: &str) -> bool {
    let mut words = x.name.split_whitespace();
    let (Some(first), Some(last)) = (words.next(), x.name.split_whitespace().last()) else {
        return false;
    };
    if words.next().is_none() || x.kind == ActorKind::Place {
        return false;
    }
    if x.kind == ActorKind::Person {
        key(last) == k
    } else if x.kind == ActorKind::Unknown {
        // not yet typed: a surname, or the first word of a name that does not
        // open with a given name ("Tarnline" for Tarnline Buses)
        key(last) == k || key(first) == k && !opens_with_given_name(&x.name)
    } else {
        key(first) == k
            || lexicon::ORG_SUFFIXES.contains(k) && x.name.split_whitespace().any(|w| key(w) == k)
    }
}

/// Canonical names: the longest proper name (Name mentions only); one-word
/// names inside a longer canonical name become partial names.
fn canonical_names(a: &Analysis, mentions: &mut [RawMention], actors: &mut Actors) {
    // canonical names: longest proper name (Name mentions only)
    let mut names_of: Vec<Vec<usize>> = vec![vec![]; actors.list.len()];
    for (mi, m) in mentions.iter().enumerate() {
        if let (Some(i), MentionKind::Name) = (m.actor, m.kind) {
            names_of[i].push(mi);
        }
    }
    for (i, ab) in actors.list.iter_mut().enumerate() {
        let mut best = ab.name.clone();
        for &mi in &names_of[i] {
            let m = &mentions[mi];
            let t = a.tok_text(m.tok_start, m.tok_end);
            if t.chars().count() > best.chars().count() {
                best = t;
            }
        }
        ab.name = best;
        let canon = key(&ab.name);
        for &mi in &names_of[i] {
            let m = &mut mentions[mi];
            if m.tok_end == m.tok_start + 1 && canon.contains(' ') {
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
}

/// Pass 2 in text order: pronouns, role nouns and nominals go to an actor;
/// tracks recency and each sentence's subject.
fn link_references(a: &Analysis, mentions: &mut [RawMention], actors: &mut Actors) {
    // each sentence's subject: the actor named first, at the head of the sentence
    let mut subject: Vec<Option<usize>> = vec![None; a.sentences.len()];
    for mi in 0..mentions.len() {
        let m = mentions[mi].clone();
        let pos = m.tok_start;
        let sent = a.tok_sent[pos];
        let sent_start = a.sentences[sent].tok_start;
        let actor = match m.kind {
            MentionKind::Name
            | MentionKind::Acronym
            | MentionKind::Hashtag
            | MentionKind::PartialName => m.actor,
            MentionKind::Nominal => m
                .group_of
                .and_then(|j| mentions.get(j))
                .and_then(|x| x.actor),
            MentionKind::Pronoun => pronoun_antecedent(a, actors, &subject, pos),
            MentionKind::RoleNoun => role_noun_antecedent(a, actors, &subject, &m),
        };
        mentions[mi].actor = actor;
        if let Some(i) = actor {
            if subject[sent].is_none() && at_sentence_head(a, sent_start, pos) {
                subject[sent] = Some(i);
            }
            actors.list[i].mentions.push(mi);
            // names inside quotations are no antecedents for the narrative's pronouns
            if a.tok_depth[pos] == 0 {
                actors.touch(i, pos);
            }
        }
    }
}

/// The antecedent of the pronoun at token `pos` (outside quotations): the most
/// recent person of matching gender; for "it", an organisation, before any of
/// its own sentence the previous sentence's subject; for "they", a group or organisation.
fn pronoun_antecedent(
    a: &Analysis,
    actors: &Actors,
    subject: &[Option<usize>],
    pos: usize,
) -> Option<usize> {
    let w = a.tokens[pos].lower.as_str();
    let in_quote = a.tok_depth[pos] > 0;
    match w {
        "he" | "him" | "his" | "she" | "her" | "hers" if !in_quote => {
            let g = lexicon::pronoun_gender(w);
            let fits = |x: &ActorBuild| {
                (is_personish(x) || x.kind == ActorKind::Unknown && x.gender.is_some())
                    && (x.gender.is_none() || x.gender == g)
            };
            // the subject of the previous sentence before a person it merely
            // mentioned ("Reed said ... a paper by Lee's institute. He said")
            salient_subject(a, actors, subject, pos, fits).or_else(|| actors.most_recent(pos, fits))
        }
        "it" | "its" if !in_quote => {
            let fits = |x: &ActorBuild| {
                is_orgish(x)
                    || matches!(x.kind, ActorKind::Group | ActorKind::Campaign)
                    || untyped_body(x)
            };
            salient_subject(a, actors, subject, pos, fits).or_else(|| actors.most_recent(pos, fits))
        }
        "they" | "them" | "their" if !in_quote => actors.most_recent(pos, |x| {
            matches!(
                x.kind,
                ActorKind::Group | ActorKind::Organisation | ActorKind::Outlet
            )
        }),
        _ => None,
    }
}

/// The antecedent of a role noun ("the union", "the spokesman", "this paper").
fn role_noun_antecedent(
    a: &Analysis,
    actors: &mut Actors,
    subject: &[Option<usize>],
    m: &RawMention,
) -> Option<usize> {
    let pos = m.tok_start;
    let body = |x: &ActorBuild| is_orgish(x) || x.kind == ActorKind::Group;
    let salient = salient_subject(a, actors, subject, pos, body);
    match m.actor_kind {
        ActorKind::Outlet => actors.publisher(),
        ActorKind::Organisation => {
            // "the union", "the trust": the organisation whose name ends in the noun
            // ("the federation": the Federation of Regional Councils)
            let head = key(&a.tokens[m.tok_end - 1].lower);
            // "the county council": the organisation whose name ends in all
            // its words, before it or, failing that, named later
            let words = key(&a.tok_text(m.tok_start, m.tok_end));
            let ends_in = |x: &ActorBuild| {
                x.kind == ActorKind::Organisation && key(&x.name).ends_with(&format!(" {words}"))
            };
            let full = words.contains(' ').then(|| {
                actors
                    .most_recent(pos, ends_in)
                    .or_else(|| actors.list.iter().position(ends_in))
            });
            let named_for = |x: &ActorBuild| {
                x.kind != ActorKind::Place
                    && x.name.split_whitespace().last().map(key) == Some(head.clone())
            };
            full.flatten()
                .or_else(|| {
                    // opening a paragraph, "the trust" is the story's trust (the
                    // one named most so far), not one the last paragraph passed by
                    opens_paragraph(a, pos)
                        .then(|| actors.most_mentioned(pos, named_for))
                        .flatten()
                })
                .or_else(|| actors.most_recent(pos, named_for))
                .or_else(|| {
                    actors.most_recent(pos, |x| {
                        x.kind != ActorKind::Place
                            && x.kind != ActorKind::Person
                            && x.name.split_whitespace().any(|w| key(w) == head)
                    })
                })
                .or(salient)
                .or_else(|| actors.most_recent(pos, is_orgish))
        }
        // "the group", "the consortium": a group or an organisation, the one the
        // previous sentence is about first
        ActorKind::Group => salient.or_else(|| actors.most_recent(pos, body)),
        ActorKind::Campaign => actors.most_recent(pos, |x| x.kind == ActorKind::Campaign),
        _ => actors.most_recent(pos, is_personish),
    }
}

/// Before any fitting actor of its own sentence, a reference at token `pos`
/// ("it", "the company", "the group") goes to the actor the previous sentence
/// is about (its subject), not to the last one that sentence happened to name.
fn salient_subject(
    a: &Analysis,
    actors: &Actors,
    subject: &[Option<usize>],
    pos: usize,
    fits: impl Fn(&ActorBuild) -> bool,
) -> Option<usize> {
    let sent = a.tok_sent[pos];
    let sent_start = a.sentences[sent].tok_start;
    let recent = actors.most_recent(pos, &fits);
    let local = recent.is_some_and(|r| actors.list[r].last_tok > sent_start);
    (!local && sent > 0)
        .then(|| subject[sent - 1])
        .flatten()
        .filter(|&x| fits(&actors.list[x]))
}

/// Whether token `pos` is in the first sentence of its paragraph.
fn opens_paragraph(a: &Analysis, pos: usize) -> bool {
    let sent = a.tok_sent[pos];
    sent == 0 || a.sentences[sent - 1].paragraph != a.sentences[sent].paragraph
}

/// Whether a mention at token `pos` opens its sentence (which starts at token
/// `ss`): only determiners, possessives, lowercase modifiers, an opening
/// prepositional phrase and commas before it ("The opposition X party",
/// "In a statement, it"), no verb.
fn at_sentence_head(a: &Analysis, ss: usize, pos: usize) -> bool {
    pos >= ss
        && pos - ss <= 5
        && (ss..pos).all(|k| {
            let t = &a.tokens[k];
            let w = t.lower.as_str();
            t.is(",")
                || lexicon::DETERMINERS.contains(w)
                || lexicon::PREPOSITIONS.contains(w)
                || matches!(w, "its" | "their" | "his" | "her")
                || t.kind == crate::annotate::tokens::TokKind::Word
                    && (!t.is_cap() || k == ss)
                    && lexicon::cue_verb(w).is_none()
                    && !lexicon::AUXILIARIES.contains(w)
                    && !lexicon::SUBORDINATORS.contains(w)
                    && !lexicon::RELATIVES.contains(w)
        })
}

/// The gender a name mention tells: an honorific before it ("Mr Pryce",
/// "Ms. Lee") or its given name ("Karen Holloway").
fn mention_gender(a: &Analysis, m: &RawMention) -> Option<lexicon::Gender> {
    let s = m.tok_start;
    let before = (1..=2)
        .filter_map(|d| s.checked_sub(d))
        .map(|j| a.tokens[j].lower.trim_end_matches('.'))
        .find(|w| !w.is_empty());
    before.and_then(lexicon::honorific_gender).or_else(|| {
        (m.tok_end > s + 1)
            .then(|| lexicon::name_gender(&a.tokens[s].lower))
            .flatten()
    })
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
    mentions: &mut MentionSet,
    claims: &[ClaimDraft],
    roles: &[RoleDraft],
) {
    // the first role of each member
    let mut org_of: HashMap<usize, usize> = HashMap::new();
    for r in roles {
        org_of.entry(r.member).or_insert(r.organisation);
    }
    for c in claims {
        let Some(sp) = c.speaker else { continue };
        if c.kind == crate::extraction::ClaimKind::Indirect {
            continue;
        }
        let org = org_of.get(&sp).copied();
        for mi in mentions.inside(c.content.0, c.content.1) {
            let m = &mut mentions[mi];
            if m.kind != MentionKind::Pronoun || a.tok_depth[m.tok_start] == 0 {
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
