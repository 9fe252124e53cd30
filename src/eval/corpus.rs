//! Finding text / annotation pairs for evaluation.
//!
//! Two layouts: a split directory with `text/NAME.txt` and
//! `attributions/NAME_<annotator>.ann` (PolNeAR; when a text has several
//! annotators, the lexicographically first `.ann` file is used), or a flat
//! directory of `NAME.txt` with `NAME.ann` (or `NAME_<annotator>.ann`).

use std::path::{Path, PathBuf};

/// A text file and the annotation file chosen for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The `.txt` file.
    pub text: PathBuf,
    /// The `.ann` file.
    pub ann: PathBuf,
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Text / annotation pairs under `dir`, sorted by text name.
pub fn pairs(dir: &Path) -> Vec<Pair> {
    let (tdir, adir) = if dir.join("text").is_dir() && dir.join("attributions").is_dir() {
        (dir.join("text"), dir.join("attributions"))
    } else {
        (dir.to_path_buf(), dir.to_path_buf())
    };
    let anns = files(&adir, "ann");
    let mut out = vec![];
    for t in files(&tdir, "txt") {
        let Some(stem) = t.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let exact = adir.join(format!("{stem}.ann"));
        let chosen = if exact.is_file() {
            Some(exact)
        } else {
            let prefix = format!("{stem}_");
            anns.iter()
                .find(|a| {
                    a.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                        s.strip_prefix(&prefix)
                            .is_some_and(|rest| !rest.is_empty() && !rest.contains('_'))
                    })
                })
                .cloned()
        };
        if let Some(ann) = chosen {
            out.push(Pair { text: t, ann });
        }
    }
    out
}
