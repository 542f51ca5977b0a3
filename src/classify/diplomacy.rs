//! Diplomacy: visits, talks, summits, calls, agreements, acts on relations
//! and formal statements between states or international bodies.
//!
//! Participants are the countries named in the trigger's clause (widened to
//! the sentence, then to the previous sentence's subject, when the clause
//! names fewer than two: "he will arrive in Turkey" after "Zelenskyy
//! announced"). The venue is the country of the place the meeting is in or
//! the visit goes to. Domestic meetings (parliament, party, cabinet) are
//! cancelled by `traps.toml`.

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::{Fact, agents, codes_count, governed_by, governing_word};
use crate::extract::one_of;
use crate::gazetteer::PlaceKind;
use crate::model::{Category, EventSlots, Status};

const BLOCS: &[&str] = &["EU", "UN", "NATO"];

/// Where the sentence before `sent` starts: back to the boundary before it.
fn previous_sentence_start(doc: &Doc, sent: &Sent) -> usize {
    let prev_end = doc.body[..sent.start].trim_end().len();
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
fn previous_subject(doc: &Doc, sent: &Sent) -> Option<String> {
    let prev_start = previous_sentence_start(doc, sent);
    doc.mentions
        .iter()
        .filter(|m| m.start >= prev_start && m.end <= sent.start)
        .find(|m| crate::extract::actors::is_agent_kind(m) && !doc.is_location(m))
        .and_then(|m| m.code.clone())
}

/// Nouns after a demonym that make it a government taking part ("Iranian
/// Foreign Minister", "Russian delegation"), not a topic ("Israeli hostages").
const OFFICIAL_NOUNS: &[&str] = &[
    "president",
    "prime",
    "foreign",
    "defence",
    "defense",
    "minister",
    "ministers",
    "officials",
    "official",
    "delegation",
    "delegations",
    "negotiators",
    "negotiator",
    "envoy",
    "envoys",
    "side",
    "government",
    "team",
    "leader",
    "leaders",
    "ambassador",
    "ambassadors",
    "ministry",
    "embassy",
    "chancellor",
    "king",
    "emir",
    "crown",
    "counterpart",
    "counterparts",
    "secretary",
    "spokesman",
    "spokeswoman",
    "diplomats",
    "diplomat",
    "national",
    "deputy",
    "intelligence",
    "army",
    "chief",
    "and",
    "authorities",
    "mediators",
    "security",
];

/// Nouns after a possessive that make the country a topic, not a party
/// ("ending Russia's war").
const TOPIC_NOUNS: &[&str] = &[
    "war",
    "invasion",
    "aggression",
    "economy",
    "nuclear",
    "offensive",
    "full-scale",
    "occupation",
];

/// Codes of the governments and bodies acting in a span: countries,
/// capitals, institutions, officials, blocs, and demonyms naming an official
/// or a delegation.
fn participant_iter<'m>(
    doc: &'m Doc,
    mentions: &'m [crate::gazetteer::Mention],
) -> impl Iterator<Item = &'m String> {
    let body = doc.body;
    let next_word = |end: usize| {
        crate::extract::trim_start_str(crate::extract::window(body, end, end + 40), "'s")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
    };
    mentions.iter().filter_map(move |m| {
        let code = m.code.as_ref()?;
        // (depends on the body and the mention only: memoised per story)
        let ok = doc.locs().fact(m, Fact::Participant, || match m.kind {
            PlaceKind::Demonym => one_of(OFFICIAL_NOUNS, next_word(m.end)),
            PlaceKind::Country | PlaceKind::Capital | PlaceKind::Institution | PlaceKind::Bloc => {
                !doc.is_location(m) && !one_of(TOPIC_NOUNS, next_word(m.end))
            }
            PlaceKind::Person | PlaceKind::ArmedGroup => true,
            _ => false,
        });
        ok.then_some(code)
    })
}

