//! `stancegraph query`: run SPARQL (a file, inline text or a canned question).

use super::common::StoreArgs;
use anyhow::Context;
use stancegraph::query::{self, Format};
use stancegraph::store::Store;
use std::io::{IsTerminal, Write};
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
    /// Output: table, csv, tsv, json (SPARQL results JSON) for SELECT / ASK; turtle,
    /// ntriples, nquads or trig for CONSTRUCT / DESCRIBE. Tables wrap to the terminal.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Bind a query variable: name=value. Values like <http://...> or sgid:actor/x
    /// are IRIs, anything else a string literal. actorName / speakerName match actor
    /// names ignoring case, and a part of the name will do. Repeatable.
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
                "{q}: no such file and no canned query of that name.{} (See `stancegraph query --list`.)",
                query::suggest::did_you_mean(q, query::CANNED.iter().map(|c| c.name))
            ),
        },
        (None, None) => anyhow::bail!("give a query file, a canned query name, --sparql or --list"),
    };
    // Parse (and check the format) before the store is opened: a typo costs nothing.
    let parsed = query::parse_query(&sparql)?;
    format.check(query::form(&parsed))?;
    let mut params = args
        .params
        .iter()
        .map(|p| query::parse_param(p))
        .collect::<Result<Vec<_>, _>>()?;
    let store = Store::open_read_only(&args.store.store)?;
    resolve_actor_params(&store, &mut params)?;
    let results = query::run_parsed(&store, parsed, &params)?;
    let width = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten();
    let layout = query::Layout {
        query_text: &sparql,
        width,
    };
    query::write_results_with(results, format, &layout, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Parameters that name an actor (`actorName`, `speakerName`) match the stored
/// names tolerantly: case and spacing are ignored and a part of the name will do
/// ("Okafor" finds "Marion Okafor"). No match, or several, is an error that says so.
fn resolve_actor_params(
    store: &Store,
    params: &mut [(oxigraph::sparql::Variable, oxigraph::model::Term)],
) -> anyhow::Result<()> {
    use oxigraph::model::{Literal, Term};
    let is_actor_param = |v: &str| matches!(v, "actorName" | "speakerName");
    if !params.iter().any(|(v, _)| is_actor_param(v.as_str())) {
        return Ok(());
    }
    let rows = store.select(&format!(
        "{}SELECT DISTINCT ?n WHERE {{ ?a a sg:Actor ; schema:name ?n }}",
        stancegraph::rdf::vocab::SPARQL_PREFIXES
    ))?;
    let names: Vec<String> = rows.iter().filter_map(|r| r.str("n")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for (var, term) in params.iter_mut() {
        let Term::Literal(lit) = &*term else { continue };
        if !is_actor_param(var.as_str()) {
            continue;
        }
        let given = lit.value().to_string();
        match query::suggest::matching_names(&given, &refs).as_slice() {
            [] => anyhow::bail!(
                "--param {}={given}: no actor of that name in the store.{}",
                var.as_str(),
                query::suggest::did_you_mean(&given, refs.iter().copied())
            ),
            [one] => {
                if *one != given {
                    eprintln!(
                        "{}: \u{201c}{given}\u{201d} is \u{201c}{one}\u{201d}",
                        var.as_str()
                    );
                }
                *term = Literal::new_simple_literal(*one).into();
            }
            many => anyhow::bail!(
                "--param {}={given} matches {} actors: {}; give the one you mean",
                var.as_str(),
                many.len(),
                many.iter()
                    .take(10)
                    .map(|n| format!("\u{201c}{n}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    Ok(())
}
