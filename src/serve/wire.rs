//! The pipe protocol between the endpoint and its query worker processes.
//!
//! A frame is a big-endian `u32` length and a JSON header, then a big-endian `u64`
//! length and the raw body. The endpoint sends a [`Job`] (empty body); the worker
//! answers a [`Reply`] whose body is the serialised result or, for an error, the
//! message. The first frame a worker writes is its ready (or failure) reply.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::io::{self, Read, Write};

/// Largest header accepted (the body is bounded by the worker's memory limit).
const MAX_HEADER: u32 = 16 << 20;

/// What to dump for a Graph Store Protocol read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GraphTarget {
    /// `?default`: the default graph (the set union of all graphs).
    Default,
    /// `?graph=IRI`: one named graph.
    Named(String),
    /// No parameter: the whole dataset (quad formats only).
    Dataset,
}

/// One unit of work for a worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// Evaluate a query and serialise it as `media_type`.
    Query {
        /// The query text (the worker re-parses it with the same prefixes).
        query: String,
        /// `default-graph-uri` values.
        default_graphs: Vec<String>,
        /// `named-graph-uri` values.
        named_graphs: Vec<String>,
        /// The negotiated media type.
        media_type: String,
        /// Most rows or triples.
        max_results: usize,
        /// Time limit in milliseconds (soft: the endpoint kills the worker later).
        timeout_ms: u64,
    },
    /// Execute an update.
    Update {
        /// The update text.
        update: String,
        /// `using-graph-uri` values.
        using_graphs: Vec<String>,
        /// `using-named-graph-uri` values.
        using_named_graphs: Vec<String>,
        /// Time limit in milliseconds.
        timeout_ms: u64,
    },
    /// Dump a graph (Graph Store Protocol GET).
    Graph {
        /// Which graph.
        target: GraphTarget,
        /// The negotiated media type.
        media_type: String,
    },
}

/// A worker's answer; the body follows the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// HTTP status for the client.
    pub status: u16,
    /// Media type of the body (`text/plain` for messages).
    pub media_type: String,
}

/// Writes one frame.
pub fn write_frame(w: &mut impl Write, header: &impl Serialize, body: &[u8]) -> io::Result<()> {
    let h = serde_json::to_vec(header).map_err(io::Error::other)?;
    let len = u32::try_from(h.len()).map_err(io::Error::other)?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(&h)?;
    w.write_all(&(body.len() as u64).to_be_bytes())?;
    w.write_all(body)?;
    w.flush()
}

/// Reads one frame; `Ok(None)` on a clean end of stream before a frame starts.
pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> io::Result<Option<(T, Vec<u8>)>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let n = u32::from_be_bytes(len);
    if n > MAX_HEADER {
        return Err(io::Error::other(format!("frame header of {n} bytes")));
    }
    let mut h = vec![0u8; n as usize];
    r.read_exact(&mut h)?;
    let header = serde_json::from_slice(&h).map_err(io::Error::other)?;
    let mut blen = [0u8; 8];
    r.read_exact(&mut blen)?;
    let mut body = vec![];
    r.take(u64::from_be_bytes(blen)).read_to_end(&mut body)?;
    Ok(Some((header, body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let job = Job::Graph {
            target: GraphTarget::Named("http://g".into()),
            media_type: "text/turtle".into(),
        };
        let mut buf = vec![];
        write_frame(&mut buf, &job, b"").unwrap();
        write_frame(
            &mut buf,
            &Reply {
                status: 200,
                media_type: "text/plain".into(),
            },
            "é".as_bytes(),
        )
        .unwrap();
        let mut r = &buf[..];
        let (j, body): (Job, _) = read_frame(&mut r).unwrap().unwrap();
        assert_eq!(j, job);
        assert!(body.is_empty());
        let (rep, body): (Reply, _) = read_frame(&mut r).unwrap().unwrap();
        assert_eq!(rep.status, 200);
        assert_eq!(body, "é".as_bytes());
        assert!(read_frame::<Reply>(&mut r).unwrap().is_none());
    }
}
