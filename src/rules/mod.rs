//! Rule files: their schema, loading, validation and compilation.
//!
//! Role: turn `config/rules/*.toml` (lexicons and patterns written by
//! analysts) into one immutable [`RuleSet`]: every phrase of every rule goes
//! into one multi-pattern index, built once at load, so a story is scanned
//! in one pass whatever the number of rules (`phrases`: a table of phrases by
//! their first words, looked up once per word of the text). Matching is
//! case-insensitive (ASCII) and on whole words; a phrase ending in `*` matches
//! any word ending.
//!
//! Why data and not code: an analyst adds "Storm Shadow" to `weapons.toml` or
//! a sanctions verb to `sanctions.toml` and checks it with `wirewatch
//! classify`, without a rebuild. A bad rule is refused at load with its file,
//! rule id and line ([`RulesError`]).
//!
//! This module knows nothing about stories or events: `classify` and
//! `extract` give the rule kinds their meaning. It does no I/O after `load`.

mod error;
mod frame;
mod lexicon;
mod phrases;
mod schema;

pub use error::RulesError;
pub use frame::Frame;
pub use lexicon::{Lexicon, LexiconId, REQUIRED_LEXICONS};

use crate::model::{Category, Status, Subtype};
use crate::text::words::{Word, words};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A modality cue's meaning (see `config/rules/modality.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Announced for a date or set to take effect.
    Scheduled,
    /// Offered, planned, intended.
    Proposed,
    /// Explicitly threatened or warned.
    Threatened,
    /// Cancelled, refused, called off (keeps the label).
    Denied,
    /// A flat negation ("no talks are scheduled"): denied, without the label.
    Negation,
    /// A conditional ("if talks fail"): not an event.
    Hypothetical,
    /// An earlier year or period: not an event.
    Historical,
    /// A generic mention ("ongoing strikes"): not an event.
    Background,
    /// A present-news-cycle time expression; overrides `Historical`.
    Current,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "scheduled" => Cue::Scheduled,
            "proposed" => Cue::Proposed,
            "threatened" => Cue::Threatened,
            "denied" => Cue::Denied,
            "negation" => Cue::Negation,
            "hypothetical" => Cue::Hypothetical,
            "historical" => Cue::Historical,
            "background" => Cue::Background,
            "current" => Cue::Current,
            _ => return None,
        })
    }
}

/// Weapon class of a system in `weapons.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeaponClass {
    Aircraft,
    Helicopter,
    Drone,
    AirDefence,
    Missile,
    RocketArtillery,
    Artillery,
    Tank,
    Armoured,
    Ship,
    Submarine,
    Other,
}

impl WeaponClass {
    fn parse(s: &str) -> Option<WeaponClass> {
        Some(match s {
            "aircraft" => WeaponClass::Aircraft,
            "helicopter" => WeaponClass::Helicopter,
            "drone" => WeaponClass::Drone,
            "air_defence" => WeaponClass::AirDefence,
            "missile" => WeaponClass::Missile,
            "rocket_artillery" => WeaponClass::RocketArtillery,
            "artillery" => WeaponClass::Artillery,
            "tank" => WeaponClass::Tank,
            "armoured" => WeaponClass::Armoured,
            "ship" => WeaponClass::Ship,
            "submarine" => WeaponClass::Submarine,
            "other" => WeaponClass::Other,
            _ => return None,
        })
    }

    /// The strike subtype an attack with this class of weapon gets, if any.
    pub fn strike_subtype(self) -> Option<Subtype> {
        match self {
            WeaponClass::Aircraft | WeaponClass::Helicopter => Some(Subtype::Airstrike),
            WeaponClass::Drone => Some(Subtype::Drone),
            WeaponClass::Missile => Some(Subtype::Missile),
            WeaponClass::RocketArtillery => Some(Subtype::Rocket),
            WeaponClass::Artillery | WeaponClass::Tank => Some(Subtype::Artillery),
            WeaponClass::Ship | WeaponClass::Submarine => Some(Subtype::Naval),
            _ => None,
        }
    }
}

/// A weapon system or platform from `weapons.toml`.
#[derive(Debug, Clone)]
pub struct System {
    /// The value written to the `system` slot.
    pub name: String,
    /// Its class.
    pub class: WeaponClass,
    /// ISO code of the supplier country.
    pub origin: Option<crate::model::CountryCode>,
}

