//! Network exports: JSON, GraphML, GEXF (Gephi) and Graphviz DOT.

use super::build::Network;
use super::camps::Camp;
use super::measures::Measures;
use serde::Serialize;

/// Escapes text for XML attribute values and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters not allowed in XML 1.0 are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

/// Camp numbers of the nodes: 1, 2, ... as in the briefing and the `network` text;
/// 0 for an actor in no camp. One numbering in every export.
pub fn camp_numbers(n: usize, camps: &[Camp]) -> Vec<usize> {
    let mut v = vec![0usize; n];
    for (c, camp) in camps.iter().enumerate() {
        for &m in &camp.members {
            v[m] = c + 1;
        }
    }
    v
}

/// The evidence behind an edge as one line of text: `speaker: “text” (citation) | ...`.
pub fn evidence_text(e: &super::build::Edge) -> String {
    e.evidence
        .iter()
        .map(|ev| {
            let who = ev
                .speaker
                .as_deref()
                .map(|s| format!("{s}: "))
                .unwrap_or_default();
            if ev.verbatim {
                format!("{who}\u{201c}{}\u{201d} ({})", ev.text, ev.citation)
            } else {
                format!("{who}{} ({})", ev.text, ev.citation)
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The whole analysis as one JSON document.
#[derive(Serialize)]
struct JsonOut<'a> {
    nodes: Vec<JsonNode<'a>>,
    edges: &'a [super::build::Edge],
    components: &'a [Vec<usize>],
    camps: Vec<JsonCamp<'a>>,
}

#[derive(Serialize)]
struct JsonCamp<'a> {
    /// 1-based, as everywhere else.
    number: usize,
    #[serde(flatten)]
    camp: &'a Camp,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: usize,
    iri: &'a str,
    name: &'a str,
    kind: &'a str,
    quotes: usize,
    statements: usize,
    degree: usize,
    weighted_degree: f64,
    pagerank: f64,
    betweenness: f64,
    component: usize,
    /// 1-based camp number; absent (null) for an actor in no camp.
    camp: Option<usize>,
}

/// JSON: nodes with measures and camp, typed edges with evidence, components, camps.
pub fn to_json(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_numbers(net.nodes.len(), camps);
    let nodes = net
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let nm = &m.nodes[i];
            JsonNode {
                id: i,
                iri: &n.iri,
                name: &n.name,
                kind: &n.kind,
                quotes: n.quotes,
                statements: n.statements,
                degree: nm.degree,
                weighted_degree: nm.weighted_degree,
                pagerank: nm.pagerank,
                betweenness: nm.betweenness,
                component: nm.component,
                camp: (camp[i] > 0).then_some(camp[i]),
            }
        })
        .collect();
    let out = JsonOut {
        nodes,
        edges: &net.edges,
        components: &m.components,
        camps: camps
            .iter()
            .enumerate()
            .map(|(c, camp)| JsonCamp {
                number: c + 1,
                camp,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}

/// Node attributes of the GraphML and GEXF exports: (name, GraphML type, GEXF type).
const NODE_ATTRS: [(&str, &str, &str); 10] = [
    ("iri", "string", "string"),
    ("kind", "string", "string"),
    ("quotes", "int", "integer"),
    ("statements", "int", "integer"),
    ("degree", "int", "integer"),
    ("weighted_degree", "double", "double"),
    ("pagerank", "double", "double"),
    ("betweenness", "double", "double"),
    ("component", "int", "integer"),
    ("camp", "int", "integer"),
];

/// Edge attributes besides weight and label: (name, GraphML type, GEXF type).
const EDGE_ATTRS: [(&str, &str, &str); 6] = [
    ("kind", "string", "string"),
    ("sign", "int", "integer"),
    ("directed", "boolean", "boolean"),
    ("targets", "string", "string"),
    ("evidence_count", "int", "integer"),
    ("evidence", "string", "string"),
];

fn node_values(net: &Network, m: &Measures, camp: &[usize], i: usize) -> [String; 10] {
    let (n, nm) = (&net.nodes[i], &m.nodes[i]);
    [
        n.iri.clone(),
        n.kind.clone(),
        n.quotes.to_string(),
        n.statements.to_string(),
        nm.degree.to_string(),
        nm.weighted_degree.to_string(),
        format!("{:.6}", nm.pagerank),
        format!("{:.6}", nm.betweenness),
        nm.component.to_string(),
        camp[i].to_string(),
    ]
}

fn edge_values(e: &super::build::Edge) -> [String; 6] {
    [
        e.kind.name().to_string(),
        e.sign.to_string(),
        e.kind.directed().to_string(),
        e.targets.join("; "),
        e.evidence.len().to_string(),
        evidence_text(e),
    ]
}

/// GraphML for networkx (2.8 and later), Cytoscape, yEd and Gephi. The graph is
/// declared directed and every edge follows its source -> target order; kinds without
/// a meaningful direction (co-quotation, congruence, conflict) carry `directed=false`.
/// Parallel edges of different kinds are kept (networkx reads a MultiDiGraph).
/// Node attributes: label, iri, kind, quotes, statements, degree, weighted_degree,
/// pagerank, betweenness, component, camp (1-based, 0 = none); edge attributes: kind,
/// weight, sign, label, directed, targets, evidence_count, evidence.
pub fn to_graphml(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_numbers(net.nodes.len(), camps);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    s.push_str("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    for (name, ty, _) in NODE_ATTRS {
        s.push_str(&format!(
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
    s.push_str("  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n");
    for (name, ty, _) in EDGE_ATTRS {
        s.push_str(&format!(
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("  <graph id=\"actors\" edgedefault=\"directed\">\n");
    for (i, n) in net.nodes.iter().enumerate() {
        s.push_str(&format!(
            "    <node id=\"n{i}\"><data key=\"label\">{}</data>",
            xml_escape(&n.name)
        ));
        for ((name, _, _), v) in NODE_ATTRS.iter().zip(node_values(net, m, &camp, i)) {
            s.push_str(&format!("<data key=\"n_{name}\">{}</data>", xml_escape(&v)));
        }
        s.push_str("</node>\n");
    }
    for (k, e) in net.edges.iter().enumerate() {
        s.push_str(&format!(
            "    <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\"><data key=\"weight\">{}</data><data key=\"e_label\">{}</data>",
            e.source,
            e.target,
            e.weight,
            xml_escape(&e.label)
        ));
        for ((name, _, _), v) in EDGE_ATTRS.iter().zip(edge_values(e)) {
            s.push_str(&format!("<data key=\"e_{name}\">{}</data>", xml_escape(&v)));
        }
        s.push_str("</edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// GEXF 1.2 (read by Gephi and by networkx 2.8 and later) with every node and edge
/// attribute of [`to_graphml`], and Gephi's `viz` colour (by camp) and size (by degree).
/// Declared directed like the GraphML; symmetric kinds carry `directed=false`.
pub fn to_gexf(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_numbers(net.nodes.len(), camps);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" \
xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n\
  <meta><creator>stancegraph</creator><description>actor network (camps numbered from 1; 0 = no camp)</description></meta>\n\
  <graph defaultedgetype=\"directed\" mode=\"static\">\n    <attributes class=\"node\">\n",
    );
    for (k, (name, _, ty)) in NODE_ATTRS.iter().enumerate() {
        s.push_str(&format!(
            "      <attribute id=\"{k}\" title=\"{name}\" type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (k, (name, _, ty)) in EDGE_ATTRS.iter().enumerate() {
        s.push_str(&format!(
            "      <attribute id=\"{k}\" title=\"{name}\" type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for (i, n) in net.nodes.iter().enumerate() {
        s.push_str(&format!(
            "      <node id=\"n{i}\" label=\"{}\"><attvalues>",
            xml_escape(&n.name)
        ));
        for (k, v) in node_values(net, m, &camp, i).iter().enumerate() {
            s.push_str(&format!(
                "<attvalue for=\"{k}\" value=\"{}\"/>",
                xml_escape(v)
            ));
        }
        let colour = crate::report::svg::camp_colour(camp[i].checked_sub(1));
        let (r, g, b) = rgb(colour);
        let size = 5.0 + 2.0 * (m.nodes[i].degree as f64).sqrt();
        s.push_str(&format!(
            "</attvalues><viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/><viz:size value=\"{size:.1}\"/></node>\n"
        ));
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (k, e) in net.edges.iter().enumerate() {
        s.push_str(&format!(
            "      <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\" weight=\"{}\" label=\"{}\"><attvalues>",
            e.source,
            e.target,
            e.weight,
            xml_escape(&e.label)
        ));
        for (j, v) in edge_values(e).iter().enumerate() {
            s.push_str(&format!(
                "<attvalue for=\"{j}\" value=\"{}\"/>",
                xml_escape(v)
            ));
        }
        s.push_str("</attvalues></edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// `#rrggbb` as three bytes (grey when unparsable).
fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| {
        h.get(i..i + 2)
            .and_then(|x| u8::from_str_radix(x, 16).ok())
            .unwrap_or(136)
    };
    (p(0), p(2), p(4))
}

/// Graphviz DOT laid out for `sfdp` (or `neato`): `dot -Ksfdp -Tsvg actors.dot`.
/// Nodes are filled by camp and sized by degree; edges are coloured by kind and
/// thickened by weight; co-quotation edges (the most numerous) are drawn faint and
/// do not pull the layout. Symmetric kinds have no arrowheads.
pub fn to_dot(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_numbers(net.nodes.len(), camps);
    let mut s = String::from(
        "digraph actors {\n  graph [layout=sfdp, overlap=prism, overlap_scaling=3, sep=\"+8\", \
splines=true, K=1.4, repulsiveforce=1.5, outputorder=edgesfirst, pad=0.3, \
fontname=\"Helvetica\", label=\"Actor network (colour: camp; size: degree)\", labelloc=t];\n  \
node [shape=ellipse, style=filled, fontname=\"Helvetica\", fontsize=11, penwidth=0.6, color=\"#555555\"];\n  \
edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n",
    );
    for (i, n) in net.nodes.iter().enumerate() {
        let fill = crate::report::svg::camp_colour(camp[i].checked_sub(1));
        let w = 0.4 + 0.12 * (m.nodes[i].degree as f64).sqrt();
        s.push_str(&format!(
            "  n{i} [label=\"{}\", fillcolor=\"{fill}\", width={w:.2}, height={:.2}, fontsize={}, kind=\"{}\", camp={}];\n",
            dot_escape(&n.name),
            w * 0.6,
            9 + (m.nodes[i].degree.min(16) / 4),
            dot_escape(&n.kind),
            camp[i]
        ));
    }
    for e in &net.edges {
        let color = super::edge_colour(e.kind);
        let faint = e.kind == super::build::EdgeKind::CoQuotation;
        let pen = if faint {
            0.4
        } else {
            (0.8 + e.weight.ln_1p()).min(4.0)
        };
        s.push_str(&format!(
            "  n{} -> n{} [type=\"{}\", tooltip=\"{}\", weight={}, color=\"{}{}\", penwidth={pen:.2}{}];\n",
            e.source,
            e.target,
            e.kind.name(),
            dot_escape(&e.label),
            if faint { 0.0 } else { e.weight },
            color,
            if faint { "55" } else { "" },
            if e.kind.directed() { "" } else { ", dir=none" }
        ));
    }
    s.push_str("}\n");
    s
}

/// A CSV cell safe to open in a spreadsheet: text starting with `=`, `+`, `@` or a
/// control character gets a leading apostrophe so it is never run as a formula.
fn sheet_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_text(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(vec![]);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| sheet_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The stance matrix as CSV: one row per actor holding a stance (actor, kind, camp,
/// statements), then one column per target with the net position in statements:
/// +N for N more in favour than against, -N for more against, 0 for balanced or
/// neutral only, empty for no stance.
pub fn stance_matrix_csv(a: &super::Analysis) -> String {
    use crate::extraction::Polarity;
    let d = &a.data;
    let camp = camp_numbers(a.network.nodes.len(), &a.camps);
    let mut targets: Vec<(&str, &str)> = d
        .targets
        .values()
        .map(|t| (t.iri.as_str(), t.label.as_str()))
        .collect();
    targets.sort_by(|x, y| x.1.cmp(y.1).then(x.0.cmp(y.0)));
    let mut cells: std::collections::BTreeMap<(&str, &str), (i64, usize)> = Default::default();
    for s in &d.stances {
        let c = cells
            .entry((s.holder.as_str(), s.target.as_str()))
            .or_default();
        c.0 += match s.polarity {
            Polarity::Favour => 1,
            Polarity::Against => -1,
            _ => 0,
        };
        c.1 += 1;
    }
    let mut holders: Vec<&str> = d.stances.iter().map(|s| s.holder.as_str()).collect();
    holders.sort_by_key(|h| (d.actor_name(h).to_lowercase(), h.to_string()));
    holders.dedup();
    let mut rows = vec![];
    let mut head = vec![
        "actor".to_string(),
        "kind".into(),
        "camp".into(),
        "statements".into(),
    ];
    head.extend(targets.iter().map(|(_, l)| l.to_string()));
    rows.push(head);
    for h in holders {
        let node = a.network.find(h);
        let mut r = vec![
            d.actor_name(h).to_string(),
            d.actors.get(h).map_or("unknown".into(), |x| x.kind.clone()),
            node.map_or(0, |i| camp[i]).to_string(),
            d.stances
                .iter()
                .filter(|s| s.holder == h)
                .count()
                .to_string(),
        ];
        for (t, _) in &targets {
            r.push(cells.get(&(h, *t)).map_or(String::new(), |(net, _)| {
                if *net > 0 {
                    format!("+{net}")
                } else {
                    net.to_string()
                }
            }));
        }
        rows.push(r);
    }
    csv_text(rows)
}

/// Who said what, with stance, as CSV: one row per quotation and target it takes a
/// stance on (a quotation without a stance has one row with empty target): article,
/// outlet, headline, date, url, paragraph (as a reader counts it), speaker, speaker
/// kind, camp, quote kind, cue, text, target, stance, confidence.
pub fn claims_csv(a: &super::Analysis) -> String {
    let d = &a.data;
    let camp = camp_numbers(a.network.nodes.len(), &a.camps);
    let mut rows = vec![[
        "article",
        "outlet",
        "headline",
        "date",
        "url",
        "paragraph",
        "speaker",
        "speaker_kind",
        "camp",
        "quote_kind",
        "cue",
        "text",
        "target",
        "stance",
        "confidence",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for q in &d.quotes {
        let art = d.article(&q.article);
        let speaker = q.speaker.as_deref();
        let base = vec![
            art.map_or(String::new(), |x| x.id.clone()),
            art.and_then(|x| x.outlet.clone()).unwrap_or_default(),
            art.and_then(|x| x.headline.clone()).unwrap_or_default(),
            art.and_then(|x| x.date.clone()).unwrap_or_default(),
            art.and_then(|x| x.url.clone()).unwrap_or_default(),
            q.paragraph
                .and_then(|p| d.paragraph_number(&q.article, p))
                .map_or(String::new(), |n| n.to_string()),
            speaker.map_or(String::new(), |s| d.actor_name(s).to_string()),
            speaker
                .and_then(|s| d.actors.get(s))
                .map_or(String::new(), |x| x.kind.clone()),
            speaker
                .and_then(|s| a.network.find(s))
                .map_or(String::new(), |i| camp[i].to_string()),
            q.kind.clone(),
            q.cue.clone().unwrap_or_default(),
            q.text.clone(),
        ];
        let stances: Vec<_> = d
            .stances
            .iter()
            .filter(|s| s.claim.is_some() && s.claim == q.claim)
            .collect();
        if stances.is_empty() {
            let mut r = base.clone();
            r.extend([String::new(), String::new(), String::new()]);
            rows.push(r);
        }
        for s in stances {
            let mut r = base.clone();
            r.push(d.target_label(&s.target).to_string());
            r.push(format!("{:?}", s.polarity).to_lowercase());
            r.push(format!("{:.3}", s.confidence));
            rows.push(r);
        }
    }
    csv_text(rows)
}
