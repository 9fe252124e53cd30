//! Extents of sources and contents: the usual annotation conventions for where a
//! subject starts and ends and where a reported clause stops.

use crate::annotate::lexicon::{self, CueClass, ADVERBS, RELATIVES, SUBORDINATORS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{all_caps, is_ly_adverb, is_word, low};

/// Normalises a subject span to the usual annotation convention: no leading
/// conjunctions, discourse adverbs or punctuation ("And he", "Still, she"), no
/// introductory phrase before a comma ("On Sunday, the senator"), and no
/// trailing parenthetical adverbial (", however,", ", in turn,").
pub(super) fn tidy_source(a: &Analysis, s: usize, e: usize) -> Option<(usize, usize)> {
    let (mut s, mut e) = (s, e);
    let lead_word = |i: usize| {
        let w = low(a, i);
        SUBORDINATORS.contains(w)
            || ADVERBS.contains(w) && !w.ends_with("self") && !w.ends_with("selves")
            || is_ly_adverb(a, i)
    };
    loop {
        while s < e && !is_word(a, s) && a.tokens[s].kind != TokKind::Num {
            s += 1;
        }
        if s + 1 < e && lead_word(s) {
            s += 1;
            continue;
        }
        // an introductory phrase ending in a comma
        if let Some(c) = (s..e).find(|&j| a.tokens[j].is(",") && a.tok_depth[j] == 0) {
            let head = low(a, s);
            // a long opening phrase: "At a meeting on Tuesday of the ...,",
            // "Speaking on the cable channel on Monday,"
            let sentence_start = s == 0 || a.tok_sent[s - 1] != a.tok_sent[s];
            let long_opener = c - s <= 24
                && sentence_start
                && (lexicon::PREPOSITIONS.contains(head)
                    || head.len() > 4 && head.ends_with("ing"));
            if c + 1 < e
                && (c - s <= 8 || long_opener)
                && (long_opener
                    || lexicon::PREPOSITIONS.contains(head)
                    || SUBORDINATORS.contains(head)
                    || lexicon::TIME_WORDS.contains(head)
                    || lead_word(s))
            {
                s = c + 1;
                continue;
            }
        }
        break;
    }
    // a dateline or headline before the subject: "WASHINGTON (Reuters) - X",
    // "RUSSIANS SPARED FULL BAN The committee", "8:38PM Rubio"
    if let Some(d) = (s..e).find(|&j| {
        (a.tokens[j].is("-") || a.tokens[j].is("\u{2014}") || a.tokens[j].is("--"))
            && j > s
            && a.tokens[j - 1].end < a.tokens[j].start
            && (a.tokens[j - 1].is(")") || all_caps(a, j - 1))
    }) {
        if d + 1 < e {
            s = d + 1;
        }
    }
    while s + 1 < e
        && (s + 2 < e
            && all_caps(a, s)
            && all_caps(a, s + 1)
            && all_caps(a, s + 2)
            && (s + 3..e).any(|j| !all_caps(a, j))
            || a.tokens[s].text.ends_with("PM")
                && a.tokens[s].text.starts_with(|c: char| c.is_ascii_digit())
            || a.tokens[s].text.ends_with("AM")
                && a.tokens[s].text.starts_with(|c: char| c.is_ascii_digit())
            || low(a, s) == "let")
    {
        s += 1;
    }
    // a reduced relative clause: "something she (denied)": the pronoun
    if e > s + 1
        && matches!(
            low(a, e - 1),
            "he" | "she" | "they" | "it" | "we" | "i" | "you"
        )
        && is_word(a, e - 2)
        && !matches!(low(a, e - 2), "and" | "or" | "nor")
    {
        s = e - 1;
    }
    // trailing parenthetical adverbials: "X, however," / "X, in turn,"
    loop {
        let mut end = e;
        while end > s && a.tokens[end - 1].is(",") {
            end -= 1;
        }
        let Some(c) = (s + 1..end)
            .rev()
            .find(|&j| a.tokens[j].is(",") && a.tok_depth[j] == 0)
        else {
            break;
        };
        let seg = c + 1..end;
        let head = low(a, c + 1);
        let adverbial = seg.len() == 1 && (lead_word(c + 1) || low(a, c + 1) == "too")
            || seg.len() <= 12
                && matches!(
                    head,
                    "in" | "for"
                        | "without"
                        | "after"
                        | "with"
                        | "like"
                        | "unlike"
                        | "at"
                        | "by"
                        | "on"
                        | "during"
                        | "though"
                        | "although"
                        | "while"
                        | "clad"
                )
            || head.ends_with("ing")
                && head.len() > 4
                && !a.tokens[c + 1].is_cap()
                && !lexicon::ROLE_WORDS.contains(head);
        if !adverbial {
            break;
        }
        e = c;
    }
    while e > s && a.tokens[e - 1].kind == TokKind::Quote {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    // a time is no source: "Friday", "last week", "the first time"
    if (s..e)
        .filter(|&i| is_word(a, i))
        .all(|i| time_word(low(a, i)))
    {
        return None;
    }
    // a subject pronoun is the whole subject: "he had previously disavowed" -> "he"
    if e > s + 1 && matches!(low(a, s), "he" | "she" | "it" | "they" | "we" | "i") {
        e = s + 1;
    }
    // a prepositional or list phrase is not a source ("in an interview", "including X")
    let w = low(a, s);
    let quantity_prefix = w == "at" && matches!(low(a, s + 1), "least" | "most")
        || matches!(w, "about" | "around" | "over" | "under") && e > s + 1;
    if lexicon::PREPOSITIONS.contains(w) && !a.tokens[s].is_cap() && !quantity_prefix
        || matches!(w, "including" | "no" | "any")
    {
        return None;
    }
    (s < e && (s..e).any(|i| is_word(a, i))).then_some((s, e))
}

/// Trims a trailing ", X said"-like tail and final punctuation from content `[s, e)`.
pub(super) fn trim_trailing(a: &Analysis, s: usize, e: usize) -> usize {
    let mut e = e;
    // a trailing ", aides said" / ", he added" belongs to another attribution
    if let Some(c) = (s + 1..e)
        .rev()
        .find(|&i| a.tokens[i].is(",") && a.tok_depth[i] == 0)
    {
        let tail = c + 1..e;
        if tail.len() <= 6
            && tail.clone().any(|i| {
                lexicon::cue_verb(low(a, i))
                    .is_some_and(|cv| cv.class == CueClass::Speech || cv.class == CueClass::Tell)
            })
            && !tail.clone().any(|i| low(a, i) == "that")
        {
            e = c;
        }
    }
    while e > s + 1
        && (a.tokens[e - 1].is(",") || a.tokens[e - 1].is(";") || a.tokens[e - 1].is(":"))
    {
        e -= 1;
    }
    e
}

/// The object of an evaluative verb: up to a subordinate clause or a participle.
pub(super) fn object_extent(a: &Analysis, s: usize, e: usize) -> usize {
    for j in s + 1..e {
        if a.tok_depth[j] > 0 {
            continue;
        }
        // "thanked voters at a rally on Monday": when and where, not what
        if super::adjuncts::trailing_adjunct(a, j, e) {
            return trim_trailing(a, s, j);
        }
        let w = low(a, j);
        if matches!(
            w,
            "because"
                | "while"
                | "after"
                | "when"
                | "since"
                | "before"
                | "although"
                | "though"
                | "if"
                | "unless"
                | "saying"
                | "adding"
                | "arguing"
                | "claiming"
                | "noting"
                | "calling"
        ) {
            return trim_trailing(a, s, j);
        }
        if a.tokens[j].is(",")
            || a.tokens[j].is(";")
            || a.tokens[j].is("\u{2014}")
            || a.tokens[j].is("--")
        {
            let n = low(a, j + 1);
            if SUBORDINATORS.contains(n)
                || RELATIVES.contains(n)
                || n.ends_with("ing")
                || matches!(
                    n,
                    "by" | "for" | "with" | "after" | "in" | "on" | "at" | "from"
                )
                || a.tokens
                    .get(j + 1)
                    .is_some_and(|t| t.kind == TokKind::Quote)
                || !a.tokens[j].is(",")
            {
                return trim_trailing(a, s, j);
            }
        }
    }
    e
}

/// Words of a time expression ("last week", "Friday night", "the first time").
fn time_word(w: &str) -> bool {
    lexicon::TIME_WORDS.contains(w)
        || super::adjuncts::time_token(w)
        || matches!(w, "the" | "later" | "day" | "first" | "time")
}
