//! Sequence-pair classification (NLI) with a DeBERTa-v2 encoder
//! (`DebertaV2ForSequenceClassification` checkpoints: context pooler plus a
//! linear classifier), labels from config.json `id2label`.

use super::loading::{self, candle_err, model_err};
use super::PairClassifier;
use crate::error::Result;
use candle_core::{Device, Tensor};
use candle_transformers::models::debertav2::{
    Config as DebertaConfig, DebertaV2SeqClassificationModel,
};
use std::path::{Path, PathBuf};
use tokenizers::Tokenizer;

/// A DeBERTa-v2 pair classifier loaded from a local directory.
pub struct NliClassifier {
    model: DebertaV2SeqClassificationModel,
    tokenizer: Tokenizer,
    labels: Vec<String>,
    name: String,
    dir: PathBuf,
}

impl NliClassifier {
    /// Loads config.json (`model_type` `deberta-v2`, `id2label`, pooler
    /// settings), tokenizer.json and model.safetensors from `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let raw = loading::read_config(dir)?;
        let kind = loading::model_type(dir, &raw)?;
        if kind != "deberta-v2" && kind != "deberta_v2" {
            return Err(model_err(
                dir,
                format!(
                    "model_type {kind:?} is not supported for pair classification (deberta-v2)"
                ),
            ));
        }
        let labels = loading::labels(dir, &raw)?;
        let config: DebertaConfig = serde_json::from_value(raw)
            .map_err(|e| model_err(dir, format!("config.json is not a DeBERTa-v2 config: {e}")))?;
        if config.pooler_hidden_size.is_none()
            || config.pooler_hidden_act.is_none()
            || config.pooler_dropout.is_none()
        {
            return Err(model_err(
                dir,
                "config.json lacks pooler_hidden_size / pooler_hidden_act / pooler_dropout",
            ));
        }
        let tokenizer = loading::tokenizer(dir, config.max_position_embeddings.min(512))?;
        let vb = loading::weights(dir)?;
        let vb = if vb.contains_tensor("deberta.embeddings.word_embeddings.weight") {
            vb.pp("deberta")
        } else {
            vb
        };
        let model =
            DebertaV2SeqClassificationModel::load(vb, &config, None).map_err(candle_err(dir))?;
        Ok(NliClassifier {
            model,
            tokenizer,
            labels,
            name: loading::dir_name(dir),
            dir: dir.to_path_buf(),
        })
    }

    /// The label set in id order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Probability of the label whose name starts with `prefix`
    /// (case-insensitive, e.g. "entail", "contra"); 0 when absent.
    pub fn prob(scores: &[(String, f32)], prefix: &str) -> f32 {
        scores
            .iter()
            .find(|(l, _)| l.to_ascii_lowercase().starts_with(prefix))
            .map(|(_, p)| *p)
            .unwrap_or(0.0)
    }
}

impl PairClassifier for NliClassifier {
    fn name(&self) -> &str {
        &self.name
    }

    fn classify(&self, premise: &str, hypothesis: &str) -> Result<Vec<(String, f32)>> {
        let dir = self.dir.as_path();
        let err = candle_err(dir);
        let enc = self
            .tokenizer
            .encode((premise, hypothesis), true)
            .map_err(|e| model_err(dir, format!("tokenizing: {e}")))?;
        let n = enc.get_ids().len();
        if n == 0 {
            return Err(model_err(dir, "empty input"));
        }
        let dev = Device::Cpu;
        let ids = Tensor::from_vec(enc.get_ids().to_vec(), (1, n), &dev).map_err(&err)?;
        let mask =
            Tensor::from_vec(enc.get_attention_mask().to_vec(), (1, n), &dev).map_err(&err)?;
        let types = Tensor::from_vec(enc.get_type_ids().to_vec(), (1, n), &dev).map_err(&err)?;
        let logits = self
            .model
            .forward(&ids, Some(types), Some(mask))
            .map_err(&err)?;
        let row = logits
            .squeeze(0)
            .map_err(&err)?
            .to_vec1::<f32>()
            .map_err(&err)?;
        if row.len() != self.labels.len() {
            return Err(model_err(
                dir,
                format!(
                    "model gives {} logits for {} labels",
                    row.len(),
                    self.labels.len()
                ),
            ));
        }
        Ok(self
            .labels
            .iter()
            .cloned()
            .zip(loading::softmax(&row))
            .collect())
    }
}
