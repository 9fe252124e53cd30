//! Multi-class averaged perceptron over hashed features: a dense trainer and
//! a sparse, `i16`-quantised model for inference.

use super::binio::{Reader, Writer};
use super::hash::IdMap;
use super::SynResult;

/// Stored feature keys keep their low 32 bits.
const KEY_MASK: u64 = 0xffff_ffff;

/// Trainer: one dense row of class weights per feature seen in an update.
pub struct Trainer {
    nc: usize,
    index: IdMap<u32>,
    w: Vec<f32>,
    tot: Vec<f32>,
    ts: Vec<u32>,
    step: u32,
}

impl Trainer {
    /// A trainer for `nc` classes.
    pub fn new(nc: usize) -> Self {
        Trainer {
            nc,
            index: IdMap::default(),
            w: Vec::new(),
            tot: Vec::new(),
            ts: Vec::new(),
            step: 1,
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.nc
    }

    /// Raw (non-averaged) scores into `out` (length = classes).
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * self.nc..(r as usize + 1) * self.nc];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// Best class under raw weights.
    pub fn predict(&self, feats: &[u64], buf: &mut Vec<f32>) -> usize {
        buf.resize(self.nc, 0.0);
        self.scores(feats, buf);
        argmax(buf)
    }

    /// Advances the averaging clock by one example.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    fn row(&mut self, f: u64) -> usize {
        let nc = self.nc;
        let n = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(n);
        if r == n {
            self.w.resize(self.w.len() + nc, 0.0);
            self.tot.resize(self.tot.len() + nc, 0.0);
            self.ts.resize(self.ts.len() + nc, 0);
        }
        r as usize
    }

    fn bump(&mut self, i: usize, d: f32) {
        let dt = (self.step - self.ts[i]) as f32;
        self.tot[i] += dt * self.w[i];
        self.ts[i] = self.step;
        self.w[i] += d;
    }

    /// Perceptron update: `truth` up, `guess` down, for every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f) * self.nc;
            self.bump(r + truth, 1.0);
            self.bump(r + guess, -1.0);
        }
    }

    /// The averaged, quantised sparse model. Entries whose averaged weight is
    /// below `min_rel` times the largest weight are dropped.
    pub fn finish(&self, min_rel: f32) -> Model {
        let step = self.step as f32;
        let mut avg = vec![0f32; self.w.len()];
        let mut maxw = 0f32;
        for i in 0..self.w.len() {
            let a = (self.tot[i] + (self.step - self.ts[i]) as f32 * self.w[i]) / step;
            avg[i] = a;
            maxw = maxw.max(a.abs());
        }
        let scale = if maxw > 0.0 { maxw / 32000.0 } else { 1.0 };
        let cut = maxw * min_rel;
        assert!(self.nc <= 255, "at most 255 classes");
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        let mut m = Model {
            nc: self.nc,
            scale,
            index: IdMap::default(),
            ent: Vec::new(),
        };
        for (k, r) in keys {
            let start = m.ent.len() as u32;
            for c in 0..self.nc {
                let a = avg[r as usize * self.nc + c];
                if a.abs() > cut && a.abs() > 0.0 {
                    let q = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
                    if q != 0 {
                        m.ent.push((c as u16, q));
                    }
                }
            }
            let len = m.ent.len() as u32 - start;
            if len > 0 {
                m.index.insert(k & KEY_MASK, (start, len as u16));
            }
        }
        m
    }
}

/// Index of the largest value (first on ties); 0 for an empty slice.
pub fn argmax(v: &[f32]) -> usize {
    let mut b = 0;
    for i in 1..v.len() {
        if v[i] > v[b] {
            b = i;
        }
    }
    b
}

/// Sparse quantised model for inference.
#[derive(Debug, Clone)]
pub struct Model {
    nc: usize,
    scale: f32,
    index: IdMap<(u32, u16)>,
    ent: Vec<(u16, i16)>,
}

impl Model {
    /// An empty model (scores all zero).
    pub fn empty(nc: usize) -> Self {
        Model {
            nc,
            scale: 1.0,
            index: IdMap::default(),
            ent: Vec::new(),
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.nc
    }

    /// Number of stored (feature, class) weights.
    pub fn weights(&self) -> usize {
        self.ent.len()
    }

    /// Scores into `out` (resized to the number of classes).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.nc, 0.0);
        for f in feats {
            if let Some(&(s, l)) = self.index.get(&(f & KEY_MASK)) {
                let (s, e) = (s as usize, s as usize + l as usize);
                for &(c, v) in &self.ent[s..e] {
                    if let Some(o) = out.get_mut(c as usize) {
                        *o += v as f32;
                    }
                }
            }
        }
        for o in out.iter_mut() {
            *o *= self.scale;
        }
    }

    /// Best class.
    pub fn predict(&self, feats: &[u64], buf: &mut Vec<f32>) -> usize {
        self.scores(feats, buf);
        argmax(buf)
    }

    /// Serialises the model.
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(b"PCPT");
        w.u32(self.nc as u32);
        w.f32(self.scale);
        let mut keys: Vec<(u64, (u32, u16))> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable_by_key(|x| x.1 .0);
        w.u32(keys.len() as u32);
        for (k, (_, l)) in &keys {
            w.u32(*k as u32);
            w.u8((*l).min(255) as u8);
        }
        for (_, (s, l)) in &keys {
            for &(c, v) in &self.ent[*s as usize..*s as usize + (*l).min(255) as usize] {
                w.u8(c as u8);
                w.i16(v);
            }
        }
    }

    /// Reads a model written by [`Model::write`].
    pub fn read(r: &mut Reader) -> SynResult<Model> {
        r.expect("PCPT")?;
        let nc = r.u32()? as usize;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut index = IdMap::default();
        index.reserve(n.min(1 << 24));
        let mut lens = Vec::with_capacity(n.min(1 << 24));
        let mut pos = 0u32;
        for _ in 0..n {
            let k = r.u32()? as u64;
            let l = r.u8()? as u16;
            index.insert(k, (pos, l));
            lens.push(l);
            pos += l as u32;
        }
        let mut ent = Vec::with_capacity(pos as usize);
        for _ in 0..pos {
            let c = r.u8()? as u16;
            if c as usize >= nc {
                return Err(super::SyntaxError::Format(
                    "class out of range in model".into(),
                ));
            }
            ent.push((c, r.i16()?));
        }
        Ok(Model {
            nc,
            scale,
            index,
            ent,
        })
    }
}
