//! Greedy arc-hybrid dependency parser (averaged perceptron, dynamic oracle
//! with exploration) plus an arc labeller that labels each arc when its
//! dependent is complete.

use super::binio::{Reader, Writer};
use super::hash::{f1, f2, f3, hs, Rng};
use super::perceptron::{argmax, Model, Trainer};
use super::tagger::normalise;
use super::SynResult;
use std::collections::HashMap;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const NONE: usize = usize::MAX;
const PAD: u64 = 0x1dea;
const ROOTH: u64 = 0x2bad;

/// One input sentence for the parser (0 is the root; words are 1..=n).
pub struct Input {
    w: Vec<u64>,
    t: Vec<u64>,
    u: Vec<u64>,
}

impl Input {
    /// Builds the parser input from forms, XPOS and UPOS tags.
    pub fn new(forms: &[&str], xpos: &[&str], upos: &[&str]) -> Input {
        let mut w = vec![ROOTH];
        let mut t = vec![ROOTH];
        let mut u = vec![ROOTH];
        for i in 0..forms.len() {
            w.push(hs(&normalise(forms[i])));
            t.push(hs(xpos.get(i).copied().unwrap_or("")));
            u.push(hs(upos.get(i).copied().unwrap_or("")));
        }
        Input { w, t, u }
    }
    fn n(&self) -> usize {
        self.w.len() - 1
    }
}

struct State {
    stack: Vec<usize>,
    b: usize,
    n: usize,
    head: Vec<usize>,
    label: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
    in_stack: Vec<bool>,
}

impl State {
    fn new(n: usize) -> State {
        let mut in_stack = vec![false; n + 1];
        in_stack[0] = true;
        State {
            stack: vec![0],
            b: 1,
            n,
            head: vec![NONE; n + 1],
            label: vec![0; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
            in_stack,
        }
    }
    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }
    fn s(&self, k: usize) -> usize {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }
    fn valid(&self) -> [bool; 3] {
        let l = self.stack.len();
        let s0 = self.s(0);
        let s1 = self.s(1);
        [
            self.b <= self.n,
            l >= 1 && s0 != 0 && self.b <= self.n,
            l >= 2 && (s1 != 0 || self.b > self.n),
        ]
    }
    /// Applies a transition; returns the arc (head, dep) made, if any.
    fn apply(&mut self, a: usize) -> Option<(usize, usize)> {
        match a {
            SHIFT => {
                self.stack.push(self.b);
                self.in_stack[self.b] = true;
                self.b += 1;
                None
            }
            LEFT => {
                let d = self.stack.pop()?;
                self.in_stack[d] = false;
                self.head[d] = self.b;
                self.lefts[self.b].push(d);
                Some((self.b, d))
            }
            _ => {
                let d = self.stack.pop()?;
                self.in_stack[d] = false;
                let h = *self.stack.last()?;
                self.head[d] = h;
                self.rights[h].push(d);
                Some((h, d))
            }
        }
    }
    fn costs(&self, gold: &[usize]) -> [usize; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let inb = |k: usize| k != NONE && k >= self.b && k <= self.n && k != 0;
        let mut c = [0usize; 3];
        if self.b <= self.n {
            let b0 = self.b;
            c[SHIFT] = self.stack.iter().filter(|&&k| gold[k] == b0).count();
            if gold[b0] != s0 && self.in_stack[gold[b0]] {
                c[SHIFT] += 1;
            }
        }
        if s0 != NONE && s0 != 0 {
            let deps_in_b = (self.b..=self.n).filter(|&k| gold[k] == s0).count();
            c[LEFT] = deps_in_b;
            let g = gold[s0];
            if g != self.b && ((s1 != NONE && g == s1) || (inb(g) && g != self.b)) {
                c[LEFT] += 1;
            }
            c[RIGHT] = deps_in_b;
            if g != s1 && inb(g) {
                c[RIGHT] += 1;
            }
        }
        c
    }
}

fn dist(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 7,
        _ => 10,
    }
}

/// The parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// Dependency relation names.
    pub labels: Vec<String>,
    labels_h: Vec<u64>,
    trans: Model,
    lab: Model,
}

