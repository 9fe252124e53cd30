//! Passive cues with an agent ("the bill, opposed by X"), and claims whose source
//! span is already known.

use super::phrases::np_left;
use super::speaker::resolve_source;
use super::Ctx;
use crate::annotate::drafts::ClaimDraft;
use crate::annotate::lexicon::{self, ADVERBS, DETERMINERS, RELATIVES, SUBORDINATORS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{abbreviation_dot, is_ly_adverb, is_word, low};
use crate::extraction::ClaimKind;

/// A passive cue with its agent: "the bill, opposed by House Republicans,",
/// "Trump was attacked by Clinton for ...": the agent after "by" is the source
/// and the noun phrase the verb is predicated of is the content.
pub(super) fn passive_claim(
    cx: &mut Ctx,
    si: usize,
    k: usize,
    words: usize,
    cv: &lexicon::CueVerb,
) -> Option<ClaimDraft> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    let form = low(a, k);
    let participle = form.ends_with("ed")
        || matches!(
            form,
            "written"
                | "shown"
                | "seen"
                | "told"
                | "thought"
                | "said"
                | "known"
                | "sought"
                | "found"
                | "held"
                | "made"
                | "given"
                | "taken"
                | "backed"
        );
    // acts rather than statements ("the sites listed by X", "named by")
    let act = matches!(
        cv.lemma,
        "list"
            | "name"
            | "sign"
            | "release"
            | "issue"
            | "hire"
            | "appoint"
            | "nominate"
            | "identify"
            | "share"
            | "authorize"
            | "post"
            | "order"
            | "offer"
            | "find"
            | "show"
    );
    if !participle || act || k == ss || a.tokens[k].is_cap() {
        return None;
    }
    let mut j = k + words;
    while j < se && is_ly_adverb(a, j) {
        j += 1;
    }
    if low(a, j) != "by" {
        return None;
    }
    // the agent noun phrase
    let src_s = j + 1;
    let mut src_e = phrase_end(a, src_s, se, 16, |j| {
        let w = low(a, j);
        let clause_word = SUBORDINATORS.contains(w) && w != "and" || RELATIVES.contains(w);
        let preposition = j != src_s && lexicon::PREPOSITIONS.contains(w) && w != "of";
        !(clause_word || preposition || w.ends_with("ing"))
    });
    while src_e > src_s && matches!(low(a, src_e - 1), "and" | "of" | "the" | "a") {
        src_e -= 1;
    }
    if src_e == src_s
        || !a.tokens[src_s].is_cap()
            && !DETERMINERS.contains(low(a, src_s))
            && !lexicon::ACTOR_NOUNS.contains(low(a, src_e - 1))
            && !lexicon::ROLE_WORDS.contains(low(a, src_e - 1))
    {
        return None;
    }
    // the patient: the noun phrase before the auxiliaries / the comma
    let mut b = k;
    while b > ss
        && (matches!(
            low(a, b - 1),
            "is" | "are"
                | "was"
                | "were"
                | "been"
                | "be"
                | "being"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
        ) || is_ly_adverb(a, b - 1)
            || ADVERBS.contains(low(a, b - 1)))
    {
        b -= 1;
    }
    let aux = b < k;
    let mut c_end = b;
    while c_end > ss && a.tokens[c_end - 1].is(",") {
        c_end -= 1;
    }
    if !aux && c_end == b {
        // a reduced relative needs its comma: "the bill, opposed by House Republicans,"
        return None;
    }
    let content = np_left(a, ss, c_end)?;
    // a relative pronoun or an anaphor ("This argument has been dismissed by X")
    // says nothing on its own
    if RELATIVES.contains(low(a, content.0))
        || matches!(
            low(a, content.0),
            "this" | "that" | "these" | "those" | "it"
        )
        || (content.0..content.1)
            .any(|j| lexicon::PREPOSITIONS.contains(low(a, j)) && low(a, j) != "of")
    {
        return None;
    }
    let cue = (if aux { b } else { k }, k + words);
    Some(sourced_claim(
        cx,
        si,
        (src_s, src_e),
        cue,
        cv.lemma,
        content,
        0.6,
    ))
}

/// An indirect claim whose source span `src` is resolved to a speaker here.
pub(super) fn sourced_claim(
    cx: &mut Ctx,
    si: usize,
    src: (usize, usize),
    cue: (usize, usize),
    lemma: &str,
    content: (usize, usize),
    confidence: f32,
) -> ClaimDraft {
    let (speaker, resolution) = resolve_source(cx, src.0, src.1, None, si);
    ClaimDraft {
        kind: ClaimKind::Indirect,
        speaker,
        source: Some(src),
        cue: Some(cue),
        cue_lemma: Some(lemma.to_string()),
        content,
        fragments: vec![],
        addressee: None,
        paragraph: cx.a.tok_para[content.0],
        resolution,
        confidence,
    }
}

/// The end of a noun phrase starting at `s`: words accepted by `word_ok` and the
/// glue inside names ("'s", hyphens, "&", "CNN/ORC", abbreviation dots,
/// possessive apostrophes), at most `max` tokens.
pub(super) fn phrase_end(
    a: &Analysis,
    s: usize,
    se: usize,
    max: usize,
    word_ok: impl Fn(usize) -> bool,
) -> usize {
    let mut e = s;
    while e < se && e < s + max {
        let t = &a.tokens[e];
        let ok = if is_word(a, e) {
            word_ok(e)
        } else {
            t.lower == "'s"
                || t.is("-")
                || t.is("&")
                || t.is("/") && e + 1 < se && is_word(a, e + 1)
                || t.kind == TokKind::Quote
                    && a.tok_quote[e].is_none()
                    && e > s
                    && a.tokens[e - 1].end == t.start
                    && a.tokens[e - 1].lower.ends_with('s')
                || t.is(".") && e > s && abbreviation_dot(a, e, se)
        };
        if !ok {
            break;
        }
        e += 1;
    }
    e
}
