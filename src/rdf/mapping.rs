//! The mapping from one [`Extraction`] to the quads of its named graph.
//!
//! The shapes are documented in [`crate::rdf`]; this module follows them
//! exactly. Actor IRIs are global and come from [`crate::resolve`] as a
//! [`ResolvedActors`] table; everything else is minted here from the document id.

use super::vocab::{itsrdf, nif, org, prov, rdfs, schema, sg, skos, ID_NS};
use crate::document::Furniture;
use crate::extraction::{
    ActorKind, ClaimKind, Extraction, MentionKind, OrgRelationKind, Polarity, Span,
    SpeakerResolution, TargetSource,
};
use crate::resolve::ResolvedActors;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use std::collections::HashSet;

/// The named graph holding article `doc`.
pub fn graph_iri(doc: &str) -> NamedNode {
    iri(&format!("graph/{doc}"))
}

/// The article node of `doc`.
pub fn article_iri(doc: &str) -> NamedNode {
    iri(&format!("article/{doc}"))
}

/// The NIF context (full text) node of `doc`.
pub fn text_iri(doc: &str) -> NamedNode {
    iri(&format!("article/{doc}/text"))
}

/// The NIF anchor of the char span `[start, end)` of `doc`.
pub fn anchor_iri(doc: &str, start: usize, end: usize) -> NamedNode {
    iri(&format!("article/{doc}/text#char={start},{end}"))
}

/// The global actor node for `slug`.
pub fn actor_iri(slug: &str) -> NamedNode {
    iri(&format!("actor/{slug}"))
}

/// The global target node for target id `id` (catalogue or discovered targets).
pub fn target_iri(id: &str) -> NamedNode {
    iri(&format!("target/{}", crate::ingest::slug(id)))
}

/// The derived cross-article graph (claim clusters).
pub fn corpus_graph_iri() -> NamedNode {
    iri("graph/corpus")
}

/// The derived graph of global actors (names, kinds, labels, match keys),
/// computed from the actor records of the article graphs ([`crate::resolve`]).
pub fn actors_graph_iri() -> NamedNode {
    iri("graph/actors")
}

/// The store's state graph: present only while the derived graph is stale.
pub fn state_graph_iri() -> NamedNode {
    iri("graph/state")
}

/// The record of local actor `local` in the graph of article `doc` (slugged id).
pub fn actor_record_iri(doc: &str, local: &str) -> NamedNode {
    iri(&format!(
        "article/{doc}/actor/{}",
        crate::ingest::slug(local)
    ))
}

/// An instance IRI under `sgid:`; `path` must already be IRI-safe.
pub fn iri(path: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ID_NS}{path}"))
}

/// The `sg:actorKind` literal value of a kind.
pub fn actor_kind_str(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organisation => "organisation",
        ActorKind::Group => "group",
        ActorKind::Outlet => "outlet",
        ActorKind::Place => "place",
        ActorKind::Campaign => "campaign",
        ActorKind::Unknown => "unknown",
    }
}

/// The classes an actor of `kind` carries (besides sg:Actor and prov:Agent).
pub fn actor_classes(kind: ActorKind) -> Vec<NamedNodeRef<'static>> {
    match kind {
        ActorKind::Person => vec![schema::PERSON],
        ActorKind::Organisation => vec![schema::ORGANIZATION],
        ActorKind::Group => vec![sg::GROUP, schema::ORGANIZATION],
        ActorKind::Outlet => vec![schema::NEWS_MEDIA_ORGANIZATION, schema::ORGANIZATION],
        ActorKind::Place => vec![schema::PLACE],
        ActorKind::Campaign => vec![sg::CAMPAIGN, schema::ORGANIZATION],
        ActorKind::Unknown => vec![],
    }
}

fn mention_kind_str(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::PartialName => "partial-name",
        MentionKind::Acronym => "acronym",
        MentionKind::Pronoun => "pronoun",
        MentionKind::RoleNoun => "role-noun",
        MentionKind::Hashtag => "hashtag",
        MentionKind::Nominal => "nominal",
    }
}

fn resolution_str(r: SpeakerResolution) -> &'static str {
    match r {
        SpeakerResolution::Explicit => "explicit",
        SpeakerResolution::Coreference => "coreference",
        SpeakerResolution::Continued => "continued",
        SpeakerResolution::Implied => "implied",
        SpeakerResolution::Unknown => "unknown",
    }
}

