//! Is a cue word a verb here, and does what follows fit its class: verbal
//! context, complements per cue class, catenative and publishing verb chains.

use crate::annotate::drafts::ClaimDraft;
use crate::annotate::lexicon::{self, CueClass, AUXILIARIES, DETERMINERS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_ly_adverb, is_word, low};

/// Is the cue at `k` verbal in this context?
#[allow(clippy::if_same_then_else)]
pub(super) fn verbal(a: &Analysis, k: usize, ss: usize, form: &str) -> bool {
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
pub(super) fn complement_ok(
    a: &Analysis,
    lemma: &str,
    class: CueClass,
    after: usize,
    se: usize,
) -> bool {
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
pub(super) fn complement_here(
    a: &Analysis,
    lemma: &str,
    class: CueClass,
    after: usize,
    se: usize,
) -> bool {
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

/// A word that looks like a verb form: -ed/-ing, a cue, an auxiliary or a
/// frequent irregular past.
pub(super) fn verb_like(w: &str) -> bool {
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

/// "Early analysis shows", "the report finds": an evidence verb after a noun
/// ending in -s is a verb, except in compounds like "talk shows".
pub(super) fn evidence_after_noun(form: &str, prev: &str) -> bool {
    matches!(
        form,
        "shows" | "finds" | "suggests" | "indicates" | "reveals"
    ) && !matches!(prev, "talks" | "news" | "games")
}

/// The start of a catenative verb before the "to" at `to` ("went on to",
/// "tried to", "was quick to", "has had to"), when that verb is not a cue itself.
pub(super) fn catenative_before(a: &Analysis, ss: usize, to: usize) -> Option<usize> {
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
pub(super) fn publishing_verb(a: &Analysis, ss: usize, vg: usize) -> Option<usize> {
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

/// True for claims cued by speech, thought or evidence verbs (or "according
/// to"), not by stance acts or passives: only these carry a speaker on to the
/// next uncued quotation.
pub(super) fn reporting_claim(c: &ClaimDraft) -> bool {
    match c.cue_lemma.as_deref() {
        None | Some("according to") => true,
        Some(l) => lexicon::cue_verb(l).is_none_or(|v| reporting_class(v.class)),
    }
}

/// Speech, telling, thought and evidence cues report a statement; stance and
/// intent cues describe an act.
pub(super) fn reporting_class(class: CueClass) -> bool {
    matches!(
        class,
        CueClass::Speech | CueClass::Tell | CueClass::Thought | CueClass::Evidence
    )
}
