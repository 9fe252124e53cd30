//! A reader for brat standoff annotations (`.ann`): text-bound entities
//! (`T1\tSource 110 112\twe`, discontinuous `10 20;25 40`) and events
//! (`E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`). Malformed lines are
//! skipped and counted, never fatal.

use std::collections::HashMap;

/// A text-bound annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Id (`T1`).
    pub id: String,
    /// Type (`Source`, `Cue`, `Content`, ...).
    pub kind: String,
    /// Fragments `[start, end)` in char offsets.
    pub fragments: Vec<(usize, usize)>,
    /// The annotated text as written in the file.
    pub text: String,
}

impl Entity {
    /// The hull of the fragments: first start to last end.
    pub fn hull(&self) -> (usize, usize) {
        let s = self.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let e = self.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        (s, e)
    }
}

/// An event: a trigger type and role arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Id (`E1`).
    pub id: String,
    /// Type (`Attribution`, `Attribution-no-source`).
    pub kind: String,
    /// Role name to entity id (`Content` -> `T3`).
    pub args: HashMap<String, String>,
}

/// A parsed `.ann` file.
#[derive(Debug, Clone, Default)]
pub struct Ann {
    /// Entities by id.
    pub entities: HashMap<String, Entity>,
    /// Events in file order.
    pub events: Vec<Event>,
    /// Lines that could not be parsed.
    pub malformed: usize,
}

/// Parses the text of a `.ann` file.
pub fn parse(text: &str) -> Ann {
    let mut ann = Ann::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("").trim();
        let body = cols.next().unwrap_or("");
        let txt = cols.next().unwrap_or("");
        if id.starts_with('T') {
            let mut parts = body.splitn(2, ' ');
            let kind = parts.next().unwrap_or("");
            let offs = parts.next().unwrap_or("");
            let mut fragments = vec![];
            let mut ok = !kind.is_empty();
            for frag in offs.split(';') {
                let mut se = frag.split_whitespace();
                match (
                    se.next().and_then(|x| x.parse::<usize>().ok()),
                    se.next().and_then(|x| x.parse::<usize>().ok()),
                ) {
                    (Some(s), Some(e)) if s <= e => fragments.push((s, e)),
                    _ => ok = false,
                }
            }
            if ok && !fragments.is_empty() {
                ann.entities.insert(
                    id.to_string(),
                    Entity {
                        id: id.to_string(),
                        kind: kind.to_string(),
                        fragments,
                        text: txt.to_string(),
                    },
                );
            } else {
                ann.malformed += 1;
            }
        } else if id.starts_with('E') {
            let mut parts = body.split_whitespace();
            let Some((kind, _trigger)) = parts.next().and_then(|p| p.split_once(':')) else {
                ann.malformed += 1;
                continue;
            };
            let mut args = HashMap::new();
            for p in parts {
                if let Some((role, eid)) = p.split_once(':') {
                    // roles may carry a numeric suffix (Content2)
                    let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
                    args.entry(role.to_string())
                        .or_insert_with(|| eid.to_string());
                }
            }
            ann.events.push(Event {
                id: id.to_string(),
                kind: kind.to_string(),
                args,
            });
        }
    }
    ann
}

/// One gold attribution: hull spans of its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldAttribution {
    /// Source span, if annotated.
    pub source: Option<(usize, usize)>,
    /// Cue span, if annotated.
    pub cue: Option<(usize, usize)>,
    /// Content span, if annotated.
    pub content: Option<(usize, usize)>,
}

impl Ann {
    /// The attribution events with their parts.
    pub fn attributions(&self) -> Vec<GoldAttribution> {
        self.events
            .iter()
            .filter(|e| e.kind.starts_with("Attribution"))
            .map(|e| {
                let get = |r: &str| {
                    e.args
                        .get(r)
                        .and_then(|id| self.entities.get(id))
                        .map(|x| x.hull())
                };
                GoldAttribution {
                    source: get("Source"),
                    cue: get("Cue"),
                    content: get("Content"),
                }
            })
            .collect()
    }

    /// All entity hulls of a type (`Source`, `Cue`, `Content`), deduplicated and sorted.
    pub fn spans(&self, kind: &str) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .entities
            .values()
            .filter(|e| e.kind == kind)
            .map(|e| e.hull())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_events_and_discontinuous_spans() {
        let a = parse("T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tabc def\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nbad line\nT9\tSource x y\tz\n");
        assert_eq!(a.entities.len(), 4);
        assert_eq!(a.entities["T3"].hull(), (11, 30));
        assert_eq!(a.malformed, 1);
        let g = a.attributions();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].source, Some((0, 5)));
        assert_eq!(g[0].content, Some((11, 30)));
        assert_eq!(a.spans("Cue"), vec![(6, 10)]);
    }
}
