//! Text normalisation at ingest, before anything looks for names or quotes.
//!
//! Every corpus format passes its body text (and its metadata strings) through
//! [`normalise`], so [`Document::text`](crate::document::Document::text) is
//! always normalised and **all offsets refer to the normalised text** (as they
//! already refer to the extracted text of HTML and Markdown, not to the file's
//! bytes). What it does, in this order:
//!
//! 1. line breaks: `\r\n`, lone `\r`, U+0085, U+2028, U+2029, vertical tab and
//!    form feed become `\n`;
//! 2. invisible characters are removed: zero-width space U+200B, word joiner
//!    U+2060, invisible operators U+2061-U+2064, byte-order mark / zero-width
//!    no-break space U+FEFF, soft hyphen U+00AD, Mongolian vowel separator
//!    U+180E, direction marks U+200E / U+200F and bidi controls U+202A-U+202E,
//!    U+2066-U+2069, and the other C0 / C1 control characters (tab and newline stay);
//! 3. zero-width (non-)joiners U+200C / U+200D are removed between Latin-script
//!    text, where they only split words, and kept beside scripts and emoji
//!    where they shape the text (Arabic, Indic scripts, emoji sequences);
//! 4. Unicode NFC: "Jose\u{301}" (e + combining acute) becomes "José".
//!
//! The result is idempotent: normalising normalised text changes nothing.
//! [`OffsetMap`] maps char offsets of the original text onto the normalised
//! text, for annotations made against the raw file (e.g. brat gold standards).

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// What step 2 removes outright.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{0000}'..='\u{0008}' | '\u{000E}'..='\u{001F}' | '\u{007F}'
        | '\u{0080}'..='\u{0084}' | '\u{0086}'..='\u{009F}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// True for characters whose script or emoji sequences use joiners: everything
/// from Hebrew (U+0590) up, except general and supplemental punctuation.
fn joiner_context(c: char) -> bool {
    let u = c as u32;
    u >= 0x0590 && !(0x2000..=0x206F).contains(&u) && !(0x2E00..=0x2E7F).contains(&u)
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// True when [`normalise`] would return `s` unchanged without looking closer
/// (ASCII with no control characters but tab and newline).
fn trivially_normal(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\t')
}

/// Steps 1-3, char by char: what each char of `chars` becomes (`None`: dropped).
/// Linear: the joiner rule reads the nearest visible neighbours from two passes.
fn clean_chars(chars: &[char]) -> Vec<Option<char>> {
    let visible = |c: char| !is_joiner(c) && !is_invisible(c);
    // ctx_before[i]: the nearest visible char before i is a joiner context; ctx_after likewise.
    let mut ctx_before = vec![false; chars.len()];
    let mut last = false;
    for (i, &c) in chars.iter().enumerate() {
        ctx_before[i] = last;
        if visible(c) {
            last = joiner_context(c);
        }
    }
    let mut ctx_after = vec![false; chars.len()];
    let mut next = false;
    for (i, &c) in chars.iter().enumerate().rev() {
        ctx_after[i] = next;
        if visible(c) {
            next = joiner_context(c);
        }
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                None
            } else if is_break(c) {
                Some('\n')
            } else if is_invisible(c) || (is_joiner(c) && !ctx_before[i] && !ctx_after[i]) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

fn clean(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    clean_chars(&chars).into_iter().flatten().collect()
}

/// Normalises `s` as described in the module documentation; borrows when
/// nothing changes.
pub fn normalise(s: &str) -> Cow<'_, str> {
    if trivially_normal(s) {
        return Cow::Borrowed(s);
    }
    let cleaned = clean(s);
    let nfc: String = if unicode_normalization::is_nfc(&cleaned) {
        cleaned
    } else {
        cleaned.nfc().collect()
    };
    if nfc == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(nfc)
    }
}

/// Normalises every string of the metadata: the known fields, and the string
/// values of `extra` (keys too).
pub fn normalise_meta(meta: &mut crate::document::Meta) {
    for f in [
        &mut meta.title,
        &mut meta.outlet,
        &mut meta.date,
        &mut meta.url,
        &mut meta.author,
        &mut meta.language,
    ] {
        if let Some(v) = f.as_deref() {
            let n = normalise(v).trim().to_string();
            *f = (!n.is_empty()).then_some(n);
        }
    }
    let extra = std::mem::take(&mut meta.extra);
    meta.extra = extra
        .into_iter()
        .map(|(k, v)| (normalise(&k).into_owned(), normalise_json(v)))
        .collect();
}

