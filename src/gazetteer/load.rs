//! Reading and validating the gazetteer data files.
//!
//! TSV files: UTF-8, one row a line, tab-separated columns, `|` between the
//! variants inside a column, `#` starts a comment line, blank lines ignored.
//! - `countries.tsv`: `code  name  variants  demonyms`
//! - `cities.tsv`:    `name  code  population  capital(0|1)  variants`
//! - `regions.tsv`:   `name  code  subdivision  variants`
//!
//! TOML files (`actors.toml`, `extra.toml`): arrays per kind (`bloc`,
//! `institution`, `armed_group`, `sea`, `person`, and also `country`,
//! `demonym`, `capital`, `city`, `region`), each entry
//! `{ name = "...", code = "XX", aliases = ["..."], note = "..." }`, and an
//! `ignore` list of phrases that are matched but never reported.
//! See `config/gazetteer/SOURCES.md`.

use crate::fingerprint::Fnv64;
use crate::model::CountryCode;
use std::path::Path;

use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Deserialize;

use super::{Entry, GazetteerError, PlaceKind};

/// Surface names in the order they were first registered, which follows
/// the files, so it is the same on every run without sorting 60,000 names.
/// Fx hashing: the keys are our own data files, not attacker input, and
/// SipHash was about a fifth of the load.
pub(super) type NameMap<V> = IndexMap<String, V, FxBuildHasher>;

/// Parsed data, with every surface name resolved to one entry by precedence.
pub(super) struct RawGazetteer {
    pub entries: Vec<Entry>,
    /// Surface name -> entry index, in the order of [`NameMap`].
    pub names: NameMap<u32>,
    pub country_names: FxHashMap<String, String>,
    pub version: String,
}

/// Files in load order: (file name, required).
const FILES: [(&str, bool); 5] = [
    ("countries.tsv", true),
    ("actors.toml", true),
    ("regions.tsv", false),
    ("cities.tsv", false),
    ("extra.toml", false),
];

/// Precedence of `extra.toml` entries: above everything.
const RANK_EXTRA: u8 = 0;

/// Who currently holds a surface name.
#[derive(Clone, Copy)]
struct Holder {
    entry: u32,
    rank: u8,
    population: u64,
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    names: NameMap<Holder>,
    country_names: FxHashMap<String, String>,
}

impl Builder {
    fn entry(&mut self, canonical: &str, code: Option<&str>, kind: PlaceKind) -> u32 {
        self.entries.push(Entry {
            canonical: canonical.to_string(),
            // codes are checked before an entry is made
            code: code.and_then(CountryCode::new),
            kind,
            ignored: false,
        });
        (self.entries.len() - 1) as u32
    }

    /// Registers `surface` for `entry` unless a higher-precedence holder has it.
    fn name(&mut self, surface: &str, entry: u32, rank: u8, population: u64) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        let new = Holder {
            entry,
            rank,
            population,
        };
        match self.names.get_mut(surface) {
            None => {
                self.names.insert(surface.to_string(), new);
            }
            Some(old) => {
                // Lower rank wins; on a tie the more populous (cities), else
                // the first loaded.
                if rank < old.rank || (rank == old.rank && population > old.population) {
                    *old = new;
                }
            }
        }
    }
}

pub(super) fn read_dir(dir: &Path) -> Result<RawGazetteer, GazetteerError> {
    let mut b = Builder::default();
    let mut hash = Fnv64::new();
    for (file, required) in FILES {
        let path = dir.join(file);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(GazetteerError::Io { path, source }),
        };
        hash.write(file.as_bytes());
        hash.write(&[0]);
        hash.write(text.as_bytes());
        hash.write(&[0]);
        match file {
            "countries.tsv" => countries(&mut b, &path, &text)?,
            "regions.tsv" => regions(&mut b, &path, &text)?,
            "cities.tsv" => cities(&mut b, &path, &text)?,
            "actors.toml" => toml_file(&mut b, &path, &text, None)?,
            "extra.toml" => toml_file(&mut b, &path, &text, Some(RANK_EXTRA))?,
            _ => unreachable!("every file in FILES has a reader"),
        }
    }
    let names = b.names.into_iter().map(|(s, h)| (s, h.entry)).collect();
    Ok(RawGazetteer {
        entries: b.entries,
        names,
        country_names: b.country_names,
        version: hash.short_hex(),
    })
}

