//! Targets discovered from the coverage: what reported claims are about.
//!
//! The main clause of an indirect (or mixed) claim is a proposition someone
//! took a position on ("the mayor would not be closing the two libraries").
//! Its positive form, negators removed, becomes a target ("the mayor would be
//! closing the two libraries"), unless
//! the catalogue already covers it; discovered targets that mean the same
//! thing are merged (content-word overlap, or embedding similarity).

use super::backend::{ClauseUnit, PreparedTarget, RulesBackend, StanceBackend};
use super::text;
use crate::error::Result;
use crate::extraction::{ClaimKind, Extraction, Target, TargetSource};
use std::collections::{BTreeSet, HashSet};

/// Words removed from a proposition to get its positive form.
const DROP: &[&str] = &["not", "never", "no", "n't", "that", "whether"];

/// The positive form of a clause: negators dropped, contractions opened.
pub fn positive_form(clause: &str) -> String {
    let mut words = vec![];
    for w in clause.split_whitespace() {
        let lw = w.to_lowercase().replace('’', "'");
        let bare = lw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if DROP.contains(&bare) && words.is_empty() && bare == "that" {
            continue;
        }
        if matches!(bare, "not" | "never" | "n't") {
            continue;
        }
        if let Some(base) = bare.strip_suffix("n't") {
            let base = match base {
                "wo" => "will",
                "ca" => "can",
                "sha" => "shall",
                b => b,
            };
            if !matches!(base, "do" | "does" | "did") {
                words.push(base.to_string());
            }
            continue;
        }
        if bare == "cannot" {
            words.push("can".to_string());
            continue;
        }
        words.push(
            w.trim_matches(|c: char| matches!(c, '"' | '“' | '”'))
                .to_string(),
        );
    }
    words.join(" ")
}

/// Candidate discovered targets: for each indirect or mixed claim with a
/// speaker, the first clause with at least three content words, when it does
/// not match a catalogue target. Returns (clause index, target).
pub fn discover(
    ex: &Extraction,
    clauses: &[ClauseUnit],
    catalogue: &[PreparedTarget],
    backend: &dyn StanceBackend,
    merge_threshold: f32,
) -> Result<Vec<(Vec<usize>, Target)>> {
    let rules = RulesBackend::default();
    let mut seen_claims = HashSet::new();
    let mut cands: Vec<(usize, String)> = vec![];
    for (k, c) in clauses.iter().enumerate() {
        let claim = &ex.claims[c.claim];
        if claim.speaker.is_none() || !matches!(claim.kind, ClaimKind::Indirect | ClaimKind::Mixed)
        {
            continue;
        }
        if seen_claims.contains(&c.claim) || c.stems.len() < 3 {
            continue;
        }
        seen_claims.insert(c.claim);
        let prop = positive_form(&c.text);
        let stems = text::content_stems(&prop);
        if catalogue
            .iter()
            .any(|t| rules.best_unit(&stems, t).is_some())
        {
            continue;
        }
        cands.push((k, prop));
    }
    if cands.is_empty() {
        return Ok(vec![]);
    }
    // Drop candidates a model matches to catalogue targets too.
    let texts: Vec<&str> = cands.iter().map(|(_, p)| p.as_str()).collect();
    if !catalogue.is_empty() && backend.name() != "rules" {
        let units: Vec<&str> = catalogue
            .iter()
            .flat_map(|t| t.units.iter().map(|u| u.text.as_str()))
            .collect();
        let sims = backend.similarity(&texts, &units)?;
        let keep: Vec<bool> = sims
            .iter()
            .map(|row| row.iter().all(|s| *s < merge_threshold))
            .collect();
        let mut i = 0;
        cands.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        if cands.is_empty() {
            return Ok(vec![]);
        }
    }
    let texts: Vec<&str> = cands.iter().map(|(_, p)| p.as_str()).collect();
    let sims = backend.similarity(&texts, &texts)?;
    // Greedy merge: each candidate joins the first earlier group it is similar to.
    let mut groups: Vec<Vec<usize>> = vec![];
    for (i, row) in sims.iter().enumerate().take(cands.len()) {
        match groups
            .iter_mut()
            .find(|g| g.iter().any(|&j| row[j] >= merge_threshold))
        {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    let mut out = vec![];
    for g in groups {
        let first = &cands[g[0]].1;
        let mut id = format!("topic:{}", text::slug_words(first, 6));
        let mut n = 2;
        while used_ids.contains(&id) {
            id = format!("topic:{}-{n}", text::slug_words(first, 6));
            n += 1;
        }
        used_ids.insert(id.clone());
        let mut favour: Vec<String> = vec![];
        for &i in &g {
            if !favour.contains(&cands[i].1) {
                favour.push(cands[i].1.clone());
            }
        }
        out.push((
            g.iter().map(|&i| cands[i].0).collect(),
            Target {
                id,
                label: text::short_phrase(first, 10),
                description: Some("Discovered from reported claims".to_string()),
                favour,
                against: vec![],
                source: TargetSource::Discovered,
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_form_drops_negation() {
        assert_eq!(
            positive_form("that the mayor would not be closing the libraries"),
            "the mayor would be closing the libraries"
        );
        assert_eq!(
            positive_form("the tax won't raise money"),
            "the tax will raise money"
        );
        assert_eq!(
            positive_form("they don't want a \"border\""),
            "they want a border"
        );
    }
}
