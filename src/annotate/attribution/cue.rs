//! Claims from cue verbs: the verb group, the subject (before, inverted after,
//! appositive, relative, gerund), the addressee and the content.

use super::adjuncts::{
    coordinated_cue, cue_adverbial, cue_particle, past_leading_phrase, time_before, time_token,
};
use super::appositives::{appositive_general, appositive_left};
use super::descriptions::continued_speaker;
use super::extent::{object_extent, tidy_source, trim_trailing};
use super::passive::passive_claim;
use super::phrases::{addressee_np, first_np, inverted_subject, is_name_start, np_left, np_right};
use super::speaker::{addressee_actor, resolve_source};
use super::verbal::{catenative_before, complement_ok, publishing_verb, reporting_claim, verbal};
use super::Ctx;
use crate::annotate::drafts::ClaimDraft;
use crate::annotate::lexicon::CueVerb;
use crate::annotate::lexicon::{
    self, CueClass, ADVERBS, AUXILIARIES, DETERMINERS, RELATIVES, SUBORDINATORS,
};
use crate::annotate::segment::Analysis;
use crate::annotate::tokens::TokKind;
use crate::annotate::words::{is_ly_adverb, is_word, low, title_case};
use crate::extraction::{ClaimKind, SpeakerResolution};

/// Where a cue verb sits in its sentence.
struct Site {
    /// Sentence start and end tokens.
    ss: usize,
    se: usize,
    /// The cue word.
    k: usize,
    /// The cue verb and its (lowercase) form.
    cv: CueVerb,
    form: String,
    /// One past the cue (with a particle: "call for").
    cue_end: usize,
    /// Start of the verb group (auxiliaries, adverbs) and of the cue span.
    vg: usize,
    cue_start: usize,
    /// The cue is an -ing form.
    gerund: bool,
}

/// The subject found for a cue.
struct Subject {
    /// Source tokens.
    source: Option<(usize, usize)>,
    /// After the verb ("said X").
    inverted: bool,
    /// A relative pronoun subject ("who said"): its token.
    relative: Option<usize>,
    /// Start of a verb chain or publishing verb that opens the cue span.
    publish_start: Option<usize>,
    /// A quotation closes right before the verb group.
    prev_is_quote_close: bool,
}

/// What a cue site yields before its speaker is resolved.
struct Parts {
    content: (usize, usize),
    addressee: Option<usize>,
    cue_end_ext: usize,
}

/// What the gate at a cue word found.
enum Gate {
    /// A passive cue with its agent, complete.
    Passive(ClaimDraft),
    /// An active cue verb to parse around.
    Verb(Site),
}

/// A claim from a cue verb at token `k`, if it is one.
pub(super) fn cue_claim(
    cx: &mut Ctx,
    si: usize,
    k: usize,
    prior: &[ClaimDraft],
) -> Option<ClaimDraft> {
    let st = match cue_site(cx, si, k)? {
        Gate::Passive(c) => return Some(c),
        Gate::Verb(st) => st,
    };
    let a = cx.a;
    let mut sub = subject(a, si, &st, prior)?;
    filter_subject(a, &st, &mut sub);
    let (after, addressee, mut cue_end_ext) = after_cue(cx, &st, &sub);
    let (end, has_after) = content_follows(a, &st, &sub, after);
    let content = if has_after && !(sub.inverted && sub.prev_is_quote_close) {
        let mut c = content_after(a, &st, after, end)?;
        // "joked about moving", "called for a ban": the preposition right
        // after the cue is part of it, its object the content
        if !sub.inverted && c.0 == cue_end_ext && cue_particle(a, c.0, c.1) {
            c.0 += 1;
            cue_end_ext = c.0;
        }
        c
    } else {
        content_before(a, &st, &sub, after, end)?
    };
    if content.1 <= content.0 || !(content.0..content.1).any(|i| is_word(a, i)) {
        return None;
    }
    // the subject may not sit inside the content
    if sub
        .source
        .is_some_and(|(s0, _)| s0 >= content.0 && s0 < content.1)
    {
        sub.source = None;
    }
    if lexicon::noun_like_cue(&st.form) && !noun_like_ok(a, &st, &sub) {
        return None;
    }
    let parts = Parts {
        content,
        addressee,
        cue_end_ext,
    };
    claim_of(cx, si, &st, &sub, prior, parts)
}

