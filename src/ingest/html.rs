//! HTML pages: the article's main text and its metadata.
//!
//! The body is taken from `<article>`, else `<main>`, else the element holding
//! the most `<p>` text (the densest block). Navigation, headers, footers,
//! asides, scripts, styles, forms and figures (captions and credits) are
//! dropped. Each paragraph, list item or heading becomes one line of the
//! text, separated by blank lines; headings are marked as furniture.
//! Metadata comes from `<title>`, `<html lang>`, `<link rel=canonical>` and
//! `<meta>` tags (`og:title`, `og:site_name`, `og:url`, `author`,
//! `article:published_time`, ...); other `og:` / `article:` tags go to `extra`.
//! Every walk over the tree uses an explicit stack, never recursion, so a page
//! nested 100,000 elements deep is read like any other.

use crate::document::{Document, Furniture, Meta};
use crate::error::{Error, Result};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::path::Path;

const SKIP: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "figure",
    "figcaption",
    "noscript",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
    "img",
    "picture",
    "video",
    "audio",
    "head",
];
const BLOCKS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dd", "dt",
];

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// Deepest element nesting accepted. The HTML parser takes time quadratic in
/// the depth (100,000 nested `<div>`s: minutes), and real articles nest a few
/// dozen levels; browsers' parsers stop nesting at 512.
pub const MAX_DEPTH: usize = 1_000;

/// Elements that close implicitly when a sibling of theirs starts (or cannot
/// nest in themselves): not counted by [`nesting_depth`], which would otherwise
/// count every unclosed `<p>` or `<li>` as a level.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc",
];
/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "image",
];
/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The deepest element nesting in `html` and the 1-based line where it is
/// reached, estimated by a linear scan of the tags (comments, doctypes and
/// raw-text contents skipped; void and implied-end elements not counted, nor
/// self-closing ones inside SVG / MathML, the only place where `/>` closes an
/// element; end tags close one level).
pub fn nesting_depth(html: &str) -> (usize, usize) {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max, mut line, mut max_line) =
        (0usize, 0usize, 0usize, 1usize, 1usize);
    let mut foreign = 0usize;
    let find = |from: usize, pat: &[u8]| -> usize {
        b[from.min(b.len())..]
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map_or(b.len(), |p| from + p + pat.len())
    };
    while i < b.len() {
        if b[i] == b'\n' {
            line += 1;
        }
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i;
        if b[i..].starts_with(b"<!--") {
            i = find(i + 4, b"-->");
        } else if matches!(b.get(i + 1), Some(b'!' | b'?')) {
            i = find(i + 1, b">");
        } else {
            let closing = b.get(i + 1) == Some(&b'/');
            let name_start = i + 1 + usize::from(closing);
            let mut j = name_start;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
                j += 1;
            }
            if j == name_start {
                i += 1;
                continue;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            // the end of the tag, skipping quoted attribute values
            let mut quote = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let self_closing = j > 0 && b.get(j - 1) == Some(&b'/');
            i = j + 1;
            let counted = !VOID.contains(&name.as_str()) && !IMPLIED_END.contains(&name.as_str());
            let svg_or_math = name == "svg" || name == "math";
            if closing {
                if counted {
                    depth = depth.saturating_sub(1);
                }
                if svg_or_math {
                    foreign = foreign.saturating_sub(1);
                }
            } else if counted && !(self_closing && (foreign > 0 || svg_or_math)) {
                if svg_or_math {
                    foreign += 1;
                }
                if RAW_TEXT.contains(&name.as_str()) {
                    i = find(i, format!("</{name}").as_bytes());
                } else {
                    depth += 1;
                    if depth > max {
                        max = depth;
                        max_line = line;
                    }
                }
            }
        }
        line += b[start + 1..i.min(b.len())]
            .iter()
            .filter(|c| **c == b'\n')
            .count();
    }
    (max, max_line)
}

/// Parses an HTML page into a document.
pub fn parse(path: &Path, html: &str) -> Result<Document> {
    let (depth, line) = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(Error::input(
            path,
            format!(
                "HTML nests elements more than {MAX_DEPTH} levels deep (about {depth}, line {line}); refused as not an article page"
            ),
        ));
    }
    let page = Html::parse_document(html);
    let meta = metadata(&page);
    let root = main_root(&page);
    let mut blocks: Vec<(String, Option<&'static str>)> = vec![];
    if let Some(root) = root {
        collect(root, &mut blocks);
    }
    if blocks.is_empty() {
        return Err(Error::input(path, "no article text found in the HTML page"));
    }
    let title_norm = meta
        .title
        .as_deref()
        .map(|t| normalise_ws(&super::normalise::normalise(t)));
    let mut text = String::new();
    let mut furniture = vec![];
    for (t, tag) in &blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(t);
        let f = match tag {
            Some("h1") if title_norm.as_deref() == Some(t.as_str()) || furniture.is_empty() => {
                Some(Furniture::Headline)
            }
            Some(_) => Some(Furniture::Heading),
            None => None,
        };
        furniture.push(f);
    }
    let mut doc = super::build(super::doc_id(path), path.display().to_string(), meta, &text)?;
    for p in doc.paragraphs.iter_mut() {
        if let Some(Some(f)) = furniture.get(p.index) {
            p.furniture = Some(*f);
        }
    }
    Ok(doc)
}

fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn metadata(page: &Html) -> Meta {
    let mut meta = Meta::default();
    let mut title_tag = None;
    if let Some(s) = sel("title") {
        title_tag = page
            .select(&s)
            .next()
            .map(|t| normalise_ws(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    if let Some(s) = sel("html") {
        meta.language = page
            .select(&s)
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
    }
    if let Some(s) = sel("link[rel=canonical]") {
        meta.url = page
            .select(&s)
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
    }
    if let Some(s) = sel("meta") {
        for m in page.select(&s) {
            let v = m.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            let (Some(key), Some(content)) = (key, v.attr("content")) else {
                continue;
            };
            let content = normalise_ws(content);
            if content.is_empty() {
                continue;
            }
            match key.to_ascii_lowercase().as_str() {
                "og:title" => meta.title = Some(content),
                "og:site_name" => meta.outlet = Some(content),
                "og:url" if meta.url.is_none() => meta.url = Some(content),
                "author" | "article:author" | "byl" if meta.author.is_none() => {
                    meta.author = Some(content.trim_start_matches("By ").to_string())
                }
                "article:published_time" | "datepublished" | "date" | "pubdate"
                    if meta.date.is_none() && !meta.extra.contains_key("date_original") =>
                {
                    super::frontmatter::apply_lenient_date(&mut meta, &content)
                }
                "og:locale" | "language" | "content-language" if meta.language.is_none() => {
                    meta.language = Some(content)
                }
                k if k.starts_with("og:")
                    || k.starts_with("article:")
                    || k == "description"
                    || k == "keywords" =>
                {
                    meta.extra
                        .insert(k.to_string(), serde_json::Value::String(content));
                }
                _ => {}
            }
        }
    }
    if meta.title.is_none() {
        meta.title = title_tag;
    }
    meta
}

/// `<article>`, else `<main>`, else the element directly holding the most `<p>` text.
fn main_root(page: &Html) -> Option<ElementRef<'_>> {
    for s in ["article", "main", "[role=main]"] {
        if let Some(e) = sel(s).and_then(|s| page.select(&s).next()) {
            if e.text().any(|t| !t.trim().is_empty()) {
                return Some(e);
            }
        }
    }
    // One pass over the tree, carrying whether an ancestor is skipped.
    let mut parents: Vec<(ElementRef<'_>, usize)> = vec![];
    let mut index: std::collections::HashMap<ego_tree::NodeId, usize> = Default::default();
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(page.tree.root(), false)];
    while let Some((node, skipped)) = stack.pop() {
        let Some(e) = ElementRef::wrap(node) else {
            stack.extend(node.children().map(|c| (c, skipped)));
            continue;
        };
        let name = e.value().name();
        if name == "p" && !skipped {
            if let Some(parent) = node.parent().and_then(ElementRef::wrap) {
                let len: usize = e.text().map(|t| t.trim().len()).sum();
                match index.get(&parent.id()) {
                    Some(&i) => parents[i].1 += len,
                    None => {
                        index.insert(parent.id(), parents.len());
                        parents.push((parent, len));
                    }
                }
            }
        }
        let skip = skipped || SKIP.contains(&name);
        stack.extend(node.children().map(|c| (c, skip)));
    }
    // The last of the densest blocks in tree order.
    parents.sort_by_key(|(e, _)| e.id());
    let best = parents.iter().map(|(_, n)| *n).max();
    match best.and_then(|b| parents.iter().rev().find(|(_, n)| *n == b)) {
        Some((e, _)) => Some(*e),
        None => sel("body").and_then(|s| page.select(&s).next()),
    }
}

fn skipped_element(e: &ElementRef<'_>) -> bool {
    SKIP.contains(&e.value().name())
        || e.value().attr("hidden").is_some()
        || e.value().attr("aria-hidden") == Some("true")
}

/// The text blocks under `root` in document order (a pre-order walk with an
/// explicit stack): each paragraph, list item or heading is one block.
fn collect(root: ElementRef<'_>, out: &mut Vec<(String, Option<&'static str>)>) {
    let mut stack: Vec<NodeRef<'_, Node>> = root.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        let Some(ce) = ElementRef::wrap(node) else {
            continue;
        };
        if skipped_element(&ce) {
            continue;
        }
        let name = ce.value().name();
        if let Some(tag) = BLOCKS.iter().find(|b| **b == name) {
            let t = inline_text(ce);
            let t = normalise_ws(&super::normalise::normalise(&t));
            if !t.is_empty() {
                let heading = tag.starts_with('h') && tag.len() == 2;
                out.push((t, if heading { Some(tag) } else { None }));
            }
        } else {
            let at = stack.len();
            stack.extend(node.children());
            stack[at..].reverse();
        }
    }
}

/// The text of a block, skipping skipped elements, `<br>` as a space.
fn inline_text(e: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack: Vec<NodeRef<'_, Node>> = e.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                if SKIP.contains(&el.name()) {
                    continue;
                }
                if el.name() == "br" {
                    out.push(' ');
                }
                let at = stack.len();
                stack.extend(node.children());
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::nesting_depth;

    #[test]
    fn nesting_depth_counts_real_nesting_only() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>").0,
            3
        );
        let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(nesting_depth(&deep).0, 5000);
        let flat = "<ul>".to_string() + &"<li>item".repeat(5000) + "</ul>";
        assert_eq!(nesting_depth(&flat).0, 1);
        let tricky =
            "<div title='a>b'><script>if (a<b) { '<div>' }</script><!-- <div> --><span/></div>";
        assert_eq!(nesting_depth(tricky).0, 2, "<span/> opens a span in HTML");
        let icons = format!("<div><svg>{}</svg></div>", "<path d='M0 0'/>".repeat(3000));
        assert_eq!(nesting_depth(&icons).0, 2);
        let (d, line) = nesting_depth("<div>\n<div>\n\n<div>x");
        assert_eq!((d, line), (3, 4));
    }
}
