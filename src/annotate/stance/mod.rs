//! Stance: each claim's position toward targets.

use crate::document::Document;
use crate::extraction::Extraction;

/// The stance stage.
pub struct StanceAnalyser {}

impl StanceAnalyser {
    /// Rules only, no target catalogue.
    pub fn rules_only() -> Self {
        StanceAnalyser {}
    }

    /// Method name for provenance ("rules", "minilm", ...).
    pub fn method(&self) -> String {
        "rules".into()
    }

    /// Fills `targets` and `stances` of `ex`.
    pub fn analyse(&self, doc: &Document, ex: &mut Extraction) {
        let _ = (doc, ex);
    }
}
