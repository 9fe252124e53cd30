//! Coverage on unseen coverage: twelve articles written for the purpose
//! (business, courts, sport, local news, politics, science, health, culture;
//! embedded tweets and block quotations), scored against the gold in
//! tests/data/gold/coverage/. Prints per article and overall claim recall and
//! precision, speaker accuracy for direct and for reported (indirect + mixed)
//! claims, role and actor precision and recall, and asserts floors just below
//! today's figures so that regressions fail.
//!
//! `cargo test --release --test coverage -- --nocapture` prints the figures;
//! `COVERAGE_DETAIL=1` adds every missed claim, wrong speaker, extra claim,
//! extra actor and role. With `STANCEGRAPH_MODEL_DIR` set the articles are
//! also annotated with the MiniLM model loaded.

mod gold_support;

use gold_support::coverage::{self, CoverageGold, Score};
use stancegraph::annotate::{Annotator, AnnotatorOptions};
use std::collections::HashSet;

/// Floors on the overall figures (rules only), set just below the values
/// measured on 2026-12-03 (speaker direct 0.984, reported 0.972, roles
/// 0.961 / 0.980, actors 1.000 / 0.939), so that a regression fails.
const FLOORS: &[(&str, f64)] = &[
    ("claim recall", 0.95),
    ("claim precision", 0.87),
    ("speaker accuracy, direct", 0.96),
    ("speaker accuracy, indirect + mixed", 0.95),
    ("role recall", 0.93),
    ("role precision", 0.95),
    ("actor recall", 0.98),
    ("actor precision", 0.91),
];

/// Ceilings on the traps sprung overall: claims over texts that are no claims
/// ("has not responded to requests for comment", "Read more: ..."), and
/// actors named like a listed not-actor (DDoS, a dateline, a hashtag).
const MAX_NON_CLAIM_HITS: usize = 16;
const MAX_NOT_ACTOR_HITS: usize = 12;

fn figure(s: &Score, name: &str) -> f64 {
    match name {
        "claim recall" => s.claim_recall.value(),
        "claim precision" => s.claim_precision.value(),
        "speaker accuracy, direct" => s.speaker_direct.value(),
        "speaker accuracy, indirect + mixed" => s.speaker_reported().value(),
        "role recall" => s.role_recall.value(),
        "role precision" => s.role_precision.value(),
        "actor recall" => s.actor_recall.value(),
        "actor precision" => s.actor_precision.value(),
        other => panic!("unknown figure {other}"),
    }
}

fn golds() -> Vec<(String, CoverageGold)> {
    coverage::files()
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            (name, coverage::load(p))
        })
        .collect()
}

/// Scores every article with `ann`, printing per-article lines and the total.
fn run(label: &str, ann: &Annotator) -> Score {
    let detail = std::env::var_os("COVERAGE_DETAIL").is_some();
    let mut total = Score::default();
    println!("== coverage, {label} ==");
    for (name, g) in golds() {
        let s = coverage::score_article(&g, ann);
        println!("{name} [{}]: {}", g.genre, s.line());
        if detail {
            for p in &s.problems {
                println!("    {p}");
            }
        }
        total.add(&s);
    }
    println!("OVERALL ({label}): {}", total.line());
    println!(
        "  addressee {} | org relations R {} P {}",
        total.addressee, total.org_rel_recall, total.org_rel_precision
    );
    total
}

fn check_floors(label: &str, total: &Score) {
    let low: Vec<String> = FLOORS
        .iter()
        .filter(|(n, f)| figure(total, n) < *f)
        .map(|(n, f)| format!("{n} {:.3} < floor {f:.2}", figure(total, n)))
        .collect();
    assert!(low.is_empty(), "{label}: {}", low.join("; "));
    assert!(
        total.non_claim_hits <= MAX_NON_CLAIM_HITS,
        "{label}: {} claims over non-claim texts",
        total.non_claim_hits
    );
    assert!(
        total.not_actor_hits <= MAX_NOT_ACTOR_HITS,
        "{label}: {} listed not-actors became actors",
        total.not_actor_hits
    );
}

