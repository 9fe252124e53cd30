//! Segmentation: sentences, quotation spans and page furniture.

use crate::document::Document;

/// Flags page-furniture paragraphs (alt text, captions, headings) in place.
pub fn mark_furniture(doc: &mut Document) {
    let _ = doc;
}
