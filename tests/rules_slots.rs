//! Subtypes and slots: every subtype of each category, numbers in digits and
//! words, ranges, casualty phrases and country resolution, in the project's
//! own test sentences.

#[path = "rules_helpers/mod.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;
use wirewatch::model::{CountryCode, EventSlots};

fn subtype(body: &str, c: wirewatch::model::Category) -> String {
    one(body, c).subtype.to_string()
}

#[test]
fn diplomacy_subtypes() {
    assert_eq!(
        subtype(
            "The Indian prime minister visited Japan on Tuesday.",
            Diplomacy
        ),
        "visit"
    );
    assert_eq!(
        subtype(
            "Egypt and Qatar held talks with Israel in Cairo on Monday.",
            Diplomacy
        ),
        "talks"
    );
    assert_eq!(
        subtype(
            "The leaders of Brazil and Argentina attended a summit in Brasilia on Friday.",
            Diplomacy
        ),
        "summit"
    );
    assert_eq!(
        subtype(
            "The French president spoke by phone with the Chinese president on Sunday.",
            Diplomacy
        ),
        "call"
    );
    assert_eq!(
        subtype(
            "Serbia and Kosovo signed an agreement in Brussels on Thursday.",
            Diplomacy
        ),
        "agreement"
    );
    assert_eq!(
        subtype(
            "Lithuania expelled two Russian diplomats on Monday.",
            Diplomacy
        ),
        "relations"
    );
    assert_eq!(
        subtype(
            "China firmly opposed the sale and condemned the United States on Friday.",
            Diplomacy
        ),
        "statement"
    );
}

#[test]
fn sanctions_subtypes() {
    assert_eq!(
        subtype(
            "The EU imposed sanctions on Belarusian potash exporters on Monday.",
            Sanctions
        ),
        "impose"
    );
    assert_eq!(
        subtype(
            "The EU renewed its economic sanctions on Russia for six months on Monday.",
            Sanctions
        ),
        "extend"
    );
    assert_eq!(
        subtype(
            "Britain lifted sanctions on Syria's central bank on Thursday.",
            Sanctions
        ),
        "lift"
    );
    assert_eq!(
        subtype(
            "The Treasury fined a shipping firm $5 million for sanctions violations involving Iran on Tuesday.",
            Sanctions
        ),
        "enforce"
    );
    assert_eq!(
        subtype(
            "Japan added 40 vessels to its shadow fleet sanctions list on Friday.",
            Sanctions
        ),
        "expand"
    );
}

#[test]
fn sanctions_slots_resolve_countries_and_sector() {
    let e = one(
        "The U.S. Treasury imposed sanctions on Monday targeting Russia's oil industry.",
        Sanctions,
    );
    assert_eq!(
        e.slots,
        EventSlots::Sanctions {
            imposer: CountryCode::new("US"),
            target: CountryCode::new("RU"),
            sector: Some("oil".into())
        }
    );
}

#[test]
fn procurement_subtypes_and_slots() {
    assert_eq!(
        subtype(
            "Greece signed a contract on Monday for 20 F-35 jets from the United States.",
            Procurement
        ),
        "contract"
    );
    assert_eq!(
        subtype(
            "The State Department approved the sale of Patriot missiles to Poland on Friday.",
            Procurement
        ),
        "approval"
    );
    assert_eq!(
        subtype(
            "Germany delivered four IRIS-T systems to Ukraine on Tuesday.",
            Procurement
        ),
        "delivery"
    );
    assert_eq!(
        subtype(
            "Canada announced a military aid package of armoured vehicles for Ukraine on Thursday.",
            Procurement
        ),
        "aid"
    );
    assert_eq!(
        subtype(
            "Romania launched a tender for new air defence systems on Monday.",
            Procurement
        ),
        "tender"
    );
    assert_eq!(
        subtype(
            "Britain and Ukraine agreed on Monday to start joint production of drones in Britain.",
            Procurement
        ),
        "production"
    );
    let e = one(
        "Portugal signed a letter of intent on Monday to buy a dozen Swedish Gripen fighters.",
        Procurement,
    );
    assert_eq!(
        e.slots,
        EventSlots::Procurement {
            buyer: CountryCode::new("PT"),
            seller: CountryCode::new("SE"),
            system: Some("Gripen".into()),
            quantity: Some(12)
        }
    );
    let e = one(
        "Norway signed a letter of intent on Friday to acquire 100 to 150 CV90 armoured vehicles.",
        Procurement,
    );
    assert!(matches!(
        e.slots,
        EventSlots::Procurement {
            quantity: Some(150),
            ..
        }
    ));
}

