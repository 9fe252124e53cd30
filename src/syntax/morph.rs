//! Morphological features from tables learned on a treebank: the most
//! frequent FEATS of (lowercased form, UPOS, XPOS), else of (UPOS, XPOS).

use super::binio::{Reader, Writer};
use super::conllu::Sentence;
use super::hash::{f2, f3, hs, IdMap};
use super::tagger::normalise;
use super::SynResult;
use std::collections::HashMap;

/// A learned feature table.
#[derive(Debug, Clone, Default)]
pub struct Morph {
    vals: Vec<String>,
    word: IdMap<u32>,
    tag: IdMap<u32>,
}

impl Morph {
    /// Learns the tables.
    pub fn train(train: &[Sentence]) -> Morph {
        let mut word: HashMap<(String, String, String), HashMap<String, usize>> = HashMap::new();
        let mut tag: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        for s in train {
            for w in &s.words {
                let k = (normalise(&w.form), w.upos.clone(), w.xpos.clone());
                *word
                    .entry(k)
                    .or_default()
                    .entry(w.feats.clone())
                    .or_default() += 1;
                *tag.entry((w.upos.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(w.feats.clone())
                    .or_default() += 1;
            }
        }
        let mut m = Morph::default();
        let mut vid: HashMap<String, u32> = HashMap::new();
        let best = |h: &HashMap<String, usize>| -> String {
            let mut v: Vec<(&String, &usize)> = h.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v[0].0.clone()
        };
        let mut tk: Vec<_> = tag.into_iter().collect();
        tk.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tbest: HashMap<(String, String), String> = HashMap::new();
        for ((u, x), h) in tk {
            let b = best(&h);
            let n = vid.len() as u32;
            let i = *vid.entry(b.clone()).or_insert(n);
            if i == n {
                m.vals.push(b.clone());
            }
            m.tag.insert(f2(1, hs(&u), hs(&x)), i);
            tbest.insert((u, x), b);
        }
        let mut wk: Vec<_> = word.into_iter().collect();
        wk.sort_by(|a, b| a.0.cmp(&b.0));
        for ((w, u, x), h) in wk {
            let b = best(&h);
            if tbest.get(&(u.clone(), x.clone())) == Some(&b) {
                continue;
            }
            let n = vid.len() as u32;
            let i = *vid.entry(b.clone()).or_insert(n);
            if i == n {
                m.vals.push(b);
            }
            m.word.insert(f3(2, hs(&w), hs(&u), hs(&x)), i);
        }
        m
    }

    /// FEATS of a tagged word (`_` when none known).
    pub fn feats(&self, form: &str, upos: &str, xpos: &str) -> &str {
        let (u, x) = (hs(upos), hs(xpos));
        let i = self
            .word
            .get(&f3(2, hs(&normalise(form)), u, x))
            .or_else(|| self.tag.get(&f2(1, u, x)));
        i.and_then(|&i| self.vals.get(i as usize))
            .map(|s| s.as_str())
            .unwrap_or("_")
    }

    /// Serialises the tables.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"MRPH");
        w.strs(&self.vals);
        w.id_map(&self.word);
        w.id_map(&self.tag);
    }

    /// Reads the tables.
    pub fn read(r: &mut Reader) -> SynResult<Morph> {
        r.expect("MRPH")?;
        let vals = r.strs()?;
        let word = r.id_map(usize::MAX, "morph value")?;
        let tag = r.id_map(usize::MAX, "morph value")?;
        Ok(Morph { vals, word, tag })
    }
}
