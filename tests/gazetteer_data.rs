//! Checks the real gazetteer data in `config/gazetteer`: it loads (which
//! validates every row), it is big enough, every row is well formed, and a
//! table of well-known names across continents resolves to the right codes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wirewatch::gazetteer::{Gazetteer, PlaceKind};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config/gazetteer")
}

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::load(&dir()).expect("config/gazetteer loads"))
}

/// Data rows (non-comment, non-blank lines) of a TSV file.
fn rows(file: &str) -> Vec<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(dir().join(file)).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

fn is_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn well_formed_names(file: &str, line: usize, cols: &[&String]) {
    for col in cols {
        for v in col.split('|').filter(|v| !v.is_empty()) {
            assert_eq!(v, v.trim(), "{file}:{line}: name {v:?} has outer spaces");
            assert!(!v.contains('\r'), "{file}:{line}: CR in {v:?}");
        }
        assert!(
            !col.contains("||"),
            "{file}:{line}: empty variant in {col:?}"
        );
    }
}

#[test]
fn counts() {
    let countries = rows("countries.tsv");
    let cities = rows("cities.tsv");
    let regions = rows("regions.tsv");
    assert!(countries.len() >= 190, "{} countries", countries.len());
    assert!(cities.len() >= 10_000, "{} cities", cities.len());
    assert!(regions.len() >= 1_000, "{} regions", regions.len());
    assert!(gaz().entries() >= 50_000, "{} names", gaz().entries());
    assert_eq!(gaz().version().len(), 12);
}

#[test]
fn every_row_well_formed() {
    for (line, c) in rows("countries.tsv") {
        assert_eq!(c.len(), 4, "countries.tsv:{line}: {c:?}");
        assert!(is_code(&c[0]), "countries.tsv:{line}: code {:?}", c[0]);
        assert!(!c[1].is_empty(), "countries.tsv:{line}: empty name");
        well_formed_names("countries.tsv", line, &[&c[1], &c[2], &c[3]]);
    }
    let codes: std::collections::HashSet<String> = rows("countries.tsv")
        .into_iter()
        .map(|(_, c)| c[0].clone())
        .collect();
    for (line, c) in rows("cities.tsv") {
        assert_eq!(c.len(), 5, "cities.tsv:{line}: {c:?}");
        assert!(codes.contains(&c[1]), "cities.tsv:{line}: code {:?}", c[1]);
        assert!(
            c[2].parse::<u64>().is_ok(),
            "cities.tsv:{line}: population {:?}",
            c[2]
        );
        assert!(
            c[3] == "0" || c[3] == "1",
            "cities.tsv:{line}: capital {:?}",
            c[3]
        );
        well_formed_names("cities.tsv", line, &[&c[0], &c[4]]);
    }
    for (line, c) in rows("regions.tsv") {
        assert_eq!(c.len(), 4, "regions.tsv:{line}: {c:?}");
        assert!(codes.contains(&c[1]), "regions.tsv:{line}: code {:?}", c[1]);
        assert!(
            c[2].starts_with(&format!("{}-", c[1])),
            "regions.tsv:{line}: subdivision {:?}",
            c[2]
        );
        well_formed_names("regions.tsv", line, &[&c[0], &c[3]]);
    }
    // One capital at most per country.
    let mut caps = std::collections::HashMap::new();
    for (line, c) in rows("cities.tsv") {
        if c[3] == "1" {
            assert!(
                caps.insert(c[1].clone(), line).is_none(),
                "cities.tsv:{line}: second capital of {}",
                c[1]
            );
        }
    }
    assert!(caps.len() >= 180, "{} capitals", caps.len());
}

