//! Procurement: a state or its forces acquiring military equipment (intent,
//! tender, approval, contract, delivery, aid, production).
//!
//! Every trigger needs a military object in its sentence (a system from
//! `weapons.toml` or a military-goods word), so "Emirates ordered 65
//! Boeing 777-9s" and a bus tender are not procurement. The system is as
//! named; the seller is the country named with it ("French Rafale", "from
//! Britain"), the giver of an aid delivery, or the system's origin; the buyer
//! the recipient ("sale to Ukraine") or the acting government.

use super::{Candidate, Doc, Sent, compatible, modality, traps, trigger_of, words_back};
use crate::extract::actors::is_agent_kind;
use crate::extract::systems::{part_before, quantity_before, systems_in, written_span};
use crate::gazetteer::Mention;
use crate::model::{Category, CountryCode, EventSlots, Subtype};
use crate::rules::{Frame, Hit, Kind, LexiconId, RuleSet};

/// Lexicons of `procurement.toml` read here (their names).
const FOLLOW_UP_SUBJECTS: LexiconId = LexiconId::named("procurement.follow_up_subjects");
const FOLLOW_UP_COUNTERS: LexiconId = LexiconId::named("procurement.follow_up_counters");
const STATE_BODIES: LexiconId = LexiconId::named("procurement.state_bodies");
const FIRM_NOUNS: LexiconId = LexiconId::named("procurement.firm_nouns");
const STATE_BODY_HEADS: LexiconId = LexiconId::named("procurement.state_body_heads");
const COMPANY_NOUNS: LexiconId = LexiconId::named("procurement.company_nouns");
const COMPANY_NAME_ENDS: LexiconId = LexiconId::named("procurement.company_name_ends");
const OBJECT_ENDS: LexiconId = LexiconId::named("procurement.object_ends");
const SUPPLIER_OBJECT_VERBS: LexiconId = LexiconId::named("procurement.supplier_object_verbs");
const PARTITIVES: LexiconId = LexiconId::named("procurement.partitives");
const SUPPLIER_PREPOSITIONS: LexiconId = LexiconId::named("procurement.supplier_prepositions");
const SUPPLIER_DETERMINERS: LexiconId = LexiconId::named("procurement.supplier_determiners");
const SINGULAR_ENDINGS: LexiconId = LexiconId::named("procurement.singular_endings");

/// The count of a delivery before `pos` (clause start `cs`): the part
/// handed over when the story writes "the first two of six" or "the first
/// of two" (lexicons `procurement.follow_up_counters`,
/// `procurement.partitives`), else the count written there.
fn delivered_count(doc: &Doc<'_>, subtype: Subtype, cs: usize, pos: usize) -> Option<u64> {
    let part = || part_before(doc.rules, doc.body, cs, pos, FOLLOW_UP_COUNTERS, PARTITIVES);
    (subtype == Subtype::Delivery)
        .then(part)
        .flatten()
        .or_else(|| quantity_before(doc.rules, doc.body, cs, pos))
}

/// The recipient written as the first object of a giving trigger, before
/// the goods ("gave the Ukrainian army 20 tanks", "will send Latvia 30
/// armoured vehicles"): a country mention right after the trigger (past a
/// word of `procurement.supplier_determiners`), a word or more before the
/// goods named after it, and not written into a compound ("Russian-made").
fn first_object(doc: &Doc<'_>, sent: &Sent<'_>, hit: &Hit, ce: usize) -> Option<CountryCode> {
    let m = sent
        .mentions_in(hit.end, ce)
        .iter()
        .find(|m| m.start >= hit.end)?;
    let gap_ok = doc.lower[hit.end..m.start]
        .split_ascii_whitespace()
        .all(|w| doc.rules.in_lexicon(SUPPLIER_DETERMINERS, w));
    let goods = sent.hits_in(m.end, ce).find(|h| is_goods(doc.rules, h))?;
    let between = doc.body[m.end..goods.start].trim();
    (gap_ok && doc.body[m.end..].starts_with(char::is_whitespace) && !between.is_empty())
        .then_some(m.code)
        .flatten()
}

/// Whether the mention `[start, end)` is named as the supplier: right
/// after a word of `procurement.supplier_prepositions` ("from Britain",
/// "with France"), or past a word of `procurement.supplier_determiners`
/// when the goods are named after it ("with the Spanish shipyard X for two
/// patrol vessels", not "to patrol with the Togolese navy").
fn named_supplier(doc: &Doc<'_>, sent: &Sent<'_>, ce: usize, start: usize, end: usize) -> bool {
    let mut words = words_back(&doc.lower, start);
    let w = words.next().unwrap_or("");
    if doc.rules.in_lexicon(SUPPLIER_PREPOSITIONS, w) {
        return true;
    }
    doc.rules.in_lexicon(SUPPLIER_DETERMINERS, w)
        && doc
            .rules
            .in_lexicon(SUPPLIER_PREPOSITIONS, words.next().unwrap_or(""))
        && goods_before(doc, sent, end, ce)
}

/// Whether a word of lexicon `procurement.state_bodies` follows a country
/// name ending at `end`, after its possessive: "India's Defence Ministry",
/// "Poland's Armament Agency", "the Philippine navy".
fn state_body_after(doc: &Doc<'_>, end: usize) -> bool {
    let rest = &doc.lower[end..];
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("\u{2019}s"))
        .unwrap_or(rest);
    let words: Vec<&str> = rest
        .split_ascii_whitespace()
        .take(STATE_BODY_WORDS)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    (1..=words.len()).any(|n| doc.rules.in_lexicon(STATE_BODIES, &words[..n].join(" ")))
}

