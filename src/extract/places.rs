//! Where an attack happened: the `place` slot (as named: "Kharkiv", "Red
//! Sea") and the `location_country` slot.
//!
//! A gazetteer city, region, sea or capital used as a location wins; when the
//! gazetteer does not know the place ("the village of Mika"), a capitalised
//! name after a location preposition is taken as named. At sea the country
//! is null, as the guide says.

use super::actors::{Fact, Locations, governed_by};
use crate::gazetteer::{Mention, PlaceKind};
use crate::model::CountryCode;
use crate::rules::{LexiconId, RuleSet};

/// The lexicons of `slots.toml` the mechanisms below read.
const PLACE_PREPOSITIONS: LexiconId = LexiconId::named("slots.place_prepositions");
const ROUTE_PREPOSITIONS: LexiconId = LexiconId::named("slots.route_prepositions");
const NOT_PLACES: LexiconId = LexiconId::named("slots.not_places");
const NAME_LINKS: LexiconId = LexiconId::named("slots.name_links");
const REFERENCE_PREPOSITIONS: LexiconId = LexiconId::named("slots.reference_prepositions");
const DIRECTIONS: LexiconId = LexiconId::named("slots.directions");
const CONTAINMENT: LexiconId = LexiconId::named("slots.containment_prepositions");
const REGION_NOUNS: LexiconId = LexiconId::named("slots.region_nouns");
const SITE_NOUNS: LexiconId = LexiconId::named("slots.site_nouns");
const FILLERS: LexiconId = LexiconId::named("slots.location_fillers");

/// Place and country of an event, as read from one span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub place: Option<String>,
    pub country: Option<CountryCode>,
    /// The place is a sea or strait.
    pub at_sea: bool,
}

/// A capitalised name (up to four words, allowing "al-", "el-" and "U") that
/// starts at `pos`, or `None`.
fn capitalised_name(rules: &RuleSet, text: &str, pos: usize) -> Option<(usize, usize)> {
    let links = rules.lexicon(NAME_LINKS);
    let rest = &text[pos..];
    let mut end = pos;
    let mut words = 0;
    for w in rest.split(' ') {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
        let first = clean.chars().next()?;
        let lowercase_link = links.contains(clean)
            || clean
                .split_once('-')
                .is_some_and(|(link, _)| links.contains(link));
        if !(first.is_uppercase() || lowercase_link) || clean.is_empty() {
            break;
        }
        if words == 0 && rules.lexicon(NOT_PLACES).contains_any_case(clean) {
            return None;
        }
        if clean.ends_with("'s") {
            break;
        }
        end = pos + (w.as_ptr() as usize - rest.as_ptr() as usize) + clean.len();
        words += 1;
        if clean.len() != w.len() || words == 4 {
            break;
        }
    }
    (words > 0 && end > pos).then_some((pos, end))
}

/// "west of Khan Younis", "20 km north of Kyiv": the name is a reference point.
fn is_reference_point(rules: &RuleSet, text: &str, m: &Mention) -> bool {
    let mut words = text[..m.start].split_ascii_whitespace().rev();
    words
        .next()
        .is_some_and(|w| rules.lexicon(REFERENCE_PREPOSITIONS).contains(w))
        && words.next().is_some_and(|w| {
            rules
                .lexicon(DIRECTIONS)
                .contains_any_case(w.trim_matches(|c: char| !c.is_alphabetic() && c != '-'))
        })
}

/// Whether a land mention names a region: a gazetteer region, or a name
/// followed by a word of `slots.region_nouns` ("the Tambov region").
fn is_region(rules: &RuleSet, text: &str, m: &Mention) -> bool {
    m.kind == PlaceKind::Region
        || text[m.end..]
            .split_ascii_whitespace()
            .next()
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| rules.lexicon(REGION_NOUNS).contains_any_case(w))
}

