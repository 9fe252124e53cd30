//! `stancegraph network`: the actor network, its rankings, camps, paths and exports.

use crate::cli::common::{FilterArgs, StoreArgs};
use anyhow::Context;
use stancegraph::network::{export, Analysis, BuildOptions};
use stancegraph::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Rankings, camps and conflicts as text.
    Text,
    /// Nodes with measures, typed edges with evidence, components and camps.
    Json,
    /// GraphML (yEd, Cytoscape, networkx).
    Graphml,
    /// GEXF (Gephi).
    Gexf,
    /// Graphviz DOT laid out for sfdp (`sfdp -Tsvg actors.dot > actors.svg`).
    Dot,
    /// CSV stance matrix: actors x targets, net statements (spreadsheets).
    MatrixCsv,
    /// CSV of who said what, with stance, citation and camp (spreadsheets).
    ClaimsCsv,
}

/// Build the actor network (roles, acts, co-quotation, congruence and conflict on shared
/// targets), rank actors (degree, PageRank, betweenness), find camps, and export it.
///
/// Examples:
///   stancegraph network
///   stancegraph network --target "takedown" --min-statements 2
///   stancegraph network --format gexf --out actors.gexf      # Gephi, networkx
///   stancegraph network --format graphml --out actors.graphml # Cytoscape, yEd, networkx
///   stancegraph network --format claims-csv --out claims.csv  # spreadsheets
///   stancegraph network --path "Jane Doe" "Acme Corp"
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Leave out co-quotation edges.
    #[arg(long)]
    no_co_quotation: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// How many actors to list per ranking (text format).
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Show the path between two actors (names or IRIs) with the evidence on each edge.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.store.store)?;
    let filter = args.filter.filter();
    stancegraph::network::check_filter(&store, &filter)?;
    let opts = BuildOptions {
        min_statements: args.filter.min_statements,
        skip_co_quotation: args.no_co_quotation,
        ..BuildOptions::default()
    };
    let a = Analysis::load(&store, &filter, &opts)?;
    let out = if let Some(p) = &args.path {
        let (from, to) = (p.first().map_or("", |s| s), p.get(1).map_or("", |s| s));
        for who in [from, to] {
            if a.network.find(who).is_none() {
                anyhow::bail!(
                    "--path: no actor named \u{201c}{who}\u{201d} in the network.{}",
                    stancegraph::query::suggest::did_you_mean(
                        who,
                        a.network.nodes.iter().map(|n| n.name.as_str())
                    )
                );
            }
        }
        a.path_text(from, to)
    } else {
        match args.format {
            Format::Text => {
                if a.network.nodes.is_empty() {
                    format!(
                        "No actors: the store holds {} article(s) matching the filters and no attributed facts.\n",
                        a.data.articles.len()
                    )
                } else {
                    a.to_text(args.top)
                }
            }
            Format::Json => export::to_json(&a.network, &a.measures, &a.camps),
            Format::Graphml => export::to_graphml(&a.network, &a.measures, &a.camps),
            Format::Gexf => export::to_gexf(&a.network, &a.measures, &a.camps),
            Format::Dot => export::to_dot(&a.network, &a.measures, &a.camps),
            Format::MatrixCsv => export::stance_matrix_csv(&a),
            Format::ClaimsCsv => export::claims_csv(&a),
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &out).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "wrote {} ({} actors, {} edges)",
                path.display(),
                a.network.nodes.len(),
                a.network.edges.len()
            );
        }
        None => print!("{out}"),
    }
    Ok(ExitCode::SUCCESS)
}
