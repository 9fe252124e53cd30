//! The `stancegraph` command line: a thin edge over the library.
//! Each subcommand lives in `cli/<name>.rs` with its arguments and help text.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turn news coverage into a knowledge graph of who argues what.
///
/// Typical session:
///   stancegraph ingest corpus/          # extract and load into ./stancegraph.db
///   stancegraph brief --out report/     # write report/briefing.md and briefing.html
///   stancegraph query --list            # canned questions
#[derive(Parser)]
#[command(name = "stancegraph", version, about, long_about, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Ingest(cli::ingest::Args),
    Extract(cli::extract::Args),
    Query(cli::query::Args),
    Brief(cli::brief::Args),
    Network(cli::network::Args),
    Eval(cli::eval::Args),
    Serve(cli::serve::Args),
    Export(cli::export::Args),
    Push(cli::push::Args),
    Validate(cli::validate::Args),
    Targets(cli::targets::Args),
    Stream(cli::stream::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(a) => cli::ingest::run(a),
        Command::Extract(a) => cli::extract::run(a),
        Command::Query(a) => cli::query::run(a),
        Command::Brief(a) => cli::brief::run(a),
        Command::Network(a) => cli::network::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::Serve(a) => cli::serve::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Push(a) => cli::push::run(a),
        Command::Validate(a) => cli::validate::run(a),
        Command::Targets(a) => cli::targets::run(a),
        Command::Stream(a) => cli::stream::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
