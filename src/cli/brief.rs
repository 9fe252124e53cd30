//! `stancegraph brief`: write the briefing (Markdown and self-contained HTML).

use crate::cli::common::{FilterArgs, StoreArgs};
use stancegraph::network::{Analysis, BuildOptions};
use stancegraph::report::{self, BriefOptions, Briefing};
use stancegraph::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a briefing from the graph: the story in three sentences, targets and camps,
/// a stance matrix, a network figure, key actors with their claims verbatim and cited,
/// agreement and conflict, unattributed claims, and how outlets differ.
///
/// Writes DIR/briefing.md, DIR/briefing.html (one self-contained page) and DIR/network.svg.
///
/// Examples:
///   stancegraph brief
///   stancegraph brief --target takedown --out report/takedown
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output directory.
    #[arg(long, default_value = "report")]
    out: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.store.store)?;
    let mut parts = vec![];
    if let Some(t) = &args.filter.target {
        parts.push(format!("targets matching \u{201c}{t}\u{201d}"));
    }
    if let Some(o) = &args.filter.outlet {
        parts.push(format!("outlets matching \u{201c}{o}\u{201d}"));
    }
    if let Some(f) = &args.filter.from {
        parts.push(format!("published from {f}"));
    }
    if let Some(t) = &args.filter.to {
        parts.push(format!("published up to {t}"));
    }
    let filter = args.filter.filter();
    stancegraph::network::check_filter(&store, &filter)?;
    let opts = BuildOptions {
        min_statements: args.filter.min_statements,
        ..BuildOptions::default()
    };
    let analysis = Analysis::load(&store, &filter, &opts)?;
    let brief = Briefing::build(
        &analysis,
        &BriefOptions {
            filter: (!parts.is_empty()).then(|| parts.join(", ")),
            ..BriefOptions::default()
        },
    );
    let w = report::write(&brief, &args.out)?;
    println!("{}", w.markdown.display());
    println!("{}", w.html.display());
    if let Some(svg) = &w.svg {
        println!("{}", svg.display());
    }
    eprintln!(
        "briefing: {} article(s), {} actors, {} camp(s)",
        analysis.data.articles.len(),
        analysis.network.nodes.len(),
        analysis.camps.len()
    );
    Ok(ExitCode::SUCCESS)
}
