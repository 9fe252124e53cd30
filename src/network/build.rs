//! Builds the actor network from [`GraphData`]: typed, weighted edges with evidence.

use super::data::GraphData;
use crate::extraction::Polarity;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The type of a network edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A person's role in an organisation (org:Membership), member -> organisation.
    Membership,
    /// An organisation is part of another (org:subOrganizationOf), child -> parent.
    SubOrganisation,
    /// An act of one actor toward another (sg:Interaction), agent -> patient.
    Act,
    /// A stance of one actor toward another actor as target, holder -> target.
    Position,
    /// Both actors are quoted in the same article.
    CoQuotation,
    /// Both actors take the same side on a shared target.
    Congruence,
    /// The actors take opposite sides on a shared target.
    Conflict,
}

impl EdgeKind {
    /// All kinds, in display order.
    pub const ALL: [EdgeKind; 7] = [
        EdgeKind::Membership,
        EdgeKind::SubOrganisation,
        EdgeKind::Act,
        EdgeKind::Position,
        EdgeKind::CoQuotation,
        EdgeKind::Congruence,
        EdgeKind::Conflict,
    ];

    /// Machine name, as in exports.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Membership => "membership",
            EdgeKind::SubOrganisation => "sub-organisation",
            EdgeKind::Act => "act",
            EdgeKind::Position => "position",
            EdgeKind::CoQuotation => "co-quotation",
            EdgeKind::Congruence => "congruence",
            EdgeKind::Conflict => "conflict",
        }
    }

    /// Human description for legends.
    pub fn description(self) -> &'static str {
        match self {
            EdgeKind::Membership => "role / affiliation",
            EdgeKind::SubOrganisation => "part of organisation",
            EdgeKind::Act => "act (criticises, supports, ...)",
            EdgeKind::Position => "stance toward an actor",
            EdgeKind::CoQuotation => "quoted in the same article",
            EdgeKind::Congruence => "same side on a target",
            EdgeKind::Conflict => "opposite sides on a target",
        }
    }

    /// True for edges with a meaningful direction.
    pub fn directed(self) -> bool {
        matches!(
            self,
            EdgeKind::Membership | EdgeKind::SubOrganisation | EdgeKind::Act | EdgeKind::Position
        )
    }
}

/// One piece of evidence behind an edge: a statement with its citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeEvidence {
    /// Who said it, when the evidence is a claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The text (a claim verbatim, or a description of the fact).
    pub text: String,
    /// Outlet, headline, date and paragraph (see [`GraphData::cite_at`]).
    pub citation: String,
    /// True when `text` is a claim verbatim (shown in quotation marks); false for a
    /// generated description of a fact (an act, a role, a co-quotation).
    pub verbatim: bool,
    /// The article's URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An actor node.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Actor IRI.
    pub iri: String,
    /// Display name.
    pub name: String,
    /// Actor kind.
    pub kind: String,
    /// Number of quotations attributed to the actor.
    pub quotes: usize,
    /// Number of stance statements the actor holds.
    pub statements: usize,
}

/// A typed, weighted edge. `source`/`target` follow the direction for directed kinds.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Edge type.
    pub kind: EdgeKind,
    /// Source node index.
    pub source: usize,
    /// Target node index.
    pub target: usize,
    /// Number of statements or facts behind the edge.
    pub weight: f64,
    /// -1 hostile, 0 neutral, +1 friendly (used by camp detection).
    pub sign: i8,
    /// Short label ("criticises", "co-founder and CEO", "against: T1; T2").
    pub label: String,
    /// Targets behind congruence / conflict edges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// The statements behind the edge.
    pub evidence: Vec<EdgeEvidence>,
}

/// Options for [`Network::build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Actors with fewer stance statements take no part in congruence / conflict
    /// edges (Discourse Network Analyzer's minimum-statement filter).
    pub min_statements: usize,
    /// Leave out co-quotation edges.
    pub skip_co_quotation: bool,
    /// At most this many evidence items are kept per edge.
    pub max_evidence: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            min_statements: 1,
            skip_co_quotation: false,
            max_evidence: 6,
        }
    }
}

