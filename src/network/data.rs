//! What the network and the briefing read from the graph, loaded through SPARQL.
//!
//! Everything here is read with [`Store::select`] over the union graph, so the
//! consumers depend only on the graph model of [`crate::rdf`], never on the
//! extraction internals. [`Filter`] restricts the loaded facts to some articles
//! (outlet, date range) and some targets.

use crate::error::Result;
use crate::extraction::Polarity;
use crate::rdf::vocab::{SG_NS, SPARQL_PREFIXES};
use crate::store::{Row, Store};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Which part of the graph to read.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep only stances (and the claims and acts behind them) on targets whose
    /// label, id or IRI contains this text (case-insensitive).
    pub target: Option<String>,
    /// Keep only articles of outlets whose name contains this text (case-insensitive).
    pub outlet: Option<String>,
    /// Keep only articles published on or after this ISO date (`2015-01-31`, `2015`).
    pub from: Option<String>,
    /// Keep only articles published on or before this ISO date.
    pub to: Option<String>,
}

impl Filter {
    /// True when no restriction is set.
    pub fn is_empty(&self) -> bool {
        self.target.is_none() && self.outlet.is_none() && self.from.is_none() && self.to.is_none()
    }
}

/// A news article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Article IRI.
    pub iri: String,
    /// Document id (`sg:documentId`, else the IRI's last segment).
    pub id: String,
    /// Headline, if known.
    pub headline: Option<String>,
    /// Outlet name (the publisher's `schema:name`), if known.
    pub outlet: Option<String>,
    /// Publication date as stored.
    pub date: Option<String>,
    /// URL, if known.
    pub url: Option<String>,
}

impl Article {
    /// A short human reference: headline or id.
    pub fn title(&self) -> &str {
        self.headline.as_deref().unwrap_or(&self.id)
    }
}

/// An actor.
#[derive(Debug, Clone, Serialize)]
pub struct ActorInfo {
    /// Actor IRI.
    pub iri: String,
    /// Display name.
    pub name: String,
    /// Kind literal ("person", "organisation", "group", "outlet", "campaign", ...).
    pub kind: String,
    /// True when it is the publisher of some article.
    pub is_publisher: bool,
}

/// A quotation (attributed statement) and the claim it conveys.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// Quotation IRI.
    pub iri: String,
    /// Article IRI.
    pub article: String,
    /// The quoted or reported text, verbatim.
    pub text: String,
    /// Speaker actor IRI, if known.
    pub speaker: Option<String>,
    /// "direct", "indirect" or "mixed".
    pub kind: String,
    /// Zero-based paragraph index.
    pub paragraph: Option<i64>,
    /// Attribution confidence.
    pub confidence: f64,
    /// The claim IRI it conveys.
    pub claim: Option<String>,
    /// How the speaker was resolved.
    pub resolution: Option<String>,
    /// Cue text.
    pub cue: Option<String>,
}

/// A role or affiliation (org:Membership).
#[derive(Debug, Clone, Serialize)]
pub struct Membership {
    /// Member actor IRI.
    pub member: String,
    /// Organisation actor IRI.
    pub organisation: String,
    /// Role label as written.
    pub role: String,
    /// Article IRI.
    pub article: String,
}

/// An organisation-to-organisation relation.
#[derive(Debug, Clone, Serialize)]
pub struct OrgRel {
    /// Subordinate actor IRI.
    pub child: String,
    /// Superior actor IRI.
    pub parent: String,
    /// Relation kind ("subsidiary-of", "faction-of", "member-of").
    pub kind: String,
    /// Article IRI.
    pub article: String,
}

/// An actor-to-actor act (sg:Interaction).
#[derive(Debug, Clone, Serialize)]
pub struct ActRec {
    /// Act IRI.
    pub iri: String,
    /// Acting actor IRI.
    pub agent: String,
    /// Actor acted upon.
    pub patient: String,
    /// Act type, lower case ("criticises", "removes", ...).
    pub kind: String,
    /// -1 hostile, +1 friendly.
    pub polarity: i64,
    /// Claim IRI it was reported in.
    pub claim: Option<String>,
    /// Confidence.
    pub confidence: f64,
    /// Article IRI.
    pub article: String,
}

/// A stance target (a proposition or an actor).
#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    /// Target IRI (an actor IRI for actor targets).
    pub iri: String,
    /// Label.
    pub label: String,
    /// True when the target is an actor.
    pub is_actor: bool,
}

