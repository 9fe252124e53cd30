//! GUM coreference reader: tokens, sentences and entity mentions of one
//! document from `coref/conll/NAME.conll` (CoNLL-2012 style brackets
//! `(type-id`, `type-id)`, `(type-id)`, an optional Wikipedia identity after
//! the id) and `coref/tsv/NAME.tsv` (WebAnno TSV: one `#Text=` line per
//! sentence, which the CoNLL file lacks). The text is rebuilt from the tokens,
//! one sentence per line, with the usual detokenisation (no space before
//! punctuation and clitics, none inside quotation marks and brackets).

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// An entity (coreference chain) of a GUM document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The chain id of the CoNLL file (`17`).
    pub id: String,
    /// GUM entity type (`person`, `organization`, `place`, `abstract`, ...).
    pub ty: String,
}

/// One mention: the tokens `start..end` (document-wide, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into [`GumDoc::entities`].
    pub entity: usize,
}

/// A GUM document with its rebuilt text.
#[derive(Debug, Clone)]
pub struct GumDoc {
    /// Document name (`GUM_news_iodine`).
    pub name: String,
    /// Genre (`news`).
    pub genre: String,
    /// Tokens.
    pub tokens: Vec<String>,
    /// First token of each sentence.
    pub sent_starts: Vec<usize>,
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Mentions, in order of (start, end).
    pub mentions: Vec<Mention>,
    /// The rebuilt text: sentences one per line.
    pub text: String,
    /// Char span of each token in `text`.
    pub tok_chars: Vec<(usize, usize)>,
}

impl GumDoc {
    /// Char span of mention `m` in [`GumDoc::text`].
    pub fn mention_chars(&self, m: &Mention) -> (usize, usize) {
        (self.tok_chars[m.start].0, self.tok_chars[m.end - 1].1)
    }
}

/// Tokens and mentions of a CoNLL coreference file.
fn read_conll(path: &Path, src: &str) -> Result<(Vec<String>, Vec<Entity>, Vec<Mention>)> {
    let mut tokens = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut mentions = Vec::new();
    for (ln, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(Error::input(
                path,
                format!("line {}: expected 3 tab-separated columns", ln + 1),
            ));
        }
        let t = tokens.len();
        tokens.push(cols[1].to_string());
        let col = cols[2].trim();
        if col == "_" {
            continue;
        }
        for (opens, closes, label) in brackets(col) {
            let mut parts = label.splitn(3, '-');
            let ty = parts.next().unwrap_or("").to_string();
            let id = parts.next().unwrap_or("").to_string();
            if id.is_empty() {
                return Err(Error::input(
                    path,
                    format!("line {}: bracket {label:?} has no chain id", ln + 1),
                ));
            }
            let e = *by_id.entry(id.clone()).or_insert_with(|| {
                entities.push(Entity {
                    id: id.clone(),
                    ty: ty.clone(),
                });
                entities.len() - 1
            });
            match (opens, closes) {
                (true, true) => mentions.push(Mention {
                    start: t,
                    end: t + 1,
                    entity: e,
                }),
                (true, false) => open.push((id, t)),
                _ => {
                    let k = open.iter().rposition(|o| o.0 == id).ok_or_else(|| {
                        Error::input(path, format!("line {}: {label:?} closes nothing", ln + 1))
                    })?;
                    let (_, start) = open.remove(k);
                    mentions.push(Mention {
                        start,
                        end: t + 1,
                        entity: e,
                    });
                }
            }
        }
    }
    if let Some((id, _)) = open.first() {
        return Err(Error::input(path, format!("chain {id} is never closed")));
    }
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    Ok((tokens, entities, mentions))
}

/// The brackets of one coreference cell: (opens, closes, label) each.
fn brackets(col: &str) -> Vec<(bool, bool, String)> {
    let c: Vec<char> = col.chars().collect();
    let mut out = Vec::new();
    let mut p = 0;
    while p < c.len() {
        let opens = c[p] == '(';
        let s = if opens { p + 1 } else { p };
        let mut q = s;
        while q < c.len() && c[q] != '(' && c[q] != ')' {
            q += 1;
        }
        let label: String = c[s..q].iter().collect();
        let closes = q < c.len() && c[q] == ')';
        if !label.is_empty() {
            out.push((opens, closes, label));
        }
        p = if closes { q + 1 } else { q.max(p + 1) };
    }
    out
}

/// Number of tokens of each sentence of a WebAnno TSV file.
fn read_tsv_sentences(path: &Path, src: &str) -> Result<Vec<usize>> {
    let mut sizes: Vec<usize> = Vec::new();
    for line in src.lines() {
        if line.starts_with("#Text=") {
            sizes.push(0);
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            match sizes.last_mut() {
                Some(n) => *n += 1,
                None => return Err(Error::input(path, "token line before any #Text= line")),
            }
        }
    }
    Ok(sizes)
}

fn no_space_before(t: &str) -> bool {
    matches!(
        t,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "..." | "…" | "”" | "’"
    ) || (t.starts_with('\'') || t.starts_with('’'))
        && t.len() <= 4
        && t.chars().skip(1).all(|c| c.is_alphabetic())
        || t.eq_ignore_ascii_case("n't")
        || t.eq_ignore_ascii_case("n’t")
}

