//! Subjects with appositives: "NAME, ROLE of ORG, said", "ROLE, NAME, said",
//! "X, who has ..., said".

use super::phrases::np_stop;
use crate::annotate::lexicon::{self, CueClass, ADVERBS, DETERMINERS, RELATIVES, SUBORDINATORS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_word, low};

/// "NAME, ROLE of ORG, said" / "ROLE of ORG, NAME, said" / "NAME, 67, a retired
/// teacher, said": the subject including its appositives.
pub(super) fn appositive_left(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
    // vg-1 is a comma
    let c1 = vg - 1;
    let seg_start = |end: usize| -> usize {
        let mut s = end;
        while s > ss {
            let t = &a.tokens[s - 1];
            if t.is(")") {
                // a parenthetical inside the segment: "Sen. Rob Portman (R-Ohio)"
                if let Some(o) = (ss..s - 1).rev().take(8).find(|&j| a.tokens[j].is("(")) {
                    s = o;
                    continue;
                }
            }
            if t.is(",")
                || t.kind == TokKind::Quote
                || t.is(";")
                || t.is(":")
                || t.is("(")
                || t.is("\u{2014}")
                || t.is("--")
            {
                break;
            }
            s -= 1;
        }
        s
    };
    let no_stop = |s: usize, e: usize| {
        !(s..e).any(|i| np_stop(a, i) && !a.tokens[i].is("(") && !a.tokens[i].is(")"))
    };
    // segments between commas, right to left
    let mut segs: Vec<(usize, usize)> = vec![];
    let mut c = c1;
    loop {
        let s = seg_start(c);
        if s >= c {
            break;
        }
        segs.push((s, c));
        if segs.len() == 4 || s <= ss + 1 || !a.tokens[s - 1].is(",") {
            break;
        }
        c = s - 1;
    }
    let (s1, _) = *segs.first()?;
    // a proper name followed by one or more appositives (role, age, description);
    // the name may follow a clause boundary: "as NAME, ROLE, attacked"
    let appositive = |s: usize, e: usize| {
        // a relative clause: "Michael Bloomberg, who is thinking about running, said"
        if e > s && e - s <= 25 && matches!(low(a, s), "who" | "whose" | "which") {
            return true;
        }
        e > s
            && e - s <= 14
            && no_stop(s, e)
            && (is_role_phrase(a, s, e)
                || DETERMINERS.contains(low(a, s))
                || a.tokens[s].kind == TokKind::Num
                || !a.tokens[s].is_cap()
                || (s..e).any(|j| low(a, j) == "'s" || low(a, j) == "\u{2019}s")
                // a proper name after a role: "the editor of the paper, Le Monde,"
                || e - s <= 5 && (s..e).all(|j| a.tokens[j].is_cap() || !is_word(a, j)))
    };
    for h in (1..segs.len()).rev() {
        let (hs, he) = segs[h];
        if !(0..h).all(|k| appositive(segs[k].0, segs[k].1)) {
            continue;
        }
        // the name: the tail of the head segment after any clause word
        let mut n = hs;
        if let Some(j) = (hs..he).rev().find(|&j| np_stop(a, j)) {
            n = j + 1;
        }
        while n < he && (SUBORDINATORS.contains(low(a, n)) || ADVERBS.contains(low(a, n))) {
            n += 1;
        }
        let name = he > n
            && he - n <= 5
            && a.tokens[n].is_cap()
            && a.tokens[he - 1].is_cap()
            && (n..he).all(|j| a.tokens[j].is_cap() || a.tokens[j].is(".") || a.tokens[j].is("-"))
            && !lexicon::TIME_WORDS.contains(low(a, n));
        if name && (n == hs || n > ss) {
            return Some((n, vg));
        }
    }
    let seg1_role = is_role_phrase(a, s1, c1);
    if segs.len() >= 2 {
        let (s2, c2) = segs[1];
        let seg2_role = is_role_phrase(a, s2, c2);
        let seg2_np = (c2 - s2) <= 6 && no_stop(s2, c2);
        let seg1_np = (c1 - s1) <= 6 && no_stop(s1, c1);
        if (seg1_role && seg2_np) || (seg2_role && seg1_np) {
            return Some((s2, vg));
        }
    }
    // a single segment NP directly after a boundary (quote, sentence start)
    let seg_np = (c1 - s1) <= 8 && no_stop(s1, c1);
    if seg_np && (s1 == ss || a.tokens[s1 - 1].kind == TokKind::Quote) && !seg1_role {
        return Some((s1, c1));
    }
    None
}

