//! The briefing's timeline: attributed claims per week or month, by camp, when the
//! coverage spans more than a few days.

use super::escape::{md, xml};
use super::svg::camp_colour;
use crate::network::Analysis;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Coverage shorter than this many days gets no timeline.
pub const MIN_SPAN_DAYS: i64 = 7;
/// Up to this span the buckets are ISO weeks, above it calendar months.
pub const WEEKLY_UP_TO_DAYS: i64 = 120;

/// Claims per period and camp.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// "week" or "month".
    pub unit: &'static str,
    /// Column heads: camp numbers (1-based), 0 for speakers in no camp.
    pub camps: Vec<usize>,
    /// (period label, counts per entry of `camps`).
    pub rows: Vec<(String, Vec<usize>)>,
    /// Quotations left out because their article has no date.
    pub undated: usize,
}

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses the `YYYY-MM-DD` start of a date.
pub fn parse_day(date: &str) -> Option<(i64, i64, i64)> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn week_label(days: i64) -> String {
    // Monday of the week (1970-01-01 was a Thursday).
    let monday = days - (days + 3).rem_euclid(7);
    format!("week of {}", super::model::civil_date(monday))
}

/// The timeline of `a`, or `None` when the dated coverage spans less than
/// [`MIN_SPAN_DAYS`].
pub fn build(a: &Analysis) -> Option<Timeline> {
    let d = &a.data;
    let mut dated: Vec<(i64, (i64, i64, i64), usize)> = vec![];
    let mut undated = 0;
    for q in d.quotes.iter().filter(|q| q.speaker.is_some()) {
        let day = d
            .article(&q.article)
            .and_then(|art| art.date.as_deref())
            .and_then(parse_day);
        let Some((y, m, dd)) = day else {
            undated += 1;
            continue;
        };
        let camp = q
            .speaker
            .as_deref()
            .and_then(|s| a.network.find(s))
            .and_then(|i| a.camp_of(i))
            .map_or(0, |c| c + 1);
        dated.push((days_from_civil(y, m, dd), (y, m, dd), camp));
    }
    let first = dated.iter().map(|x| x.0).min()?;
    let last = dated.iter().map(|x| x.0).max()?;
    let span = last - first;
    if span < MIN_SPAN_DAYS {
        return None;
    }
    let weekly = span <= WEEKLY_UP_TO_DAYS;
    let mut camps: Vec<usize> = dated.iter().map(|x| x.2).collect();
    camps.sort_unstable_by_key(|&c| if c == 0 { usize::MAX } else { c });
    camps.dedup();
    // Every period from the first to the last, empty ones included.
    let mut periods: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let label = |days: i64, (y, m, _): (i64, i64, i64)| {
        if weekly {
            week_label(days)
        } else {
            format!("{y:04}-{m:02}")
        }
    };
    let mut day = first;
    while day <= last {
        let (y, m, dd) = civil(day);
        periods
            .entry(label(day, (y, m, dd)))
            .or_insert_with(|| vec![0; camps.len()]);
        day += if weekly { 7 } else { 28 };
    }
    for (days, ymd, camp) in &dated {
        let row = periods
            .entry(label(*days, *ymd))
            .or_insert_with(|| vec![0; camps.len()]);
        if let Some(k) = camps.iter().position(|c| c == camp) {
            row[k] += 1;
        }
    }
    Some(Timeline {
        unit: if weekly { "week" } else { "month" },
        camps,
        rows: periods.into_iter().collect(),
        undated,
    })
}

fn civil(days: i64) -> (i64, i64, i64) {
    let s = super::model::civil_date(days);
    parse_day(&s).unwrap_or((1970, 1, 1))
}

fn camp_head(c: usize) -> String {
    if c == 0 {
        "no camp".into()
    } else {
        format!("camp {c}")
    }
}

/// The timeline as a Markdown section.
pub fn markdown(t: &Timeline) -> String {
    let mut s = String::from("## Timeline\n\n");
    let _ = writeln!(
        s,
        "Quotations with a named speaker per {}, by the speaker's camp.\n",
        t.unit
    );
    let heads: Vec<String> = t.camps.iter().map(|&c| camp_head(c)).collect();
    let _ = writeln!(s, "| {} | {} | total |", t.unit, heads.join(" | "));
    let _ = writeln!(s, "|---|{}---|", "---|".repeat(heads.len()));
    for (p, counts) in &t.rows {
        let cells: Vec<String> = counts.iter().map(|n| n.to_string()).collect();
        let total: usize = counts.iter().sum();
        let _ = writeln!(s, "| {} | {} | {total} |", md(p), cells.join(" | "));
    }
    if t.undated > 0 {
        let _ = writeln!(
            s,
            "\n{} quotation(s) from undated articles are not shown.",
            t.undated
        );
    }
    s.push('\n');
    s
}

