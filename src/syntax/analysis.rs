//! The backbone: all models together, applied to raw text or to existing
//! tokens and sentences.

use super::binio::{Reader, Writer};
use super::gum::EntType;
use super::lemma::Lemmatizer;
use super::morph::Morph;
use super::ner::Ner;
use super::parser::{Input, Parser};
use super::tagger::{Lex, Tagger};
use super::tokenize;
use super::{SynResult, SyntaxError};
use std::path::Path;

/// Sentences longer than this are parsed in consecutive pieces.
pub const MAX_PARSE: usize = 200;

/// One analysed token.
#[derive(Debug, Clone, PartialEq)]
pub struct SynToken {
    /// First char (char offset into the text).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Surface form.
    pub form: String,
    /// Universal POS tag.
    pub upos: String,
    /// PTB tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// Morphological features (`_` when none).
    pub feats: String,
    /// Head token (index into [`Parsed::tokens`]); `None` for a root.
    pub head: Option<usize>,
    /// UD relation to the head.
    pub deprel: String,
    /// Sentence index.
    pub sent: usize,
}

impl SynToken {
    /// Value of one morphological feature (`Number`, `Tense`, ...).
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats
            .split('|')
            .find_map(|kv| kv.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
    }
}

/// A named-entity span.
#[derive(Debug, Clone, PartialEq)]
pub struct SynEntity {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Type.
    pub ty: EntType,
}

/// The analysis of one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Tokens in text order.
    pub tokens: Vec<SynToken>,
    /// Sentences as token ranges `[a, b)`.
    pub sentences: Vec<(usize, usize)>,
    /// Entity spans in text order.
    pub entities: Vec<SynEntity>,
}

impl Parsed {
    /// Index of the token covering char `c`, if any.
    pub fn token_at(&self, c: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end <= c);
        (i < self.tokens.len() && self.tokens[i].start <= c).then_some(i)
    }

    /// Dependents of token `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let (a, b) = self
            .tokens
            .get(i)
            .map(|t| self.sentences[t.sent])
            .unwrap_or((0, 0));
        (a..b).filter(move |&k| self.tokens[k].head == Some(i))
    }
}

/// Per-sentence output of [`Backbone::analyse_words`].
#[derive(Debug, Clone, Default)]
pub struct WordsOut {
    /// UPOS per word.
    pub upos: Vec<String>,
    /// XPOS per word.
    pub xpos: Vec<String>,
    /// Lemma per word.
    pub lemma: Vec<String>,
    /// FEATS per word.
    pub feats: Vec<String>,
    /// Head per word, 1-based (0 = root).
    pub head: Vec<usize>,
    /// Relation per word.
    pub deprel: Vec<String>,
    /// Entity spans (word indices).
    pub ents: Vec<super::gum::Span>,
}

/// Tags and entity spans without a parse ([`Backbone::tag_words`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagged {
    /// (UPOS, XPOS) per token.
    pub tags: Vec<(String, String)>,
    /// Entity spans (token indices).
    pub entities: Vec<super::gum::Span>,
}

/// All models.
#[derive(Debug, Clone)]
pub struct Backbone {
    /// Tagger.
    pub tagger: Tagger,
    /// Lemmatiser.
    pub lemmatizer: Lemmatizer,
    /// Feature tables.
    pub morph: Morph,
    /// Parser.
    pub parser: Parser,
    /// Entity tagger.
    pub ner: Ner,
}

/// File name of the model inside a model directory.
pub const MODEL_FILE: &str = "backbone.bin";