/// "the town of Beryslav in the Kherson region", "Koziatyn, in the Vinnytsia
/// region", "the Zamzam camp in North Darfur": a place named right before a
/// word of `slots.containment_prepositions` and the region lies inside it,
/// and is the more specific place. Between the name and the preposition
/// there may be what the place is (up to two words, the last a word of
/// `slots.site_nouns`); between the preposition and the region, fillers of
/// `slots.location_fillers` or a possessive ("in Siberia's Irkutsk region").
/// Gives the name's span, not before `start`; a name the gazetteer knows as
/// other than a land place (a country, a people, a group) is none.
fn contained_place(
    rules: &RuleSet,
    text: &str,
    start: usize,
    region: &Mention,
    mentions: &[Mention],
) -> Option<(usize, usize)> {
    // the words before the region, nearest first, with their spans
    let before = &text[start..region.start];
    let mut words = before
        .split_ascii_whitespace()
        .rev()
        .map(|w| (start + (w.as_ptr() as usize - before.as_ptr() as usize), w));
    // fillers and a possessive between the preposition and the region
    let mut skipped = 0;
    loop {
        let (_, w) = words.next()?;
        if rules.lexicon(CONTAINMENT).contains_any_case(w) {
            break;
        }
        skipped += 1;
        let possessive = w.ends_with("'s") && w.starts_with(|c: char| c.is_uppercase());
        if skipped > 2 || !(possessive || rules.lexicon(FILLERS).contains_any_case(w)) {
            return None;
        }
    }
    // what the place is, then the name's last word
    let (mut pos, mut w) = words.next()?;
    fn bare(w: &str) -> &str {
        w.trim_end_matches(',')
    }
    if rules.lexicon(SITE_NOUNS).contains_any_case(bare(w)) && !w.ends_with(',') {
        (pos, w) = words.next()?;
        if !w.starts_with(|c: char| c.is_uppercase()) && !w.ends_with(',') {
            (pos, w) = words.next()?;
        }
    }
    let name_end = pos + bare(w).len();
    if !w.starts_with(|c: char| c.is_uppercase()) || bare(w).contains(['.', ';', ':']) {
        return None;
    }
    // the name's first word: back over capitalised words (up to four)
    let mut name_start = pos;
    for (p, w) in words.take(3) {
        if w.ends_with([',', '.', ';', ':']) || !w.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        name_start = p;
    }
    // the longest capitalised name from there that ends at the name's end
    let (s, e) = (name_start..=pos)
        .filter(|&p| p == name_start || text.as_bytes()[p - 1] == b' ')
        .find_map(|p| capitalised_name(rules, text, p).filter(|&(_, e)| e == name_end))?;
    let other = mentions.iter().any(|m| {
        m.start < e
            && s < m.end
            && !matches!(
                m.kind,
                PlaceKind::City | PlaceKind::Capital | PlaceKind::Region
            )
    });
    (!other).then_some((s, e))
}

