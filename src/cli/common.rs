//! Options shared by several subcommands.

use std::path::PathBuf;

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
