//! Document ids: how a file becomes an id, and how ids are kept from colliding.
//!
//! **The scheme.** A file's id is the slug of its file stem (lowercase ASCII
//! letters and digits, other runs as `-`): `Report 1.txt` -> `report-1`. Stems
//! that slug to nothing (`新闻.txt`) or are not valid UTF-8 get their slug (or
//! `document`) plus `-h` and 8 hex digits of a SHA-256 of the stem's bytes, so
//! such names no longer all share the id `document`. JSON Lines records use
//! their `id` field (slugged) or `{file id}-{line}`.
//!
//! **Collisions.** Different files can still slug alike (`a/Report 1.txt`,
//! `b/report_1.md`). Inside one run the pipeline refuses the second file. Across
//! runs, [`check_store`] compares the new document's file with the file the
//! store recorded for that id (`sg:sourceFile`): when the recorded file still
//! exists and is another file, the new one is refused with an error naming
//! both; when the recorded file is gone (the corpus was moved or the file
//! renamed), the new file takes the id over.
//!
//! **Older stores.** Ids from the earlier scheme that this one changed (only
//! `document` and `document-N`, given to names without ASCII letters or digits)
//! are found by their source file and removed once the article is stored under
//! its new id (the pipeline's `retire`), so no graph is left orphaned.

use crate::document::Document;
use crate::error::{Error, Result};
use crate::rdf::{mapping, vocab::sg};
use crate::store::Store;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, TermRef};
use std::path::Path;

/// The slug of `s`, or `None` when it has no ASCII letter or digit.
pub fn slug_opt(s: &str) -> Option<String> {
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
    (!out.is_empty()).then_some(out)
}

fn stem_bytes(path: &Path) -> Vec<u8> {
    let stem = path.file_stem().unwrap_or_default();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        stem.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        stem.to_string_lossy().as_bytes().to_vec()
    }
}

/// The document id of a file (see the module documentation).
pub fn doc_id(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default();
    if let Some(s) = stem.to_str().and_then(slug_opt) {
        return s;
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(stem_bytes(path));
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let base = slug_opt(&stem.to_string_lossy()).unwrap_or_else(|| "document".into());
    format!("{base}-h{hex}")
}

/// The file part of a document source (`path#line` for JSON Lines records).
fn file_part(source: &str) -> &str {
    match source.rsplit_once('#') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => source,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The `sg:sourceFile` the store holds for document `id`, if any.
pub fn stored_source(store: &Store, id: &str) -> Result<Option<String>> {
    let graph = mapping::graph_iri(id);
    let article = mapping::article_iri(id);
    let found = store
        .inner()
        .quads_for_pattern(
            Some(NamedOrBlankNodeRef::NamedNode(article.as_ref())),
            Some(sg::SOURCE_FILE),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .next();
    match found {
        Some(q) => Ok(Some(crate::store::term_value(
            &q.map_err(|e| Error::Store(e.to_string()))?.object,
        ))),
        None => Ok(None),
    }
}

/// True for the ids of the earlier scheme that this one gives differently.
fn legacy_id(id: &str) -> bool {
    id == "document"
        || id
            .strip_prefix("document-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks `doc` against the store before it is loaded: an error when its id is
/// held by another file that still exists; otherwise the ids of the earlier
/// scheme under which this same source is stored, to remove after loading (the
/// pipeline's `retire`).
pub fn check_store(store: &Store, doc: &Document) -> Result<Vec<String>> {
    if let Some(stored) = stored_source(store, &doc.id)? {
        let (old, new) = (file_part(&stored), file_part(&doc.source));
        if old != new && Path::new(old).is_file() && !same_file(Path::new(old), Path::new(new)) {
            return Err(Error::input(
                &doc.source,
                format!(
                    "document id {:?} is already used by {stored}, a different file loaded earlier; rename one of them (ids come from file names)",
                    doc.id
                ),
            ));
        }
    }
    let mut stale = vec![];
    let source = LiteralRef::new_simple_literal(&doc.source);
    for q in store
        .inner()
        .quads_for_pattern(None, Some(sg::SOURCE_FILE), Some(source.into()), None)
    {
        let q = q.map_err(|e| Error::Store(e.to_string()))?;
        let id = store
            .inner()
            .quads_for_pattern(
                Some(q.subject.as_ref()),
                Some(sg::DOCUMENT_ID),
                None,
                Some(q.graph_name.as_ref()),
            )
            .next()
            .transpose()
            .map_err(|e| Error::Store(e.to_string()))?
            .and_then(|q| match q.object.as_ref() {
                TermRef::Literal(l) => Some(l.value().to_string()),
                _ => None,
            });
        if let Some(id) = id {
            if id != doc.id && legacy_id(&id) && !stale.contains(&id) {
                stale.push(id);
            }
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names() {
        assert_eq!(doc_id(Path::new("a/Report 1.txt")), "report-1");
        assert_eq!(doc_id(Path::new("b/report_1.md")), "report-1");
        let cjk = doc_id(Path::new("新闻.txt"));
        assert!(cjk.starts_with("document-h") && cjk.len() == 18, "{cjk}");
        assert_ne!(cjk, doc_id(Path::new("新聞.txt")));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = doc_id(Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")));
            let b = doc_id(Path::new(std::ffi::OsStr::from_bytes(b"caf\xe8.txt")));
            assert!(a.starts_with("caf-h"), "{a}");
            assert_ne!(a, b);
        }
    }

    #[test]
    fn file_part_strips_record_lines_only() {
        assert_eq!(file_part("x/wire.jsonl#12"), "x/wire.jsonl");
        assert_eq!(file_part("x/a#b.txt"), "x/a#b.txt");
        assert!(legacy_id("document") && legacy_id("document-3"));
        assert!(!legacy_id("document-h1a2b3c4d") && !legacy_id("documents"));
    }
}
