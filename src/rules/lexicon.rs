//! Lexicons: the named word and phrase lists (`[[lexicon]]`) that the
//! mechanisms of `classify` read, and the questions those mechanisms ask of
//! them ("is this word listed", "does this clause hold a listed phrase").
//!
//! A mechanism names the lexicons it reads with [`LexiconId`] constants,
//! checked against [`REQUIRED_LEXICONS`] when the crate compiles, so a
//! lookup is an index, not a search by name, and a misspelt name does not
//! build. A rule directory without one of them does not load.

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The lexicons the classifier's mechanisms read, in [`LexiconId`] order.
pub const REQUIRED_LEXICONS: &[&str] = &[
    "strike.platform_nouns",
    "strike.compound_modifiers",
    "strike.passive_aux",
    "strike.ship_assault_verbs",
    "strike.interception_verbs",
    "strike.port_before",
    "strike.port_not_before",
    "strike.pair_joiners",
    "strike.labour_modifiers",
    "strike.duration_units",
    "strike.span_links",
    "strike.trend_predicates",
    "strike.back_reference_determiners",
    "strike.agent_markers",
    "strike.claim_verbs",
    "strike.blame_verbs",
    "strike.claimed_acts",
    "strike.blame_markers",
    "strike.territory_objects",
    "strike.home_forces",
    "strike.force_not_agent",
    "procurement.follow_up_subjects",
    "procurement.follow_up_counters",
    "procurement.state_bodies",
    "strike.retrospective_frames",
    "strike.incident_nouns",
    "strike.incident_place_words",
    "strike.abstract_objects",
    "strike.figurative_modifiers",
    "strike.battle_nouns",
    "strike.battle_links",
    "strike.impact_verbs",
    "strike.object_breaks",
    "strike.battle_not_after",
    "modality.forward_dates",
    "modality.prior_act_nouns",
    "modality.irregular_participles",
    "modality.past_endings",
    "modality.attendance_stems",
    "modality.clause_joiners",
    "procurement.singular_endings",
    "sanctions.item_separators",
    "strike.agentive_nouns",
    "procurement.company_nouns",
    "procurement.company_name_ends",
    "procurement.object_ends",
    "procurement.supplier_object_verbs",
    "procurement.maker_blockers",
    "procurement.counter_words",
    "procurement.arrival_verbs",
    "procurement.recipient_prepositions",
    "procurement.delivery_place_prepositions",
    "procurement.opening_determiners",
    "procurement.partitives",
    "sanctions.adoption_verbs",
    "procurement.supplier_prepositions",
    "procurement.supplier_determiners",
    "procurement.deal_nouns",
    "sanctions.reason_markers",
    "sanctions.imposer_modifiers",
    "sanctions.passive_aux",
    "sanctions.passive_adverbs",
    "sanctions.subordinators",
    "sanctions.relative_pronouns",
    "sanctions.approval_verbs",
    "sanctions.approval_objects",
    "sanctions.attributive_participles",
    "sanctions.determiners",
    "sanctions.status_articles",
    "sanctions.wish_cues",
    "sanctions.regime_prepositions",
    "sanctions.novelty_words",
    "sanctions.state_adverbs",
    "sanctions.speech_senses",
    "sanctions.complementizers",
    "sanctions.possibility_modals",
    "sanctions.conditionals",
    "sanctions.targeted_measures",
    "sanctions.target_prepositions",
    "sanctions.list_joiners",
    "sanctions.generic_quantifiers",
    "sanctions.frame_objects",
    "sanctions.listing_words",
    "sanctions.agent_prepositions",
    "strike.quarrel_verbs",
    "strike.target_nouns",
    "sanctions.party_nouns",
    "sanctions.domestic_authorities",
    "sanctions.domestic_scope",
    "sanctions.stance_prefixes",
    "sanctions.speculative_modifiers",
    "sanctions.speculation_sources",
    "sanctions.speculation_markers",
    "sanctions.effect_aux",
    "sanctions.effect_predicates",
    "strike.harm_words",
    "modality.event_relatives",
    "strike.civilian_agents",
    "strike.law_enforcers",
    "strike.target_prepositions",
    "strike.target_fillers",
    "diplomacy.official_nouns",
    "diplomacy.topic_nouns",
    "diplomacy.topic_heads",
    "diplomacy.origin_prepositions",
    "diplomacy.non_venue_prepositions",
    "diplomacy.posting_prepositions",
    "diplomacy.envoy_nouns",
    "diplomacy.acting_state_venue",
    "diplomacy.bare_agreement_verbs",
    "diplomacy.complementizers",
    "diplomacy.infinitive_markers",
    "diplomacy.soft_verbs",
    "diplomacy.counterpart_prepositions",
    "diplomacy.counterpart_fillers",
    "diplomacy.own_possessives",
    "diplomacy.domestic_nouns",
    "diplomacy.reacted_nouns",
    "diplomacy.absence_markers",
    "diplomacy.preference_markers",
    "diplomacy.refusal_words",
    "diplomacy.bare_talk_verbs",
    "diplomacy.capital_nouns",
    "diplomacy.venue_prepositions",
    "diplomacy.separate_markers",
    "diplomacy.reciprocals",
    "diplomacy.pair_quantifiers",
    "diplomacy.counterpart_groups",
    "diplomacy.state_groups",
    "diplomacy.leader_plurals",
    "diplomacy.articles",
    "diplomacy.subject_back_references",
    "diplomacy.back_references",
    "diplomacy.leader_titles",
    "diplomacy.meeting_nouns",
    "diplomacy.between_markers",
    "diplomacy.agent_markers",
    "diplomacy.attendance_verbs",
    "diplomacy.conjunctions",
    "diplomacy.agreement_nouns",
    "diplomacy.phrase_breaks",
    "diplomacy.guest_verbs",
    "diplomacy.naming_words",
    "diplomacy.destination_prepositions",
    "diplomacy.purpose_markers",
    "diplomacy.presence_verbs",
    "diplomacy.occasion_markers",
    "diplomacy.denial_verbs",
    "diplomacy.negators",
    "diplomacy.passive_aux",
    "diplomacy.addressee_prepositions",
    "diplomacy.failure_verbs",
    "diplomacy.reaction_determiners",
    "diplomacy.topic_cues",
    "diplomacy.determiners",
    "diplomacy.noun_determiners",
    "diplomacy.relative_pronouns",
    "diplomacy.placeless_acts",
    "diplomacy.non_state_parties",
    "modality.month_homographs",
    "modality.date_words",
    "modality.relative_pronouns",
    "modality.past_dates",
    "modality.month_names",
    "modality.year_determiners",
    "modality.duration_markers",
    "modality.indefinite_determiners",
    "modality.conditionals",
    "modality.intention_cues",
    "modality.attend_negators",
    "trap.source_after",
    "trap.source_before",
    "numbers.currency_words",
    "numbers.articles",
    "numbers.range_openers",
    "numbers.range_joiners",
    "numbers.range_links",
    "numbers.adjective_suffixes",
    "slots.location_prepositions",
    "slots.participle_endings",
    "slots.quantity_stops",
    "slots.location_fillers",
    "slots.place_nouns",
    "slots.registry_suffixes",
    "slots.control_suffixes",
    "slots.agent_prepositions",
    "slots.origin_prepositions",
    "slots.launch_verbs",
    "slots.operator_verbs",
    "slots.report_verbs",
    "slots.own_report_subjects",
    "slots.complementizers",
    "slots.own_report_subjects_after_that",
    "slots.victim_roles",
    "slots.place_prepositions",
    "slots.route_prepositions",
    "slots.not_places",
    "slots.name_links",
    "slots.reference_prepositions",
    "slots.directions",
    "slots.containment_prepositions",
    "slots.region_nouns",
    "slots.site_nouns",
    "slots.count_qualifiers",
    "slots.count_stops",
    "slots.casualty_participles",
    "slots.toll_nouns",
    "slots.toll_links",
    "slots.passive_aux",
    "procurement.firm_nouns",
    "procurement.state_body_heads",
    "strike.victim_markers",
];