/// A stance of an actor toward a target.
#[derive(Debug, Clone, Serialize)]
pub struct StanceRec {
    /// Stance IRI.
    pub iri: String,
    /// Holder actor IRI.
    pub holder: String,
    /// Target IRI.
    pub target: String,
    /// Polarity.
    pub polarity: Polarity,
    /// Confidence.
    pub confidence: f64,
    /// Claim IRI expressing it.
    pub claim: Option<String>,
    /// Act IRI it was derived from.
    pub act: Option<String>,
    /// Article IRI.
    pub article: String,
}

/// Everything the network and the briefing need, read from the graph.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GraphData {
    /// Articles (sorted by id).
    pub articles: Vec<Article>,
    /// Actors by IRI.
    pub actors: BTreeMap<String, ActorInfo>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Roles and affiliations.
    pub memberships: Vec<Membership>,
    /// Organisation relations.
    pub org_relations: Vec<OrgRel>,
    /// Acts.
    pub acts: Vec<ActRec>,
    /// Targets by IRI.
    pub targets: BTreeMap<String, TargetInfo>,
    /// Stances.
    pub stances: Vec<StanceRec>,
    /// Extraction methods of the runs that produced the articles.
    pub methods: Vec<String>,
    /// Article position by IRI.
    #[serde(skip)]
    article_index: HashMap<String, usize>,
    /// Per article IRI: the sorted 0-based indices of its furniture paragraphs
    /// (headline, headings, captions, alt text), which readers do not count.
    #[serde(skip)]
    pub furniture: HashMap<String, Vec<i64>>,
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn opt(row: &Row, var: &str) -> Option<String> {
    row.str(var).filter(|s| !s.is_empty())
}

fn need(row: &Row, var: &str) -> Option<String> {
    row.str(var)
}

fn polarity_of(iri: &str) -> Option<Polarity> {
    match local_name(iri) {
        "Favour" => Some(Polarity::Favour),
        "Against" => Some(Polarity::Against),
        "Neutral" => Some(Polarity::Neutral),
        _ => None,
    }
}

/// Every distinct value of `property` per subject (one query, no joins).
fn distinct_values(store: &Store, property: &str) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for r in query(
        store,
        &format!("SELECT DISTINCT ?s ?v WHERE {{ ?s {property} ?v }}"),
    )? {
        if let (Some(s), Some(v)) = (need(&r, "s"), need(&r, "v")) {
            out.entry(s).or_default().push(v);
        }
    }
    Ok(out)
}

/// A deterministic choice among several values: the longest, then the smallest.
fn pick(values: &[String]) -> Option<String> {
    values
        .iter()
        .filter(|v| !v.is_empty())
        .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
        .cloned()
}

fn query(store: &Store, body: &str) -> Result<Vec<Row>> {
    store.select(&format!("{SPARQL_PREFIXES}{body}"))
}

