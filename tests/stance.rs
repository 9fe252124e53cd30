//! Stance stage tests: the corpus article and articles of our own, with
//! claims annotated by hand in `tests/data/stance/*.claims.toml` (the
//! attribution a perfect discourse stage would give), so the stance rules are
//! tested on their own. Gold stances in those files give the accuracy report:
//! `cargo test --test stance -- --nocapture stance_accuracy`.

use serde::Deserialize;
use stancegraph::annotate::stance::{cluster_claims, ClaimText, StanceAnalyser};
use stancegraph::document::{CharIndex, Document};
use stancegraph::extraction::*;
use stancegraph::models::{Embedder, SentenceEmbedder};
use stancegraph::targets::TargetCatalogue;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Deserialize)]
struct Annotation {
    document: String,
    targets: String,
    #[serde(default)]
    actor: Vec<RawActor>,
    #[serde(default)]
    role: Vec<RawRole>,
    #[serde(default)]
    claim: Vec<RawClaim>,
    #[serde(default)]
    act: Vec<RawAct>,
    #[serde(default)]
    gold: Vec<Gold>,
    #[serde(default)]
    position: Vec<Position>,
}

#[derive(Deserialize)]
struct RawActor {
    id: String,
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct RawRole {
    member: String,
    organisation: String,
    label: String,
}

#[derive(Deserialize)]
struct RawClaim {
    id: String,
    speaker: Option<String>,
    kind: ClaimKind,
    cue: String,
    content: String,
}

#[derive(Deserialize)]
struct RawAct {
    id: String,
    kind: ActKind,
    agent: String,
    patient: String,
    evidence: String,
}

#[derive(Deserialize, Clone)]
struct Gold {
    claim: String,
    target: String,
    polarity: String,
}

#[derive(Deserialize, Clone)]
struct Position {
    holder: String,
    target: String,
    polarity: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Char span of the first occurrence of `needle` in the document text.
fn find(doc: &Document, needle: &str) -> Span {
    let b = doc
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("not in {}: {needle:?}", doc.id));
    let ix = CharIndex::new(&doc.text);
    Span::of(doc, ix.char(b), ix.char(b + needle.len()))
}

/// Loads an annotation file: the document, its catalogue, and the extraction
/// with the hand-made discourse layer (stances still empty).
fn load(name: &str) -> (Document, TargetCatalogue, Extraction, Annotation) {
    let path = root().join("tests/data/stance").join(name);
    let ann: Annotation = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let doc = stancegraph::ingest::load_file(&root().join(&ann.document))
        .unwrap()
        .remove(0);
    let cat = TargetCatalogue::load(&root().join(&ann.targets)).unwrap();
    let mut ex = Extraction::empty(&doc, "rules");
    for a in &ann.actor {
        ex.actors.push(Actor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            aliases: a.aliases.clone(),
            mentions: vec![],
            same_as: vec![],
            is_publisher: false,
        });
    }
    for (i, r) in ann.role.iter().enumerate() {
        ex.roles.push(Role {
            id: format!("r{}", i + 1),
            member: r.member.clone(),
            organisation: r.organisation.clone(),
            label: r.label.clone(),
            evidence: find(&doc, &r.label),
            confidence: 0.9,
        });
    }
    for c in &ann.claim {
        let content = find(&doc, &c.content);
        let cue = doc.text.find(&c.cue).map(|_| find(&doc, &c.cue));
        ex.claims.push(Claim {
            id: c.id.clone(),
            kind: c.kind,
            speaker: c.speaker.clone(),
            source: None,
            cue,
            cue_lemma: Some(c.cue.to_lowercase()),
            paragraph: doc
                .paragraph_at(content.start)
                .map(|p| p.index)
                .unwrap_or(0),
            content,
            fragments: vec![],
            addressee: None,
            resolution: SpeakerResolution::Explicit,
            confidence: 0.9,
        });
    }
    for a in &ann.act {
        ex.acts.push(Act {
            id: a.id.clone(),
            kind: a.kind,
            agent: a.agent.clone(),
            patient: a.patient.clone(),
            polarity: a.kind.polarity(),
            evidence: find(&doc, &a.evidence),
            claim: None,
            confidence: 0.8,
        });
    }
    (doc, cat, ex, ann)
}

fn polarity_name(p: Option<Polarity>) -> &'static str {
    match p {
        Some(Polarity::Favour) => "favour",
        Some(Polarity::Against) => "against",
        Some(Polarity::Neutral) => "neutral",
        None => "none",
    }
}

