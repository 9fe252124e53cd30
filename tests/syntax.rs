//! The linguistic backbone: CoNLL-U loading and offsets, a toy model that
//! fits its training sample, the shipped models above a floor on a held-aside
//! sample written for these tests, and hostile input.

use stancegraph::annotate::{backbone, segment, Annotator};
use stancegraph::document::{Document, Meta};
use stancegraph::syntax::gum::{self, EntType};
use stancegraph::syntax::lemma::Lemmatizer;
use stancegraph::syntax::morph::Morph;
use stancegraph::syntax::ner::Ner;
use stancegraph::syntax::parser::{Input, Parser};
use stancegraph::syntax::tagger::{Lex, Tagger};
use stancegraph::syntax::{conllu, eval, Backbone};

fn doc(text: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        source: "t".into(),
        meta: Meta::default(),
        text: text.to_string(),
        paragraphs: stancegraph::ingest::paragraphs(text),
    };
    segment::mark_furniture(&mut d);
    d
}

fn data(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/syntax")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn conllu_loads_and_offsets_round_trip() {
    let s = conllu::parse(&data("toy.conllu")).unwrap();
    assert_eq!(s.len(), 20);
    assert_eq!(s[0].newdoc.as_deref(), Some("toy"));
    let (text, spans) = conllu::text_and_spans(&s);
    let chars: Vec<char> = text.chars().collect();
    for (sent, sp) in s.iter().zip(&spans) {
        for (w, &(a, b)) in sent.words.iter().zip(sp) {
            assert_eq!(chars[a..b].iter().collect::<String>(), w.form);
        }
        let (a, b) = (sp[0].0, sp[sp.len() - 1].1);
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            sent.text,
            "sentence text rebuilt"
        );
    }
    let again = conllu::parse(&conllu::write(&s)).unwrap();
    assert_eq!(again, s);
}

#[test]
fn multiword_tokens_share_their_span() {
    let src = "# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
    let s = conllu::parse(src).unwrap();
    let (text, spans) = conllu::text_and_spans(&s);
    assert_eq!(text, "I don't know.");
    assert_eq!(spans[0][1], (2, 4));
    assert_eq!(spans[0][2], (4, 7));
}

#[test]
fn toy_models_fit_their_training_sample() {
    let s = conllu::parse(&data("toy.conllu")).unwrap();
    let t = Tagger::train(&s, 10, 7, 0.0);
    let l = Lemmatizer::train(&s);
    let m = Morph::train(&s);
    let mut data_p = Vec::new();
    let (mut n, mut ok_tag, mut ok_lem, mut ok_feat) = (0, 0, 0, 0);
    for sent in &s {
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        for (w, c) in sent.words.iter().zip(t.tag(&forms)) {
            let (u, x) = t.split(c);
            n += 1;
            ok_tag += (u == w.upos && x == w.xpos) as usize;
            ok_lem += (l.lemma(&w.form, x) == w.lemma) as usize;
            ok_feat += (m.feats(&w.form, u, x) == w.feats) as usize;
        }
        let x: Vec<&str> = sent.words.iter().map(|w| w.xpos.as_str()).collect();
        let u: Vec<&str> = sent.words.iter().map(|w| w.upos.as_str()).collect();
        data_p.push((
            Input::new(&forms, &x, &u),
            sent.words.iter().map(|w| w.head).collect::<Vec<_>>(),
            sent.words
                .iter()
                .map(|w| w.deprel.clone())
                .collect::<Vec<_>>(),
        ));
    }
    assert_eq!(ok_tag, n, "tagger fits");
    assert_eq!(ok_lem, n, "lemmas fit");
    assert_eq!(ok_feat, n, "features fit");
    let p = Parser::train(&data_p, 10, 7, 0.0);
    let (mut good, mut lab) = (0, 0);
    for (x, gh, gl) in &data_p {
        let (h, l) = p.parse(x);
        for i in 0..gh.len() {
            if h[i] == gh[i] {
                good += 1;
                lab += (p.labels[l[i]] == gl[i]) as usize;
            }
        }
    }
    assert_eq!(good, n, "parser fits the heads");
    assert!(lab * 100 >= n * 95, "labels fit: {lab}/{n}");

    // entity tagger: the held-aside sample's entities
    let h = conllu::parse(&data("heldout.conllu")).unwrap();
    let ex: Vec<_> = h
        .iter()
        .map(|s| {
            let lx: Vec<Lex> = s.words.iter().map(|w| Lex::of(&w.form)).collect();
            let u = s.words.iter().map(|w| w.upos.clone()).collect();
            let x = s.words.iter().map(|w| w.xpos.clone()).collect();
            (lx, u, x, gum::entities(s))
        })
        .collect();
    let ner = Ner::train(&ex, 10, 7, 0.0);
    for ((lx, u, x, g), s) in ex.iter().zip(&h) {
        let u: Vec<&str> = u.iter().map(|s| s.as_str()).collect();
        let x: Vec<&str> = x.iter().map(|s| s.as_str()).collect();
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(&ner.spans(lx, &u, &x, &forms), g);
    }
}