fn furniture_str(f: Furniture) -> &'static str {
    match f {
        Furniture::AltText => "alt-text",
        Furniture::Caption => "caption",
        Furniture::Heading => "heading",
        Furniture::Headline => "headline",
    }
}

fn relation_kind_str(k: OrgRelationKind) -> &'static str {
    match k {
        OrgRelationKind::SubsidiaryOf => "subsidiary-of",
        OrgRelationKind::FactionOf => "faction-of",
        OrgRelationKind::MemberOf => "member-of",
    }
}

fn target_source_str(s: TargetSource) -> &'static str {
    match s {
        TargetSource::Catalogue => "catalogue",
        TargetSource::Discovered => "discovered",
        TargetSource::Actor => "actor",
    }
}

/// Strips one pair of surrounding quotation marks (straight or curly) and
/// surrounding whitespace/punctuation from a direct quote's content.
pub fn claim_text(content: &str) -> String {
    let t = content.trim();
    let t = t
        .trim_start_matches(['"', '“', '”', '\'', '‘', '’', '«', '»'])
        .trim_end_matches(['"', '“', '”', '\'', '‘', '’', '«', '»']);
    t.trim().to_string()
}

fn int(v: i64) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::INTEGER)
}

fn double(v: f32) -> Literal {
    // Round through a decimal string so 0.9f32 becomes 0.9, not 0.8999999761581421.
    let v: f64 = format!("{v}").parse().unwrap_or(0.0);
    Literal::from(v)
}

/// A typed date literal when `s` is an ISO date or date-time, a plain literal otherwise.
pub fn date_literal(s: &str) -> Literal {
    static DATE: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("regex"));
    static DATETIME: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
            .expect("regex")
    });
    let s = s.trim();
    if DATE.is_match(s) {
        Literal::new_typed_literal(s, xsd::DATE)
    } else if DATETIME.is_match(s) {
        Literal::new_typed_literal(s, xsd::DATE_TIME)
    } else {
        Literal::new_simple_literal(s)
    }
}

/// Collects the quads of one article graph, without duplicates, in insertion order.
struct Builder {
    graph: GraphName,
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

impl Builder {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        let q = Quad::new(s, p, o, self.graph.clone());
        if self.seen.insert(q.clone()) {
            self.quads.push(q);
        }
    }

    fn lit(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: &str) {
        self.add(s.clone(), p, Literal::new_simple_literal(v));
    }
}

/// Context shared by the node writers.
struct Ctx<'a> {
    ex: &'a Extraction,
    actors: &'a ResolvedActors,
    doc: &'a str,
    text: NamedNode,
    full_text: Option<&'a str>,
    run: NamedNode,
    opts: &'a MapOptions,
}

impl Ctx<'_> {
    fn anchor(&self, b: &mut Builder, span: &Span) -> NamedNode {
        let a = anchor_iri(self.doc, span.start, span.end);
        b.add(a.clone(), rdfs::TYPE, nif::STRING);
        b.add(a.clone(), rdfs::TYPE, nif::RFC5147_STRING);
        b.add(a.clone(), nif::BEGIN_INDEX, int(span.start as i64));
        b.add(a.clone(), nif::END_INDEX, int(span.end as i64));
        b.lit(&a, nif::ANCHOR_OF, &span.text);
        b.add(a.clone(), nif::REFERENCE_CONTEXT, self.text.clone());
        a
    }

    fn node(&self, kind: &str, id: &str) -> NamedNode {
        iri(&format!(
            "article/{}/{kind}/{}",
            self.doc,
            crate::ingest::slug(id)
        ))
    }

    fn actor(&self, local: &str) -> Option<NamedNode> {
        self.actors.get(local).map(|r| r.iri.clone())
    }

    fn paragraph(&self, index: usize) -> NamedNode {
        iri(&format!("article/{}/p/{index}", self.doc))
    }

    fn claim_node(&self, id: &str) -> NamedNode {
        self.node("claim", id)
    }

    fn target(&self, id: &str) -> Option<NamedNode> {
        if let Some(local) = id.strip_prefix("actor:") {
            return self.actor(local);
        }
        let t = self.ex.targets.iter().find(|t| t.id == id);
        match t {
            Some(t) if t.source == TargetSource::Actor => {
                self.actor(t.id.strip_prefix("actor:").unwrap_or(&t.id))
            }
            _ => Some(target_iri(id)),
        }
    }
}

