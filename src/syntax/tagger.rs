//! Joint UPOS+XPOS tagger: greedy left-to-right averaged perceptron with
//! word, affix, shape, context, tag-history and ambiguity-class features.

use super::binio::{Reader, Writer};
use super::conllu::Sentence;
use super::hash::{f1, f2, f3, hs, IdMap, Rng};
use super::perceptron::{Model, Trainer};
use super::SynResult;

/// Precomputed per-word hashes shared by the tagger, parser and NER.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lex {
    /// Lowercased form.
    pub lower: u64,
    /// Exact form.
    pub form: u64,
    /// Word shape (`Xxx`, `dd`, ...).
    pub shape: u64,
    /// Suffixes of length 1..=4 of the lowercased form.
    pub suf: [u64; 4],
    /// Prefixes of length 1..=3 of the lowercased form.
    pub pre: [u64; 3],
}

/// Lowercases and normalises apostrophes and digits' identity is kept.
pub fn normalise(s: &str) -> String {
    s.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect()
}

/// Word shape: letters to `X`/`x`, digits to `d`, runs capped at 3.
pub fn shape(s: &str) -> String {
    let mut o = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in s.chars().take(40) {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m == last {
            run += 1;
        } else {
            run = 1;
            last = m;
        }
        if run <= 3 {
            o.push(m);
        }
    }
    o
}

impl Lex {
    /// Hashes of one word.
    pub fn of(form: &str) -> Lex {
        let low = normalise(form);
        let ch: Vec<char> = low.chars().collect();
        let n = ch.len();
        let mut suf = [0u64; 4];
        let mut pre = [0u64; 3];
        for (k, s) in suf.iter_mut().enumerate() {
            let a = n.saturating_sub(k + 1);
            *s = hs(&ch[a..].iter().collect::<String>());
        }
        for (k, p) in pre.iter_mut().enumerate() {
            *p = hs(&ch[..(k + 1).min(n)].iter().collect::<String>());
        }
        Lex {
            lower: hs(&low),
            form: hs(form),
            shape: hs(&shape(form)),
            suf,
            pre,
        }
    }
}

const PAD: u64 = 0x5151;
const START: u64 = 0x7777;

/// The tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Classes: `UPOS\tXPOS`.
    pub classes: Vec<String>,
    xpos_h: Vec<u64>,
    amb: IdMap<u64>,
    model: Model,
}

fn class_name(upos: &str, xpos: &str) -> String {
    format!("{upos}\t{xpos}")
}

impl Tagger {
    fn feats(&self, lx: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
        out.clear();
        let g = |j: isize| -> Option<&Lex> {
            if j < 0 {
                None
            } else {
                lx.get(j as usize)
            }
        };
        let i_ = i as isize;
        let w = &lx[i];
        let amb = |l: Option<&Lex>| {
            l.map(|l| *self.amb.get(&l.lower).unwrap_or(&1))
                .unwrap_or(PAD)
        };
        let low = |l: Option<&Lex>| l.map(|l| l.lower).unwrap_or(PAD);
        let a0 = amb(Some(w));
        let a1 = amb(g(i_ + 1));
        out.push(f1(1, 0));
        out.push(f1(2, w.lower));
        for k in 0..4 {
            out.push(f1(3 + k as u64, w.suf[k]));
        }
        for k in 0..3 {
            out.push(f1(7 + k as u64, w.pre[k]));
        }
        out.push(f1(10, w.shape));
        out.push(f1(11, low(g(i_ - 1))));
        out.push(f1(12, low(g(i_ + 1))));
        out.push(f1(13, low(g(i_ - 2))));
        out.push(f1(14, low(g(i_ + 2))));
        out.push(f1(15, g(i_ - 1).map(|l| l.suf[2]).unwrap_or(PAD)));
        out.push(f1(16, g(i_ + 1).map(|l| l.suf[2]).unwrap_or(PAD)));
        out.push(f1(17, p1));
        out.push(f2(18, p1, p2));
        out.push(f2(19, p1, w.lower));
        out.push(f2(20, w.lower, low(g(i_ + 1))));
        out.push(f2(21, low(g(i_ - 1)), w.lower));
        out.push(f1(22, a0));
        out.push(f1(23, a1));
        out.push(f2(25, p1, a0));
        out.push(f1(26, g(i_ + 1).map(|l| l.shape).unwrap_or(PAD)));
        out.push(f2(27, (i == 0) as u64, w.form));
        out.push(f2(28, (i == 0) as u64, w.shape));
        out.push(f2(29, a0, a1));
        out.push(f1(30, g(i_ - 1).map(|l| l.shape).unwrap_or(PAD)));
        out.push(f3(31, p1, a0, a1));
        out.push(f2(32, w.suf[2], low(g(i_ + 1))));
        out.push(f1(33, amb(g(i_ + 2))));
    }

