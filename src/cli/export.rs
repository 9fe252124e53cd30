//! `stancegraph export`: write the graph as RDF.

use super::common::StoreArgs;
use anyhow::Context;
use stancegraph::export::{export, ExportFormat};
use stancegraph::store::Store;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export the whole store or one article's graph as RDF.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph export --format turtle --out graph.ttl\n  stancegraph export --format jsonld --article council-vote"
)]
pub struct Args {
    /// turtle, ntriples, nquads, trig or jsonld.
    #[arg(long, default_value = "turtle")]
    pub format: String,
    /// Only this article (document id).
    #[arg(long)]
    pub article: Option<String>,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs the subcommand. A closed output pipe (`| head`) ends it quietly.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match run_inner(args) {
        Err(e) if super::common::is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    let store = Store::open_read_only(&args.store.store)?;
    match &args.out {
        Some(p) => {
            let mut buf = vec![];
            export(&store, format, args.article.as_deref(), &mut buf)?;
            std::fs::write(p, buf).with_context(|| format!("writing {}", p.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            export(&store, format, args.article.as_deref(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
