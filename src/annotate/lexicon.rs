//! Closed-class and domain word lists used by the rule parser: cue verbs with
//! their inflections, determiners, pronouns, auxiliaries, honorifics, role
//! nouns, organisation suffixes, actor nouns and a few gazetteers. All lists are
//! general English; nothing here is specific to any article.

use once_cell::sync::Lazy;
use std::collections::{HashMap, HashSet};

/// What a cue verb introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Speech: say, claim, argue, add, write ...
    Speech,
    /// Speech with an addressee object: tell, inform, warn (someone).
    Tell,
    /// Thought or belief: believe, think, fear, hope ...
    Thought,
    /// Intent or desire, usually with a to-infinitive: want, plan, refuse ...
    Intent,
    /// Evidence reporting, often with non-human sources: show, find, suggest.
    Evidence,
    /// Evaluation and stance acts with a noun-phrase object: endorse, criticise, praise ...
    Stance,
}

/// Cue verbs: `lemma:form,form,...:class` (class s/t/b/i/e).
static CUE_VERBS: Lazy<Vec<&'static str>> =
    Lazy::new(|| entries(include_str!("data/cue_verbs.txt")));

/// Predicative adjectives that are cues after a copula ("has been critical of",
/// "is eager to"): `phrase:phrase:class`, looked up like multi-word verbs.
static CUE_ADJECTIVES: Lazy<Vec<&'static str>> =
    Lazy::new(|| entries(include_str!("data/cue_adjectives.txt")));

/// Cue forms that are often nouns ("the claims", "his plans"): these need verbal context.
static NOUN_LIKE_FORMS: Lazy<HashSet<&'static str>> =
    Lazy::new(|| words(include_str!("data/noun_like_forms.txt")));

/// One cue verb form.
#[derive(Debug, Clone, Copy)]
pub struct CueVerb {
    /// Lemma ("say").
    pub lemma: &'static str,
    /// Class of the verb.
    pub class: CueClass,
    /// Number of tokens of the form ("pointed out" = 2).
    pub words: usize,
}

static CUES: Lazy<HashMap<String, CueVerb>> = Lazy::new(|| {
    let mut m = HashMap::new();
    for &entry in CUE_VERBS.iter().chain(CUE_ADJECTIVES.iter()) {
        let mut parts = entry.split(':');
        let (Some(lemma), Some(forms), Some(class)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let class = match class {
            "t" => CueClass::Tell,
            "b" => CueClass::Thought,
            "i" => CueClass::Intent,
            "e" => CueClass::Evidence,
            "x" => CueClass::Stance,
            _ => CueClass::Speech,
        };
        let lemma: &'static str = lemma;
        for f in std::iter::once(lemma).chain(forms.split(',')) {
            let words = f.split(' ').count();
            m.entry(f.to_string()).or_insert(CueVerb {
                lemma,
                class,
                words,
            });
        }
    }
    m
});

/// The cue verb with this (lowercase) form, if any. Multi-word forms ("pointed out")
/// are looked up with a space between the words.
pub fn cue_verb(form: &str) -> Option<CueVerb> {
    CUES.get(form).copied()
}

/// True for cue forms that are cues only with a clear clausal complement
/// ("which states that ...", not "the states").
pub fn weak_form(form: &str) -> bool {
    WEAK_FORMS.contains(form)
}

/// Inflections of cue lemmas that are far more often nouns, adjectives or
/// participles than reporting verbs in news text ("the state", "a post",
/// "is expected to", "emails", "a super PAC advising"); they are cues only
/// before "that" or a quotation.
static WEAK_FORMS: Lazy<HashSet<&'static str>> =
    Lazy::new(|| words(include_str!("data/weak_forms.txt")));

/// True for predicative-adjective cues ("critical of"), which follow a copula.
pub fn adjective_cue(lemma: &str) -> bool {
    CUE_ADJECTIVES
        .iter()
        .any(|e| e.split(':').next() == Some(lemma))
}

/// Manner-of-speaking verbs that are cues only next to a quotation ("Trump barked").
pub fn manner_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "quip"
            | "bark"
            | "joke"
            | "shout"
            | "yell"
            | "scream"
            | "exclaim"
            | "whisper"
            | "sigh"
            | "laugh"
            | "snap"
            | "retort"
            | "counter"
            | "boast"
            | "brag"
            | "interject"
            | "elaborate"
            | "muse"
            | "marvel"
            | "gush"
            | "proclaim"
            | "recount"
            | "answer"
            | "wonder"
            | "post"
            | "chant"
            | "cry"
            | "plead"
            | "begin"
            | "read"
    )
}

/// True for cue forms that are often nouns and need verbal context.
pub fn noun_like_cue(form: &str) -> bool {
    NOUN_LIKE_FORMS.contains(form)
}