/// Whether the country or nationality mention `m` only tells a company's
/// nationality, so names no party to a purchase (the event guide's buyer is
/// a state, its armed forces or a defence body): a possessive before a name
/// that is no state body and no other mention ("Germany's Rheinmetall", not
/// "India's Defence Ministry", "Turkey's Defence Industry Agency" (a word of
/// `procurement.state_body_heads` in its first few words) nor "Ukraine's
/// Zelenskiy"), or a word of
/// `procurement.firm_nouns` within a few words after it ("the British
/// group", "a German arms maker").
fn company_nationality(doc: &Doc<'_>, sent: &Sent<'_>, m: &Mention) -> bool {
    let rest = &doc.body[m.end..];
    if let Some(after) = rest
        .strip_prefix("'s ")
        .or_else(|| rest.strip_prefix("\u{2019}s "))
    {
        let at = doc.body.len() - after.len();
        let named = after.starts_with(|c: char| c.is_ascii_uppercase());
        let other = sent.mentions.iter().any(|o| o.start == at);
        let body_head = doc.lower[at..]
            .split_ascii_whitespace()
            .take(STATE_BODY_WORDS)
            .take_while(|w| !w.ends_with(','))
            .map(bare_name_word)
            .any(|w| doc.rules.in_lexicon(STATE_BODY_HEADS, w));
        return named && !other && !body_head && !state_body_after(doc, m.end);
    }
    doc.lower[m.end..]
        .split_ascii_whitespace()
        .take(FIRM_NOUN_REACH)
        .map(bare_name_word)
        .any(|w| doc.rules.in_lexicon(FIRM_NOUNS, w))
}

