//! Annotation on every core: a pool of worker threads sharing one
//! [`Annotator`], fed in document order and read back in document order, so
//! the output is the same for any number of threads.
//!
//! A document whose annotation runs past the time budget is given up (the
//! caller reports it by name and goes on); a fresh worker takes the place of
//! the busy one, whose result is dropped when it finishes.

use crate::annotate::Annotator;
use crate::document::Document;
use crate::extraction::Extraction;
use std::sync::mpsc::{channel, sync_channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::Scope;
use std::time::{Duration, Instant};

/// The result of annotating one document: the extraction, or a one-line reason.
pub type Annotated = std::result::Result<Extraction, String>;

struct Job {
    doc: Arc<Document>,
    started: Arc<OnceLock<Instant>>,
    reply: std::sync::mpsc::SyncSender<Annotated>,
}

/// A document handed to the pool, to be awaited in order.
pub struct Ticket {
    /// The document.
    pub doc: Arc<Document>,
    started: Arc<OnceLock<Instant>>,
    reply: Receiver<Annotated>,
}

/// The worker pool (threads live in the caller's scope).
pub struct Pool<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    annotator: &'env Annotator,
    jobs: Sender<Job>,
    queue: Arc<Mutex<Receiver<Job>>>,
    budget: Option<Duration>,
}

fn worker(queue: Arc<Mutex<Receiver<Job>>>, annotator: &Annotator) {
    loop {
        let job = match queue.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let _ = job.started.set(Instant::now());
        let doc = job.doc.clone();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| annotator.annotate(&doc)))
            .map_err(|p| {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                format!("annotation failed: {msg}")
            });
        let _ = job.reply.send(r);
    }
}

impl<'scope, 'env> Pool<'scope, 'env> {
    /// Starts `threads` workers (0: one per available core) in `scope`.
    pub fn new(
        scope: &'scope Scope<'scope, 'env>,
        annotator: &'env Annotator,
        threads: usize,
        budget: Option<Duration>,
    ) -> Self {
        let (jobs, rx) = channel::<Job>();
        let queue = Arc::new(Mutex::new(rx));
        let pool = Pool {
            scope,
            annotator,
            jobs,
            queue,
            budget,
        };
        for _ in 0..threads_or_cores(threads) {
            pool.spawn_worker();
        }
        pool
    }

    fn spawn_worker(&self) {
        let q = self.queue.clone();
        let a = self.annotator;
        self.scope.spawn(move || worker(q, a));
    }

    /// Queues `doc`; await its extraction with [`Pool::wait`].
    pub fn submit(&self, doc: Document) -> Ticket {
        let (reply, rx) = sync_channel(1);
        let doc = Arc::new(doc);
        let started = Arc::new(OnceLock::new());
        let _ = self.jobs.send(Job {
            doc: doc.clone(),
            started: started.clone(),
            reply,
        });
        Ticket {
            doc,
            started,
            reply: rx,
        }
    }

    /// The extraction of `t`, or why there is none (failed, over the time budget).
    pub fn wait(&self, t: &Ticket) -> Annotated {
        loop {
            match t.reply.recv_timeout(Duration::from_millis(100)) {
                Ok(r) => return r,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("annotation thread ended without a result".into())
                }
                Err(RecvTimeoutError::Timeout) => {
                    let (Some(b), Some(s)) = (self.budget, t.started.get()) else {
                        continue;
                    };
                    if s.elapsed() > b {
                        // The busy worker finishes on its own; another takes its place.
                        self.spawn_worker();
                        return Err(format!(
                            "annotation took over the {:.0} s budget per document; skipped",
                            b.as_secs_f64()
                        ));
                    }
                }
            }
        }
    }
}

/// `n`, or the number of available cores when `n` is 0.
pub fn threads_or_cores(n: usize) -> usize {
    if n > 0 {
        n
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    }
}
