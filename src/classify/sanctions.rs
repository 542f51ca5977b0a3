//! Sanctions: measures by a state or bloc against a state, sector, company,
//! vessel or person, for political or security reasons.
//!
//! Weak triggers ("tariff", "listed", "lifted", "fined") count only in a
//! sentence that also shows a sanctions context ("sanctions", "shadow fleet",
//! "purchases of Russian oil"), which is what separates a punitive tariff
//! from a trade dispute. The imposer is the acting government before the
//! trigger; the target the other country named (often as a demonym: "Russian
//! crude"); the sector the first sector word of the clause (`sectors.toml`).

use super::{
    Candidate, Doc, Sent, compatible, modality, traps, trigger_of, words_after, words_back,
};
use crate::extract::actors::{agents, is_agent_kind};
use crate::gazetteer::PlaceKind;
use crate::model::{Category, CountryCode, EventSlots, Status, Subtype};
use crate::rules::{Frame, Hit, Kind, LexiconId, RuleSet};

/// More specific subtypes win when one clause has several triggers.
fn rank(subtype: Subtype) -> u8 {
    match subtype {
        Subtype::Threaten => 0,
        Subtype::Lift => 1,
        Subtype::Extend => 2,
        Subtype::Enforce => 3,
        Subtype::Expand => 4,
        _ => 5,
    }
}

fn slots(c: &Candidate) -> (&Option<CountryCode>, &Option<CountryCode>, &Option<String>) {
    match &c.slots {
        EventSlots::Sanctions {
            imposer,
            target,
            sector,
        } => (imposer, target, sector),
        _ => unreachable!("sanctions candidate with other slots"),
    }
}

/// Lexicons of `sanctions.toml` the mechanisms below read (their names).
const REASON_MARKERS: LexiconId = LexiconId::named("sanctions.reason_markers");
const IMPOSER_MODIFIERS: LexiconId = LexiconId::named("sanctions.imposer_modifiers");
const PASSIVE_AUX: LexiconId = LexiconId::named("sanctions.passive_aux");
const PASSIVE_ADVERBS: LexiconId = LexiconId::named("sanctions.passive_adverbs");
const SUBORDINATORS: LexiconId = LexiconId::named("sanctions.subordinators");
const RELATIVE_PRONOUNS: LexiconId = LexiconId::named("sanctions.relative_pronouns");
const APPROVAL_VERBS: LexiconId = LexiconId::named("sanctions.approval_verbs");
const APPROVAL_OBJECTS: LexiconId = LexiconId::named("sanctions.approval_objects");
const PARTY_NOUNS: LexiconId = LexiconId::named("sanctions.party_nouns");
const ATTRIBUTIVE_PARTICIPLES: LexiconId = LexiconId::named("sanctions.attributive_participles");
const DETERMINERS: LexiconId = LexiconId::named("sanctions.determiners");
const STATUS_ARTICLES: LexiconId = LexiconId::named("sanctions.status_articles");
const WISH_CUES: LexiconId = LexiconId::named("sanctions.wish_cues");
const REGIME_PREPOSITIONS: LexiconId = LexiconId::named("sanctions.regime_prepositions");
const NOVELTY_WORDS: LexiconId = LexiconId::named("sanctions.novelty_words");
const STATE_ADVERBS: LexiconId = LexiconId::named("sanctions.state_adverbs");
const SPEECH_SENSES: LexiconId = LexiconId::named("sanctions.speech_senses");
const COMPLEMENTIZERS: LexiconId = LexiconId::named("sanctions.complementizers");
const POSSIBILITY_MODALS: LexiconId = LexiconId::named("sanctions.possibility_modals");
const CONDITIONALS: LexiconId = LexiconId::named("sanctions.conditionals");
const TARGETED_MEASURES: LexiconId = LexiconId::named("sanctions.targeted_measures");
const TARGET_PREPOSITIONS: LexiconId = LexiconId::named("sanctions.target_prepositions");
const LIST_JOINERS: LexiconId = LexiconId::named("sanctions.list_joiners");
const GENERIC_QUANTIFIERS: LexiconId = LexiconId::named("sanctions.generic_quantifiers");
const FRAME_OBJECTS: LexiconId = LexiconId::named("sanctions.frame_objects");
/// Words that make an expansion a listing ("adds 105 vessels to the list").
const LISTING_WORDS: LexiconId = LexiconId::named("sanctions.listing_words");
/// The word before the agent of a passive measure ("boarded by French
/// naval commandos").
const AGENT_PREPOSITIONS: LexiconId = LexiconId::named("sanctions.agent_prepositions");
const ADOPTION_VERBS: LexiconId = LexiconId::named("sanctions.adoption_verbs");
const DOMESTIC_AUTHORITIES: LexiconId = LexiconId::named("sanctions.domestic_authorities");
const DOMESTIC_SCOPE: LexiconId = LexiconId::named("sanctions.domestic_scope");
const STANCE_PREFIXES: LexiconId = LexiconId::named("sanctions.stance_prefixes");
const SPECULATIVE_MODIFIERS: LexiconId = LexiconId::named("sanctions.speculative_modifiers");
const SPECULATION_SOURCES: LexiconId = LexiconId::named("sanctions.speculation_sources");
const SPECULATION_MARKERS: LexiconId = LexiconId::named("sanctions.speculation_markers");
const EFFECT_AUX: LexiconId = LexiconId::named("sanctions.effect_aux");
const EFFECT_PREDICATES: LexiconId = LexiconId::named("sanctions.effect_predicates");
const ITEM_SEPARATORS: LexiconId = LexiconId::named("sanctions.item_separators");

/// A domestic measure: in the clause `[cs, ce)` a body that acts on its own
/// country's people (`sanctions.domestic_authorities`: "the central bank",
/// "the regulator", "a court") names the doer before the trigger at
/// `at`, or a word of `sanctions.domestic_scope` ("a nationwide ban") says
/// the measure is the country's own. With no foreign target it is
/// regulation or a court penalty, not a sanction (event guide: "by a state
/// or bloc against a state, sector, company, vessel or person").
fn domestic_measure(doc: &Doc<'_>, cs: usize, ce: usize, at: usize) -> bool {
    let rules = doc.rules;
    rules
        .lexicon(DOMESTIC_AUTHORITIES)
        .occurs_in(&doc.lower[cs..at.clamp(cs, ce)])
        || rules.lexicon(DOMESTIC_SCOPE).occurs_in(&doc.lower[cs..ce])
}

/// A measure is by a state or bloc: a trigger whose clause names a
/// non-state armed group before it and no state, capital, bloc or
/// institution there ("the group would keep targeting ships") tells of
/// the group's own acts, not of a measure.
fn armed_group_act(sent: &Sent<'_>, cs: usize, at: usize) -> bool {
    let before = sent.mentions_in(cs, at);
    before.iter().any(|m| m.kind == PlaceKind::ArmedGroup)
        && !before.iter().any(|m| {
            matches!(
                m.kind,
                PlaceKind::Country | PlaceKind::Capital | PlaceKind::Bloc | PlaceKind::Institution
            )
        })
}

