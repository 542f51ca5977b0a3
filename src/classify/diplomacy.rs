//! Diplomacy: visits, talks, summits, calls, agreements, acts on relations
//! and formal statements between states or international bodies.
//!
//! Participants are the countries named in the trigger's clause (widened to
//! the sentence, then to the previous sentence's subject, when the clause
//! names fewer than two: "he will arrive in Turkey" after "Zelenskyy
//! announced"). The venue is the country of the place the meeting is in or
//! the visit goes to. Domestic meetings (parliament, party, cabinet) are
//! cancelled by `traps.toml`.
//!
//! Every word a mechanism below reads is in a lexicon of `diplomacy.toml`
//! (the `*_LEX` names; all of them are required at load): the Rust says
//! where words stand relative to a trigger, the data says which words.

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::{Fact, agents, codes_count, governing_word};
use crate::gazetteer::{Mention, PlaceKind};
use crate::model::{Category, CountryCode, EventSlots, Status, Subtype};
use crate::rules::{Frame, Hit, LexiconId, RuleSet};

const BLOCS: &[&str] = &["EU", "UN", "NATO"];

/// What the diplomacy mechanisms ask of a subtype.
impl Subtype {
    /// A meeting in person (domestic meetings are cancelled for these).
    fn in_person(self) -> bool {
        matches!(self, Subtype::Talks | Subtype::Summit | Subtype::Visit)
    }

    /// A subtype whose event takes place somewhere (a call or a statement
    /// has no venue).
    fn has_venue(self) -> bool {
        !matches!(self, Subtype::Call | Subtype::Statement)
    }

    /// An outcome of a meeting: reached at it, it takes the meeting's venue
    /// when it names none of its own.
    fn is_outcome(self) -> bool {
        matches!(self, Subtype::Agreement | Subtype::Relations)
    }

    /// How specific the word is when one clause names one event twice ("the
    /// summit meeting", "a visit ... for talks"): the higher wins over talks.
    fn names_the_occasion(self) -> bool {
        matches!(self, Subtype::Summit | Subtype::Call | Subtype::Visit)
    }
}

/// The venue of the latest in-person meeting reported before (a visit,
/// talks or a summit, of the same status) whose parties include all of
/// `participants`: the occasion an outcome (an agreement, an act on
/// relations) was reached at.
fn occasion_venue(
    out: &[Candidate],
    participants: &[CountryCode],
    status: Status,
) -> Option<CountryCode> {
    out.iter()
        .rev()
        .filter(|c| {
            c.category == Category::Diplomacy
                && c.status == status
                && subtype_of(c).is_some_and(Subtype::in_person)
        })
        .find(|c| participants.iter().all(|p| parts(c).0.contains(p)))
        .and_then(|c| *parts(c).1)
}

/// The subtype of a diplomacy candidate (`None` for another category's).
fn subtype_of(c: &Candidate) -> Option<Subtype> {
    (c.category == Category::Diplomacy).then_some(c.subtype)
}

/// The diplomacy trigger of a hit: its subtype and default status.
fn diplomacy_trigger(rules: &RuleSet, h: &Hit) -> Option<(Subtype, Option<Status>)> {
    let (sub, st, _) = trigger_of(rules, h, Category::Diplomacy)?;
    Some((sub, st))
}

// Lexicons of `diplomacy.toml` the mechanisms below read (their names).
const OFFICIAL_NOUNS: LexiconId = LexiconId::named("diplomacy.official_nouns");
const TOPIC_NOUNS: LexiconId = LexiconId::named("diplomacy.topic_nouns");
const TOPIC_HEADS: LexiconId = LexiconId::named("diplomacy.topic_heads");
const ORIGIN_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.origin_prepositions");
const NON_VENUE_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.non_venue_prepositions");
const POSTING_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.posting_prepositions");
const ENVOY_NOUNS: LexiconId = LexiconId::named("diplomacy.envoy_nouns");
const ACTING_STATE_VENUE: LexiconId = LexiconId::named("diplomacy.acting_state_venue");
const BARE_AGREEMENT_VERBS: LexiconId = LexiconId::named("diplomacy.bare_agreement_verbs");
const COMPLEMENTIZERS: LexiconId = LexiconId::named("diplomacy.complementizers");
const INFINITIVE_MARKERS: LexiconId = LexiconId::named("diplomacy.infinitive_markers");
const SOFT_VERBS: LexiconId = LexiconId::named("diplomacy.soft_verbs");
const COUNTERPART_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.counterpart_prepositions");
const COUNTERPART_FILLERS: LexiconId = LexiconId::named("diplomacy.counterpart_fillers");
const OWN_POSSESSIVES: LexiconId = LexiconId::named("diplomacy.own_possessives");
const DOMESTIC_NOUNS: LexiconId = LexiconId::named("diplomacy.domestic_nouns");
const REACTED_NOUNS: LexiconId = LexiconId::named("diplomacy.reacted_nouns");
const ABSENCE_MARKERS: LexiconId = LexiconId::named("diplomacy.absence_markers");
const PREFERENCE_MARKERS: LexiconId = LexiconId::named("diplomacy.preference_markers");
const REFUSAL_WORDS: LexiconId = LexiconId::named("diplomacy.refusal_words");
const BARE_TALK_VERBS: LexiconId = LexiconId::named("diplomacy.bare_talk_verbs");
const CAPITAL_NOUNS: LexiconId = LexiconId::named("diplomacy.capital_nouns");
const VENUE_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.venue_prepositions");
const SEPARATE_MARKERS: LexiconId = LexiconId::named("diplomacy.separate_markers");
const RECIPROCALS: LexiconId = LexiconId::named("diplomacy.reciprocals");
const PAIR_QUANTIFIERS: LexiconId = LexiconId::named("diplomacy.pair_quantifiers");
const COUNTERPART_GROUPS: LexiconId = LexiconId::named("diplomacy.counterpart_groups");
const LEADER_PLURALS: LexiconId = LexiconId::named("diplomacy.leader_plurals");
const STATE_GROUPS: LexiconId = LexiconId::named("diplomacy.state_groups");
const ARTICLES: LexiconId = LexiconId::named("diplomacy.articles");
const SUBJECT_BACK_REFERENCES: LexiconId = LexiconId::named("diplomacy.subject_back_references");
const BACK_REFERENCES: LexiconId = LexiconId::named("diplomacy.back_references");
const LEADER_TITLES: LexiconId = LexiconId::named("diplomacy.leader_titles");
const MEETING_NOUNS: LexiconId = LexiconId::named("diplomacy.meeting_nouns");
const BETWEEN_MARKERS: LexiconId = LexiconId::named("diplomacy.between_markers");
const AGENT_MARKERS: LexiconId = LexiconId::named("diplomacy.agent_markers");
const ATTENDANCE_VERBS: LexiconId = LexiconId::named("diplomacy.attendance_verbs");
const CONJUNCTIONS: LexiconId = LexiconId::named("diplomacy.conjunctions");
const AGREEMENT_NOUNS: LexiconId = LexiconId::named("diplomacy.agreement_nouns");
const PHRASE_BREAKS: LexiconId = LexiconId::named("diplomacy.phrase_breaks");
const GUEST_VERBS: LexiconId = LexiconId::named("diplomacy.guest_verbs");
const NAMING_WORDS: LexiconId = LexiconId::named("diplomacy.naming_words");
const DESTINATION_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.destination_prepositions");
const PURPOSE_MARKERS: LexiconId = LexiconId::named("diplomacy.purpose_markers");
const PRESENCE_VERBS: LexiconId = LexiconId::named("diplomacy.presence_verbs");
const OCCASION_MARKERS: LexiconId = LexiconId::named("diplomacy.occasion_markers");
const DENIAL_VERBS: LexiconId = LexiconId::named("diplomacy.denial_verbs");
const NEGATORS: LexiconId = LexiconId::named("diplomacy.negators");
const PASSIVE_AUX: LexiconId = LexiconId::named("diplomacy.passive_aux");
const ADDRESSEE_PREPOSITIONS: LexiconId = LexiconId::named("diplomacy.addressee_prepositions");
const FAILURE_VERBS: LexiconId = LexiconId::named("diplomacy.failure_verbs");
const REACTION_DETERMINERS: LexiconId = LexiconId::named("diplomacy.reaction_determiners");
const TOPIC_CUES: LexiconId = LexiconId::named("diplomacy.topic_cues");
const DETERMINERS: LexiconId = LexiconId::named("diplomacy.determiners");
const NOUN_DETERMINERS: LexiconId = LexiconId::named("diplomacy.noun_determiners");
const RELATIVE_PRONOUNS: LexiconId = LexiconId::named("diplomacy.relative_pronouns");
const PLACELESS_ACTS: LexiconId = LexiconId::named("diplomacy.placeless_acts");
const NON_STATE_PARTIES: LexiconId = LexiconId::named("diplomacy.non_state_parties");

/// Whether lexicon `name` lists `w` (compared in lower case).
fn lex(rules: &RuleSet, name: LexiconId, w: &str) -> bool {
    rules.lexicon(name).contains_any_case(w)
}

/// Whether the words `nearest_first` (the words before a point, nearest
/// first) end with a phrase of lexicon `name` (several words allowed).
fn preceded_by_phrase(rules: &RuleSet, name: LexiconId, nearest_first: &[&str]) -> bool {
    rules.lexicon(name).ends_words(nearest_first)
}

/// Whether the lower-case `words` hold a phrase of lexicon `name` as
/// consecutive words.
fn has_phrase(rules: &RuleSet, name: LexiconId, words: &[&str]) -> bool {
    rules.lexicon(name).among_words(words)
}

/// The lower-case words of `text`, without punctuation.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the governing word before `pos` (see
/// [`crate::extract::actors::governing_word`]) is in lexicon `name`.
fn governed_in(doc: &Doc<'_>, pos: usize, name: LexiconId) -> bool {
    governing_word(doc.rules, doc.body, pos).is_some_and(|w| lex(doc.rules, name, w))
}

/// Where the sentence before `sent` starts: back to the boundary before it.
fn previous_sentence_start(doc: &Doc<'_>, sent: &Sent<'_>) -> usize {
    sentence_start_before(doc, sent.start)
}

