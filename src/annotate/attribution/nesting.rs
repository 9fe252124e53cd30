//! Claims inside claims: news attribution does not nest ("X said he believes Y"
//! is one claim), while coordinated and subordinate clauses with their own speaker
//! end the outer content; pronoun subjects of nested cues take the outer speaker.

use super::verbal::reporting_class;
use super::Ctx;
use crate::annotate::drafts::{ClaimDraft, CLAIM_WINDOW};
use crate::annotate::lexicon::{self, RELATIVES};
use crate::annotate::segment::Analysis;
use crate::annotate::words::{is_ly_adverb, is_word, low};
use crate::extraction::{ActorKind, MentionKind, SpeakerResolution};
use std::collections::HashMap;

/// News attribution annotation (PolNeAR, PARC) does not nest: "X said he
/// believes Y" is one attribution whose content holds "he believes Y". A claim
/// whose cue lies inside the content of another claim cued in the same
/// sentence is dropped; the outer claim keeps the whole content.
pub(super) fn drop_nested(a: &Analysis, claims: &mut Vec<ClaimDraft>) -> Vec<(usize, usize)> {
    // a coordinated or subordinate clause of its own ("..., but officials said",
    // "while Cruz said", "who said") is not nested: it ends the outer content
    let boundary = |c: &ClaimDraft| -> Option<usize> {
        let (s0, _) = c.source?;
        // a non-restrictive relative clause ("the terms - which state that ...")
        if RELATIVES.contains(low(a, s0))
            && s0 > 0
            && (a.tokens[s0 - 1].is(",")
                || a.tokens[s0 - 1].is("-")
                || a.tokens[s0 - 1].is("\u{2014}")
                || a.tokens[s0 - 1].is("("))
        {
            return Some(s0 - 1);
        }
        let mut b = s0;
        while b > 0 && (lexicon::ADVERBS.contains(low(a, b - 1)) || is_ly_adverb(a, b - 1)) {
            b -= 1;
        }
        // "...: “France is no longer France,” he claimed": the quotation before the
        // inner speaker is its own content
        let mut q = b;
        while q > 0 && a.tokens[q - 1].is(",") {
            q -= 1;
        }
        if q > 0 && a.is_close_quote(q - 1) {
            if let Some(qi) = a.quote_closed_at(q - 1) {
                return Some(a.quotes[qi].open);
            }
        }
        // "Although he acknowledged X, he maintained Y": the main clause after the
        // comma closing a sentence-initial subordinate clause
        let ss = a.sentences[a.tok_sent[s0]].tok_start;
        let first = (ss..s0).find(|&j| is_word(a, j));
        if b > 0
            && a.tokens[b - 1].is(",")
            && first.is_some_and(|f| {
                matches!(
                    low(a, f),
                    "although"
                        | "though"
                        | "while"
                        | "when"
                        | "if"
                        | "because"
                        | "as"
                        | "after"
                        | "before"
                        | "since"
                        | "until"
                        | "whereas"
                        | "unless"
                        | "once"
                ) || low(a, f).ends_with("ed") && a.tokens[f].is_cap()
                    || low(a, f).ends_with("ing") && a.tokens[f].is_cap()
            })
        {
            return Some(b - 1);
        }
        (b > 0
            && (matches!(
                low(a, b - 1),
                "but"
                    | "while"
                    | "and"
                    | "whereas"
                    | "although"
                    | "though"
                    | "as"
                    | "when"
                    | "after"
                    | "before"
                    | "because"
                    | "since"
                    | "until"
                    | "yet"
                    | "so"
                    | ";"
                    | ":"
                    | "if"
            )))
        .then(|| b - 1)
    };
    let mut cut: Vec<(usize, usize)> = vec![];
    // claims by the sentence of their cue, and cue starts by source span
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut cues_of_source: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some((os, _)) = c.cue {
            by_sentence.entry(a.tok_sent[os]).or_default().push(i);
            if let Some(src) = c.source {
                cues_of_source.entry(src).or_default().push(os);
            }
        }
    }
    let inner: Vec<bool> = claims
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let Some((cs, _)) = c.cue else { return false };
            if c.cue_lemma.as_deref() == Some("according to") {
                return false;
            }
            // "X chanted Y, the Tribune reports": a clause-final cue wraps what
            // precedes it rather than nesting in it
            let wraps = c.content.1 <= cs;
            // a second cue sharing an earlier subject: "X tweeting that ... and asking"
            let coordinated = c.source.is_some_and(|(s0, _)| s0 < cs)
                && cs > 0
                && matches!(low(a, cs - 1), "and" | ",")
                && c.source.is_some_and(|src| {
                    cues_of_source
                        .get(&src)
                        .is_some_and(|v| v.iter().any(|&os| os < cs))
                });
            let bound = if wraps {
                c.source.map(|(s0, _)| s0)
            } else if coordinated {
                Some(cs - 1)
            } else {
                boundary(c)
            };
            let mut nested = false;
            let same_sentence = by_sentence
                .get(&a.tok_sent[cs])
                .map_or(&[][..], Vec::as_slice);
            for &oi in same_sentence {
                let o = &claims[oi];
                let reporting = o
                    .cue_lemma
                    .as_deref()
                    .and_then(lexicon::cue_verb)
                    .is_some_and(|v| reporting_class(v.class));
                let same_sentence_before = o
                    .cue
                    .is_some_and(|(os, _)| a.tok_sent[os] == a.tok_sent[cs] && os < cs);
                let inside = o.content.0 <= cs && cs < o.content.1;
                // a relative clause ("X, who calls Y a liar, said ...") ends at its comma
                let relative_outer = o
                    .source
                    .is_some_and(|(os, _)| RELATIVES.contains(low(a, os)));
                if oi == ci || !(reporting && same_sentence_before && inside) || relative_outer {
                    continue;
                }
                match bound {
                    Some(b) if b > o.content.0 => cut.push((oi, b)),
                    _ => nested = true,
                }
            }
            nested
        })
        .collect();
    for (oi, b) in cut {
        let mut e = b;
        while e > claims[oi].content.0 + 1 && (a.tokens[e - 1].is(",") || a.tokens[e - 1].is(";")) {
            e -= 1;
        }
        if e < claims[oi].content.1 {
            claims[oi].content.1 = e;
        }
    }
    let dropped: Vec<(usize, usize)> = claims
        .iter()
        .zip(&inner)
        .filter(|(_, n)| **n)
        .filter_map(|(c, _)| c.source)
        .collect();
    let mut i = 0;
    claims.retain(|_| {
        i += 1;
        !inner[i - 1]
    });
    dropped
}

