//! Subtypes and slots: every subtype of each category, numbers in digits and
//! words, ranges, casualty phrases and country resolution, in the project's
//! own test sentences.

#[path = "rules_helpers.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;
use wirewatch::model::EventSlots;

fn subtype(body: &str, c: wirewatch::model::Category) -> String {
    one(body, c).subtype
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
            imposer: Some("US".into()),
            target: Some("RU".into()),
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
            buyer: Some("PT".into()),
            seller: Some("SE".into()),
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
                participants.contains(&"JP".to_string())
                    && participants.contains(&"IN".to_string())
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