/// Where the sentence that ends at `end` starts.
fn sentence_start_before(doc: &Doc<'_>, end: usize) -> usize {
    let prev_end = doc.body[..end].trim_end().len();
    last_stop(crate::extract::window(
        doc.body,
        0,
        prev_end.saturating_sub(1),
    ))
    .map(|i| i + 1)
    .unwrap_or(0)
}

/// `s.rfind(['.', '\n'])`, by `memrchr2` (both are ASCII, so a byte match
/// is the char).
fn last_stop(s: &str) -> Option<usize> {
    memchr::memrchr2(b'.', b'\n', s.as_bytes())
}

/// The subject of the sentence before `sent`: its first agent's code.
fn previous_subject(doc: &Doc<'_>, sent: &Sent<'_>) -> Option<CountryCode> {
    let prev_start = previous_sentence_start(doc, sent);
    doc.mentions
        .iter()
        .filter(|m| m.start >= prev_start && m.end <= sent.start)
        .find(|m| crate::extract::actors::is_agent_kind(m) && !doc.is_location(m))
        .and_then(|m| m.code)
}

/// The first word after `end` (past a possessive "'s"), trimmed of
/// punctuation and of its own possessive, as written.
fn next_word(body: &str, end: usize) -> &str {
    let w = crate::extract::trim_start_str(crate::extract::window(body, end, end + 40), "'s")
        .split_ascii_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
    // "the Qatari emir's visit": the noun without its possessive
    w.strip_suffix("'s").unwrap_or(w).trim_end_matches('\'')
}

/// Codes of the governments and bodies acting in a span: countries,
/// capitals, institutions, officials, blocs, and demonyms naming an official
/// or a delegation (lexicon `diplomacy.official_nouns`, or a conjunction:
/// "Russian and Ukrainian delegations"); a country before a
/// topic noun ("Russia's war") is no party.
fn participant_iter<'m>(
    doc: &'m Doc<'_>,
    mentions: &'m [Mention],
) -> impl Iterator<Item = &'m CountryCode> {
    let body = doc.body;
    let rules = doc.rules;
    mentions.iter().filter_map(move |m| {
        let code = m.code.as_ref()?;
        // (depends on the body and the mention only: memoised per story)
        let ok = doc.locs().fact(m, Fact::Participant, || match m.kind {
            PlaceKind::Demonym => {
                let w = next_word(body, m.end);
                lex(rules, OFFICIAL_NOUNS, w) || lex(rules, CONJUNCTIONS, w)
            }
            PlaceKind::Country | PlaceKind::Capital | PlaceKind::Institution | PlaceKind::Bloc => {
                !doc.is_location(m) && !lex(rules, TOPIC_NOUNS, next_word(body, m.end))
            }
            PlaceKind::Person | PlaceKind::ArmedGroup => true,
            _ => false,
        });
        ok.then_some(code)
    })
}

/// Whether mention `m` names a government or body taking part (see
/// [`participant_iter`]).
fn is_participant(doc: &Doc<'_>, m: &Mention) -> bool {
    participant_iter(doc, std::slice::from_ref(m))
        .next()
        .is_some()
}

/// [`participant_iter`] without repeats, copied.
fn participant_codes(doc: &Doc<'_>, mentions: &[Mention]) -> Vec<CountryCode> {
    let mut out: Vec<CountryCode> = Vec::new();
    for code in participant_iter(doc, mentions) {
        if !out.contains(code) {
            out.push(*code);
        }
    }
    out
}

/// The country of the last place named in the sentence before `sent` ("at the
/// defence ministry in New Delhi. The French minister had been due to attend
/// but called off his trip" -> IN).
fn previous_location(doc: &Doc<'_>, sent: &Sent<'_>) -> Option<CountryCode> {
    let prev_start = previous_sentence_start(doc, sent);
    doc.mentions
        .iter()
        .filter(|m| m.start >= prev_start && m.end <= sent.start && doc.is_location(m))
        .filter(|m| !matches!(m.kind, PlaceKind::Sea | PlaceKind::Bloc))
        .filter_map(|m| m.code)
        .next_back()
}

/// Whether the place `m` is a topic or a direction, not where a meeting of
/// `subtype` is: after an origin or non-venue preposition ("from Riyadh",
/// "into Afghanistan"), after an envoy's posting preposition for an act on
/// relations ("ambassador to the United States"), before a topic noun
/// ("Tehran's nuclear programme") or after a topic head ("the war in
/// Gaza").
fn not_a_venue(doc: &Doc<'_>, m: &Mention, subtype: Subtype) -> bool {
    let rules = doc.rules;
    let gw = governing_word(doc.rules, doc.body, m.start);
    let governed = |name: LexiconId| gw.is_some_and(|w| lex(rules, name, w));
    if governed(ORIGIN_PREPOSITIONS)
        || subtype == Subtype::Relations && governed(POSTING_PREPOSITIONS)
        || governed(NON_VENUE_PREPOSITIONS)
    {
        return true;
    }
    let topic_owner =
        doc.body[m.end..].starts_with("'s ") && lex(rules, TOPIC_NOUNS, next_word(doc.body, m.end));
    topic_owner
        || doc.lower[..m.start]
            .split_ascii_whitespace()
            .rev()
            .nth(1)
            .is_some_and(|w| lex(rules, TOPIC_HEADS, w))
}

fn venue(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    cs: usize,
    ce: usize,
    (trigger_start, trigger_end): (usize, usize),
    subtype: Subtype,
) -> Option<CountryCode> {
    if !subtype.has_venue() {
        return None;
    }
    let ok = |m: &&Mention| {
        m.code.as_deref().is_some_and(|c| !BLOCS.contains(&c))
            && !matches!(
                m.kind,
                PlaceKind::Person | PlaceKind::ArmedGroup | PlaceKind::Sea
            )
            && doc.is_location(m)
            && !not_a_venue(doc, m, subtype)
    };
    let clause = sent.mentions_in(cs, ce);
    if let Some(v) = capital_venue(doc, clause).or_else(|| capital_venue(doc, sent.mentions)) {
        return Some(v);
    }
    // summoning or expelling an envoy happens in the capital of the state
    // that acts: "China summoned Japan's ambassador" -> CN
    if subtype == Subtype::Relations
        && lex(
            doc.rules,
            ACTING_STATE_VENUE,
            &doc.lower[trigger_start..trigger_end],
        )
    {
        return agents(&doc.locs(), sent.mentions_in(sent.start, trigger_start))
            .into_iter()
            .find(|m| m.code.as_deref().is_some_and(|c| !BLOCS.contains(&c)))
            .and_then(|m| m.code);
    }
    // recalling an envoy or cutting ties happens nowhere in particular
    let first_word = doc.lower[trigger_start..trigger_end]
        .split_ascii_whitespace()
        .next()
        .unwrap_or("");
    if subtype == Subtype::Relations && lex(doc.rules, PLACELESS_ACTS, first_word) {
        return None;
    }
    if subtype == Subtype::Visit
        && let Some(m) = clause.iter().filter(|m| m.start >= trigger_end).find(ok)
    {
        return m.code;
    }
    clause
        .iter()
        .find(ok)
        .or_else(|| sent.mentions.iter().find(ok))
        .and_then(|m| m.code)
}

/// The first `n` words after `pos` of `lower` (the lower-cased body),
/// trimmed of punctuation.
fn words_after(lower: &str, pos: usize, n: usize) -> Vec<&str> {
    crate::extract::window(lower, pos, pos + 80)
        .split_ascii_whitespace()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect()
}

/// Lowercased words just before `pos`, nearest first.
/// `lower` is the lower-cased body.
fn words_before(lower: &str, pos: usize, n: usize) -> Vec<&str> {
    crate::extract::window(lower, pos.saturating_sub(80), pos)
        .split_ascii_whitespace()
        .rev()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect()
}

/// The object phrase after `pos`: at most `n` words, up to a phrase break
/// (lexicon `diplomacy.phrase_breaks`) or a second determiner (lexicon
/// `diplomacy.determiners`), with each word's offset.
fn object_phrase<'a>(doc: &'a Doc<'_>, pos: usize, n: usize) -> Vec<(usize, &'a str)> {
    let lower = doc.lower.as_str();
    let rest = crate::extract::window(lower, pos, pos + 120);
    let base = rest.as_ptr() as usize - lower.as_ptr() as usize;
    let mut out: Vec<(usize, &str)> = Vec::new();
    for raw in rest.split_ascii_whitespace().take(n) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        if lex(doc.rules, PHRASE_BREAKS, w) {
            break;
        }
        // a second determiner starts another phrase
        if lex(doc.rules, DETERMINERS, w)
            && out.iter().any(|&(_, x)| lex(doc.rules, DETERMINERS, x))
        {
            break;
        }
        out.push((base + (raw.as_ptr() as usize - rest.as_ptr() as usize), w));
        // a comma or a full stop ends the phrase too (not the stop of an
        // abbreviation: "U.S.")
        if raw.ends_with([',', ';', ':']) || raw.ends_with('.') && raw.matches('.').count() == 1 {
            break;
        }
    }
    out
}

/// Whether the hosting, receiving or calling verb at `h` (lexicon
/// `diplomacy.guest_verbs`) has a guest as object: a named leader at the
/// start of its object phrase, or an official noun in it ("received the
/// visiting Iranian foreign minister", "called Qatar's emir"), with no
/// number before it ("received 30 tanks", "hosts U.S. troops" and "welcomed
/// the decision" have none). A calling verb whose guest is followed by a
/// naming word names, it does not call ("called Putin a liar").
fn has_guest(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    let rules = doc.rules;
    let phrase = object_phrase(doc, h.end, 5);
    let mut guest_end = None;
    for &(at, w) in &phrase {
        if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return false;
        }
        let person = sent
            .mentions
            .iter()
            .find(|m| m.start == at && m.kind == PlaceKind::Person);
        if let Some(m) = person {
            guest_end = Some(m.end);
            break;
        }
        if lex(rules, OFFICIAL_NOUNS, w) && !lex(rules, CONJUNCTIONS, w) {
            guest_end = Some(at + w.len());
            break;
        }
    }
    let Some(end) = guest_end else { return false };
    if !rules.has_frame(h, Frame::CallingVerb) {
        return true;
    }
    // "called Putin a liar", "called Petro an illegal drug leader": a
    // naming word after the object's first word names, it does not call;
    // so does a passive ("will be called the Trump Route")
    let naming = phrase
        .iter()
        .skip(1)
        .map(|(_, w)| *w)
        .chain(words_after(&doc.lower, end, 1))
        .any(|w| lex(rules, NAMING_WORDS, w));
    let passive = words_before(&doc.lower, h.start, 1)
        .first()
        .is_some_and(|w| lex(rules, PASSIVE_AUX, w));
    !(naming || passive)
}

