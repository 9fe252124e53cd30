//! Block quotations introduced by a colon: a paragraph ending in "X says:",
//! "In a statement, X said:" or "..., telling the Post:", followed by a quoted
//! paragraph that carries no cue of its own.

use super::Ctx;
use crate::annotate::drafts::ClaimDraft;
use crate::annotate::lexicon;
use crate::annotate::words::low;
use crate::extraction::{ActorKind, MentionKind};

/// Who introduces the quote paragraph `para`, when the paragraph before it ends in a colon.
pub(super) struct Intro {
    /// The speaker of the block quotation.
    pub speaker: usize,
    /// A claim of the introducing sentence whose content is only the phrase before its cue
    /// ("In a statement"): the quotation replaces it.
    pub replaces: Option<usize>,
}

/// The introduction of quote paragraph `para`, if the previous paragraph ends in ":".
pub(super) fn colon_intro(cx: &Ctx, claims: &[ClaimDraft], para: usize) -> Option<Intro> {
    let a = cx.a;
    if para == 0 {
        return None;
    }
    let last = a.para_tok[para].checked_sub(1)?;
    if !a.tokens.get(last)?.is(":") {
        return None;
    }
    let ss = a.sentences[a.tok_sent[last]].tok_start;
    // a claim cued in the introducing sentence gives its speaker
    let cued = claims
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| c.cue.is_some_and(|(cs, ce)| cs >= ss && ce <= last));
    if let Some((i, c)) = cued {
        let (cs, _) = c.cue?;
        let replaces = (c.content.1 <= cs).then_some(i);
        return Some(Intro {
            speaker: c.speaker?,
            replaces,
        });
    }
    // "Its director, Jane Roe, says:": no complement, so no claim; the subject's name speaks
    let verb = last.checked_sub(1)?;
    if verb <= ss || lexicon::cue_verb(low(a, verb)).is_none() {
        return None;
    }
    let named = |m: &&crate::annotate::drafts::RawMention, kinds: &[ActorKind]| {
        !m.possessive
            && matches!(m.kind, MentionKind::Name | MentionKind::Acronym)
            && m.actor
                .is_some_and(|x| kinds.contains(&cx.actors.list[x].kind))
    };
    let inside = cx.mentions.inside(ss, verb);
    let mentions: Vec<_> = inside.iter().map(|&i| &cx.mentions[i]).collect();
    let m = mentions
        .iter()
        .find(|m| named(m, &[ActorKind::Person]))
        .or_else(|| {
            mentions.iter().find(|m| {
                named(
                    m,
                    &[
                        ActorKind::Organisation,
                        ActorKind::Group,
                        ActorKind::Unknown,
                    ],
                )
            })
        })?;
    Some(Intro {
        speaker: m.actor?,
        replaces: None,
    })
}
