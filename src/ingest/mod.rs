//! Ingest: corpus files to [`Document`]s.
//!
//! Formats, chosen by extension: `.txt` (plain text), `.md` / `.markdown`
//! (Markdown with optional YAML-style front matter), `.html` / `.htm` (main
//! text extracted), `.jsonl` (one JSON record per line). Every failure is an
//! [`Error::Input`] naming the file and the reason.

pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod pipeline;
pub mod text;

use crate::document::{Document, Paragraph};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused (bytes).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads one corpus file into one or more documents (JSON Lines gives many).
/// Any failing record fails the whole call; see [`load_records`] to keep the good ones.
pub fn load_file(path: &Path) -> Result<Vec<Document>> {
    load_records(path)?.into_iter().collect()
}

/// Reads one corpus file: the outer error is a failure of the whole file
/// (unreadable, too large, binary, not UTF-8, empty); the inner results are
/// one per record (one for most formats, one per line for JSON Lines).
pub fn load_records(path: &Path) -> Result<Vec<Result<Document>>> {
    let text = read_text(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "md" | "markdown" => vec![markdown::parse(path, &text)],
        "html" | "htm" | "xhtml" => vec![html::parse(path, &text)],
        "jsonl" | "ndjson" => jsonl::parse(path, &text),
        _ => vec![text::parse(path, &text)],
    })
}

/// Reads a file as UTF-8 text, refusing (without reading it all) files over
/// [`MAX_FILE_BYTES`], and refusing binary, non-UTF-8 and empty files.
pub fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "file is {:.1} MB, over the {} MB limit; refused",
                meta.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let f = std::fs::File::open(path)
        .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
    let mut bytes = vec![];
    // Read at most one byte past the limit, in case the file grew since stat.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "file is over the {} MB limit; refused",
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Error::input(
            path,
            "binary file (contains NUL bytes), not text",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.contains('\0') {
        return Err(Error::input(
            path,
            "binary file (contains NUL bytes), not text",
        ));
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::input(path, "file is empty"));
    }
    Ok(text)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
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
        // Symlinked directories are not followed (no cycles).
        let symlink = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if hidden || (symlink && p.is_dir()) {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .as_deref(),
            Some("txt" | "md" | "markdown" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
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
