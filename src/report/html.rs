//! The briefing as one self-contained HTML page: inline CSS and SVG, no scripts,
//! no external resources. All text is escaped.

use super::escape::xml as e;
use super::model::{
    and_list, more, quoted, Briefing, Cell, CitedClaim, Section, LIST_MAX, UNATTRIBUTED_MAX,
};
use super::svg::camp_colour;
use std::fmt::Write as _;

const CSS: &str = "
body{font-family:Georgia,'Times New Roman',serif;max-width:1180px;margin:2em auto;padding:0 1.2em;color:#1a1a1a;line-height:1.5;background:#fff}
h1{font-size:2em;margin-bottom:.2em}h2{border-bottom:2px solid #333;padding-bottom:.2em;margin-top:2em}
h3{margin-bottom:.3em}
.meta{font-family:Helvetica,Arial,sans-serif;font-size:.9em;color:#444;background:#f4f4f4;padding:.6em 1em;border-left:4px solid #888}
.story{font-size:1.15em}
.empty{color:#666;font-style:italic}
table{border-collapse:collapse;font-family:Helvetica,Arial,sans-serif;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#eee}
td.bycamp{white-space:nowrap}
table.matrix td.cell{text-align:center;min-width:6em}
table.matrix th.target{max-width:9em}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:50%;border:1px solid #333;vertical-align:middle;margin-right:.3em}
blockquote{margin:.3em 0 .6em 1em;padding:.2em .8em;border-left:3px solid #bbb;background:#fafafa}
p.act .note{color:#777;font-size:.85em}
nav.toc ol{columns:2;font-size:.9em}
table.timeline td,table.timeline th{padding:.1em .5em;text-align:right}
cite{display:block;font-style:normal;font-size:.85em;color:#555;font-family:Helvetica,Arial,sans-serif}
.profile{border:1px solid #ddd;padding:.4em 1em .8em;margin:1em 0;border-radius:4px}
.facts{font-family:Helvetica,Arial,sans-serif;font-size:.9em;margin:.3em 0}
.figure{overflow-x:auto;border:1px solid #ddd}
.figure svg{max-width:100%;height:auto}
.legend-cells span{display:inline-block;padding:.1em .5em;margin-right:.4em;border:1px solid #ccc;font-family:Helvetica,Arial,sans-serif;font-size:.85em}
";

/// Background colour of a matrix cell: green for favour, red for against, amber
/// for mixed, grey for neutral; stronger with confidence.
pub fn cell_colour(c: &Cell) -> String {
    let sided = c.favour + c.against;
    if c.total() == 0 {
        return "#ffffff".into();
    }
    let light = 88.0 - 28.0 * c.confidence.clamp(0.0, 1.0);
    if sided == 0 {
        return format!("hsl(0, 0%, {light:.0}%)");
    }
    let share = c.favour as f64 / sided as f64;
    format!("hsl({:.0}, 65%, {light:.0}%)", share * 120.0)
}

fn claim(c: &CitedClaim) -> String {
    let who = c
        .speaker
        .as_deref()
        .map(|s| format!("<strong>{}</strong>: ", e(s)))
        .unwrap_or_default();
    let cite = match &c.url {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            format!("<a href=\"{}\">{}</a>", e(u), e(&c.citation))
        }
        _ => e(&c.citation),
    };
    if c.verbatim {
        format!(
            "<blockquote>{who}{}<cite>{cite}</cite></blockquote>",
            e(&quoted(&c.text))
        )
    } else {
        format!(
            "<p class=\"act\">{who}<em>{}</em> <span class=\"note\">(reported act, not a quotation)</span><cite>{cite}</cite></p>",
            e(&c.text)
        )
    }
}

fn empty<T>(s: &mut String, sec: &Section<T>) -> bool {
    if sec.items.is_empty() {
        let _ = writeln!(s, "<p class=\"empty\">{}</p>", e(&sec.empty_reason));
        true
    } else {
        false
    }
}

/// Renders the briefing as a self-contained HTML page.
pub fn render(b: &Briefing) -> String {
    let mut s = String::new();
    let c = &b.corpus;
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        e(&b.title),
        e(&b.title)
    );
    let outlets = if c.outlets.is_empty() {
        "no named outlet".to_string()
    } else {
        and_list(&c.outlets)
    };
    let _ = writeln!(s, "<div class=\"meta\" id=\"corpus\">");
    let _ = writeln!(
        s,
        "<div><strong>Corpus:</strong> {} article(s) from {}{}{}. {} actors, {} quotations, {} stances, {} acts.</div>",
        c.articles,
        e(&outlets),
        if c.articles_without_outlet > 0 { format!(" ({} without a named outlet)", c.articles_without_outlet) } else { String::new() },
        c.dates.as_ref().map(|(f, l)| if f == l { format!(", published {}", e(f)) } else { format!(", published {} to {}", e(f), e(l)) }).unwrap_or_default(),
        c.actors, c.quotes, c.stances, c.acts
    );
    let _ = writeln!(
        s,
        "<div><strong>Extraction method:</strong> {}.</div>",
        if c.methods.is_empty() {
            "not recorded".to_string()
        } else {
            e(&c.methods.join(", "))
        }
    );
    if let Some(f) = &c.filter {
        let _ = writeln!(s, "<div><strong>Filter:</strong> {}.</div>", e(f));
    }
    let _ = writeln!(
        s,
        "<div><strong>Generated:</strong> {} by stancegraph {}.</div></div>",
        e(&c.generated),
        e(crate::VERSION)
    );

    let _ = writeln!(
        s,
        "<h2 id=\"story\">The story in three sentences</h2>\n<p class=\"story\">"
    );
    for line in &b.story {
        let _ = write!(s, "{} ", e(line));
    }
    let _ = writeln!(s, "</p>");
    if let Some(t) = &b.timeline {
        s.push_str(&super::timeline::html(t));
    }
    let _ = writeln!(s, "<h2 id=\"camps\">Camps</h2>");
    if !empty(&mut s, &b.camps) {
        let _ = writeln!(s, "<ul>");
        for camp in &b.camps.items {
            let pos: Vec<String> = camp
                .positions
                .iter()
                .map(|(side, t, n)| format!("{side} {} ({n})", e(t)))
                .collect();
            let _ = writeln!(
                s,
                "<li><span class=\"swatch\" style=\"background:{}\"></span><strong>Camp {}</strong>: {}{}</li>",
                camp_colour(Some(camp.number - 1)),
                camp.number,
                e(&and_list(&camp.members)),
                if pos.is_empty() { String::new() } else { format!(" \u{2014} {}", pos.join("; ")) }
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<h2 id=\"targets\">Targets and the camps around them</h2>"
    );
    if !empty(&mut s, &b.targets) {
        let _ = writeln!(s, "<table class=\"targets\"><tr><th>Target</th><th>For</th><th>Against</th><th>Neutral</th><th>By camp</th></tr>");
        for t in &b.targets.items {
            let fmt = |v: &[(String, usize)]| {
                v.iter()
                    .take(LIST_MAX)
                    .map(|(a, n)| format!("{} ({n})", e(a)))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + &more(v.len())
            };
            let camps: Vec<String> = t
                .camps
                .iter()
                .map(|(cn, f, a)| format!("<span class=\"swatch\" style=\"background:{}\"></span>camp {cn}: {f} for, {a} against", camp_colour(Some(cn - 1))))
                .collect();
            let _ = writeln!(
                s,
                "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"bycamp\">{}</td></tr>",
                e(&t.label),
                if t.is_actor { " <em>(actor)</em>" } else { "" },
                fmt(&t.favour),
                fmt(&t.against),
                fmt(&t.neutral),
                camps.join("<br>")
            );
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "<h2 id=\"matrix\">Stance matrix</h2>");
    let m = &b.matrix;
    if m.actors.is_empty() {
        let _ = writeln!(s, "<p class=\"empty\">{}</p>", e(&b.matrix_empty_reason));
    } else {
        let _ = writeln!(
            s,
            "<p class=\"legend-cells\">Each cell counts an actor's stances on a target, with their mean confidence. \
<span style=\"background:hsl(120, 65%, 65%)\">for</span><span style=\"background:hsl(0, 65%, 65%)\">against</span>\
<span style=\"background:hsl(60, 65%, 65%)\">mixed</span><span style=\"background:hsl(0, 0%, 70%)\">neutral</span> (darker: more confident)</p>"
        );
        let _ = write!(
            s,
            "<table class=\"matrix\" id=\"stance-matrix\">\n<tr><th>Actor</th>"
        );
        for t in &m.targets {
            let _ = write!(s, "<th class=\"target\">{}</th>", e(t));
        }
        let _ = writeln!(s, "</tr>");
        for (r, a) in m.actors.iter().enumerate() {
            let camp = m.actor_camps[r];
            let sw = if camp > 0 {
                format!(
                    "<span class=\"swatch\" style=\"background:{}\" title=\"camp {camp}\"></span>",
                    camp_colour(Some(camp - 1))
                )
            } else {
                "<span class=\"swatch\" style=\"background:#c7c7c7\" title=\"no camp\"></span>"
                    .to_string()
            };
            let _ = write!(s, "<tr><th>{sw}{}</th>", e(a));
            for cell in &m.cells[r] {
                let _ = write!(
                    s,
                    "<td class=\"cell\" style=\"background:{}\">{}</td>",
                    cell_colour(cell),
                    e(&cell.summary())
                );
            }
            let _ = writeln!(s, "</tr>");
        }
        let _ = writeln!(s, "</table>");
        if m.omitted_targets > 0 {
            let _ = writeln!(
                s,
                "<p>{} less discussed target(s) left out.</p>",
                m.omitted_targets
            );
        }
    }
    let _ = writeln!(s, "<h2 id=\"network\">Network</h2>");
    match &b.figure {
        Some(svg) => {
            let _ = writeln!(s, "<div class=\"figure\">{svg}</div>");
        }
        None => {
            let _ = writeln!(s, "<p class=\"empty\">{}</p>", e(&b.figure_empty_reason));
        }
    }
    let _ = writeln!(s, "<h2 id=\"actors\">Key actors</h2>");
    if !empty(&mut s, &b.profiles) {
        for p in &b.profiles.items {
            let _ = writeln!(
                s,
                "<div class=\"profile\"><h3><span class=\"swatch\" style=\"background:{}\"></span>{}</h3>",
                camp_colour(p.camp.map(|c| c - 1)),
                e(&p.name)
            );
            let _ = writeln!(
                s,
                "<div class=\"facts\">{}; quoted {} time(s); {} network ties (rank {} by degree){}</div>",
                e(&p.kind),
                p.quotes,
                p.degree,
                p.degree_rank,
                p.camp.map(|c| format!("; camp {c}")).unwrap_or_default()
            );
            for (label, items) in [
                ("Role", &p.roles),
                ("People and units", &p.members),
                ("Stances", &p.stances),
                ("Acts", &p.acts),
                ("Acted on by", &p.acted_on_by),
            ] {
                if !items.is_empty() {
                    let _ = writeln!(
                        s,
                        "<div class=\"facts\"><strong>{label}:</strong> {}</div>",
                        e(&items.join("; "))
                    );
                }
            }
            if p.claims.is_empty() {
                let _ = writeln!(
                    s,
                    "<p class=\"empty\">No quotation is attributed to {}.</p>",
                    e(&p.name)
                );
            }
            for c in &p.claims {
                let _ = writeln!(
                    s,
                    "{}",
                    claim(&CitedClaim {
                        speaker: None,
                        ..c.clone()
                    })
                );
            }
            let _ = writeln!(s, "</div>");
        }
    }
    for (id, title, sec) in [
        ("agreement", "Points of agreement", &b.agreements),
        ("conflict", "Points of conflict", &b.conflicts),
    ] {
        let _ = writeln!(s, "<h2 id=\"{id}\">{title}</h2>");
        if !empty(&mut s, sec) {
            let _ = writeln!(s, "<ul>");
            for p in &sec.items {
                let _ = writeln!(s, "<li>{}", e(&p.sentence));
                for ev in &p.evidence {
                    let _ = writeln!(s, "{}", claim(ev));
                }
                let _ = writeln!(s, "</li>");
            }
            let _ = writeln!(s, "</ul>");
        }
    }
    let _ = writeln!(s, "<h3>Actors against more than one target</h3>");
    if !empty(&mut s, &b.critics) {
        let _ = writeln!(s, "<ul>");
        for c in &b.critics.items {
            let _ = writeln!(s, "<li>{}</li>", e(c));
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<h2 id=\"unattributed\">Claims with no named speaker</h2>"
    );
    if !empty(&mut s, &b.unattributed) {
        for c in b.unattributed.items.iter().take(UNATTRIBUTED_MAX) {
            let _ = writeln!(s, "{}", claim(c));
        }
        if b.unattributed.items.len() > UNATTRIBUTED_MAX {
            let _ = writeln!(
                s,
                "<p>{} more claims with no named speaker are not shown.</p>",
                b.unattributed.items.len() - UNATTRIBUTED_MAX
            );
        }
    }
    let _ = writeln!(
        s,
        "<h2 id=\"outlets\">How outlets differ in whom they quote</h2>"
    );
    if !empty(&mut s, &b.outlets) {
        let _ = writeln!(s, "<table class=\"outlets\"><tr><th>Outlet</th><th>Articles</th><th>Quotations</th><th>Most quoted</th><th>Quoted only here</th><th>Stances for / against / neutral</th></tr>");
        for o in &b.outlets.items {
            let top: Vec<String> = o
                .top
                .iter()
                .map(|(a, n, sh)| format!("{} ({n}, {:.0}%)", e(a), sh * 100.0))
                .collect();
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {} / {}</td></tr>",
                e(&o.outlet),
                o.articles,
                o.quotes,
                top.join("<br>"),
                e(&o.only_here.join(", ")),
                o.polarity.0,
                o.polarity.1,
                o.polarity.2
            );
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    super::timeline::html_toc(&s)
}
