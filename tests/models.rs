//! Model loading and inference with candle: tiny random-weight BERT and
//! DeBERTa-v2 models written at run time (config.json, a hand-written
//! WordLevel tokenizer.json, safetensors weights), and the real MiniLM
//! sentence embedder when it is installed (skipped with a message otherwise).

use candle_core::{DType, Device, Tensor};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::{bert, debertav2};
use serde_json::json;
use stancegraph::annotate::stance::{cluster_claims, ClaimText};
use stancegraph::models::{
    cosine, Embedder, NliClassifier, PairClassifier, SentenceEmbedder, TokenClassifier,
    TokenClassifierModel,
};
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "alice", "met", "bob", "in", "paris", "the", "council",
    "said", "tax", "is", "fair", "unfair", "a", "new", "rule", "city",
];

fn tokenizer_json() -> serde_json::Value {
    let vocab: serde_json::Map<String, serde_json::Value> = WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), json!(i)))
        .collect();
    let added: Vec<serde_json::Value> = WORDS[..4]
        .iter()
        .enumerate()
        .map(|(i, w)| json!({"id": i, "content": w, "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}))
        .collect();
    json!({
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": 4, "strategy": "LongestFirst", "stride": 0},
        "padding": {"strategy": {"Fixed": 40}, "direction": "Right", "pad_to_multiple_of": null, "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": added,
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
            }
        },
        "decoder": null,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}
    })
}

fn write(dir: &Path, name: &str, v: &serde_json::Value) {
    std::fs::write(dir.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap();
}

fn id2label(labels: &[&str]) -> serde_json::Value {
    let m: serde_json::Map<String, serde_json::Value> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), json!(l)))
        .collect();
    serde_json::Value::Object(m)
}

const NER_LABELS: &[&str] = &["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];

fn bert_config(labels: Option<&[&str]>) -> serde_json::Value {
    let mut c = json!({
        "model_type": "bert", "vocab_size": WORDS.len(), "hidden_size": 16, "num_hidden_layers": 2,
        "num_attention_heads": 2, "intermediate_size": 32, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
        "max_position_embeddings": 64, "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12,
        "pad_token_id": 0
    });
    if let Some(l) = labels {
        c["id2label"] = id2label(l);
    }
    c
}

fn deberta_config(labels: &[&str]) -> serde_json::Value {
    json!({
        "model_type": "deberta-v2", "vocab_size": WORDS.len(), "hidden_size": 16, "num_hidden_layers": 2,
        "num_attention_heads": 2, "intermediate_size": 32, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0, "max_position_embeddings": 64, "type_vocab_size": 0,
        "initializer_range": 0.02, "layer_norm_eps": 1e-7, "relative_attention": true, "max_relative_positions": -1,
        "pad_token_id": 0, "position_biased_input": false, "pos_att_type": ["p2c", "c2p"], "position_buckets": 16,
        "share_att_key": true, "norm_rel_ebd": "layer_norm", "pooler_hidden_size": 16, "pooler_hidden_act": "gelu",
        "pooler_dropout": 0.0, "id2label": id2label(labels)
    })
}

/// A tiny BERT token classifier; the classifier bias is set so that label
/// `favoured` wins on every token.
fn tiny_bert_ner(dir: &Path, favoured: usize) {
    let cfg = bert_config(Some(NER_LABELS));
    let config: bert::Config = serde_json::from_value(cfg.clone()).unwrap();
    let mut vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    bert::BertModel::load(vb.pp("bert"), &config).unwrap();
    candle_nn::linear(16, NER_LABELS.len(), vb.pp("classifier")).unwrap();
    let mut bias = vec![0f32; NER_LABELS.len()];
    bias[favoured] = 50.0;
    vm.set_one("classifier.bias", Tensor::new(bias, &Device::Cpu).unwrap())
        .unwrap();
    vm.save(dir.join("model.safetensors")).unwrap();
    write(dir, "config.json", &cfg);
    write(dir, "tokenizer.json", &tokenizer_json());
}

#[test]
fn bert_token_classifier_loads_and_decodes() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_bert_ner(tmp.path(), 2); // I-PER everywhere: one PER entity over all words
    let m = TokenClassifierModel::load(tmp.path()).unwrap();
    assert_eq!(m.labels(), NER_LABELS);
    let text = "Alice met  Bob in Paris";
    let spans = m.classify(text).unwrap();
    assert_eq!(spans.len(), 1, "{spans:?}");
    assert_eq!(
        (spans[0].start, spans[0].end, spans[0].label.as_str()),
        (0, text.chars().count(), "PER")
    );
    assert!(spans[0].score > 0.99);
    // Unknown words and multi-byte text: offsets stay char offsets.
    let text = "Zoë met Bob";
    let spans = m.classify(text).unwrap();
    assert_eq!(spans[0].end, 11);
}

