//! The briefing as Markdown.

use super::escape::md;
use super::model::{
    and_list, more, quoted, Briefing, CitedClaim, Section, LIST_MAX, UNATTRIBUTED_MAX,
};
use std::fmt::Write as _;

fn claim_line(c: &CitedClaim) -> String {
    let who = c
        .speaker
        .as_deref()
        .map(|s| format!("{}: ", md(s)))
        .unwrap_or_default();
    let text = if c.verbatim {
        md(&quoted(&c.text))
    } else {
        format!("_{}_ (reported act, not a quotation)", md(&c.text))
    };
    let cite = match &c.url {
        Some(u) => format!(
            "[{}]({})",
            md(&c.citation),
            u.replace(' ', "%20").replace(')', "%29")
        ),
        None => md(&c.citation),
    };
    format!("- {who}{text} ({cite})")
}

fn empty<T>(s: &mut String, sec: &Section<T>) -> bool {
    if sec.items.is_empty() {
        let _ = writeln!(s, "_{}_\n", md(&sec.empty_reason));
        true
    } else {
        false
    }
}

/// Renders the briefing as Markdown. The figure is referenced as `network.svg`
/// when `figure_file` is set.
pub fn render(b: &Briefing, figure_file: Option<&str>) -> String {
    let mut s = String::new();
    let c = &b.corpus;
    let _ = writeln!(s, "# {}\n", md(&b.title));
    let outlets = if c.outlets.is_empty() {
        "no named outlet".to_string()
    } else {
        and_list(&c.outlets)
    };
    let _ = writeln!(
        s,
        "**Corpus:** {} article(s) from {}{}{}. {} actors, {} quotations, {} stances, {} acts.  ",
        c.articles,
        md(&outlets),
        if c.articles_without_outlet > 0 {
            format!(" ({} without a named outlet)", c.articles_without_outlet)
        } else {
            String::new()
        },
        c.dates
            .as_ref()
            .map(|(f, l)| if f == l {
                format!(", published {}", md(f))
            } else {
                format!(", published {} to {}", md(f), md(l))
            })
            .unwrap_or_default(),
        c.actors,
        c.quotes,
        c.stances,
        c.acts
    );
    let _ = writeln!(
        s,
        "**Extraction method:** {}.  ",
        if c.methods.is_empty() {
            "not recorded".to_string()
        } else {
            md(&c.methods.join(", "))
        }
    );
    if let Some(f) = &c.filter {
        let _ = writeln!(s, "**Filter:** {}.  ", md(f));
    }
    let _ = writeln!(
        s,
        "**Generated:** {} by stancegraph {}.\n",
        md(&c.generated),
        crate::VERSION
    );

    let _ = writeln!(s, "## The story in three sentences\n");
    for line in &b.story {
        let _ = write!(s, "{} ", md(line));
    }
    let _ = writeln!(s, "\n\n## Camps\n");
    if !empty(&mut s, &b.camps) {
        for camp in &b.camps.items {
            let pos: Vec<String> = camp
                .positions
                .iter()
                .map(|(side, t, n)| format!("{side} {} ({n})", md(t)))
                .collect();
            let _ = writeln!(
                s,
                "- **Camp {}**: {}{}",
                camp.number,
                md(&and_list(&camp.members)),
                if pos.is_empty() {
                    String::new()
                } else {
                    format!(" \u{2014} {}", pos.join("; "))
                }
            );
        }
        s.push('\n');
    }
    if let Some(t) = &b.timeline {
        s.push_str(&super::timeline::markdown(t));
    }
    let _ = writeln!(s, "## Targets and the camps around them\n");
    if !empty(&mut s, &b.targets) {
        for t in &b.targets.items {
            let fmt = |v: &[(String, usize)]| {
                if v.is_empty() {
                    "nobody".to_string()
                } else {
                    v.iter()
                        .take(LIST_MAX)
                        .map(|(a, n)| format!("{} ({n})", md(a)))
                        .collect::<Vec<_>>()
                        .join(", ")
                        + &more(v.len())
                }
            };
            let _ = writeln!(
                s,
                "### {}{}\n",
                md(&t.label),
                if t.is_actor { " (actor)" } else { "" }
            );
            let _ = writeln!(s, "- For: {}", fmt(&t.favour));
            let _ = writeln!(s, "- Against: {}", fmt(&t.against));
            if !t.neutral.is_empty() {
                let _ = writeln!(s, "- Neutral: {}", fmt(&t.neutral));
            }
            if !t.camps.is_empty() {
                let camps: Vec<String> = t
                    .camps
                    .iter()
                    .map(|(c, f, a)| format!("camp {c}: {f} for, {a} against"))
                    .collect();
                let _ = writeln!(s, "- By camp: {}", camps.join("; "));
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## Stance matrix\n");
    let m = &b.matrix;
    if m.actors.is_empty() {
        let _ = writeln!(s, "_{}_\n", md(&b.matrix_empty_reason));
    } else {
        let _ = writeln!(
            s,
            "Cells: stances for / against / neutral, with mean confidence in brackets.\n"
        );
        let _ = write!(s, "| Actor | Camp |");
        for t in &m.targets {
            let _ = write!(s, " {} |", md(t));
        }
        let _ = write!(s, "\n|---|---|");
        for _ in &m.targets {
            s.push_str("---|");
        }
        s.push('\n');
        for (r, a) in m.actors.iter().enumerate() {
            let camp = if m.actor_camps[r] > 0 {
                m.actor_camps[r].to_string()
            } else {
                "\u{2013}".into()
            };
            let _ = write!(s, "| {} | {camp} |", md(a));
            for cell in &m.cells[r] {
                let _ = write!(s, " {} |", md(&cell.summary()));
            }
            s.push('\n');
        }
        if m.omitted_targets > 0 {
            let _ = writeln!(
                s,
                "\n{} less discussed target(s) left out.",
                m.omitted_targets
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Network\n");
    match (&b.figure, figure_file) {
        (Some(_), Some(f)) => {
            let _ = writeln!(s, "![Actor network]({f})\n");
        }
        (Some(_), None) => {
            let _ = writeln!(s, "The network figure is in the HTML briefing.\n");
        }
        (None, _) => {
            let _ = writeln!(s, "_{}_\n", md(&b.figure_empty_reason));
        }
    }
    let _ = writeln!(s, "## Key actors\n");
    if !empty(&mut s, &b.profiles) {
        for p in &b.profiles.items {
            let _ = writeln!(s, "### {}\n", md(&p.name));
            let _ = writeln!(
                s,
                "- Kind: {}; quoted {} time(s); {} network ties (rank {} by degree){}",
                md(&p.kind),
                p.quotes,
                p.degree,
                p.degree_rank,
                p.camp.map(|c| format!("; camp {c}")).unwrap_or_default()
            );
            if !p.roles.is_empty() {
                let _ = writeln!(s, "- Role: {}", md(&p.roles.join("; ")));
            }
            if !p.members.is_empty() {
                let _ = writeln!(s, "- People and units: {}", md(&p.members.join("; ")));
            }
            if !p.stances.is_empty() {
                let _ = writeln!(s, "- Stances: {}", md(&p.stances.join("; ")));
            }
            if !p.acts.is_empty() {
                let _ = writeln!(s, "- Acts: {}", md(&p.acts.join("; ")));
            }
            if !p.acted_on_by.is_empty() {
                let _ = writeln!(s, "- Acted on by: {}", md(&p.acted_on_by.join("; ")));
            }
            if p.claims.is_empty() {
                let _ = writeln!(s, "- No quotation is attributed to {}.", md(&p.name));
            } else {
                let _ = writeln!(s, "- Main claims:");
                for c in &p.claims {
                    let _ = writeln!(
                        s,
                        "  {}",
                        claim_line(&CitedClaim {
                            speaker: None,
                            ..c.clone()
                        })
                    );
                }
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## Points of agreement\n");
    if !empty(&mut s, &b.agreements) {
        for p in &b.agreements.items {
            let _ = writeln!(s, "- {}", md(&p.sentence));
            for e in &p.evidence {
                let _ = writeln!(s, "  {}", claim_line(e));
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Points of conflict\n");
    if !empty(&mut s, &b.conflicts) {
        for p in &b.conflicts.items {
            let _ = writeln!(s, "- {}", md(&p.sentence));
            for e in &p.evidence {
                let _ = writeln!(s, "  {}", claim_line(e));
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### Actors against more than one target\n");
    if !empty(&mut s, &b.critics) {
        for c in &b.critics.items {
            let _ = writeln!(s, "- {}", md(c));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Claims with no named speaker\n");
    if !empty(&mut s, &b.unattributed) {
        for c in b.unattributed.items.iter().take(UNATTRIBUTED_MAX) {
            let _ = writeln!(s, "{}", claim_line(c));
        }
        if b.unattributed.items.len() > UNATTRIBUTED_MAX {
            let _ = writeln!(
                s,
                "\n{} more claims with no named speaker are not shown.",
                b.unattributed.items.len() - UNATTRIBUTED_MAX
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## How outlets differ in whom they quote\n");
    if !empty(&mut s, &b.outlets) {
        let _ = writeln!(s, "| Outlet | Articles | Quotations | Most quoted | Quoted only here | Stances (for/against/neutral) |\n|---|---|---|---|---|---|");
        for o in &b.outlets.items {
            let top: Vec<String> = o
                .top
                .iter()
                .map(|(a, n, sh)| format!("{} ({n}, {:.0}%)", md(a), sh * 100.0))
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {}/{}/{} |",
                md(&o.outlet),
                o.articles,
                o.quotes,
                top.join(", "),
                md(&o.only_here.join(", ")),
                o.polarity.0,
                o.polarity.1,
                o.polarity.2
            );
        }
        s.push('\n');
    }
    super::timeline::markdown_toc(&s)
}
