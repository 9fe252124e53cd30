//! Building the derived graph's quads from the cluster membership: arguments
//! and statements, issues and issue stances, positions (see the parent
//! module for the model). Everything here is a function of its inputs, which
//! are sorted by IRI, so the quads do not depend on ingest order.

use super::{hex, ClaimRec, Out};
use crate::annotate::stance::cluster::{self, Item, Params};
use crate::annotate::stance::label;
use crate::extraction::Polarity;
use crate::rdf::mapping::{corpus_graph_iri, iri, polarity_node};
use crate::rdf::vocab::{rdfs, sg, skos};
use oxigraph::model::{Literal, NamedNode, Quad};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The quads and counts of a built derived graph.
pub(super) struct Built {
    pub quads: Vec<Quad>,
    pub arguments: usize,
    pub issues: usize,
}

/// Members above this many are not ranked for the label (first ones by IRI).
const RANK_LIMIT: usize = 300;
/// Arguments per side linked by `sg:opposes` within one issue.
const OPPOSE_LIMIT: usize = 10;
/// Argument labels listed per side on an issue.
const ISSUE_PROPOSITIONS: usize = 5;

struct Arg {
    id: String,
    node: NamedNode,
    label: String,
    members: Vec<usize>,
    valence: i8,
    articles: BTreeSet<String>,
    core: BTreeSet<String>,
}

fn pol(sign: i64) -> Polarity {
    match sign.signum() {
        1 => Polarity::Favour,
        -1 => Polarity::Against,
        _ => Polarity::Neutral,
    }
}

fn sign(x: i64) -> i8 {
    x.signum() as i8
}

