//! Optional local transformer models (candle), behind one trait per task.
//!
//! Nothing is downloaded: every model is loaded from a local Hugging Face
//! style directory (config.json, tokenizer.json, model.safetensors).

use crate::Result;

/// Turns sentences into fixed-size, L2-normalised vectors.
pub trait Embedder: Send + Sync {
    /// Model name for provenance.
    fn name(&self) -> &str;
    /// One vector per input text.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
}

/// An entity span found by a token-classification model; char offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpan {
    /// First char offset.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Entity label without BIO prefix ("PER", "ORG", "LOC", "MISC").
    pub label: String,
    /// Mean token probability.
    pub score: f32,
}

/// Token classification (NER).
pub trait TokenClassifier: Send + Sync {
    /// Model name for provenance.
    fn name(&self) -> &str;
    /// Entity spans in `text`.
    fn classify(&self, text: &str) -> Result<Vec<EntitySpan>>;
}

/// Sequence-pair classification (NLI: entailment / neutral / contradiction).
pub trait PairClassifier: Send + Sync {
    /// Model name for provenance.
    fn name(&self) -> &str;
    /// Label probabilities for (premise, hypothesis), in the model's label order.
    fn classify(&self, premise: &str, hypothesis: &str) -> Result<Vec<(String, f32)>>;
}
