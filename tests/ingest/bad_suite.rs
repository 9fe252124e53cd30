//! The bad-input suite: one case per kind of hostile or unusual input. For each,
//! `stancegraph ingest` runs on a copy of a store that already holds one article,
//! over a corpus holding the input plus one good companion article, and the case
//! checks: the exit code; one `error:` line per bad file or record, naming it, with
//! the reason; the companion (and whatever the input rightly holds) loaded; the
//! article already stored untouched; and the store valid against the SHACL shapes.
//! `cargo test --release --test ingest bad_input_suite -- --nocapture` prints the
//! table of kinds, exit codes and messages.

use stancegraph::rdf::mapping;
use stancegraph::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BAD: &str = "tests/data/bad";
const COMPANION: &str =
    "The port authority said cargo volumes rose by a tenth, its director, Ines Varga, said.\n";

/// Puts a case's input under `corpus` (the store is at `store`, already holding
/// `good`); returns the paths to ingest (`None`: the corpus directory).
type Setup = fn(corpus: &Path, store: &Path) -> Option<Vec<PathBuf>>;

/// One kind of input and what ingesting it must do.
struct Case {
    kind: &'static str,
    /// A data file to copy into the corpus, relative to `tests/data/bad`.
    file: Option<&'static str>,
    /// Anything else to set up.
    setup: Option<Setup>,
    /// Expected exit code.
    exit: i32,
    /// One (file fragment, reason fragment) per expected `error:` line.
    errors: Vec<(&'static str, &'static str)>,
    /// Document ids the store must hold afterwards besides `good` and `companion`.
    loaded: Vec<&'static str>,
    /// Further checks on the store.
    check: Option<fn(&Store)>,
}

