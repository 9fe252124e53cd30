//! `stancegraph train`: rebuilds shipped models from their training data.

use anyhow::Context;
use stancegraph::syntax::train::{train, TrainOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Train a shipped model from its (fetched) training data.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

/// What to train.
#[derive(clap::Subcommand, Debug)]
pub enum What {
    /// The linguistic backbone (tagger, lemmas, features, parser, entities)
    /// from UD English EWT and GUM's commercially licensed genres.
    #[command(
        after_help = "Example:\n  stancegraph train backbone --ewt data/ewt --gum data/gum --out models/backbone\n\n--ewt holds en_ewt-ud-train.conllu; --gum holds dep/*.conllu and splits.md\n(only academic, bio, court, interview, news and voyage documents are read)."
    )]
    Backbone(BackboneArgs),
}

/// Arguments of `train backbone`.
#[derive(clap::Args, Debug)]
pub struct BackboneArgs {
    /// Directory with en_ewt-ud-train.conllu.
    #[arg(long)]
    pub ewt: PathBuf,
    /// GUM directory (dep/, splits.md).
    #[arg(long)]
    pub gum: PathBuf,
    /// Output directory (backbone.bin is written there).
    #[arg(long, default_value = "models/backbone")]
    pub out: PathBuf,
    /// Random seed (shuffling, exploration).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Train tagger and parser on EWT only (GUM still trains the entity tagger).
    #[arg(long)]
    pub ewt_only_syntax: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Backbone(a) => {
            let o = TrainOptions {
                seed: a.seed,
                gum_syntax: !a.ewt_only_syntax,
                ..TrainOptions::default()
            };
            let bb = train(&a.ewt, &a.gum, &o, &mut |m| super::common::note(m))
                .context("training the backbone")?;
            bb.save(&a.out)
                .with_context(|| format!("writing {}", a.out.display()))?;
            super::common::note(format!("wrote {}", a.out.join("backbone.bin").display()));
            Ok(ExitCode::SUCCESS)
        }
    }
}
