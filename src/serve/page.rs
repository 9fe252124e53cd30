//! The query page at `/`: YASGUI (vendored in `web/yasgui/`, embedded in the binary)
//! with the canned queries one click away, and the endpoint's limits and formats.

use super::negotiate;
use super::ServeConfig;
use crate::query::CANNED;
use crate::rdf::vocab::SPARQL_PREFIXES;
use crate::report::escape::xml as html;

/// YASGUI's JavaScript bundle (see `web/yasgui/README.md`).
pub const YASGUI_JS: &[u8] = include_bytes!("../../web/yasgui/yasgui.min.js");
/// YASGUI's style sheet.
pub const YASGUI_CSS: &[u8] = include_bytes!("../../web/yasgui/yasgui.min.css");
/// The page's own script.
pub const PAGE_JS: &str = include_str!("../../web/page.js");

/// The query shown when the page opens.
pub fn default_query() -> String {
    format!(
        "{SPARQL_PREFIXES}\n# Who said what: speakers and their claims\nSELECT ?speaker ?claim ?doc WHERE {{\n  ?q a schema:Quotation ;\n     schema:spokenByCharacter/schema:name ?speaker ;\n     sg:conveys/schema:text ?claim ;\n     schema:isPartOf/sg:documentId ?doc .\n}}\nLIMIT 50\n"
    )
}

/// JSON for a `<script type="application/json">` block: `<` is escaped so the text
/// can never close the element.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

/// The HTML of `/`.
pub fn index(c: &ServeConfig) -> String {
    let canned: Vec<serde_json::Value> = CANNED
        .iter()
        .map(|q| serde_json::json!({"name": q.name, "purpose": q.purpose(), "sparql": q.sparql}))
        .collect();
    let config = serde_json::json!({
        "endpoint": "/sparql",
        "canned": canned,
        "defaultQuery": default_query(),
    });
    let mode = if c.allow_update {
        "read-write: SPARQL updates are accepted"
    } else {
        "read-only: updates are refused with 403"
    };
    let prefixes: Vec<String> = crate::rdf::vocab::PREFIXES
        .iter()
        .map(|(p, _)| format!("<code>{p}:</code>"))
        .collect();
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stancegraph SPARQL endpoint</title>
<link rel="stylesheet" href="/assets/yasgui.min.css">
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; color: #222; }}
header {{ padding: .6rem 1rem; background: #f3f4f6; border-bottom: 1px solid #ddd; }}
header h1 {{ font-size: 1.25rem; margin: 0 0 .3rem 0; }}
header p {{ margin: .2rem 0; font-size: .88rem; }}
.layout {{ display: flex; align-items: flex-start; }}
nav {{ width: 17rem; flex: none; padding: .5rem 1rem; font-size: .85rem; }}
nav h2 {{ font-size: 1rem; }}
nav ul {{ list-style: none; padding: 0; margin: 0; }}
nav li {{ margin-bottom: .55rem; }}
nav button {{ display: block; font: inherit; font-weight: 600; cursor: pointer; padding: .15rem .45rem; margin-bottom: .1rem; }}
nav span {{ color: #555; }}
main {{ flex: 1; min-width: 0; padding: .5rem 1rem .5rem 0; }}
#status {{ font-size: .85rem; color: #333; min-height: 1.2em; }}
</style></head>
<body>
<header>
<h1>stancegraph SPARQL endpoint</h1>
<p>Who argues what in the news coverage of this store, as a
<a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1</a> endpoint at <code>/sparql</code>
(graph store reads at <code>/store</code>). The default graph is the union of all article graphs;
prefixes {prefixes} are predeclared, as in <code>stancegraph query</code>.</p>
<p>{mode}. Time limit {timeout} s per query, at most {max_results} rows or triples per result.
Results: {results}. Graphs: {graphs}. <a href="/health">health</a> · <a href="/sparql">service description</a></p>
</header>
<div class="layout">
<nav aria-label="canned queries"><h2>Canned queries</h2><p>One click loads the query and runs it.</p>
<ul id="canned-list"></ul></nav>
<main><div id="status" role="status"></div><div id="yasgui"></div></main>
</div>
<script id="sg-config" type="application/json">{config}</script>
<script src="/assets/yasgui.min.js"></script>
<script src="/assets/page.js"></script>
</body></html>
"#,
        prefixes = prefixes.join(" "),
        timeout = c.timeout.as_secs_f64(),
        max_results = c.max_results,
        results = html(&negotiate::results_media_types().join(", ")),
        graphs = html(&negotiate::graph_media_types().join(", ")),
        config = script_json(&config),
    )
}
