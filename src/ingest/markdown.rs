//! Markdown with optional front matter.
//!
//! Front matter is YAML between two `---` lines, or TOML between two `+++`
//! lines, at the top of the file ([`super::frontmatter`]). Known keys fill
//! [`Meta`]; unknown keys are kept in `Meta::extra`. The body is kept as written
//! except for Markdown markup that is not text (heading hashes, emphasis
//! markers, link targets), so offsets stay close to the source.

use crate::document::Document;
use crate::error::Result;
use std::path::Path;

/// Parses a Markdown article with optional front matter.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    let (meta, body) = super::frontmatter::split(path, text)?;
    let body = strip_markup(body);
    super::build(super::doc_id(path), path.display().to_string(), meta, &body).map_err(
        |e| match e {
            crate::Error::Input { path, reason } if reason == "article text is empty" => {
                crate::Error::input(path, "article body is empty")
            }
            e => e,
        },
    )
}

/// Removes Markdown markup that is not text: leading `#` of headings,
/// `**`/`__` emphasis markers, and `(url)` parts of `[text](url)` links.
pub fn strip_markup(body: &str) -> String {
    static LINK: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"!?\[([^\]\n]*)\]\([^)\n]*\)").unwrap());
    static HEADING: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"(?m)^#{1,6}[ \t]+").unwrap());
    let s = LINK.replace_all(body, "$1");
    let s = HEADING.replace_all(&s, "");
    s.replace("**", "").replace("__", "")
}
