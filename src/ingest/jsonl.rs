//! JSON Lines: one article per line, a JSON object with the text in `text`
//! (or `body` / `content`) and the same metadata keys as front matter
//! (`title`, `outlet`, `date`, `url`, `author`, `language`, and their
//! synonyms). Unknown fields are kept verbatim in `Meta::extra`. The document
//! id is the record's `id` (slugged) or `{file stem}-{line number}`.

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

fn parse_line(path: &Path, lineno: usize, line: &str) -> Result<Document> {
    let err = |reason: String| Error::input(path, format!("line {lineno}: {reason}"));
    let value: serde_json::Value = serde_json::from_str(line.trim_start_matches('\u{feff}'))
        .map_err(|e| err(format!("malformed JSON: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(err("expected a JSON object".into()));
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
                _ => None,
            };
            continue;
        }
        match v {
            serde_json::Value::String(s)
                if matches!(
                    key.as_str(),
                    "title"
                        | "headline"
                        | "outlet"
                        | "publisher"
                        | "source"
                        | "date"
                        | "published"
                        | "date_published"
                        | "url"
                        | "link"
                        | "author"
                        | "byline"
                        | "language"
                        | "lang"
                ) =>
            {
                super::markdown::set_field(&mut meta, &key, s.trim().to_string());
            }
            serde_json::Value::Null => {}
            other => {
                meta.extra.insert(k, other);
            }
        }
    }
    let Some(body) = body else {
        return Err(err("no `text` or `body` field".into()));
    };
    if body.trim().is_empty() {
        return Err(err("article text is empty".into()));
    }
    let id = match id {
        Some(i) if !super::slug(&i).is_empty() => super::slug(&i),
        _ => format!("{}-{lineno}", super::doc_id(path)),
    };
    let mut doc = Document {
        id,
        source: format!("{}#{lineno}", path.display()),
        meta,
        paragraphs: super::paragraphs(&body),
        text: body,
    };
    crate::annotate::segment::mark_furniture(&mut doc);
    Ok(doc)
}