/// A trap from `traps.toml`.
#[derive(Debug, Clone)]
pub struct Trap {
    /// Rule id, e.g. `trap.labour`.
    pub id: String,
    /// Rule-id prefixes of the triggers it cancels.
    pub blocks: Vec<String>,
    /// One phrase anywhere in the story is enough (else: same sentence).
    pub story_scope: bool,
    /// A phrase cancels only the triggers of its own clause (a caller that
    /// does not name the clause reads the sentence as one).
    pub clause_scope: bool,
    /// Whether the trap has `unless` phrases.
    pub has_unless: bool,
}

impl Trap {
    /// Whether this trap cancels the rule with id `rule_id`.
    pub fn blocks(&self, rule_id: &str) -> bool {
        self.blocks.iter().any(|b| {
            rule_id == b
                || (rule_id.starts_with(b.as_str())
                    && rule_id.as_bytes().get(b.len()) == Some(&b'.'))
        })
    }
}

/// What a matched phrase means.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Reports an event of `category`/`subtype`.
    Trigger {
        category: Category,
        subtype: Subtype,
        status: Option<Status>,
        needs_context: bool,
        /// What it needs around it before it counts, if anything.
        frame: Option<Frame>,
    },
    /// Confirms a category in its sentence (sanctions words, military goods).
    Context { category: Category },
    /// A strike weapon noun; an event only with an `Attack` cue.
    Weapon { subtype: Subtype },
    /// An attack, impact or interception verb or noun.
    Attack,
    /// An armed ground force ("gunmen", "rebels", "troops"): a ground
    /// assault only together with an [`Kind::Assault`] verb in its clause.
    Force,
    /// A verb of ground assault ("stormed", "ambushed", "opened fire").
    Assault,
    /// A verb of taking ground ("seized", "took control of"): a ground
    /// assault only with a place as its object.
    Territory,
    /// A casualty word: killed.
    Killed,
    /// A casualty word: injured.
    Injured,
    /// "Nobody was hurt": zero casualties.
    Unhurt,
    /// A modality cue.
    Cue(Cue),
    /// A clause separator.
    Clause,
    /// A trap phrase (index into [`RuleSet::traps`]).
    Trap(usize),
    /// A phrase that lifts a trap in its sentence.
    Unless(usize),
    /// A sanctions sector (the slot value).
    Sector(String),
    /// A weapon system (index into [`RuleSet::systems`]).
    System(usize),
    /// "up to": keep the upper number.
    Upper,
    /// "dozens of": the count is unknown.
    Vague,
}

impl Kind {
    /// Hits of the same family that lie inside a longer hit of that family
    /// are dropped ("air strike" hides "strike"; "would respond" hides
    /// "would"), while hits of other families at the same place are kept.
    fn family(&self) -> u8 {
        match self {
            Kind::Trigger { category, .. } => *category as u8,
            Kind::Context { category } => 10 + *category as u8,
            Kind::Weapon { .. } => 20,
            Kind::Attack => 21,
            Kind::Killed | Kind::Injured | Kind::Unhurt => 22,
            Kind::Cue(_) => 23,
            Kind::Clause => 24,
            Kind::Trap(_) | Kind::Unless(_) => 25,
            Kind::Sector(_) => 26,
            Kind::System(_) => 27,
            Kind::Upper | Kind::Vague => 28,
            Kind::Force => 29,
            Kind::Assault => 30,
            Kind::Territory => 31,
        }
    }
}

/// One rule (or one system), with where it was written.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file it came from (file name only).
    pub file: Arc<str>,
    /// Rule id (`strike.missile`) or system name.
    pub id: String,
    /// 1-based line of the rule in its file.
    pub line: usize,
    /// What it means.
    pub kind: Kind,
    /// Evidence strength in (0, 1].
    pub weight: f64,
}

/// A phrase found in a text: `text[start..end]` matched rule `entry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// Index into [`RuleSet::entries`].
    pub entry: u32,
}

