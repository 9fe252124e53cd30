//! A light lexical scan of SPARQL text, run before the parser.
//!
//! The SPARQL parser recurses once per nesting level, so a query nested thousands
//! of brackets deep would overflow the stack. [`scan`] walks the text once
//! (skipping strings, IRIs and comments), measures the deepest nesting of `{`, `(`
//! and `[`, and notes the `SERVICE` keywords and the variables in order of first
//! appearance (for `SELECT *` column order).

/// Deepest bracket nesting accepted; real queries stay far below it.
pub const MAX_NESTING: usize = 64;

/// What [`scan`] found in a query text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Deepest nesting of `{`, `(` and `[` together.
    pub max_depth: usize,
    /// 1-based line of the first bracket that went past [`MAX_NESTING`], if any.
    pub too_deep_at: Option<usize>,
    /// Number of `SERVICE` keywords.
    pub services: usize,
    /// Variable names (without `?`/`$`) in order of first appearance.
    pub variables: Vec<String>,
    /// True when the text has `SELECT *` (or `SELECT DISTINCT *`, `SELECT REDUCED *`).
    pub select_star: bool,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '?' | '$')
}

/// An IRI reference starts at `chars[i] == '<'` when a `>` follows before any
/// character an IRI cannot hold (otherwise `<` is the less-than operator).
fn iri_end(chars: &[char], i: usize) -> Option<usize> {
    for (k, &c) in chars.iter().enumerate().skip(i + 1) {
        match c {
            '>' => return Some(k),
            '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return None,
            c if c <= ' ' => return None,
            _ => {}
        }
    }
    None
}

/// End (exclusive) of the string literal starting at `i` (a quote character).
fn string_end(chars: &[char], i: usize) -> usize {
    let q = chars[i];
    let long = chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q);
    let mut k = if long { i + 3 } else { i + 1 };
    while k < chars.len() {
        let c = chars[k];
        if c == '\\' {
            k += 2;
            continue;
        }
        if long {
            if c == q && chars.get(k + 1) == Some(&q) && chars.get(k + 2) == Some(&q) {
                return k + 3;
            }
        } else if c == q || c == '\n' {
            return k + 1;
        }
        k += 1;
    }
    chars.len()
}

/// Scans `text` (see the module docs). Never fails: unbalanced brackets or
/// unterminated strings are left for the parser to report.
pub fn scan(text: &str) -> Scan {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Scan::default();
    let (mut depth, mut line, mut i) = (0usize, 1usize, 0usize);
    let mut words: Vec<String> = vec![];
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                let end = string_end(&chars, i);
                line += chars[i..end].iter().filter(|&&c| c == '\n').count();
                i = end;
                continue;
            }
            '<' => {
                if let Some(end) = iri_end(&chars, i) {
                    i = end + 1;
                    continue;
                }
            }
            '{' | '(' | '[' => {
                depth += 1;
                out.max_depth = out.max_depth.max(depth);
                if depth > MAX_NESTING && out.too_deep_at.is_none() {
                    out.too_deep_at = Some(line);
                }
            }
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            '*' if words.last().is_some_and(|w| {
                w.eq_ignore_ascii_case("select")
                    || ((w.eq_ignore_ascii_case("distinct") || w.eq_ignore_ascii_case("reduced"))
                        && words.len() >= 2
                        && words[words.len() - 2].eq_ignore_ascii_case("select"))
            }) =>
            {
                out.select_star = true;
            }
            c if is_word(c) => {
                let start = i;
                while i < chars.len() && is_word(chars[i]) {
                    i += 1;
                }
                let w: String = chars[start..i].iter().collect();
                if let Some(v) = w.strip_prefix(['?', '$']) {
                    let v = v.trim_end_matches('.').to_string();
                    if !v.is_empty() && !out.variables.contains(&v) {
                        out.variables.push(v);
                    }
                } else if w.eq_ignore_ascii_case("service") {
                    out.services += 1;
                }
                words.push(w);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `Err(message)` when `text` nests deeper than [`MAX_NESTING`].
pub fn check_nesting(text: &str) -> Result<Scan, String> {
    let s = scan(text);
    match s.too_deep_at {
        Some(line) => Err(format!(
            "SPARQL query nested too deeply: more than {MAX_NESTING} levels of brackets \
             (at line {line}, {} levels in all); flatten the query",
            s.max_depth
        )),
        None => Ok(s),
    }
}

/// The targets of `SERVICE` clauses in a query's normalised text (spargebra's
/// `Display`, where every IRI is written in full): `Ok(iri)` for an IRI,
/// `Err(variable)` for `SERVICE ?var`.
pub fn service_targets(normalised: &str) -> Vec<Result<String, String>> {
    let chars: Vec<char> = normalised.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    let mut after_service = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' {
            i = string_end(&chars, i);
            continue;
        }
        if c == '<' {
            if let Some(end) = iri_end(&chars, i) {
                if after_service {
                    out.push(Ok(chars[i + 1..end].iter().collect()));
                    after_service = false;
                }
                i = end + 1;
                continue;
            }
        }
        if is_word(c) {
            let start = i;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            let w: String = chars[start..i].iter().collect();
            if w.eq_ignore_ascii_case("service") {
                after_service = true;
            } else if after_service && !w.eq_ignore_ascii_case("silent") {
                out.push(Err(w));
                after_service = false;
            }
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_outside_strings_iris_and_comments() {
        let q =
            "SELECT * WHERE { ?s ?p \"{{{(((\" . FILTER(?x < 3 && ?y > 2) # {{{{\n <http://x/{> }";
        let s = scan(q);
        assert_eq!(s.max_depth, 2);
        assert!(s.select_star);
        assert_eq!(s.variables, vec!["s", "p", "x", "y"]);
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
        let err = check_nesting(&deep).unwrap_err();
        assert!(err.contains("nested too deeply"), "{err}");
        let parens = format!(
            "ASK {{ FILTER({}1{}) }}",
            "(".repeat(50_000),
            ")".repeat(50_000)
        );
        assert!(check_nesting(&parens).is_err());
        assert!(check_nesting("ASK { FILTER((((1)))) }").is_ok());
    }

    #[test]
    fn long_strings_and_service_keywords() {
        let q = "SELECT ?a WHERE { ?a ?b '''x { service\n''' . SERVICE SILENT <http://e/sparql> { ?a ?c ?d } SERVICE ?ep { } }";
        let s = scan(q);
        assert_eq!(s.services, 2);
        assert!(!s.select_star);
        assert_eq!(
            service_targets(q),
            vec![Ok("http://e/sparql".to_string()), Err("?ep".to_string())]
        );
    }

    #[test]
    fn a_query_at_the_nesting_limit_parses_on_a_small_stack() {
        // The limit must leave the parser room on an ordinary 2 MiB thread stack.
        let q = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(MAX_NESTING),
            "}".repeat(MAX_NESTING)
        );
        assert!(check_nesting(&q).is_ok());
        let f = format!(
            "ASK {{ FILTER({}1{}) }}",
            "(".repeat(MAX_NESTING - 2),
            ")".repeat(MAX_NESTING - 2)
        );
        assert!(check_nesting(&f).is_ok());
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                spargebra::SparqlParser::new().parse_query(&q).is_ok()
                    && spargebra::SparqlParser::new().parse_query(&f).is_ok()
            })
            .unwrap();
        assert!(handle.join().unwrap());
    }
}
