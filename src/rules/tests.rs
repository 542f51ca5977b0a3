//! Unit tests: the shipped rule files load, every entry is well formed, a bad
//! rule is reported with its file, rule and line, and phrases match whole words.

use super::*;
use std::path::PathBuf;

fn shipped() -> RuleSet {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules");
    RuleSet::load(&dir).expect("shipped rules load")
}

#[test]
fn shipped_rules_load_with_a_version() {
    let rules = shipped();
    assert!(!rules.version().is_empty());
    assert!(rules.entries().len() > 50);
    assert!(rules.systems.len() > 50);
    assert_eq!(rules.number_words.get("two"), Some(&2));
    assert_eq!(rules.scales.get("million"), Some(&1_000_000));
}

#[test]
fn every_shipped_entry_is_well_formed() {
    let rules = shipped();
    let mut ids = std::collections::HashSet::new();
    for e in rules.entries() {
        assert!(!e.id.is_empty(), "{}:{} has an empty id", e.file, e.line);
        assert!(e.line >= 1);
        assert!(e.weight > 0.0 && e.weight <= 1.0, "{} weight", e.id);
        if let Kind::Trigger {
            category, subtype, ..
        } = &e.kind
        {
            assert_eq!(subtype.category(), *category, "{}", e.id);
            assert!(
                e.id.starts_with(category.as_str()),
                "{} not named after its category",
                e.id
            );
        }
        if !matches!(e.kind, Kind::System(_) | Kind::Unless(_)) {
            assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
        }
    }
    for s in &rules.systems {
        assert!(!s.name.trim().is_empty());
        if let Some(o) = &s.origin {
            assert_eq!(o.len(), 2, "{} origin", s.name);
        }
    }
    for t in &rules.traps {
        assert!(!t.blocks.is_empty(), "{}", t.id);
    }
}

#[test]
fn weapons_lexicon_names_the_common_systems() {
    let rules = shipped();
    for name in [
        "Rafale",
        "F-16",
        "F-35",
        "Gripen",
        "Eurofighter Typhoon",
        "Patriot",
        "IRIS-T",
        "NASAMS",
        "SAMP/T",
        "HIMARS",
        "ATACMS",
        "Storm Shadow",
        "Taurus",
        "Tomahawk",
        "Leopard",
        "Abrams",
        "Bradley",
        "CV90",
        "K2",
        "K9",
        "Caesar",
        "Bayraktar TB2",
        "Shahed",
        "Iskander",
        "Kinzhal",
        "Kalibr",
        "Oreshnik",
        "S-400",
        "Su-35",
    ] {
        assert!(
            rules.systems.iter().any(|s| s.name == name),
            "{name} missing from weapons.toml"
        );
    }
}

fn kinds(rules: &RuleSet, text: &str) -> Vec<(String, String)> {
    rules
        .scan(text)
        .iter()
        .map(|h| (text[h.start..h.end].to_string(), rules.entry(h).id.clone()))
        .collect()
}

#[test]
fn scan_matches_whole_words_case_insensitively() {
    let rules = shipped();
    let k = kinds(
        &rules,
        "A cyberattack hit the SANCTIONS regime; Storm Shadow missiles struck.",
    );
    assert!(
        !k.iter().any(|(t, _)| t == "attack"),
        "attack inside cyberattack: {k:?}"
    );
    assert!(
        k.iter()
            .any(|(t, id)| t == "SANCTIONS" && id.starts_with("sanctions"))
    );
    assert!(
        k.iter()
            .any(|(t, id)| t == "Storm Shadow" && id == "Storm Shadow")
    );
}

#[test]
fn longer_phrase_hides_shorter_of_same_family_only() {
    let rules = shipped();
    let k = kinds(&rules, "a missile strike");
    assert!(
        k.iter()
            .any(|(t, id)| t == "missile strike" && id == "strike.missile")
    );
    assert!(
        !k.iter()
            .any(|(t, id)| t == "strike" && id == "strike.generic"),
        "{k:?}"
    );
    // the weapon noun (another family) is kept
    assert!(
        k.iter()
            .any(|(t, id)| t == "missile" && id == "strike.weapon.missile")
    );
}

