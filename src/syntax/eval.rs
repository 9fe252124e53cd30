//! Evaluation with CoNLL 2018 shared-task definitions: word-aligned F1 of
//! tokens, sentences, UPOS, XPOS, lemmas, UAS and LAS (LAS ignores relation
//! subtypes), on gold or own tokenisation; exact-match entity span F1.

use super::analysis::Backbone;
use super::conllu::{self, Sentence};
use super::gum::{Doc, EntType, Span};
use std::collections::HashMap;

/// Counts for one metric: correct, gold total, system total.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    /// Correct.
    pub correct: usize,
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
}

impl Count {
    /// F1 in percent (accuracy when gold = system).
    pub fn f1(&self) -> f64 {
        if self.gold + self.system == 0 {
            return 0.0;
        }
        200.0 * self.correct as f64 / (self.gold + self.system) as f64
    }
    /// Precision in percent.
    pub fn p(&self) -> f64 {
        100.0 * self.correct as f64 / self.system.max(1) as f64
    }
    /// Recall in percent.
    pub fn r(&self) -> f64 {
        100.0 * self.correct as f64 / self.gold.max(1) as f64
    }
}

/// Syntax scores.
#[derive(Debug, Clone, Default)]
pub struct SynScores {
    /// Tokens (words).
    pub tokens: Count,
    /// Sentences.
    pub sentences: Count,
    /// UPOS.
    pub upos: Count,
    /// XPOS.
    pub xpos: Count,
    /// Morphological features (all of FEATS equal).
    pub feats: Count,
    /// Lemma.
    pub lemma: Count,
    /// Unlabelled attachment.
    pub uas: Count,
    /// Labelled attachment (universal relation part only).
    pub las: Count,
}

impl SynScores {
    /// One CoNLL 2018-style table.
    pub fn table(&self) -> String {
        let mut o = String::from("Metric     | Precision |    Recall |  F1 Score\n");
        for (n, c) in [
            ("Tokens", self.tokens),
            ("Sentences", self.sentences),
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("UFeats", self.feats),
            ("Lemmas", self.lemma),
            ("UAS", self.uas),
            ("LAS", self.las),
        ] {
            o.push_str(&format!(
                "{n:<10} | {:>9.2} | {:>9.2} | {:>9.2}\n",
                c.p(),
                c.r(),
                c.f1()
            ));
        }
        o
    }
}

fn univ(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Scores on gold tokenisation and gold sentences.
pub fn eval_gold(bb: &Backbone, sents: &[Sentence]) -> SynScores {
    let mut s = SynScores::default();
    for g in sents {
        let forms: Vec<&str> = g.words.iter().map(|w| w.form.as_str()).collect();
        let o = bb.analyse_words(&forms);
        let n = forms.len();
        for c in [
            &mut s.tokens,
            &mut s.upos,
            &mut s.xpos,
            &mut s.feats,
            &mut s.lemma,
            &mut s.uas,
            &mut s.las,
        ] {
            c.gold += n;
            c.system += n;
        }
        s.tokens.correct += n;
        s.sentences.gold += 1;
        s.sentences.system += 1;
        s.sentences.correct += 1;
        for (i, w) in g.words.iter().enumerate() {
            s.upos.correct += (o.upos[i] == w.upos) as usize;
            s.xpos.correct += (o.xpos[i] == w.xpos) as usize;
            s.feats.correct += (o.feats[i] == w.feats) as usize;
            s.lemma.correct += (o.lemma[i] == w.lemma) as usize;
            if o.head[i] == w.head {
                s.uas.correct += 1;
                s.las.correct += (univ(&o.deprel[i]) == univ(&w.deprel)) as usize;
            }
        }
    }
    s
}

/// Scores on own tokenisation and sentence splitting of the raw text rebuilt
/// from the gold sentences; words align when their char spans are equal.
pub fn eval_raw(bb: &Backbone, sents: &[Sentence]) -> SynScores {
    let (text, spans) = conllu::text_and_spans(sents);
    let p = bb.analyse_text(&text);
    let mut gold: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut gsent = std::collections::HashSet::new();
    for (si, sp) in spans.iter().enumerate() {
        for (wi, &x) in sp.iter().enumerate() {
            gold.insert(x, (si, wi));
        }
        if let (Some(a), Some(b)) = (sp.first(), sp.last()) {
            gsent.insert((a.0, b.1));
        }
    }
    let ngold: usize = spans.iter().map(|s| s.len()).sum();
    let mut s = SynScores::default();
    for c in [
        &mut s.tokens,
        &mut s.upos,
        &mut s.xpos,
        &mut s.feats,
        &mut s.lemma,
        &mut s.uas,
        &mut s.las,
    ] {
        c.gold = ngold;
        c.system = p.tokens.len();
    }
    s.sentences.gold = gsent.len();
    s.sentences.system = p.sentences.len();
    for &(a, b) in &p.sentences {
        if b > a && gsent.contains(&(p.tokens[a].start, p.tokens[b - 1].end)) {
            s.sentences.correct += 1;
        }
    }
    for t in &p.tokens {
        let Some(&(si, wi)) = gold.get(&(t.start, t.end)) else {
            continue;
        };
        let w = &sents[si].words[wi];
        s.tokens.correct += 1;
        s.upos.correct += (t.upos == w.upos) as usize;
        s.xpos.correct += (t.xpos == w.xpos) as usize;
        s.feats.correct += (t.feats == w.feats) as usize;
        s.lemma.correct += (t.lemma == w.lemma) as usize;
        let gh = if w.head == 0 {
            None
        } else {
            Some(spans[si][w.head - 1])
        };
        let ph = t.head.map(|h| (p.tokens[h].start, p.tokens[h].end));
        if gh == ph {
            s.uas.correct += 1;
            s.las.correct += (univ(&t.deprel) == univ(&w.deprel)) as usize;
        }
    }
    s
}

/// Entity span scores: overall and per type.
pub fn eval_ner(bb: &Backbone, docs: &[Doc]) -> (Count, Vec<(EntType, Count)>) {
    let mut all = Count::default();
    let mut by: HashMap<EntType, Count> = HashMap::new();
    for d in docs {
        for (s, g) in d.sents.iter().zip(&d.ents) {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let p: Vec<Span> = bb.analyse_words(&forms).ents;
            all.gold += g.len();
            all.system += p.len();
            for x in g {
                by.entry(x.ty).or_default().gold += 1;
            }
            for x in &p {
                let c = by.entry(x.ty).or_default();
                c.system += 1;
                if g.contains(x) {
                    c.correct += 1;
                    all.correct += 1;
                }
            }
        }
    }
    let per = EntType::ALL
        .iter()
        .map(|t| (*t, by.get(t).copied().unwrap_or_default()))
        .collect();
    (all, per)
}

/// Entity scores as a table.
pub fn ner_table(all: &Count, per: &[(EntType, Count)]) -> String {
    let mut o = String::from("Type       | Precision |    Recall |  F1 Score |  Gold\n");
    for (t, c) in per
        .iter()
        .map(|(t, c)| (t.name(), c))
        .chain(std::iter::once(("ALL", all)))
    {
        o.push_str(&format!(
            "{t:<10} | {:>9.2} | {:>9.2} | {:>9.2} | {:>5}\n",
            c.p(),
            c.r(),
            c.f1(),
            c.gold
        ));
    }
    o
}
