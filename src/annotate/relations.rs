//! Relations: roles ("co-founder and CEO of X"), organisation relations
//! (subsidiary, faction, member) and acts between actors ("X has criticised Y").

use super::actors::{key, ActorBuild, Actors};
use super::coref::nominal::nominal_actor_parts;
use super::drafts::{claim_before, claim_holding, ActDraft, ClaimDraft, OrgRelDraft, RoleDraft};
use super::drafts::{MentionSet, RawMention};
use super::lexicon::{self, DETERMINERS, ROLE_HEADS, ROLE_WORDS};
use super::segment::Analysis;
use super::tokens::TokKind;
use super::words::low;
use crate::extraction::{ActKind, ActorKind, MentionKind, OrgRelationKind};

fn name_at(mentions: &MentionSet, start: usize) -> Option<&RawMention> {
    mentions
        .starting_at(start)
        .iter()
        .map(|&i| &mentions[i])
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Name | MentionKind::Acronym | MentionKind::PartialName
            ) && m.actor.is_some()
        })
        .max_by_key(|m| m.tok_end)
}

fn name_ending(mentions: &MentionSet, end: usize) -> Option<&RawMention> {
    mentions
        .ending_at(end)
        .iter()
        .map(|&i| &mentions[i])
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Name | MentionKind::Acronym | MentionKind::PartialName
            ) && m.actor.is_some()
        })
        .min_by_key(|m| m.tok_start)
}

/// A role phrase around a role head: tokens `[rs, re)` hold the title
/// ("co-founder and chief executive"), `label_end` the end of the label
/// ("director of programmes"), `prep` the preposition before the organisation.
struct RolePhrase {
    rs: usize,
    re: usize,
    label_end: usize,
    prep: Option<usize>,
}

fn role_phrase(a: &Analysis, i: usize, ss: usize, se: usize) -> RolePhrase {
    let mut rs = i;
    while rs > ss
        && ROLE_WORDS.contains(low(a, rs - 1))
        && !matches!(low(a, rs - 1), "the" | "of")
        && a.tokens[rs - 1].kind == TokKind::Word
        && (!a.tokens[rs - 1].is_cap() || rs - 1 == ss)
        || rs > ss && ROLE_HEADS.contains(low(a, rs - 1))
        || rs > ss && matches!(low(a, rs - 1), "joint" | "co") && !a.tokens[rs - 1].is_cap()
    {
        rs -= 1;
    }
    // one open-class word between a possessive and the title: "the site's
    // warehouse manager", "its housing spokesman"
    if rs == i
        && rs >= ss + 2
        && is_plain_lower(a, rs - 1)
        && (low(a, rs - 2) == "'s" || matches!(low(a, rs - 2), "its" | "their"))
    {
        rs -= 1;
    }
    while rs < i && matches!(low(a, rs), "and" | "&") {
        rs += 1;
    }
    let mut re = i + 1;
    while re < se
        && (ROLE_HEADS.contains(low(a, re))
            || matches!(low(a, re), "and" | "officer" | "executive")
                && re + 1 < se
                && (ROLE_HEADS.contains(low(a, re + 1)) || low(a, re) != "and"))
    {
        re += 1;
    }
    // "director of programmes at X", "head of threat research at X",
    // "cabinet member for transport": a portfolio before the organisation
    let mut label_end = re;
    let mut prep = matches!(low(a, re), "of" | "for" | "at" | "with").then_some(re);
    if matches!(low(a, re), "of" | "for") {
        let mut j = re + 1;
        while j < se && j < re + 5 && is_plain_lower(a, j) {
            j += 1;
        }
        if j > re + 1 {
            label_end = j;
            prep = matches!(low(a, j), "at" | "with" | "for" | "of").then_some(j);
        }
    }
    RolePhrase {
        rs,
        re,
        label_end,
        prep,
    }
}

/// A lowercase content word (not a determiner, preposition or clause word).
fn is_plain_lower(a: &Analysis, j: usize) -> bool {
    let t = &a.tokens[j];
    let w = t.lower.as_str();
    t.kind == TokKind::Word
        && !t.is_cap()
        && !DETERMINERS.contains(w)
        && !lexicon::PREPOSITIONS.contains(w)
        && !lexicon::SUBORDINATORS.contains(w)
        && !lexicon::RELATIVES.contains(w)
        && !lexicon::AUXILIARIES.contains(w)
        && lexicon::cue_verb(w).is_none()
}