struct Ctx<'a> {
    x: &'a Input,
    labels_h: &'a [u64],
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> u64 {
        if i == NONE {
            PAD
        } else {
            self.x.w[i]
        }
    }
    fn t(&self, i: usize) -> u64 {
        if i == NONE {
            PAD
        } else {
            self.x.t[i]
        }
    }
    fn lab(&self, st: &State, i: usize) -> u64 {
        if i == NONE || i == 0 || st.head[i] == NONE {
            PAD
        } else {
            self.labels_h.get(st.label[i]).copied().unwrap_or(PAD)
        }
    }

    fn trans_feats(&self, st: &State, f: &mut Vec<u64>) {
        f.clear();
        let s0 = st.s(0);
        let s1 = st.s(1);
        let s2 = st.s(2);
        let b0 = if st.b <= st.n { st.b } else { NONE };
        let b1 = if st.b < st.n { st.b + 1 } else { NONE };
        let b2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
        let lc = |i: usize, k: usize| -> usize {
            if i == NONE {
                NONE
            } else {
                st.lefts[i].iter().rev().nth(k).copied().unwrap_or(NONE)
            }
        };
        let rc = |i: usize, k: usize| -> usize {
            if i == NONE {
                NONE
            } else {
                st.rights[i].iter().rev().nth(k).copied().unwrap_or(NONE)
            }
        };
        let (s0w, s0t, s1w, s1t, b0w, b0t) = (
            self.w(s0),
            self.t(s0),
            self.w(s1),
            self.t(s1),
            self.w(b0),
            self.t(b0),
        );
        let (b1w, b1t, b2t, s2t) = (self.w(b1), self.t(b1), self.t(b2), self.t(s2));
        f.push(f1(1, 0));
        f.push(f1(2, s0w));
        f.push(f1(3, s0t));
        f.push(f2(4, s0w, s0t));
        f.push(f1(5, s1w));
        f.push(f1(6, s1t));
        f.push(f2(7, s1w, s1t));
        f.push(f1(8, b0w));
        f.push(f1(9, b0t));
        f.push(f2(10, b0w, b0t));
        f.push(f1(11, b1w));
        f.push(f1(12, b1t));
        f.push(f2(13, b1w, b1t));
        f.push(f1(14, b2t));
        f.push(f1(15, s2t));
        f.push(f2(16, s0w, b0w));
        f.push(f2(17, s0t, b0t));
        f.push(f2(18, s0t, b0w));
        f.push(f2(19, s0w, b0t));
        f.push(f3(20, s0w, s0t, b0t));
        f.push(f3(21, s0t, b0w, b0t));
        f.push(f2(22, s1t, s0t));
        f.push(f2(23, s1w, s0w));
        f.push(f3(24, s1t, s0t, b0t));
        f.push(f3(25, s2t, s1t, s0t));
        f.push(f3(26, s0t, b0t, b1t));
        f.push(f3(27, b0t, b1t, b2t));
        f.push(f3(28, s1w, s0t, b0t));
        f.push(f3(29, s1t, s0w, b0t));
        f.push(f3(30, s1t, s0t, b0w));
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        f.push(f2(31, d0, s0w));
        f.push(f2(32, d0, s0t));
        f.push(f3(33, d0, s0t, b0t));
        f.push(f3(34, d1, s1t, s0t));
        f.push(f2(35, d0, b0w));
        let vl = |i: usize| {
            if i == NONE {
                99
            } else {
                st.lefts[i].len().min(5) as u64
            }
        };
        let vr = |i: usize| {
            if i == NONE {
                99
            } else {
                st.rights[i].len().min(5) as u64
            }
        };
        f.push(f2(36, s0t, vl(s0)));
        f.push(f2(37, s0t, vr(s0)));
        f.push(f2(38, b0t, vl(b0)));
        f.push(f2(39, s1t, vr(s1)));
        let (s0l1, s0l2, s0r1, s0r2) = (lc(s0, 0), lc(s0, 1), rc(s0, 0), rc(s0, 1));
        let (b0l1, b0l2, s1l1, s1r1) = (lc(b0, 0), lc(b0, 1), lc(s1, 0), rc(s1, 0));
        for (k, c) in [s0l1, s0l2, s0r1, s0r2, b0l1, b0l2, s1l1, s1r1]
            .into_iter()
            .enumerate()
        {
            let k = k as u64;
            f.push(f1(40 + k, self.t(c)));
            f.push(f1(50 + k, self.lab(st, c)));
            f.push(f1(60 + k, self.w(c)));
        }
        f.push(f3(70, s0t, self.t(s0l1), self.t(s0l2)));
        f.push(f3(71, s0t, self.t(s0r1), self.t(s0r2)));
        f.push(f3(72, b0t, self.t(b0l1), self.t(b0l2)));
        f.push(f3(73, s0t, b0t, self.t(s0l1)));
        f.push(f3(74, s0t, b0t, self.t(s0r1)));
        f.push(f3(75, s0t, b0t, self.t(b0l1)));
        f.push(f3(76, s0t, self.lab(st, s0l1), self.lab(st, s0r1)));
        f.push(f3(77, b0t, self.lab(st, b0l1), self.lab(st, b0l2)));
        f.push(f3(78, s1t, self.lab(st, s1l1), self.lab(st, s1r1)));
        f.push(f2(79, s0w, self.lab(st, s0r1)));
        f.push(f2(80, b0w, self.lab(st, b0l1)));
        f.push(f1(81, (st.b > st.n) as u64));
        f.push(f2(82, s0t, (s1 == 0) as u64));
    }

    fn label_feats(&self, st: &State, h: usize, d: usize, f: &mut Vec<u64>) {
        f.clear();
        let (hw, ht, dw, dt) = (self.w(h), self.t(h), self.w(d), self.t(d));
        let dir = (h < d) as u64;
        let ds = dist(h, d);
        let hu = self.x.u[h];
        let du = self.x.u[d];
        f.push(f1(101, dir));
        f.push(f2(102, dw, dir));
        f.push(f2(103, dt, dir));
        f.push(f2(104, hw, dir));
        f.push(f2(105, ht, dir));
        f.push(f3(106, ht, dt, dir));
        f.push(f3(107, hw, dt, dir));
        f.push(f3(108, ht, dw, dir));
        f.push(f3(109, ht, dt, ds));
        f.push(f3(110, hu, du, dir));
        f.push(f2(111, dw, dt));
        f.push(f2(112, (h == 0) as u64, dt));
        let first = |v: &Vec<usize>| v.iter().min().copied().unwrap_or(NONE);
        let lc = first(&st.lefts[d]);
        let rc = st.rights[d].last().copied().unwrap_or(NONE);
        f.push(f2(113, self.w(lc), dt));
        f.push(f2(114, self.t(lc), dt));
        f.push(f2(115, self.lab(st, lc), dt));
        f.push(f2(116, self.lab(st, rc), dt));
        f.push(f2(117, self.t(rc), dt));
        for &c in st.lefts[d].iter().chain(st.rights[d].iter()) {
            let l = self.lab(st, c);
            f.push(f3(118, l, self.w(c), dir));
            f.push(f3(119, l, du, hu));
        }
        for &c in st.lefts[h].iter().chain(st.rights[h].iter()) {
            f.push(f3(120, self.lab(st, c), dt, dir));
        }
        f.push(f3(121, hu, dw, dir));
        f.push(f3(122, du, hw, dir));
        let nxt = if d < self.x.n() { d + 1 } else { NONE };
        let prv = if d > 1 { d - 1 } else { NONE };
        f.push(f2(123, self.t(prv), dt));
        f.push(f2(124, self.t(nxt), dt));
        f.push(f3(125, self.w(prv), dt, dir));
    }
}