/// Date prefix comparison that works for `2015`, `2015-11` and `2015-11-18T...`.
fn date_in_range(date: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(d) = date else { return false };
    if let Some(f) = from {
        // A coarser date (2015) is inside a range starting in 2015-06 only if its prefix matches.
        let n = d.len().min(f.len());
        if d.get(..n).unwrap_or(d) < f.get(..n).unwrap_or(f) {
            return false;
        }
    }
    if let Some(t) = to {
        let n = d.len().min(t.len());
        if d.get(..n).unwrap_or(d) > t.get(..n).unwrap_or(t) {
            return false;
        }
    }
    true
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

impl GraphData {
    /// Reads the graph, keeping what `filter` selects.
    ///
    /// Global nodes (actors, targets) are repeated in every article graph they
    /// appear in, so their properties are read with one `DISTINCT` query per
    /// property (no joins that would multiply the copies); per-article records
    /// are read inside `GRAPH ?g`, where each of their triples occurs once.
    pub fn load(store: &Store, filter: &Filter) -> Result<GraphData> {
        let mut data = GraphData::default();
        let names = distinct_values(store, "schema:name")?;
        let labels = distinct_values(store, "rdfs:label")?;
        let kinds = distinct_values(store, "sg:actorKind")?;
        let publishers = distinct_values(store, "sg:isPublisher")?;
        for r in query(store, "SELECT DISTINCT ?a WHERE { ?a a sg:Actor }")? {
            let Some(iri) = need(&r, "a") else { continue };
            let name = names
                .get(&iri)
                .or_else(|| labels.get(&iri))
                .and_then(|v| pick(v))
                .unwrap_or_else(|| local_name(&iri).to_string());
            let is_publisher = publishers
                .get(&iri)
                .is_some_and(|v| v.iter().any(|p| p == "true" || p == "1"));
            data.actors.insert(
                iri.clone(),
                ActorInfo {
                    kind: kinds
                        .get(&iri)
                        .and_then(|v| pick(v))
                        .unwrap_or_else(|| "unknown".into()),
                    iri,
                    name,
                    is_publisher,
                },
            );
        }

        let mut seen = HashSet::new();
        for r in query(
            store,
            "SELECT ?a ?id ?h ?p ?date ?url WHERE { GRAPH ?g {
               ?a a schema:NewsArticle .
               OPTIONAL { ?a sg:documentId ?id }
               OPTIONAL { ?a schema:headline ?h }
               OPTIONAL { ?a schema:publisher ?p }
               OPTIONAL { ?a schema:datePublished ?date }
               OPTIONAL { ?a schema:url ?url }
             } }",
        )? {
            let Some(iri) = need(&r, "a") else { continue };
            if !seen.insert(iri.clone()) {
                continue;
            }
            let outlet = opt(&r, "p").map(|p| {
                data.actors
                    .get(&p)
                    .map(|a| a.name.clone())
                    .or_else(|| names.get(&p).and_then(|v| pick(v)))
                    .unwrap_or_else(|| local_name(&p).to_string())
            });
            let art = Article {
                id: opt(&r, "id").unwrap_or_else(|| local_name(&iri).to_string()),
                iri,
                headline: opt(&r, "h"),
                outlet,
                date: opt(&r, "date"),
                url: opt(&r, "url"),
            };
            if let Some(o) = &filter.outlet {
                if !art.outlet.as_deref().is_some_and(|n| contains_ci(n, o)) {
                    continue;
                }
            }
            if !date_in_range(
                art.date.as_deref(),
                filter.from.as_deref(),
                filter.to.as_deref(),
            ) {
                continue;
            }
            data.articles.push(art);
        }
        data.articles
            .sort_by(|a, b| a.id.cmp(&b.id).then(a.iri.cmp(&b.iri)));
        data.article_index = data
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.iri.clone(), i))
            .collect();
        let kept: HashSet<String> = data.articles.iter().map(|a| a.iri.clone()).collect();

        let mut methods = BTreeSet::new();
        for r in query(
            store,
            "SELECT DISTINCT ?a ?m WHERE { ?a a schema:NewsArticle ; prov:wasGeneratedBy ?run . ?run sg:method ?m }",
        )? {
            if let (Some(a), Some(m)) = (need(&r, "a"), need(&r, "m")) {
                if kept.contains(&a) {
                    methods.insert(m);
                }
            }
        }
        data.methods = methods.into_iter().collect();

        let pref = distinct_values(store, "skos:prefLabel")?;
        let sources = distinct_values(store, "sg:targetSource")?;
        for r in query(
            store,
            "SELECT DISTINCT ?t WHERE { ?s a sg:Stance ; sg:target ?t }",
        )? {
            let Some(iri) = need(&r, "t") else { continue };
            let is_actor = data.actors.contains_key(&iri)
                || sources
                    .get(&iri)
                    .is_some_and(|v| v.iter().any(|s| s == "actor"));
            let label = pref
                .get(&iri)
                .and_then(|v| pick(v))
                .or_else(|| data.actors.get(&iri).map(|a| a.name.clone()))
                .or_else(|| names.get(&iri).and_then(|v| pick(v)))
                .unwrap_or_else(|| local_name(&iri).replace('-', " "));
            data.targets.insert(
                iri.clone(),
                TargetInfo {
                    iri,
                    label,
                    is_actor,
                },
            );
        }
        let target_ok: HashSet<String> = data
            .targets
            .values()
            .filter(|t| match &filter.target {
                None => true,
                Some(f) => {
                    contains_ci(&t.label, f) || contains_ci(local_name(&t.iri), f) || t.iri == *f
                }
            })
            .map(|t| t.iri.clone())
            .collect();

        for r in query(
            store,
            "SELECT ?s ?art ?h ?t ?p ?c ?claim ?act WHERE {
               { GRAPH ?g { ?s a sg:Stance . ?art a schema:NewsArticle .
                 ?s sg:holder ?h ; sg:target ?t ; sg:polarity ?p .
                 OPTIONAL { ?s sg:confidence ?c }
                 OPTIONAL { ?s sg:expressedIn ?claim }
                 OPTIONAL { ?s sg:derivedFromAct ?act }
               } }
               UNION
               { GRAPH <https://w3id.org/stancegraph/id/graph/corpus> { ?s a sg:Stance ; sg:holder ?h ; sg:target ?t ;
                   sg:polarity ?p ; sg:expressedIn ?claim .
                   OPTIONAL { ?s sg:confidence ?c } }
                 ?claim schema:appearance ?art . }
             }",
        )? {
            let (Some(iri), Some(article), Some(holder), Some(target), Some(p)) = (
                need(&r, "s"),
                need(&r, "art"),
                need(&r, "h"),
                need(&r, "t"),
                need(&r, "p"),
            ) else {
                continue;
            };
            let Some(polarity) = polarity_of(&p) else {
                continue;
            };
            if !kept.contains(&article) || !target_ok.contains(&target) {
                continue;
            }
            data.stances.push(StanceRec {
                iri,
                holder,
                target,
                polarity,
                confidence: r.f64("c").unwrap_or(0.0),
                claim: opt(&r, "claim"),
                act: opt(&r, "act"),
                article,
            });
        }
        data.stances.sort_by(|a, b| a.iri.cmp(&b.iri));
        data.stances.dedup_by(|a, b| a.iri == b.iri);

        for r in query(
            store,
            "SELECT ?x ?art ?ag ?pa ?ty ?pol ?claim ?c WHERE {
               GRAPH ?g { ?x a sg:Interaction . ?art a schema:NewsArticle .
               ?x sg:agent ?ag ; sg:patient ?pa .
               OPTIONAL { ?x sg:actType ?ty }
               OPTIONAL { ?x sg:actPolarity ?pol }
               OPTIONAL { ?x sg:reportedIn ?claim }
               OPTIONAL { ?x sg:confidence ?c }
             } }",
        )? {
            let (Some(iri), Some(article), Some(agent), Some(patient)) = (
                need(&r, "x"),
                need(&r, "art"),
                need(&r, "ag"),
                need(&r, "pa"),
            ) else {
                continue;
            };
            if !kept.contains(&article) {
                continue;
            }
            let kind = r
                .str("ty")
                .map(|t| {
                    t.strip_prefix(SG_NS)
                        .unwrap_or(local_name(&t))
                        .to_lowercase()
                })
                .unwrap_or_else(|| "acts on".into());
            data.acts.push(ActRec {
                iri,
                agent,
                patient,
                kind,
                polarity: r.i64("pol").unwrap_or(0).signum(),
                claim: opt(&r, "claim"),
                confidence: r.f64("c").unwrap_or(0.0),
                article,
            });
        }
        data.acts.sort_by(|a, b| a.iri.cmp(&b.iri));
        data.acts.dedup_by(|a, b| a.iri == b.iri);

        for r in query(
            store,
            "SELECT ?q ?art ?text ?sp ?kind ?para ?c ?claim ?res ?cue WHERE { GRAPH ?g {
               ?q a schema:Quotation ; schema:isPartOf ?art ; schema:text ?text .
               OPTIONAL { ?q schema:spokenByCharacter ?sp }
               OPTIONAL { ?q sg:quoteKind ?kind }
               OPTIONAL { ?q sg:paragraphIndex ?para }
               OPTIONAL { ?q sg:confidence ?c }
               OPTIONAL { ?q sg:conveys ?claim }
               OPTIONAL { ?q sg:speakerResolution ?res }
               OPTIONAL { ?q sg:cue ?cue }
             } }",
        )? {
            let (Some(iri), Some(article), Some(text)) =
                (need(&r, "q"), need(&r, "art"), need(&r, "text"))
            else {
                continue;
            };
            if !kept.contains(&article) {
                continue;
            }
            data.quotes.push(Quote {
                iri,
                article,
                text,
                speaker: opt(&r, "sp"),
                kind: r
                    .str("kind")
                    .map(|k| local_name(&k).to_lowercase())
                    .unwrap_or_else(|| "direct".into()),
                paragraph: r.i64("para"),
                confidence: r.f64("c").unwrap_or(0.0),
                claim: opt(&r, "claim"),
                resolution: opt(&r, "res"),
                cue: opt(&r, "cue"),
            });
        }
        data.quotes.sort_by(|a, b| {
            (a.article.as_str(), a.paragraph, a.iri.as_str()).cmp(&(
                b.article.as_str(),
                b.paragraph,
                b.iri.as_str(),
            ))
        });
        data.quotes.dedup_by(|a, b| a.iri == b.iri);

        for r in query(
            store,
            "SELECT ?m ?art ?who ?org ?label ?rl WHERE {
               GRAPH ?g { ?m a org:Membership . ?art a schema:NewsArticle .
               ?m org:member ?who ; org:organization ?org .
               OPTIONAL { ?m sg:roleLabel ?label }
               OPTIONAL { ?m org:role ?role . ?role skos:prefLabel ?rl }
             } }",
        )? {
            let (Some(article), Some(member), Some(organisation)) =
                (need(&r, "art"), need(&r, "who"), need(&r, "org"))
            else {
                continue;
            };
            if !kept.contains(&article) {
                continue;
            }
            data.memberships.push(Membership {
                member,
                organisation,
                role: opt(&r, "label")
                    .or_else(|| opt(&r, "rl"))
                    .unwrap_or_else(|| "member".into()),
                article,
            });
        }
        for r in query(
            store,
            "SELECT ?o ?art ?child ?parent ?kind WHERE {
               GRAPH ?g { ?o a sg:OrgRelation . ?art a schema:NewsArticle .
               ?o sg:child ?child ; sg:parent ?parent .
               OPTIONAL { ?o sg:relationKind ?kind }
             } }",
        )? {
            let (Some(article), Some(child), Some(parent)) =
                (need(&r, "art"), need(&r, "child"), need(&r, "parent"))
            else {
                continue;
            };
            if !kept.contains(&article) {
                continue;
            }
            data.org_relations.push(OrgRel {
                child,
                parent,
                kind: opt(&r, "kind").unwrap_or_else(|| "sub-organisation-of".into()),
                article,
            });
        }
        data.memberships.sort_by(|a, b| {
            (&a.member, &a.organisation, &a.article).cmp(&(&b.member, &b.organisation, &b.article))
        });
        data.memberships.dedup_by(|a, b| {
            a.member == b.member && a.organisation == b.organisation && a.article == b.article
        });
        data.org_relations.sort_by(|a, b| {
            (&a.child, &a.parent, &a.article).cmp(&(&b.child, &b.parent, &b.article))
        });
        data.org_relations
            .dedup_by(|a, b| a.child == b.child && a.parent == b.parent && a.article == b.article);

        for r in query(
            store,
            "SELECT DISTINCT ?art ?i WHERE { GRAPH ?g {
               ?art a schema:NewsArticle . ?p sg:furniture ?f ; sg:paragraphIndex ?i } }",
        )? {
            if let (Some(art), Some(i)) = (need(&r, "art"), r.i64("i")) {
                data.furniture.entry(art).or_default().push(i);
            }
        }
        for v in data.furniture.values_mut() {
            v.sort_unstable();
            v.dedup();
        }

        if filter.target.is_some() {
            data.restrict_to_targets();
        }
        Ok(data)
    }

    /// After a target filter: keeps the quotes and acts behind the kept stances
    /// (and acts on kept actor targets), and the roles of the actors still present.
    fn restrict_to_targets(&mut self) {
        let claims: HashSet<&str> = self
            .stances
            .iter()
            .filter_map(|s| s.claim.as_deref())
            .collect();
        let acts: HashSet<&str> = self
            .stances
            .iter()
            .filter_map(|s| s.act.as_deref())
            .collect();
        let actor_targets: HashSet<&str> = self
            .stances
            .iter()
            .map(|s| s.target.as_str())
            .filter(|t| self.actors.contains_key(*t))
            .collect();
        self.quotes
            .retain(|q| q.claim.as_deref().is_some_and(|c| claims.contains(c)));
        self.acts.retain(|a| {
            acts.contains(a.iri.as_str())
                || actor_targets.contains(a.patient.as_str())
                || a.claim.as_deref().is_some_and(|c| claims.contains(c))
        });
        let mut present: HashSet<String> = HashSet::new();
        for s in &self.stances {
            present.insert(s.holder.clone());
        }
        for a in &self.acts {
            present.insert(a.agent.clone());
            present.insert(a.patient.clone());
        }
        for q in &self.quotes {
            if let Some(s) = &q.speaker {
                present.insert(s.clone());
            }
        }
        self.memberships
            .retain(|m| present.contains(&m.member) || present.contains(&m.organisation));
        self.org_relations
            .retain(|o| present.contains(&o.child) || present.contains(&o.parent));
        let used: HashSet<&str> = self.stances.iter().map(|s| s.target.as_str()).collect();
        self.targets.retain(|k, _| used.contains(k.as_str()));
    }

    /// The article with IRI `iri`.
    pub fn article(&self, iri: &str) -> Option<&Article> {
        match self.article_index.get(iri) {
            Some(&i) => self.articles.get(i),
            None => self.articles.iter().find(|a| a.iri == iri),
        }
    }

    /// Display name of an actor IRI (falls back to the IRI's last segment).
    pub fn actor_name<'a>(&'a self, iri: &'a str) -> &'a str {
        self.actors
            .get(iri)
            .map(|a| a.name.as_str())
            .unwrap_or_else(|| local_name(iri))
    }

    /// Label of a target IRI.
    pub fn target_label<'a>(&'a self, iri: &'a str) -> &'a str {
        self.targets
            .get(iri)
            .map(|t| t.label.as_str())
            .unwrap_or_else(|| self.actor_name(iri))
    }

    /// The quote conveying claim `claim`.
    pub fn quote_for_claim(&self, claim: &str) -> Option<&Quote> {
        self.quotes
            .iter()
            .find(|q| q.claim.as_deref() == Some(claim))
    }

    /// Distinct outlet names of the loaded articles, sorted.
    pub fn outlets(&self) -> Vec<String> {
        let s: BTreeSet<String> = self
            .articles
            .iter()
            .filter_map(|a| a.outlet.clone())
            .collect();
        s.into_iter().collect()
    }

    /// "Outlet, article-id, ¶N" citation for a quote.
    pub fn cite(&self, q: &Quote) -> String {
        self.cite_at(&q.article, q.paragraph)
    }

    /// The paragraph number a reader counts for the stored 0-based paragraph
    /// `index` of `article`: 1 for the first body paragraph, with the headline,
    /// headings, captions and alt text not counted (the `?paragraph` of the canned
    /// queries). `None` for a furniture paragraph.
    pub fn paragraph_number(&self, article: &str, index: i64) -> Option<i64> {
        let furniture = self
            .furniture
            .get(article)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if furniture.binary_search(&index).is_ok() {
            return None;
        }
        let before = furniture.partition_point(|&f| f < index) as i64;
        Some(index + 1 - before)
    }

    /// The URL of an article, when known.
    pub fn url_of(&self, article: &str) -> Option<&str> {
        self.article(article).and_then(|a| a.url.as_deref())
    }

    /// Citation for an article and an optional stored paragraph index:
    /// "Outlet, “Headline”, 2015-11-18, ¶3" (outlet and date when known; the
    /// paragraph as a reader counts it, see [`GraphData::paragraph_number`]).
    pub fn cite_at(&self, article: &str, paragraph: Option<i64>) -> String {
        let (title, outlet, date) = match self.article(article) {
            Some(a) => (
                a.title().to_string(),
                a.outlet.clone(),
                a.date
                    .as_deref()
                    .map(|d| d.get(..10).unwrap_or(d).to_string()),
            ),
            None => (local_name(article).to_string(), None, None),
        };
        let mut s = String::new();
        if let Some(o) = outlet {
            s.push_str(&o);
            s.push_str(", ");
        }
        s.push_str(&format!("\u{201c}{title}\u{201d}"));
        if let Some(d) = date {
            s.push_str(&format!(", {d}"));
        }
        if let Some(n) = paragraph.and_then(|p| self.paragraph_number(article, p)) {
            s.push_str(&format!(", \u{b6}{n}"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_compare_by_prefix() {
        assert!(date_in_range(
            Some("2015-11-18"),
            Some("2015-11-01"),
            Some("2015-12-01")
        ));
        assert!(!date_in_range(Some("2015-10-18"), Some("2015-11-01"), None));
        assert!(date_in_range(Some("2015"), Some("2015-06-01"), None));
        assert!(!date_in_range(None, Some("2015"), None));
        assert!(date_in_range(None, None, None));
        assert!(!date_in_range(Some("2016-01-01"), None, Some("2015-12-31")));
    }

    #[test]
    fn paragraph_numbers_skip_furniture() {
        let mut d = GraphData::default();
        d.furniture.insert("a".into(), vec![0, 1, 6]);
        assert_eq!(d.paragraph_number("a", 2), Some(1));
        assert_eq!(d.paragraph_number("a", 5), Some(4));
        assert_eq!(d.paragraph_number("a", 7), Some(5));
        assert_eq!(d.paragraph_number("a", 6), None);
        assert_eq!(d.paragraph_number("b", 0), Some(1));
    }
}
