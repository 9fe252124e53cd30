//! Adjuncts at the edges of a reported content: the time word that belongs
//! to the cue ("said Tuesday that"), a prepositional phrase between the cue
//! and its clause ("wrote to the council that", "said in reference to X,
//! '...'"), a venue or time phrase after an object ("thanked voters at a rally
//! on Monday"), and a second verb of the speaker ("... and praised her effort").
//! Each is a convention of attribution annotation (PARC / PolNeAR): the content
//! is what is reported, not when, where or to whom.

use crate::annotate::lexicon::{self, PREPOSITIONS};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_word, low};

/// True for the names of the days of the week (lowercase).
fn weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Nouns of a span of time after "last", "this", "next" or "earlier this".
fn period(w: &str) -> bool {
    matches!(
        w,
        "week" | "month" | "year" | "night" | "weekend" | "spring" | "summer" | "autumn" | "fall"
    ) || w == "winter"
}

/// Parts of a day after a weekday ("Tuesday night").
fn day_part(w: &str) -> bool {
    matches!(w, "morning" | "afternoon" | "evening" | "night")
}

/// The number of tokens of a time adverbial at `i` that annotation puts in
/// the cue ("said Tuesday", "said last week", "said repeatedly"), or 0. The
/// adverbial must be followed by more of the sentence (before `se`).
pub(super) fn cue_adverbial(a: &Analysis, i: usize, se: usize) -> usize {
    let w = low(a, i);
    let n = if weekday(w) {
        if i + 1 < se && day_part(low(a, i + 1)) {
            2
        } else {
            1
        }
    } else if matches!(w, "yesterday" | "today" | "tonight" | "repeatedly") {
        1
    } else if matches!(w, "last" | "this") && i + 1 < se && period(low(a, i + 1)) {
        2
    } else if w == "earlier" && i + 2 < se && low(a, i + 1) == "this" && period(low(a, i + 2)) {
        3
    } else {
        0
    };
    if n == 0 || i + n >= se {
        return 0;
    }
    // a content must follow: a word, "that" or a quotation, not a stop
    let next = &a.tokens[i + n];
    if is_word(a, i + n) || next.kind == TokKind::Quote || next.is(":") {
        n
    } else {
        0
    }
}

/// Where the content starts when a prepositional phrase sits between the cue
/// and the reported clause or quotation: "wrote to the council that ...",
/// "claimed in an interview with the paper that ...", "said, in reference to
/// X, '...'". Looks at most 16 tokens ahead of `after` (before `end`).
pub(super) fn past_leading_phrase(a: &Analysis, after: usize, end: usize) -> Option<usize> {
    let w = low(a, after);
    if !matches!(
        w,
        "to" | "in" | "on" | "at" | "during" | "with" | "after" | "before"
    ) {
        return None;
    }
    // "to" + a verb is an infinitive, part of the content
    if w == "to" && !starts_noun_phrase(a, after + 1) {
        return None;
    }
    let limit = end.min(after + 16);
    for j in after + 1..limit {
        if a.tok_depth[j] > 0 {
            return None;
        }
        let t = &a.tokens[j];
        if low(a, j) == "that" && j > after + 1 {
            // "that" opening the clause, not a demonstrative after a preposition
            let prev = low(a, j - 1);
            return (!PREPOSITIONS.contains(prev) && !matches!(prev, "of" | "about")).then_some(j);
        }
        if t.kind == TokKind::Quote {
            // ", '...'": the quotation after the phrase is the content
            return (a.is_open_quote(j) && j > after + 2 && a.tokens[j - 1].is(",")).then_some(j);
        }
        // another cue ("to the man who said that ...") is not this one's phrase
        let finite_cue = lexicon::cue_verb(low(a, j)).is_some_and(|cv| low(a, j) != cv.lemma)
            && !low(a, j).ends_with("ing");
        if t.is_final() || t.is(";") || finite_cue {
            return None;
        }
    }
    None
}

/// True when token `i` can open a noun phrase (a determiner, possessive,
/// number or capitalised word), so "to" before it is a preposition.
fn starts_noun_phrase(a: &Analysis, i: usize) -> bool {
    let Some(t) = a.tokens.get(i) else {
        return false;
    };
    let w = low(a, i);
    t.kind == TokKind::Num
        || lexicon::DETERMINERS.contains(w)
        || matches!(w, "his" | "her" | "their" | "its" | "our" | "my" | "your")
        || t.text.chars().next().is_some_and(char::is_uppercase)
}

/// Heads of the occasions and media through which something is said.
fn venue_noun(w: &str) -> bool {
    matches!(
        w,
        "tweet"
            | "tweets"
            | "statement"
            | "interview"
            | "interviews"
            | "speech"
            | "speeches"
            | "rally"
            | "event"
            | "debate"
            | "hearing"
            | "meeting"
            | "conference"
            | "briefing"
            | "forum"
            | "dinner"
            | "fundraiser"
            | "luncheon"
            | "post"
            | "video"
            | "letter"
            | "email"
            | "appearance"
            | "address"
            | "session"
            | "podcast"
            | "broadcast"
    )
}