/// A word of a name without its possessive and punctuation ("agency's," ->
/// "agency").
fn bare_name_word(w: &str) -> &str {
    w.trim_end_matches("'s")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// How many words after a nationality a word of `procurement.firm_nouns`
/// may come ("a German arms maker").
const FIRM_NOUN_REACH: usize = 3;

/// The most words of an entry of `procurement.state_bodies`.
const STATE_BODY_WORDS: usize = 4;

/// How far back from a delivery verb its follow-up subject may start
/// (bytes): "its sister ship, the BRP Rizal, is due to arrive".
const FOLLOW_UP_REACH: usize = 60;

/// Whether the clause before a delivery verb at `pos` (clause start `cs`)
/// names part of an order already reported: a phrase of lexicon
/// `procurement.follow_up_subjects` ("the first aircraft", "its sister
/// ship") in the few words before it, or a word of
/// `procurement.follow_up_counters` and a number right before it ("the
/// remaining four are expected next year"). Such a subject points back to
/// the goods, so the sentence needs no military word of its own.
fn follow_up_subject(doc: &Doc<'_>, cs: usize, pos: usize) -> bool {
    let rules = doc.rules;
    let before =
        crate::extract::window(&doc.lower, cs.max(pos.saturating_sub(FOLLOW_UP_REACH)), pos);
    if rules.lexicon(FOLLOW_UP_SUBJECTS).occurs_in(before) {
        return true;
    }
    let toks = crate::extract::numbers::tokens(before, 0, before.len());
    let n = toks.len();
    n >= 2
        && rules.in_lexicon(FOLLOW_UP_COUNTERS, toks[n - 2].text)
        && crate::extract::numbers::number_at(rules, &toks, n - 1)
            .is_some_and(|x| x.len == 1 && !x.money && !x.article)
}

/// Greatest number of words read as the object of a trigger.
const OBJECT_WORDS: usize = 8;

const DEAL_NOUNS: LexiconId = LexiconId::named("procurement.deal_nouns");

/// The deal frame (`frame = "deal_object"`): an approving or signing verb
/// is a procurement stage only with a word of `procurement.deal_nouns` in
/// its object, the words after it up to a word of `procurement.object_ends`
/// ("approved the $2 billion sale of", "signed a $600 million deal with",
/// "approved buying"), not "approved the budget" nor "signed a decree";
/// and the goods of the deal are named in the trigger's clause ("after
/// Washington approved the transfer" points back to a deal told before).
/// True for a trigger without the frame.
pub(crate) fn deal_frame_holds(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    let rules = doc.rules;
    if !rules.has_frame(h, Frame::DealObject) {
        return true;
    }
    let (cs, ce) = sent.clause_of(h.start);
    sent.hits_in(cs, ce).any(|g| is_goods(rules, g))
        && crate::extract::window(&doc.lower, h.end, ce.max(h.end))
            .split_ascii_whitespace()
            .take(OBJECT_WORDS)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .take_while(|w| !rules.in_lexicon(OBJECT_ENDS, w))
            .any(|w| rules.in_lexicon(DEAL_NOUNS, w))
}

/// A company bought, not goods: a word of `procurement.company_nouns` in
/// the object of the trigger at `h`, the words after it up to a word of
/// `procurement.object_ends` ("agreed to buy U.S. ammunition maker X for
/// ...", "to acquire a maker of drone engines", "bought a stake in"). A
/// defence firm's takeover is no acquisition of equipment by a state. Not
/// asked of a verb whose object is the supplier (`procurement.supplier_object_verbs`:
/// "awarded U.S. maker X a contract"). A capitalised word of
/// `procurement.company_name_ends` in the object is the end of a
/// company's name and so a company too ("completed its purchase of Ball
/// Aerospace", "agreed to buy Hensoldt Holdings"), not goods ("bought
/// Patriot systems").
fn company_object(doc: &Doc<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    let verb = doc.lower[h.start..h.end]
        .split_ascii_whitespace()
        .next()
        .unwrap_or("");
    if rules.in_lexicon(SUPPLIER_OBJECT_VERBS, verb) {
        return false;
    }
    // a trigger ending in a word of `procurement.object_ends` ("a contract
    // with") is followed by the counterpart, not by what is bought: a
    // company's name there is the supplier
    let counterpart = doc.lower[h.start..h.end]
        .split_ascii_whitespace()
        .next_back()
        .is_some_and(|w| rules.in_lexicon(OBJECT_ENDS, w));
    // `lower` is `body` lower-cased in ASCII: the same words at the same
    // offsets
    crate::extract::window(&doc.lower, h.end, ce)
        .split_ascii_whitespace()
        .zip(crate::extract::window(doc.body, h.end, ce).split_ascii_whitespace())
        .take(OBJECT_WORDS)
        .map(|(w, orig)| {
            (
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
                orig.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
            )
        })
        .take_while(|(w, _)| !rules.in_lexicon(OBJECT_ENDS, w))
        .any(|(w, orig)| {
            rules.in_lexicon(COMPANY_NOUNS, w)
                || !counterpart
                    && orig.starts_with(|c: char| c.is_ascii_uppercase())
                    && rules.in_lexicon(COMPANY_NAME_ENDS, w)
        })
}

fn slots(
    c: &Candidate,
) -> (
    &Option<CountryCode>,
    &Option<CountryCode>,
    &Option<String>,
    &Option<u64>,
) {
    match &c.slots {
        EventSlots::Procurement {
            buyer,
            seller,
            system,
            quantity,
        } => (buyer, seller, system, quantity),
        _ => unreachable!("procurement candidate with other slots"),
    }
}

/// Words that, between a country and a system, mean the country is not its
/// maker ("sold to Poland F-35s", "for Ukraine NASAMS"), where a short gap
/// of other words still names the maker ("French Rafale", "U.S.-made F-35").
const MAKER_BLOCKERS: LexiconId = LexiconId::named("procurement.maker_blockers");
/// Words before a system that make it the target, not the thing bought
/// ("to help shoot down Russia's Shahed drones").
const COUNTER_WORDS: LexiconId = LexiconId::named("procurement.counter_words");
/// Verbs of arrival (see [`is_arrival`]).
const ARRIVAL_VERBS: LexiconId = LexiconId::named("procurement.arrival_verbs");
/// The prepositions before a recipient ("to Ukraine", "for the navy"), and
/// the one before the place of a delivery right after its verb ("delivered
/// in Poland").
const RECIPIENT_PREPOSITIONS: LexiconId = LexiconId::named("procurement.recipient_prepositions");
const DELIVERY_PLACE_PREPOSITIONS: LexiconId =
    LexiconId::named("procurement.delivery_place_prepositions");
/// What may open a sentence before the state body that buys ("The Indian
/// Defence Ministry").
const OPENING_DETERMINERS: LexiconId = LexiconId::named("procurement.opening_determiners");

/// The mentions naming the maker of a system at `pos`: the contiguous chain
/// right before it ("French-Italian SAMP/T" gives both).
fn makers<'m>(doc: &Doc<'_>, sent: &Sent<'m>, pos: usize) -> Vec<&'m Mention> {
    let body = doc.body;
    let mut out: Vec<&Mention> = Vec::new();
    let mut next = pos;
    for m in sent.mentions.iter().rev().filter(|m| m.end <= pos) {
        let gap = &body[m.end..next];
        // a procurement trigger between them makes the country its actor,
        // not the maker ("Nigeria bought 12 A-29 aircraft")
        if sent
            .hits_in(m.end, next)
            .any(|h| trigger_of(doc.rules, h, Category::Procurement).is_some())
        {
            break;
        }
        let mut words = gap
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let ok = words.clone().count() <= 2
            && !gap.contains([',', ';', '.', '('])
            && !words.any(|w| doc.rules.lexicon(MAKER_BLOCKERS).contains_any_case(w));
        if !ok || m.code.is_none() {
            break;
        }
        out.insert(0, m);
        next = m.start;
    }
    out
}

/// Whether a word of `procurement.counter_words` comes in the few words
/// before a system: it is the target, not the thing bought.
/// `lower` is the lower-cased body.
fn is_target(rules: &RuleSet, lower: &str, pos: usize) -> bool {
    let before = crate::extract::window(lower, pos.saturating_sub(40), pos);
    rules.lexicon(COUNTER_WORDS).occurs_in(before)
}

/// Whether trigger phrase `w` (lower case) is a verb of arrival, or ends
/// with one: a delivery only when the goods are its subject ("the first
/// launchers have arrived", "the jets are now in Ukraine"), not when a
/// minister arrives to talk about them.
fn is_arrival(rules: &RuleSet, w: &str) -> bool {
    rules.lexicon(ARRIVAL_VERBS).ends(w)
}

/// Whether the goods named by `goods` are used in an attack, not traded:
/// an attack cue is the next word ("drones hit the pumping station", "after
/// a drone attack"). "Supplied the drones that hit Kyiv" still trades them.
fn in_combat(doc: &Doc<'_>, sent: &Sent<'_>, goods: &Hit) -> bool {
    sent.hits_near(goods.end, goods.end + 2).iter().any(|h| {
        h.start > goods.end
            && doc.body[goods.end..h.start]
                .bytes()
                .all(|b| b == b' ' || b == b'-')
            && doc.rules.entry(h).kind == Kind::Attack
    })
}

/// Whether a military good or a system is named in the clause before `pos`.
fn goods_before(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, pos: usize) -> bool {
    sent.hits_in(cs, pos).any(|h| is_goods(doc.rules, h))
}

/// Whether `h` names military goods: a weapon system or a word of a
/// procurement `context` rule.
pub(crate) fn is_goods(rules: &RuleSet, h: &Hit) -> bool {
    matches!(
        rules.entry(h).kind,
        Kind::System(_)
            | Kind::Context {
                category: Category::Procurement
            }
    )
}

/// Whether the sentence names military goods that change hands, not only
/// goods used in an attack (see [`in_combat`]): what a procurement trigger
/// needs in its sentence, a follow-up aside.
pub(crate) fn trades_goods(doc: &Doc<'_>, sent: &Sent<'_>) -> bool {
    sent.hits
        .iter()
        .any(|h| is_goods(doc.rules, h) && !in_combat(doc, sent, h))
}

/// Adds the procurement candidates of one sentence.
pub fn candidates(doc: &Doc<'_>, sent: &Sent<'_>, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let military = trades_goods(doc, sent);
    // an earlier event of the story a follow-up delivery may point back to
    let earlier = out.iter().any(|c| c.category == Category::Procurement);
    if !military && !earlier {
        return;
    }
    for &(cs, ce) in &sent.clauses {
        // a delivery of the rest of an order reported before ("the remaining
        // four are expected next year")
        let follow_up = |h: &Hit, subtype: Subtype| {
            earlier && subtype == Subtype::Delivery && follow_up_subject(doc, cs, h.start)
        };
        let Some(hit) = sent.hits_in(cs, ce).find(|h| {
            let Some((subtype, _, _)) = trigger_of(rules, h, Category::Procurement) else {
                return false;
            };
            if traps::blocked(doc, sent, &rules.entry(h).id) || !deal_frame_holds(doc, sent, h) {
                return false;
            }
            // (with goods of its own, "cleared the purchase of 44 tanks"
            // approves them)
            if rules.has_frame(h, Frame::FollowUpApproval) && !military {
                return earlier;
            }
            if !military || rules.has_frame(h, Frame::FollowUpDelivery) {
                return follow_up(h, subtype);
            }
            !is_arrival(rules, &doc.lower[h.start..h.end]) || goods_before(doc, sent, cs, h.start)
        }) else {
            continue;
        };
        if company_object(doc, hit, ce) {
            continue;
        }
        let (subtype, default, _) =
            trigger_of(rules, hit, Category::Procurement).unwrap_or((Subtype::Intent, None, false));
        let follow = !military || rules.has_frame(hit, Frame::FollowUpDelivery);
        // an approval of the order reported before is of all of it
        let approves_earlier = rules.has_frame(hit, Frame::FollowUpApproval) && !military;
        let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else {
            continue;
        };
        let weight = rules.entry(hit).weight;
        let mut systems = systems_in(rules, sent.hits, cs, ce);
        if systems.is_empty() {
            systems = systems_in(rules, sent.hits, sent.start, sent.end);
        }
        systems.retain(|s| !is_target(rules, &doc.lower, s.start));
        // makers named with the systems are sellers, never buyers
        let goods: Vec<usize> = sent
            .hits
            .iter()
            .filter(|h| {
                matches!(
                    rules.entry(h).kind,
                    Kind::Context {
                        category: Category::Procurement
                    }
                )
            })
            .map(|h| h.start)
            .collect();
        let maker_spans: Vec<(usize, usize)> = systems
            .iter()
            .map(|s| s.start)
            .chain(goods.iter().copied())
            .flat_map(|p| makers(doc, sent, p))
            .map(|m| (m.start, m.end))
            .collect();
        let is_maker = |m: &Mention| maker_spans.contains(&(m.start, m.end));
        // the recipient: "sale to Ukraine", "systems to Kyiv", "are now in Ukraine"
        let near = |m: &&Mention| {
            let anchor = systems
                .iter()
                .map(|s| s.end)
                .filter(|&e| e <= m.start)
                .max()
                .unwrap_or(hit.end)
                .max(hit.end);
            m.start >= hit.end && m.start - anchor <= 60
        };
        let recipient = sent
            .mentions_in(cs, ce)
            .iter()
            .filter(near)
            .filter(|m| m.code.is_some() && !is_maker(m) && !company_nationality(doc, sent, m))
            .find(|m| {
                let w = words_back(&doc.lower, m.start).next().unwrap_or("");
                rules.in_lexicon(RECIPIENT_PREPOSITIONS, w)
                    || subtype == Subtype::Delivery
                        && rules.in_lexicon(DELIVERY_PLACE_PREPOSITIONS, w)
                        && m.start - hit.end <= 4
            })
            .and_then(|m| m.code)
            .or_else(|| {
                matches!(subtype, Subtype::Delivery | Subtype::Aid)
                    .then(|| first_object(doc, sent, hit, ce))
                    .flatten()
            });
        let from = sent
            .mentions_in(cs, ce)
            .iter()
            .find(|m| m.code.is_some() && named_supplier(doc, sent, ce, m.start, m.end))
            .and_then(|m| m.code);
        let subject_mention = sent.mentions.iter().find(|m| {
            m.end <= hit.start
                && m.code.is_some()
                && is_agent_kind(m)
                && !doc.is_location(m)
                && !is_maker(m)
                && !company_nationality(doc, sent, m)
        });
        let subject = subject_mention.and_then(|m| m.code);
        // "India's Defence Ministry signed ... for 97 Tejas": a state body
        // buying from its own industry is the buyer though it is the seller
        // (the body opens the sentence: not "an arrangement with the U.S.
        // Defense Department")
        let own_state_buys = subject_mention.is_some_and(|m| {
            let opening = doc.lower[sent.start..m.start].trim();
            (opening.is_empty() || rules.in_lexicon(OPENING_DETERMINERS, opening))
                && state_body_after(doc, m.end)
        });
        let giver = matches!(subtype, Subtype::Delivery | Subtype::Aid) && recipient.is_some();
        // (an approval of "the purchase" is of the last order, not of a
        // delivery reported since)
        let previous = out
            .iter()
            .rev()
            .filter(|c| c.category == Category::Procurement)
            .find(|c| !approves_earlier || c.subtype == Subtype::Contract)
            .or_else(|| {
                out.iter()
                    .rev()
                    .find(|c| c.category == Category::Procurement)
            })
            .cloned();
        let mut push =
            |system: Option<String>, seller: Option<CountryCode>, quantity: Option<u64>| {
                // a follow-up delivery is the earlier order's, whoever speaks of it
                let earlier_buyer = || previous.as_ref().and_then(|p| *slots(p).0);
                let buyer = recipient
                    .or_else(|| if follow { earlier_buyer() } else { None })
                    .or_else(|| subject.filter(|s| Some(s) != seller.as_ref() || own_state_buys))
                    .or_else(|| {
                        sent.mentions
                            .iter()
                            .filter(|m| is_agent_kind(m) && !is_maker(m))
                            .filter(|m| !company_nationality(doc, sent, m))
                            .filter_map(|m| m.code)
                            .find(|c| Some(c) != seller.as_ref())
                    })
                    .or_else(|| previous.as_ref().and_then(|p| *slots(p).0));
                // "the Lockheed Martin jets", "40 of the fighters": the system named before
                let (system, seller) = match (&system, &previous) {
                    (None, Some(p))
                        if subtype != Subtype::Tender
                            && slots(p).2.is_some()
                            && (buyer.is_none() || slots(p).0 == &buyer) =>
                    {
                        (slots(p).2.clone(), seller.or_else(|| *slots(p).1))
                    }
                    // a follow-up or an approval of the order before is
                    // that order's, its supplier too ("the first ship would
                    // arrive in 2026", "cleared the purchase")
                    (None, Some(p)) if follow || approves_earlier => (None, seller.or(*slots(p).1)),
                    _ => (system, seller),
                };
                let quantity = match &previous {
                    Some(p) if approves_earlier => quantity.or(*slots(p).3),
                    _ => quantity,
                };
                // an acquisition "by a state or its armed forces" (event
                // guide): with no state on either side it is industry news
                // or analysis ("new plants will take years to build")
                if buyer.is_none() && seller.is_none() {
                    return;
                }
                out.push(Candidate {
                    category: Category::Procurement,
                    subtype,
                    status,
                    flat_negation: flat,
                    slots: EventSlots::Procurement {
                        buyer,
                        seller,
                        system,
                        quantity,
                    },
                    sentence: (sent.start, sent.end),
                    trigger: hit.start,
                    weight,
                    sentence_idx: sent.idx,
                    tally: false,
                });
            };
        if systems.is_empty() || subtype == Subtype::Tender {
            // a tender names options, not the system bought; without a
            // system the count goes with a military-goods noun ("48 jets")
            // a follow-up's count is its subject's ("the remaining four")
            let mut quantity = if follow {
                delivered_count(doc, subtype, cs, hit.start)
            } else {
                None
            };
            let mut seller = from;
            for h in sent.hits_in(cs, ce) {
                if let Kind::Context {
                    category: Category::Procurement,
                } = rules.entry(h).kind
                {
                    quantity = quantity.or_else(|| delivered_count(doc, subtype, cs, h.start));
                    // (the recipient named before the goods is no maker:
                    // "send Latvia 30 armoured vehicles")
                    seller = seller.or_else(|| {
                        makers(doc, sent, h.start)
                            .first()
                            .and_then(|m| m.code)
                            .filter(|c| Some(*c) != recipient)
                    });
                }
            }
            if subtype == Subtype::Tender {
                seller = None;
            } else if approves_earlier {
                // the approving body is no seller: the order's is
                seller = None;
            } else if giver || matches!(subtype, Subtype::Approval | Subtype::Production) {
                seller = seller.or(subject);
            }
            push(None, seller, quantity);
            continue;
        }
        if subtype == Subtype::Production && !sent.mentions.iter().any(is_agent_kind) {
            // a company's production plans are not a state's acquisition
            continue;
        }
        // one system per clause: the first named is the one bought ("Patriot
        // equipment ... together with Starlink")
        for sh in systems.iter().take(1) {
            let named = makers(doc, sent, sh.start)
                .first()
                .and_then(|m| m.code)
                .filter(|c| Some(*c) != recipient);
            // an export approval is given by the exporting state: "Washington
            // approved the possible sale to Egypt of NASAMS" -> US; unless
            // the supplier is named as such: then the approver buys
            // ("India cleared plans to buy 26 Rafales from France" -> FR)
            let seller = if subtype == Subtype::Production {
                // production under licence: the licensor is the system's
                // maker ("Poland will build K2 tanks under licence" -> KR)
                named.or(sh.system.origin).or(subject)
            } else if (giver || subtype == Subtype::Approval) && named.is_none() {
                from.or(subject).or(sh.system.origin)
            } else {
                named.or(from).or(sh.system.origin)
            };
            let quantity = delivered_count(doc, subtype, cs.min(sh.start), sh.start);
            push(Some(sh.system.name.clone()), seller, quantity);
        }
    }
}

/// Writes each event's system as the story names it ("AH-64E Apache",
/// "Rafale Marine"), after merging (which compares the lexicon's names): the
/// alias hit of that system in the evidence sentence, else the last one
/// before it, widened over a model designator; a plural is made singular.
pub fn systems_as_written(rules: &RuleSet, body: &str, hits: &[Hit], events: &mut [Candidate]) {
    for e in events
        .iter_mut()
        .filter(|e| e.category == Category::Procurement)
    {
        let EventSlots::Procurement {
            system: Some(name), ..
        } = &mut e.slots
        else {
            continue;
        };
        let (ss, se) = e.sentence;
        let of_system = |h: &&Hit| matches!(rules.entry(h).kind, Kind::System(i) if rules.systems[i].name == *name);
        // the catalogue name where the sentence also writes it ("Extended
        // Range Attack Munition (ERAM)"), else the first alias
        let in_sentence = || hits.iter().filter(|h| h.start >= ss && h.end <= se);
        let Some(hit) = in_sentence()
            .filter(of_system)
            .find(|h| body[h.start..h.end].eq_ignore_ascii_case(name))
            .or_else(|| in_sentence().find(of_system))
            .or_else(|| hits.iter().filter(|h| h.end <= ss).rfind(of_system))
        else {
            continue;
        };
        let (ws, we) = written_span(body, hit.start, hit.end);
        let mut written = &body[ws..we];
        if written.ends_with('s')
            && !rules.lexicon(SINGULAR_ENDINGS).suffixes(written)
            && !name.ends_with(['s', 'S'])
            && written.len() > 3
        {
            written = &written[..written.len() - 1];
        }
        // a spelled-out name of an acronym ("Extended Range Attack Munition"
        // for ERAM) keeps the short name the story's readers search for
        let initials: String = written
            .split_ascii_whitespace()
            .filter_map(|w| w.chars().next())
            .collect();
        if written.split_ascii_whitespace().count() > 1 && initials.eq_ignore_ascii_case(name) {
            continue;
        }
        *name = written.to_string();
    }
}

/// Folds a candidate into an earlier one of the same subtype and status
/// whose system and buyer agree, else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (cb, cs, csys, cq) = slots(&c);
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Procurement && e.subtype == c.subtype && e.status == c.status
    }) {
        let (eb, es, esys, eq) = slots(e);
        if compatible(esys, csys) && compatible(eb, cb) && compatible(eq, cq) {
            e.slots = EventSlots::Procurement {
                buyer: (*eb).or(*cb),
                seller: (*es).or(*cs),
                system: esys.clone().or(csys.clone()),
                quantity: eq.or(*cq),
            };
            e.weight = e.weight.max(c.weight);
            return;
        }
    }
    events.push(c);
}

