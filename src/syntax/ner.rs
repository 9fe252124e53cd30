//! Named-entity tagger: greedy BILOU averaged perceptron with constrained
//! transitions, over words and their predicted tags.

use super::binio::{Reader, Writer};
use super::gum::{EntType, Span};
use super::hash::{f1, f2, f3, hs, Rng};
use super::perceptron::{Model, Trainer};
use super::tagger::Lex;
use super::SynResult;

const NCLS: usize = 17;

/// Word lists shared with the rules (`annotate/data/`), used as features:
/// (list, bit).
const GAZ: [(&str, u8); 8] = [
    (include_str!("../annotate/data/given_names.txt"), 1),
    (include_str!("../annotate/data/given_names_female.txt"), 1),
    (include_str!("../annotate/data/given_names_male.txt"), 1),
    (include_str!("../annotate/data/places.txt"), 2),
    (include_str!("../annotate/data/org_suffixes.txt"), 4),
    (include_str!("../annotate/data/honorifics.txt"), 8),
    (include_str!("../annotate/data/role_heads.txt"), 16),
    (include_str!("../annotate/data/time_words.txt"), 32),
];

fn gazetteer() -> &'static super::hash::IdMap<u16> {
    static G: std::sync::OnceLock<super::hash::IdMap<u16>> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut m = super::hash::IdMap::default();
        for (list, bit) in GAZ {
            for l in list.lines() {
                let l = l.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                if l.contains(' ') {
                    for w in l.split_whitespace() {
                        *m.entry(hs(w)).or_insert(0) |= (bit as u16) << 6;
                    }
                } else {
                    *m.entry(hs(l)).or_insert(0) |= bit as u16;
                }
            }
        }
        m
    })
}
const PAD: u64 = 0x3c3c;

fn ty_of(c: usize) -> usize {
    (c - 1) / 4
}
fn part(c: usize) -> usize {
    (c - 1) % 4
}

fn allowed(prev: usize, c: usize) -> bool {
    let open = prev != 0 && part(prev) < 2;
    if open {
        c != 0 && ty_of(c) == ty_of(prev) && (part(c) == 1 || part(c) == 2)
    } else {
        c == 0 || part(c) == 0 || part(c) == 3
    }
}

/// Converts spans to BILOU class ids.
pub fn encode(n: usize, spans: &[Span]) -> Vec<usize> {
    let mut y = vec![0; n];
    for s in spans {
        let t = EntType::ALL.iter().position(|x| *x == s.ty).unwrap_or(3);
        if s.end > n || s.start >= s.end {
            continue;
        }
        if s.end - s.start == 1 {
            y[s.start] = 1 + 4 * t + 3;
        } else {
            y[s.start] = 1 + 4 * t;
            for v in y.iter_mut().take(s.end - 1).skip(s.start + 1) {
                *v = 1 + 4 * t + 1;
            }
            y[s.end - 1] = 1 + 4 * t + 2;
        }
    }
    y
}

/// Converts BILOU class ids to spans.
pub fn decode(y: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut st = None;
    for (i, &c) in y.iter().enumerate() {
        if c == 0 {
            st = None;
            continue;
        }
        let ty = EntType::ALL[ty_of(c).min(3)];
        match part(c) {
            0 => st = Some(i),
            1 => {}
            2 => {
                if let Some(a) = st.take() {
                    out.push(Span {
                        start: a,
                        end: i + 1,
                        ty,
                    });
                }
            }
            _ => {
                st = None;
                out.push(Span {
                    start: i,
                    end: i + 1,
                    ty,
                });
            }
        }
    }
    out
}

/// One training sentence: word hashes, UPOS, XPOS, gold spans.
pub type NerExample = (Vec<Lex>, Vec<String>, Vec<String>, Vec<Span>);

/// The entity tagger.
#[derive(Debug, Clone)]
pub struct Ner {
    model: Model,
}

struct Sent<'a> {
    lx: &'a [Lex],
    u: Vec<u64>,
    x: Vec<u64>,
    g: Vec<u64>,
    cap: Vec<bool>,
}

