//! Mention detection by rules: proper-name runs (capitalisation, honorifics,
//! organisation suffixes, connectors), acronyms in parentheses as aliases,
//! hashtags, pronouns, role nouns ("the firm", "the CEO"), "members of X",
//! and type-noun contexts ("the hacktivist group X", "the firm X"). An optional
//! NER model adds spans the rules missed.

use super::backbone;
pub use super::drafts::RawMention;
use super::lexicon::{
    self, COMPANY_NOUNS, FACTION_NOUNS, GROUP_NOUNS, HONORIFICS, ORG_SUFFIXES, OUTLET_WORDS, PLACES,
};
use super::segment::Analysis;
use super::tokens::TokKind;
use crate::extraction::{ActorKind, MentionKind};
use crate::models::TokenClassifier;
use crate::syntax::gum::EntType;

/// Finds mentions in all non-furniture paragraphs.
pub fn find(
    a: &Analysis,
    ner: Option<&dyn TokenClassifier>,
    outlet: Option<&str>,
) -> Vec<RawMention> {
    let mut out: Vec<RawMention> = vec![];
    let cap_elsewhere = capitalised_midsentence(a);
    let n = a.tokens.len();
    let mut i = 0;
    while i < n {
        let p = a.tok_para[i];
        if a.furniture.get(p).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let t = &a.tokens[i];
        match t.kind {
            TokKind::Hashtag => {
                out.push(mention(
                    i,
                    i + 1,
                    MentionKind::Hashtag,
                    ActorKind::Campaign,
                    true,
                ));
                i += 1;
                continue;
            }
            TokKind::Word if !t.is_cap() => {
                if let Some(m) = lowercase_mention(a, i) {
                    let end = m.tok_end;
                    out.push(m);
                    i = end.max(i + 1);
                } else {
                    i += 1;
                }
                continue;
            }
            TokKind::Word => {}
            _ => {
                i += 1;
                continue;
            }
        }
        // a capitalised word: try a name run
        let Some((s, e, honorific)) = name_run(a, i, &cap_elsewhere) else {
            // sentence-initial pronouns / role nouns ("He said", "The firm said")
            if let Some(m) = lowercase_mention(a, i) {
                let end = m.tok_end;
                out.push(m);
                i = end.max(i + 1);
            } else {
                i += 1;
            }
            continue;
        };
        let run_end = e;
        let (s, e, honorific) = match split_title(a, s, e) {
            Some(t) => {
                if let Some((ps, pe)) = t.org_before {
                    let (k, strong) = name_kind(a, ps, pe, false, outlet);
                    out.push(mention(ps, pe, MentionKind::Name, k, strong));
                }
                (t.name.0, t.name.1, honorific || t.titled)
            }
            None => {
                i = run_end;
                continue;
            }
        };
        let (mut kind, strong) = name_kind(a, s, e, honorific, outlet);
        if kind == ActorKind::Unknown {
            kind = kind_by_entity_tagger(a, s, e);
        }
        let mk = if e - s == 1 && is_acronym(&a.tokens[s].text) {
            MentionKind::Acronym
        } else {
            MentionKind::Name
        };
        let mut m = mention(s, e, mk, kind, strong);
        m.possessive = a.tokens.get(e).is_some_and(|t| t.lower == "'s");
        let idx = out.len();
        // "members of X" / "a member of X"
        if s >= 2
            && a.tokens[s - 1].lower == "of"
            && matches!(
                a.tokens[s - 2].lower.as_str(),
                "members" | "member" | "supporters" | "activists" | "hackers" | "followers"
            )
        {
            let ms = if s >= 3 && lexicon::DETERMINERS.contains(a.tokens[s - 3].lower.as_str()) {
                s - 3
            } else {
                s - 2
            };
            if a.tokens[s - 2].lower.starts_with("member") {
                if !m.strong_kind || m.actor_kind == ActorKind::Unknown {
                    m.actor_kind = ActorKind::Group;
                    m.strong_kind = true;
                }
                out.push(m);
                let mut nm = mention(ms, e, MentionKind::Nominal, ActorKind::Group, true);
                nm.group_of = Some(idx);
                out.push(nm);
            } else {
                out.push(m);
            }
        } else {
            out.push(m);
        }
        i = e;
        // acronym alias in parentheses: NAME (ACR)
        if i + 2 < n
            && a.tokens[i].is("(")
            && a.tokens[i + 2].is(")")
            && a.tokens[i + 1].kind == TokKind::Word
            && a.tokens[i + 1].is_cap()
            && a.tokens[i + 1].text.chars().count() >= 2
        {
            let k = out[idx].actor_kind;
            let mut al = mention(i + 1, i + 2, MentionKind::Acronym, k, out[idx].strong_kind);
            al.alias_of = Some(idx);
            out.push(al);
            i += 3;
        }
    }
    if let Some(model) = ner {
        add_ner(a, model, &mut out);
    }
    out.sort_by_key(|m| (m.tok_start, m.tok_end));
    // re-link alias/group indices after sorting: recompute by positions
    relink(&mut out);
    out
}