#[cfg(test)]
mod tests {
    //! The procurement vocabulary and frames on sentences of their own (not
    //! taken from any evaluation set), against the shipped `config/rules`.
    use crate::classify::test_support::subtypes;
    use crate::model::Category;

    fn procurement(body: &str) -> Vec<String> {
        subtypes(body, Category::Procurement)
    }

    #[test]
    fn a_company_named_as_what_is_bought_is_a_takeover() {
        // a capitalised company-name ending in the object: a firm is bought
        for s in [
            "Leonardo completed its $1.2 billion purchase of Kinetic Dynamics on Monday, expanding the Italian group's radar and missile business in the United States.",
            "Hanwha agreed a $3 billion purchase of Austal Holdings, adding shipyards in Australia that build warships and frigates.",
            "Rheinmetall announced the purchase of Lurssen Shipyards for an undisclosed sum, taking over yards in Germany that build frigates.",
        ] {
            assert!(procurement(s).is_empty(), "{s}: {:?}", procurement(s));
        }
        // the supplier after "a contract with", and goods bought by a state, stay
        assert_eq!(
            procurement(
                "Australia plans to sign a contract with Mitsubishi Heavy Industries for 11 frigates early next year."
            )
            .len(),
            1
        );
        assert_eq!(
            procurement(
                "The Polish defence ministry bought 96 Apache helicopters from the United States on Tuesday."
            )
            .len(),
            1
        );
    }

