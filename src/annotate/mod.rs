//! Annotation: from a [`Document`] to an [`Extraction`].
//!
//! Stages, in order, each in its own module:
//! segment (sentences, paragraphs, quotation spans, furniture) -> mentions ->
//! coref (mentions to actors) -> attribution (claims) -> relations (roles,
//! org relations, acts) -> stance (claims x targets).

pub mod assemble;
pub mod attribution;
pub mod coref;
pub mod lexicon;
pub mod mentions;
pub mod relations;
pub mod segment;
pub mod stance;
pub mod tokens;

use crate::document::Document;
use crate::extraction::Extraction;
use crate::models::TokenClassifier;

/// Runs every annotation stage with the configured (optional) models.
pub struct Annotator {
    /// Optional NER model used alongside the mention rules.
    pub ner: Option<Box<dyn TokenClassifier>>,
    /// The stance stage (rules, or rules plus embedding / NLI models).
    pub stance: stance::StanceAnalyser,
}

impl Annotator {
    /// Rules only: no models, the built-in (empty) target catalogue.
    pub fn rules_only() -> Self {
        Annotator {
            ner: None,
            stance: stance::StanceAnalyser::rules_only(),
        }
    }

    /// Short description of the methods in use, recorded as provenance.
    pub fn method(&self) -> String {
        let mut m = String::from("rules");
        if self.ner.is_some() {
            m.push_str("+ner");
        }
        let s = self.stance.method();
        if s != "rules" {
            m.push('+');
            m.push_str(&s);
        }
        m
    }

    /// Annotates one document.
    pub fn annotate(&self, doc: &Document) -> Extraction {
        let mut ex = Extraction::empty(doc, &self.method());
        annotate_discourse(doc, &mut ex, self.ner.as_deref());
        self.stance.analyse(doc, &mut ex);
        ex
    }
}

/// The discourse stages (everything but stance): segment, mentions, coreference,
/// attribution, relations. Fills `actors`, `mentions`, `claims`, `roles`,
/// `org_relations` and `acts` of `ex`.
pub fn annotate_discourse(doc: &Document, ex: &mut Extraction, ner: Option<&dyn TokenClassifier>) {
    let a = segment::analyse(doc);
    let outlet = doc.meta.outlet.as_deref();
    let mut raw = mentions::find(&a, ner, outlet);
    let mut actors = coref::resolve(&a, &mut raw, outlet);
    let claims = attribution::find(&a, &mut raw, &mut actors);
    let (roles, rels) = relations::roles(&a, &raw, &mut actors);
    let acts = relations::acts(&a, &mut raw, &mut actors, &claims);
    coref::resolve_quote_pronouns(&a, &mut raw, &claims, &roles);
    assemble::fill(doc, &a, &raw, &actors, &claims, &roles, &rels, &acts, ex);
}
