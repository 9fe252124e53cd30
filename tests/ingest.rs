//! Ingest: formats (Markdown, HTML, JSON Lines), bad input, idempotence and
//! article replacement, through the library and the `stancegraph` binary.

use stancegraph::document::Furniture;
use stancegraph::ingest;
use stancegraph::rdf::mapping;
use stancegraph::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "ingest/bad_suite.rs"]
mod bad_suite;

const BIN: &str = env!("CARGO_BIN_EXE_stancegraph");
const TOLL: &str = "tests/data/corpora/toll";
const BAD: &str = "tests/data/bad";

fn stancegraph(args: &[&str], store: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--store")
        .arg(store)
        .env_remove("STANCEGRAPH_STORE")
        .output()
        .expect("run stancegraph")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn quads(store: &Path) -> usize {
    Store::open_read_only(store).unwrap().len().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn html_main_text_and_metadata() {
    let docs = ingest::load_file(&Path::new(TOLL).join("valley-times-toll.html")).unwrap();
    let d = &docs[0];
    assert_eq!(d.id, "valley-times-toll");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Toll row deepens as union and mayor clash")
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("Valley Times"));
    assert_eq!(d.meta.author.as_deref(), Some("Priya Nand"));
    assert_eq!(d.meta.date.as_deref(), Some("2024-03-07T09:00:00Z"));
    assert_eq!(d.meta.language.as_deref(), Some("en"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://example.org/valley-times/toll-row")
    );
    assert_eq!(
        d.meta.extra.get("og:type").and_then(|v| v.as_str()),
        Some("article")
    );
    // Body text only: no navigation, header, footer, aside, script, style or figure credits.
    for junk in [
        "Home",
        "since 1921",
        "rights reserved",
        "Ferry",
        "trackPageView",
        "font-family",
        "Photo: J. Doe",
        "dusk",
    ] {
        assert!(!d.text.contains(junk), "{junk:?} leaked into {:?}", d.text);
    }
    assert!(d.text.contains(
        "\"A toll is a tax on people who have no other route to work,\" said Samuel Reyes"
    ));
    assert_eq!(d.paragraphs.len(), 6, "{:?}", d.paragraphs);
    assert_eq!(d.paragraphs[0].furniture, Some(Furniture::Headline));
    let repairs = d
        .paragraphs
        .iter()
        .find(|p| d.slice(p.start, p.end) == "Repairs")
        .unwrap();
    assert_eq!(repairs.furniture, Some(Furniture::Heading));
    let body = d
        .paragraphs
        .iter()
        .find(|p| d.slice(p.start, p.end).starts_with("Bridgeco"))
        .unwrap();
    assert_eq!(body.furniture, None);
}

#[test]
fn html_without_article_element_uses_the_densest_paragraph_block() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.htm");
    std::fs::write(
        &p,
        "<html><body><div class=menu><p>Login</p></div>
         <div class=story><p>The port authority said cargo volumes rose by a tenth.</p>
         <p>Its director, Ines Varga, said the new cranes had paid off.</p></div>
         <footer><p>Contact us</p></footer></body></html>",
    )
    .unwrap();
    let d = &ingest::load_file(&p).unwrap()[0];
    assert!(d.text.starts_with("The port authority said"));
    assert!(!d.text.contains("Login") && !d.text.contains("Contact"));
    assert_eq!(d.meta.title, None, "missing metadata is never invented");
    assert_eq!(d.meta.outlet, None);
}

#[test]
fn json_lines_records() {
    let docs = ingest::load_file(&Path::new(TOLL).join("wire.jsonl")).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "wire-0412");
    assert_eq!(
        docs[0].meta.title.as_deref(),
        Some("Dockers back toll delay")
    );
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Coastal Wire"));
    assert_eq!(docs[0].meta.date.as_deref(), Some("2024-03-08"));
    assert_eq!(docs[0].meta.author, None);
    assert_eq!(
        docs[0].meta.extra["tags"],
        serde_json::json!(["toll", "port"])
    );
    assert_eq!(docs[0].meta.extra["wordcount"], serde_json::json!(31));
    assert_eq!(docs[0].paragraphs.len(), 2);
    assert!(docs[0].source.ends_with("wire.jsonl#1"));
    // No "id": file stem and line number.
    assert_eq!(docs[1].id, "wire-2");
    assert_eq!(docs[1].meta.title, None);
    assert_eq!(docs[1].meta.extra["priority"], serde_json::json!(2));
}

