//! Direct quotations without a cue in their sentence: continuations in the same
//! paragraph and cue-less quote paragraphs continuing the last speaker.

use super::colon::colon_intro;
use super::verbal::reporting_claim;
use super::Ctx;
use crate::annotate::drafts::ClaimDraft;
use crate::annotate::segment::Analysis;
use crate::annotate::words::is_word;
use crate::extraction::{ClaimKind, SpeakerResolution};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// True when quote `q` looks like speech (not a scare quote or a title).
pub(super) fn speech_like(a: &Analysis, qi: usize) -> bool {
    let q = &a.quotes[qi];
    let inner = (q.open + 1..q.inner_end).filter(|&i| is_word(a, i)).count();
    let ends_punct = q.inner_end > q.open + 1
        && matches!(
            a.tokens[q.inner_end - 1].text.as_str(),
            "," | "." | "!" | "?" | "…"
        );
    inner >= 6 || (inner >= 3 && ends_punct)
}

/// What the quotation pass knows about the claims before the current quote:
/// the claims are swept in the order their contents end, so each quote costs
/// a constant number of look-ups (the pass is linear in the article length).
struct Sweep {
    /// Claim contents by start, with a pointer past those starting before the quote.
    by_start: Vec<(usize, usize)>,
    next: usize,
    /// The latest end of the contents starting before the quote.
    max_end: usize,
    /// Claims not yet ended before the quote, by (end, index).
    pending: BinaryHeap<Reverse<(usize, usize)>>,
    /// Per paragraph: the cued claim ending last (before the quote).
    cued: HashMap<usize, usize>,
    /// Per paragraph: the reporting claim ending last (before the quote).
    reporting: HashMap<usize, usize>,
}

impl Sweep {
    fn new(claims: &[ClaimDraft]) -> Self {
        let mut by_start: Vec<(usize, usize)> = claims.iter().map(|c| c.content).collect();
        by_start.sort_unstable();
        Sweep {
            by_start,
            next: 0,
            max_end: 0,
            pending: claims
                .iter()
                .enumerate()
                .map(|(i, c)| Reverse((c.content.1, i)))
                .collect(),
            cued: HashMap::new(),
            reporting: HashMap::new(),
        }
    }

    /// Moves the sweep to a quote opening at `qs`.
    fn advance(&mut self, claims: &[ClaimDraft], qs: usize) {
        while self.next < self.by_start.len() && self.by_start[self.next].0 < qs {
            self.max_end = self.max_end.max(self.by_start[self.next].1);
            self.next += 1;
        }
        while let Some(&Reverse((end, i))) = self.pending.peek() {
            if end > qs {
                break;
            }
            self.pending.pop();
            let c = &claims[i];
            let later =
                |best: Option<&usize>| best.is_none_or(|&b| (claims[b].content.1, b) <= (end, i));
            if c.cue.is_some() && later(self.cued.get(&c.paragraph)) {
                self.cued.insert(c.paragraph, i);
            }
            if reporting_claim(c) && later(self.reporting.get(&c.paragraph)) {
                self.reporting.insert(c.paragraph, i);
            }
        }
    }

    /// Whether some claim's content overlaps the quote `[qs, qe)`.
    fn covered(&self, qs: usize, qe: usize) -> bool {
        self.max_end > qs
            || self.by_start[self.next..]
                .iter()
                .take_while(|c| c.0 < qe)
                .any(|c| qs < c.1)
    }

    /// Records a claim added for the quote `[qs, qe)`.
    fn add(&mut self, i: usize, qe: usize) {
        self.max_end = self.max_end.max(qe);
        self.pending.push(Reverse((qe, i)));
    }

    /// The reporting claim ending last in the two paragraphs before `para`.
    fn reporting_before(&self, claims: &[ClaimDraft], para: usize) -> Option<usize> {
        (para.saturating_sub(2)..para)
            .filter_map(|p| self.reporting.get(&p).copied())
            .max_by_key(|&i| (claims[i].content.1, i))
    }
}

/// Direct quotations with no cue in their sentence.
pub(super) fn quote_pass(cx: &mut Ctx, claims: &mut Vec<ClaimDraft>) {
    let a = cx.a;
    let mut sweep = Sweep::new(claims);
    let mut replaced: Vec<usize> = vec![];
    // paragraphs whose last top-level quote runs on (no closing mark)
    let mut open_end = vec![false; a.para_tok.len()];
    for x in &a.quotes {
        if x.close.is_none() && x.depth == 0 {
            open_end[x.paragraph] = true;
        }
    }
    for qi in 0..a.quotes.len() {
        let q = &a.quotes[qi];
        if q.depth != 0 || a.furniture.get(q.paragraph).copied().unwrap_or(false) {
            continue;
        }
        let (qs, qe, para) = (q.open, q.last_tok() + 1, q.paragraph);
        sweep.advance(claims, qs);
        // covered already (as content or inside content)?
        if sweep.covered(qs, qe) || !speech_like(a, qi) {
            continue;
        }
        // only quotes that stand as their own sentence(s): the quote starts a sentence
        if qs != a.sentences[a.tok_sent[qs]].tok_start {
            continue;
        }
        // continuation inside the same paragraph: the previous claim in the paragraph, direct
        let mut draft = if let Some(&p) = sweep.cued.get(&para) {
            let p = &claims[p];
            let mut d = p.clone();
            d.content = (qs, qe);
            d.confidence = p.confidence.min(0.85);
            d
        } else {
            let prev = sweep.reporting_before(claims, para).map(|i| &claims[i]);
            let last_para_quote_open = para > 0 && open_end[para - 1];
            // a cue-less quote paragraph continues the previous speaker, or stays unknown
            let intro = (qs == a.para_tok[para])
                .then(|| colon_intro(cx, claims, para))
                .flatten();
            let (speaker, resolution, confidence) = match (intro, prev) {
                (Some(intro), _) => {
                    replaced.extend(intro.replaces);
                    (Some(intro.speaker), SpeakerResolution::Explicit, 0.8)
                }
                (None, Some(p))
                    if qs == a.para_tok[para]
                        && (a.is_open_quote(p.content.0) || last_para_quote_open)
                        && p.speaker.is_some() =>
                {
                    (p.speaker, SpeakerResolution::Continued, 0.65)
                }
                _ => (None, SpeakerResolution::Unknown, 0.3),
            };
            ClaimDraft {
                kind: ClaimKind::Direct,
                speaker,
                source: None,
                cue: None,
                cue_lemma: None,
                content: (qs, qe),
                fragments: vec![],
                addressee: None,
                paragraph: para,
                resolution,
                confidence,
            }
        };
        draft.kind = ClaimKind::Direct;
        draft.fragments.clear();
        claims.push(draft);
        sweep.add(claims.len() - 1, qe);
    }
    // an introducing "In a statement, X said:" is not itself a claim
    if !replaced.is_empty() {
        let mut index = 0..;
        claims.retain(|_| !replaced.contains(&index.next().expect("unbounded")));
    }
}