/// A calling verb whose object phrase names a reported act ("called the
/// decision strange", "called the move a provocation"): a statement
/// reacting to it, not a call.
fn reacting_call(doc: &Doc<'_>, h: &Hit) -> bool {
    let phrase = object_phrase(doc, h.end, 3);
    // "the decision", "this move": a determiner first ("what it calls its
    // defensive measures" is a naming)
    phrase
        .first()
        .is_some_and(|(_, w)| lex(doc.rules, REACTION_DETERMINERS, w))
        && phrase
            .iter()
            .skip(1)
            .any(|(_, w)| lex(doc.rules, REACTED_NOUNS, w))
}

/// The expulsion frame of a departure phrase ("to leave"): an envoy noun
/// among the few words before it ("gave Belgian diplomats 48 hours to
/// leave", "ordered 12 embassy staff to leave the country").
fn envoys_told_to_leave(doc: &Doc<'_>, h: &Hit) -> bool {
    words_before(&doc.lower, h.start, 6)
        .iter()
        .any(|w| lex(doc.rules, ENVOY_NOUNS, w))
}

/// The agreement frame of a signing verb: an agreement noun in its object
/// phrase ("signed a 20-year comprehensive strategic partnership treaty").
fn agreement_frame(doc: &Doc<'_>, h: &Hit) -> bool {
    object_phrase(doc, h.end, 8)
        .iter()
        .any(|(_, w)| lex(doc.rules, AGREEMENT_NOUNS, w))
}

/// A visit phrase ending in a destination preposition ("arrived in",
/// "travel to") with no place right after it ("arrive in 2026", "arrive in
/// batches") reports no visit.
fn no_destination(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    let Some(last) = doc.lower[h.start..h.end]
        .split_ascii_whitespace()
        .next_back()
    else {
        return false;
    };
    if h.end - h.start == last.len() || !lex(doc.rules, DESTINATION_PREPOSITIONS, last) {
        return false;
    }
    let reach = words_after(&doc.lower, h.end, 3)
        .iter()
        .take_while(|w| lex(doc.rules, ARTICLES, w))
        .count();
    // the place starts within the articles and one more word
    let limit = {
        let rest = crate::extract::window(&doc.lower, h.end, h.end + 60);
        rest.split_ascii_whitespace()
            .nth(reach)
            .map(|w| h.end + (w.as_ptr() as usize - rest.as_ptr() as usize) + 1)
            .unwrap_or(h.end)
    };
    !sent
        .mentions
        .iter()
        .any(|m| m.start >= h.end && m.start <= limit && m.code.is_some())
}

/// A talks word after a purpose marker, after a stay in a place in its
/// clause ("is due in Beirut on Monday for talks", "was in Kyiv the same day
/// for discussions", "flew on to Hanoi for talks"): the event is a visit to
/// that place (its code is returned).
fn purpose_of_stay(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, cs: usize) -> Option<CountryCode> {
    let rules = doc.rules;
    let before = words_before(&doc.lower, h.start, 3);
    // "for talks", "for a meeting", "for further discussions"
    before.iter().position(|w| lex(rules, PURPOSE_MARKERS, w))?;
    sent.mentions_in(cs, h.start)
        .iter()
        .rev()
        .find(|m| {
            doc.is_location(m)
                && m.code.is_some()
                && governing_word(doc.rules, doc.body, m.start)
                    .is_some_and(|g| lex(rules, DESTINATION_PREPOSITIONS, g))
                && words_before(&doc.lower, m.start, 4)
                    .iter()
                    .skip_while(|w| !lex(rules, DESTINATION_PREPOSITIONS, w))
                    .skip(1)
                    .take(2)
                    .any(|w| lex(rules, PRESENCE_VERBS, w))
        })
        .and_then(|m| m.code)
}

/// The status of a meeting word introduced by an occasion marker ("signed
/// a letter of intent during a visit to France"): the tense cues before the
/// marker belong to the act it is the occasion of, so a meeting that would
/// take their status (scheduled, proposed) has occurred unless a cue of its
/// own follows the marker ("during a visit next week").
fn occasion_status(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, ce: usize, status: Status) -> Status {
    if !matches!(status, Status::Scheduled | Status::Proposed) {
        return status;
    }
    let before = words_before(&doc.lower, h.start, 6);
    // the marker, with at most two words (a determiner, an adjective) between
    let marked = (0..3).any(|skip| {
        before.len() > skip && preceded_by_phrase(doc.rules, OCCASION_MARKERS, &before[skip..])
    });
    if !marked {
        return status;
    }
    let own_cue = sent.hits_in(h.end, ce).any(|x| {
        matches!(
            doc.rules.entry(x).kind,
            crate::rules::Kind::Cue(
                crate::rules::Cue::Scheduled
                    | crate::rules::Cue::Proposed
                    | crate::rules::Cue::Threatened
            )
        )
    });
    if own_cue { status } else { Status::Occurred }
}

/// The tense cues (scheduled, proposed) of `[s, e)`.
fn tense_cues<'h>(
    doc: &Doc<'_>,
    sent: &'h Sent<'_>,
    s: usize,
    e: usize,
) -> impl Iterator<Item = &'h Hit> {
    let rules = doc.rules;
    sent.hits_in(s, e).filter(move |x| {
        matches!(
            rules.entry(x).kind,
            crate::rules::Kind::Cue(crate::rules::Cue::Scheduled | crate::rules::Cue::Proposed)
        )
    })
}

/// The status of a meeting that only a topic makes look planned ("was in
/// Kyiv for discussions on a peace proposal"): a proposed status that comes
/// from cues after the trigger that are all topic nouns (lexicon
/// `diplomacy.topic_cues`), none before it, is an event that occurred.
fn topic_status(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    h: &Hit,
    (cs, ce): (usize, usize),
    status: Status,
) -> Status {
    if status != Status::Proposed || tense_cues(doc, sent, cs, h.start).next().is_some() {
        return status;
    }
    let mut after = tense_cues(doc, sent, h.end, ce).peekable();
    let all_topics = after.peek().is_some()
        && after.all(|x| lex(doc.rules, TOPIC_CUES, &doc.lower[x.start..x.end]));
    if all_topics { Status::Occurred } else { status }
}

/// The status a meeting noun takes from its predicate past an apposition or
/// in a relative clause ("the crown prince's visit on Tuesday, his first
/// since 2018, is expected to ...", "a second round of negotiations, which
/// Oman is due to host"): for a noun after a determiner or a possessive,
/// the first tense cue after it in the sentence, when the text between is
/// an apposition (two commas, the cue within two words after the second,
/// no conjunction among them) or a relative pronoun with at most three
/// words before the cue, and no other trigger comes between.
fn predicate_status(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, status: Status) -> Status {
    let rules = doc.rules;
    if status != Status::Occurred {
        return status;
    }
    let noun = words_before(&doc.lower, h.start, 1)
        .first()
        .is_some_and(|w| w.ends_with("'s") || lex(rules, NOUN_DETERMINERS, w));
    if !noun {
        return status;
    }
    let Some(cue) = tense_cues(doc, sent, h.end, sent.end).next() else {
        return status;
    };
    let between_trigger = sent
        .hits_in(h.end, cue.start)
        .any(|x| matches!(rules.entry(x).kind, crate::rules::Kind::Trigger { .. }));
    if between_trigger {
        return status;
    }
    let gap = &doc.lower[h.end..cue.start];
    let parts: Vec<&str> = gap.split(',').collect();
    // (a conjunction after the second comma starts another predicate: "...,
    // and is due to meet")
    let apposition = parts.len() == 3
        && parts[2].split_ascii_whitespace().count() <= 2
        && !words_of(parts[2])
            .iter()
            .any(|w| lex(rules, CONJUNCTIONS, w));
    let relative = parts.len() == 2 && {
        let words = words_of(parts[1]);
        words
            .first()
            .is_some_and(|w| lex(rules, RELATIVE_PRONOUNS, w))
            && words.len() <= 4
    };
    if !(apposition || relative) {
        return status;
    }
    match rules.entry(cue).kind {
        crate::rules::Kind::Cue(crate::rules::Cue::Scheduled) => Status::Scheduled,
        _ => Status::Proposed,
    }
}

/// A denial of the event: a denial verb before the trigger in its clause
/// ("denied holding talks", "denied reports that its army chief had sought
/// talks") is a denied event; a negator right before it ("did not meet",
/// "has never visited": at most two words between), or a failure verb after
/// an agreement in its clause ("an attempt to agree ... failed"), a flat one.
fn denial(
    doc: &Doc<'_>,
    h: &Hit,
    (cs, ce): (usize, usize),
    subtype: Subtype,
) -> Option<(Status, bool)> {
    let rules = doc.rules;
    let before = words_before(&doc.lower, h.start, 3);
    if before.iter().any(|w| lex(rules, NEGATORS, w)) {
        return Some((Status::Denied, true));
    }
    // "an attempt to agree ... failed": an agreement its clause says failed
    if subtype == Subtype::Agreement
        && words_of(crate::extract::window(&doc.lower, h.end, ce))
            .iter()
            .any(|w| lex(rules, FAILURE_VERBS, w))
    {
        return Some((Status::Denied, true));
    }
    let clause = crate::extract::window(&doc.lower, cs, h.start);
    clause
        .split_ascii_whitespace()
        .any(|w| {
            lex(
                rules,
                DENIAL_VERBS,
                w.trim_matches(|c: char| !c.is_alphanumeric()),
            )
        })
        .then_some((Status::Denied, false))
}

