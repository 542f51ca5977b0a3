//! Property tests: parsing and segmentation are total and well-formed.

use proptest::prelude::*;
use wirewatch::parse::parse_payload;
use wirewatch::text::{html_to_text, normalize, paragraphs, sentences};

/// Strings biased towards the characters the parsers care about.
fn wire_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("AP, KYIV, Ukraine: ".to_string()),
            Just("WASHINGTON (AP) \u{2014} ".to_string()),
            Just("U.S. ".to_string()),
            Just("Gen. ".to_string()),
            Just("a.m. ".to_string()),
            Just("... ".to_string()),
            Just("&amp;".to_string()),
            Just("&#8217;".to_string()),
            Just("<p>".to_string()),
            Just("{\"id\": ".to_string()),
            Just("\"body\": ".to_string()),
            Just("\n\n".to_string()),
            Just("\u{201C}".to_string()),
            Just("\u{00A0}".to_string()),
            Just("\u{200B}".to_string()),
            "[A-Za-z .!?;&#0-9\"'()\\-]{0,12}",
            any::<String>(),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_strings(s in any::<String>(), key in proptest::option::of(any::<String>())) {
        let _ = parse_payload(key.as_deref(), s.as_bytes(), 1 << 16);
    }

    #[test]
    fn parse_never_panics_on_wire_like(s in wire_like()) {
        if let Ok(story) = parse_payload(None, s.as_bytes(), 1 << 16) {
            prop_assert!(!story.body.is_empty());
            prop_assert_eq!(normalize(&story.body), story.body.clone());
        }
    }

    #[test]
    fn parse_never_panics_on_bytes(b in prop::collection::vec(any::<u8>(), 0..256), max in 0usize..300) {
        let _ = parse_payload(None, &b, max);
    }

    #[test]
    fn sentences_are_well_formed(s in prop_oneof![any::<String>(), wire_like()]) {
        check_sentences(&s)?;
        check_sentences(&normalize(&s))?;
    }

    #[test]
    fn normalize_is_idempotent(s in prop_oneof![any::<String>(), wire_like()]) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn html_to_text_is_normalised(s in wire_like()) {
        let text = html_to_text(&s);
        prop_assert_eq!(normalize(&text), text);
    }
}

fn check_sentences(body: &str) -> Result<(), TestCaseError> {
    let ss = sentences(body);
    let ps = paragraphs(body);
    let mut prev_end = 0;
    for s in &ss {
        prop_assert!(s.start < s.end, "empty span {:?}", s);
        prop_assert!(s.end <= body.len());
        prop_assert!(s.start >= prev_end, "overlap or disorder at {:?}", s);
        prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
        let text = &body[s.start..s.end];
        prop_assert_eq!(text, text.trim());
        let (ps_start, ps_end) = ps[s.paragraph];
        prop_assert!(
            ps_start <= s.start && s.end <= ps_end,
            "sentence outside its paragraph"
        );
        prev_end = s.end;
    }
    // Every non-whitespace character of the body is covered by some sentence.
    let covered: usize = ss
        .iter()
        .map(|s| {
            body[s.start..s.end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum();
    prop_assert_eq!(covered, body.chars().filter(|c| !c.is_whitespace()).count());
    Ok(())
}
