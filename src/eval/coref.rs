//! Coreference evaluation on GUM: our mentions and actors against GUM's
//! entities of actor-like types ([`ACTOR_TYPES`]).
//!
//! Each GUM document's text is rebuilt ([`super::gum_coref`]), annotated by
//! the discourse stages, and our mentions are aligned to GUM mentions by char
//! span: [`Align::Exact`] (same span) or [`Align::Head`] (exact first, then the
//! same last word, possessive markers and punctuation aside, nearest span
//! first). The key is the person / organisation entities; the response is our
//! mentions, minus those aligned to GUM mentions of other types and those we
//! call places or campaigns; each actor is one cluster, an unresolved mention a
//! singleton. Scores ([`super::coref_score`]) are given with and without
//! singletons. Pronoun links: for every GUM pronoun of a person /
//! organisation entity, whether we resolve it (coverage) and whether the
//! nearest aligned mention of our actor before it (after it when there is none
//! before) belongs to the same GUM entity (accuracy).

use super::coref_score::{without_singletons, Cluster, Scores};
use super::gum_coref::GumDoc;
use crate::extraction::{ActorKind, Extraction};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// GUM entity types scored as actors.
pub const ACTOR_TYPES: [&str; 2] = ["person", "organization"];

/// Third-person pronouns (the ones the rules resolve in narrative).
pub const THIRD_PERSON: [&str; 17] = [
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "themself",
];

/// First- and second-person pronouns (resolved inside quotations only).
pub const FIRST_SECOND: [&str; 15] = [
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// How our mentions are aligned to GUM mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Same char span.
    Exact,
    /// Same span, else the same last word (possessive `'s` and punctuation
    /// aside) with the nearest boundaries.
    Head,
}

/// Pronoun-link counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PronounCounts {
    /// GUM pronoun mentions of person / organisation entities.
    pub gold: usize,
    /// Of those, the ones we have a mention for.
    pub detected: usize,
    /// Of those, the ones we resolve to an actor.
    pub resolved: usize,
    /// Of those, the ones whose antecedent is the same GUM entity.
    pub correct: usize,
    /// Resolved ones whose actor has no other aligned mention (not checkable).
    pub unverifiable: usize,
}

impl PronounCounts {
    /// Adds other counts.
    pub fn add(&mut self, o: &PronounCounts) {
        self.gold += o.gold;
        self.detected += o.detected;
        self.resolved += o.resolved;
        self.correct += o.correct;
        self.unverifiable += o.unverifiable;
    }

    /// Resolved / gold.
    pub fn coverage(&self) -> f64 {
        frac(self.resolved, self.gold)
    }

    /// Correct / resolved.
    pub fn accuracy(&self) -> f64 {
        frac(self.correct, self.resolved)
    }
}

fn frac(a: usize, b: usize) -> f64 {
    super::coref_score::ratio(a as f64, b as f64)
}

/// Results of one alignment variant, for one document or summed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Eval {
    /// Scores with singletons (GUM annotates them).
    pub all: Scores,
    /// Scores without singletons in key and response (CoNLL-2012 convention).
    pub no_singletons: Scores,
    /// Key mentions (GUM person / organisation mentions).
    pub key_mentions: usize,
    /// Response mentions.
    pub response_mentions: usize,
    /// Response mentions aligned to key mentions.
    pub aligned: usize,
    /// Pronoun links by lowercased pronoun form.
    pub pronouns: BTreeMap<String, PronounCounts>,
    /// Wrong or unresolved third-person pronoun links, readable (error analysis).
    #[serde(skip)]
    pub errors: Vec<String>,
}

impl Eval {
    /// Adds another document's results.
    pub fn add(&mut self, o: &Eval) {
        self.all.add(&o.all);
        self.no_singletons.add(&o.no_singletons);
        self.key_mentions += o.key_mentions;
        self.response_mentions += o.response_mentions;
        self.aligned += o.aligned;
        for (k, v) in &o.pronouns {
            self.pronouns.entry(k.clone()).or_default().add(v);
        }
        self.errors.extend(o.errors.iter().cloned());
    }

    /// Pronoun counts summed over the forms in `forms`.
    pub fn pronoun_total(&self, forms: &[&str]) -> PronounCounts {
        let mut t = PronounCounts::default();
        for (k, v) in &self.pronouns {
            if forms.contains(&k.as_str()) {
                t.add(v);
            }
        }
        t
    }
}

/// One of our mentions, as the evaluation sees it.
#[derive(Debug, Clone)]
struct Ours {
    start: usize,
    end: usize,
    actor: Option<usize>,
    kind: ActorKind,
}

