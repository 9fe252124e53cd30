//! The briefing's content, computed from the analysis; rendered by
//! [`super::markdown`] and [`super::html`]. Every sentence is built from graph facts.

use crate::extraction::Polarity;
use crate::network::{Analysis, EdgeKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A claim quoted verbatim with its citation.
#[derive(Debug, Clone, Serialize)]
pub struct CitedClaim {
    /// Speaker name, if any.
    pub speaker: Option<String>,
    /// The text as quoted or reported.
    pub text: String,
    /// "direct", "indirect", "mixed".
    pub kind: String,
    /// Outlet, headline, date and paragraph as a reader counts it.
    pub citation: String,
    /// True for words quoted or reported from the text (shown in quotation marks);
    /// false for a generated description of an act or relation (never quoted).
    pub verbatim: bool,
    /// The article's URL, when known (the citation links to it).
    pub url: Option<String>,
}

/// What the corpus is and how the report was made.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusInfo {
    /// Number of articles.
    pub articles: usize,
    /// Outlet names.
    pub outlets: Vec<String>,
    /// Articles without a known outlet.
    pub articles_without_outlet: usize,
    /// Earliest and latest publication dates, if any.
    pub dates: Option<(String, String)>,
    /// Extraction methods of the runs.
    pub methods: Vec<String>,
    /// Generation date (UTC, YYYY-MM-DD).
    pub generated: String,
    /// Human description of the filter, if one was applied.
    pub filter: Option<String>,
    /// Counts: actors, quotations, stances, acts.
    pub actors: usize,
    /// Number of quotations.
    pub quotes: usize,
    /// Number of stances.
    pub stances: usize,
    /// Number of acts.
    pub acts: usize,
}

/// A section that may be empty, with the reason it is.
#[derive(Debug, Clone, Serialize)]
pub struct Section<T> {
    /// The items.
    pub items: Vec<T>,
    /// Why there are none (set when `items` is empty).
    pub empty_reason: String,
}

impl<T> Section<T> {
    fn new(items: Vec<T>, reason: impl Into<String>) -> Self {
        Section {
            items,
            empty_reason: reason.into(),
        }
    }
}

/// One camp, described.
#[derive(Debug, Clone, Serialize)]
pub struct CampInfo {
    /// 1-based number.
    pub number: usize,
    /// Member names.
    pub members: Vec<String>,
    /// The camp's main positions: ("for"/"against", target label, statements).
    pub positions: Vec<(String, String, usize)>,
}

/// Who stands where on one target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    /// Label.
    pub label: String,
    /// True when the target is an actor.
    pub is_actor: bool,
    /// Stances in favour: (actor, count).
    pub favour: Vec<(String, usize)>,
    /// Stances against.
    pub against: Vec<(String, usize)>,
    /// Neutral stances.
    pub neutral: Vec<(String, usize)>,
    /// Per camp: (camp number, favour count, against count).
    pub camps: Vec<(usize, usize, usize)>,
}

/// One cell of the stance matrix.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// Stances in favour.
    pub favour: usize,
    /// Stances against.
    pub against: usize,
    /// Neutral stances.
    pub neutral: usize,
    /// Mean confidence of the stances.
    pub confidence: f64,
}

impl Cell {
    /// Total stances.
    pub fn total(&self) -> usize {
        self.favour + self.against + self.neutral
    }

    /// Short text: "2 for, 1 against (0.83)".
    pub fn summary(&self) -> String {
        if self.total() == 0 {
            return String::new();
        }
        let mut parts = vec![];
        if self.favour > 0 {
            parts.push(format!("{} for", self.favour));
        }
        if self.against > 0 {
            parts.push(format!("{} against", self.against));
        }
        if self.neutral > 0 {
            parts.push(format!("{} neutral", self.neutral));
        }
        format!("{} ({:.2})", parts.join(", "), self.confidence)
    }
}

/// Actors x targets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Matrix {
    /// Row actor names.
    pub actors: Vec<String>,
    /// Camp number of each row (0 = none).
    pub actor_camps: Vec<usize>,
    /// Column target labels.
    pub targets: Vec<String>,
    /// cells[row][col].
    pub cells: Vec<Vec<Cell>>,
    /// Targets left out of the matrix (fewest stances).
    pub omitted_targets: usize,
}

