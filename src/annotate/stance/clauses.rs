//! Cutting claim contents into clauses with their polarity analysis.

use super::backend::ClauseUnit;
use super::polarity;
use super::text;
use crate::document::Document;
use crate::extraction::Extraction;

/// The clauses of every claim of `ex` (claims in furniture paragraphs are skipped).
pub fn claim_clauses(doc: &Document, ex: &Extraction) -> Vec<ClauseUnit> {
    let total = doc.text.chars().count();
    let mut out = vec![];
    for (ci, claim) in ex.claims.iter().enumerate() {
        let (s, e) = (claim.content.start.min(total), claim.content.end.min(total));
        if e <= s {
            continue;
        }
        let furniture = doc.paragraph_at(s).is_some_and(|p| p.furniture.is_some());
        if furniture {
            continue;
        }
        let content = doc.slice(s, e);
        for sent in text::sentences(&content) {
            let conditional = polarity::is_conditional(&text::tokens(&sent.text));
            let opens_with_contrast = opens_with_contrast(&sent.text);
            for (k, (cl, contrast)) in text::clauses(&sent.text).into_iter().enumerate() {
                let toks = text::tokens(&cl.text);
                let stems = text::stems_of(&toks);
                let sign = polarity::clause_sign(&toks, conditional);
                out.push(ClauseUnit {
                    claim: ci,
                    start: s + sent.start + cl.start,
                    end: s + sent.start + cl.end,
                    text: cl.text,
                    tokens: toks,
                    stems,
                    sign,
                    contrast: contrast || (k == 0 && opens_with_contrast),
                });
            }
        }
    }
    out
}

/// Sentence-initial contrast markers.
const CONTRAST_OPENERS: &[&str] = &[
    "on the other hand",
    "however",
    "but ",
    "yet ",
    "nevertheless",
    "nonetheless",
    "still,",
    "even so",
    "that said",
    "then again",
    "by contrast",
    "in contrast",
    "conversely",
];

/// True when a sentence opens with a contrast marker ("On the other hand, ...").
pub fn opens_with_contrast(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    CONTRAST_OPENERS.iter().any(|m| lower.starts_with(m))
}
