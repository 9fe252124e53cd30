//! Briefing reports: `briefing.md` and a self-contained `briefing.html`.
//!
//! The briefing is built from the graph only (through [`crate::network::Analysis`],
//! which reads it with SPARQL): the story in three sentences, targets and camps,
//! a stance matrix, a network figure, key actors' profiles with verbatim claims
//! and citations, points of agreement and conflict, claims with no named
//! speaker, and how outlets differ. Every empty section says why it is empty.

pub mod escape;
pub mod html;
pub mod markdown;
pub mod model;
pub mod svg;
pub mod timeline;

pub use model::{BriefOptions, Briefing};

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Paths of the files written by [`write`].
#[derive(Debug, Clone)]
pub struct Written {
    /// The Markdown briefing.
    pub markdown: PathBuf,
    /// The HTML briefing.
    pub html: PathBuf,
    /// The network figure as a separate SVG (when there is one).
    pub svg: Option<PathBuf>,
}

/// Writes `briefing.md`, `briefing.html` and `network.svg` into `dir` (created if needed).
pub fn write(b: &Briefing, dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let write = |name: &str, text: &str| -> Result<PathBuf> {
        let p = dir.join(name);
        std::fs::write(&p, text).map_err(|e| Error::io(format!("writing {}", p.display()), e))?;
        Ok(p)
    };
    let svg = match &b.figure {
        Some(svg) => Some(write(
            "network.svg",
            &format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}"),
        )?),
        None => None,
    };
    let markdown = write(
        "briefing.md",
        &markdown::render(b, svg.as_ref().map(|_| "network.svg")),
    )?;
    let html = write("briefing.html", &html::render(b))?;
    Ok(Written {
        markdown,
        html,
        svg,
    })
}