#[test]
fn strike_subtypes() {
    for (text, want) in [
        (
            "Israeli air strikes hit the town of Rafah on Monday, killing six people.",
            "airstrike",
        ),
        (
            "A Russian missile strike on Odesa killed two people on Monday.",
            "missile",
        ),
        (
            "Russian drones hit an energy facility in Lviv on Tuesday.",
            "drone",
        ),
        (
            "Hezbollah fired rockets at the Israeli town of Metula on Sunday.",
            "rocket",
        ),
        (
            "Russian shelling of Kherson killed one man on Wednesday.",
            "artillery",
        ),
        (
            "A car bomb exploded in the Syrian town of Manbij on Monday, killing 20 people.",
            "bombing",
        ),
        (
            "The Houthis attacked a cargo ship in the Gulf of Aden with sea drones on Tuesday.",
            "naval",
        ),
        (
            "Gunmen killed 12 soldiers in an ambush in northern Burkina Faso on Sunday.",
            "ground_assault",
        ),
    ] {
        assert_eq!(subtype(text, Strike), want, "{text}");
    }
}

#[test]
fn numbers_in_words_and_casualty_phrases() {
    let e = one(
        "A Russian drone attack on Kherson killed two people and wounded a dozen on Friday.",
        Strike,
    );
    let (_, _, _, k, i) = strike_slots(&e);
    assert_eq!((k, i), (Some(2), Some(12)));
    let e = one(
        "An Israeli strike on Khan Younis killed at least 1,200 people, health officials said on Monday.",
        Strike,
    );
    assert_eq!(strike_slots(&e).3, Some(1200));
    let e = one(
        "Nobody was hurt when a Russian missile struck a warehouse in Lviv on Sunday.",
        Strike,
    );
    assert_eq!((strike_slots(&e).3, strike_slots(&e).4), (Some(0), Some(0)));
    let e = one(
        "The death toll from the Russian missile attack on Dnipro rose to 19 on Tuesday, with 50 people hurt.",
        Strike,
    );
    assert_eq!(
        (strike_slots(&e).3, strike_slots(&e).4),
        (Some(19), Some(50))
    );
}

#[test]
fn country_resolution_for_strikes() {
    // demonym before the weapon -> actor; "In X" -> place and its country
    let e = one(
        "In Zaporizhzhia, a Russian missile strike killed three people on Monday.",
        Strike,
    );
    assert_eq!(
        strike_slots(&e),
        (
            Some("RU".into()),
            Some("UA".into()),
            Some("Zaporizhzhia".into()),
            Some(3),
            None
        )
    );
    // subject country; target named after the preposition
    let e = one(
        "Ukraine launched a drone attack on an oil depot in Russia's Belgorod region on Tuesday.",
        Strike,
    );
    let (a, l, _, _, _) = strike_slots(&e);
    assert_eq!((a.as_deref(), l.as_deref()), (Some("UA"), Some("RU")));
    // interception tally: attacker, no place, defender's country
    let e = one(
        "Ukrainian air defences shot down 40 Russian drones overnight.",
        Strike,
    );
    let (a, _, p, _, _) = strike_slots(&e);
    assert_eq!((a.as_deref(), p), (Some("RU"), None));
    // attacks at sea have no country
    let e = one(
        "The Houthis attacked a tanker in the Red Sea on Monday with drone boats.",
        Strike,
    );
    let (a, l, p, _, _) = strike_slots(&e);
    assert_eq!(
        (a.as_deref(), l, p.as_deref()),
        (Some("YE"), None, Some("Red Sea"))
    );
}

#[test]
fn diplomacy_participants_and_venue() {
    let e = one(
        "The Japanese prime minister will travel to India next week.",
        Diplomacy,
    );
    match e.slots {
        EventSlots::Diplomacy {
            participants,
            venue_country,
        } => {
            assert_eq!(venue_country.as_deref(), Some("IN"));
            assert!(
                participants.iter().any(|c| c == "JP") && participants.iter().any(|c| c == "IN")
            );
        }
        _ => unreachable!(),
    }
}

