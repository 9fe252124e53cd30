//! Clause polarity: negation, evaluative words, modals and counterfactual
//! consequences. General English lexicons only.

use super::text::Token;

/// True for a word that makes a preceding "without" an intensifier ("without delay").
pub fn is_without_idiom(w: &str) -> bool {
    WITHOUT_IDIOMS.contains(&w)
}

/// Single-word negators.
///
/// "without" and "against" are not here: "without" negates its object noun
/// phrase, not the clause ("approve it without delay"; it only cancels an
/// earlier negator: "not done without asking"), and "against" is a
/// preposition ("campaigns against X") unless a verb of being or taking a
/// side governs it ("we are against it"), see [`AGAINST_GOVERNORS`].
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "cannot", "hardly",
    "refuse", "refuses", "refused", "refusing", "declined", "declines", "decline",
];

/// Words before "against" that make it a position ("are against", "voted against").
const AGAINST_GOVERNORS: &[&str] = &[
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "'re",
    "'m",
    "stand",
    "stands",
    "stood",
    "vote",
    "votes",
    "voted",
    "voting",
    "came",
    "come",
    "comes",
    "argue",
    "argued",
    "argues",
    "campaigned",
    "spoke",
    "speak",
    "speaks",
    "firmly",
    "strongly",
    "totally",
    "completely",
    "very",
    "all",
    "still",
    "remain",
    "remains",
    "remained",
];

/// Words after "without" that make it an intensifier, not a negation
/// ("without delay", "without hesitation").
const WITHOUT_IDIOMS: &[&str] = &[
    "delay",
    "further",
    "hesitation",
    "question",
    "doubt",
    "fail",
    "reservation",
    "reservations",
    "exception",
    "equivocation",
    "qualification",
];

/// Two-word negators.
const NEGATOR_PAIRS: &[(&str, &str)] = &[
    ("less", "than"),
    ("far", "from"),
    ("fail", "to"),
    ("failed", "to"),
    ("fails", "to"),
];

/// Patterns that look like negation but are not ("whether or not", "is or isn't").
const NOT_NEGATION: &[&[&str]] = &[
    &["cannot", "wait"],
    &["can't", "wait"],
    &["can", "not", "wait"],
    &["could", "not", "be", "clearer"],
    &["couldn't", "be", "clearer"],
    &["could", "not", "agree", "more"],
    &["couldn't", "agree", "more"],
    &["cannot", "stress"],
    &["can't", "stress"],
    &["not", "least"],
    &["no", "sooner"],
    &["or", "not"],
    &["or", "isn't"],
    &["or", "aren't"],
    &["not", "only"],
    &["not", "just"],
    &["no", "doubt"],
    &["no", "matter"],
    &["no", "longer"],
];

/// Word beginnings that evaluate positively (matched as prefixes of the lowercase word).
const POSITIVE: &[&str] = &[
    "approv",
    "support",
    "endors",
    "welcom",
    "agree",
    "prais",
    "right",
    "good",
    "legitimate",
    "justif",
    "acceptable",
    "fair",
    "necessar",
    "valuable",
    "useful",
    "effective",
    "tolerat",
    "favour",
    "favor",
    "commend",
    "applaud",
    "benefi",
    "ethical",
    "responsible",
    "sensible",
    "reasonable",
    "wise",
    "helpful",
    "backing",
    "backed",
    "champion",
    "celebrat",
    "correct",
    "best",
    "important",
    "vital",
    "essential",
];

/// Word beginnings that evaluate negatively.
const NEGATIVE: &[&str] = &[
    "oppos",
    "reject",
    "condemn",
    "critici",
    "disapprov",
    "disagree",
    "denounc",
    "dismiss",
    "wrong",
    "bad",
    "illegal",
    "unlawful",
    "unacceptabl",
    "dangerous",
    "arrogan",
    "unresponsive",
    "unethical",
    "irresponsib",
    "harm",
    "fickle",
    "mistake",
    "blame",
    "accus",
    "threat",
    "hurt",
    "damag",
    "undermin",
    "uproar",
    "outrag",
    "failure",
    "abus",
    "offender",
    "illegalit",
    "hateful",
    "obscene",
    "offensive",
    "reckless",
    "absurd",
    "ridiculous",
    "unfair",
    "unjust",
    "disastrous",
    "scandal",
    "shame",
    "disgrace",
    "deplor",
    "appall",
    "terrible",
    "awful",
    "worse",
    "worst",
    "flawed",
    "misguided",
    "naive",
    "useless",
    "ineffective",
    "counterproductive",
    "costly",
    "burden",
    "destroy",
    "ruin",
    "cripple",
    "corrupt",
    "greed",
    "lie",
    "lies",
    "lying",
    "fraud",
    "hypocri",
    "unaccept",
    "object",
    "difficult",
    "impossible",
    "unable",
];