/// Options of the mapping beyond the extraction itself.
#[derive(Debug, Clone, Default)]
pub struct MapOptions {
    /// Leave the full article text out (`nif:isString`), for corpora whose
    /// licence forbids storing it; anchors and quotations are still written.
    pub no_text: bool,
    /// Local ids of claims whose speaker an analyst override set: their
    /// quotation gets `sg:method "override"`.
    pub overridden_claims: HashSet<String>,
    /// Fingerprint of the overrides applied to the article (`sg:overridesHash`).
    pub overrides_hash: Option<String>,
}

/// All quads of article `ex`'s named graph `sgid:graph/{doc}`.
///
/// `text` is the document text (`nif:isString` of the context); `actors` maps the extraction's local actor ids (and [`crate::resolve::PUBLISHER_KEY`]
/// for a publisher named only in the metadata) to global actors.
pub fn extraction_quads(ex: &Extraction, text: Option<&str>, actors: &ResolvedActors) -> Vec<Quad> {
    extraction_quads_with(ex, text, actors, &MapOptions::default())
}

/// [`extraction_quads`] with [`MapOptions`].
pub fn extraction_quads_with(
    ex: &Extraction,
    text: Option<&str>,
    actors: &ResolvedActors,
    opts: &MapOptions,
) -> Vec<Quad> {
    let doc = crate::ingest::slug(&ex.document);
    let mut b = Builder {
        graph: GraphName::NamedNode(graph_iri(&doc)),
        quads: vec![],
        seen: HashSet::new(),
    };
    let hash12: String = ex.content_hash.chars().take(12).collect();
    let cx = Ctx {
        ex,
        actors,
        doc: &doc,
        text: text_iri(&doc),
        full_text: if opts.no_text { None } else { text },
        run: iri(&format!(
            "run/{doc}/{}",
            if hash12.is_empty() { "0" } else { &hash12 }
        )),
        opts,
    };
    let article = article_iri(&doc);
    write_article(&cx, &mut b, &article);
    write_actors(&cx, &mut b);
    write_mentions(&cx, &mut b);
    write_claims(&cx, &mut b, &article);
    write_relations(&cx, &mut b);
    write_stances(&cx, &mut b);
    b.quads
}

fn write_article(cx: &Ctx<'_>, b: &mut Builder, article: &NamedNode) {
    let ex = cx.ex;
    b.add(article.clone(), rdfs::TYPE, schema::NEWS_ARTICLE);
    b.lit(article, sg::DOCUMENT_ID, &ex.document);
    b.lit(article, sg::SOURCE_FILE, &ex.source);
    b.lit(article, sg::CONTENT_HASH, &ex.content_hash);
    if let Some(h) = &cx.opts.overrides_hash {
        b.lit(article, sg::OVERRIDES_HASH, h);
    }
    let m = &ex.meta;
    if let Some(t) = &m.title {
        b.lit(article, schema::HEADLINE, t);
    }
    if let Some(d) = &m.date {
        b.add(article.clone(), schema::DATE_PUBLISHED, date_literal(d));
    }
    if let Some(u) = &m.url {
        b.lit(article, schema::URL, u);
    }
    if let Some(a) = &m.author {
        b.lit(article, schema::AUTHOR, a);
    }
    if let Some(l) = &m.language {
        b.lit(article, schema::IN_LANGUAGE, l);
    }
    if !m.extra.is_empty() {
        let json = serde_json::to_string(&m.extra).unwrap_or_default();
        b.lit(article, sg::EXTRA_METADATA, &json);
    }
    let publisher = ex
        .actors
        .iter()
        .find(|a| a.is_publisher)
        .and_then(|a| cx.actor(&a.id))
        .or_else(|| cx.actor(crate::resolve::PUBLISHER_KEY));
    if let Some(p) = publisher {
        b.add(article.clone(), schema::PUBLISHER, p);
    }
    b.add(article.clone(), prov::WAS_GENERATED_BY, cx.run.clone());

    // Run.
    b.add(cx.run.clone(), rdfs::TYPE, sg::EXTRACTION_RUN);
    b.add(cx.run.clone(), rdfs::TYPE, prov::ACTIVITY);
    b.lit(&cx.run, sg::TOOL_VERSION, &ex.run.tool_version);
    b.lit(&cx.run, sg::METHOD, &ex.run.method);
    b.add(cx.run.clone(), prov::USED, article.clone());

    // Text context (the Extraction does not carry the text: the caller passes it).
    b.add(cx.text.clone(), rdfs::TYPE, nif::CONTEXT);
    if let Some(t) = cx.full_text {
        b.lit(&cx.text, nif::IS_STRING, t);
    }
    b.add(cx.text.clone(), rdfs::TYPE, nif::STRING);
    b.add(cx.text.clone(), nif::BEGIN_INDEX, int(0));
    b.add(cx.text.clone(), nif::END_INDEX, int(ex.text_length as i64));
    if let Some(u) = &m.url {
        b.lit(&cx.text, nif::SOURCE_URL, u);
    }
    b.add(cx.text.clone(), schema::IS_PART_OF, article.clone());

    for p in &ex.paragraphs {
        let n = cx.paragraph(p.index);
        b.add(n.clone(), rdfs::TYPE, sg::PARAGRAPH);
        b.add(n.clone(), rdfs::TYPE, nif::PARAGRAPH);
        b.add(n.clone(), nif::BEGIN_INDEX, int(p.start as i64));
        b.add(n.clone(), nif::END_INDEX, int(p.end as i64));
        b.add(n.clone(), nif::REFERENCE_CONTEXT, cx.text.clone());
        b.add(n.clone(), sg::PARAGRAPH_INDEX, int(p.index as i64));
        if let Some(f) = p.furniture {
            b.lit(&n, sg::FURNITURE, furniture_str(f));
        }
    }
}

