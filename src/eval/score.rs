//! Scoring predicted claims against gold attributions.
//!
//! Spans are compared per part (source, cue, content): exact match (same
//! start and end) and overlap (at least one shared char, matched one-to-one
//! greedily). Claims that share a cue and source (a quote split around "X
//! said") are merged into one attribution whose content is the hull, as gold
//! discontinuous contents are compared by their hull. Speaker accuracy: of the
//! gold attributions whose content we found (overlap), the share where our
//! source overlaps the gold source.

use super::brat::{Ann, GoldAttribution};
use crate::extraction::Extraction;
use serde::Serialize;

/// One predicted attribution (char spans).
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    /// Source span.
    pub source: Option<(usize, usize)>,
    /// Cue span.
    pub cue: Option<(usize, usize)>,
    /// Content span (hull).
    pub content: (usize, usize),
}

/// Predicted attributions from an extraction, merging claims that share cue and source.
pub fn predicted(ex: &Extraction) -> Vec<Predicted> {
    let mut out: Vec<Predicted> = vec![];
    for c in &ex.claims {
        let p = Predicted {
            source: c.source.as_ref().map(|s| (s.start, s.end)),
            cue: c.cue.as_ref().map(|s| (s.start, s.end)),
            content: (c.content.start, c.content.end),
        };
        if let Some(q) = out
            .iter_mut()
            .find(|q| q.cue.is_some() && q.cue == p.cue && q.source == p.source)
        {
            q.content = (q.content.0.min(p.content.0), q.content.1.max(p.content.1));
            continue;
        }
        out.push(p);
    }
    out
}

/// Renders predicted attributions as brat standoff in PolNeAR's layout
/// (`T` spans for Source, Cue and Content, an `Attribution` trigger on the cue
/// and one `E` event per prediction), so they can be opened in brat next to
/// the gold or compared by other tools.
pub fn to_brat(doc: &crate::Document, pred: &[Predicted]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut t = 0usize;
    let mut span = |out: &mut String, label: &str, (s, e): (usize, usize)| -> String {
        t += 1;
        let text = doc.slice(s, e).replace(['\n', '\r'], " ");
        let _ = writeln!(out, "T{t}\t{label} {s} {e}\t{text}");
        format!("T{t}")
    };
    for (i, p) in pred.iter().enumerate() {
        let content = span(&mut out, "Content", p.content);
        let mut event = String::new();
        if let Some(c) = p.cue {
            let cue = span(&mut out, "Cue", c);
            let trigger = span(&mut out, "Attribution", c);
            let _ = write!(event, "E{}\tAttribution:{trigger} Cue:{cue}", i + 1);
        } else {
            let trigger = span(&mut out, "Attribution", p.content);
            let _ = write!(event, "E{}\tAttribution:{trigger}", i + 1);
        }
        if let Some(s) = p.source {
            let source = span(&mut out, "Source", s);
            let _ = write!(event, " Source:{source}");
        }
        let _ = writeln!(out, "{event} Content:{content}");
    }
    out
}

/// Counts for one span type.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Counts {
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Exact matches.
    pub exact: usize,
    /// Overlap matches (one-to-one).
    pub overlap: usize,
}

/// Precision, recall, F1 (percent).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