/// The cue form at `k` (multi-word forms first) and the checks that it is an
/// active cue verb here, with its verb group; a passive cue with an agent is
/// returned whole.
fn cue_site(cx: &mut Ctx, si: usize, k: usize) -> Option<Gate> {
    let a = cx.a;
    let sent = &a.sentences[si];
    let (ss, se) = (sent.tok_start, sent.tok_end);
    // multi-word forms first
    let two = format!("{} {}", low(a, k), low(a, k + 1));
    let three = format!("{two} {}", low(a, k + 2));
    let (cv, words) = if k + 1 < se {
        match (lexicon::cue_verb(&three), lexicon::cue_verb(&two)) {
            (Some(c), _) if c.words == 3 && k + 2 < se => (c, 3),
            (_, Some(c)) if c.words == 2 => (c, 2),
            _ => (lexicon::cue_verb(low(a, k))?, 1),
        }
    } else {
        (lexicon::cue_verb(low(a, k))?, 1)
    };
    let form = a.tokens[k].lower.clone();
    let weak = if words == 1 {
        lexicon::weak_form(&form)
    } else {
        lexicon::weak_form(&two)
    };
    let after_cue = k + words;
    if weak
        && low(a, after_cue) != "that"
        && !a.is_open_quote(after_cue)
        && !(k.saturating_sub(8).max(ss)..k).any(|j| a.is_close_quote(j))
    {
        return None;
    }
    if a.tokens[k].is_cap()
        && !crate::annotate::mentions::sentence_initial(a, k)
        && !title_case(a, ss, se)
    {
        return None;
    }
    if let Some(c) = passive_claim(cx, si, k, words, &cv) {
        return Some(Gate::Passive(c));
    }
    if !verbal(a, k, ss, &form) {
        return None;
    }
    if cv.class == CueClass::Tell && low(a, k + 1) == "to" {
        return None;
    }
    if act_without_content(a, k + words, se, cv.lemma) {
        return None;
    }
    let mut cue_end = k + words;
    if cv.lemma == "call" && matches!(low(a, cue_end), "for" | "on" | "upon") {
        cue_end += 1;
    }
    let near_quote_before = (k.saturating_sub(6).max(ss)..k).any(|j| a.is_close_quote(j));
    let manner_ok = lexicon::manner_verb(cv.lemma) && near_quote_before;
    if !manner_ok && !complement_ok(a, cv.lemma, cv.class, cue_end, se) {
        return None;
    }
    // verb group to the left
    let mut vg = k;
    while vg > ss {
        let p = low(a, vg - 1);
        if (AUXILIARIES.contains(p) && p != "to")
            || ADVERBS.contains(p)
            || p == "n't"
            || is_ly_adverb(a, vg - 1)
        {
            vg -= 1;
        } else {
            break;
        }
    }
    // "X on Friday described", "X last week said": a time between subject and verb
    let mut timed = false;
    loop {
        let n = time_before(a, ss, vg);
        if n == 0 {
            break;
        }
        timed = true;
        vg -= n;
        while vg > ss && (ADVERBS.contains(low(a, vg - 1)) || is_ly_adverb(a, vg - 1)) {
            vg -= 1;
        }
    }
    let cue_start = {
        // cue span: auxiliaries adjacent to the verb ("has said"), not adverbs
        // or times before them
        let mut c = vg;
        while c < k
            && ((ADVERBS.contains(low(a, c)) || is_ly_adverb(a, c)) && !matches!(low(a, c), "also")
                || timed && time_token(low(a, c)))
        {
            c += 1;
        }
        c
    };
    Some(Gate::Verb(Site {
        ss,
        se,
        k,
        cv,
        gerund: form.ends_with("ing"),
        form,
        cue_end,
        vg,
        cue_start,
    }))
}