#[test]
fn each_bad_input_fails_alone_with_a_one_line_reason() {
    let cases: &[(&str, &str)] = &[
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("broken-front-matter.md", "front matter"),
    ];
    for (file, reason) in cases {
        let p = Path::new(BAD).join(file);
        let e = ingest::load_file(&p).unwrap_err().to_string();
        assert!(e.contains(file) && e.contains(reason), "{file}: {e}");
        assert!(!e.contains('\n'), "{e}");
    }
    let missing = ingest::load_file(Path::new("tests/data/bad/no-such-file.txt"))
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("no-such-file.txt") && missing.contains("no such file"),
        "{missing}"
    );

    // A malformed JSON line names its line; the good line still loads.
    let recs = ingest::load_records(&Path::new(BAD).join("malformed.jsonl")).unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].as_ref().unwrap().id, "ok-1");
    let e = recs[1].as_ref().unwrap_err().to_string();
    assert!(
        e.contains("malformed.jsonl") && e.contains("line 2") && e.contains("JSON"),
        "{e}"
    );

    // A 50 MB file is refused from its size, without reading it.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let e = ingest::load_file(&big).unwrap_err().to_string();
    assert!(e.contains("huge.txt") && e.contains("limit"), "{e}");
}

#[test]
fn cli_loads_the_good_files_reports_the_bad_ones_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("in");
    copy_dir(Path::new(BAD), &corpus);
    std::fs::File::create(corpus.join("huge.txt"))
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", corpus.to_str().unwrap()], &store);
    assert!(!o.status.success());
    let err = stderr(&o);
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 6, "{err}");
    for name in [
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "broken-front-matter.md",
        "huge.txt",
        "malformed.jsonl: line 2",
    ] {
        assert!(
            error_lines.iter().any(|l| l.contains(name)),
            "{name} not reported: {err}"
        );
    }
    assert!(
        err.contains("articles: 2 new, 0 updated, 0 unchanged, 6 failed"),
        "{err}"
    );
    let s = Store::open_read_only(&store).unwrap();
    assert_eq!(s.article_ids().unwrap(), vec!["good", "ok-1"]);
}

#[test]
fn reingest_is_idempotent_and_a_changed_article_replaces_only_its_graph() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("toll");
    copy_dir(Path::new(TOLL), &corpus);
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", corpus.to_str().unwrap()], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("articles: 4 new, 0 updated, 0 unchanged, 0 failed"),
        "{}",
        stderr(&o)
    );
    let n1 = quads(&store);

    let o = stancegraph(&["ingest", corpus.to_str().unwrap()], &store);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("0 new, 0 updated, 4 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        quads(&store),
        n1,
        "re-ingesting unchanged articles changes nothing"
    );

    let graph_len = |id: &str| {
        Store::open_read_only(&store)
            .unwrap()
            .graph_len(mapping::graph_iri(id).as_ref())
            .unwrap()
    };
    let valley_before = graph_len("valley-times-toll");
    let md = corpus.join("harbour-gazette-toll.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        text.replace(
            "title: Mayor backs bridge toll",
            "title: Mayor defends bridge toll",
        ),
    )
    .unwrap();
    let o = stancegraph(&["ingest", corpus.to_str().unwrap()], &store);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("0 new, 1 updated, 3 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(graph_len("valley-times-toll"), valley_before);
    let s = Store::open_read_only(&store).unwrap();
    let h = s
        .select(
            "SELECT ?h WHERE { ?a sg:documentId \"harbour-gazette-toll\" ; schema:headline ?h }",
        )
        .unwrap();
    assert_eq!(h.len(), 1, "the old headline is gone");
    assert_eq!(
        h[0].str("h").unwrap(),
        "Mayor defends bridge toll as union warns of costs"
    );
    drop(s);

    // A failing version of a loaded article leaves the store exactly as it was.
    let before = quads(&store);
    std::fs::write(&md, "---\ntitle: broken\nno colon here\n---\nBody.\n").unwrap();
    let o = stancegraph(&["ingest", md.to_str().unwrap()], &store);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("harbour-gazette-toll.md"),
        "{}",
        stderr(&o)
    );
    assert_eq!(quads(&store), before);
    let s = Store::open_read_only(&store).unwrap();
    assert!(s.stored_hash("harbour-gazette-toll").unwrap().is_some());
}

