//! Tokenisation with char offsets: words (with possessive `'s` split off),
//! numbers, hashtags, handles, quotation marks and punctuation.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A word (letters, digits, internal hyphens and apostrophes).
    Word,
    /// A number.
    Num,
    /// A hashtag (`#OpISIS`).
    Hashtag,
    /// A social media handle (`@user`).
    Handle,
    /// A quotation mark (opening or closing is decided by [`super::segment`]).
    Quote,
    /// Any other punctuation.
    Punct,
}

/// One token; offsets are char offsets into the document text.
#[derive(Debug, Clone)]
pub struct Token {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text.
    pub text: String,
    /// Lowercase text with straight apostrophes.
    pub lower: String,
    /// Kind.
    pub kind: TokKind,
}

impl Token {
    /// True when the first char is uppercase.
    pub fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// True for a word token.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word | TokKind::Num)
    }

    /// True when the token is this punctuation string.
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }

    /// True for sentence-final punctuation.
    pub fn is_final(&self) -> bool {
        matches!(self.text.as_str(), "." | "!" | "?" | "…")
    }
}

/// Quotation mark characters.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '`'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenises `chars[from..to]`.
pub fn tokenize(chars: &[char], from: usize, to: usize) -> Vec<Token> {
    let to = to.min(chars.len());
    let mut out = vec![];
    let mut i = from;
    let push = |out: &mut Vec<Token>, s: usize, e: usize, kind: TokKind| {
        let text: String = chars[s..e].iter().collect();
        let lower = super::lexicon::norm(&text);
        out.push(Token {
            start: s,
            end: e,
            text,
            lower,
            kind,
        });
    };
    while i < to {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut j = i + 1;
            while j < to {
                let d = chars[j];
                if d.is_alphanumeric() {
                    j += 1;
                } else if (d == '-' || d == '.' || d == ',' || is_apostrophe(d) || d == '&')
                    && j + 1 < to
                    && chars[j + 1].is_alphanumeric()
                {
                    // possessive 's is split off below; internal dots only in
                    // abbreviations (U.S.) and numbers; commas only in numbers.
                    if d == '.'
                        && !(chars[j - 1].is_alphabetic() && j - s == 1
                            || chars[j - 1].is_ascii_digit() && chars[j + 1].is_ascii_digit()
                            || is_dotted(chars, s, j))
                    {
                        break;
                    }
                    if d == ',' && !(chars[j - 1].is_ascii_digit() && chars[j + 1].is_ascii_digit())
                    {
                        break;
                    }
                    if d == '&' && !(chars[j - 1].is_uppercase() && chars[j + 1].is_uppercase()) {
                        break;
                    }
                    if is_apostrophe(d)
                        && (chars[j + 1] == 's' || chars[j + 1] == 'S')
                        && (j + 2 >= to || !chars[j + 2].is_alphanumeric())
                    {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // abbreviation like U.S. keeps its final dot
            if j < to && chars[j] == '.' && is_dotted(chars, s, j) {
                j += 1;
            }
            let kind = if chars[s].is_ascii_digit() {
                TokKind::Num
            } else {
                TokKind::Word
            };
            push(&mut out, s, j, kind);
            i = j;
            // possessive
            if i + 1 < to
                && is_apostrophe(chars[i])
                && (chars[i + 1] == 's' || chars[i + 1] == 'S')
                && (i + 2 >= to || !chars[i + 2].is_alphanumeric())
            {
                push(&mut out, i, i + 2, TokKind::Word);
                i += 2;
            }
            continue;
        }
        if (c == '#' || c == '@')
            && i + 1 < to
            && (chars[i + 1].is_alphanumeric() || chars[i + 1] == '_')
        {
            let s = i;
            let mut j = i + 1;
            while j < to && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            push(
                &mut out,
                s,
                j,
                if c == '#' {
                    TokKind::Hashtag
                } else {
                    TokKind::Handle
                },
            );
            i = j;
            continue;
        }
        if is_quote_char(c) {
            // three apostrophes closing a single quote inside a double one
            // (NYT style: ...,''' he said): the single quote closes first;
            // when opening, the double quote opens first
            if c == '\'' && i + 2 < to && chars[i + 1] == c && chars[i + 2] == c {
                let closing = i > 0 && !chars[i - 1].is_whitespace();
                if closing {
                    push(&mut out, i, i + 1, TokKind::Quote);
                    push(&mut out, i + 1, i + 3, TokKind::Quote);
                } else {
                    push(&mut out, i, i + 2, TokKind::Quote);
                    push(&mut out, i + 2, i + 3, TokKind::Quote);
                }
                i += 3;
                continue;
            }
            // `''` and `` `` `` as one double quote
            if (c == '\'' || c == '`') && i + 1 < to && chars[i + 1] == c {
                push(&mut out, i, i + 2, TokKind::Quote);
                i += 2;
                continue;
            }
            push(&mut out, i, i + 1, TokKind::Quote);
            i += 1;
            continue;
        }
        if c == '-' && i + 1 < to && chars[i + 1] == '-' {
            push(&mut out, i, i + 2, TokKind::Punct);
            i += 2;
            continue;
        }
        if c == '.' && i + 2 < to && chars[i + 1] == '.' && chars[i + 2] == '.' {
            push(&mut out, i, i + 3, TokKind::Punct);
            i += 3;
            continue;
        }
        push(&mut out, i, i + 1, TokKind::Punct);
        i += 1;
    }
    out
}

/// True when `chars[s..j]` followed by '.' looks like a dotted abbreviation (U.S, e.g).
fn is_dotted(chars: &[char], s: usize, j: usize) -> bool {
    // pattern: letter (. letter)+
    let seg = &chars[s..j];
    if seg.is_empty() || seg.len() > 7 {
        return false;
    }
    let mut expect_letter = true;
    let mut dots = 0;
    for &c in seg {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            expect_letter = false;
        } else if c == '.' {
            dots += 1;
            expect_letter = true;
        } else {
            return false;
        }
    }
    dots >= 1
        || (seg.len() == 1
            && seg[0].is_uppercase()
            && j + 1 < chars.len()
            && chars[j + 1].is_uppercase()
            && j + 2 < chars.len()
            && chars[j + 2] == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        tokenize(&c, 0, c.len())
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn splits_possessive_and_keeps_abbreviations() {
        assert_eq!(texts("ACME's parent"), vec!["ACME", "'s", "parent"]);
        assert_eq!(texts("the U.S. firm"), vec!["the", "U.S.", "firm"]);
        assert_eq!(
            texts("“We’re fine,” he said."),
            vec!["“", "We’re", "fine", ",", "”", "he", "said", "."]
        );
        assert_eq!(
            texts("#OpISIS and @iraqnow15"),
            vec!["#OpISIS", "and", "@iraqnow15"]
        );
        assert_eq!(texts("1,000 co-founder"), vec!["1,000", "co-founder"]);
    }
}
