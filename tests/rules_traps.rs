//! Traps: words that look like an event of a category but are not, decided by
//! context (event guide "Not ..." lists; coding notes section 5). Each trap has
//! a negative case and a positive look-alike that must still be found.

#[path = "rules_helpers/mod.rs"]
mod common;
use common::*;
use wirewatch::model::Category::*;

#[test]
fn labour_strike_is_not_an_attack() {
    assert!(labels("Nurses across the region went on strike on Monday over wages, and the union said the walkout would continue.").is_empty());
    assert!(!labels("Workers at the plant that builds the tanks voted to strike after rejecting a contract offer from the company; the union called the walkout for Friday.").contains(&Strike));
}

#[test]
fn hunger_strike_is_not_an_attack() {
    assert!(
        labels(
            "The jailed activist began a hunger strike on Tuesday to protest against his detention."
        )
        .is_empty()
    );
}

#[test]
fn strike_a_deal_is_not_an_attack() {
    assert!(
        !labels("Union negotiators struck a deal with the carmaker on Sunday, ending the dispute.")
            .contains(&Strike)
    );
    assert!(
        !labels("The minister said the government must strike a balance between growth and debt.")
            .contains(&Strike)
    );
}

#[test]
fn sport_is_not_news_of_any_category() {
    assert!(labels("The Brazilian striker scored twice as his club won the Champions League final on Saturday.").is_empty());
    assert!(labels("The cyclist received a two-year sanction from the anti-doping agency after a positive test.").is_empty());
    assert!(labels("UEFA imposed sanctions on three clubs on Friday for breaking its financial rules, fining them a combined 40 million euros.").is_empty());
    assert!(labels("She bowled a strike in the final frame to win the bowling title.").is_empty());
}

#[test]
fn airline_orders_and_civilian_tenders_are_not_procurement() {
    assert!(
        labels("Lufthansa ordered 30 Airbus A350 widebody jets at the air show on Tuesday.")
            .is_empty()
    );
    assert!(
        labels("The city council launched a tender for 60 electric buses and charging stations.")
            .is_empty()
    );
    // a military order in the same words is procurement
    assert!(labels("The Polish defence ministry ordered 48 Apache attack helicopters from the United States on Tuesday.").contains(&Procurement));
}

#[test]
fn ordinary_tariffs_and_anti_dumping_are_not_sanctions() {
    assert!(labels("The Commerce Ministry imposed a provisional anti-dumping duty of 30% on steel from Vietnam after finding dumping by exporters.").is_empty());
    // a punitive tariff for a political behaviour is
    assert!(labels("Washington imposed an extra 25% tariff on Indian goods as a penalty for New Delhi's purchases of Russian oil on Wednesday.").contains(&Sanctions));
}

#[test]
fn sanctioned_meaning_approved_is_not_a_sanction() {
    assert!(
        !labels("The race was officially sanctioned by the national federation on Monday.")
            .contains(&Sanctions)
    );
}

#[test]
fn exercises_and_missile_tests_are_not_strikes() {
    assert!(labels("Russia and Belarus began joint military exercises on Friday, with troops practising striking back at a simulated enemy.").is_empty());
    assert!(labels("North Korea test-fired a ballistic missile into the sea on Thursday, South Korea's military said.").is_empty());
    // a missile that hits a city is
    assert!(
        labels(
            "A Russian ballistic missile hit the city of Sumy on Thursday, killing five people."
        )
        .contains(&Strike)
    );
}

#[test]
fn cyberattacks_are_not_strikes() {
    assert!(labels("A cyberattack on the airport's check-in software disrupted flights on Sunday; hackers have not been identified.").is_empty());
}

#[test]
fn police_action_is_not_a_strike() {
    assert!(labels("Riot police fired tear gas and water cannon at protesters outside parliament on Saturday; 12 people were injured.").is_empty());
}

#[test]
fn domestic_politics_is_not_diplomacy() {
    assert!(labels("The prime minister met parliament leaders and his party on Monday to discuss the budget.").is_empty());
    assert!(
        labels("Parliament voted on Wednesday to dismiss the energy minister after a graft probe.")
            .is_empty()
    );
    // a meeting between two governments is
    assert!(
        labels(
            "The French and German foreign ministers met in Berlin on Monday for talks on Ukraine."
        )
        .contains(&Diplomacy)
    );
}