/// Data rows of a TSV file: (1-based line number, columns).
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, fields(line, b'\t').collect()))
        }
    })
}

fn row_err(path: &Path, line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Row {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// The number of columns `header` names ("a, b, c" is 3); counted once per
/// file, as counting it for each of 36,000 rows was 4% of the load.
fn column_count(header: &str) -> usize {
    header.split(", ").count()
}

fn check_columns(
    path: &Path,
    line: usize,
    cols: &[&str],
    (header, want): (&str, usize),
) -> Result<(), GazetteerError> {
    if cols.len() != want {
        return Err(row_err(
            path,
            line,
            format!(
                "expected {want} tab-separated columns ({header}), found {}; separate columns with one TAB and variants with '|', leave a column empty rather than dropping it",
                cols.len()
            ),
        ));
    }
    Ok(())
}

fn check_name(path: &Path, line: usize, what: &str, name: &str) -> Result<(), GazetteerError> {
    if name.trim().is_empty() {
        return Err(row_err(
            path,
            line,
            format!("empty {what}; give the name or delete the row"),
        ));
    }
    if name != name.trim() {
        return Err(row_err(
            path,
            line,
            format!("{what} {name:?} has leading or trailing spaces; remove them"),
        ));
    }
    Ok(())
}

/// ISO 3166-1 alpha-2 style code: two ASCII capitals.
fn is_iso2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|c| c.is_ascii_uppercase())
}

fn check_code(path: &Path, line: usize, code: &str) -> Result<(), GazetteerError> {
    if !is_iso2(code) {
        return Err(row_err(
            path,
            line,
            format!(
                "country code {code:?} is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. UA, GB)"
            ),
        ));
    }
    Ok(())
}

/// A code used by a city or region must name a country in `countries.tsv`.
fn check_known(b: &Builder, path: &Path, line: usize, code: &str) -> Result<(), GazetteerError> {
    check_code(path, line, code)?;
    if !b.country_names.contains_key(code) {
        return Err(row_err(
            path,
            line,
            format!(
                "country code {code:?} is not in countries.tsv; fix the code (UK is GB) or add the country there first"
            ),
        ));
    }
    Ok(())
}

fn variants(col: &str) -> impl Iterator<Item = &str> {
    fields(col, b'|').map(str::trim).filter(|s| !s.is_empty())
}

/// `s.split(sep)` for an ASCII `sep`, found by memchr: `str::split` with a
/// char pattern cost some 200 instructions a field, a fifth of the load.
fn fields(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(sep, s.as_bytes()).chain([s.len()]);
    ends.scan(0, move |start, end| {
        let field = &s[*start..end];
        *start = end + 1;
        Some(field)
    })
}

fn countries(b: &mut Builder, path: &Path, text: &str) -> Result<(), GazetteerError> {
    const HEADER: &str = "code, name, variants, demonyms";
    let header = (HEADER, column_count(HEADER));
    let rank_c = PlaceKind::Country.rank();
    let rank_d = PlaceKind::Demonym.rank();
    for (line, cols) in rows(text) {
        check_columns(path, line, &cols, header)?;
        let (code, name) = (cols[0], cols[1]);
        check_code(path, line, code)?;
        check_name(path, line, "country name", name)?;
        b.country_names
            .entry(code.to_string())
            .or_insert_with(|| name.to_string());
        let c = b.entry(name, Some(code), PlaceKind::Country);
        b.name(name, c, rank_c, 0);
        for v in variants(cols[2]) {
            b.name(v, c, rank_c, 0);
        }
        let mut dem = variants(cols[3]).peekable();
        if dem.peek().is_some() {
            // Demonyms resolve to the country's canonical name.
            let d = b.entry(name, Some(code), PlaceKind::Demonym);
            for v in dem {
                b.name(v, d, rank_d, 0);
            }
        }
    }
    Ok(())
}

