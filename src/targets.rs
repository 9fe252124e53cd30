//! The target catalogue: what the user wants stances on, as TOML.
//!
//! ```toml
//! [[target]]
//! id = "cut-service"                      # letters, digits, '-', '_', '.'
//! label = "Providers cutting service to extremist sites"
//! description = "Should infrastructure firms stop serving extremist websites?"
//! favour = ["providers should cut service to extremist websites"]
//! against = ["providers should not police the content of their customers"]
//! keywords = ["takedown"]                 # optional extra topic words
//! ```
//!
//! Each target needs an id, a label and at least one `favour` or `against`
//! proposition. Propositions are short plain sentences; negation in them is
//! understood ("should not police content"). The catalogue is found as
//! `targets.toml` beside the corpus files, or given with `--targets`.

use crate::error::{Error, Result};
use crate::extraction::{Target, TargetSource};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The file name looked for beside the corpus files.
pub const CATALOGUE_FILE: &str = "targets.toml";

/// One catalogue entry: a target and optional extra topic keywords.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueEntry {
    /// The target (source [`TargetSource::Catalogue`]).
    pub target: Target,
    /// Extra topic words or phrases that signal the target is being discussed.
    pub keywords: Vec<String>,
}

/// A list of user-defined targets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetCatalogue {
    /// The entries, in file order.
    pub entries: Vec<CatalogueEntry>,
    /// Where it was read from, if from a file.
    pub path: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    target: Vec<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    id: Option<String>,
    label: Option<String>,
    description: Option<String>,
    #[serde(default)]
    favour: Vec<String>,
    #[serde(default)]
    against: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
}

impl TargetCatalogue {
    /// An empty catalogue.
    pub fn empty() -> Self {
        TargetCatalogue::default()
    }

    /// Reads and validates a catalogue file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: format!("cannot read target catalogue: {e}"),
        })?;
        let mut cat = Self::parse(path, &text)?;
        cat.path = Some(path.to_path_buf());
        Ok(cat)
    }

    /// Parses catalogue TOML; `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let err = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            err(format!(
                "invalid target catalogue TOML: {}",
                e.to_string()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
        })?;
        let mut seen = HashSet::new();
        let mut entries = vec![];
        for (i, t) in raw.target.into_iter().enumerate() {
            let n = i + 1;
            let id = t.id.map(|s| s.trim().to_string()).unwrap_or_default();
            if id.is_empty() {
                return Err(err(format!("target #{n} has no id")));
            }
            if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                return Err(err(format!(
                    "target #{n}: id {id:?} may only hold ASCII letters, digits, '-', '_' and '.'"
                )));
            }
            if id.starts_with("actor:") || id.starts_with("topic:") {
                return Err(err(format!(
                    "target {id:?}: ids starting with actor:/topic: are reserved"
                )));
            }
            if !seen.insert(id.clone()) {
                return Err(err(format!("target id {id:?} is defined twice")));
            }
            let label = t.label.map(|s| s.trim().to_string()).unwrap_or_default();
            if label.is_empty() {
                return Err(err(format!("target {id:?} has no label")));
            }
            let clean = |v: Vec<String>, what: &str| -> Result<Vec<String>> {
                let mut out = vec![];
                for p in v {
                    let p = p.trim().to_string();
                    if p.is_empty() {
                        return Err(err(format!("target {id:?} has an empty {what} entry")));
                    }
                    out.push(p);
                }
                Ok(out)
            };
            let favour = clean(t.favour, "favour")?;
            let against = clean(t.against, "against")?;
            let keywords = clean(t.keywords, "keywords")?;
            if favour.is_empty() && against.is_empty() {
                return Err(err(format!(
                    "target {id:?} needs at least one `favour` or `against` proposition"
                )));
            }
            entries.push(CatalogueEntry {
                target: Target {
                    id,
                    label,
                    description: t
                        .description
                        .map(|d| d.trim().to_string())
                        .filter(|d| !d.is_empty()),
                    favour,
                    against,
                    source: TargetSource::Catalogue,
                },
                keywords,
            });
        }
        Ok(TargetCatalogue {
            entries,
            path: None,
        })
    }

    /// The `targets.toml` beside the given corpus paths (in a given directory,
    /// or in the directory of a given file), the first one that exists.
    pub fn find_beside(paths: &[PathBuf]) -> Option<PathBuf> {
        paths.iter().find_map(|p| {
            let dir = if p.is_dir() { p.as_path() } else { p.parent()? };
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let cand = dir.join(CATALOGUE_FILE);
            cand.is_file().then_some(cand)
        })
    }

    /// The catalogue's targets.
    pub fn targets(&self) -> Vec<Target> {
        self.entries.iter().map(|e| e.target.clone()).collect()
    }

    /// Number of targets.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no targets.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One target of a suggested catalogue.
#[derive(serde::Serialize)]
struct SuggestedTarget {
    id: String,
    label: String,
    description: String,
    favour: Vec<String>,
    against: Vec<String>,
    keywords: Vec<String>,
}

