//! The drafts the discourse stages exchange: mentions, claims, roles,
//! organisation relations and acts before ids are assigned. Token ranges are
//! `[start, end)` token indices into the [`super::segment::Analysis`]; actors
//! are indices into [`super::actors::Actors::list`]. This module sits below
//! every stage, so the stages import it and never each other upwards.

use crate::extraction::{
    ActKind, ActorKind, ClaimKind, MentionKind, OrgRelationKind, SpeakerResolution,
};
use std::collections::HashMap;

/// A mention before ids are assigned.
#[derive(Debug, Clone)]
pub struct RawMention {
    /// First token.
    pub tok_start: usize,
    /// One past the last token.
    pub tok_end: usize,
    /// How it refers.
    pub kind: MentionKind,
    /// Actor type suggested by the mention and its context.
    pub actor_kind: ActorKind,
    /// True when the type comes from explicit context (type noun, honorific, suffix).
    pub strong_kind: bool,
    /// Index of the mention this one is an alias of (acronym in parentheses).
    pub alias_of: Option<usize>,
    /// For "members of X": the mention of X.
    pub group_of: Option<usize>,
    /// Followed by a possessive `'s`.
    pub possessive: bool,
    /// Resolved actor index (filled by coreference).
    pub actor: Option<usize>,
}

/// A claim before ids are assigned; token ranges are `[start, end)`.
#[derive(Debug, Clone)]
pub struct ClaimDraft {
    /// Direct / indirect / mixed.
    pub kind: ClaimKind,
    /// Speaker actor index.
    pub speaker: Option<usize>,
    /// Source tokens.
    pub source: Option<(usize, usize)>,
    /// Cue tokens.
    pub cue: Option<(usize, usize)>,
    /// Cue lemma.
    pub cue_lemma: Option<String>,
    /// Content tokens.
    pub content: (usize, usize),
    /// Quoted fragments (quote indices).
    pub fragments: Vec<usize>,
    /// Addressee actor index.
    pub addressee: Option<usize>,
    /// Paragraph of the content start.
    pub paragraph: usize,
    /// How the speaker was found.
    pub resolution: SpeakerResolution,
    /// Confidence.
    pub confidence: f32,
}

/// A role before ids: member and organisation are actor indices; tokens `[s, e)`.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleDraft {
    /// Member actor.
    pub member: usize,
    /// Organisation actor.
    pub organisation: usize,
    /// Label as written.
    pub label: String,
    /// Evidence tokens.
    pub evidence: (usize, usize),
}

/// An organisation relation before ids.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgRelDraft {
    /// Kind.
    pub kind: OrgRelationKind,
    /// Child actor.
    pub child: usize,
    /// Parent actor.
    pub parent: usize,
    /// Evidence tokens.
    pub evidence: (usize, usize),
}

/// An act before ids.
#[derive(Debug, Clone, PartialEq)]
pub struct ActDraft {
    /// Kind.
    pub kind: ActKind,
    /// Agent actor.
    pub agent: usize,
    /// Patient actor.
    pub patient: usize,
    /// Polarity.
    pub polarity: i8,
    /// Sentence index (evidence).
    pub sentence: usize,
    /// Index of the claim it was reported in.
    pub claim: Option<usize>,
    /// Confidence.
    pub confidence: f32,
}

/// The mentions of one article, in the order they were found (rule mentions
/// sorted by position, then nominal mentions the later stages add), with
/// indexes by first and by last token so that the stages look mentions up by
/// position in constant time. It derefs to the slice of mentions, so
/// mentions can be read and their `actor` changed in place; adding and
/// removing go through [`MentionSet::push`] and [`MentionSet::truncate`].
#[derive(Debug, Clone, Default)]
pub struct MentionSet {
    list: Vec<RawMention>,
    by_start: HashMap<usize, Vec<usize>>,
    by_end: HashMap<usize, Vec<usize>>,
}

impl MentionSet {
    /// The set of these mentions.
    pub fn new(list: Vec<RawMention>) -> Self {
        let mut set = MentionSet::default();
        for m in list {
            set.push(m);
        }
        set
    }

    /// Adds a mention; returns its index.
    pub fn push(&mut self, m: RawMention) -> usize {
        let i = self.list.len();
        self.by_start.entry(m.tok_start).or_default().push(i);
        self.by_end.entry(m.tok_end).or_default().push(i);
        self.list.push(m);
        i
    }

    /// Removes the mentions from index `n` on (the ones added last).
    pub fn truncate(&mut self, n: usize) {
        while self.list.len() > n {
            let Some(m) = self.list.pop() else { break };
            let i = self.list.len();
            for (map, k) in [
                (&mut self.by_start, m.tok_start),
                (&mut self.by_end, m.tok_end),
            ] {
                if let Some(v) = map.get_mut(&k) {
                    v.retain(|&x| x != i);
                    if v.is_empty() {
                        map.remove(&k);
                    }
                }
            }
        }
    }

    /// Indices of the mentions starting at token `t`, in list order.
    pub fn starting_at(&self, t: usize) -> &[usize] {
        self.by_start.get(&t).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indices of the mentions ending right before token `t` (`tok_end == t`), in list order.
    pub fn ending_at(&self, t: usize) -> &[usize] {
        self.by_end.get(&t).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Indices of the mentions lying inside tokens `[s, e)`, in list order.
    /// Costs O(e - s) plus the mentions found.
    pub fn inside(&self, s: usize, e: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (s..e)
            .flat_map(|t| self.starting_at(t).iter().copied())
            .filter(|&i| self.list[i].tok_end <= e)
            .collect();
        v.sort_unstable();
        v
    }

    /// The mentions as a vector (consumes the set).
    pub fn into_vec(self) -> Vec<RawMention> {
        self.list
    }
}

impl std::ops::Deref for MentionSet {
    type Target = [RawMention];
    fn deref(&self) -> &[RawMention] {
        &self.list
    }
}

impl std::ops::DerefMut for MentionSet {
    fn deref_mut(&mut self) -> &mut [RawMention] {
        &mut self.list
    }
}

/// How many claims before a position the claim look-ups below examine: a
/// claim's content lies within its paragraph, so the claims that hold or
/// precede a token closely are among the last few that start before it.
pub const CLAIM_WINDOW: usize = 64;

/// The first claim (lowest index) whose content holds token `k`, among
/// `claims` sorted by content start.
pub fn claim_holding(claims: &[ClaimDraft], k: usize) -> Option<usize> {
    let end = claims.partition_point(|c| c.content.0 <= k);
    (end.saturating_sub(CLAIM_WINDOW)..end).find(|&i| k < claims[i].content.1)
}

/// The claim with a speaker whose content ends last at or before token `k`,
/// among `claims` sorted by content start.
pub fn claim_before(claims: &[ClaimDraft], k: usize) -> Option<usize> {
    let end = claims.partition_point(|c| c.content.0 < k);
    (end.saturating_sub(CLAIM_WINDOW)..end)
        .filter(|&i| claims[i].content.1 <= k && claims[i].speaker.is_some())
        .max_by_key(|&i| (claims[i].content.1, i))
}
