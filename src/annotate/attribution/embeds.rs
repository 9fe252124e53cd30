//! Embedded social-media posts as a page renders them: the post's text, then a
//! signature line "— Jane Roe (@janeroe) October 6, 2024". The text is a
//! direct claim of the account holder named in the signature.

use super::Ctx;
use crate::annotate::drafts::{ClaimDraft, RawMention};
use crate::annotate::lexicon;
use crate::annotate::tokens::TokKind;
use crate::extraction::{ActorKind, ClaimKind, MentionKind, SpeakerResolution};

/// Claims of the embedded posts in the document.
pub(super) fn embedded_posts(cx: &mut Ctx) -> Vec<ClaimDraft> {
    let a = cx.a;
    let mut out = vec![];
    for k in 0..a.tokens.len() {
        let Some(name_end) = signature_at(cx, k) else {
            continue;
        };
        let para = a.tok_para[k];
        let para_start = a.para_tok[para];
        // the text is the paragraph's lines before the signature, or the
        // paragraph before when the signature stands alone
        let (cs, ce, cpara) = if para_start < k {
            (para_start, k, para)
        } else if para > 0 {
            (a.para_tok[para - 1], k, para - 1)
        } else {
            continue;
        };
        if ce <= cs || a.furniture.get(cpara).copied().unwrap_or(false) {
            continue;
        }
        let speaker = cx
            .mentions
            .inside(k + 1, name_end)
            .into_iter()
            .map(|i| &cx.mentions[i])
            .filter(|m| {
                matches!(
                    m.kind,
                    MentionKind::Name | MentionKind::PartialName | MentionKind::Acronym
                )
            })
            .find_map(|m| m.actor)
            .or_else(|| account_actor(cx, k + 1, name_end));
        out.push(ClaimDraft {
            kind: ClaimKind::Direct,
            speaker,
            source: Some((k + 1, name_end)),
            cue: None,
            cue_lemma: None,
            content: (cs, ce),
            fragments: vec![],
            addressee: None,
            paragraph: cpara,
            resolution: if speaker.is_some() {
                SpeakerResolution::Explicit
            } else {
                SpeakerResolution::Unknown
            },
            confidence: 0.8,
        });
    }
    out
}

/// The account holder named by the signature tokens `[s, e)` when no mention
/// covers them: capitalised words make a name (a person when the first is a
/// given name), with a name mention.
fn account_actor(cx: &mut Ctx, s: usize, e: usize) -> Option<usize> {
    let a = cx.a;
    if !(s..e).all(|j| {
        a.tokens[j].is_word() && (a.tokens[j].is_cap() || a.tokens[j].kind == TokKind::Num)
    }) {
        return None;
    }
    let name = a.tok_text(s, e);
    let kind = if e > s + 1 && lexicon::is_given_name(&a.tokens[s].lower) {
        ActorKind::Person
    } else {
        ActorKind::Unknown
    };
    let x = cx.actors.get_or_create(&name, kind, false);
    let mi = cx.mentions.push(RawMention {
        tok_start: s,
        tok_end: e,
        kind: MentionKind::Name,
        actor_kind: kind,
        strong_kind: false,
        alias_of: None,
        group_of: None,
        possessive: false,
        actor: Some(x),
    });
    cx.actors.list[x].mentions.push(mi);
    Some(x)
}

/// When token `k` is the dash opening a post signature at the start of a line
/// ("— Name (@handle) Month D, YYYY"), the end of the name (the "(" token).
fn signature_at(cx: &Ctx, k: usize) -> Option<usize> {
    let a = cx.a;
    let t = &a.tokens[k];
    if !matches!(t.text.as_str(), "—" | "–" | "-" | "--") {
        return None;
    }
    let line_start = t.start == 0 || a.chars.get(t.start - 1) == Some(&'\n');
    if !line_start {
        return None;
    }
    let para = a.tok_para[k];
    let same_line = |j: usize| {
        j < a.tokens.len()
            && a.tok_para[j] == para
            && !a.chars[a.tokens[k].end..a.tokens[j].start].contains(&'\n')
    };
    // the name runs to "(" and a handle follows it
    let mut j = k + 1;
    while same_line(j) && j < k + 8 && !a.tokens[j].is("(") {
        j += 1;
    }
    if j == k + 1 || !same_line(j) || !a.tokens[j].is("(") {
        return None;
    }
    let handle = same_line(j + 1) && a.tokens[j + 1].text.starts_with('@');
    handle.then_some(j)
}