/// All rules, compiled. Immutable and `Send + Sync`; build once with
/// [`RuleSet::load`], share behind an `Arc`.
#[derive(Debug)]
pub struct RuleSet {
    entries: Vec<Entry>,
    /// Phrase id -> entries using that phrase.
    pattern_entries: Vec<std::ops::Range<u32>>,
    /// The entry ids `pattern_entries` ranges point into (one flat list: the
    /// scan reads it for every match).
    entry_ids: Vec<u32>,
    /// Entry -> its [`Kind::family`] (kept apart: the scan needs only this).
    families: Vec<u8>,
    phrases: phrases::PhraseIndex,
    /// Traps, indexed by [`Kind::Trap`].
    pub traps: Vec<Trap>,
    /// Weapon systems, indexed by [`Kind::System`].
    pub systems: Vec<System>,
    /// Number words ("two" = 2, "a dozen" = 12).
    pub number_words: FxHashMap<String, u64>,
    /// The first word of every number word or phrase ("a" of "a dozen"):
    /// a word outside it starts no number phrase.
    number_starts: FxHashSet<String>,
    /// Scale words ("million" = 1_000_000).
    pub scales: FxHashMap<String, u64>,
    /// Year an undated story is assumed to be from.
    pub reference_year: i32,
    /// The named word lists (`[[lexicon]]`) the mechanisms of `classify`
    /// read, indexed by [`LexiconId`].
    lexicons: Vec<Lexicon>,
    version: String,
}

/// The rule kinds the strike mechanisms need at least one rule of.
const REQUIRED_KINDS: &[(&str, Kind)] = &[
    ("force", Kind::Force),
    ("assault", Kind::Assault),
    ("territory", Kind::Territory),
];

impl RuleSet {
    /// Loads and compiles every `*.toml` in `dir` (normally `config/rules`).
    /// The version is the first line of `dir/VERSION` when present, plus the
    /// per-file `version` keys.
    pub fn load(dir: &Path) -> Result<RuleSet, RulesError> {
        let raw = schema::read_dir(dir)?;
        Self::check_required(&raw, dir)?;
        Self::compile(raw)
    }

    /// Every lexicon in [`REQUIRED_LEXICONS`] and a rule of every kind in
    /// `REQUIRED_KINDS` is present: a mechanism never runs on a missing list.
    fn check_required(raw: &schema::RawRules, dir: &Path) -> Result<(), RulesError> {
        if let Some(name) = REQUIRED_LEXICONS
            .iter()
            .find(|n| !raw.lexicons.contains_key(**n))
        {
            return Err(RulesError::Missing {
                file: dir.to_path_buf(),
                problem: format!(
                    "no lexicon `{name}`; add a [[lexicon]] with name = \"{name}\" and its words (config/README.md lists them)"
                ),
            });
        }
        if let Some((kind, _)) = REQUIRED_KINDS
            .iter()
            .find(|(_, k)| !raw.entries.iter().any(|e| e.kind == *k))
        {
            return Err(RulesError::Missing {
                file: dir.to_path_buf(),
                problem: format!("no rule of kind `{kind}`; strike.toml must list its phrases"),
            });
        }
        Ok(())
    }

