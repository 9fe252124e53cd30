//! Attribution: who said (thinks, wants, claims) what.
//!
//! A light rule parser over each sentence: cue verbs (with their verb group of
//! auxiliaries and adverbs) and "according to"; the subject noun phrase of the
//! cue (left of it, with appositives on either side, relative pronouns,
//! inverted "said X", gerunds taking the main-clause subject); the content
//! (complement clause up to the sentence end, or the quotation or clause
//! before "X said"); then direct quotations without a cue in their sentence
//! (continuations in the same paragraph, cue-less quote paragraphs continuing
//! the last speaker). Speakers resolve through the mentions and coreference.

use super::coref::Actors;
use super::lexicon::{self, CueClass, ADVERBS, AUXILIARIES, DETERMINERS, RELATIVES, SUBORDINATORS};
use super::mentions::RawMention;
use super::segment::Analysis;
use super::tokens::TokKind;
use crate::extraction::{ActorKind, ClaimKind, MentionKind, SpeakerResolution};

/// A claim before ids are assigned; token ranges are `[start, end)`.
#[derive(Debug, Clone)]
pub struct ClaimDraft {
    /// Direct / indirect / mixed.
    pub kind: ClaimKind,
    /// Speaker actor index.
    pub speaker: Option<usize>,
    /// Source tokens.
    pub source: Option<(usize, usize)>,
    /// Cue tokens.
    pub cue: Option<(usize, usize)>,
    /// Cue lemma.
    pub cue_lemma: Option<String>,
    /// Content tokens.
    pub content: (usize, usize),
    /// Quoted fragments (quote indices).
    pub fragments: Vec<usize>,
    /// Addressee actor index.
    pub addressee: Option<usize>,
    /// Paragraph of the content start.
    pub paragraph: usize,
    /// How the speaker was found.
    pub resolution: SpeakerResolution,
    /// Confidence.
    pub confidence: f32,
}

struct Ctx<'a> {
    a: &'a Analysis,
    mentions: &'a mut Vec<RawMention>,
    actors: &'a mut Actors,
}

/// Finds all claims.
pub fn find(a: &Analysis, mentions: &mut Vec<RawMention>, actors: &mut Actors) -> Vec<ClaimDraft> {
    let mut cx = Ctx {
        a,
        mentions,
        actors,
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
            if let Some(c) = cue_claim(&mut cx, si, k, &claims) {
                claims.push(c);
            }
            k += 1;
        }
    }
    quote_pass(&mut cx, &mut claims);
    claims.sort_by_key(|c| (c.content.0, c.cue.map(|x| x.0).unwrap_or(0)));
    // drop duplicates of the same content
    let mut out: Vec<ClaimDraft> = vec![];
    for c in claims {
        if out.iter().any(|o| o.content == c.content) {
            continue;
        }
        out.push(c);
    }
    for c in out.iter_mut() {
        finish_kind(a, c);
    }
    nested_pronoun_speakers(&mut cx, &mut out);
    let dropped = drop_nested(a, &mut out);
    // nominal mentions made only for the subjects of dropped claims ("the sites
    // listed ...") would surface as spurious actors
    for (s0, e0) in dropped {
        if out.iter().any(|c| c.source == Some((s0, e0))) {
            continue;
        }
        for m in cx.mentions.iter_mut() {
            if m.tok_start >= s0 && m.tok_end <= e0 && m.kind == MentionKind::Nominal {
                m.actor = None;
            }
        }
    }
    out
}

/// News attribution annotation (PolNeAR, PARC) does not nest: "X said he
/// believes Y" is one attribution whose content holds "he believes Y". A claim
/// whose cue lies inside the content of another claim cued in the same
/// sentence is dropped; the outer claim keeps the whole content.
fn drop_nested(a: &Analysis, claims: &mut Vec<ClaimDraft>) -> Vec<(usize, usize)> {
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
                && claims
                    .iter()
                    .any(|o| o.source == c.source && o.cue.is_some_and(|(os, _)| os < cs));
            let bound = if wraps {
                c.source.map(|(s0, _)| s0)
            } else if coordinated {
                Some(cs - 1)
            } else {
                boundary(c)
            };
            let mut nested = false;
            for (oi, o) in claims.iter().enumerate() {
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
fn nested_pronoun_speakers(cx: &mut Ctx, claims: &mut [ClaimDraft]) {
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
        let outer = claims
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i && o.content.0 <= cue.0 && cue.1 <= o.content.1 && o.speaker.is_some()
            })
            .min_by_key(|(_, o)| o.content.1 - o.content.0)
            .and_then(|(_, o)| o.speaker);
        let Some(sp) = outer else { continue };
        let k = cx.actors.list[sp].kind;
        let ok = match w.as_str() {
            "he" | "she" => k == ActorKind::Person,
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
            for m in cx.mentions.iter_mut() {
                if m.tok_start == s && m.kind == MentionKind::Pronoun {
                    m.actor = Some(sp);
                }
            }
        }
    }
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
    c.fragments = a
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.depth == 0 && q.open >= s && q.last_tok() < e)
        .map(|(i, _)| i)
        .collect();
    if direct {
        c.kind = ClaimKind::Direct;
        c.fragments.clear();
    } else if !c.fragments.is_empty() {
        c.kind = ClaimKind::Mixed;
    } else {
        c.kind = ClaimKind::Indirect;
    }
}

fn is_word(a: &Analysis, i: usize) -> bool {
    a.tokens
        .get(i)
        .is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Num)
}

