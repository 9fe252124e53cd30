//! `stancegraph eval-coref`: coreference scores on GUM's person and
//! organisation entities (MUC, B-cubed, CEAF-e, CoNLL F1, pronoun links).

use anyhow::Context;
use stancegraph::eval::coref::{self, Align, Eval, FIRST_SECOND, THIRD_PERSON};
use stancegraph::eval::coref_score::Scores;
use stancegraph::eval::gum_coref;
use std::path::PathBuf;
use std::process::ExitCode;

/// Score coreference against GUM's coreference annotation.
///
/// Each document of the split (licensed genres only) is rebuilt from its
/// tokens, one sentence per line, and annotated; our mentions are aligned to
/// GUM's by char span (exact, and exact-or-same-last-word: "head"), and
/// scored on GUM entities of type person and organization. Pronoun links:
/// coverage (GUM person / organisation pronouns we resolve) and accuracy
/// (resolved ones whose nearest aligned mention of our actor is the same GUM
/// entity), by head alignment.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph eval-coref --gum data/gum --split dev\n  stancegraph eval-coref --gum data/gum --split train --show-errors 40"
)]
pub struct Args {
    /// A GUM directory (coref/conll, coref/tsv, splits.md).
    #[arg(long)]
    pub gum: PathBuf,
    /// GUM split: train, dev or test.
    #[arg(long, default_value = "dev")]
    pub split: String,
    /// Only documents whose name contains this.
    #[arg(long)]
    pub doc: Option<String>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print up to N wrong or unresolved third-person pronoun links (error analysis).
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.split.as_str(), "train" | "dev" | "test") {
        anyhow::bail!("--split must be train, dev or test, not {:?}", args.split);
    }
    let mut docs = gum_coref::read_split(&args.gum, &args.split)
        .with_context(|| format!("reading {}", args.gum.display()))?;
    if let Some(f) = &args.doc {
        docs.retain(|d| d.name.contains(f.as_str()));
    }
    if docs.is_empty() {
        anyhow::bail!(
            "{}: no documents of split {} (licensed genres) found",
            args.gum.display(),
            args.split
        );
    }
    let t0 = std::time::Instant::now();
    let (mut head, mut exact) = (Eval::default(), Eval::default());
    let mut tokens = 0;
    for d in &docs {
        let ex = coref::annotate(d).with_context(|| format!("annotating {}", d.name))?;
        tokens += d.tokens.len();
        let left = args.show_errors.saturating_sub(head.errors.len());
        head.add(&coref::evaluate(d, &ex, Align::Head, left));
        exact.add(&coref::evaluate(d, &ex, Align::Exact, 0));
    }
    let secs = t0.elapsed().as_secs_f64();
    if args.json {
        let j = serde_json::json!({
            "split": args.split, "documents": docs.len(), "tokens": tokens,
            "entity_types": coref::ACTOR_TYPES, "head": head, "exact": exact,
            "conll_f1": {
                "head": head.all.conll_f1(), "head_no_singletons": head.no_singletons.conll_f1(),
                "exact": exact.all.conll_f1(), "exact_no_singletons": exact.no_singletons.conll_f1(),
            },
            "seconds": secs,
        });
        println!("{}", serde_json::to_string_pretty(&j)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "GUM {}: {} documents, {} tokens ({:.1}s); key: {} entities",
        args.split,
        docs.len(),
        tokens,
        secs,
        coref::ACTOR_TYPES.join(" + ")
    );
    println!(
        "{:<6} {:<10} | {:>5} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>6}",
        "align", "singletons", "MUC P", "R", "F1", "B3 P", "R", "F1", "CE P", "R", "F1", "CoNLL"
    );
    for (name, e) in [("head", &head), ("exact", &exact)] {
        for (sing, s) in [("with", &e.all), ("without", &e.no_singletons)] {
            println!("{:<6} {:<10} | {}", name, sing, score_row(s));
        }
    }
    for (name, e) in [("head", &head), ("exact", &exact)] {
        println!(
            "mentions ({name}): key {}, response {}, aligned to key {} (P {:.1} R {:.1})",
            e.key_mentions,
            e.response_mentions,
            e.aligned,
            pct(e.aligned, e.response_mentions),
            pct(e.aligned, e.key_mentions)
        );
    }
    print_pronouns(&head);
    for e in &head.errors {
        println!("{e}");
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn score_row(s: &Scores) -> String {
    let mut out = String::new();
    for c in [s.muc, s.b3, s.ceafe] {
        out.push_str(&format!(
            "{:>5.1} {:>5.1} {:>5.1} | ",
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1()
        ));
    }
    out.push_str(&format!("{:>6.2}", 100.0 * s.conll_f1()));
    out
}

fn print_pronouns(e: &Eval) {
    println!(
        "pronouns (head alignment): {:<12} {:>5} {:>8} {:>8} {:>7} {:>6} {:>8} {:>8}",
        "form", "gold", "detected", "resolved", "correct", "unver.", "coverage", "accuracy"
    );
    let row = |name: &str, c: &coref::PronounCounts| {
        println!(
            "                           {:<12} {:>5} {:>8} {:>8} {:>7} {:>6} {:>8.1} {:>8.1}",
            name,
            c.gold,
            c.detected,
            c.resolved,
            c.correct,
            c.unverifiable,
            100.0 * c.coverage(),
            100.0 * c.accuracy()
        )
    };
    for (form, c) in &e.pronouns {
        if THIRD_PERSON.contains(&form.as_str()) && c.gold >= 5 {
            row(form, c);
        }
    }
    row("3rd person", &e.pronoun_total(&THIRD_PERSON));
    row("1st/2nd", &e.pronoun_total(&FIRST_SECOND));
    let mut all = e.pronoun_total(&THIRD_PERSON);
    all.add(&e.pronoun_total(&FIRST_SECOND));
    row("all", &all);
}
