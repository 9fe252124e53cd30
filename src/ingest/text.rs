//! Plain text: the whole file is the body; no metadata.

use crate::document::{Document, Meta};
use crate::error::Result;
use std::path::Path;

/// Parses a plain-text article.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    let mut doc = Document {
        id: super::doc_id(path),
        source: path.display().to_string(),
        meta: Meta::default(),
        text: text.to_string(),
        paragraphs: super::paragraphs(text),
    };
    crate::annotate::segment::mark_furniture(&mut doc);
    Ok(doc)
}
