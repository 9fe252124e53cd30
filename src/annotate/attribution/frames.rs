//! Attribution frames without a cue verb: "according to X", "In a poll, ...",
//! headline colons ("NAME: statement").

use super::passive::{phrase_end, sourced_claim};
use super::Ctx;
use crate::annotate::drafts::ClaimDraft;
use crate::annotate::lexicon::{self, DETERMINERS, RELATIVES};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_word, low, title_case};
use crate::extraction::{ClaimKind, SpeakerResolution};

/// "According to X, ..." / "..., according to X."
pub(super) fn according_to(
    cx: &mut Ctx,
    si: usize,
    k: usize,
    _prior: &[ClaimDraft],
) -> Option<ClaimDraft> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    let src_s = k + 2;
    let mut src_e = phrase_end(a, src_s, se, 30, |j| low(a, j) != "that");
    if src_e == src_s {
        return None;
    }
    let clause_final = k > ss + 1;
    if clause_final && src_e + 1 < se && a.tokens[src_e].is(",") {
        // "..., according to NAME, a professor at X." : the appositive to the end
        let mut end = se;
        while end > src_e && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",")) {
            end -= 1;
        }
        let clean = (src_e + 1..end).all(|j| a.tokens[j].kind != TokKind::Quote)
            && end - src_e <= 30
            && end > src_e + 1
            && (DETERMINERS.contains(low(a, src_e + 1))
                || RELATIVES.contains(low(a, src_e + 1))
                || lexicon::ROLE_WORDS.contains(low(a, src_e + 1)));
        if clean {
            src_e = end;
        }
    }
    let mut end = se;
    while end > ss
        && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",") || a.tokens[end - 1].is(";"))
    {
        end -= 1;
    }
    let mut first = ss;
    while first < k
        && (a.tokens[first].kind == TokKind::Quote && !a.is_open_quote(first)
            || a.tokens[first].is("("))
    {
        first += 1;
    }
    let content = if k <= first + 1
        && (k == first || matches!(low(a, first), "but" | "and" | "yet" | "also"))
    {
        let mut c = src_e;
        while c < end && (a.tokens[c].is(",") || a.tokens[c].is(":")) {
            c += 1;
        }
        // the closing quote after a final stop belongs to the content
        let mut e = end;
        if e < se && a.is_close_quote(e) {
            e += 1;
        } else if e + 1 < se && a.tokens[e].is_final() && a.is_close_quote(e + 1) {
            e += 2;
        }
        (c, e)
    } else {
        let mut b = k;
        while b > ss
            && (a.tokens[b - 1].is(",")
                || a.tokens[b - 1].is("(")
                || a.tokens[b - 1].is("-")
                || a.tokens[b - 1].is("\u{2014}"))
        {
            b -= 1;
        }
        (ss, b)
    };
    if !(content.0..content.1).any(|i| is_word(a, i)) {
        return None;
    }
    let mut c = sourced_claim(
        cx,
        si,
        (src_s, src_e),
        (k, k + 2),
        "according to",
        content,
        0.85,
    );
    if c.speaker.is_none() {
        c.confidence = 0.4;
    }
    Some(c)
}

/// "In a Quinnipiac poll released Monday, 45 percent of voters ...": a sentence
/// opening with "In" and a poll or survey attributes the rest of the sentence
/// to it.
pub(super) fn in_document(cx: &mut Ctx, si: usize) -> Option<ClaimDraft> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    let k = (ss..se).find(|&j| a.tokens[j].kind != TokKind::Quote)?;
    if low(a, k) != "in"
        || !matches!(
            low(a, k + 1),
            "a" | "an" | "the" | "its" | "their" | "his" | "her"
        )
    {
        return None;
    }
    let comma = (k + 2..se.min(k + 20)).find(|&j| a.tokens[j].is(","))?;
    // polls and surveys: letters, books and videos usually carry their own speaker
    let doc_noun = |w: &str| matches!(w, "poll" | "polls" | "survey" | "surveys");
    // the document noun heads the phrase (possibly followed by a participle: "released Monday")
    let head = (k + 2..comma).find(|&j| doc_noun(low(a, j)))?;
    if (k + 2..head).any(|j| !is_word(a, j) && !a.tokens[j].is("-") && !a.tokens[j].is("/")) {
        return None;
    }
    let mut end = se;
    while end > comma + 1 && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",")) {
        end -= 1;
    }
    if !(comma + 1..end).any(|j| is_word(a, j)) {
        return None;
    }
    Some(sourced_claim(
        cx,
        si,
        (k + 1, comma),
        (k, k + 1),
        "in",
        (comma + 1, end),
        0.6,
    ))
}

