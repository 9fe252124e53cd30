//! `stancegraph targets suggest`: a draft target catalogue from the coverage.

use super::common::StoreArgs;
use anyhow::Context;
use stancegraph::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Work with target catalogues (targets.toml).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

/// `targets` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum Sub {
    /// Write a draft catalogue from the arguments and issues discovered in the store.
    ///
    /// Example: `stancegraph targets suggest --store S --out corpus/targets.toml`
    Suggest {
        /// Where to write the TOML (default: standard output). An existing file is not overwritten.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Sub::Suggest { out, store } => {
            let s = Store::open_read_only(&store.store)?;
            let text = stancegraph::targets::suggest(&s)?;
            match out {
                None => print!("{text}"),
                Some(p) => {
                    if p.exists() {
                        anyhow::bail!(
                            "{} already exists; remove it or choose another --out",
                            p.display()
                        );
                    }
                    std::fs::write(&p, &text)
                        .with_context(|| format!("writing {}", p.display()))?;
                    eprintln!("wrote {}", p.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
