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

const SUITE: &str = "tests/data/bad/suite";
const BAD: &str = "tests/data/bad";
const COMPANION: &str =
    "The port authority said cargo volumes rose by a tenth, its director, Ines Varga, said.\n";

/// One kind of input and what ingesting it must do.
struct Case {
    kind: &'static str,
    /// Puts the input under `corpus` (the store is at `store`, already holding
    /// `good`); returns the paths to ingest (`None`: the corpus directory).
    setup: fn(corpus: &Path, store: &Path) -> Option<Vec<PathBuf>>,
    /// Expected exit code.
    exit: i32,
    /// One (file fragment, reason fragment) per expected `error:` line.
    errors: &'static [(&'static str, &'static str)],
    /// Document ids the store must hold afterwards besides `good` and `companion`.
    loaded: &'static [&'static str],
    /// Further checks on the store.
    check: Option<fn(&Store)>,
}

fn copy_suite(name: &str, corpus: &Path) -> Option<Vec<PathBuf>> {
    std::fs::copy(Path::new(SUITE).join(name), corpus.join(name)).unwrap();
    None
}

fn copy_bad(name: &str, corpus: &Path) -> Option<Vec<PathBuf>> {
    std::fs::copy(Path::new(BAD).join(name), corpus.join(name)).unwrap();
    None
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
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
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
            "SELECT DISTINCT ?n WHERE {{ GRAPH <{}> {{ ?a a sg:Actor ; schema:name ?n }} }}",
            mapping::graph_iri(id).as_str()
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
    macro_rules! suite {
        ($kind:expr, $file:expr, $exit:expr, $errors:expr, $loaded:expr, $check:expr) => {
            Case {
                kind: $kind,
                setup: |c, _| copy_suite($file, c),
                exit: $exit,
                errors: $errors,
                loaded: $loaded,
                check: $check,
            }
        };
    }
    vec![
        Case { kind: "empty file", setup: |c, _| copy_bad("empty.txt", c), exit: 1, errors: &[("empty.txt", "file is empty")], loaded: &[], check: None },
        suite!("whitespace only", "whitespace-only.txt", 1, &[("whitespace-only.txt", "file is empty")], &[], None),
        Case { kind: "binary (NUL bytes at the start)", setup: |c, _| copy_bad("binary.txt", c), exit: 1, errors: &[("binary.txt", "NUL")], loaded: &[], check: None },
        suite!("NUL byte deep inside a text file", "nul-in-text.md", 1, &[("nul-in-text.md", "NUL")], &[], None),
        Case { kind: "Latin-1 bytes (not UTF-8)", setup: |c, _| copy_bad("latin1.txt", c), exit: 1, errors: &[("latin1.txt", "not valid UTF-8")], loaded: &[], check: None },
        suite!("UTF-32 with BOM", "utf32.txt", 1, &[("utf32.txt", "UTF-32")], &[], None),
        suite!("UTF-16 with BOM (decoded)", "utf16-bom.txt", 0, &[], &["utf16-bom"], Some(|s| assert!(names_in(s, "utf16-bom").contains(&"Dara Quinn".to_string())))),
        suite!("UTF-8 BOM before front matter", "utf8-bom.md", 0, &[], &["utf8-bom"], Some(|s| assert_eq!(article_value(s, "utf8-bom", "schema:headline").as_deref(), Some("Ferry fares rise")))),
        suite!("CRLF line ends (front matter and body)", "crlf.md", 0, &[], &["crlf"], Some(|s| {
            assert_eq!(article_value(s, "crlf", "schema:headline").as_deref(), Some("Library hours cut"));
            assert!(!text_of(s, "crlf").contains('\r'));
            assert!(names_in(s, "crlf").contains(&"Omar Haddad".to_string()));
        })),
        suite!("lone CR line ends", "cr-only.txt", 0, &[], &["cr-only"], Some(|s| {
            let t = text_of(s, "cr-only");
            assert!(!t.contains('\r') && t.contains("rise.\n"), "{t:?}");
        })),
        suite!("zero-width characters only", "zero-width-only.txt", 1, &[("zero-width-only.txt", "article text is empty")], &[], None),
        suite!("zero-width characters inside names", "zero-width-names.txt", 0, &[], &["zero-width-names"], Some(|s| {
            let n = names_in(s, "zero-width-names");
            assert!(n.contains(&"Anna Berg".to_string()) && !n.iter().any(|x| x == "Ann" || x == "Berg"), "{n:?}");
        })),
        suite!("combining accents in names (NFD)", "combining-names.txt", 0, &[], &["combining-names"], Some(|s| {
            let n = names_in(s, "combining-names");
            assert!(n.contains(&"José März".to_string()) && !n.iter().any(|x| x == "Jose"), "{n:?}");
        })),
        suite!("YAML: block list, folded scalar, flow list, comments, prose date", "yaml-variants.md", 0, &[], &["yaml-variants"], Some(|s| {
            assert_eq!(article_value(s, "yaml-variants", "schema:headline").as_deref(), Some("Tram line: the second vote"));
            assert_eq!(article_value(s, "yaml-variants", "schema:author").as_deref(), Some("Ines Varga, Tom Akers"));
            assert_eq!(article_value(s, "yaml-variants", "schema:datePublished").as_deref(), Some("2024-03-07"));
            let extra = article_value(s, "yaml-variants", "sg:extraMetadata").unwrap();
            assert!(extra.contains("\"date_original\":\"March 7th, 2024\"") && extra.contains("\"tags\":[\"transport\",\"council\"]"), "{extra}");
            let outlet = s.select("SELECT ?n WHERE { ?a sg:documentId \"yaml-variants\" ; schema:publisher/schema:name ?n }").unwrap();
            assert_eq!(outlet[0].str("n").as_deref(), Some("The Valley Courier"));
        })),
        suite!("TOML +++ front matter", "toml-front-matter.md", 0, &[], &["toml-front-matter"], Some(|s| {
            assert_eq!(article_value(s, "toml-front-matter", "schema:headline").as_deref(), Some("Dam plan approved"));
            assert_eq!(article_value(s, "toml-front-matter", "schema:datePublished").as_deref(), Some("2024-03-07T09:00:00Z"));
            assert_eq!(article_value(s, "toml-front-matter", "schema:author").as_deref(), Some("Ruth Okoye"));
        })),
        Case { kind: "front matter: line without a colon", setup: |c, _| copy_bad("broken-front-matter.md", c), exit: 1, errors: &[("broken-front-matter.md", "front matter line 4: YAML syntax error")], loaded: &[], check: None },
        suite!("YAML syntax error", "yaml-syntax.md", 1, &[("yaml-syntax.md", "front matter line 4: YAML syntax error")], &[], None),
        suite!("front matter never closed", "yaml-unclosed.md", 1, &[("yaml-unclosed.md", "no closing `---` line")], &[], None),
        suite!("wrong type: list for title", "yaml-wrong-type.md", 1, &[("yaml-wrong-type.md", "front matter line 2: `title` must be text, got a list")], &[], None),
        suite!("impossible date", "yaml-bad-date.md", 1, &[("yaml-bad-date.md", "front matter line 3: `date` \"2024-13-45\" is not a date")], &[], None),
        suite!("YAML alias expansion (billion laughs)", "yaml-alias.md", 1, &[("yaml-alias.md", "aliases")], &[], None),
        suite!("YAML nested 200 deep", "yaml-deep.md", 1, &[("yaml-deep.md", "nested deeper than 32 levels")], &[], None),
        suite!("TOML syntax error", "toml-syntax.md", 1, &[("toml-syntax.md", "front matter line 3: TOML syntax error")], &[], None),
        suite!("TOML wrong type: table for title", "toml-wrong-type.md", 1, &[("toml-wrong-type.md", "front matter line 2: `title` must be text")], &[], None),
        suite!("front matter with no body", "front-matter-only.md", 1, &[("front-matter-only.md", "article body is empty")], &[], None),
        suite!("HTML page without article text", "no-text.html", 1, &[("no-text.html", "no article text")], &[], None),
        Case { kind: "HTML: 100,000 nested <div>s", setup: |c, _| {
            write(&c.join("deep.html"), format!("<html><body>{}<p>The mayor said so.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000)));
            None
        }, exit: 1, errors: &[("deep.html", "nests elements more than 1000 levels deep")], loaded: &[], check: None },
        Case { kind: "file over the 20 MB limit", setup: |c, _| {
            std::fs::File::create(c.join("huge.txt")).unwrap().set_len(50 * 1024 * 1024).unwrap();
            None
        }, exit: 1, errors: &[("huge.txt", "over the 20 MB limit")], loaded: &[], check: None },
        Case { kind: "huge single line (150,000 chars)", setup: |c, _| {
            write(&c.join("one-line.txt"), "word ".repeat(30_000));
            None
        }, exit: 1, errors: &[("one-line.txt", "without a line break")], loaded: &[], check: None },
        Case { kind: "JSONL: malformed line", setup: |c, _| copy_bad("malformed.jsonl", c), exit: 1, errors: &[("malformed.jsonl", "line 2: column")], loaded: &["ok-1"], check: None },
        suite!("JSONL: truncated last line", "records-truncated.jsonl", 1, &[("records-truncated.jsonl", "line 2: column 70: truncated JSON")], &["ferry-1"], None),
        suite!("JSONL: JSON that is not an object", "records-not-object.jsonl", 1, &[("records-not-object.jsonl", "line 2: expected a JSON object, got an array"), ("records-not-object.jsonl", "line 3: expected a JSON object, got a string")], &["pier-1"], None),
        suite!("JSONL: lone surrogate escape", "records-lone-surrogate.jsonl", 1, &[("records-lone-surrogate.jsonl", "lone surrogate")], &["tide-1"], None),
        suite!("JSONL: wrong field types", "records-wrong-types.jsonl", 1, &[("records-wrong-types.jsonl", "line 1: field `text` is not a string"), ("records-wrong-types.jsonl", "line 2: `title` must be text")], &["wt-3"], None),
        suite!("JSONL: record without text", "records-no-text.jsonl", 1, &[("records-no-text.jsonl", "line 1: no `text`")], &[], None),
        suite!("JSONL: blank lines only", "records-blank.jsonl", 1, &[("records-blank.jsonl", "file is empty")], &[], None),
        suite!("JSONL: nested 300 deep", "records-deep.jsonl", 1, &[("records-deep.jsonl", "recursion limit")], &[], None),
        Case { kind: "FIFO in the corpus", setup: |c, _| {
            let p = std::ffi::CString::new(c.join("pipe.txt").to_str().unwrap()).unwrap();
            // SAFETY: a valid C string path; mkfifo has no other preconditions.
            assert_eq!(unsafe { libc::mkfifo(p.as_ptr(), 0o644) }, 0);
            None
        }, exit: 1, errors: &[("pipe.txt", "a FIFO (named pipe), not a regular file; skipped")], loaded: &[], check: None },
        Case { kind: "socket in the corpus", setup: |c, _| {
            let l = std::os::unix::net::UnixListener::bind(c.join("sock.txt")).unwrap();
            std::mem::forget(l);
            None
        }, exit: 1, errors: &[("sock.txt", "a socket, not a regular file")], loaded: &[], check: None },
        Case { kind: "device named on the command line", setup: |c, _| {
            Some(vec![PathBuf::from("/dev/zero"), c.join("companion.txt")])
        }, exit: 1, errors: &[("/dev/zero", "a device, not a regular file")], loaded: &[], check: None },
        Case { kind: "symlink loop", setup: |c, _| {
            std::os::unix::fs::symlink(c.join("self.txt"), c.join("self.txt")).unwrap();
            None
        }, exit: 1, errors: &[("self.txt", "symbolic link loop")], loaded: &[], check: None },
        Case { kind: "dangling symlink", setup: |c, _| {
            std::os::unix::fs::symlink(c.join("nowhere.txt"), c.join("gone.txt")).unwrap();
            None
        }, exit: 1, errors: &[("gone.txt", "no such file")], loaded: &[], check: None },
        Case { kind: "symlinked directory cycle (not followed)", setup: |c, _| {
            std::fs::create_dir_all(c.join("sub")).unwrap();
            std::os::unix::fs::symlink(c, c.join("sub/up")).unwrap();
            None
        }, exit: 0, errors: &[], loaded: &[], check: None },
        Case { kind: "directory with a corpus extension", setup: |c, _| {
            std::fs::create_dir_all(c.join("folder.txt")).unwrap();
            None
        }, exit: 0, errors: &[], loaded: &[], check: None },
        Case { kind: "empty directory next to a file", setup: |c, _| {
            std::fs::create_dir_all(c.join("empty")).unwrap();
            Some(vec![c.join("empty"), c.join("companion.txt")])
        }, exit: 0, errors: &[], loaded: &[], check: None },
        Case { kind: "same file named twice", setup: |c, _| {
            Some(vec![c.join("companion.txt"), c.join(".").join("companion.txt")])
        }, exit: 0, errors: &[], loaded: &[], check: None },
        Case { kind: "non-UTF-8 file names", setup: |c, _| {
            write(&raw_name(c, b"caf\xe9.txt"), "The cafe owner, Luc Marchand, said prices would rise.\n");
            write(&raw_name(c, b"caf\xe8.txt"), "The cafe owner, Rosa Ferri, said prices would fall.\n");
            None
        }, exit: 0, errors: &[], loaded: &["caf-hdafd66c0", "caf-hf56aee5c"], check: None },
        Case { kind: "file names without ASCII letters", setup: |c, _| {
            write(&c.join("新闻.txt"), "The transport minister, Chen Wei, said the line would open in May.\n");
            write(&c.join("新聞.txt"), "The harbour chief, Lin Mei, said the berth would close in June.\n");
            None
        }, exit: 0, errors: &[], loaded: &["document-hd39567b2", "document-h9c200fe1"], check: None },
        Case { kind: "colliding ids in one run", setup: |c, _| {
            write(&c.join("a/Report 1.txt"), "The school board said the term would start late, its chair, Eva Lund, said.\n");
            write(&c.join("b/report_1.md"), "The hospital said the ward would reopen, its director, Kofi Mensah, said.\n");
            None
        }, exit: 1, errors: &[("b/report_1.md", "document id \"report-1\" is already used by")], loaded: &["report-1"], check: Some(|s| {
            assert!(article_value(s, "report-1", "sg:sourceFile").unwrap().ends_with("a/Report 1.txt"));
        }) },
        Case { kind: "colliding ids across runs", setup: |c, store| {
            let first = c.parent().unwrap().join("earlier/Report 1.txt");
            write(&first, "The school board said the term would start late, its chair, Eva Lund, said.\n");
            assert_eq!(ingest(&[first], store).0, 0);
            write(&c.join("report_1.md"), "The hospital said the ward would reopen, its director, Kofi Mensah, said.\n");
            None
        }, exit: 1, errors: &[("report_1.md", "is already used by")], loaded: &["report-1"], check: Some(|s| {
            assert!(article_value(s, "report-1", "sg:sourceFile").unwrap().ends_with("earlier/Report 1.txt"));
            assert!(names_in(s, "report-1").contains(&"Eva Lund".to_string()));
        }) },
        Case { kind: "moved file takes its id over", setup: |c, store| {
            let old = c.parent().unwrap().join("old/notice.txt");
            write(&old, "The road will reopen in June, the council said.\n");
            assert_eq!(ingest(std::slice::from_ref(&old), store).0, 0);
            std::fs::remove_file(&old).unwrap();
            write(&c.join("notice.txt"), "The road will reopen in July, the council said.\n");
            None
        }, exit: 0, errors: &[], loaded: &["notice"], check: Some(|s| {
            assert!(text_of(s, "notice").contains("July"));
        }) },
        Case { kind: "store from the earlier id scheme (id \"document\")", setup: |c, store| {
            let p = c.join("新闻.txt");
            write(&p, "The transport minister, Chen Wei, said the line would open in May.\n");
            let mut doc = stancegraph::ingest::load_file(&p).unwrap().remove(0);
            doc.id = "document".into();
            let s = Store::open(store).unwrap();
            let annotator = stancegraph::annotate::Annotator::rules_only();
            let mut ing = stancegraph::ingest::pipeline::Ingester::new(&s, &annotator, Default::default()).unwrap();
            ing.ingest_document(&doc).unwrap();
            assert!(s.article_ids().unwrap().contains(&"document".to_string()));
            None
        }, exit: 0, errors: &[], loaded: &["document-hd39567b2"], check: None },
        Case { kind: "permission denied", setup: |c, _| {
            use std::os::unix::fs::PermissionsExt;
            let p = c.join("locked.txt");
            write(&p, "The museum will close for repairs, its curator, Ada Brook, said.\n");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
            None
        }, exit: if_root(0, 1), errors: if_root_errors(), loaded: if_root_loaded(), check: None },
    ]
}

/// Tests run as root here, and root reads a mode-000 file: the case then checks
/// that it loads; as another user, that it fails with "permission denied".
fn if_root(root: i32, other: i32) -> i32 {
    if is_root() {
        root
    } else {
        other
    }
}

fn if_root_errors() -> &'static [(&'static str, &'static str)] {
    if is_root() {
        &[]
    } else {
        &[("locked.txt", "permission denied")]
    }
}

fn if_root_loaded() -> &'static [&'static str] {
    if is_root() {
        &["locked"]
    } else {
        &[]
    }
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
        let paths = (case.setup)(&corpus, &store).unwrap_or_else(|| vec![corpus.clone()]);
        let (code, err) = ingest(&paths, &store);
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        let ctx = format!("case {:?}: exit {code}\n{err}", case.kind);
        assert_eq!(code, case.exit, "{ctx}");
        assert_eq!(errors.len(), case.errors.len(), "{ctx}");
        for (file, reason) in case.errors {
            assert!(
                errors.iter().any(|l| l.contains(file) && l.contains(reason)),
                "{file} / {reason} not reported: {ctx}"
            );
        }
        assert!(err.lines().any(|l| l.starts_with("articles: ")), "{ctx}");
        let s = Store::open_read_only(&store).unwrap();
        let mut want: Vec<String> = ["good", "companion"]
            .iter()
            .chain(case.loaded)
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
