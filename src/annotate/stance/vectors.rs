//! The side index of sentence vectors used by argument clustering.
//!
//! Each proposition is embedded once, on its own (so its vector never
//! depends on what it was batched with), and kept by a stable hash of its
//! text and the model name. For a store on disk the vectors live in the file
//! `<store>.vectors` beside the store directory: a header line
//! `stancegraph-vectors 1 <model> <dim>` and then fixed-size records (8-byte
//! little-endian text hash, `dim` little-endian f32). New vectors are
//! appended; a torn last record (a killed run) is ignored, and a file for
//! another model is replaced. In-memory stores share one process-wide map.
//! Deleting the file only costs re-embedding.

use super::cluster::stable_hash;
use crate::error::{Error, Result};
use crate::models::Embedder;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Vectors by (model, text hash).
type VectorMap = HashMap<(String, u64), Vec<f32>>;

static MEMORY: Lazy<Mutex<VectorMap>> = Lazy::new(|| Mutex::new(HashMap::new()));

/// Vectors by text, for one model.
pub struct VectorCache {
    path: Option<PathBuf>,
    model: String,
    dim: usize,
    map: HashMap<u64, Vec<f32>>,
    fresh: Vec<u64>,
    rewrite: bool,
}

/// The side-index file of the store at `store`.
pub fn cache_path(store: &Path) -> PathBuf {
    let mut s = store.as_os_str().to_os_string();
    s.push(".vectors");
    PathBuf::from(s)
}

fn header(model: &str, dim: usize) -> String {
    format!("stancegraph-vectors 1 {model} {dim}\n")
}

impl VectorCache {
    /// Opens the cache for `model` beside the store at `store` (`None`: the
    /// process-wide in-memory cache).
    pub fn open(store: Option<&Path>, model: &str) -> Result<VectorCache> {
        let mut c = VectorCache {
            path: store.map(cache_path),
            model: model.to_string(),
            dim: 0,
            map: HashMap::new(),
            fresh: vec![],
            rewrite: false,
        };
        let Some(path) = c.path.clone() else {
            return Ok(c);
        };
        let mut bytes = vec![];
        match std::fs::File::open(&path) {
            Ok(mut f) => {
                f.read_to_end(&mut bytes)
                    .map_err(|e| Error::io(path.display().to_string(), e))?;
            }
            Err(_) => return Ok(c),
        }
        let Some(nl) = bytes.iter().position(|b| *b == b'\n') else {
            c.rewrite = true;
            return Ok(c);
        };
        let head = String::from_utf8_lossy(&bytes[..=nl]).to_string();
        let dim: usize = head
            .trim()
            .rsplit(' ')
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        if dim == 0 || head != header(model, dim) {
            c.rewrite = true;
            return Ok(c);
        }
        c.dim = dim;
        let rec = 8 + 4 * dim;
        for chunk in bytes[nl + 1..].chunks_exact(rec) {
            let h = u64::from_le_bytes(chunk[..8].try_into().unwrap_or([0; 8]));
            let v: Vec<f32> = chunk[8..]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap_or([0; 4])))
                .collect();
            c.map.insert(h, v);
        }
        Ok(c)
    }

    /// The vectors of `texts` (one per text), embedding those not cached one
    /// text at a time.
    pub fn vectors(&mut self, embedder: &dyn Embedder, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(texts.len());
        for t in texts {
            let h = stable_hash(t);
            if let Some(v) = self.lookup(h) {
                out.push(v);
                continue;
            }
            let v = super::cluster::embed_each(embedder, &[t])?.remove(0);
            if self.dim == 0 {
                self.dim = v.len();
            }
            if v.len() != self.dim {
                return Err(Error::Other(format!(
                    "embedder {} gave a {}-dimensional vector, expected {}",
                    embedder.name(),
                    v.len(),
                    self.dim
                )));
            }
            self.store_vec(h, v.clone());
            out.push(v);
        }
        Ok(out)
    }

    fn lookup(&self, h: u64) -> Option<Vec<f32>> {
        if self.path.is_none() {
            let m = MEMORY.lock().ok()?;
            return m.get(&(self.model.clone(), h)).cloned();
        }
        self.map.get(&h).cloned()
    }

    fn store_vec(&mut self, h: u64, v: Vec<f32>) {
        if self.path.is_none() {
            if let Ok(mut m) = MEMORY.lock() {
                m.insert((self.model.clone(), h), v);
            }
            return;
        }
        self.map.insert(h, v);
        self.fresh.push(h);
    }

    /// Writes new vectors to the side file (appending, or rewriting a file
    /// made for another model).
    pub fn save(&mut self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.fresh.is_empty() && !self.rewrite {
            return Ok(());
        }
        let io = |e: std::io::Error| Error::io(path.display().to_string(), e);
        let mut buf = vec![];
        let hashes: Vec<u64> = if self.rewrite {
            let mut all: Vec<u64> = self.map.keys().copied().collect();
            all.sort_unstable();
            buf.extend(header(&self.model, self.dim).as_bytes());
            all
        } else {
            if !path.exists() {
                buf.extend(header(&self.model, self.dim).as_bytes());
            }
            std::mem::take(&mut self.fresh)
        };
        for h in hashes {
            if let Some(v) = self.map.get(&h) {
                buf.extend(h.to_le_bytes());
                for x in v {
                    buf.extend(x.to_le_bytes());
                }
            }
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(!self.rewrite)
            .write(true)
            .truncate(self.rewrite)
            .open(path)
            .map_err(io)?;
        f.write_all(&buf).map_err(io)?;
        self.rewrite = false;
        self.fresh.clear();
        Ok(())
    }
}
