//! Ingest: corpus files to [`Document`]s.
//!
//! Formats, chosen by extension: `.txt` (plain text), `.md` / `.markdown`
//! (Markdown with optional YAML-style front matter), `.html` / `.htm` (main
//! text extracted), `.jsonl` (one JSON record per line). Every failure is an
//! [`Error::Input`] naming the file and the reason.

pub mod markdown;
pub mod text;

use crate::document::{Document, Paragraph};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Files larger than this are refused (bytes).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads one corpus file into one or more documents (JSON Lines gives many).
pub fn load_file(path: &Path) -> Result<Vec<Document>> {
    let meta =
        std::fs::metadata(path).map_err(|e| Error::input(path, format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "file is {} bytes, over the {} byte limit",
                meta.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::input(path, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Error::input(path, "file is empty"));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" => Ok(vec![markdown::parse(path, &text)?]),
        _ => {
            if text.contains('\0') {
                return Err(Error::input(path, "binary file (contains NUL bytes)"));
            }
            Ok(vec![text::parse(path, &text)?])
        }
    }
}

/// Expands files and directories (recursively) into the corpus files they
/// hold, sorted; hidden files and unknown extensions in directories are skipped.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![];
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .as_deref(),
            Some("txt" | "md" | "markdown" | "html" | "htm" | "jsonl")
        ) {
            out.push(p);
        }
    }
}

/// A document id from a file path: the file stem, lowercased, non-alphanumerics as `-`.
pub fn doc_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    slug(stem)
}

/// Lowercase ASCII slug: letters and digits, other runs as one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("document");
    }
    out
}

/// Splits `text` into paragraphs at blank lines (and at single newlines, since
/// scraped text often has one line per paragraph). Char offsets; furniture unset.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = vec![];
    let mut char_pos = 0usize;
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let start = char_pos + lead;
            out.push(Paragraph {
                index: out.len(),
                start,
                end: start + trimmed.chars().count(),
                furniture: None,
            });
        }
        char_pos += n;
    }
    out
}