/// [`participant_iter`] without repeats, copied.
fn participant_codes(doc: &Doc, mentions: &[crate::gazetteer::Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in participant_iter(doc, mentions) {
        if !out.contains(code) {
            out.push(code.clone());
        }
    }
    out
}

/// The country of the last place named in the sentence before `sent` ("at the
/// defence ministry in New Delhi. The French minister had been due to attend
/// but called off his trip" -> IN).
fn previous_location(doc: &Doc, sent: &Sent) -> Option<String> {
    let prev_start = previous_sentence_start(doc, sent);
    doc.mentions
        .iter()
        .filter(|m| m.start >= prev_start && m.end <= sent.start && doc.is_location(m))
        .filter(|m| !matches!(m.kind, PlaceKind::Sea | PlaceKind::Bloc))
        .filter_map(|m| m.code.clone())
        .next_back()
}

fn venue(
    doc: &Doc,
    sent: &Sent,
    cs: usize,
    ce: usize,
    (trigger_start, trigger_end): (usize, usize),
    subtype: &str,
) -> Option<String> {
    if subtype == "call" || subtype == "statement" {
        return None;
    }
    let ok = |m: &&crate::gazetteer::Mention| {
        if !(m.code.as_deref().is_some_and(|c| !BLOCS.contains(&c))
            && !matches!(
                m.kind,
                PlaceKind::Person | PlaceKind::ArmedGroup | PlaceKind::Sea
            )
            && doc.is_location(m))
        {
            return false;
        }
        // the governing word, found once
        let gw = governing_word(doc.body, m.start);
        let governed = |words: &[&str]| gw.is_some_and(|w| one_of(words, w));
        if governed(&["from"])
            // "recalled its ambassador to the United States": the posting, not a venue
            || subtype == "relations" && governed(&["to"])
            // "extend the corridor into Afghanistan", "talks about Iran": a
            // direction or a topic, not where the meeting is
            || governed(&["into", "about", "against", "over", "toward", "towards"])
        {
            return false;
        }
        // "talks on Tehran's nuclear programme": a topic, not a venue
        let topic_owner = doc.body[m.end..].starts_with("'s ")
            && TOPIC_NOUNS
                .iter()
                .any(|t| doc.body[m.end + 3..].starts_with(t));
        // "the war in Gaza", "the ceasefire in Gaza": a topic, not a venue
        let topic_place = || {
            matches!(
                doc.lower[..m.start].split_whitespace().rev().nth(1),
                Some(
                    "war"
                        | "conflict"
                        | "ceasefire"
                        | "fighting"
                        | "crisis"
                        | "situation"
                        | "peace"
                        | "violence"
                        | "truce"
                        | "attack"
                        | "attacks"
                        | "invasion"
                        | "blockade"
                        | "strike"
                        | "strikes"
                        | "offensive"
                        | "policy"
                        | "stance"
                )
            )
        };
        !(topic_owner || topic_place())
    };
    let clause = sent.mentions_in(cs, ce);
    if let Some(v) = capital_venue(doc, clause).or_else(|| capital_venue(doc, sent.mentions)) {
        return Some(v);
    }
    // summoning or expelling an envoy happens in the capital of the state
    // that acts: "China summoned Japan's ambassador" -> CN
    if subtype == "relations" {
        let word = &doc.lower[trigger_start..trigger_end];
        if word.starts_with("summon") || word.starts_with("expel") {
            return agents(&doc.locs(), sent.mentions_in(sent.start, trigger_start))
                .into_iter()
                .find(|m| m.code.as_deref().is_some_and(|c| !BLOCS.contains(&c)))
                .and_then(|m| m.code.clone());
        }
    }
    if subtype == "visit"
        && let Some(m) = clause.iter().filter(|m| m.start >= trigger_end).find(ok)
    {
        return m.code.clone();
    }
    clause
        .iter()
        .find(ok)
        .or_else(|| sent.mentions.iter().find(ok))
        .and_then(|m| m.code.clone())
}

/// Determiners after "welcomed" that make it a reaction to a decision or a
/// move ("welcomed the pledge"), not the hosting of a guest.
const REACTION_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "news",
];

/// The first `n` words after `pos` of `lower` (the lower-cased body),
/// trimmed of punctuation.
fn words_after(lower: &str, pos: usize, n: usize) -> Vec<&str> {
    crate::extract::window(lower, pos, pos + 80)
        .split_whitespace()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect()
}