/// Media named without a determiner ("on Twitter", "on social media").
fn medium(w: &str) -> bool {
    matches!(
        w,
        "twitter" | "facebook" | "instagram" | "social" | "television" | "tv" | "radio" | "x"
    )
}

/// True when a time or venue adjunct starts at token `j` of an object
/// content: "last week", "on Monday", "at a rally", "in a tweet", "during the
/// debate", "on social media". Such a phrase tells when or where it was said.
pub(super) fn trailing_adjunct(a: &Analysis, j: usize, e: usize) -> bool {
    let w = low(a, j);
    let w1 = if j + 1 < e { low(a, j + 1) } else { "" };
    let w2 = if j + 2 < e { low(a, j + 2) } else { "" };
    if weekday(w) && !a.tokens[j - 1].is("'s") {
        return true;
    }
    if matches!(w, "last" | "earlier" | "yesterday")
        && (period(w1) || w1 == "this" || w == "yesterday")
    {
        return true;
    }
    if matches!(w, "on" | "in" | "at" | "during") {
        if weekday(w1) || medium(w1) {
            return true;
        }
        let det = matches!(w1, "a" | "an" | "the" | "his" | "her" | "their" | "its");
        // "at a rally", "in a statement", "during a televised debate"
        let head = if det && j + 3 < e && !venue_noun(w2) {
            low(a, j + 3)
        } else {
            w2
        };
        if det && venue_noun(head) {
            return true;
        }
    }
    false
}

/// True when token `j` coordinates a second verb of the speaker after the
/// content: "and praised her effort", "but said the plan", where the verb is
/// an inflected verb of speaking or telling, or a finite evaluative verb
/// ("and showing disregard" and a bare "and call" are part of the content).
pub(super) fn coordinated_cue(a: &Analysis, j: usize, e: usize) -> bool {
    if !matches!(low(a, j), "and" | "but") || j + 1 >= e || a.tok_depth[j] > 0 {
        return false;
    }
    let v = low(a, j + 1);
    let Some(cv) = lexicon::cue_verb(v) else {
        return false;
    };
    use lexicon::CueClass::{Speech, Stance, Tell};
    v != cv.lemma
        && match cv.class {
            Speech | Tell => true,
            Stance => !v.ends_with("ing"),
            _ => false,
        }
}

/// True when token `i`, right after a cue, is a preposition that annotation
/// puts in the cue ("joked about", "called for", "pleaded to"), its object
/// (a phrase, not a quotation or a "that" clause, before `se`) being the
/// content.
pub(super) fn cue_particle(a: &Analysis, i: usize, se: usize) -> bool {
    if i + 1 >= se || !is_word(a, i + 1) || low(a, i + 1) == "that" {
        return false;
    }
    let next = low(a, i + 1);
    match low(a, i) {
        // "wanted to leave" keeps its infinitive; "pleaded to charges" does not
        "to" => starts_noun_phrase(a, i + 1),
        // "said on Tuesday", "wrote on Twitter" say when and where
        "on" => !weekday(next) && !medium(next) && a.tokens[i + 1].kind != TokKind::Num,
        w => matches!(
            w,
            "about" | "of" | "for" | "against" | "with" | "from" | "over"
        ),
    }
}

/// The number of tokens of a time adverbial that ends just before token `j`
/// and starts after `ss` ("on Friday", "Friday night", "last week", "earlier
/// this month", "yesterday"), or 0.
pub(super) fn time_before(a: &Analysis, ss: usize, j: usize) -> usize {
    let w = |i: usize| if i >= ss && i < j { low(a, i) } else { "" };
    if j < ss + 2 {
        return 0;
    }
    let mut n = if weekday(w(j - 1)) {
        1
    } else if day_part(w(j - 1)) && weekday(w(j.saturating_sub(2))) {
        2
    } else if period(w(j - 1)) && matches!(w(j.saturating_sub(2)), "last" | "this" | "next") {
        if w(j.saturating_sub(3)) == "earlier" {
            3
        } else {
            2
        }
    } else if matches!(w(j - 1), "yesterday" | "today") {
        1
    } else {
        0
    };
    if n > 0 && j > n && w(j - n - 1) == "on" {
        n += 1;
    }
    // something must be left before it: the subject
    if j < ss + n + 1 {
        0
    } else {
        n
    }
}

/// True for the words of the adverbials [`time_before`] finds.
pub(super) fn time_token(w: &str) -> bool {
    weekday(w)
        || day_part(w)
        || period(w)
        || matches!(
            w,
            "on" | "last" | "this" | "next" | "earlier" | "yesterday" | "today"
        )
}
