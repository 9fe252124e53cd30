//! Shared loading helpers: model directories, configs, tokenizers, weights.

use crate::error::{Error, Result};
use candle_core::{DType, Device};
use candle_nn::VarBuilder;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// A model error for directory `dir`.
pub fn model_err(dir: &Path, reason: impl std::fmt::Display) -> Error {
    Error::Model {
        path: dir.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// The path of `file` in `dir`, or an error naming the missing file.
pub fn require(dir: &Path, file: &str) -> Result<PathBuf> {
    if !dir.is_dir() {
        return Err(model_err(dir, "not a directory"));
    }
    let p = dir.join(file);
    if p.is_file() {
        Ok(p)
    } else {
        Err(model_err(dir, format!("missing {file}")))
    }
}

/// Reads `config.json` of `dir` as raw JSON.
pub fn read_config(dir: &Path) -> Result<serde_json::Value> {
    let p = require(dir, "config.json")?;
    let s = std::fs::read_to_string(&p)
        .map_err(|e| model_err(dir, format!("cannot read config.json: {e}")))?;
    serde_json::from_str(&s)
        .map_err(|e| model_err(dir, format!("config.json is not valid JSON: {e}")))
}

/// The model type named by config.json (`bert`, `deberta-v2`, ...), lowercased.
pub fn model_type(dir: &Path, config: &serde_json::Value) -> Result<String> {
    config
        .get("model_type")
        .and_then(|v| v.as_str())
        .map(|s| s.to_ascii_lowercase())
        .ok_or_else(|| model_err(dir, "config.json has no model_type"))
}

/// The labels of config.json's `id2label`, ordered by id (ids must be 0..n).
pub fn labels(dir: &Path, config: &serde_json::Value) -> Result<Vec<String>> {
    let map = config
        .get("id2label")
        .and_then(|v| v.as_object())
        .ok_or_else(|| model_err(dir, "config.json has no id2label"))?;
    let mut by_id = BTreeMap::new();
    for (k, v) in map {
        let id: usize = k
            .parse()
            .map_err(|_| model_err(dir, format!("id2label key {k:?} is not a number")))?;
        let label = v
            .as_str()
            .ok_or_else(|| model_err(dir, format!("id2label[{k}] is not a string")))?;
        by_id.insert(id, label.to_string());
    }
    if by_id.is_empty() {
        return Err(model_err(dir, "id2label is empty"));
    }
    if by_id.keys().enumerate().any(|(i, k)| i != *k) {
        return Err(model_err(dir, "id2label ids are not 0..n"));
    }
    Ok(by_id.into_values().collect())
}

/// Loads `tokenizer.json`, padding to the longest sequence of a batch and
/// truncating at `max_len` tokens (whatever the file itself fixes).
pub fn tokenizer(dir: &Path, max_len: usize) -> Result<Tokenizer> {
    let p = require(dir, "tokenizer.json")?;
    let mut tok =
        Tokenizer::from_file(&p).map_err(|e| model_err(dir, format!("tokenizer.json: {e}")))?;
    let pad_id = tok.get_padding().map(|p| p.pad_id).unwrap_or(0);
    let pad_token = tok
        .get_padding()
        .map(|p| p.pad_token.clone())
        .unwrap_or_else(|| "[PAD]".to_string());
    tok.with_padding(Some(PaddingParams {
        strategy: PaddingStrategy::BatchLongest,
        pad_id,
        pad_token,
        ..Default::default()
    }));
    tok.with_truncation(Some(TruncationParams {
        max_length: max_len.max(8),
        ..Default::default()
    }))
    .map_err(|e| model_err(dir, format!("tokenizer truncation: {e}")))?;
    Ok(tok)
}

/// Reads `model.safetensors` of `dir` into a var builder (f32, CPU).
pub fn weights(dir: &Path) -> Result<VarBuilder<'static>> {
    let p = require(dir, "model.safetensors")?;
    let bytes = std::fs::read(&p)
        .map_err(|e| model_err(dir, format!("cannot read model.safetensors: {e}")))?;
    VarBuilder::from_buffered_safetensors(bytes, DType::F32, &Device::Cpu)
        .map_err(|e| model_err(dir, format!("model.safetensors: {e}")))
}

/// A readable model name: the directory's last component.
pub fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("model")
        .to_string()
}

/// Converts a candle error into a model error for `dir`.
pub fn candle_err(dir: &Path) -> impl Fn(candle_core::Error) -> Error + '_ {
    move |e| model_err(dir, e)
}

/// Numerically stable softmax of one row.
pub fn softmax(row: &[f32]) -> Vec<f32> {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = row.iter().map(|x| (x - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        return vec![1.0 / row.len().max(1) as f32; row.len()];
    }
    exps.into_iter().map(|x| x / sum).collect()
}