#[test]
fn prefix_phrase_covers_the_whole_word() {
    let rules = shipped();
    let text = "renewed negotiations";
    let hits = rules.scan(text);
    assert!(hits.iter().any(|h| &text[h.start..h.end] == "negotiations"));
}

#[test]
fn a_bad_rule_names_file_rule_and_line() {
    let src = "version = \"1\"\n\n[[rule]]\nid = \"strike.bad\"\nkind = \"trigger\"\nsubtype = \"laser\"\nphrases = [\"zap\"]\n";
    let err = RuleSet::from_sources(&[("strike.toml", src)])
        .unwrap_err()
        .to_string();
    assert!(err.contains("strike.toml:3"), "{err}");
    assert!(err.contains("strike.bad"), "{err}");
    assert!(err.contains("fix"), "{err}");
}

#[test]
fn malformed_entries_are_refused() {
    for (src, needle) in [
        (
            "[[rule]]\nid = \"x.y\"\nkind = \"trigger\"\nsubtype = \"visit\"\nphrases = [\"a\"]\n",
            "category",
        ),
        (
            "[[rule]]\nid = \"diplomacy.v\"\nkind = \"trigger\"\nsubtype = \"visit\"\nphrases = [\" visit\"]\n",
            "spaces",
        ),
        (
            "[[rule]]\nid = \"diplomacy.v\"\nkind = \"trigger\"\nsubtype = \"visit\"\nphrases = []\n",
            "no phrases",
        ),
        (
            "[[rule]]\nid = \"diplomacy.v\"\nkind = \"trigger\"\nsubtype = \"visit\"\nphrases = [\"a*b\"]\n",
            "`*`",
        ),
        (
            "[[rule]]\nid = \"m.c\"\nkind = \"cue\"\nstatus = \"maybe\"\nphrases = [\"may\"]\n",
            "cue status",
        ),
        (
            "[[rule]]\nid = \"t\"\nkind = \"trap\"\nphrases = [\"x\"]\n",
            "blocks nothing",
        ),
        (
            "[[system]]\nname = \"X\"\naliases = [\"X\"]\nclass = \"laser\"\n",
            "unknown class",
        ),
        (
            "[[system]]\nname = \"X\"\naliases = [\"X\"]\nclass = \"tank\"\norigin = \"usa\"\n",
            "ISO",
        ),
        (
            "[[rule]]\nid = \"diplomacy.v\"\nkind = \"trigger\"\nsubtype = \"visit\"\nphrase = [\"a\"]\n",
            "unknown field",
        ),
        ("[[lexicon]]\nname = \"x.y\"\nwords = []\n", "no words"),
        (
            "[[lexicon]]\nname = \"x.y\"\nwords = [\"Big\"]\n",
            "capitals",
        ),
        (
            "[[lexicon]]\nname = \"x.y\"\nwords = [\"a\", \"a\"]\n",
            "listed twice",
        ),
        (
            "[[rule]]\nid = \"sanctions.f\"\nkind = \"trigger\"\nsubtype = \"impose\"\nframe = \"envoy_departure\"\nphrases = [\"froze\"]\n",
            "use one of foreign_target, measure_object",
        ),
        (
            "[[rule]]\nid = \"strike.f\"\nkind = \"trigger\"\nsubtype = \"airstrike\"\nframe = \"measure_object\"\nphrases = [\"zap\"]\n",
            "strike triggers have no frames",
        ),
        (
            "[[rule]]\nid = \"strike.f\"\nkind = \"attack\"\nframe = \"measure_object\"\nphrases = [\"zap\"]\n",
            "only triggers have frames",
        ),
    ] {
        let err = RuleSet::from_sources(&[("f.toml", src)])
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{src:?} -> {err}");
        assert!(err.contains("f.toml"), "{err}");
    }
}

#[test]
fn every_frame_is_given_to_a_shipped_trigger() {
    let rules = shipped();
    for f in crate::rules::Frame::ALL {
        assert!(
            rules.entries().iter().any(|e| matches!(
                e.kind,
                Kind::Trigger { frame: Some(g), category, .. } if g == f && category == f.category()
            )),
            "no shipped trigger has frame {}",
            f.as_str()
        );
    }
}