/// Whether the mention starting at `start` owns measures another state
/// adopts: right after a word of `sanctions.adoption_verbs`, past a word of
/// `sanctions.determiners` ("Norway adopted the EU's latest sanctions"):
/// the adopting state is the imposer, not the owner.
fn adopted_owner(doc: &Doc<'_>, start: usize) -> bool {
    let mut words = words_back(&doc.lower, start);
    let w = words.next().unwrap_or("");
    let w = if doc.rules.in_lexicon(DETERMINERS, w) {
        words.next().unwrap_or("")
    } else {
        w
    };
    doc.rules.in_lexicon(ADOPTION_VERBS, w)
}

/// How many words after a frame verb its object may come ("froze any
/// remaining U.S. assets").
const FRAME_REACH: usize = 5;

/// Whether the few words after the verb at `h` (to the clause end `ce`)
/// hold an object of lexicon `sanctions.frame_objects`: "froze any U.S.
/// assets of a judge", "revoked the visas of", not "froze funding for".
fn frame_object(doc: &Doc<'_>, ce: usize, h: &Hit) -> bool {
    let after = &doc.lower[h.end..ce.max(h.end)];
    // up to the end of the FRAME_REACH-th word
    let end = after
        .split_ascii_whitespace()
        .nth(FRAME_REACH - 1)
        .map_or(after.len(), |w| {
            w.as_ptr() as usize - after.as_ptr() as usize + w.len()
        });
    doc.rules.lexicon(FRAME_OBJECTS).occurs_in(&after[..end])
}

/// The first offset of `hay` where a reason marker of lexicon
/// `sanctions.reason_markers` starts ("a duty on Indian goods as a penalty
/// for purchases of Russian oil": sector words after it describe why, not
/// what is hit): one scan of the spaces, as each marker follows one.
fn first_reason(rules: &RuleSet, hay: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let markers = rules.lexicon(REASON_MARKERS);
    memchr::memchr_iter(b' ', h).find(|&p| markers.entry_at(h, p + 1))
}

/// A word of `text` without surrounding punctuation.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '$')
}

/// A passive measure ("Nayara Energy was listed", "two banks were
/// designated"): the words before it name the target, not the imposer.
/// `before` is lower case.
fn is_passive(rules: &RuleSet, before: &str) -> bool {
    let mut words = before
        .split_ascii_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        .skip_while(|w| rules.in_lexicon(PASSIVE_ADVERBS, w));
    words
        .next()
        .is_some_and(|w| rules.in_lexicon(PASSIVE_AUX, w))
}

/// Why a sanctions trigger is not a measure here: the word's other sense or
/// a measure only mentioned. Each reads its words from a lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotAMeasure {
    /// "the cabinet sanctioned four railway projects": approved.
    Approval,
    /// "a designated terrorist organisation", "was designated a heritage
    /// site": a description or a status, not a listing.
    Description,
    /// "would like Serbia to impose sanctions": a wish or a call.
    Wish,
    /// "listed under EU sanctions", "traded below the price cap", "already
    /// barred": a regime in force, not an act.
    Background,
    /// "ready to face any sanctions": no specific measure.
    Generic,
    /// "adding that ...": a speech verb.
    Speech,
    /// "could face sanctions if ...": a possibility, not a threat.
    Possibility,
    /// "a future sanctions package", "analysts say the EU could ...":
    /// speculation about a measure, not a measure.
    Speculation,
    /// "the sanctions have cut exports by half": the effect of measures in
    /// force, an analysis, not a measure taken.
    Effect,
    /// "an anti-sanctions rally": a stance on measures, not a measure.
    Stance,
}

/// An entry ban told by where people may not go: a trigger of frame
/// `entry_state` ("from entering", "from travelling to") counts only with a
/// state or bloc named right after it, past at most a determiner ("from
/// entering the United States"), and a person or a word of
/// `sanctions.party_nouns` barred before it in the clause ("barred two
/// officials"): a state keeping people out of its territory, not fans kept
/// from a stadium (event guide: "visa bans").
fn entry_state(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, ce: usize, h: &Hit) -> bool {
    let rules = doc.rules;
    let state = sent
        .mentions_in(h.end, ce.max(h.end))
        .first()
        .is_some_and(|m| {
            let mut gap = doc.lower[h.end..m.start].split_ascii_whitespace();
            // at most one word between, a determiner ("from entering the EU")
            matches!(m.kind, PlaceKind::Country | PlaceKind::Bloc)
                && gap.next().is_none_or(|w| rules.in_lexicon(DETERMINERS, w))
                && gap.next().is_none()
        });
    let party = sent
        .mentions_in(cs, h.start)
        .iter()
        .any(|m| m.kind == PlaceKind::Person)
        || doc.lower[cs..h.start]
            .split_ascii_whitespace()
            .any(|w| rules.in_lexicon(PARTY_NOUNS, bare(w)));
    state && party
}