/// Positive words that are too ambiguous after certain contexts ("right to" = entitlement).
fn is_positive(w: &str) -> bool {
    POSITIVE.iter().any(|p| w.starts_with(p)) && !matches!(w, "rightly" | "rights")
}

fn is_negative(w: &str) -> bool {
    NEGATIVE.iter().any(|p| w.starts_with(p)) && !matches!(w, "lieutenant" | "harmony" | "badge")
}

fn is_negator(w: &str) -> bool {
    NEGATORS.contains(&w) || w.ends_with("n't")
}

/// Modal verbs recorded as evidence.
const MODALS: &[&str] = &[
    "should", "must", "would", "could", "might", "may", "ought", "need", "needs", "shall",
];

/// Verbs that introduce a hypothetical consequence after "would"/"could".
const CONSEQUENCE: &[&str] = &[
    "mean",
    "lead",
    "result",
    "amount",
    "cause",
    "create",
    "open",
    "end",
    "set",
    "risk",
    "undermine",
    "destroy",
    "hurt",
    "damage",
    "harm",
    "make",
];

/// What the rules found in one clause.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClauseSign {
    /// +1: the clause asserts (or approves of) what it says; -1: it denies it,
    /// disapproves of it or warns against it.
    pub sign: i8,
    /// Negators found (token indices), including those used up by an evaluation.
    pub negations: Vec<usize>,
    /// Negators that flip the clause (not used up by an evaluation), each with
    /// the word it negates (the first content word after it), if any.
    pub free_negations: Vec<(usize, Option<usize>)>,
    /// Evaluative words with their (negation-adjusted) polarity.
    pub evaluations: Vec<(usize, i8)>,
    /// The modal verb, if any.
    pub modal: Option<usize>,
    /// The counterfactual consequence marker ("would mean", "if ... would"), if any.
    pub counterfactual: Option<usize>,
}

impl ClauseSign {
    /// True when the clause carries an explicit polarity signal (negation,
    /// evaluation or counterfactual), not just a bare statement.
    pub fn is_marked(&self) -> bool {
        !self.negations.is_empty() || !self.evaluations.is_empty() || self.counterfactual.is_some()
    }

    /// The sign of the evaluative words alone (+1 when there are none).
    pub fn evaluation_sign(&self) -> i8 {
        let sum: i32 = self.evaluations.iter().map(|(_, p)| *p as i32).sum();
        if sum < 0 {
            -1
        } else {
            1
        }
    }

    /// The clause sign counting only the free negations `keep` accepts (given
    /// the negated word's index), e.g. only those that negate the predicate a
    /// proposition is about: "claims to have not *received* a request" does
    /// not negate a position on acting through legal process.
    pub fn sign_where(&self, keep: impl Fn(Option<usize>) -> bool) -> i8 {
        let mut sign = self.evaluation_sign();
        let n = self.free_negations.iter().filter(|(_, v)| keep(*v)).count();
        if n % 2 == 1 {
            sign = -sign;
        }
        if self.counterfactual.is_some() {
            sign = -1;
        }
        sign
    }
}

/// Auxiliaries, adverbs and particles skipped when looking for the word a
/// negator negates ("not *be* closing", "never *really* wanted").
const SKIP_AFTER_NEGATOR: &[&str] = &[
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "to",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "ever",
    "really",
    "even",
    "yet",
    "actually",
    "necessarily",
    "always",
    "a",
    "an",
    "the",
    "any",
    "single",
    "just",
    "simply",
    "currently",
    "so",
    "too",
    "very",
    "at",
    "all",
];

/// The first content word after token `i` (within five tokens), if any.
fn negated_word(w: &[&str], i: usize) -> Option<usize> {
    (i + 1..w.len().min(i + 6)).find(|&j| !SKIP_AFTER_NEGATOR.contains(&w[j]) && !is_negator(w[j]))
}

/// Token positions covered by a non-negating pattern ([`NOT_NEGATION`]).
pub fn idiom_mask(w: &[&str]) -> Vec<bool> {
    let n = w.len();
    let mut skip = vec![false; n];
    for pat in NOT_NEGATION {
        if pat.len() > n {
            continue;
        }
        for i in 0..=n - pat.len() {
            if w[i..i + pat.len()] == pat[..] {
                for s in skip.iter_mut().skip(i).take(pat.len()) {
                    *s = true;
                }
            }
        }
    }
    skip
}

