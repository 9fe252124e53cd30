//! The `Extraction`: everything the NLP half found in one article.
//!
//! This is the contract between annotation and the graph: `stancegraph extract
//! --json` prints it, [`crate::rdf`] maps it to quads. All spans are char
//! (Unicode code point) offsets into [`crate::Document::text`], end exclusive.
//! Ids (`a3`, `m12`, `c4`, ...) are local to one extraction; the RDF mapping
//! turns them into IRIs.

use crate::document::{Document, Meta, Paragraph};
use serde::{Deserialize, Serialize};

/// A char span `[start, end)` in the document text, with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First char offset.
    pub start: usize,
    /// One past the last char offset.
    pub end: usize,
    /// The covered text (equal to `doc.slice(start, end)`).
    pub text: String,
}

impl Span {
    /// A span over `doc.text[start..end]` (char offsets), filling in the text.
    pub fn of(doc: &Document, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            text: doc.slice(start, end),
        }
    }

    /// A span over `chars[start..end]` (the document text as chars), in time
    /// linear in the span's length (not the document's).
    pub fn from_chars(chars: &[char], start: usize, end: usize) -> Span {
        let (s, e) = (start.min(chars.len()), end.min(chars.len()));
        Span {
            start,
            end,
            text: chars[s..e.max(s)].iter().collect(),
        }
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one char.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What kind of actor something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// A named individual.
    Person,
    /// A company, agency, party, NGO, court, government body.
    Organisation,
    /// A collective without formal membership: hacktivist groups, factions, "protesters".
    Group,
    /// A news outlet (publisher or named medium).
    Outlet,
    /// A country, city or region.
    Place,
    /// A campaign or hashtag (#OpISIS).
    Campaign,
    /// Not known.
    Unknown,
}

/// How a mention refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// A full proper name ("Jane Smith", "Acme Corp").
    Name,
    /// A partial name: surname or short form ("Smith").
    PartialName,
    /// An acronym or abbreviation ("WHO").
    Acronym,
    /// A personal or possessive pronoun ("he", "their").
    Pronoun,
    /// A definite role or type noun phrase ("the CEO", "the firm", "the group").
    RoleNoun,
    /// A hashtag ("#OpISIS").
    Hashtag,
    /// A generic plural noun phrase ("intelligence agencies", "members of X").
    Nominal,
}

/// One actor of the article (after coreference): a canonical name and its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Local id, `a1`, `a2`, ...
    pub id: String,
    /// Canonical name (the longest proper name seen).
    pub name: String,
    /// Actor type.
    pub kind: ActorKind,
    /// Other names seen for it (surnames, acronyms, spelling variants).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Ids of the mentions that refer to it.
    #[serde(default)]
    pub mentions: Vec<String>,
    /// External identifiers from the user knowledge base (e.g. `wikidata:Q42`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    /// True when the actor is the article's publisher.
    #[serde(default)]
    pub is_publisher: bool,
}

/// A textual mention of an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Local id, `m1`, ...
    pub id: String,
    /// Where it is.
    pub span: Span,
    /// How it refers.
    pub kind: MentionKind,
    /// The type of actor it names, as far as the mention itself tells.
    pub actor_kind: ActorKind,
    /// The actor it resolves to, if resolved.
    pub actor: Option<String>,
}

/// Direct, indirect or mixed quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// Verbatim, inside quotation marks.
    Direct,
    /// Reported speech, thought or intent without quotation marks.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

/// How the speaker of a claim was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerResolution {
    /// Named in the attribution itself by a proper name.
    Explicit,
    /// Via a pronoun, surname or role noun resolved by coreference.
    Coreference,
    /// A quote with no attribution continuing the previous speaker.
    Continued,
    /// The speaker is only implied by the surrounding sentences.
    Implied,
    /// No speaker could be found; never guessed.
    Unknown,
}