/// "ROLE of/at [the firm] X": the organisation after the preposition at `p`.
fn prep_org(a: &Analysis, mentions: &MentionSet, p: usize, se: usize) -> Option<RoleOrg> {
    let mut j = p + 1;
    while j < se && DETERMINERS.contains(low(a, j)) {
        j += 1;
    }
    // "at the security firm X", "of the union X"
    let mut k = j;
    while k < se && k < j + 3 && name_at(mentions, k).is_none() && is_plain_lower(a, k) {
        k += 1;
    }
    let m = name_at(mentions, j).or_else(|| name_at(mentions, k))?;
    let org = m.actor?;
    // X's parent company Y
    if m.possessive && low(a, m.tok_end + 1) == "parent" {
        let mut k = m.tok_end + 2;
        while k < se
            && matches!(
                low(a, k),
                "company" | "firm" | "group" | "organisation" | "organization" | "corporation"
            )
        {
            k += 1;
        }
        if let Some(y) = name_at(mentions, k) {
            return Some((y.actor?, m.tok_start, y.tok_end, Some((org, y.actor?))));
        }
    }
    let end = if m.possessive {
        m.tok_end + 1
    } else {
        m.tok_end
    };
    Some((org, m.tok_start, end, None))
}

/// The organisation of a role phrase: (actor, first token, one past its end,
/// a parent-company relation): "ROLE of/at [the firm] X", "X's ROLE",
/// "its ROLE", "X ROLE NAME".
type RoleOrg = (usize, usize, usize, Option<(usize, usize)>);

fn role_org(
    a: &Analysis,
    mentions: &MentionSet,
    actors: &Actors,
    rp: &RolePhrase,
    se: usize,
) -> Option<RoleOrg> {
    let rs = rp.rs;
    if let Some(found) = rp.prep.and_then(|p| prep_org(a, mentions, p, se)) {
        return Some(found);
    }
    if rs >= 1 && matches!(low(a, rs - 1), "its" | "their") {
        let m = mentions
            .starting_at(rs - 1)
            .iter()
            .map(|&mi| &mentions[mi])
            .find(|m| m.kind == MentionKind::Pronoun)?;
        return Some((m.actor?, rs - 1, rp.label_end, None));
    }
    if rs >= 2 && low(a, rs - 1) == "'s" {
        // "Acme's CEO", "the trust's medical director"
        let m = mentions
            .ending_at(rs - 1)
            .iter()
            .map(|&mi| &mentions[mi])
            .filter(|m| m.actor.is_some() && m.kind != MentionKind::Pronoun)
            .min_by_key(|m| m.tok_start)?;
        let org = m.actor?;
        return (actors.list[org].kind != ActorKind::Person).then_some((
            org,
            m.tok_start,
            rp.label_end,
            None,
        ));
    }
    // "Detective Inspector NAME, of X's unit": the organisation after the name
    if let Some(m) = name_at(mentions, rp.label_end) {
        let c = m.tok_end;
        if c + 2 < se && a.tokens[c].is(",") && matches!(low(a, c + 1), "of" | "at") {
            if let Some(found) = prep_org(a, mentions, c + 1, se) {
                if actors.list[found.0].kind != ActorKind::Person {
                    return Some(found);
                }
            }
        }
    }
    if rs >= 1 {
        let m = name_ending(mentions, rs)?;
        let org = m.actor?;
        return (actors.list[org].kind != ActorKind::Person).then_some((
            org,
            m.tok_start,
            rp.label_end,
            None,
        ));
    }
    None
}

/// Titles that belong to an organisation the article is about when none is
/// named ("General manager Ann Lee", "Lee, the club's assistant coach"), unlike
/// offices ("minister", "mayor") and professions ("lawyer", "professor").
fn organisational_title(label: &str) -> bool {
    let head = label
        .split_whitespace()
        .take_while(|w| !matches!(*w, "of" | "for" | "at"));
    head.last().is_some_and(|w| {
        matches!(
            w,
            "manager"
                | "coach"
                | "director"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "chair"
                | "chairman"
                | "chairwoman"
                | "chairperson"
                | "executive"
                | "officer"
                | "nurse"
                | "captain"
                | "treasurer"
                | "trustee"
                | "founder"
                | "co-founder"
                | "ceo"
                | "cfo"
                | "cto"
                | "coo"
                | "owner"
                | "editor"
                | "coordinator"
                | "administrator"
        )
    }) || label.starts_with("cabinet member")
}