/// Acts that report no content: "has not responded to requests for comment",
/// "hit back at his critics", "declared war on": the cue at `after` is
/// followed by its object and no clause, quotation or colon.
fn act_without_content(a: &Analysis, after: usize, se: usize, lemma: &str) -> bool {
    let rest = |from: usize| {
        !(from..se).any(|j| {
            a.tokens[j].kind == TokKind::Quote
                || a.tokens[j].is(":")
                || matches!(low(a, j), "that" | "saying" | "adding" | "calling")
        })
    };
    match lemma {
        "respond" | "reply" | "answer" => {
            let mut j = after;
            if low(a, j) == "to" {
                j += 1;
            }
            while matches!(
                low(a, j),
                "a" | "an" | "the" | "our" | "repeated" | "several" | "multiple"
            ) {
                j += 1;
            }
            matches!(
                low(a, j),
                "request"
                    | "requests"
                    | "inquiry"
                    | "inquiries"
                    | "enquiry"
                    | "enquiries"
                    | "calls"
                    | "emails"
                    | "messages"
                    | "questions"
            ) && rest(j)
        }
        "hit back" | "fire back" | "shoot back" | "lash out" | "push back" => {
            matches!(low(a, after), "at" | "against" | "on") && rest(after)
        }
        "declare" => {
            low(a, after) == "war"
                || matches!(low(a, after), "a" | "an") && low(a, after + 1) == "state"
        }
        _ => false,
    }
}

/// The subject of the cue: before it, inverted after it, with appositives, a
/// relative pronoun, the subject of a verb chain or a publishing verb.
fn subject(a: &Analysis, si: usize, st: &Site, prior: &[ClaimDraft]) -> Option<Subject> {
    let ss = st.ss;
    let se = st.se;
    let cue_end = st.cue_end;
    let vg = st.vg;
    let gerund = st.gerund;
    let cv = st.cv;
    // ---- subject
    let mut source: Option<(usize, usize)> = None;
    let mut inverted = false;
    let mut relative: Option<usize> = None;
    let mut publish_start: Option<usize> = None;
    let before = if vg > ss { Some(vg - 1) } else { None };
    let prev_is_quote_close = before.is_some_and(|b| {
        a.is_close_quote(b) || (a.tokens[b].is(",") && b > ss && a.is_close_quote(b - 1))
    });
    let same_sentence_source = || {
        // the claims of this sentence are the last ones found
        prior
            .iter()
            .rev()
            .take_while(|c| c.cue.is_none_or(|(cs, _)| a.tok_sent[cs] >= si))
            .find(|c| {
                c.cue
                    .is_some_and(|(cs, _)| cs >= ss && cs < vg && a.tok_sent[cs] == si)
                    && c.source.is_some()
            })
            .and_then(|c| c.source)
    };
    if gerund && before.is_some_and(|b| a.tokens[b].is(",")) && same_sentence_source().is_some() {
        // "..., he said, adding that ...": the speaker of the clause it continues
        source = same_sentence_source();
    } else if gerund
        && before.is_some_and(|b| {
            matches!(
                low(a, b),
                "by" | "after" | "while" | "when" | "before" | "without" | "in" | "," | "and"
            )
        })
    {
        source = first_np(a, ss, vg);
    } else if let Some(b) = before.filter(|&b| RELATIVES.contains(low(a, b)) && low(a, b) != "that")
    {
        relative = Some(b);
        source = Some((b, b + 1));
    } else if prev_is_quote_close
        && !(lexicon::SUBJECT_PRONOUNS.contains(low(a, cue_end))
            && cue_end + 1 < se
            && is_word(a, cue_end + 1)
            && appositive_left(a, ss, vg).is_some())
        || before.is_none()
            && is_name_start(a, cue_end, se)
            && !gerund
            && cv.class != CueClass::Tell
    {
        // inverted: "..." said X / said X: "..."
        if is_name_start(a, cue_end, se) && cv.class != CueClass::Tell {
            let (s2, e2) = np_right(a, cue_end, se);
            if e2 > s2 {
                source = Some((s2, e2));
                inverted = true;
            }
        }
        if source.is_none() && !prev_is_quote_close {
            source = None;
        }
    } else if before.is_some_and(|b| a.tokens[b].is(",") && b > ss && is_word(a, b - 1))
        && cv.class == CueClass::Speech
        && inverted_subject(a, cue_end, se).is_some()
        && appositive_left(a, ss, vg)
            .or_else(|| appositive_general(a, ss, vg))
            .is_none()
    {
        // "CLAUSE, said NAME[, ROLE]."
        source = inverted_subject(a, cue_end, se);
        inverted = true;
    } else if let Some(c) = before
        .filter(|&b| low(a, b) == "to")
        .and_then(|b| catenative_before(a, ss, b))
    {
        // "Groberg then went on to explain": the subject of the verb chain
        let mut v = c;
        while v > ss
            && (AUXILIARIES.contains(low(a, v - 1)) && low(a, v - 1) != "to"
                || ADVERBS.contains(low(a, v - 1))
                || is_ly_adverb(a, v - 1))
        {
            v -= 1;
        }
        source = np_left(a, ss, v);
        publish_start = Some(v);
    } else if before.is_some_and(|b| matches!(low(a, b), "and" | "but" | "then")) {
        // coordinated verb phrase: "The judge rubbed his chin, and then said ..."
        source = first_np(a, ss, vg).filter(|&(s0, e0)| e0 < vg && s0 < e0);
    } else if before.is_some_and(|b| a.tokens[b].is(",")) {
        source = appositive_left(a, ss, vg).or_else(|| appositive_general(a, ss, vg));
    } else if let Some(p) = gerund.then(|| publishing_verb(a, ss, vg)).flatten() {
        // "the campaign issued a statement saying ...": the subject of the publishing verb
        source = np_left(a, ss, p);
        publish_start = Some(p);
    } else if vg > ss {
        source = np_left(a, ss, vg);
    }
    if gerund
        && source.is_none()
        && matches!(cv.class, CueClass::Speech | CueClass::Tell)
        && before.is_some_and(|b| is_word(a, b))
        && low(a, cue_end) != "to"
    {
        // "issued a statement saying that ..."
        source = first_np(a, ss, vg).filter(|&(_, e0)| e0 < vg);
    }
    if gerund && source.is_none() {
        return None;
    }
    Some(Subject {
        source,
        inverted,
        relative,
        publish_start,
        prev_is_quote_close,
    })
}