/// A capitalised run after its titles are taken off.
struct Titled {
    /// The name proper.
    name: (usize, usize),
    /// A title stood before the name ("Home Secretary Tom Reed"): a person.
    titled: bool,
    /// An organisation named before the title ("Europol Director Ann Berg").
    org_before: Option<(usize, usize)>,
}

fn title_word(a: &Analysis, i: usize) -> bool {
    let w = a.tokens[i].lower.trim_end_matches('.');
    HONORIFICS.contains(w) || lexicon::ROLE_HEADS.contains(w)
}

fn person_like(a: &Analysis, s: usize, e: usize) -> bool {
    let first = a.tokens[s].lower.as_str();
    lexicon::is_given_name(first)
        || (e - s <= 3
            && (s..e).all(|k| a.tokens[k].kind == TokKind::Word && !is_acronym(&a.tokens[k].text))
            && !ORG_SUFFIXES.contains(a.tokens[e - 1].lower.as_str()))
}

/// Titles inside a capitalised run `[s, e)`: a run of title words alone is no
/// name ("General manager ...", "the Minister"); "Home Secretary Tom Reed" and
/// "Europol Director Ann Berg" name the person after the title (and an
/// organisation before it); after an office title, "for/of X" is a portfolio
/// ("Minister for Infrastructure Ann Lee"), not an organisation. `None` when no
/// name is left.
fn split_title(a: &Analysis, s: usize, e: usize) -> Option<Titled> {
    let words: Vec<usize> = (s..e)
        .filter(|&k| a.tokens[k].kind == TokKind::Word)
        .collect();
    // title modifiers alone are a title only before a title word ("Opposition
    // leader Ann Lee", but "the Opposition said")
    let modifier = |k: usize| lexicon::TITLE_MODIFIERS.contains(a.tokens[k].lower.as_str());
    let titles_only = words.iter().all(|&k| title_word(a, k) || modifier(k))
        && (words.iter().any(|&k| title_word(a, k)) || e < a.tokens.len() && title_word(a, e));
    if titles_only {
        return None;
    }
    if e - s == 1 && lexicon::NOT_ACTORS.contains(a.tokens[s].lower.as_str()) {
        return None;
    }
    // a portfolio after "Minister for", "Secretary of"
    if s >= 2
        && matches!(a.tokens[s - 1].lower.as_str(), "for" | "of")
        && a.tokens[s - 2].is_cap()
        && lexicon::OFFICE_TITLES.contains(a.tokens[s - 2].lower.as_str())
    {
        // the name opens at a given name, else it is the last two words
        // ("Minister for Housing Idris Penwarden")
        let g = (s + 1..e)
            .find(|&k| lexicon::is_given_name(&a.tokens[k].lower))
            .or_else(|| (words.len() >= 3).then(|| words[words.len() - 2]))?;
        return Some(Titled {
            name: (g, e),
            titled: true,
            org_before: None,
        });
    }
    // the last title word with a person-like name after it
    if let Some(t) = (s..e.saturating_sub(1))
        .rev()
        .find(|&k| title_word(a, k) && a.tokens[k].is_cap())
    {
        let honorific = HONORIFICS.contains(a.tokens[t].lower.trim_end_matches('.'));
        let given = lexicon::is_given_name(&a.tokens[t + 1].lower);
        if t > s
            && (given || honorific && person_like(a, t + 1, e))
            && !ORG_SUFFIXES.contains(a.tokens[t].lower.as_str())
        {
            let mut ps = s;
            let mut pe = t;
            while pe > ps
                && (title_word(a, pe - 1)
                    || lexicon::TITLE_MODIFIERS.contains(a.tokens[pe - 1].lower.as_str()))
            {
                pe -= 1;
            }
            while ps < pe && !a.tokens[ps].is_word() {
                ps += 1;
            }
            return Some(Titled {
                name: (t + 1, e),
                titled: true,
                org_before: (pe > ps).then_some((ps, pe)),
            });
        }
    }
    Some(Titled {
        name: (s, e),
        titled: false,
        org_before: None,
    })
}