impl Parser {
    /// Parses; returns 1-based heads (0 = root) and label ids, one per word.
    pub fn parse(&self, x: &Input) -> (Vec<usize>, Vec<usize>) {
        let n = x.n();
        let mut st = State::new(n);
        let ctx = Ctx {
            x,
            labels_h: &self.labels_h,
        };
        let mut f = Vec::with_capacity(128);
        let mut buf = Vec::new();
        let mut lbuf = Vec::new();
        let root = self.labels.iter().position(|l| l == "root").unwrap_or(0);
        while !st.done() {
            let v = st.valid();
            ctx.trans_feats(&st, &mut f);
            self.trans.scores(&f, &mut buf);
            let mut best = NONE;
            for a in 0..3 {
                if v[a] && (best == NONE || buf[a] > buf[best]) {
                    best = a;
                }
            }
            if best == NONE {
                break;
            }
            if let Some((h, d)) = st.apply(best) {
                st.label[d] = if h == 0 {
                    root
                } else {
                    ctx.label_feats(&st, h, d, &mut f);
                    self.lab.scores(&f, &mut lbuf);
                    if let Some(s) = lbuf.get_mut(root) {
                        *s = f32::MIN;
                    }
                    argmax(&lbuf)
                };
            }
        }
        let heads = (1..=n)
            .map(|i| if st.head[i] == NONE { 0 } else { st.head[i] })
            .collect();
        (heads, st.label[1..].to_vec())
    }