/// A key actor's profile.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Roles held: "co-founder and CEO of X".
    pub roles: Vec<String>,
    /// People or units attached to it: "Jane Doe (CEO)".
    pub members: Vec<String>,
    /// Camp number, if any.
    pub camp: Option<usize>,
    /// Quotations attributed.
    pub quotes: usize,
    /// Network degree and its rank.
    pub degree: usize,
    /// Rank by degree (1-based).
    pub degree_rank: usize,
    /// Stances: "against T (3)".
    pub stances: Vec<String>,
    /// Acts done: "criticises X".
    pub acts: Vec<String>,
    /// Acts received: "criticised by X" style "X criticises".
    pub acted_on_by: Vec<String>,
    /// Main claims verbatim.
    pub claims: Vec<CitedClaim>,
}

/// A point of agreement or conflict between two actors.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// First actor.
    pub a: String,
    /// Second actor.
    pub b: String,
    /// One sentence.
    pub sentence: String,
    /// Statements behind it.
    pub weight: f64,
    /// Evidence.
    pub evidence: Vec<CitedClaim>,
}

/// Quoting per outlet.
#[derive(Debug, Clone, Serialize)]
pub struct OutletRow {
    /// Outlet name.
    pub outlet: String,
    /// Articles.
    pub articles: usize,
    /// Quotations.
    pub quotes: usize,
    /// Most quoted: (actor, quotes, share of the outlet's quotes).
    pub top: Vec<(String, usize, f64)>,
    /// Actors quoted by this outlet only.
    pub only_here: Vec<String>,
    /// Stances reported per polarity: (favour, against, neutral).
    pub polarity: (usize, usize, usize),
}

/// The whole briefing.
#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    /// Title.
    pub title: String,
    /// Corpus and method.
    pub corpus: CorpusInfo,
    /// The story in three sentences.
    pub story: Vec<String>,
    /// Camps.
    pub camps: Section<CampInfo>,
    /// Targets and who stands where.
    pub targets: Section<TargetInfo>,
    /// Stance matrix.
    pub matrix: Matrix,
    /// Why the matrix is empty, if it is.
    pub matrix_empty_reason: String,
    /// Key actors.
    pub profiles: Section<Profile>,
    /// Points of agreement.
    pub agreements: Section<Point>,
    /// Points of conflict.
    pub conflicts: Section<Point>,
    /// Actors opposing several targets or actors.
    pub critics: Section<String>,
    /// Claims with no named speaker.
    pub unattributed: Section<CitedClaim>,
    /// Outlet comparison.
    pub outlets: Section<OutletRow>,
    /// The network figure (SVG), if there is a network.
    pub figure: Option<String>,
    /// Why there is no figure.
    pub figure_empty_reason: String,
    /// Quotations per week or month by camp, when the coverage spans more than a few days.
    pub timeline: Option<super::timeline::Timeline>,
}

/// Options for [`Briefing::build`].
#[derive(Debug, Clone)]
pub struct BriefOptions {
    /// Key actors profiled.
    pub profiles: usize,
    /// Claims quoted per profile.
    pub claims_per_profile: usize,
    /// Matrix columns.
    pub matrix_targets: usize,
    /// Matrix rows.
    pub matrix_actors: usize,
    /// Actors in the figure.
    pub figure_actors: usize,
    /// Points of agreement / conflict listed.
    pub points: usize,
    /// Generation date (YYYY-MM-DD); today when `None`.
    pub generated: Option<String>,
    /// Description of the filter applied, if any.
    pub filter: Option<String>,
}

impl Default for BriefOptions {
    fn default() -> Self {
        BriefOptions {
            profiles: 8,
            claims_per_profile: 4,
            matrix_targets: 10,
            matrix_actors: 30,
            figure_actors: 40,
            points: 10,
            generated: None,
            filter: None,
        }
    }
}

/// Names listed per side of a target before "and N more".
pub const LIST_MAX: usize = 12;
/// Unattributed claims quoted before "and N more".
pub const UNATTRIBUTED_MAX: usize = 40;

