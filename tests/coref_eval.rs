//! The GUM coreference evaluator on an invented sample in GUM's formats
//! (tests/data/gum_coref): the reader, the alignment and the scores of a
//! hand-built response (values computed by hand), and the evaluator end to
//! end on our own annotation.

use stancegraph::eval::coref::{self, Align, THIRD_PERSON};
use stancegraph::eval::gum_coref::{self, GumDoc};
use stancegraph::extraction::{Actor, ActorKind, Extraction, Mention, MentionKind, Span};
use std::path::Path;

fn sample() -> GumDoc {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gum_coref");
    let docs = gum_coref::read_split(&dir, "dev").unwrap();
    // GUM_fiction_sample is listed as dev but is not a licensed genre
    assert_eq!(docs.len(), 1);
    docs.into_iter().next().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn sample_reads_with_sentences_as_lines() {
    let d = sample();
    assert_eq!(d.name, "GUM_news_sample");
    assert_eq!(d.genre, "news");
    assert_eq!(d.tokens.len(), 34);
    assert_eq!(d.sent_starts, vec![0, 8, 17, 25]);
    assert_eq!(d.mentions.len(), 12);
    assert_eq!(d.entities.len(), 7);
    assert_eq!(
        d.text,
        "Maria Lopez founded Brightwater Labs in 2004.\n\
         She said the company would hire forty engineers.\n\
         Lopez told reporters that it expects growth.\n\
         Daniel Weber disagreed, and he said so."
    );
    let he = d.mentions[11];
    assert_eq!(d.mention_chars(&he), (168, 170));
    assert!(gum_coref::read_split(Path::new("/nonexistent"), "dev").is_err());
}

/// A response built by hand: `spans` are (text, actor index or none, kind).
fn response(d: &GumDoc, spans: &[(&str, usize, Option<usize>, ActorKind)]) -> Extraction {
    let doc =
        stancegraph::ingest::build(d.name.clone(), d.name.clone(), Default::default(), &d.text)
            .unwrap();
    let mut ex = Extraction::empty(&doc, "test");
    let n_actors = spans.iter().filter_map(|s| s.2).max().map_or(0, |m| m + 1);
    for a in 0..n_actors {
        let kind = spans.iter().find(|s| s.2 == Some(a)).unwrap().3;
        ex.actors.push(Actor {
            id: format!("a{}", a + 1),
            name: format!("actor {a}"),
            kind,
            aliases: vec![],
            mentions: vec![],
            same_as: vec![],
            is_publisher: false,
        });
    }
    for (k, &(text, nth, actor, kind)) in spans.iter().enumerate() {
        // the nth whole-word occurrence of `text`
        let word = |i: usize| {
            d.text[i..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        };
        let mut hits = d.text.match_indices(text).map(|(i, _)| i).filter(|&i| {
            let before = i > 0 && word(i - 1);
            let after = i + text.len() < d.text.len() && word(i + text.len());
            !before && !after
        });
        let at = hits.nth(nth).unwrap();
        let start = d.text[..at].chars().count();
        ex.mentions.push(Mention {
            id: format!("m{}", k + 1),
            span: Span::of(&doc, start, start + text.chars().count()),
            kind: MentionKind::Name,
            actor_kind: kind,
            actor: actor.map(|a| format!("a{}", a + 1)),
        });
    }
    ex
}

#[test]
fn hand_built_response_scores_as_computed_by_hand() {
    let d = sample();
    use ActorKind::*;
    // key: {Maria Lopez, She, Lopez} {Brightwater Labs, the company, it}
    // {forty engineers} {reporters} {Daniel Weber, he}
    let ex = response(
        &d,
        &[
            ("Maria Lopez", 0, Some(0), Person),
            ("Brightwater Labs", 0, Some(1), Organisation),
            ("She", 0, Some(0), Person),
            ("the company", 0, Some(1), Organisation),
            ("Lopez", 1, Some(0), Person),
            ("reporters", 0, Some(3), Group),
            ("it", 0, Some(0), Person),      // wrong: to Lopez
            ("growth", 0, Some(4), Unknown), // an abstract entity: dropped
            ("Weber", 0, Some(2), Person),   // last word of "Daniel Weber"
            ("he", 0, None, Person),         // unresolved
        ],
    );
    let h = coref::evaluate(&d, &ex, Align::Head, 10);
    let s = h.all;
    assert_eq!(
        (s.muc.r_num, s.muc.r_den, s.muc.p_num, s.muc.p_den),
        (3.0, 5.0, 3.0, 4.0)
    );
    assert!(close(s.b3.recall(), 2.0 / 3.0) && close(s.b3.precision(), 5.0 / 6.0));
    // CEAF-e: 6/7 + 4/5 + 1 + 2/3 over 5 key and 5 response entities
    let ce = 6.0 / 7.0 + 0.8 + 1.0 + 2.0 / 3.0;
    assert!(close(s.ceafe.recall(), ce / 5.0) && close(s.ceafe.precision(), ce / 5.0));
    assert!(close(
        s.conll_f1(),
        (2.0 / 3.0 + 20.0 / 27.0 + ce / 5.0) / 3.0
    ));
    assert_eq!((h.key_mentions, h.response_mentions, h.aligned), (10, 9, 9));
    let n = h.no_singletons;
    assert!(close(n.b3.recall(), 7.0 / 12.0) && close(n.b3.precision(), 0.75));
    let ce2 = 6.0 / 7.0 + 0.8;
    assert!(close(n.ceafe.recall(), ce2 / 3.0) && close(n.ceafe.precision(), ce2 / 2.0));
    // pronouns: "She" right, "it" wrong (our antecedent "Lopez"), "he" unresolved
    let p = h.pronoun_total(&THIRD_PERSON);
    assert_eq!((p.gold, p.detected, p.resolved, p.correct), (3, 3, 2, 1));
    assert_eq!(h.errors.len(), 2);
    assert!(h.errors.iter().any(|e| e.contains("wrong: \"it\"")));

    // exact alignment: "Weber" is spurious and "Daniel Weber" missed
    let x = coref::evaluate(&d, &ex, Align::Exact, 0);
    assert_eq!((x.response_mentions, x.aligned), (9, 8));
    assert!(close(x.all.b3.recall(), 37.0 / 60.0));
    assert!(close(x.all.b3.precision(), 13.0 / 18.0));
    assert_eq!(x.all.muc, s.muc);
}

#[test]
fn our_annotation_of_the_sample_links_the_pronouns() {
    let d = sample();
    let ex = coref::annotate(&d).unwrap();
    let h = coref::evaluate(&d, &ex, Align::Head, 10);
    let p = h.pronoun_total(&THIRD_PERSON);
    assert_eq!(
        (p.gold, p.resolved, p.correct),
        (3, 3, 3),
        "{:#?}",
        h.errors
    );
    // every key link of the two named people and the company is found
    assert_eq!(h.all.muc.r_num, 5.0, "{:?}", h.all);
}
