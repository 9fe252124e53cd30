//! Generic actor noun phrases ("intelligence agencies", "a spokesman") as actors.

use crate::annotate::actors::{key, Actors};
use crate::annotate::drafts::{MentionSet, RawMention};
use crate::annotate::lexicon::{self, DETERMINERS, RELATIVES};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_word, low};
use crate::extraction::{ActorKind, MentionKind};

/// A generic actor noun phrase `[s, e)` ("intelligence agencies", "a campaign")
/// as an actor: found by its name key or created, with a nominal mention.
pub fn nominal_actor_parts(
    a: &Analysis,
    mentions: &mut MentionSet,
    actors: &mut Actors,
    s: usize,
    e: usize,
) -> Option<usize> {
    // "dozens of writers", "two people familiar with the matter": the quantity is
    // not part of the actor
    let s = skip_quantity(a, s, e);
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
    // "people familiar with the matter", "sources close to the talks"
    let mut name_end = end;
    if h > s && matches!(low(a, h), "familiar" | "close" | "briefed") && plain_words(a, end, e) {
        h -= 1;
        name_end = e;
    }
    let head = low(a, h);
    if !lexicon::ACTOR_NOUNS.contains(head) || head == "the" {
        return None;
    }
    // "mayors of the big city regions": a plural head keeps its "of" phrase
    if name_end == end
        && end < e
        && low(a, end) == "of"
        && head.ends_with('s')
        && e - end <= 7
        && plain_words(a, end, e)
    {
        name_end = e;
    }
    let end = name_end;
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
        | "court" | "unions" | "union" | "providers" | "operators" | "hosts" | "tribunal"
        | "tribunals" | "councils" | "businesses" | "retailers" | "charities" => {
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
    let existing = actors.by_key(&key(&name));
    let i = match existing {
        Some(i) => i,
        None => actors.create(&name, kind, false),
    };
    if !mentions
        .starting_at(s)
        .iter()
        .any(|&mi| mentions[mi].tok_end == end)
    {
        let mi = mentions.push(RawMention {
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
        actors.list[i].mentions.push(mi);
        actors.touch(i, s);
    }
    Some(i)
}

/// Past a leading count or quantity: "two", "dozens of", "a handful of",
/// "hundreds of the", when an actor noun phrase follows.
fn skip_quantity(a: &Analysis, s: usize, e: usize) -> usize {
    let mut j = s;
    if j < e && matches!(low(a, j), "a" | "an") {
        j += 1;
    }
    let count = |j: usize| {
        a.tokens[j].kind == TokKind::Num
            || matches!(
                low(a, j),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "millions"
                    | "scores"
                    | "handful"
                    | "number"
                    | "couple"
                    | "dozen"
                    | "hundred"
                    | "thousand"
            )
    };
    if j >= e || !count(j) {
        return s;
    }
    j += 1;
    if j < e && low(a, j) == "of" {
        j += 1;
        while j < e && DETERMINERS.contains(low(a, j)) {
            j += 1;
        }
    }
    if j < e && is_word(a, j) {
        j
    } else {
        s
    }
}

/// Whether `[s, e)` holds only words (no punctuation, quotes or numbers), so a
/// phrase can extend over it.
fn plain_words(a: &Analysis, s: usize, e: usize) -> bool {
    s < e && (s..e).all(|j| is_word(a, j) && !RELATIVES.contains(low(a, j)))
}