#[test]
fn duplicate_ids_across_files_are_refused() {
    let a = "[[rule]]\nid = \"strike.x\"\nkind = \"attack\"\nphrases = [\"zap\"]\n";
    let err = RuleSet::from_sources(&[("a.toml", a), ("b.toml", a)])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("b.toml:1") && err.contains("duplicate"),
        "{err}"
    );
}

#[test]
fn an_analyst_can_add_a_weapon() {
    let w = "[[system]]\nname = \"Storm Breaker\"\naliases = [\"Storm Breaker\"]\nclass = \"missile\"\norigin = \"GB\"\n";
    let rules = RuleSet::from_sources(&[("weapons.toml", w)]).unwrap();
    let hits = rules.scan("It fired a Storm Breaker.");
    assert_eq!(hits.len(), 1);
    assert!(matches!(rules.entry(&hits[0]).kind, Kind::System(0)));
}

/// Throughput of each stage of the core over the shared dev set, for
/// profiling: `cargo test --release --lib rules::tests::stage_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn stage_speed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config");
    let gaz = crate::gazetteer::Gazetteer::load(&dir.join("gazetteer")).unwrap();
    let engine = crate::engine::Engine::load(&dir).unwrap();
    let rules = shipped();
    let dev = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/dev-stories.jsonl"
    ))
    .unwrap();
    let stories: Vec<crate::model::Story> = dev
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            crate::parse::parse_payload(None, v["payload"].as_str()?.as_bytes(), 1 << 20).ok()
        })
        .collect();
    let bytes: usize = stories.iter().map(|s| s.body.len()).sum();
    let n = 50;
    let time = |name: &str, f: &dyn Fn(&crate::model::Story)| {
        let t = std::time::Instant::now();
        for _ in 0..n {
            for s in &stories {
                f(s);
            }
        }
        eprintln!(
            "{name}: {:.1} MB/s",
            (bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6
        );
    };
    time("sentences", &|s| {
        std::hint::black_box(crate::text::sentences(&s.body));
    });
    time("gazetteer", &|s| {
        std::hint::black_box(gaz.find(&s.body));
    });
    time("scan", &|s| {
        std::hint::black_box(rules.scan(&s.body));
    });
    time("analyse", &|s| {
        std::hint::black_box(engine.analyse(s));
    });
}

#[test]
fn every_required_lexicon_is_shipped_with_words() {
    let rules = shipped();
    for id in LexiconId::all() {
        assert!(!rules.lexicon(id).entries().is_empty(), "{}", id.name());
    }
}

/// An analyst finds what each lexicon and frame does in `config/README.md`.
#[test]
fn every_required_lexicon_and_frame_is_documented() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/README.md"),
    )
    .expect("config/README.md reads");
    for id in LexiconId::all() {
        assert!(
            readme.contains(&format!("`{}`", id.name())),
            "lexicon {} is not documented in config/README.md",
            id.name()
        );
    }
    for f in crate::rules::Frame::ALL {
        assert!(
            readme.contains(&format!("`{}`", f.as_str())),
            "frame {} is not documented in config/README.md",
            f.as_str()
        );
    }
}

#[test]
fn a_missing_lexicon_or_frame_kind_is_a_load_error() {
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config/rules");
    for (file, from, to, needle) in [
        (
            "sanctions.toml",
            "name = \"sanctions.approval_objects\"",
            "name = \"sanctions.approval_objects_old\"",
            "no lexicon `sanctions.approval_objects`",
        ),
        (
            "strike.toml",
            "name = \"strike.passive_aux\"",
            "name = \"strike.passive_aux_old\"",
            "no lexicon `strike.passive_aux`",
        ),
        (
            "strike.toml",
            "kind = \"territory\"",
            "kind = \"attack\"",
            "no rule of kind `territory`",
        ),
    ] {
        let dir = std::env::temp_dir().join(format!(
            "wirewatch-rules-{}-{}",
            std::process::id(),
            needle.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for f in std::fs::read_dir(&shipped).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains(from));
        std::fs::write(dir.join(file), text.replace(from, to)).unwrap();
        let err = RuleSet::load(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains(needle), "{err}");
    }
}
