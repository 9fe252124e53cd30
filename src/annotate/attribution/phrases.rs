//! Noun phrases around a cue: the subject to the left, an inverted subject to the
//! right, the main-clause subject, the addressee after "tell".

use super::appositives::is_role_phrase;
use super::verbal::verb_like;
use crate::annotate::lexicon::{self, ADVERBS, AUXILIARIES, DETERMINERS, RELATIVES, SUBORDINATORS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{abbreviation_dot, is_ly_adverb, is_word, low};

/// Subject noun phrase ending right before `vg` (no comma directly before).
pub(super) fn np_left(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
    let mut s = vg;
    // a parenthetical right before the verb: "Gov. Phil Bryant (R) said"
    if s > ss + 1 && a.tokens[s - 1].is(")") {
        if let Some(o) = (ss..s - 1).rev().take(12).find(|&j| a.tokens[j].is("(")) {
            s = o;
        }
    }
    loop {
        if s > ss + 1 && s < vg && a.tokens[s - 1].is(")") {
            // a parenthetical inside the subject: "Dianne Feinstein (D-Calif.) last week said"
            if let Some(o) = (ss..s - 1).rev().take(12).find(|&j| a.tokens[j].is("(")) {
                s = o;
                continue;
            }
        }
        if s > ss && !np_stop(a, s - 1) && vg - s < 14 {
            s -= 1;
            continue;
        }
        break;
    }
    // "and": keep only between names ("Smith and Jones")
    while s < vg
        && (low(a, s) == "and"
            || lexicon::PREPOSITIONS.contains(low(a, s))
                && !a.tokens[s].is_cap()
                && !(low(a, s) == "at" && matches!(low(a, s + 1), "least" | "most"))
                && !(matches!(low(a, s), "about" | "around" | "over" | "under")
                    && s + 1 < vg
                    && (a.tokens[s + 1].kind == TokKind::Num
                        || matches!(low(a, s + 1), "half" | "a" | "one" | "two" | "three"))))
    {
        s += 1;
    }
    // "More than half of respondents", "as many as three-fourths of them"
    let quantity = |i: usize| {
        a.tokens[i].kind == TokKind::Num
            || matches!(
                low(a, i),
                "half"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "a"
                    | "twice"
                    | "nearly"
                    | "a third"
                    | "two-thirds"
            )
            || low(a, i).contains("-third")
            || low(a, i).contains("-fourth")
    };
    if s >= ss + 2
        && s < vg
        && quantity(s)
        && low(a, s - 1) == "than"
        && matches!(low(a, s - 2), "more" | "fewer" | "less")
    {
        s -= 2;
    } else if s >= ss + 3
        && s < vg
        && quantity(s)
        && low(a, s - 1) == "as"
        && matches!(low(a, s - 2), "many" | "much")
        && low(a, s - 3) == "as"
    {
        s -= 3;
    }
    // drop a leading prepositional phrase ("On Tuesday the senator")
    if s < vg {
        let mut cut = None;
        for j in s..vg {
            if low(a, j) == "and"
                && !(j > s && a.tokens[j - 1].is_cap() && j + 1 < vg && a.tokens[j + 1].is_cap())
                && !(j > s
                    && j + 1 < vg
                    && (a.tokens[j - 1].is_cap()
                        || matches!(low(a, j - 1), "she" | "he" | "they" | "we" | "i"))
                    && (DETERMINERS.contains(low(a, j + 1))
                        || matches!(
                            low(a, j + 1),
                            "other" | "others" | "former" | "many" | "some" | "several" | "even"
                        )))
                && !(j > s
                    && lexicon::ROLE_WORDS.contains(low(a, j - 1))
                    && lexicon::ROLE_WORDS.contains(low(a, j + 1)))
                && !np_conjunction(a, s, j, vg)
            {
                cut = Some(j + 1);
            }
        }
        if let Some(c) = cut {
            s = c;
        }
    }
    if s >= vg {
        return None;
    }
    // a time phrase right before the verb: "Smith on Tuesday said"
    let mut e = vg;
    if let Some(p) = (s + 1..e).rev().take(4).find(|&j| {
        matches!(
            low(a, j),
            "on" | "last" | "this" | "late" | "early" | "earlier" | "later"
        ) && (j + 1..e).all(|k| {
            lexicon::TIME_WORDS.contains(low(a, k))
                || matches!(
                    low(a, k),
                    "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                        | "week"
                        | "month"
                        | "year"
                        | "day"
                        | "weekend"
                        | "the"
                        | "in"
                        | "this"
                )
        }) && j + 1 < e
    }) {
        e = p;
    }
    // "Mayor Don Guardian in a telephone interview said", "France in particular"
    if let Some(p) = (s + 1..e).find(|&j| {
        matches!(low(a, j), "in" | "on" | "during" | "at")
            && (a.tokens[j - 1].is_cap() || matches!(low(a, j + 1), "particular" | "general"))
            && (matches!(low(a, j + 1), "a" | "an" | "particular" | "general")
                || low(a, j) == "during")
    }) {
        e = p;
    }
    // "Anthony Anton, president and CEO of X said": the name before the comma
    if s > ss + 1 && a.tokens[s - 1].is(",") && is_role_phrase(a, s, e) {
        let mut b = s - 1;
        while b > ss && is_word(a, b - 1) && a.tokens[b - 1].is_cap() && s - b < 5 {
            b -= 1;
        }
        if b < s - 1
            && (b == ss || !is_word(a, b - 1))
            && !lexicon::PREPOSITIONS.contains(low(a, b))
            && !(b..s - 1).any(|j| lexicon::TIME_WORDS.contains(low(a, j)))
        {
            s = b;
        }
    }
    if s >= e || !(s..e).any(|i| is_word(a, i)) {
        return None;
    }
    Some((s, e))
}

/// Noun phrase to the right of `i` (inverted subject): up to a comma or the sentence end.
pub(super) fn np_right(a: &Analysis, i: usize, se: usize) -> (usize, usize) {
    let mut e = i;
    while e < se
        && (is_word(a, e)
            || a.tokens[e].lower == "'s"
            || a.tokens[e].is("-")
            || a.tokens[e].is(".") && e > i && abbreviation_dot(a, e, se)
            || a.tokens[e].is("/") && e > i && e + 1 < se && is_word(a, e + 1))
    {
        if e > i && (SUBORDINATORS.contains(low(a, e)) && low(a, e) != "and" || low(a, e) == "that")
        {
            break;
        }
        e += 1;
        if e - i > 12 {
            break;
        }
    }
    // appositives and relative clauses after the name: to the sentence end, or to a
    // comma before a quotation / a participle ("..., adding ...")
    if e < se && a.tokens[e].is(",") && e + 1 < se && is_word(a, e + 1) {
        let mut j = e + 1;
        let mut stop = None;
        while j < se {
            let t = &a.tokens[j];
            if t.is_final() && (j + 1 >= se || !is_word(a, j + 1)) {
                break;
            }
            if t.kind == TokKind::Quote && a.is_open_quote(j) {
                stop = Some(j);
                break;
            }
            if t.is(",")
                && (a
                    .tokens
                    .get(j + 1)
                    .is_some_and(|n| n.kind == TokKind::Quote)
                    || low(a, j + 1).ends_with("ing")
                    || matches!(low(a, j + 1), "and" | "but" | "according"))
            {
                stop = Some(j + 1);
                break;
            }
            j += 1;
        }
        let end = stop.unwrap_or(j);
        if end > e + 1 && end - e <= 40 {
            e = end;
        }
    }
    (i, e)
}

/// Stop words for a leftward noun-phrase walk.
pub(super) fn np_stop(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    if t.kind == TokKind::Quote
        && a.tok_quote[i].is_none()
        && i > 0
        && a.tokens[i - 1].end == t.start
        && a.tokens[i - 1].lower.ends_with('s')
    {
        return false; // possessive apostrophe (Sanders’ aides)
    }
    if t.is("/")
        && i > 0
        && a.tokens[i - 1].end == t.start
        && a.tokens
            .get(i + 1)
            .is_some_and(|n| n.start == t.end && n.kind == TokKind::Word)
    {
        return false; // "a CNN/ORC poll"
    }
    if t.is("-")
        && i > 0
        && (a.tokens[i - 1].end < t.start || a.tokens.get(i + 1).is_some_and(|n| n.start > t.end))
    {
        return true; // a spaced dash ends the phrase: "performance - Mr. Biden"
    }
    if !(t.kind == TokKind::Word
        || t.kind == TokKind::Num
        || t.kind == TokKind::Hashtag
        || t.kind == TokKind::Handle
        || t.is("-")
        || t.is("&")
        || t.is("."))
    {
        return true;
    }
    // a finite past-tense verb after a subject: "the KGB planted", "Activists engaged"
    if t.kind == TokKind::Word
        && !t.is_cap()
        && t.lower.ends_with("ed")
        && t.lower.len() > 4
        && i > 0
    {
        let mut p = i - 1;
        while p > 0 && is_ly_adverb(a, p) {
            p -= 1;
        }
        let pt = &a.tokens[p];
        if pt.kind == TokKind::Word
            && !DETERMINERS.contains(pt.lower.as_str())
            && !matches!(
                pt.lower.as_str(),
                "some" | "many" | "several" | "most" | "few"
            )
            && (pt.is_cap()
                || lexicon::SUBJECT_PRONOUNS.contains(pt.lower.as_str())
                || pt.lower.ends_with('s') && pt.lower != "'s" && !pt.lower.ends_with("ss"))
        {
            return true;
        }
    }
    if t.is(".") {
        // only inside abbreviations like "Sen." / "Mr."
        return !(i > 0
            && a.tokens[i - 1].end == t.start
            && a.tokens[i - 1].text.chars().count() <= 4
            && a.tokens[i - 1].is_cap());
    }
    let w = t.lower.as_str();
    // common irregular verbs: "speakers took turns urging", "Sanders sent a text saying"
    if !t.is_cap()
        && matches!(
            w,
            "took"
                | "went"
                | "began"
                | "sent"
                | "made"
                | "gave"
                | "spent"
                | "came"
                | "got"
                | "kept"
                | "held"
                | "left"
                | "brought"
                | "ran"
                | "won"
                | "lost"
                | "met"
                | "stood"
                | "led"
                | "paid"
                | "sat"
                | "struck"
                | "drew"
                | "threw"
                | "chose"
                | "broke"
                | "rose"
                | "fell"
                | "became"
                | "fought"
                | "bought"
                | "caught"
                | "heard"
                | "saw"
                | "takes"
                | "goes"
                | "begins"
                | "sends"
                | "makes"
                | "gives"
                | "spends"
                | "comes"
                | "gets"
                | "keeps"
                | "holds"
                | "leaves"
                | "brings"
                | "runs"
                | "wins"
                | "meets"
                | "leads"
                | "becomes"
                | "does"
                | "did"
                | "has"
                | "had"
        )
    {
        return true;
    }
    (SUBORDINATORS.contains(w) && w != "and")
        || RELATIVES.contains(w)
        || (AUXILIARIES.contains(w) && w != "'s")
        || lexicon::cue_verb(w).is_some() && !t.is_cap() && !lexicon::noun_like_cue(w)
        || matches!(
            w,
            "there" | "here" | "not" | "n't" | "if" | "is" | "are" | "was" | "were"
        )
}

/// Whether the "and" at `j` joins two noun phrases of one subject ("union
/// members and leaders", "Liberal and conservative economists") rather than two
/// clauses: a short left conjunct with no verb-like word, and no pronoun after.
pub(super) fn np_conjunction(a: &Analysis, s: usize, j: usize, vg: usize) -> bool {
    if j == s || j + 1 >= vg || j - s > 4 {
        return false;
    }
    let next = low(a, j + 1);
    if lexicon::SUBJECT_PRONOUNS.contains(next) || RELATIVES.contains(next) {
        return false;
    }
    (s..j).all(|i| {
        let t = &a.tokens[i];
        let w = t.lower.as_str();
        t.is_cap()
            || t.kind == TokKind::Num
            || DETERMINERS.contains(w)
            || w == "'s"
            || w == "\u{2019}s"
            || !verb_like(w)
    })
}

/// The subject after a clause-final cue ("..., said Lee Epstein, a professor."):
/// a name or a role noun phrase that runs to the sentence end or to a comma.
pub(super) fn inverted_subject(a: &Analysis, i: usize, se: usize) -> Option<(usize, usize)> {
    if i >= se || a.tokens[i].kind != TokKind::Word {
        return None;
    }
    let w = low(a, i);
    let starts_np = a.tokens[i].is_cap() && !lexicon::TIME_WORDS.contains(w)
        || matches!(
            w,
            "a" | "an" | "the" | "another" | "one" | "several" | "some" | "many"
        )
        || lexicon::ROLE_WORDS.contains(w)
        || lexicon::ROLE_MODIFIERS.contains(w);
    if !starts_np || lexicon::SUBJECT_PRONOUNS.contains(w) {
        return None;
    }
    let (s, e) = np_right(a, i, se);
    // the name part (before any appositive) is a plain noun phrase, not a clause
    let head_end = (s..e).find(|&j| a.tokens[j].is(",")).unwrap_or(e);
    if head_end - s > 8
        || (s..head_end).any(|j| {
            let w = low(a, j);
            AUXILIARIES.contains(w)
                || matches!(w, "is" | "are" | "was" | "were" | "has" | "have" | "had")
                || lexicon::cue_verb(w).is_some() && !a.tokens[j].is_cap()
                || np_stop(a, j) && !a.tokens[j].is(".")
        })
    {
        return None;
    }
    let mut end = e;
    while end < se && (a.tokens[end].is(",") || a.tokens[end].is(")")) {
        end += 1;
    }
    let closes = end >= se
        || a.tokens[end].is_final()
        || a.tokens[e].is(",")
        || a.tokens[end].kind == TokKind::Quote;
    (e > s && e - s <= 40 && closes).then_some((s, e))
}

pub(super) fn is_name_start(a: &Analysis, i: usize, se: usize) -> bool {
    if i >= se {
        return false;
    }
    let t = &a.tokens[i];
    // "said pollster Frank Luntz", "said retired neurosurgeon Ben Carson"
    let descriptor = t.kind == TokKind::Word
        && !t.is_cap()
        && !lexicon::FUNCTION_WORDS.contains(t.lower.as_str())
        && (i + 1..(i + 4).min(se)).any(|j| a.tokens[j].is_cap())
        && (i + 1..(i + 4).min(se))
            .take_while(|&j| !a.tokens[j].is_cap())
            .all(|j| is_word(a, j) && !lexicon::FUNCTION_WORDS.contains(low(a, j)));
    t.kind == TokKind::Word
        && (t.is_cap()
            || descriptor
            || DETERMINERS.contains(t.lower.as_str())
            || lexicon::ROLE_WORDS.contains(t.lower.as_str())
            || lexicon::ROLE_MODIFIERS.contains(t.lower.as_str())
            || matches!(t.lower.as_str(), "he" | "she" | "they" | "we" | "i" | "it"))
        && t.lower != "that"
}

/// The first noun phrase of a clause starting at `ss` (main-clause subject), before `limit`.
pub(super) fn first_np(a: &Analysis, ss: usize, limit: usize) -> Option<(usize, usize)> {
    let mut s = ss;
    // skip an introductory phrase ending in a comma
    for j in ss..limit.min(ss + 8) {
        if a.tokens[j].is(",") {
            let head = low(a, ss);
            if lexicon::PREPOSITIONS.contains(head)
                || SUBORDINATORS.contains(head)
                || lexicon::FUNCTION_WORDS.contains(head) && !DETERMINERS.contains(head)
                || (ss..j).any(|i| {
                    lexicon::TIME_WORDS.contains(low(a, i))
                        || matches!(
                            low(a, i),
                            "ago" | "later" | "earlier" | "years" | "months" | "weeks" | "days"
                        )
                })
                || is_ly_adverb(a, ss)
            {
                s = j + 1;
            }
            break;
        }
    }
    while s < limit && a.tokens[s].kind == TokKind::Quote {
        s += 1;
    }
    let mut e = s;
    if s < limit && lexicon::SUBJECT_PRONOUNS.contains(low(a, s)) {
        // a pronoun is a whole noun phrase: "He shook hands and asked ..."
        return Some((s, s + 1));
    }
    while e < limit && !np_stop(a, e) && !ADVERBS.contains(low(a, e)) && e - s < 10 {
        e += 1;
    }
    if e > s {
        Some((s, e))
    } else {
        None
    }
}

/// Addressee after a "tell" verb: "told Reuters", "told this publication".
pub(super) fn addressee_np(a: &Analysis, i: usize, se: usize) -> (usize, usize) {
    let mut e = i;
    while e < se
        && e < i + 6
        && (is_word(a, e) || a.tokens[e].lower == "'s")
        && low(a, e) != "that"
        && !(e > i && SUBORDINATORS.contains(low(a, e)))
        && !(e > i && lexicon::PREPOSITIONS.contains(low(a, e)))
    {
        e += 1;
    }
    if e == i {
        return (i, i);
    }
    let first = &a.tokens[i];
    let ok = first.is_cap()
        || DETERMINERS.contains(first.lower.as_str())
        || matches!(
            first.lower.as_str(),
            "him"
                | "her"
                | "them"
                | "us"
                | "me"
                | "reporters"
                | "journalists"
                | "supporters"
                | "lawmakers"
        );
    if ok {
        (i, e)
    } else {
        (i, i)
    }
}