#[test]
fn primary_follows_the_headline() {
    let body = "Russian missiles hit Kharkiv on Monday, killing two people. Separately, the EU imposed sanctions on Russian banks on Monday.";
    let a = analyse_with(body, Some("EU hits Russian banks with new sanctions"));
    assert_eq!(a.classification.primary, Some(Sanctions));
    let a = analyse_with(body, None);
    assert_eq!(a.classification.primary, Some(Strike));
}

#[test]
fn events_carry_codes() {
    let e = one(
        "Britain imposed sanctions on Russian banks on Monday.",
        Sanctions,
    );
    assert_eq!(e.codes.cameo.as_deref(), Some("163"));
    assert_eq!(e.codes.plover_event.as_deref(), Some("SANCTION"));
}

fn sanctions_triples(body: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    events(body, Sanctions)
        .into_iter()
        .map(|e| match e.slots {
            EventSlots::Sanctions {
                imposer,
                target,
                sector,
            } => (
                imposer.map(|c| c.to_string()),
                target.map(|c| c.to_string()),
                sector,
            ),
            _ => unreachable!(),
        })
        .collect()
}

fn has(v: &[(Option<String>, Option<String>, Option<String>)], i: &str, t: &str, s: &str) -> bool {
    v.iter().any(|(a, b, c)| {
        a.as_deref() == Some(i) && b.as_deref() == Some(t) && c.as_deref() == Some(s)
    })
}

#[test]
fn passive_listing_names_targets_not_imposers() {
    // "X was listed, as were Y": the subjects are targets, the imposer the
    // measure's author named before; each target with its own sector
    let v = sanctions_triples(
        "Canada imposed new sanctions on Russia on Monday. A Turkish shipping firm was listed, as were three Chinese banks.",
    );
    assert!(has(&v, "CA", "TR", "shipping"), "{v:?}");
    assert!(has(&v, "CA", "CN", "banking"), "{v:?}");
    assert!(
        !v.iter().any(|(i, _, _)| i.as_deref() == Some("TR")),
        "{v:?}"
    );
    // without a sanctions story, "was listed" is not a measure
    assert!(
        events(
            "The Turkish firm was listed on the stock exchange on Monday.",
            Sanctions
        )
        .is_empty()
    );
}

#[test]
fn list_of_targets_runs_through_a_relative_clause() {
    let v = sanctions_triples(
        "Australia imposed sanctions on Monday covering 20 tankers in Russia's shadow fleet, a Turkish refinery, which bought Russian crude, and two gas terminals in China.",
    );
    assert!(has(&v, "AU", "TR", "oil"), "{v:?}");
    assert!(has(&v, "AU", "CN", "gas"), "{v:?}");
    // a country after an ordinary ", and" clause is not a target
    let v = sanctions_triples(
        "Australia imposed sanctions on Russian banks on Monday, and China protested.",
    );
    assert!(
        !v.iter().any(|(_, t, _)| t.as_deref() == Some("CN")),
        "{v:?}"
    );
}

#[test]
fn further_measures_of_one_sentence_share_the_target() {
    let v = sanctions_triples(
        "The EU adopted sanctions on Friday that ban deals with 12 Russian banks, and add 40 vessels to the shadow-fleet list.",
    );
    assert!(has(&v, "EU", "RU", "banking"), "{v:?}");
    assert!(
        v.iter()
            .any(|(_, t, s)| t.as_deref() == Some("RU") && s.as_deref() == Some("shipping")),
        "{v:?}"
    );
}

#[test]
fn measure_phrase_carries_over_to_the_next_sentence() {
    let v = sanctions_triples(
        "Canada lowered its price cap on Russian crude on Monday. Norway announced the same reduction on Tuesday.",
    );
    assert!(
        v.iter().any(|(i, _, _)| i.as_deref() == Some("NO")),
        "{v:?}"
    );
    // two sentences apart it does not
    let v = sanctions_triples(
        "Canada lowered its price cap on Russian crude on Monday. The weather was mild. Norway announced the same reduction on Tuesday.",
    );
    assert!(
        !v.iter().any(|(i, _, _)| i.as_deref() == Some("NO")),
        "{v:?}"
    );
}