#[test]
fn cli_query_export_and_validate_on_the_demo_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", "corpus"], &store);
    assert!(o.status.success(), "{}", stderr(&o));

    let s = Store::open_read_only(&store).unwrap();
    let r = s
        .select(
            "SELECT ?outlet (COUNT(DISTINCT ?p) AS ?paras) WHERE {
               ?a a schema:NewsArticle ; schema:publisher/schema:name ?outlet .
               ?p a sg:Paragraph ; nif:referenceContext/schema:isPartOf ?a } GROUP BY ?outlet",
        )
        .unwrap();
    assert_eq!(r[0].str("outlet").as_deref(), Some("IBTimes UK"));
    assert!(r[0].i64("paras").unwrap() >= 20);
    drop(s);

    let o = stancegraph(&["query", "--list"], &store);
    let list = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(list.lines().count() >= 10 && list.contains("who-argues-what"));

    let o = stancegraph(
        &[
            "query",
            "--format",
            "json",
            "--sparql",
            "SELECT ?o WHERE { ?a schema:publisher/schema:name ?o }",
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"]["bindings"][0]["o"]["value"], "IBTimes UK");

    let o = stancegraph(
        &[
            "query",
            "--sparql",
            "SELECT ?x WHERE {\n ?x a ?y .\n FILTER( }",
        ],
        &store,
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("line 3, column"), "{}", stderr(&o));

    let qfile = dir.path().join("q.rq");
    std::fs::write(&qfile, "SELECT ?h WHERE { ?a sg:documentId ?h }").unwrap();
    let o = stancegraph(
        &["query", qfile.to_str().unwrap(), "--format", "csv"],
        &store,
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("ibtimes-uk-cloudflare-isis-websites"));

    let out = dir.path().join("g.nq");
    let o = stancegraph(
        &[
            "export",
            "--format",
            "nquads",
            "--out",
            out.to_str().unwrap(),
        ],
        &store,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        quads(&store)
    );

    let o = stancegraph(&["validate"], &store);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    assert!(stderr(&o).contains("conforms"));
}

#[test]
fn ingest_reads_from_several_paths_and_an_actor_kb() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let kb = dir.path().join("actors.csv");
    std::fs::write(
        &kb,
        "name,aliases,kind,wikidata\nCoastal Wire Agency,Coastal Wire,outlet,Q777\n",
    )
    .unwrap();
    let files: Vec<PathBuf> = vec![
        Path::new(TOLL).join("wire.jsonl"),
        Path::new(BAD).join("good.txt"),
    ];
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--actors", kb.to_str().unwrap()]);
    let o = stancegraph(&args, &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = Store::open_read_only(&store).unwrap();
    let r = s
        .select("SELECT DISTINCT ?n ?w WHERE { ?a schema:publisher ?p . ?p schema:name ?n ; owl:sameAs ?w }")
        .unwrap();
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].str("n").unwrap(), "Coastal Wire Agency");
    assert_eq!(
        r[0].str("w").unwrap(),
        "http://www.wikidata.org/entity/Q777"
    );
}

#[test]
fn two_files_with_the_same_document_id_are_not_merged_silently() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("notice.txt"),
            format!("The {sub} council said the road will reopen in June."),
        )
        .unwrap();
    }
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", dir.path().to_str().unwrap()], &store);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("b/notice.txt") && err.contains("already used by"),
        "{err}"
    );
    assert!(err.contains("1 new"), "{err}");
}

/// End to end on our two-outlet story: the real annotator names the same
/// people and the union (by acronym in one article) in both, and each ends up
/// as one node described in both article graphs.
#[test]
fn the_same_actors_merge_across_outlets_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", TOLL], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = Store::open_read_only(&store).unwrap();
    let rows = s
        .select(
            // Names live in the actors graph; each article graph holds the nodes it names.
            "SELECT ?n (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?a a sg:Actor } ?a schema:name ?n
               FILTER(?g != <https://w3id.org/stancegraph/id/graph/actors>) } GROUP BY ?n",
        )
        .unwrap();
    let graphs = |name: &str| {
        rows.iter()
            .find(|r| r.str("n").as_deref() == Some(name))
            .and_then(|r| r.i64("graphs"))
            .unwrap_or(0)
    };
    assert_eq!(graphs("Maria Okafor"), 2, "{rows:?}");
    assert_eq!(graphs("Samuel Reyes"), 2, "{rows:?}");
    assert_eq!(graphs("Transport Workers Union"), 2, "{rows:?}");
    assert!(
        !rows.iter().any(|r| r.str("n").as_deref() == Some("TWU")),
        "{rows:?}"
    );
    let okafor = s
        .select(
            "SELECT (COUNT(DISTINCT ?art) AS ?n) WHERE {
               ?q schema:spokenByCharacter/schema:name \"Maria Okafor\" ; schema:isPartOf ?art }",
        )
        .unwrap();
    assert_eq!(okafor[0].i64("n"), Some(2), "quoted in both outlets");
}