fn cities(b: &mut Builder, path: &Path, text: &str) -> Result<(), GazetteerError> {
    const HEADER: &str = "name, code, population, capital, variants";
    let header = (HEADER, column_count(HEADER));
    for (line, cols) in rows(text) {
        check_columns(path, line, &cols, header)?;
        let (name, code) = (cols[0], cols[1]);
        check_name(path, line, "city name", name)?;
        check_known(b, path, line, code)?;
        let population: u64 = cols[2].parse().map_err(|_| {
            row_err(
                path,
                line,
                format!(
                    "population {:?} is not a whole number; write digits only, e.g. 1419000",
                    cols[2]
                ),
            )
        })?;
        let kind = match cols[3] {
            "1" => PlaceKind::Capital,
            "0" => PlaceKind::City,
            other => {
                return Err(row_err(
                    path,
                    line,
                    format!("capital flag {other:?} must be 1 (national capital) or 0"),
                ));
            }
        };
        let rank = kind.rank();
        let e = b.entry(name, Some(code), kind);
        b.name(name, e, rank, population);
        for v in variants(cols[4]) {
            b.name(v, e, rank, population);
        }
    }
    Ok(())
}

fn regions(b: &mut Builder, path: &Path, text: &str) -> Result<(), GazetteerError> {
    const HEADER: &str = "name, code, subdivision, variants";
    let header = (HEADER, column_count(HEADER));
    let rank = PlaceKind::Region.rank();
    for (line, cols) in rows(text) {
        check_columns(path, line, &cols, header)?;
        let (name, code, sub) = (cols[0], cols[1], cols[2]);
        check_name(path, line, "region name", name)?;
        check_known(b, path, line, code)?;
        if !sub.starts_with(code) || sub.as_bytes().get(2) != Some(&b'-') {
            return Err(row_err(
                path,
                line,
                format!(
                    "subdivision {sub:?} must be an ISO 3166-2 code starting with {code}- (e.g. UA-14)"
                ),
            ));
        }
        let e = b.entry(name, Some(code), PlaceKind::Region);
        b.name(name, e, rank, 0);
        for v in variants(cols[3]) {
            b.name(v, e, rank, 0);
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    name: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// Free text for analysts (role, why a code was chosen); not loaded.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    bloc: Vec<TomlEntry>,
    #[serde(default)]
    institution: Vec<TomlEntry>,
    #[serde(default)]
    armed_group: Vec<TomlEntry>,
    #[serde(default)]
    sea: Vec<TomlEntry>,
    #[serde(default)]
    person: Vec<TomlEntry>,
    #[serde(default)]
    country: Vec<TomlEntry>,
    #[serde(default)]
    demonym: Vec<TomlEntry>,
    #[serde(default)]
    capital: Vec<TomlEntry>,
    #[serde(default)]
    city: Vec<TomlEntry>,
    #[serde(default)]
    region: Vec<TomlEntry>,
    /// Phrases that contain a known name but denote something else
    /// ("Latin America"): matched, then dropped, so the shorter name inside
    /// them ("America") is not reported.
    #[serde(default)]
    ignore: Vec<String>,
}

/// Blocs and bodies that may stand in a code slot besides ISO codes.
const BLOC_CODES: [&str; 3] = ["EU", "UN", "NATO"];

fn toml_file(
    b: &mut Builder,
    path: &Path,
    text: &str,
    rank_override: Option<u8>,
) -> Result<(), GazetteerError> {
    let file: TomlFile = toml::from_str(text).map_err(|e| GazetteerError::Toml {
        path: path.to_path_buf(),
        message: format!(
            "{e}; each entry looks like {{ name = \"Kremlin\", code = \"RU\", aliases = [\"the Kremlin\"] }} under a kind array such as institution = [ ... ]"
        ),
    })?;
    let sections = [
        // Countries first, so later entries may use a code added here.
        (PlaceKind::Country, "country", &file.country),
        (PlaceKind::Bloc, "bloc", &file.bloc),
        (PlaceKind::Institution, "institution", &file.institution),
        (PlaceKind::ArmedGroup, "armed_group", &file.armed_group),
        (PlaceKind::Sea, "sea", &file.sea),
        (PlaceKind::Person, "person", &file.person),
        (PlaceKind::Demonym, "demonym", &file.demonym),
        (PlaceKind::Capital, "capital", &file.capital),
        (PlaceKind::City, "city", &file.city),
        (PlaceKind::Region, "region", &file.region),
    ];
    for phrase in &file.ignore {
        if phrase.trim().is_empty() || phrase != phrase.trim() {
            return Err(GazetteerError::Toml {
                path: path.to_path_buf(),
                message: format!(
                    "ignore entry {phrase:?} must be non-empty without leading/trailing spaces"
                ),
            });
        }
        let e = b.entry(phrase, None, PlaceKind::Institution);
        b.entries[e as usize].ignored = true;
        let rank = rank_override.unwrap_or(PlaceKind::Institution.rank());
        b.name(phrase, e, rank, u64::MAX);
    }
    for (kind, section, list) in sections {
        for item in list {
            validate_toml_entry(path, text, section, kind, item, &b.country_names)?;
            let code = item.code.as_deref();
            if let (PlaceKind::Bloc | PlaceKind::Country, Some(c)) = (kind, code) {
                b.country_names
                    .entry(c.to_string())
                    .or_insert_with(|| item.name.clone());
            }
            let rank = rank_override.unwrap_or(kind.rank());
            let e = b.entry(&item.name, code, kind);
            b.name(&item.name, e, rank, u64::MAX);
            for a in &item.aliases {
                b.name(a, e, rank, u64::MAX);
            }
        }
    }
    Ok(())
}

fn validate_toml_entry(
    path: &Path,
    text: &str,
    section: &str,
    kind: PlaceKind,
    item: &TomlEntry,
    known: &FxHashMap<String, String>,
) -> Result<(), GazetteerError> {
    let fail = |msg: String| {
        // Point at the line that defines the entry, if it can be found.
        let needle = format!("\"{}\"", item.name);
        let at = text
            .lines()
            .position(|l| l.contains(&needle))
            .map(|i| format!("line {}: ", i + 1))
            .unwrap_or_default();
        GazetteerError::Toml {
            path: path.to_path_buf(),
            message: format!("{at}{section} entry {:?}: {msg}", item.name),
        }
    };
    if item.name.trim().is_empty() || item.name != item.name.trim() {
        return Err(fail(
            "name must be non-empty without leading/trailing spaces".into(),
        ));
    }
    if let Some(a) = item.aliases.iter().find(|a| a.trim().is_empty()) {
        return Err(fail(format!("alias {a:?} is empty; remove it")));
    }
    match (kind, item.code.as_deref()) {
        (PlaceKind::Sea, Some(c)) => Err(fail(format!(
            "seas take no country code (attacks at sea have location null); remove code = {c:?}"
        ))),
        (PlaceKind::Bloc, Some(c)) if !BLOC_CODES.contains(&c) && !is_iso2(c) => Err(fail(
            format!("bloc code {c:?} must be one of EU, UN, NATO (or an ISO alpha-2 code)"),
        )),
        (
            PlaceKind::Country
            | PlaceKind::Demonym
            | PlaceKind::Capital
            | PlaceKind::City
            | PlaceKind::Region,
            None,
        ) => Err(fail("places need a code, e.g. code = \"UA\"".into())),
        (_, Some(c)) if !is_iso2(c) && !BLOC_CODES.contains(&c) => Err(fail(format!(
            "code {c:?} must be an ISO 3166-1 alpha-2 code (two capitals, UK is GB) or EU/UN/NATO; omit code for unaffiliated groups"
        ))),
        (PlaceKind::Country, _) => Ok(()),
        (_, Some(c)) if !known.contains_key(c) && !BLOC_CODES.contains(&c) => Err(fail(format!(
            "code {c:?} is not in countries.tsv (UK is GB); fix the code or add the country (a country = [...] entry here)"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_split_like_str_split() {
        for s in ["", "a", "a\tb", "\t", "a\t\tb\t", "Zürich\tCH\t|Zurich|"] {
            let got: Vec<&str> = super::fields(s, b'\t').collect();
            assert_eq!(got, s.split('\t').collect::<Vec<_>>(), "{s:?}");
        }
    }
}