    #[test]
    fn an_approving_or_signing_verb_needs_a_deal_in_its_object() {
        assert_eq!(
            procurement(
                "The State Department approved the $1.2 billion sale of 300 Hellfire missiles to Morocco."
            ),
            ["approval"]
        );
        assert_eq!(
            procurement(
                "Romania signed a $900 million deal with South Korea for 54 K9 howitzers on Monday."
            ),
            ["contract"]
        );
        assert_eq!(
            procurement("The Dutch cabinet approved buying 46 new tanks from Germany."),
            ["approval"]
        );
        // no deal in the object, or the deal's goods told elsewhere
        assert!(
            procurement("The Dutch cabinet approved the annual defence budget on Tuesday, including money for new tanks.")
                .is_empty()
        );
        assert!(procurement("Poland signed a decree on the use of military drones.").is_empty());
    }

    #[test]
    fn an_aircraft_carrier_and_fighters_are_no_airline_business() {
        // "carrier" is the airline trap's word; fighters and an aircraft
        // carrier lift it
        assert_eq!(
            procurement(
                "Brazil signed an agreement with Sweden to buy 12 more Gripen fighters for its aircraft carrier programme, the defence ministry said."
            ),
            ["contract"]
        );
    }

    #[test]
    fn a_pick_and_a_receipt_are_procurement_stages() {
        assert_eq!(
            procurement(
                "Austria picked the Italian-made M-346 as its new jet trainer, the defence ministry said."
            ),
            ["intent"]
        );
        assert_eq!(
            procurement(
                "Estonia has received six HIMARS launchers from the United States, the defence forces said."
            ),
            ["delivery"]
        );
    }

