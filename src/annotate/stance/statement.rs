//! What each claim asserts: its main clause as a proposition in positive
//! form, whether the speaker agrees with it, and its evaluative direction.
//!
//! These [`Statement`]s are what arguments are built from across the
//! coverage ([`crate::rdf::derived`]): claims whose propositions say the same
//! thing form one argument, and each claim agrees or disagrees with it.
//!
//! - **Main clause.** After a contrast ("..., but we must build it"; a
//!   sentence opening with "But") the contrasting clause is the point; a
//!   concession ("Although X, Y"; "Y, although X") keeps the main clause `Y`.
//! - **Agreement** comes from the negators the positive form removes ("not",
//!   "never", "-n't", "cannot"), idioms excepted ("cannot wait", "not only"),
//!   and from the cue ("denied that ..." disagrees, "welcomed ..." agrees).
//! - **Valence** multiplies the signs of the proposition's evaluative words
//!   and action verbs ("ruin" -1, "build" +1, "refusing ... would mean" +1),
//!   so arguments on one issue can be set against each other.

use super::backend::ClauseUnit;
use super::polarity;
use super::text::{self, Token};
use crate::document::Document;
use crate::extraction::{Evidence, Extraction, Polarity, Span, Statement};

/// Verbs that act against what they take ("scrap the charge", "block it").
const NEGATIVE_ACTIONS: &[&str] = &[
    "scrap",
    "abolish",
    "block",
    "ban",
    "stop",
    "halt",
    "cancel",
    "close",
    "kill",
    "ruin",
    "destroy",
    "wreck",
    "spoil",
    "scar",
    "delay",
    "axe",
    "shelve",
    "veto",
    "ditch",
    "drop",
    "confiscat",
    "scrapp",
    "undermin",
    "threaten",
    "endanger",
    "pollut",
    "refus",
    "abandon",
    "prevent",
    "prohibit",
    "outlaw",
    "restrict",
    "punish",
    "penalis",
    "penaliz",
    "cost",
    "lose",
    "waste",
    "raid",
];

/// Verbs that act for what they take ("build the farm", "power homes").
const POSITIVE_ACTIONS: &[&str] = &[
    "build",
    "built",
    "introduc",
    "create",
    "power",
    "save",
    "help",
    "protect",
    "boost",
    "improv",
    "fund",
    "invest",
    "allow",
    "permit",
    "expand",
    "keep",
    "provid",
    "bring",
    "solv",
    "fix",
    "reduc",
    "lower",
    "ease",
    "secur",
    "safeguard",
    "restor",
    "enabl",
    "deliver",
    "supply",
    "generat",
    "strengthen",
    "go-ahead",
    "proceed",
];

/// Opening words of a concession ("Although ...", "While ...").
const CONCESSIVE: &[&str] = &["although", "though", "while", "whilst", "despite", "even"];

/// Negators the positive form removes, with what replaces them.
fn removable(word: &str) -> Option<&'static str> {
    match word {
        "not" | "never" => Some(""),
        "cannot" | "can't" => Some("can"),
        "won't" => Some("will"),
        "shan't" => Some("shall"),
        "don't" | "doesn't" | "didn't" => Some(""),
        w if w.ends_with("n't") => None,
        _ => None,
    }
}

/// The positive form of a clause and the number of negators removed: "not",
/// "never" and "-n't" forms go (idioms such as "cannot wait" and "not only"
/// stay), contractions open ("won't" -> "will", "isn't" -> "is").
pub fn positive_form(clause: &str) -> (String, Vec<usize>) {
    let toks = text::tokens(clause);
    let w: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let idiom = polarity::idiom_mask(&w);
    let chars: Vec<char> = clause.chars().collect();
    let mut out = String::new();
    let mut last = 0;
    let mut removed = vec![];
    for (i, t) in toks.iter().enumerate() {
        if idiom[i] {
            continue;
        }
        // A negated subject at the start: "no buyer could save it".
        let subject = match t.lower.as_str() {
            "no" if i == 0 => Some("a"),
            "nobody" | "no-one" if i == 0 => Some("somebody"),
            "nothing" if i == 0 => Some("something"),
            _ => None,
        };
        let replacement: Option<String> = match subject.or_else(|| removable(&t.lower)) {
            Some(r) => Some(r.to_string()),
            None if t.lower.ends_with("n't") && t.lower.len() > 3 => {
                let stem: String = chars[t.start..t.end - 3].iter().collect();
                Some(stem)
            }
            None => None,
        };
        let Some(rep) = replacement else { continue };
        out.extend(&chars[last..t.start]);
        out.push_str(&rep);
        last = t.end;
        removed.push(i);
    }
    out.extend(&chars[last..]);
    let cleaned = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (strip_opener(&cleaned), removed)
}

