//! GUM reader: documents from `dep/*.conllu` with their split, and flat
//! named-entity spans derived from the `Entity=` annotation in MISC.
//!
//! A mention counts as a named entity when its syntactic head (the word whose
//! head lies outside the span) is a proper noun; leading determiners and
//! trailing punctuation and possessive markers are trimmed; nested named
//! mentions give way to the outermost one. Types map to [`EntType`]; time and
//! quantity mentions are left out.

use super::conllu::{self, Sentence};
use super::{SynResult, SyntaxError};
use std::path::Path;

/// Entity types of the backbone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntType {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A place.
    Place,
    /// An event or any other named thing.
    Other,
}

impl EntType {
    /// All types, in label order.
    pub const ALL: [EntType; 4] = [
        EntType::Person,
        EntType::Org,
        EntType::Place,
        EntType::Other,
    ];

    /// Short name.
    pub fn name(self) -> &'static str {
        match self {
            EntType::Person => "PERSON",
            EntType::Org => "ORG",
            EntType::Place => "PLACE",
            EntType::Other => "OTHER",
        }
    }

    /// Maps a GUM entity type; `None` for types that are not kept.
    pub fn from_gum(t: &str) -> Option<EntType> {
        match t {
            "person" => Some(EntType::Person),
            "organization" => Some(EntType::Org),
            "place" => Some(EntType::Place),
            "time" | "quantity" => None,
            _ => Some(EntType::Other),
        }
    }
}

/// A flat entity span over the words `start..end` of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First word (0-based).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Type.
    pub ty: EntType,
}

/// One GUM document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Document name (`GUM_news_iodine`).
    pub name: String,
    /// Genre (`news`).
    pub genre: String,
    /// Sentences.
    pub sents: Vec<Sentence>,
    /// Named-entity spans per sentence.
    pub ents: Vec<Vec<Span>>,
}

/// Genres whose text licence allows commercial use.
pub const LICENSED: [&str; 6] = ["academic", "bio", "court", "interview", "news", "voyage"];

/// Reads `splits.md`: document name to split (`dev`, `test`, `test2`);
/// documents not listed are train.
pub fn splits(gum: &Path) -> SynResult<std::collections::HashMap<String, String>> {
    let p = gum.join("splits.md");
    let src =
        std::fs::read_to_string(&p).map_err(|e| SyntaxError::Io(p.display().to_string(), e))?;
    let mut cur = String::new();
    let mut m = std::collections::HashMap::new();
    for l in src.lines() {
        let l = l.trim();
        if let Some(h) = l.strip_prefix("## ") {
            cur = h.trim().to_string();
        } else if let Some(d) = l.strip_prefix("* ") {
            m.insert(d.trim().to_string(), cur.clone());
        }
    }
    Ok(m)
}

/// Flat named-entity spans of one sentence from its MISC `Entity=` values;
/// `open` carries mentions still open across sentences (they are dropped).
pub fn entities(s: &Sentence) -> Vec<Span> {
    let mut open: Vec<(String, String, usize, String)> = Vec::new();
    let mut spans: Vec<(usize, usize, String, String)> = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        let Some(e) = w.misc.split('|').find_map(|x| x.strip_prefix("Entity=")) else {
            continue;
        };
        let c: Vec<char> = e.chars().collect();
        let mut p = 0;
        while p < c.len() {
            if c[p] == '(' {
                let mut q = p + 1;
                while q < c.len() && c[q] != '(' && c[q] != ')' {
                    q += 1;
                }
                let desc: String = c[p + 1..q].iter().collect();
                let mut it = desc.split('-');
                let id = it.next().unwrap_or("").to_string();
                let ty = it.next().unwrap_or("").to_string();
                let min = it.nth(3).unwrap_or("").to_string();
                if q < c.len() && c[q] == ')' {
                    spans.push((i, i + 1, ty, min));
                    q += 1;
                } else {
                    open.push((id, ty, i, min));
                }
                p = q;
            } else {
                let mut q = p;
                while q < c.len() && c[q] != ')' && c[q] != '(' {
                    q += 1;
                }
                let id: String = c[p..q].iter().collect();
                if let Some(k) = open.iter().rposition(|o| o.0 == id) {
                    let (_, ty, st, min) = open.remove(k);
                    spans.push((st, i + 1, ty, min));
                }
                p = if q < c.len() && c[q] == ')' { q + 1 } else { q };
            }
        }
    }
    let mut named: Vec<Span> = Vec::new();
    for (a, b, ty, min) in spans {
        let Some(t) = EntType::from_gum(&ty) else {
            continue;
        };
        let head = (a..b).find(|&k| {
            let h = s.words[k].head;
            h == 0 || h - 1 < a || h > b
        });
        let Some(h) = head else { continue };
        if s.words[h].upos != "PROPN" {
            continue;
        }
        let (mut a, mut b) = (a, b);
        let ms: Vec<usize> = min
            .split(',')
            .filter_map(|x| x.trim_end_matches('*').parse::<usize>().ok())
            .collect();
        if let (Some(lo), Some(hi)) = (ms.iter().min(), ms.iter().max()) {
            if *lo >= 1 && a + hi <= b {
                b = a + hi;
                a += lo - 1;
            }
        }
        while a < b && matches!(s.words[a].upos.as_str(), "DET" | "PUNCT") {
            a += 1;
        }
        while b > a && (s.words[b - 1].upos == "PUNCT" || s.words[b - 1].xpos == "POS") {
            b -= 1;
        }
        if a < b {
            named.push(Span {
                start: a,
                end: b,
                ty: t,
            });
        }
    }
    named.sort_by(|x, y| {
        (y.end - y.start)
            .cmp(&(x.end - x.start))
            .then(x.start.cmp(&y.start))
    });
    let mut keep: Vec<Span> = Vec::new();
    for sp in named {
        if keep.iter().all(|k| sp.end <= k.start || sp.start >= k.end) {
            keep.push(sp);
        }
    }
    keep.sort();
    keep
}

/// Reads the licensed-genre documents of `gum` (the directory holding
/// `dep/` and `splits.md`) in the given split (`train`, `dev`, `test`).
pub fn read_split(gum: &Path, split: &str) -> SynResult<Vec<Doc>> {
    let sp = splits(gum)?;
    let dir = gum.join("dep");
    let rd = std::fs::read_dir(&dir).map_err(|e| SyntaxError::Io(dir.display().to_string(), e))?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".conllu"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let name = n.trim_end_matches(".conllu").to_string();
        let genre = name.split('_').nth(1).unwrap_or("").to_string();
        if !LICENSED.contains(&genre.as_str()) {
            continue;
        }
        let s = sp.get(&name).map(|s| s.as_str()).unwrap_or("train");
        if s != split {
            continue;
        }
        let sents = conllu::read(&dir.join(&n))?;
        let ents = sents.iter().map(entities).collect();
        out.push(Doc {
            name,
            genre,
            sents,
            ents,
        });
    }
    Ok(out)
}
