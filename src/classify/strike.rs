//! Strike: kinetic attacks by state forces or armed groups (air strikes,
//! missiles, drones, rockets, artillery, bombings, naval attacks, ground
//! assaults), including drones intercepted or shot down.
//!
//! An event needs an attack phrase ("air strike", "shelling") or a weapon
//! noun together with an attack cue in the same clause ("missiles hit",
//! "intercepting 114 drones"); a weapon alone ("missile components") is not
//! an attack. The bare word "strike" takes its subtype from the weapon named
//! nearby, else from the story's previous strike. Labour and hunger strikes,
//! "strike a deal", sport, exercises, tests, cyberattacks and police action
//! are cancelled by `traps.toml`; "ongoing strikes" by `modality`.

use super::{Candidate, Doc, Sent, compatible, modality, traps};
use crate::extract::actors::attacker;
use crate::extract::casualties::{Casualties, casualties};
use crate::extract::places::place_in;
use crate::gazetteer::PlaceKind;
use crate::model::{Category, CountryCode, EventSlots, StrikeFields, Subtype};
use crate::rules::{Hit, Kind};

struct Item<'h> {
    /// The rule's, but for a bare "strike" that takes the weapon's or the
    /// story's previous subtype.
    subtype: Subtype,
    hit: &'h Hit,
    weight: f64,
}

/// The strike slots of a candidate: actor, location, place, killed, injured.
fn slots(c: &Candidate) -> StrikeFields<'_> {
    c.slots
        .strike_fields()
        .expect("strike candidates carry strike slots")
}

/// Weapon subtype of a hit: a weapon noun or a system with a strike class.
fn weapon_subtype(doc: &Doc<'_>, h: &Hit) -> Option<Subtype> {
    let rules = doc.rules;
    match &rules.entry(h).kind {
        Kind::Weapon { subtype } => Some(*subtype),
        Kind::System(i) => rules.systems[*i].class.strike_subtype(),
        _ => None,
    }
}

use crate::rules::{LexiconId, RuleSet};

/// Lexicons of `strike.toml` the mechanisms below read (their names).
const PLATFORM_NOUNS: LexiconId = LexiconId::named("strike.platform_nouns");
const COMPOUND_MODIFIERS: LexiconId = LexiconId::named("strike.compound_modifiers");
const PASSIVE_AUX: LexiconId = LexiconId::named("strike.passive_aux");
const SHIP_ASSAULT_VERBS: LexiconId = LexiconId::named("strike.ship_assault_verbs");
const INTERCEPTION_VERBS: LexiconId = LexiconId::named("strike.interception_verbs");
const PORT_BEFORE: LexiconId = LexiconId::named("strike.port_before");
const PORT_NOT_BEFORE: LexiconId = LexiconId::named("strike.port_not_before");
const PAIR_JOINERS: LexiconId = LexiconId::named("strike.pair_joiners");
const LABOUR_MODIFIERS: LexiconId = LexiconId::named("strike.labour_modifiers");
const DURATION_UNITS: LexiconId = LexiconId::named("strike.duration_units");
const SPAN_LINKS: LexiconId = LexiconId::named("strike.span_links");
const TREND_PREDICATES: LexiconId = LexiconId::named("strike.trend_predicates");
const BACK_REFERENCE_DETERMINERS: LexiconId = LexiconId::named("strike.back_reference_determiners");
const AGENT_MARKERS: LexiconId = LexiconId::named("strike.agent_markers");
const VICTIM_MARKERS: LexiconId = LexiconId::named("strike.victim_markers");
const CLAIM_VERBS: LexiconId = LexiconId::named("strike.claim_verbs");
const BLAME_VERBS: LexiconId = LexiconId::named("strike.blame_verbs");
const CLAIMED_ACTS: LexiconId = LexiconId::named("strike.claimed_acts");
const BLAME_MARKERS: LexiconId = LexiconId::named("strike.blame_markers");
const TERRITORY_OBJECTS: LexiconId = LexiconId::named("strike.territory_objects");
const HOME_FORCES: LexiconId = LexiconId::named("strike.home_forces");
const FORCE_NOT_AGENT: LexiconId = LexiconId::named("strike.force_not_agent");
const RETROSPECTIVE_FRAMES: LexiconId = LexiconId::named("strike.retrospective_frames");
const INCIDENT_NOUNS: LexiconId = LexiconId::named("strike.incident_nouns");
const INCIDENT_PLACE_WORDS: LexiconId = LexiconId::named("strike.incident_place_words");
/// Stems of verbs that are also a quarrel with a person ("clashed with
/// President X"): see [`verbal_clash`].
const QUARREL_VERBS: LexiconId = LexiconId::named("strike.quarrel_verbs");
const ABSTRACT_OBJECTS: LexiconId = LexiconId::named("strike.abstract_objects");
const FIGURATIVE_MODIFIERS: LexiconId = LexiconId::named("strike.figurative_modifiers");
const BATTLE_NOUNS: LexiconId = LexiconId::named("strike.battle_nouns");
const BATTLE_LINKS: LexiconId = LexiconId::named("strike.battle_links");
const IMPACT_VERBS: LexiconId = LexiconId::named("strike.impact_verbs");
const OBJECT_BREAKS: LexiconId = LexiconId::named("strike.object_breaks");
const BATTLE_NOT_AFTER: LexiconId = LexiconId::named("strike.battle_not_after");
const AGENTIVE_NOUNS: LexiconId = LexiconId::named("strike.agentive_nouns");
const TARGET_NOUNS: LexiconId = LexiconId::named("strike.target_nouns");
const HARM_WORDS: LexiconId = LexiconId::named("strike.harm_words");
const CIVILIAN_AGENTS: LexiconId = LexiconId::named("strike.civilian_agents");
const LAW_ENFORCERS: LexiconId = LexiconId::named("strike.law_enforcers");
/// Words (target fillers aside) that may stand between a civilian doer and
/// the strike word ("youths threw petrol bombs": two).
const CIVILIAN_GAP_WORDS: usize = 3;
const TARGET_PREPOSITIONS: LexiconId = LexiconId::named("strike.target_prepositions");
const TARGET_FILLERS: LexiconId = LexiconId::named("strike.target_fillers");
/// How far after an attack word the place it hit may start (bytes).
const PLACE_REACH: usize = 60;

/// Whether `w` is a passive auxiliary (any case).
fn is_passive_aux(rules: &RuleSet, w: &str) -> bool {
    rules.lexicon(PASSIVE_AUX).contains_any_case(w)
}