#[allow(clippy::needless_range_loop)]
fn relink(out: &mut [RawMention]) {
    // alias_of / group_of were indices before sorting; sorting by start keeps the
    // relative order of rule mentions (they are produced left to right), except that
    // a "members of X" nominal starts before X. Recompute by position.
    // mentions by end token, in order (the first match wins, as before)
    let mut by_end: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, m) in out.iter().enumerate() {
        by_end.entry(m.tok_end).or_default().push(i);
    }
    for i in 0..out.len() {
        if out[i].alias_of.is_some() {
            // the name right before "(" ACR ")"
            let s = out[i].tok_start;
            out[i].alias_of = s.checked_sub(1).and_then(|e| by_end.get(&e)).and_then(|v| {
                v.iter()
                    .copied()
                    .find(|&j| matches!(out[j].kind, MentionKind::Name | MentionKind::Acronym))
            });
        }
        if out[i].group_of.is_some() {
            let (s, e) = (out[i].tok_start, out[i].tok_end);
            out[i].group_of = by_end.get(&e).and_then(|v| {
                v.iter()
                    .copied()
                    .find(|&j| out[j].tok_start > s && out[j].kind != MentionKind::Nominal)
            });
        }
    }
}

fn mention(
    s: usize,
    e: usize,
    kind: MentionKind,
    actor_kind: ActorKind,
    strong: bool,
) -> RawMention {
    RawMention {
        tok_start: s,
        tok_end: e,
        kind,
        actor_kind,
        strong_kind: strong,
        alias_of: None,
        group_of: None,
        possessive: false,
        actor: None,
    }
}

/// All-caps word of 2+ letters (or with a lowercase plural s: "ISPs").
pub fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn is_camel(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next();
    chars.any(|c| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase())
}

/// Lowercase single-word names seen somewhere other than the first word of a
/// sentence: capitalised words standing alone, and last words of multi-word
/// runs (surnames).
fn capitalised_midsentence(a: &Analysis) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    let n = a.tokens.len();
    for i in 0..n {
        let capw = |j: usize| {
            j < n
                && a.tokens[j].kind == TokKind::Word
                && a.tokens[j].is_cap()
                && a.tok_sent[j] == a.tok_sent[i]
        };
        if capw(i) && !sentence_initial(a, i) {
            let prev_cap = i > 0 && capw(i - 1) && !sentence_initial(a, i - 1);
            let next_cap = capw(i + 1);
            if !next_cap {
                set.insert(a.tokens[i].lower.clone());
            }
            let _ = prev_cap;
        }
    }
    set
}

/// True when token `i` is the first word of its sentence (or of a quotation).
pub fn sentence_initial(a: &Analysis, i: usize) -> bool {
    let s = a
        .sentences
        .get(a.tok_sent[i])
        .map(|s| s.tok_start)
        .unwrap_or(0);
    let mut j = i;
    // a run of brackets and marks longer than this is no sentence opening
    let floor = s.max(i.saturating_sub(8));
    while j > floor {
        let p = &a.tokens[j - 1];
        if p.kind == TokKind::Quote
            || p.is("(")
            || p.is("-")
            || p.is("\u{2014}")
            || p.is(":")
            || p.is("[")
        {
            if p.is(":") || p.kind == TokKind::Quote && a.is_open_quote(j - 1) {
                return true;
            }
            j -= 1;
            continue;
        }
        return false;
    }
    j == s
}

/// The learned tagger reads a lone capitalised word as a verb, adverb or
/// function word ("Updated", "However", "Yes"): no name. Acronyms and
/// camel-case words are left to the rules.
/// A sentence-initial word the tagger reads as an adjective or a verb form
/// before a name ("Neighbouring", "Embattled"), not as part of it.
fn opening_modifier_by_tagger(a: &Analysis, i: usize) -> bool {
    backbone::in_mentions()
        && a.tokens[i].lower.len() > 4
        && !is_acronym(&a.tokens[i].text)
        && backbone::upos(a, i).is_some_and(|u| matches!(u, "ADJ" | "VERB"))
}

