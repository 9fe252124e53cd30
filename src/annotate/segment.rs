//! Segmentation: tokens, sentences, quotation spans and page furniture.
//!
//! [`analyse`] turns a [`Document`] into an [`Analysis`]: the text as chars,
//! tokens (with their paragraph and sentence), sentences, and quotation spans
//! paired per paragraph (curly, straight, single, guillemets, nested; a
//! paragraph that opens a quote and never closes it runs to its end, the
//! convention for quotes continued over paragraphs).

use super::lexicon;
use super::tokens::{tokenize, TokKind, Token};
use crate::document::{Document, Furniture};

/// A sentence: a token range inside one paragraph.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// First token index.
    pub tok_start: usize,
    /// One past the last token index.
    pub tok_end: usize,
    /// Paragraph index.
    pub paragraph: usize,
}

/// A quotation: opening and closing mark tokens (closing may be missing).
#[derive(Debug, Clone)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, `None` when the paragraph ends first.
    pub close: Option<usize>,
    /// One past the last token inside (the closing mark's index, or the paragraph end).
    pub inner_end: usize,
    /// Nesting depth: 0 for top-level quotes.
    pub depth: usize,
    /// Paragraph index.
    pub paragraph: usize,
}

impl Quote {
    /// Last token index covered, including the closing mark.
    pub fn last_tok(&self) -> usize {
        self.close.unwrap_or(self.inner_end.saturating_sub(1))
    }
}

/// The analysed text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The document text as chars.
    pub chars: Vec<char>,
    /// Tokens of non-furniture and furniture paragraphs alike.
    pub tokens: Vec<Token>,
    /// Paragraph index of each token.
    pub tok_para: Vec<usize>,
    /// Sentence index of each token.
    pub tok_sent: Vec<usize>,
    /// Quote depth of each token (0 = outside quotes; marks count as outside their quote).
    pub tok_depth: Vec<usize>,
    /// Innermost quote holding each token (marks included), if any.
    pub tok_quote: Vec<Option<usize>>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Furniture flag per paragraph.
    pub furniture: Vec<bool>,
    /// First token index of each paragraph (one extra entry at the end).
    pub para_tok: Vec<usize>,
    /// The quote whose opening mark is each token, if any.
    pub quote_open: Vec<Option<usize>>,
    /// The quote whose closing mark is each token, if any.
    pub quote_close: Vec<Option<usize>>,
    /// The learned backbone's analysis on these tokens and sentences, filled
    /// on first use by [`super::backbone::syntax`].
    pub syntax: once_cell::sync::OnceCell<crate::syntax::Parsed>,
    /// The backbone tagger's (UPOS, XPOS) per token and its entity spans,
    /// filled on first use by [`super::backbone::tagged`] (no parse, so much
    /// cheaper than the whole [`Analysis::syntax`]).
    pub tagged: once_cell::sync::OnceCell<crate::syntax::analysis::Tagged>,
}

impl Analysis {
    /// The text of chars `[s, e)`.
    pub fn slice(&self, s: usize, e: usize) -> String {
        let e = e.min(self.chars.len());
        if s >= e {
            return String::new();
        }
        self.chars[s..e].iter().collect()
    }

    /// Char span of tokens `[a, b)` (b > a).
    pub fn tok_span(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b || b > self.tokens.len() {
            return (0, 0);
        }
        (self.tokens[a].start, self.tokens[b - 1].end)
    }

    /// Text of tokens `[a, b)` as in the document.
    pub fn tok_text(&self, a: usize, b: usize) -> String {
        let (s, e) = self.tok_span(a, b);
        self.slice(s, e)
    }

    /// True when token `i` is an opening quote mark.
    pub fn is_open_quote(&self, i: usize) -> bool {
        self.quote_opened_at(i).is_some()
    }

    /// True when token `i` is a closing quote mark.
    pub fn is_close_quote(&self, i: usize) -> bool {
        self.quote_closed_at(i).is_some()
    }

    /// The quote whose closing mark is token `i`.
    pub fn quote_closed_at(&self, i: usize) -> Option<usize> {
        self.quote_close.get(i).copied().flatten()
    }

    /// The quote whose opening mark is token `i`.
    pub fn quote_opened_at(&self, i: usize) -> Option<usize> {
        self.quote_open.get(i).copied().flatten()
    }

    /// Top-level quotes lying wholly inside tokens `[s, e)`, in text order
    /// (quotes are sorted by their opening mark).
    pub fn quotes_within(&self, s: usize, e: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.quotes.partition_point(|q| q.open < s);
        (first..self.quotes.len())
            .take_while(move |&i| self.quotes[i].open < e)
            .filter(move |&i| self.quotes[i].depth == 0 && self.quotes[i].last_tok() < e)
    }
}

