//! Modality: the status of an event (occurred, scheduled, proposed,
//! threatened, denied), or that a mention is no event at all (hypothetical,
//! historical, background).
//!
//! Cues are rule data (`modality.toml`) and act only inside the clause of
//! their trigger, so "he will arrive in Turkey, following a visit to Spain"
//! gives a scheduled visit and an occurred one. Why the precedence below: a
//! negation or cancellation overrides any tense ("the planned summit was
//! called off" is denied); a conditional or a past year removes the event; a
//! threat outranks a plan; the nearest tense cue wins over a distant one.

use super::{Doc, Sent};
use crate::model::Status;
use crate::rules::{Cue, Hit, Kind, LexiconId};

/// The modality of a trigger: a status (with the flat-negation flag), or
/// `None` when the mention is not an event.
pub type Modality = Option<(Status, bool)>;

/// Clause spans of `[start, end)`, cut at the clause separators of
/// `modality.toml`.
pub fn clauses(doc: &Doc<'_>, start: usize, end: usize, hits: &[Hit]) -> Vec<(usize, usize)> {
    let mut cuts = vec![start];
    for h in hits {
        if doc.rules.entry(h).kind == Kind::Clause && h.start > start && h.start < end {
            // cut at the separator's first non-space byte
            let off = doc.body[h.start..h.end].len() - doc.body[h.start..h.end].trim_start().len();
            let c = h.start + off;
            if c > *cuts.last().unwrap_or(&start) {
                cuts.push(c);
            }
        }
    }
    cuts.push(end);
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| (w[0], w[1]))
        .collect()
}

fn cue_of(doc: &Doc<'_>, h: &Hit) -> Option<Cue> {
    match doc.rules.entry(h).kind {
        Kind::Cue(c) if !month_name(doc, h) => Some(c),
        _ => None,
    }
}

/// Lexicons of `modality.toml` read here (their names).
const MONTH_HOMOGRAPHS: LexiconId = LexiconId::named("modality.month_homographs");
const DATE_WORDS: LexiconId = LexiconId::named("modality.date_words");
const RELATIVE_PRONOUNS: LexiconId = LexiconId::named("modality.relative_pronouns");
/// Relatives that tie an act to the noun before them ("the 2008 attacks, in
/// which gunmen killed 166"): that noun's year dates the act.
const EVENT_RELATIVES: LexiconId = LexiconId::named("modality.event_relatives");
const PAST_DATES: LexiconId = LexiconId::named("modality.past_dates");
const MONTH_NAMES: LexiconId = LexiconId::named("modality.month_names");
const DETERMINERS: LexiconId = LexiconId::named("modality.year_determiners");
/// Words before a year that make it the start or end of a duration ("since
/// 2019", "until 2027"), not the date of the event.
const DURATION_MARKERS: LexiconId = LexiconId::named("modality.duration_markers");
/// "a", "an", "any" before a noun trigger, and the conditionals after it:
/// "a sale would" is hypothetical (see [`indefinite_conditional`]).
const INDEFINITE_DETERMINERS: LexiconId = LexiconId::named("modality.indefinite_determiners");
const CONDITIONALS: LexiconId = LexiconId::named("modality.conditionals");
/// The scheduled cue that, without a date, reports an intention ("he would
/// order an end to the measures").
const INTENTION_CUES: LexiconId = LexiconId::named("modality.intention_cues");
/// Negators before "attend" that deny the event ("no minister will
/// attend", "they won't attend the summit").
const ATTEND_NEGATORS: LexiconId = LexiconId::named("modality.attend_negators");
const FORWARD_DATES: LexiconId = LexiconId::named("modality.forward_dates");
/// Nouns of an earlier act that a past participle right after them turns
/// into a reduced relative ("under a contract signed last year"), and the
/// irregular participles ("a deal struck in 2023"): a date after one dates
/// that noun's act, not the trigger before it.
const PRIOR_ACT_NOUNS: LexiconId = LexiconId::named("modality.prior_act_nouns");
const IRREGULAR_PARTICIPLES: LexiconId = LexiconId::named("modality.irregular_participles");
/// Endings of regular past forms and participles ("imposed", "sanctioned").
const PAST_ENDINGS: LexiconId = LexiconId::named("modality.past_endings");
/// Words that start another predicate: a tense cue is not read across them.
const CLAUSE_JOINERS: LexiconId = LexiconId::named("modality.clause_joiners");