/// The organisation of a title that names none: one whose name holds a
/// capitalised word of the title ("Festival director", "Council
/// spokeswoman"), else the organisation the article mentions most (at least
/// twice), when the title is an organisational one.
fn implicit_org(
    a: &Analysis,
    mentions: &MentionSet,
    actors: &Actors,
    rp: &RolePhrase,
    start: usize,
) -> Option<RoleOrg> {
    let label = a.tok_text(rp.rs, rp.label_end).to_lowercase();
    if !organisational_title(&label) {
        return None;
    }
    let is_org = |x: &ActorBuild| x.kind == ActorKind::Organisation;
    // a capitalised word before the title, named by one mention: "Festival"
    let mut s = start;
    if s > 0 && a.tokens[s - 1].is_cap() && a.tokens[s - 1].kind == TokKind::Word {
        s -= 1;
    }
    if s < start {
        let w = key(&a.tokens[s].lower);
        let named = |x: &ActorBuild| {
            is_org(x) && x.name.contains(' ') && x.name.split_whitespace().any(|n| key(n) == w)
        };
        let hit = actors
            .most_recent(s, named)
            .or_else(|| actors.list.iter().position(named));
        if let Some(org) = hit {
            return Some((org, s, rp.label_end, None));
        }
        // the word is itself a name ("Eastmoor director"): leave it to role_org
        if mentions
            .starting_at(s)
            .iter()
            .any(|&m| mentions[m].actor.is_some())
        {
            return None;
        }
    }
    // "at X Trust, where chief nurse Y ...": the organisation before ", where"
    if start >= 3 && low(a, start - 1) == "where" && a.tokens[start - 2].is(",") {
        let before = mentions
            .ending_at(start - 2)
            .iter()
            .filter_map(|&m| mentions[m].actor)
            .find(|&x| is_org(&actors.list[x]));
        if let Some(org) = before {
            return Some((org, start, rp.label_end, None));
        }
    }
    // the organisation the sentence opens with: "Ashvale Town have sacked head coach X"
    let ss = a.sentences[a.tok_sent[rp.rs]].tok_start;
    let opener = (ss..(ss + 2).min(start))
        .find_map(|k| name_at(mentions, k))
        .filter(|m| m.tok_end <= start)
        .and_then(|m| m.actor)
        .filter(|&x| {
            let x = &actors.list[x];
            is_org(x) || x.kind == ActorKind::Unknown && x.name.contains(' ')
        });
    if let Some(org) = opener {
        return Some((org, start, rp.label_end, None));
    }
    let count = |i: usize| actors.list[i].mentions.len();
    let main = (0..actors.list.len())
        .filter(|&i| is_org(&actors.list[i]) && !actors.list[i].is_publisher && count(i) >= 2)
        .max_by_key(|&i| (count(i), std::cmp::Reverse(i)))?;
    Some((main, start, rp.label_end, None))
}

/// The member of a role: "NAME, [a] ROLE of ORG" / "NAME, ORG's ROLE," /
/// "ROLE of ORG, NAME," / "ORG ROLE NAME".
fn role_member(
    a: &Analysis,
    mentions: &MentionSet,
    actors: &Actors,
    (start, org_end): (usize, usize),
    rp: &RolePhrase,
    se: usize,
    label: &str,
) -> Option<(usize, usize)> {
    let mut cands: Vec<(usize, usize)> = vec![]; // actor, token
    if start >= 2 && a.tokens[start - 1].is(",") {
        // "NAME, ROLE" or, past an age, "NAME, 54, ROLE"
        let age = start >= 4
            && a.tokens[start - 2].text.chars().all(|c| c.is_ascii_digit())
            && a.tokens[start - 3].is(",");
        let end = if age { start - 3 } else { start - 1 };
        if let Some(m) = name_ending(mentions, end) {
            cands.extend(m.actor.map(|x| (x, m.tok_start)));
        }
    }
    if org_end < se && a.tokens[org_end].is(",") {
        // ("Its chair, Councillor Ann Lee,": past an honorific or title)
        let mut k = org_end + 1;
        while k + 1 < se
            && k < org_end + 3
            && name_at(mentions, k).is_none()
            && (lexicon::HONORIFICS.contains(low(a, k).trim_end_matches('.'))
                || a.tokens[k].is("."))
        {
            k += 1;
        }
        if let Some(m) = name_at(mentions, k) {
            cands.extend(m.actor.map(|x| (x, m.tok_end)));
        }
    }
    if let Some(m) = name_at(mentions, rp.label_end) {
        cands.extend(m.actor.map(|x| (x, m.tok_end)));
    }
    let by_kind = |k: ActorKind| {
        cands
            .iter()
            .find(|(x, _)| actors.list[*x].kind == k)
            .copied()
    };
    by_kind(ActorKind::Person)
        .or_else(|| by_kind(ActorKind::Unknown))
        .or_else(|| {
            label
                .eq_ignore_ascii_case("member")
                .then(|| by_kind(ActorKind::Group))
                .flatten()
        })
}

