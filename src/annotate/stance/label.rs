//! Readable labels for arguments and issues.
//!
//! A label is **readable** ([`is_readable`]) when an analyst can read it
//! aloud as a phrase: 2 to 12 words; no ellipsis, no unbalanced quotation
//! marks or brackets, no sentence break inside and no trailing `,;:`; it
//! neither opens with a clause opener or function word ("that", "to",
//! "because", "of", "saying", ...) nor ends with a function word ("the",
//! "of", "would", "and", ...); and it has a word of three letters or more.
//! [`clean_label`] trims a claim to such a phrase; [`key_phrase`] finds the
//! most frequent two-word content phrase of a set of texts.

use super::text;
use std::collections::BTreeMap;

/// Words a readable label may not start with.
const BAD_FIRST: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "to",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "because",
    "since",
    "as",
    "if",
    "unless",
    "when",
    "while",
    "whilst",
    "although",
    "though",
    "whether",
    "than",
    "saying",
    "said",
    "says",
    "according",
    "then",
    "also",
    "however",
    "yet",
];

/// Words that open a subordinate clause: long labels are cut before them first.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "since", "if", "unless", "when", "while",
    "whilst", "although", "though", "whether", "where", "so", "after", "before", "until",
];

/// Words a readable label may not end with.
const BAD_LAST: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or",
    "but", "that", "which", "who", "is", "are", "was", "were", "be", "been", "being", "would",
    "will", "should", "could", "can", "must", "may", "might", "has", "have", "had", "not", "its",
    "their", "his", "her", "our", "my", "your", "this", "these", "those", "as", "than", "very",
    "into", "about", "because", "if", "so", "do", "does", "did", "no", "less", "least", "most",
    "such", "own", "other", "every", "each", "any", "some", "both", "more", "only", "just",
];

/// Longest label [`clean_label`] produces, in words.
pub const MAX_WORDS: usize = 10;

fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase()
        .replace('’', "'")
}