/// Place of an event in `text[start..end]`. `mentions` are those inside the
/// span; `exclude` is a byte range not to take a place from (the trigger).
pub fn place_in(locs: &Locations<'_>, start: usize, end: usize, mentions: &[Mention]) -> Place {
    let text = locs.text;
    let rules = locs.rules;
    let mut out = Place::default();
    // 1. a gazetteer location: a sea, a city or region, a capital used as a place
    // "travelling from Odesa to Zaporizhzhia": a route, not where it happened
    let locs: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            locs.is_location(m)
                && !locs.fact(m, Fact::Route, || {
                    governed_by(rules, text, m.start, ROUTE_PREPOSITIONS)
                })
        })
        .collect();
    if let Some(sea) = locs.iter().find(|m| m.kind == PlaceKind::Sea) {
        // A sea is the place unless a land place is also named before it.
        if !locs
            .iter()
            .any(|m| matches!(m.kind, PlaceKind::City | PlaceKind::Capital) && m.start < sea.start)
        {
            out.place = Some(sea.canonical.clone());
            out.at_sea = true;
            return out;
        }
    }
    let land = |m: &&&Mention| {
        matches!(
            m.kind,
            PlaceKind::City | PlaceKind::Capital | PlaceKind::Region
        )
    };
    // "in the Mawasi area west of Khan Younis": the named place, not the
    // reference point after "<direction> of"
    let place = locs
        .iter()
        .filter(land)
        .find(|m| !is_reference_point(rules, text, m))
        .copied();
    let reference = locs.iter().filter(land).copied().next();
    if let Some(p) = place {
        out.place = Some(text[p.start..p.end].to_string());
        out.country = p.code;
        if is_region(rules, text, p)
            && let Some((s, e)) = contained_place(rules, text, start, p, mentions)
        {
            out.place = Some(text[s..e].to_string());
        }
    } else if let Some(r) = reference {
        out.country = r.code;
    }
    // 2. a name the gazetteer does not know, after a location preposition
    if out.place.is_none() {
        let slice = &text[start..end];
        // whether a mention covers `pos`: for mentions by start (as callers
        // pass them) and rising `pos`, the furthest end of those starting at
        // or before it, kept by a cursor, so a long clause costs its words
        // plus its mentions, not their product
        let sorted = mentions.is_sorted_by_key(|m| m.start);
        let (mut next, mut reach) = (0, 0);
        let mut covered = |pos: usize| {
            if !sorted {
                return mentions.iter().any(|m| m.start <= pos && pos < m.end);
            }
            while let Some(m) = mentions.get(next).filter(|m| m.start <= pos) {
                reach = reach.max(m.end);
                next += 1;
            }
            pos < reach
        };
        // (the bytes that are spaces: `match_indices(' ')` without a
        // searcher call per space)
        for i in slice
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b' ')
            .map(|(i, _)| i)
        {
            let pos = start + i + 1;
            if pos >= end {
                break;
            }
            if !text[pos..].starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            if covered(pos) {
                continue;
            }
            if !governed_by(rules, text, pos, PLACE_PREPOSITIONS) {
                continue;
            }
            // the word right before must be a preposition or a filler ("the village of")
            if let Some((s, e)) = capitalised_name(rules, text, pos)
                && e <= end
            {
                out.place = Some(text[s..e].to_string());
                break;
            }
        }
        if out.place.is_none()
            && let Some(r) = reference
        {
            out.place = Some(text[r.start..r.end].to_string());
        }
    }
    // 3. the country: of the place, else a country used as a location
    if out.country.is_none() {
        out.country = locs
            .iter()
            .find(|m| {
                matches!(
                    m.kind,
                    PlaceKind::Country | PlaceKind::Demonym | PlaceKind::Capital
                )
            })
            .and_then(|m| m.code);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::shipped_rules as rules;

    fn m(text: &str, name: &str, code: Option<&str>, kind: PlaceKind) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            start,
            end: start + name.len(),
            canonical: name.into(),
            code: code.and_then(CountryCode::new),
            kind,
        }
    }

    #[test]
    fn gazetteer_place_and_country() {
        let t = "In Kharkiv, a girl was killed by a Russian missile strike";
        let ms = vec![
            m(t, "Kharkiv", Some("UA"), PlaceKind::City),
            m(t, "Russian", Some("RU"), PlaceKind::Demonym),
        ];
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &ms);
        assert_eq!(
            (p.place.as_deref(), p.country.as_deref()),
            (Some("Kharkiv"), Some("UA"))
        );
    }

    #[test]
    fn sea_has_no_country() {
        let t = "The ship sank in the Red Sea after attacks by the Houthis";
        let ms = vec![
            m(t, "Red Sea", None, PlaceKind::Sea),
            m(t, "Houthis", Some("YE"), PlaceKind::ArmedGroup),
        ];
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &ms);
        assert_eq!(
            (p.place.as_deref(), p.country, p.at_sea),
            (Some("Red Sea"), None, true)
        );
    }

    #[test]
    fn unknown_village_after_preposition() {
        let t = "a strike on the southern village of Aita al-Shaab killed one person";
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &[]);
        assert_eq!(p.place.as_deref(), Some("Aita al-Shaab"));
        let t = "an explosive device tore up track near the village of Mika on Sunday";
        assert_eq!(
            place_in(&Locations::plain(rules(), t), 0, t.len(), &[])
                .place
                .as_deref(),
            Some("Mika")
        );
    }

    #[test]
    fn a_place_inside_a_region_is_the_place() {
        let place = |t: &str, ms: &[Mention]| {
            let p = place_in(&Locations::plain(rules(), t), 0, t.len(), ms);
            (p.place, p.country.map(|c| c.to_string()))
        };
        let named = |p: &str, c: &str| (Some(p.to_string()), Some(c.to_string()));
        // a gazetteer region, an unknown town before it
        let t = "artillery fire on the town of Dorvan in the Poltava region wounded two people";
        let ms = [m(t, "Poltava", Some("UA"), PlaceKind::Region)];
        assert_eq!(place(t, &ms), named("Dorvan", "UA"));
        // a city name used as a region; a site between the name and "in"
        let t = "drones hit the Velikoye pumping station in the Penza region overnight";
        let ms = [m(t, "Penza", Some("RU"), PlaceKind::City)];
        assert_eq!(place(t, &ms), named("Velikoye", "RU"));
        // after a comma, with a possessive before the region
        let t = "a strike on Tarnivka, in Ukraine's Sumy region, killed one";
        let ms = [
            m(t, "Ukraine", Some("UA"), PlaceKind::Country),
            m(t, "Sumy", Some("UA"), PlaceKind::Region),
        ];
        assert_eq!(place(t, &ms), named("Tarnivka", "UA"));
        // a people or a long description before "in" is no place
        let t = "shelling by Russian troops in the Sumy region killed one";
        let ms = [
            m(t, "Russian", Some("RU"), PlaceKind::Demonym),
            m(t, "Sumy", Some("UA"), PlaceKind::Region),
        ];
        assert_eq!(place(t, &ms), named("Sumy", "UA"));
        let t = "jets bombed a Buddhist school sheltering displaced families in the Magway region";
        let ms = [m(t, "Magway", Some("MM"), PlaceKind::Region)];
        assert_eq!(place(t, &ms), named("Magway", "MM"));
    }

    #[test]
    fn direction_of_is_a_reference_point() {
        let t = "a strike on tents in the Mawasi area west of Khan Younis killed five";
        let ms = vec![m(t, "Khan Younis", Some("PS"), PlaceKind::City)];
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &ms);
        assert_eq!(
            (p.place.as_deref(), p.country.as_deref()),
            (Some("Mawasi"), Some("PS"))
        );
        let t = "shelling hit a village 10 km north of Kherson";
        let ms = vec![m(t, "Kherson", Some("UA"), PlaceKind::City)];
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &ms);
        assert_eq!(p.place.as_deref(), Some("Kherson"));
    }

    #[test]
    fn country_only_gives_no_place() {
        let t = "drones were shot down over Poland";
        let ms = vec![m(t, "Poland", Some("PL"), PlaceKind::Country)];
        let p = place_in(&Locations::plain(rules(), t), 0, t.len(), &ms);
        assert_eq!((p.place, p.country.as_deref()), (None, Some("PL")));
    }
}
