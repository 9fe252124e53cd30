//! The `stancegraph` command line: a thin edge over the library.
//! Each subcommand lives in `cli/<name>.rs` with its arguments and help text.

mod cli;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// Turn news coverage into a knowledge graph of who argues what.
///
/// Typical session:
///   stancegraph ingest corpus/          # extract and load into ./stancegraph.db
///   stancegraph brief --out report/     # write report/briefing.md and briefing.html
///   stancegraph query --list            # canned questions
///   stancegraph completions bash > ~/.local/share/bash-completion/completions/stancegraph
#[derive(Parser)]
#[command(name = "stancegraph", version, about, long_about, verbatim_doc_comment)]
struct Cli {
    /// Print only errors and results (no progress, summaries or notes on stderr).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what is done (files, requests, timings) on stderr.
    #[arg(long, short, global = true)]
    verbose: bool,
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
    EvalSyntax(cli::eval_syntax::Args),
    EvalCoref(cli::eval_coref::Args),
    Train(cli::train::Args),
    Serve(cli::serve::Args),
    Export(cli::export::Args),
    Push(cli::push::Args),
    Validate(cli::validate::Args),
    Targets(cli::targets::Args),
    Stream(cli::stream::Args),
    Completions(cli::completions::Args),
}

/// A closed standard output (`stancegraph ... | head -1`) ends the process
/// quietly, by SIGPIPE, as for other command-line tools. Not for `serve`,
/// which must outlive its clients' closed connections.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to the default at start-up, before
    // any other thread exists; no handler code is involved.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::common::set_verbosity(if cli.quiet {
        cli::common::Verbosity::Quiet
    } else if cli.verbose {
        cli::common::Verbosity::Verbose
    } else {
        cli::common::Verbosity::Normal
    });
    if !matches!(cli.command, Command::Serve(_)) {
        restore_sigpipe();
    }
    let result = match cli.command {
        Command::Ingest(a) => cli::ingest::run(a),
        Command::Extract(a) => cli::extract::run(a),
        Command::Query(a) => cli::query::run(a),
        Command::Brief(a) => cli::brief::run(a),
        Command::Network(a) => cli::network::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::EvalSyntax(a) => cli::eval_syntax::run(a),
        Command::EvalCoref(a) => cli::eval_coref::run(a),
        Command::Train(a) => cli::train::run(a),
        Command::Serve(a) => cli::serve::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Push(a) => cli::push::run(a),
        Command::Validate(a) => cli::validate::run(a),
        Command::Targets(a) => cli::targets::run(a),
        Command::Stream(a) => cli::stream::run(a),
        Command::Completions(a) => cli::completions::run(a, Cli::command()),
    };
    match result {
        Ok(code) => code,
        Err(e) if cli::common::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
