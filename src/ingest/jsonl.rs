//! JSON Lines: one article per line, a JSON object with the text in `text`
//! (or `body` / `content`) and the same metadata keys as front matter
//! (`title`, `outlet`, `date`, `url`, `author`, `language`, and their
//! synonyms; [`super::frontmatter::apply`] checks their types and normalises
//! dates). Unknown fields are kept verbatim in `Meta::extra`. The document id
//! is the record's `id` (slugged) or `{file id}-{line number}`.

use crate::document::{Document, Meta};
use crate::error::{Error, Result};
use std::path::Path;

const TEXT_KEYS: &[&str] = &["text", "body", "content"];

/// Parses every non-blank line of `text`; one result per record, so a bad
/// line does not stop the others. Errors name the file and the line.
pub fn parse(path: &Path, text: &str) -> Vec<Result<Document>> {
    let mut out = vec![];
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(path, lineno, line));
    }
    if out.is_empty() {
        out.push(Err(Error::input(path, "file holds no JSON records")));
    }
    out
}

/// serde_json's message without its " at line L column C" suffix (a record is one line).
fn json_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let what = if e.is_eof() {
        "truncated JSON"
    } else {
        "malformed JSON"
    };
    let hint = if msg.contains("escape") || msg.contains("surrogate") {
        " (\\uD800-\\uDFFF escapes must come in valid pairs: a lone surrogate is not text)"
    } else {
        ""
    };
    format!("column {}: {what}: {msg}{hint}", e.column())
}

fn parse_line(path: &Path, lineno: usize, line: &str) -> Result<Document> {
    let err = |reason: String| Error::input(path, format!("line {lineno}: {reason}"));
    let value: serde_json::Value = serde_json::from_str(line.trim_start_matches('\u{feff}'))
        .map_err(|e| err(json_reason(&e)))?;
    let serde_json::Value::Object(map) = value else {
        return Err(err(format!(
            "expected a JSON object, got {}",
            match value {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            }
        )));
    };
    let mut meta = Meta::default();
    let mut body = None;
    let mut id = None;
    for (k, v) in map {
        let key = k.to_ascii_lowercase();
        if TEXT_KEYS.contains(&key.as_str()) && body.is_none() {
            match v {
                serde_json::Value::String(s) => body = Some(s),
                _ => return Err(err(format!("field `{k}` is not a string"))),
            }
            continue;
        }
        if key == "id" {
            id = match &v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Null => None,
                _ => return Err(err("field `id` must be a string or a number".into())),
            };
            continue;
        }
        super::frontmatter::apply(&mut meta, &k, v).map_err(err)?;
    }
    let Some(body) = body else {
        return Err(err("no `text` or `body` field".into()));
    };
    if body.trim().is_empty() {
        return Err(err("article text is empty".into()));
    }
    let id = match id.as_deref().and_then(super::ids::slug_opt) {
        Some(i) => i,
        None => format!("{}-{lineno}", super::doc_id(path)),
    };
    super::build(id, format!("{}#{lineno}", path.display()), meta, &body).map_err(|e| match e {
        Error::Input { reason, .. } => err(reason),
        e => e,
    })
}
