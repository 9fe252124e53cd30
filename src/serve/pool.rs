//! The pool of query worker processes behind the endpoint.
//!
//! Every query, update and graph dump runs in a worker process ([`super::worker`]),
//! one job per worker at a time. A job that outlives its time limit (plus a short
//! grace for the worker's own cancellation) or whose worker grows past the memory
//! limit has its worker killed: the CPU and the memory go back to the system at
//! once, whatever the evaluator was doing, and a fresh worker replaces it. A worker
//! that crashed (a stack overflow, say) is replaced the same way; the endpoint
//! itself never evaluates SPARQL.

use super::error::ApiError;
use super::wire::{read_frame, write_frame, Job, Reply};
use axum::http::StatusCode;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Extra time a worker gets after the time limit to stop by itself before it is killed.
const GRACE: Duration = Duration::from_millis(1500);
/// How often a running job's worker is checked (time, memory).
const TICK: Duration = Duration::from_millis(20);

/// How to start workers and what they may use.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// The `stancegraph` executable.
    pub exe: PathBuf,
    /// Its arguments (`serve --worker --store ...`).
    pub args: Vec<String>,
    /// Number of workers (jobs evaluated at once).
    pub size: usize,
    /// A worker using more resident memory than this during a job is killed.
    pub memory_limit: Option<u64>,
}

type Pipes = (ChildStdin, BufReader<ChildStdout>);

struct Worker {
    child: Arc<Mutex<Child>>,
    pid: u32,
    pipes: Option<Pipes>,
    /// Resident memory right after start-up.
    base_rss: u64,
}

/// The worker pool.
pub struct Pool {
    config: PoolConfig,
    idle: Mutex<Vec<Worker>>,
    slots: Arc<tokio::sync::Semaphore>,
}

/// Resident memory of process `pid` in bytes (Linux; `None` elsewhere).
pub fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn spawn(config: &PoolConfig) -> Result<Worker, String> {
    let mut child = Command::new(&config.exe)
        .args(&config.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot start a query worker ({}): {e}",
                config.exe.display()
            )
        })?;
    let stdin = child.stdin.take().ok_or("worker has no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("worker has no stdout")?);
    let pid = child.id();
    match read_frame::<Reply>(&mut stdout) {
        Ok(Some((r, _))) if r.status == 200 => {}
        Ok(Some((_, body))) => {
            let _ = child.wait();
            return Err(String::from_utf8_lossy(&body).into_owned());
        }
        _ => {
            let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
            return Err(format!("query worker exited during start-up ({status})"));
        }
    }
    Ok(Worker {
        base_rss: rss_bytes(pid).unwrap_or(0),
        child: Arc::new(Mutex::new(child)),
        pid,
        pipes: Some((stdin, stdout)),
    })
}

fn kill(child: &Arc<Mutex<Child>>) {
    if let Ok(mut c) = child.lock() {
        let _ = c.kill();
    }
}

fn reap(w: Worker) {
    kill(&w.child);
    if let Ok(mut c) = w.child.lock() {
        let _ = c.wait();
    }
}

/// Why a job's worker was killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Killed {
    Timeout,
    Memory(u64),
}

impl Pool {
    /// Starts `config.size` workers; fails with the first worker's error (no store,
    /// store locked, ...).
    pub fn start(config: PoolConfig) -> Result<Pool, String> {
        let size = config.size.max(1);
        let first = spawn(&config)?;
        let rest: Vec<_> = (1..size)
            .map(|_| {
                let c = config.clone();
                std::thread::spawn(move || spawn(&c))
            })
            .collect();
        let mut idle = vec![first];
        for h in rest {
            idle.push(
                h.join()
                    .map_err(|_| "worker start-up panicked".to_string())??,
            );
        }
        Ok(Pool {
            config,
            idle: Mutex::new(idle),
            slots: Arc::new(tokio::sync::Semaphore::new(size)),
        })
    }

    /// Number of workers.
    pub fn size(&self) -> usize {
        self.config.size.max(1)
    }

