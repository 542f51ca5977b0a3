//! Unit tests over a small fixture written to a temp dir, so they pin the
//! matching rules independently of the generated data (that is covered by
//! `tests/gazetteer_data.rs`).

use super::*;

const COUNTRIES: &str = "\
# code\tname\tvariants\tdemonyms
UA\tUkraine\t\tUkrainian|Ukrainians
RU\tRussia\tRussian Federation\tRussian|Russians
US\tUnited States\tU.S.|US|USA|America\tAmerican|Americans
GB\tUnited Kingdom\tU.K.|UK|Britain\tBritish
FR\tFrance\t\tFrench
TR\tTurkey\tTürkiye\tTurkish
PS\tPalestine\tGaza|Gaza Strip|West Bank\tPalestinian|Palestinians
GE\tGeorgia\t\tGeorgian
KR\tSouth Korea\tRepublic of Korea\tSouth Korean|South Koreans
KP\tNorth Korea\t\tNorth Korean
SD\tSudan\t\tSudanese
CH\tSwitzerland\t\tSwiss
YE\tYemen\t\tYemeni
";

const CITIES: &str = "\
# name\tcode\tpopulation\tcapital\tvariants
Kyiv\tUA\t2900000\t1\tKiev
Kharkiv\tUA\t1400000\t0\tKharkov
Dnipro\tUA\t980000\t0\tDnipropetrovsk
Donetsk\tUA\t930000\t0\t
Paris\tFR\t2100000\t1\t
Paris\tUS\t25000\t0\t
Port Sudan\tSD\t490000\t0\t
Rafah\tPS\t170000\t0\t
Gaza\tPS\t410000\t0\tGaza City
Georgia\tUS\t16000\t0\t
Korea\tKR\t20000\t0\t
Moscow\tRU\t12000000\t1\tMoskva
Zürich\tCH\t400000\t0\tZurich
";

const REGIONS: &str = "\
# name\tcode\tsubdivision\tvariants
Donetsk Oblast\tUA\tUA-14\tDonetsk|Donetska oblast
Kursk Oblast\tRU\tRU-KRS\tKursk
Georgia\tUS\tUS-GA\t
";

const ACTORS: &str = r#"
bloc = [ { name = "European Union", code = "EU", aliases = ["EU"] }, { name = "NATO", code = "NATO" } ]
institution = [ { name = "Kremlin", code = "RU" }, { name = "White House", code = "US" } ]
armed_group = [ { name = "Houthis", code = "YE", aliases = ["Houthi", "Ansar Allah"] }, { name = "Islamic State", aliases = ["ISIS"] } ]
sea = [ { name = "Red Sea" }, { name = "Black Sea" } ]
person = [ { name = "Vladimir Putin", code = "RU", aliases = ["Putin"] }, { name = "Donald Trump", code = "US", aliases = ["Trump"] } ]
"#;

fn fixture_with(extra: Option<&str>) -> (tempfile::TempDir, Gazetteer) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("countries.tsv"), COUNTRIES).unwrap();
    std::fs::write(dir.path().join("cities.tsv"), CITIES).unwrap();
    std::fs::write(dir.path().join("regions.tsv"), REGIONS).unwrap();
    std::fs::write(dir.path().join("actors.toml"), ACTORS).unwrap();
    if let Some(x) = extra {
        std::fs::write(dir.path().join("extra.toml"), x).unwrap();
    }
    let g = Gazetteer::load(dir.path()).unwrap();
    (dir, g)
}

fn fixture() -> Gazetteer {
    fixture_with(None).1
}

/// (matched text, code, kind) for every mention.
fn spans(g: &Gazetteer, text: &str) -> Vec<(String, Option<String>, PlaceKind)> {
    g.find(text)
        .into_iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                m.code.map(|c| c.to_string()),
                m.kind,
            )
        })
        .collect()
}

fn texts(g: &Gazetteer, text: &str) -> Vec<String> {
    spans(g, text).into_iter().map(|(t, _, _)| t).collect()
}

fn code(g: &Gazetteer, name: &str) -> Option<String> {
    g.lookup(name).and_then(|m| m.code).map(|c| c.to_string())
}

#[test]
fn gazetteer_is_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Gazetteer>();
}

#[test]
fn word_boundaries() {
    let g = fixture();
    assert!(texts(&g, "Parisian cafes and Kyivan streets").is_empty());
    assert!(texts(&g, "XKyiv Kyiv2").is_empty());
    assert_eq!(texts(&g, "(Kyiv)"), vec!["Kyiv"]);
    assert_eq!(
        texts(&g, "Kyiv, Kharkiv; Dnipro."),
        vec!["Kyiv", "Kharkiv", "Dnipro"]
    );
}

