//! Front matter: YAML between `---` lines, or TOML between `+++` lines, at the
//! top of a Markdown file, parsed by maintained crates (`yaml-rust2`, `toml`).
//!
//! Known keys fill [`Meta`] (with synonyms): `title` / `headline`, `outlet` /
//! `publisher` / `source` / `site_name`, `date` / `published` / `date_published`
//! / `pubdate`, `url` / `link` / `canonical_url`, `author` / `authors` / `byline`,
//! `language` / `lang`. Every other key is kept, with its YAML / TOML value as
//! JSON, in `Meta::extra`. Lists of authors (block or flow style, strings or
//! `{name: ...}` maps) are joined with ", "; folded and literal scalars,
//! comments, quoting and TOML's typed dates are the parsers' business. Dates are
//! normalised to ISO 8601 ([`super::dates`]); when that changes the text, the
//! original is kept as `extra["date_original"]`.
//!
//! Errors name the file and the line: syntax errors (from the parser's
//! position), wrong types for known keys ("`title` must be text, got a list"),
//! dates that cannot be read, an unclosed block, YAML aliases (refused, so a
//! small file cannot expand to gigabytes), nesting deeper than
//! [`MAX_DEPTH`] levels and blocks over [`MAX_BYTES`].

use crate::document::Meta;
use crate::error::{Error, Result};
use serde_json::Value;
use std::path::Path;

/// Largest front matter block accepted (bytes).
pub const MAX_BYTES: usize = 256 * 1024;
/// Deepest nesting of lists and mappings accepted.
pub const MAX_DEPTH: usize = 32;

/// One top-level key with its value and the file line it is on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// Its value.
    pub value: Value,
    /// File line of the key.
    pub line: usize,
}

/// A failure inside the block: file line and reason.
type BlockError = (usize, String);

/// Splits front matter (if any) from the body and parses it into [`Meta`].
/// Returns the metadata and the body (everything after the closing line).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<(Meta, &'a str)> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = t.split_inclusive('\n').next().unwrap_or("");
    let opener = first.trim_end_matches(['\n', '\r']).trim_end();
    let (closers, toml): (&[&str], bool) = match opener {
        "---" => (&["---", "..."], false),
        "+++" => (&["+++"], true),
        _ => return Ok((Meta::default(), t)),
    };
    let rest = &t[first.len()..];
    let mut offset = 0usize;
    let mut block_end = None;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']).trim_end();
        if closers.contains(&l) {
            block_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
        if offset > MAX_BYTES {
            break;
        }
    }
    let fail = |line: usize, reason: String| {
        Error::input(path, format!("front matter line {line}: {reason}"))
    };
    let Some((end, body_start)) = block_end else {
        if offset > MAX_BYTES {
            return Err(Error::input(
                path,
                format!(
                    "front matter is over {} KB (or its closing `{}` line is missing)",
                    MAX_BYTES / 1024,
                    closers[0]
                ),
            ));
        }
        return Err(Error::input(
            path,
            format!(
                "front matter opened on line 1 has no closing `{}` line",
                closers[0]
            ),
        ));
    };
    let block = &rest[..end];
    let fields = if toml {
        parse_toml(block, 2)
    } else {
        parse_yaml(block, 2)
    }
    .map_err(|(line, reason)| fail(line, reason))?;
    let mut meta = Meta::default();
    for f in fields {
        apply(&mut meta, &f.key, f.value).map_err(|reason| fail(f.line, reason))?;
    }
    Ok((meta, &rest[body_start..]))
}

/// Parses a YAML block (whose first line is file line `first_line`) into its
/// top-level fields. Built from the parser's events with an explicit stack: no
/// recursion, aliases refused, depth limited.
pub fn parse_yaml(block: &str, first_line: usize) -> std::result::Result<Vec<Field>, BlockError> {
    use yaml_rust2::parser::{Event, Parser};
    use yaml_rust2::scanner::TScalarStyle;
    enum Frame {
        Seq(Vec<Value>),
        Map(serde_json::Map<String, Value>, Option<(String, usize)>),
    }
    let line_of = |m: &yaml_rust2::scanner::Marker| first_line + m.line().saturating_sub(1);
    let mut parser = Parser::new_from_str(block);
    let mut stack: Vec<Frame> = vec![];
    let mut root: Option<Value> = None;
    let mut fields = vec![];
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            (
                line_of(e.marker()),
                format!("YAML syntax error: {}", e.info()),
            )
        })?;
        let line = line_of(&mark);
        let value = match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => {
                continue
            }
            Event::Alias(_) => {
                return Err((line, "YAML aliases (`*name`) are not supported".into()))
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(Frame::Map(_, None)) = stack.last() {
                    return Err((line, "lists or mappings as keys are not supported".into()));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err((line, format!("nested deeper than {MAX_DEPTH} levels")));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(vec![])
                } else {
                    Frame::Map(serde_json::Map::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(v)) => Value::Array(v),
                Some(Frame::Map(m, _)) => Value::Object(m),
                None => continue,
            },
            Event::Scalar(s, style, _, tag) => {
                let plain = style == TScalarStyle::Plain && tag.is_none();
                if let Some(Frame::Map(_, key @ None)) = stack.last_mut() {
                    *key = Some((s, line));
                    continue;
                }
                if plain {
                    scalar_value(&s)
                } else {
                    Value::String(s)
                }
            }
        };
        let depth = stack.len();
        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::Seq(v)) => v.push(value),
            Some(Frame::Map(m, key)) => {
                if let Some((k, kline)) = key.take() {
                    if depth == 1 {
                        fields.push(Field {
                            key: k.clone(),
                            value: value.clone(),
                            line: kline,
                        });
                    }
                    m.insert(k, value);
                }
            }
        }
    }
    match root {
        None | Some(Value::Null) | Some(Value::Object(_)) => Ok(fields),
        Some(other) => Err((
            first_line,
            format!("expected `key: value` lines, got {}", kind_of(&other)),
        )),
    }
}