/// " and N more" when a list of `len` items is cut at [`LIST_MAX`].
pub fn more(len: usize) -> String {
    if len > LIST_MAX {
        format!(" and {} more", len - LIST_MAX)
    } else {
        String::new()
    }
}

/// A claim's text for display: verbatim quotations (starting with a quotation mark)
/// as they are, reported speech between typographic quotes.
pub fn quoted(text: &str) -> String {
    let t = text.trim();
    if t.starts_with(['"', '\u{201c}', '\'', '\u{2018}']) {
        t.to_string()
    } else {
        format!("\u{201c}{t}\u{201d}")
    }
}

/// Joins names as "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].as_ref().to_string(),
        n => {
            let head: Vec<&str> = items[..n - 1].iter().map(|s| s.as_ref()).collect();
            format!("{} and {}", head.join(", "), items[n - 1].as_ref())
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    civil_date(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to YYYY-MM-DD (proleptic Gregorian).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn pol_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Favour => "for",
        Polarity::Against => "against",
        Polarity::Neutral => "neutral on",
    }
}

impl Briefing {
    /// Builds the briefing from an analysis.
    pub fn build(a: &Analysis, opts: &BriefOptions) -> Briefing {
        let d = &a.data;
        let net = &a.network;
        let node_of = |iri: &str| net.find(iri);
        let camp_of_iri = |iri: &str| node_of(iri).and_then(|i| a.camp_of(i)).map(|c| c + 1);

        // Corpus.
        let mut dates: Vec<&str> = d
            .articles
            .iter()
            .filter_map(|x| x.date.as_deref())
            .collect();
        dates.sort_unstable();
        let corpus = CorpusInfo {
            articles: d.articles.len(),
            outlets: d.outlets(),
            articles_without_outlet: d.articles.iter().filter(|x| x.outlet.is_none()).count(),
            dates: match (dates.first(), dates.last()) {
                (Some(f), Some(l)) => Some((f.to_string(), l.to_string())),
                _ => None,
            },
            methods: d.methods.clone(),
            generated: opts.generated.clone().unwrap_or_else(today),
            filter: opts.filter.clone(),
            actors: net.nodes.len(),
            quotes: d.quotes.len(),
            stances: d.stances.len(),
            acts: d.acts.len(),
        };

        // Quote counts per speaker.
        let mut quotes_by: BTreeMap<&str, usize> = BTreeMap::new();
        for q in &d.quotes {
            if let Some(s) = &q.speaker {
                *quotes_by.entry(s).or_default() += 1;
            }
        }
        let mut most_quoted: Vec<(&str, usize)> = quotes_by.iter().map(|(k, v)| (*k, *v)).collect();
        most_quoted.sort_by(|x, y| y.1.cmp(&x.1).then(d.actor_name(x.0).cmp(d.actor_name(y.0))));

        // Stances per target and per (holder, target).
        let mut per_target: BTreeMap<&str, BTreeMap<&str, Cell>> = BTreeMap::new();
        for s in &d.stances {
            let c = per_target
                .entry(&s.target)
                .or_default()
                .entry(&s.holder)
                .or_default();
            let n = c.total() as f64;
            c.confidence = (c.confidence * n + s.confidence) / (n + 1.0);
            match s.polarity {
                Polarity::Favour => c.favour += 1,
                Polarity::Against => c.against += 1,
                Polarity::Neutral => c.neutral += 1,
            }
        }
        let mut target_order: Vec<(&str, usize)> = per_target
            .iter()
            .map(|(t, m)| (*t, m.values().map(Cell::total).sum()))
            .collect();
        target_order.sort_by(|x, y| {
            y.1.cmp(&x.1)
                .then(d.target_label(x.0).cmp(d.target_label(y.0)))
        });

        // Camps.
        let mut camps = vec![];
        for (ci, camp) in a.camps.iter().enumerate() {
            let members: BTreeSet<&str> = camp
                .members
                .iter()
                .map(|&m| net.nodes[m].iri.as_str())
                .collect();
            let mut net_pos: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for s in d
                .stances
                .iter()
                .filter(|s| members.contains(s.holder.as_str()))
            {
                let e = net_pos.entry(&s.target).or_default();
                match s.polarity {
                    Polarity::Favour => e.0 += 1,
                    Polarity::Against => e.1 += 1,
                    Polarity::Neutral => {}
                }
            }
            let mut pos: Vec<(String, String, usize)> = net_pos
                .iter()
                .filter(|(t, _)| !members.contains(*t))
                .filter(|(_, (f, ag))| f != ag)
                .map(|(t, (f, ag))| {
                    let side = if f > ag { "for" } else { "against" };
                    (
                        side.to_string(),
                        d.target_label(t).to_string(),
                        f.max(ag) - f.min(ag),
                    )
                })
                .collect();
            pos.sort_by(|x, y| y.2.cmp(&x.2).then(x.1.cmp(&y.1)));
            pos.truncate(3);
            camps.push(CampInfo {
                number: ci + 1,
                members: a.camp_names(ci).iter().map(|s| s.to_string()).collect(),
                positions: pos,
            });
        }

        // Story.
        let mut story = vec![];
        let outlets_txt = if corpus.outlets.is_empty() {
            "no named outlet".to_string()
        } else {
            and_list(&corpus.outlets)
        };
        if most_quoted.is_empty() {
            story.push(format!(
                "The {} from {} contain no quotation with a named speaker.",
                plural(corpus.articles, "article", "articles"),
                outlets_txt
            ));
        } else {
            let top: Vec<String> = most_quoted
                .iter()
                .take(3)
                .map(|(iri, n)| {
                    format!(
                        "{} ({})",
                        d.actor_name(iri),
                        plural(*n, "quotation", "quotations")
                    )
                })
                .collect();
            let named = d.quotes.iter().filter(|q| q.speaker.is_some()).count();
            let of_all = if named == d.quotes.len() {
                format!("all {}", plural(named, "quotation", "quotations"))
            } else {
                format!("{named} of the {} quotations", d.quotes.len())
            };
            story.push(format!(
                "Across {} from {}, {of_all} name their speaker ({} speakers); the most quoted are {}.",
                plural(corpus.articles, "article", "articles"),
                outlets_txt,
                quotes_by.len(),
                and_list(&top)
            ));
        }
        if target_order.is_empty() {
            story.push("No stance toward any target was extracted.".to_string());
        } else {
            let tops: Vec<String> = target_order
                .iter()
                .take(3)
                .map(|(t, _)| {
                    let m = &per_target[t];
                    let f: usize = m.values().map(|c| c.favour).sum();
                    let ag: usize = m.values().map(|c| c.against).sum();
                    format!("{} ({f} for, {ag} against)", d.target_label(t))
                })
                .collect();
            story.push(format!(
                "The main {} {}.",
                if tops.len() == 1 {
                    "target is"
                } else {
                    "targets are"
                },
                and_list(&tops)
            ));
        }
        story.push(match camps.len() {
            0 => "No camps emerge: no two actors are tied by shared positions, friendly acts or roles.".to_string(),
            1 => format!("One camp forms around {}.", camp_phrase(&camps[0])),
            _ => {
                let parts: Vec<String> = camps.iter().take(3).map(camp_phrase).collect();
                format!("The actors split into {} camps: {}.", camps.len(), parts.join("; versus "))
            }
        });

        // Targets.
        let mut targets = vec![];
        for (t, _) in &target_order {
            let m = &per_target[t];
            let collect = |f: fn(&Cell) -> usize| {
                let mut v: Vec<(String, usize)> = m
                    .iter()
                    .filter(|(_, c)| f(c) > 0)
                    .map(|(h, c)| (d.actor_name(h).to_string(), f(c)))
                    .collect();
                v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
                v
            };
            let mut by_camp: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
            for (h, c) in m {
                if let Some(cn) = camp_of_iri(h) {
                    let e = by_camp.entry(cn).or_default();
                    e.0 += c.favour;
                    e.1 += c.against;
                }
            }
            targets.push(TargetInfo {
                label: d.target_label(t).to_string(),
                is_actor: d.targets.get(*t).is_some_and(|x| x.is_actor),
                favour: collect(|c| c.favour),
                against: collect(|c| c.against),
                neutral: collect(|c| c.neutral),
                camps: by_camp.into_iter().map(|(k, (f, ag))| (k, f, ag)).collect(),
            });
        }

        // Matrix.
        let cols: Vec<&str> = target_order
            .iter()
            .take(opts.matrix_targets)
            .map(|(t, _)| *t)
            .collect();
        let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &d.stances {
            *holders.entry(&s.holder).or_default() += 1;
        }
        let mut rows: Vec<(&str, usize)> = holders.into_iter().collect();
        rows.sort_by(|x, y| {
            let cx = camp_of_iri(x.0).unwrap_or(usize::MAX);
            let cy = camp_of_iri(y.0).unwrap_or(usize::MAX);
            cx.cmp(&cy)
                .then(y.1.cmp(&x.1))
                .then(d.actor_name(x.0).cmp(d.actor_name(y.0)))
        });
        rows.truncate(opts.matrix_actors);
        let matrix = Matrix {
            actors: rows
                .iter()
                .map(|(h, _)| {
                    let orgs: BTreeSet<&str> = d
                        .memberships
                        .iter()
                        .filter(|m| m.member == *h)
                        .map(|m| d.actor_name(&m.organisation))
                        .collect();
                    if orgs.is_empty() {
                        d.actor_name(h).to_string()
                    } else {
                        format!(
                            "{} ({})",
                            d.actor_name(h),
                            orgs.into_iter().collect::<Vec<_>>().join(", ")
                        )
                    }
                })
                .collect(),
            actor_camps: rows
                .iter()
                .map(|(h, _)| camp_of_iri(h).unwrap_or(0))
                .collect(),
            targets: cols.iter().map(|t| d.target_label(t).to_string()).collect(),
            cells: rows
                .iter()
                .map(|(h, _)| {
                    cols.iter()
                        .map(|t| {
                            per_target
                                .get(t)
                                .and_then(|m| m.get(h))
                                .cloned()
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect(),
            omitted_targets: target_order.len().saturating_sub(cols.len()),
        };

        // Profiles.
        let degree_order = a.measures.by_degree();
        let mut rank_of = vec![0usize; net.nodes.len()];
        for (r, &i) in degree_order.iter().enumerate() {
            rank_of[i] = r + 1;
        }
        let mut key: Vec<usize> = (0..net.nodes.len()).collect();
        let score = |i: usize| {
            let n = &net.nodes[i];
            2 * n.quotes + n.statements + a.measures.nodes[i].degree
        };
        key.sort_by(|&x, &y| {
            score(y)
                .cmp(&score(x))
                .then(net.nodes[x].name.cmp(&net.nodes[y].name))
        });
        key.retain(|&i| {
            let n = &net.nodes[i];
            n.quotes + n.statements > 0 || d.acts.iter().any(|x| x.agent == n.iri)
        });
        key.truncate(opts.profiles);
        let profiles: Vec<Profile> = key
            .iter()
            .map(|&i| profile(a, i, rank_of[i], opts.claims_per_profile))
            .collect();

        // Agreement and conflict.
        let evidence_of = |edges: &[&crate::network::Edge]| -> Vec<CitedClaim> {
            let mut out: Vec<CitedClaim> = vec![];
            for ev in edges.iter().flat_map(|e| e.evidence.iter()) {
                if out.len() < 4 && !out.iter().any(|c| c.text == ev.text) {
                    out.push(CitedClaim {
                        speaker: ev.speaker.clone(),
                        text: ev.text.clone(),
                        kind: String::new(),
                        citation: ev.citation.clone(),
                        verbatim: ev.verbatim,
                        url: ev.url.clone(),
                    });
                }
            }
            out
        };
        let mut agreements = vec![];
        let mut cong: Vec<&crate::network::Edge> = net.edges_of(EdgeKind::Congruence).collect();
        cong.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.source.cmp(&y.source)));
        for e in cong.into_iter().take(opts.points) {
            let (na, nb) = (&net.nodes[e.source].name, &net.nodes[e.target].name);
            let sides = shared_sides(a, e.source, e.target);
            agreements.push(Point {
                a: na.clone(),
                b: nb.clone(),
                sentence: format!(
                    "{na} and {nb} are both {} ({}).",
                    sides,
                    plural(e.weight as usize, "statement", "statements")
                ),
                weight: e.weight,
                evidence: evidence_of(&[e]),
            });
        }
        // Conflict: opposite sides on targets, hostile acts and stances against an actor, per pair.
        let mut hostile: BTreeMap<(usize, usize), Vec<&crate::network::Edge>> = BTreeMap::new();
        for e in &net.edges {
            if e.kind == EdgeKind::Conflict
                || (matches!(e.kind, EdgeKind::Act | EdgeKind::Position) && e.sign < 0)
            {
                hostile
                    .entry((e.source.min(e.target), e.source.max(e.target)))
                    .or_default()
                    .push(e);
            }
        }
        let mut conflicts = vec![];
        for ((x, y), edges) in &hostile {
            let (na, nb) = (&net.nodes[*x].name, &net.nodes[*y].name);
            let mut parts = vec![];
            for e in edges {
                let (sa, sb) = (&net.nodes[e.source].name, &net.nodes[e.target].name);
                parts.push(match e.kind {
                    EdgeKind::Conflict => format!(
                        "they take opposite sides on {} ({})",
                        and_list(&e.targets),
                        plural(e.weight as usize, "statement", "statements")
                    ),
                    EdgeKind::Act => format!(
                        "{sa} {} {sb} ({})",
                        e.label,
                        plural(e.weight as usize, "report", "reports")
                    ),
                    _ => format!(
                        "{sa} is against {sb} ({})",
                        plural(e.weight as usize, "statement", "statements")
                    ),
                });
            }
            let weight: f64 = edges.iter().map(|e| e.weight).sum();
            let mut sentence = format!("{na} and {nb}: {}.", parts.join("; "));
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + sentence.get(1..).unwrap_or("");
            }
            conflicts.push(Point {
                a: na.clone(),
                b: nb.clone(),
                sentence,
                weight,
                evidence: evidence_of(edges),
            });
        }
        conflicts.sort_by(|p, q| {
            q.weight
                .total_cmp(&p.weight)
                .then(p.a.cmp(&q.a))
                .then(p.b.cmp(&q.b))
        });
        conflicts.truncate(opts.points);
        // Critics: actors against two or more distinct targets.
        let mut against: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for s in d.stances.iter().filter(|s| s.polarity == Polarity::Against) {
            *against
                .entry(&s.holder)
                .or_default()
                .entry(&s.target)
                .or_default() += 1;
        }
        let mut critics: Vec<(usize, String)> = against
            .iter()
            .filter(|(_, ts)| ts.len() >= 2)
            .map(|(h, ts)| {
                let list: Vec<String> = ts
                    .iter()
                    .map(|(t, n)| format!("{} ({n})", d.target_label(t)))
                    .collect();
                (
                    ts.values().sum::<usize>(),
                    format!("{}: against {}.", d.actor_name(h), and_list(&list)),
                )
            })
            .collect();
        critics.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));