#[test]
fn bert_token_classifier_random_weights_give_valid_spans() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_bert_ner(tmp.path(), 0);
    // Random head: replace the bias with zeros so the weights decide.
    let m = TokenClassifierModel::load(tmp.path()).unwrap();
    let text = "The council said Alice met Bob in Paris\nA new tax is unfair";
    let n = text.chars().count();
    for s in m.classify(text).unwrap() {
        assert!(s.start < s.end && s.end <= n);
        assert!(["PER", "LOC"].contains(&s.label.as_str()));
        assert!(s.score > 0.0 && s.score <= 1.0);
    }
}

#[test]
fn deberta_token_classifier_and_nli_load_and_run() {
    // NER head.
    let tmp = tempfile::tempdir().unwrap();
    let cfg = deberta_config(NER_LABELS);
    let config: debertav2::Config = serde_json::from_value(cfg.clone()).unwrap();
    let mut vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    debertav2::DebertaV2NERModel::load(vb.pp("deberta"), &config, None).unwrap();
    vm.set_one(
        "classifier.weight",
        Tensor::zeros((NER_LABELS.len(), 16), DType::F32, &Device::Cpu).unwrap(),
    )
    .unwrap();
    vm.save(tmp.path().join("model.safetensors")).unwrap();
    write(tmp.path(), "config.json", &cfg);
    write(tmp.path(), "tokenizer.json", &tokenizer_json());
    let m = TokenClassifierModel::load(tmp.path()).unwrap();
    // All-zero head: every label equally likely, argmax "O", no entities.
    assert!(m.classify("Alice met Bob in Paris").unwrap().is_empty());

    // NLI head.
    let labels = ["entailment", "neutral", "contradiction"];
    let tmp = tempfile::tempdir().unwrap();
    let cfg = deberta_config(&labels);
    let config: debertav2::Config = serde_json::from_value(cfg.clone()).unwrap();
    let mut vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    debertav2::DebertaV2SeqClassificationModel::load(vb.pp("deberta"), &config, None).unwrap();
    vm.set_one(
        "classifier.bias",
        Tensor::new(&[0f32, 0.0, 30.0], &Device::Cpu).unwrap(),
    )
    .unwrap();
    vm.set_one(
        "classifier.weight",
        Tensor::zeros((3, 16), DType::F32, &Device::Cpu).unwrap(),
    )
    .unwrap();
    vm.save(tmp.path().join("model.safetensors")).unwrap();
    write(tmp.path(), "config.json", &cfg);
    write(tmp.path(), "tokenizer.json", &tokenizer_json());
    let nli = NliClassifier::load(tmp.path()).unwrap();
    let out = nli
        .classify("the tax is fair", "the tax is unfair")
        .unwrap();
    let names: Vec<&str> = out.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(names, labels);
    let total: f32 = out.iter().map(|(_, p)| p).sum();
    assert!((total - 1.0).abs() < 1e-4);
    assert!(NliClassifier::prob(&out, "contra") > 0.99);
}