    /// Compiles rule files given as (file name, TOML text) pairs; used by
    /// `load` and by tests that check a rule without touching the disk.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<RuleSet, RulesError> {
        let mut raw = schema::RawRules::default();
        for (name, text) in sources {
            schema::read_one(&mut raw, Path::new(name), text)?;
        }
        Self::compile(raw)
    }

    fn compile(raw: schema::RawRules) -> Result<RuleSet, RulesError> {
        let schema::RawRules {
            entries,
            phrases,
            traps,
            systems,
            number_words,
            scales,
            reference_year,
            version,
            lexicons,
            ..
        } = raw;
        // One pattern per distinct phrase; several rules may share it.
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut patterns: Vec<(String, bool)> = Vec::new();
        let mut pattern_entries: Vec<Vec<u32>> = Vec::new();
        for (phrase, entry) in phrases {
            let key = match phrase.strip_suffix('*') {
                Some(t) => (t.to_ascii_lowercase(), true),
                None => (phrase.to_ascii_lowercase(), false),
            };
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                pattern_entries.push(Vec::new());
                patterns.len() - 1
            });
            if !pattern_entries[id].contains(&entry) {
                pattern_entries[id].push(entry);
            }
        }
        let mut entry_ids: Vec<u32> = Vec::new();
        let pattern_ranges = pattern_entries
            .into_iter()
            .map(|list| {
                let a = entry_ids.len() as u32;
                entry_ids.extend(list);
                a..entry_ids.len() as u32
            })
            .collect();
        let phrases = phrases::PhraseIndex::build(&patterns).map_err(|e| RulesError::Missing {
            file: "rules".into(),
            problem: format!("cannot build the phrase matcher: {e}"),
        })?;
        Ok(RuleSet {
            families: entries.iter().map(|e| e.kind.family()).collect(),
            entries,
            pattern_entries: pattern_ranges,
            entry_ids,
            phrases,
            traps,
            systems,
            number_starts: number_words
                .keys()
                .map(|k| k.split(' ').next().unwrap_or_default().to_string())
                .collect(),
            number_words: number_words.into_iter().collect(),
            scales: scales.into_iter().collect(),
            reference_year: reference_year.unwrap_or(2025),
            lexicons: {
                let mut lexicons = lexicons;
                LexiconId::all()
                    .map(|id| Lexicon::new(lexicons.remove(id.name()).unwrap_or_default()))
                    .collect()
            },
            version,
        })
    }

    /// Lexicon `id` (empty when the rule set has none: a directory loaded
    /// with [`RuleSet::load`] has every required one).
    pub fn lexicon(&self, id: LexiconId) -> &Lexicon {
        &self.lexicons[id.index()]
    }

    /// Whether lexicon `id` lists `word` (lower case).
    pub fn in_lexicon(&self, id: LexiconId, word: &str) -> bool {
        self.lexicons[id.index()].contains(word)
    }

    /// The rule set's version string.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// All rules, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether `word` (lower case) is the first word of some number word or
    /// phrase in `numbers.toml`.
    pub fn starts_number(&self, word: &str) -> bool {
        self.number_starts.contains(word)
    }

    /// The rule a hit matched.
    pub fn entry(&self, hit: &Hit) -> &Entry {
        &self.entries[hit.entry as usize]
    }

    /// Whether the trigger a hit matched has frame `frame`.
    pub fn has_frame(&self, hit: &Hit, frame: Frame) -> bool {
        matches!(self.entry(hit).kind, Kind::Trigger { frame: Some(f), .. } if f == frame)
    }

    /// Every whole-word phrase match in `text`, sorted by start (then longest
    /// first). Within one family of kinds, a match lying inside a longer match
    /// is dropped.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_words(text, &words(text))
    }

    /// Adds a hit per rule using phrase `p`, matched at `[start, end)`.
    fn push_hits(&self, hits: &mut Vec<Hit>, start: usize, end: usize, p: usize) {
        let r = self.pattern_entries[p].clone();
        for &entry in &self.entry_ids[r.start as usize..r.end as usize] {
            hits.push(Hit { start, end, entry });
        }
    }

    /// [`RuleSet::scan`] with the words of `text` already found (the
    /// classifier shares them with the gazetteer).
    pub fn scan_words(&self, text: &str, words: &[Word]) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::with_capacity(words.len() / 2);
        let order = |a: &Hit, b: &Hit| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entry.cmp(&b.entry))
        };
        self.phrases.find_worded(text, words, &mut |start, end, p| {
            self.push_hits(&mut hits, start, end, p)
        });
        // The matches of words come nearly in order (only those at one word
        // may not be): sorted by insertion, each moves a few places, where a
        // general sort costs more than the whole scan of a short text.
        for i in 1..hits.len() {
            let mut j = i;
            while j > 0 && order(&hits[j - 1], &hits[j]).is_gt() {
                hits.swap(j - 1, j);
                j -= 1;
            }
        }
        let worded = hits.len();
        self.phrases.find_bare(text, &mut |start, end, p| {
            self.push_hits(&mut hits, start, end, p)
        });
        // (punctuation-only phrases, rare, come after all the others)
        if hits.len() > worded {
            hits.sort_by(order);
        }
        hits.dedup();
        // Drop hits contained in a longer hit of the same family. Hits are
        // sorted by start, longest first, so one pass with the furthest end
        // seen so far per family decides it.
        let mut reach: [(usize, usize); 32] = [(0, usize::MAX); 32];
        hits.retain(|h| {
            let f = usize::from(self.families[h.entry as usize]);
            let (max_end, start_at_max) = reach[f];
            let keep = !(max_end > h.end || (max_end == h.end && start_at_max < h.start));
            if h.end > max_end || (h.end == max_end && h.start < start_at_max) {
                reach[f] = (h.end, h.start);
            }
            keep
        });
        hits
    }
}

#[cfg(test)]
mod tests;