    /// Tags a sentence; returns class ids.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let lx: Vec<Lex> = words.iter().map(|w| Lex::of(w)).collect();
        self.tag_lex(&lx)
    }

    /// Tags a sentence from precomputed hashes; returns class ids.
    pub fn tag_lex(&self, lx: &[Lex]) -> Vec<usize> {
        let mut out = Vec::with_capacity(lx.len());
        let (mut p1, mut p2) = (START, START);
        let mut f = Vec::with_capacity(40);
        let mut buf = Vec::new();
        for i in 0..lx.len() {
            self.feats(lx, i, p1, p2, &mut f);
            let c = if self.classes.is_empty() {
                0
            } else {
                self.model.predict(&f, &mut buf)
            };
            out.push(c);
            p2 = p1;
            p1 = self.xpos_h.get(c).copied().unwrap_or(PAD);
        }
        out
    }

    /// UPOS and XPOS of a class id.
    pub fn split(&self, c: usize) -> (&str, &str) {
        self.classes
            .get(c)
            .and_then(|s| s.split_once('\t'))
            .unwrap_or(("X", "XX"))
    }

    /// Trains on `train` for `epochs` passes with a fixed `seed`.
    pub fn train(train: &[Sentence], epochs: usize, seed: u64, prune: f32) -> Tagger {
        let mut classes: Vec<String> = Vec::new();
        let mut cid = std::collections::HashMap::new();
        let mut wc: std::collections::HashMap<String, std::collections::BTreeMap<String, usize>> =
            Default::default();
        for s in train {
            for w in &s.words {
                let c = class_name(&w.upos, &w.xpos);
                if !cid.contains_key(&c) {
                    cid.insert(c.clone(), classes.len());
                    classes.push(c);
                }
                *wc.entry(normalise(&w.form))
                    .or_default()
                    .entry(w.xpos.clone())
                    .or_default() += 1;
            }
        }
        let mut amb = IdMap::default();
        for (w, m) in &wc {
            let tot: usize = m.values().sum();
            if tot < 2 {
                continue;
            }
            let key: Vec<&str> = m
                .iter()
                .filter(|(_, &n)| n * 20 >= tot)
                .map(|(t, _)| t.as_str())
                .collect();
            amb.insert(hs(w), hs(&key.join("|")));
        }
        let xpos_h = classes
            .iter()
            .map(|c| hs(c.split('\t').nth(1).unwrap_or("")))
            .collect();
        let mut t = Tagger {
            classes,
            xpos_h,
            amb,
            model: Model::empty(0),
        };
        let nc = t.classes.len();
        let mut tr = Trainer::new(nc);
        let data: Vec<(Vec<Lex>, Vec<usize>)> = train
            .iter()
            .map(|s| {
                let lx = s.words.iter().map(|w| Lex::of(&w.form)).collect();
                let g = s
                    .words
                    .iter()
                    .map(|w| cid[&class_name(&w.upos, &w.xpos)])
                    .collect();
                (lx, g)
            })
            .collect();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut f = Vec::new();
        let mut buf = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let (lx, gold) = &data[k];
                let (mut p1, mut p2) = (START, START);
                for i in 0..lx.len() {
                    t.feats(lx, i, p1, p2, &mut f);
                    let guess = tr.predict(&f, &mut buf);
                    tr.update(&f, gold[i], guess);
                    tr.tick();
                    p2 = p1;
                    p1 = t.xpos_h[guess];
                }
            }
        }
        t.model = tr.finish(prune);
        t
    }

    /// Serialises the tagger.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"TAGR");
        w.strs(&self.classes);
        let mut a: Vec<(u64, u64)> = self.amb.iter().map(|(&k, &v)| (k, v)).collect();
        a.sort_unstable();
        w.u32(a.len() as u32);
        for (k, v) in a {
            w.u64(k);
            w.u64(v);
        }
        self.model.write(w);
    }

    /// Reads a tagger.
    pub fn read(r: &mut Reader) -> SynResult<Tagger> {
        r.expect("TAGR")?;
        let classes = r.strs()?;
        let n = r.u32()? as usize;
        let mut amb = IdMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            amb.insert(k, r.u64()?);
        }
        let model = Model::read(r)?;
        let xpos_h = classes
            .iter()
            .map(|c| hs(c.split('\t').nth(1).unwrap_or("")))
            .collect();
        Ok(Tagger {
            classes,
            xpos_h,
            amb,
            model,
        })
    }
}