/// The word at `pos` of `lower` (the lower-cased body).
fn next_word(lower: &str, pos: usize) -> &str {
    crate::extract::window(lower, pos, pos + 30)
        .split_ascii_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// "attack" used as a modifier of a platform noun ("Apache attack
/// helicopters") is no attack cue.
fn is_compound_modifier(doc: &Doc<'_>, h: &Hit) -> bool {
    let word = &doc.lower[h.start..h.end];
    doc.rules.in_lexicon(COMPOUND_MODIFIERS, word)
        && doc
            .rules
            .in_lexicon(PLATFORM_NOUNS, next_word(&doc.lower, h.end))
}

/// Whether the span `[s, e)` holds a passive auxiliary: the noun before it
/// is the target ("the jets were hit"), not the attacker.
fn passive_between(rules: &RuleSet, body: &str, s: usize, e: usize) -> bool {
    crate::extract::window(body, s, e)
        .split_ascii_whitespace()
        .any(|w| is_passive_aux(rules, w))
}

/// The attack cues of one clause, found once: whether a weapon has an attack
/// cue apart from itself, or one after it that it performs, is then a
/// lookup, not a rescan of the clause per weapon (quadratic in a long
/// clause; cubic with the passive check).
struct ClauseCues {
    /// Start and end of each attack cue of the clause, by start.
    cues: Vec<(usize, usize)>,
    /// The least end and the greatest start among `cues`.
    min_end: usize,
    max_start: usize,
}

impl ClauseCues {
    fn new(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, ce: usize) -> ClauseCues {
        let cues: Vec<(usize, usize)> = sent
            .hits_in(cs, ce)
            .filter(|x| is_attack_cue(doc, x))
            .map(|x| (x.start, x.end))
            .collect();
        ClauseCues {
            min_end: cues.iter().map(|c| c.1).min().unwrap_or(usize::MAX),
            max_start: cues.iter().map(|c| c.0).max().unwrap_or(0),
            cues,
        }
    }

    /// Whether an attack cue of the clause lies wholly before or after `h`.
    fn apart(&self, h: &Hit) -> bool {
        !self.cues.is_empty() && (self.min_end <= h.start || self.max_start >= h.end)
    }
}

/// Attack verbs that take the ship they hit as object ("attacked a bulk
/// carrier", "struck a tanker"); not prepositions ("against") or verbs of
/// sending. `w` is lower case.
fn is_assault_verb(rules: &RuleSet, w: &str) -> bool {
    rules.lexicon(SHIP_ASSAULT_VERBS).prefixes(w)
}

/// Verbs of interception: the one who intercepts is the defender. `w` is
/// lower case.
fn is_interception(rules: &RuleSet, w: &str) -> bool {
    rules.lexicon(INTERCEPTION_VERBS).prefixes(w)
}

/// Whether `before` (lower case) holds a word of lexicon `name` followed by
/// a space ("port of " before the city's name).
fn has_word_before(rules: &RuleSet, name: LexiconId, before: &str) -> bool {
    rules.lexicon(name).entries().iter().any(|p| {
        before
            .match_indices(p.as_str())
            .any(|(i, _)| before.as_bytes().get(i + p.len()) == Some(&b' '))
    })
}

/// A word of `text` without the punctuation around it (hyphens kept).
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// Labour sense of a bare "strike": a work stoppage is told with a labour
/// modifier ("an open-ended strike", "a partial strike") or a hyphenated
/// duration ("a four-day strike", "a 24-hour strike") among the two words
/// before it.
fn labour_stoppage(doc: &Doc<'_>, h: &Hit) -> bool {
    let rules = doc.rules;
    crate::extract::window(&doc.lower, h.start.saturating_sub(40), h.start)
        .split_ascii_whitespace()
        .rev()
        .take(2)
        .map(bare)
        .any(|w| {
            rules.in_lexicon(LABOUR_MODIFIERS, w)
                || w.rsplit_once('-').is_some_and(|(n, unit)| {
                    !n.is_empty() && rules.in_lexicon(DURATION_UNITS, unit)
                })
        })
}

/// Lead-up span: an attack word told as a span of time, a word of
/// `strike.duration_units` and one of `strike.span_links` ("of") among the
/// three words before it in its clause ("overran the camp after two days of
/// shelling", "after a week of heavy fighting"), is the course of fighting that led to the attack the
/// sentence reports, one event with it (event guide: one attack, one
/// event), not an attack of its own. Asked only when the sentence already
/// has a strike event.
fn lead_up_span(doc: &Doc<'_>, cs: usize, h: &Hit) -> bool {
    let before: Vec<&str> = words_at(&doc.lower, cs, h.start).map(|w| w.2).collect();
    let n = before.len();
    (1..=3.min(n)).any(|k| {
        doc.rules.in_lexicon(SPAN_LINKS, before[n - k])
            && n - k >= 1
            && doc.rules.in_lexicon(DURATION_UNITS, before[n - k - 1])
    })
}

/// Trend mention: an attack word followed by a predicate of how such
/// attacks go in general (lexicon `strike.trend_predicates`: "drone
/// attacks have grown more common", "raids are rising in the north") names
/// a kind of attack, not one: the guide's generic background mention. A
/// toll in the clause makes it a specific attack (the caller keeps it).
fn trend_mention(doc: &Doc<'_>, h: &Hit, ce: usize) -> bool {
    let after: Vec<&str> = words_at(&doc.lower, h.end, ce)
        .take(3)
        .map(|w| w.2)
        .collect();
    (2..=after.len()).any(|k| {
        doc.rules
            .in_lexicon(TREND_PREDICATES, &after[..k].join(" "))
    })
}

/// Back reference: an attack word right after a definite determiner (lexicon
/// `strike.back_reference_determiners`: "the bomb hit the school", "said it
/// had carried out the attack") names an attack the story has already told,
/// not a new one (event guide: one attack, one event; a later sentence
/// completes it). The caller folds it into the story's latest strike event,
/// of an earlier sentence, when the two can be one attack and the clause
/// names no other weapon ("the strike was part of a barrage of 400 drones"
/// reports the barrage too).
fn back_reference(doc: &Doc<'_>, cs: usize, h: &Hit) -> bool {
    words_at(&doc.lower, cs, h.start)
        .last()
        .is_some_and(|w| doc.rules.in_lexicon(BACK_REFERENCE_DETERMINERS, w.2))
}

/// Whether an attack of `later` subtype, named by the trigger word `word`
/// (lower case), can be the attack `earlier` told before: the same
/// subtype, a bomb of an air strike ("bombs dropped by an aircraft are the
/// air strike itself", as within a clause), or a generic attack noun of
/// `strike.claimed_acts` ("the attack") that names any attack.
fn same_attack_kind(rules: &RuleSet, earlier: Subtype, later: Subtype, word: &str) -> bool {
    earlier == later
        || later == Subtype::Bombing && earlier == Subtype::Airstrike
        || rules.in_lexicon(CLAIMED_ACTS, word)
}

/// Agentive attack noun: "raids by army helicopters", "was pounded by
/// jets": an attack cue shortly before the weapon, joined to it by an agent
/// marker, makes the weapon the one acting.
fn agent_after_cue(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, cs: usize) -> bool {
    let rules = doc.rules;
    sent.hits_in(cs.max(h.start.saturating_sub(40)), h.start)
        .any(|x| {
            is_attack_cue(doc, x) && {
                let gap = crate::extract::window(&doc.lower, x.end, h.start);
                gap.split_ascii_whitespace().count() <= 3
                    && gap
                        .split_ascii_whitespace()
                        .any(|w| rules.in_lexicon(AGENT_MARKERS, w))
            }
        })
}

/// Greatest distance in bytes between an aircraft and the verb it performs.
const AIR_REACH: usize = 40;

/// An aircraft acts: the first attack cue after it, within a few words, is
/// its verb, with no passive auxiliary between ("jets pounded the town";
/// not "the jets were hit") and no interception ("aircraft shot down the
/// drones" is the defence, not an air strike).
fn air_acts(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    sent.hits_in(h.end, ce.min(h.end + AIR_REACH + 30))
        .find(|x| is_attack_cue(doc, x))
        .is_some_and(|x| {
            x.start - h.end <= AIR_REACH
                && !passive_between(rules, doc.body, h.end, x.start)
                && !is_interception(rules, &doc.lower[x.start..x.end])
        })
}

/// Greatest distance in bytes between an armed force and its assault verb.
const FORCE_REACH: usize = 80;

/// Ground-assault frame: an armed force (`kind = "force"`) and an assault
/// verb (`kind = "assault"`) close together in one clause, either order
/// ("militants stormed a hotel", "fighters attacked army positions",
/// "attacked army positions"). Returns the verb. One pass over the clause's
/// hits, sorted by start.
fn force_assault<'h>(doc: &Doc<'_>, sent: &'h Sent<'_>, cs: usize, ce: usize) -> Option<&'h Hit> {
    let rules = doc.rules;
    let (mut force_end, mut assault): (Option<usize>, Option<&Hit>) = (None, None);
    // a verb before the force ("killed by gunmen") is kept only if no verb
    // follows the force: the force's own verb ("people killed when gunmen
    // attacked the city") is the attack and bears its time
    let mut before: Option<&Hit> = None;
    for h in sent.hits_in(cs, ce) {
        match rules.entry(h).kind {
            // a battle noun acts only with its sides after it, never paired
            // with a force elsewhere ("the army's battle against inflation")
            Kind::Assault
                if rules.in_lexicon(BATTLE_NOUNS, &doc.lower[h.start..h.end])
                    && battle_sides(doc, sent, h, ce) =>
            {
                return Some(h);
            }
            Kind::Assault if rules.in_lexicon(BATTLE_NOUNS, &doc.lower[h.start..h.end]) => {}
            Kind::Force => {
                // only "killed by gunmen": a force right after the verb
                // with no agent marker is its victim ("killing 20 soldiers")
                if let Some(a) = assault
                    && a.end <= h.start
                    && h.start - a.end <= FORCE_REACH
                    && words_at(&doc.lower, a.end, h.start)
                        .any(|(_, _, w)| rules.in_lexicon(AGENT_MARKERS, w))
                {
                    before = before.or(Some(a));
                }
                force_end = Some(h.end);
            }
            Kind::Assault => {
                if force_end.is_some_and(|e| {
                    e <= h.start && h.start - e <= FORCE_REACH && !force_is_victim(doc, sent, e, h)
                }) {
                    return Some(h);
                }
                assault = Some(h);
            }
            _ => {}
        }
    }
    before
}

/// Victim frame: a force right before a casualty verb that takes no
/// object, the verb followed by a word of `strike.victim_markers` ("twenty
/// soldiers killed in a blast", "troops killed when their truck
/// overturned"), is who died, not who attacked: the verb is passive, and
/// the force no doer of it. "Soldiers killed three militants" keeps the
/// force acting.
fn force_is_victim(doc: &Doc<'_>, sent: &Sent<'_>, force_end: usize, verb: &Hit) -> bool {
    let rules = doc.rules;
    doc.body[force_end..verb.start].trim().is_empty()
        && sent.hits_near(verb.start, verb.start).iter().any(|x| {
            x.start == verb.start
                && x.end == verb.end
                && matches!(rules.entry(x).kind, Kind::Killed | Kind::Injured)
        })
        && rules.in_lexicon(VICTIM_MARKERS, bare(next_word(&doc.lower, verb.end)))
}

/// Territory frame: a verb of taking ground (`kind = "territory"`) whose
/// object is a place: a town, city or region name, a word of
/// `strike.territory_objects`, or a capitalised name the gazetteer does not
/// know right after the verb ("seized the airport", "regained control of
/// two villages", "took Walikale"), read word by word up to a word of
/// `strike.object_breaks` that ends the object ("took part in a parade in
/// Delhi", "captured 12 soldiers in the village"); told of an armed force
/// or group named in the sentence other than the object itself ("pushed
/// out French troops" names no one fighting). "Seized a tanker" has no
/// place and is no battle.
fn territory_taken<'h>(doc: &Doc<'_>, sent: &'h Sent<'_>, cs: usize, ce: usize) -> Option<&'h Hit> {
    let rules = doc.rules;
    // (the object's span: a force inside it is the one pushed back)
    let armed = |from: usize, to: usize| {
        sent.hits
            .iter()
            .any(|h| rules.entry(h).kind == Kind::Force && !(h.start >= from && h.end <= to))
            || sent
                .mentions
                .iter()
                .any(|m| m.kind == PlaceKind::ArmedGroup)
    };
    // the end of the place the verb takes, if its object is one
    let place_object = |from: usize| -> Option<usize> {
        let to = (from + 60).min(ce);
        let mentions = sent.mentions_in(from, to);
        for (i, (s, e, w)) in words_at(&doc.lower, from, to).take(6).enumerate() {
            let mention = mentions.iter().find(|m| m.start <= s && s < m.end);
            if mention.is_some_and(|m| {
                matches!(
                    m.kind,
                    PlaceKind::City | PlaceKind::Capital | PlaceKind::Region
                )
            }) || rules.in_lexicon(TERRITORY_OBJECTS, w)
            {
                return Some(e);
            }
            if rules.in_lexicon(OBJECT_BREAKS, w) {
                return None;
            }
            // a place the gazetteer lacks, named right after the verb
            if i == 0
                && mention.is_none()
                && doc.body[s..].starts_with(|c: char| c.is_ascii_uppercase())
                && w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
            {
                return Some(e);
            }
        }
        None
    };
    sent.hits_in(cs, ce).find(|h| {
        rules.entry(h).kind == Kind::Territory
            && place_object(h.end).is_some_and(|end| armed(h.end, end))
    })
}

/// Greatest distance in bytes between an attack and a time of the news
/// cycle that dates it from after it ("the bombing on Sunday").
const OWN_DATE_REACH: usize = 40;

/// Retrospective frame: an attack that is the topic of a trial, a verdict
/// or a commemoration (a word of `strike.retrospective_frames` before it in
/// its clause: "a court sentenced a man on Tuesday for the bombing of a
/// bar", "a memorial service for those killed when a bomber attacked a
/// concert") is an act of the past told for what is done about it now,
/// unless a time of the news cycle dates the attack itself: a possessive
/// just before it ("over Sunday's bombing") or a time just after it ("the
/// attack last week"). A time before it dates the frame ("convicted on
/// Tuesday of the bombing").
fn retrospective(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, attack: &Hit) -> bool {
    let rules = doc.rules;
    let framed = words_at(&doc.lower, cs, attack.start)
        .any(|(_, _, w)| rules.lexicon(RETROSPECTIVE_FRAMES).prefixes(w));
    framed
        && !sent.hits_near(cs, sent.end).iter().any(|h| {
            matches!(rules.entry(h).kind, Kind::Cue(crate::rules::Cue::Current))
                && (h.end <= attack.start
                    && attack.start - h.end <= OWN_DATE_REACH / 2
                    && ["'s", "\u{2019}s"]
                        .iter()
                        .any(|p| doc.body[h.end..].starts_with(p))
                    || h.start >= attack.end && h.start - attack.end <= OWN_DATE_REACH)
        })
}

/// An explosion that nobody is said to have set off: its weapon word is an
/// incident noun (lexicon `strike.incident_nouns`) told where it happened,
/// a word of `strike.incident_place_words` after it ("an explosion at a fuel
/// depot killed 12"; not "an explosion damaged a pipeline", which acts on a
/// target), and its sentence names no armed force or group and no
/// claim or blame, so it reports an incident, not an attack. Asked only
/// of an attack without an actor.
fn unattributed_incident(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    let rules = doc.rules;
    rules.in_lexicon(INCIDENT_NOUNS, &doc.lower[h.start..h.end])
        && rules.in_lexicon(INCIDENT_PLACE_WORDS, next_word(&doc.lower, h.end))
        && !sent.hits.iter().any(|x| rules.entry(x).kind == Kind::Force)
        && !sent
            .mentions
            .iter()
            .any(|m| m.kind == PlaceKind::ArmedGroup)
        && claims(doc, sent.start, sent.end).is_empty()
}

/// "clashed with President X": a quarrel with a person, not a battle.
fn verbal_clash(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    let word = &doc.lower[h.start..h.end];
    doc.rules.lexicon(QUARREL_VERBS).prefixes(word)
        && sent
            .mentions
            .iter()
            .any(|m| m.start >= h.end && m.start - h.end <= 40 && m.kind == PlaceKind::Person)
}

