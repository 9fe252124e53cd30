//! `stancegraph extract`: annotate files and print the extraction.

use super::common::ModelArgs;
use anyhow::Context;
use stancegraph::Extraction;
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract actors, claims, roles and acts from articles (no store needed).
///
/// A file that cannot be read or annotated is reported (one line naming it)
/// and the others still print; the exit status is then 1.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph extract news/council-vote.md\n  stancegraph extract article.html --json > extraction.json\n  stancegraph extract corpus/ --json | head -1"
)]
pub struct Args {
    /// Article files or directories (.txt, .md, .html, .jsonl).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print the full extraction as JSON (one object per document; an array for several).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Annotates one document, turning a panic inside annotation into an error naming the document.
fn annotate(
    annotator: &stancegraph::annotate::Annotator,
    doc: &stancegraph::Document,
) -> anyhow::Result<Extraction> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| annotator.annotate(doc))).map_err(
        |p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            anyhow::anyhow!("{}: annotation failed: {msg}", doc.source)
        },
    )
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let files = stancegraph::ingest::discover(&args.paths);
    if files.is_empty() {
        anyhow::bail!("no article files found in the given paths");
    }
    let annotator = args.models.annotator(&args.paths)?;
    let mut all = vec![];
    let mut failed = 0usize;
    for f in &files {
        let started = std::time::Instant::now();
        let records = match stancegraph::ingest::load_records(f) {
            Ok(r) => r,
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
                continue;
            }
        };
        for r in records {
            match r
                .map_err(anyhow::Error::from)
                .and_then(|d| annotate(&annotator, &d))
            {
                Ok(ex) => all.push(ex),
                Err(e) => {
                    failed += 1;
                    eprintln!("error: {e:#}");
                }
            }
        }
        super::common::detail(format!(
            "{}: {:.3} s",
            f.display(),
            started.elapsed().as_secs_f64()
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        if all.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &all[0])?;
        } else {
            serde_json::to_writer_pretty(&mut out, &all)?;
        }
        writeln!(out).context("writing to standard output")?;
    } else {
        for ex in &all {
            write!(out, "{}", summary(ex)).context("writing to standard output")?;
        }
    }
    out.flush().context("writing to standard output")?;
    if failed > 0 {
        super::common::note(format!(
            "{} documents extracted, {failed} failed",
            all.len()
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn name(ex: &Extraction, id: &str) -> String {
    ex.actor(id)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn short(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

/// A readable summary: actors, claims by speaker, roles, relations, acts.
pub fn summary(ex: &Extraction) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "== {} ({})", ex.document, ex.source);
    let _ = writeln!(o, "actors ({}):", ex.actors.len());
    for a in &ex.actors {
        let pubm = if a.is_publisher { " [publisher]" } else { "" };
        let al = if a.aliases.is_empty() {
            String::new()
        } else {
            format!(" aka {}", a.aliases.join(", "))
        };
        let _ = writeln!(
            o,
            "  {} {:?} {}{}{} ({} mentions)",
            a.id,
            a.kind,
            a.name,
            al,
            pubm,
            a.mentions.len()
        );
    }
    let _ = writeln!(o, "claims ({}):", ex.claims.len());
    for c in &ex.claims {
        let sp = c
            .speaker
            .as_deref()
            .map(|s| name(ex, s))
            .unwrap_or_else(|| "<unknown>".into());
        let cue = c.cue_lemma.clone().unwrap_or_else(|| "-".into());
        let to = c
            .addressee
            .as_deref()
            .map(|s| format!(" -> {}", name(ex, s)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {} [{:?}/{:?}] {} ({}{}): {}",
            c.id,
            c.kind,
            c.resolution,
            sp,
            cue,
            to,
            short(&c.content.text, 110)
        );
    }
    if !ex.roles.is_empty() {
        let _ = writeln!(o, "roles:");
        for r in &ex.roles {
            let _ = writeln!(
                o,
                "  {} {} — {} of {}",
                r.id,
                name(ex, &r.member),
                r.label,
                name(ex, &r.organisation)
            );
        }
    }
    if !ex.org_relations.is_empty() {
        let _ = writeln!(o, "organisation relations:");
        for r in &ex.org_relations {
            let _ = writeln!(
                o,
                "  {} {} {:?} {}",
                r.id,
                name(ex, &r.child),
                r.kind,
                name(ex, &r.parent)
            );
        }
    }
    if !ex.acts.is_empty() {
        let _ = writeln!(o, "acts:");
        for x in &ex.acts {
            let _ = writeln!(
                o,
                "  {} {} {:?} {} ({:+})",
                x.id,
                name(ex, &x.agent),
                x.kind,
                name(ex, &x.patient),
                x.polarity
            );
        }
    }
    o
}