/// The figures with rules only, and with MiniLM when it is configured.
#[test]
fn coverage_on_gold_articles() {
    let total = run("rules", &Annotator::rules_only());
    check_floors("rules", &total);
    let Some(dir) = std::env::var_os("STANCEGRAPH_MODEL_DIR") else {
        println!("STANCEGRAPH_MODEL_DIR not set: MiniLM mode skipped");
        return;
    };
    let opts = AnnotatorOptions {
        model: Some(dir.into()),
        ..Default::default()
    };
    let ann = Annotator::from_options(&opts).expect("load MiniLM");
    let with_model = run(&ann.method(), &ann);
    check_floors("MiniLM", &with_model);
}

/// The gold itself: enough articles, genres and claims; every content,
/// non-claim and actor name occurs in its article; speakers, addressees and
/// role ends are gold actors; no two actors share a name or alias.
#[test]
fn coverage_gold_is_well_formed() {
    let gs = golds();
    assert!(gs.len() >= 12, "{} articles", gs.len());
    let genres: HashSet<&str> = gs.iter().map(|(_, g)| g.genre.as_str()).collect();
    assert!(genres.len() >= 8, "genres {genres:?}");
    let n: usize = gs.iter().map(|(_, g)| g.claims.len()).sum();
    assert!(n >= 150, "{n} gold claims");
    let mut errs = vec![];
    for (name, g) in &gs {
        let doc = coverage::document(g);
        let mut seen = HashSet::new();
        for a in &g.actors {
            for al in std::iter::once(&a.name).chain(&a.aliases) {
                if !seen.insert(al.to_lowercase()) {
                    errs.push(format!("{name}: name {al:?} used twice"));
                }
            }
            let publisher = doc.meta.outlet.as_deref() == Some(a.name.as_str());
            let named = std::iter::once(&a.name)
                .chain(&a.aliases)
                .any(|n| doc.text.contains(n.as_str()));
            if !named && !publisher {
                errs.push(format!("{name}: actor {:?} not in the text", a.name));
            }
        }
        let is_actor = |n: &str| g.actors.iter().any(|a| a.name == n);
        for c in &g.claims {
            if coverage::find_nth(&doc.text, &c.content, c.occurrence).is_none() {
                errs.push(format!("{name}: content {:?} not in the text", c.content));
            }
            if c.occurrence == 0 && doc.text.matches(c.content.as_str()).count() > 1 {
                errs.push(format!("{name}: content {:?} is ambiguous", c.content));
            }
            for p in &c.parts {
                if doc.text.matches(p.as_str()).count() != 1 {
                    errs.push(format!("{name}: part {p:?} does not occur exactly once"));
                }
            }
            for n in c.speaker.iter().chain(&c.addressee) {
                if !is_actor(n) {
                    errs.push(format!("{name}: {n:?} is no gold actor"));
                }
            }
            if !["direct", "indirect", "mixed"].contains(&c.kind.as_str()) {
                errs.push(format!("{name}: kind {}", c.kind));
            }
        }
        for r in &g.roles {
            for n in [&r.member, &r.organisation] {
                if !is_actor(n) {
                    errs.push(format!("{name}: role end {n:?} is no gold actor"));
                }
            }
        }
        for t in &g.non_claims {
            if !doc.text.contains(t.as_str()) {
                errs.push(format!("{name}: non-claim {t:?} not in the text"));
            }
        }
        for a in &g.actors {
            if let Some(k) = &a.kind {
                let ok = [
                    "person",
                    "organisation",
                    "group",
                    "outlet",
                    "place",
                    "campaign",
                ];
                if !ok.contains(&k.as_str()) {
                    errs.push(format!("{name}: actor kind {k}"));
                }
            }
        }
    }
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}