        // Unattributed claims.
        let unattributed: Vec<CitedClaim> = d
            .quotes
            .iter()
            .filter(|q| q.speaker.is_none())
            .map(|q| CitedClaim {
                speaker: None,
                text: q.text.clone(),
                kind: q.kind.clone(),
                citation: d.cite(q),
                verbatim: true,
                url: d.url_of(&q.article).map(str::to_string),
            })
            .collect();

        // Outlets.
        let outlets = outlet_rows(a);
        let outlet_reason = match corpus.outlets.len() {
            0 => "No article names its outlet, so outlets cannot be compared.".to_string(),
            1 => format!(
                "All articles come from one outlet ({}): there is nothing to compare.",
                corpus.outlets[0]
            ),
            _ => String::new(),
        };

        let figure = if net.nodes.is_empty() {
            None
        } else {
            Some(super::svg::network_svg(a, opts.figure_actors))
        };

        Briefing {
            timeline: super::timeline::build(a),
            title: "Briefing: who argues what".to_string(),
            corpus,
            story,
            camps: Section::new(
                camps,
                "No two actors are tied by shared positions, friendly acts or roles, so no camp forms.",
            ),
            targets: Section::new(targets, "No stance toward any target was extracted."),
            matrix_empty_reason: if matrix.actors.is_empty() {
                "No actor holds a stance toward a target, so the matrix is empty.".into()
            } else {
                String::new()
            },
            matrix,
            profiles: Section::new(profiles, "No actor is quoted or holds a stance."),
            agreements: Section::new(
                agreements,
                "No two actors take the same side on a shared target.",
            ),
            conflicts: Section::new(
                conflicts,
                "No two actors take opposite sides on a shared target, and no hostile act was reported.",
            ),
            critics: Section::new(
                critics.into_iter().map(|(_, s)| s).collect(),
                "No actor is against more than one target.",
            ),
            unattributed: Section::new(unattributed, "Every quotation has a named speaker."),
            outlets: Section::new(if outlet_reason.is_empty() { outlets } else { vec![] }, outlet_reason),
            figure_empty_reason: if figure.is_none() {
                "The graph holds no actor with a quotation, stance, act or role.".into()
            } else {
                String::new()
            },
            figure,
        }
    }
}

