//! `stancegraph completions`: shell completion scripts (clap_complete).

use std::process::ExitCode;

/// Print a shell completion script to standard output.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  stancegraph completions bash > ~/.local/share/bash-completion/completions/stancegraph\n  stancegraph completions zsh > ~/.zfunc/_stancegraph\n  stancegraph completions fish > ~/.config/fish/completions/stancegraph.fish"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Runs the subcommand for the command tree `cmd`.
pub fn run(args: Args, mut cmd: clap::Command) -> anyhow::Result<ExitCode> {
    let name = cmd.get_name().to_string();
    clap_complete::generate(args.shell, &mut cmd, name, &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