/// A bare agreement verb ("agreed") is an agreement only when nothing more
/// specific names what was agreed: "agreed to meet again" is the meeting,
/// "agreed to lift sanctions" the measure (anywhere in the sentence);
/// "agreed that ..." is a shared view and "agreed to stay in contact" an
/// intention to keep talking (a soft verb after the infinitive marker).
fn bare_agreed_covered(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    if !lex(rules, BARE_AGREEMENT_VERBS, &doc.lower[h.start..h.end]) {
        return false;
    }
    let next = words_after(&doc.lower, h.end, 6);
    for (k, w) in next.iter().enumerate() {
        if lex(rules, COMPLEMENTIZERS, w) {
            return true;
        }
        if lex(rules, INFINITIVE_MARKERS, w) {
            if next.get(k + 1).is_some_and(|v| lex(rules, SOFT_VERBS, v)) {
                return true;
            }
            break;
        }
    }
    sent.hits
        .iter()
        .any(|x| live_sanctions_trigger(doc, sent, x) || live_procurement_trigger(doc, sent, x))
        || sent
            .hits_in(h.end, ce)
            .any(|x| diplomacy_trigger(rules, x).is_some_and(|(sub, _)| sub != Subtype::Agreement))
}

/// A sanctions trigger that counts in its sentence: a strong one, or one
/// that needs context ("a further", "lifted") with a sanctions word present.
fn live_sanctions_trigger(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    match trigger_of(doc.rules, h, Category::Sanctions) {
        Some((_, _, false)) => true,
        Some((_, _, true)) => sent.hits.iter().any(|x| {
            doc.rules.entry(x).kind
                == crate::rules::Kind::Context {
                    category: Category::Sanctions,
                }
                || trigger_of(doc.rules, x, Category::Sanctions).is_some_and(|t| !t.2)
        }),
        None => false,
    }
}

/// A procurement trigger that counts in its sentence: one with a weapon
/// system or military goods traded in the sentence ("provide military
/// assistance" in a defence treaty names no goods, and drones that hit a
/// depot are not traded: the agreement stays one).
fn live_procurement_trigger(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    trigger_of(doc.rules, h, Category::Procurement).is_some()
        && super::procurement::deal_frame_holds(doc, sent, h)
        && super::procurement::trades_goods(doc, sent)
}

/// Whether the counterpart of the meeting at `hit` is the acting
/// government's own people: "with senior Ukrainian officials" when the actor
/// is Ukrainian, "with his own cabinet", "with parliament leaders"
/// (lexicons `diplomacy.counterpart_prepositions`, `.counterpart_fillers`,
/// `.own_possessives`, `.domestic_nouns`).
fn domestic_counterpart(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    hit: &Hit,
    ce: usize,
    out: &[Candidate],
) -> bool {
    let rules = doc.rules;
    let lower = doc.lower.as_str();
    // the counterpart preposition within two words of the trigger
    let rest = crate::extract::window(lower, hit.end, ce);
    let Some(with_at) = rest
        .split_ascii_whitespace()
        .take(3)
        .find(|w| lex(rules, COUNTERPART_PREPOSITIONS, w))
        .map(|w| hit.end + (w.as_ptr() as usize - rest.as_ptr() as usize) + w.len() + 1)
    else {
        return false;
    };
    if with_at >= ce {
        return false;
    }
    let next: Vec<&str> = words_after(lower, with_at, 5);
    let noun = next.iter().find(|w| !lex(rules, COUNTERPART_FILLERS, w));
    // "with his own ministers", "with the party": no other state named
    let possessive_own = next.iter().take(3).any(|w| lex(rules, OWN_POSSESSIVES, w));
    if possessive_own && noun.is_some_and(|n| lex(rules, DOMESTIC_NOUNS, n)) {
        return true;
    }
    // "with senior Ukrainian officials": the demonym of the acting government
    let actor = agents(&doc.locs(), sent.mentions_in(sent.start, hit.start))
        .into_iter()
        .find_map(|m| m.code)
        .or_else(|| previous_subject(doc, sent))
        .or_else(|| {
            out.iter()
                .rev()
                .find(|c| c.category == Category::Diplomacy)
                .and_then(|c| parts(c).0.first().cloned())
        });
    let Some(actor) = actor else { return false };
    sent.mentions_in(with_at, (with_at + 40).min(ce))
        .iter()
        .filter(|m| matches!(m.kind, PlaceKind::Demonym | PlaceKind::Country))
        .find(|m| {
            words_after(lower, m.end, 2).iter().any(|w| {
                lex(
                    rules,
                    DOMESTIC_NOUNS,
                    w.trim_start_matches("'s").trim_end_matches("'s"),
                )
            })
        })
        .is_some_and(|m| m.code.as_deref() == Some(actor.as_str()))
}

/// The parties addressed by a statement whose clause names only its speaker
/// and reacts to a reported act (a word of `diplomacy.reacted_nouns`): the
/// actors of the latest earlier event (strike actor, sanctions imposer,
/// buyer, or the other diplomatic parties). `None` when the clause names no
/// such act, when nothing was reported before, or when speaker and
/// addressee attack each other in the story (a warring party's rhetoric
/// about its own war).
fn reacted_to(
    doc: &Doc<'_>,
    cs: usize,
    ce: usize,
    speaker: &[CountryCode],
    out: &[Candidate],
) -> Option<Vec<CountryCode>> {
    let clause = crate::extract::window(&doc.lower, cs, ce);
    let names_act = clause
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .any(|w| lex(doc.rules, REACTED_NOUNS, w));
    if !names_act {
        return None;
    }
    let actors = |c: &Candidate| -> Vec<CountryCode> {
        match &c.slots {
            EventSlots::Strike { actor, .. } => actor.iter().cloned().collect(),
            EventSlots::Sanctions { imposer, .. } => imposer.iter().cloned().collect(),
            EventSlots::Procurement { buyer, .. } => buyer.iter().cloned().collect(),
            EventSlots::Diplomacy { participants, .. }
                if subtype_of(c) != Some(Subtype::Statement) =>
            {
                participants.clone()
            }
            EventSlots::Diplomacy { .. } => Vec::new(),
        }
    };
    let last = out
        .iter()
        .rev()
        .find(|c| actors(c).iter().any(|a| !speaker.contains(a)))?
        .sentence_idx;
    let mut found: Vec<CountryCode> = Vec::new();
    for c in out.iter().filter(|c| c.sentence_idx == last) {
        for a in actors(c) {
            if !speaker.contains(&a) && !found.contains(&a) && !BLOCS.contains(&a.as_str()) {
                found.push(a);
            }
        }
    }
    // both sides attack each other: their words are part of their war
    let strikers: Vec<&CountryCode> = out
        .iter()
        .filter_map(|c| match &c.slots {
            EventSlots::Strike { actor: Some(a), .. } => Some(a),
            _ => None,
        })
        .collect();
    let warring = speaker.iter().any(|s| strikers.contains(&s))
        && found.iter().any(|a| strikers.contains(&a));
    (!found.is_empty() && !warring).then_some(found)
}

/// A trigger that reports no event: an absence marker before an agreement
/// ("ended without a deal": nothing was agreed); a preference marker before
/// talks ("chose missiles over negotiations", "instead of talks": a
/// stance); a bare talk verb after a refusal and an infinitive marker
/// ("refuses to negotiate": a position, not a meeting).
fn non_event(doc: &Doc<'_>, h: &Hit, subtype: Subtype) -> bool {
    let rules = doc.rules;
    // (the words before are read only for the two subtypes tested)
    if !matches!(subtype, Subtype::Agreement | Subtype::Talks) {
        return false;
    }
    let before = words_before(&doc.lower, h.start, 3);
    if subtype == Subtype::Agreement {
        return before.iter().any(|w| lex(rules, ABSENCE_MARKERS, w));
    }
    if preceded_by_phrase(rules, PREFERENCE_MARKERS, &before) {
        return true;
    }
    lex(rules, BARE_TALK_VERBS, &doc.lower[h.start..h.end])
        && before
            .first()
            .is_some_and(|w| lex(rules, INFINITIVE_MARKERS, w))
        && before.get(1).is_some_and(|w| lex(rules, REFUSAL_WORDS, w))
}

/// Diplomacy is between states or their officials acting as such (event
/// guide): a trigger whose nearest party word before it in its clause is a
/// non-state body or person (`diplomacy.non_state_parties`: "universities
/// in Seoul and Hanoi signed", "the mayors of two cities signed", "a
/// goodwill ambassador ... visited", "a boom in student visits"), rather
/// than an official (`diplomacy.official_nouns`, `diplomacy.leader_titles`),
/// and with no official named after it in the clause ("the mayor met the
/// German chancellor" stays), tells of ties between schools, towns, firms,
/// courts or celebrities, not between states.
fn non_state_parties(doc: &Doc<'_>, h: &Hit, cs: usize, ce: usize) -> bool {
    let rules = doc.rules;
    let lead = &doc.lower[cs.min(h.start)..h.start];
    if !rules.lexicon(NON_STATE_PARTIES).may_end_in(lead) {
        return false;
    }
    let before = words_of(lead);
    let nearest_first: Vec<&str> = before.iter().rev().copied().collect();
    let official = |w: &&str| lex(rules, OFFICIAL_NOUNS, w) || lex(rules, LEADER_TITLES, w);
    let non_state = (0..nearest_first.len())
        .find_map(|i| {
            if preceded_by_phrase(rules, NON_STATE_PARTIES, &nearest_first[i..]) {
                Some(true)
            } else if official(&nearest_first[i]) {
                Some(false)
            } else {
                None
            }
        })
        .unwrap_or(false);
    non_state
        && !words_of(&doc.lower[h.end..ce.max(h.end)])
            .iter()
            .any(official)
}

/// "in the Emirati capital", "in the country's capital" after a name, "in
/// France's capital": the country whose capital the meeting is in (a
/// capital noun after a country or demonym, a venue preposition before it).
fn capital_venue(doc: &Doc<'_>, mentions: &[Mention]) -> Option<CountryCode> {
    let rules = doc.rules;
    mentions.iter().find_map(|m| {
        let code = m.code?;
        if BLOCS.contains(&&*code) || !matches!(m.kind, PlaceKind::Demonym | PlaceKind::Country) {
            return None;
        }
        let rest =
            crate::extract::trim_start_str(&doc.body[m.end..], "'s").trim_start_matches('\'');
        let next = rest.split_ascii_whitespace().next().unwrap_or("");
        // (the words before matter only before a capital noun)
        if !lex(
            rules,
            CAPITAL_NOUNS,
            next.trim_matches(|c: char| !c.is_alphanumeric()),
        ) {
            return None;
        }
        let before = words_before(&doc.lower, m.start, 2);
        let after_venue_prep = |i: usize| {
            before
                .get(i)
                .is_some_and(|w| lex(rules, VENUE_PREPOSITIONS, w))
        };
        // "in the Emirati capital" (an article between) or "in Qatar's capital"
        let article = before.first().is_some_and(|w| lex(rules, ARTICLES, w));
        (article && after_venue_prep(1) || after_venue_prep(0)).then_some(code)
    })
}