/// Whether the few words after `from` (up to 40 bytes, in the clause) name
/// a party a measure can hit: a place, body or person the gazetteer knows,
/// or a capitalised name past the determiner ("sanctioned the Wagner
/// Group", not "sanctioned the merger of two banks").
fn names_party(doc: &Doc<'_>, sent: &Sent<'_>, from: usize, ce: usize) -> bool {
    let to = (from + 40).min(ce.max(from));
    !sent.mentions_in(from, to).is_empty()
        || crate::extract::window(doc.body, from, to)
            .split_ascii_whitespace()
            .skip(1)
            .any(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The sense check of one trigger hit `h` in the clause `[cs, ce)`.
fn not_a_measure(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    cs: usize,
    ce: usize,
    h: &Hit,
) -> Option<NotAMeasure> {
    let rules = doc.rules;
    let lower = &doc.lower;
    let word = &lower[h.start..h.end];
    // a prefix of stance joined to the word ("anti-sanctions protests")
    if lower[..h.start].ends_with('-') && rules.lexicon(STANCE_PREFIXES).ends(&lower[cs..h.start]) {
        return Some(NotAMeasure::Stance);
    }
    let after: Vec<&str> = lower[h.end..ce.max(h.end)]
        .split_ascii_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let before_text = &lower[cs..h.start];
    let before: Vec<&str> = before_text
        .split_ascii_whitespace()
        .rev()
        .map(bare)
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    // approval: the object (up to a reason marker) is a project, a sum, a
    // purchase, or any object after a determiner that names no party
    let object = || {
        after
            .iter()
            .take(4)
            .take_while(|w| !rules.in_lexicon(REASON_MARKERS, w))
    };
    if rules.in_lexicon(APPROVAL_VERBS, word)
        && (object().any(|w| rules.in_lexicon(APPROVAL_OBJECTS, w))
            || after
                .first()
                .is_some_and(|w| rules.in_lexicon(DETERMINERS, w))
                && !names_party(doc, sent, h.end, ce)
                && !object().any(|w| rules.in_lexicon(PARTY_NOUNS, w)))
    {
        return Some(NotAMeasure::Approval);
    }
    if rules.in_lexicon(ATTRIBUTIVE_PARTICIPLES, word)
        && (before
            .first()
            .is_some_and(|w| rules.in_lexicon(DETERMINERS, w))
            || is_passive(rules, before_text)
                && after
                    .first()
                    .is_some_and(|w| rules.in_lexicon(STATUS_ARTICLES, w)))
    {
        return Some(NotAMeasure::Description);
    }
    // "ready to face any sanctions": no specific measure
    if before
        .iter()
        .find(|w| !rules.in_lexicon(IMPOSER_MODIFIERS, w))
        .is_some_and(|w| rules.in_lexicon(GENERIC_QUANTIFIERS, w))
    {
        return Some(NotAMeasure::Generic);
    }
    if rules.in_lexicon(SPEECH_SENSES, word)
        && after
            .first()
            .is_some_and(|w| rules.in_lexicon(COMPLEMENTIZERS, w))
    {
        return Some(NotAMeasure::Speech);
    }
    // a wish or call before the trigger in its clause
    if rules.lexicon(WISH_CUES).occurs_in(before_text) {
        return Some(NotAMeasure::Wish);
    }
    // a regime named after a preposition ("under EU sanctions"), skipping
    // determiners, modifiers and names; "new" measures are acts
    let mut rest = before_text.trim_end();
    for _ in 0..4 {
        if rules.lexicon(REGIME_PREPOSITIONS).ends(rest) {
            return Some(NotAMeasure::Background);
        }
        let Some(i) = rest
            .rfind(' ')
            .map(|i| i + 1)
            .or((!rest.is_empty()).then_some(0))
        else {
            break;
        };
        let w = bare(&rest[i..]);
        let original = &doc.body[cs + i..cs + i + (rest.len() - i)];
        let name = original.starts_with(|c: char| c.is_ascii_uppercase());
        if rules.in_lexicon(NOVELTY_WORDS, w)
            || !(rules.in_lexicon(DETERMINERS, w)
                || rules.in_lexicon(IMPOSER_MODIFIERS, w)
                || name
                || w.ends_with("'s"))
        {
            break;
        }
        rest = rest[..i].trim_end();
    }
    if is_passive(rules, before_text)
        && before
            .iter()
            .take_while(|w| !rules.in_lexicon(PASSIVE_AUX, w))
            .any(|w| rules.in_lexicon(STATE_ADVERBS, w))
    {
        return Some(NotAMeasure::Background);
    }
    // speculation: a measure qualified as one to come ("a future sanctions
    // package", "possible new sanctions"), or a measure after an analyst
    // source with a word of possibility or expectation between them
    // ("analysts say the EU could eventually ...")
    if before
        .iter()
        .take(SPECULATION_REACH)
        .any(|w| rules.in_lexicon(SPECULATIVE_MODIFIERS, w))
    {
        return Some(NotAMeasure::Speculation);
    }
    let lead = &lower[sent.start.min(h.start)..h.start];
    if let Some(src) = rules.lexicon(SPECULATION_SOURCES).first_end_in(lead)
        && rules.lexicon(SPECULATION_MARKERS).occurs_in(&lead[src..])
    {
        return Some(NotAMeasure::Speculation);
    }
    // the measure as the subject of its effect ("the sanctions have cut
    // Iran's oil exports", "sanctions on Venezuela had failed to"): an
    // analysis of measures in force, unless they are new ones
    if let Some(aux) = after
        .iter()
        .take(EFFECT_REACH)
        .position(|w| rules.in_lexicon(EFFECT_AUX, w))
        && after
            .iter()
            .skip(aux + 1)
            .find(|w| !rules.in_lexicon(PASSIVE_ADVERBS, w) && !rules.in_lexicon(EFFECT_AUX, w))
            .is_some_and(|w| rules.in_lexicon(EFFECT_PREDICATES, w))
        && !after[..aux]
            .iter()
            .any(|w| rules.in_lexicon(REASON_MARKERS, w) || rules.in_lexicon(RELATIVE_PRONOUNS, w))
        && !before
            .iter()
            .take(SPECULATION_REACH)
            .any(|w| rules.in_lexicon(NOVELTY_WORDS, w))
    {
        return Some(NotAMeasure::Effect);
    }
    // a possibility under a condition ("could face sanctions if ...")
    let modal = word
        .split_ascii_whitespace()
        .next()
        .into_iter()
        .chain(before.first().copied())
        .any(|w| rules.in_lexicon(POSSIBILITY_MODALS, w));
    if modal
        && lower[h.end..ce.max(h.end)]
            .split_ascii_whitespace()
            .any(|w| rules.in_lexicon(CONDITIONALS, bare(w)))
    {
        return Some(NotAMeasure::Possibility);
    }
    None
}

/// How many words before a measure a speculative modifier or a novelty
/// word may stand ("a possible new round of sanctions").
const SPECULATION_REACH: usize = 3;

/// How many words after a measure its effect's auxiliary may come
/// ("sanctions on Venezuela had failed").
const EFFECT_REACH: usize = 4;

/// A targeted measure ("banned exports of gallium to the United States"):
/// a phrase of lexicon `sanctions.targeted_measures` with a foreign country
/// after a target preposition in its clause, or named in its object right
/// after it ("cut off three Mexican banks", "banned imports of Russian
/// steel"), is a sanction without any sanctions word.
fn targets_a_state(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, ce: usize, h: &Hit) -> bool {
    let rules = doc.rules;
    if !rules.in_lexicon(TARGETED_MEASURES, &doc.lower[h.start..h.end]) {
        return false;
    }
    let subject = sent
        .mentions_in(cs, h.start)
        .iter()
        .rev()
        .find_map(|m| m.code);
    let foreign = |m: &&crate::gazetteer::Mention| {
        matches!(m.kind, PlaceKind::Country | PlaceKind::Demonym)
            && m.code.is_some()
            && m.code != subject
    };
    // the object itself names the state: "banned imports of Russian
    // aluminium", "cut off three Mexican banks" (the first mention after
    // the trigger, at most OBJECT_REACH words on, none a target preposition)
    // (only with a state named as the doer before it: "storms cut off
    // Greek islands" is no measure)
    let object = subject.is_some()
        && sent
            .mentions_in(h.end, ce)
            .first()
            .filter(foreign)
            .is_some_and(|m| {
                let gap: Vec<&str> = doc.lower[h.end..m.start].split_ascii_whitespace().collect();
                gap.len() <= OBJECT_REACH
                    && !gap.iter().any(|w| rules.in_lexicon(TARGET_PREPOSITIONS, w))
            });
    object
        || sent.mentions_in(h.end, ce).iter().filter(foreign).any(|m| {
            doc.lower[h.end..m.start]
                .split_ascii_whitespace()
                .rev()
                .take(8)
                .any(|w| rules.in_lexicon(TARGET_PREPOSITIONS, w))
        })
}

/// How many words may stand between a targeted measure and the foreign
/// state its object names ("banned imports of Russian steel").
const OBJECT_REACH: usize = 2;

/// The sector of one item of a list of targets: the last sector word of the
/// item after the target's name ("India's Nayara Energy refinery"), else of
/// the item before it ("four oil terminals in China"). Items are separated by
/// commas, semicolons and the words of `sanctions.item_separators`.
fn item_sector(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    m: &crate::gazetteer::Mention,
    cs: usize,
    ce: usize,
) -> Option<String> {
    let body = doc.body;
    let joiners = doc.rules.lexicon(ITEM_SEPARATORS);
    let marks = [",", ";"];
    let after = &body[m.end..ce];
    let right = marks
        .iter()
        .filter_map(|d| crate::extract::find_str(after, d))
        .chain(joiners.spans_in(after).map(|(s, _)| s))
        .min()
        .map_or(ce, |i| m.end + i);
    let before = &body[cs..m.start];
    let left = marks
        .iter()
        .filter_map(|d| crate::extract::rfind_str(before, d).map(|i| i + d.len()))
        .chain(joiners.spans_in(before).map(|(_, e)| e))
        .max()
        .map_or(cs, |i| cs + i);
    let sector_in = |s: usize, e: usize| {
        sent.hits_in(s, e)
            .filter_map(|h| match &doc.rules.entry(h).kind {
                Kind::Sector(v) => Some(v.clone()),
                _ => None,
            })
            .last()
    };
    sector_in(m.end, right).or_else(|| sector_in(left, m.start))
}

/// Whether `gap` joins two items of a list of imposers ("Britain, Canada
/// and the United States"): only words of lexicon `sanctions.list_joiners`
/// and commas, at most one determiner last.
fn is_list_gap(rules: &RuleSet, gap: &str) -> bool {
    let lower = gap.to_ascii_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .last()
        .is_some_and(|w| rules.in_lexicon(DETERMINERS, w))
        && words.len() > 1
    {
        words.pop();
    }
    words.len() <= 1 && words.iter().all(|w| rules.in_lexicon(LIST_JOINERS, w))
}

/// Adds the sanctions candidates of one sentence.
pub fn candidates(doc: &Doc<'_>, sent: &Sent<'_>, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let body = doc.body;
    let context = sent.hits.iter().any(|h| {
        matches!(
            rules.entry(h).kind,
            Kind::Context {
                category: Category::Sanctions
            }
        ) || matches!(
            trigger_of(rules, h, Category::Sanctions),
            Some((_, _, false))
        ) && (!rules.has_frame(h, Frame::MeasureObject)
            || frame_object(doc, sent.clause_of(h.start).1, h))
            && (!rules.has_frame(h, Frame::EntryState) || {
                let (cs, ce) = sent.clause_of(h.start);
                entry_state(doc, sent, cs, ce, h)
            })
            // a cut-off aimed at a foreign state is a measure without a
            // sanctions word, and so shows the sentence is about one ("add
            // 600 items to the goods that may not be shipped to Russia")
            || {
                let (cs, ce) = sent.clause_of(h.start);
                targets_a_state(doc, sent, cs, ce, h)
            }
    });
    for &(cs, ce) in &sent.clauses {
        let mut found: Vec<(Subtype, &Hit, Option<Status>, f64)> = Vec::new();
        for h in sent.hits_in(cs, ce) {
            let Some((sub, st, needs)) = trigger_of(rules, h, Category::Sanctions) else {
                continue;
            };
            // a threat of further measures in a story that already reports
            // sanctions ("Trump has also threatened to raise tariffs on
            // Colombian goods") is a threat of punishment, not trade policy
            // a measure phrase right after a sanctions sentence continues it
            // ("New Zealand announced the same reduction on Friday")
            // (read only for a trigger that needs context and has none)
            let story_context = || {
                let carried = || {
                    body[h.start..h.end].contains(' ')
                        && out.iter().any(|c| {
                            c.category == Category::Sanctions && c.sentence_idx + 1 == sent.idx
                        })
                };
                (sub == Subtype::Threaten
                    || is_passive(rules, &doc.lower[cs..h.start])
                    || carried())
                    && out.iter().any(|c| {
                        c.category == Category::Sanctions
                            && !c.flat_negation
                            && c.subtype != Subtype::Lift
                    })
            };
            // a rule of targeted cut-offs counts only when aimed at a state
            let targeted = targets_a_state(doc, sent, cs, ce, h);
            if rules.has_frame(h, Frame::ForeignTarget) && !targeted
                || rules.has_frame(h, Frame::EntryState) && !entry_state(doc, sent, cs, ce, h)
                || rules.has_frame(h, Frame::MeasureObject)
                    && (!frame_object(doc, ce, h)
                        // "blacklisted four vessels, freezing any assets
                        // they hold": the freeze details the measure before
                        || out.iter().any(|c| {
                            c.category == Category::Sanctions && c.sentence_idx == sent.idx
                        }))
                || needs && !context && !story_context() && !targeted
                || needs && armed_group_act(sent, cs, h.start)
                || traps::blocked(doc, sent, &rules.entry(h).id)
                || not_a_measure(doc, sent, cs, ce, h).is_some()
            {
                continue;
            }
            found.push((sub, h, st, rules.entry(h).weight));
        }
        // "adds 105 vessels to the list" expands a listing; "added fresh
        // asset freezes" imposes new measures
        // (the clause is searched only when both are there)
        if found.iter().any(|f| f.0 == Subtype::Expand)
            && found.iter().any(|f| f.0 == Subtype::Impose && f.3 >= 0.9)
            && !rules.lexicon(LISTING_WORDS).occurs_in(&doc.lower[cs..ce])
        {
            found.retain(|f| f.0 != Subtype::Expand);
        }
        found.sort_by_key(|f| (rank(f.0), f.1.start));
        // the most specific trigger that is still an event
        let Some((mut subtype, hit, status, flat, weight)) =
            found.iter().find_map(|&(sub, h, st, w)| {
                modality::status_of(doc, sent, h, st)
                    .map(|(status, flat)| (sub, h, status, flat, w))
            })
        else {
            continue;
        };
        if status == Status::Threatened && subtype == Subtype::Impose {
            subtype = Subtype::Threaten;
        }
        let passive = is_passive(rules, &doc.lower[cs..hit.start]);
        let clause = sent.mentions_in(cs, ce);
        let agent = |m: &&crate::gazetteer::Mention| {
            is_agent_kind(m) && !doc.is_location(m) && m.kind != PlaceKind::Person
                || m.kind == PlaceKind::Person && m.code.is_some()
        };
        // 1. "new U.S. sanctions", "EU sanctions": the imposer named with the measure
        let modifier = clause
            .iter()
            .rev()
            .find(|m| m.end <= hit.start)
            .filter(|m| !adopted_owner(doc, m.start))
            .filter(|m| {
                let gap =
                    crate::extract::trim_start_str(body[m.end..hit.start].trim(), "'s").trim();
                let adjectives = gap
                    .split_ascii_whitespace()
                    .all(|w| rules.in_lexicon(IMPOSER_MODIFIERS, &w.to_ascii_lowercase()));
                m.code.is_some() && adjectives && !gap.contains([',', ';'])
            })
            .and_then(|m| m.code);
        // 2. "boarded by French naval commandos"
        let by = clause
            .iter()
            .filter(|m| m.start >= hit.end && m.start - hit.end < 30 && agent(m))
            .find(|m| {
                doc.lower[hit.end..m.start]
                    .split_ascii_whitespace()
                    .next()
                    .is_some_and(|w| rules.in_lexicon(AGENT_PREPOSITIONS, w))
            })
            .and_then(|m| m.code);
        // 3. the nearest acting government before the trigger, with the
        //    others of a list ("Britain, Australia and Canada imposed")
        let first_word = doc.lower[cs..ce]
            .split_ascii_whitespace()
            .next()
            .unwrap_or("");
        let subordinate = rules.in_lexicon(SUBORDINATORS, first_word);
        let relative = rules.in_lexicon(RELATIVE_PRONOUNS, first_word);
        let mut subjects: Vec<CountryCode> = Vec::new();
        if !subordinate && !passive {
            let mut before: Vec<&crate::gazetteer::Mention> = clause
                .iter()
                .filter(|m| m.end <= hit.start)
                .filter(agent)
                .filter(|m| !adopted_owner(doc, m.start))
                .collect();
            // "Belarus placed nine Lithuanian officials on a no-entry list":
            // a demonym before a word of `sanctions.party_nouns`, after
            // the clause's first acting state, names the listed people
            // (the target), not another imposer
            if before.len() > 1 {
                let first = before[0].start;
                let names_party = |m: &&crate::gazetteer::Mention| {
                    m.kind == PlaceKind::Demonym
                        && words_after(&doc.lower, m.end)
                            .next()
                            .is_some_and(|w| rules.in_lexicon(PARTY_NOUNS, w))
                };
                before.retain(|m| m.start == first || !names_party(m));
            }
            if let Some(last) = before.last() {
                subjects.extend(last.code);
                let mut next = *last;
                for m in before.iter().rev().skip(1) {
                    if is_list_gap(rules, &body[m.end..next.start]) {
                        if let Some(c) = m.code
                            && !subjects.contains(&c)
                        {
                            subjects.insert(0, c);
                        }
                        next = m;
                    } else {
                        break;
                    }
                }
            }
        }
        // "Estonia, Latvia and Lithuania barred entry": the name right
        // before the measure ends a list of subjects, each an imposer, and
        // is no modifier of the measure alone
        let modifier = modifier.filter(|m| !(subjects.len() > 1 && subjects.contains(m)));
        if relative && subjects.is_empty() {
            // "the European Union, which cut its cap": the antecedent
            subjects.extend(
                sent.mentions_in(sent.start, cs)
                    .iter()
                    .rev()
                    .filter(agent)
                    .find_map(|m| m.code),
            );
        }
        let same_sentence = out
            .iter()
            .rev()
            .find(|c| c.category == Category::Sanctions && c.sentence_idx == sent.idx)
            .and_then(|c| *slots(c).0);
        let previous = out.iter().rev().find(|c| c.category == Category::Sanctions);
        let imposers: Vec<Option<CountryCode>> = if let Some(m) = modifier.or(by) {
            vec![Some(m)]
        } else if !subjects.is_empty() {
            subjects.into_iter().map(Some).collect()
        } else {
            let fallback = same_sentence
                .or_else(|| {
                    sent.mentions_in(sent.start, hit.start)
                        .iter()
                        .rev()
                        .filter(|_| !passive)
                        .filter(agent)
                        .find_map(|m| m.code)
                })
                .or_else(|| previous.and_then(|c| *slots(c).0))
                .or_else(|| {
                    agents(&doc.locs(), sent.mentions)
                        .first()
                        .and_then(|m| m.code)
                });
            vec![fallback]
        };
        // the target: the first other country after the trigger (often a
        // demonym: "Russian crude"), else in the clause, else the sentence
        let other = |m: &&crate::gazetteer::Mention| {
            m.code.is_some()
                && !imposers.contains(&m.code)
                && m.kind != PlaceKind::Sea
                && m.kind != PlaceKind::Bloc
        };
        // passive: the subject before the measure is the target
        let subject = clause
            .iter()
            .filter(|m| passive && m.end <= hit.start)
            .find(|m| other(m) && matches!(m.kind, PlaceKind::Country | PlaceKind::Demonym));
        let mut target = subject
            .or_else(|| clause.iter().filter(|m| m.start >= hit.start).find(other))
            .or_else(|| clause.iter().find(other))
            .or_else(|| {
                sent.mentions
                    .iter()
                    .filter(|m| m.start >= hit.start)
                    .find(other)
            })
            .and_then(|m| m.code);
        // the sector: the first sector word of the clause, before any reason
        let lower = &doc.lower[cs..ce];
        // (the earliest of the reasons: one scan of the spaces, as each
        // starts with one)
        let reason_at = first_reason(rules, &lower[hit.end.saturating_sub(cs).min(lower.len())..])
            .map(|i| cs + hit.end.saturating_sub(cs) + i)
            .unwrap_or(ce);
        let mut sector =
            sent.hits_in(cs, reason_at.max(hit.end))
                .find_map(|h| match &rules.entry(h).kind {
                    Kind::Sector(v) => Some(v.clone()),
                    _ => None,
                });
        if let Some(m) = subject
            && let Some(s) = item_sector(doc, sent, m, cs, ce)
        {
            sector = Some(s);
        }
        if target.is_none() && sector.is_some() {
            // "imposes a ban on Russian banks ..., and adds 105 vessels to
            // the list": a further measure of the sentence, same target
            target = out
                .iter()
                .rev()
                .filter(|c| c.category == Category::Sanctions && c.sentence_idx == sent.idx)
                .find_map(|c| *slots(c).1);
        }
        if target.is_none()
            && sector.is_none()
            && let Some(p) = previous
        {
            // "Britain froze the assets of both companies": the measure named before
            target = *slots(p).1;
            sector = slots(p).2.clone();
        }
        // a list of targets in one clause ("44 tankers in Russia's shadow
        // fleet, India's Nayara refinery ... and four oil terminals in
        // China"): one event per further target country, with the sector
        // named next to it
        let mut targets: Vec<(Option<CountryCode>, Option<String>)> =
            vec![(target, sector.clone())];
        if imposers.len() == 1 {
            // the list may run on into a relative clause ("India's refinery,
            // which imported Russian crude, and four oil terminals in China")
            let mut list_end = reason_at;
            if reason_at >= ce {
                let mut relative_seen = false;
                for &(s2, e2) in sent.clauses.iter().filter(|c| c.0 >= ce) {
                    let head = body[s2..e2].trim_start_matches([',', ' ']);
                    let head_word = head.split_ascii_whitespace().next().unwrap_or("");
                    if rules.in_lexicon(RELATIVE_PRONOUNS, &head_word.to_ascii_lowercase()) {
                        relative_seen = true;
                        list_end = e2;
                    } else if relative_seen
                        && rules.in_lexicon(LIST_JOINERS, &head_word.to_ascii_lowercase())
                    {
                        // the list resumes after the relative clause
                        list_end = e2;
                    } else {
                        break;
                    }
                }
            }
            let listed: Vec<&crate::gazetteer::Mention> = if list_end > ce {
                sent.mentions_in(cs, list_end).iter().collect()
            } else {
                clause.iter().collect()
            };
            for m in listed
                .into_iter()
                .filter(|m| (m.start > hit.end || passive) && m.end <= list_end)
            {
                let Some(code) = m.code else { continue };
                if !matches!(m.kind, PlaceKind::Country | PlaceKind::Demonym)
                    || imposers.contains(&m.code)
                {
                    continue;
                }
                if targets.iter().any(|(t, _)| *t == Some(code)) || targets.len() >= 3 {
                    continue;
                }
                let (ics, ice) = sent.clause_of(m.start);
                let near_sector = item_sector(doc, sent, m, ics, ice).or_else(|| {
                    sent.hits_in(m.start.saturating_sub(40).max(ics), (m.end + 40).min(ice))
                        .find_map(|h| match &rules.entry(h).kind {
                            Kind::Sector(v) => Some(v.clone()),
                            _ => None,
                        })
                });
                targets.push((Some(code), near_sector));
            }
        }
        let imposers: Vec<(Option<CountryCode>, Option<CountryCode>, Option<String>)> =
            if targets.len() > 1 {
                targets
                    .into_iter()
                    .map(|(t, s)| (imposers[0], t, s))
                    .collect()
            } else {
                imposers
                    .into_iter()
                    .map(|i| (i, target, sector.clone()))
                    .collect()
            };
        // regulation or a court penalty at home: no foreign target (an
        // enforcement of sanctions by a court or customs stays)
        // (read only for a measure without a foreign target)
        let domestic = std::cell::LazyCell::new(|| {
            subtype != Subtype::Enforce && domestic_measure(doc, cs, ce, hit.start)
        });
        for (imposer, target, sector) in imposers {
            if (target.is_none() || target == imposer) && *domestic {
                continue;
            }
            // a measure "by a state or bloc against a state, company or
            // person" (event guide): with neither side named it is a
            // company's or a platform's own list ("added the developer to
            // an internal blacklist")
            if imposer.is_none() && target.is_none() {
                continue;
            }
            out.push(Candidate {
                category: Category::Sanctions,
                subtype,
                status,
                flat_negation: flat,
                slots: EventSlots::Sanctions {
                    imposer,
                    target,
                    sector: sector.clone(),
                },
                sentence: (sent.start, sent.end),
                trigger: hit.start,
                weight,
                sentence_idx: sent.idx,
                tally: false,
            });
        }
    }
}

/// Folds a candidate into an earlier one with the same subtype, status and
/// compatible slots (a later sentence that repeats the measure), else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (ci, ct, cs) = slots(&c);
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Sanctions && e.subtype == c.subtype && e.status == c.status
    }) {
        let (ei, et, es) = slots(e);
        if compatible(ei, ci) && compatible(et, ct) && compatible(es, cs) {
            e.slots = EventSlots::Sanctions {
                imposer: ei.or(*ci),
                target: et.or(*ct),
                sector: es.clone().or(cs.clone()),
            };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}

#[cfg(test)]
mod tests {
    //! Each mechanism of this module on sentences of its own (not taken from
    //! any evaluation set), against the shipped `config/rules`.
    use crate::classify::test_support::subtypes;
    use crate::model::Category;

    /// The subtypes of the sanctions events of `body`.
    #[test]
    fn people_barred_from_entering_a_named_state_is_an_entry_ban() {
        assert_eq!(
            sanctions("Canada barred four army generals from entering Canada over the coup."),
            ["impose"]
        );
        assert_eq!(
            sanctions("Lithuania banned a Belarusian general from travelling to Lithuania."),
            ["impose"]
        );
        none(&[
            "Guards stopped a crowd from entering Poland at the border crossing.",
            "Officials kept the fans from entering the stadium in Madrid.",
        ]);
    }

    #[test]
    fn a_measure_on_oligarchs_is_no_club_discipline() {
        some(&[
            "Britain froze the assets of three Russian oligarchs, one of whom owns a London club.",
        ]);
        none(&["The league fined the club for misconduct after the match."]);
    }

    #[test]
    fn listing_nouns_visa_bars_and_punished_behaviour_are_measures() {
        // an export ban list or an end-user list is a listing, and helping
        // to evade restrictions is the reason for one
        some(&[
            "Seoul added nine firms in Turkey to its export ban list for helping Moscow evade restrictions.",
            "Tokyo put two Chinese chipmakers on its end-user list on Monday.",
            // barring visas is a visa ban
            "Washington bars visas for five Georgian officials it blames for the election violence.",
            // a tariff over fentanyl punishes a behaviour
            "Washington put 10 percent tariffs on Canadian goods over fentanyl smuggling.",
        ]);
        // a topic of a call is no reason for a measure
        none(&["The two leaders discussed fentanyl and trade curbs in a call."]);
    }

    #[test]
    fn a_cut_off_whose_object_names_a_foreign_state_is_a_measure() {
        some(&[
            "Ottawa banned imports of Iranian petrochemicals on Tuesday.",
            "Britain cut off two Syrian lenders from its payment system.",
        ]);
        none(&[
            "Ottawa banned imports of plastic bags on Tuesday.",
            "Floods cut off two Serbian villages from the regional capital.",
            "Manila banned imports of Polish poultry after an outbreak of bird flu.",
        ]);
    }

    #[test]
    fn goods_that_may_not_be_shipped_to_a_state_are_a_measure() {
        assert_eq!(
            sanctions(
                "Taipei will add 90 machine tools to the goods that may not be exported to Iran."
            ),
            ["expand"]
        );
        none(&["Fresh milk cannot be shipped to the islands in summer."]);
    }

    fn sanctions(body: &str) -> Vec<String> {
        subtypes(body, Category::Sanctions)
    }

    #[test]
    fn a_state_barring_people_from_entering_the_country_imposes_an_entry_ban() {
        assert_eq!(
            sanctions(
                "Lithuania barred three Russian officials from entering the country on Tuesday."
            ),
            ["impose"]
        );
        assert_eq!(
            sanctions(
                "Hungary banned the commander from entering its territory and the Schengen area."
            ),
            ["impose"]
        );
        none(&[
            "Police barred protesters from entering the square outside parliament.",
            "Fans were banned from entering the stadium after the match.",
        ]);
    }

    fn none(sentences: &[&str]) {
        for s in sentences {
            assert!(sanctions(s).is_empty(), "{s}: {:?}", sanctions(s));
        }
    }

    fn some(sentences: &[&str]) {
        for s in sentences {
            assert!(!sanctions(s).is_empty(), "{s}: no sanctions event");
        }
    }

    #[test]
    fn speculation_about_a_measure_is_no_measure() {
        none(&[
            // a measure qualified as one to come
            "Some lawmakers argued that future sanctions on Moscow would hurt European industry more than Russia.",
            "The finance minister warned that any potential sanctions on Beijing would cost Germany dearly.",
            // an analyst source with a word of possibility or expectation
            "Economists say the European Union might one day extend its price cap to refined products, but diplomats see little appetite.",
            "Strategists at the bank expect Washington to eventually blacklist more Chinese chipmakers, though no decision is near.",
        ]);
        // a new measure that analysts comment on is still one
        some(&[
            "Britain imposed sanctions on four Russian banks on Tuesday, analysts said, in a move that could hurt the rouble.",
            "The European Union adopted a new sanctions package against Russia on Friday, targeting liquefied natural gas.",
        ]);
    }

    #[test]
    fn the_effect_of_measures_in_force_is_analysis() {
        none(&[
            "The sanctions have cut Iran's oil exports by half, the agency said in its monthly report.",
            "A think tank report said sanctions on Venezuela had failed to change the government's behaviour.",
            "Western sanctions have not deterred Pyongyang from testing missiles, the U.N. panel said.",
            "The embargo has crippled Cuba's sugar industry, a government economist told reporters.",
        ]);
        // new measures and what they hit are news
        some(&[
            "New U.S. sanctions have hit three Chinese refiners that bought Iranian oil, the Treasury said on Thursday.",
        ]);
    }

    #[test]
    fn a_ministry_or_discipline_body_acting_on_its_own_people_is_no_sanction() {
        none(&[
            "ANKARA (Reuters) - Turkey's justice ministry slapped an overseas travel ban on the jailed mayor as investigators widened their fraud probe.",
            "DHAKA (Reuters) - Bangladesh's interior ministry imposed a travel ban on the former central bank governor during a graft inquiry.",
            "LAGOS (Reuters) - Nigeria's anti-corruption commission froze the assets of a former state governor accused of embezzlement.",
            "HANOI, Vietnam (AP) - Provincial discipline inspectors sanctioned nine Vietnamese officials over the collapse of a bridge in Vietnam's north.",
        ]);
        // the same bodies acting against a foreign state's people impose sanctions
        some(&[
            "MOSCOW (Reuters) - Russia's interior ministry imposed an entry ban on 20 British officials on Tuesday.",
            "SEOUL (Yonhap) - South Korea's justice ministry imposed sanctions on four North Korean officials over the missile launches.",
        ]);
    }

    #[test]
    fn a_measure_at_home_by_a_regulator_or_court_is_no_sanction() {
        none(&[
            "Colombia's financial intelligence unit froze the bank accounts of 30 people suspected of running a pyramid scheme, the ministry said on Monday.",
            "Turkey's telecoms regulator said it had begun restricting calls on two messaging apps, accusing them of failing to fight fraud and terrorism.",
            "Pakistan lifted a nationwide ban on two video apps on Wednesday, easing restrictions on social media.",
        ]);
        // a foreign target, or enforcement of sanctions, stays a sanction
        some(&[
            "Britain froze the bank accounts of five Russian businessmen on Tuesday.",
            "Finnish police seized a tanker carrying Russian oil on Friday, enforcing EU sanctions.",
        ]);
    }

    #[test]
    fn a_bet_a_flat_denial_a_cause_or_compliance_is_no_measure() {
        none(&[
            // markets betting on or bracing for a measure
            "Copper rose after traders bet on tighter Western restrictions on Russian metal.",
            "The ruble weakened on Monday on worries that Washington could impose new sanctions on Russian banks.",
            "Iran's currency fell to a record low as traders braced for the return of U.N. sanctions.",
            // sanctions named as the cause of an economy's state, or complied with
            "Russia's economy, battered by Western sanctions, grew 1.2 percent in the third quarter, the statistics service said on Friday.",
            "The bank said it had frozen the accounts as part of its compliance with U.S. sanctions and had closed the branch.",
            // a call for a measure
            "Amnesty International said the European Union should sanction the generals responsible for the crackdown.",
            // tariffs in trade negotiations are a trade dispute
            "Japan's trade minister began trade negotiations with U.S. Treasury officials in Washington, hoping to cut tariffs on cars.",
            // a government's measures on its own economy
            "Greek unions walked out on Thursday against the government's austerity measures, closing banks and ministries.",
        ]);
        some(&["Russian banks hit by new U.S. sanctions on Friday cut their dollar lending."]);
        // a flat "no new measures": denied, no label
        let flat = crate::classify::test_support::analyse(
            "Brent rose, though officials announced no new measures on Iranian crude.",
        );
        assert!(flat.classification.labels.is_empty(), "{:?}", flat.events);
    }

    #[test]
    fn a_measure_felt_as_a_lasting_effect_is_background() {
        none(&[
            "The rupee weakened as importers felt the bite of U.S. sanctions on Iranian oil sales.",
            "Factories in Minsk cut output under the strain of European sanctions on potash exports, managers said.",
        ]);
        some(&["The United States imposed sanctions on Iranian oil sales on Monday."]);
    }

    #[test]
    fn a_stance_on_measures_is_no_measure() {
        none(&[
            "Hundreds of students held an anti-sanctions protest outside the embassy in Tehran on Monday.",
        ]);
        some(&["Moscow announced counter-sanctions on 30 British officials on Monday."]);
    }

    #[test]
    fn an_armed_group_targeting_ships_imposes_no_measure() {
        none(&[
            "The Hezbollah leader said the group would keep targeting vessels bound for Israeli ports.",
        ]);
        some(&["The U.S. Treasury targeted five Houthi financiers with sanctions on Tuesday."]);
    }

    #[test]
    fn a_freeze_or_revocation_is_a_measure_with_assets_or_visas_as_object() {
        some(&[
            "Canada on Monday froze any Canadian assets of three Iranian prison officials.",
            "The State Department revoked the U.S. visas of four Nicaraguan judges on Friday.",
        ]);
        none(&[
            "The provincial council froze funding for two dams on Tuesday.",
            "India and Chile agreed to end a diplomatic freeze that began with expulsions.",
            "The ministry revoked the licence of a private radio station on Monday.",
        ]);
        // a freeze that details the measure just reported is that measure
        assert_eq!(
            sanctions(
                "Japan blacklisted three Syrian officials on Friday, freezing any assets they hold in Japan."
            ),
            ["impose"]
        );
    }

    #[test]
    fn a_measure_after_an_actor_and_its_verb_is_reported_not_background() {
        // "after the X [verb]ed": the clause reports the act
        some(&[
            "The talks come days after Canada doubled tariffs on Chinese steel as a penalty for buying Russian oil.",
        ]);
        // "after the sanctions": a reference back, no new measure
        none(&["Oil prices rose on Monday after the sanctions."]);
    }

    #[test]
    fn being_on_a_sanctions_list_is_a_standing_state() {
        none(&[
            "The two financiers have long been on U.S. sanctions lists, the ministry said on Monday.",
            "The tanker remains on the EU sanctions list, officials said.",
        ]);
        some(&["Britain put the two financiers on its sanctions list on Monday."]);
    }

    #[test]
    fn a_court_freezing_accounts_in_a_criminal_case_is_no_sanction() {
        none(&[
            "A high court in Nairobi froze bank accounts of a former governor in a graft case.",
        ]);
    }

    #[test]
    fn sanctioned_with_a_project_or_sum_as_object_is_approved() {
        none(&[
            "The state government sanctioned two new bridges projects worth 300 crore rupees on Tuesday.",
            "The defence ministry sanctioning the purchase of field kitchens was welcomed by troops.",
            "The city council sanctioned funds for a new hospital wing, the mayor said.",
        ]);
        some(&[
            "The Treasury sanctioned three Hong Kong shipping firms on Monday for moving Iranian oil.",
        ]);
    }

    #[test]
    fn a_measure_needs_a_state_or_a_target() {
        none(&[
            // a platform's own list: no state imposes it, none is hit
            "The app store added the developer to an internal blacklist on Monday after a privacy audit.",
            // an appeal is asked for, not taken
            "Students marched through Madrid on Saturday, calling on the government to impose sanctions on Azerbaijan.",
        ]);
        some(&["Canada added six Haitian gang leaders to its sanctions list on Monday."]);
    }

    #[test]
    fn the_effect_of_measures_in_force_is_background() {
        none(&[
            "Bankers in Dubai disagreed over how long Iran could withstand the pressure of Western sanctions on its oil exports.",
        ]);
    }

    #[test]
    fn sanctioned_with_an_object_that_names_no_party_is_approved() {
        none(&[
            "The regulator sanctioned the takeover of a regional dairy by its rival on Monday.",
            "The board sanctioned a new timetable for the coastal ferries.",
        ]);
        // a window that ends inside a character reads up to the character
        none(&["The board sanctioned the plans éééééééééééééééééééééé for the port."]);
        some(&[
            "Washington sanctioned the Ukrainian-born financier on Monday for evading export controls.",
            "The Treasury sanctioned two tankers on Friday for carrying Iranian oil.",
            "The State Department sanctioned the Houthis' finance chief on Tuesday.",
        ]);
    }

    #[test]
    fn a_participle_after_a_determiner_or_before_an_article_describes() {
        none(&[
            "A court in Ohio jailed a man on Friday for aiding a designated terrorist group.",
            "The old harbour of the town was designated a protected monument on Sunday.",
        ]);
        some(&[
            "Britain designated a Dubai-based shipping company on Tuesday for carrying Russian crude.",
            "The EU blacklisted an Iranian drone maker on Monday.",
            "Ministers agreed a package that blacklisted 20 Chinese firms supplying Russia.",
        ]);
    }

    #[test]
    fn a_wish_or_a_call_is_no_measure() {
        none(&[
            "The German minister said Berlin would like Hungary to impose sanctions on Moscow.",
            "Opposition lawmakers urged the government to impose sanctions on the junta.",
        ]);
    }

    #[test]
    fn a_regime_in_force_is_background() {
        none(&[
            "The tankers are already listed under British sanctions, port officials said.",
            "Chinese chipmakers cannot buy the machines under U.S. export controls.",
            "Venezuelan crude sold below the price cap for most of the month.",
            "The report was held under embargo until midnight.",
        ]);
        some(&[
            "Canada imposed sanctions on Monday on six Haitian gang leaders under new sanctions rules.",
        ]);
    }

    #[test]
    fn a_measure_after_a_generic_quantifier_is_no_event() {
        none(&[
            "The general said his country was ready to endure any sanctions the West might choose.",
        ]);
    }

    #[test]
    fn every_imposer_of_a_list_takes_the_measure() {
        let s =
            "Canada and the United Kingdom on Monday froze the assets of six Iranian officials.";
        assert_eq!(sanctions(s).len(), 2, "{s}");
        // the last of the list right before the measure is one of them too
        let s = "Norway, Iceland and Denmark imposed travel bans on three Belarusian judges.";
        assert_eq!(sanctions(s).len(), 3, "{s}");
        // a single name before the measure is its imposer, once
        let s = "Japan imposed new sanctions on Russian banks on Friday.";
        assert_eq!(sanctions(s).len(), 1, "{s}");
    }

    #[test]
    fn adding_that_is_speech() {
        none(&[
            "Drones set a fuel depot ablaze overnight, the governor said, adding that debris damaged two refineries and several tankers.",
        ]);
    }

    #[test]
    fn a_possibility_under_a_condition_is_no_threat() {
        none(&[
            "Analysts said Turkish banks could face sanctions if they kept handling Russian payments.",
        ]);
    }

    #[test]
    fn an_agreement_entering_into_force_is_no_measure() {
        none(&[
            "The free trade agreement between Chile and India entered into force on Monday, cutting duties on copper.",
        ]);
        some(&["The new sanctions on Belarusian potash came into force on Monday."]);
    }

    #[test]
    fn measures_told_without_the_word_sanctions() {
        some(&[
            "Australia's cabinet approved freezing the assets of nine Iranian officials on Thursday.",
            "The State Department said it was restricting visas for 40 Guatemalan judges.",
            "Japan revoked the visas of three North Korean diplomats on Friday.",
            "Vietnam said on Monday it would bar exports of rare earths to Japan.",
            "India's customs impounded a Panama-flagged tanker on suspicion of carrying North Korean coal in breach of U.N. Security Council resolutions.",
        ]);
        // a supply cut-off aimed at no state, and an ordinary commodity export ban
        none(&[
            "Storms cut off power to thousands of homes in Lagos on Monday.",
            "Indonesia banned exports of palm oil on Friday to tame cooking oil prices.",
        ]);
    }

    #[test]
    fn a_headline_present_tense_lifts() {
        // headlines tell acts in the present: "lifts", "eases", "unfreezes"
        for body in [
            "The European Union lifts sanctions on Syria's central bank.",
            "Canada eases sanctions on Belarusian potash exporters.",
            "Britain unfreezes Libyan central bank assets held in London.",
        ] {
            assert_eq!(
                crate::classify::test_support::subtypes(body, crate::model::Category::Sanctions),
                ["lift"],
                "{body}"
            );
        }
    }

    #[test]
    fn the_people_a_state_lists_are_its_target_not_its_partner() {
        for (body, imposer, target) in [
            (
                "Hungary put six Ukrainian officers on a no-entry list on Tuesday.",
                "HU",
                "UA",
            ),
            (
                "Moscow placed 20 Estonian officials on its entry stop-list on Monday.",
                "RU",
                "EE",
            ),
        ] {
            let a = crate::classify::test_support::analyse(body);
            let got: Vec<_> = a
                .events
                .iter()
                .filter_map(|e| match &e.slots {
                    crate::model::EventSlots::Sanctions {
                        imposer, target, ..
                    } => Some((
                        imposer.map(|c| c.to_string()),
                        target.map(|c| c.to_string()),
                    )),
                    _ => None,
                })
                .collect();
            assert_eq!(
                got,
                [(Some(imposer.to_string()), Some(target.to_string()))],
                "{body}"
            );
        }
    }

    #[test]
    fn a_state_adopting_anothers_measures_imposes_them() {
        let imposers = |body: &str| -> Vec<String> {
            crate::classify::test_support::analyse(body)
                .events
                .iter()
                .filter_map(|e| match &e.slots {
                    crate::model::EventSlots::Sanctions { imposer, .. } => {
                        imposer.map(|c| c.to_string())
                    }
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            imposers(
                "Iceland on Friday adopted the European Union's new sanctions against Belarus."
            ),
            ["IS"]
        );
        assert_eq!(
            imposers("Australia joined the United States' latest sanctions on Iran on Monday."),
            ["AU"]
        );
        // a state that only comments on them is no imposer
        assert_eq!(
            imposers("Serbia welcomed the European Union's new sanctions against Belarus."),
            ["EU"]
        );
    }
}