/// A lexicon a mechanism reads: its place in [`REQUIRED_LEXICONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LexiconId(u16);

impl LexiconId {
    /// The lexicon called `name`. Used in constants, where a name missing
    /// from [`REQUIRED_LEXICONS`] stops the build.
    pub const fn named(name: &str) -> LexiconId {
        let mut i = 0;
        while i < REQUIRED_LEXICONS.len() {
            if const_str_eq(REQUIRED_LEXICONS[i], name) {
                return LexiconId(i as u16);
            }
            i += 1;
        }
        panic!("a lexicon name that is not in REQUIRED_LEXICONS")
    }

    /// Its name in the rule files.
    pub fn name(self) -> &'static str {
        REQUIRED_LEXICONS[self.index()]
    }

    /// Every required lexicon.
    pub fn all() -> impl Iterator<Item = LexiconId> {
        (0..REQUIRED_LEXICONS.len()).map(|i| LexiconId(i as u16))
    }

    pub(super) fn index(self) -> usize {
        usize::from(self.0)
    }
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// One lexicon's entries (lower case; an entry may be several words).
#[derive(Debug)]
pub struct Lexicon {
    entries: Vec<String>,
    /// Cheap tests that refuse most words before a hash lookup (most words
    /// looked up are in no lexicon): the entries' shortest and longest
    /// lengths, and a bit per first byte.
    lengths: (usize, usize),
    firsts: [u64; 4],
    set: FxHashSet<String>,
    /// Entries split into words, for the word-sequence questions.
    split: Vec<Vec<String>>,
    /// The first and the last word of every entry that has words: a word
    /// sequence can only hold or end with an entry where one of these
    /// stands, so most questions are refused by one lookup instead of a
    /// walk over every entry.
    heads: FxHashSet<String>,
    lasts: FxHashSet<String>,
    /// Whether an entry has no word at all (it then ends every sequence).
    has_wordless: bool,
    /// A matcher of the last words, for [`Lexicon::may_end_in`]; built on
    /// first use.
    last_finder: OnceLock<Option<AhoCorasick>>,
    /// A matcher of all entries, for [`Lexicon::occurs_in`]; built on first
    /// use (most lexicons are only asked about single words).
    finder: OnceLock<Option<AhoCorasick>>,
    /// The entries' indices by first byte: those starting with byte `b` are
    /// `by_first[from[b]..from[b + 1]]` (see [`Lexicon::entry_at`]).
    by_first: Vec<u32>,
    from: Vec<u32>,
    /// Whether an entry is empty (it is then written everywhere).
    has_empty: bool,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::new(Vec::new())
    }
}