fn not_a_name_by_tagger(a: &Analysis, i: usize) -> bool {
    if !backbone::in_mentions() {
        return false;
    }
    let w = &a.tokens[i].text;
    if is_acronym(w) || is_camel(w) {
        return false;
    }
    backbone::upos(a, i).is_some_and(|u| {
        matches!(
            u,
            "VERB"
                | "AUX"
                | "ADV"
                | "ADP"
                | "SCONJ"
                | "CCONJ"
                | "PRON"
                | "DET"
                | "INTJ"
                | "PART"
                | "NUM"
        )
    })
}

/// The learned entity tagger's type for a name the rules leave unknown (a
/// weak kind: later evidence overrides it): person, for names of two or
/// more words.
fn kind_by_entity_tagger(a: &Analysis, s: usize, e: usize) -> ActorKind {
    if !backbone::in_mentions() {
        return ActorKind::Unknown;
    }
    // only persons of two or more words: its organisation / place types and
    // one-word names are not reliable enough (coverage harness)
    match backbone::entity_type(a, s, e) {
        // "Ashvale Town", "Dunmere City": a club, not a person
        Some(EntType::Person)
            if e - s >= 2
                && matches!(
                    a.tokens[e - 1].lower.as_str(),
                    "town" | "city" | "county" | "albion" | "harriers" | "athletic"
                ) =>
        {
            ActorKind::Organisation
        }
        Some(EntType::Person) if e - s >= 2 => ActorKind::Person,
        _ => ActorKind::Unknown,
    }
}

fn name_token(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    if t.kind != TokKind::Word || !t.is_cap() {
        return false;
    }
    if lexicon::TIME_WORDS.contains(t.lower.as_str()) {
        return false;
    }
    if t.text.contains('-')
        && t.text
            .rsplit('-')
            .next()
            .is_some_and(|l| l.chars().next().is_some_and(|c| c.is_lowercase()))
    {
        return false;
    }
    if t.lower == "i"
        || t.lower == "i'm"
        || t.lower == "i've"
        || t.lower == "i'd"
        || t.lower == "i'll"
    {
        return false;
    }
    // role words break name runs ("CEO of X")
    if lexicon::ROLE_HEADS.contains(t.lower.as_str()) && !HONORIFICS.contains(t.lower.as_str()) {
        return false;
    }
    true
}

