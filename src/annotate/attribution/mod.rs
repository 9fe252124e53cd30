//! Attribution: who said (thinks, wants, claims) what.
//!
//! A light rule parser over each sentence: cue verbs (with their verb group of
//! auxiliaries and adverbs) and "according to"; the subject noun phrase of the
//! cue (left of it, with appositives on either side, relative pronouns,
//! inverted "said X", gerunds taking the main-clause subject); the content
//! (complement clause up to the sentence end, or the quotation or clause
//! before "X said"); then direct quotations without a cue in their sentence
//! (continuations in the same paragraph, cue-less quote paragraphs continuing
//! the last speaker) and embedded social-media posts. Speakers resolve through the mentions and coreference.

mod adjuncts;
mod appositives;
mod colon;
mod cue;
mod descriptions;
mod embeds;
mod extent;
mod frames;
mod nesting;
mod passive;
mod phrases;
mod quotes;
mod research;
mod speaker;
mod verbal;

use self::cue::cue_claim;
use self::embeds::embedded_posts;
use self::frames::{according_to, as_put_it, headline_colon, in_document};
use self::nesting::{drop_nested, nested_pronoun_speakers};
use self::quotes::quote_pass;
use self::speaker::resolve_source;
use crate::annotate::actors::Actors;
use crate::annotate::drafts::{MentionSet, RoleDraft};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::extraction::{ClaimKind, MentionKind};
use std::collections::HashSet;

pub use crate::annotate::drafts::ClaimDraft;

struct Ctx<'a> {
    a: &'a Analysis,
    mentions: &'a mut MentionSet,
    actors: &'a mut Actors,
    roles: &'a [RoleDraft],
    /// Who led the research the article reports: see [`research::research_leads`].
    leads: Vec<(usize, usize)>,
}

/// Finds all claims.
pub fn find(
    a: &Analysis,
    mentions: &mut MentionSet,
    actors: &mut Actors,
    roles: &[RoleDraft],
) -> Vec<ClaimDraft> {
    let leads = research::research_leads(a, mentions, actors);
    let mut cx = Ctx {
        a,
        mentions,
        actors,
        roles,
        leads,
    };
    let mut claims: Vec<ClaimDraft> = vec![];
    for si in 0..a.sentences.len() {
        let s = &a.sentences[si];
        if a.furniture.get(s.paragraph).copied().unwrap_or(false) {
            continue;
        }
        let (ss, se) = (s.tok_start, s.tok_end);
        if let Some(c) = in_document(&mut cx, si) {
            claims.push(c);
        }
        if let Some(mut c) = headline_colon(a, si) {
            if let Some((s0, e0)) = c.source {
                let (sp, res) = resolve_source(&mut cx, s0, e0, None, si);
                c.speaker = sp;
                c.resolution = res;
            }
            claims.push(c);
        }
        let mut k = ss;
        while k < se {
            if a.tok_depth[k] > 0 || a.tokens[k].kind != TokKind::Word {
                k += 1;
                continue;
            }
            if a.tokens[k].lower == "according" && k + 1 < se && a.tokens[k + 1].lower == "to" {
                if let Some(c) = according_to(&mut cx, si, k, &claims) {
                    claims.push(c);
                }
                k += 2;
                continue;
            }
            if let Some(c) = as_put_it(&mut cx, si, k) {
                claims.push(c);
                k += 1;
                continue;
            }
            if let Some(c) = cue_claim(&mut cx, si, k, &claims) {
                claims.push(c);
            }
            k += 1;
        }
    }
    quote_pass(&mut cx, &mut claims);
    claims.sort_by_key(|c| (c.content.0, c.cue.map(|x| x.0).unwrap_or(0)));
    // drop duplicates of the same content
    let mut seen = HashSet::new();
    let mut out: Vec<ClaimDraft> = claims
        .into_iter()
        .filter(|c| seen.insert(c.content))
        .collect();
    for c in out.iter_mut() {
        finish_kind(a, c);
    }
    // embedded posts are direct claims of their account; they replace what
    // the sentence rules made of their text
    let posts = embedded_posts(&mut cx);
    if !posts.is_empty() {
        out.retain(|c| {
            !posts
                .iter()
                .any(|p| c.content.0 < p.content.1 && p.content.0 < c.content.1)
        });
        out.extend(posts);
        out.sort_by_key(|c| (c.content.0, c.cue.map(|x| x.0).unwrap_or(0)));
    }
    nested_pronoun_speakers(&mut cx, &mut out);
    let dropped = drop_nested(a, &mut out);
    // nominal mentions made only for the subjects of dropped claims ("the sites
    // listed ...") would surface as spurious actors
    let kept: HashSet<(usize, usize)> = out.iter().filter_map(|c| c.source).collect();
    for (s0, e0) in dropped {
        if kept.contains(&(s0, e0)) {
            continue;
        }
        for mi in cx.mentions.inside(s0, e0) {
            let m = &mut cx.mentions[mi];
            if m.kind == MentionKind::Nominal {
                m.actor = None;
            }
        }
    }
    out
}

fn finish_kind(a: &Analysis, c: &mut ClaimDraft) {
    let (s, e) = c.content;
    if e <= s {
        return;
    }
    let direct = a.is_open_quote(s)
        && a.quote_opened_at(s).is_some_and(|q| {
            let q = &a.quotes[q];
            q.last_tok() + 1 >= e
        });
    c.fragments = a.quotes_within(s, e).collect();
    if direct {
        c.kind = ClaimKind::Direct;
        c.fragments.clear();
    } else if !c.fragments.is_empty() {
        c.kind = ClaimKind::Mixed;
    } else {
        c.kind = ClaimKind::Indirect;
    }
}
