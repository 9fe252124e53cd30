//! Every RDF term stancegraph writes or reads, in one place.
//!
//! Own terms live in the `sg:` namespace and are defined in
//! `ontology/stancegraph.ttl`; everything else is reused from schema.org,
//! PROV-O, W3C ORG, NIF 2.0, ITS 2.0 RDF, SKOS, RDFS, OWL and XSD.

use oxigraph::model::NamedNodeRef;

macro_rules! terms {
    ($ns:expr; $($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
    };
}

/// Namespace of stancegraph's own ontology terms.
pub const SG_NS: &str = "https://w3id.org/stancegraph/ns#";
/// Base of instance IRIs (articles, actors, claims, ...).
pub const ID_NS: &str = "https://w3id.org/stancegraph/id/";
/// schema.org namespace (http form, as most tools expect).
pub const SCHEMA_NS: &str = "http://schema.org/";
/// PROV-O namespace.
pub const PROV_NS: &str = "http://www.w3.org/ns/prov#";
/// W3C Organization ontology namespace.
pub const ORG_NS: &str = "http://www.w3.org/ns/org#";
/// NIF 2.0 core namespace.
pub const NIF_NS: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
/// ITS 2.0 RDF namespace (entity linking of mentions).
pub const ITSRDF_NS: &str = "http://www.w3.org/2005/11/its/rdf#";
/// SKOS namespace.
pub const SKOS_NS: &str = "http://www.w3.org/2004/02/skos/core#";
/// RDF namespace.
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDFS namespace.
pub const RDFS_NS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// OWL namespace.
pub const OWL_NS: &str = "http://www.w3.org/2002/07/owl#";
/// XSD namespace.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema#";

/// Every namespace above with its usual prefix: for prefixed names in
/// parameters and for prefix declarations in Turtle / RDF/XML output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("sg", SG_NS),
    ("sgid", ID_NS),
    ("schema", SCHEMA_NS),
    ("prov", PROV_NS),
    ("org", ORG_NS),
    ("nif", NIF_NS),
    ("itsrdf", ITSRDF_NS),
    ("skos", SKOS_NS),
    ("rdf", RDF_NS),
    ("rdfs", RDFS_NS),
    ("owl", OWL_NS),
    ("xsd", XSD_NS),
];

/// The SPARQL PREFIX block for every namespace above (for canned queries and reports).
pub const SPARQL_PREFIXES: &str = "PREFIX sg: <https://w3id.org/stancegraph/ns#>
PREFIX sgid: <https://w3id.org/stancegraph/id/>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

