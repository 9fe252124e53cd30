//! Research sources: "the study", "the team", "the researchers" speak for the
//! body that led the work ("The research, led by the X Institute, ...";
//! "a study by X"; "X published analysis suggesting ...").

use super::Ctx;
use crate::annotate::actors::Actors;
use crate::annotate::drafts::MentionSet;
use crate::annotate::lexicon::DETERMINERS;
use crate::annotate::segment::Analysis;
use crate::annotate::words::low;
use crate::extraction::{ActorKind, MentionKind};

/// Nouns naming a piece of research or the people who did it.
fn research_noun(w: &str) -> bool {
    matches!(
        w,
        "study"
            | "studies"
            | "research"
            | "report"
            | "paper"
            | "analysis"
            | "survey"
            | "review"
            | "findings"
            | "team"
            | "researchers"
            | "scientists"
            | "authors"
    )
}

/// Verbs of publishing whose subject owns the work: "X published analysis".
fn publishing_verb(w: &str) -> bool {
    matches!(w, "published" | "released" | "issued" | "commissioned")
}

/// Where the article says who led a piece of research: (token of the research
/// noun, actor) for "research, led by X", "a study by X", "a report
/// commissioned by X", "researchers at X", "a team from X".
pub(super) fn research_leads(
    a: &Analysis,
    mentions: &MentionSet,
    actors: &Actors,
) -> Vec<(usize, usize)> {
    let n = a.tokens.len();
    let mut out = vec![];
    for t in 0..n {
        if !research_noun(low(a, t)) {
            continue;
        }
        // within a short window: [","] [led|conducted|carried out|commissioned] by|at|from NAME
        let mut j = t + 1;
        if j < n && a.tokens[j].is(",") {
            j += 1;
        }
        let mut verb = false;
        if j < n
            && matches!(
                low(a, j),
                "led" | "conducted" | "commissioned" | "funded" | "carried"
            )
        {
            verb = true;
            j += 1;
            if j < n && low(a, j) == "out" {
                j += 1;
            }
        }
        if j >= n || !matches!(low(a, j), "by" | "at" | "from") || verb && low(a, j) != "by" {
            continue;
        }
        j += 1;
        while j < n && DETERMINERS.contains(low(a, j)) {
            j += 1;
        }
        let owner = mentions
            .starting_at(j)
            .iter()
            .map(|&i| &mentions[i])
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Acronym))
            .filter_map(|m| m.actor)
            .find(|&x| actors.list[x].kind != ActorKind::Place);
        if let Some(x) = owner {
            out.push((t, x));
        }
    }
    out
}

/// The body a research source `[s, e)` of sentence `si` speaks for: "The team",
/// "The researchers", "a study published in the journal X" (the research
/// noun opens or closes the phrase, and no "by"/"at"/"from" names its owner
/// inside it), or "published analysis" after a subject that published it.
pub(super) fn research_body(cx: &Ctx, s: usize, e: usize, si: usize) -> Option<usize> {
    let a = cx.a;
    if e <= s || e - s > 12 {
        return None;
    }
    let mut first = s;
    while first < e && DETERMINERS.contains(low(a, first)) {
        first += 1;
    }
    let opens = first < e && research_noun(low(a, first));
    let closes = e - s <= 3 && research_noun(low(a, e - 1));
    if !(opens || closes) || (s..e).any(|j| matches!(low(a, j), "by" | "at" | "from")) {
        return None;
    }
    let ss = a.sentences[si].tok_start;
    if publishing_verb(low(a, s)) || s > ss && publishing_verb(low(a, s - 1)) {
        // "X published analysis on Tuesday suggesting", "X released a review
        // arguing": the subject of the verb
        return cx
            .mentions
            .inside(ss, s)
            .into_iter()
            .map(|i| &cx.mentions[i])
            .filter(|m| m.kind == MentionKind::Name && !m.possessive)
            .filter_map(|m| m.actor)
            .find(|&x| cx.actors.list[x].kind != ActorKind::Place);
    }
    if !DETERMINERS.contains(low(a, s)) {
        return None;
    }
    // the nearest lead stated before, else the first one after
    cx.leads
        .iter()
        .rev()
        .find(|(t, _)| *t < s)
        .or_else(|| cx.leads.iter().find(|(t, _)| *t >= e))
        .map(|&(_, x)| x)
}