#[test]
fn attacker_after_by_with_words_between() {
    for (body, actor) in [
        (
            "Shells fired by the paramilitary RSF hit a market in El Fasher on Monday.",
            "SD",
        ),
        (
            "A missile attack launched by Russian forces hit Odesa on Monday.",
            "RU",
        ),
        (
            "A bombing claimed by the Houthi group hit a port on Monday.",
            "YE",
        ),
    ] {
        let e = one(body, Strike);
        assert_eq!(strike_slots(&e).0.as_deref(), Some(actor), "{body}");
    }
    // a "by" phrase with a comma in between names no attacker
    let e = one(
        "A drone attack hit Odesa on Monday, said by officials to be Russian.",
        Strike,
    );
    assert_ne!(strike_slots(&e).0.as_deref(), Some("UA"));
}

#[test]
fn place_is_not_the_reference_point_after_direction_of() {
    let e = one(
        "An Israeli airstrike hit tents in the Mawasi area west of Khan Younis on Monday.",
        Strike,
    );
    let (_, l, p, _, _) = strike_slots(&e);
    assert_eq!((l.as_deref(), p.as_deref()), (Some("PS"), Some("Mawasi")));
    // with no other name, the reference point is still the place
    let e = one(
        "Russian shelling hit a village 10 km north of Kherson on Monday.",
        Strike,
    );
    assert_eq!(strike_slots(&e).2.as_deref(), Some("Kherson"));
}

fn system_of(body: &str) -> Option<String> {
    match one(body, Procurement).slots {
        EventSlots::Procurement { system, .. } => system,
        _ => unreachable!(),
    }
}

#[test]
fn system_is_written_as_the_story_names_it() {
    assert_eq!(
        system_of("Poland signed a contract on Monday to buy 96 AH-64E Apache helicopters from the United States.").as_deref(),
        Some("AH-64E Apache")
    );
    // plural made singular; a plain name stays as it is
    assert_eq!(
        system_of(
            "Denmark signed a contract on Monday to buy four Patriots from the United States."
        )
        .as_deref(),
        Some("Patriot")
    );
    assert_eq!(
        system_of("Greece signed a contract on Monday to buy 20 Rafale jets from France.")
            .as_deref(),
        Some("Rafale")
    );
}

fn statement_parties(body: &str) -> Vec<Vec<String>> {
    events(body, Diplomacy)
        .into_iter()
        .filter(|e| e.subtype.as_str() == "statement")
        .map(|e| match e.slots {
            EventSlots::Diplomacy { participants, .. } => {
                participants.iter().map(|c| c.to_string()).collect()
            }
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn statement_reacting_to_an_attack_addresses_the_attacker() {
    let s = statement_parties(
        "Turkish aircraft bombed a village in northern Iraq on Sunday, killing four people. \
         The Iraqi foreign ministry condemned what it called a reckless attack on its sovereignty.",
    );
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].contains(&"IQ".to_string()) && s[0].contains(&"TR".to_string()));
}

#[test]
fn statement_reacting_to_sanctions_addresses_the_imposers() {
    let s = statement_parties(
        "Canada and Australia imposed asset freezes on two Venezuelan officials on Monday. \
         The Brazilian government condemned the move as unlawful.",
    );
    assert_eq!(s.len(), 1, "{s:?}");
    for c in ["BR", "CA", "AU"] {
        assert!(s[0].contains(&c.to_string()), "{s:?}");
    }
}

#[test]
fn warring_side_condemning_the_enemy_attack_is_no_statement() {
    let s = statement_parties(
        "Ethiopian drones struck a town in Eritrea on Friday. Eritrean artillery shelled an \
         Ethiopian border post in reply. Eritrea's foreign ministry condemned the attack.",
    );
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn condemnation_without_a_reported_act_names_no_addressee() {
    let s = statement_parties("The Chilean foreign ministry condemned the decision on Tuesday.");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn export_controls_on_machine_tools_are_technology() {
    let e = one(
        "Seoul banned exports of machine tools to Russia on Monday.",
        Sanctions,
    );
    assert!(
        matches!(&e.slots, EventSlots::Sanctions { sector, .. } if sector.as_deref() == Some("technology")),
        "{:?}",
        e.slots
    );
}