/// Negator positions: single negators, negator pairs ("less than"), and
/// "without" only where an earlier negator is still open ("not ... without").
fn find_negators(w: &[&str], skip: &mut [bool]) -> Vec<usize> {
    let n = w.len();
    let mut negators: Vec<usize> = vec![];
    for i in 0..n {
        if skip[i] {
            continue;
        }
        if is_negator(w[i]) {
            negators.push(i);
        } else if w[i] == "without" {
            let idiom = w.get(i + 1).is_some_and(|x| WITHOUT_IDIOMS.contains(x));
            if !idiom && !negators.is_empty() {
                negators.push(i);
            }
        } else if i + 1 < n
            && NEGATOR_PAIRS
                .iter()
                .any(|(a, b)| w[i] == *a && w[i + 1] == *b)
        {
            negators.push(i);
            skip[i + 1] = true;
        }
    }
    negators
}

/// Analyses one clause's tokens. `sentence_is_conditional` is true when the
/// sentence opens with "if"/"unless" and later says "would": then the clause is
/// a warning about a hypothetical.
pub fn clause_sign(toks: &[Token], sentence_is_conditional: bool) -> ClauseSign {
    let w: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let n = w.len();
    let mut skip = idiom_mask(&w);
    let negators = find_negators(&w, &mut skip);
    let mut consumed = vec![false; negators.len()];
    let mut evaluations = vec![];
    // "not (go) far enough" / "not enough": the speaker wants more of it.
    for (i, word) in w.iter().enumerate() {
        if *word == "enough" {
            if let Some(k) = negators
                .iter()
                .enumerate()
                .rev()
                .find(|(k, &j)| !consumed[*k] && j < i && i - j <= 7)
                .map(|(k, _)| k)
            {
                consumed[k] = true;
                evaluations.push((i, 1));
            }
        }
    }
    for i in 0..n {
        if skip[i] || negators.contains(&i) {
            continue;
        }
        let pol: i8 = if w[i] == "against" {
            // A position only when governed ("are against", "voted against").
            if i > 0 && AGAINST_GOVERNORS.contains(&w[i - 1]) {
                -1
            } else {
                continue;
            }
        } else if is_positive(w[i]) {
            1
        } else if is_negative(w[i]) {
            -1
        } else {
            continue;
        };
        // A negator up to four words before flips it (and is used up).
        let mut p = pol;
        if let Some(k) = negators
            .iter()
            .enumerate()
            .rev()
            .find(|(k, &j)| !consumed[*k] && j < i && i - j <= 4)
            .map(|(k, _)| k)
        {
            consumed[k] = true;
            p = -p;
        }
        evaluations.push((i, p));
    }
    let free_negations: Vec<(usize, Option<usize>)> = negators
        .iter()
        .zip(&consumed)
        .filter(|(_, c)| !**c)
        .map(|(&i, _)| (i, negated_word(&w, i)))
        .collect();
    let modal = w.iter().position(|x| MODALS.contains(x));
    let mut counterfactual = None;
    for i in 0..n {
        if matches!(w[i], "would" | "could" | "'d") {
            let window = &w[i + 1..n.min(i + 4)];
            if window
                .iter()
                .any(|x| CONSEQUENCE.iter().any(|c| x.starts_with(c)))
            {
                counterfactual = Some(i);
                break;
            }
        }
    }
    if counterfactual.is_none() && sentence_is_conditional {
        counterfactual = w
            .iter()
            .position(|x| *x == "if" || *x == "unless" || *x == "would");
    }
    let mut negs: Vec<usize> = negators.clone();
    negs.sort_unstable();
    let mut out = ClauseSign {
        sign: 1,
        negations: negs,
        free_negations,
        evaluations,
        modal,
        counterfactual,
    };
    out.sign = out.sign_where(|_| true);
    out
}

/// True when a sentence is a conditional warning: it opens with "if"/"unless"
/// and later says "would"/"could".
pub fn is_conditional(sentence_tokens: &[Token]) -> bool {
    let first = sentence_tokens.first().map(|t| t.lower.as_str());
    matches!(first, Some("if" | "unless"))
        && sentence_tokens
            .iter()
            .any(|t| matches!(t.lower.as_str(), "would" | "could"))
}

/// Cues that reject their content ("denied that ...", "rejected the plan").
const REJECTING_CUES: &[&str] = &[
    "deny", "deni", "reject", "dismiss", "dispute", "refut", "rebut", "doubt", "contest",
    "disagree", "oppos", "condemn", "denounc", "decr", "critici", "attack", "slam", "lambast",
    "blast", "ridicul", "mock", "scorn", "deplor", "lament",
];

/// Cues that endorse their content ("welcomed the ban", "backed the plan").
const ENDORSING_CUES: &[&str] = &[
    "welcom", "prais", "endors", "support", "back", "applaud", "hail", "agree", "approv",
    "champion",
];

