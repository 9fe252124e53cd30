//! Token classification (NER) with a BERT or DeBERTa-v2 encoder and a linear
//! head, labels from config.json `id2label` (BIO or IOB2 tags such as
//! `B-PER`, `I-ORG`, `O`).

use super::loading::{self, candle_err, model_err};
use super::{EntitySpan, TokenClassifier};
use crate::document::CharIndex;
use crate::error::Result;
use candle_core::{Device, Module, Tensor};
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use candle_transformers::models::debertav2::{Config as DebertaConfig, DebertaV2NERModel};
use std::path::{Path, PathBuf};
use tokenizers::Tokenizer;

/// Longest text piece (in chars) classified in one pass; longer texts are
/// split at line and sentence boundaries first.
const MAX_PIECE_CHARS: usize = 1500;

enum Backbone {
    Bert {
        model: Box<BertModel>,
        head: candle_nn::Linear,
    },
    Deberta(Box<DebertaV2NERModel>),
}

/// A token-classification model loaded from a local directory.
pub struct TokenClassifierModel {
    backbone: Backbone,
    tokenizer: Tokenizer,
    labels: Vec<String>,
    name: String,
    dir: PathBuf,
}

impl TokenClassifierModel {
    /// Loads a `bert` or `deberta-v2` token classifier (config.json `model_type`).
    pub fn load(dir: &Path) -> Result<Self> {
        let raw = loading::read_config(dir)?;
        let kind = loading::model_type(dir, &raw)?;
        let labels = loading::labels(dir, &raw)?;
        let max_pos = raw
            .get("max_position_embeddings")
            .and_then(|v| v.as_u64())
            .unwrap_or(512) as usize;
        let tokenizer = loading::tokenizer(dir, max_pos.min(512))?;
        let vb = loading::weights(dir)?;
        let backbone = match kind.as_str() {
            "bert" | "distilbert-bert" => {
                let config: BertConfig = serde_json::from_value(raw)
                    .map_err(|e| model_err(dir, format!("config.json is not a BERT config: {e}")))?;
                let model = BertModel::load(vb.clone(), &config).map_err(candle_err(dir))?;
                let head = candle_nn::linear(config.hidden_size, labels.len(), vb.pp("classifier"))
                    .map_err(candle_err(dir))?;
                Backbone::Bert {
                    model: Box::new(model),
                    head,
                }
            }
            "deberta-v2" | "deberta_v2" => {
                let config: DebertaConfig = serde_json::from_value(raw)
                    .map_err(|e| model_err(dir, format!("config.json is not a DeBERTa-v2 config: {e}")))?;
                let vb = if vb.contains_tensor("deberta.embeddings.word_embeddings.weight") {
                    vb.pp("deberta")
                } else {
                    vb
                };
                Backbone::Deberta(Box::new(
                    DebertaV2NERModel::load(vb, &config, None).map_err(candle_err(dir))?,
                ))
            }
            other => {
                return Err(model_err(
                    dir,
                    format!("model_type {other:?} is not supported for token classification (bert, deberta-v2)"),
                ))
            }
        };
        Ok(TokenClassifierModel {
            backbone,
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

    /// Per-token label probabilities of one piece: (char start, char end, probs)
    /// for every non-special token, offsets relative to the piece.
    fn token_probs(&self, piece: &str) -> Result<Vec<(usize, usize, Vec<f32>)>> {
        let dir = self.dir.as_path();
        let err = candle_err(dir);
        let enc = self
            .tokenizer
            .encode_char_offsets(piece, true)
            .map_err(|e| model_err(dir, format!("tokenizing: {e}")))?;
        let n = enc.get_ids().len();
        if n == 0 {
            return Ok(vec![]);
        }
        let dev = Device::Cpu;
        let ids = Tensor::from_vec(enc.get_ids().to_vec(), (1, n), &dev).map_err(&err)?;
        let mask =
            Tensor::from_vec(enc.get_attention_mask().to_vec(), (1, n), &dev).map_err(&err)?;
        let types = Tensor::from_vec(enc.get_type_ids().to_vec(), (1, n), &dev).map_err(&err)?;
        let logits = match &self.backbone {
            Backbone::Bert { model, head } => {
                let h = model.forward(&ids, &types, Some(&mask)).map_err(&err)?;
                head.forward(&h).map_err(&err)?
            }
            Backbone::Deberta(m) => m.forward(&ids, Some(types), Some(mask)).map_err(&err)?,
        };
        let rows = logits
            .squeeze(0)
            .map_err(&err)?
            .to_vec2::<f32>()
            .map_err(&err)?;
        let special = enc.get_special_tokens_mask();
        let offsets = enc.get_offsets();
        let mut out = vec![];
        for (i, row) in rows.iter().enumerate() {
            if special.get(i).copied().unwrap_or(0) == 1 {
                continue;
            }
            let (s, e) = offsets.get(i).copied().unwrap_or((0, 0));
            if e <= s {
                continue;
            }
            out.push((s, e, loading::softmax(row)));
        }
        Ok(out)
    }
}

/// Splits a label into (BIO prefix, entity type): `B-PER` -> (`B`, `PER`), `O` -> (`O`, "").
fn split_label(label: &str) -> (char, &str) {
    if label == "O" || label.is_empty() {
        return ('O', "");
    }
    match label.split_once(['-', '_']) {
        Some((p, t)) if p.len() == 1 => (p.chars().next().unwrap_or('I').to_ascii_uppercase(), t),
        _ => ('I', label),
    }
}

/// Groups per-token predictions into entity spans (BIO decoding; a B- or a
/// change of type starts a new entity; adjacent tokens of the same type join).
pub fn decode_bio(labels: &[String], tokens: &[(usize, usize, Vec<f32>)]) -> Vec<EntitySpan> {
    let mut out: Vec<EntitySpan> = vec![];
    let mut cur: Option<(EntitySpan, usize)> = None;
    for (s, e, probs) in tokens {
        let (best, p) =
            probs.iter().enumerate().fold(
                (0usize, f32::MIN),
                |acc, (i, &p)| if p > acc.1 { (i, p) } else { acc },
            );
        let label = labels.get(best).map(|s| s.as_str()).unwrap_or("O");
        let (prefix, kind) = split_label(label);
        let continues = matches!(&cur, Some((span, _)) if prefix == 'I' && span.label == kind);
        if prefix == 'O' {
            if let Some((mut span, k)) = cur.take() {
                span.score /= k as f32;
                out.push(span);
            }
            continue;
        }
        if continues {
            if let Some((span, k)) = cur.as_mut() {
                span.end = *e;
                span.score += p;
                *k += 1;
            }
        } else {
            if let Some((mut span, k)) = cur.take() {
                span.score /= k as f32;
                out.push(span);
            }
            cur = Some((
                EntitySpan {
                    start: *s,
                    end: *e,
                    label: kind.to_string(),
                    score: p,
                },
                1,
            ));
        }
    }
    if let Some((mut span, k)) = cur.take() {
        span.score /= k as f32;
        out.push(span);
    }
    out
}

/// Splits text into pieces of at most `max` chars at newlines, then at
/// sentence ends, then hard; returns (char offset, piece).
fn pieces(text: &str, max: usize) -> Vec<(usize, String)> {
    let mut out = vec![];
    let mut off = 0usize;
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        let chars: Vec<char> = line.chars().collect();
        let mut start = 0usize;
        while start < n {
            let mut end = (start + max).min(n);
            if end < n {
                // Prefer a break after ". " inside the window.
                if let Some(b) = (start + 1..end)
                    .rev()
                    .find(|&i| chars[i] == ' ' && chars[i - 1] == '.')
                {
                    end = b + 1;
                }
            }
            let piece: String = chars[start..end].iter().collect();
            if !piece.trim().is_empty() {
                out.push((off + start, piece));
            }
            start = end;
        }
        off += n;
    }
    out
}

impl TokenClassifier for TokenClassifierModel {
    fn name(&self) -> &str {
        &self.name
    }

    fn classify(&self, text: &str) -> Result<Vec<EntitySpan>> {
        let mut out = vec![];
        for (off, piece) in pieces(text, MAX_PIECE_CHARS) {
            let toks = self.token_probs(&piece)?;
            // Offsets from encode_char_offsets are char offsets into the piece.
            let cix = CharIndex::new(&piece);
            let max = cix.len_chars();
            for mut span in decode_bio(&self.labels, &toks) {
                span.start = off + span.start.min(max);
                span.end = off + span.end.min(max);
                out.push(span);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_decoding_groups_and_splits() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let p = |i: usize| {
            let mut v = vec![0.01; 5];
            v[i] = 0.96;
            v
        };
        let toks = vec![
            (0, 4, p(1)),
            (5, 10, p(2)),
            (11, 13, p(0)),
            (14, 18, p(3)),
            (19, 22, p(1)),
        ];
        let spans = decode_bio(&labels, &toks);
        assert_eq!(spans.len(), 3);
        assert_eq!(
            (spans[0].start, spans[0].end, spans[0].label.as_str()),
            (0, 10, "PER")
        );
        assert_eq!(
            (spans[1].start, spans[1].end, spans[1].label.as_str()),
            (14, 18, "ORG")
        );
        assert_eq!(spans[2].label, "PER");
        assert!((spans[0].score - 0.96).abs() < 1e-5);
    }

    #[test]
    fn pieces_keep_offsets() {
        let t = "First line.\nSecond é line here. And more.";
        let ps = pieces(t, 12);
        for (off, p) in &ps {
            let back: String = t.chars().skip(*off).take(p.chars().count()).collect();
            assert_eq!(&back, p);
        }
        assert!(ps.len() >= 3);
    }
}
