//! Actors, roles, organisation relations and acts on the demo corpus and our
//! own articles, against tests/data/gold/; precision and recall are printed.

mod gold_support;

use gold_support::*;
use stancegraph::extraction::{Actor, Extraction};

fn find_actor<'a>(ex: &'a Extraction, name: &str) -> Option<&'a Actor> {
    let n = name.to_lowercase();
    ex.actors.iter().find(|a| a.name.to_lowercase() == n)
}

fn name_of(ex: &Extraction, id: &str) -> String {
    ex.actor(id).map(|a| a.name.clone()).unwrap_or_default()
}

/// Every gold actor exists with its kind, aliases and publisher flag; actor
/// precision (predicted actors that are gold actors) is at least 0.8.
#[test]
fn actors_match_gold() {
    let mut failures = vec![];
    for file in gold_files() {
        let g = load_gold(&file);
        let ex = extract(&g.file);
        let mut found = 0;
        for ga in &g.actors {
            let Some(a) = find_actor(&ex, &ga.name) else {
                failures.push(format!(
                    "{file}: actor {:?} missing (have {:?})",
                    ga.name,
                    ex.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
                ));
                continue;
            };
            let mut ok = true;
            if let Some(k) = &ga.kind {
                if &tag(&a.kind) != k {
                    failures.push(format!("{file}: {} kind {} != {k}", ga.name, tag(&a.kind)));
                    ok = false;
                }
            }
            for al in &ga.aliases {
                if !a.aliases.iter().any(|x| x == al) {
                    failures.push(format!(
                        "{file}: {} lacks alias {al} ({:?})",
                        ga.name, a.aliases
                    ));
                    ok = false;
                }
            }
            if ga.publisher && !a.is_publisher {
                failures.push(format!("{file}: {} not marked publisher", ga.name));
                ok = false;
            }
            if ok {
                found += 1;
            }
        }
        let correct_pred = ex
            .actors
            .iter()
            .filter(|a| {
                g.actors
                    .iter()
                    .any(|ga| ga.name.to_lowercase() == a.name.to_lowercase())
            })
            .count();
        let (p, r) = prf(correct_pred, ex.actors.len(), found, g.actors.len());
        println!(
            "{file}: actors precision {p:.2} recall {r:.2} ({} predicted, {} gold)",
            ex.actors.len(),
            g.actors.len()
        );
        assert!(
            p >= 0.8,
            "{file}: actor precision {p:.2}: {:?}",
            ex.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Roles and organisation relations match gold exactly (precision and recall 1).
#[test]
fn roles_and_relations_match_gold() {
    let mut failures = vec![];
    for file in gold_files() {
        let g = load_gold(&file);
        let ex = extract(&g.file);
        let got: Vec<(String, String, String)> = ex
            .roles
            .iter()
            .map(|r| {
                (
                    name_of(&ex, &r.member),
                    name_of(&ex, &r.organisation),
                    r.label.clone(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = g
            .roles
            .iter()
            .map(|r| (r.member.clone(), r.organisation.clone(), r.label.clone()))
            .collect();
        let hit = want.iter().filter(|w| got.contains(w)).count();
        let (p, r) = prf(
            got.iter().filter(|x| want.contains(x)).count(),
            got.len(),
            hit,
            want.len(),
        );
        println!("{file}: roles precision {p:.2} recall {r:.2}");
        if hit != want.len() || got.len() != want.len() {
            failures.push(format!("{file}: roles {got:?} != {want:?}"));
        }
        for r in &ex.roles {
            assert!(
                r.evidence.text.contains(&r.label),
                "evidence {:?} lacks label {:?}",
                r.evidence.text,
                r.label
            );
        }
        let got: Vec<(String, String, String)> = ex
            .org_relations
            .iter()
            .map(|r| {
                (
                    tag(&r.kind),
                    name_of(&ex, &r.child),
                    name_of(&ex, &r.parent),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = g
            .org_relations
            .iter()
            .map(|r| (r.kind.clone(), r.child.clone(), r.parent.clone()))
            .collect();
        if want.iter().any(|w| !got.contains(w)) || got.len() != want.len() {
            failures.push(format!("{file}: org relations {got:?} != {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Acts: every gold act found with the right agent, patient and polarity;
/// act precision at least 0.8.
#[test]
fn acts_match_gold() {
    let mut failures = vec![];
    for file in gold_files() {
        let g = load_gold(&file);
        let ex = extract(&g.file);
        let got: Vec<(String, String, String, i8)> = ex
            .acts
            .iter()
            .map(|x| {
                (
                    tag(&x.kind),
                    name_of(&ex, &x.agent),
                    name_of(&ex, &x.patient),
                    x.polarity,
                )
            })
            .collect();
        let mut hit = 0;
        for ga in &g.acts {
            if got
                .iter()
                .any(|(k, a, p, _)| k == &ga.kind && a == &ga.agent && p == &ga.patient)
            {
                hit += 1;
            } else {
                failures.push(format!(
                    "{file}: act {} {} {} missing in {got:?}",
                    ga.agent, ga.kind, ga.patient
                ));
            }
        }
        for x in &ex.acts {
            assert_eq!(
                x.polarity,
                x.kind.polarity(),
                "unnegated acts keep the kind's polarity"
            );
        }
        let correct = got
            .iter()
            .filter(|(k, a, p, _)| {
                g.acts
                    .iter()
                    .any(|ga| &ga.kind == k && &ga.agent == a && &ga.patient == p)
            })
            .count();
        let (p, r) = prf(correct, got.len(), hit, g.acts.len());
        println!("{file}: acts precision {p:.2} recall {r:.2}");
        if p < 0.8 {
            failures.push(format!("{file}: act precision {p:.2}: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Negated acts are dropped: "would not be blocking" is no Removes act.
#[test]
fn negated_acts_are_dropped() {
    let ex = extract("corpus/ibtimes-uk-cloudflare-isis-websites.md");
    assert!(!ex
        .acts
        .iter()
        .any(|x| tag(&x.kind) == "removes" && name_of(&ex, &x.agent) == "Matthew Prince"));
}

/// Case variants and acronyms join one actor; mentions point back to it.
#[test]
fn coreference_merges_variants() {
    let ex = extract("corpus/ibtimes-uk-cloudflare-isis-websites.md");
    let gs = find_actor(&ex, "GhostSec").expect("GhostSec");
    let texts: Vec<String> = ex
        .mentions
        .iter()
        .filter(|m| m.actor.as_deref() == Some(gs.id.as_str()))
        .map(|m| m.span.text.clone())
        .collect();
    assert!(texts.iter().any(|t| t == "Ghostsec"), "{texts:?}");
    let isis = find_actor(&ex, "Islamic State").expect("Islamic State");
    let n = ex
        .mentions
        .iter()
        .filter(|m| m.actor.as_deref() == Some(isis.id.as_str()))
        .count();
    assert!(n >= 3, "Isis mentions: {n}");
    // the pronoun in "his company" goes to Prince
    let prince = find_actor(&ex, "Matthew Prince").unwrap();
    assert!(ex
        .mentions
        .iter()
        .any(|m| m.span.text == "his" && m.actor.as_deref() == Some(prince.id.as_str())));
    // furniture yields no mentions
    for m in &ex.mentions {
        let p = ex
            .paragraphs
            .iter()
            .find(|p| p.start <= m.span.start && m.span.start < p.end)
            .unwrap();
        assert!(
            p.furniture.is_none(),
            "mention in furniture: {}",
            m.span.text
        );
    }
}
