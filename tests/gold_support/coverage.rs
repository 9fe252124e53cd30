//! The coverage gold (tests/data/gold/coverage/*.json) and its scoring:
//! claim recall and precision, speaker accuracy per claim kind, role and
//! actor precision and recall, and the traps each article sets (texts that
//! are no claims, names that are no actors).
//!
//! The files extend the gold format of tests/data/gold/*.json compatibly:
//! `genre`; `occurrence` on a claim whose content occurs more than once
//! (0-based, default 0); `parts`, the other pieces of a content split by a
//! mid-sentence cue; `optional` on an actor a careful analyst may or may
//! not list (it counts neither for recall nor against precision);
//! `non_claims` (texts that must not be claim content) and `not_actors`
//! (names that must not be actors). They live in a subdirectory so the
//! exact-match tests over tests/data/gold/*.json do not read them.

use super::{root, tag};
use serde::Deserialize;
use stancegraph::annotate::Annotator;
use stancegraph::extraction::{Claim, Extraction};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One coverage gold file.
#[derive(Debug, Deserialize)]
pub struct CoverageGold {
    pub file: String,
    #[serde(default)]
    pub genre: String,
    pub claims: Vec<CovClaim>,
    #[serde(default)]
    pub actors: Vec<CovActor>,
    #[serde(default)]
    pub roles: Vec<super::GoldRole>,
    #[serde(default)]
    pub org_relations: Vec<super::GoldRel>,
    #[serde(default)]
    pub non_claims: Vec<String>,
    #[serde(default)]
    pub not_actors: Vec<String>,
}

/// A gold claim; `content` occurs verbatim in the article text.
#[derive(Debug, Deserialize)]
pub struct CovClaim {
    pub speaker: Option<String>,
    pub content: String,
    pub kind: String,
    pub addressee: Option<String>,
    #[serde(default)]
    pub occurrence: usize,
    /// Other pieces of a content that a mid-sentence cue splits ("The
    /// decision, he said, was final"): finding any piece finds the claim.
    #[serde(default)]
    pub parts: Vec<String>,
}

/// A gold actor with its kind and the other names it goes by.
#[derive(Debug, Deserialize)]
pub struct CovActor {
    pub name: String,
    pub kind: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

/// The coverage gold files, sorted.
pub fn files() -> Vec<PathBuf> {
    let dir = root().join("tests/data/gold/coverage");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// Reads one coverage gold file.
pub fn load(path: &Path) -> CoverageGold {
    let t = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&t).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The article of `g` as ingested (text after front matter and markup).
pub fn document(g: &CoverageGold) -> stancegraph::document::Document {
    let p = root().join(&g.file);
    stancegraph::ingest::load_file(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .remove(0)
}

/// Char span of the `n`-th occurrence (0-based) of `needle` in `text`.
pub fn find_nth(text: &str, needle: &str, n: usize) -> Option<(usize, usize)> {
    let (b, _) = text.match_indices(needle).nth(n)?;
    let start = text[..b].chars().count();
    Some((start, start + needle.chars().count()))
}

/// Lower-cased name or alias -> canonical gold name.
fn name_map(g: &CoverageGold) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for a in &g.actors {
        for n in std::iter::once(&a.name).chain(&a.aliases) {
            m.insert(n.to_lowercase(), a.name.clone());
        }
    }
    m
}

/// Counts behind a ratio: `hit` of `of`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ratio {
    pub hit: usize,
    pub of: usize,
}

impl Ratio {
    fn add(&mut self, ok: bool) {
        self.of += 1;
        self.hit += ok as usize;
    }
    /// The ratio, 1.0 when nothing was counted.
    pub fn value(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
    fn plus(&mut self, o: &Ratio) {
        self.hit += o.hit;
        self.of += o.of;
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3} ({}/{})", self.value(), self.hit, self.of)
    }
}

/// Every figure for one article (or summed over several).
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub claim_recall: Ratio,
    pub claim_precision: Ratio,
    pub speaker_direct: Ratio,
    pub speaker_indirect: Ratio,
    pub speaker_mixed: Ratio,
    pub kind: Ratio,
    pub addressee: Ratio,
    pub non_claim_hits: usize,
    pub role_recall: Ratio,
    pub role_precision: Ratio,
    pub role_pair_recall: Ratio,
    pub actor_recall: Ratio,
    pub actor_precision: Ratio,
    pub actor_kind: Ratio,
    pub not_actor_hits: usize,
    pub org_rel_recall: Ratio,
    pub org_rel_precision: Ratio,
    /// Human-readable problems, one per line.
    pub problems: Vec<String>,
}

impl Score {
    /// Speaker accuracy over indirect and mixed claims together.
    pub fn speaker_reported(&self) -> Ratio {
        let mut r = self.speaker_indirect;
        r.plus(&self.speaker_mixed);
        r
    }

    /// Adds the counts of `o` (problems are not copied).
    pub fn add(&mut self, o: &Score) {
        let mut o = o.clone();
        for (a, b) in self.ratios_mut().into_iter().zip(o.ratios_mut()) {
            a.plus(b);
        }
        self.non_claim_hits += o.non_claim_hits;
        self.not_actor_hits += o.not_actor_hits;
    }

