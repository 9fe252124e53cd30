//! A rule tokeniser and sentence splitter following UD English (EWT)
//! conventions, for raw text; offsets are char offsets.

/// A token span `[start, end)` in chars.
pub type Tok = (usize, usize);

const ABBR: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "rev",
    "lt", "col", "sgt", "capt", "cmdr", "adm", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "no", "vol",
    "fig", "approx", "dept", "est", "e.g", "i.e", "u.s", "u.k", "a.m", "p.m", "ave", "blvd", "rd",
    "ft", "pp",
];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '`'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00AB}'
            | '<'
            | '*'
            | '$'
            | '#'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '%'
            | '>'
            | '*'
            | '\u{2026}'
    )
}

fn lower(ch: &[char]) -> String {
    ch.iter()
        .flat_map(|c| c.to_lowercase())
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

fn is_url(ch: &[char]) -> bool {
    let s: String = ch.iter().collect::<String>().to_lowercase();
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.contains('.') && !s.starts_with('@'))
}

/// Splits the chars `c[a..b]` (no whitespace inside) into tokens.
fn chunk(c: &[char], a: usize, b: usize, out: &mut Vec<Tok>) {
    let (mut a, mut b) = (a, b);
    let mut tail: Vec<Tok> = Vec::new();
    if is_url(&c[a..b]) {
        while b > a + 1
            && matches!(
                c[b - 1],
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\''
            )
        {
            tail.push((b - 1, b));
            b -= 1;
        }
        out.push((a, b));
        out.extend(tail.into_iter().rev());
        return;
    }
    while a < b && is_open_punct(c[a]) && b - a > 1 {
        out.push((a, a + 1));
        a += 1;
    }
    loop {
        if b <= a + 1 {
            break;
        }
        let last = c[b - 1];
        if last == '.' {
            let stem = lower(&c[a..b - 1]);
            let dots = b >= a + 3 && c[b - 2] == '.' && c[b - 3] == '.';
            if dots {
                let mut k = b;
                while k > a && c[k - 1] == '.' {
                    k -= 1;
                }
                tail.push((k, b));
                b = k;
                continue;
            }
            let single = b - a == 2 && c[a].is_alphabetic();
            let internal =
                stem.contains('.') && stem.chars().all(|x| x.is_alphabetic() || x == '.');
            if ABBR.contains(&stem.as_str()) || single || internal {
                break;
            }
            tail.push((b - 1, b));
            b -= 1;
            continue;
        }
        if is_close_punct(last) {
            if (last == '\'' || last == '\u{2019}') && b - a > 1 && matches!(c[b - 2], 's' | 'S') {
                tail.push((b - 1, b));
                b -= 1;
                continue;
            }
            tail.push((b - 1, b));
            b -= 1;
            continue;
        }
        break;
    }
    let low = lower(&c[a..b]);
    let n = b - a;
    let mut cl: Option<usize> = None;
    if n > 3 && low.ends_with("n't") {
        cl = Some(b - 3);
    } else {
        for s in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
            let k = s.chars().count();
            if n > k && low.ends_with(s) && c[b - k - 1].is_alphabetic() {
                cl = Some(b - k);
                break;
            }
        }
    }
    let end = cl.unwrap_or(b);
    let mut s = a;
    let mut i = a;
    while i < end {
        let ch = c[i];
        let split_here = (ch == '-' || ch == '\u{2013}' || ch == '\u{2014}')
            && i > s
            && i + 1 < end
            && c[i - 1].is_alphabetic()
            && c[i + 1].is_alphabetic();
        let dash = (ch == '\u{2014}' || ch == '\u{2013}') && !split_here;
        if split_here || dash || (ch == '-' && i + 1 < end && c[i + 1] == '-') {
            if i > s {
                out.push((s, i));
            }
            let mut j = i + 1;
            while j < end && c[j] == '-' && ch == '-' {
                j += 1;
            }
            out.push((i, j));
            s = j;
            i = j;
            continue;
        }
        i += 1;
    }
    if s < end {
        out.push((s, end));
    }
    if let Some(k) = cl {
        out.push((k, b));
    }
    out.extend(tail.into_iter().rev());
}

/// Tokenises `text`; returns char spans.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < c.len() && !c[j].is_whitespace() {
            j += 1;
        }
        chunk(&c, i, j, &mut out);
        i = j;
    }
    out
}

/// Splits tokens into sentences; returns token index ranges `[a, b)`.
pub fn sentences(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut s = 0;
    let word = |t: &Tok| -> String { c[t.0.min(c.len())..t.1.min(c.len())].iter().collect() };
    let mut i = 0;
    while i < toks.len() {
        let w = word(&toks[i]);
        let mut end = false;
        if i + 1 < toks.len() {
            let gap: String = c[toks[i].1.min(c.len())..toks[i + 1].0.min(c.len())]
                .iter()
                .collect();
            if gap.matches('\n').count() >= 1 {
                end = true;
            }
        }
        if matches!(w.as_str(), "." | "!" | "?" | "..." | "\u{2026}")
            || w.chars().all(|x| x == '.' || x == '!' || x == '?') && !w.is_empty()
        {
            let mut k = i + 1;
            while k < toks.len()
                && matches!(
                    word(&toks[k]).as_str(),
                    "\"" | "'" | ")" | "]" | "\u{201D}" | "\u{2019}"
                )
            {
                k += 1;
            }
            let next_ok = k >= toks.len()
                || word(&toks[k]).chars().next().is_some_and(|x| {
                    x.is_uppercase() || x.is_ascii_digit() || !x.is_alphanumeric()
                });
            if next_ok {
                i = k - 1;
                end = true;
            }
        }
        if end || i + 1 == toks.len() {
            out.push((s, i + 1));
            s = i + 1;
        }
        i += 1;
    }
    out
}
