//! Speakers named by a description or a pronoun that a plain recency search
//! gets wrong: "the former Leeds coach said", "the CEO elaborated" go to the
//! person who holds that role in the article (not to the club or the last
//! person named); "he added", "she went on" continue the last speaker of
//! matching gender.

use super::Ctx;
use crate::annotate::drafts::{ClaimDraft, RoleDraft};
use crate::annotate::lexicon::{self, Gender};
use crate::annotate::words::low;
use crate::extraction::ActorKind;

/// Cue lemmas that continue what the last speaker was saying.
fn continuation(lemma: &str) -> bool {
    matches!(
        lemma,
        "add" | "continue" | "elaborate" | "conclude" | "go on" | "repeat" | "reiterate"
    )
}

/// The person holding the role that the description `[s, e)` names ("the
/// general manager", "The former Ashvale coach", "the operator's managing
/// director"): its head word is a role head and it opens with a determiner or
/// a possessive. Among the holders of a role with that head, one whose
/// organisation is named in the description, else the latest one introduced
/// before it.
pub(super) fn role_holder(cx: &Ctx, roles: &[RoleDraft], s: usize, e: usize) -> Option<usize> {
    let a = cx.a;
    if e <= s || e - s > 8 {
        return None;
    }
    let head = low(a, e - 1);
    let first = low(a, s);
    let described = lexicon::ROLE_HEADS.contains(head)
        && (lexicon::DETERMINERS.contains(first) || (s..e).any(|j| low(a, j) == "'s"));
    if !described {
        return None;
    }
    let named: Vec<usize> = cx
        .mentions
        .inside(s, e)
        .into_iter()
        .filter_map(|i| cx.mentions[i].actor)
        .collect();
    let holders: Vec<&RoleDraft> = roles
        .iter()
        .filter(|r| {
            r.label
                .split_whitespace()
                .last()
                .is_some_and(|w| w.eq_ignore_ascii_case(head))
                && cx.actors.list[r.member].kind == ActorKind::Person
        })
        .collect();
    holders
        .iter()
        .find(|r| named.contains(&r.organisation))
        .or_else(|| holders.iter().rev().find(|r| r.evidence.0 < s))
        .or_else(|| holders.first())
        .map(|r| r.member)
}

/// True when the description `[s, e)` names a role and merely mentions an
/// organisation as a modifier ("the former Ashvale coach"): the organisation
/// is not the speaker.
pub(super) fn describes_person(cx: &Ctx, s: usize, e: usize) -> bool {
    let a = cx.a;
    e > s + 1
        && lexicon::ROLE_HEADS.contains(low(a, e - 1))
        && !matches!(low(a, e - 2), "of" | "for" | "at")
        && lexicon::DETERMINERS.contains(low(a, s))
}

/// "he added", "she went on": the last speaker (of a reporting claim within
/// three paragraphs) whose gender fits the pronoun subject `[s, s + 1)` of a
/// continuation cue.
pub(super) fn continued_speaker(
    cx: &Ctx,
    s: usize,
    lemma: &str,
    para: usize,
    prior: &[ClaimDraft],
) -> Option<usize> {
    let g = lexicon::pronoun_gender(low(cx.a, s))?;
    if !continuation(lemma) {
        return None;
    }
    prior
        .iter()
        .rev()
        .take_while(|c| c.paragraph + 3 >= para)
        .filter_map(|c| c.speaker)
        .find(|&x| {
            let ab = &cx.actors.list[x];
            ab.kind == ActorKind::Person && ab.gender.is_none_or(|ag: Gender| ag == g)
        })
}