/// The stance of `claim` toward `target` (none when not about it).
fn claim_stance(ex: &Extraction, claim: &str, target: &str) -> Option<Polarity> {
    ex.stances
        .iter()
        .filter(|s| s.claim.as_deref() == Some(claim) && s.target == target && s.act.is_none())
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .map(|s| s.polarity)
}

/// A holder's net position toward a target over all their stances.
fn position(ex: &Extraction, holder: &str, target: &str) -> Option<Polarity> {
    let mut net = 0f32;
    let mut any = false;
    for s in ex
        .stances
        .iter()
        .filter(|s| s.holder == holder && s.target == target)
    {
        any = true;
        net += match s.polarity {
            Polarity::Favour => s.confidence,
            Polarity::Against => -s.confidence,
            Polarity::Neutral => 0.0,
        };
    }
    if !any {
        None
    } else if net > 0.0 {
        Some(Polarity::Favour)
    } else if net < 0.0 {
        Some(Polarity::Against)
    } else {
        Some(Polarity::Neutral)
    }
}

fn dump(ex: &Extraction) -> String {
    ex.stances
        .iter()
        .map(|s| {
            format!(
                "{} {} -> {} {:?} {:.2} {} [{}]",
                s.holder,
                s.claim.as_deref().or(s.act.as_deref()).unwrap_or("-"),
                s.target,
                s.polarity,
                s.confidence,
                s.method,
                s.evidence
                    .iter()
                    .map(|e| format!("{}:{}", e.kind, e.text))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const FILES: &[&str] = &[
    "ibtimes.claims.toml",
    "congestion-charge.claims.toml",
    "school-phones.claims.toml",
    "wind-farm.claims.toml",
];

fn analyse(name: &str, embedder: Option<Arc<dyn Embedder>>) -> (Extraction, Annotation) {
    let (doc, cat, mut ex, ann) = load(name);
    let analyser = StanceAnalyser::new(cat, embedder, None);
    analyser.analyse(&doc, &mut ex);
    if std::env::var_os("STANCE_DUMP").is_some() {
        eprintln!("=== {name} [{}]\n{}", analyser.method(), dump(&ex));
    }
    (ex, ann)
}

/// Positions every annotated holder must end up with (rules only).
fn check_positions(name: &str) {
    let (ex, ann) = analyse(name, None);
    let mut wrong = vec![];
    for p in &ann.position {
        let got = position(&ex, &p.holder, &p.target);
        if polarity_name(got) != p.polarity {
            wrong.push(format!(
                "{} -> {}: want {}, got {}",
                p.holder,
                p.target,
                p.polarity,
                polarity_name(got)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{name}:\n{}\n--- stances:\n{}",
        wrong.join("\n"),
        dump(&ex)
    );
}

#[test]
fn corpus_positions_rules() {
    check_positions("ibtimes.claims.toml");
}

#[test]
fn congestion_charge_positions_rules() {
    check_positions("congestion-charge.claims.toml");
}

#[test]
fn school_phones_positions_rules() {
    check_positions("school-phones.claims.toml");
}

#[test]
fn wind_farm_positions_rules() {
    // "opposes the development" / "backed the scheme" refer back to the wind farm.
    check_positions("wind-farm.claims.toml");
}

#[test]
fn corpus_stances_carry_evidence() {
    let (ex, _) = analyse("ibtimes.claims.toml", None);
    // Prince's refusal: negation and the "mob rule" counterfactual are the evidence.
    let refusal: Vec<&Stance> = ex
        .stances
        .iter()
        .filter(|s| s.claim.as_deref() == Some("c1") && s.target == "cut-service")
        .collect();
    assert_eq!(refusal.len(), 1, "{}", dump(&ex));
    assert_eq!(refusal[0].polarity, Polarity::Against);
    assert!(refusal[0]
        .evidence
        .iter()
        .any(|e| e.kind == "negation" && e.text == "not"));
    let mob = ex
        .stances
        .iter()
        .find(|s| s.claim.as_deref() == Some("c1") && s.target == "vigilante-takedowns")
        .expect("c1 is about vigilante takedowns");
    assert!(
        mob.evidence.iter().any(|e| e.kind == "counterfactual"),
        "{}",
        dump(&ex)
    );
    // Brandt's second quote turns with "On the other hand" against the firm.
    let turn = ex
        .stances
        .iter()
        .find(|s| s.claim.as_deref() == Some("c9") && s.target == "actor:a2")
        .expect("c9 is about CloudFlare");
    assert!(turn.evidence.iter().any(|e| e.kind == "contrast"));
    // Every evidence span is a true slice of the text.
    let doc = stancegraph::ingest::load_file(
        &root().join("corpus/ibtimes-uk-cloudflare-isis-websites.md"),
    )
    .unwrap()
    .remove(0);
    for s in &ex.stances {
        assert!((0.0..=1.0).contains(&s.confidence));
        for e in &s.evidence {
            if let Some(sp) = &e.span {
                assert_eq!(doc.slice(sp.start, sp.end), sp.text);
            }
        }
    }
    // Targets listed for every stance; catalogue targets all present.
    for s in &ex.stances {
        assert!(
            ex.targets.iter().any(|t| t.id == s.target),
            "missing target {}",
            s.target
        );
    }
    assert!(ex
        .targets
        .iter()
        .any(|t| t.id == "legal-process" && t.source == TargetSource::Catalogue));
    let cf = ex.targets.iter().find(|t| t.id == "actor:a2").unwrap();
    assert_eq!(
        (cf.label.as_str(), cf.source),
        ("CloudFlare", TargetSource::Actor)
    );
}

#[test]
fn unknown_speakers_give_no_stance() {
    let (doc, cat, mut ex, _) = load("ibtimes.claims.toml");
    for c in ex.claims.iter_mut() {
        if c.id == "c1" {
            c.speaker = None;
            c.resolution = SpeakerResolution::Unknown;
        }
    }
    StanceAnalyser::with_catalogue(cat).analyse(&doc, &mut ex);
    assert!(ex.stances.iter().all(|s| s.claim.as_deref() != Some("c1")));
    assert!(ex.stances.iter().all(|s| !s.holder.is_empty()));
}

#[test]
fn discovered_targets_without_catalogue() {
    let (doc, _, mut ex, _) = load("ibtimes.claims.toml");
    StanceAnalyser::rules_only().analyse(&doc, &mut ex);
    let discovered: Vec<&Target> = ex
        .targets
        .iter()
        .filter(|t| t.source == TargetSource::Discovered)
        .collect();
    // Prince's refusal becomes a target in its positive form, and he is against it.
    let block = discovered
        .iter()
        .find(|t| {
            t.favour
                .iter()
                .any(|p| p.contains("would be blocking its service"))
        })
        .unwrap_or_else(|| panic!("no blocking target: {:#?}", discovered));
    assert!(block.id.starts_with("topic:"));
    assert_eq!(
        claim_stance(&ex, "c1", &block.id),
        Some(Polarity::Against),
        "{}",
        dump(&ex)
    );
    // The intelligence agencies' argument and Anonymous' rebuttal are targets too.
    assert!(discovered
        .iter()
        .any(|t| t.label.contains("taking down websites")));
    // No target from a claim without a speaker or from a direct quote.
    assert!(discovered.iter().all(|t| !t.label.contains("plumbers")));
}

#[test]
fn catalogue_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("targets.toml");
    std::fs::write(&p, "[[target]]\nid = \"x\"\nlabel = \"X\"\n").unwrap();
    let e = TargetCatalogue::load(&p).unwrap_err().to_string();
    assert!(e.contains("targets.toml") && e.contains("\"x\""), "{e}");
    std::fs::write(
        &p,
        "[[target]]\nid = \"x\"\nlabel = \"X\"\nfavour = [\"x is good\"]\n",
    )
    .unwrap();
    let corpus = dir.path().join("a.md");
    std::fs::write(&corpus, "text").unwrap();
    assert_eq!(
        TargetCatalogue::find_beside(&[corpus]).as_deref(),
        Some(p.as_path())
    );
    assert!(
        TargetCatalogue::load(Path::new("/nonexistent/targets.toml"))
            .unwrap_err()
            .to_string()
            .contains("/nonexistent/targets.toml")
    );
}

#[test]
fn claims_cluster_across_articles() {
    let mut claims = vec![];
    for f in FILES {
        let (_, _, ex, _) = load(f);
        for c in &ex.claims {
            claims.push(ClaimText {
                id: format!("{f}#{}", c.id),
                text: c.content.text.clone(),
            });
        }
    }
    let k = cluster_claims(&claims, None, None).unwrap();
    assert_eq!(
        k.iter().map(|c| c.members.len()).sum::<usize>(),
        claims.len()
    );
    let find = |id: &str| {
        k.iter()
            .position(|c| c.members.iter().any(|m| m == id))
            .unwrap()
    };
    // Claims from different stories never share a cluster.
    for c in &k {
        let stories: std::collections::BTreeSet<&str> = c
            .members
            .iter()
            .map(|m| m.split('#').next().unwrap())
            .collect();
        assert_eq!(stories.len(), 1, "{c:?}");
    }
    assert_ne!(
        find("ibtimes.claims.toml#c1"),
        find("congestion-charge.claims.toml#c1")
    );
    // A restatement added to the pool joins the claim it restates.
    claims.push(ClaimText {
        id: "extra#1".into(),
        text: "Wilk warned that the charge would drive shoppers away to out-of-town malls".into(),
    });
    let k = cluster_claims(&claims, None, None).unwrap();
    let find = |id: &str| {
        k.iter()
            .position(|c| c.members.iter().any(|m| m == id))
            .unwrap()
    };
    assert_eq!(
        find("extra#1"),
        find("congestion-charge.claims.toml#c4"),
        "{k:#?}"
    );
}

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("STANCEGRAPH_MODEL_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/stancegraph/models/all-MiniLM-L6-v2"))
        })?;
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: no MiniLM model at {} (run scripts/install-model.sh)",
            dir.display()
        );
        None
    }
}

