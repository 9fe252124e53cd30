//! Reading and writing CoNLL-U, and rebuilding the raw text with char offsets
//! of every word.

use super::{SynResult, SyntaxError};

/// One syntactic word (a CoNLL-U line with an integer id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific (PTB) tag.
    pub xpos: String,
    /// Morphological features (`_` when none).
    pub feats: String,
    /// Head word (1-based; 0 = root).
    pub head: usize,
    /// Dependency relation.
    pub deprel: String,
    /// MISC column.
    pub misc: String,
}

/// A multiword token spanning words `first..=last` (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Multi {
    /// First word.
    pub first: usize,
    /// Last word.
    pub last: usize,
    /// Surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

/// One sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`.
    pub text: String,
    /// `# newdoc id` when the sentence opens a document.
    pub newdoc: Option<String>,
    /// The words.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multis: Vec<Multi>,
}

fn field<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("_")
}

/// Parses CoNLL-U text (empty nodes are skipped).
pub fn parse(src: &str) -> SynResult<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("newdoc id =") {
                cur.newdoc = Some(v.trim().to_string());
            } else if c == "newdoc" {
                cur.newdoc = Some(String::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            return Err(SyntaxError::Format(format!(
                "line {}: not a CoNLL-U word line",
                ln + 1
            )));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse(), b.parse()) else {
                return Err(SyntaxError::Format(format!(
                    "line {}: bad range id",
                    ln + 1
                )));
            };
            cur.multis.push(Multi {
                first: a,
                last: b,
                form: cols[1].to_string(),
                misc: field(&cols, 9).to_string(),
            });
            continue;
        }
        let head = field(&cols, 6).parse().unwrap_or(0);
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: field(&cols, 2).to_string(),
            upos: field(&cols, 3).to_string(),
            xpos: field(&cols, 4).to_string(),
            feats: field(&cols, 5).to_string(),
            head,
            deprel: field(&cols, 7).to_string(),
            misc: field(&cols, 9).to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        let n = s.words.len();
        for w in &mut s.words {
            if w.head > n {
                w.head = 0;
            }
        }
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read(path: &std::path::Path) -> SynResult<Vec<Sentence>> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| SyntaxError::Io(path.display().to_string(), e))?;
    parse(&src)
}

/// Writes sentences as CoNLL-U.
pub fn write(sents: &[Sentence]) -> String {
    let mut o = String::new();
    for s in sents {
        if let Some(d) = &s.newdoc {
            o.push_str(&format!("# newdoc id = {d}\n"));
        }
        if !s.id.is_empty() {
            o.push_str(&format!("# sent_id = {}\n", s.id));
        }
        o.push_str(&format!("# text = {}\n", s.text));
        for (i, w) in s.words.iter().enumerate() {
            for m in s.multis.iter().filter(|m| m.first == i + 1) {
                o.push_str(&format!(
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}\n",
                    m.first, m.last, m.form, m.misc
                ));
            }
            o.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}\n",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                w.head,
                w.deprel,
                w.misc
            ));
        }
        o.push('\n');
    }
    o
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|x| x == "SpaceAfter=No")
}

/// Rebuilds the raw text of `sents` (sentences separated by a space, or a
/// newline before a new document) and returns it with every word's char span
/// `(start, end)`; words of one multiword token share the token's span.
pub fn text_and_spans(sents: &[Sentence]) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut text = String::new();
    let mut n = 0usize;
    let mut spans = Vec::with_capacity(sents.len());
    for s in sents {
        if n > 0 {
            text.push(if s.newdoc.is_some() { '\n' } else { ' ' });
            n += 1;
        }
        let mut sp = vec![(0, 0); s.words.len()];
        let mut i = 0;
        while i < s.words.len() {
            let (form, last, misc) = match s.multis.iter().find(|m| m.first == i + 1) {
                Some(m) => (
                    m.form.as_str(),
                    m.last.min(s.words.len()).max(i + 1),
                    m.misc.as_str(),
                ),
                None => (s.words[i].form.as_str(), i + 1, s.words[i].misc.as_str()),
            };
            let len = form.chars().count();
            let parts: String = s.words[i..last].iter().map(|w| w.form.as_str()).collect();
            if last > i + 1 && parts == form {
                let mut p = n;
                for (k, x) in sp.iter_mut().enumerate().take(last).skip(i) {
                    let l = s.words[k].form.chars().count();
                    *x = (p, p + l);
                    p += l;
                }
            } else {
                for x in sp.iter_mut().take(last).skip(i) {
                    *x = (n, n + len);
                }
            }
            text.push_str(form);
            n += len;
            if space_after(misc) && last < s.words.len() {
                text.push(' ');
                n += 1;
            }
            i = last;
        }
        spans.push(sp);
    }
    (text, spans)
}