    #[test]
    fn an_agent_after_a_passive_delivery_is_no_company_bought() {
        // "by the shipbuilder" names who handed them over, not a takeover
        assert_eq!(
            procurement(
                "Three new corvettes joined the Omani navy on Sunday, handed over by the shipbuilder."
            ),
            ["delivery"]
        );
    }

    #[test]
    fn an_approval_of_a_purchase_with_its_goods_approves_them() {
        assert_eq!(
            procurement(
                "Oslo's parliament cleared the purchase of 12 K9 howitzers from South Korea."
            ),
            ["approval"]
        );
    }

    #[test]
    fn goods_used_in_an_attack_are_not_traded() {
        for s in [
            "Officials said a blaze broke out at a refinery after a drone attack but gave no figures for the damage.",
            "Drones struck a fuel depot near the port overnight, halting deliveries of diesel for two days.",
        ] {
            assert!(procurement(s).is_empty(), "{s}");
        }
        // goods traded, even when the sentence also tells what they did
        assert_eq!(
            procurement("Iran has delivered drones to Russia, a U.S. official said on Monday."),
            ["delivery"]
        );
        assert_eq!(
            procurement(
                "Germany will send four more drones that hit targets at long range, its defence minister said."
            ),
            ["aid"]
        );
    }

    #[test]
    fn an_acquisition_names_a_state_on_one_side() {
        // industry news and analysis: no state buys or sells
        assert!(
            procurement(
                "Shell makers warned that new production lines for artillery rounds would take years to build."
            )
            .is_empty()
        );
        // a state buying from an unnamed supplier still is one
        assert_eq!(
            procurement(
                "Estonia ordered 12 more howitzers on Thursday, its defence ministry said."
            ),
            ["contract"]
        );
    }

