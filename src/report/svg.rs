//! The network figure: a deterministic force-directed layout drawn as inline SVG,
//! with labels kept apart, edges coloured by type and a legend.

use super::escape::xml;
use crate::network::{edge_colour, Analysis, EdgeKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Fill colours of camps 1, 2, ... (actors outside camps are grey).
pub const CAMP_COLOURS: [&str; 8] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f",
];
const NO_CAMP: &str = "#c7c7c7";
const W: f64 = 1100.0;
const H: f64 = 720.0;
const MARGIN: f64 = 40.0;
const FONT: f64 = 12.0;
/// Minimum gap between two node-and-label boxes.
const PAD: f64 = 12.0;

/// The fill colour of camp `c` (0-based), or grey for none.
pub fn camp_colour(c: Option<usize>) -> &'static str {
    c.map(|c| CAMP_COLOURS[c % CAMP_COLOURS.len()])
        .unwrap_or(NO_CAMP)
}

/// Estimated width of a label in pixels.
fn label_width(s: &str) -> f64 {
    s.chars().count() as f64 * FONT * 0.58 + 6.0
}

/// Positions of `n` nodes in [0, W] x [0, H], from a seeded circle and
/// Fruchterman-Reingold iterations (no randomness), then label de-overlap.
pub fn layout(
    n: usize,
    edges: &[(usize, usize, f64)],
    labels: &[String],
    radii: &[f64],
) -> Vec<(f64, f64)> {
    if n == 0 {
        return vec![];
    }
    if n == 1 {
        return vec![(W / 2.0, H / 2.0)];
    }
    let (cx, cy) = (W / 2.0, H / 2.0);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (cx + 0.35 * W * a.cos(), cy + 0.35 * H * a.sin())
        })
        .collect();
    let k = ((W * H) / n as f64).sqrt() * 0.75;
    let iterations = 500;
    for it in 0..iterations {
        let temp = (W / 8.0) * (1.0 - it as f64 / iterations as f64) + 0.5;
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let dist = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / dist;
                let (ux, uy) = (dx / dist, dy / dist);
                disp[i].0 += ux * f;
                disp[i].1 += uy * f;
                disp[j].0 -= ux * f;
                disp[j].1 -= uy * f;
            }
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let dist = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = dist * dist / k * (1.0 + 0.5 * w.ln_1p()) * 0.35;
            let (ux, uy) = (dx / dist, dy / dist);
            disp[a].0 -= ux * f;
            disp[a].1 -= uy * f;
            disp[b].0 += ux * f;
            disp[b].1 += uy * f;
        }
        for i in 0..n {
            // Gravity keeps separate components on the canvas.
            disp[i].0 += (cx - pos[i].0) * 0.02 * k / 10.0;
            disp[i].1 += (cy - pos[i].1) * 0.02 * k / 10.0;
            let len = (disp[i].0.powi(2) + disp[i].1.powi(2)).sqrt().max(0.01);
            let step = len.min(temp);
            pos[i].0 += disp[i].0 / len * step;
            pos[i].1 += disp[i].1 / len * step;
        }
    }
    // Spread the dense core and pull in the periphery: distances from the centroid
    // are compressed (r -> r^0.6) before fitting to the canvas.
    let (mx, my) = (
        pos.iter().map(|p| p.0).sum::<f64>() / n as f64,
        pos.iter().map(|p| p.1).sum::<f64>() / n as f64,
    );
    for p in pos.iter_mut() {
        let (dx, dy) = (p.0 - mx, p.1 - my);
        let r = (dx * dx + dy * dy).sqrt();
        if r > 1e-9 {
            let f = r.powf(0.6) / r;
            *p = (mx + dx * f, my + dy * f);
        }
    }
    fit(&mut pos, labels, radii);
    separate(&mut pos, labels, radii);
    pos
}

