//! `stancegraph ingest`: annotate corpus files and load them into the store.

use super::common::{ModelArgs, StoreArgs};
use anyhow::Context;
use stancegraph::ingest::pipeline::{ingest_paths, Progress};
use stancegraph::resolve::ActorKb;
use stancegraph::store::Store;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract who-argues-what from articles and load it into the graph store.
///
/// Accepts files and directories (recursive): .txt, .md (front matter), .html,
/// .jsonl. Unchanged articles are skipped; a changed article replaces its own
/// graph only. Exits non-zero when any file failed (the others still load).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph ingest corpus/\n  stancegraph ingest news/*.html --store coverage.db --model ~/.cache/stancegraph/models/all-MiniLM-L6-v2"
)]
pub struct Args {
    /// Files or directories to ingest.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub models: ModelArgs,
    /// Re-extract every article even when its content is unchanged.
    #[arg(long)]
    pub force: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = match &args.models.actors {
        Some(p) => ActorKb::load(p)?,
        None => ActorKb::default(),
    };
    let annotator = args.models.annotator(&args.paths)?;
    let store = Store::open(&args.store.store)
        .with_context(|| format!("opening store {}", args.store.store.display()))?;
    let pb =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    pb.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let summary = ingest_paths(
        &store,
        &annotator,
        kb,
        &args.paths,
        args.force,
        &mut |p| match p {
            Progress::Start { total } => pb.set_length(total as u64),
            Progress::File { path } => {
                pb.set_message(path.display().to_string());
                pb.inc(1);
            }
            Progress::Failed { message } => pb.suspend(|| eprintln!("error: {message}")),
        },
    )?;
    pb.finish_and_clear();
    eprintln!("{}", summary.line());
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