/// The role a verb of office names: "chairs" a chair, "heads" a head (the
/// evidence span then holds the label).
fn office_verb(w: &str) -> Option<&'static str> {
    Some(match w {
        "chairs" | "chaired" => "chair",
        "heads" | "headed" => "head",
        _ => return None,
    })
}

/// Roles from a relative clause of office after a person's name: "NAME, who
/// chairs the residents' group X," / "NAME, who heads X".
fn verb_roles(a: &Analysis, mentions: &MentionSet, actors: &Actors) -> Vec<RoleDraft> {
    let mut out = vec![];
    for w in 2..a.tokens.len().saturating_sub(2) {
        let Some(label) = (low(a, w) == "who")
            .then(|| office_verb(low(a, w + 1)))
            .flatten()
        else {
            continue;
        };
        if !a.tokens[w - 1].is(",") || a.furniture.get(a.tok_para[w]).copied().unwrap_or(false) {
            continue;
        }
        let Some(member) = name_ending(mentions, w - 1).and_then(|m| m.actor.map(|x| (x, m)))
        else {
            continue;
        };
        if actors.list[member.0].kind != ActorKind::Person {
            continue;
        }
        // past a determiner, lowercase type words and a possessive: "the residents' group X"
        let se = a.sentences[a.tok_sent[w]].tok_end;
        let mut j = w + 2;
        while j < se
            && j < w + 8
            && name_at(mentions, j).is_none()
            && (is_plain_lower(a, j)
                || DETERMINERS.contains(low(a, j))
                || matches!(
                    a.tokens[j].text.as_str(),
                    "'" | "\u{2019}" | "'s" | "\u{2019}s"
                ))
        {
            j += 1;
        }
        let Some(org) = name_at(mentions, j).and_then(|m| m.actor.map(|x| (x, m.tok_end))) else {
            continue;
        };
        if org.0 != member.0 && actors.list[org.0].kind != ActorKind::Person {
            out.push(RoleDraft {
                member: member.0,
                organisation: org.0,
                label: label.to_string(),
                evidence: (member.1.tok_start, org.1),
            });
        }
    }
    out
}