fn write_actors(cx: &Ctx<'_>, b: &mut Builder) {
    // The actors' names, kinds and labels live in the actors graph (a function
    // of every article's records); the article keeps its own records and the
    // facts that are its own.
    for rec in crate::resolve::records_of(cx.ex) {
        let Some(r) = cx.actors.get(&rec.local) else {
            continue;
        };
        let a = &r.iri;
        b.add(a.clone(), rdfs::TYPE, sg::ACTOR);
        b.add(a.clone(), rdfs::TYPE, prov::AGENT);
        if r.is_publisher {
            b.add(a.clone(), sg::IS_PUBLISHER, Literal::from(true));
        }
        let n = actor_record_iri(cx.doc, &rec.local);
        b.add(n.clone(), rdfs::TYPE, sg::ACTOR_RECORD);
        b.add(n.clone(), sg::RESOLVES_TO, a.clone());
        b.lit(&n, sg::RECORD_NAME, &rec.name);
        for al in &rec.aliases {
            b.lit(&n, sg::RECORD_ALIAS, al);
        }
        b.lit(&n, sg::RECORD_KIND, actor_kind_str(rec.kind));
        for s in &rec.same_as {
            b.lit(&n, sg::RECORD_SAME_AS, s);
        }
    }
}

fn write_mentions(cx: &Ctx<'_>, b: &mut Builder) {
    for m in &cx.ex.mentions {
        let n = cx.node("mention", &m.id);
        b.add(n.clone(), rdfs::TYPE, nif::PHRASE);
        b.add(n.clone(), nif::BEGIN_INDEX, int(m.span.start as i64));
        b.add(n.clone(), nif::END_INDEX, int(m.span.end as i64));
        b.lit(&n, nif::ANCHOR_OF, &m.span.text);
        b.add(n.clone(), nif::REFERENCE_CONTEXT, cx.text.clone());
        if let Some(a) = m.actor.as_deref().and_then(|id| cx.actor(id)) {
            b.add(n.clone(), itsrdf::TA_IDENT_REF, a);
        }
        b.lit(&n, sg::MENTION_KIND, mention_kind_str(m.kind));
        b.add(n.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
    }
}

fn write_claims(cx: &Ctx<'_>, b: &mut Builder, article: &NamedNode) {
    let method = cx.ex.run.method.as_str();
    for c in &cx.ex.claims {
        let q = cx.node("quote", &c.id);
        let claim = cx.claim_node(&c.id);
        b.add(q.clone(), rdfs::TYPE, schema::QUOTATION);
        b.lit(&q, schema::TEXT, &c.content.text);
        b.add(q.clone(), schema::IS_PART_OF, article.clone());
        let speaker = c.speaker.as_deref().and_then(|id| cx.actor(id));
        if let Some(s) = &speaker {
            b.add(q.clone(), schema::SPOKEN_BY_CHARACTER, s.clone());
        }
        let kind = match c.kind {
            ClaimKind::Direct => sg::DIRECT,
            ClaimKind::Indirect => sg::INDIRECT,
            ClaimKind::Mixed => sg::MIXED,
        };
        b.add(q.clone(), sg::QUOTE_KIND, kind);
        if let Some(cue) = &c.cue {
            b.lit(&q, sg::CUE, &cue.text);
            let a = cx.anchor(b, cue);
            b.add(q.clone(), sg::CUE_ANCHOR, a);
        }
        if let Some(l) = &c.cue_lemma {
            b.lit(&q, sg::CUE_LEMMA, l);
        }
        if let Some(src) = &c.source {
            let a = cx.anchor(b, src);
            b.add(q.clone(), sg::SOURCE_ANCHOR, a);
        }
        let content = cx.anchor(b, &c.content);
        b.add(q.clone(), sg::CONTENT_ANCHOR, content.clone());
        for f in &c.fragments {
            let a = cx.anchor(b, f);
            b.add(q.clone(), sg::FRAGMENT, a);
        }
        if let Some(ad) = c.addressee.as_deref().and_then(|id| cx.actor(id)) {
            b.add(q.clone(), sg::ADDRESSEE, ad);
        }
        b.add(q.clone(), sg::IN_PARAGRAPH, cx.paragraph(c.paragraph));
        b.add(q.clone(), sg::PARAGRAPH_INDEX, int(c.paragraph as i64));
        b.lit(&q, sg::SPEAKER_RESOLUTION, resolution_str(c.resolution));
        b.add(q.clone(), sg::CONFIDENCE, double(c.confidence));
        if cx.opts.overridden_claims.contains(&c.id) {
            b.lit(&q, sg::METHOD, "override");
        } else {
            b.lit(&q, sg::METHOD, method);
        }
        b.add(q.clone(), sg::CONVEYS, claim.clone());
        b.add(q.clone(), prov::WAS_DERIVED_FROM, content);
        b.add(q.clone(), prov::WAS_GENERATED_BY, cx.run.clone());

        b.add(claim.clone(), rdfs::TYPE, schema::CLAIM);
        b.lit(&claim, schema::TEXT, &claim_text(&c.content.text));
        if let Some(s) = speaker {
            b.add(claim.clone(), schema::AUTHOR, s);
        }
        b.add(claim.clone(), schema::APPEARANCE, article.clone());
        b.add(claim.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
    }
}

fn write_relations(cx: &Ctx<'_>, b: &mut Builder) {
    let method = cx.ex.run.method.as_str();
    for r in &cx.ex.roles {
        let (Some(member), Some(orgn)) = (cx.actor(&r.member), cx.actor(&r.organisation)) else {
            continue;
        };
        let n = cx.node("role", &r.id);
        let role = iri(&format!("role/{}", crate::ingest::slug(&r.label)));
        b.add(role.clone(), rdfs::TYPE, org::ROLE);
        b.lit(&role, skos::PREF_LABEL, &r.label.to_lowercase());
        b.add(n.clone(), rdfs::TYPE, org::MEMBERSHIP);
        b.add(n.clone(), org::MEMBER, member);
        b.add(n.clone(), org::ORGANIZATION, orgn);
        b.add(n.clone(), org::ROLE_PROP, role);
        b.lit(&n, sg::ROLE_LABEL, &r.label);
        b.add(n.clone(), sg::CONFIDENCE, double(r.confidence));
        b.lit(&n, sg::METHOD, method);
        let a = cx.anchor(b, &r.evidence);
        b.add(n.clone(), prov::WAS_DERIVED_FROM, a);
        b.add(n.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
    }
    for o in &cx.ex.org_relations {
        let (Some(child), Some(parent)) = (cx.actor(&o.child), cx.actor(&o.parent)) else {
            continue;
        };
        let n = cx.node("orgrel", &o.id);
        b.add(n.clone(), rdfs::TYPE, sg::ORG_RELATION);
        b.lit(&n, sg::RELATION_KIND, relation_kind_str(o.kind));
        b.add(n.clone(), sg::CHILD, child.clone());
        b.add(n.clone(), sg::PARENT, parent.clone());
        let a = cx.anchor(b, &o.evidence);
        b.add(n.clone(), prov::WAS_DERIVED_FROM, a);
        b.add(n.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
        b.add(child.clone(), org::SUB_ORGANIZATION_OF, parent.clone());
        b.add(parent, org::HAS_SUB_ORGANIZATION, child);
    }
    for x in &cx.ex.acts {
        let (Some(agent), Some(patient)) = (cx.actor(&x.agent), cx.actor(&x.patient)) else {
            continue;
        };
        let n = cx.node("act", &x.id);
        b.add(n.clone(), rdfs::TYPE, sg::INTERACTION);
        b.add(n.clone(), sg::AGENT, agent);
        b.add(n.clone(), sg::PATIENT, patient);
        b.add(n.clone(), sg::ACT_TYPE, sg::act_type(x.kind));
        b.add(
            n.clone(),
            sg::ACT_POLARITY,
            int(i64::from(x.polarity.signum())),
        );
        if let Some(c) = &x.claim {
            if cx.ex.claim(c).is_some() {
                b.add(n.clone(), sg::REPORTED_IN, cx.claim_node(c));
            }
        }
        b.add(n.clone(), sg::CONFIDENCE, double(x.confidence));
        b.lit(&n, sg::METHOD, method);
        let a = cx.anchor(b, &x.evidence);
        b.add(n.clone(), prov::WAS_DERIVED_FROM, a);
        b.add(n.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
    }
}

/// The polarity individual (`sg:Favour`, `sg:Against`, `sg:Neutral`).
pub fn polarity_node(p: Polarity) -> NamedNodeRef<'static> {
    match p {
        Polarity::Favour => sg::FAVOUR,
        Polarity::Against => sg::AGAINST,
        Polarity::Neutral => sg::NEUTRAL,
    }
}

fn write_stances(cx: &Ctx<'_>, b: &mut Builder) {
    for t in &cx.ex.targets {
        if t.source == TargetSource::Actor || t.id.starts_with("actor:") {
            continue;
        }
        let n = target_iri(&t.id);
        b.add(n.clone(), rdfs::TYPE, sg::TARGET);
        b.add(n.clone(), rdfs::TYPE, skos::CONCEPT);
        b.lit(&n, skos::PREF_LABEL, &t.label);
        if let Some(d) = &t.description {
            b.lit(&n, skos::DEFINITION, d);
        }
        for p in &t.favour {
            b.lit(&n, sg::FAVOUR_PROPOSITION, p);
        }
        for p in &t.against {
            b.lit(&n, sg::AGAINST_PROPOSITION, p);
        }
        b.lit(&n, sg::TARGET_SOURCE, target_source_str(t.source));
    }
    for st in &cx.ex.statements {
        if cx.ex.claim(&st.claim).is_none() {
            continue;
        }
        let claim = cx.claim_node(&st.claim);
        b.lit(&claim, sg::PROPOSITION, &st.proposition);
        let a = cx.anchor(b, &st.span);
        b.add(claim.clone(), sg::PROPOSITION_ANCHOR, a);
        b.add(claim.clone(), sg::ASSERTION, polarity_node(st.assertion));
        b.add(
            claim.clone(),
            sg::VALENCE,
            int(i64::from(st.valence.signum())),
        );
        for e in &st.evidence {
            b.lit(
                &claim,
                sg::ASSERTION_EVIDENCE,
                &format!("{}: {}", e.kind, e.text),
            );
        }
    }
    for s in &cx.ex.stances {
        let (Some(holder), Some(target)) = (cx.actor(&s.holder), cx.target(&s.target)) else {
            continue;
        };
        let n = cx.node("stance", &s.id);
        b.add(n.clone(), rdfs::TYPE, sg::STANCE);
        b.add(n.clone(), sg::HOLDER, holder);
        b.add(n.clone(), sg::TARGET_PROP, target);
        b.add(n.clone(), sg::POLARITY, polarity_node(s.polarity));
        b.add(n.clone(), sg::CONFIDENCE, double(s.confidence));
        b.lit(&n, sg::METHOD, &s.method);
        if let Some(c) = &s.claim {
            if cx.ex.claim(c).is_some() {
                b.add(n.clone(), sg::EXPRESSED_IN, cx.claim_node(c));
            }
        }
        if let Some(x) = &s.act {
            if cx.ex.acts.iter().any(|a| &a.id == x) {
                b.add(n.clone(), sg::DERIVED_FROM_ACT, cx.node("act", x));
            }
        }
        for e in &s.evidence {
            b.lit(&n, sg::EVIDENCE, &format!("{}: {}", e.kind, e.text));
        }
        b.add(n.clone(), prov::WAS_GENERATED_BY, cx.run.clone());
    }
}
