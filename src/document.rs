//! The ingested article: metadata, text and paragraphs.
//!
//! A [`Document`] is what every corpus format (plain text, Markdown with front
//! matter, HTML, JSON Lines) is turned into. Offsets everywhere in stancegraph
//! are **Unicode code point** (char) offsets into [`Document::text`], end
//! exclusive; [`CharIndex`] converts between byte and char offsets.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Article metadata. Fields missing from the source stay `None` (never invented);
/// fields the tool does not know are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Publisher (outlet) name, e.g. "The Guardian".
    pub outlet: Option<String>,
    /// Publication date as given (ISO 8601 preferred: `2015-11-18`).
    pub date: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Author byline.
    pub author: Option<String>,
    /// Language tag, e.g. `en`.
    pub language: Option<String>,
    /// Any other front-matter / JSON fields, kept verbatim as strings or JSON.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// What kind of page furniture a paragraph is, if any. Furniture is kept in
/// the text (offsets stay true to the source) but never yields claims or actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Furniture {
    /// Image alt text or keyword lines ("protest london police tear gas").
    AltText,
    /// An image caption, often ending in a credit ("... CC", "... @user", "Reuters").
    Caption,
    /// A section heading / cross-head inside the article body.
    Heading,
    /// The article's headline when it is part of the text.
    Headline,
}

/// A paragraph of the article: a char span and whether it is furniture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Zero-based paragraph index in the document.
    pub index: usize,
    /// Char offset of the first character.
    pub start: usize,
    /// Char offset one past the last character.
    pub end: usize,
    /// Set when the paragraph is page furniture rather than body text.
    pub furniture: Option<Furniture>,
}

/// One article, ready for annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: a slug derived from the file name (and record number
    /// for JSON Lines), used in IRIs and named graph names.
    pub id: String,
    /// Where it came from (path, or `path#line` for JSON Lines).
    pub source: String,
    /// Metadata.
    pub meta: Meta,
    /// The body text exactly as analysed; all offsets point into it.
    pub text: String,
    /// Paragraphs (blank-line separated blocks), with furniture flags.
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// SHA-256 of the metadata and text, hex; unchanged articles have the same
    /// hash, so re-ingesting them is a no-op.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(serde_json::to_vec(&self.meta).unwrap_or_default());
        h.update([0u8]);
        h.update(self.text.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The text of the char span `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// The paragraph containing char offset `pos`, if any.
    pub fn paragraph_at(&self, pos: usize) -> Option<&Paragraph> {
        self.paragraphs
            .iter()
            .find(|p| p.start <= pos && pos < p.end)
    }
}

/// Converts between byte offsets and char (code point) offsets of one string.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `byte_of[c]` is the byte offset of char `c`; one extra entry for the end.
    byte_of: Vec<usize>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        CharIndex { byte_of }
    }

    /// Number of chars in the text.
    pub fn len_chars(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// Byte offset of char offset `c` (clamped to the end).
    pub fn byte(&self, c: usize) -> usize {
        self.byte_of[c.min(self.byte_of.len() - 1)]
    }

    /// Char offset of byte offset `b` (the char starting at or containing `b`).
    pub fn char(&self, b: usize) -> usize {
        match self.byte_of.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte() {
        let t = "a “b” c";
        let ix = CharIndex::new(t);
        assert_eq!(ix.len_chars(), 7);
        assert_eq!(ix.byte(2), 2);
        assert_eq!(ix.byte(3), 5);
        assert_eq!(ix.char(5), 3);
        assert_eq!(&t[ix.byte(2)..ix.byte(5)], "“b”");
    }
}