fn feats(s: &Sent, i: usize, p1: usize, p2: usize, f: &mut Vec<u64>) {
    f.clear();
    let n = s.lx.len();
    let g = |j: isize| {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(j as usize)
        }
    };
    let i_ = i as isize;
    let w = &s.lx[i];
    let low = |j: Option<usize>| j.map(|j| s.lx[j].lower).unwrap_or(PAD);
    let frm = |j: Option<usize>| j.map(|j| s.lx[j].form).unwrap_or(PAD);
    let shp = |j: Option<usize>| j.map(|j| s.lx[j].shape).unwrap_or(PAD);
    let up = |j: Option<usize>| j.map(|j| s.u[j]).unwrap_or(PAD);
    let (p1h, p2h) = (p1 as u64, p2 as u64);
    f.push(f1(1, 0));
    f.push(f1(2, w.lower));
    f.push(f1(3, w.form));
    f.push(f1(4, w.shape));
    for k in 0..4 {
        f.push(f1(5 + k as u64, w.suf[k]));
    }
    for k in 0..3 {
        f.push(f1(9 + k as u64, w.pre[k]));
    }
    f.push(f1(12, low(g(i_ - 1))));
    f.push(f1(13, low(g(i_ + 1))));
    f.push(f1(14, low(g(i_ - 2))));
    f.push(f1(15, low(g(i_ + 2))));
    f.push(f1(16, shp(g(i_ - 1))));
    f.push(f1(17, shp(g(i_ + 1))));
    f.push(f1(18, up(g(i_ - 1))));
    f.push(f1(19, s.u[i]));
    f.push(f1(20, up(g(i_ + 1))));
    f.push(f1(21, s.x[i]));
    f.push(f3(22, up(g(i_ - 1)), s.u[i], up(g(i_ + 1))));
    f.push(f1(23, p1h));
    f.push(f2(24, p1h, w.lower));
    f.push(f2(25, p1h, w.shape));
    f.push(f2(26, p1h, p2h));
    f.push(f2(27, frm(g(i_ - 1)), w.form));
    f.push(f2(28, w.form, frm(g(i_ + 1))));
    f.push(f2(29, (i == 0) as u64, w.shape));
    f.push(f2(30, s.u[i], w.shape));
    f.push(f2(31, p1h, s.u[i]));
    f.push(f2(32, w.suf[2], s.u[i]));
    f.push(f2(33, shp(g(i_ + 1)), up(g(i_ + 1))));
    f.push(f3(34, p1h, up(g(i_ + 1)), shp(g(i_ + 1))));
    f.push(f2(35, low(g(i_ - 1)), s.u[i]));
    let gz = |j: Option<usize>| j.map(|j| s.g[j]).unwrap_or(PAD);
    f.push(f2(36, gz(Some(i)), w.shape));
    f.push(f2(37, gz(g(i_ - 1)), gz(Some(i))));
    f.push(f2(38, gz(Some(i)), gz(g(i_ + 1))));
    f.push(f3(39, p1h, gz(Some(i)), s.u[i]));
    f.push(f2(40, gz(g(i_ + 1)), shp(g(i_ + 1))));
    f.push(f2(41, gz(g(i_ - 1)), p1h));
}

fn sent<'a>(lx: &'a [Lex], upos: &[&str], xpos: &[&str], forms: Option<&[&str]>) -> Sent<'a> {
    let cap = (0..lx.len())
        .map(|i| {
            let Some(w) = forms.and_then(|f| f.get(i)) else {
                return true;
            };
            let c = w.chars().next().unwrap_or(' ');
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    *w,
                    "of" | "the"
                        | "and"
                        | "for"
                        | "&"
                        | "de"
                        | "du"
                        | "la"
                        | "van"
                        | "von"
                        | "der"
                        | "al"
                        | "-"
                        | "."
                        | "'s"
                        | "on"
                        | "in"
                        | "upon"
                        | "at"
                )
        })
        .collect();
    let u = (0..lx.len())
        .map(|i| hs(upos.get(i).copied().unwrap_or("")))
        .collect();
    let x = (0..lx.len())
        .map(|i| hs(xpos.get(i).copied().unwrap_or("")))
        .collect();
    let gz = gazetteer();
    let g = lx
        .iter()
        .map(|l| gz.get(&l.lower).copied().unwrap_or(0) as u64)
        .collect();
    Sent { lx, u, x, g, cap }
}