    #[test]
    fn a_company_nationality_is_no_buyer() {
        // a country word that only tells a company's nationality is no
        // party: no buyer, and with no state on either side no event
        assert!(
            procurement(
                "The foundation awarded its annual medal to Norway's Nammo for a missile design."
            )
            .is_empty()
        );
        for s in [
            "Finland's Patria delivered 12 armoured vehicles last week.",
            "A German arms maker signed a contract for 30 howitzers, the firm said.",
        ] {
            assert!(
                deals(s).iter().all(|d| d.0.is_none()),
                "{s}: {:?}",
                deals(s)
            );
        }
        // a state body after the possessive is the buyer, a recipient too
        assert_eq!(
            deals(
                "Norway's Defence Materiel Agency signed a contract on Friday for 24 armoured vehicles."
            ),
            [(Some("NO".to_string()), None, Some(24))]
        );
        assert_eq!(
            deals(
                "The Italian shipbuilder Fincantieri will deliver two frigates to Indonesia next year."
            ),
            [(Some("ID".to_string()), None, Some(2))]
        );
    }

    #[test]
    fn a_company_bought_is_no_equipment() {
        for s in [
            "Hensoldt agreed on Tuesday to buy a French maker of radar components for 600 million euros.",
            "Leonardo said it would acquire a 30% stake in a Spanish drone firm.",
            "Two European missile makers agreed on Monday to merge their air defence businesses.",
        ] {
            assert!(procurement(s).is_empty(), "{s}");
        }
        // equipment bought, and a supplier awarded a contract, still are
        assert_eq!(
            procurement(
                "Chile agreed to buy six used F-16 fighter jets from the Netherlands on Monday."
            ),
            ["contract"]
        );
        assert_eq!(
            procurement(
                "The Philippine navy awarded South Korean shipbuilder HD Hyundai a contract for two corvettes on Tuesday."
            ),
            ["contract"]
        );
    }

    #[test]
    fn naval_and_patrol_platforms_are_military_goods() {
        for (s, want) in [
            (
                "Ghana's navy took delivery of two offshore patrol vessels built in Spain on Monday.",
                "delivery",
            ),
            (
                "Peru opened a tender for four maritime patrol aircraft for its navy.",
                "tender",
            ),
            (
                "Thailand signed a contract with a Chinese yard for two landing ships on Tuesday.",
                "contract",
            ),
            (
                "Egypt's navy has taken delivery of a second destroyer from Italy.",
                "delivery",
            ),
        ] {
            assert_eq!(procurement(s), [want], "{s}");
        }
        // the same verbs without military goods stay out
        assert!(
            procurement("The ferry company took delivery of two passenger vessels built in Spain.")
                .is_empty()
        );
    }

    #[test]
    fn receiving_the_first_of_an_order_is_a_delivery() {
        assert_eq!(
            procurement(
                "Uruguay's air force received the first of four Black Hawk helicopters on Friday."
            ),
            ["delivery"]
        );
    }

