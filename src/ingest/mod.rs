//! Ingest: corpus files to [`Document`]s.
//!
//! Formats, chosen by extension: `.txt` (plain text), `.md` / `.markdown`
//! (Markdown with optional YAML `---` or TOML `+++` front matter), `.html` /
//! `.htm` (main text extracted), `.jsonl` (one JSON record per line). Every
//! failure is an [`Error::Input`] naming the file and the reason, in one line.
//!
//! Every document is built by one function ([`build`]): text and metadata are
//! normalised ([`normalise`]: NFC, invisible characters removed, line breaks as
//! `\n`) before paragraphs are found, so all offsets refer to the normalised
//! text. Ids come from file names ([`ids`]). Only regular files are read:
//! FIFOs, sockets and devices are refused without being opened.

pub mod dates;
pub mod frontmatter;
pub mod html;
pub mod ids;
pub mod jsonl;
pub mod markdown;
pub mod normalise;
pub mod pipeline;
pub mod text;

use crate::document::{Document, Meta, Paragraph};
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
/// (unreadable, not a regular file, too large, binary, not UTF-8, empty); the
/// inner results are one per record (one for most formats, one per line for
/// JSON Lines).
pub fn load_records(path: &Path) -> Result<Vec<Result<Document>>> {
    let bytes = read_bytes(path)?;
    load_bytes(path, &bytes)
}

/// Parses the bytes of a corpus file as [`load_records`] does, the format chosen
/// by `path`'s extension (nothing is read from disk).
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Result<Document>>> {
    let text = decode(path, bytes)?;
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

/// Reads a file as text (see [`read_bytes`] and [`decode`]).
pub fn read_text(path: &Path) -> Result<String> {
    decode(path, &read_bytes(path)?)
}

/// What kind of special file `t` is, in words.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = t;
    "not a regular file"
}

/// Opens `path` for reading without blocking on FIFOs (which are then refused).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Reads a regular file's bytes, refusing directories, special files (FIFOs,
/// sockets, devices: never opened for a blocking read) and files over
/// [`MAX_FILE_BYTES`] (from their size, without reading them).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let cannot = |e: std::io::Error| Error::input(path, format!("cannot read: {}", io_reason(&e)));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a directory"));
    }
    let refuse_special = |t: &std::fs::FileType| {
        Error::input(
            path,
            format!("{}, not a regular file; skipped", special_kind(t)),
        )
    };
    if !meta.is_file() {
        return Err(refuse_special(&meta.file_type()));
    }
    let too_big = |len: u64| {
        Error::input(
            path,
            format!(
                "file is {:.1} MB, over the {} MB limit; refused",
                len as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let f = open_nonblocking(path).map_err(cannot)?;
    // The path may have been swapped for something else since the stat.
    let fmeta = f.metadata().map_err(cannot)?;
    if !fmeta.is_file() {
        return Err(refuse_special(&fmeta.file_type()));
    }
    let mut bytes = vec![];
    // Read at most one byte past the limit, in case the file grew since stat.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Decodes a file's bytes as text: UTF-8 (a byte-order mark is dropped), or
/// UTF-16 with a byte-order mark; refuses UTF-32, binary data (NUL bytes),
/// invalid UTF-8 and files with no text.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Error::input(path, "UTF-32 text; convert it to UTF-8"));
    }
    let utf16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(u16::from_le_bytes as fn([u8; 2]) -> u16)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(u16::from_be_bytes as fn([u8; 2]) -> u16)
    } else {
        None
    };
    let text = if let Some(unit) = utf16 {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(Error::input(
                path,
                "UTF-16 text with an odd number of bytes (truncated?)",
            ));
        }
        let units: Vec<u16> = body.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        String::from_utf16(&units)
            .map_err(|_| Error::input(path, "not valid UTF-16 (unpaired surrogate)"))?
    } else {
        if bytes.contains(&0) {
            return Err(Error::input(
                path,
                "binary file (contains NUL bytes), not text",
            ));
        }
        let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
        String::from_utf8(b.to_vec()).map_err(|e| {
            Error::input(
                path,
                format!(
                    "not valid UTF-8 (first bad byte at offset {})",
                    e.utf8_error().valid_up_to() + (bytes.len() - b.len())
                ),
            )
        })?
    };
    if text.contains('\0') {
        return Err(Error::input(
            path,
            "binary file (contains NUL characters), not text",
        ));
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::input(path, "file is empty"));
    }
    Ok(text)
}

/// The longest paragraph accepted, in chars (about 16,000 words): longer runs
/// without a line break are data, not article text.
pub const MAX_PARAGRAPH_CHARS: usize = 100_000;

/// Builds a document: normalises the metadata and the text ([`normalise`]),
/// refuses empty text and over-long paragraphs, finds paragraphs and marks page
/// furniture. Every format's parser ends here.
pub fn build(id: String, source: String, mut meta: Meta, text: &str) -> Result<Document> {
    normalise::normalise_meta(&mut meta);
    let text = normalise::normalise(text).into_owned();
    if text.trim().is_empty() {
        return Err(Error::input(&source, "article text is empty"));
    }
    let paragraphs = paragraphs(&text);
    if let Some(p) = paragraphs
        .iter()
        .find(|p| p.end - p.start > MAX_PARAGRAPH_CHARS)
    {
        return Err(Error::input(
            &source,
            format!(
                "paragraph {} is {} characters long without a line break, over the {} limit: not article text",
                p.index + 1,
                p.end - p.start,
                MAX_PARAGRAPH_CHARS
            ),
        ));
    }
    let mut doc = Document {
        id,
        source,
        meta,
        text,
        paragraphs,
    };
    crate::annotate::segment::mark_furniture(&mut doc);
    Ok(doc)
}

fn io_reason(e: &std::io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "symbolic link loop (too many levels of symbolic links)".into();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Expands files and directories (recursively) into the corpus files they
/// hold, sorted within each directory, each file once (by its canonical path).
/// In directories, hidden entries, unknown extensions and symlinked
/// directories (no cycles) are skipped; special files with a corpus extension
/// are kept so that reading them reports them (they are never opened for a
/// blocking read). Paths named explicitly are always kept.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![];
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    out
}

/// True for the extensions [`load_records`] reads.
pub fn corpus_extension(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "markdown" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
    )
}

fn sorted_entries(dir: &Path) -> std::vec::IntoIter<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    entries.into_iter()
}

/// Walks `root` in sorted pre-order with an explicit stack (no recursion, so
/// no depth of directories can overflow it).
fn walk(root: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![sorted_entries(root)];
    while let Some(top) = stack.last_mut() {
        let Some(p) = top.next() else {
            stack.pop();
            continue;
        };
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let symlink = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if hidden || (symlink && p.is_dir()) {
            continue;
        }
        if p.is_dir() {
            stack.push(sorted_entries(&p));
        } else if corpus_extension(&p) {
            out.push(p);
        }
    }
}

/// A document id from a file path (see [`ids`]).
pub fn doc_id(path: &Path) -> String {
    ids::doc_id(path)
}

/// Lowercase ASCII slug: letters and digits, other runs as one `-`; `document`
/// when nothing is left (see [`ids::slug_opt`]).
pub fn slug(s: &str) -> String {
    ids::slug_opt(s).unwrap_or_else(|| "document".into())
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