/// Words after a trigger in which its object is read.
const OBJECT_WORDS: usize = 4;

/// A figurative attack: "an attack on democracy", "an assault on press
/// freedom", "clashed over immigration policy", "a scathing attack on the
/// minister": a strike trigger with an abstract noun (lexicon
/// `strike.abstract_objects`) among the few words after it, before any
/// punctuation, or with a word of `strike.figurative_modifiers` right
/// before it, is a quarrel about ideas, not a kinetic attack.
fn figurative(doc: &Doc<'_>, h: &Hit) -> bool {
    let rules = doc.rules;
    let before = crate::extract::window(&doc.lower, h.start.saturating_sub(30), h.start)
        .split_ascii_whitespace()
        .next_back()
        .map(bare)
        .unwrap_or("");
    if rules.in_lexicon(FIGURATIVE_MODIFIERS, before) {
        return true;
    }
    for w in crate::extract::window(&doc.lower, h.end, h.end + 60)
        .split_ascii_whitespace()
        .take(OBJECT_WORDS)
    {
        if rules.in_lexicon(ABSTRACT_OBJECTS, bare(w)) {
            return true;
        }
        if w.ends_with([',', ';', '.', ':']) {
            break;
        }
    }
    false
}

/// A projectile that comes down: "rockets landed near the embassy",
/// "shells fell on a market": a munition (not an aircraft or a drone,
/// which also land and fall when downed) with a verb of
/// `strike.impact_verbs` among the two words after it hit something, with
/// no other attack cue needed.
fn projectile_lands(doc: &Doc<'_>, h: &Hit, subtype: Subtype) -> bool {
    !matches!(subtype, Subtype::Airstrike | Subtype::Drone)
        && crate::extract::window(&doc.lower, h.end, h.end + 30)
            .split_ascii_whitespace()
            .take(2)
            .any(|w| doc.rules.in_lexicon(IMPACT_VERBS, bare(w)))
}

/// A battle noun (lexicon `strike.battle_nouns`: "battles", "fighting") is
/// an assault only with its sides named: a link word of
/// `strike.battle_links` among the three words after it, and an armed
/// force or group soon after the link ("fierce battles raged between the
/// army and the RSF", "fighting with rebel fighters"); not "the battle
/// against inflation"); and not after a word of `strike.battle_not_after`
/// among the two before it, which make it a span of time or its end ("a
/// year of fighting with the militia", "ending the fighting").
fn battle_sides(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, ce: usize) -> bool {
    let rules = doc.rules;
    if crate::extract::window(&doc.lower, h.start.saturating_sub(40), h.start)
        .split_ascii_whitespace()
        .rev()
        .take(2)
        .any(|w| rules.in_lexicon(BATTLE_NOT_AFTER, bare(w)))
    {
        return false;
    }
    let Some((_, link_end, _)) = words_at(&doc.lower, h.end, ce.min(h.end + 40))
        .take(3)
        .find(|w| rules.in_lexicon(BATTLE_LINKS, w.2))
    else {
        return false;
    };
    let to = ce.min(link_end + FORCE_REACH);
    sent.hits_in(link_end, to)
        .any(|x| rules.entry(x).kind == Kind::Force)
        || sent
            .mentions_in(link_end, to)
            .iter()
            .any(|m| m.kind == PlaceKind::ArmedGroup)
}

/// An attack noun told with its attacker: a word of
/// `strike.agentive_nouns` ("attack", "attacks") right after a country, a
/// nationality or an armed group, or its possessive ("a Russian attack
/// killed three people", "Israel's attacks", "an RSF assault"), reports
/// that party's attack like a bare "strike" does; "a heart attack" has no
/// attacker.
fn agentive_attack(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit) -> bool {
    doc.rules
        .in_lexicon(AGENTIVE_NOUNS, &doc.lower[h.start..h.end])
        && sent
            .mentions_in(h.start.saturating_sub(40), h.start)
            .last()
            .is_some_and(|m| {
                matches!(
                    m.kind,
                    PlaceKind::Country | PlaceKind::Demonym | PlaceKind::ArmedGroup
                ) && m.code.is_some()
                    && matches!(&doc.lower[m.end..h.start], " " | "'s " | "\u{2019}s ")
            })
}

fn is_attack_cue(doc: &Doc<'_>, h: &Hit) -> bool {
    // (the kind first: the lexicon lookups are for the few attack words)
    (matches!(
        doc.rules.entry(h).kind,
        Kind::Attack | Kind::Killed | Kind::Injured
    ) || matches!(
        &doc.rules.entry(h).kind,
        Kind::Trigger {
            category: Category::Strike,
            ..
        }
    )) && !is_compound_modifier(doc, h)
}