/// A proper-name run starting at `i`: (start, end, had honorific).
fn name_run(
    a: &Analysis,
    i: usize,
    cap_elsewhere: &std::collections::HashSet<String>,
) -> Option<(usize, usize, bool)> {
    if !name_token(a, i) {
        return None;
    }
    let para = a.tok_para[i];
    let sent = a.tok_sent[i];
    let mut e = i + 1;
    loop {
        if e < a.tokens.len()
            && a.tok_sent[e] == sent
            && a.tok_para[e] == para
            && name_token(a, e)
            && a.tokens[e].start <= a.tokens[e - 1].end + 1
        {
            e += 1;
            continue;
        }
        // "Sen. Marion Okafor", "Dr. Smith"
        if e + 1 < a.tokens.len()
            && a.tokens[e].is(".")
            && HONORIFICS.contains(a.tokens[e - 1].lower.as_str())
            && a.tokens[e - 1].end == a.tokens[e].start
            && a.tok_para[e + 1] == para
            && name_token(a, e + 1)
        {
            e += 2;
            continue;
        }
        // a saint's possessive inside a name: "St Anne's Hall", "St Brannock's Hospital"
        if e + 1 < a.tokens.len()
            && a.tok_sent[e + 1] == sent
            && matches!(a.tokens[e].lower.as_str(), "'s" | "\u{2019}s")
            && matches!(a.tokens[i].lower.as_str(), "st" | "saint")
            && (2..=3).contains(&(e - i))
            && name_token(a, e + 1)
        {
            e += 2;
            continue;
        }
        // a plural possessive inside an organisation's name: "the Bus Users' Alliance"
        if e + 1 < a.tokens.len()
            && a.tok_sent[e + 1] == sent
            && matches!(a.tokens[e].text.as_str(), "'" | "\u{2019}")
            && a.tokens[e].start == a.tokens[e - 1].end
            && a.tokens[e - 1].lower.ends_with('s')
            && name_token(a, e + 1)
            && ORG_SUFFIXES.contains(a.tokens[e + 1].lower.as_str())
        {
            e += 2;
            continue;
        }
        // "and" inside an organisation's name: "the Bakers and Allied Workers Union",
        // when the words after it end in an organisation suffix and those before
        // are neither a person's name, a place nor an organisation of their own
        if e + 1 < a.tokens.len() && a.tokens[e].lower == "and" && e - i <= 3 {
            let mut f = e + 1;
            while f < a.tokens.len()
                && f < e + 6
                && a.tok_sent[f] == sent
                && (name_token(a, f)
                    || matches!(a.tokens[f].text.as_str(), "'" | "\u{2019}")
                        && a.tokens[f].start == a.tokens[f - 1].end
                        && f + 1 < a.tokens.len()
                        && ORG_SUFFIXES.contains(a.tokens[f + 1].lower.as_str()))
            {
                f += 1;
            }
            let before_plain = (i..e).all(|k| {
                let w = a.tokens[k].lower.as_str();
                !is_acronym(&a.tokens[k].text)
                    && !lexicon::is_given_name(w)
                    && !PLACES.contains(w)
                    && !ORG_SUFFIXES.contains(w)
                    // a lone title word is no person: "the General and Municipal Union"
                    && (!HONORIFICS.contains(w) || e - i == 1)
            });
            if f > e + 1 && before_plain && ORG_SUFFIXES.contains(a.tokens[f - 1].lower.as_str()) {
                e = f;
                continue;
            }
        }
        // connectors: "Bank of England", "Ministry of Defence", "Johnson & Johnson"
        if e + 1 < a.tokens.len()
            && a.tok_sent[e + 1] == sent
            && matches!(
                a.tokens[e].lower.as_str(),
                "of" | "for"
                    | "&"
                    | "de"
                    | "van"
                    | "von"
                    | "der"
                    | "al"
                    | "bin"
                    | "du"
                    | "la"
                    | "del"
            )
            && name_token(a, e + 1)
        {
            let conn = a.tokens[e].lower.as_str();
            let ok = if conn == "of" || conn == "for" {
                ORG_SUFFIXES.contains(a.tokens[e - 1].lower.as_str())
            } else {
                true
            };
            if ok {
                e += 2;
                continue;
            }
        }
        break;
    }
    let mut s = i;
    // sentence-initial function word or common word
    if sentence_initial(a, s) {
        let w = &a.tokens[s];
        let special = is_acronym(&w.text) || is_camel(&w.text);
        if lexicon::FUNCTION_WORDS.contains(w.lower.as_str())
            || (!special
                && !cap_elsewhere.contains(&w.lower)
                && !lexicon::GIVEN_NAMES.contains(w.lower.as_str())
                && !HONORIFICS.contains(w.lower.as_str())
                && !PLACES.contains(w.lower.as_str()))
        {
            // "Europol director Ann Berg said": an organisation before a title
            // ("Treasury chief secretary Ann Lee": the title may be several words)
            let mut te = e;
            while a.tokens.get(te).is_some_and(|t| {
                !t.is_cap()
                    && t.kind == TokKind::Word
                    && (lexicon::ROLE_HEADS.contains(t.lower.as_str())
                        || lexicon::ROLE_WORDS.contains(t.lower.as_str()))
            }) && te < e + 4
            {
                te += 1;
            }
            let titled = te > e
                && lexicon::ROLE_HEADS.contains(a.tokens[te - 1].lower.as_str())
                && a.tokens.get(te).is_some_and(|t| t.is_cap());
            if e - s == 1 && !titled {
                return None;
            }
            // "Speaking Frank" is unlikely; keep multiword runs whose first word is not a function word
            // ("Neighbouring Hatherley Town Council": an adjective or verb by the tagger)
            if lexicon::FUNCTION_WORDS.contains(w.lower.as_str())
                || lexicon::cue_verb(&w.lower).is_some()
                || !titled && opening_modifier_by_tagger(a, s)
            {
                s += 1;
            }
        }
    }
    // honorific prefix
    let mut honorific = false;
    // (not one joined to the next word: "the General and Municipal Union")
    while e - s > 1
        && HONORIFICS.contains(a.tokens[s].lower.trim_end_matches('.'))
        && !matches!(a.tokens[s + 1].lower.as_str(), "and" | "&")
    {
        honorific = true;
        s += 1;
        if s < e && a.tokens[s].is(".") {
            s += 1;
        }
    }
    if s >= e {
        return None;
    }
    if e - s == 1 && lexicon::FUNCTION_WORDS.contains(a.tokens[s].lower.as_str()) {
        return None;
    }
    if e - s == 1 && !honorific && not_a_name_by_tagger(a, s) {
        return None;
    }
    Some((s, e, honorific))
}