/// Drops a leading complementiser ("that the charge ..." -> "the charge ...").
fn strip_opener(s: &str) -> String {
    let lower = s.to_lowercase();
    for opener in ["that ", "whether "] {
        if lower.starts_with(opener) {
            return s[opener.len()..].to_string();
        }
    }
    s.to_string()
}

/// The sign of a word as an operator: evaluative words and action verbs.
fn operator_sign(toks: &[Token], i: usize) -> Option<i8> {
    let w = toks[i].lower.as_str();
    // "drive shoppers away" acts against; "drive growth" does not.
    if w.starts_with("drive") || w == "drove" {
        let away = toks
            .iter()
            .skip(i + 1)
            .take(3)
            .any(|t| matches!(t.lower.as_str(), "away" | "out" | "off"));
        return away.then_some(-1);
    }
    if NEGATIVE_ACTIONS.iter().any(|p| w.starts_with(p)) {
        return Some(-1);
    }
    if POSITIVE_ACTIONS.iter().any(|p| w.starts_with(p)) {
        return Some(1);
    }
    None
}

/// The evaluative direction of a proposition (positive form): the product of
/// the signs of its evaluative words and action verbs, and of a warned-of
/// consequence ("would mean burning more gas") when nothing after it is
/// evaluative. 0 when it has none.
pub fn valence(proposition: &str) -> i8 {
    let toks = text::tokens(proposition);
    let sign = polarity::clause_sign(&toks, polarity::is_conditional(&toks));
    // Words inside idioms ("without further delay", "cannot wait") are not operators.
    let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut idiom = polarity::idiom_mask(&words);
    for i in 0..words.len() {
        if words[i] == "without"
            && words
                .get(i + 1)
                .is_some_and(|w| polarity::is_without_idiom(w))
        {
            for m in idiom.iter_mut().skip(i).take(3) {
                *m = true;
            }
        }
    }
    let mut ops: Vec<(usize, i8)> = sign
        .evaluations
        .iter()
        .copied()
        .filter(|(i, _)| !idiom[*i])
        .collect();
    for (i, &in_idiom) in idiom.iter().enumerate() {
        if in_idiom || ops.iter().any(|(j, _)| *j == i) {
            continue;
        }
        if let Some(s) = operator_sign(&toks, i) {
            ops.push((i, s));
        } else if sign.free_negations.iter().any(|(j, _)| *j == i) {
            // "no", "nobody" stay in the positive form and flip (unless an
            // evaluation already used them up: "no society tolerates ...").
            ops.push((i, -1));
        }
    }
    if let Some(cf) = sign.counterfactual {
        if !ops.iter().any(|(i, _)| *i > cf) {
            ops.push((cf, -1));
        }
    }
    if ops.is_empty() {
        return 0;
    }
    ops.iter().map(|(_, s)| *s).product()
}

/// Index of the main clause among the clauses of one claim (`units`, in text
/// order): the last contrasting clause with content, else the first clause
/// with at least two content words that is not a concession.
fn main_clause(units: &[&ClauseUnit]) -> Option<usize> {
    let contentful = |u: &ClauseUnit| u.stems.len() >= 2;
    if let Some(i) = units
        .iter()
        .rposition(|u| u.contrast && contentful(u) && !is_concession(&u.tokens))
    {
        return Some(i);
    }
    units
        .iter()
        .position(|u| contentful(u) && !is_concession(&u.tokens))
        .or_else(|| units.iter().position(|u| contentful(u)))
        .or(if units.is_empty() { None } else { Some(0) })
}

fn is_concession(toks: &[Token]) -> bool {
    toks.first()
        .is_some_and(|t| CONCESSIVE.contains(&t.lower.as_str()))
}

