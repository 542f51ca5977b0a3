//! The rule-file schema, and its validation into [`Entry`]s.
//!
//! Every file is TOML with an optional `version`, and any of: `[[rule]]`
//! entries (id, kind, phrases, ...), `[[system]]` entries (weapons.toml),
//! `[words]`/`[scales]` tables (numbers.toml) and `reference_year`
//! (modality.toml). Unknown keys are refused, so a typo is an error, not a
//! silently ignored rule.

use super::{Cue, Entry, Frame, Kind, RulesError, System, Trap, WeaponClass};
use crate::model::{Category, CountryCode, Status, Subtype};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Option<String>,
    reference_year: Option<i32>,
    #[serde(default)]
    words: BTreeMap<String, u64>,
    #[serde(default)]
    scales: BTreeMap<String, u64>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    system: Vec<Spanned<RawSystem>>,
    #[serde(default)]
    lexicon: Vec<Spanned<RawLexicon>>,
}

/// A named word list a mechanism of `classify` reads (`[[lexicon]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    name: String,
    words: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    kind: String,
    #[serde(default)]
    phrases: Vec<String>,
    subtype: Option<String>,
    status: Option<String>,
    value: Option<String>,
    weight: Option<f64>,
    #[serde(default)]
    needs_context: bool,
    frame: Option<String>,
    #[serde(default)]
    blocks: Vec<String>,
    scope: Option<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSystem {
    name: String,
    aliases: Vec<String>,
    class: String,
    origin: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

/// Everything read from the rule files, before compilation.
#[derive(Debug, Default)]
pub(super) struct RawRules {
    pub entries: Vec<Entry>,
    /// (phrase, entry index) for the automaton.
    pub phrases: Vec<(String, u32)>,
    pub traps: Vec<Trap>,
    pub systems: Vec<System>,
    pub number_words: HashMap<String, u64>,
    pub scales: HashMap<String, u64>,
    pub reference_year: Option<i32>,
    pub version: String,
    /// Named word lists (`[[lexicon]]`), by name.
    pub lexicons: HashMap<String, Vec<String>>,
    ids: HashSet<String>,
}

/// Reads every `*.toml` file of `dir`, in name order.
pub(super) fn read_dir(dir: &Path) -> Result<RawRules, RulesError> {
    let io = |e| RulesError::Io {
        file: dir.to_path_buf(),
        source: e,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(RulesError::Missing {
            file: dir.to_path_buf(),
            problem: "no *.toml rule files here; point the config at the directory holding rules/"
                .into(),
        });
    }
    let mut raw = RawRules::default();
    let top = dir.join("VERSION");
    if let Ok(v) = std::fs::read_to_string(&top) {
        raw.version = v.lines().next().unwrap_or("").trim().to_string();
    }
    let mut file_versions = Vec::new();
    // The content hash makes any edit visible in the version, even when the
    // analyst forgot to bump VERSION.
    let mut hash = crate::fingerprint::Fnv64::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| RulesError::Io {
            file: f.clone(),
            source: e,
        })?;
        hash.write(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        hash.write(&[0]);
        hash.write(text.as_bytes());
        hash.write(&[0]);
        if let Some(v) = read_one(&mut raw, f, &text)? {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            file_versions.push(format!("{stem}@{v}"));
        }
    }
    if raw.version.is_empty() {
        raw.version = file_versions.join(",");
    }
    raw.version = format!("{}~{}", raw.version, hash.short_hex());
    Ok(raw)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads one file into `raw`; returns the file's `version` key.
pub(super) fn read_one(
    raw: &mut RawRules,
    path: &Path,
    text: &str,
) -> Result<Option<String>, RulesError> {
    let file: RawFile = toml::from_str(text).map_err(|e| RulesError::Syntax {
        file: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
        message: e.message().to_string(),
    })?;
    let name: Arc<str> = Arc::from(path.file_name().and_then(|n| n.to_str()).unwrap_or("?"));
    if let Some(y) = file.reference_year {
        raw.reference_year = Some(y);
    }
    for (w, v) in file.words {
        raw.number_words.insert(w.to_lowercase(), v);
    }
    for (w, v) in file.scales {
        raw.scales.insert(w.to_lowercase(), v);
    }
    for spanned in &file.rule {
        let line = line_of(text, spanned.span().start);
        add_rule(raw, path, &name, line, spanned.get_ref())?;
    }
    for spanned in &file.system {
        let line = line_of(text, spanned.span().start);
        add_system(raw, path, &name, line, spanned.get_ref())?;
    }
    for spanned in &file.lexicon {
        let line = line_of(text, spanned.span().start);
        add_lexicon(raw, path, line, spanned.get_ref())?;
    }
    Ok(file.version)
}

/// Builds the error for one rule, naming its file, line and id.
fn rule_error<'a>(
    path: &'a Path,
    line: usize,
    rule: &'a str,
) -> impl Fn(String, &str) -> RulesError + 'a {
    move |problem, fix| RulesError::Rule {
        file: path.to_path_buf(),
        line,
        rule: rule.to_string(),
        problem,
        fix: fix.to_string(),
    }
}

