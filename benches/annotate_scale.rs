//! Benchmark: annotation time and peak memory on one (large) document.
//!
//! `cargo bench --bench annotate_scale -- FILE [--discourse]` loads FILE with
//! the ingest readers, annotates it with the rules (the whole annotate stage,
//! or with `--discourse` the discourse stages alone: segment, mentions,
//! coreference, attribution, relations), and prints one JSON line: file size,
//! words, seconds of annotation and the process's peak resident memory (KiB,
//! `VmHWM`). Run each size in a fresh process (peak RSS only grows):
//! `scripts/bench-annotate-scale.sh` does that for 1, 5, 10 and 20 MB.

use stancegraph::annotate::{annotate_discourse, Annotator};
use stancegraph::extraction::Extraction;
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
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(file) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: annotate_scale FILE [--discourse]");
        std::process::exit(2);
    };
    let discourse = args.iter().any(|a| a == "--discourse");
    let docs = match stancegraph::ingest::load_file(std::path::Path::new(file)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let annotator = Annotator::rules_only();
    let (mut words, mut claims) = (0usize, 0usize);
    let start = Instant::now();
    for doc in &docs {
        words += doc.text.split_whitespace().count();
        if discourse {
            let mut ex = Extraction::empty(doc, "rules");
            annotate_discourse(doc, &mut ex, None);
            claims += ex.claims.len();
        } else {
            claims += annotator.annotate(doc).claims.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "{{\"file\":{file:?},\"bytes\":{bytes},\"words\":{words},\"claims\":{claims},\"stage\":\"{}\",\"seconds\":{secs:.3},\"peak_rss_kib\":{}}}",
        if discourse { "discourse" } else { "annotate" },
        peak_rss_kib()
    );
}