fn low(a: &Analysis, i: usize) -> &str {
    a.tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// True for a sentence in title case (a headline): most words capitalised.
fn title_case(a: &Analysis, ss: usize, se: usize) -> bool {
    let words: Vec<usize> = (ss..se)
        .filter(|&i| a.tokens[i].kind == TokKind::Word && a.tokens[i].text.chars().count() > 3)
        .collect();
    words.len() >= 3
        && words.iter().filter(|&&i| a.tokens[i].is_cap()).count() * 10 >= words.len() * 7
}

/// Is the cue at `k` verbal in this context?
#[allow(clippy::if_same_then_else)]
fn verbal(a: &Analysis, k: usize, ss: usize, form: &str) -> bool {
    if matches!(low(a, k + 1), "tank" | "tanks" | "piece" | "pieces") {
        return false; // "think tank", "think piece"
    }
    let two = format!("{} {}", low(a, k), low(a, k + 1));
    let three = format!("{two} {}", low(a, k + 2));
    if lexicon::cue_verb(&two)
        .or_else(|| lexicon::cue_verb(&three))
        .is_some_and(|c| lexicon::adjective_cue(c.lemma))
    {
        // "has been critical of": after a copula or a subject
        return k > ss && {
            let p = low(a, k - 1);
            matches!(
                p,
                "is" | "are"
                    | "was"
                    | "were"
                    | "been"
                    | "be"
                    | "being"
                    | "'s"
                    | "'re"
                    | "remains"
                    | "remained"
                    | "seems"
                    | "seemed"
                    | "appears"
                    | "appeared"
                    | "become"
                    | "became"
                    | "also"
                    | "very"
                    | "so"
                    | "too"
                    | "deeply"
                    | "increasingly"
                    | "highly"
                    | "openly"
                    | "not"
                    | "less"
                    | "more"
                    | "most"
                    | "sharply"
                    | "publicly"
                    | "strongly"
                    | "fiercely"
                    | "equally"
                    | "still"
                    | "all"
                    | "both"
            )
        };
    }
    let prev = if k > ss { Some(&a.tokens[k - 1]) } else { None };
    let next = low(a, k + 1);
    if let Some(p) = prev {
        let pl = p.lower.as_str();
        if DETERMINERS.contains(pl)
            && !matches!(
                pl,
                "that"
                    | "all"
                    | "both"
                    | "each"
                    | "many"
                    | "some"
                    | "most"
                    | "few"
                    | "several"
                    | "one"
                    | "two"
                    | "three"
                    | "others"
            )
        {
            return false;
        }
        if lexicon::PREPOSITIONS.contains(pl)
            && !form.ends_with("ing")
            && pl != "that"
            && !(pl == "to" && catenative_before(a, ss, k - 1).is_some())
        {
            return false;
        }
        if pl == "'s" && !form.ends_with("ed") {
            // "X's claims" (noun) vs "he's said"
            return false;
        }
    }
    if lexicon::noun_like_cue(form) {
        match prev {
            None => return false,
            Some(p) => {
                let pl = p.lower.as_str();
                if form.ends_with("ing") {
                    if !(p.is(",")
                        || publishing_verb(a, ss, k).is_some()
                        || k >= ss + 2
                            && is_ly_adverb(a, k - 1)
                            && matches!(low(a, k - 2), "is" | "are" | "was" | "were" | "been")
                        || matches!(
                            pl,
                            "by" | "after"
                                | "while"
                                | "when"
                                | "before"
                                | "without"
                                | "in"
                                | "is"
                                | "was"
                                | "were"
                                | "are"
                                | "been"
                                | "be"
                                | "am"
                                | "also"
                        ))
                    {
                        return false;
                    }
                } else if p.kind != TokKind::Word && !(p.kind == TokKind::Quote || p.is(",")) {
                    return false;
                } else if pl.ends_with('s')
                    && form.ends_with('s')
                    && !evidence_after_noun(form, pl)
                    && !p.is_cap()
                    && !matches!(
                        pl,
                        "is" | "was"
                            | "has"
                            | "its"
                            | "his"
                            | "this"
                            | "us"
                            | "always"
                            | "also"
                            | "thus"
                            | "perhaps"
                            | "as"
                    )
                    && !pl.ends_with("ss")
                    && !pl.ends_with("ly")
                {
                    return false;
                }
            }
        }
    }
    // participles modifying a noun: "a program called X", "a firm focused on",
    // "the newly identified emails"
    if form.ends_with("ed") || form.ends_with("ing") {
        let mut p = k;
        while p > ss && is_ly_adverb(a, p - 1) {
            p -= 1;
        }
        if p < k && p > ss && DETERMINERS.contains(low(a, p - 1)) {
            return false;
        }
        if p == k
            && k >= ss + 2
            && is_word(a, k - 1)
            && !a.tokens[k - 1].is_cap()
            && matches!(low(a, k - 2), "a" | "an")
            && publishing_verb(a, ss, k).is_none()
        {
            return false;
        }
    }
    // passive participles: "was told", "is expected" (not "has been saying")
    if let Some(p) = prev {
        if matches!(
            p.lower.as_str(),
            "was" | "were" | "is" | "are" | "been" | "being" | "be"
        ) && !form.ends_with("ing")
        {
            return false;
        }
    }
    let _ = next;
    true
}

/// Whether the cue verb's class fits what follows it.
fn complement_ok(a: &Analysis, lemma: &str, class: CueClass, after: usize, se: usize) -> bool {
    if after < se && a.tokens[after].is(":") {
        return true;
    }
    // a parenthetical cue: "The adjustment, they concluded, never happened."
    if after < se
        && a.tokens[after].is(",")
        && matches!(
            class,
            CueClass::Speech | CueClass::Thought | CueClass::Evidence
        )
        && is_word(a, after + 1)
    {
        let mut b = after - 1;
        while b > 0 && is_word(a, b) && after - b < 8 {
            b -= 1;
        }
        if a.tokens[b].is(",") {
            return true;
        }
    }
    if complement_here(a, lemma, class, after, se) {
        return true;
    }
    // an adjunct between the verb and its complement: "suggested in a tweet, ...",
    // "agreed Saturday that", "stated earlier this week that"
    let mut j = after;
    if matches!(low(a, j), "in" | "on" | "during" | "at") {
        j += 1;
        while j < se && j < after + 7 && is_word(a, j) && low(a, j) != "that" {
            j += 1;
        }
        if j < se && a.tokens[j].is(",") {
            j += 1;
        }
    } else {
        while j < se
            && j < after + 4
            && (lexicon::TIME_WORDS.contains(low(a, j))
                || matches!(
                    low(a, j),
                    "earlier"
                        | "later"
                        | "this"
                        | "last"
                        | "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                ))
        {
            j += 1;
        }
    }
    j > after && j < se && complement_here(a, lemma, class, j, se)
}

/// Whether the complement starting right at `after` fits the cue verb's class.
fn complement_here(a: &Analysis, lemma: &str, class: CueClass, after: usize, se: usize) -> bool {
    let n = low(a, after);
    let nt = a.tokens.get(after);
    let quote_next = nt.is_some_and(|t| t.kind == TokKind::Quote)
        || (matches!(n, "," | ":")
            && a.tokens
                .get(after + 1)
                .is_some_and(|t| t.kind == TokKind::Quote));
    if lexicon::manner_verb(lemma) {
        // manner-of-speaking verbs only with an adjacent quotation (or one before: checked later)
        let ends = nt.is_none_or(|t| t.is_final()) || after >= se;
        return quote_next
            || ends
            || n == ","
            || lexicon::PREPOSITIONS.contains(n)
            || nt.is_some_and(|t| t.is_cap());
    }
    match lemma {
        "call" => {
            return matches!(n, "for" | "on" | "upon")
                || after > 0 && matches!(low(a, after - 1), "for" | "on" | "upon")
                || (after + 1..(after + 7).min(se)).any(|j| a.is_open_quote(j))
                || nt.is_some_and(|t| t.is_cap() && t.kind == TokKind::Word)
                || matches!(
                    n,
                    "him"
                        | "her"
                        | "them"
                        | "it"
                        | "the"
                        | "his"
                        | "their"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                )
        }
        "show" => {
            return n != "up"
                && n != "off"
                && n != "how"
                && nt.is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Quote)
        }
        "know" | "understand" | "consider" | "realise" | "respond" | "reply" | "state"
        | "continue" | "agree" | "repeat" | "charge" | "conclude" | "estimate" | "expect"
        | "doubt" | "suspect" => {
            let ends = nt.is_none_or(|t| t.is_final()) || after >= se;
            let speechy = matches!(
                lemma,
                "respond"
                    | "reply"
                    | "state"
                    | "continue"
                    | "agree"
                    | "mention"
                    | "repeat"
                    | "recall"
                    | "conclude"
                    | "estimate"
            );
            return n == "that"
                || quote_next
                || matches!(lemma, "respond" | "reply") && n == "to"
                || matches!(
                    lemma,
                    "know" | "understand" | "realise" | "doubt" | "suspect"
                ) && matches!(
                    n,
                    "it" | "he" | "she" | "they" | "we" | "i" | "there" | "this"
                )
                || (speechy
                    && (ends
                        || n == ","
                            && a.tokens.get(after + 1).is_some_and(|t| {
                                t.is_cap()
                                    || t.kind == TokKind::Word
                                        && DETERMINERS.contains(t.lower.as_str())
                            })))
                || (lemma == "expect" && (after..(after + 4).min(se)).any(|j| low(a, j) == "to"))
                || (lemma == "agree" && n == "to");
        }
        _ => {}
    }
    match class {
        CueClass::Intent => {
            // want to / want X to ; refuse to
            if n == "to" || n == "that" {
                return true;
            }
            // "demands Ginsburg resign", "is promising donors", "want East Jerusalem"
            if !matches!(lemma, "plan" | "intend" | "decide" | "decline" | "refuse")
                && nt.is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Quote)
                && !lexicon::PREPOSITIONS.contains(n)
                && !matches!(n, "and" | "or" | "but" | "up" | "out" | "off" | "back")
            {
                return true;
            }
            let mut j = after;
            let mut steps = 0;
            while j < se && steps < 6 {
                if low(a, j) == "to" {
                    return true;
                }
                if !is_word(a, j) {
                    return false;
                }
                j += 1;
                steps += 1;
            }
            false
        }
        // "a study found the nominee garnered ...", "the poll shows Clinton ahead"
        CueClass::Evidence => {
            n == "that"
                || quote_next
                || nt.is_none_or(|t| t.is_final())
                || n == "$"
                || nt.is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Num)
                    && !lexicon::PREPOSITIONS.contains(n)
                    && !matches!(n, "out" | "up" | "off" | "and" | "or")
        }
        CueClass::Thought => {
            n == "that"
                || quote_next
                || n == "to"
                    && a.tokens
                        .get(after + 1)
                        .is_some_and(|t| t.kind == TokKind::Word && !t.is_cap())
                || !lexicon::PREPOSITIONS.contains(n)
                    && nt.is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Quote)
        }
        CueClass::Stance => {
            // "lamented that ...", "prefer to back ..."
            if n == "that"
                || n == "to"
                    && a.tokens
                        .get(after + 1)
                        .is_some_and(|t| t.kind == TokKind::Word && !t.is_cap())
                    && !matches!(lemma, "compare" | "liken" | "refer to" | "credit")
            {
                return true;
            }
            nt.is_some_and(|t| {
                t.kind == TokKind::Word || t.kind == TokKind::Quote || t.kind == TokKind::Hashtag
            }) && !matches!(
                n,
                "by" | "to"
                    | "up"
                    | "down"
                    | "out"
                    | "off"
                    | "away"
                    | "in"
                    | "on"
                    | "that"
                    | "into"
                    | "at"
                    | "back"
                    | "for"
                    | "with"
                    | "about"
                    | "over"
                    | "through"
                    | "and"
                    | "or"
                    | "as"
            )
        }
        _ => true,
    }
}