/// Normalises the subject span and drops subjects that are parsing errors.
fn filter_subject(a: &Analysis, st: &Site, sub: &mut Subject) {
    let ss = st.ss;
    let k = st.k;
    let cv = st.cv;
    let mut source = sub.source;
    let inverted = sub.inverted;
    let relative = sub.relative;
    if relative.is_none() {
        source = source.and_then(|(s0, e0)| tidy_source(a, s0, e0));
    }
    // a lowercase subject cut out of the middle of a phrase ("spoken with over the
    // last weeks said") is a parsing error, not a source
    if let Some((s0, _)) = source {
        let t = &a.tokens[s0];
        let w = t.lower.as_str();
        let plain_lower = t.kind == TokKind::Word
            && !t.is_cap()
            && !DETERMINERS.contains(w)
            && !lexicon::PRONOUNS.contains(w)
            && !RELATIVES.contains(w)
            && !lexicon::ROLE_WORDS.contains(w)
            && !lexicon::ROLE_MODIFIERS.contains(w)
            && !lexicon::ACTOR_NOUNS.contains(w)
            && !matches!(
                w,
                "some"
                    | "many"
                    | "most"
                    | "several"
                    | "all"
                    | "both"
                    | "few"
                    | "more"
                    | "nearly"
                    | "about"
                    | "only"
                    | "just"
                    | "other"
                    | "others"
                    | "each"
                    | "every"
                    | "no"
                    | "none"
                    | "half"
                    | "former"
                    | "top"
                    | "senior"
                    | "local"
                    | "federal"
            );
        let mid_phrase = s0 > ss
            && is_word(a, s0 - 1)
            && !SUBORDINATORS.contains(low(a, s0 - 1))
            && !matches!(low(a, s0 - 1), "that" | "because" | "said" | "says");
        if plain_lower && mid_phrase && !inverted {
            source = None;
        }
    }
    // naming verbs after an object noun: "a pay offer the company calls 'final'"
    if let Some((s0, e0)) = source {
        if matches!(
            cv.lemma,
            "call" | "describe" | "dub" | "label" | "characterise"
        ) {
            if let Some(j) = (s0 + 2..e0).rev().find(|&j| {
                matches!(
                    low(a, j),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their"
                ) && is_word(a, j - 1)
                    && !a.tokens[j - 1].is_cap()
                    && !lexicon::PREPOSITIONS.contains(low(a, j - 1))
                    && !DETERMINERS.contains(low(a, j - 1))
                    && !matches!(low(a, j - 1), "and" | "or" | "of")
            }) {
                source = Some((j, e0));
            }
        }
    }
    // "Clinton herself said": the reflexive belongs to the subject
    if let Some((s0, e0)) = source {
        if e0 < k && !inverted && (low(a, e0).ends_with("self") || low(a, e0).ends_with("selves")) {
            source = Some((s0, e0 + 1));
        }
    }
    sub.source = source;
}