fn ours_of(ex: &Extraction) -> Vec<Ours> {
    let idx: HashMap<&str, usize> = ex
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    ex.mentions
        .iter()
        .map(|m| {
            let actor = m.actor.as_deref().and_then(|a| idx.get(a).copied());
            Ours {
                start: m.span.start,
                end: m.span.end,
                actor,
                kind: actor.map_or(m.actor_kind, |i| ex.actors[i].kind),
            }
        })
        .collect()
}

fn is_marker(t: &str) -> bool {
    matches!(t, "'s" | "’s" | "'" | "’") || t.chars().all(|c| !c.is_alphanumeric())
}

/// The last word token inside the char span `[s, e)`, markers aside.
fn head_token(doc: &GumDoc, s: usize, e: usize) -> Option<usize> {
    let first = doc.tok_chars.partition_point(|&(_, te)| te <= s);
    let mut last = None;
    for (t, &(ts, te)) in doc.tok_chars.iter().enumerate().skip(first) {
        if ts >= e {
            break;
        }
        if ts >= s && te <= e && !is_marker(&doc.tokens[t]) {
            last = Some(t);
        }
    }
    last
}

/// Our mention index -> GUM mention index, one-to-one.
fn align(doc: &GumDoc, ours: &[Ours], mode: Align) -> Vec<Option<usize>> {
    let spans: Vec<(usize, usize)> = doc.mentions.iter().map(|m| doc.mention_chars(m)).collect();
    let mut by_span: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (j, &sp) in spans.iter().enumerate() {
        by_span.entry(sp).or_default().push(j);
    }
    let mut taken = vec![false; spans.len()];
    let mut out = vec![None; ours.len()];
    for (i, o) in ours.iter().enumerate() {
        if let Some(js) = by_span.get(&(o.start, o.end)) {
            // nested same-span mentions: prefer an actor-typed one
            let pick = js
                .iter()
                .copied()
                .filter(|&j| !taken[j])
                .max_by_key(|&j| is_actor(doc, j));
            if let Some(j) = pick {
                taken[j] = true;
                out[i] = Some(j);
            }
        }
    }
    if mode == Align::Exact {
        return out;
    }
    let mut by_head: HashMap<usize, Vec<usize>> = HashMap::new();
    for (j, &(s, e)) in spans.iter().enumerate() {
        if let Some(h) = head_token(doc, s, e) {
            by_head.entry(h).or_default().push(j);
        }
    }
    for (i, o) in ours.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let Some(h) = head_token(doc, o.start, o.end) else {
            continue;
        };
        let pick = by_head.get(&h).and_then(|js| {
            js.iter().copied().filter(|&j| !taken[j]).min_by_key(|&j| {
                let (s, e) = spans[j];
                (s.abs_diff(o.start) + e.abs_diff(o.end), !is_actor(doc, j))
            })
        });
        if let Some(j) = pick {
            taken[j] = true;
            out[i] = Some(j);
        }
    }
    out
}

fn is_actor(doc: &GumDoc, j: usize) -> bool {
    ACTOR_TYPES.contains(&doc.entities[doc.mentions[j].entity].ty.as_str())
}

/// Annotates the rebuilt text of `doc` with the discourse stages (no stance).
/// Fails when ingest normalisation would change the text (offsets would drift).
pub fn annotate(doc: &GumDoc) -> crate::Result<Extraction> {
    let d = crate::ingest::build(
        doc.name.clone(),
        doc.name.clone(),
        crate::Meta::default(),
        &doc.text,
    )?;
    if d.text != doc.text {
        return Err(crate::Error::input(
            &doc.name,
            "the rebuilt text changes under ingest normalisation",
        ));
    }
    let mut ex = Extraction::empty(&d, "rules");
    crate::annotate::annotate_discourse(&d, &mut ex, None);
    Ok(ex)
}

/// Evaluates one annotated document under one alignment; `show` caps the
/// readable pronoun errors kept.
pub fn evaluate(doc: &GumDoc, ex: &Extraction, mode: Align, show: usize) -> Eval {
    let ours = ours_of(ex);
    let al = align(doc, &ours, mode);
    let n = doc.mentions.len();
    let mut key_of: HashMap<usize, Cluster> = HashMap::new();
    for (j, m) in doc.mentions.iter().enumerate() {
        if is_actor(doc, j) {
            key_of.entry(m.entity).or_default().push(j);
        }
    }
    let mut key: Vec<Cluster> = key_of.into_values().collect();
    key.sort();
    let mut resp_of: HashMap<usize, Cluster> = HashMap::new();
    let mut resp: Vec<Cluster> = Vec::new();
    let mut aligned = 0;
    for (i, o) in ours.iter().enumerate() {
        let id = match al[i] {
            Some(j) if is_actor(doc, j) => {
                aligned += 1;
                j
            }
            Some(_) => continue,
            None if matches!(o.kind, ActorKind::Place | ActorKind::Campaign) => continue,
            None => n + i,
        };
        match o.actor {
            Some(a) => resp_of.entry(a).or_default().push(id),
            None => resp.push(vec![id]),
        }
    }
    resp.extend(resp_of.into_values());
    resp.sort();
    let mut ev = Eval {
        all: Scores::compute(&key, &resp),
        no_singletons: Scores::compute(&without_singletons(&key), &without_singletons(&resp)),
        key_mentions: key.iter().map(|c| c.len()).sum(),
        response_mentions: resp.iter().map(|c| c.len()).sum(),
        aligned,
        ..Eval::default()
    };
    pronoun_links(doc, &ours, &al, show, &mut ev);
    ev
}