/// The actor network.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Network {
    /// Actors (sorted by name).
    pub nodes: Vec<Node>,
    /// Edges (sorted by kind, then endpoints).
    pub edges: Vec<Edge>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// Favour count, against count and claims of one actor on one target.
type Sides<'a> = (usize, usize, Vec<&'a str>);

/// Aggregation key of an edge while building.
type Key = (EdgeKind, usize, usize, String);

struct Acc {
    weight: f64,
    sign_sum: f64,
    targets: BTreeSet<String>,
    evidence: Vec<EdgeEvidence>,
}

impl Network {
    /// Builds the network of all actors that take part in some fact.
    pub fn build(data: &GraphData, opts: &BuildOptions) -> Network {
        // Nodes: every actor that appears in a fact (publishers only as such are left out).
        let mut involved: BTreeSet<&str> = BTreeSet::new();
        for q in &data.quotes {
            if let Some(s) = &q.speaker {
                involved.insert(s);
            }
        }
        for s in &data.stances {
            involved.insert(&s.holder);
            if data.actors.contains_key(&s.target) {
                involved.insert(&s.target);
            }
        }
        for a in &data.acts {
            involved.insert(&a.agent);
            involved.insert(&a.patient);
        }
        for m in &data.memberships {
            involved.insert(&m.member);
            involved.insert(&m.organisation);
        }
        for o in &data.org_relations {
            involved.insert(&o.child);
            involved.insert(&o.parent);
        }
        let mut quotes: HashMap<&str, usize> = HashMap::new();
        for q in &data.quotes {
            if let Some(s) = &q.speaker {
                *quotes.entry(s).or_default() += 1;
            }
        }
        let mut statements: HashMap<&str, usize> = HashMap::new();
        for s in &data.stances {
            *statements.entry(&s.holder).or_default() += 1;
        }
        let mut nodes: Vec<Node> = involved
            .iter()
            .map(|iri| {
                let (name, kind) = match data.actors.get(*iri) {
                    Some(a) => (a.name.clone(), a.kind.clone()),
                    None => (data.actor_name(iri).to_string(), "unknown".to_string()),
                };
                Node {
                    iri: iri.to_string(),
                    name,
                    kind,
                    quotes: quotes.get(iri).copied().unwrap_or(0),
                    statements: statements.get(iri).copied().unwrap_or(0),
                }
            })
            .collect();
        nodes.sort_by(|a, b| (a.name.to_lowercase(), &a.iri).cmp(&(b.name.to_lowercase(), &b.iri)));
        let index: HashMap<String, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.iri.clone(), i))
            .collect();

        type ClaimRef<'a> = (&'a str, String, Option<String>, Option<String>);
        let claim_text: HashMap<&str, ClaimRef<'_>> = data
            .quotes
            .iter()
            .filter_map(|q| {
                let speaker = q.speaker.as_deref().map(|s| data.actor_name(s).to_string());
                q.claim.as_deref().map(|c| {
                    let url = data.url_of(&q.article).map(str::to_string);
                    (c, (q.text.as_str(), data.cite(q), speaker, url))
                })
            })
            .collect();
        let mut acc: BTreeMap<Key, Acc> = BTreeMap::new();
        let mut add =
            |key: Key, weight: f64, sign: f64, target: Option<&str>, ev: Option<EdgeEvidence>| {
                let e = acc.entry(key).or_insert(Acc {
                    weight: 0.0,
                    sign_sum: 0.0,
                    targets: BTreeSet::new(),
                    evidence: vec![],
                });
                e.weight += weight;
                e.sign_sum += sign * weight;
                if let Some(t) = target {
                    e.targets.insert(t.to_string());
                }
                if let Some(ev) = ev {
                    if e.evidence.len() < opts.max_evidence && !e.evidence.contains(&ev) {
                        e.evidence.push(ev);
                    }
                }
            };
        let name = |iri: &str| data.actor_name(iri).to_string();

        for m in &data.memberships {
            let (Some(&a), Some(&b)) = (index.get(&m.member), index.get(&m.organisation)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let ev = EdgeEvidence {
                speaker: None,
                text: format!(
                    "{} is {} of {}",
                    name(&m.member),
                    m.role,
                    name(&m.organisation)
                ),
                citation: data.cite_at(&m.article, None),
                verbatim: false,
                url: data.url_of(&m.article).map(str::to_string),
            };
            add(
                (EdgeKind::Membership, a, b, m.role.clone()),
                1.0,
                1.0,
                None,
                Some(ev),
            );
        }
        for o in &data.org_relations {
            let (Some(&a), Some(&b)) = (index.get(&o.child), index.get(&o.parent)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let ev = EdgeEvidence {
                speaker: None,
                text: format!(
                    "{} is {} {}",
                    name(&o.child),
                    o.kind.replace('-', " "),
                    name(&o.parent)
                ),
                citation: data.cite_at(&o.article, None),
                verbatim: false,
                url: data.url_of(&o.article).map(str::to_string),
            };
            add(
                (EdgeKind::SubOrganisation, a, b, o.kind.clone()),
                1.0,
                1.0,
                None,
                Some(ev),
            );
        }
        for x in &data.acts {
            let (Some(&a), Some(&b)) = (index.get(&x.agent), index.get(&x.patient)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let ev = match x.claim.as_deref().and_then(|c| claim_text.get(c)) {
                Some((text, cite, speaker, url)) => EdgeEvidence {
                    speaker: speaker.clone(),
                    text: text.to_string(),
                    citation: cite.clone(),
                    verbatim: true,
                    url: url.clone(),
                },
                None => EdgeEvidence {
                    speaker: None,
                    text: format!("{} {} {}", name(&x.agent), x.kind, name(&x.patient)),
                    citation: data.cite_at(&x.article, None),
                    verbatim: false,
                    url: data.url_of(&x.article).map(str::to_string),
                },
            };
            add(
                (EdgeKind::Act, a, b, x.kind.clone()),
                1.0,
                x.polarity as f64,
                None,
                Some(ev),
            );
        }
        for s in &data.stances {
            if s.act.is_some() || s.polarity == Polarity::Neutral {
                continue;
            }
            let (Some(&a), Some(&b)) = (index.get(&s.holder), index.get(&s.target)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let (label, sign) = match s.polarity {
                Polarity::Favour => ("favours", 1.0),
                _ => ("against", -1.0),
            };
            let ev = s
                .claim
                .as_deref()
                .and_then(|c| claim_text.get(c))
                .map(|(t, c, sp, url)| EdgeEvidence {
                    speaker: sp.clone(),
                    text: t.to_string(),
                    citation: c.clone(),
                    verbatim: true,
                    url: url.clone(),
                });
            add(
                (EdgeKind::Position, a, b, label.to_string()),
                1.0,
                sign,
                None,
                ev,
            );
        }
        if !opts.skip_co_quotation {
            let mut by_article: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
            for q in &data.quotes {
                if let Some(&i) = q.speaker.as_deref().and_then(|s| index.get(s)) {
                    by_article.entry(&q.article).or_default().insert(i);
                }
            }
            for (art, speakers) in by_article {
                let v: Vec<usize> = speakers.into_iter().collect();
                for (k, &a) in v.iter().enumerate() {
                    for &b in &v[k + 1..] {
                        let ev = EdgeEvidence {
                            speaker: None,
                            text: format!(
                                "{} and {} are both quoted",
                                nodes[a].name, nodes[b].name
                            ),
                            citation: data.cite_at(art, None),
                            verbatim: false,
                            url: data.url_of(art).map(str::to_string),
                        };
                        add(
                            (EdgeKind::CoQuotation, a, b, String::new()),
                            1.0,
                            0.0,
                            None,
                            Some(ev),
                        );
                    }
                }
            }
        }
        // Congruence and conflict: each actor's dominant side per target.
        let mut sides: BTreeMap<&str, BTreeMap<usize, Sides>> = BTreeMap::new();
        for s in &data.stances {
            let Some(&h) = index.get(&s.holder) else {
                continue;
            };
            if nodes[h].statements < opts.min_statements.max(1) || s.holder == s.target {
                continue;
            }
            let e = sides.entry(&s.target).or_default().entry(h).or_default();
            match s.polarity {
                Polarity::Favour => e.0 += 1,
                Polarity::Against => e.1 += 1,
                Polarity::Neutral => continue,
            }
            if let Some(c) = &s.claim {
                e.2.push(c);
            }
        }
        for (target, holders) in &sides {
            let tlabel = data.target_label(target).to_string();
            let v: Vec<(usize, i8, usize, &Vec<&str>)> = holders
                .iter()
                .filter_map(|(&h, (f, a, claims))| {
                    let side = match f.cmp(a) {
                        std::cmp::Ordering::Greater => 1,
                        std::cmp::Ordering::Less => -1,
                        std::cmp::Ordering::Equal => return None,
                    };
                    Some((h, side, f + a, claims))
                })
                .collect();
            for (k, &(a, sa, na, ca)) in v.iter().enumerate() {
                for &(b, sb, nb, cb) in &v[k + 1..] {
                    let kind = if sa == sb {
                        EdgeKind::Congruence
                    } else {
                        EdgeKind::Conflict
                    };
                    let sign = if sa == sb { 1.0 } else { -1.0 };
                    let key = (kind, a.min(b), a.max(b), String::new());
                    let weight = (na + nb) as f64;
                    add(key.clone(), weight, sign, Some(&tlabel), None);
                    for c in ca.iter().take(1).chain(cb.iter().take(1)) {
                        if let Some((text, cite, speaker, url)) = claim_text.get(c) {
                            let ev = EdgeEvidence {
                                speaker: speaker.clone(),
                                text: text.to_string(),
                                citation: cite.clone(),
                                verbatim: true,
                                url: url.clone(),
                            };
                            add(key.clone(), 0.0, 0.0, None, Some(ev));
                        }
                    }
                }
            }
        }
        let edges = acc
            .into_iter()
            .map(|((kind, source, target, label), a)| {
                let sign = if a.sign_sum > 0.0 {
                    1
                } else if a.sign_sum < 0.0 {
                    -1
                } else {
                    0
                };
                let targets: Vec<String> = a.targets.into_iter().collect();
                let label = match kind {
                    EdgeKind::Congruence | EdgeKind::Conflict => targets.join("; "),
                    EdgeKind::CoQuotation => format!("{} article(s)", a.weight),
                    _ => label,
                };
                Edge {
                    kind,
                    source,
                    target,
                    weight: a.weight,
                    sign,
                    label,
                    targets,
                    evidence: a.evidence,
                }
            })
            .collect();
        Network {
            nodes,
            edges,
            index,
        }
    }

    /// The node index of an actor, by IRI or (case-insensitive) name.
    pub fn find(&self, who: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(who) {
            return Some(i);
        }
        let w = who.to_lowercase();
        self.nodes
            .iter()
            .position(|n| n.name.to_lowercase() == w)
            .or_else(|| {
                self.nodes
                    .iter()
                    .position(|n| n.name.to_lowercase().contains(&w))
            })
    }

    /// Edges between nodes `a` and `b` (either direction).
    pub fn edges_between(&self, a: usize, b: usize) -> impl Iterator<Item = &Edge> {
        self.edges
            .iter()
            .filter(move |e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
    }

    /// The edges of one kind.
    pub fn edges_of(&self, kind: EdgeKind) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.kind == kind)
    }

    /// A petgraph view: one node per actor (weight = node index), one edge per typed edge
    /// (weight = edge index).
    pub fn to_petgraph(&self) -> UnGraph<usize, usize> {
        let mut g = UnGraph::with_capacity(self.nodes.len(), self.edges.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for (k, e) in self.edges.iter().enumerate() {
            g.add_edge(NodeIndex::new(e.source), NodeIndex::new(e.target), k);
        }
        g
    }

    /// The simple graph underneath: one edge per connected pair of nodes, weighted by the
    /// sum of the typed edges' weights.
    pub fn simple_graph(&self) -> UnGraph<usize, f64> {
        let mut pairs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for e in &self.edges {
            if e.source != e.target {
                *pairs
                    .entry((e.source.min(e.target), e.source.max(e.target)))
                    .or_default() += e.weight;
            }
        }
        let mut g = UnGraph::with_capacity(self.nodes.len(), pairs.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for ((a, b), w) in pairs {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), w);
        }
        g
    }
}
