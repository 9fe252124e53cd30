//! Argument clustering at scale, on synthetic claims: time and peak memory
//! for a full clustering and for adding 1% more claims (re-clustering only
//! the components they touch), at 1k, 10k and 100k claims, rules (content
//! words) and model-like vectors (384 dimensions, cosine).
//!
//! `cargo bench --release --bench cluster` (`-- 1000 10000` for other sizes).
//! The added claims restate the same arguments. Synthetic claims: 1 argument per ~12 claims, each claim its argument's six
//! content words with two replaced from a 20,000-word vocabulary and one
//! story word shared by 5% of all claims; vectors are the argument's centre
//! plus noise (cosine ~0.8 within an argument, ~0 across).

use stancegraph::annotate::stance::cluster::{self, Blocking, Item, Params};
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f32 {
        (self.next() % 1_000_000) as f32 / 1_000_000.0 - 0.5
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `n` claims about the arguments of a corpus of `base` claims (the same
/// arguments for the same `base`), drawn with `seed`.
fn items(base: usize, n: usize, model: bool, seed: u64) -> Vec<Item> {
    let mut rng = Rng(7);
    let args = (base / 12).max(1);
    let dim = 384;
    let centres: Vec<(Vec<u64>, Vec<f32>)> = (0..args)
        .map(|_| {
            let words = (0..6).map(|_| rng.below(20_000)).collect();
            let mut v: Vec<f32> = (0..dim).map(|_| rng.unit()).collect();
            norm(&mut v);
            (words, v)
        })
        .collect();
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let (words, centre) = &centres[rng.below(args as u64) as usize];
            let mut w = words.clone();
            for _ in 0..2 {
                let k = rng.below(6) as usize;
                w[k] = rng.below(20_000);
            }
            let mut stems: Vec<String> = w.iter().map(|x| format!("w{x}")).collect();
            if rng.below(20) == 0 {
                stems.push("story".into());
            }
            stems.sort();
            stems.dedup();
            let vector = model.then(|| {
                let mut v: Vec<f32> = centre.iter().map(|c| c + 0.6 * rng.unit() / 8.0).collect();
                norm(&mut v);
                v
            });
            Item {
                id: format!("c{seed}-{i:07}"),
                text: stems.join(" "),
                stems,
                vector,
            }
        })
        .collect()
}

fn norm(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
    v.iter_mut().for_each(|x| *x /= n);
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!("| mode | claims | full s | clusters | add 1% s | re-clustered | peak RSS MB |");
    println!("|---|---|---|---|---|---|---|");
    for model in [false, true] {
        for &n in &sizes {
            let mut all = items(n, n, model, 7);
            let p = Params::new(model);
            let t = Instant::now();
            let clusters = cluster::cluster_items(&mut all, &p);
            let full = t.elapsed().as_secs_f64();
            // Add 1% new claims: re-cluster only the components they touch.
            let mut more = items(n, n / 100, model, 11);
            all.append(&mut more);
            all.sort_by(|a, b| a.id.cmp(&b.id));
            let t = Instant::now();
            let blocking = Blocking::new(&all, p.model);
            let seeds: Vec<u32> = all
                .iter()
                .enumerate()
                .filter(|(_, it)| it.id.starts_with("c11-"))
                .map(|(i, _)| i as u32)
                .collect();
            let comps = cluster::components_touching(&all, &blocking, &seeds, &p);
            let touched: usize = comps.iter().map(|c| c.len()).sum();
            for c in &comps {
                let _ = cluster::split_component(&all, c, &p);
            }
            let add = t.elapsed().as_secs_f64();
            println!(
                "| {} | {n} | {full:.2} | {} | {add:.2} | {touched} | {:.0} |",
                if model { "vectors" } else { "rules" },
                clusters.len(),
                peak_rss_mb()
            );
        }
    }
}