    #[test]
    fn the_rest_of_an_order_reported_before_is_a_scheduled_delivery() {
        let a = crate::classify::test_support::analyse(
            "Ghana signed a contract on Monday for six Hurkus trainer aircraft from Turkey. \
             The first two were handed over at the signing. The remaining four are expected in 2027.",
        );
        let events: Vec<(String, crate::model::Status, Option<u64>, Option<String>)> = a
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Procurement {
                    quantity, buyer, ..
                } => Some((
                    e.subtype.to_string(),
                    e.status,
                    *quantity,
                    buyer.map(|c| c.to_string()),
                )),
                _ => None,
            })
            .collect();
        assert!(
            events.contains(&(
                "delivery".into(),
                crate::model::Status::Scheduled,
                Some(4),
                Some("GH".into())
            )),
            "{events:?}"
        );
        // a subject naming part of the order, with a speaker of another country
        assert_eq!(
            procurement(
                "Peru signed a deal to buy 24 KF-21 fighter jets from South Korea on Friday. \
                 A Spanish adviser said the first aircraft would arrive in 2028."
            ),
            ["contract", "delivery"]
        );
    }

    #[test]
    fn follow_up_verbs_need_an_earlier_order_and_a_subject_pointing_back_to_it() {
        // no order before
        assert!(procurement("The remaining four are expected next year.").is_empty());
        // an order before, but the subject is not part of it
        assert_eq!(
            procurement(
                "Chile signed a contract for two frigates from Britain. \
                 The remaining hostages are expected to be freed next week."
            ),
            ["contract"]
        );
        // the frame's verbs say nothing on their own in a military sentence
        assert_eq!(
            procurement(
                "Chile signed a contract for two frigates from Britain. \
                 Talks on new missiles are expected next month."
            ),
            ["contract"]
        );
    }

    #[test]
    fn clearing_the_purchase_reported_before_approves_that_order() {
        let a = crate::classify::test_support::analyse(
            "Chile signed a contract on Monday for four Sea Giraffe naval radars from Sweden. \
             A Senate committee cleared the purchase last week.",
        );
        let approvals: Vec<(Option<String>, Option<u64>)> = a
            .events
            .iter()
            .filter(|e| e.subtype == crate::model::Subtype::Approval)
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Procurement {
                    buyer, quantity, ..
                } => Some((buyer.map(|c| c.to_string()), *quantity)),
                _ => None,
            })
            .collect();
        assert_eq!(approvals, [(Some("CL".to_string()), Some(4))]);
        // without an order before, "the purchase" names nothing
        assert!(procurement("A Senate committee cleared the purchase last week.").is_empty());
    }

    #[test]
    fn a_state_body_buying_from_its_own_industry_is_the_buyer() {
        let a = crate::classify::test_support::analyse(
            "India's Defence Ministry signed a contract on Monday for 40 Tejas light combat aircraft.",
        );
        let buyers: Vec<(Option<String>, Option<String>)> = a
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Procurement { buyer, seller, .. } => {
                    Some((buyer.map(|c| c.to_string()), seller.map(|c| c.to_string())))
                }
                _ => None,
            })
            .collect();
        assert_eq!(buyers, [(Some("IN".to_string()), Some("IN".to_string()))]);
    }

    #[test]
    fn assembly_under_licence_is_production() {
        assert_eq!(
            procurement(
                "Algeria signed an agreement to assemble Chinese CH-4 drones under licence at a local plant."
            ),
            ["production"]
        );
    }

    #[test]
    fn catalogue_systems_name_the_goods() {
        let a = crate::classify::test_support::analyse(
            "Angola signed a contract for six A-29 Super Tucano light attack aircraft from Brazil on Thursday.",
        );
        let systems: Vec<String> = a
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Procurement { system, .. } => system.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(systems, ["A-29 Super Tucano"]);
    }

    #[test]
    fn an_approval_with_its_supplier_named_is_the_buyers() {
        let some = |b: &str, s: &str, q: u64| (Some(b.to_string()), Some(s.to_string()), Some(q));
        for (body, deal) in [
            (
                "Brazil's defence ministry cleared plans to buy 12 Gripen fighters from Sweden on Monday.",
                some("BR", "SE", 12),
            ),
            (
                "Lawmakers in Manila approved the purchase of 20 Black Hawk helicopters from Poland.",
                some("PH", "PL", 20),
            ),
        ] {
            assert_eq!(deals(body), [deal], "{body}");
        }
        // an export approval is the exporter's
        assert_eq!(
            deals("Washington approved the possible sale of 8 NASAMS systems to Egypt."),
            [some("EG", "US", 8)]
        );
    }

    /// (buyer, seller, quantity) of the procurement events of `body`.
    fn deals(body: &str) -> Vec<(Option<String>, Option<String>, Option<u64>)> {
        crate::classify::test_support::analyse(body)
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Procurement {
                    buyer,
                    seller,
                    quantity,
                    ..
                } => Some((
                    buyer.map(|c| c.to_string()),
                    seller.map(|c| c.to_string()),
                    *quantity,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_delivery_of_the_first_of_an_order_counts_the_part_handed_over() {
        for (s, want) in [
            (
                "Egypt took delivery on Monday of the first three of 12 Rafale jets it ordered from France.",
                3,
            ),
            (
                "Chile received the first of two Sea Giraffe naval radars from Sweden on Friday.",
                1,
            ),
        ] {
            let d = deals(s);
            assert_eq!(d.len(), 1, "{s}");
            assert_eq!(d[0].2, Some(want), "{s}");
        }
        // an order of the whole keeps its count; "of" after no counter is no part
        assert_eq!(
            deals("Egypt ordered 12 Rafale jets from France on Monday.")[0].2,
            Some(12)
        );
        assert_eq!(
            deals("Egypt took delivery of a batch of 12 Rafale jets from France on Monday.")[0].2,
            Some(12)
        );
    }

    #[test]
    fn a_supplier_after_with_the_is_the_seller_and_a_follow_up_keeps_it() {
        let d = deals(
            "Ghana signed a contract on Monday with the Turkish shipyard Dearsan for two patrol vessels. \
             A parliamentary committee cleared the purchase last week.",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        for x in &d {
            assert_eq!(
                (x.0.as_deref(), x.1.as_deref()),
                (Some("GH"), Some("TR")),
                "{d:?}"
            );
        }
        // a country after "with the" that is no supplier's: no seller from it
        let d = deals(
            "Ghana signed a contract on Monday for two patrol vessels to patrol with the Togolese navy.",
        );
        assert!(d.iter().all(|x| x.1.as_deref() != Some("TG")), "{d:?}");
    }

    #[test]
    fn a_country_as_first_object_of_a_giving_verb_is_the_recipient() {
        for s in [
            "Germany gave the Slovak army 20 Leopard tanks on Monday.",
            "Canada will send Latvia 30 armoured vehicles, the defence minister said on Friday.",
        ] {
            let d = deals(s);
            assert_eq!(d.len(), 1, "{s}");
            assert_eq!(
                d[0].0.as_deref(),
                Some(if s.starts_with("Germany") { "SK" } else { "LV" }),
                "{s}"
            );
            assert_eq!(
                d[0].1.as_deref(),
                Some(if s.starts_with("Germany") { "DE" } else { "CA" }),
                "{s}"
            );
        }
        // a country written into the goods' name is their maker, not a recipient
        let d = deals("Iran supplied Russian drones to Sudan on Monday.");
        assert_eq!(d[0].0.as_deref(), Some("SD"), "{d:?}");
    }

    #[test]
    fn a_buyer_before_its_buying_verb_is_no_maker() {
        let d = deals("Nigeria bought 12 A-29 Super Tucano light attack planes on Monday.");
        assert_eq!(
            (d[0].0.as_deref(), d[0].1.as_deref()),
            (Some("NG"), Some("BR")),
            "{d:?}"
        );
        // a maker named with the goods still sells them
        let d = deals("Nigeria ordered 12 Brazilian Super Tucano light attack planes on Monday.");
        assert_eq!(d[0].1.as_deref(), Some("BR"), "{d:?}");
    }

    #[test]
    fn licence_production_is_sold_by_the_systems_maker() {
        let d = deals("Poland will produce K2 tanks under licence at a plant in Gliwice.");
        assert_eq!(
            (d[0].0.as_deref(), d[0].1.as_deref()),
            (Some("PL"), Some("KR")),
            "{d:?}"
        );
    }
}
