//! Optional local transformer models (candle), behind one trait per task.
//!
//! Nothing is downloaded: every model is loaded from a local Hugging Face
//! style directory (config.json, tokenizer.json, model.safetensors).
//!
//! - [`SentenceEmbedder`]: BERT sentence embeddings with mean pooling and L2
//!   normalisation (all-MiniLM-L6-v2), implements [`Embedder`].
//! - [`TokenClassifierModel`]: BERT or DeBERTa-v2 token classification (NER),
//!   implements [`TokenClassifier`].
//! - [`NliClassifier`]: DeBERTa-v2 (or BERT) sequence-pair classification,
//!   implements [`PairClassifier`].

pub mod embedder;
pub mod loading;
pub mod nli;
pub mod token;

pub use embedder::SentenceEmbedder;
pub use nli::NliClassifier;
pub use token::TokenClassifierModel;

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

/// Cosine similarity of two vectors (0 when either is all zeros or lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    dot / (na.sqrt() * nb.sqrt())
}