#[test]
fn possessives_and_hyphen_compounds() {
    let g = fixture();
    assert_eq!(
        texts(&g, "Russia's war, Russia’s invasion"),
        vec!["Russia", "Russia"]
    );
    let s = spans(&g, "in Russian-occupied Donetsk");
    assert_eq!(
        s[0],
        ("Russian".into(), Some("RU".into()), PlaceKind::Demonym)
    );
    assert_eq!(s[1].0, "Donetsk");
    assert_eq!(
        texts(&g, "a Kyiv-based group, the U.S.-led coalition"),
        vec!["Kyiv", "U.S."]
    );
    assert_eq!(texts(&g, "pro-Kremlin bloggers"), vec!["Kremlin"]);
}

#[test]
fn offsets_are_byte_offsets_and_ordered() {
    let g = fixture();
    let text = "Zürich → Kyiv: “Moscow”";
    let ms = g.find(text);
    assert_eq!(ms.len(), 3);
    for w in ms.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    assert_eq!(&text[ms[0].start..ms[0].end], "Zürich");
    assert_eq!(&text[ms[1].start..ms[1].end], "Kyiv");
    assert_eq!(&text[ms[2].start..ms[2].end], "Moscow");
}

#[test]
fn case_sensitive_find() {
    let g = fixture();
    assert!(
        g.find("roast turkey and french fries in georgia")
            .is_empty()
    );
    assert_eq!(texts(&g, "Turkey and France"), vec!["Turkey", "France"]);
}

#[test]
fn lookup_falls_back_to_case_insensitive() {
    let g = fixture();
    let m = g.lookup("KYIV").unwrap();
    assert_eq!((m.start, m.end, m.code.as_deref()), (0, 4, Some("UA")));
    assert_eq!(m.canonical, "Kyiv");
    assert_eq!(g.lookup("Kiev").unwrap().canonical, "Kyiv");
    assert!(g.lookup("Atlantis").is_none());
}

#[test]
fn us_and_uk_forms() {
    let g = fixture();
    for name in ["U.S.", "US", "USA", "America", "United States"] {
        assert_eq!(code(&g, name).as_deref(), Some("US"), "{name}");
    }
    for name in ["U.K.", "UK", "Britain", "British"] {
        assert_eq!(code(&g, name).as_deref(), Some("GB"), "{name}");
    }
    let s = spans(&g, "U.S. President Donald Trump and U.S. sanctions");
    assert_eq!(s[0], ("U.S.".into(), Some("US".into()), PlaceKind::Country));
    assert_eq!(
        s[1],
        ("Donald Trump".into(), Some("US".into()), PlaceKind::Person)
    );
    assert_eq!(s[2].0, "U.S.");
}

#[test]
fn curated_kinds() {
    let g = fixture();
    let m = g.lookup("Kremlin").unwrap();
    assert_eq!(
        (m.code.as_deref(), m.kind),
        (Some("RU"), PlaceKind::Institution)
    );
    let m = g.lookup("Houthis").unwrap();
    assert_eq!(
        (m.code.as_deref(), m.kind),
        (Some("YE"), PlaceKind::ArmedGroup)
    );
    let m = g.lookup("Red Sea").unwrap();
    assert_eq!((m.code, m.kind), (None, PlaceKind::Sea));
    let m = g.lookup("ISIS").unwrap();
    assert_eq!((m.code, m.kind), (None, PlaceKind::ArmedGroup));
    let m = g.lookup("EU").unwrap();
    assert_eq!((m.code.as_deref(), m.kind), (Some("EU"), PlaceKind::Bloc));
    let m = g.lookup("Putin").unwrap();
    assert_eq!(
        (m.canonical.as_str(), m.kind),
        ("Vladimir Putin", PlaceKind::Person)
    );
    // Longest wins: "Red Sea", not a hypothetical "Red".
    assert_eq!(texts(&g, "ships in the Red Sea."), vec!["Red Sea"]);
}

#[test]
fn places_resolve() {
    let g = fixture();
    for (name, want) in [
        ("Kharkiv", "UA"),
        ("Dnipro", "UA"),
        ("Donetsk", "UA"),
        ("Port Sudan", "SD"),
        ("Rafah", "PS"),
        ("Gaza", "PS"),
        ("Paris", "FR"),
    ] {
        assert_eq!(code(&g, name).as_deref(), Some(want), "{name}");
    }
}