/// Whether a span (the trigger's clause up to the trigger's end: a marker
/// after it is about something else, "to trade 1,000 prisoners each",
/// "allow each country to deploy troops") reports separate interactions of
/// one party with
/// several others: a separate marker ("each signed separate agreements
/// with", "spoke separately with") not part of a reciprocal ("each
/// other"), or, for calls, a pair quantifier before a leader group ("had
/// spoken to both leaders by phone").
fn separate_interactions(rules: &RuleSet, lower: &str, subtype: Subtype) -> bool {
    let words = words_of(lower);
    if words.iter().any(|w| lex(rules, SEPARATE_MARKERS, w))
        && !has_phrase(rules, RECIPROCALS, &words)
    {
        return true;
    }
    subtype == Subtype::Call && pair_reference(rules, &words, COUNTERPART_GROUPS)
}

/// A pair quantifier before a noun of lexicon `groups` ("both leaders",
/// "the two presidents") among `words`.
fn pair_reference(rules: &RuleSet, words: &[&str], groups: LexiconId) -> bool {
    (1..words.len()).any(|i| {
        lex(rules, groups, words[i])
            && preceded_by_phrase(rules, PAIR_QUANTIFIERS, &{
                let mut b: Vec<&str> = words[..i].to_vec();
                b.reverse();
                b.truncate(3);
                b
            })
    })
}

/// The two governments named by "both leaders": the nearest earlier
/// sentence (a few back) naming exactly two leaders' governments other
/// than `speaker` (a country or demonym before a leader title, else named
/// people).
fn both_leaders(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    speaker: &[CountryCode],
) -> Option<Vec<CountryCode>> {
    // abbreviations ("U.S.") cut spans short: look back over more spans,
    // within a few sentences' length
    let mut end = sent.start;
    for _ in 0..6 {
        if end == 0 || sent.start - end > 600 {
            break;
        }
        let start = sentence_start_before(doc, end);
        let a = doc.mentions.partition_point(|m| m.start < start);
        let b = doc.mentions.partition_point(|m| m.start < end);
        let leaders = |titled: bool| {
            let mut found: Vec<CountryCode> = Vec::new();
            for m in &doc.mentions[a..b.max(a)] {
                let Some(code) = &m.code else { continue };
                if speaker.contains(code) || found.contains(code) {
                    continue;
                }
                let leader = if titled {
                    matches!(m.kind, PlaceKind::Demonym | PlaceKind::Country)
                        && words_after(&doc.lower, m.end, 3)
                            .iter()
                            .any(|w| lex(doc.rules, LEADER_TITLES, w))
                } else {
                    matches!(m.kind, PlaceKind::Person)
                };
                if leader {
                    found.push(*code);
                }
            }
            found
        };
        for titled in [true, false] {
            let found = leaders(titled);
            if found.len() == 2 {
                return Some(found);
            }
        }
        end = start;
    }
    None
}

/// "a meeting between U.S. President X and Russian President Y", "talks
/// of the two presidents": a meeting noun whose parties (after a between
/// marker) are leaders (a leader plural, two leader titles or two named
/// leaders) is a summit.
fn leaders_meeting(doc: &Doc<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    if !lex(rules, MEETING_NOUNS, &doc.lower[h.start..h.end]) {
        return false;
    }
    // the (at most 20) words after, cut at the clause's end; read only when
    // a between marker is among the first five
    let upto = crate::extract::window(doc.body, h.end, ce)
        .split_ascii_whitespace()
        .take(20)
        .count();
    let next = || {
        crate::extract::window(&doc.lower, h.end, h.end + 80)
            .split_ascii_whitespace()
            .take(20.min(upto))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
    };
    let Some(k) = next().take(5).position(|w| lex(rules, BETWEEN_MARKERS, w)) else {
        return false;
    };
    let after: Vec<&str> = next().skip(k + 1).collect();
    // "between leaders", "of the two presidents"
    if after
        .iter()
        .take(3)
        .position(|w| lex(rules, LEADER_PLURALS, w))
        .is_some_and(|i| {
            i == 0 || {
                let mut b: Vec<&str> = after[..i].to_vec();
                b.reverse();
                preceded_by_phrase(rules, PAIR_QUANTIFIERS, &b)
                    || b.len() == 1 && lex(rules, ARTICLES, b[0])
            }
        })
    {
        return true;
    }
    // two leader titles, or two named leaders, after the marker
    let titles = after
        .iter()
        .filter(|w| lex(rules, LEADER_TITLES, w))
        .count();
    let span_end = crate::extract::window(&doc.lower, h.end, ce)
        .split_ascii_whitespace()
        .take(k + 8)
        .last()
        .map_or(h.end, |w| {
            w.as_ptr() as usize - doc.lower.as_ptr() as usize + w.len()
        });
    let leaders = doc
        .mentions
        .iter()
        .filter(|m| m.start >= h.end && m.end <= span_end && m.kind == PlaceKind::Person)
        .count();
    titles >= 2 || leaders >= 2
}

/// A trigger that reports an event: its subtype, hit, default status,
/// weight, and the place of a stay it is the purpose of (the venue).
type Found<'h> = (Subtype, &'h Hit, Option<Status>, f64, Option<CountryCode>);

/// The diplomacy triggers of one clause that report an event: one per
/// subtype, with its hit, default status and weight. A talks noun between
/// leaders is a summit; a possessive ("the summit's guests"), a non-event,
/// a reaction, a covered bare agreement or a trapped trigger reports none.
fn clause_triggers<'h>(doc: &Doc<'_>, sent: &'h Sent<'_>, cs: usize, ce: usize) -> Vec<Found<'h>> {
    let rules = doc.rules;
    let mut found: Vec<Found<'h>> = Vec::new();
    for h in sent.hits_in(cs, ce) {
        let Some((mut sub, st)) = diplomacy_trigger(rules, h) else {
            continue;
        };
        if sub == Subtype::Talks && leaders_meeting(doc, h, ce) {
            sub = Subtype::Summit;
        }
        let mut stay = None;
        if sub == Subtype::Talks
            && let Some(place) = purpose_of_stay(doc, sent, h, cs)
        {
            sub = Subtype::Visit;
            stay = Some(place);
        }
        // "called the decision strange and unjust": a calling verb with a
        // reported act as object is a statement about it
        if rules.has_frame(h, Frame::CallingVerb) && reacting_call(doc, h) {
            sub = Subtype::Statement;
        }
        // the frames: a guest verb needs a guest, a signing verb an
        // agreement noun, a visit phrase ending in a preposition a place, a
        // departure an envoy told to leave
        let frame_fails = sub != Subtype::Statement
            && lex(rules, GUEST_VERBS, &doc.lower[h.start..h.end])
            && !has_guest(doc, sent, h)
            || rules.has_frame(h, Frame::AgreementObject) && !agreement_frame(doc, h)
            || rules.has_frame(h, Frame::EnvoyDeparture) && !envoys_told_to_leave(doc, h)
            || sub == Subtype::Visit && no_destination(doc, sent, h);
        // "the summit's guests": a reference to an event, not a report of one
        let possessive = doc.body[h.end..].starts_with("'s ");
        if possessive
            || frame_fails
            || non_event(doc, h, sub)
            || non_state_parties(doc, h, cs, ce)
            || bare_agreed_covered(doc, sent, h, ce)
            || found.iter().any(|f| f.0 == sub)
            || traps::blocked_in_clause(doc, sent, &rules.entry(h).id, (cs, ce))
        {
            continue;
        }
        found.push((sub, h, st, rules.entry(h).weight, stay));
    }
    // "agreed to lift sanctions", "signed a memorandum for two frigates":
    // the agreement is the measure or the arms deal, reported as such
    let measure = sent
        .hits_in(cs, ce)
        .any(|h| live_sanctions_trigger(doc, sent, h) || live_procurement_trigger(doc, sent, h));
    if measure {
        found.retain(|f| f.0 != Subtype::Agreement);
    }
    // a named weapon system changing hands in the sentence ("handing two
    // Patriot systems to Ukraine"): the agreement around it is the arms
    // deal, reported as procurement, and so are talks in the deal's own
    // clause ("signed a deal for 26 jets, after the ministers held talks"
    // reports the talks too)
    let deal_in = |s: usize, e: usize| {
        sent.hits_in(s, e).any(|h| {
            trigger_of(rules, h, Category::Procurement).is_some()
                && super::procurement::deal_frame_holds(doc, sent, h)
        })
    };
    let arms_deal = sent
        .hits
        .iter()
        .any(|h| matches!(rules.entry(h).kind, crate::rules::Kind::System(_)))
        && deal_in(sent.start, sent.end);
    if arms_deal {
        let talks_apart = !deal_in(cs, ce);
        found.retain(|f| !(f.0 == Subtype::Agreement || f.0 == Subtype::Talks && !talks_apart));
    }
    // "the summit meeting", "a call ... to discuss", "a visit ... for
    // talks": one event, named by the more specific word
    // (but a visit told after the talks in a sentence that names no place,
    // "held talks with X on Monday, his first visit", names no occasion of
    // its own: the talks stand; "held talks with X in Y, his first trip
    // there" is the visit)
    let talks_at = found
        .iter()
        .find(|f| f.0 == Subtype::Talks)
        .map(|f| f.1.start);
    let names_occasion = |f: &Found<'_>| {
        f.0.names_the_occasion()
            && !(f.0 == Subtype::Visit
                && talks_at.is_some_and(|t| t < f.1.start)
                && !sent.mentions.iter().any(|m| {
                    matches!(
                        m.kind,
                        PlaceKind::Country
                            | PlaceKind::Capital
                            | PlaceKind::City
                            | PlaceKind::Region
                    )
                }))
    };
    if found.iter().any(names_occasion) {
        found.retain(|f| f.0 != Subtype::Talks);
    }
    // "recalled its ambassador for consultations": the talks word after an
    // act on relations is part of that act
    if let Some(rel) = found
        .iter()
        .find(|f| f.0 == Subtype::Relations)
        .map(|f| f.1.end)
    {
        found.retain(|f| f.0 != Subtype::Talks || f.1.start < rel);
    }
    found
}

