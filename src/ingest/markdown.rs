//! Markdown with optional front matter.
//!
//! Front matter is a block between two `---` lines at the top of the file,
//! holding `key: value` lines (a flat YAML subset: strings, quoted strings,
//! numbers). Known keys fill [`Meta`]; unknown keys are kept in `Meta::extra`.
//! The body is kept as written except for Markdown markup that is not text
//! (heading hashes, emphasis markers, link targets), so offsets stay close to
//! the source.

use crate::document::{Document, Meta};
use crate::error::{Error, Result};
use std::path::Path;

/// Parses a Markdown article with optional front matter.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    let (meta, body) = split_front_matter(path, text)?;
    let body = strip_markup(body);
    if body.trim().is_empty() {
        return Err(Error::input(path, "article body is empty"));
    }
    let mut doc = Document {
        id: super::doc_id(path),
        source: path.display().to_string(),
        meta,
        paragraphs: super::paragraphs(&body),
        text: body,
    };
    crate::annotate::segment::mark_furniture(&mut doc);
    Ok(doc)
}

/// Splits front matter (if any) from the body and parses it into [`Meta`].
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(Meta, &'a str)> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return Ok((Meta::default(), t));
    };
    let mut meta = Meta::default();
    let mut offset = 0usize;
    for (lineno, line) in rest.split_inclusive('\n').enumerate() {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim() == "---" {
            return Ok((meta, &rest[offset..]));
        }
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let Some((k, v)) = l.split_once(':') else {
            return Err(Error::input(
                path,
                format!(
                    "malformed front matter at line {}: expected `key: value`, got {l:?}",
                    lineno + 2
                ),
            ));
        };
        let key = k.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(Error::input(
                path,
                format!(
                    "malformed front matter at line {}: bad key {key:?}",
                    lineno + 2
                ),
            ));
        }
        set_field(&mut meta, key, unquote(v.trim()));
    }
    Err(Error::input(
        path,
        "malformed front matter: no closing `---` line",
    ))
}

/// Sets a metadata field by name; unknown names go to `extra`.
pub fn set_field(meta: &mut Meta, key: &str, value: String) {
    if value.is_empty() {
        return;
    }
    match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => meta.title = Some(value),
        "outlet" | "publisher" | "source" => meta.outlet = Some(value),
        "date" | "published" | "date_published" => meta.date = Some(value),
        "url" | "link" => meta.url = Some(value),
        "author" | "byline" => meta.author = Some(value),
        "language" | "lang" => meta.language = Some(value),
        _ => {
            let v = value
                .parse::<i64>()
                .map(serde_json::Value::from)
                .or_else(|_| value.parse::<f64>().map(serde_json::Value::from))
                .unwrap_or(serde_json::Value::String(value));
            meta.extra.insert(key.to_string(), v);
        }
    }
}

fn unquote(v: &str) -> String {
    let b = v.as_bytes();
    if b.len() >= 2
        && ((b[0] == b'"' && b[b.len() - 1] == b'"') || (b[0] == b'\'' && b[b.len() - 1] == b'\''))
    {
        v[1..v.len() - 1].to_string()
    } else {
        v.to_string()
    }
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