/// The timeline as an HTML section: a stacked bar chart (inline SVG) and its table.
pub fn html(t: &Timeline) -> String {
    let mut s = String::from("<h2 id=\"timeline\">Timeline</h2>\n");
    let _ = writeln!(
        s,
        "<p>Quotations with a named speaker per {}, by the speaker's camp.</p>",
        t.unit
    );
    let max = t
        .rows
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (bar, gap, height) = (18.0, 4.0, 120.0);
    let width = t.rows.len() as f64 * (bar + gap) + 40.0;
    let _ = write!(
        s,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\" role=\"img\" aria-label=\"claims per {}\">",
        height + 20.0,
        t.unit
    );
    for (k, (p, counts)) in t.rows.iter().enumerate() {
        let x = 30.0 + k as f64 * (bar + gap);
        let mut y = height;
        for (ci, &n) in counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let h = n as f64 / max as f64 * (height - 10.0);
            y -= h;
            let c = t.camps[ci];
            let colour = camp_colour(if c == 0 { None } else { Some(c - 1) });
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar}\" height=\"{h:.1}\" fill=\"{colour}\"><title>{}: {n} ({})</title></rect>",
                xml(p),
                camp_head(c)
            );
        }
    }
    let _ = writeln!(
        s,
        "<text x=\"2\" y=\"12\" font-size=\"10\">{max}</text><line x1=\"28\" y1=\"{height}\" x2=\"{width:.0}\" y2=\"{height}\" stroke=\"#999\"/></svg>"
    );
    let heads: Vec<String> = t
        .camps
        .iter()
        .map(|&c| format!("<th>{}</th>", camp_head(c)))
        .collect();
    let _ = writeln!(
        s,
        "<table class=\"timeline\"><tr><th>{}</th>{}<th>total</th></tr>",
        t.unit,
        heads.join("")
    );
    for (p, counts) in &t.rows {
        let cells: Vec<String> = counts.iter().map(|n| format!("<td>{n}</td>")).collect();
        let total: usize = counts.iter().sum();
        let _ = writeln!(
            s,
            "<tr><td>{}</td>{}<td>{total}</td></tr>",
            xml(p),
            cells.join("")
        );
    }
    s.push_str("</table>\n");
    if t.undated > 0 {
        let _ = writeln!(
            s,
            "<p>{} quotation(s) from undated articles are not shown.</p>",
            t.undated
        );
    }
    s
}

/// A table of contents for a rendered Markdown briefing: inserted before the first
/// `## ` heading, linking every `## ` heading (GitHub-style anchors).
pub fn markdown_toc(doc: &str) -> String {
    let heads: Vec<&str> = doc.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    if heads.is_empty() {
        return doc.to_string();
    }
    let mut toc = String::from("## Contents\n\n");
    for h in &heads {
        let anchor: String = h
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let _ = writeln!(toc, "- [{h}](#{anchor})");
    }
    toc.push('\n');
    match doc.find("\n## ") {
        Some(i) => format!("{}\n{toc}{}", &doc[..i], &doc[i + 1..]),
        None => doc.to_string(),
    }
}

/// A table of contents for a rendered HTML briefing, from its `<h2 id=...>` headings.
pub fn html_toc(doc: &str) -> String {
    static H2: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r#"<h2 id="([^"]+)">(.*?)</h2>"#).expect("regex")
    });
    let items: Vec<String> = H2
        .captures_iter(doc)
        .map(|c| format!("<li><a href=\"#{}\">{}</a></li>", &c[1], &c[2]))
        .collect();
    if items.is_empty() {
        return doc.to_string();
    }
    let toc = format!(
        "<nav class=\"toc\" aria-label=\"contents\"><h2 id=\"contents\">Contents</h2><ol>{}</ol></nav>\n",
        items.join("")
    );
    match doc.find("<h2 id=") {
        Some(i) => format!("{}{toc}{}", &doc[..i], &doc[i..]),
        None => doc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28),
            2
        );
        assert_eq!(
            super::super::model::civil_date(days_from_civil(2015, 11, 18)),
            "2015-11-18"
        );
        assert_eq!(
            week_label(days_from_civil(2015, 11, 18)),
            "week of 2015-11-16"
        );
        assert_eq!(parse_day("2015-13-01"), None);
    }

    #[test]
    fn tables_of_contents_link_every_section() {
        let md = "# T\n\nintro\n\n## The story\n\ntext\n\n## Key actors\n";
        let out = markdown_toc(md);
        assert!(out.contains("- [The story](#the-story)"));
        assert!(out.find("## Contents").unwrap() < out.find("## The story").unwrap());
        let h = "<h1>T</h1><h2 id=\"story\">Story</h2><h2 id=\"actors\">Actors</h2>";
        let out = html_toc(h);
        assert!(out.contains("<a href=\"#actors\">Actors</a>"));
    }
}
