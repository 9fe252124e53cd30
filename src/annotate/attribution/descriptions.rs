//! Speakers named by a description or a pronoun that a plain recency search
//! gets wrong: "the former Leeds coach said", "the CEO elaborated" go to the
//! person who holds that role in the article (not to the club or the last
//! person named); "he added", "she went on" continue the last speaker of
//! matching gender.

use super::Ctx;
use crate::annotate::drafts::{ClaimDraft, RoleDraft};
use crate::annotate::lexicon::{self, Gender};
use crate::annotate::tokens::TokKind;
use crate::annotate::words::low;
use crate::extraction::{ActorKind, MentionKind};

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
            label_has_head(&r.label, head) && cx.actors.list[r.member].kind == ActorKind::Person
        })
        .collect();
    holders
        .iter()
        .find(|r| named.contains(&r.organisation))
        .or_else(|| holders.iter().rev().find(|r| r.evidence.0 < s))
        .or_else(|| holders.first())
        .map(|r| r.member)
        .or_else(|| titled_person(cx, head, s))
        .or_else(|| {
            // "the minister said" with no holder on record: the person last
            // named before it, never an actor called "minister"
            (first == "the")
                .then(|| {
                    cx.actors
                        .most_recent(s, |x| x.kind == ActorKind::Person && x.name.contains(' '))
                })
                .flatten()
        })
}

/// Whether a role label ("chief executive officer", "head coach") has the
/// head word `head` ("officer", "coach") or is spelt out by the abbreviation
/// `head` ("ceo" for "chief executive" or "chief executive officer").
fn label_has_head(label: &str, head: &str) -> bool {
    let words: Vec<String> = label
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "of" | "and" | "the" | "former" | "acting" | "interim"
            )
        })
        .collect();
    if words.last().is_some_and(|w| w == head) {
        return true;
    }
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    head.len() >= 2
        && head.chars().all(|c| c.is_ascii_lowercase())
        && (initials == head || format!("{initials}o") == head)
        && words.len() >= 2
}

/// The latest person named before token `s` with a title of this head word:
/// before the name ("Minister for Housing Idris Penwarden", "General manager
/// Jane Roe") or in an appositive after it ("Jane Roe, the site's general
/// manager,"). For roles that name no organisation, so no role records them.
fn titled_person(cx: &Ctx, head: &str, s: usize) -> Option<usize> {
    let a = cx.a;
    let title_word = |j: usize| {
        let t = &a.tokens[j];
        t.kind == TokKind::Word
            && (t.is_cap()
                || matches!(low(a, j), "of" | "for" | "and" | "the")
                || lexicon::ROLE_WORDS.contains(low(a, j))
                || lexicon::ROLE_HEADS.contains(low(a, j)))
    };
    cx.mentions
        .iter()
        .filter(|m| m.tok_start < s && m.kind == MentionKind::Name && !m.possessive)
        .filter(|m| {
            m.actor
                .is_some_and(|x| cx.actors.list[x].kind == ActorKind::Person)
        })
        .filter(|m| {
            let sent = a.tok_sent[m.tok_start];
            let (ss, se) = (a.sentences[sent].tok_start, a.sentences[sent].tok_end);
            // "Minister for Housing NAME": title words run back to the head
            let before = (m.tok_start.saturating_sub(5).max(ss)..m.tok_start)
                .rev()
                .take_while(|&j| title_word(j))
                .any(|j| low(a, j) == head);
            // "NAME, the general manager,": the head ends the appositive
            let after = m.tok_end + 2 < se
                && a.tokens[m.tok_end].is(",")
                && (m.tok_end + 1..(m.tok_end + 8).min(se))
                    .take_while(|&j| a.tokens[j].kind == TokKind::Word || low(a, j) == "'s")
                    .last()
                    .is_some_and(|j| low(a, j) == head);
            before || after
        })
        .max_by_key(|m| m.tok_start)
        .and_then(|m| m.actor)
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