/// Adds the diplomacy candidates of one sentence.
pub fn candidates(doc: &Doc<'_>, sent: &Sent<'_>, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let mut prev_subject: Option<Option<CountryCode>> = None;
    let sent_words = std::cell::OnceCell::new();
    let sent_words = || sent_words.get_or_init(|| words_of(&doc.lower[sent.start..sent.end]));
    for &(cs, ce) in &sent.clauses {
        for (subtype, hit, default, weight, stay) in clause_triggers(doc, sent, cs, ce) {
            let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else {
                continue;
            };
            let (status, flat) = match denial(doc, hit, (cs, ce), subtype) {
                Some(d) if status != Status::Denied => d,
                _ if default.is_none() => {
                    let st = occasion_status(doc, sent, hit, ce, status);
                    let st = topic_status(doc, sent, hit, (cs, ce), st);
                    (predicate_status(doc, sent, hit, st), flat)
                }
                _ => (status, flat),
            };
            let clause_mentions = sent.mentions_in(cs, ce);
            let venue = stay.or_else(|| venue(doc, sent, cs, ce, (hit.start, hit.end), subtype));
            // the governments acting in the clause, then in the sentence, and
            // the host country
            let mut participants = participant_codes(doc, clause_mentions);
            // (the sentence's codes copied only when new)
            for c in participant_iter(doc, sent.mentions) {
                if !participants.contains(c) {
                    participants.push(*c);
                }
            }
            if let Some(c) = &venue
                && !participants.contains(c)
            {
                participants.push(*c);
            }
            // "protested to China", "a call with France": an event without a
            // venue is addressed to the country after an addressee preposition
            if !subtype.has_venue() {
                for m in clause_mentions.iter().filter(|m| {
                    m.start >= hit.end
                        && m.kind == PlaceKind::Country
                        && governed_in(doc, m.start, ADDRESSEE_PREPOSITIONS)
                }) {
                    if let Some(c) = &m.code
                        && !participants.contains(c)
                        && !BLOCS.contains(&c.as_str())
                    {
                        participants.push(*c);
                    }
                }
            }
            // "condemned the move", "called the attack a flagrant violation":
            // a statement that names only its speaker is addressed to the
            // party that acted in the event just reported
            if subtype == Subtype::Statement && participants.len() < 2 {
                for a in reacted_to(doc, cs, ce, &participants, out).unwrap_or_default() {
                    if !participants.contains(&a) {
                        participants.push(a);
                    }
                }
            }
            // "spoke to both leaders by phone": the two leaders named just
            // before
            if subtype == Subtype::Call
                && participants.len() < 2
                && pair_reference(rules, sent_words(), LEADER_PLURALS)
                && let Some(two) = both_leaders(doc, sent, &participants)
            {
                participants.extend(two);
            }
            // "both sides", "the two countries", "They ...": the parties of
            // the meeting just reported
            if participants.len() < 2
                && (sent_words()
                    .first()
                    .is_some_and(|w| lex(rules, SUBJECT_BACK_REFERENCES, w))
                    || has_phrase(rules, BACK_REFERENCES, sent_words()))
                && let Some(prev) = out
                    .iter()
                    .rev()
                    .find(|c| c.category == Category::Diplomacy && parts(c).0.len() >= 2)
            {
                for p in parts(prev).0 {
                    if !participants.contains(p) {
                        participants.push(*p);
                    }
                }
            }
            // "the two governments later agreed to hold talks" with no
            // meeting reported before: the states named before it in the
            // sentence, when they are two or three (the venue is no party
            // named: "... agreed to hold talks in Nairobi")
            if participants.iter().filter(|c| Some(**c) != venue).count() < 2
                && pair_reference(rules, &words_of(&doc.lower[cs..hit.start]), STATE_GROUPS)
            {
                let mut named: Vec<CountryCode> = Vec::new();
                for m in sent.mentions.iter().filter(|m| {
                    m.end <= hit.start
                        && matches!(
                            m.kind,
                            PlaceKind::Country | PlaceKind::Demonym | PlaceKind::Capital
                        )
                }) {
                    if let Some(c) = m.code
                        && !named.contains(&c)
                    {
                        named.push(c);
                    }
                }
                if (2..=3).contains(&named.len()) {
                    for c in named {
                        if !participants.contains(&c) {
                            participants.push(c);
                        }
                    }
                }
            }
            if participants.len() < 2 {
                let prev = *prev_subject.get_or_insert_with(|| previous_subject(doc, sent));
                if let Some(p) = prev
                    && !participants.contains(&p)
                {
                    participants.insert(0, p);
                }
            }
            // "recalled its ambassador to Israel", "its envoy from Phnom
            // Penh": the state of the posting is the other party
            if subtype == Subtype::Relations {
                for m in clause_mentions.iter().filter(|m| {
                    m.start >= hit.end
                        && governed_in(doc, m.start, POSTING_PREPOSITIONS)
                        && words_before(&doc.lower, m.start, 5)
                            .iter()
                            .any(|w| lex(rules, ENVOY_NOUNS, w))
                }) {
                    if let Some(c) = &m.code
                        && !participants.contains(c)
                    {
                        participants.push(*c);
                    }
                }
            }
            if subtype == Subtype::Visit {
                participants = visit_parties(
                    doc,
                    sent,
                    (cs, ce),
                    hit,
                    venue.as_ref(),
                    &participants,
                    &mut prev_subject,
                );
            }
            // one named side is not an interaction between states
            if participants.len() < 2 {
                continue;
            }
            // "officials from both sides then signed four agreements": an
            // outcome of a meeting reported before takes its venue
            let venue = if venue.is_none() && subtype.is_outcome() {
                occasion_venue(out, &participants, status)
            } else {
                venue
            };
            // a meeting with the government's own officials, lawmakers or
            // party is domestic politics
            if subtype.in_person() && domestic_counterpart(doc, sent, hit, ce, out) {
                continue;
            }
            // "no Russian representatives would attend": a party declining a
            // meeting already reported is part of that meeting
            if status == Status::Denied
                && !flat
                && has_phrase(rules, ATTENDANCE_VERBS, sent_words())
                && out
                    .iter()
                    .any(|c| c.category == Category::Diplomacy && c.status != Status::Denied)
            {
                continue;
            }
            // a reference back ("Zelenskyy's visit comes amid ...") names one
            // side and no venue: it is the event already reported
            // (the clause's own codes are counted only without a venue)
            if venue.is_none()
                && codes_count(clause_mentions) <= 1
                && out.iter().any(|c| {
                    c.category == Category::Diplomacy
                        && subtype_of(c) == Some(subtype)
                        && c.status == status
                        && c.sentence_idx < sent.idx
                })
            {
                continue;
            }
            // "X and Y each signed separate agreements with Z", "spoke to
            // both leaders by phone": one event per counterpart of the party
            // they share (the one after "with", else the first named)
            let separate = matches!(subtype, Subtype::Agreement | Subtype::Call)
                && participants.len() >= 3
                && separate_interactions(
                    rules,
                    crate::extract::window(&doc.lower, cs, hit.end),
                    subtype,
                );
            // the separate deals of one occasion take its venue ("signed a
            // joint declaration at the White House ... each also signed
            // separate agreements")
            let venue = if separate && venue.is_none() {
                out.iter()
                    .rev()
                    .filter(|c| c.category == Category::Diplomacy && subtype_of(c) == Some(subtype))
                    .find(|c| participants.iter().all(|p| parts(c).0.contains(p)))
                    .and_then(|c| *parts(c).1)
            } else {
                venue
            };
            let groups: Vec<Vec<CountryCode>> = if separate {
                let hub = clause_mentions
                    .iter()
                    .filter(|m| m.start >= hit.end)
                    .find(|m| governed_in(doc, m.start, COUNTERPART_PREPOSITIONS))
                    .and_then(|m| m.code)
                    .filter(|c| participants.contains(c))
                    .unwrap_or_else(|| participants[0]);
                participants
                    .iter()
                    .filter(|p| **p != hub)
                    .map(|p| vec![hub, *p])
                    .collect()
            } else {
                vec![participants]
            };
            for participants in groups {
                out.push(Candidate {
                    category: Category::Diplomacy,
                    subtype,
                    status,
                    flat_negation: flat,
                    slots: EventSlots::Diplomacy {
                        participants,
                        venue_country: venue,
                    },
                    sentence: (sent.start, sent.end),
                    trigger: hit.start,
                    weight,
                    sentence_idx: sent.idx,
                    // a separate interaction is never folded into another
                    tally: separate,
                });
            }
        }
    }
}

/// A visit is the visitor and the host: the visitor after an agent marker
/// ("a visit to Berlin by the Polish president"), else the nearest acting
/// government before the trigger, else the previous sentence's subject;
/// the host is the venue, else the last place of the previous sentence.
fn visit_parties(
    doc: &Doc<'_>,
    sent: &Sent<'_>,
    (cs, ce): (usize, usize),
    hit: &Hit,
    venue: Option<&CountryCode>,
    participants: &[CountryCode],
    prev_subject: &mut Option<Option<CountryCode>>,
) -> Vec<CountryCode> {
    // a visitor is a government actor ("a Russian drone" is none)
    let not_host =
        |m: &&Mention| m.code.is_some() && m.code.as_ref() != venue && is_participant(doc, m);
    let by = sent
        .mentions_in(hit.end, ce)
        .iter()
        .filter(|m| {
            m.start - hit.end < 80
                && crate::extract::actors::is_agent_kind(m)
                && is_participant(doc, m)
        })
        .find(|m| governed_in(doc, m.start, AGENT_MARKERS))
        .and_then(|m| m.code);
    let before = || {
        agents(&doc.locs(), sent.mentions_in(cs, hit.start))
            .into_iter()
            .rev()
            .find(not_host)
            .or_else(|| {
                agents(&doc.locs(), sent.mentions)
                    .into_iter()
                    .filter(|m| m.end <= hit.start)
                    .find(not_host)
            })
            .and_then(|m| m.code)
    };
    let visitor = by
        .or_else(before)
        .or_else(|| *prev_subject.get_or_insert_with(|| previous_subject(doc, sent)))
        .or_else(|| participants.iter().find(|p| Some(*p) != venue).cloned());
    let host = venue.cloned().or_else(|| previous_location(doc, sent));
    let mut out: Vec<CountryCode> = visitor.into_iter().chain(host).collect();
    out.dedup();
    out
}