/// Own terms (`sg:`).
pub mod sg {
    use super::*;
    terms! { "https://w3id.org/stancegraph/ns#";
        /// Class: any actor (person, organisation, group, outlet, campaign).
        ACTOR = "Actor";
        /// Class: a collective without formal membership (subclass of schema:Organization).
        GROUP = "Group";
        /// Class: a campaign or hashtag movement.
        CAMPAIGN = "Campaign";
        /// Class: a paragraph of an article (with nif:Paragraph).
        PARAGRAPH = "Paragraph";
        /// Class: a stance of an actor toward a target.
        STANCE = "Stance";
        /// Class: a target of stances (subclass of skos:Concept).
        TARGET = "Target";
        /// Class: an actor-to-actor act (criticises, supports, ...).
        INTERACTION = "Interaction";
        /// Class: a reified organisation-to-organisation relation with its evidence.
        ORG_RELATION = "OrgRelation";
        /// Class: a cluster of claims making the same argument.
        CLAIM_CLUSTER = "ClaimCluster";
        /// Class: one extraction run (subclass of prov:Activity).
        EXTRACTION_RUN = "ExtractionRun";
        /// Individual: direct quotation.
        DIRECT = "Direct";
        /// Individual: indirect (reported) speech.
        INDIRECT = "Indirect";
        /// Individual: mixed quotation.
        MIXED = "Mixed";
        /// Individual: favour polarity.
        FAVOUR = "Favour";
        /// Individual: against polarity.
        AGAINST = "Against";
        /// Individual: neutral polarity.
        NEUTRAL = "Neutral";
        /// quotation -> sg:Direct / sg:Indirect / sg:Mixed.
        QUOTE_KIND = "quoteKind";
        /// quotation -> the claim it conveys.
        CONVEYS = "conveys";
        /// quotation -> cue text (literal).
        CUE = "cue";
        /// quotation -> cue lemma (literal, "say").
        CUE_LEMMA = "cueLemma";
        /// quotation -> NIF anchor of the cue.
        CUE_ANCHOR = "cueAnchor";
        /// quotation -> NIF anchor of the source (speaker) span.
        SOURCE_ANCHOR = "sourceAnchor";
        /// quotation -> NIF anchor of the content.
        CONTENT_ANCHOR = "contentAnchor";
        /// quotation -> NIF anchor of a quoted fragment (mixed quotes).
        FRAGMENT = "fragment";
        /// quotation -> addressee actor ("told Reuters").
        ADDRESSEE = "addressee";
        /// node -> paragraph node it is in.
        IN_PARAGRAPH = "inParagraph";
        /// paragraph / quotation -> zero-based paragraph index (xsd:integer).
        PARAGRAPH_INDEX = "paragraphIndex";
        /// paragraph -> furniture kind literal ("caption", "alt-text", "heading", "headline").
        FURNITURE = "furniture";
        /// any extracted node -> confidence 0..1 (xsd:double).
        CONFIDENCE = "confidence";
        /// quotation -> how the speaker was resolved ("explicit", "coreference", "continued", "implied", "unknown").
        SPEAKER_RESOLUTION = "speakerResolution";
        /// any extracted node -> method literal ("rules", "minilm", ...).
        METHOD = "method";
        /// actor -> kind literal ("person", "organisation", "group", "outlet", "place", "campaign", "unknown").
        ACTOR_KIND = "actorKind";
        /// stance -> holder actor.
        HOLDER = "holder";
        /// stance -> target (sg:Target or an actor).
        TARGET_PROP = "target";
        /// stance -> sg:Favour / sg:Against / sg:Neutral.
        POLARITY = "polarity";
        /// stance -> the claim expressing it.
        EXPRESSED_IN = "expressedIn";
        /// stance -> the act it was derived from.
        DERIVED_FROM_ACT = "derivedFromAct";
        /// stance -> evidence literal "kind: text" (one per piece of evidence).
        EVIDENCE = "evidence";
        /// target -> a proposition expressing favour.
        FAVOUR_PROPOSITION = "favourProposition";
        /// target -> a proposition expressing being against.
        AGAINST_PROPOSITION = "againstProposition";
        /// target -> "catalogue" / "discovered" / "actor".
        TARGET_SOURCE = "targetSource";
        /// interaction -> acting actor.
        AGENT = "agent";
        /// interaction -> actor acted upon.
        PATIENT = "patient";
        /// interaction -> act type IRI (sg:Criticises, ...).
        ACT_TYPE = "actType";
        /// interaction -> -1 hostile / +1 friendly (xsd:integer).
        ACT_POLARITY = "actPolarity";
        /// interaction -> the claim it was reported in.
        REPORTED_IN = "reportedIn";
        /// membership -> role label as written ("co-founder and CEO").
        ROLE_LABEL = "roleLabel";
        /// org relation -> kind literal ("subsidiary-of", "faction-of", "member-of").
        RELATION_KIND = "relationKind";
        /// org relation -> subordinate actor.
        CHILD = "child";
        /// org relation -> superior actor.
        PARENT = "parent";
        /// org relation -> literal ("faction", "parent company") describing the link.
        RELATION_LABEL = "relationLabel";
        /// article -> source file path.
        SOURCE_FILE = "sourceFile";
        /// article -> SHA-256 content hash.
        CONTENT_HASH = "contentHash";
        /// article -> document id.
        DOCUMENT_ID = "documentId";
        /// article -> extra metadata as a JSON object literal.
        EXTRA_METADATA = "extraMetadata";
        /// run -> tool version.
        TOOL_VERSION = "toolVersion";
        /// claim -> the cluster it belongs to.
        IN_CLUSTER = "inCluster";
        /// mention -> kind literal ("name", "pronoun", ...).
        MENTION_KIND = "mentionKind";
        /// actor -> true when it is the publisher of an article.
        IS_PUBLISHER = "isPublisher";
        /// Class: an argument (a claim cluster that actors agree or disagree with; subclass of sg:Target and sg:ClaimCluster).
        ARGUMENT = "Argument";
        /// Class: an issue (arguments about one question; subclass of sg:Target).
        ISSUE = "Issue";
        /// Class: an actor's net position toward one target (derived, for pair queries).
        POSITION = "Position";
        /// claim -> its main proposition in positive form (literal).
        PROPOSITION = "proposition";
        /// claim -> NIF anchor of the main clause the proposition comes from.
        PROPOSITION_ANCHOR = "propositionAnchor";
        /// claim -> sg:Favour (asserts its proposition) / sg:Against (denies it) / sg:Neutral.
        ASSERTION = "assertion";
        /// claim / argument -> evaluative direction -1 / 0 / 1 of the proposition (xsd:integer).
        VALENCE = "valence";
        /// claim -> evidence literal "kind: text" for its assertion.
        ASSERTION_EVIDENCE = "assertionEvidence";
        /// argument -> the issue it belongs to.
        ABOUT_ISSUE = "aboutIssue";
        /// argument -> an argument on the same issue with the opposite valence.
        OPPOSES = "opposes";
        /// Class: the actors whose net position toward one target has one polarity (derived).
        SIDE = "Side";
        /// side -> an actor on it.
        SIDE_MEMBER = "sideMember";
        /// side -> one of its leading members (most stances toward the target; the pair queries pair these).
        LEAD_MEMBER = "leadMember";
        /// position -> number of stances it sums (xsd:integer).
        STANCE_COUNT = "stanceCount";
        /// claim -> blocking component key (derived graph; literal).
        IN_BLOCK = "inBlock";
        /// claim -> the proposition it was clustered by (derived graph copy; literal).
        INDEXED_PROPOSITION = "indexedProposition";
        /// argument / issue -> number of member claims; side -> number of member actors (xsd:integer).
        MEMBER_COUNT = "memberCount";
        /// Class of the per-article record of one local actor (its names as the
        /// article gives them), from which cross-article resolution is computed.
        ACTOR_RECORD = "ActorRecord";
        /// actor record -> the global actor it resolves to.
        RESOLVES_TO = "resolvesTo";
        /// actor record -> the name the article uses.
        RECORD_NAME = "recordName";
        /// actor record -> another name the article links to it.
        RECORD_ALIAS = "recordAlias";
        /// actor record -> kind literal as the article's annotation found it.
        RECORD_KIND = "recordKind";
        /// actor record -> external identifier as given (e.g. "wikidata:Q42").
        RECORD_SAME_AS = "recordSameAs";
        /// actor (actors graph) -> a normalised name key used to match records ("o:acme").
        MATCH_KEY = "matchKey";
        /// resolution state node -> fingerprint of the knowledge base and overrides applied.
        CONFIG_HASH = "configHash";
        /// store state node -> true while the derived graph may be out of date.
        DERIVED_STALE = "derivedStale";
        /// store state node -> id of an article whose batch is being written.
        PENDING_ARTICLE = "pendingArticle";
        /// article -> fingerprint of the analyst overrides applied to it.
        OVERRIDES_HASH = "overridesHash";
    }
    /// The IRI of an act type individual, e.g. `sg:Criticises`.
    pub fn act_type(kind: crate::extraction::ActKind) -> oxigraph::model::NamedNode {
        let name = match kind {
            crate::extraction::ActKind::Criticises => "Criticises",
            crate::extraction::ActKind::Accuses => "Accuses",
            crate::extraction::ActKind::Demands => "Demands",
            crate::extraction::ActKind::Dismisses => "Dismisses",
            crate::extraction::ActKind::Defends => "Defends",
            crate::extraction::ActKind::Supports => "Supports",
            crate::extraction::ActKind::Praises => "Praises",
            crate::extraction::ActKind::Attacks => "Attacks",
            crate::extraction::ActKind::Removes => "Removes",
            crate::extraction::ActKind::Protects => "Protects",
        };
        oxigraph::model::NamedNode::new_unchecked(format!("{}{}", super::SG_NS, name))
    }
}

