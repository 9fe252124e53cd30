//! A learned linguistic backbone in pure Rust: tokens and sentences, UPOS/XPOS
//! tags, morphological features, lemmas, a labelled UD dependency tree and
//! named-entity spans.
//!
//! Every model is an averaged perceptron over hashed sparse features
//! ([`perceptron`]); weights are quantised to `i16` and only non-zero entries
//! are stored ([`binio`]). The module depends on `std` only so that it can be
//! developed and trained through a tiny scratch crate.

#![allow(clippy::needless_range_loop)]

pub mod analysis;
pub mod binio;
pub mod conllu;
pub mod eval;
pub mod gum;
pub mod hash;
pub mod lemma;
pub mod morph;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;
pub mod train;

pub use analysis::{Backbone, Parsed, SynEntity, SynToken};

/// Errors raised while reading treebanks or model files.
#[derive(Debug)]
pub enum SyntaxError {
    /// A file could not be read or written.
    Io(String, std::io::Error),
    /// A model or treebank file is malformed.
    Format(String),
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyntaxError::Io(p, e) => write!(f, "{p}: {e}"),
            SyntaxError::Format(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for SyntaxError {}

/// Result alias for this module.
pub type SynResult<T> = std::result::Result<T, SyntaxError>;
