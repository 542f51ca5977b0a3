//! Plain-text payloads, as wire services send them.
//!
//! Three shapes, tried in order on the normalised text:
//! 1. a slug `SOURCE, DATELINE:` at the very start (`AP, KYIV, Ukraine:`):
//!    the source is a short agency token (`AP`, `AFP`, `REUTERS`, `dpa`,
//!    `Reuters`), the dateline an uppercase place with an optional
//!    `, Region`; the body is what follows the colon;
//! 2. a headline line: the first line is short (at most
//!    [`MAX_HEADLINE_WORDS`] words), has no sentence-final punctuation and
//!    more text follows it; the body is the rest;
//! 3. otherwise the whole text is the body.
//!
//! An inline dateline at the start of the body (`WASHINGTON (AP) -`) is
//! handled afterwards for every form, see `dateline.rs`.

use super::Draft;
use super::dateline::inline_dateline;
use crate::model::PayloadFormat;
use crate::text::normalize;
use regex::Regex;
use std::sync::LazyLock;

/// Longest first line, in words, still taken as a headline.
pub const MAX_HEADLINE_WORDS: usize = 20;

static SLUG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<src>[A-Z]{2,12}|[a-z]{2,4}|[A-Z][a-z]{2,11}), ",
        r"(?P<dl>\p{Lu}[\p{Lu}.'/ -]*\p{Lu}\.?",
        r"(?:, \p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2})?)",
        r":\s+",
    ))
    .expect("static regex")
});

/// Split plain text into slug metadata, headline and body.
pub(crate) fn parse(text: &str) -> Draft {
    let text = normalize(text);
    let mut draft = Draft::new(PayloadFormat::PlainText);
    draft.body_normalized = true;
    if let Some(caps) = SLUG.captures(&text)
        && let (Some(all), Some(src), Some(dl)) = (caps.get(0), caps.name("src"), caps.name("dl"))
        && all.end() < text.len()
    {
        draft.source = Some(canonical_agency(src.as_str()));
        draft.dateline = Some(dl.as_str().to_string());
        draft.body = text[all.end()..].to_string();
        return draft;
    }
    if let Some((first, rest)) = text.split_once('\n')
        && is_headline(first)
    {
        draft.headline = Some(first.to_string());
        draft.body = rest.to_string();
        return draft;
    }
    draft.body = text;
    draft
}

/// `REUTERS` -> `Reuters`, `YONHAP` -> `Yonhap`; short acronyms (`AP`,
/// `AFP`, `ANSA`) and other spellings (`dpa`, `Reuters`) are kept.
fn canonical_agency(token: &str) -> String {
    if token.len() > 4 && token.chars().all(|c| c.is_ascii_uppercase()) {
        let lower = token.to_ascii_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        token.to_string()
    }
}

/// Whether a first line reads as a headline rather than a paragraph.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line
        .trim_end_matches(['"', '\'', ')', ']'])
        .chars()
        .next_back();
    let first = line.chars().next();
    (1..=MAX_HEADLINE_WORDS).contains(&words)
        && !matches!(last, None | Some('.' | '!' | '?' | ':' | ',' | ';' | '-'))
        && first.is_some_and(|c| !c.is_lowercase())
        && inline_dateline(&format!("{line} - X")).is_none_or(|d| d.len < line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_with_region() {
        let d = parse("AP, KYIV, Ukraine: Ukrainian President Volodymyr Zelenskyy said.\nMore.");
        assert_eq!(d.source.as_deref(), Some("AP"));
        assert_eq!(d.dateline.as_deref(), Some("KYIV, Ukraine"));
        assert_eq!(d.headline, None);
        assert_eq!(
            d.body,
            "Ukrainian President Volodymyr Zelenskyy said.\nMore."
        );
    }

    #[test]
    fn slug_variants() {
        let d = parse("REUTERS, SHARM EL-SHEIKH, Egypt: Envoys met.");
        assert_eq!(d.source.as_deref(), Some("Reuters"));
        assert_eq!(d.dateline.as_deref(), Some("SHARM EL-SHEIKH, Egypt"));
        let d = parse("dpa, BERLIN: Germany will pay.");
        assert_eq!(d.source.as_deref(), Some("dpa"));
        assert_eq!(d.dateline.as_deref(), Some("BERLIN"));
        let d = parse("AP, ST. LOUIS: About 3,200 machinists struck.");
        assert_eq!(d.dateline.as_deref(), Some("ST. LOUIS"));
        assert_eq!(d.body, "About 3,200 machinists struck.");
        let d = parse("REUTERS, THE HAGUE: The Netherlands will pay.");
        assert_eq!(d.dateline.as_deref(), Some("THE HAGUE"));
    }

    #[test]
    fn sentence_with_colon_is_not_a_slug() {
        let text = "The minister said one thing: talks will resume on Friday.";
        let d = parse(text);
        assert_eq!(d.source, None);
        assert_eq!(d.dateline, None);
        assert_eq!(d.body, text);
        let text = "Officials, however, warned: More strikes are coming.";
        let d = parse(text);
        assert_eq!(d.source, None);
        assert_eq!(d.body, text);
        // Uppercase-looking but lowercase place: not a slug.
        let d = parse("Reuters, Kyiv: a source said.");
        assert_eq!(d.source, None);
    }

    #[test]
    fn headline_first() {
        let d =
            parse("Trump-Putin summit in Budapest shelved after call\n\nWASHINGTON - A meeting.");
        assert_eq!(
            d.headline.as_deref(),
            Some("Trump-Putin summit in Budapest shelved after call")
        );
        assert_eq!(d.body, "WASHINGTON - A meeting.");
        assert_eq!(d.source, None);
    }

    #[test]
    fn first_paragraph_is_not_a_headline() {
        let text = "Pakistan and Afghanistan agreed to a ceasefire.\nThe two neighbours met.";
        let d = parse(text);
        assert_eq!(d.headline, None);
        assert_eq!(d.body, text);
        // Long line without a period.
        let long = format!("{}\nrest", "word ".repeat(25).trim());
        assert_eq!(parse(&long).headline, None);
        // Single line: no headline even if short.
        assert_eq!(parse("Short line only").headline, None);
        // A dateline alone on the first line is not a headline.
        assert_eq!(parse("KYIV, Ukraine (AP) -\nRussia struck.").headline, None);
        // Lowercase start.
        assert_eq!(parse("and then some\nMore text.").headline, None);
    }

    #[test]
    fn normalises_before_detection() {
        let d = parse("\u{201C}Deal\u{201D} reached in Doha\r\n\r\nQatar\u{2019}s envoy said so.");
        assert_eq!(d.headline.as_deref(), Some("\"Deal\" reached in Doha"));
        assert_eq!(d.body, "Qatar's envoy said so.");
    }
}
