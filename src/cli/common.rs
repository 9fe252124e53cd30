//! Options shared by several subcommands.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};

/// How much a command prints on stderr besides errors (global `--quiet` / `--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors and results only: no progress bars, summaries or notes.
    Quiet = 0,
    /// The default: progress bars, summary lines, notes.
    Normal = 1,
    /// Also per-file, per-request and timing details.
    Verbose = 2,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets the verbosity for the whole process (done once, by `main`).
pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, Ordering::Relaxed);
}

/// The verbosity `main` set.
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        2 => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// True under `--quiet`: print no progress, summaries or notes.
pub fn quiet() -> bool {
    verbosity() == Verbosity::Quiet
}

/// True under `--verbose`.
pub fn verbose() -> bool {
    verbosity() == Verbosity::Verbose
}

/// Prints a note on stderr unless `--quiet`.
pub fn note(msg: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{msg}");
    }
}

/// Prints a detail on stderr under `--verbose` only.
pub fn detail(msg: impl std::fmt::Display) {
    if verbose() {
        eprintln!("{msg}");
    }
}

/// Where the persistent store lives.
#[derive(clap::Args, Debug, Clone)]
pub struct StoreArgs {
    /// Store directory (created on first ingest).
    #[arg(long, env = "STANCEGRAPH_STORE", default_value = "stancegraph.db")]
    pub store: PathBuf,
}

/// Optional local models.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ModelArgs {
    /// Directory of the sentence-embedding model (all-MiniLM-L6-v2: config.json,
    /// tokenizer.json, model.safetensors). Without it, rules only.
    #[arg(long = "model", env = "STANCEGRAPH_MODEL_DIR")]
    pub model: Option<PathBuf>,
    /// Optional Hugging Face token-classification (NER) model directory.
    #[arg(long = "ner-model", env = "STANCEGRAPH_NER_MODEL_DIR")]
    pub ner_model: Option<PathBuf>,
    /// Optional Hugging Face NLI (sequence-pair classification) model directory.
    #[arg(long = "nli-model", env = "STANCEGRAPH_NLI_MODEL_DIR")]
    pub nli_model: Option<PathBuf>,
    /// Target catalogue (TOML). Default: `targets.toml` found in the ingested directories.
    #[arg(long)]
    pub targets: Option<PathBuf>,
    /// Actor knowledge base (TOML or CSV: canonical names, aliases, Wikidata ids).
    #[arg(long)]
    pub actors: Option<PathBuf>,
}

impl ModelArgs {
    /// Builds the annotator these options ask for: the target catalogue (given, or
    /// `targets.toml` beside the corpus), and whichever local models are named.
    pub fn annotator(
        &self,
        corpus: &[PathBuf],
    ) -> anyhow::Result<stancegraph::annotate::Annotator> {
        let opts = stancegraph::annotate::AnnotatorOptions {
            model: self.model.clone(),
            ner_model: self.ner_model.clone(),
            nli_model: self.nli_model.clone(),
            targets: self.targets.clone(),
            corpus: corpus.to_vec(),
        };
        Ok(stancegraph::annotate::Annotator::from_options(&opts)?)
    }
}

/// True when `e` (or its cause chain) is a broken pipe: the reader of our
/// standard output went away (`stancegraph query ... | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<stancegraph::Error>(), Some(stancegraph::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Which part of the coverage the network and the briefing look at.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only stances on targets whose label or id contains this text.
    #[arg(long)]
    pub target: Option<String>,
    /// Only articles from outlets whose name contains this text.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles published on or after this date (YYYY[-MM[-DD]]).
    #[arg(long)]
    pub from: Option<String>,
    /// Only articles published on or before this date (YYYY[-MM[-DD]]).
    #[arg(long)]
    pub to: Option<String>,
    /// Actors with fewer stance statements get no congruence / conflict edges.
    #[arg(long, default_value_t = 1)]
    pub min_statements: usize,
}

impl FilterArgs {
    /// The graph filter these options describe.
    pub fn filter(&self) -> stancegraph::network::Filter {
        stancegraph::network::Filter {
            target: self.target.clone(),
            outlet: self.outlet.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}
