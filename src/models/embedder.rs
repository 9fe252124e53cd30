//! Sentence embeddings with a BERT encoder (all-MiniLM-L6-v2): mean pooling
//! over the attention mask, then L2 normalisation.

use super::loading::{self, candle_err, model_err};
use super::Embedder;
use crate::error::Result;
use candle_core::{DType, Device, Tensor};
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use std::path::{Path, PathBuf};
use tokenizers::Tokenizer;

/// Default truncation length (sentence-transformers uses 256 for MiniLM).
pub const DEFAULT_MAX_TOKENS: usize = 256;

/// Texts per forward pass.
const BATCH: usize = 32;

/// A BERT sentence embedder loaded from a local directory.
pub struct SentenceEmbedder {
    model: BertModel,
    tokenizer: Tokenizer,
    name: String,
    dir: PathBuf,
    dim: usize,
}

impl SentenceEmbedder {
    /// Loads config.json, tokenizer.json and model.safetensors from `dir`.
    /// Padding is to the longest text in a batch; truncation at 256 tokens or
    /// the model's maximum (`sentence_bert_config.json` `max_seq_length` when present).
    pub fn load(dir: &Path) -> Result<Self> {
        let raw = loading::read_config(dir)?;
        let config: BertConfig = serde_json::from_value(raw.clone())
            .map_err(|e| model_err(dir, format!("config.json is not a BERT config: {e}")))?;
        let mut max_len = DEFAULT_MAX_TOKENS.min(config.max_position_embeddings);
        if let Ok(s) = std::fs::read_to_string(dir.join("sentence_bert_config.json")) {
            if let Some(n) = serde_json::from_str::<serde_json::Value>(&s)
                .ok()
                .and_then(|v| v.get("max_seq_length").and_then(|n| n.as_u64()))
            {
                max_len = (n as usize).clamp(8, config.max_position_embeddings);
            }
        }
        let tokenizer = loading::tokenizer(dir, max_len)?;
        let vb = loading::weights(dir)?;
        let model = BertModel::load(vb, &config).map_err(candle_err(dir))?;
        Ok(SentenceEmbedder {
            model,
            tokenizer,
            name: loading::dir_name(dir),
            dir: dir.to_path_buf(),
            dim: config.hidden_size,
        })
    }

    /// Vector size.
    pub fn dim(&self) -> usize {
        self.dim
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let dir = self.dir.as_path();
        let inputs: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        let enc = self
            .tokenizer
            .encode_batch(inputs, true)
            .map_err(|e| model_err(dir, format!("tokenizing: {e}")))?;
        let n = enc.len();
        let len = enc.iter().map(|e| e.get_ids().len()).max().unwrap_or(0);
        if n == 0 || len == 0 {
            return Ok(vec![vec![0.0; self.dim]; n]);
        }
        let mut ids = Vec::with_capacity(n * len);
        let mut mask = Vec::with_capacity(n * len);
        for e in &enc {
            let mut i: Vec<u32> = e.get_ids().to_vec();
            let mut m: Vec<u32> = e.get_attention_mask().to_vec();
            i.resize(len, 0);
            m.resize(len, 0);
            ids.extend(i);
            mask.extend(m);
        }
        let dev = Device::Cpu;
        let err = candle_err(dir);
        let ids = Tensor::from_vec(ids, (n, len), &dev).map_err(&err)?;
        let mask = Tensor::from_vec(mask, (n, len), &dev).map_err(&err)?;
        let types = ids.zeros_like().map_err(&err)?;
        let hidden = self
            .model
            .forward(&ids, &types, Some(&mask))
            .map_err(&err)?;
        // Mean pooling over real tokens.
        let m = mask
            .to_dtype(DType::F32)
            .map_err(&err)?
            .unsqueeze(2)
            .map_err(&err)?;
        let summed = hidden
            .broadcast_mul(&m)
            .map_err(&err)?
            .sum(1)
            .map_err(&err)?;
        let counts = m
            .sum(1)
            .map_err(&err)?
            .clamp(1e-9f32, f32::MAX)
            .map_err(&err)?;
        let mean = summed.broadcast_div(&counts).map_err(&err)?;
        let norm = mean
            .sqr()
            .map_err(&err)?
            .sum_keepdim(1)
            .map_err(&err)?
            .sqrt()
            .map_err(&err)?
            .clamp(1e-12f32, f32::MAX)
            .map_err(&err)?;
        let out = mean.broadcast_div(&norm).map_err(&err)?;
        out.to_vec2::<f32>().map_err(&err)
    }
}

impl Embedder for SentenceEmbedder {
    fn name(&self) -> &str {
        &self.name
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        // Sort by length so batches pad little, then restore the order.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let vecs = self.embed_batch(&batch)?;
            for (&i, v) in chunk.iter().zip(vecs) {
                out[i] = v;
            }
        }
        Ok(out)
    }
}