/// The addressee of a "tell" verb and the adjunct after the cue ("said in a
/// statement"): where the content may start, the addressee, the cue span end.
fn after_cue(cx: &mut Ctx, st: &Site, sub: &Subject) -> (usize, Option<usize>, usize) {
    let a = cx.a;
    let se = st.se;
    let cue_end = st.cue_end;
    let cv = st.cv;
    let source = sub.source;
    let inverted = sub.inverted;
    // ---- addressee and content
    let mut after = if inverted {
        source.map(|s| s.1).unwrap_or(cue_end)
    } else {
        cue_end
    };
    let mut addressee = None;
    if cv.class == CueClass::Tell && !inverted {
        let (s2, e2) = addressee_np(a, after, se);
        if e2 > s2 {
            addressee = addressee_actor(cx, s2, e2);
            after = e2;
        }
    }
    // "said in a statement", "said on Twitter"
    let mut cue_end_ext = cue_end;
    if !inverted && matches!(low(a, after), "in" | "on" | "during") {
        let mut j = after + 1;
        // a quoted title: said on "Face the Nation"
        if let Some(qi) = a.quote_opened_at(j) {
            let q = &a.quotes[qi];
            if q.close.is_some() && q.inner_end <= j + 7 {
                j = q.last_tok() + 1;
            }
        }
        while j < se && j < after + 5 && is_word(a, j) && low(a, j) != "that" {
            j += 1;
        }
        if j < se
            && (low(a, j) == "that"
                || a.tokens[j].is(",")
                || a.tokens[j].is(":")
                || a.tokens[j].kind == TokKind::Quote
                || a.tokens[j].is_final())
        {
            if matches!(low(a, after + 1), "a" | "an")
                && after + 2 < se
                && matches!(
                    low(a, after + 2),
                    "statement"
                        | "interview"
                        | "tweet"
                        | "post"
                        | "letter"
                        | "email"
                        | "blog"
                        | "speech"
                        | "video"
                        | "press"
                        | "news"
                        | "radio"
                        | "tv"
                        | "television"
                        | "phone"
                )
            {
                cue_end_ext = j;
            }
            after = j;
        }
    }
    // "said Tuesday that", "said last week": the time word is part of the cue
    if !inverted && after == cue_end {
        let n = cue_adverbial(a, after, se);
        if n > 0 {
            after += n;
            cue_end_ext = after;
        }
    }
    while after < se && (a.tokens[after].is(",") || a.tokens[after].is(":")) {
        after += 1;
    }
    (after, addressee, cue_end_ext)
}

/// Where the content ends and whether it follows the cue (rather than
/// preceding the subject: a quotation or clause before "X said").
fn content_follows(a: &Analysis, st: &Site, sub: &Subject, after: usize) -> (usize, bool) {
    let ss = st.ss;
    let se = st.se;
    let cue_end = st.cue_end;
    let vg = st.vg;
    let cv = st.cv;
    let source = sub.source;
    let inverted = sub.inverted;
    let mut end = se;
    while end > after
        && (a.tokens[end - 1].is_final() || a.tokens[end - 1].is(",") || a.tokens[end - 1].is(";"))
    {
        end -= 1;
    }
    // a closing quote after the final stop belongs to the content
    let mut has_after = (after..end).any(|i| is_word(a, i));
    // "\"...,\" X said of the claim during a call": the quotation before is the content
    {
        let anchor = if inverted {
            vg
        } else {
            source.map(|s| s.0).unwrap_or(vg)
        };
        let mut b = anchor;
        while b > ss && a.tokens[b - 1].is(",") {
            b -= 1;
        }
        let quote_before = b > ss && a.is_close_quote(b - 1);
        let follows_quote = a.is_open_quote(after)
            || low(a, after) == "that"
            || a.tokens
                .get(after.saturating_sub(1))
                .is_some_and(|t| t.is(":"));
        if quote_before
            && has_after
            && !follows_quote
            && !matches!(cv.class, CueClass::Intent | CueClass::Stance)
        {
            has_after = false;
        }
    }
    // parenthetical "CLAUSE, X said, in a dispute ...": the clause before is the content
    let adjunct_next = {
        let w = low(a, after);
        lexicon::TIME_WORDS.contains(w)
            || matches!(
                w,
                "on" | "in"
                    | "at"
                    | "during"
                    | "last"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
                    | "recently"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "as"
                    | "adding"
                    | "noting"
                    | "saying"
                    | "recalling"
                    | "referring"
                    | "citing"
                    | "according"
                    | "of"
                    | "about"
                    | "through"
                    | "via"
                    | "this"
                    | "here"
            )
    };
    if has_after
        && !inverted
        && (after > cue_end && a.tokens[after - 1].is(",") || adjunct_next)
        && !matches!(
            cv.class,
            CueClass::Stance | CueClass::Intent | CueClass::Evidence
        )
    {
        if let Some((s0, _)) = source {
            let pre_words = (ss..s0).filter(|&i| is_word(a, i)).count();
            let first = low(a, ss);
            if s0 > ss + 1
                && a.tokens[s0 - 1].is(",")
                && pre_words >= 4
                && !lexicon::PREPOSITIONS.contains(first)
                && !first.ends_with("ing")
                && !SUBORDINATORS.contains(first)
            {
                has_after = false;
            }
        }
    }
    (end, has_after)
}