/// schema.org terms.
pub mod schema {
    use super::*;
    terms! { "http://schema.org/";
        /// Class NewsArticle.
        NEWS_ARTICLE = "NewsArticle";
        /// Class Person.
        PERSON = "Person";
        /// Class Organization.
        ORGANIZATION = "Organization";
        /// Class NewsMediaOrganization (outlets).
        NEWS_MEDIA_ORGANIZATION = "NewsMediaOrganization";
        /// Class Place.
        PLACE = "Place";
        /// Class Quotation.
        QUOTATION = "Quotation";
        /// Class Claim.
        CLAIM = "Claim";
        /// headline.
        HEADLINE = "headline";
        /// publisher.
        PUBLISHER = "publisher";
        /// datePublished.
        DATE_PUBLISHED = "datePublished";
        /// url.
        URL = "url";
        /// author.
        AUTHOR = "author";
        /// inLanguage.
        IN_LANGUAGE = "inLanguage";
        /// name.
        NAME = "name";
        /// text.
        TEXT = "text";
        /// spokenByCharacter (quotation -> speaker).
        SPOKEN_BY_CHARACTER = "spokenByCharacter";
        /// isPartOf (quotation -> article).
        IS_PART_OF = "isPartOf";
        /// appearance (claim -> article).
        APPEARANCE = "appearance";
        /// sameAs (actor -> external identifier IRI).
        SAME_AS = "sameAs";
        /// alternateName.
        ALTERNATE_NAME = "alternateName";
    }
}

