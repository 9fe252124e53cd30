//! The user's actor knowledge base: canonical names, aliases, kinds, Wikidata ids.

use crate::error::{Error, Result};
use crate::extraction::ActorKind;
use oxigraph::model::NamedNode;
use std::path::Path;

/// One entry of the user's actor knowledge base.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct KbEntry {
    /// Canonical name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Kind ("person", "organisation", "group", "outlet", "place", "campaign").
    #[serde(default)]
    pub kind: Option<ActorKind>,
    /// Wikidata id (`Q42`, `wd:Q42` or the full entity IRI).
    #[serde(default)]
    pub wikidata: Option<String>,
}

impl KbEntry {
    /// The Wikidata entity IRI, if a valid id is given.
    pub fn wikidata_iri(&self) -> Option<NamedNode> {
        let w = self.wikidata.as_deref()?.trim();
        let id = w.rsplit(['/', ':']).next().unwrap_or(w);
        let valid =
            id.len() > 1 && id.starts_with('Q') && id[1..].chars().all(|c| c.is_ascii_digit());
        valid.then(|| NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{id}")))
    }
}

/// The user's actor knowledge base: canonical names, aliases, kinds, Wikidata ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorKb {
    /// Entries in file order.
    pub entries: Vec<KbEntry>,
}

#[derive(serde::Deserialize)]
struct KbFile {
    #[serde(default, alias = "actors")]
    actor: Vec<KbEntry>,
}

impl ActorKb {
    /// Loads a knowledge base from TOML (`[[actor]]` tables with `name`,
    /// `aliases`, `kind`, `wikidata`) or CSV (header `name,aliases,kind,wikidata`,
    /// aliases separated by `;`), chosen by extension.
    pub fn load(path: &Path) -> Result<ActorKb> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: format!("cannot read: {e}"),
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext == "csv" {
            Self::from_csv(path, &text)
        } else {
            let f: KbFile = toml::from_str(&text).map_err(|e| Error::Config {
                path: path.to_path_buf(),
                reason: e.message().to_string(),
            })?;
            Ok(ActorKb { entries: f.actor })
        }
    }

    fn from_csv(path: &Path, text: &str) -> Result<ActorKb> {
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let cfg = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        let headers = rd.headers().map_err(|e| cfg(e.to_string()))?.clone();
        let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
        let name_col = col("name").ok_or_else(|| cfg("CSV has no `name` column".into()))?;
        let (alias_col, kind_col, wd_col) = (col("aliases"), col("kind"), col("wikidata"));
        let mut entries = vec![];
        for (i, rec) in rd.records().enumerate() {
            let rec = rec.map_err(|e| cfg(format!("line {}: {e}", i + 2)))?;
            let get = |c: Option<usize>| {
                c.and_then(|c| rec.get(c))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            let Some(name) = get(Some(name_col)) else {
                continue;
            };
            let kind = match get(kind_col) {
                Some(k) => Some(
                    serde_json::from_value::<ActorKind>(serde_json::Value::String(
                        k.to_ascii_lowercase(),
                    ))
                    .map_err(|_| cfg(format!("line {}: unknown kind {k:?}", i + 2)))?,
                ),
                None => None,
            };
            entries.push(KbEntry {
                name: name.to_string(),
                aliases: get(alias_col)
                    .map(|a| {
                        a.split(';')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                kind,
                wikidata: get(wd_col).map(str::to_string),
            });
        }
        Ok(ActorKb { entries })
    }
}