/// "X said that he/they ...": a pronoun subject of a claim nested in another
/// claim's content refers to the outer speaker when compatible.
pub(super) fn nested_pronoun_speakers(cx: &mut Ctx, claims: &mut [ClaimDraft]) {
    let a = cx.a;
    for i in 0..claims.len() {
        let Some((s, e)) = claims[i].source else {
            continue;
        };
        if e != s + 1 {
            continue;
        }
        let w = low(a, s).to_string();
        if !matches!(w.as_str(), "he" | "she" | "they" | "it") {
            continue;
        }
        let Some(cue) = claims[i].cue else { continue };
        // claims are sorted by content start: the holders start among the last few before the cue
        let end = claims.partition_point(|o| o.content.0 <= cue.0);
        let outer = (end.saturating_sub(CLAIM_WINDOW)..end)
            .map(|j| (j, &claims[j]))
            .filter(|(j, o)| *j != i && cue.1 <= o.content.1 && o.speaker.is_some())
            .min_by_key(|(_, o)| o.content.1 - o.content.0)
            .and_then(|(_, o)| o.speaker);
        let Some(sp) = outer else { continue };
        let k = cx.actors.list[sp].kind;
        let ok = match w.as_str() {
            "he" | "she" => {
                k == ActorKind::Person
                    && cx.actors.list[sp]
                        .gender
                        .is_none_or(|g| Some(g) == lexicon::pronoun_gender(&w))
            }
            "they" => matches!(
                k,
                ActorKind::Group | ActorKind::Organisation | ActorKind::Person | ActorKind::Outlet
            ),
            _ => matches!(
                k,
                ActorKind::Organisation
                    | ActorKind::Group
                    | ActorKind::Outlet
                    | ActorKind::Campaign
            ),
        };
        if ok {
            claims[i].speaker = Some(sp);
            claims[i].resolution = SpeakerResolution::Coreference;
            for mi in cx.mentions.starting_at(s).to_vec() {
                if cx.mentions[mi].kind == MentionKind::Pronoun {
                    cx.mentions[mi].actor = Some(sp);
                }
            }
        }
    }
}