/// The part of a clause after a leading concession ("Although X, Y" -> "Y"),
/// as (char offset in the clause, text); the whole clause otherwise.
fn after_concession(unit: &ClauseUnit) -> (usize, String) {
    if !is_concession(&unit.tokens) {
        return (0, unit.text.clone());
    }
    match unit.text.find(", ") {
        Some(b) => {
            let offset = unit.text[..b + 2].chars().count();
            (offset, unit.text[b + 2..].to_string())
        }
        None => (0, unit.text.clone()),
    }
}

/// The statements of every claim of `ex` with content (`clauses` from
/// [`super::clauses::claim_clauses`]).
pub fn statements(doc: &Document, ex: &Extraction, clauses: &[ClauseUnit]) -> Vec<Statement> {
    let mut out = vec![];
    for (ci, claim) in ex.claims.iter().enumerate() {
        let units: Vec<&ClauseUnit> = clauses.iter().filter(|c| c.claim == ci).collect();
        let Some(k) = main_clause(&units) else {
            continue;
        };
        let unit = units[k];
        let (offset, clause_text) = after_concession(unit);
        let (proposition, removed) = positive_form(&clause_text);
        if text::content_stems(&proposition).len() < 2 {
            continue;
        }
        let start = unit.start + offset;
        let span = Span::of(doc, start, unit.end);
        let mut evidence = vec![];
        let ctoks = text::tokens(&clause_text);
        for &i in &removed {
            if let Some(t) = ctoks.get(i) {
                evidence.push(Evidence {
                    kind: "negation".into(),
                    text: doc.slice(start + t.start, start + t.end),
                    span: Some(Span::of(doc, start + t.start, start + t.end)),
                });
            }
        }
        let mut agree: i8 = if removed.len() % 2 == 1 { -1 } else { 1 };
        let cue = polarity::cue_polarity(claim.cue_lemma.as_deref());
        if let (Some(c), Some(span)) = (cue, &claim.cue) {
            agree *= c;
            evidence.push(Evidence {
                kind: "cue".into(),
                text: span.text.clone(),
                span: Some(span.clone()),
            });
        }
        if unit.contrast {
            evidence.push(Evidence {
                kind: "contrast".into(),
                text: text::short_phrase(&unit.text, 6),
                span: Some(Span::of(doc, unit.start, unit.end)),
            });
        }
        if offset > 0 {
            evidence.push(Evidence {
                kind: "concession".into(),
                text: text::short_phrase(&unit.text, 6),
                span: Some(Span::of(doc, unit.start, start)),
            });
        }
        let question = doc.slice(unit.end, (unit.end + 2).min(ex.text_length));
        let assertion = if question.contains('?') {
            Polarity::Neutral
        } else if agree > 0 {
            Polarity::Favour
        } else {
            Polarity::Against
        };
        out.push(Statement {
            claim: claim.id.clone(),
            valence: valence(&proposition),
            proposition,
            span,
            assertion,
            evidence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_forms_drop_only_real_negators() {
        let p = |s: &str| positive_form(s).0;
        assert_eq!(
            p("that the mayor would not be closing the libraries"),
            "the mayor would be closing the libraries"
        );
        assert_eq!(p("the tax won't raise money"), "the tax will raise money");
        assert_eq!(p("they don't want a border"), "they want a border");
        assert_eq!(p("the council isn't listening"), "the council is listening");
        assert_eq!(p("the climate cannot wait"), "the climate cannot wait");
        assert_eq!(
            p("not only will it cut bills"),
            "not only will it cut bills"
        );
        assert_eq!(positive_form("we can't wait").1.len(), 0);
        assert_eq!(
            p("no buyer could save the plant"),
            "a buyer could save the plant"
        );
        assert_eq!(positive_form("they should never build it").1.len(), 1);
    }

    #[test]
    fn valence_multiplies_operators() {
        assert_eq!(valence("the wind farm should be built"), 1);
        assert_eq!(valence("the turbines would ruin the view"), -1);
        assert_eq!(valence("the congestion charge should be scrapped"), -1);
        assert_eq!(
            valence("refusing this project would mean burning more gas"),
            1
        );
        assert_eq!(valence("the decision to block the scheme was a mistake"), 1);
        assert_eq!(valence("the bridge opens in May"), 0);
        assert_eq!(valence("the turbines will power 40,000 homes"), 1);
        assert_eq!(
            valence("we must approve the bridge without further delay"),
            1
        );
        assert_eq!(valence("the charge would drive shoppers away"), -1);
    }
}