fn base_name(file: &'static str) -> &'static str {
    file.rsplit('/').next().unwrap_or(file)
}

/// A data file refused with one error line.
fn refused(kind: &'static str, file: &'static str, reason: &'static str) -> Case {
    records(kind, file, vec![reason], vec![])
}

/// A data file of records, some refused (one error line each), some loaded.
fn records(
    kind: &'static str,
    file: &'static str,
    reasons: Vec<&'static str>,
    loaded: Vec<&'static str>,
) -> Case {
    Case {
        kind,
        file: Some(file),
        setup: None,
        exit: 1,
        errors: reasons.into_iter().map(|r| (base_name(file), r)).collect(),
        loaded,
        check: None,
    }
}

/// A data file loaded as document `id`, then checked.
fn accepted(kind: &'static str, file: &'static str, id: &'static str, check: fn(&Store)) -> Case {
    Case {
        kind,
        file: Some(file),
        setup: None,
        exit: 0,
        errors: vec![],
        loaded: vec![id],
        check: Some(check),
    }
}

/// Input made by `setup`.
fn made(
    kind: &'static str,
    setup: Setup,
    exit: i32,
    errors: Vec<(&'static str, &'static str)>,
    loaded: Vec<&'static str>,
) -> Case {
    Case {
        kind,
        file: None,
        setup: Some(setup),
        exit,
        errors,
        loaded,
        check: None,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Runs the binary with a time limit: a hang (a FIFO read, a quadratic parser) fails the case.
fn run(args: &[&std::ffi::OsStr], limit: Duration) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stancegraph"))
        .args(args)
        .env_remove("STANCEGRAPH_STORE")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn ingest(paths: &[PathBuf], store: &Path) -> (i32, String) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["ingest".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend(["--store".as_ref(), store.as_os_str()]);
    run(&args, Duration::from_secs(120))
}

fn names_in(store: &Store, id: &str) -> Vec<String> {
    store
        .select(&format!(
            // The article graph keeps one record per actor as the article names it;
            // the resolved actor's name lives in the derived actors graph.
            "SELECT DISTINCT ?n WHERE {{ \
               {{ GRAPH <{g}> {{ ?r a sg:ActorRecord ; sg:recordName ?n }} }} UNION \
               {{ GRAPH <{g}> {{ ?a a sg:Actor }} GRAPH <{actors}> {{ ?a schema:name ?n }} }} }}",
            g = mapping::graph_iri(id).as_str(),
            actors = mapping::actors_graph_iri().as_str()
        ))
        .unwrap()
        .iter()
        .filter_map(|r| r.str("n"))
        .collect()
}

fn article_value(store: &Store, id: &str, property: &str) -> Option<String> {
    store
        .select(&format!(
            "SELECT ?v WHERE {{ ?a sg:documentId \"{id}\" ; {property} ?v }}"
        ))
        .unwrap()
        .first()
        .and_then(|r| r.str("v"))
}

fn text_of(store: &Store, id: &str) -> String {
    store
        .select(&format!(
            "SELECT ?t WHERE {{ GRAPH <{}> {{ ?c nif:isString ?t }} }}",
            mapping::graph_iri(id).as_str()
        ))
        .unwrap()
        .first()
        .and_then(|r| r.str("t"))
        .unwrap_or_default()
}

fn write(p: &Path, s: impl AsRef<[u8]>) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, s).unwrap();
}

#[cfg(unix)]
fn raw_name(dir: &Path, bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    dir.join(std::ffi::OsStr::from_bytes(bytes))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn cases() -> Vec<Case> {
    let mut all = encoding_cases();
    all.extend(front_matter_cases());
    all.extend(record_cases());
    all.extend(file_system_cases());
    all.extend(id_cases());
    all
}

fn has_name(s: &Store, id: &str, name: &str) -> bool {
    names_in(s, id).iter().any(|n| n == name)
}

fn encoding_cases() -> Vec<Case> {
    vec![
        refused("empty file", "empty.txt", "file is empty"),
        refused(
            "whitespace only",
            "suite/whitespace-only.txt",
            "file is empty",
        ),
        refused("binary (NUL bytes at the start)", "binary.txt", "NUL"),
        refused(
            "NUL byte deep inside a text file",
            "suite/nul-in-text.md",
            "NUL",
        ),
        refused("Latin-1 bytes (not UTF-8)", "latin1.txt", "not valid UTF-8"),
        refused("UTF-32 with BOM", "suite/utf32.txt", "UTF-32"),
        accepted(
            "UTF-16 with BOM (decoded)",
            "suite/utf16-bom.txt",
            "utf16-bom",
            |s| {
                assert!(has_name(s, "utf16-bom", "Dara Quinn"));
            },
        ),
        accepted(
            "UTF-8 BOM before front matter",
            "suite/utf8-bom.md",
            "utf8-bom",
            |s| {
                let h = article_value(s, "utf8-bom", "schema:headline");
                assert_eq!(h.as_deref(), Some("Ferry fares rise"));
            },
        ),
        accepted(
            "CRLF line ends (front matter and body)",
            "suite/crlf.md",
            "crlf",
            |s| {
                let h = article_value(s, "crlf", "schema:headline");
                assert_eq!(h.as_deref(), Some("Library hours cut"));
                assert!(!text_of(s, "crlf").contains('\r'));
                assert!(has_name(s, "crlf", "Omar Haddad"));
            },
        ),
        accepted("lone CR line ends", "suite/cr-only.txt", "cr-only", |s| {
            let t = text_of(s, "cr-only");
            assert!(!t.contains('\r') && t.contains("rise.\n"), "{t:?}");
        }),
        refused(
            "zero-width characters only",
            "suite/zero-width-only.txt",
            "article text is empty",
        ),
        accepted(
            "zero-width characters inside names",
            "suite/zero-width-names.txt",
            "zero-width-names",
            |s| {
                let n = names_in(s, "zero-width-names");
                assert!(
                    n.contains(&"Anna Berg".into()) && !n.iter().any(|x| x == "Ann" || x == "Berg"),
                    "{n:?}"
                );
            },
        ),
        accepted(
            "combining accents in names (NFD)",
            "suite/combining-names.txt",
            "combining-names",
            |s| {
                let n = names_in(s, "combining-names");
                assert!(
                    n.contains(&"José März".into()) && !n.iter().any(|x| x == "Jose"),
                    "{n:?}"
                );
            },
        ),
        made(
            "huge single line (150,000 chars)",
            |c, _| {
                write(&c.join("one-line.txt"), "word ".repeat(30_000));
                None
            },
            1,
            vec![("one-line.txt", "without a line break")],
            vec![],
        ),
        made(
            "file over the 20 MB limit",
            |c, _| {
                std::fs::File::create(c.join("huge.txt"))
                    .unwrap()
                    .set_len(50 * 1024 * 1024)
                    .unwrap();
                None
            },
            1,
            vec![("huge.txt", "over the 20 MB limit")],
            vec![],
        ),
        made(
            "HTML: 100,000 nested <div>s",
            |c, _| {
                let (open, close) = ("<div>".repeat(100_000), "</div>".repeat(100_000));
                write(
                    &c.join("deep.html"),
                    format!("<html><body>{open}<p>The mayor said so.</p>{close}</body></html>"),
                );
                None
            },
            1,
            vec![("deep.html", "nests elements more than 1000 levels deep")],
            vec![],
        ),
        refused(
            "HTML page without article text",
            "suite/no-text.html",
            "no article text",
        ),
    ]
}

fn front_matter_cases() -> Vec<Case> {
    vec![
        accepted(
            "YAML: block list, folded scalar, flow list, comments, prose date",
            "suite/yaml-variants.md",
            "yaml-variants",
            |s| {
                let v = |p| article_value(s, "yaml-variants", p);
                assert_eq!(
                    v("schema:headline").as_deref(),
                    Some("Tram line: the second vote")
                );
                assert_eq!(v("schema:author").as_deref(), Some("Ines Varga, Tom Akers"));
                assert_eq!(v("schema:datePublished").as_deref(), Some("2024-03-07"));
                assert_eq!(
                    v("schema:publisher/schema:name").as_deref(),
                    Some("The Valley Courier")
                );
                let extra = v("sg:extraMetadata").unwrap();
                assert!(
                    extra.contains("\"date_original\":\"March 7th, 2024\""),
                    "{extra}"
                );
                assert!(
                    extra.contains("\"tags\":[\"transport\",\"council\"]"),
                    "{extra}"
                );
            },
        ),
        accepted(
            "TOML +++ front matter",
            "suite/toml-front-matter.md",
            "toml-front-matter",
            |s| {
                let v = |p| article_value(s, "toml-front-matter", p);
                assert_eq!(v("schema:headline").as_deref(), Some("Dam plan approved"));
                assert_eq!(
                    v("schema:datePublished").as_deref(),
                    Some("2024-03-07T09:00:00Z")
                );
                assert_eq!(v("schema:author").as_deref(), Some("Ruth Okoye"));
            },
        ),
        refused(
            "front matter: line without a colon",
            "broken-front-matter.md",
            "front matter line 4: YAML syntax error",
        ),
        refused(
            "YAML syntax error",
            "suite/yaml-syntax.md",
            "front matter line 4: YAML syntax error",
        ),
        refused(
            "front matter never closed",
            "suite/yaml-unclosed.md",
            "no closing `---` line",
        ),
        refused(
            "wrong type: list for title",
            "suite/yaml-wrong-type.md",
            "front matter line 2: `title` must be text, got a list",
        ),
        refused(
            "impossible date",
            "suite/yaml-bad-date.md",
            "front matter line 3: `date` \"2024-13-45\" is not a date",
        ),
        refused(
            "YAML alias expansion (billion laughs)",
            "suite/yaml-alias.md",
            "aliases",
        ),
        refused(
            "YAML nested 200 deep",
            "suite/yaml-deep.md",
            "nested deeper than 32 levels",
        ),
        refused(
            "TOML syntax error",
            "suite/toml-syntax.md",
            "front matter line 3: TOML syntax error",
        ),
        refused(
            "TOML wrong type: table for title",
            "suite/toml-wrong-type.md",
            "front matter line 2: `title` must be text",
        ),
        refused(
            "front matter with no body",
            "suite/front-matter-only.md",
            "article body is empty",
        ),
    ]
}

fn record_cases() -> Vec<Case> {
    vec![
        records(
            "JSONL: malformed line",
            "malformed.jsonl",
            vec!["line 2: column"],
            vec!["ok-1"],
        ),
        records(
            "JSONL: truncated last line",
            "suite/records-truncated.jsonl",
            vec!["line 2: column 70: truncated JSON"],
            vec!["ferry-1"],
        ),
        records(
            "JSONL: JSON that is not an object",
            "suite/records-not-object.jsonl",
            vec![
                "line 2: expected a JSON object, got an array",
                "line 3: expected a JSON object, got a string",
            ],
            vec!["pier-1"],
        ),
        records(
            "JSONL: lone surrogate escape",
            "suite/records-lone-surrogate.jsonl",
            vec!["lone surrogate"],
            vec!["tide-1"],
        ),
        records(
            "JSONL: wrong field types",
            "suite/records-wrong-types.jsonl",
            vec![
                "line 1: field `text` is not a string",
                "line 2: `title` must be text",
            ],
            vec!["wt-3"],
        ),
        refused(
            "JSONL: record without text",
            "suite/records-no-text.jsonl",
            "line 1: no `text`",
        ),
        refused(
            "JSONL: blank lines only",
            "suite/records-blank.jsonl",
            "file is empty",
        ),
        refused(
            "JSONL: nested 300 deep",
            "suite/records-deep.jsonl",
            "recursion limit",
        ),
    ]
}

fn file_system_cases() -> Vec<Case> {
    vec![
        made(
            "FIFO in the corpus",
            |c, _| {
                let p = std::ffi::CString::new(c.join("pipe.txt").to_str().unwrap()).unwrap();
                // SAFETY: a valid C string path; mkfifo has no other preconditions.
                assert_eq!(unsafe { libc::mkfifo(p.as_ptr(), 0o644) }, 0);
                None
            },
            1,
            vec![(
                "pipe.txt",
                "a FIFO (named pipe), not a regular file; skipped",
            )],
            vec![],
        ),
        made(
            "socket in the corpus",
            |c, _| {
                std::mem::forget(
                    std::os::unix::net::UnixListener::bind(c.join("sock.txt")).unwrap(),
                );
                None
            },
            1,
            vec![("sock.txt", "a socket, not a regular file")],
            vec![],
        ),
        made(
            "device named on the command line",
            |c, _| Some(vec![PathBuf::from("/dev/zero"), c.join("companion.txt")]),
            1,
            vec![("/dev/zero", "a device, not a regular file")],
            vec![],
        ),
        made(
            "symlink loop",
            |c, _| {
                std::os::unix::fs::symlink(c.join("self.txt"), c.join("self.txt")).unwrap();
                None
            },
            1,
            vec![("self.txt", "symbolic link loop")],
            vec![],
        ),
        made(
            "dangling symlink",
            |c, _| {
                std::os::unix::fs::symlink(c.join("nowhere.txt"), c.join("gone.txt")).unwrap();
                None
            },
            1,
            vec![("gone.txt", "no such file")],
            vec![],
        ),
        made(
            "symlinked directory cycle (not followed)",
            |c, _| {
                std::fs::create_dir_all(c.join("sub")).unwrap();
                std::os::unix::fs::symlink(c, c.join("sub/up")).unwrap();
                None
            },
            0,
            vec![],
            vec![],
        ),
        made(
            "directory with a corpus extension",
            |c, _| {
                std::fs::create_dir_all(c.join("folder.txt")).unwrap();
                None
            },
            0,
            vec![],
            vec![],
        ),
        made(
            "empty directory next to a file",
            |c, _| {
                std::fs::create_dir_all(c.join("empty")).unwrap();
                Some(vec![c.join("empty"), c.join("companion.txt")])
            },
            0,
            vec![],
            vec![],
        ),
        made(
            "same file named twice",
            |c, _| {
                Some(vec![
                    c.join("companion.txt"),
                    c.join(".").join("companion.txt"),
                ])
            },
            0,
            vec![],
            vec![],
        ),
        // Tests run as root here, and root reads a mode-000 file: the case then
        // checks that it loads; as another user, that it fails.
        made(
            "permission denied",
            |c, _| {
                use std::os::unix::fs::PermissionsExt;
                let p = c.join("locked.txt");
                write(
                    &p,
                    "The museum will close for repairs, its curator, Ada Brook, said.\n",
                );
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
                None
            },
            if is_root() { 0 } else { 1 },
            if is_root() {
                vec![]
            } else {
                vec![("locked.txt", "permission denied")]
            },
            if is_root() { vec!["locked"] } else { vec![] },
        ),
    ]
}

fn id_cases() -> Vec<Case> {
    vec![
        made(
            "non-UTF-8 file names",
            |c, _| {
                write(
                    &raw_name(c, b"caf\xe9.txt"),
                    "The cafe owner, Luc Marchand, said prices would rise.\n",
                );
                write(
                    &raw_name(c, b"caf\xe8.txt"),
                    "The cafe owner, Rosa Ferri, said prices would fall.\n",
                );
                None
            },
            0,
            vec![],
            vec!["caf-hdafd66c0", "caf-hf56aee5c"],
        ),
        made(
            "file names without ASCII letters",
            |c, _| {
                write(
                    &c.join("新闻.txt"),
                    "The transport minister, Chen Wei, said the line would open in May.\n",
                );
                write(
                    &c.join("新聞.txt"),
                    "The harbour chief, Lin Mei, said the berth would close in June.\n",
                );
                None
            },
            0,
            vec![],
            vec!["document-hd39567b2", "document-h9c200fe1"],
        ),
        Case {
            check: Some(|s| {
                let src = article_value(s, "report-1", "sg:sourceFile").unwrap();
                assert!(src.ends_with("a/Report 1.txt"), "{src}");
            }),
            ..made(
                "colliding ids in one run",
                |c, _| {
                    write(&c.join("a/Report 1.txt"), "The school board said the term would start late, its chair, Eva Lund, said.\n");
                    write(&c.join("b/report_1.md"), "The hospital said the ward would reopen, its director, Kofi Mensah, said.\n");
                    None
                },
                1,
                vec![(
                    "b/report_1.md",
                    "document id \"report-1\" is already used by",
                )],
                vec!["report-1"],
            )
        },
        Case {
            check: Some(|s| {
                let src = article_value(s, "report-1", "sg:sourceFile").unwrap();
                assert!(src.ends_with("earlier/Report 1.txt"), "{src}");
                assert!(has_name(s, "report-1", "Eva Lund"));
            }),
            ..made(
                "colliding ids across runs",
                |c, store| {
                    let first = c.parent().unwrap().join("earlier/Report 1.txt");
                    write(&first, "The school board said the term would start late, its chair, Eva Lund, said.\n");
                    assert_eq!(ingest(&[first], store).0, 0);
                    write(&c.join("report_1.md"), "The hospital said the ward would reopen, its director, Kofi Mensah, said.\n");
                    None
                },
                1,
                vec![("report_1.md", "is already used by")],
                vec!["report-1"],
            )
        },
        Case {
            check: Some(|s| assert!(text_of(s, "notice").contains("July"))),
            ..made(
                "moved file takes its id over",
                |c, store| {
                    let old = c.parent().unwrap().join("old/notice.txt");
                    write(&old, "The road will reopen in June, the council said.\n");
                    assert_eq!(ingest(std::slice::from_ref(&old), store).0, 0);
                    std::fs::remove_file(&old).unwrap();
                    write(
                        &c.join("notice.txt"),
                        "The road will reopen in July, the council said.\n",
                    );
                    None
                },
                0,
                vec![],
                vec!["notice"],
            )
        },
        made(
            "store from the earlier id scheme (id \"document\")",
            |c, store| {
                let p = c.join("新闻.txt");
                write(
                    &p,
                    "The transport minister, Chen Wei, said the line would open in May.\n",
                );
                let mut doc = stancegraph::ingest::load_file(&p).unwrap().remove(0);
                doc.id = "document".into();
                let s = Store::open(store).unwrap();
                let annotator = stancegraph::annotate::Annotator::rules_only();
                let mut ing = stancegraph::ingest::pipeline::Ingester::new(
                    &s,
                    &annotator,
                    Default::default(),
                )
                .unwrap();
                ing.ingest_document(&doc).unwrap();
                assert!(s.article_ids().unwrap().contains(&"document".to_string()));
                None
            },
            0,
            vec![],
            vec!["document-hd39567b2"],
        ),
    ]
}

#[test]
fn bad_input_suite() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let good = Path::new(BAD).join("good.txt");
    assert_eq!(ingest(std::slice::from_ref(&good), &base).0, 0);
    let (good_len, good_hash) = {
        let s = Store::open_read_only(&base).unwrap();
        (
            s.graph_len(mapping::graph_iri("good").as_ref()).unwrap(),
            s.stored_hash("good").unwrap(),
        )
    };
    let cases = cases();
    assert!(cases.len() >= 30, "{} kinds", cases.len());
    let mut table = vec![];
    for (i, case) in cases.iter().enumerate() {
        let root = dir.path().join(format!("case-{i:02}"));
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        write(&corpus.join("companion.txt"), COMPANION);
        let store = root.join("s.db");
        copy_dir(&base, &store);
        if let Some(f) = case.file {
            std::fs::copy(Path::new(BAD).join(f), corpus.join(base_name(f))).unwrap();
        }
        let paths = case
            .setup
            .and_then(|setup| setup(&corpus, &store))
            .unwrap_or_else(|| vec![corpus.clone()]);
        let (code, err) = ingest(&paths, &store);
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        let ctx = format!("case {:?}: exit {code}\n{err}", case.kind);
        assert_eq!(code, case.exit, "{ctx}");
        assert_eq!(errors.len(), case.errors.len(), "{ctx}");
        for (file, reason) in &case.errors {
            assert!(
                errors
                    .iter()
                    .any(|l| l.contains(file) && l.contains(reason)),
                "{file} / {reason} not reported: {ctx}"
            );
        }
        assert!(err.lines().any(|l| l.starts_with("articles: ")), "{ctx}");
        let s = Store::open_read_only(&store).unwrap();
        let mut want: Vec<String> = ["good", "companion"]
            .iter()
            .chain(&case.loaded)
            .map(|s| s.to_string())
            .collect();
        want.sort();
        assert_eq!(s.article_ids().unwrap(), want, "{ctx}");
        assert_eq!(
            s.graph_len(mapping::graph_iri("good").as_ref()).unwrap(),
            good_len,
            "{ctx}"
        );
        assert_eq!(s.stored_hash("good").unwrap(), good_hash, "{ctx}");
        if let Some(check) = case.check {
            check(&s);
        }
        let report = stancegraph::validate::validate_store(&s, None).unwrap();
        assert!(report.conforms, "{ctx}: {:?}", report.violations);
        table.push(format!(
            "{:<62} exit {code}  {}",
            case.kind,
            if errors.is_empty() {
                "(no error)".to_string()
            } else {
                errors.join(" | ")
            }
        ));
    }
    println!("{} kinds:\n{}", table.len(), table.join("\n"));
}