/// The entries of a data file: one per line, trimmed; blank lines and lines
/// starting with `#` are skipped.
pub fn entries(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The entries of a data file as a set (see [`entries`]).
pub fn words(text: &'static str) -> HashSet<&'static str> {
    entries(text).into_iter().collect()
}

/// A word set loaded from `src/annotate/data/FILE`.
macro_rules! word_set {
    ($name:ident, $doc:literal, $file:literal) => {
        #[doc = $doc]
        pub static $name: Lazy<HashSet<&'static str>> =
            Lazy::new(|| words(include_str!(concat!("data/", $file))));
    };
}

word_set!(
    DETERMINERS,
    "Determiners and possessive determiners.",
    "determiners.txt"
);

word_set!(
    AUXILIARIES,
    "Auxiliary and modal verbs that can precede a cue verb.",
    "auxiliaries.txt"
);

word_set!(
    ADVERBS,
    "Adverbs and time phrases that may sit between a subject and its verb.",
    "adverbs.txt"
);

word_set!(
    PRONOUNS,
    "Personal and possessive pronouns that can refer to actors.",
    "pronouns.txt"
);

word_set!(
    SUBJECT_PRONOUNS,
    "Pronouns usable as the subject of a cue.",
    "subject_pronouns.txt"
);

word_set!(RELATIVES, "Relative pronouns.", "relatives.txt");

word_set!(
    SUBORDINATORS,
    "Conjunctions and subordinators that start a clause.",
    "subordinators.txt"
);

word_set!(
    NP_PREPOSITIONS,
    "Prepositions allowed inside a subject noun phrase.",
    "np_prepositions.txt"
);

word_set!(PREPOSITIONS, "Prepositions.", "prepositions.txt");

word_set!(
    HONORIFICS,
    "Titles and honorifics before a person's name.",
    "honorifics.txt"
);

word_set!(ROLE_MODIFIERS, "Words that appear in job titles and roles besides their head nouns (\"deputy\", \"press\", \"of\").", "role_modifiers.txt");

/// Words that make up job titles and roles: the heads and their modifiers.
pub static ROLE_WORDS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    ROLE_HEADS
        .iter()
        .chain(ROLE_MODIFIERS.iter())
        .copied()
        .collect()
});

word_set!(
    ROLE_HEADS,
    "Role nouns that can head a role phrase.",
    "role_heads.txt"
);

word_set!(
    ORG_SUFFIXES,
    "Last words of organisation names.",
    "org_suffixes.txt"
);

word_set!(
    OUTLET_WORDS,
    "Last words of news outlet names.",
    "outlet_words.txt"
);

word_set!(
    GROUP_NOUNS,
    "Type nouns that introduce a named collective: \"the hacktivist group X\".",
    "group_nouns.txt"
);

word_set!(
    FACTION_NOUNS,
    "Type nouns meaning a part of a larger collective.",
    "faction_nouns.txt"
);

word_set!(
    COMPANY_NOUNS,
    "Type nouns that introduce a named company or body: \"the firm X\".",
    "company_nouns.txt"
);

word_set!(
    ACTOR_NOUNS,
    "Head nouns of generic actor noun phrases (\"intelligence agencies\", \"officials\").",
    "actor_nouns.txt"
);

word_set!(
    PLACES,
    "Countries, regions and major places (lowercase).",
    "places.txt"
);

word_set!(
    GIVEN_NAMES,
    "Common given names (lowercase), a weak person cue.",
    "given_names.txt"
);

word_set!(
    FUNCTION_WORDS,
    "Frequent function and sentence-initial words that are not names when capitalised.",
    "function_words.txt"
);

word_set!(
    TIME_WORDS,
    "Weekdays, months and other capitalised time words that are not names.",
    "time_words.txt"
);

word_set!(
    NOT_ACTORS,
    "Capitalised words and acronyms that are never actors (technologies, substances, units, page clutter).",
    "not_actors.txt"
);
word_set!(
    TITLE_MODIFIERS,
    "Capitalised words of an office title before a name (\"Home\" Secretary).",
    "title_modifiers.txt"
);
word_set!(
    OFFICE_TITLES,
    "Office titles whose \"for/of X\" names a portfolio (Minister for Infrastructure).",
    "office_titles.txt"
);
word_set!(
    FEMALE_NAMES,
    "Female given names (Moby Word II via stdlib, PDDL-1.0; see data/NOTICE).",
    "given_names_female.txt"
);
word_set!(
    MALE_NAMES,
    "Male given names (Moby Word II via stdlib, PDDL-1.0; see data/NOTICE).",
    "given_names_male.txt"
);

/// Grammatical gender of a person, as far as names and pronouns tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// she / her; a female given name; Mrs, Ms, Miss, Lady, Dame.
    Female,
    /// he / him; a male given name; Mr, Sir, Lord.
    Male,
}

/// The gender a given name (lowercase) usually has, if the lexicon knows it.
pub fn name_gender(given: &str) -> Option<Gender> {
    if FEMALE_NAMES.contains(given) {
        Some(Gender::Female)
    } else if MALE_NAMES.contains(given) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender an honorific (lowercase, without a dot) implies.
pub fn honorific_gender(w: &str) -> Option<Gender> {
    match w {
        "mrs" | "ms" | "miss" | "lady" | "dame" | "madam" | "madame" | "queen" | "princess" => {
            Some(Gender::Female)
        }
        "mr" | "sir" | "lord" | "king" => Some(Gender::Male),
        _ => None,
    }
}

/// The gender of a third-person pronoun (lowercase).
pub fn pronoun_gender(w: &str) -> Option<Gender> {
    match w {
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        _ => None,
    }
}

/// True for a given name of any gender (lowercase).
pub fn is_given_name(w: &str) -> bool {
    GIVEN_NAMES.contains(w) || FEMALE_NAMES.contains(w) || MALE_NAMES.contains(w)
}

/// Normalises curly apostrophes to straight ones and lowercases.
pub fn norm(word: &str) -> String {
    word.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_map_to_lemmas() {
        assert_eq!(cue_verb("said").map(|c| c.lemma), Some("say"));
        assert_eq!(cue_verb("told").map(|c| c.class), Some(CueClass::Tell));
        assert_eq!(
            cue_verb("believes").map(|c| c.class),
            Some(CueClass::Thought)
        );
        assert_eq!(cue_verb("pointed out").map(|c| c.words), Some(2));
        assert!(cue_verb("table").is_none());
        assert!(noun_like_cue("claims"));
        assert!(!noun_like_cue("says"));
    }
}