/// The polarity a reporting cue gives to its content: `Some(-1)` for cues that
/// deny or reject it ("deny", "dismiss", "reject", "oppose"), `Some(1)` for
/// cues that endorse it ("welcome", "praise", "back"), `None` for neutral
/// cues ("say", "claim").
pub fn cue_polarity(cue_lemma: Option<&str>) -> Option<i8> {
    let c = cue_lemma?.trim().to_ascii_lowercase();
    let head = c.split_whitespace().last().unwrap_or("");
    if REJECTING_CUES.iter().any(|d| head.starts_with(d)) {
        Some(-1)
    } else if ENDORSING_CUES.iter().any(|d| head.starts_with(d)) {
        Some(1)
    } else {
        None
    }
}

/// The sign a cue multiplies its content's polarity by: -1 for rejecting cues, else +1.
pub fn cue_sign(cue_lemma: Option<&str>) -> i8 {
    cue_polarity(cue_lemma).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn sign(s: &str) -> i8 {
        let t = tokens(s);
        clause_sign(&t, is_conditional(&t)).sign
    }

    #[test]
    fn negation_and_evaluation() {
        assert_eq!(sign("the mayor would be closing the libraries"), 1);
        assert_eq!(sign("the mayor would not be closing the libraries"), -1);
        assert_eq!(sign("I don't approve of the plan"), -1);
        assert_eq!(sign("the strikes are illegal"), -1);
        assert_eq!(
            sign("it's not right for us to read what is or isn't in the letters"),
            -1
        );
        assert_eq!(
            sign("There is no town in the county that tolerates such chaos"),
            -1
        );
        assert_eq!(
            sign("which we have not done without asking the court first"),
            1
        );
        assert_eq!(sign("their lending practices are less than ethical"), -1);
        assert_eq!(sign("it would mean giving in to the loudest voices"), -1);
        assert_eq!(
            sign("If councils start closing libraries there would be an uproar"),
            -1
        );
        assert_eq!(sign("the new tax is a sensible and fair measure"), 1);
        assert_eq!(sign("whether or not the libraries are closed"), 1);
        assert_eq!(sign("she did not believe the charge went far enough"), 1);
        assert_eq!(
            sign("a national ban would not solve the problem of online bullying"),
            -1
        );
    }

    #[test]
    fn idioms_that_look_negative_do_not_negate() {
        assert_eq!(
            sign("we must approve the wind farm without further delay"),
            1
        );
        assert_eq!(sign("build it now, the climate cannot wait"), 1);
        assert_eq!(sign("we can't wait to see the turbines turning"), 1);
        assert_eq!(
            sign("not only will the bridge cut journey times, it will bring trade"),
            1
        );
        assert_eq!(sign("the ferry runs without a subsidy"), 1);
        assert_eq!(sign("I could not agree more with the council"), 1);
        // "not ... without" is a double negation.
        assert_eq!(
            sign("which we have not done without asking the court first"),
            1
        );
    }

    #[test]
    fn evaluative_verbs_take_their_object() {
        // "against" after a noun is a preposition, not a negation.
        assert_eq!(
            sign("agencies have criticised online campaigns against the sites"),
            -1
        );
        assert_eq!(sign("the union condemned the closures"), -1);
        assert_eq!(sign("residents rejected the plan"), -1);
        assert_eq!(sign("we are against the toll"), -1);
        assert_eq!(sign("she praised the volunteers"), 1);
        assert_eq!(sign("the board did not criticise the manager"), 1);
    }

    #[test]
    fn negation_knows_what_it_negates() {
        let t = tokens("the company claims to have not received a single request");
        let s = clause_sign(&t, false);
        assert_eq!(s.sign, -1);
        let (_, v) = s.free_negations[0];
        assert_eq!(v.map(|i| t[i].lower.as_str()), Some("received"));
        // Counting only negations of another predicate leaves the clause positive.
        assert_eq!(s.sign_where(|v| v.is_some_and(|i| t[i].lower == "act")), 1);
        let t = tokens("the mayor would not be closing the libraries");
        let s = clause_sign(&t, false);
        assert_eq!(
            s.free_negations[0].1.map(|i| t[i].lower.as_str()),
            Some("closing")
        );
    }

    #[test]
    fn cues_that_deny_flip() {
        assert_eq!(cue_polarity(Some("criticised")), Some(-1));
        assert_eq!(cue_polarity(Some("condemned")), Some(-1));
        assert_eq!(cue_sign(Some("deny")), -1);
        assert_eq!(cue_sign(Some("dismissed")), -1);
        assert_eq!(cue_sign(Some("say")), 1);
        assert_eq!(cue_polarity(Some("welcomed")), Some(1));
        assert_eq!(cue_polarity(Some("has rejected")), Some(-1));
        assert_eq!(cue_polarity(Some("claim")), None);
        assert_eq!(cue_sign(None), 1);
    }
}
