//! Token predicates over an [`Analysis`] shared by the rule stages: lowercase
//! text, word tokens, -ly adverbs, capitalisation, abbreviation dots.

use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;

/// True for a word or number token at `i` (false past the end).
pub fn is_word(a: &Analysis, i: usize) -> bool {
    a.tokens
        .get(i)
        .is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Num)
}

/// The lowercase text of token `i` (empty past the end).
pub fn low(a: &Analysis, i: usize) -> &str {
    a.tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

/// True for a sentence in title case (a headline): most words capitalised.
pub fn title_case(a: &Analysis, ss: usize, se: usize) -> bool {
    let words: Vec<usize> = (ss..se)
        .filter(|&i| a.tokens[i].kind == TokKind::Word && a.tokens[i].text.chars().count() > 3)
        .collect();
    words.len() >= 3
        && words.iter().filter(|&&i| a.tokens[i].is_cap()).count() * 10 >= words.len() * 7
}

/// An all-capitals word of two letters or more ("WASHINGTON", "BAN").
pub fn all_caps(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    t.kind == TokKind::Word
        && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && t.text.chars().all(|c| !c.is_lowercase())
}

/// A lowercase -ly adverb ("jokingly", "merely"), not a noun like "family".
pub fn is_ly_adverb(a: &Analysis, i: usize) -> bool {
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

/// A full stop inside a noun phrase: an abbreviation ("Mr.", "Dennis B. Ross",
/// "Fla.") or a domain name ("Factcheck.org"), not a sentence end.
pub fn abbreviation_dot(a: &Analysis, i: usize, se: usize) -> bool {
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