/// Strings inside a JSON value, at any depth. Recursive: the parsers that make
/// these values limit their nesting (serde_json to 128 levels, front matter to 32).
fn normalise_json(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(normalise(&s).into_owned()),
        Value::Array(a) => Value::Array(a.into_iter().map(normalise_json).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (normalise(&k).into_owned(), normalise_json(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Maps char offsets of an original text onto its [`normalise`]d form.
///
/// Exact at every ASCII character and at every boundary between characters
/// that normalisation composes (runs of up to 64 non-ASCII characters; longer
/// runs map their inner offsets to the nearest offset inside the run's
/// normalised form).
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// `to_norm[i]`: normalised char offset of original char offset `i` (one extra entry for the end).
    to_norm: Vec<usize>,
}

impl OffsetMap {
    /// Builds the map for `original` (and returns its normalised form with it).
    pub fn new(original: &str) -> (String, OffsetMap) {
        let chars: Vec<char> = original.chars().collect();
        let cleaned_of = clean_chars(&chars);
        // raw -> cleaned offsets
        let mut raw_to_clean = Vec::with_capacity(chars.len() + 1);
        let mut cleaned: Vec<char> = Vec::with_capacity(chars.len());
        for c in &cleaned_of {
            raw_to_clean.push(cleaned.len());
            if let Some(c) = c {
                cleaned.push(*c);
            }
        }
        raw_to_clean.push(cleaned.len());
        // cleaned -> normalised, NFC chunk by chunk. Chunks start at ASCII
        // characters: no canonical composition has an ASCII second element, so
        // the NFC of the chunks is the NFC of the whole.
        let mut clean_to_norm = Vec::with_capacity(cleaned.len() + 1);
        let mut out = String::with_capacity(original.len());
        let mut out_chars = 0usize;
        let mut start = 0;
        while start < cleaned.len() {
            let mut end = start + 1;
            while end < cleaned.len() && !cleaned[end].is_ascii() {
                end += 1;
            }
            let chunk = &cleaned[start..end];
            let len = chunk.len();
            let n = if chunk.iter().all(char::is_ascii) {
                out.extend(chunk);
                len
            } else {
                let norm: String = chunk.iter().copied().nfc().collect();
                out.push_str(&norm);
                norm.chars().count()
            };
            for i in 0..len {
                let at = if n == len {
                    i
                } else if len <= 64 {
                    // the composed length of the prefix: exact at every
                    // boundary between composed characters
                    chunk[..i].iter().copied().nfc().count().min(n)
                } else {
                    i.min(n)
                };
                clean_to_norm.push(out_chars + at);
            }
            out_chars += n;
            start = end;
        }
        clean_to_norm.push(out_chars);
        let to_norm = raw_to_clean.into_iter().map(|c| clean_to_norm[c]).collect();
        (out, OffsetMap { to_norm })
    }

    /// The normalised char offset of original char offset `c` (clamped to the end).
    pub fn map(&self, c: usize) -> usize {
        self.to_norm[c.min(self.to_norm.len() - 1)]
    }
}

/// Moves brat annotations made against `raw` (the file's text) onto its
/// normalised form: offsets through [`OffsetMap`], entity texts normalised.
pub fn remap_entities(raw: &str, ann: &mut crate::eval::brat::Ann) {
    if trivially_normal(raw) {
        return;
    }
    let (_, map) = OffsetMap::new(raw);
    for e in ann.entities.values_mut() {
        for f in e.fragments.iter_mut() {
            *f = (map.map(f.0), map.map(f.1));
        }
        e.text = normalise(&e.text).into_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_accents_compose_and_zero_width_characters_go() {
        assert_eq!(normalise("Jose\u{301} Ma\u{308}rz"), "José März");
        assert_eq!(normalise("Ann\u{200B}a Ber\u{200D}g"), "Anna Berg");
        assert_eq!(normalise("\u{FEFF}Soft\u{AD}ware"), "Software");
        assert_eq!(normalise("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(normalise("x\u{1b}[0my"), "x[0my");
    }

    #[test]
    fn joiners_stay_where_scripts_and_emoji_need_them() {
        let emoji = "\u{1F469}\u{200D}\u{1F4BB}";
        assert_eq!(normalise(emoji), emoji);
        let persian = "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}";
        assert_eq!(normalise(persian), persian);
    }

    #[test]
    fn normalising_is_idempotent_and_borrows_clean_text() {
        for s in [
            "plain ascii",
            "Jose\u{301}\u{200B}",
            "a\u{200D}\u{200D}b\r\n\r\n",
            "\u{0627}\u{200B}\u{200D} b",
            "e\u{200B}\u{301}",
        ] {
            let once = normalise(s).into_owned();
            assert_eq!(normalise(&once), once, "{s:?}");
        }
        assert!(matches!(normalise("plain"), Cow::Borrowed(_)));
        assert!(matches!(normalise("café"), Cow::Borrowed(_)));
    }

    #[test]
    fn offset_map_agrees_with_normalise_and_is_exact_at_ascii() {
        for s in [
            "Jose\u{301} Ma\u{308}rz said \u{201C}no\u{201D}.",
            "a\r\nb\u{200B}c\u{200D}d \u{1F469}\u{200D}\u{1F4BB} e",
            "\u{0627}\u{200B}\u{200D} b",
            "e\u{200B}\u{301}x",
            "clichA\u{303}\u{a9} the",
        ] {
            let (n, map) = OffsetMap::new(s);
            assert_eq!(n, normalise(s), "{s:?}");
            let raw: Vec<char> = s.chars().collect();
            let norm: Vec<char> = n.chars().collect();
            for (i, c) in raw.iter().enumerate() {
                if c.is_ascii() && *c != '\r' {
                    // an ASCII letter may be composed with the accent after it
                    let first = norm[map.map(i)].to_string().nfd().next();
                    assert_eq!(first, Some(*c), "{s:?} at {i}");
                }
            }
            assert_eq!(map.map(raw.len()), norm.len());
        }
        // A span ending between a composed letter and the next character.
        let (n, map) = OffsetMap::new("clichA\u{303}\u{a9} the");
        assert_eq!(n.chars().nth(map.map(7)), Some('\u{a9}'));
    }
}