/// The content after the cue: a quotation, or the clause to the sentence end.
fn content_after(a: &Analysis, st: &Site, after: usize, end: usize) -> Option<(usize, usize)> {
    let cv = st.cv;
    let content: (usize, usize);
    if a.is_open_quote(after) {
        let qi = a.quote_opened_at(after)?;
        let q = &a.quotes[qi];
        let qe = q.last_tok() + 1;
        let rest_words = (qe..end).any(|i| is_word(a, i) && a.tok_depth[i] == 0);
        content = if rest_words {
            (after, end)
        } else {
            (after, qe)
        };
    } else if let Some(j) = past_leading_phrase(a, after, end) {
        // "wrote to the council that ...": the clause after the phrase
        return content_after(a, st, j, end);
    } else {
        // extend over a quote that runs past the sentence end
        let mut e = end;
        if let Some(qi) = a.tok_quote.get(end.saturating_sub(1)).copied().flatten() {
            let q = &a.quotes[qi];
            if q.open >= after && q.last_tok() + 1 > e {
                e = q.last_tok() + 1;
            }
        }
        // stop before a second verb of the speaker ("... and praised her")
        if let Some(j) = (after + 2..e).find(|&j| coordinated_cue(a, j, e)) {
            e = j;
        }
        // stop at a clause-final ", X said" (the content of another cue)
        let mut e = trim_trailing(a, after, e);
        if cv.class == CueClass::Stance
            || matches!(cv.lemma, "describe" | "call") && low(a, after) != "that"
        {
            e = object_extent(a, after, e);
        }
        content = (after, e);
    }
    Some(content)
}

/// The content before the subject or cue: the quotation or clause it closes.
fn content_before(
    a: &Analysis,
    st: &Site,
    sub: &Subject,
    after: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let ss = st.ss;
    let vg = st.vg;
    let cv = st.cv;
    let source = sub.source;
    let inverted = sub.inverted;
    let content: (usize, usize);
    // content precedes: the quote or clause before the subject / cue
    let anchor = if inverted {
        vg
    } else {
        source.map(|s| s.0).unwrap_or(vg)
    };
    let final_evidence = cv.class == CueClass::Evidence && after >= end;
    // "“...,” he vowed": any cue class after a quotation it closes on
    let quoted = {
        let mut q = anchor;
        while q > ss && a.tokens[q - 1].is(",") {
            q -= 1;
        }
        q > ss && a.is_close_quote(q - 1)
    };
    if matches!(
        cv.class,
        CueClass::Intent | CueClass::Evidence | CueClass::Stance
    ) && !final_evidence
        && !quoted
    {
        return None;
    }
    let mut b = anchor;
    while b > ss
        && (a.tokens[b - 1].is(",") || a.tokens[b - 1].is("-") || a.tokens[b - 1].is("\u{2014}"))
    {
        b -= 1;
    }
    if b == 0 {
        return None;
    }
    if let Some(qi) = a.quote_closed_at(b - 1) {
        let q = &a.quotes[qi];
        content = (q.open, b);
    } else if b > ss && a.tokens[b - 1].is(",") {
        content = (ss, b);
    } else if anchor > ss {
        // "Democrats will win, he said" with the comma consumed above
        if !(anchor > ss
            && (a.tokens[anchor - 1].is(",")
                || a.tokens[anchor - 1].is("-")
                || a.tokens[anchor - 1].is("\u{2014}")))
        {
            return None;
        }
        content = (ss, b);
    } else {
        return None;
    }
    if !(content.0..content.1).any(|i| is_word(a, i)) {
        return None;
    }
    Some(content)
}

