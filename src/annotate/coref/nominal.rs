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
