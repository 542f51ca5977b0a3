//! Gazetteer: names of countries, places, seas, blocs, institutions, armed
//! groups and officials, resolved to country codes.
//!
//! Role: given story text, find every known name (one word-indexed pass) and
//! say which country (ISO 3166-1 alpha-2, or `EU`/`UN`/`NATO`) it stands for.
//! The data lives in `config/gazetteer/` and is generated from public sources
//! by `tools/gazetteer/build_gazetteer.py` (see `config/gazetteer/SOURCES.md`);
//! this module only reads it, once, at start. It does no I/O after `load` and
//! depends on nothing else in the crate.
//!
//! Files read by [`Gazetteer::load`]:
//! - `countries.tsv` (required): code, canonical name, variants, demonyms
//! - `actors.toml` (required): curated blocs, institutions, armed groups,
//!   seas, persons
//! - `regions.tsv`, `cities.tsv` (optional, generated)
//! - `extra.toml` (optional, hand-edited additions; same schema as
//!   `actors.toml`, wins over everything else)
//!
//! Precedence when one surface string is several things (invariant relied on
//! by [`Gazetteer::find`]: each surface string maps to exactly one entry):
//! `extra.toml` > curated (Person/Institution/ArmedGroup/Bloc/Sea) > Country >
//! Demonym > Capital > Region > City; among cities the most populous wins.

mod load;
mod matcher;

use crate::model::CountryCode;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// What kind of thing a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A sovereign state or territory with an ISO code ("Ukraine", "U.S.").
    Country,
    /// An adjective or people name ("Russian", "Israelis").
    Demonym,
    /// A national capital ("Kyiv"); also a metonym for its government.
    Capital,
    /// Any other populated place ("Kharkiv").
    City,
    /// A first-level subdivision ("Donetsk Oblast", "Bavaria", "Crimea").
    Region,
    /// A sea, gulf or strait; never has a code.
    Sea,
    /// A bloc or international body (`EU`, `UN`, `NATO`).
    Bloc,
    /// A government institution or building used as metonym ("Kremlin").
    Institution,
    /// A named official; code is the country they serve.
    Person,
    /// A non-state armed group; code is the country it is based in.
    ArmedGroup,
}

impl PlaceKind {
    /// Parses the kind names used in the data files (`"Country"`, `"Sea"` ...).
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "Country" => PlaceKind::Country,
            "Demonym" => PlaceKind::Demonym,
            "Capital" => PlaceKind::Capital,
            "City" => PlaceKind::City,
            "Region" => PlaceKind::Region,
            "Sea" => PlaceKind::Sea,
            "Bloc" => PlaceKind::Bloc,
            "Institution" => PlaceKind::Institution,
            "Person" => PlaceKind::Person,
            "ArmedGroup" => PlaceKind::ArmedGroup,
            _ => return None,
        })
    }

    /// Precedence rank: lower wins when one string is several things.
    fn rank(self) -> u8 {
        match self {
            PlaceKind::Person
            | PlaceKind::Institution
            | PlaceKind::ArmedGroup
            | PlaceKind::Bloc
            | PlaceKind::Sea => 1,
            PlaceKind::Country => 2,
            PlaceKind::Demonym => 3,
            PlaceKind::Capital => 4,
            PlaceKind::Region => 5,
            PlaceKind::City => 6,
        }
    }
}

/// One name found in a text (or returned by [`Gazetteer::lookup`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// UTF-8 byte offset of the first byte of the name in the searched text.
    pub start: usize,
    /// UTF-8 byte offset just past the name.
    pub end: usize,
    /// Canonical name, e.g. "Kharkiv", "Russia", "Kremlin", "Black Sea".
    pub canonical: String,
    /// ISO 3166-1 alpha-2, or "EU"/"UN"/"NATO"; `None` for seas and
    /// unaffiliated groups.
    pub code: Option<CountryCode>,
    /// What the name denotes.
    pub kind: PlaceKind,
}

/// Why the gazetteer data could not be loaded. Every variant names the file;
/// parse errors also name the line and say how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A file could not be read.
    #[error(
        "gazetteer: cannot read {path}: {source} (is the directory config/gazetteer and does the file exist?)"
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A TSV row is malformed.
    #[error("gazetteer: {path}:{line}: {message}")]
    Row {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A TOML file is malformed or has an invalid entry.
    #[error("gazetteer: {path}: {message}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// What is wrong (with line and column from the TOML parser) and how to fix it.
        message: String,
    },
    /// The name index could not be built (a name without letters or digits).
    #[error("gazetteer: cannot build the name matcher: {0}")]
    Build(String),
}

