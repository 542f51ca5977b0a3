//! Procurement: a state or its forces acquiring military equipment (intent,
//! tender, approval, contract, delivery, aid, production).
//!
//! Every trigger needs a military object in its sentence (a system from
//! `weapons.toml` or a military-goods word), so "Emirates ordered 65
//! Boeing 777-9s" and a bus tender are not procurement. The system is as
//! named; the seller is the country named with it ("French Rafale", "from
//! Britain"), the giver of an aid delivery, or the system's origin; the buyer
//! the recipient ("sale to Ukraine") or the acting government.

use super::{Candidate, Doc, Sent, modality, traps, trigger_of};
use crate::extract::actors::is_agent_kind;
use crate::extract::systems::{quantity_before, systems_in, written_span};
use crate::gazetteer::Mention;
use crate::model::{Category, EventSlots};
use crate::rules::{Hit, Kind, LexiconId, RuleSet};

/// Lexicons of `procurement.toml` read here (their names).
const COMPANY_NOUNS: LexiconId = LexiconId::named("procurement.company_nouns");
const OBJECT_ENDS: LexiconId = LexiconId::named("procurement.object_ends");
const SUPPLIER_OBJECT_VERBS: LexiconId = LexiconId::named("procurement.supplier_object_verbs");

/// Greatest number of words read as the object of a trigger.
const OBJECT_WORDS: usize = 8;

/// A company bought, not goods: a word of `procurement.company_nouns` in
/// the object of the trigger at `h`, the words after it up to a word of
/// `procurement.object_ends` ("agreed to buy U.S. ammunition maker X for
/// ...", "to acquire a maker of drone engines", "bought a stake in"). A
/// defence firm's takeover is no acquisition of equipment by a state. Not
/// asked of a verb whose object is the supplier (`procurement.supplier_object_verbs`:
/// "awarded U.S. maker X a contract").
fn company_object(doc: &Doc<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    let verb = doc.lower[h.start..h.end]
        .split_whitespace()
        .next()
        .unwrap_or("");
    if rules.in_lexicon(SUPPLIER_OBJECT_VERBS, verb) {
        return false;
    }
    crate::extract::window(&doc.lower, h.end, ce)
        .split_whitespace()
        .take(OBJECT_WORDS)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .take_while(|w| !rules.in_lexicon(OBJECT_ENDS, w))
        .any(|w| rules.in_lexicon(COMPANY_NOUNS, w))
}

