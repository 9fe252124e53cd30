//! Training all backbone models from UD English EWT and GUM (licensed genres),
//! with a fixed seed.

use super::analysis::Backbone;
use super::conllu::{self, Sentence};
use super::gum;
use super::lemma::Lemmatizer;
use super::morph::Morph;
use super::ner::Ner;
use super::parser::{Input, Parser};
use super::tagger::{Lex, Tagger};
use super::SynResult;
use std::path::Path;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Tagger epochs.
    pub tag_epochs: usize,
    /// Parser epochs.
    pub parse_epochs: usize,
    /// Entity tagger epochs.
    pub ner_epochs: usize,
    /// Folds for jackknifed tags fed to the parser and entity tagger.
    pub folds: usize,
    /// Also train tagger, lemmas and parser on GUM train (licensed genres).
    pub gum_syntax: bool,
    /// Seed.
    pub seed: u64,
    /// Averaged weights below this fraction of the largest are dropped.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tag_epochs: 6,
            parse_epochs: 15,
            ner_epochs: 8,
            folds: 4,
            gum_syntax: true,
            seed: 1,
            prune: 0.01,
        }
    }
}

/// Predicted (UPOS, XPOS) per word for every sentence, each fold tagged by a
/// tagger trained on the other folds.
pub fn jackknife(
    sents: &[Sentence],
    folds: usize,
    epochs: usize,
    seed: u64,
) -> Vec<Vec<(String, String)>> {
    let folds = folds.max(2);
    let mut out = vec![Vec::new(); sents.len()];
    for f in 0..folds {
        let part: Vec<Sentence> = sents
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let t = Tagger::train(&part, epochs, seed + f as u64, 0.0);
        for (i, s) in sents.iter().enumerate().filter(|(i, _)| i % folds == f) {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            out[i] = t
                .tag(&forms)
                .into_iter()
                .map(|c| {
                    let (u, x) = t.split(c);
                    (u.to_string(), x.to_string())
                })
                .collect();
        }
    }
    out
}

/// Trains every model; `log` receives progress lines.
pub fn train(
    ewt: &Path,
    gum_dir: &Path,
    o: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> SynResult<Backbone> {
    let t0 = std::time::Instant::now();
    let mut sents = conllu::read(&ewt.join("en_ewt-ud-train.conllu"))?;
    let n_ewt = sents.len();
    let gdocs = gum::read_split(gum_dir, "train")?;
    if o.gum_syntax {
        for d in &gdocs {
            sents.extend(d.sents.iter().cloned());
        }
    }
    log(&format!(
        "train sentences: {} EWT + {} GUM",
        n_ewt,
        sents.len() - n_ewt
    ));
    let tagger = Tagger::train(&sents, o.tag_epochs, o.seed, o.prune);
    log(&format!(
        "tagger: {} classes, {:.0?}",
        tagger.classes.len(),
        t0.elapsed()
    ));
    let lemmatizer = Lemmatizer::train(&sents);
    let morph = Morph::train(&sents[..n_ewt]);
    // Jackknife over EWT and every GUM train sentence (even when GUM is not
    // part of the syntax data, the entity tagger needs predicted tags).
    let mut all = sents[..n_ewt].to_vec();
    for d in &gdocs {
        all.extend(d.sents.iter().cloned());
    }
    let jk = jackknife(&all, o.folds, o.tag_epochs, o.seed);
    log(&format!("jackknifed tags: {:.0?}", t0.elapsed()));
    let nsyn = sents.len();
    let data: Vec<(Input, Vec<usize>, Vec<String>)> = all[..nsyn]
        .iter()
        .zip(&jk)
        .map(|(s, t)| {
            let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let u: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
            let x: Vec<&str> = t.iter().map(|x| x.1.as_str()).collect();
            (
                Input::new(&f, &x, &u),
                s.words.iter().map(|w| w.head).collect(),
                s.words.iter().map(|w| w.deprel.clone()).collect(),
            )
        })
        .collect();
    let parser = Parser::train(&data, o.parse_epochs, o.seed, o.prune);
    log(&format!(
        "parser: {} labels, {:.0?}",
        parser.labels.len(),
        t0.elapsed()
    ));
    let mut nd = Vec::new();
    let mut k = n_ewt;
    for d in &gdocs {
        for (s, e) in d.sents.iter().zip(&d.ents) {
            let lx: Vec<Lex> = s.words.iter().map(|w| Lex::of(&w.form)).collect();
            let u = jk[k].iter().map(|x| x.0.clone()).collect();
            let x = jk[k].iter().map(|x| x.1.clone()).collect();
            nd.push((lx, u, x, e.clone()));
            k += 1;
        }
    }
    let ner = Ner::train(&nd, o.ner_epochs, o.seed, o.prune);
    log(&format!(
        "entity tagger: {} sentences, {:.0?}",
        nd.len(),
        t0.elapsed()
    ));
    Ok(Backbone {
        tagger,
        lemmatizer,
        morph,
        parser,
        ner,
    })
}