/// "a pay offer the company calls": a noun-like cue needs a clear subject or
/// an auxiliary.
fn noun_like_ok(a: &Analysis, st: &Site, sub: &Subject) -> bool {
    let k = st.k;
    let cue_end = st.cue_end;
    let vg = st.vg;
    let gerund = st.gerund;
    let form = st.form.as_str();
    let source = sub.source;
    let inverted = sub.inverted;
    let relative = sub.relative;
    // "a pay offer the company calls": a noun-like cue needs a clear subject or an auxiliary
    let has_aux = (vg..k).any(|j| AUXILIARIES.contains(low(a, j)));
    let subj_ok = source.is_some_and(|(s0, e0)| {
        let last = e0 - 1;
        let t = &a.tokens[last];
        inverted
            || relative.is_some()
            || t.is_cap()
            || lexicon::SUBJECT_PRONOUNS.contains(t.lower.as_str())
            || lexicon::ACTOR_NOUNS.contains(t.lower.as_str())
            || e0 < vg && a.tokens[e0].is(",")
            || s0 + 1 < e0 && a.tokens[last].lower == "'s"
            || gerund
            || t.is(",")
            || low(a, cue_end) == "that"
            || matches!(
                t.lower.as_str(),
                "both" | "all" | "many" | "some" | "most" | "few" | "several" | "others" | "each"
            )
            || t.lower.ends_with('s') && !t.lower.ends_with("ss") && !form.ends_with('s')
    });
    if source.is_none() || !(has_aux || subj_ok) {
        return false;
    }
    true
}

/// The claim with its speaker (the implied last speaker for a quotation
/// without a subject).
fn claim_of(
    cx: &mut Ctx,
    si: usize,
    st: &Site,
    sub: &Subject,
    prior: &[ClaimDraft],
    parts: Parts,
) -> Option<ClaimDraft> {
    let a = cx.a;
    let Parts {
        content,
        addressee,
        cue_end_ext,
    } = parts;
    let cue_end = st.cue_end;
    let cue_start = st.cue_start;
    let cv = st.cv;
    let source = sub.source;
    let relative = sub.relative;
    let publish_start = sub.publish_start;
    // ---- speaker
    let (mut speaker, mut resolution) = match source {
        Some((s0, e0)) => resolve_source(cx, s0, e0, relative, si),
        None => (None, SpeakerResolution::Unknown),
    };
    if let Some((s0, e0)) = source.filter(|&(s0, e0)| e0 == s0 + 1) {
        let para = a.sentences[si].paragraph;
        if let Some(x) = continued_speaker(cx, s0, cv.lemma, para, prior) {
            speaker = Some(x);
            resolution = SpeakerResolution::Coreference;
        }
        let _ = e0;
    }
    let mut confidence = 0.85;
    if source.is_none() {
        // implied: the last speaker (direct quote content only)
        if a.is_open_quote(content.0) {
            let para = a.sentences[si].paragraph;
            if let Some(last) = prior
                .iter()
                .rev()
                .take_while(|c| c.paragraph + 3 >= para)
                .filter(|c| reporting_claim(c))
                .find(|c| c.speaker.is_some() && c.paragraph + 3 >= a.sentences[si].paragraph)
            {
                speaker = last.speaker;
                resolution = SpeakerResolution::Implied;
                confidence = 0.6;
            }
        } else {
            return None;
        }
    }
    if speaker.is_none() {
        confidence = 0.4;
    } else if resolution == SpeakerResolution::Coreference {
        confidence = 0.75;
    }
    Some(ClaimDraft {
        kind: ClaimKind::Indirect,
        speaker,
        source,
        cue: Some((publish_start.unwrap_or(cue_start), cue_end_ext.max(cue_end))),
        cue_lemma: Some(cv.lemma.to_string()),
        content,
        fragments: vec![],
        addressee,
        paragraph: a.tok_para[content.0],
        resolution,
        confidence,
    })
}