#[test]
fn natural_disasters_are_not_strikes() {
    assert!(
        labels(
            "An earthquake struck the eastern province on Sunday, killing more than 800 people."
        )
        .is_empty()
    );
}

#[test]
fn background_and_history_are_not_events() {
    assert!(
        labels("Despite ongoing Russian strikes, the economy grew in the third quarter.")
            .is_empty()
    );
    assert!(labels("The carmaker cut its working week; the 2014 sanctions and those imposed in 2022 hurt its supply of parts.").is_empty());
}

#[test]
fn kidnapping_and_piracy_are_not_attacks() {
    assert!(labels("Armed men abducted 14 passengers from a bus on a highway in Zamfara state on Monday and demanded a ransom.").is_empty());
    assert!(labels("Gunmen kidnapped a priest and two students from a seminary in Enugu on Saturday and killed a guard, police said.").is_empty());
    assert!(labels("Pirates hijacked a Liberian-flagged bulk carrier off Somalia on Thursday and took its crew hostage.").is_empty());
    // an attack told alongside a kidnapping is
    assert!(labels("Jihadists stormed a village near Djibo on Tuesday, killing 20 men and abducting dozens of women.").contains(&Strike));
}

#[test]
fn bar_shootings_communal_clashes_and_protest_clashes_are_not_attacks() {
    assert!(
        labels("Gunmen shot dead six men at a nightclub in Durban early on Sunday, police said.")
            .is_empty()
    );
    assert!(labels("Herders and farmers clashed over grazing land in Plateau state on Friday, leaving 11 dead.").is_empty());
    assert!(labels("Riot police clashed with opposition supporters in Conakry on Thursday, and two people were killed.").is_empty());
    // in a story of protests, bare clashes elsewhere are the protests'
    assert!(labels("Protesters burned tyres in the capital on Monday and riot police fired tear gas.\n\nThe border post was shut after clashes near the frontier.").is_empty());
    // militants attacking a bar are not crime
    assert!(
        labels("Militants stormed a bar in Mogadishu on Friday, killing nine people.")
            .contains(&Strike)
    );
}

#[test]
fn bird_strikes_and_defused_bombs_are_not_attacks() {
    assert!(
        labels("A bird strike damaged an engine of a cargo plane landing in Lagos on Monday.")
            .is_empty()
    );
    assert!(
        labels("Army sappers defused a roadside bomb found near a bridge in Kirkuk on Tuesday.")
            .is_empty()
    );
    assert!(labels("An unexploded Second World War bomb was destroyed in a controlled explosion in Plymouth on Friday.").is_empty());
}

#[test]
fn a_test_or_live_fire_on_a_target_is_no_attack() {
    assert!(labels("The navy said its new anti-ship missile struck a target ship during a live-fire drill in the Sea of Japan on Tuesday.").is_empty());
    assert!(labels("Iran fired two missiles that flew 1,000 km before splashing down in the Indian Ocean, state media said.").is_empty());
}

#[test]
fn a_military_training_crash_is_no_attack() {
    assert!(labels("An Indian air force Jaguar jet crashed into a field during a training mission on Wednesday, killing both pilots.").is_empty());
}

#[test]
fn armed_men_killing_with_blades_are_no_mob_and_no_hackers() {
    // a militia is an armed group: its blades make no mob violence
    assert!(labels("Militiamen wielding machetes stormed a displacement camp before dawn, killing 30 people, local officials said.").contains(&Strike));
    assert!(labels("A militia armed with machetes and rifles attacked two villages in the hills on Sunday, leaving 19 dead.").contains(&Strike));
    // "hacked" with a killing or a blade is the physical sense
    assert!(labels("Rebels shot and hacked farmers in their fields on Wednesday, killing 14, a local official said.").contains(&Strike));
    // look-alikes: villagers and mobs with blades, hackers at keyboards
    assert!(
        labels("Villagers armed with machetes clashed over farmland on Sunday, leaving two dead.")
            .is_empty()
    );
    assert!(
        labels(
            "A mob armed with sticks and machetes attacked a man accused of theft, police said."
        )
        .is_empty()
    );
    assert!(
        labels("Hackers attacked the ministry's servers on Tuesday, knocking its website offline.")
            .is_empty()
    );
    assert!(
        labels("Pro-Russian hackers hacked the websites of three airports on Monday.").is_empty()
    );
}
