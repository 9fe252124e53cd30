//! Subcommands of the `stancegraph` binary, one file each.

pub mod brief;
pub mod common;
pub mod completions;
pub mod eval;
pub mod eval_coref;
pub mod eval_syntax;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod network;
pub mod push;
pub mod query;
pub mod serve;
pub mod stream;
pub mod targets;
pub mod train;
pub mod validate;