fn add_system(
    raw: &mut RawRules,
    path: &Path,
    name: &Arc<str>,
    line: usize,
    s: &RawSystem,
) -> Result<(), RulesError> {
    let err = rule_error(path, line, &s.name);
    if s.name.trim().is_empty() {
        return Err(err(
            "empty `name`".into(),
            "give the system the name to write in events",
        ));
    }
    let class = WeaponClass::parse(&s.class).ok_or_else(|| {
        err(
            format!("unknown class `{}`", s.class),
            "use one of aircraft, helicopter, drone, air_defence, missile, rocket_artillery, artillery, tank, armoured, ship, submarine, other",
        )
    })?;
    let origin = s.origin.as_deref().map(|o| (o, CountryCode::new(o)));
    if let Some((o, code)) = origin
        && (o.len() != 2 || code.is_none())
    {
        return Err(err(
            format!("origin `{o}` is not an ISO 3166-1 alpha-2 code"),
            "write two capital letters, e.g. \"FR\"",
        ));
    }
    if s.aliases.is_empty() {
        return Err(err(
            "no aliases".into(),
            "list every spelling to match, including the name itself",
        ));
    }
    if raw.systems.iter().any(|x| x.name == s.name) {
        return Err(err(
            "duplicate system name".into(),
            "merge the two entries or rename one",
        ));
    }
    let idx = raw.systems.len();
    raw.systems.push(System {
        name: s.name.clone(),
        class,
        origin: origin.and_then(|(_, code)| code),
    });
    let entry = push_entry(raw, name, &s.name, line, Kind::System(idx), 1.0);
    for a in &s.aliases {
        check_phrase(a, false).map_err(|p| {
            err(
                p,
                "write the alias as plain text without leading or trailing spaces",
            )
        })?;
        raw.phrases.push((a.clone(), entry));
    }
    Ok(())
}

/// A lexicon: a unique name, and at least one word, each lower case, trimmed
/// and listed once.
fn add_lexicon(
    raw: &mut RawRules,
    path: &Path,
    line: usize,
    l: &RawLexicon,
) -> Result<(), RulesError> {
    let err = rule_error(path, line, &l.name);
    if l.name.trim().is_empty() {
        return Err(err(
            "a lexicon without `name`".into(),
            "name it after its use, e.g. \"strike.passive_aux\"",
        ));
    }
    if raw.lexicons.contains_key(&l.name) {
        return Err(err(
            "duplicate lexicon name".into(),
            "merge the two lexicons or rename one",
        ));
    }
    if l.words.is_empty() {
        return Err(err("no words".into(), "add words = [\"...\"]"));
    }
    let mut seen = HashSet::new();
    for w in &l.words {
        if w.trim().is_empty() || w.trim() != w || w.to_lowercase() != *w {
            return Err(err(
                format!("word `{w}` is empty, has surrounding spaces or capitals"),
                "write each word in lower case without surrounding spaces",
            ));
        }
        if !seen.insert(w.as_str()) {
            return Err(err(
                format!("word `{w}` is listed twice"),
                "remove the duplicate",
            ));
        }
    }
    raw.lexicons.insert(l.name.clone(), l.words.clone());
    Ok(())
}

