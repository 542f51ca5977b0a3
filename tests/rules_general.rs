//! General rules that replace phrases once copied from single dev stories:
//! verb families, casualty-zero patterns, compound nouns, interception,
//! domestic counterparts, reactions, stative and habitual mentions. Every
//! sentence here is the project's own (other countries, verbs, voice and
//! number forms than the dev and evaluation stories), with a positive and a
//! negative case per rule.

#[path = "rules_helpers/mod.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;
use wirewatch::model::{EventSlots, Status};

fn participants(e: &wirewatch::model::Event) -> (Vec<String>, Option<String>) {
    match &e.slots {
        EventSlots::Diplomacy {
            participants,
            venue_country,
        } => (
            participants.iter().map(|c| c.to_string()).collect(),
            venue_country.map(|c| c.to_string()),
        ),
        _ => panic!("not diplomacy"),
    }
}

// ---------------------------------------------------------------- strike

#[test]
fn nobody_hurt_family_gives_zero_casualties() {
    for body in [
        "A Russian drone hit a warehouse in Zhytomyr on Monday. Nobody was injured, the governor said.",
        "Ukrainian drones struck an oil depot in Russia's Belgorod region overnight. No one was hurt.",
        "A rocket fired from Lebanon hit a house in the Israeli town of Kiryat Shmona on Friday; no one was wounded.",
    ] {
        let e = one(body, Strike);
        let s = strike_slots(&e);
        assert_eq!((s.3, s.4), (Some(0), Some(0)), "{body}");
    }
    // a zero reported a sentence later in the same paragraph still belongs to the attack
    let e = one(
        "Houthi forces attacked a Panama-flagged bulk carrier in the Gulf of Aden on Sunday. The crew were evacuated by a passing vessel. No injuries were reported.",
        Strike,
    );
    assert_eq!(strike_slots(&e).3, Some(0));
    // a real toll is kept
    let e = one(
        "Russian missiles hit an apartment block in Zaporizhzhia on Monday, killing four people and wounding 21.",
        Strike,
    );
    assert_eq!(
        (strike_slots(&e).3, strike_slots(&e).4),
        (Some(4), Some(21))
    );
}

#[test]
fn attack_as_a_modifier_of_a_platform_is_no_attack() {
    assert!(
        !labels("Greece signed a contract on Monday to buy 12 attack helicopters from the United States for about $1 billion.")
            .contains(&Strike)
    );
    assert!(
        !labels("The navy will take delivery of two attack submarines next year.")
            .contains(&Strike)
    );
    // the verb still is
    assert!(
        labels("Russian attack drones hit an energy facility in Odesa region overnight.")
            .contains(&Strike)
    );
}

