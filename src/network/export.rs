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

fn camp_of(n: usize, camps: &[Camp]) -> Vec<i64> {
    let mut v = vec![-1i64; n];
    for (c, camp) in camps.iter().enumerate() {
        for &m in &camp.members {
            v[m] = c as i64;
        }
    }
    v
}

/// The whole analysis as one JSON document.
#[derive(Serialize)]
struct JsonOut<'a> {
    nodes: Vec<JsonNode<'a>>,
    edges: &'a [super::build::Edge],
    components: &'a [Vec<usize>],
    camps: &'a [Camp],
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
    camp: Option<usize>,
}

/// JSON: nodes with measures and camp, typed edges with evidence, components, camps.
pub fn to_json(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_of(net.nodes.len(), camps);
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
                camp: usize::try_from(camp[i]).ok(),
            }
        })
        .collect();
    let out = JsonOut {
        nodes,
        edges: &net.edges,
        components: &m.components,
        camps,
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}

/// GraphML with node attributes (name, kind, measures, camp) and edge attributes
/// (kind, weight, sign, label). Directed and undirected edges are marked per edge.
pub fn to_graphml(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_of(net.nodes.len(), camps);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, for_, ty) in [
        ("label", "node", "string"),
        ("iri", "node", "string"),
        ("kind", "node", "string"),
        ("quotes", "node", "int"),
        ("statements", "node", "int"),
        ("degree", "node", "int"),
        ("weighted_degree", "node", "double"),
        ("pagerank", "node", "double"),
        ("betweenness", "node", "double"),
        ("component", "node", "int"),
        ("camp", "node", "int"),
        ("type", "edge", "string"),
        ("weight", "edge", "double"),
        ("sign", "edge", "int"),
        ("elabel", "edge", "string"),
    ] {
        let name = if id == "elabel" { "label" } else { id };
        s.push_str(&format!(
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("  <graph id=\"actors\" edgedefault=\"undirected\">\n");
    for (i, n) in net.nodes.iter().enumerate() {
        let nm = &m.nodes[i];
        s.push_str(&format!(
            "    <node id=\"n{i}\"><data key=\"label\">{}</data><data key=\"iri\">{}</data><data key=\"kind\">{}</data>\
<data key=\"quotes\">{}</data><data key=\"statements\">{}</data><data key=\"degree\">{}</data>\
<data key=\"weighted_degree\">{}</data><data key=\"pagerank\">{:.6}</data><data key=\"betweenness\">{:.6}</data>\
<data key=\"component\">{}</data><data key=\"camp\">{}</data></node>\n",
            xml_escape(&n.name),
            xml_escape(&n.iri),
            xml_escape(&n.kind),
            n.quotes,
            n.statements,
            nm.degree,
            nm.weighted_degree,
            nm.pagerank,
            nm.betweenness,
            nm.component,
            camp[i]
        ));
    }
    for (k, e) in net.edges.iter().enumerate() {
        s.push_str(&format!(
            "    <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\" directed=\"{}\"><data key=\"type\">{}</data>\
<data key=\"weight\">{}</data><data key=\"sign\">{}</data><data key=\"elabel\">{}</data></edge>\n",
            e.source,
            e.target,
            e.kind.directed(),
            e.kind.name(),
            e.weight,
            e.sign,
            xml_escape(&e.label)
        ));
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// GEXF 1.3 for Gephi, with node and edge attributes. Gephi merges parallel edges
/// of one pair unless they have distinct `kind`s, so each typed edge carries its kind.
pub fn to_gexf(net: &Network, m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_of(net.nodes.len(), camps);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n\
  <meta><creator>stancegraph</creator><description>actor network</description></meta>\n\
  <graph defaultedgetype=\"undirected\" mode=\"static\">\n\
    <attributes class=\"node\">\n\
      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n\
      <attribute id=\"1\" title=\"degree\" type=\"integer\"/>\n\
      <attribute id=\"2\" title=\"pagerank\" type=\"double\"/>\n\
      <attribute id=\"3\" title=\"betweenness\" type=\"double\"/>\n\
      <attribute id=\"4\" title=\"camp\" type=\"integer\"/>\n\
      <attribute id=\"5\" title=\"quotes\" type=\"integer\"/>\n\
      <attribute id=\"6\" title=\"iri\" type=\"string\"/>\n\
    </attributes>\n\
    <attributes class=\"edge\">\n\
      <attribute id=\"0\" title=\"type\" type=\"string\"/>\n\
      <attribute id=\"1\" title=\"sign\" type=\"integer\"/>\n\
    </attributes>\n    <nodes>\n",
    );
    for (i, n) in net.nodes.iter().enumerate() {
        let nm = &m.nodes[i];
        s.push_str(&format!(
            "      <node id=\"n{i}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/>\
<attvalue for=\"1\" value=\"{}\"/><attvalue for=\"2\" value=\"{:.6}\"/><attvalue for=\"3\" value=\"{:.6}\"/>\
<attvalue for=\"4\" value=\"{}\"/><attvalue for=\"5\" value=\"{}\"/><attvalue for=\"6\" value=\"{}\"/></attvalues></node>\n",
            xml_escape(&n.name),
            xml_escape(&n.kind),
            nm.degree,
            nm.pagerank,
            nm.betweenness,
            camp[i],
            n.quotes,
            xml_escape(&n.iri)
        ));
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (k, e) in net.edges.iter().enumerate() {
        s.push_str(&format!(
            "      <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\" type=\"{}\" kind=\"{}\" weight=\"{}\" label=\"{}\">\
<attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/></attvalues></edge>\n",
            e.source,
            e.target,
            if e.kind.directed() { "directed" } else { "undirected" },
            e.kind.name(),
            e.weight,
            xml_escape(&e.label),
            e.kind.name(),
            e.sign
        ));
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// Graphviz DOT (a `digraph`; undirected kinds are drawn without arrowheads).
pub fn to_dot(net: &Network, _m: &Measures, camps: &[Camp]) -> String {
    let camp = camp_of(net.nodes.len(), camps);
    let mut s = String::from("digraph actors {\n  graph [overlap=false, splines=true];\n  node [shape=box, style=rounded];\n");
    for (i, n) in net.nodes.iter().enumerate() {
        s.push_str(&format!(
            "  n{i} [label=\"{}\", kind=\"{}\", camp={}];\n",
            dot_escape(&n.name),
            dot_escape(&n.kind),
            camp[i]
        ));
    }
    for e in &net.edges {
        let color = super::EDGE_COLOURS
            .iter()
            .find(|(k, _)| *k == e.kind)
            .map(|(_, c)| *c)
            .unwrap_or("#888888");
        s.push_str(&format!(
            "  n{} -> n{} [type=\"{}\", label=\"{}\", weight={}, color=\"{}\"{}];\n",
            e.source,
            e.target,
            e.kind.name(),
            dot_escape(&e.label),
            e.weight,
            color,
            if e.kind.directed() { "" } else { ", dir=none" }
        ));
    }
    s.push_str("}\n");
    s
}