/// Whether a reduced relative about an earlier act stands between the
/// trigger's end and `pos`: a word of `modality.prior_act_nouns` with a
/// past participle right after it (a word ending in "-ed" or one of
/// `modality.irregular_participles`): "handed over the boats under a
/// contract signed last year" is a delivery of this week, dated by nothing
/// after "contract".
fn in_reduced_relative(doc: &Doc<'_>, trigger_end: usize, pos: usize) -> bool {
    if pos <= trigger_end {
        return false;
    }
    let words: Vec<&str> = doc.lower[trigger_end..pos]
        .split_ascii_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        .collect();
    words.windows(2).any(|w| {
        doc.rules.in_lexicon(PRIOR_ACT_NOUNS, w[0])
            && (w[1].len() > 3 && doc.rules.lexicon(PAST_ENDINGS).suffixes(w[1])
                || doc.rules.in_lexicon(IRREGULAR_PARTICIPLES, w[1]))
    })
}

/// Whether the cue at `h` is a month's name, not a modal ("on May 26", "in
/// May"): a word of lexicon `modality.month_homographs` written with a
/// capital, before a number or after a word of `modality.date_words`.
fn month_name(doc: &Doc<'_>, h: &Hit) -> bool {
    let word = &doc.lower[h.start..h.end];
    if !doc.body[h.start..].starts_with(|c: char| c.is_ascii_uppercase())
        || !doc.rules.in_lexicon(MONTH_HOMOGRAPHS, word)
    {
        return false;
    }
    let number_after = doc.lower[h.end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    let date_before = doc.lower[..h.start]
        .split_ascii_whitespace()
        .next_back()
        .is_some_and(|w| {
            doc.rules
                .in_lexicon(DATE_WORDS, w.trim_matches(|c: char| !c.is_alphanumeric()))
        });
    number_after || date_before
}

/// Whether `[s, e)` has a cue of kind `cue`.
pub fn has_cue(doc: &Doc<'_>, sent: &Sent<'_>, s: usize, e: usize, cue: Cue) -> bool {
    sent.hits_in(s, e).any(|h| cue_of(doc, h) == Some(cue))
}

/// The years written in `[s, e)`: `extract::numbers::years(body, s, e)`,
/// read from the story's list (a year found scanning from `s` is one found
/// scanning the whole body, as a match needs a non-digit before and after).
fn years_in<'d>(doc: &'d Doc<'_>, s: usize, e: usize) -> &'d [(i32, usize)] {
    let years = doc.years();
    let a = years.partition_point(|&(_, p)| p < s);
    let b = years.partition_point(|&(_, p)| p + 4 <= e);
    &years[a..b.max(a)]
}

/// The years of `[s, e)` that date the trigger at `trigger` to a year
/// before the story's, as byte spans: "in 2019"; "the 2014 sanctions" when
/// the year names the trigger itself. A year naming something else
/// ("honouring the 2015 agreement") or a comparison ("since 2022") dates
/// nothing.
fn past_years<'d>(
    doc: &'d Doc<'_>,
    s: usize,
    e: usize,
    trigger: usize,
) -> impl Iterator<Item = (usize, usize)> + 'd {
    years_in(doc, s, e).iter().filter_map(move |&(y, pos)| {
        // only the few words before the year matter
        let before =
            crate::extract::window(&doc.lower, s.max(pos.saturating_sub(16)), pos).trim_end();
        let names_something = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| doc.rules.in_lexicon(DETERMINERS, w));
        // (or the year names the noun a relative clause holding the
        // trigger describes: "the 2008 attacks, in which gunmen killed")
        let names_trigger = trigger >= pos
            && (trigger - pos <= 25
                || doc
                    .rules
                    .lexicon(EVENT_RELATIVES)
                    .occurs_in(&doc.lower[pos..trigger]));
        (y < doc.year
            && !model_number(doc, pos)
            && !doc.rules.lexicon(DURATION_MARKERS).ends(before)
            && (!names_something || names_trigger))
            .then_some((pos, pos + 4))
    })
}