/// "X, who has ... , said": the subject is the noun phrase opening the clause,
/// with everything up to the comma before the verb (relative clauses, appositives).
pub(super) fn appositive_general(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
    let c1 = vg - 1;
    let mut starts = vec![];
    let mut s0 = ss;
    while s0 < c1 && a.tokens[s0].kind == TokKind::Quote {
        s0 += 1;
    }
    starts.push(s0);
    for j in ss..c1 {
        if a.tokens[j].is(",") && a.tok_depth[j] == 0 && !(j > ss && a.is_close_quote(j - 1)) {
            starts.push(j + 1);
        } else if a.is_close_quote(j) && j + 1 < c1 && a.tokens[j + 1].is(",") {
            starts.push(j + 2);
        } else if a.is_close_quote(j) && j > ss && a.tokens[j - 1].is(",") && j + 1 < c1 {
            starts.push(j + 1);
        }
    }
    for s in starts {
        if s >= c1 || a.tok_depth[s] > 0 {
            continue;
        }
        let first = low(a, s);
        if !is_word(a, s)
            || lexicon::PREPOSITIONS.contains(first)
            || SUBORDINATORS.contains(first)
            || RELATIVES.contains(first)
            || first.ends_with("ing")
            || lexicon::cue_verb(first).is_some()
        {
            continue;
        }
        let seg_end = (s..c1)
            .find(|&j| a.tokens[j].is(",") || a.tokens[j].is("("))
            .unwrap_or(c1);
        if seg_end == s || seg_end - s > 8 || (s..seg_end).any(|j| np_stop(a, j)) {
            continue;
        }
        // the rest must not hold a cue or a (long) quote of its own (a relative
        // clause may: "X, who said in an interview ..., recalled")
        let relative_from = (s..c1)
            .find(|&j| a.tokens[j].is(",") && RELATIVES.contains(low(a, j + 1)))
            .unwrap_or(c1);
        let relative_to = (relative_from + 1..c1)
            .find(|&j| a.tokens[j].is(","))
            .unwrap_or(relative_from);
        if (s..c1)
            .filter(|&j| j < relative_from || j > relative_to)
            .any(|j| {
                a.tokens[j].kind == TokKind::Quote
                    && a.quote_opened_at(j)
                        .is_some_and(|q| a.quotes[q].inner_end > j + 6)
                    || a.tok_depth[j] == 0
                        && lexicon::cue_verb(low(a, j)).is_some_and(|c| {
                            c.class == CueClass::Speech || c.class == CueClass::Tell
                        })
                        && !lexicon::noun_like_cue(low(a, j))
            })
        {
            continue;
        }
        if c1 - s > 40 {
            continue;
        }
        return Some((s, vg));
    }
    None
}

/// True when tokens `[s, e)` look like a role description ("co-founder and CEO of X", "a spokesman for Y").
pub(super) fn is_role_phrase(a: &Analysis, s: usize, e: usize) -> bool {
    if e <= s || e - s > 12 {
        return false;
    }
    if (s..e).any(|i| lexicon::ROLE_HEADS.contains(low(a, i))) {
        return true;
    }
    // "the club", "its parent company", "the hacktivist group"
    DETERMINERS.contains(low(a, s))
        && e - s <= 4
        && (lexicon::COMPANY_NOUNS.contains(low(a, e - 1))
            || lexicon::GROUP_NOUNS.contains(low(a, e - 1)))
}