#[test]
fn precedence() {
    let g = fixture();
    // Country beats a US city and a US state of the same name.
    let m = g.lookup("Georgia").unwrap();
    assert_eq!(
        (m.code.as_deref(), m.kind),
        (Some("GE"), PlaceKind::Country)
    );
    // Country variant beats the city "Gaza".
    assert_eq!(g.lookup("Gaza").unwrap().kind, PlaceKind::Country);
    // Capital beats a smaller city; the more populous city wins a tie.
    let m = g.lookup("Paris").unwrap();
    assert_eq!(
        (m.code.as_deref(), m.kind),
        (Some("FR"), PlaceKind::Capital)
    );
    // Region beats city.
    assert_eq!(g.lookup("Donetsk").unwrap().kind, PlaceKind::Region);
    assert_eq!(g.lookup("Kursk").unwrap().code.as_deref(), Some("RU"));
    assert_eq!(g.lookup("Russian").unwrap().kind, PlaceKind::Demonym);
    assert_eq!(g.lookup("Russian").unwrap().canonical, "Russia");
}

#[test]
fn extra_toml_wins_and_adds() {
    let extra = r#"
city = [ { name = "Pokrovsk", code = "UA", aliases = ["Pokrovs'k"] } ]
capital = [ { name = "Georgia", code = "US", note = "test override" } ]
"#;
    let (_d, g) = fixture_with(Some(extra));
    assert_eq!(code(&g, "Pokrovsk").as_deref(), Some("UA"));
    assert_eq!(code(&g, "Georgia").as_deref(), Some("US"));
}

#[test]
fn shorter_name_found_when_longer_runs_into_a_word() {
    let g = fixture();
    // "South Korean" runs into "s"; nothing shorter at that start fits, so
    // the plural form must be (and is) listed; "Korea" alone is not hit.
    assert_eq!(texts(&g, "South Koreans said"), vec!["South Koreans"]);
    assert_eq!(texts(&g, "Gaza Stripped"), vec!["Gaza"]);
}

#[test]
fn no_match_on_empty_or_plain_text() {
    let g = fixture();
    assert!(g.find("").is_empty());
    assert!(g.find("nothing to see here, move along").is_empty());
}

#[test]
fn country_name_entries_version() {
    let (_d, g) = fixture_with(None);
    assert_eq!(g.country_name("UA"), Some("Ukraine"));
    assert_eq!(g.country_name("EU"), Some("European Union"));
    assert_eq!(g.country_name("ZZ"), None);
    assert!(g.entries() > 40);
    let (_d2, g2) = fixture_with(None);
    assert_eq!(g.version(), g2.version());
    assert_eq!(g.version().len(), 12);
    let (_d3, g3) = fixture_with(Some("city = [ { name = \"Lyman\", code = \"UA\" } ]"));
    assert_ne!(g.version(), g3.version());
}

fn load_err(file: &str, content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("countries.tsv"), COUNTRIES).unwrap();
    std::fs::write(dir.path().join("actors.toml"), ACTORS).unwrap();
    std::fs::write(dir.path().join(file), content).unwrap();
    Gazetteer::load(dir.path()).unwrap_err().to_string()
}

#[test]
fn bad_rows_name_file_and_line() {
    let e = load_err(
        "cities.tsv",
        "# c\nKyiv\tUA\t100\t1\t\nLviv\tUA\tmany\t0\t\n",
    );
    assert!(
        e.contains("cities.tsv:3") && e.contains("whole number"),
        "{e}"
    );
    let e = load_err("cities.tsv", "Kyiv\tUA\t100\n");
    assert!(
        e.contains("cities.tsv:1") && e.contains("expected 5"),
        "{e}"
    );
    let e = load_err("cities.tsv", "Kyiv\tUkraine\t100\t1\t\n");
    assert!(e.contains("alpha-2"), "{e}");
    let e = load_err("regions.tsv", "Kursk Oblast\tRU\tUA-14\t\n");
    assert!(
        e.contains("regions.tsv:1") && e.contains("ISO 3166-2"),
        "{e}"
    );
    let e = load_err("countries.tsv", "UA\t Ukraine\t\t\n");
    assert!(e.contains("countries.tsv:1") && e.contains("spaces"), "{e}");
}

#[test]
fn bad_toml_names_file_and_fix() {
    let e = load_err(
        "extra.toml",
        "sea = [ { name = \"Sea of Azov\", code = \"UA\" } ]\n",
    );
    assert!(
        e.contains("extra.toml") && e.contains("line 1") && e.contains("remove code"),
        "{e}"
    );
    let e = load_err(
        "extra.toml",
        "person = [ { name = \"Keir Starmer\", code = \"UK\" } ]\n",
    );
    assert!(e.contains("UK is GB"), "{e}");
    let e = load_err("extra.toml", "persons = []\n");
    assert!(e.contains("extra.toml") && e.contains("persons"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let e = Gazetteer::load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("countries.tsv"), "{e}");
}