    /// Trains on sentences given as (input, gold heads 1-based, gold labels).
    pub fn train(
        data: &[(Input, Vec<usize>, Vec<String>)],
        epochs: usize,
        seed: u64,
        prune: f32,
    ) -> Parser {
        let mut labels: Vec<String> = Vec::new();
        let mut lid: HashMap<String, usize> = HashMap::new();
        for (_, _, ls) in data {
            for l in ls {
                if !lid.contains_key(l) {
                    lid.insert(l.clone(), labels.len());
                    labels.push(l.clone());
                }
            }
        }
        if !lid.contains_key("root") {
            lid.insert("root".into(), labels.len());
            labels.push("root".into());
        }
        let labels_h: Vec<u64> = labels.iter().map(|l| hs(l)).collect();
        let root = lid["root"];
        let mut tt = Trainer::new(3);
        let mut lt = Trainer::new(labels.len());
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut f = Vec::new();
        let mut buf = vec![0f32; 3];
        let mut lbuf = Vec::new();
        for ep in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let (x, gh, gl) = &data[k];
                let n = x.n();
                let mut gold = vec![0usize; n + 1];
                gold[0] = NONE;
                gold[1..=n].copy_from_slice(&gh[..n]);
                let glab: Vec<usize> = std::iter::once(root)
                    .chain(gl.iter().map(|l| lid[l]))
                    .collect();
                let ctx = Ctx {
                    x,
                    labels_h: &labels_h,
                };
                let mut st = State::new(n);
                while !st.done() {
                    let v = st.valid();
                    ctx.trans_feats(&st, &mut f);
                    tt.scores(&f, &mut buf);
                    let c = st.costs(&gold);
                    let minc = (0..3).filter(|&a| v[a]).map(|a| c[a]).min().unwrap_or(0);
                    let mut pred = NONE;
                    let mut best_gold = NONE;
                    for a in 0..3 {
                        if !v[a] {
                            continue;
                        }
                        if pred == NONE || buf[a] > buf[pred] {
                            pred = a;
                        }
                        if c[a] == minc && (best_gold == NONE || buf[a] > buf[best_gold]) {
                            best_gold = a;
                        }
                    }
                    if pred == NONE {
                        break;
                    }
                    if c[pred] != minc {
                        tt.update(&f, best_gold, pred);
                    }
                    tt.tick();
                    let next = if c[pred] == minc || (ep >= 1 && rng.unit() < 0.9) {
                        pred
                    } else {
                        best_gold
                    };
                    if let Some((h, d)) = st.apply(next) {
                        if h == 0 {
                            st.label[d] = root;
                            continue;
                        }
                        ctx.label_feats(&st, h, d, &mut f);
                        let g = lt.predict(&f, &mut lbuf);
                        if gold[d] == h {
                            lt.update(&f, glab[d], g);
                            lt.tick();
                        }
                        st.label[d] = g;
                    }
                }
            }
        }
        Parser {
            labels,
            labels_h,
            trans: tt.finish(prune),
            lab: lt.finish(prune),
        }
    }

    /// Serialises the parser.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"PARS");
        w.strs(&self.labels);
        self.trans.write(w);
        self.lab.write(w);
    }

    /// Reads a parser.
    pub fn read(r: &mut Reader) -> SynResult<Parser> {
        r.expect("PARS")?;
        let labels = r.strs()?;
        let labels_h = labels.iter().map(|l| hs(l)).collect();
        let trans = Model::read(r)?;
        let lab = Model::read(r)?;
        Ok(Parser {
            labels,
            labels_h,
            trans,
            lab,
        })
    }
}
