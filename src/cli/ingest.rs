//! `stancegraph ingest`: annotate corpus files and load them into the store.

use super::common::{ModelArgs, StoreArgs};
use anyhow::{bail, Context};
use stancegraph::ingest::pipeline::{self, Budget, Options, Progress, Summary};
use stancegraph::overrides::Overrides;
use stancegraph::resolve::ActorKb;
use stancegraph::store::Store;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract who-argues-what from articles and load it into the graph store.
///
/// Accepts files and directories (recursive): .txt, .md (front matter), .html,
/// .jsonl. Unchanged articles are skipped; a changed article replaces its own
/// graph only. Annotation runs on every core; articles are written in batches,
/// one transaction each. An `overrides.toml` beside the corpus (analyst
/// corrections) is applied at every ingest. Exits non-zero when any file
/// failed (the others still load).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph ingest corpus/\n  stancegraph ingest news/*.html --store coverage.db --model ~/.cache/stancegraph/models/all-MiniLM-L6-v2\n  stancegraph ingest --nquads merged.nq      # article graphs from `stancegraph stream`"
)]
pub struct Args {
    /// Files or directories to ingest.
    #[arg(required_unless_present = "nquads")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub models: ModelArgs,
    /// Re-extract every article even when its content is unchanged.
    #[arg(long)]
    pub force: bool,
    /// Load article graphs written by `stancegraph stream --format nquads`
    /// (a file, or - for standard input) and run the cross-article steps.
    #[arg(long, value_name = "FILE")]
    pub nquads: Option<PathBuf>,
    /// Annotation threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, env = "STANCEGRAPH_JOBS")]
    pub jobs: usize,
    /// Articles written per store transaction.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Give up a document whose annotation takes longer (seconds; 0: no limit).
    #[arg(long, default_value_t = 120.0, value_name = "SECONDS")]
    pub doc_timeout: f64,
    /// Skip documents longer than this many characters (0: no limit).
    #[arg(long, default_value_t = 5_000_000, value_name = "CHARS")]
    pub max_doc_chars: usize,
    /// Do not store the full article text (quotations and anchors are kept).
    #[arg(long, env = "STANCEGRAPH_NO_TEXT")]
    pub no_text: bool,
    /// Analyst overrides (TOML). Default: `overrides.toml` beside the corpus.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let kb = match &args.models.actors {
        Some(p) => ActorKb::load(p)?,
        None => ActorKb::default(),
    };
    let overrides = match args
        .overrides
        .clone()
        .or_else(|| Overrides::find_beside(&args.paths))
    {
        Some(p) => Overrides::load(&p)?,
        None => Overrides::default(),
    };
    if args.nquads.is_none() {
        let missing: Vec<String> = args
            .paths
            .iter()
            .filter(|p| !p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if missing.len() == args.paths.len() {
            bail!(
                "no such file or directory: {}; nothing ingested",
                missing.join(", ")
            );
        }
    }
    let annotator = args.models.annotator(&args.paths)?;
    let existed = args.store.store.exists();
    let store = Store::open(&args.store.store)
        .with_context(|| format!("opening store {}", args.store.store.display()))?;
    let bar = Bar::new();
    let mut on_progress = |p: Progress<'_>| bar.event(p);
    let summary = match &args.nquads {
        Some(f) => {
            let label = f.display().to_string();
            let input: Box<dyn std::io::BufRead> = if f.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(std::io::BufReader::new(
                    std::fs::File::open(f).with_context(|| format!("opening {label}"))?,
                ))
            };
            pipeline::nquads::ingest_nquads(
                &store,
                &annotator,
                kb,
                &overrides,
                input,
                &label,
                args.batch,
                &mut on_progress,
            )
        }
        None => {
            let opts = Options {
                force: args.force,
                jobs: args.jobs,
                batch: args.batch,
                budget: Budget {
                    max_chars: (args.max_doc_chars > 0).then_some(args.max_doc_chars),
                    max_seconds: (args.doc_timeout > 0.0).then_some(args.doc_timeout),
                },
                no_text: args.no_text,
                overrides,
            };
            pipeline::ingest_paths_with(
                &store,
                &annotator,
                kb,
                &args.paths,
                &opts,
                &mut on_progress,
            )
        }
    };
    bar.done();
    let summary: Summary = match summary {
        Ok(s) => s,
        Err(e) => {
            drop(store);
            remove_if_fresh(existed, &args.store.store);
            return Err(e.into());
        }
    };
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("{}", summary.line());
    if !existed && summary.new == 0 && summary.updated == 0 {
        drop(store);
        remove_if_fresh(existed, &args.store.store);
    }
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Removes a store this run created when nothing was loaded into it.
fn remove_if_fresh(existed: bool, path: &std::path::Path) {
    if !existed && path.is_dir() {
        let _ = std::fs::remove_dir_all(path);
        eprintln!("nothing was loaded; {} not kept", path.display());
    }
}

/// The progress bar: files done, elapsed time, ETA and the current phase;
/// drawn only when standard error is a terminal.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let pb =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if !std::io::stderr().is_terminal() {
            pb.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {prefix:.bold} [{bar:30}] {pos}/{len} files, {elapsed} elapsed, ETA {eta} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        pb.enable_steady_tick(std::time::Duration::from_millis(200));
        Bar(pb)
    }

    fn event(&self, p: Progress<'_>) {
        let pb = &self.0;
        match p {
            Progress::Start { total } => pb.set_length(total as u64),
            Progress::File { path } => {
                pb.set_message(path.display().to_string());
                pb.inc(1);
            }
            Progress::Failed { message } => pb.suspend(|| eprintln!("error: {message}")),
            Progress::Skipped { message } => pb.suspend(|| eprintln!("skipped: {message}")),
            Progress::Phase { name } => {
                if name != "annotating" {
                    pb.set_style(
                        indicatif::ProgressStyle::with_template(
                            "{spinner} {prefix:.bold} {elapsed} elapsed {wide_msg}",
                        )
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                    );
                    pb.set_message("");
                }
                pb.set_prefix(name.to_string());
            }
        }
    }

    fn done(&self) {
        self.0.finish_and_clear();
    }
}