#[test]
fn aircraft_that_are_hit_are_targets_not_attackers() {
    assert!(labels("Four of the jets were damaged on the ground at the Engels air base, satellite images showed.").iter().all(|c| *c != Strike) || {
        // the damage itself may be reported as an attack on the base; it must not be an air strike
        events("Four of the jets were damaged on the ground at the Engels air base, satellite images showed.", Strike)
            .iter()
            .all(|e| e.subtype.as_str() != "airstrike")
    });
    let e = one(
        "Israeli jets struck a weapons depot near Baalbek on Tuesday, Lebanese state media said.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "airstrike");
}

#[test]
fn an_explosion_with_damage_is_a_bombing() {
    let e = one(
        "An explosion damaged a section of the gas pipeline near the Lithuanian city of Kaunas on Tuesday, police said.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "bombing");
    // an explosion merely heard is no attack
    assert!(
        events(
            "Residents said explosions were heard across the capital late on Sunday.",
            Strike
        )
        .is_empty()
    );
}

#[test]
fn bombs_dropped_by_aircraft_are_one_air_strike() {
    let ev = events(
        "Junta warplanes dropped two bombs on a market in Myanmar's Sagaing region on Friday, killing 11 people.",
        Strike,
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].subtype.as_str(), "airstrike");
    assert_eq!(strike_slots(&ev[0]).3, Some(11));
}

#[test]
fn an_attack_verb_on_a_ship_is_a_naval_attack() {
    let e = one(
        "Houthi forces attacked a Liberian-flagged container ship in the Red Sea on Sunday, the group said.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "naval");
    let s = strike_slots(&e);
    assert_eq!(s.0.as_deref(), Some("YE"));
    assert_eq!(s.1, None);
    // a ship that merely sails is not attacked
    assert!(
        events(
            "A Greek-flagged tanker sailed through the Red Sea on Sunday without incident.",
            Strike
        )
        .is_empty()
    );
}

#[test]
fn a_naval_attack_on_a_port_is_on_land() {
    let e = one(
        "Ukrainian sea drones attacked the Black Sea port of Tuapse overnight, setting a tanker ablaze.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "naval");
    let s = strike_slots(&e);
    assert_eq!(s.1.as_deref(), Some("RU"), "{s:?}");
    assert_eq!(s.2.as_deref(), Some("Tuapse"));
    // an attack off a port is at sea
    let e = one(
        "Houthi forces attacked a bulk carrier in the Gulf of Aden off the port of Berbera on Monday.",
        Strike,
    );
    assert_eq!(strike_slots(&e).1, None);
    // piracy is crime, not a military attack (event guide: ordinary crime)
    assert!(
        events(
            "Somali pirates attacked a bulk carrier in the Gulf of Aden off the port of Berbera on Monday.",
            Strike
        )
        .is_empty()
    );
}

#[test]
fn clashing_with_a_person_is_a_quarrel() {
    assert!(
        !labels("The Brazilian president clashed with Donald Trump over tariffs on Monday.")
            .contains(&Strike)
    );
    assert!(
        labels("Malian troops clashed with jihadist fighters near Gao on Saturday, killing 14.")
            .contains(&Strike)
    );
}

#[test]
fn retaking_ground_is_a_ground_assault() {
    let e = one(
        "Sudanese army troops retook the town of Wad Madani from the paramilitary on Saturday.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "ground_assault");
    let e = one(
        "Congolese soldiers recaptured the town of Walikale on Tuesday after heavy fighting.",
        Strike,
    );
    assert_eq!(e.subtype.as_str(), "ground_assault");
}

#[test]
fn the_side_that_intercepts_is_the_defender() {
    let ev = events(
        "Russian drones attacked the port of Izmail overnight, damaging grain silos. Ukraine's air force said its units had shot down 23 of the drones.",
        Strike,
    );
    assert!(!ev.is_empty());
    for e in &ev {
        let s = strike_slots(e);
        assert_ne!(s.0.as_deref(), Some("UA"), "{ev:#?}");
    }
    // the adjective names the attacker ("intercepting 40 Russian drones")
    let e = one(
        "Romanian forces reported intercepting 40 Russian drones near the border overnight.",
        Strike,
    );
    assert_eq!(strike_slots(&e).0.as_deref(), Some("RU"));
}

#[test]
fn nightly_and_habitual_attacks_are_background() {
    assert!(
        events(
            "Kyiv has asked its partners for more air defence to counter nightly Russian drone attacks.",
            Strike
        )
        .is_empty()
    );
    assert!(
        labels(
            "Hezbollah and Israel have repeatedly exchanged fire across the border in recent years."
        )
        .is_empty()
    );
    // a dated attack is an event
    assert!(
        labels("Russian drones attacked Kharkiv late on Thursday, wounding three people.")
            .contains(&Strike)
    );
}

// ------------------------------------------------------------- diplomacy

#[test]
fn meeting_own_officials_is_domestic() {
    assert!(
        events(
            "The Polish president will meet senior Polish officials and regional governors in Warsaw on Friday.",
            Diplomacy
        )
        .is_empty()
    );
    assert!(
        events(
            "The Kenyan president met his own cabinet ministers in Nairobi on Monday.",
            Diplomacy
        )
        .is_empty()
    );
    // officials of another state make it diplomacy
    assert!(
        !events(
            "The Polish president will meet senior German officials in Warsaw on Friday.",
            Diplomacy
        )
        .is_empty()
    );
}

#[test]
fn welcoming_a_decision_is_a_reaction() {
    assert!(
        events(
            "NATO's secretary-general welcomed the decision by Canada to raise defence spending.",
            Diplomacy
        )
        .is_empty()
    );
    let e = one(
        "The Kenyan president welcomed the Finnish prime minister in Nairobi on Monday.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "talks");
}

#[test]
fn agreed_is_an_agreement_unless_something_more_specific_is_agreed() {
    let e = one(
        "Armenia and Azerbaijan agreed on Friday to demarcate a further section of their border.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "agreement");
    let ev = events(
        "Egypt and Ethiopia agreed on Thursday to meet again in Cairo next month.",
        Diplomacy,
    );
    assert!(
        ev.iter().all(|e| e.subtype.as_str() != "agreement"),
        "{ev:#?}"
    );
    // a government agreeing to a measure reports the measure
    let ev = events(
        "EU foreign ministers agreed on Monday to lift sanctions on Syria's central bank.",
        Diplomacy,
    );
    assert!(
        ev.iter().all(|e| e.subtype.as_str() != "agreement"),
        "{ev:#?}"
    );
}

#[test]
fn recalling_an_envoy_for_consultations_is_one_act_on_relations() {
    let ev = events(
        "Chile recalled its ambassador to Israel for consultations on Tuesday.",
        Diplomacy,
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].subtype.as_str(), "relations");
    assert_eq!(participants(&ev[0]).1, None);
}

#[test]
fn recalling_envoys_is_relations_whoever_recalls_them() {
    // the verb family with "its" and "their", for several recalling states
    for body in [
        "Ghana and Togo said they were recalling their envoys from Benin after a border row.",
        "Ecuador will recall its ambassadors from Venezuela, the foreign ministry said.",
        "Laos is withdrawing its ambassador from Thailand.",
    ] {
        let e = one(body, Diplomacy);
        assert_eq!(e.subtype.as_str(), "relations", "{body}");
    }
    // a recall of goods is no act on relations
    assert!(events("Toyota is recalling its cars from Chile.", Diplomacy).is_empty());
}

#[test]
fn a_summons_happens_in_the_capital_of_the_summoner() {
    let e = one(
        "Poland summoned the Belarusian ambassador on Monday over a border incident.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "relations");
    assert_eq!(participants(&e).1.as_deref(), Some("PL"));
}

#[test]
fn lodging_a_protest_is_a_statement() {
    let e = one(
        "South Korea lodged a protest with Japan on Tuesday over a defence white paper.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "statement");
    let mut p = participants(&e).0;
    p.sort();
    assert_eq!(p, vec!["JP".to_string(), "KR".to_string()]);
}

#[test]
fn relations_vocabulary_upgrading_missions() {
    let e = one(
        "Bangladesh and Pakistan agreed in principle to upgrade ties and raise their missions to ambassador level.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "relations");
    assert_eq!(e.status, Status::Proposed);
}

#[test]
fn a_past_call_is_occurred_whatever_follows() {
    let e = one(
        "The Kenyan foreign minister discussed the request with his Indian counterpart by phone last week.",
        Diplomacy,
    );
    assert_eq!((e.subtype.as_str(), e.status), ("call", Status::Occurred));
    let e = one(
        "The Chilean president spoke by phone with the Argentine president on Sunday and told him he would not change course.",
        Diplomacy,
    );
    assert_eq!((e.subtype.as_str(), e.status), ("call", Status::Occurred));
}

#[test]
fn an_arms_memorandum_is_not_a_diplomatic_agreement() {
    assert!(
        events(
            "The defence ministers of Denmark and Ukraine signed a memorandum under which Danish funds will go to Ukrainian arms manufacturers.",
            Diplomacy
        )
        .iter()
        .all(|e| e.subtype.as_str() != "agreement")
    );
}

#[test]
fn no_timetable_is_a_flat_negation() {
    assert!(
        labels("The Kremlin said there was no timetable for a meeting between the two presidents.")
            .is_empty()
    );
    assert!(
        labels("The foreign ministers of Peru and Ecuador met in Lima on Monday.")
            .contains(&Diplomacy)
    );
}

// ------------------------------------------------------------- sanctions

#[test]
fn a_sanction_reported_after_a_named_actor_is_an_event() {
    let ev = events(
        "The raid came two weeks after the European Union sanctioned three Iranian airlines over drone deliveries.",
        Sanctions,
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    // a plain back-reference is background
    assert!(
        events(
            "The raid came two weeks after the sanctions on Iranian airlines.",
            Sanctions
        )
        .is_empty()
    );
}

#[test]
fn a_vessel_already_listed_is_no_new_sanction() {
    assert!(
        events(
            "The tanker, which is already under U.S. sanctions, docked in Port Said on Monday.",
            Sanctions
        )
        .is_empty()
    );
    assert!(
        events(
            "Britain has repeatedly tightened its measures against Iran since 2019.",
            Sanctions
        )
        .is_empty()
    );
}

#[test]
fn threatened_tariffs_in_a_sanctions_story_are_a_threat() {
    let ev = events(
        "The United States imposed sanctions on three Nicaraguan officials on Monday. Washington has also threatened to raise tariffs on Nicaraguan goods.",
        Sanctions,
    );
    assert!(ev.iter().any(|e| e.status == Status::Threatened), "{ev:#?}");
    assert!(
        labels("Washington has threatened to raise tariffs on Mexican steel in a trade dispute.")
            .is_empty()
    );
}

#[test]
fn more_listings_expand() {
    let e = one(
        "Canada barred 60 more shadow fleet tankers from its ports on Thursday.",
        Sanctions,
    );
    assert_eq!(e.subtype.as_str(), "expand");
}

// ----------------------------------------------------------- procurement

#[test]
fn financing_weapons_for_another_state_is_aid() {
    let e = one(
        "Canada and Belgium agreed to finance a $300 million purchase of U.S.-made air defence missiles for Ukraine.",
        Procurement,
    );
    assert_eq!(e.subtype.as_str(), "aid");
    let e = one(
        "Sweden will foot the bill for 200 million euros of American artillery shells for Ukraine.",
        Procurement,
    );
    assert_eq!(e.subtype.as_str(), "aid");
}

#[test]
fn not_considering_an_arms_transfer_is_denied() {
    let a =
        analyse("Spain said on Monday it was not considering sending Leopard tanks to Ukraine.");
    assert!(!a.classification.labels.contains(&Procurement));
    assert!(
        a.events
            .iter()
            .filter(|e| e.category() == Procurement)
            .all(|e| e.status == Status::Denied)
    );
}

#[test]
fn an_indefinite_sale_with_would_is_hypothetical() {
    assert!(
        events(
            "A purchase would make Vietnam the third operator of the fighter in Asia.",
            Procurement
        )
        .is_empty()
    );
    assert!(
        !events(
            "Vietnam signed a contract on Friday to buy 12 fighter jets from South Korea.",
            Procurement
        )
        .is_empty()
    );
}

#[test]
fn tender_and_delivery_verb_families() {
    assert_eq!(
        one(
            "The Irish Defence Forces will choose between three radar systems in a competition later this year.",
            Procurement
        )
        .subtype.as_str(),
        "tender"
    );
    assert_eq!(
        one(
            "The first Leopard 2A8 tanks have arrived in Lithuania, the defence ministry said on Monday.",
            Procurement
        )
        .subtype.as_str(),
        "delivery"
    );
}

#[test]
fn a_shared_view_or_a_promise_to_keep_talking_is_no_agreement() {
    for body in [
        "The Brazilian and South African presidents agreed on Monday that their countries should deepen trade.",
        "The Japanese and Philippine leaders spoke by phone on Friday and agreed to stay in close contact.",
    ] {
        assert!(
            events(body, Diplomacy)
                .iter()
                .all(|e| e.subtype.as_str() != "agreement"),
            "{body}"
        );
    }
    let e = one(
        "Kenya and Tanzania agreed late on Friday to reopen their shared border crossing.",
        Diplomacy,
    );
    assert_eq!(e.subtype.as_str(), "agreement");
}

#[test]
fn goods_arrive_ministers_visit() {
    assert_eq!(
        one(
            "The first CV90 armoured vehicles have arrived in Slovakia, the army said on Friday.",
            Procurement
        )
        .subtype
        .as_str(),
        "delivery"
    );
    assert!(
        events(
            "The Slovak defence minister arrived in Prague on Friday for talks on armoured vehicles.",
            Procurement
        )
        .is_empty()
    );
}

#[test]
fn no_casualties_a_few_sentences_later_complete_the_attack() {
    let e = one(
        "Militants fired rockets at a Kenyan army base near Mandera on Sunday, the army said. The base was briefly cut off. Its troops returned fire. No casualties were reported.",
        Strike,
    );
    let s = strike_slots(&e);
    assert_eq!((s.3, s.4), (Some(0), Some(0)), "{e:#?}");
}

#[test]
fn an_export_approval_is_given_by_the_exporting_state() {
    let e = one(
        "Washington approved the possible sale of 40 Patriot interceptors to Morocco for $1.1 billion, the Pentagon said on Friday.",
        Procurement,
    );
    assert_eq!(e.subtype.as_str(), "approval");
    match &e.slots {
        EventSlots::Procurement { buyer, seller, .. } => {
            assert_eq!(buyer.as_deref(), Some("MA"));
            assert_eq!(seller.as_deref(), Some("US"));
        }
        _ => panic!(),
    }
}

#[test]
fn a_weapon_crashing_into_a_target_hit_it() {
    // the impact told as a crash: "smashed into", "ploughed into"
    for s in [
        "A drone smashed into an apartment block in Belgorod overnight, shattering windows.",
        "A Ukrainian drone ploughed into a fuel depot in Bryansk region early on Sunday.",
        "Two drones plowed into a residential tower in Tel Aviv, the army said.",
        "A missile careered into a warehouse on the outskirts of Lviv before dawn.",
    ] {
        assert!(labels(s).contains(&Strike), "{s}");
    }
    // no weapon, no attack; a camera or show drone that crashes is an accident
    for s in [
        "A delivery van smashed into a shop window in Leeds on Friday.",
        "A bus ploughed into a market stall in Lagos, police said.",
        "A camera drone crashed into the crowd at a concert in Seoul, injuring two fans.",
        "Dozens of drones plowed into the harbour during a light show in Melbourne on Saturday.",
    ] {
        assert!(labels(s).is_empty(), "{s}");
    }
}

#[test]
fn an_entry_stop_list_is_a_sanctions_list() {
    // Moscow's and Minsk's names for their entry bans
    for s in [
        "Russia added 31 Japanese lawmakers and academics to its entry stop-list on Friday, the foreign ministry said.",
        "Belarus placed nine Lithuanian officials on a no-entry list on Wednesday.",
        "The foreign ministry in Moscow said 14 Canadian senators had been put on its entry stop list.",
    ] {
        assert!(labels(s).contains(&Sanctions), "{s}");
    }
    // a list of words, stops or banned fans is none
    for s in [
        "Kremlin-backed media keep a stop list of banned words, a report said.",
        "The bus company published a new stop list for the city centre routes on Monday.",
        "The club added two fans to its no-entry list after the pitch invasion on Saturday.",
    ] {
        assert!(labels(s).is_empty(), "{s}");
    }
}