/// An attributed statement: who said (or thinks, wants, claims) what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Local id, `c1`, ...
    pub id: String,
    /// Direct, indirect or mixed.
    pub kind: ClaimKind,
    /// The resolved speaker actor, or `None` when unknown.
    pub speaker: Option<String>,
    /// The span naming the speaker in this attribution (may be a pronoun).
    pub source: Option<Span>,
    /// The cue (verb phrase or "according to").
    pub cue: Option<Span>,
    /// Lemma of the cue's head ("say", "believe", "according to").
    pub cue_lemma: Option<String>,
    /// The content, including quotation marks for direct quotes.
    pub content: Span,
    /// Quoted fragments inside a mixed quotation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<Span>,
    /// The addressee actor ("told Reuters"), if named.
    pub addressee: Option<String>,
    /// Index of the paragraph holding the content start.
    pub paragraph: usize,
    /// How the speaker was resolved.
    pub resolution: SpeakerResolution,
    /// Confidence in the attribution, 0..1.
    pub confidence: f32,
}

/// A role or affiliation: "co-founder and CEO of X".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Local id, `r1`, ...
    pub id: String,
    /// The member (usually a person).
    pub member: String,
    /// The organisation.
    pub organisation: String,
    /// The role label as written ("co-founder and CEO").
    pub label: String,
    /// Evidence span.
    pub evidence: Span,
    /// Confidence 0..1.
    pub confidence: f32,
}

/// A structural relation between two organisations or groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrgRelationKind {
    /// `child` is a subsidiary of `parent` ("X's parent company Y").
    SubsidiaryOf,
    /// `child` is a faction / cell / wing of `parent`.
    FactionOf,
    /// `child` is a member organisation of `parent`.
    MemberOf,
}

/// An organisation-to-organisation relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgRelation {
    /// Local id, `o1`, ...
    pub id: String,
    /// The relation.
    pub kind: OrgRelationKind,
    /// The subordinate actor.
    pub child: String,
    /// The superior actor.
    pub parent: String,
    /// Evidence span.
    pub evidence: Span,
}

/// The kind of an actor-to-actor act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActKind {
    /// Criticises, condemns, attacks verbally.
    Criticises,
    /// Accuses of wrongdoing.
    Accuses,
    /// Demands something of, calls on, urges.
    Demands,
    /// Dismisses, rejects (an argument or actor).
    Dismisses,
    /// Defends.
    Defends,
    /// Supports, backs, endorses.
    Supports,
    /// Praises.
    Praises,
    /// Attacks (physically or by cyber attack).
    Attacks,
    /// Removes, blocks, bans, cuts off.
    Removes,
    /// Protects, serves, hosts, provides services to.
    Protects,
}

impl ActKind {
    /// -1 for hostile acts, +1 for friendly ones.
    pub fn polarity(self) -> i8 {
        match self {
            ActKind::Criticises
            | ActKind::Accuses
            | ActKind::Demands
            | ActKind::Dismisses
            | ActKind::Attacks
            | ActKind::Removes => -1,
            ActKind::Defends | ActKind::Supports | ActKind::Praises | ActKind::Protects => 1,
        }
    }
}

/// An act of one actor towards another: "the union has criticised the minister".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Act {
    /// Local id, `x1`, ...
    pub id: String,
    /// What was done.
    pub kind: ActKind,
    /// Who did it.
    pub agent: String,
    /// To whom.
    pub patient: String,
    /// -1 hostile, +1 friendly (normally `kind.polarity()`, flipped under negation).
    pub polarity: i8,
    /// The sentence that says so.
    pub evidence: Span,
    /// The claim the act was reported in, if any.
    pub claim: Option<String>,
    /// Confidence 0..1.
    pub confidence: f32,
}

/// Where a target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetSource {
    /// The user's catalogue (TOML).
    Catalogue,
    /// Discovered from the coverage.
    Discovered,
    /// Another actor as target.
    Actor,
}

/// Something actors take positions on: a proposition or an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Stable id (catalogue id, or a slug for discovered targets; `actor:<id>` for actors).
    pub id: String,
    /// Short label.
    pub label: String,
    /// Longer description.
    pub description: Option<String>,
    /// Propositions that express being in favour.
    #[serde(default)]
    pub favour: Vec<String>,
    /// Propositions that express being against.
    #[serde(default)]
    pub against: Vec<String>,
    /// Where it came from.
    pub source: TargetSource,
}