fn name_kind(
    a: &Analysis,
    s: usize,
    e: usize,
    honorific: bool,
    outlet: Option<&str>,
) -> (ActorKind, bool) {
    let text = a.tok_text(s, e);
    let lower = text.to_lowercase();
    if outlet.is_some_and(|o| o.eq_ignore_ascii_case(text.trim())) {
        return (ActorKind::Outlet, true);
    }
    if PLACES.contains(lower.as_str()) {
        return (ActorKind::Place, true);
    }
    if honorific {
        return (ActorKind::Person, true);
    }
    // context before: "the <adj>* group|faction X", "the firm X"
    let mut j = s;
    let mut steps = 0;
    while j > 0 && steps < 4 {
        let t = &a.tokens[j - 1];
        if t.kind != TokKind::Word || a.tok_sent[j - 1] != a.tok_sent[s] {
            break;
        }
        if t.is_cap() || lexicon::PREPOSITIONS.contains(t.lower.as_str()) {
            // a capitalised word is part of another name, not a type noun; a
            // type noun before a preposition is not this name's ("a paper by X")
            break;
        }
        if GROUP_NOUNS.contains(t.lower.as_str()) || FACTION_NOUNS.contains(t.lower.as_str()) {
            let k = if t.lower == "campaign" {
                ActorKind::Campaign
            } else {
                ActorKind::Group
            };
            return (k, true);
        }
        if COMPANY_NOUNS.contains(t.lower.as_str()) {
            let k = if matches!(
                t.lower.as_str(),
                "newspaper"
                    | "broadcaster"
                    | "publisher"
                    | "outlet"
                    | "magazine"
                    | "tabloid"
                    | "daily"
            ) {
                ActorKind::Outlet
            } else {
                ActorKind::Organisation
            };
            return (k, true);
        }
        if t.is_cap() || lexicon::DETERMINERS.contains(t.lower.as_str()) {
            break;
        }
        j -= 1;
        steps += 1;
    }
    // appositive type noun: "the regulator, X", "her party, the X"
    let comma = if s >= 1 && lexicon::DETERMINERS.contains(a.tokens[s - 1].lower.as_str()) {
        s - 1
    } else {
        s
    };
    if comma >= 3
        && a.tokens[comma - 1].is(",")
        && COMPANY_NOUNS.contains(a.tokens[comma - 2].lower.as_str())
    {
        let d = |j: usize| {
            let w = a.tokens[j].lower.as_str();
            lexicon::DETERMINERS.contains(w) || matches!(w, "its" | "his" | "her" | "their")
        };
        if d(comma - 3) || (comma >= 4 && d(comma - 4)) {
            return (ActorKind::Organisation, true);
        }
    }
    // a lowercase title before a person-like name: "Opposition leader Ann Lee"
    if s >= 1
        && e - s >= 2
        && !a.tokens[s - 1].is_cap()
        && lexicon::ROLE_HEADS.contains(a.tokens[s - 1].lower.as_str())
        && person_like(a, s, e)
    {
        return (ActorKind::Person, true);
    }
    // a lowercase type noun after the name: "the Civic Reform party"
    if e < a.tokens.len()
        && a.tok_sent[e] == a.tok_sent[s]
        && !a.tokens[e].is_cap()
        && matches!(
            a.tokens[e].lower.as_str(),
            "party" | "group" | "company" | "firm" | "union" | "charity" | "council" | "campaign"
        )
        && !lexicon::is_given_name(&a.tokens[s].lower)
    {
        let k = match a.tokens[e].lower.as_str() {
            "group" => ActorKind::Group,
            "campaign" => ActorKind::Campaign,
            _ => ActorKind::Organisation,
        };
        return (k, true);
    }
    // "Federation of Regional Councils", "University of X": an organisation noun before "of"/"for"
    if e - s > 2
        && (s..e - 1).any(|k| {
            ORG_SUFFIXES.contains(a.tokens[k].lower.as_str())
                && matches!(a.tokens[k + 1].lower.as_str(), "of" | "for")
        })
    {
        return (ActorKind::Organisation, true);
    }
    if e - s > 2
        && (s..e).any(|k| {
            matches!(
                a.tokens[k].lower.as_str(),
                "ministry"
                    | "department"
                    | "university"
                    | "bank"
                    | "committee"
                    | "council"
                    | "commission"
                    | "agency"
                    | "institute"
                    | "office"
                    | "bureau"
                    | "board"
                    | "court"
                    | "party"
                    | "union"
                    | "association"
            )
        })
    {
        return (ActorKind::Organisation, true);
    }
    // told X -> outlet (when X is not a person name)
    let last = a.tokens[e - 1].lower.as_str();
    if s > 0
        && matches!(a.tokens[s - 1].lower.as_str(), "told" | "tells" | "telling")
        && !lexicon::GIVEN_NAMES.contains(a.tokens[s].lower.as_str())
    {
        return (ActorKind::Outlet, true);
    }
    if OUTLET_WORDS.contains(last)
        && !lexicon::GIVEN_NAMES.contains(a.tokens[s].lower.as_str())
        && (e - s > 1
            || is_acronym(&a.tokens[s].text)
            || matches!(last, "reuters" | "bloomberg" | "politico" | "breitbart"))
    {
        return (ActorKind::Outlet, true);
    }
    if ORG_SUFFIXES.contains(last) || (e - s > 1 && (s..e).any(|k| is_acronym(&a.tokens[k].text))) {
        let k = match last {
            "group" | "movement" | "front" | "brigade" | "alliance" | "coalition" => {
                ActorKind::Group
            }
            "campaign" | "project" | "initiative" => ActorKind::Campaign,
            _ => ActorKind::Organisation,
        };
        return (k, true);
    }
    if e - s >= 2
        && e - s <= 4
        && (s..e).all(|k| {
            a.tokens[k].is_cap() && !is_acronym(&a.tokens[k].text) && !is_camel(&a.tokens[k].text)
        })
    {
        if lexicon::is_given_name(&a.tokens[s].lower) {
            return (ActorKind::Person, true);
        }
        return (ActorKind::Unknown, false);
    }
    if e - s == 1 {
        let w = &a.tokens[s].text;
        if is_acronym(w) || is_camel(w) {
            return (ActorKind::Organisation, false);
        }
    }
    (ActorKind::Unknown, false)
}