/// Scales positions into the canvas, leaving room for labels.
fn fit(pos: &mut [(f64, f64)], labels: &[String], radii: &[f64]) {
    let (mut minx, mut maxx, mut miny, mut maxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in pos.iter() {
        minx = minx.min(p.0);
        maxx = maxx.max(p.0);
        miny = miny.min(p.1);
        maxy = maxy.max(p.1);
    }
    let half_label = labels
        .iter()
        .map(|l| label_width(l) / 2.0)
        .fold(0.0, f64::max)
        .min(120.0);
    let rmax = radii.iter().copied().fold(0.0, f64::max);
    let (x0, x1) = (MARGIN + half_label, W - MARGIN - half_label);
    let (y0, y1) = (MARGIN + rmax, H - MARGIN - rmax - FONT * 1.6);
    let sx = if maxx > minx {
        (x1 - x0) / (maxx - minx)
    } else {
        0.0
    };
    let sy = if maxy > miny {
        (y1 - y0) / (maxy - miny)
    } else {
        0.0
    };
    for p in pos.iter_mut() {
        p.0 = if sx > 0.0 {
            x0 + (p.0 - minx) * sx
        } else {
            W / 2.0
        };
        p.1 = if sy > 0.0 {
            y0 + (p.1 - miny) * sy
        } else {
            H / 2.0
        };
    }
}

/// The box a node and its label (drawn below it) occupy.
fn node_box(p: (f64, f64), label: &str, r: f64) -> (f64, f64, f64, f64) {
    let w = label_width(label).max(2.0 * r);
    (p.0 - w / 2.0, p.1 - r, p.0 + w / 2.0, p.1 + r + FONT * 1.5)
}

/// Pushes nodes apart until no node-plus-label boxes overlap (or iterations run out).
fn separate(pos: &mut [(f64, f64)], labels: &[String], radii: &[f64]) {
    let n = pos.len();
    for _ in 0..400 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let a = node_box(pos[i], &labels[i], radii[i]);
                let b = node_box(pos[j], &labels[j], radii[j]);
                let ox = a.2.min(b.2) - a.0.max(b.0);
                let oy = a.3.min(b.3) - a.1.max(b.1);
                if ox > -PAD && oy > -PAD {
                    moved = true;
                    // Separate along the axis of least overlap.
                    if ox < oy {
                        let s = if pos[i].0 <= pos[j].0 { -1.0 } else { 1.0 };
                        let d = (ox + PAD + 1.0) / 2.0;
                        pos[i].0 += s * d;
                        pos[j].0 -= s * d;
                    } else {
                        let s = if pos[i].1 <= pos[j].1 { -1.0 } else { 1.0 };
                        let d = (oy + PAD + 1.0) / 2.0;
                        pos[i].1 += s * d;
                        pos[j].1 -= s * d;
                    }
                }
            }
        }
        for (i, p) in pos.iter_mut().enumerate() {
            let hw = label_width(&labels[i]).max(2.0 * radii[i]) / 2.0;
            p.0 = p.0.clamp(MARGIN / 2.0 + hw, W - MARGIN / 2.0 - hw);
            p.1 = p.1.clamp(
                MARGIN / 2.0 + radii[i],
                H - MARGIN / 2.0 - radii[i] - FONT * 1.5,
            );
        }
        if !moved {
            break;
        }
    }
}

