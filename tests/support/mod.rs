//! Shared helpers of the serve and push integration tests: the fixture store, a running
//! `stancegraph serve` child process, and the Python client discovery.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The TriG fixture: two invented articles and the corpus graph.
pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve/fixture.trig")
}

/// Builds a persistent store at `dir` holding the fixture (through the crate's Store API).
pub fn build_fixture_store(dir: &Path) -> usize {
    let store = stancegraph::store::Store::open(dir).expect("open store");
    let file = std::fs::File::open(fixture_path()).expect("fixture");
    store
        .inner()
        .load_from_reader(oxigraph::io::RdfFormat::TriG, file)
        .expect("load fixture");
    store.inner().flush().expect("flush");
    store.len().expect("len")
}

/// A private copy of the `stancegraph` binary built for this test run.
///
/// The target directory may be shared with other checkouts whose builds overwrite the
/// uplifted `target/debug/stancegraph` while tests run. The binary is taken from
/// `CARGO_BIN_EXE_stancegraph` when it is a build with this checkout's serve and push
/// options, else from the newest such `target/debug/deps/stancegraph-*`, and copied
/// once so later overwrites do not matter.
pub fn binary() -> PathBuf {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let exe = PathBuf::from(env!("CARGO_BIN_EXE_stancegraph"));
        let help = |bin: &Path, cmd: &str| -> String {
            Command::new(bin)
                .args([cmd, "--help"])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default()
        };
        let fits = |bin: &Path| {
            help(bin, "serve").contains("--max-concurrent-queries")
                && help(bin, "push").contains("--graph-store")
        };
        let mut candidates = vec![exe.clone()];
        if let Some(deps) = exe.parent().map(|d| d.join("deps")) {
            let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&deps)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("stancegraph-") && !n.contains('.'))
                })
                .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
                .collect();
            found.sort();
            candidates.extend(found.into_iter().rev().map(|(_, p)| p));
        }
        let dir = std::env::temp_dir().join(format!("stancegraph-test-bin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let dst = dir.join("stancegraph");
        for c in candidates {
            if std::fs::copy(&c, &dst).is_ok() && fits(&dst) {
                return dst;
            }
        }
        panic!(
            "no stancegraph build with `serve --max-concurrent-queries` near {}",
            exe.display()
        );
    })
    .clone()
}

/// A free loopback TCP port (bound then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A `stancegraph serve` process, killed on drop.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl Server {
    /// Starts the binary on an OS-chosen loopback port and waits for `/health`.
    pub fn start(store: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(binary())
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(["--bind", "127.0.0.1:0"])
            .args(if extra.contains(&"--access-log") {
                &[][..]
            } else {
                &["--access-log", "off"][..]
            })
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn stancegraph serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the server's first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in the server banner {line:?}"));
        let base = url.trim_end_matches("/sparql").to_string();
        let server = Server { child, base };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(resp) = ureq::get(&format!("{}/health", server.base)).call() {
                if resp.status() == 200 {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "server did not become healthy");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Sends SIGINT (as Ctrl-C does) and waits up to `wait` for the process to exit;
    /// returns its exit status, or `None` if it is still running.
    pub fn interrupt(&mut self, wait: Duration) -> Option<std::process::ExitStatus> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid} failed");
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// The SPARQL endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("{}/sparql", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Python interpreter that can import `modules`, or `None` (with a SKIP message printed).
pub fn python_with(modules: &[&str]) -> Option<PathBuf> {
    let import = format!("import {}", modules.join(", "));
    for candidate in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(candidate)
            .args(["-c", &import])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(PathBuf::from(candidate));
        }
    }
    eprintln!(
        "SKIP: no python3 can `{import}` (install python3-sparqlwrapper python3-rdflib; \
         scripts/ci-services.sh does)"
    );
    None
}

/// Runs a script under tests/support with `python`, returning (success, stdout+stderr).
pub fn run_python(python: &Path, script: &str, args: &[&str]) -> (bool, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(script);
    let out = Command::new(python)
        .arg(path)
        .args(args)
        .output()
        .expect("run python");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