/// A plain YAML scalar resolved as YAML 1.2 core: null, booleans, integers, floats, else text.
fn scalar_value(s: &str) -> Value {
    match yaml_rust2::Yaml::from_str(s) {
        yaml_rust2::Yaml::Integer(i) => Value::from(i),
        yaml_rust2::Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(s.to_string()), Value::Number),
        yaml_rust2::Yaml::Boolean(b) => Value::Bool(b),
        yaml_rust2::Yaml::Null => Value::Null,
        _ => Value::String(s.to_string()),
    }
}

/// The deepest bracket nesting and dotted-key depth of a TOML block, read
/// without parsing (strings are not skipped: an overestimate is harmless).
fn toml_depth(block: &str) -> (usize, usize) {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut line_of_max = 0;
    for (i, line) in block.lines().enumerate() {
        let key_part = line.split('=').next().unwrap_or("");
        let dots = key_part.matches('.').count();
        if dots + 1 > max {
            max = dots + 1;
            line_of_max = i;
        }
        for c in line.chars() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > max {
                        max = depth;
                        line_of_max = i;
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    (max, line_of_max)
}

/// Parses a TOML block (first line = file line `first_line`) into its top-level fields.
pub fn parse_toml(block: &str, first_line: usize) -> std::result::Result<Vec<Field>, BlockError> {
    let (depth, at) = toml_depth(block);
    if depth > MAX_DEPTH {
        return Err((
            first_line + at,
            format!("nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            block[..s.start.min(block.len())].matches('\n').count()
        });
        (
            first_line + line,
            format!(
                "TOML syntax error: {}",
                e.message().lines().next().unwrap_or("").trim()
            ),
        )
    })?;
    let mut fields = vec![];
    for (k, v) in table {
        let line = block
            .lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map_or(first_line, |i| first_line + i);
        fields.push(Field {
            key: k,
            value: toml_to_json(v),
            line,
        });
    }
    Ok(fields)
}

/// TOML to JSON; dates become their TOML text (`2024-03-07`, `2024-03-07T09:00:00Z`).
/// Recursive, bounded by [`MAX_DEPTH`] (checked before parsing).
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A text value for a known key: text, a number or a boolean as written, or a
/// mapping's `name`; `None` for null or blank.
fn text_of(key: &str, v: &Value) -> std::result::Result<Option<String>, String> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(m) => match m.get("name") {
            Some(Value::String(s)) => s.trim().to_string(),
            _ => {
                return Err(format!(
                    "`{key}` must be text, got a mapping without a `name`"
                ))
            }
        },
        Value::Array(_) => return Err(format!("`{key}` must be text, got a list")),
    };
    Ok((!s.is_empty()).then_some(s))
}

/// Which [`Meta`] field a key names, if any.
fn known(key: &str) -> Option<&'static str> {
    Some(match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => "title",
        "outlet" | "publisher" | "source" | "site_name" => "outlet",
        "date" | "published" | "date_published" | "datepublished" | "pubdate" | "published_at" => {
            "date"
        }
        "url" | "link" | "canonical_url" => "url",
        "author" | "authors" | "byline" => "author",
        "language" | "lang" => "language",
        _ => return None,
    })
}

