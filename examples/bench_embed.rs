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
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let v = e.embed(&batch)?;
    let s = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
    anyhow::ensure!(v.len() == n);
    let load_avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "model={} sentences={} mean_words={:.1} threads={} load_s={:.2} embed_s={:.2} sentences_per_s={:.1} cpu_s={} sentences_per_cpu_s={} loadavg={}",
        e.name(),
        n,
        words as f64 / n as f64,
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into()),
        load_s,
        s,
        n as f64 / s,
        cpu.map(|c| format!("{c:.2}")).unwrap_or_else(|| "?".into()),
        cpu.map(|c| format!("{:.1}", n as f64 / c)).unwrap_or_else(|| "?".into()),
        load_avg.split_whitespace().next().unwrap_or("?")
    );
    Ok(())
}

/// User + system CPU seconds of this process (Linux /proc; 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(") ")?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