/// Accuracy of claim -> target -> polarity against the gold annotations, for
/// rules and (when the model is installed) with MiniLM.
#[test]
fn stance_accuracy() {
    let mut runs: Vec<(String, Option<Arc<dyn Embedder>>)> = vec![("rules".into(), None)];
    if let Some(dir) = model_dir() {
        let e: Arc<dyn Embedder> = Arc::new(SentenceEmbedder::load(&dir).unwrap());
        runs.push((format!("rules+{}", e.name()), Some(e)));
    }
    let mut results = BTreeMap::new();
    for (name, emb) in runs {
        let (mut right, mut total) = (0, 0);
        for f in FILES {
            let (ex, ann) = analyse(f, emb.clone());
            let (mut r, mut t) = (0, 0);
            for g in &ann.gold {
                t += 1;
                let got = polarity_name(claim_stance(&ex, &g.claim, &g.target));
                if got == g.polarity {
                    r += 1;
                } else {
                    eprintln!(
                        "  [{name}] {f} {} -> {}: gold {}, got {got}",
                        g.claim, g.target, g.polarity
                    );
                }
            }
            eprintln!("  [{name}] {f}: {r}/{t}");
            right += r;
            total += t;
        }
        let acc = right as f32 / total as f32;
        eprintln!("stance accuracy [{name}]: {right}/{total} = {acc:.3}");
        results.insert(name, acc);
    }
    // The rules must get most of the gold right on their own.
    assert!(results["rules"] >= 0.75, "{results:?}");
}

