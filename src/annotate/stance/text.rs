//! Text helpers for the stance rules: word tokens with char offsets, a light
//! stemmer with a small synonym map, stop words, sentence and clause splits.

use std::collections::BTreeSet;

/// A word token: char offsets (relative to the analysed text) and its lowercase form.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// First char offset.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Lowercased text, curly apostrophes made straight.
    pub lower: String,
}

/// Splits `text` into word tokens (letters, digits, inner apostrophes and hyphens).
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() || chars[i] == '#' {
            let start = i;
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                let inner = matches!(c, '\'' | '’' | '-')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric();
                if c.is_alphanumeric() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            let lower: String = chars[start..i]
                .iter()
                .map(|c| if *c == '’' { '\'' } else { *c })
                .flat_map(|c| c.to_lowercase())
                .collect();
            out.push(Token {
                start,
                end: i,
                lower,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// Function words ignored when comparing content.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "into",
    "onto",
    "about",
    "over",
    "than",
    "then",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "it's",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "done",
    "doing",
    "have",
    "has",
    "had",
    "having",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "theirs",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "so",
    "such",
    "very",
    "also",
    "just",
    "only",
    "even",
    "all",
    "any",
    "some",
    "each",
    "every",
    "more",
    "most",
    "much",
    "many",
    "other",
    "others",
    "own",
    "same",
    "up",
    "out",
    "off",
    "down",
    "again",
    "still",
    "since",
    "while",
    "because",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "per",
    "via",
    "like",
    "not",
    "no",
    "never",
    "n't",
    "we're",
    "they're",
    "i'm",
    "you're",
    "he's",
    "she's",
    "that's",
    "there's",
    "let",
    "lets",
    "way",
    "one",
    "ones",
    "thing",
    "things",
    "already",
    "yet",
    "both",
    "either",
    "neither",
    "nor",
    "too",
    "well",
    "make",
    "made",
    "get",
    "got",
    "go",
    "going",
    "come",
    "being",
    "whether",
    "however",
    "instead",
    "rather",
    "itself",
    "themselves",
    "himself",
    "herself",
    "ourselves",
    "now",
    "ever",
    "often",
    "frequently",
    "actually",
    "really",
    "almost",
    "mr",
    "ms",
    "mrs",
    "dr",
    "per",
    "cent",
    "last",
    "first",
    "new",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "won't",
    "wouldn't",
    "can't",
    "cannot",
    "couldn't",
    "shouldn't",
    "mustn't",
    "hasn't",
    "haven't",
    "hadn't",
];

/// True for function words.
pub fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// Irregular forms to their base.
const IRREGULAR: &[(&str, &str)] = &[
    ("took", "take"),
    ("taken", "take"),
    ("taking", "take"),
    ("cut", "cut"),
    ("cutting", "cut"),
    ("shut", "shut"),
    ("shutting", "shut"),
    ("kept", "keep"),
    ("led", "lead"),
    ("leading", "lead"),
    ("held", "hold"),
    ("brought", "bring"),
    ("thought", "think"),
    ("sought", "seek"),
    ("bought", "buy"),
    ("gave", "give"),
    ("given", "give"),
    ("went", "go"),
    ("gone", "go"),
    ("ran", "run"),
    ("won", "win"),
    ("lost", "lose"),
    ("paid", "pay"),
    ("meant", "mean"),
    ("left", "leave"),
    ("felt", "feel"),
    ("children", "child"),
    ("people", "people"),
    ("news", "news"),
    ("media", "media"),
    ("data", "data"),
    ("dos", "dos"),
    ("ddos", "dos"),
    ("isps", "isp"),
    ("policies", "policy"),
    ("businesses", "business"),
];

/// Words that mean the same thing for stance matching, mapped to one key.
/// General English only: no names.
const SYNONYMS: &[(&str, &str)] = &[
    ("remove", "remove"),
    ("police", "police"),
    ("website", "site"),
    ("webpage", "site"),
    ("web", "web"),
    ("block", "remove"),
    ("delete", "remove"),
    ("terminate", "remove"),
    ("termination", "remove"),
    ("ban", "remove"),
    ("takedown", "remove"),
    ("drop", "remove"),
    ("suspend", "remove"),
    ("withdraw", "remove"),
    ("removal", "remove"),
    ("cut", "remove"),
    ("deplatform", "remove"),
    ("firm", "company"),
    ("provider", "company"),
    ("corporation", "company"),
    ("business", "company"),
    ("isp", "company"),
    ("operator", "company"),
    ("platform", "company"),
    ("inspect", "police"),
    ("censor", "police"),
    ("censorship", "police"),
    ("monitor", "police"),
    ("moderate", "police"),
    ("moderation", "police"),
    ("surveil", "police"),
    ("polic", "police"),
    ("legal", "law"),
    ("lawful", "law"),
    ("court", "law"),
    ("judicial", "law"),
    ("judge", "law"),
    ("legislation", "law"),
    ("procedure", "process"),
    ("jihadist", "extremist"),
    ("terrorist", "extremist"),
    ("militant", "extremist"),
    ("radical", "extremist"),
    ("extremism", "extremist"),
    ("terrorism", "extremist"),
    ("jihadi", "extremist"),
    ("hacktivist", "hacker"),
    ("hack", "hacker"),
    ("vigilantism", "vigilante"),
    ("customer", "client"),
    ("user", "client"),
    ("tax", "tax"),
    ("taxation", "tax"),
    ("levy", "tax"),
    ("duty", "tax"),
    ("tariff", "tax"),
    ("ministry", "government"),
    ("authority", "government"),
    ("official", "government"),
    ("regulator", "government"),
    ("regulate", "regulation"),
    ("rule", "rule"),
    ("intelligence", "intelligence"),
    ("information", "intelligence"),
    ("spy", "intelligence"),
];

/// Light stem: lowercase, no possessive, common inflections off, synonyms
/// mapped. Words of three letters or fewer stay as they are.
pub fn stem(word: &str) -> String {
    let w = word.trim_matches(|c: char| c == '\'' || c == '-');
    let w = w.strip_suffix("'s").unwrap_or(w);
    if let Some((_, b)) = IRREGULAR.iter().find(|(a, _)| *a == w) {
        return synonym(b);
    }
    let mut s = w.to_string();
    let n = s.chars().count();
    if n > 3 && s.is_ascii() {
        if let Some(b) = s.strip_suffix("ies") {
            s = format!("{b}y");
        } else if s.ends_with("sses")
            || s.ends_with("ches")
            || s.ends_with("shes")
            || s.ends_with("xes")
        {
            s.truncate(s.len() - 2);
        } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is")
        {
            s.pop();
        }
        for suf in ["ing", "ed"] {
            if s.len() > suf.len() + 2 && s.ends_with(suf) {
                s.truncate(s.len() - suf.len());
                let b = s.as_bytes();
                let l = b.len();
                // blocking -> block, cutting -> cut, dropped -> drop
                if l >= 2 && b[l - 1] == b[l - 2] && !matches!(b[l - 1], b'l' | b's' | b'z') {
                    s.pop();
                }
                break;
            }
        }
        if s.len() > 5 && s.ends_with("ly") {
            s.truncate(s.len() - 2);
        }
        // A final e goes, so "confiscate" and "confiscating" meet.
        if s.len() > 4 && s.ends_with('e') {
            s.pop();
        }
    }
    synonym(&s)
}

fn synonym(s: &str) -> String {
    SYNONYMS
        .iter()
        .find(|(a, _)| *a == s || (a.len() > 4 && a.strip_suffix('e') == Some(s)))
        .map(|(_, b)| b.to_string())
        .unwrap_or_else(|| s.to_string())
}

/// The set of content-word stems of `text` (phrases such as "take down" and
/// "shut down" count as "remove").
pub fn content_stems(text: &str) -> BTreeSet<String> {
    stems_of(&tokens(text))
}

/// Content-word stems of a token list.
pub fn stems_of(toks: &[Token]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1).map(|n| n.lower.as_str());
        let phrasal = matches!(
            t.lower.as_str(),
            "take"
                | "took"
                | "taken"
                | "taking"
                | "shut"
                | "shutting"
                | "pull"
                | "pulled"
                | "pulling"
                | "kick"
                | "kicked"
                | "kicking"
        ) && matches!(next, Some("down" | "off" | "offline"));
        if phrasal {
            out.insert("remove".to_string());
            continue;
        }
        if is_stop(&t.lower) || t.lower.chars().count() < 2 {
            continue;
        }
        if t.lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.insert(stem(&t.lower));
    }
    out
}