fn slots(
    c: &Candidate,
) -> (
    &Option<String>,
    &Option<String>,
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

/// The word before `pos` of `lower` (the lower-cased body).
fn word_before(lower: &str, pos: usize) -> &str {
    lower[..pos]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Words that may stand between a country and the system it makes ("French
/// Rafale", "U.S.-made F-35", "Norway's NASAMS"); anything else (a verb, a
/// preposition) means the country is not the maker.
const MAKER_BLOCKERS: &[&str] = &[
    "to", "for", "by", "from", "in", "of", "with", "and", "on", "at", "build", "buy", "send",
    "supply",
];

/// The mentions naming the maker of a system at `pos`: the contiguous chain
/// right before it ("French-Italian SAMP/T" gives both).
fn makers<'m>(body: &str, mentions: &'m [Mention], pos: usize) -> Vec<&'m Mention> {
    let mut out: Vec<&Mention> = Vec::new();
    let mut next = pos;
    for m in mentions.iter().rev().filter(|m| m.end <= pos) {
        let gap = &body[m.end..next];
        let mut words = gap
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let ok = words.clone().count() <= 2
            && !gap.contains([',', ';', '.', '('])
            && !words.any(|w| crate::extract::one_of(MAKER_BLOCKERS, w));
        if !ok || m.code.is_none() {
            break;
        }
        out.insert(0, m);
        next = m.start;
    }
    out
}

/// Words before a system that make it the target, not the thing bought
/// ("to help shoot down Russia's Shahed drones").
/// `lower` is the lower-cased body.
fn is_target(lower: &str, pos: usize) -> bool {
    let before = crate::extract::window(lower, pos.saturating_sub(40), pos);
    ["shoot down", "against", "counter", "destroy", "intercept"]
        .iter()
        .any(|w| crate::extract::contains_str(before, w))
}

/// Verbs of arrival: a delivery only when the goods are their subject ("the
/// first launchers have arrived", "the jets are now in Ukraine"), not when a
/// minister arrives to talk about them. `w` is lower case.
fn is_arrival(w: &str) -> bool {
    matches!(
        w,
        "arrived" | "arrive" | "arrives" | "arriving" | "now in" | "landed" | "reached"
    ) || w.ends_with(" arrived")
}

/// Whether a military good or a system is named in the clause before `pos`.
fn goods_before(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, pos: usize) -> bool {
    sent.hits_in(cs, pos).any(|h| {
        matches!(
            doc.rules.entry(h).kind,
            Kind::System(_)
                | Kind::Context {
                    category: Category::Procurement
                }
        )
    })
}

/// Adds the procurement candidates of one sentence.
pub fn candidates(doc: &Doc<'_>, sent: &Sent<'_>, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let body = doc.body;
    let military = sent.hits.iter().any(|h| {
        matches!(
            rules.entry(h).kind,
            Kind::System(_)
                | Kind::Context {
                    category: Category::Procurement
                }
        )
    });
    if !military {
        return;
    }
    for &(cs, ce) in &sent.clauses {
        let Some(hit) = sent.hits_in(cs, ce).find(|h| {
            trigger_of(rules, h, Category::Procurement).is_some()
                && !traps::blocked(doc, sent, &rules.entry(h).id)
                && (!is_arrival(&doc.lower[h.start..h.end]) || goods_before(doc, sent, cs, h.start))
        }) else {
            continue;
        };
        if company_object(doc, hit, ce) {
            continue;
        }
        let (subtype, default, _) =
            trigger_of(rules, hit, Category::Procurement).unwrap_or(("intent", None, false));
        let Some((status, flat)) = modality::status_of(doc, sent, hit, default) else {
            continue;
        };
        let weight = rules.entry(hit).weight;
        let mut systems = systems_in(rules, sent.hits, cs, ce);
        if systems.is_empty() {
            systems = systems_in(rules, sent.hits, sent.start, sent.end);
        }
        systems.retain(|s| !is_target(&doc.lower, s.start));
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
            .flat_map(|p| makers(body, sent.mentions, p))
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
            .filter(|m| m.code.is_some() && !is_maker(m))
            .find(|m| {
                let w = word_before(&doc.lower, m.start);
                w == "to"
                    || w == "for"
                    || subtype == "delivery" && w == "in" && m.start - hit.end <= 4
            })
            .and_then(|m| m.code.clone());
        let from = sent
            .mentions_in(cs, ce)
            .iter()
            .find(|m| {
                matches!(word_before(&doc.lower, m.start), "from" | "with") && m.code.is_some()
            })
            .and_then(|m| m.code.clone());
        let subject = sent
            .mentions
            .iter()
            .filter(|m| {
                m.end <= hit.start && is_agent_kind(m) && !doc.is_location(m) && !is_maker(m)
            })
            .find_map(|m| m.code.clone());
        let giver = matches!(subtype, "delivery" | "aid") && recipient.is_some();
        let previous = out
            .iter()
            .rev()
            .find(|c| c.category == Category::Procurement)
            .cloned();
        let mut push = |system: Option<String>, seller: Option<String>, quantity: Option<u64>| {
            let buyer = recipient
                .clone()
                .or_else(|| subject.clone().filter(|s| Some(s) != seller.as_ref()))
                .or_else(|| {
                    sent.mentions
                        .iter()
                        .filter(|m| is_agent_kind(m) && !is_maker(m))
                        .filter_map(|m| m.code.clone())
                        .find(|c| Some(c) != seller.as_ref())
                })
                .or_else(|| previous.as_ref().and_then(|p| slots(p).0.clone()));
            // "the Lockheed Martin jets", "40 of the fighters": the system named before
            let (system, seller) = match (&system, &previous) {
                (None, Some(p))
                    if subtype != "tender"
                        && slots(p).2.is_some()
                        && (buyer.is_none() || slots(p).0 == &buyer) =>
                {
                    (slots(p).2.clone(), seller.or_else(|| slots(p).1.clone()))
                }
                _ => (system, seller),
            };
            out.push(Candidate {
                category: Category::Procurement,
                subtype: subtype.to_string(),
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
        if systems.is_empty() || subtype == "tender" {
            // a tender names options, not the system bought; without a
            // system the count goes with a military-goods noun ("48 jets")
            let mut quantity = None;
            let mut seller = from.clone();
            for h in sent.hits_in(cs, ce) {
                if let Kind::Context {
                    category: Category::Procurement,
                } = rules.entry(h).kind
                {
                    quantity = quantity.or_else(|| quantity_before(rules, body, cs, h.start));
                    seller = seller.or_else(|| {
                        makers(body, sent.mentions, h.start)
                            .first()
                            .and_then(|m| m.code.clone())
                    });
                }
            }
            if subtype == "tender" {
                seller = None;
            } else if giver || matches!(subtype, "approval" | "production") {
                seller = seller.or_else(|| subject.clone());
            }
            push(None, seller, quantity);
            continue;
        }
        if subtype == "production" && !sent.mentions.iter().any(is_agent_kind) {
            // a company's production plans are not a state's acquisition
            continue;
        }
        // one system per clause: the first named is the one bought ("Patriot
        // equipment ... together with Starlink")
        for sh in systems.iter().take(1) {
            let named = makers(body, sent.mentions, sh.start)
                .first()
                .and_then(|m| m.code.clone());
            // an export approval is given by the exporting state: "Washington
            // approved the possible sale to Egypt of NASAMS" -> US
            let seller =
                if (giver || matches!(subtype, "production" | "approval")) && named.is_none() {
                    subject.clone().or_else(|| sh.system.origin.clone())
                } else {
                    named
                        .or_else(|| from.clone())
                        .or_else(|| sh.system.origin.clone())
                };
            let quantity = quantity_before(rules, body, cs.min(sh.start), sh.start);
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
            && !written.ends_with("ss")
            && !name.ends_with(['s', 'S'])
            && written.len() > 3
        {
            written = &written[..written.len() - 1];
        }
        // a spelled-out name of an acronym ("Extended Range Attack Munition"
        // for ERAM) keeps the short name the story's readers search for
        let initials: String = written
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect();
        if written.split_whitespace().count() > 1 && initials.eq_ignore_ascii_case(name) {
            continue;
        }
        *name = written.to_string();
    }
}

/// Folds a candidate into an earlier one of the same subtype and status
/// whose system and buyer agree, else adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (cb, cs, csys, cq) = slots(&c);
    let fits = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Procurement && e.subtype == c.subtype && e.status == c.status
    }) {
        let (eb, es, esys, eq) = slots(e);
        if fits(esys, csys) && fits(eb, cb) && (eq.is_none() || cq.is_none() || eq == cq) {
            e.slots = EventSlots::Procurement {
                buyer: eb.clone().or(cb.clone()),
                seller: es.clone().or(cs.clone()),
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
}
