//! `stancegraph serve`: the store as a SPARQL 1.1 Protocol endpoint.

use crate::cli::common::StoreArgs;
use anyhow::Context;
use stancegraph::serve::{self, ServeConfig};
use stancegraph::store::Store;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the store as a SPARQL 1.1 endpoint at http://BIND/sparql.
///
/// Without --allow-update the store is opened read-only, so several servers can share
/// it, but `stancegraph ingest` must not write to it while it is served (RocksDB
/// read-only handles see the store as it was when opened; restart to see new articles).
///
/// Ctrl-C or SIGTERM stops accepting connections; in-flight requests get 3 s to finish.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Address and port to listen on (port 0 picks a free one). Keep it on loopback
    /// unless a reverse proxy adds authentication.
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Accept SPARQL updates (opens the store read-write, exclusively).
    #[arg(long)]
    allow_update: bool,
    /// Time limit of one query, in seconds (fractions allowed); past it the query is
    /// cancelled and answered 503.
    #[arg(long, default_value_t = 10.0)]
    timeout_secs: f64,
    /// Largest accepted request body (or GET query string), in bytes; larger gets 413.
    #[arg(long, default_value_t = 1 << 20)]
    max_body_bytes: usize,
    /// Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in a result; a larger
    /// result is refused with 500 and a message, never silently truncated.
    #[arg(long, default_value_t = 100_000)]
    max_results: usize,
    /// Queries evaluated at once (default: the number of CPUs); others wait for a slot
    /// within their time limit, then get 503.
    #[arg(long)]
    max_concurrent_queries: Option<usize>,
}

/// How long in-flight requests may run on after Ctrl-C / SIGTERM.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(args.timeout_secs.is_finite() && args.timeout_secs > 0.0) {
        anyhow::bail!("--timeout-secs must be a positive number of seconds");
    }
    let path = &args.store.store;
    let store = if args.allow_update {
        Store::open(path)?
    } else {
        Store::open_read_only(path)?
    };
    let config = ServeConfig {
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: Duration::from_secs_f64(args.timeout_secs),
        max_body_bytes: args.max_body_bytes,
        max_results: args.max_results,
        max_concurrent_queries: args
            .max_concurrent_queries
            .unwrap_or_else(serve::default_concurrency)
            .max(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let mode = if config.allow_update { "read-write" } else { "read-only" };
        // The first stdout line is machine-readable: tests and scripts parse the URL.
        println!("stancegraph: SPARQL endpoint at http://{addr}/sparql ({mode}, store {})", path.display());
        if !addr.ip().is_loopback() {
            eprintln!("warning: listening on {addr}, reachable from other machines; the endpoint has no authentication");
        }
        let shutdown = async {
            serve::shutdown_signal().await;
            eprintln!("stancegraph: shutting down (in-flight requests get {} s)", SHUTDOWN_GRACE.as_secs());
            // A query that ignores cancellation must not keep the process alive.
            std::thread::spawn(|| {
                std::thread::sleep(SHUTDOWN_GRACE);
                eprintln!("stancegraph: requests still running were dropped");
                std::process::exit(0);
            });
        };
        serve::serve(listener, &store, config, shutdown).await?;
        anyhow::Ok(())
    });
    // Queries still evaluating on the blocking pool are abandoned, not awaited.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served?;
    eprintln!("stancegraph: server stopped");
    Ok(ExitCode::SUCCESS)
}