fn parts(c: &Candidate) -> (&Vec<CountryCode>, &Option<CountryCode>) {
    match &c.slots {
        EventSlots::Diplomacy {
            participants,
            venue_country,
        } => (participants, venue_country),
        _ => unreachable!("diplomacy candidate with other slots"),
    }
}

/// Folds a candidate into an earlier mention of the same event (same
/// subtype and status, compatible participants and venue), else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (cp, cv) = parts(&c);
    let sub = subtype_of(&c);
    // one of several separate interactions ("each signed separate
    // agreements"): kept apart unless the very same pair is already listed
    if c.tally {
        let same = events.iter().any(|e| {
            e.category == Category::Diplomacy
                && subtype_of(e) == sub
                && e.status == c.status
                && parts(e).0.len() == cp.len()
                && cp.iter().all(|x| parts(e).0.contains(x))
        });
        if !same {
            events.push(c);
        }
        return;
    }
    // an act on relations or a statement is one act however its tense is
    // reported ("will shut the consulate" ... "had withdrawn consent")
    let settled = |s: Status| !matches!(s, Status::Denied | Status::Threatened);
    let any_status =
        matches!(sub, Some(Subtype::Relations | Subtype::Statement)) && settled(c.status);
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Diplomacy
            && subtype_of(e) == sub
            && (e.status == c.status || any_status && settled(e.status))
    }) {
        let (ep, ev) = parts(e);
        let subset =
            cp.iter().all(|x| ep.contains(x)) || ep.iter().all(|x| cp.contains(x)) || cp.len() <= 1;
        let venue_ok = ev.is_none() || cv.is_none() || ev == cv;
        let same_venue = ev.is_some() && ev == cv;
        if subset && venue_ok || same_venue {
            let mut np = ep.clone();
            for x in cp {
                if !np.contains(x) {
                    np.push(*x);
                }
            }
            let nv = (*ev).or(*cv);
            e.slots = EventSlots::Diplomacy {
                participants: np,
                venue_country: nv,
            };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}

/// The warring sides' rhetoric about their own war is no statement (the
/// guide): a statement whose parties are all strike actors of the story
/// (each attacks another; "called the strikes an act of war" when the
/// speaker strikes back later in the story) is dropped.
pub fn drop_war_rhetoric(events: &mut Vec<Candidate>) {
    let strikers: Vec<CountryCode> = events
        .iter()
        .filter_map(|e| match &e.slots {
            EventSlots::Strike { actor: Some(a), .. } => Some(*a),
            _ => None,
        })
        .collect();
    events.retain(|e| {
        !(e.category == Category::Diplomacy
            && subtype_of(e) == Some(Subtype::Statement)
            && parts(e).0.len() >= 2
            && parts(e).0.iter().all(|p| strikers.contains(p)))
    });
}

/// "No Russian representatives would attend the meetings" is part of the
/// meeting it declines (the guide folds it into that event): a denied
/// meeting at the venue of a meeting that is still on is dropped.
pub fn fold_declined(events: &mut Vec<Candidate>) {
    let live: Vec<CountryCode> = events
        .iter()
        .filter(|e| e.category == Category::Diplomacy && e.status != Status::Denied)
        .filter_map(|e| *parts(e).1)
        .collect();
    events.retain(|e| {
        !(e.category == Category::Diplomacy
            && e.status == Status::Denied
            && !e.flat_negation
            && parts(e).1.as_ref().is_some_and(|v| live.contains(v)))
    });
}

#[cfg(test)]
mod tests {
    //! Each mechanism of this module on sentences of its own (not taken from
    //! any evaluation set), against the shipped `config/rules`.
    use crate::classify::test_support::analyse;
    use crate::model::{Category, EventSlots, Status};

    /// One diplomacy event: subtype, status, sorted participants, venue.
    type Ev = (String, Status, Vec<String>, Option<String>);

    fn dip(body: &str) -> Vec<Ev> {
        analyse(body)
            .events
            .into_iter()
            .filter_map(|e| match e.slots {
                EventSlots::Diplomacy {
                    mut participants,
                    venue_country,
                } => {
                    participants.sort();
                    let participants = participants.iter().map(|c| c.to_string()).collect();
                    let venue = venue_country.map(|c| c.to_string());
                    Some((e.subtype.to_string(), e.status, participants, venue))
                }
                _ => None,
            })
            .collect()
    }

    fn labelled(body: &str) -> bool {
        analyse(body)
            .classification
            .labels
            .contains(&Category::Diplomacy)
    }

    #[test]
    fn ties_between_non_state_parties_are_not_diplomacy() {
        for s in [
            "Oxford University and Peking University signed a memorandum of understanding on joint research.",
            "The mayors of Paris and Rome signed a twinning agreement to promote tourism and culture.",
            "Pop star Angelique Kidjo was named a UNICEF goodwill ambassador and visited refugee camps in Chad.",
            "Schools in Warsaw and Vilnius agreed to hold joint summer camps for teenagers from next year.",
            "The chambers of commerce of India and the United Arab Emirates signed an agreement to promote trade fairs.",
            "Beijing Zoo and a zoo in Moscow agreed to exchange two snow leopards.",
            // an international court's warrant is no state's act
            "Former Ivorian President Laurent Gbagbo was arrested in Abidjan on an International Criminal Court warrant for crimes against humanity and flown to The Hague.",
        ] {
            assert!(!labelled(s), "{s}: {:?}", dip(s));
        }
        // an official on either side keeps it a state act
        for s in [
            "The mayor of Kyiv met German Chancellor Friedrich Merz in Berlin on Monday.",
            "Students cheered as the French president arrived in Hanoi on Tuesday for a state visit.",
            "The foreign ministers of Peru and Chile signed a border agreement on Friday.",
        ] {
            assert!(labelled(s), "{s}: no diplomacy event");
        }
    }

    #[test]
    fn the_two_governments_are_the_states_named_before() {
        assert_eq!(
            dip(
                "Ethiopian drones hit Eritrean border posts on Friday; the two governments later agreed to hold talks in Nairobi."
            )
            .iter()
            .map(|e| (e.0.clone(), e.2.clone()))
            .collect::<Vec<_>>(),
            [(
                "talks".to_string(),
                vec!["ER".to_string(), "ET".to_string(), "KE".to_string()]
            )]
        );
    }

    #[test]
    fn a_visit_is_told_by_setting_foot_in_a_country() {
        assert_eq!(
            dip("Japan's prime minister set foot in Mongolia on Friday.")
                .iter()
                .map(|e| e.0.as_str())
                .collect::<Vec<_>>(),
            ["visit"]
        );
    }

    #[test]
    fn talks_stand_before_a_visit_told_without_a_place() {
        assert_eq!(
            dip(
                "Kenyan President William Ruto held talks with Prime Minister Keir Starmer on Tuesday, his first visit since taking office."
            )
            .iter()
            .map(|e| e.0.as_str())
            .collect::<Vec<_>>(),
            ["talks"]
        );
    }

    #[test]
    fn a_ruling_party_chief_is_a_government_taking_part() {
        assert_eq!(
            dip(
                "Laotian Communist Party chief Thongloun Sisoulith held talks with Chinese President Xi Jinping in Beijing on Tuesday."
            )
            .iter()
            .map(|e| e.2.clone())
            .collect::<Vec<_>>(),
            [vec!["CN".to_string(), "LA".to_string()]]
        );
    }

    #[test]
    fn talks_in_another_clause_than_an_arms_deal_are_reported() {
        // the deal and the talks in separate clauses: both are news
        assert_eq!(
            dip(
                "Peru signed a contract with South Korea for 20 K2 tanks on Friday, after President Boluarte held talks with President Lee in Seoul."
            )
            .iter()
            .map(|e| e.0.as_str())
            .collect::<Vec<_>>(),
            ["talks"]
        );
        // talks in the deal's own clause are the deal
        assert!(
            dip("Peru held talks with South Korea on a contract for 20 K2 tanks on Friday.")
                .is_empty()
        );
    }

    #[test]
    fn an_agreement_stays_one_when_its_sentence_only_names_weapons_in_use() {
        // drones that hit a depot are no goods: the supply agreement stands
        assert!(labelled(
            "Ukraine and Poland signed an agreement on Monday to supply each other with fuel, hours after drones hit a depot near Lviv."
        ));
        // drones supplied are goods: the agreement is the arms deal
        assert!(!labelled(
            "Ukraine and Poland signed an agreement on Monday to supply each other with drones."
        ));
    }

    fn codes(c: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = c.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    /// The only diplomacy event of `body`.
    fn one(body: &str) -> Ev {
        let evs = dip(body);
        assert_eq!(evs.len(), 1, "{body}: {evs:?}");
        evs.into_iter().next().unwrap()
    }

    fn none(sentences: &[&str]) {
        for s in sentences {
            assert!(dip(s).is_empty(), "{s}: {:?}", dip(s));
        }
    }

    #[test]
    fn a_missing_diplomacy_lexicon_is_a_load_error() {
        let shipped = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules");
        let dir = std::env::temp_dir().join(format!("wirewatch-dip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in std::fs::read_dir(&shipped).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
        let text = std::fs::read_to_string(dir.join("diplomacy.toml")).unwrap();
        let from = "name = \"diplomacy.guest_verbs\"";
        assert!(text.contains(from));
        std::fs::write(
            dir.join("diplomacy.toml"),
            text.replace(from, "name = \"diplomacy.guest_verbs_old\""),
        )
        .unwrap();
        let err = crate::rules::RuleSet::load(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("no lexicon `diplomacy.guest_verbs`"), "{err}");
    }

    #[test]
    fn a_demonym_takes_part_only_before_an_official_noun_or_a_conjunction() {
        let e = one("Peruvian and Chilean delegations met in Lima on Tuesday.");
        assert_eq!(e.2, codes(&["CL", "PE"]));
        // a possessive before a topic noun is no party
        none(&["Norway's foreign minister met on Monday to discuss ending Sudan's war."]);
    }

    #[test]
    fn an_origin_a_direction_or_a_topic_is_no_venue() {
        let e = one(
            "The Kenyan president met Ethiopia's prime minister on Monday to discuss the war in Sudan.",
        );
        assert_eq!(e.3, None, "{e:?}");
        let e =
            one("Egypt's foreign minister held talks with Jordan's king about Syria on Sunday.");
        assert_eq!(e.3, None, "{e:?}");
        let e = one("Qatar's emir flew in from Riyadh and met Kuwait's crown prince on Sunday.");
        assert_ne!(e.3.as_deref(), Some("SA"), "{e:?}");
    }

    #[test]
    fn summoning_happens_in_the_acting_state_and_recalling_nowhere() {
        let e = one("Japan summoned China's ambassador on Friday over the ship collision.");
        assert_eq!((e.0.as_str(), e.3.as_deref()), ("relations", Some("JP")));
        let e = one("Algeria recalled its ambassador to France on Tuesday in protest.");
        assert_eq!(e.0, "relations");
        assert_eq!(e.2, codes(&["DZ", "FR"]));
        assert_eq!(e.3, None);
    }

    #[test]
    fn a_guest_verb_needs_a_guest() {
        let e = one("Kenya's president received the Ghanaian foreign minister on Monday.");
        assert_eq!(e.0, "talks");
        assert_eq!(e.2, codes(&["GH", "KE"]));
        none(&[
            "The Colombian army received 30 armoured vehicles from Spain on Monday.",
            "Rockets landed near a base in Syria that hosts U.S. troops on Friday.",
            "Chile's foreign minister welcomed the decision by Argentina on Monday.",
        ]);
    }

    #[test]
    fn a_calling_verb_is_a_call_with_a_leader_as_object_not_a_naming() {
        let e = one("Turkey's president called the Qatari emir on Sunday to discuss the crisis.");
        assert_eq!((e.0.as_str(), e.2.clone()), ("call", codes(&["QA", "TR"])));
        none(&[
            "Brazil's president called Javier Milei a threat to the region on Friday.",
            "The new road through Armenia will be called the Trump Route, U.S. officials said.",
            "Germany called on Russia on Monday to release the detained journalist.",
        ]);
    }

    #[test]
    fn calling_a_reported_act_names_it_in_a_statement() {
        let evs = dip(
            "The United States imposed sanctions on two Venezuelan state banks on Monday. \
             Venezuela's foreign ministry called the decision illegal and arbitrary.",
        );
        assert!(
            evs.iter()
                .any(|e| e.0 == "statement" && e.2 == codes(&["US", "VE"])),
            "{evs:?}"
        );
        none(&[
            "Under the plan, Rwanda is to wind down what it calls its security measures inside Congo.",
        ]);
    }

    #[test]
    fn a_signing_verb_is_an_agreement_with_an_agreement_noun() {
        let e = one(
            "Kenya and Tanzania signed a ten-year maritime security treaty in Nairobi on Monday.",
        );
        assert_eq!(e.0, "agreement");
        assert_eq!(e.2, codes(&["KE", "TZ"]));
        assert_eq!(e.3.as_deref(), Some("KE"));
        none(&["Kenya's president signed a decree on Monday raising fuel taxes in Nairobi."]);
    }

    #[test]
    fn a_visit_phrase_ending_in_a_preposition_needs_a_place() {
        let e = one("Egypt's foreign minister arrived in Ankara on Tuesday.");
        assert_eq!((e.0.as_str(), e.2.clone()), ("visit", codes(&["EG", "TR"])));
        none(&[
            "The first Polish jets will arrive in 2027, Norway's defence minister said on Monday.",
        ]);
    }

    #[test]
    fn a_visitor_is_a_government() {
        none(&["A Chinese research vessel arrived in Sri Lanka on Monday."]);
    }

    #[test]
    fn talks_that_are_the_purpose_of_a_stay_are_a_visit() {
        let e = one("The Omani envoy was in Tehran on Sunday for talks with Iranian officials.");
        assert_eq!(e.0, "visit");
        assert_eq!(e.2, codes(&["IR", "OM"]));
        assert_eq!(e.3.as_deref(), Some("IR"));
        // talks without a stay stay talks
        assert_eq!(
            one("Oman's foreign minister held talks with Iranian officials in Tehran on Sunday.").0,
            "talks"
        );
    }

    #[test]
    fn a_meeting_that_is_the_occasion_of_another_act_has_occurred() {
        let e = one(
            "Germany will fund two new hospitals in Moldova, Chancellor Olaf Scholz said on Tuesday during a visit to Chisinau.",
        );
        assert_eq!((e.0.as_str(), e.1), ("visit", Status::Occurred));
        let e = one(
            "Germany will fund two new hospitals in Moldova, Chancellor Olaf Scholz said on Tuesday during a visit to Chisinau next week.",
        );
        assert_eq!((e.0.as_str(), e.1), ("visit", Status::Scheduled));
    }

    #[test]
    fn a_denial_or_a_negation_reports_no_event() {
        let e = one("Turkey denied holding talks with Syrian officials on Friday.");
        assert_eq!((e.0.as_str(), e.1), ("talks", Status::Denied));
        assert!(labelled(
            "Turkey denied holding talks with Syrian officials on Friday."
        ));
        let flat = "Iran's foreign minister did not meet U.S. envoys in Oman on Sunday.";
        assert_eq!(one(flat).1, Status::Denied);
        assert!(!labelled(flat));
        let failed = "An attempt to agree a truce between Sudan and Chad failed on Monday.";
        assert!(dip(failed).iter().all(|e| e.1 == Status::Denied));
        assert!(!labelled(failed));
    }

    #[test]
    fn a_meeting_between_two_leaders_is_a_summit() {
        assert_eq!(
            one("A meeting between Vladimir Putin and Recep Tayyip Erdogan took place in Sochi on Monday.").0,
            "summit"
        );
        assert_eq!(
            one("Talks between the two presidents in Cairo on Monday focused on Gaza, Egyptian and Turkish officials said.").0,
            "summit"
        );
    }

    #[test]
    fn a_separate_marker_after_the_trigger_is_about_something_else() {
        let evs = dip(
            "Japan and Peru signed a defence pact in Lima on Monday that will allow each country to train troops on the other's soil.",
        );
        let agreements: Vec<&Ev> = evs.iter().filter(|e| e.0 == "agreement").collect();
        assert_eq!(agreements.len(), 1, "{evs:?}");
    }

    #[test]
    fn a_statement_is_addressed_to_the_country_after_an_addressee_preposition() {
        let e = one("Vietnam formally protested to China on Thursday over the fishing ban.");
        assert_eq!(
            (e.0.as_str(), e.2.clone()),
            ("statement", codes(&["CN", "VN"]))
        );
    }

    #[test]
    fn envoys_told_to_leave_are_an_act_on_relations() {
        let e =
            one("Algeria gave 12 French embassy staff 48 hours to leave the country on Monday.");
        assert_eq!(
            (e.0.as_str(), e.2.clone()),
            ("relations", codes(&["DZ", "FR"]))
        );
        none(&["Sudan's army told residents of Omdurman to leave the city on Monday."]);
    }

    #[test]
    fn warring_sides_rhetoric_is_no_statement() {
        let body = "Armenian artillery shelled Azerbaijani positions overnight, killing two soldiers. \
             Azerbaijan's foreign ministry called the attack a grave provocation. \
             Azerbaijani drones then struck Armenian positions near the border on Tuesday.";
        assert!(
            dip(body).iter().all(|e| e.0 != "statement"),
            "{:?}",
            dip(body)
        );
    }

    #[test]
    fn an_outcome_takes_the_venue_of_the_meeting_it_was_reached_at() {
        let evs = dip(
            "Indonesia's president held talks with Vietnamese leaders in Hanoi on Friday. \
             Officials from both sides then signed three agreements on fisheries and trade.",
        );
        let a = evs.iter().find(|e| e.0 == "agreement").expect("agreement");
        assert_eq!(a.3.as_deref(), Some("VN"), "{evs:?}");
    }

    #[test]
    fn a_month_named_may_is_no_modal() {
        let e = one(
            "South Korea will host the leaders of China and Japan in Seoul on May 26 for a summit.",
        );
        assert_eq!((e.0.as_str(), e.1), ("summit", Status::Scheduled));
    }

    #[test]
    fn travel_forbidden_by_a_measure_and_meeting_borders_are_no_meeting() {
        none(&[
            "London said the seven officials were barred from travelling to Britain.",
            "Militants raid villages around the lake, where the borders of Chad, Niger and Nigeria meet.",
        ]);
    }

    #[test]
    fn a_concluding_verb_with_an_agreement_noun_is_an_agreement() {
        let e =
            one("Peru and Bolivia reached a provisional arrangement on border patrols on Sunday.");
        assert_eq!(
            (e.0.as_str(), e.2.clone()),
            ("agreement", codes(&["BO", "PE"]))
        );
        // the object ends at a second determiner or a phrase break
        none(&[
            "Peruvian and Bolivian officials reached the town despite the truce on Sunday.",
            "Peru's foreign minister reached La Paz late on Sunday after the ceasefire.",
        ]);
    }

    #[test]
    fn a_topic_noun_after_a_meeting_is_no_plan() {
        let e =
            one("A Chilean delegation was in Lima on Monday for discussions on a trade proposal.");
        assert_eq!((e.0.as_str(), e.1), ("visit", Status::Occurred));
        let e =
            one("Chile's foreign minister proposed talks with Peru's foreign minister on Monday.");
        assert_eq!(e.1, Status::Proposed);
    }

    #[test]
    fn a_meeting_noun_takes_the_status_of_its_predicate() {
        let e = one(
            "The Qatari emir's visit to Paris on Friday, his first since 2019, is expected to focus on Gaza, French officials said.",
        );
        assert_eq!((e.0.as_str(), e.1), ("visit", Status::Scheduled));
        let e = one(
            "The Kenyan president's visit to Addis Ababa on Friday, his first since the row, was hailed by Ethiopian officials.",
        );
        assert_eq!(e.1, Status::Occurred);
    }

    #[test]
    fn a_past_time_in_a_relative_clause_dates_that_clause_only() {
        let e = one(
            "Chile and Peru agreed to restore ambassadors in each other's capitals, ending a dispute that began last year.",
        );
        assert_eq!(e.1, Status::Occurred);
        none(&["Chile and Peru restored ties last year."]);
    }
}
