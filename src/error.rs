//! The library's error type. Every error names the file or input it concerns.

use std::path::PathBuf;

/// Errors raised by the stancegraph library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A corpus file could not be read or parsed.
    #[error("{path}: {reason}")]
    Input {
        /// The offending file.
        path: PathBuf,
        /// What is wrong with it, in one line.
        reason: String,
    },
    /// The RDF store failed (open, load, query).
    #[error("store: {0}")]
    Store(String),
    /// A SPARQL query did not parse or failed to evaluate.
    #[error("SPARQL: {0}")]
    Sparql(String),
    /// A model directory is missing files or holds an incompatible model.
    #[error("model {path}: {reason}")]
    Model {
        /// The model directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A configuration file (targets catalogue, actor knowledge base) is invalid.
    #[error("{path}: {reason}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Any other I/O failure.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Anything else, with a readable message.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// An input error for `path` with a one-line `reason`.
    pub fn input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// An I/O error with `context` (e.g. "reading corpus/a.txt").
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
