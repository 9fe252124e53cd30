//! Embedding throughput: sentences per second of the MiniLM sentence embedder
//! on the corpus sentences. Run through `scripts/bench-embed.sh`.
//!
//! Usage: `bench_embed [MODEL_DIR] [N_SENTENCES]` (MODEL_DIR defaults to
//! $STANCEGRAPH_MODEL_DIR or ~/.cache/stancegraph/models/all-MiniLM-L6-v2).

use stancegraph::annotate::stance::text::sentences;
use stancegraph::models::{Embedder, SentenceEmbedder};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("STANCEGRAPH_MODEL_DIR").map(PathBuf::from))
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/stancegraph/models/all-MiniLM-L6-v2"))
        })
        .ok_or_else(|| anyhow::anyhow!("no model directory"))?;
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(512);
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/ibtimes-uk-cloudflare-isis-websites.md"
    );
    let text = std::fs::read_to_string(corpus)?;
    let pool: Vec<String> = sentences(&text)
        .into_iter()
        .map(|p| p.text)
        .filter(|s| s.split_whitespace().count() >= 4)
        .collect();
    anyhow::ensure!(!pool.is_empty(), "no sentences in {corpus}");
    let batch: Vec<&str> = pool.iter().cycle().take(n).map(|s| s.as_str()).collect();
    let words: usize = batch.iter().map(|s| s.split_whitespace().count()).sum();
    let load = Instant::now();
    let e = SentenceEmbedder::load(&dir)?;
    let load_s = load.elapsed().as_secs_f64();
    e.embed(&batch[..batch.len().min(32)])?; // warm-up
    let t = Instant::now();
    let v = e.embed(&batch)?;
    let s = t.elapsed().as_secs_f64();
    anyhow::ensure!(v.len() == n);
    println!(
        "model={} sentences={} mean_words={:.1} threads={} load_s={:.2} embed_s={:.2} sentences_per_s={:.1}",
        e.name(),
        n,
        words as f64 / n as f64,
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into()),
        load_s,
        s,
        n as f64 / s
    );
    Ok(())
}
