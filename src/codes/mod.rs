//! Code crosswalk: our (category, subtype, status) to CAMEO, PLOVER and IPTC.
//!
//! Role: let users of CAMEO-, PLOVER- and IPTC-based tools join on our
//! events. The mapping is data (`config/codes.toml`), read once at load, so
//! a coder can correct a code without a rebuild. Pure lookups afterwards.

use crate::model::{Category, EventCodes, Status, Subtype};
use crate::rules::RulesError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodes {
    version: Option<String>,
    iptc: BTreeMap<String, String>,
    #[serde(default)]
    code: Vec<Spanned<RawCode>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    category: String,
    subtype: String,
    status: Option<String>,
    cameo: Option<String>,
    plover_event: Option<String>,
    plover_mode: Option<String>,
}

#[derive(Debug, Clone)]
struct CodeRule {
    category: Category,
    /// `None` = any subtype.
    subtype: Option<Subtype>,
    /// `None` = any status.
    status: Option<Status>,
    codes: EventCodes,
}

/// The loaded crosswalk. Immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Codes {
    iptc: BTreeMap<Category, String>,
    rules: Vec<CodeRule>,
    version: String,
}

fn parse_status(s: &str) -> Option<Status> {
    Some(match s {
        "occurred" => Status::Occurred,
        "scheduled" => Status::Scheduled,
        "proposed" => Status::Proposed,
        "threatened" => Status::Threatened,
        "denied" => Status::Denied,
        _ => return None,
    })
}

impl Codes {
    /// Loads `codes.toml`.
    pub fn load(path: &Path) -> Result<Codes, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|e| RulesError::Io {
            file: path.to_path_buf(),
            source: e,
        })?;
        Self::parse(path, &text)
    }

    /// Parses the crosswalk from TOML text; `path` is used in errors only.
    pub fn parse(path: &Path, text: &str) -> Result<Codes, RulesError> {
        let line_of = |off: usize| {
            text.as_bytes()[..off.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        };
        let raw: RawCodes = toml::from_str(text).map_err(|e| RulesError::Syntax {
            file: path.to_path_buf(),
            line: e.span().map(|s| line_of(s.start)).unwrap_or(0),
            message: e.message().to_string(),
        })?;
        let mut iptc = BTreeMap::new();
        for (k, v) in raw.iptc {
            let c = Category::parse(&k).ok_or_else(|| RulesError::Rule {
                file: path.to_path_buf(),
                line: 0,
                rule: format!("iptc.{k}"),
                problem: format!("`{k}` is not a category"),
                fix: "use diplomacy, sanctions, procurement or strike".into(),
            })?;
            iptc.insert(c, v);
        }
        for c in Category::ALL {
            if !iptc.contains_key(&c) {
                return Err(RulesError::Missing {
                    file: path.to_path_buf(),
                    problem: format!("[iptc] has no code for {c}; add {c} = \"medtop:...\""),
                });
            }
        }
        let mut rules = Vec::new();
        for s in &raw.code {
            let r = s.get_ref();
            let line = line_of(s.span().start);
            let err = |problem: String, fix: &str| RulesError::Rule {
                file: path.to_path_buf(),
                line,
                rule: format!("{}/{}", r.category, r.subtype),
                problem,
                fix: fix.into(),
            };
            let category = Category::parse(&r.category).ok_or_else(|| {
                err(
                    format!("unknown category `{}`", r.category),
                    "use one of the four categories",
                )
            })?;
            let subtype = match r.subtype.as_str() {
                "*" => None,
                st => Some(Subtype::parse(category, st).ok_or_else(|| {
                    err(
                        format!("`{st}` is not a {category} subtype"),
                        "use a subtype of the event guide or \"*\"",
                    )
                })?),
            };
            let status = match r.status.as_deref() {
                None | Some("*") => None,
                Some(s) => Some(parse_status(s).ok_or_else(|| {
                    err(
                        format!("unknown status `{s}`"),
                        "use a status of the guide or \"*\"",
                    )
                })?),
            };
            rules.push(CodeRule {
                category,
                subtype,
                status,
                codes: EventCodes {
                    cameo: r.cameo.clone(),
                    plover_event: r.plover_event.clone(),
                    plover_mode: r.plover_mode.clone(),
                },
            });
        }
        Ok(Codes {
            iptc,
            rules,
            version: raw.version.unwrap_or_else(|| "0".into()),
        })
    }

    /// Version of the crosswalk file.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The IPTC Media Topic code of a category label.
    pub fn iptc(&self, category: Category) -> &str {
        self.iptc.get(&category).map(String::as_str).unwrap_or("")
    }

    /// The codes of an event: the first matching `[[code]]` entry.
    pub fn event_codes(&self, subtype: Subtype, status: Status) -> EventCodes {
        self.rules
            .iter()
            .find(|r| {
                r.category == subtype.category()
                    && r.subtype.is_none_or(|s| s == subtype)
                    && r.status.is_none_or(|s| s == status)
            })
            .map(|r| r.codes.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn shipped() -> Codes {
        Codes::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/codes.toml")).unwrap()
    }

    #[test]
    fn shipped_crosswalk_maps_the_anchor_codes() {
        let c = shipped();
        assert_eq!(c.iptc(Category::Diplomacy), "medtop:20000639");
        assert_eq!(c.iptc(Category::Sanctions), "medtop:20000642");
        assert_eq!(c.iptc(Category::Procurement), "medtop:20000602");
        assert_eq!(c.iptc(Category::Strike), "medtop:20000056");
        let v = c.event_codes(Subtype::Visit, Status::Occurred);
        assert_eq!(v.cameo.as_deref(), Some("042"));
        assert_eq!(v.plover_mode.as_deref(), Some("visit"));
        assert_eq!(
            c.event_codes(Subtype::Visit, Status::Scheduled)
                .cameo
                .as_deref(),
            Some("036")
        );
        assert_eq!(
            c.event_codes(Subtype::Impose, Status::Occurred)
                .cameo
                .as_deref(),
            Some("163")
        );
        assert_eq!(
            c.event_codes(Subtype::Threaten, Status::Threatened)
                .cameo
                .as_deref(),
            Some("1312")
        );
        assert_eq!(
            c.event_codes(Subtype::Aid, Status::Occurred)
                .cameo
                .as_deref(),
            Some("072")
        );
        assert_eq!(
            c.event_codes(Subtype::Intent, Status::Proposed)
                .cameo
                .as_deref(),
            Some("0312")
        );
        let d = c.event_codes(Subtype::Drone, Status::Occurred);
        assert_eq!(
            (d.plover_event.as_deref(), d.plover_mode.as_deref()),
            (Some("ASSAULT"), Some("drone"))
        );
        assert_eq!(
            c.event_codes(Subtype::Artillery, Status::Occurred)
                .cameo
                .as_deref(),
            Some("194")
        );
    }

    #[test]
    fn bad_entry_names_line() {
        let t = "[iptc]\ndiplomacy=\"a\"\nsanctions=\"b\"\nprocurement=\"c\"\nstrike=\"d\"\n\n[[code]]\ncategory=\"strike\"\nsubtype=\"laser\"\n";
        let e = Codes::parse(Path::new("codes.toml"), t)
            .unwrap_err()
            .to_string();
        assert!(e.contains("codes.toml:7") && e.contains("laser"), "{e}");
    }
}