/// The network figure of the `max_actors` best connected actors as an SVG element.
pub fn network_svg(a: &Analysis, max_actors: usize) -> String {
    let net = &a.network;
    let order = a.measures.by_degree();
    let mut chosen: Vec<usize> = order.into_iter().take(max_actors.max(1)).collect();
    // Order on the seed circle by camp, then name, so camps start together.
    chosen.sort_by(|&x, &y| {
        (a.camp_of(x).unwrap_or(usize::MAX), &net.nodes[x].name)
            .cmp(&(a.camp_of(y).unwrap_or(usize::MAX), &net.nodes[y].name))
    });
    let slot: BTreeMap<usize, usize> = chosen.iter().enumerate().map(|(s, &i)| (i, s)).collect();
    // Aggregate typed edges per (pair, kind).
    let mut agg: BTreeMap<(usize, usize, EdgeKind), (f64, bool, String)> = BTreeMap::new();
    for e in &net.edges {
        let (Some(&sa), Some(&sb)) = (slot.get(&e.source), slot.get(&e.target)) else {
            continue;
        };
        let key = (sa.min(sb), sa.max(sb), e.kind);
        let entry = agg.entry(key).or_insert((0.0, sa > sb, String::new()));
        entry.0 += e.weight;
        if entry.2.is_empty() {
            entry.2 = e.label.clone();
        }
    }
    // Co-quotation is only drawn where the pair has no other tie (it would clutter the figure).
    let tied: std::collections::BTreeSet<(usize, usize)> = agg
        .keys()
        .filter(|(_, _, k)| *k != EdgeKind::CoQuotation)
        .map(|&(x, y, _)| (x, y))
        .collect();
    agg.retain(|&(x, y, k), _| k != EdgeKind::CoQuotation || !tied.contains(&(x, y)));
    let mut pair_w: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (&(x, y, kind), &(w, _, _)) in &agg {
        if kind != EdgeKind::CoQuotation {
            *pair_w.entry((x, y)).or_default() += w;
        } else {
            pair_w.entry((x, y)).or_insert(0.0);
        }
    }
    let simple: Vec<(usize, usize, f64)> = pair_w.iter().map(|(&(x, y), &w)| (x, y, w)).collect();
    let labels: Vec<String> = chosen.iter().map(|&i| net.nodes[i].name.clone()).collect();
    let radii: Vec<f64> = chosen
        .iter()
        .map(|&i| 5.0 + 2.2 * (a.measures.nodes[i].degree as f64).sqrt())
        .collect();
    let pos = layout(chosen.len(), &simple, &labels, &radii);

    let kinds_present: Vec<EdgeKind> = EdgeKind::ALL
        .into_iter()
        .filter(|k| agg.keys().any(|(_, _, kk)| kk == k))
        .collect();
    let camps_shown: Vec<usize> = (0..a.camps.len())
        .filter(|&c| chosen.iter().any(|&i| a.camp_of(i) == Some(c)))
        .collect();
    let legend_rows = kinds_present.len().max(camps_shown.len() + 1);
    let legend_h = 44.0 + legend_rows as f64 * 20.0;
    let total_h = H + legend_h;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {total_h}\" width=\"{W}\" height=\"{total_h}\" \
role=\"img\" aria-labelledby=\"netfig-title\" class=\"network-figure\" font-family=\"Helvetica, Arial, sans-serif\">\n\
<title id=\"netfig-title\">Actor network: {} actors, edges coloured by type</title>\n<defs>\n",
        chosen.len()
    );
    for k in &kinds_present {
        if k.directed() {
            let _ = writeln!(
                s,
                "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
                k.name(),
                edge_colour(*k)
            );
        }
    }
    let _ = writeln!(
        s,
        "</defs>\n<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{total_h}\" fill=\"#ffffff\"/>"
    );
    // Edges: parallel kinds between one pair are drawn as spread curves.
    let mut per_pair: BTreeMap<(usize, usize), Vec<EdgeKind>> = BTreeMap::new();
    for &(x, y, k) in agg.keys() {
        per_pair.entry((x, y)).or_default().push(k);
    }
    let _ = writeln!(s, "<g class=\"edges\" fill=\"none\">");
    for (&(x, y), kinds) in &per_pair {
        let m = kinds.len() as f64;
        for (j, k) in kinds.iter().enumerate() {
            let (w, reversed, label) = &agg[&(x, y, *k)];
            let (from, to) = if *reversed { (y, x) } else { (x, y) };
            let (p0, p1) = (pos[from], pos[to]);
            let (dx, dy) = (p1.0 - p0.0, p1.1 - p0.1);
            let len = (dx * dx + dy * dy).sqrt().max(0.01);
            let (nx, ny) = (-dy / len, dx / len);
            let off = (j as f64 - (m - 1.0) / 2.0) * 16.0 * if from == x { 1.0 } else { -1.0 };
            let c = (
                (p0.0 + p1.0) / 2.0 + nx * off,
                (p0.1 + p1.1) / 2.0 + ny * off,
            );
            // Stop at the node circles.
            let trim = |p: (f64, f64), r: f64| {
                let (vx, vy) = (c.0 - p.0, c.1 - p.1);
                let l = (vx * vx + vy * vy).sqrt().max(0.01);
                (p.0 + vx / l * r, p.1 + vy / l * r)
            };
            let a0 = trim(p0, radii[from] + 1.0);
            let a1 = trim(p1, radii[to] + 2.0);
            let width = (1.0 + w.ln_1p() * 1.2).min(6.0);
            let dash = if *k == EdgeKind::CoQuotation {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            let marker = if k.directed() {
                format!(" marker-end=\"url(#arrow-{})\"", k.name())
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<path d=\"M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}\" stroke=\"{}\" stroke-width=\"{width:.1}\" stroke-opacity=\"0.8\"{dash}{marker}><title>{} \u{2192} {}: {} {} (weight {})</title></path>",
                a0.0, a0.1, c.0, c.1, a1.0, a1.1,
                edge_colour(*k),
                xml(&labels[from]),
                xml(&labels[to]),
                k.name(),
                xml(label),
                w
            );
        }
    }
    let _ = writeln!(s, "</g>\n<g class=\"nodes\">");
    for (slot, &i) in chosen.iter().enumerate() {
        let (x, y) = pos[slot];
        let nm = &a.measures.nodes[i];
        let _ = writeln!(
            s,
            "<g class=\"node\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"{}\" stroke=\"#333333\" stroke-width=\"1\"><title>{} ({}): degree {}, PageRank {:.3}</title></circle>\
<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{FONT}\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            radii[slot],
            camp_colour(a.camp_of(i)),
            xml(&labels[slot]),
            xml(&net.nodes[i].kind),
            nm.degree,
            nm.pagerank,
            y + radii[slot] + FONT + 1.0,
            xml(&labels[slot])
        );
    }
    let _ = writeln!(s, "</g>");
    // Legend.
    let ly = H + 10.0;
    let _ = writeln!(
        s,
        "<g class=\"legend\" font-size=\"12\"><rect x=\"10\" y=\"{ly}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" stroke=\"#cccccc\"/>\
<text x=\"20\" y=\"{}\" font-weight=\"bold\">Edges</text><text x=\"{}\" y=\"{}\" font-weight=\"bold\">Node colour: camp (size: degree)</text>",
        W - 20.0,
        legend_h - 16.0,
        ly + 17.0,
        W / 2.0,
        ly + 17.0
    );
    for (r, k) in kinds_present.iter().enumerate() {
        let y = ly + 34.0 + r as f64 * 20.0;
        let dash = if *k == EdgeKind::CoQuotation {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<line x1=\"20\" y1=\"{:.1}\" x2=\"60\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"3\"{dash}/><text x=\"70\" y=\"{:.1}\">{}: {}{}</text>",
            y - 4.0,
            y - 4.0,
            edge_colour(*k),
            y,
            k.name(),
            xml(k.description()),
            match (k.directed(), *k == EdgeKind::CoQuotation) {
                (true, _) => " (arrow)",
                (_, true) => " (drawn only where no other tie)",
                _ => "",
            }
        );
    }
    for (r, &c) in camps_shown.iter().enumerate() {
        let y = ly + 34.0 + r as f64 * 20.0;
        let names = a.camp_names(c);
        // As many names as fit in the legend's half width.
        let budget = ((W / 2.0 - 60.0) / (FONT * 0.55)) as usize;
        let mut text = String::new();
        let mut shown = 0;
        for nm in &names {
            let more = names.len() - shown - 1;
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let sep = if shown == 0 { "" } else { ", " };
            if text.chars().count() + sep.len() + nm.chars().count() + tail.len() > budget
                && shown > 0
            {
                break;
            }
            text.push_str(sep);
            text.push_str(nm);
            shown += 1;
        }
        if shown < names.len() {
            text.push_str(&format!(" and {} more", names.len() - shown));
        }
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"{}\" stroke=\"#333333\"/><text x=\"{:.1}\" y=\"{:.1}\">Camp {}: {}</text>",
            W / 2.0 + 8.0,
            y - 4.0,
            camp_colour(Some(c)),
            W / 2.0 + 22.0,
            y,
            c + 1,
            xml(&text)
        );
    }
    let y = ly + 34.0 + camps_shown.len() as f64 * 20.0;
    let _ = writeln!(
        s,
        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"{NO_CAMP}\" stroke=\"#333333\"/><text x=\"{:.1}\" y=\"{:.1}\">in no camp</text></g>\n</svg>",
        W / 2.0 + 8.0,
        y - 4.0,
        W / 2.0 + 22.0,
        y
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_deterministic_and_labels_do_not_overlap() {
        let labels: Vec<String> = (0..12).map(|i| format!("Actor number {i}")).collect();
        let radii = vec![8.0; 12];
        let edges: Vec<(usize, usize, f64)> = (0..11).map(|i| (i, i + 1, 1.0)).collect();
        let a = layout(12, &edges, &labels, &radii);
        let b = layout(12, &edges, &labels, &radii);
        assert_eq!(a, b);
        for i in 0..12 {
            for j in (i + 1)..12 {
                let x = node_box(a[i], &labels[i], radii[i]);
                let y = node_box(a[j], &labels[j], radii[j]);
                let overlap = x.2.min(y.2) > x.0.max(y.0) && x.3.min(y.3) > x.1.max(y.1);
                assert!(!overlap, "labels {i} and {j} overlap");
            }
            assert!(a[i].0 > 0.0 && a[i].0 < W && a[i].1 > 0.0 && a[i].1 < H);
        }
    }
}