fn prf(matched: usize, pred: usize, gold: usize) -> Prf {
    let p = if pred == 0 {
        0.0
    } else {
        matched as f64 / pred as f64 * 100.0
    };
    let r = if gold == 0 {
        0.0
    } else {
        matched as f64 / gold as f64 * 100.0
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf {
        precision: p,
        recall: r,
        f1: f,
    }
}

impl Counts {
    /// Adds another set of counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.exact += o.exact;
        self.overlap += o.overlap;
    }

    /// Exact-match scores.
    pub fn exact_prf(&self) -> Prf {
        prf(self.exact, self.predicted, self.gold)
    }

    /// Overlap scores.
    pub fn overlap_prf(&self) -> Prf {
        prf(self.overlap, self.predicted, self.gold)
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn overlap_len(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Compares two span sets.
pub fn compare(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Counts {
    let mut g: Vec<(usize, usize)> = gold.to_vec();
    g.sort();
    g.dedup();
    let mut p: Vec<(usize, usize)> = pred.to_vec();
    p.sort();
    p.dedup();
    let exact = g.iter().filter(|x| p.binary_search(x).is_ok()).count();
    // greedy one-to-one overlap: exact pairs first, then by overlap size
    let mut used = vec![false; p.len()];
    let mut gused = vec![false; g.len()];
    let mut overlap = 0;
    for (gi, x) in g.iter().enumerate() {
        if let Ok(pi) = p.binary_search(x) {
            used[pi] = true;
            gused[gi] = true;
            overlap += 1;
        }
    }
    let mut cands: Vec<(usize, usize, usize)> = vec![];
    for (gi, x) in g.iter().enumerate() {
        if gused[gi] {
            continue;
        }
        for (pi, y) in p.iter().enumerate() {
            if !used[pi] && overlaps(*x, *y) {
                cands.push((overlap_len(*x, *y), gi, pi));
            }
        }
    }
    cands.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, gi, pi) in cands {
        if !gused[gi] && !used[pi] {
            gused[gi] = true;
            used[pi] = true;
            overlap += 1;
        }
    }
    Counts {
        gold: g.len(),
        predicted: p.len(),
        exact,
        overlap,
    }
}

/// Scores of one document or a whole set.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct DocScore {
    /// Source spans.
    pub source: Counts,
    /// Cue spans.
    pub cue: Counts,
    /// Content spans.
    pub content: Counts,
    /// Gold attributions with content and source whose content we found.
    pub speaker_found: usize,
    /// Of those, where our source overlaps the gold source.
    pub speaker_correct: usize,
    /// Gold attributions with content and source.
    pub speaker_gold: usize,
}

impl DocScore {
    /// Adds another score.
    pub fn add(&mut self, o: &DocScore) {
        self.source.add(&o.source);
        self.cue.add(&o.cue);
        self.content.add(&o.content);
        self.speaker_found += o.speaker_found;
        self.speaker_correct += o.speaker_correct;
        self.speaker_gold += o.speaker_gold;
    }

    /// Speaker-to-quote accuracy in percent.
    pub fn speaker_accuracy(&self) -> f64 {
        if self.speaker_found == 0 {
            0.0
        } else {
            self.speaker_correct as f64 / self.speaker_found as f64 * 100.0
        }
    }
}

/// Scores an extraction against a parsed `.ann`.
pub fn score(ann: &Ann, ex: &Extraction) -> DocScore {
    let pred = predicted(ex);
    let ps: Vec<(usize, usize)> = pred.iter().filter_map(|p| p.source).collect();
    let pc: Vec<(usize, usize)> = pred.iter().filter_map(|p| p.cue).collect();
    let pt: Vec<(usize, usize)> = pred.iter().map(|p| p.content).collect();
    let mut d = DocScore {
        source: compare(&ann.spans("Source"), &ps),
        cue: compare(&ann.spans("Cue"), &pc),
        content: compare(&ann.spans("Content"), &pt),
        ..Default::default()
    };
    for g in ann.attributions() {
        let (Some(gc), Some(gs)) = (g.content, g.source) else {
            continue;
        };
        d.speaker_gold += 1;
        let best = pred
            .iter()
            .filter(|p| overlaps(p.content, gc))
            .max_by_key(|p| overlap_len(p.content, gc));
        if let Some(p) = best {
            d.speaker_found += 1;
            if p.source.is_some_and(|s| overlaps(s, gs)) {
                d.speaker_correct += 1;
            }
        }
    }
    d
}

/// Gold attributions, re-exported for error listings.
pub fn gold(ann: &Ann) -> Vec<GoldAttribution> {
    ann.attributions()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_overlap_counts() {
        let c = compare(&[(0, 5), (10, 20), (30, 40)], &[(0, 5), (12, 25), (50, 60)]);
        assert_eq!(
            c,
            Counts {
                gold: 3,
                predicted: 3,
                exact: 1,
                overlap: 2
            }
        );
        let p = c.exact_prf();
        assert!((p.precision - 33.333).abs() < 0.01 && (p.recall - 33.333).abs() < 0.01);
        assert_eq!(c.overlap_prf().f1.round(), 67.0);
    }

    #[test]
    fn predictions_round_trip_through_brat() {
        let text = "Ana Ruiz said the pier was unsafe.";
        let doc = crate::Document {
            id: "t".into(),
            source: "t".into(),
            meta: Default::default(),
            text: text.into(),
            paragraphs: crate::ingest::paragraphs(text),
        };
        let pred = vec![Predicted {
            source: Some((0, 8)),
            cue: Some((9, 13)),
            content: (14, 33),
        }];
        let ann = super::super::brat::parse(&to_brat(&doc, &pred));
        assert_eq!(ann.spans("Source"), vec![(0, 8)]);
        assert_eq!(ann.spans("Cue"), vec![(9, 13)]);
        assert_eq!(ann.spans("Content"), vec![(14, 33)]);
        let g = ann.attributions();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].source, Some((0, 8)));
        assert_eq!(g[0].content, Some((14, 33)));
    }

    #[test]
    fn overlap_is_one_to_one() {
        let c = compare(&[(0, 10)], &[(0, 4), (5, 10)]);
        assert_eq!(c.overlap, 1);
        assert_eq!(c.predicted, 2);
    }
}
