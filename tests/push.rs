//! `stancegraph push` against a real Virtuoso (Debian virtuoso-opensource) started on
//! free loopback ports with a throw-away database. Skipped, with a message, only where
//! Virtuoso is not installed (scripts/ci-services.sh installs it).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{build_fixture_store, free_port};

const ID: &str = "https://w3id.org/stancegraph/id/";
const TEMPLATE: &str = "/etc/virtuoso-opensource-7/virtuoso.ini";

/// A Virtuoso server process with its own database directory, killed on drop.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: tempfile::TempDir,
}

fn find_exe(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// The packaged virtuoso.ini with the database moved to `dir` and the ports changed.
fn write_ini(template: &str, dir: &Path, sql: u16, http: u16) -> PathBuf {
    let mut section = String::new();
    let mut out = String::new();
    for line in template.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.to_string();
        }
        let key = trimmed.split('=').next().unwrap_or("").trim();
        let line = if key == "ServerPort" && section == "[Parameters]" {
            format!("ServerPort = {sql}")
        } else if key == "ServerPort" && section == "[HTTPServer]" {
            format!("ServerPort = {http}")
        } else {
            line.replace(
                "/var/lib/virtuoso-opensource-7/db",
                &dir.display().to_string(),
            )
        };
        out.push_str(&line);
        out.push('\n');
    }
    let path = dir.join("virtuoso.ini");
    std::fs::write(&path, out).expect("write virtuoso.ini");
    path
}