/// Roles and organisation relations.
pub fn roles(
    a: &Analysis,
    mentions: &MentionSet,
    actors: &mut Actors,
) -> (Vec<RoleDraft>, Vec<OrgRelDraft>) {
    let mut roles = vec![];
    let mut rels = vec![];
    let n = a.tokens.len();
    let mut i = 0;
    while i < n {
        if a.furniture.get(a.tok_para[i]).copied().unwrap_or(false)
            || !ROLE_HEADS.contains(low(a, i))
        {
            i += 1;
            continue;
        }
        let sent = a.tok_sent[i];
        let (ss, se) = (a.sentences[sent].tok_start, a.sentences[sent].tok_end);
        let rp = role_phrase(a, i, ss, se);
        let next = rp.re.max(i + 1);
        let label = a.tok_text(rp.rs, rp.label_end);
        let mut det_s = rp.rs;
        while det_s > ss && DETERMINERS.contains(low(a, det_s - 1)) {
            det_s -= 1;
        }
        let Some((org, org_start, org_end, parent_rel)) = role_org(a, mentions, actors, &rp, se)
            .or_else(|| implicit_org(a, mentions, actors, &rp, det_s))
        else {
            i = next;
            continue;
        };
        let start = det_s.min(org_start);
        let mut start_det = start;
        while start_det > ss && DETERMINERS.contains(low(a, start_det - 1)) {
            start_det -= 1;
        }
        let member = role_member(a, mentions, actors, (start_det, org_end), &rp, se, &label);
        if let Some((mem, mtok)) = member {
            if mem != org
                && actors.list[org].kind != ActorKind::Person
                && actors.list[mem].kind != ActorKind::Place
            {
                if actors.list[mem].kind == ActorKind::Unknown
                    || !actors.list[mem].strong && actors.list[mem].kind != ActorKind::Group
                {
                    actors.list[mem].kind = ActorKind::Person;
                }
                let ev = (mtok.min(start_det), (mtok + 1).max(org_end));
                if label.eq_ignore_ascii_case("member")
                    && actors.list[mem].kind != ActorKind::Person
                {
                    rels.push(OrgRelDraft {
                        kind: OrgRelationKind::MemberOf,
                        child: mem,
                        parent: org,
                        evidence: ev,
                    });
                } else {
                    roles.push(RoleDraft {
                        member: mem,
                        organisation: org,
                        label: label.clone(),
                        evidence: ev,
                    });
                }
                if let Some((child, parent)) = parent_rel.filter(|(c, p)| c != p) {
                    rels.push(OrgRelDraft {
                        kind: OrgRelationKind::SubsidiaryOf,
                        child,
                        parent,
                        evidence: ev,
                    });
                }
            }
        }
        i = next;
    }
    roles.extend(verb_roles(a, mentions, actors));
    // factions: "the X faction Y", "Y, a faction of X"
    for i in 0..n {
        if a.furniture.get(a.tok_para[i]).copied().unwrap_or(false)
            || !lexicon::FACTION_NOUNS.contains(low(a, i))
        {
            continue;
        }
        if i > 0 {
            if let (Some(x), Some(y)) = (name_ending(mentions, i), name_at(mentions, i + 1)) {
                if let (Some(p), Some(c)) = (x.actor, y.actor) {
                    if p != c {
                        rels.push(OrgRelDraft {
                            kind: OrgRelationKind::FactionOf,
                            child: c,
                            parent: p,
                            evidence: (x.tok_start, y.tok_end),
                        });
                        for k in [p, c] {
                            if !actors.list[k].strong || actors.list[k].kind == ActorKind::Unknown {
                                actors.list[k].kind = ActorKind::Group;
                            }
                        }
                        continue;
                    }
                }
            }
        }
        if let Some(rel) = appositive_of(a, mentions, i, OrgRelationKind::FactionOf) {
            rels.push(rel);
        }
    }
    // subsidiaries: "Y, a subsidiary of X" / "X's subsidiary Y"
    for i in 0..n {
        if !matches!(low(a, i), "subsidiary" | "unit" | "division")
            || a.furniture.get(a.tok_para[i]).copied().unwrap_or(false)
        {
            continue;
        }
        if let Some(rel) = appositive_of(a, mentions, i, OrgRelationKind::SubsidiaryOf) {
            rels.push(rel);
        }
    }
    roles.dedup();
    rels.dedup();
    (roles, rels)
}

/// "Y, a faction of X" / "Y, a subsidiary of X": the relation of the name
/// before the comma to the name after "of", when the word at `i` (the head noun
/// of the appositive) is followed by "of".
fn appositive_of(
    a: &Analysis,
    mentions: &MentionSet,
    i: usize,
    kind: OrgRelationKind,
) -> Option<OrgRelDraft> {
    if low(a, i + 1) != "of" {
        return None;
    }
    let mut j = i + 2;
    while DETERMINERS.contains(low(a, j)) {
        j += 1;
    }
    let mut b = i;
    while b > 0 && DETERMINERS.contains(low(a, b - 1)) {
        b -= 1;
    }
    if b < 2 || !a.tokens[b - 1].is(",") {
        return None;
    }
    let (y, x) = (name_ending(mentions, b - 1)?, name_at(mentions, j)?);
    let (child, parent) = (y.actor?, x.actor?);
    (child != parent).then_some(OrgRelDraft {
        kind,
        child,
        parent,
        evidence: (y.tok_start, x.tok_end),
    })
}

