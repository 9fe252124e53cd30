//! The learned linguistic backbone ([`crate::syntax`]) on the segmenter's
//! tokens and sentences.
//!
//! The shipped weights (`models/backbone/backbone.bin`, trained on UD English
//! EWT and GUM; see `models/backbone/NOTICE`) are embedded in the binary, so
//! nothing is read or downloaded at run time; `STANCEGRAPH_BACKBONE=DIR`
//! replaces them with `DIR/backbone.bin`. The analysis is computed on first
//! use per document and kept in [`Analysis::syntax`].

use super::segment::Analysis;
use crate::syntax::analysis::{Tagged, WordsOut};
use crate::syntax::gum::EntType;
use crate::syntax::{Backbone, Parsed};
use once_cell::sync::Lazy;

static EMBEDDED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/models/backbone/backbone.bin"
));

static SHARED: Lazy<Option<Backbone>> =
    Lazy::new(|| match std::env::var_os("STANCEGRAPH_BACKBONE") {
        Some(dir) => Backbone::load(std::path::Path::new(&dir)).ok(),
        None => Backbone::from_bytes(EMBEDDED).ok(),
    });

/// Whether `mentions` consults the backbone (default yes;
/// `STANCEGRAPH_BACKBONE_MENTIONS=off` turns it off, to measure its effect).
pub fn in_mentions() -> bool {
    static ON: Lazy<bool> =
        Lazy::new(|| std::env::var_os("STANCEGRAPH_BACKBONE_MENTIONS").is_none_or(|v| v != "off"));
    *ON
}

/// The process-wide backbone (loaded once); `None` when the weights named by
/// `STANCEGRAPH_BACKBONE` cannot be read.
pub fn shared() -> Option<&'static Backbone> {
    SHARED.as_ref()
}

/// The backbone's analysis of `a`: one [`crate::syntax::SynToken`] per
/// segmenter token (same index, same char offsets) and one sentence per
/// segmenter sentence. Empty when no backbone is available.
pub fn syntax(a: &Analysis) -> &Parsed {
    a.syntax.get_or_init(|| {
        let Some(bb) = shared() else {
            return Parsed::default();
        };
        let text: String = a.chars.iter().collect();
        let toks: Vec<(usize, usize)> = a.tokens.iter().map(|t| (t.start, t.end)).collect();
        let all = sentence_ranges(a);
        bb.analyse_tokens(&text, &toks, &all)
    })
}

/// The backbone tagger's (UPOS, XPOS) of every token of `a` (same index)
/// and its entity spans (token indices), sentence by sentence, without a
/// parse; empty when no backbone is available.
pub fn tagged(a: &Analysis) -> &Tagged {
    a.tagged.get_or_init(|| {
        let Some(bb) = shared() else {
            return Tagged::default();
        };
        let mut out = Tagged::default();
        for (s, e) in sentence_ranges(a) {
            let forms: Vec<&str> = a.tokens[s..e].iter().map(|t| t.text.as_str()).collect();
            bb.tag_words(&forms, s, &mut out);
        }
        out
    })
}

/// UPOS of token `i` by the backbone tagger, if available.
pub fn upos(a: &Analysis, i: usize) -> Option<&str> {
    tagged(a).tags.get(i).map(|t| t.0.as_str())
}

/// The entity type the backbone gives exactly tokens `[s, e)`, if any.
pub fn entity_type(a: &Analysis, s: usize, e: usize) -> Option<EntType> {
    let ents = &tagged(a).entities;
    let k = ents.partition_point(|x| x.start < s);
    ents.get(k)
        .filter(|x| x.start == s && x.end == e)
        .map(|x| x.ty)
}

/// The segmenter's sentences as sorted, disjoint token ranges covering every
/// token (tokens outside all sentences become one-token ranges).
fn sentence_ranges(a: &Analysis) -> Vec<(usize, usize)> {
    let n = a.tokens.len();
    let mut sents: Vec<(usize, usize)> = a
        .sentences
        .iter()
        .map(|s| (s.tok_start.min(n), s.tok_end.min(n)))
        .collect();
    sents.sort_unstable();
    let mut all = Vec::with_capacity(sents.len());
    let mut next = 0;
    for (s, e) in sents {
        if s < next || s >= e {
            continue;
        }
        for k in next..s {
            all.push((k, k + 1));
        }
        all.push((s, e));
        next = e;
    }
    for k in next..n {
        all.push((k, k + 1));
    }
    all
}

/// Tags (and parses, and finds entities in) the words of one sentence
/// `[s, e)` of `a` without analysing the whole document.
pub fn sentence(a: &Analysis, s: usize, e: usize) -> Option<WordsOut> {
    let bb = shared()?;
    let e = e.min(a.tokens.len());
    if s >= e {
        return None;
    }
    let forms: Vec<&str> = a.tokens[s..e].iter().map(|t| t.text.as_str()).collect();
    Some(bb.analyse_words(&forms))
}