/// Jaccard overlap of two stem sets (0 when both are empty).
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// A stretch of text: char offsets relative to the text it was cut from.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// First char offset.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text.
    pub text: String,
}

fn trimmed_piece(chars: &[char], start: usize, end: usize) -> Option<Piece> {
    let junk = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '“' | '”' | '\'' | '‘' | '’' | ',' | ';' | ':' | '-' | '–' | '—'
            )
    };
    let mut s = start;
    let mut e = end.min(chars.len());
    while s < e && junk(chars[s]) {
        s += 1;
    }
    while e > s && (junk(chars[e - 1]) || matches!(chars[e - 1], '.' | '!' | '?')) {
        e -= 1;
    }
    if e <= s {
        return None;
    }
    Some(Piece {
        start: s,
        end: e,
        text: chars[s..e].iter().collect(),
    })
}

/// Sentences of `text`: breaks after `.`, `!`, `?` (and closing quotes) before
/// whitespace, and at newlines.
pub fn sentences(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut cut = None;
        if c == '\n' {
            cut = Some(i);
        } else if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let next_space = j >= chars.len() || chars[j].is_whitespace();
            // Not after a single capital ("U.S.") or common abbreviations.
            let prev_word: String = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let abbrev = prev_word.chars().count() == 1
                && prev_word.chars().all(|c| c.is_uppercase())
                || matches!(
                    prev_word.as_str(),
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "St"
                        | "Prof"
                        | "Gen"
                        | "Sen"
                        | "Rep"
                        | "Inc"
                        | "Ltd"
                        | "Co"
                        | "vs"
                        | "etc"
                );
            if next_space && c == '.' && abbrev {
                cut = None;
            } else if next_space {
                cut = Some(j);
            }
        }
        if let Some(end) = cut {
            if let Some(p) = trimmed_piece(&chars, start, end) {
                out.push(p);
            }
            start = end;
        }
        i += 1;
    }
    if let Some(p) = trimmed_piece(&chars, start, chars.len()) {
        out.push(p);
    }
    out
}