/// The act kind of a verb form, if any (lowercase form; "call on" as two words).
fn act_kind(w: &str, next: &str) -> Option<ActKind> {
    let stem = |p: &[&str]| p.iter().any(|s| w.starts_with(s));
    if stem(&[
        "criticis", "criticiz", "condemn", "denounc", "slamm", "slams", "blast", "lambast",
        "castigat", "censur", "rebuk",
    ]) || w == "slam"
    {
        return Some(ActKind::Criticises);
    }
    if stem(&["accus", "blam"]) {
        return Some(ActKind::Accuses);
    }
    if stem(&["demand", "urg"]) && !w.starts_with("urgen") || (stem(&["call"]) && next == "on") {
        return Some(ActKind::Demands);
    }
    if stem(&["dismiss", "reject", "rebuff", "rebutt", "rebut"]) {
        return Some(ActKind::Dismisses);
    }
    if stem(&["defend"]) && !w.starts_with("defendant") {
        return Some(ActKind::Defends);
    }
    if stem(&["support", "endors", "backs", "backed", "backing"]) || w == "back" {
        return Some(ActKind::Supports);
    }
    if stem(&["prais", "applaud", "commend", "hail"]) {
        return Some(ActKind::Praises);
    }
    if stem(&["attack", "hack", "target"]) && !w.starts_with("hacker") && !w.starts_with("hacktiv")
    {
        return Some(ActKind::Attacks);
    }
    if stem(&["remov", "block", "bann", "bans", "suspend", "terminat"])
        || w == "ban"
        || (stem(&["took", "take", "taking"]) && next == "down")
        || (stem(&["cut", "shut"]) && next == "off")
    {
        return Some(ActKind::Removes);
    }
    if stem(&["protect", "serv", "shield", "host"])
        && !w.starts_with("service")
        && !w.starts_with("servant")
        && !w.starts_with("hostil")
        && !w.starts_with("hostag")
        || (stem(&["provid"]) && next == "services")
    {
        return Some(ActKind::Protects);
    }
    None
}

fn is_verb_form(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("ing")
        || w.ends_with('s')
        || w.ends_with('e')
        || matches!(
            w,
            "back"
                | "ban"
                | "slam"
                | "attack"
                | "hack"
                | "target"
                | "support"
                | "defend"
                | "demand"
                | "urge"
                | "block"
                | "protect"
                | "host"
                | "serve"
                | "dismiss"
                | "reject"
        )
}

const ARGUMENT_NOUNS: &[&str] = &[
    "argument",
    "arguments",
    "claim",
    "claims",
    "view",
    "views",
    "position",
    "idea",
    "suggestion",
    "assertion",
    "theory",
    "allegation",
    "allegations",
    "criticism",
    "accusation",
    "accusations",
    "proposal",
    "demand",
    "demands",
];