/// Builds the [`Analysis`] of a document.
pub fn analyse(doc: &Document) -> Analysis {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut a = Analysis {
        chars,
        ..Default::default()
    };
    for p in &doc.paragraphs {
        a.para_tok.push(a.tokens.len());
        let toks = tokenize(&a.chars, p.start, p.end);
        for t in toks {
            a.tok_para.push(p.index);
            a.tokens.push(t);
        }
        a.furniture.push(p.furniture.is_some());
    }
    a.para_tok.push(a.tokens.len());
    a.tok_sent = vec![0; a.tokens.len()];
    a.tok_depth = vec![0; a.tokens.len()];
    a.tok_quote = vec![None; a.tokens.len()];
    a.quote_open = vec![None; a.tokens.len()];
    a.quote_close = vec![None; a.tokens.len()];
    for pi in 0..doc.paragraphs.len() {
        let (s, e) = (a.para_tok[pi], a.para_tok[pi + 1]);
        pair_quotes(&mut a, s, e, pi);
    }
    for pi in 0..doc.paragraphs.len() {
        let (s, e) = (a.para_tok[pi], a.para_tok[pi + 1]);
        split_sentences(&mut a, s, e, pi);
    }
    a
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
}

fn family(t: &str) -> Option<(Family, Option<bool>)> {
    // (family, Some(true)=opening, Some(false)=closing, None=ambiguous)
    Some(match t {
        "\u{201C}" | "\u{201E}" => (Family::Double, Some(true)),
        "\u{201D}" => (Family::Double, Some(false)),
        "\"" | "''" | "``" => (Family::Double, if t == "``" { Some(true) } else { None }),
        "\u{2018}" => (Family::Single, Some(true)),
        "\u{2019}" => (Family::Single, Some(false)),
        "'" | "`" => (Family::Single, if t == "`" { Some(true) } else { None }),
        "\u{00AB}" => (Family::Guillemet, Some(true)),
        "\u{00BB}" => (Family::Guillemet, Some(false)),
        "\u{2039}" => (Family::SingleGuillemet, Some(true)),
        "\u{203A}" => (Family::SingleGuillemet, Some(false)),
        _ => return None,
    })
}

/// Quotation marks opened while this many quotes are open are ignored (prose
/// nests two or three deep); it keeps pairing linear on hostile input.
const MAX_QUOTE_DEPTH: usize = 8;