fn no_space_after(t: &str) -> bool {
    matches!(t, "(" | "[" | "{" | "$" | "“" | "‘")
}

/// Rebuilds the text: tokens detokenised, one sentence per line, and each
/// token's char span. Straight double quotes alternate between opening and
/// closing over the document.
pub fn detokenise(tokens: &[String], sent_starts: &[usize]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    let mut chars = 0usize;
    let mut quote_open = false;
    let mut glue = true;
    for (i, t) in tokens.iter().enumerate() {
        let t = crate::ingest::normalise::normalise(t).into_owned();
        let line_start = i == 0 || sent_starts.binary_search(&i).is_ok();
        let is_quote = t == "\"";
        let attach = if is_quote {
            quote_open
        } else {
            no_space_before(&t)
        };
        if line_start && i > 0 {
            text.push('\n');
            chars += 1;
        } else if !line_start && !glue && !attach {
            text.push(' ');
            chars += 1;
        }
        let n = t.chars().count();
        spans.push((chars, chars + n));
        chars += n;
        text.push_str(&t);
        glue = if is_quote {
            quote_open = !quote_open;
            quote_open
        } else {
            no_space_after(&t)
        };
    }
    (text, spans)
}

/// Reads one document from its CoNLL and TSV files; the two must have the
/// same tokens.
pub fn read_doc(conll: &Path, tsv: &Path) -> Result<GumDoc> {
    let read =
        |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(p.display().to_string(), e));
    let (tokens, entities, mentions) = read_conll(conll, &read(conll)?)?;
    let sizes = read_tsv_sentences(tsv, &read(tsv)?)?;
    let total: usize = sizes.iter().sum();
    if total != tokens.len() {
        return Err(Error::input(
            tsv,
            format!(
                "{total} tokens, but {} in {}",
                tokens.len(),
                conll.display()
            ),
        ));
    }
    let mut sent_starts = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for n in sizes.into_iter().filter(|&n| n > 0) {
        sent_starts.push(at);
        at += n;
    }
    let (text, tok_chars) = detokenise(&tokens, &sent_starts);
    let name = conll
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let genre = name.split('_').nth(1).unwrap_or("").to_string();
    Ok(GumDoc {
        name,
        genre,
        tokens,
        sent_starts,
        entities,
        mentions,
        text,
        tok_chars,
    })
}

/// The documents of a GUM directory (`coref/conll`, `coref/tsv`, `splits.md`)
/// in `split` (`train`, `dev`, `test`; documents not listed in `splits.md` are
/// train), licensed genres only ([`crate::syntax::gum::LICENSED`]), by name.
pub fn read_split(gum: &Path, split: &str) -> Result<Vec<GumDoc>> {
    let splits = crate::syntax::gum::splits(gum).map_err(|e| Error::Other(e.to_string()))?;
    let dir = gum.join("coref").join("conll");
    let rd = std::fs::read_dir(&dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conll"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let genre = name.split('_').nth(1).unwrap_or("");
        if !crate::syntax::gum::LICENSED.contains(&genre) {
            continue;
        }
        if splits.get(&name).map_or("train", |s| s.as_str()) != split {
            continue;
        }
        let tsv = gum.join("coref").join("tsv").join(format!("{name}.tsv"));
        docs.push(read_doc(&f, &tsv)?);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_open_close_and_nest() {
        let b = brackets("abstract-9)abstract-10)person-7)");
        assert_eq!(b.len(), 3);
        assert!(b.iter().all(|x| !x.0 && x.1));
        let b = brackets("(abstract-2(substance-3-Iodine)");
        assert_eq!(
            b,
            vec![
                (true, false, "abstract-2".to_string()),
                (true, true, "substance-3-Iodine".to_string())
            ]
        );
    }

    #[test]
    fn conll_mentions_nest_and_share_chains() {
        let src = "# begin document d\n0\tThe\t(person-1(organization-2\n1\tfirm\torganization-2)\n2\t's\tperson-1)\n3\tboss\t_\n4\the\t(person-1)\n# end document\n";
        let (toks, ents, ms) = read_conll(Path::new("d.conll"), src).unwrap();
        assert_eq!(toks.len(), 5);
        assert_eq!(ents.len(), 2);
        assert_eq!(ents[0].ty, "person");
        let spans: Vec<_> = ms.iter().map(|m| (m.start, m.end, m.entity)).collect();
        assert_eq!(spans, vec![(0, 3, 0), (0, 2, 1), (4, 5, 0)]);
    }

    #[test]
    fn detokenised_text_keeps_token_spans() {
        let toks: Vec<String> = [
            "He", "said", "\"", "it", "'s", "fine", "\"", ".", "(", "Yes", ")",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (text, spans) = detokenise(&toks, &[0, 8]);
        assert_eq!(text, "He said \"it's fine\".\n(Yes)");
        for (t, (s, e)) in toks.iter().zip(&spans) {
            let got: String = text.chars().skip(*s).take(e - s).collect();
            assert_eq!(&got, t);
        }
    }
}