    fn ratios_mut(&mut self) -> [&mut Ratio; 15] {
        [
            &mut self.claim_recall,
            &mut self.claim_precision,
            &mut self.speaker_direct,
            &mut self.speaker_indirect,
            &mut self.speaker_mixed,
            &mut self.kind,
            &mut self.addressee,
            &mut self.role_recall,
            &mut self.role_precision,
            &mut self.role_pair_recall,
            &mut self.actor_recall,
            &mut self.actor_precision,
            &mut self.actor_kind,
            &mut self.org_rel_recall,
            &mut self.org_rel_precision,
        ]
    }

    /// One line of the figures that carry floors.
    pub fn line(&self) -> String {
        format!(
            "claims R {} P {} | speaker direct {} reported {} (indirect {}, mixed {}) | kind {} | roles R {} P {} (pair R {}) | actors R {} P {} kind {} | non-claims hit {} not-actors hit {}",
            self.claim_recall,
            self.claim_precision,
            self.speaker_direct,
            self.speaker_reported(),
            self.speaker_indirect,
            self.speaker_mixed,
            self.kind,
            self.role_recall,
            self.role_precision,
            self.role_pair_recall,
            self.actor_recall,
            self.actor_precision,
            self.actor_kind,
            self.non_claim_hits,
            self.not_actor_hits,
        )
    }
}

/// Annotates the article of `g` with `ann` and scores it.
pub fn score_article(g: &CoverageGold, ann: &Annotator) -> Score {
    let doc = document(g);
    let ex = ann.annotate(&doc);
    let names = name_map(g);
    let mut s = Score::default();
    score_claims(g, &doc.text, &ex, &names, &mut s);
    score_actors(g, &ex, &names, &mut s);
    score_roles(g, &ex, &names, &mut s);
    s
}

/// The gold name an extracted actor id stands for (its own name when it is
/// no gold actor).
fn mapped(ex: &Extraction, names: &HashMap<String, String>, id: Option<&str>) -> Option<String> {
    let a = ex.actor(id?)?;
    Some(
        names
            .get(&a.name.to_lowercase())
            .cloned()
            .unwrap_or_else(|| a.name.clone()),
    )
}

/// Gold content spans: the occurrence itself and, for "that ...", the clause
/// without the complementiser (a content boundary, not a missed claim).
fn gold_spans(text: &str, c: &CovClaim) -> Vec<(usize, usize)> {
    let Some((s, e)) = find_nth(text, &c.content, c.occurrence) else {
        return vec![];
    };
    let mut v = vec![(s, e)];
    if c.content.starts_with("that ") {
        v.push((s + 5, e));
    }
    v.extend(c.parts.iter().filter_map(|p| find_nth(text, p, 0)));
    v
}

fn covers(c: &Claim, spans: &[(usize, usize)]) -> bool {
    spans
        .iter()
        .any(|&(s, e)| c.content.start <= s && e <= c.content.end)
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(str::to_lowercase) == b.map(str::to_lowercase)
}

fn score_claims(
    g: &CoverageGold,
    text: &str,
    ex: &Extraction,
    names: &HashMap<String, String>,
    s: &mut Score,
) {
    let mut used: HashSet<usize> = HashSet::new();
    for gc in &g.claims {
        let spans = gold_spans(text, gc);
        let cands: Vec<usize> = (0..ex.claims.len())
            .filter(|&i| covers(&ex.claims[i], &spans))
            .collect();
        s.claim_recall.add(!cands.is_empty());
        if cands.is_empty() {
            s.problems
                .push(format!("MISSED {} {:?}", gc.kind, gc.content));
            continue;
        }
        used.extend(&cands);
        let spk = |i: usize| mapped(ex, names, ex.claims[i].speaker.as_deref());
        let best = cands
            .iter()
            .copied()
            .find(|&i| same(spk(i).as_deref(), gc.speaker.as_deref()))
            .unwrap_or(cands[0]);
        let c = &ex.claims[best];
        let ok = same(spk(best).as_deref(), gc.speaker.as_deref());
        match gc.kind.as_str() {
            "direct" => s.speaker_direct.add(ok),
            "mixed" => s.speaker_mixed.add(ok),
            _ => s.speaker_indirect.add(ok),
        }
        if !ok {
            s.problems.push(format!(
                "SPEAKER {} {:?}: want {:?}, got {:?} (source {:?}, cue {:?}, {})",
                gc.kind,
                gc.content,
                gc.speaker,
                spk(best),
                c.source.as_ref().map(|x| x.text.as_str()),
                c.cue.as_ref().map(|x| x.text.as_str()),
                tag(&c.resolution)
            ));
        }
        let kind_ok = tag(&c.kind) == gc.kind;
        s.kind.add(kind_ok);
        if !kind_ok {
            s.problems.push(format!(
                "KIND {:?}: want {}, got {}",
                gc.content,
                gc.kind,
                tag(&c.kind)
            ));
        }
        if let Some(ad) = &gc.addressee {
            let got = mapped(ex, names, c.addressee.as_deref());
            s.addressee.add(same(got.as_deref(), Some(ad)));
        }
    }
    let non: Vec<(usize, usize)> = g
        .non_claims
        .iter()
        .filter_map(|n| find_nth(text, n, 0))
        .collect();
    for (i, c) in ex.claims.iter().enumerate() {
        s.claim_precision.add(used.contains(&i));
        let hits_non = non
            .iter()
            .any(|&(a, b)| c.content.start < b && a < c.content.end);
        if hits_non {
            s.non_claim_hits += 1;
        }
        if !used.contains(&i) {
            s.problems.push(format!(
                "EXTRA{} claim {:?} (speaker {:?}, cue {:?})",
                if hits_non { " (a non-claim)" } else { "" },
                c.content.text,
                ex.speaker_name(c),
                c.cue.as_ref().map(|x| x.text.as_str())
            ));
        }
    }
}