fn camp_phrase(c: &CampInfo) -> String {
    let mut s = and_list(&c.members);
    if !c.positions.is_empty() {
        let pos: Vec<String> = c
            .positions
            .iter()
            .take(2)
            .map(|(side, t, _)| format!("{side} {t}"))
            .collect();
        s.push_str(&format!(" ({})", and_list(&pos)));
    }
    s
}

/// "against T1 and for T2" for the targets on which both actors take the same side.
fn shared_sides(a: &Analysis, x: usize, y: usize) -> String {
    let d = &a.data;
    let (ix, iy) = (&a.network.nodes[x].iri, &a.network.nodes[y].iri);
    let side = |h: &str, t: &str| -> i64 {
        d.stances
            .iter()
            .filter(|s| s.holder == h && s.target == t)
            .map(|s| match s.polarity {
                Polarity::Favour => 1,
                Polarity::Against => -1,
                Polarity::Neutral => 0,
            })
            .sum::<i64>()
            .signum()
    };
    let targets: BTreeSet<&str> = d
        .stances
        .iter()
        .filter(|s| s.holder == *ix)
        .map(|s| s.target.as_str())
        .collect();
    let mut parts = vec![];
    for t in targets {
        let (sx, sy) = (side(ix, t), side(iy, t));
        if sx != 0 && sx == sy {
            parts.push(format!(
                "{} {}",
                if sx > 0 { "for" } else { "against" },
                d.target_label(t)
            ));
        }
    }
    if parts.is_empty() {
        "on the same side".to_string()
    } else {
        and_list(&parts)
    }
}