/// Adds the strike candidates of one sentence.
pub fn candidates(doc: &Doc<'_>, sent: &Sent<'_>, out: &mut Vec<Candidate>) {
    let rules = doc.rules;
    let body = doc.body;
    let first_new = out.len();
    let locs = doc.locs();
    let sentence_weapon = sent.hits.iter().find_map(|h| weapon_subtype(doc, h));
    let has_agent = sent.mentions.iter().any(|m| {
        m.code.is_some()
            && matches!(
                m.kind,
                PlaceKind::Country
                    | PlaceKind::Demonym
                    | PlaceKind::ArmedGroup
                    | PlaceKind::Institution
            )
    });
    // (looked up only once items are found)
    let casualty_here = std::cell::OnceCell::new();
    for &(cs, ce) in &sent.clauses {
        // the clause's attack cues, found once for all its weapons (on first use)
        let cues: std::cell::OnceCell<ClauseCues> = std::cell::OnceCell::new();
        let cues = || cues.get_or_init(|| ClauseCues::new(doc, sent, cs, ce));
        // an attack cue other than the weapon word itself ("explosions" is both)
        let attack_apart = |h: &Hit| cues().apart(h);
        let mut items: Vec<Item<'_>> = Vec::new();
        // the furthest end of the items so far: hits come by start, so an
        // item holds a later hit exactly when it reaches past the hit's end
        let mut items_reach: Option<usize> = None;
        for h in sent.hits_in(cs, ce) {
            let entry = rules.entry(h);
            let (subtype, weight, id) = match &entry.kind {
                Kind::Trigger {
                    category: Category::Strike,
                    subtype,
                    ..
                } if !(verbal_clash(doc, sent, h)
                    || figurative(doc, h)
                    || is_compound_modifier(doc, h)
                    || *subtype == Subtype::Generic && labour_stoppage(doc, h)) =>
                {
                    (*subtype, entry.weight, entry.id.as_str())
                }
                // "a Russian attack killed ...": read like a bare "strike"
                Kind::Attack
                    if agentive_attack(doc, sent, h)
                        && !figurative(doc, h)
                        && !is_compound_modifier(doc, h) =>
                {
                    (Subtype::Generic, 0.8, "strike.generic")
                }
                // aircraft are often the target ("bombers were hit"): an air
                // weapon must be the one acting, with the attack after it and
                // no passive between ("three of the aircraft were downed")
                Kind::Weapon { subtype }
                    if (attack_apart(h) || projectile_lands(doc, h, *subtype))
                        && (*subtype != Subtype::Airstrike
                            || air_acts(doc, sent, h, ce)
                            || agent_after_cue(doc, sent, h, cs)) =>
                {
                    (*subtype, 0.85, entry.id.as_str())
                }
                // a named aircraft too ("two Su-30 jets ordered from Russia"
                // is goods, "Su-30 jets pounded" an air strike)
                Kind::System(_) if attack_apart(h) => match weapon_subtype(doc, h) {
                    Some(s)
                        if s != Subtype::Airstrike
                            || air_acts(doc, sent, h, ce)
                            || agent_after_cue(doc, sent, h, cs) =>
                    {
                        (s, 0.85, "strike.weapon.system")
                    }
                    _ => continue,
                },
                _ => continue,
            };
            // a weapon noun inside a trigger phrase ("missile" in "missile strike") is the same mention
            if items_reach.is_some_and(|r| h.end <= r) {
                continue;
            }
            if traps::blocked(doc, sent, id) {
                continue;
            }
            items_reach = Some(items_reach.map_or(h.end, |r| r.max(h.end)));
            items.push(Item {
                subtype,
                hit: h,
                weight,
            });
        }
        let ship = sent.hits_in(cs, ce).any(|h| {
            matches!(
                rules.entry(h).kind,
                Kind::Context {
                    category: Category::Strike
                }
            )
        });
        // "the Houthis attacked a Greek-operated bulk carrier": an attack verb
        // with a ship as its object and a named attacker is a naval attack
        if items.is_empty()
            && ship
            && let Some(h) = sent.hits_in(cs, ce).find(|h| {
                rules.entry(h).kind == Kind::Attack
                    && is_assault_verb(rules, &doc.lower[h.start..h.end])
                    && !is_compound_modifier(doc, h)
                    && sent.hits_in(h.end, ce).any(|x| {
                        matches!(
                            rules.entry(x).kind,
                            Kind::Context {
                                category: Category::Strike
                            }
                        )
                    })
            })
            && sent
                .mentions_in(cs, h.start)
                .iter()
                .any(|m| m.code.is_some() && crate::extract::actors::is_agent_kind(m))
            && !traps::blocked(doc, sent, "strike.naval")
        {
            items.push(Item {
                subtype: Subtype::Naval,
                hit: h,
                weight: 0.85,
            });
        }
        // an armed force assaulting, or taking ground, in a clause that
        // names no weapon: a ground assault (the first of the clause's
        // ground assaults speaks for them; a bare "attack on" beside it is
        // that assault: "gunmen killed 34 soldiers in an attack on a post")
        if items
            .iter()
            .all(|i| matches!(i.subtype, Subtype::GroundAssault | Subtype::Generic))
            && let Some((h, id)) = force_assault(doc, sent, cs, ce)
                .map(|h| (h, "strike.ground.force"))
                .or_else(|| {
                    territory_taken(doc, sent, cs, ce).map(|h| (h, "strike.ground.territory"))
                })
            && !traps::blocked(doc, sent, id)
        {
            let at = items.partition_point(|i| i.hit.start <= h.start);
            items.insert(
                at,
                Item {
                    subtype: Subtype::GroundAssault,
                    hit: h,
                    weight: 0.8,
                },
            );
        }
        if items.is_empty() {
            continue;
        }
        // bombs dropped by an aircraft are the air strike itself
        if items.iter().any(|i| i.subtype == Subtype::Airstrike) {
            items.retain(|i| i.subtype != Subtype::Bombing);
        }
        // an attack on a ship is naval, whatever the weapon
        if ship {
            for i in items.iter_mut() {
                i.subtype = Subtype::Naval;
            }
        }
        // resolve the bare "strike"
        let clause_weapon = items
            .iter()
            .find(|i| i.subtype != Subtype::Generic)
            .map(|i| i.subtype);
        // (looked up only for a bare "strike" left without a weapon)
        let previous = || {
            out.iter()
                .rev()
                .find(|c| c.category == Category::Strike)
                .map(|c| c.subtype)
        };
        let casualty_here = || {
            *casualty_here.get_or_init(|| {
                sent.hits.iter().any(|h| {
                    matches!(
                        rules.entry(h).kind,
                        Kind::Killed | Kind::Injured | Kind::Unhurt
                    )
                })
            })
        };
        items.retain(|i| {
            i.subtype != Subtype::Generic
                || clause_weapon.is_some()
                || sentence_weapon.is_some()
                || has_agent
                || casualty_here()
        });
        for i in items.iter_mut().filter(|i| i.subtype == Subtype::Generic) {
            i.subtype = clause_weapon
                .or(sentence_weapon)
                .or_else(previous)
                .unwrap_or(Subtype::Airstrike);
        }
        // (a back reference is one only as the clause's sole attack word)
        let clause_items = items.len();
        // one event per subtype per clause; "missiles and drones" named together is one attack
        let mut kept: Vec<Item<'_>> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let mut folded: Vec<Subtype> = Vec::new();
        for i in items {
            let compound = prev_end.is_some_and(|pe| {
                let gap = &body[pe.min(i.hit.start)..i.hit.start];
                gap.len() < 30
                    && gap
                        .split_ascii_whitespace()
                        .any(|w| rules.in_lexicon(PAIR_JOINERS, w))
                    && !gap.contains([';', '.'])
            });
            prev_end = Some(i.hit.end);
            if compound {
                // "85 drones and four Iskander ballistic missiles": the second
                // weapon of the pair, under any of its names, is the same attack
                // (each subtype once: a long clause may pair thousands)
                if !folded.contains(&i.subtype) {
                    folded.push(i.subtype);
                }
            }
            if compound
                || folded.contains(&i.subtype)
                || kept.iter().any(|k| k.subtype == i.subtype)
            {
                continue;
            }
            kept.push(i);
        }
        let clause_mentions = sent.mentions_in(cs, ce);
        // the clause's toll, read once for the items that need it
        let clause_toll =
            std::cell::LazyCell::new(|| casualties(rules, body, cs, ce, sent.hits_near(cs, ce)));
        for (n, item) in kept.iter().enumerate() {
            let Some((status, flat)) = modality::status_of(doc, sent, item.hit, None) else {
                continue;
            };
            // an attack said to come, threatened ("would respond") or only
            // possible is not a reported attack (a planned offensive is kept)
            if status == crate::model::Status::Scheduled
                || status == crate::model::Status::Threatened
                || status == crate::model::Status::Proposed
                    && item.subtype != Subtype::GroundAssault
            {
                // an attack said to come (or to stop) is not a reported attack
                continue;
            }
            // the span of fighting before the sentence's attack is that
            // attack: its toll completes it
            if let Some(main) = out[first_new..]
                .iter_mut()
                .rev()
                .find(|c| c.category == Category::Strike)
                && lead_up_span(doc, cs, item.hit)
            {
                if let EventSlots::Strike {
                    killed, injured, ..
                } = &mut main.slots
                {
                    *killed = killed.or(clause_toll.killed);
                    *injured = injured.or(clause_toll.injured);
                }
                continue;
            }
            if trend_mention(doc, item.hit, ce) && !clause_toll.any() {
                continue;
            }
            if retrospective(doc, sent, cs, item.hit)
                || item.subtype != Subtype::GroundAssault && !aimed(doc, sent, item.hit, cs, ce)
                || civilian_doer(doc, sent, cs, item.hit)
            {
                continue;
            }
            // the clause's own subject first ("..., a day after Hezbollah fired
            // rockets"), then the sentence's
            let mut actor = attacker(&locs, clause_mentions, item.hit.start, item.hit.end)
                .or_else(|| attacker(&locs, sent.mentions, item.hit.start, item.hit.end));
            if actor.is_none() {
                // the sentence's earlier attack, else the story's, for weapons
                // states fire (not for bombings and gunmen, often unattributed)
                let from_sentence = out[first_new..]
                    .iter()
                    .rev()
                    .find(|c| c.category == Category::Strike);
                let carried = from_sentence.or_else(|| {
                    if matches!(item.subtype, Subtype::Bombing | Subtype::GroundAssault) {
                        None
                    } else {
                        out.iter().rev().find(|c| c.category == Category::Strike)
                    }
                });
                actor = carried.and_then(|c| *slots(c).0);
                if actor.is_none() && unattributed_incident(doc, sent, item.hit) {
                    continue;
                }
            }
            // "Russia's defence ministry said its forces had destroyed 11
            // boats": the subject of an interception is the defender; the
            // attacker is the side of the story's attack, the defender where
            // it happened
            let mut defender: Option<CountryCode> = None;
            if let Some(a) = actor
                && let Some(cue) = sent.hits_in(cs, ce).find(|h| {
                    rules.entry(h).kind == Kind::Attack
                        && is_interception(rules, &doc.lower[h.start..h.end])
                        && h.end <= item.hit.start
                })
                && !sent.hits_in(cs, ce).any(|h| {
                    rules.entry(h).kind == Kind::Attack
                        && !is_interception(rules, &doc.lower[h.start..h.end])
                        && !(h.start >= item.hit.start && h.end <= item.hit.end)
                })
                && sent
                    .mentions_in(sent.start, cue.start)
                    .iter()
                    .any(|m| m.code == Some(a))
                && !sent
                    .mentions_in(cue.end, ce)
                    .iter()
                    .any(|m| m.code == Some(a))
            {
                actor = out
                    .iter()
                    .rev()
                    .filter(|c| c.category == Category::Strike)
                    .find_map(|c| slots(c).0.filter(|x| *x != a));
                defender = Some(a);
            }
            let mut place = place_in(&locs, cs, ce, clause_mentions);
            if place.country.is_none() && !place.at_sea && defender.is_some() {
                place.country = defender;
            }
            // a place name the story links to no country it mentions ("the
            // nearby town of Samar") is in the country of the attack before
            if let Some(c) = place.country
                && !doc.names_beyond_places(c)
                && let Some(prev) = out.iter().rev().find(|c| c.category == Category::Strike)
                && slots(prev).1.is_some()
            {
                place.country = *slots(prev).1;
            }
            if place.country.is_none() && !place.at_sea {
                // the defender reporting an interception, or another country named
                place.country = sent
                    .mentions
                    .iter()
                    .filter(|m| m.kind != PlaceKind::Sea && m.code.is_some() && m.code != actor)
                    .filter(|m| !matches!(m.kind, PlaceKind::Bloc))
                    .find_map(|m| m.code);
            }
            let mut cas: Casualties = if n == 0 {
                *clause_toll
            } else {
                Casualties::default()
            };
            if n == 0
                && !cas.any()
                && !out[first_new..]
                    .iter()
                    .any(|c| c.category == Category::Strike)
            {
                // casualties told in a later clause of the sentence
                // (clauses are sorted: the later ones are a suffix)
                let first_later = sent.clauses.partition_point(|&(s, _)| s < ce);
                for &(s, e) in &sent.clauses[first_later..] {
                    let has_items = sent.hits_in(s, e).any(|h| {
                        matches!(
                            &rules.entry(h).kind,
                            Kind::Trigger {
                                category: Category::Strike,
                                ..
                            } | Kind::Weapon { .. }
                        )
                    });
                    if has_items {
                        break;
                    }
                    let c = casualties(rules, body, s, e, sent.hits_near(s, e));
                    if c.any() {
                        cas = c;
                        break;
                    }
                }
            }
            // a naval attack on a port ("the Black Sea port of Novorossiysk")
            // is on land: the port is the place
            let port = (item.subtype == Subtype::Naval)
                .then(|| {
                    clause_mentions.iter().find(|m| {
                        matches!(m.kind, PlaceKind::City | PlaceKind::Capital)
                            && m.code.is_some()
                            && {
                                let before = crate::extract::window(
                                    &doc.lower,
                                    m.start.saturating_sub(40),
                                    m.start,
                                );
                                has_word_before(rules, PORT_BEFORE, before)
                                    && !has_word_before(rules, PORT_NOT_BEFORE, before)
                            }
                    })
                })
                .flatten();
            let mut coast_named = false;
            if let Some(m) = port {
                place.at_sea = false;
                place.place = Some(body[m.start..m.end].to_string());
                place.country = m.code;
            } else if item.subtype == Subtype::Naval {
                // an attack at sea: the sea is the place, the country null;
                // a coast a ship is hit near ("struck a ship near Odesa") is
                // no slot, but identifies the attack (below)
                place.at_sea = true;
                coast_named = ship && place.place.is_some();
                place.place = sent
                    .mentions
                    .iter()
                    .find(|m| m.kind == PlaceKind::Sea)
                    .map(|m| m.canonical.clone())
                    .or_else(|| {
                        out.iter()
                            .rev()
                            .find(|c| c.category == Category::Strike && c.subtype == Subtype::Naval)
                            .and_then(|c| slots(c).2.clone())
                    });
            }
            let location_country = match (&place.place, place.country) {
                _ if place.at_sea => None,
                // a place the gazetteer does not know lies where the story's other places lie
                (Some(_), None) => doc.land_country(),
                (_, country) => country,
            };
            // "the army said its troops had retaken ...": a force named
            // without a country, as the subject, is the country's own
            // (not when an earlier report of this attack, same subtype and
            // place or sentence, names its actor: the reports are one event)
            let reported = || {
                out.iter().any(|c| {
                    c.category == Category::Strike
                        && c.subtype == item.subtype
                        && slots(c).0.is_some()
                        && (c.sentence_idx == sent.idx
                            || matches!((slots(c).2, &place.place), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b)))
                })
            };
            if actor.is_none()
                && location_country.is_some()
                && home_force_subject(doc, cs.min(item.hit.start), item.hit.end)
                && !reported()
            {
                actor = location_country;
            }
            if actor.is_none()
                && location_country.is_none()
                && place.place.is_none()
                && !coast_named
                && !cas.any()
            {
                // nothing identifies it: a generic mention, not a specific attack
                continue;
            }
            // a count of the weapons themselves ("intercepting 114 drones") is
            // a tally of its own; a count of people is not ("three soldiers
            // stormed", "46 wounded in the strikes": the toll ends the count's
            // reach)
            let counted = matches!(
                rules.entry(item.hit).kind,
                Kind::Trigger { .. } | Kind::Weapon { .. } | Kind::System(_)
            );
            let count_from = sent
                .hits_in(cs, item.hit.start)
                .filter(|h| {
                    h.end <= item.hit.start
                        && matches!(rules.entry(h).kind, Kind::Killed | Kind::Injured)
                })
                .map(|h| h.end)
                .max()
                .unwrap_or(cs)
                .min(item.hit.start);
            let tally = counted
                && crate::extract::systems::quantity_before(
                    rules,
                    body,
                    count_from,
                    item.hit.start,
                )
                .is_some();
            // "the bomb hit ...", "said it had carried out the attack": the
            // attack told before; what this report adds completes it
            if !tally
                && clause_items == 1
                && back_reference(doc, cs, item.hit)
                && let Some(prev) = out[..first_new]
                    .iter_mut()
                    .rev()
                    .find(|c| c.category == Category::Strike)
                && same_attack_kind(
                    rules,
                    prev.subtype,
                    item.subtype,
                    next_word(&doc.lower, item.hit.start),
                )
                && let EventSlots::Strike {
                    actor: pa,
                    location_country: pl,
                    place: pp,
                    killed: pk,
                    injured: pi,
                } = &mut prev.slots
                && (actor.is_none() || *pa == actor || pa.is_none() || *pa == *pl)
                && (location_country.is_none() || pl.is_none() || *pl == location_country)
            {
                if actor.is_some() && (pa.is_none() || *pa == *pl) {
                    *pa = actor;
                }
                *pl = pl.or(location_country);
                if pp.is_none() {
                    *pp = place.place.clone();
                }
                *pk = pk.or(cas.killed);
                *pi = pi.or(cas.injured);
                continue;
            }
            out.push(Candidate {
                category: Category::Strike,
                subtype: item.subtype,
                status,
                flat_negation: flat,
                slots: EventSlots::Strike {
                    actor,
                    location_country,
                    place: place.place.clone(),
                    killed: cas.killed,
                    injured: cas.injured,
                },
                sentence: (sent.start, sent.end),
                trigger: item.hit.start,
                weight: item.weight,
                sentence_idx: sent.idx,
                tally,
            });
        }
    }
    // A sentence that only reports casualties completes the previous
    // sentence's attack ("Five members of the group were killed").
    if out.len() == first_new
        && let Some(prev) = out
            .iter_mut()
            .rev()
            .find(|c| c.category == Category::Strike)
        && (prev.sentence_idx + 1 == sent.idx
            || sent.idx <= prev.sentence_idx + 3
                && sent
                    .hits
                    .iter()
                    .any(|h| rules.entry(h).kind == Kind::Unhurt))
    {
        let cas = casualties(
            rules,
            body,
            sent.start,
            sent.end,
            sent.hits_near(sent.start, sent.end),
        );
        if let EventSlots::Strike {
            killed, injured, ..
        } = &mut prev.slots
        {
            if killed.is_none() && cas.killed.is_some() {
                *killed = cas.killed;
            }
            if injured.is_none() && cas.injured.is_some() {
                *injured = cas.injured;
            }
        }
    }
}

