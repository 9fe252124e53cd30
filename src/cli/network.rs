//! `stancegraph network`.

use std::process::ExitCode;

/// Not yet implemented.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`network` is not implemented yet")
}