fn score_actors(g: &CoverageGold, ex: &Extraction, names: &HashMap<String, String>, s: &mut Score) {
    let optional: HashSet<&str> = g
        .actors
        .iter()
        .filter(|a| a.optional)
        .map(|a| a.name.as_str())
        .collect();
    let not_actors: HashSet<String> = g.not_actors.iter().map(|n| n.to_lowercase()).collect();
    // gold name -> the kind of the first extracted actor that took it
    let mut taken: HashMap<String, String> = HashMap::new();
    for a in &ex.actors {
        let gold = names.get(&a.name.to_lowercase());
        match gold {
            Some(gn) if optional.contains(gn.as_str()) => {}
            Some(gn) if !taken.contains_key(gn) => {
                taken.insert(gn.clone(), tag(&a.kind));
                s.actor_precision.add(true);
            }
            Some(gn) => {
                s.actor_precision.add(false);
                s.problems
                    .push(format!("DUPLICATE actor {:?} (of {gn})", a.name));
            }
            None => {
                s.actor_precision.add(false);
                let trap = not_actors.contains(&a.name.to_lowercase());
                if trap {
                    s.not_actor_hits += 1;
                }
                s.problems.push(format!(
                    "EXTRA actor {:?} ({}){}",
                    a.name,
                    tag(&a.kind),
                    if trap { " (a listed not-actor)" } else { "" }
                ));
            }
        }
    }
    for ga in g.actors.iter().filter(|a| !a.optional) {
        let got = taken.get(&ga.name);
        s.actor_recall.add(got.is_some());
        match (got, &ga.kind) {
            (None, _) => s.problems.push(format!("MISSED actor {:?}", ga.name)),
            (Some(k), Some(want)) => {
                s.actor_kind.add(k == want);
                if k != want {
                    s.problems
                        .push(format!("ACTOR KIND {:?}: want {want}, got {k}", ga.name));
                }
            }
            _ => {}
        }
    }
}

fn score_roles(g: &CoverageGold, ex: &Extraction, names: &HashMap<String, String>, s: &mut Score) {
    let got: HashSet<(String, String, String)> = ex
        .roles
        .iter()
        .map(|r| {
            (
                mapped(ex, names, Some(&r.member)).unwrap_or_default(),
                mapped(ex, names, Some(&r.organisation)).unwrap_or_default(),
                r.label.to_lowercase(),
            )
        })
        .collect();
    let want: HashSet<(String, String, String)> = g
        .roles
        .iter()
        .map(|r| {
            (
                r.member.clone(),
                r.organisation.clone(),
                r.label.to_lowercase(),
            )
        })
        .collect();
    for w in &want {
        s.role_recall.add(got.contains(w));
        let pair = got.iter().any(|x| x.0 == w.0 && x.1 == w.1);
        s.role_pair_recall.add(pair);
        if !got.contains(w) {
            s.problems.push(format!(
                "MISSED role {} / {} / {}{}",
                w.0,
                w.2,
                w.1,
                if pair {
                    " (pair found, other label)"
                } else {
                    ""
                }
            ));
        }
    }
    for x in &got {
        s.role_precision.add(want.contains(x));
        if !want.contains(x) {
            s.problems
                .push(format!("EXTRA role {} / {} / {}", x.0, x.2, x.1));
        }
    }
    let rels: HashSet<(String, String, String)> = ex
        .org_relations
        .iter()
        .map(|r| {
            (
                tag(&r.kind),
                mapped(ex, names, Some(&r.child)).unwrap_or_default(),
                mapped(ex, names, Some(&r.parent)).unwrap_or_default(),
            )
        })
        .collect();
    for r in &g.org_relations {
        let ok = rels.contains(&(r.kind.clone(), r.child.clone(), r.parent.clone()));
        s.org_rel_recall.add(ok);
    }
    for r in &rels {
        let ok = g
            .org_relations
            .iter()
            .any(|w| (w.kind.as_str(), w.child.as_str(), w.parent.as_str()) == (&r.0, &r.1, &r.2));
        s.org_rel_precision.add(ok);
    }
}