/// Pronouns and definite role nouns ("the firm", "the CEO", "this publication").
fn lowercase_mention(a: &Analysis, i: usize) -> Option<RawMention> {
    let t = &a.tokens[i];
    let w = t.lower.as_str();
    if lexicon::PRONOUNS.contains(w) && !matches!(w, "you" | "your") {
        if w == "it" || w == "its" {
            // "it" followed by "is"/"was" + adjective or "would" is often expletive; keep all, coref decides
        }
        let k = match w {
            "he" | "him" | "his" | "she" | "her" | "hers" | "i" | "me" | "my" => ActorKind::Person,
            _ => ActorKind::Unknown,
        };
        return Some(mention(i, i + 1, MentionKind::Pronoun, k, false));
    }
    if matches!(w, "the" | "this") && i + 1 < a.tokens.len() && a.tok_sent[i + 1] == a.tok_sent[i] {
        // the [adj] NOUN, not followed by a capitalised name
        let mut j = i + 1;
        if j + 1 < a.tokens.len()
            && !a.tokens[j].is_cap()
            && a.tokens[j].kind == TokKind::Word
            && is_role_noun(&a.tokens[j + 1].lower)
            && !is_role_noun(&a.tokens[j].lower)
            && !lexicon::DETERMINERS.contains(a.tokens[j].lower.as_str())
            && !lexicon::PRONOUNS.contains(a.tokens[j].lower.as_str())
        {
            j += 1;
        }
        let noun = a.tokens[j].lower.as_str();
        if a.tokens[j].kind != TokKind::Word || !is_role_noun(noun) {
            return None;
        }
        let next_is_name = a.tokens.get(j + 1).is_some_and(|n| {
            n.kind == TokKind::Word && n.is_cap() && a.tok_sent[j + 1] == a.tok_sent[i]
        });
        let k = role_noun_kind(noun);
        if a.tokens[j].is_cap() {
            return None;
        }
        if next_is_name
            || k == ActorKind::Person && a.tokens.get(j + 1).is_some_and(|n| n.lower == "of")
        {
            return None;
        }
        return Some(mention(i, j + 1, MentionKind::RoleNoun, k, true));
    }
    None
}

