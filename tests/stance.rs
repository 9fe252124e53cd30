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
use std::collections::{BTreeMap, BTreeSet};
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
fn without_catalogue_claims_get_statements_not_per_article_targets() {
    let (doc, _, mut ex, _) = load("ibtimes.claims.toml");
    StanceAnalyser::rules_only().analyse(&doc, &mut ex);
    // No per-article "favour <the claim's own words>" targets any more.
    assert!(ex
        .targets
        .iter()
        .all(|t| t.source != TargetSource::Discovered));
    // Prince's refusal: the proposition in positive form, which he denies.
    let st = ex
        .statements
        .iter()
        .find(|s| s.claim == "c1")
        .unwrap_or_else(|| panic!("{:#?}", ex.statements));
    assert!(
        st.proposition.contains("would be blocking its service"),
        "{}",
        st.proposition
    );
    assert_eq!(st.assertion, Polarity::Against);
    assert!(st.evidence.iter().any(|e| e.kind == "negation"));
    for st in &ex.statements {
        assert_eq!(doc.slice(st.span.start, st.span.end), st.span.text);
    }
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

/// The whole pipeline on the corpus: ingest, discourse stages (real
/// attribution), stance with corpus/targets.toml. Positions are looked up by
/// actor name, since actor ids are assigned by the pipeline.
#[test]
fn corpus_full_pipeline_positions() {
    use stancegraph::annotate::{Annotator, AnnotatorOptions};
    let corpus = root().join("corpus/ibtimes-uk-cloudflare-isis-websites.md");
    let doc = stancegraph::ingest::load_file(&corpus).unwrap().remove(0);
    let mut runs = vec![AnnotatorOptions {
        corpus: vec![corpus.clone()],
        ..Default::default()
    }];
    if let Some(m) = model_dir() {
        runs.push(AnnotatorOptions {
            corpus: vec![corpus.clone()],
            model: Some(m),
            ..Default::default()
        });
    }
    for opts in runs {
        let annotator = Annotator::from_options(&opts).unwrap();
        let ex = annotator.annotate(&doc);
        let id = |name: &str| -> String {
            ex.actors
                .iter()
                .find(|a| a.name == name || a.aliases.iter().any(|x| x == name))
                .unwrap_or_else(|| {
                    panic!(
                        "no actor {name}: {:?}",
                        ex.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
                    )
                })
                .id
                .clone()
        };
        let cf = format!("actor:{}", id("CloudFlare"));
        let want = [
            ("Matthew Prince", "cut-service", Polarity::Against),
            ("Matthew Prince", "vigilante-takedowns", Polarity::Against),
            ("Matthew Prince", "legal-process", Polarity::Favour),
            ("Anonymous", "cut-service", Polarity::Favour),
            ("Anonymous", cf.as_str(), Polarity::Against),
            ("GhostSec", cf.as_str(), Polarity::Against),
            ("Frank Tighe", "cut-service", Polarity::Favour),
            ("Daniel Brandt", "dos-attacks", Polarity::Against),
            ("Daniel Brandt", cf.as_str(), Polarity::Against),
            (
                "intelligence agencies",
                "takedowns-hurt-intelligence",
                Polarity::Favour,
            ),
            (
                "intelligence agencies",
                "vigilante-takedowns",
                Polarity::Against,
            ),
            (
                "Anonymous",
                "takedowns-hurt-intelligence",
                Polarity::Against,
            ),
        ];
        let mut wrong = vec![];
        for (holder, target, pol) in want {
            let got = position(&ex, &id(holder), target);
            if got != Some(pol) {
                wrong.push(format!("{holder} -> {target}: want {pol:?}, got {got:?}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "[{}]\n{}\n{}",
            annotator.method(),
            wrong.join("\n"),
            dump(&ex)
        );
        // Every stance has a holder that is an actor and a listed target.
        for s in &ex.stances {
            assert!(ex.actor(&s.holder).is_some());
            assert!(ex.targets.iter().any(|t| t.id == s.target));
        }
    }
}

// ---------------------------------------------------------------------------
// Arguments discovered across outlets (no catalogue): tests/data/stories/.

#[derive(Deserialize)]
struct StoryGold {
    argument: Vec<GoldArgument>,
    statement: Vec<GoldStatement>,
}

#[derive(Deserialize)]
struct GoldArgument {
    id: String,
    side: i8,
}

#[derive(Deserialize)]
struct GoldStatement {
    article: String,
    speaker: String,
    quote: String,
    argument: String,
    polarity: String,
}

const STORIES: &[&str] = &["harbour-bridge", "school-meals", "steel-plant"];

fn story_dir(s: &str) -> PathBuf {
    root().join("tests/data/stories").join(s)
}

fn stories_annotator(model: Option<PathBuf>) -> stancegraph::annotate::Annotator {
    use stancegraph::annotate::{Annotator, AnnotatorOptions};
    Annotator::from_options(&AnnotatorOptions {
        model,
        ..Default::default()
    })
    .unwrap()
}

fn ingest_stories(annotator: &stancegraph::annotate::Annotator) -> stancegraph::store::Store {
    let store = stancegraph::store::Store::in_memory().unwrap();
    let paths: Vec<PathBuf> = STORIES.iter().map(|s| story_dir(s)).collect();
    let summary = stancegraph::ingest::pipeline::ingest_paths(
        &store,
        annotator,
        stancegraph::resolve::ActorKb::default(),
        &paths,
        false,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(summary.failed, 0, "{:?}", summary.errors);
    store
}

fn canned_rows(store: &stancegraph::store::Store, name: &str) -> Vec<stancegraph::store::Row> {
    let c = stancegraph::query::canned(name).unwrap();
    match stancegraph::query::run(store, c.sparql, &[]).unwrap() {
        oxigraph::sparql::QueryResults::Solutions(s) => s
            .map(|s| {
                let s = s.unwrap();
                stancegraph::store::Row(
                    s.iter()
                        .map(|(v, t)| (v.as_str().to_string(), t.clone()))
                        .collect(),
                )
            })
            .collect(),
        _ => panic!("{name} is not a SELECT"),
    }
}

fn f1(pred: &BTreeSet<(String, String)>, gold: &BTreeSet<(String, String)>) -> f32 {
    let tp = pred.intersection(gold).count() as f32;
    if pred.is_empty() && gold.is_empty() {
        return 1.0;
    }
    let p = if pred.is_empty() {
        0.0
    } else {
        tp / pred.len() as f32
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        tp / gold.len() as f32
    };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// B-cubed F1 of two clusterings of the same items (cluster keys per item).
fn bcubed(gold: &[String], pred: &[String]) -> f32 {
    let n = gold.len();
    let (mut p, mut r) = (0f32, 0f32);
    for i in 0..n {
        let same_pred: Vec<usize> = (0..n).filter(|&j| pred[j] == pred[i]).collect();
        let same_gold: Vec<usize> = (0..n).filter(|&j| gold[j] == gold[i]).collect();
        let both = same_pred.iter().filter(|&&j| gold[j] == gold[i]).count() as f32;
        p += both / same_pred.len() as f32;
        r += both / same_gold.len() as f32;
    }
    let (p, r) = (p / n as f32, r / n as f32);
    2.0 * p * r / (p + r)
}

/// What the argument discovery gets right on the story sets.
#[derive(Debug)]
struct ArgumentScores {
    bcubed: f32,
    polarity: f32,
    agree_f1: f32,
    conflict_f1: f32,
    readable: f32,
    labels: usize,
}

fn score_stories(store: &stancegraph::store::Store) -> ArgumentScores {
    use stancegraph::annotate::stance::label::is_readable;
    let rows = store
        .select(
            "SELECT ?c ?text ?speaker ?doc ?arg ?pol WHERE {
               ?c a schema:Claim ; schema:text ?text ; schema:appearance ?a . ?a sg:documentId ?doc .
               OPTIONAL { ?c schema:author ?au . ?au schema:name ?speaker }
               OPTIONAL { ?c sg:inCluster ?arg .
                 OPTIONAL { ?s a sg:Stance ; sg:expressedIn ?c ; sg:target ?arg ; sg:polarity ?pol } } }",
        )
        .unwrap();
    let (mut gold_keys, mut pred_keys) = (vec![], vec![]);
    let (mut right, mut total) = (0, 0);
    let mut gold_agree = BTreeSet::new();
    let mut gold_conflict = BTreeSet::new();
    let mut names = BTreeSet::new();
    for story in STORIES {
        let gold: StoryGold =
            toml::from_str(&std::fs::read_to_string(story_dir(story).join("gold.toml")).unwrap())
                .unwrap();
        let side: BTreeMap<&str, i8> = gold
            .argument
            .iter()
            .map(|a| (a.id.as_str(), a.side))
            .collect();
        let mut position: BTreeMap<&str, i32> = BTreeMap::new();
        for (k, g) in gold.statement.iter().enumerate() {
            let pol: i32 = if g.polarity == "agree" { 1 } else { -1 };
            *position.entry(g.speaker.as_str()).or_default() +=
                pol * side[g.argument.as_str()] as i32;
            names.insert(g.speaker.clone());
            let doc = g.article.trim_end_matches(".md");
            // Speakers by surname: the attribution may name "Quist" or "MP Owen Price".
            let surname = g.speaker.rsplit(' ').next().unwrap_or(&g.speaker);
            let hit = rows.iter().find(|r| {
                r.str("doc").as_deref() == Some(doc)
                    && r.str("speaker").is_some_and(|s| s.contains(surname))
                    && r.str("text")
                        .is_some_and(|t| t.to_lowercase().contains(&g.quote.to_lowercase()))
            });
            gold_keys.push(format!("{story}/{}", g.argument));
            pred_keys.push(
                hit.and_then(|r| r.str("arg"))
                    .unwrap_or_else(|| format!("none/{story}/{k}")),
            );
            total += 1;
            let want = if pol > 0 { "Favour" } else { "Against" };
            let got = hit.and_then(|r| r.str("pol")).unwrap_or_default();
            if got.ends_with(want) {
                right += 1;
            } else {
                eprintln!(
                    "  polarity: {story} {} {:?}: gold {}, got {:?} (claim found: {})",
                    g.speaker,
                    g.quote,
                    g.polarity,
                    got,
                    hit.is_some()
                );
            }
        }
        let actors: Vec<(&str, i32)> = position.into_iter().filter(|(_, p)| *p != 0).collect();
        for i in 0..actors.len() {
            for j in i + 1..actors.len() {
                let p = pair(actors[i].0, actors[j].0);
                if actors[i].1.signum() == actors[j].1.signum() {
                    gold_agree.insert(p);
                } else {
                    gold_conflict.insert(p);
                }
            }
        }
    }
    // Predicted pairs from the canned queries, by the majority of shared
    // targets; predicted names map to gold names by surname.
    let gold_name = |n: &str| -> Option<String> {
        names
            .iter()
            .find(|g| n.contains(g.rsplit(' ').next().unwrap_or(g)))
            .cloned()
    };
    let mut votes: BTreeMap<(String, String), i32> = BTreeMap::new();
    for (q, a, b, v) in [
        ("agreeing-pairs", "aName", "bName", 1),
        ("conflicting-pairs", "favourName", "againstName", -1),
    ] {
        for r in canned_rows(store, q) {
            let (Some(x), Some(y)) = (
                r.str(a).and_then(|n| gold_name(&n)),
                r.str(b).and_then(|n| gold_name(&n)),
            ) else {
                continue;
            };
            if x != y {
                *votes.entry(pair(&x, &y)).or_default() += v;
            }
        }
    }
    let agree: BTreeSet<_> = votes
        .iter()
        .filter(|(_, v)| **v > 0)
        .map(|(p, _)| p.clone())
        .collect();
    let conflict: BTreeSet<_> = votes
        .iter()
        .filter(|(_, v)| **v < 0)
        .map(|(p, _)| p.clone())
        .collect();
    for p in agree.symmetric_difference(&gold_agree) {
        eprintln!(
            "  agree pair {p:?}: {}",
            if agree.contains(p) {
                "spurious"
            } else {
                "missed"
            }
        );
    }
    for p in conflict.symmetric_difference(&gold_conflict) {
        eprintln!(
            "  conflict pair {p:?}: {}",
            if conflict.contains(p) {
                "spurious"
            } else {
                "missed"
            }
        );
    }
    let labels = stancegraph::rdf::derived::labels(store).unwrap();
    let unreadable: Vec<&(String, String)> =
        labels.iter().filter(|(_, l)| !is_readable(l)).collect();
    for (t, l) in &unreadable {
        eprintln!("  unreadable label {l:?} ({t})");
    }
    ArgumentScores {
        bcubed: bcubed(&gold_keys, &pred_keys),
        polarity: right as f32 / total as f32,
        agree_f1: f1(&agree, &gold_agree),
        conflict_f1: f1(&conflict, &gold_conflict),
        readable: 1.0 - unreadable.len() as f32 / labels.len().max(1) as f32,
        labels: labels.len(),
    }
}

/// Argument discovery on three multi-outlet stories with no catalogue:
/// `cargo test --release --test stance argument_discovery -- --nocapture`.
#[test]
fn argument_discovery_on_story_sets() {
    let mut runs: Vec<(&str, Option<PathBuf>)> = vec![("rules", None)];
    if let Some(m) = model_dir() {
        runs.push(("rules+all-MiniLM-L6-v2", Some(m)));
    }
    for (name, model) in runs {
        let store = ingest_stories(&stories_annotator(model));
        let s = score_stories(&store);
        eprintln!(
            "argument discovery [{name}]: B-cubed F1 {:.3}; polarity accuracy {:.3}; agreeing pairs F1 {:.3}; conflicting pairs F1 {:.3}; readable labels {:.3} of {}",
            s.bcubed, s.polarity, s.agree_f1, s.conflict_f1, s.readable, s.labels
        );
        // The argument queries: the bridge's opponents' argument against its supporters'.
        let map = canned_rows(&store, "argument-map");
        assert!(
            map.iter().any(|r| r
                .str("argumentLabel")
                .is_some_and(|l| l.contains("ruin the view"))
                && r.str("side").as_deref() == Some("against")
                && r.str("holderName").as_deref() == Some("Ines Varga")
                && r.str("polarity").as_deref() == Some("agrees")),
            "{map:?}"
        );
        let opp = canned_rows(&store, "opposing-arguments");
        assert!(
            opp.iter().any(|r| r
                .str("againstLabel")
                .is_some_and(|l| l.contains("ruin the view"))),
            "{opp:?}"
        );
        let report = stancegraph::validate::validate_store(&store, None).unwrap();
        assert!(report.conforms, "{:#?}", report.violations);
        if name == "rules" {
            assert!(s.polarity >= 0.85, "{s:?}");
            assert!(s.agree_f1 >= 0.8 && s.conflict_f1 >= 0.8, "{s:?}");
            assert_eq!(s.readable, 1.0, "{s:?}");
            assert!(s.bcubed >= 0.7, "{s:?}");
        }
    }
}

fn corpus_quads(store: &stancegraph::store::Store) -> BTreeSet<String> {
    store
        .select("SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/stancegraph/id/graph/corpus> { ?s ?p ?o } }")
        .unwrap()
        .iter()
        .map(|r| format!("{:?} {:?} {:?}", r.get("s"), r.get("p"), r.get("o")))
        .collect()
}

/// Incremental updates in shuffled batches end in the quads a rebuild gives,
/// and so does removing an article again.
#[test]
fn derived_graph_is_a_function_of_the_stored_claims() {
    use stancegraph::ingest::pipeline::Ingester;
    use stancegraph::rdf::derived;
    let annotator = stories_annotator(None);
    let reference = ingest_stories(&annotator);
    derived::rebuild(&reference, None).unwrap();
    let want = corpus_quads(&reference);
    assert!(want.len() > 50);
    let mut docs = vec![];
    for s in STORIES {
        for f in stancegraph::ingest::discover(&[story_dir(s)]) {
            docs.extend(stancegraph::ingest::load_file(&f).unwrap());
        }
    }
    // A fixed shuffle: every third document first, then the rest backwards.
    let mut order: Vec<usize> = (0..docs.len()).step_by(3).collect();
    order.extend((0..docs.len()).rev().filter(|i| i % 3 != 0));
    let store = stancegraph::store::Store::in_memory().unwrap();
    for batch in order.chunks(4) {
        let mut ing =
            Ingester::new(&store, &annotator, stancegraph::resolve::ActorKb::default()).unwrap();
        let mut ids = vec![];
        for &i in batch {
            ing.ingest_document(&docs[i]).unwrap();
            ids.push(docs[i].id.clone());
        }
        let stats = derived::update(&store, None, &ids).unwrap();
        assert!(stats.reclustered <= stats.claims);
    }
    assert_eq!(corpus_quads(&store), want);
    // Nothing changed: nothing is re-clustered.
    let stats = derived::update(&store, None, &[]).unwrap();
    assert_eq!((stats.reclustered, stats.added, stats.removed), (0, 0, 0));
    // Removing an article and updating equals rebuilding without it.
    let gone = &docs[0].id;
    let g = stancegraph::rdf::mapping::graph_iri(&stancegraph::ingest::slug(gone));
    store.replace_graph(g.as_ref(), &[]).unwrap();
    derived::update(&store, None, std::slice::from_ref(gone)).unwrap();
    let after = corpus_quads(&store);
    derived::rebuild(&store, None).unwrap();
    assert_eq!(after, corpus_quads(&store));
}

/// The draft catalogue written from the discovered arguments parses.
#[test]
fn suggested_catalogue_is_valid_toml() {
    let store = ingest_stories(&stories_annotator(None));
    let text = stancegraph::targets::suggest(&store).unwrap();
    let cat = TargetCatalogue::parse(Path::new("suggested.toml"), &text).unwrap();
    assert!(cat.len() >= 3, "{text}");
    assert!(cat
        .entries
        .iter()
        .all(|e| !e.target.favour.is_empty() || !e.target.against.is_empty()));
    assert!(text.contains("bridge") && text.contains("plant"), "{text}");
}