/// Clause separators: (pattern, true when the marker is contrastive).
const CLAUSE_BREAKS: &[(&str, bool)] = &[
    ("; ", false),
    (", but ", true),
    (" but ", true),
    (", however", true),
    (" however, ", true),
    (", although ", true),
    (" although ", true),
    (", though ", true),
    (", whereas ", true),
    (" whereas ", true),
    (", while ", true),
    (", yet ", true),
    (", as ", false),
    (" because ", false),
    (", because ", false),
    (", since ", false),
    (", and ", false),
    (" and that ", false),
    (", and that ", false),
    (", which ", false),
    (", not ", false),
    (" - not ", false),
    (" – not ", false),
    (" — not ", false),
    (" - ", false),
    (" – ", false),
    (" — ", false),
    (", so ", false),
    (", meaning ", false),
];

/// Clauses of one sentence; each with whether it was introduced by a contrast marker.
pub fn clauses(sentence: &str) -> Vec<(Piece, bool)> {
    let chars: Vec<char> = sentence.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_ascii_lowercase()).collect();
    let mut cuts: Vec<(usize, usize, bool)> = vec![]; // (cut start, next clause start, contrast)
    let mut i = 0;
    while i < lower.len() {
        let mut hit = None;
        for (pat, contrast) in CLAUSE_BREAKS {
            let p: Vec<char> = pat.chars().collect();
            if i + p.len() <= lower.len() && lower[i..i + p.len()] == p[..] {
                // Keep the connective word with the following clause ("not", "because" ...).
                let word_start = p.iter().position(|c| c.is_alphanumeric()).map(|k| i + k);
                let next = match word_start {
                    Some(ws) if pat.contains("not") => ws,
                    _ => i + p.len(),
                };
                hit = Some((i, next, *contrast, p.len()));
                break;
            }
        }
        if let Some((cs, next, contrast, len)) = hit {
            cuts.push((cs, next, contrast));
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    let mut out = vec![];
    let mut start = 0;
    let mut contrast = false;
    for (cs, next, c) in cuts {
        if let Some(p) = trimmed_piece(&chars, start, cs) {
            out.push((p, contrast));
        }
        start = next;
        contrast = c;
    }
    if let Some(p) = trimmed_piece(&chars, start, chars.len()) {
        out.push((p, contrast));
    }
    out
}

/// Shortens `text` to at most `max_words` words (adding "…" when cut), without quotes.
pub fn short_phrase(text: &str, max_words: usize) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”'))
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.len() <= max_words {
        words.join(" ")
    } else {
        format!("{}…", words[..max_words].join(" "))
    }
}

