//! `stancegraph query`: run SPARQL (a file, inline text or a canned question).

use super::common::StoreArgs;
use anyhow::Context;
use stancegraph::query::{self, Format};
use stancegraph::store::Store;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Ask the graph a question in SPARQL.
///
/// QUERY is a .rq file or the name of a canned query (see --list). The default
/// graph is the union of all article graphs; the usual prefixes (sg:, sgid:,
/// schema:, prov:, org:, nif:, skos:, ...) are predeclared.
///
/// Examples:
///   stancegraph query --list
///   stancegraph query who-argues-what
///   stancegraph query actor-claims --param actorName="Jane Smith" --format csv
///   stancegraph query --sparql 'SELECT ?n WHERE { ?a a sg:Actor ; schema:name ?n }'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A .rq file or a canned query name.
    pub query: Option<String>,
    /// Inline SPARQL instead of a file or name.
    #[arg(long, conflicts_with = "query")]
    pub sparql: Option<String>,
    /// Output: table, csv, tsv, json (SPARQL results JSON); turtle or ntriples for CONSTRUCT/DESCRIBE.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Bind a query variable: name=value. Values like <http://...> or sgid:actor/x
    /// are IRIs, anything else a string literal. Repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// List the canned queries with their purpose.
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Runs the subcommand. A closed output pipe (`| head`) ends it quietly.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match run_inner(args) {
        Err(e) if super::common::is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.list {
        for c in query::CANNED {
            writeln!(out, "{:<28} {}", c.name, c.purpose())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let format: Format = args.format.parse()?;
    let sparql = match (&args.sparql, &args.query) {
        (Some(s), _) => s.clone(),
        (None, Some(q)) if Path::new(q).is_file() => {
            std::fs::read_to_string(q).with_context(|| format!("reading {q}"))?
        }
        (None, Some(q)) => match query::canned(q) {
            Some(c) => c.sparql.to_string(),
            None => anyhow::bail!(
                "{q}: no such file and no canned query of that name (see `stancegraph query --list`)"
            ),
        },
        (None, None) => anyhow::bail!("give a query file, a canned query name, --sparql or --list"),
    };
    let params = args
        .params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>, _>>()?;
    let store = Store::open_read_only(&args.store.store)?;
    let results = query::run(&store, &sparql, &params)?;
    query::write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