/// The words of `lower[s..e]` with their byte spans in `lower`, without the
/// punctuation around them (hyphens and apostrophes inside kept).
fn words_at(lower: &str, s: usize, e: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let text = &lower[s..e];
    text.split_ascii_whitespace().filter_map(move |w| {
        let b = bare(w);
        (!b.is_empty()).then(|| {
            let at = s + (b.as_ptr() as usize - text.as_ptr() as usize);
            (at, at + b.len(), b)
        })
    })
}

/// Civilian frame: a strike is an attack "by state forces or armed groups"
/// (event guide). One whose doer is a word of `strike.civilian_agents`
/// ("thieves blew up a cash machine", "youths threw petrol bombs", "a man
/// threw a pipe bomb"), acting (no passive auxiliary after it, nor a word
/// of `strike.force_not_agent`: "workers died when ..."), before the
/// trigger in its clause and at most three words before it with no
/// preposition between, with no armed force before the trigger and no
/// armed group in the sentence, is crime or unrest. So is one done by a
/// word of `strike.law_enforcers` ("police fired tear gas"), the guide's
/// police action, when the sentence names no armed force or group at all.
/// The doer is read before the trigger, or before the clause's first
/// attack verb that takes an object (the next word is no preposition:
/// "men hurled bottles and other missiles", "police fired tear gas from
/// drones"; not "students killed in an air strike"); the trigger may be
/// the doer's verb itself ("thieves blew up").
fn civilian_doer(doc: &Doc<'_>, sent: &Sent<'_>, cs: usize, h: &Hit) -> bool {
    let rules = doc.rules;
    let start = cs.min(h.start);
    let force = |x: &Hit| rules.entry(x).kind == Kind::Force;
    let armed_group = sent
        .mentions
        .iter()
        .any(|m| m.kind == PlaceKind::ArmedGroup);
    if armed_group || sent.hits_in(start, h.start).any(force) {
        return false;
    }
    let police_may_act = !sent.hits.iter().any(force);
    // the clause's main verb, when it comes before the trigger and takes an object
    let verb = sent
        .hits_in(start, h.start)
        .find(|x| is_attack_cue(doc, x))
        .filter(|x| !rules.in_lexicon(TARGET_PREPOSITIONS, bare(next_word(&doc.lower, x.end))));
    let doer_before = |end: usize| {
        let words: Vec<&str> = words_at(&doc.lower, start, end)
            .map(|(_, _, w)| w)
            .collect();
        words.iter().enumerate().any(|(i, w)| {
            // the doer's own verb comes next (or is the word at `end`), and
            // the strike word soon after with no preposition between ("two
            // men over Sunday's bombing" are not its doers)
            let mut gap = words[i + 1..]
                .iter()
                .filter(|g| !rules.in_lexicon(TARGET_FILLERS, g));
            // police, often the target ("a police post hit by rockets"),
            // act only right before the verb
            let police = police_may_act
                && rules.in_lexicon(LAW_ENFORCERS, w)
                && gap.clone().next().is_none();
            if !(rules.in_lexicon(CIVILIAN_AGENTS, w) || police) {
                return false;
            }
            gap.clone().next().is_none_or(|next| {
                !rules.in_lexicon(PASSIVE_AUX, next) && !rules.in_lexicon(FORCE_NOT_AGENT, next)
            }) && gap.clone().count() <= CIVILIAN_GAP_WORDS
                && !gap.any(|g| rules.in_lexicon(TARGET_PREPOSITIONS, g))
        })
    };
    doer_before(h.start) || verb.is_some_and(|v| doer_before(v.start))
}

/// Target frame: a strike is "a kinetic military attack on a target" (event
/// guide), so a weapon or attack word reports one only when its sentence
/// says what it hit or who fought: casualties, a word of harm or impact
/// (`strike.harm_words`: "destroyed", "hit", "shot down"), a target in its
/// clause (a lower-case word of `strike.target_nouns`: "a market", not
/// "Manchester City"), a named place soon after it, right after it or after
/// a word of `strike.target_prepositions` (words of `strike.target_fillers`
/// aside: "rockets fired into northern Israel"), or an armed force or group
/// before it ("militants fired rockets"). A weapon
/// word with none of these is another sense or no attack ("fired a missile
/// into the top corner", "the film bombed at the box office"). Ground
/// assaults are exempt: their own frames already name the forces or the
/// ground taken.
fn aimed(doc: &Doc<'_>, sent: &Sent<'_>, h: &Hit, cs: usize, ce: usize) -> bool {
    let rules = doc.rules;
    let casualties_or_force = sent.hits.iter().any(|x| match rules.entry(x).kind {
        Kind::Killed | Kind::Injured => true,
        Kind::Force => x.end <= h.start,
        _ => false,
    });
    // a named place soon after it, right after it or after a target
    // preposition (articles and words of direction aside): "bombed Gaza",
    // "fired 700 drones at Ukraine"
    let place_after = || {
        sent.mentions_in(h.end, (h.end + PLACE_REACH).min(ce))
            .iter()
            .any(|m| {
                matches!(
                    m.kind,
                    PlaceKind::Country
                        | PlaceKind::Capital
                        | PlaceKind::City
                        | PlaceKind::Region
                        | PlaceKind::Sea
                ) && m.start >= h.end
                    && words_at(&doc.lower, h.end, m.start)
                        .filter(|(_, _, w)| !rules.in_lexicon(TARGET_FILLERS, w))
                        .last()
                        .is_none_or(|(_, _, w)| rules.in_lexicon(TARGET_PREPOSITIONS, w))
            })
    };
    let target_in_clause = || {
        words_at(&doc.lower, cs, ce).any(|(s, _, w)| {
            rules.in_lexicon(TARGET_NOUNS, w) && doc.body.as_bytes()[s].is_ascii_lowercase()
        })
    };
    casualties_or_force
        || rules
            .lexicon(HARM_WORDS)
            .occurs_in(&doc.lower[sent.start..sent.end])
        || sent
            .mentions_in(sent.start, h.start)
            .iter()
            .any(|m| m.kind == PlaceKind::ArmedGroup)
        || place_after()
        || target_in_clause()
}

/// Whether `lower[s..end]` (the clause up to the end of an attack phrase)
/// names a force of `strike.home_forces` ("the army", "government
/// helicopters" with the weapon word as attack, "rebels")
/// that performs the attack: not the source of the report ("the army said")
/// nor a victim ("soldiers died"), told by a word of
/// `strike.force_not_agent` right after it, and not its target (a passive
/// auxiliary between it and the attack: "troops were ambushed").
/// Entries are one or two words, looked up as slices of the text.
fn home_force_subject(doc: &Doc<'_>, s: usize, end: usize) -> bool {
    let rules = doc.rules;
    let lower = &doc.lower;
    let forces = rules.lexicon(HOME_FORCES);
    let words: Vec<(usize, usize, &str)> = words_at(lower, s, end).collect();
    (0..words.len()).any(|i| {
        let single = forces.contains(words[i].2);
        let pair = words
            .get(i + 1)
            .is_some_and(|n| forces.contains(&lower[words[i].0..n.1]));
        if !single && !pair {
            return false;
        }
        let last = if pair { i + 1 } else { i };
        let rest = &words[last + 1..];
        !rest
            .first()
            .is_some_and(|w| rules.in_lexicon(FORCE_NOT_AGENT, w.2))
            && !rest.iter().any(|w| is_passive_aux(rules, w.2))
    })
}

/// A claim or blame frame: who an attack that was already reported is put
/// on, and where the sentence names that attack.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Claim {
    /// Code of the group or state the attack is claimed by or blamed on.
    agent: CountryCode,
    /// Span of the attack noun the frame names ("the attack").
    act: (usize, usize),
}

/// Claim and blame frames of the sentence `[s, e)`, over the words of
/// the `strike.*` lexicons: a claim verb with an attack noun among the
/// four words after it takes the agent just before it ("JNIM, which claimed
/// the attack", "the group claimed responsibility for the bombing"); a blame
/// verb takes the agent after a blame marker that follows its attack noun
/// ("blamed both attacks on the rebels"), or right after itself with the
/// attack noun further on ("blamed the militia for the ambush"). The agent
/// must be a named group or state acting (not a location); a group without
/// a code ("Islamic State") gives nothing.
fn claims(doc: &Doc<'_>, s: usize, e: usize) -> Vec<Claim> {
    let rules = doc.rules;
    let mut out = Vec::new();
    // (most sentences have neither verb: the words are kept only then)
    if !words_at(&doc.lower, s, e)
        .any(|w| rules.in_lexicon(CLAIM_VERBS, w.2) || rules.in_lexicon(BLAME_VERBS, w.2))
    {
        return out;
    }
    let words: Vec<(usize, usize, &str)> = words_at(&doc.lower, s, e).collect();
    let ms = {
        let a = doc.mentions.partition_point(|m| m.start < s);
        let b = doc.mentions.partition_point(|m| m.start < e);
        &doc.mentions[a..b.max(a)]
    };
    let locs = doc.locs();
    let acting = |m: &crate::gazetteer::Mention| {
        crate::extract::actors::is_agent_kind(m) && !locs.is_location(m)
    };
    let act_after = |i: usize, n: usize| {
        words[i + 1..]
            .iter()
            .take(n)
            .position(|w| rules.in_lexicon(CLAIMED_ACTS, w.2))
            .map(|k| i + 1 + k)
    };
    for (i, &(ws, _, w)) in words.iter().enumerate() {
        if rules.in_lexicon(CLAIM_VERBS, w) {
            let Some(k) = act_after(i, 4) else { continue };
            // the nearest name before the verb, close and in the same clause
            let Some(m) = ms.iter().rev().find(|m| m.end <= ws) else {
                continue;
            };
            let gap = &doc.body[m.end..ws];
            if gap.len() <= 40
                && !gap.contains([';', '.', ':'])
                && acting(m)
                && let Some(agent) = m.code
            {
                out.push(Claim {
                    agent,
                    act: (words[k].0, words[k].1),
                });
            }
        } else if rules.in_lexicon(BLAME_VERBS, w) {
            // "blamed the attacks on X"
            if let Some(k) = act_after(i, 4)
                && let Some(&(_, me, _)) = words[k + 1..]
                    .iter()
                    .take(2)
                    .find(|x| rules.in_lexicon(BLAME_MARKERS, x.2))
                && let Some(m) = ms.iter().find(|m| m.start >= me && m.start - me <= 60)
                && !doc.body[me..m.start].contains([',', ';', '.'])
                && acting(m)
            {
                if let Some(agent) = m.code {
                    out.push(Claim {
                        agent,
                        act: (words[k].0, words[k].1),
                    });
                }
                continue;
            }
            // "blamed X for the attack"
            let we = words[i].1;
            if let Some(m) = ms.iter().find(|m| m.start >= we && m.start - we <= 30)
                && !doc.body[we..m.start].contains([',', ';', '.'])
                && acting(m)
                && let Some(k) = words.iter().position(|x| x.0 >= m.end)
                && let Some(a) = act_after(k.saturating_sub(1), 4).filter(|&a| a >= k)
                && let Some(agent) = m.code
            {
                out.push(Claim {
                    agent,
                    act: (words[a].0, words[a].1),
                });
            }
        }
    }
    out
}