fn is_role_noun(w: &str) -> bool {
    matches!(
        w,
        "firm"
            | "company"
            | "group"
            | "organisation"
            | "organization"
            | "agency"
            | "ceo"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "founder"
            | "chairman"
            | "chairwoman"
            | "president"
            | "minister"
            | "collective"
            | "faction"
            | "publication"
            | "newspaper"
            | "paper"
            | "website"
            | "business"
            | "startup"
            | "bank"
            | "party"
            | "campaign"
            | "movement"
            | "network"
            | "government"
            | "senator"
            | "governor"
            | "mayor"
            | "director"
            | "executive"
            | "cto"
            | "cfo"
            | "provider"
            | "charity"
            | "union"
            | "ministry"
            | "department"
            | "court"
            | "judge"
            | "regulator"
            | "watchdog"
            | "broadcaster"
            | "magazine"
            | "official"
            | "lawmaker"
            | "candidate"
            | "militants"
            | "hackers"
            | "activists"
            | "protesters"
            | "researcher"
            | "researchers"
            | "professor"
            | "trust"
            | "federation"
            | "council"
            | "authority"
            | "association"
            | "institute"
            | "university"
            | "club"
            | "board"
            | "commission"
            | "committee"
            | "forum"
            | "alliance"
            | "coalition"
            | "partnership"
            | "society"
            | "foundation"
            | "league"
            | "hospital"
            | "college"
            | "school"
            | "airline"
            | "retailer"
            | "insurer"
            | "operator"
    )
}

fn role_noun_kind(w: &str) -> ActorKind {
    match w {
        "firm" | "company" | "organisation" | "organization" | "agency" | "business"
        | "startup" | "bank" | "party" | "government" | "provider" | "charity" | "union"
        | "ministry" | "department" | "court" | "regulator" | "watchdog" | "trust"
        | "federation" | "council" | "authority" | "association" | "institute" | "university"
        | "club" | "board" | "commission" | "committee" | "forum" | "alliance" | "coalition"
        | "partnership" | "society" | "foundation" | "league" | "hospital" | "college"
        | "school" | "airline" | "retailer" | "insurer" | "operator" => ActorKind::Organisation,
        "group" | "collective" | "faction" | "movement" | "network" | "militants" | "hackers"
        | "activists" | "protesters" => ActorKind::Group,
        "campaign" => ActorKind::Campaign,
        "publication" | "newspaper" | "paper" | "website" | "broadcaster" | "magazine" => {
            ActorKind::Outlet
        }
        _ => ActorKind::Person,
    }
}

fn add_ner(a: &Analysis, model: &dyn TokenClassifier, out: &mut Vec<RawMention>) {
    let np = a.para_tok.len().saturating_sub(1);
    for p in 0..np {
        if a.furniture.get(p).copied().unwrap_or(true) {
            continue;
        }
        let (ts, te) = (a.para_tok[p], a.para_tok[p + 1]);
        if ts >= te {
            continue;
        }
        let (cs, ce) = (a.tokens[ts].start, a.tokens[te - 1].end);
        let text = a.slice(cs, ce);
        let Ok(spans) = model.classify(&text) else {
            continue;
        };
        for sp in spans {
            let (s, e) = (cs + sp.start, cs + sp.end);
            let toks: Vec<usize> = (ts..te)
                .filter(|&k| a.tokens[k].start >= s && a.tokens[k].end <= e)
                .collect();
            let (Some(&f), Some(&l)) = (toks.first(), toks.last()) else {
                continue;
            };
            if out.iter().any(|m| m.tok_start <= l && f < m.tok_end) {
                continue;
            }
            let k = match sp.label.as_str() {
                "PER" | "PERSON" => ActorKind::Person,
                "ORG" => ActorKind::Organisation,
                "LOC" | "GPE" => ActorKind::Place,
                _ => continue,
            };
            out.push(mention(f, l + 1, MentionKind::Name, k, true));
        }
    }
}