/// The readable label of a cluster: the first member (most central first)
/// whose proposition trims to a readable phrase, else its key phrase.
fn argument_label(items: &[Item], members: &[usize], model: bool) -> String {
    let ranked: Vec<usize> = {
        let m: Vec<usize> = members.iter().copied().take(RANK_LIMIT).collect();
        let mut scored: Vec<(f32, usize)> = m
            .iter()
            .map(|&a| {
                let s: f32 = m
                    .iter()
                    .filter(|&&b| b != a)
                    .map(|&b| cluster::similarity(&items[a], &items[b], model))
                    .sum();
                (s, a)
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.into_iter().map(|(_, a)| a).collect()
    };
    for &i in &ranked {
        if let Some(l) = label::clean_label(&items[i].text) {
            return l;
        }
    }
    let texts: Vec<&str> = ranked.iter().map(|&i| items[i].text.as_str()).collect();
    phrase_label(&texts, "Claims about")
}

/// A key phrase as a label: "Congestion charge", or "`prefix` word".
fn phrase_label(texts: &[&str], prefix: &str) -> String {
    match label::key_phrase(texts) {
        Some(k) if k.contains(' ') => capitalise(&k),
        Some(k) => format!("{prefix} {k}"),
        None => format!("{prefix} unnamed points"),
    }
}

/// An issue label: its key phrase when that is about as common as its most
/// common word, else "The <word> debate".
fn issue_label(texts: &[&str]) -> String {
    let count = |needle: &str| {
        texts
            .iter()
            .filter(|t| t.to_lowercase().contains(needle))
            .count()
    };
    let phrase = label::key_phrase(texts);
    let word = label::key_word(texts);
    match (phrase, word) {
        (Some(p), Some(w)) if p.contains(' ') && 2 * count(&p) >= count(&w) => capitalise(&p),
        (_, Some(w)) => format!("The {w} debate"),
        (Some(p), None) => capitalise(&p),
        (None, None) => "Unnamed debate".to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Stems present in at least half of the members.
fn core_stems(items: &[Item], members: &[usize]) -> BTreeSet<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for &m in members {
        for s in &items[m].stems {
            *count.entry(s.as_str()).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| 2 * n >= members.len())
        .map(|(s, _)| s.to_string())
        .collect()
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut y = x;
    while parent[y] != r {
        let n = parent[y];
        parent[y] = r;
        y = n;
    }
    r
}

/// Groups arguments into issues: two arguments are linked when one article
/// reports both and they share a core stem, or two articles report both.
fn issues_of(args: &[Arg]) -> Vec<Vec<usize>> {
    let mut by_article: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in args.iter().enumerate() {
        for art in &a.articles {
            by_article.entry(art.as_str()).or_default().push(i);
        }
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for list in by_article.values() {
        for x in 0..list.len() {
            for y in x + 1..list.len() {
                *shared.entry((list[x], list[y])).or_default() += 1;
            }
        }
    }
    let mut parent: Vec<usize> = (0..args.len()).collect();
    for ((a, b), n) in shared {
        if n >= 2 || args[a].core.intersection(&args[b].core).next().is_some() {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..args.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

/// Builds every quad of the derived graph.
pub(super) fn build(
    claims: &[ClaimRec],
    items: &[Item],
    cluster_of: &HashMap<String, String>,
    block_of: &HashMap<String, String>,
    article_stances: &[(String, String, i8)],
    params: &Params,
    method: &str,
) -> Built {
    let mut out = Out::new();
    out.lit(&corpus_graph_iri(), sg::METHOD, method);
    let mut clusters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let node = NamedNode::new_unchecked(c.iri.clone());
        if let Some(b) = block_of.get(&c.iri) {
            out.lit(&node, sg::IN_BLOCK, b);
        }
        out.lit(&node, sg::INDEXED_PROPOSITION, &c.proposition);
        if let Some(k) = cluster_of.get(&c.iri) {
            clusters.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut args: Vec<Arg> = vec![];
    for (id, members) in clusters {
        let one = members.len() == 1;
        let c0 = &claims[members[0]];
        if one && (c0.author.is_none() || c0.covered || !c0.stated) {
            continue;
        }
        let v: i64 = members.iter().map(|&m| i64::from(claims[m].valence)).sum();
        args.push(Arg {
            id: id.to_string(),
            node: iri(&format!("argument/{id}")),
            label: argument_label(items, &members, params.model),
            valence: sign(v),
            articles: members.iter().map(|&m| claims[m].article.clone()).collect(),
            core: core_stems(items, &members),
            members,
        });
    }
    let issues = issues_of(&args);
    let mut issue_of: Vec<Option<usize>> = vec![None; args.len()];
    for (k, g) in issues.iter().enumerate() {
        for &a in g {
            issue_of[a] = Some(k);
        }
        infer_valence(claims, &mut args, g);
    }
    let mut derived: Vec<(String, String, i8)> = vec![];
    for a in &args {
        write_argument(&mut out, claims, a, method, &mut derived);
    }
    for g in &issues {
        write_issue(&mut out, claims, items, &args, g, method, &mut derived);
    }
    write_positions(&mut out, article_stances.iter().chain(derived.iter()));
    let _ = issue_of;
    Built {
        quads: out.quads,
        arguments: args.len(),
        issues: issues.len(),
    }
}

/// Arguments with no evaluative direction of their own take the direction
/// their speakers' other arguments on the issue give them.
fn infer_valence(claims: &[ClaimRec], args: &mut [Arg], issue: &[usize]) {
    for _round in 0..3 {
        if !infer_round(claims, args, issue) {
            break;
        }
    }
}

/// One round of [`infer_valence`]; true when some argument got a direction.
fn infer_round(claims: &[ClaimRec], args: &mut [Arg], issue: &[usize]) -> bool {
    let mut position: BTreeMap<&str, i64> = BTreeMap::new();
    for &a in issue {
        if args[a].valence == 0 {
            continue;
        }
        for &m in &args[a].members {
            let c = &claims[m];
            if let (Some(h), false, true) = (&c.author, c.covered, c.stated) {
                *position.entry(h.as_str()).or_default() +=
                    i64::from(c.assertion) * i64::from(args[a].valence);
            }
        }
    }
    let mut inferred = vec![];
    for &a in issue {
        if args[a].valence != 0 {
            continue;
        }
        let score: i64 = args[a]
            .members
            .iter()
            .filter_map(|&m| {
                let c = &claims[m];
                let p = position.get(c.author.as_deref()?)?;
                Some(i64::from(c.assertion) * p.signum())
            })
            .sum();
        inferred.push((a, sign(score)));
    }
    let mut changed = false;
    for (a, v) in inferred {
        changed |= v != 0;
        args[a].valence = v;
    }
    changed
}

#[allow(clippy::too_many_arguments)]
fn stance(
    out: &mut Out,
    node: &NamedNode,
    holder: &str,
    target: &NamedNode,
    polarity: Polarity,
    confidence: f64,
    method: &str,
    claim: &str,
    evidence: &[String],
) {
    out.types(node, &[sg::STANCE]);
    out.node(node, sg::HOLDER, holder);
    out.add(node, sg::TARGET_PROP, target.clone());
    out.add(node, sg::POLARITY, polarity_node(polarity));
    out.add(node, sg::CONFIDENCE, Literal::from(confidence));
    out.lit(node, sg::METHOD, method);
    out.node(node, sg::EXPRESSED_IN, claim);
    for e in evidence {
        out.lit(node, sg::EVIDENCE, e);
    }
}

fn write_argument(
    out: &mut Out,
    claims: &[ClaimRec],
    a: &Arg,
    method: &str,
    derived: &mut Vec<(String, String, i8)>,
) {
    let n = &a.node;
    out.types(
        n,
        &[sg::ARGUMENT, sg::CLAIM_CLUSTER, sg::TARGET, skos::CONCEPT],
    );
    out.lit(n, rdfs::LABEL, &a.label);
    out.lit(n, skos::PREF_LABEL, &a.label);
    out.lit(n, sg::TARGET_SOURCE, "argument");
    out.int(n, sg::MEMBER_COUNT, a.members.len() as i64);
    out.int(n, sg::VALENCE, i64::from(a.valence));
    let confidence = if a.members.len() >= 2 { 0.7 } else { 0.6 };
    for &m in &a.members {
        let c = &claims[m];
        let claim = NamedNode::new_unchecked(c.iri.clone());
        out.add(&claim, sg::IN_CLUSTER, n.clone());
        let (Some(h), false, true) = (&c.author, c.covered, c.stated) else {
            continue;
        };
        let s = iri(&format!("statement/{}", hex(cluster::stable_hash(&c.iri))));
        let mut ev = c.evidence.clone();
        ev.push(format!("argument: {}", a.label));
        stance(
            out,
            &s,
            h,
            n,
            pol(c.assertion.into()),
            confidence,
            method,
            &c.iri,
            &ev,
        );
        derived.push((h.clone(), n.as_str().to_string(), c.assertion));
    }
}

#[allow(clippy::too_many_arguments)]
fn write_issue(
    out: &mut Out,
    claims: &[ClaimRec],
    items: &[Item],
    args: &[Arg],
    issue: &[usize],
    method: &str,
    derived: &mut Vec<(String, String, i8)>,
) {
    let first = issue
        .iter()
        .map(|&a| claims[args[a].members[0]].iri.as_str())
        .min()
        .unwrap_or("");
    let node = iri(&format!("issue/{}", hex(cluster::stable_hash(first))));
    let texts: Vec<&str> = issue
        .iter()
        .flat_map(|&a| args[a].members.iter().map(|&m| items[m].text.as_str()))
        .take(2_000)
        .collect();
    let label = issue_label(&texts);
    out.types(&node, &[sg::ISSUE, sg::TARGET, skos::CONCEPT]);
    out.lit(&node, rdfs::LABEL, &label);
    out.lit(&node, skos::PREF_LABEL, &label);
    out.lit(&node, sg::TARGET_SOURCE, "issue");
    let size: usize = issue.iter().map(|&a| args[a].members.len()).sum();
    out.int(&node, sg::MEMBER_COUNT, size as i64);
    let mut sides: [Vec<usize>; 2] = [vec![], vec![]];
    for &a in issue {
        out.add(&args[a].node, sg::ABOUT_ISSUE, node.clone());
        match args[a].valence {
            1 => sides[0].push(a),
            -1 => sides[1].push(a),
            _ => {}
        }
    }
    for side in sides.iter_mut() {
        side.sort_by(|&x, &y| {
            args[y]
                .members
                .len()
                .cmp(&args[x].members.len())
                .then(args[x].id.cmp(&args[y].id))
        });
    }
    for &a in sides[0].iter().take(ISSUE_PROPOSITIONS) {
        out.lit(&node, sg::FAVOUR_PROPOSITION, &args[a].label);
    }
    for &a in sides[1].iter().take(ISSUE_PROPOSITIONS) {
        out.lit(&node, sg::AGAINST_PROPOSITION, &args[a].label);
    }
    for &x in sides[0].iter().take(OPPOSE_LIMIT) {
        for &y in sides[1].iter().take(OPPOSE_LIMIT) {
            out.add(&args[x].node, sg::OPPOSES, args[y].node.clone());
            out.add(&args[y].node, sg::OPPOSES, args[x].node.clone());
        }
    }
    for &a in issue {
        let arg = &args[a];
        if arg.valence == 0 {
            continue;
        }
        for &m in &arg.members {
            let c = &claims[m];
            let (Some(h), false, true) = (&c.author, c.covered, c.stated) else {
                continue;
            };
            if c.assertion == 0 {
                continue;
            }
            let p = c.assertion * arg.valence;
            let s = iri(&format!(
                "issue-stance/{}",
                hex(cluster::stable_hash(&c.iri))
            ));
            let ev = vec![format!(
                "argument: {} ({}, which is {} the issue)",
                arg.label,
                if c.assertion > 0 {
                    "agrees"
                } else {
                    "disagrees"
                },
                if arg.valence > 0 { "for" } else { "against" }
            )];
            stance(out, &s, h, &node, pol(p.into()), 0.5, method, &c.iri, &ev);
            derived.push((h.clone(), node.as_str().to_string(), p));
        }
    }
}

/// Members of a side marked `sg:leadMember`: the pair queries pair these, so
/// that their answer grows with the number of sides, not with the square of
/// their sizes (a side of 700 actors is 245,000 pairs).
pub const SIDE_LEADS: usize = 20;

/// A side's member: (holder IRI, its stances toward the target, |net polarity|).
type SideMember<'a> = (&'a str, i64, i64);

/// One `sg:Position` per (holder, target): the net polarity of its stances;
/// and one `sg:Side` per (target, polarity) listing the actors on it
/// (`sg:sideMember`), their number (`sg:memberCount`) and its [`SIDE_LEADS`]
/// leads (`sg:leadMember`), which the pair queries join.
fn write_positions<'a>(out: &mut Out, stances: impl Iterator<Item = &'a (String, String, i8)>) {
    let mut net: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    for (h, t, p) in stances {
        if h == t {
            continue;
        }
        let e = net.entry((h.as_str(), t.as_str())).or_default();
        e.0 += i64::from(*p);
        e.1 += 1;
    }
    let mut sides: BTreeMap<(&str, i64), Vec<SideMember<'_>>> = BTreeMap::new();
    for (&(h, t), &(sum, n)) in &net {
        sides
            .entry((t, sum.signum()))
            .or_default()
            .push((h, n, sum.abs()));
    }
    for ((t, p), mut members) in sides {
        let node = iri(&format!(
            "side/{}",
            hex(cluster::stable_hash(&format!("{t}\u{1f}{p}")))
        ));
        out.types(&node, &[sg::SIDE]);
        out.node(&node, sg::TARGET_PROP, t);
        out.add(&node, sg::POLARITY, polarity_node(pol(p)));
        out.int(&node, sg::MEMBER_COUNT, members.len() as i64);
        for &(h, _, _) in &members {
            out.node(&node, sg::SIDE_MEMBER, h);
        }
        // The side's leads: most stances toward the target, then the strongest net
        // polarity, then the IRI (a total order: the same leads for any history).
        members.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
        for &(h, _, _) in members.iter().take(SIDE_LEADS) {
            out.node(&node, sg::LEAD_MEMBER, h);
        }
    }
    for ((h, t), (sum, n)) in net {
        let node = iri(&format!(
            "position/{}",
            hex(cluster::stable_hash(&format!("{h}\u{1f}{t}")))
        ));
        out.types(&node, &[sg::POSITION]);
        out.node(&node, sg::HOLDER, h);
        out.node(&node, sg::TARGET_PROP, t);
        out.add(&node, sg::POLARITY, polarity_node(pol(sum)));
        out.int(&node, sg::STANCE_COUNT, n);
    }
}
