//! A minimal little-endian binary format for model files.

use super::hash::IdMap;
use super::{SynResult, SyntaxError};

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// Writes a `u8`.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Writes a `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes an `i16`.
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a length-prefixed string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Writes a length-prefixed list of strings.
    pub fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    /// Writes a length-prefixed map from hashes to ids, in key order (so the
    /// file does not depend on the map's iteration order).
    pub fn id_map(&mut self, m: &IdMap<u32>) {
        let mut v: Vec<(u64, u32)> = m.iter().map(|(&k, &v)| (k, v)).collect();
        v.sort_unstable();
        self.u32(v.len() as u32);
        for (k, x) in v {
            self.u64(k);
            self.u32(x);
        }
    }
}

/// Reads values from a byte slice; every read is bounds-checked.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    fn take(&mut self, n: usize) -> SynResult<&'a [u8]> {
        if self.pos + n > self.buf.len() {
            return Err(SyntaxError::Format("model file truncated".into()));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    /// Reads a `u8`.
    pub fn u8(&mut self) -> SynResult<u8> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u16`.
    pub fn u16(&mut self) -> SynResult<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> SynResult<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> SynResult<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// Reads an `i16`.
    pub fn i16(&mut self) -> SynResult<i16> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> SynResult<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a length-prefixed string.
    pub fn str(&mut self) -> SynResult<String> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| SyntaxError::Format("bad utf-8 in model".into()))
    }
    /// Reads a length-prefixed list of strings.
    pub fn strs(&mut self) -> SynResult<Vec<String>> {
        let n = self.u32()? as usize;
        if n > self.buf.len() {
            return Err(SyntaxError::Format("bad list length in model".into()));
        }
        (0..n).map(|_| self.str()).collect()
    }
    /// Reads a map written by [`Writer::id_map`]; every id must be below `limit`.
    pub fn id_map(&mut self, limit: usize, what: &str) -> SynResult<IdMap<u32>> {
        let n = self.u32()?;
        let mut m = IdMap::default();
        for _ in 0..n {
            let k = self.u64()?;
            let v = self.u32()?;
            if v as usize >= limit {
                return Err(SyntaxError::Format(format!("{what} out of range")));
            }
            m.insert(k, v);
        }
        Ok(m)
    }
    /// Checks a magic tag.
    pub fn expect(&mut self, tag: &str) -> SynResult<()> {
        let got = self.take(tag.len())?;
        if got != tag.as_bytes() {
            return Err(SyntaxError::Format(format!("expected section {tag}")));
        }
        Ok(())
    }
}