/// Sentences longer than this many tokens are cut (at a comma or semicolon
/// where there is one), so that the sentence-local rules stay linear in the
/// document length on text without sentence punctuation.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Pairs quotation marks inside one paragraph with a stack.
fn pair_quotes(a: &mut Analysis, s: usize, e: usize, pi: usize) {
    let mut stack: Vec<(usize, Family)> = vec![];
    let mut found: Vec<Quote> = vec![];
    for i in s..e {
        if a.tokens[i].kind != TokKind::Quote {
            continue;
        }
        let Some((fam, dir)) = family(&a.tokens[i].text) else {
            continue;
        };
        let prev_space = i == s || a.tokens[i - 1].end < a.tokens[i].start;
        let next_space = i + 1 >= e || a.tokens[i + 1].start > a.tokens[i].end;
        let in_stack = stack.iter().rposition(|(_, f)| *f == fam);
        let opening = match dir {
            Some(d) => d,
            None => match in_stack {
                Some(_) => {
                    // a straight mark after a space and before a word opens a nested quote only
                    // for singles; doubles toggle.
                    !(fam == Family::Double || !prev_space || next_space)
                }
                None => {
                    if fam == Family::Single {
                        // a lone straight single quote opens only before a word, after a space
                        prev_space && !next_space
                    } else {
                        true
                    }
                }
            },
        };
        if opening {
            if fam == Family::Single && dir.is_none() && (!prev_space || next_space) {
                continue;
            }
            if stack.len() >= MAX_QUOTE_DEPTH {
                // marks nested deeper than any prose nests are not quotations
                continue;
            }
            stack.push((i, fam));
        } else if let Some(pos) = in_stack {
            // close it (and drop anything opened inside that was never closed)
            let (open, _) = stack[pos];
            let depth = pos;
            stack.truncate(pos);
            found.push(Quote {
                open,
                close: Some(i),
                inner_end: i,
                depth,
                paragraph: pi,
            });
        } else if fam == Family::Single && a.tokens[i].text == "\u{2019}" {
            // an apostrophe (Sanders’ campaign)
            continue;
        }
    }
    // an unclosed top-level quote runs to the paragraph end
    if let Some(&(open, _)) = stack.first() {
        // only when the opening mark starts a sentence-like run (not a stray mark at the end)
        if open + 1 < e {
            found.push(Quote {
                open,
                close: None,
                inner_end: e,
                depth: 0,
                paragraph: pi,
            });
        }
    }
    found.sort_by_key(|q| (q.open, q.depth));
    for q in found {
        let qi = a.quotes.len();
        let last = q.last_tok();
        for i in q.open..=last.min(e.saturating_sub(1)) {
            let inside = i > q.open && (q.close.is_none() || i < last);
            if inside {
                a.tok_depth[i] = a.tok_depth[i].max(q.depth + 1);
            }
            a.tok_quote[i] = Some(qi);
        }
        a.quote_open[q.open].get_or_insert(qi);
        if let Some(c) = q.close {
            a.quote_close[c].get_or_insert(qi);
        }
        a.quotes.push(q);
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "v", "inc", "corp", "ltd", "co", "jr", "sr", "rev", "fig", "approx", "est", "dept",
    "univ", "ave", "mt", "ft", "pres", "supt", "hon",
];

/// Splits the tokens of one paragraph into sentences.
fn split_sentences(a: &mut Analysis, s: usize, e: usize, pi: usize) {
    let mut start = s;
    let mut i = s;
    while i < e {
        let t = &a.tokens[i];
        let mut boundary = false;
        let mut end = i + 1;
        if t.is_final() {
            // swallow closing quotes and brackets after the final mark
            while end < e
                && (a.is_close_quote(end) || a.tokens[end].is(")") || a.tokens[end].is_final())
            {
                end += 1;
            }
            let next = a.tokens.get(end).filter(|_| end < e);
            let prev_abbrev = t.is(".")
                && i > s
                && (ABBREVIATIONS.contains(&a.tokens[i - 1].lower.as_str())
                    || (a.tokens[i - 1].text.chars().count() == 1 && a.tokens[i - 1].is_cap())
                    || a.tokens[i - 1]
                        .text
                        .rsplit_once('-')
                        .is_some_and(|(_, x)| x.chars().count() == 1))
                && a.tokens[i - 1].end == t.start;
            boundary = match next {
                None => true,
                Some(n) => {
                    !prev_abbrev
                        && (n.is_cap()
                            || n.kind == TokKind::Quote
                            || n.kind == TokKind::Num
                            || n.kind == TokKind::Hashtag
                            || n.is("(")
                            || n.is("-")
                            || n.is("\u{2014}"))
                }
            };
            if !boundary && !prev_abbrev && end < e {
                // the same holds at every mark of the run: go past it (linear on "!!!!")
                i = end;
                continue;
            }
        } else if t.text.ends_with('.') && t.text.len() > 2 && t.kind == TokKind::Word {
            // an abbreviation like U.S. at a sentence end: only before a capitalised function word
            if let Some(n) = a.tokens.get(i + 1).filter(|_| i + 1 < e) {
                boundary = n.is_cap() && lexicon::FUNCTION_WORDS.contains(n.lower.as_str());
            }
        }
        if boundary || end >= e {
            let end = end.min(e);
            push_sentence(a, start, end, pi);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < e {
        push_sentence(a, start, e, pi);
    }
}

/// Adds the sentence `[start, end)`, cut into pieces of at most
/// [`MAX_SENTENCE_TOKENS`] (after the last comma, semicolon or colon of the
/// second half of each piece, else at the limit).
fn push_sentence(a: &mut Analysis, mut start: usize, end: usize, pi: usize) {
    while start < end {
        let mut cut = end;
        if end - start > MAX_SENTENCE_TOKENS {
            let limit = start + MAX_SENTENCE_TOKENS;
            cut = (start + MAX_SENTENCE_TOKENS / 2..limit)
                .rev()
                .find(|&k| matches!(a.tokens[k].text.as_str(), "," | ";" | ":"))
                .map_or(limit, |k| k + 1);
        }
        let si = a.sentences.len();
        for k in start..cut {
            a.tok_sent[k] = si;
        }
        a.sentences.push(Sentence {
            tok_start: start,
            tok_end: cut,
            paragraph: pi,
        });
        start = cut;
    }
}

/// Flags page-furniture paragraphs (alt text, captions, headings) in place.
///
/// - alt text / keyword lines: short, no final punctuation, no function words;
/// - captions: no final punctuation and ending in a credit (`CC`, `@user`,
///   `(Credit)`, `Photo: Agency`, `Getty Images`, ...);
/// - cross-heads: short lines without final punctuation or speech verbs;
/// - the headline, when the first paragraph equals `meta.title`.
pub fn mark_furniture(doc: &mut Document) {
    let chars: Vec<char> = doc.text.chars().collect();
    let title = doc.meta.title.as_deref().map(|t| t.trim().to_lowercase());
    for i in 0..doc.paragraphs.len() {
        let p = &doc.paragraphs[i];
        let text: String = chars[p.start.min(chars.len())..p.end.min(chars.len())]
            .iter()
            .collect();
        let f = classify_furniture(&text, i == 0, title.as_deref());
        doc.paragraphs[i].furniture = f;
    }
}

const CREDITS: &[&str] = &[
    "cc",
    "reuters",
    "afp",
    "ap",
    "getty",
    "images",
    "pa",
    "epa",
    "shutterstock",
    "istock",
    "alamy",
    "handout",
    "supplied",
    "rex",
    "file",
    "wikimedia",
    "commons",
    "flickr",
    "twitter",
    "facebook",
    "youtube",
    "instagram",
];

fn classify_furniture(text: &str, first: bool, title: Option<&str>) -> Option<Furniture> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if first && title.is_some_and(|ti| ti == t.to_lowercase()) {
        return Some(Furniture::Headline);
    }
    let last = t.chars().last().unwrap_or(' ');
    let final_punct = matches!(
        last,
        '.' | '!' | '?' | '"' | '\'' | '\u{201D}' | '\u{2019}' | ':' | ';' | '…' | ','
    );
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let has_speech = lower.iter().any(|w| {
        matches!(
            w.as_str(),
            "said"
                | "says"
                | "told"
                | "tells"
                | "according"
                | "claims"
                | "claimed"
                | "warns"
                | "warned"
                | "argues"
        )
    });
    let lower_caps = t.to_lowercase();
    if lower_caps.starts_with("photo:")
        || lower_caps.starts_with("image:")
        || lower_caps.starts_with("picture:")
        || lower_caps.contains("photo: ")
        || lower_caps.contains("(photo")
        || lower_caps.contains("credit:")
        || lower_caps.contains("image credit")
    {
        return Some(Furniture::Caption);
    }
    if final_punct || t.ends_with(".)") || t.ends_with(".\u{201D})") {
        return None;
    }
    // long lines and lines with several sentences are body text
    let words_n = t.split_whitespace().count();
    if words_n > 30 || t.contains(". ") && words_n > 12 {
        return None;
    }
    let lastw = words.last().copied().unwrap_or("");
    let last_lower = lower.last().cloned().unwrap_or_default();
    let credit = lastw.starts_with('@')
        || (lastw.ends_with(')') && t.contains('(') && words.len() > 3)
        || CREDITS.contains(&last_lower.as_str()) && words.len() > 3
        || lastw == "CC";
    if credit {
        return Some(Furniture::Caption);
    }
    let function = lower
        .iter()
        .filter(|w| lexicon::FUNCTION_WORDS.contains(w.as_str()))
        .count();
    // "Paul Ryan: FBI decision defies explanation" attributes a statement
    let colon_quote = words
        .iter()
        .take(6)
        .position(|w| w.ends_with(':'))
        .is_some_and(|i| words.len() >= i + 4 && words[0].starts_with(char::is_uppercase));
    if words.len() <= 12 && function == 0 && !has_speech && !colon_quote {
        return Some(Furniture::AltText);
    }
    if words.len() <= 10 && !has_speech && !colon_quote {
        return Some(Furniture::Heading);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;

    fn doc(text: &str) -> Document {
        let mut d = Document {
            id: "t".into(),
            source: "t".into(),
            meta: Meta::default(),
            text: text.into(),
            paragraphs: crate::ingest::paragraphs(text),
        };
        mark_furniture(&mut d);
        d
    }

    #[test]
    fn furniture_kinds() {
        let d = doc("protest banner hashtags placards rally\nA man with a flag in a city square @someone\nThe question of power\nShe said it was fine.\nA photo of a protest outside parliament CC");
        let f: Vec<_> = d.paragraphs.iter().map(|p| p.furniture).collect();
        assert_eq!(
            f,
            vec![
                Some(Furniture::AltText),
                Some(Furniture::Caption),
                Some(Furniture::Heading),
                None,
                Some(Furniture::Caption)
            ]
        );
    }

    #[test]
    fn sentences_and_quotes() {
        let d = doc("\u{201C}We are fine. Really,\u{201D} Smith said. \u{201C}It works.\u{201D}\n\u{201C}More to say.\n\u{201C}End.\u{201D}");
        let a = analyse(&d);
        assert_eq!(a.sentences.len(), 5);
        assert_eq!(a.quotes.len(), 4);
        assert!(a.quotes[2].close.is_none());
        let q0 = &a.quotes[0];
        assert_eq!(
            a.tok_text(q0.open, q0.last_tok() + 1),
            "\u{201C}We are fine. Really,\u{201D}"
        );
    }

    #[test]
    fn straight_and_nested_quotes() {
        let d = doc("He said \"they call it 'mob rule' here\" and left. It's Sanders' plan.");
        let a = analyse(&d);
        assert_eq!(a.quotes.len(), 2);
        assert_eq!(a.quotes.iter().filter(|q| q.depth == 1).count(), 1);
    }
}