/// End to end on the demo article: the four named speakers reach the graph
/// with citations that point back into the text, and the graph conforms.
#[test]
fn corpus_speakers_reach_the_graph_with_citations() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", "corpus"], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = Store::open_read_only(&store).unwrap();
    let doc =
        &ingest::load_file(Path::new("corpus/ibtimes-uk-cloudflare-isis-websites.md")).unwrap()[0];
    let rows = s
        .select(
            "SELECT DISTINCT ?name ?text ?start ?end WHERE {
               ?q a schema:Quotation ; schema:spokenByCharacter/schema:name ?name ;
                  sg:contentAnchor ?an ; sg:conveys/schema:text ?text .
               ?an nif:beginIndex ?start ; nif:endIndex ?end }",
        )
        .unwrap();
    let speaker_of = |needle: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.str("text").unwrap().contains(needle))
            .map(|r| r.str("name").unwrap())
            .collect()
    };
    assert_eq!(speaker_of("largest offender"), vec!["GhostSec"]);
    assert_eq!(
        speaker_of("plumbers of the internet"),
        vec!["Matthew Prince"]
    );
    assert_eq!(speaker_of("We take matters like this"), vec!["Frank Tighe"]);
    assert_eq!(speaker_of("I don't approve"), vec!["Daniel Brandt"]);
    for r in &rows {
        let (a, b) = (
            r.i64("start").unwrap() as usize,
            r.i64("end").unwrap() as usize,
        );
        let quoted = doc.slice(a, b);
        assert!(quoted.contains(&r.str("text").unwrap()), "{quoted:?}");
    }
    // "mob rule" is a fragment of an indirect claim, never a claim of its own.
    assert!(!rows.iter().any(|r| r.str("text").unwrap() == "mob rule"));
    drop(s);
    let o = stancegraph(&["validate"], &store);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

/// Runs the binary with its standard output already closed by the reader
/// (`stancegraph ... | head -1` at its worst): the process must end quietly,
/// by SIGPIPE or with exit 0, never with a panic.
fn closed_stdout(args: &[&str], store: &Path) -> std::process::ExitStatus {
    use std::io::Read;
    let mut child = Command::new(BIN)
        .args(args)
        .env("STANCEGRAPH_STORE", store)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        status.success() || status.signal() == Some(libc::SIGPIPE),
        "{args:?}: {status:?} {err}"
    );
    status
}

#[test]
fn a_closed_stdout_ends_every_printing_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let o = stancegraph(&["ingest", TOLL], &store);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = format!("{TOLL}/harbour-gazette-toll.md");
    for args in [
        vec!["extract", md.as_str(), "--json"],
        vec!["extract", md.as_str()],
        vec!["network", "--format", "json"],
        vec!["network"],
        vec!["query", "who-argues-what"],
        vec!["query", "--list"],
        vec!["export", "--format", "turtle"],
        vec!["validate"],
        vec!["completions", "bash"],
    ] {
        closed_stdout(&args, &store);
    }
}

#[test]
fn completions_and_global_verbosity_flags() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = Command::new(BIN)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(o.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&o.stdout);
        assert!(
            script.contains("ingest") && script.contains("store") && script.contains("completions"),
            "{shell}: {script}"
        );
    }
    let o = stancegraph(&["ingest", TOLL], &store);
    assert!(o.status.success());
    // --quiet: the summary line of validate goes; its result (exit code) stays.
    let o = stancegraph(&["validate", "--quiet"], &store);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "quiet prints nothing on success");
    let o = stancegraph(&["-q", "validate"], &store);
    assert_eq!(stderr(&o), "");
    let o = stancegraph(&["validate"], &store);
    assert!(stderr(&o).contains("conforms"));
    // --verbose: per-file timings from extract.
    let md = format!("{TOLL}/harbour-gazette-toll.md");
    let o = Command::new(BIN)
        .args(["extract", &md, "--verbose"])
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("harbour-gazette-toll.md: "),
        "{}",
        stderr(&o)
    );
    let o = Command::new(BIN)
        .args(["extract", &md, "--quiet", "--verbose"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "--quiet and --verbose conflict");
}

#[test]
fn extract_reports_a_bad_file_and_prints_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    std::fs::write(
        &deep,
        format!(
            "<html><body>{}<p>x</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    let good = format!("{BAD}/good.txt");
    let o = Command::new(BIN)
        .args(["extract", deep.to_str().unwrap(), &good])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("deep.html: HTML nests elements"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("== good"));
}