impl Backbone {
    /// Serialises all models.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(b"SGBB1");
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.morph.write(&mut w);
        self.parser.write(&mut w);
        self.ner.write(&mut w);
        w.buf
    }

    /// Reads models written by [`Backbone::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> SynResult<Backbone> {
        let mut r = Reader::new(b);
        r.expect("SGBB1")?;
        Ok(Backbone {
            tagger: Tagger::read(&mut r)?,
            lemmatizer: Lemmatizer::read(&mut r)?,
            morph: Morph::read(&mut r)?,
            parser: Parser::read(&mut r)?,
            ner: Ner::read(&mut r)?,
        })
    }

    /// Loads `dir/backbone.bin`.
    pub fn load(dir: &Path) -> SynResult<Backbone> {
        let p = dir.join(MODEL_FILE);
        let b = std::fs::read(&p).map_err(|e| SyntaxError::Io(p.display().to_string(), e))?;
        Backbone::from_bytes(&b)
    }

    /// Writes `dir/backbone.bin`.
    pub fn save(&self, dir: &Path) -> SynResult<()> {
        std::fs::create_dir_all(dir).map_err(|e| SyntaxError::Io(dir.display().to_string(), e))?;
        let p = dir.join(MODEL_FILE);
        std::fs::write(&p, self.to_bytes()).map_err(|e| SyntaxError::Io(p.display().to_string(), e))
    }

    /// Tags one sentence of words and finds its entities (no parse); entity
    /// spans are offset by `base`.
    pub fn tag_words(&self, words: &[&str], base: usize, out: &mut Tagged) {
        let lx: Vec<Lex> = words.iter().map(|w| Lex::of(w)).collect();
        let cls = self.tagger.tag_lex(&lx);
        let tags: Vec<(&str, &str)> = cls.iter().map(|&c| self.tagger.split(c)).collect();
        let up: Vec<&str> = tags.iter().map(|t| t.0).collect();
        let xp: Vec<&str> = tags.iter().map(|t| t.1).collect();
        for mut e in self.ner.spans(&lx, &up, &xp, words) {
            e.start += base;
            e.end += base;
            out.entities.push(e);
        }
        out.tags
            .extend(tags.iter().map(|(u, x)| (u.to_string(), x.to_string())));
    }

    /// Tags, lemmatises, parses and finds entities in one sentence of words.
    pub fn analyse_words(&self, words: &[&str]) -> WordsOut {
        let lx: Vec<Lex> = words.iter().map(|w| Lex::of(w)).collect();
        let cls = self.tagger.tag_lex(&lx);
        let mut o = WordsOut::default();
        for (w, &c) in words.iter().zip(&cls) {
            let (u, x) = self.tagger.split(c);
            o.lemma.push(self.lemmatizer.lemma(w, x));
            o.feats.push(self.morph.feats(w, u, x).to_string());
            o.upos.push(u.to_string());
            o.xpos.push(x.to_string());
        }
        let up: Vec<&str> = o.upos.iter().map(|s| s.as_str()).collect();
        let xp: Vec<&str> = o.xpos.iter().map(|s| s.as_str()).collect();
        let mut a = 0;
        while a < words.len() {
            let b = (a + MAX_PARSE).min(words.len());
            let (h, l) = self
                .parser
                .parse(&Input::new(&words[a..b], &xp[a..b], &up[a..b]));
            for (h, l) in h.into_iter().zip(l) {
                o.head.push(if h == 0 { 0 } else { h + a });
                o.deprel.push(
                    self.parser
                        .labels
                        .get(l)
                        .cloned()
                        .unwrap_or_else(|| "dep".into()),
                );
            }
            a = b;
        }
        o.ents = self.ner.spans(&lx, &up, &xp, words);
        o
    }

    /// Analyses `text` with the given token char spans and sentence token
    /// ranges (both in text order; out-of-range values are clamped).
    pub fn analyse_tokens(
        &self,
        text: &str,
        toks: &[(usize, usize)],
        sents: &[(usize, usize)],
    ) -> Parsed {
        let c: Vec<char> = text.chars().collect();
        let mut p = Parsed::default();
        for &(a, b) in sents {
            let (a, b) = (a.min(toks.len()), b.min(toks.len()));
            if a >= b {
                continue;
            }
            let forms: Vec<String> = toks[a..b]
                .iter()
                .map(|&(s, e)| {
                    c[s.min(c.len())..e.min(c.len()).max(s.min(c.len()))]
                        .iter()
                        .collect()
                })
                .collect();
            let fr: Vec<&str> = forms.iter().map(|s| s.as_str()).collect();
            let o = self.analyse_words(&fr);
            let si = p.sentences.len();
            let base = p.tokens.len();
            for (k, f) in forms.into_iter().enumerate() {
                p.tokens.push(SynToken {
                    start: toks[a + k].0,
                    end: toks[a + k].1,
                    form: f,
                    upos: o.upos[k].clone(),
                    xpos: o.xpos[k].clone(),
                    lemma: o.lemma[k].clone(),
                    feats: o.feats[k].clone(),
                    head: if o.head[k] == 0 {
                        None
                    } else {
                        Some(base + o.head[k] - 1)
                    },
                    deprel: o.deprel[k].clone(),
                    sent: si,
                });
            }
            for e in &o.ents {
                p.entities.push(SynEntity {
                    first: base + e.start,
                    last: base + e.end,
                    start: toks[a + e.start].0,
                    end: toks[a + e.end - 1].1,
                    ty: e.ty,
                });
            }
            p.sentences.push((base, base + b - a));
        }
        p
    }

    /// Tokenises, splits and analyses raw text.
    pub fn analyse_text(&self, text: &str) -> Parsed {
        let toks = tokenize::tokenize(text);
        let sents = tokenize::sentences(text, &toks);
        self.analyse_tokens(text, &toks, &sents)
    }
}