/// One resolved thing a name can denote.
#[derive(Debug, Clone)]
struct Entry {
    canonical: String,
    code: Option<CountryCode>,
    kind: PlaceKind,
    /// An `ignore` phrase: it consumes its span in `find` but is never reported.
    ignored: bool,
}

/// The loaded gazetteer: immutable, `Send + Sync`, cheap to share in an `Arc`.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Pattern id (name index) -> entry index.
    pattern_entry: Vec<u32>,
    names_index: matcher::Matcher,
    /// Exact surface string -> entry index.
    exact: load::NameMap<u32>,
    /// Lowercased surface string -> pattern id of the best-ranked surface.
    folded: FxHashMap<String, u32>,
    /// ISO code -> canonical country name (also blocs).
    country_names: FxHashMap<String, String>,
    version: String,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("names", &self.exact.len())
            .field("version", &self.version)
            .finish()
    }
}

impl Gazetteer {
    /// Loads the gazetteer from `dir` (normally `config/gazetteer`).
    pub fn load(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let raw = load::read_dir(dir)?;
        Self::build(raw)
    }

    fn build(raw: load::RawGazetteer) -> Result<Gazetteer, GazetteerError> {
        let load::RawGazetteer {
            entries,
            names,
            country_names,
            version,
        } = raw;
        // names: surface -> entry index, already resolved by precedence, in
        // a fixed order (load::NameMap), so pattern id = index is deterministic.
        let patterns: Vec<&str> = names.keys().map(String::as_str).collect();
        let pattern_entry: Vec<u32> = names.values().copied().collect();
        let names_index = matcher::build(&patterns)?;
        // The best-ranked surface per lower-cased form; on a tie in rank the
        // alphabetically first surface, whatever the load order.
        let rank = |pid: usize| entries[pattern_entry[pid] as usize].kind.rank();
        let mut folded: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(names.len(), Default::default());
        for (pid, s) in patterns.iter().enumerate() {
            let key = s.to_lowercase();
            match folded.get(&key) {
                Some(&old) if (rank(old as usize), patterns[old as usize]) <= (rank(pid), *s) => {}
                _ => {
                    folded.insert(key, pid as u32);
                }
            }
        }
        Ok(Gazetteer {
            entries,
            pattern_entry,
            names_index,
            exact: names,
            folded,
            country_names,
            version,
        })
    }

    /// All non-overlapping mentions in `text`, ordered by start. Matching is
    /// case-sensitive and on word boundaries: a match is neither preceded nor
    /// followed by an alphanumeric character ("Russian-occupied" yields
    /// "Russian", "Kyiv's" yields "Kyiv", "Parisian" yields nothing). At each
    /// position the longest valid name wins.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_words(text, &crate::text::words::words(text))
    }

    /// [`Gazetteer::find`] with the words of `text` already found (the
    /// classifier shares them with the rule scan).
    pub fn find_words(&self, text: &str, words: &[crate::text::words::Word]) -> Vec<Mention> {
        let mut out = Vec::new();
        matcher::find_spans(&self.names_index, text, words, |start, end, pid| {
            let e = &self.entries[self.pattern_entry[pid] as usize];
            if e.ignored {
                return;
            }
            out.push(Mention {
                start,
                end,
                canonical: e.canonical.clone(),
                code: e.code,
                kind: e.kind,
            });
        });
        out
    }

    /// Looks up an exact name: case-sensitive first, then case-insensitive.
    /// The mention spans the whole name (`start = 0`, `end = name.len()`).
    pub fn lookup(&self, name: &str) -> Option<Mention> {
        let idx = match self.exact.get(name) {
            Some(&i) => i,
            None => self.pattern_entry[*self.folded.get(&name.to_lowercase())? as usize],
        };
        let e = &self.entries[idx as usize];
        if e.ignored {
            return None;
        }
        Some(Mention {
            start: 0,
            end: name.len(),
            canonical: e.canonical.clone(),
            code: e.code,
            kind: e.kind,
        })
    }

    /// Canonical English name for an ISO alpha-2 code (or `EU`/`UN`/`NATO`).
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_names.get(code).map(String::as_str)
    }

    /// Number of distinct surface names the gazetteer matches.
    pub fn entries(&self) -> usize {
        self.exact.len()
    }

    /// A short hash of the loaded files' contents, stable across runs.
    pub fn version(&self) -> &str {
        &self.version
    }
}

#[cfg(test)]
mod tests;
