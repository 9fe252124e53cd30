//! `stancegraph serve`: the store as a SPARQL 1.1 Protocol endpoint.

use crate::cli::common::StoreArgs;
use anyhow::Context;
use stancegraph::query::service::ServicePolicy;
use stancegraph::serve::{self, App, LogTarget, ServeConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the store as a SPARQL 1.1 endpoint at http://BIND/sparql, with a query page
/// (YASGUI and the canned queries) at http://BIND/ and Graph Store reads at /store.
///
/// Without --allow-update the store is served read-only and locked against writers:
/// `stancegraph ingest` on a served store fails with a message (stop the server,
/// ingest, start it again). Queries run in worker processes that are stopped at the
/// time limit or the memory limit. CORS is off unless --cors-origin is given;
/// SERVICE (federated queries) is refused unless --allow-service is given.
///
/// Ctrl-C or SIGTERM stops accepting connections; in-flight requests get 3 s to finish.
///
/// Examples:
///   stancegraph serve
///   stancegraph serve --bind 127.0.0.1:8080 --timeout-secs 5 --cors-origin http://localhost:3000
///   stancegraph serve --access-log serve.log --slow-query-ms 500
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// Address and port to listen on (port 0 picks a free one). Keep it on loopback
    /// unless a reverse proxy adds authentication.
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Accept SPARQL updates (one worker opens the store read-write, exclusively;
    /// requests are then evaluated one at a time).
    #[arg(long)]
    allow_update: bool,
    /// Time limit of one query or update, in seconds (fractions allowed); past it the
    /// query is stopped and answered 503.
    #[arg(long, default_value_t = 10.0)]
    timeout_secs: f64,
    /// Largest accepted request body (or GET query string), in bytes; larger gets 413.
    #[arg(long, default_value_t = 1 << 20)]
    max_body_bytes: usize,
    /// Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in a result; a larger
    /// result is refused with 500 and a message, never silently truncated.
    #[arg(long, default_value_t = 100_000)]
    max_results: usize,
    /// Query worker processes, i.e. queries evaluated at once (default: the number of
    /// CPUs, at least 4); others wait for a worker within their time limit, then get 503.
    #[arg(long)]
    max_concurrent_queries: Option<usize>,
    /// Memory one query may use, in MiB: its worker is stopped past it (503) and the
    /// memory goes back to the system. 0: no limit.
    #[arg(long, default_value_t = 1024)]
    max_query_memory_mb: u64,
    /// Allow browser pages from ORIGIN (e.g. http://localhost:3000) to query the
    /// endpoint (CORS); `*` allows any origin. Repeatable. Default: no CORS headers.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Allow SERVICE (federated queries) to `public` hosts, or to one named HOST[:PORT]
    /// (loopback and private addresses are refused unless named). Repeatable. Default: off.
    #[arg(long = "allow-service", value_name = "public|HOST[:PORT]")]
    allow_service: Vec<String>,
    /// Close connections idle for this many seconds.
    #[arg(long, default_value_t = 60)]
    idle_timeout_secs: u64,
    /// Access log: a file to append to, `-` for standard error, `off` for none.
    #[arg(long, default_value = "-")]
    access_log: String,
    /// Log the text of queries that take at least this many milliseconds.
    #[arg(long, default_value_t = 1000)]
    slow_query_ms: u64,
    /// Internal: run as a query worker of a server (reads jobs on standard input).
    #[arg(long, hide = true)]
    worker: bool,
}

/// How long in-flight requests may run on after Ctrl-C / SIGTERM.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let services = ServicePolicy::from_args(&args.allow_service);
    if args.worker {
        serve::worker::run(&serve::worker::WorkerOptions {
            store: args.store.store.clone(),
            allow_update: args.allow_update,
            services,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if !(args.timeout_secs.is_finite() && args.timeout_secs > 0.0) {
        anyhow::bail!("--timeout-secs must be a positive number of seconds");
    }
    let path = args.store.store.clone();
    let access_log = match args.access_log.as_str() {
        "-" => LogTarget::Stderr,
        "off" | "none" => LogTarget::Off,
        p => LogTarget::File(PathBuf::from(p)),
    };
    let config = ServeConfig {
        store: path.clone(),
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: Duration::from_secs_f64(args.timeout_secs),
        max_body_bytes: args.max_body_bytes,
        max_results: args.max_results,
        max_concurrent_queries: args
            .max_concurrent_queries
            .unwrap_or_else(serve::default_concurrency)
            .max(1),
        max_query_memory: (args.max_query_memory_mb > 0).then_some(args.max_query_memory_mb << 20),
        cors_origins: args.cors_origins.clone(),
        services,
        idle_timeout: Duration::from_secs(args.idle_timeout_secs.max(1)),
        access_log,
        slow_query: Duration::from_millis(args.slow_query_ms),
        worker_exe: None,
    };
    if args.allow_update && args.cors_origins.iter().any(|o| o == "*") {
        eprintln!("warning: --cors-origin '*' with --allow-update lets any web page you visit change the store");
    }
    let app = App::start(config.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let workers = app.workers();
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let mode = if config.allow_update { "read-write" } else { "read-only" };
        // The first stdout line is machine-readable: tests and scripts parse the URL.
        println!("stancegraph: SPARQL endpoint at http://{addr}/sparql ({mode}, store {})", path.display());
        eprintln!("stancegraph: query page at http://{addr}/ ; {workers} query worker(s)");
        if !addr.ip().is_loopback() {
            eprintln!("warning: listening on {addr}, reachable from other machines; the endpoint has no authentication");
        }
        let shutdown = async {
            serve::shutdown_signal().await;
            eprintln!("stancegraph: shutting down (in-flight requests get {} s)", SHUTDOWN_GRACE.as_secs());
            std::thread::spawn(|| {
                std::thread::sleep(SHUTDOWN_GRACE);
                eprintln!("stancegraph: requests still running were dropped");
                std::process::exit(0);
            });
        };
        app.serve(listener, shutdown).await?;
        anyhow::Ok(())
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    served?;
    eprintln!("stancegraph: server stopped");
    Ok(ExitCode::SUCCESS)
}