fn profile(a: &Analysis, i: usize, degree_rank: usize, max_claims: usize) -> Profile {
    let d = &a.data;
    let n = &a.network.nodes[i];
    let iri = n.iri.as_str();
    let mut roles: Vec<String> = d
        .memberships
        .iter()
        .filter(|m| m.member == iri)
        .map(|m| format!("{} of {}", m.role, d.actor_name(&m.organisation)))
        .collect();
    roles.extend(
        d.org_relations
            .iter()
            .filter(|o| o.child == iri)
            .map(|o| format!("{} {}", o.kind.replace('-', " "), d.actor_name(&o.parent))),
    );
    roles.sort();
    roles.dedup();
    let mut members: Vec<String> = d
        .memberships
        .iter()
        .filter(|m| m.organisation == iri)
        .map(|m| format!("{} ({})", d.actor_name(&m.member), m.role))
        .collect();
    members.extend(
        d.org_relations
            .iter()
            .filter(|o| o.parent == iri)
            .map(|o| format!("{} ({})", d.actor_name(&o.child), o.kind.replace('-', " "))),
    );
    members.sort();
    members.dedup();
    let mut st: BTreeMap<(&str, Polarity), usize> = BTreeMap::new();
    for s in d.stances.iter().filter(|s| s.holder == iri) {
        *st.entry((&s.target, s.polarity)).or_default() += 1;
    }
    let mut stances: Vec<(usize, String)> = st
        .iter()
        .map(|((t, p), c)| (*c, format!("{} {} ({c})", pol_word(*p), d.target_label(t))))
        .collect();
    stances.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut acts: Vec<String> = d
        .acts
        .iter()
        .filter(|x| x.agent == iri)
        .map(|x| format!("{} {}", x.kind, d.actor_name(&x.patient)))
        .collect();
    acts.sort();
    acts.dedup();
    let mut acted: Vec<String> = d
        .acts
        .iter()
        .filter(|x| x.patient == iri)
        .map(|x| format!("{} {} it", d.actor_name(&x.agent), x.kind))
        .collect();
    acted.sort();
    acted.dedup();
    let mut qs: Vec<&crate::network::data::Quote> = d
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some(iri))
        .collect();
    // Claims behind stances first, then direct quotes, then by confidence and length.
    let stance_claims: HashMap<&str, ()> = d
        .stances
        .iter()
        .filter_map(|s| s.claim.as_deref().map(|c| (c, ())))
        .collect();
    qs.sort_by(|x, y| {
        let kx = (
            !x.claim
                .as_deref()
                .is_some_and(|c| stance_claims.contains_key(c)),
            x.kind != "direct",
        );
        let ky = (
            !y.claim
                .as_deref()
                .is_some_and(|c| stance_claims.contains_key(c)),
            y.kind != "direct",
        );
        kx.cmp(&ky)
            .then(y.confidence.total_cmp(&x.confidence))
            .then((&x.article, x.paragraph).cmp(&(&y.article, y.paragraph)))
    });
    let claims = qs
        .into_iter()
        .take(max_claims)
        .map(|q| CitedClaim {
            speaker: Some(n.name.clone()),
            text: q.text.clone(),
            kind: q.kind.clone(),
            citation: d.cite(q),
            verbatim: true,
            url: d.url_of(&q.article).map(str::to_string),
        })
        .collect();
    Profile {
        name: n.name.clone(),
        kind: n.kind.clone(),
        roles,
        members,
        camp: a.camp_of(i).map(|c| c + 1),
        quotes: n.quotes,
        degree: a.measures.nodes[i].degree,
        degree_rank,
        stances: stances.into_iter().map(|(_, s)| s).collect(),
        acts,
        acted_on_by: acted,
        claims,
    }
}