/// Whether the number at `pos` is part of a name, not a year: it follows a
/// capitalised word that is neither a month's name (lexicon
/// `modality.month_names`) nor a word that starts a date or a noun phrase
/// at a sentence's start ("In 2019", "The 2016 bombing"): "Mirage 2000
/// jets" names an aircraft, "June 2019" is a date.
fn model_number(doc: &Doc<'_>, pos: usize) -> bool {
    let Some(word) = doc.body[..pos].split_ascii_whitespace().next_back() else {
        return false;
    };
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && !doc.rules.in_lexicon(MONTH_NAMES, &lower)
        && !doc.rules.in_lexicon(DATE_WORDS, &lower)
        && !doc.rules.in_lexicon(DETERMINERS, &lower)
}

/// The longest a cue phrase that a clause cut may split reaches back from
/// the cut, in bytes.
const MAX_CUE_BYTES: usize = 48;

/// Bytes between the span `[s, e)` and the trigger `t` (0 when they overlap).
fn distance((s, e): (usize, usize), t: &Hit) -> usize {
    if e <= t.start {
        t.start - e
    } else {
        s.saturating_sub(t.end)
    }
}

fn future_year(doc: &Doc<'_>, s: usize, e: usize) -> bool {
    // "in force until Jan. 31, 2026" is a duration, not a date of the event
    years_in(doc, s, e).iter().any(|&(y, pos)| {
        y > doc.year
            && !doc
                .rules
                .lexicon(DURATION_MARKERS)
                .occurs_in(crate::extract::window(
                    &doc.lower,
                    pos.saturating_sub(20),
                    pos,
                ))
    })
}

/// Whether the trigger is a noun introduced by an indefinite or generic
/// determiner and followed by a conditional: "a sale would", "such a deal
/// could", "an agreement might".
fn indefinite_conditional(doc: &Doc<'_>, trigger: &Hit) -> bool {
    let lower = doc.lower.as_str();
    let before = crate::extract::window(lower, trigger.start.saturating_sub(12), trigger.start);
    let last = before.split_ascii_whitespace().next_back().unwrap_or("");
    if !doc.rules.in_lexicon(INDEFINITE_DETERMINERS, last) {
        return false;
    }
    let next = crate::extract::window(lower, trigger.end, trigger.end + 12)
        .split_ascii_whitespace()
        .next()
        .unwrap_or("");
    doc.rules.in_lexicon(CONDITIONALS, next)
}

/// The cancellation cues and triggers of one sentence, indexed once: whether
/// a cancellation later in the sentence governs a trigger is then a binary
/// search, not a rescan of the rest of the sentence per trigger (quadratic
/// in a long sentence).
#[derive(Debug, Default)]
pub struct Denials {
    /// Starts of the `Denied` cues inside the sentence, in order.
    denied: Vec<usize>,
    /// Starts of the sentence's triggers, in order.
    trigger_starts: Vec<usize>,
    /// `suffix_min_end[i]`: the least end among triggers `i..`.
    suffix_min_end: Vec<usize>,
}

impl Denials {
    pub(crate) fn new(doc: &Doc<'_>, sent: &Sent<'_>) -> Denials {
        let mut out = Denials::default();
        let mut ends = Vec::new();
        for h in sent.hits {
            if h.end <= sent.end && cue_of(doc, h) == Some(Cue::Denied) {
                out.denied.push(h.start);
            }
            if matches!(doc.rules.entry(h).kind, crate::rules::Kind::Trigger { .. }) {
                out.trigger_starts.push(h.start);
                ends.push(h.end);
            }
        }
        let mut min = usize::MAX;
        out.suffix_min_end = vec![0; ends.len()];
        for (i, e) in ends.iter().enumerate().rev() {
            min = min.min(*e);
            out.suffix_min_end[i] = min;
        }
        out
    }

    /// Whether a `Denied` cue starts at or after `from` with no trigger
    /// wholly inside `[from, cue)`: the later the cue, the more triggers
    /// lie before it, so only the first such cue needs testing, and a
    /// trigger lies before it when the least end of the triggers starting
    /// at or after `from` is at most its start.
    fn later_denial(&self, from: usize) -> bool {
        let i = self.denied.partition_point(|&s| s < from);
        let Some(&cue) = self.denied.get(i) else {
            return false;
        };
        let j = self.trigger_starts.partition_point(|&s| s < from);
        self.suffix_min_end.get(j).is_none_or(|&e| e > cue)
    }
}