/// A claim from a cue verb at token `k`, if it is one.
fn cue_claim(cx: &mut Ctx, si: usize, k: usize, prior: &[ClaimDraft]) -> Option<ClaimDraft> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    // multi-word forms first
    let two = format!("{} {}", low(a, k), low(a, k + 1));
    let three = format!("{two} {}", low(a, k + 2));
    let (cv, words) = if k + 1 < se {
        match (lexicon::cue_verb(&three), lexicon::cue_verb(&two)) {
            (Some(c), _) if c.words == 3 && k + 2 < se => (c, 3),
            (_, Some(c)) if c.words == 2 => (c, 2),
            _ => (lexicon::cue_verb(low(a, k))?, 1),
        }
    } else {
        (lexicon::cue_verb(low(a, k))?, 1)
    };
    let form = a.tokens[k].lower.clone();
    let weak = if words == 1 {
        lexicon::weak_form(&form)
    } else {
        lexicon::weak_form(&two)
    };
    let after_cue = k + words;
    if weak
        && low(a, after_cue) != "that"
        && !a.is_open_quote(after_cue)
        && !(k.saturating_sub(8).max(ss)..k).any(|j| a.is_close_quote(j))
    {
        return None;
    }
    if a.tokens[k].is_cap() && !super::mentions::sentence_initial(a, k) && !title_case(a, ss, se) {
        return None;
    }
    if let Some(c) = passive_claim(cx, si, k, words, &cv) {
        return Some(c);
    }
    if !verbal(a, k, ss, &form) {
        return None;
    }
    if cv.class == CueClass::Tell && low(a, k + 1) == "to" {
        return None;
    }
    let mut cue_end = k + words;
    if cv.lemma == "call" && matches!(low(a, cue_end), "for" | "on" | "upon") {
        cue_end += 1;
    }
    let near_quote_before = (k.saturating_sub(6).max(ss)..k).any(|j| a.is_close_quote(j));
    let manner_ok = lexicon::manner_verb(cv.lemma) && near_quote_before;
    if !manner_ok && !complement_ok(a, cv.lemma, cv.class, cue_end, se) {
        return None;
    }
    // verb group to the left
    let mut vg = k;
    while vg > ss {
        let p = low(a, vg - 1);
        if (AUXILIARIES.contains(p) && p != "to")
            || ADVERBS.contains(p)
            || p == "n't"
            || is_ly_adverb(a, vg - 1)
        {
            vg -= 1;
        } else {
            break;
        }
    }
    let cue_start = {
        // cue span: auxiliaries adjacent to the verb ("has said"), not adverbs before them
        let mut c = vg;
        while c < k
            && ((ADVERBS.contains(low(a, c)) || is_ly_adverb(a, c)) && !matches!(low(a, c), "also"))
        {
            c += 1;
        }
        c
    };
    let gerund = form.ends_with("ing");
    // ---- subject
    let mut source: Option<(usize, usize)> = None;
    let mut inverted = false;
    let mut relative: Option<usize> = None;
    let mut publish_start: Option<usize> = None;
    let before = if vg > ss { Some(vg - 1) } else { None };
    let prev_is_quote_close = before.is_some_and(|b| {
        a.is_close_quote(b) || (a.tokens[b].is(",") && b > ss && a.is_close_quote(b - 1))
    });
    let same_sentence_source = || {
        prior
            .iter()
            .rev()
            .find(|c| {
                c.cue
                    .is_some_and(|(cs, _)| cs >= ss && cs < vg && a.tok_sent[cs] == si)
                    && c.source.is_some()
            })
            .and_then(|c| c.source)
    };
    if gerund && before.is_some_and(|b| a.tokens[b].is(",")) && same_sentence_source().is_some() {
        // "..., he said, adding that ...": the speaker of the clause it continues
        source = same_sentence_source();
    } else if gerund
        && before.is_some_and(|b| {
            matches!(
                low(a, b),
                "by" | "after" | "while" | "when" | "before" | "without" | "in" | "," | "and"
            )
        })
    {
        source = first_np(a, ss, vg);
    } else if let Some(b) = before.filter(|&b| RELATIVES.contains(low(a, b)) && low(a, b) != "that")
    {
        relative = Some(b);
        source = Some((b, b + 1));
    } else if prev_is_quote_close
        && !(lexicon::SUBJECT_PRONOUNS.contains(low(a, cue_end))
            && cue_end + 1 < se
            && is_word(a, cue_end + 1)
            && appositive_left(a, ss, vg).is_some())
        || before.is_none()
            && is_name_start(a, cue_end, se)
            && !gerund
            && cv.class != CueClass::Tell
    {
        // inverted: "..." said X / said X: "..."
        if is_name_start(a, cue_end, se) && cv.class != CueClass::Tell {
            let (s2, e2) = np_right(a, cue_end, se);
            if e2 > s2 {
                source = Some((s2, e2));
                inverted = true;
            }
        }
        if source.is_none() && !prev_is_quote_close {
            source = None;
        }
    } else if before.is_some_and(|b| a.tokens[b].is(",") && b > ss && is_word(a, b - 1))
        && cv.class == CueClass::Speech
        && inverted_subject(a, cue_end, se).is_some()
        && appositive_left(a, ss, vg)
            .or_else(|| appositive_general(a, ss, vg))
            .is_none()
    {
        // "CLAUSE, said NAME[, ROLE]."
        source = inverted_subject(a, cue_end, se);
        inverted = true;
    } else if let Some(c) = before
        .filter(|&b| low(a, b) == "to")
        .and_then(|b| catenative_before(a, ss, b))
    {
        // "Groberg then went on to explain": the subject of the verb chain
        let mut v = c;
        while v > ss
            && (AUXILIARIES.contains(low(a, v - 1)) && low(a, v - 1) != "to"
                || ADVERBS.contains(low(a, v - 1))
                || is_ly_adverb(a, v - 1))
        {
            v -= 1;
        }
        source = np_left(a, ss, v);
        publish_start = Some(v);
    } else if before.is_some_and(|b| matches!(low(a, b), "and" | "but" | "then")) {
        // coordinated verb phrase: "The judge rubbed his chin, and then said ..."
        source = first_np(a, ss, vg).filter(|&(s0, e0)| e0 < vg && s0 < e0);
    } else if before.is_some_and(|b| a.tokens[b].is(",")) {
        source = appositive_left(a, ss, vg).or_else(|| appositive_general(a, ss, vg));
    } else if let Some(p) = gerund.then(|| publishing_verb(a, ss, vg)).flatten() {
        // "the campaign issued a statement saying ...": the subject of the publishing verb
        source = np_left(a, ss, p);
        publish_start = Some(p);
    } else if vg > ss {
        source = np_left(a, ss, vg);
    }
    if gerund
        && source.is_none()
        && matches!(cv.class, CueClass::Speech | CueClass::Tell)
        && before.is_some_and(|b| is_word(a, b))
        && low(a, cue_end) != "to"
    {
        // "issued a statement saying that ..."
        source = first_np(a, ss, vg).filter(|&(_, e0)| e0 < vg);
    }
    if gerund && source.is_none() {
        return None;
    }
    if relative.is_none() {
        source = source.and_then(|(s0, e0)| tidy_source(a, s0, e0));
    }
    // a lowercase subject cut out of the middle of a phrase ("spoken with over the
    // last weeks said") is a parsing error, not a source
    if let Some((s0, _)) = source {
        let t = &a.tokens[s0];
        let w = t.lower.as_str();
        let plain_lower = t.kind == TokKind::Word
            && !t.is_cap()
            && !DETERMINERS.contains(w)
            && !lexicon::PRONOUNS.contains(w)
            && !RELATIVES.contains(w)
            && !lexicon::ROLE_WORDS.contains(w)
            && !lexicon::ROLE_MODIFIERS.contains(w)
            && !lexicon::ACTOR_NOUNS.contains(w)
            && !matches!(
                w,
                "some"
                    | "many"
                    | "most"
                    | "several"
                    | "all"
                    | "both"
                    | "few"
                    | "more"
                    | "nearly"
                    | "about"
                    | "only"
                    | "just"
                    | "other"
                    | "others"
                    | "each"
                    | "every"
                    | "no"
                    | "none"
                    | "half"
                    | "former"
                    | "top"
                    | "senior"
                    | "local"
                    | "federal"
            );
        let mid_phrase = s0 > ss
            && is_word(a, s0 - 1)
            && !SUBORDINATORS.contains(low(a, s0 - 1))
            && !matches!(low(a, s0 - 1), "that" | "because" | "said" | "says");
        if plain_lower && mid_phrase && !inverted {
            source = None;
        }
    }
    // naming verbs after an object noun: "a pay offer the company calls 'final'"
    if let Some((s0, e0)) = source {
        if matches!(
            cv.lemma,
            "call" | "describe" | "dub" | "label" | "characterise"
        ) {
            if let Some(j) = (s0 + 2..e0).rev().find(|&j| {
                matches!(
                    low(a, j),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their"
                ) && is_word(a, j - 1)
                    && !a.tokens[j - 1].is_cap()
                    && !lexicon::PREPOSITIONS.contains(low(a, j - 1))
                    && !DETERMINERS.contains(low(a, j - 1))
                    && !matches!(low(a, j - 1), "and" | "or" | "of")
            }) {
                source = Some((j, e0));
            }
        }
    }
    // "Clinton herself said": the reflexive belongs to the subject
    if let Some((s0, e0)) = source {
        if e0 < k && !inverted && (low(a, e0).ends_with("self") || low(a, e0).ends_with("selves")) {
            source = Some((s0, e0 + 1));
        }
    }
    // ---- addressee and content
    let mut after = if inverted {
        source.map(|s| s.1).unwrap_or(cue_end)
    } else {
        cue_end
    };
    let mut addressee = None;
    if cv.class == CueClass::Tell && !inverted {
        let (s2, e2) = addressee_np(a, after, se);
        if e2 > s2 {
            addressee = addressee_actor(cx, s2, e2);
            after = e2;
        }
    }
    // "said in a statement", "said on Twitter"
    let mut cue_end_ext = cue_end;
    if !inverted && matches!(low(a, after), "in" | "on" | "during") {
        let mut j = after + 1;
        // a quoted title: said on "Face the Nation"
        if let Some(qi) = a.quote_opened_at(j) {
            let q = &a.quotes[qi];
            if q.close.is_some() && q.inner_end <= j + 7 {
                j = q.last_tok() + 1;
            }
        }
        while j < se && j < after + 5 && is_word(a, j) && low(a, j) != "that" {
            j += 1;
        }
        if j < se
            && (low(a, j) == "that"
                || a.tokens[j].is(",")
                || a.tokens[j].is(":")
                || a.tokens[j].kind == TokKind::Quote
                || a.tokens[j].is_final())
        {
            if matches!(low(a, after + 1), "a" | "an")
                && after + 2 < se
                && matches!(
                    low(a, after + 2),
                    "statement"
                        | "interview"
                        | "tweet"
                        | "post"
                        | "letter"
                        | "email"
                        | "blog"
                        | "speech"
                        | "video"
                        | "press"
                        | "news"
                        | "radio"
                        | "tv"
                        | "television"
                        | "phone"
                )
            {
                cue_end_ext = j;
            }
            after = j;
        }
    }
    while after < se && (a.tokens[after].is(",") || a.tokens[after].is(":")) {
        after += 1;
    }
    let mut end = se;
    while end > after
        && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",") || a.tokens[end - 1].is(";"))
    {
        end -= 1;
    }
    // a closing quote after the final stop belongs to the content
    let content: (usize, usize);
    let mut has_after = (after..end).any(|i| is_word(a, i));
    // "\"...,\" X said of the claim during a call": the quotation before is the content
    {
        let anchor = if inverted {
            vg
        } else {
            source.map(|s| s.0).unwrap_or(vg)
        };
        let mut b = anchor;
        while b > ss && a.tokens[b - 1].is(",") {
            b -= 1;
        }
        let quote_before = b > ss && a.is_close_quote(b - 1);
        let follows_quote = a.is_open_quote(after)
            || low(a, after) == "that"
            || a.tokens
                .get(after.saturating_sub(1))
                .is_some_and(|t| t.is(":"));
        if quote_before
            && has_after
            && !follows_quote
            && !matches!(cv.class, CueClass::Intent | CueClass::Stance)
        {
            has_after = false;
        }
    }
    // parenthetical "CLAUSE, X said, in a dispute ...": the clause before is the content
    let adjunct_next = {
        let w = low(a, after);
        lexicon::TIME_WORDS.contains(w)
            || matches!(
                w,
                "on" | "in"
                    | "at"
                    | "during"
                    | "last"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
                    | "recently"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "as"
                    | "adding"
                    | "noting"
                    | "saying"
                    | "recalling"
                    | "referring"
                    | "citing"
                    | "according"
                    | "of"
                    | "about"
                    | "through"
                    | "via"
                    | "this"
                    | "here"
            )
    };
    if has_after
        && !inverted
        && (after > cue_end && a.tokens[after - 1].is(",") || adjunct_next)
        && !matches!(
            cv.class,
            CueClass::Stance | CueClass::Intent | CueClass::Evidence
        )
    {
        if let Some((s0, _)) = source {
            let pre_words = (ss..s0).filter(|&i| is_word(a, i)).count();
            let first = low(a, ss);
            if s0 > ss + 1
                && a.tokens[s0 - 1].is(",")
                && pre_words >= 4
                && !lexicon::PREPOSITIONS.contains(first)
                && !first.ends_with("ing")
                && !SUBORDINATORS.contains(first)
            {
                has_after = false;
            }
        }
    }
    if has_after && !(inverted && prev_is_quote_close) {
        if a.is_open_quote(after) {
            let qi = a.quote_opened_at(after)?;
            let q = &a.quotes[qi];
            let qe = q.last_tok() + 1;
            let rest_words = (qe..end).any(|i| is_word(a, i) && a.tok_depth[i] == 0);
            content = if rest_words {
                (after, end)
            } else {
                (after, qe)
            };
        } else {
            // extend over a quote that runs past the sentence end
            let mut e = end;
            if let Some(qi) = a.tok_quote.get(end.saturating_sub(1)).copied().flatten() {
                let q = &a.quotes[qi];
                if q.open >= after && q.last_tok() + 1 > e {
                    e = q.last_tok() + 1;
                }
            }
            // stop at a clause-final ", X said" (the content of another cue)
            let mut e = trim_trailing(a, after, e);
            if cv.class == CueClass::Stance
                || matches!(cv.lemma, "describe" | "call") && low(a, after) != "that"
            {
                e = object_extent(a, after, e);
            }
            content = (after, e);
        }
    } else {
        // content precedes: the quote or clause before the subject / cue
        let anchor = if inverted {
            vg
        } else {
            source.map(|s| s.0).unwrap_or(vg)
        };
        let final_evidence = cv.class == CueClass::Evidence && after >= end;
        // "“...,” he vowed": any cue class after a quotation it closes on
        let quoted = {
            let mut q = anchor;
            while q > ss && a.tokens[q - 1].is(",") {
                q -= 1;
            }
            q > ss && a.is_close_quote(q - 1)
        };
        if matches!(
            cv.class,
            CueClass::Intent | CueClass::Evidence | CueClass::Stance
        ) && !final_evidence
            && !quoted
        {
            return None;
        }
        let mut b = anchor;
        while b > ss
            && (a.tokens[b - 1].is(",")
                || a.tokens[b - 1].is("-")
                || a.tokens[b - 1].is("\u{2014}"))
        {
            b -= 1;
        }
        if b == 0 {
            return None;
        }
        if let Some(qi) = a.quote_closed_at(b - 1) {
            let q = &a.quotes[qi];
            content = (q.open, b);
        } else if b > ss && a.tokens[b - 1].is(",") {
            content = (ss, b);
        } else if anchor > ss {
            // "Democrats will win, he said" with the comma consumed above
            if !(anchor > ss
                && (a.tokens[anchor - 1].is(",")
                    || a.tokens[anchor - 1].is("-")
                    || a.tokens[anchor - 1].is("\u{2014}")))
            {
                return None;
            }
            content = (ss, b);
        } else {
            return None;
        }
        if !(content.0..content.1).any(|i| is_word(a, i)) {
            return None;
        }
    }
    if content.1 <= content.0 || !(content.0..content.1).any(|i| is_word(a, i)) {
        return None;
    }
    // the subject may not sit inside the content
    if let Some((s0, _)) = source {
        if s0 >= content.0 && s0 < content.1 {
            source = None;
        }
    }
    if lexicon::noun_like_cue(&form) {
        // "a pay offer the company calls": a noun-like cue needs a clear subject or an auxiliary
        let has_aux = (vg..k).any(|j| AUXILIARIES.contains(low(a, j)));
        let subj_ok = source.is_some_and(|(s0, e0)| {
            let last = e0 - 1;
            let t = &a.tokens[last];
            inverted
                || relative.is_some()
                || t.is_cap()
                || lexicon::SUBJECT_PRONOUNS.contains(t.lower.as_str())
                || lexicon::ACTOR_NOUNS.contains(t.lower.as_str())
                || e0 < vg && a.tokens[e0].is(",")
                || s0 + 1 < e0 && a.tokens[last].lower == "'s"
                || gerund
                || t.is(",")
                || low(a, cue_end) == "that"
                || matches!(
                    t.lower.as_str(),
                    "both"
                        | "all"
                        | "many"
                        | "some"
                        | "most"
                        | "few"
                        | "several"
                        | "others"
                        | "each"
                )
                || t.lower.ends_with('s') && !t.lower.ends_with("ss") && !form.ends_with('s')
        });
        if source.is_none() || !(has_aux || subj_ok) {
            return None;
        }
    }
    // ---- speaker
    let (speaker, mut resolution) = match source {
        Some((s0, e0)) => resolve_source(cx, s0, e0, relative, si),
        None => (None, SpeakerResolution::Unknown),
    };
    let mut speaker = speaker;
    let mut confidence = 0.85;
    if source.is_none() {
        // implied: the last speaker (direct quote content only)
        if a.is_open_quote(content.0) {
            if let Some(last) = prior
                .iter()
                .rev()
                .filter(|c| reporting_claim(c))
                .find(|c| c.speaker.is_some() && c.paragraph + 3 >= a.sentences[si].paragraph)
            {
                speaker = last.speaker;
                resolution = SpeakerResolution::Implied;
                confidence = 0.6;
            }
        } else {
            return None;
        }
    }
    if speaker.is_none() {
        confidence = 0.4;
    } else if resolution == SpeakerResolution::Coreference {
        confidence = 0.75;
    }
    Some(ClaimDraft {
        kind: ClaimKind::Indirect,
        speaker,
        source,
        cue: Some((publish_start.unwrap_or(cue_start), cue_end_ext.max(cue_end))),
        cue_lemma: Some(cv.lemma.to_string()),
        content,
        fragments: vec![],
        addressee,
        paragraph: a.tok_para[content.0],
        resolution,
        confidence,
    })
}

