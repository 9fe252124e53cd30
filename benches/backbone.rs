//! Benchmark: speed and peak memory of the linguistic backbone.
//!
//! `cargo bench --bench backbone -- [DIR]` (default DIR:
//! `/work/polnear/data/dev/text`) loads every file of DIR, then on one
//! thread times (1) the rules-only annotate stage, (2) the backbone alone
//! (segmenter tokens and sentences -> tags, lemmas, features, parse,
//! entities) and (3) both, and prints one JSON line each: words, seconds,
//! words per second on this core, and the process's peak resident memory
//! (KiB, `VmHWM`, after loading the model).

use stancegraph::annotate::{backbone, segment, Annotator};
use std::time::Instant;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "/work/polnear/data/dev/text".into());
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("{dir}: not a directory; skipping");
        return;
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    let docs: Vec<_> = paths
        .iter()
        .filter_map(|p| stancegraph::ingest::load_file(p).ok())
        .flatten()
        .collect();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let t0 = Instant::now();
    let _ = backbone::shared();
    let load = t0.elapsed().as_secs_f64();
    let annotator = Annotator::rules_only();
    let report = |stage: &str, secs: f64| {
        println!(
            "{{\"stage\":\"{stage}\",\"docs\":{},\"words\":{words},\"seconds\":{secs:.3},\"words_per_sec\":{:.0},\"model_load_s\":{load:.3},\"peak_rss_kib\":{}}}",
            docs.len(),
            words as f64 / secs.max(1e-9),
            peak_rss_kib()
        );
    };
    let t = Instant::now();
    for d in &docs {
        std::hint::black_box(annotator.annotate(d));
    }
    report("annotate_rules", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for d in &docs {
        let a = segment::analyse(d);
        std::hint::black_box(backbone::syntax(&a).tokens.len());
    }
    report("segment+backbone", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for d in &docs {
        std::hint::black_box(annotator.annotate(d));
        let a = segment::analyse(d);
        std::hint::black_box(backbone::syntax(&a).tokens.len());
    }
    report("annotate_rules+backbone", t.elapsed().as_secs_f64());
}
