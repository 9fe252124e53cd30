//! A fuzz target over ingest and annotate, on stable Rust.
//!
//! cargo-fuzz needs a nightly toolchain, libFuzzer (C++) and an instrumented
//! rebuild of every dependency (RocksDB and candle included), so this is a
//! mutation fuzzer of its own: seeds are the repository's articles and bad
//! inputs plus `tests/data/fuzz/` (crashers found earlier, replayed on every
//! run); each input is mutated (byte flips, inserted and deleted bytes, tokens
//! from a dictionary of quotes, cue words, markup, front matter, invisible and
//! combining characters, repeated and spliced chunks, truncation), given one of
//! the corpus extensions, parsed by `ingest::load_bytes` and every document
//! annotated. A rough feedback keeps inputs whose outcome (format, error kind,
//! counts of paragraphs, actors and claims) was not seen before.
//!
//! Each execution checks: no panic (annotation runs under `catch_unwind`),
//! errors are one line naming the file, paragraphs lie inside the text in
//! order, the text is normalised, every span of the extraction lies inside the
//! text and quotes it exactly. Inputs that break a check, or take over
//! `STANCEGRAPH_FUZZ_SLOW_SECS` (default 10) seconds of this thread's CPU time
//! (not wall time, which a busy machine inflates), are written to
//! `STANCEGRAPH_FUZZ_OUT` (default a temporary directory) and fail the test.
//!
//! Duration: `STANCEGRAPH_FUZZ_SECS` (default 20; CI sets 120); seed:
//! `STANCEGRAPH_FUZZ_SEED` (default: from the clock, printed). Long run:
//! `STANCEGRAPH_FUZZ_SECS=3600 cargo test --release --test fuzz -- --nocapture`.

use stancegraph::annotate::Annotator;
use stancegraph::ingest;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const EXTENSIONS: &[&str] = &["txt", "md", "html", "jsonl"];
const MAX_INPUT: usize = 16 * 1024;
const TOKENS: &[&str] = &[
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "'",
    "\u{AB}",
    "\u{BB}",
    " said ",
    " says ",
    " told ",
    " according to ",
    " argued that ",
    " denied ",
    " warned ",
    "He said",
    "She added",
    "they said.",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    ", ",
    ". ",
    ": ",
    " — ",
    " - ",
    "(",
    ")",
    "[",
    "]",
    "Mayor ",
    "Dr ",
    "Ms ",
    "Ana Lopes",
    "Bo Reyes",
    "the council",
    "Harbour Union",
    " Inc.",
    " Ltd",
    "#Vote",
    "@press",
    "---\n",
    "+++\n",
    "title: ",
    "author:\n  - ",
    "date: ",
    "outlet: >\n  ",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "<h1>",
    "</h1>",
    "<script>",
    "<!--",
    "-->",
    "<br>",
    "&amp;",
    "&#8203;",
    "{\"text\": \"",
    "\"}",
    "\\u00e9",
    "\\ud800",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{301}",
    "\u{308}",
    "\u{202E}",
    "\u{2028}",
    "\u{0}",
    "\u{1F469}\u{200D}\u{1F4BB}",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "日本",
    "\u{627}\u{644}",
    "0",
    "2024-03-07",
    "...",
    "?!",
    "  ",
];

/// SplitMix64: small, seedable, good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![];
    let dirs = [
        "corpus",
        "tests/data/articles",
        "tests/data/corpora/toll",
        "tests/data/bad",
        "tests/data/bad/suite",
        "tests/data/fuzz",
    ];
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for p in files {
            if !p.is_file() {
                continue;
            }
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .filter(|e| EXTENSIONS.contains(e))
                .unwrap_or("txt")
                .to_string();
            let mut b = bytes;
            b.truncate(MAX_INPUT);
            out.push((ext, b));
        }
    }
    out
}

fn mutate(rng: &mut Rng, pool: &[(String, Vec<u8>)], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(6) {
        let len = input.len();
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                input.drain(i..i + n);
            }
            3..=5 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let i = rng.below(len + 1);
                input.splice(i..i, t.iter().copied());
            }
            6 if len > 0 => {
                // repeat a chunk a few times (long runs, deep nesting)
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(32));
                let chunk = input[i..i + n].to_vec();
                let times = 1 + rng.below(64);
                for _ in 0..times {
                    input.splice(i..i, chunk.iter().copied());
                }
            }
            7 => {
                let (_, other) = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = a + rng.below(other.len() - a);
                    let i = rng.below(len + 1);
                    input.splice(i..i, other[a..b].iter().copied());
                }
            }
            8 if len > 0 => input.truncate(rng.below(len)),
            _ => {
                // replace a char boundary region with a token (keeps UTF-8 more often)
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                if len > 0 {
                    let i = rng.below(len);
                    let n = rng.below((len - i).min(8));
                    input.splice(i..i + n, t.iter().copied());
                }
            }
        }
    }
    input.truncate(MAX_INPUT);
}

/// Every `{start, end, text}` object in the extraction lies inside the text and quotes it.
fn check_spans(doc: &stancegraph::Document, ex: &stancegraph::Extraction) -> Result<(), String> {
    let value = serde_json::to_value(ex).map_err(|e| e.to_string())?;
    let chars: Vec<char> = doc.text.chars().collect();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(s), Some(e), Some(serde_json::Value::String(t))) = (
                    m.get("start").and_then(|v| v.as_u64()),
                    m.get("end").and_then(|v| v.as_u64()),
                    m.get("text"),
                ) {
                    let (s, e) = (s as usize, e as usize);
                    if s > e || e > chars.len() {
                        return Err(format!(
                            "span {s}..{e} outside text of {} chars",
                            chars.len()
                        ));
                    }
                    let quoted: String = chars[s..e].iter().collect();
                    if &quoted != t {
                        return Err(format!("span {s}..{e} says {t:?}, text has {quoted:?}"));
                    }
                }
                stack.extend(m.values());
            }
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    Ok(())
}