/// Claimed and blamed attacks: a sentence that puts an attack already
/// reported on a group or state ("JNIM, which claimed the attack",
/// "blamed both attacks on the dissidents") gives that agent to the
/// story's strike events up to that sentence that have no actor, or only
/// the country where they happened (a home force's); an event
/// whose only trigger is the attack noun of the frame is that back
/// reference, not a new attack, and is dropped when an earlier one exists.
/// Runs only when some strike event lacks an actor or has that one.
pub fn attribute_claims(
    doc: &Doc<'_>,
    sentences: &[(usize, usize, usize)],
    events: &mut Vec<Candidate>,
) {
    // an actor that is only the country of the place (a home force, see
    // `home_force_subject`) gives way to the group a claim names
    let open = |c: &Candidate| {
        let (actor, location, ..) = slots(c);
        actor.is_none() || actor == location
    };
    let Some(first) = events
        .iter()
        .filter(|c| c.category == Category::Strike && open(c))
        .map(|c| c.sentence_idx)
        .min()
    else {
        return;
    };
    for (idx, &(s, e, _)) in sentences.iter().enumerate().skip(first) {
        for claim in claims(doc, s, e) {
            let earlier = events
                .iter()
                .any(|c| c.category == Category::Strike && c.sentence_idx < idx);
            if earlier {
                events.retain(|c| {
                    !(c.category == Category::Strike
                        && c.sentence_idx == idx
                        && c.trigger >= claim.act.0
                        && c.trigger < claim.act.1)
                });
            }
            for c in events
                .iter_mut()
                .filter(|c| c.category == Category::Strike && c.sentence_idx <= idx && open(c))
            {
                if let EventSlots::Strike { actor, .. } = &mut c.slots {
                    *actor = Some(claim.agent);
                }
            }
        }
    }
}