/// "welcomed the pledge", "welcomes the decision": a reaction, not a meeting;
/// "welcomed the Ukrainian president" (a person or an official after the
/// determiner) is still hosting.
fn reaction(doc: &Doc, sent: &Sent, h: &crate::rules::Hit) -> bool {
    let word = &doc.lower[h.start..h.end];
    if !word.starts_with("welcom") {
        return false;
    }
    let next = words_after(&doc.lower, h.end, 3);
    if !next
        .first()
        .is_some_and(|w| REACTION_DETERMINERS.contains(w))
    {
        return false;
    }
    let guest = sent.mentions.iter().any(|m| {
        m.start >= h.end
            && m.start - h.end <= 30
            && matches!(
                m.kind,
                PlaceKind::Person | PlaceKind::Demonym | PlaceKind::Country
            )
    }) || next
        .iter()
        .skip(1)
        .any(|w| OFFICIAL_NOUNS.contains(w) && *w != "and");
    !guest
}

/// Verbs after "agreed to" that promise more contact or effort, not a deal.
const SOFT_VERBS: &[&str] = &[
    "stay",
    "keep",
    "continue",
    "remain",
    "work",
    "maintain",
    "coordinate",
    "cooperate",
    "consult",
    "deepen",
    "strengthen",
    "pursue",
    "explore",
    "discuss",
    "study",
    "consider",
    "look",
];

/// The bare verb "agreed" is an agreement only when nothing more specific
/// names what was agreed: "agreed to meet again" is the meeting, "agreed to
/// lift sanctions" the measure (anywhere in the sentence).
fn bare_agreed_covered(doc: &Doc, sent: &Sent, h: &crate::rules::Hit, ce: usize) -> bool {
    if !doc.body[h.start..h.end].eq_ignore_ascii_case("agreed") {
        return false;
    }
    // "agreed that ..." is a shared view; "agreed to stay in contact" an
    // intention to keep talking, not a concluded agreement
    let next = words_after(&doc.lower, h.end, 6);
    for (k, w) in next.iter().enumerate() {
        match *w {
            "that" => return true,
            "to" => {
                if next.get(k + 1).is_some_and(|v| SOFT_VERBS.contains(v)) {
                    return true;
                }
                break;
            }
            _ => {}
        }
    }
    let rules = doc.rules;
    sent.hits.iter().any(|x| {
        live_sanctions_trigger(doc, sent, x)
            || trigger_of(rules, x, Category::Procurement).is_some()
    }) || sent.hits_in(h.end, ce).any(|x| {
        trigger_of(rules, x, Category::Diplomacy).is_some_and(|(sub, _, _)| sub != "agreement")
    })
}

/// A sanctions trigger that counts in its sentence: a strong one, or one
/// that needs context ("a further", "lifted") with a sanctions word present.
fn live_sanctions_trigger(doc: &Doc, sent: &Sent, h: &crate::rules::Hit) -> bool {
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

/// Nouns for a government's own institutions and people: meeting them is
/// domestic politics.
const DOMESTIC_NOUNS: &[&str] = &[
    "officials",
    "official",
    "lawmakers",
    "legislators",
    "parliament",
    "parliamentarians",
    "mps",
    "deputies",
    "senators",
    "cabinet",
    "ministers",
    "governors",
    "mayors",
    "party",
    "commanders",
    "generals",
    "military",
    "army",
    "security",
    "opposition",
    "leaders",
    "business",
    "industry",
    "governors",
];

/// Whether the counterpart of the meeting at `hit` is the acting
/// government's own people: "with senior Ukrainian officials" when the actor
/// is Ukrainian, "with his own cabinet", "with parliament leaders".
fn domestic_counterpart(
    doc: &Doc,
    sent: &Sent,
    hit: &crate::rules::Hit,
    ce: usize,
    out: &[Candidate],
) -> bool {
    let lower = doc.lower.as_str();
    let after = crate::extract::window(lower, hit.end, ce);
    let Some(w) = crate::extract::find_str(after, "with ") else {
        return false;
    };
    if after[..w].split_whitespace().count() > 2 {
        return false;
    }
    let with_at = hit.end + w + "with ".len();
    let next: Vec<&str> = words_after(lower, with_at, 5);
    let fillers = [
        "senior",
        "top",
        "the",
        "his",
        "her",
        "their",
        "its",
        "own",
        "country's",
        "regional",
        "local",
        "national",
    ];
    let noun = next.iter().find(|w| !fillers.contains(w));
    // "with his own ministers", "with the party": no other state named
    let possessive_own = next
        .iter()
        .take(3)
        .any(|w| matches!(*w, "own" | "his" | "her" | "their"));
    if possessive_own && noun.is_some_and(|n| DOMESTIC_NOUNS.contains(n)) {
        return true;
    }
    // "with senior Ukrainian officials": the demonym of the acting government
    let actor = agents(&doc.locs(), sent.mentions_in(sent.start, hit.start))
        .into_iter()
        .find_map(|m| m.code.clone())
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
                DOMESTIC_NOUNS.contains(&w.trim_start_matches("'s").trim_end_matches("'s"))
            })
        })
        .is_some_and(|m| m.code.as_deref() == Some(actor.as_str()))
}

