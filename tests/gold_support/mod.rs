//! Shared helpers for the attribution and actor tests: gold files under
//! tests/data/gold/ and matching of an extraction against them.
#![allow(dead_code)]

use serde::Deserialize;
use stancegraph::annotate::Annotator;
use stancegraph::extraction::{Claim, Extraction};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub file: String,
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub roles: Vec<GoldRole>,
    #[serde(default)]
    pub org_relations: Vec<GoldRel>,
    #[serde(default)]
    pub acts: Vec<GoldAct>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub speaker: Option<String>,
    pub content: String,
    pub kind: String,
    pub resolution: Option<String>,
    pub addressee: Option<String>,
    #[serde(default)]
    pub fragments: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldActor {
    pub name: String,
    pub kind: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub publisher: bool,
}

#[derive(Debug, Deserialize)]
pub struct GoldRole {
    pub member: String,
    pub organisation: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldRel {
    pub kind: String,
    pub child: String,
    pub parent: String,
}

#[derive(Debug, Deserialize)]
pub struct GoldAct {
    pub kind: String,
    pub agent: String,
    pub patient: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load_gold(name: &str) -> Gold {
    let p = root().join("tests/data/gold").join(name);
    let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&t).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn gold_files() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("tests/data/gold"))
        .expect("gold dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    v.sort();
    v
}

pub fn extract(rel: &str) -> Extraction {
    let p = root().join(rel);
    let docs = stancegraph::ingest::load_file(Path::new(&p)).expect("load article");
    Annotator::rules_only().annotate(&docs[0])
}

/// serde name of an enum value ("direct", "subsidiary-of").
pub fn tag<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(|s| s.to_string()))
        .unwrap_or_default()
}

pub fn actor_name(ex: &Extraction, id: Option<&str>) -> Option<String> {
    id.and_then(|i| ex.actor(i)).map(|a| a.name.clone())
}

/// Problems with one gold claim against the extraction (empty = matched).
pub fn check_claim(ex: &Extraction, g: &GoldClaim) -> Result<usize, String> {
    let cands: Vec<(usize, &Claim)> = ex
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.content.text.contains(&g.content))
        .collect();
    if cands.is_empty() {
        return Err(format!("no claim with content containing {:?}", g.content));
    }
    let mut errs = vec![];
    for (i, c) in &cands {
        let mut e = vec![];
        let sp = actor_name(ex, c.speaker.as_deref());
        if sp.as_deref().map(|s| s.to_lowercase()) != g.speaker.as_deref().map(|s| s.to_lowercase())
        {
            e.push(format!("speaker {:?} != {:?}", sp, g.speaker));
        }
        if tag(&c.kind) != g.kind {
            e.push(format!("kind {} != {}", tag(&c.kind), g.kind));
        }
        if let Some(r) = &g.resolution {
            if &tag(&c.resolution) != r {
                e.push(format!("resolution {} != {r}", tag(&c.resolution)));
            }
        }
        if let Some(ad) = &g.addressee {
            let got = actor_name(ex, c.addressee.as_deref());
            if got.as_deref() != Some(ad.as_str()) {
                e.push(format!("addressee {got:?} != {ad}"));
            }
        }
        for f in &g.fragments {
            if !c.fragments.iter().any(|x| &x.text == f) {
                e.push(format!("fragment {f:?} missing"));
            }
        }
        if e.is_empty() {
            return Ok(*i);
        }
        errs.push(e.join("; "));
    }
    Err(format!("{:?}: {}", g.content, errs.join(" | ")))
}

pub fn prf(matched_pred: usize, pred: usize, matched_gold: usize, gold: usize) -> (f64, f64) {
    let p = if pred == 0 {
        1.0
    } else {
        matched_pred as f64 / pred as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        matched_gold as f64 / gold as f64
    };
    (p, r)
}

/// The coverage gold (tests/data/gold/coverage/) and its scoring.
pub mod coverage;