fn check_document(doc: &stancegraph::Document) -> Result<(), String> {
    let n = doc.text.chars().count();
    let mut last = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if p.index != i || p.start < last || p.end < p.start || p.end > n {
            return Err(format!(
                "paragraph {i} {}..{} bad (text {n} chars)",
                p.start, p.end
            ));
        }
        last = p.end;
    }
    if ingest::normalise::normalise(&doc.text) != doc.text {
        return Err("document text is not normalised".into());
    }
    Ok(())
}

thread_local! {
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// One execution; `Err` describes a finding. `Ok` carries the outcome signature.
fn execute(annotator: &Annotator, ext: &str, input: &[u8]) -> Result<String, String> {
    let path = PathBuf::from(format!("fuzz/input.{ext}"));
    let records = match std::panic::catch_unwind(|| ingest::load_bytes(&path, input)) {
        Ok(r) => r,
        Err(_) => return Err(format!("ingest panicked: {}", panic_message())),
    };
    let mut sig = ext.to_string();
    let records = match records {
        Ok(r) => r,
        Err(e) => return check_error(&e).map(|k| format!("{sig} file-error {k}")),
    };
    for r in records {
        match r {
            Err(e) => sig.push_str(&format!(" rec-error {}", check_error(&e)?)),
            Ok(doc) => {
                check_document(&doc)?;
                let ex = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    annotator.annotate(&doc)
                }))
                .map_err(|_| format!("annotate panicked: {}", panic_message()))?;
                check_spans(&doc, &ex)?;
                sig.push_str(&format!(
                    " p{} a{} c{} k{:?}",
                    doc.paragraphs.len().min(8),
                    ex.actors.len().min(8),
                    ex.claims.len().min(8),
                    ex.claims
                        .iter()
                        .map(|c| format!("{:?}", c.kind))
                        .collect::<std::collections::BTreeSet<_>>()
                ));
            }
        }
    }
    Ok(sig)
}

fn panic_message() -> String {
    PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default()
}

/// An ingest error must be one line naming the input; returns its kind (the text after the path).
fn check_error(e: &stancegraph::Error) -> Result<String, String> {
    let msg = e.to_string();
    if msg.contains('\n') || !msg.starts_with("fuzz/input.") {
        return Err(format!("bad error message: {msg:?}"));
    }
    Ok(msg
        .split(": ")
        .nth(1)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == ' ')
        .collect())
}

/// CPU time used by the calling thread.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write into; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_ingest_and_annotate() {
    let secs = env_u64("STANCEGRAPH_FUZZ_SECS", 20);
    let slow = Duration::from_secs(env_u64("STANCEGRAPH_FUZZ_SLOW_SECS", 10));
    let seed = env_u64(
        "STANCEGRAPH_FUZZ_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
    );
    let out_dir = std::env::var_os("STANCEGRAPH_FUZZ_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("stancegraph-fuzz"));
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        PANIC.with(|p| *p.borrow_mut() = Some(msg.replace('\n', " ")));
    }));
    let annotator = Annotator::rules_only();
    let mut pool = seeds();
    assert!(pool.len() > 20, "seeds found: {}", pool.len());
    let mut seen = std::collections::HashSet::new();
    let mut rng = Rng(seed);
    let (mut execs, mut findings, mut slowest) = (0u64, vec![], Duration::ZERO);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut replay = pool.clone().into_iter();
    while Instant::now() < deadline || replay.len() > 0 {
        // seeds first (the regressions under tests/data/fuzz among them), then mutants
        let (ext, input) = match replay.next() {
            Some(s) => s,
            None => {
                let (ext, base) = &pool[rng.below(pool.len())];
                let ext = if rng.below(8) == 0 {
                    EXTENSIONS[rng.below(EXTENSIONS.len())].to_string()
                } else {
                    ext.clone()
                };
                let mut input = base.clone();
                mutate(&mut rng, &pool, &mut input);
                (ext, input)
            }
        };
        let t = thread_cpu();
        let result = execute(&annotator, &ext, &input);
        let took = thread_cpu().saturating_sub(t);
        slowest = slowest.max(took);
        execs += 1;
        let finding = match result {
            Err(f) => Some(f),
            Ok(_) if took > slow => Some(format!("slow: {:.1} s", took.as_secs_f64())),
            Ok(sig) => {
                if seen.insert(sig) && pool.len() < 4000 {
                    pool.push((ext.clone(), input.clone()));
                }
                None
            }
        };
        if let Some(f) = finding {
            std::fs::create_dir_all(&out_dir).unwrap();
            let file = out_dir.join(format!("finding-{seed:x}-{execs}.{ext}"));
            std::fs::write(&file, &input).unwrap();
            eprintln!("FINDING {}: {f}", file.display());
            findings.push(f);
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz: seed {seed:#x}, {execs} executions in {secs} s, {} findings, {} outcome signatures, slowest {:.3} s CPU",
        findings.len(),
        seen.len(),
        slowest.as_secs_f64()
    );
    assert!(
        findings.is_empty(),
        "{} findings: {findings:?}",
        findings.len()
    );
}

#[test]
fn mutations_stay_bounded_and_deterministic() {
    let pool = vec![("txt".to_string(), b"The mayor said so.".to_vec())];
    let run = |seed| {
        let mut rng = Rng(seed);
        let mut v = pool[0].1.clone();
        for _ in 0..2000 {
            mutate(&mut rng, &pool, &mut v);
            assert!(v.len() <= MAX_INPUT);
        }
        v
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}