/// Articles, quotes per speaker, and stances (favour, against, neutral) of one outlet.
type OutletAcc<'a> = (usize, BTreeMap<&'a str, usize>, (usize, usize, usize));

fn outlet_rows(a: &Analysis) -> Vec<OutletRow> {
    let d = &a.data;
    let outlet_of: HashMap<&str, &str> = d
        .articles
        .iter()
        .filter_map(|x| x.outlet.as_deref().map(|o| (x.iri.as_str(), o)))
        .collect();
    let mut rows: BTreeMap<&str, OutletAcc> = BTreeMap::new();
    for x in &d.articles {
        if let Some(o) = &x.outlet {
            rows.entry(o).or_default().0 += 1;
        }
    }
    for q in &d.quotes {
        if let (Some(o), Some(s)) = (outlet_of.get(q.article.as_str()), &q.speaker) {
            *rows.entry(o).or_default().1.entry(s).or_default() += 1;
        }
    }
    for s in &d.stances {
        if let Some(o) = outlet_of.get(s.article.as_str()) {
            let p = &mut rows.entry(o).or_default().2;
            match s.polarity {
                Polarity::Favour => p.0 += 1,
                Polarity::Against => p.1 += 1,
                Polarity::Neutral => p.2 += 1,
            }
        }
    }
    let mut quoted_by: HashMap<&str, usize> = HashMap::new();
    for (_, q, _) in rows.values() {
        for s in q.keys() {
            *quoted_by.entry(s).or_default() += 1;
        }
    }
    rows.iter()
        .map(|(o, (arts, q, pol))| {
            let total: usize = q.values().sum();
            let mut top: Vec<(String, usize, f64)> = q
                .iter()
                .map(|(s, n)| {
                    (
                        d.actor_name(s).to_string(),
                        *n,
                        *n as f64 / total.max(1) as f64,
                    )
                })
                .collect();
            top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            top.truncate(5);
            let mut only: Vec<String> = q
                .keys()
                .filter(|s| quoted_by.get(*s) == Some(&1))
                .map(|s| d.actor_name(s).to_string())
                .collect();
            only.sort();
            OutletRow {
                outlet: o.to_string(),
                articles: *arts,
                quotes: total,
                top,
                only_here: only,
                polarity: *pol,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(16_757), "2015-11-18");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn lists_join_with_and() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