    /// Runs `job` on a free worker within `timeout` (waiting for a free worker counts
    /// against it) and returns the worker's reply and body.
    pub async fn run(
        self: &Arc<Self>,
        job: Job,
        timeout: Duration,
    ) -> Result<(Reply, Vec<u8>), ApiError> {
        let started = Instant::now();
        let permit =
            match tokio::time::timeout(timeout, Arc::clone(&self.slots).acquire_owned()).await {
                Ok(Ok(p)) => p,
                _ => {
                    return Err(ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!(
                    "server busy: all {} query workers stayed taken for the time limit of {} s; \
                         retry later",
                    self.size(),
                    timeout.as_secs_f64()
                ),
                    ))
                }
            };
        let pooled = self.idle.lock().ok().and_then(|mut v| v.pop());
        let mut worker = match pooled {
            Some(w) => w,
            None => {
                let c = self.config.clone();
                tokio::task::spawn_blocking(move || spawn(&c))
                    .await
                    .map_err(|e| ApiError::internal(format!("starting a worker: {e}")))?
                    .map_err(ApiError::internal)?
            }
        };
        let Some(pipes) = worker.pipes.take() else {
            return Err(ApiError::internal("query worker without pipes"));
        };
        let mut task = tokio::task::spawn_blocking(move || {
            let (mut stdin, mut stdout) = pipes;
            let r =
                write_frame(&mut stdin, &job, b"").and_then(|_| read_frame::<Reply>(&mut stdout));
            (r, (stdin, stdout))
        });
        let deadline = started + timeout + GRACE;
        let mut killed = None;
        let outcome = loop {
            tokio::select! {
                r = &mut task => break r,
                _ = tokio::time::sleep(TICK) => {
                    if killed.is_some() { continue; }
                    if Instant::now() > deadline {
                        killed = Some(Killed::Timeout);
                    } else if let (Some(limit), Some(rss)) = (self.config.memory_limit, rss_bytes(worker.pid)) {
                        if rss > limit {
                            killed = Some(Killed::Memory(rss));
                        }
                    }
                    if killed.is_some() {
                        kill(&worker.child);
                    }
                }
            }
        };
        drop(permit);
        let (result, pipes) = match outcome {
            Ok(x) => x,
            Err(e) => {
                tokio::task::spawn_blocking(move || reap(worker));
                return Err(ApiError::internal(format!("query task failed: {e}")));
            }
        };
        match (killed, result) {
            (None, Ok(Some(reply))) => {
                worker.pipes = Some(pipes);
                self.recycle(worker);
                Ok(reply)
            }
            (Some(k), _) => {
                tokio::task::spawn_blocking(move || reap(worker));
                Err(match k {
                    Killed::Timeout => ApiError::timeout(timeout.as_secs_f64()),
                    Killed::Memory(rss) => ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!(
                            "query stopped: it needed more than the memory limit of {} MiB \
                             (--max-query-memory-mb; {} MiB when stopped); narrow it or add a LIMIT",
                            self.config.memory_limit.unwrap_or(0) >> 20,
                            rss >> 20
                        ),
                    ),
                })
            }
            (None, _) => {
                let status = tokio::task::spawn_blocking(move || {
                    kill(&worker.child);
                    worker
                        .child
                        .lock()
                        .ok()
                        .and_then(|mut c| c.wait().ok())
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| "unknown status".into())
                })
                .await
                .unwrap_or_default();
                Err(ApiError::internal(format!(
                    "the query crashed its worker process ({status}); a new worker was started"
                )))
            }
        }
    }

    /// Returns a worker to the pool, or replaces it when a job left it holding much
    /// more memory than it started with (so memory goes back to the system).
    fn recycle(&self, worker: Worker) {
        let grown = rss_bytes(worker.pid).is_some_and(|rss| rss > worker.base_rss + (256 << 20));
        if grown {
            std::thread::spawn(move || reap(worker));
        } else if let Ok(mut idle) = self.idle.lock() {
            idle.push(worker);
        }
    }

    /// Kills every idle worker (on shutdown).
    pub fn shutdown(&self) {
        if let Ok(mut idle) = self.idle.lock() {
            for w in idle.drain(..) {
                reap(w);
            }
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shutdown();
    }
}