/// Folds a candidate into an earlier report of the same attack: same
/// subtype, status and actor, and the same named place (or, for two reports
/// without a place, no new casualty figures). Otherwise adds it.
pub fn merge(events: &mut Vec<Candidate>, c: Candidate) {
    let (ca, cl, cp, ck, ci) = slots(&c);
    for e in events.iter_mut().filter(|e| {
        e.category == Category::Strike && e.subtype == c.subtype && e.status == c.status
    }) {
        let (ea, el, ep, ek, ei) = slots(e);
        let actor_ok = compatible(ea, ca);
        // two clauses of one sentence about the same attack ("artillery fire
        // was exchanged ..., and Pakistani shelling killed civilians in Poonch")
        let same_sentence = e.sentence_idx == c.sentence_idx && (ep.is_none() || cp.is_none());
        let same_place = same_sentence
            || match (ep, cp) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                (None, None) => ck.is_none() && ci.is_none() && (el == cl || cl.is_none()),
                // a follow-up, in one of the next two sentences, about the
                // attack just reported: it adds no place, count or toll ("The
                // missiles struck at 10:15 a.m."), or the toll the attack had
                // not given ("At least three soldiers were killed, police said")
                (Some(_), None) => {
                    !c.tally
                        && c.sentence_idx <= e.sentence_idx + 2
                        && (ck.is_none() && ci.is_none() || ek.is_none() && ei.is_none())
                        && (cl.is_none() || el == cl)
                }
                _ => false,
            };
        if actor_ok && same_place {
            e.slots = EventSlots::Strike {
                actor: ea.or(*ca),
                location_country: el.or(*cl),
                place: ep.clone().or(cp.clone()),
                killed: ek.or(ck),
                injured: ei.or(ci),
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
    use crate::classify::test_support::{engine, subtypes};
    use crate::model::Category;

    /// The subtypes of the strike events of `body`.
    fn strikes(body: &str) -> Vec<String> {
        subtypes(body, Category::Strike)
    }

    #[test]
    fn a_toll_in_the_next_sentences_completes_the_attack_before_it() {
        // the toll sentence reads as an attack of its own (forces killed), but no
        // place: it is the toll of the assault just reported
        let strikes: Vec<_> = tolls(
            "Militants stormed a police post in the Nigerian town of Gwoza on Monday, officials said. \
             At least four members of the security forces were killed, the army said, adding that all of the attackers had been eliminated.",
        )
        .into_iter()
        .map(|(place, killed, _)| (place, killed))
        .collect();
        assert_eq!(strikes, [(Some("Gwoza".to_string()), Some(4))]);
    }

    /// (place, killed, injured) of each strike event of `body`.
    fn tolls(body: &str) -> Vec<(Option<String>, Option<u64>, Option<u64>)> {
        crate::classify::test_support::analyse(body)
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Strike {
                    place,
                    killed,
                    injured,
                    ..
                } => Some((place.clone(), *killed, *injured)),
                _ => None,
            })
            .collect()
    }

    /// (place, location country) of each strike.
    fn locations(body: &str) -> Vec<(Option<String>, Option<String>)> {
        crate::classify::test_support::analyse(body)
            .events
            .iter()
            .filter_map(|e| match &e.slots {
                crate::model::EventSlots::Strike {
                    place,
                    location_country,
                    ..
                } => Some((place.clone(), location_country.map(|c| c.to_string()))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_unknown_village_lies_where_the_storys_other_places_lie() {
        let village = |story: &str| {
            locations(story)
                .into_iter()
                .find(|(p, _)| p.as_deref() == Some("Zorivka"))
                .map(|(_, c)| c)
        };
        // every town the story names is Ukrainian: so is the village
        assert_eq!(
            village(
                "Russian artillery shelled homes near the village of Zorivka on Monday, killing two farmers, the regional governor said.\n\n\
                 Residents of Kharkiv and Sumy spent the night in shelters."
            ),
            Some(Some("UA".to_string()))
        );
        // towns on both sides of the border: no guess
        assert_eq!(
            village(
                "Russian artillery shelled homes near the village of Zorivka on Monday, killing two farmers, the regional governor said.\n\n\
                 Residents of Kharkiv and Belgorod spent the night in shelters."
            ),
            Some(None)
        );
    }

    #[test]
    fn a_count_of_people_or_a_toll_is_no_tally_of_weapons() {
        // "five soldiers" counts the victims, not a salvo of its own: the toll
        // two sentences on is still the assault's
        assert_eq!(
            tolls(
                "Insurgents stormed a military camp near the town of Tamdalt in northern Mali on Tuesday, the army said.\n\n\
                 The assailants arrived on motorcycles before dawn and fought troops for hours. \
                 At least five soldiers were killed and 12 people were wounded, an army spokesman said, \
                 adding that the gunmen had been repelled."
            ),
            [(Some("Tamdalt".to_string()), Some(5), Some(12))]
        );
        // "20 wounded in the ... strikes": the number is the toll's
        assert_eq!(
            tolls(
                "Iranian missiles struck an air base near the town of Nevatim on Monday, Israeli officials said. \
                 Israel said four people were killed and 20 wounded in the Iranian strikes."
            ),
            [(Some("Nevatim".to_string()), Some(4), Some(20))]
        );
    }

    #[test]
    fn an_armed_force_assaulting_is_a_ground_assault() {
        for s in [
            "Insurgents stormed a police station in the Nigerian town of Maiduguri on Monday, killing four officers.",
            "Rebel fighters ambushed a supply column outside Kidal on Sunday, the Malian army said.",
            "Jihadists descended on a market in Burkina Faso's north and set ablaze dozens of stalls on Friday.",
            "Several villages near Beni were attacked overnight when militiamen opened fire on farmers, local officials in Congo said.",
        ] {
            assert_eq!(strikes(s), ["ground_assault"], "{s}");
        }
    }

    #[test]
    fn a_force_killed_in_or_when_something_happened_is_its_victim() {
        // a casualty verb with no object after a force: the force died
        for s in [
            "Eleven soldiers killed in fire at barracks near Lagos",
            "Four troops killed as helicopter goes down near Kabul",
            "Six militiamen wounded when their truck overturned outside the camp on Monday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}: {:?}", strikes(s));
        }
        // the force with an object, or with its attackers named, still fights
        for s in [
            "Soldiers killed five insurgents near the town of Gao on Monday, the army said.",
            "Nine troops killed when gunmen stormed a checkpoint in Zamfara on Sunday.",
        ] {
            assert_eq!(strikes(s), ["ground_assault"], "{s}");
        }
    }

    #[test]
    fn a_force_without_an_assault_verb_is_no_attack() {
        for s in [
            "Chad deployed troops to its eastern border with Sudan on Tuesday, the defence ministry said.",
            "Fighters from the armed group handed in their weapons at a camp in Colombia on Friday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn taking_a_place_is_fighting_and_seizing_goods_is_not() {
        assert_eq!(
            strikes(
                "Government troops regained control of three villages near Kherson on Wednesday, the Ukrainian army said."
            ),
            ["ground_assault"]
        );
        assert_eq!(
            strikes("Rebels seized the airport of Bunia in Congo after a night of gunfire."),
            ["ground_assault"]
        );
        assert!(
            strikes("French customs officers seized a cargo of counterfeit watches at the port on Monday.")
                .is_empty()
        );
    }

    #[test]
    fn a_labour_stoppage_is_no_strike() {
        for s in [
            "Train drivers in France began an open-ended strike on Monday, halting services across the country.",
            "Port workers in Greece called off a three-day strike after the government raised their pay.",
            "Teachers in Argentina held a 48-hour strike on Wednesday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
        // the military sense stays
        assert_eq!(
            strikes("A Russian strike on Odesa on Monday killed two people, Ukraine said.").len(),
            1
        );
    }

    #[test]
    fn an_aircraft_acts_only_as_the_subject_of_an_attack_verb() {
        assert_eq!(
            strikes(
                "Sudanese army aircraft pounded RSF positions in Nyala on Thursday, witnesses said."
            ),
            ["airstrike"]
        );
        assert_eq!(
            strikes(
                "Raids by government helicopters on a village in Myanmar's Sagaing region left 14 people dead on Saturday."
            ),
            ["airstrike"]
        );
        // a named aircraft system acts only the same way: delivered goods
        // before an unrelated "against" are no air strike
        assert_eq!(
            strikes(
                "Mi-17 helicopters pounded rebel camps near Kidal on Sunday, the Malian army said."
            ),
            ["airstrike"]
        );
        assert!(
            strikes("Ghana received four Mi-17 helicopters from Russia on Monday as it steps up its campaign against smugglers.")
                .is_empty()
        );
        // interception is defence; a shot-down aircraft is a target
        assert!(
            !strikes("Romanian aircraft shot down two drones over the Danube on Tuesday, the ministry said.")
                .contains(&"airstrike".to_string())
        );
    }

    #[test]
    fn a_police_source_is_no_police_action() {
        assert_eq!(
            strikes(
                "Militants threw a grenade at a bus stop in Kabul, wounding nine people, Afghan police said."
            ),
            ["bombing"]
        );
        // police acting against protesters stays out
        assert!(
            strikes("Police fired tear gas at protesters in Dhaka as clashes spread through Bangladesh's capital.")
                .is_empty()
        );
    }

    #[test]
    fn an_accidental_explosion_is_no_attack() {
        assert!(
            strikes("A blast at a fireworks warehouse in Pakistan's Sindh province killed six workers; police said the fire was caused by a gas leak.")
                .is_empty()
        );
        assert!(
            strikes("Explosions shook an ammunition depot in Kazakhstan on Sunday, killing three soldiers; officials said the blaze was caused by a short circuit.")
                .is_empty()
        );
    }

    #[test]
    fn mob_violence_and_piracy_are_no_attacks() {
        assert!(
            strikes("Two villages in India's Manipur state clashed with sticks and stones on Monday, leaving 11 people hurt.")
                .is_empty()
        );
        assert!(
            strikes("Pirates attacked a fishing trawler off Somalia and kidnapped its crew for ransom, the owners said.")
                .is_empty()
        );
    }

    /// The (subtype, actor) of each strike event of `body`.
    fn actors(body: &str) -> Vec<(String, Option<String>)> {
        crate::classify::test_support::analyse(body)
            .events
            .into_iter()
            .filter(|e| e.category() == Category::Strike)
            .map(|e| {
                let actor = e
                    .slots
                    .strike_fields()
                    .and_then(|f| f.0.map(|c| c.to_string()));
                (e.subtype.to_string(), actor)
            })
            .collect()
    }

    #[test]
    fn a_claimed_or_blamed_attack_takes_its_claimant_as_actor() {
        let claimed = "Gunmen stormed a hotel in Mogadishu late on Friday, killing nine guests. \
            Al-Shabaab, which claimed the attack, said its men were still inside.";
        assert_eq!(
            actors(claimed),
            [("ground_assault".to_string(), Some("SO".to_string()))]
        );
        let responsibility = "A car bomb exploded outside a police station in Quetta on Monday, wounding 14 people. \
            The Baloch Liberation Army claimed responsibility for the bombing.";
        assert_eq!(
            actors(responsibility),
            [("bombing".to_string(), Some("PK".to_string()))]
        );
        // the blame sentence names the attacks again: no new event of its own
        let blamed = "A roadside bomb hit an army truck near Cucuta on Tuesday, killing four soldiers. \
            The defence ministry blamed the attack on the ELN.";
        let found = actors(blamed);
        assert_eq!(found.len(), 1, "{found:?}");
        let blamed_for = "Mortar rounds fell on a market in Goma on Sunday, killing six people. \
            Congo's government blamed the M23 rebels for the shelling.";
        assert_eq!(
            actors(blamed_for),
            [("artillery".to_string(), Some("CD".to_string()))]
        );
        // a group without a country gives none; an actor named stays
        let stateless = "A suicide bomber struck a mosque in Kunduz on Friday, killing 20 people. \
            Islamic State claimed the attack.";
        assert_eq!(actors(stateless), [("bombing".to_string(), None)]);
        let named = "Russian missiles hit Odesa on Monday, killing three people. \
            Ukraine blamed Russia for the attack.";
        assert_eq!(
            actors(named),
            [("missile".to_string(), Some("RU".to_string()))]
        );
        // "claimed the lives of" is no claim of an attack
        let lives = "Shelling of a village near Kharkiv killed two people on Sunday. \
            The war has claimed the lives of thousands of Russians.";
        assert_eq!(actors(lives), [("artillery".to_string(), None)]);
    }

    #[test]
    fn a_force_named_without_a_country_is_the_home_country() {
        let one = |body: &str| {
            let found = actors(body);
            assert_eq!(found.len(), 1, "{body}: {found:?}");
            found[0].1.clone()
        };
        // the state's own forces, one word or two
        assert_eq!(
            one(
                "Government helicopters bombed rebel camps near the Colombian town of Tame on Tuesday, killing eight."
            ),
            Some("CO".to_string())
        );
        assert_eq!(
            one(
                "On Friday, air force jets struck a convoy near Kidal in northern Mali, killing 11 fighters."
            ),
            Some("ML".to_string())
        );
        // rebels fighting inside their country
        assert_eq!(
            one(
                "Rebels stormed an army barracks in Congo's North Kivu province overnight, killing six soldiers."
            ),
            Some("CD".to_string())
        );
        // the army only reporting, soldiers as victims or targets: no actor
        assert_eq!(
            one(
                "The army said a roadside bomb exploded near the Somali town of Jowhar on Monday, killing three people."
            ),
            None
        );
        assert_eq!(
            one(
                "Soldiers were ambushed near the Nigerien town of Tillaberi on Sunday, leaving 12 dead."
            ),
            None
        );
        // a later report of an attack whose actor was named is that attack
        let again = "Rwandan troops attacked the town of Sake in eastern Congo on Monday, killing five people. \
            Troops attacked Sake again overnight.";
        assert_eq!(one(again), Some("RW".to_string()));
        // a home force's country gives way to the group a claim names
        let claimed = "Rebels stormed a police camp near Mandera in northeastern Kenya on Monday, killing five officers. \
            Al-Shabaab, which claimed the attack, said its men had withdrawn.";
        assert_eq!(one(claimed), Some("SO".to_string()));
        // a country named stays the actor
        assert_eq!(
            one(
                "Ethiopian troops shelled a village in Somalia's Gedo region on Monday, killing five civilians."
            ),
            Some("ET".to_string())
        );
    }

    #[test]
    fn a_counted_toll_makes_a_background_attack_specific() {
        assert_eq!(
            strikes(
                "Eritrean troops have suffered heavy losses in assaults on Ethiopian positions, with about 90 killed so far, officials said."
            ),
            ["ground_assault"]
        );
        // without a toll the background reading stays
        assert!(
            strikes("Both armies have suffered heavy losses in assaults on each other's positions for months.")
                .is_empty()
        );
    }

    #[test]
    fn storm_as_a_verb_is_no_weather() {
        assert_eq!(
            strikes(
                "Gunmen tried to storm a police post in northern Niger on Friday; three officers died in the gunbattle."
            ),
            ["ground_assault"]
        );
        // the weather sense keeps the trap
        assert!(
            strikes("A storm hit the coast of Bangladesh on Sunday, killing four fishermen.")
                .is_empty()
        );
    }

    #[test]
    fn a_relative_clause_after_a_comma_is_dated_by_the_event_before_it() {
        // ", after which" opens two clause marks side by side: the year of
        // the clause before them still dates the attack
        for s in [
            "Crowds gathered to remember the 1982 siege, after which Israeli jets bombed the camps.",
            "Veterans laid wreaths for the 1999 campaign, during which Serbian forces shelled the villages.",
        ] {
            assert!(strikes(s).is_empty(), "{s}: {:?}", strikes(s));
        }
        // an attack of the news cycle after a comma is news
        let s = "Crowds gathered on Monday to remember the 1982 siege, hours after Israeli jets bombed the camps again.";
        assert!(!strikes(s).is_empty(), "{s}");
    }

    #[test]
    fn an_attack_judged_or_commemorated_is_of_the_past() {
        for s in [
            "A court in Lahore on Monday sentenced two men to death for the suicide bombing of a shrine that killed 11 worshippers.",
            "Judges found the former rebel commander guilty on Thursday of ordering the shelling of a market in Bunia.",
            "Hundreds attended a memorial on Saturday for the soldiers killed when militants overran their base near Menaka.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn an_attack_with_its_own_date_in_a_frame_is_news() {
        for s in [
            // a possessive date before the attack, a time just after it
            "A court in Kabul on Tuesday jailed two men over Sunday's suicide bombing of a bank that killed 15 people.",
            "A memorial service was held in Gaza for the 20 people killed when an air strike hit a school on Monday.",
        ] {
            assert!(!strikes(s).is_empty(), "{s}");
        }
        // the frame must come before the attack
        assert!(!strikes("Militants stormed a village near Diffa on Friday, killing nine people on the anniversary of the town's founding.").is_empty());
    }

    #[test]
    fn gunmen_alone_are_no_attack() {
        // a force with no assault verb: seizing people is a kidnapping
        assert!(strikes("Gunmen seized three Turkish road engineers near Gao on Wednesday and drove them away.").is_empty());
        // a bare "attack on" beside an armed force assaulting is that assault
        assert_eq!(
            strikes(
                "Gunmen killed 12 Chadian soldiers in an attack on a border post near Bol on Sunday."
            ),
            ["ground_assault"]
        );
        assert_eq!(
            strikes(
                "Masked gunmen burst into a mosque in Maiduguri on Friday and opened fire on worshippers."
            ),
            ["ground_assault"]
        );
    }

    #[test]
    fn tests_launches_accidents_inquiries_and_walkouts_are_no_attacks() {
        // a weapons test at a range, a space launch or a rocket its own
        // operator destroys, a regulators' raid, an accident with fireworks
        // or old ordnance, a labour strike told by its course
        for s in [
            "India fired a new anti-ship missile at a firing range off its eastern coast on Wednesday, the navy said.",
            "The agency sent a self-destruct command to Korea's new rocket on its maiden flight after the engine failed, destroying the rocket.",
            "North Korea launched a spy satellite into orbit on a new rocket from its western launch site, state media said.",
            "South Korea's new Nuri rocket blew up shortly after lift-off on Thursday, the science ministry said.",
            "Egyptian tax investigators raided the Cairo offices of a mobile phone maker on Monday.",
            "India successfully launched the Agni-5 missile from an island off Odisha on Wednesday.",
            "Scientists launched a weather rocket from a base in northern Sweden to study the aurora.",
            // "pounds" after a sum is money
            "Greece picked Italy's FREMM frigate, a deal for four ships worth about 3 billion pounds, the minister said.",
            "French antitrust officials raided the offices of three cement makers on suspicion of price fixing, the authority said.",
            "At least nine workers died when a fire and explosion destroyed a fireworks depot in Sivakasi, Tamil Nadu, officials said.",
            "An old mortar shell exploded at a market in Kunduz, killing three boys who had found it, police said.",
            "Kenyan doctors extended their strike indefinitely on Monday, leaving state hospitals without staff.",
        ] {
            assert!(strikes(s).is_empty(), "{s}: {:?}", strikes(s));
        }
        // an attack on such a site is still an attack
        for s in [
            "A Russian missile struck a firing range in the Chernihiv region on Sunday, killing 12 soldiers, the army said.",
            "Russian drones hit a space centre near Kharkiv overnight, officials said.",
            "A Russian missile struck a shipyard in Mykolaiv that had built ships worth 2 billion pounds, killing two workers.",
        ] {
            assert!(!strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn an_explosion_nobody_set_off_is_an_incident() {
        assert!(strikes("An explosion at a chemical plant in Gujarat killed nine workers on Sunday, officials said.").is_empty());
        // a group, a force or a claim makes it an attack
        for s in [
            "An explosion claimed by the Pakistani Taliban killed nine people at a market in Bannu on Sunday.",
            "An explosion set off by militants killed nine people at a market in Bannu on Sunday.",
        ] {
            assert_eq!(strikes(s), ["bombing"], "{s}");
        }
    }

    #[test]
    fn an_attack_on_an_idea_is_a_quarrel() {
        for s in [
            "The opposition leader said the ban on her candidacy was an attack on democracy, speaking in Caracas on Monday.",
            "Beijing called the visit to Taipei an attack on China's sovereignty on Thursday.",
            "Lawmakers in Washington clashed over immigration policy at a hearing on Wednesday.",
            "The German finance minister launched a scathing attack on the European Commission on Tuesday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
        // a physical target keeps the attack
        assert!(
            !strikes(
                "A Russian attack on the power grid of Odesa left homes without light on Monday."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_battle_noun_needs_its_sides() {
        for s in [
            "Heavy battles raged between the army and rebel fighters around the airport of Kindu on Friday.",
            "Fighting broke out between Hamas and Israeli troops in Khan Younis on Monday, residents said.",
        ] {
            assert_eq!(strikes(s), ["ground_assault"], "{s}");
        }
        for s in [
            "The army's chief said on Monday that the battle against inflation in Juba was far from won.",
            "Sudan's army has been fighting for two years, the United Nations said on Tuesday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn an_attack_noun_after_its_attacker_is_an_attack() {
        for s in [
            "A Russian attack killed four people in Sumy on Thursday, the regional governor said.",
            "Israeli attacks killed 15 people in Khan Younis overnight, medics said.",
        ] {
            assert!(!strikes(s).is_empty(), "{s}");
        }
        for s in [
            // no attacker before the noun
            "A heart attack killed the veteran Kenyan lawmaker on Sunday, his family said.",
            // an attack on an idea
            "The Polish attack on EU migration policy drew criticism in Brussels on Tuesday.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn a_span_of_fighting_before_an_attack_is_that_attack() {
        // the shelling that led up to the capture is the capture's course,
        // and its toll belongs to the capture
        assert_eq!(
            tolls(
                "Rebel fighters captured the garrison town of Tessit in Mali after three days of artillery fire, killing 27 soldiers, the army said on Monday."
            )
            .iter()
            .map(|t| t.1)
            .collect::<Vec<_>>(),
            [Some(27)]
        );
        // a second attack told as an act of its own stays
        assert_eq!(
            strikes(
                "Rebel fighters captured the garrison town of Tessit in Mali on Monday, and army jets bombed their positions near Gao hours later."
            )
            .len(),
            2
        );
    }

    #[test]
    fn a_campaign_of_attacks_is_background() {
        // a campaign names a run of attacks over time, none of them
        assert!(
            strikes("The deployment follows a months-long campaign of air strikes on smuggling boats in the Red Sea that Washington says carry weapons.")
                .is_empty()
        );
    }

    #[test]
    fn a_trend_of_attacks_is_no_attack() {
        assert!(
            strikes("Drone attacks have become more common along the border of Chad and Sudan in recent months.")
                .is_empty()
        );
        // a toll makes it one attack
        assert_eq!(
            strikes("Drone attacks have intensified in eastern Chad, killing 14 villagers near Abeche on Tuesday.")
                .len(),
            1
        );
    }

    #[test]
    fn an_attack_named_again_with_the_is_the_attack_told_before() {
        // the later sentence's "the bomb" is the air strike of the first
        // one: its toll completes it
        assert_eq!(
            tolls(
                "Army jets bombed a market in Myanmar's Magway region on Friday, killing 12 people, residents said. At least 20 others were wounded when the bomb struck a clinic in the village of Kyun Taw, a doctor said."
            )
            .iter()
            .map(|t| (t.1, t.2))
            .collect::<Vec<_>>(),
            [(Some(12), Some(20))]
        );
        // a clause that names a new barrage beside it reports that too
        assert_eq!(
            strikes(
                "A Russian missile struck a railway depot in Kovel in northwestern Ukraine on Monday, officials said. The strike was part of an overnight wave of 300 drones aimed at cities across Ukraine, most of which were shot down, the air force said."
            )
            .len(),
            2
        );
        // a new attack of another kind told later stays its own
        assert_eq!(
            strikes(
                "A Russian missile struck a railway depot in Kovel in northwestern Ukraine on Monday, officials said. Russian drones later hit the port of Izmail, the regional governor said."
            )
            .len(),
            2
        );
    }

    #[test]
    fn a_span_of_fighting_is_no_battle() {
        assert!(
            strikes("The truce signed in Doha on Monday ended two years of fighting with the militia in Ituri.")
                .is_empty()
        );
    }

    #[test]
    fn a_word_of_another_sense_nearby_does_not_cancel_an_attack() {
        for s in [
            // "lightning" as the speed of an offensive is no weather
            "Rebel fighters swept into Kidal on Sunday after a lightning offensive, residents said.",
            // a practice exam is no military drill
            "A suicide bomber struck a school in Kabul on Monday as pupils sat a practice exam, killing 20.",
            // a football pitch hit by a rocket, with its dead, is no sport
            "A rocket slammed into a football pitch in Metula on Saturday, killing four children.",
            // a bus that armed men sent into a gorge is no road accident
            "Militants fired on a minibus near Kohat on Monday, sending it into a gorge and killing six people.",
        ] {
            assert!(!strikes(s).is_empty(), "{s}");
        }
        // an army lorry that fell into a gorge is
        assert!(strikes("Six soldiers were killed when an army lorry skidded into a gorge in Kashmir, the army said.").is_empty());
    }

    #[test]
    fn an_attack_names_what_it_hit() {
        // a target after it, a named place after a target preposition, harm,
        // casualties or an armed force: an attack
        for body in [
            "Two rockets were fired at a fuel depot in Ashkelon on Monday.",
            "The navy fired cruise missiles into southern Lebanon overnight, officials said.",
            "Russian troops fired mortars overnight, the governor said.",
            "Artillery shells damaged two warehouses in Kupiansk on Tuesday.",
        ] {
            assert!(!strikes(body).is_empty(), "{body}");
        }
        // the same words with nothing hit and no one fighting: another sense
        for body in [
            "The winger fired a missile into the top corner as Rovers beat Dundee.",
            "The sequel bombed at the box office in its first weekend in Asia.",
            "Peanut shelling units closed because of cheap imports from Senegal, traders in Gujarat said.",
        ] {
            assert!(strikes(body).is_empty(), "{body}: {:?}", strikes(body));
        }
    }

    #[test]
    fn an_attack_by_civilians_is_crime_or_unrest() {
        for body in [
            "Masked youths threw petrol bombs at a police station in Derry for a second night, injuring four officers.",
            "A man threw a homemade bomb at the mayor of Osaka during a rally on Sunday; it exploded after he was led away.",
        ] {
            assert!(strikes(body).is_empty(), "{body}: {:?}", strikes(body));
        }
        // an armed force doing the same, and civilians as victims, are not
        for body in [
            "Militants threw grenades at a police station in Srinagar on Sunday, injuring four officers.",
            "Two workers died when Russian drones hit a power plant in Kharkiv overnight.",
        ] {
            assert!(!strikes(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn the_doer_of_the_clause_verb_decides_crime_or_police_action() {
        // the trigger is the doer's own verb; the doer acts through the
        // clause's first verb; police acting right before their verb
        for body in [
            "Robbers blew up an ATM at a supermarket in Utrecht overnight and fled, Dutch police said.",
            "Masked men hurled bricks and other missiles at officers in Belfast on Saturday, injuring two.",
            "A crowd of young men threw rocks and petrol bombs at a mosque in Leeds and smashed cars.",
            "Riot police fired pepper balls, some dropped from drones, at marchers near Lima on Friday.",
        ] {
            assert!(strikes(body).is_empty(), "{body}: {:?}", strikes(body));
        }
        // an armed force doing it, police as the target, and civilians as
        // victims before a casualty verb, are attacks
        for body in [
            "Insurgents hurled grenades and fired rockets at an army post in Kupwara, wounding two soldiers.",
            "A police post in Dera Bugti was hit by rockets overnight, wounding three officers.",
            "Three students killed in Russian missile strikes on a school in Sumy, officials said.",
            "Police said drones hit a fuel depot in Bryansk overnight.",
        ] {
            assert!(!strikes(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn a_force_right_after_a_casualty_verb_is_its_victim() {
        assert!(
            strikes(
                "Ammunition stored at a depot near Kandal exploded in the heat on Sunday, killing nine soldiers, the governor said."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_munition_coming_down_hit_something() {
        assert_eq!(
            strikes(
                "Two shells fell on a bus station in Horlivka on Sunday, killing three people."
            ),
            ["artillery"]
        );
        // aircraft and drones also come down when they are shot down
        assert!(
            strikes("A drone fell in a field near Rzeszow on Sunday, Polish officials said.")
                .is_empty()
        );
    }

    #[test]
    fn a_territory_verb_takes_a_place_as_its_object() {
        for s in [
            "Jihadist fighters took the town of Diapaga in eastern Burkina Faso on Saturday.",
            // a name the gazetteer lacks, right after the verb
            "Rebels seized Kashebere in North Kivu on Friday after government soldiers fled, residents said.",
        ] {
            assert_eq!(strikes(s), ["ground_assault"], "{s}");
        }
        for s in [
            "Hundreds of troops took part in a parade in Delhi on Sunday to mark Republic Day.",
            "Soldiers took up positions along the border near Bihac on Monday.",
            // the force is the object pushed out, not one fighting
            "The juntas of Mali and Niger, which pushed out French troops last year, met in Bamako.",
        ] {
            assert!(strikes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn a_ship_that_sank_with_no_one_behind_it_is_an_incident() {
        assert!(strikes("An overloaded ferry sank off the coast of Sulawesi on Sunday, killing 14 passengers.").is_empty());
        assert_eq!(
            strikes("Ukrainian sea drones sank a Russian patrol boat off Crimea on Sunday."),
            ["naval"]
        );
    }

    #[test]
    fn a_ship_hit_near_a_coast_is_a_specific_attack_at_sea() {
        // no actor, no toll, no sea named: the coast identifies the attack,
        // and the place stays the sea's (null here)
        for body in [
            "Drones struck a cargo ship near Odesa on Monday, port officials said.",
            "Missiles hit a grain freighter off Izmail overnight.",
            "An explosive-laden boat struck a tanker near Hodeidah early on Friday.",
        ] {
            assert_eq!(strikes(body), ["naval"], "{body}");
            assert_eq!(tolls(body), [(None, None, None)], "{body}");
        }
        // a ship near a coast that nothing hits, or a ramming on land
        assert!(
            strikes("A Turkish cargo ship waited near Odesa on Monday for the corridor to reopen.")
                .is_empty()
        );
        assert!(
            strikes("Missiles were loaded onto a ship near Novorossiysk, satellite images showed.")
                .is_empty()
        );
        assert!(
            strikes("A truck rammed a convoy of buses in Balochistan province on Sunday.")
                .is_empty()
        );
    }

    #[test]
    fn words_of_the_mechanisms_come_from_the_lexicons() {
        let rules = engine().rules();
        assert!(super::is_passive_aux(rules, "Were"));
        assert!(super::is_interception(rules, "intercepted"));
        assert!(super::has_word_before(
            rules,
            super::PORT_BEFORE,
            "the black sea port of "
        ));
    }
}
