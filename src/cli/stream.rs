//! `stancegraph stream`: the extractor as a mapper (no store).

use super::common::ModelArgs;
use anyhow::Context;
use stancegraph::overrides::Overrides;
use stancegraph::rdf::mapping::{self, MapOptions};
use stancegraph::resolve::{self, ActorKb, ResolveConfig};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

/// Read JSON Lines articles on standard input, write one result per record on
/// standard output: the N-Quads of its article graph, or its Extraction JSON.
///
/// Records are JSON objects as in .jsonl corpus files (`text` plus metadata);
/// give each an `id` (without one, the id is derived from the text, since line
/// numbers mean nothing across partitions). No store is opened, so many
/// copies can run side by side (e.g. Spark's `RDD.pipe`); actor IRIs are
/// provisional until the merged output is loaded with `stancegraph ingest
/// --nquads`, which resolves actors across articles and clusters claims. A bad
/// record gives a one-line error on standard error and, on standard output, a
/// `# error:` comment (N-Quads) or an `{"error": ...}` object (JSON).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph stream --format nquads < articles.jsonl > graphs.nq\n  stancegraph ingest --nquads graphs.nq --store coverage.db"
)]
pub struct Args {
    /// What to write per record.
    #[arg(long, value_enum, default_value = "nquads")]
    pub format: Format,
    #[command(flatten)]
    pub models: ModelArgs,
    /// Analyst overrides (TOML) applied to each extraction.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<std::path::PathBuf>,
    /// Leave the full article text out of the N-Quads.
    #[arg(long, env = "STANCEGRAPH_NO_TEXT")]
    pub no_text: bool,
}

/// Output format of `stream`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// N-Quads of the article's named graph.
    Nquads,
    /// The Extraction, one JSON object per line.
    Json,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let annotator = args.models.annotator(&[])?;
    let kb = match &args.models.actors {
        Some(p) => ActorKb::load(p)?,
        None => ActorKb::default(),
    };
    let overrides = match &args.overrides {
        Some(p) => Overrides::load(p)?,
        None => Overrides::default(),
    };
    let cfg = ResolveConfig::new(&kb, &overrides.kb_entries());
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for (i, line) in stdin.lines().enumerate() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let result = one(&line, i + 1, &annotator, &cfg, &overrides, &args);
        let text = match result {
            Ok(s) => s,
            Err(e) => {
                failed += 1;
                let msg = e.to_string().replace('\n', " ");
                eprintln!("error: {msg}");
                match args.format {
                    Format::Nquads => format!("# error: {msg}\n"),
                    Format::Json => format!("{}\n", serde_json::json!({ "error": msg })),
                }
            }
        };
        match out.write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            r => r.context("writing standard output")?,
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r.context("writing standard output")?,
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The output of one record.
fn one(
    line: &str,
    lineno: usize,
    annotator: &stancegraph::annotate::Annotator,
    cfg: &ResolveConfig,
    overrides: &Overrides,
    args: &Args,
) -> anyhow::Result<String> {
    let label = format!("<stdin> line {lineno}");
    let mut docs = stancegraph::ingest::jsonl::parse(Path::new(&label), line);
    let mut doc = docs.pop().context("no record")??;
    let has_id = serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .is_some();
    if !has_id {
        let h = doc.content_hash();
        doc.id = format!("doc-{}", &h[..16.min(h.len())]);
    }
    let mut ex = annotator.annotate(&doc);
    let (claims, _) = overrides.apply(&mut ex);
    Ok(match args.format {
        Format::Json => format!("{}\n", serde_json::to_string(&ex)?),
        Format::Nquads => {
            let actors = resolve::resolve_isolated(&resolve::records_of(&ex), cfg);
            let map = MapOptions {
                no_text: args.no_text,
                overridden_claims: claims,
                overrides_hash: overrides.fingerprint_for(&doc.id),
            };
            let quads = mapping::extraction_quads_with(&ex, Some(&doc.text), &actors, &map);
            let mut s = String::new();
            for q in &quads {
                s.push_str(&q.to_string());
                s.push_str(" .\n");
            }
            s
        }
    })
}