/// Writes a tiny DeBERTa-v2 NLI model whose head always answers `winner`.
fn tiny_nli(dir: &Path, winner: usize) {
    let labels = ["entailment", "neutral", "contradiction"];
    let cfg = deberta_config(&labels);
    let config: debertav2::Config = serde_json::from_value(cfg.clone()).unwrap();
    let mut vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    debertav2::DebertaV2SeqClassificationModel::load(vb.pp("deberta"), &config, None).unwrap();
    let mut bias = [0f32; 3];
    bias[winner] = 30.0;
    vm.set_one("classifier.bias", Tensor::new(&bias, &Device::Cpu).unwrap())
        .unwrap();
    vm.set_one(
        "classifier.weight",
        Tensor::zeros((3, 16), DType::F32, &Device::Cpu).unwrap(),
    )
    .unwrap();
    vm.save(dir.join("model.safetensors")).unwrap();
    write(dir, "config.json", &cfg);
    write(dir, "tokenizer.json", &tokenizer_json());
}

/// The NLI pair classifier plugs into the stance stage and, when confident,
/// decides the polarity of a matched claim.
#[test]
fn nli_model_decides_stance_polarity() {
    use stancegraph::annotate::stance::StanceAnalyser;
    use stancegraph::extraction::*;
    use stancegraph::targets::TargetCatalogue;
    use std::sync::Arc;
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("tax.txt");
    std::fs::write(&article, "Ann Berg said the new city tax is fair.\n").unwrap();
    let doc = stancegraph::ingest::load_file(&article).unwrap().remove(0);
    let cat = TargetCatalogue::parse(
        Path::new("t.toml"),
        "[[target]]\nid = \"city-tax\"\nlabel = \"City tax\"\nfavour = [\"the new city tax is fair\"]\n",
    )
    .unwrap();
    let base = {
        let mut ex = Extraction::empty(&doc, "rules");
        ex.actors.push(Actor {
            id: "a1".into(),
            name: "Ann Berg".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            mentions: vec![],
            same_as: vec![],
            is_publisher: false,
        });
        let start = doc.text.find("the new").unwrap();
        ex.claims.push(Claim {
            id: "c1".into(),
            kind: ClaimKind::Indirect,
            speaker: Some("a1".into()),
            source: None,
            cue: None,
            cue_lemma: Some("say".into()),
            content: Span::of(&doc, start, start + "the new city tax is fair".len()),
            fragments: vec![],
            addressee: None,
            paragraph: 0,
            resolution: SpeakerResolution::Explicit,
            confidence: 0.9,
        });
        ex
    };
    let run = |winner: Option<usize>| {
        let nli: Option<Arc<dyn PairClassifier>> = winner.map(|w| {
            let d = tmp.path().join(format!("nli{w}"));
            std::fs::create_dir_all(&d).unwrap();
            tiny_nli(&d, w);
            Arc::new(NliClassifier::load(&d).unwrap()) as Arc<dyn PairClassifier>
        });
        let mut ex = base.clone();
        StanceAnalyser::new(cat.clone(), None, nli).analyse(&doc, &mut ex);
        ex.stances
            .into_iter()
            .find(|s| s.target == "city-tax")
            .unwrap()
    };
    assert_eq!(run(None).polarity, Polarity::Favour);
    let contra = run(Some(2));
    assert_eq!(contra.polarity, Polarity::Against);
    assert!(contra.method.starts_with("nli:"));
    assert!(contra.evidence.iter().any(|e| e.kind == "nli"));
    assert_eq!(run(Some(0)).polarity, Polarity::Favour);
    // Neutral NLI leaves the rules' decision in place.
    let neutral = run(Some(1));
    assert_eq!(
        (neutral.polarity, neutral.method.as_str()),
        (Polarity::Favour, "rules")
    );
}

fn tiny_bert_embedder(dir: &Path) {
    let cfg = bert_config(None);
    let config: bert::Config = serde_json::from_value(cfg.clone()).unwrap();
    let vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    bert::BertModel::load(vb, &config).unwrap();
    vm.save(dir.join("model.safetensors")).unwrap();
    write(dir, "config.json", &cfg);
    write(dir, "tokenizer.json", &tokenizer_json());
}