fn best_allowed(scores: &[f32], prev: usize) -> usize {
    let mut b = usize::MAX;
    for c in 0..NCLS.min(scores.len()) {
        if allowed(prev, c) && (b == usize::MAX || scores[c] > scores[b]) {
            b = c;
        }
    }
    if b == usize::MAX {
        0
    } else {
        b
    }
}

impl Ner {
    /// Entity spans of a tagged sentence.
    pub fn spans(&self, lx: &[Lex], upos: &[&str], xpos: &[&str], forms: &[&str]) -> Vec<Span> {
        let s = sent(lx, upos, xpos, Some(forms));
        let mut y = Vec::with_capacity(lx.len());
        let (mut p1, mut p2) = (0, 0);
        let mut f = Vec::with_capacity(40);
        let mut buf = Vec::new();
        for i in 0..lx.len() {
            feats(&s, i, p1, p2, &mut f);
            self.model.scores(&f, &mut buf);
            let mut c = best_allowed(&buf, p1);
            if c != 0 && part(c) != 0 && part(c) != 3 && !continues_name(&s, i) {
                // an open entity does not run over a lowercase word or a clause mark:
                // close it at the previous word and decide this word afresh
                close_open(&mut y);
                p1 = y.last().copied().unwrap_or(0);
                feats(&s, i, p1, p2, &mut f);
                self.model.scores(&f, &mut buf);
                c = best_allowed(&buf, p1);
            }
            y.push(c);
            p2 = p1;
            p1 = c;
        }
        close_open(&mut y);
        decode(&y)
    }

    /// Trains on (hashes, UPOS, XPOS, gold spans) sentences.
    pub fn train(data: &[NerExample], epochs: usize, seed: u64, prune: f32) -> Ner {
        let mut tr = Trainer::new(NCLS);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut f = Vec::new();
        let mut buf = vec![0f32; NCLS];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let (lx, u, x, sp) = &data[k];
                let ur: Vec<&str> = u.iter().map(|s| s.as_str()).collect();
                let xr: Vec<&str> = x.iter().map(|s| s.as_str()).collect();
                let s = sent(lx, &ur, &xr, None);
                let gold = encode(lx.len(), sp);
                let (mut p1, mut p2) = (0, 0);
                for i in 0..lx.len() {
                    feats(&s, i, p1, p2, &mut f);
                    tr.scores(&f, &mut buf);
                    let g = best_allowed(&buf, p1);
                    let truth = if allowed(p1, gold[i]) {
                        gold[i]
                    } else {
                        best_allowed(&buf, p1)
                    };
                    tr.update(&f, truth, g);
                    tr.tick();
                    p2 = p1;
                    p1 = g;
                }
            }
        }
        Ner {
            model: tr.finish(prune),
        }
    }

    /// Serialises the tagger.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"NERT");
        self.model.write(w);
    }

    /// Reads the tagger.
    pub fn read(r: &mut Reader) -> SynResult<Ner> {
        r.expect("NERT")?;
        Ok(Ner {
            model: Model::read(r)?,
        })
    }
}

/// Whether word `i` may continue an open entity: capitalised words, digits,
/// and a few connectors and marks inside names.
fn continues_name(s: &Sent, i: usize) -> bool {
    s.cap[i]
}

fn close_open(y: &mut [usize]) {
    if let Some(last) = y.last_mut() {
        if *last != 0 && part(*last) == 0 {
            *last += 3;
        } else if *last != 0 && part(*last) == 1 {
            *last += 1;
        }
    }
}
