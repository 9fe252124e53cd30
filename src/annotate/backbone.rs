//! The learned linguistic backbone ([`crate::syntax`]) on the segmenter's
//! tokens and sentences.
//!
//! The shipped weights (`models/backbone/backbone.bin`, trained on UD English
//! EWT and GUM; see `models/backbone/NOTICE`) are embedded in the binary, so
//! nothing is read or downloaded at run time; `STANCEGRAPH_BACKBONE=DIR`
//! replaces them with `DIR/backbone.bin`. The analysis is computed on first
//! use per document and kept in [`Analysis::syntax`].

use super::segment::Analysis;
use crate::syntax::analysis::WordsOut;
use crate::syntax::{Backbone, Parsed};
use once_cell::sync::Lazy;

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/backbone/backbone.bin"));

static SHARED: Lazy<Option<Backbone>> = Lazy::new(|| match std::env::var_os("STANCEGRAPH_BACKBONE") {
    Some(dir) => Backbone::load(std::path::Path::new(&dir)).ok(),
    None => Backbone::from_bytes(EMBEDDED).ok(),
});

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
        let mut sents: Vec<(usize, usize)> = a.sentences.iter().map(|s| (s.tok_start, s.tok_end)).collect();
        sents.sort_unstable();
        // tokens outside every sentence become one-token sentences so that indices stay aligned
        let mut all = Vec::with_capacity(sents.len());
        let mut next = 0;
        for (s, e) in sents {
            if s < next {
                continue;
            }
            for k in next..s {
                all.push((k, k + 1));
            }
            all.push((s, e));
            next = e;
        }
        for k in next..toks.len() {
            all.push((k, k + 1));
        }
        bb.analyse_tokens(&text, &toks, &all)
    })
}

/// The backbone tagger's (UPOS, XPOS) of every token of `a` (same index),
/// tagged sentence by sentence; empty when no backbone is available.
pub fn tags(a: &Analysis) -> &[(String, String)] {
    a.tags.get_or_init(|| {
        if let Some(p) = a.syntax.get() {
            return p.tokens.iter().map(|t| (t.upos.clone(), t.xpos.clone())).collect();
        }
        let Some(bb) = shared() else {
            return Vec::new();
        };
        let mut out = vec![(String::from("X"), String::from("XX")); a.tokens.len()];
        let mut next = 0;
        let mut sents: Vec<(usize, usize)> = a.sentences.iter().map(|s| (s.tok_start, s.tok_end)).collect();
        sents.sort_unstable();
        sents.push((a.tokens.len(), a.tokens.len()));
        for (s, e) in sents {
            let (s, e) = (s.max(next).min(a.tokens.len()), e.min(a.tokens.len()));
            for (a0, b0) in [(next, s), (s, e)] {
                if a0 < b0 {
                    let forms: Vec<&str> = a.tokens[a0..b0].iter().map(|t| t.text.as_str()).collect();
                    for (k, c) in bb.tagger.tag(&forms).into_iter().enumerate() {
                        let (u, x) = bb.tagger.split(c);
                        out[a0 + k] = (u.to_string(), x.to_string());
                    }
                }
            }
            next = next.max(e);
        }
        out
    })
}

/// UPOS of token `i` by the backbone tagger, if available.
pub fn upos(a: &Analysis, i: usize) -> Option<&str> {
    tags(a).get(i).map(|t| t.0.as_str())
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