/// Sets one metadata key from a front matter or JSON value: known keys (and
/// their synonyms) fill [`Meta`] with type checks, dates normalised; other keys
/// go to `extra`. The error is a one-line reason without file or line.
pub fn apply(meta: &mut Meta, key: &str, value: Value) -> std::result::Result<(), String> {
    let Some(field) = known(key) else {
        if !value.is_null() {
            meta.extra.insert(key.to_string(), value);
        }
        return Ok(());
    };
    match field {
        "author" => {
            let names = match &value {
                Value::Array(items) => {
                    let mut names = vec![];
                    for item in items {
                        if let Some(n) = text_of(key, item)
                            .map_err(|_| format!("`{key}` must be a name or a list of names"))?
                        {
                            names.push(n);
                        }
                    }
                    names
                }
                other => text_of(key, other)?.into_iter().collect(),
            };
            if !names.is_empty() {
                meta.author = Some(names.join(", "));
            }
        }
        "date" => {
            let Some(raw) = text_of(key, &value)? else {
                return Ok(());
            };
            let iso = super::dates::normalise_date(&raw).ok_or_else(|| {
                format!(
                    "`{key}` {raw:?} is not a date I can read (write it as 2024-03-07 or 2024-03-07T09:00:00Z)"
                )
            })?;
            if iso != raw {
                meta.extra
                    .insert("date_original".into(), Value::String(raw));
            }
            meta.date = Some(iso);
        }
        _ => {
            let v = text_of(key, &value)?;
            let slot = match field {
                "title" => &mut meta.title,
                "outlet" => &mut meta.outlet,
                "url" => &mut meta.url,
                _ => &mut meta.language,
            };
            if v.is_some() {
                *slot = v;
            }
        }
    }
    Ok(())
}

/// Sets `meta.date` from a page's own metadata (HTML meta tags), where a date
/// that cannot be read is no error: the date stays unknown and the text is kept
/// as `extra["date_original"]`.
pub fn apply_lenient_date(meta: &mut Meta, raw: &str) {
    let raw = raw.trim();
    match super::dates::normalise_date(raw) {
        Some(iso) => {
            if iso != raw {
                meta.extra
                    .insert("date_original".into(), Value::String(raw.to_string()));
            }
            meta.date = Some(iso);
        }
        None => {
            meta.extra
                .insert("date_original".into(), Value::String(raw.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Result<(Meta, String)> {
        split(Path::new("a.md"), text).map(|(m, b)| (m, b.to_string()))
    }

    #[test]
    fn yaml_block_lists_folded_scalars_flow_lists_and_comments() {
        let (m, body) = meta(
            "---\n# a comment\ntitle: \"Port: the vote\"  # trailing comment\nauthor:\n  - Ann Lee\n  - Bob Roe\noutlet: >\n  The Valley\n  Times\ntags: [port, vote]\ndate: March 7, 2024\nwords: 420\n---\nBody text.\n",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("Port: the vote"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee, Bob Roe"));
        assert_eq!(m.outlet.as_deref(), Some("The Valley Times"));
        assert_eq!(m.date.as_deref(), Some("2024-03-07"));
        assert_eq!(m.extra["date_original"], "March 7, 2024");
        assert_eq!(m.extra["tags"], serde_json::json!(["port", "vote"]));
        assert_eq!(m.extra["words"], serde_json::json!(420));
        assert_eq!(body, "Body text.\n");
        let (m, _) = meta("---\nauthor: [Ann Lee, Bob Roe]\n---\nx\n").unwrap();
        assert_eq!(m.author.as_deref(), Some("Ann Lee, Bob Roe"));
    }

    #[test]
    fn toml_front_matter() {
        let (m, body) = meta(
            "+++\ntitle = \"Dam plan\"\ndate = 2024-03-07T09:00:00Z\nauthors = [\"Ann Lee\"]\n[extra]\nsection = \"local\"\n+++\nBody.\n",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("Dam plan"));
        assert_eq!(m.date.as_deref(), Some("2024-03-07T09:00:00Z"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee"));
        assert_eq!(m.extra["extra"]["section"], "local");
        assert_eq!(body, "Body.\n");
    }

    #[test]
    fn errors_name_the_line() {
        let e = meta("---\ntitle: ok\nauthor: [unclosed\n---\nx\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.md: front matter line"), "{e}");
        let e = meta("---\ntitle: ok\ntitle2: x\ntitle: [a, b]\n---\nx\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "a.md: front matter line 4: `title` must be text, got a list"
        );
        let e = meta("---\ndate: 2024-13-01\n---\nx\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("not a date"), "{e}");
        let e = meta("+++\ntitle = \n+++\nx\n").unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("TOML"), "{e}");
        let e = meta("---\ntitle: x\n").unwrap_err().to_string();
        assert!(e.contains("no closing `---`"), "{e}");
        let e = meta("---\na: &x [1, 2]\nb: *x\n---\nx\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("aliases"), "{e}");
        let deep = format!("---\na: {}{}\n---\nx\n", "[".repeat(100), "]".repeat(100));
        let e = meta(&deep).unwrap_err().to_string();
        assert!(e.contains("deeper"), "{e}");
        let deep = format!(
            "+++\na = {}{}\n+++\nx\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(meta(&deep).unwrap_err().to_string().contains("deeper"));
        let e = meta("---\n- a\n- b\n---\nx\n").unwrap_err().to_string();
        assert!(e.contains("got a list"), "{e}");
    }
}