impl Lexicon {
    pub(super) fn new(entries: Vec<String>) -> Lexicon {
        let mut firsts = [0u64; 4];
        for b in entries.iter().filter_map(|e| e.bytes().next()) {
            firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        let lengths = entries.iter().fold((usize::MAX, 0), |(lo, hi), e| {
            (lo.min(e.len()), hi.max(e.len()))
        });
        let mut by_first: Vec<u32> = (0..entries.len() as u32)
            .filter(|&i| !entries[i as usize].is_empty())
            .collect();
        by_first.sort_by_key(|&i| entries[i as usize].as_bytes()[0]);
        let from = (0..=256)
            .map(|b| {
                by_first.partition_point(|&i| usize::from(entries[i as usize].as_bytes()[0]) < b)
                    as u32
            })
            .collect();
        let split: Vec<Vec<String>> = entries
            .iter()
            .map(|e| e.split_whitespace().map(str::to_string).collect())
            .collect();
        let heads = split.iter().filter_map(|e| e.first().cloned()).collect();
        let lasts = split.iter().filter_map(|e| e.last().cloned()).collect();
        let has_wordless = split.iter().any(Vec::is_empty);
        Lexicon {
            lengths,
            firsts,
            by_first,
            from,
            has_empty: entries.iter().any(String::is_empty),
            set: entries.iter().cloned().collect(),
            split,
            heads,
            lasts,
            has_wordless,
            last_finder: OnceLock::new(),
            entries,
            finder: OnceLock::new(),
        }
    }

    /// The entries, as written.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Whether `word` (lower case) is an entry.
    pub fn contains(&self, word: &str) -> bool {
        self.may_contain(word, false) && self.set.contains(word)
    }

    /// False when no entry can be `word` (by length or first byte, folded
    /// to lower case if `fold`).
    #[inline]
    fn may_contain(&self, word: &str, fold: bool) -> bool {
        let Some(&b) = word.as_bytes().first() else {
            return self.lengths.0 == 0;
        };
        let b = if fold { b.to_ascii_lowercase() } else { b };
        (self.lengths.0..=self.lengths.1).contains(&word.len())
            && self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// Whether `word`, in any case, is an entry.
    pub fn contains_any_case(&self, word: &str) -> bool {
        if !self.may_contain(word, true) {
            false
        } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
            // lower-cased on the stack: entries are words, short enough
            let mut buf = [0u8; 64];
            match buf.get_mut(..word.len()) {
                Some(lower) => {
                    lower.copy_from_slice(word.as_bytes());
                    lower.make_ascii_lowercase();
                    // ASCII case changes keep UTF-8 valid
                    std::str::from_utf8(lower).is_ok_and(|w| self.set.contains(w))
                }
                None => self.set.contains(&word.to_ascii_lowercase()),
            }
        } else {
            self.set.contains(word)
        }
    }

    /// Whether `word` (lower case) starts with an entry ("intercept" for
    /// "intercepted").
    pub fn prefixes(&self, word: &str) -> bool {
        self.entries.iter().any(|e| word.starts_with(e.as_str()))
    }

    /// Whether `word` ends with an entry, in any case (an ending such as
    /// "ing" for "killing").
    pub fn suffixes(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.entries.iter().any(|e| {
            w.len() >= e.len() && w[w.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        })
    }

    /// Whether an entry occurs in `text` (lower case) as whole words.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.first_end_in(text).is_some()
    }

    /// Where the first entry (the one ending first) that occurs in `text`
    /// (lower case) as whole words ends.
    pub fn first_end_in(&self, text: &str) -> Option<usize> {
        let finder = lazy_matcher(&self.finder, &self.entries)?;
        // overlapping matches come in the order of their ends
        finder
            .find_overlapping_iter(text)
            .find(|m| whole_word(text.as_bytes(), m.start(), m.end()))
            .map(|m| m.end())
    }

    /// Every occurrence of an entry in `text` (lower case) as whole words,
    /// as (start, end), in the order of their ends.
    pub fn spans_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        lazy_matcher(&self.finder, &self.entries)
            .map(|finder| finder.find_overlapping_iter(text))
            .into_iter()
            .flatten()
            .filter(|m| whole_word(text.as_bytes(), m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
    }

    /// Whether an entry is written at byte `p` of `t` and ends at the end of
    /// `t` or before a byte that is no ASCII letter or digit: a lookup of
    /// the entries with `t[p]` as first byte, not a comparison with each.
    pub fn entry_at(&self, t: &[u8], p: usize) -> bool {
        let ends_word = |end: usize| t.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
        if self.has_empty && ends_word(p) {
            return true;
        }
        let Some(&b) = t.get(p) else {
            return false;
        };
        if self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
            return false;
        }
        let (a, z) = (self.from[usize::from(b)], self.from[usize::from(b) + 1]);
        self.by_first[a as usize..z as usize].iter().any(|&i| {
            let e = self.entries[i as usize].as_bytes();
            t[p..].starts_with(e) && ends_word(p + e.len())
        })
    }

    /// Whether `text` (lower case) ends with an entry as whole words,
    /// trailing spaces aside ("listed under" ends with "under").
    pub fn ends(&self, text: &str) -> bool {
        let t = text.trim_end();
        self.entries.iter().any(|e| {
            t.ends_with(e.as_str())
                && t.as_bytes()[..t.len() - e.len()]
                    .last()
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    }

    /// Whether the words before a point, given nearest first, end with an
    /// entry.
    pub fn ends_words(&self, nearest_first: &[&str]) -> bool {
        if !self.has_wordless
            && nearest_first
                .first()
                .is_none_or(|w| !self.lasts.contains(*w))
        {
            return false;
        }
        self.split.iter().any(|e| {
            e.len() <= nearest_first.len() && e.iter().rev().zip(nearest_first).all(|(a, b)| a == b)
        })
    }

    /// Whether any word of `text` could end an entry: false when no
    /// entry's last word is written in it, even inside a word, so that
    /// [`Lexicon::ends_words`] is then false at every word of `text`,
    /// which need not be split into words to know it.
    pub fn may_end_in(&self, text: &str) -> bool {
        self.has_wordless
            || lazy_matcher(&self.last_finder, &self.lasts).is_some_and(|f| f.is_match(text))
    }

    /// Whether the lower-case `words` hold an entry as consecutive words.
    pub fn among_words(&self, words: &[&str]) -> bool {
        if !words.iter().any(|w| self.heads.contains(*w)) {
            return false;
        }
        self.split.iter().any(|e| {
            !e.is_empty()
                && words
                    .windows(e.len())
                    .any(|w| w.iter().zip(e).all(|(a, b)| a == b))
        })
    }
}

/// Whether `t[start..end]` is bounded by no ASCII letter or digit.
fn whole_word(t: &[u8], start: usize, end: usize) -> bool {
    (start == 0 || !t[start - 1].is_ascii_alphanumeric())
        && t.get(end).is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// The matcher of `patterns` kept in `cell`, built on first use (none if
/// it cannot be built).
fn lazy_matcher<'c, 'a>(
    cell: &'c OnceLock<Option<AhoCorasick>>,
    patterns: impl IntoIterator<Item = &'a String>,
) -> Option<&'c AhoCorasick> {
    cell.get_or_init(|| AhoCorasick::new(patterns).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(entries: &[&str]) -> Lexicon {
        Lexicon::new(entries.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn ids_follow_the_required_list() {
        const ID: LexiconId = LexiconId::named("sanctions.wish_cues");
        assert_eq!(ID.name(), "sanctions.wish_cues");
        assert_eq!(LexiconId::all().count(), REQUIRED_LEXICONS.len());
        assert!(LexiconId::all().all(|id| LexiconId::named(id.name()) == id));
    }

    #[test]
    fn required_names_are_unique() {
        let set: FxHashSet<_> = REQUIRED_LEXICONS.iter().collect();
        assert_eq!(set.len(), REQUIRED_LEXICONS.len());
    }

    #[test]
    fn words_are_looked_up_whole_and_in_any_case_on_request() {
        let l = lexicon(&["under", "subject to"]);
        assert!(l.contains("under"));
        assert!(!l.contains("Under") && l.contains_any_case("Under"));
        assert!(!l.contains("unde"));
        assert!(l.prefixes("underway") && !l.prefixes("und"));
        // the length and first-byte pre-checks refuse only non-entries
        let l = lexicon(&["a", "Kyiv", "zone", "ë-mail"]);
        for w in ["a", "Kyiv", "zone", "ë-mail"] {
            assert!(l.contains(w), "{w}");
        }
        assert!(l.contains_any_case("ZONE") && l.contains_any_case("A"));
        for w in ["", "b", "kyiv", "zones", "mail"] {
            assert!(!l.contains(w), "{w}");
        }
        assert!(!lexicon(&[]).contains("") && lexicon(&[""]).contains(""));
    }

    #[test]
    fn occurs_in_wants_whole_words_at_any_occurrence() {
        let l = lexicon(&["want", "called for"]);
        assert!(l.occurs_in("the minister called for new measures"));
        assert!(!l.occurs_in("the minister recalled former measures"));
        // the first "want" is inside a word, the second is not
        assert!(l.occurs_in("she wanted what they want"));
        assert!(!l.occurs_in("she wanted them"));
        assert!(!lexicon(&[]).occurs_in("anything"));
    }

    #[test]
    fn entry_at_is_a_comparison_with_every_entry() {
        let l = lexicon(&["as a penalty", "over", "as punishment", "for"]);
        let naive = |t: &[u8], p: usize| {
            l.entries().iter().any(|e| {
                t.get(p..).is_some_and(|r| r.starts_with(e.as_bytes()))
                    && t.get(p + e.len())
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
            })
        };
        let t = b"a duty as a penalty for oil, over-reach, overall; as punishment";
        for p in 0..=t.len() + 1 {
            assert_eq!(l.entry_at(t, p), naive(t, p), "at {p}");
        }
        assert!(lexicon(&[""]).entry_at(b"a b", 1));
        assert!(!lexicon(&[""]).entry_at(b"ab", 1));
        assert!(!lexicon(&[]).entry_at(b"ab", 0));
    }

    #[test]
    fn spans_in_gives_whole_word_occurrences_by_end() {
        let l = lexicon(&["and", "as"]);
        let t = "tanks and jets as well as band";
        assert_eq!(
            l.spans_in(t).collect::<Vec<_>>(),
            vec![(6, 9), (15, 17), (23, 25)]
        );
        assert_eq!(l.first_end_in(t), Some(9));
        assert_eq!(l.spans_in("bandas").count(), 0);
    }

    #[test]
    fn suffixes_are_endings_in_any_case() {
        let l = lexicon(&["ing", "-year-old"]);
        assert!(l.suffixes("killing"));
        assert!(l.suffixes("WOUNDING"));
        assert!(l.suffixes("two-year-old"));
        assert!(l.suffixes("ing"));
        assert!(!l.suffixes("in"));
        assert!(!l.suffixes("killed"));
    }

    #[test]
    fn ends_wants_a_word_boundary_before_the_entry() {
        let l = lexicon(&["under", "in breach of"]);
        assert!(l.ends("listed under  "));
        assert!(l.ends("a ship in breach of"));
        assert!(!l.ends("plunder"));
        assert!(l.ends("under"));
    }

    #[test]
    fn word_sequences_match_consecutive_words() {
        let l = lexicon(&["on behalf of", "with"]);
        assert!(l.ends_words(&["of", "behalf", "on", "spoke"]));
        assert!(!l.ends_words(&["of", "behalf"]));
        assert!(l.among_words(&["talks", "on", "behalf", "of", "kyiv"]));
        assert!(!l.among_words(&["on", "behalf", "kyiv"]));
        assert!(l.among_words(&["met", "with"]));
        // refused by the first- and last-word sets before any walk
        assert!(!l.ends_words(&["behalf", "on"]));
        assert!(!l.ends_words(&[]));
        assert!(!l.among_words(&["talks", "in", "kyiv"]));
        // an entry of spaces only has no word: it ends every sequence, as
        // the walk over the entries says, and is among none
        let blank = lexicon(&[" ", "on behalf of"]);
        assert!(blank.ends_words(&["kyiv"]));
        assert!(blank.ends_words(&[]));
        assert!(!blank.among_words(&["kyiv"]));
        assert!(blank.may_end_in(""));
        assert!(l.may_end_in("talks on behalf of"));
        assert!(l.may_end_in("the offer"));
        assert!(!l.may_end_in("talks on behalf"));
    }

    #[test]
    fn first_end_in_is_the_end_of_the_first_whole_word_entry() {
        let l = lexicon(&["analysts", "think tank"]);
        assert_eq!(l.first_end_in("analysts say"), Some(8));
        assert_eq!(l.first_end_in("a think tank and analysts said"), Some(12));
        assert_eq!(l.first_end_in("the analystsay said"), None);
        assert_eq!(l.first_end_in("the ministry said"), None);
        assert_eq!(lexicon(&[]).first_end_in("anything"), None);
    }
}
