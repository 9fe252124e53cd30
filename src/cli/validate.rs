//! `stancegraph validate`: check the store against the SHACL shapes.

use super::common::StoreArgs;
use anyhow::Context;
use stancegraph::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate the graph against the SHACL shapes of the graph model.
///
/// Exits 0 when the graph conforms, 1 with one line per violation otherwise.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Shapes file (Turtle). Default: the shapes shipped with stancegraph (ontology/shapes.ttl).
    #[arg(long)]
    pub shapes: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let shapes = match &args.shapes {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let store = Store::open_read_only(&args.store.store)?;
    let report =
        stancegraph::validate::validate_store(&store, shapes.as_deref()).with_context(|| {
            match &args.shapes {
                Some(p) => format!("validating against {}", p.display()),
                None => "validating against the built-in shapes".to_string(),
            }
        })?;
    {
        use std::io::Write;
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for v in &report.violations {
            writeln!(out, "{v}").context("writing to standard output")?;
        }
    }
    if report.conforms {
        super::common::note(format!(
            "conforms: {} triples, 0 violations",
            report.triples
        ));
        Ok(ExitCode::SUCCESS)
    } else {
        super::common::note(format!(
            "does not conform: {} triples, {} violations",
            report.triples,
            report.violations.len()
        ));
        Ok(ExitCode::FAILURE)
    }
}
