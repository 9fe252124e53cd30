//! `stancegraph push`: copy the store's graphs to an external SPARQL 1.1 store.

use crate::cli::common::{detail, note, StoreArgs};
use stancegraph::push::{default_graph_store, push_store, Credentials, PushConfig};
use stancegraph::store::Store;
use std::process::ExitCode;
use std::time::Duration;

/// Push every article graph to an external SPARQL store (Graph Store HTTP Protocol).
///
/// Each named graph is sent with PUT (replace), so pushing again never duplicates.
/// Triple counts are then read back from --endpoint and compared.
///
/// Without --graph-store, the server's own Graph Store URL is used: Virtuoso
/// /sparql-graph-crud-auth (with --user) or /sparql-graph-crud, Fuseki
/// /DATASET/data, GraphDB /repositories/REPO/rdf-graphs/service, Oxigraph /store.
///
/// Virtuoso example:
///   stancegraph push --endpoint http://localhost:8890/sparql --user dba --password dba
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// SPARQL query endpoint of the remote store (used to verify triple counts).
    #[arg(long)]
    endpoint: String,
    /// Graph Store Protocol URL (default: the one the endpoint's server uses; see above).
    #[arg(long)]
    graph_store: Option<String>,
    /// User name for HTTP Basic or Digest authentication.
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// Password (or set STANCEGRAPH_PUSH_PASSWORD).
    #[arg(long, env = "STANCEGRAPH_PUSH_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Skip reading triple counts back from the endpoint.
    #[arg(long)]
    no_verify: bool,
    /// Time limit of each HTTP request, in seconds.
    #[arg(long = "timeout", alias = "timeout-secs", default_value_t = 30)]
    timeout_secs: u64,
    /// Time limit for connecting to the server, in seconds.
    #[arg(long, default_value_t = 5)]
    connect_timeout: u64,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.store.store)?;
    let credentials = match (args.user, args.password) {
        (Some(user), Some(password)) => Some(Credentials { user, password }),
        _ => None,
    };
    let timeout = Duration::from_secs(args.timeout_secs.max(1));
    let connect_timeout = Duration::from_secs(args.connect_timeout.max(1));
    let graph_store = match args.graph_store {
        Some(g) => g,
        None => {
            let (url, server) = default_graph_store(
                &args.endpoint,
                credentials.is_some(),
                timeout,
                connect_timeout,
            )?;
            note(format!("graph store: {url} ({})", server.name()));
            url
        }
    };
    let config = PushConfig {
        graph_store,
        endpoint: (!args.no_verify).then(|| args.endpoint.clone()),
        credentials,
        timeout,
        connect_timeout,
    };
    let summary = push_store(&store, &config, |g| {
        let remote = g
            .remote_triples
            .map(|r| format!(", remote now {r}"))
            .unwrap_or_default();
        detail(format!(
            "  {} <{}>: {} triples{remote}",
            g.status, g.graph, g.triples
        ));
    })?;
    println!(
        "pushed {} graphs, {} triples to {}",
        summary.graphs.len(),
        summary.triples(),
        config.graph_store
    );
    if summary.default_graph_triples > 0 {
        note(format!(
            "note: {} triples in the local default graph were not pushed (articles live in named graphs)",
            summary.default_graph_triples
        ));
    }
    let bad = summary.mismatches();
    if !bad.is_empty() {
        for g in &bad {
            eprintln!(
                "mismatch: <{}> sent {} triples, remote reports {}",
                g.graph,
                g.triples,
                g.remote_triples.unwrap_or_default()
            );
        }
        return Ok(ExitCode::FAILURE);
    }
    if config.endpoint.is_some() {
        println!("verified: remote triple counts match for every graph");
    }
    Ok(ExitCode::SUCCESS)
}