#[derive(serde::Serialize)]
struct SuggestedFile {
    target: Vec<SuggestedTarget>,
}

/// A draft catalogue (TOML, in the format [`TargetCatalogue::parse`] reads)
/// from the arguments and issues discovered in `store` (see
/// [`crate::rdf::derived`]): one target per issue (its arguments for and
/// against as propositions), then one per argument of two claims or more
/// outside any issue. For the analyst to edit and pass back as `targets.toml`.
pub fn suggest(store: &crate::store::Store) -> Result<String> {
    use std::collections::BTreeMap;
    let mut out: Vec<SuggestedTarget> = vec![];
    let mut used: HashSet<String> = HashSet::new();
    let mut id_for = |label: &str| {
        let base: String = crate::ingest::slug(label).chars().take(40).collect();
        let base = base.trim_end_matches('-').to_string();
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    };
    let mut issues: BTreeMap<String, (String, i64, Vec<String>, Vec<String>)> = BTreeMap::new();
    for r in store.select(
        "SELECT ?i ?l ?n ?arg ?v WHERE { ?i a sg:Issue ; skos:prefLabel ?l ; sg:memberCount ?n .
           ?a sg:aboutIssue ?i ; skos:prefLabel ?arg ; sg:valence ?v }",
    )? {
        let (Some(i), Some(l), Some(arg)) = (r.str("i"), r.str("l"), r.str("arg")) else {
            continue;
        };
        let e = issues
            .entry(i)
            .or_insert_with(|| (l, r.i64("n").unwrap_or(0), vec![], vec![]));
        match r.i64("v").unwrap_or(0) {
            1 => e.2.push(arg),
            -1 => e.3.push(arg),
            _ => {}
        }
    }
    let mut issues: Vec<_> = issues.into_values().collect();
    issues.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (label, n, mut favour, mut against) in issues {
        favour.sort();
        favour.dedup();
        against.sort();
        against.dedup();
        if favour.is_empty() && against.is_empty() {
            continue;
        }
        let keyword = label
            .strip_prefix("Debate over ")
            .unwrap_or(&label)
            .to_lowercase();
        out.push(SuggestedTarget {
            id: id_for(&label),
            description: format!(
                "Issue discovered in the coverage ({n} claims); edit the propositions."
            ),
            label,
            favour,
            against,
            keywords: vec![keyword],
        });
    }
    let mut lone: Vec<(i64, String)> = vec![];
    for r in store.select(
        "SELECT DISTINCT ?l ?n WHERE { ?a a sg:Argument ; skos:prefLabel ?l ; sg:memberCount ?n .
           FILTER NOT EXISTS { ?a sg:aboutIssue ?i } FILTER(?n >= 2) }",
    )? {
        if let Some(l) = r.str("l") {
            lone.push((r.i64("n").unwrap_or(0), l));
        }
    }
    lone.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (n, label) in lone {
        out.push(SuggestedTarget {
            id: id_for(&label),
            description: format!("Argument made in {n} claims of the coverage."),
            favour: vec![label.to_lowercase()],
            label,
            against: vec![],
            keywords: vec![],
        });
    }
    let body = toml::to_string(&SuggestedFile { target: out })
        .map_err(|e| Error::Other(format!("writing the suggested catalogue: {e}")))?;
    Ok(format!(
        "# Draft target catalogue suggested by `stancegraph targets suggest` from the arguments\n\
         # discovered in the coverage. Edit labels and propositions, then save as targets.toml\n\
         # beside the corpus (or pass it with --targets) and ingest again with --force.\n\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let p = Path::new("t.toml");
        let ok = TargetCatalogue::parse(
            p,
            r#"
[[target]]
id = "a"
label = "A"
favour = ["x should happen"]
against = ["x should not happen"]
keywords = ["x"]
"#,
        )
        .unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok.entries[0].keywords, vec!["x"]);
        let dup = "[[target]]\nid='a'\nlabel='A'\nfavour=['p']\n[[target]]\nid='a'\nlabel='B'\nagainst=['q']\n";
        let e = TargetCatalogue::parse(p, dup).unwrap_err().to_string();
        assert!(e.contains("t.toml") && e.contains("twice"), "{e}");
        let none = "[[target]]\nid='a'\nlabel='A'\n";
        assert!(TargetCatalogue::parse(p, none)
            .unwrap_err()
            .to_string()
            .contains("at least one"));
        let bad = "[[target]]\nid='a'\nlabel='A'\nfavor=['p']\n";
        let e = TargetCatalogue::parse(p, bad).unwrap_err().to_string();
        assert!(e.contains("favor"), "{e}");
        let bad_id = "[[target]]\nid='a b'\nlabel='A'\nfavour=['p']\n";
        assert!(TargetCatalogue::parse(p, bad_id).is_err());
        assert!(TargetCatalogue::parse(p, "[[target]\n")
            .unwrap_err()
            .to_string()
            .starts_with("t.toml"));
    }
}