/// True when `label` is readable (see the module documentation).
pub fn is_readable(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() < 2 || words.len() > 12 {
        return false;
    }
    if label.contains('…') || label.contains("...") {
        return false;
    }
    let count = |c: char| label.chars().filter(|x| *x == c).count();
    if count('"') % 2 == 1 || count('(') != count(')') || count('[') != count(']') {
        return false;
    }
    if count('“') != count('”') {
        return false;
    }
    if [". ", "? ", "! "].iter().any(|b| label.contains(b)) {
        return false;
    }
    if label.trim_end().ends_with([',', ';', ':', '-', '–', '—']) {
        return false;
    }
    let first = bare(words[0]);
    let last = bare(words[words.len() - 1]);
    if BAD_FIRST.contains(&first.as_str()) || BAD_LAST.contains(&last.as_str()) {
        return false;
    }
    words
        .iter()
        .any(|w| bare(w).chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// Clause boundaries a label is cut at.
const CUTS: &[&str] = &[
    ";",
    ":",
    " — ",
    " – ",
    " - ",
    ", which ",
    ", who ",
    ", because ",
    " because ",
    ", and ",
    ", but ",
    " but ",
    ", so ",
    ", as ",
    ", while ",
    ", although ",
    ", though ",
    ", saying ",
    ", or ",
    ", ",
];

/// Trims `text` (a claim or proposition) to a readable phrase of at most
/// [`MAX_WORDS`] words: the first sentence, its first clause, leading
/// openers and quotation marks dropped, cut before a function word when
/// long, trailing function words dropped, first letter capitalised. `None`
/// when nothing readable is left.
pub fn clean_label(text_in: &str) -> Option<String> {
    let first = text::sentences(text_in)
        .into_iter()
        .next()
        .map(|p| p.text)
        .unwrap_or_default();
    let mut s: String = first
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    for cut in CUTS {
        if let Some(b) = s.find(cut) {
            let head = &s[..b];
            if head.split_whitespace().count() >= 3 {
                s = head.to_string();
            }
        }
    }
    let mut words: Vec<String> = s.split_whitespace().map(|w| w.to_string()).collect();
    while words
        .first()
        .is_some_and(|w| BAD_FIRST.contains(&bare(w).as_str()))
    {
        words.remove(0);
    }
    if words.len() > MAX_WORDS {
        // Cut before a function word, as late as possible.
        let before =
            |pred: &dyn Fn(&str) -> bool| (3..=MAX_WORDS).rev().find(|&k| pred(&bare(&words[k])));
        let k = before(&|w| CLAUSE_OPENERS.contains(&w))
            .or_else(|| before(&|w| text::is_stop(w) || BAD_FIRST.contains(&w)))
            .unwrap_or(MAX_WORDS);
        words.truncate(k);
    }
    while words
        .last()
        .is_some_and(|w| BAD_LAST.contains(&bare(w).as_str()))
    {
        words.pop();
    }
    let mut out = words.join(" ");
    out = out
        .trim_end_matches([',', ';', ':', '-', '–', '—', '.', '!', '?'])
        .to_string();
    let mut chars = out.chars();
    let out = match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => return None,
    };
    is_readable(&out).then_some(out)
}

/// The most frequent phrase of two adjacent content words across `texts`
/// (ties: alphabetical), or the most frequent content word when no phrase
/// occurs twice. Lowercase, as written (not stemmed).
pub fn key_phrase<S: AsRef<str>>(texts: &[S]) -> Option<String> {
    let mut bigrams: BTreeMap<String, usize> = BTreeMap::new();
    let mut unigrams: BTreeMap<String, usize> = BTreeMap::new();
    for t in texts {
        let toks = text::tokens(t.as_ref());
        let content = |w: &str| !text::is_stop(w) && w.chars().count() >= 3 && !is_digits(w);
        let mut seen_b = std::collections::BTreeSet::new();
        let mut seen_u = std::collections::BTreeSet::new();
        for (i, tok) in toks.iter().enumerate() {
            if !content(&tok.lower) {
                continue;
            }
            if seen_u.insert(tok.lower.clone()) {
                *unigrams.entry(tok.lower.clone()).or_default() += 1;
            }
            if let Some(next) = toks.get(i + 1) {
                if content(&next.lower) && next.start <= tok.end + 1 {
                    let b = format!("{} {}", tok.lower, next.lower);
                    if seen_b.insert(b.clone()) {
                        *bigrams.entry(b).or_default() += 1;
                    }
                }
            }
        }
    }
    let best = |m: &BTreeMap<String, usize>, min: usize| {
        m.iter()
            .filter(|(_, n)| **n >= min)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
    };
    best(&bigrams, 2).or_else(|| best(&unigrams, 1))
}

/// The content word found in most of `texts` (ties: alphabetical), lowercase.
pub fn key_word<S: AsRef<str>>(texts: &[S]) -> Option<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for t in texts {
        let mut seen = std::collections::BTreeSet::new();
        for tok in text::tokens(t.as_ref()) {
            if !text::is_stop(&tok.lower)
                && tok.lower.chars().count() >= 3
                && !is_digits(&tok.lower)
                && seen.insert(tok.lower.clone())
            {
                *count.entry(tok.lower).or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

fn is_digits(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_rule() {
        assert!(is_readable("The congestion charge should be scrapped"));
        assert!(is_readable("Congestion charge"));
        assert!(!is_readable("charge"));
        assert!(!is_readable(
            "to revelations provided by the hacktivist group"
        ));
        assert!(!is_readable("that the mayor would"));
        assert!(!is_readable("The turbines would ruin…"));
        assert!(!is_readable("He said no. She said yes"));
        assert!(!is_readable(
            "one two three four five six seven eight nine ten eleven twelve thirteen"
        ));
        assert!(!is_readable("\"unbalanced quote here"));
    }

    #[test]
    fn claims_are_trimmed_to_readable_phrases() {
        assert_eq!(
            clean_label("that the charge would drive shoppers away to out-of-town malls, which would hurt the high street").as_deref(),
            Some("The charge would drive shoppers away to out-of-town malls")
        );
        let long = clean_label(
            "to revelations provided by the hacktivist group that their servers were used by extremists for months",
        )
        .unwrap();
        assert!(is_readable(&long), "{long}");
        assert!(long.split_whitespace().count() <= MAX_WORDS);
        assert_eq!(clean_label("and so"), None);
    }

    #[test]
    fn key_phrase_is_the_common_content_phrase() {
        let t = [
            "the congestion charge should be scrapped",
            "a congestion charge is a tax on shoppers",
            "the charge would drive shoppers away",
        ];
        assert_eq!(key_phrase(&t).as_deref(), Some("congestion charge"));
    }
}
