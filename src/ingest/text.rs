//! Plain text: the whole file is the body; no metadata.

use crate::document::{Document, Meta};
use crate::error::Result;
use std::path::Path;

/// Parses a plain-text article.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    super::build(
        super::doc_id(path),
        path.display().to_string(),
        Meta::default(),
        text,
    )
}