#[test]
fn annotator_from_options_finds_catalogue_and_models() {
    use stancegraph::annotate::{Annotator, AnnotatorOptions};
    let corpus = root().join("corpus/ibtimes-uk-cloudflare-isis-websites.md");
    let doc = stancegraph::ingest::load_file(&corpus).unwrap().remove(0);
    // targets.toml beside the corpus file is picked up.
    let opts = AnnotatorOptions {
        corpus: vec![corpus.clone()],
        ..Default::default()
    };
    let a = Annotator::from_options(&opts).unwrap();
    assert_eq!(a.stance.catalogue().len(), 6);
    let ex = a.annotate(&doc);
    let ids: Vec<&str> = ex.targets.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "cut-service",
        "vigilante-takedowns",
        "legal-process",
        "dos-attacks",
        "takedowns-hurt-intelligence",
    ] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    assert_eq!(ex.run.method, "rules");
    // An explicit catalogue wins; a broken one is an error naming the file.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("mine.toml");
    std::fs::write(&bad, "[[target]]\nid = \"a\"\n").unwrap();
    let err = Annotator::from_options(&AnnotatorOptions {
        targets: Some(bad.clone()),
        corpus: vec![corpus.clone()],
        ..Default::default()
    })
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("mine.toml") && err.contains("label"), "{err}");
    // A model directory without model files is an error naming it.
    let err = Annotator::from_options(&AnnotatorOptions {
        model: Some(dir.path().to_path_buf()),
        ..Default::default()
    })
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains(&dir.path().display().to_string()), "{err}");
    // With the embedding model the provenance names it.
    if let Some(m) = model_dir() {
        let a = Annotator::from_options(&AnnotatorOptions {
            model: Some(m),
            corpus: vec![corpus],
            ..Default::default()
        })
        .unwrap();
        assert!(a.method().contains("all-MiniLM-L6-v2"), "{}", a.method());
        assert!(a.stance.embedder().is_some());
    }
}
