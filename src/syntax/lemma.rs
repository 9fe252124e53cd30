//! Lemmatiser: an exceptions table keyed by (lowercased form, XPOS) and
//! suffix edit rules keyed by (XPOS, suffix), both learned from a treebank.

use super::binio::{Reader, Writer};
use super::conllu::Sentence;
use super::hash::{f2, hs, IdMap};
use super::tagger::normalise;
use super::SynResult;
use std::collections::HashMap;

/// A learned lemmatiser.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    rules: Vec<String>,
    exc: IdMap<u32>,
    suf: IdMap<u32>,
}

/// Encodes the edit from `form` to `lemma` as `mode|strip|append`
/// (mode `l`: edit the lowercased form; `k`: keep the form's case).
fn rule_of(form: &str, lemma: &str) -> String {
    let fc: Vec<char> = form.chars().collect();
    let lc: Vec<char> = lemma.chars().collect();
    let p = fc.iter().zip(&lc).take_while(|(a, b)| a == b).count();
    let keep = format!("k|{}|{}", fc.len() - p, lc[p..].iter().collect::<String>());
    if lemma.chars().any(|c| c.is_uppercase()) && apply(&keep, form) == lemma {
        return keep;
    }
    let fl: Vec<char> = normalise(form).chars().collect();
    let p = fl.iter().zip(&lc).take_while(|(a, b)| a == b).count();
    format!("l|{}|{}", fl.len() - p, lc[p..].iter().collect::<String>())
}

fn apply(rule: &str, form: &str) -> String {
    let mut it = rule.splitn(3, '|');
    let (Some(m), Some(n), Some(add)) = (it.next(), it.next(), it.next()) else {
        return form.to_string();
    };
    let n: usize = n.parse().unwrap_or(0);
    let base: Vec<char> = if m == "l" {
        normalise(form).chars().collect()
    } else {
        form.chars().collect()
    };
    if n > base.len() {
        return form.to_string();
    }
    let mut s: String = base[..base.len() - n].iter().collect();
    s.push_str(add);
    if s.is_empty() {
        form.to_string()
    } else {
        s
    }
}

fn suffix(low: &[char], k: usize) -> String {
    low[low.len().saturating_sub(k)..].iter().collect()
}

impl Lemmatizer {
    /// Learns rules and exceptions from gold lemmas.
    pub fn train(train: &[Sentence]) -> Lemmatizer {
        let mut exc: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        let mut suf: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        for s in train {
            for w in &s.words {
                if w.lemma == "_" || w.form.is_empty() {
                    continue;
                }
                let r = rule_of(&w.form, &w.lemma);
                let low = normalise(&w.form);
                *exc.entry((low.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(r.clone())
                    .or_default() += 1;
                let ch: Vec<char> = low.chars().collect();
                for k in 0..=5.min(ch.len()) {
                    *suf.entry((w.xpos.clone(), suffix(&ch, k)))
                        .or_default()
                        .entry(r.clone())
                        .or_default() += 1;
                }
            }
        }
        let mut l = Lemmatizer::default();
        let mut rid: HashMap<String, u32> = HashMap::new();
        let mut id = |r: &String, rules: &mut Vec<String>| -> u32 {
            *rid.entry(r.clone()).or_insert_with(|| {
                rules.push(r.clone());
                rules.len() as u32 - 1
            })
        };
        let best = |m: &HashMap<String, usize>| -> (String, usize) {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            (v[0].0.clone(), m.values().sum())
        };
        let mut ek: Vec<_> = exc.into_iter().collect();
        ek.sort_by(|a, b| a.0.cmp(&b.0));
        for ((low, x), m) in ek {
            let (r, _) = best(&m);
            let i = id(&r, &mut l.rules);
            l.exc.insert(f2(1, hs(&low), hs(&x)), i);
        }
        let mut sk: Vec<_> = suf.into_iter().collect();
        sk.sort_by(|a, b| a.0.cmp(&b.0));
        for ((x, s), m) in sk {
            let (r, n) = best(&m);
            if n < 2 && !s.is_empty() {
                continue;
            }
            let i = id(&r, &mut l.rules);
            l.suf.insert(f2(2, hs(&x), hs(&s)), i);
        }
        l
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let low = normalise(form);
        let xh = hs(xpos);
        if let Some(&r) = self.exc.get(&f2(1, hs(&low), xh)) {
            return apply(&self.rules[r as usize], form);
        }
        let ch: Vec<char> = low.chars().collect();
        for k in (0..=5.min(ch.len())).rev() {
            if let Some(&r) = self.suf.get(&f2(2, xh, hs(&suffix(&ch, k)))) {
                return apply(&self.rules[r as usize], form);
            }
        }
        if xpos.starts_with("NNP") {
            form.to_string()
        } else {
            low
        }
    }

    /// Serialises the lemmatiser.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"LEMM");
        w.strs(&self.rules);
        w.id_map(&self.exc);
        w.id_map(&self.suf);
    }

    /// Reads a lemmatiser.
    pub fn read(r: &mut Reader) -> SynResult<Lemmatizer> {
        r.expect("LEMM")?;
        let rules = r.strs()?;
        let exc = r.id_map(rules.len(), "lemma rule")?;
        let suf = r.id_map(rules.len(), "lemma rule")?;
        Ok(Lemmatizer { rules, exc, suf })
    }
}
