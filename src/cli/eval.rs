//! `stancegraph eval`: attribution scores against brat gold (PolNeAR layout).

use anyhow::Context;
use stancegraph::annotate::Annotator;
use stancegraph::eval::{brat, corpus, score};
use std::path::PathBuf;
use std::process::ExitCode;

/// Score attribution extraction against brat standoff gold.
///
/// DIR is a split directory with text/ and attributions/ (PolNeAR: the
/// lexicographically first annotator file per text is used) or a directory of
/// NAME.txt + NAME.ann pairs.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph eval --gold PolNeAR/data/dev\n  stancegraph eval --gold PolNeAR/data/train --limit 50 --show-errors 5"
)]
pub struct Args {
    /// Gold directory.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Evaluate only the first N documents.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print up to N missed / spurious content spans per document (error analysis).
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
    /// Write the predictions as brat standoff (NAME.ann next to a copy of NAME.txt) into this directory.
    #[arg(long, value_name = "DIR")]
    pub write_pred: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut pairs = corpus::pairs(&args.gold);
    if pairs.is_empty() {
        anyhow::bail!(
            "{}: no .txt files with matching .ann files found",
            args.gold.display()
        );
    }
    if let Some(n) = args.limit {
        pairs.truncate(n);
    }
    if let Some(dir) = &args.write_pred {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let annotator = Annotator::rules_only();
    let mut total = score::DocScore::default();
    let mut offset_mismatch = 0usize;
    let mut words = 0usize;
    let start = std::time::Instant::now();
    for p in &pairs {
        let ann_text = std::fs::read_to_string(&p.ann)
            .with_context(|| format!("reading {}", p.ann.display()))?;
        let mut ann = brat::parse(&ann_text);
        // Gold offsets refer to the file; the document text is normalised at ingest.
        if let Ok(raw) = stancegraph::ingest::read_text(&p.text) {
            stancegraph::ingest::normalise::remap_entities(&raw, &mut ann);
        }
        let docs = match stancegraph::ingest::load_file(&p.text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("skipping {}: {e}", p.text.display());
                continue;
            }
        };
        let Some(doc) = docs.into_iter().next() else {
            continue;
        };
        words += doc.text.split_whitespace().count();
        for e in ann.entities.values() {
            if let Some(&(s, en)) = e.fragments.first() {
                if e.fragments.len() == 1 && doc.slice(s, en) != e.text {
                    offset_mismatch += 1;
                }
            }
        }
        let ex = annotator.annotate(&doc);
        let d = score::score(&ann, &ex);
        total.add(&d);
        if let Some(dir) = &args.write_pred {
            write_pred(dir, &p.text, &doc, &ex)?;
        }
        if args.show_errors > 0 {
            show_errors(&doc, &ann, &ex, args.show_errors);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "documents": pairs.len(),
        "annotation_rule": "lexicographically first annotator .ann per text",
        "offset_mismatches": offset_mismatch,
        "source": {"counts": total.source, "exact": total.source.exact_prf(), "overlap": total.source.overlap_prf()},
        "cue": {"counts": total.cue, "exact": total.cue.exact_prf(), "overlap": total.cue.overlap_prf()},
        "content": {"counts": total.content, "exact": total.content.exact_prf(), "overlap": total.content.overlap_prf()},
        "speaker": {"gold": total.speaker_gold, "found": total.speaker_found, "correct": total.speaker_correct, "accuracy": total.speaker_accuracy()},
        "seconds": secs,
        "words": words,
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "documents: {} ({} words, {:.2}s; gold offsets not matching the text: {})",
            pairs.len(),
            words,
            secs,
            offset_mismatch
        );
        println!(
            "{:<8} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
            "part", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        );
        for (name, c) in [
            ("source", total.source),
            ("cue", total.cue),
            ("content", total.content),
        ] {
            let e = c.exact_prf();
            let o = c.overlap_prf();
            println!(
                "{:<8} {:>6} {:>6} | {:>6.1} {:>6.1} {:>6.1} | {:>6.1} {:>6.1} {:>6.1}",
                name, c.gold, c.predicted, e.precision, e.recall, e.f1, o.precision, o.recall, o.f1
            );
        }
        println!("(P R F1 = exact match; P~ R~ F1~ = overlap)");
        println!(
            "speaker-to-quote accuracy: {:.1}% ({} of {} gold attributions whose content was found; {} with a source)",
            total.speaker_accuracy(),
            total.speaker_correct,
            total.speaker_found,
            total.speaker_gold
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes one document's predicted attributions as brat standoff.
fn write_pred(
    dir: &std::path::Path,
    text: &std::path::Path,
    doc: &stancegraph::Document,
    ex: &stancegraph::Extraction,
) -> anyhow::Result<()> {
    let stem = text
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    let ann = score::to_brat(doc, &score::predicted(ex));
    let path = dir.join(format!("{stem}.ann"));
    std::fs::write(&path, ann).with_context(|| format!("writing {}", path.display()))?;
    let copy = dir.join(format!("{stem}.txt"));
    std::fs::write(&copy, &doc.text).with_context(|| format!("writing {}", copy.display()))?;
    Ok(())
}

fn show_errors(
    doc: &stancegraph::Document,
    ann: &brat::Ann,
    ex: &stancegraph::Extraction,
    n: usize,
) {
    let pred = score::predicted(ex);
    println!("### {}", doc.id);
    let mut shown = 0;
    for g in score::gold(ann) {
        let Some(gc) = g.content else { continue };
        let hit = pred
            .iter()
            .any(|p| p.content.0 < gc.1 && gc.0 < p.content.1);
        let src = g.source.map(|s| doc.slice(s.0, s.1)).unwrap_or_default();
        let cue = g.cue.map(|s| doc.slice(s.0, s.1)).unwrap_or_default();
        if !hit && shown < n {
            println!(
                "  MISS [{src}] <{cue}> {}",
                doc.slice(gc.0, gc.1).chars().take(120).collect::<String>()
            );
            shown += 1;
        } else if hit {
            let p = pred
                .iter()
                .find(|p| p.content.0 < gc.1 && gc.0 < p.content.1);
            if let (Some(p), Some(gs)) = (p, g.source) {
                let ok = p.source.is_some_and(|s| s.0 < gs.1 && gs.0 < s.1);
                if ok && p.source != Some(gs) && shown < n {
                    let ps = p.source.map(|s| doc.slice(s.0, s.1)).unwrap_or_default();
                    println!("  SRCB gold [{src}] ours [{ps}]");
                    shown += 1;
                }
                if !ok && shown < n {
                    let ps = p.source.map(|s| doc.slice(s.0, s.1)).unwrap_or_default();
                    println!(
                        "  SRC  gold [{src}] ours [{ps}] <{cue}> {}",
                        doc.slice(gc.0, gc.1).chars().take(80).collect::<String>()
                    );
                    shown += 1;
                }
            }
        }
    }
    let gold_c = ann.spans("Content");
    for p in &pred {
        if shown >= n * 2 {
            break;
        }
        if !gold_c
            .iter()
            .any(|g| p.content.0 < g.1 && g.0 < p.content.1)
        {
            let cue = p.cue.map(|s| doc.slice(s.0, s.1)).unwrap_or_default();
            println!(
                "  SPUR <{cue}> {}",
                doc.slice(p.content.0, p.content.1)
                    .chars()
                    .take(100)
                    .collect::<String>()
            );
            shown += 1;
        }
    }
}
