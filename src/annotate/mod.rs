//! Annotation: from a [`Document`] to an [`Extraction`].
//!
//! Stages, in order, each in its own module:
//! segment (sentences, paragraphs, quotation spans, furniture) -> mentions ->
//! coref (mentions to actors) -> attribution (claims) -> relations (roles,
//! org relations, acts) -> stance (claims x targets).

// Layers, bottom to top (a module imports only from the ones above it):
// tokens, lexicon -> segment -> backbone -> words -> drafts -> actors -> mentions -> coref
// -> attribution -> relations -> assemble.
pub mod actors;
pub mod assemble;
pub mod attribution;
pub mod backbone;
pub mod coref;
pub mod drafts;
pub mod lexicon;
pub mod mentions;
pub mod relations;
pub mod segment;
pub mod stance;
pub mod tokens;
pub mod words;

use crate::document::Document;
use crate::extraction::Extraction;
use crate::models::TokenClassifier;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the optional models and the target catalogue come from.
#[derive(Debug, Clone, Default)]
pub struct AnnotatorOptions {
    /// Sentence-embedding model directory (all-MiniLM-L6-v2).
    pub model: Option<PathBuf>,
    /// Token-classification (NER) model directory.
    pub ner_model: Option<PathBuf>,
    /// NLI pair-classification model directory.
    pub nli_model: Option<PathBuf>,
    /// Target catalogue file; when `None`, `targets.toml` beside `corpus` is used if present.
    pub targets: Option<PathBuf>,
    /// The corpus files or directories being annotated (to find `targets.toml`).
    pub corpus: Vec<PathBuf>,
}

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

    /// Loads the models and the target catalogue named by `opts`. Errors name
    /// the offending directory or file (missing model files, invalid TOML).
    pub fn from_options(opts: &AnnotatorOptions) -> crate::Result<Self> {
        let catalogue_path = opts
            .targets
            .clone()
            .or_else(|| crate::targets::TargetCatalogue::find_beside(&opts.corpus));
        let catalogue = match &catalogue_path {
            Some(p) => crate::targets::TargetCatalogue::load(p)?,
            None => crate::targets::TargetCatalogue::empty(),
        };
        let embedder: Option<Arc<dyn crate::models::Embedder>> = match &opts.model {
            Some(dir) => Some(Arc::new(crate::models::SentenceEmbedder::load(dir)?)),
            None => None,
        };
        let nli: Option<Arc<dyn crate::models::PairClassifier>> = match &opts.nli_model {
            Some(dir) => Some(Arc::new(crate::models::NliClassifier::load(dir)?)),
            None => None,
        };
        let ner: Option<Box<dyn TokenClassifier>> = match &opts.ner_model {
            Some(dir) => Some(Box::new(crate::models::TokenClassifierModel::load(dir)?)),
            None => None,
        };
        Ok(Annotator {
            ner,
            stance: stance::StanceAnalyser::new(catalogue, embedder, nli),
        })
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
    let mut raw = drafts::MentionSet::new(mentions::find(&a, ner, outlet));
    let mut actors = coref::resolve(&a, &mut raw, outlet);
    let (roles, rels) = relations::roles(&a, &raw, &mut actors);
    let claims = attribution::find(&a, &mut raw, &mut actors, &roles);
    let acts = relations::acts(&a, &mut raw, &mut actors, &claims);
    coref::resolve_quote_pronouns(&a, &mut raw, &claims, &roles);
    assemble::fill(doc, &a, &raw, &actors, &claims, &roles, &rels, &acts, ex);
}