/// Nouns naming a reported act that a statement reacts to ("condemned the
/// move", "what it called a cowardly attack").
const REACTED_NOUNS: &[&str] = &[
    "move",
    "moves",
    "decision",
    "decisions",
    "step",
    "steps",
    "measure",
    "measures",
    "attack",
    "attacks",
    "strike",
    "strikes",
    "raid",
    "raids",
    "bombing",
    "sanctions",
    "designation",
    "designations",
    "listing",
    "ban",
    "bans",
    "action",
    "actions",
    "deployment",
    "annexation",
    "announcement",
    "killing",
    "killings",
    "incursion",
];

/// The parties addressed by a statement whose clause names only its speaker
/// and reacts to a reported act: the actors of the latest earlier event
/// (strike actor, sanctions imposer, buyer, or the other diplomatic
/// parties). `None` when the clause names no such act, when nothing was
/// reported before, or when speaker and addressee attack each other in the
/// story (a warring party's rhetoric about its own war).
fn reacted_to(
    doc: &Doc,
    cs: usize,
    ce: usize,
    speaker: &[String],
    out: &[Candidate],
) -> Option<Vec<String>> {
    let clause = crate::extract::window(&doc.lower, cs, ce);
    let names_act = clause
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .any(|w| REACTED_NOUNS.contains(&w));
    if !names_act {
        return None;
    }
    let actors = |c: &Candidate| -> Vec<String> {
        match &c.slots {
            EventSlots::Strike { actor, .. } => actor.iter().cloned().collect(),
            EventSlots::Sanctions { imposer, .. } => imposer.iter().cloned().collect(),
            EventSlots::Procurement { buyer, .. } => buyer.iter().cloned().collect(),
            EventSlots::Diplomacy { participants, .. } if c.subtype != "statement" => {
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
    let mut found: Vec<String> = Vec::new();
    for c in out.iter().filter(|c| c.sentence_idx == last) {
        for a in actors(c) {
            if !speaker.contains(&a) && !found.contains(&a) && !BLOCS.contains(&a.as_str()) {
                found.push(a);
            }
        }
    }
    // both sides attack each other: their words are part of their war
    let strikers: Vec<&String> = out
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

/// Lowercased words just before `pos`, nearest first.
/// `lower` is the lower-cased body.
fn words_before(lower: &str, pos: usize, n: usize) -> Vec<&str> {
    crate::extract::window(lower, pos.saturating_sub(80), pos)
        .split_whitespace()
        .rev()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect()
}

/// A trigger that reports no event: "without announcing an agreement",
/// "ended without a deal" (nothing was agreed); "choosing missiles over
/// negotiations", "prefers war to diplomacy" and "refuses to negotiate"
/// (a stance, not a meeting).
fn non_event(doc: &Doc, h: &crate::rules::Hit, subtype: &str) -> bool {
    // (the words before are read only for the two subtypes tested)
    if !matches!(subtype, "agreement" | "talks") {
        return false;
    }
    let word = &doc.lower[h.start..h.end];
    let before = words_before(&doc.lower, h.start, 3);
    if subtype == "agreement" && before.contains(&"without") {
        return true;
    }
    if subtype == "talks" {
        let first = before.first().copied();
        // "X over negotiations", "instead of talks", "rather than talks"
        if matches!(first, Some("over"))
            || (matches!(first, Some("of")) && before.get(1).is_some_and(|w| *w == "instead"))
            || (matches!(first, Some("than")) && before.get(1).is_some_and(|w| *w == "rather"))
        {
            return true;
        }
        // "refuses to negotiate", "unwilling to negotiate": the bare verb
        // after a refusal is a position, not a meeting
        if (word == "negotiate" || word == "talk")
            && matches!(first, Some("to"))
            && before.get(1).is_some_and(|w| {
                matches!(
                    *w,
                    "refuses" | "refused" | "refusing" | "unwilling" | "unprepared" | "reluctant"
                )
            })
        {
            return true;
        }
    }
    false
}

/// "in the Emirati capital", "in the country's capital" after a name, "in
/// France's capital": the country whose capital the meeting is in.
fn capital_venue(doc: &Doc, mentions: &[crate::gazetteer::Mention]) -> Option<String> {
    mentions.iter().find_map(|m| {
        let code = m.code.as_deref()?;
        if BLOCS.contains(&code) || !matches!(m.kind, PlaceKind::Demonym | PlaceKind::Country) {
            return None;
        }
        let rest =
            crate::extract::trim_start_str(&doc.body[m.end..], "'s").trim_start_matches('\'');
        let next = rest.split_whitespace().next().unwrap_or("");
        let capital = next
            .trim_matches(|c: char| !c.is_alphanumeric())
            .eq_ignore_ascii_case("capital");
        // (the words before matter only before "capital")
        if !capital {
            return None;
        }
        let before = words_before(&doc.lower, m.start, 2);
        let in_the = before.first().is_some_and(|w| *w == "the")
            && before
                .get(1)
                .is_some_and(|w| matches!(*w, "in" | "at" | "to"));
        let bare_in = before.first().is_some_and(|w| matches!(*w, "in" | "to"));
        (capital && (in_the || bare_in)).then(|| code.to_string())
    })
}

/// Whether a sentence reports separate interactions of one party with
/// several others: "each signed separate agreements with", "spoke
/// separately with", "had spoken to both leaders by phone".
fn separate_interactions(lower: &str, subtype: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("separate")
        || has("separately")
        || has("each") && !crate::extract::contains_str(lower, "each other")
    {
        return true;
    }
    // "spoke to both leaders by phone": two calls
    subtype == "call"
        && words.windows(2).any(|p| {
            p[0] == "both"
                && matches!(
                    p[1],
                    "leaders" | "presidents" | "men" | "ministers" | "counterparts" | "sides"
                )
        })
}

/// Titles of the leaders a "both leaders" refers back to.
const LEADER_TITLES: &[&str] = &[
    "president",
    "prime",
    "premier",
    "leader",
    "chancellor",
    "king",
    "emir",
    "sultan",
    "monarch",
];

/// The two governments named by "both leaders": the nearest earlier
/// sentence (a few back) naming exactly two leaders' governments other
/// than `speaker`.
fn both_leaders(doc: &Doc, sent: &Sent, speaker: &[String]) -> Option<Vec<String>> {
    // abbreviations ("U.S.") cut spans short: look back over more spans,
    // within a few sentences' length
    let mut end = sent.start;
    for _ in 0..6 {
        if end == 0 || sent.start - end > 600 {
            break;
        }
        let start = {
            let prev_end = doc.body[..end].trim_end().len();
            last_stop(crate::extract::window(
                doc.body,
                0,
                prev_end.saturating_sub(1),
            ))
            .map(|i| i + 1)
            .unwrap_or(0)
        };
        let a = doc.mentions.partition_point(|m| m.start < start);
        let b = doc.mentions.partition_point(|m| m.start < end);
        // leaders: a country or demonym before a leader's title ("Cambodian
        // Prime Minister", "Thailand's acting prime minister"), else named
        // people
        let leaders = |titled: bool| {
            let mut found: Vec<String> = Vec::new();
            for m in &doc.mentions[a..b.max(a)] {
                let Some(code) = &m.code else { continue };
                if speaker.contains(code) || found.contains(code) {
                    continue;
                }
                let leader = if titled {
                    matches!(m.kind, PlaceKind::Demonym | PlaceKind::Country)
                        && words_after(&doc.lower, m.end, 3)
                            .iter()
                            .any(|w| LEADER_TITLES.contains(w))
                } else {
                    matches!(m.kind, PlaceKind::Person)
                };
                if leader {
                    found.push(code.clone());
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
/// of the two presidents": a meeting of heads of state or government is a
/// summit.
fn leaders_meeting(doc: &Doc, h: &crate::rules::Hit, ce: usize) -> bool {
    let word = &doc.lower[h.start..h.end];
    if !matches!(word, "meeting" | "meetings" | "talks" | "encounter") {
        return false;
    }
    // the (at most 20) words after, cut at the clause's end; read only when
    // "between" or "of" is among the first five
    let upto = crate::extract::window(doc.body, h.end, ce)
        .split_whitespace()
        .take(20)
        .count();
    let next = || {
        crate::extract::window(&doc.lower, h.end, h.end + 80)
            .split_whitespace()
            .take(20.min(upto))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
    };
    let Some(k) = next().take(5).position(|w| matches!(w, "between" | "of")) else {
        return false;
    };
    let after: Vec<&str> = next().skip(k + 1).collect();
    if after
        .first()
        .is_some_and(|w| matches!(*w, "presidents" | "leaders"))
        || after
            .get(1)
            .is_some_and(|w| after[0] == "the" && matches!(*w, "presidents" | "leaders"))
    {
        return true;
    }
    after
        .iter()
        .filter(|w| matches!(**w, "president" | "prime" | "chancellor" | "king" | "emir"))
        .count()
        >= 2
}

/// Adds the diplomacy candidates of one sentence.
pub fn candidates(doc: &Doc, sent: &Sent, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let mut prev_subject: Option<Option<String>> = None;
    for &(cs, ce) in &sent.clauses {
        let mut found: Vec<(&str, &crate::rules::Hit, Option<Status>, f64)> = Vec::new();
        for h in sent.hits_in(cs, ce) {
            let Some((mut sub, st, _)) = trigger_of(rules, h, Category::Diplomacy) else {
                continue;
            };
            if sub == "talks" && leaders_meeting(doc, h, ce) {
                sub = "summit";
            }
            // "the summit's guests": a reference to an event, not a report of one
            let possessive = doc.body[h.end..].starts_with("'s ");
            if possessive
                || non_event(doc, h, sub)
                || reaction(doc, sent, h)
                || bare_agreed_covered(doc, sent, h, ce)
                || found.iter().any(|f| f.0 == sub)
                || traps::blocked(doc, sent, &rules.entry(h).id)
            {
                continue;
            }
            found.push((sub, h, st, rules.entry(h).weight));
        }
        // "agreed to lift sanctions", "signed a memorandum for two frigates":
        // the agreement is the measure or the arms deal, reported as such
        let measure = sent.hits_in(cs, ce).any(|h| {
            live_sanctions_trigger(doc, sent, h)
                || trigger_of(rules, h, Category::Procurement).is_some()
        });
        if measure {
            found.retain(|f| f.0 != "agreement");
        }
        // a named weapon system changing hands in the sentence ("handing two
        // Patriot systems to Ukraine"): the agreement or talks around it are
        // the arms deal, reported as procurement
        let arms_deal = sent
            .hits
            .iter()
            .any(|h| matches!(rules.entry(h).kind, crate::rules::Kind::System(_)))
            && sent
                .hits
                .iter()
                .any(|h| trigger_of(rules, h, Category::Procurement).is_some());
        if arms_deal {
            found.retain(|f| !matches!(f.0, "agreement" | "talks"));
        }
        // "the summit meeting", "a call ... to discuss", "a visit ... for
        // talks": one event, named by the more specific word before it
        if found
            .iter()
            .any(|f| matches!(f.0, "summit" | "call" | "visit"))
        {
            found.retain(|f| f.0 != "talks");
        }
        // "recalled its ambassador for consultations": the talks word after an
        // act on relations is part of that act
        if let Some(rel) = found.iter().find(|f| f.0 == "relations").map(|f| f.1.end) {
            found.retain(|f| f.0 != "talks" || f.1.start < rel);
        }
        for (subtype, hit, default, weight) in found {
            let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else {
                continue;
            };
            let clause_mentions = sent.mentions_in(cs, ce);
            let venue = venue(doc, sent, cs, ce, (hit.start, hit.end), subtype);
            // the governments acting in the clause, then in the sentence, and
            // the host country
            let mut participants = participant_codes(doc, clause_mentions);
            // (the sentence's codes copied only when new)
            for c in participant_iter(doc, sent.mentions) {
                if !participants.contains(c) {
                    participants.push(c.clone());
                }
            }
            if let Some(c) = &venue
                && !participants.contains(c)
            {
                participants.push(c.clone());
            }
            // "condemned the move", "called the attack a flagrant violation":
            // a statement that names only its speaker is addressed to the
            // party that acted in the event just reported
            if subtype == "statement" && participants.len() < 2 {
                for a in reacted_to(doc, cs, ce, &participants, out).unwrap_or_default() {
                    if !participants.contains(&a) {
                        participants.push(a);
                    }
                }
            }
            // "spoke to both leaders by phone": the two leaders named just
            // before
            if subtype == "call"
                && participants.len() < 2
                && {
                    let lower = &doc.lower[sent.start..sent.end];
                    crate::extract::contains_str(lower, "both leaders")
                        || crate::extract::contains_str(lower, "both presidents")
                }
                && let Some(two) = both_leaders(doc, sent, &participants)
            {
                participants.extend(two);
            }
            // "both sides", "the two countries": the parties of the meeting
            // just reported
            // (the sentence is lowercased only when the parties are missing)
            if participants.len() < 2
                && {
                    let lower = &doc.lower[sent.start..sent.end];
                    lower.starts_with("they ")
                        || ["both", "the two", "the three", "each other"]
                            .iter()
                            .any(|p| crate::extract::contains_str(lower, p))
                }
                && let Some(prev) = out
                    .iter()
                    .rev()
                    .find(|c| c.category == Category::Diplomacy && parts(c).0.len() >= 2)
            {
                for p in parts(prev).0 {
                    if !participants.contains(p) {
                        participants.push(p.clone());
                    }
                }
            }
            if participants.len() < 2 {
                let prev = prev_subject
                    .get_or_insert_with(|| previous_subject(doc, sent))
                    .clone();
                if let Some(p) = prev
                    && !participants.contains(&p)
                {
                    participants.insert(0, p);
                }
            }
            // "recalled its ambassador to Israel", "its envoy from Phnom
            // Penh": the state of the posting is the other party
            if subtype == "relations" {
                for m in clause_mentions.iter().filter(|m| {
                    m.start >= hit.end && governed_by(doc.body, m.start, &["to", "from"]) && {
                        let before =
                            crate::extract::window(&doc.lower, m.start.saturating_sub(30), m.start);
                        ["ambassador", "envoy", "embassy", "diplomat", "mission"]
                            .iter()
                            .any(|w| crate::extract::contains_str(before, w))
                    }
                }) {
                    if let Some(c) = &m.code
                        && !participants.contains(c)
                    {
                        participants.push(c.clone());
                    }
                }
            }
            if let Some(v) = &venue
                && subtype == "visit"
                && !participants.contains(v)
            {
                participants.push(v.clone());
            }
            if subtype == "visit" {
                // a visit is the visitor and the host: the acting government
                // before the trigger (else the previous sentence's subject) and
                // the country visited
                let body = doc.body;
                let not_host = |m: &&crate::gazetteer::Mention| m.code.is_some() && m.code != venue;
                // "a visit by Ukrainian President X to ...", "a visit to Berlin by X"
                let by = sent
                    .mentions_in(hit.end, ce)
                    .iter()
                    .filter(|m| m.start - hit.end < 80 && crate::extract::actors::is_agent_kind(m))
                    .find(|m| governed_by(body, m.start, &["by"]))
                    .and_then(|m| m.code.clone());
                // else the nearest acting government before the trigger
                let before = agents(&doc.locs(), sent.mentions_in(cs, hit.start))
                    .into_iter()
                    .rev()
                    .find(not_host)
                    .or_else(|| {
                        agents(&doc.locs(), sent.mentions)
                            .into_iter()
                            .filter(|m| m.end <= hit.start)
                            .find(not_host)
                    })
                    .and_then(|m| m.code.clone());
                let visitor = by
                    .or(before)
                    .or_else(|| {
                        prev_subject
                            .get_or_insert_with(|| previous_subject(doc, sent))
                            .clone()
                    })
                    .or_else(|| {
                        participants
                            .iter()
                            .find(|p| Some(*p) != venue.as_ref())
                            .cloned()
                    });
                let venue = venue.clone().or_else(|| previous_location(doc, sent));
                participants = visitor.into_iter().chain(venue).collect();
                participants.dedup();
            }
            // one named side is not an interaction between states
            if participants.len() < 2 {
                continue;
            }
            // a meeting with the government's own officials, lawmakers or
            // party is domestic politics
            if matches!(subtype, "talks" | "summit" | "visit")
                && domestic_counterpart(doc, sent, hit, ce, out)
            {
                continue;
            }
            // "no Russian representatives would attend": a party declining a
            // meeting already reported is part of that meeting
            if status == Status::Denied
                && !flat
                && crate::extract::contains_str(&doc.body[sent.start..sent.end], "attend")
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
                        && c.subtype == subtype
                        && c.status == status
                        && c.sentence_idx < sent.idx
                })
            {
                continue;
            }
            // "X and Y each signed separate agreements with Z", "spoke to
            // both leaders by phone": one event per counterpart of the party
            // they share (the one after "with", else the first named)
            let separate = matches!(subtype, "agreement" | "call")
                && participants.len() >= 3
                && separate_interactions(&doc.lower[sent.start..sent.end], subtype);
            // the separate deals of one occasion take its venue ("signed a
            // joint declaration at the White House ... each also signed
            // separate agreements")
            let venue = if separate && venue.is_none() {
                out.iter()
                    .rev()
                    .filter(|c| c.category == Category::Diplomacy && c.subtype == subtype)
                    .find(|c| participants.iter().all(|p| parts(c).0.contains(p)))
                    .and_then(|c| parts(c).1.clone())
            } else {
                venue
            };
            let groups: Vec<Vec<String>> = if separate {
                let hub = clause_mentions
                    .iter()
                    .filter(|m| m.start >= hit.end)
                    .find(|m| governed_by(doc.body, m.start, &["with"]))
                    .and_then(|m| m.code.clone())
                    .filter(|c| participants.contains(c))
                    .unwrap_or_else(|| participants[0].clone());
                participants
                    .iter()
                    .filter(|p| **p != hub)
                    .map(|p| vec![hub.clone(), p.clone()])
                    .collect()
            } else {
                vec![participants]
            };
            for participants in groups {
                out.push(Candidate {
                    category: Category::Diplomacy,
                    subtype: subtype.to_string(),
                    status,
                    flat_negation: flat,
                    slots: EventSlots::Diplomacy {
                        participants,
                        venue_country: venue.clone(),
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

fn parts(c: &Candidate) -> (&Vec<String>, &Option<String>) {
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
    // one of several separate interactions ("each signed separate
    // agreements"): kept apart unless the very same pair is already listed
    if c.tally {
        let same = events.iter().any(|e| {
            e.category == Category::Diplomacy
                && e.subtype == c.subtype
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
    let any_status = matches!(c.subtype.as_str(), "relations" | "statement") && settled(c.status);
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Diplomacy
            && e.subtype == c.subtype
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
                    np.push(x.clone());
                }
            }
            let nv = ev.clone().or(cv.clone());
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

/// "No Russian representatives would attend the meetings" is part of the
/// meeting it declines (the guide folds it into that event): a denied
/// meeting at the venue of a meeting that is still on is dropped.
pub fn fold_declined(events: &mut Vec<Candidate>) {
    let live: Vec<String> = events
        .iter()
        .filter(|e| e.category == Category::Diplomacy && e.status != Status::Denied)
        .filter_map(|e| parts(e).1.clone())
        .collect();
    events.retain(|e| {
        !(e.category == Category::Diplomacy
            && e.status == Status::Denied
            && !e.flat_negation
            && parts(e).1.as_ref().is_some_and(|v| live.contains(v)))
    });
}