#[test]
fn embedder_pads_per_batch_and_normalises() {
    let tmp = tempfile::tempdir().unwrap();
    tiny_bert_embedder(tmp.path());
    let e = SentenceEmbedder::load(tmp.path()).unwrap();
    assert_eq!(e.dim(), 16);
    let alone = e.embed(&["alice met bob"]).unwrap();
    let batch = e
        .embed(&[
            "the council said a new tax is unfair in the city",
            "alice met bob",
            "",
        ])
        .unwrap();
    assert_eq!(batch.len(), 3);
    // Padding to the longest text (not to the file's fixed 40, nor truncated
    // at its 4) must not change a text's vector.
    for (a, b) in alone[0].iter().zip(&batch[1]) {
        assert!((a - b).abs() < 1e-4, "{a} vs {b}");
    }
    for v in &batch {
        let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((n - 1.0).abs() < 1e-3, "norm {n}");
    }
    // The long text is not cut at 4 tokens: it differs from its own prefix.
    let prefix = e.embed(&["the council said a"]).unwrap();
    assert!(cosine(&prefix[0], &batch[0]) < 0.9999);
}

#[test]
fn model_errors_name_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let err = SentenceEmbedder::load(tmp.path())
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains(&tmp.path().display().to_string()) && err.contains("config.json"),
        "{err}"
    );
    write(tmp.path(), "config.json", &bert_config(None));
    let err = SentenceEmbedder::load(tmp.path())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("tokenizer.json"), "{err}");
    let err = TokenClassifierModel::load(tmp.path())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("id2label"), "{err}");
    let err = NliClassifier::load(tmp.path()).err().unwrap().to_string();
    assert!(err.contains("not supported"), "{err}");
}

fn minilm() -> Option<SentenceEmbedder> {
    let dir = std::env::var_os("STANCEGRAPH_MODEL_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/stancegraph/models/all-MiniLM-L6-v2"))
        })?;
    if !dir.join("model.safetensors").is_file() {
        eprintln!(
            "SKIP: no MiniLM model at {} (run scripts/install-model.sh)",
            dir.display()
        );
        return None;
    }
    Some(SentenceEmbedder::load(&dir).unwrap())
}

#[test]
fn minilm_similarity_ordering() {
    let Some(e) = minilm() else { return };
    assert_eq!(e.dim(), 384);
    let v = e
        .embed(&[
            "The company refused to cut off service to the extremist websites.",
            "The firm declined to stop serving the jihadist sites.",
            "Heavy rain flooded the football pitch on Saturday.",
            "A cat sat on the mat.",
            "A cat was sitting on the mat.",
        ])
        .unwrap();
    let para = cosine(&v[0], &v[1]);
    let unrelated = cosine(&v[0], &v[2]);
    assert!(para > 0.6, "paraphrase cosine {para}");
    assert!(unrelated < 0.25, "unrelated cosine {unrelated}");
    assert!(cosine(&v[3], &v[4]) > 0.9);
    assert!(cosine(&v[3], &v[4]) > cosine(&v[3], &v[0]));
    // Long inputs are truncated, not rejected.
    let long = "word ".repeat(2000);
    assert_eq!(e.embed(&[long.as_str()]).unwrap()[0].len(), 384);
}

#[test]
fn minilm_clusters_paraphrases() {
    let Some(e) = minilm() else { return };
    let c = |id: &str, t: &str| ClaimText {
        id: id.into(),
        text: t.into(),
    };
    let claims = vec![
        c(
            "1",
            "The hosting firm will not block its service to the listed sites.",
        ),
        c(
            "2",
            "The company refuses to cut off the websites on the list.",
        ),
        c("3", "Denial-of-service attacks are against the law."),
        c("4", "DDoS attacks are illegal."),
        c("5", "The museum reopens after a two-year renovation."),
    ];
    let k = cluster_claims(&claims, Some(&e), None).unwrap();
    let find = |id: &str| {
        k.iter()
            .position(|cl| cl.members.iter().any(|m| m == id))
            .unwrap()
    };
    assert_eq!(find("3"), find("4"), "{k:?}");
    assert_ne!(find("1"), find("5"));
    assert_ne!(find("3"), find("5"));
    assert_eq!(k.iter().map(|c| c.members.len()).sum::<usize>(), 5);
}
