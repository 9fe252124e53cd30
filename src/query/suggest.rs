//! "Did you mean ...?" for names typed on the command line (canned queries, targets,
//! actors), and tolerant matching of actor names.

/// Up to three candidates closest to `input` (case-insensitive Jaro-Winkler, with
/// containment counted as close), best first.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let needle = input.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let lc = c.to_lowercase();
            let mut score = strsim::jaro_winkler(&needle, &lc);
            if !needle.is_empty() && (lc.contains(&needle) || needle.contains(&lc)) {
                score = score.max(0.9);
            }
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// " Did you mean A, B or C?" (empty when nothing is close).
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let c = closest(input, candidates);
    match c.len() {
        0 => String::new(),
        1 => format!(" Did you mean \u{201c}{}\u{201d}?", c[0]),
        _ => {
            let quoted: Vec<String> = c.iter().map(|s| format!("\u{201c}{s}\u{201d}")).collect();
            let (last, rest) = quoted.split_last().expect("two or more");
            format!(" Did you mean {} or {last}?", rest.join(", "))
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The names in `names` that `input` designates: the exact name; else the names
/// equal to it ignoring case and spacing; else those containing it as whole words
/// ("Okafor" finds "Marion Okafor"); else those containing it anywhere.
pub fn matching_names<'a>(input: &str, names: &[&'a str]) -> Vec<&'a str> {
    if let Some(n) = names.iter().find(|n| **n == input) {
        return vec![n];
    }
    let want = normalise(input);
    if want.is_empty() {
        return vec![];
    }
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|n: &str| normalise(n) == want,
        &|n: &str| {
            let n = normalise(n);
            let words: Vec<&str> = n.split(' ').collect();
            let w: Vec<&str> = want.split(' ').collect();
            words.windows(w.len()).any(|win| win == w.as_slice())
        },
        &|n: &str| normalise(n).contains(&want),
    ];
    for tier in tiers {
        let mut hits: Vec<&str> = names.iter().copied().filter(|n| tier(n)).collect();
        hits.sort_unstable();
        hits.dedup();
        if !hits.is_empty() {
            return hits;
        }
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_typos() {
        let names = ["who-argues-what", "actor-claims", "most-quoted"];
        assert_eq!(closest("who-argue-what", names), vec!["who-argues-what"]);
        assert!(did_you_mean("actr-claims", names).contains("actor-claims"));
        assert_eq!(did_you_mean("zzzz", names), "");
    }

    #[test]
    fn actor_names_match_by_case_and_by_word() {
        let names = ["Ines Halloran", "Halloran Group", "Tom Reyes", "Tomasz Wik"];
        assert_eq!(matching_names("Tom Reyes", &names), vec!["Tom Reyes"]);
        assert_eq!(matching_names("tom  reyes", &names), vec!["Tom Reyes"]);
        assert_eq!(
            matching_names("halloran", &names),
            vec!["Halloran Group", "Ines Halloran"]
        );
        assert_eq!(matching_names("Reyes", &names), vec!["Tom Reyes"]);
        assert_eq!(matching_names("Tomas", &names), vec!["Tomasz Wik"]);
        assert!(matching_names("Nobody", &names).is_empty());
    }
}