/// Whether the cue `cue` before `trigger` sits in a relative clause that a
/// comma closes before the trigger: the last comma before the cue (from the
/// clause start `cs`) opens a word of `modality.relative_pronouns`, and a
/// comma stands between the cue and the trigger ("X, which accuses Y of
/// ..., severed ties").
fn in_closed_relative(doc: &Doc<'_>, cs: usize, cue: &Hit, trigger: &Hit) -> bool {
    if cue.end > trigger.start || cue.start < cs || !doc.body[cue.end..trigger.start].contains(',')
    {
        return false;
    }
    let before = &doc.lower[cs..cue.start];
    let Some(comma) = before.rfind(',') else {
        return false;
    };
    before[comma + 1..]
        .split_ascii_whitespace()
        .next()
        .is_some_and(|w| doc.rules.in_lexicon(RELATIVE_PRONOUNS, w))
}

/// The status of the trigger `trigger` (its hit) in `sent`, with `default`
/// the trigger's own default status.
pub fn status_of(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    trigger: &Hit,
    default: Option<Status>,
) -> Modality {
    let (cs, ce) = sent.clause_of(trigger.start);
    // (a cue that a clause cut splits, "80 years since the bombing", "hours
    // after the raid", belongs to both clauses: hits overlapping the clause)
    let cues: Vec<(Cue, &Hit)> = sent
        .hits_near(cs.saturating_sub(MAX_CUE_BYTES), ce)
        .iter()
        .filter(|h| h.start < ce && h.end > cs && h.end <= sent.end)
        // a cue that is the trigger itself ("suspended", "letter of intent") is no cue
        .filter(|h| !(h.start == trigger.start && h.end == trigger.end))
        .filter_map(|h| cue_of(doc, h).map(|c| (c, h)))
        // a cue inside a relative clause closed before the trigger tells of
        // the relative's noun, not of the event ("Peru, which accuses Chile
        // of spying, expelled its envoy")
        .filter(|(_, h)| !in_closed_relative(doc, cs, h, trigger))
        .collect();
    let has = |c: Cue| cues.iter().any(|(k, _)| *k == c);
    // background: a generic mention right after the cue ("ongoing Russian strikes")
    // (also a verb right before such a phrase: "hosted earlier low-level
    // talks", when another trigger follows the cue)
    let category_of = |h: &Hit| match &doc.rules.entry(h).kind {
        crate::rules::Kind::Trigger { category, .. } => Some(*category),
        _ => None,
    };
    let own = category_of(trigger);
    let trigger_after = |pos: usize| {
        sent.hits_in(pos, (pos + 30).min(sent.end))
            .any(|x| own.is_some() && category_of(x) == own)
    };
    // ... but not across a clause of its own: "after the United States
    // sanctioned X" reports the sanction (a named actor, then a finite verb)
    // (the verb is the trigger, "sanctioned", or the word right after the
    // actor: "after the United States doubled tariffs")
    let past = |w: &str| {
        w.len() > 3
            && doc.rules.lexicon(PAST_ENDINGS).suffixes(w)
            && w.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let verb = doc.lower[trigger.start..trigger.end]
        .split_ascii_whitespace()
        .next()
        .is_some_and(past);
    let own_clause = |h: &Hit| {
        sent.mentions_in(h.end, trigger.start).iter().any(|m| {
            m.code.is_some()
                && crate::extract::actors::is_agent_kind(m)
                && (verb || {
                    let gap = &doc.lower[m.end..trigger.start];
                    gap.starts_with(' ') && gap.split_ascii_whitespace().next().is_some_and(past)
                })
        })
            // an armed force named without a country is a subject too:
            // "days after the army recaptured the city"
            || verb
                && sent
                    .hits_in(h.end, trigger.start)
                    .any(|x| doc.rules.entry(x).kind == Kind::Force)
    };
    // ... nor an attack whose clause counts its dead or wounded ("heavy
    // losses in assaults on X, with about 300 killed"): a toll makes it a
    // specific attack, not a generic mention
    let toll = || {
        own == Some(crate::model::Category::Strike)
            && crate::extract::casualties::casualties(
                doc.rules,
                doc.body,
                cs,
                ce,
                sent.hits_near(cs, ce),
            )
            .any()
    };
    if cues.iter().any(|(k, h)| {
        *k == Cue::Background
            && (h.end <= trigger.start && trigger.start - h.end <= 30 && !own_clause(h) && !toll()
                || h.start >= trigger.end && h.start - trigger.end <= 1 && trigger_after(h.end))
    }) {
        return None;
    }
    // an indefinite or generic noun with a conditional after it is a
    // hypothetical: "a sale would make ...", "such a deal could ..."
    if indefinite_conditional(doc, trigger) {
        return None;
    }
    // hypothetical: "if" before the trigger in its clause
    if cues
        .iter()
        .any(|(k, h)| *k == Cue::Hypothetical && h.start <= trigger.start)
    {
        return None;
    }
    let current = has(Cue::Current);
    // (a historical cue inside a relative clause after the trigger dates
    // what that clause describes: "ending a freeze that began ... last year";
    // one that dates what follows it dates nothing before it: "bombed a
    // concert marking the anniversary of the movement")
    let historical: Vec<&Hit> = cues
        .iter()
        .filter(|(k, h)| {
            *k == Cue::Historical
                && !(h.start >= trigger.end
                    && doc
                        .rules
                        .in_lexicon(FORWARD_DATES, &doc.lower[h.start..h.end]))
                && !(h.start >= trigger.end
                    && doc.lower[trigger.end..h.start]
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .any(|w| doc.rules.in_lexicon(RELATIVE_PRONOUNS, w))
                    || in_reduced_relative(doc, trigger.end, h.start))
        })
        .map(|(_, h)| *h)
        .collect();
    // a clause opened by a relative of the event ("..., after which troops
    // blew up the city") is dated by the clause before it, the noun it
    // describes ("the 1944 uprising")
    // (looked for only when the story writes a past year at all: else no
    // clause gives one)
    let past_year_written = doc.years().iter().any(|&(y, _)| y < doc.year);
    let antecedent = (past_year_written
        && doc
            .rules
            .lexicon(EVENT_RELATIVES)
            .occurs_in(crate::extract::window(
                &doc.lower,
                cs,
                (cs + 20).min(trigger.start),
            )))
    .then(|| {
        // (the clause before it that holds words: two clause marks
        // side by side, ", after", leave an empty one between)
        sent.clauses
            .iter()
            .rev()
            .find(|&&(s, e)| e <= cs && doc.lower[s..e].bytes().any(|b| b.is_ascii_alphabetic()))
    })
    .flatten();
    let mut years = past_years(doc, cs, ce, trigger.start)
        .filter(|&(p, _)| !in_reduced_relative(doc, trigger.end, p))
        .chain(
            antecedent
                .into_iter()
                .flat_map(|&(s, e)| past_years(doc, s, e, trigger.start)),
        )
        .peekable();
    if !historical.is_empty() || years.peek().is_some() {
        // a time of the present news cycle overrides history in the clause
        // ("repeatedly struck the plant, most recently on Monday"), unless a
        // past date is nearer the trigger: each time dates the act next to
        // it ("gathered on Friday to mark 30 years since forces killed ...",
        // "a memorial on Thursday for those killed when a bomber attacked a
        // concert in 2017", "a 2021 drone strike")
        let now = cues
            .iter()
            .filter(|(k, _)| *k == Cue::Current)
            .map(|(_, h)| distance((h.start, h.end), trigger))
            .min()?;
        let dated = historical
            .iter()
            .filter(|h| doc.rules.in_lexicon(PAST_DATES, &doc.lower[h.start..h.end]))
            .map(|h| (h.start, h.end))
            .chain(years)
            .map(|span| distance(span, trigger))
            .min();
        if dated.is_some_and(|d| d < now) {
            return None;
        }
    }
    // a flat negation governs what follows it ("without announcing an
    // agreement", "no date had been set for another round")
    if cues
        .iter()
        .any(|(k, h)| *k == Cue::Negation && h.start <= trigger.start)
    {
        return Some((Status::Denied, true));
    }
    // a cancellation later in the sentence governs the event it follows,
    // across a parenthesis ("the round, which had been set for Sunday in
    // Muscat, would not take place"), unless another event comes between
    // (indexed only in a sentence with a cancellation cue)
    let later_denial = sent.denied_cues
        && sent
            .denial_index
            .get_or_init(|| Denials::new(doc, sent))
            .later_denial(trigger.end);
    // "no (Russian) representatives would attend", "no minister will attend"
    let clause_lower = &doc.lower[cs..ce];
    let no_attend = doc.attend_in(cs, ce).map(|p| p - cs).is_some_and(|a| {
        // (the word right before "attend" is not one of them: "would not
        // attend" is the negation mechanism's)
        let before = crate::extract::window(clause_lower, a.saturating_sub(40), a);
        let mut words = before.split(' ');
        words.next_back();
        words.any(|w| doc.rules.in_lexicon(ATTEND_NEGATORS, w))
    });
    if later_denial || no_attend {
        return Some((Status::Denied, false));
    }
    // a cancellation governs the event just after it ("called off his trip")
    // or the event it follows in its clause ("the summit was put on ice")
    if cues.iter().any(|(k, h)| {
        *k == Cue::Denied
            && (h.start >= trigger.end || trigger.start < h.end || trigger.start - h.end <= 30)
    }) {
        return Some((Status::Denied, false));
    }
    // a threat governs what follows it ("threatened to impose sanctions")
    if default == Some(Status::Threatened)
        || cues
            .iter()
            .any(|(k, h)| *k == Cue::Threatened && h.start <= trigger.start)
    {
        return Some((Status::Threatened, false));
    }
    if let Some(d) = default {
        return Some((d, false));
    }
    // nearest tense cue before the trigger, else the first after it
    let tense = |c: Cue| matches!(c, Cue::Scheduled | Cue::Proposed);
    let before = cues
        .iter()
        .filter(|(k, h)| tense(*k) && h.start <= trigger.start)
        .max_by_key(|(_, h)| h.end);
    // a cue after the trigger counts only close by ("talks are set to
    // resume"), and not past a conjunction or comma that starts another
    // predicate ("spoke by phone over the weekend and told them he would ...")
    let after = cues
        .iter()
        .filter(|(k, h)| {
            tense(*k) && h.start >= trigger.end && h.start - trigger.end <= 40 && {
                let gap = &doc.lower[trigger.end..h.start];
                !doc.rules.lexicon(CLAUSE_JOINERS).occurs_in(gap) && !gap.contains(',')
            }
        })
        .min_by_key(|(_, h)| h.start);
    let chosen = before.or(after);
    // reported intention: "he would order an end to the measures" is an
    // intention (proposed) unless the clause gives a date ("would travel
    // to Washington on Monday")
    let conditional = chosen.is_some_and(|(_, h)| {
        doc.rules
            .in_lexicon(INTENTION_CUES, &doc.lower[h.start..h.end])
    });
    match chosen.map(|(k, _)| *k) {
        Some(Cue::Scheduled) if conditional && !current && !future_year(doc, cs, ce) => {
            Some((Status::Proposed, false))
        }
        Some(Cue::Proposed) => Some((Status::Proposed, false)),
        Some(Cue::Scheduled) => Some((Status::Scheduled, false)),
        _ if future_year(doc, cs, ce) => Some((Status::Scheduled, false)),
        _ => Some((Status::Occurred, false)),
    }
}

#[cfg(test)]
mod tests {
    //! The time references of a clause, on sentences of their own (not
    //! taken from any evaluation set), against the shipped `config/rules`.
    use crate::classify::test_support::subtypes;
    use crate::model::Category;

    fn strikes(body: &str) -> Vec<String> {
        subtypes(body, Category::Strike)
    }

    #[test]
    fn a_past_date_next_to_the_attack_outranks_a_present_time_further_off() {
        for s in [
            // a cue that the clause cut at "since" splits still dates the act
            "Veterans gathered in Hue on Sunday to mark 57 years since troops stormed the citadel.",
            "Schoolchildren laid flowers on Monday for the victims of a 2014 rocket attack on the port of Mariupol.",
            "The regional governor on Tuesday opened a museum about the bombing of the city in 1999.",
            // "N years after" dates the act after it; the force's own verb bears the date
            "Villagers gathered near Ogossagou on Sunday, six years after militiamen attacked the village and killed 160 people.",
            "Wreaths were laid on Monday for the 40 people killed when insurgents stormed the school in March 2014.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn a_speculated_meeting_is_no_event() {
        let diplomacy = |b: &str| subtypes(b, Category::Diplomacy);
        assert!(
            diplomacy(
                "Diplomats in Geneva speculated that the Serbian and Kosovar leaders could meet again before the summer."
            )
            .is_empty()
        );
        assert_eq!(
            diplomacy(
                "The Serbian and Kosovar leaders met in Brussels on Monday for EU-brokered talks."
            ),
            ["talks"]
        );
    }

    #[test]
    fn a_date_after_a_reduced_relative_dates_the_earlier_act() {
        // the handover is news; the contract it fulfils is of last year
        assert_eq!(
            subtypes(
                "The Kenyan navy took delivery of three armoured patrol boats from Turkey on Tuesday, under a contract signed last year.",
                Category::Procurement
            ),
            ["delivery"]
        );
        assert_eq!(
            subtypes(
                "Chile handed over two frigates to Peru, part of a deal struck in 2019.",
                Category::Procurement
            ),
            ["delivery"]
        );
        // a date that follows the act itself still makes it history
        assert!(
            subtypes(
                "Chile handed over two frigates to Peru last year.",
                Category::Procurement
            )
            .is_empty()
        );
    }

    #[test]
    fn a_past_year_dates_the_act_of_its_relative_clause() {
        assert!(
            strikes(
                "A novel about the 2015 Garissa university attack, in which gunmen killed 148 students, went on sale across Kenya."
            )
            .is_empty()
        );
        // a relative clause about an attack of the news cycle stays news
        assert!(!strikes(
            "Gunmen killed 148 students in an attack on Garissa university on Thursday, in which al-Shabaab fighters stormed dormitories."
        )
        .is_empty());
    }

    #[test]
    fn a_present_time_next_to_the_attack_keeps_it() {
        for s in [
            // the date of the anniversary is the date of the attack
            "Russian missiles hit Odesa on Monday, the anniversary of the 2014 fire at a city landmark, killing three people.",
            // an aspect of the past ("repeatedly") yields to any present time
            "Drones have repeatedly struck the Zaporizhzhia plant, most recently on Monday, the regional governor said.",
        ] {
            assert!(!strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn an_armed_force_after_a_background_cue_is_the_subject_of_a_new_act() {
        // "after the" + a force + a verb is a clause of its own: an act
        assert_eq!(
            strikes(
                "The talks resumed on Monday, days after the army recaptured the town of Kidal."
            ),
            ["ground_assault"]
        );
        // "after the" + a noun is background
        assert!(
            strikes("Aid resumed in Kidal on Monday after the recapture of the town.").is_empty()
        );
    }

    #[test]
    fn a_cue_that_dates_what_follows_it_does_not_date_the_act_before_it() {
        assert_eq!(
            strikes(
                "Army jets bombed a rally marking the anniversary of the rebel movement in Laiza, killing 40 people."
            ),
            ["airstrike"]
        );
        // before the act, it dates the act
        assert!(
            strikes("Crowds gathered to mark the anniversary of the bombing of the cathedral.")
                .is_empty()
        );
    }

    #[test]
    fn a_number_after_a_capitalised_name_is_no_year() {
        let body = "Two Mirage 2000 jets were handed over to the Indian air force, the defence ministry said.";
        assert_eq!(subtypes(body, Category::Procurement), ["delivery"]);
        // a month's name before the number makes it one
        assert!(
            strikes("Militants attacked the town of Kidal in June 2019, officials said on Friday.")
                .is_empty()
        );
    }

    #[test]
    fn a_cue_in_a_relative_clause_closed_before_the_trigger_is_not_its_own() {
        // "accuses" and "may" tell of the noun the relative clause describes
        for s in [
            "Peru, which accuses Chile of spying on its navy, expelled the Chilean ambassador on Monday.",
            "Mali, which fears attacks if the war spreads, cut diplomatic ties with Ukraine.",
        ] {
            assert_eq!(subtypes(s, Category::Diplomacy), ["relations"], "{s}");
        }
        // a conditional in the trigger's own clause still removes the act,
        // and a cue in an unclosed relative clause governs the trigger in it
        for s in [
            "Chile, if provoked, would expel the Peruvian ambassador.",
            "Peru named a panel, which, if talks fail, would expel the Chilean ambassador.",
        ] {
            assert!(subtypes(s, Category::Diplomacy).is_empty(), "{s}");
        }
    }
}