#[test]
fn well_known_names_resolve() {
    let g = gaz();
    let table: &[(&str, &str)] = &[
        // Europe
        ("Kyiv", "UA"),
        ("Kharkiv", "UA"),
        ("Dnipro", "UA"),
        ("Donetsk", "UA"),
        ("Odesa", "UA"),
        ("Zaporizhzhia", "UA"),
        ("Crimea", "UA"),
        ("Moscow", "RU"),
        ("Kursk", "RU"),
        ("Belgorod", "RU"),
        ("Paris", "FR"),
        ("Berlin", "DE"),
        ("Bavaria", "DE"),
        ("London", "GB"),
        ("Warsaw", "PL"),
        ("Rome", "IT"),
        ("Madrid", "ES"),
        ("Minsk", "BY"),
        ("Brussels", "BE"),
        ("Geneva", "CH"),
        ("Ankara", "TR"),
        ("Istanbul", "TR"),
        // Middle East
        ("Gaza", "PS"),
        ("Rafah", "PS"),
        ("Khan Younis", "PS"),
        ("West Bank", "PS"),
        ("Tel Aviv", "IL"),
        ("Beirut", "LB"),
        ("Damascus", "SY"),
        ("Tehran", "IR"),
        ("Baghdad", "IQ"),
        ("Sanaa", "YE"),
        ("Hodeidah", "YE"),
        ("Riyadh", "SA"),
        ("Doha", "QA"),
        ("Abu Dhabi", "AE"),
        // Africa
        ("Port Sudan", "SD"),
        ("Khartoum", "SD"),
        ("El Fasher", "SD"),
        ("Cairo", "EG"),
        ("Mogadishu", "SO"),
        ("Goma", "CD"),
        ("Lagos", "NG"),
        ("Nairobi", "KE"),
        ("Johannesburg", "ZA"),
        // Asia-Pacific
        ("Beijing", "CN"),
        ("Taipei", "TW"),
        ("Pyongyang", "KP"),
        ("Seoul", "KR"),
        ("Tokyo", "JP"),
        ("New Delhi", "IN"),
        ("Islamabad", "PK"),
        ("Kabul", "AF"),
        ("Manila", "PH"),
        ("Canberra", "AU"),
        // Americas
        ("Washington", "US"),
        ("New York", "US"),
        ("Ottawa", "CA"),
        ("Mexico City", "MX"),
        ("Caracas", "VE"),
        ("Brasília", "BR"),
        ("Buenos Aires", "AR"),
        // Countries, variants, demonyms
        ("U.S.", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("Kosovo", "XK"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Georgia", "GE"),
        ("Russian", "RU"),
        ("Emirati", "AE"),
        ("Saudi", "SA"),
        ("Israeli", "IL"),
        ("Polish", "PL"),
        // Curated
        ("Kremlin", "RU"),
        ("Pentagon", "US"),
        ("Downing Street", "GB"),
        ("Élysée", "FR"),
        ("Hamas", "PS"),
        ("Houthis", "YE"),
        ("Hezbollah", "LB"),
        ("RSF", "SD"),
        ("Zelenskyy", "UA"),
        ("Putin", "RU"),
        ("Erdogan", "TR"),
        ("Kallas", "EU"),
        ("Rutte", "NATO"),
        ("Guterres", "UN"),
        ("IAEA", "UN"),
        ("European Commission", "EU"),
    ];
    let mut bad = Vec::new();
    for &(name, want) in table {
        let got = g.lookup(name).and_then(|m| m.code);
        if got.as_deref() != Some(want) {
            bad.push(format!("{name}: want {want}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn kinds_and_seas() {
    let g = gaz();
    let m = g.lookup("Red Sea").unwrap();
    assert_eq!((m.kind, m.code), (PlaceKind::Sea, None));
    for sea in [
        "Black Sea",
        "Strait of Hormuz",
        "Sea of Azov",
        "Bab el-Mandeb",
        "Taiwan Strait",
    ] {
        assert_eq!(g.lookup(sea).map(|m| m.kind), Some(PlaceKind::Sea), "{sea}");
    }
    assert_eq!(g.lookup("Kyiv").unwrap().kind, PlaceKind::Capital);
    assert_eq!(g.lookup("Kharkiv").unwrap().kind, PlaceKind::City);
    assert_eq!(g.lookup("Georgia").unwrap().kind, PlaceKind::Country);
    assert_eq!(g.lookup("Houthis").unwrap().kind, PlaceKind::ArmedGroup);
    assert_eq!(g.lookup("Kremlin").unwrap().kind, PlaceKind::Institution);
    assert_eq!(g.lookup("Vladimir Putin").unwrap().kind, PlaceKind::Person);
    assert_eq!(g.lookup("EU").unwrap().kind, PlaceKind::Bloc);
    assert_eq!(g.lookup("Islamic State").unwrap().code, None);
    assert_eq!(g.country_name("GB"), Some("United Kingdom"));
    assert_eq!(g.country_name("UA"), Some("Ukraine"));
    assert_eq!(g.country_name("NATO"), Some("NATO"));
}

#[test]
fn no_false_hits_on_common_words() {
    let g = gaz();
    for text in [
        "Nice weather in March. May we Split the Sale? Reading is fun.",
        "Police said the Union and Media were Central to the Deal.",
        "roast turkey, china plates, french fries",
        "Latin America and South America",
    ] {
        let ms = g.find(text);
        assert!(ms.is_empty(), "{text:?} -> {ms:?}");
    }
}

#[test]
fn seed_story_mentions() {
    let text = "AP, KYIV, Ukraine: Ukrainian President Volodymyr Zelenskyy announced Tuesday that he will \
                travel to Turkey. Kremlin spokesman Dmitry Peskov said no Russian representatives would \
                attend. U.S. sanctions on Russia’s oil. Russian-occupied parts of Donetsk. In Kharkiv a \
                girl was killed; drones hit Dnipro. Kyiv-based analysts. Rafale jets from Paris.";
    let found: Vec<(String, Option<String>)> = gaz()
        .find(text)
        .into_iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                m.code.map(|c| c.to_string()),
            )
        })
        .collect();
    let want = [
        ("Ukraine", "UA"),
        ("Ukrainian", "UA"),
        ("Volodymyr Zelenskyy", "UA"),
        ("Turkey", "TR"),
        ("Kremlin", "RU"),
        ("Dmitry Peskov", "RU"),
        ("Russian", "RU"),
        ("U.S.", "US"),
        ("Russia", "RU"),
        ("Russian", "RU"),
        ("Donetsk", "UA"),
        ("Kharkiv", "UA"),
        ("Dnipro", "UA"),
        ("Kyiv", "UA"),
        ("Paris", "FR"),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(t, c)| (t.to_string(), Some(c.to_string())))
        .collect();
    assert_eq!(found, want);
}