/// Acts between actors.
pub fn acts(
    a: &Analysis,
    mentions: &mut MentionSet,
    actors: &mut Actors,
    claims: &[ClaimDraft],
) -> Vec<ActDraft> {
    let mut out = vec![];
    for si in 0..a.sentences.len() {
        let s = &a.sentences[si];
        if a.furniture.get(s.paragraph).copied().unwrap_or(false) {
            continue;
        }
        let (ss, se) = (s.tok_start, s.tok_end);
        for k in ss..se {
            let t = &a.tokens[k];
            if t.kind != TokKind::Word || t.is_cap() {
                continue;
            }
            let Some(kind) = act_kind(&t.lower, low(a, k + 1)) else {
                continue;
            };
            if !is_verb_form(&t.lower) {
                continue;
            }
            if t.lower.ends_with("ing") && k > ss {
                let p = low(a, k - 1);
                let after_mention = mentions.ending_at(k).iter().any(|&mi| {
                    matches!(
                        mentions[mi].kind,
                        MentionKind::Name | MentionKind::Acronym | MentionKind::PartialName
                    )
                });
                if !(matches!(
                    p,
                    "for"
                        | "by"
                        | "of"
                        | "while"
                        | "after"
                        | "without"
                        | ","
                        | "is"
                        | "was"
                        | "are"
                        | "were"
                        | "been"
                        | "be"
                        | "also"
                        | "and"
                ) || after_mention)
                {
                    continue;
                }
            }
            // nouns: after a determiner or preposition
            if k > ss
                && (DETERMINERS.contains(low(a, k - 1)) && low(a, k - 1) != "that"
                    || matches!(low(a, k - 1), "of" | "'s" | "for") && !t.lower.ends_with("ing"))
            {
                continue;
            }
            // negation in the verb group
            let neg = (k.saturating_sub(4).max(ss)..k).any(|j| {
                matches!(low(a, j), "not" | "n't" | "never" | "no") || low(a, j).ends_with("n't")
            });
            if neg {
                continue;
            }
            let passive = k > ss
                && matches!(
                    low(a, k - 1),
                    "been" | "was" | "were" | "is" | "are" | "being" | "be"
                )
                || k > ss + 1
                    && matches!(
                        low(a, k - 2),
                        "been" | "was" | "were" | "is" | "are" | "being"
                    )
                    && lexicon::ADVERBS.contains(low(a, k - 1));
            let vend = if matches!(low(a, k + 1), "on" | "down" | "off")
                || low(a, k + 1) == "services" && low(a, k + 2) == "to"
            {
                if low(a, k + 1) == "services" {
                    k + 3
                } else {
                    k + 2
                }
            } else {
                k + 1
            };
            let (n_mentions, n_actors) = (mentions.len(), actors.list.len());
            let (agent, patient) = if passive {
                // "... has been dismissed by X" : agent after "by", patient = subject
                let by = (vend..se).find(|&j| low(a, j) == "by");
                let agent = by.and_then(|b| first_actor(a, mentions, b + 1, se));
                let subj = subject_before(a, ss, k);
                let patient = subj.and_then(|(s0, e0)| {
                    actor_in(mentions, actors, s0, e0).or_else(|| {
                        if (s0..e0).any(|j| ARGUMENT_NOUNS.contains(&low(a, j))) {
                            // the argument of the last claim's speaker
                            claim_before(claims, s0).and_then(|c| claims[c].speaker)
                        } else {
                            None
                        }
                    })
                });
                (agent, patient)
            } else {
                let gerund = t.lower.ends_with("ing");
                let subj = if gerund {
                    first_np_span(a, ss, k)
                } else {
                    subject_before(a, ss, k)
                };
                let agent = subj.and_then(|(s0, e0)| {
                    actor_in(mentions, actors, s0, e0)
                        .or_else(|| nominal_actor_parts(a, mentions, actors, s0, e0))
                });
                if agent.is_none() {
                    mentions.truncate(n_mentions);
                    actors.truncate(n_actors);
                    continue;
                }
                let patient = object_actor(a, mentions, actors, vend, se);
                (agent, patient)
            };
            let (Some(agent), Some(patient)) = (agent, patient) else {
                // undo nominal actors created for an act that is not there
                mentions.truncate(n_mentions);
                actors.truncate(n_actors);
                continue;
            };
            if agent == patient {
                continue;
            }
            let claim = claim_holding(claims, k);
            out.push(ActDraft {
                kind,
                agent,
                patient,
                polarity: kind.polarity(),
                sentence: si,
                claim,
                confidence: if passive { 0.6 } else { 0.7 },
            });
        }
    }
    out
}

fn actor_in(mentions: &MentionSet, actors: &Actors, s: usize, e: usize) -> Option<usize> {
    let inside: Vec<&RawMention> = mentions
        .inside(s, e)
        .into_iter()
        .map(|i| &mentions[i])
        .filter(|m| m.actor.is_some())
        .collect();
    if let Some(m) = inside
        .iter()
        .find(|m| m.kind == MentionKind::Nominal && m.group_of.is_some())
    {
        return m.actor;
    }
    inside
        .iter()
        .find(|m| {
            !m.possessive
                && m.actor
                    .is_some_and(|x| actors.list[x].kind != ActorKind::Place)
        })
        .or_else(|| inside.first())
        .and_then(|m| m.actor)
}

fn first_actor(a: &Analysis, mentions: &MentionSet, s: usize, se: usize) -> Option<usize> {
    let mut e = s;
    while e < se && !a.tokens[e].is(",") && !a.tokens[e].is_final() {
        e += 1;
    }
    mentions
        .inside(s, e)
        .into_iter()
        .map(|i| &mentions[i])
        .filter(|m| m.actor.is_some())
        .min_by_key(|m| m.tok_start)
        .and_then(|m| m.actor)
}