#[test]
fn model_round_trips_through_bytes() {
    let bb = backbone::shared().expect("shipped backbone loads");
    let again = Backbone::from_bytes(&bb.to_bytes()).unwrap();
    let a = bb.analyse_text("The minister said on Monday that taxes would rise.");
    assert_eq!(
        a,
        again.analyse_text("The minister said on Monday that taxes would rise.")
    );
    assert!(Backbone::from_bytes(b"SGBB1garbage").is_err());
    assert!(Backbone::from_bytes(&bb.to_bytes()[..1000]).is_err());
}

#[test]
fn gum_entities_are_flat_named_spans() {
    let h = conllu::parse(&data("heldout.conllu")).unwrap();
    let e = gum::entities(&h[0]);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].start, e[0].end, e[0].ty), (2, 4, EntType::Person));
    let e = gum::entities(&h[6]);
    assert_eq!(
        e.iter().map(|s| s.ty).collect::<Vec<_>>(),
        vec![EntType::Org, EntType::Org]
    );
    // a mention headed by a common noun is no named entity
    let src = "# text = the big club\n1\tthe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new-n-cf1-3-sgl\n2\tbig\tbig\tADJ\tJJ\t_\t3\tamod\t_\t_\n3\tclub\tclub\tNOUN\tNN\t_\t0\troot\t_\tEntity=1)\n";
    assert!(gum::entities(&conllu::parse(src).unwrap()[0]).is_empty());
}

#[test]
fn shipped_models_stay_above_a_floor_on_the_held_aside_sample() {
    let bb = backbone::shared().expect("shipped backbone loads");
    let h = conllu::parse(&data("heldout.conllu")).unwrap();
    let s = eval::eval_gold(bb, &h);
    assert!(s.upos.f1() >= 90.0, "UPOS {:.1}", s.upos.f1());
    assert!(s.xpos.f1() >= 88.0, "XPOS {:.1}", s.xpos.f1());
    assert!(s.lemma.f1() >= 95.0, "lemma {:.1}", s.lemma.f1());
    assert!(s.uas.f1() >= 75.0, "UAS {:.1}", s.uas.f1());
    assert!(s.las.f1() >= 70.0, "LAS {:.1}", s.las.f1());
    let r = eval::eval_raw(bb, &h);
    assert!(r.tokens.f1() >= 99.0, "tokens {:.1}", r.tokens.f1());
    let doc = gum::Doc {
        name: "held".into(),
        genre: "news".into(),
        ents: h.iter().map(gum::entities).collect(),
        sents: h,
    };
    let (all, _) = eval::eval_ner(bb, &[doc]);
    assert!(all.f1() >= 50.0, "entity F1 {:.1}", all.f1());
}

#[test]
fn tokens_align_with_the_segmenter() {
    let doc =
        doc("Jane Roe, the general manager, said the club would sign two players.\n\nShe left.");
    let a = segment::analyse(&doc);
    let p = backbone::syntax(&a);
    assert_eq!(p.tokens.len(), a.tokens.len());
    for (s, t) in p.tokens.iter().zip(&a.tokens) {
        assert_eq!((s.start, s.end), (t.start, t.end));
    }
    let said = p.tokens.iter().position(|t| t.form == "said").unwrap();
    assert_eq!(p.tokens[said].lemma, "say");
    assert_eq!(p.tokens[said].upos, "VERB");
    assert_eq!(p.tokens[said].head, None, "said is the root");
    let she = p.tokens.iter().position(|t| t.form == "She").unwrap();
    assert_eq!(p.tokens[she].feat("Gender"), Some("Fem"));
    assert!(p
        .entities
        .iter()
        .any(|e| e.ty == EntType::Person && p.tokens[e.first].form == "Jane"));
}

#[test]
fn hostile_input_never_panics() {
    let bb = backbone::shared().expect("shipped backbone loads");
    let long_words = "word ".repeat(100_000);
    let nospace = "abc".repeat(20_000);
    let inputs = [
        String::new(),
        "a".into(),
        ".".into(),
        " \n\t ".into(),
        "\u{1F600}\u{1F44D}\u{200D}\u{1F468}".into(),
        "e\u{301}\u{301}\u{301} n\u{303} \u{301}".into(),
        long_words,
        nospace,
        "'''\"\"\"((([[[---...!!!???".into(),
        "don't can't won't 's n't '".into(),
        "http://x.y/z?a=b. a@b.c! www.".into(),
        "\u{0}\u{FEFF}\u{202E}abc\u{2028}def".into(),
        "日本語の文。中文句子。".into(),
    ];
    for t in &inputs {
        let p = bb.analyse_text(t);
        for tok in &p.tokens {
            assert!(tok.start < tok.end && tok.end <= t.chars().count());
            if let Some(h) = tok.head {
                assert!(h < p.tokens.len());
            }
        }
        let d = doc(t);
        let a = segment::analyse(&d);
        assert_eq!(backbone::syntax(&a).tokens.len(), a.tokens.len());
        let _ = Annotator::rules_only().annotate(&d);
    }
}