/// Stance polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// For the target.
    Favour,
    /// Against the target.
    Against,
    /// About the target without taking a side.
    Neutral,
}

/// One piece of evidence behind a stance decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// "cue", "negation", "modal", "contrast", "match", "counterfactual", "similarity", "act".
    pub kind: String,
    /// The text that triggered it (may be a span's text or a matched proposition).
    pub text: String,
    /// Where, if it is a span of the document.
    pub span: Option<Span>,
}

/// A claim's (or act's) position toward a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// Local id, `s1`, ...
    pub id: String,
    /// The actor holding the position.
    pub holder: String,
    /// Target id.
    pub target: String,
    /// Favour / against / neutral.
    pub polarity: Polarity,
    /// Confidence 0..1.
    pub confidence: f32,
    /// The claim expressing it (or `None` for stances derived from acts).
    pub claim: Option<String>,
    /// The act expressing it, when derived from an act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    /// "rules", "minilm", "nli", ...
    pub method: String,
    /// Why.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// What one claim asserts, ready to be grouped into arguments across the
/// coverage (see `crate::rdf::derived`): its main proposition in positive
/// form, whether the speaker agrees with it, and its evaluative direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Local claim id.
    pub claim: String,
    /// The main clause's proposition with its negators removed ("the charge
    /// should be scrapped" for "the charge should not be scrapped").
    pub proposition: String,
    /// The main clause in the document.
    pub span: Span,
    /// Favour: the claim asserts the proposition; against: it denies it;
    /// neutral: it only reports or asks.
    pub assertion: Polarity,
    /// -1 / 0 / +1: the proposition's evaluative direction toward what it is
    /// about ("the turbines would ruin the view" -1, "... will power homes" +1).
    pub valence: i8,
    /// Why (negations, cues, evaluations, contrast).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// Provenance of one extraction run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// stancegraph version.
    pub tool_version: String,
    /// "rules" or the model names used, e.g. "rules+all-MiniLM-L6-v2".
    pub method: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Document id.
    pub document: String,
    /// Source path.
    pub source: String,
    /// Metadata.
    pub meta: Meta,
    /// Content hash (see [`Document::content_hash`]).
    pub content_hash: String,
    /// Length of the text in chars.
    pub text_length: usize,
    /// Paragraphs with furniture flags.
    pub paragraphs: Vec<Paragraph>,
    /// Actors after coreference.
    pub actors: Vec<Actor>,
    /// Mentions.
    pub mentions: Vec<Mention>,
    /// Attributed statements.
    pub claims: Vec<Claim>,
    /// Roles and affiliations.
    pub roles: Vec<Role>,
    /// Organisation-to-organisation relations.
    pub org_relations: Vec<OrgRelation>,
    /// Actor-to-actor acts.
    pub acts: Vec<Act>,
    /// Targets referred to by `stances`.
    pub targets: Vec<Target>,
    /// Stances.
    pub stances: Vec<Stance>,
    /// What each claim asserts (for arguments across the coverage).
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// Provenance.
    pub run: RunInfo,
}

impl Extraction {
    /// An extraction with nothing found yet for `doc`.
    pub fn empty(doc: &Document, method: &str) -> Extraction {
        Extraction {
            document: doc.id.clone(),
            source: doc.source.clone(),
            meta: doc.meta.clone(),
            content_hash: doc.content_hash(),
            text_length: doc.text.chars().count(),
            paragraphs: doc.paragraphs.clone(),
            actors: vec![],
            mentions: vec![],
            claims: vec![],
            roles: vec![],
            org_relations: vec![],
            acts: vec![],
            targets: vec![],
            stances: vec![],
            statements: vec![],
            run: RunInfo {
                tool_version: crate::VERSION.to_string(),
                method: method.to_string(),
            },
        }
    }

    /// The actor with local id `id`.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The claim with local id `id`.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// Name of the speaker of `claim`, if known.
    pub fn speaker_name(&self, claim: &Claim) -> Option<&str> {
        claim
            .speaker
            .as_deref()
            .and_then(|id| self.actor(id))
            .map(|a| a.name.as_str())
    }
}