/// The subject noun phrase before the verb group ending at `k`.
fn subject_before(a: &Analysis, ss: usize, k: usize) -> Option<(usize, usize)> {
    let mut vg = k;
    while vg > ss
        && (lexicon::AUXILIARIES.contains(low(a, vg - 1)) && low(a, vg - 1) != "to"
            || lexicon::ADVERBS.contains(low(a, vg - 1)))
    {
        vg -= 1;
    }
    let mut s = vg;
    while s > ss {
        let t = &a.tokens[s - 1];
        let w = t.lower.as_str();
        if !(t.kind == TokKind::Word || t.kind == TokKind::Hashtag || t.kind == TokKind::Num)
            || lexicon::SUBORDINATORS.contains(w) && w != "and"
            || lexicon::RELATIVES.contains(w)
            || lexicon::AUXILIARIES.contains(w) && w != "'s"
        {
            break;
        }
        s -= 1;
        if vg - s > 10 {
            break;
        }
    }
    if s < vg {
        Some((s, vg))
    } else {
        None
    }
}

fn first_np_span(a: &Analysis, ss: usize, limit: usize) -> Option<(usize, usize)> {
    let mut s = ss;
    while s < limit
        && (a.tokens[s].kind == TokKind::Quote || lexicon::SUBORDINATORS.contains(low(a, s)))
    {
        s += 1;
    }
    let mut e = s;
    while e < limit
        && (a.tokens[e].kind == TokKind::Word || a.tokens[e].kind == TokKind::Hashtag)
        && !lexicon::AUXILIARIES.contains(low(a, e))
        && !lexicon::ADVERBS.contains(low(a, e))
        && e - s < 8
    {
        e += 1;
    }
    if e > s {
        Some((s, e))
    } else {
        None
    }
}

/// The patient in the object of a verb ending at `vend`.
fn object_actor(
    a: &Analysis,
    mentions: &mut MentionSet,
    actors: &mut Actors,
    vend: usize,
    se: usize,
) -> Option<usize> {
    let mut e = vend;
    while e < se {
        let t = &a.tokens[e];
        if t.is_final() || t.is(";") || t.kind == TokKind::Quote {
            break;
        }
        if t.is(",") && !matches!(low(a, e + 1), "such" | "including" | "like") {
            break;
        }
        if e > vend
            && matches!(
                t.lower.as_str(),
                "by" | "that" | "because" | "after" | "before" | "while" | "who" | "which"
            )
        {
            break;
        }
        e += 1;
    }
    // "such as X" / "including X"
    for j in vend..e {
        if (low(a, j) == "such" && low(a, j + 1) == "as") || low(a, j) == "including" {
            let start = if low(a, j) == "such" { j + 2 } else { j + 1 };
            if let Some(m) = mentions
                .inside(start, e)
                .into_iter()
                .map(|i| &mentions[i])
                .filter(|m| m.actor.is_some())
                .min_by_key(|m| m.tok_start)
            {
                return m.actor;
            }
        }
    }
    // head of the object: the first noun before a preposition
    let mut h = vend;
    while h < e && (DETERMINERS.contains(low(a, h)) || a.tokens[h].lower.ends_with("ly")) {
        h += 1;
    }
    if h >= e {
        return None;
    }
    if let Some(m) = (vend..=h)
        .flat_map(|t| mentions.starting_at(t).iter().map(|&i| &mentions[i]))
        .filter(|m| m.tok_end > h && m.actor.is_some())
        .max_by_key(|m| m.tok_end)
    {
        return m.actor;
    }
    // a generic actor noun phrase: "websites associated with X" -> "websites"
    let mut he = h;
    while he < e
        && a.tokens[he].kind == TokKind::Word
        && !lexicon::PREPOSITIONS.contains(low(a, he))
        && !(he > h && (low(a, he).ends_with("ed") || low(a, he).ends_with("ing")))
    {
        he += 1;
    }
    if he > h {
        if let Some(x) = nominal_actor_parts(a, mentions, actors, h, he) {
            return Some(x);
        }
    }
    // otherwise the first actor mention in the object
    mentions
        .inside(vend, e)
        .into_iter()
        .map(|i| &mentions[i])
        .filter(|m| {
            m.actor.is_some()
                && matches!(
                    m.kind,
                    MentionKind::Name
                        | MentionKind::Acronym
                        | MentionKind::PartialName
                        | MentionKind::Hashtag
                )
        })
        .min_by_key(|m| m.tok_start)
        .and_then(|m| m.actor)
}
