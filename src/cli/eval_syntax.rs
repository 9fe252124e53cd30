//! `stancegraph eval-syntax`: CoNLL 2018-style scores of the backbone on a
//! CoNLL-U file and entity span F1 on GUM.

use anyhow::Context;
use stancegraph::syntax::{conllu, eval, gum, Backbone};
use std::path::PathBuf;
use std::process::ExitCode;

/// Score the linguistic backbone.
///
/// With --conllu: UPOS, XPOS, UFeats, Lemmas, UAS, LAS (universal relation
/// part) on gold tokenisation, then on own tokenisation and sentence
/// splitting of the text rebuilt from the file (CoNLL 2018 F1 on words
/// aligned by char span). With --gum: the same on the GUM split (licensed
/// genres) and exact entity span F1 by type, overall and on news alone.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph eval-syntax --conllu data/ewt/en_ewt-ud-test.conllu\n  stancegraph eval-syntax --gum data/gum --split test"
)]
pub struct Args {
    /// A CoNLL-U file.
    #[arg(long)]
    pub conllu: Option<PathBuf>,
    /// A GUM directory (dep/, splits.md).
    #[arg(long)]
    pub gum: Option<PathBuf>,
    /// GUM split.
    #[arg(long, default_value = "test")]
    pub split: String,
    /// Model directory (default: the weights built into the binary).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let owned;
    let bb: &Backbone = match &args.model {
        Some(d) => {
            owned = Backbone::load(d).with_context(|| format!("loading {}", d.display()))?;
            &owned
        }
        None => stancegraph::annotate::backbone::shared()
            .context("the built-in backbone weights do not load")?,
    };
    super::common::detail(format!("model loaded in {:.0?}", t0.elapsed()));
    if args.conllu.is_none() && args.gum.is_none() {
        anyhow::bail!("give --conllu FILE and/or --gum DIR");
    }
    if let Some(p) = &args.conllu {
        let s = conllu::read(p).with_context(|| format!("reading {}", p.display()))?;
        println!(
            "{} (gold tokenisation)\n{}",
            p.display(),
            eval::eval_gold(bb, &s).table()
        );
        println!(
            "{} (own tokenisation)\n{}",
            p.display(),
            eval::eval_raw(bb, &s).table()
        );
    }
    if let Some(g) = &args.gum {
        let docs =
            gum::read_split(g, &args.split).with_context(|| format!("reading {}", g.display()))?;
        let sents: Vec<_> = docs.iter().flat_map(|d| d.sents.iter().cloned()).collect();
        let news: Vec<_> = docs.iter().filter(|d| d.genre == "news").cloned().collect();
        let news_sents: Vec<_> = news.iter().flat_map(|d| d.sents.iter().cloned()).collect();
        println!(
            "GUM {} (gold tokenisation)\n{}",
            args.split,
            eval::eval_gold(bb, &sents).table()
        );
        println!(
            "GUM {} (own tokenisation)\n{}",
            args.split,
            eval::eval_raw(bb, &sents).table()
        );
        println!(
            "GUM {} news (gold tokenisation)\n{}",
            args.split,
            eval::eval_gold(bb, &news_sents).table()
        );
        let (all, per) = eval::eval_ner(bb, &docs);
        println!(
            "GUM {} entities\n{}",
            args.split,
            eval::ner_table(&all, &per)
        );
        let (all, per) = eval::eval_ner(bb, &news);
        println!(
            "GUM {} news entities\n{}",
            args.split,
            eval::ner_table(&all, &per)
        );
    }
    Ok(ExitCode::SUCCESS)
}