/// Headline attributions: "Paul Ryan: FBI decision defies explanation".
pub(super) fn headline_colon(a: &Analysis, si: usize) -> Option<ClaimDraft> {
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    let para = sent.paragraph;
    let pe = a.para_tok.get(para + 1).copied().unwrap_or(se);
    let headline = para == 0 || pe == 0 || !a.tokens[pe - 1].is_final();

    if !headline || !a.tokens[ss].is_cap() {
        return None;
    }
    let c = (ss..se.min(ss + 7)).find(|&j| a.tokens[j].is(":"))?;
    if c == ss
        || (ss..c).any(|j| {
            !is_word(a, j) && a.tokens[j].lower != "'s"
                || lexicon::cue_verb(low(a, j)).is_some()
                    && (!a.tokens[j].is_cap() || title_case(a, ss, se))
        })
    {
        return None;
    }
    let mut end = se;
    while end > c + 1 && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",")) {
        end -= 1;
    }
    if (c + 1..end).filter(|&j| is_word(a, j)).count() < 3 {
        return None;
    }
    Some(ClaimDraft {
        kind: ClaimKind::Indirect,
        speaker: None,
        source: Some((ss, c)),
        cue: Some((c, c + 1)),
        cue_lemma: Some(":".into()),
        content: (c + 1, end),
        fragments: vec![],
        addressee: None,
        paragraph: para,
        resolution: SpeakerResolution::Unknown,
        confidence: 0.5,
    })
}

/// "As the deputy leader, Jane Roe, put it, 'every pound ...'" and "...,
/// as Roe put it.": the words "put it" cue the sentence's other clause.
pub(super) fn as_put_it(cx: &mut Ctx, si: usize, k: usize) -> Option<ClaimDraft> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    if low(a, k) != "as" {
        return None;
    }
    let put = (k + 2..se.min(k + 12)).find(|&j| low(a, j) == "put" && low(a, j + 1) == "it")?;
    // the source is a noun phrase with its appositive: no verb, no quotation
    if (k + 1..put).any(|j| {
        a.tokens[j].kind == TokKind::Quote && a.tok_quote[j].is_some()
            || lexicon::cue_verb(low(a, j)).is_some()
            || lexicon::AUXILIARIES.contains(low(a, j))
    }) {
        return None;
    }
    let mut src_e = put;
    while src_e > k + 1 && a.tokens[src_e - 1].is(",") {
        src_e -= 1;
    }
    let first = (ss..se).find(|&j| a.tokens[j].kind != TokKind::Quote || a.is_open_quote(j))?;
    let mut end = se;
    while end > ss && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",")) {
        end -= 1;
    }
    let content = if k == first {
        // "As X put it [outside court], CONTENT."
        let comma = (put + 2..end).find(|&j| a.tokens[j].is(",") || a.tokens[j].is(":"))?;
        let mut e = end;
        if e < se && a.is_close_quote(e) {
            e += 1;
        } else if e + 1 < se && a.tokens[e].is_final() && a.is_close_quote(e + 1) {
            e += 2;
        }
        (comma + 1, e)
    } else {
        // "CONTENT, as X put it."
        if put + 2 < end || k == ss || !a.tokens[k - 1].is(",") {
            return None;
        }
        (first, k - 1)
    };
    if !(content.0..content.1).any(|i| is_word(a, i)) {
        return None;
    }
    Some(sourced_claim(
        cx,
        si,
        (k + 1, src_e),
        (put, put + 2),
        "put",
        content,
        0.8,
    ))
}