fn push_entry(
    raw: &mut RawRules,
    file: &Arc<str>,
    id: &str,
    line: usize,
    kind: Kind,
    weight: f64,
) -> u32 {
    raw.entries.push(Entry {
        file: file.clone(),
        id: id.to_string(),
        line,
        kind,
        weight,
    });
    (raw.entries.len() - 1) as u32
}

/// A phrase is well formed when it is non-empty, has no surrounding spaces
/// (except clause separators, which may), and a `*` only at the end.
fn check_phrase(p: &str, allow_spaces: bool) -> Result<(), String> {
    if p.trim().is_empty() {
        return Err("an empty phrase".into());
    }
    if !allow_spaces && p.trim() != p {
        return Err(format!("phrase `{p}` has leading or trailing spaces"));
    }
    if let Some(i) = p.find('*')
        && i != p.len() - 1
    {
        return Err(format!("phrase `{p}` has `*` before its end"));
    }
    if p == "*" {
        return Err("phrase `*` matches everything".into());
    }
    Ok(())
}

fn add_rule(
    raw: &mut RawRules,
    path: &Path,
    name: &Arc<str>,
    line: usize,
    r: &RawRule,
) -> Result<(), RulesError> {
    let err = rule_error(path, line, &r.id);
    if r.id.trim().is_empty() {
        return Err(err(
            "empty `id`".into(),
            "give the rule a unique id such as \"strike.missile\"",
        ));
    }
    if !raw.ids.insert(r.id.clone()) {
        return Err(err(
            "duplicate rule id".into(),
            "rule ids must be unique across all rule files; rename one",
        ));
    }
    let weight = r.weight.unwrap_or(1.0);
    if !(weight > 0.0 && weight <= 1.0) {
        return Err(err(
            format!("weight {weight} is outside (0, 1]"),
            "use a weight such as 0.9",
        ));
    }
    let category = || {
        let head = r.id.split('.').next().unwrap_or("");
        Category::parse(head).ok_or_else(|| {
            err(
                format!("the id does not start with a category (`{head}`)"),
                "name trigger and context rules `diplomacy.*`, `sanctions.*`, `procurement.*` or `strike.*`",
            )
        })
    };
    let status = |s: &Option<String>| -> Result<Option<Status>, RulesError> {
        Ok(match s.as_deref() {
            None => None,
            Some("occurred") => Some(Status::Occurred),
            Some("scheduled") => Some(Status::Scheduled),
            Some("proposed") => Some(Status::Proposed),
            Some("threatened") => Some(Status::Threatened),
            Some("denied") => Some(Status::Denied),
            Some(other) => {
                return Err(err(
                    format!("unknown status `{other}`"),
                    "use occurred, scheduled, proposed, threatened or denied",
                ));
            }
        })
    };
    if r.frame.is_some() && r.kind != "trigger" {
        return Err(err(
            format!("a frame on a `{}` rule", r.kind),
            "remove `frame`: only triggers have frames",
        ));
    }
    let kind = match r.kind.as_str() {
        "trigger" => {
            let category = category()?;
            let name = r.subtype.as_deref().ok_or_else(|| {
                err(
                    "a trigger without `subtype`".into(),
                    "add subtype = \"...\"",
                )
            })?;
            let subtype = Subtype::parse(category, name).ok_or_else(|| {
                let names: Vec<&str> = Subtype::of(category).map(Subtype::as_str).collect();
                err(
                    format!("subtype `{name}` is not a {category} subtype"),
                    &format!("use one of {}", names.join(", ")),
                )
            })?;
            let frame = match r.frame.as_deref() {
                None => None,
                Some(name) => Some(Frame::parse(category, name).ok_or_else(|| {
                    let names: Vec<&str> = Frame::of(category).map(Frame::as_str).collect();
                    err(
                        format!("frame `{name}` is not a frame of {category} triggers"),
                        &if names.is_empty() {
                            format!("remove it: {category} triggers have no frames")
                        } else {
                            format!("use one of {}", names.join(", "))
                        },
                    )
                })?),
            };
            Kind::Trigger {
                category,
                subtype,
                status: status(&r.status)?,
                needs_context: r.needs_context,
                frame,
            }
        }
        "context" => Kind::Context {
            category: category()?,
        },
        "weapon" => {
            let name = r.subtype.as_deref().ok_or_else(|| {
                err(
                    "a weapon without `subtype`".into(),
                    "add the strike subtype, e.g. subtype = \"missile\"",
                )
            })?;
            let subtype = Subtype::parse(Category::Strike, name).ok_or_else(|| {
                err(
                    format!("`{name}` is not a strike subtype"),
                    "use a strike subtype of the event guide",
                )
            })?;
            Kind::Weapon { subtype }
        }
        "attack" => Kind::Attack,
        "force" => Kind::Force,
        "assault" => Kind::Assault,
        "territory" => Kind::Territory,
        "killed" => Kind::Killed,
        "injured" => Kind::Injured,
        "unhurt" => Kind::Unhurt,
        "cue" => {
            let s = r.status.as_deref().unwrap_or("");
            Kind::Cue(Cue::parse(s).ok_or_else(|| {
                err(
                    format!("unknown cue status `{s}`"),
                    "use scheduled, proposed, threatened, denied, negation, hypothetical, historical, background or current",
                )
            })?)
        }
        "clause" => Kind::Clause,
        "trap" => {
            if r.blocks.is_empty() {
                return Err(err(
                    "a trap that blocks nothing".into(),
                    "add blocks = [\"strike\"] (rule-id prefixes)",
                ));
            }
            let (story_scope, clause_scope) = match r.scope.as_deref().unwrap_or("sentence") {
                "sentence" => (false, false),
                "story" => (true, false),
                "clause" => (false, true),
                other => {
                    return Err(err(
                        format!("unknown scope `{other}`"),
                        "use scope = \"sentence\", \"clause\" or \"story\"",
                    ));
                }
            };
            let idx = raw.traps.len();
            raw.traps.push(Trap {
                id: r.id.clone(),
                blocks: r.blocks.clone(),
                story_scope,
                clause_scope,
                has_unless: !r.unless.is_empty(),
            });
            if !r.unless.is_empty() {
                let e = push_entry(raw, name, &r.id, line, Kind::Unless(idx), weight);
                for p in &r.unless {
                    check_phrase(p, false).map_err(|m| err(m, "fix the `unless` phrase"))?;
                    raw.phrases.push((p.clone(), e));
                }
            }
            Kind::Trap(idx)
        }
        "sector" => Kind::Sector(r.value.clone().ok_or_else(|| {
            err(
                "a sector without `value`".into(),
                "add value = \"oil\" (the slot value)",
            )
        })?),
        "upper" => Kind::Upper,
        "vague" => Kind::Vague,
        other => {
            return Err(err(
                format!("unknown kind `{other}`"),
                "use trigger, context, weapon, attack, force, assault, territory, killed, injured, unhurt, cue, clause, trap, sector, upper or vague",
            ));
        }
    };
    if r.phrases.is_empty() {
        return Err(err("no phrases".into(), "add phrases = [\"...\"]"));
    }
    let allow_spaces = kind == Kind::Clause;
    let mut seen = HashSet::new();
    for p in &r.phrases {
        check_phrase(p, allow_spaces).map_err(|m| {
            err(
                m,
                "write the phrase as plain words; `*` only as the last character",
            )
        })?;
        if !seen.insert(p.to_ascii_lowercase()) {
            return Err(err(
                format!("phrase `{p}` is listed twice"),
                "remove the duplicate",
            ));
        }
    }
    let e = push_entry(raw, name, &r.id, line, kind, weight);
    for p in &r.phrases {
        raw.phrases.push((p.clone(), e));
    }
    Ok(())
}
