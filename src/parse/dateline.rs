//! Leading datelines written inside the body, in any input form:
//! `WASHINGTON -`, `KYIV, Ukraine (AP) -`, `BRUSSELS, June 30 -`.
//!
//! Wire copy without a slug line often opens with the dateline. It is lifted
//! into `Story::dateline` (and `(AGENCY)` into `source`) and removed from the
//! body, so the body starts with the first real sentence in every form.
//! Runs on normalised text, where every dash is already `-`.

use regex::Regex;
use std::sync::LazyLock;

/// Place (uppercase, may contain `.`, `'`, `/`, `-`, spaces: `ST. LOUIS`,
/// `SHARM EL-SHEIKH`, `NEW DELHI/ISLAMABAD`), optional `, Region` of up to
/// three capitalised words, optional `, Month Day`, optional `(AGENCY)`,
/// then a spaced dash.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<place>\p{Lu}[\p{Lu}.'/ -]*?\p{Lu}\.?)",
        r"(?P<region>, \p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2})?",
        r"(?P<date>,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?",
        r"(?: \((?P<src>[A-Za-z]{2,12})\))?",
        r" -{1,3} +",
    ))
    .expect("static regex")
});

/// A dateline found at the start of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InlineDateline {
    /// `PLACE` or `PLACE, Region` (the date, if any, is dropped).
    pub dateline: String,
    /// The agency in parentheses, if any.
    pub source: Option<String>,
    /// Byte length of the matched prefix, dash and spaces included.
    pub len: usize,
}

/// Recognise an inline dateline at the start of normalised `text`.
pub(crate) fn inline_dateline(text: &str) -> Option<InlineDateline> {
    let caps = INLINE.captures(text)?;
    let place = caps.name("place")?.as_str();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        // Too short to be a city: "US - China talks", "UN - ...".
        return None;
    }
    let rest = &text[caps.get(0)?.end()..];
    if rest.chars().next().is_none_or(char::is_lowercase) {
        return None;
    }
    let region = caps.name("region").map_or("", |m| m.as_str());
    Some(InlineDateline {
        dateline: format!("{place}{region}"),
        source: caps.name("src").map(|m| m.as_str().to_string()),
        len: caps.get(0)?.end(),
    })
}

#[cfg(test)]
mod tests {
    use super::inline_dateline;

    fn dl(text: &str) -> Option<(String, Option<String>, &str)> {
        inline_dateline(text).map(|d| (d.dateline, d.source, &text[d.len..]))
    }

    #[test]
    fn recognises_wire_datelines() {
        assert_eq!(
            dl("WASHINGTON - A planned meeting"),
            Some(("WASHINGTON".into(), None, "A planned meeting"))
        );
        assert_eq!(
            dl("KYIV, Ukraine (AP) - Russia struck"),
            Some(("KYIV, Ukraine".into(), Some("AP".into()), "Russia struck"))
        );
        assert_eq!(
            dl("BRUSSELS, June 30 - The European Union"),
            Some(("BRUSSELS".into(), None, "The European Union"))
        );
        assert_eq!(
            dl("KYIV, Feb 6 - The first"),
            Some(("KYIV".into(), None, "The first"))
        );
        assert_eq!(
            dl("NYON, Switzerland - Chelsea were"),
            Some(("NYON, Switzerland".into(), None, "Chelsea were"))
        );
        assert_eq!(
            dl("ST. LOUIS, Missouri, Aug. 4 -- Workers"),
            Some(("ST. LOUIS, Missouri".into(), None, "Workers"))
        );
    }

    #[test]
    fn ignores_ordinary_openings() {
        assert_eq!(dl("US - China talks resumed"), None);
        assert_eq!(dl("Washington - the city"), None);
        assert_eq!(dl("NATO allies met on Friday - and agreed"), None);
        assert_eq!(dl("WASHINGTON - the capital"), None);
        assert_eq!(dl("WASHINGTON"), None);
    }
}
