//! The query worker process (`stancegraph serve --worker`, started by the endpoint).
//!
//! A worker opens the store itself (read-only; read-write only for the one worker
//! of an `--allow-update` server), then answers [`Job`]s read from standard input,
//! one at a time, on standard output. Evaluation runs on a thread with a large
//! stack and a cancellation token fired at the job's time limit; the endpoint
//! kills the whole process when a query ignores the token or outgrows its memory
//! limit, which is what makes those limits hold (see [`super::pool`]).

use super::error::ApiError;
use super::execute::{self, QueryLimits};
use super::protocol::{QueryRequest, UpdateRequest};
use super::wire::{read_frame, write_frame, Job, Reply};
use crate::query::service::{Guarded, ServicePolicy};
use oxigraph::sparql::CancellationToken;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::time::Duration;

/// Stack of the evaluation thread: deep but legal queries recurse in the evaluator.
const EVAL_STACK: usize = 256 << 20;

/// How a worker opens the store and what it may do.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// The store directory.
    pub store: PathBuf,
    /// Open read-write and accept updates.
    pub allow_update: bool,
    /// `SERVICE` policy.
    pub services: ServicePolicy,
}

fn reply(status: u16, media_type: &str) -> Reply {
    Reply {
        status,
        media_type: media_type.to_string(),
    }
}

fn error_reply(e: ApiError) -> (Reply, Vec<u8>) {
    (
        reply(e.status.as_u16(), "text/plain"),
        e.message.into_bytes(),
    )
}

fn timeout_of(job: &Job) -> Option<Duration> {
    match job {
        Job::Query { timeout_ms, .. } | Job::Update { timeout_ms, .. } => {
            Some(Duration::from_millis(*timeout_ms))
        }
        Job::Graph { .. } => None,
    }
}

fn execute(
    store: &oxigraph::store::Store,
    job: Job,
    services: &Guarded,
    token: CancellationToken,
) -> (Reply, Vec<u8>) {
    match job {
        Job::Query {
            query,
            default_graphs,
            named_graphs,
            media_type,
            max_results,
            timeout_ms,
        } => {
            let req = QueryRequest {
                query,
                default_graphs,
                named_graphs,
                format: None,
            };
            let limits = QueryLimits {
                max_results,
                timeout_secs: timeout_ms as f64 / 1000.0,
            };
            let services = Guarded {
                timeout: Duration::from_millis(timeout_ms),
                ..services.clone()
            };
            match execute::run_query(store, &req, &media_type, token, &limits, &services) {
                Ok(p) => (reply(200, p.media_type), p.body),
                Err(e) => error_reply(e),
            }
        }
        Job::Update {
            update,
            using_graphs,
            using_named_graphs,
            timeout_ms: _,
        } => {
            let req = UpdateRequest {
                update,
                using_graphs,
                using_named_graphs,
            };
            match execute::run_update(store, &req, token) {
                Ok(()) => (reply(204, "text/plain"), vec![]),
                Err(e) => error_reply(e),
            }
        }
        Job::Graph { target, media_type } => {
            match execute::dump_graph(store, &target, &media_type) {
                Ok(p) => (reply(200, p.media_type), p.body),
                Err(e) => error_reply(e),
            }
        }
    }
}

/// Ends this process soon after its parent (the endpoint) dies, even in the middle
/// of an evaluation: a watchdog thread notices the re-parenting.
fn die_with_parent() {
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            if std::os::unix::process::parent_id() != parent {
                std::process::exit(0);
            }
        });
    }
}

/// Runs the worker loop until standard input closes.
pub fn run(opts: &WorkerOptions) -> crate::error::Result<()> {
    die_with_parent();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut input = BufReader::new(stdin.lock());
    let mut output = BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| crate::error::Error::io("worker pipe", e);
    let opened = if opts.allow_update {
        crate::store::Store::open(&opts.store)
    } else {
        crate::store::Store::open_read_only(&opts.store)
    };
    let store = match opened {
        Ok(s) => s,
        Err(e) => {
            write_frame(
                &mut output,
                &reply(500, "text/plain"),
                e.to_string().as_bytes(),
            )
            .map_err(io)?;
            return Err(e);
        }
    };
    write_frame(&mut output, &reply(200, "text/plain"), b"ready").map_err(io)?;
    let services = Guarded {
        policy: opts.services.clone(),
        timeout: Duration::from_secs(10),
    };
    while let Some((job, _)) = read_frame::<Job>(&mut input).map_err(io)? {
        let inner = store.inner().clone();
        let services = services.clone();
        let token = CancellationToken::new();
        let limit = timeout_of(&job);
        let (tx, rx) = std::sync::mpsc::channel();
        let t = token.clone();
        std::thread::Builder::new()
            .name("sparql-eval".into())
            .stack_size(EVAL_STACK)
            .spawn(move || {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    execute(&inner, job, &services, t)
                }));
                let _ = tx.send(r.unwrap_or_else(|_| {
                    error_reply(ApiError::internal("query evaluation panicked"))
                }));
            })
            .map_err(io)?;
        // At the time limit the token stops evaluations that check it; the endpoint
        // kills this process a little later if the evaluation does not stop.
        let outcome = match limit {
            Some(limit) => match rx.recv_timeout(limit) {
                Ok(r) => Ok(r),
                Err(_) => {
                    token.cancel();
                    rx.recv()
                }
            },
            None => rx.recv(),
        };
        let (rep, body) = outcome
            .unwrap_or_else(|_| error_reply(ApiError::internal("query evaluation thread died")));
        write_frame(&mut output, &rep, &body).map_err(io)?;
    }
    Ok(())
}