/// Lowercase ASCII slug of the first `max_words` content words.
pub fn slug_words(text: &str, max_words: usize) -> String {
    let toks = tokens(text);
    let words: Vec<String> = toks
        .iter()
        .filter(|t| !is_stop(&t.lower))
        .map(|t| {
            t.lower
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
        })
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .take(max_words)
        .collect();
    let s = words.join("-");
    let mut out = String::new();
    for c in s.chars() {
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "topic".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_normalise_inflection_and_synonyms() {
        assert_eq!(stem("blocking"), "remove");
        assert_eq!(stem("websites"), "site");
        assert_eq!(stem("removed"), "remove");
        assert_eq!(stem("cutting"), "remove");
        assert_eq!(stem("policing"), "police");
        assert_eq!(stem("attacks"), "attack");
        assert_eq!(stem("procedures"), "process");
        assert_eq!(stem("confiscating"), stem("confiscate"));
        assert_eq!(stem("police"), "police");
        assert_eq!(stem("tolerated"), stem("tolerates"));
        let s = content_stems("Companies should take down the offending websites");
        assert!(
            s.contains("remove") && s.contains("company") && s.contains("site"),
            "{s:?}"
        );
    }

    #[test]
    fn sentences_and_clauses_split() {
        let s = sentences("He said no. \"We won't,\" she added! Mr. Smith left.\nNext line");
        let texts: Vec<&str> = s.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "He said no",
                "We won't,\" she added",
                "Mr. Smith left",
                "Next line"
            ]
        );
        let c =
            clauses("I don't approve of this because attacks are illegal, but I understand them");
        let texts: Vec<&str> = c.iter().map(|(p, _)| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "I don't approve of this",
                "attacks are illegal",
                "I understand them"
            ]
        );
        assert!(c[2].1 && !c[1].1);
        let n = clauses("they are used for propaganda - not to share information");
        assert_eq!(n[1].0.text, "not to share information");
    }

    #[test]
    fn tokens_have_char_offsets() {
        let t = tokens("“Don’t” block é-sites");
        assert_eq!(t[0].lower, "don't");
        assert_eq!((t[0].start, t[0].end), (1, 6));
        assert_eq!(t[2].lower, "é-sites");
    }
}