/// An all-capitals word of two letters or more ("WASHINGTON", "BAN").
fn all_caps(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    t.kind == TokKind::Word
        && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && t.text.chars().all(|c| !c.is_lowercase())
}

/// The end of a noun phrase starting at `s`: words accepted by `word_ok` and the
/// glue inside names ("'s", hyphens, "&", "CNN/ORC", abbreviation dots,
/// possessive apostrophes), at most `max` tokens.
fn phrase_end(
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

/// An indirect claim whose source span `src` is resolved to a speaker here.
fn sourced_claim(
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

/// A passive cue with its agent: "the bill, opposed by House Republicans,",
/// "Trump was attacked by Clinton for ...": the agent after "by" is the source
/// and the noun phrase the verb is predicated of is the content.
fn passive_claim(
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

/// True for claims cued by speech, thought or evidence verbs (or "according
/// to"), not by stance acts or passives: only these carry a speaker on to the
/// next uncued quotation.
fn reporting_claim(c: &ClaimDraft) -> bool {
    match c.cue_lemma.as_deref() {
        None | Some("according to") => true,
        Some(l) => lexicon::cue_verb(l).is_none_or(|v| reporting_class(v.class)),
    }
}

/// Speech, telling, thought and evidence cues report a statement; stance and
/// intent cues describe an act.
fn reporting_class(class: CueClass) -> bool {
    matches!(
        class,
        CueClass::Speech | CueClass::Tell | CueClass::Thought | CueClass::Evidence
    )
}

/// The start of a catenative verb before the "to" at `to` ("went on to",
/// "tried to", "was quick to", "has had to"), when that verb is not a cue itself.
fn catenative_before(a: &Analysis, ss: usize, to: usize) -> Option<usize> {
    if to <= ss {
        return None;
    }
    let mut v = to - 1;
    if matches!(low(a, v), "on" | "out" | "up") && v > ss {
        v -= 1;
    }
    let w = low(a, v);
    let chain = matches!(
        w,
        "went"
            | "go"
            | "goes"
            | "tried"
            | "try"
            | "tries"
            | "trying"
            | "continued"
            | "continue"
            | "continues"
            | "began"
            | "begin"
            | "begins"
            | "started"
            | "start"
            | "starts"
            | "used"
            | "appeared"
            | "appears"
            | "seemed"
            | "seems"
            | "managed"
            | "helped"
            | "failed"
            | "attempted"
            | "attempts"
            | "chose"
            | "choose"
            | "came"
            | "going"
            | "moved"
            | "rushed"
            | "hastened"
            | "quick"
            | "eager"
            | "able"
            | "ready"
            | "had"
            | "has"
            | "have"
            | "needs"
            | "need"
            | "needed"
            | "got"
            | "gets"
            | "stepped"
            | "stood"
    );
    (chain && !a.tokens[v].is_cap()).then_some(v)
}

/// "issued a statement saying", "posted a video calling": the publishing verb
/// a few words before a gerund cue at `vg`, whose subject is the source.
fn publishing_verb(a: &Analysis, ss: usize, vg: usize) -> Option<usize> {
    let p = (ss + 1..vg).rev().take(8).find(|&j| {
        matches!(
            low(a, j),
            "issued"
                | "released"
                | "put"
                | "sent"
                | "posted"
                | "published"
                | "tweeted"
                | "wrote"
                | "signed"
                | "delivered"
                | "gave"
                | "filed"
                | "launched"
                | "aired"
                | "ran"
                | "unveiled"
                | "circulated"
                | "shared"
                | "issues"
                | "releases"
                | "sends"
                | "posts"
                | "publishes"
                | "tweets"
                | "writes"
                | "has"
                | "had"
        ) && !a.tokens[j].is_cap()
    })?;
    // the words between are an object noun phrase ("a statement", "out a letter")
    let object_ok = (p + 1..vg).all(|j| is_word(a, j) || a.tokens[j].kind == TokKind::Num)
        && (p + 1..vg).any(|j| {
            matches!(
                low(a, j),
                "statement"
                    | "statements"
                    | "letter"
                    | "letters"
                    | "tweet"
                    | "tweets"
                    | "message"
                    | "messages"
                    | "post"
                    | "video"
                    | "email"
                    | "emails"
                    | "memo"
                    | "report"
                    | "release"
                    | "ad"
                    | "advertisement"
                    | "op-ed"
                    | "note"
                    | "response"
                    | "remarks"
                    | "speech"
                    | "complaint"
                    | "lawsuit"
                    | "brief"
                    | "filing"
                    | "petition"
                    | "resolution"
                    | "order"
                    | "ruling"
                    | "appeal"
                    | "notice"
                    | "update"
                    | "blog"
                    | "column"
                    | "editorial"
            )
        });
    (object_ok && !matches!(low(a, p), "has" | "had")).then_some(p)
}

/// Normalises a subject span to the usual annotation convention: no leading
/// conjunctions, discourse adverbs or punctuation ("And he", "Still, she"), no
/// introductory phrase before a comma ("On Sunday, the senator"), and no
/// trailing parenthetical adverbial (", however,", ", in turn,").
fn tidy_source(a: &Analysis, s: usize, e: usize) -> Option<(usize, usize)> {
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
            if c + 1 < e
                && c - s <= 8
                && (lexicon::PREPOSITIONS.contains(head)
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
fn trim_trailing(a: &Analysis, s: usize, e: usize) -> usize {
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
fn object_extent(a: &Analysis, s: usize, e: usize) -> usize {
    for j in s + 1..e {
        if a.tok_depth[j] > 0 {
            continue;
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

fn is_name_start(a: &Analysis, i: usize, se: usize) -> bool {
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

/// Whether the "and" at `j` joins two noun phrases of one subject ("union
/// members and leaders", "Liberal and conservative economists") rather than two
/// clauses: a short left conjunct with no verb-like word, and no pronoun after.
fn np_conjunction(a: &Analysis, s: usize, j: usize, vg: usize) -> bool {
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

/// "Early analysis shows", "the report finds": an evidence verb after a noun
/// ending in -s is a verb, except in compounds like "talk shows".
fn evidence_after_noun(form: &str, prev: &str) -> bool {
    matches!(
        form,
        "shows" | "finds" | "suggests" | "indicates" | "reveals"
    ) && !matches!(prev, "talks" | "news" | "games")
}

/// A word that looks like a verb form: -ed/-ing, a cue, an auxiliary or a
/// frequent irregular past.
fn verb_like(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("ing")
        || lexicon::cue_verb(w).is_some()
        || AUXILIARIES.contains(w)
        || matches!(
            w,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "won"
                | "lost"
                | "got"
                | "took"
                | "made"
                | "said"
        )
}

/// The subject after a clause-final cue ("..., said Lee Epstein, a professor."):
/// a name or a role noun phrase that runs to the sentence end or to a comma.
fn inverted_subject(a: &Analysis, i: usize, se: usize) -> Option<(usize, usize)> {
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

/// Noun phrase to the right of `i` (inverted subject): up to a comma or the sentence end.
fn np_right(a: &Analysis, i: usize, se: usize) -> (usize, usize) {
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

/// A lowercase -ly adverb ("jokingly", "merely"), not a noun like "family".
fn is_ly_adverb(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    t.kind == TokKind::Word
        && !t.is_cap()
        && t.lower.len() > 4
        && t.lower.ends_with("ly")
        && !matches!(
            t.lower.as_str(),
            "family"
                | "ally"
                | "rally"
                | "supply"
                | "assembly"
                | "anomaly"
                | "monopoly"
                | "italy"
                | "bully"
                | "belly"
        )
}

/// Stop words for a leftward noun-phrase walk.
fn np_stop(a: &Analysis, i: usize) -> bool {
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

/// Subject noun phrase ending right before `vg` (no comma directly before).
fn np_left(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
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

/// "NAME, ROLE of ORG, said" / "ROLE of ORG, NAME, said" / "NAME, 67, a retired
/// teacher, said": the subject including its appositives.
fn appositive_left(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
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
fn appositive_general(a: &Analysis, ss: usize, vg: usize) -> Option<(usize, usize)> {
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

/// Headline attributions: "Paul Ryan: FBI decision defies explanation".
fn headline_colon(a: &Analysis, si: usize) -> Option<ClaimDraft> {
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

/// True when tokens `[s, e)` look like a role description ("co-founder and CEO of X", "a spokesman for Y").
pub fn is_role_phrase(a: &Analysis, s: usize, e: usize) -> bool {
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

/// The first noun phrase of a clause starting at `ss` (main-clause subject), before `limit`.
fn first_np(a: &Analysis, ss: usize, limit: usize) -> Option<(usize, usize)> {
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
fn addressee_np(a: &Analysis, i: usize, se: usize) -> (usize, usize) {
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

fn addressee_actor(cx: &mut Ctx, s: usize, e: usize) -> Option<usize> {
    let a = cx.a;
    let text = a.tok_text(s, e).to_lowercase();
    if matches!(
        text.as_str(),
        "this publication"
            | "this newspaper"
            | "this paper"
            | "this website"
            | "this site"
            | "this magazine"
            | "this reporter"
            | "this outlet"
            | "the publication"
    ) {
        return cx.actors.publisher();
    }
    cx.mentions
        .iter()
        .filter(|m| {
            m.tok_start >= s
                && m.tok_end <= e
                && matches!(
                    m.kind,
                    MentionKind::Name | MentionKind::Acronym | MentionKind::PartialName
                )
        })
        .find_map(|m| m.actor)
}

/// Resolves a source span to a speaker.
fn resolve_source(
    cx: &mut Ctx,
    s: usize,
    e: usize,
    relative: Option<usize>,
    si: usize,
) -> (Option<usize>, SpeakerResolution) {
    let a = cx.a;
    if let Some(r) = relative {
        // antecedent: nearest actor mention before the relative pronoun in the sentence,
        // skipping possessives and places
        let ss = a.sentences[si].tok_start;
        if low(a, r) == "which" {
            let prev_end = if r > ss && a.tokens[r - 1].is(",") {
                r - 1
            } else {
                r
            };
            let direct = cx
                .mentions
                .iter()
                .filter(|m| m.tok_end == prev_end && !m.possessive && m.actor.is_some())
                .find_map(|m| m.actor);
            return match direct {
                Some(x) => (Some(x), SpeakerResolution::Coreference),
                None => (None, SpeakerResolution::Unknown),
            };
        }
        let best = cx
            .mentions
            .iter()
            .filter(|m| {
                m.tok_end <= r
                    && m.tok_start >= ss
                    && !m.possessive
                    && m.actor.is_some()
                    && m.kind != MentionKind::Pronoun
            })
            .filter(|m| {
                m.actor
                    .is_some_and(|x| cx.actors.list[x].kind != ActorKind::Place)
            })
            .max_by_key(|m| m.tok_end)
            .and_then(|m| m.actor);
        if best.is_some() {
            return (best, SpeakerResolution::Coreference);
        }
        // a generic noun phrase right before: "officials who said"
        if let Some(np) = np_left(
            a,
            ss,
            r.saturating_sub(if r > ss && a.tokens[r - 1].is(",") {
                1
            } else {
                0
            }),
        ) {
            if let Some(x) = nominal_actor(cx, np.0, np.1) {
                return (Some(x), SpeakerResolution::Coreference);
            }
        }
        return (None, SpeakerResolution::Unknown);
    }
    let inside: Vec<RawMention> = cx
        .mentions
        .iter()
        .filter(|m| m.tok_start >= s && m.tok_end <= e)
        .cloned()
        .collect();
    let pick =
        |pred: &dyn Fn(&RawMention) -> bool| inside.iter().find(|m| pred(m) && m.actor.is_some());
    let actors = &cx.actors;
    // "members of X" first
    if let Some(m) = inside
        .iter()
        .find(|m| m.kind == MentionKind::Nominal && m.actor.is_some() && m.tok_start == s)
    {
        return (m.actor, SpeakerResolution::Explicit);
    }
    let person_name = pick(&|m| {
        m.kind == MentionKind::Name
            && m.actor
                .is_some_and(|x| actors.list[x].kind == ActorKind::Person)
    });
    let any_name = pick(&|m| {
        matches!(
            m.kind,
            MentionKind::Name | MentionKind::Acronym | MentionKind::Hashtag
        ) && !m.possessive
            && m.actor
                .is_some_and(|x| actors.list[x].kind != ActorKind::Place)
    });
    let any_name_poss = pick(&|m| {
        matches!(m.kind, MentionKind::Name | MentionKind::Acronym)
            && m.actor
                .is_some_and(|x| actors.list[x].kind != ActorKind::Place)
    });
    let partial = pick(&|m| m.kind == MentionKind::PartialName);
    let pron = pick(&|m| matches!(m.kind, MentionKind::Pronoun | MentionKind::RoleNoun));
    if let Some(m) = person_name.or(any_name) {
        if let Some(x) = m.actor {
            let ab = &mut cx.actors.list[x];
            if ab.kind == ActorKind::Unknown
                && ab.name.split_whitespace().count() > 1
                && m.tok_start == s
            {
                ab.kind = ActorKind::Person;
            }
        }
        return (m.actor, SpeakerResolution::Explicit);
    }
    if let Some(m) = partial {
        return (m.actor, SpeakerResolution::Coreference);
    }
    // a role noun phrase that owns an organisation: "a spokeswoman for X" -> X
    if let Some(m) = any_name_poss {
        return (m.actor, SpeakerResolution::Explicit);
    }
    if let Some(m) = pron {
        return (
            m.actor,
            if m.actor.is_some() {
                SpeakerResolution::Coreference
            } else {
                SpeakerResolution::Unknown
            },
        );
    }
    if inside.iter().any(|m| m.kind == MentionKind::Pronoun) {
        return (None, SpeakerResolution::Unknown);
    }
    match nominal_actor(cx, s, e) {
        Some(x) => (Some(x), SpeakerResolution::Explicit),
        None => (None, SpeakerResolution::Unknown),
    }
}

/// A generic actor noun phrase ("intelligence agencies", "a campaign") as an actor.
fn nominal_actor(cx_mentions_actors: &mut Ctx, s: usize, e: usize) -> Option<usize> {
    nominal_actor_parts(
        cx_mentions_actors.a,
        cx_mentions_actors.mentions,
        cx_mentions_actors.actors,
        s,
        e,
    )
}

/// As [`nominal_actor`], with the parts passed separately.
pub fn nominal_actor_parts(
    a: &Analysis,
    mentions: &mut Vec<RawMention>,
    actors: &mut Actors,
    s: usize,
    e: usize,
) -> Option<usize> {
    // head: the last word before "of"/"with"/"in"/a participle
    let mut h = s;
    let mut end = s;
    for j in s..e {
        let poss = a.tokens[j].kind == TokKind::Quote && a.tok_quote[j].is_none() && j > s;
        if !is_word(a, j) && !poss {
            break;
        }
        let w = low(a, j);
        if j > s
            && (lexicon::PREPOSITIONS.contains(w) || w.ends_with("ed") || RELATIVES.contains(w))
        {
            break;
        }
        h = j;
        end = j + 1;
    }
    if end <= s {
        return None;
    }
    let head = low(a, h);
    if !lexicon::ACTOR_NOUNS.contains(head) || head == "the" {
        return None;
    }
    let mut st = s;
    while st < h && (DETERMINERS.contains(low(a, st)) || matches!(low(a, st), "and" | "or" | "but"))
    {
        st += 1;
    }
    let name = a.tok_text(st, end).to_lowercase();
    if name.is_empty() {
        return None;
    }
    let kind = match head {
        "agencies" | "agency" | "companies" | "company" | "firms" | "firm" | "governments"
        | "government" | "administration" | "department" | "ministry" | "committee" | "council"
        | "court" | "unions" | "union" | "providers" | "operators" | "hosts" => {
            ActorKind::Organisation
        }
        "campaign" | "campaigns" => ActorKind::Campaign,
        "sites" | "websites" | "report" | "study" | "survey" | "poll" | "polls" | "statement" => {
            ActorKind::Unknown
        }
        "spokesman" | "spokeswoman" | "spokesperson" | "official" | "expert" | "critic"
        | "analyst" | "activist" | "lawyer" | "witness" | "source" | "executive" | "judge"
        | "ceo" | "chief" | "director" | "president" | "chairman" | "manager" | "senator"
        | "governor" | "mayor" | "candidate" | "founder" | "leader" | "member" | "officer"
        | "aide" | "adviser" | "advocate" | "minister" | "supporter" | "opponent" | "protester"
        | "hacker" | "prosecutor" | "regulator" => ActorKind::Person,
        _ => ActorKind::Group,
    };
    let existing = actors.by_key(&super::coref::key(&name));
    let i = match existing {
        Some(i) => i,
        None => {
            actors.list.push(super::coref::ActorBuild {
                name: name.clone(),
                kind,
                strong: false,
                keys: [super::coref::key(&name)].into_iter().collect(),
                names: vec![name.clone()],
                mentions: vec![],
                is_publisher: false,
                last_tok: 0,
            });
            actors.list.len() - 1
        }
    };
    if !mentions
        .iter()
        .any(|m| m.tok_start == s && m.tok_end == end)
    {
        mentions.push(RawMention {
            tok_start: s,
            tok_end: end,
            kind: MentionKind::Nominal,
            actor_kind: kind,
            strong_kind: false,
            alias_of: None,
            group_of: None,
            possessive: false,
            actor: Some(i),
        });
        let mi = mentions.len() - 1;
        actors.list[i].mentions.push(mi);
        actors.list[i].last_tok = actors.list[i].last_tok.max(s + 1);
    }
    Some(i)
}

/// "According to X, ..." / "..., according to X."
fn according_to(cx: &mut Ctx, si: usize, k: usize, _prior: &[ClaimDraft]) -> Option<ClaimDraft> {
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
fn in_document(cx: &mut Ctx, si: usize) -> Option<ClaimDraft> {
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

/// A full stop inside a noun phrase: an abbreviation ("Mr.", "Dennis B. Ross",
/// "Fla.") or a domain name ("Factcheck.org"), not a sentence end.
fn abbreviation_dot(a: &Analysis, i: usize, se: usize) -> bool {
    let prev = &a.tokens[i - 1];
    let Some(next) = a.tokens.get(i + 1).filter(|_| i + 1 < se) else {
        return false;
    };
    if prev.end != a.tokens[i].start {
        return false;
    }
    let domain = next.start == a.tokens[i].end
        && matches!(
            next.lower.as_str(),
            "com" | "org" | "net" | "gov" | "edu" | "fr" | "uk" | "de"
        );
    let short = prev.is_cap() && prev.text.chars().count() <= 4;
    domain || short && (next.kind == TokKind::Word || next.kind == TokKind::Num)
}

/// True when quote `q` looks like speech (not a scare quote or a title).
fn speech_like(a: &Analysis, qi: usize) -> bool {
    let q = &a.quotes[qi];
    let inner = (q.open + 1..q.inner_end).filter(|&i| is_word(a, i)).count();
    let ends_punct = q.inner_end > q.open + 1
        && matches!(
            a.tokens[q.inner_end - 1].text.as_str(),
            "," | "." | "!" | "?" | "…"
        );
    inner >= 6 || (inner >= 3 && ends_punct)
}

/// Direct quotations with no cue in their sentence.
fn quote_pass(cx: &mut Ctx, claims: &mut Vec<ClaimDraft>) {
    let a = cx.a;
    for qi in 0..a.quotes.len() {
        let q = a.quotes[qi].clone();
        if q.depth != 0 || a.furniture.get(q.paragraph).copied().unwrap_or(false) {
            continue;
        }
        let qs = q.open;
        let qe = q.last_tok() + 1;
        // covered already (as content or inside content)?
        if claims.iter().any(|c| {
            c.content.0 <= qs && qe <= c.content.1 || (c.content.0 < qe && qs < c.content.1)
        }) {
            continue;
        }
        if !speech_like(a, qi) {
            continue;
        }
        // only quotes that stand as their own sentence(s): the quote starts a sentence
        let si = a.tok_sent[qs];
        let s_start = a.sentences[si].tok_start;
        if qs != s_start {
            continue;
        }
        let para = q.paragraph;
        // continuation inside the same paragraph: the previous claim in the paragraph, direct
        let prev_same = claims
            .iter()
            .filter(|c| c.paragraph == para && c.content.1 <= qs && c.cue.is_some())
            .max_by_key(|c| c.content.1)
            .cloned();
        let mut draft = if let Some(p) = prev_same {
            let mut d = p.clone();
            d.content = (qs, qe);
            d.confidence = p.confidence.min(0.85);
            d
        } else {
            let para_start = a.para_tok[para];
            let prev = claims
                .iter()
                .filter(|c| c.content.1 <= qs && c.paragraph < para && c.paragraph + 2 >= para)
                .filter(|c| reporting_claim(c))
                .max_by_key(|c| c.content.1)
                .cloned();
            let last_para_quote_open = para > 0
                && a.quotes
                    .iter()
                    .any(|x| x.paragraph == para - 1 && x.close.is_none() && x.depth == 0);
            // a cue-less quote paragraph continues the previous speaker, or stays unknown
            let (speaker, resolution, confidence) = match prev {
                Some(p)
                    if qs == para_start
                        && (a.is_open_quote(p.content.0) || last_para_quote_open)
                        && p.speaker.is_some() =>
                {
                    (p.speaker, SpeakerResolution::Continued, 0.65)
                }
                _ => (None, SpeakerResolution::Unknown, 0.3),
            };
            ClaimDraft {
                kind: ClaimKind::Direct,
                speaker,
                source: None,
                cue: None,
                cue_lemma: None,
                content: (qs, qe),
                fragments: vec![],
                addressee: None,
                paragraph: para,
                resolution,
                confidence,
            }
        };
        draft.kind = ClaimKind::Direct;
        draft.fragments.clear();
        claims.push(draft);
    }
}