/// Fills the pronoun-link counts (and readable errors) of `ev`.
fn pronoun_links(doc: &GumDoc, ours: &[Ours], al: &[Option<usize>], show: usize, ev: &mut Eval) {
    let mut ours_at: HashMap<usize, usize> = HashMap::new();
    for (i, a) in al.iter().enumerate() {
        if let Some(j) = a {
            ours_at.insert(*j, i);
        }
    }
    for (j, m) in doc.mentions.iter().enumerate() {
        if m.end != m.start + 1 || !is_actor(doc, j) {
            continue;
        }
        let form = doc.tokens[m.start].to_lowercase().replace('’', "'");
        if !THIRD_PERSON.contains(&form.as_str()) && !FIRST_SECOND.contains(&form.as_str()) {
            continue;
        }
        let c = ev.pronouns.entry(form.clone()).or_default();
        c.gold += 1;
        let Some(&i) = ours_at.get(&j) else {
            continue;
        };
        c.detected += 1;
        let Some(actor) = ours[i].actor else {
            if THIRD_PERSON.contains(&form.as_str()) && ev.errors.len() < show {
                ev.errors.push(describe(doc, j, None, "unresolved"));
            }
            continue;
        };
        c.resolved += 1;
        let same: Vec<usize> = (0..ours.len())
            .filter(|&k| k != i && ours[k].actor == Some(actor) && al[k].is_some())
            .collect();
        let before = same
            .iter()
            .copied()
            .filter(|&k| ours[k].start < ours[i].start)
            .max_by_key(|&k| ours[k].start);
        let after = same
            .iter()
            .copied()
            .filter(|&k| ours[k].start > ours[i].start)
            .min_by_key(|&k| ours[k].start);
        let Some(k) = before.or(after) else {
            c.unverifiable += 1;
            continue;
        };
        let ante = al[k].unwrap_or(j);
        if doc.mentions[ante].entity == m.entity {
            c.correct += 1;
        } else if THIRD_PERSON.contains(&form.as_str()) && ev.errors.len() < show {
            ev.errors.push(describe(doc, j, Some(ante), "wrong"));
        }
    }
}

fn tok_text(doc: &GumDoc, s: usize, e: usize) -> String {
    let (cs, ce) = (doc.tok_chars[s].0, doc.tok_chars[e - 1].1);
    doc.text.chars().skip(cs).take(ce - cs).collect()
}

/// One readable pronoun error: the pronoun in its sentence, our antecedent and
/// the nearest GUM antecedent before it.
fn describe(doc: &GumDoc, j: usize, ours: Option<usize>, what: &str) -> String {
    let m = doc.mentions[j];
    let sent = doc.sent_starts.partition_point(|&s| s <= m.start) - 1;
    let (ss, se) = (
        doc.sent_starts[sent],
        doc.sent_starts
            .get(sent + 1)
            .copied()
            .unwrap_or(doc.tokens.len()),
    );
    let gold = doc
        .mentions
        .iter()
        .filter(|g| g.entity == m.entity && g.end <= m.start)
        .max_by_key(|g| g.start)
        .map_or("-".to_string(), |g| tok_text(doc, g.start, g.end));
    let ours = ours.map_or("-".to_string(), |k| {
        let g = doc.mentions[k];
        let e = &doc.entities[g.entity];
        format!("{} [{} {}]", tok_text(doc, g.start, g.end), e.ty, e.id)
    });
    format!(
        "{} {what}: {:?} (token {}) ours -> {ours}; gold -> {gold}\n    {}",
        doc.name,
        doc.tokens[m.start],
        m.start,
        tok_text(doc, ss, se)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_not_heads() {
        assert!(is_marker("'s") && is_marker(",") && is_marker("’"));
        assert!(!is_marker("Smith") && !is_marker("3"));
    }
}
