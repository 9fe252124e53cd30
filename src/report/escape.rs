//! Escaping for HTML / SVG text and Markdown.

/// Escapes text for HTML and SVG content and attribute values.
pub fn xml(s: &str) -> String {
    crate::network::export::xml_escape(s)
}

/// Escapes characters Markdown would interpret inside running text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            xml("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
        assert_eq!(md("a|b *c* #d"), "a\\|b \\*c\\* \\#d");
    }
}