/// PROV-O terms.
pub mod prov {
    use super::*;
    terms! { "http://www.w3.org/ns/prov#";
        /// Class Agent.
        AGENT = "Agent";
        /// Class Activity.
        ACTIVITY = "Activity";
        /// wasGeneratedBy.
        WAS_GENERATED_BY = "wasGeneratedBy";
        /// wasDerivedFrom.
        WAS_DERIVED_FROM = "wasDerivedFrom";
        /// used.
        USED = "used";
        /// endedAtTime.
        ENDED_AT_TIME = "endedAtTime";
    }
}

/// W3C ORG terms.
pub mod org {
    use super::*;
    terms! { "http://www.w3.org/ns/org#";
        /// Class Membership.
        MEMBERSHIP = "Membership";
        /// Class Role.
        ROLE = "Role";
        /// member.
        MEMBER = "member";
        /// organization.
        ORGANIZATION = "organization";
        /// role.
        ROLE_PROP = "role";
        /// subOrganizationOf.
        SUB_ORGANIZATION_OF = "subOrganizationOf";
        /// hasSubOrganization.
        HAS_SUB_ORGANIZATION = "hasSubOrganization";
    }
}

/// NIF 2.0 core terms.
pub mod nif {
    use super::*;
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// Class Context (the whole text).
        CONTEXT = "Context";
        /// Class String (any span).
        STRING = "String";
        /// Class RFC5147String (span addressed by #char=s,e).
        RFC5147_STRING = "RFC5147String";
        /// Class Phrase (mentions).
        PHRASE = "Phrase";
        /// Class Paragraph.
        PARAGRAPH = "Paragraph";
        /// isString (context text).
        IS_STRING = "isString";
        /// beginIndex (code points).
        BEGIN_INDEX = "beginIndex";
        /// endIndex (code points, exclusive).
        END_INDEX = "endIndex";
        /// anchorOf (covered text).
        ANCHOR_OF = "anchorOf";
        /// referenceContext.
        REFERENCE_CONTEXT = "referenceContext";
        /// sourceUrl.
        SOURCE_URL = "sourceUrl";
    }
}

/// ITS 2.0 RDF terms.
pub mod itsrdf {
    use super::*;
    terms! { "http://www.w3.org/2005/11/its/rdf#";
        /// taIdentRef (mention -> actor).
        TA_IDENT_REF = "taIdentRef";
    }
}

/// SKOS terms.
pub mod skos {
    use super::*;
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// Class Concept.
        CONCEPT = "Concept";
        /// prefLabel.
        PREF_LABEL = "prefLabel";
        /// altLabel.
        ALT_LABEL = "altLabel";
        /// definition.
        DEFINITION = "definition";
    }
}

/// RDF, RDFS and OWL terms used.
pub mod rdfs {
    use super::*;
    terms! { "http://www.w3.org/2000/01/rdf-schema#";
        /// rdfs:label.
        LABEL = "label";
        /// rdfs:comment.
        COMMENT = "comment";
    }
    /// rdf:type.
    pub const TYPE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    /// owl:sameAs.
    pub const OWL_SAME_AS: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#sameAs");
}