impl Virtuoso {
    fn start() -> Option<Virtuoso> {
        let (Some(exe), Ok(template)) = (find_exe("virtuoso-t"), std::fs::read_to_string(TEMPLATE))
        else {
            eprintln!(
                "SKIP: Virtuoso is not installed (virtuoso-t / {TEMPLATE}); \
                 run scripts/ci-services.sh to install virtuoso-opensource"
            );
            return None;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let (sql, http) = (free_port(), free_port());
        let ini = write_ini(&template, dir.path(), sql, http);
        let log = std::fs::File::create(dir.path().join("console.log")).expect("log");
        let child = Command::new(exe)
            .arg("-c")
            .arg(&ini)
            .arg("+foreground")
            .current_dir(dir.path())
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start virtuoso-t");
        let v = Virtuoso {
            child,
            http,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while v.count_query("ASK {}").is_none() {
            assert!(
                Instant::now() < deadline,
                "Virtuoso did not come up: {}",
                std::fs::read_to_string(v._dir.path().join("console.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(300));
        }
        Some(v)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/sparql", self.http)
    }

    /// Runs a query with a form POST (Virtuoso hangs on application/sparql-query) and
    /// returns the JSON results; `None` while the server is not up.
    fn count_query(&self, query: &str) -> Option<serde_json::Value> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut resp = agent
            .post(&self.endpoint())
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query)])
            .ok()?;
        serde_json::from_str(&resp.body_mut().read_to_string().ok()?).ok()
    }

    /// Triples Virtuoso holds in `graph`.
    fn triples(&self, graph: &str) -> usize {
        let json = self
            .count_query(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ))
            .expect("count query");
        json.pointer("/results/bindings/0/n/value")
            .and_then(|v| v.as_str())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no count in {json}"))
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `stancegraph push` with `args` (store given), limited to `limit`.
fn push_args(store: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(support::binary())
        .arg("push")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run stancegraph push");
    (out, start.elapsed())
}

fn push(store: &Path, v: &Virtuoso, password: &str) -> Output {
    Command::new(support::binary())
        .arg("push")
        .arg("--store")
        .arg(store)
        .args(["--endpoint", &v.endpoint()])
        .args([
            "--graph-store",
            &format!("http://127.0.0.1:{}/sparql-graph-crud-auth", v.http),
        ])
        .args(["--user", "dba", "--password", password])
        .output()
        .expect("run stancegraph push")
}

fn local_triples(store: &Path, graph: &str) -> usize {
    let s = stancegraph::store::Store::open(store).expect("open");
    let g = oxigraph::model::NamedNode::new(graph).expect("iri");
    s.inner()
        .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
        .count()
}

#[test]
fn push_replaces_graphs_in_virtuoso_without_duplicates() {
    let Some(v) = Virtuoso::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    assert_eq!(build_fixture_store(&store), 250);
    let levy = format!("{ID}graph/harbour-levy");
    let dam = format!("{ID}graph/river-dam");
    let corpus = format!("{ID}graph/corpus");

    // First push: digest authentication, every graph copied, counts verified by push itself.
    let out = push(&store, &v, "dba");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "push failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("pushed 3 graphs, 250 triples"), "{stdout}");
    assert!(stdout.contains("verified"), "{stdout}");
    // ...and checked here independently.
    assert_eq!(v.triples(&levy), 155);
    assert_eq!(v.triples(&dam), 92);
    assert_eq!(v.triples(&corpus), 3);
    let ask = v
        .count_query(&format!(
            "ASK {{ GRAPH <{levy}> {{ <{ID}actor/tomas-aberg> <http://schema.org/name> \"Tomás Åberg\" }} }}"
        ))
        .expect("ask");
    assert_eq!(ask["boolean"], serde_json::Value::Bool(true), "{ask}");

    // Second push: PUT replaces, nothing doubles.
    let out = push(&store, &v, "dba");
    assert!(out.status.success());
    assert_eq!(v.triples(&levy), 155);
    assert_eq!(v.triples(&dam), 92);

    // Remove one stance locally: the pushed graph shrinks to match (replace, not merge).
    {
        let s = stancegraph::store::Store::open(&store).expect("open");
        oxigraph::sparql::SparqlEvaluator::new()
            .parse_update(&format!(
                "DELETE WHERE {{ GRAPH <{dam}> {{ <{ID}article/river-dam/stance/s3> ?p ?o }} }}"
            ))
            .expect("parse")
            .on_store(s.inner())
            .execute()
            .expect("delete");
    }
    let expected = local_triples(&store, &dam);
    assert!(expected < 92);
    let out = push(&store, &v, "dba");
    assert!(out.status.success());
    assert_eq!(v.triples(&dam), expected);
    assert_eq!(v.triples(&levy), 155);

    // A wrong password fails loudly, saying what was refused.
    let out = push(&store, &v, "wrong");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("authentication failed")
            && stderr.contains("\"dba\"")
            && stderr.contains("Digest")
            && stderr.contains("--password"),
        "{stderr}"
    );

    // No --graph-store: Virtuoso is recognised by its Server header (the port is
    // not 8890 here) and its authenticated Graph Store is used.
    let (out, _) = push_args(
        &store,
        &[
            "--endpoint",
            &v.endpoint(),
            "--user",
            "dba",
            "--password",
            "dba",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("/sparql-graph-crud-auth (Virtuoso)"),
        "{stderr}"
    );
    assert_eq!(v.triples(&levy), 155);

    // Credentials missing where the store wants them.
    let (out, _) = push_args(
        &store,
        &[
            "--endpoint",
            &v.endpoint(),
            "--graph-store",
            &format!("http://127.0.0.1:{}/sparql-graph-crud-auth", v.http),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("asks for a user name and password") && stderr.contains("--user"),
        "{stderr}"
    );
}

/// A loopback server that accepts connections and answers each with `answer`
/// (or never, when `None`), for `accepts` connections.
fn fake_server(answer: Option<&'static str>, accepts: usize) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for stream in listener.incoming().take(accepts) {
            let Ok(mut stream) = stream else { continue };
            if let Some(a) = answer {
                use std::io::{Read, Write};
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(a.as_bytes());
            } else {
                held.push(stream);
            }
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    port
}

#[test]
fn push_fails_fast_and_clearly_without_a_working_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    build_fixture_store(&store);

    // Nothing listens: refused at once.
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/sparql-graph-crud");
    let (out, took) = push_args(
        &store,
        &["--endpoint", &url, "--graph-store", &url, "--no-verify"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("refused") || stderr.contains("cannot connect"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");

    // A server that accepts and never answers: the request limit ends it.
    let port = fake_server(None, 4);
    let url = format!("http://127.0.0.1:{port}/store");
    let (out, took) = push_args(
        &store,
        &[
            "--endpoint",
            &url,
            "--graph-store",
            &url,
            "--no-verify",
            "--timeout",
            "2",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no complete answer within 2 s"), "{stderr}");
    assert!(took < Duration::from_secs(20), "{took:?}");

    // A server push cannot place, and no --graph-store: a clear error listing the usual URLs.
    let port = fake_server(
        Some("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
        4,
    );
    let url = format!("http://127.0.0.1:{port}/sparql");
    let (out, _) = push_args(&store, &["--endpoint", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("cannot tell where the Graph Store")
            && stderr.contains("--graph-store")
            && stderr.contains("Fuseki"),
        "{stderr}"
    );

    // A URL that is no Graph Store (404): said so, with the usual URLs.
    let port = fake_server(
        Some("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        4,
    );
    let url = format!("http://127.0.0.1:{port}/nothing");
    let (out, _) = push_args(
        &store,
        &["--endpoint", &url, "--graph-store", &url, "--no-verify"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("HTTP 404: no Graph Store at"), "{stderr}");
}
